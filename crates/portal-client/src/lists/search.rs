//! Search as you type over the prospect and deal lists: filter, sort, page, and match a substring
//! of the search text, ignoring case — fast over 100,000 records. The lists' own queries
//! ([`super::prospects::prospects`], [`super::deals::deals`]) describe a [`Listing`]; this runs it.
//!
//! A list query needs the total of the matches and one page of them in sort order. How a search
//! runs depends on what it can use:
//! - the total: for three characters or more, the trigram index (`*_fts`) counts the matches; for
//!   one or two (too short for trigrams) the prospects' gram counts (`prospect_gram`) hold it, and
//!   deals (fewer) are scanned;
//! - the page: when matches are dense, walking the sort order's index and testing each row fills
//!   the page within a few rows per row shown; when they are sparse, the matches are found through
//!   the trigram index (for one or two characters, through every trigram they begin, read from
//!   `prospect_vocab`) and sorted.

use super::grams;
use crate::error::ClientError;
use sqlx::{sqlite::SqliteRow, Connection, FromRow, SqliteConnection};

/// Rows a page holds when the query does not say.
pub const DEFAULT_LIMIT: u32 = 50;
/// The most rows one page may hold.
pub const MAX_LIMIT: u32 = 1_000;
/// Walk the sort index when about this many rows at most need testing to fill the page.
const WALK_BUDGET: u64 = 20_000;
/// Without a count of the rows that pass the filters, a walk is chosen when matches are at least
/// this many, and this many times the rows wanted.
const DENSE: u64 = 2_000;
const DENSE_RATIO: u64 = 20;
/// Where no gram counts exist, a short search finds all its matches with one probe when they are
/// at most this many.
const PROBE: usize = 2_000;
/// A short search on the trigram index ORs every trigram it begins; past this many, it scans.
const MAX_TERMS: usize = 2_000;

/// A bound value of a filter.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Int(i64),
}

/// One list: its table, indexes and the SQL of one query on it.
pub struct Listing<'a> {
    pub table: &'static str,
    pub fts: &'static str,
    /// The table's gram counts and trigram vocabulary (prospects only).
    pub grams: Option<(&'static str, &'static str)>,
    pub columns: &'static str,
    pub scope: &'a str,
    /// (column, value): equality filters (the gram counts have the same columns).
    pub filters: Vec<(&'static str, Arg)>,
    pub order: String,
    pub limit: u32,
    pub offset: u32,
}

/// How rows are tested for a search that the trigram index does not answer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Testing {
    /// Along the sort order's index, stopping when the page is full.
    Walk,
    /// Every row of the table, then sorted.
    Scan,
}

