// Running the cycle every day: Today at a fixed clock, the phase board, the win-back
// helper, insights, help, and the whole app in German; axe-core on every new screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { axeViolations, finish, openApp } from "./harness.mjs";
import { BackupPage } from "./pages/backup.mjs";
import { openCycleBook } from "./cycle_book.mjs";

const here = dirname(fileURLToPath(import.meta.url));

/** The names listed in one Today block, in order. */
async function todayNames(page, block) {
  return page.$$eval(`[data-testid=${block}] li`, (items) => items.map((li) => li.querySelector("a")?.textContent ?? li.querySelector("strong")?.textContent));
}

async function noAxeViolations(page, what) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${what}: ${JSON.stringify(violations, null, 1)}`);
}

test("Today lists exactly what is due for a seeded book at a fixed clock", async () => {
  const app = await openApp();
  try {
    await openCycleBook(app, BackupPage);
    const page = app.page;
    await page.getByTestId("today").waitFor();
    await page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("became a former customer"));

    const followUps = await page.$$eval("[data-testid=today-follow-up] strong", (els) => els.map((e) => e.textContent));
    assert.deepEqual(followUps, ["Ask for feedback", "Call Ben back"], "overdue first, tomorrow's not listed");
    const overdue = await page.$$eval("[data-testid=today-follow-up]", (els) => els.map((e) => e.classList.contains("overdue")));
    assert.deepEqual(overdue, [true, false]);
    assert.deepEqual(await todayNames(page, "today-concerns"), ["Ana Weber"], "only the unanswered concern");
    assert.match(await page.getByTestId("today-concern").textContent(), /contact form sends no mail.*answer was due/);
    assert.deepEqual(await todayNames(page, "today-problems"), ["Ana Weber"]);
    assert.match(await page.getByTestId("today-problem").textContent(), /Invoice address wrong.*not informed/);
    assert.deepEqual(await todayNames(page, "today-at-risk"), ["Ana Weber"]);
    assert.match(await page.getByTestId("today-at-risk-item").textContent(), /81 days until former customer/);
    assert.deepEqual(await todayNames(page, "today-former"), ["Cara Lind"]);
    assert.deepEqual(await todayNames(page, "today-first-contact"), ["Ben Ortiz"]);
    assert.equal(await page.getByTestId("today-count").textContent(), "7 things to do");
    await noAxeViolations(page, "Today");

    // One tap: the first-contact item opens the customer's contact form.
    await page.getByTestId("today-first-contact").getByRole("link", { name: "Log contact" }).click();
    await page.getByTestId("customer-page").waitFor();
    assert.equal(await page.getByTestId("log-contact").getAttribute("aria-expanded"), "true");

    // Ticking a follow-up off removes it from Today.
    await app.goto("/");
    await page.getByTestId("today-follow-up").first().getByRole("button", { name: "Done" }).click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=today-follow-up]").length === 1);

    // Reloading is the same visit: Cara is still listed.
    await app.goto("/");
    assert.deepEqual(await todayNames(page, "today-former"), ["Cara Lind"]);
    // A later visit (a new tab the next day): she is no longer "new".
    await page.clock.setFixedTime(new Date("2026-12-21T09:00:00Z"));
    const later = await app.context.newPage();
    await later.goto(app.url + "/");
    await later.getByTestId("today").waitFor();
    await later.getByTestId("today-count").waitFor();
    assert.equal(await later.getByTestId("today-former").count(), 0);
    await later.close();
  } finally {
    await finish(app);
  }
});

test("the board moves a card through the state machine with a reason, also on a phone", async () => {
  const app = await openApp({ viewport: { width: 390, height: 844 } });
  try {
    await openCycleBook(app, BackupPage);
    const page = app.page;
    await app.goto("/board");
    // Phone: one column at a time, picked by tabs.
    const visible = await page.$$eval(".column", (cols) => cols.filter((c) => getComputedStyle(c).display !== "none").length);
    assert.equal(visible, 1);
    assert.match(await page.getByTestId("board-tab-attention").textContent(), /Attention\s*1/);
    await noAxeViolations(page, "Board on a phone");

    const ben = page.getByTestId("column-attention").getByTestId("board-card").filter({ hasText: "Ben Ortiz" });
    await ben.getByRole("button", { name: "Move" }).click();
    const form = ben.getByTestId("move-form");
    await form.getByLabel("New phase").selectOption("trust");
    await form.getByRole("button", { name: "Move" }).click();
    await form.getByText("Must say why").waitFor();
    await form.getByLabel("Reason").fill("Long call at the fair, wants an offer");
    await form.getByRole("button", { name: "Move" }).click();
    await page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("Moved to Creating trust"));
    await page.getByTestId("board-tab-trust").click();
    await page.getByTestId("column-trust").getByText("Ben Ortiz").waitFor();
    assert.match(await page.getByTestId("board-tab-attention").textContent(), /Attention\s*0/);
    assert.match(await page.getByTestId("column-after_purchase").getByTestId("column-figures").textContent(), /1 customer · 1,200.00 EUR/);

    await page.getByTestId("column-trust").getByRole("link", { name: "Ben Ortiz" }).click();
    await page.getByTestId("phase-history").getByText("moved by hand: Long call at the fair, wants an offer").waitFor();

    await page.setViewportSize({ width: 1280, height: 800 });
    await app.goto("/board");
    const wide = await page.$$eval(".column", (cols) => cols.filter((c) => getComputedStyle(c).display !== "none").length);
    assert.equal(wide, 6, "six columns side by side on a desktop");
    await noAxeViolations(page, "Board on a desktop");
  } finally {
    await finish(app);
  }
});

test("a win-back send opens a mail with the filled template and logs a touchpoint", async () => {
  const app = await openApp();
  try {
    await openCycleBook(app, BackupPage);
    const page = app.page;
    await app.goto("/win-back");
    const cara = page.getByTestId("win-back-candidate").filter({ hasText: "Cara Lind" });
    await cara.waitFor();
    assert.equal(await page.getByTestId("win-back-candidate").count(), 1, "Ana and Ben are not former customers");
    await cara.getByRole("button", { name: "Preview" }).click();
    const preview = await cara.getByTestId("mail-preview").textContent();
    assert.match(preview, /It has been a while, Cara/);
    assert.match(preview, /Brand book \(10 Nov 2025\)/);
    assert.match(preview, /Mia Koch/);
    await noAxeViolations(page, "Win-back");

    const href = await cara.getByTestId("win-back-send").getAttribute("href");
    assert.ok(href.startsWith("mailto:cara@example.com?subject=It%20has%20been%20a%20while%2C%20Cara&body="), href);
    // The device's mail app cannot open here: keep the click from leaving the page,
    // the app's own handler still runs.
    await page.evaluate(() => document.addEventListener("click", (e) => e.target.closest("a[href^='mailto:']") && e.preventDefault(), true));
    await cara.getByTestId("win-back-send").click();
    await page.waitForFunction(() => document.querySelector("[data-testid=notice]")?.textContent.includes("Win-back mail logged"));
    assert.match(await cara.textContent(), /last mailing 20 Dec 2026/);

    await cara.getByRole("link", { name: "Cara Lind" }).click();
    await page.getByTestId("customer-page").getByText("Win-back mailing · Email").waitFor();
    assert.equal(await page.getByTestId("customer-page").locator(".badge").first().textContent(), "Winning back", "a mailing alone does not bring her back");
  } finally {
    await finish(app);
  }
});

test("insights, help and settings pass axe in light and dark", async () => {
  const app = await openApp();
  try {
    await openCycleBook(app, BackupPage);
    const page = app.page;
    for (const theme of ["light", "dark"]) {
      await page.evaluate((t) => document.documentElement.setAttribute("data-theme", t), theme);
      await app.goto("/insights");
      await page.evaluate((t) => document.documentElement.setAttribute("data-theme", t), theme);
      await page.getByTestId("chart-funnel").waitFor();
      await page.getByLabel("Period").selectOption("all");
      const funnel = await page.locator("[data-testid=chart-funnel] desc").textContent();
      assert.equal(funnel, "Attention: 3; Creating trust: 2 (67%); Purchase: 2 (100%); After purchase: 2 (100%); Commitment: 0 (0%)");
      for (const d of await page.locator("details").all()) await d.locator("summary").click();
      await noAxeViolations(page, `Insights (${theme})`);
      await app.goto("/help");
      await page.evaluate((t) => document.documentElement.setAttribute("data-theme", t), theme);
      await noAxeViolations(page, `Help (${theme})`);
    }
    await app.goto("/settings");
    await page.getByTestId("templates-form").waitFor();
    await page.getByTestId("templates-form").getByRole("button", { name: "Add a template" }).click();
    await page.getByTestId("templates-form").getByRole("button", { name: "Save templates" }).click();
    await page.getByTestId("templates-form").getByText("Template 2 (Template name): must not be empty").waitFor();
    await noAxeViolations(page, "Settings with a template error");
  } finally {
    await finish(app);
  }
});

/** English texts (from the table) long enough not to collide with German or user data. */
async function englishOnlyTexts() {
  const table = async (lang) => {
    const src = await readFile(join(here, "..", "..", "src", "i18n", `${lang}.rs`), "utf8");
    return new Map([...src.matchAll(/^\s+\("([^"]+)", "((?:[^"\\]|\\.)*)"\),$/gm)].map((m) => [m[1], JSON.parse(`"${m[2]}"`)]));
  };
  const en = await table("en");
  const de = await table("de");
  return [...en].filter(([k, v]) => v !== de.get(k) && v.length >= 14 && !v.includes("{")).map(([, v]) => v);
}

test("the whole app in German: texts, dates and money", async () => {
  const app = await openApp();
  try {
    await openCycleBook(app, BackupPage);
    const page = app.page;
    await app.goto("/settings");
    await page.getByLabel("Language").selectOption("de");
    await page.getByTestId("settings-form").locator("button[type=submit]").click();
    await page.waitForFunction(() => document.documentElement.lang === "de");
    await page.getByRole("link", { name: "Heute" }).waitFor();
    const english = await englishOnlyTexts();
    assert.ok(english.length > 150, `only ${english.length} English texts to look for`);
    const screens = ["/", "/customers", "/board", "/win-back", "/insights", "/help", "/settings", "/backup", "/customers/new", "/nowhere"];
    for (const path of screens) {
      await app.goto(path);
      const text = await page.evaluate(() => document.body.innerText);
      const leftovers = english.filter((e) => text.includes(e));
      assert.deepEqual(leftovers, [], `English on ${path}`);
      await noAxeViolations(page, `German ${path}`);
    }
    await app.goto("/");
    assert.equal(await page.getByTestId("today-count").textContent(), "7 Aufgaben");
    assert.match(await page.getByTestId("today-at-risk-item").textContent(), /letzter Kauf 11\.03\.2026/);
    const ana = await page.getByTestId("today-concern").getByRole("link").first().getAttribute("href");
    await app.goto(ana.replace(/#.*/, ""));
    await page.getByTestId("customer-page").waitFor();
    assert.equal(await page.getByTestId("lifetime-value").textContent(), "1.200,00 EUR");
    const body = await page.evaluate(() => document.body.innerText);
    for (const phrase of ["Kennzahlen", "Phasenverlauf", "Nach dem Kauf", "Kontakt vermerken"]) assert.ok(body.includes(phrase), phrase);
    const leftovers = (await englishOnlyTexts()).filter((e) => body.includes(e));
    assert.deepEqual(leftovers, [], "English on the customer page");
    // A field message from the domain, in German.
    await page.getByTestId("move-phase").click();
    await page.getByTestId("move-form").locator("button[type=submit]").click();
    await page.getByTestId("move-form").getByText("Braucht eine Begründung").waitFor();
  } finally {
    await finish(app);
  }
});
