//! The application: open and migrate the database, bind the listener, then serve.
//!
//! Binding happens in [`Application::build`], before serving, so that with port 0 the chosen address
//! is known up front and tests never wait for readiness. While serving, a background task does the
//! chores that go by the day, once at start and then every [`HOUSEKEEPING_INTERVAL`]: it expires
//! approved deal registrations past their date, and forgets old tombstones and push answers
//! ([`sync::housekeeping`]); it expires quotes past their validity too. Another task provisions
//! submitted orders, a step every `orders.provision_interval_secs` ([`sync::provision`]).

use crate::clock::Clock;
use crate::config::Config;
use crate::error::Result;
use crate::routes;
use crate::state::AppState;
use crate::storage::Storage;
use crate::sync;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// How often the server expires deal registrations and forgets what the sync no longer needs.
pub const HOUSEKEEPING_INTERVAL: Duration = Duration::from_secs(3600);

/// How often pending leads past their window are expired (a lead's window ends at any minute).
pub const LEAD_EXPIRY_INTERVAL: Duration = Duration::from_secs(60);

/// A server that is bound and ready to serve.
pub struct Application {
    listener: TcpListener,
    local_addr: SocketAddr,
    state: AppState,
}

impl Application {
    /// Creates the data directory, opens the database (`<data_dir>/portal.sqlite`, created and
    /// migrated if need be), and binds `config.bind`.
    pub async fn build(config: Config) -> Result<Application> {
        config.check()?;
        std::fs::create_dir_all(&config.data_dir)?;
        let storage = Storage::open(&config).await?;
        let listener = TcpListener::bind(config.bind).await?;
        let local_addr = listener.local_addr()?;
        Ok(Application {
            listener,
            local_addr,
            state: AppState {
                storage,
                config: Arc::new(config),
                clock: Clock::System,
            },
        })
    }

    /// Dates decisions and expiry by `clock` rather than the system clock.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.state.clock = clock;
        self
    }

    /// The address actually bound (the real port when the configuration said 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The database, for seeding before serving.
    pub fn storage(&self) -> &Storage {
        &self.state.storage
    }

    pub fn config(&self) -> &Config {
        &self.state.config
    }

    /// Serves until Ctrl-C or SIGTERM, then finishes in-flight requests and returns.
    pub async fn run_until_stopped(self) -> Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `shutdown` completes, then stops accepting, finishes in-flight requests, and
    /// closes the database.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<()> {
        let storage = self.state.storage.clone();
        tracing::info!(addr = %self.local_addr, "serving");
        let chores = tokio::spawn(housekeep_periodically(self.state.clone()));
        let provisioning = tokio::spawn(provision_periodically(self.state.clone()));
        let lead_expiry = tokio::spawn(expire_leads_periodically(self.state.clone()));
        let app = routes::router(self.state);
        // Public landing pages rate-limit form posts by the client's address.
        let app = app.into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await;
        chores.abort();
        let _ = chores.await;
        provisioning.abort();
        let _ = provisioning.await;
        lead_expiry.abort();
        let _ = lead_expiry.await;
        served?;
        storage.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// The daily chores, now and then every [`HOUSEKEEPING_INTERVAL`], each dated by the server's
/// clock; one failing does not keep the other from running.
async fn housekeep_periodically(state: AppState) {
    let mut every = tokio::time::interval(HOUSEKEEPING_INTERVAL);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let today = state.clock.today();
        if let Err(e) = sync::expire_deals(&state.storage, None, today).await {
            tracing::error!(error = %e, "expiring deal registrations failed");
        }
        if let Err(e) = sync::expire_quotes(&state.storage, None, today).await {
            tracing::error!(error = %e, "expiring quotes failed");
        }
        if let Err(e) = sync::housekeep(&state.storage, &state.config.sync, today).await {
            tracing::error!(error = %e, "sync housekeeping failed");
        }
    }
}

/// Pending leads past their window become Expired (returned to the vendor), now and then every
/// [`LEAD_EXPIRY_INTERVAL`], by the system clock: a lead's window ends at an instant, not a day.
async fn expire_leads_periodically(state: AppState) {
    let mut every = tokio::time::interval(LEAD_EXPIRY_INTERVAL);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if let Err(e) = sync::pims::leads::expire_leads(&state.storage, chrono::Utc::now()).await {
            tracing::error!(error = %e, "expiring leads failed");
        }
    }
}

/// The vendor's provisioning: a step for every submitted order, every
/// `orders.provision_interval_secs` (the first a period after start).
async fn provision_periodically(state: AppState) {
    let period = Duration::from_secs(state.config.orders.provision_interval_secs.max(1));
    let mut every = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        if let Err(e) = sync::provision_orders(&state.storage, state.clock.today()).await {
            tracing::error!(error = %e, "provisioning orders failed");
        }
    }
}

/// Ctrl-C anywhere; SIGTERM too on Unix (how service managers and containers ask to stop).
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C: shutting down"),
        () = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}
