//! Deterministic demo data: the vendor's catalogue and content, two partner firms with their users,
//! customers, subscriptions, renewals, invoices and support cases, prospects and deal registrations
//! (see [`sales`]), quotes and orders (see [`quotes`]), and the vendor's channel manager
//! ([`DEMO_VENDOR_STAFF`]). Every record a client caches is also written to the change log with its firm's
//! version, exactly as a live write would be.
//!
//! Everything comes from one fixed-seed RNG, so the same options give the same rows, ids included
//! (ids are UUIDv7-shaped: a fixed clock that ticks once per record, plus RNG bytes). Dates are laid
//! out relative to [`SeedOptions::today`] so the demo always has renewals coming up.

mod batch;
mod content;
mod quotes;
pub mod sales;

use crate::auth::password;
use crate::db::{date_text, instant_text};
use crate::error::{Error, Result};
use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHasher};
use batch::{Batch, V};
use chrono::{Days, Months, NaiveDate, TimeZone, Utc};
use content::*;
use portal_core::sync::Entity;
use portal_core::Role;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::HashMap;

pub use sales::{CONTESTED_COMPANY, CONTESTED_DOMAIN, DEFAULT_PROSPECTS_PER_PARTNER};

/// Every demo user's password.
pub const DEMO_PASSWORD: &str = "Portal-Demo-2026";

/// The demo users: (email, partner firm, role).
pub const DEMO_USERS: &[(&str, &str, Role)] = &[
    (
        "admin@northwind.example",
        "Northwind Solutions",
        Role::Administrator,
    ),
    (
        "sales@northwind.example",
        "Northwind Solutions",
        Role::Sales,
    ),
    (
        "marketing@northwind.example",
        "Northwind Solutions",
        Role::Marketing,
    ),
    (
        "dealreg@northwind.example",
        "Northwind Solutions",
        Role::DealRegistration,
    ),
    ("admin@bluefin.example", "Bluefin IT", Role::Administrator),
    ("sales@bluefin.example", "Bluefin IT", Role::Sales),
];

/// The vendor's demo staff: (email, first name, last name, job title). They sign in at the vendor
/// endpoints with [`DEMO_PASSWORD`], not in the partners' app.
pub const DEMO_VENDOR_STAFF: &[(&str, &str, &str, &str)] = &[(
    "channel@vendor.example",
    "Casey",
    "Morgan",
    "Channel Manager",
)];

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
pub async fn has_partners(pool: &SqlitePool) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM partners")
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

/// Seeds only a database without partners: safe to call on every start.
pub async fn seed_if_empty(pool: &SqlitePool, options: &SeedOptions) -> Result<Option<SeedReport>> {
    if has_partners(pool).await? {
        return Ok(None);
    }
    seed(pool, options).await.map(Some)
}

/// Tables in an order that deletes children before parents.
const TABLES: &[&str] = &[
    "applied_mutation",
    "sync_clients",
    "past_owners",
    "change_log",
    "sync_counter",
    "counters",
    "orders",
    "quotes",
    "attachments",
    "vendor_sessions",
    "vendor_staff",
    "deals",
    "prospects",
    "sessions",
    "login_attempts",
    "support_cases",
    "invoices",
    "renewals",
    "subscriptions",
    "customers",
    "users",
    "partner_account_team",
    "account_managers",
    "partners",
    "price_tiers",
    "term_discounts",
    "products",
    "news",
    "marketing_resources",
    "courses",
];

/// Replaces all data with the demo data, in one transaction.
pub async fn seed(pool: &SqlitePool, options: &SeedOptions) -> Result<SeedReport> {
    let mut tx = pool.begin().await?;
    for table in TABLES {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&mut *tx)
            .await?;
    }
    let report = Seeder::new(options).run(&mut tx).await?;
    tx.commit().await?;
    tracing::info!(?report, "seeded demo data");
    Ok(report)
}

/// A partner firm of the demo.
struct PartnerSpec {
    name: &'static str,
    tier: &'static str,
    margin_bp: i64,
    domain: &'static str,
    phone: &'static str,
    address: (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
    certification: (&'static str, Option<&'static str>, Option<i64>, i64),
    /// Indexes into the account managers, in the order the team is shown.
    team: &'static [usize],
    /// (local part, first, last, job title, role, registered)
    users: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Role,
        bool,
    )],
    invoice_prefix: &'static str,
}

