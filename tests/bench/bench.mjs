// Rapport's benchmark (not part of the test run). `bash .ci/bench [sizes...]` builds the
// release app and runs this file; it serves dist/ on 127.0.0.1, drives headless
// Chromium, prints a table and writes bench-results/bench-<time>.json.
//
//   node tests/bench/bench.mjs [sizes...]   (default: 10000 50000; BENCH_RUNS=3)
//   node tests/bench/bench.mjs --shell-only (bundle and Lighthouse only)
//   node tests/bench/bench.mjs --table FILE (prints the table of an earlier JSON)
//
// Each repeated figure is the median of BENCH_RUNS runs with min and max. The machine
// is shared and noisy: ratios measured in the same run are the headline.
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { CHROMIUM_ARGS, DIST, openApp, waitReady } from "../e2e/harness.mjs";
import { startServer } from "../e2e/serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, "..", "..");
const sizes = process.argv.includes("--table") ? [] : process.argv.slice(2).map(Number).filter((n) => n > 0);
// `--shell-only` measures the bundle and Lighthouse without any book.
const SIZES = process.argv.includes("--shell-only") ? [] : sizes.length ? sizes : [10000, 50000];
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 3));
// Books of 50k customers take minutes per run: two runs unless BENCH_RUNS_LARGE says otherwise.
const RUNS_LARGE = Math.max(1, Number(process.env.BENCH_RUNS_LARGE || Math.min(RUNS, 2)));
let runs = RUNS;

const round = (x) => Math.round(x);
function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function stats(values) {
  return { median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)), runs: values.length };
}
function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const ratio = (a, b) => (a != null && b > 0 ? Number((a / b).toFixed(2)) : null);

/** Milliseconds between two of the app's performance marks (the latest of each). */
async function between(page, from, to) {
  return page.evaluate(
    ([a, b]) => {
      const last = (n) => performance.getEntriesByName(n, "mark").at(-1)?.startTime;
      return last(b) - last(a);
    },
    [`rapport:${from}`, `rapport:${to}`],
  );
}

async function waitNotice(page, text, timeout = 900000) {
  await page.waitForFunction((t) => document.querySelector("[data-testid=notice]")?.textContent.includes(t), text, { timeout });
}

/** Adds `count` sample customers; returns the records written and the storage write time. */
async function seed(app, count) {
  const page = app.page;
  await app.goto("/settings");
  await page.getByTestId("sample-count").fill(String(count));
  const t0 = Date.now();
  // Clicked from inside the page: the app is busy for seconds generating a large book, and
  // a driver-side click would time out waiting for the page to answer.
  await page.$eval("[data-testid=add-sample]", (button) => button.click());
  await waitNotice(page, "sample customers");
  const total = Date.now() - t0;
  const notice = await page.getByTestId("notice").textContent();
  const records = Number((notice.match(/\(([\d,]+) records\)/) || [])[1]?.replace(/,/g, "") || 0);
  return { records, seedAndWriteMs: total, writeMs: await between(page, "write-start", "write-end") };
}

/** A repeat visit: navigation → first customer rows on screen, and → history loaded. */
async function startup(app) {
  const page = app.page;
  await page.goto(app.url + "/customers");
  await page.waitForSelector("[data-testid=customer-row]", { timeout: 600000 });
  const firstRows = await page.evaluate(() => performance.now());
  await waitReady(page);
  const loaded = await page.evaluate(() => performance.now());
  const activity = await between(page, "customers-shown", "activity-applied");
  const customers = await between(page, "open", "customers-read");
  // Navigation → the app has started and asks storage for the book (download, compile, start).
  const boot = await page.evaluate(() => performance.getEntriesByName("rapport:open", "mark").at(-1)?.startTime);
  const shown = await between(page, "customers-read", "customers-shown");
  return { firstRows, loaded, activity, customers, boot, shown };
}

/** Keystroke → list updated and painted, over `count` queries of name fragments. */
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
  return times;
}

/** Click on a row → the customer page with its timeline painted. */
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
        while (!document.querySelector("[data-testid=customer-page] [data-testid=timeline]")) await new Promise((r) => setTimeout(r, 1));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, i),
    );
  }
  return times;
}

