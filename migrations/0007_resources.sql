-- Marketing resources (issue 12): the library's list rows, projected from the `resource` copies a
-- pull stores, with their trigram search; the briefcase (what the user keeps offline); What's New
-- (the user's last look) and the items still to announce.

-- One row per item the server sent (a tombstone removes it): the columns the lists show, sort and
-- filter by. `skus` is ` SKU1 SKU2 ` (spaces around each) for the Product filter; `products` the
-- tags as JSON for the rows and the Product facet.
CREATE TABLE resource (
    seq          INTEGER PRIMARY KEY,
    scope        TEXT NOT NULL,
    id           TEXT NOT NULL,
    category     TEXT NOT NULL,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    products     TEXT NOT NULL,
    skus         TEXT NOT NULL,
    file_type    TEXT NOT NULL,
    size         INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    -- YYYY-MM-DD, the last day it may be used; NULL: never expires.
    expires_on   TEXT,
    -- The current version's files as JSON `[[sha256, size], …]` (the briefcase's state per row).
    files        TEXT NOT NULL,
    -- The thumbnail's SHA-256 and media type, when it has one.
    thumb_sha    TEXT,
    thumb_type   TEXT,
    -- Lower-cased title, summary, description, product names and SKUs and file names: what the
    -- search box matches (every word somewhere). Ends in two U+0001, as the other lists' do.
    search       TEXT NOT NULL,
    UNIQUE (scope, id)
) STRICT;
CREATE INDEX resource_by_published ON resource (scope, published_at DESC, id);
CREATE INDEX resource_by_category ON resource (scope, category, published_at DESC, id);
CREATE INDEX resource_by_title ON resource (scope, title COLLATE NOCASE, id);

CREATE VIRTUAL TABLE resource_fts USING fts5 (
    search, content = 'resource', content_rowid = 'seq', tokenize = 'trigram'
);
CREATE TRIGGER resource_fts_insert AFTER INSERT ON resource BEGIN
    INSERT INTO resource_fts (rowid, search) VALUES (new.seq, new.search);
END;
CREATE TRIGGER resource_fts_delete AFTER DELETE ON resource BEGIN
    INSERT INTO resource_fts (resource_fts, rowid, search) VALUES ('delete', old.seq, old.search);
END;
CREATE TRIGGER resource_fts_update AFTER UPDATE OF search ON resource
WHEN old.search IS NOT new.search BEGIN
    INSERT INTO resource_fts (resource_fts, rowid, search) VALUES ('delete', old.seq, old.search);
    INSERT INTO resource_fts (rowid, search) VALUES (new.seq, new.search);
END;

-- What the user keeps offline: an item (`kind` 'item', `target` its id) or a whole category
-- (`kind` 'category', `target` its wire name: items published later are kept too).
CREATE TABLE resource_keep (
    scope   TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('item', 'category')),
    target  TEXT NOT NULL,
    kept_at TEXT NOT NULL,
    PRIMARY KEY (scope, kind, target)
) STRICT, WITHOUT ROWID;

-- Why the last download of a kept item failed (cleared when it succeeds).
CREATE TABLE resource_failure (
    scope   TEXT NOT NULL,
    id      TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (scope, id)
) STRICT, WITHOUT ROWID;

-- When the user last looked at What's New (what "New" goes by). Kept at sign-out.
CREATE TABLE resource_seen (
    scope   TEXT NOT NULL PRIMARY KEY,
    seen_at TEXT NOT NULL
) STRICT;

-- Every item this user of this install has known, so each is announced at most once (kept at
-- sign-out and through a reset, which bring the same items again). The row with an empty id says
-- a complete sync has run since (what arrives before it, the first sync of an install or the first
-- after this migration, counts as announced).
CREATE TABLE resource_known (
    scope TEXT NOT NULL,
    id    TEXT NOT NULL,
    PRIMARY KEY (scope, id)
) STRICT, WITHOUT ROWID;

-- Items to announce: arrived after a complete sync, not known before.
CREATE TABLE resource_announce (
    scope TEXT NOT NULL,
    id    TEXT NOT NULL,
    PRIMARY KEY (scope, id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER resource_arrives AFTER INSERT ON resource BEGIN
    INSERT OR IGNORE INTO resource_announce (scope, id)
    SELECT new.scope, new.id
    WHERE EXISTS (SELECT 1 FROM resource_known WHERE scope = new.scope AND id = '')
      AND NOT EXISTS (SELECT 1 FROM resource_known WHERE scope = new.scope AND id = new.id);
    INSERT OR IGNORE INTO resource_known (scope, id) VALUES (new.scope, new.id);
END;
-- A withdrawn item is not announced any more.
CREATE TRIGGER resource_leaves AFTER DELETE ON resource BEGIN
    DELETE FROM resource_announce WHERE scope = old.scope AND id = old.id;
END;
