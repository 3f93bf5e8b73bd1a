//! Pending Changes: every change the user made on this computer and where it stands with the
//! server — waiting, synced, in conflict with somebody else's edit (the user keeps theirs or takes
//! the server's), or refused with the server's reason (the user dismisses it). A create or an edit
//! also lists what the user entered, open at once when the server refused it, so that nothing
//! typed is lost from view.

use super::{
    change_tone, loading,
    prospects::{owner_name, use_users, Users},
    use_fetch, wire_name, Fetch, SALES_ENTITIES,
};
use crate::{
    api,
    components::{icons, ErrorBanner, PageHeader, StatusBadge},
    format,
    shell::{PortalContext, Record, SyncContext},
};
use chrono::NaiveDate;
use portal_core::{
    api::partner::Address,
    deal::DealStatus,
    ids::{DealId, OrderId, ProspectId, QuoteId, UserId},
    menu::Page,
    money::Money,
    pending::{ChangeState, EnteredValue, PendingChange, Resolution},
    prospect::{Contact, ProspectStatus},
    shell::Connection,
    sync::{Entity, FieldConflict},
    ApiError,
};
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Which changes the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    /// Conflicts and refusals.
    Attention,
    Pending,
    Synced,
}

impl Filter {
    const ALL: [Filter; 4] = [
        Filter::All,
        Filter::Attention,
        Filter::Pending,
        Filter::Synced,
    ];

    fn key(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Attention => "attention",
            Filter::Pending => "pending",
            Filter::Synced => "synced",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Filter::All => "All",
            Filter::Attention => "Needs you",
            Filter::Pending => "Waiting",
            Filter::Synced => "Synced",
        }
    }

    fn admits(self, state: ChangeState) -> bool {
        match self {
            Filter::All => true,
            Filter::Attention => matches!(state, ChangeState::Conflict | ChangeState::Refused),
            Filter::Pending => state == ChangeState::Pending,
            Filter::Synced => state == ChangeState::Synced,
        }
    }
}

/// A field of a record as people call it.
fn field_label(field: &str) -> String {
    let known = match field {
        "company_name" => "Company name",
        "domain" => "Email domain",
        "primary_contact" => "Primary contact",
        "implementation_lead" => "Implementation lead",
        "infrastructure_notes" => "Infrastructure notes",
        "owner_id" => "Owner",
        "prospect_id" => "Prospect",
        "estimated_value" => "Estimated value",
        "expected_close" => "Expected close",
        "mailboxes" => "Number of mailboxes",
        "products" => "Products",
        "sector" => "Sector",
        "address" => "Address",
        "quote_for" => "For",
        "deal_id" => "Deal registration",
        "currency" => "Currency",
        "lines" => "Lines",
        "totals" => "Totals",
        "valid_until" => "Valid until",
        "po_number" => "PO number",
        "po_attachment" => "Purchase order file",
        "notes" => "Notes",
        "status" => "Status",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    let words = field.trim_end_matches("_id").replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn empty_value() -> Html {
    html! { <span class="muted">{ "(empty)" }</span> }
}

/// Who the users are, for owners' names.
struct People<'a> {
    portal: &'a PortalContext,
    users: &'a Users,
}

/// A value of a change as a person reads it: text plain, a status by its label, an owner by
/// name, a date as a date, an amount as money, a contact or address as its non-empty parts. The
/// client has already put a quote's lines and totals and an order's address and file into words.
fn value_view(field: &str, value: &Value, people: &People) -> Html {
    match value {
        Value::Null => empty_value(),
        Value::Bool(b) => html! { { if *b { "Yes" } else { "No" } } },
        Value::Number(n) => match (field, n.as_u64()) {
            ("mailboxes", Some(count)) => html! { { format::count(count) } },
            _ => html! { { n.to_string() } },
        },
        Value::String(s) if s.trim().is_empty() => empty_value(),
        Value::String(s) => {
            let text = match field {
                "status" => ProspectStatus::parse(s)
                    .map(|p| p.label().to_owned())
                    .or_else(|| {
                        serde_json::from_value::<DealStatus>(value.clone())
                            .ok()
                            .map(|d| d.label().to_owned())
                    }),
                "owner_id" => s
                    .parse::<UserId>()
                    .ok()
                    .map(|id| owner_name(people.portal, people.users, id)),
                "expected_close" | "valid_until" => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .ok()
                    .map(format::date),
                _ => None,
            };
            html! { <span class="value-text">{ text.unwrap_or_else(|| s.clone()) }</span> }
        }
        // A quote's lines, each already in words: one per line.
        Value::Array(items) if field == "lines" => lines_view(
            items
                .iter()
                .map(plain_text)
                .filter(|t| !t.is_empty())
                .collect(),
        ),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(plain_text)
                .filter(|t| !t.is_empty())
                .collect();
            if parts.is_empty() {
                empty_value()
            } else {
                html! { { parts.join(", ") } }
            }
        }
        Value::Object(_) => lines_view(object_lines(value)),
    }
}

