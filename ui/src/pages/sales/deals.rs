//! Deals: the deal registrations list (search, status filter, sorting), one registration with the
//! steps its status allows the partner, and the way into the form that drafts or edits one.

use super::{
    deal_badge,
    deal_form::DealEditor,
    list::{use_paged_list, PAGE_SIZE},
    list_view::{
        add_first, filter_select, list_body, list_count, on_change, on_clear, on_sort, Empty,
    },
    page::{use_detail, use_view},
    pending_badge, waiting_badge, wire_name, SALES_ENTITIES,
};
use crate::{
    api,
    components::{
        fields::text_or_dash, icons, Card, Column, ConfirmDialog, ErrorBanner, Field, Fields,
        ListFooter, PageHeader, SearchBox, SortTable,
    },
    format,
    shell::{PortalContext, Record, SyncContext},
};
use portal_core::{
    actor::Actor,
    deal::{DealAction, DealStatus},
    ids::{DealId, ProspectId},
    menu::Page,
    quote::QuoteFor,
    sales::{DealDetail, DealQuery, DealRow, DealSort},
    ApiError,
};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Detail(DealId),
    Edit(DealId),
    /// A new registration, perhaps for a prospect chosen elsewhere.
    New(Option<ProspectId>),
}

fn view_for(record: Option<Record>) -> View {
    match record {
        Some(Record::Deal(id)) => View::Detail(id),
        Some(Record::NewDeal(prospect)) => View::New(prospect),
        _ => View::List,
    }
}

#[component]
pub fn DealsPage() -> Html {
    let portal = use_context::<PortalContext>().expect("pages inside the shell");
    let (view, show) = use_view(view_for);
    let query = use_state(|| DealQuery {
        // Opened from a Dashboard figure: that status's deal registrations.
        status: match portal.route.record {
            Some(Record::DealsIn(status)) => Some(status),
            _ => None,
        },
        limit: PAGE_SIZE,
        ..DealQuery::default()
    });
    match view {
        View::List => html! {
            <DealListView query={(*query).clone()}
                on_query={Callback::from(move |q| query.set(q))}
                on_open={show.reform(View::Detail)}
                on_new={show.reform(|()| View::New(None))} />
        },
        View::Detail(id) => html! {
            <DealDetailView {id}
                on_back={show.reform(|()| View::List)}
                on_edit={show.reform(move |()| View::Edit(id))}
                on_deleted={show.reform(|()| View::List)} />
        },
        View::Edit(id) => html! {
            <DealEditor id={Some(id)} prospect={None::<ProspectId>}
                on_saved={show.reform(View::Detail)}
                on_cancel={show.reform(move |()| View::Detail(id))} />
        },
        View::New(prospect) => {
            // Started from a prospect: Cancel goes back to it.
            let on_cancel = match prospect {
                Some(p) => portal.open.reform(move |()| Record::Prospect(p)),
                None => show.reform(|()| View::List),
            };
            html! {
                <DealEditor id={None::<DealId>} {prospect} on_saved={show.reform(View::Detail)} {on_cancel} />
            }
        }
    }
}

// ---------- The list ----------

#[derive(Properties, PartialEq)]
struct DealListProps {
    query: DealQuery,
    on_query: Callback<DealQuery>,
    on_open: Callback<DealId>,
    on_new: Callback<()>,
}

fn sort_key(sort: DealSort) -> &'static str {
    match sort {
        DealSort::Number => "number",
        DealSort::ProspectName => "prospect_name",
        DealSort::Value => "value",
        DealSort::ExpectedClose => "expected_close",
        DealSort::Status => "status",
    }
}

fn sort_from_key(key: &str) -> DealSort {
    match key {
        "prospect_name" => DealSort::ProspectName,
        "value" => DealSort::Value,
        "expected_close" => DealSort::ExpectedClose,
        "status" => DealSort::Status,
        _ => DealSort::Number,
    }
}

fn deal_number(number: &Option<String>) -> Html {
    match number {
        Some(n) => html! { { n.clone() } },
        None => html! { <span class="muted">{ "No number yet" }</span> },
    }
}

