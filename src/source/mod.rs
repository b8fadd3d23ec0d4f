//! Finding the notes of a document, wherever they live.
//!
//! [`find_notes`] reads plain text and Markdown without copying; the
//! packaged formats are read into [`OwnedNote`]s: Word footnotes and
//! endnotes ([`read_docx`]), OpenDocument notes ([`read_odt`]) and one
//! column of a spreadsheet ([`read_csv_column`]). [`read_notes`] picks the
//! reader for a [`Format`], which [`Format::from_path`] guesses from a file
//! name.
//!
//! Plain text is read in one linear pass over its lines
//! ([`find_notes_reporting`] gives the rules). A note marker opens a line:
//! `[12]`, superscript digits `¹²`, `^12`, `Note 12` (words in
//! `data/note-words.txt`), Markdown `[^label]:`, and -- under a notes
//! heading (`data/notes-headings.txt`) or in a document that is nothing
//! but a numbered list -- `12.`, `12)` or `12` followed by a space or a
//! tab. Numbering may start anywhere, jump, restart, repeat or run out of
//! order; markers inside body paragraphs are body references, and are
//! reported with their line, as is a document with text and no note.
//!
//! A numbered note runs until the next note marker; the lines in between
//! belong to it and blank lines are skipped. The last note of a run (the
//! next note does not carry the next number) ends at the first blank line
//! after its text, so that whatever follows the list (a bibliography, the
//! next chapter) is not swallowed.

pub mod bibliography;
mod citefield;
mod docx;
pub mod normalize;
mod odt;
mod package;
pub mod stream;
mod table;

pub use citefield::{EmbeddedCitation, EmbeddedItem};
pub use docx::read_docx;
pub use odt::read_odt;
pub use package::MAX_PART_BYTES;
pub use table::read_csv_column;

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::model::{Diagnostic, Severity};
use memchr::memchr;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1, take_while_m_n};
use nom::character::complete::{char, one_of};
use nom::combinator::{map, peek, value};
use nom::sequence::{delimited, pair, preceded, terminated};
use nom::IResult;

/// A note as found in the source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceNote<'a> {
    /// The note's label as printed, without brackets ("12", "a"; the
    /// digits of a superscript label "¹²" as "12").
    pub label: Cow<'a, str>,
    /// The note text, trimmed, without its marker.
    pub text: &'a str,
    /// Byte span of `text` in the document.
    pub span: Range<usize>,
}

/// A note read from a packaged format, owning its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnedNote {
    /// The note's label as printed ("12", "iv", "*"), or the row number
    /// for a spreadsheet column.
    pub label: String,
    /// The note text, trimmed; paragraphs of one note are separated by
    /// `\n`.
    pub text: String,
    /// Byte ranges of `text` set in italics (a title far more often than
    /// not), in order and not overlapping. Empty for formats without
    /// italics.
    pub italics: Vec<Range<usize>>,
    /// The citation fields of a reference manager in the note (Word),
    /// in order: their items are the author's own records.
    pub embedded: Vec<EmbeddedCitation>,
}

impl From<SourceNote<'_>> for OwnedNote {
    fn from(note: SourceNote<'_>) -> OwnedNote {
        OwnedNote {
            label: note.label.into_owned(),
            text: note.text.to_string(),
            italics: Vec::new(),
            embedded: Vec::new(),
        }
    }
}

/// Why the notes of an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("not a zip archive: {0}")]
    NotZip(String),
    #[error("{0} is missing from the archive")]
    MissingPart(String),
    #[error("{part}: unreadable zip entry: {message}")]
    Zip { part: String, message: String },
    #[error("{part}: larger than {limit} bytes once decompressed (refused)")]
    TooLarge { part: String, limit: u64 },
    #[error("{part}: invalid XML at byte {offset}: {message}")]
    InvalidXml {
        part: String,
        offset: u64,
        message: String,
    },
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 { offset: usize },
    #[error("no column named {column:?} (columns: {available})")]
    NoColumn { column: String, available: String },
    #[error("CSV line {line}: {message}")]
    Csv { line: u64, message: String },
}

