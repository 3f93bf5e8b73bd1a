//! tauri-driver and the WebDriver session on the app: started so that a busy machine makes the
//! start slower, not failed; stopped so that nothing of a launch outlives it.
//!
//! Why the start failed under load ("webdriver server did not respond (legacy client): client
//! error (SendRequest)", an HTTP connection closed without an answer): tauri-driver starts
//! WebKitWebDriver (`spawn`, no waiting) and binds its own port a millisecond later, while
//! WebKitWebDriver binds its port only once it has loaded WebKitGTK, 100 ms or more later on a busy
//! machine. The harness waited for tauri-driver's port alone and then sent the new-session
//! request; tauri-driver passed it on to a port no one listened on yet, its proxy call failed
//! ("Connection refused"), and hyper, the proxy's server, closes the connection when its service
//! fails instead of answering: tauri-driver's log shows "Error serving connection: …
//! client error (Connect) … Connection refused" for each such start. Any WebDriver client that
//! talks to tauri-driver as soon as it listens meets the same race. Besides, the two ports were
//! two `bind(0)`s released at once, which can name the same port twice (tauri-driver then holds
//! the port WebKitWebDriver cannot bind) or a port another program binds first.
//!
//! So a start: reserves two distinct ports and holds them until the spawn (`ports`); waits until
//! WebKitWebDriver, then tauri-driver in front of it, answer `/status` with `ready: true`, each
//! from the process we started (`procs::listens_on`), not merely until a port accepts a
//! connection; and opens the session with a bounded number of attempts, each on freshly started
//! drivers, saying why each failed attempt failed. The log (`tauri-driver.log` in the profile)
//! holds the drivers' and the app's output, with the harness's own steps marked `[harness …]`.

use super::{
    ports,
    procs::{self, Proc},
};
use anyhow::{anyhow, bail, Context, Result};
use fantoccini::{wd::Capabilities, Client, ClientBuilder};
use serde_json::json;
use std::{
    fs::OpenOptions,
    io::Write,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// Session creations tried, each on freshly started drivers, before a launch fails.
const ATTEMPTS: u32 = 3;
/// The pause before the second attempt, doubled before each further one.
const BACKOFF: Duration = Duration::from_millis(500);
/// How long both drivers may take to be ready.
const READY_PATIENCE: Duration = Duration::from_secs(30);
/// How long WebKitWebDriver may take to start the app and answer the new-session request.
const SESSION_PATIENCE: Duration = Duration::from_secs(60);
/// How long closing the session and the app's ending may take before the app is stopped.
const CLOSE_PATIENCE: Duration = Duration::from_secs(10);
/// How long the launch's processes have to end on SIGTERM before they are killed.
const STOP_GRACE: Duration = Duration::from_secs(5);
/// How often a condition being waited for is checked again.
const POLL: Duration = Duration::from_millis(25);

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
        });
    let candidate = cargo_home.join("bin").join("tauri-driver");
    if candidate.exists() {
        candidate
    } else {
        "tauri-driver".into()
    }
}

/// Adds one of the harness's own lines to the drivers' log, timed like the app's (UTC).
fn note(log: &Path, line: &str) {
    if let Ok(mut file) = OpenOptions::new().create(true).append(true).open(log) {
        let now = chrono::Utc::now().format("%H:%M:%S%.3f");
        let _ = writeln!(file, "[harness {now}] {line}");
    }
}

/// A copy of the log that outlives the profile folder (which the test removes as it fails).
fn keep_log(log: &Path) -> String {
    let name = log
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "profile".into());
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-driver-logs");
    let kept = dir.join(format!("{name}-tauri-driver.log"));
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::copy(log, &kept)) {
        Ok(_) => kept.display().to_string(),
        Err(e) => format!("{} (not kept: {e})", log.display()),
    }
}

/// Opens a WebDriver session on the app, whose data and configuration live under `profile`:
/// up to [`ATTEMPTS`] times, each on freshly started drivers, logging why each attempt failed.
pub async fn open_session(profile: &Path) -> Result<(Driver, Client)> {
    let log = profile.join("tauri-driver.log");
    let mut failures = Vec::new();
    for attempt in 1..=ATTEMPTS {
        if attempt > 1 {
            tokio::time::sleep(BACKOFF * 2u32.pow(attempt - 2)).await;
        }
        match start(profile, &log).await {
            Ok(started) => return Ok(started),
            Err(e) => {
                let why = format!("attempt {attempt} of {ATTEMPTS} failed: {e:#}");
                note(&log, &why);
                // Straight to stderr, past the test's captured output: a retry is worth seeing
                // in a run that passes too.
                let _ = writeln!(
                    std::io::stderr(),
                    "opening a WebDriver session on the app, {why} (log: {})",
                    log.display()
                );
                failures.push(why);
            }
        }
    }
    bail!(
        "no WebDriver session on the app:\n  {}\ntauri-driver's log, with WebKitWebDriver's and the app's output: {}",
        failures.join("\n  "),
        keep_log(&log)
    )
}

