//! Labelled form controls that show their validation message underneath.

use leptos::prelude::*;

use crate::domain::DomainError;

/// The message for `field` in the last error, if any.
pub fn field_error(errors: RwSignal<Option<DomainError>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|e| e.as_ref().and_then(|e| e.message_for(field)).map(|m| capitalise(&crate::i18n::message(m))))
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or(String::new(), |f| f.to_uppercase().collect::<String>() + c.as_str())
}

/// A text input with its label and error message.
#[component]
pub fn TextField(
    #[prop(into)] label: String,
    #[prop(into)] name: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] autocomplete: Option<String>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (err_id, hint_id, has_hint) = (err_id.clone(), hint_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:required=required class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <p class="error" id=err_id role="alert">{move || error.get()}</p>
        </div>
    }
}

/// A multi-line text input with its label and error message.
#[component]
pub fn TextArea(
    #[prop(into)] label: String,
    #[prop(into)] name: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let err_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                name=name
                rows="3"
                aria-describedby=err_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <p class="error" id=err_id role="alert">{move || error.get()}</p>
        </div>
    }
}

/// Choices for a select from fixed `(key, label)` pairs.
pub fn choices<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<(String, String)> {
    pairs.into_iter().map(|(k, l)| (k.to_string(), l.to_string())).collect()
}

/// A select over fixed choices `(key, label)`.
#[component]
pub fn SelectField(
    #[prop(into)] label: String,
    #[prop(into)] name: String,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let id = format!("f-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                {options
                    .into_iter()
                    .map(|(key, text)| {
                        let current = key.clone();
                        view! { <option value=key selected=move || value.get() == current>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A checkbox with its label.
#[component]
pub fn CheckField(#[prop(into)] label: String, #[prop(into)] name: String, value: RwSignal<bool>) -> impl IntoView {
    let id = format!("f-{name}");
    view! {
        <div class="field check">
            <input
                id=id.clone()
                name=name
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// The problems of a form's last save, one line each, announced to screen readers.
#[component]
pub fn ProblemList(lines: Vec<String>) -> impl IntoView {
    view! {
        <div role="alert"><ul class="error">{lines.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul></div>
    }
}
