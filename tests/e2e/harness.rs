//! Starting the real app under WebDriver and reading its window.

pub mod browser;
mod driver;
mod ports;
mod procs;

use anyhow::{anyhow, bail, Context, Result};
use driver::Driver;
use fantoccini::{elements::Element, key::Key, Client, Locator};
use portal_core::shell::commands::{self, Command as ShellCommand};
use serde_json::json;
use std::{
    future::Future,
    path::Path,
    process::Command,
    time::{Duration, Instant},
};
use tokio::sync::{Mutex, MutexGuard};

/// The app's identifier, which is also its keychain service name.
pub const KEYCHAIN_SERVICE: &str = "com.bastionmail.resellerportal";
const PATIENCE: Duration = Duration::from_secs(30);

/// One app window at a time: the tests share the display and the keychain.
pub async fn one_at_a_time() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::const_new(());
    LOCK.lock().await
}

/// The element was replaced by a re-render between being found and being used.
fn is_stale(e: &fantoccini::error::CmdError) -> bool {
    let text = e.to_string().to_lowercase();
    text.contains("stale") || text.contains("was not found") || text.contains("no such element")
}

/// A running app window, with its own data and configuration folders (`profile`).
pub struct App {
    pub client: Client,
    driver: Driver,
}

impl App {
    /// Launches the app binary built for this test run, keeping its files under `profile`, and
    /// waits for its first screen.
    pub async fn launch(profile: &Path) -> Result<App> {
        if std::env::var_os("DISPLAY").is_none() {
            bail!("no DISPLAY: run the end-to-end tests through scripts/test.sh (Xvfb, D-Bus, keyring)");
        }
        let (driver, client) = driver::open_session(profile).await?;
        let app = App { client, driver };
        // The first screen is either sign-in or the signed-in shell.
        app.wait_for("#sign-in, #account-button").await?;
        Ok(app)
    }

