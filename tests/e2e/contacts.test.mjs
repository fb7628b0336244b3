// Contacts through the real UI: CSV with a mapping step, vCard, CSV export.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { finish, openApp } from "./harness.mjs";
import { CustomersPage } from "./pages/customers.mjs";

const FIXTURES = new URL("../fixtures/contacts/", import.meta.url).pathname;

test("contacts come in from a Google CSV and an iPhone vCard, and go out as CSV", async () => {
  const app = await openApp();
  try {
    const page = app.page;
    await app.goto("/backup");
    await page.getByTestId("contacts-file").setInputFiles(FIXTURES + "google.csv");
    await page.getByTestId("contacts-mapping").waitFor();
    assert.equal(await page.getByLabel("E-mail 1 - Value", { exact: true }).inputValue(), "email");
    assert.equal(await page.getByLabel("E-mail 1 - Type", { exact: true }).inputValue(), "ignore");
    await page.getByTestId("contacts-check").click();
    await page.getByTestId("contacts-summary").waitFor();
    assert.equal(await page.getByTestId("contacts-ready").textContent(), "2 contacts are ready to import.");
    assert.match(await page.getByTestId("contacts-problems").textContent(), /Row 4: emails: “broken\(at\)example\.com” is not a valid email address/);
    assert.match(await page.getByTestId("contacts-duplicates").textContent(), /1 contacts have an email that is already in Rapport/);
    await page.getByTestId("contacts-import").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("Contacts imported"));

    await page.getByTestId("contacts-file").setInputFiles(FIXTURES + "iphone.vcf");
    await page.getByTestId("contacts-summary").waitFor();
    await page.getByTestId("contacts-import").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("Contacts imported"));

    await app.goto("/customers");
    await new CustomersPage(page).expectNames(["Ana Weber", "Jonas Keller", "Yara Costa", "Zoë Álvarez"]);

    await app.goto("/backup");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const csv = await readFile(await download.path(), "utf8");
    assert.equal(download.suggestedFilename(), "rapport-customers.csv");
    assert.ok(csv.startsWith("\ufeffName,Kind,Company"));
    assert.match(csv, /"Met at the fair, hall 3\r?\nPrefers email"/);
  } finally {
    await finish(app);
  }
});
