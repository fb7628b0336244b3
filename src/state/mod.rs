//! App state: the committed book in memory and the actions that change it. Memory
//! changes only after the storage transaction committed.

#[cfg(target_arch = "wasm32")]
mod app;
pub mod errors;
#[cfg(target_arch = "wasm32")]
pub mod files;
#[cfg(target_arch = "wasm32")]
pub mod pwa;
#[cfg(target_arch = "wasm32")]
mod tabs;

#[cfg(target_arch = "wasm32")]
pub use app::*;
pub use errors::{sentence, AppError};
