//! Customers › Support Cases: the firm's open or closed cases, newest first, and one case with its
//! description and customer, read from the list rows of the reference records a sync pulled; and
//! opening a case, queued as a change that the server numbers when it syncs.

use super::customer_record::customer_record;
use crate::{
    error::ClientError,
    lists::{parties::customer_name, reference::rank_case},
    replica::{copy, outbox::NewChange},
    store::read::{self, count},
    Portal,
};
use portal_core::{
    customers::{
        page_size, CasePriority, CaseStatus, SupportCaseDetail, SupportCaseList, SupportCaseQuery,
        SupportCaseRow, SupportCaseSort,
    },
    ids::{CustomerId, SupportCaseId},
    support::SupportCaseForm,
    sync::{Entity, MutationOp},
    ApiError,
};
use sqlx::{FromRow, SqliteConnection};
use uuid::Uuid;

/// Which cases to read.
#[derive(Debug, Clone, Default)]
pub(super) struct CaseFilter {
    pub id: Option<SupportCaseId>,
    pub customer_id: Option<CustomerId>,
    pub status: Option<CaseStatus>,
    /// Lower-cased; matches the number, subject and customer name.
    pub search: String,
}

impl CaseFilter {
    fn sql(&self) -> (String, Vec<String>) {
        let mut sql = String::from("s.scope = ?1");
        let mut args = Vec::new();
        // `@` in a condition stands for its argument.
        let mut add = |cond: &str, arg: String| {
            args.push(arg);
            let n = format!("?{}", args.len() + 1);
            sql.push_str(&format!(" AND {}", cond.replace('@', &n)));
        };
        if let Some(id) = self.id {
            add("s.id = @", id.to_string());
        }
        if let Some(c) = self.customer_id {
            add("s.customer_id = @", c.to_string());
        }
        if let Some(status) = self.status {
            add("s.status = @", status.as_str().to_owned());
        }
        if !self.search.is_empty() {
            add(
                "(instr(lower(s.number), @) > 0 OR instr(lower(s.subject), @) > 0
                  OR instr(lower(COALESCE(c.company_name, '')), @) > 0)",
                self.search.clone(),
            );
        }
        (sql, args)
    }
}

const FROM: &str =
    "support_case s LEFT JOIN customer c ON c.scope = s.scope AND c.id = s.customer_id";

#[derive(FromRow)]
struct Listed {
    id: String,
    number: String,
    subject: String,
    customer_id: Option<String>,
    customer_name: Option<String>,
    status: String,
    priority: String,
    opened_on: String,
    closed_on: Option<String>,
}

impl Listed {
    fn into_row(self) -> Result<SupportCaseRow, ClientError> {
        Ok(SupportCaseRow {
            id: read::id(&self.id)?,
            number: self.number,
            subject: self.subject,
            customer_id: self.customer_id.as_deref().map(read::id).transpose()?,
            customer_name: self.customer_name,
            status: read::wire::<CaseStatus>(&self.status)?,
            priority: read::wire::<CasePriority>(&self.priority)?,
            opened_on: read::date(&self.opened_on)?,
            closed_on: self.closed_on.as_deref().map(read::date).transpose()?,
        })
    }
}

/// The list's `ORDER BY`: the sort's column, turned round when `descending`, then newest first
/// and the id, so that ties keep one stable order. A firm's cases are few (thousands at most), so
/// any column sorts what the filters keep.
fn order_by(sort: SupportCaseSort, descending: bool) -> String {
    let dir = if descending { "DESC" } else { "ASC" };
    let tie = "s.opened_on DESC, s.number DESC, s.id DESC";
    match sort {
        // Newest first is the column's own order: `descending` turns it to oldest first.
        SupportCaseSort::Opened => {
            let dir = if descending { "ASC" } else { "DESC" };
            format!("s.opened_on {dir}, s.number {dir}, s.id {dir}")
        }
        SupportCaseSort::Number => format!("s.number COLLATE NOCASE {dir}, {tie}"),
        SupportCaseSort::Subject => format!("s.subject COLLATE NOCASE {dir}, {tie}"),
        SupportCaseSort::Customer => {
            format!("c.company_name COLLATE NOCASE {dir} NULLS LAST, {tie}")
        }
        SupportCaseSort::Priority => format!(
            "{} {dir}, {tie}",
            rank_case("s.priority", &CasePriority::ALL)
        ),
    }
}

