//! The sign-in lockout: after too many consecutive failures for one email, refuse it for a while.
//!
//! The rule is a pure function of the stored state and the clock ([`Throttle`]); [`check`] and
//! [`record_failure`] / [`record_success`] keep that state in storage ([`crate::storage::lockout`]). It is tracked per
//! case-folded email whether or not an account exists, so the lockout reveals nothing about accounts.

use crate::config::LockoutConfig;
use crate::error::Result;
use crate::storage::lockout::{self, Failures};
use crate::storage::Storage;
use chrono::{DateTime, Duration, Utc};

/// The failure count for one email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// Consecutive failures within the current window.
    pub failures: u32,
    /// When the first of those failures happened.
    pub window_started_at: DateTime<Utc>,
    /// Sign-ins are refused until then.
    pub locked_until: Option<DateTime<Utc>>,
}

impl Throttle {
    /// Until when the email is locked out at `now`, if it is.
    pub fn locked_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.locked_until.filter(|until| *until > now)
    }

    /// The state after one more failed attempt at `now`.
    pub fn after_failure(
        prev: Option<Throttle>,
        now: DateTime<Utc>,
        policy: &LockoutConfig,
    ) -> Throttle {
        let window = Duration::seconds(policy.window_secs as i64);
        let mut t = match prev {
            // Old failures (or a lockout that has run out) no longer count: start afresh.
            Some(p) if p.locked_until.is_none() && p.window_started_at + window > now => p,
            _ => Throttle {
                failures: 0,
                window_started_at: now,
                locked_until: None,
            },
        };
        t.failures += 1;
        if t.failures >= policy.max_failures {
            t.locked_until = Some(now + Duration::seconds(policy.lockout_secs as i64));
        }
        t
    }
}

impl From<Failures> for Throttle {
    fn from(f: Failures) -> Self {
        Throttle {
            failures: f.failures,
            window_started_at: f.window_started_at,
            locked_until: f.locked_until,
        }
    }
}

/// The email's current lockout, if any.
pub async fn check(
    storage: &Storage,
    email: &str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let mut db = storage.conn().await?;
    Ok(lockout::load(&mut db, email)
        .await?
        .map(Throttle::from)
        .and_then(|t| t.locked_at(now)))
}

/// Counts a failed attempt; returns the new state.
pub async fn record_failure(
    storage: &Storage,
    email: &str,
    now: DateTime<Utc>,
    policy: &LockoutConfig,
) -> Result<Throttle> {
    // Read and written in one write transaction, so two concurrent failures both count.
    let mut tx = storage.write().await?;
    let prev = lockout::load(&mut tx, email).await?.map(Throttle::from);
    let next = Throttle::after_failure(prev, now, policy);
    let stored = Failures {
        failures: next.failures,
        window_started_at: next.window_started_at,
        locked_until: next.locked_until,
    };
    lockout::save(&mut tx, email, &stored).await?;
    tx.commit().await?;
    Ok(next)
}

/// A successful sign-in forgets earlier failures.
pub async fn record_success(storage: &Storage, email: &str) -> Result<()> {
    let mut db = storage.conn().await?;
    lockout::forget(&mut db, email).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn policy() -> LockoutConfig {
        LockoutConfig {
            max_failures: 5,
            window_secs: 15 * 60,
            lockout_secs: 15 * 60,
        }
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
    }

    fn fail_n(n: u32, start: DateTime<Utc>, step: Duration) -> Throttle {
        let mut state = None;
        for i in 0..n {
            state = Some(Throttle::after_failure(
                state,
                start + step * i as i32,
                &policy(),
            ));
        }
        state.unwrap()
    }

    #[test]
    fn five_quick_failures_lock_for_fifteen_minutes() {
        let four = fail_n(4, t0(), Duration::seconds(10));
        assert_eq!(four.failures, 4);
        assert_eq!(four.locked_at(t0() + Duration::seconds(41)), None);

        let five = fail_n(5, t0(), Duration::seconds(10));
        let last = t0() + Duration::seconds(40);
        assert_eq!(five.locked_at(last), Some(last + Duration::minutes(15)));
        assert!(five.locked_at(last + Duration::minutes(14)).is_some());
        assert_eq!(
            five.locked_at(last + Duration::minutes(15)),
            None,
            "it runs out"
        );
    }

    #[test]
    fn failures_spread_beyond_the_window_do_not_lock() {
        // One failure every 4 minutes: the window restarts before the fifth.
        let state = fail_n(8, t0(), Duration::minutes(4));
        assert!(state.locked_until.is_none());
        assert!(state.failures < 5);
    }

    #[test]
    fn after_a_lockout_runs_out_counting_starts_again() {
        let locked = fail_n(5, t0(), Duration::seconds(1));
        let later = t0() + Duration::minutes(20);
        let next = Throttle::after_failure(Some(locked), later, &policy());
        assert_eq!(next.failures, 1);
        assert_eq!(next.locked_until, None);
    }
}
