//! Index set-aside for a bulk pull: the lists' sorting indexes (and the triggers that keep day
//! sums, seat steps and the invoice-number index in step) dropped while a first sync of a large
//! firm inserts its rows, and built again — each in one pass — when the pull ends, or when the
//! cache is next opened if the app was stopped in between.

use super::seats;
use crate::{error::ClientError, store::Cache};
use sqlx::SqliteConnection;
use std::path::Path;

/// Opens the cache as the app does: migrated, with anything a first sync set aside and had no
/// time to build again (the app was stopped) built now.
pub async fn open(path: &Path) -> Result<Cache, ClientError> {
    let cache = Cache::open(path).await?;
    let mut tx = cache.pool().begin().await?;
    restore_list_indexes(&mut tx).await?;
    tx.commit().await?;
    Ok(cache)
}
/// The one index of the lists a pull needs while the others are set aside: it finds the deals of
/// a changed prospect.
const NEEDED_BY_PULLS: &str = "deal_by_prospect";

/// Sets the lists' sorting indexes aside (drops them, keeping their definitions in
/// `set_aside_index`), for a first sync of a large firm to insert its rows without them. Only
/// indexes that enforce nothing: the lists answer the same without them, only slower. The
/// triggers that keep the renewal-day sums, the seat steps and the invoice-number index in step go
/// too: rebuilding those at the end is one pass instead of a write per row. See
/// [`restore_list_indexes`].
pub async fn set_aside_list_indexes(conn: &mut SqliteConnection) -> Result<(), ClientError> {
    let objects: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT type, name, sql FROM sqlite_master
         WHERE sql IS NOT NULL AND name <> ?1
           AND ((type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%'
                 AND tbl_name IN ('prospect', 'deal', 'customer', 'subscription', 'renewal',
                                  'invoice', 'support_case'))
             OR (type = 'trigger'
                 AND tbl_name IN ('renewal', 'invoice', 'subscription', 'customer_seat_step')))",
    )
    .bind(NEEDED_BY_PULLS)
    .fetch_all(&mut *conn)
    .await?;
    for (kind, name, sql) in objects {
        sqlx::query(
            "INSERT INTO set_aside_index (name, sql) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        )
        .bind(&name)
        .bind(&sql)
        .execute(&mut *conn)
        .await?;
        let drop = if kind == "trigger" {
            "TRIGGER"
        } else {
            "INDEX"
        };
        sqlx::query(&format!("DROP {drop} \"{}\"", name.replace('"', "\"\"")))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Builds again what [`set_aside_list_indexes`] set aside, if anything (at the end of every pull,
/// and when the cache is opened, in case the app was killed in between), and recomputes what the
/// triggers set aside would have kept in step. Cheap when nothing was set aside.
pub async fn restore_list_indexes(conn: &mut SqliteConnection) -> Result<(), ClientError> {
    let objects: Vec<(String, String)> =
        sqlx::query_as("SELECT name, sql FROM set_aside_index ORDER BY name")
            .fetch_all(&mut *conn)
            .await?;
    // The indexes first (the recomputing reads them), the triggers last (recomputed sums must
    // not be summed again by them).
    let (indexes, triggers): (Vec<_>, Vec<_>) = objects
        .iter()
        .partition(|(_, sql)| !sql.trim_start().starts_with("CREATE TRIGGER"));
    recreate(conn, &indexes).await?;
    if objects
        .iter()
        .any(|(name, _)| name.starts_with("subscription_seats_"))
    {
        seats::rebuild(conn).await?;
    }
    if objects
        .iter()
        .any(|(name, _)| name.starts_with("renewal_day_"))
    {
        sqlx::query("DELETE FROM renewal_day")
            .execute(&mut *conn)
            .await?;
        sqlx::query(
            "INSERT INTO renewal_day (scope, due_on, currency, renewals, value_minor)
             SELECT scope, due_on, currency, COUNT(*), SUM(value_minor) FROM renewal
             GROUP BY scope, due_on, currency",
        )
        .execute(&mut *conn)
        .await?;
    }
    if objects
        .iter()
        .any(|(name, _)| name.starts_with("invoice_fts_"))
    {
        sqlx::query("INSERT INTO invoice_fts (invoice_fts) VALUES ('rebuild')")
            .execute(&mut *conn)
            .await?;
    }
    recreate(conn, &triggers).await?;
    if !objects.is_empty() {
        sqlx::query("DELETE FROM set_aside_index")
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Creates again those of `objects` (name, SQL) that do not exist.
async fn recreate(
    conn: &mut SqliteConnection,
    objects: &[&(String, String)],
) -> Result<(), ClientError> {
    for (name, sql) in objects {
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ?1)")
                .bind(name)
                .fetch_one(&mut *conn)
                .await?;
        if !exists {
            sqlx::query(sql).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sets the indexes aside (twice: the second time finds nothing more) and checks what is left.
    async fn set_aside(conn: &mut SqliteConnection) {
        set_aside_list_indexes(conn).await.unwrap();
        set_aside_list_indexes(conn).await.unwrap();
        let left: Vec<String> = list_indexes(conn)
            .await
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert!(left.contains(&"deal_by_prospect".to_owned()), "{left:?}");
        assert!(
            left.iter()
                .all(|n| n == "deal_by_prospect" || n.starts_with("sqlite_autoindex")),
            "only what pulls need and what keeps ids unique is left: {left:?}"
        );
    }

    async fn list_indexes(conn: &mut SqliteConnection) -> Vec<(String, Option<String>)> {
        sqlx::query_as(
            "SELECT name, sql FROM sqlite_master
             WHERE (type = 'index' AND tbl_name IN ('prospect', 'deal', 'customer', 'subscription',
                                                    'renewal', 'invoice', 'support_case'))
                OR (type = 'trigger' AND tbl_name IN ('renewal', 'invoice', 'subscription',
                                                      'customer_seat_step'))
             ORDER BY name",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn indexes_set_aside_come_back_at_the_end_or_when_the_cache_opens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        let cache = Cache::open(&path).await.unwrap();
        let mut conn = cache.pool().acquire().await.unwrap();
        let all = list_indexes(&mut conn).await;
        assert!(all.len() > 10, "{all:?}");

        // At the end of the pull.
        set_aside(&mut conn).await;
        restore_list_indexes(&mut conn).await.unwrap();
        assert_eq!(list_indexes(&mut conn).await, all);
        let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM set_aside_index")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(pending, 0);
        // Nothing set aside: nothing to do.
        restore_list_indexes(&mut conn).await.unwrap();
        assert_eq!(list_indexes(&mut conn).await, all);

        // Rows written while the triggers were aside are counted and indexed once they are back.
        set_aside(&mut conn).await;
        for (seq, day, value) in [
            (1, "2027-01-05", 1000),
            (2, "2027-01-05", 250),
            (3, "2027-02-01", 7),
        ] {
            sqlx::query(
                "INSERT INTO renewal (seq, scope, id, subscription_id, customer_id, product_id,
                                      due_on, value_minor, currency)
                 VALUES (?1, 's', ?1, 'sub', 'c', 'p', ?2, ?3, 'USD')",
            )
            .bind(seq)
            .bind(day)
            .bind(value)
            .execute(&mut *conn)
            .await
            .unwrap();
        }
        sqlx::query(
            "INSERT INTO invoice (scope, id, customer_id, number, kind, issued_on, due_on,
                                  total_minor, currency, status)
             VALUES ('s', 'i1', 'c', 'INV-NW-004217', 'customer', '2026-11-01', '2026-12-01',
                     100, 'USD', 'open')",
        )
        .execute(&mut *conn)
        .await
        .unwrap();
        for (seq, customer, seats, starts_on, ends_on) in [
            (1, "c", 100, "2026-01-01", "2026-12-31"),
            (2, "c", 40, "2026-06-01", "2027-05-31"),
            (3, "d", 7, "2026-02-01", "2027-01-31"),
        ] {
            sqlx::query(
                "INSERT INTO subscription (seq, scope, id, customer_id, product_id, seats,
                                           term_months, starts_on, ends_on)
                 VALUES (?1, 's', ?1, ?2, 'p', ?3, 12, ?4, ?5)",
            )
            .bind(seq)
            .bind(customer)
            .bind(seats)
            .bind(starts_on)
            .bind(ends_on)
            .execute(&mut *conn)
            .await
            .unwrap();
        }
        restore_list_indexes(&mut conn).await.unwrap();
        assert_eq!(list_indexes(&mut conn).await, all);
        let on = |day: &str| day.parse::<chrono::NaiveDate>().unwrap();
        for (day, seats) in [("2026-07-01", 107), ("2027-01-15", 47), ("2027-03-01", 40)] {
            assert_eq!(
                seats::covered_on(&mut conn, "s", on(day)).await.unwrap(),
                seats,
                "{day}"
            );
        }
        let days: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT due_on, renewals, value_minor FROM renewal_day WHERE scope = 's' ORDER BY due_on",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        assert_eq!(
            days,
            [
                ("2027-01-05".to_owned(), 2, 1250),
                ("2027-02-01".to_owned(), 1, 7)
            ]
        );
        let found: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM invoice_fts WHERE invoice_fts MATCH '\"004217\"'",
        )
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        assert_eq!(found, 1);

        // The app stopped before the end of the pull: opening the cache builds them.
        set_aside(&mut conn).await;
        drop(conn);
        cache.pool().close().await;
        let reopened = open(&path).await.unwrap();
        let mut conn = reopened.pool().acquire().await.unwrap();
        assert_eq!(list_indexes(&mut conn).await, all);
    }
}
