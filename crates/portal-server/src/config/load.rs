//! Loading the configuration: defaults, then an optional TOML file (whose `[branding]` may be
//! partial), then `PORTAL_*` environment variables.

use super::branding::BrandingOverrides;
use super::{
    Config, DealsConfig, LockoutConfig, LogFormat, OrdersConfig, QuotesConfig, SessionConfig,
    SyncConfig,
};
use crate::error::{Error, Result};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

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
    leads: Option<super::LeadsConfig>,
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
        if let Some(v) = file.leads {
            c.leads = v;
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
        days("PORTAL_LEADS_WINDOW_DAYS", &mut self.leads.window_days)?;
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
    fn the_example_file_parses_to_the_defaults() {
        let text = include_str!("../../portal-server.example.toml");
        assert_eq!(Config::from_toml(text).unwrap(), Config::default());
    }

    #[test]
    fn empty_variables_are_ignored() {
        let mut c = Config::default();
        c.apply_env(env(&[("PORTAL_BIND", " ")])).unwrap();
        assert_eq!(c.bind.port(), 8080);
    }
}
