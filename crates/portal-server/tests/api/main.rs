//! Integration tests of the central server over real HTTP: each test starts `TestServer` on
//! 127.0.0.1:0 with a fresh, seeded database. One test binary, modules per area.

mod auth;
mod authz;
mod dashboard;
mod endpoints;
mod openapi;
mod pims;
mod quotes;
mod resources;
mod seed;
mod support;
mod support_cases;
mod sync;
