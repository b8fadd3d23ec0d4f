//! Exporters, one module per format.