const ACCOUNT_MANAGERS: &[(&str, &str, &str, &str)] = &[
    (
        "Rachel Moreno",
        "Channel Account Manager",
        "rachel.moreno@bastionmail.example",
        "+1 555 0100 211",
    ),
    (
        "David Chen",
        "Partner Sales Engineer",
        "david.chen@bastionmail.example",
        "+1 555 0100 232",
    ),
    (
        "Emma Lindqvist",
        "Channel Account Manager",
        "emma.lindqvist@bastionmail.example",
        "+1 555 0100 245",
    ),
];

const PARTNERS: &[PartnerSpec] = &[
    PartnerSpec {
        name: "Northwind Solutions",
        tier: "gold",
        margin_bp: 2500,
        domain: "northwind.example",
        phone: "+1 206 555 0142",
        address: (
            "400 Pine Street",
            "Suite 1200",
            "Seattle",
            "WA",
            "98101",
            "United States",
        ),
        // (status, level, certified this many days ago, certified people)
        certification: (
            "certified",
            Some("Certified Email Security Partner"),
            Some(200),
            4,
        ),
        team: &[0, 1],
        users: &[
            (
                "admin",
                "Olivia",
                "Bennett",
                "Managing Director",
                Role::Administrator,
                true,
            ),
            (
                "sales",
                "Marcus",
                "Reid",
                "Account Executive",
                Role::Sales,
                true,
            ),
            (
                "marketing",
                "Priya",
                "Shah",
                "Marketing Manager",
                Role::Marketing,
                true,
            ),
            (
                "dealreg",
                "Tom",
                "Okafor",
                "Channel Operations Lead",
                Role::DealRegistration,
                true,
            ),
            (
                "jamie.lee",
                "Jamie",
                "Lee",
                "Account Executive",
                Role::Sales,
                false,
            ),
        ],
        invoice_prefix: "NW",
    },
    PartnerSpec {
        name: "Bluefin IT",
        tier: "silver",
        margin_bp: 1800,
        domain: "bluefin.example",
        phone: "+1 503 555 0187",
        address: (
            "77 Harbor Way",
            "",
            "Portland",
            "OR",
            "97204",
            "United States",
        ),
        certification: (
            "in_progress",
            Some("Certified Email Security Partner"),
            None,
            1,
        ),
        team: &[2, 1],
        users: &[
            (
                "admin",
                "Hannah",
                "Fischer",
                "Owner",
                Role::Administrator,
                true,
            ),
            (
                "sales",
                "Lukas",
                "Berger",
                "Sales Consultant",
                Role::Sales,
                true,
            ),
        ],
        invoice_prefix: "BF",
    },
];

struct Seeder<'a> {
    options: &'a SeedOptions,
    rng: ChaCha8Rng,
    /// The fixed clock behind UUIDv7-shaped ids: one tick per record.
    id_clock: u64,
    created_at: String,
    report: SeedReport,
    /// How often each domain stem has been used.
    domains: HashMap<String, u32>,
    case_number: u64,
    /// Records every firm sees (products, news, resources, courses): logged once per firm.
    globals: Vec<(Entity, String)>,
    /// The firm being seeded, its last version, and its change-log rows waiting to be written.
    firm: String,
    version: i64,
    log: Batch,
    /// Prospects and deals come from their own RNG and id clock, so that adding them left every
    /// other generated row as it was.
    sales_rng: ChaCha8Rng,
    sales_clock: u64,
    deal_seq: i64,
    /// Quotes and orders (and what provisioning their orders created) have theirs.
    quote_ids: quotes::IdClock,
    quote_seq: i64,
    order_seq: i64,
}

impl<'a> Seeder<'a> {
    fn new(options: &'a SeedOptions) -> Self {
        let created = Utc
            .from_utc_datetime(&options.today.and_hms_opt(8, 0, 0).unwrap_or_default())
            - chrono::Duration::days(400);
        Self {
            options,
            rng: ChaCha8Rng::seed_from_u64(0x5EED_2026),
            // 2025-01-01T00:00:00Z in milliseconds: fixed, so ids do not depend on the day.
            id_clock: 1_735_689_600_000,
            created_at: instant_text(created),
            report: SeedReport::default(),
            domains: HashMap::new(),
            case_number: 0,
            globals: Vec::new(),
            firm: String::new(),
            version: 0,
            log: Batch::new(
                "change_log",
                &[
                    "partner_id",
                    "entity",
                    "record_id",
                    "version",
                    "deleted",
                    "owner_id",
                ],
            ),
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
        }
    }

