//! Today's lists, the phase board, the win-back helper and monthly revenue, with
//! hand-worked expected values.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rapport::domain::metrics;
use rapport::domain::ops::{self, ConcernDraft, CustomerDraft, OrderDraft, ProblemStep, TouchpointDraft};
use rapport::domain::playbook::{mail_draft, mailto_encode};
use rapport::domain::today::{board, period_start, revenue_by_month, today, win_back_candidates, Day};
use rapport::domain::*;

fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap() + Duration::days(n)
}

/// The calendar day around `day(n)` (midnight to midnight, UTC).
fn whole_day(n: i64) -> Day {
    let start = day(n) - Duration::hours(12);
    Day { start, end: start + Duration::days(1) }
}

struct World {
    book: Book,
}

impl World {
    fn new() -> Self {
        let mut settings = Settings::new(day(0));
        settings.dormancy_days = 100;
        settings.owner_name = "Mia Koch".into();
        World { book: Book::new(settings) }
    }

    fn apply(&mut self, outcome: Result<ops::Outcome, DomainError>) -> ops::Outcome {
        let o = outcome.expect("operation should succeed");
        self.book.apply(o.changes.clone());
        o
    }

    fn customer_with(&mut self, draft: CustomerDraft, at: i64) -> CustomerId {
        self.apply(ops::add_customer(&draft, day(at))).changes.customers[0].id
    }

    fn customer(&mut self, name: &str, at: i64) -> CustomerId {
        self.customer_with(CustomerDraft::named(name, AcquisitionChannel::Referral), at)
    }

    fn talk(&mut self, id: CustomerId, at: i64) {
        let d = TouchpointDraft {
            customer_id: id,
            at: day(at),
            channel: ContactChannel::Phone,
            direction: Direction::Outbound,
            kind: TouchpointKind::Call,
            two_way: true,
            summary: "call".into(),
            sentiment: Sentiment::Positive,
        };
        self.apply(ops::log_touchpoint(&self.book, &d, day(at)));
    }

    fn order(&mut self, id: CustomerId, at: i64, what: &str, amount: &str) -> OrderId {
        let d = OrderDraft { customer_id: id, placed_at: day(at), description: what.into(), amount: amount.into() };
        self.apply(ops::place_order(&self.book, &d, day(at))).changes.orders[0].id
    }

    fn buy(&mut self, id: CustomerId, at: i64, what: &str, amount: &str) -> OrderId {
        let o = self.order(id, at, what, amount);
        self.apply(ops::complete_order(&self.book, o, day(at), day(at)));
        o
    }
}

