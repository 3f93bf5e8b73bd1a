-- The central server's schema for the whole portal.
--
-- Conventions: primary keys are TEXT UUIDs (UUIDv7, born where the record is born); money is INTEGER
-- minor units with its currency beside it; percentages are INTEGER basis points; never a float.
-- Dates are TEXT 'YYYY-MM-DD'; instants are TEXT RFC 3339 UTC with fixed millisecond width
-- ('2026-01-02T03:04:05.678Z') so that they also sort as text.

CREATE TABLE partners (
    id                  TEXT PRIMARY KEY NOT NULL,
    name                TEXT NOT NULL,
    tier                TEXT NOT NULL CHECK (tier IN ('registered', 'silver', 'gold', 'platinum')),
    margin_bp           INTEGER NOT NULL CHECK (margin_bp BETWEEN 0 AND 10000),
    website             TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    address_line1       TEXT NOT NULL DEFAULT '',
    address_line2       TEXT NOT NULL DEFAULT '',
    city                TEXT NOT NULL DEFAULT '',
    region              TEXT NOT NULL DEFAULT '',
    postal_code         TEXT NOT NULL DEFAULT '',
    country             TEXT NOT NULL DEFAULT '',
    certification_status TEXT NOT NULL DEFAULT 'not_certified'
        CHECK (certification_status IN ('not_certified', 'in_progress', 'certified', 'lapsed')),
    certification_level TEXT,
    certified_on        TEXT,
    certification_expires_on TEXT,
    certified_people    INTEGER NOT NULL DEFAULT 0 CHECK (certified_people >= 0),
    created_at          TEXT NOT NULL
);

