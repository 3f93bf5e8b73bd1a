//! The server's configuration: what it holds and its defaults, each section's rules, and (in
//! [`load`]) how an optional TOML file, then environment variables on top, set it; the demo
//! vendor's branding is in [`branding`].

mod branding;
mod load;

pub use branding::demo_branding;

use crate::error::{Error, Result};
use portal_core::api::branding::Branding;
use portal_core::deal::DEFAULT_EXPIRY_DAYS;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything the server needs to start. Every field has a demo-friendly default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port (see `Application::local_addr`).
    pub bind: SocketAddr,
    /// Where `portal.sqlite` lives; created if missing.
    pub data_dir: PathBuf,
    /// Log filter in `tracing_subscriber::EnvFilter` syntax.
    pub log: String,
    pub log_format: LogFormat,
    pub branding: Branding,
    pub sessions: SessionConfig,
    pub lockout: LockoutConfig,
    pub deals: DealsConfig,
    pub sync: SyncConfig,
    pub quotes: QuotesConfig,
    pub orders: OrdersConfig,
    pub leads: LeadsConfig,
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    Json,
    Pretty,
}

/// How long a session lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionConfig {
    /// An ordinary session: a working day.
    pub ttl_secs: u64,
    /// A session signed in with "remember me".
    pub remember_ttl_secs: u64,
}

/// When repeated failed sign-ins lock an email out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LockoutConfig {
    /// Consecutive failures that trigger the lockout.
    pub max_failures: u32,
    /// Failures older than this no longer count.
    pub window_secs: u64,
    /// How long the lockout lasts.
    pub lockout_secs: u64,
}

/// The vendor's rules for deal registrations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DealsConfig {
    /// An approved registration expires this many days after approval.
    pub expiry_days: u32,
}

/// How long the server keeps what only lagging clients need. The hourly housekeeping forgets
/// both (see `sync::housekeeping`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyncConfig {
    /// A deletion's tombstone is kept this many days. A client that has not pulled for longer may
    /// have missed one, so it rebuilds its copy from the server.
    pub tombstone_days: u32,
    /// The answer to each pushed change is kept this many days, so that a push repeated after a
    /// lost answer is answered again rather than applied twice. At least `tombstone_days`: a
    /// client that repeats a push whose answer was forgotten has then also been away longer than
    /// tombstones are kept, so it rebuilds its copy and sees what the server has. (Each
    /// installation's newest answer is always kept, so such a change is refused, never applied
    /// again.)
    pub applied_mutation_days: u32,
}

impl Default for SyncConfig {
    fn default() -> Self {
        Self {
            tombstone_days: 90,
            applied_mutation_days: 90,
        }
    }
}

impl SyncConfig {
    /// Both at least a day, and the answers kept at least as long as the tombstones.
    pub fn check(&self) -> Result<()> {
        if self.tombstone_days == 0 {
            return Err(Error::Config(
                "sync.tombstone_days (PORTAL_SYNC_TOMBSTONE_DAYS) must be at least 1".into(),
            ));
        }
        if self.applied_mutation_days < self.tombstone_days {
            return Err(Error::Config(format!(
                "sync.applied_mutation_days (PORTAL_SYNC_APPLIED_MUTATION_DAYS) is {}, less than \
                 sync.tombstone_days ({}): the answers to pushed changes must be kept at least as \
                 long as tombstones",
                self.applied_mutation_days, self.tombstone_days
            )));
        }
        Ok(())
    }
}

/// The vendor's rule for quote discounts above a product's cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuotesConfig {
    /// A discount above its product's cap but no deeper than this (basis points) is approved
    /// automatically; deeper ones wait for a channel manager. 0 sends every one to a channel manager.
    pub auto_approve_up_to_bp: u32,
}

impl Default for QuotesConfig {
    fn default() -> Self {
        Self {
            auto_approve_up_to_bp: 4000,
        }
    }
}

/// How the vendor provisions submitted orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OrdersConfig {
    /// Every this many seconds, submitted orders move on a step: Submitted → Processing, and
    /// Processing → Provisioned.
    pub provision_interval_secs: u64,
}

