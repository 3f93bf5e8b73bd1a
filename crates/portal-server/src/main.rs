//! `portal-server`: serve the API, seed demo data, or print the OpenAPI document.

use anyhow::{bail, Context, Result};
use portal_server::seed::{self, SeedOptions};
use portal_server::storage::Storage;
use portal_server::vendor::pims_script::{self, PimsScript};
use portal_server::vendor::script::{self, Script};
use portal_server::{routes, telemetry, Application, Config};
use std::path::PathBuf;

const USAGE: &str = "\
usage:
  portal-server serve   [--config FILE] [--seed-demo]
  portal-server seed    [--config FILE] [--customers N] [--prospects N]
  portal-server openapi
  portal-server resources list|publish|replace|withdraw|usage …   (`resources --help` for more)
  portal-server pims kits|publish-kit|withdraw-kit|give-lead|withdraw-lead|leads|expire-leads …
                                                                     (`pims --help` for more)

serve      runs the server (PORTAL_BIND, PORTAL_DATA_DIR, PORTAL_LOG, PORTAL_LOG_FORMAT override the file);
           --seed-demo seeds the demo data when the database has no partners yet
seed       replaces the database's data with the demo data; --customers is per partner firm (default 40),
           --prospects the generated prospects per partner firm besides the named demo ones (default 24)
openapi    prints the OpenAPI document of the HTTP API
resources  the vendor's marketing library in the data directory: publish items and new versions,
           withdraw them, list them, count their use
pims       the vendor's campaign kits and leads in the data directory";

#[derive(Debug, PartialEq, Eq)]
enum Command {
    Serve {
        config: Option<PathBuf>,
        seed_demo: bool,
    },
    Seed {
        config: Option<PathBuf>,
        customers: u32,
        prospects: u32,
    },
    OpenApi,
    Resources {
        config: Option<PathBuf>,
        script: Script,
    },
    ResourcesHelp,
    Pims {
        config: Option<PathBuf>,
        script: PimsScript,
    },
    PimsHelp,
    Help,
}

