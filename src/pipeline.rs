//! The whole pipeline on one document: source, split, parse, resolve.

use crate::model::{Diagnostic, Note, Severity};
use crate::resolve::Work;
use crate::{parse, resolve, source, split};

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
        let mut labels: Vec<&str> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.note.as_str())
            .collect();
        labels.dedup();
        labels.len()
    }
}

/// A note handed to the pipeline: label, text, and span in the source.
#[derive(Clone, Debug)]
pub struct NoteInput<'a> {
    pub label: &'a str,
    pub text: &'a str,
    pub span: std::ops::Range<usize>,
}

/// Runs the pipeline on the text of one document. Works are resolved only
/// within the document. Citation keys are left empty: call
/// [`crate::keys::assign_keys`] over the whole batch so they are unique
/// across it.
pub fn convert_text(file: &str, text: &str) -> Document {
    let notes = source::find_notes(text)
        .into_iter()
        .map(|n| NoteInput { label: n.label, text: n.text, span: n.span });
    convert_notes(file, notes)
}

/// Runs split, parse and resolve on notes already found (in a Word file,
/// a spreadsheet column, or by [`source::find_notes`]).
pub fn convert_notes<'a>(file: &str, notes: impl IntoIterator<Item = NoteInput<'a>>) -> Document {
    let mut doc = Document { file: file.to_string(), ..Document::default() };
    let mut hints = Vec::new();
    for found in notes {
        let segments = split::split_note(found.text);
        let parsed = parse::parse_note(found.text, &segments, &mut |span, message| {
            doc.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                file: file.to_string(),
                note: found.label.to_string(),
                span,
                message,
            })
        });
        let (citations, note_hints): (Vec<_>, Vec<_>) = parsed.into_iter().map(|p| (p.citation, p.hint)).unzip();
        hints.push(note_hints);
        doc.notes.push(Note {
            label: found.label.to_string(),
            text: found.text.to_string(),
            span: found.span.clone(),
            citations,
        });
    }
    resolve::resolve_document(&mut doc, &hints);
    doc
}
