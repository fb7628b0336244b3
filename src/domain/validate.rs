//! Field checks shared by forms and by backup import, plus the link sanitiser.

use chrono::{DateTime, Utc};

use super::error::FieldError;
use super::model::*;
use super::money::MAX_MINOR;
use super::phase::Phase;

/// Longest name, title or other one-line text.
pub const MAX_LINE: usize = 200;
/// Longest note, summary, concern text or template body.
pub const MAX_TEXT: usize = 20_000;
/// Most emails, phones or tags on one customer.
pub const MAX_LIST: usize = 50;
/// Most custom fields on one customer.
pub const MAX_CUSTOM_FIELDS: usize = 100;

/// Collects field errors under a path prefix (`""` for forms, `customers[3]` for imports).
#[derive(Debug, Default)]
pub struct Checker {
    pub errors: Vec<FieldError>,
}

impl Checker {
    pub fn new() -> Self {
        Checker { errors: Vec::new() }
    }

    fn path(prefix: &str, field: &str) -> String {
        if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        }
    }

    pub fn fail(&mut self, prefix: &str, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(Self::path(prefix, field), message));
    }

    pub fn required_line(&mut self, prefix: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.fail(prefix, field, "must not be empty");
        } else {
            self.line(prefix, field, value);
        }
    }

    pub fn line(&mut self, prefix: &str, field: &str, value: &str) {
        let chars = value.chars().count();
        if chars > MAX_LINE {
            self.fail(prefix, field, format!("is too long ({chars} characters, at most {MAX_LINE})"));
        } else if value.contains(['\n', '\r']) {
            self.fail(prefix, field, "must be a single line");
        }
    }

    pub fn text(&mut self, prefix: &str, field: &str, value: &str) {
        let chars = value.chars().count();
        if chars > MAX_TEXT {
            self.fail(prefix, field, format!("is too long ({chars} characters, at most {MAX_TEXT})"));
        }
    }

    pub fn list_len<T>(&mut self, prefix: &str, field: &str, list: &[T], max: usize) {
        if list.len() > max {
            self.fail(prefix, field, format!("has too many entries ({}, at most {max})", list.len()));
        }
    }

    pub fn amount(&mut self, prefix: &str, field: &str, minor: i64) {
        if minor < 0 {
            self.fail(prefix, field, "must not be negative");
        } else if minor > MAX_MINOR {
            self.fail(prefix, field, "is too large");
        }
    }

    pub fn not_before(
        &mut self,
        prefix: &str,
        field: &str,
        value: Option<DateTime<Utc>>,
        earliest: DateTime<Utc>,
        what: &str,
    ) {
        if let Some(v) = value {
            if v < earliest {
                self.fail(prefix, field, format!("must not be before {what}"));
            }
        }
    }

    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

/// Whether `s` looks like a deliverable email address (one `@`, a dotted domain, no spaces).
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    if s.len() > 254
        || s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ',' | ';'))
    {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else { return false };
    if local.is_empty() || domain.contains('@') || local.len() > 64 {
        return false;
    }
    let local_ok = !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    local_ok
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2)
}

/// Whether `s` looks like a phone number: digits with the usual separators, 3 to 20 digits.
pub fn is_phone(s: &str) -> bool {
    let s = s.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (3..=20).contains(&digits)
        && s.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '/' | '.'))
        && s.chars().filter(|c| *c == '+').count() <= 1
        && (!s.contains('+') || s.starts_with('+'))
}

/// Turns what a person typed as a website into an https/http URL, or says why not.
pub fn normalize_website(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces");
    }
    let lower = s.to_ascii_lowercase();
    let full = if lower.starts_with("https://") || lower.starts_with("http://") {
        s.to_string()
    } else if lower.contains("://") || lower.starts_with("javascript:") || lower.starts_with("data:") {
        return Err("must be a web address (http or https)");
    } else {
        format!("https://{s}")
    };
    let host = full.split("://").nth(1).unwrap_or("").split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || !host.contains('.') {
        return Err("must be a web address such as example.com");
    }
    Ok(full)
}

/// The only links Rapport ever makes from user text: http, https, mailto and tel.
/// Anything else (javascript:, data:, relative paths) is shown as plain text.
pub fn safe_link(url: &str) -> Option<String> {
    let trimmed = url.trim();
    // Browsers ignore control characters and whitespace inside schemes ("java\tscript:").
    if trimmed.chars().any(|c| c.is_control()) {
        return None;
    }
    let lower = trimmed.to_ascii_lowercase();
    let allowed = ["http://", "https://", "mailto:", "tel:"];
    if allowed.iter().any(|p| lower.starts_with(p)) && trimmed.len() > 6 {
        Some(trimmed.to_string())
    } else {
        None
    }
}

/// A `tel:` link for a phone number, or None if it is not one.
pub fn tel_link(phone: &str) -> Option<String> {
    if !is_phone(phone) {
        return None;
    }
    let compact: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    safe_link(&format!("tel:{compact}"))
}

