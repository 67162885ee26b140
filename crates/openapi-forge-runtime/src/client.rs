//! Client support.
