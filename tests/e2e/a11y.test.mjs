// axe-core on every screen: no violations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addSampleData, axeViolations, finish, openApp } from "./harness.mjs";

test("every screen passes axe-core with no violations, light and dark", async () => {
  const app = await openApp();
  try {
    const check = async (label) => {
      const violations = await axeViolations(app.page);
      assert.deepEqual(violations, [], `${label}: ${JSON.stringify(violations, null, 1)}`);
    };
    await app.goto("/customers");
    await check("empty customer list");
    await app.goto("/customers/new");
    await check("new customer form");
    await app.page.locator("form button[type=submit]").click();
    await app.page.waitForFunction(() => document.querySelector("#f-name-error")?.textContent.length > 0);
    await check("new customer form with errors");
    await addSampleData(app, 40);
    await check("settings");
    await app.goto("/customers");
    await check("customer list");
    await app.page.locator("[data-testid=customer-row]").first().click();
    await app.page.getByTestId("customer-page").waitFor();
    for (const panel of ["log-contact", "new-order", "new-concern", "move-phase"]) {
      await app.page.getByTestId(panel).click();
    }
    await check("customer page with every panel open");
    await app.goto("/backup");
    await check("backup");
    const contacts = new URL("../fixtures/contacts/google.csv", import.meta.url).pathname;
    await app.page.getByTestId("contacts-file").setInputFiles(contacts);
    await app.page.getByTestId("contacts-mapping").waitFor();
    await check("backup with the contact mapping step");
    const hostile = new URL("../fixtures/backups/three-problems.json", import.meta.url).pathname;
    await app.page.getByTestId("backup-file").setInputFiles(hostile);
    await app.page.getByTestId("import-refused").waitFor();
    await check("backup with a refused file");
    await app.page.goto(app.url + "/no/such/page");
    await app.page.waitForSelector("main#main[tabindex]");
    await check("not found");
    await app.page.emulateMedia({ colorScheme: "dark" });
    await app.goto("/customers");
    await check("customer list, dark");
    await app.page.locator("[data-testid=customer-row]").first().click();
    await app.page.getByTestId("customer-page").waitFor();
    await check("customer page, dark");
  } finally {
    await finish(app);
  }
});
