//! The deal list: each deal registration's row (with its prospect's name and domain as the list
//! holds them, brought along when the prospect changes), and the Deals page's query over them.

use super::{
    prospects::prospect_part,
    search::{needle, page_bounds, Arg, Listing},
};
use crate::{error::ClientError, store::read};
use portal_core::{
    deal::DealStatus,
    money::Money,
    registration::Deal,
    sales::{DealList, DealQuery, DealRow, DealSort},
};
use sqlx::{FromRow, SqliteConnection};

/// A status's place in the list's status order.
pub fn deal_rank(s: DealStatus) -> i64 {
    DealStatus::ALL.iter().position(|x| *x == s).unwrap_or(0) as i64
}

/// The list row of one deal (`pending`: changes wait for the server; `waiting`: a step waits
/// for its word).
pub async fn put_deal(
    conn: &mut SqliteConnection,
    scope: &str,
    d: &Deal,
    pending: bool,
    waiting: bool,
) -> Result<(), ClientError> {
    let prospect: Option<(String, String)> =
        sqlx::query_as("SELECT company_name, domain FROM prospect WHERE scope = ?1 AND id = ?2")
            .bind(scope)
            .bind(d.prospect_id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    let (name, domain) = prospect.unwrap_or_default();
    let number = d.number.clone().unwrap_or_default();
    let search = format!(
        "{} {}",
        number.to_lowercase(),
        prospect_part(&name, &domain)
    );
    sqlx::query(
        "INSERT INTO deal (scope, id, number, prospect_id, prospect_name, domain, value_minor,
           currency, expected_close, status, status_rank, status_reason, expires_on, owner_id,
           waiting, pending, search)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT (scope, id) DO UPDATE SET
           number = excluded.number, prospect_id = excluded.prospect_id,
           prospect_name = excluded.prospect_name, domain = excluded.domain,
           value_minor = excluded.value_minor, currency = excluded.currency,
           expected_close = excluded.expected_close, status = excluded.status,
           status_rank = excluded.status_rank, status_reason = excluded.status_reason,
           expires_on = excluded.expires_on, owner_id = excluded.owner_id,
           waiting = excluded.waiting, pending = excluded.pending, search = excluded.search",
    )
    .bind(scope)
    .bind(d.id.to_string())
    .bind(d.number.as_deref())
    .bind(d.prospect_id.to_string())
    .bind(&name)
    .bind(&domain)
    .bind(d.estimated_value.minor)
    .bind(d.estimated_value.currency.code())
    .bind(d.expected_close.to_string())
    .bind(d.status.as_str())
    .bind(deal_rank(d.status))
    .bind(d.status_reason.as_deref())
    .bind(d.expires_on.map(|e| e.to_string()))
    .bind(d.owner_id.to_string())
    .bind(waiting)
    .bind(pending)
    .bind(search)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The list rows of a page of pulled deals, none of them with changes queued here (so neither
/// pending nor waiting), each with its prospect's name and domain as the list holds them now, as
/// [`put_deal`] does one by one. The ids must be distinct.
pub async fn put_deals(
    conn: &mut SqliteConnection,
    scope: &str,
    deals: &[Deal],
) -> Result<(), ClientError> {
    if deals.is_empty() {
        return Ok(());
    }
    let wanted: Vec<String> = deals.iter().map(|d| d.prospect_id.to_string()).collect();
    let found: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT p.id, p.company_name, p.domain FROM json_each(?2) AS j
         CROSS JOIN prospect AS p ON p.scope = ?1 AND p.id = j.value",
    )
    .bind(scope)
    .bind(read::to_json(&wanted))
    .fetch_all(&mut *conn)
    .await?;
    let names: std::collections::HashMap<String, (String, String)> = found
        .into_iter()
        .map(|(id, name, domain)| (id, (name, domain)))
        .collect();
    type Row<'a> = (
        String,
        Option<&'a str>,
        &'a String,
        &'a str,
        &'a str,
        i64,
        &'a str,
        String,
        &'a str,
        i64,
        Option<&'a str>,
        Option<String>,
        String,
        String,
    );
    let none = (String::new(), String::new());
    let rows: Vec<Row> = deals
        .iter()
        .zip(&wanted)
        .map(|(d, prospect_id)| {
            let (name, domain) = names.get(prospect_id).unwrap_or(&none);
            let number = d.number.clone().unwrap_or_default();
            let search = format!("{} {}", number.to_lowercase(), prospect_part(name, domain));
            (
                d.id.to_string(),
                d.number.as_deref(),
                prospect_id,
                name.as_str(),
                domain.as_str(),
                d.estimated_value.minor,
                d.estimated_value.currency.code(),
                d.expected_close.to_string(),
                d.status.as_str(),
                deal_rank(d.status),
                d.status_reason.as_deref(),
                d.expires_on.map(|e| e.to_string()),
                d.owner_id.to_string(),
                search,
            )
        })
        .collect();
    sqlx::query(
        "INSERT INTO deal (scope, id, number, prospect_id, prospect_name, domain, value_minor,
           currency, expected_close, status, status_rank, status_reason, expires_on, owner_id,
           waiting, pending, search)
         SELECT ?1, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4,
           j.value ->> 5, j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9,
           j.value ->> 10, j.value ->> 11, j.value ->> 12, 0, 0, j.value ->> 13
         FROM json_each(?2) AS j WHERE true
         ON CONFLICT (scope, id) DO UPDATE SET
           number = excluded.number, prospect_id = excluded.prospect_id,
           prospect_name = excluded.prospect_name, domain = excluded.domain,
           value_minor = excluded.value_minor, currency = excluded.currency,
           expected_close = excluded.expected_close, status = excluded.status,
           status_rank = excluded.status_rank, status_reason = excluded.status_reason,
           expires_on = excluded.expires_on, owner_id = excluded.owner_id,
           waiting = excluded.waiting, pending = excluded.pending, search = excluded.search",
    )
    .bind(scope)
    .bind(read::to_json(&rows))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(FromRow)]
