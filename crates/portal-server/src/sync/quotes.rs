//! What a mutation does to a quote: create a draft (numbered and priced by the server, perhaps a
//! revision that supersedes an earlier quote), merge an update into a draft and price it again,
//! delete a draft (restoring the quote it superseded), or take a step (send, accept, decline). Also
//! the vendor's side: the approval of discounts above a product's cap, and expiry.
//!
//! **Approval.** A quote whose every discount is within its product's cap needs none. One that
//! goes deeper is approved at once when no such discount is deeper than the configured automatic
//! limit (`quotes.auto_approve_up_to_bp`); otherwise it waits (`pending`) for a channel manager of
//! the vendor, and cannot be sent until approved. A decision stands while the discounts stay the
//! same; changing them asks again.

use super::rules::{joined, Referred};
use super::write::{self, Merge};
use super::writer::Writer;
use super::{expiry, numbers, rules};
use crate::error::{Error, Result};
use crate::storage::records::{self, Lapsing, Stored, StoredDeal, StoredProspect, StoredQuote};
use crate::storage::{customers, pricebook, Conn, Storage, Write};
use chrono::NaiveDate;
use portal_core::ids::{DealId, PartnerId, ProductId, QuoteId};
use portal_core::pricing::{PricedQuote, QuoteLine};
use portal_core::quote::{Approval, Quote, QuoteAction, QuoteFor, QuoteStatus, QUOTE_FIELDS};
use portal_core::sync::{Entity, Outcome};
use portal_core::{ApiError, ErrorKind, Percent};
use serde_json::{Map, Value};
use uuid::Uuid;

const E: Entity = Entity::Quote;

/// A quote is for one of the writer's prospects or customers (any of the firm's, for an
/// administrator), and prices a deal registration on that prospect, if any.
async fn ensure_for(
    db: &mut Conn,
    w: &Writer,
    quote_for: QuoteFor,
    deal: Option<DealId>,
) -> Result<()> {
    let refused =
        |field: &str, message: &str| -> Error { ApiError::invalid(field, message).into() };
    match quote_for {
        QuoteFor::Prospect(id) => {
            match rules::referred::<StoredProspect>(db, w, id.0).await? {
                Referred::Usable(_) => {}
                Referred::Others => return Err(refused(
                    "quote_for",
                    "The prospect belongs to another user of your firm; choose one of your own.",
                )),
                Referred::Deleted => {
                    return Err(refused(
                        "quote_for",
                        "The prospect of this quote was deleted.",
                    ))
                }
                Referred::Unknown => {
                    return Err(refused(
                        "quote_for",
                        "Choose the prospect or customer this quote is for.",
                    ))
                }
            }
        }
        QuoteFor::Customer(id) => {
            match customers::owner(db, w.partner, id).await? {
                None => {
                    return Err(refused(
                        "quote_for",
                        "Choose the prospect or customer this quote is for.",
                    ))
                }
                Some(owner) if w.role.sees_all_firm_records() || owner == Some(w.user) => {}
                Some(_) => {
                    return Err(refused(
                        "quote_for",
                        "The customer is looked after by another user of your firm; choose one of your own.",
                    ))
                }
            }
        }
    }
    let Some(deal) = deal else {
        return Ok(());
    };
    match rules::referred::<StoredDeal>(db, w, deal.0).await? {
        Referred::Others => Err(refused(
            "deal_id",
            "The deal registration belongs to another user of your firm.",
        )),
        Referred::Usable(d) if quote_for != QuoteFor::Prospect(d.deal.prospect_id) => Err(refused(
            "deal_id",
            "The deal registration is for another company than this quote.",
        )),
        Referred::Usable(_) => Ok(()),
        Referred::Deleted | Referred::Unknown => Err(refused(
            "deal_id",
            "The deal registration of this quote was deleted or does not exist.",
        )),
    }
}

/// Only drafts may be edited or deleted.
fn ensure_draft(q: &Quote, doing: &str) -> Result<()> {
    rules::ensure_status(
        E,
        q.status.is_editable(),
        q.status.label(),
        doing,
        Some("Make a new revision to change it."),
    )
}

/// What a channel manager's automatic rule says when it approves.
pub fn auto_approval_reason(limit: Percent) -> String {
    format!("Approved automatically: discounts up to {limit} are pre-approved.")
}

/// The discounts a quote gives, line by line: what an approval is about.
fn discounts(lines: &[QuoteLine]) -> Vec<(ProductId, Percent)> {
    lines.iter().map(|l| (l.product_id, l.discount)).collect()
}

