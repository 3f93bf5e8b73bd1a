//! The marketing resources' list rows, projected from the `resource` copies a pull stores (a
//! tombstone removes the row), and the library's query: a category or What's New, every word of
//! the search somewhere (through the trigram index), the Product and Type filters and facets, by
//! newest or title, a page at a time; What's New's last look and the items to announce. What the
//! briefcase keeps is [`super::briefcase`]'s.

use super::search::needle;
use crate::{
    error::ClientError,
    store::read::{self, to_json},
};
use portal_core::resources::{
    library::{page_size, ResourceQuery, ResourceSort},
    Category, FileType, ProductTag, Resource,
};
use sqlx::{FromRow, SqliteConnection};
use std::collections::{BTreeSet, HashSet};

/// The text the search box matches: title, summary, description, product names and SKUs, file
/// names, lower-cased; ending in two U+0001 like the other lists' (never searched for).
pub fn search_text(r: &Resource) -> String {
    let mut parts: Vec<&str> = vec![&r.title, &r.summary, &r.description];
    for p in &r.products {
        parts.push(&p.name);
        parts.push(&p.sku);
    }
    for f in &r.files {
        parts.push(&f.name);
    }
    let mut text = parts.join(" ").to_lowercase();
    text.push_str(" \u{1}\u{1}");
    text
}

/// A time as stored: RFC 3339 in UTC with microseconds, so that text order is time order.
pub fn stored_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Lists (or updates) one item's row.
pub async fn put_resource(
    conn: &mut SqliteConnection,
    scope: &str,
    r: &Resource,
) -> Result<(), ClientError> {
    let skus: String = r.products.iter().map(|p| format!(" {} ", p.sku)).collect();
    let files: Vec<(&str, u64)> = r
        .files
        .iter()
        .map(|f| (f.sha256.as_str(), f.size))
        .collect();
    sqlx::query(
        "INSERT INTO resource (scope, id, category, title, summary, products, skus, file_type, size,
                               version, published_at, updated_at, expires_on, files, thumb_sha,
                               thumb_type, search)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT (scope, id) DO UPDATE SET category = excluded.category,
           title = excluded.title, summary = excluded.summary, products = excluded.products,
           skus = excluded.skus, file_type = excluded.file_type, size = excluded.size,
           version = excluded.version, published_at = excluded.published_at,
           updated_at = excluded.updated_at, expires_on = excluded.expires_on,
           files = excluded.files, thumb_sha = excluded.thumb_sha,
           thumb_type = excluded.thumb_type, search = excluded.search",
    )
    .bind(scope)
    .bind(r.id.to_string())
    .bind(r.category.as_str())
    .bind(&r.title)
    .bind(&r.summary)
    .bind(to_json(&r.products))
    .bind(skus)
    .bind(r.file_type().as_str())
    .bind(r.size() as i64)
    .bind(i64::from(r.version))
    .bind(stored_time(r.published_at))
    .bind(stored_time(r.updated_at()))
    .bind(r.expires_on.map(|d| d.to_string()))
    .bind(to_json(&files))
    .bind(r.thumbnail.as_ref().map(|t| t.sha256.as_str().to_owned()))
    .bind(r.thumbnail.as_ref().map(|t| t.media_type.clone()))
    .bind(search_text(r))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One list row as stored.
#[derive(Debug, Clone, FromRow)]
pub struct Row {
    pub id: String,
    pub category: String,
    pub title: String,
    pub summary: String,
    pub products: String,
    pub file_type: String,
    pub size: i64,
    pub version: i64,
    pub published_at: String,
    pub updated_at: String,
    pub expires_on: Option<String>,
    pub files: String,
    pub thumb_sha: Option<String>,
    pub thumb_type: Option<String>,
}

pub(crate) const COLUMNS: &str = "resource.id, resource.category, resource.title, resource.summary,
    resource.products, resource.file_type, resource.size, resource.version, resource.published_at,
    resource.updated_at, resource.expires_on, resource.files, resource.thumb_sha,
    resource.thumb_type";

impl Row {
    pub fn category(&self) -> Result<Category, ClientError> {
        read::wire(&self.category)
    }

    pub fn file_type(&self) -> Result<FileType, ClientError> {
        read::wire(&self.file_type)
    }

    pub fn products(&self) -> Result<Vec<ProductTag>, ClientError> {
        read::json(&self.products)
    }