async fn listed(
    conn: &mut SqliteConnection,
    scope: &str,
    filter: &CaseFilter,
    (sort, descending): (SupportCaseSort, bool),
    page: Option<(u32, u32)>,
) -> Result<Vec<SupportCaseRow>, ClientError> {
    let (cond, args) = filter.sql();
    let page = page
        .map(|(offset, limit)| format!(" LIMIT {limit} OFFSET {offset}"))
        .unwrap_or_default();
    let sql = format!(
        "SELECT s.id, s.number, s.subject, s.customer_id, c.company_name AS customer_name,
                s.status, s.priority, s.opened_on, s.closed_on
         FROM {FROM} WHERE {cond}
         ORDER BY {order}{page}",
        order = order_by(sort, descending)
    );
    let mut q = sqlx::query_as::<_, Listed>(&sql).bind(scope);
    for a in &args {
        q = q.bind(a);
    }
    q.fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(Listed::into_row)
        .collect()
}

/// Every case that passes `filter`, newest first.
pub(super) async fn case_rows(
    conn: &mut SqliteConnection,
    scope: &str,
    filter: &CaseFilter,
) -> Result<Vec<SupportCaseRow>, ClientError> {
    listed(conn, scope, filter, (SupportCaseSort::Opened, false), None).await
}

/// One page of the open or closed cases that match, how many match, and how many are open and
/// closed in all.
pub async fn support_cases(
    conn: &mut SqliteConnection,
    scope: &str,
    query: &SupportCaseQuery,
) -> Result<SupportCaseList, ClientError> {
    let filter = CaseFilter {
        customer_id: query.customer_id,
        status: Some(query.status),
        search: query.search.trim().to_lowercase(),
        ..CaseFilter::default()
    };
    let rows = listed(
        conn,
        scope,
        &filter,
        (query.sort, query.descending),
        Some((query.offset, page_size(query.limit))),
    )
    .await?;
    let (cond, args) = filter.sql();
    let sql = format!("SELECT count(*) FROM {FROM} WHERE {cond}");
    let mut q = sqlx::query_scalar::<_, i64>(&sql).bind(scope);
    for a in &args {
        q = q.bind(a);
    }
    let total = q.fetch_one(&mut *conn).await?;
    let by_status: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, count(*) FROM support_case
         WHERE scope = ?1 AND (?2 IS NULL OR customer_id = ?2) GROUP BY status",
    )
    .bind(scope)
    .bind(query.customer_id.map(|c| c.to_string()))
    .fetch_all(&mut *conn)
    .await?;
    let of = |s: CaseStatus| {
        by_status
            .iter()
            .find(|(st, _)| st == s.as_str())
            .map_or(0, |(_, n)| count(*n))
    };
    Ok(SupportCaseList {
        rows,
        total: count(total),
        open: of(CaseStatus::Open),
        closed: of(CaseStatus::Closed),
    })
}

/// One case with its description and customer.
pub async fn support_case(
    conn: &mut SqliteConnection,
    scope: &str,
    id: SupportCaseId,
) -> Result<SupportCaseDetail, ClientError> {
    let filter = CaseFilter {
        id: Some(id),
        ..CaseFilter::default()
    };
    let case = case_rows(conn, scope, &filter)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ClientError::Refused(ApiError::not_found("This support case")))?;
    // The server's copy, or the case as opened here while it waits for the server.
    let description = copy::view(conn, scope, Entity::SupportCase, id.0)
        .await?
        .map(|v| v.body)
        .and_then(|b| b.get("description")?.as_str().map(str::to_owned))
        .unwrap_or_default();
    let customer = match case.customer_id {
        Some(c) => customer_record(conn, scope, c).await?,
        None => None,
    };
    Ok(SupportCaseDetail {
        case,
        description,
        customer,
    })
}

impl Portal {
    /// One page of the firm's open or closed support cases, from the local cache (none for a user
    /// who receives no customers).
    pub async fn support_cases(
        &self,
        query: SupportCaseQuery,
    ) -> Result<SupportCaseList, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        support_cases(&mut conn, &scope, &query).await
    }

    /// Opens a case for a customer of the firm: checked, then queued with its list row in one local
    /// transaction. It lists at once, without a number, until the server numbers it.
    pub async fn open_support_case(
        &self,
        form: SupportCaseForm,
    ) -> Result<SupportCaseDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let id = SupportCaseId::from_uuid(Uuid::now_v7());
        let case = form.parse(id).map_err(ClientError::from_form)?;
        let mut tx = self.cache.pool().begin().await?;
        let customer = customer_name(&mut tx, &scope, &case.customer_id.to_string()).await?;
        if customer.is_none() {
            return Err(ClientError::Invalid(ApiError::invalid(
                "customer_id",
                "Choose one of your firm's customers.",
            )));
        }
        let change = NewChange {
            entity: Entity::SupportCase,
            record_id: id.0,
            op: MutationOp::Create {
                body: serde_json::to_value(&case).map_err(ClientError::corrupt)?,
            },
            record_label: case.subject.clone(),
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.support_case(id).await
    }

    pub async fn support_case(&self, id: SupportCaseId) -> Result<SupportCaseDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        support_case(&mut conn, &scope, id).await
    }
}
