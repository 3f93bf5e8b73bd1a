//! Demo prospects and deal registrations: a few named ones per firm that tell the demo's story, and
//! as many generated ones as [`super::SeedOptions::prospects_per_partner`] asks for.
//!
//! The story: Bluefin IT holds an approved registration for [`CONTESTED_DOMAIN`] ("Fabrikam Inc"),
//! which Northwind Solutions does not have as a prospect — so Northwind creating that prospect and
//! submitting a deal for it is rejected for a channel conflict. Northwind in turn holds an approved
//! registration for `contoso.example`, which Bluefin has as a prospect without a deal.
//!
//! Named prospects' owners (the part of the owner's email before `@`): Northwind — `sales` (Marcus
//! Reid) owns Contoso, Adatum and Tailspin Toys; `admin` (Olivia Bennett) owns Litware and Proseware;
//! `dealreg` (Tom Okafor) owns Woodgrove Bank; `jamie.lee` owns Lucerne Publishing. Bluefin —
//! `sales` (Lukas Berger) owns Fabrikam and Alpine Ski House; `admin` (Hannah Fischer) owns Wide
//! World Importers and Contoso. Generated prospects (domains under `.example.net`) belong to the
//! firm's administrators, sales and deal-registration users at random; a quarter of them have a
//! deal registration that holds no domain (draft, won, lost or withdrawn).

use super::content::{
    CITIES, COMPANY_FIRST, COMPANY_SECOND, COMPANY_SUFFIX, CONTACT_FIRST, CONTACT_LAST, PRODUCTS,
    STREETS,
};
use super::Seeder;
use crate::error::{Error, Result};
use crate::storage::bulk::{Batch, FirmRecord, ROWS_PER_STATEMENT};
use crate::storage::records::{FieldStamps, Stamp, StoredDeal, StoredProspect};
use crate::storage::Write;
use crate::sync::numbers::deal_number;
use chrono::{Days, NaiveDate};
use portal_core::api::partner::Address;
use portal_core::deal::{self, DealStatus, DEFAULT_EXPIRY_DAYS};
use portal_core::ids::{DealId, PartnerId, ProspectId, UserId};
use portal_core::money::{Currency, Money};
use portal_core::prospect::{Contact, Prospect, ProspectStatus, SECTORS};
use portal_core::registration::Deal;
use portal_core::sync::Entity;
use portal_core::{Domain, Role};
use rand::seq::SliceRandom;
use rand::Rng;
use std::collections::HashSet;

/// The domain Bluefin IT holds an approved registration for and Northwind Solutions has no prospect
/// with: the demo's channel conflict.
pub const CONTESTED_DOMAIN: &str = "fabrikam.example";
/// The company behind [`CONTESTED_DOMAIN`].
pub const CONTESTED_COMPANY: &str = "Fabrikam Inc";

/// The default number of generated prospects per firm (besides the named ones).
pub const DEFAULT_PROSPECTS_PER_PARTNER: u32 = 24;

/// A named deal: (status, products, value in cents, days since the decision, reason).
type NamedDeal = (
    DealStatus,
    &'static [&'static str],
    i64,
    i64,
    Option<&'static str>,
);

/// (firm, owner's email local part, company, domain, sector, mailboxes, status, contact first,
/// last, job title, deal)
type NamedProspect = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
    ProspectStatus,
    &'static str,
    &'static str,
    &'static str,
    Option<NamedDeal>,
);

const GATEWAY: &str = "Bastion Email Security Gateway";
const ATP: &str = "Bastion Advanced Threat Protection";
const ARCHIVE: &str = "Bastion Archive";

