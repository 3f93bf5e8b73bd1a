//! One quote: its reference, who it is for, deal, validity and status; the vendor's word on its
//! discounts; its lines and totals (with the partner's internal figures set apart); the steps its
//! status allows; its revisions and the order placed from it.

use super::{
    banners::banners,
    history::{order_summary, revisions_card},
    pdf_export::{ExportPdf, Exported},
    steps::{self, Step},
};
use crate::{
    api,
    components::{
        icons,
        quote_sheet::{lines_table, TotalsBlock},
        ready,
        record_badges::{approval_badge, pending_badge, quote_badge, waiting_badge},
        Card, ConfirmDialog, ErrorBanner, PageHeader,
    },
    context::{Record, QUOTING_ENTITIES},
    format,
    hooks::{use_detail, use_portal, use_sync_state},
};
use chrono::NaiveDate;
use portal_core::{
    ids::{OrderId, QuoteId},
    menu::Page,
    quote::{Approval, QuoteFor, QuoteStatus},
    quoting::QuoteDetail,
    shell::commands as cmd,
    ApiError,
};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// What a step led to.
enum Outcome {
    Updated(Box<QuoteDetail>),
    Revised(QuoteId),
    Ordered(OrderId),
    Deleted,
}

#[derive(Properties, PartialEq)]
pub struct QuoteDetailProps {
    pub id: QuoteId,
    pub on_back: Callback<()>,
    pub on_edit: Callback<()>,
    pub on_deleted: Callback<()>,
    /// Opens another revision.
    pub on_open: Callback<QuoteId>,
    /// A new revision was made: it opens in the builder.
    pub on_revised: Callback<QuoteId>,
}

/// One fact of the strip under the header: `data-field` names it for tests.
fn fact(name: &'static str, label: &'static str, value: Html) -> Html {
    html! {
        <div class="fact" data-field={name}>
            <dt>{ label }</dt>
            <dd>{ value }</dd>
        </div>
    }
}

/// "in 12 days", "today", "ended 3 days ago" under the validity date, while it matters.
fn validity_note(status: QuoteStatus, until: NaiveDate, today: NaiveDate) -> String {
    if !status.can_expire() && status != QuoteStatus::Expired {
        return String::new();
    }
    match (until - today).num_days() {
        0 => "Last day today".to_owned(),
        1 => "1 day left".to_owned(),
        n if n > 1 => format!("{n} days left"),
        -1 => "Ended yesterday".to_owned(),
        n => format!("Ended {} days ago", -n),
    }
}

/// The order and the revisions, side by side when there are both.
fn side_cards(order: Option<Html>, revisions: Option<Html>) -> Html {
    let cards: Vec<Html> = order.into_iter().chain(revisions).collect();
    if cards.is_empty() {
        return html! {};
    }
    html! {
        <div class={classes!("card-columns", (cards.len() == 2).then_some("card-columns-2"))}>
            { for cards }
        </div>
    }
}

