// The customer lifecycle through the real UI, each journey surviving a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addSampleData, finish, openApp, waitReady } from "./harness.mjs";
import { CustomerFormPage } from "./pages/customer_form.mjs";
import { CustomerPage } from "./pages/customer.mjs";
import { CustomersPage } from "./pages/customers.mjs";

async function newCustomer(app, name) {
  await app.goto("/customers/new");
  const form = new CustomerFormPage(app.page);
  await form.fill({ Name: name, "Found you through": "referral" });
  await form.save();
  await app.page.getByTestId("customer-page").waitFor();
  return new CustomerPage(app.page);
}

async function reload(app) {
  await app.page.reload();
  await waitReady(app.page);
  await app.page.getByTestId("customer-page").waitFor();
}


test("a prospect becomes a committed customer through two completed orders", async () => {
  const app = await openApp();
  try {
    const c = await newCustomer(app, "Greta Prospect");
    assert.equal(await c.phase(), "Attention");
    assert.equal(await c.stepperPhase(), "Attention");

    await c.logContact({ kind: "website_visit", channel: "website", twoWay: false, summary: "Looked at the portfolio" });
    await c.waitForNotice("Contact logged.");
    assert.equal(await c.phase(), "Attention", "a one-way touch builds no trust yet");

    await c.logContact({ summary: "First call about a new website" });
    await c.waitForNotice("Moved to Creating trust.");
    await c.waitForPhase("Creating trust");

    await c.placeOrder("Website relaunch", "1,200.50");
    await c.waitForNotice("Moved to Purchase.");
    await c.completeOrder("Website relaunch");
    await c.waitForNotice("Moved to After purchase.");
    await c.waitForPhase("After purchase");

    await c.placeOrder("Newsletter template", "800");
    await c.waitForNotice("Order saved.");
    assert.equal(await c.phase(), "After purchase", "an order in After purchase does not move the customer");
    await c.completeOrder("Newsletter template");
    await c.waitForNotice("Moved to Commitment.");
    await c.waitForPhase("Commitment");

    await reload(app);
    assert.equal(await c.phase(), "Commitment");
    assert.equal(await c.stepperPhase(), "Commitment");
    assert.equal(await c.figure("purchase-count"), "2");
    assert.equal(await c.figure("lifetime-value"), "2,000.50 EUR");
    const history = await c.history();
    assert.equal(history.length, 5);
    assert.match(history[1], /Attention → Creating trust \(a two-way conversation was logged\)/);
    assert.match(history[4], /After purchase → Commitment \(an order was completed\)/);
    const timeline = await app.page.$$eval("[data-testid=timeline] li strong", (els) => els.map((e) => e.textContent));
    assert.ok(timeline.includes("Order completed") && timeline.includes("Order placed") && timeline.includes("Call · Phone · two-way"));
  } finally {
    await finish(app);
  }
});

test("a complaint is received, answered and resolved", async () => {
  const app = await openApp();
  try {
    const c = await newCustomer(app, "Hannes Complaint");
    await c.receiveConcern("complaint", "The logo colours are wrong on the print files");
    await c.waitForNotice("Concern recorded.");
    assert.equal(await c.concernStatus("logo colours"), "Open");
    await reload(app);
    await c.answerConcern("logo colours", "Corrected files are attached; sorry for the trouble.");
    await c.waitForNotice("Answer saved.");
    await reload(app);
    assert.equal(await c.concernStatus("logo colours"), "Answered");
    await c.resolveConcern("logo colours");
    await reload(app);
    assert.equal(await c.concernStatus("logo colours"), "Resolved");
    assert.match(await c.concern("logo colours").textContent(), /Corrected files are attached/);
  } finally {
    await finish(app);
  }
});

