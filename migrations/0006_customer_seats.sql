-- The mailboxes the firm's customers have covered on any day, for the Dashboard's seats figure,
-- without reading every subscription: per customer the most seats among its subscriptions running
-- on a day (the core's `dashboard::seats` rule) only changes on the days a subscription starts or
-- the day after one ends. Those changes are kept per customer (`customer_seat_step`), recomputed
-- from the customer's subscriptions by triggers whenever one changes, and summed per day over all
-- customers (`seat_day`); the seats covered today are the sum of the changes up to today.

CREATE TABLE customer_seat_step (
    scope       TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    -- YYYY-MM-DD: from this day on, the customer's covered seats change by `delta`.
    day         TEXT NOT NULL,
    delta       INTEGER NOT NULL,
    PRIMARY KEY (scope, customer_id, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE seat_day (
    scope TEXT NOT NULL,
    day   TEXT NOT NULL,
    delta INTEGER NOT NULL,
    PRIMARY KEY (scope, day)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER customer_seat_step_insert AFTER INSERT ON customer_seat_step BEGIN
    INSERT INTO seat_day (scope, day, delta) VALUES (new.scope, new.day, new.delta)
    ON CONFLICT (scope, day) DO UPDATE SET delta = delta + excluded.delta;
END;
CREATE TRIGGER customer_seat_step_delete AFTER DELETE ON customer_seat_step BEGIN
    UPDATE seat_day SET delta = delta - old.delta WHERE scope = old.scope AND day = old.day;
END;

-- A customer's steps from its subscriptions, recomputed when a row naming it goes into
-- `seat_recount` (which the trigger empties again at once: the computation is written once, not in
-- each subscription trigger). At each day the running set can change, the most seats running
-- then, less the level before. (No CTEs: triggers cannot hold them.)
CREATE TABLE seat_recount (
    scope       TEXT NOT NULL,
    customer_id TEXT NOT NULL
) STRICT;
CREATE TRIGGER seat_recount_customer AFTER INSERT ON seat_recount BEGIN
    DELETE FROM customer_seat_step WHERE scope = new.scope AND customer_id = new.customer_id;
    INSERT INTO customer_seat_step (scope, customer_id, day, delta)
    SELECT new.scope, new.customer_id, day, delta FROM (
        SELECT day, level - LAG(level, 1, 0) OVER (ORDER BY day) AS delta FROM (
            SELECT b.day, COALESCE((SELECT MAX(s.seats) FROM subscription s
                                    WHERE s.scope = new.scope AND s.customer_id = new.customer_id
                                      AND s.starts_on <= b.day AND s.ends_on >= b.day), 0) AS level
            FROM (SELECT starts_on AS day FROM subscription
                  WHERE scope = new.scope AND customer_id = new.customer_id
                  UNION
                  SELECT date(ends_on, '+1 day') FROM subscription
                  WHERE scope = new.scope AND customer_id = new.customer_id) b
            WHERE b.day IS NOT NULL))
    WHERE delta <> 0;
    DELETE FROM seat_recount WHERE rowid = new.rowid;
END;

CREATE TRIGGER subscription_seats_insert AFTER INSERT ON subscription BEGIN
    INSERT INTO seat_recount (scope, customer_id) VALUES (new.scope, new.customer_id);
END;
CREATE TRIGGER subscription_seats_delete AFTER DELETE ON subscription BEGIN
    INSERT INTO seat_recount (scope, customer_id) VALUES (old.scope, old.customer_id);
END;
-- The old customer's steps, then the new one's (the same customer twice when it stays).
CREATE TRIGGER subscription_seats_update
AFTER UPDATE OF scope, customer_id, seats, starts_on, ends_on ON subscription BEGIN
    INSERT INTO seat_recount (scope, customer_id) VALUES (old.scope, old.customer_id);
    INSERT INTO seat_recount (scope, customer_id) VALUES (new.scope, new.customer_id);
END;

-- A cache that synced before this migration holds subscriptions already: step every customer.
INSERT INTO seat_recount (scope, customer_id) SELECT DISTINCT scope, customer_id FROM subscription;
