//! Customers › Orders: start an order from an accepted quote (prefilled from its prospect or
//! customer, its figures the quote's), save its details while it is with the partner (awaiting
//! the customer's approval, or refused by the vendor and corrected), submit it to the vendor; list
//! the orders in their two sections and read one. The purchase-order file is
//! [`super::purchase_orders`]'s. Each action is one local transaction, checked with
//! portal-core's rules before anything is queued.

use crate::{
    error::ClientError,
    lists::{
        labels::order_label,
        orders::{listed, order_rows, Listed, OrderFilter},
        parties::party,
        quotes::listed_one,
        search,
    },
    replica::{
        copy,
        outbox::{self, NewChange},
    },
    store::files,
    Portal,
};
use chrono::Utc;
use portal_core::{
    actor::Actor,
    dashboard::IN_PROGRESS,
    ids::{OrderId, QuoteId},
    order::{Address, Order, OrderAction, OrderForm, OrderStatus, ORDER_FIELDS},
    prospect::Prospect,
    quote::{Quote, QuoteFor, QuoteStatus},
    quoting::{OrderDetail, OrderList, OrderQuery, OrderSort},
    sync::{changed_fields, Entity, MutationOp, Step},
    ApiError, ErrorKind,
};
use sqlx::SqliteConnection;
use std::cmp::Ordering;
use uuid::Uuid;

fn not_found() -> ClientError {
    ClientError::Refused(ApiError::not_found("This order"))
}

fn conflict(message: impl Into<String>) -> ClientError {
    ClientError::Refused(ApiError::new(ErrorKind::Conflict, message))
}

/// An order as it stands in the view, with its version and its view's body.
pub(super) async fn current(
    conn: &mut SqliteConnection,
    scope: &str,
    id: OrderId,
) -> Result<(Order, i64, serde_json::Value), ClientError> {
    let view = copy::view(conn, scope, Entity::Order, id.0)
        .await?
        .ok_or_else(not_found)?;
    Ok((view.decode()?, view.version, view.body))
}

/// The partner edits an order only while it is with them: before submission, or once refused.
pub(super) fn editable(order: &Order, what: &str) -> Result<(), ClientError> {
    if order.status.is_with_partner() {
        Ok(())
    } else {
        Err(conflict(format!(
            "This order is {}, so it can no longer be {what}.",
            order.status.label().to_lowercase()
        )))
    }
}