/// The formats notes can be read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown (see [`find_notes`]).
    Text,
    /// Word .docx footnotes and endnotes.
    Docx,
    /// OpenDocument .odt notes.
    Odt,
    /// One column of a CSV or TSV file.
    Table,
}

impl Format {
    /// The format a file name's extension says, `None` for extensions ibid
    /// does not read (so that a directory walk can skip them).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "text" | "md" | "markdown" => Some(Format::Text),
            "docx" => Some(Format::Docx),
            "odt" => Some(Format::Odt),
            "csv" | "tsv" => Some(Format::Table),
            _ => None,
        }
    }
}

/// Reads the notes of an input in the given format. `column` names the
/// spreadsheet column for [`Format::Table`] (the first when `None`).
pub fn read_notes(
    bytes: &[u8],
    format: Format,
    column: Option<&str>,
) -> Result<Vec<OwnedNote>, SourceError> {
    match format {
        Format::Text => read_markdown_or_text(bytes),
        Format::Docx => read_docx(bytes),
        Format::Odt => read_odt(bytes),
        Format::Table => read_csv_column(bytes, column),
    }
}

/// [`find_notes`] on bytes that must be UTF-8, with owned results.
pub fn read_markdown_or_text(bytes: &[u8]) -> Result<Vec<OwnedNote>, SourceError> {
    Ok(find_notes(utf8(bytes)?)
        .into_iter()
        .map(OwnedNote::from)
        .collect())
}

/// The bytes as text, or the offset of the first byte that is not UTF-8.
pub fn utf8(bytes: &[u8]) -> Result<&str, SourceError> {
    std::str::from_utf8(bytes).map_err(|e| SourceError::InvalidUtf8 {
        offset: e.valid_up_to(),
    })
}

/// How a note marker is printed at the start of its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Shape {
    /// `[12] text`
    Bracket,
    /// `12. text` (in a notes section, or a document that is a list)
    NumberDot,
    /// `12) text` (likewise)
    NumberParen,
    /// `12 text` or `12<tab>text` (likewise)
    NumberSpace,
    /// `¹² text`
    Superscript,
    /// `^12 text`
    Caret,
    /// `Note 12. text` (the words in `data/note-words.txt`)
    NoteWord,
    /// `[^label]: text`
    Markdown,
}

impl Shape {
    /// Plain numbers open many lines of prose and of ordinary lists: they
    /// mark notes only under a notes heading or in a document that is
    /// nothing but a list.
    fn is_plain(self) -> bool {
        matches!(
            self,
            Shape::NumberDot | Shape::NumberParen | Shape::NumberSpace
        )
    }

    /// The order in which a document with no notes heading prefers the
    /// shapes that may stand anywhere, when it holds several.
    fn preference(self) -> u8 {
        match self {
            Shape::Bracket => 0,
            Shape::Superscript => 1,
            Shape::Caret => 2,
            Shape::NoteWord => 3,
            _ => 4,
        }
    }
}

/// What the note finder looks for, in the words of its diagnostic for a
/// document where it finds no note.
pub const SHAPES_LOOKED_FOR: &str = "lines starting with a note marker ([1], ¹, ^1, Note 1), \
Markdown footnotes ([^1]: ...), numbered lines (1. / 1) / 1 followed by a space) under a notes \
heading such as \"Notes\" or \"Примечания\", or a document that is a numbered list";

/// A line-start marker that was not taken as a note, and why: reported so
/// that no candidate note disappears without a word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The marker's label as printed ("12", "¹²" reads "12").
    pub label: String,
    /// Byte span of the marker in the document.
    pub span: Range<usize>,
    /// The marker's line, from 1.
    pub line: usize,
    /// Why it is not a note (its text stays with the note or body around
    /// it).
    pub reason: String,
}

/// The notes of a document and the candidate markers that were not taken
/// as notes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found<'a> {
    pub notes: Vec<SourceNote<'a>>,
    pub skipped: Vec<Skipped>,
}

