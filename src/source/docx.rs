//! Footnotes and endnotes of a Word (.docx) document.
//!
//! The notes live in `word/footnotes.xml` and `word/endnotes.xml`; their
//! printed numbers come from the order in which `word/document.xml`
//! references them (a reference with a custom mark prints that mark
//! instead), in the number format of `word/settings.xml` (decimal
//! footnotes and lower-roman endnotes unless it says otherwise). Separator
//! and continuation notes are skipped. Italic runs, set directly or
//! through a character or paragraph style of `word/styles.xml`, are kept
//! as byte ranges of the note text.
//!
//! Text is read as Word shows it with tracked changes accepted: deleted
//! (`w:del`) and moved-away (`w:moveFrom`) text is left out, inserted text
//! kept. Fields give their shown text (the result), never their
//! instruction; the instruction of a Zotero, Mendeley or EndNote
//! citation field gives the cited items (see `citefield`), kept with the
//! byte range of the field's shown text.

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};

use super::citefield::{citation_field, EmbeddedCitation};
use super::package::{
    attribute, invalid_xml, next_event, xml_reader, ItalicStyles, Package, StyledText,
};
use super::{OwnedNote, SourceError};

/// Footnote or endnote: the two kinds are numbered separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Footnote,
    Endnote,
}

impl Kind {
    fn part(self) -> &'static str {
        match self {
            Kind::Footnote => "word/footnotes.xml",
            Kind::Endnote => "word/endnotes.xml",
        }
    }

    /// The element name of a note, of a reference to it, and of the
    /// numbering properties in the settings.
    fn names(self) -> (&'static [u8], &'static [u8], &'static [u8]) {
        match self {
            Kind::Footnote => (b"footnote", b"footnoteReference", b"footnotePr"),
            Kind::Endnote => (b"endnote", b"endnoteReference", b"endnotePr"),
        }
    }
}

/// Reads the footnotes and then the endnotes of a .docx file, each in the
/// order the document references them, labelled as printed.
pub fn read_docx(bytes: &[u8]) -> Result<Vec<OwnedNote>, SourceError> {
    let mut package = Package::open(bytes)?;
    let document = package.required_part("word/document.xml")?;
    let styles = match package.part("word/styles.xml")? {
        Some(xml) => italic_styles(&xml)?,
        None => ItalicStyles::default(),
    };
    let settings = package.part("word/settings.xml")?;
    let references = references(&document)?;
    let mut notes = Vec::new();
    for kind in [Kind::Footnote, Kind::Endnote] {
        let Some(xml) = package.part(kind.part())? else {
            continue;
        };
        let format = match &settings {
            Some(settings) => number_format(settings, kind)?,
            None => NumberFormat::default_for(kind),
        };
        let referenced: HashSet<&str> = references
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.id.as_str())
            .collect();
        let mut by_id: HashMap<String, OwnedNote> = HashMap::new();
        let mut unreferenced = Vec::new();
        for (id, note) in read_notes_part(&xml, kind, &styles)? {
            if referenced.contains(id.as_str()) {
                by_id.insert(id, note);
            } else {
                unreferenced.push(note);
            }
        }
        let mut number = format.start;
        let mut next_label = |custom: &Option<String>| match custom {
            Some(mark) => mark.clone(),
            None => {
                number += 1;
                format.label(number - 1)
            }
        };
        for reference in references.iter().filter(|r| r.kind == kind) {
            if let Some(mut note) = by_id.remove(&reference.id) {
                note.label = next_label(&reference.custom_mark);
                notes.push(note);
            }
        }
        for mut note in unreferenced {
            note.label = next_label(&None);
            notes.push(note);
        }
    }
    Ok(notes)
}

/// A note reference in the body of the document.
struct Reference {
    kind: Kind,
    id: String,
    /// The mark printed instead of a number, if any.
    custom_mark: Option<String>,
}