impl Default for OrdersConfig {
    fn default() -> Self {
        Self {
            provision_interval_secs: 5,
        }
    }
}

/// How long a firm has to accept a lead from its landing pages (and, unless the vendor says
/// otherwise, from the vendor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LeadsConfig {
    pub window_days: u32,
}

impl Default for LeadsConfig {
    fn default() -> Self {
        Self {
            window_days: portal_core::pims::lead::DEFAULT_WINDOW_DAYS as u32,
        }
    }
}

impl LeadsConfig {
    /// The window as a duration.
    pub fn window(&self) -> chrono::Duration {
        chrono::Duration::days(i64::from(self.window_days))
    }
}

impl Default for DealsConfig {
    fn default() -> Self {
        Self {
            expiry_days: DEFAULT_EXPIRY_DAYS,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("./data"),
            log: "info".into(),
            log_format: LogFormat::Json,
            branding: demo_branding(),
            sessions: SessionConfig::default(),
            lockout: LockoutConfig::default(),
            deals: DealsConfig::default(),
            sync: SyncConfig::default(),
            quotes: QuotesConfig::default(),
            orders: OrdersConfig::default(),
            leads: LeadsConfig::default(),
        }
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            ttl_secs: 12 * 3600,
            remember_ttl_secs: 30 * 24 * 3600,
        }
    }
}

impl SessionConfig {
    pub fn ttl(&self, remember: bool) -> Duration {
        Duration::from_secs(if remember {
            self.remember_ttl_secs
        } else {
            self.ttl_secs
        })
    }
}

impl Default for LockoutConfig {
    fn default() -> Self {
        Self {
            max_failures: 5,
            window_secs: 15 * 60,
            lockout_secs: 15 * 60,
        }
    }
}

impl Config {
    /// Whether the settings make sense together (each section's own rules).
    pub fn check(&self) -> Result<()> {
        self.sync.check()?;
        if !(1..=90).contains(&self.leads.window_days) {
            return Err(Error::Config(
                "leads.window_days (PORTAL_LEADS_WINDOW_DAYS) must be 1 to 90".into(),
            ));
        }
        if self.quotes.auto_approve_up_to_bp > 10_000 {
            return Err(Error::Config(
                "quotes.auto_approve_up_to_bp (PORTAL_QUOTES_AUTO_APPROVE_UP_TO_BP) is at most 10000"
                    .into(),
            ));
        }
        if self.orders.provision_interval_secs == 0 {
            return Err(Error::Config(
                "orders.provision_interval_secs (PORTAL_ORDERS_PROVISION_INTERVAL_SECS) must be at least 1"
                    .into(),
            ));
        }
        Ok(())
    }

    /// The SQLite database file inside the data directory.
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("portal.sqlite")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_readme() {
        let c = Config::default();
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.data_dir, PathBuf::from("./data"));
        assert_eq!(c.log_format, LogFormat::Json);
        assert_eq!(c.sessions.ttl(false), Duration::from_secs(12 * 3600));
        assert_eq!(c.sessions.ttl(true), Duration::from_secs(30 * 24 * 3600));
        assert_eq!(c.lockout.max_failures, 5);
        assert_eq!(c.branding.vendor_name, "Bastion Mail");
        assert_eq!(c.deals.expiry_days, 90);
        assert_eq!(c.sync.tombstone_days, 90);
        assert_eq!(c.sync.applied_mutation_days, 90);
        assert_eq!(c.quotes.auto_approve_up_to_bp, 4000);
        assert_eq!(c.orders.provision_interval_secs, 5);
        c.check().unwrap();
    }

    #[test]
    fn push_answers_are_kept_at_least_as_long_as_tombstones() {
        let mut c = Config::default();
        c.sync.applied_mutation_days = 30;
        let e = c.check().unwrap_err();
        assert!(
            e.to_string().contains("PORTAL_SYNC_APPLIED_MUTATION_DAYS"),
            "{e}"
        );
        c.sync.tombstone_days = 30;
        c.check().unwrap();
        c.sync.tombstone_days = 0;
        let e = c.check().unwrap_err();
        assert!(e.to_string().contains("PORTAL_SYNC_TOMBSTONE_DAYS"), "{e}");
    }
}