/// The status with what goes with it: the server's reason, the expiry, "waiting for the server".
fn status_cell(d: &DealRow) -> Html {
    html! {
        <div class="status-cell">
            <span class="badge-stack">
                { deal_badge(d.status, None) }
                if d.waiting_for_server { { waiting_badge() } }
                if d.pending && !d.waiting_for_server { { pending_badge() } }
            </span>
            if let Some(reason) = d.status_reason.as_ref().filter(|r| !r.trim().is_empty()) {
                <span class="status-reason">{ reason.clone() }</span>
            }
            if let (DealStatus::Approved, Some(on)) = (d.status, d.expires_on) {
                <span class="status-expiry">{ format!("Expires {}", format::date(on)) }</span>
            }
        </div>
    }
}

fn deal_row(d: &DealRow, on_open: &Callback<DealId>) -> Html {
    let id = d.id;
    // The number is a button so the row is reachable by keyboard; its click reaches the row.
    let onclick = on_open.reform(move |_: MouseEvent| id);
    html! {
        <tr key={id.to_string()} data-deal-id={id.to_string()} data-status={wire_name(d.status)}
            data-waiting={d.waiting_for_server.then_some("true")}
            data-pending={d.pending.then_some("true")}
            class={classes!("row-link", d.pending.then_some("row-pending"))} {onclick}>
            <td class="cell-strong cell-nowrap">
                <button type="button" class="row-open">{ deal_number(&d.number) }</button>
            </td>
            <td>
                <span class="cell-strong">{ d.prospect_name.clone() }</span>
                <span class="cell-sub">{ d.domain.clone() }</span>
            </td>
            <td class="cell-numeric cell-nowrap">{ d.estimated_value.to_string() }</td>
            <td class="cell-nowrap">{ format::date(d.expected_close) }</td>
            <td>{ status_cell(d) }</td>
        </tr>
    }
}

#[component]
fn DealListView(props: &DealListProps) -> Html {
    let sync = use_context::<SyncContext>().expect("pages inside the shell");
    let reload = sync.reload_key(&SALES_ENTITIES);
    let list = use_paged_list(props.query.clone(), reload, |q: DealQuery| async move {
        api::deals(&q).await
    });
    let q = &props.query;
    let on_search = on_change(q, &props.on_query, |q: &mut DealQuery, v| q.search = v);
    let on_status = on_change(q, &props.on_query, |q: &mut DealQuery, v: String| {
        q.status = DealStatus::ALL.into_iter().find(|s| wire_name(*s) == v);
    });
    let on_sort = on_sort(q, &props.on_query, sort_from_key);
    let filtered = !q.search.trim().is_empty() || q.status.is_some();
    let new = props.on_new.reform(|_: MouseEvent| ());
    let state = &list.state;
    let columns = vec![
        Column::sortable("number", "Number"),
        Column::sortable("prospect_name", "Prospect"),
        Column::sortable("value", "Value").numeric(),
        Column::sortable("expected_close", "Expected close"),
        Column::sortable("status", "Status"),
    ];
    let empty = Empty {
        id: "deals-empty",
        filtered,
        no_match: AttrValue::Static("No deal registrations match your search."),
        clear_label: "Clear search and filters",
        on_clear: on_clear(q, &props.on_query),
        none_yet: AttrValue::Static(
            "No deal registrations yet. Register a deal to protect your work on a prospect.",
        ),
        action: add_first("Register a deal", new.clone()),
    };
    let body = list_body(state, empty, || {
        html! {
            <>
                <SortTable id="deals-table" caption="Deal registrations" {columns}
                    sort={sort_key(q.sort)} descending={q.descending} {on_sort} busy={state.loading}>
                    { for state.rows.iter().map(|d| deal_row(d, &props.on_open)) }
                </SortTable>
                <ListFooter id="deals-more" shown={state.rows.len()} total={state.total}
                    one="deal registration" many="deal registrations" loading={state.loading}
                    on_more={list.more.clone()} />
            </>
        }
    });

    html! {
        <>
            <PageHeader page={Page::Deals}
                lead="Register deals with the vendor and follow each one to its decision.">
                <button id="new-deal" type="button" class="button button-primary" onclick={new}>
                    { icons::plus() }{ "Register a deal" }
                </button>
            </PageHeader>
            <div class="list-toolbar">
                <SearchBox id="deal-search" label="Search deal registrations"
                    placeholder="Search by deal number or prospect"
                    value={q.search.clone()} on_input={on_search} />
                <div class="list-filters">
                    { filter_select("deal-status-filter", "Status", "All statuses",
                        DealStatus::ALL.map(|s| (wire_name(s), s.label().to_owned())),
                        q.status.map(wire_name), &on_status) }
                </div>
                { list_count(state, "deals-count", "deal registration", "deal registrations") }
            </div>
            if let Some(e) = &state.error {
                <ErrorBanner error={e.clone()} on_retry={list.retry.clone()} />
            }
            { body }
        </>
    }
}

