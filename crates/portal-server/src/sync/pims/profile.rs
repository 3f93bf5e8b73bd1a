//! The firm's marketing profile: made blank with the firm, changed by partners with sync updates of
//! [`PROFILE_FIELDS`] (never created or deleted by them), its logos uploaded online and fetched by
//! the firm's own users only.

use super::{log, merge_update, Merged};
use crate::error::Result;
use crate::storage::pims::profiles::{self, StoredLogo, StoredProfile};
use crate::storage::records::{FieldStamps, Stamp};
use crate::storage::{Storage, Write};
use crate::sync::rules;
use crate::sync::writer::Writer;
use chrono::Utc;
use portal_core::ids::PartnerId;
use portal_core::pims::logo::{self, Logo, LogoKind};
use portal_core::pims::profile::{MarketingProfile, PROFILE_FIELDS};
use portal_core::pims::runs_marketing;
use portal_core::resources::Sha256;
use portal_core::sync::{Entity, Outcome};
use portal_core::{ApiError, ErrorKind, Role};
use serde_json::{Map, Value};
use uuid::Uuid;

const E: Entity = Entity::MarketingProfile;

/// Refuses users who may not change the profile.
pub fn ensure_runs_marketing(role: Role) -> Result<()> {
    if runs_marketing(role) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorKind::Forbidden,
            "Only Marketing and Administrator users can change the firm's marketing profile and \
             campaigns.",
        )
        .into())
    }
}

/// Why a partner's create or delete of a profile is refused.
pub fn not_created_or_deleted() -> ApiError {
    ApiError::new(
        ErrorKind::Forbidden,
        "The firm's marketing profile is made with the firm and cannot be created or deleted; \
         change its fields instead.",
    )
}

/// Saves `profile` as the firm's new profile, with its first version (a firm being created).
pub async fn create(tx: &mut Write, profile: MarketingProfile) -> Result<StoredProfile> {
    let version = log(tx, profile.id, E, *profile.id.as_uuid(), false).await?;
    let stored = StoredProfile {
        profile,
        version,
        stamps: FieldStamps::new(Stamp {
            version,
            client: None,
        }),
    };
    profiles::save(tx, &stored).await?;
    Ok(stored)
}

/// The firm's profile (made blank with the firm).
pub async fn load(db: &mut crate::storage::Conn, partner: PartnerId) -> Result<StoredProfile> {
    profiles::find(db, partner)
        .await?
        .ok_or_else(|| ApiError::not_found("The marketing profile").into())
}

/// A sync update of the profile.
pub async fn update(
    tx: &mut Write,
    w: &Writer,
    id: Uuid,
    base_version: i64,
    fields: &Map<String, Value>,
) -> Result<Outcome> {
    ensure_runs_marketing(w.role)?;
    if id != *w.partner.as_uuid() {
        // Another firm's profile is nobody's business here: as if it did not exist.
        return Err(ApiError::not_found("This marketing profile").into());
    }
    rules::known_fields(E, fields, &PROFILE_FIELDS)?;
    let mut stored = load(tx, w.partner).await?;
    let (next, changed, conflicts) = match merge_update(
        w,
        E,
        &stored.profile,
        stored.version,
        &stored.stamps,
        base_version,
        fields,
    )? {
        Merged::Unchanged(outcome) => return Ok(outcome),
        Merged::Changed(next, changed, conflicts) => (next, changed, conflicts),
    };
    next.check()?;
    let version = log(tx, w.partner, E, id, false).await?;
    for field in &changed {
        stored.stamps.set(field, w.stamp(version));
    }
    stored.profile = next;
    stored.version = version;
    profiles::save(tx, &stored).await?;
    Ok(rules::outcome(version, conflicts))
}

/// Uploads a logo: checks it ([`logo::inspect`]), keeps its bytes by SHA-256, and puts it on the
/// firm's profile under a new version. Answers the profile.
pub async fn upload_logo(
    storage: &Storage,
    partner: PartnerId,
    role: Role,
    kind: LogoKind,
    bytes: &[u8],
) -> Result<MarketingProfile> {
    ensure_runs_marketing(role)?;
    let facts = logo::inspect(kind, bytes)?;
    let sha256 = storage.blobs().put(bytes).await?;
    let now = Utc::now();
    let mut tx = storage.write().await?;
    let mut stored = load(&mut tx, partner).await?;
    profiles::keep_logo(
        &mut tx,
        &StoredLogo {
            partner,
            kind,
            sha256: sha256.clone(),
            media_type: facts.format.media_type().to_owned(),
            size: bytes.len() as u64,
            uploaded_at: now,
        },
    )
    .await?;
    let logo = Some(Logo {
        sha256,
        format: facts.format,
        width: facts.width,
        height: facts.height,
        size: bytes.len() as u64,
    });
    let field = match kind {
        LogoKind::Web => {
            stored.profile.web_logo = logo;
            "web_logo"
        }
        LogoKind::Print => {
            stored.profile.print_logo = logo;
            "print_logo"
        }
    };
    let version = log(&mut tx, partner, E, *partner.as_uuid(), false).await?;
    stored.stamps.set(
        field,
        Stamp {
            version,
            client: None,
        },
    );
    stored.version = version;
    profiles::save(&mut tx, &stored).await?;
    tx.commit().await?;
    tracing::info!(%partner, kind = kind.as_str(), "logo uploaded");
    Ok(stored.profile)
}

/// A logo's bytes for a user of the firm that uploaded it: (file, length, media type), or None
/// (unknown, or another firm's).
pub async fn open_logo(
    storage: &Storage,
    partner: PartnerId,
    kind: LogoKind,
    sha256: &Sha256,
) -> Result<Option<(tokio::fs::File, u64, String)>> {
    let mut db = storage.conn().await?;
    let Some(found) = profiles::logo(&mut db, partner, kind, sha256).await? else {
        return Ok(None);
    };
    drop(db);
    Ok(storage
        .blobs()
        .open(sha256)
        .await?
        .map(|(file, len)| (file, len, found.media_type)))
}
