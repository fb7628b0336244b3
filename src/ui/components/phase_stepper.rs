//! The six phases in order, with the customer's current one marked.

use leptos::prelude::*;

use crate::domain::Phase;
use crate::i18n::t;

/// A stepper of all six phases; the current one carries `aria-current="step"`.
#[component]
pub fn PhaseStepper(current: Phase) -> impl IntoView {
    view! {
        <ol class="stepper" aria-label=t("stepper.lifecycle_phases") data-testid="phase-stepper">
            {Phase::ALL.into_iter().map(|p| {
                let here = p == current;
                view! {
                    <li class=format!("step phase-{}", p.key()) class:current=here aria-current=here.then_some("step")>
                        {crate::ui::labels::phase_label(p)}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
