//! The whole pipeline on one document: source, split, parse, resolve.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::Work;
use crate::model::{Citation, Diagnostic, Document, Form, Note, Severity};
use crate::parse::{Hint, Parsed};
use crate::resolve::library::matching::Catalog;
use crate::{parse, resolve, source, split};

/// A note handed to the pipeline: label, text, span in the source, and
/// the italic stretches of the text (from a Word file), which mark titles.
#[derive(Clone, Debug)]
pub struct NoteInput<'a> {
    pub label: &'a str,
    pub text: &'a str,
    pub span: std::ops::Range<usize>,
    pub italics: &'a [std::ops::Range<usize>],
    /// Citation fields of a reference manager in the note (Word), in
    /// order: their items are taken as stored, and only the rest of the
    /// note is parsed.
    pub embedded: &'a [source::EmbeddedCitation],
}

/// Runs the pipeline on the text of one document. Works are resolved only
/// within the document. Citation keys are left empty: call
/// [`crate::resolve::keys::assign_keys`] over the whole batch so they are unique
/// across it.
pub fn convert_text(file: &str, text: &str) -> Document {
    convert_text_with(file, text, &Catalog::default())
}

/// [`convert_text`] resolving also against `catalog` (earlier files, the
/// library). A bibliography printed in the text
/// ([`source::bibliography`]) is read first: its entries are works that
/// short forms resolve to (`"bib:N"`), never notes.
pub fn convert_text_with(file: &str, text: &str, catalog: &Catalog) -> Document {
    let (notes_text, catalog, bibliography_diagnostics) = with_bibliography(file, text, catalog);
    let notes_text = notes_text.as_deref().unwrap_or(text);
    let found = source::find_notes_reporting(notes_text);
    let notes = found.notes.iter().map(|n| NoteInput {
        label: &n.label,
        text: n.text,
        span: n.span.clone(),
        italics: &[],
        embedded: &[],
    });
    let mut stream = NoteStream::with_catalog(file, catalog);
    // The source stage's diagnostics come first: they are about the file.
    stream.diagnostics = found.diagnostics(file, notes_text);
    stream.diagnostics.extend(bibliography_diagnostics);
    let notes: Vec<Note> = notes.map(|n| stream.push(n)).collect();
    let (works, diagnostics) = stream.finish();
    Document {
        file: file.to_string(),
        notes,
        works,
        diagnostics,
    }
}

/// Finds the bibliography printed in a text: the text to find notes in
/// (the section blanked out; `None`: no section, the text itself), the
/// catalog to resolve against (the bibliography first, its entries linked
/// to the library's items they match, then `catalog`), and the diagnostics
/// of entries that could not be read.
pub fn with_bibliography(
    file: &str,
    text: &str,
    catalog: &Catalog,
) -> (Option<String>, Catalog, Vec<Diagnostic>) {
    let Some(section) = source::bibliography::find_bibliography(text) else {
        return (None, catalog.clone(), Vec::new());
    };
    let (known, diagnostics) =
        crate::resolve::library::bibliography_known(file, &section.entries, catalog);
    let mut with = Catalog::default().with(std::sync::Arc::new(known));
    for layer in catalog.layers() {
        with = with.with(layer.clone());
    }
    let masked = source::bibliography::without_section(text, &section.span);
    (Some(masked), with, diagnostics)
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
    /// What the parser has learned from the notes so far.
    context: parse::Context,
    diagnostics: Vec<Diagnostic>,
    /// The note that first cited each reference-manager record, by the
    /// record's id and by its item (the same record from another manager,
    /// or a duplicate in the author's library).
    records: HashMap<String, String>,
    record_items: HashMap<crate::model::Item, String>,
}

impl NoteStream {
    /// A stream for one document (`file` names it in diagnostics).
    pub fn new(file: &str) -> NoteStream {
        NoteStream {
            file: file.to_string(),
            notes: 0,
            resolver: resolve::Resolver::new(file),
            context: parse::Context::default(),
            diagnostics: Vec::new(),
            records: HashMap::new(),
            record_items: HashMap::new(),
        }
    }

