//! The marketing resources' SQL for SQLite: `resources`, `resource_versions`, `resource_files`,
//! `resource_blobs` and `resource_uses`. A page of items is four queries whatever its size: the
//! items, their versions, their current files, the product names.

use super::{Blob, Use};
use crate::error::{Error, Result};
use crate::storage::sqlite::{
    count, date_text, instant_text, json_ids, json_text, parse_date, parse_id, parse_instant,
    parse_json, parse_name, Connection,
};
use portal_core::api::partner::Tier;
use portal_core::ids::ResourceId;
use portal_core::resources::publish::{
    ResourceStatus, UsageGrouping, UsageQuery, UsageRow, VendorResource,
};
use portal_core::resources::{Audience, ProductTag, Resource, ResourceFile, Sha256, VersionNote};
use portal_core::Role;
use sqlx::FromRow;
use std::collections::HashMap;

fn sha(s: &str) -> Result<Sha256> {
    s.parse()
        .map_err(|e| Error::corrupt(format!("stored sha256: {e}")))
}

fn size(n: i64) -> Result<u64> {
    u64::try_from(n).map_err(|_| Error::corrupt(format!("file size {n}")))
}

pub async fn keep_blob(c: &mut Connection, b: &Blob) -> Result<()> {
    sqlx::query(
        "INSERT INTO resource_blobs (sha256, name, media_type, size, uploaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(b.sha256.as_str())
    .bind(b.name.as_deref())
    .bind(&b.media_type)
    .bind(i64::try_from(b.size).map_err(Error::corrupt)?)
    .bind(instant_text(b.uploaded_at))
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn blob(c: &mut Connection, sha256: &Sha256) -> Result<Option<Blob>> {
    let row: Option<(String, Option<String>, String, i64, String)> = sqlx::query_as(
        "SELECT sha256, name, media_type, size, uploaded_at FROM resource_blobs WHERE sha256 = ?1",
    )
    .bind(sha256.as_str())
    .fetch_optional(&mut *c)
    .await?;
    row.map(|(s, name, media_type, n, at)| {
        Ok(Blob {
            sha256: sha(&s)?,
            name,
            media_type,
            size: size(n)?,
            uploaded_at: parse_instant(&at)?,
        })
    })
    .transpose()
}

pub async fn blob_in_use(c: &mut Connection, sha256: &Sha256) -> Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM resource_files WHERE sha256 = ?1)
             OR EXISTS (SELECT 1 FROM resources WHERE thumbnail = ?1)",
    )
    .bind(sha256.as_str())
    .fetch_one(&mut *c)
    .await?)
}

