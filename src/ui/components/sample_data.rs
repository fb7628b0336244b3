//! t("sample.explore_with_sample_data"): adds or removes a clearly marked sample book.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t, tf};
use crate::state::AppState;

/// Most sample customers one click may add.
const MAX_SAMPLE: usize = 50_000;

/// A count field with t("sample.add_sample_data") and t("sample.remove_sample_data") buttons.
#[component]
pub fn SampleData(#[prop(default = 60)] default_count: usize, #[prop(optional)] show_count: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = RwSignal::new(default_count.to_string());
    let busy = RwSignal::new(false);
    let has_sample = Memo::new(move |_| state.book.with(|b| b.customers().any(|c| c.sample)));
    let add = move |_| {
        let n = count.get_untracked().trim().parse::<usize>().unwrap_or(0);
        if n == 0 || n > MAX_SAMPLE {
            state.info(tf("sample.choose_count", &[("max", &MAX_SAMPLE.to_string())]));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match state.add_sample_data(n).await {
                Ok(records) => state.info(tf(
                    "sample.added",
                    &[("n", &crate::i18n::number(n as i64)), ("records", &crate::i18n::number(records as i64))],
                )),
                Err(e) => state.error(&e),
            }
            busy.set(false);
        });
    };
    let remove = move |_| {
        busy.set(true);
        spawn_local(async move {
            match state.remove_sample_data().await {
                Ok(_) => state.info(t("sample.sample_data_removed")),
                Err(e) => state.error(&e),
            }
            busy.set(false);
        });
    };
    view! {
        <div class="sample-data">
            {show_count.then(|| view! {
                <div class="field">
                    <label for="sample-count">{t("sample.sample_customers")}</label>
                    <input
                        id="sample-count"
                        type="number"
                        min="1"
                        max=MAX_SAMPLE.to_string()
                        data-testid="sample-count"
                        prop:value=move || count.get()
                        on:input=move |ev| count.set(event_target_value(&ev))
                    />
                </div>
            })}
            <div class="actions">
                <button type="button" on:click=add disabled=move || busy.get() data-testid="add-sample">
                    {move || if busy.get() { t("sample.working") } else { t("sample.explore_with_sample_data") }}
                </button>
                <Show when=move || has_sample.get()>
                    <button type="button" on:click=remove disabled=move || busy.get() data-testid="remove-sample">
                        {t("sample.remove_sample_data")}
                    </button>
                </Show>
            </div>
        </div>
    }
}
