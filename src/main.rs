//! Entry point: mounts the app in the browser. Everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    rapport::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Rapport runs in the browser: see README.md for the command that builds and serves it.");
}
