//! Test helpers, compiled only with the `testing` feature (the crate's own tests and benchmarks
//! turn it on; the app never does): [`sample`] generates a large firm's prospects, [`resources`]
//! a vendor's marketing library.

pub mod resources;
pub mod sample;
