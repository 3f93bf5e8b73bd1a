//! `TestServer`: the real server on 127.0.0.1:0 with a fresh, seeded database, for integration tests
//! (this crate's and other crates'). Behind the `testing` feature: tests turn it on, the product
//! is built without it.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::seed::{self, SeedOptions};
use crate::startup::Application;
use crate::storage::Storage;
use chrono::NaiveDate;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running (or stopped) server with its own temporary data directory.
pub struct TestServer {
    config: Config,
    addr: SocketAddr,
    running: Option<Running>,
    // Declared last so it is dropped last: the directory outlives the server that uses it.
    dir: tempfile::TempDir,
}

struct Running {
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<Result<()>>,
}

impl TestServer {
    /// A fresh data directory, seeded with the demo data, served on a free port.
    pub async fn spawn_seeded() -> Result<TestServer> {
        Self::spawn_seeded_with(|_| {}).await
    }

    /// As [`spawn_seeded`](Self::spawn_seeded), with the configuration adjusted first (short session
    /// lifetimes, a different lockout…). `bind` and `data_dir` are set by the test server; the
    /// provisioning interval starts at a day (see [`provision_orders`](Self::provision_orders)).
    pub async fn spawn_seeded_with(adjust: impl FnOnce(&mut Config)) -> Result<TestServer> {
        let dir = tempfile::Builder::new()
            .prefix("portal-server-test")
            .tempdir()?;
        let mut config = Config::default();
        // Tests step the vendor's provisioning themselves (`provision_orders`), so the background
        // task is slowed to once a day; a test that wants it live sets a shorter interval.
        config.orders.provision_interval_secs = 24 * 3600;
        adjust(&mut config);
        config.bind = SocketAddr::from(([127, 0, 0, 1], 0));
        config.data_dir = dir.path().to_path_buf();
        let app = Application::build(config.clone()).await?;
        seed::seed(app.storage(), &SeedOptions::default()).await?;
        let addr = app.local_addr();
        // Restarts reuse the port, so that a client keeps talking to "the same server".
        config.bind = addr;
        let mut server = TestServer {
            config,
            addr,
            running: None,
            dir,
        };
        server.serve(app);
        Ok(server)
    }

    fn serve(&mut self, app: Application) {
        let (tx, rx) = oneshot::channel();
        let task = tokio::spawn(app.run_until(async {
            let _ = rx.await;
        }));
        self.running = Some(Running { shutdown: tx, task });
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    /// The SQLite file, for tests that reach into the database (e.g. to expire a session).
    pub fn database_path(&self) -> PathBuf {
        self.config.database_path()
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Runs the vendor's expiry as if today were `today`: approved deal registrations whose
    /// `expires_on` is before it become Expired (each a versioned change). Returns how many.
    pub async fn expire_deals(&self, today: NaiveDate) -> Result<u64> {
        let storage = self.storage().await?;
        let expired = crate::sync::expire_deals(&storage, None, today).await;
        storage.close().await;
        expired
    }

    /// Runs the vendor's quote expiry as if today were `today`: draft and sent quotes whose
    /// validity ended before it become Expired (each a versioned change). Returns how many.
    pub async fn expire_quotes(&self, today: NaiveDate) -> Result<u64> {
        let storage = self.storage().await?;
        let expired = crate::sync::expire_quotes(&storage, None, today).await;
        storage.close().await;
        expired
    }

    /// Runs one tick of the vendor's provisioning now, rather than waiting for the background task:
    /// submitted orders move to Processing, processing ones are provisioned (or refused).
    /// Deterministic: an order moves one step per call.
    pub async fn provision_orders(&self) -> Result<crate::sync::Provisioned> {
        let storage = self.storage().await?;
        let today = crate::clock::Clock::System.today();
        let done = crate::sync::provision_orders(&storage, today).await;
        storage.close().await;
        done
    }

    /// Purges every firm's tombstones up to its head, so that any client whose cursor is older is
    /// told to reset on its next pull. Returns how many tombstones were dropped.
    pub async fn purge_tombstones(&self) -> Result<u64> {
        let storage = self.storage().await?;
        let dropped = crate::sync::purge_all_tombstones(&storage).await;
        storage.close().await;
        dropped
    }

    /// Runs the hourly sync housekeeping as if today were `today`, with this server's `[sync]`
    /// settings: notes each firm's head under that day, then forgets the tombstones and push
    /// answers old enough by then.
    pub async fn housekeep(&self, today: NaiveDate) -> Result<crate::sync::Swept> {
        let storage = self.storage().await?;
        let swept = crate::sync::housekeep(&storage, &self.config.sync, today).await;
        storage.close().await;
        swept
    }

    /// The server's database, opened beside the server (which keeps its own connections), for a
    /// test that runs a job or reaches into it; close it when done.
    pub async fn storage(&self) -> Result<Storage> {
        Storage::open(&self.config).await
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Stops accepting connections and waits for in-flight requests to finish. Stopping a stopped
    /// server does nothing.
    pub async fn stop(&mut self) -> Result<()> {
        if let Some(running) = self.running.take() {
            let _ = running.shutdown.send(());
            running
                .task
                .await
                .map_err(|e| Error::Io(std::io::Error::other(format!("server task: {e}"))))??;
        }
        Ok(())
    }

    /// Starts again on the same port with the same data. Starting a running server does nothing.
    pub async fn start(&mut self) -> Result<()> {
        if self.running.is_none() {
            let app = Application::build(self.config.clone()).await?;
            self.serve(app);
        }
        Ok(())
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.shutdown.send(());
        }
    }
}
