//! A real web browser for the central server's public pages: Debian's headless Chromium driven
//! over W3C WebDriver by its `chromedriver`, on a port reserved like the app's drivers, its
//! processes stopped by their ids when it drops.

use super::{
    ports,
    procs::{self, Proc},
};
use anyhow::{anyhow, bail, Context, Result};
use fantoccini::{wd::Capabilities, Client, ClientBuilder, Locator};
use serde_json::json;
use std::{
    fs::OpenOptions,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
const READY_PATIENCE: Duration = Duration::from_secs(30);
const PATIENCE: Duration = Duration::from_secs(30);

/// Headless Chromium under chromedriver, with a profile folder of its own.
pub struct Browser {
    pub client: Client,
    child: Child,
    process: Proc,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and opens a Chromium session on it, `width` × `height` pixels.
    pub async fn start(width: u32, height: u32) -> Result<Browser> {
        if !Path::new(CHROMEDRIVER).exists() {
            bail!("no {CHROMEDRIVER}: install Debian's chromium and chromium-driver (scripts/setup.sh --test)");
        }
        let profile = tempfile::Builder::new()
            .prefix("portal-chromium-")
            .tempdir()?;
        let log = profile.path().join("chromedriver.log");
        let [reserved, _] = ports::reserve_two()?;
        let out = OpenOptions::new().create(true).append(true).open(&log)?;
        let port = reserved.hand_over();
        let mut child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::from(out.try_clone()?))
            .stderr(Stdio::from(out))
            .spawn()
            .context("starting chromedriver")?;
        let Some(process) = Proc::of(child.id()) else {
            let _ = child.kill();
            let _ = child.wait();
            bail!("chromedriver has no /proc entry");
        };
        let mut browser_parts = (child, process);
        let client = match session(&mut browser_parts, port, profile.path(), width, height).await {
            Ok(c) => c,
            Err(e) => {
                stop(&mut browser_parts.0, browser_parts.1);
                let text = std::fs::read_to_string(&log).unwrap_or_default();
                return Err(e.context(format!("chromedriver's log:\n{text}")));
            }
        };
        let (child, process) = browser_parts;
        Ok(Browser {
            client,
            child,
            process,
            _profile: profile,
        })
    }

    pub async fn wait_for(&self, css: &str) -> Result<fantoccini::elements::Element> {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("waiting in the browser for {css}"))
    }

    /// Saves a screenshot of the page when `PORTAL_SCREENSHOTS` names a folder.
    pub async fn screenshot(&self, name: &str) -> Result<()> {
        if let Some(dir) = std::env::var_os("PORTAL_SCREENSHOTS") {
            let png = self.client.screenshot().await?;
            std::fs::create_dir_all(&dir)?;
            std::fs::write(PathBuf::from(dir).join(format!("{name}.png")), png)?;
        }
        Ok(())
    }

    /// The page's layout width in CSS pixels.
    pub async fn viewport_width(&self) -> Result<u64> {
        let w = self
            .client
            .execute("return window.innerWidth;", vec![])
            .await?;
        w.as_u64().ok_or_else(|| anyhow!("innerWidth: {w}"))
    }

    /// Ends the session and stops chromedriver and the browser.
    pub async fn quit(mut self) -> Result<()> {
        let _ = tokio::time::timeout(Duration::from_secs(10), self.client.clone().close()).await;
        stop(&mut self.child, self.process);
        Ok(())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        stop(&mut self.child, self.process);
    }
}

/// Stops chromedriver and everything it started, by id.
fn stop(child: &mut Child, process: Proc) {
    let mut all = vec![process];
    all.extend(procs::descendants(process.pid));
    procs::terminate(&all, Duration::from_secs(5));
    let _ = child.kill();
    let _ = child.wait();
}

/// Waits until chromedriver (ours) answers `/status` ready, then opens a headless session.
async fn session(
    (child, process): &mut (Child, Proc),
    port: u16,
    profile: &Path,
    width: u32,
    height: u32,
) -> Result<Client> {
    let http = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(5))
        .pool_max_idle_per_host(0)
        .build()?;
    let deadline = Instant::now() + READY_PATIENCE;
    loop {
        if let Some(status) = child.try_wait()? {
            bail!("chromedriver ended ({status}) before it was ready");
        }
        if procs::listens_on(process.pid, port) {
            let ready = http
                .get(format!("http://127.0.0.1:{port}/status"))
                .send()
                .await
                .ok();
            if let Some(answer) = ready {
                let body: serde_json::Value = answer.json().await.unwrap_or_default();
                if body["value"]["ready"] == json!(true) {
                    break;
                }
            }
        }
        if Instant::now() > deadline {
            bail!("chromedriver was not ready after {READY_PATIENCE:?}");
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut caps = Capabilities::new();
    caps.insert("browserName".into(), json!("chrome"));
    let mut options = json!({
            "binary": CHROMIUM,
            "args": [
                "--headless=new",
                // Root in a container: Chromium's own sandbox cannot start.
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                format!("--window-size={width},{height}"),
                format!("--user-data-dir={}", profile.join("chromium").display()),
            ],
    });
    // A window is at least 500 pixels wide: a phone's width is emulated (as DevTools does), with
    // a phone's viewport and touch.
    if width < 500 {
        options["mobileEmulation"] = json!({
            "deviceMetrics": { "width": width, "height": height, "pixelRatio": 1.0, "mobile": true, "touch": true },
        });
    }
    caps.insert("goog:chromeOptions".into(), options);
    let mut builder = ClientBuilder::rustls()?;
    builder.capabilities(caps);
    tokio::time::timeout(
        Duration::from_secs(60),
        builder.connect(&format!("http://127.0.0.1:{port}")),
    )
    .await
    .map_err(|_| anyhow!("no answer to the new-session request"))?
    .context("opening a Chromium session")
}
