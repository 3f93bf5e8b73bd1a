//! Request and response bodies of the central server's HTTP API (`/api/v1`).
//!
//! The server serializes these, the client deserializes them, and the OpenAPI document describes them.

pub mod auth;
pub mod branding;
pub mod customer;
pub mod news;
pub mod partner;
pub mod user;

/// The path prefix of every versioned endpoint.
pub const API_PREFIX: &str = "/api/v1";
/// Where the server serves its OpenAPI document.
pub const OPENAPI_PATH: &str = "/api/v1/openapi.json";
