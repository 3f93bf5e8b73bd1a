//! Deterministic demo data: the vendor's catalogue and content ([`content`]), two partner firms
//! with their users ([`firms`]), customers, subscriptions, renewals, invoices and support cases
//! ([`customers`]), prospects and deal registrations (see [`sales`]), quotes and orders (see
//! [`quotes`]), the marketing library with its files ([`library`]), and the vendor's channel
//! manager ([`DEMO_VENDOR_STAFF`]). Every record a client
//! caches is also written to the change log with its firm's version, exactly as a live write would
//! be. Rows go in through [`crate::storage::bulk`], many per statement.
//!
//! Everything comes from one fixed-seed RNG, so the same options give the same rows, ids included
//! (ids are UUIDv7-shaped: a fixed clock that ticks once per record, plus RNG bytes). Dates are laid
//! out relative to [`SeedOptions::today`] so the demo always has renewals coming up.

mod content;
mod customers;
mod firms;
pub mod library;
pub mod pims;
mod quotes;
pub mod sales;

use crate::auth::password;
use crate::error::{Error, Result};
use crate::storage::blobs::Blobs;
use crate::storage::bulk::{
    self, AccountManagerRow, Batch, ChangeRow, CounterRow, CourseRow, HeadRow, NewsRow, PartnerRow,
    PriceTierRow, ProductRow, StaffRow, TeamRow, TermDiscountRow, UserRow, ROWS_PER_STATEMENT,
};
use crate::storage::records::Counter;
use crate::storage::{accounts, Storage, Write};
use crate::vendor::VendorRole;
use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHasher};
use chrono::{DateTime, Months, NaiveDate, TimeZone, Utc};
use content::*;
use firms::{PartnerSpec, ACCOUNT_MANAGERS, PARTNERS};
use portal_core::api::partner::Tier;
use portal_core::ids::{PartnerId, ProductId, UserId};
use portal_core::money::Currency;
use portal_core::pims::kit::CampaignKit;
use portal_core::sync::Entity;
use portal_core::Role;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;
use uuid::Uuid;

pub use firms::{DEMO_USERS, DEMO_VENDOR_STAFF};
pub use sales::{CONTESTED_COMPANY, CONTESTED_DOMAIN, DEFAULT_PROSPECTS_PER_PARTNER};

/// Every demo user's password.
pub const DEMO_PASSWORD: &str = "Portal-Demo-2026";

/// The default size: customers per partner firm.
pub const DEFAULT_CUSTOMERS_PER_PARTNER: u32 = 40;

/// What to seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedOptions {
    /// Customers per partner firm (the size knob for benchmarks).
    pub customers_per_partner: u32,
    /// Generated prospects per partner firm, besides the named demo prospects of [`sales`].
    pub prospects_per_partner: u32,
    /// The day dates are laid out around (renewals in the next 12 months, invoices before it).
    pub today: NaiveDate,
}

impl Default for SeedOptions {
    fn default() -> Self {
        Self {
            customers_per_partner: DEFAULT_CUSTOMERS_PER_PARTNER,
            prospects_per_partner: DEFAULT_PROSPECTS_PER_PARTNER,
            today: Utc::now().date_naive(),
        }
    }
}

/// How many rows of each kind were written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub partners: u64,
    pub users: u64,
    pub products: u64,
    /// Marketing resources published (with their files).
    pub resources: u64,
    pub customers: u64,
    pub subscriptions: u64,
    pub renewals: u64,
    pub invoices: u64,
    pub support_cases: u64,
    pub prospects: u64,
    pub deals: u64,
    pub quotes: u64,
    pub orders: u64,
    /// Change-log rows (one per record per firm; shared records once per firm).
    pub changes: u64,
}

/// Whether the database has any partner firm yet.
pub async fn has_partners(storage: &Storage) -> Result<bool> {
    let mut db = storage.conn().await?;
    accounts::any_partner(&mut db).await
}

/// Seeds only a database without partners: safe to call on every start.
pub async fn seed_if_empty(storage: &Storage, options: &SeedOptions) -> Result<Option<SeedReport>> {
    if has_partners(storage).await? {
        return Ok(None);
    }
    seed(storage, options).await.map(Some)
}

