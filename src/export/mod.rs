//! Exporters, one module per format.

pub mod notes;
