//! The server's configuration: an optional TOML file, then environment variables on top.

use crate::error::{Error, Result};
use portal_core::api::branding::Branding;
use portal_core::deal::DEFAULT_EXPIRY_DAYS;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
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

/// The demo vendor's branding, used unless the configuration says otherwise.
pub fn demo_branding() -> Branding {
    Branding {
        vendor_name: "Bastion Mail".into(),
        portal_name: "Partner Portal".into(),
        community_name: "Bastion Central".into(),
        community_url: "https://community.bastionmail.example".into(),
        blog_url: "https://blog.bastionmail.example".into(),
        knowledge_base_url: "https://support.bastionmail.example/kb".into(),
        support_email: "partners@bastionmail.example".into(),
        support_phone: "+1 555 0100 200".into(),
        about: "Bastion Mail protects the inboxes of more than 20,000 organisations against phishing, \
                malware and data loss. Our partner programme gives resellers the training, tools and \
                margins to build a security practice around email, the channel attackers use most."
            .into(),
    }
}

/// The Branding type lives in portal-core without `Default`/`Deserialize` defaults; a partial table
/// in the TOML file overrides only the fields it names.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BrandingOverrides {
    vendor_name: Option<String>,
    portal_name: Option<String>,
    community_name: Option<String>,
    community_url: Option<String>,
    blog_url: Option<String>,
    knowledge_base_url: Option<String>,
    support_email: Option<String>,
    support_phone: Option<String>,
    about: Option<String>,
}

impl BrandingOverrides {
    fn apply(self, b: &mut Branding) {
        let fields = [
            (self.vendor_name, &mut b.vendor_name),
            (self.portal_name, &mut b.portal_name),
            (self.community_name, &mut b.community_name),
            (self.community_url, &mut b.community_url),
            (self.blog_url, &mut b.blog_url),
            (self.knowledge_base_url, &mut b.knowledge_base_url),
            (self.support_email, &mut b.support_email),
            (self.support_phone, &mut b.support_phone),
            (self.about, &mut b.about),
        ];
        for (value, slot) in fields {
            if let Some(v) = value {
                *slot = v;
            }
        }
    }
}

/// The file's shape: like [`Config`], but branding may be partial.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FileConfig {
    bind: Option<SocketAddr>,
    data_dir: Option<PathBuf>,
    log: Option<String>,
    log_format: Option<LogFormat>,
    branding: BrandingOverrides,
    sessions: Option<SessionConfig>,
    lockout: Option<LockoutConfig>,
    deals: Option<DealsConfig>,
    sync: Option<SyncConfig>,
    quotes: Option<QuotesConfig>,
    orders: Option<OrdersConfig>,
}