/** Click "Completed" on an open order → committed, the page updated and painted. */
async function completeOrderTimings(app, count) {
  const page = app.page;
  await app.goto("/customers");
  await page.getByLabel("Phase", { exact: true }).selectOption("purchase");
  await page.waitForFunction(() => /^\/customers\//.test(document.querySelector("[data-testid=customer-row]")?.getAttribute("href") ?? ""));
  const links = await page.$$eval("[data-testid=customer-row]", (as) => as.map((a) => a.getAttribute("href")));
  const times = [];
  const commits = [];
  for (const href of links.slice(0, count)) {
    await app.goto(href);
    const button = page.getByTestId("complete-order").first();
    if (!(await button.count())) continue;
    await page.evaluate(() => document.querySelector("[data-testid=notice]")?.remove());
    times.push(
      await page.evaluate(async () => {
        const t0 = performance.now();
        document.querySelector("[data-testid=complete-order]").click();
        while (!document.querySelector("[data-testid=notice]")?.textContent.includes("Order completed")) await new Promise((r) => setTimeout(r, 1));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }),
    );
    commits.push(await between(page, "write-start", "write-end"));
  }
  return { times, commits };
}

/** Export (click → file saved) and validated import with replace (pick → committed). */
async function exportImport(app) {
  const page = app.page;
  await app.goto("/backup");
  let t0 = Date.now();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 900000 }), page.getByTestId("download-backup").click()]);
  const path = await download.path();
  const exportMs = Date.now() - t0;
  const text = await readFile(path, "utf8");
  await waitNotice(page, "Backup saved");
  t0 = Date.now();
  await page.getByTestId("backup-file").setInputFiles(path);
  await page.getByTestId("import-preview").waitFor({ timeout: 900000 });
  const checkMs = Date.now() - t0;
  await page.getByTestId("mode-replace").check();
  const t1 = Date.now();
  await page.getByTestId("confirm-import").click();
  await waitNotice(page, "Backup restored");
  const writeMs = Date.now() - t1;
  return { exportMs, bytes: Buffer.byteLength(text), checkMs, writeMs, storageMs: await between(page, "write-start", "write-end"), importMs: Date.now() - t0, text };
}

/**
 * The same records written and read back (a) by raw IndexedDB in one transaction with
 * the same store shape and (b) by Dexie (bulkPut / toArray), in the same browser.
 */
async function baselines(backupText) {
  const dexie = await readFile(join(ROOT, "tests", "e2e", "node_modules", "dexie", "dist", "dexie.min.js"), "utf8");
  // A fresh browser profile and a blank page on the same origin, so that the app's own
  // memory is not in the way; the records arrive by fetch from the same server (files
  // put next to the build for the run), not as an argument or through interception.
  const dataFile = join(DIST, "bench-data.json");
  const blankFile = join(DIST, "bench-blank.html");
  await writeFile(dataFile, backupText);
  await writeFile(blankFile, "<!DOCTYPE html><title>bench</title>");
  const app = await openApp();
  const stores = ["customers", "touchpoints", "orders", "concerns", "follow_ups", "phase_changes"];
  const out = [];
  try {
    // Each measurement gets its own page: a page the browser kills for its memory
    // costs only that figure.
    let page = null;
    const fresh = async () => {
      if (page) await page.close().catch(() => {});
      page = await app.context.newPage();
      await page.goto(`${app.url}/bench-blank.html`);
      await page.evaluate(dexie + "\n;0");
      return page;
    };
    const attempt = async (what, run) => {
      try {
        return await run(await fresh());
      } catch (e) {
        process.stderr.write(`  ${what} failed: ${String(e.message || e).split("\n")[0]}\n`);
        return null;
      }
    };
    for (let r = 0; r < runs; r++) {
      const raw = await attempt("raw IndexedDB", (p) => p.evaluate(
        async ({ stores, run }) => {
          const data = (await (await fetch("/bench-data.json")).json()).data;
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
          // put() clones at once; dropping each parsed record afterwards keeps memory flat.
          for (const s of stores) {
            const list = data[s] || [];
            const os = tx.objectStore(s);
            for (let i = 0; i < list.length; i++) {
              os.put(list[i]);
              list[i] = undefined;
            }
          }
          await new Promise((ok, fail) => ((tx.oncomplete = ok), (tx.onerror = () => fail(tx.error))));
          const rawWrite = performance.now() - t0;
          t0 = performance.now();
          const rtx = db.transaction(stores);
          let records = 0;
          for (const s of stores) records += (await done(rtx.objectStore(s).getAll())).length;
          const rawRead = performance.now() - t0;
          db.close();
          await done(indexedDB.deleteDatabase(name));
          return { rawWrite, rawRead, records };
        },
        { stores, run: r },
      ));
      const dx = await attempt("Dexie", (p) => p.evaluate(
        async ({ stores, run }) => {
          const data = (await (await fetch("/bench-data.json")).json()).data;
          const db = new window.Dexie(`bench-dexie-${run}`);
          db.version(1).stores(Object.fromEntries(stores.map((s) => [s, s === "customers" ? "id" : "id, customer_id"])));
          let t0 = performance.now();
          await db.transaction("rw", stores, async () => {
            for (const s of stores) await db.table(s).bulkPut(data[s] || []);
          });
          const dexieWrite = performance.now() - t0;
          t0 = performance.now();
          for (const s of stores) await db.table(s).toArray();
          const dexieRead = performance.now() - t0;
          db.close();
          await window.Dexie.delete(`bench-dexie-${run}`);
          return { dexieWrite, dexieRead };
        },
        { stores, run: r },
      ));
      out.push({ ...(raw || {}), ...(dx || {}) });
    }
  } finally {
    await app.close().catch(() => {});
    await rm(dataFile, { force: true });
    await rm(blankFile, { force: true });
  }
  const pick = (k) => {
    const values = out.map((o) => o[k]).filter((v) => typeof v === "number");
    return values.length ? stats(values) : null;
  };
  return { raw_write_ms: pick("rawWrite"), raw_read_ms: pick("rawRead"), dexie_write_ms: pick("dexieWrite"), dexie_read_ms: pick("dexieRead"), records: out.find((o) => o.records)?.records ?? null };
}

