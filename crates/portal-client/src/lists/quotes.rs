//! The quote list: each quote's row (projected from its view), and the rows as the lists read
//! them — with the prospect's or customer's name, and the status shown as of a day.

use super::labels::quote_reference;
use crate::{error::ClientError, store::read};
use chrono::NaiveDate;
use portal_core::{
    ids::QuoteId,
    money::Money,
    quote::{Quote, QuoteFor, QuoteStatus},
    quoting::QuoteRow,
    sync::Entity,
    wire::sql_list,
};
use sqlx::{FromRow, SqliteConnection};
use std::sync::LazyLock;

/// The list row of one quote (`pending`: changes wait for the server; `waiting`: a step waits
/// for its word).
pub async fn put_quote(
    conn: &mut SqliteConnection,
    scope: &str,
    q: &Quote,
    pending: bool,
    waiting: bool,
) -> Result<(), ClientError> {
    let (for_kind, for_id) = match q.quote_for {
        QuoteFor::Prospect(p) => (Entity::Prospect.as_str(), p.to_string()),
        QuoteFor::Customer(c) => (Entity::Customer.as_str(), c.to_string()),
    };
    sqlx::query(
        "INSERT INTO quote (scope, id, number, revision, supersedes, superseded_by, for_kind,
           for_id, deal_id, total_minor, cost_minor, currency, valid_until, created_on, status,
           approval, owner_id, waiting, pending)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
           ?19)
         ON CONFLICT (scope, id) DO UPDATE SET
           number = excluded.number, revision = excluded.revision,
           supersedes = excluded.supersedes, superseded_by = excluded.superseded_by,
           for_kind = excluded.for_kind, for_id = excluded.for_id, deal_id = excluded.deal_id,
           total_minor = excluded.total_minor, cost_minor = excluded.cost_minor,
           currency = excluded.currency, valid_until = excluded.valid_until,
           created_on = excluded.created_on, status = excluded.status,
           approval = excluded.approval, owner_id = excluded.owner_id,
           waiting = excluded.waiting, pending = excluded.pending",
    )
    .bind(scope)
    .bind(q.id.to_string())
    .bind(q.number.as_deref())
    .bind(i64::from(q.revision))
    .bind(q.supersedes.map(|s| s.to_string()))
    .bind(q.superseded_by.map(|s| s.to_string()))
    .bind(for_kind)
    .bind(for_id)
    .bind(q.deal_id.map(|d| d.to_string()))
    .bind(q.totals.total.minor)
    .bind(q.totals.cost_total.minor)
    .bind(q.currency.code())
    .bind(q.valid_until.to_string())
    .bind(q.created_on.to_string())
    .bind(q.status.as_str())
    .bind(q.approval.as_str())
    .bind(q.owner_id.to_string())
    .bind(waiting)
    .bind(pending)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A quote's list row as read, with its prospect's or customer's name and domain and its status
/// as of the day asked (`?2`): superseded as soon as a newer revision exists here, expired once a
/// draft or sent quote's validity passed.
static LISTED: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT q.id, q.number, q.revision, q.supersedes, q.for_kind, q.for_id,
                COALESCE(p.company_name, c.server_body ->> '$.company_name', '') AS for_name,
                COALESCE(p.domain, c.server_body ->> '$.domain', '') AS for_domain,
                q.total_minor, q.cost_minor, q.currency, q.valid_until, q.created_on,
                CASE WHEN q.status = '{superseded}' OR q.superseded_by IS NOT NULL
                       OR EXISTS (SELECT 1 FROM quote n
                                  WHERE n.scope = q.scope AND n.supersedes = q.id)
                     THEN '{superseded}'
                     WHEN q.status IN ({open}) AND q.valid_until < ?2 THEN '{expired}'
                     ELSE q.status END AS shown_status,
                q.approval, q.owner_id, q.waiting, q.pending
         FROM quote q
         LEFT JOIN prospect p
           ON q.for_kind = '{prospect}' AND p.scope = q.scope AND p.id = q.for_id
         LEFT JOIN record c ON q.for_kind = '{customer}' AND c.scope = q.scope
           AND c.entity = '{customer}' AND c.id = q.for_id
         WHERE q.scope = ?1",
        superseded = QuoteStatus::Superseded.as_str(),
        expired = QuoteStatus::Expired.as_str(),
        open = sql_list(&[QuoteStatus::Draft, QuoteStatus::Sent]),
        prospect = Entity::Prospect.as_str(),
        customer = Entity::Customer.as_str(),
    )
});

/// A quote's list row as the lists read it.
#[derive(Debug, Clone, FromRow)]
pub struct Listed {
    pub id: String,
    pub number: Option<String>,
    pub revision: i64,
    pub supersedes: Option<String>,
    for_kind: String,
    pub for_id: String,
    pub for_name: String,
    pub for_domain: String,
    pub total_minor: i64,
    cost_minor: i64,
    currency: String,
    pub valid_until: String,
    pub created_on: String,
    /// The status as of the day asked.
    pub shown_status: String,
    approval: String,
    owner_id: String,
    waiting: bool,
    pending: bool,
}

impl Listed {
    pub fn into_row(self) -> Result<QuoteRow, ClientError> {
        let currency = read::currency(&self.currency)?;
        let quote_for = match read::entity(&self.for_kind)? {
            Entity::Prospect => QuoteFor::Prospect(read::id(&self.for_id)?),
            Entity::Customer => QuoteFor::Customer(read::id(&self.for_id)?),
            other => return Err(ClientError::corrupt(format!("quote for {other:?}"))),
        };
        let revision = u32::try_from(self.revision).map_err(ClientError::corrupt)?;
        Ok(QuoteRow {
            id: read::id(&self.id)?,
            reference: quote_reference(self.number.as_deref(), revision),
            revision,
            quote_for,
            for_name: self.for_name,
            total: Money::new(self.total_minor, currency),
            cost_total: Money::new(self.cost_minor, currency),
            valid_until: read::date(&self.valid_until)?,
            created_on: read::date(&self.created_on)?,
            status: read::wire(&self.shown_status)?,
            approval: read::wire(&self.approval)?,
            owner_id: read::id(&self.owner_id)?,
            waiting_for_server: self.waiting,
            pending: self.pending,
        })
    }
}

/// The list rows of the scope's quotes, filtered by equality on the columns given.
pub async fn listed(
    conn: &mut SqliteConnection,
    scope: &str,
    today: NaiveDate,
    filters: &[(&str, String)],
) -> Result<Vec<Listed>, ClientError> {
    let mut sql = LISTED.clone();
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
pub async fn listed_one(
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
