//! The sessions' SQL for SQLite: `users` and `sessions` for partner users, `vendor_staff` and
//! `vendor_sessions` for the vendor's staff; instants as RFC 3339 text.

use super::{Kind, PartnerAccount, Session, Staff};
use crate::error::Result;
use crate::storage::sqlite::{
    instant_text, parse_id, parse_instant, parse_name, parse_uuid, Connection,
};
use chrono::{DateTime, Utc};
use portal_core::ids::{PartnerId, UserId};
use portal_core::Role;
use sqlx::FromRow;
use uuid::Uuid;

/// (sessions table, its column naming the signed-in account, the accounts' table)
fn tables(kind: Kind) -> (&'static str, &'static str, &'static str) {
    match kind {
        Kind::Partner => ("sessions", "user_id", "users"),
        Kind::Vendor => ("vendor_sessions", "staff_id", "vendor_staff"),
    }
}

fn session_of(expires_at: &str, revoked_at: Option<&str>) -> Result<Session> {
    Ok(Session {
        expires_at: parse_instant(expires_at)?,
        revoked: revoked_at.is_some(),
    })
}

pub async fn partner_account(c: &mut Connection, email: &str) -> Result<Option<PartnerAccount>> {
    let row: Option<(String, String, Option<String>)> =
        sqlx::query_as("SELECT id, partner_id, password_hash FROM users WHERE email = ?1")
            .bind(email)
            .fetch_optional(&mut *c)
            .await?;
    row.map(|(user, partner, password_hash)| {
        Ok(PartnerAccount {
            user: parse_id(&user)?,
            partner: parse_id(&partner)?,
            password_hash,
        })
    })
    .transpose()
}

#[derive(FromRow)]
struct StaffRow {
    id: String,
    email: String,
    first_name: String,
    last_name: String,
    job_title: String,
    role: String,
}

impl StaffRow {
    fn into_staff(self) -> Result<Staff> {
        Ok(Staff {
            id: parse_uuid(&self.id)?,
            email: self.email,
            first_name: self.first_name,
            last_name: self.last_name,
            job_title: self.job_title,
            role: self.role,
        })
    }
}

#[derive(FromRow)]
struct StaffSessionRow {
    expires_at: String,
    revoked_at: Option<String>,
    #[sqlx(flatten)]
    staff: StaffRow,
}

#[derive(FromRow)]
struct StaffAccountRow {
    #[sqlx(flatten)]
    staff: StaffRow,
    password_hash: String,
}

const STAFF_COLUMNS: &str = "v.id, v.email, v.first_name, v.last_name, v.job_title, v.role";

pub async fn staff_account(c: &mut Connection, email: &str) -> Result<Option<(Staff, String)>> {
    let row: Option<StaffAccountRow> = sqlx::query_as(&format!(
        "SELECT {STAFF_COLUMNS}, v.password_hash FROM vendor_staff v WHERE v.email = ?1"
    ))
    .bind(email)
    .fetch_optional(&mut *c)
    .await?;
    row.map(|r| Ok((r.staff.into_staff()?, r.password_hash)))
        .transpose()
}

pub async fn partner_session(
    c: &mut Connection,
    token_hash: &str,
) -> Result<Option<(Session, UserId, PartnerId, Role)>> {
    let row: Option<(String, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT s.user_id, s.expires_at, s.revoked_at, u.partner_id, u.role
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ?1",
    )
    .bind(token_hash)
    .fetch_optional(&mut *c)
    .await?;
    row.map(|(user, expires_at, revoked_at, partner, role)| {
        Ok((
            session_of(&expires_at, revoked_at.as_deref())?,
            parse_id(&user)?,
            parse_id(&partner)?,
            parse_name("role", &role)?,
        ))
    })
    .transpose()
}

pub async fn staff_session(
    c: &mut Connection,
    token_hash: &str,
) -> Result<Option<(Session, Staff)>> {
    let row: Option<StaffSessionRow> = sqlx::query_as(&format!(
        "SELECT s.expires_at, s.revoked_at, {STAFF_COLUMNS}
         FROM vendor_sessions s JOIN vendor_staff v ON v.id = s.staff_id
         WHERE s.token_hash = ?1"
    ))
    .bind(token_hash)
    .fetch_optional(&mut *c)
    .await?;
    row.map(|r| {
        Ok((
            session_of(&r.expires_at, r.revoked_at.as_deref())?,
            r.staff.into_staff()?,
        ))
    })
    .transpose()
}

pub async fn session(c: &mut Connection, kind: Kind, token_hash: &str) -> Result<Option<Session>> {
    let (sessions, _, _) = tables(kind);
    let row: Option<(String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT expires_at, revoked_at FROM {sessions} WHERE token_hash = ?1"
    ))
    .bind(token_hash)
    .fetch_optional(&mut *c)
    .await?;
    row.map(|(expires_at, revoked_at)| session_of(&expires_at, revoked_at.as_deref()))
        .transpose()
}

pub async fn open(
    c: &mut Connection,
    kind: Kind,
    account: Uuid,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let (sessions, account_column, accounts) = tables(kind);
    let account = account.to_string();
    sqlx::query(&format!(
        "INSERT INTO {sessions} (token_hash, {account_column}, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4)"
    ))
    .bind(token_hash)
    .bind(&account)
    .bind(instant_text(now))
    .bind(instant_text(expires_at))
    .execute(&mut *c)
    .await?;
    sqlx::query(&format!(
        "UPDATE {accounts} SET last_sign_in = ?1 WHERE id = ?2"
    ))
    .bind(instant_text(now))
    .bind(&account)
    .execute(&mut *c)
    .await?;
    parse_instant(&instant_text(expires_at))
}

pub async fn revoke(
    c: &mut Connection,
    kind: Kind,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let (sessions, _, _) = tables(kind);
    sqlx::query(&format!(
        "UPDATE {sessions} SET revoked_at = ?1 WHERE token_hash = ?2 AND revoked_at IS NULL"
    ))
    .bind(instant_text(now))
    .bind(token_hash)
    .execute(&mut *c)
    .await?;
    Ok(())
}
