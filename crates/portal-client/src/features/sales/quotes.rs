//! Sales › Quotes: list and read quotes from the replica (priced with the cached price book), and
//! the price book itself. Saving, steps and revisions are in [`super::quote_edits`].
//!
//! What a quote shows is its view (the server's copy with the user's queued changes on top) read
//! as of today: a draft or sent quote whose validity passed is expired, and a quote that a newer
//! revision replaces is superseded as soon as that revision exists here, before the server says so.

use crate::{
    error::ClientError,
    lists::{
        labels::quote_reference,
        orders::{order_rows, OrderFilter},
        price_book::cached_products,
        quotes::{listed, listed_one, Listed},
        search,
    },
    portal::PARTNER,
    replica::copy,
    Portal,
};
use chrono::{NaiveDate, Utc};
use portal_core::{
    api::partner::PartnerDetails,
    dashboard::PIPELINE_STATUSES,
    ids::QuoteId,
    pricebook::{PriceBook, Product},
    pricing::{self, QuoteLine},
    quote::{Approval, Quote, QuoteFor, QuoteStatus},
    quoting::{QuoteDetail, QuoteList, QuoteQuery, QuoteRow, QuoteSort},
    sync::Entity,
    ApiError, ErrorKind,
};
use sqlx::SqliteConnection;
use std::{cmp::Ordering, collections::BTreeSet};
use uuid::Uuid;

pub fn not_found() -> ClientError {
    ClientError::Refused(ApiError::not_found("This quote"))
}

pub fn conflict(message: impl Into<String>) -> ClientError {
    ClientError::Refused(ApiError::new(ErrorKind::Conflict, message))
}

