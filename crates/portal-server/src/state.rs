//! What every request handler shares: the storage, the configuration and the clock.

use crate::clock::Clock;
use crate::config::Config;
use crate::storage::Storage;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub storage: Storage,
    pub config: Arc<Config>,
    /// The day deal decisions and expiry are dated with.
    pub clock: Clock,
}
