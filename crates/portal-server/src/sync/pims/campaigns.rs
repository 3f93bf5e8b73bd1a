//! A firm's campaigns: drafts created, edited and deleted with sync mutations (Marketing and
//! Administrator users), and the online steps — launch, pause, resume, end — taken here with the
//! server's clock and the firm's profile.

use super::kits::visible;
use super::profile::{ensure_runs_marketing, load as load_profile};
use super::{log, merge_update, Merged};
use crate::error::Result;
use crate::storage::pims::campaigns::{self, StoredCampaign};
use crate::storage::pims::kits::{self, StoredKit};
use crate::storage::records::{FieldStamps, Stamp};
use crate::storage::{accounts, changelog, Conn, Storage, Write};
use crate::sync::rules;
use crate::sync::writer::Writer;
use chrono::{NaiveDate, Utc};
use portal_core::ids::{CampaignId, PartnerId, UserId};
use portal_core::pims::campaign::{self, Campaign, CampaignStatus, CampaignStep, CAMPAIGN_FIELDS};
use portal_core::sync::{Entity, Outcome};
use portal_core::{ApiError, ErrorKind, Role};
use rand::Rng;
use serde_json::{Map, Value};
use uuid::Uuid;

const E: Entity = Entity::Campaign;

/// The kit a campaign of this firm is made from, as the firm may see it.
async fn kit_for(
    db: &mut Conn,
    partner: PartnerId,
    role: Role,
    id: portal_core::ids::CampaignKitId,
) -> Result<StoredKit> {
    let tier = accounts::partner_summary(db, partner).await?.tier;
    kits::find(db, id)
        .await?
        .filter(|k| visible(k, role, tier))
        .ok_or_else(|| {
            ApiError::invalid("kit_id", "That campaign kit is not available to your firm.").into()
        })
}

/// The firm's campaign, or why not.
async fn load(db: &mut Conn, w_partner: PartnerId, id: Uuid) -> Result<StoredCampaign> {
    if let Some(found) = campaigns::find(db, w_partner, CampaignId::from_uuid(id)).await? {
        return Ok(found);
    }
    if changelog::deleted_at(db, w_partner, E, id).await?.is_some() {
        return Err(rules::deleted(E));
    }
    Err(ApiError::not_found("This campaign").into())
}

/// A new draft.
pub async fn create(tx: &mut Write, w: &Writer, id: Uuid, body: &Value) -> Result<Outcome> {
    ensure_runs_marketing(w.role)?;
    let c: Campaign = rules::parse_record(E, body)?;
    if *c.id.as_uuid() != id {
        return Err(ApiError::invalid("id", "The campaign's id is not the change's id.").into());
    }
    if c.status != CampaignStatus::Draft
        || c.slug.is_some()
        || c.launched_at.is_some()
        || c.launched_by.is_some()
    {
        return Err(ApiError::invalid(
            "status",
            "A new campaign is a draft: launch it from its page once it is ready.",
        )
        .into());
    }
    if campaigns::id_taken(tx, c.id).await?
        || changelog::deleted_at(tx, w.partner, E, id).await?.is_some()
    {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "A campaign with this id already exists, so this one cannot be created.",
        )
        .into());
    }
    if !accounts::is_firm_user(tx, w.partner, c.created_by).await? {
        return Err(ApiError::invalid(
            "created_by",
            "The campaign's author is not a user of your firm.",
        )
        .into());
    }
    let kit = kit_for(tx, w.partner, w.role, c.kit_id).await?;
    c.check(&kit.kit)?;
    let version = log(tx, w.partner, E, id, false).await?;
    let stored = StoredCampaign {
        partner: w.partner,
        campaign: c,
        version,
        stamps: FieldStamps::new(w.stamp(version)),
    };
    campaigns::save(tx, &stored).await?;
    Ok(Outcome::Applied { version })
}

