//! The Orders page's commands: start an order from an accepted quote (prefilled from its prospect
//! or customer, its figures the quote's), save its details while the customer's approval is
//! awaited, attach the customer's purchase order, submit it to the vendor; list the orders in
//! their two sections and read one. Each action is one local transaction, checked with
//! portal-core's rules before anything is queued.

use crate::{
    attachments,
    error::ClientError,
    outbox::{self, NewChange},
    prospects::decode,
    quotes::{self, from_name, parse_date},
    replica, search, summary, Portal,
};
use chrono::Utc;
use portal_core::{
    actor::Actor,
    dashboard::IN_PROGRESS,
    ids::{CustomerId, OrderId, QuoteId},
    money::{Currency, Money},
    order::{Address, Attachment, Order, OrderAction, OrderForm, OrderStatus, ORDER_FIELDS},
    prospect::Prospect,
    quote::{QuoteFor, QuoteStatus},
    quoting::{OrderDetail, OrderList, OrderQuery, OrderRow, OrderSort},
    sync::{changed_fields, Entity, MutationOp, Step},
    ApiError, ErrorKind,
};
use sqlx::{FromRow, SqliteConnection};
use std::cmp::Ordering;
use uuid::Uuid;

fn not_found() -> ClientError {
    ClientError::Refused(ApiError::not_found("This order"))
}

fn conflict(message: impl Into<String>) -> ClientError {
    ClientError::Refused(ApiError::new(ErrorKind::Conflict, message))
}

/// Which orders to read.
#[derive(Debug, Clone, Default)]
pub(crate) struct OrderFilter {
    pub id: Option<OrderId>,
    pub quote_id: Option<QuoteId>,
    /// The orders that provisioned this customer.
    pub customer_id: Option<CustomerId>,
}

#[derive(Debug, Clone, FromRow)]
struct Listed {
    id: String,
    number: Option<String>,
    quote_id: String,
    quote_number: Option<String>,
    quote_revision: Option<i64>,
    company_name: String,
    po_number: String,
    created_on: String,
    submitted_on: Option<String>,
    total_minor: i64,
    rrp_minor: i64,
    cost_minor: i64,
    currency: String,
    status: String,
    status_reason: Option<String>,
    customer_id: Option<String>,
    waiting: bool,
    pending: bool,
}

impl Listed {
    fn into_row(self) -> Result<OrderRow, ClientError> {
        let currency =
            Currency::parse(&self.currency).ok_or_else(|| ClientError::corrupt(&self.currency))?;
        fn id<T: std::str::FromStr>(s: &str) -> Result<T, ClientError> {
            s.parse()
                .map_err(|_| ClientError::corrupt(format!("id {s:?}")))
        }
        Ok(OrderRow {
            id: id(&self.id)?,
            reference: summary::order_label(self.number.as_deref(), ""),
            quote_id: id(&self.quote_id)?,
            quote_reference: match self.quote_number.as_deref() {
                Some(n) => {
                    summary::quote_label(Some(n), self.quote_revision.unwrap_or(1) as u32, "")
                }
                None => "New quote".into(),
            },
            company_name: self.company_name,
            created_on: parse_date(&self.created_on)?,
            submitted_on: self.submitted_on.as_deref().map(parse_date).transpose()?,
            cost_total: Money::new(self.cost_minor, currency),
            rrp_total: Money::new(self.rrp_minor, currency),
            total: Money::new(self.total_minor, currency),
            status: from_name(&self.status)?,
            status_reason: self.status_reason,
            customer_id: self
                .customer_id
                .as_deref()
                .map(|c| c.parse::<CustomerId>())
                .transpose()
                .map_err(ClientError::corrupt)?,
            waiting_for_server: self.waiting,
            pending: self.pending,
        })
    }
}

async fn listed(
    conn: &mut SqliteConnection,
    scope: &str,
    filter: &OrderFilter,
) -> Result<Vec<Listed>, ClientError> {
    let mut sql = "SELECT o.id, o.number, o.quote_id, q.number AS quote_number,
                          q.revision AS quote_revision, o.company_name, o.po_number, o.created_on,
                          o.submitted_on, o.total_minor, o.rrp_minor, o.cost_minor, o.currency,
                          o.status, o.status_reason, o.customer_id, o.waiting, o.pending
                   FROM sales_order o
                   LEFT JOIN quote q ON q.scope = o.scope AND q.id = o.quote_id
                   WHERE o.scope = ?1"
        .to_owned();
    let mut args = Vec::new();
    if let Some(id) = filter.id {
        args.push(id.to_string());
        sql.push_str(&format!(" AND o.id = ?{}", args.len() + 1));
    }
    if let Some(q) = filter.quote_id {
        args.push(q.to_string());
        sql.push_str(&format!(" AND o.quote_id = ?{}", args.len() + 1));
    }
    if let Some(c) = filter.customer_id {
        args.push(c.to_string());
        sql.push_str(&format!(" AND o.customer_id = ?{}", args.len() + 1));
    }
    let mut query = sqlx::query_as::<_, Listed>(&sql).bind(scope);
    for a in &args {
        query = query.bind(a);
    }
    Ok(query.fetch_all(&mut *conn).await?)
}

