//! Sales › Deals: list and read deal registrations from the replica; save drafts, take life-cycle
//! steps and delete drafts as queued changes; the product names of the cached price book.

use crate::{
    error::ClientError,
    lists::{deals, labels::deal_label, parties::prospect_name},
    replica::{
        copy,
        outbox::{self, NewChange},
    },
    Portal,
};
use chrono::Utc;
use portal_core::{
    actor::Actor,
    deal::{DealAction, DealStatus},
    ids::DealId,
    registration::{Deal, DealForm},
    sales::{DealDetail, DealList, DealQuery},
    sync::{changed_fields, Entity, MutationOp},
    ApiError, ErrorKind,
};
use sqlx::SqliteConnection;
use uuid::Uuid;

fn not_found() -> ClientError {
    ClientError::Refused(ApiError::not_found("This deal registration"))
}

fn only_drafts(what: &str) -> ClientError {
    ClientError::Refused(ApiError::new(
        ErrorKind::Conflict,
        format!("Only a draft deal registration can be {what}."),
    ))
}

/// A deal as it stands in the view, with its version.
async fn current(
    conn: &mut SqliteConnection,
    scope: &str,
    id: DealId,
) -> Result<(Deal, i64), ClientError> {
    let view = copy::view(conn, scope, Entity::Deal, id.0)
        .await?
        .ok_or_else(not_found)?;
    Ok((view.decode()?, view.version))
}

fn label(conn_name: Option<&(String, String)>, deal: &Deal) -> String {
    deal_label(
        deal.number.as_deref(),
        conn_name.map(|(n, _)| n.as_str()).unwrap_or(""),
    )
}

impl Portal {
    /// One page of the deals that match, from the local cache.
    pub async fn deals(&self, query: DealQuery) -> Result<DealList, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        deals::deals(&mut conn, &scope, &query).await
    }

    pub async fn deal(&self, id: DealId) -> Result<DealDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        let view = copy::view(&mut conn, &scope, Entity::Deal, id.0)
            .await?
            .ok_or_else(not_found)?;
        let row: Option<(String, String, bool, bool)> = sqlx::query_as(
            "SELECT prospect_name, domain, waiting, pending FROM deal WHERE scope = ?1 AND id = ?2",
        )
        .bind(&scope)
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
        let (prospect_name, domain, waiting_for_server, pending) = row.unwrap_or_default();
        Ok(DealDetail {
            deal: view.decode()?,
            prospect_name,
            domain,
            version: view.version,
            waiting_for_server,
            pending,
        })
    }

    /// Creates (`id` of `None`, as a draft) or edits a draft deal registration.
    pub async fn save_deal(
        &self,
        id: Option<DealId>,
        form: DealForm,
    ) -> Result<DealDetail, ClientError> {
        let (scope, me) = self.me().await?;
        let creating = id.is_none();
        let id = id.unwrap_or_else(|| DealId::from_uuid(Uuid::now_v7()));
        let today = Utc::now().date_naive();
        let mut deal = form.parse(id, me, today).map_err(ClientError::from_form)?;
        let mut tx = self.cache.pool().begin().await?;
        let prospect = prospect_name(&mut tx, &scope, &deal.prospect_id.to_string())
            .await?
            .ok_or_else(|| {
                ClientError::Invalid(ApiError::invalid(
                    "prospect_id",
                    "Choose one of your prospects.",
                ))
            })?;
        let view = copy::view(&mut tx, &scope, Entity::Deal, id.0).await?;
        let op = match view {
            None if creating => {
                let body = serde_json::to_value(&deal).expect("a deal serializes");
                MutationOp::Create { body }
            }
            None => return Err(not_found()),
            Some(view) => {
                let before: Deal = view.decode()?;
                if before.status != DealStatus::Draft {
                    return Err(only_drafts("edited"));
                }
                // The server's fields stay as the server set them.
                deal.number = before.number.clone();
                deal.status = before.status;
                deal.status_reason = before.status_reason.clone();
                deal.submitted_on = before.submitted_on;
                deal.decided_on = before.decided_on;
                deal.expires_on = before.expires_on;
                let body = serde_json::to_value(&deal).expect("a deal serializes");
                let mut fields = changed_fields(&view.body, &body);
                fields.retain(|k, _| Deal::is_partner_field(k));
                match outbox::edit(view.version, fields) {
                    Some(edit) => edit,
                    None => {
                        drop(tx);
                        return self.deal(id).await;
                    }
                }
            }
        };
        let change = NewChange {
            entity: Entity::Deal,
            record_id: id.0,
            op,
            record_label: label(Some(&prospect), &deal),
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.deal(id).await
    }

    /// A step in the deal's life cycle, checked against its status here first. It shows as
    /// waiting for the server until the server answers (a submit is decided at once there).
    pub async fn deal_action(
        &self,
        id: DealId,
        action: DealAction,
    ) -> Result<DealDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let (deal, version) = current(&mut tx, &scope, id).await?;
        deal.status
            .apply(action, Actor::Partner)
            .map_err(|e| ClientError::Refused(ApiError::new(ErrorKind::Conflict, e.to_string())))?;
        let prospect = prospect_name(&mut tx, &scope, &deal.prospect_id.to_string()).await?;
        let change = NewChange {
            entity: Entity::Deal,
            record_id: id.0,
            op: MutationOp::Act {
                base_version: version,
                action: action.into(),
            },
            record_label: label(prospect.as_ref(), &deal),
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.deal(id).await
    }

    /// Deletes a draft.
    pub async fn delete_deal(&self, id: DealId) -> Result<(), ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let (deal, version) = current(&mut tx, &scope, id).await?;
        if deal.status != DealStatus::Draft {
            return Err(only_drafts("deleted"));
        }
        let prospect = prospect_name(&mut tx, &scope, &deal.prospect_id.to_string()).await?;
        let change = NewChange {
            entity: Entity::Deal,
            record_id: id.0,
            op: MutationOp::Delete {
                base_version: version,
            },
            record_label: label(prospect.as_ref(), &deal),
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        Ok(())
    }

    /// The names of the cached price book's active products, for the deal form.
    pub async fn product_names(&self) -> Result<Vec<String>, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        let mut names: Vec<String> = copy::bodies(&mut conn, &scope, Entity::Product)
            .await?
            .into_iter()
            .filter(|(_, b)| b.get("active").and_then(|a| a.as_bool()) != Some(false))
            .filter_map(|(_, b)| b.get("name")?.as_str().map(str::to_owned))
            .collect();
        names.sort();
        names.dedup();
        Ok(names)
    }
}
