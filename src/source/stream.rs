//! Finding the notes of a plain-text or Markdown document as a stream:
//! one line read at a time, one note handed out at a time, so that a file
//! of any size runs in memory bounded by its longest note.
//!
//! The shapes are those of [`super::find_notes`], decided with what a
//! stream can know. A numbered list starts at 1 and each marker continues
//! it with the next number (another number at a line start is text of the
//! note, as a wrapped body reference would be); a new `1` starts a new
//! list. A note runs to the next marker of its list, and the last note of
//! a list ends at the first blank line after its text; lines read after
//! such a blank line are held back until the list continues, up to
//! [`MAX_HELD_BYTES`], beyond which the list is taken to have ended.
//! On the documents `find_notes` reads (endnote lists that start at 1)
//! both give the same notes; lists that start past 1, jump or run out of
//! order, and plain numbered lists without a notes heading, are read only
//! by `find_notes`, which sees the whole document (the batch reads files
//! whole up to `batch::STREAM_ABOVE_BYTES`).

use super::{line_marker_in_section, Shape};
use std::io::BufRead;
use std::ops::Range;

/// Text held back after a blank line while waiting for the list to
/// continue; past this much the note is closed at the blank line.
pub const MAX_HELD_BYTES: usize = 1 << 20;

/// A note read from a stream, owning its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamNote {
    /// The note's label as printed, without brackets.
    pub label: String,
    /// The note text, trimmed, without its marker.
    pub text: String,
    /// Byte span of `text` in the document (after a UTF-8 byte-order mark).
    pub span: Range<usize>,
}

/// Why a stream could not be read.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 { offset: usize },
}

/// The note being read.
struct Open {
    label: String,
    shape: Shape,
    /// Text from just after the marker, lines with their `\n`.
    text: String,
    /// Document offset of `text`.
    start: usize,
    /// Whether a line with text has been read (a blank line before any
    /// text does not end the note).
    seen_text: bool,
    /// Lines read after a blank line that followed text (numbered notes),
    /// or blank lines (Markdown notes): the note's only if it continues.
    held: String,
    /// A Markdown definition that has ended: later lines are not its own.
    closed: bool,
}

/// Reads notes one at a time from a [`BufRead`]; see the module docs.
pub struct NoteReader<R> {
    input: R,
    lossy: bool,
    replaced: bool,
    /// Document offset of the next line.
    offset: usize,
    first_line: bool,
    in_notes_section: bool,
    /// The shape and number of the last marker of the current list.
    list: Option<(Shape, u32)>,
    open: Option<Open>,
    line: Vec<u8>,
    done: bool,
}

impl<R: BufRead> NoteReader<R> {
    /// A reader over UTF-8 text; with `lossy`, invalid bytes become U+FFFD
    /// (see [`NoteReader::replaced`]) instead of an error.
    pub fn new(input: R, lossy: bool) -> NoteReader<R> {
        NoteReader {
            input,
            lossy,
            replaced: false,
            offset: 0,
            first_line: true,
            in_notes_section: false,
            list: None,
            open: None,
            line: Vec::new(),
            done: false,
        }
    }

    /// True once invalid UTF-8 has been replaced (with `lossy`).
    pub fn replaced(&self) -> bool {
        self.replaced
    }

    /// Reads lines until a note is complete; `None` at the end.
    fn next_note(&mut self) -> Result<Option<StreamNote>, StreamError> {
        while !self.done {
            let mut buffer = std::mem::take(&mut self.line);
            buffer.clear();
            let read = self.input.read_until(b'\n', &mut buffer)?;
            if read == 0 {
                self.done = true;
                return Ok(self.open.take().map(finish));
            }
            let mut bytes = &buffer[..];
            if self.first_line {
                self.first_line = false;
                bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            }
            let newline = bytes.last() == Some(&b'\n');
            let bytes = if newline {
                &bytes[..bytes.len() - 1]
            } else {
                bytes
            };
            let decoded;
            let line = match std::str::from_utf8(bytes) {
                Ok(line) => line,
                Err(_) if self.lossy => {
                    self.replaced = true;
                    decoded = String::from_utf8_lossy(bytes).into_owned();
                    &decoded
                }
                Err(e) => {
                    return Err(StreamError::InvalidUtf8 {
                        offset: self.offset + e.valid_up_to(),
                    })
                }
            };
            let line_start = self.offset;
            self.offset = line_start + line.len() + usize::from(newline);
            let note = self.take_line(line, line_start);
            self.line = buffer;
            if note.is_some() {
                return Ok(note);
            }
        }
        Ok(None)
    }

