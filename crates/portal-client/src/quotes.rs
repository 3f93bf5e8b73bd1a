//! The Quotes page's commands: list and read from the replica (priced with the cached price book),
//! save and delete drafts, take the partner's steps and make revisions as queued changes, and the
//! price book itself. Each action is one local transaction, checked with portal-core's rules
//! before anything is queued: a quote the server would refuse never reaches the outbox.
//!
//! What a quote shows is its view (the server's copy with the user's queued changes on top) read
//! as of today: a draft or sent quote whose validity passed is expired, and a quote that a newer
//! revision replaces is superseded as soon as that revision exists here, before the server says so.

use crate::{
    error::ClientError,
    orders::{order_rows, OrderFilter},
    outbox::{self, NewChange},
    projection::json_name,
    prospects::decode,
    replica, search,
    session::PARTNER,
    summary, Portal,
};
use chrono::{NaiveDate, Utc};
use portal_core::{
    api::partner::PartnerDetails,
    dashboard::PIPELINE_STATUSES,
    ids::{CustomerId, ProspectId, QuoteId, UserId},
    money::{Currency, Money},
    pricebook::{PriceBook, Product},
    pricing::{self, QuoteLine, QuoteTotals},
    quote::{default_validity, Approval, Quote, QuoteAction, QuoteFor, QuoteForm, QuoteStatus},
    quoting::{QuoteDetail, QuoteList, QuoteQuery, QuoteRow, QuoteSort},
    sync::{changed_fields, Entity, MutationOp},
    ApiError, ErrorKind,
};
use serde::de::DeserializeOwned;
use sqlx::{FromRow, SqliteConnection};
use std::{cmp::Ordering, collections::BTreeSet};
use uuid::Uuid;

fn not_found() -> ClientError {
    ClientError::Refused(ApiError::not_found("This quote"))
}

fn conflict(message: impl Into<String>) -> ClientError {
    ClientError::Refused(ApiError::new(ErrorKind::Conflict, message))
}

/// An enum stored by its JSON name.
pub(crate) fn from_name<T: DeserializeOwned>(name: &str) -> Result<T, ClientError> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|_| ClientError::corrupt(format!("{name:?}")))
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, ClientError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| ClientError::corrupt(s))
}

fn parse_id<T: std::str::FromStr>(s: &str) -> Result<T, ClientError> {
    s.parse()
        .map_err(|_| ClientError::corrupt(format!("id {s:?}")))
}

/// A quote's list row as read, with its prospect's or customer's name and domain and its status
/// as of the day asked.
const LISTED: &str = "
    SELECT q.id, q.number, q.revision, q.supersedes, q.for_kind, q.for_id,
           COALESCE(p.company_name, c.server_body ->> '$.company_name', '') AS for_name,
           COALESCE(p.domain, c.server_body ->> '$.domain', '') AS for_domain,
           q.total_minor, q.cost_minor, q.currency, q.valid_until, q.created_on,
           CASE WHEN q.status = 'superseded' OR q.superseded_by IS NOT NULL
                  OR EXISTS (SELECT 1 FROM quote n WHERE n.scope = q.scope AND n.supersedes = q.id)
                THEN 'superseded'
                WHEN q.status IN ('draft', 'sent') AND q.valid_until < ?2 THEN 'expired'
                ELSE q.status END AS shown_status,
           q.approval, q.owner_id, q.waiting, q.pending
    FROM quote q
    LEFT JOIN prospect p ON q.for_kind = 'prospect' AND p.scope = q.scope AND p.id = q.for_id
    LEFT JOIN record c ON q.for_kind = 'customer' AND c.scope = q.scope
      AND c.entity = 'customer' AND c.id = q.for_id
    WHERE q.scope = ?1";

#[derive(Debug, Clone, FromRow)]
pub(crate) struct Listed {
    id: String,
    number: Option<String>,
    revision: i64,
    supersedes: Option<String>,
    for_kind: String,
    for_id: String,
    pub(crate) for_name: String,
    pub(crate) for_domain: String,
    total_minor: i64,
    cost_minor: i64,
    currency: String,
    valid_until: String,
    created_on: String,
    shown_status: String,
    approval: String,
    owner_id: String,
    waiting: bool,
    pending: bool,
}

