//! Deleting a prospect, from its page or its form: Delete asks first, and the confirmed delete
//! refreshes the sync status and leaves the prospect's views.

use crate::{api, components::ConfirmDialog, hooks::use_sync_state};
use portal_core::{ids::ProspectId, shell::commands as cmd, ApiError};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// The state of a delete and its callbacks.
pub struct DeleteProspect {
    confirming: UseStateHandle<bool>,
    deleting: UseStateHandle<bool>,
    /// Delete was pressed: the confirmation opens.
    pub ask: Callback<MouseEvent>,
    confirm: Callback<ProspectId>,
    cancel: Callback<()>,
}

/// Deletes the prospect once the user confirms; a refusal goes to `error`, a deletion to
/// `on_deleted`.
#[hook]
pub fn use_delete_prospect(
    on_deleted: Callback<()>,
    error: UseStateHandle<Option<ApiError>>,
) -> DeleteProspect {
    let sync = use_sync_state();
    let confirming = use_state(|| false);
    let deleting = use_state(|| false);
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |()| confirming.set(false))
    };
    let confirm = {
        let (confirming, deleting) = (confirming.clone(), deleting.clone());
        let refresh = sync.refresh.clone();
        Callback::from(move |id: ProspectId| {
            deleting.set(true);
            let (confirming, deleting, error) =
                (confirming.clone(), deleting.clone(), error.clone());
            let on_deleted = on_deleted.clone();
            let refresh = refresh.clone();
            spawn_local(async move {
                let answer = api::invoke(cmd::DeleteProspect { id }).await;
                deleting.set(false);
                confirming.set(false);
                match answer {
                    Ok(()) => {
                        refresh.emit(());
                        on_deleted.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    DeleteProspect {
        confirming,
        deleting,
        ask,
        confirm,
        cancel,
    }
}

impl DeleteProspect {
    /// The confirmation, while it is open (nothing happens for a prospect not created yet).
    pub fn dialog(&self, id: Option<ProspectId>, company_name: &str) -> Html {
        if !*self.confirming {
            return html! {};
        }
        let confirm = self.confirm.clone();
        let on_confirm = Callback::from(move |()| {
            if let Some(id) = id {
                confirm.emit(id);
            }
        });
        html! {
            <ConfirmDialog title={format!("Delete {company_name}?")} confirm_label="Delete prospect"
                danger=true busy={*self.deleting} {on_confirm}
                on_cancel={self.cancel.clone()}>
                <p>{ "The prospect and everything recorded about it will be removed for everyone in your firm once it syncs. This cannot be undone." }</p>
            </ConfirmDialog>
        }
    }
}
