// The first vertical slice through the real UI: add, list, edit, archive, reload,
// offline, installability, and a phone-sized screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { addCustomer, finish, openApp, waitReady, waitForServiceWorker } from "./harness.mjs";
import { CustomersPage } from "./pages/customers.mjs";
import { CustomerFormPage } from "./pages/customer_form.mjs";
import { CustomerPage } from "./pages/customer.mjs";

const RESULTS = new URL("./results/", import.meta.url).pathname;



test("customers are added, listed, searched, edited, archived and survive a reload", async () => {
  const app = await openApp();
  try {
    const list = new CustomersPage(app.page);
    const form = new CustomerFormPage(app.page);
    const customer = new CustomerPage(app.page);
    await app.goto("/");
    await list.expectEmptyState();

    await addCustomer(app, {
      Name: "Ana Weber",
      "Found you through": "referral",
      "Email addresses": "ana@gruen.example",
      "Phone numbers": "+49 30 123456",
    });
    assert.equal(await customer.name(), "Ana Weber");
    assert.equal(await customer.channel(), "Referral");
    assert.equal(await customer.phase(), "Attention");
    assert.equal(await app.page.locator("a.contact[href='mailto:ana@gruen.example']").count(), 1);
    assert.equal(await app.page.locator("a.contact[href='tel:+4930123456']").count(), 1);

    await addCustomer(app, { Name: "Ben Ortiz", "Found you through": "website" });
    await app.goto("/customers");
    await list.expectNames(["Ana Weber", "Ben Ortiz"]);

    await app.page.reload();
    await waitReady(app.page);
    await list.expectNames(["Ana Weber", "Ben Ortiz"]);

    await list.search("ORTIZ");
    await list.expectNames(["Ben Ortiz"]);
    await list.search("");

    await list.openCustomer("Ana Weber");
    await customer.edit();
    await form.fill({ Company: "Grünwerk GmbH" });
    await form.save();
    await app.page.getByTestId("customer-page").waitFor();
    assert.match(await app.page.locator(".customer-head .sub").textContent(), /Grünwerk GmbH/);

    await customer.toggleArchive();
    assert.ok(await customer.isArchived());
    await app.goto("/customers");
    await list.expectNames(["Ben Ortiz"]);
    await list.showArchived(true);
    await list.expectNames(["Ana Weber"]);

    await app.page.reload();
    await waitReady(app.page);
    await list.showArchived(true);
    await list.expectNames(["Ana Weber"]);
    await list.openCustomer("Ana Weber");
    await customer.toggleArchive();
    assert.ok(!(await customer.isArchived()));
    await app.goto("/customers");
    await list.expectNames(["Ana Weber", "Ben Ortiz"]);
  } finally {
    await finish(app);
  }
});

test("invalid input is refused at the field and nothing is stored", async () => {
  const app = await openApp();
  try {
    const list = new CustomersPage(app.page);
    const form = new CustomerFormPage(app.page);
    await app.goto("/customers/new");
    await form.fill({ Name: "   ", "Email addresses": "ana@example", Website: "javascript:alert(1)" });
    await form.save();
    await app.page.waitForFunction(() => document.querySelector("#f-name-error")?.textContent.trim().length > 0);
    assert.equal(await form.errorFor("Name"), "Must not be empty");
    assert.equal(await form.errorFor("Email addresses"), "“ana@example” is not a valid email address");
    assert.equal(await form.errorFor("Website"), "Must be a web address (http or https)");
    assert.equal(await app.page.getByLabel("Name", { exact: true }).getAttribute("aria-invalid"), "true");
    await app.goto("/customers");
    await list.expectEmptyState();
  } finally {
    await finish(app);
  }
});

test("the installed app opens offline with its data, and Chromium reports it installable", async () => {
  const app = await openApp();
  try {
    const list = new CustomersPage(app.page);
    await addCustomer(app, { Name: "Clara Offline", "Found you through": "event" });
    await app.goto("/customers");
    await waitForServiceWorker(app.page);

    const cdp = await app.context.newCDPSession(app.page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, [], "Chromium sees an installable app");
    const manifest = await cdp.send("Page.getAppManifest");
    assert.deepEqual(manifest.errors, []);

    await app.context.setOffline(true);
    await app.page.reload();
    await waitReady(app.page);
    await list.expectNames(["Clara Offline"]);
    await app.page.goto(app.url + "/customers/new");
    await app.page.getByTestId("customer-form").waitFor();

    // Also with the server really gone, not only the network switched off.
    await app.context.setOffline(false);
    await app.server.close();
    await app.page.goto(app.url + "/customers");
    await waitReady(app.page);
    await list.expectNames(["Clara Offline"]);
  } finally {
    await finish(app);
  }
});

test("the list is readable on a 390×844 phone screen", async () => {
  const app = await openApp({ viewport: { width: 390, height: 844 } });
  try {
    const list = new CustomersPage(app.page);
    for (const name of ["Dora Phone", "Emil Longname-With-A-Very-Long-Company"]) {
      await addCustomer(app, { Name: name, Company: "A company name that is much too long for a small phone screen" });
    }
    await app.goto("/customers");
    await list.expectNames(["Dora Phone", "Emil Longname-With-A-Very-Long-Company"]);
    const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
    const row = await app.page.locator("[data-testid=customer-row]").first().boundingBox();
    assert.ok(row.height >= 44, "rows are big enough to tap");
    const addButton = await app.page.getByTestId("add-customer").boundingBox();
    assert.ok(addButton.height >= 44 && addButton.x + addButton.width <= 390);
    await mkdir(RESULTS, { recursive: true });
    await app.page.screenshot({ path: RESULTS + "phone-customers.png" });
    await list.openCustomer("Dora Phone");
    await app.page.screenshot({ path: RESULTS + "phone-customer.png", fullPage: true });
  } finally {
    await finish(app);
  }
});
