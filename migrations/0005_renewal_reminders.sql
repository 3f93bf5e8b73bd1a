-- The renewals this user of this install has been reminded of (a desktop notification), so that
-- each renewal is notified once.
CREATE TABLE renewal_reminded (
    scope       TEXT NOT NULL,
    renewal_id  TEXT NOT NULL,
    reminded_at TEXT NOT NULL,
    PRIMARY KEY (scope, renewal_id)
) STRICT;
