//! Files in and out of the browser: download, the share sheet (phones), reading a picked file.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Saves `text` as a file through the browser's download.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|e| format!("{e:?}"))?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Whether the device can share a file (the share sheet on phones).
pub fn can_share_files() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    Reflect::has(&navigator, &JsValue::from_str("canShare")).unwrap_or(false)
        && Reflect::has(&navigator, &JsValue::from_str("share")).unwrap_or(false)
}

/// Opens the share sheet with `text` as a file. Err when the user cancels or it fails.
pub async fn share_file(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let navigator = window.navigator();
    let parts = Array::of1(&JsValue::from_str(text));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file =
        web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).map_err(|e| format!("{e:?}"))?;
    let data = js_sys::Object::new();
    Reflect::set(&data, &JsValue::from_str("files"), &Array::of1(&file)).map_err(|e| format!("{e:?}"))?;
    Reflect::set(&data, &JsValue::from_str("title"), &JsValue::from_str(name)).map_err(|e| format!("{e:?}"))?;
    let share: js_sys::Function =
        Reflect::get(&navigator, &JsValue::from_str("share")).map_err(|e| format!("{e:?}"))?.unchecked_into();
    let promise: js_sys::Promise = share.call1(&navigator, &data).map_err(|e| format!("{e:?}"))?.unchecked_into();
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| format!("{e:?}"))
}

/// Whether the device has a share sheet for text (phones, some desktops).
pub fn can_share_text() -> bool {
    web_sys::window().is_some_and(|w| Reflect::has(&w.navigator(), &JsValue::from_str("share")).unwrap_or(false))
}

/// Opens the share sheet with a title and text; false when the user cancels or it fails.
pub async fn share_text(title: &str, text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    let data = js_sys::Object::new();
    let filled = Reflect::set(&data, &JsValue::from_str("title"), &JsValue::from_str(title)).is_ok()
        && Reflect::set(&data, &JsValue::from_str("text"), &JsValue::from_str(text)).is_ok();
    let Ok(share) = Reflect::get(&navigator, &JsValue::from_str("share")) else { return false };
    let Some(share) = share.dyn_ref::<js_sys::Function>() else { return false };
    match share.call1(&navigator, &data) {
        Ok(p) if filled => JsFuture::from(p.unchecked_into::<js_sys::Promise>()).await.is_ok(),
        _ => false,
    }
}

/// The text of a file the user picked.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text()).await.map_err(|e| format!("{e:?}"))?;
    text.as_string().ok_or_else(|| "the file could not be read as text".to_string())
}

/// Lets the browser paint (a status line, a progress bar) before a long step.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30);
        }
    });
    let _ = JsFuture::from(promise).await;
}
