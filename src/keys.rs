//! Citation keys.
