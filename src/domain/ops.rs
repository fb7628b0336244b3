//! Operations a user action maps to. Each checks its input against the book and
//! returns every record to write (one transaction) plus the phase move it caused.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::book::Book;
use super::changes::ChangeSet;
use super::error::DomainError;
use super::id::*;
use super::model::*;
use super::money::Money;
use super::phase::{transition, Phase, PhaseContext, PhaseEvent, Transition};
use super::validate::{self, Checker};

/// What an operation produced: the records to write and, if the customer moved, the move.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub changes: ChangeSet,
    pub moved: Option<PhaseChange>,
}

/// What the customer form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerDraft {
    pub name: String,
    pub kind: CustomerKind,
    pub company: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub website: String,
    pub address: String,
    pub tags: Vec<String>,
    pub channel: AcquisitionChannel,
    pub marketing_consent: bool,
    pub notes: String,
    pub custom_fields: BTreeMap<String, String>,
}

impl CustomerDraft {
    /// A draft with only a name and a channel.
    pub fn named(name: &str, channel: AcquisitionChannel) -> Self {
        CustomerDraft {
            name: name.to_string(),
            kind: CustomerKind::Person,
            company: String::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            website: String::new(),
            address: String::new(),
            tags: Vec::new(),
            channel,
            marketing_consent: false,
            notes: String::new(),
            custom_fields: BTreeMap::new(),
        }
    }

    /// The form prefilled from a stored customer.
    pub fn from_customer(c: &Customer) -> Self {
        CustomerDraft {
            name: c.name.clone(),
            kind: c.kind,
            company: c.company.clone(),
            emails: c.emails.clone(),
            phones: c.phones.clone(),
            website: c.website.clone(),
            address: c.address.clone(),
            tags: c.tags.clone(),
            channel: c.channel,
            marketing_consent: c.may_receive_marketing(),
            notes: c.notes.clone(),
            custom_fields: c.custom_fields.clone(),
        }
    }
}

/// Splits a comma/semicolon/newline separated list as typed in a form.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';', '\n']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// Trims, de-duplicates (case-insensitively) and drops empty entries.
fn tidy_list(list: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in list {
        let t = item.trim();
        if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t.to_string());
        }
    }
    out
}

/// Validates a draft; returns the cleaned values or every field problem.
fn clean_draft(d: &CustomerDraft) -> Result<CustomerDraft, DomainError> {
    let mut ck = Checker::new();
    let mut out = d.clone();
    out.name = d.name.trim().to_string();
    out.company = d.company.trim().to_string();
    out.emails = tidy_list(&d.emails);
    out.phones = tidy_list(&d.phones);
    out.tags = tidy_list(&d.tags);
    ck.required_line("", "name", &out.name);
    ck.line("", "company", &out.company);
    for e in &out.emails {
        if !validate::is_email(e) {
            ck.fail("", "emails", format!("“{e}” is not a valid email address"));
        }
    }
    ck.list_len("", "emails", &out.emails, validate::MAX_LIST);
    for p in &out.phones {
        if !validate::is_phone(p) {
            ck.fail("", "phones", format!("“{p}” is not a valid phone number"));
        }
    }
    ck.list_len("", "phones", &out.phones, validate::MAX_LIST);
    match validate::normalize_website(&d.website) {
        Ok(w) => out.website = w,
        Err(msg) => ck.fail("", "website", msg),
    }
    for t in &out.tags {
        ck.line("", "tags", t);
    }
    ck.list_len("", "tags", &out.tags, validate::MAX_LIST);
    ck.text("", "address", &out.address);
    ck.text("", "notes", &out.notes);
    for (k, v) in &d.custom_fields {
        ck.required_line("", "custom_fields", k);
        ck.text("", "custom_fields", v);
    }
    ck.into_result().map_err(DomainError::Invalid)?;
    Ok(out)
}

fn consent_after(previous: Option<Consent>, wanted: bool, now: DateTime<Utc>) -> Option<Consent> {
    match previous {
        Some(c) if c.granted == wanted => Some(c),
        None if !wanted => None,
        _ => Some(Consent { granted: wanted, at: now }),
    }
}