/// The approval of a quote priced as `priced` (and its reason), given the approval it had. Returns
/// whether the earlier decision stands.
fn approval(
    priced: &PricedQuote,
    lines: &[QuoteLine],
    before: (Approval, Option<String>),
    discounts_changed: bool,
    limit: Percent,
) -> (Approval, Option<String>, bool) {
    let approval = Quote::approval_for(priced, before.0, discounts_changed);
    let within_rule = limit > Percent(0)
        && lines
            .iter()
            .zip(&priced.lines)
            .all(|(line, p)| !p.needs_approval || line.discount <= limit);
    match approval {
        Approval::Pending if within_rule => {
            (Approval::Approved, Some(auto_approval_reason(limit)), false)
        }
        Approval::NotNeeded => (Approval::NotNeeded, None, false),
        a if a == before.0 && !discounts_changed => (a, before.1, true),
        a => (a, None, false),
    }
}

/// Prices `q` with the firm's price book and sets its approval, given the approval it had (`before`)
/// and whether its discounts changed. Returns whether the earlier decision stands.
async fn price(
    db: &mut Conn,
    w: &Writer,
    q: &mut Quote,
    before: (Approval, Option<String>),
    discounts_changed: bool,
) -> Result<bool> {
    let book = pricebook::load(db, w.partner).await?;
    let priced = q.check(&book, w.today).map_err(joined)?;
    let (approval, reason, stands) = approval(
        &priced,
        &q.lines,
        before,
        discounts_changed,
        w.auto_approve_up_to,
    );
    q.approval = approval;
    q.approval_reason = reason;
    Ok(stands)
}

/// The quote a revision revises: the firm's, one the writer may see, and one that may be revised.
async fn revisable(db: &mut Conn, w: &Writer, id: QuoteId) -> Result<StoredQuote> {
    let refused = |message: String| -> Error { ApiError::invalid("supersedes", message).into() };
    let prev = match rules::referred::<StoredQuote>(db, w, id.0).await? {
        Referred::Usable(prev) => prev,
        Referred::Others => {
            return Err(refused(
                "The quote this revision revises belongs to another user of your firm.".into(),
            ))
        }
        Referred::Deleted | Referred::Unknown => {
            return Err(refused(
                "The quote this revision revises was deleted or does not exist.".into(),
            ))
        }
    };
    if !prev.quote.status.is_revisable() {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            match prev.quote.status {
                QuoteStatus::Superseded => format!(
                    "{} has already been revised; revise its latest revision instead.",
                    prev.quote.reference()
                ),
                status => format!(
                    "{} is {}, so it cannot be revised.",
                    prev.quote.reference(),
                    status.label().to_lowercase()
                ),
            },
        )
        .into());
    }
    Ok(prev)
}

pub async fn create(tx: &mut Write, w: &Writer, id: Uuid, body: &Value) -> Result<Outcome> {
    let mut q = rules::parse_new::<StoredQuote>(body, id)?;
    // The server's fields are the server's, whatever was sent: every quote starts a draft.
    q.status = QuoteStatus::Draft;
    q.superseded_by = None;
    q.approval_reason = None;
    q.status_reason = None;
    q.sent_on = None;
    q.decided_on = None;
    rules::ensure_creatable::<StoredQuote>(tx, w, &q).await?;
    ensure_for(tx, w, q.quote_for, q.deal_id).await?;
    let mut previous = match q.supersedes {
        Some(prev) => Some(revisable(tx, w, prev).await?),
        None => None,
    };
    price(tx, w, &mut q, (Approval::NotNeeded, None), true).await?;
    match &mut previous {
        Some(prev) => {
            if prev.quote.number.is_none() {
                prev.quote.number = Some(numbers::next_quote_number(tx).await?);
            }
            q.number = prev.quote.number.clone();
            q.revision = prev.quote.revision + 1;
        }
        None => {
            q.number = Some(numbers::next_quote_number(tx).await?);
            q.revision = 1;
        }
    }
    let quote_id = q.id;
    let outcome = write::save_new::<StoredQuote>(tx, w, q).await?;
    if let Some(mut prev) = previous {
        prev.restore_status = Some(prev.quote.status);
        prev.quote.status = QuoteStatus::Superseded;
        prev.quote.superseded_by = Some(quote_id);
        write::save_step(tx, w.partner, &mut prev).await?;
    }
    Ok(outcome)
}

