//! The Customers area's SQL for SQLite: `customers`, `subscriptions`, `renewals`, `invoices`,
//! `support_cases`.

use super::{Customer, Invoice, Renewal, Subscription, SupportCase};
use crate::error::Result;
use crate::storage::sqlite::{
    count, date_text, instant_text, parse_date, parse_id, parse_instant, Connection,
};
use chrono::NaiveDate;
use portal_core::api::customer::CustomerSummary;
use portal_core::ids::{CustomerId, PartnerId, SupportCaseId, UserId};
use std::collections::HashMap;

pub async fn summaries(
    c: &mut Connection,
    partner: PartnerId,
    after: Option<CustomerId>,
    only: Option<CustomerId>,
    limit: u32,
    today: NaiveDate,
) -> Result<Vec<CustomerSummary>> {
    let partner = partner.to_string();
    // Ids are UUID text of one fixed shape, so text order is id order; "" sorts before every id.
    let after = after.map(|a| a.to_string()).unwrap_or_default();
    let rows: Vec<(String, String, String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT c.id, c.company_name, c.domain, c.sector,
                (SELECT COALESCE(SUM(s.seats), 0) FROM subscriptions s WHERE s.customer_id = c.id),
                (SELECT MIN(r.due_on) FROM renewals r JOIN subscriptions s ON s.id = r.subscription_id
                  WHERE s.customer_id = c.id AND r.due_on >= ?4)
         FROM customers c
         WHERE c.partner_id = ?1 AND c.id > ?2 AND (?3 IS NULL OR c.id = ?3)
         ORDER BY c.id LIMIT ?5",
    )
    .bind(&partner)
    .bind(&after)
    .bind(only.map(|o| o.to_string()))
    .bind(date_text(today))
    .bind(i64::from(limit))
    .fetch_all(&mut *c)
    .await?;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Ok(Vec::new());
    };
    let products: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT s.customer_id, p.name
         FROM customers c
         JOIN subscriptions s ON s.customer_id = c.id
         JOIN products p ON p.id = s.product_id
         WHERE c.partner_id = ?1 AND c.id >= ?2 AND c.id <= ?3
         ORDER BY s.customer_id, p.name",
    )
    .bind(&partner)
    .bind(&first.0)
    .bind(&last.0)
    .fetch_all(&mut *c)
    .await?;
    let mut by_customer: HashMap<String, Vec<String>> = HashMap::new();
    for (customer, name) in products {
        by_customer.entry(customer).or_default().push(name);
    }
    rows.into_iter()
        .map(|(id, company_name, domain, sector, seats, next)| {
            Ok(CustomerSummary {
                id: parse_id(&id)?,
                products: by_customer.remove(&id).unwrap_or_default(),
                company_name,
                domain,
                sector,
                seats: count("seats", seats)?,
                next_renewal: next.as_deref().map(parse_date).transpose()?,
            })
        })
        .collect()
}

pub async fn owner(
    c: &mut Connection,
    partner: PartnerId,
    id: CustomerId,
) -> Result<Option<Option<UserId>>> {
    let owner: Option<Option<String>> =
        sqlx::query_scalar("SELECT owner_user_id FROM customers WHERE partner_id = ?1 AND id = ?2")
            .bind(partner.to_string())
            .bind(id.to_string())
            .fetch_optional(&mut *c)
            .await?;
    owner
        .map(|o| o.as_deref().map(parse_id).transpose())
        .transpose()
}

pub async fn company_name(
    c: &mut Connection,
    partner: PartnerId,
    id: CustomerId,
) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT company_name FROM customers WHERE partner_id = ?1 AND id = ?2")
            .bind(partner.to_string())
            .bind(id.to_string())
            .fetch_optional(&mut *c)
            .await?,
    )
}

pub async fn served_elsewhere(
    c: &mut Connection,
    partner: PartnerId,
    domain: &str,
) -> Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM customers WHERE domain = ?1 AND partner_id <> ?2)",
    )
    .bind(domain)
    .bind(partner.to_string())
    .fetch_one(&mut *c)
    .await?)
}

pub async fn by_domain(
    c: &mut Connection,
    partner: PartnerId,
    domain: &str,
) -> Result<Option<CustomerId>> {
    let id: Option<String> = sqlx::query_scalar(
        "SELECT id FROM customers WHERE partner_id = ?1 AND domain = ?2 ORDER BY id LIMIT 1",
    )
    .bind(partner.to_string())
    .bind(domain)
    .fetch_optional(&mut *c)
    .await?;
    id.as_deref().map(parse_id).transpose()
}