// ---------- One deal registration ----------

/// The steps a partner may take, in the order the buttons show.
const PARTNER_ACTIONS: [DealAction; 4] = [
    DealAction::MarkLost,
    DealAction::MarkWon,
    DealAction::Withdraw,
    DealAction::Submit,
];

fn action_label(action: DealAction) -> &'static str {
    match action {
        DealAction::Submit => "Submit to the vendor",
        DealAction::Withdraw => "Withdraw",
        DealAction::MarkWon => "Mark won",
        DealAction::MarkLost => "Mark lost",
        _ => "",
    }
}

/// The confirmation a final step asks for: title, consequence, button.
fn action_confirmation(action: DealAction) -> Option<(&'static str, &'static str, &'static str)> {
    match action {
        DealAction::Withdraw => Some((
            "Withdraw this registration?",
            "The vendor will no longer consider it, and the prospect's domain is free for other firms to register. This cannot be undone.",
            "Withdraw",
        )),
        DealAction::MarkWon => Some((
            "Mark this deal as won?",
            "The registration closes as won. This cannot be undone.",
            "Mark won",
        )),
        DealAction::MarkLost => Some((
            "Mark this deal as lost?",
            "The registration closes as lost and the prospect's domain is free for other firms. This cannot be undone.",
            "Mark lost",
        )),
        _ => None,
    }
}

/// What the user asked to confirm.
#[derive(Clone, Copy, PartialEq)]
enum Confirm {
    Action(DealAction),
    Delete,
}

#[derive(Properties, PartialEq)]
struct DealDetailProps {
    id: DealId,
    on_back: Callback<()>,
    on_edit: Callback<()>,
    on_deleted: Callback<()>,
}