impl Found<'_> {
    /// The source stage's diagnostics for a document of text `doc` read
    /// from `file`: a warning for each marker not taken as a note (its span
    /// is the marker's bytes in the document), and an error when a
    /// document with text yields no note at all.
    pub fn diagnostics(&self, file: &str, doc: &str) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .skipped
            .iter()
            .map(|s| Diagnostic {
                severity: Severity::Warning,
                file: file.to_string(),
                note: s.label.clone(),
                position: 0,
                span: s.span.clone(),
                message: format!("line {}: not taken as a note: {}", s.line, s.reason),
            })
            .collect();
        if self.notes.is_empty() && !doc.trim().is_empty() {
            out.push(no_notes_diagnostic(file));
        }
        out
    }
}

/// The error for a document with text in which no note was found.
pub fn no_notes_diagnostic(file: &str) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: file.to_string(),
        note: String::new(),
        position: 0,
        span: 0..0,
        message: format!("no notes found; looked for {SHAPES_LOOKED_FOR}"),
    }
}

/// A note marker at the start of a line.
#[derive(Debug)]
struct Marker<'a> {
    /// Where the marker's line starts: the previous note ends before it.
    line_start: usize,
    /// Where the marker itself starts (after indentation).
    marker_start: usize,
    /// Where the note text may begin (just after the marker).
    body_start: usize,
    label: Cow<'a, str>,
    /// The label's value for numbered shapes (0 for Markdown labels).
    number: u32,
    shape: Shape,
    /// The notes section (from 1, one per notes heading) the line is in;
    /// 0 outside any.
    section: usize,
    /// The paragraph (run of non-blank lines, counted from 0) the line is in.
    paragraph: usize,
    /// The line opens its paragraph.
    paragraph_start: bool,
    /// The line's number, from 1.
    line: usize,
}

/// Finds the notes of a plain-text or Markdown document, in document
/// order, with their labels as printed and the exact byte span of each
/// note's text (see [`find_notes_reporting`] for the rules).
pub fn find_notes(doc: &str) -> Vec<SourceNote<'_>> {
    find_notes_reporting(doc).notes
}

/// Finds the notes of a plain-text or Markdown document, and reports the
/// line-start markers it did not take as notes.
///
/// Which markers open notes:
/// - Markdown definitions `[^label]:` always.
/// - Under notes headings (`data/notes-headings.txt`; a Markdown heading
///   of another name ends the section): the markers of each section's
///   first shape, plain numbers included. Bracket-like markers outside the
///   sections are body text (reported).
/// - Without a notes heading: a document whose first line is a numbered
///   line is a list of notes of that shape; otherwise the notes are the
///   bracket-like markers (`[12]`, `¹²`, `^12`, `Note 12`) of the shape
///   most used.
///
/// Among those, numbering may start anywhere, jump, restart, repeat or
/// run out of order. A marker is a note when its line opens a paragraph,
/// when its paragraph already holds a note (notes on consecutive lines),
/// or when it continues the numbering (`[2]` after note 1, even after a
/// second paragraph of note 1). A marker inside a paragraph of body text
/// is a wrapped body reference; a marker that interrupts a run (`[1950]`
/// between notes 2 and 3, more than [`RUN_INTERRUPTION`] away) is text of
/// the note before it. Both are reported.
pub fn find_notes_reporting(doc: &str) -> Found<'_> {
    let markers = scan_markers(doc);
    let mut skipped = Vec::new();
    let candidates = candidate_groups(&markers, &mut skipped);
    let mut accepted: Vec<usize> = Vec::with_capacity(markers.len());
    for group in &candidates {
        accept_group(&markers, group, &mut accepted, &mut skipped);
    }
    accepted.extend((0..markers.len()).filter(|&i| markers[i].shape == Shape::Markdown));
    accepted.sort_unstable();
    skipped.sort_by_key(|s| s.span.start);
    let mut notes = Vec::with_capacity(accepted.len());
    for (k, &i) in accepted.iter().enumerate() {
        let marker = &markers[i];
        let next = accepted.get(k + 1).map(|&n| &markers[n]);
        let limit = next.map_or(doc.len(), |next| next.line_start);
        let list_goes_on = next.is_some_and(|next| {
            next.shape == marker.shape
                && next.section == marker.section
                && next.number == marker.number.wrapping_add(1)
        });
        let end = if marker.shape == Shape::Markdown {
            markdown_definition_end(doc, marker.body_start, limit)
        } else if list_goes_on {
            limit
        } else {
            paragraph_end(doc, marker.body_start, limit)
        };
        let raw = &doc[marker.body_start..end];
        let text = raw.trim();
        let start = marker.body_start + (raw.len() - raw.trim_start().len());
        notes.push(SourceNote {
            label: marker.label.clone(),
            text,
            span: start..start + text.len(),
        });
    }
    Found { notes, skipped }
}