    /// The current version's files: (SHA-256, size).
    pub fn files(&self) -> Result<Vec<(String, u64)>, ClientError> {
        read::json(&self.files)
    }

    pub fn expires_on(&self) -> Option<chrono::NaiveDate> {
        self.expires_on.as_deref().and_then(|d| d.parse().ok())
    }
}

/// The `WHERE` of a query (the category and every word of the search; the Product and Type
/// filters are applied to what it finds, whose facets do not shrink to the choice) and its values.
fn conditions(scope: &str, q: &ResourceQuery) -> (String, Vec<String>) {
    let mut sql = String::from("resource.scope = ?");
    let mut args = vec![scope.to_owned()];
    if let Some(c) = q.category {
        sql.push_str(" AND resource.category = ?");
        args.push(c.as_str().to_owned());
    }
    let search = needle(&q.search);
    let words: BTreeSet<&str> = search.split_whitespace().collect();
    // Words of three characters or more go through the trigram index together; shorter ones
    // (too short for trigrams) are tested on the rows it leaves.
    let long: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if !long.is_empty() {
        sql.push_str(
            " AND resource.seq IN (SELECT rowid FROM resource_fts WHERE resource_fts MATCH ?)",
        );
        args.push(long.join(" AND "));
    }
    for w in words.iter().filter(|w| w.chars().count() < 3) {
        sql.push_str(" AND instr(resource.search, ?) > 0");
        args.push((*w).to_owned());
    }
    (sql, args)
}

/// A page of the library as the query asks, the matches' total, and the facets: the products and
/// file types among the items of the category (and search), whatever product or type is chosen.
/// What's New (no category) is always newest first.
///
/// The search (the trigram index) runs once per keystroke: one statement reads, for every item of
/// the category the search matches, its sort key, file type and SKUs, as one JSON text (far
/// cheaper than a row each); the filters, facets, count, order and page are worked out from it,
/// and only the page's rows are read whole.
pub async fn query(
    conn: &mut SqliteConnection,
    scope: &str,
    q: &ResourceQuery,
) -> Result<(u32, Vec<Row>, Vec<ProductTag>, Vec<FileType>), ClientError> {
    let sort = if q.category.is_none() {
        ResourceSort::Newest
    } else {
        q.sort
    };
    let key = match sort {
        ResourceSort::Newest => "resource.published_at",
        ResourceSort::Title => "resource.title",
    };
    let (cond, args) = conditions(scope, q);
    let sql = format!(
        "SELECT json_group_array(json_array(resource.seq, {key}, resource.file_type, resource.skus))
         FROM resource WHERE {cond}"
    );
    let mut query = sqlx::query_scalar(&sql);
    for a in &args {
        query = query.bind(a.as_str());
    }
    let found: String = query.fetch_one(&mut *conn).await?;
    let found: Vec<(i64, String, String, String)> = read::json(&found)?;

    // The facets, over every match whatever product or type is chosen.
    let mut types: BTreeSet<&str> = BTreeSet::new();
    let mut named_by: Vec<i64> = Vec::new();
    let mut skus_seen: HashSet<&str> = HashSet::new();
    for (seq, _, file_type, skus) in &found {
        types.insert(file_type);
        let mut new_sku = false;
        for sku in skus.split_whitespace() {
            new_sku |= skus_seen.insert(sku);
        }
        if new_sku {
            named_by.push(*seq);
        }
    }
    let products = product_names(conn, &named_by, &skus_seen).await?;
    let file_types: Vec<FileType> = types
        .into_iter()
        .map(read::wire)
        .collect::<Result<_, _>>()?;

    // The filters, the count, the order and the page.
    let sku = q
        .product
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!(" {s} "));
    let kind = q.file_type.map(|t| t.as_str());
    let mut hits: Vec<(i64, String)> = found
        .into_iter()
        .filter(|(_, _, t, skus)| {
            sku.as_deref().is_none_or(|s| skus.contains(s)) && kind.is_none_or(|k| t == k)
        })
        .map(|(seq, key, ..)| match sort {
            ResourceSort::Newest => (seq, key),
            ResourceSort::Title => (seq, key.to_lowercase()),
        })
        .collect();
    let total = u32::try_from(hits.len()).unwrap_or(u32::MAX);
    match sort {
        ResourceSort::Newest => {
            hits.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
        }
        ResourceSort::Title => hits.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0))),
    }
    let page: Vec<i64> = hits
        .iter()
        .skip(q.offset as usize)
        .take(page_size(q.limit) as usize)
        .map(|(seq, _)| *seq)
        .collect();
    let rows = rows_by_seq(conn, &page).await?;
    Ok((total, rows, products, file_types))
}

