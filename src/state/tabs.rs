//! Other open tabs hear of every commit through a BroadcastChannel and apply it.

use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

use crate::domain::ChangeSet;

const CHANNEL: &str = "rapport-book";
/// Above this many records a change is announced as "reload" rather than sent whole.
const MAX_INLINE_RECORDS: usize = 2_000;

/// What one tab tells the others.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TabMessage {
    Changes(ChangeSet),
    Reload,
}

pub struct TabChannel {
    channel: BroadcastChannel,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl TabChannel {
    /// Opens the channel; None where the browser has no BroadcastChannel.
    pub fn open(on_message: impl Fn(TabMessage) + 'static) -> Option<TabChannel> {
        let channel = BroadcastChannel::new(CHANNEL).ok()?;
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = event.data().as_string() else { return };
            if let Ok(message) = serde_json::from_str::<TabMessage>(&text) {
                on_message(message);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(TabChannel { channel, _listener: listener })
    }

    /// Tells the other tabs to reload the whole book (after a replace).
    pub fn announce_reload(&self) {
        if let Ok(text) = serde_json::to_string(&TabMessage::Reload) {
            let _ = self.channel.post_message(&text.into());
        }
    }

    /// Tells the other tabs about committed changes.
    pub fn announce(&self, changes: &ChangeSet) {
        let message = if changes.record_count() > MAX_INLINE_RECORDS {
            TabMessage::Reload
        } else {
            TabMessage::Changes(changes.clone())
        };
        if let Ok(text) = serde_json::to_string(&message) {
            let _ = self.channel.post_message(&text.into());
        }
    }
}