#[test]
fn today_lists_each_kind_of_work_most_urgent_first() {
    let mut w = World::new();
    // A prospect nobody has talked to, and one who was called (now in Trust).
    let fresh = w.customer("Fresh Prospect", 10);
    let talked = w.customer("Talked To", 10);
    w.talk(talked, 11);
    // Follow-ups: overdue, due today, due tomorrow, done.
    let overdue = w.apply(ops::add_follow_up(&w.book, Some(talked), "Send offer", day(18), day(12)));
    w.apply(ops::add_follow_up(&w.book, Some(talked), "Call back", day(20) + Duration::hours(3), day(12)));
    w.apply(ops::add_follow_up(&w.book, None, "Tax return", day(21), day(12)));
    let done = w.apply(ops::add_follow_up(&w.book, Some(talked), "Old task", day(15), day(12)));
    w.apply(ops::set_follow_up_done(&w.book, done.changes.follow_ups[0].id, true, day(16)));
    // A buyer with a concern past its target (48 h) and one within it, and an open problem.
    let buyer = w.customer("Buyer", 0);
    let order = w.buy(buyer, 5, "Logo", "500");
    let concern = |w: &mut World, text: &str, at: i64| {
        let d = ConcernDraft {
            customer_id: buyer,
            kind: ConcernKind::Question,
            received_at: day(at),
            channel: ContactChannel::Email,
            text: text.into(),
        };
        w.apply(ops::receive_concern(&w.book, &d, day(at))).changes.concerns[0].id
    };
    concern(&mut w, "Where is the invoice?", 17);
    concern(&mut w, "Can you add a favicon?", 20);
    let answered = concern(&mut w, "Which fonts?", 16);
    w.apply(ops::answer_concern(&w.book, answered, "Inter", day(16), day(16)));
    w.apply(ops::record_problem(&w.book, order, "Colours off in print", day(6), day(6)));
    let fixed = w.apply(ops::record_problem(&w.book, order, "Typo", day(6), day(6)));
    let typo = fixed.changes.orders[0].problems[1].id;
    w.apply(ops::update_problem(&w.book, order, typo, ProblemStep::Resolved, day(7), day(7)));
    // An archived prospect is left out entirely.
    let gone = w.customer("Archived Prospect", 1);
    w.apply(ops::set_archived(&w.book, gone, true, day(2)));

    let t = today(&w.book, day(20), whole_day(20), Some(day(19)));
    let titles: Vec<(&str, bool)> = t.follow_ups.iter().map(|f| (f.title.as_str(), f.overdue)).collect();
    assert_eq!(titles, [("Send offer", true), ("Call back", false)], "due by the end of today, overdue first");
    assert_eq!(t.follow_ups[0].id, overdue.changes.follow_ups[0].id);
    let concerns: Vec<(&str, bool)> = t.concerns.iter().map(|c| (c.text.as_str(), c.overdue)).collect();
    assert_eq!(concerns, [("Where is the invoice?", true), ("Can you add a favicon?", false)]);
    assert_eq!(t.problems.len(), 1, "resolved problems are done");
    assert_eq!((t.problems[0].text.as_str(), t.problems[0].informed), ("Colours off in print", false));
    let firsts: Vec<CustomerId> = t.first_contact.iter().map(|f| f.customer).collect();
    assert_eq!(firsts, [fresh], "talked-to and archived prospects are not listed");
    assert!(t.at_risk.is_empty() && t.newly_former.is_empty());
    assert_eq!(t.item_count(), 2 + 2 + 1 + 1);
}

#[test]
fn at_risk_and_newly_former_customers_show_with_the_right_dates() {
    let mut w = World::new();
    // One-time buyer: at risk after 75 % of the 100-day threshold.
    let drifting = w.customer("Drifting", 0);
    w.buy(drifting, 1, "Site", "100");
    // Buyer who goes dormant on day 101 (100 days without a purchase).
    let leaving = w.customer("Leaving", 0);
    w.buy(leaving, 1, "Flyer", "50");
    w.buy(leaving, 1, "Card", "50");

    let before = today(&w.book, day(70), whole_day(70), Some(day(60)));
    assert!(before.at_risk.is_empty(), "69 days < 75 days");
    let at_80 = today(&w.book, day(80), whole_day(80), Some(day(60)));
    let risky: Vec<(CustomerId, Option<i64>)> =
        at_80.at_risk.iter().map(|a| (a.customer, a.days_to_dormancy)).collect();
    // Both are one-time-rhythm customers (the second bought twice on one day: interval 0).
    assert_eq!(risky.len(), 2);
    assert!(risky.iter().all(|(_, d)| *d == Some(21)), "{risky:?}");

    let moved = w.apply(Ok(ops::run_dormancy_check(&w.book, day(102))));
    assert_eq!(moved.changes.customers.len(), 2);
    let after = today(&w.book, day(102), whole_day(102), Some(day(90)));
    assert_eq!(after.newly_former.len(), 2, "became former after the last visit");
    assert!(after.at_risk.is_empty(), "former customers are no longer 'at risk'");
    let later = today(&w.book, day(110), whole_day(110), Some(day(105)));
    assert!(later.newly_former.is_empty(), "already seen on an earlier visit");
    let first_visit = today(&w.book, day(102), whole_day(102), None);
    assert!(first_visit.newly_former.is_empty(), "nothing is 'new' on the first visit");
}

