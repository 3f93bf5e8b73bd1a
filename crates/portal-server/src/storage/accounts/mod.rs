//! Partner firms and their users as portal-core types: a user, the firm's users, the signed-in
//! profile, the firm's details with its certification and account team. Every query names the
//! caller's firm, so tenancy is enforced by the query itself, never by filtering afterwards.

mod sqlite;

use super::{Conn, On};
use crate::error::Result;
use portal_core::api::auth::Profile;
use portal_core::api::partner::{PartnerDetails, PartnerSummary};
use portal_core::api::user::UserProfile;
use portal_core::ids::{PartnerId, UserId};

/// One user of the firm, if the firm has that user.
pub async fn user(db: &mut Conn, partner: PartnerId, id: UserId) -> Result<Option<UserProfile>> {
    match db.on() {
        On::Sqlite(c) => sqlite::user(c, partner, id).await,
    }
}

/// Every user of the firm, by surname.
pub async fn users(db: &mut Conn, partner: PartnerId) -> Result<Vec<UserProfile>> {
    match db.on() {
        On::Sqlite(c) => sqlite::users(c, partner).await,
    }
}

/// The firm's name and tier.
pub async fn partner_summary(db: &mut Conn, partner: PartnerId) -> Result<PartnerSummary> {
    match db.on() {
        On::Sqlite(c) => sqlite::partner_summary(c, partner).await,
    }
}

/// The signed-in user and their firm.
pub async fn profile(db: &mut Conn, partner: PartnerId, id: UserId) -> Result<Profile> {
    let user = user(db, partner, id)
        .await?
        .ok_or_else(|| crate::error::Error::corrupt(format!("session user {id} is missing")))?;
    let partner = partner_summary(db, partner).await?;
    Ok(Profile { user, partner })
}

/// The firm with its certification and account team.
pub async fn partner_details(db: &mut Conn, partner: PartnerId) -> Result<PartnerDetails> {
    match db.on() {
        On::Sqlite(c) => sqlite::partner_details(c, partner).await,
    }
}

/// Whether the user belongs to the firm.
pub async fn is_firm_user(db: &mut Conn, partner: PartnerId, user: UserId) -> Result<bool> {
    match db.on() {
        On::Sqlite(c) => sqlite::is_firm_user(c, partner, user).await,
    }
}

/// "First Last" of the firm's user, if the firm has that user.
pub async fn user_name(db: &mut Conn, partner: PartnerId, user: UserId) -> Result<Option<String>> {
    match db.on() {
        On::Sqlite(c) => sqlite::user_name(c, partner, user).await,
    }
}

/// The firm's name.
pub async fn partner_name(db: &mut Conn, partner: PartnerId) -> Result<String> {
    match db.on() {
        On::Sqlite(c) => sqlite::partner_name(c, partner).await,
    }
}

/// Whether there is any partner firm yet.
pub async fn any_partner(db: &mut Conn) -> Result<bool> {
    match db.on() {
        On::Sqlite(c) => sqlite::any_partner(c).await,
    }
}

/// Every firm with its tier (who receives what the vendor publishes for some tiers only).
pub async fn firm_tiers(
    db: &mut Conn,
) -> Result<Vec<(PartnerId, portal_core::api::partner::Tier)>> {
    match db.on() {
        On::Sqlite(c) => sqlite::firm_tiers(c).await,
    }
}