impl Listing<'_> {
    /// `scope = ? AND col = ?…`; `plain` adds `+` so SQLite scans the table rather than an index.
    fn conditions(&self, plain: bool) -> String {
        self.conditions_on(self.table, plain)
    }

    fn conditions_on(&self, t: &str, plain: bool) -> String {
        let plus = if plain { "+" } else { "" };
        let mut sql = format!("{plus}{t}.scope = ?");
        for (col, _) in &self.filters {
            sql.push_str(&format!(" AND {plus}{t}.{col} = ?"));
        }
        sql
    }

    fn args(&self) -> Vec<Arg> {
        let mut args = vec![Arg::Text(self.scope.to_owned())];
        args.extend(self.filters.iter().map(|(_, a)| a.clone()));
        args
    }

    fn page_sql(&self) -> String {
        format!(" ORDER BY {} LIMIT ? OFFSET ?", self.order)
    }

    fn page_args(&self) -> Vec<Arg> {
        vec![
            Arg::Int(i64::from(self.limit)),
            Arg::Int(i64::from(self.offset)),
        ]
    }

    fn wanted(&self) -> u64 {
        u64::from(self.offset) + u64::from(self.limit)
    }

    /// Rows passing the filters that contain `gram` ('' for all of them), from the gram counts.
    async fn gram_count(
        &self,
        conn: &mut SqliteConnection,
        table: &str,
        gram: &str,
    ) -> Result<u64, ClientError> {
        let sql = format!(
            "SELECT COALESCE(SUM(n), 0) FROM {table} WHERE {} AND {table}.gram = ?",
            self.conditions_on(table, false)
        );
        count(
            conn,
            &sql,
            &[self.args(), vec![Arg::Text(gram.to_owned())]].concat(),
        )
        .await
    }

    /// All of the scope's rows, whatever the filters: what a walk of the sort index may have to
    /// read through when the index does not serve the filters.
    async fn scope_rows(
        &self,
        conn: &mut SqliteConnection,
        table: &str,
    ) -> Result<u64, ClientError> {
        let sql = format!("SELECT COALESCE(SUM(n), 0) FROM {table} WHERE scope = ? AND gram = ''");
        count(conn, &sql, &[Arg::Text(self.scope.to_owned())]).await
    }

    /// The page of the rows containing `search`, each row tested: `Walk` follows the sort
    /// order's index (cheap when matches are dense), `Scan` reads the whole table and sorts.
    async fn tested<T>(
        &self,
        conn: &mut SqliteConnection,
        search: &str,
        how: Testing,
    ) -> Result<Vec<T>, ClientError>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        let t = self.table;
        let sql = format!(
            "SELECT {} FROM {t} WHERE {} AND instr({t}.search, ?) > 0{}",
            self.columns,
            self.conditions(how == Testing::Scan),
            self.page_sql()
        );
        let args = [
            self.args(),
            vec![Arg::Text(search.to_owned())],
            self.page_args(),
        ]
        .concat();
        fetch(conn, &sql, &args).await
    }

    /// The page of the rows the trigram index matches for `fts_query`, sorted.
    async fn sorted_matches<T>(
        &self,
        conn: &mut SqliteConnection,
        fts_query: String,
    ) -> Result<Vec<T>, ClientError>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        let (t, fts) = (self.table, self.fts);
        // CROSS JOIN keeps the trigram index as the outer loop (SQLite would otherwise start from
        // the scope index and probe the trigram index once per row).
        let sql = format!(
            "SELECT {} FROM {fts} CROSS JOIN {t} ON {t}.seq = {fts}.rowid
             WHERE {fts} MATCH ? AND {}{}",
            self.columns,
            self.conditions(false),
            self.page_sql()
        );
        let args = [vec![Arg::Text(fts_query)], self.args(), self.page_args()].concat();
        fetch(conn, &sql, &args).await
    }

    /// Whether the table holds only this scope's rows (the usual case: one user per machine).
    async fn alone(&self, conn: &mut SqliteConnection) -> Result<bool, ClientError> {
        let t = self.table;
        let others: bool = sqlx::query_scalar(&format!(
            "SELECT EXISTS (SELECT 1 FROM {t} WHERE scope < ?1)
                 OR EXISTS (SELECT 1 FROM {t} WHERE scope > ?1)"
        ))
        .bind(self.scope)
        .fetch_one(&mut *conn)
        .await?;
        Ok(!others)
    }

    /// Whether walking the index fills the page cheaply, given `total` matches among `population`
    /// rows passing the filters (when known).
    fn walk_pays(&self, total: u64, population: Option<u64>) -> bool {
        match population {
            Some(n) => self.wanted().saturating_mul(n) / total.max(1) <= WALK_BUDGET,
            None => total >= DENSE && total >= self.wanted().saturating_mul(DENSE_RATIO),
        }
    }

    /// The total and the page of rows matching `search` (already a [`needle`]).
    pub async fn run<T>(
        &self,
        conn: &mut SqliteConnection,
        search: &str,
    ) -> Result<(u64, Vec<T>), ClientError>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        let (t, fts, cols) = (self.table, self.fts, self.columns);
        if self.grams.is_some() && grams::grams_staged(conn).await? {
            let mut tx = conn.begin().await?;
            grams::settle_grams(&mut tx).await?;
            tx.commit().await?;
        }
        let population = match self.grams {
            Some((counts, _)) => Some(self.scope_rows(conn, counts).await?),
            None => None,
        };
        if search.is_empty() {
            let total = match self.grams {
                Some((counts, _)) => self.gram_count(conn, counts, "").await?,
                None => {
                    let sql = format!("SELECT COUNT(*) FROM {t} WHERE {}", self.conditions(false));
                    count(conn, &sql, &self.args()).await?
                }
            };
            let sql = format!(
                "SELECT {cols} FROM {t} WHERE {}{}",
                self.conditions(false),
                self.page_sql()
            );
            let rows = fetch(conn, &sql, &[self.args(), self.page_args()].concat()).await?;
            return Ok((total, rows));
        }

        if search.chars().count() >= 3 {
            let phrase = format!("\"{}\"", search.replace('"', "\"\""));
            let total = if self.filters.is_empty() && self.alone(conn).await? {
                // Every row of the index is the scope's: no need to look each match up.
                let sql = format!("SELECT COUNT(*) FROM {fts} WHERE {fts} MATCH ?");
                count(conn, &sql, &[Arg::Text(phrase.clone())]).await?
            } else {
                let sql = format!(
                    "SELECT COUNT(*) FROM {fts} CROSS JOIN {t} ON {t}.seq = {fts}.rowid
                     WHERE {fts} MATCH ? AND {}",
                    self.conditions(false)
                );
                count(
                    conn,
                    &sql,
                    &[vec![Arg::Text(phrase.clone())], self.args()].concat(),
                )
                .await?
            };
            if total == 0 || u64::from(self.offset) >= total {
                return Ok((total, Vec::new()));
            }
            let rows = if self.walk_pays(total, population) {
                self.tested(conn, search, Testing::Walk).await?
            } else {
                self.sorted_matches(conn, phrase).await?
            };
            return Ok((total, rows));
        }

        if let Some((counts, vocab)) = self.grams {
            let total = self.gram_count(conn, counts, search).await?;
            if total == 0 || u64::from(self.offset) >= total {
                return Ok((total, Vec::new()));
            }
            if self.walk_pays(total, population) {
                return Ok((total, self.tested(conn, search, Testing::Walk).await?));
            }
            // Sparse: every occurrence begins a trigram (the text ends in two U+0001), so the
            // trigrams beginning with the search find exactly the rows that contain it.
            let terms: Vec<String> = sqlx::query_scalar(&format!(
                "SELECT term FROM {vocab} WHERE term >= ?1 AND term <= ?1 || char(1114111)"
            ))
            .bind(search)
            .fetch_all(&mut *conn)
            .await?;
            let rows = if terms.is_empty() || terms.len() > MAX_TERMS {
                self.tested(conn, search, Testing::Scan).await?
            } else {
                let any = terms
                    .iter()
                    .map(|term| format!("\"{}\"", term.replace('"', "\"\"")))
                    .collect::<Vec<_>>()
                    .join(" OR ");
                self.sorted_matches(conn, any).await?
            };
            return Ok((total, rows));
        }

        let needle = Arg::Text(search.to_owned());
        let scan_where = format!(
            "FROM {t} WHERE {} AND instr({t}.search, ?) > 0",
            self.conditions(true)
        );
        let scan_args = [self.args(), vec![needle]].concat();
        let probe_sql = format!("SELECT {t}.seq {scan_where} LIMIT {}", PROBE + 1);
        let found: Vec<i64> = {
            let mut q = sqlx::query_scalar::<_, i64>(&probe_sql);
            for a in &scan_args {
                q = match a {
                    Arg::Text(s) => q.bind(s.clone()),
                    Arg::Int(i) => q.bind(*i),
                };
            }
            q.fetch_all(&mut *conn).await?
        };
        if found.len() <= PROBE {
            let total = found.len() as u64;
            if total == 0 {
                return Ok((0, Vec::new()));
            }
            let ids = serde_json::to_string(&found).expect("integers serialize");
            let sql = format!(
                "SELECT {cols} FROM {t} WHERE {t}.seq IN (SELECT value FROM json_each(?)){}",
                self.page_sql()
            );
            let rows = fetch(
                conn,
                &sql,
                &[vec![Arg::Text(ids)], self.page_args()].concat(),
            )
            .await?;
            return Ok((total, rows));
        }
        let total = count(conn, &format!("SELECT COUNT(*) {scan_where}"), &scan_args).await?;
        let rows = if self.walk_pays(total, None) {
            self.tested(conn, search, Testing::Walk).await?
        } else {
            self.tested(conn, search, Testing::Scan).await?
        };
        Ok((total, rows))
    }
}