-- The vendor's people who look after partner firms.
CREATE TABLE account_managers (
    id      TEXT PRIMARY KEY NOT NULL,
    name    TEXT NOT NULL,
    role    TEXT NOT NULL,
    email   TEXT NOT NULL,
    phone   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE partner_account_team (
    partner_id          TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    account_manager_id  TEXT NOT NULL REFERENCES account_managers(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (partner_id, account_manager_id)
);
CREATE INDEX partner_account_team_manager ON partner_account_team (account_manager_id);

CREATE TABLE users (
    id                   TEXT PRIMARY KEY NOT NULL,
    partner_id           TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    -- Always stored case-folded (portal_core::Email); the COLLATE guards against a stray capital.
    email                TEXT NOT NULL COLLATE NOCASE UNIQUE,
    first_name           TEXT NOT NULL,
    last_name            TEXT NOT NULL,
    job_title            TEXT NOT NULL DEFAULT '',
    phone                TEXT NOT NULL DEFAULT '',
    role                 TEXT NOT NULL
        CHECK (role IN ('administrator', 'sales', 'marketing', 'deal_registration')),
    registered           INTEGER NOT NULL DEFAULT 0 CHECK (registered IN (0, 1)),
    security_question    TEXT,
    security_answer_hash TEXT,
    password_hash        TEXT,
    last_sign_in         TEXT,
    created_at           TEXT NOT NULL
);
CREATE INDEX users_partner ON users (partner_id, id);
-- Foreign keys are enforced, so every referencing column is indexed: a parent's delete or update
-- then checks its children by index rather than by scanning.

-- Opaque bearer tokens: only the SHA-256 of the token is kept, so a database leak opens no session.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins per (case-folded) email, known or not, for the lockout rule.
CREATE TABLE login_attempts (
    email             TEXT PRIMARY KEY NOT NULL,
    failures          INTEGER NOT NULL DEFAULT 0,
    window_started_at TEXT NOT NULL,
    locked_until      TEXT
);

-- The vendor's price book.
CREATE TABLE products (
    id                TEXT PRIMARY KEY NOT NULL,
    sku               TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    unit              TEXT NOT NULL DEFAULT 'mailbox/month',
    list_price_minor  INTEGER NOT NULL CHECK (list_price_minor >= 0),
    currency          TEXT NOT NULL CHECK (currency IN ('USD', 'EUR', 'GBP')),
    -- The deepest total discount a quote may give on this product.
    discount_cap_bp   INTEGER NOT NULL DEFAULT 0 CHECK (discount_cap_bp BETWEEN 0 AND 10000),
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- Volume discounts: from min_qty seats upwards.
CREATE TABLE price_tiers (
    product_id   TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    min_qty      INTEGER NOT NULL CHECK (min_qty >= 1),
    discount_bp  INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 10000),
    PRIMARY KEY (product_id, min_qty)
);

-- Discount for committing to a longer term, vendor-wide.
CREATE TABLE term_discounts (
    term_months  INTEGER PRIMARY KEY NOT NULL CHECK (term_months IN (12, 24, 36)),
    discount_bp  INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 10000)
);

CREATE TABLE customers (
    id             TEXT PRIMARY KEY NOT NULL,
    partner_id     TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    owner_user_id  TEXT REFERENCES users(id) ON DELETE SET NULL,
    company_name   TEXT NOT NULL,
    domain         TEXT NOT NULL,
    sector         TEXT NOT NULL DEFAULT '',
    address_line1  TEXT NOT NULL DEFAULT '',
    city           TEXT NOT NULL DEFAULT '',
    region         TEXT NOT NULL DEFAULT '',
    postal_code    TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    contact_name   TEXT NOT NULL DEFAULT '',
    contact_email  TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
-- Keyset pagination within a firm, and channel-conflict checks on the domain.
CREATE INDEX customers_partner ON customers (partner_id, id);
CREATE INDEX customers_domain ON customers (domain);
CREATE INDEX customers_owner ON customers (owner_user_id);

CREATE TABLE subscriptions (
    id           TEXT PRIMARY KEY NOT NULL,
    customer_id  TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    product_id   TEXT NOT NULL REFERENCES products(id),
    seats        INTEGER NOT NULL CHECK (seats >= 1),
    term_months  INTEGER NOT NULL CHECK (term_months IN (12, 24, 36)),
    starts_on    TEXT NOT NULL,
    ends_on      TEXT NOT NULL
);
CREATE INDEX subscriptions_customer ON subscriptions (customer_id);
CREATE INDEX subscriptions_product ON subscriptions (product_id);

CREATE TABLE renewals (
    id               TEXT PRIMARY KEY NOT NULL,
    subscription_id  TEXT NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    due_on           TEXT NOT NULL,
    value_minor      INTEGER NOT NULL CHECK (value_minor >= 0),
    currency         TEXT NOT NULL CHECK (currency IN ('USD', 'EUR', 'GBP'))
);
CREATE INDEX renewals_subscription ON renewals (subscription_id);
CREATE INDEX renewals_due ON renewals (due_on);

CREATE TABLE invoices (
    id           TEXT PRIMARY KEY NOT NULL,
    partner_id   TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    -- NULL for a consolidated invoice covering several customers.
    customer_id  TEXT REFERENCES customers(id) ON DELETE SET NULL,
    number       TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('customer', 'consolidated')),
    issued_on    TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    total_minor  INTEGER NOT NULL,
    currency     TEXT NOT NULL CHECK (currency IN ('USD', 'EUR', 'GBP')),
    status       TEXT NOT NULL CHECK (status IN ('open', 'paid', 'overdue', 'void'))
);
CREATE INDEX invoices_partner ON invoices (partner_id, issued_on);
CREATE INDEX invoices_customer ON invoices (customer_id);

CREATE TABLE support_cases (
    id           TEXT PRIMARY KEY NOT NULL,
    partner_id   TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    customer_id  TEXT REFERENCES customers(id) ON DELETE SET NULL,
    number       TEXT NOT NULL UNIQUE,
    subject      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    priority     TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    opened_on    TEXT NOT NULL,
    closed_on    TEXT,
    description  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX support_cases_partner ON support_cases (partner_id, opened_on);
CREATE INDEX support_cases_customer ON support_cases (customer_id);

CREATE TABLE news (
    id            TEXT PRIMARY KEY NOT NULL,
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL,
    body          TEXT NOT NULL,
    published_on  TEXT NOT NULL
);
CREATE INDEX news_published ON news (published_on);

CREATE TABLE marketing_resources (
    id            TEXT PRIMARY KEY NOT NULL,
    category      TEXT NOT NULL CHECK (category IN
        ('whats_new', 'sales_tools', 'pims', 'branding_logos', 'campaigns', 'customer_tools')),
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    url           TEXT NOT NULL,
    published_on  TEXT NOT NULL
);

CREATE TABLE courses (
    id                TEXT PRIMARY KEY NOT NULL,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    level             TEXT NOT NULL CHECK (level IN ('foundation', 'intermediate', 'advanced')),
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes > 0),
    assessment        INTEGER NOT NULL DEFAULT 0 CHECK (assessment IN (0, 1))
);
