//! Server support.
