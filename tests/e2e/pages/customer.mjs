// Page object: one customer's page.

export class CustomerPage {
  constructor(page) {
    this.page = page;
  }

  async name() {
    return (await this.page.getByTestId("customer-name").textContent()).trim();
  }

  async channel() {
    return (await this.page.getByTestId("customer-channel").textContent()).trim();
  }

  async phase() {
    return (await this.page.locator(".customer-head .badge").textContent()).trim();
  }

  async edit() {
    await this.page.getByTestId("edit-customer").click();
    await this.page.getByTestId("customer-form").waitFor();
  }

  async toggleArchive() {
    const before = await this.page.getByTestId("archive-toggle").textContent();
    await this.page.getByTestId("archive-toggle").click();
    await this.page.waitForFunction(
      (b) => document.querySelector("[data-testid=archive-toggle]")?.textContent !== b,
      before,
    );
  }

  async isArchived() {
    return (await this.page.getByTestId("archived-note").count()) > 0;
  }
}
