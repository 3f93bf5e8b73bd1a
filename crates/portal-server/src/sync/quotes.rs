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

use super::merge::FieldStamps;
use super::pricebook;
use super::push::Writer;
use super::quote_records::{self, quote_status_text, StoredQuote};
use super::records;
use super::write::{self, Merge};
use super::{changelog, rules};
use crate::db::date_text;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use portal_core::ids::{DealId, ProductId, QuoteId};
use portal_core::pricing::{PricedQuote, QuoteLine};
use portal_core::quote::{Approval, Quote, QuoteAction, QuoteFor, QuoteStatus, QUOTE_FIELDS};
use portal_core::sync::{Entity, MutationOp, Outcome};
use portal_core::{ApiError, ErrorKind, Percent};
use serde_json::{Map, Value};
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

const E: Entity = Entity::Quote;

/// One quote mutation.
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
        MutationOp::Act { action, .. } => match action.quote() {
            Some(action) => act(conn, w, id, action).await,
            None => Err(ApiError::invalid(
                "action",
                "That is not a step a quote takes: a quote is sent, accepted or declined.",
            )
            .into()),
        },
    }
}

/// Several problems as one refusal: every message in one, with the first one's kind and field.
pub fn joined(errors: Vec<ApiError>) -> Error {
    let mut iter = errors.into_iter();
    let Some(mut first) = iter.next() else {
        return Error::corrupt("a refusal without a reason");
    };
    for e in iter {
        first.message.push(' ');
        first.message.push_str(&e.message);
    }
    first.into()
}

/// The firm's quote, if the writer may change it.
pub async fn load(conn: &mut SqliteConnection, w: &Writer, id: &str) -> Result<StoredQuote> {
    match quote_records::quote(conn, &w.partner_text(), id).await? {
        Some(q) => {
            rules::ensure_visible(w, E, q.quote.owner_id)?;
            Ok(q)
        }
        None => Err(rules::missing(conn, w, E, id).await),
    }
}

/// Saves a quote whose status or approval moved on, under a new version (its fields keep their
/// stamps: the step is the server's, not an edit).
pub async fn save_step(
    conn: &mut SqliteConnection,
    partner: &str,
    stored: &mut StoredQuote,
) -> Result<()> {
    let id = stored.quote.id.to_string();
    stored.version = write::log(conn, partner, E, &id, stored.quote.owner_id, false).await?;
    quote_records::save_quote(conn, partner, stored).await
}