/// One attempt: fresh ports, fresh drivers, both ready, then the session. On failure the
/// drivers (and an app they started) are stopped as `Driver` drops.
async fn start(profile: &Path, log: &Path) -> Result<(Driver, Client)> {
    let mut driver = Driver::spawn(profile, log, ports::reserve_two()?)?;
    driver.wait_until_ready().await?;
    note(log, "both drivers ready; asking for a session");
    let client = driver.new_session().await?;
    note(log, "session open");
    Ok((driver, client))
}

/// A running tauri-driver (and through it WebKitWebDriver, and through that the app).
pub struct Driver {
    child: Child,
    process: Proc,
    port: u16,
    native_port: u16,
    log: PathBuf,
    /// Every process seen below tauri-driver: an app's web processes outlive it for a while (up
    /// to WebKit's 10 s watchdog) and, reparented, are no longer below it once it has ended.
    seen: Vec<Proc>,
    stopped: bool,
}

impl Driver {
    fn spawn(profile: &Path, log: &Path, [own, native]: [ports::Reserved; 2]) -> Result<Driver> {
        let (port, native_port) = (own.port(), native.port());
        note(
            log,
            &format!("starting tauri-driver on port {port}, WebKitWebDriver on port {native_port}"),
        );
        let out = OpenOptions::new().create(true).append(true).open(log)?;
        // The profile's `bin` folder comes first on the app's PATH: a test puts a program there
        // to stand in for a system one (a recording `xdg-open`, the system's file viewer).
        let system_path = std::env::var_os("PATH").unwrap_or_default();
        let path = std::env::join_paths(
            std::iter::once(profile.join("bin")).chain(std::env::split_paths(&system_path)),
        )?;
        let mut cmd = Command::new(tauri_driver());
        cmd.stdin(Stdio::null())
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
            .env("XDG_DATA_HOME", profile.join("data"))
            .env("XDG_CONFIG_HOME", profile.join("config"))
            .env("XDG_CACHE_HOME", profile.join("cache"))
            .env("PATH", path)
            .stdout(Stdio::from(out.try_clone()?))
            .stderr(Stdio::from(out));
        // The drivers bind the ports themselves: free them the moment before. Should another
        // program take one in between, the driver that loses it ends, or the port turns out not
        // to be held by ours (`wait_until_ready`), and the attempt fails saying so.
        own.hand_over();
        native.hand_over();
        let mut child = cmd
            .spawn()
            .context("starting tauri-driver (cargo install tauri-driver --version ^2)")?;
        // A child not yet reaped always has a /proc entry, even if it has already ended.
        let Some(process) = Proc::of(child.id()) else {
            let _ = child.kill();
            let _ = child.wait();
            bail!("tauri-driver (pid {}) has no /proc entry", child.id());
        };
        Ok(Driver {
            child,
            process,
            port,
            native_port,
            log: log.to_owned(),
            seen: Vec::new(),
            stopped: false,
        })
    }