    /// A stream whose short forms and full citations are also resolved
    /// against `catalog` (bibliography, earlier files, library).
    pub fn with_catalog(
        file: &str,
        catalog: crate::resolve::library::matching::Catalog,
    ) -> NoteStream {
        NoteStream {
            file: file.to_string(),
            notes: 0,
            resolver: resolve::Resolver::with_catalog(file, catalog),
            ..NoteStream::new(file)
        }
    }

    /// Processes the next note of the document. The grammars read the
    /// note's normalized text ([`source::normalize`]: one form of each
    /// space, dash and quote, composed accents); the note keeps its text
    /// as written, and citation and diagnostic spans are mapped back to it.
    pub fn push(&mut self, input: NoteInput<'_>) -> Note {
        self.notes += 1;
        let position = self.notes;
        let markdown;
        // One search for either marker (most notes hold neither).
        let italics = if input.italics.is_empty()
            && memchr::memchr2(b'*', b'_', input.text.as_bytes()).is_some()
        {
            markdown = crate::text::markdown_italics(input.text);
            markdown.as_slice()
        } else {
            input.italics
        };
        let mut records = Vec::new();
        let parsed = if input.embedded.is_empty() {
            self.parse_piece(&input, 0..input.text.len(), italics, position)
        } else {
            self.parse_around_fields(&input, italics, position, &mut records)
        };
        let (citations, hints): (Vec<_>, Vec<_>) =
            parsed.into_iter().map(|p| (p.citation, p.hint)).unzip();
        let mut note = Note {
            label: input.label.to_string(),
            text: input.text.to_string(),
            span: input.span,
            citations,
        };
        self.resolver.resolve_note(&mut note, &hints);
        self.diagnostics.extend(self.resolver.take_diagnostics());
        self.mark_records_cited_again(&mut note, &records);
        note
    }

    /// Splits and parses `range` of the note text (the whole note, or the
    /// text around citation fields); spans and diagnostics are given in
    /// the whole note's bytes.
    fn parse_piece(
        &mut self,
        input: &NoteInput<'_>,
        range: Range<usize>,
        italics: &[Range<usize>],
        position: usize,
    ) -> Vec<Parsed> {
        let offset = range.start;
        // The grammars read the normalized text (one form of each space,
        // dash and quote); spans are mapped back to the text as written.
        let normalized = source::normalize::normalize(&input.text[range.clone()]);
        let text = normalized.text();
        let segments = split::split_note(text, &parse::Boundaries);
        let shifted;
        let italics = if offset == 0 && range.end == input.text.len() && normalized.is_unchanged() {
            italics
        } else {
            shifted = italics
                .iter()
                .filter(|r| r.start >= range.start && r.end <= range.end)
                .map(|r| normalized.to_normalized_range(r.start - offset..r.end - offset))
                .collect::<Vec<_>>();
            shifted.as_slice()
        };
        let to_note = |span: Range<usize>| {
            let span = normalized.to_original_range(span);
            span.start + offset..span.end + offset
        };
        let file = &self.file;
        let diagnostics = &mut self.diagnostics;
        let context = &mut self.context;
        let mut parsed =
            parse::parse_note_in(text, &segments, italics, context, &mut |span, message| {
                diagnostics.push(Diagnostic {
                    severity: Severity::Error,
                    file: file.clone(),
                    note: input.label.to_string(),
                    position,
                    span: to_note(span),
                    message,
                })
            });
        if offset > 0 || !normalized.is_unchanged() {
            for p in &mut parsed {
                p.citation.span = to_note(p.citation.span.clone());
            }
        }
        parsed
    }

