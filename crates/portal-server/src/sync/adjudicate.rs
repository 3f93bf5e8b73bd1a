//! The vendor's rule engine for deal registrations: a submitted registration is decided at once —
//! rejected when another partner firm holds an active registration for the same domain (a channel
//! conflict), approved otherwise — and an approved registration expires a configured number of days
//! after approval.

use super::expiry;
use super::write;
use super::writer::Writer;
use crate::error::{Error, Result};
use crate::storage::records::{self, Firms, Lapsing, Stored, StoredDeal};
use crate::storage::{Conn, Storage, Write};
use chrono::NaiveDate;
use portal_core::actor::Actor;
use portal_core::deal::{self, DealAction, DealStatus};
use portal_core::ids::{DealId, PartnerId};
use portal_core::sync::Outcome;
use portal_core::{ApiError, ErrorKind};

/// The reason a registration is rejected for a channel conflict; the other firm is never named.
pub fn channel_conflict_reason(domain: &str) -> String {
    format!("Channel conflict: another partner firm holds an active registration for {domain}.")
}

/// The statuses in which a registration holds its domain (submitted, approved).
fn holding() -> Vec<DealStatus> {
    DealStatus::ALL
        .into_iter()
        .filter(|s| s.holds_domain())
        .collect()
}

/// Active registrations for `domain` on `today` (holding it, and not past expiry) of `firms`,
/// other than the deal `except`: their numbers.
async fn holders(
    db: &mut Conn,
    firms: Firms,
    domain: &str,
    except: Option<DealId>,
    today: NaiveDate,
) -> Result<Vec<String>> {
    records::domain_holders(db, firms, domain, &holding(), except, today).await
}

/// Whether a firm other than `partner` holds an active registration for `domain`.
pub async fn held_elsewhere(
    db: &mut Conn,
    partner: PartnerId,
    domain: &str,
    today: NaiveDate,
) -> Result<bool> {
    Ok(!holders(db, Firms::OtherThan(partner), domain, None, today)
        .await?
        .is_empty())
}

/// Decides a submission. A second active registration of the same firm for the domain is refused
/// and the deal stays a draft; a channel conflict rejects the deal (written and versioned, so the
/// client pulls the rejection) and answers Refused; otherwise the deal is approved until
/// `today + expiry_days`.
pub async fn submit(tx: &mut Write, w: &Writer, mut stored: StoredDeal) -> Result<Outcome> {
    let id = stored.deal.id;
    let prospect = records::StoredProspect::find(tx, w.partner, stored.deal.prospect_id.0)
        .await?
        .ok_or_else(|| {
            ApiError::invalid(
                "prospect_id",
                "The prospect of this deal registration was deleted.",
            )
        })?;
    let domain = prospect.prospect.domain.to_string();
    if let Some(number) = holders(tx, Firms::This(w.partner), &domain, Some(id), w.today)
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
    let refusal = if holders(tx, Firms::OtherThan(w.partner), &domain, Some(id), w.today)
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
    write::save_step(tx, w.partner, &mut stored).await?;
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
    storage: &Storage,
    partner: Option<PartnerId>,
    today: NaiveDate,
) -> Result<u64> {
    // The statuses the vendor's Expire step leaves from.
    let expiring: Vec<DealStatus> = DealStatus::ALL
        .into_iter()
        .filter(|s| s.apply(DealAction::Expire, Actor::Vendor).is_ok())
        .collect();
    expiry::expire(
        storage,
        partner,
        today,
        Lapsing::Deals(&expiring),
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