#[rustfmt::skip]
const NAMED: &[NamedProspect] = &[
    ("Northwind Solutions", "sales", "Contoso Ltd", "contoso.example", "Manufacturing", 850,
     ProspectStatus::Qualified, "Ann", "Lindgren", "IT Director",
     Some((DealStatus::Approved, &[GATEWAY, ATP], 2_550_000, 20, None))),
    ("Northwind Solutions", "sales", "Adatum Corporation", "adatum.example", "Finance", 420,
     ProspectStatus::Contacted, "Ben", "Okafor", "Head of Infrastructure",
     Some((DealStatus::Draft, &[GATEWAY], 1_260_000, 0, None))),
    ("Northwind Solutions", "sales", "Tailspin Toys", "tailspintoys.example", "Retail", 160,
     ProspectStatus::Qualified, "Chloe", "Martin", "Operations Manager",
     Some((DealStatus::Rejected, &[GATEWAY], 480_000, 35,
           Some("The vendor already serves this customer directly.")))),
    ("Northwind Solutions", "admin", "Litware Inc", "litware.example", "Technology", 300,
     ProspectStatus::New, "Dev", "Anand", "CTO", None),
    ("Northwind Solutions", "admin", "Proseware Inc", "proseware.example", "Legal", 95,
     ProspectStatus::Disqualified, "Erin", "Walsh", "Office Manager",
     Some((DealStatus::Withdrawn, &[ARCHIVE], 140_000, 0, None))),
    ("Northwind Solutions", "dealreg", "Woodgrove Bank", "woodgrovebank.example", "Finance", 2400,
     ProspectStatus::Qualified, "Farah", "Haddad", "CISO",
     Some((DealStatus::Won, &[GATEWAY, ATP, ARCHIVE], 9_800_000, 120, None))),
    ("Northwind Solutions", "jamie.lee", "Lucerne Publishing", "lucernepublishing.example",
     "Education", 210, ProspectStatus::Contacted, "Gus", "Novak", "IT Manager", None),
    ("Bluefin IT", "sales", CONTESTED_COMPANY, CONTESTED_DOMAIN, "Manufacturing", 1200,
     ProspectStatus::Qualified, "Hana", "Kim", "IT Director",
     Some((DealStatus::Approved, &[GATEWAY, ATP], 3_600_000, 30, None))),
    ("Bluefin IT", "sales", "Alpine Ski House", "alpineskihouse.example", "Hospitality", 140,
     ProspectStatus::Contacted, "Ivan", "Petrov", "General Manager",
     Some((DealStatus::Expired, &[GATEWAY], 420_000, 130, None))),
    ("Bluefin IT", "admin", "Wide World Importers", "wideworldimporters.example", "Retail", 640,
     ProspectStatus::New, "Julia", "Santos", "IT Manager",
     Some((DealStatus::Draft, &[ARCHIVE], 920_000, 0, None))),
    ("Bluefin IT", "admin", "Contoso Ltd", "contoso.example", "Manufacturing", 850,
     ProspectStatus::Contacted, "Ann", "Lindgren", "IT Director", None),
];

const JOB_TITLES: &[&str] = &[
    "IT Manager",
    "Head of IT",
    "CIO",
    "Office Manager",
    "Systems Administrator",
];
const INFRASTRUCTURE: &[&str] = &[
    "Microsoft 365, one tenant",
    "On-premises Exchange 2019, moving to the cloud next year",
    "Google Workspace",
    "Hosted Exchange with a local archive server",
    "Microsoft 365 with a third-party spam filter up for renewal",
];

/// Rows of the two tables, flushed parents first.
#[derive(Default)]
struct Tables {
    prospects: Batch<FirmRecord<StoredProspect>>,
    deals: Batch<FirmRecord<StoredDeal>>,
}

impl Tables {
    async fn flush(&mut self, tx: &mut Write) -> Result<()> {
        self.prospects.flush(tx).await?;
        self.deals.flush(tx).await
    }
}

/// A record's stamps as first written by the seed: every field at `version`, no client.
fn first_written(version: i64) -> FieldStamps {
    FieldStamps::new(Stamp {
        version,
        client: None,
    })
}

