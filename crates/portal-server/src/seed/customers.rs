//! The demo firms' customers: as many as [`super::SeedOptions::customers_per_partner`] asks for,
//! each with one to three subscriptions and their renewals, a customer invoice and now and then a
//! support case; and the firm's monthly consolidated invoices. Written in batches.

use super::content::{
    CASE_SUBJECTS, CITIES, COMPANY_FIRST, COMPANY_SECOND, COMPANY_SUFFIX, CONTACT_FIRST,
    CONTACT_LAST, PRICE_TIERS, SECTORS, STREETS,
};
use super::firms::PartnerSpec;
use super::Seeder;
use crate::error::Result;
use crate::storage::bulk::{Batch, ROWS_PER_STATEMENT};
use crate::storage::customers::{Customer, Invoice, Renewal, Subscription, SupportCase};
use crate::storage::Write;
use chrono::{Days, Months};
use portal_core::customers::{CasePriority, CaseStatus, InvoiceKind, InvoiceStatus};
use portal_core::ids::{
    CustomerId, InvoiceId, PartnerId, ProductId, RenewalId, SubscriptionId, SupportCaseId, UserId,
};
use portal_core::money::{Currency, Money};
use portal_core::sync::Entity;
use rand::seq::SliceRandom;
use rand::Rng;

/// The batches of the Customers area's tables, flushed parents first.
#[derive(Default)]
struct Tables {
    customers: Batch<Customer>,
    subscriptions: Batch<Subscription>,
    renewals: Batch<Renewal>,
    invoices: Batch<Invoice>,
    cases: Batch<SupportCase>,
}

impl Tables {
    async fn flush(&mut self, tx: &mut Write) -> Result<()> {
        self.customers.flush(tx).await?;
        self.subscriptions.flush(tx).await?;
        self.renewals.flush(tx).await?;
        self.invoices.flush(tx).await?;
        self.cases.flush(tx).await
    }
}

