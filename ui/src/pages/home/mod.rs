//! Home: the Dashboard.

mod amounts;
mod cards;
mod dashboard;

pub use dashboard::DashboardPage;
