-- Marketing resources as the vendor publishes them: an item (portal_core::resources::Resource as
-- partners receive it, with its audience and status), its versions, the files of each version,
-- and the files themselves by SHA-256. The bytes live on disk in the data directory
-- (files/ab/abcd…, content-addressed); resource_blobs holds what the database needs of them. The
-- uses partners push (downloads, opens, shares) are kept for the vendor's counts and never pulled.
--
-- The old marketing_resources (a title and a link, in categories that are gone: What's New is a
-- feed, not a category) leave: their change-log rows become tombstones, each with its firm's next
-- version, so apps that cached them drop them at their next pull.

UPDATE change_log
SET deleted = 1,
    version = (SELECT s.version FROM sync_counter s WHERE s.partner_id = change_log.partner_id)
        + (SELECT COUNT(*) FROM change_log o
           WHERE o.partner_id = change_log.partner_id AND o.entity = 'resource'
             AND o.record_id <= change_log.record_id)
WHERE entity = 'resource';
UPDATE sync_counter
SET version = COALESCE((SELECT MAX(c.version) FROM change_log c
                        WHERE c.partner_id = sync_counter.partner_id), version)
WHERE true;
DROP TABLE marketing_resources;

-- A file's bytes, once, whoever uploaded it and however many items list it.
CREATE TABLE resource_blobs (
    -- Lower-case hex: the file's name on disk.
    sha256       TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    -- The name it was uploaded under, offered when an item lists it without one.
    name         TEXT,
    media_type   TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    uploaded_at  TEXT NOT NULL
);

CREATE TABLE resources (
    id              TEXT PRIMARY KEY NOT NULL,
    category        TEXT NOT NULL CHECK (category IN ('sales_tools', 'branding_logos',
                        'customer_tools', 'campaign_assets')),
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    -- The price book's SKUs, a JSON array; empty: every product.
    products        TEXT NOT NULL DEFAULT '[]',
    -- Who sees it (portal_core::resources::Audience): JSON arrays of wire names; empty: everyone.
    audience_roles  TEXT NOT NULL DEFAULT '[]',
    audience_tiers  TEXT NOT NULL DEFAULT '[]',
    thumbnail       TEXT REFERENCES resource_blobs(sha256),
    thumbnail_name  TEXT,
    -- The current version (resource_versions holds each).
    version         INTEGER NOT NULL CHECK (version >= 1),
    published_at    TEXT NOT NULL,
    review_on       TEXT,
    expires_on      TEXT,
    status          TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
    withdrawn_at    TEXT,
    CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
CREATE INDEX resources_thumbnail ON resources (thumbnail);
CREATE INDEX resources_published ON resources (published_at);

CREATE TABLE resource_versions (
    resource_id   TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL CHECK (version >= 1),
    published_at  TEXT NOT NULL,
    -- What changed, in the vendor's words (empty for the first).
    note          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (resource_id, version)
) WITHOUT ROWID;

-- The files of each version, in order (the main one first), each under the name it is saved as.
CREATE TABLE resource_files (
    resource_id  TEXT NOT NULL,
    version      INTEGER NOT NULL,
    position     INTEGER NOT NULL CHECK (position >= 0),
    sha256       TEXT NOT NULL REFERENCES resource_blobs(sha256),
    name         TEXT NOT NULL,
    PRIMARY KEY (resource_id, version, position),
    FOREIGN KEY (resource_id, version)
        REFERENCES resource_versions (resource_id, version) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX resource_files_blob ON resource_files (sha256);

-- What partners did with an item's files, pushed as `resource_use` creates: one row per record id,
-- so a use sent twice is counted once.
CREATE TABLE resource_uses (
    id           TEXT PRIMARY KEY NOT NULL,
    resource_id  TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    partner_id   TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    user_id      TEXT REFERENCES users(id) ON DELETE SET NULL,
    version      INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('download', 'open', 'share')),
    -- When it happened on the user's machine, and when the server heard of it.
    at           TEXT NOT NULL,
    received_at  TEXT NOT NULL
);
CREATE INDEX resource_uses_resource ON resource_uses (resource_id, at);
CREATE INDEX resource_uses_partner ON resource_uses (partner_id, at);
CREATE INDEX resource_uses_user ON resource_uses (user_id);
CREATE INDEX resource_uses_at ON resource_uses (at);
