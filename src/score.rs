//! Scoring `notes` output against a gold file.
