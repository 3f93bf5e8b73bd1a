//! Company: the vendor's news, the firm's account team, about the vendor, and technical support.

mod about;
mod account_team;
mod news;
mod support;

pub use about::About;
pub use account_team::AccountTeam;
pub use news::News;
pub use support::TechnicalSupport;
