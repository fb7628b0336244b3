//! The records Rapport stores and exports; their serde names are the backup vocabulary.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::id::*;
use super::money::{Currency, Money};
use super::phase::Phase;

/// Lists every variant of a fieldless enum, for pickers and exhaustive tests.
pub trait Choices: Sized + Copy + 'static {
    const ALL: &'static [Self];
    /// Stable snake_case key (the serde name), used in forms, CSV and translations.
    fn key(&self) -> &'static str;
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }
}

macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl Choices for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn key(&self) -> &'static str {
                match self { $(Self::$variant => $key),+ }
            }
        }
    };
}

choices!(
    /// A person or a company.
    CustomerKind { Person => "person", Company => "company" }
);

choices!(
    /// How a customer first found the freelancer (evaluated later per channel).
    AcquisitionChannel {
        Referral => "referral",
        Website => "website",
        Social => "social",
        Event => "event",
        Ad => "ad",
        ColdOutreach => "cold_outreach",
        Marketplace => "marketplace",
        Other => "other",
    }
);

choices!(
    /// The medium of one interaction or concern.
    ContactChannel {
        Phone => "phone",
        Email => "email",
        Meeting => "meeting",
        VideoCall => "video_call",
        Message => "message",
        Social => "social",
        Website => "website",
        Letter => "letter",
        Other => "other",
    }
);

choices!(
    /// Who started an interaction.
    Direction { Inbound => "inbound", Outbound => "outbound" }
);

choices!(
    /// What kind of interaction a touchpoint was.
    TouchpointKind {
        Call => "call",
        Email => "email",
        Meeting => "meeting",
        Message => "message",
        WebsiteVisit => "website_visit",
        Ad => "ad",
        Event => "event",
        Note => "note",
        InfoSent => "info_sent",
        WinBackMailing => "win_back_mailing",
    }
);

choices!(
    /// How an interaction landed.
    Sentiment { Positive => "positive", Neutral => "neutral", Negative => "negative" }
);

choices!(
    /// Where an order stands.
    OrderStatus { Placed => "placed", InProgress => "in_progress", Completed => "completed", Cancelled => "cancelled" }
);

choices!(
    /// What an after-purchase concern is.
    ConcernKind { Feedback => "feedback", Question => "question", Complaint => "complaint", Request => "request" }
);

choices!(
    /// Where a concern stands.
    ConcernStatus { Open => "open", Answered => "answered", Resolved => "resolved" }
);

choices!(
    /// The colour scheme the user picked.
    Theme { System => "system", Light => "light", Dark => "dark" }
);

impl OrderStatus {
    /// Placed or in progress: the order still needs work.
    pub fn is_open(self) -> bool {
        matches!(self, OrderStatus::Placed | OrderStatus::InProgress)
    }
}

/// Whether the customer agreed to marketing mail (win-back mailings need it), and when
/// that was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub granted: bool,
    pub at: DateTime<Utc>,
}

/// A person or company the freelancer works with, at one phase of the lifecycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: CustomerId,
    pub name: String,
    pub kind: CustomerKind,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub channel: AcquisitionChannel,
    #[serde(default)]
    pub marketing_consent: Option<Consent>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub custom_fields: BTreeMap<String, String>,
    pub phase: Phase,
    #[serde(default)]
    pub archived: bool,
    /// Marks records created by "explore with sample data", removable in one step.
    #[serde(default)]
    pub sample: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub deleted_at: Option<DateTime<Utc>>,
}

impl Customer {
    /// The first word of the name, for mail greetings.
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or("")
    }

    /// Whether win-back mailings may be sent.
    pub fn may_receive_marketing(&self) -> bool {
        self.marketing_consent.is_some_and(|c| c.granted)
    }
}

/// One interaction with a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touchpoint {
    pub id: TouchpointId,
    pub customer_id: CustomerId,
    pub at: DateTime<Utc>,
    pub channel: ContactChannel,
    pub direction: Direction,
    pub kind: TouchpointKind,
    /// A real exchange (both sides took part), which moves a prospect into trust.
    pub two_way: bool,
    #[serde(default)]
    pub summary: String,
    pub sentiment: Sentiment,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A problem or delay on an order, and how it was handled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderProblem {
    pub id: ProblemId,
    pub text: String,
    pub at: DateTime<Utc>,
    /// When the customer was told about it.
    #[serde(default)]
    pub informed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub resolved_at: Option<DateTime<Utc>>,
}

/// A purchase, from placement to completion or cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: OrderId,
    pub customer_id: CustomerId,
    pub placed_at: DateTime<Utc>,
    pub description: String,
    pub amount: Money,
    pub status: OrderStatus,
    #[serde(default)]
    pub problems: Vec<OrderProblem>,
    #[serde(default)]
    pub completed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub deleted_at: Option<DateTime<Utc>>,
}

impl Order {
    pub fn open_problems(&self) -> impl Iterator<Item = &OrderProblem> {
        self.problems.iter().filter(|p| p.resolved_at.is_none())
    }
}

/// Feedback, a question, a complaint or a request after a purchase; each gets an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concern {
    pub id: ConcernId,
    pub customer_id: CustomerId,
    pub kind: ConcernKind,
    pub received_at: DateTime<Utc>,
    pub channel: ContactChannel,
    pub text: String,
    pub status: ConcernStatus,
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub answered_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub resolved_at: Option<DateTime<Utc>>,
    /// Received time plus the response target from the settings.
    pub due_by: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A task to do by a date, often suggested by the phase playbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: FollowUpId,
    #[serde(default)]
    pub customer_id: Option<CustomerId>,
    pub title: String,
    pub due: DateTime<Utc>,
    #[serde(default)]
    pub done_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub deleted_at: Option<DateTime<Utc>>,
}

