// Storage behaviour seen from the browser: other tabs, schema upgrades by another tab,
// a full disk.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addSampleData, finish, openApp, waitReady } from "./harness.mjs";
import { CustomersPage } from "./pages/customers.mjs";
import { CustomerFormPage } from "./pages/customer_form.mjs";

async function addCustomer(page, name) {
  await page.getByTestId("add-customer").click();
  const form = new CustomerFormPage(page);
  await form.fill({ Name: name });
  await form.save();
  await page.getByTestId("customer-page").waitFor();
}


/** Customer names stored in IndexedDB, read with the raw browser API. */
async function storedNames(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("rapport");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction("customers").objectStore("customers").getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result.filter((c) => !c.deleted_at).map((c) => c.name).sort());
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

test("a change in one tab appears in the other without a reload", async () => {
  const app = await openApp();
  try {
    await app.goto("/customers");
    const second = await app.context.newPage();
    await second.goto(app.url + "/customers");
    await waitReady(second);

    await addCustomer(app.page, "Tab One Customer");
    await new CustomersPage(second).expectNames(["Tab One Customer"]);

    await second.getByTestId("add-customer").click();
    await new CustomerFormPage(second).fill({ Name: "Tab Two Customer" });
    await new CustomerFormPage(second).save();
    await second.getByTestId("customer-page").waitFor();
    await app.goto("/customers");
    await new CustomersPage(app.page).expectNames(["Tab One Customer", "Tab Two Customer"]);
    await second.close();
  } finally {
    await finish(app);
  }
});

test("an upgrade by another tab closes this tab's connection, and a newer database is refused, not wiped", async () => {
  const app = await openApp();
  try {
    await app.goto("/customers");
    await addCustomer(app.page, "Kept Safe");
    // Another tab opens the database at a newer schema version (as a newer Rapport would).
    const other = await app.context.newPage();
    // A plain same-origin page, so this tab holds no connection of its own.
    await other.goto(app.url + "/icons/icon-192.png");
    const upgraded = await other.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open("rapport", 99);
          open.onblocked = () => resolve("blocked");
          open.onsuccess = () => {
            open.result.close();
            resolve("upgraded");
          };
          open.onerror = () => reject(open.error);
        }),
    );
    assert.equal(upgraded, "upgraded", "this tab let go of its connection instead of blocking the upgrade");
    await app.page.getByText("Rapport was updated in another tab").waitFor();

    await app.page.reload();
    await app.page.getByTestId("load-error").waitFor();
    assert.match(await app.page.getByTestId("load-error").textContent(), /saved by a newer version of Rapport/);
    assert.deepEqual(await storedNames(app.page), ["Kept Safe"], "nothing was deleted");
    await other.close();
  } finally {
    await finish(app);
  }
});

test("a full disk shows a clear message and keeps everything already stored", async () => {
  const app = await openApp();
  try {
    const list = new CustomersPage(app.page);
    // A small quota for this origin, set before it stores anything (Chromium's own quota
    // check): room for the app shell cache and a few customers, not for a large book.
    const cdp = await app.context.newCDPSession(app.page);
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: app.url, quotaSize: 4 * 1024 * 1024 });
    await app.goto("/customers");
    await addCustomer(app.page, "Stored Before");

    await app.goto("/settings");
    await app.page.getByTestId("sample-count").fill("3000");
    await app.page.getByTestId("add-sample").click();
    await app.page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("storage space"));
    assert.match(await app.page.getByTestId("notice").textContent(), /out of storage space for Rapport\. Nothing was changed/);

    await app.goto("/customers");
    await list.expectNames(["Stored Before"]);
    await app.page.reload();
    await waitReady(app.page);
    await list.expectNames(["Stored Before"]);
    assert.deepEqual(await storedNames(app.page), ["Stored Before"]);

    // With space again, the same action works.
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: app.url });
    await addSampleData(app, 20);
    assert.equal((await storedNames(app.page)).length, 21);
  } finally {
    await finish(app);
  }
});

test("a change from a stale tab never overwrites a newer one: it is refused with a message and the latest data shown", async () => {
  const app = await openApp();
  try {
    await app.goto("/customers");
    await addCustomer(app.page, "Conflict Carla");
    // Another tab changes Carla directly, and its message to this tab is delayed.
    const other = await app.context.newPage();
    await other.goto(app.url + "/icons/icon-192.png");
    await other.evaluate(
      () =>
        new Promise((ok, fail) => {
          const open = indexedDB.open("rapport");
          open.onsuccess = () => {
            const db = open.result;
            const store = db.transaction("customers", "readwrite").objectStore("customers");
            const all = store.getAll();
            all.onsuccess = () => {
              const carla = all.result.find((c) => c.name === "Conflict Carla");
              carla.company = "Changed elsewhere";
              carla.updated_at = new Date(Date.now() + 1000).toISOString().replace(/\.\d+Z$/, "Z");
              store.put(carla).onsuccess = () => {
                db.close();
                ok();
              };
            };
          };
          open.onerror = () => fail(open.error);
        }),
    );
    await other.close();

    // This tab still shows the old Carla and archives her from that copy.
    await app.page.getByTestId("archive-toggle").click();
    await app.page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("changed in another tab"));
    await app.page.waitForFunction(() => document.querySelector(".customer-head .sub")?.textContent.includes("Changed elsewhere"));
    assert.equal(await app.page.getByTestId("archive-toggle").textContent(), "Archive", "the refused change was not applied");
    // Now from the latest version, the same action goes through and keeps the other change.
    await app.page.getByTestId("archive-toggle").click();
    await app.page.getByTestId("archived-note").waitFor();
    const stored = await storedNames(app.page);
    assert.deepEqual(stored, ["Conflict Carla"]);
    assert.match(await app.page.locator(".customer-head .sub").textContent(), /Changed elsewhere/);
  } finally {
    await finish(app);
  }
});