#[component]
pub fn QuoteDetailView(props: &QuoteDetailProps) -> Html {
    let portal = use_portal();
    let sync = use_sync_state();
    let reload = sync.reload_key(&QUOTING_ENTITIES);
    let detail = use_detail(props.id, reload, |id| api::invoke(cmd::GetQuote { id }));
    // Read again after the user's own step: its answer may have crossed the sync that followed it.
    let refetch = detail.retry.clone();
    let acted = detail.acted.clone();
    let confirm = use_state(|| None::<Step>);
    let busy = use_state(|| None::<Step>);
    let action_error = use_state(|| None::<ApiError>);
    let exported = use_state(|| None::<Exported>);
    {
        // Another quote: the last one's messages do not belong here.
        let (exported, action_error) = (exported.clone(), action_error.clone());
        use_effect_with(props.id, move |_| {
            exported.set(None);
            action_error.set(None);
        });
    }

    let back = props.on_back.clone();
    let header = html! { <PageHeader page={Page::Quotes} title="Quote" back={back.clone()} /> };
    let d: Rc<QuoteDetail> = match ready(detail.current(), header, detail.retry.clone()) {
        Ok(d) => d,
        Err(page) => return page,
    };
    let q = &d.quote;
    let id = q.id;
    let status = d.status;
    let today = format::today();
    let can_order = portal.session.profile.user.role.sees_customers_area();

    let run = {
        let (acted, busy, action_error, confirm) = (
            acted.clone(),
            busy.clone(),
            action_error.clone(),
            confirm.clone(),
        );
        let (refresh, refetch) = (sync.refresh.clone(), refetch.clone());
        let (on_deleted, on_revised) = (props.on_deleted.clone(), props.on_revised.clone());
        let open = portal.open.clone();
        Callback::from(move |step: Step| {
            if busy.is_some() {
                return;
            }
            busy.set(Some(step));
            action_error.set(None);
            let (acted, busy, action_error, confirm) = (
                acted.clone(),
                busy.clone(),
                action_error.clone(),
                confirm.clone(),
            );
            let (refresh, refetch) = (refresh.clone(), refetch.clone());
            let (on_deleted, on_revised, open) =
                (on_deleted.clone(), on_revised.clone(), open.clone());
            spawn_local(async move {
                let answer = match step {
                    Step::Action(action) => api::invoke(cmd::ActOnQuote { id, action })
                        .await
                        .map(|d| Outcome::Updated(Box::new(d))),
                    Step::Revise => api::invoke(cmd::ReviseQuote { id })
                        .await
                        .map(|d| Outcome::Revised(d.quote.id)),
                    Step::StartOrder => api::invoke(cmd::StartOrder { quote_id: id })
                        .await
                        .map(|o| Outcome::Ordered(o.order.id)),
                    Step::Delete => api::invoke(cmd::DeleteQuote { id })
                        .await
                        .map(|()| Outcome::Deleted),
                };
                busy.set(None);
                confirm.set(None);
                match answer {
                    Ok(outcome) => {
                        refresh.emit(());
                        match outcome {
                            Outcome::Updated(detail) => {
                                acted.set(Some(Rc::new(*detail)));
                                refetch.emit(());
                            }
                            Outcome::Revised(new) => on_revised.emit(new),
                            Outcome::Ordered(order) => open.emit(Record::EditOrder(order)),
                            Outcome::Deleted => on_deleted.emit(()),
                        }
                    }
                    Err(e) => action_error.set(Some(e)),
                }
            });
        })
    };
    let ask = |step: Step| -> Callback<MouseEvent> {
        let confirm = confirm.clone();
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            if steps::confirmation(step).is_some() {
                confirm.set(Some(step));
            } else {
                run.emit(step);
            }
        })
    };

    // ---- What the status allows ----
    let waiting = d.waiting_for_server;
    let step_buttons = steps::offered(&d, today, can_order).into_iter().map(|o| {
        let step = o.step;
        let running = *busy == Some(step);
        html! {
            <button id={steps::button_id(step)} type="button"
                class={classes!("button", o.primary.then_some("button-primary"))}
                data-action={match step { Step::Action(a) => Some(a.as_str()), _ => None }}
                title={o.why_not} disabled={!o.enabled || busy.is_some()} aria-busy={running.to_string()}
                onclick={ask(step)}>
                if running {
                    <span class="spinner spinner-sm" aria-hidden="true"></span>
                } else {
                    { steps::icon(step) }
                }
                { steps::label(step) }
            </button>
        }
    });
    let is_draft = status == QuoteStatus::Draft;
    let on_exported = {
        let exported = exported.clone();
        Callback::from(move |e: Exported| exported.set(Some(e)))
    };
    let actions = html! {
        <>
            if is_draft {
                <button id="delete-quote" type="button" class="button button-danger-quiet"
                    disabled={busy.is_some()} onclick={ask(Step::Delete)}>
                    { icons::trash() }{ "Delete draft" }
                </button>
            }
            <ExportPdf quote={id} on_done={on_exported} disabled={busy.is_some()} />
            if is_draft && !waiting {
                <button id="edit-quote" type="button" class="button" disabled={busy.is_some()}
                    onclick={props.on_edit.reform(|_: MouseEvent| ())}>
                    { icons::edit() }{ "Edit" }
                </button>
            }
            <>{ for step_buttons }</>
        </>
    };

    let badges = html! {
        <>
            { quote_badge(status, Some("quote-status")) }
            { approval_badge(q.approval, Some("quote-approval")) }
            if waiting { { waiting_badge() } }
            if d.pending && !waiting { { pending_badge() } }
        </>
    };

    // ---- Who, which deal ----
    let open = portal.open.clone();
    let for_link = match q.quote_for {
        QuoteFor::Prospect(p) => {
            let onclick = open.reform(move |_: MouseEvent| Record::Prospect(p));
            html! {
                <button id="quote-for-link" type="button" class="button button-link" {onclick}>
                    { d.for_name.clone() }
                </button>
            }
        }
        QuoteFor::Customer(_) => html! { <span id="quote-for-name">{ d.for_name.clone() }</span> },
    };
    let for_kind = match q.quote_for {
        QuoteFor::Prospect(_) => "Prospect",
        QuoteFor::Customer(_) => "Customer",
    };
    // A deal registration is new business: a customer's quote has none, and says nothing of it.
    let deal = match (q.deal_id, &d.deal_number, q.quote_for) {
        (Some(deal), number, _) => {
            let onclick = open.reform(move |_: MouseEvent| Record::Deal(deal));
            Some(html! {
                <button id="quote-deal-link" type="button" class="button button-link" {onclick}>
                    { number.clone().unwrap_or_else(|| "Draft registration".to_owned()) }
                </button>
            })
        }
        (None, _, QuoteFor::Prospect(_)) => Some(html! { <span class="muted">{ "None" }</span> }),
        (None, _, QuoteFor::Customer(_)) => None,
    };

    let banners = banners(&d, exported.as_ref(), &props.on_open);

    // ---- The order ----
    let order_card = match &d.order {
        Some(o) => {
            let open_order = can_order.then(|| portal.open.reform(Record::Order));
            Some(html! { <Card title="Order">{ order_summary(o, open_order) }</Card> })
        }
        None if status == QuoteStatus::Accepted => Some(html! {
            <Card title="Order">
                <p class="muted small" id="quote-no-order">
                    if can_order {
                        { "The customer accepted this quote. Start the order to send it to the vendor." }
                    } else {
                        { "The customer accepted this quote. An administrator of your firm places the order." }
                    }
                </p>
            </Card>
        }),
        None => None,
    };

    let dialog = confirm.as_ref().and_then(|step| {
        let step = *step;
        steps::confirmation(step).map(|(title, text, button, danger)| {
            let on_confirm = run.reform(move |()| step);
            let on_cancel = {
                let confirm = confirm.clone();
                Callback::from(move |()| confirm.set(None))
            };
            html! {
                <ConfirmDialog {title} confirm_label={button} {danger} busy={busy.is_some()} {on_confirm} {on_cancel}>
                    <p>{ text }</p>
                </ConfirmDialog>
            }
        })
    });
    let lead = format!(
        "For {} · valid until {}",
        d.for_name,
        format::date(q.valid_until)
    );
    let partial = d.priced.is_none();
    let totals = d.priced.as_ref().map(|p| p.totals).unwrap_or(q.totals);

    html! {
        <>
            <PageHeader page={Page::Quotes} title={AttrValue::from(d.reference.clone())} {back} {badges}
                lead={AttrValue::from(lead)}>
                { actions }
            </PageHeader>
            if let Some(e) = &*action_error {
                <div id="quote-action-error"><ErrorBanner error={e.clone()} /></div>
            }
            // One node however many there are, so the content after keeps its place.
            <>{ for banners }</>
            <div class="stack quote-detail" id="quote-detail" data-quote-id={id.to_string()}
                data-status={status.as_str()} data-approval={q.approval.as_str()}>
                <section class="card facts" id="quote-facts" aria-label="About this quote">
                    <dl class="facts-grid">
                        { fact("quote_for", for_kind, html! {
                            <>
                                { for_link }
                                if !d.for_domain.trim().is_empty() {
                                    <span class="fact-sub">{ d.for_domain.clone() }</span>
                                }
                            </>
                        }) }
                        if let Some(deal) = deal {
                            { fact("deal", "Deal registration", deal) }
                        }
                        { fact("valid_until", "Valid until", html! {
                            <>
                                { format::date(q.valid_until) }
                                <span class="fact-sub">{ validity_note(status, q.valid_until, today) }</span>
                            </>
                        }) }
                        { fact("created_on", "Created", html! { { format::date(q.created_on) } }) }
                        { fact("sent_on", "Sent", html! { { format::date_or_dash(q.sent_on) } }) }
                        { fact("decided_on", "Outcome", match (status, q.decided_on) {
                            (QuoteStatus::Accepted | QuoteStatus::Ordered, Some(on)) => html! {
                                <>{ "Accepted" }<span class="fact-sub">{ format::date(on) }</span></>
                            },
                            (QuoteStatus::Declined, Some(on)) => html! {
                                <>{ "Declined" }<span class="fact-sub">{ format::date(on) }</span></>
                            },
                            (QuoteStatus::Sent, _) => html! { <span class="muted">{ "Awaiting the customer" }</span> },
                            _ => html! { <span class="muted">{ "—" }</span> },
                        }) }
                        // A pending approval has its banner; a decision is worth keeping in view.
                        if matches!(q.approval, Approval::Approved | Approval::Rejected) {
                            { fact("approval", "Discount approval", html! {
                                <>
                                    { q.approval.label() }
                                    if let Some(r) = q.approval_reason.as_ref().filter(|r| !r.trim().is_empty() && q.approval == Approval::Approved) {
                                        <span class="fact-sub">{ r.clone() }</span>
                                    }
                                </>
                            }) }
                        }
                    </dl>
                </section>
                <Card title="Products" class={classes!("quote-sheet")}>
                    { lines_table("quote-lines-table", &q.lines, d.priced.as_ref()) }
                    if partial {
                        <p class="muted small quote-unpriced">
                            { "A product of this quote is no longer in the price book on this computer; the totals are the ones saved with the quote." }
                        </p>
                    }
                    <div class="quote-sheet-footer">
                        <div class="quote-sheet-notes">
                            <h3 class="subheading">{ "Notes" }</h3>
                            if q.notes.trim().is_empty() {
                                <p class="muted">{ "No notes." }</p>
                            } else {
                                <p class="notes-text selectable" id="quote-notes">{ q.notes.clone() }</p>
                            }
                        </div>
                        <TotalsBlock id="quote-totals" {totals} />
                    </div>
                </Card>
                { side_cards(order_card, revisions_card(&d.revisions, id, &props.on_open)) }
            </div>
            { dialog.unwrap_or_default() }
        </>
    }
}