impl Seeder<'_> {
    fn sales_id(&mut self) -> uuid::Uuid {
        self.sales_clock += 1;
        let bytes: [u8; 10] = self.sales_rng.gen();
        uuid::Builder::from_unix_timestamp_millis(self.sales_clock, &bytes).into_uuid()
    }

    fn sales_pick<T: Copy>(&mut self, items: &[T]) -> T {
        *items.choose(&mut self.sales_rng).expect("non-empty list")
    }

    fn contact(&mut self, first: &str, last: &str, title: &str, domain: &str) -> Contact {
        let phone: u32 = self.sales_rng.gen_range(1000..9999);
        Contact {
            first_name: first.into(),
            last_name: last.into(),
            email: format!("{}.{}@{domain}", first.to_lowercase(), last.to_lowercase()),
            phone: format!("+1 555 01{:02} {phone}", self.sales_rng.gen_range(0..100)),
            job_title: title.into(),
        }
    }

    fn address(&mut self) -> Address {
        let (city, region, country) = self.sales_pick(CITIES);
        let street = self.sales_pick(STREETS);
        Address {
            line1: format!("{} {street}", self.sales_rng.gen_range(1..2000)),
            line2: String::new(),
            city: city.into(),
            region: region.into(),
            postal_code: self.sales_rng.gen_range(10000..99999).to_string(),
            country: country.into(),
        }
    }

    /// The firm's prospects and deal registrations, named then generated.
    pub(super) async fn sales(
        &mut self,
        tx: &mut Write,
        firm: &str,
        partner: PartnerId,
        users: &[(&str, UserId, Role)],
    ) -> Result<()> {
        let today = self.options.today;
        let mut tables = Tables::default();
        let mut domains = HashSet::new();
        let user = |local: &str| -> Result<UserId> {
            Ok(users
                .iter()
                .find(|(l, _, _)| *l == local)
                .ok_or_else(|| Error::corrupt(format!("no demo user {local} in {firm}")))?
                .1)
        };
        for named in NAMED.iter().filter(|n| n.0 == firm) {
            let (_, owner, company, domain, sector, mailboxes, status, first, last, title, deal) =
                *named;
            let owner = user(owner)?;
            let primary_contact = self.contact(first, last, title, domain);
            let prospect = Prospect {
                id: ProspectId(self.sales_id()),
                company_name: company.into(),
                domain: Domain::parse(domain).map_err(Error::corrupt)?,
                sector: sector.into(),
                address: self.address(),
                mailboxes,
                primary_contact,
                implementation_lead: Contact::default(),
                infrastructure_notes: self.sales_pick(INFRASTRUCTURE).into(),
                notes: String::new(),
                owner_id: owner,
                status,
            };
            domains.insert(domain.to_owned());
            self.prospect(tx, &mut tables, partner, &prospect).await?;
            if let Some((status, products, minor, decided_ago, reason)) = deal {
                let decided = today - Days::new(decided_ago as u64);
                let close = today + Days::new(45);
                self.deal(
                    tx,
                    &mut tables,
                    partner,
                    &prospect,
                    status,
                    products,
                    minor,
                    close,
                    decided,
                    reason,
                )
                .await?;
            }
        }

        let sellers: Vec<UserId> = users
            .iter()
            .filter(|(_, _, r)| {
                matches!(
                    r,
                    Role::Administrator | Role::Sales | Role::DealRegistration
                )
            })
            .map(|(_, id, _)| *id)
            .collect();
        for _ in 0..self.options.prospects_per_partner {
            let suffix = self.sales_pick(COMPANY_SUFFIX);
            let company = format!(
                "{} {} {suffix}",
                self.sales_pick(COMPANY_FIRST),
                self.sales_pick(COMPANY_SECOND)
            );
            let slug: String = company
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty() && *w != suffix)
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join("-");
            let mut domain = format!("{slug}.example.net");
            let mut n = 1;
            while !domains.insert(domain.clone()) {
                n += 1;
                domain = format!("{slug}-{n}.example.net");
            }
            let (first, last) = (
                self.sales_pick(CONTACT_FIRST),
                self.sales_pick(CONTACT_LAST),
            );
            let title = self.sales_pick(JOB_TITLES);
            let primary_contact = self.contact(first, last, title, &domain);
            let status = self.sales_pick(&ProspectStatus::ALL);
            let owner = sellers[self.sales_rng.gen_range(0..sellers.len())];
            let prospect = Prospect {
                id: ProspectId(self.sales_id()),
                company_name: company,
                domain: Domain::parse(&domain).map_err(Error::corrupt)?,
                sector: self.sales_pick(&SECTORS).into(),
                address: self.address(),
                mailboxes: self.sales_rng.gen_range(10..5000),
                primary_contact,
                implementation_lead: Contact::default(),
                infrastructure_notes: self.sales_pick(INFRASTRUCTURE).into(),
                notes: String::new(),
                owner_id: owner,
                status,
            };
            self.prospect(tx, &mut tables, partner, &prospect).await?;
            if self.sales_rng.gen_ratio(1, 4) {
                // Only statuses that hold no domain, so generated firms never contest each other.
                let status = self.sales_pick(&[
                    DealStatus::Draft,
                    DealStatus::Draft,
                    DealStatus::Won,
                    DealStatus::Lost,
                    DealStatus::Withdrawn,
                ]);
                let (_, product, _, price, _) = self.sales_pick(PRODUCTS);
                let minor = i64::from(prospect.mailboxes) * price * 12;
                let decided = today - Days::new(self.sales_rng.gen_range(100..200));
                let close = today + Days::new(self.sales_rng.gen_range(15..180));
                self.deal(
                    tx,
                    &mut tables,
                    partner,
                    &prospect,
                    status,
                    &[product],
                    minor,
                    close,
                    decided,
                    None,
                )
                .await?;
            }
            if tables.prospects.rows() >= ROWS_PER_STATEMENT {
                tables.flush(tx).await?;
            }
        }
        tables.flush(tx).await?;
        self.report.prospects += tables.prospects.written;
        self.report.deals += tables.deals.written;
        Ok(())
    }

    async fn prospect(
        &mut self,
        tx: &mut Write,
        tables: &mut Tables,
        partner: PartnerId,
        p: &Prospect,
    ) -> Result<()> {
        let version = self
            .log(tx, Entity::Prospect, p.id.0, Some(p.owner_id))
            .await?;
        tables.prospects.push(FirmRecord {
            partner,
            stored: StoredProspect {
                prospect: p.clone(),
                version,
                stamps: first_written(version),
            },
        });
        Ok(())
    }

    /// A deal on `p`, in `status`, dated as if decided on `decided` (for statuses past submission).
    #[allow(clippy::too_many_arguments)]
    async fn deal(
        &mut self,
        tx: &mut Write,
        tables: &mut Tables,
        partner: PartnerId,
        p: &Prospect,
        status: DealStatus,
        products: &[&str],
        minor: i64,
        close: NaiveDate,
        decided: NaiveDate,
        reason: Option<&str>,
    ) -> Result<()> {
        self.deal_seq += 1;
        let submitted = !matches!(status, DealStatus::Draft | DealStatus::Withdrawn);
        let d = Deal {
            id: DealId(self.sales_id()),
            number: Some(deal_number(self.deal_seq)),
            prospect_id: p.id,
            products: products.iter().map(|s| s.to_string()).collect(),
            estimated_value: Money::new(minor, Currency::USD),
            expected_close: close,
            notes: String::new(),
            owner_id: p.owner_id,
            status,
            status_reason: reason.map(str::to_owned),
            submitted_on: submitted.then_some(decided),
            decided_on: submitted.then_some(decided),
            expires_on: (submitted && status != DealStatus::Rejected)
                .then(|| deal::expires_on(decided, DEFAULT_EXPIRY_DAYS)),
        };
        let version = self.log(tx, Entity::Deal, d.id.0, Some(d.owner_id)).await?;
        tables.deals.push(FirmRecord {
            partner,
            stored: StoredDeal {
                deal: d,
                claimed_domain: submitted.then(|| p.domain.to_string()),
                version,
                stamps: first_written(version),
            },
        });
        Ok(())
    }
}
