//! The profiles' SQL for SQLite: `marketing_profiles` and `profile_logos`.

use super::{StoredLogo, StoredProfile};
use crate::error::{Error, Result};
use crate::storage::records::{FieldStamps, Stamp};
use crate::storage::sqlite::{instant_text, json_text, parse_instant, parse_json, Connection};
use portal_core::ids::PartnerId;
use portal_core::pims::logo::LogoKind;
use portal_core::resources::Sha256;

pub async fn find(c: &mut Connection, partner: PartnerId) -> Result<Option<StoredProfile>> {
    let row: Option<(String, i64, i64, String)> = sqlx::query_as(
        "SELECT body, version, created_version, field_versions FROM marketing_profiles
         WHERE partner_id = ?1",
    )
    .bind(partner.to_string())
    .fetch_optional(&mut *c)
    .await?;
    row.map(|(body, version, created, stamps)| {
        Ok(StoredProfile {
            profile: parse_json("marketing profile", &body)?,
            version,
            stamps: FieldStamps::from_stored(
                Stamp {
                    version: created,
                    client: None,
                },
                &stamps,
            )
            .map_err(Error::corrupt)?,
        })
    })
    .transpose()
}

pub async fn save(c: &mut Connection, p: &StoredProfile) -> Result<()> {
    sqlx::query(
        "INSERT INTO marketing_profiles (partner_id, body, version, created_version, field_versions)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (partner_id) DO UPDATE SET body = excluded.body, version = excluded.version,
             field_versions = excluded.field_versions",
    )
    .bind(p.profile.id.to_string())
    .bind(json_text(&p.profile)?)
    .bind(p.version)
    .bind(p.stamps.created.version)
    .bind(p.stamps.to_stored())
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn keep_logo(c: &mut Connection, l: &StoredLogo) -> Result<()> {
    sqlx::query(
        "INSERT INTO profile_logos (partner_id, kind, sha256, media_type, size, uploaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
    )
    .bind(l.partner.to_string())
    .bind(l.kind.as_str())
    .bind(l.sha256.as_str())
    .bind(&l.media_type)
    .bind(i64::try_from(l.size).map_err(Error::corrupt)?)
    .bind(instant_text(l.uploaded_at))
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn logo(
    c: &mut Connection,
    partner: PartnerId,
    kind: LogoKind,
    sha256: &Sha256,
) -> Result<Option<StoredLogo>> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT media_type, size, uploaded_at FROM profile_logos
         WHERE partner_id = ?1 AND kind = ?2 AND sha256 = ?3",
    )
    .bind(partner.to_string())
    .bind(kind.as_str())
    .bind(sha256.as_str())
    .fetch_optional(&mut *c)
    .await?;
    row.map(|(media_type, size, at)| {
        Ok(StoredLogo {
            partner,
            kind,
            sha256: sha256.clone(),
            media_type,
            size: u64::try_from(size).map_err(Error::corrupt)?,
            uploaded_at: parse_instant(&at)?,
        })
    })
    .transpose()
}