/// What caused a phase move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PhaseCause {
    Contacted { touchpoint_id: TouchpointId },
    OrderPlaced { order_id: OrderId },
    OrderCompleted { order_id: OrderId },
    OrderCancelled { order_id: OrderId },
    Dormancy { last_purchase: Option<DateTime<Utc>> },
    Manual { reason: String },
}

/// One move of a customer from one phase to another; the history the funnel reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseChange {
    pub id: PhaseChangeId,
    pub customer_id: CustomerId,
    /// Position in this customer's history, starting at 1.
    pub seq: u32,
    pub from: Phase,
    pub to: Phase,
    pub at: DateTime<Utc>,
    pub cause: PhaseCause,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub deleted_at: Option<DateTime<Utc>>,
}

/// One suggested follow-up of a phase playbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaybookStep {
    pub phase: Phase,
    pub title: String,
    /// Days after entering the phase that the step is due.
    pub due_after_days: u32,
}

/// A mail text with placeholders such as `{first_name}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTemplate {
    pub id: TemplateId,
    pub name: String,
    pub subject: String,
    pub body: String,
}

/// The languages the app speaks; the settings' `locale` is one of these or empty.
pub const LOCALES: [&str; 2] = ["en", "de"];

/// The user's preferences for the whole book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub owner_name: String,
    pub currency: Currency,
    /// Days without a completed purchase after which a customer becomes a former customer.
    pub dormancy_days: u32,
    /// Hours within which a concern should be answered.
    pub response_target_hours: u32,
    /// Days after which the app reminds the user to make a backup.
    pub backup_reminder_days: u32,
    /// Empty means "follow the browser".
    #[serde(default)]
    pub locale: String,
    pub theme: Theme,
    #[serde(default)]
    pub playbook: Vec<PlaybookStep>,
    #[serde(default)]
    pub templates: Vec<MailTemplate>,
    #[serde(default)]
    pub last_backup_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

impl Settings {
    /// A new book's settings, with the default playbook and win-back templates.
    pub fn new(now: DateTime<Utc>) -> Self {
        Settings {
            owner_name: String::new(),
            currency: Currency::EUR,
            dormancy_days: 365,
            response_target_hours: 48,
            backup_reminder_days: 14,
            locale: String::new(),
            theme: Theme::System,
            playbook: super::playbook::default_playbook(),
            templates: super::playbook::default_templates(),
            last_backup_at: None,
            updated_at: now,
        }
    }
}

/// Common access to the bookkeeping fields every stored record has.
pub trait Record {
    type Id: Copy + Eq + std::hash::Hash + Ord + std::fmt::Display;
    fn id(&self) -> Self::Id;
    fn updated_at(&self) -> DateTime<Utc>;
    fn deleted_at(&self) -> Option<DateTime<Utc>>;
    fn is_deleted(&self) -> bool {
        self.deleted_at().is_some()
    }
}

macro_rules! record {
    ($ty:ty, $id:ty) => {
        impl Record for $ty {
            type Id = $id;
            fn id(&self) -> $id {
                self.id
            }
            fn updated_at(&self) -> DateTime<Utc> {
                self.updated_at
            }
            fn deleted_at(&self) -> Option<DateTime<Utc>> {
                self.deleted_at
            }
        }
    };
}

record!(Customer, CustomerId);
record!(Touchpoint, TouchpointId);
record!(Order, OrderId);
record!(Concern, ConcernId);
record!(FollowUp, FollowUpId);
record!(PhaseChange, PhaseChangeId);

/// Records that belong to one customer.
pub trait CustomerRecord: Record {
    fn customer_id(&self) -> Option<CustomerId>;
}

macro_rules! customer_record {
    ($ty:ty) => {
        impl CustomerRecord for $ty {
            fn customer_id(&self) -> Option<CustomerId> {
                Some(self.customer_id)
            }
        }
    };
}
customer_record!(Touchpoint);
customer_record!(Order);
customer_record!(Concern);
customer_record!(PhaseChange);

impl CustomerRecord for FollowUp {
    fn customer_id(&self) -> Option<CustomerId> {
        self.customer_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_keys_match_serde_names() {
        fn check<T: Choices + Serialize + for<'a> Deserialize<'a> + PartialEq + std::fmt::Debug>() {
            for v in T::ALL {
                let json = serde_json::to_string(v).unwrap();
                assert_eq!(json, format!("\"{}\"", v.key()));
                assert_eq!(T::from_key(v.key()), Some(*v));
                assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *v);
            }
            assert_eq!(T::from_key("no_such_value"), None);
        }
        check::<CustomerKind>();
        check::<AcquisitionChannel>();
        check::<ContactChannel>();
        check::<Direction>();
        check::<TouchpointKind>();
        check::<Sentiment>();
        check::<OrderStatus>();
        check::<ConcernKind>();
        check::<ConcernStatus>();
        check::<Theme>();
        assert_eq!(AcquisitionChannel::ALL.len(), 8);
    }

    #[test]
    fn phase_cause_is_tagged_by_kind() {
        let cause = PhaseCause::Manual { reason: "asked for a pause".into() };
        assert_eq!(serde_json::to_string(&cause).unwrap(), r#"{"kind":"manual","reason":"asked for a pause"}"#);
    }
}