/// Creates a customer in Attention.
pub fn add_customer(draft: &CustomerDraft, now: DateTime<Utc>) -> Result<Outcome, DomainError> {
    let d = clean_draft(draft)?;
    let customer = Customer {
        id: CustomerId::random(),
        name: d.name,
        kind: d.kind,
        company: d.company,
        emails: d.emails,
        phones: d.phones,
        website: d.website,
        address: d.address,
        tags: d.tags,
        channel: d.channel,
        marketing_consent: consent_after(None, d.marketing_consent, now),
        notes: d.notes,
        custom_fields: d.custom_fields,
        phase: Phase::Attention,
        archived: false,
        sample: false,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    Ok(Outcome { changes: ChangeSet { customers: vec![customer], ..Default::default() }, moved: None })
}

/// Saves the edited contact details (the phase is never changed here).
pub fn edit_customer(
    book: &Book,
    id: CustomerId,
    draft: &CustomerDraft,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    let current = live_customer(book, id)?;
    let d = clean_draft(draft)?;
    let updated = Customer {
        name: d.name,
        kind: d.kind,
        company: d.company,
        emails: d.emails,
        phones: d.phones,
        website: d.website,
        address: d.address,
        tags: d.tags,
        channel: d.channel,
        marketing_consent: consent_after(current.marketing_consent, d.marketing_consent, now),
        notes: d.notes,
        custom_fields: d.custom_fields,
        updated_at: now,
        ..current.clone()
    };
    Ok(Outcome { changes: ChangeSet { customers: vec![updated], ..Default::default() }, moved: None })
}

fn live_customer(book: &Book, id: CustomerId) -> Result<&Customer, DomainError> {
    book.customer(id).ok_or(DomainError::NotFound { what: "customer", id: id.to_string() })
}

fn live_order(book: &Book, id: OrderId) -> Result<&Order, DomainError> {
    book.order(id).ok_or(DomainError::NotFound { what: "order", id: id.to_string() })
}

fn live_concern(book: &Book, id: ConcernId) -> Result<&Concern, DomainError> {
    book.concern(id).ok_or(DomainError::NotFound { what: "concern", id: id.to_string() })
}

/// What the state machine needs to know about a customer, with `event_order`
/// (the order the event is about) left out of the open-order count.
pub fn phase_context(book: &Book, customer: CustomerId, event_order: Option<OrderId>) -> PhaseContext {
    let mut ctx = PhaseContext::fresh(book.settings.dormancy_days);
    for o in book.orders_of(customer) {
        if Some(o.id) == event_order {
            continue;
        }
        match o.status {
            OrderStatus::Completed => {
                ctx.completed_orders += 1;
                ctx.last_purchase_at = ctx.last_purchase_at.max(o.completed_at);
            }
            OrderStatus::Placed | OrderStatus::InProgress => ctx.other_open_orders += 1,
            OrderStatus::Cancelled => {}
        }
    }
    ctx.phase_before_purchase =
        book.phase_history(customer).iter().rev().find(|c| c.to == Phase::Purchase).map(|c| c.from);
    ctx
}

/// Runs the state machine and, on a move, returns the updated customer and its PhaseChange.
fn apply_event(
    book: &Book,
    customer: &Customer,
    event: &PhaseEvent,
    ctx: &PhaseContext,
    cause: PhaseCause,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<(Customer, PhaseChange)>, DomainError> {
    let to = match transition(customer.phase, event, ctx)? {
        Transition::Stay => return Ok(None),
        Transition::Move(to) => to,
    };
    let history = book.phase_history(customer.id);
    // Keep the history in time order even when an event is back-dated.
    let at = history.last().map_or(at, |last| at.max(last.at));
    let change = PhaseChange {
        id: PhaseChangeId::random(),
        customer_id: customer.id,
        seq: history.last().map_or(1, |last| last.seq + 1),
        from: customer.phase,
        to,
        at,
        cause,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    let moved = Customer { phase: to, updated_at: now, ..customer.clone() };
    Ok(Some((moved, change)))
}

/// Adds an optional phase move to a change set and builds the outcome.
fn finish(mut changes: ChangeSet, move_: Option<(Customer, PhaseChange)>) -> Outcome {
    let moved = move_.map(|(customer, change)| {
        changes.customers.push(customer);
        changes.phase_changes.push(change.clone());
        change
    });
    Outcome { changes, moved }
}

/// What the log-a-touchpoint form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchpointDraft {
    pub customer_id: CustomerId,
    pub at: DateTime<Utc>,
    pub channel: ContactChannel,
    pub direction: Direction,
    pub kind: TouchpointKind,
    pub two_way: bool,
    pub summary: String,
    pub sentiment: Sentiment,
}

/// How far in the future an event may be dated (clock skew, time zones).
fn check_not_future(ck: &mut Checker, field: &str, at: DateTime<Utc>, now: DateTime<Utc>) {
    if at > now + Duration::days(1) {
        ck.fail("", field, "must not be in the future");
    }
}

/// Logs an interaction; a two-way one moves a prospect into Creating trust.
pub fn log_touchpoint(book: &Book, d: &TouchpointDraft, now: DateTime<Utc>) -> Result<Outcome, DomainError> {
    let customer = live_customer(book, d.customer_id)?;
    let mut ck = Checker::new();
    ck.text("", "summary", &d.summary);
    check_not_future(&mut ck, "at", d.at, now);
    ck.into_result().map_err(DomainError::Invalid)?;
    let touchpoint = Touchpoint {
        id: TouchpointId::random(),
        customer_id: customer.id,
        at: d.at,
        channel: d.channel,
        direction: d.direction,
        kind: d.kind,
        two_way: d.two_way,
        summary: d.summary.trim().to_string(),
        sentiment: d.sentiment,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    let move_ = if d.two_way {
        let ctx = phase_context(book, customer.id, None);
        let cause = PhaseCause::Contacted { touchpoint_id: touchpoint.id };
        apply_event(book, customer, &PhaseEvent::Contacted, &ctx, cause, d.at, now)?
    } else {
        None
    };
    Ok(finish(ChangeSet { touchpoints: vec![touchpoint], ..Default::default() }, move_))
}

/// What the place-an-order form holds; the amount is the text typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderDraft {
    pub customer_id: CustomerId,
    pub placed_at: DateTime<Utc>,
    pub description: String,
    pub amount: String,
}

/// Records a new order in the book's currency; moves the customer to Purchase where the machine says so.
pub fn place_order(book: &Book, d: &OrderDraft, now: DateTime<Utc>) -> Result<Outcome, DomainError> {
    let customer = live_customer(book, d.customer_id)?;
    let mut ck = Checker::new();
    ck.required_line("", "description", d.description.trim());
    let amount = Money::parse(&d.amount, book.settings.currency);
    if let Err(e) = &amount {
        ck.fail("", "amount", e.to_string());
    }
    check_not_future(&mut ck, "placed_at", d.placed_at, now);
    ck.into_result().map_err(DomainError::Invalid)?;
    let amount = amount.map_err(|e| DomainError::invalid("amount", &e.to_string()))?;
    let order = Order {
        id: OrderId::random(),
        customer_id: customer.id,
        placed_at: d.placed_at,
        description: d.description.trim().to_string(),
        amount,
        status: OrderStatus::Placed,
        problems: Vec::new(),
        completed_at: None,
        cancelled_at: None,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    let ctx = phase_context(book, customer.id, None);
    let cause = PhaseCause::OrderPlaced { order_id: order.id };
    let move_ = apply_event(book, customer, &PhaseEvent::OrderPlaced, &ctx, cause, d.placed_at, now)?;
    Ok(finish(ChangeSet { orders: vec![order], ..Default::default() }, move_))
}

fn open_order(book: &Book, id: OrderId) -> Result<(&Order, &Customer), DomainError> {
    let order = live_order(book, id)?;
    if !order.status.is_open() {
        return Err(DomainError::OrderNotOpen(order.status));
    }
    let customer = live_customer(book, order.customer_id)?;
    Ok((order, customer))
}

/// Marks a placed order as being worked on.
pub fn start_order(book: &Book, id: OrderId, now: DateTime<Utc>) -> Result<Outcome, DomainError> {
    let (order, _) = open_order(book, id)?;
    if order.status == OrderStatus::InProgress {
        return Err(DomainError::OrderNotOpen(order.status));
    }
    let updated = Order { status: OrderStatus::InProgress, updated_at: now, ..order.clone() };
    Ok(finish(ChangeSet { orders: vec![updated], ..Default::default() }, None))
}

/// How an open order ends.
#[derive(Clone, Copy)]
enum Closing {
    Completed,
    Cancelled,
}

/// Completes or cancels an open order at `at` and runs the matching phase event.
fn close_order(
    book: &Book,
    id: OrderId,
    closing: Closing,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    let (order, customer) = open_order(book, id)?;
    let field = match closing {
        Closing::Completed => "completed_at",
        Closing::Cancelled => "cancelled_at",
    };
    let mut ck = Checker::new();
    ck.not_before("", field, Some(at), order.placed_at, "the order was placed");
    check_not_future(&mut ck, field, at, now);
    ck.into_result().map_err(DomainError::Invalid)?;
    let (updated, event, cause) = match closing {
        Closing::Completed => (
            Order { status: OrderStatus::Completed, completed_at: Some(at), updated_at: now, ..order.clone() },
            PhaseEvent::OrderCompleted,
            PhaseCause::OrderCompleted { order_id: order.id },
        ),
        Closing::Cancelled => (
            Order { status: OrderStatus::Cancelled, cancelled_at: Some(at), updated_at: now, ..order.clone() },
            PhaseEvent::OrderCancelled,
            PhaseCause::OrderCancelled { order_id: order.id },
        ),
    };
    let ctx = phase_context(book, customer.id, Some(order.id));
    let move_ = apply_event(book, customer, &event, &ctx, cause, at, now)?;
    Ok(finish(ChangeSet { orders: vec![updated], ..Default::default() }, move_))
}

/// Completes an order; the first completion leads to After purchase, later ones to Commitment.
pub fn complete_order(
    book: &Book,
    id: OrderId,
    completed_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    close_order(book, id, Closing::Completed, completed_at, now)
}

/// Cancels an open order; a customer in Purchase goes back where they came from.
pub fn cancel_order(
    book: &Book,
    id: OrderId,
    cancelled_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    close_order(book, id, Closing::Cancelled, cancelled_at, now)
}

/// Records a problem or delay on an order.
pub fn record_problem(
    book: &Book,
    id: OrderId,
    text: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    let order = live_order(book, id)?;
    let mut ck = Checker::new();
    if text.trim().is_empty() {
        ck.fail("", "text", "must not be empty");
    }
    ck.text("", "text", text);
    check_not_future(&mut ck, "at", at, now);
    ck.into_result().map_err(DomainError::Invalid)?;
    let mut updated = order.clone();
    updated.problems.push(OrderProblem {
        id: ProblemId::random(),
        text: text.trim().to_string(),
        at,
        informed_at: None,
        resolved_at: None,
    });
    updated.updated_at = now;
    Ok(finish(ChangeSet { orders: vec![updated], ..Default::default() }, None))
}

/// Which step of a problem's handling to record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemStep {
    /// The customer was told about it.
    Informed,
    Resolved,
}

/// Records that the customer was informed of a problem, or that it was resolved.
pub fn update_problem(
    book: &Book,
    id: OrderId,
    problem: ProblemId,
    step: ProblemStep,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    let order = live_order(book, id)?;
    let mut updated = order.clone();
    let p = updated
        .problems
        .iter_mut()
        .find(|p| p.id == problem)
        .ok_or(DomainError::NotFound { what: "problem", id: problem.to_string() })?;
    if p.resolved_at.is_some() {
        return Err(DomainError::ProblemResolved);
    }
    if at < p.at {
        return Err(DomainError::invalid("at", "must not be before the problem was recorded"));
    }
    match step {
        ProblemStep::Informed => p.informed_at = Some(at),
        ProblemStep::Resolved => p.resolved_at = Some(at),
    }
    updated.updated_at = now;
    Ok(finish(ChangeSet { orders: vec![updated], ..Default::default() }, None))
}

/// What the receive-a-concern form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernDraft {
    pub customer_id: CustomerId,
    pub kind: ConcernKind,
    pub received_at: DateTime<Utc>,
    pub channel: ContactChannel,
    pub text: String,
}

/// Records feedback, a question, a complaint or a request; due by the response target.
pub fn receive_concern(book: &Book, d: &ConcernDraft, now: DateTime<Utc>) -> Result<Outcome, DomainError> {
    let customer = live_customer(book, d.customer_id)?;
    let mut ck = Checker::new();
    if d.text.trim().is_empty() {
        ck.fail("", "text", "must not be empty");
    }
    ck.text("", "text", &d.text);
    check_not_future(&mut ck, "received_at", d.received_at, now);
    ck.into_result().map_err(DomainError::Invalid)?;
    let concern = Concern {
        id: ConcernId::random(),
        customer_id: customer.id,
        kind: d.kind,
        received_at: d.received_at,
        channel: d.channel,
        text: d.text.trim().to_string(),
        status: ConcernStatus::Open,
        answer: String::new(),
        answered_at: None,
        resolved_at: None,
        due_by: d.received_at + Duration::hours(i64::from(book.settings.response_target_hours)),
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    Ok(finish(ChangeSet { concerns: vec![concern], ..Default::default() }, None))
}

/// Records the answer to an open (or re-answers an answered) concern.
pub fn answer_concern(
    book: &Book,
    id: ConcernId,
    answer: &str,
    answered_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    let concern = live_concern(book, id)?;
    if concern.status == ConcernStatus::Resolved {
        return Err(DomainError::ConcernState(concern.status));
    }
    let mut ck = Checker::new();
    if answer.trim().is_empty() {
        ck.fail("", "answer", "must not be empty");
    }
    ck.text("", "answer", answer);
    ck.not_before("", "answered_at", Some(answered_at), concern.received_at, "the concern was received");
    check_not_future(&mut ck, "answered_at", answered_at, now);
    ck.into_result().map_err(DomainError::Invalid)?;
    let updated = Concern {
        status: ConcernStatus::Answered,
        answer: answer.trim().to_string(),
        answered_at: Some(answered_at),
        updated_at: now,
        ..concern.clone()
    };
    Ok(finish(ChangeSet { concerns: vec![updated], ..Default::default() }, None))
}

/// Closes an answered concern.
pub fn resolve_concern(
    book: &Book,
    id: ConcernId,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    let concern = live_concern(book, id)?;
    if concern.status != ConcernStatus::Answered {
        return Err(DomainError::ConcernState(concern.status));
    }
    if concern.answered_at.is_some_and(|a| at < a) {
        return Err(DomainError::invalid("resolved_at", "must not be before the answer"));
    }
    let updated =
        Concern { status: ConcernStatus::Resolved, resolved_at: Some(at), updated_at: now, ..concern.clone() };
    Ok(finish(ChangeSet { concerns: vec![updated], ..Default::default() }, None))
}

/// Adds a follow-up, for a customer or on its own.
pub fn add_follow_up(
    book: &Book,
    customer: Option<CustomerId>,
    title: &str,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    if let Some(id) = customer {
        live_customer(book, id)?;
    }
    let mut ck = Checker::new();
    ck.required_line("", "title", title.trim());
    ck.into_result().map_err(DomainError::Invalid)?;
    let f = FollowUp {
        id: FollowUpId::random(),
        customer_id: customer,
        title: title.trim().to_string(),
        due,
        done_at: None,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    Ok(finish(ChangeSet { follow_ups: vec![f], ..Default::default() }, None))
}

/// Ticks a follow-up off (or, with `done = false`, opens it again).
pub fn set_follow_up_done(book: &Book, id: FollowUpId, done: bool, now: DateTime<Utc>) -> Result<Outcome, DomainError> {
    let f = book.follow_up(id).ok_or(DomainError::NotFound { what: "follow-up", id: id.to_string() })?;
    if done && f.done_at.is_some() {
        return Err(DomainError::FollowUpDone);
    }
    let updated = FollowUp { done_at: done.then_some(now), updated_at: now, ..f.clone() };
    Ok(finish(ChangeSet { follow_ups: vec![updated], ..Default::default() }, None))
}

/// Moves a customer to any other phase by hand, with a reason.
pub fn move_phase(
    book: &Book,
    id: CustomerId,
    to: Phase,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    let customer = live_customer(book, id)?;
    let ctx = phase_context(book, id, None);
    let reason = reason.trim().to_string();
    if reason.is_empty() {
        return Err(DomainError::invalid("reason", "must say why (it is kept in the phase history)"));
    }
    if reason.chars().count() > validate::MAX_TEXT {
        return Err(DomainError::invalid("reason", "is too long"));
    }
    let event = PhaseEvent::Manual { to, reason: reason.clone() };
    let move_ = apply_event(book, customer, &event, &ctx, PhaseCause::Manual { reason }, now, now)?;
    Ok(finish(ChangeSet::default(), move_))
}

/// Archives (hides) or restores a customer; history is kept either way.
pub fn set_archived(book: &Book, id: CustomerId, archived: bool, now: DateTime<Utc>) -> Result<Outcome, DomainError> {
    let customer = live_customer(book, id)?;
    let updated = Customer { archived, updated_at: now, ..customer.clone() };
    Ok(finish(ChangeSet { customers: vec![updated], ..Default::default() }, None))
}

/// Tombstones the given customers and every record that belongs to them.
pub fn delete_customers(book: &Book, ids: &[CustomerId], now: DateTime<Utc>) -> ChangeSet {
    let mut cs = ChangeSet::default();
    for &id in ids {
        let Some(c) = book.customer(id) else { continue };
        cs.customers.push(Customer { deleted_at: Some(now), updated_at: now, ..c.clone() });
        cs.touchpoints.extend(book.touchpoints_of(id).map(|r| Touchpoint {
            deleted_at: Some(now),
            updated_at: now,
            ..r.clone()
        }));
        cs.orders.extend(book.orders_of(id).map(|r| Order { deleted_at: Some(now), updated_at: now, ..r.clone() }));
        cs.concerns.extend(book.concerns_of(id).map(|r| Concern {
            deleted_at: Some(now),
            updated_at: now,
            ..r.clone()
        }));
        cs.follow_ups.extend(book.follow_ups_of(id).map(|r| FollowUp {
            deleted_at: Some(now),
            updated_at: now,
            ..r.clone()
        }));
        cs.phase_changes.extend(book.phase_history(id).into_iter().map(|r| PhaseChange {
            deleted_at: Some(now),
            updated_at: now,
            ..r.clone()
        }));
    }
    cs
}

/// Removes the sample data ("explore with sample data") in one step.
pub fn remove_sample_data(book: &Book, now: DateTime<Utc>) -> ChangeSet {
    let ids: Vec<CustomerId> = book.customers().filter(|c| c.sample).map(|c| c.id).collect();
    delete_customers(book, &ids, now)
}

/// Moves every customer whose last purchase is older than the dormancy threshold
/// to Winning back. Archived customers are left alone.
pub fn run_dormancy_check(book: &Book, now: DateTime<Utc>) -> Outcome {
    let mut out = Outcome::default();
    for customer in book.customers() {
        if customer.archived || !matches!(customer.phase, Phase::AfterPurchase | Phase::Commitment) {
            continue;
        }
        let ctx = phase_context(book, customer.id, None);
        if !ctx.is_dormant_at(now) {
            continue;
        }
        let cause = PhaseCause::Dormancy { last_purchase: ctx.last_purchase_at };
        if let Ok(Some((moved, change))) =
            apply_event(book, customer, &PhaseEvent::DormancyElapsed(now), &ctx, cause, now, now)
        {
            out.changes.customers.push(moved);
            out.changes.phase_changes.push(change);
        }
    }
    out
}

/// Validates and stores new settings.
pub fn update_settings(settings: Settings, now: DateTime<Utc>) -> Result<Outcome, DomainError> {
    let mut ck = Checker::new();
    validate::check_settings(&settings, "", &mut ck);
    ck.into_result().map_err(DomainError::Invalid)?;
    let settings = Settings { updated_at: now, ..settings };
    Ok(finish(ChangeSet { settings: Some(settings), ..Default::default() }, None))
}

/// The settings form as typed (numbers as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsForm {
    pub owner_name: String,
    pub currency: String,
    pub dormancy_days: String,
    pub response_target_hours: String,
    pub backup_reminder_days: String,
    pub theme: String,
    /// "" follows the browser; otherwise one of `LOCALES`.
    pub locale: String,
}

impl SettingsForm {
    pub fn from_settings(s: &Settings) -> Self {
        SettingsForm {
            owner_name: s.owner_name.clone(),
            currency: s.currency.code().to_string(),
            dormancy_days: s.dormancy_days.to_string(),
            response_target_hours: s.response_target_hours.to_string(),
            backup_reminder_days: s.backup_reminder_days.to_string(),
            theme: s.theme.key().to_string(),
            locale: s.locale.clone(),
        }
    }
}

/// Reads the settings form into new settings, reporting every field problem.
pub fn settings_from_form(current: &Settings, form: &SettingsForm, now: DateTime<Utc>) -> Result<Outcome, DomainError> {
    let mut ck = Checker::new();
    let mut whole = |field: &str, text: &str| -> u32 {
        match text.trim().parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                ck.fail("", field, "must be a whole number");
                0
            }
        }
    };
    let dormancy_days = whole("dormancy_days", &form.dormancy_days);
    let response_target_hours = whole("response_target_hours", &form.response_target_hours);
    let backup_reminder_days = whole("backup_reminder_days", &form.backup_reminder_days);
    let currency = form.currency.parse::<super::money::Currency>();
    if let Err(e) = &currency {
        ck.fail("", "currency", e.to_string());
    }
    let settings = Settings {
        owner_name: form.owner_name.trim().to_string(),
        currency: currency.unwrap_or(current.currency),
        dormancy_days,
        response_target_hours,
        backup_reminder_days,
        theme: Theme::from_key(&form.theme).unwrap_or(current.theme),
        locale: form.locale.trim().to_string(),
        ..current.clone()
    };
    if ck.errors.is_empty() {
        validate::check_settings(&settings, "", &mut ck);
    }
    ck.into_result().map_err(DomainError::Invalid)?;
    update_settings(settings, now)
}