async function benchBook(n) {
  runs = n >= 50000 ? RUNS_LARGE : RUNS;
  // Each bulk write goes into a fresh profile (an empty database); the last one stays
  // open for everything else.
  const writes = [];
  let app = null;
  for (let r = 0; r < runs; r++) {
    if (app) await app.close();
    app = await openApp();
    process.stderr.write(`${n} customers: bulk write ${r + 1} of ${runs}…\n`);
    writes.push(await seed(app, n));
  }
  const records = writes[0].records;
  try {
    process.stderr.write(`${n} customers: start-up, search, customer page, orders…\n`);
    const starts = [];
    for (let i = 0; i < runs; i++) starts.push(await startup(app));
    const search = await searchTimings(app, 50);
    const opens = await openCustomerTimings(app, Math.max(5, runs * 2));
    const completes = await completeOrderTimings(app, Math.max(3, runs));
    await app.goto("/customers");
    // Garbage left by the start-up and the measurements above is not part of what the book needs.
    const cdp = await app.page.context().newCDPSession(app.page);
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = await app.page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
    process.stderr.write(`${n} customers: export and import…\n`);
    const transfers = [];
    for (let i = 0; i < runs; i++) transfers.push(await exportImport(app));
    await app.close();
    app = null;
    process.stderr.write(`${n} customers: raw IndexedDB and Dexie baselines…\n`);
    const base = await baselines(transfers[0].text);
    const rapportWrite = stats(writes.map((w) => w.writeMs));
    const rapportLoad = stats(starts.map((s) => s.activity + s.customers));
    return {
      customers: n,
      records,
      bulk_write_ms: rapportWrite,
      seed_and_write_ms: stats(writes.map((w) => w.seedAndWriteMs)),
      full_load_ms: rapportLoad,
      repeat_visit_first_rows_ms: stats(starts.map((s) => s.firstRows)),
      repeat_visit_loaded_ms: stats(starts.map((s) => s.loaded)),
      repeat_visit_boot_ms: stats(starts.map((s) => s.boot)),
      repeat_visit_customers_read_ms: stats(starts.map((s) => s.customers)),
      repeat_visit_customers_indexed_ms: stats(starts.map((s) => s.shown)),
      search_keystroke_ms: { p50: round(percentile(search, 50)), p95: round(percentile(search, 95)), max: round(Math.max(...search)), queries: search.length },
      open_customer_ms: stats(opens),
      complete_order_ms: completes.times.length ? stats(completes.times) : null,
      complete_order_commit_ms: completes.commits.length ? stats(completes.commits) : null,
      export_ms: stats(transfers.map((t) => t.exportMs)),
      backup_mb: Math.round(transfers[0].bytes / 1e5) / 10,
      import_check_ms: stats(transfers.map((t) => t.checkMs)),
      import_write_ms: stats(transfers.map((t) => t.writeMs)),
      import_storage_ms: stats(transfers.map((t) => t.storageMs)),
      import_total_ms: stats(transfers.map((t) => t.importMs)),
      js_heap_mb: round(heap / 1e6),
      baseline: base,
      ratios: {
        write_vs_raw: ratio(rapportWrite.median, base.raw_write_ms?.median),
        write_vs_dexie: ratio(rapportWrite.median, base.dexie_write_ms?.median),
        load_vs_raw: ratio(rapportLoad.median, base.raw_read_ms?.median),
        load_vs_dexie: ratio(rapportLoad.median, base.dexie_read_ms?.median),
      },
    };
  } finally {
    if (app) await app.close().catch(() => {});
  }
}

