//! The vendor's rule engine for deal registrations: a submitted registration is decided at once —
//! rejected when another partner firm holds an active registration for the same domain (a channel
//! conflict), approved otherwise — and an approved registration expires a configured number of days
//! after approval.

use super::push::Writer;
use super::records::{self, holding_statuses_sql, status_text, StoredDeal};
use super::{expiry, write};
use crate::db::date_text;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use portal_core::actor::Actor;
use portal_core::deal::{self, DealAction, DealStatus};
use portal_core::ids::PartnerId;
use portal_core::sync::Outcome;
use portal_core::{ApiError, ErrorKind};
use sqlx::{SqliteConnection, SqlitePool};

/// The reason a registration is rejected for a channel conflict; the other firm is never named.
pub fn channel_conflict_reason(domain: &str) -> String {
    format!("Channel conflict: another partner firm holds an active registration for {domain}.")
}

/// Active registrations for `domain` on `today` (submitted or approved, and not past expiry), of
/// `partner` (`same_firm`) or of every other firm, other than the deal `except`: their numbers.
async fn holders(
    conn: &mut SqliteConnection,
    partner: &str,
    same_firm: bool,
    domain: &str,
    except: &str,
    today: NaiveDate,
) -> Result<Vec<String>> {
    let firm = if same_firm { "=" } else { "<>" };
    Ok(sqlx::query_scalar(&format!(
        "SELECT number FROM deals
         WHERE claimed_domain = ?1 AND status IN ({}) AND partner_id {firm} ?2 AND id <> ?3
           AND (expires_on IS NULL OR expires_on >= ?4)
         ORDER BY number",
        holding_statuses_sql()
    ))
    .bind(domain)
    .bind(partner)
    .bind(except)
    .bind(date_text(today))
    .fetch_all(&mut *conn)
    .await?)
}

/// Whether a firm other than `partner` holds an active registration for `domain`.
pub async fn held_elsewhere(
    conn: &mut SqliteConnection,
    partner: PartnerId,
    domain: &str,
    today: NaiveDate,
) -> Result<bool> {
    Ok(
        !holders(conn, &partner.to_string(), false, domain, "", today)
            .await?
            .is_empty(),
    )
}

/// Decides a submission. A second active registration of the same firm for the domain is refused
/// and the deal stays a draft; a channel conflict rejects the deal (written and versioned, so the
/// client pulls the rejection) and answers Refused; otherwise the deal is approved until
/// `today + expiry_days`.
pub async fn submit(
    conn: &mut SqliteConnection,
    w: &Writer,
    mut stored: StoredDeal,
) -> Result<Outcome> {
    let partner = w.partner_text();
    let id = stored.deal.id.to_string();
    let prospect = records::prospect(conn, &partner, &stored.deal.prospect_id.to_string())
        .await?
        .ok_or_else(|| {
            ApiError::invalid(
                "prospect_id",
                "The prospect of this deal registration was deleted.",
            )
        })?;
    let domain = prospect.prospect.domain.to_string();
    if let Some(number) = holders(conn, &partner, true, &domain, &id, w.today)
        .await?
        .first()
    {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            format!("Your firm already holds an active registration for {domain} ({number})."),
        )
        .into());
    }
    let vendor = |from: DealStatus, action| {
        from.apply(action, Actor::Vendor)
            .map_err(|e| Error::corrupt(format!("vendor step: {e}")))
    };
    let submitted = stored
        .deal
        .status
        .apply(DealAction::Submit, Actor::Partner)
        .map_err(|e| ApiError::new(ErrorKind::Conflict, e.to_string()))?;
    let d = &mut stored.deal;
    d.submitted_on = Some(w.today);
    d.decided_on = Some(w.today);
    stored.claimed_domain = Some(domain.clone());
    let refusal = if holders(conn, &partner, false, &domain, &id, w.today)
        .await?
        .is_empty()
    {
        d.status = vendor(submitted, DealAction::Approve)?;
        d.status_reason = None;
        d.expires_on = Some(deal::expires_on(w.today, w.expiry_days));
        None
    } else {
        let reason = channel_conflict_reason(&domain);
        d.status = vendor(submitted, DealAction::Reject)?;
        d.status_reason = Some(reason.clone());
        Some(ApiError::new(ErrorKind::Conflict, reason))
    };
    write::save_step(conn, &partner, &mut stored).await?;
    Ok(match refusal {
        Some(error) => Outcome::Refused { error },
        None => Outcome::Applied {
            version: stored.version,
        },
    })
}

/// Expires approved registrations whose `expires_on` is before `today` — every firm's, or one
/// firm's — each a versioned change. Cheap when there is nothing to expire: one indexed read, no
/// write lock. Returns how many expired.
pub async fn expire_deals(
    pool: &SqlitePool,
    partner: Option<PartnerId>,
    today: NaiveDate,
) -> Result<u64> {
    let due = format!(
        "status = '{}' AND expires_on < ?1",
        status_text(DealStatus::Approved)
    );
    expiry::expire(
        pool,
        partner,
        today,
        &due,
        "deal registrations",
        |stored: &mut StoredDeal| {
            let d = &mut stored.deal;
            d.status = d
                .status
                .apply(DealAction::Expire, Actor::Vendor)
                .map_err(|e| Error::corrupt(format!("expiring {}: {e}", d.id)))?;
            Ok(())
        },
    )
    .await
}
