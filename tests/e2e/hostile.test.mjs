// Hostile text everywhere a person or a file can put it: always shown as text, never
// run, never made into a link outside http, https, mailto and tel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addCustomer, finish, openApp } from "./harness.mjs";
import { BackupPage } from "./pages/backup.mjs";
import { CustomerPage } from "./pages/customer.mjs";
import { CustomersPage } from "./pages/customers.mjs";

const XSS_NAME = `<img src=x onerror="window.__xss=1">Eve`;
const XSS_NOTES = `<script>window.__xss=2</script><a href="javascript:window.__xss=3">click</a>`;
const RTL = "Ann\u202Egnp.exe\u202C \u200Bzero\u200Dwidth";
const FIXTURES = new URL("../fixtures/", import.meta.url).pathname;

/** Nothing ran, and every link on the page uses an allowed scheme (or stays in the app). */
async function assertInert(page, where) {
  assert.equal(await page.evaluate(() => window.__xss), undefined, `${where}: a payload ran`);
  const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")));
  const bad = hrefs.filter((h) => !/^(\/|#|https?:\/\/|mailto:|tel:)/i.test(h));
  assert.deepEqual(bad, [], `${where}: links outside the allowed schemes`);
  assert.equal(await page.locator("img[src=x], script:not([src])").count(), 0, `${where}: markup from user text reached the DOM`);
}

test("hostile text in forms, backups and vCards is shown as text and never runs", async () => {
  const app = await openApp();
  try {
    const page = app.page;
    await addCustomer(app, { Name: XSS_NAME, Company: RTL, Tags: "<b>bold</b>, ok", Notes: XSS_NOTES, Website: "https://example.com/?q=<script>" });
    const customer = new CustomerPage(page);
    assert.equal(await customer.name(), XSS_NAME, "the name is shown exactly as typed");
    assert.equal((await page.getByTestId("customer-notes").textContent()), XSS_NOTES);
    await assertInert(page, "customer page");

    // Refused at the field: script links, markup in addresses, a 1 MB note.
    await app.goto("/customers/new");
    await page.getByLabel("Name", { exact: true }).fill("Mallory");
    await page.getByLabel("Website", { exact: true }).fill("javascript:window.__xss=4");
    await page.getByLabel("Email addresses", { exact: true }).fill(`"><svg onload=window.__xss=5>@x.com`);
    await page.getByLabel("Notes", { exact: true }).evaluate((el) => {
      el.value = "x".repeat(1_000_000);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.getByTestId("customer-form").locator("button[type=submit]").click();
    await page.waitForFunction(() => document.querySelector("#f-notes-error")?.textContent.includes("too long"));
    assert.match(await page.locator("#f-website-error").textContent(), /http or https/);
    assert.match(await page.locator("#f-emails-error").textContent(), /not a valid email address/);
    await assertInert(page, "refused form");

    // From files: a backup with markup in names, and a vCard with a script URL.
    const backup = new BackupPage(app);
    await backup.open();
    await backup.pick(FIXTURES + "backups/html-in-names.json");
    await backup.waitForPreview();
    await backup.confirm("Backup merged.");
    await page.getByTestId("contacts-file").setInputFiles(FIXTURES + "contacts/hostile.vcf");
    await page.getByTestId("contacts-summary").waitFor();
    assert.match(await page.getByTestId("contacts-problems").textContent(), /website: must be a web address/);
    await assertInert(page, "backup screen");

    await app.goto("/customers");
    const list = new CustomersPage(page);
    const names = await list.names();
    assert.ok(names.includes(XSS_NAME) && names.some((n) => n.startsWith("<img src=x onerror=alert(1)>")), names.join(" | "));
    await assertInert(page, "customer list");
    await list.search("onerror");
    await page.locator("[data-testid=customer-row]").first().click();
    await page.getByTestId("customer-page").waitFor();
    await assertInert(page, "imported customer page");
  } finally {
    await finish(app);
  }
});
