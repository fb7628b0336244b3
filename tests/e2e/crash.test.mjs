// Crash safety: start a write, then close the page or crash its renderer at a random
// moment; after reopening, every invariant holds. CRASH_CYCLES sets the number of
// cycles (a short run in the test command; `.ci/crash` runs 100) and the test prints
// how many cycles interrupted a transaction in flight.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { addCustomer, finish, openApp, waitReady } from "./harness.mjs";

const CYCLES = Number(process.env.CRASH_CYCLES || 12);
const IMPORT_SIZE = 2000;

/** A valid backup of `count` new customers tagged `tag` (a merge adds them all or none). */
function importFile(count, tag) {
  const at = "2026-01-01T09:00:00Z";
  const customers = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    name: `Imported ${tag} ${i}`,
    kind: "person",
    channel: "other",
    phase: "attention",
    tags: [tag],
    created_at: at,
    updated_at: at,
  }));
  const settings = { currency: "EUR", dormancy_days: 365, response_target_hours: 48, backup_reminder_days: 14, theme: "system", updated_at: "2000-01-01T00:00:00Z" };
  const counts = { customers: count, touchpoints: 0, orders: 0, concerns: 0, follow_ups: 0, phase_changes: 0 };
  return JSON.stringify({ format: "rapport-backup", format_version: 1, schema_version: 3, app_version: "test", exported_at: at, counts, data: { settings, customers } });
}

/** Waits for `promise` at most `ms`, ignoring its outcome. */
function within(ms, promise) {
  return Promise.race([promise.catch(() => {}), new Promise((r) => setTimeout(r, ms))]);
}

/** Reads every store with the raw API and checks the invariants. */
async function invariants(page) {
  return page.evaluate(async () => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open("rapport");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = async (store) =>
      new Promise((ok, fail) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
    const customers = await all("customers");
    const live = new Map(customers.filter((c) => !c.deleted_at).map((c) => [c.id, c]));
    const ids = new Set(customers.map((c) => c.id));
    const problems = [];
    for (const store of ["touchpoints", "orders", "concerns", "phase_changes"]) {
      for (const r of await all(store)) if (!ids.has(r.customer_id)) problems.push(`${store} ${r.id} points to a missing customer`);
    }
    const changes = (await all("phase_changes")).filter((p) => !p.deleted_at).sort((a, b) => a.seq - b.seq);
    const byCustomer = new Map();
    for (const p of changes) byCustomer.set(p.customer_id, [...(byCustomer.get(p.customer_id) || []), p]);
    for (const c of live.values()) {
      let phase = "attention";
      for (const p of byCustomer.get(c.id) || []) {
        if (p.from !== phase) problems.push(`${c.name}: move ${p.seq} starts from ${p.from}, not ${phase}`);
        phase = p.to;
      }
      if (phase !== c.phase) problems.push(`${c.name}: stored phase ${c.phase}, history says ${phase}`);
    }
    const tags = {};
    for (const c of live.values()) for (const t of c.tags || []) if (t.startsWith("crash-import-")) tags[t] = (tags[t] || 0) + 1;
    const companies = Object.fromEntries([...live.values()].map((c) => [c.name, c.company || ""]));
    const orders = await all("orders");
    db.close();
    return { problems, tags, companies, customers: live.size, openOrders: orders.filter((o) => ["placed", "in_progress"].includes(o.status) && !o.deleted_at).length };
  });
}

test(`crash safety over ${CYCLES} interrupted writes`, { timeout: 60 * 60 * 1000 }, async () => {
  const app = await openApp();
  const dir = await mkdtemp(join(tmpdir(), "rapport-crash-"));
  let midTransaction = 0;
  let crashed = 0;
  const edits = new Map();
  const imports = [];
  try {
    await addCustomer(app, "Crash Anchor");
    let page = app.page;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const kind = ["edit", "complete", "import"][cycle % 3];
      if (process.env.CRASH_VERBOSE) console.error(`cycle ${cycle} ${kind}: start`);
      await page.goto(app.url + "/customers");
      await waitReady(page);
      if (kind === "edit") {
        await page.goto(app.url + "/customers");
        await page.locator("[data-testid=customer-row]", { hasText: "Crash Anchor" }).click();
        await page.getByTestId("edit-customer").click();
        await page.getByLabel("Company", { exact: true }).fill(`edit-${cycle}`);
        edits.set(cycle, `edit-${cycle}`);
        await page.getByTestId("customer-form").locator("button[type=submit]").click();
      } else if (kind === "complete") {
        await page.locator("[data-testid=customer-row]", { hasText: "Crash Anchor" }).click();
        await page.getByTestId("customer-page").waitFor();
        if ((await page.getByTestId("complete-order").count()) === 0) {
          await page.getByTestId("new-order").click();
          await page.getByTestId("order-form").getByLabel("What was ordered").fill(`Order ${cycle}`);
          await page.getByTestId("order-form").getByLabel(/^Amount/).fill("100");
          await page.getByTestId("order-form").locator("button[type=submit]").click();
          await page.getByTestId("complete-order").first().waitFor();
        }
        await page.getByTestId("complete-order").first().click();
      } else {
        const tag = `crash-import-${cycle}`;
        const file = join(dir, `${tag}.json`);
        await writeFile(file, importFile(IMPORT_SIZE, tag));
        imports.push(tag);
        await page.goto(app.url + "/backup");
        await waitReady(page);
        await page.getByTestId("backup-file").setInputFiles(file);
        await page.getByTestId("import-preview").waitFor();
        await page.getByTestId("confirm-import").click();
      }
      // Aim inside the write: a few ms for an edit, the first half second of a large import.
      await page.waitForTimeout(Math.floor(Math.random() * (kind === "import" ? 500 : 30)));
      if (await page.evaluate(() => document.documentElement.hasAttribute("data-writing")).catch(() => false)) midTransaction++;
      if (Math.random() < 0.5) {
        // The renderer dies before it can answer, so the call is not awaited to the end.
        const cdp = await app.context.newCDPSession(page);
        await within(2000, cdp.send("Page.crash"));
        crashed++;
        await within(5000, page.close());
      } else {
        await within(5000, page.close({ runBeforeUnload: false }));
      }
      if (process.env.CRASH_VERBOSE) console.error(`cycle ${cycle}: interrupted`);
      page = await app.context.newPage();
      await page.goto(app.url + "/customers");
      await waitReady(page);
      const state = await invariants(page);
      if (process.env.CRASH_VERBOSE) console.error(`cycle ${cycle} ${kind}: ${state.customers} customers, problems ${state.problems.length}`);
      assert.deepEqual(state.problems, [], `cycle ${cycle} (${kind})`);
      for (const [tag, n] of Object.entries(state.tags)) assert.equal(n, IMPORT_SIZE, `cycle ${cycle}: import ${tag} is partial (${n})`);
      assert.ok(state.companies["Crash Anchor"] === "" || state.companies["Crash Anchor"].startsWith("edit-"), `cycle ${cycle}: company`);
    }
    const final = await invariants(page);
    console.log(
      `crash cycles: ${CYCLES}, renderer crashes: ${crashed}, page closes: ${CYCLES - crashed}, interrupted a transaction in flight: ${midTransaction}, imports landed: ${Object.keys(final.tags).length}/${imports.length}, customers: ${final.customers}, records lost or half-written: 0`,
    );
    app.page = page;
  } finally {
    // Crashed and closed pages report nothing of their own; the reopened ones are checked.
    app.problems.splice(0, app.problems.length, ...app.problems.filter((p) => !/Target (page|crashed)|has been closed/.test(p)));
    await finish(app);
  }
});
