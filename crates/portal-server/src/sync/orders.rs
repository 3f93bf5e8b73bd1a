//! What a mutation does to an order: create it on an accepted quote (numbered by the server, with
//! the quote's figures), merge an update into it while it is with the partner, delete it before it
//! is submitted, or submit it to the vendor. Provisioning is the vendor's ([`super::provision`]).

use super::merge::FieldStamps;
use super::push::Writer;
use super::quote_records::{self, StoredOrder, StoredQuote};
use super::quotes::{self, joined};
use super::write::{self, Merge};
use super::{changelog, pricebook, rules};
use crate::attachments;
use crate::error::Result;
use portal_core::ids::QuoteId;
use portal_core::order::{Order, OrderAction, OrderStatus, ORDER_FIELDS};
use portal_core::pricing;
use portal_core::quote::QuoteStatus;
use portal_core::sync::{Entity, MutationOp, Outcome};
use portal_core::{ApiError, ErrorKind};
use serde_json::{Map, Value};
use sqlx::SqliteConnection;
use uuid::Uuid;

const E: Entity = Entity::Order;

/// Why a submitted order is refused when its quote no longer prices the same.
pub const PRICE_BOOK_CHANGED: &str =
    "The price book changed since this quote was accepted; revise the quote.";

/// One order mutation.
pub async fn apply(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    op: &MutationOp,
) -> Result<Outcome> {
    match op {
        MutationOp::Create { body } => create(conn, w, id, body).await,
        MutationOp::Update {
            base_version,
            fields,
        } => update(conn, w, id, *base_version, fields).await,
        MutationOp::Delete { .. } => delete(conn, w, id).await,
        MutationOp::Act { action, .. } => match action.order() {
            Some(OrderAction::Submit) => submit(conn, w, id).await,
            None => Err(ApiError::invalid(
                "action",
                "That is not a step an order takes: an order is submitted.",
            )
            .into()),
        },
    }
}

/// The firm's order, if the writer may change it.
pub async fn load(conn: &mut SqliteConnection, w: &Writer, id: &str) -> Result<StoredOrder> {
    match quote_records::order(conn, &w.partner_text(), id).await? {
        Some(o) => {
            rules::ensure_visible(w, E, o.order.owner_id)?;
            Ok(o)
        }
        None => Err(rules::missing(conn, w, E, id).await),
    }
}

/// Saves an order whose status moved on, under a new version.
pub async fn save_step(
    conn: &mut SqliteConnection,
    partner: &str,
    stored: &mut StoredOrder,
) -> Result<()> {
    let id = stored.order.id.to_string();
    stored.version = write::log(conn, partner, E, &id, stored.order.owner_id, false).await?;
    quote_records::save_order(conn, partner, stored).await
}

/// Orders are changed only while they are with the partner: before submission, or once refused.
fn ensure_with_partner(o: &Order, doing: &str) -> Result<()> {
    if matches!(
        o.status,
        OrderStatus::PendingCustomerApproval | OrderStatus::Refused
    ) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "This order is {}, so it can no longer be {doing}.",
                o.status.label().to_lowercase()
            ),
        )
        .into())
    }
}

