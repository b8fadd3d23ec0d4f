//! Reading input files: which files a batch holds, and their text.
//!
//! Text files may be UTF-8 (with or without a byte-order mark) or UTF-16
//! with a byte-order mark (Word's "Unicode text" export). Anything else
//! that is not valid UTF-8 is an error naming the byte offset, unless the
//! caller asks for lossy decoding.

use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why an input could not be read.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: invalid UTF-8 at byte {offset} (use --lossy to replace bad bytes)")]
    InvalidUtf8 { path: String, offset: usize },
    #[error("{path}: invalid UTF-16 text")]
    InvalidUtf16 { path: String },
    #[error("{path}: {message}")]
    Unreadable { path: String, message: String },
}

/// File extensions read when a directory is given.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "docx", "odt", "csv", "tsv"];

/// Expands the inputs of a batch: files as given, directories recursively
/// (files with a known extension, sorted so the order is deterministic),
/// "-" for standard input.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(input.clone());
        } else if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &mut found)?;
            found.sort();
            out.extend(found);
        } else if input.exists() {
            out.push(input.clone());
        } else {
            return Err(InputError::Io {
                path: input.display().to_string(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file or directory",
                ),
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let entries = std::fs::read_dir(dir).map_err(|e| InputError::Io {
        path: dir.display().to_string(),
        source: e,
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| InputError::Io {
            path: dir.display().to_string(),
            source: e,
        })?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads the raw bytes of an input ("-" is standard input).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map_err(|e| {
            InputError::Io {
                path: name,
                source: e,
            }
        })?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| InputError::Io {
            path: name,
            source: e,
        })
    }
}

/// Decodes the bytes of a text input. UTF-16 needs a byte-order mark; a
/// UTF-8 byte-order mark is dropped. With `lossy`, invalid UTF-8 becomes
/// U+FFFD and the returned flag says that happened.
pub fn decode_text(path: &str, bytes: Vec<u8>, lossy: bool) -> Result<(String, bool), InputError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(path, rest, u16::from_le_bytes).map(|s| (s, false));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(path, rest, u16::from_be_bytes).map(|s| (s, false));
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, false)),
        Err(e) if lossy => Ok((String::from_utf8_lossy(e.as_bytes()).into_owned(), true)),
        Err(e) => Err(InputError::InvalidUtf8 {
            path: path.to_string(),
            offset: e.utf8_error().valid_up_to(),
        }),
    }
}

fn decode_utf16(path: &str, bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, InputError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(InputError::InvalidUtf16 {
            path: path.to_string(),
        });
    }
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| InputError::InvalidUtf16 {
            path: path.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_reports_offsets() {
        assert_eq!(
            decode_text("x", b"\xEF\xBB\xBFabc".to_vec(), false)
                .unwrap()
                .0,
            "abc"
        );
        let utf16: Vec<u8> = [0xFF, 0xFE, b'h', 0, b'i', 0].to_vec();
        assert_eq!(decode_text("x", utf16, false).unwrap().0, "hi");
        match decode_text("f.txt", b"ab\xFFcd".to_vec(), false) {
            Err(InputError::InvalidUtf8 { offset, .. }) => assert_eq!(offset, 2),
            other => panic!("{other:?}"),
        }
        let (s, replaced) = decode_text("f.txt", b"ab\xFFcd".to_vec(), true).unwrap();
        assert!(replaced);
        assert_eq!(s, "ab\u{FFFD}cd");
    }
}

/// The kinds of input ibid reads, with one line on what it takes from
/// each (`ibid formats` lists them).
pub const INPUT_FORMATS: &[(&str, &str)] = &[
    (
        ".txt .text",
        "plain text: [1] notes, a Notes heading with 1. notes, or a numbered list",
    ),
    (
        ".md .markdown",
        "Markdown: [^label]: footnotes, or text as above",
    ),
    (
        ".docx",
        "Word: the real footnotes and endnotes (italic runs help find titles)",
    ),
    (
        ".odt",
        "OpenDocument (LibreOffice): the real footnotes and endnotes",
    ),
    (
        ".csv .tsv",
        "a spreadsheet: one reference per row (--column picks the column)",
    ),
    ("-", "standard input, read as plain text"),
];