    /// Waits until WebKitWebDriver, and then tauri-driver in front of it, are ready to create a
    /// session; fails early when either has ended.
    async fn wait_until_ready(&mut self) -> Result<()> {
        // No proxy (the drivers are local) and no connections kept between two checks.
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(5))
            .pool_max_idle_per_host(0)
            .build()?;
        let deadline = Instant::now() + READY_PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "tauri-driver ended ({status}) before it was ready (could it bind port {}?)",
                    self.port
                );
            }
            let Some(waiting_for) = self.not_ready_yet(&http).await? else {
                return Ok(());
            };
            if Instant::now() > deadline {
                bail!("the drivers were not ready after {READY_PATIENCE:?}: still waiting for {waiting_for}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// What the drivers' readiness still waits for (`None`: nothing), or why it never will.
    async fn not_ready_yet(&self, http: &reqwest::Client) -> Result<Option<String>> {
        let native = match procs::children(self.process.pid).as_slice() {
            [] => return Ok(Some("tauri-driver to start WebKitWebDriver".into())),
            [native] => *native,
            more => bail!("tauri-driver started {} processes, not one", more.len()),
        };
        if !native.is_running() {
            bail!(
                "WebKitWebDriver ended before it was ready (could it bind port {}?)",
                self.native_port
            );
        }
        if !procs::listens_on(native.pid, self.native_port) {
            return Ok(Some(format!(
                "WebKitWebDriver to listen on port {}",
                self.native_port
            )));
        }
        if !procs::listens_on(self.process.pid, self.port) {
            return Ok(Some(format!(
                "tauri-driver to listen on port {}",
                self.port
            )));
        }
        // Listening is not yet serving: ask each, the native driver first, so that tauri-driver
        // is never asked to pass a request on to a driver not yet there.
        for (who, port) in [
            ("WebKitWebDriver", self.native_port),
            ("tauri-driver", self.port),
        ] {
            if let Err(why) = status_ready(http, port).await {
                return Ok(Some(format!("{who} to answer /status ready ({why})")));
            }
        }
        Ok(None)
    }

    async fn new_session(&self) -> Result<Client> {
        // reqwest and fantoccini each bring a rustls crypto backend; name the one to use.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({ "application": env!("CARGO_BIN_EXE_reseller-portal") }),
        );
        let mut builder = ClientBuilder::rustls()?;
        builder.capabilities(caps);
        let url = format!("http://127.0.0.1:{}", self.port);
        tokio::time::timeout(SESSION_PATIENCE, builder.connect(&url))
            .await
            .map_err(|_| anyhow!("no answer to the new-session request in {SESSION_PATIENCE:?}"))?
            .context("the new-session request failed")
    }

    /// Ends the session (WebKitWebDriver closes the window, and the app ends), waiting a while
    /// for the app to be gone; what is left is stopped when the driver drops.
    pub async fn close(&mut self, client: Client) {
        self.remember_launched();
        let apps: Vec<Proc> = procs::children(self.process.pid)
            .iter()
            .flat_map(|native| procs::children(native.pid))
            .collect();
        note(&self.log, "closing the session");
        // fantoccini reads only the head of the answer to DELETE before it hangs up, so tauri-driver
        // logs "Error serving connection: hyper::Error(IncompleteMessage)" here now and then: the
        // session is gone by then, and nothing is lost.
        match tokio::time::timeout(CLOSE_PATIENCE, client.close()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => note(&self.log, &format!("closing the session failed: {e}")),
            Err(_) => note(&self.log, "closing the session took too long"),
        }
        let deadline = Instant::now() + CLOSE_PATIENCE;
        while !procs::all_ended(&apps) && Instant::now() < deadline {
            tokio::time::sleep(POLL).await;
        }
        if !procs::all_ended(&apps) {
            note(&self.log, "the app had not ended; stopping it");
        }
    }

    /// Adds what now runs below tauri-driver to what this launch has started.
    fn remember_launched(&mut self) {
        for p in procs::descendants(self.process.pid) {
            if !self.seen.contains(&p) {
                self.seen.push(p);
            }
        }
    }

    /// Stops tauri-driver, WebKitWebDriver, and the app and its web processes if still there:
    /// all of them by id, so that none outlives the launch (an orphaned app would keep the
    /// profile folder busy and the machine loaded).
    fn stop(&mut self) {
        if std::mem::replace(&mut self.stopped, true) {
            return;
        }
        self.remember_launched();
        let mut launched = vec![self.process];
        launched.extend(&self.seen);
        let running: Vec<u32> = launched
            .iter()
            .filter(|p| p.is_running())
            .map(|p| p.pid)
            .collect();
        procs::terminate(&launched, STOP_GRACE);
        let _ = self.child.kill();
        let _ = self.child.wait();
        note(&self.log, &format!("stopped what still ran: {running:?}"));
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Whether the WebDriver server on `port` answers `/status` with `ready: true` (a server that
/// listens may still fail a request; one that says it is ready takes a session).
async fn status_ready(http: &reqwest::Client, port: u16) -> Result<(), String> {
    let answer = http
        .get(format!("http://127.0.0.1:{port}/status"))
        .send()
        .await
        .map_err(|e| format!("{:#}", anyhow!(e)))?;
    let body: serde_json::Value = answer.json().await.map_err(|e| e.to_string())?;
    if body["value"]["ready"] == json!(true) {
        Ok(())
    } else {
        Err(format!("it said {body}"))
    }
}