    /// Logs a change to one record of the firm being seeded, with the firm's next version.
    async fn log(
        &mut self,
        conn: &mut SqliteConnection,
        entity: Entity,
        id: &str,
        owner: Option<&str>,
    ) -> Result<i64> {
        self.version += 1;
        self.log.push(vec![
            self.firm.as_str().into(),
            entity.as_str().into(),
            id.into(),
            self.version.into(),
            false.into(),
            owner.into(),
        ]);
        if self.log.rows() >= batch::ROWS_PER_STATEMENT {
            self.log.flush(conn).await?;
        }
        Ok(self.version)
    }

    fn id(&mut self) -> String {
        self.id_clock += 1;
        let bytes: [u8; 10] = self.rng.gen();
        uuid::Builder::from_unix_timestamp_millis(self.id_clock, &bytes)
            .into_uuid()
            .to_string()
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *items.choose(&mut self.rng).expect("non-empty list")
    }

    fn days_ago(&self, days: i64) -> String {
        date_text(self.options.today - chrono::Duration::days(days))
    }

    async fn run(mut self, conn: &mut SqliteConnection) -> Result<SeedReport> {
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

        let products = self.catalogue(conn).await?;
        self.content(conn).await?;
        let managers = self.account_managers(conn).await?;
        for spec in PARTNERS {
            self.partner(conn, spec, &managers, &products, &phc).await?;
        }
        self.vendor_staff(conn, &phc).await?;
        for (name, value) in [
            (crate::sync::records::DEAL_COUNTER, self.deal_seq),
            (crate::sync::quote_records::QUOTE_COUNTER, self.quote_seq),
            (crate::sync::quote_records::ORDER_COUNTER, self.order_seq),
        ] {
            sqlx::query("INSERT INTO counters (name, value) VALUES (?1, ?2)")
                .bind(name)
                .bind(value)
                .execute(&mut *conn)
                .await?;
        }
        self.report.changes = self.log.written;
        Ok(self.report)
    }

    /// Products, price tiers and term discounts; returns (id, list price, name) per product.
    async fn catalogue(&mut self, conn: &mut SqliteConnection) -> Result<Vec<(String, i64)>> {
        let mut out = Vec::new();
        for (sku, name, description, price, cap) in PRODUCTS {
            let id = self.id();
            sqlx::query(
                "INSERT INTO products (id, sku, name, description, unit, list_price_minor, currency, discount_cap_bp)
                 VALUES (?1, ?2, ?3, ?4, 'mailbox/month', ?5, 'USD', ?6)",
            )
            .bind(&id)
            .bind(sku)
            .bind(name)
            .bind(description)
            .bind(price)
            .bind(cap)
            .execute(&mut *conn)
            .await?;
            for (min_qty, bp) in PRICE_TIERS {
                sqlx::query("INSERT INTO price_tiers (product_id, min_qty, discount_bp) VALUES (?1, ?2, ?3)")
                    .bind(&id)
                    .bind(min_qty)
                    .bind(bp)
                    .execute(&mut *conn)
                    .await?;
            }
            self.globals.push((Entity::Product, id.clone()));
            out.push((id, *price));
        }
        for (months, bp) in TERM_DISCOUNTS {
            sqlx::query("INSERT INTO term_discounts (term_months, discount_bp) VALUES (?1, ?2)")
                .bind(months)
                .bind(bp)
                .execute(&mut *conn)
                .await?;
        }
        self.report.products = out.len() as u64;
        Ok(out)
    }

