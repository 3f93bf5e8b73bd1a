//! Storage: every SQL statement of the server, behind an engine-neutral API. Nothing outside this
//! module names `sqlx`, writes SQL or knows which database engine runs (`cargo xtask layers
//! portal-server` checks it).
//!
//! **The handles.** [`Storage`] (held in the application state) opens the database and hands out
//! connections: [`Storage::conn`] (each statement its own transaction), [`Storage::read`] (one
//! snapshot, as a pull reads its page, bodies and head) and [`Storage::write`] (a write
//! transaction, which the areas' functions that change the system of record take as `&mut Write`).
//! A write spans as many area calls as one change needs — a push applies a mutation, takes the
//! firm's next version, logs the change and records the mutation's outcome in one [`Write`] — and
//! [`Write::savepoint`] lets a refused mutation undo its own writes only.
//!
//! **The areas**, each a folder holding its neutral API and types (`mod.rs`) and its SQL per engine
//! (`sqlite.rs`, or a `sqlite/` folder when it is long):
//!
//! - [`records`]: the firm's synced records — prospects, deal registrations, quotes, orders — as
//!   stored (the portal-core record as a JSON body, its version and field stamps), the
//!   [`records::Stored`] trait the shared write steps work through, the counters behind their
//!   numbers, and the queries the rules ask.
//! - [`changelog`]: per-firm versions, the change log and past owners, tombstones and the horizon,
//!   a pull's page, the daily marks of the housekeeping.
//! - [`pushes`]: installations of the app and the recorded outcome of each pushed mutation.
//! - [`reference`]: the read-only records a pull carries (Customers area, news, courses) and their
//!   body shapes; the news list.
//! - [`resources`]: marketing resources (items, versions, files by SHA-256, audience, status) and
//!   the uses partners push; [`blobs`]: their files' bytes on disk (`files/` in the data directory,
//!   content-addressed, written whole or not at all).
//! - [`pims`]: campaign kits, each firm's marketing profile and logos, campaigns, leads and the
//!   decisions pushed on them, landing-page views and recent posts (the rate limit).
//! - [`pricebook`]: products, volume tiers, term discounts and a firm's margin.
//! - [`customers`]: the Customers area's rows: customers (pages, look-ups), and what provisioning
//!   and support cases write (subscriptions, renewals, invoices, cases).
//! - [`accounts`]: partner firms and their users.
//! - [`sessions`]: sign-in accounts (partner users, vendor staff) and their sessions.
//! - [`lockout`]: consecutive failed sign-ins per email.
//! - [`attachments`]: purchase-order files by content hash.
//! - [`dashboard`]: the rows the Dashboard's figures are counted from.
//! - [`bulk`]: many rows per statement, and emptying every table, for the demo seed.
//!
//! **A second engine** (PostgreSQL, issue 18) is a second implementation, not a rewrite of the
//! handlers: add a variant to the private engine enums below (`Engine`, `EngineConn`, `On`,
//! `OnPool`) holding its pool and connection; an engine module beside `sqlite.rs` (open by the
//! configured URL, migrate from `migrations/postgres/`, begin a read or write transaction,
//! savepoints, its text or typed forms); and a `postgres.rs` beside each area's `sqlite.rs` with
//! the same functions. Each area function dispatches with one more `match` arm; callers do not
//! change. What the areas rely on from their engine, which the second one must give the same way:
//!
//! - *One writer's versions at a time* ([`changelog`], and every area function taking `&mut
//!   Write`): the firm's next version is taken inside the write transaction and no two writers
//!   interleave versions of one firm, so versions become visible in order. SQLite's `BEGIN
//!   IMMEDIATE` serialises every writer; PostgreSQL needs a row lock on the firm's `sync_counter`
//!   row (the `UPDATE … RETURNING` holds it to commit) or an advisory lock per firm. The counters
//!   behind numbers ([`records::next_in`]) and the lockout's read-then-write ([`lockout`]) rely on
//!   the same.
//! - *Savepoints* ([`Write::savepoint`]): a push undoes a refused mutation's writes and keeps the
//!   record of its outcome ([`pushes`]).
//! - *Upserts*: `INSERT … ON CONFLICT … DO UPDATE … WHERE` scoped to the firm ([`records`]' saves,
//!   [`changelog`]'s log rows and marks, [`lockout`]) and `ON CONFLICT DO NOTHING` (past owners,
//!   [`pushes`]' installations, [`attachments`]); both engines speak them. SQLite's two-argument
//!   `MAX(a, b)` ([`changelog`]) is PostgreSQL's `GREATEST`.
//! - *JSON*: records' bodies, field stamps and push outcomes are JSON text ([`records`], [`pushes`]);
//!   the [`dashboard`] reads totals out of bodies (`body ->> '$.totals…'`, `jsonb` paths on
//!   PostgreSQL); a page's ids, and a list of statuses, are one JSON array parameter walked with
//!   `json_each(?)` ([`records`], [`reference`], [`pricebook`], [`dashboard`];
//!   `jsonb_array_elements_text` or `unnest($1::text[])` on PostgreSQL).
//! - *Text dates*: dates are `YYYY-MM-DD` and instants RFC 3339 with milliseconds, so text order is
//!   time order and comparisons are text comparisons (expiry in [`records`], renewals in
//!   [`customers`] and [`dashboard`], marks in [`changelog`], sessions and the lockout); a typed
//!   engine may store `date`/`timestamptz` if it reads back the same values ([`sessions`] hands out
//!   a session's expiry as stored, to the millisecond).
//! - *Searches*: the server asks by exact columns and `LIKE` patterns only (the latest invoice and
//!   case numbers in [`customers`]); the trigram search is the app's, over its own cache.
//! - *Partial indexes* (`orders_status`, `quotes_pending`, `orders_quote`): the [`records`] queries
//!   that use them spell the statuses out (spliced from `as_str`), which is how SQLite sees that the
//!   index applies; PostgreSQL plans the same way.
//! - *Bulk loading* ([`bulk`]): many rows per statement by column name (multi-row `INSERT` here,
//!   `COPY` or `UNNEST` there), and every table emptied children first.
//! - *Migrations*: `crates/portal-server/migrations/sqlite/`; PostgreSQL's go in a `postgres/`
//!   sibling, kept in step (the same tables and columns, which [`bulk`] writes by name).