/** The release bundle: every .wasm and .js file in dist/, raw, gzip -9 and brotli -11. */
async function bundle() {
  const files = (await readdir(DIST)).filter((f) => f.endsWith(".wasm") || f.endsWith(".js"));
  const sum = { wasm: { raw: 0, gzip: 0, brotli: 0 }, js: { raw: 0, gzip: 0, brotli: 0 } };
  for (const f of files) {
    const bytes = await readFile(join(DIST, f));
    const kind = f.endsWith(".wasm") ? "wasm" : "js";
    sum[kind].raw += bytes.length;
    sum[kind].gzip += gzipSync(bytes, { level: 9 }).length;
    sum[kind].brotli += brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  sum.total = Object.fromEntries(["raw", "gzip", "brotli"].map((k) => [k, sum.wasm[k] + sum.js[k]]));
  return sum;
}

/** Lighthouse performance (score, LCP, TBT) on a fresh profile, mobile and desktop. */
/** The selector of the element Lighthouse took as the largest contentful paint. */
function lcpElement(lhr) {
  const items = lhr.audits["largest-contentful-paint-element"]?.details?.items ?? [];
  const node = items.flatMap((i) => i.items ?? [i]).find((i) => i.node)?.node;
  // No node: the element was no longer in the page at the end (the shell, replaced by the app).
  return node ? node.selector || node.nodeLabel || "" : "(replaced)";
}

async function lighthouseRuns() {
  const { default: lighthouse } = await import("lighthouse");
  const { default: desktopConfig } = await import("lighthouse/core/config/desktop-config.js");
  const chromeLauncher = await import("chrome-launcher");
  const server = await startServer(DIST, 0);
  const out = {};
  try {
    for (const form of ["mobile", "desktop"]) {
      const runs = [];
      for (let r = 0; r < RUNS; r++) {
        const chrome = await chromeLauncher.launch({
          chromePath: process.env.CHROMIUM || "/usr/bin/chromium",
          chromeFlags: CHROMIUM_ARGS,
        });
        try {
          const result = await lighthouse(
            server.url + "/",
            { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] },
            form === "desktop" ? desktopConfig : undefined,
          );
          const lhr = result.lhr;
          runs.push({
            score: Math.round((lhr.categories.performance.score ?? 0) * 100),
            lcp: lhr.audits["largest-contentful-paint"].numericValue,
            tbt: lhr.audits["total-blocking-time"].numericValue,
            fcp: lhr.audits["first-contentful-paint"].numericValue,
            lcpElement: lcpElement(lhr),
          });
        } finally {
          await chrome.kill();
        }
      }
      out[form] = {
        score: stats(runs.map((x) => x.score)),
        lcp_ms: stats(runs.map((x) => x.lcp)),
        tbt_ms: stats(runs.map((x) => x.tbt)),
        fcp_ms: stats(runs.map((x) => x.fcp)),
        lcp_elements: runs.map((x) => x.lcpElement),
      };
    }
  } finally {
    await server.close().catch(() => {});
  }
  return out;
}

