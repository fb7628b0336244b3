// Page object: one customer's page (the 360° view) and its actions.

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

  /** The phase the stepper marks as current. */
  async stepperPhase() {
    return (await this.page.locator("[data-testid=phase-stepper] [aria-current=step]").textContent()).trim();
  }

  async waitForPhase(label) {
    await this.page.waitForFunction(
      (want) => document.querySelector(".customer-head .badge")?.textContent.trim() === want,
      label,
      { timeout: 10000 },
    );
  }

  async notice() {
    return (await this.page.getByTestId("notice").textContent()).replace(/Dismiss$/, "").trim();
  }

  async waitForNotice(text) {
    await this.page.waitForFunction((t) => document.querySelector("[data-testid=notice]")?.textContent.includes(t), text, {
      timeout: 10000,
    });
  }

  async logContact({ kind = "call", channel = "phone", twoWay = true, summary = "" } = {}) {
    await this.page.getByTestId("log-contact").click();
    const form = this.page.getByTestId("touchpoint-form");
    await form.getByLabel("What", { exact: true }).selectOption(kind);
    await form.getByLabel("Channel", { exact: true }).selectOption(channel);
    await form.getByLabel("A real two-way conversation").setChecked(twoWay);
    await form.getByLabel("Summary").fill(summary);
    await form.locator("button[type=submit]").click();
    await form.waitFor({ state: "detached" });
  }

  async placeOrder(description, amount) {
    await this.page.getByTestId("new-order").click();
    const form = this.page.getByTestId("order-form");
    await form.getByLabel("What was ordered").fill(description);
    await form.getByLabel(/^Amount/).fill(amount);
    await form.locator("button[type=submit]").click();
    await form.waitFor({ state: "detached" });
  }

  order(description) {
    return this.page.locator("[data-testid=order]", { hasText: description });
  }

  async completeOrder(description) {
    const card = this.order(description);
    await card.getByTestId("complete-order").click();
    await this.page.waitForFunction(
      (d) => [...document.querySelectorAll("[data-testid=order]")].some((o) => o.textContent.includes(d) && o.textContent.includes("Completed ·")),
      description,
    );
  }

  async receiveConcern(kind, text) {
    await this.page.getByTestId("new-concern").click();
    const form = this.page.getByTestId("concern-form");
    await form.getByLabel("Kind of concern").selectOption(kind);
    await form.getByLabel("What they said").fill(text);
    await form.locator("button[type=submit]").click();
    await form.waitFor({ state: "detached" });
  }

  concern(text) {
    return this.page.locator("[data-testid=concern]", { hasText: text });
  }

  async answerConcern(text, answer) {
    const card = this.concern(text);
    await card.getByLabel("Your answer").fill(answer);
    await card.getByTestId("answer-concern").click();
    await this.page.waitForFunction((t) => [...document.querySelectorAll("[data-testid=concern]")].some((c) => c.textContent.includes(t) && c.querySelector("[data-testid=concern-status]").textContent === "Answered"), text);
  }

  async resolveConcern(text) {
    await this.concern(text).getByTestId("resolve-concern").click();
    await this.page.waitForFunction((t) => [...document.querySelectorAll("[data-testid=concern]")].some((c) => c.textContent.includes(t) && c.querySelector("[data-testid=concern-status]").textContent === "Resolved"), text);
  }

  async concernStatus(text) {
    return (await this.concern(text).getByTestId("concern-status").textContent()).trim();
  }

  async movePhase(toValue, reason) {
    await this.page.getByTestId("move-phase").click();
    const form = this.page.getByTestId("move-form");
    await form.getByLabel("New phase").selectOption(toValue);
    await form.getByLabel("Reason").fill(reason);
    await form.locator("button[type=submit]").click();
  }

  async history() {
    return this.page.$$eval("[data-testid=phase-history] li", (els) => els.map((e) => e.textContent.trim()));
  }

  async figure(testid) {
    return (await this.page.getByTestId(testid).textContent()).trim();
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
