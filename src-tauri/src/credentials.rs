//! The remembered session in the OS keychain (Secret Service, macOS Keychain, Windows Credential Manager).

use crate::error::{ShellError, ShellResult};
use portal_client::StoredSession;

/// The keychain entry's account name; the service name is the app's identifier.
const ACCOUNT: &str = "session";

pub struct Credentials {
    service: String,
}

impl Credentials {
    pub fn new(service: String) -> Self {
        Self { service }
    }

    // The keychain calls block (D-Bus on Linux), so they run off the async executor.
    async fn with_entry<T: Send + 'static>(
        &self,
        f: impl FnOnce(keyring::Entry) -> keyring::Result<T> + Send + 'static,
    ) -> ShellResult<T> {
        let service = self.service.clone();
        tokio::task::spawn_blocking(move || keyring::Entry::new(&service, ACCOUNT).and_then(f))
            .await
            .map_err(|e| ShellError::Keychain(e.to_string()))?
            .map_err(|e| ShellError::Keychain(e.to_string()))
    }

    pub async fn save(&self, session: &StoredSession) -> ShellResult<()> {
        let secret =
            serde_json::to_string(session).map_err(|e| ShellError::Keychain(e.to_string()))?;
        self.with_entry(move |entry| entry.set_password(&secret))
            .await
    }

    /// The remembered session, if there is one that still reads.
    pub async fn load(&self) -> ShellResult<Option<StoredSession>> {
        let secret = self
            .with_entry(|entry| match entry.get_password() {
                Ok(s) => Ok(Some(s)),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(e) => Err(e),
            })
            .await?;
        Ok(secret.and_then(|s| serde_json::from_str(&s).ok()))
    }

    pub async fn delete(&self) -> ShellResult<()> {
        self.with_entry(|entry| match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e),
        })
        .await
    }
}
