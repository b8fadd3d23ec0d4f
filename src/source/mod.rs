//! Finding the notes of a document, wherever they live.
//!
//! [`find_notes`] reads plain text and Markdown without copying; the
//! packaged formats are read into [`OwnedNote`]s: Word footnotes and
//! endnotes ([`read_docx`]), OpenDocument notes ([`read_odt`]) and one
//! column of a spreadsheet ([`read_csv_column`]). [`read_notes`] picks the
//! reader for a [`Format`], which [`Format::from_path`] guesses from a file
//! name.
//!
//! Three plain-text shapes are recognised, in one linear pass over the
//! lines of the document:
//!
//! - an endnote list of lines starting with `[n]` whose numbers run
//!   1, 2, 3 ... (`[31]text` and `[55]   text` alike); footnote references
//!   inside the body (`...war.[12]`) and editorial markers (`[EAM1]`) are
//!   not notes;
//! - a `Notes` / `Endnotes` / `Footnotes` heading followed by numbered
//!   lines `1. text`, `1) text` or `1 text`;
//! - Markdown footnote definitions `[^label]: text`, with indented (or
//!   lazy) continuation lines.
//!
//! A numbered note runs until the next note marker; the lines in between
//! belong to it and blank lines are skipped. The last note of a list ends
//! at the first blank line after its text, so that whatever follows the
//! list (a bibliography, the next chapter) is not swallowed.

mod citefield;
mod docx;
mod odt;
mod package;
pub mod stream;
mod table;

pub use citefield::{EmbeddedCitation, EmbeddedItem};
pub use docx::read_docx;
pub use odt::read_odt;
pub use package::MAX_PART_BYTES;
pub use table::read_csv_column;

use std::collections::HashMap;
use std::ops::Range;

use memchr::memchr;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::{map, peek, value};
use nom::sequence::{delimited, pair, terminated};
use nom::IResult;

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
            label: note.label.to_string(),
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Shape {
    /// `[12] text`
    Bracket,
    /// `12. text` (only under a notes heading)
    NumberDot,
    /// `12) text` (only under a notes heading)
    NumberParen,
    /// `12 text` (only under a notes heading)
    NumberSpace,
    /// `[^label]: text`
    Markdown,
}

/// A note marker at the start of a line.
#[derive(Debug)]
struct Marker<'a> {
    /// Where the marker's line starts: the previous note ends before it.
    line_start: usize,
    /// Where the note text may begin (just after the marker).
    body_start: usize,
    label: &'a str,
    /// The label's value for numbered shapes (0 for Markdown labels).
    number: u32,
    shape: Shape,
}

/// Finds the notes of a plain-text or Markdown document, in document
/// order, with their labels as printed and the exact byte span of each
/// note's text.
pub fn find_notes(doc: &str) -> Vec<SourceNote<'_>> {
    let markers = scan_markers(doc);
    let ends_list = select_markers(&markers);
    let kept: Vec<usize> = (0..markers.len())
        .filter(|&i| ends_list[i].is_some())
        .collect();
    let mut notes = Vec::with_capacity(kept.len());
    for (k, &i) in kept.iter().enumerate() {
        let marker = &markers[i];
        let limit = kept
            .get(k + 1)
            .map_or(doc.len(), |&next| markers[next].line_start);
        let end = if marker.shape == Shape::Markdown {
            markdown_definition_end(doc, marker.body_start, limit)
        } else if ends_list[i] == Some(true) {
            paragraph_end(doc, marker.body_start, limit)
        } else {
            limit
        };
        let raw = &doc[marker.body_start..end];
        let text = raw.trim();
        let start = marker.body_start + (raw.len() - raw.trim_start().len());
        notes.push(SourceNote {
            label: marker.label,
            text,
            span: start..start + text.len(),
        });
    }
    notes
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

/// Every line that starts with a note marker, in document order. Numbered
/// lines count only after a notes heading.
fn scan_markers(doc: &str) -> Vec<Marker<'_>> {
    let mut markers = Vec::new();
    let mut in_notes_section = false;
    for (line_start, line) in lines_between(doc, 0, doc.len()) {
        if let Some(found) = line_marker(line, &mut in_notes_section) {
            markers.push(Marker {
                line_start,
                body_start: line_start + found.body_start,
                label: found.label,
                number: found.number,
                shape: found.shape,
            });
        }
    }
    markers
}

