//! Contacts in from CSV (spreadsheets, Google and Outlook exports) and vCard (phone
//! address books); customers out as CSV. Every row becomes a customer draft that goes
//! through the same validation as the form; rows with problems are listed, not dropped
//! silently.

use std::collections::HashSet;
use std::io::BufReader;

use crate::domain::ops::{self, CustomerDraft};
use crate::domain::{AcquisitionChannel, Book, ChangeSet, Choices, CustomerKind, DomainError};
use chrono::{DateTime, Utc};

/// Largest contacts file accepted.
pub const MAX_CONTACT_BYTES: usize = 20 * 1024 * 1024;
/// Most rows one import takes.
pub const MAX_ROWS: usize = 50_000;

/// What a column of a contacts file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactField {
    Ignore,
    Name,
    FirstName,
    LastName,
    Company,
    Email,
    Phone,
    Website,
    Address,
    Tags,
    Notes,
}

impl ContactField {
    pub const ALL: [ContactField; 11] = [
        ContactField::Ignore,
        ContactField::Name,
        ContactField::FirstName,
        ContactField::LastName,
        ContactField::Company,
        ContactField::Email,
        ContactField::Phone,
        ContactField::Website,
        ContactField::Address,
        ContactField::Tags,
        ContactField::Notes,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ContactField::Ignore => "ignore",
            ContactField::Name => "name",
            ContactField::FirstName => "first_name",
            ContactField::LastName => "last_name",
            ContactField::Company => "company",
            ContactField::Email => "email",
            ContactField::Phone => "phone",
            ContactField::Website => "website",
            ContactField::Address => "address",
            ContactField::Tags => "tags",
            ContactField::Notes => "notes",
        }
    }

    pub fn from_key(key: &str) -> ContactField {
        ContactField::ALL.into_iter().find(|f| f.key() == key).unwrap_or(ContactField::Ignore)
    }
}

/// Why a contacts file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactsError {
    #[error("the file is too large ({0} bytes; at most {MAX_CONTACT_BYTES})")]
    TooLarge(usize),
    #[error("the file holds no rows")]
    Empty,
    #[error("line {line}: {message}")]
    Unreadable { line: u64, message: String },
    #[error("the file has more than {MAX_ROWS} rows")]
    TooManyRows,
}

/// A CSV file split into cells, with the header row if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub has_header: bool,
    pub rows: Vec<Vec<String>>,
    /// The row number a spreadsheet shows for each row (the first row of the file is 1).
    pub lines: Vec<u64>,
}

/// Header names (lower case) that say what a column is, from spreadsheets and the
/// Google, Outlook, Apple and common German exports.
fn guess(header: &str) -> ContactField {
    let h = header.trim().to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if h.is_empty() {
        ContactField::Ignore
    } else if has(&["e-mail", "email", "mail address", "e-mail-adresse"]) && !has(&["type", "label", "display"]) {
        ContactField::Email
    } else if has(&["phone", "telefon", "mobile", "mobil", "handy", "tel."])
        && !h.contains("type")
        && !h.contains("label")
    {
        ContactField::Phone
    } else if has(&["first name", "given name", "vorname", "firstname"]) {
        ContactField::FirstName
    } else if has(&["last name", "family name", "surname", "nachname", "lastname"]) {
        ContactField::LastName
    } else if has(&["company", "organization", "organisation", "firma", "unternehmen"]) && !h.contains("title") {
        ContactField::Company
    } else if has(&["website", "web page", "webseite", "homepage", "url"]) && !h.contains("type") {
        ContactField::Website
    } else if has(&["address", "adresse", "street", "straße", "city", "postal", "zip", "country", "stadt", "plz"])
        && !has(&["mail", "type"])
    {
        ContactField::Address
    } else if has(&["notes", "note", "notiz", "bemerkung", "comment"]) {
        ContactField::Notes
    } else if has(&["tags", "labels", "categories", "group membership", "kategorie"]) {
        ContactField::Tags
    } else if h == "name" || h == "full name" || h == "display name" || h == "kontakt" {
        ContactField::Name
    } else {
        ContactField::Ignore
    }
}