/// Replaces all data with the demo data, in one transaction. `storage` is the server's, or
/// (for tests and benchmarks) an SQLite pool on its file.
pub async fn seed(storage: impl Into<Storage>, options: &SeedOptions) -> Result<SeedReport> {
    let storage = storage.into();
    let mut tx = storage.write().await?;
    bulk::empty_all(&mut tx).await?;
    let report = Seeder::new(options, storage.blobs().clone())
        .run(&mut tx)
        .await?;
    tx.commit().await?;
    tracing::info!(?report, "seeded demo data");
    Ok(report)
}

/// The unit every product is priced per.
const UNIT: &str = "mailbox/month";

struct Seeder<'a> {
    options: &'a SeedOptions,
    rng: ChaCha8Rng,
    /// The fixed clock behind UUIDv7-shaped ids: one tick per record.
    id_clock: u64,
    created_at: DateTime<Utc>,
    report: SeedReport,
    /// How often each domain stem has been used.
    domains: HashMap<String, u32>,
    case_number: u64,
    /// Records every firm sees (products, news, resources, courses): logged once per firm whose
    /// tier is listed (all when none is).
    globals: Vec<(Entity, Uuid, Vec<Tier>)>,
    /// Where the marketing resources' files go.
    blobs: Blobs,
    /// The firm being seeded, its last version, and its change-log rows waiting to be written.
    firm: PartnerId,
    version: i64,
    log: Batch<ChangeRow>,
    /// Prospects and deals come from their own RNG and id clock, so that adding them left every
    /// other generated row as it was.
    sales_rng: ChaCha8Rng,
    sales_clock: u64,
    deal_seq: i64,
    /// Quotes and orders (and what provisioning their orders created) have theirs.
    quote_ids: quotes::IdClock,
    quote_seq: i64,
    order_seq: i64,
    /// PIMS's ids, and the kits published (for the firms' campaigns).
    pims_ids: pims::Ids,
    pims_kits: Vec<CampaignKit>,
}

impl<'a> Seeder<'a> {
    fn new(options: &'a SeedOptions, blobs: Blobs) -> Self {
        let created = Utc
            .from_utc_datetime(&options.today.and_hms_opt(8, 0, 0).unwrap_or_default())
            - chrono::Duration::days(400);
        Self {
            options,
            rng: ChaCha8Rng::seed_from_u64(0x5EED_2026),
            // 2025-01-01T00:00:00Z in milliseconds: fixed, so ids do not depend on the day.
            id_clock: 1_735_689_600_000,
            created_at: created,
            report: SeedReport::default(),
            domains: HashMap::new(),
            case_number: 0,
            globals: Vec::new(),
            blobs,
            firm: PartnerId(Uuid::nil()),
            version: 0,
            log: Batch::new(),
            sales_rng: ChaCha8Rng::seed_from_u64(0x5EED_5A1E),
            // 2025-06-01T00:00:00Z.
            sales_clock: 1_748_736_000_000,
            deal_seq: 0,
            quote_ids: quotes::IdClock {
                rng: ChaCha8Rng::seed_from_u64(0x5EED_0407),
                // 2025-09-01T00:00:00Z.
                millis: 1_756_684_800_000,
            },
            quote_seq: 0,
            order_seq: 0,
            pims_ids: pims::Ids::default(),
            pims_kits: Vec::new(),
        }
    }

    /// Logs a change to one record of the firm being seeded, with the firm's next version.
    async fn log(
        &mut self,
        tx: &mut Write,
        entity: Entity,
        id: Uuid,
        owner: Option<UserId>,
    ) -> Result<i64> {
        self.version += 1;
        self.log.push(ChangeRow {
            partner: self.firm,
            entity,
            id,
            version: self.version,
            owner,
        });
        if self.log.rows() >= ROWS_PER_STATEMENT {
            self.log.flush(tx).await?;
        }
        Ok(self.version)
    }

    fn id(&mut self) -> Uuid {
        self.id_clock += 1;
        let bytes: [u8; 10] = self.rng.gen();
        uuid::Builder::from_unix_timestamp_millis(self.id_clock, &bytes).into_uuid()
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *items.choose(&mut self.rng).expect("non-empty list")
    }

