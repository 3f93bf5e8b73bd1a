//! A push: a batch of one client's mutations, each applied in its own transaction together with the
//! record of its outcome, so that a batch delivered twice is answered the same and applied once.

use super::merge::Stamp;
use super::{deals, orders, prospects, quotes, support_cases};
use crate::db::instant_text;
use crate::error::{Error, Result};
use chrono::{NaiveDate, Utc};
use portal_core::ids::{PartnerId, UserId};
use portal_core::order::OrderAction;
use portal_core::sync::{
    Entity, Mutation, MutationOp, MutationResult, Outcome, PushResponse, MAX_PUSH,
};
use portal_core::{ApiError, ErrorKind, Role};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use uuid::Uuid;

/// Who is pushing, from which installation, and the vendor's rules of the day.
#[derive(Debug, Clone, Copy)]
pub struct Writer {
    pub partner: PartnerId,
    pub user: UserId,
    pub role: Role,
    pub client: Uuid,
    /// The day decisions are dated with.
    pub today: NaiveDate,
    /// Days from approval to expiry.
    pub expiry_days: u32,
    /// Quote discounts above a product's cap up to this are approved without a channel manager
    /// (0: none are).
    pub auto_approve_up_to: portal_core::Percent,
}

impl Writer {
    pub fn partner_text(&self) -> String {
        self.partner.to_string()
    }

    /// Whether the writer may see and change a record that `owner` owns.
    pub fn sees(&self, owner: UserId) -> bool {
        self.role.sees_all_firm_records() || owner == self.user
    }

    /// The stamp of a field this writer changes at `version`.
    pub fn stamp(&self, version: i64) -> Stamp {
        Stamp {
            version,
            client: Some(self.client),
        }
    }
}

/// Applies the mutations in order and answers with each one's outcome, in the same order.
pub async fn push(pool: &SqlitePool, w: &Writer, mutations: &[Mutation]) -> Result<PushResponse> {
    if mutations.len() > MAX_PUSH {
        return Err(ApiError::invalid(
            "mutations",
            format!(
                "A push can carry at most {MAX_PUSH} changes; this one has {}. Send the rest in another push.",
                mutations.len()
            ),
        )
        .into());
    }
    claim_client(pool, w).await?;
    let mut results = Vec::with_capacity(mutations.len());
    for m in mutations {
        results.push(MutationResult {
            mutation_id: m.mutation_id,
            outcome: apply(pool, w, m).await?,
        });
    }
    Ok(PushResponse { results })
}

/// An installation belongs to the user who first pushed from it; another user's pushes under its
/// id are refused, so nobody can read or replay someone else's outcomes.
async fn claim_client(pool: &SqlitePool, w: &Writer) -> Result<()> {
    let client = w.client.to_string();
    sqlx::query(
        "INSERT INTO sync_clients (client_id, user_id, first_seen) VALUES (?1, ?2, ?3)
         ON CONFLICT (client_id) DO NOTHING",
    )
    .bind(&client)
    .bind(w.user.to_string())
    .bind(instant_text(Utc::now()))
    .execute(pool)
    .await?;
    let owner: String = sqlx::query_scalar("SELECT user_id FROM sync_clients WHERE client_id = ?1")
        .bind(&client)
        .fetch_one(pool)
        .await?;
    if owner != w.user.to_string() {
        return Err(ApiError::new(
            ErrorKind::Forbidden,
            "This copy of the app was set up for another user. Sign out, then sign in again to start a fresh copy.",
        )
        .into());
    }
    Ok(())
}