/// An edit of a campaign's name or regions (not once it has ended).
pub async fn update(
    tx: &mut Write,
    w: &Writer,
    id: Uuid,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Outcome> {
    ensure_runs_marketing(w.role)?;
    rules::known_fields(E, fields, &CAMPAIGN_FIELDS)?;
    let mut stored = load(tx, w.partner, id).await?;
    rules::ensure_status(
        E,
        stored.campaign.is_editable(),
        stored.campaign.status.label(),
        "edited",
        None,
    )?;
    let (next, changed, conflicts) = match merge_update(
        w,
        E,
        &stored.campaign,
        stored.version,
        &stored.stamps,
        base_version,
        fields,
    )? {
        Merged::Unchanged(outcome) => return Ok(outcome),
        Merged::Changed(next, changed, conflicts) => (next, changed, conflicts),
    };
    let kit = kit_for(tx, w.partner, w.role, next.kit_id).await?;
    next.check(&kit.kit)?;
    let version = log(tx, w.partner, E, id, false).await?;
    for field in &changed {
        stored.stamps.set(field, w.stamp(version));
    }
    stored.campaign = next;
    stored.version = version;
    campaigns::save(tx, &stored).await?;
    Ok(rules::outcome(version, conflicts))
}

/// Deletes a draft (a launched campaign keeps its leads' history: end it instead).
pub async fn delete(tx: &mut Write, w: &Writer, id: Uuid) -> Result<Outcome> {
    ensure_runs_marketing(w.role)?;
    if let Some(version) = changelog::deleted_at(tx, w.partner, E, id).await? {
        return Ok(Outcome::Applied { version });
    }
    let stored = load(tx, w.partner, id).await?;
    if !stored.campaign.is_deletable() {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            format!(
                "This campaign is {}, so it cannot be deleted: only drafts can. End it instead; it \
                 keeps its leads' history.",
                stored.campaign.status.label().to_lowercase()
            ),
        )
        .into());
    }
    let version = log(tx, w.partner, E, id, true).await?;
    campaigns::delete(tx, w.partner, stored.campaign.id).await?;
    Ok(Outcome::Applied { version })
}

/// Six random lower-case letters and digits: the end of a slug, so slugs cannot be guessed.
fn suffix() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    (0..6)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Takes a step of the firm's campaign on `today`: refused in the words of
/// [`campaign::refusal`] (409 when the campaign's status does not allow it, 422 when the profile,
/// the kit or the campaign's text is not ready). Answers the campaign.
pub async fn step(
    storage: &Storage,
    partner: PartnerId,
    user: UserId,
    role: Role,
    id: CampaignId,
    step: CampaignStep,
    today: NaiveDate,
) -> Result<Campaign> {
    ensure_runs_marketing(role)?;
    let mut tx = storage.write().await?;
    let mut stored = load(&mut tx, partner, *id.as_uuid()).await?;
    let kit = kits::find(&mut tx, stored.campaign.kit_id)
        .await?
        .ok_or_else(|| crate::Error::corrupt(format!("campaign {id} has no kit")))?;
    let profile = load_profile(&mut tx, partner).await?.profile;
    let c = &mut stored.campaign;
    if let Some(words) = campaign::refusal(step, c, &kit.kit, &profile, today) {
        let status = c.effective_status(&kit.kit, today);
        let kind = if step.allowed_from(status) {
            ErrorKind::InvalidInput
        } else {
            ErrorKind::Conflict
        };
        return Err(ApiError::new(kind, words).into());
    }
    if kit.withdrawn_at.is_some() && matches!(step, CampaignStep::Launch | CampaignStep::Resume) {
        return Err(ApiError::new(
            ErrorKind::Conflict,
            "The vendor withdrew this campaign kit, so it cannot be launched or resumed.",
        )
        .into());
    }
    if step == CampaignStep::Launch {
        let mut slug = campaign::slug(&profile.company_name, &c.name, &suffix());
        while campaigns::by_slug(&mut tx, &slug).await?.is_some() {
            slug = campaign::slug(&profile.company_name, &c.name, &suffix());
        }
        c.slug = Some(slug);
        c.launched_at = Some(Utc::now());
        c.launched_by = Some(user);
    }
    c.status = step.target();
    stored.version = log(&mut tx, partner, E, *id.as_uuid(), false).await?;
    stored.stamps.set(
        "status",
        Stamp {
            version: stored.version,
            client: None,
        },
    );
    campaigns::save(&mut tx, &stored).await?;
    tx.commit().await?;
    tracing::info!(campaign = %id, step = step.as_str(), "campaign step");
    Ok(stored.campaign)
}