    /// The vendor's own staff (not users of any firm).
    async fn vendor_staff(&mut self, conn: &mut SqliteConnection, phc: &str) -> Result<()> {
        for (email, first, last, title) in DEMO_VENDOR_STAFF {
            let id = self.quote_ids.next().to_string();
            sqlx::query(
                "INSERT INTO vendor_staff (id, email, first_name, last_name, job_title, role,
                                           password_hash, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'channel_manager', ?6, ?7)",
            )
            .bind(id)
            .bind(email)
            .bind(first)
            .bind(last)
            .bind(title)
            .bind(phc)
            .bind(&self.created_at)
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    /// News, marketing resources and courses.
    async fn content(&mut self, conn: &mut SqliteConnection) -> Result<()> {
        for (ago, title, summary, body) in NEWS {
            let id = self.id();
            self.globals.push((Entity::News, id.clone()));
            sqlx::query("INSERT INTO news (id, title, summary, body, published_on) VALUES (?1, ?2, ?3, ?4, ?5)")
                .bind(id)
                .bind(title)
                .bind(summary)
                .bind(body)
                .bind(self.days_ago(*ago))
                .execute(&mut *conn)
                .await?;
        }
        for (category, title, description, path, ago) in RESOURCES {
            let id = self.id();
            sqlx::query(
                "INSERT INTO marketing_resources (id, category, title, description, url, published_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .bind(&id)
            .bind(category)
            .bind(title)
            .bind(description)
            .bind(format!("https://partners.bastionmail.example/resources/{path}"))
            .bind(self.days_ago(*ago))
            .execute(&mut *conn)
            .await?;
            self.globals.push((Entity::Resource, id));
        }
        for (title, description, level, minutes, assessment) in COURSES {
            let id = self.id();
            sqlx::query(
                "INSERT INTO courses (id, title, description, level, duration_minutes, assessment)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .bind(&id)
            .bind(title)
            .bind(description)
            .bind(level)
            .bind(minutes)
            .bind(assessment)
            .execute(&mut *conn)
            .await?;
            self.globals.push((Entity::Course, id));
        }
        Ok(())
    }

    async fn account_managers(&mut self, conn: &mut SqliteConnection) -> Result<Vec<String>> {
        let mut ids = Vec::new();
        for (name, role, email, phone) in ACCOUNT_MANAGERS {
            let id = self.id();
            sqlx::query("INSERT INTO account_managers (id, name, role, email, phone) VALUES (?1, ?2, ?3, ?4, ?5)")
                .bind(&id)
                .bind(name)
                .bind(role)
                .bind(email)
                .bind(phone)
                .execute(&mut *conn)
                .await?;
            ids.push(id);
        }
        Ok(ids)
    }

    async fn partner(
        &mut self,
        conn: &mut SqliteConnection,
        spec: &PartnerSpec,
        managers: &[String],
        products: &[(String, i64)],
        phc: &str,
    ) -> Result<()> {
        let partner_id = self.id();
        let (line1, line2, city, region, postal, country) = spec.address;
        let (status, level, certified_days_ago, people) = spec.certification;
        let certified_on =
            certified_days_ago.map(|d| self.options.today - chrono::Duration::days(d));
        let expires_on = certified_on.and_then(|d| d.checked_add_months(Months::new(24)));
        sqlx::query(
            "INSERT INTO partners (id, name, tier, margin_bp, website, phone, address_line1, address_line2,
                city, region, postal_code, country, certification_status, certification_level,
                certified_on, certification_expires_on, certified_people, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )
        .bind(&partner_id)
        .bind(spec.name)
        .bind(spec.tier)
        .bind(spec.margin_bp)
        .bind(format!("https://www.{}", spec.domain))
        .bind(spec.phone)
        .bind(line1)
        .bind(line2)
        .bind(city)
        .bind(region)
        .bind(postal)
        .bind(country)
        .bind(status)
        .bind(level)
        .bind(certified_on.map(date_text))
        .bind(expires_on.map(date_text))
        .bind(people)
        .bind(&self.created_at)
        .execute(&mut *conn)
        .await?;
        self.report.partners += 1;
        self.firm = partner_id.clone();
        self.version = 0;
        for (entity, id) in self.globals.clone() {
            self.log(conn, entity, &id, None).await?;
        }
        for (position, &m) in spec.team.iter().enumerate() {
            sqlx::query(
                "INSERT INTO partner_account_team (partner_id, account_manager_id, position) VALUES (?1, ?2, ?3)",
            )
            .bind(&partner_id)
            .bind(&managers[m])
            .bind(position as i64)
            .execute(&mut *conn)
            .await?;
        }

        let mut owners = Vec::new();
        let mut users = Vec::new();
        for (local, first, last, title, role, registered) in spec.users {
            let id = self.id();
            sqlx::query(
                "INSERT INTO users (id, partner_id, email, first_name, last_name, job_title, phone, role,
                    registered, security_question, security_answer_hash, password_hash, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .bind(&id)
            .bind(&partner_id)
            .bind(format!("{local}@{}", spec.domain))
            .bind(first)
            .bind(last)
            .bind(title)
            .bind(spec.phone)
            .bind(role.as_str())
            .bind(registered)
            .bind(registered.then_some("What was the name of your first school?"))
            // The demo's security answers are never checked; the column is for the registration flow.
            .bind(registered.then_some(phc))
            .bind(registered.then_some(phc))
            .bind(&self.created_at)
            .execute(&mut *conn)
            .await?;
            self.report.users += 1;
            if matches!(role, Role::Sales | Role::Administrator) {
                owners.push(id.clone());
            }
            users.push((*local, id, *role));
        }

        self.customers(conn, spec, &partner_id, &owners, products)
            .await?;
        self.sales(conn, spec.name, &partner_id, &users).await?;
        self.quotes(conn, spec.name, &partner_id, &users).await?;
        self.log.flush(conn).await?;
        sqlx::query("INSERT INTO sync_counter (partner_id, version, horizon) VALUES (?1, ?2, 0)")
            .bind(&partner_id)
            .bind(self.version)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// The firm's customers with subscriptions, renewals, invoices and support cases.
    async fn customers(
        &mut self,
        conn: &mut SqliteConnection,
        spec: &PartnerSpec,
        partner_id: &str,
        owners: &[String],
        products: &[(String, i64)],
    ) -> Result<()> {
        let today = self.options.today;
        let mut customers = Batch::new(
            "customers",
            &[
                "id",
                "partner_id",
                "owner_user_id",
                "company_name",
                "domain",
                "sector",
                "address_line1",
                "city",
                "region",
                "postal_code",
                "country",
                "contact_name",
                "contact_email",
                "created_at",
            ],
        );
        let mut subscriptions = Batch::new(
            "subscriptions",
            &[
                "id",
                "customer_id",
                "product_id",
                "seats",
                "term_months",
                "starts_on",
                "ends_on",
            ],
        );
        let mut renewals = Batch::new(
            "renewals",
            &["id", "subscription_id", "due_on", "value_minor", "currency"],
        );
        let mut invoices = Batch::new(
            "invoices",
            &[
                "id",
                "partner_id",
                "customer_id",
                "number",
                "kind",
                "issued_on",
                "due_on",
                "total_minor",
                "currency",
                "status",
            ],
        );
        let mut cases = Batch::new(
            "support_cases",
            &[
                "id",
                "partner_id",
                "customer_id",
                "number",
                "subject",
                "status",
                "priority",
                "opened_on",
                "closed_on",
                "description",
            ],
        );
        let mut invoice_number = 0u64;
        let mut monthly_totals = [0i64; 6];

        for _ in 0..self.options.customers_per_partner {
            let customer_id = self.id();
            self.log(conn, Entity::Customer, &customer_id, None).await?;
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
            let owner = owners[self.rng.gen_range(0..owners.len())].clone();
            let sector = self.pick(SECTORS);
            customers.push(vec![
                customer_id.clone().into(),
                partner_id.into(),
                owner.as_str().into(),
                name.into(),
                domain.into(),
                sector.into(),
                format!("{street_no} {street}").into(),
                city.into(),
                region.into(),
                postal.to_string().into(),
                country.into(),
                contact.into(),
                contact_email.into(),
                self.created_at.clone().into(),
            ]);

            // One to three products; seats shaped like small and mid-sized businesses.
            let seats: i64 = match self.rng.gen_range(0..10) {
                0..=5 => self.rng.gen_range(10..100),
                6..=8 => self.rng.gen_range(100..1000),
                _ => self.rng.gen_range(1000..6000),
            };
            let count = self.rng.gen_range(1..=3usize);
            let chosen: Vec<(String, i64)> = products
                .choose_multiple(&mut self.rng, count)
                .cloned()
                .collect();
            let mut customer_value = 0i64;
            for (product_id, price) in chosen {
                let subscription_id = self.id();
                self.log(conn, Entity::Subscription, &subscription_id, None)
                    .await?;
                let term: u32 = self.pick(&[12, 12, 24, 36]);
                // Due some day in the next twelve months; it started one term earlier.
                let due = today + Days::new(self.rng.gen_range(1..=365));
                let starts = due.checked_sub_months(Months::new(term)).unwrap_or(due);
                subscriptions.push(vec![
                    subscription_id.clone().into(),
                    customer_id.clone().into(),
                    product_id.into(),
                    seats.into(),
                    i64::from(term).into(),
                    date_text(starts).into(),
                    date_text(due).into(),
                ]);
                let tier_bp = PRICE_TIERS
                    .iter()
                    .rev()
                    .find(|(min, _)| seats >= *min)
                    .map_or(0, |(_, bp)| *bp);
                // Integer arithmetic throughout: value of one year at the volume tier's price.
                let annual = seats * price * 12 * (10_000 - tier_bp) / 10_000;
                customer_value += annual / 12;
                let renewal_id = self.id();
                self.log(conn, Entity::Renewal, &renewal_id, None).await?;
                renewals.push(vec![
                    renewal_id.into(),
                    subscription_id.into(),
                    date_text(due).into(),
                    (annual * i64::from(term) / 12).into(),
                    "USD".into(),
                ]);
            }

            // A customer invoice for the last month, and a share of the monthly consolidated invoices.
            invoice_number += 1;
            let issued = today - chrono::Duration::days(self.rng.gen_range(1..60));
            let due_on = issued + chrono::Duration::days(30);
            let status = if due_on < today {
                if self.rng.gen_bool(0.85) {
                    "paid"
                } else {
                    "overdue"
                }
            } else {
                "open"
            };
            let invoice_id = self.id();
            self.log(conn, Entity::Invoice, &invoice_id, None).await?;
            invoices.push(vec![
                invoice_id.into(),
                partner_id.into(),
                customer_id.clone().into(),
                format!("INV-{}-{invoice_number:07}", spec.invoice_prefix).into(),
                "customer".into(),
                date_text(issued).into(),
                date_text(due_on).into(),
                customer_value.into(),
                "USD".into(),
                status.into(),
            ]);
            for total in monthly_totals.iter_mut() {
                *total += customer_value;
            }

            if customers.rows() >= batch::ROWS_PER_STATEMENT {
                for b in [
                    &mut customers,
                    &mut subscriptions,
                    &mut renewals,
                    &mut invoices,
                    &mut cases,
                ] {
                    b.flush(conn).await?;
                }
            }

            if self.rng.gen_ratio(1, 4) {
                self.case_number += 1;
                let open = self.rng.gen_bool(0.4);
                let opened_ago = self.rng.gen_range(1..120);
                let closed = (!open).then(|| self.days_ago(opened_ago - opened_ago / 2));
                let subject = self.pick(CASE_SUBJECTS);
                let priority = self.pick(&["low", "normal", "normal", "high", "urgent"]);
                let case_id = self.id();
                self.log(conn, Entity::SupportCase, &case_id, None).await?;
                cases.push(vec![
                    case_id.into(),
                    partner_id.into(),
                    customer_id.into(),
                    format!("CS-{:07}", self.case_number).into(),
                    subject.into(),
                    if open { "open" } else { "closed" }.into(),
                    priority.into(),
                    self.days_ago(opened_ago).into(),
                    closed.into(),
                    format!(
                        "{subject}. Reported by the customer's IT contact; see the case history."
                    )
                    .into(),
                ]);
            }
        }

        // The partner's consolidated invoices for the last six months.
        for (months_ago, total) in monthly_totals.iter().enumerate() {
            invoice_number += 1;
            let issued = today
                .checked_sub_months(Months::new(months_ago as u32 + 1))
                .unwrap_or(today);
            let due_on = issued + chrono::Duration::days(30);
            let status = if due_on < today { "paid" } else { "open" };
            let invoice_id = self.id();
            self.log(conn, Entity::Invoice, &invoice_id, None).await?;
            invoices.push(vec![
                invoice_id.into(),
                partner_id.into(),
                V::Null,
                format!("INV-{}-{invoice_number:07}", spec.invoice_prefix).into(),
                "consolidated".into(),
                date_text(issued).into(),
                date_text(due_on).into(),
                (*total).into(),
                "USD".into(),
                status.into(),
            ]);
        }

        for batch in [
            &mut customers,
            &mut subscriptions,
            &mut renewals,
            &mut invoices,
            &mut cases,
        ] {
            batch.flush(conn).await?;
        }
        self.report.customers += customers.written;
        self.report.subscriptions += subscriptions.written;
        self.report.renewals += renewals.written;
        self.report.invoices += invoices.written;
        self.report.support_cases += cases.written;
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
