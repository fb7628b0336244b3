// A small book with one item of every kind the Today screen lists, built from the
// valid backup fixture so that it passes the same import checks as a user's file.
//
// At TODAY (2026-12-20 09:00 UTC), with a previous visit on PREVIOUS_VISIT:
// - Ana Weber (After purchase, one purchase on 2026-03-11): at risk (284 of 365 days),
//   an overdue follow-up "Ask for feedback", an unanswered concern past its target,
//   an order problem nobody told her about yet.
// - Ben Ortiz (Attention, no contact yet): waits for a first contact; a follow-up due
//   today ("Call Ben back") and one due tomorrow ("Send the portfolio", not listed).
// - Cara Lind (After purchase, last purchase 2025-11-10): goes dormant when the app
//   opens on TODAY, so she is a former customer new since the last visit; she agreed
//   to marketing mail, so the win-back helper offers her.
import { readFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const PREVIOUS_VISIT = new Date("2026-12-19T09:00:00Z");
export const TODAY = new Date("2026-12-20T09:00:00Z");

let counter = 0;
function uuid() {
  counter += 1;
  return `5a1e0000-0000-4000-8000-${String(counter).padStart(12, "0")}`;
}

function stamp(record, at) {
  return { ...record, created_at: at, updated_at: at, deleted_at: null };
}

export async function cycleBook() {
  const base = JSON.parse(await readFile(join(here, "..", "fixtures", "backups", "valid-small.json"), "utf8"));
  const d = base.data;
  d.settings.owner_name = "Mia Koch";
  const ana = d.customers.find((c) => c.name === "Ana Weber");
  const ben = d.customers.find((c) => c.name === "Ben Ortiz");

  d.follow_ups.push(
    stamp({ id: uuid(), customer_id: ben.id, title: "Call Ben back", due: "2026-12-20T12:00:00Z", done_at: null }, "2026-12-01T10:00:00Z"),
    stamp({ id: uuid(), customer_id: ben.id, title: "Send the portfolio", due: "2026-12-21T12:00:00Z", done_at: null }, "2026-12-01T10:00:00Z"),
  );
  d.concerns.push(
    stamp(
      {
        id: uuid(),
        customer_id: ana.id,
        kind: "complaint",
        received_at: "2026-12-15T10:00:00Z",
        channel: "email",
        text: "The contact form sends no mail",
        status: "open",
        answer: "",
        answered_at: null,
        resolved_at: null,
        due_by: "2026-12-17T10:00:00Z",
      },
      "2026-12-15T10:00:00Z",
    ),
  );
  d.orders[0].problems.push({ id: uuid(), text: "Invoice address wrong", at: "2026-03-12T10:00:00Z", informed_at: null, resolved_at: null });

  // Cara: the same history as Ana, a year earlier, with consent to marketing mail.
  const cara = stamp(
    {
      ...ana,
      id: uuid(),
      name: "Cara Lind",
      company: "Lind Design",
      emails: ["cara@example.com"],
      marketing_consent: { granted: true, at: "2025-09-01T10:00:00Z" },
      notes: "",
      channel: "event",
      phase: "after_purchase",
    },
    "2025-09-01T10:00:00Z",
  );
  const touch = stamp(
    { ...d.touchpoints[0], id: uuid(), customer_id: cara.id, at: "2025-09-02T10:00:00Z", summary: "Met at the design fair" },
    "2025-09-02T10:00:00Z",
  );
  const order = stamp(
    {
      ...d.orders[0],
      id: uuid(),
      customer_id: cara.id,
      placed_at: "2025-10-01T10:00:00Z",
      description: "Brand book",
      amount: { minor: 250000, currency: "EUR" },
      problems: [],
      completed_at: "2025-11-10T10:00:00Z",
    },
    "2025-10-01T10:00:00Z",
  );
  order.updated_at = "2025-11-10T10:00:00Z";
  const moves = [
    ["attention", "trust", "2025-09-02T10:00:00Z", { kind: "contacted", touchpoint_id: touch.id }],
    ["trust", "purchase", "2025-10-01T10:00:00Z", { kind: "order_placed", order_id: order.id }],
    ["purchase", "after_purchase", "2025-11-10T10:00:00Z", { kind: "order_completed", order_id: order.id }],
  ].map(([from, to, at, cause], i) => stamp({ id: uuid(), customer_id: cara.id, seq: i + 1, from, to, at, cause }, at));
  d.customers.push(cara);
  d.touchpoints.push(touch);
  d.orders.push(order);
  d.phase_changes.push(...moves);

  for (const kind of Object.keys(base.counts)) base.counts[kind] = d[kind].length;
  return JSON.stringify(base);
}

/** Opens the app at PREVIOUS_VISIT, restores the book, then opens it again at TODAY. */
export async function openCycleBook(app, BackupPage) {
  await app.page.clock.setFixedTime(PREVIOUS_VISIT);
  const backup = new BackupPage(app);
  await backup.open();
  await backup.pickText("cycle.json", await cycleBook());
  await backup.waitForPreview();
  await backup.chooseReplace();
  await backup.confirm("Backup restored");
  await app.page.clock.setFixedTime(TODAY);
  await app.goto("/");
}
