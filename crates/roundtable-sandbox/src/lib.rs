#![doc = include_str!("../README.md")]

mod api;
pub mod cli;
pub mod domain;
pub mod error;
pub mod ids;
pub mod records;
pub mod server;
pub mod store;
pub mod webhook;

pub use domain::{NewWorkspace, Sandbox, SeededKey, WorkspacePatch};
pub use error::{DomainError, DomainResult};
pub use server::{serve, ServeConfig, Server, StartError};
pub use store::Store;