#[test]
fn the_board_has_six_columns_with_counts_and_value() {
    let mut w = World::new();
    let a = w.customer("Anna", 0);
    let b = w.customer("Bert", 0);
    w.buy(a, 1, "Site", "1000");
    w.buy(b, 1, "Logo", "250.50");
    w.buy(b, 2, "Card", "100");
    w.customer("Cleo", 0);
    let hidden = w.customer("Dora", 0);
    w.apply(ops::set_archived(&w.book, hidden, true, day(1)));
    let cols = board(&w.book, day(3));
    assert_eq!(cols.len(), 6);
    assert_eq!(cols.iter().map(|c| c.phase).collect::<Vec<_>>(), Phase::ALL.to_vec());
    assert_eq!(cols[Phase::Attention.index()].customers.len(), 1, "archived left out");
    assert_eq!(cols[Phase::AfterPurchase.index()].customers, [a]);
    assert_eq!(cols[Phase::AfterPurchase.index()].value, 100_000);
    assert_eq!(cols[Phase::Commitment.index()].customers, [b]);
    assert_eq!(cols[Phase::Commitment.index()].value, 35_050);
    // Moving a card goes through the state machine: a reason is required.
    let refused = ops::move_phase(&w.book, a, Phase::Commitment, " ", day(3));
    assert!(refused.unwrap_err().message_for("reason").is_some());
    w.apply(ops::move_phase(&w.book, a, Phase::Commitment, "Signed a retainer", day(3)));
    let cols = board(&w.book, day(3));
    assert_eq!(cols[Phase::Commitment.index()].customers, [a, b], "highest value first");
    assert_eq!(cols[Phase::Commitment.index()].value, 135_050);
}

#[test]
fn win_back_offers_consenting_former_customers_and_counts_comebacks() {
    let mut w = World::new();
    let mut draft = CustomerDraft::named("Eva Brandt", AcquisitionChannel::Website);
    draft.emails = vec!["eva@example.com".into()];
    draft.marketing_consent = true;
    let eva = w.customer_with(draft.clone(), 0);
    draft.name = "No Consent".into();
    draft.marketing_consent = false;
    let silent = w.customer_with(draft, 0);
    w.buy(eva, 1, "Brand & web design", "900");
    w.buy(silent, 1, "Poster", "90");
    w.apply(Ok(ops::run_dormancy_check(&w.book, day(150))));

    let (mailable, not) = win_back_candidates(&w.book);
    assert_eq!(mailable.len(), 1);
    assert_eq!((mailable[0].customer, mailable[0].email.as_str()), (eva, "eva@example.com"));
    assert_eq!(mailable[0].last_purchase, Some(day(1)));
    assert_eq!(not, [silent]);

    let template = &w.book.settings.templates[0];
    let customer = w.book.customer(eva).unwrap().clone();
    let mail = mail_draft(&w.book, &customer, template, |d| d.format("%d.%m.%Y").to_string()).unwrap();
    assert_eq!(mail.subject, "It has been a while, Eva");
    assert!(mail.body.contains("Brand & web design (02.01.2026)"), "{}", mail.body);
    assert!(mail.body.ends_with("Mia Koch"));
    assert!(mail
        .link
        .starts_with("mailto:eva@example.com?subject=It%20has%20been%20a%20while%2C%20Eva&body=Hello%20Eva"));
    assert!(mail.link.contains("Brand%20%26%20web%20design"), "& must not end the body: {}", mail.link);
    assert!(mail.link.contains("%0D%0A%0D%0Aour%20last"), "line breaks as CRLF");

    let refused = ops::log_win_back_mail(&w.book, silent, "Hi", day(151));
    assert!(refused.unwrap_err().message_for("consent").is_some(), "no mail without consent");
    let sent = w.apply(ops::log_win_back_mail(&w.book, eva, &mail.subject, day(151)));
    let tp = &sent.changes.touchpoints[0];
    assert_eq!((tp.kind, tp.direction, tp.two_way), (TouchpointKind::WinBackMailing, Direction::Outbound, false));
    assert!(sent.moved.is_none(), "a mailing alone does not bring them back");
    assert_eq!(win_back_candidates(&w.book).0[0].last_mailing, Some(day(151)));

    assert_eq!(metrics::funnel(&w.book, None).win_back.won_back, 0);
    w.order(eva, 160, "Refresh", "300");
    let f = metrics::funnel(&w.book, None);
    assert_eq!((f.win_back.became_former, f.win_back.won_back), (2, 1), "a new order counts as won back");
    assert!(win_back_candidates(&w.book).0.is_empty());
}

