-- The Customers area's list rows: customers, subscriptions, renewals, invoices and support cases,
-- projected from the server's copy of each reference record (they are read-only: no changes are
-- ever queued on them) where a pull applies its pages, so the pages filter, sort and count with
-- indexes instead of reading JSON. Names (customers', products', owners') are read through joins.

CREATE TABLE customer (
    seq          INTEGER PRIMARY KEY,
    scope        TEXT NOT NULL,
    id           TEXT NOT NULL,
    company_name TEXT NOT NULL,
    domain       TEXT NOT NULL,
    sector       TEXT NOT NULL,
    owner_id     TEXT,
    -- Lower-cased company name and domain: what the search box matches.
    search       TEXT NOT NULL,
    UNIQUE (scope, id)
) STRICT;
CREATE INDEX customer_by_name ON customer (scope, company_name COLLATE NOCASE, id);
CREATE INDEX customer_by_owner ON customer (scope, owner_id, company_name COLLATE NOCASE);

CREATE TABLE subscription (
    seq          INTEGER PRIMARY KEY,
    scope        TEXT NOT NULL,
    id           TEXT NOT NULL,
    customer_id  TEXT NOT NULL,
    product_id   TEXT NOT NULL,
    seats        INTEGER NOT NULL,
    term_months  INTEGER NOT NULL,
    -- YYYY-MM-DD.
    starts_on    TEXT NOT NULL,
    ends_on      TEXT NOT NULL,
    UNIQUE (scope, id)
) STRICT;
-- Covering what the Dashboard reads (the most seats per customer among those running today), so
-- that it reads the index alone.
CREATE INDEX subscription_by_customer ON subscription (scope, customer_id, starts_on, ends_on,
                                                       seats);

CREATE TABLE renewal (
    seq             INTEGER PRIMARY KEY,
    scope           TEXT NOT NULL,
    id              TEXT NOT NULL,
    subscription_id TEXT NOT NULL,
    customer_id     TEXT NOT NULL,
    product_id      TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    value_minor     INTEGER NOT NULL,
    currency        TEXT NOT NULL,
    UNIQUE (scope, id)
) STRICT;
CREATE INDEX renewal_by_due ON renewal (scope, due_on);
-- The renewals due each day in each currency, counted and summed (what the Dashboard's windows
-- and months add up), kept in step by triggers so that it reads a row a day, not a renewal.
CREATE TABLE renewal_day (
    scope       TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    currency    TEXT NOT NULL,
    renewals    INTEGER NOT NULL,
    value_minor INTEGER NOT NULL,
    PRIMARY KEY (scope, due_on, currency)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER renewal_day_insert AFTER INSERT ON renewal BEGIN
    INSERT INTO renewal_day (scope, due_on, currency, renewals, value_minor)
    VALUES (new.scope, new.due_on, new.currency, 1, new.value_minor)
    ON CONFLICT (scope, due_on, currency) DO UPDATE
    SET renewals = renewals + 1, value_minor = value_minor + excluded.value_minor;
END;
CREATE TRIGGER renewal_day_delete AFTER DELETE ON renewal BEGIN
    UPDATE renewal_day SET renewals = renewals - 1, value_minor = value_minor - old.value_minor
    WHERE scope = old.scope AND due_on = old.due_on AND currency = old.currency;
    DELETE FROM renewal_day
    WHERE scope = old.scope AND due_on = old.due_on AND currency = old.currency AND renewals = 0;
END;
CREATE TRIGGER renewal_day_update AFTER UPDATE OF scope, due_on, currency, value_minor ON renewal
BEGIN
    UPDATE renewal_day SET renewals = renewals - 1, value_minor = value_minor - old.value_minor
    WHERE scope = old.scope AND due_on = old.due_on AND currency = old.currency;
    DELETE FROM renewal_day
    WHERE scope = old.scope AND due_on = old.due_on AND currency = old.currency AND renewals = 0;
    INSERT INTO renewal_day (scope, due_on, currency, renewals, value_minor)
    VALUES (new.scope, new.due_on, new.currency, 1, new.value_minor)
    ON CONFLICT (scope, due_on, currency) DO UPDATE
    SET renewals = renewals + 1, value_minor = value_minor + excluded.value_minor;
END;
CREATE INDEX renewal_by_customer ON renewal (scope, customer_id, due_on);
CREATE INDEX renewal_by_product ON renewal (scope, product_id, due_on);

CREATE TABLE invoice (
    seq          INTEGER PRIMARY KEY,
    scope        TEXT NOT NULL,
    id           TEXT NOT NULL,
    -- NULL for a consolidated invoice.
    customer_id  TEXT,
    number       TEXT NOT NULL,
    -- 'customer' or 'consolidated'.
    kind         TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    total_minor  INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    -- 'open', 'paid', 'overdue' or 'void'.
    status       TEXT NOT NULL,
    UNIQUE (scope, id)
) STRICT;
CREATE INDEX invoice_by_issued ON invoice (scope, issued_on, number);
CREATE INDEX invoice_by_kind ON invoice (scope, kind, issued_on);
CREATE INDEX invoice_by_number ON invoice (scope, number COLLATE NOCASE);
CREATE INDEX invoice_by_customer ON invoice (scope, customer_id, issued_on);
-- Search by any part of the number: a trigram index of the numbers, kept in step by triggers.
CREATE VIRTUAL TABLE invoice_fts USING fts5 (
    number, content = 'invoice', content_rowid = 'seq', tokenize = 'trigram'
);
CREATE TRIGGER invoice_fts_insert AFTER INSERT ON invoice BEGIN
    INSERT INTO invoice_fts (rowid, number) VALUES (new.seq, new.number);
END;
CREATE TRIGGER invoice_fts_delete AFTER DELETE ON invoice BEGIN
    INSERT INTO invoice_fts (invoice_fts, rowid, number) VALUES ('delete', old.seq, old.number);
END;
CREATE TRIGGER invoice_fts_update AFTER UPDATE OF number ON invoice
BEGIN
    INSERT INTO invoice_fts (invoice_fts, rowid, number) VALUES ('delete', old.seq, old.number);
    INSERT INTO invoice_fts (rowid, number) VALUES (new.seq, new.number);
END;

CREATE TABLE support_case (
    seq          INTEGER PRIMARY KEY,
    scope        TEXT NOT NULL,
    id           TEXT NOT NULL,
    customer_id  TEXT,
    number       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    -- 'open' or 'closed'.
    status       TEXT NOT NULL,
    -- 'low', 'normal', 'high' or 'urgent'.
    priority     TEXT NOT NULL,
    opened_on    TEXT NOT NULL,
    closed_on    TEXT,
    UNIQUE (scope, id)
) STRICT;
CREATE INDEX support_case_by_status ON support_case (scope, status, opened_on);
CREATE INDEX support_case_by_customer ON support_case (scope, customer_id, opened_on);

-- A cache that synced before this migration holds the records already: list them.
INSERT INTO customer (scope, id, company_name, domain, sector, owner_id, search)
SELECT scope, id, COALESCE(server_body ->> '$.company_name', ''),
       COALESCE(server_body ->> '$.domain', ''), COALESCE(server_body ->> '$.sector', ''),
       server_body ->> '$.owner_id',
       lower(COALESCE(server_body ->> '$.company_name', '') || ' ' ||
             COALESCE(server_body ->> '$.domain', ''))
FROM record WHERE entity = 'customer' AND server_body IS NOT NULL;

INSERT INTO subscription (scope, id, customer_id, product_id, seats, term_months, starts_on,
                          ends_on)
SELECT scope, id, COALESCE(server_body ->> '$.customer_id', ''),
       COALESCE(server_body ->> '$.product_id', ''), COALESCE(server_body ->> '$.seats', 0),
       COALESCE(server_body ->> '$.term_months', 0), COALESCE(server_body ->> '$.starts_on', ''),
       COALESCE(server_body ->> '$.ends_on', '')
FROM record WHERE entity = 'subscription' AND server_body IS NOT NULL;

INSERT INTO renewal (scope, id, subscription_id, customer_id, product_id, due_on, value_minor,
                     currency)
SELECT scope, id, COALESCE(server_body ->> '$.subscription_id', ''),
       COALESCE(server_body ->> '$.customer_id', ''), COALESCE(server_body ->> '$.product_id', ''),
       COALESCE(server_body ->> '$.due_on', ''), COALESCE(server_body ->> '$.value.minor', 0),
       COALESCE(server_body ->> '$.value.currency', '')
FROM record WHERE entity = 'renewal' AND server_body IS NOT NULL;

INSERT INTO invoice (scope, id, customer_id, number, kind, issued_on, due_on, total_minor,
                     currency, status)
SELECT scope, id, server_body ->> '$.customer_id', COALESCE(server_body ->> '$.number', ''),
       COALESCE(server_body ->> '$.kind', ''), COALESCE(server_body ->> '$.issued_on', ''),
       COALESCE(server_body ->> '$.due_on', ''), COALESCE(server_body ->> '$.total.minor', 0),
       COALESCE(server_body ->> '$.total.currency', ''), COALESCE(server_body ->> '$.status', '')
FROM record WHERE entity = 'invoice' AND server_body IS NOT NULL;

INSERT INTO support_case (scope, id, customer_id, number, subject, status, priority, opened_on,
                          closed_on)
SELECT scope, id, server_body ->> '$.customer_id', COALESCE(server_body ->> '$.number', ''),
       COALESCE(server_body ->> '$.subject', ''), COALESCE(server_body ->> '$.status', ''),
       COALESCE(server_body ->> '$.priority', ''), COALESCE(server_body ->> '$.opened_on', ''),
       server_body ->> '$.closed_on'
FROM record WHERE entity = 'support_case' AND server_body IS NOT NULL;
