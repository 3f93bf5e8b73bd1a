-- Quotes and orders: their list rows, projected from each record's view like the prospects and
-- deals lists, and the purchase-order files attached to orders, kept here until the server has them.

-- The quotes list: one row per quote view (every revision). The prospect's or customer's name and
-- domain are read through a join when listed, and the lists are sorted and searched in memory:
-- a firm has far fewer quotes and orders than prospects.
CREATE TABLE quote (
    seq           INTEGER PRIMARY KEY,
    scope         TEXT NOT NULL,
    id            TEXT NOT NULL,
    -- Q-000042; NULL until the server has numbered the first revision.
    number        TEXT,
    revision      INTEGER NOT NULL,
    -- The revision this one replaces, and the one that replaced it (as the server says).
    supersedes    TEXT,
    superseded_by TEXT,
    -- 'prospect' or 'customer', and its id.
    for_kind      TEXT NOT NULL,
    for_id        TEXT NOT NULL,
    deal_id       TEXT,
    total_minor   INTEGER NOT NULL,
    cost_minor    INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    -- YYYY-MM-DD.
    valid_until   TEXT NOT NULL,
    created_on    TEXT NOT NULL,
    -- portal_core::quote::QuoteStatus and Approval by their JSON names.
    status        TEXT NOT NULL,
    approval      TEXT NOT NULL,
    owner_id      TEXT NOT NULL,
    waiting       INTEGER NOT NULL DEFAULT 0,
    pending       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (scope, id)
) STRICT;
CREATE INDEX quote_by_number ON quote (scope, number, revision);
CREATE INDEX quote_by_for ON quote (scope, for_id);
CREATE INDEX quote_by_supersedes ON quote (scope, supersedes);

-- The orders list ("order" is a keyword).
CREATE TABLE sales_order (
    seq           INTEGER PRIMARY KEY,
    scope         TEXT NOT NULL,
    id            TEXT NOT NULL,
    -- SO-000042; NULL until the server has seen the order.
    number        TEXT,
    quote_id      TEXT NOT NULL,
    company_name  TEXT NOT NULL,
    po_number     TEXT NOT NULL,
    created_on    TEXT NOT NULL,
    submitted_on  TEXT,
    total_minor   INTEGER NOT NULL,
    rrp_minor     INTEGER NOT NULL,
    cost_minor    INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    -- portal_core::order::OrderStatus by its JSON name.
    status        TEXT NOT NULL,
    status_reason TEXT,
    customer_id   TEXT,
    owner_id      TEXT NOT NULL,
    waiting       INTEGER NOT NULL DEFAULT 0,
    pending       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (scope, id)
) STRICT;
CREATE INDEX sales_order_by_quote ON sales_order (scope, quote_id);

-- Files attached to orders, addressed by the SHA-256 of their content. A push first uploads those
-- a queued change refers to (`uploaded` = 1 once the server has one), then the changes.
CREATE TABLE attachment (
    scope        TEXT NOT NULL,
    -- Lower-case hex.
    sha256       TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    content      BLOB NOT NULL,
    uploaded     INTEGER NOT NULL DEFAULT 0 CHECK (uploaded IN (0, 1)),
    -- RFC 3339.
    added_at     TEXT NOT NULL,
    PRIMARY KEY (scope, sha256)
) STRICT;