pub async fn save(c: &mut Connection, item: &VendorResource) -> Result<()> {
    let r = &item.resource;
    let id = r.id.to_string();
    let skus: Vec<&str> = r.products.iter().map(|p| p.sku.as_str()).collect();
    let roles: Vec<&str> = item.audience.roles.iter().map(|x| x.as_str()).collect();
    let tiers: Vec<&str> = item.audience.tiers.iter().map(|x| x.as_str()).collect();
    let status = if item.withdrawn_at.is_some() {
        ResourceStatus::Withdrawn
    } else {
        ResourceStatus::Published
    };
    sqlx::query(
        "INSERT INTO resources (id, category, title, summary, description, products,
             audience_roles, audience_tiers, thumbnail, thumbnail_name, version, published_at,
             review_on, expires_on, status, withdrawn_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT (id) DO UPDATE SET category = excluded.category, title = excluded.title,
             summary = excluded.summary, description = excluded.description,
             products = excluded.products, audience_roles = excluded.audience_roles,
             audience_tiers = excluded.audience_tiers, thumbnail = excluded.thumbnail,
             thumbnail_name = excluded.thumbnail_name, version = excluded.version,
             published_at = excluded.published_at, review_on = excluded.review_on,
             expires_on = excluded.expires_on, status = excluded.status,
             withdrawn_at = excluded.withdrawn_at",
    )
    .bind(&id)
    .bind(r.category.as_str())
    .bind(&r.title)
    .bind(&r.summary)
    .bind(&r.description)
    .bind(json_text(&skus)?)
    .bind(json_text(&roles)?)
    .bind(json_text(&tiers)?)
    .bind(r.thumbnail.as_ref().map(|t| t.sha256.as_str()))
    .bind(r.thumbnail.as_ref().map(|t| t.name.as_str()))
    .bind(i64::from(r.version))
    .bind(instant_text(r.published_at))
    .bind(r.review_on.map(date_text))
    .bind(r.expires_on.map(date_text))
    .bind(status.as_str())
    .bind(item.withdrawn_at.map(instant_text))
    .execute(&mut *c)
    .await?;
    for v in &r.versions {
        sqlx::query(
            "INSERT INTO resource_versions (resource_id, version, published_at, note)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        )
        .bind(&id)
        .bind(i64::from(v.version))
        .bind(instant_text(v.published_at))
        .bind(&v.note)
        .execute(&mut *c)
        .await?;
    }
    sqlx::query("DELETE FROM resource_files WHERE resource_id = ?1 AND version = ?2")
        .bind(&id)
        .bind(i64::from(r.version))
        .execute(&mut *c)
        .await?;
    for (position, f) in r.files.iter().enumerate() {
        sqlx::query(
            "INSERT INTO resource_files (resource_id, version, position, sha256, name)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(&id)
        .bind(i64::from(r.version))
        .bind(position as i64)
        .bind(f.sha256.as_str())
        .bind(&f.name)
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}

#[derive(FromRow)]
struct ItemRow {
    id: String,
    category: String,
    title: String,
    summary: String,
    description: String,
    products: String,
    audience_roles: String,
    audience_tiers: String,
    thumbnail: Option<String>,
    thumbnail_name: Option<String>,
    thumbnail_type: Option<String>,
    thumbnail_size: Option<i64>,
    version: i64,
    published_at: String,
    review_on: Option<String>,
    expires_on: Option<String>,
    withdrawn_at: Option<String>,
}

/// `?1` is NULL (every item) or the ids as a JSON array.
const CHOSEN: &str = "(?1 IS NULL OR r.id IN (SELECT value FROM json_each(?1)))";

pub async fn items(c: &mut Connection, ids: Option<&[ResourceId]>) -> Result<Vec<VendorResource>> {
    let ids = ids.map(json_ids).transpose()?;
    let rows: Vec<ItemRow> = sqlx::query_as(&format!(
        "SELECT r.id, r.category, r.title, r.summary, r.description, r.products,
                r.audience_roles, r.audience_tiers, r.thumbnail, r.thumbnail_name,
                b.media_type AS thumbnail_type, b.size AS thumbnail_size, r.version,
                r.published_at, r.review_on, r.expires_on, r.withdrawn_at
         FROM resources r LEFT JOIN resource_blobs b ON b.sha256 = r.thumbnail
         WHERE {CHOSEN} ORDER BY r.published_at DESC, r.id DESC"
    ))
    .bind(ids.as_deref())
    .fetch_all(&mut *c)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let versions: Vec<(String, i64, String, String)> = sqlx::query_as(&format!(
        "SELECT r.id, v.version, v.published_at, v.note
         FROM resources r JOIN resource_versions v ON v.resource_id = r.id
         WHERE {CHOSEN} ORDER BY r.id, v.version"
    ))
    .bind(ids.as_deref())
    .fetch_all(&mut *c)
    .await?;
    let files: Vec<(String, String, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT r.id, f.sha256, f.name, b.media_type, b.size
         FROM resources r
         JOIN resource_files f ON f.resource_id = r.id AND f.version = r.version
         JOIN resource_blobs b ON b.sha256 = f.sha256
         WHERE {CHOSEN} ORDER BY r.id, f.position"
    ))
    .bind(ids.as_deref())
    .fetch_all(&mut *c)
    .await?;
    let names: HashMap<String, String> = sqlx::query_as("SELECT sku, name FROM products")
        .fetch_all(&mut *c)
        .await?
        .into_iter()
        .collect();

    let mut notes: HashMap<String, Vec<VersionNote>> = HashMap::new();
    for (id, version, at, note) in versions {
        notes.entry(id).or_default().push(VersionNote {
            version: count("resource version", version)?,
            published_at: parse_instant(&at)?,
            note,
        });
    }
    let mut listed: HashMap<String, Vec<ResourceFile>> = HashMap::new();
    for (id, sha256, name, media_type, n) in files {
        listed.entry(id).or_default().push(ResourceFile {
            name,
            media_type,
            size: size(n)?,
            sha256: sha(&sha256)?,
        });
    }
    rows.into_iter()
        .map(|row| {
            let skus: Vec<String> = parse_json("resource products", &row.products)?;
            let roles: Vec<String> = parse_json("resource roles", &row.audience_roles)?;
            let tiers: Vec<String> = parse_json("resource tiers", &row.audience_tiers)?;
            let audience = Audience {
                roles: roles
                    .iter()
                    .map(|r| parse_name::<Role>("role", r))
                    .collect::<Result<_>>()?,
                tiers: tiers
                    .iter()
                    .map(|t| parse_name::<Tier>("tier", t))
                    .collect::<Result<_>>()?,
            };
            let thumbnail = match (row.thumbnail, row.thumbnail_type, row.thumbnail_size) {
                (Some(s), Some(media_type), Some(n)) => Some(ResourceFile {
                    name: row.thumbnail_name.unwrap_or_else(|| "thumbnail".into()),
                    media_type,
                    size: size(n)?,
                    sha256: sha(&s)?,
                }),
                _ => None,
            };
            let withdrawn_at = row.withdrawn_at.as_deref().map(parse_instant).transpose()?;
            let resource = Resource {
                id: parse_id(&row.id)?,
                category: parse_name("resource category", &row.category)?,
                title: row.title,
                summary: row.summary,
                description: row.description,
                products: skus
                    .into_iter()
                    .map(|sku| ProductTag {
                        name: names.get(&sku).cloned().unwrap_or_else(|| sku.clone()),
                        sku,
                    })
                    .collect(),
                files: listed.remove(&row.id).unwrap_or_default(),
                thumbnail,
                version: count("resource version", row.version)?,
                versions: notes.remove(&row.id).unwrap_or_default(),
                published_at: parse_instant(&row.published_at)?,
                review_on: row.review_on.as_deref().map(parse_date).transpose()?,
                expires_on: row.expires_on.as_deref().map(parse_date).transpose()?,
            };
            Ok(VendorResource {
                resource,
                audience,
                status: if withdrawn_at.is_some() {
                    ResourceStatus::Withdrawn
                } else {
                    ResourceStatus::Published
                },
                withdrawn_at,
            })
        })
        .collect()
}

pub async fn unknown_skus(c: &mut Connection, skus: &[String]) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT s.value FROM json_each(?1) s
         WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = s.value)",
    )
    .bind(json_text(&skus)?)
    .fetch_all(&mut *c)
    .await?)
}

