//! Ports for the two WebDriver servers of a launch: distinct, held until handed to the driver,
//! and never handed out twice by this process.

use anyhow::{Context, Result};
use std::{
    collections::BTreeSet,
    net::TcpListener,
    sync::{Mutex, PoisonError},
};

/// A port held by a socket listening on it, so that no one else is given it, until
/// [`hand_over`](Reserved::hand_over) frees it for the driver about to bind it.
pub struct Reserved {
    listener: TcpListener,
    port: u16,
}

impl Reserved {
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Frees the port, the moment before the driver that binds it starts.
    pub fn hand_over(self) -> u16 {
        drop(self.listener);
        self.port
    }
}

/// Every port this process has reserved. A port is not given twice, to another test or to a
/// retry: the driver it went to may still be ending and holding it.
static HANDED_OUT: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());

/// Two ports (for tauri-driver and for the native driver), different from each other and from
/// every port reserved before in this process.
///
/// Asking the system for a free port and letting go of it at once (as the harness once did, twice
/// in a row) can give the same port both times, or a port another test was just given; a port
/// reserved here stays bound until it is handed over, so the system gives it to no one else.
pub fn reserve_two() -> Result<[Reserved; 2]> {
    let mut handed_out = HANDED_OUT.lock().unwrap_or_else(PoisonError::into_inner);
    // Ports given before come back from the system now and then: hold them too, until two new
    // ones are found, so that the system moves on to others.
    let mut given_before = Vec::new();
    let mut take = || -> Result<Reserved> {
        loop {
            let listener =
                TcpListener::bind(("127.0.0.1", 0)).context("reserving a port for a driver")?;
            let port = listener.local_addr()?.port();
            let reserved = Reserved { listener, port };
            if handed_out.insert(port) {
                return Ok(reserved);
            }
            given_before.push(reserved);
        }
    };
    Ok([take()?, take()?])
}