    /// The citations of a note that holds reference-manager fields: each
    /// field's items as stored (marked with their source, a signal phrase
    /// printed just before the field as the first one's prefix), the text
    /// between fields parsed as usual. `records` receives, for each
    /// citation from a field, its index and its record.
    fn parse_around_fields<'n>(
        &mut self,
        input: &NoteInput<'n>,
        italics: &[Range<usize>],
        position: usize,
        records: &mut Vec<(usize, &'n str)>,
    ) -> Vec<Parsed> {
        let text = input.text;
        let mut out: Vec<Parsed> = Vec::new();
        let mut at = 0;
        for field in input.embedded {
            if field.span.start < at || field.span.end > text.len() {
                continue;
            }
            let lead = self.parse_gap(
                input,
                at..field.span.start,
                Some(&field.span),
                italics,
                position,
                &mut out,
            );
            for (k, embedded) in field.items.iter().enumerate() {
                let mut citation =
                    Citation::new(Form::Full, embedded.item.clone(), field.span.clone());
                citation.locator = embedded.locator.clone();
                citation.prefix = embedded.prefix.clone();
                if k == 0 && citation.prefix.is_none() {
                    citation.prefix = lead.clone();
                }
                citation.source = Some(field.source);
                records.push((out.len(), embedded.record.as_str()));
                out.push(Parsed {
                    citation,
                    hint: Hint::default(),
                });
            }
            at = field.span.end;
        }
        self.parse_gap(input, at..text.len(), None, italics, position, &mut out);
        out
    }

    /// Parses the text between citation fields into `out`. When a field
    /// follows, a signal phrase that leads into it ("See also", "For the
    /// debate, see") is not parsed but returned, to be its prefix.
    fn parse_gap(
        &mut self,
        input: &NoteInput<'_>,
        gap: Range<usize>,
        field: Option<&Range<usize>>,
        italics: &[Range<usize>],
        position: usize,
        out: &mut Vec<Parsed>,
    ) -> Option<String> {
        let text = input.text;
        let mut parse_end = gap.end;
        let mut lead = None;
        if let Some(field) = field {
            // The clause the field ends: after the gap's last sentence
            // break, semicolon or line break.
            let clause_start = text[gap.clone()]
                .rmatch_indices(['.', ';', '\n'])
                .map(|(i, m)| gap.start + i + m.len())
                .find(|&end| end < gap.end)
                .unwrap_or(gap.start);
            let clause = &text[clause_start..field.end];
            let lead_len = clause.len() - clause.trim_start().len();
            if let Some(len) = split::signal_phrase(&clause[lead_len..]) {
                if clause_start + lead_len + len == field.start {
                    lead = Some(clause[lead_len..lead_len + len].trim().to_string());
                    parse_end = clause_start;
                }
            }
        }
        let is_joint = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':');
        if !text[gap.start..parse_end].trim_matches(is_joint).is_empty() {
            let before = out.len();
            let mut found = self.parse_piece(input, gap.start..parse_end, italics, position);
            for p in &mut found {
                if let Some(relation) = &mut p.citation.relation {
                    relation.citation += before;
                }
            }
            out.extend(found);
        }
        lead
    }

    /// A record cited again (by a later field, or twice in one) is a
    /// short form, or an Ibid. when the field shows one, resolving to the
    /// note that first cited it; the first citation of a record is full.
    fn mark_records_cited_again(&mut self, note: &mut Note, records: &[(usize, &str)]) {
        for &(index, record) in records {
            let Some(citation) = note.citations.get_mut(index) else {
                continue;
            };
            let seen = self
                .records
                .get(record)
                .or_else(|| self.record_items.get(&citation.item));
            match seen {
                Some(first) => {
                    let shown = note.text.get(citation.span.clone()).unwrap_or("");
                    citation.form = if parse::chicago::ibid(shown).is_some() {
                        Form::Ibid
                    } else {
                        Form::Short
                    };
                    citation.resolves_to = Some(first.clone());
                }
                None => {
                    self.records.insert(record.to_string(), note.label.clone());
                    self.record_items
                        .insert(citation.item.clone(), note.label.clone());
                }
            }
        }
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
            embedded: &n.embedded,
        }),
    )
}
