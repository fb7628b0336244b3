//! Operations and derived figures, with hand-worked expected values.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rapport::domain::metrics::{self, customer_figures, funnel, time_in_phases};
use rapport::domain::ops::{self, ConcernDraft, CustomerDraft, OrderDraft, ProblemStep, TouchpointDraft};
use rapport::domain::playbook;
use rapport::domain::*;

fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap() + Duration::days(n)
}

struct World {
    book: Book,
}

impl World {
    fn new() -> Self {
        World { book: Book::new(Settings::new(day(0))) }
    }

    fn apply(&mut self, outcome: Result<ops::Outcome, DomainError>) -> ops::Outcome {
        let o = outcome.expect("operation should succeed");
        self.book.apply(o.changes.clone());
        o
    }

    fn customer(&mut self, name: &str, at: i64) -> CustomerId {
        let o = self.apply(ops::add_customer(&CustomerDraft::named(name, AcquisitionChannel::Referral), day(at)));
        o.changes.customers[0].id
    }

    fn phase(&self, id: CustomerId) -> Phase {
        self.book.customer(id).unwrap().phase
    }

    fn touch(&mut self, id: CustomerId, at: i64, two_way: bool) -> ops::Outcome {
        let d = TouchpointDraft {
            customer_id: id,
            at: day(at),
            channel: ContactChannel::Phone,
            direction: Direction::Inbound,
            kind: TouchpointKind::Call,
            two_way,
            summary: "call".into(),
            sentiment: Sentiment::Positive,
        };
        self.apply(ops::log_touchpoint(&self.book, &d, day(at)))
    }

    fn order(&mut self, id: CustomerId, at: i64, amount: &str) -> OrderId {
        let d =
            OrderDraft { customer_id: id, placed_at: day(at), description: "Website".into(), amount: amount.into() };
        self.apply(ops::place_order(&self.book, &d, day(at))).changes.orders[0].id
    }

    fn complete(&mut self, order: OrderId, at: i64) -> ops::Outcome {
        self.apply(ops::complete_order(&self.book, order, day(at), day(at)))
    }
}

#[test]
fn a_prospect_walks_the_whole_cycle_and_every_move_is_recorded() {
    let mut w = World::new();
    let id = w.customer("Ana Weber", 0);
    assert_eq!(w.phase(id), Phase::Attention);

    let one_way = w.touch(id, 1, false);
    assert!(one_way.moved.is_none(), "a one-way touch does not build trust");
    let moved = w.touch(id, 2, true).moved.unwrap();
    assert_eq!((moved.from, moved.to, moved.seq), (Phase::Attention, Phase::Trust, 1));

    let first = w.order(id, 10, "1200");
    assert_eq!(w.phase(id), Phase::Purchase);
    let done = w.complete(first, 20).moved.unwrap();
    assert_eq!(done.to, Phase::AfterPurchase);
    assert_eq!(done.cause, PhaseCause::OrderCompleted { order_id: first });

    let second = w.order(id, 100, "800.50");
    assert_eq!(w.phase(id), Phase::AfterPurchase, "an order in After purchase is shown, not a move");
    w.complete(second, 110);
    assert_eq!(w.phase(id), Phase::Commitment);

    // A year without purchase: the dormancy check makes them a former customer.
    let none_yet = ops::run_dormancy_check(&w.book, day(110 + 364));
    assert!(none_yet.changes.is_empty());
    let dormant = ops::run_dormancy_check(&w.book, day(110 + 365));
    assert_eq!(dormant.changes.phase_changes.len(), 1);
    w.book.apply(dormant.changes);
    assert_eq!(w.phase(id), Phase::WinBack);

    // A new order reactivates; cancelling it goes back to Winning back.
    let third = w.order(id, 500, "300");
    assert_eq!(w.phase(id), Phase::Purchase);
    w.apply(ops::cancel_order(&w.book, third, day(501), day(501)));
    assert_eq!(w.phase(id), Phase::WinBack);

    let history = w.book.phase_history(id);
    let path: Vec<Phase> = history.iter().map(|c| c.to).collect();
    use Phase::*;
    assert_eq!(path, vec![Trust, Purchase, AfterPurchase, Commitment, WinBack, Purchase, WinBack]);
    assert!(history.windows(2).all(|p| p[0].to == p[1].from && p[0].seq + 1 == p[1].seq && p[0].at <= p[1].at));
}

