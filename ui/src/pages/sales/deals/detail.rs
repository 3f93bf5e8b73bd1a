//! One deal registration: its facts, the vendor's word on it, and the steps its status allows the
//! partner (submit, withdraw, mark won or lost — the final ones confirmed first; a draft is edited
//! or deleted), and a quote from it.

use super::list::deal_number;
use crate::{
    api,
    components::{
        fields::text_or_dash,
        icons, ready,
        record_badges::{deal_badge, pending_badge, waiting_badge},
        Card, ConfirmDialog, ErrorBanner, Field, Fields, PageHeader,
    },
    context::{Record, SALES_ENTITIES},
    format,
    hooks::{use_detail, use_portal, use_sync_state},
};
use portal_core::{
    actor::Actor,
    deal::{DealAction, DealStatus},
    ids::DealId,
    menu::Page,
    quote::QuoteFor,
    sales::DealDetail,
    shell::commands as cmd,
    ApiError,
};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

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
pub struct DealDetailProps {
    pub id: DealId,
    pub on_back: Callback<()>,
    pub on_edit: Callback<()>,
    pub on_deleted: Callback<()>,
}

#[component]
pub fn DealDetailView(props: &DealDetailProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let reload = sync.reload_key(&SALES_ENTITIES);
    let detail = use_detail(props.id, reload, |id| api::invoke(cmd::GetDeal { id }));
    let acted = detail.acted.clone();
    let confirm = use_state(|| None::<Confirm>);
    let busy = use_state(|| false);
    let action_error = use_state(|| None::<ApiError>);

    let back = props.on_back.clone();
    let header =
        html! { <PageHeader page={Page::Deals} title="Deal registration" back={back.clone()} /> };
    let d: Rc<DealDetail> = match ready(detail.current(), header, detail.retry.clone()) {
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
                    Confirm::Action(action) => {
                        api::invoke(cmd::ActOnDeal { id, action }).await.map(Some)
                    }
                    Confirm::Delete => api::invoke(cmd::DeleteDeal { id }).await.map(|()| None),
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
            <button id={format!("deal-action-{}", a.as_str())} type="button"
                class={classes!("button", primary.then_some("button-primary"))}
                data-action={a.as_str()} disabled={*busy} onclick={ask(Confirm::Action(a))}>
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
            <div class="split" id="deal-detail" data-deal-id={id.to_string()} data-status={status.as_str()}>
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