    fn days_ago(&self, days: i64) -> NaiveDate {
        self.options.today - chrono::Duration::days(days)
    }

    async fn run(mut self, tx: &mut Write) -> Result<SeedReport> {
        // argon2 is slow by design: hash once per seed and share the PHC string. The salt comes from
        // the seeded RNG so that the seed stays deterministic down to the password hashes.
        let salt_bytes: [u8; 16] = self.rng.gen();
        let salt =
            SaltString::encode_b64(&salt_bytes).map_err(|e| Error::PasswordHash(e.to_string()))?;
        let phc = Argon2::default()
            .hash_password(DEMO_PASSWORD.as_bytes(), &salt)
            .map_err(|e| Error::PasswordHash(e.to_string()))?
            .to_string();
        debug_assert!(password::verify(DEMO_PASSWORD, &phc).unwrap_or(false));

        let products = self.catalogue(tx).await?;
        self.content(tx).await?;
        let managers = self.account_managers(tx).await?;
        for spec in PARTNERS {
            self.partner(tx, spec, &managers, &products, &phc).await?;
        }
        self.vendor_staff(tx, &phc).await?;
        let counters = [
            CounterRow(Counter::DealNumber, self.deal_seq),
            CounterRow(Counter::QuoteNumber, self.quote_seq),
            CounterRow(Counter::OrderNumber, self.order_seq),
        ];
        bulk::insert_all(tx, counters).await?;
        self.report.changes = self.log.written;
        Ok(self.report)
    }

    /// Products, price tiers and term discounts; returns (id, list price) per product.
    async fn catalogue(&mut self, tx: &mut Write) -> Result<Vec<(ProductId, i64)>> {
        let mut out = Vec::new();
        let mut products = Vec::new();
        let mut tiers = Vec::new();
        for (sku, name, description, price, cap) in PRODUCTS {
            let id = self.id();
            products.push(ProductRow {
                id,
                sku: (*sku).into(),
                name: (*name).into(),
                description: (*description).into(),
                unit: UNIT.into(),
                list_price_minor: *price,
                currency: Currency::USD.code().into(),
                discount_cap_bp: *cap,
            });
            for (min_qty, bp) in PRICE_TIERS {
                tiers.push(PriceTierRow(id, *min_qty, *bp));
            }
            self.globals.push((Entity::Product, id, Vec::new()));
            out.push((ProductId(id), *price));
        }
        bulk::insert_all(tx, products).await?;
        bulk::insert_all(tx, tiers).await?;
        let terms = TERM_DISCOUNTS
            .iter()
            .map(|(months, bp)| TermDiscountRow(*months, *bp));
        bulk::insert_all(tx, terms).await?;
        self.report.products = out.len() as u64;
        Ok(out)
    }

    /// The vendor's own staff (not users of any firm).
    async fn vendor_staff(&mut self, tx: &mut Write, phc: &str) -> Result<()> {
        let mut staff = Vec::new();
        for (email, first, last, title) in DEMO_VENDOR_STAFF {
            staff.push(StaffRow {
                id: self.quote_ids.next(),
                email: (*email).into(),
                first_name: (*first).into(),
                last_name: (*last).into(),
                job_title: (*title).into(),
                role: VendorRole::ChannelManager.as_str().into(),
                password_hash: phc.into(),
                created_at: self.created_at,
            });
        }
        bulk::insert_all(tx, staff).await?;
        Ok(())
    }

    /// News, marketing resources (see [`library`]) and courses.
    async fn content(&mut self, tx: &mut Write) -> Result<()> {
        let mut news = Vec::new();
        for (ago, title, summary, body) in NEWS {
            let id = self.id();
            self.globals.push((Entity::News, id, Vec::new()));
            news.push(NewsRow(
                id,
                (*title).into(),
                (*summary).into(),
                (*body).into(),
                self.days_ago(*ago),
            ));
        }
        bulk::insert_all(tx, news).await?;
        // The ids the old marketing resources (a title and a link each) took from this clock,
        // still taken so that every record seeded after them keeps its id.
        for _ in 0..12 {
            self.id();
        }
        for (id, audience) in library::publish(tx, &self.blobs, self.options.today).await? {
            self.globals
                .push((Entity::Resource, *id.as_uuid(), audience.tiers));
            self.report.resources += 1;
        }
        self.pims_kits(tx).await?;
        let mut courses = Vec::new();
        for (title, description, level, minutes, assessment) in COURSES {
            let id = self.id();
            courses.push(CourseRow {
                id,
                title: (*title).into(),
                description: (*description).into(),
                level: (*level).into(),
                duration_minutes: *minutes,
                assessment: *assessment,
            });
            self.globals.push((Entity::Course, id, Vec::new()));
        }
        bulk::insert_all(tx, courses).await?;
        Ok(())
    }