/// How far (in note numbers) a marker may stand from the run it
/// interrupts and still be a note out of order rather than text.
pub const RUN_INTERRUPTION: u32 = 4;

/// The markers that may open notes, in groups numbered on their own (one
/// per notes section, or the whole document), each in document order.
/// Markers of a bracket-like shape left out are reported in `skipped`;
/// plain numbers left out are ordinary text and are not.
fn candidate_groups(markers: &[Marker], skipped: &mut Vec<Skipped>) -> Vec<Vec<usize>> {
    let mut skip = |m: &Marker, reason: &str| {
        if !m.shape.is_plain() {
            skipped.push(skipped_marker(m, reason.to_string()));
        }
    };
    let numbered = || {
        markers
            .iter()
            .enumerate()
            .filter(|(_, m)| m.shape != Shape::Markdown)
    };
    if numbered().any(|(_, m)| m.section > 0) {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut shapes: HashMap<usize, Shape> = HashMap::new();
        let mut group_of: HashMap<usize, usize> = HashMap::new();
        for (i, m) in numbered() {
            if m.section == 0 {
                skip(m, "a note marker outside the notes section (body text)");
                continue;
            }
            let shape = *shapes.entry(m.section).or_insert(m.shape);
            if shape != m.shape {
                skip(
                    m,
                    "a note marker of another shape than the notes of its section",
                );
                continue;
            }
            let g = *group_of.entry(m.section).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(i);
        }
        return groups;
    }
    let mut counts: HashMap<Shape, usize> = HashMap::new();
    for (_, m) in numbered() {
        *counts.entry(m.shape).or_default() += 1;
    }
    let count = |shape: Shape| counts.get(&shape).copied().unwrap_or(0);
    let bracket_like = counts
        .iter()
        .filter(|(s, _)| !s.is_plain())
        .map(|(&s, &n)| (n, std::cmp::Reverse(s.preference()), s))
        .max()
        .map(|(n, _, s)| (n, s));
    // A document whose first line is a numbered line is a list of notes,
    // unless bracket-like markers outnumber its numbered lines (an article
    // that happens to open with a date).
    let list = markers
        .first()
        .filter(|m| m.paragraph == 0 && m.paragraph_start && m.shape.is_plain())
        .map(|m| (count(m.shape), m.shape))
        .filter(|&(n, _)| bracket_like.is_none_or(|(b, _)| n > b));
    let shape = list.or(bracket_like).map(|(_, s)| s);
    let Some(shape) = shape else {
        return Vec::new();
    };
    let mut group = Vec::new();
    for (i, m) in numbered() {
        if m.shape == shape {
            group.push(i);
        } else {
            skip(
                m,
                "a note marker of another shape than the notes of the document",
            );
        }
    }
    vec![group]
}

