//! Citation keys.

use crate::pipeline::Document;

/// Assigns citation keys (placeholder on the lead's branch; the exports
/// branch replaces it).
pub fn assign_keys(docs: &mut [Document]) {
    let _ = docs;
}
