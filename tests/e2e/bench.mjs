// Rapport's benchmark (not part of the test run): seeds books through the real UI and
// storage layer in headless Chromium and prints timings. Usage:
//   node tests/e2e/bench.mjs [sizes...]     (default: 10000 50000)
import { openApp, waitReady } from "./harness.mjs";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [10000, 50000];
const RUNS = Number(process.env.BENCH_RUNS || 3);

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function seed(app, count) {
  const page = app.page;
  await app.goto("/settings");
  await page.getByTestId("sample-count").fill(String(count));
  const t0 = Date.now();
  await page.getByTestId("add-sample").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("sample customers"), null, {
    timeout: 600000,
  });
  const ms = Date.now() - t0;
  const notice = await page.getByTestId("notice").textContent();
  const records = Number((notice.match(/\(([\d]+) records\)/) || [])[1] || 0);
  return { ms, records };
}

/** Reloads the list and measures navigation → first row, and → everything loaded. */
async function startup(app) {
  const page = app.page;
  await page.goto(app.url + "/customers");
  await page.waitForSelector("[data-testid=customer-row]", { timeout: 600000 });
  const firstRow = await page.evaluate(() => performance.now());
  await waitReady(page);
  const ready = await page.evaluate(() => performance.now());
  const marks = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("rapport:")).map((m) => [m.name.slice(8), Math.round(m.startTime)])),
  );
  return { firstRow, ready, marks };
}

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Keystroke → list updated and painted, for `count` queries made of name fragments. */
async function searchTimings(app, count) {
  await app.goto("/customers");
  const names = await app.page.$$eval("[data-testid=customer-row] .row-name", (els) => els.map((e) => e.textContent));
  const queries = [];
  for (let i = 0; queries.length < count; i++) {
    const name = names[i % names.length] || "ana";
    const word = name.split(" ")[i % 2] || name;
    queries.push(word.slice(0, 2 + (i % 3)).toLowerCase());
  }
  const times = [];
  for (const q of queries) {
    times.push(
      await app.page.evaluate(async (text) => {
        const input = document.querySelector("[data-testid=search]");
        const t0 = performance.now();
        input.value = text;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, q),
    );
  }
  await app.page.evaluate(() => {
    const input = document.querySelector("[data-testid=search]");
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  return times;
}

/** Click on a row → customer page shown and painted. */
async function openCustomerTimings(app, count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    await app.goto("/customers");
    times.push(
      await app.page.evaluate(async (n) => {
        const rows = document.querySelectorAll("[data-testid=customer-row]");
        const row = rows[n % rows.length];
        const t0 = performance.now();
        row.click();
        while (!document.querySelector("[data-testid=customer-page] [data-testid=timeline]")) {
          await new Promise((r) => setTimeout(r, 1));
        }
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, i),
    );
  }
  return times;
}

/** Export (click → file saved) and validated import with replace (pick → committed). */
async function exportImport(app) {
  const { readFile } = await import("node:fs/promises");
  await app.goto("/backup");
  const page = app.page;
  let t0 = Date.now();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 600000 }), page.getByTestId("download-backup").click()]);
  const path = await download.path();
  const exportMs = Date.now() - t0;
  const bytes = (await readFile(path)).length;
  await page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("Backup saved"));
  t0 = Date.now();
  await page.getByTestId("backup-file").setInputFiles(path);
  await page.getByTestId("import-preview").waitFor({ timeout: 600000 });
  const checkMs = Date.now() - t0;
  await page.getByTestId("mode-replace").check();
  const t1 = Date.now();
  await page.getByTestId("confirm-import").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("Backup restored"), null, { timeout: 600000 });
  return { exportMs, bytes, checkMs, writeMs: Date.now() - t1, importMs: Date.now() - t0, text: await readFile(path, "utf8") };
}

/**
 * The same records written and read back by (a) raw IndexedDB in one transaction with
 * the same store shape, (b) Dexie (bulkPut / toArray), in the same browser, from the
 * backup Rapport itself exported. Medians over `runs`.
 */