type CustomerRow = (
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

pub async fn first_of_owner(
    c: &mut Connection,
    partner: PartnerId,
    owner: UserId,
) -> Result<Option<Customer>> {
    let row: Option<CustomerRow> = sqlx::query_as(
        "SELECT id, partner_id, owner_user_id, company_name, domain, sector, address_line1, city,
                region, postal_code, country, contact_name, contact_email, created_at
         FROM customers WHERE partner_id = ?1 AND owner_user_id = ?2 ORDER BY id LIMIT 1",
    )
    .bind(partner.to_string())
    .bind(owner.to_string())
    .fetch_optional(&mut *c)
    .await?;
    row.map(|r| {
        Ok(Customer {
            id: parse_id(&r.0)?,
            partner: parse_id(&r.1)?,
            owner: r.2.as_deref().map(parse_id).transpose()?,
            company_name: r.3,
            domain: r.4,
            sector: r.5,
            address_line1: r.6,
            city: r.7,
            region: r.8,
            postal_code: r.9,
            country: r.10,
            contact_name: r.11,
            contact_email: r.12,
            created_at: parse_instant(&r.13)?,
        })
    })
    .transpose()
}

pub async fn add_customer(c: &mut Connection, r: &Customer) -> Result<()> {
    sqlx::query(
        "INSERT INTO customers (id, partner_id, owner_user_id, company_name, domain, sector,
                                address_line1, city, region, postal_code, country,
                                contact_name, contact_email, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )
    .bind(r.id.to_string())
    .bind(r.partner.to_string())
    .bind(r.owner.map(|o| o.to_string()))
    .bind(&r.company_name)
    .bind(&r.domain)
    .bind(&r.sector)
    .bind(&r.address_line1)
    .bind(&r.city)
    .bind(&r.region)
    .bind(&r.postal_code)
    .bind(&r.country)
    .bind(&r.contact_name)
    .bind(&r.contact_email)
    .bind(instant_text(r.created_at))
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn add_subscription(c: &mut Connection, s: &Subscription) -> Result<()> {
    sqlx::query(
        "INSERT INTO subscriptions (id, customer_id, product_id, seats, term_months, starts_on,
                                    ends_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(s.id.to_string())
    .bind(s.customer.to_string())
    .bind(s.product.to_string())
    .bind(s.seats)
    .bind(i64::from(s.term_months))
    .bind(date_text(s.starts_on))
    .bind(date_text(s.ends_on))
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn add_renewal(c: &mut Connection, r: &Renewal) -> Result<()> {
    sqlx::query(
        "INSERT INTO renewals (id, subscription_id, due_on, value_minor, currency)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(r.id.to_string())
    .bind(r.subscription.to_string())
    .bind(date_text(r.due_on))
    .bind(r.value.minor)
    .bind(r.value.currency.code())
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn add_invoice(c: &mut Connection, i: &Invoice) -> Result<()> {
    sqlx::query(
        "INSERT INTO invoices (id, partner_id, customer_id, number, kind, issued_on, due_on,
                               total_minor, currency, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .bind(i.id.to_string())
    .bind(i.partner.to_string())
    .bind(i.customer.map(|c| c.to_string()))
    .bind(&i.number)
    .bind(i.kind.as_str())
    .bind(date_text(i.issued_on))
    .bind(date_text(i.due_on))
    .bind(i.total.minor)
    .bind(i.total.currency.code())
    .bind(i.status.as_str())
    .execute(&mut *c)
    .await?;
    Ok(())
}

pub async fn latest_invoice_number(
    c: &mut Connection,
    partner: PartnerId,
    pattern: &str,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT number FROM invoices WHERE partner_id = ?1 AND number LIKE ?2
         ORDER BY length(number) DESC, number DESC LIMIT 1",
    )
    .bind(partner.to_string())
    .bind(pattern)
    .fetch_optional(&mut *c)
    .await?)
}

pub async fn invoice_number_taken(c: &mut Connection, number: &str) -> Result<bool> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM invoices WHERE number = ?1)")
            .bind(number)
            .fetch_one(&mut *c)
            .await?,
    )
}

pub async fn case_id_taken(c: &mut Connection, id: SupportCaseId) -> Result<bool> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM support_cases WHERE id = ?1)")
            .bind(id.to_string())
            .fetch_one(&mut *c)
            .await?,
    )
}

pub async fn highest_case_number(c: &mut Connection, prefix: &str) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT MAX(CAST(substr(number, ?1) AS INTEGER)) FROM support_cases WHERE number LIKE ?2",
    )
    .bind(prefix.chars().count() as i64 + 1)
    .bind(format!("{prefix}%"))
    .fetch_one(&mut *c)
    .await?)
}

pub async fn add_case(c: &mut Connection, s: &SupportCase) -> Result<()> {
    sqlx::query(
        "INSERT INTO support_cases (id, partner_id, customer_id, number, subject, status, priority,
                                    opened_on, closed_on, description)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .bind(s.id.to_string())
    .bind(s.partner.to_string())
    .bind(s.customer.to_string())
    .bind(&s.number)
    .bind(&s.subject)
    .bind(s.status.as_str())
    .bind(s.priority.as_str())
    .bind(date_text(s.opened_on))
    .bind(s.closed_on.map(date_text))
    .bind(&s.description)
    .execute(&mut *c)
    .await?;
    Ok(())
}
