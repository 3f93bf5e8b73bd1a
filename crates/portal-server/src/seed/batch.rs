//! Multi-row INSERTs for bulk seeding: one prepared statement per table carries many rows, so a
//! 50,000-customer seed costs thousands of statements rather than hundreds of thousands.

use crate::error::Result;
use sqlx::SqliteConnection;

/// A column value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum V {
    T(String),
    I(i64),
    Null,
}

impl From<&str> for V {
    fn from(s: &str) -> Self {
        V::T(s.to_owned())
    }
}
impl From<String> for V {
    fn from(s: String) -> Self {
        V::T(s)
    }
}
impl From<i64> for V {
    fn from(i: i64) -> Self {
        V::I(i)
    }
}
impl From<bool> for V {
    fn from(b: bool) -> Self {
        V::I(i64::from(b))
    }
}
impl<T: Into<V>> From<Option<T>> for V {
    fn from(o: Option<T>) -> Self {
        o.map_or(V::Null, Into::into)
    }
}

/// Rows waiting to be written to one table.
pub struct Batch {
    table: &'static str,
    columns: &'static [&'static str],
    values: Vec<V>,
    /// The statement for a full batch, built once so its text (and prepared statement) is reused.
    full_sql: String,
    pub written: u64,
}

/// The usual rows per statement: well under SQLite's bound-parameter limit for every table here.
pub const ROWS_PER_STATEMENT: usize = 100;

fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let one = format!("({})", vec!["?"; columns.len()].join(", "));
    format!(
        "INSERT INTO {table} ({}) VALUES {}",
        columns.join(", "),
        vec![one; rows].join(", ")
    )
}

impl Batch {
    pub fn new(table: &'static str, columns: &'static [&'static str]) -> Self {
        Self {
            table,
            columns,
            values: Vec::with_capacity(columns.len() * ROWS_PER_STATEMENT),
            full_sql: insert_sql(table, columns, ROWS_PER_STATEMENT),
            written: 0,
        }
    }

    /// Queues a row. The caller flushes (parents before children, so no reference is ever dangling,
    /// which would make SQLite rescan child tables on every parent insert).
    pub fn push(&mut self, row: Vec<V>) {
        assert_eq!(
            row.len(),
            self.columns.len(),
            "row shape for {}",
            self.table
        );
        self.values.extend(row);
    }

    /// Rows queued.
    pub fn rows(&self) -> usize {
        self.values.len() / self.columns.len()
    }

    /// Writes whatever is queued, in one statement (callers keep batches to a few hundred rows).
    pub async fn flush(&mut self, conn: &mut SqliteConnection) -> Result<()> {
        if self.values.is_empty() {
            return Ok(());
        }
        let rows = self.values.len() / self.columns.len();
        let partial;
        let sql = if rows == ROWS_PER_STATEMENT {
            &self.full_sql
        } else {
            partial = insert_sql(self.table, self.columns, rows);
            &partial
        };
        let mut query = sqlx::query(sql);
        for v in self.values.drain(..) {
            query = match v {
                V::T(s) => query.bind(s),
                V::I(i) => query.bind(i),
                V::Null => query.bind(None::<String>),
            };
        }
        query.execute(&mut *conn).await?;
        self.written += rows as u64;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_has_one_placeholder_group_per_row() {
        assert_eq!(
            insert_sql("t", &["a", "b"], 2),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }
}