const fmt = (s) => (s == null ? "–" : typeof s === "object" ? `${s.median} (${s.min}–${s.max})` : String(s));
function printTable(report) {
const { books, bundle: size, lighthouse: lh, machine } = report;
console.log(`\nRapport benchmark — medians (min–max) over ${machine?.runs ?? "?"} runs (${machine?.runs_50k ?? "?"} for 50k customers and more); times in ms\n`);
const targets = {
  bulk_write_ms: "≤ 1.1 × raw, < Dexie",
  full_load_ms: "≤ 1.1 × raw, < Dexie",
  repeat_visit_first_rows_ms: "≤ 300 at 50k",
  search_p95: "≤ 16",
  export_ms: "≤ 2000 at 50k",
  import_total_ms: "≤ 5000 at 50k",
};
const rows = [];
for (const b of books) {
  const add = (figure, value, target = "") => rows.push({ customers: b.customers, figure, value, target });
  add("records", String(b.records));
  add("bulk write (Rapport storage)", fmt(b.bulk_write_ms), targets.bulk_write_ms);
  add("bulk write raw IndexedDB", fmt(b.baseline.raw_write_ms));
  add("bulk write Dexie bulkPut", fmt(b.baseline.dexie_write_ms));
  add("write ratio vs raw / vs Dexie", `${b.ratios.write_vs_raw ?? "–"} / ${b.ratios.write_vs_dexie ?? "–"}`);
  add("full load (Rapport: customers + history)", fmt(b.full_load_ms), targets.full_load_ms);
  add("full load raw getAll", fmt(b.baseline.raw_read_ms));
  add("full load Dexie toArray", fmt(b.baseline.dexie_read_ms));
  add("load ratio vs raw / vs Dexie", `${b.ratios.load_vs_raw ?? "–"} / ${b.ratios.load_vs_dexie ?? "–"}`);
  add("repeat visit → first rows", fmt(b.repeat_visit_first_rows_ms), targets.repeat_visit_first_rows_ms);
  if (b.repeat_visit_boot_ms) {
    add("  of which app start → storage open", fmt(b.repeat_visit_boot_ms));
    add("  of which customers read", fmt(b.repeat_visit_customers_read_ms));
    add("  of which book and list built", fmt(b.repeat_visit_customers_indexed_ms));
  }
  add("repeat visit → history loaded", fmt(b.repeat_visit_loaded_ms));
  add("search keystroke p50 / p95 / max", `${b.search_keystroke_ms.p50} / ${b.search_keystroke_ms.p95} / ${b.search_keystroke_ms.max}`, targets.search_p95);
  add("open a customer", fmt(b.open_customer_ms));
  add("complete an order (click → UI)", fmt(b.complete_order_ms));
  add("  of which storage commit", fmt(b.complete_order_commit_ms));
  add(`export (${b.backup_mb} MB)`, fmt(b.export_ms), targets.export_ms);
  add("import: check file", fmt(b.import_check_ms));
  add("import: write (replace + safety copy)", fmt(b.import_write_ms));
  add("import total", fmt(b.import_total_ms), targets.import_total_ms);
  add("JS heap after load (MB)", String(b.js_heap_mb));
}
const kb = (x) => `${Math.round(x / 1024)} KB`;
if (size) rows.push({ customers: "", figure: "bundle wasm raw / gzip / brotli", value: `${kb(size.wasm.raw)} / ${kb(size.wasm.gzip)} / ${kb(size.wasm.brotli)}` });
if (size) rows.push({ customers: "", figure: "bundle js raw / gzip / brotli", value: `${kb(size.js.raw)} / ${kb(size.js.gzip)} / ${kb(size.js.brotli)}` });
if (size) rows.push({ customers: "", figure: "bundle total brotli", value: kb(size.total.brotli), target: "≤ 200 KB" });
for (const form of lh ? ["mobile", "desktop"] : []) {
  rows.push({ customers: "", figure: `Lighthouse ${form}: score`, value: fmt(lh[form].score), target: form === "mobile" ? "≥ 98" : "" });
  rows.push({ customers: "", figure: `Lighthouse ${form}: LCP / TBT`, value: `${fmt(lh[form].lcp_ms)} / ${fmt(lh[form].tbt_ms)}` });
  if (lh[form].lcp_elements) {
    rows.push({ customers: "", figure: `Lighthouse ${form}: LCP element`, value: [...new Set(lh[form].lcp_elements)].join(" | ") });
  }
}
console.table(rows);
}


// `--table FILE` prints the table of an earlier run's JSON instead of measuring.
const tableAt = process.argv.indexOf("--table");
let report;
if (tableAt > 0) {
  report = JSON.parse(await readFile(process.argv[tableAt + 1], "utf8"));
  printTable(report);
} else {
  const startedAt = new Date();
  await mkdir(join(ROOT, "bench-results"), { recursive: true });
  const file = join(ROOT, "bench-results", `bench-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  const books = [];
  for (const n of SIZES) {
    books.push(await benchBook(n));
    await writeFile(file, JSON.stringify({ started_at: startedAt.toISOString(), partial: true, books }, null, 2) + "\n");
  }
  process.stderr.write("bundle and Lighthouse…\n");
  const size = await bundle();
  const lh = await lighthouseRuns();
  report = {
    started_at: startedAt.toISOString(),
    machine: { cpus: (await import("node:os")).cpus().length, node: process.version, runs: RUNS, runs_50k: RUNS_LARGE },
    books,
    bundle: size,
    lighthouse: lh,
  };
  printTable(report);
  await writeFile(file, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nJSON: ${file}`);
}
