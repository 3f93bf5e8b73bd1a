//! What every request handler shares: the database pool, the configuration and the clock.

use crate::clock::Clock;
use crate::config::Config;
use sqlx::SqlitePool;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    pub config: Arc<Config>,
    /// The day deal decisions and expiry are dated with.
    pub clock: Clock,
}
