//! The Roundtable bindings, generated from `spec/roundtable.yaml` by this
//! crate's build script rather than checked in: the way a project consumes
//! openapi-forge as a build dependency. The modules are the same as those of
//! the committed `generated/roundtable` crate.

include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
