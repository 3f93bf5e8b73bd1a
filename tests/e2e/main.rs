//! End-to-end tests: the real app window, driven through WebDriver (tauri-driver + WebKitWebDriver)
//! under Xvfb, against the real central server on 127.0.0.1:0 with a fresh, seeded database.
//!
//! Run them through `scripts/test.sh`, which provides the display, a D-Bus session and an unlocked
//! keyring. The tests run one at a time: they share the display and the keychain.

mod account;
mod customers;
mod dashboard;
mod harness;
mod offline;
mod orders;
mod pims;
mod quotes;
mod reminders;
mod resources;
mod sales;
mod server_api;
mod session;
mod shell;
mod steps;
mod support_cases;
mod sync;
