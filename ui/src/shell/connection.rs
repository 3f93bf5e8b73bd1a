//! The toolbar's online/offline indicator: asks the shell every 15 seconds while signed in.

use crate::api;
use gloo_timers::callback::Interval;
use portal_core::shell::Connection;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

const POLL_MS: u32 = 15_000;

#[hook]
pub fn use_connection(initial: Connection) -> Connection {
    let connection = use_state_eq(|| initial);
    {
        let connection = connection.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(POLL_MS, move || {
                let connection = connection.clone();
                spawn_local(async move {
                    // A failed poll leaves the indicator as it was; the next poll tries again.
                    if let Ok(now) = api::connection().await {
                        connection.set(now);
                    }
                });
            });
            move || drop(interval)
        });
    }
    *connection
}
