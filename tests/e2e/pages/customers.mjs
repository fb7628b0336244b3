// Page object: the customer list.
import assert from "node:assert/strict";

export class CustomersPage {
  constructor(page) {
    this.page = page;
  }

  async open(app) {
    await app.goto("/customers");
  }

  async addCustomer() {
    await this.page.getByTestId("add-customer").click();
    await this.page.getByTestId("customer-form").waitFor();
  }

  async search(text) {
    await this.page.getByTestId("search").fill(text);
  }

  async showArchived(on) {
    await this.page.getByTestId("show-archived").setChecked(on);
  }

  /** Names of the rows currently rendered, top to bottom. */
  async names() {
    return this.page.$$eval("[data-testid=customer-row] .row-name", (els) => els.map((e) => e.textContent));
  }

  async expectNames(expected) {
    await this.page.waitForFunction(
      (want) => {
        const got = [...document.querySelectorAll("[data-testid=customer-row] .row-name")].map((e) => e.textContent);
        return JSON.stringify(got) === JSON.stringify(want);
      },
      expected,
      { timeout: 10000 },
    ).catch(async () => assert.deepEqual(await this.names(), expected));
  }

  async openCustomer(name) {
    await this.page.locator("[data-testid=customer-row]", { hasText: name }).first().click();
    await this.page.getByTestId("customer-page").waitFor();
  }

  async expectEmptyState() {
    await this.page.getByTestId("empty-state").waitFor();
  }
}