pub mod accounts;
pub mod attachments;
pub mod blobs;
pub mod bulk;
pub mod changelog;
pub mod customers;
pub mod dashboard;
pub mod lockout;
pub mod pims;
pub mod pricebook;
pub mod pushes;
pub mod records;
pub mod reference;
pub mod resources;
pub mod sessions;
mod sqlite;

use crate::config::Config;
use crate::error::Result;
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::sync::Arc;

/// The database: opened once at start, cloned into every request's state (a clone shares the
/// pool).
#[derive(Clone)]
pub struct Storage {
    engine: Engine,
    /// The marketing resources' files, in `files/` beside the database.
    blobs: blobs::Blobs,
    /// Whose turn it is to write, first come first served. SQLite lets one writer in at a time and
    /// does not queue the others fairly: a waiting writer polls with growing sleeps, so under load a
    /// steady stream of short writers (one app pushing mutation after mutation) can keep another
    /// waiting past the busy timeout ("database is locked"). Writers of this process wait here
    /// instead, in order, and never poll SQLite's lock.
    writers: Arc<tokio::sync::Mutex<()>>,
}

#[derive(Clone)]
enum Engine {
    Sqlite(sqlite::Pool),
}

/// The engine behind a [`Storage`], for functions that take the pool.
enum OnPool<'a> {
    Sqlite(&'a sqlite::Pool),
}

impl Storage {
    /// Opens (creating if missing) and migrates the database the configuration names: SQLite at
    /// `<data_dir>/portal.sqlite`.
    pub async fn open(config: &Config) -> Result<Storage> {
        Self::open_sqlite(&config.database_path()).await
    }

    /// Opens (creating if missing) and migrates the SQLite database at `path`.
    pub async fn open_sqlite(path: &Path) -> Result<Storage> {
        Ok(Storage::over(
            Engine::Sqlite(sqlite::open(path).await?),
            path.parent().unwrap_or(Path::new(".")),
        ))
    }