impl Config {
    /// Defaults, then the TOML file (if given), then the process environment.
    pub fn load(file: Option<&Path>) -> Result<Config> {
        let mut config = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| Error::Config(format!("cannot read {}: {e}", path.display())))?;
                Config::from_toml(&text)
                    .map_err(|e| Error::Config(format!("{}: {e}", path.display())))?
            }
            None => Config::default(),
        };
        config.apply_env(|key| std::env::var(key).ok())?;
        config.check()?;
        Ok(config)
    }

    /// Defaults overridden by a TOML document.
    pub fn from_toml(text: &str) -> Result<Config> {
        let file: FileConfig = toml::from_str(text).map_err(|e| Error::Config(e.to_string()))?;
        let mut c = Config::default();
        if let Some(v) = file.bind {
            c.bind = v;
        }
        if let Some(v) = file.data_dir {
            c.data_dir = v;
        }
        if let Some(v) = file.log {
            c.log = v;
        }
        if let Some(v) = file.log_format {
            c.log_format = v;
        }
        if let Some(v) = file.sessions {
            c.sessions = v;
        }
        if let Some(v) = file.lockout {
            c.lockout = v;
        }
        if let Some(v) = file.deals {
            c.deals = v;
        }
        if let Some(v) = file.sync {
            c.sync = v;
        }
        if let Some(v) = file.quotes {
            c.quotes = v;
        }
        if let Some(v) = file.orders {
            c.orders = v;
        }
        file.branding.apply(&mut c.branding);
        Ok(c)
    }

    /// Applies `PORTAL_*` variables; `get` is the environment (a closure so tests need not mutate
    /// the process environment, which is shared between test threads).
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<()> {
        let var = |key: &str| get(key).filter(|v| !v.trim().is_empty());
        if let Some(v) = var("PORTAL_BIND") {
            self.bind = v
                .trim()
                .parse()
                .map_err(|_| Error::Config(format!("PORTAL_BIND={v:?} is not an address:port")))?;
        }
        if let Some(v) = var("PORTAL_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        if let Some(v) = var("PORTAL_LOG") {
            self.log = v;
        }
        if let Some(v) = var("PORTAL_LOG_FORMAT") {
            self.log_format = match v.trim().to_ascii_lowercase().as_str() {
                "json" => LogFormat::Json,
                "pretty" | "text" => LogFormat::Pretty,
                _ => {
                    return Err(Error::Config(format!(
                        "PORTAL_LOG_FORMAT={v:?}: expected json or pretty"
                    )))
                }
            };
        }
        let secs = |key: &str, slot: &mut u64| -> Result<()> {
            if let Some(v) = var(key) {
                *slot = v.trim().parse().map_err(|_| {
                    Error::Config(format!("{key}={v:?} is not a number of seconds"))
                })?;
            }
            Ok(())
        };
        secs("PORTAL_SESSION_TTL_SECS", &mut self.sessions.ttl_secs)?;
        secs(
            "PORTAL_REMEMBER_TTL_SECS",
            &mut self.sessions.remember_ttl_secs,
        )?;
        let days = |key: &str, slot: &mut u32| -> Result<()> {
            if let Some(v) = var(key) {
                *slot = v
                    .trim()
                    .parse()
                    .map_err(|_| Error::Config(format!("{key}={v:?} is not a number of days")))?;
            }
            Ok(())
        };
        days("PORTAL_DEAL_EXPIRY_DAYS", &mut self.deals.expiry_days)?;
        days("PORTAL_SYNC_TOMBSTONE_DAYS", &mut self.sync.tombstone_days)?;
        days(
            "PORTAL_SYNC_APPLIED_MUTATION_DAYS",
            &mut self.sync.applied_mutation_days,
        )?;
        secs(
            "PORTAL_ORDERS_PROVISION_INTERVAL_SECS",
            &mut self.orders.provision_interval_secs,
        )?;
        if let Some(v) = var("PORTAL_QUOTES_AUTO_APPROVE_UP_TO_BP") {
            self.quotes.auto_approve_up_to_bp = v
                .trim()
                .parse()
                .ok()
                .filter(|bp| *bp <= 10_000)
                .ok_or_else(|| {
                    Error::Config(format!(
                        "PORTAL_QUOTES_AUTO_APPROVE_UP_TO_BP={v:?} is not basis points from 0 to 10000"
                    ))
                })?;
        }
        let b = &mut self.branding;
        for (key, slot) in [
            ("PORTAL_VENDOR_NAME", &mut b.vendor_name),
            ("PORTAL_PORTAL_NAME", &mut b.portal_name),
            ("PORTAL_COMMUNITY_NAME", &mut b.community_name),
            ("PORTAL_COMMUNITY_URL", &mut b.community_url),
            ("PORTAL_BLOG_URL", &mut b.blog_url),
            ("PORTAL_KB_URL", &mut b.knowledge_base_url),
            ("PORTAL_SUPPORT_EMAIL", &mut b.support_email),
            ("PORTAL_SUPPORT_PHONE", &mut b.support_phone),
        ] {
            if let Some(v) = var(key) {
                *slot = v;
            }
        }
        Ok(())
    }

    /// Whether the settings make sense together (each section's own rules).
    pub fn check(&self) -> Result<()> {
        self.sync.check()?;
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
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

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
    fn quotes_and_orders_settings_come_from_the_file_and_environment() {
        let mut c = Config::from_toml(
            "[quotes]\nauto_approve_up_to_bp = 0\n[orders]\nprovision_interval_secs = 60\n",
        )
        .unwrap();
        assert_eq!(c.quotes.auto_approve_up_to_bp, 0);
        assert_eq!(c.orders.provision_interval_secs, 60);
        c.apply_env(env(&[
            ("PORTAL_QUOTES_AUTO_APPROVE_UP_TO_BP", "2500"),
            ("PORTAL_ORDERS_PROVISION_INTERVAL_SECS", "1"),
        ]))
        .unwrap();
        assert_eq!(c.quotes.auto_approve_up_to_bp, 2500);
        assert_eq!(c.orders.provision_interval_secs, 1);
        for (key, bad) in [
            ("PORTAL_QUOTES_AUTO_APPROVE_UP_TO_BP", "10001"),
            ("PORTAL_QUOTES_AUTO_APPROVE_UP_TO_BP", "40%"),
            ("PORTAL_ORDERS_PROVISION_INTERVAL_SECS", "soon"),
        ] {
            let e = c.apply_env(env(&[(key, bad)])).unwrap_err();
            assert!(e.to_string().contains(key), "{e}");
        }
        c.orders.provision_interval_secs = 0;
        assert!(c.check().is_err());
    }

    #[test]
    fn environment_overrides_the_file() {
        let mut c = Config::from_toml(
            r#"
            bind = "0.0.0.0:9000"
            data_dir = "/srv/portal"
            [branding]
            vendor_name = "Acme Secure"
            [sessions]
            ttl_secs = 60
            [deals]
            expiry_days = 30
            [sync]
            tombstone_days = 60
            "#,
        )
        .unwrap();
        assert_eq!(c.bind.to_string(), "0.0.0.0:9000");
        assert_eq!(c.branding.vendor_name, "Acme Secure");
        assert_eq!(
            c.branding.portal_name, "Partner Portal",
            "unnamed fields keep defaults"
        );
        assert_eq!(c.sessions.ttl_secs, 60);
        assert_eq!(c.sessions.remember_ttl_secs, 30 * 24 * 3600);
        assert_eq!(c.deals.expiry_days, 30);
        assert_eq!(c.sync.tombstone_days, 60);
        assert_eq!(
            c.sync.applied_mutation_days, 90,
            "unnamed keys keep defaults"
        );

        c.apply_env(env(&[
            ("PORTAL_BIND", "127.0.0.1:0"),
            ("PORTAL_DATA_DIR", "/tmp/x"),
            ("PORTAL_LOG", "debug"),
            ("PORTAL_LOG_FORMAT", "pretty"),
            ("PORTAL_VENDOR_NAME", "Env Vendor"),
            ("PORTAL_SESSION_TTL_SECS", "5"),
            ("PORTAL_DEAL_EXPIRY_DAYS", "45"),
            ("PORTAL_SYNC_TOMBSTONE_DAYS", "120"),
            ("PORTAL_SYNC_APPLIED_MUTATION_DAYS", "180"),
        ]))
        .unwrap();
        assert_eq!(c.bind.port(), 0);
        assert_eq!(c.data_dir, PathBuf::from("/tmp/x"));
        assert_eq!(c.log, "debug");
        assert_eq!(c.log_format, LogFormat::Pretty);
        assert_eq!(c.branding.vendor_name, "Env Vendor");
        assert_eq!(c.sessions.ttl_secs, 5);
        assert_eq!(c.deals.expiry_days, 45);
        assert_eq!(
            (c.sync.tombstone_days, c.sync.applied_mutation_days),
            (120, 180)
        );
        c.check().unwrap();
    }

    #[test]
    fn bad_values_are_refused_with_the_variable_named() {
        let mut c = Config::default();
        let e = c.apply_env(env(&[("PORTAL_BIND", "nowhere")])).unwrap_err();
        assert!(e.to_string().contains("PORTAL_BIND"), "{e}");
        let e = c
            .apply_env(env(&[("PORTAL_LOG_FORMAT", "xml")]))
            .unwrap_err();
        assert!(e.to_string().contains("PORTAL_LOG_FORMAT"), "{e}");
        let e = c
            .apply_env(env(&[("PORTAL_DEAL_EXPIRY_DAYS", "ninety")]))
            .unwrap_err();
        assert!(e.to_string().contains("PORTAL_DEAL_EXPIRY_DAYS"), "{e}");
        let e = c
            .apply_env(env(&[("PORTAL_SYNC_TOMBSTONE_DAYS", "-1")]))
            .unwrap_err();
        assert!(e.to_string().contains("PORTAL_SYNC_TOMBSTONE_DAYS"), "{e}");
        assert!(Config::from_toml("nonsense = 1").is_err());
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

    #[test]
    fn the_example_file_parses_to_the_defaults() {
        let text = include_str!("../portal-server.example.toml");
        assert_eq!(Config::from_toml(text).unwrap(), Config::default());
    }

    #[test]
    fn empty_variables_are_ignored() {
        let mut c = Config::default();
        c.apply_env(env(&[("PORTAL_BIND", " ")])).unwrap();
        assert_eq!(c.bind.port(), 8080);
    }
}