/// The list rows of the orders that pass `filter`, newest first.
pub(crate) async fn order_rows(
    conn: &mut SqliteConnection,
    scope: &str,
    filter: &OrderFilter,
) -> Result<Vec<OrderRow>, ClientError> {
    let mut rows = listed(conn, scope, filter).await?;
    rows.sort_by(|a, b| (&b.created_on, &b.id).cmp(&(&a.created_on, &a.id)));
    rows.into_iter().map(Listed::into_row).collect()
}

async fn current(
    conn: &mut SqliteConnection,
    scope: &str,
    id: OrderId,
) -> Result<(Order, i64, serde_json::Value), ClientError> {
    let view = replica::view(conn, scope, Entity::Order, id.0)
        .await?
        .ok_or_else(not_found)?;
    Ok((decode(view.body.clone())?, view.version, view.body))
}

/// The partner edits an order only while it is with them: before submission, or once refused.
fn editable(order: &Order, what: &str) -> Result<(), ClientError> {
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
    let Some(view) = replica::view(conn, scope, entity, id).await? else {
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

/// Whether the cache holds the content of an attached file.
async fn holds_file(
    conn: &mut SqliteConnection,
    scope: &str,
    attachment: &Attachment,
) -> Result<bool, ClientError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM attachment WHERE scope = ?1 AND sha256 = ?2)",
    )
    .bind(scope)
    .bind(&attachment.sha256)
    .fetch_one(&mut *conn)
    .await?)
}

/// Queues the fields of `order` that differ from its view `before` (at `version`) and commits
/// `tx`; false when none did (nothing queued, what else `tx` did is committed).
async fn queue_edit(
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
    let Some((op, summary)) = outbox::edit(version, fields) else {
        tx.commit().await?;
        return Ok(false);
    };
    let change = NewChange {
        entity: Entity::Order,
        record_id: order.id.0,
        op,
        summary,
        record_label: summary::order_label(order.number.as_deref(), &order.company_name),
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
        let wanted = query.status.map(crate::projection::json_name);
        let in_progress = IN_PROGRESS.map(crate::projection::json_name);
        let mut rows: Vec<Listed> = listed(&mut conn, &scope, &OrderFilter::default())
            .await?
            .into_iter()
            .filter(|r| wanted.as_ref().is_none_or(|s| &r.status == s))
            .filter(|r| !query.in_progress || in_progress.contains(&r.status))
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
            from_name::<OrderStatus>(&r.status)
                .ok()
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
            |r: &Listed| from_name::<OrderStatus>(&r.status).is_ok_and(OrderStatus::is_with_vendor);
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
        let quote = quotes::listed_one(&mut conn, &scope, today, order.quote_id)
            .await?
            .ok_or_else(|| ClientError::Refused(ApiError::not_found("This order's quote")))?
            .into_row()?;
        let customer_name = match order.customer_id {
            Some(c) => quotes::party(&mut conn, &scope, QuoteFor::Customer(c))
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
        let (quote, _) = quotes::current(&mut tx, &scope, quote_id).await?;
        let row = quotes::listed_one(&mut tx, &scope, today, quote_id)
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
                summary::order_label(
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
            summary: "Created".into(),
            record_label: summary::order_label(None, &order.company_name),
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
            if !unchanged && !holds_file(&mut tx, &scope, a).await? {
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

    /// Keeps a purchase-order file and, for an order (`order_id`), attaches it to that order at
    /// once (an edit queued, as saving the form with it would). Returns what the order form's
    /// `po_attachment` takes. The file goes to the server with the first sync that pushes an
    /// order using it.
    pub async fn attach_po(
        &self,
        order_id: Option<OrderId>,
        file_name: &str,
        content_type: &str,
        content: Vec<u8>,
    ) -> Result<Attachment, ClientError> {
        let Some(id) = order_id else {
            return self.attach_file(file_name, content_type, content).await;
        };
        let (scope, _) = self.me().await?;
        let attachment = attachments::describe(file_name, content_type, &content)?;
        let mut tx = self.cache.pool().begin().await?;
        let (before, version, body) = current(&mut tx, &scope, id).await?;
        editable(&before, "edited")?;
        attachments::store(&mut tx, &scope, &attachment, &content).await?;
        let mut order = before;
        order.po_attachment = Some(attachment.clone());
        // The same file again queues nothing.
        queue_edit(self, tx, &scope, &order, &body, version).await?;
        Ok(attachment)
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
            summary: summary::order_acted(OrderAction::Submit).into(),
            record_label: summary::order_label(order.number.as_deref(), &order.company_name),
        };
        self.queue(tx, &scope, change).await?;
        self.order(id).await
    }
}