    async fn account_managers(&mut self, tx: &mut Write) -> Result<Vec<Uuid>> {
        let mut ids = Vec::new();
        let mut rows = Vec::new();
        for (name, role, email, phone) in ACCOUNT_MANAGERS {
            let id = self.id();
            rows.push(AccountManagerRow(
                id,
                (*name).into(),
                (*role).into(),
                (*email).into(),
                (*phone).into(),
            ));
            ids.push(id);
        }
        bulk::insert_all(tx, rows).await?;
        Ok(ids)
    }

    async fn partner(
        &mut self,
        tx: &mut Write,
        spec: &PartnerSpec,
        managers: &[Uuid],
        products: &[(ProductId, i64)],
        phc: &str,
    ) -> Result<()> {
        let partner = PartnerId(self.id());
        let (line1, line2, city, region, postal, country) = spec.address;
        let (status, level, certified_days_ago, people) = spec.certification;
        let certified_on =
            certified_days_ago.map(|d| self.options.today - chrono::Duration::days(d));
        let expires_on = certified_on.and_then(|d| d.checked_add_months(Months::new(24)));
        let row = PartnerRow {
            id: partner,
            name: spec.name.into(),
            tier: spec.tier,
            margin_bp: spec.margin_bp,
            website: format!("https://www.{}", spec.domain),
            phone: spec.phone.into(),
            address_line1: line1.into(),
            address_line2: line2.into(),
            city: city.into(),
            region: region.into(),
            postal_code: postal.into(),
            country: country.into(),
            certification_status: status,
            certification_level: level.map(Into::into),
            certified_on,
            certification_expires_on: expires_on,
            certified_people: people,
            created_at: self.created_at,
        };
        bulk::insert_all(tx, [row]).await?;
        self.report.partners += 1;
        self.firm = partner;
        self.version = 0;
        for (entity, id, tiers) in self.globals.clone() {
            if tiers.is_empty() || tiers.contains(&spec.tier) {
                self.log(tx, entity, id, None).await?;
            }
        }
        let team = spec
            .team
            .iter()
            .enumerate()
            .map(|(position, &m)| TeamRow(partner, managers[m], position as i64));
        bulk::insert_all(tx, team).await?;

        let mut owners = Vec::new();
        let mut users = Vec::new();
        let mut rows = Vec::new();
        for (local, first, last, title, role, registered) in spec.users {
            let id = UserId(self.id());
            rows.push(UserRow {
                id,
                partner,
                email: format!("{local}@{}", spec.domain),
                first_name: (*first).into(),
                last_name: (*last).into(),
                job_title: (*title).into(),
                phone: spec.phone.into(),
                role: *role,
                registered: *registered,
                security_question: registered
                    .then_some("What was the name of your first school?".into()),
                // The demo's security answers are never checked; the column is for the registration
                // flow.
                security_answer_hash: registered.then(|| phc.into()),
                password_hash: registered.then(|| phc.into()),
                created_at: self.created_at,
            });
            self.report.users += 1;
            if matches!(role, Role::Sales | Role::Administrator) {
                owners.push(id);
            }
            users.push((*local, id, *role));
        }
        bulk::insert_all(tx, rows).await?;

        self.customers(tx, spec, partner, &owners, products).await?;
        self.sales(tx, spec.name, partner, &users).await?;
        self.quotes(tx, spec.name, partner, &users).await?;
        self.pims_firm(tx, spec, partner, &users).await?;
        self.log.flush(tx).await?;
        bulk::insert_all(tx, [HeadRow(partner, self.version)]).await?;
        Ok(())
    }
}