async function baselines(app, backupText, runs) {
  const { readFile } = await import("node:fs/promises");
  const dexie = await readFile(new URL("./node_modules/dexie/dist/dexie.min.js", import.meta.url), "utf8");
  const page = app.page;
  await page.evaluate(dexie + "\n;0");
  const stores = ["customers", "touchpoints", "orders", "concerns", "follow_ups", "phase_changes"];
  const out = [];
  for (let r = 0; r < runs; r++) {
    out.push(
      await page.evaluate(
        async ({ text, stores, run }) => {
          const data = JSON.parse(text).data;
          const done = (req) => new Promise((ok, fail) => ((req.onsuccess = () => ok(req.result)), (req.onerror = () => fail(req.error))));
          const name = `bench-raw-${run}`;
          const open = indexedDB.open(name, 1);
          open.onupgradeneeded = () => {
            for (const s of stores) {
              const os = open.result.createObjectStore(s, { keyPath: "id" });
              if (s !== "customers") os.createIndex("by_customer", "customer_id");
            }
          };
          const db = await done(open);
          let t0 = performance.now();
          const tx = db.transaction(stores, "readwrite");
          for (const s of stores) for (const rec of data[s] || []) tx.objectStore(s).put(rec);
          await new Promise((ok, fail) => ((tx.oncomplete = ok), (tx.onerror = () => fail(tx.error))));
          const rawWrite = performance.now() - t0;
          t0 = performance.now();
          const rtx = db.transaction(stores);
          let rawCount = 0;
          for (const s of stores) rawCount += (await done(rtx.objectStore(s).getAll())).length;
          const rawRead = performance.now() - t0;
          db.close();
          indexedDB.deleteDatabase(name);

          const dx = new window.Dexie(`bench-dexie-${run}`);
          dx.version(1).stores(Object.fromEntries(stores.map((s) => [s, s === "customers" ? "id" : "id, customer_id"])));
          t0 = performance.now();
          await dx.transaction("rw", stores, async () => {
            for (const s of stores) await dx.table(s).bulkPut(data[s] || []);
          });
          const dexieWrite = performance.now() - t0;
          t0 = performance.now();
          let dexieCount = 0;
          for (const s of stores) dexieCount += (await dx.table(s).toArray()).length;
          const dexieRead = performance.now() - t0;
          dx.close();
          await window.Dexie.delete(`bench-dexie-${run}`);
          return { rawWrite, rawRead, dexieWrite, dexieRead, records: rawCount, dexieCount };
        },
        { text: backupText, stores, run: r },
      ),
    );
  }
  const med = (k) => Math.round(median(out.map((o) => o[k])));
  return { raw_write_ms: med("rawWrite"), raw_read_ms: med("rawRead"), dexie_write_ms: med("dexieWrite"), dexie_read_ms: med("dexieRead"), records: out[0].records };
}

const results = [];
for (const n of SIZES) {
  const app = await openApp();
  try {
    const s = await seed(app, n);
    const starts = [];
    for (let i = 0; i < RUNS; i++) starts.push(await startup(app));
    const transfer = await exportImport(app);
    const base = await baselines(app, transfer.text, RUNS);
    const search = await searchTimings(app, 50);
    const opens = await openCustomerTimings(app, 10);
    const heap = await app.page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
    results.push({
      customers: n,
      records: s.records,
      seed_and_write_ms: s.ms,
      write_records_per_s: Math.round((s.records / s.ms) * 1000),
      first_rows_ms: { median: Math.round(median(starts.map((x) => x.firstRow))), min: Math.round(Math.min(...starts.map((x) => x.firstRow))), max: Math.round(Math.max(...starts.map((x) => x.firstRow))) },
      fully_loaded_ms: { median: Math.round(median(starts.map((x) => x.ready))), min: Math.round(Math.min(...starts.map((x) => x.ready))), max: Math.round(Math.max(...starts.map((x) => x.ready))) },
      js_heap_mb: Math.round(heap / 1e6),
      search_keystroke_ms: { p50: Math.round(percentile(search, 50)), p95: Math.round(percentile(search, 95)), max: Math.round(Math.max(...search)) },
      open_customer_ms: { median: Math.round(median(opens)), min: Math.round(Math.min(...opens)), max: Math.round(Math.max(...opens)) },
      marks_last_start: starts[starts.length - 1].marks,
      export_ms: transfer.exportMs,
      backup_mb: Math.round(transfer.bytes / 1e5) / 10,
      import_check_ms: transfer.checkMs,
      import_write_ms: transfer.writeMs,
      import_total_ms: transfer.importMs,
      baseline: base,
      // Rapport's full load (activity read + apply, from the marks) against a plain getAll of the same records.
      load_vs_raw: Number(((starts[starts.length - 1].marks["activity-applied"] - starts[starts.length - 1].marks["open"]) / base.raw_read_ms).toFixed(2)),
      load_vs_dexie: Number(((starts[starts.length - 1].marks["activity-applied"] - starts[starts.length - 1].marks["open"]) / base.dexie_read_ms).toFixed(2)),
    });
  } finally {
    await app.close();
  }
}
console.table(
  results.map((r) => ({
    customers: r.customers,
    records: r.records,
    write_ms: r.seed_and_write_ms,
    first_rows_ms: r.first_rows_ms.median,
    loaded_ms: r.fully_loaded_ms.median,
    search_p50: r.search_keystroke_ms.p50,
    search_p95: r.search_keystroke_ms.p95,
    open_customer_ms: r.open_customer_ms.median,
    export_ms: r.export_ms,
    import_ms: r.import_total_ms,
    raw_write_ms: r.baseline.raw_write_ms,
    dexie_write_ms: r.baseline.dexie_write_ms,
    load_vs_raw: r.load_vs_raw,
    load_vs_dexie: r.load_vs_dexie,
    heap_mb: r.js_heap_mb,
  })),
);
console.log(JSON.stringify(results, null, 2));