/// A `mailto:` link for an address, or None if it is not one.
pub fn mailto_link(email: &str) -> Option<String> {
    if is_email(email) {
        safe_link(&format!("mailto:{}", email.trim()))
    } else {
        None
    }
}

/// Checks of stored records, used by import (every problem, with its path).
pub fn check_customer(c: &Customer, prefix: &str, ck: &mut Checker) {
    ck.required_line(prefix, "name", &c.name);
    ck.line(prefix, "company", &c.company);
    ck.list_len(prefix, "emails", &c.emails, MAX_LIST);
    for (i, e) in c.emails.iter().enumerate() {
        if !is_email(e) {
            ck.fail(prefix, &format!("emails[{i}]"), "is not a valid email address");
        }
    }
    ck.list_len(prefix, "phones", &c.phones, MAX_LIST);
    for (i, p) in c.phones.iter().enumerate() {
        if !is_phone(p) {
            ck.fail(prefix, &format!("phones[{i}]"), "is not a valid phone number");
        }
    }
    if !c.website.is_empty() && normalize_website(&c.website).ok().as_deref() != Some(c.website.as_str()) {
        ck.fail(prefix, "website", "must be an http or https address");
    }
    ck.text(prefix, "address", &c.address);
    ck.list_len(prefix, "tags", &c.tags, MAX_LIST);
    for (i, t) in c.tags.iter().enumerate() {
        ck.required_line(prefix, &format!("tags[{i}]"), t);
    }
    ck.text(prefix, "notes", &c.notes);
    if c.custom_fields.len() > MAX_CUSTOM_FIELDS {
        ck.fail(prefix, "custom_fields", format!("has too many entries (at most {MAX_CUSTOM_FIELDS})"));
    }
    for (k, v) in &c.custom_fields {
        ck.required_line(prefix, "custom_fields (key)", k);
        ck.text(prefix, &format!("custom_fields.{k}"), v);
    }
    ck.not_before(prefix, "updated_at", Some(c.updated_at), c.created_at, "created_at");
}

pub fn check_touchpoint(t: &Touchpoint, prefix: &str, ck: &mut Checker) {
    ck.text(prefix, "summary", &t.summary);
}

pub fn check_order(o: &Order, prefix: &str, ck: &mut Checker) {
    ck.required_line(prefix, "description", &o.description);
    ck.amount(prefix, "amount", o.amount.minor);
    match o.status {
        OrderStatus::Completed if o.completed_at.is_none() => {
            ck.fail(prefix, "completed_at", "is missing for a completed order")
        }
        OrderStatus::Cancelled if o.cancelled_at.is_none() => {
            ck.fail(prefix, "cancelled_at", "is missing for a cancelled order")
        }
        _ => {}
    }
    if o.status != OrderStatus::Completed && o.completed_at.is_some() {
        ck.fail(prefix, "completed_at", "is set but the order is not completed");
    }
    ck.not_before(prefix, "completed_at", o.completed_at, o.placed_at, "the order was placed");
    ck.not_before(prefix, "cancelled_at", o.cancelled_at, o.placed_at, "the order was placed");
    ck.list_len(prefix, "problems", &o.problems, 500);
    for (i, p) in o.problems.iter().enumerate() {
        let path = format!("problems[{i}]");
        let pre = if prefix.is_empty() { path } else { format!("{prefix}.{path}") };
        ck.required_line(&pre, "text", p.text.lines().next().unwrap_or(""));
        ck.text(&pre, "text", &p.text);
        ck.not_before(&pre, "informed_at", p.informed_at, p.at, "the problem was recorded");
        ck.not_before(&pre, "resolved_at", p.resolved_at, p.at, "the problem was recorded");
    }
}

pub fn check_concern(c: &Concern, prefix: &str, ck: &mut Checker) {
    if c.text.trim().is_empty() {
        ck.fail(prefix, "text", "must not be empty");
    }
    ck.text(prefix, "text", &c.text);
    ck.text(prefix, "answer", &c.answer);
    ck.not_before(prefix, "answered_at", c.answered_at, c.received_at, "the concern was received");
    ck.not_before(prefix, "resolved_at", c.resolved_at, c.received_at, "the concern was received");
    ck.not_before(prefix, "due_by", Some(c.due_by), c.received_at, "the concern was received");
    if c.status == ConcernStatus::Answered && c.answered_at.is_none() {
        ck.fail(prefix, "answered_at", "is missing for an answered concern");
    }
    if c.status == ConcernStatus::Resolved && c.resolved_at.is_none() {
        ck.fail(prefix, "resolved_at", "is missing for a resolved concern");
    }
}

pub fn check_follow_up(f: &FollowUp, prefix: &str, ck: &mut Checker) {
    ck.required_line(prefix, "title", &f.title);
}