fn status_rank(s: QuoteStatus) -> usize {
    QuoteStatus::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// A quote as it stands in the view, with its version.
pub async fn current(
    conn: &mut SqliteConnection,
    scope: &str,
    id: QuoteId,
) -> Result<(Quote, i64), ClientError> {
    let view = copy::view(conn, scope, Entity::Quote, id.0)
        .await?
        .ok_or_else(not_found)?;
    Ok((view.decode()?, view.version))
}

/// The (product, discount) pairs of some lines: what the vendor's approval is given for.
fn discounts(lines: &[QuoteLine]) -> BTreeSet<(Uuid, u32)> {
    lines
        .iter()
        .map(|l| (l.product_id.0, l.discount.basis_points()))
        .collect()
}

/// The approval a quote's view stands at: the server's, unless the lines changed here since (a
/// discount above its cap asks for approval again when the server takes the change, as
/// [`Quote::approval_for`] decides there), or the cache cannot price it.
pub async fn shown_approval(
    conn: &mut SqliteConnection,
    scope: &str,
    quote: &Quote,
    products: &[Product],
) -> Result<Approval, ClientError> {
    // Whether a discount is above its cap does not depend on the firm's margin.
    let book = PriceBook {
        products: products.to_vec(),
        margin: Default::default(),
    };
    let Ok(priced) = pricing::price_quote(&book, &quote.lines, quote.currency) else {
        return Ok(quote.approval);
    };
    let server = copy::server_copy(conn, scope, Entity::Quote, quote.id.0).await?;
    let Some(server_quote) = server
        .body
        .and_then(|b| serde_json::from_value::<Quote>(b).ok())
    else {
        // Made here: the approval was worked out when it was made.
        return Ok(quote.approval);
    };
    let changed = discounts(&server_quote.lines) != discounts(&quote.lines);
    Ok(Quote::approval_for(&priced, server_quote.approval, changed))
}

impl Portal {
    /// The price book as the cache holds it: the products of the last sync and the firm's margin.
    /// The margin comes with the firm's details (cached at sign-in and whenever they are read);
    /// if this computer has never had them, they are fetched now, and offline that is an error
    /// saying so (quotes cannot be priced without the margin).
    pub async fn price_book(&self) -> Result<PriceBook, ClientError> {
        let (scope, _) = self.me().await?;
        let products = {
            let mut conn = self.cache.pool().acquire().await?;
            cached_products(&mut conn, &scope).await?
        };
        let margin = match self.cache.get::<PartnerDetails>(&scope, PARTNER).await? {
            Some(cached) => cached.value.margin,
            None => match self.firm_details().await {
                Ok(details) => details.data.margin,
                Err(e) if e.is_offline() => {
                    return Err(ClientError::Refused(ApiError::new(
                        ErrorKind::Offline,
                        "Your firm's margin is not on this computer yet, so quotes cannot be \
                         priced. Connect to the server once so the app can fetch your firm's \
                         details.",
                    )))
                }
                Err(e) => return Err(e),
            },
        };
        Ok(PriceBook { products, margin })
    }

    /// One page of the quotes that match, from the local cache.
    pub async fn quotes(&self, query: QuoteQuery) -> Result<QuoteList, ClientError> {
        let (scope, _) = self.me().await?;
        let today = Utc::now().date_naive();
        let mut conn = self.cache.pool().acquire().await?;
        let mut filters = Vec::new();
        if let Some(f) = query.quote_for {
            let (kind, id) = match f {
                QuoteFor::Prospect(p) => (Entity::Prospect.as_str(), p.to_string()),
                QuoteFor::Customer(c) => (Entity::Customer.as_str(), c.to_string()),
            };
            filters.push(("for_kind", kind.to_owned()));
            filters.push(("for_id", id));
        }
        if let Some(d) = query.deal_id {
            filters.push(("deal_id", d.to_string()));
        }
        let needle = search::needle(&query.search);
        let wanted_status = query.status.map(QuoteStatus::as_str);
        let superseded = QuoteStatus::Superseded.as_str();
        // The shown status is the pipeline's test already (superseded and expired ones are not
        // draft, sent or accepted).
        let pipeline = PIPELINE_STATUSES.map(QuoteStatus::as_str);
        let mut rows: Vec<Listed> = listed(&mut conn, &scope, today, &filters)
            .await?
            .into_iter()
            .filter(|r| match wanted_status {
                Some(s) => r.shown_status == s,
                None => query.include_superseded || r.shown_status != superseded,
            })
            .filter(|r| !query.in_pipeline || pipeline.contains(&r.shown_status.as_str()))
            .filter(|r| {
                needle.is_empty()
                    || r.number.as_deref().is_some_and(|n| {
                        quote_reference(Some(n), r.revision as u32)
                            .to_lowercase()
                            .contains(&needle)
                    })
                    || r.for_name.to_lowercase().contains(&needle)
                    || r.for_domain.to_lowercase().contains(&needle)
            })
            .collect();
        let key = |a: &Listed, b: &Listed| -> Ordering {
            match query.sort {
                // Newest first, unless `descending` turns it round.
                QuoteSort::Created => (&b.created_on, &b.id).cmp(&(&a.created_on, &a.id)),
                QuoteSort::Number => (&a.number, a.revision).cmp(&(&b.number, b.revision)),
                QuoteSort::ForName => a.for_name.to_lowercase().cmp(&b.for_name.to_lowercase()),
                QuoteSort::Total => a.total_minor.cmp(&b.total_minor),
                QuoteSort::ValidUntil => a.valid_until.cmp(&b.valid_until),
                QuoteSort::Status => {
                    let rank =
                        |r: &Listed| QuoteStatus::parse(&r.shown_status).map_or(0, status_rank);
                    rank(a).cmp(&rank(b))
                }
            }
        };
        rows.sort_by(|a, b| {
            // Ties: the newest first (ids are UUIDv7, so they sort by birth).
            let order = key(a, b).then_with(|| b.id.cmp(&a.id));
            if query.descending {
                order.reverse()
            } else {
                order
            }
        });
        let total = rows.len() as u64;
        let limit = match query.limit {
            0 => search::DEFAULT_LIMIT,
            n => n.min(search::MAX_LIMIT),
        } as usize;
        let rows = rows
            .into_iter()
            .skip(query.offset as usize)
            .take(limit)
            .map(Listed::into_row)
            .collect::<Result<_, _>>()?;
        Ok(QuoteList { rows, total })
    }

    /// One quote with its pricing, its revisions (newest first) and the order placed from it.
    pub async fn quote(&self, id: QuoteId) -> Result<QuoteDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let today = Utc::now().date_naive();
        // Read before the connection is taken: the pool has one.
        let margin = self
            .cache
            .get::<PartnerDetails>(&scope, PARTNER)
            .await?
            .map(|d| d.value.margin);
        let mut conn = self.cache.pool().acquire().await?;
        let view = copy::view(&mut conn, &scope, Entity::Quote, id.0)
            .await?
            .ok_or_else(not_found)?;
        let mut quote: Quote = view.decode()?;
        let row = listed_one(&mut conn, &scope, today, id)
            .await?
            .ok_or_else(not_found)?;
        let products = cached_products(&mut conn, &scope).await?;
        quote.approval = shown_approval(&mut conn, &scope, &quote, &products).await?;
        let priced = margin.and_then(|margin| {
            let book = PriceBook { products, margin };
            pricing::price_quote(&book, &quote.lines, quote.currency).ok()
        });
        let deal_number: Option<String> = match quote.deal_id {
            Some(d) => sqlx::query_scalar::<_, Option<String>>(
                "SELECT number FROM deal WHERE scope = ?1 AND id = ?2",
            )
            .bind(&scope)
            .bind(d.to_string())
            .fetch_optional(&mut *conn)
            .await?
            .flatten(),
            None => None,
        };
        let revisions = self.revisions(&mut conn, &scope, today, &row).await?;
        let order = order_rows(
            &mut conn,
            &scope,
            &OrderFilter {
                quote_id: Some(id),
                ..OrderFilter::default()
            },
        )
        .await?
        .into_iter()
        .next();
        let (for_name, for_domain) = (row.for_name.clone(), row.for_domain.clone());
        let row = row.into_row()?;
        Ok(QuoteDetail {
            reference: quote.reference(),
            priced,
            for_name,
            for_domain,
            deal_number,
            status: row.status,
            revisions,
            order,
            version: view.version,
            waiting_for_server: row.waiting_for_server,
            pending: row.pending,
            quote,
        })
    }

    /// Every revision of the quote of `row`, newest first: those sharing its number, and those
    /// linked to it by `supersedes` (revisions made here before the server numbered them).
    async fn revisions(
        &self,
        conn: &mut SqliteConnection,
        scope: &str,
        today: NaiveDate,
        row: &Listed,
    ) -> Result<Vec<QuoteRow>, ClientError> {
        let mut candidates = listed(conn, scope, today, &[("for_id", row.for_id.clone())]).await?;
        if let Some(n) = &row.number {
            for r in listed(conn, scope, today, &[("number", n.clone())]).await? {
                if !candidates.iter().any(|c| c.id == r.id) {
                    candidates.push(r);
                }
            }
        }
        let mut family: BTreeSet<String> = BTreeSet::from([row.id.clone()]);
        loop {
            let before = family.len();
            for c in &candidates {
                let linked = c.supersedes.as_ref().is_some_and(|s| family.contains(s))
                    || candidates
                        .iter()
                        .any(|o| family.contains(&o.id) && o.supersedes.as_ref() == Some(&c.id))
                    || (c.number.is_some() && c.number == row.number);
                if linked {
                    family.insert(c.id.clone());
                }
            }
            if family.len() == before {
                break;
            }
        }
        let mut rows: Vec<Listed> = candidates
            .into_iter()
            .filter(|c| family.contains(&c.id))
            .collect();
        rows.sort_by(|a, b| (b.revision, &b.id).cmp(&(a.revision, &a.id)));
        rows.into_iter().map(Listed::into_row).collect()
    }
}
