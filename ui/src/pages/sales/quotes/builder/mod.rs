//! The quote builder, for a new quote or a draft: who it is for (new business with a prospect, or
//! an upsell or renewal for an existing customer, each searched as you type), the deal registration
//! it prices, its lines, validity and notes. Every figure is priced in wasm by portal-core as the
//! user types; a refused save keeps everything typed and shows each message beside its field.

mod figures;
mod form;
mod lines;
mod pricing;
mod start;
mod who;

use crate::{
    components::{ready, PageHeader},
    hooks::use_fetch,
};
use form::QuoteFormView;
use portal_core::{
    ids::{DealId, ProductId, QuoteId},
    menu::Page,
    quote::QuoteFor,
};
use start::start;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuoteEditorProps {
    /// `None` for a new quote.
    pub id: Option<QuoteId>,
    /// For a new quote: who it is for and the deal it prices, when chosen already.
    #[prop_or_default]
    pub quote_for: Option<QuoteFor>,
    #[prop_or_default]
    pub deal: Option<DealId>,
    /// For a new quote: the first line's product and mailboxes (a renewal's).
    #[prop_or_default]
    pub first_line: Option<(ProductId, u32)>,
    pub on_saved: Callback<QuoteId>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn QuoteEditor(props: &QuoteEditorProps) -> Html {
    let (loaded, retry) = use_fetch(
        (props.id, props.quote_for, props.deal, props.first_line),
        |(id, quote_for, deal, first_line)| start(id, quote_for, deal, first_line),
    );
    let title = if props.id.is_some() {
        "Edit quote"
    } else {
        "New quote"
    };
    let header =
        html! { <PageHeader page={Page::Quotes} {title} back={props.on_cancel.clone()} /> };
    match ready(loaded, header, retry) {
        Err(page) => page,
        Ok(start) => html! {
            <QuoteFormView id={props.id} {start} on_saved={props.on_saved.clone()}
                on_cancel={props.on_cancel.clone()} />
        },
    }
}
