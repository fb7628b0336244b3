//! One page per screen.

pub mod backup;
pub mod board;
pub mod customer;
pub mod customer_edit;
pub mod customer_new;
pub mod customers;
pub mod help;
pub mod insights;
pub mod not_found;
pub mod settings;
pub mod today;
pub mod win_back;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::domain::CustomerId;

/// The `:id` route parameter as a customer id (None when missing or malformed).
pub fn customer_id_param() -> Memo<Option<CustomerId>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|s| s.parse().ok()))
}
