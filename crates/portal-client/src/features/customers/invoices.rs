//! Customers › Invoices: the firm's invoices found by type, issue dates, number and customer,
//! newest first, and one invoice with the customer it bills, read from the list rows of the
//! reference records a sync pulled.

use super::customer_record::customer_record;
use crate::{
    error::ClientError,
    lists::reference::rank_case,
    store::read::{self, count},
    Portal,
};
use portal_core::{
    customers::{
        page_size, InvoiceDetail, InvoiceKind, InvoiceList, InvoiceQuery, InvoiceRow, InvoiceSort,
        InvoiceStatus,
    },
    ids::{CustomerId, InvoiceId},
    money::Money,
    ApiError,
};
use sqlx::{FromRow, SqliteConnection};

/// Which invoices to read (the query's filters, or one invoice).
#[derive(Debug, Clone, Default)]
pub(super) struct InvoiceFilter {
    pub id: Option<InvoiceId>,
    pub customer_id: Option<CustomerId>,
    pub query: InvoiceQuery,
    /// The number fragment is in so many invoices (see [`InvoiceFilter::plan`]) that walking
    /// them newest first finds a page sooner than the trigram index: it is tested, not looked up.
    pub common_number: bool,
}

/// A number fragment in more invoices than this is common: its trigram candidates would take
/// longer to sort than the newest invoices to walk until a page of them matches.
const COMMON_NUMBER: i64 = 2_000;

impl InvoiceFilter {
    /// The number fragment's trigram search, as FTS5 reads it: a phrase (three characters or
    /// more; shorter ones have no trigram).
    fn number_match(&self) -> Option<String> {
        let number = self.query.number.trim().to_lowercase();
        (number.chars().count() >= 3).then(|| format!("\"{}\"", number.replace('"', "\"\"")))
    }

    /// Decides how the number is searched: typing `INV-` matches nearly every invoice, and
    /// sorting all of them by date would take a tenth of a second where walking the date index
    /// takes a millisecond. The trigram index counts the candidates up to [`COMMON_NUMBER`].
    async fn plan(&mut self, conn: &mut SqliteConnection) -> Result<(), ClientError> {
        self.common_number = match self.number_match() {
            Some(phrase) => {
                let candidates: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM (SELECT rowid FROM invoice_fts
                                           WHERE invoice_fts MATCH ?1 LIMIT ?2)",
                )
                .bind(phrase)
                .bind(COMMON_NUMBER + 1)
                .fetch_one(&mut *conn)
                .await?;
                candidates > COMMON_NUMBER
            }
            None => !self.query.number.trim().is_empty(),
        };
        Ok(())
    }

    /// Whether the trigram index finds the invoices whose number matches.
    fn number_indexed(&self) -> bool {
        !self.common_number && self.number_match().is_some()
    }

    /// The filter as SQL over `invoice i`, and its arguments (after the scope, `?1`). Only the
    /// conditions that apply are written, so that SQLite picks the index that serves them.
    fn sql(&self) -> (String, Vec<String>) {
        // When the trigram index finds the candidates, they are the rows read: the scope must
        // not tempt SQLite into walking a scope index instead (`+` hides it from the planner).
        let mut sql = String::from(if self.number_indexed() {
            "+i.scope = ?1"
        } else {
            "i.scope = ?1"
        });
        let mut args = Vec::new();
        // `@` in a condition stands for its argument.
        let mut add = |cond: &str, arg: String| {
            args.push(arg);
            sql.push_str(&format!(
                " AND {}",
                cond.replace('@', &format!("?{}", args.len() + 1))
            ));
        };
        let q = &self.query;
        if let Some(id) = self.id {
            add("i.id = @", id.to_string());
        }
        if let Some(c) = self.customer_id.or(q.customer_id) {
            add("i.customer_id = @", c.to_string());
        }
        if let Some(kind) = q.kind {
            add("i.kind = @", kind.as_str().to_owned());
        }
        if let Some(from) = q.issued_from {
            add("i.issued_on >= @", from.to_string());
        }
        if let Some(to) = q.issued_to {
            add("i.issued_on <= @", to.to_string());
        }
        let number = q.number.trim().to_lowercase();
        if !number.is_empty() {
            // The trigram index finds the candidates of a fragment that is not common (it folds
            // case wider than `lower`, so the test below still decides).
            if let Some(phrase) = self.number_match().filter(|_| self.number_indexed()) {
                add(
                    "i.seq IN (SELECT rowid FROM invoice_fts WHERE invoice_fts MATCH @)",
                    phrase,
                );
            }
            add("instr(lower(i.number), @) > 0", number);
        }
        let customer = q.customer.trim().to_lowercase();
        if !customer.is_empty() {
            // The customers whose name matches first (far fewer than invoices), then theirs.
            add(
                "i.customer_id IN (SELECT id FROM customer
                                   WHERE scope = ?1 AND instr(lower(company_name), @) > 0)",
                customer,
            );
        }
        (sql, args)
    }

    /// Whether the filter keeps few invoices, found by an index: then they are sorted, rather
    /// than the whole table walked in date order to find them.
    fn selective(&self) -> bool {
        self.id.is_some()
            || self.customer_id.or(self.query.customer_id).is_some()
            || self.number_indexed()
            || !self.query.customer.trim().is_empty()
    }
}

