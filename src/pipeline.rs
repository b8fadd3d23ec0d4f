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

/// A note handed to the pipeline: label, text, span in the source, and
/// the italic stretches of the text (from a Word file), which mark titles.
#[derive(Clone, Debug)]
pub struct NoteInput<'a> {
    pub label: &'a str,
    pub text: &'a str,
    pub span: std::ops::Range<usize>,
    pub italics: &'a [std::ops::Range<usize>],
}

/// Runs the pipeline on the text of one document. Works are resolved only
/// within the document. Citation keys are left empty: call
/// [`crate::keys::assign_keys`] over the whole batch so they are unique
/// across it.
pub fn convert_text(file: &str, text: &str) -> Document {
    let found = source::find_notes_reporting(text);
    let notes = found.notes.iter().map(|n| NoteInput {
        label: &n.label,
        text: n.text,
        span: n.span.clone(),
        italics: &[],
    });
    let mut doc = convert_notes(file, notes);
    // The source stage's diagnostics come first: they are about the file.
    let mut diagnostics = found.diagnostics(file, text);
    diagnostics.append(&mut doc.diagnostics);
    doc.diagnostics = diagnostics;
    doc
}

/// Runs split, parse and resolve on notes already found (in a Word file,
/// a spreadsheet column, or by [`source::find_notes`]).
pub fn convert_notes<'a>(file: &str, notes: impl IntoIterator<Item = NoteInput<'a>>) -> Document {
    let mut stream = NoteStream::new(file);
    let notes: Vec<Note> = notes.into_iter().map(|n| stream.push(n)).collect();
    let (works, diagnostics) = stream.finish();
    Document {
        file: file.to_string(),
        notes,
        works,
        diagnostics,
    }
}

/// The pipeline as a stream: each note pushed comes back split, parsed
/// and resolved; only the document's works are kept between notes, so a
/// caller that writes each note out and drops it runs in memory bounded
/// by the number of distinct works.
#[derive(Debug)]
pub struct NoteStream {
    file: String,
    /// Notes pushed so far.
    notes: usize,
    resolver: resolve::Resolver,
    diagnostics: Vec<Diagnostic>,
}

impl NoteStream {
    /// A stream for one document (`file` names it in diagnostics).
    pub fn new(file: &str) -> NoteStream {
        NoteStream {
            file: file.to_string(),
            notes: 0,
            resolver: resolve::Resolver::new(file),
            diagnostics: Vec::new(),
        }
    }

    /// Processes the next note of the document. The grammars read the
    /// note's normalized text ([`source::normalize`]: one form of each
    /// space, dash and quote, composed accents); the note keeps its text
    /// as written, and citation and diagnostic spans are mapped back to it.
    pub fn push(&mut self, input: NoteInput<'_>) -> Note {
        self.notes += 1;
        let position = self.notes;
        let normalized = source::normalize::normalize(input.text);
        let text = normalized.text();
        let segments = split::split_note(text);
        let markdown;
        let mapped: Vec<std::ops::Range<usize>>;
        let italics = if input.italics.is_empty() && (text.contains('*') || text.contains('_')) {
            markdown = crate::text::markdown_italics(text);
            markdown.as_slice()
        } else if normalized.is_unchanged() {
            input.italics
        } else {
            mapped = input
                .italics
                .iter()
                .map(|r| normalized.to_normalized_range(r.clone()))
                .collect();
            mapped.as_slice()
        };
        let file = &self.file;
        let diagnostics = &mut self.diagnostics;
        let parsed =
            parse::parse_note_with_italics(text, &segments, italics, &mut |span, message| {
                diagnostics.push(Diagnostic {
                    severity: Severity::Error,
                    file: file.clone(),
                    note: input.label.to_string(),
                    position,
                    span: normalized.to_original_range(span),
                    message,
                })
            });
        let (mut citations, hints): (Vec<_>, Vec<_>) =
            parsed.into_iter().map(|p| (p.citation, p.hint)).unzip();
        if !normalized.is_unchanged() {
            for citation in &mut citations {
                citation.span = normalized.to_original_range(citation.span.clone());
            }
        }
        let mut note = Note {
            label: input.label.to_string(),
            text: input.text.to_string(),
            span: input.span,
            citations,
        };
        self.resolver.resolve_note(&mut note, &hints);
        self.diagnostics.extend(self.resolver.take_diagnostics());
        note
    }

    /// The diagnostics so far, in note order (those of the note just
    /// pushed come last).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Takes the diagnostics so far out of the stream (a caller that
    /// renders or counts them as it goes need not keep them all).
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }

    /// The works of the document and every diagnostic not taken, in note
    /// order.
    pub fn finish(self) -> (Vec<Work>, Vec<Diagnostic>) {
        let (works, rest) = self.resolver.finish();
        let mut diagnostics = self.diagnostics;
        diagnostics.extend(rest);
        (works, diagnostics)
    }
}

/// Runs the pipeline on notes read from a Word, OpenDocument or
/// spreadsheet file, with their italics.
pub fn convert_owned(file: &str, notes: &[source::OwnedNote]) -> Document {
    convert_notes(
        file,
        notes.iter().map(|n| NoteInput {
            label: &n.label,
            text: &n.text,
            span: 0..n.text.len(),
            italics: &n.italics,
        }),
    )
}
