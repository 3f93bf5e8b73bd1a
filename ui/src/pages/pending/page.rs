//! The Pending Changes page: the list of the user's changes with where each stands, its filter,
//! Sync now, and the steps a conflict or a refusal asks for.

use super::{
    filter::Filter,
    values::{conflict_view, entered_view, People},
};
use crate::{
    api,
    components::{
        icons, loading, record_badges::change_tone, ErrorBanner, PageHeader, StatusBadge,
    },
    context::{Record, SALES_ENTITIES},
    format,
    hooks::{use_fetch, use_portal, use_sync_state, use_users, Fetch},
};
use portal_core::{
    ids::{DealId, OrderId, ProspectId, QuoteId, SupportCaseId},
    menu::Page,
    pending::{ChangeState, PendingChange, Resolution},
    shell::{commands as cmd, Connection},
    sync::Entity,
    ApiError, ErrorKind,
};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// One change's action, and its answer.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    Resolve(Resolution),
    Dismiss,
}

#[component]
pub fn PendingChangesPage() -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let users = use_users(portal.session.profile.user.role);
    let s = &sync.status;
    let deps = (
        sync.data_version(&SALES_ENTITIES),
        s.pending,
        s.needs_attention,
        s.last_synced,
        s.running,
    );
    let (changes, retry) = use_fetch(deps, |_| api::invoke(cmd::ListPendingChanges {}));
    let filter = use_state(|| Filter::All);
    let busy = use_state(|| None::<i64>);
    let step_error = use_state(|| None::<(i64, ApiError)>);

    let act = {
        let (busy, step_error) = (busy.clone(), step_error.clone());
        let retry = retry.clone();
        let refresh = sync.refresh.clone();
        Callback::from(move |(mutation_id, step): (i64, Step)| {
            if busy.is_some() {
                return;
            }
            busy.set(Some(mutation_id));
            step_error.set(None);
            let (busy, step_error) = (busy.clone(), step_error.clone());
            let (retry, refresh) = (retry.clone(), refresh.clone());
            spawn_local(async move {
                let answer = match step {
                    Step::Resolve(resolution) => {
                        api::invoke(cmd::ResolveChange {
                            mutation_id,
                            resolution,
                        })
                        .await
                    }
                    Step::Dismiss => api::invoke(cmd::DismissChange { mutation_id }).await,
                };
                busy.set(None);
                if let Err(e) = answer {
                    step_error.set(Some((mutation_id, e)));
                }
                retry.emit(());
                refresh.emit(());
            });
        })
    };

    let sync_now = sync.sync_now.reform(|_: MouseEvent| ());
    let running = s.running;
    let header = html! {
        <PageHeader page={Page::PendingChanges}
            lead="The changes you made on this computer, and where each one stands with the server.">
            <span class="header-note" id="pending-last-synced">
                { match s.last_synced {
                    Some(at) => format!("Last synced {}", format::ago(at)),
                    None => "Not synced yet".to_owned(),
                } }
            </span>
            <button id="pending-sync-now" type="button" class="button" onclick={sync_now}
                disabled={running} aria-busy={running.to_string()}>
                if running {
                    <span class="spinner spinner-sm" aria-hidden="true"></span>{ "Syncing…" }
                } else {
                    { icons::refresh() }{ "Sync now" }
                }
            </button>
        </PageHeader>
    };
    let offline = (s.connection == Connection::Offline).then(|| html! {
        <div class="banner banner-info" role="status" id="pending-offline">
            { icons::cloud_off() }
            <span class="banner-text">
                { "You are offline. Your changes are kept on this computer and sent when the connection returns." }
            </span>
        </div>
    });

    let list: Rc<Vec<PendingChange>> = match changes {
        Fetch::Loading => {
            return html! { <>{ header }{ offline.unwrap_or_default() }{ loading() }</> }
        }
        Fetch::Failed(e) => {
            return html! {
                <>{ header }<ErrorBanner error={e} on_retry={retry} /></>
            }
        }
        Fetch::Ready(list) => list,
    };

    let count = |f: Filter| list.iter().filter(|c| f.admits(c.state)).count();
    let attention = count(Filter::Attention);
    let filters = Filter::ALL.iter().map(|&f| {
        let pressed = *filter == f;
        let onclick = {
            let filter = filter.clone();
            Callback::from(move |_: MouseEvent| filter.set(f))
        };
        html! {
            <button type="button" class={classes!("segment", pressed.then_some("selected"))}
                data-filter={f.key()} aria-pressed={pressed.to_string()} {onclick}>
                { f.label() }<span class="segment-count">{ count(f) }</span>
            </button>
        }
    });
    let open = portal.open.clone();
    let people = People {
        portal: &portal,
        users: &users,
    };
    let rows = list.iter().filter(|c| filter.admits(c.state)).map(|c| {
        let id = c.mutation_id;
        let row_busy = *busy == Some(id);
        let record = match c.entity {
            Entity::Prospect => Some(Record::Prospect(ProspectId::from_uuid(c.record_id))),
            Entity::Deal => Some(Record::Deal(DealId::from_uuid(c.record_id))),
            Entity::Quote => Some(Record::Quote(QuoteId::from_uuid(c.record_id))),
            Entity::Order => Some(Record::Order(OrderId::from_uuid(c.record_id))),
            Entity::SupportCase => Some(Record::SupportCase(SupportCaseId::from_uuid(c.record_id))),
            _ => None,
        }
        // A deleted record, or one whose creation the server refused, is nowhere to open.
        .filter(|_| !c.summary.to_lowercase().starts_with("deleted"))
        .filter(|_| {
            !(c.state == ChangeState::Refused && matches!(c.summary.as_str(), "Created" | "Opened"))
        });
        let label = if c.record_label.trim().is_empty() {
            format!("Unnamed {}", c.entity.label())
        } else {
            c.record_label.clone()
        };
        let record_view = match record {
            Some(r) => {
                let onclick = open.reform(move |_: MouseEvent| r);
                html! { <button type="button" class="button button-link record-link" {onclick}>{ label }</button> }
            }
            None => html! { <span class="cell-strong">{ label }</span> },
        };
        let button = |class: &'static str, text: &'static str, step: Step, primary: bool| {
            let onclick = act.reform(move |_: MouseEvent| (id, step));
            html! {
                <button type="button" class={classes!("button", "button-small", class, primary.then_some("button-primary"))}
                    disabled={busy.is_some()} aria-busy={row_busy.to_string()} {onclick}>
                    { text }
                </button>
            }
        };
        let actions = match c.state {
            ChangeState::Conflict => html! {
                <>
                    { button("keep-mine", "Keep mine", Step::Resolve(Resolution::KeepMine), true) }
                    { button("take-server", "Take server's", Step::Resolve(Resolution::TakeServer), false) }
                </>
            },
            ChangeState::Refused => button("dismiss", "Dismiss", Step::Dismiss, false),
            _ => html! {},
        };
        let error = step_error
            .as_ref()
            .filter(|(m, _)| *m == id)
            .map(|(_, e)| html! { <p class="field-error row-error" role="alert">{ e.message.clone() }</p> });
        html! {
            <tr key={id.to_string()} data-mutation-id={id.to_string()} data-state={c.state.as_str()}
                data-entity={c.entity.as_str()} data-record-id={c.record_id.to_string()}
                class={classes!(format!("change-{}", c.state.as_str()))}>
                <td>
                    <StatusBadge label={c.state.label()} tone={change_tone(c.state)} status={c.state.as_str()}
                        class="change-state" />
                </td>
                <td>
                    <span class="cell-sub cell-kind">{ c.entity.label() }</span>
                    { record_view }
                </td>
                <td class="cell-change">
                    <span class="change-summary">{ c.summary.clone() }</span>
                    if c.state == ChangeState::Conflict && !c.conflicts.is_empty() {
                        { conflict_view(&c.conflicts, &people) }
                    }
                    if c.state == ChangeState::Refused {
                        <p class="refusal">
                            { icons::alert() }
                            <span class="refusal-reason">
                                { c.error.as_ref().map(|e| e.message.clone())
                                    .unwrap_or_else(|| "The server refused this change.".to_owned()) }
                            </span>
                        </p>
                    }
                    if !c.entered.is_empty() {
                        { entered_view(&c.entered, c.state == ChangeState::Refused, &people) }
                    }
                    { error.unwrap_or_default() }
                </td>
                <td class="cell-nowrap muted" title={format::local_date_time(c.made_at)}>
                    <time datetime={c.made_at.to_rfc3339()}>{ format::local_date_time(c.made_at) }</time>
                </td>
                <td class="cell-actions">{ actions }</td>
            </tr>
        }
    }).collect::<Vec<_>>();

    let body = if list.is_empty() {
        html! {
            <div class="empty" id="pending-empty">
                <p>{ "No changes made on this computer yet. Prospects, deals, quotes and orders you create or edit show here until the server has them." }</p>
            </div>
        }
    } else if rows.is_empty() {
        html! {
            <div class="empty" id="pending-empty">
                <p>{ "No changes of this kind." }</p>
            </div>
        }
    } else {
        html! {
            <div class="table-wrap">
                <table class="table" id="pending-table">
                    <caption class="visually-hidden">{ "Your changes" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "State" }</th>
                            <th scope="col">{ "Record" }</th>
                            <th scope="col">{ "Change" }</th>
                            <th scope="col">{ "Made" }</th>
                            <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        }
    };

    html! {
        <>
            { header }
            { offline.unwrap_or_default() }
            if attention > 0 {
                <div class="banner banner-warning" role="status" id="pending-attention">
                    { icons::alert() }
                    <span class="banner-text">
                        { if attention == 1 {
                            "1 change needs you: resolve the conflict or review the refusal below.".to_owned()
                        } else {
                            format!("{attention} changes need you: resolve the conflicts and review the refusals below.")
                        } }
                    </span>
                </div>
            }
            if let Some(e) = s.last_error.as_ref().filter(|e| !running && e.kind != ErrorKind::Offline) {
                <div class="banner banner-error" role="status" id="pending-sync-error">
                    { icons::alert() }
                    <span class="banner-text">{ format!("The last sync did not finish: {}", e.message) }</span>
                </div>
            }
            <div class="list-toolbar">
                <div class="segmented" id="pending-filter" role="group" aria-label="Show">
                    { for filters }
                </div>
                <span class="list-count" id="pending-count-total">
                    { format::plural(list.len() as u64, "change", "changes") }
                </span>
            </div>
            { body }
        </>
    }
}
