//! What the Word and OpenDocument readers share: bounded reading of zip
//! parts, XML event helpers, and note text built run by run with its
//! italic stretches.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::result::ZipError;
use zip::ZipArchive;

use super::SourceError;

/// The most bytes one part of a package may decompress to. Larger parts
/// are refused rather than read, so that a zip bomb cannot exhaust memory.
pub const MAX_PART_BYTES: u64 = 128 * 1024 * 1024;

/// A zip package (.docx, .odt) opened for reading its parts.
pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// The most bytes one part may decompress to.
    limit: u64,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, SourceError> {
        let archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| SourceError::NotZip(e.to_string()))?;
        Ok(Package {
            archive,
            limit: MAX_PART_BYTES,
        })
    }

    /// The decompressed bytes of a part, `None` when the package has no
    /// such part.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, SourceError> {
        let unreadable = |e: &dyn std::fmt::Display| SourceError::Zip {
            part: name.to_string(),
            message: e.to_string(),
        };
        let limit = self.limit;
        let file = match self.archive.by_name(name) {
            Ok(file) => file,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(unreadable(&e)),
        };
        let too_large = || SourceError::TooLarge {
            part: name.to_string(),
            limit,
        };
        if file.size() > limit {
            return Err(too_large());
        }
        let mut bytes = Vec::with_capacity(file.size() as usize);
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(&e))?;
        if bytes.len() as u64 > limit {
            return Err(too_large());
        }
        Ok(Some(bytes))
    }

    /// A part that must be there.
    pub fn required_part(&mut self, name: &str) -> Result<Vec<u8>, SourceError> {
        self.part(name)?
            .ok_or_else(|| SourceError::MissingPart(name.to_string()))
    }
}

/// An XML reader over one part that reports errors with the part name and
/// byte offset. Empty elements come as a start and an end event.
pub fn xml_reader(xml: &[u8]) -> Reader<&[u8]> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    reader
}

pub fn invalid_xml(
    part: &str,
    reader: &Reader<&[u8]>,
    error: impl std::fmt::Display,
) -> SourceError {
    SourceError::InvalidXml {
        part: part.to_string(),
        offset: reader.error_position(),
        message: error.to_string(),
    }
}

/// The next event of a part, errors named with the part and offset.
pub fn next_event<'x>(reader: &mut Reader<&'x [u8]>, part: &str) -> Result<Event<'x>, SourceError> {
    reader
        .read_event()
        .map_err(|e| invalid_xml(part, reader, e))
}

/// Named styles that may make text italic, each possibly based on
/// another style.
#[derive(Default)]
pub struct ItalicStyles(HashMap<String, (Option<bool>, Option<String>)>);

impl ItalicStyles {
    pub fn declare(&mut self, name: &str, parent: Option<String>) {
        self.0.insert(name.to_string(), (None, parent));
    }

    pub fn set_parent(&mut self, name: &str, parent: String) {
        if let Some(style) = self.0.get_mut(name) {
            style.1 = Some(parent);
        }
    }

    pub fn set_italic(&mut self, name: &str, italic: bool) {
        if let Some(style) = self.0.get_mut(name) {
            style.0 = Some(italic);
        }
    }

    /// Whether text in this style is italic; `None` when neither the style
    /// nor the styles it is based on say.
    pub fn italic(&self, name: &str) -> Option<bool> {
        let mut name = name;
        for _ in 0..16 {
            match self.0.get(name)? {
                (Some(italic), _) => return Some(*italic),
                (None, Some(parent)) => name = parent,
                (None, None) => return None,
            }
        }
        None
    }
}

/// The value of the attribute with this local name (`w:val` is `val`).
pub fn attribute<'x>(element: &'x BytesStart, local_name: &[u8]) -> Option<Cow<'x, str>> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local_name)
        .and_then(|a| a.unescape_value().ok())
}

/// Note text accumulated piece by piece, with the byte ranges of the
/// pieces that were italic.
#[derive(Default)]
pub struct StyledText {
    text: String,
    italics: Vec<Range<usize>>,
}

impl StyledText {
    pub fn push(&mut self, piece: &str, italic: bool) {
        let start = self.text.len();
        self.text.push_str(piece);
        if !italic || piece.is_empty() {
            return;
        }
        match self.italics.last_mut() {
            // Italic runs separated only by white space are one title.
            Some(last) if self.text[last.end..start].trim().is_empty() => {
                last.end = self.text.len()
            }
            _ => self.italics.push(start..self.text.len()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Bytes of text so far.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// The trimmed text and its italic ranges, each trimmed of white space.
    pub fn finish(self) -> (String, Vec<Range<usize>>) {
        self.finish_with(&mut [])
    }

    /// [`StyledText::finish`], also moving `ranges` (byte ranges of the
    /// text as pushed) onto the trimmed text, each trimmed of white space;
    /// a range left empty stays, empty, where it was.
    pub fn finish_with(self, ranges: &mut [Range<usize>]) -> (String, Vec<Range<usize>>) {
        let start = self.text.len() - self.text.trim_start().len();
        let text = self.text.trim().to_string();
        let moved = |range: &Range<usize>| {
            let from = range.start.saturating_sub(start).min(text.len());
            let to = range.end.saturating_sub(start).min(text.len()).max(from);
            let piece = &text[from..to];
            let trimmed_from = from + (piece.len() - piece.trim_start().len());
            let trimmed_to = trimmed_from + piece.trim().len();
            if trimmed_to > trimmed_from {
                trimmed_from..trimmed_to
            } else {
                from..from
            }
        };
        for range in ranges.iter_mut() {
            *range = moved(range);
        }
        let italics = self
            .italics
            .iter()
            .map(moved)
            .filter(|r| r.end > r.start)
            .collect();
        (text, italics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip of one part holding `size` zero bytes, compressed.
    fn zip_of_zeros(size: usize) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(&vec![0u8; size]).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn parts_beyond_the_limit_are_refused() {
        let bytes = zip_of_zeros(100_000);
        assert!(bytes.len() < 2_000, "zeros compress well");
        let mut package = Package::open(&bytes).unwrap();
        assert_eq!(
            package.part("word/document.xml").unwrap().map(|b| b.len()),
            Some(100_000)
        );
        package.limit = 10_000;
        let error = package
            .part("word/document.xml")
            .map(|p| p.map(|b| b.len()))
            .unwrap_err();
        assert!(
            matches!(error, SourceError::TooLarge { limit: 10_000, .. }),
            "{error}"
        );
        assert!(package.part("word/footnotes.xml").unwrap().is_none());
        assert!(matches!(
            package.required_part("word/footnotes.xml"),
            Err(SourceError::MissingPart(_))
        ));
    }

    #[test]
    fn italic_pieces_merge_across_spaces_and_trim() {
        let mut text = StyledText::default();
        text.push("  See ", false);
        text.push("Distant", true);
        text.push(" ", false);
        text.push("Allies ", true);
        text.push("(Oxford), ", false);
        text.push("Road", true);
        let (text, italics) = text.finish();
        assert_eq!(text, "See Distant Allies (Oxford), Road");
        let pieces: Vec<&str> = italics.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(pieces, ["Distant Allies", "Road"]);
    }
}
