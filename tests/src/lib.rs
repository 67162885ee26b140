//! Integration and snapshot tests live in `tests/tests`; this library only
//! gives them the compiled bindings of every fixture and case.

pub use forge_fixtures as generated;