#[test]
fn illegal_events_are_errors_not_panics() {
    let mut w = World::new();
    let id = w.customer("Ben", 0);
    let missing = OrderId::random();
    assert!(matches!(
        ops::complete_order(&w.book, missing, day(1), day(1)),
        Err(DomainError::NotFound { what: "order", .. })
    ));
    let order = w.order(id, 1, "10");
    w.complete(order, 2);
    assert_eq!(
        ops::complete_order(&w.book, order, day(3), day(3)),
        Err(DomainError::OrderNotOpen(OrderStatus::Completed))
    );
    assert_eq!(
        ops::cancel_order(&w.book, order, day(3), day(3)),
        Err(DomainError::OrderNotOpen(OrderStatus::Completed))
    );
    let err = ops::move_phase(&w.book, id, Phase::AfterPurchase, "x", day(3)).unwrap_err();
    assert_eq!(err.to_string(), "the customer is already in After purchase");
    let err = ops::move_phase(&w.book, id, Phase::Trust, "   ", day(3)).unwrap_err();
    assert_eq!(err.message_for("reason"), Some("must say why (it is kept in the phase history)"));
    assert!(ops::log_touchpoint(
        &w.book,
        &TouchpointDraft {
            customer_id: CustomerId::random(),
            at: day(1),
            channel: ContactChannel::Email,
            direction: Direction::Outbound,
            kind: TouchpointKind::Email,
            two_way: true,
            summary: String::new(),
            sentiment: Sentiment::Neutral
        },
        day(1)
    )
    .is_err());
}

#[test]
fn order_completion_before_placement_is_refused_at_the_field() {
    let mut w = World::new();
    let id = w.customer("Clara", 0);
    let order = w.order(id, 10, "100");
    let err = ops::complete_order(&w.book, order, day(9), day(11)).unwrap_err();
    assert_eq!(err.message_for("completed_at"), Some("must not be before the order was placed"));
}

#[test]
fn order_form_reports_every_field_problem() {
    let mut w = World::new();
    let id = w.customer("David", 0);
    let d = OrderDraft { customer_id: id, placed_at: day(30), description: " ".into(), amount: "-12".into() };
    let err = ops::place_order(&w.book, &d, day(1)).unwrap_err();
    assert_eq!(err.message_for("description"), Some("must not be empty"));
    assert_eq!(err.message_for("amount"), Some("must not be negative"));
    assert_eq!(err.message_for("placed_at"), Some("must not be in the future"));
    let d = OrderDraft { customer_id: id, placed_at: day(1), description: "x".into(), amount: "12.3456".into() };
    let err = ops::place_order(&w.book, &d, day(1)).unwrap_err();
    assert_eq!(err.message_for("amount"), Some("too many decimal places for EUR (at most 2)"));
}

#[test]
fn customer_form_validation_names_the_field() {
    let mut d = CustomerDraft::named("  ", AcquisitionChannel::Website);
    d.emails = vec!["ana@example".into()];
    d.phones = vec!["call me".into()];
    d.website = "javascript:alert(1)".into();
    let err = ops::add_customer(&d, day(0)).unwrap_err();
    assert_eq!(err.message_for("name"), Some("must not be empty"));
    assert_eq!(err.message_for("emails"), Some("“ana@example” is not a valid email address"));
    assert_eq!(err.message_for("phones"), Some("“call me” is not a valid phone number"));
    assert_eq!(err.message_for("website"), Some("must be a web address (http or https)"));

    let mut ok = CustomerDraft::named("  Eva Graf ", AcquisitionChannel::Website);
    ok.website = "eva.example".into();
    ok.tags = vec!["web".into(), " Web ".into(), "".into(), "print".into()];
    ok.marketing_consent = true;
    let c = ops::add_customer(&ok, day(0)).unwrap().changes.customers.remove(0);
    assert_eq!(c.name, "Eva Graf");
    assert_eq!(c.website, "https://eva.example");
    assert_eq!(c.tags, vec!["web", "print"]);
    assert_eq!(c.marketing_consent, Some(Consent { granted: true, at: day(0) }));
    assert_eq!(ops::split_list("a@b.de, c@d.de;\n e@f.de,,"), vec!["a@b.de", "c@d.de", "e@f.de"]);
}

