//! Every call into the desktop shell: Tauri's `invoke` and `listen`, typed.
//!
//! The UI never talks to the server; the shell's commands answer from the server or the local cache.
//! Each command, its arguments and its answer are declared once in `portal_core::shell::commands`,
//! shared with the shell: a page builds the command (`cmd::ListProspects { query }`) and [`invoke`]
//! sends it and reads its answer, so a renamed argument fails to compile on both sides. There are
//! no wrappers per command: the command's struct is the call's documentation. A failed command
//! arrives as the JSON of [`ApiError`]; anything else becomes [`ErrorKind::Internal`].

use portal_core::{
    shell::{
        commands::{self as cmd, Command},
        events, ExternalLink,
    },
    ApiError, ErrorKind,
};
use serde::{de::DeserializeOwned, Serialize};
use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["window", "__TAURI__", "core"], js_name = invoke)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    /// Resolves to the function that stops listening.
    #[wasm_bindgen(catch, js_namespace = ["window", "__TAURI__", "event"], js_name = listen)]
    async fn tauri_listen(event: &str, handler: &js_sys::Function) -> Result<JsValue, JsValue>;
}

/// The shell's event after every change of the sync status; the payload is a
/// [`portal_core::pending::SyncStatus`].
pub const SYNC_STATUS_EVENT: &str = events::SYNC_STATUS;
/// The shell's event after a sync applied server changes; the payload names the kinds of record
/// that changed (`["prospect", "deal"]`).
pub const DATA_CHANGED_EVENT: &str = events::DATA_CHANGED;

/// A command's result: its value, or the shared error shape.
pub type ApiResult<T> = Result<T, ApiError>;

/// The one argument every command takes, `args`.
#[derive(Serialize)]
struct Payload<'a, C> {
    args: &'a C,
}

fn internal(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::Internal, message)
}

/// Turns whatever the shell threw into the shared error shape.
fn to_api_error(thrown: JsValue) -> ApiError {
    if let Ok(err) = serde_wasm_bindgen::from_value::<ApiError>(thrown.clone()) {
        return err;
    }
    if let Some(text) = thrown.as_string() {
        return serde_json::from_str::<ApiError>(&text).unwrap_or_else(|_| internal(text));
    }
    let text = js_sys::JSON::stringify(&thrown)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "The app's shell did not answer as expected.".to_owned());
    internal(text)
}

/// Sends `command` to the shell and reads its answer.
pub async fn invoke<C: Command>(command: C) -> ApiResult<C::Output> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = Payload { args: &command }
        .serialize(&serializer)
        .map_err(|e| internal(format!("Could not send {}: {e}", C::NAME)))?;
    let answer = tauri_invoke(C::NAME, args).await.map_err(to_api_error)?;
    serde_wasm_bindgen::from_value(answer)
        .map_err(|e| internal(format!("The answer to {} could not be read: {e}", C::NAME)))
}

/// A subscription to one of the shell's events; dropping it stops listening.
pub struct EventListener {
    state: Rc<RefCell<ListenState>>,
}

struct ListenState {
    /// Kept alive while the shell may call it.
    handler: Option<Closure<dyn FnMut(JsValue)>>,
    unlisten: Option<js_sys::Function>,
    dropped: bool,
}

/// Calls `on_event` with each `event`'s payload. A payload that does not read as `T` is logged
/// and skipped.
pub fn listen<T, F>(event: &'static str, on_event: F) -> EventListener
where
    T: DeserializeOwned + 'static,
    F: Fn(T) + 'static,
{
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let payload =
            js_sys::Reflect::get(&e, &JsValue::from_str("payload")).unwrap_or(JsValue::NULL);
        match serde_wasm_bindgen::from_value::<T>(payload) {
            Ok(payload) => on_event(payload),
            Err(err) => {
                web_sys::console::warn_1(&format!("{event}: unreadable payload: {err}").into())
            }
        }
    });
    let function: js_sys::Function = handler.as_ref().unchecked_ref::<js_sys::Function>().clone();
    let state = Rc::new(RefCell::new(ListenState {
        handler: Some(handler),
        unlisten: None,
        dropped: false,
    }));
    let pending = state.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match tauri_listen(event, &function).await {
            Ok(unlisten) => {
                let unlisten: js_sys::Function = unlisten.unchecked_into();
                let mut state = pending.borrow_mut();
                if state.dropped {
                    // Unmounted while the subscription was being made: undo it at once.
                    let _ = unlisten.call0(&JsValue::NULL);
                    state.handler = None;
                } else {
                    state.unlisten = Some(unlisten);
                }
            }
            Err(e) => {
                web_sys::console::warn_1(&format!("Could not listen to {event}: {e:?}").into());
                pending.borrow_mut().handler = None;
            }
        }
    });
    EventListener { state }
}

impl Drop for EventListener {
    fn drop(&mut self) {
        let mut state = self.state.borrow_mut();
        state.dropped = true;
        if let Some(unlisten) = state.unlisten.take() {
            let _ = unlisten.call0(&JsValue::NULL);
            state.handler = None;
        }
    }
}

/// Fire-and-forget helper for links: a failure is logged, as there is nothing the user can do.
pub fn open_external_in_background(link: ExternalLink) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = invoke(cmd::OpenExternal { link }).await {
            web_sys::console::warn_1(&format!("open_external failed: {e}").into());
        }
    });
}
