//! `TestServer`: the real server on 127.0.0.1:0 with a fresh, seeded database, for integration tests
//! (this crate's and other crates'). Behind the `testing` feature: tests turn it on, the product
//! is built without it.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::seed::{self, SeedOptions};
use crate::startup::Application;
use crate::storage::Storage;
use chrono::NaiveDate;
use portal_core::ids::ResourceId;
use portal_core::resources::publish::{NewResource, Replacement, VendorResource};
use portal_core::resources::{Audience, Category, Sha256};
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

    /// Runs the lead expiry as if it were `now`: pending leads whose window ended at or before it
    /// become Expired (each a versioned change). Returns how many.
    pub async fn expire_leads(&self, now: chrono::DateTime<chrono::Utc>) -> Result<u64> {
        let storage = self.storage().await?;
        let expired = crate::sync::pims::leads::expire_leads(&storage, now).await;
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

    /// Every marketing resource, withdrawn ones too, as the vendor sees them (newest first).
    pub async fn resources(&self) -> Result<Vec<VendorResource>> {
        let storage = self.storage().await?;
        let items = crate::sync::resources::list(&storage).await;
        storage.close().await;
        items
    }

    /// The marketing resource with this title (the seed's titles are in
    /// [`crate::seed::library`]).
    pub async fn resource(&self, title: &str) -> Result<VendorResource> {
        self.resources()
            .await?
            .into_iter()
            .find(|r| r.resource.title == title)
            .ok_or_else(|| Error::corrupt(format!("no resource titled {title:?}")))
    }

    /// Publishes a new item as the vendor does: `files` are (name, media type, bytes), the main one
    /// first. It reaches the apps whose firm and role `audience` admits at their next sync.
    pub async fn publish_resource(
        &self,
        category: Category,
        title: &str,
        audience: Audience,
        files: &[(&str, &str, &[u8])],
    ) -> Result<VendorResource> {
        let storage = self.storage().await?;
        let published = async {
            let files = store_files(&storage, files).await?;
            crate::sync::resources::publish(
                &storage,
                NewResource {
                    category,
                    title: title.to_owned(),
                    summary: format!("About {title}."),
                    description: String::new(),
                    products: Vec::new(),
                    audience,
                    files,
                    thumbnail: None,
                    review_on: None,
                    expires_on: None,
                },
            )
            .await
        }
        .await;
        storage.close().await;
        published
    }

    /// Publishes the item's next version with these files (name, media type, bytes) and note, as
    /// the vendor does: apps that keep it follow at their next sync.
    pub async fn replace_resource(
        &self,
        id: ResourceId,
        files: &[(&str, &str, &[u8])],
        note: &str,
    ) -> Result<VendorResource> {
        let storage = self.storage().await?;
        let replaced = async {
            let files = store_files(&storage, files).await?;
            crate::sync::resources::replace(
                &storage,
                id,
                Replacement {
                    files,
                    note: note.to_owned(),
                    ..Replacement::default()
                },
            )
            .await
        }
        .await;
        storage.close().await;
        replaced
    }

    /// Withdraws the item: it leaves every app at its next sync.
    pub async fn withdraw_resource(&self, id: ResourceId) -> Result<VendorResource> {
        let storage = self.storage().await?;
        let withdrawn = crate::sync::resources::withdraw(&storage, id).await;
        storage.close().await;
        withdrawn
    }

    /// Puts `bytes` where the stored file with this hash lives (as a damaged disk or a tampered
    /// store would), so that the server serves them under the hash; answers the bytes it held.
    /// Put those back to repair it.
    pub fn overwrite_resource_file(&self, sha256: &Sha256, bytes: &[u8]) -> Result<Vec<u8>> {
        let path = crate::storage::blobs::Blobs::beside(self.data_dir()).path(sha256);
        let held = std::fs::read(&path)?;
        std::fs::write(&path, bytes)?;
        Ok(held)
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

/// Stores files (name, media type, bytes) as the vendor's uploads: their hashes, in order.
async fn store_files(storage: &Storage, files: &[(&str, &str, &[u8])]) -> Result<Vec<Sha256>> {
    let mut out = Vec::with_capacity(files.len());
    for (name, media_type, bytes) in files {
        out.push(
            crate::sync::resources::files::store(storage, name, media_type, bytes)
                .await?
                .sha256,
        );
    }
    Ok(out)
}
