//! Rapport: an offline-first customer-lifecycle CRM for freelancers.
//!
//! Layers point one way, down: `ui` → `state` → `storage` → `domain`.

pub mod backup;
pub mod domain;
pub mod i18n;
pub mod state;
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