/// The products named by the SKUs in `skus`, read from the items `named_by` (one naming each),
/// by name.
async fn product_names(
    conn: &mut SqliteConnection,
    named_by: &[i64],
    skus: &HashSet<&str>,
) -> Result<Vec<ProductTag>, ClientError> {
    if named_by.is_empty() {
        return Ok(Vec::new());
    }
    let tags: String = sqlx::query_scalar(
        "SELECT json_group_array(json(products)) FROM resource
         WHERE seq IN (SELECT value FROM json_each(?1))",
    )
    .bind(to_json(&named_by))
    .fetch_one(&mut *conn)
    .await?;
    let mut products: Vec<ProductTag> = read::json::<Vec<Vec<ProductTag>>>(&tags)?
        .into_iter()
        .flatten()
        .filter(|p| skus.contains(p.sku.as_str()))
        .collect();
    products.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.sku.cmp(&b.sku))
    });
    products.dedup_by(|a, b| a.sku == b.sku);
    Ok(products)
}

/// The rows with these `seq`s, in the order given.
async fn rows_by_seq(conn: &mut SqliteConnection, seqs: &[i64]) -> Result<Vec<Row>, ClientError> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    let found: Vec<(i64, Row)> = sqlx::query_as::<_, SeqRow>(&format!(
        "SELECT resource.seq, {COLUMNS} FROM resource
         WHERE resource.seq IN (SELECT value FROM json_each(?1))"
    ))
    .bind(to_json(&seqs))
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (r.seq, r.row))
    .collect();
    let mut by_seq: std::collections::HashMap<i64, Row> = found.into_iter().collect();
    Ok(seqs.iter().filter_map(|s| by_seq.remove(s)).collect())
}

#[derive(FromRow)]
struct SeqRow {
    seq: i64,
    #[sqlx(flatten)]
    row: Row,
}

/// One item's row, if it is listed.
pub async fn row(
    conn: &mut SqliteConnection,
    scope: &str,
    id: &str,
) -> Result<Option<Row>, ClientError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM resource WHERE resource.scope = ?1 AND resource.id = ?2"
    ))
    .bind(scope)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// When the user last looked at What's New.
pub async fn seen_at(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, ClientError> {
    let at: Option<String> =
        sqlx::query_scalar("SELECT seen_at FROM resource_seen WHERE scope = ?1")
            .bind(scope)
            .fetch_optional(&mut *conn)
            .await?;
    at.as_deref().map(read::time).transpose()
}

pub async fn set_seen_at(
    conn: &mut SqliteConnection,
    scope: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), ClientError> {
    sqlx::query(
        "INSERT INTO resource_seen (scope, seen_at) VALUES (?1, ?2)
         ON CONFLICT (scope) DO UPDATE SET seen_at = excluded.seen_at",
    )
    .bind(scope)
    .bind(stored_time(at))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Items published after `seen` (all when never).
pub async fn count_new(
    conn: &mut SqliteConnection,
    scope: &str,
    seen: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<u32, ClientError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM resource WHERE scope = ?1 AND (?2 IS NULL OR published_at > ?2)",
    )
    .bind(scope)
    .bind(seen.map(stored_time))
    .fetch_one(&mut *conn)
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A complete sync has run: items arriving from now on are announced (see the `resource_known`
/// table).
pub async fn library_synced(conn: &mut SqliteConnection, scope: &str) -> Result<(), ClientError> {
    sqlx::query("INSERT OR IGNORE INTO resource_known (scope, id) VALUES (?1, '')")
        .bind(scope)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The ids waiting to be announced, taken off the list (each is announced once).
pub async fn take_announcements(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Vec<String>, ClientError> {
    Ok(
        sqlx::query_scalar("DELETE FROM resource_announce WHERE scope = ?1 RETURNING id")
            .bind(scope)
            .fetch_all(&mut *conn)
            .await?,
    )
}

#[cfg(test)]
mod tests;