/// A note marker found at the start of one line.
#[derive(Debug)]
struct LineMarker<'a> {
    /// Offset in the line where the note text may begin.
    body_start: usize,
    label: &'a str,
    number: u32,
    shape: Shape,
}

/// The note marker a line starts with, if any. Headings switch
/// `in_notes_section`, under which numbered lines count as markers.
fn line_marker<'a>(line: &'a str, in_notes_section: &mut bool) -> Option<LineMarker<'a>> {
    let content = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - content.len();
    let &first = content.as_bytes().first()?;
    let found = match first {
        b'[' => markdown_marker(content)
            .map(|(rest, label)| (rest, label, 0, Shape::Markdown))
            .or_else(|_| {
                bracket_marker(content)
                    .map(|(rest, label)| (rest, label, label.parse().unwrap_or(0), Shape::Bracket))
            })
            .ok()
            .filter(|(rest, ..)| !rest.starts_with([':', '(']))
            .filter(|(_, _, _, shape)| *shape != Shape::Markdown || indent < 4),
        b'0'..=b'9' if *in_notes_section => numbered_marker(content)
            .ok()
            .filter(|(rest, ..)| !rest.trim().is_empty())
            .map(|(rest, (label, shape))| (rest, label, label.parse().unwrap_or(0), shape)),
        b'#' => {
            *in_notes_section = is_notes_heading(content);
            None
        }
        _ => {
            if is_notes_heading(content) {
                *in_notes_section = true;
            }
            None
        }
    };
    found.map(|(rest, label, number, shape)| LineMarker {
        body_start: line.len() - rest.len(),
        label,
        number,
        shape,
    })
}

/// Decides which markers open notes. A numbered list is a chain of markers
/// of one shape whose numbers go up by one; a marker that continues no
/// chain starts a new one, and when two chains wait for the same number
/// the more recent one takes it. Chains of a single marker that is not the
/// only one, and chains that start past 1 and end before the longest chain
/// begins (body references wrapped to a line start), are not notes.
///
/// Returns, per marker, `None` when it opens no note, `Some(true)` when it
/// opens the last note of its list, `Some(false)` otherwise.
fn select_markers(markers: &[Marker]) -> Vec<Option<bool>> {
    let mut chains: Vec<Vec<usize>> = Vec::new();
    let mut waiting: HashMap<(Shape, u32), usize> = HashMap::new();
    let mut result = vec![None; markers.len()];
    for (i, marker) in markers.iter().enumerate() {
        if marker.shape == Shape::Markdown {
            result[i] = Some(false);
            continue;
        }
        let chain = match waiting.remove(&(marker.shape, marker.number)) {
            Some(chain) => chain,
            None => {
                chains.push(Vec::new());
                chains.len() - 1
            }
        };
        chains[chain].push(i);
        waiting.insert((marker.shape, marker.number.saturating_add(1)), chain);
    }
    let Some(longest) = chains.iter().max_by_key(|c| c.len()) else {
        return result;
    };
    let longest_start = markers[longest[0]].line_start;
    let only_chain = chains.len() == 1;
    for chain in &chains {
        let first = &markers[chain[0]];
        let last = &markers[chain[chain.len() - 1]];
        let starts_at_one = first.number == 1;
        let long_enough = chain.len() >= 2
            || only_chain
            || (starts_at_one
                && (first.shape != Shape::Bracket || first.line_start >= longest_start));
        let placed = starts_at_one || last.line_start >= longest_start;
        if long_enough && placed {
            for &i in chain {
                result[i] = Some(false);
            }
            result[chain[chain.len() - 1]] = Some(true);
        }
    }
    result
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

/// True for a heading line that introduces the notes ("Notes",
/// "## Endnotes", "FOOTNOTES:").
fn is_notes_heading(line: &str) -> bool {
    let title = line
        .trim()
        .trim_start_matches('#')
        .trim_end_matches(['#', ':', '.'])
        .trim();
    ["notes", "endnotes", "end notes", "footnotes"]
        .iter()
        .any(|h| title.eq_ignore_ascii_case(h))
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
            take_till1(|c: char| c == ']' || c.is_whitespace()),
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
