// Page object: the backup screen.
import { readFile } from "node:fs/promises";

export class BackupPage {
  constructor(app) {
    this.app = app;
    this.page = app.page;
  }

  async open() {
    await this.app.goto("/backup");
  }

  /** Downloads a backup and returns its parsed JSON (and the raw text). */
  async download() {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId("download-backup").click()]);
    const text = await readFile(await download.path(), "utf8");
    await this.page.waitForFunction(() => document.querySelector("[data-testid=last-backup]")?.textContent.startsWith("Last backup:"));
    return { text, json: JSON.parse(text), name: download.suggestedFilename() };
  }

  async pick(path) {
    await this.page.getByTestId("backup-file").setInputFiles(path);
  }

  async pickText(name, text) {
    await this.page.getByTestId("backup-file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
  }

  async waitForPreview() {
    await this.page.getByTestId("import-preview").waitFor({ timeout: 30000 });
  }

  /** {added, updated, unchanged, deleted} for one record type in the preview. */
  async previewRow(type) {
    const cells = await this.page.$$eval(`[data-testid=preview-table] tr[data-type=${type}] td`, (tds) => tds.map((t) => Number(t.textContent)));
    return { added: cells[0], updated: cells[1], unchanged: cells[2], deleted: cells[3] };
  }

  async chooseReplace() {
    await this.page.getByTestId("mode-replace").check();
  }

  async confirm(expectNotice) {
    await this.page.getByTestId("confirm-import").click();
    await this.page.waitForFunction((t) => document.querySelector("[data-testid=notice]")?.textContent.includes(t), expectNotice, { timeout: 30000 });
  }

  async refusal() {
    await this.page.getByTestId("import-refused").waitFor({ timeout: 30000 });
    const summary = await this.page.locator("[data-testid=import-refused] > p").textContent();
    const problems = await this.page.$$eval("[data-testid=import-problems] li", (els) => els.map((e) => e.textContent));
    return { summary, problems };
  }
}
