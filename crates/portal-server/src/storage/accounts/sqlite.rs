//! The accounts' SQL for SQLite: `partners`, `users`, `account_managers`, `partner_account_team`.

use crate::error::{Error, Result};
use crate::storage::sqlite::{count, parse_date, parse_id, parse_instant, parse_name, Connection};
use portal_core::api::partner::{
    AccountManager, Address, Certification, PartnerDetails, PartnerSummary,
};
use portal_core::api::user::UserProfile;
use portal_core::ids::{PartnerId, UserId};
use portal_core::Percent;
use sqlx::FromRow;

const USER_COLUMNS: &str = "id, email, first_name, last_name, job_title, phone, role, registered, \
                            security_question, last_sign_in";

#[derive(FromRow)]
struct UserRow {
    id: String,
    email: String,
    first_name: String,
    last_name: String,
    job_title: String,
    phone: String,
    role: String,
    registered: bool,
    security_question: Option<String>,
    last_sign_in: Option<String>,
}

impl TryFrom<UserRow> for UserProfile {
    type Error = Error;
    fn try_from(r: UserRow) -> Result<Self> {
        Ok(UserProfile {
            id: parse_id(&r.id)?,
            email: r.email,
            first_name: r.first_name,
            last_name: r.last_name,
            job_title: r.job_title,
            phone: r.phone,
            role: parse_name("role", &r.role)?,
            registered: r.registered,
            security_question: r.security_question,
            last_sign_in: r.last_sign_in.as_deref().map(parse_instant).transpose()?,
        })
    }
}

pub async fn user(
    c: &mut Connection,
    partner: PartnerId,
    id: UserId,
) -> Result<Option<UserProfile>> {
    let row: Option<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE partner_id = ?1 AND id = ?2"
    ))
    .bind(partner.to_string())
    .bind(id.to_string())
    .fetch_optional(&mut *c)
    .await?;
    row.map(UserProfile::try_from).transpose()
}

pub async fn users(c: &mut Connection, partner: PartnerId) -> Result<Vec<UserProfile>> {
    let rows: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE partner_id = ?1 ORDER BY last_name, first_name, id"
    ))
    .bind(partner.to_string())
    .fetch_all(&mut *c)
    .await?;
    rows.into_iter().map(UserProfile::try_from).collect()
}

pub async fn partner_summary(c: &mut Connection, partner: PartnerId) -> Result<PartnerSummary> {
    let (name, tier): (String, String) =
        sqlx::query_as("SELECT name, tier FROM partners WHERE id = ?1")
            .bind(partner.to_string())
            .fetch_optional(&mut *c)
            .await?
            .ok_or_else(|| Error::corrupt(format!("partner {partner} is missing")))?;
    Ok(PartnerSummary {
        id: partner,
        name,
        tier: parse_name("tier", &tier)?,
    })
}

#[derive(FromRow)]
struct PartnerRow {
    name: String,
    tier: String,
    margin_bp: i64,
    website: String,
    phone: String,
    address_line1: String,
    address_line2: String,
    city: String,
    region: String,
    postal_code: String,
    country: String,
    certification_status: String,
    certification_level: Option<String>,
    certified_on: Option<String>,
    certification_expires_on: Option<String>,
    certified_people: i64,
}

#[derive(FromRow)]
struct AccountManagerRow {
    id: String,
    name: String,
    role: String,
    email: String,
    phone: String,
}

pub async fn partner_details(c: &mut Connection, partner: PartnerId) -> Result<PartnerDetails> {
    let p: PartnerRow = sqlx::query_as(
        "SELECT name, tier, margin_bp, website, phone, address_line1, address_line2, city, region,
                postal_code, country, certification_status, certification_level, certified_on,
                certification_expires_on, certified_people
         FROM partners WHERE id = ?1",
    )
    .bind(partner.to_string())
    .fetch_optional(&mut *c)
    .await?
    .ok_or_else(|| Error::corrupt(format!("partner {partner} is missing")))?;
    let team: Vec<AccountManagerRow> = sqlx::query_as(
        "SELECT m.id, m.name, m.role, m.email, m.phone
         FROM partner_account_team t JOIN account_managers m ON m.id = t.account_manager_id
         WHERE t.partner_id = ?1 ORDER BY t.position, m.name",
    )
    .bind(partner.to_string())
    .fetch_all(&mut *c)
    .await?;
    let account_team = team
        .into_iter()
        .map(|m| {
            Ok(AccountManager {
                id: parse_id(&m.id)?,
                name: m.name,
                role: m.role,
                email: m.email,
                phone: m.phone,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(PartnerDetails {
        id: partner,
        name: p.name,
        tier: parse_name("tier", &p.tier)?,
        margin: Percent(u32::try_from(p.margin_bp).map_err(Error::corrupt)?),
        website: p.website,
        phone: p.phone,
        address: Address {
            line1: p.address_line1,
            line2: p.address_line2,
            city: p.city,
            region: p.region,
            postal_code: p.postal_code,
            country: p.country,
        },
        certification: Certification {
            status: parse_name("certification status", &p.certification_status)?,
            level: p.certification_level,
            certified_on: p.certified_on.as_deref().map(parse_date).transpose()?,
            expires_on: p
                .certification_expires_on
                .as_deref()
                .map(parse_date)
                .transpose()?,
            certified_people: count("certified people", p.certified_people)?,
        },
        account_team,
    })
}

pub async fn is_firm_user(c: &mut Connection, partner: PartnerId, user: UserId) -> Result<bool> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE partner_id = ?1 AND id = ?2)")
            .bind(partner.to_string())
            .bind(user.to_string())
            .fetch_one(&mut *c)
            .await?,
    )
}

pub async fn user_name(
    c: &mut Connection,
    partner: PartnerId,
    user: UserId,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT first_name || ' ' || last_name FROM users WHERE partner_id = ?1 AND id = ?2",
    )
    .bind(partner.to_string())
    .bind(user.to_string())
    .fetch_optional(&mut *c)
    .await?)
}

pub async fn partner_name(c: &mut Connection, partner: PartnerId) -> Result<String> {
    Ok(
        sqlx::query_scalar("SELECT name FROM partners WHERE id = ?1")
            .bind(partner.to_string())
            .fetch_one(&mut *c)
            .await?,
    )
}

pub async fn any_partner(c: &mut Connection) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM partners")
        .fetch_one(&mut *c)
        .await?;
    Ok(n > 0)
}

pub async fn firm_tiers(
    c: &mut Connection,
) -> Result<Vec<(PartnerId, portal_core::api::partner::Tier)>> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT id, tier FROM partners ORDER BY id")
        .fetch_all(&mut *c)
        .await?;
    rows.into_iter()
        .map(|(id, tier)| Ok((parse_id(&id)?, parse_name("tier", &tier)?)))
        .collect()
}
