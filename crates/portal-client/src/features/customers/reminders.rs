//! Customers › Renewals: reminders — the renewals due within a number of days that this user of
//! this install has not been reminded of yet, and remembering those that were, so each renewal is
//! notified once. The shell shows the notification; what it says is [`summary`].

use crate::{
    error::ClientError,
    portal::PROFILE,
    store::read::{self, to_json},
    Portal,
};
use chrono::{Days, NaiveDate, Utc};
use portal_core::ids::{CustomerId, RenewalId};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

/// A renewal to remind the user of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalReminder {
    pub id: RenewalId,
    pub customer_id: CustomerId,
    /// The customer's company name (empty when the cache does not know the customer).
    pub customer_name: String,
    pub due_on: NaiveDate,
}

/// The renewals due from `today` to `days` days after it, not yet reminded, soonest first.
pub async fn due(
    conn: &mut SqliteConnection,
    scope: &str,
    days: u32,
    today: NaiveDate,
) -> Result<Vec<RenewalReminder>, ClientError> {
    if days == 0 {
        return Ok(Vec::new());
    }
    let until = today
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX);
    let rows: Vec<(String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT r.id, r.customer_id, c.company_name, r.due_on
         FROM renewal r
         LEFT JOIN customer c ON c.scope = r.scope AND c.id = r.customer_id
         WHERE r.scope = ?1 AND r.due_on >= ?2 AND r.due_on <= ?3
           AND NOT EXISTS (SELECT 1 FROM renewal_reminded m
                           WHERE m.scope = r.scope AND m.renewal_id = r.id)
         ORDER BY r.due_on, c.company_name, r.id",
    )
    .bind(scope)
    .bind(today.to_string())
    .bind(until.to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, customer_id, name, due_on)| {
            Ok(RenewalReminder {
                id: read::id(&id)?,
                customer_id: read::id(&customer_id)?,
                customer_name: name.unwrap_or_default(),
                due_on: read::date(&due_on)?,
            })
        })
        .collect()
}

/// Remembers that the user was reminded of these renewals.
pub async fn mark(
    conn: &mut SqliteConnection,
    scope: &str,
    ids: &[RenewalId],
) -> Result<(), ClientError> {
    let ids: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    let ids = to_json(&ids);
    sqlx::query(
        "INSERT INTO renewal_reminded (scope, renewal_id, reminded_at)
         SELECT ?1, value, ?3 FROM json_each(?2) WHERE true
         ON CONFLICT (scope, renewal_id) DO NOTHING",
    )
    .bind(scope)
    .bind(ids)
    .bind(Utc::now().to_rfc3339())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The notification's title and body for `reminders` due within `days` ("3 renewals due within
/// 30 days", "Contoso (12 Dec), Fabrikam (14 Dec), …"); None when there are none.
pub fn summary(days: u32, reminders: &[RenewalReminder]) -> Option<(String, String)> {
    /// Customers named in the body; the rest are counted.
    const NAMED: usize = 5;
    if reminders.is_empty() {
        return None;
    }
    let n = reminders.len();
    let title = format!(
        "{n} renewal{} due within {days} day{}",
        if n == 1 { "" } else { "s" },
        if days == 1 { "" } else { "s" }
    );
    let mut parts: Vec<String> = reminders
        .iter()
        .take(NAMED)
        .map(|r| {
            let name = if r.customer_name.is_empty() {
                "A customer"
            } else {
                r.customer_name.as_str()
            };
            format!("{name} ({})", r.due_on.format("%-d %b"))
        })
        .collect();
    if n > NAMED {
        parts.push(format!("and {} more", n - NAMED));
    }
    Some((title, parts.join(", ")))
}

impl Portal {
    /// Whether the signed-in user receives the Customers area (and so renewals to be reminded of).
    pub async fn receives_customers(&self) -> Result<bool, ClientError> {
        let (scope, _) = self.me().await?;
        let profile = self
            .cache
            .get::<portal_core::api::auth::Profile>(&scope, PROFILE)
            .await?;
        Ok(profile.is_some_and(|p| p.value.user.role.sees_customers_area()))
    }

    /// The renewals due within `days` days (from today) that the user has not been reminded of;
    /// none when `days` is 0.
    pub async fn due_reminders(&self, days: u32) -> Result<Vec<RenewalReminder>, ClientError> {
        self.due_reminders_on(days, chrono::Local::now().date_naive())
            .await
    }

    /// [`Self::due_reminders`] as of `today`.
    pub async fn due_reminders_on(
        &self,
        days: u32,
        today: NaiveDate,
    ) -> Result<Vec<RenewalReminder>, ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        due(&mut conn, &scope, days, today).await
    }

    /// Remembers that the user was reminded of these renewals, so they are not reminded again.
    pub async fn mark_reminded(&self, ids: &[RenewalId]) -> Result<(), ClientError> {
        let (scope, _) = self.me().await?;
        let mut conn = self.cache.pool().acquire().await?;
        mark(&mut conn, &scope, ids).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn reminder(n: u128, name: &str, due_on: &str) -> RenewalReminder {
        RenewalReminder {
            id: RenewalId(Uuid::from_u128(n)),
            customer_id: CustomerId(Uuid::from_u128(100 + n)),
            customer_name: name.into(),
            due_on: due_on.parse().unwrap(),
        }
    }

    #[test]
    fn the_summary_names_the_first_customers_and_counts_the_rest() {
        assert_eq!(summary(30, &[]), None);
        let one = summary(30, &[reminder(1, "Contoso", "2026-12-12")]).unwrap();
        assert_eq!(
            one,
            (
                "1 renewal due within 30 days".to_owned(),
                "Contoso (12 Dec)".to_owned()
            )
        );
        let many: Vec<_> = (1..=7)
            .map(|n| reminder(n, &format!("C{n}"), "2026-12-01"))
            .collect();
        let (title, body) = summary(7, &many).unwrap();
        assert_eq!(title, "7 renewals due within 7 days");
        assert!(body.starts_with("C1 (1 Dec), C2 (1 Dec)"), "{body}");
        assert!(body.ends_with("and 2 more"), "{body}");
    }
}
