//! Quotes: the list (search as you type by number or prospect, status filter, sorting, "Show
//! more"), one quote, and the builder that drafts or edits one.

mod banners;
mod builder;
mod detail;
mod history;
mod list;
mod pdf_export;
mod steps;

use crate::{
    context::Record,
    hooks::{use_portal, use_view, PAGE_SIZE},
};
use builder::QuoteEditor;
use detail::QuoteDetailView;
use list::QuoteListView;
use portal_core::{
    ids::{CustomerId, DealId, ProductId, QuoteId},
    menu::Page,
    quote::QuoteFor,
    quoting::QuoteQuery,
};
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    List,
    Detail(QuoteId),
    Edit(QuoteId),
    /// A new quote, perhaps for a prospect (and deal) chosen elsewhere.
    New(Option<QuoteFor>, Option<DealId>),
    /// A customer's renewal: its product and seats on the first line.
    Renewal(CustomerId, ProductId, u32),
}

fn view_for(record: Option<Record>) -> View {
    match record {
        Some(Record::Quote(id)) => View::Detail(id),
        Some(Record::NewQuote(quote_for, deal)) => View::New(quote_for, deal),
        Some(Record::RenewalQuote(customer, product, seats)) => {
            View::Renewal(customer, product, seats)
        }
        _ => View::List,
    }
}

#[component]
pub fn QuotesPage() -> Html {
    let portal = use_portal();
    let (view, show) = use_view(view_for);
    let query = use_state(|| QuoteQuery {
        // Opened from a Dashboard figure: that status's quotes, or the open pipeline's.
        status: match portal.route.record {
            Some(Record::QuotesIn(status)) => Some(status),
            _ => None,
        },
        in_pipeline: portal.route.record == Some(Record::QuotesInPipeline),
        limit: PAGE_SIZE,
        ..QuoteQuery::default()
    });
    match view {
        View::List => html! {
            <QuoteListView query={(*query).clone()}
                on_query={Callback::from(move |q| query.set(q))}
                on_open={show.reform(View::Detail)}
                on_new={show.reform(|()| View::New(None, None))} />
        },
        View::Detail(id) => html! {
            <QuoteDetailView {id}
                on_back={show.reform(|()| View::List)}
                on_edit={show.reform(move |()| View::Edit(id))}
                on_deleted={show.reform(|()| View::List)}
                on_open={show.reform(View::Detail)}
                on_revised={show.reform(View::Edit)} />
        },
        View::Edit(id) => html! {
            <QuoteEditor id={Some(id)}
                on_saved={show.reform(View::Detail)}
                on_cancel={show.reform(move |()| View::Detail(id))} />
        },
        View::New(quote_for, deal) => {
            // Started from a deal or a prospect: Cancel goes back there.
            let on_cancel = match (deal, quote_for) {
                (Some(d), _) => portal.open.reform(move |()| Record::Deal(d)),
                (None, Some(QuoteFor::Prospect(p))) => {
                    portal.open.reform(move |()| Record::Prospect(p))
                }
                _ => show.reform(|()| View::List),
            };
            html! {
                <QuoteEditor id={None::<QuoteId>} {quote_for} {deal}
                    on_saved={show.reform(View::Detail)} {on_cancel} />
            }
        }
        View::Renewal(customer, product, seats) => {
            // Started from the Renewals page: Cancel goes back there.
            let navigate = portal.navigate.clone();
            let on_cancel = Callback::from(move |()| navigate.emit(Page::Renewals));
            html! {
                <QuoteEditor id={None::<QuoteId>} quote_for={Some(QuoteFor::Customer(customer))}
                    first_line={Some((product, seats))}
                    on_saved={show.reform(View::Detail)} {on_cancel} />
            }
        }
    }
}
