//! The numbers shown to people — deal registrations `DR-000042`, quotes `Q-000042`, orders
//! `SO-000042` — each from its own counter, taken inside the write transaction; a number is never
//! reused, even a deleted draft's.

use crate::error::Result;
use crate::storage::records::{self, Counter};
use crate::storage::Write;

/// The deal number shown to people: `DR-000042`.
pub fn deal_number(seq: i64) -> String {
    format!("DR-{seq:06}")
}

/// The quote number shown to people: `Q-000042`.
pub fn quote_number(seq: i64) -> String {
    format!("Q-{seq:06}")
}

/// The order number shown to people: `SO-000042`.
pub fn order_number(seq: i64) -> String {
    format!("SO-{seq:06}")
}

pub async fn next_deal_number(tx: &mut Write) -> Result<String> {
    Ok(deal_number(
        records::next_in(tx, Counter::DealNumber).await?,
    ))
}

pub async fn next_quote_number(tx: &mut Write) -> Result<String> {
    Ok(quote_number(
        records::next_in(tx, Counter::QuoteNumber).await?,
    ))
}

pub async fn next_order_number(tx: &mut Write) -> Result<String> {
    Ok(order_number(
        records::next_in(tx, Counter::OrderNumber).await?,
    ))
}
