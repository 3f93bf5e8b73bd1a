//! Sales › Prospects: list and read from the replica, save and delete as queued changes, and check
//! a domain locally and (when online) with the server.

use crate::{
    error::ClientError,
    lists::{deals, prospects, search},
    replica::{
        copy,
        outbox::{self, NewChange},
    },
    store::read,
    Portal,
};
use portal_core::{
    deal::DealStatus,
    ids::ProspectId,
    prospect::{Prospect, ProspectForm},
    sales::{
        DealQuery, DealSort, DomainCheck, ExistingProspect, ProspectDetail, ProspectList,
        ProspectQuery,
    },
    sync::{changed_fields, Entity, MutationOp},
    wire::sql_list,
    ApiError, Domain, ErrorKind,
};
use sqlx::SqliteConnection;
use uuid::Uuid;

/// A prospect of the scope other than `except` that has `domain`.
async fn holder(
    conn: &mut SqliteConnection,
    scope: &str,
    domain: &Domain,
    except: Option<ProspectId>,
) -> Result<Option<ExistingProspect>, ClientError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT id, company_name FROM prospect WHERE scope = ?1 AND domain = ?2 AND id <> ?3
         LIMIT 1",
    )
    .bind(scope)
    .bind(domain.as_str())
    .bind(except.map(|e| e.to_string()).unwrap_or_default())
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(id, company_name)| {
        Ok(ExistingProspect {
            id: read::id(&id)?,
            company_name,
        })
    })
    .transpose()
}

fn not_found() -> ClientError {
    ClientError::Refused(ApiError::not_found("This prospect"))
}

/// The deal registrations that keep a prospect from being deleted: the server refuses while one
/// is submitted, approved, won or lost.
const HELD: [DealStatus; 4] = [
    DealStatus::Submitted,
    DealStatus::Approved,
    DealStatus::Won,
    DealStatus::Lost,
];

impl Portal {
    /// One page of the prospects that match, from the local cache.
    pub async fn prospects(&self, query: ProspectQuery) -> Result<ProspectList, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        prospects::prospects(&mut conn, &scope, &query).await
    }

    /// One prospect with its deal registrations.
    pub async fn prospect(&self, id: ProspectId) -> Result<ProspectDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        let view = copy::view(&mut conn, &scope, Entity::Prospect, id.0)
            .await?
            .ok_or_else(not_found)?;
        let pending: bool =
            sqlx::query_scalar("SELECT pending FROM prospect WHERE scope = ?1 AND id = ?2")
                .bind(&scope)
                .bind(id.to_string())
                .fetch_optional(&mut *conn)
                .await?
                .unwrap_or(false);
        let deals = deals::deals(
            &mut conn,
            &scope,
            &DealQuery {
                prospect_id: Some(id),
                sort: DealSort::Number,
                descending: true,
                limit: search::MAX_LIMIT,
                ..DealQuery::default()
            },
        )
        .await?;
        let mut deals = deals.rows;
        // Newest first: ids are UUIDv7, so they sort by birth (numbers are missing before sync).
        deals.sort_by_key(|d| std::cmp::Reverse(d.id));
        Ok(ProspectDetail {
            prospect: view.decode()?,
            version: view.version,
            pending,
            deals,
        })
    }

    /// Creates (`id` of `None`) or edits a prospect: validated, then queued with its view in one
    /// transaction. A domain another prospect of the cache has is refused on the `domain` field.
    pub async fn save_prospect(
        &self,
        id: Option<ProspectId>,
        form: ProspectForm,
    ) -> Result<ProspectDetail, ClientError> {
        let (scope, me) = self.me().await?;
        let creating = id.is_none();
        let id = id.unwrap_or_else(|| ProspectId::from_uuid(Uuid::now_v7()));
        let prospect = form.parse(id, me).map_err(ClientError::from_form)?;
        let mut tx = self.cache.pool().begin().await?;
        let current = copy::view(&mut tx, &scope, Entity::Prospect, id.0).await?;
        if current.is_none() && !creating {
            return Err(not_found());
        }
        if let Some(other) = holder(&mut tx, &scope, &prospect.domain, Some(id)).await? {
            return Err(ClientError::Invalid(ApiError::invalid(
                "domain",
                format!(
                    "A prospect with the domain {} already exists: {}.",
                    prospect.domain, other.company_name
                ),
            )));
        }
        let body = serde_json::to_value(&prospect).expect("a prospect serializes");
        let op = match current {
            None => MutationOp::Create { body },
            Some(view) => match outbox::edit(view.version, changed_fields(&view.body, &body)) {
                Some(edit) => edit,
                None => {
                    drop(tx);
                    return self.prospect(id).await;
                }
            },
        };
        let change = NewChange {
            entity: Entity::Prospect,
            record_id: id.0,
            op,
            record_label: prospect.company_name.clone(),
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.prospect(id).await
    }

    /// Deletes a prospect (the server deletes its draft and closed registrations with it, and
    /// refuses while one is submitted, approved, won or lost).
    pub async fn delete_prospect(&self, id: ProspectId) -> Result<(), ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let view = copy::view(&mut tx, &scope, Entity::Prospect, id.0)
            .await?
            .ok_or_else(not_found)?;
        let prospect: Prospect = view.decode()?;
        let held: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM deal WHERE scope = ?1 AND prospect_id = ?2
               AND status IN ({})",
            sql_list(&HELD)
        ))
        .bind(&scope)
        .bind(id.to_string())
        .fetch_one(&mut *tx)
        .await?;
        if held > 0 {
            return Err(ClientError::Refused(ApiError::new(
                ErrorKind::Conflict,
                "This prospect has a deal registration that is submitted, approved, won or lost, so it cannot be deleted.",
            )));
        }
        let change = NewChange {
            entity: Entity::Prospect,
            record_id: id.0,
            op: MutationOp::Delete {
                base_version: view.version,
            },
            record_label: prospect.company_name,
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        Ok(())
    }

    /// Whether a domain is free: among the cached prospects (other than `except_id`) and, when the
    /// server can be reached, among the firm's and other firms' registrations.
    pub async fn check_domain(
        &self,
        domain: &str,
        except_id: Option<ProspectId>,
    ) -> Result<DomainCheck, ClientError> {
        let current = self.session().await?;
        let scope = current.stored.user_id.to_string();
        let domain = Domain::parse(domain)
            .map_err(|e| ClientError::Invalid(ApiError::invalid("domain", e.to_string())))?;
        let local = {
            let mut conn = self.cache.pool().acquire().await?;
            holder(&mut conn, &scope, &domain, except_id).await?
        };
        let api = self.api(&current.stored.server_url);
        match api
            .domain_check(&current.stored.token, domain.as_str())
            .await
        {
            Ok(answer) => Ok(DomainCheck {
                domain: domain.to_string(),
                existing: local.or(answer.existing.filter(|e| Some(e.id) != except_id)),
                checked_with_server: true,
                registered_elsewhere: answer.registered_elsewhere,
            }),
            Err(e) if e.is_offline() => Ok(DomainCheck {
                domain: domain.to_string(),
                existing: local,
                checked_with_server: false,
                registered_elsewhere: false,
            }),
            Err(e) => Err(e),
        }
    }
}