#[component]
fn DealDetailView(props: &DealDetailProps) -> Html {
    let portal = use_context::<PortalContext>().expect("pages inside the shell");
    let sync = use_context::<SyncContext>().expect("pages inside the shell");
    let reload = sync.reload_key(&SALES_ENTITIES);
    let detail = use_detail(props.id, reload, |id| async move { api::deal(id).await });
    let acted = detail.acted.clone();
    let confirm = use_state(|| None::<Confirm>);
    let busy = use_state(|| false);
    let action_error = use_state(|| None::<ApiError>);

    let back = props.on_back.clone();
    let header =
        html! { <PageHeader page={Page::Deals} title="Deal registration" back={back.clone()} /> };
    let d: Rc<DealDetail> = match detail.current(header) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let deal = &d.deal;
    let id = deal.id;
    let status = deal.status;

    let run = {
        let (acted, busy, action_error, confirm) = (
            acted.clone(),
            busy.clone(),
            action_error.clone(),
            confirm.clone(),
        );
        let refresh = sync.refresh.clone();
        let on_deleted = props.on_deleted.clone();
        Callback::from(move |what: Confirm| {
            if *busy {
                return;
            }
            busy.set(true);
            action_error.set(None);
            let (acted, busy, action_error, confirm) = (
                acted.clone(),
                busy.clone(),
                action_error.clone(),
                confirm.clone(),
            );
            let refresh = refresh.clone();
            let on_deleted = on_deleted.clone();
            spawn_local(async move {
                let answer = match what {
                    Confirm::Action(action) => api::deal_action(id, action).await.map(Some),
                    Confirm::Delete => api::delete_deal(id).await.map(|()| None),
                };
                busy.set(false);
                confirm.set(None);
                match answer {
                    Ok(Some(detail)) => {
                        acted.set(Some(Rc::new(detail)));
                        refresh.emit(());
                    }
                    Ok(None) => {
                        refresh.emit(());
                        on_deleted.emit(());
                    }
                    Err(e) => action_error.set(Some(e)),
                }
            });
        })
    };
    let ask = |what: Confirm| -> Callback<MouseEvent> {
        let confirm = confirm.clone();
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            let needs_confirming = match what {
                Confirm::Delete => true,
                Confirm::Action(a) => action_confirmation(a).is_some(),
            };
            if needs_confirming {
                confirm.set(Some(what));
            } else {
                run.emit(what);
            }
        })
    };

    let allowed: Vec<DealAction> = PARTNER_ACTIONS
        .into_iter()
        .filter(|a| status.apply(*a, Actor::Partner).is_ok())
        // A submission already on its way is not sent twice.
        .filter(|a| !(d.waiting_for_server && *a == DealAction::Submit))
        .collect();
    let action_buttons = allowed.iter().map(|&a| {
        let primary = matches!(a, DealAction::Submit | DealAction::MarkWon);
        html! {
            <button id={format!("deal-action-{}", wire_name(a))} type="button"
                class={classes!("button", primary.then_some("button-primary"))}
                data-action={wire_name(a)} disabled={*busy} onclick={ask(Confirm::Action(a))}>
                if a == DealAction::Submit { { icons::send() } }
                { action_label(a) }
            </button>
        }
    });
    let is_draft = status == DealStatus::Draft;
    // A closed registration (lost, withdrawn, refused, expired) is not quoted any more.
    let quotable = matches!(
        status,
        DealStatus::Draft | DealStatus::Submitted | DealStatus::Approved | DealStatus::Won
    );
    let new_quote = {
        let open = portal.open.clone();
        let prospect = deal.prospect_id;
        Callback::from(move |_: MouseEvent| {
            open.emit(Record::NewQuote(
                Some(QuoteFor::Prospect(prospect)),
                Some(id),
            ))
        })
    };
    let actions = html! {
        <>
            if is_draft {
                <button id="delete-deal" type="button" class="button button-danger-quiet"
                    disabled={*busy} onclick={ask(Confirm::Delete)}>
                    { icons::trash() }{ "Delete" }
                </button>
                <button id="edit-deal" type="button" class="button" disabled={*busy}
                    onclick={props.on_edit.reform(|_: MouseEvent| ())}>
                    { icons::edit() }{ "Edit" }
                </button>
            }
            if quotable {
                <button id="new-quote-for-deal" type="button" class="button" disabled={*busy}
                    onclick={new_quote}>
                    { icons::plus() }{ "New quote" }
                </button>
            }
            { for action_buttons }
        </>
    };
    let title = deal
        .number
        .clone()
        .unwrap_or_else(|| "Deal registration".to_owned());
    let badges = html! {
        <>
            { deal_badge(status, Some("deal-status")) }
            if d.waiting_for_server { { waiting_badge() } }
            if d.pending && !d.waiting_for_server { { pending_badge() } }
        </>
    };
    let open_prospect = {
        let open = portal.open.clone();
        let prospect = deal.prospect_id;
        Callback::from(move |_: MouseEvent| open.emit(Record::Prospect(prospect)))
    };
    let reason = deal
        .status_reason
        .as_ref()
        .filter(|r| !r.trim().is_empty())
        .map(|r| {
            let (class, lead) = match status {
                DealStatus::Rejected => (
                    "banner banner-error",
                    "The vendor rejected this registration: ",
                ),
                _ => ("banner banner-info", "The vendor says: "),
            };
            html! {
                <div class={class} role="status">
                    { icons::alert() }
                    <span class="banner-text">
                        { lead }<span id="deal-status-reason">{ r.clone() }</span>
                    </span>
                </div>
            }
        });
    let waiting_note = d.waiting_for_server.then(|| html! {
        <div class="banner banner-info" role="status" id="deal-waiting">
            { icons::clock() }
            <span class="banner-text">
                { "Waiting for the server: the vendor's answer shows here once the app has synced." }
            </span>
        </div>
    });
    let dialog = confirm.as_ref().map(|what| {
        let (title, text, button, danger) = match what {
            Confirm::Delete => (
                "Delete this draft?",
                "The draft registration is removed. This cannot be undone.",
                "Delete draft",
                true,
            ),
            Confirm::Action(a) => {
                let (t, x, b) = action_confirmation(*a).unwrap_or(("", "", ""));
                (t, x, b, *a != DealAction::MarkWon)
            }
        };
        let what = *what;
        let on_confirm = run.reform(move |()| what);
        let on_cancel = {
            let confirm = confirm.clone();
            Callback::from(move |()| confirm.set(None))
        };
        html! {
            <ConfirmDialog {title} confirm_label={button} {danger} busy={*busy} {on_confirm} {on_cancel}>
                <p>{ text }</p>
            </ConfirmDialog>
        }
    });

    html! {
        <>
            <PageHeader page={Page::Deals} title={AttrValue::from(title)} {back} {badges}
                lead={AttrValue::from(format!("For {} ({})", d.prospect_name, d.domain))}>
                { actions }
            </PageHeader>
            if let Some(e) = &*action_error {
                <div id="deal-action-error"><ErrorBanner error={e.clone()} /></div>
            }
            { reason.unwrap_or_default() }
            { waiting_note.unwrap_or_default() }
            <div class="split" id="deal-detail" data-deal-id={id.to_string()} data-status={wire_name(status)}>
                <Card title="Registration">
                    <Fields>
                        <Field label="Prospect" name="prospect">
                            <button id="deal-prospect-link" type="button" class="button button-link"
                                onclick={open_prospect}>
                                { d.prospect_name.clone() }
                            </button>
                        </Field>
                        <Field label="Email domain" name="domain"><span class="selectable">{ d.domain.clone() }</span></Field>
                        <Field label="Products" name="products">
                            if deal.products.is_empty() {
                                <span class="muted">{ "—" }</span>
                            } else {
                                <ul class="chips" role="list">
                                    { for deal.products.iter().map(|p| html! { <li class="chip">{ p.clone() }</li> }) }
                                </ul>
                            }
                        </Field>
                        <Field label="Estimated value" name="estimated_value">{ deal.estimated_value.to_string() }</Field>
                        <Field label="Expected close" name="expected_close">{ format::date(deal.expected_close) }</Field>
                        <Field label="Notes" name="notes">
                            if deal.notes.trim().is_empty() {
                                { text_or_dash("") }
                            } else {
                                <p class="notes-text selectable">{ deal.notes.clone() }</p>
                            }
                        </Field>
                    </Fields>
                </Card>
                <Card title="Status">
                    <Fields>
                        <Field label="Status" name="status">{ status.label() }</Field>
                        <Field label="Number" name="number">{ deal_number(&deal.number) }</Field>
                        <Field label="Submitted" name="submitted_on">{ format::date_or_dash(deal.submitted_on) }</Field>
                        <Field label="Decided" name="decided_on">{ format::date_or_dash(deal.decided_on) }</Field>
                        <Field label="Expires" name="expires_on">{ format::date_or_dash(deal.expires_on) }</Field>
                    </Fields>
                    <p class="card-note">{ status_note(status) }</p>
                </Card>
            </div>
            { dialog.unwrap_or_default() }
        </>
    }
}

/// What the status means for the partner, in a sentence.
fn status_note(status: DealStatus) -> &'static str {
    match status {
        DealStatus::Draft => "A draft is yours alone until you submit it to the vendor.",
        DealStatus::Submitted => "The vendor is reviewing it. You can still withdraw it.",
        DealStatus::Approved => "The vendor protects this deal for you until it expires. Mark it won or lost when it closes.",
        DealStatus::Rejected => "The vendor did not accept it, for the reason shown.",
        DealStatus::Won => "Closed as won.",
        DealStatus::Lost => "Closed as lost.",
        DealStatus::Expired => "The protection period ended before the deal closed.",
        DealStatus::Withdrawn => "You withdrew it.",
    }
}