#[test]
fn editing_keeps_phase_and_consent_date_until_consent_changes() {
    let mut w = World::new();
    let id = w.customer("Finn", 0);
    w.touch(id, 1, true);
    let mut d = CustomerDraft::from_customer(w.book.customer(id).unwrap());
    d.marketing_consent = true;
    w.apply(ops::edit_customer(&w.book, id, &d, day(2)));
    d.company = "Nordlicht".into();
    w.apply(ops::edit_customer(&w.book, id, &d, day(3)));
    let c = w.book.customer(id).unwrap();
    assert_eq!(c.phase, Phase::Trust);
    assert_eq!(c.company, "Nordlicht");
    assert_eq!(c.marketing_consent, Some(Consent { granted: true, at: day(2) }));
    assert_eq!(c.updated_at, day(3));
    d.marketing_consent = false;
    w.apply(ops::edit_customer(&w.book, id, &d, day(4)));
    assert_eq!(w.book.customer(id).unwrap().marketing_consent, Some(Consent { granted: false, at: day(4) }));
}

#[test]
fn concerns_are_due_by_the_response_target_and_answered_in_order() {
    let mut w = World::new();
    let id = w.customer("Greta", 0);
    let d = ConcernDraft {
        customer_id: id,
        kind: ConcernKind::Complaint,
        received_at: day(5),
        channel: ContactChannel::Email,
        text: "Logo is blurry".into(),
    };
    let c = w.apply(ops::receive_concern(&w.book, &d, day(5))).changes.concerns[0].clone();
    assert_eq!(c.due_by, day(7), "48 h response target");
    assert_eq!(
        ops::resolve_concern(&w.book, c.id, day(6), day(6)),
        Err(DomainError::ConcernState(ConcernStatus::Open))
    );
    let early = ops::answer_concern(&w.book, c.id, "Fixed", day(4), day(6)).unwrap_err();
    assert_eq!(early.message_for("answered_at"), Some("must not be before the concern was received"));
    w.apply(ops::answer_concern(&w.book, c.id, "Fixed, new files sent", day(6), day(6)));
    w.apply(ops::resolve_concern(&w.book, c.id, day(8), day(8)));
    let stored = w.book.concern(c.id).unwrap();
    assert_eq!(
        (stored.status, stored.answered_at, stored.resolved_at),
        (ConcernStatus::Resolved, Some(day(6)), Some(day(8)))
    );
    assert_eq!(
        ops::answer_concern(&w.book, c.id, "again", day(9), day(9)),
        Err(DomainError::ConcernState(ConcernStatus::Resolved))
    );
    let figures = metrics::concern_figures(&w.book, None, day(9));
    assert_eq!((figures.received, figures.answered, figures.answered_in_time), (1, 1, 1));
}

#[test]
fn order_problems_record_informing_and_resolution() {
    let mut w = World::new();
    let id = w.customer("Hannes", 0);
    let order = w.order(id, 1, "500");
    w.apply(ops::start_order(&w.book, order, day(2)));
    assert_eq!(w.book.order(order).unwrap().status, OrderStatus::InProgress);
    let o = w.apply(ops::record_problem(&w.book, order, "Printer delay", day(3), day(3)));
    let problem = o.changes.orders[0].problems[0].id;
    w.apply(ops::update_problem(&w.book, order, problem, ProblemStep::Informed, day(3), day(3)));
    w.apply(ops::update_problem(&w.book, order, problem, ProblemStep::Resolved, day(5), day(5)));
    let stored = w.book.order(order).unwrap();
    assert_eq!(stored.problems[0].informed_at, Some(day(3)));
    assert_eq!(stored.open_problems().count(), 0);
    assert_eq!(
        ops::update_problem(&w.book, order, problem, ProblemStep::Informed, day(6), day(6)),
        Err(DomainError::ProblemResolved)
    );
    assert!(ops::record_problem(&w.book, order, " ", day(6), day(6)).is_err());
}

