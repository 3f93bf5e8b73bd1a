//! What the quote builder starts from: the cached price book, the draft being edited or a new
//! quote (for a prospect with its deal registrations, or a customer, perhaps with a renewal's first
//! line), and whether there are customers to quote.

use super::lines::new_line;
use crate::{
    api,
    components::{Picked, PickedCustomer},
    format,
};
use portal_core::{
    ids::{DealId, ProductId, QuoteId},
    pricebook::PriceBook,
    quote::{default_validity, Quote, QuoteFor, QuoteForm},
    sales::DealRow,
    shell::commands as cmd,
    ApiError,
};
use std::rc::Rc;

/// Who the quote is for, as the form shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Who {
    Prospect(Picked),
    Customer(PickedCustomer),
}

/// What the form starts from.
pub struct Start {
    pub book: Rc<PriceBook>,
    /// The draft being edited.
    pub existing: Option<Quote>,
    pub form: QuoteForm,
    pub who: Option<Who>,
    /// The prospect's deal registrations.
    pub deals: Rc<Vec<DealRow>>,
    /// Whether the cache holds any customer to quote (only administrators receive customers).
    pub has_customers: bool,
    pub title: String,
}

pub async fn start(
    id: Option<QuoteId>,
    quote_for: Option<QuoteFor>,
    deal: Option<DealId>,
    first_line: Option<(ProductId, u32)>,
) -> Result<Start, ApiError> {
    let book = Rc::new(api::invoke(cmd::GetPriceBook {}).await?);
    // Without the answer the customer side stays closed; a prospect's quote still works.
    let has_customers = api::invoke(cmd::CustomerOptions {
        search: String::new(),
    })
    .await
    .is_ok_and(|c| !c.is_empty());
    if let Some(id) = id {
        let d = api::invoke(cmd::GetQuote { id }).await?;
        let (who, deals) = match d.quote.quote_for {
            QuoteFor::Prospect(p) => {
                // Without its deals the draft still edits; the picker offers none.
                let deals = api::invoke(cmd::GetProspect { id: p })
                    .await
                    .map(|pd| pd.deals)
                    .unwrap_or_default();
                let picked = Picked {
                    id: p,
                    name: d.for_name.clone(),
                    domain: d.for_domain.clone(),
                    mailboxes: None,
                };
                (Some(Who::Prospect(picked)), deals)
            }
            QuoteFor::Customer(c) => (
                Some(Who::Customer(PickedCustomer {
                    id: c,
                    name: d.for_name.clone(),
                    domain: d.for_domain.clone(),
                    mailboxes: None,
                })),
                Vec::new(),
            ),
        };
        return Ok(Start {
            book,
            form: QuoteForm::from_quote(&d.quote),
            existing: Some(d.quote),
            who,
            deals: Rc::new(deals),
            has_customers,
            title: format!("Edit {}", d.reference),
        });
    }
    let mut first = new_line(String::new());
    let (who, deals) = match quote_for {
        Some(QuoteFor::Prospect(p)) => {
            let pd = api::invoke(cmd::GetProspect { id: p }).await?;
            let prospect = &pd.prospect;
            if prospect.mailboxes > 0 {
                first.quantity = prospect.mailboxes.to_string();
            }
            let picked = Picked {
                id: p,
                name: prospect.company_name.clone(),
                domain: prospect.domain.to_string(),
                mailboxes: (prospect.mailboxes > 0).then_some(prospect.mailboxes),
            };
            (Some(Who::Prospect(picked)), pd.deals)
        }
        Some(QuoteFor::Customer(c)) => {
            // Named as the cache knows it; without the answer the quote still starts.
            let known = api::invoke(cmd::GetCustomer { id: c }).await.ok();
            let picked = match known {
                Some(d) => PickedCustomer {
                    id: c,
                    name: d.customer.company_name.clone(),
                    domain: d.customer.domain.clone(),
                    mailboxes: d.users,
                },
                None => PickedCustomer {
                    id: c,
                    name: "This customer".to_owned(),
                    domain: String::new(),
                    mailboxes: None,
                },
            };
            (Some(Who::Customer(picked)), Vec::new())
        }
        None => (None, Vec::new()),
    };
    if let Some((product, seats)) = first_line {
        first.product_id = Some(product);
        first.quantity = seats.to_string();
    }
    Ok(Start {
        book,
        existing: None,
        form: QuoteForm {
            quote_for,
            deal_id: deal,
            lines: vec![first],
            valid_until: default_validity(format::today()).to_string(),
            notes: String::new(),
        },
        who,
        deals: Rc::new(deals),
        has_customers,
        title: "New quote".to_owned(),
    })
}