/// The company an order from `quote_for` is for, as the cache knows it: its name, sector and
/// address (all empty when the cache does not hold it).
async fn company(
    conn: &mut SqliteConnection,
    scope: &str,
    quote_for: QuoteFor,
) -> Result<(String, String, Address), ClientError> {
    let (entity, id) = match quote_for {
        QuoteFor::Prospect(p) => (Entity::Prospect, p.0),
        QuoteFor::Customer(c) => (Entity::Customer, c.0),
    };
    let Some(view) = copy::view(conn, scope, entity, id).await? else {
        return Ok(Default::default());
    };
    if let QuoteFor::Prospect(_) = quote_for {
        if let Ok(p) = serde_json::from_value::<Prospect>(view.body.clone()) {
            let a = p.address;
            let address = Address {
                line1: a.line1,
                line2: a.line2,
                city: a.city,
                region: a.region,
                postal_code: a.postal_code,
                country: a.country,
            };
            return Ok((p.company_name, p.sector, address));
        }
    }
    let text = |field: &str| {
        view.body
            .get(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let address = view
        .body
        .get("address")
        .and_then(|a| serde_json::from_value(a.clone()).ok())
        .unwrap_or_default();
    Ok((text("company_name"), text("sector"), address))
}

/// Queues the fields of `order` that differ from its view `before` (at `version`) and commits
/// `tx`; false when none did (nothing queued, what else `tx` did is committed).
pub(super) async fn queue_edit(
    portal: &Portal,
    tx: sqlx::Transaction<'_, sqlx::Sqlite>,
    scope: &str,
    order: &Order,
    before: &serde_json::Value,
    version: i64,
) -> Result<bool, ClientError> {
    let body = serde_json::to_value(order).expect("an order serializes");
    let mut fields = changed_fields(before, &body);
    fields.retain(|k, _| ORDER_FIELDS.contains(&k.as_str()));
    let Some(op) = outbox::edit(version, fields) else {
        tx.commit().await?;
        return Ok(false);
    };
    let change = NewChange {
        entity: Entity::Order,
        record_id: order.id.0,
        op,
        record_label: order_label(order.number.as_deref(), &order.company_name),
        summary: None,
    };
    portal.queue(tx, scope, change).await?;
    Ok(true)
}

impl Portal {
    /// The orders that match, in the list's two sections (waiting for the customer, then with the
    /// vendor); `offset` and `limit` page through both together.
    pub async fn orders(&self, query: OrderQuery) -> Result<OrderList, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        let needle = search::needle(&query.search);
        let wanted = query.status.map(OrderStatus::as_str);
        let in_progress = IN_PROGRESS.map(OrderStatus::as_str);
        let mut rows: Vec<Listed> = listed(&mut conn, &scope, &OrderFilter::default())
            .await?
            .into_iter()
            .filter(|r| wanted.is_none_or(|s| r.status == s))
            .filter(|r| !query.in_progress || in_progress.contains(&r.status.as_str()))
            .filter(|r| {
                needle.is_empty()
                    || r.number
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(&needle))
                    || r.company_name.to_lowercase().contains(&needle)
                    || r.po_number.to_lowercase().contains(&needle)
            })
            .collect();
        let rank = |r: &Listed| {
            OrderStatus::parse(&r.status)
                .and_then(|s| OrderStatus::ALL.iter().position(|x| *x == s))
                .unwrap_or(0)
        };
        let key = |a: &Listed, b: &Listed| -> Ordering {
            match query.sort {
                // Newest first, unless `descending` turns it round.
                OrderSort::Created => (&b.created_on, &b.id).cmp(&(&a.created_on, &a.id)),
                OrderSort::CompanyName => a
                    .company_name
                    .to_lowercase()
                    .cmp(&b.company_name.to_lowercase()),
                OrderSort::Total => a.total_minor.cmp(&b.total_minor),
                OrderSort::Status => rank(a).cmp(&rank(b)),
            }
        };
        // The customer's section first, then the vendor's.
        let section =
            |r: &Listed| OrderStatus::parse(&r.status).is_some_and(OrderStatus::is_with_vendor);
        rows.sort_by(|a, b| {
            let order = key(a, b).then_with(|| b.id.cmp(&a.id));
            section(a).cmp(&section(b)).then(if query.descending {
                order.reverse()
            } else {
                order
            })
        });
        let total = rows.len() as u64;
        let limit = match query.limit {
            0 => search::DEFAULT_LIMIT,
            n => n.min(search::MAX_LIMIT),
        } as usize;
        let mut list = OrderList {
            pending_customer_approval: Vec::new(),
            submitted: Vec::new(),
            total,
        };
        for r in rows.into_iter().skip(query.offset as usize).take(limit) {
            let row = r.into_row()?;
            if row.status.is_with_vendor() {
                list.submitted.push(row);
            } else {
                list.pending_customer_approval.push(row);
            }
        }
        Ok(list)
    }

    /// One order with its quote and, once provisioned, its customer's name.
    pub async fn order(&self, id: OrderId) -> Result<OrderDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let today = Utc::now().date_naive();
        let mut conn = self.cache.pool().acquire().await?;
        let (order, version, _) = current(&mut conn, &scope, id).await?;
        let row = order_rows(
            &mut conn,
            &scope,
            &OrderFilter {
                id: Some(id),
                ..OrderFilter::default()
            },
        )
        .await?
        .into_iter()
        .next()
        .ok_or_else(not_found)?;
        let quote = listed_one(&mut conn, &scope, today, order.quote_id)
            .await?
            .ok_or_else(|| ClientError::Refused(ApiError::not_found("This order's quote")))?
            .into_row()?;
        let customer_name = match order.customer_id {
            Some(c) => party(&mut conn, &scope, QuoteFor::Customer(c))
                .await?
                .map(|(name, _)| name),
            None => None,
        };
        Ok(OrderDetail {
            order,
            quote,
            customer_name,
            version,
            waiting_for_server: row.waiting_for_server,
            pending: row.pending,
        })
    }

    /// Starts an order from an accepted quote: the company's name, sector and address from the
    /// prospect (or customer) it was for, the figures from the quote. It waits for the customer's
    /// approval and purchase order until it is submitted.
    pub async fn start_order(&self, quote_id: QuoteId) -> Result<OrderDetail, ClientError> {
        let (scope, me) = self.me().await?;
        let today = Utc::now().date_naive();
        let mut tx = self.cache.pool().begin().await?;
        let quote: Quote = copy::view(&mut tx, &scope, Entity::Quote, quote_id.0)
            .await?
            .ok_or_else(|| ClientError::Refused(ApiError::not_found("This quote")))?
            .decode()?;
        let row = listed_one(&mut tx, &scope, today, quote_id)
            .await?
            .ok_or_else(|| ClientError::Refused(ApiError::not_found("This quote")))?
            .into_row()?;
        if row.status != QuoteStatus::Accepted {
            return Err(conflict(format!(
                "Only a quote the customer accepted can be ordered; this one is {}.",
                row.status.label().to_lowercase()
            )));
        }
        let existing = order_rows(
            &mut tx,
            &scope,
            &OrderFilter {
                quote_id: Some(quote_id),
                ..OrderFilter::default()
            },
        )
        .await?;
        if let Some(o) = existing.iter().find(|o| o.status != OrderStatus::Refused) {
            return Err(conflict(format!(
                "An order was already started from this quote: {}.",
                order_label(
                    (o.reference != "New order").then_some(o.reference.as_str()),
                    &o.company_name
                )
            )));
        }
        let (company_name, sector, address) = company(&mut tx, &scope, quote.quote_for).await?;
        let order = Order {
            id: OrderId::from_uuid(Uuid::now_v7()),
            number: None,
            quote_id,
            company_name,
            sector,
            address,
            po_number: String::new(),
            po_attachment: None,
            currency: quote.currency,
            total: quote.totals.total,
            rrp_total: quote.totals.rrp_total,
            cost_total: quote.totals.cost_total,
            owner_id: me,
            created_on: today,
            status: OrderStatus::PendingCustomerApproval,
            status_reason: None,
            submitted_on: None,
            provisioned_on: None,
            customer_id: None,
        };
        order.check_draft().map_err(ClientError::from_form)?;
        let change = NewChange {
            entity: Entity::Order,
            record_id: order.id.0,
            op: MutationOp::Create {
                body: serde_json::to_value(&order).expect("an order serializes"),
            },
            record_label: order_label(None, &order.company_name),
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.order(order.id).await
    }

    /// Saves an order's details while it waits for the customer: only the fields changed are
    /// queued. A draft needs a company name; the rest may wait until it is submitted.
    pub async fn save_order(
        &self,
        id: OrderId,
        form: OrderForm,
    ) -> Result<OrderDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let (before, version, body) = current(&mut tx, &scope, id).await?;
        editable(&before, "edited")?;
        let order = form.apply(before.clone());
        let mut errors = order.check_draft().err().unwrap_or_default();
        if let Some(a) = &order.po_attachment {
            let unchanged = before.po_attachment.as_ref() == Some(a);
            if !unchanged && !files::holds(&mut tx, &scope, a).await? {
                errors.push(ApiError::invalid(
                    "po_attachment",
                    "Attach the purchase-order file again: this computer does not have it.",
                ));
            }
        }
        if !errors.is_empty() {
            return Err(ClientError::from_form(errors));
        }
        queue_edit(self, tx, &scope, &order, &body, version).await?;
        self.order(id).await
    }

    /// Sends the order to the vendor: checked here first for everything the vendor needs (every
    /// missing field at once), then queued; it shows as waiting for the server until it answers.
    pub async fn submit_order(&self, id: OrderId) -> Result<OrderDetail, ClientError> {
        let (scope, _) = self.me().await?;
        let mut tx = self.cache.pool().begin().await?;
        let (order, version, _) = current(&mut tx, &scope, id).await?;
        order
            .status
            .apply(OrderAction::Submit, Actor::Partner)
            .map_err(|e| conflict(e.to_string()))?;
        order.check_submit().map_err(ClientError::from_form)?;
        let change = NewChange {
            entity: Entity::Order,
            record_id: id.0,
            op: MutationOp::Act {
                base_version: version,
                action: Step::Submit,
            },
            record_label: order_label(order.number.as_deref(), &order.company_name),
            summary: None,
        };
        self.queue(tx, &scope, change).await?;
        self.order(id).await
    }
}
