//! Phase playbooks (suggested follow-ups per phase) and default win-back mail templates.

use chrono::{DateTime, Duration, Utc};

use super::book::Book;
use super::id::{CustomerId, TemplateId};
use super::model::{Customer, MailTemplate, OrderStatus, PlaybookStep};
use super::phase::Phase;

fn step(phase: Phase, title: &str, due_after_days: u32) -> PlaybookStep {
    PlaybookStep { phase, title: title.to_string(), due_after_days }
}

/// The playbook a new book starts with; editable in Settings.
pub fn default_playbook() -> Vec<PlaybookStep> {
    vec![
        step(Phase::Attention, "Make first contact", 2),
        step(Phase::Trust, "Send the information they asked for", 1),
        step(Phase::Trust, "Ask how the information landed", 7),
        step(Phase::Purchase, "Confirm scope and delivery date", 1),
        step(Phase::Purchase, "Give a progress update", 7),
        step(Phase::AfterPurchase, "Ask for feedback", 14),
        step(Phase::AfterPurchase, "Check in: anything else they need?", 60),
        step(Phase::Commitment, "Plan the next offer from their history", 30),
        step(Phase::Commitment, "Say thank you for their loyalty", 90),
        step(Phase::WinBack, "Send an individual offer", 3),
        step(Phase::WinBack, "Call and ask how they are doing", 14),
    ]
}

/// The win-back templates a new book starts with.
pub fn default_templates() -> Vec<MailTemplate> {
    vec![MailTemplate {
        id: TemplateId::from_random_bytes(*b"rapport-winback1"),
        name: "It has been a while".to_string(),
        subject: "It has been a while, {first_name}".to_string(),
        body: "Hello {first_name},\n\nour last project together was {last_order} ({last_purchase}). \
               I would love to hear how things are going and whether I can help again.\n\nBest regards,\n{owner_name}"
            .to_string(),
    }]
}

/// A playbook step turned into a concrete suggestion for one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub title: String,
    pub due: DateTime<Utc>,
}

/// When the customer entered their current phase (creation time if never moved).
pub fn entered_current_phase(book: &Book, customer: &Customer) -> DateTime<Utc> {
    book.phase_history(customer.id).last().map_or(customer.created_at, |c| c.at)
}

/// The playbook's suggestions for the customer's current phase, skipping steps that
/// already have an open follow-up with the same title.
pub fn suggestions(book: &Book, customer_id: CustomerId) -> Vec<Suggestion> {
    let Some(customer) = book.customer(customer_id) else { return Vec::new() };
    let entered = entered_current_phase(book, customer);
    let open: Vec<&str> =
        book.follow_ups_of(customer_id).filter(|f| f.done_at.is_none()).map(|f| f.title.as_str()).collect();
    book.settings
        .playbook
        .iter()
        .filter(|s| s.phase == customer.phase && !open.contains(&s.title.as_str()))
        .map(|s| Suggestion { title: s.title.clone(), due: entered + Duration::days(i64::from(s.due_after_days)) })
        .collect()
}

/// Fills a template's placeholders for one customer: {first_name}, {name},
/// {last_purchase} (a date), {last_order} (its description), {owner_name}.
/// Unknown placeholders are left as typed.
pub fn fill_template(
    text: &str,
    book: &Book,
    customer: &Customer,
    format_date: impl Fn(DateTime<Utc>) -> String,
) -> String {
    let last =
        book.orders_of(customer.id).filter(|o| o.status == OrderStatus::Completed).max_by_key(|o| o.completed_at);
    let last_purchase = last.and_then(|o| o.completed_at).map(&format_date).unwrap_or_default();
    let last_order = last.map(|o| o.description.clone()).unwrap_or_default();
    let value = |key: &str| -> Option<String> {
        Some(match key {
            "first_name" => customer.first_name().to_string(),
            "name" => customer.name.clone(),
            "last_purchase" => last_purchase.clone(),
            "last_order" => last_order.clone(),
            "owner_name" => book.settings.owner_name.clone(),
            _ => return None,
        })
    };
    fill_placeholders(text, value)
}

/// Replaces each `{name}` for which `value` knows a text, in one pass: text inside a
/// filled value is never treated as a placeholder; unknown names stay as typed.
pub fn fill_placeholders(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| value(&after[..close]).map(|v| (close, v))) {
            Some((close, v)) => {
                out.push_str(&v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A filled win-back mail for one customer, and the `mailto:` link that opens it in
/// the device's mail app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailDraft {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub link: String,
}

/// Percent-encodes a `mailto:` query value (RFC 6068): unreserved characters stay,
/// every other byte of the UTF-8 text becomes `%XX`, line breaks become CRLF.
pub fn mailto_encode(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut out = String::with_capacity(normalized.len() * 3);
    for b in normalized.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Fills `template` for `customer` and builds the mail link to their first address;
/// None when the customer has no valid address.
pub fn mail_draft(
    book: &Book,
    customer: &Customer,
    template: &MailTemplate,
    format_date: impl Fn(DateTime<Utc>) -> String,
) -> Option<MailDraft> {
    let to = customer.emails.first()?.trim().to_string();
    let base = super::validate::mailto_link(&to)?;
    let subject = fill_template(&template.subject, book, customer, &format_date);
    let body = fill_template(&template.body, book, customer, &format_date);
    let link = format!("{base}?subject={}&body={}", mailto_encode(&subject), mailto_encode(&body));
    Some(MailDraft { to, subject, body, link })
}
