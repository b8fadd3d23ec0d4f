//! The whole pipeline on one document: source, split, parse, resolve.

use crate::model::{Diagnostic, Note};
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

/// Runs the pipeline on the text of one document. Works are resolved only
/// within the document. Citation keys are left empty: call
/// [`crate::keys::assign_keys`] over the whole batch so they are unique
/// across it.
pub fn convert_text(file: &str, text: &str) -> Document {
    let mut doc = Document { file: file.to_string(), ..Document::default() };
    for found in source::find_notes(text) {
        let mut note = Note {
            label: found.label.to_string(),
            text: found.text.to_string(),
            span: found.span.clone(),
            citations: Vec::new(),
        };
        let segments = split::split_note(&note.text);
        note.citations = parse::parse_note(&note.text, &segments, &mut |span, message| {
            doc.diagnostics.push(Diagnostic {
                severity: crate::model::Severity::Error,
                file: file.to_string(),
                note: found.label.to_string(),
                span,
                message,
            })
        });
        doc.notes.push(note);
    }
    resolve::resolve_document(&mut doc);
    doc
}
