//! A runnable Roundtable API server for development: every operation of the
//! generated server trait, over an embedded SQLite store that keeps its data
//! across restarts.
//!
//! Layers, each in its own module: [`records`] (the sandbox's data types),
//! [`store`] (SQLite), [`domain`] (the API's rules, independent of HTTP),
//! [`webhook`] (Stripe signatures).
//!
//! Stripe is faked: checkout and portal URLs point at `*.stripe.test`, a
//! reserved domain, and nothing is ever charged.

pub mod cli;
pub mod domain;
pub mod error;
pub mod ids;
pub mod records;
pub mod store;
pub mod webhook;

pub use domain::{NewWorkspace, Sandbox, SeededKey, WorkspacePatch};
pub use error::{DomainError, DomainResult};
pub use store::Store;
