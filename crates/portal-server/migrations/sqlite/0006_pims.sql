-- PIMS: the vendor's campaign kits, each firm's marketing profile (one per firm) and its logos,
-- the firm's campaigns, leads and the decisions partners push on them, and what the public landing
-- pages count (views) and remember (recent form posts per address, for the rate limit).
--
-- Bodies are the portal-core types as JSON (what a pull carries); the columns beside them are
-- copied out for queries and constraints. Profiles and campaigns are edited by partners through
-- the sync's field merge, so they keep field stamps like the firm's other synced records.

-- The change log learns the new kinds of record (the table is rebuilt as in 0004: past_owners is
-- set aside first so the cascade does not empty it).
CREATE TABLE past_owners_kept AS SELECT partner_id, entity, record_id, user_id FROM past_owners;
DROP TABLE past_owners;
CREATE TABLE change_log_new (
    partner_id  TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    entity      TEXT NOT NULL CHECK (entity IN ('prospect', 'deal', 'quote', 'order', 'customer',
                    'subscription', 'renewal', 'invoice', 'support_case', 'product', 'news',
                    'resource', 'course', 'campaign_kit', 'marketing_profile', 'campaign',
                    'lead')),
    record_id   TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
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

-- A kit as the vendor published it (portal_core::pims::kit::CampaignKit, audience included).
CREATE TABLE campaign_kits (
    id            TEXT PRIMARY KEY NOT NULL,
    body          TEXT NOT NULL,
    published_at  TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'withdrawn')),
    withdrawn_at  TEXT,
    CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);

-- One marketing profile per firm (portal_core::pims::profile::MarketingProfile; its id is the
-- firm's): created with the firm, updated by partners, never deleted but with the firm.
CREATE TABLE marketing_profiles (
    partner_id       TEXT PRIMARY KEY NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    body             TEXT NOT NULL,
    version          INTEGER NOT NULL CHECK (version > 0),
    created_version  INTEGER NOT NULL CHECK (created_version > 0),
    field_versions   TEXT NOT NULL DEFAULT '{}'
);

-- Every logo a firm uploaded (the bytes are in files/ by SHA-256, like resource files): a firm's
-- users may fetch its own logos, nobody else's.
CREATE TABLE profile_logos (
    partner_id   TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('web', 'print')),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    media_type   TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    uploaded_at  TEXT NOT NULL,
    PRIMARY KEY (partner_id, kind, sha256)
) WITHOUT ROWID;
CREATE INDEX profile_logos_sha ON profile_logos (sha256);

-- A firm's campaign (portal_core::pims::campaign::Campaign).
CREATE TABLE campaigns (
    id               TEXT PRIMARY KEY NOT NULL,
    partner_id       TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    kit_id           TEXT NOT NULL REFERENCES campaign_kits(id),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'live', 'paused', 'ended')),
    -- Given at launch; the public page is /c/<slug>.
    slug             TEXT UNIQUE,
    body             TEXT NOT NULL,
    version          INTEGER NOT NULL CHECK (version > 0),
    created_version  INTEGER NOT NULL CHECK (created_version > 0),
    created_client   TEXT,
    field_versions   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX campaigns_partner ON campaigns (partner_id);

-- A lead given to a firm (portal_core::pims::lead::Lead).
CREATE TABLE leads (
    id           TEXT PRIMARY KEY NOT NULL,
    partner_id   TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    campaign_id  TEXT,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'expired',
                     'withdrawn')),
    expires_at   TEXT NOT NULL,
    body         TEXT NOT NULL,
    version      INTEGER NOT NULL CHECK (version > 0)
);
CREATE INDEX leads_partner ON leads (partner_id, state);
CREATE INDEX leads_campaign ON leads (campaign_id);
CREATE INDEX leads_pending ON leads (expires_at) WHERE state = 'pending';
CREATE INDEX leads_state ON leads (state, expires_at);

-- The decisions partners pushed (portal_core::pims::lead::LeadDecision), one per record id; never
-- pulled.
CREATE TABLE lead_decisions (
    id           TEXT PRIMARY KEY NOT NULL,
    lead_id      TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    partner_id   TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    user_id      TEXT,
    body         TEXT NOT NULL,
    received_at  TEXT NOT NULL
);

-- Landing-page views per campaign.
CREATE TABLE landing_views (
    campaign_id  TEXT PRIMARY KEY NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    views        INTEGER NOT NULL DEFAULT 0 CHECK (views >= 0)
);

-- Recent lead-form posts per client address, for the rate limit (old rows are forgotten).
CREATE TABLE landing_posts (
    address  TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX landing_posts_address ON landing_posts (address, at);

-- Every firm that exists already gets its blank profile, named after it, logged as the firm's next
-- version so that apps receive it at their next pull.
INSERT INTO marketing_profiles (partner_id, body, version, created_version)
SELECT p.id,
       json_object('id', p.id, 'company_name', p.name,
           'address', json_object('line1', '', 'line2', '', 'city', '', 'region', '',
                                  'postal_code', '', 'country', ''),
           'contact_name', '', 'email', '', 'phone', '', 'website', '', 'social', json('[]'),
           'unsubscribe', '', 'web_logo', NULL, 'print_logo', NULL, 'brand_colour', '#0b5fff'),
       COALESCE(s.version, 0) + 1, COALESCE(s.version, 0) + 1
FROM partners p LEFT JOIN sync_counter s ON s.partner_id = p.id;
INSERT INTO sync_counter (partner_id, version)
SELECT partner_id, 0 FROM marketing_profiles WHERE true
ON CONFLICT (partner_id) DO NOTHING;
UPDATE sync_counter SET version = version + 1
WHERE partner_id IN (SELECT partner_id FROM marketing_profiles);
INSERT INTO change_log (partner_id, entity, record_id, version, deleted, owner_id)
SELECT partner_id, 'marketing_profile', partner_id, version, 0, NULL FROM marketing_profiles;