/// The note references of `word/document.xml` in document order.
fn references(xml: &[u8]) -> Result<Vec<Reference>, SourceError> {
    let part = "word/document.xml";
    let mut reader = xml_reader(xml);
    let mut references = Vec::new();
    let mut awaiting_mark: Option<usize> = None;
    let mut in_text = false;
    loop {
        match next_event(&mut reader, part)? {
            Event::Start(e) => {
                let name = e.local_name();
                let kind = if name.as_ref() == Kind::Footnote.names().1 {
                    Some(Kind::Footnote)
                } else if name.as_ref() == Kind::Endnote.names().1 {
                    Some(Kind::Endnote)
                } else {
                    None
                };
                if let (Some(kind), Some(id)) = (kind, attribute(&e, b"id")) {
                    if is_on(&e, b"customMarkFollows", false) {
                        awaiting_mark = Some(references.len());
                    }
                    references.push(Reference {
                        kind,
                        id: id.into_owned(),
                        custom_mark: None,
                    });
                } else if name.as_ref() == b"t" {
                    in_text = true;
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"t" => in_text = false,
            Event::Text(t) if in_text => {
                if let Some(index) = awaiting_mark.take() {
                    let mark = t.unescape().map_err(|e| invalid_xml(part, &reader, e))?;
                    references[index].custom_mark = Some(mark.trim().to_string());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(references)
}

/// Each real note of a notes part with its id, in part order.
fn read_notes_part(
    xml: &[u8],
    kind: Kind,
    italic_styles: &ItalicStyles,
) -> Result<Vec<(String, OwnedNote)>, SourceError> {
    let part = kind.part();
    let (note_name, ..) = kind.names();
    let mut reader = xml_reader(xml);
    let mut notes = Vec::new();
    let mut note: Option<(String, StyledText)> = None;
    let mut skipping_note = false;
    let mut run = RunState::default();
    let mut paragraph_italic = false;
    let mut fields = Fields::default();
    loop {
        let event = next_event(&mut reader, part)?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if name == note_name {
                    let separator = attribute(&e, b"type").is_some_and(|t| t != "normal");
                    skipping_note = separator;
                    note = Some((
                        attribute(&e, b"id").unwrap_or_default().into_owned(),
                        StyledText::default(),
                    ));
                    fields = Fields::default();
                    continue;
                }
                if note.is_none() || skipping_note {
                    continue;
                }
                run.enter(name, &e, italic_styles, &mut paragraph_italic);
                if let Some((_, text)) = note.as_ref() {
                    if run.hidden_depth == 0 {
                        fields.enter(name, &e, text.len());
                    }
                }
                if let Some((_, text)) = note.as_mut() {
                    if run.in_run() && run.hidden_depth == 0 {
                        match name {
                            b"tab" if !run.in_properties => {
                                text.push("\t", run.italic(paragraph_italic))
                            }
                            b"br" | b"cr" => text.push("\n", false),
                            b"noBreakHyphen" => text.push("-", run.italic(paragraph_italic)),
                            _ => {}
                        }
                    }
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if name == note_name {
                    if let Some((id, text)) = note.take() {
                        if !skipping_note {
                            let mut embedded = fields.finish(text.len());
                            let mut spans: Vec<_> =
                                embedded.iter().map(|e| e.span.clone()).collect();
                            let (text, italics) = text.finish_with(&mut spans);
                            for (citation, span) in embedded.iter_mut().zip(spans) {
                                citation.span = span;
                            }
                            notes.push((
                                id,
                                OwnedNote {
                                    label: String::new(),
                                    text,
                                    italics,
                                    embedded,
                                },
                            ));
                        }
                    }
                    skipping_note = false;
                    continue;
                }
                if let Some((_, text)) = note.as_ref() {
                    if run.hidden_depth == 0 {
                        fields.leave(name, text.len());
                    }
                }
                if name == b"p" {
                    if let Some((_, text)) = note.as_mut() {
                        if !text.is_empty() {
                            text.push("\n", false);
                        }
                    }
                    paragraph_italic = false;
                }
                run.leave(name);
            }
            Event::Text(t) if run.in_instruction && run.hidden_depth == 0 && !skipping_note => {
                let piece = t.unescape().map_err(|e| invalid_xml(part, &reader, e))?;
                fields.instruction_text(&piece);
            }
            Event::Text(t) if run.in_text && run.hidden_depth == 0 && !skipping_note => {
                if let Some((_, text)) = note.as_mut() {
                    let piece = t.unescape().map_err(|e| invalid_xml(part, &reader, e))?;
                    text.push(&piece, run.italic(paragraph_italic));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(notes)
}

/// Where the reader is inside a paragraph of a note.
#[derive(Default)]
struct RunState {
    run_depth: usize,
    in_properties: bool,
    in_paragraph_properties: bool,
    in_text: bool,
    /// Inside `w:instrText`: a field's instruction, not shown.
    in_instruction: bool,
    /// Inside content not to read: `mc:Fallback` (a copy of content given
    /// another way too), `w:del` (deleted, tracked) or `w:moveFrom` (text
    /// moved elsewhere, tracked).
    hidden_depth: usize,
    /// Italic set directly on the run (`w:i`), if it says.
    direct_italic: Option<bool>,
    style_italic: bool,
}

impl RunState {
    fn in_run(&self) -> bool {
        self.run_depth > 0
    }

    fn italic(&self, paragraph_italic: bool) -> bool {
        self.direct_italic
            .unwrap_or(self.style_italic || paragraph_italic)
    }

    fn enter(
        &mut self,
        name: &[u8],
        e: &BytesStart,
        italic_styles: &ItalicStyles,
        paragraph_italic: &mut bool,
    ) {
        match name {
            b"r" => {
                self.run_depth += 1;
                self.direct_italic = None;
                self.style_italic = false;
            }
            b"rPr" if self.in_run() => self.in_properties = true,
            b"pPr" => self.in_paragraph_properties = true,
            b"i" if self.in_properties => self.direct_italic = Some(is_on(e, b"val", true)),
            b"rStyle" if self.in_properties => {
                self.style_italic =
                    attribute(e, b"val").is_some_and(|s| italic_styles.italic(&s) == Some(true))
            }
            b"pStyle" if self.in_paragraph_properties => {
                *paragraph_italic =
                    attribute(e, b"val").is_some_and(|s| italic_styles.italic(&s) == Some(true))
            }
            b"t" if self.in_run() && !self.in_properties => self.in_text = true,
            b"instrText" if self.in_run() => self.in_instruction = true,
            b"Fallback" | b"del" | b"moveFrom" => self.hidden_depth += 1,
            _ => {}
        }
    }

    fn leave(&mut self, name: &[u8]) {
        match name {
            b"r" => self.run_depth = self.run_depth.saturating_sub(1),
            b"rPr" => self.in_properties = false,
            b"pPr" => self.in_paragraph_properties = false,
            b"t" => self.in_text = false,
            b"instrText" => self.in_instruction = false,
            b"Fallback" | b"del" | b"moveFrom" => {
                self.hidden_depth = self.hidden_depth.saturating_sub(1)
            }
            _ => {}
        }
    }
}

/// The fields open in a note (a field may hold others) and the citation
/// fields of reference managers closed so far. A field is `w:fldSimple`
/// (instruction in an attribute, result inside) or a run of `w:fldChar`
/// begin, `w:instrText` pieces, `w:fldChar` separate, the result, and
/// `w:fldChar` end. Only the result is note text; the instruction of a
/// citation field gives the cited items, and its result is where the
/// note shows them.
#[derive(Default)]
struct Fields {
    /// Each open field's instruction so far, and where its result starts
    /// in the note text once known.
    open: Vec<(String, Option<usize>)>,
    citations: Vec<EmbeddedCitation>,
}

impl Fields {
    /// An element starts at byte `at` of the note text.
    fn enter(&mut self, name: &[u8], e: &BytesStart, at: usize) {
        match name {
            b"fldSimple" => {
                let instruction = attribute(e, b"instr").unwrap_or_default().into_owned();
                self.open.push((instruction, Some(at)));
            }
            b"fldChar" => match attribute(e, b"fldCharType").as_deref() {
                Some("begin") => self.open.push((String::new(), None)),
                Some("separate") => {
                    if let Some((_, start @ None)) = self.open.last_mut() {
                        *start = Some(at);
                    }
                }
                Some("end") => self.close(at),
                _ => {}
            },
            _ => {}
        }
    }

    /// An element ends at byte `at` of the note text.
    fn leave(&mut self, name: &[u8], at: usize) {
        if name == b"fldSimple" {
            self.close(at);
        }
    }

    /// A piece of `w:instrText`: the instruction of the innermost field
    /// whose result has not begun.
    fn instruction_text(&mut self, piece: &str) {
        if let Some((instruction, None)) = self.open.last_mut() {
            instruction.push_str(piece);
        }
    }

    fn close(&mut self, at: usize) {
        let Some((instruction, start)) = self.open.pop() else {
            return;
        };
        if let Some((source, items)) = citation_field(&instruction) {
            self.citations.push(EmbeddedCitation {
                span: start.unwrap_or(at).min(at)..at,
                source,
                items,
            });
        }
    }

    /// The citation fields of the note, fields left open closed at its
    /// end (`at`), in the order their results start.
    fn finish(&mut self, at: usize) -> Vec<EmbeddedCitation> {
        while !self.open.is_empty() {
            self.close(at);
        }
        let mut citations = std::mem::take(&mut self.citations);
        citations.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
        citations
    }
}

/// A WordprocessingML on/off property: absent value means on.
fn is_on(e: &BytesStart, value_name: &[u8], default: bool) -> bool {
    match attribute(e, value_name) {
        None => default,
        Some(v) => matches!(v.as_ref(), "1" | "true" | "on"),
    }
}

/// The styles of `word/styles.xml` with what they say about italics.
fn italic_styles(xml: &[u8]) -> Result<ItalicStyles, SourceError> {
    let part = "word/styles.xml";
    let mut reader = xml_reader(xml);
    let mut styles = ItalicStyles::default();
    let mut current: Option<String> = None;
    let mut in_properties = false;
    loop {
        match next_event(&mut reader, part)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"style" => {
                    current = attribute(&e, b"styleId").map(|s| s.into_owned());
                    if let Some(id) = &current {
                        styles.declare(id, None);
                    }
                }
                b"basedOn" => {
                    if let (Some(id), Some(base)) = (&current, attribute(&e, b"val")) {
                        styles.set_parent(id, base.into_owned());
                    }
                }
                b"rPr" => in_properties = true,
                b"i" if in_properties => {
                    if let Some(id) = &current {
                        styles.set_italic(id, is_on(&e, b"val", true));
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"style" => current = None,
                b"rPr" => in_properties = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(styles)
}

/// How notes of one kind are numbered.
struct NumberFormat {
    style: NumberStyle,
    start: u32,
}

#[derive(Clone, Copy)]
enum NumberStyle {
    Decimal,
    LowerRoman,
    UpperRoman,
    LowerLetter,
    UpperLetter,
}

impl NumberFormat {
    fn default_for(kind: Kind) -> NumberFormat {
        let style = match kind {
            Kind::Footnote => NumberStyle::Decimal,
            Kind::Endnote => NumberStyle::LowerRoman,
        };
        NumberFormat { style, start: 1 }
    }

    fn label(&self, n: u32) -> String {
        match self.style {
            NumberStyle::Decimal => n.to_string(),
            NumberStyle::LowerRoman => roman(n).to_lowercase(),
            NumberStyle::UpperRoman => roman(n),
            NumberStyle::LowerLetter => letters(n),
            NumberStyle::UpperLetter => letters(n).to_uppercase(),
        }
    }
}

/// The numbering of one kind of note in `word/settings.xml`.
fn number_format(xml: &[u8], kind: Kind) -> Result<NumberFormat, SourceError> {
    let part = "word/settings.xml";
    let (.., properties) = kind.names();
    let mut format = NumberFormat::default_for(kind);
    let mut reader = xml_reader(xml);
    let mut inside = false;
    loop {
        match next_event(&mut reader, part)? {
            Event::Start(e) => match e.local_name().as_ref() {
                name if name == properties => inside = true,
                b"numFmt" if inside => {
                    format.style = match attribute(&e, b"val").as_deref() {
                        Some("lowerRoman") => NumberStyle::LowerRoman,
                        Some("upperRoman") => NumberStyle::UpperRoman,
                        Some("lowerLetter") => NumberStyle::LowerLetter,
                        Some("upperLetter") => NumberStyle::UpperLetter,
                        _ => NumberStyle::Decimal,
                    }
                }
                b"numStart" if inside => {
                    format.start = attribute(&e, b"val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == properties => inside = false,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(format)
}

/// Upper-case Roman numeral.
fn roman(mut n: u32) -> String {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Word's letter numbering: a..z, then aa..zz, aaa...
fn letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let letter = char::from(b'a' + (n % 26) as u8);
    std::iter::repeat_n(letter, (n / 26 + 1) as usize).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_labels() {
        assert_eq!(roman(14), "XIV");
        assert_eq!(letters(1), "a");
        assert_eq!(letters(28), "bb");
    }
}
