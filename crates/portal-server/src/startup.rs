//! The application: open and migrate the database, bind the listener, then serve.
//!
//! Binding happens in [`Application::build`], before serving, so that with port 0 the chosen address
//! is known up front and tests never wait for readiness.

use crate::config::Config;
use crate::db;
use crate::error::Result;
use crate::routes;
use crate::state::AppState;
use sqlx::SqlitePool;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// A server that is bound and ready to serve.
pub struct Application {
    listener: TcpListener,
    local_addr: SocketAddr,
    state: AppState,
}

impl Application {
    /// Creates the data directory, opens `<data_dir>/portal.sqlite` (WAL, foreign keys on), runs the
    /// migrations, and binds `config.bind`.
    pub async fn build(config: Config) -> Result<Application> {
        std::fs::create_dir_all(&config.data_dir)?;
        let pool = db::open(&config.database_path()).await?;
        let listener = TcpListener::bind(config.bind).await?;
        let local_addr = listener.local_addr()?;
        Ok(Application {
            listener,
            local_addr,
            state: AppState {
                pool,
                config: Arc::new(config),
            },
        })
    }

    /// The address actually bound (the real port when the configuration said 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The database, for seeding before serving.
    pub fn pool(&self) -> &SqlitePool {
        &self.state.pool
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
        let pool = self.state.pool.clone();
        tracing::info!(addr = %self.local_addr, "serving");
        let app = routes::router(self.state);
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await?;
        pool.close().await;
        tracing::info!("stopped");
        Ok(())
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