/// Decides which markers of one group open notes (see
/// [`find_notes_reporting`]); the others go to `skipped`.
fn accept_group(
    markers: &[Marker],
    group: &[usize],
    accepted: &mut Vec<usize>,
    skipped: &mut Vec<Skipped>,
) {
    let mut last: Option<u32> = None;
    let mut note_paragraph: Option<usize> = None;
    for (k, &i) in group.iter().enumerate() {
        let m = &markers[i];
        let continues = last.is_some_and(|p| m.number == p.wrapping_add(1));
        if !(m.paragraph_start || continues || note_paragraph == Some(m.paragraph)) {
            skipped.push(skipped_marker(
                m,
                "a note marker starting a line inside a paragraph of body text (a wrapped reference, not a note)".to_string(),
            ));
            continue;
        }
        if let Some(p) = last {
            let resumes = group
                .get(k + 1)
                .is_some_and(|&n| markers[n].number == p.wrapping_add(1));
            if resumes && m.number != p && !continues && m.number.abs_diff(p) > RUN_INTERRUPTION {
                skipped.push(skipped_marker(
                    m,
                    format!(
                        "a note marker between notes {p} and {} (read as text of note {p})",
                        p.wrapping_add(1)
                    ),
                ));
                continue;
            }
        }
        accepted.push(i);
        last = Some(m.number);
        note_paragraph = Some(m.paragraph);
    }
}

fn skipped_marker(m: &Marker, reason: String) -> Skipped {
    Skipped {
        label: m.label.to_string(),
        span: m.marker_start..m.body_start,
        line: m.line,
        reason,
    }
}

/// Iterates over the lines of `doc` from `from` to `limit` as
/// `(line_start, line)`, the line without its `\n`.
fn lines_between(doc: &str, from: usize, limit: usize) -> impl Iterator<Item = (usize, &str)> {
    let bytes = &doc.as_bytes()[..limit];
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= limit {
            return None;
        }
        let end = memchr(b'\n', &bytes[pos..]).map_or(limit, |i| pos + i);
        let start = pos;
        pos = end + 1;
        Some((start, &doc[start..end]))
    })
}

/// Every line that starts with a note marker, in document order, with its
/// notes section and paragraph.
fn scan_markers(doc: &str) -> Vec<Marker<'_>> {
    let mut markers = Vec::new();
    let mut section = 0;
    let mut in_section = false;
    let mut paragraph = 0;
    let mut paragraph_open = false;
    for (index, (line_start, line)) in lines_between(doc, 0, doc.len()).enumerate() {
        if line.trim().is_empty() {
            if paragraph_open {
                paragraph += 1;
                paragraph_open = false;
            }
            continue;
        }
        if let Some(found) = line_marker(line) {
            let paragraph_start = !paragraph_open;
            paragraph_open = true;
            markers.push(Marker {
                line_start,
                marker_start: line_start + found.marker_start,
                body_start: line_start + found.body_start,
                label: found.label,
                number: found.number,
                shape: found.shape,
                section: if in_section { section } else { 0 },
                paragraph,
                paragraph_start,
                line: index + 1,
            });
            continue;
        }
        match heading(line) {
            Heading::Notes => {
                section += 1;
                in_section = true;
            }
            Heading::Other => in_section = false,
            Heading::Text => {
                paragraph_open = true;
                continue;
            }
        }
        // A heading closes the paragraph before it.
        if paragraph_open {
            paragraph += 1;
            paragraph_open = false;
        }
    }
    markers
}

/// What a line that is not a note marker does to the notes section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Heading {
    /// A notes heading ("Notes", "## Примечания"): a section starts.
    Notes,
    /// A Markdown heading of another name: the section ends.
    Other,
    Text,
}

fn heading(line: &str) -> Heading {
    if is_notes_heading(line) {
        Heading::Notes
    } else if line.trim_start().starts_with('#') {
        Heading::Other
    } else {
        Heading::Text
    }
}

/// A note marker found at the start of one line.
#[derive(Debug)]
struct LineMarker<'a> {
    /// Offset in the line where the marker starts.
    marker_start: usize,
    /// Offset in the line where the note text may begin.
    body_start: usize,
    label: Cow<'a, str>,
    number: u32,
    shape: Shape,
}

