//! Rust names for spec names: case conversion, keyword escaping, collisions.
