//! The coloured badge naming a customer's phase.

use leptos::prelude::*;

use crate::domain::Phase;

/// Shows a phase as a badge (colour by phase, text always present for contrast and screen readers).
#[component]
pub fn PhaseBadge(phase: Phase) -> impl IntoView {
    view! { <span class=format!("badge phase-{}", phase.key())>{crate::ui::labels::phase_label(phase)}</span> }
}
