//! Reading input files: which files a batch holds, and their text.
//!
//! Text files may be UTF-8 (with or without a byte-order mark), UTF-16
//! with a byte-order mark (Word's "Unicode text" export), or a legacy
//! encoding (Windows-1251, KOI8-R, Windows-1252...), detected with
//! chardetng or named by the caller, and decoded with encoding_rs (see
//! [`decode_text`]). UTF-8 damaged by a few bad bytes is an error naming
//! the byte offset, unless the caller asks for lossy decoding.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use serde::Serialize;
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
    #[error("{path}: invalid UTF-8 at byte {offset} (use --lossy to replace bad bytes, or --encoding NAME)")]
    InvalidUtf8 { path: String, offset: usize },
    #[error("{path}: a binary file, not text (a NUL byte at byte {offset}; --encoding NAME if it is text, such as UTF-16 without a byte-order mark)")]
    Binary { path: String, offset: usize },
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

/// Where the encoding of a text input came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EncodingSource {
    /// A byte-order mark (UTF-8, UTF-16 LE or BE).
    ByteOrderMark,
    /// UTF-8 (or plain ASCII) without a mark.
    Utf8,
    /// Not UTF-8: a legacy encoding guessed from the bytes (chardetng).
    Detected,
    /// Named with `--encoding`.
    Forced,
}

/// The encoding a text input was read in, for the `--report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TextEncoding {
    /// The WHATWG name of the encoding ("UTF-8", "UTF-16LE",
    /// "windows-1251", "KOI8-R").
    pub encoding: &'static str,
    /// How it was chosen.
    #[serde(rename = "encoding_source")]
    pub source: EncodingSource,
}

/// A text input decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    /// Bytes not valid in the encoding were replaced by U+FFFD (with
    /// `lossy`, or in a detected legacy encoding).
    pub replaced: bool,
}

/// The encoding an `--encoding NAME` names (any WHATWG label: "utf-8",
/// "utf-16le", "windows-1251", "cp1251", "koi8-r", "windows-1252",
/// "latin1"...), `None` for a name no encoding has.
pub fn encoding_for_label(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label(name.trim().as_bytes())
}

/// Decodes the bytes of a text input.
///
/// - With `forced` (`--encoding`), in that encoding (its byte-order mark,
///   if any, dropped).
/// - Otherwise a byte-order mark says UTF-8, UTF-16 LE or UTF-16 BE, and
///   bytes without one that are valid UTF-8 are UTF-8.
/// - Bytes that are not valid UTF-8 are either UTF-8 with some bad bytes
///   (as many well-formed multi-byte characters as bad sequences: an error
///   naming the first bad byte, unless `lossy` replaces them), or a legacy
///   encoding (Windows-1251, KOI8-R, Windows-1252...), which chardetng
///   guesses and [`Decoded::encoding`] records. Bytes with a NUL that are
///   not UTF-8 are a binary file (an error).
///
/// Bad bytes in a declared encoding (a mark, `--encoding`) are an error
/// unless `lossy`.
pub fn decode_text(
    path: &str,
    bytes: Vec<u8>,
    lossy: bool,
    forced: Option<&'static Encoding>,
) -> Result<Decoded, InputError> {
    let declared = |encoding: &'static Encoding, source, body: &[u8]| {
        let (text, malformed) = encoding.decode_without_bom_handling(body);
        if malformed && !lossy {
            return Err(invalid(path, encoding, body));
        }
        Ok(Decoded {
            text: text.into_owned(),
            encoding: TextEncoding {
                encoding: encoding.name(),
                source,
            },
            replaced: malformed,
        })
    };
    if let Some(encoding) = forced {
        let bom = match Encoding::for_bom(&bytes) {
            Some((bom_encoding, length)) if bom_encoding == encoding => length,
            _ => 0,
        };
        return declared(encoding, EncodingSource::Forced, &bytes[bom..]);
    }
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes) {
        return declared(encoding, EncodingSource::ByteOrderMark, &bytes[bom..]);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                encoding: TextEncoding {
                    encoding: UTF_8.name(),
                    source: EncodingSource::Utf8,
                },
                replaced: false,
            })
        }
        Err(e) => e.into_bytes(),
    };
    if looks_like_broken_utf8(&bytes) {
        return declared(UTF_8, EncodingSource::Utf8, &bytes);
    }
    // Text in a legacy encoding holds no NUL; a picture or a program does.
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(InputError::Binary {
            path: path.to_string(),
            offset,
        });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, malformed) = encoding.decode_without_bom_handling(&bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: TextEncoding {
            encoding: encoding.name(),
            source: EncodingSource::Detected,
        },
        replaced: malformed,
    })
}

