-- The replica of the server's records, the user's queued changes (the outbox) and where each user's
-- sync stands. Every table is scoped to the signed-in user (`scope` = their user id), as the cache is
-- shared by the users of one machine.

-- Where one user's sync stands on this install.
CREATE TABLE sync_state (
    scope            TEXT PRIMARY KEY NOT NULL,
    -- This install's id for this user's pushes (a UUID made once; the server ties it to the user).
    client_id        TEXT NOT NULL,
    -- Every change at or below it has been applied to the replica.
    cursor           INTEGER NOT NULL DEFAULT 0,
    -- The id the next queued change takes: mutation ids grow by one per change made.
    next_mutation_id INTEGER NOT NULL DEFAULT 1,
    -- RFC 3339, when a sync last finished.
    last_synced      TEXT
) STRICT;

-- One row per record the server sent or the user made: the server's copy, and the view the UI reads
-- (the server's copy with the user's changes on top) when that differs from it.
CREATE TABLE record (
    scope          TEXT NOT NULL,
    entity         TEXT NOT NULL,
    id             TEXT NOT NULL,
    -- The version of the server's copy; 0 while the server has sent nothing.
    server_version INTEGER NOT NULL DEFAULT 0,
    -- The record's JSON as the server sent it; NULL when there is none (never sent, or a tombstone).
    server_body    TEXT,
    -- 1: the view is local_body (NULL = deleted here); 0: the view is server_body.
    overlay        INTEGER NOT NULL DEFAULT 0 CHECK (overlay IN (0, 1)),
    local_body     TEXT,
    UNIQUE (scope, entity, id)
) STRICT;

-- The user's changes, in the order made. A row stays after the server answered so the Pending
-- Changes page can show it (synced ones are pruned; refused ones stay until dismissed).
CREATE TABLE outbox (
    scope           TEXT NOT NULL,
    mutation_id     INTEGER NOT NULL,
    entity          TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    -- portal_core::sync::MutationOp as JSON, exactly as pushed (a retry sends the same bytes).
    op              TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'synced', 'conflict', 'refused')),
    -- portal_core::sync::Outcome as JSON, once the server answered.
    outcome         TEXT,
    -- The record's version once the server applied the change; while no pull has brought that
    -- version, the change stays on top of the server's older copy.
    applied_version INTEGER,
    summary         TEXT NOT NULL,
    record_label    TEXT NOT NULL,
    made_at         TEXT NOT NULL,
    PRIMARY KEY (scope, mutation_id)
) STRICT;
CREATE INDEX outbox_record ON outbox (scope, entity, record_id);
CREATE INDEX outbox_state ON outbox (scope, state);

-- Names of the firm's users as far as this user knows them (for the owner column).
CREATE TABLE person (
    scope    TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (scope, user_id)
) STRICT;

-- The prospects list: one row per prospect view, the columns the list shows, sorts and filters by.
CREATE TABLE prospect (
    seq          INTEGER PRIMARY KEY,
    scope        TEXT NOT NULL,
    id           TEXT NOT NULL,
    company_name TEXT NOT NULL,
    domain       TEXT NOT NULL,
    sector       TEXT NOT NULL,
    mailboxes    INTEGER NOT NULL,
    status       TEXT NOT NULL,
    status_rank  INTEGER NOT NULL,
    owner_id     TEXT NOT NULL,
    owner_name   TEXT NOT NULL DEFAULT '',
    pending      INTEGER NOT NULL DEFAULT 0,
    -- Lower-cased company name, domain and contact names: what the search box matches. It ends
    -- in two U+0001 (never searched for), so every character a search can hold begins a trigram.
    search       TEXT NOT NULL,
    UNIQUE (scope, id)
) STRICT;
CREATE INDEX prospect_by_name ON prospect (scope, company_name COLLATE NOCASE);
CREATE INDEX prospect_by_domain ON prospect (scope, domain);
CREATE INDEX prospect_by_status ON prospect (scope, status_rank, company_name COLLATE NOCASE);
CREATE INDEX prospect_by_mailboxes ON prospect (scope, mailboxes);
CREATE INDEX prospect_by_owner ON prospect (scope, owner_name COLLATE NOCASE, company_name COLLATE NOCASE);
CREATE INDEX prospect_by_owner_id ON prospect (scope, owner_id, company_name COLLATE NOCASE);