    /// Closes the window (ending the app process) and stops the drivers.
    pub async fn quit(self) -> Result<()> {
        let App { client, mut driver } = self;
        driver.close(client).await;
        Ok(())
    }

    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("waiting for {css}"))
    }

    /// Polls `check` until it holds; `what` names the condition in the failure.
    pub async fn eventually<F, Fut>(&self, what: &str, mut check: F) -> Result<()>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<bool>>,
    {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let last = check().await;
            if matches!(last, Ok(true)) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(anyhow!("timed out waiting until {what} (last: {last:?})"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn text(&self, css: &str) -> Result<String> {
        Ok(self.wait_for(css).await?.text().await?)
    }

    /// Whether an element matching `css` exists and is shown.
    pub async fn is_shown(&self, css: &str) -> Result<bool> {
        match self.client.find(Locator::Css(css)).await {
            Ok(el) => Ok(el.is_displayed().await.unwrap_or(false)),
            Err(_) => Ok(false),
        }
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        // Yew may re-render the element between finding it and clicking it (a sync answer lands):
        // the old node is then gone, and the click is retried on the new one.
        let deadline = Instant::now() + PATIENCE;
        loop {
            let result = self.wait_for(css).await?.click().await;
            match result {
                Ok(()) => return Ok(()),
                Err(e) if Instant::now() < deadline && is_stale(&e) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(e) => return Err(e).with_context(|| format!("clicking {css}")),
            }
        }
    }

    /// Replaces a field's text as a person would: delete what is there, then type.
    /// (WebDriver's clear() bypasses the input events the UI listens to.)
    pub async fn fill(&self, css: &str, value: &str) -> Result<()> {
        let el = self.wait_for(css).await?;
        let current = el.prop("value").await?.unwrap_or_default();
        if !current.is_empty() {
            let erase: String = std::iter::once(Key::End.to_string())
                .chain((0..current.chars().count()).map(|_| Key::Backspace.to_string()))
                .collect();
            el.send_keys(&erase).await?;
        }
        if !value.is_empty() {
            el.send_keys(value).await?;
        }
        Ok(())
    }

    /// Chooses the option whose value is `value` in a `<select>`, as a click on it does (the
    /// element's `change` event fires).
    pub async fn choose(&self, css: &str, value: &str) -> Result<()> {
        self.wait_for(css)
            .await?
            .select_by_value(value)
            .await
            .with_context(|| format!("choosing {value} in {css}"))
    }

    /// Calls a shell command the way the UI does (`window.__TAURI_INTERNALS__.invoke`) and returns
    /// its answer, or its error as the shell gave it.
    /// Sends one of the shell's commands as the UI does (`{"args": …}`), and reads its answer.
    pub async fn invoke<C: ShellCommand>(&self, command: &C) -> Result<C::Output> {
        let name = C::NAME;
        let answer = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(
                     (ok) => done({ ok: ok === undefined ? null : ok }),
                     (err) => done({ err: err === undefined ? null : err }));",
                vec![json!(name), commands::payload(command)],
            )
            .await
            .with_context(|| format!("invoking {name}"))?;
        match answer.get("ok") {
            Some(ok) => serde_json::from_value(ok.clone())
                .with_context(|| format!("reading the answer to {name}: {ok}")),
            None => bail!("{name} failed: {}", answer["err"]),
        }
    }

    pub async fn value(&self, css: &str) -> Result<String> {
        Ok(self
            .wait_for(css)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default())
    }

    /// Fills the sign-in form and submits it.
    pub async fn sign_in(
        &self,
        server: &str,
        email: &str,
        password: &str,
        remember: bool,
    ) -> Result<()> {
        self.fill("#server-url", server).await?;
        self.fill("#email", email).await?;
        self.fill("#password", password).await?;
        let checkbox = self.wait_for("#remember").await?;
        if checkbox.is_selected().await? != remember {
            checkbox.click().await?;
        }
        self.click("#sign-in").await
    }

    /// Scrolls the page (`main#content`, the part under the toolbar) so that `css` starts at its
    /// top, or ends at its bottom when `at_end`, or back to its top when `css` is `None`; and takes
    /// the focus off any field, so that no caret shows in a screenshot.
    pub async fn scroll_to(&self, css: Option<&str>, at_end: bool) -> Result<()> {
        if let Some(css) = css {
            self.wait_for(css).await?;
        }
        self.client
            .execute(
                "document.activeElement && document.activeElement.blur();
                 const page = document.querySelector('main#content');
                 if (arguments[0] === null) {
                     page.scrollTop = 0;
                 } else {
                     const el = document.querySelector(arguments[0]).getBoundingClientRect();
                     const box = page.getBoundingClientRect();
                     page.scrollTop += arguments[1]
                         ? el.bottom - box.bottom + 24
                         : el.top - box.top - 16;
                 }",
                vec![json!(css), json!(at_end)],
            )
            .await
            .context("scrolling the page")?;
        Ok(())
    }

    /// Saves a screenshot of the window when `PORTAL_SCREENSHOTS` names a folder.
    pub async fn screenshot(&self, name: &str) -> Result<()> {
        if let Some(dir) = std::env::var_os("PORTAL_SCREENSHOTS") {
            // Let transitions (menu chevrons, drawer) finish so the picture is not mid-animation.
            tokio::time::sleep(Duration::from_millis(400)).await;
            let png = self.client.screenshot().await?;
            std::fs::create_dir_all(&dir)?;
            std::fs::write(Path::new(&dir).join(format!("{name}.png")), png)?;
        }
        Ok(())
    }
}

/// The app's remembered session as the keychain holds it (asks the Secret Service directly).
fn keychain_lookup() -> Result<Option<Vec<u8>>> {
    let out = Command::new("secret-tool")
        .args(["lookup", "service", KEYCHAIN_SERVICE, "username", "session"])
        .output()
        .context("running secret-tool (libsecret-tools)")?;
    Ok((out.status.success() && !out.stdout.is_empty()).then_some(out.stdout))
}

/// Whether the keychain holds the app's remembered session.
pub fn keychain_has_session() -> Result<bool> {
    Ok(keychain_lookup()?.is_some())
}

/// Removes any remembered session a previous test left behind.
pub fn clear_keychain() -> Result<()> {
    Command::new("secret-tool")
        .args(["clear", "service", KEYCHAIN_SERVICE, "username", "session"])
        .status()?;
    Ok(())
}

/// A fresh folder for one app instance's data and preferences.
pub fn profile_dir() -> Result<tempfile::TempDir> {
    Ok(tempfile::Builder::new().prefix("portal-e2e-").tempdir()?)
}

/// The token of the remembered session, read from the keychain.
pub fn keychain_token() -> Result<String> {
    let secret =
        keychain_lookup()?.ok_or_else(|| anyhow!("no remembered session in the keychain"))?;
    let stored: serde_json::Value = serde_json::from_slice(&secret)?;
    stored["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("no token in the keychain entry"))
}

/// One test's world: the window lock held, a fresh seeded server, an empty keychain and a fresh
/// app profile folder. Launch the app (as often as the test needs) with [`Scenario::launch`].
pub struct Scenario {
    pub server: portal_server::testing::TestServer,
    pub profile: tempfile::TempDir,
    _one: MutexGuard<'static, ()>,
}

impl Scenario {
    pub async fn start() -> Result<Scenario> {
        Self::start_with(|_| {}).await
    }

    /// As [`start`](Self::start), with the server's configuration adjusted first (such as a short
    /// provisioning interval, so that submitted orders are provisioned while the test watches).
    pub async fn start_with(
        adjust: impl FnOnce(&mut portal_server::config::Config),
    ) -> Result<Scenario> {
        let one = one_at_a_time().await;
        clear_keychain()?;
        let server = portal_server::testing::TestServer::spawn_seeded_with(adjust).await?;
        Ok(Scenario {
            server,
            profile: profile_dir()?,
            _one: one,
        })
    }

    pub async fn launch(&self) -> Result<App> {
        App::launch(self.profile.path()).await
    }

    /// Launches the app and signs in as a demo user (demo password), waiting for the signed-in shell.
    pub async fn signed_in(&self, email: &str, remember: bool) -> Result<App> {
        let app = self.launch().await?;
        app.sign_in(
            &self.server.base_url(),
            email,
            portal_server::seed::DEMO_PASSWORD,
            remember,
        )
        .await?;
        app.wait_for("#account-button").await?;
        Ok(app)
    }
}

/// The start under stress: fifty launches in a row, each reaching the first screen. Run it
/// explicitly (`cargo test --test e2e -- --ignored fifty_launches`), beside a build that loads the
/// machine; each launch's driver log is kept under the target folder's `tmp/fifty-launches`.
#[tokio::test]
#[ignore = "a stress test of the app's start: run it explicitly with --ignored"]
async fn fifty_launches_in_a_row() -> Result<()> {
    let _one = one_at_a_time().await;
    let logs = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fifty-launches");
    std::fs::create_dir_all(&logs)?;
    let mut times = Vec::new();
    for n in 1..=50 {
        let profile = profile_dir()?;
        let started = Instant::now();
        let app = App::launch(profile.path())
            .await
            .with_context(|| format!("launch {n} of 50"))?;
        times.push(started.elapsed());
        app.quit().await?;
        std::fs::copy(
            profile.path().join("tauri-driver.log"),
            logs.join(format!("{n:02}.log")),
        )?;
    }
    times.sort();
    eprintln!(
        "50 launches reached the first screen: fastest {:.1?}, median {:.1?}, slowest {:.1?}, all {:.1?}",
        times[0],
        times[25],
        times[49],
        times.iter().sum::<Duration>()
    );
    Ok(())
}
