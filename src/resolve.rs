//! Resolution: Ibid. to the previous citation, short forms to the earlier
//! full citation of the same work, and repeated citations of one work
//! merged into one [`Work`].

use crate::model::Item;
use crate::pipeline::Document;

/// One distinct work of a document: the bibliography entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Work {
    /// Citation key, unique within a run (see [`crate::keys`]).
    pub key: String,
    /// The merged item.
    pub item: Item,
    /// Label of the note that first cites the work.
    pub first_note: String,
    /// (note index, citation index) of every citation of the work.
    pub citations: Vec<(usize, usize)>,
}

/// Resolves every citation of the document and builds its works.
pub fn resolve_document(doc: &mut Document) {
    let _ = doc;
}