/// Reads playbook rows as typed (phase, title, days as text) into new settings.
pub fn playbook_from_form(
    current: &Settings,
    rows: &[(Phase, String, String)],
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    let mut ck = Checker::new();
    let mut playbook = Vec::with_capacity(rows.len());
    for (i, (phase, title, days)) in rows.iter().enumerate() {
        let prefix = format!("playbook[{i}]");
        let due_after_days = match days.trim().parse::<u32>() {
            Ok(d) => d,
            Err(_) => {
                ck.fail(&prefix, "due_after_days", "must be a whole number of days");
                0
            }
        };
        playbook.push(PlaybookStep { phase: *phase, title: title.trim().to_string(), due_after_days });
    }
    let settings = Settings { playbook, ..current.clone() };
    validate::check_settings(&settings, "", &mut ck);
    ck.into_result().map_err(DomainError::Invalid)?;
    update_settings(settings, now)
}

/// Reads the mail-template rows as typed (id of an existing template or None for a
/// new one, name, subject, body) into new settings.
pub fn templates_from_form(
    current: &Settings,
    rows: &[(Option<TemplateId>, String, String, String)],
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    let templates = rows
        .iter()
        .map(|(id, name, subject, body)| MailTemplate {
            id: id.unwrap_or_else(TemplateId::random),
            name: name.trim().to_string(),
            subject: subject.trim().to_string(),
            body: body.trim_end().to_string(),
        })
        .collect();
    let settings = Settings { templates, ..current.clone() };
    let mut ck = Checker::new();
    validate::check_settings(&settings, "", &mut ck);
    ck.into_result().map_err(DomainError::Invalid)?;
    update_settings(settings, now)
}

