//! Shared pieces of the runtime-overhead benchmarks: the data both sides
//! exchange, the hand-written client and router they are compared with, and
//! a minimal implementation of the generated server trait.
//!
//! Each pair does the same work: the same request bytes, the same bearer
//! token, the same response JSON, the same checks (token, status, the
//! `name` length rule on create). What differs is only the code between
//! the socket (or the router) and the typed values.

pub mod data;
pub mod generated;
pub mod handwritten;
