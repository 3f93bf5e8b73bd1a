-- PIMS (issue 13): the kits, the marketing profile, campaigns and leads are records like any other
-- (`record`, refolded with the user's queued changes); a lead decision is a queued create. Their
-- lists read `record` by its (scope, entity, id) key, which serves a kind's records too: the kits,
-- a firm's campaigns and its leads are tens or hundreds, not the hundreds of thousands of
-- prospects that needed list tables of their own. What is new here is what the user of this
-- install has seen of the leads.

-- The leads this user of this install was told of (`told_at`: the desktop notification) and has
-- opened (`seen_at`: the menu's count of new leads). Kept at sign-out and through a reset, which
-- bring the same leads again, so a lead is announced once.
CREATE TABLE lead_mark (
    scope   TEXT NOT NULL,
    id      TEXT NOT NULL,
    told_at TEXT,
    seen_at TEXT,
    PRIMARY KEY (scope, id)
) STRICT, WITHOUT ROWID;