test("a manual phase move keeps its reason; archive and restore", async () => {
  const app = await openApp();
  try {
    const c = await newCustomer(app, "Ida Manual");
    await c.movePhase("win_back", "Was a customer before we used Rapport");
    await c.waitForNotice("Moved to Winning back.");
    await c.waitForPhase("Winning back");
    await reload(app);
    const history = await c.history();
    assert.match(history[history.length - 1], /Attention → Winning back \(moved by hand: Was a customer before we used Rapport\)/);

    // A move without a reason is refused at the field.
    await c.movePhase("trust", "   ");
    await app.page.waitForFunction(() => document.querySelector("#f-move-reason-error")?.textContent.length > 0);
    assert.match(await app.page.locator("#f-move-reason-error").textContent(), /Must say why/);
    assert.equal(await c.phase(), "Winning back");

    await c.toggleArchive();
    await reload(app);
    assert.ok(await c.isArchived());
    await c.toggleArchive();
    await reload(app);
    assert.ok(!(await c.isArchived()));
  } finally {
    await finish(app);
  }
});

test("a playbook suggestion becomes a follow-up in one tap and can be ticked off", async () => {
  const app = await openApp();
  try {
    const c = await newCustomer(app, "Jonas Follow");
    const suggestion = app.page.locator("[data-testid=suggestions] button", { hasText: "Make first contact" });
    await suggestion.click();
    await c.waitForNotice("Follow-up added.");
    const item = app.page.locator("[data-testid=follow-up]", { hasText: "Make first contact" });
    await item.waitFor();
    assert.equal(await app.page.locator("[data-testid=suggestions] button", { hasText: "Make first contact" }).count(), 0);
    await item.locator("input[type=checkbox]").check();
    await c.waitForNotice("Follow-up done.");
    await reload(app);
    assert.ok(await app.page.locator("[data-testid=follow-up].done", { hasText: "Make first contact" }).isVisible());
  } finally {
    await finish(app);
  }
});

test("the list filters by phase and sorts by lifetime value", async () => {
  const app = await openApp();
  try {
    await addSampleData(app, 60);
    await app.goto("/customers");
    const list = new CustomersPage(app.page);
    await app.page.getByLabel("Phase", { exact: true }).selectOption("commitment");
    await app.page.waitForFunction(() => document.querySelectorAll("[data-testid=customer-row]").length > 0);
    const phases = await app.page.$$eval("[data-testid=customer-row] .badge:not(.sample)", (els) => els.map((e) => e.textContent));
    assert.ok(phases.length > 0 && phases.every((p) => p === "Commitment"), phases.join(","));
    assert.ok((await list.names()).length > 0);
    await app.page.getByLabel("Phase", { exact: true }).selectOption("");
    await app.page.getByLabel("Sort by", { exact: true }).selectOption("lifetime_value");
    await app.page.waitForFunction(() => document.querySelector("[data-testid=row-meta]")?.textContent.includes("EUR"));
    const values = await app.page.$$eval("[data-testid=row-meta]", (els) => els.map((e) => Number(e.dataset.value)));
    assert.ok(values.length > 5);
    assert.ok(values.every((v, i) => i === 0 || values[i - 1] >= v), `lifetime values descending: ${values}`);
    assert.ok(values[0] > 0);
  } finally {
    await finish(app);
  }
});

test("an edited playbook step is suggested for new customers", async () => {
  const app = await openApp();
  try {
    await app.goto("/settings");
    const form = app.page.getByTestId("playbook-form");
    await form.getByRole("button", { name: "Add a step to Attention" }).click();
    const titles = form.locator("fieldset").first().locator("input:not(.days)");
    await titles.last().fill("");
    await form.getByRole("button", { name: "Save playbook" }).click();
    await app.page.waitForFunction(() => document.querySelector("[data-testid=playbook-form] ul.error")?.textContent.includes("Attention, step 2 (title): must not be empty"));
    await titles.last().fill("Send a welcome pack");
    await form.getByRole("button", { name: "Save playbook" }).click();
    await app.page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("Playbook saved."));

    const c = await newCustomer(app, "Karl Playbook");
    await app.page.locator("[data-testid=suggestions] button", { hasText: "Send a welcome pack" }).waitFor();
    await reload(app);
    await app.page.locator("[data-testid=suggestions] button", { hasText: "Send a welcome pack" }).waitFor();
    assert.equal(await c.phase(), "Attention");
  } finally {
    await finish(app);
  }
});