/// The quote an order is placed from: the firm's, one the writer may see, accepted (so not
/// superseded), and without another order that is not refused.
async fn orderable_quote(
    conn: &mut SqliteConnection,
    w: &Writer,
    quote_id: QuoteId,
    order_id: &str,
) -> Result<StoredQuote> {
    let partner = w.partner_text();
    let id = quote_id.to_string();
    let Some(q) = quote_records::quote(conn, &partner, &id).await? else {
        let deleted = changelog::is_deleted(conn, &partner, Entity::Quote, &id)
            .await?
            .is_some();
        return Err(ApiError::invalid(
            "quote_id",
            if deleted {
                "The quote of this order was deleted."
            } else {
                "Choose the accepted quote this order is for."
            },
        )
        .into());
    };
    if !w.sees(q.quote.owner_id) {
        return Err(ApiError::invalid(
            "quote_id",
            "The quote belongs to another user of your firm; only an administrator can order it.",
        )
        .into());
    }
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
    if let Some(number) = quote_records::live_order_on(conn, &partner, &id, order_id).await? {
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

pub async fn create(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    body: &Value,
) -> Result<Outcome> {
    let mut o: Order = rules::parse_record(E, body)?;
    if *o.id.as_uuid() != id {
        return Err(ApiError::invalid("id", "The order's id is not the change's id.").into());
    }
    // The server's fields are the server's: every order starts waiting for the customer.
    o.status = OrderStatus::PendingCustomerApproval;
    o.status_reason = None;
    o.submitted_on = None;
    o.provisioned_on = None;
    o.customer_id = None;
    o.check_draft().map_err(joined)?;
    rules::check_owner(conn, w, E, o.owner_id, true).await?;
    rules::ensure_new_id(conn, w, E, id).await?;
    let id_text = id.to_string();
    let quote = orderable_quote(conn, w, o.quote_id, &id_text).await?;
    ensure_figures(&o, &quote)?;
    o.number = Some(quote_records::next_order_number(conn).await?);
    let partner = w.partner_text();
    let version = write::log(conn, &partner, E, &id_text, o.owner_id, false).await?;
    let stored = StoredOrder {
        order: o,
        version,
        stamps: FieldStamps::new(w.stamp(version)),
    };
    quote_records::save_order(conn, &partner, &stored).await?;
    Ok(Outcome::Applied { version })
}

pub async fn update(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Outcome> {
    rules::known_fields(E, fields, &ORDER_FIELDS)?;
    let id_text = id.to_string();
    let mut stored = load(conn, w, &id_text).await?;
    ensure_with_partner(&stored.order, "changed")?;
    let merged = write::merge_update(E, w, &stored.order, &stored.stamps, base_version, fields)?;
    let (next, changes) = match merged {
        Merge::Unchanged(conflicts) => return Ok(rules::outcome(stored.version, conflicts)),
        Merge::Changed(next, changes) => (next, changes),
    };
    next.check_draft().map_err(joined)?;
    if next.owner_id != stored.order.owner_id {
        rules::check_owner(conn, w, E, next.owner_id, false).await?;
    }
    let version = write::log_update(
        conn,
        w,
        E,
        &id_text,
        next.owner_id,
        &mut stored.stamps,
        &changes,
    )
    .await?;
    stored.order = next;
    stored.version = version;
    quote_records::save_order(conn, &w.partner_text(), &stored).await?;
    Ok(changes.outcome(version))
}

/// Deletes an order that was not submitted yet. Deleting a deleted order is already done.
pub async fn delete(conn: &mut SqliteConnection, w: &Writer, id: Uuid) -> Result<Outcome> {
    let partner = w.partner_text();
    let id_text = id.to_string();
    if quote_records::order(conn, &partner, &id_text)
        .await?
        .is_none()
    {
        if let Some(version) = changelog::is_deleted(conn, &partner, E, &id_text).await? {
            return Ok(Outcome::Applied { version });
        }
    }
    let stored = load(conn, w, &id_text).await?;
    if stored.order.status != OrderStatus::PendingCustomerApproval {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "This order is {}, so it can no longer be deleted.",
                stored.order.status.label().to_lowercase()
            ),
        )
        .into());
    }
    let version = write::log(conn, &partner, E, &id_text, stored.order.owner_id, true).await?;
    quote_records::delete_order(conn, &partner, &id_text).await?;
    Ok(Outcome::Applied { version })
}

/// Sends the order to the vendor: it must hold everything provisioning needs, its purchase-order
/// file must have been uploaded, and its quote must still be accepted and price the same with
/// today's price book. The quote becomes Ordered.
pub async fn submit(conn: &mut SqliteConnection, w: &Writer, id: Uuid) -> Result<Outcome> {
    let partner = w.partner_text();
    let id_text = id.to_string();
    let mut stored = load(conn, w, &id_text).await?;
    if !matches!(
        stored.order.status,
        OrderStatus::PendingCustomerApproval | OrderStatus::Refused
    ) {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "This order is {}, so it cannot be submitted again.",
                stored.order.status.label().to_lowercase()
            ),
        )
        .into());
    }
    stored.order.check_submit().map_err(joined)?;
    if let Some(file) = &stored.order.po_attachment {
        match attachments::stored(conn, &partner, &file.sha256).await? {
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
    let mut quote = orderable_quote(conn, w, stored.order.quote_id, &id_text).await?;
    ensure_figures(&stored.order, &quote)?;
    let book = pricebook::load(conn, &partner).await?;
    let q = &quote.quote;
    match pricing::price_quote(&book, &q.lines, q.currency) {
        Ok(priced) if priced.totals == q.totals => {}
        _ => return Err(ApiError::new(ErrorKind::Conflict, PRICE_BOOK_CHANGED).into()),
    }
    let o = &mut stored.order;
    o.status = OrderStatus::Submitted;
    o.status_reason = None;
    o.submitted_on = Some(w.today);
    save_step(conn, &partner, &mut stored).await?;
    quote.quote.status = QuoteStatus::Ordered;
    quote.quote.status_reason = None;
    quotes::save_step(conn, &partner, &mut quote).await?;
    Ok(Outcome::Applied {
        version: stored.version,
    })
}

/// Refuses an order that was not refused already (for the vendor's provisioning): the order
/// becomes Refused with the reason, and its quote, if it was ordered, is accepted again so that
/// the order can be corrected and submitted again.
pub async fn refuse(
    conn: &mut SqliteConnection,
    partner: &str,
    stored: &mut StoredOrder,
    reason: String,
) -> Result<()> {
    stored.order.status = OrderStatus::Refused;
    stored.order.status_reason = Some(reason);
    save_step(conn, partner, stored).await?;
    let quote_id = stored.order.quote_id.to_string();
    if let Some(mut quote) = quote_records::quote(conn, partner, &quote_id).await? {
        if quote.quote.status == QuoteStatus::Ordered {
            quote.quote.status = QuoteStatus::Accepted;
            quotes::save_step(conn, partner, &mut quote).await?;
        }
    }
    Ok(())
}