pub fn check_phase_change(p: &PhaseChange, prefix: &str, ck: &mut Checker) {
    if p.from == p.to {
        ck.fail(prefix, "to", "must differ from `from`");
    }
    if p.seq == 0 {
        ck.fail(prefix, "seq", "must start at 1");
    }
    if let PhaseCause::Manual { reason } = &p.cause {
        if reason.trim().is_empty() {
            ck.fail(prefix, "cause.reason", "must not be empty");
        }
        ck.text(prefix, "cause.reason", reason);
    }
    if matches!(p.cause, PhaseCause::Dormancy { .. }) && p.to != Phase::WinBack {
        ck.fail(prefix, "cause", "dormancy only moves customers to Winning back");
    }
}

pub fn check_settings(s: &Settings, prefix: &str, ck: &mut Checker) {
    ck.line(prefix, "owner_name", &s.owner_name);
    if !(1..=3650).contains(&s.dormancy_days) {
        ck.fail(prefix, "dormancy_days", "must be between 1 and 3650 days");
    }
    if !(1..=8760).contains(&s.response_target_hours) {
        ck.fail(prefix, "response_target_hours", "must be between 1 and 8760 hours");
    }
    if !(1..=365).contains(&s.backup_reminder_days) {
        ck.fail(prefix, "backup_reminder_days", "must be between 1 and 365 days");
    }
    if !s.locale.is_empty() && !super::model::LOCALES.contains(&s.locale.as_str()) {
        ck.fail(prefix, "locale", "must be English (en) or German (de)");
    }
    ck.list_len(prefix, "playbook", &s.playbook, 100);
    for (i, step) in s.playbook.iter().enumerate() {
        let pre = join(prefix, &format!("playbook[{i}]"));
        ck.required_line(&pre, "title", &step.title);
        if step.due_after_days > 3650 {
            ck.fail(&pre, "due_after_days", "must be at most 3650 days");
        }
    }
    ck.list_len(prefix, "templates", &s.templates, 100);
    for (i, t) in s.templates.iter().enumerate() {
        let pre = join(prefix, &format!("templates[{i}]"));
        ck.required_line(&pre, "name", &t.name);
        ck.line(&pre, "subject", &t.subject);
        ck.text(&pre, "body", &t.body);
    }
}

fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in ["ana@example.com", "a.b+c@mail.example.co.uk", " x@y.de "] {
            assert!(is_email(ok), "{ok}");
        }
        assert!(is_email("zoë.o'neil@bücher.example"));
        for bad in [
            "a..b@example.com",
            ".a@example.com",
            "a(b)@example.com",
            "a:b@example.com",
            "a@exa_mple.com",
            "",
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "ana@@example.com",
            "a b@example.com",
            "ana@example.c",
            "<a@b.com>",
            "ana@-x.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for ok in ["+49 30 1234567", "(030) 123-45", "0171/2345678", "112"] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["", "12", "call me", "+49+30", "49+30", "1234567890123456789012", "javascript:alert(1)"] {
            assert!(!is_phone(bad), "{bad}");
        }
        assert_eq!(tel_link("+49 (30) 123-4567").as_deref(), Some("tel:+49301234567"));
        assert_eq!(tel_link("nope"), None);
    }

    #[test]
    fn websites_are_normalised_and_only_web_schemes_pass() {
        assert_eq!(normalize_website("example.com").unwrap(), "https://example.com");
        assert_eq!(normalize_website("http://example.com/a?b").unwrap(), "http://example.com/a?b");
        assert_eq!(normalize_website("").unwrap(), "");
        assert!(normalize_website("javascript:alert(1)").is_err());
        assert!(normalize_website("ftp://example.com").is_err());
        assert!(normalize_website("localhost").is_err());
        assert!(normalize_website("exa mple.com").is_err());
    }

    #[test]
    fn only_four_schemes_become_links() {
        assert!(safe_link("https://example.com").is_some());
        assert!(safe_link("HTTP://example.com").is_some());
        assert!(safe_link("mailto:a@b.de").is_some());
        assert!(safe_link("tel:+4930").is_some());
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "/relative",
            "vbscript:x",
            "https:",
            "file:///etc/passwd",
        ] {
            assert_eq!(safe_link(bad), None, "{bad}");
        }
        assert_eq!(mailto_link("a@b.de").as_deref(), Some("mailto:a@b.de"));
        assert_eq!(mailto_link("javascript:alert(1)//@x.com"), None);
    }

    #[test]
    fn checker_builds_paths_and_limits_lengths() {
        let mut ck = Checker::new();
        ck.required_line("customers[2]", "name", "  ");
        ck.line("", "company", &"x".repeat(MAX_LINE + 1));
        ck.line("", "title", "two\nlines");
        ck.amount("orders[0]", "amount", -1);
        ck.amount("orders[1]", "amount", MAX_MINOR + 1);
        let errs = ck.into_result().unwrap_err();
        let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            vec![
                "customers[2].name: must not be empty",
                "company: is too long (201 characters, at most 200)",
                "title: must be a single line",
                "orders[0].amount: must not be negative",
                "orders[1].amount: is too large",
            ]
        );
    }
}