impl Seeder<'_> {
    /// The firm's customers with subscriptions, renewals, invoices and support cases.
    pub(super) async fn customers(
        &mut self,
        tx: &mut Write,
        spec: &PartnerSpec,
        partner: PartnerId,
        owners: &[UserId],
        products: &[(ProductId, i64)],
    ) -> Result<()> {
        let today = self.options.today;
        let mut t = Tables::default();
        let mut invoice_number = 0u64;
        let mut monthly_totals = [0i64; 6];
        let usd = |minor| Money::new(minor, Currency::USD);

        for _ in 0..self.options.customers_per_partner {
            let customer_id = CustomerId(self.id());
            self.log(tx, Entity::Customer, customer_id.0, None).await?;
            let name = format!(
                "{} {} {}",
                self.pick(COMPANY_FIRST),
                self.pick(COMPANY_SECOND),
                self.pick(COMPANY_SUFFIX)
            );
            let domain = self.unique_domain(&name);
            let (city, region, country) = self.pick(CITIES);
            let contact = format!("{} {}", self.pick(CONTACT_FIRST), self.pick(CONTACT_LAST));
            let contact_email = format!("{}@{domain}", contact.to_lowercase().replace(' ', "."));
            let street_no: u32 = self.rng.gen_range(1..2000);
            let street = self.pick(STREETS);
            let postal: u32 = self.rng.gen_range(10000..99999);
            let owner = owners[self.rng.gen_range(0..owners.len())];
            let sector = self.pick(SECTORS);
            t.customers.push(Customer {
                id: customer_id,
                partner,
                owner: Some(owner),
                company_name: name,
                domain,
                sector: sector.into(),
                address_line1: format!("{street_no} {street}"),
                city: city.into(),
                region: region.into(),
                postal_code: postal.to_string(),
                country: country.into(),
                contact_name: contact,
                contact_email,
                created_at: self.created_at,
            });

            // One to three products; seats shaped like small and mid-sized businesses.
            let seats: i64 = match self.rng.gen_range(0..10) {
                0..=5 => self.rng.gen_range(10..100),
                6..=8 => self.rng.gen_range(100..1000),
                _ => self.rng.gen_range(1000..6000),
            };
            let count = self.rng.gen_range(1..=3usize);
            let chosen: Vec<(ProductId, i64)> = products
                .choose_multiple(&mut self.rng, count)
                .cloned()
                .collect();
            let mut customer_value = 0i64;
            for (product, price) in chosen {
                let subscription = SubscriptionId(self.id());
                self.log(tx, Entity::Subscription, subscription.0, None)
                    .await?;
                let term: u32 = self.pick(&[12, 12, 24, 36]);
                // Due some day in the next twelve months; it started one term earlier.
                let due = today + Days::new(self.rng.gen_range(1..=365));
                let starts = due.checked_sub_months(Months::new(term)).unwrap_or(due);
                t.subscriptions.push(Subscription {
                    id: subscription,
                    customer: customer_id,
                    product,
                    seats,
                    term_months: term,
                    starts_on: starts,
                    ends_on: due,
                });
                let tier_bp = PRICE_TIERS
                    .iter()
                    .rev()
                    .find(|(min, _)| seats >= *min)
                    .map_or(0, |(_, bp)| *bp);
                // Integer arithmetic throughout: value of one year at the volume tier's price.
                let annual = seats * price * 12 * (10_000 - tier_bp) / 10_000;
                customer_value += annual / 12;
                let renewal = RenewalId(self.id());
                self.log(tx, Entity::Renewal, renewal.0, None).await?;
                t.renewals.push(Renewal {
                    id: renewal,
                    subscription,
                    due_on: due,
                    value: usd(annual * i64::from(term) / 12),
                });
            }

            // A customer invoice for the last month, and a share of the monthly consolidated invoices.
            invoice_number += 1;
            let issued = today - chrono::Duration::days(self.rng.gen_range(1..60));
            let due_on = issued + chrono::Duration::days(30);
            let status = if due_on < today {
                if self.rng.gen_bool(0.85) {
                    InvoiceStatus::Paid
                } else {
                    InvoiceStatus::Overdue
                }
            } else {
                InvoiceStatus::Open
            };
            let invoice = InvoiceId(self.id());
            self.log(tx, Entity::Invoice, invoice.0, None).await?;
            t.invoices.push(Invoice {
                id: invoice,
                partner,
                customer: Some(customer_id),
                number: format!("INV-{}-{invoice_number:07}", spec.invoice_prefix),
                kind: InvoiceKind::Customer,
                issued_on: issued,
                due_on,
                total: usd(customer_value),
                status,
            });
            for total in monthly_totals.iter_mut() {
                *total += customer_value;
            }

            if t.customers.rows() >= ROWS_PER_STATEMENT {
                t.flush(tx).await?;
            }

            if self.rng.gen_ratio(1, 4) {
                self.case_number += 1;
                let open = self.rng.gen_bool(0.4);
                let opened_ago = self.rng.gen_range(1..120);
                let closed = (!open).then(|| self.days_ago(opened_ago - opened_ago / 2));
                let subject = self.pick(CASE_SUBJECTS);
                let priority = self.pick(&[
                    CasePriority::Low,
                    CasePriority::Normal,
                    CasePriority::Normal,
                    CasePriority::High,
                    CasePriority::Urgent,
                ]);
                let case = SupportCaseId(self.id());
                self.log(tx, Entity::SupportCase, case.0, None).await?;
                t.cases.push(SupportCase {
                    id: case,
                    partner,
                    customer: customer_id,
                    number: format!("CS-{:07}", self.case_number),
                    subject: subject.into(),
                    status: if open {
                        CaseStatus::Open
                    } else {
                        CaseStatus::Closed
                    },
                    priority,
                    opened_on: self.days_ago(opened_ago),
                    closed_on: closed,
                    description: format!(
                        "{subject}. Reported by the customer's IT contact; see the case history."
                    ),
                });
            }
        }

        // The partner's consolidated invoices for the last six months.
        for (months_ago, total) in monthly_totals.iter().enumerate() {
            invoice_number += 1;
            let issued = today
                .checked_sub_months(Months::new(months_ago as u32 + 1))
                .unwrap_or(today);
            let due_on = issued + chrono::Duration::days(30);
            let status = if due_on < today {
                InvoiceStatus::Paid
            } else {
                InvoiceStatus::Open
            };
            let invoice = InvoiceId(self.id());
            self.log(tx, Entity::Invoice, invoice.0, None).await?;
            t.invoices.push(Invoice {
                id: invoice,
                partner,
                customer: None,
                number: format!("INV-{}-{invoice_number:07}", spec.invoice_prefix),
                kind: InvoiceKind::Consolidated,
                issued_on: issued,
                due_on,
                total: usd(*total),
                status,
            });
        }

        t.flush(tx).await?;
        self.report.customers += t.customers.written;
        self.report.subscriptions += t.subscriptions.written;
        self.report.renewals += t.renewals.written;
        self.report.invoices += t.invoices.written;
        self.report.support_cases += t.cases.written;
        Ok(())
    }

    /// A domain from the company name, numbered when the name repeats (names do at 50,000 customers).
    fn unique_domain(&mut self, name: &str) -> String {
        let slug: String = name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && !matches!(*w, "Ltd" | "Inc" | "LLC" | "Co"))
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join("-");
        let used = self.domains.entry(slug.clone()).or_insert(0);
        *used += 1;
        match *used {
            1 => format!("{slug}.example"),
            n => format!("{slug}-{n}.example"),
        }
    }
}