#[derive(FromRow)]
struct Listed {
    id: String,
    number: String,
    kind: String,
    customer_id: Option<String>,
    customer_name: Option<String>,
    issued_on: String,
    due_on: String,
    total_minor: i64,
    currency: String,
    status: String,
    /// How many match in all, when the page counted them (`count(*) OVER ()`).
    #[sqlx(default)]
    matching: Option<i64>,
}

impl Listed {
    fn into_row(self) -> Result<InvoiceRow, ClientError> {
        let currency = read::currency(&self.currency)?;
        Ok(InvoiceRow {
            id: read::id(&self.id)?,
            number: self.number,
            kind: read::wire::<InvoiceKind>(&self.kind)?,
            customer_id: self.customer_id.as_deref().map(read::id).transpose()?,
            customer_name: self.customer_name,
            issued_on: read::date(&self.issued_on)?,
            due_on: read::date(&self.due_on)?,
            total: Money::new(self.total_minor, currency),
            status: read::wire::<InvoiceStatus>(&self.status)?,
        })
    }
}

/// The columns of a list row, over `invoice i` and `customer c`.
const COLUMNS: &str = "i.id, i.number, i.kind, i.customer_id, c.company_name AS customer_name,
                       i.issued_on, i.due_on, i.total_minor, i.currency, i.status";

/// Ties on the sort's column stay newest first, then by id, so that the order is stable.
const TIE: &str = "i.issued_on DESC, i.number DESC, i.id DESC";

/// The sort that `query` amounts to: by customer, consolidated invoices (no customer) are all
/// tied, so that only consolidated ones are in their own order, newest first.
fn effective_sort(query: &InvoiceQuery) -> (InvoiceSort, bool) {
    match (query.sort, query.kind) {
        (InvoiceSort::Customer, Some(InvoiceKind::Consolidated)) => (InvoiceSort::Issued, false),
        (sort, _) => (sort, query.descending),
    }
}

/// The list's `ORDER BY` for a sort. A selective filter's few invoices are sorted: `+` keeps
/// SQLite from walking an index in the sort's order to find them (see `selective`).
fn order_by((sort, descending): (InvoiceSort, bool), selective: bool) -> String {
    let plus = if selective { "+" } else { "" };
    let dir = if descending { "DESC" } else { "ASC" };
    match sort {
        // Newest first is the column's own order: `descending` turns it to oldest first.
        InvoiceSort::Issued => {
            let dir = if descending { "ASC" } else { "DESC" };
            format!("{plus}i.issued_on {dir}, {plus}i.number {dir}")
        }
        // The number index's own order (its rows end with the row number): no sort at all.
        InvoiceSort::Number => format!("{plus}i.number COLLATE NOCASE {dir}, i.seq {dir}"),
        InvoiceSort::Customer => {
            format!("c.company_name COLLATE NOCASE {dir} NULLS LAST, c.id {dir}, {TIE}")
        }
        InvoiceSort::Due => format!("i.due_on {dir}, {TIE}"),
        InvoiceSort::Total => format!("i.total_minor {dir}, {TIE}"),
        InvoiceSort::Status => format!(
            "{} {dir}, {TIE}",
            rank_case("i.status", &InvoiceStatus::ALL)
        ),
    }
}