fn parse(args: &[String]) -> Result<Command> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    if command == "resources" {
        return match script::parse(rest) {
            Ok((script, config)) => Ok(Command::Resources { config, script }),
            Err(usage) if usage == script::USAGE => Ok(Command::ResourcesHelp),
            Err(e) => Err(anyhow::anyhow!(e)),
        };
    }
    if command == "pims" {
        return match pims_script::parse(rest) {
            Ok((script, config)) => Ok(Command::Pims { config, script }),
            Err(usage) if usage == pims_script::USAGE => Ok(Command::PimsHelp),
            Err(e) => Err(anyhow::anyhow!(e)),
        };
    }
    let mut config = None;
    let mut seed_demo = false;
    let mut customers = seed::DEFAULT_CUSTOMERS_PER_PARTNER;
    let mut prospects = seed::DEFAULT_PROSPECTS_PER_PARTNER;
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match (command.as_str(), arg.as_str()) {
            (_, "-h" | "--help") => return Ok(Command::Help),
            ("serve" | "seed", "--config") => {
                config = Some(PathBuf::from(it.next().context("--config needs a file")?));
            }
            ("serve", "--seed-demo") => seed_demo = true,
            ("seed", "--customers") => {
                let n = it.next().context("--customers needs a number")?;
                customers = n
                    .parse()
                    .with_context(|| format!("--customers {n:?} is not a number"))?;
            }
            ("seed", "--prospects") => {
                let n = it.next().context("--prospects needs a number")?;
                prospects = n
                    .parse()
                    .with_context(|| format!("--prospects {n:?} is not a number"))?;
            }
            (_, other) => bail!("unexpected argument {other:?}\n\n{USAGE}"),
        }
    }
    Ok(match command.as_str() {
        "serve" => Command::Serve { config, seed_demo },
        "seed" => Command::Seed {
            config,
            customers,
            prospects,
        },
        "openapi" => Command::OpenApi,
        "-h" | "--help" | "help" => Command::Help,
        other => bail!("unknown command {other:?}\n\n{USAGE}"),
    })
}

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args)? {
        Command::Help => println!("{USAGE}"),
        Command::ResourcesHelp => println!("{}", script::USAGE),
        Command::PimsHelp => println!("{}", pims_script::USAGE),
        Command::Pims { config, script } => {
            let config = Config::load(config.as_deref())?;
            let storage = Storage::open(&config).await.with_context(|| {
                format!("cannot open the database in {}", config.data_dir.display())
            })?;
            let done = pims_script::run(&storage, script, config.leads.window_days).await;
            storage.close().await;
            match done {
                Ok(text) => println!("{text}"),
                Err(portal_server::Error::Api(e)) => match e.field {
                    Some(field) => bail!("{} ({field})", e.message),
                    None => bail!("{}", e.message),
                },
                Err(other) => return Err(other.into()),
            }
        }
        Command::OpenApi => println!("{}", routes::openapi().to_pretty_json()?),
        Command::Resources { config, script } => {
            // No logging set up: what the command did is its output.
            let config = Config::load(config.as_deref())?;
            let storage = Storage::open(&config).await.with_context(|| {
                format!("cannot open the database in {}", config.data_dir.display())
            })?;
            let done = script::run(&storage, script).await;
            storage.close().await;
            match done {
                Ok(text) => println!("{text}"),
                Err(portal_server::Error::Api(e)) => match e.field {
                    Some(field) => bail!("{} ({field})", e.message),
                    None => bail!("{}", e.message),
                },
                Err(other) => return Err(other.into()),
            }
        }
        Command::Serve { config, seed_demo } => {
            let config = Config::load(config.as_deref())?;
            telemetry::init(&config);
            let app = Application::build(config)
                .await
                .context("cannot start the server")?;
            if seed_demo {
                if let Some(report) =
                    seed::seed_if_empty(app.storage(), &SeedOptions::default()).await?
                {
                    tracing::info!(?report, "demo data seeded");
                }
            }
            app.run_until_stopped().await?;
        }
        Command::Seed {
            config,
            customers,
            prospects,
        } => {
            let mut config = Config::load(config.as_deref())?;
            telemetry::init(&config);
            // Seeding only needs the database; any free port keeps it from clashing with a running server.
            config.bind = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
            let app = Application::build(config).await?;
            let started = std::time::Instant::now();
            let report = seed::seed(
                app.storage(),
                &SeedOptions {
                    customers_per_partner: customers,
                    prospects_per_partner: prospects,
                    ..SeedOptions::default()
                },
            )
            .await?;
            println!(
                "seeded {} partners, {} users, {} customers, {} subscriptions, {} renewals, {} invoices, {} support cases, {} prospects, {} deals, {} quotes, {} orders, {} marketing resources ({} change-log rows) in {:.1}s",
                report.partners,
                report.users,
                report.customers,
                report.subscriptions,
                report.renewals,
                report.invoices,
                report.support_cases,
                report.prospects,
                report.deals,
                report.quotes,
                report.orders,
                report.resources,
                report.changes,
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_the_three_commands() {
        assert_eq!(
            parse(&args("serve --config x.toml --seed-demo")).unwrap(),
            Command::Serve {
                config: Some("x.toml".into()),
                seed_demo: true
            }
        );
        assert_eq!(
            parse(&args("seed --customers 50000")).unwrap(),
            Command::Seed {
                config: None,
                customers: 50_000,
                prospects: seed::DEFAULT_PROSPECTS_PER_PARTNER,
            }
        );
        assert_eq!(
            parse(&args("seed --prospects 100000 --customers 3")).unwrap(),
            Command::Seed {
                config: None,
                customers: 3,
                prospects: 100_000,
            }
        );
        assert!(parse(&args("seed --prospects lots")).is_err());
        assert_eq!(parse(&args("openapi")).unwrap(), Command::OpenApi);
        assert_eq!(parse(&[]).unwrap(), Command::Help);
        assert!(parse(&args("serve --customers 3")).is_err());
        assert!(parse(&args("seed --customers many")).is_err());
        assert!(parse(&args("launch")).is_err());
        assert!(matches!(
            parse(&args(
                "resources withdraw 0191d2c0-0000-7000-8000-000000000001"
            ))
            .unwrap(),
            Command::Resources {
                config: None,
                script: Script::Withdraw(_)
            }
        ));
        assert!(parse(&args("resources publish")).is_err());
        assert_eq!(
            parse(&args("resources --help")).unwrap(),
            Command::ResourcesHelp
        );
        assert_eq!(parse(&args("resources")).unwrap(), Command::ResourcesHelp);
    }
}