#[test]
fn mailto_values_are_percent_encoded_as_utf8() {
    assert_eq!(mailto_encode("Grüße & Dank?"), "Gr%C3%BC%C3%9Fe%20%26%20Dank%3F");
    assert_eq!(mailto_encode("a\nb\r\nc"), "a%0D%0Ab%0D%0Ac");
    assert_eq!(mailto_encode("A-z_0.9~"), "A-z_0.9~");
}

#[test]
fn revenue_is_summed_per_month_with_empty_months() {
    let mut w = World::new();
    let a = w.customer("Anna", 0);
    w.buy(a, 3, "Jan", "100"); // 2026-01-04
    w.buy(a, 10, "Jan 2", "50.25"); // 2026-01-11
    w.buy(a, 70, "Mar", "10"); // 2026-03-12
    let foreign = w.buy(a, 71, "Foreign", "999");
    let mut order = w.book.order(foreign).unwrap().clone();
    order.amount = Money::new(99_900, "USD".parse().unwrap());
    w.book.apply(ChangeSet { orders: vec![order], ..Default::default() });
    let months = revenue_by_month(&w.book, None, day(80));
    let got: Vec<(i32, u32, i64, usize)> = months.iter().map(|m| (m.year, m.month, m.revenue, m.orders)).collect();
    assert_eq!(got, [(2026, 1, 15_025, 2), (2026, 2, 0, 0), (2026, 3, 1_000, 1)], "other currencies left out");
    let since = period_start(Some(30), day(80)); // 2026-02-20
    let recent: Vec<(u32, i64)> =
        revenue_by_month(&w.book, since, day(80)).iter().map(|m| (m.month, m.revenue)).collect();
    assert_eq!(recent, [(2, 0), (3, 1_000)]);
    assert!(revenue_by_month(&Book::new(Settings::new(day(0))), None, day(1)).is_empty());
    assert_eq!(period_start(None, day(1)), None);
}

#[test]
fn templates_and_locale_are_read_from_forms_with_field_messages() {
    let w = World::new();
    let s = &w.book.settings;
    let keep = s.templates[0].id;
    let rows = vec![
        (Some(keep), "Kept".to_string(), "Hi {first_name}".to_string(), "Body".to_string()),
        (None, " ".to_string(), "S".to_string(), "B".to_string()),
    ];
    let err = ops::templates_from_form(s, &rows, day(1)).unwrap_err();
    assert!(err.message_for("templates[1].name").is_some(), "{err}");
    let rows = vec![rows[0].clone(), (None, "New".to_string(), "S".to_string(), "B\n\n".to_string())];
    let saved = ops::templates_from_form(s, &rows, day(1)).unwrap().changes.settings.unwrap();
    assert_eq!(saved.templates.len(), 2);
    assert_eq!(saved.templates[0].id, keep, "an edited template keeps its id");
    assert_eq!(saved.templates[1].body, "B");

    let mut form = ops::SettingsForm::from_settings(s);
    form.locale = "fr".into();
    let err = ops::settings_from_form(s, &form, day(1)).unwrap_err();
    assert!(err.message_for("locale").is_some());
    form.locale = "de".into();
    let saved = ops::settings_from_form(s, &form, day(1)).unwrap().changes.settings.unwrap();
    assert_eq!(saved.locale, "de");
}