    /// `dir` is the data directory: the database's folder.
    fn over(engine: Engine, dir: &Path) -> Storage {
        Storage {
            engine,
            blobs: blobs::Blobs::beside(dir),
            writers: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// The marketing resources' files.
    pub fn blobs(&self) -> &blobs::Blobs {
        &self.blobs
    }

    fn on(&self) -> OnPool<'_> {
        match &self.engine {
            Engine::Sqlite(pool) => OnPool::Sqlite(pool),
        }
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<()> {
        match self.on() {
            OnPool::Sqlite(pool) => sqlite::ping(pool).await,
        }
    }

    /// A connection on which each statement is its own transaction.
    pub async fn conn(&self) -> Result<Conn> {
        Ok(Conn(match self.on() {
            OnPool::Sqlite(pool) => EngineConn::Sqlite(sqlite::Conn::pooled(pool).await?),
        }))
    }

    /// A read transaction: every read sees the same snapshot.
    pub async fn read(&self) -> Result<Read> {
        Ok(Read(Conn(match self.on() {
            OnPool::Sqlite(pool) => EngineConn::Sqlite(sqlite::Conn::read(pool).await?),
        })))
    }

    /// A write transaction. It holds the right to write from its start (on SQLite, the database's
    /// write lock), so versions taken inside it commit in the order they were taken.
    pub async fn write(&self) -> Result<Write> {
        let turn = self.writers.clone().lock_owned().await;
        Ok(Write(Conn(match self.on() {
            OnPool::Sqlite(pool) => EngineConn::Sqlite(sqlite::Conn::write(pool, turn).await?),
        })))
    }

    /// Waits for the connections in use to come back, then closes them all.
    pub async fn close(&self) {
        match self.on() {
            OnPool::Sqlite(pool) => pool.close().await,
        }
    }
}

impl From<&Storage> for Storage {
    fn from(storage: &Storage) -> Self {
        storage.clone()
    }
}

/// A storage over an SQLite pool opened elsewhere (tests and benchmarks that open the database
/// file themselves, beside a running server); it is not migrated here. Its files are beside the
/// database file.
impl From<&sqlite::Pool> for Storage {
    fn from(pool: &sqlite::Pool) -> Self {
        let file = pool.connect_options().get_filename().to_path_buf();
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        Storage::over(Engine::Sqlite(pool.clone()), &dir)
    }
}

/// A connection to the database: what the areas' reading functions take. A [`Write`] or a [`Read`]
/// is one too.
pub struct Conn(EngineConn);

enum EngineConn {
    Sqlite(sqlite::Conn),
}

/// The engine behind a [`Conn`], for the areas' functions to dispatch on.
enum On<'a> {
    Sqlite(&'a mut sqlite::Connection),
}

impl Conn {
    fn on(&mut self) -> On<'_> {
        match &mut self.0 {
            EngineConn::Sqlite(c) => On::Sqlite(c.connection()),
        }
    }
}

/// A write transaction: what every function that changes the system of record takes. Dropped
/// without [`commit`](Write::commit), it rolls back.
pub struct Write(Conn);

impl Write {
    pub async fn commit(self) -> Result<()> {
        match self.0 .0 {
            EngineConn::Sqlite(c) => c.commit().await,
        }
    }

    pub async fn rollback(self) -> Result<()> {
        match self.0 .0 {
            EngineConn::Sqlite(c) => c.rollback().await,
        }
    }

    /// Marks a point that [`rollback_to_savepoint`](Write::rollback_to_savepoint) returns to, so
    /// that one attempt's writes can be undone and the transaction's earlier ones kept. One at a
    /// time: release or roll back to it before the next.
    pub async fn savepoint(&mut self) -> Result<()> {
        match &mut self.0 .0 {
            EngineConn::Sqlite(c) => c.savepoint().await,
        }
    }

    /// Keeps the writes since the savepoint (they commit with the transaction).
    pub async fn release_savepoint(&mut self) -> Result<()> {
        match &mut self.0 .0 {
            EngineConn::Sqlite(c) => c.release_savepoint().await,
        }
    }

    /// Undoes the writes since the savepoint.
    pub async fn rollback_to_savepoint(&mut self) -> Result<()> {
        match &mut self.0 .0 {
            EngineConn::Sqlite(c) => c.rollback_to_savepoint().await,
        }
    }
}

impl Deref for Write {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.0
    }
}

impl DerefMut for Write {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.0
    }
}

/// A read transaction: one snapshot for several reads.
pub struct Read(Conn);

impl Read {
    /// Ends the transaction (nothing was written).
    pub async fn finish(self) -> Result<()> {
        match self.0 .0 {
            EngineConn::Sqlite(c) => c.commit().await,
        }
    }
}

impl Deref for Read {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.0
    }
}

impl DerefMut for Read {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Regression: under load, a client's push writing mutation after mutation kept another
    /// writer polling SQLite's lock past the busy timeout ("database is locked", seen once in
    /// five runs of the client's crash test). With a busy timeout far shorter than the writers'
    /// work, any writer that waited on SQLite rather than in the queue would fail here.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_writers_take_turns_and_none_waits_on_sqlites_lock() {
        let dir = tempfile::tempdir().unwrap();
        let pool = sqlite::open_with(&dir.path().join("t.sqlite"), Duration::from_millis(20))
            .await
            .unwrap();
        let storage = Storage::from(&pool);
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let storage = storage.clone();
            tasks.push(tokio::spawn(async move {
                for _ in 0..20 {
                    let mut w = storage.write().await?;
                    sqlite_ping_in(&mut w).await?;
                    // Work inside the transaction, longer than the busy timeout.
                    tokio::time::sleep(Duration::from_millis(25)).await;
                    w.commit().await?;
                }
                Ok::<(), crate::error::Error>(())
            }));
        }
        for t in tasks {
            t.await.unwrap().unwrap();
        }
    }

    async fn sqlite_ping_in(w: &mut Write) -> Result<()> {
        match w.on() {
            On::Sqlite(c) => sqlite::touch(c).await,
        }
    }
}
