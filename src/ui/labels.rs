//! The words the UI shows for each choice of the model.

use crate::domain::{ConcernKind, ConcernStatus, ContactChannel, Direction, OrderStatus, Sentiment, TouchpointKind};

pub fn contact_channel(c: ContactChannel) -> &'static str {
    match c {
        ContactChannel::Phone => "Phone",
        ContactChannel::Email => "Email",
        ContactChannel::Meeting => "Meeting",
        ContactChannel::VideoCall => "Video call",
        ContactChannel::Message => "Message",
        ContactChannel::Social => "Social media",
        ContactChannel::Website => "Website",
        ContactChannel::Letter => "Letter",
        ContactChannel::Other => "Other",
    }
}

pub fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Inbound => "They contacted me",
        Direction::Outbound => "I contacted them",
    }
}

pub fn touchpoint_kind(k: TouchpointKind) -> &'static str {
    match k {
        TouchpointKind::Call => "Call",
        TouchpointKind::Email => "Email",
        TouchpointKind::Meeting => "Meeting",
        TouchpointKind::Message => "Message",
        TouchpointKind::WebsiteVisit => "Website visit",
        TouchpointKind::Ad => "Ad",
        TouchpointKind::Event => "Event",
        TouchpointKind::Note => "Note",
        TouchpointKind::InfoSent => "Information sent",
        TouchpointKind::WinBackMailing => "Win-back mailing",
    }
}

pub fn sentiment(s: Sentiment) -> &'static str {
    match s {
        Sentiment::Positive => "Positive",
        Sentiment::Neutral => "Neutral",
        Sentiment::Negative => "Negative",
    }
}

pub fn concern_kind(k: ConcernKind) -> &'static str {
    match k {
        ConcernKind::Feedback => "Feedback",
        ConcernKind::Question => "Question",
        ConcernKind::Complaint => "Complaint",
        ConcernKind::Request => "Request",
    }
}

pub fn concern_status(s: ConcernStatus) -> &'static str {
    match s {
        ConcernStatus::Open => "Open",
        ConcernStatus::Answered => "Answered",
        ConcernStatus::Resolved => "Resolved",
    }
}

pub fn order_status(s: OrderStatus) -> &'static str {
    match s {
        OrderStatus::Placed => "Placed",
        OrderStatus::InProgress => "In progress",
        OrderStatus::Completed => "Completed",
        OrderStatus::Cancelled => "Cancelled",
    }
}
