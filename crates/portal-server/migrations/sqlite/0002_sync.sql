-- Offline-first sync: per-firm versions, the change log, prospects and deal registrations, and the
-- record of applied mutations that makes a push idempotent.
--
-- Every write to a record that clients cache takes the next version of its partner firm
-- (sync_counter.version), inside the write transaction. change_log keeps one row per record with the
-- version of its latest change, so a pull is one range read of an index. A deleted record leaves a
-- tombstone there (deleted = 1) until it is purged; purging raises the firm's horizon.

CREATE TABLE sync_counter (
    partner_id  TEXT PRIMARY KEY NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    -- The firm's newest version: the `head` a pull reports.
    version     INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
    -- Tombstones at or below this version may have been purged: a cursor below it must reset.
    horizon     INTEGER NOT NULL DEFAULT 0 CHECK (horizon >= 0)
);

-- One row per (firm, record). Records shared by every firm (products, news, marketing resources,
-- courses) have a row per firm, each with that firm's version.
CREATE TABLE change_log (
    partner_id  TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    entity      TEXT NOT NULL CHECK (entity IN ('prospect', 'deal', 'customer', 'subscription',
                    'renewal', 'invoice', 'support_case', 'product', 'news', 'resource', 'course')),
    record_id   TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    -- The record's owner (prospects and deals), which decides who may see it; NULL for the rest.
    owner_id    TEXT,
    PRIMARY KEY (partner_id, entity, record_id)
) WITHOUT ROWID;
-- The pull's range read, covering: with the primary key's entity and record_id carried along, a page
-- of changes is read from this index alone.
CREATE INDEX change_log_pull ON change_log (partner_id, version, deleted, owner_id);

-- Users who owned a prospect or deal before its current owner. A change to a record a user may not
-- see is sent to them as a tombstone only if they owned it once (so it leaves their copy); users who
-- never had it are not sent it at all. Purging the record's tombstone forgets its past owners.
CREATE TABLE past_owners (
    partner_id  TEXT NOT NULL,
    entity      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    PRIMARY KEY (partner_id, entity, record_id, user_id),
    FOREIGN KEY (partner_id, entity, record_id)
        REFERENCES change_log (partner_id, entity, record_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Named counters outside any firm, such as the deal-registration numbers.
CREATE TABLE counters (
    name   TEXT PRIMARY KEY NOT NULL,
    value  INTEGER NOT NULL
);

-- Prospects: the body is portal_core::prospect::Prospect as JSON; the columns beside it are copies of
-- the fields that queries and constraints need. A deleted prospect's row is removed (its tombstone
-- lives in change_log), so every row here is live and the domain index is unique among live ones.
CREATE TABLE prospects (
    id               TEXT PRIMARY KEY NOT NULL,
    partner_id       TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    owner_id         TEXT NOT NULL REFERENCES users(id),
    domain           TEXT NOT NULL,
    company_name     TEXT NOT NULL,
    body             TEXT NOT NULL,
    version          INTEGER NOT NULL,
    -- {"field": {"v": version, "c": "client id"}} for each field changed since creation; a field not
    -- listed last changed when the record was created (created_version, by created_client).
    field_versions   TEXT NOT NULL DEFAULT '{}',
    created_version  INTEGER NOT NULL,
    created_client   TEXT
);
CREATE UNIQUE INDEX prospects_domain ON prospects (partner_id, domain);
CREATE INDEX prospects_owner ON prospects (owner_id);

-- Deal registrations: the body is portal_core::registration::Deal as JSON.
CREATE TABLE deals (
    id               TEXT PRIMARY KEY NOT NULL,
    partner_id       TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    owner_id         TEXT NOT NULL REFERENCES users(id),
    prospect_id      TEXT NOT NULL REFERENCES prospects(id),
    number           TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected',
                         'won', 'lost', 'expired', 'withdrawn')),
    expires_on       TEXT,
    -- The prospect's domain as it was when the deal was submitted: what channel-conflict checks compare.
    claimed_domain   TEXT,
    body             TEXT NOT NULL,
    version          INTEGER NOT NULL,
    field_versions   TEXT NOT NULL DEFAULT '{}',
    created_version  INTEGER NOT NULL,
    created_client   TEXT
);
CREATE INDEX deals_partner ON deals (partner_id, status);
CREATE INDEX deals_prospect ON deals (prospect_id);
CREATE INDEX deals_owner ON deals (owner_id);
CREATE INDEX deals_claims ON deals (claimed_domain, status);
CREATE INDEX deals_expiry ON deals (status, expires_on);

-- An installation of the app belongs to the user who first pushed from it.
CREATE TABLE sync_clients (
    client_id   TEXT PRIMARY KEY NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    first_seen  TEXT NOT NULL
);
CREATE INDEX sync_clients_user ON sync_clients (user_id);

-- The outcome of every mutation received, written in the same transaction as its effects, so a
-- mutation delivered twice is answered from here and applied once.
CREATE TABLE applied_mutation (
    client_id    TEXT NOT NULL REFERENCES sync_clients(client_id) ON DELETE CASCADE,
    mutation_id  INTEGER NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- portal_core::sync::Outcome as JSON.
    result       TEXT NOT NULL,
    applied_at   TEXT NOT NULL,
    PRIMARY KEY (client_id, mutation_id)
) WITHOUT ROWID;
CREATE INDEX applied_mutation_user ON applied_mutation (user_id);

-- A database that already holds data gets its reference records into the change log, numbered per
-- firm (shared records first), so that its clients can pull them. A fresh database has none.
INSERT INTO change_log (partner_id, entity, record_id, version, deleted, owner_id)
SELECT partner_id, entity, record_id,
       ROW_NUMBER() OVER (PARTITION BY partner_id ORDER BY kind, record_id), 0, NULL
FROM (
    SELECT p.id AS partner_id, 'product' AS entity, x.id AS record_id, 1 AS kind
        FROM partners p CROSS JOIN products x
    UNION ALL SELECT p.id, 'news', x.id, 2 FROM partners p CROSS JOIN news x
    UNION ALL SELECT p.id, 'resource', x.id, 3 FROM partners p CROSS JOIN marketing_resources x
    UNION ALL SELECT p.id, 'course', x.id, 4 FROM partners p CROSS JOIN courses x
    UNION ALL SELECT partner_id, 'customer', id, 5 FROM customers
    UNION ALL SELECT c.partner_id, 'subscription', s.id, 6
        FROM subscriptions s JOIN customers c ON c.id = s.customer_id
    UNION ALL SELECT c.partner_id, 'renewal', r.id, 7
        FROM renewals r JOIN subscriptions s ON s.id = r.subscription_id
        JOIN customers c ON c.id = s.customer_id
    UNION ALL SELECT partner_id, 'invoice', id, 8 FROM invoices
    UNION ALL SELECT partner_id, 'support_case', id, 9 FROM support_cases
);
INSERT INTO sync_counter (partner_id, version, horizon)
SELECT p.id, COALESCE((SELECT MAX(c.version) FROM change_log c WHERE c.partner_id = p.id), 0), 0
FROM partners p;
