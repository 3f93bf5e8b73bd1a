//! The lockout's SQL for SQLite: `login_attempts`.

use super::Failures;
use crate::error::Result;
use crate::storage::sqlite::{instant_text, parse_instant, Connection};

pub async fn load(c: &mut Connection, email: &str) -> Result<Option<Failures>> {
    let row: Option<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT failures, window_started_at, locked_until FROM login_attempts WHERE email = ?1",
    )
    .bind(email)
    .fetch_optional(&mut *c)
    .await?;
    row.map(|(failures, started, until)| {
        Ok(Failures {
            failures: u32::try_from(failures).unwrap_or(0),
            window_started_at: parse_instant(&started)?,
            locked_until: until.as_deref().map(parse_instant).transpose()?,
        })
    })
    .transpose()
}

pub async fn save(c: &mut Connection, email: &str, f: &Failures) -> Result<()> {
    sqlx::query(
        "INSERT INTO login_attempts (email, failures, window_started_at, locked_until)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (email) DO UPDATE SET failures = excluded.failures,
             window_started_at = excluded.window_started_at, locked_until = excluded.locked_until",
    )
    .bind(email)
    .bind(i64::from(f.failures))
    .bind(instant_text(f.window_started_at))
    .bind(f.locked_until.map(instant_text))
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn forget(c: &mut Connection, email: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_attempts WHERE email = ?1")
        .bind(email)
        .execute(&mut *c)
        .await?;
    Ok(())
}
