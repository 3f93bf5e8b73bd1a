-- The app's local cache, first table: the last server answer for each read view, so the app can
-- open and show what it knew when the server cannot be reached.
-- scope: the signed-in user's id (their data) or the server address (public data such as branding).
CREATE TABLE snapshot (
    scope TEXT NOT NULL,
    name  TEXT NOT NULL,
    body  TEXT NOT NULL,          -- JSON of the portal-core type
    as_of TEXT NOT NULL,          -- RFC 3339, when the server sent it
    PRIMARY KEY (scope, name)
) STRICT;