/// True when bytes that are not valid UTF-8 hold at least as many
/// well-formed multi-byte UTF-8 characters as bad sequences: UTF-8 damaged here and
/// there, not text in a legacy encoding (whose letters seldom pair up
/// into UTF-8 by chance).
fn looks_like_broken_utf8(mut bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                good += rest.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (valid, after) = bytes.split_at(e.valid_up_to());
                // Valid up to here by the error's word.
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                good += valid.chars().filter(|c| !c.is_ascii()).count();
                bad += 1;
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                bytes = &after[skip.min(after.len())..];
            }
        }
    }
    good > 0 && good >= bad
}

/// The error for bytes not valid in their declared encoding.
fn invalid(path: &str, encoding: &'static Encoding, body: &[u8]) -> InputError {
    if encoding == UTF_8 {
        let offset = std::str::from_utf8(body)
            .err()
            .map_or(0, |e| e.valid_up_to());
        InputError::InvalidUtf8 {
            path: path.to_string(),
            offset,
        }
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        InputError::InvalidUtf16 {
            path: path.to_string(),
        }
    } else {
        InputError::Unreadable {
            path: path.to_string(),
            message: format!(
                "bytes that are not {} (use --lossy to replace them)",
                encoding.name()
            ),
        }
    }
}

/// The kinds of input ibid reads, with one line on what it takes from
/// each (`ibid formats` lists them).
pub const INPUT_FORMATS: &[(&str, &str)] = &[
    (
        ".txt .text",
        "plain text (UTF-8, UTF-16, Windows-1251, KOI8-R...): [1] ¹ ^1 Note 1 notes, a Notes heading with 1. notes, or a numbered list",
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

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], lossy: bool) -> Result<Decoded, InputError> {
        decode_text("x", bytes.to_vec(), lossy, None)
    }

    #[test]
    fn decodes_boms_and_reports_offsets() {
        let d = decode(b"\xEF\xBB\xBFabc", false).unwrap();
        assert_eq!(d.text, "abc");
        assert_eq!(d.encoding.source, EncodingSource::ByteOrderMark);
        let d = decode(&[0xFF, 0xFE, b'h', 0, b'i', 0], false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.encoding), ("hi", "UTF-16LE"));
        let d = decode(&[0xFE, 0xFF, 0, b'h', 0, b'i'], false).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.encoding), ("hi", "UTF-16BE"));
        // UTF-8 with a bad byte among good characters.
        match decode(b"\xC3\xA9 ab\xFFcd", false) {
            Err(InputError::InvalidUtf8 { offset, .. }) => assert_eq!(offset, 5),
            other => panic!("{other:?}"),
        }
        let d = decode(b"\xC3\xA9 ab\xFFcd", true).unwrap();
        assert!(d.replaced);
        assert_eq!(d.text, "é ab\u{FFFD}cd");
    }

    #[test]
    fn legacy_encodings_are_detected_or_forced() {
        let russian = "Иванов И. И. История города. М.: Наука, 1990. С. 12.";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let d = decode(&cp1251, false).unwrap();
        assert_eq!(d.text, russian);
        assert_eq!(d.encoding.encoding, "windows-1251");
        assert_eq!(d.encoding.source, EncodingSource::Detected);
        let (koi8, _, _) = encoding_rs::KOI8_R.encode(russian);
        let d = decode(&koi8, false).unwrap();
        assert_eq!(d.text, russian);
        // chardetng names KOI8-U, the superset that decodes Russian alike.
        assert!(d.encoding.encoding.starts_with("KOI8"), "{:?}", d.encoding);
        let french = "Jean Dupont, Histoire économique (Paris: Éditions du Cœur, 1990), 12.";
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(french);
        let d = decode(&cp1252, false).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.encoding),
            (french, "windows-1252")
        );
        // Forced: read as named, whatever the guess would be.
        let koi8_name = encoding_for_label("koi8-r").unwrap();
        let d = decode_text("x", koi8.to_vec(), false, Some(koi8_name)).unwrap();
        assert_eq!(d.text, russian);
        assert_eq!(d.encoding.source, EncodingSource::Forced);
        assert!(encoding_for_label("no-such-encoding").is_none());
    }
}