/// The note marker a line starts with, if any, of any shape (plain
/// numbers included: whether they count depends on where they stand).
fn line_marker(line: &str) -> Option<LineMarker<'_>> {
    // Indentation, and the invisible characters a conversion may leave at
    // a line start (a byte-order mark kept as text, a zero-width space).
    let content = line.trim_start_matches([' ', '\t', '\u{FEFF}', '\u{200B}', '\u{2060}']);
    let indent = line.len() - content.len();
    let &first = content.as_bytes().first()?;
    let number = |label: &str| label.parse().unwrap_or(0);
    let (rest, label, number, shape): (&str, Cow<str>, u32, Shape) = match first {
        b'[' => {
            if let Ok((rest, label)) = markdown_marker(content) {
                if indent >= 4 {
                    return None;
                }
                (rest, label.into(), 0, Shape::Markdown)
            } else {
                let (rest, label) = bracket_marker(content).ok()?;
                if rest.starts_with([':', '(']) {
                    return None;
                }
                (rest, label.into(), number(label), Shape::Bracket)
            }
        }
        b'0'..=b'9' => {
            let (rest, (label, shape)) = numbered_marker(content).ok()?;
            (rest, label.into(), number(label), shape)
        }
        b'^' => {
            let (rest, label) = caret_marker(content).ok()?;
            (rest, label.into(), number(label), Shape::Caret)
        }
        _ => {
            if let Some((rest, label)) = superscript_marker(content) {
                let n = number(&label);
                (rest, label.into(), n, Shape::Superscript)
            } else {
                let (rest, label) = note_word_marker(content)?;
                (rest, label.into(), number(label), Shape::NoteWord)
            }
        }
    };
    if shape != Shape::Markdown && rest.trim().is_empty() {
        return None;
    }
    Some(LineMarker {
        marker_start: indent,
        body_start: line.len() - rest.len(),
        label,
        number,
        shape,
    })
}

/// The marker a line opens for a reader that goes line by line (the
/// stream): plain numbers count only while `in_notes_section`, which
/// headings switch.
fn line_marker_in_section<'a>(
    line: &'a str,
    in_notes_section: &mut bool,
) -> Option<LineMarker<'a>> {
    if line.trim().is_empty() {
        return None;
    }
    if let Some(m) = line_marker(line) {
        return (!m.shape.is_plain() || *in_notes_section).then_some(m);
    }
    match heading(line) {
        Heading::Notes => *in_notes_section = true,
        Heading::Other => *in_notes_section = false,
        Heading::Text => {}
    }
    None
}

/// End of a list's last note: the first blank line after its text starts.
fn paragraph_end(doc: &str, from: usize, limit: usize) -> usize {
    let mut seen_text = false;
    for (line_start, line) in lines_between(doc, from, limit) {
        if line.trim().is_empty() {
            if seen_text {
                return line_start;
            }
        } else {
            seen_text = true;
        }
    }
    limit
}

/// End of a Markdown footnote definition: indented lines continue it, even
/// after blank lines; an unindented line continues it only directly after
/// a line of text (a lazy continuation) and when it is not a heading.
fn markdown_definition_end(doc: &str, from: usize, limit: usize) -> usize {
    let mut end = limit;
    let mut previous_blank = false;
    for (k, (line_start, line)) in lines_between(doc, from, limit).enumerate() {
        if k == 0 {
            end = line_start + line.len();
            continue;
        }
        if line.trim().is_empty() {
            previous_blank = true;
            continue;
        }
        let indented = line.starts_with(['\t', ' ']);
        let lazy = !previous_blank && !line.starts_with('#');
        if !(indented || lazy) {
            return end;
        }
        end = line_start + line.len();
        previous_blank = false;
    }
    end
}

/// The headings that introduce notes, lowercased, from
/// `data/notes-headings.txt`.
fn notes_headings() -> &'static [String] {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    LIST.get_or_init(|| data_words(include_str!("../../data/notes-headings.txt")))
}

/// The words that may open a note as "Note 12", lowercased, from
/// `data/note-words.txt`.
fn note_words() -> &'static [String] {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    LIST.get_or_init(|| data_words(include_str!("../../data/note-words.txt")))
}

/// The non-comment lines of a data file, trimmed and lowercased.
fn data_words(source: &str) -> Vec<String> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
}

/// True for a heading line that introduces the notes ("Notes",
/// "## Endnotes", "FOOTNOTES:", "Примечания", "Notes and References").
fn is_notes_heading(line: &str) -> bool {
    let title = line
        .trim()
        .trim_start_matches('#')
        .trim_end_matches(['#', ':', '.'])
        .trim();
    // Headings are short: no need to lowercase a paragraph.
    if title.is_empty() || title.len() > 64 {
        return false;
    }
    let title = crate::text::squash_spaces(&title.to_lowercase());
    notes_headings().contains(&title)
}