#[test]
fn follow_ups_archive_and_delete() {
    let mut w = World::new();
    let id = w.customer("Ida", 0);
    let f = w.apply(ops::add_follow_up(&w.book, Some(id), "Call back", day(3), day(0))).changes.follow_ups[0].id;
    assert!(ops::add_follow_up(&w.book, Some(id), "  ", day(3), day(0)).is_err());
    w.apply(ops::set_follow_up_done(&w.book, f, true, day(2)));
    assert_eq!(ops::set_follow_up_done(&w.book, f, true, day(2)), Err(DomainError::FollowUpDone));
    w.apply(ops::set_archived(&w.book, id, true, day(4)));
    assert!(w.book.customer(id).unwrap().archived);
    w.apply(ops::set_archived(&w.book, id, false, day(5)));
    assert!(!w.book.customer(id).unwrap().archived);
    let gone = ops::delete_customers(&w.book, &[id], day(6));
    assert_eq!((gone.customers.len(), gone.follow_ups.len()), (1, 1));
    w.book.apply(gone);
    assert!(w.book.customer(id).is_none());
    assert!(w.book.customer_any(id).unwrap().is_deleted());
    assert_eq!(w.book.follow_ups_of(id).count(), 0);
}

#[test]
fn archived_customers_are_left_out_of_the_dormancy_check() {
    let mut w = World::new();
    let id = w.customer("Jonas", 0);
    let o = w.order(id, 1, "10");
    w.complete(o, 2);
    w.apply(ops::set_archived(&w.book, id, true, day(3)));
    assert!(ops::run_dormancy_check(&w.book, day(1000)).changes.is_empty());
}

#[test]
fn figures_are_hand_worked() {
    let mut w = World::new();
    let id = w.customer("Kemal", 0);
    w.touch(id, 1, true);
    // Purchases completed on days 10, 40 and 100: intervals 30 and 60 days, median 45.
    for (placed, done, amount) in [(5, 10, "100"), (35, 40, "200"), (95, 100, "600")] {
        let o = w.order(id, placed, amount);
        w.complete(o, done);
    }
    let open = w.order(id, 150, "50");
    w.apply(ops::cancel_order(&w.book, open, day(151), day(151)));
    let c = w.book.customer(id).unwrap().clone();
    assert_eq!(c.phase, Phase::Commitment);

    let f = customer_figures(&w.book, &c, day(160));
    assert_eq!(f.purchase_count, 3);
    assert_eq!(f.lifetime_value, 90_000);
    assert_eq!(f.average_order, Some(30_000));
    assert_eq!(f.first_purchase, Some(day(10)));
    assert_eq!(f.last_purchase, Some(day(100)));
    assert_eq!(f.median_interval, Some(Duration::days(45)));
    assert_eq!(f.days_to_dormancy, Some(365 - 60));
    assert_eq!(f.last_contact, Some(day(1)));
    assert_eq!(f.open_orders, 0);
    // At risk after 1.5 × 45 = 67.5 days since the last purchase.
    assert!(!customer_figures(&w.book, &c, day(100 + 67)).at_risk);
    assert!(customer_figures(&w.book, &c, day(100 + 68)).at_risk);
    assert!(!customer_figures(&w.book, &c, day(100 + 365)).at_risk, "dormant is not at risk");
    assert_eq!(customer_figures(&w.book, &c, day(100 + 400)).days_to_dormancy, Some(0));

    // Time in phase: Attention day 0–1, Trust 1–5, Purchase 5–10, After purchase 10–40, Commitment since 40.
    let t = time_in_phases(&w.book, &c, day(160));
    let d: Vec<i64> = t.iter().map(|x| x.num_days()).collect();
    assert_eq!(d, vec![1, 4, 5, 30, 120, 0]);
}

