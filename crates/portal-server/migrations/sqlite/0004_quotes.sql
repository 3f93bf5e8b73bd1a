-- Quotes and orders: two more synced records of a partner firm, the purchase-order files orders
-- carry, and the vendor's own staff (channel managers) who approve discounts above a product's cap.

-- The change log learns the two new kinds of record. SQLite cannot change a CHECK constraint in
-- place, so the table is rebuilt. Its child past_owners is set aside first and put back after:
-- dropping a parent with foreign keys enforced would delete the children through the cascade.
CREATE TABLE past_owners_kept AS SELECT partner_id, entity, record_id, user_id FROM past_owners;
DROP TABLE past_owners;

CREATE TABLE change_log_new (
    partner_id  TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    entity      TEXT NOT NULL CHECK (entity IN ('prospect', 'deal', 'quote', 'order', 'customer',
                    'subscription', 'renewal', 'invoice', 'support_case', 'product', 'news',
                    'resource', 'course')),
    record_id   TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    -- The record's owner (prospects, deals, quotes and orders), which decides who may see it;
    -- NULL for the rest.
    owner_id    TEXT,
    PRIMARY KEY (partner_id, entity, record_id)
) WITHOUT ROWID;
INSERT INTO change_log_new (partner_id, entity, record_id, version, deleted, owner_id)
SELECT partner_id, entity, record_id, version, deleted, owner_id FROM change_log;
DROP TABLE change_log;
ALTER TABLE change_log_new RENAME TO change_log;
CREATE INDEX change_log_pull ON change_log (partner_id, version, deleted, owner_id);

CREATE TABLE past_owners (
    partner_id  TEXT NOT NULL,
    entity      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    PRIMARY KEY (partner_id, entity, record_id, user_id),
    FOREIGN KEY (partner_id, entity, record_id)
        REFERENCES change_log (partner_id, entity, record_id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO past_owners (partner_id, entity, record_id, user_id)
SELECT partner_id, entity, record_id, user_id FROM past_owners_kept;
DROP TABLE past_owners_kept;

-- The vendor's own people. They are not users of any partner firm (so no partner administrator can
-- make one, and no partner endpoint answers them); they sign in at /api/v1/vendor/auth/login.
CREATE TABLE vendor_staff (
    id             TEXT PRIMARY KEY NOT NULL,
    -- Case-folded, like users.email.
    email          TEXT NOT NULL COLLATE NOCASE UNIQUE,
    first_name     TEXT NOT NULL,
    last_name      TEXT NOT NULL,
    job_title      TEXT NOT NULL DEFAULT '',
    -- What the person may do: channel managers decide on partners' discount approvals.
    role           TEXT NOT NULL CHECK (role IN ('channel_manager')),
    password_hash  TEXT NOT NULL,
    last_sign_in   TEXT,
    created_at     TEXT NOT NULL
);

-- Vendor staff sessions: like sessions (only the token's SHA-256 is kept), in a table of their own
-- so that a partner user's token can never open a vendor endpoint and the other way round.
CREATE TABLE vendor_sessions (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    staff_id    TEXT NOT NULL REFERENCES vendor_staff(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX vendor_sessions_staff ON vendor_sessions (staff_id);

-- Quotes, one row per revision: the body is portal_core::quote::Quote as JSON, with the columns
-- that queries need copied beside it. The prospect, customer and deal a quote names are checked when
-- it is written, not by foreign keys (a prospect's deletion does not reach into its quotes).
CREATE TABLE quotes (
    id               TEXT PRIMARY KEY NOT NULL,
    partner_id       TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    owner_id         TEXT NOT NULL REFERENCES users(id),
    -- Shared by every revision of a quote.
    number           TEXT NOT NULL,
    revision         INTEGER NOT NULL CHECK (revision >= 1),
    supersedes       TEXT REFERENCES quotes(id),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'declined',
                         'ordered', 'expired', 'superseded')),
    approval         TEXT NOT NULL CHECK (approval IN ('not_needed', 'pending', 'approved',
                         'rejected')),
    valid_until      TEXT NOT NULL,
    -- While superseded: the status it had before, restored if the revision that superseded it is
    -- deleted (a draft revision can be).
    restore_status   TEXT,
    -- The channel manager who approved or rejected the discount, if one did.
    approval_decided_by TEXT REFERENCES vendor_staff(id) ON DELETE SET NULL,
    body             TEXT NOT NULL,
    version          INTEGER NOT NULL,
    field_versions   TEXT NOT NULL DEFAULT '{}',
    created_version  INTEGER NOT NULL,
    created_client   TEXT
);
CREATE UNIQUE INDEX quotes_revision ON quotes (number, revision);
CREATE INDEX quotes_partner ON quotes (partner_id, status);
CREATE INDEX quotes_owner ON quotes (owner_id);
CREATE INDEX quotes_supersedes ON quotes (supersedes);
CREATE INDEX quotes_expiry ON quotes (status, valid_until);
-- The channel managers' queue, across firms.
CREATE INDEX quotes_pending ON quotes (approval) WHERE approval = 'pending';
CREATE INDEX quotes_decided_by ON quotes (approval_decided_by);

-- Orders: the body is portal_core::order::Order as JSON.
CREATE TABLE orders (
    id               TEXT PRIMARY KEY NOT NULL,
    partner_id       TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    owner_id         TEXT NOT NULL REFERENCES users(id),
    quote_id         TEXT NOT NULL REFERENCES quotes(id),
    number           TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL CHECK (status IN ('pending_customer_approval', 'submitted',
                         'processing', 'provisioned', 'refused')),
    -- The customer provisioning created or found.
    customer_id      TEXT REFERENCES customers(id) ON DELETE SET NULL,
    body             TEXT NOT NULL,
    version          INTEGER NOT NULL,
    field_versions   TEXT NOT NULL DEFAULT '{}',
    created_version  INTEGER NOT NULL,
    created_client   TEXT
);
-- At most one order that is not refused per quote.
CREATE UNIQUE INDEX orders_quote ON orders (quote_id) WHERE status <> 'refused';
CREATE INDEX orders_quote_all ON orders (quote_id);
CREATE INDEX orders_partner ON orders (partner_id, status);
CREATE INDEX orders_owner ON orders (owner_id);
CREATE INDEX orders_customer ON orders (customer_id);
-- The vendor's provisioning queue.
CREATE INDEX orders_status ON orders (status) WHERE status IN ('submitted', 'processing');

-- Purchase-order files, addressed by the SHA-256 of their content, per firm: a firm reads only its
-- own uploads, and uploading the same file twice stores it once.
CREATE TABLE attachments (
    partner_id    TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    -- Lower-case hex.
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL CHECK (size >= 0),
    content       BLOB NOT NULL,
    uploaded_by   TEXT REFERENCES users(id) ON DELETE SET NULL,
    uploaded_at   TEXT NOT NULL,
    PRIMARY KEY (partner_id, sha256)
);
CREATE INDEX attachments_uploader ON attachments (uploaded_by);
