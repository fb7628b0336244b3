//! A realistic, deterministic book for sample data, tests and benchmarks: customers
//! spread over the six phases with touchpoints, orders, concerns and follow-ups whose
//! dates fit their phase. Built through the real operations, so histories replay.

use chrono::{DateTime, Duration, Utc};

use super::book::{Book, BookData};
use super::id::CustomerId;
use super::model::*;
use super::ops::{self, ConcernDraft, CustomerDraft, OrderDraft, TouchpointDraft};
use super::phase::Phase;

/// A small deterministic generator (SplitMix64): same seed, same book shape.
#[derive(Debug, Clone)]
pub struct SeedRng(u64);

impl SeedRng {
    pub fn new(seed: u64) -> Self {
        SeedRng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..hi` (hi exclusive; returns lo when the range is empty).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next_u64() % (hi - lo) as u64) as i64
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[(self.next_u64() % list.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Anna", "Ben", "Clara", "David", "Elif", "Finn", "Greta", "Hannes", "Ida", "Jonas", "Kemal", "Lena", "Mia", "Noah",
    "Olga", "Paul", "Rosa", "Sami", "Tara", "Umut", "Vera", "Wim", "Yara", "Zoe", "Marta", "Luca", "Sofia", "Emil",
];
const LAST: &[&str] = &[
    "Albers", "Berger", "Costa", "Demir", "Engel", "Fischer", "Graf", "Hoffmann", "Ivanova", "Jansen", "Keller",
    "Lang", "Meyer", "Nowak", "Ortiz", "Peters", "Quast", "Richter", "Schulz", "Topal", "Ulrich", "Vogel", "Weber",
    "Young",
];
const COMPANIES: &[&str] = &[
    "Bakery Sonnenschein",
    "Nordlicht Studio",
    "Kraft & Partner",
    "Blue Harbor Media",
    "Grünwerk GmbH",
    "Atelier Mira",
    "Café Central",
    "Hansen Logistics",
    "Pixelhof",
    "Praxis Dr. Lang",
];
const TAGS: &[&str] = &["design", "web", "retainer", "workshop", "print", "vip", "local", "newsletter"];
const WORK: &[&str] = &[
    "Website redesign",
    "Logo and brand kit",
    "Workshop day",
    "Monthly retainer",
    "Product photos",
    "Newsletter setup",
    "Shop maintenance",
    "Flyer series",
];

/// How the seeded book is spread: share of customers per target phase, in percent.
const PHASE_SHARE: [(Phase, u64); 6] = [
    (Phase::Attention, 15),
    (Phase::Trust, 20),
    (Phase::Purchase, 10),
    (Phase::AfterPurchase, 20),
    (Phase::Commitment, 25),
    (Phase::WinBack, 10),
];

fn target_phase(rng: &mut SeedRng) -> Phase {
    let roll = rng.next_u64() % 100;
    let mut acc = 0;
    for (phase, share) in PHASE_SHARE {
        acc += share;
        if roll < acc {
            return phase;
        }
    }
    Phase::Commitment
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// Applies an operation's outcome to the working book; seeding never produces invalid input.
fn run(book: &mut Book, op: impl FnOnce(&Book) -> Result<ops::Outcome, super::error::DomainError>) -> ops::Outcome {
    match op(book) {
        Ok(o) => {
            book.apply(o.changes.clone());
            o
        }
        Err(e) => unreachable!("seed produced an invalid operation: {e}"),
    }
}

fn touch(book: &mut Book, rng: &mut SeedRng, id: CustomerId, at: DateTime<Utc>, two_way: bool) {
    let (kind, channel) = *rng.pick(&[
        (TouchpointKind::Call, ContactChannel::Phone),
        (TouchpointKind::Email, ContactChannel::Email),
        (TouchpointKind::Meeting, ContactChannel::Meeting),
        (TouchpointKind::Message, ContactChannel::Message),
        (TouchpointKind::InfoSent, ContactChannel::Email),
    ]);
    let summary = (*rng.pick(&[
        "Talked about next steps",
        "Sent portfolio",
        "Quick question answered",
        "Coffee meeting",
        "Shared a quote",
    ]))
    .to_string();
    let draft = TouchpointDraft {
        customer_id: id,
        at,
        channel,
        direction: if rng.chance(50) { Direction::Inbound } else { Direction::Outbound },
        kind,
        two_way,
        summary,
        sentiment: *rng.pick(&[Sentiment::Positive, Sentiment::Positive, Sentiment::Neutral, Sentiment::Negative]),
    };
    run(book, |b| ops::log_touchpoint(b, &draft, at));
}

fn order(book: &mut Book, rng: &mut SeedRng, id: CustomerId, placed: DateTime<Utc>, complete_after: Option<Duration>) {
    let draft = OrderDraft {
        customer_id: id,
        placed_at: placed,
        description: (*rng.pick(WORK)).to_string(),
        amount: format!("{}", rng.range(3, 120) * 50),
    };
    let placed_outcome = run(book, |b| ops::place_order(b, &draft, placed));
    let order_id = placed_outcome.changes.orders[0].id;
    if let Some(after) = complete_after {
        let done = placed + after;
        run(book, |b| ops::complete_order(b, order_id, done, done));
    } else if rng.chance(50) {
        run(book, |b| ops::start_order(b, order_id, placed + days(1)));
        if rng.chance(30) {
            run(book, |b| {
                ops::record_problem(b, order_id, "Delivery of materials delayed", placed + days(2), placed + days(2))
            });
        }
    }
}

/// Builds a book of `customers` customers at `now` from `seed`. With `sample`, every
/// customer is marked as sample data (removable in one step).
pub fn seed_book(customers: usize, now: DateTime<Utc>, seed: u64, sample: bool) -> BookData {
    let mut rng = SeedRng::new(seed);
    let mut book = Book::new(Settings::new(now - days(1300)));
    for i in 0..customers {
        let target = target_phase(&mut rng);
        let age = match target {
            Phase::WinBack => rng.range(800, 1200),
            Phase::AfterPurchase | Phase::Commitment => rng.range(120, 600),
            _ => rng.range(3, 90),
        };
        let created = now - days(age) - Duration::minutes(rng.range(0, 1440));
        let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        let mut draft = CustomerDraft::named(&name, *rng.pick(AcquisitionChannel::ALL));
        if rng.chance(35) {
            draft.kind = CustomerKind::Company;
            draft.company = (*rng.pick(COMPANIES)).to_string();
        }
        let slug = name.to_lowercase().replace(' ', ".");
        draft.emails = vec![format!("{slug}{i}@example.com")];
        if rng.chance(70) {
            draft.phones = vec![format!("+49 30 {}", rng.range(1_000_000, 9_999_999))];
        }
        draft.tags = vec![(*rng.pick(TAGS)).to_string()];
        draft.marketing_consent = rng.chance(60);
        let added = run(&mut book, |_| ops::add_customer(&draft, created));
        let id = added.changes.customers[0].id;
        if sample {
            if let Some(c) = book.customer(id) {
                let marked = Customer { sample: true, ..c.clone() };
                book.apply(super::changes::ChangeSet { customers: vec![marked], ..Default::default() });
            }
        }

        // First touch: they noticed us (one-way).
        let mut t = created + Duration::hours(rng.range(1, 48));
        touch(&mut book, &mut rng, id, t.min(now), false);
        if target == Phase::Attention {
            continue;
        }
        t += days(rng.range(1, 3));
        touch(&mut book, &mut rng, id, t, true);
        for _ in 0..rng.range(1, 5) {
            t += Duration::hours(rng.range(6, 72));
            let two_way = rng.chance(60);
            touch(&mut book, &mut rng, id, t.min(now), two_way);
        }
        if target == Phase::Trust {
            continue;
        }
        t += days(rng.range(1, 5));
        match target {
            Phase::Purchase => order(&mut book, &mut rng, id, t.min(now), None),
            Phase::AfterPurchase | Phase::Commitment | Phase::WinBack => {
                // The last completion decides the phase: recent for active customers, long ago for former ones.
                let last_done = match target {
                    Phase::WinBack => now - days(rng.range(370, 700)),
                    _ => now - days(rng.range(5, (age - 60).min(200))),
                };
                let orders = if target == Phase::AfterPurchase { 1 } else { rng.range(2, 5) };
                let start = t;
                let span = (last_done - start).num_days().max(1);
                let mut previous = start;
                for k in 0..orders {
                    let done = if k == orders - 1 { last_done } else { start + days(span * (k + 1) / orders) };
                    let placed = (done - days(rng.range(3, 20))).max(previous);
                    order(&mut book, &mut rng, id, placed, Some(done - placed));
                    previous = done;
                    touch(&mut book, &mut rng, id, (done + days(1)).min(now), true);
                }
                if rng.chance(40) {
                    let received = last_done + days(rng.range(2, 20));
                    let received = received.min(now - Duration::hours(1));
                    let concern = ConcernDraft {
                        customer_id: id,
                        kind: *rng.pick(&[
                            ConcernKind::Feedback,
                            ConcernKind::Question,
                            ConcernKind::Complaint,
                            ConcernKind::Request,
                        ]),
                        received_at: received,
                        channel: ContactChannel::Email,
                        text: "Could you adjust the colours on the second page?".into(),
                    };
                    let got = run(&mut book, |b| ops::receive_concern(b, &concern, received));
                    if rng.chance(70) {
                        let answered = (received + Duration::hours(rng.range(2, 80))).min(now);
                        let cid = got.changes.concerns[0].id;
                        run(&mut book, |b| {
                            ops::answer_concern(b, cid, "Done, new version attached.", answered, answered)
                        });
                    }
                }
            }
            Phase::Attention | Phase::Trust => {}
        }
        // One open follow-up from the playbook for most customers.
        if rng.chance(60) {
            if let Some(s) = super::playbook::suggestions(&book, id).into_iter().next() {
                run(&mut book, |b| ops::add_follow_up(b, Some(id), &s.title, s.due, now.min(s.due)));
            }
        }
    }
    let dormancy = ops::run_dormancy_check(&book, now);
    book.apply(dormancy.changes);
    let mut data = book.to_data();
    data.settings = Settings::new(now);
    data
}