/// `[12]`: the label's digits.
fn bracket_marker(s: &str) -> IResult<&str, &str> {
    delimited(char('['), digits, char(']'))(s)
}

/// `[^label]:`: the label.
fn markdown_marker(s: &str) -> IResult<&str, &str> {
    terminated(
        delimited(
            tag("[^"),
            take_till1(|c: char| c == ']' || c == '\n'),
            char(']'),
        ),
        char(':'),
    )(s)
}

/// `12.`, `12)` or `12` followed by white space: the digits and the shape.
fn numbered_marker(s: &str) -> IResult<&str, (&str, Shape)> {
    let space = |s| peek(take_while_m_n(1, 1, |c: char| c.is_whitespace()))(s);
    pair(
        digits,
        alt((
            value(Shape::NumberDot, terminated(char('.'), space)),
            value(Shape::NumberParen, terminated(char(')'), space)),
            map(space, |_| Shape::NumberSpace),
        )),
    )(s)
}

/// `^12` followed by white space, `.` or `)`: the digits.
fn caret_marker(s: &str) -> IResult<&str, &str> {
    let space = |s| peek(take_while_m_n(1, 1, |c: char| c.is_whitespace()))(s);
    let (rest, label) = preceded(char('^'), digits)(s)?;
    let (rest, _) = alt((value((), terminated(one_of(".)"), space)), value((), space)))(rest)?;
    Ok((rest, label))
}

/// A run of superscript digits (`¹²`) followed by text: the digits as
/// ASCII ("12").
fn superscript_marker(s: &str) -> Option<(&str, String)> {
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut label = String::new();
    let mut end = 0;
    for (i, c) in s.char_indices() {
        match SUPERSCRIPTS.iter().position(|&d| d == c) {
            Some(d) if label.len() < 9 => {
                label.push(char::from(b'0' + d as u8));
                end = i + c.len_utf8();
            }
            _ => break,
        }
    }
    (!label.is_empty()).then(|| (s[end..].trim_start_matches(['.', ')']), label))
}

/// `Note 12.`, `Note 12:`, `Note 12)` or `Note 12` followed by white
/// space, with the words of `data/note-words.txt`: the digits.
fn note_word_marker(s: &str) -> Option<(&str, &str)> {
    let word_end = s.find(|c: char| !c.is_alphabetic() && c != '.')?;
    let word = &s[..word_end];
    if word.is_empty() || word.len() > 32 {
        return None;
    }
    let lower = word.to_lowercase();
    if !note_words().contains(&lower) {
        return None;
    }
    let after = s[word_end..].strip_prefix([' ', '\t', '\u{a0}'])?;
    let (rest, label) = digits(after).ok()?;
    let rest = rest.strip_prefix(['.', ':', ')']).unwrap_or(rest);
    rest.starts_with(char::is_whitespace)
        .then_some((rest, label))
}

/// One to nine ASCII digits: any note number up to the largest document
/// (a label of six digits is note 100,000), and always within `u32`.
fn digits(s: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 9, |c: char| c.is_ascii_digit())(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_parse() {
        assert_eq!(bracket_marker("[31]Gon"), Ok(("Gon", "31")));
        assert!(bracket_marker("[EAM1] x").is_err());
        assert_eq!(markdown_marker("[^note-a]: x"), Ok((" x", "note-a")));
        assert_eq!(
            numbered_marker("3. See"),
            Ok((" See", ("3", Shape::NumberDot)))
        );
        assert_eq!(
            numbered_marker("3 See"),
            Ok((" See", ("3", Shape::NumberSpace)))
        );
        assert!(numbered_marker("1.5 million").is_err());
        assert!(is_notes_heading("## Notes"));
        assert!(is_notes_heading("ENDNOTES:"));
        assert!(!is_notes_heading("Notes on the text"));
    }
}