/// Logs that a win-back mail went to a former customer (an outbound, one-way
/// touchpoint: the customer stays in Winning back until they order again).
pub fn log_win_back_mail(
    book: &Book,
    customer: CustomerId,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<Outcome, DomainError> {
    let c = live_customer(book, customer)?;
    if !c.may_receive_marketing() {
        return Err(DomainError::invalid("consent", "this customer has not agreed to marketing mail"));
    }
    let draft = TouchpointDraft {
        customer_id: customer,
        at: now,
        channel: ContactChannel::Email,
        direction: Direction::Outbound,
        kind: TouchpointKind::WinBackMailing,
        two_way: false,
        summary: subject.trim().chars().take(validate::MAX_LINE).collect(),
        sentiment: Sentiment::Neutral,
    };
    log_touchpoint(book, &draft, now)
}

/// Re-chains a customer's phase history after records from two devices were merged:
/// moves in time order, each starting where the previous one ended, numbered from 1;
/// moves that no longer change anything become tombstones; the customer's phase is the
/// end of the chain. Returns only the records that change.
pub fn rechain_history(book: &Book, customer: CustomerId, now: DateTime<Utc>) -> ChangeSet {
    let mut out = ChangeSet::default();
    let Some(c) = book.customer(customer) else { return out };
    let mut moves: Vec<&PhaseChange> = book.phase_history(customer);
    moves.sort_by(|a, b| a.at.cmp(&b.at).then(a.created_at.cmp(&b.created_at)).then(a.id.cmp(&b.id)));
    let mut phase = Phase::Attention;
    let mut seq = 0;
    for m in moves {
        if m.to == phase {
            out.phase_changes.push(PhaseChange { deleted_at: Some(now), updated_at: now, ..m.clone() });
            continue;
        }
        seq += 1;
        if m.from != phase || m.seq != seq {
            out.phase_changes.push(PhaseChange { from: phase, seq, updated_at: now, ..m.clone() });
        }
        phase = m.to;
    }
    if c.phase != phase {
        out.customers.push(Customer { phase, updated_at: now, ..c.clone() });
    }
    out
}