#[test]
fn one_time_customers_are_at_risk_at_three_quarters_of_the_threshold() {
    let last = day(0);
    let limit = 365 * 3 / 4; // 273.75 days
    assert!(!metrics::is_at_risk(Phase::AfterPurchase, Some(last), None, 365, day(273)));
    assert!(metrics::is_at_risk(Phase::AfterPurchase, Some(last), None, 365, day(274)));
    assert!(!metrics::is_at_risk(Phase::Trust, Some(last), None, 365, day(300)));
    assert!(!metrics::is_at_risk(Phase::AfterPurchase, None, None, 365, day(300)));
    assert_eq!(limit, 273);
    assert_eq!(metrics::median(vec![]), None);
    assert_eq!(metrics::median(vec![Duration::days(3), Duration::days(1), Duration::days(2)]), Some(Duration::days(2)));
}

#[test]
fn overdue_concerns_and_next_follow_up_show_in_the_figures() {
    let mut w = World::new();
    let id = w.customer("Lena", 0);
    let d = ConcernDraft {
        customer_id: id,
        kind: ConcernKind::Question,
        received_at: day(1),
        channel: ContactChannel::Email,
        text: "When?".into(),
    };
    w.apply(ops::receive_concern(&w.book, &d, day(1)));
    w.apply(ops::add_follow_up(&w.book, Some(id), "Later", day(20), day(1)));
    w.apply(ops::add_follow_up(&w.book, Some(id), "Sooner", day(10), day(1)));
    let c = w.book.customer(id).unwrap().clone();
    let f = customer_figures(&w.book, &c, day(2));
    assert_eq!((f.open_concerns, f.overdue_concerns), (1, 0));
    let f = customer_figures(&w.book, &c, day(4));
    assert_eq!((f.open_concerns, f.overdue_concerns), (1, 1));
    assert_eq!(f.next_follow_up.unwrap().title, "Sooner");
}

#[test]
fn funnel_counts_conversion_channels_and_win_back() {
    let mut w = World::new();
    // a: Attention only. b: Trust. c: bought once. d: bought twice, went dormant, came back.
    let a = w.customer("A", 0);
    let b = w.customer("B", 0);
    w.touch(b, 2, true);
    let c = w.customer("C", 0);
    w.touch(c, 1, true);
    let o = w.order(c, 3, "100");
    w.complete(o, 5);
    let d = w.customer("D", 0);
    let mut draft = CustomerDraft::from_customer(w.book.customer(d).unwrap());
    draft.channel = AcquisitionChannel::Website;
    w.apply(ops::edit_customer(&w.book, d, &draft, day(0)));
    for (p, done) in [(1, 2), (10, 12)] {
        let o = w.order(d, p, "1000");
        w.complete(o, done);
    }
    let dormant = ops::run_dormancy_check(&w.book, day(400));
    w.book.apply(dormant.changes);
    let back = w.order(d, 401, "10");
    w.complete(back, 402);

    let f = funnel(&w.book, None);
    // c bought once on day 5, so by day 400 c is a former customer too.
    assert_eq!(f.in_phase, [1, 1, 0, 0, 1, 1]);
    assert_eq!(f.reached, [4, 3, 2, 2, 1]);
    assert_eq!(f.conversion[0], Some(0.75));
    assert_eq!(f.conversion[1], Some(2.0 / 3.0));
    assert_eq!(f.conversion[2], Some(1.0));
    assert_eq!(f.conversion[3], Some(0.5));
    assert_eq!((f.win_back.became_former, f.win_back.won_back, f.win_back.rate), (2, 1, Some(0.5)));
    let referral = f.channels.iter().find(|x| x.channel == AcquisitionChannel::Referral).unwrap();
    assert_eq!((referral.customers, referral.buyers, referral.revenue), (3, 1, 10_000));
    let website = f.channels.iter().find(|x| x.channel == AcquisitionChannel::Website).unwrap();
    assert_eq!((website.customers, website.buyers, website.revenue), (1, 1, 201_000));
    // Finished stays in Attention: b 2 days, c 1 day, d 1 day → median 1 day.
    assert_eq!(f.median_time_in_phase[0], Some(Duration::days(1)));
    assert_eq!(funnel(&w.book, Some(day(1))).reached[0], 0);
    let _ = a;
}