    /// Handles one line; returns the note it completes, if any.
    fn take_line(&mut self, line: &str, line_start: usize) -> Option<StreamNote> {
        let marker = line_marker_in_section(line, &mut self.in_notes_section);
        let opens = marker.as_ref().filter(|m| match m.shape {
            Shape::Markdown => true,
            shape => m.number == 1 || self.list == Some((shape, m.number.wrapping_sub(1))),
        });
        if let Some(m) = opens {
            let continues = m.shape != Shape::Markdown && m.number != 1;
            let done = self.open.take().map(|mut open| {
                if continues {
                    let held = std::mem::take(&mut open.held);
                    open.text.push_str(&held);
                }
                finish(open)
            });
            self.list = (m.shape != Shape::Markdown).then_some((m.shape, m.number));
            let body = &line[m.body_start..];
            self.open = Some(Open {
                label: m.label.to_string(),
                shape: m.shape,
                text: format!("{body}\n"),
                start: line_start + m.body_start,
                seen_text: !body.trim().is_empty(),
                held: String::new(),
                closed: false,
            });
            return done;
        }
        let open = self.open.as_mut()?;
        let blank = line.trim().is_empty();
        if open.shape == Shape::Markdown {
            if open.closed {
                return None;
            }
            if blank {
                open.held.push_str(line);
                open.held.push('\n');
                return None;
            }
            let indented = line.starts_with(['\t', ' ']);
            let lazy = open.held.is_empty() && !line.starts_with('#');
            if indented || lazy {
                let held = std::mem::take(&mut open.held);
                open.text.push_str(&held);
                open.text.push_str(line);
                open.text.push('\n');
            } else {
                open.closed = true;
            }
            return None;
        }
        if !open.held.is_empty() || (blank && open.seen_text) {
            open.held.push_str(line);
            open.held.push('\n');
            if open.held.len() > MAX_HELD_BYTES {
                self.list = None;
                return self.open.take().map(finish);
            }
            return None;
        }
        open.seen_text |= !blank;
        open.text.push_str(line);
        open.text.push('\n');
        None
    }
}

/// The note as handed out: text trimmed, span adjusted.
fn finish(open: Open) -> StreamNote {
    let trimmed_start = open.text.len() - open.text.trim_start().len();
    let text = open.text.trim().to_string();
    let start = open.start + trimmed_start;
    StreamNote {
        label: open.label,
        span: start..start + text.len(),
        text,
    }
}

impl<R: BufRead> Iterator for NoteReader<R> {
    type Item = Result<StreamNote, StreamError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_note().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(
        doc: &str,
    ) -> (
        Vec<(String, String, Range<usize>)>,
        Vec<(String, String, Range<usize>)>,
    ) {
        let whole = super::super::find_notes(doc)
            .into_iter()
            .map(|n| (n.label.to_string(), n.text.to_string(), n.span))
            .collect();
        let streamed = NoteReader::new(doc.as_bytes(), false)
            .map(|n| n.map(|n| (n.label, n.text, n.span)))
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        (whole, streamed)
    }

    #[test]
    fn agrees_with_find_notes() {
        let docs = [
            "Body with a reference.[1]\n\n[1] First note\ncontinued.\n\n[2] Second.\n\nBibliography\nSmith.\n",
            "Notes\n1. One.\n2. Two,\n\nstill two.\n3. Three.\n",
            "Text[^a].\n\n[^a]: A note\n    indented\nlazy\n\n# Next\n",
            "[1] a\n[2] b\n[7] wrapped reference\n[3] c\n\n[1] next chapter\n[2] d\n",
            "\u{FEFF}[1] after a byte-order mark\n",
        ];
        for doc in docs {
            let doc = doc.trim_start_matches('\u{FEFF}');
            let (whole, streamed) = both(doc);
            assert_eq!(whole, streamed, "{doc:?}");
            assert!(!whole.is_empty());
        }
    }

    #[test]
    fn fixtures_agree() {
        for path in [
            "fixtures/korean-war-origins.txt",
            "fixtures/russian/russian-notes.txt",
            "fixtures/archival/archival-notes.txt",
        ] {
            let doc = std::fs::read_to_string(
                concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + path,
            )
            .unwrap();
            let (whole, streamed) = both(&doc);
            assert_eq!(whole.len(), streamed.len(), "{path}");
            assert_eq!(whole, streamed, "{path}");
        }
    }

    #[test]
    fn invalid_utf8_is_an_error_or_replaced() {
        let bytes: &[u8] = b"[1] ok\n[2] bad \xFF here\n";
        let err = NoteReader::new(bytes, false)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_err();
        assert!(
            matches!(err, StreamError::InvalidUtf8 { offset: 15 }),
            "{err:?}"
        );
        let mut reader = NoteReader::new(bytes, true);
        let notes: Vec<_> = reader.by_ref().collect::<Result<_, _>>().unwrap();
        assert_eq!(notes[1].text, "bad \u{FFFD} here");
        assert!(reader.replaced());
    }
}
