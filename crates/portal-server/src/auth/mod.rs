//! Authentication: passwords, opaque session tokens, the sign-in lockout, and the `Caller` extractor.
//!
//! A session token is 32 random bytes (base64url) handed out once; the server keeps only its SHA-256,
//! so neither the database nor its backups can be replayed as a session.

mod caller;
pub mod lockout;
pub mod password;
mod service;
mod session;
pub mod token;
pub mod vendor;

pub use caller::Caller;
pub use service::{login, logout};
pub use vendor::VendorCaller;