pub async fn update(
    tx: &mut Write,
    w: &Writer,
    id: Uuid,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Outcome> {
    // The partner's fields, and the owner.
    let allowed: Vec<&str> = QUOTE_FIELDS.into_iter().chain(["owner_id"]).collect();
    rules::known_fields(E, fields, &allowed)?;
    let mut stored: StoredQuote = rules::load(tx, w, id).await?;
    ensure_draft(&stored.quote, "edited")?;
    let (mut next, changes) = match write::merge_update(w, &stored, base_version, fields)? {
        Merge::Unchanged(outcome) => return Ok(outcome),
        Merge::Changed(next, changes) => (next, changes),
    };
    if next.owner_id != stored.quote.owner_id {
        rules::check_owner(tx, w, E, next.owner_id, false).await?;
    }
    if next.quote_for != stored.quote.quote_for || next.deal_id != stored.quote.deal_id {
        ensure_for(tx, w, next.quote_for, next.deal_id).await?;
    }
    let before = (stored.quote.approval, stored.quote.approval_reason.clone());
    let discounts_changed = discounts(&stored.quote.lines) != discounts(&next.lines);
    if !price(tx, w, &mut next, before, discounts_changed).await? {
        stored.approval_decided_by = None;
    }
    write::save_update(tx, w, &mut stored, next, changes).await
}

/// Deletes a draft. A draft revision's deletion gives the quote it superseded back its status.
/// Deleting a deleted quote is already done.
pub async fn delete(tx: &mut Write, w: &Writer, id: Uuid) -> Result<Outcome> {
    let deletable = |q: &StoredQuote| ensure_draft(&q.quote, "deleted");
    let (outcome, deleted) = write::delete(tx, w, id, deletable).await?;
    let Some(q) = deleted.map(|d| d.quote) else {
        return Ok(outcome);
    };
    if let Some(prev) = q.supersedes {
        if let Some(mut prev) = StoredQuote::find(tx, w.partner, prev.0).await? {
            if prev.quote.superseded_by == Some(q.id) {
                restore(&mut prev, w.today);
                write::save_step(tx, w.partner, &mut prev).await?;
            }
        }
    }
    Ok(outcome)
}

/// A superseded quote back as it was before the revision that superseded it (expired now if its
/// validity passed meanwhile).
fn restore(prev: &mut StoredQuote, today: NaiveDate) {
    let q = &mut prev.quote;
    q.status = prev.restore_status.take().unwrap_or(QuoteStatus::Sent);
    q.superseded_by = None;
    if q.status.can_expire() && q.valid_until < today {
        q.status = QuoteStatus::Expired;
        q.status_reason = Some(expiry_reason(q.valid_until));
    }
}

/// A step in the life cycle, judged against the quote's current status, approval and validity
/// (not the ones the client saw).
pub async fn act(tx: &mut Write, w: &Writer, id: Uuid, action: QuoteAction) -> Result<Outcome> {
    let mut stored: StoredQuote = rules::load(tx, w, id).await?;
    let q = &mut stored.quote;
    q.status = q
        .status
        .apply(action, q.approval, q.valid_until, w.today)
        .map_err(|e| ApiError::new(ErrorKind::Conflict, e.to_string()))?;
    q.status_reason = None;
    match action {
        QuoteAction::Send => q.sent_on = Some(w.today),
        QuoteAction::Accept | QuoteAction::Decline => q.decided_on = Some(w.today),
    }
    write::save_step(tx, w.partner, &mut stored).await?;
    Ok(Outcome::Applied {
        version: stored.version,
    })
}

/// Why an expired quote expired: "Its validity ended on 25 November 2026."
pub fn expiry_reason(valid_until: NaiveDate) -> String {
    format!("Its validity ended on {}.", valid_until.format("%-d %B %Y"))
}

/// Expires draft and sent quotes whose validity ended before `today` — every firm's, or one
/// firm's — each a versioned change. Cheap when there is nothing to expire: one indexed read, no
/// write lock. Returns how many expired.
pub async fn expire_quotes(
    storage: &Storage,
    partner: Option<PartnerId>,
    today: NaiveDate,
) -> Result<u64> {
    let expiring: Vec<QuoteStatus> = QuoteStatus::ALL
        .into_iter()
        .filter(|s| s.can_expire())
        .collect();
    expiry::expire(
        storage,
        partner,
        today,
        Lapsing::Quotes(&expiring),
        "quotes",
        |stored: &mut StoredQuote| {
            let q = &mut stored.quote;
            q.status = QuoteStatus::Expired;
            q.status_reason = Some(expiry_reason(q.valid_until));
            Ok(())
        },
    )
    .await
}

/// A channel manager's decision on a quote's discount: approved or rejected with the reason,
/// written as a change of the partner firm's quote so its app pulls it. Returns the quote.
pub async fn decide_approval(
    storage: &Storage,
    staff_id: &str,
    id: QuoteId,
    approve: bool,
    reason: String,
) -> Result<Quote> {
    let mut tx = storage.write().await?;
    let (partner, mut stored) = records::quote_of_any_firm(&mut tx, id)
        .await?
        .ok_or_else(|| ApiError::not_found("The quote"))?;
    let q = &mut stored.quote;
    if q.status != QuoteStatus::Draft || q.approval != Approval::Pending {
        let now = if q.status == QuoteStatus::Draft {
            format!("it is {}", q.approval.label().to_lowercase())
        } else {
            format!("the quote is {}", q.status.label().to_lowercase())
        };
        return Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "{}'s discount is no longer waiting for approval: {now}.",
                q.reference()
            ),
        )
        .into());
    }
    q.approval = if approve {
        Approval::Approved
    } else {
        Approval::Rejected
    };
    q.approval_reason = Some(reason);
    stored.approval_decided_by = Some(staff_id.to_owned());
    write::save_step(&mut tx, partner, &mut stored).await?;
    tx.commit().await?;
    tracing::info!(quote = %id, approve, "discount approval decided");
    Ok(stored.quote)
}
