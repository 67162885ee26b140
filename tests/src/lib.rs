//! The generated bindings of every fixture (`tests/fixtures`) and case
//! (`tests/cases`), compiled together in one crate so that one compilation
//! checks them all. The modules under `generated` are written by
//! `cargo xtask codegen` and kept fresh by its `--check`.

#![deny(warnings)]

pub mod generated;
