//! The installed-app side: service worker registration with an "update available"
//! prompt, and persistent storage with a usage estimate.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

/// Whether the browser keeps Rapport's data under storage pressure, and how much is used.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StorageHealth {
    pub persisted: Option<bool>,
    pub usage_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
}

/// Registers `/sw.js`; sets `update_ready` when a new version is installed and waiting.
pub fn register_service_worker(update_ready: RwSignal<bool>) {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("/sw.js")).await else { return };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        let has_controller = container.controller().is_some();
        if registration.waiting().is_some() && has_controller {
            update_ready.set(true);
        }
        let watched = registration.clone();
        let watching_container = container.clone();
        let on_update_found = Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = watched.installing() else { return };
            let observed = worker.clone();
            let container = watching_container.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                // With a controller present, an installed worker is an update, not the first install.
                if observed.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                    update_ready.set(true);
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();
    });
}

/// Activates the waiting version and reloads once it controls the page.
pub fn apply_update() {
    let Some(window) = web_sys::window() else { return };
    let container = window.navigator().service_worker();
    let reload = Closure::<dyn FnMut()>::new(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    spawn_local(async move {
        let Ok(found) = JsFuture::from(container.get_registration()).await else { return };
        if let Ok(registration) = found.dyn_into::<ServiceWorkerRegistration>() {
            if let Some(waiting) = registration.waiting() {
                let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
            }
        }
    });
}

/// Asks the browser to keep the data (no eviction under pressure) and reads the estimate.
pub async fn request_persistence_and_estimate() -> StorageHealth {
    let mut health = StorageHealth::default();
    let Some(window) = web_sys::window() else { return health };
    let storage = window.navigator().storage();
    if let Ok(p) = storage.persisted() {
        health.persisted = JsFuture::from(p).await.ok().and_then(|v| v.as_bool());
    }
    if health.persisted != Some(true) {
        if let Ok(p) = storage.persist() {
            health.persisted = JsFuture::from(p).await.ok().and_then(|v| v.as_bool());
        }
    }
    if let Ok(p) = storage.estimate() {
        if let Ok(estimate) = JsFuture::from(p).await {
            let estimate: web_sys::StorageEstimate = estimate.unchecked_into();
            health.usage_bytes = estimate.get_usage();
            health.quota_bytes = estimate.get_quota();
        }
    }
    health
}
