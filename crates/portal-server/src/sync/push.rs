//! A push: a batch of one client's mutations, each applied in its own transaction together with the
//! record of its outcome, so that a batch delivered twice is answered the same and applied once.

use super::writer::Writer;
use super::{deals, orders, pims, prospects, quotes, resources, support_cases};
use crate::error::{Error, Result};
use crate::storage::{pushes, Storage, Write};
use chrono::Utc;
use portal_core::order::OrderAction;
use portal_core::sync::{
    Entity, Mutation, MutationOp, MutationResult, Outcome, PushResponse, MAX_PUSH,
};
use portal_core::{ApiError, ErrorKind};

/// Applies the mutations in order and answers with each one's outcome, in the same order.
pub async fn push(storage: &Storage, w: &Writer, mutations: &[Mutation]) -> Result<PushResponse> {
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
    claim_client(storage, w).await?;
    let mut results = Vec::with_capacity(mutations.len());
    for m in mutations {
        results.push(MutationResult {
            mutation_id: m.mutation_id,
            outcome: apply(storage, w, m).await?,
        });
    }
    Ok(PushResponse { results })
}

/// An installation belongs to the user who first pushed from it; another user's pushes under its
/// id are refused, so nobody can read or replay someone else's outcomes.
async fn claim_client(storage: &Storage, w: &Writer) -> Result<()> {
    let mut db = storage.conn().await?;
    let owner = pushes::claim(&mut db, w.client, w.user, Utc::now()).await?;
    if owner != w.user {
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
async fn apply(storage: &Storage, w: &Writer, m: &Mutation) -> Result<Outcome> {
    // The write transaction holds the right to write from its start, so versions are taken and
    // committed in order and a concurrent duplicate waits here rather than failing later.
    let mut tx = storage.write().await?;
    if let Some(outcome) = pushes::outcome(&mut tx, w.client, m.mutation_id).await? {
        tx.rollback().await?;
        return Ok(outcome);
    }
    // An installation sends its mutations in the order made, and its newest answer is never
    // forgotten: a mutation older than that one was answered long ago and its answer has been
    // forgotten by the housekeeping. Applying it again could undo later work (re-create a record
    // deleted since), so it is refused.
    let newest = pushes::newest(&mut tx, w.client).await?;
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
    // A savepoint: a refusal undoes this mutation's writes only.
    tx.savepoint().await?;
    let outcome = match dispatch(&mut tx, w, m).await {
        Ok(outcome) => {
            tx.release_savepoint().await?;
            outcome
        }
        Err(Error::Api(error)) => {
            tx.rollback_to_savepoint().await?;
            Outcome::Refused { error }
        }
        Err(other) => return Err(other),
    };
    pushes::remember(
        &mut tx,
        w.client,
        m.mutation_id,
        w.user,
        &outcome,
        Utc::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

async fn dispatch(tx: &mut Write, w: &Writer, m: &Mutation) -> Result<Outcome> {
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
    if m.entity.is_update_only() && !matches!(m.op, MutationOp::Update { .. }) {
        return Err(pims::profile::not_created_or_deleted().into());
    }
    let no_handler = |entity: Entity| -> Result<Outcome> {
        Err(Error::corrupt(format!(
            "no mutation handler for {}",
            entity.as_str()
        )))
    };
    match &m.op {
        MutationOp::Create { body } => match m.entity {
            Entity::Prospect => prospects::create(tx, w, m.id, body).await,
            Entity::Deal => deals::create(tx, w, m.id, body).await,
            Entity::Quote => quotes::create(tx, w, m.id, body).await,
            Entity::Order => orders::create(tx, w, m.id, body).await,
            Entity::SupportCase => support_cases::create(tx, w, m.id, body).await,
            Entity::ResourceUse => resources::uses::create(tx, w, m.id, body).await,
            Entity::Campaign => pims::campaigns::create(tx, w, m.id, body).await,
            Entity::LeadDecision => pims::leads::decide(tx, w, m.id, body).await,
            entity => no_handler(entity),
        },
        MutationOp::Update {
            base_version,
            fields,
        } => match m.entity {
            Entity::Prospect => prospects::update(tx, w, m.id, *base_version, fields).await,
            Entity::Deal => deals::update(tx, w, m.id, *base_version, fields).await,
            Entity::Quote => quotes::update(tx, w, m.id, *base_version, fields).await,
            Entity::Order => orders::update(tx, w, m.id, *base_version, fields).await,
            Entity::MarketingProfile => {
                pims::profile::update(tx, w, m.id, *base_version, fields).await
            }
            Entity::Campaign => pims::campaigns::update(tx, w, m.id, *base_version, fields).await,
            entity => no_handler(entity),
        },
        MutationOp::Delete { .. } => match m.entity {
            Entity::Prospect => prospects::delete(tx, w, m.id).await,
            Entity::Deal => deals::delete(tx, w, m.id).await,
            Entity::Quote => quotes::delete(tx, w, m.id).await,
            Entity::Order => orders::delete(tx, w, m.id).await,
            Entity::Campaign => pims::campaigns::delete(tx, w, m.id).await,
            entity => no_handler(entity),
        },
        MutationOp::Act { action, .. } => {
            let not_a_step = |message: &str| -> Result<Outcome> {
                Err(ApiError::invalid("action", message).into())
            };
            match m.entity {
                Entity::Deal => match action.deal() {
                    Some(action) => deals::act(tx, w, m.id, action).await,
                    None => not_a_step("That is not a step a deal registration takes."),
                },
                Entity::Quote => match action.quote() {
                    Some(action) => quotes::act(tx, w, m.id, action).await,
                    None => not_a_step(
                        "That is not a step a quote takes: a quote is sent, accepted or declined.",
                    ),
                },
                Entity::Order => match action.order() {
                    Some(OrderAction::Submit) => orders::submit(tx, w, m.id).await,
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
