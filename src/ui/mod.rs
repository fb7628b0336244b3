//! The user interface: the root component with its router, one page per screen, and
//! small components. No business rules here: they live in `domain`.

pub mod app;
pub mod components;
pub mod format;
pub mod labels;
pub mod pages;

pub use app::App;

/// Replaces the static loading shell in `#app` with the app.
pub fn mount() {
    use wasm_bindgen::JsCast;
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        leptos::mount::mount_to_body(App);
        return;
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, App).forget();
}