impl Listed {
    pub(crate) fn into_row(self) -> Result<QuoteRow, ClientError> {
        let currency =
            Currency::parse(&self.currency).ok_or_else(|| ClientError::corrupt(&self.currency))?;
        let quote_for = match self.for_kind.as_str() {
            "prospect" => QuoteFor::Prospect(parse_id::<ProspectId>(&self.for_id)?),
            "customer" => QuoteFor::Customer(parse_id::<CustomerId>(&self.for_id)?),
            other => return Err(ClientError::corrupt(format!("quote for {other:?}"))),
        };
        let revision = u32::try_from(self.revision).map_err(ClientError::corrupt)?;
        Ok(QuoteRow {
            id: parse_id(&self.id)?,
            reference: reference(self.number.as_deref(), revision),
            revision,
            quote_for,
            for_name: self.for_name,
            total: Money::new(self.total_minor, currency),
            cost_total: Money::new(self.cost_minor, currency),
            valid_until: parse_date(&self.valid_until)?,
            created_on: parse_date(&self.created_on)?,
            status: from_name(&self.shown_status)?,
            approval: from_name(&self.approval)?,
            owner_id: parse_id::<UserId>(&self.owner_id)?,
            waiting_for_server: self.waiting,
            pending: self.pending,
        })
    }
}

/// `Q-000042 rev 2`, or `New quote` before the server numbered it (as [`Quote::reference`]).
fn reference(number: Option<&str>, revision: u32) -> String {
    match number {
        Some(n) if revision > 1 => format!("{n} rev {revision}"),
        Some(n) => n.to_owned(),
        None if revision > 1 => format!("New quote rev {revision}"),
        None => "New quote".into(),
    }
}

