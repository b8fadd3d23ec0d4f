//! Finding the notes of a document.

use std::ops::Range;

/// A note as found in the source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceNote<'a> {
    /// The note's label as printed, without brackets ("12", "a").
    pub label: &'a str,
    /// The note text, trimmed, without its marker.
    pub text: &'a str,
    /// Byte span of `text` in the document.
    pub span: Range<usize>,
}

/// Finds the notes of a plain-text document.
pub fn find_notes(doc: &str) -> Vec<SourceNote<'_>> {
    let _ = doc;
    Vec::new()
}