#[test]
fn playbook_suggests_steps_for_the_current_phase_from_when_it_was_entered() {
    let mut w = World::new();
    let id = w.customer("Mia", 0);
    let o = w.order(id, 3, "100");
    w.complete(o, 10);
    let s = playbook::suggestions(&w.book, id);
    assert_eq!(s[0], playbook::Suggestion { title: "Ask for feedback".into(), due: day(24) });
    w.apply(ops::add_follow_up(&w.book, Some(id), "Ask for feedback", day(24), day(10)));
    let titles: Vec<String> = playbook::suggestions(&w.book, id).into_iter().map(|s| s.title).collect();
    assert_eq!(titles, vec!["Check in: anything else they need?"]);
}

#[test]
fn templates_fill_placeholders_once() {
    let mut w = World::new();
    let id = w.customer("Noah {owner_name} Berger", 0);
    let o = w.order(id, 1, "100");
    w.complete(o, 2);
    let mut settings = w.book.settings.clone();
    settings.owner_name = "Sam".into();
    w.apply(ops::update_settings(settings, day(3)));
    let c = w.book.customer(id).unwrap().clone();
    let text = playbook::fill_template(
        "Hi {first_name} / {name}: {last_order} on {last_purchase}. {unknown} {owner_name}",
        &w.book,
        &c,
        |d| d.format("%Y-%m-%d").to_string(),
    );
    assert_eq!(text, "Hi Noah / Noah {owner_name} Berger: Website on 2026-01-03. {unknown} Sam");
}

#[test]
fn settings_are_validated() {
    let mut s = Settings::new(day(0));
    s.dormancy_days = 0;
    s.response_target_hours = 0;
    s.playbook[0].title = String::new();
    let err = ops::update_settings(s, day(1)).unwrap_err();
    assert_eq!(err.message_for("dormancy_days"), Some("must be between 1 and 3650 days"));
    assert_eq!(err.message_for("response_target_hours"), Some("must be between 1 and 8760 hours"));
    assert_eq!(err.message_for("playbook[0].title"), Some("must not be empty"));
}

#[test]
fn sample_data_is_removed_in_one_step() {
    let data = seed::seed_book(30, day(1000), 7, true);
    let mut book = Book::from_data(data);
    let real = ops::add_customer(&CustomerDraft::named("Real One", AcquisitionChannel::Referral), day(1000)).unwrap();
    book.apply(real.changes);
    assert_eq!(book.customer_count(), 31);
    let removal = ops::remove_sample_data(&book, day(1001));
    assert!(removal.touchpoints.len() >= 30);
    book.apply(removal);
    assert_eq!(book.customer_count(), 1);
    assert_eq!(book.all_touchpoints().count(), 0);
}

use rapport::domain::seed;

#[test]
fn seeded_books_cover_every_phase_with_consistent_dates() {
    let now = day(2000);
    let data = seed::seed_book(400, now, 42, false);
    let book = Book::from_data(data.clone());
    let f = funnel(&book, None);
    for p in Phase::ALL {
        assert!(f.in_phase[p.index()] > 0, "no seeded customer in {p:?}");
    }
    assert!(data.touchpoints.len() >= 400 * 3, "touchpoints: {}", data.touchpoints.len());
    for o in &data.orders {
        assert!(o.placed_at <= now && o.completed_at.is_none_or(|c| c >= o.placed_at && c <= now));
    }
    for c in book.customers() {
        let figures = customer_figures(&book, c, now);
        match c.phase {
            Phase::WinBack => assert!(figures.last_purchase.unwrap() <= now - Duration::days(365)),
            Phase::AfterPurchase => assert_eq!(figures.purchase_count, 1),
            Phase::Commitment => assert!(figures.purchase_count >= 2),
            Phase::Purchase => assert!(figures.open_orders >= 1),
            Phase::Attention | Phase::Trust => assert_eq!(figures.purchase_count, 0),
        }
    }
    // Deterministic in shape.
    let again = seed::seed_book(400, now, 42, false);
    assert_eq!(again.touchpoints.len(), data.touchpoints.len());
    assert_eq!(again.orders.len(), data.orders.len());
}

