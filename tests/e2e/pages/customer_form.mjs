// Page object: the add/edit customer form.

export class CustomerFormPage {
  constructor(page) {
    this.page = page;
  }

  field(label) {
    return this.page.getByLabel(label, { exact: false });
  }

  async fill(values) {
    for (const [label, value] of Object.entries(values)) {
      const input = this.page.getByLabel(label, { exact: true });
      const tag = await input.evaluate((el) => el.tagName);
      if (tag === "SELECT") await input.selectOption(value);
      else if ((await input.getAttribute("type")) === "checkbox") await input.setChecked(Boolean(value));
      else await input.fill(value);
    }
  }

  async save() {
    await this.page.getByTestId("customer-form").locator("button[type=submit]").click();
  }

  /** The error message shown under the field with this label. */
  async errorFor(label) {
    const input = this.page.getByLabel(label, { exact: true });
    const id = await input.getAttribute("id");
    return (await this.page.locator(`#${id}-error`).textContent()).trim();
  }
}
