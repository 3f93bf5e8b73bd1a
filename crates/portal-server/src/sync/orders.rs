//! What a mutation does to an order: create it on an accepted quote (numbered by the server, with
//! the quote's figures), merge an update into it while it is with the partner, delete it before it
//! is submitted, or submit it to the vendor. Provisioning is the vendor's ([`super::provision`]).

use super::rules::{joined, Referred};
use super::write::{self, Merge};
use super::writer::Writer;
use super::{numbers, rules};
use crate::error::{Error, Result};
use crate::storage::records::{self, Stored, StoredOrder, StoredQuote};
use crate::storage::{attachments, pricebook, Conn, Storage, Write};
use portal_core::actor::Actor;
use portal_core::ids::{OrderId, PartnerId, QuoteId};
use portal_core::order::{Order, OrderAction, OrderStatus, ORDER_FIELDS};
use portal_core::pricing;
use portal_core::quote::QuoteStatus;
use portal_core::sync::{Entity, Outcome};
use portal_core::{ApiError, ErrorKind};
use serde_json::{Map, Value};
use uuid::Uuid;

const E: Entity = Entity::Order;

/// Why a submitted order is refused when its quote no longer prices the same.
pub const PRICE_BOOK_CHANGED: &str =
    "The price book changed since this quote was accepted; revise the quote.";

/// Orders are changed only while they are with the partner: before submission, or once refused.
fn ensure_with_partner(o: &Order, doing: &str) -> Result<()> {
    rules::ensure_status(E, o.status.is_with_partner(), o.status.label(), doing, None)
}

/// The quote an order is placed from: the firm's, one the writer may see, accepted (so not
/// superseded), and without another order that is not refused.
async fn orderable_quote(
    db: &mut Conn,
    w: &Writer,
    quote_id: QuoteId,
    order_id: Uuid,
) -> Result<StoredQuote> {
    let refused = |message: &str| -> Error { ApiError::invalid("quote_id", message).into() };
    let q = match rules::referred::<StoredQuote>(db, w, quote_id.0).await? {
        Referred::Usable(q) => q,
        Referred::Others => return Err(refused(
            "The quote belongs to another user of your firm; only an administrator can order it.",
        )),
        Referred::Deleted => return Err(refused("The quote of this order was deleted.")),
        Referred::Unknown => return Err(refused("Choose the accepted quote this order is for.")),
    };
    if q.quote.status != QuoteStatus::Accepted || q.quote.superseded_by.is_some() {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "{} is {}, so it cannot be ordered: only a quote the customer accepted can be.",
                q.quote.reference(),
                q.quote.status.label().to_lowercase()
            ),
        )
        .into());
    }
    if let Some(number) = records::live_order_on(db, w.partner, quote_id, order_id).await? {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "Order {number} was already placed from {}.",
                q.quote.reference()
            ),
        )
        .into());
    }
    Ok(q)
}

/// An order carries its quote's figures, exactly.
fn ensure_figures(o: &Order, q: &StoredQuote) -> Result<()> {
    let quote = &q.quote;
    if o.currency != quote.currency {
        return Err(ApiError::invalid(
            "currency",
            format!(
                "The order is in {}, but {} is in {}; an order carries its quote's figures.",
                o.currency.code(),
                quote.reference(),
                quote.currency.code()
            ),
        )
        .into());
    }
    let t = &quote.totals;
    for (field, what, sent, quoted) in [
        ("total", "total", o.total, t.total),
        ("rrp_total", "value at RRP", o.rrp_total, t.rrp_total),
        ("cost_total", "cost", o.cost_total, t.cost_total),
    ] {
        if sent != quoted {
            return Err(ApiError::invalid(
                field,
                format!(
                    "The order's {what} is {sent}, but {} makes it {quoted}; an order carries its \
                     quote's figures.",
                    quote.reference()
                ),
            )
            .into());
        }
    }
    Ok(())
}

pub async fn create(tx: &mut Write, w: &Writer, id: Uuid, body: &Value) -> Result<Outcome> {
    let mut o = rules::parse_new::<StoredOrder>(body, id)?;
    // The server's fields are the server's: every order starts waiting for the customer.
    o.status = OrderStatus::PendingCustomerApproval;
    o.status_reason = None;
    o.submitted_on = None;
    o.provisioned_on = None;
    o.customer_id = None;
    o.check_draft().map_err(joined)?;
    rules::ensure_creatable::<StoredOrder>(tx, w, &o).await?;
    let quote = orderable_quote(tx, w, o.quote_id, id).await?;
    ensure_figures(&o, &quote)?;
    o.number = Some(numbers::next_order_number(tx).await?);
    write::save_new::<StoredOrder>(tx, w, o).await
}