async fn count(conn: &mut SqliteConnection, sql: &str, args: &[Arg]) -> Result<u64, ClientError> {
    let mut q = sqlx::query_scalar::<_, i64>(sql);
    for a in args {
        q = match a {
            Arg::Text(s) => q.bind(s.clone()),
            Arg::Int(i) => q.bind(*i),
        };
    }
    Ok(q.fetch_one(&mut *conn).await?.max(0) as u64)
}

async fn fetch<T>(
    conn: &mut SqliteConnection,
    sql: &str,
    args: &[Arg],
) -> Result<Vec<T>, ClientError>
where
    T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
{
    let mut q = sqlx::query_as::<_, T>(sql);
    for a in args {
        q = match a {
            Arg::Text(s) => q.bind(s.clone()),
            Arg::Int(i) => q.bind(*i),
        };
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

/// The page a query asks for: its limit (the default for 0, at most [`MAX_LIMIT`]) and offset.
pub fn page_bounds(limit: u32, offset: u32) -> (u32, u32) {
    let limit = match limit {
        0 => DEFAULT_LIMIT,
        n => n.min(MAX_LIMIT),
    };
    (limit, offset)
}

/// The search box's text as matched: trimmed, lower-cased (the stored text is lower-cased too),
/// without control characters (the stored text ends in some).
pub fn needle(search: &str) -> String {
    search
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .to_lowercase()
}