/// Text one part per line.
fn lines_view(lines: Vec<String>) -> Html {
    if lines.is_empty() {
        return empty_value();
    }
    html! {
        <span class="value-lines">
            { for lines.into_iter().map(|l| html! { <span>{ l }</span> }) }
        </span>
    }
}

/// The non-empty parts of a contact, address, amount or other object, one per line.
fn object_lines(value: &Value) -> Vec<String> {
    if let Ok(money) = serde_json::from_value::<Money>(value.clone()) {
        return vec![money.to_string()];
    }
    if let Ok(contact) = serde_json::from_value::<Contact>(value.clone()) {
        let mut lines = Vec::new();
        let name = contact.full_name();
        match (name.is_empty(), contact.job_title.trim().is_empty()) {
            (false, false) => lines.push(format!("{name}, {}", contact.job_title.trim())),
            (false, true) => lines.push(name),
            (true, false) => lines.push(contact.job_title.trim().to_owned()),
            (true, true) => {}
        }
        lines.extend(
            [contact.email.trim(), contact.phone.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        );
        return lines;
    }
    if let Ok(address) = serde_json::from_value::<Address>(value.clone()) {
        return address.lines();
    }
    match value {
        Value::Object(map) => map
            .values()
            .map(plain_text)
            .filter(|t| !t.is_empty())
            .collect(),
        other => vec![plain_text(other)],
    }
}

fn plain_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.trim().to_owned(),
        Value::Bool(b) => if *b { "Yes" } else { "No" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Array(_) | Value::Object(_) => object_lines(value).join(", "),
    }
}

fn conflict_view(conflicts: &[FieldConflict], people: &People) -> Html {
    html! {
        <div class="conflict">
            <p class="conflict-lead">
                { "Somebody else changed the same " }
                { if conflicts.len() == 1 { "field" } else { "fields" } }
                { " on the server. Choose which values stay." }
            </p>
            <div class="conflict-grid" role="table" aria-label="Conflicting values">
                <div class="conflict-row conflict-head" role="row">
                    <span role="columnheader">{ "Field" }</span>
                    <span role="columnheader">{ "Yours" }</span>
                    <span role="columnheader">{ "Server's" }</span>
                </div>
                { for conflicts.iter().map(|c| html! {
                    <div class="conflict-row" role="row" data-field={c.field.clone()}>
                        <span class="conflict-field" role="rowheader">{ field_label(&c.field) }</span>
                        <span class="conflict-yours" role="cell">{ value_view(&c.field, &c.yours, people) }</span>
                        <span class="conflict-theirs" role="cell">{ value_view(&c.field, &c.theirs, people) }</span>
                    </div>
                }) }
            </div>
        </div>
    }
}

/// The values a create or an edit carried, field by field; open at once for a refusal, whose
/// values are nowhere else any more.
fn entered_view(entered: &[EnteredValue], open: bool, people: &People) -> Html {
    html! {
        <details class="entered" {open}>
            <summary>{ "What you entered" }</summary>
            <dl class="entered-list">
                { for entered.iter().map(|e| html! {
                    <div class="entered-row" data-field={e.field.clone()}>
                        <dt>{ field_label(&e.field) }</dt>
                        <dd>{ value_view(&e.field, &e.value, people) }</dd>
                    </div>
                }) }
            </dl>
        </details>
    }
}

/// One change's action, and its answer.
#[derive(Clone, Copy, PartialEq)]
enum Step {
    Resolve(Resolution),
    Dismiss,
}

#[component]
pub fn PendingChangesPage() -> Html {
    let portal = use_context::<PortalContext>().expect("pages inside the shell");
    let sync = use_context::<SyncContext>().expect("pages inside the shell");
    let users = use_users(portal.session.profile.user.role);
    let s = &sync.status;
    let deps = (
        sync.data_version(&SALES_ENTITIES),
        s.pending,
        s.needs_attention,
        s.last_synced,
        s.running,
    );
    let (changes, retry) = use_fetch(deps, |_| api::pending_changes());
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
                    Step::Resolve(r) => api::resolve_change(mutation_id, r).await,
                    Step::Dismiss => api::dismiss_change(mutation_id).await,
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
            Entity::SupportCase => Some(Record::SupportCase(
                portal_core::ids::SupportCaseId::from_uuid(c.record_id),
            )),
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
            <tr key={id.to_string()} data-mutation-id={id.to_string()} data-state={wire_name(c.state)}
                data-entity={c.entity.as_str()} data-record-id={c.record_id.to_string()}
                class={classes!(format!("change-{}", wire_name(c.state)))}>
                <td>
                    <StatusBadge label={c.state.label()} tone={change_tone(c.state)} status={wire_name(c.state)}
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
            if let Some(e) = s.last_error.as_ref().filter(|e| !running && e.kind != portal_core::ErrorKind::Offline) {
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
