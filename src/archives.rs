//! The archive authority table.
