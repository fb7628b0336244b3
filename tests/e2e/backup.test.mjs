// Backups through the real UI: export, replace with a safety copy, restore a snapshot,
// merge from another device, and a corpus of hostile files that change nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { addCustomer, addSampleData, finish, openApp, waitReady } from "./harness.mjs";
import { BackupPage } from "./pages/backup.mjs";
import { CustomerFormPage } from "./pages/customer_form.mjs";
import { CustomersPage } from "./pages/customers.mjs";

const FIXTURES = new URL("../fixtures/backups/", import.meta.url).pathname;



test("a backup is downloaded, restored over newer data with a safety copy, and that copy restores", async () => {
  const app = await openApp();
  try {
    await addCustomer(app, "Xenia Backup");
    await addCustomer(app, "Yusuf Backup");
    await app.goto("/customers");
    await app.page.getByTestId("backup-reminder").waitFor();

    const backup = new BackupPage(app);
    await backup.open();
    const file = await backup.download();
    assert.match(file.name, /^rapport-backup-\d{4}-\d\d-\d\d\.json$/);
    assert.equal(file.json.format, "rapport-backup");
    assert.equal(file.json.counts.customers, 2);
    assert.deepEqual(file.json.data.customers.map((c) => c.name).sort(), ["Xenia Backup", "Yusuf Backup"]);
    await app.goto("/customers");
    assert.equal(await app.page.getByTestId("backup-reminder").count(), 0, "no reminder right after a backup");

    await addCustomer(app, "Zora Later");
    await backup.open();
    await backup.pickText("backup.json", file.text);
    await backup.waitForPreview();
    await backup.chooseReplace();
    assert.deepEqual(await backup.previewRow("customers"), { added: 0, updated: 0, unchanged: 2, deleted: 1 });
    await backup.confirm("Backup restored.");
    const list = new CustomersPage(app.page);
    await app.goto("/customers");
    await list.expectNames(["Xenia Backup", "Yusuf Backup"]);
    await app.page.reload();
    await waitReady(app.page);
    await list.expectNames(["Xenia Backup", "Yusuf Backup"]);

    await backup.open();
    const safety = app.page.locator("[data-testid=snapshot]", { hasText: "Before a restore" });
    await safety.first().waitFor();
    await safety.first().getByRole("button", { name: "Restore" }).click();
    await app.page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("Restored the snapshot"));
    await app.goto("/customers");
    await list.expectNames(["Xenia Backup", "Yusuf Backup", "Zora Later"]);
  } finally {
    await finish(app);
  }
});

test("a backup from another device is merged: both books end up in one", async () => {
  const laptop = await openApp();
  let file;
  try {
    await addCustomer(laptop, "Laptop Customer");
    const backup = new BackupPage(laptop);
    await backup.open();
    file = await backup.download();
  } finally {
    await finish(laptop);
  }
  const phone = await openApp({ viewport: { width: 390, height: 844 } });
  try {
    await addCustomer(phone, "Phone Customer");
    const backup = new BackupPage(phone);
    await backup.open();
    await backup.pickText("from-laptop.json", file.text);
    await backup.waitForPreview();
    assert.deepEqual(await backup.previewRow("customers"), { added: 1, updated: 0, unchanged: 0, deleted: 0 });
    await backup.confirm("Backup merged.");
    await phone.goto("/customers");
    await new CustomersPage(phone.page).expectNames(["Laptop Customer", "Phone Customer"]);
    // The same file again changes nothing.
    await backup.open();
    await backup.pickText("from-laptop.json", file.text);
    await backup.waitForPreview();
    assert.deepEqual(await backup.previewRow("customers"), { added: 0, updated: 0, unchanged: 1, deleted: 0 });
  } finally {
    await finish(phone);
  }
});

test("every hostile backup is refused with its path and the stored data stays byte-identical", async () => {
  const app = await openApp();
  try {
    await addSampleData(app, 15);
    const backup = new BackupPage(app);
    await backup.open();
    const before = (await backup.download()).json.data;

    const expected = JSON.parse(await readFile(join(FIXTURES, "expected.json"), "utf8"));
    const names = (await readdir(FIXTURES)).filter((n) => expected[n] && expected[n].kind !== "accepted").sort();
    assert.ok(names.length >= 30, `${names.length} hostile files`);
    for (const name of names) {
      await backup.open();
      await backup.pick(join(FIXTURES, name));
      const { summary, problems } = await backup.refusal();
      assert.match(summary, /Nothing was imported; your data is unchanged\./, name);
      const want = expected[name];
      if (want.kind === "invalid") {
        assert.ok(
          problems.some((p) => p.startsWith(`${want.path}: `) && p.includes(want.message)),
          `${name}: ${want.path} ${want.message} not in ${JSON.stringify(problems.slice(0, 5))}`,
        );
      } else {
        assert.ok(summary.includes(want.message) || want.message === null, `${name}: ${summary}`);
      }
    }
    await app.page.reload();
    await waitReady(app.page);
    await backup.open();
    const after = (await backup.download()).json.data;
    assert.equal(JSON.stringify(after.customers), JSON.stringify(before.customers));
    assert.equal(JSON.stringify({ ...after, settings: null }), JSON.stringify({ ...before, settings: null }), "records byte-identical");
    // Downloading a backup records its time; nothing else in the settings may differ.
    const plain = (s) => JSON.stringify({ ...s, last_backup_at: null, updated_at: null });
    assert.equal(plain(after.settings), plain(before.settings));
  } finally {
    await finish(app);
  }
});
