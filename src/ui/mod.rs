//! The user interface: the root component with its router, one page per screen, and
//! small components. No business rules here: they live in `domain`.

pub mod app;
pub mod components;
pub mod format;
pub mod labels;
pub mod pages;

pub use app::App;

/// Replaces the static loading shell in `#app` with the app, after the shell has been
/// painted once: when the wasm arrives quickly (a cached or local load) the browser would
/// otherwise skip the shell's frame, and the first thing on screen would wait for the
/// app's own first render. A hidden page (opened in the background) mounts at once, since
/// it gets no frames until it is shown.
pub fn mount() {
    use leptos::prelude::{request_animation_frame, set_timeout};
    let hidden = web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
    if hidden {
        mount_now();
    } else {
        // An animation frame runs just before its paint: the second one comes after the
        // shell's frame has been shown.
        request_animation_frame(|| request_animation_frame(|| set_timeout(mount_now, std::time::Duration::ZERO)));
    }
}

fn mount_now() {
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