/// A quote is for one of the writer's prospects or customers (any of the firm's, for an
/// administrator), and prices a deal registration on that prospect, if any.
async fn ensure_for(
    conn: &mut SqliteConnection,
    w: &Writer,
    quote_for: QuoteFor,
    deal: Option<DealId>,
) -> Result<()> {
    let partner = w.partner_text();
    let refused =
        |field: &str, message: &str| -> Error { ApiError::invalid(field, message).into() };
    match quote_for {
        QuoteFor::Prospect(id) => {
            match records::prospect(conn, &partner, &id.to_string()).await? {
                Some(p) if w.sees(p.prospect.owner_id) => {}
                Some(_) => return Err(refused(
                    "quote_for",
                    "The prospect belongs to another user of your firm; choose one of your own.",
                )),
                None => {
                    let deleted =
                        changelog::is_deleted(conn, &partner, Entity::Prospect, &id.to_string())
                            .await?
                            .is_some();
                    return Err(refused(
                        "quote_for",
                        if deleted {
                            "The prospect of this quote was deleted."
                        } else {
                            "Choose the prospect or customer this quote is for."
                        },
                    ));
                }
            }
        }
        QuoteFor::Customer(id) => {
            let owner: Option<Option<String>> = sqlx::query_scalar(
                "SELECT owner_user_id FROM customers WHERE partner_id = ?1 AND id = ?2",
            )
            .bind(&partner)
            .bind(id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
            match owner {
                None => {
                    return Err(refused(
                        "quote_for",
                        "Choose the prospect or customer this quote is for.",
                    ))
                }
                Some(owner)
                    if w.role.sees_all_firm_records()
                        || owner.as_deref() == Some(w.user.to_string().as_str()) => {}
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
    match records::deal(conn, &partner, &deal.to_string()).await? {
        Some(d) if !w.sees(d.deal.owner_id) => Err(refused(
            "deal_id",
            "The deal registration belongs to another user of your firm.",
        )),
        Some(d) if quote_for != QuoteFor::Prospect(d.deal.prospect_id) => Err(refused(
            "deal_id",
            "The deal registration is for another company than this quote.",
        )),
        Some(_) => Ok(()),
        None => Err(refused(
            "deal_id",
            "The deal registration of this quote was deleted or does not exist.",
        )),
    }
}

/// Only drafts may be edited or deleted.
fn ensure_draft(q: &Quote, doing: &str) -> Result<()> {
    if q.status.is_editable() {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "This quote is {}, so it can no longer be {doing}. Make a new revision to change it.",
                q.status.label().to_lowercase()
            ),
        )
        .into())
    }
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

/// The quote a revision revises: the firm's, one the writer may see, and one that may be revised.
async fn revisable(conn: &mut SqliteConnection, w: &Writer, id: QuoteId) -> Result<StoredQuote> {
    let refused = |message: String| -> Error { ApiError::invalid("supersedes", message).into() };
    let Some(prev) = quote_records::quote(conn, &w.partner_text(), &id.to_string()).await? else {
        return Err(refused(
            "The quote this revision revises was deleted or does not exist.".into(),
        ));
    };
    if !w.sees(prev.quote.owner_id) {
        return Err(refused(
            "The quote this revision revises belongs to another user of your firm.".into(),
        ));
    }
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

pub async fn create(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    body: &Value,
) -> Result<Outcome> {
    let mut q: Quote = rules::parse_record(E, body)?;
    if *q.id.as_uuid() != id {
        return Err(ApiError::invalid("id", "The quote's id is not the change's id.").into());
    }
    // The server's fields are the server's, whatever was sent: every quote starts a draft.
    q.status = QuoteStatus::Draft;
    q.superseded_by = None;
    q.approval_reason = None;
    q.status_reason = None;
    q.sent_on = None;
    q.decided_on = None;
    rules::check_owner(conn, w, E, q.owner_id, true).await?;
    rules::ensure_new_id(conn, w, E, id).await?;
    ensure_for(conn, w, q.quote_for, q.deal_id).await?;
    let mut previous = match q.supersedes {
        Some(prev) => Some(revisable(conn, w, prev).await?),
        None => None,
    };
    let partner = w.partner_text();
    let book = pricebook::load(conn, &partner).await?;
    let priced = q.check(&book, w.today).map_err(joined)?;
    let (approval, reason, _) = approval(
        &priced,
        &q.lines,
        (Approval::NotNeeded, None),
        true,
        w.auto_approve_up_to,
    );
    q.approval = approval;
    q.approval_reason = reason;
    match &mut previous {
        Some(prev) => {
            if prev.quote.number.is_none() {
                prev.quote.number = Some(quote_records::next_quote_number(conn).await?);
            }
            q.number = prev.quote.number.clone();
            q.revision = prev.quote.revision + 1;
        }
        None => {
            q.number = Some(quote_records::next_quote_number(conn).await?);
            q.revision = 1;
        }
    }
    let version = write::log(conn, &partner, E, &id.to_string(), q.owner_id, false).await?;
    let stored = StoredQuote {
        quote: q,
        version,
        stamps: FieldStamps::new(w.stamp(version)),
        restore_status: None,
        approval_decided_by: None,
    };
    quote_records::save_quote(conn, &partner, &stored).await?;
    if let Some(mut prev) = previous {
        prev.restore_status = Some(prev.quote.status);
        prev.quote.status = QuoteStatus::Superseded;
        prev.quote.superseded_by = Some(stored.quote.id);
        save_step(conn, &partner, &mut prev).await?;
    }
    Ok(Outcome::Applied { version })
}

pub async fn update(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Outcome> {
    // The partner's fields, and the owner.
    let allowed: Vec<&str> = QUOTE_FIELDS.into_iter().chain(["owner_id"]).collect();
    rules::known_fields(E, fields, &allowed)?;
    let id_text = id.to_string();
    let mut stored = load(conn, w, &id_text).await?;
    ensure_draft(&stored.quote, "edited")?;
    let merged = write::merge_update(E, w, &stored.quote, &stored.stamps, base_version, fields)?;
    let (mut next, changes) = match merged {
        Merge::Unchanged(conflicts) => return Ok(rules::outcome(stored.version, conflicts)),
        Merge::Changed(next, changes) => (next, changes),
    };
    if next.owner_id != stored.quote.owner_id {
        rules::check_owner(conn, w, E, next.owner_id, false).await?;
    }
    if next.quote_for != stored.quote.quote_for || next.deal_id != stored.quote.deal_id {
        ensure_for(conn, w, next.quote_for, next.deal_id).await?;
    }
    let partner = w.partner_text();
    let book = pricebook::load(conn, &partner).await?;
    let priced = next.check(&book, w.today).map_err(joined)?;
    let (approval, reason, stands) = approval(
        &priced,
        &next.lines,
        (stored.quote.approval, stored.quote.approval_reason.clone()),
        discounts(&stored.quote.lines) != discounts(&next.lines),
        w.auto_approve_up_to,
    );
    next.approval = approval;
    next.approval_reason = reason;
    if !stands {
        stored.approval_decided_by = None;
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
    stored.quote = next;
    stored.version = version;
    quote_records::save_quote(conn, &partner, &stored).await?;
    Ok(changes.outcome(version))
}

/// Deletes a draft. A draft revision's deletion gives the quote it superseded back its status.
/// Deleting a deleted quote is already done.
pub async fn delete(conn: &mut SqliteConnection, w: &Writer, id: Uuid) -> Result<Outcome> {
    let partner = w.partner_text();
    let id_text = id.to_string();
    if quote_records::quote(conn, &partner, &id_text)
        .await?
        .is_none()
    {
        if let Some(version) = changelog::is_deleted(conn, &partner, E, &id_text).await? {
            return Ok(Outcome::Applied { version });
        }
    }
    let stored = load(conn, w, &id_text).await?;
    ensure_draft(&stored.quote, "deleted")?;
    let version = write::log(conn, &partner, E, &id_text, stored.quote.owner_id, true).await?;
    quote_records::delete_quote(conn, &partner, &id_text).await?;
    if let Some(prev) = stored.quote.supersedes {
        if let Some(mut prev) = quote_records::quote(conn, &partner, &prev.to_string()).await? {
            if prev.quote.superseded_by == Some(stored.quote.id) {
                restore(&mut prev, w.today);
                save_step(conn, &partner, &mut prev).await?;
            }
        }
    }
    Ok(Outcome::Applied { version })
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
pub async fn act(
    conn: &mut SqliteConnection,
    w: &Writer,
    id: Uuid,
    action: QuoteAction,
) -> Result<Outcome> {
    let mut stored = load(conn, w, &id.to_string()).await?;
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
    save_step(conn, &w.partner_text(), &mut stored).await?;
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
    pool: &SqlitePool,
    partner: Option<portal_core::ids::PartnerId>,
    today: NaiveDate,
) -> Result<u64> {
    let expiring: Vec<String> = QuoteStatus::ALL
        .into_iter()
        .filter(|s| s.can_expire())
        .map(|s| format!("'{}'", quote_status_text(s)))
        .collect();
    let due_sql = format!(
        "SELECT id, partner_id FROM quotes
         WHERE status IN ({}) AND valid_until < ?1 AND (?2 IS NULL OR partner_id = ?2)",
        expiring.join(", ")
    );
    let today_text = date_text(today);
    let partner = partner.map(|p| p.to_string());
    let any: Option<(String, String)> = sqlx::query_as(&format!("{due_sql} LIMIT 1"))
        .bind(&today_text)
        .bind(partner.as_deref())
        .fetch_optional(pool)
        .await?;
    if any.is_none() {
        return Ok(0);
    }
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let due: Vec<(String, String)> = sqlx::query_as(&due_sql)
        .bind(&today_text)
        .bind(partner.as_deref())
        .fetch_all(&mut *tx)
        .await?;
    let mut expired = 0;
    for (id, firm) in due {
        let Some(mut stored) = quote_records::quote(&mut tx, &firm, &id).await? else {
            continue;
        };
        stored.quote.status = QuoteStatus::Expired;
        stored.quote.status_reason = Some(expiry_reason(stored.quote.valid_until));
        save_step(&mut tx, &firm, &mut stored).await?;
        expired += 1;
    }
    tx.commit().await?;
    tracing::info!(expired, %today, "expired quotes");
    Ok(expired)
}

/// A channel manager's decision on a quote's discount: approved or rejected with the reason,
/// written as a change of the partner firm's quote so its app pulls it. Returns the quote.
pub async fn decide_approval(
    pool: &SqlitePool,
    staff_id: &str,
    id: QuoteId,
    approve: bool,
    reason: String,
) -> Result<Quote> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let (partner, mut stored) = quote_records::quote_of_any_firm(&mut tx, &id.to_string())
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
    save_step(&mut tx, &partner, &mut stored).await?;
    tx.commit().await?;
    tracing::info!(quote = %id, approve, "discount approval decided");
    Ok(stored.quote)
}

/// The quotes waiting for a channel manager, across firms, oldest first: (firm id, firm name,
/// quote).
pub async fn pending_approvals(pool: &SqlitePool) -> Result<Vec<(String, String, Quote)>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT q.partner_id, p.name, q.body FROM quotes q JOIN partners p ON p.id = q.partner_id
         WHERE q.approval = 'pending' AND q.status = 'draft'
         ORDER BY q.number, q.revision",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(partner, name, body)| {
            Ok((
                partner,
                name,
                serde_json::from_str(&body).map_err(Error::corrupt)?,
            ))
        })
        .collect()
}