/// The statement that lists the invoices passing `cond` in the query's order. The date (the
/// default) and the number are read in their index's order, and a selective filter's few
/// invoices are sorted. A page of all of a large partner's invoices (200,000) in another order is
/// found without sorting whole rows, each looked up with its customer:
/// - by customer, the customers are walked in the name index's order and each one's invoices
///   read from the customer index (named: by kind, SQLite would rather walk the kind index for
///   each customer), a page in a few milliseconds (deep pages walk further), then the invoices
///   without a customer;
/// - by due date, total or status, only the sort's column and the row number are sorted, read in
///   one pass over the table (about 25 ms on a synthetic 200,000), and the page's rows then read.
fn select_sql(filter: &InvoiceFilter, cond: &str, page: Option<(u32, u32)>) -> String {
    let selective = filter.selective();
    let sort = effective_sort(&filter.query);
    let order = order_by(sort, selective);
    // The few invoices a selective filter keeps are all read to be sorted anyway: counting them
    // there spares a second search (the unselective count reads an index instead).
    let matching = if selective && page.is_some() {
        ", count(*) OVER () AS matching"
    } else {
        ""
    };
    let plain = |page: &str| {
        format!(
            "SELECT {COLUMNS}{matching}
             FROM invoice i LEFT JOIN customer c ON c.scope = i.scope AND c.id = i.customer_id
             WHERE {cond}
             ORDER BY {order}{page}"
        )
    };
    let Some((offset, limit)) = page else {
        return plain("");
    };
    let page = format!(" LIMIT {limit} OFFSET {offset}");
    if selective {
        return plain(&page);
    }
    let dir = if sort.1 { "DESC" } else { "ASC" };
    match sort.0 {
        InvoiceSort::Issued | InvoiceSort::Number => plain(&page),
        InvoiceSort::Customer => {
            // Each part needs at most the rows up to the page's end, in order.
            let end = u64::from(offset) + u64::from(limit);
            format!(
                "SELECT * FROM (
                     SELECT {COLUMNS}
                     FROM customer c
                     CROSS JOIN invoice i INDEXED BY invoice_by_customer
                       ON i.scope = c.scope AND i.customer_id = c.id
                     WHERE c.scope = ?1 AND {cond}
                     ORDER BY c.company_name COLLATE NOCASE {dir}, c.id {dir}, {TIE} LIMIT {end})
                 UNION ALL
                 SELECT * FROM (
                     SELECT {COLUMNS}
                     FROM invoice i LEFT JOIN customer c ON c.scope = i.scope AND c.id = i.customer_id
                     WHERE {cond} AND c.id IS NULL
                     ORDER BY {TIE} LIMIT {end}){page}"
            )
        }
        InvoiceSort::Due | InvoiceSort::Total | InvoiceSort::Status => {
            // Without issue dates to bound the rows, one pass over the table reads them sooner
            // than an index that starts with the scope does.
            let q = &filter.query;
            let scan = if q.issued_from.is_none() && q.issued_to.is_none() {
                " NOT INDEXED"
            } else {
                ""
            };
            format!(
                "SELECT {COLUMNS}
                 FROM (SELECT i.seq FROM invoice i{scan} WHERE {cond} ORDER BY {order}{page}) d
                 CROSS JOIN invoice i ON i.seq = d.seq
                 LEFT JOIN customer c ON c.scope = i.scope AND c.id = i.customer_id
                 ORDER BY {order}"
            )
        }
    }
}

/// The invoices that pass `filter`, in its query's order (a page of them, if `page`), and how
/// many pass in all when a page of a selective filter's could count them on the way.
async fn listed(
    conn: &mut SqliteConnection,
    scope: &str,
    filter: &InvoiceFilter,
    page: Option<(u32, u32)>,
) -> Result<(Vec<InvoiceRow>, Option<i64>), ClientError> {
    let (cond, args) = filter.sql();
    let sql = select_sql(filter, &cond, page);
    let mut q = sqlx::query_as::<_, Listed>(&sql).bind(scope);
    for a in &args {
        q = q.bind(a);
    }
    let listed = q.fetch_all(&mut *conn).await?;
    let matching = listed.first().and_then(|l| l.matching);
    let rows = listed
        .into_iter()
        .map(Listed::into_row)
        .collect::<Result<_, _>>()?;
    Ok((rows, matching))
}

/// Every invoice that passes `filter`, newest first.
pub(super) async fn invoice_rows(
    conn: &mut SqliteConnection,
    scope: &str,
    filter: &InvoiceFilter,
) -> Result<Vec<InvoiceRow>, ClientError> {
    Ok(listed(conn, scope, filter, None).await?.0)
}

/// One page of the invoices that match, newest first, and how many match.
pub async fn invoices(
    conn: &mut SqliteConnection,
    scope: &str,
    query: &InvoiceQuery,
) -> Result<InvoiceList, ClientError> {
    let mut filter = InvoiceFilter {
        query: query.clone(),
        ..InvoiceFilter::default()
    };
    filter.plan(conn).await?;
    let (rows, matching) = listed(
        conn,
        scope,
        &filter,
        Some((query.offset, page_size(query.limit))),
    )
    .await?;
    if let Some(total) = matching {
        return Ok(InvoiceList {
            rows,
            total: count(total),
        });
    }
    let (cond, args) = filter.sql();
    let sql = format!("SELECT count(*) FROM invoice i WHERE {cond}");
    let mut q = sqlx::query_scalar::<_, i64>(&sql).bind(scope);
    for a in &args {
        q = q.bind(a);
    }
    let total = q.fetch_one(&mut *conn).await?;
    Ok(InvoiceList {
        rows,
        total: count(total),
    })
}

/// One invoice with the customer it bills.
pub async fn invoice(
    conn: &mut SqliteConnection,
    scope: &str,
    id: InvoiceId,
) -> Result<InvoiceDetail, ClientError> {
    let filter = InvoiceFilter {
        id: Some(id),
        ..InvoiceFilter::default()
    };
    let invoice = invoice_rows(conn, scope, &filter)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ClientError::Refused(ApiError::not_found("This invoice")))?;
    let customer = match invoice.customer_id {
        Some(c) => customer_record(conn, scope, c).await?,
        None => None,
    };
    Ok(InvoiceDetail { invoice, customer })
}

impl Portal {
    /// One page of the firm's invoices that match, from the local cache (none for a user who
    /// receives no customers).
    pub async fn invoices(&self, query: InvoiceQuery) -> Result<InvoiceList, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        invoices(&mut conn, &scope, &query).await
    }

    pub async fn invoice(&self, id: InvoiceId) -> Result<InvoiceDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        invoice(&mut conn, &scope, id).await
    }
}
