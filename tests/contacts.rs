//! Contacts in from CSV and vCard, customers out as CSV.

use std::fs;
use std::path::Path;

use chrono::{TimeZone, Utc};
use rapport::backup::contacts::*;
use rapport::domain::ops::{self, CustomerDraft};
use rapport::domain::*;

fn fixture(name: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/contacts").join(name)).unwrap()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 9, 0, 0).unwrap()
}

fn empty_book() -> Book {
    Book::new(Settings::new(now()))
}

fn csv_rows(book: &Book, name: &str) -> (Table, Vec<ContactRow>) {
    let table = read_csv(&fixture(name)).unwrap();
    let mapping = suggest_mapping(&table);
    let rows = rows_from_table(book, &table, &mapping, AcquisitionChannel::Referral, now());
    (table, rows)
}

#[test]
fn google_contacts_export_with_quotes_newlines_commas_and_utf8() {
    let (table, rows) = csv_rows(&empty_book(), "google.csv");
    assert!(table.has_header);
    let mapping = suggest_mapping(&table);
    assert_eq!(mapping[0], ContactField::Name);
    assert_eq!(mapping[6], ContactField::Ignore, "E-mail 1 - Type is not an address");
    assert_eq!(mapping[7], ContactField::Email);
    assert_eq!(rows.len(), 4);
    let zoe = &rows[0].draft;
    assert_eq!(zoe.name, "Zoë Álvarez");
    assert_eq!(zoe.company, "Álvarez, Díaz & Co.");
    assert_eq!(zoe.emails, vec!["zoe@alvarez.example", "zoe.home@alvarez.example"]);
    assert_eq!(zoe.phones, vec!["+34 612 345 678"]);
    assert_eq!(zoe.notes, "Met at the fair, hall 3\r\nPrefers email");
    assert_eq!(zoe.tags, vec!["myContacts", "Clients"]);
    assert!(rows[0].problems.is_empty(), "{:?}", rows[0].problems);
    assert_eq!(rows[1].draft.name, "Jonas Keller", "first and last name joined when Name is empty");
    assert_eq!(rows[2].problems, vec!["emails: “broken(at)example.com” is not a valid email address"]);
    assert_eq!(rows[2].line, 4, "the row number a spreadsheet shows (a quoted newline stays in its row)");
    assert_eq!(rows[3].duplicate_of.as_deref(), Some("jonas.keller@example.de"), "duplicate by email, ignoring case");

    let cs = changes_for(&rows, false, now());
    let names: Vec<&str> = cs.customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["Zoë Álvarez", "Jonas Keller"], "rows with problems and duplicates are left out");
    assert_eq!(changes_for(&rows, true, now()).customers.len(), 3);
}

#[test]
fn outlook_export_with_bom_and_address_parts() {
    let (table, rows) = csv_rows(&empty_book(), "outlook.csv");
    assert_eq!(table.headers[0], "First Name", "the byte-order mark is not part of the first header");
    let mia = &rows[0].draft;
    assert_eq!(mia.name, "Mia Nowak");
    assert_eq!(mia.company, "Pixelhof");
    assert_eq!(mia.emails, vec!["mia@pixelhof.example"], "the display-name column is not an address");
    assert_eq!(mia.phones, vec!["+49 40 123456", "+49 171 9876543"]);
    assert_eq!(mia.address, "Lindenstraße 12\nHamburg\n20095\nGermany");
    assert_eq!(mia.tags, vec!["Clients", "Design"]);
    assert!(rows.iter().all(|r| r.problems.is_empty()), "{rows:?}");
    assert_eq!(rows[1].draft.name, "Søren Kierkegaard");
}

#[test]
fn german_excel_export_with_semicolons() {
    let (table, rows) = csv_rows(&empty_book(), "excel-de.csv");
    assert_eq!(table.headers, vec!["Vorname", "Nachname", "Firma", "E-Mail", "Telefon", "Notiz"]);
    assert_eq!(rows[0].draft.name, "Jürgen Groß");
    assert_eq!(rows[0].draft.company, "Bäckerei Sonnenschein");
    assert_eq!(rows[0].draft.notes, "Kunde seit 2019; mag Brötchen");
    assert_eq!(rows[1].draft.name, "Ölgür Şahin");
    assert!(rows.iter().all(|r| r.problems.is_empty()), "{rows:?}");
}

#[test]
fn a_file_without_a_header_row_is_mapped_from_its_values() {
    let (table, rows) = csv_rows(&empty_book(), "no-header.csv");
    assert!(!table.has_header);
    assert_eq!(suggest_mapping(&table), vec![ContactField::Name, ContactField::Email, ContactField::Phone]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].draft.emails, vec!["ben@ortiz.example"]);
}