/// One mutation: the stored outcome if it was seen before; otherwise its effects and its outcome in
/// one transaction. A refusal keeps no effects (unless the refusal is itself a decision that
/// changed the record, such as a channel-conflict rejection).
async fn apply(pool: &SqlitePool, w: &Writer, m: &Mutation) -> Result<Outcome> {
    // IMMEDIATE takes the write lock up front, so versions are taken and committed in order and a
    // concurrent duplicate waits here rather than failing later.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let client = w.client.to_string();
    let recorded: Option<String> = sqlx::query_scalar(
        "SELECT result FROM applied_mutation WHERE client_id = ?1 AND mutation_id = ?2",
    )
    .bind(&client)
    .bind(m.mutation_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(text) = recorded {
        tx.rollback().await?;
        return serde_json::from_str(&text).map_err(Error::corrupt);
    }
    // An installation sends its mutations in the order made, and its newest answer is never
    // forgotten: a mutation older than that one was answered long ago and its answer has been
    // forgotten by the housekeeping. Applying it again could undo later work (re-create a record
    // deleted since), so it is refused.
    let newest: Option<i64> =
        sqlx::query_scalar("SELECT MAX(mutation_id) FROM applied_mutation WHERE client_id = ?1")
            .bind(&client)
            .fetch_one(&mut *tx)
            .await?;
    if newest.is_some_and(|newest| m.mutation_id < newest) {
        tx.rollback().await?;
        return Ok(Outcome::Refused {
            error: ApiError::new(
                ErrorKind::Conflict,
                "The server received this change long ago and no longer keeps its answer, so it \
                 was not applied again. The record shows what the server has.",
            ),
        });
    }
    let outcome = {
        // A savepoint: a refusal undoes this mutation's writes only.
        let mut attempt = tx.begin().await?;
        match dispatch(&mut attempt, w, m).await {
            Ok(outcome) => {
                attempt.commit().await?;
                outcome
            }
            Err(Error::Api(error)) => {
                attempt.rollback().await?;
                Outcome::Refused { error }
            }
            Err(other) => return Err(other),
        }
    };
    sqlx::query(
        "INSERT INTO applied_mutation (client_id, mutation_id, user_id, result, applied_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(&client)
    .bind(m.mutation_id)
    .bind(w.user.to_string())
    .bind(serde_json::to_string(&outcome).map_err(Error::corrupt)?)
    .bind(instant_text(Utc::now()))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

async fn dispatch(conn: &mut SqliteConnection, w: &Writer, m: &Mutation) -> Result<Outcome> {
    if !m.entity.is_writable() {
        return Err(ApiError::new(
            ErrorKind::Forbidden,
            format!(
                "A {} is the vendor's record; partners cannot change it.",
                m.entity.label()
            ),
        )
        .into());
    }
    if m.entity.is_create_only() && !matches!(m.op, MutationOp::Create { .. }) {
        return Err(ApiError::new(ErrorKind::Forbidden, m.entity.create_only_message()).into());
    }
    let no_handler = |entity: Entity| -> Result<Outcome> {
        Err(Error::corrupt(format!(
            "no mutation handler for {}",
            entity.as_str()
        )))
    };
    match &m.op {
        MutationOp::Create { body } => match m.entity {
            Entity::Prospect => prospects::create(conn, w, m.id, body).await,
            Entity::Deal => deals::create(conn, w, m.id, body).await,
            Entity::Quote => quotes::create(conn, w, m.id, body).await,
            Entity::Order => orders::create(conn, w, m.id, body).await,
            Entity::SupportCase => support_cases::create(conn, w, m.id, body).await,
            entity => no_handler(entity),
        },
        MutationOp::Update {
            base_version,
            fields,
        } => match m.entity {
            Entity::Prospect => prospects::update(conn, w, m.id, *base_version, fields).await,
            Entity::Deal => deals::update(conn, w, m.id, *base_version, fields).await,
            Entity::Quote => quotes::update(conn, w, m.id, *base_version, fields).await,
            Entity::Order => orders::update(conn, w, m.id, *base_version, fields).await,
            entity => no_handler(entity),
        },
        MutationOp::Delete { .. } => match m.entity {
            Entity::Prospect => prospects::delete(conn, w, m.id).await,
            Entity::Deal => deals::delete(conn, w, m.id).await,
            Entity::Quote => quotes::delete(conn, w, m.id).await,
            Entity::Order => orders::delete(conn, w, m.id).await,
            entity => no_handler(entity),
        },
        MutationOp::Act { action, .. } => {
            let not_a_step = |message: &str| -> Result<Outcome> {
                Err(ApiError::invalid("action", message).into())
            };
            match m.entity {
                Entity::Deal => match action.deal() {
                    Some(action) => deals::act(conn, w, m.id, action).await,
                    None => not_a_step("That is not a step a deal registration takes."),
                },
                Entity::Quote => match action.quote() {
                    Some(action) => quotes::act(conn, w, m.id, action).await,
                    None => not_a_step(
                        "That is not a step a quote takes: a quote is sent, accepted or declined.",
                    ),
                },
                Entity::Order => match action.order() {
                    Some(OrderAction::Submit) => orders::submit(conn, w, m.id).await,
                    Some(_) | None => not_a_step(
                        "That is not a step a partner takes on an order: an order is submitted.",
                    ),
                },
                entity => Err(ApiError::new(
                    ErrorKind::InvalidInput,
                    format!(
                        "A {} has no actions; only deal registrations, quotes and orders do.",
                        entity.label()
                    ),
                )
                .into()),
            }
        }
    }
}