#[test]
fn back_dated_events_never_put_the_history_out_of_time_order() {
    let mut w = World::new();
    let id = w.customer("Olga", 0);
    w.touch(id, 1, true);
    w.apply(ops::move_phase(&w.book, id, Phase::Attention, "wrong person answered", day(10)));
    // Logged today, but it happened on day 5: the move is recorded at day 10, not before.
    let moved = w.touch(id, 5, true).moved.unwrap();
    assert_eq!((moved.from, moved.to, moved.seq, moved.at), (Phase::Attention, Phase::Trust, 3, day(10)));
    assert_eq!(w.book.replayed_phase(id), Ok(Phase::Trust));
}

#[test]
fn the_settings_form_is_read_with_field_messages() {
    let current = Settings::new(day(0));
    let mut form = ops::SettingsForm::from_settings(&current);
    form.owner_name = "  Sam Meyer ".into();
    form.dormancy_days = "200".into();
    form.currency = "usd".into();
    let s = ops::settings_from_form(&current, &form, day(1)).unwrap().changes.settings.unwrap();
    assert_eq!(
        (s.owner_name.as_str(), s.dormancy_days, s.currency.code(), s.updated_at),
        ("Sam Meyer", 200, "USD", day(1))
    );

    form.dormancy_days = "a year".into();
    form.response_target_hours = "0".into();
    form.currency = "EURO".into();
    let err = ops::settings_from_form(&current, &form, day(1)).unwrap_err();
    assert_eq!(err.message_for("dormancy_days"), Some("must be a whole number"));
    assert_eq!(
        err.message_for("currency"),
        Some("unknown currency code \"EURO\" (expected an ISO 4217 code such as EUR)")
    );
    form.dormancy_days = "100".into();
    form.currency = "EUR".into();
    let err = ops::settings_from_form(&current, &form, day(1)).unwrap_err();
    assert_eq!(err.message_for("response_target_hours"), Some("must be between 1 and 8760 hours"));
}

#[test]
fn the_timeline_tells_the_whole_story_newest_first() {
    use rapport::domain::timeline::{timeline, Happening};
    let mut w = World::new();
    let id = w.customer("Paul", 0);
    w.touch(id, 1, true);
    let order = w.order(id, 3, "250");
    w.apply(ops::record_problem(&w.book, order, "Late paper", day(4), day(4)));
    w.complete(order, 6);
    let d = ConcernDraft {
        customer_id: id,
        kind: ConcernKind::Feedback,
        received_at: day(7),
        channel: ContactChannel::Email,
        text: "Great".into(),
    };
    let concern = w.apply(ops::receive_concern(&w.book, &d, day(7))).changes.concerns[0].id;
    w.apply(ops::answer_concern(&w.book, concern, "Thank you", day(8), day(8)));
    w.apply(ops::add_follow_up(&w.book, Some(id), "Ask for a review", day(20), day(8)));

    let kinds: Vec<&str> = timeline(&w.book, id)
        .iter()
        .map(|e| match &e.what {
            Happening::Touchpoint(_) => "touch",
            Happening::OrderPlaced { .. } => "placed",
            Happening::OrderCompleted { .. } => "completed",
            Happening::OrderCancelled { .. } => "cancelled",
            Happening::Problem { .. } => "problem",
            Happening::ConcernReceived { .. } => "concern",
            Happening::ConcernAnswered { .. } => "answered",
            Happening::ConcernResolved { .. } => "resolved",
            Happening::FollowUpDue { .. } => "follow-up",
            Happening::PhaseMoved { .. } => "moved",
        })
        .collect();
    assert_eq!(
        kinds,
        vec!["follow-up", "answered", "concern", "completed", "moved", "problem", "placed", "moved", "touch", "moved"]
    );
    let entries = timeline(&w.book, id);
    assert!(entries.windows(2).all(|p| p[0].at >= p[1].at));
}

