//! A document as the pipeline gives it: its notes with their citations,
//! its distinct works (the bibliography), and the diagnostics. Every stage
//! from resolve on speaks it; the exporters write it.

use super::packed::PackedItem;
use super::{Diagnostic, Note, Severity};

/// One input document after the pipeline: its notes with their citations,
/// the distinct works they cite, and what could not be read.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The file name as given on the command line ("-" for stdin).
    pub file: String,
    pub notes: Vec<Note>,
    /// One entry per distinct work, in order of first citation. Every
    /// citation's `work` indexes into this list.
    pub works: Vec<Work>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// Number of notes with at least one part that could not be read.
    pub fn unreadable_notes(&self) -> usize {
        let mut positions: Vec<(usize, &str)> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (d.position, d.note.as_str()))
            .collect();
        positions.dedup();
        positions.len()
    }
}

/// One distinct work of a document: the bibliography entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Work {
    /// Citation key, unique within a run (given by the resolve stage's `keys`).
    pub key: String,
    /// The merged item, packed: a document holds every work until the
    /// batch is written (`work.item.unpack()` gives the [`Item`]).
    pub item: PackedItem,
    /// Label of the note that first cites the work.
    pub first_note: String,
    /// How many citations cite the work. (Which ones: the citations whose
    /// `work` is this work's index. A list kept here would grow with the
    /// input, not with the number of works.)
    pub times_cited: usize,
    /// The key of the library item the work is (`--library`): kept as its
    /// citation key, so that an import merges instead of duplicating.
    pub library_key: Option<String>,
    /// True for a work introduced by a full citation (or an entry of a
    /// catalog), false for one known only from an unresolved short form.
    pub described: bool,
}