-- The deals list, likewise; the prospect's name and domain are copied in (kept current when the
-- prospect changes) so the list sorts and searches without a join.
CREATE TABLE deal (
    seq            INTEGER PRIMARY KEY,
    scope          TEXT NOT NULL,
    id             TEXT NOT NULL,
    number         TEXT,
    prospect_id    TEXT NOT NULL,
    prospect_name  TEXT NOT NULL,
    domain         TEXT NOT NULL,
    value_minor    INTEGER NOT NULL,
    currency       TEXT NOT NULL,
    expected_close TEXT NOT NULL,
    status         TEXT NOT NULL,
    status_rank    INTEGER NOT NULL,
    status_reason  TEXT,
    expires_on     TEXT,
    owner_id       TEXT NOT NULL,
    waiting        INTEGER NOT NULL DEFAULT 0,
    pending        INTEGER NOT NULL DEFAULT 0,
    -- Lower-cased number, prospect name and domain.
    search         TEXT NOT NULL,
    UNIQUE (scope, id)
) STRICT;
CREATE INDEX deal_by_number ON deal (scope, number);
CREATE INDEX deal_by_prospect_name ON deal (scope, prospect_name COLLATE NOCASE);
CREATE INDEX deal_by_value ON deal (scope, value_minor);
CREATE INDEX deal_by_close ON deal (scope, expected_close);
CREATE INDEX deal_by_status ON deal (scope, status_rank, number);
CREATE INDEX deal_by_prospect ON deal (scope, prospect_id);

-- Substring search: trigram indexes over the lists' search text, kept in step by triggers.
CREATE VIRTUAL TABLE prospect_fts USING fts5 (
    search, content = 'prospect', content_rowid = 'seq', tokenize = 'trigram'
);
CREATE TRIGGER prospect_fts_insert AFTER INSERT ON prospect BEGIN
    INSERT INTO prospect_fts (rowid, search) VALUES (new.seq, new.search);
END;
CREATE TRIGGER prospect_fts_delete AFTER DELETE ON prospect BEGIN
    INSERT INTO prospect_fts (prospect_fts, rowid, search) VALUES ('delete', old.seq, old.search);
END;
CREATE TRIGGER prospect_fts_update AFTER UPDATE OF search ON prospect
WHEN old.search IS NOT new.search BEGIN
    INSERT INTO prospect_fts (prospect_fts, rowid, search) VALUES ('delete', old.seq, old.search);
    INSERT INTO prospect_fts (rowid, search) VALUES (new.seq, new.search);
END;
-- The trigram index's terms, for searches of one or two characters (the terms they begin).
CREATE VIRTUAL TABLE prospect_vocab USING fts5vocab (prospect_fts, 'row');

-- How many prospects contain each string of one or two characters (and, under '', how many there
-- are), by status and owner: the exact total of a short search without reading every row.
-- Triggers stage each changed row here; the app folds `prospect_gram_stage` into the counts in bulk
-- (at the end of each pull page, and before any search: it counts each staged row's distinct grams
-- of its first 1,024 positions in memory), which costs far less than per row.
CREATE TABLE prospect_gram (
    scope       TEXT NOT NULL,
    gram        TEXT NOT NULL,
    status_rank INTEGER NOT NULL,
    owner_id    TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (scope, gram, status_rank, owner_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE prospect_gram_stage (
    scope       TEXT NOT NULL,
    search      TEXT NOT NULL,
    status_rank INTEGER NOT NULL,
    owner_id    TEXT NOT NULL,
    sign        INTEGER NOT NULL CHECK (sign IN (-1, 1))
) STRICT;
CREATE TRIGGER prospect_gram_insert AFTER INSERT ON prospect BEGIN
    INSERT INTO prospect_gram_stage
        VALUES (new.scope, new.search, new.status_rank, new.owner_id, 1);
END;
CREATE TRIGGER prospect_gram_delete AFTER DELETE ON prospect BEGIN
    INSERT INTO prospect_gram_stage
        VALUES (old.scope, old.search, old.status_rank, old.owner_id, -1);
END;
CREATE TRIGGER prospect_gram_update AFTER UPDATE ON prospect
WHEN old.search IS NOT new.search OR old.status_rank IS NOT new.status_rank
  OR old.owner_id IS NOT new.owner_id BEGIN
    INSERT INTO prospect_gram_stage
        VALUES (old.scope, old.search, old.status_rank, old.owner_id, -1);
    INSERT INTO prospect_gram_stage
        VALUES (new.scope, new.search, new.status_rank, new.owner_id, 1);
END;

CREATE VIRTUAL TABLE deal_fts USING fts5 (
    search, content = 'deal', content_rowid = 'seq', tokenize = 'trigram'
);
CREATE TRIGGER deal_fts_insert AFTER INSERT ON deal BEGIN
    INSERT INTO deal_fts (rowid, search) VALUES (new.seq, new.search);
END;
CREATE TRIGGER deal_fts_delete AFTER DELETE ON deal BEGIN
    INSERT INTO deal_fts (deal_fts, rowid, search) VALUES ('delete', old.seq, old.search);
END;
CREATE TRIGGER deal_fts_update AFTER UPDATE OF search ON deal
WHEN old.search IS NOT new.search BEGIN
    INSERT INTO deal_fts (deal_fts, rowid, search) VALUES ('delete', old.seq, old.search);
    INSERT INTO deal_fts (rowid, search) VALUES (new.seq, new.search);
END;

-- The lists' sorting indexes a first sync of a large firm set aside (dropped) while it inserted
-- the firm's rows, with the statements that build them again: at the end of that pull, or when
-- the cache is next opened if the app was stopped before.
CREATE TABLE set_aside_index (
    name TEXT PRIMARY KEY NOT NULL,
    sql  TEXT NOT NULL
) STRICT;