#[test]
fn the_playbook_form_is_read_with_a_message_per_step() {
    let current = Settings::new(day(0));
    let rows = vec![
        (Phase::Attention, " Call within a day ".to_string(), "1".to_string()),
        (Phase::WinBack, "Send a voucher".to_string(), " 10 ".to_string()),
    ];
    let s = ops::playbook_from_form(&current, &rows, day(1)).unwrap().changes.settings.unwrap();
    assert_eq!(s.playbook.len(), 2);
    assert_eq!((s.playbook[0].title.as_str(), s.playbook[0].due_after_days), ("Call within a day", 1));
    assert_eq!(s.playbook[1].due_after_days, 10);
    let bad = vec![(Phase::Trust, "".to_string(), "soon".to_string())];
    let err = ops::playbook_from_form(&current, &bad, day(1)).unwrap_err();
    assert_eq!(err.message_for("playbook[0].due_after_days"), Some("must be a whole number of days"));
    assert_eq!(err.message_for("playbook[0].title"), Some("must not be empty"));
}

#[test]
fn merged_histories_are_rechained_in_time_order() {
    // Two devices both saw the first conversation; one also recorded an order.
    let mut w = World::new();
    let id = w.customer("Quinn", 0);
    let on_laptop = w.touch(id, 2, true).moved.unwrap();
    let order = w.order(id, 5, "100");
    let _ = order;
    let mut phone_copy = on_laptop.clone();
    phone_copy.id = PhaseChangeId::random();
    phone_copy.at = day(1);
    phone_copy.seq = 1;
    w.book.apply(ChangeSet { phase_changes: vec![phone_copy.clone()], ..Default::default() });
    assert!(w.book.replayed_phase(id).is_err(), "two moves numbered 1: the chain is broken");

    let fix = ops::rechain_history(&w.book, id, day(10));
    w.book.apply(fix.clone());
    assert_eq!(w.book.replayed_phase(id), Ok(Phase::Purchase));
    assert_eq!(w.book.customer(id).unwrap().phase, Phase::Purchase);
    let history = w.book.phase_history(id);
    let path: Vec<(Phase, Phase)> = history.iter().map(|c| (c.from, c.to)).collect();
    assert_eq!(path, vec![(Phase::Attention, Phase::Trust), (Phase::Trust, Phase::Purchase)]);
    assert_eq!(history[0].id, phone_copy.id, "the earlier of the two copies is kept");
    assert!(
        fix.phase_changes.iter().any(|c| c.id == on_laptop.id && c.deleted_at.is_some()),
        "the duplicate becomes a tombstone"
    );
    assert!(ops::rechain_history(&w.book, id, day(11)).is_empty(), "a consistent history needs no change");
}

#[test]
fn a_backup_reminder_is_due_for_real_customers_only() {
    use metrics::{backup_due, BackupDue};
    let mut book = Book::from_data(seed::seed_book(5, day(100), 1, true));
    assert_eq!(backup_due(&book, day(100)), None, "sample data alone asks for no backup");
    book.apply(
        ops::add_customer(&CustomerDraft::named("Real", AcquisitionChannel::Referral), day(100)).unwrap().changes,
    );
    assert_eq!(backup_due(&book, day(100)), Some(BackupDue::Never));
    book.settings.last_backup_at = Some(day(100));
    assert_eq!(backup_due(&book, day(114)), None, "14 days is the default reminder");
    assert_eq!(backup_due(&book, day(115)), Some(BackupDue::DaysOld(15)));
}

#[test]
fn a_field_error_inside_a_list_names_the_item_and_its_field() {
    let e = FieldError::new("templates[2].subject", "must not be empty");
    assert_eq!(e.in_list("templates"), Some((2, "subject")));
    assert_eq!(e.in_list("playbook"), None);
    assert_eq!(FieldError::new("playbook[11].title", "x").in_list("playbook"), Some((11, "title")));
    assert_eq!(FieldError::new("settings.templates[0]", "x").in_list("templates"), None);
    assert_eq!(FieldError::new("templates[x].name", "x").in_list("templates"), None);
    assert_eq!(FieldError::new("templates", "x").in_list("templates"), None);
}
