// Shared set-up for the end-to-end tests: serve dist/ on 127.0.0.1, launch the system
// Chromium, and watch every page for console errors, CSP violations and requests that
// leave 127.0.0.1 (each of which fails the test).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, "..", "..", "dist");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts a server and a persistent Chromium profile (a real profile: service workers,
 * installability and storage behave as for a user). Returns helpers and a `close`.
 */
export async function openApp({ viewport = { width: 1280, height: 800 } } = {}) {
  const server = await startServer(DIST, 0);
  const profile = await mkdtemp(join(tmpdir(), "rapport-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const problems = [];
  const watch = (page) => {
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("dialog", (dialog) => {
      problems.push(`unexpected dialog: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
  };
  context.on("page", watch);
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (!["127.0.0.1", ""].includes(url.hostname) && !["data:", "blob:"].includes(url.protocol)) {
      problems.push(`request left the device: ${request.url()}`);
    }
  });
  // Count CSP violations in every document the app loads.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = context.pages()[0] || (await context.newPage());
  watch(page);

  return {
    url: server.url,
    context,
    page,
    problems,
    server,
    /** Opens `path` and waits until the book is loaded. */
    async goto(path = "/") {
      await page.goto(server.url + path);
      await waitReady(page);
    },
    async cspViolations() {
      return this.page.evaluate(() => window.__cspViolations || []);
    },
    async close() {
      await context.close();
      await server.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the app has replaced the static shell and finished loading the book. */
export async function waitReady(page) {
  await page.waitForSelector("main#main[tabindex]", { timeout: 20000 });
  await page.waitForFunction(() => !document.querySelector(".banner[role=status]")?.textContent?.includes("Opening"), null, {
    timeout: 20000,
  });
  await page.waitForFunction(() => !document.body.textContent.includes("loading their history"), null, { timeout: 20000 });
}

/**
 * Runs axe-core on the current page and returns its violations. The script is
 * evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function axeViolations(page) {
  const { readFile } = await import("node:fs/promises");
  const source = await readFile(join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");
  await page.evaluate(source + "\n;0");
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
  return result;
}

/** Waits until a service worker controls the page (the shell is cached). */
export async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await waitReady(page);
  }
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15000 });
}

/** Adds a customer through the form (`values` by label, or just a name) and waits for its page. */
export async function addCustomer(app, values) {
  const fields = typeof values === "string" ? { Name: values } : values;
  await app.goto("/customers/new");
  for (const [label, value] of Object.entries(fields)) {
    const input = app.page.getByLabel(label, { exact: true });
    if ((await input.evaluate((el) => el.tagName)) === "SELECT") await input.selectOption(value);
    else await input.fill(value);
  }
  await app.page.getByTestId("customer-form").locator("button[type=submit]").click();
  await app.page.getByTestId("customer-page").waitFor();
}

/** Closes the app and fails on CSP violations, console errors, dialogs or off-device requests. */
export async function finish(app) {
  const csp = await app.cspViolations().catch(() => []);
  await app.close();
  assert.deepEqual(csp, [], "no Content-Security-Policy violations");
  assert.deepEqual(app.problems, [], "no console errors, dialogs or off-device requests");
}

/** Adds `count` sample customers through Settings and waits until they are stored. */
export async function addSampleData(app, count) {
  await app.goto("/settings");
  await app.page.getByTestId("sample-count").fill(String(count));
  await app.page.getByTestId("add-sample").click();
  await app.page.waitForFunction(
    (n) => document.querySelector("[data-testid=notice]")?.textContent.includes(`Added ${n} sample`),
    count.toLocaleString("en"),
    { timeout: 120000 },
  );
}
