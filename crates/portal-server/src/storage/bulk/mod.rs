//! Loading many rows at once, for the demo seed: typed rows queued in a [`Batch`] per table and
//! written many per statement, so a 50,000-customer seed costs thousands of statements rather than
//! hundreds of thousands; and emptying every table first.
//!
//! A [`Row`] names its table and columns — the schema every engine shares — and gives its values;
//! each engine writes them its own way (SQLite: multi-row `INSERT`s). The rows are the vendor's
//! (`vendor`: price book, content, staff), a firm's (`firms`: the firm, its users, its
//! Customers-area rows and synced records), and the sync state's (below: change-log rows, heads,
//! counters).

mod firms;
mod sqlite;
mod vendor;

pub use firms::{FirmRecord, PartnerRow, TeamRow, UserRow};
pub use vendor::{
    AccountManagerRow, CourseRow, NewsRow, PriceTierRow, ProductRow, StaffRow, TermDiscountRow,
};

use super::records::Counter;
use super::{On, Write};
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use portal_core::ids::{PartnerId, UserId};
use portal_core::sync::Entity;
use uuid::Uuid;

/// A column value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Int(i64),
    Date(NaiveDate),
    Instant(DateTime<Utc>),
    Null,
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}
impl From<u32> for Value {
    fn from(i: u32) -> Self {
        Value::Int(i64::from(i))
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Int(i64::from(b))
    }
}
impl From<NaiveDate> for Value {
    fn from(d: NaiveDate) -> Self {
        Value::Date(d)
    }
}
impl From<DateTime<Utc>> for Value {
    fn from(t: DateTime<Utc>) -> Self {
        Value::Instant(t)
    }
}
impl From<Uuid> for Value {
    fn from(id: Uuid) -> Self {
        Value::Text(id.to_string())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Self {
        o.map_or(Value::Null, Into::into)
    }
}

/// A row of one table.
pub trait Row: Send {
    const TABLE: &'static str;
    const COLUMNS: &'static [&'static str];
    /// Its values, one per column, in the columns' order.
    fn values(self) -> Vec<Value>;
}

/// The usual rows per statement: well under SQLite's bound-parameter limit for every table here.
pub const ROWS_PER_STATEMENT: usize = 100;

/// Rows waiting to be written to one table. The caller flushes (parents before children, so no
/// reference is ever dangling).
pub struct Batch<R: Row> {
    rows: Vec<R>,
    /// Rows written so far.
    pub written: u64,
}

impl<R: Row> Default for Batch<R> {
    fn default() -> Self {
        Self {
            rows: Vec::with_capacity(ROWS_PER_STATEMENT),
            written: 0,
        }
    }
}

impl<R: Row> Batch<R> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, row: R) {
        self.rows.push(row);
    }

    /// Rows queued.
    pub fn rows(&self) -> usize {
        self.rows.len()
    }

    /// Writes whatever is queued, in one statement (callers keep batches to a few hundred rows).
    pub async fn flush(&mut self, tx: &mut Write) -> Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let n = self.rows.len();
        let values: Vec<Value> = self.rows.drain(..).flat_map(Row::values).collect();
        if values.len() != n * R::COLUMNS.len() {
            return Err(Error::corrupt(format!("row shape for {}", R::TABLE)));
        }
        match tx.on() {
            On::Sqlite(c) => sqlite::insert(c, R::TABLE, R::COLUMNS, n, values).await?,
        }
        self.written += n as u64;
        Ok(())
    }
}

/// Writes `rows`, [`ROWS_PER_STATEMENT`] per statement.
pub async fn insert_all<R: Row>(tx: &mut Write, rows: impl IntoIterator<Item = R>) -> Result<u64> {
    let mut batch = Batch::new();
    for row in rows {
        batch.push(row);
        if batch.rows() >= ROWS_PER_STATEMENT {
            batch.flush(tx).await?;
        }
    }
    batch.flush(tx).await?;
    Ok(batch.written)
}

/// Deletes every row of every table, children before parents.
pub async fn empty_all(tx: &mut Write) -> Result<()> {
    match tx.on() {
        On::Sqlite(c) => sqlite::empty_all(c).await,
    }
}

/// A counter's value.
pub struct CounterRow(pub Counter, pub i64);

impl Row for CounterRow {
    const TABLE: &'static str = "counters";
    const COLUMNS: &'static [&'static str] = &["name", "value"];
    fn values(self) -> Vec<Value> {
        vec![self.0.as_str().into(), self.1.into()]
    }
}

/// A firm's head version (its horizon at 0).
pub struct HeadRow(pub PartnerId, pub i64);

impl Row for HeadRow {
    const TABLE: &'static str = "sync_counter";
    const COLUMNS: &'static [&'static str] = &["partner_id", "version", "horizon"];
    fn values(self) -> Vec<Value> {
        vec![self.0 .0.into(), self.1.into(), 0i64.into()]
    }
}

/// A change-log row of a live record.
pub struct ChangeRow {
    pub partner: PartnerId,
    pub entity: Entity,
    pub id: Uuid,
    pub version: i64,
    pub owner: Option<UserId>,
}

impl Row for ChangeRow {
    const TABLE: &'static str = "change_log";
    const COLUMNS: &'static [&'static str] = &[
        "partner_id",
        "entity",
        "record_id",
        "version",
        "deleted",
        "owner_id",
    ];
    fn values(self) -> Vec<Value> {
        vec![
            self.partner.0.into(),
            self.entity.as_str().into(),
            self.id.into(),
            self.version.into(),
            false.into(),
            self.owner.map(|o| o.0).into(),
        ]
    }
}
