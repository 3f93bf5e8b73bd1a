-- When each version was reached: the housekeeping notes every firm's head version once an hour, one
-- row per firm and day (the day's highest). Versions, not clocks, order the changes; these marks
-- only tell how old a version is, so that tombstones are purged once they are
-- `sync.tombstone_days` old. A tombstone at or below the mark of a day is at least as old as that
-- day. Marks the purge has passed are deleted with it.
CREATE TABLE sync_marks (
    partner_id  TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    -- YYYY-MM-DD, the server's day (UTC).
    day         TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 0),
    PRIMARY KEY (partner_id, day)
) WITHOUT ROWID;