/// The suggested meaning of each column.
pub fn suggest_mapping(table: &Table) -> Vec<ContactField> {
    if table.has_header {
        return table.headers.iter().map(|h| guess(h)).collect();
    }
    // No header: look at the first row's values.
    let first = table.rows.first().cloned().unwrap_or_default();
    let mut named = false;
    first
        .iter()
        .map(|cell| {
            if crate::domain::validate::is_email(cell) {
                ContactField::Email
            } else if crate::domain::validate::is_phone(cell) {
                ContactField::Phone
            } else if !named && !cell.trim().is_empty() {
                named = true;
                ContactField::Name
            } else {
                ContactField::Ignore
            }
        })
        .collect()
}

/// Reads CSV text: the delimiter (comma, semicolon or tab) is detected from the first
/// line, a byte-order mark is ignored, quoted cells may hold commas and newlines.
pub fn read_csv(text: &str) -> Result<Table, ContactsError> {
    if text.len() > MAX_CONTACT_BYTES {
        return Err(ContactsError::TooLarge(text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter =
        [b',', b';', b'\t'].into_iter().max_by_key(|d| first_line.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ContactsError::Unreadable {
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() > MAX_ROWS {
            return Err(ContactsError::TooManyRows);
        }
        lines.push(index as u64 + 1);
        rows.push(record.iter().map(|c| c.trim().to_string()).collect::<Vec<_>>());
    }
    if rows.is_empty() {
        return Err(ContactsError::Empty);
    }
    let has_header = rows[0].iter().any(|h| guess(h) != ContactField::Ignore)
        && !rows[0].iter().any(|c| crate::domain::validate::is_email(c));
    let headers = if has_header {
        lines.remove(0);
        rows.remove(0)
    } else {
        (1..=rows.iter().map(Vec::len).max().unwrap_or(0)).map(|i| format!("Column {i}")).collect()
    };
    Ok(Table { headers, has_header, rows, lines })
}

/// One row turned into a customer draft, or why it cannot be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub line: u64,
    pub draft: CustomerDraft,
    /// Field problems as sentences (`emails: “x” is not a valid email address`).
    pub problems: Vec<String>,
    /// An email that a customer in the book, or an earlier row, already has.
    pub duplicate_of: Option<String>,
}

fn draft_from(cells: &[(ContactField, &str)], channel: AcquisitionChannel) -> CustomerDraft {
    let mut d = CustomerDraft::named("", channel);
    let (mut first, mut last) = (String::new(), String::new());
    for (field, value) in cells {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match field {
            ContactField::Ignore => {}
            ContactField::Name => d.name = value.to_string(),
            ContactField::FirstName => first = value.to_string(),
            ContactField::LastName => last = value.to_string(),
            ContactField::Company => d.company = value.to_string(),
            ContactField::Email => d.emails.extend(ops::split_list(value)),
            ContactField::Phone => d
                .phones
                .extend(value.split([';', '\n', ':']).map(str::trim).filter(|p| !p.is_empty()).map(String::from)),
            ContactField::Website => d.website = value.to_string(),
            ContactField::Address => {
                if !d.address.is_empty() {
                    d.address.push('\n');
                }
                d.address.push_str(value);
            }
            ContactField::Tags => d.tags.extend(
                value
                    .split([',', ';', ':'])
                    .map(|t| t.trim().trim_start_matches('*').trim().to_string())
                    .filter(|t| !t.is_empty()),
            ),
            ContactField::Notes => {
                if !d.notes.is_empty() {
                    d.notes.push('\n');
                }
                d.notes.push_str(value);
            }
        }
    }
    if d.name.is_empty() {
        d.name = format!("{first} {last}").trim().to_string();
    }
    if d.name.is_empty() {
        d.name = d.company.clone();
    }
    if !d.company.is_empty() && d.name == d.company {
        d.kind = CustomerKind::Company;
    }
    d
}

fn describe(e: &DomainError) -> Vec<String> {
    match e {
        DomainError::Invalid(fields) => fields.iter().map(ToString::to_string).collect(),
        other => vec![other.to_string()],
    }
}

/// Checks each draft like the form would, and flags emails already in the book or the file.
fn check_rows(book: &Book, rows: Vec<(u64, CustomerDraft)>, now: DateTime<Utc>) -> Vec<ContactRow> {
    let mut known: HashSet<String> =
        book.customers().flat_map(|c| c.emails.iter().map(|e| e.trim().to_lowercase())).collect();
    rows.into_iter()
        .map(|(line, draft)| {
            let problems = ops::add_customer(&draft, now).err().map(|e| describe(&e)).unwrap_or_default();
            let duplicate_of = draft.emails.iter().map(|e| e.trim().to_lowercase()).find(|e| known.contains(e));
            known.extend(draft.emails.iter().map(|e| e.trim().to_lowercase()));
            ContactRow { line, draft, problems, duplicate_of }
        })
        .collect()
}

/// Turns a table and a column mapping into checked rows.
pub fn rows_from_table(
    book: &Book,
    table: &Table,
    mapping: &[ContactField],
    channel: AcquisitionChannel,
    now: DateTime<Utc>,
) -> Vec<ContactRow> {
    let drafts = table
        .rows
        .iter()
        .zip(&table.lines)
        .map(|(cells, line)| {
            let pairs: Vec<(ContactField, &str)> = cells
                .iter()
                .enumerate()
                .map(|(i, c)| (mapping.get(i).copied().unwrap_or(ContactField::Ignore), c.as_str()))
                .collect();
            (*line, draft_from(&pairs, channel))
        })
        .collect();
    check_rows(book, drafts, now)
}

/// The customers to add: every row without problems that is not a duplicate (unless
/// `include_duplicates`), all in one change set.
pub fn changes_for(rows: &[ContactRow], include_duplicates: bool, now: DateTime<Utc>) -> ChangeSet {
    let mut cs = ChangeSet::default();
    for row in rows {
        if !row.problems.is_empty() || (row.duplicate_of.is_some() && !include_duplicates) {
            continue;
        }
        if let Ok(o) = ops::add_customer(&row.draft, now) {
            cs.extend(o.changes);
        }
    }
    cs
}

/// Undoes vCard escaping: `\n`, `\,`, `\;`, `\\`.
fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Decodes quoted-printable text (vCard 2.1 from older Android phones).
fn quoted_printable(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'=')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            // A trailing "=" is a soft line break.
            None if bytes[i] == b'=' && i + 1 == bytes.len() => i += 1,
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a structured value on unescaped `;`.
fn components(value: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            if let Some(p) = parts.last_mut() {
                p.push('\\');
                p.push(c);
            }
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ';' {
            parts.push(String::new());
        } else if let Some(p) = parts.last_mut() {
            p.push(c);
        }
    }
    parts.into_iter().map(|p| unescape(&p).trim().to_string()).collect()
}

/// `TEL;CELL;PREF:…` → `TEL;TYPE=CELL;TYPE=PREF:…`; other lines unchanged.
fn bare_params_named(line: &str) -> String {
    if line.starts_with([' ', '\t']) {
        return line.to_string();
    }
    let Some(colon) = line.find(':') else { return line.to_string() };
    let (head, value) = line.split_at(colon);
    let mut parts = head.split(';');
    let mut out = parts.next().unwrap_or("").to_string();
    for p in parts {
        out.push(';');
        if p.contains('=') {
            out.push_str(p);
        } else {
            out.push_str("TYPE=");
            out.push_str(p);
        }
    }
    out.push_str(value);
    out
}

/// Reads a vCard file (3.0 or 4.0, and 2.1 with quoted-printable) into checked rows.
pub fn rows_from_vcard(
    book: &Book,
    text: &str,
    channel: AcquisitionChannel,
    now: DateTime<Utc>,
) -> Result<Vec<ContactRow>, ContactsError> {
    if text.len() > MAX_CONTACT_BYTES {
        return Err(ContactsError::TooLarge(text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The parser wants LF line ends, no blank lines between cards, and every parameter
    // as name=value (vCard 2.1 writes bare types such as `TEL;CELL:`).
    let cleaned: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{}\n", bare_params_named(l.trim_end_matches('\r'))))
        .collect();
    let mut drafts = Vec::new();
    for (n, card) in ical::VcardParser::new(BufReader::new(cleaned.as_bytes())).enumerate() {
        if drafts.len() >= MAX_ROWS {
            return Err(ContactsError::TooManyRows);
        }
        let card = card.map_err(|e| ContactsError::Unreadable {
            line: n as u64 + 1,
            message: format!("contact {}: {e}", n + 1),
        })?;
        let mut cells: Vec<(ContactField, String)> = Vec::new();
        let mut formatted = None;
        for p in card.properties {
            let name = p.name.rsplit('.').next().unwrap_or("").to_ascii_uppercase();
            let Some(raw) = p.value else { continue };
            let qp = p.params.as_ref().is_some_and(|ps| {
                ps.iter().any(|(k, v)| {
                    k.eq_ignore_ascii_case("ENCODING") && v.iter().any(|x| x.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
                })
            });
            let raw = if qp { quoted_printable(&raw) } else { raw };
            match name.as_str() {
                "FN" => formatted = Some(unescape(&raw)),
                "N" => {
                    let parts = components(&raw);
                    let first = parts.get(1).cloned().unwrap_or_default();
                    let last = parts.first().cloned().unwrap_or_default();
                    cells.push((ContactField::FirstName, first));
                    cells.push((ContactField::LastName, last));
                }
                "ORG" => cells.push((
                    ContactField::Company,
                    components(&raw).into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", "),
                )),
                "EMAIL" => cells.push((ContactField::Email, unescape(&raw))),
                "TEL" => cells.push((ContactField::Phone, unescape(&raw).trim_start_matches("tel:").to_string())),
                "URL" => cells.push((ContactField::Website, unescape(&raw))),
                "ADR" => {
                    let parts = components(&raw);
                    let lines: Vec<String> = parts.into_iter().filter(|s| !s.is_empty()).collect();
                    cells.push((ContactField::Address, lines.join(", ")));
                }
                "NOTE" => cells.push((ContactField::Notes, unescape(&raw))),
                "CATEGORIES" => cells.push((ContactField::Tags, unescape(&raw))),
                _ => {}
            }
        }
        if let Some(name) = formatted {
            cells.push((ContactField::Name, name));
        }
        let pairs: Vec<(ContactField, &str)> = cells.iter().map(|(f, v)| (*f, v.as_str())).collect();
        drafts.push((n as u64 + 1, draft_from(&pairs, channel)));
    }
    if drafts.is_empty() {
        return Err(ContactsError::Empty);
    }
    Ok(check_rows(book, drafts, now))
}

/// Neutralises cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first).
fn cell(value: &str) -> String {
    let number_like = value.chars().all(|c| c.is_ascii_digit() || " +-().,/".contains(c));
    if value.starts_with(['=', '@', '\t', '\r']) || (value.starts_with(['+', '-']) && !number_like) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// Every live customer as CSV (UTF-8 with a byte-order mark, which spreadsheets need).
pub fn customers_csv(book: &Book, now: DateTime<Utc>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "Name",
        "Kind",
        "Company",
        "Email",
        "Phone",
        "Website",
        "Address",
        "Tags",
        "Found through",
        "Phase",
        "Archived",
        "Marketing consent",
        "Lifetime value",
        "Currency",
        "Purchases",
        "Last purchase",
        "Notes",
        "Added",
    ];
    let _ = w.write_record(header);
    let mut customers: Vec<_> = book.customers().collect();
    customers.sort_by_key(|c| c.name.to_lowercase());
    for c in customers {
        let f = crate::domain::metrics::customer_figures(book, c, now);
        let record = [
            cell(&c.name),
            c.kind.key().to_string(),
            cell(&c.company),
            cell(&c.emails.join("; ")),
            cell(&c.phones.join("; ")),
            cell(&c.website),
            cell(&c.address),
            cell(&c.tags.join(", ")),
            c.channel.key().to_string(),
            c.phase.label().to_string(),
            if c.archived { "yes" } else { "no" }.to_string(),
            if c.may_receive_marketing() { "yes" } else { "no" }.to_string(),
            crate::domain::Money::new(f.lifetime_value, f.currency).to_plain(),
            f.currency.code().to_string(),
            f.purchase_count.to_string(),
            f.last_purchase.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
            cell(&c.notes),
            c.created_at.format("%Y-%m-%d").to_string(),
        ];
        let _ = w.write_record(&record);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}
