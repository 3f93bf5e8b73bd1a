//! Reading records into portal-core types. Every query names the caller's partner firm in its WHERE
//! clause, so tenancy is enforced by the database query itself, never by filtering afterwards.

use crate::db::{parse_date, parse_instant, parse_uuid};
use crate::error::{Error, Result};
use portal_core::api::auth::Profile;
use portal_core::api::partner::{
    AccountManager, Address, Certification, CertificationStatus, PartnerDetails, PartnerSummary,
    Tier,
};
use portal_core::api::user::UserProfile;
use portal_core::ids::{AccountManagerId, PartnerId, UserId};
use portal_core::{Percent, Role};
use sqlx::{FromRow, SqliteExecutor};

pub fn parse_role(s: &str) -> Result<Role> {
    s.parse().map_err(Error::corrupt)
}

pub fn parse_tier(s: &str) -> Result<Tier> {
    Ok(match s {
        "registered" => Tier::Registered,
        "silver" => Tier::Silver,
        "gold" => Tier::Gold,
        "platinum" => Tier::Platinum,
        other => return Err(Error::corrupt(format!("tier {other:?}"))),
    })
}

pub fn tier_text(t: Tier) -> &'static str {
    match t {
        Tier::Registered => "registered",
        Tier::Silver => "silver",
        Tier::Gold => "gold",
        Tier::Platinum => "platinum",
    }
}

pub fn parse_certification(s: &str) -> Result<CertificationStatus> {
    Ok(match s {
        "not_certified" => CertificationStatus::NotCertified,
        "in_progress" => CertificationStatus::InProgress,
        "certified" => CertificationStatus::Certified,
        "lapsed" => CertificationStatus::Lapsed,
        other => return Err(Error::corrupt(format!("certification status {other:?}"))),
    })
}

pub fn certification_text(c: CertificationStatus) -> &'static str {
    match c {
        CertificationStatus::NotCertified => "not_certified",
        CertificationStatus::InProgress => "in_progress",
        CertificationStatus::Certified => "certified",
        CertificationStatus::Lapsed => "lapsed",
    }
}

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
            id: UserId(parse_uuid(&r.id)?),
            email: r.email,
            first_name: r.first_name,
            last_name: r.last_name,
            job_title: r.job_title,
            phone: r.phone,
            role: parse_role(&r.role)?,
            registered: r.registered,
            security_question: r.security_question,
            last_sign_in: r.last_sign_in.as_deref().map(parse_instant).transpose()?,
        })
    }
}

/// One user of the firm, if the firm has that user.
pub async fn user(
    db: impl SqliteExecutor<'_>,
    partner: PartnerId,
    id: UserId,
) -> Result<Option<UserProfile>> {
    let row: Option<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE partner_id = ?1 AND id = ?2"
    ))
    .bind(partner.to_string())
    .bind(id.to_string())
    .fetch_optional(db)
    .await?;
    row.map(UserProfile::try_from).transpose()
}

/// Every user of the firm, by surname.
pub async fn users(db: impl SqliteExecutor<'_>, partner: PartnerId) -> Result<Vec<UserProfile>> {
    let rows: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE partner_id = ?1 ORDER BY last_name, first_name, id"
    ))
    .bind(partner.to_string())
    .fetch_all(db)
    .await?;
    rows.into_iter().map(UserProfile::try_from).collect()
}

pub async fn partner_summary(
    db: impl SqliteExecutor<'_>,
    partner: PartnerId,
) -> Result<PartnerSummary> {
    let (name, tier): (String, String) =
        sqlx::query_as("SELECT name, tier FROM partners WHERE id = ?1")
            .bind(partner.to_string())
            .fetch_optional(db)
            .await?
            .ok_or_else(|| Error::corrupt(format!("partner {partner} is missing")))?;
    Ok(PartnerSummary {
        id: partner,
        name,
        tier: parse_tier(&tier)?,
    })
}

/// The signed-in user and their firm.
pub async fn profile(pool: &sqlx::SqlitePool, partner: PartnerId, id: UserId) -> Result<Profile> {
    let user = user(pool, partner, id)
        .await?
        .ok_or_else(|| Error::corrupt(format!("session user {id} is missing")))?;
    let partner = partner_summary(pool, partner).await?;
    Ok(Profile { user, partner })
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

/// The firm with its certification and account team.
pub async fn partner_details(
    pool: &sqlx::SqlitePool,
    partner: PartnerId,
) -> Result<PartnerDetails> {
    let p: PartnerRow = sqlx::query_as(
        "SELECT name, tier, margin_bp, website, phone, address_line1, address_line2, city, region,
                postal_code, country, certification_status, certification_level, certified_on,
                certification_expires_on, certified_people
         FROM partners WHERE id = ?1",
    )
    .bind(partner.to_string())
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| Error::corrupt(format!("partner {partner} is missing")))?;
    let team: Vec<AccountManagerRow> = sqlx::query_as(
        "SELECT m.id, m.name, m.role, m.email, m.phone
         FROM partner_account_team t JOIN account_managers m ON m.id = t.account_manager_id
         WHERE t.partner_id = ?1 ORDER BY t.position, m.name",
    )
    .bind(partner.to_string())
    .fetch_all(pool)
    .await?;
    let account_team = team
        .into_iter()
        .map(|m| {
            Ok(AccountManager {
                id: AccountManagerId(parse_uuid(&m.id)?),
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
        tier: parse_tier(&p.tier)?,
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
            status: parse_certification(&p.certification_status)?,
            level: p.certification_level,
            certified_on: p.certified_on.as_deref().map(parse_date).transpose()?,
            expires_on: p
                .certification_expires_on
                .as_deref()
                .map(parse_date)
                .transpose()?,
            certified_people: u32::try_from(p.certified_people).map_err(Error::corrupt)?,
        },
        account_team,
    })
}