pub async fn update(
    tx: &mut Write,
    w: &Writer,
    id: Uuid,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Outcome> {
    rules::known_fields(E, fields, &ORDER_FIELDS)?;
    let mut stored: StoredOrder = rules::load(tx, w, id).await?;
    ensure_with_partner(&stored.order, "changed")?;
    let (next, changes) = match write::merge_update(w, &stored, base_version, fields)? {
        Merge::Unchanged(outcome) => return Ok(outcome),
        Merge::Changed(next, changes) => (next, changes),
    };
    next.check_draft().map_err(joined)?;
    if next.owner_id != stored.order.owner_id {
        rules::check_owner(tx, w, E, next.owner_id, false).await?;
    }
    write::save_update(tx, w, &mut stored, next, changes).await
}

/// Deletes an order that was not submitted yet. Deleting a deleted order is already done.
pub async fn delete(tx: &mut Write, w: &Writer, id: Uuid) -> Result<Outcome> {
    let deletable = |stored: &StoredOrder| {
        let o = &stored.order;
        rules::ensure_status(
            E,
            o.status.is_deletable(),
            o.status.label(),
            "deleted",
            None,
        )
    };
    Ok(write::delete(tx, w, id, deletable).await?.0)
}

/// Sends the order to the vendor: it must hold everything provisioning needs, its purchase-order
/// file must have been uploaded, and its quote must still be accepted and price the same with
/// today's price book. The quote becomes Ordered.
pub async fn submit(tx: &mut Write, w: &Writer, id: Uuid) -> Result<Outcome> {
    let mut stored: StoredOrder = rules::load(tx, w, id).await?;
    let submitted = stored
        .order
        .status
        .apply(OrderAction::Submit, Actor::Partner)
        .map_err(|e| ApiError::new(ErrorKind::Conflict, e.to_string()))?;
    stored.order.check_submit().map_err(joined)?;
    if let Some(file) = &stored.order.po_attachment {
        match attachments::stored(tx, w.partner, &file.sha256).await? {
            Some((size, _)) if size == file.size => {}
            Some(_) => {
                return Err(ApiError::invalid(
                    "po_attachment",
                    "The purchase-order file uploaded is not the one attached; attach it again.",
                )
                .into())
            }
            None => {
                return Err(ApiError::invalid(
                    "po_attachment",
                    "The purchase-order file has not reached the server yet; let the app upload \
                     it, then submit again.",
                )
                .into())
            }
        }
    }
    let mut quote = orderable_quote(tx, w, stored.order.quote_id, id).await?;
    ensure_figures(&stored.order, &quote)?;
    let book = pricebook::load(tx, w.partner).await?;
    let q = &quote.quote;
    match pricing::price_quote(&book, &q.lines, q.currency) {
        Ok(priced) if priced.totals == q.totals => {}
        _ => return Err(ApiError::new(ErrorKind::Conflict, PRICE_BOOK_CHANGED).into()),
    }
    let o = &mut stored.order;
    o.status = submitted;
    o.status_reason = None;
    o.submitted_on = Some(w.today);
    write::save_step(tx, w.partner, &mut stored).await?;
    quote.quote.status = QuoteStatus::Ordered;
    quote.quote.status_reason = None;
    write::save_step(tx, w.partner, &mut quote).await?;
    Ok(Outcome::Applied {
        version: stored.version,
    })
}

/// A channel manager refuses a submitted or processing order, with the reason the partner reads
/// (for example a purchase order that does not match): the order becomes Refused, its quote is
/// accepted again, and the partner may correct the order and submit it again. Returns the order.
pub async fn refuse_by_vendor(
    storage: &Storage,
    staff_id: &str,
    id: OrderId,
    reason: String,
) -> Result<Order> {
    let mut tx = storage.write().await?;
    let (partner, mut stored) = records::order_of_any_firm(&mut tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found("The order"))?;
    let refused = stored
        .order
        .status
        .apply(OrderAction::Refuse, Actor::Vendor)
        .map_err(|e| ApiError::new(ErrorKind::Conflict, e.to_string()))?;
    refuse(&mut tx, partner, &mut stored, refused, reason).await?;
    tx.commit().await?;
    tracing::info!(order = %id, staff = staff_id, "order refused by the vendor");
    Ok(stored.order)
}

/// Writes the vendor's refusal of an order: the order takes `refused` (the status the vendor's
/// Refuse step gave it) with the reason, and its quote, if it was ordered, is accepted again so
/// that the order can be corrected and submitted again.
pub async fn refuse(
    tx: &mut Write,
    partner: PartnerId,
    stored: &mut StoredOrder,
    refused: OrderStatus,
    reason: String,
) -> Result<()> {
    stored.order.status = refused;
    stored.order.status_reason = Some(reason);
    write::save_step(tx, partner, stored).await?;
    if let Some(mut quote) = StoredQuote::find(tx, partner, stored.order.quote_id.0).await? {
        if quote.quote.status == QuoteStatus::Ordered {
            quote.quote.status = QuoteStatus::Accepted;
            write::save_step(tx, partner, &mut quote).await?;
        }
    }
    Ok(())
}
