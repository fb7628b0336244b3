//! Typed record ids: random UUIDs (v4), stored and exported as strings.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! record_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random id.
            pub fn random() -> Self {
                Self(Uuid::new_v4())
            }

            /// An id made from caller-supplied random bytes (deterministic seeding, tests).
            pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
                Self(uuid::Builder::from_random_bytes(bytes).into_uuid())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

record_id!(
    /// Identifies a [`crate::domain::model::Customer`].
    CustomerId
);
record_id!(
    /// Identifies a [`crate::domain::model::Touchpoint`].
    TouchpointId
);
record_id!(
    /// Identifies an [`crate::domain::model::Order`].
    OrderId
);
record_id!(
    /// Identifies a problem recorded on an order.
    ProblemId
);
record_id!(
    /// Identifies a [`crate::domain::model::Concern`].
    ConcernId
);
record_id!(
    /// Identifies a [`crate::domain::model::FollowUp`].
    FollowUpId
);
record_id!(
    /// Identifies a [`crate::domain::model::PhaseChange`].
    PhaseChangeId
);
record_id!(
    /// Identifies a mail template in the settings.
    TemplateId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_v4_and_round_trip_through_strings() {
        let id = CustomerId::random();
        assert_eq!(id.0.get_version_num(), 4);
        let text = id.to_string();
        assert_eq!(text.len(), 36);
        assert_eq!(text.parse::<CustomerId>().unwrap(), id);
        assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{text}\""));
    }

    #[test]
    fn ids_from_bytes_are_deterministic_v4() {
        let a = OrderId::from_random_bytes([7; 16]);
        let b = OrderId::from_random_bytes([7; 16]);
        assert_eq!(a, b);
        assert_eq!(a.0.get_version_num(), 4);
        assert!("not-a-uuid".parse::<OrderId>().is_err());
    }
}