/// The list rows of the scope's quotes, filtered by equality on the columns given.
pub(crate) async fn listed(
    conn: &mut SqliteConnection,
    scope: &str,
    today: NaiveDate,
    filters: &[(&str, String)],
) -> Result<Vec<Listed>, ClientError> {
    let mut sql = LISTED.to_owned();
    for (i, (column, _)) in filters.iter().enumerate() {
        debug_assert!(column.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        sql.push_str(&format!(" AND q.{column} = ?{}", i + 3));
    }
    let mut query = sqlx::query_as::<_, Listed>(&sql)
        .bind(scope)
        .bind(today.to_string());
    for (_, value) in filters {
        query = query.bind(value);
    }
    Ok(query.fetch_all(&mut *conn).await?)
}

/// One quote's list row as of `today`.
pub(crate) async fn listed_one(
    conn: &mut SqliteConnection,
    scope: &str,
    today: NaiveDate,
    id: QuoteId,
) -> Result<Option<Listed>, ClientError> {
    Ok(listed(conn, scope, today, &[("id", id.to_string())])
        .await?
        .into_iter()
        .next())
}

fn status_rank(s: QuoteStatus) -> usize {
    QuoteStatus::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// The products of the cached price book (inactive ones too: old quotes still price with them),
/// by name.
pub(crate) async fn cached_products(
    conn: &mut SqliteConnection,
    scope: &str,
) -> Result<Vec<Product>, ClientError> {
    let mut products: Vec<Product> = replica::bodies(conn, scope, Entity::Product)
        .await?
        .into_iter()
        .filter_map(|(id, body)| crate::projection::decode(Entity::Product, id, &body))
        .collect();
    products.sort_by(|a, b| a.name.cmp(&b.name).then(a.sku.cmp(&b.sku)));
    Ok(products)
}

/// The name and domain of the prospect or customer a quote is for, when the cache holds it.
pub(crate) async fn party(
    conn: &mut SqliteConnection,
    scope: &str,
    quote_for: QuoteFor,
) -> Result<Option<(String, String)>, ClientError> {
    Ok(match quote_for {
        QuoteFor::Prospect(p) => {
            sqlx::query_as("SELECT company_name, domain FROM prospect WHERE scope = ?1 AND id = ?2")
                .bind(scope)
                .bind(p.to_string())
                .fetch_optional(&mut *conn)
                .await?
        }
        QuoteFor::Customer(c) => {
            sqlx::query_as(
                "SELECT COALESCE(server_body ->> '$.company_name', ''),
                        COALESCE(server_body ->> '$.domain', '')
                 FROM record WHERE scope = ?1 AND entity = 'customer' AND id = ?2
                   AND server_body IS NOT NULL",
            )
            .bind(scope)
            .bind(c.to_string())
            .fetch_optional(&mut *conn)
            .await?
        }
    })
}

/// A quote as it stands in the view, with its version.
pub(crate) async fn current(
    conn: &mut SqliteConnection,
    scope: &str,
    id: QuoteId,
) -> Result<(Quote, i64), ClientError> {
    let view = replica::view(conn, scope, Entity::Quote, id.0)
        .await?
        .ok_or_else(not_found)?;
    Ok((decode(view.body)?, view.version))
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
async fn shown_approval(
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
    let server = replica::server_copy(conn, scope, Entity::Quote, quote.id.0).await?;
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

/// A new draft for `me`, before the form is applied to it.
fn new_quote(id: QuoteId, me: UserId, today: NaiveDate, book: &PriceBook) -> Quote {
    let currency = book
        .products
        .iter()
        .find(|p| p.active)
        .map_or(Currency::USD, |p| p.list_price.currency);
    Quote {
        id,
        number: None,
        revision: 1,
        supersedes: None,
        superseded_by: None,
        // Set by the form (which refuses to go on without one).
        quote_for: QuoteFor::Prospect(ProspectId::from_uuid(Uuid::nil())),
        deal_id: None,
        currency,
        lines: Vec::new(),
        totals: QuoteTotals::zero(currency),
        valid_until: default_validity(today),
        notes: String::new(),
        owner_id: me,
        created_on: today,
        status: QuoteStatus::Draft,
        approval: Approval::NotNeeded,
        approval_reason: None,
        status_reason: None,
        sent_on: None,
        decided_on: None,
    }
}

/// The record label of a quote's change.
async fn label(
    conn: &mut SqliteConnection,
    scope: &str,
    quote: &Quote,
) -> Result<String, ClientError> {
    let name = party(conn, scope, quote.quote_for)
        .await?
        .map(|(n, _)| n)
        .unwrap_or_default();
    Ok(summary::quote_label(
        quote.number.as_deref(),
        quote.revision,
        &name,
    ))
}

/// What the form refers to that the cache must know: the prospect or customer, and the deal
/// registration (of that prospect). `before` is the quote being edited, whose references stand.
async fn reference_errors(
    conn: &mut SqliteConnection,
    scope: &str,
    form: &QuoteForm,
    before: Option<&Quote>,
) -> Result<Vec<ApiError>, ClientError> {
    let mut errors = Vec::new();
    if let Some(quote_for) = form.quote_for {
        let unchanged = before.is_some_and(|b| b.quote_for == quote_for);
        if !unchanged && party(conn, scope, quote_for).await?.is_none() {
            errors.push(ApiError::invalid(
                "quote_for",
                "Choose one of your prospects or customers.",
            ));
        }
    }
    if let Some(deal) = form.deal_id {
        let unchanged = before.is_some_and(|b| b.deal_id == Some(deal));
        if !unchanged {
            let prospect: Option<String> =
                sqlx::query_scalar("SELECT prospect_id FROM deal WHERE scope = ?1 AND id = ?2")
                    .bind(scope)
                    .bind(deal.to_string())
                    .fetch_optional(&mut *conn)
                    .await?;
            match (prospect, form.quote_for) {
                (None, _) => errors.push(ApiError::invalid(
                    "deal_id",
                    "Choose one of your deal registrations.",
                )),
                (Some(p), Some(QuoteFor::Prospect(q))) if p != q.to_string() => errors.push(
                    ApiError::invalid("deal_id", "This deal registration is for another prospect."),
                ),
                _ => {}
            }
        }
    }
    Ok(errors)
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
            None => match self.partner_details().await {
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
                QuoteFor::Prospect(p) => ("prospect", p.to_string()),
                QuoteFor::Customer(c) => ("customer", c.to_string()),
            };
            filters.push(("for_kind", kind.to_owned()));
            filters.push(("for_id", id));
        }
        if let Some(d) = query.deal_id {
            filters.push(("deal_id", d.to_string()));
        }
        let needle = search::needle(&query.search);
        let wanted_status = query.status.map(json_name);
        let superseded = json_name(QuoteStatus::Superseded);
        // The shown status is the pipeline's test already (superseded and expired ones are not
        // draft, sent or accepted).
        let pipeline = PIPELINE_STATUSES.map(json_name);
        let mut rows: Vec<Listed> = listed(&mut conn, &scope, today, &filters)
            .await?
            .into_iter()
            .filter(|r| match &wanted_status {
                Some(s) => &r.shown_status == s,
                None => query.include_superseded || r.shown_status != superseded,
            })
            .filter(|r| !query.in_pipeline || pipeline.contains(&r.shown_status))
            .filter(|r| {
                needle.is_empty()
                    || r.number.as_deref().is_some_and(|n| {
                        reference(Some(n), r.revision as u32)
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
                    let rank = |r: &Listed| {
                        from_name::<QuoteStatus>(&r.shown_status).map_or(0, status_rank)
                    };
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
        let view = replica::view(&mut conn, &scope, Entity::Quote, id.0)
            .await?
            .ok_or_else(not_found)?;
        let mut quote: Quote = decode(view.body)?;
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

    /// Creates a draft (`id` of `None`) or edits a draft: the form is priced with the cached
    /// price book and checked as the server checks it, then queued (a new quote whole, an edit as
    /// the fields it changes). Every field error is returned at once ([`ClientError::Form`]).
    pub async fn save_quote(
        &self,
        id: Option<QuoteId>,
        form: QuoteForm,
    ) -> Result<QuoteDetail, ClientError> {
        let (scope, me) = self.me().await?;
        let book = self.price_book().await?;
        let today = Utc::now().date_naive();
        let mut tx = self.cache.pool().begin().await?;
        let before = match id {
            None => None,
            Some(id) => {
                let view = replica::view(&mut tx, &scope, Entity::Quote, id.0)
                    .await?
                    .ok_or_else(not_found)?;
                let quote: Quote = decode(view.body.clone())?;
                if quote.status != QuoteStatus::Draft {
                    return Err(conflict(format!(
                        "This quote is {}; only a draft can be edited. Revise it to change it.",
                        quote.status.label().to_lowercase()
                    )));
                }
                Some((quote, view))
            }
        };
        let base = match &before {
            Some((quote, _)) => quote.clone(),
            None => new_quote(QuoteId::from_uuid(Uuid::now_v7()), me, today, &book),
        };
        let references =
            reference_errors(&mut tx, &scope, &form, before.as_ref().map(|(q, _)| q)).await?;
        let (mut quote, priced) = match form.apply(base, &book, today) {
            Ok(applied) if references.is_empty() => applied,
            Ok(_) => return Err(ClientError::from_form(references)),
            Err(mut errors) => {
                errors.extend(references);
                return Err(ClientError::from_form(errors));
            }
        };
        let (op, summary) = match &before {
            None => {
                quote.approval = Quote::approval_for(&priced, Approval::NotNeeded, false);
                let body = serde_json::to_value(&quote).expect("a quote serializes");
                (MutationOp::Create { body }, "Created".to_owned())
            }
            Some((_, view)) => {
                let body = serde_json::to_value(&quote).expect("a quote serializes");
                let mut fields = changed_fields(&view.body, &body);
                fields.retain(|k, _| Quote::is_partner_field(k));
                match outbox::edit(view.version, fields) {
                    Some(edit) => edit,
                    None => {
                        drop(tx);
                        return self.quote(quote.id).await;
                    }
                }
            }
        };
        let change = NewChange {
            entity: Entity::Quote,
            record_id: quote.id.0,
            op,
            summary,
            record_label: label(&mut tx, &scope, &quote).await?,
        };
        self.queue(tx, &scope, change).await?;
        self.quote(quote.id).await
    }

    /// Deletes a draft (a draft revision: the quote it revises stands again).
    pub async fn delete_quote(&self, id: QuoteId) -> Result<(), ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let (quote, version) = current(&mut tx, &scope, id).await?;
        if quote.status != QuoteStatus::Draft {
            return Err(conflict("Only a draft quote can be deleted."));
        }
        let change = NewChange {
            entity: Entity::Quote,
            record_id: id.0,
            op: MutationOp::Delete {
                base_version: version,
            },
            summary: "Deleted".into(),
            record_label: label(&mut tx, &scope, &quote).await?,
        };
        self.queue(tx, &scope, change).await?;
        Ok(())
    }

    /// A partner's step (mark as sent, accepted or declined by the customer), checked here first
    /// against the quote's status as of today, its approval and its validity. It shows as waiting
    /// for the server until the server answers.
    pub async fn quote_action(
        &self,
        id: QuoteId,
        action: QuoteAction,
    ) -> Result<QuoteDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let today = Utc::now().date_naive();
        let mut tx = self.cache.pool().begin().await?;
        let (quote, version) = current(&mut tx, &scope, id).await?;
        let row = listed_one(&mut tx, &scope, today, id)
            .await?
            .ok_or_else(not_found)?;
        let shown: QuoteStatus = from_name(&row.shown_status)?;
        let products = cached_products(&mut tx, &scope).await?;
        let approval = shown_approval(&mut tx, &scope, &quote, &products).await?;
        shown
            .apply(action, approval, quote.valid_until, today)
            .map_err(|e| conflict(e.to_string()))?;
        let change = NewChange {
            entity: Entity::Quote,
            record_id: id.0,
            op: MutationOp::Act {
                base_version: version,
                action: action.into(),
            },
            summary: summary::quote_acted(action).into(),
            record_label: label(&mut tx, &scope, &quote).await?,
        };
        self.queue(tx, &scope, change).await?;
        self.quote(id).await
    }

    /// A new revision of a quote the customer has seen: the same number, lines and customer,
    /// repriced with today's price book, as a draft. The quote it revises shows as superseded at
    /// once.
    pub async fn revise_quote(&self, id: QuoteId) -> Result<QuoteDetail, ClientError> {
        let (scope, me) = self.me().await?;
        let book = self.price_book().await?;
        let today = Utc::now().date_naive();
        let mut tx = self.cache.pool().begin().await?;
        let (quote, _) = current(&mut tx, &scope, id).await?;
        let row = listed_one(&mut tx, &scope, today, id)
            .await?
            .ok_or_else(not_found)?;
        let shown: QuoteStatus = from_name(&row.shown_status)?;
        if !shown.is_revisable() {
            return Err(conflict(match shown {
                QuoteStatus::Draft => {
                    "This quote is a draft: edit it instead of revising it.".into()
                }
                other => format!(
                    "This quote is {}, so it cannot be revised.",
                    other.label().to_lowercase()
                ),
            }));
        }
        let revised = quote.revise(QuoteId::from_uuid(Uuid::now_v7()), me, today);
        let form = QuoteForm::from_quote(&revised);
        let (mut revised, priced) = form
            .apply(revised, &book, today)
            .map_err(ClientError::from_form)?;
        revised.approval = Quote::approval_for(&priced, Approval::NotNeeded, false);
        let body = serde_json::to_value(&revised).expect("a quote serializes");
        let change = NewChange {
            entity: Entity::Quote,
            record_id: revised.id.0,
            op: MutationOp::Create { body },
            summary: format!("Created revision {}", revised.revision),
            record_label: label(&mut tx, &scope, &revised).await?,
        };
        self.queue(tx, &scope, change).await?;
        self.quote(revised.id).await
    }
}