#[test]
fn emails_already_in_the_book_are_flagged() {
    let mut book = empty_book();
    let mut d = CustomerDraft::named("Ana", AcquisitionChannel::Website);
    d.emails = vec!["ANA@weber.example".into()];
    book.apply(ops::add_customer(&d, now()).unwrap().changes);
    let (_, rows) = csv_rows(&book, "no-header.csv");
    assert_eq!(rows[0].duplicate_of.as_deref(), Some("ana@weber.example"));
    assert_eq!(rows[1].duplicate_of, None);
}

#[test]
fn bad_csv_is_refused_with_a_reason() {
    assert_eq!(read_csv(""), Err(ContactsError::Empty));
    assert_eq!(read_csv("\u{feff}\n\n"), Err(ContactsError::Empty));
    assert!(matches!(read_csv(&"x".repeat(MAX_CONTACT_BYTES + 1)), Err(ContactsError::TooLarge(_))));
}

#[test]
fn iphone_vcards_with_groups_escapes_and_folded_lines() {
    let rows = rows_from_vcard(&empty_book(), &fixture("iphone.vcf"), AcquisitionChannel::Referral, now()).unwrap();
    assert_eq!(rows.len(), 2);
    let ana = &rows[0].draft;
    assert_eq!(ana.name, "Ana Weber");
    assert_eq!(ana.company, "Grünwerk GmbH");
    assert_eq!(ana.emails, vec!["ana@gruen.example"]);
    assert_eq!(ana.phones, vec!["+49 171 1234567"]);
    assert_eq!(ana.address, "Hauptstraße 5, Berlin, 10115, Germany");
    assert_eq!(ana.notes, "Met at, the fair\nLikes green tea and long walks by the river in the early morning");
    assert!(rows.iter().all(|r| r.problems.is_empty()), "{rows:?}");
}

#[test]
fn android_vcards_with_quoted_printable() {
    let rows = rows_from_vcard(&empty_book(), &fixture("android.vcf"), AcquisitionChannel::Referral, now()).unwrap();
    assert_eq!(rows[0].draft.name, "Deniz Öztürk");
    assert_eq!(rows[0].draft.emails, vec!["deniz@example.com.tr"]);
    assert_eq!(rows[1].draft.name, "Taxi");
    assert_eq!(rows[1].draft.phones, vec!["030 202020"]);
}

#[test]
fn vcard_4_from_nextcloud() {
    let rows = rows_from_vcard(&empty_book(), &fixture("nextcloud.vcf"), AcquisitionChannel::Event, now()).unwrap();
    let liu = &rows[0].draft;
    assert_eq!(liu.name, "Liu Yang");
    assert_eq!(liu.phones, vec!["+86-10-1234-5678"]);
    assert_eq!(liu.tags, vec!["vip", "design"]);
    assert_eq!(liu.website, "https://blueharbor.example");
    assert_eq!(liu.channel, AcquisitionChannel::Event);
    assert!(rows[0].problems.is_empty());
}

#[test]
fn hostile_vcards_keep_text_as_text_and_refuse_script_links() {
    let rows = rows_from_vcard(&empty_book(), &fixture("hostile.vcf"), AcquisitionChannel::Other, now()).unwrap();
    assert_eq!(rows[0].draft.name, "<script>alert(1)</script>");
    assert_eq!(rows[0].problems, vec!["website: must be a web address (http or https)"]);
    assert!(matches!(
        rows_from_vcard(&empty_book(), "not a vcard", AcquisitionChannel::Other, now()),
        Err(ContactsError::Unreadable { .. })
    ));
}

#[test]
fn customers_go_out_as_csv_that_comes_back_in() {
    let data = seed::seed_book(25, now(), 9, false);
    let mut book = Book::from_data(data);
    let mut d = CustomerDraft::named("=HYPERLINK(\"http://x\")", AcquisitionChannel::Ad);
    d.notes = "line one\nline two, with \"quotes\"".into();
    book.apply(ops::add_customer(&d, now()).unwrap().changes);
    let text = customers_csv(&book, now());
    assert!(text.starts_with('\u{feff}'));
    let table = read_csv(&text).unwrap();
    assert_eq!(table.rows.len(), 26);
    assert_eq!(table.headers[0], "Name");
    let tricky = table.rows.iter().find(|r| r[0].contains("HYPERLINK")).unwrap();
    assert_eq!(tricky[0], "'=HYPERLINK(\"http://x\")", "formulas are neutralised for spreadsheets");
    assert_eq!(tricky[16], "line one\nline two, with \"quotes\"");
    let mapping = suggest_mapping(&table);
    let rows = rows_from_table(&Book::new(Settings::new(now())), &table, &mapping, AcquisitionChannel::Other, now());
    let ok = rows.iter().filter(|r| r.problems.is_empty()).count();
    assert_eq!(ok, 26, "{:?}", rows.iter().filter(|r| !r.problems.is_empty()).map(|r| &r.problems).collect::<Vec<_>>());
}