pub struct DealListRow {
    id: String,
    number: Option<String>,
    prospect_id: String,
    prospect_name: String,
    domain: String,
    value_minor: i64,
    currency: String,
    expected_close: String,
    status: String,
    status_reason: Option<String>,
    expires_on: Option<String>,
    waiting: bool,
    pending: bool,
}

pub const DEAL_COLUMNS: &str = "deal.id, deal.number, deal.prospect_id, \
    deal.prospect_name, deal.domain, deal.value_minor, deal.currency, deal.expected_close, \
    deal.status, deal.status_reason, deal.expires_on, deal.waiting, deal.pending";

impl DealListRow {
    pub fn into_row(self) -> Result<DealRow, ClientError> {
        Ok(DealRow {
            id: read::id(&self.id)?,
            number: self.number,
            prospect_id: read::id(&self.prospect_id)?,
            prospect_name: self.prospect_name,
            domain: self.domain,
            estimated_value: Money::new(self.value_minor, read::currency(&self.currency)?),
            expected_close: read::date(&self.expected_close)?,
            status: read::wire(&self.status)?,
            status_reason: self.status_reason,
            expires_on: self.expires_on.as_deref().map(read::date).transpose()?,
            waiting_for_server: self.waiting,
            pending: self.pending,
        })
    }
}

/// One page of the scope's deals matching the query.
pub async fn deals(
    conn: &mut SqliteConnection,
    scope: &str,
    query: &DealQuery,
) -> Result<DealList, ClientError> {
    let dir = if query.descending { " DESC" } else { "" };
    let order = match query.sort {
        DealSort::Number => format!("deal.number{dir}"),
        DealSort::ProspectName => format!("deal.prospect_name COLLATE NOCASE{dir}"),
        DealSort::Value => format!("deal.value_minor{dir}"),
        DealSort::ExpectedClose => format!("deal.expected_close{dir}"),
        DealSort::Status => format!("deal.status_rank{dir}, deal.number{dir}"),
    } + &format!(", deal.seq{dir}");
    let mut filters = Vec::new();
    if let Some(s) = query.status {
        filters.push(("status_rank", Arg::Int(deal_rank(s))));
    }
    if let Some(p) = query.prospect_id {
        filters.push(("prospect_id", Arg::Text(p.to_string())));
    }
    let (limit, offset) = page_bounds(query.limit, query.offset);
    let listing = Listing {
        table: "deal",
        fts: "deal_fts",
        grams: None,
        columns: DEAL_COLUMNS,
        scope,
        filters,
        order,
        limit,
        offset,
    };
    let (total, rows) = listing
        .run::<DealListRow>(conn, &needle(&query.search))
        .await?;
    let rows = rows
        .into_iter()
        .map(DealListRow::into_row)
        .collect::<Result<_, _>>()?;
    Ok(DealList { rows, total })
}