pub async fn record_use(c: &mut Connection, u: &Use) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO resource_uses (id, resource_id, partner_id, user_id, version, sha256, kind,
             at, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO NOTHING",
    )
    .bind(u.id.to_string())
    .bind(u.resource.to_string())
    .bind(u.partner.to_string())
    .bind(u.user.to_string())
    .bind(i64::from(u.version))
    .bind(u.sha256.as_str())
    .bind(u.kind.as_str())
    .bind(instant_text(u.at))
    .bind(instant_text(u.received_at))
    .execute(&mut *c)
    .await?;
    Ok(done.rows_affected() == 1)
}

type CountRow = (Option<String>, Option<String>, i64, i64, i64);

pub async fn usage(c: &mut Connection, q: &UsageQuery) -> Result<Vec<UsageRow>> {
    // Each grouping's key and its label; the counts are the same three sums.
    let (key, label, join, order) = match q.by {
        UsageGrouping::Item => (
            "u.resource_id",
            "r.title",
            "JOIN resources r ON r.id = u.resource_id",
            "(downloads + opens + shares) DESC, label, key",
        ),
        UsageGrouping::Firm => (
            "u.partner_id",
            "p.name",
            "JOIN partners p ON p.id = u.partner_id",
            "(downloads + opens + shares) DESC, label, key",
        ),
        UsageGrouping::Month => ("substr(u.at, 1, 7)", "NULL", "", "key"),
    };
    let rows: Vec<CountRow> = sqlx::query_as(&format!(
        "SELECT {key} AS key, {label} AS label,
                SUM(u.kind = 'download') AS downloads, SUM(u.kind = 'open') AS opens,
                SUM(u.kind = 'share') AS shares
         FROM resource_uses u {join}
         WHERE (?1 IS NULL OR u.at >= ?1) AND (?2 IS NULL OR u.at < ?2)
         GROUP BY key, label ORDER BY {order}"
    ))
    .bind(q.from.map(|d| instant_text(super::day_start(d))))
    .bind(
        q.to.and_then(|d| d.succ_opt())
            .map(|d| instant_text(super::day_start(d))),
    )
    .fetch_all(&mut *c)
    .await?;
    let n =
        |what: &str, v: i64| u64::try_from(v).map_err(|_| Error::corrupt(format!("{what} {v}")));
    rows.into_iter()
        .map(|(key, label, downloads, opens, shares)| {
            let mut row = UsageRow {
                resource_id: None,
                title: None,
                partner_id: None,
                firm: None,
                month: None,
                downloads: n("downloads", downloads)?,
                opens: n("opens", opens)?,
                shares: n("shares", shares)?,
            };
            let key = key.ok_or_else(|| Error::corrupt("a use without its key"))?;
            match q.by {
                UsageGrouping::Item => {
                    row.resource_id = Some(parse_id(&key)?);
                    row.title = label;
                }
                UsageGrouping::Firm => {
                    row.partner_id = Some(parse_id(&key)?);
                    row.firm = label;
                }
                UsageGrouping::Month => row.month = Some(key),
            }
            Ok(row)
        })
        .collect()
}

pub async fn lists_file(
    c: &mut Connection,
    id: ResourceId,
    version: u32,
    sha256: &Sha256,
) -> Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM resource_files
                        WHERE resource_id = ?1 AND version = ?2 AND sha256 = ?3)
             OR EXISTS (SELECT 1 FROM resources WHERE id = ?1 AND thumbnail = ?3)",
    )
    .bind(id.to_string())
    .bind(i64::from(version))
    .bind(sha256.as_str())
    .fetch_one(&mut *c)
    .await?)
}
