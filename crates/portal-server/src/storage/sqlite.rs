//! The SQLite engine: opening the file (WAL, foreign keys, a busy timeout), its migrations
//! (`migrations/sqlite/`), its transactions and savepoints, and the text forms its rows keep dates,
//! instants and ids in. Each area's SQL for SQLite is in that area's `sqlite.rs`; this module is
//! what they share.

use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use sqlx::pool::PoolConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::time::Duration;
use tokio::sync::OwnedMutexGuard;

/// What every area's SQLite functions run their statements on.
pub type Connection = sqlx::SqliteConnection;

/// The connections of one database file.
pub type Pool = SqlitePool;

/// The schema, embedded at compile time from `crates/portal-server/migrations/sqlite/`.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Database(Box::new(e))
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Error::Migrate(Box::new(e))
    }
}

/// How long a statement waits for SQLite's write lock before failing. Writers of this process
/// queue in [`super::Storage`] first, so only writers from outside it (a tool, another process)
/// ever wait here.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens (creating if missing) and migrates the database at `path`.
pub async fn open(path: &Path) -> Result<SqlitePool> {
    open_with(path, BUSY_TIMEOUT).await
}

/// [`open`], with another busy timeout (tests make it short to show nobody waits on it).
pub async fn open_with(path: &Path, busy_timeout: Duration) -> Result<SqlitePool> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // WAL + NORMAL is durable across application crashes; only an OS crash may lose the last commit.
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(busy_timeout);
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// A write that takes the database's write lock (for the storage's own tests).
#[cfg(test)]
pub async fn touch(c: &mut Connection) -> Result<()> {
    sqlx::query("CREATE TABLE IF NOT EXISTS touched (n INTEGER); INSERT INTO touched VALUES (1)")
        .execute(c)
        .await?;
    Ok(())
}

/// Whether the database answers.
pub async fn ping(pool: &SqlitePool) -> Result<()> {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(pool)
        .await?;
    Ok(())
}

/// A connection of the pool, or a transaction on one.
pub enum Conn {
    /// Each statement is its own transaction.
    Pooled(PoolConnection<Sqlite>),
    Tx(Transaction<'static, Sqlite>),
    /// A write transaction, with this process's turn to write: held, never read, and released
    /// when the transaction ends (dropped with it).
    Write(
        Transaction<'static, Sqlite>,
        #[allow(dead_code)] OwnedMutexGuard<()>,
    ),
}

impl Conn {
    pub async fn pooled(pool: &SqlitePool) -> Result<Conn> {
        Ok(Conn::Pooled(pool.acquire().await?))
    }

    /// A read transaction: every statement sees the same snapshot.
    pub async fn read(pool: &SqlitePool) -> Result<Conn> {
        Ok(Conn::Tx(pool.begin().await?))
    }

    /// A write transaction, begun once `turn` (this process's turn to write) is held. IMMEDIATE
    /// takes the database's write lock up front, so writers commit in the order they began: a
    /// version taken inside one becomes visible after every version taken before it.
    pub async fn write(pool: &SqlitePool, turn: OwnedMutexGuard<()>) -> Result<Conn> {
        Ok(Conn::Write(pool.begin_with("BEGIN IMMEDIATE").await?, turn))
    }

    pub fn connection(&mut self) -> &mut Connection {
        match self {
            Conn::Pooled(c) => c,
            Conn::Tx(t) | Conn::Write(t, _) => t,
        }
    }

    pub async fn commit(self) -> Result<()> {
        match self {
            Conn::Pooled(_) => {}
            Conn::Tx(t) | Conn::Write(t, _) => t.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> Result<()> {
        match self {
            Conn::Pooled(_) => {}
            Conn::Tx(t) | Conn::Write(t, _) => t.rollback().await?,
        }
        Ok(())
    }

    pub async fn savepoint(&mut self) -> Result<()> {
        self.execute("SAVEPOINT attempt").await
    }

    pub async fn release_savepoint(&mut self) -> Result<()> {
        self.execute("RELEASE SAVEPOINT attempt").await
    }

    pub async fn rollback_to_savepoint(&mut self) -> Result<()> {
        self.execute("ROLLBACK TO SAVEPOINT attempt").await?;
        self.execute("RELEASE SAVEPOINT attempt").await
    }

    async fn execute(&mut self, sql: &str) -> Result<()> {
        sqlx::query(sql).execute(self.connection()).await?;
        Ok(())
    }
}

/// An instant as stored: RFC 3339 UTC with a fixed millisecond width, so that text order is time order.
pub fn instant_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_instant(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::corrupt(format!("instant {s:?}: {e}")))
}

pub fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| Error::corrupt(format!("date {s:?}: {e}")))
}

pub fn parse_uuid(s: &str) -> Result<uuid::Uuid> {
    uuid::Uuid::parse_str(s).map_err(|e| Error::corrupt(format!("id {s:?}: {e}")))
}

/// A typed id from its stored text.
pub fn parse_id<T: std::str::FromStr>(s: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    s.parse()
        .map_err(|e| Error::corrupt(format!("id {s:?}: {e}")))
}

/// A wire name as stored (a status, a role…) back into its enum.
pub fn parse_name<T: portal_core::wire::WireName>(what: &str, s: &str) -> Result<T> {
    T::parse(s).ok_or_else(|| Error::corrupt(format!("{what} {s:?}")))
}

/// A JSON column's text into its type.
pub fn parse_json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::corrupt(format!("stored {what}: {e}")))
}

/// A value as a JSON column's text.
pub fn json_text(v: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(v).map_err(Error::corrupt)
}

/// Ids as the JSON array that `json_each(?)` walks: a page's ids drive one query.
pub fn json_ids<T: std::fmt::Display>(ids: &[T]) -> Result<String> {
    let text: Vec<String> = ids.iter().map(ToString::to_string).collect();
    json_text(&text)
}

/// A count as stored (never negative) into the domain's width.
pub fn count(what: &str, n: i64) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::corrupt(format!("{what} {n}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn instants_sort_as_text() {
        let a = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let b = a + chrono::Duration::milliseconds(7);
        assert_eq!(instant_text(a), "2026-01-02T03:04:05.000Z");
        assert!(instant_text(a) < instant_text(b));
        assert_eq!(parse_instant(&instant_text(b)).unwrap(), b);
    }
}
