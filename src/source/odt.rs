//! Footnotes and endnotes of an OpenDocument text (.odt) file.
//!
//! Notes are `text:note` elements inside the body of `content.xml`, each
//! with its printed citation (`text:note-citation`) and its body. Italic
//! comes from the text and paragraph styles, automatic (in `content.xml`)
//! or named (in `styles.xml`), following their parent styles.

use quick_xml::events::Event;

use super::package::{
    attribute, invalid_xml, next_event, xml_reader, ItalicStyles, Package, StyledText,
};
use super::{OwnedNote, SourceError};

/// Reads the notes of an .odt file in document order, labelled by their
/// printed citations.
pub fn read_odt(bytes: &[u8]) -> Result<Vec<OwnedNote>, SourceError> {
    let mut package = Package::open(bytes)?;
    let content = package.required_part("content.xml")?;
    let mut styles = ItalicStyles::default();
    if let Some(xml) = package.part("styles.xml")? {
        read_styles("styles.xml", &xml, &mut styles)?;
    }
    read_styles("content.xml", &content, &mut styles)?;
    read_notes(&content, &styles)
}

/// Reads the styles of a part (`styles.xml`, or the automatic styles of
/// `content.xml`) into `styles`.
fn read_styles(part: &str, xml: &[u8], styles: &mut ItalicStyles) -> Result<(), SourceError> {
    let mut reader = xml_reader(xml);
    let mut current: Option<String> = None;
    loop {
        match next_event(&mut reader, part)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"style" => {
                    current = attribute(&e, b"name").map(|s| s.into_owned());
                    if let Some(name) = &current {
                        styles.declare(
                            name,
                            attribute(&e, b"parent-style-name").map(|s| s.into_owned()),
                        );
                    }
                }
                b"text-properties" => {
                    if let (Some(name), Some(style)) = (&current, attribute(&e, b"font-style")) {
                        styles.set_italic(name, matches!(style.as_ref(), "italic" | "oblique"));
                    }
                }
                // The body follows the styles: nothing more to learn.
                b"body" => break,
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"style" => current = None,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

fn read_notes(xml: &[u8], styles: &ItalicStyles) -> Result<Vec<OwnedNote>, SourceError> {
    let part = "content.xml";
    let mut reader = xml_reader(xml);
    let mut notes = Vec::new();
    let mut label: Option<String> = None;
    let mut in_citation = false;
    let mut body: Option<StyledText> = None;
    // Italic state of each open paragraph or span inside a note body.
    let mut italic_stack: Vec<bool> = Vec::new();
    loop {
        match next_event(&mut reader, part)? {
            Event::Start(e) => {
                let inherited = italic_stack.last().copied().unwrap_or(false);
                match e.local_name().as_ref() {
                    b"note" => label = Some(String::new()),
                    b"note-citation" => in_citation = label.is_some(),
                    b"note-body" => body = Some(StyledText::default()),
                    b"p" | b"h" | b"span" | b"a" if body.is_some() => {
                        let own = attribute(&e, b"style-name").and_then(|s| styles.italic(&s));
                        italic_stack.push(own.unwrap_or(inherited));
                    }
                    b"s" => {
                        if let Some(text) = body.as_mut() {
                            let count = attribute(&e, b"c")
                                .and_then(|c| c.parse().ok())
                                .unwrap_or(1usize);
                            text.push(&" ".repeat(count.min(1024)), inherited);
                        }
                    }
                    b"tab" => body.iter_mut().for_each(|t| t.push("\t", inherited)),
                    b"line-break" => body.iter_mut().for_each(|t| t.push("\n", false)),
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"note" => {
                    if let (Some(label), Some(text)) = (label.take(), body.take()) {
                        let (text, italics) = text.finish();
                        notes.push(OwnedNote {
                            label: label.trim().to_string(),
                            text,
                            italics,
                            embedded: Vec::new(),
                        });
                    }
                    italic_stack.clear();
                }
                b"note-citation" => in_citation = false,
                name @ (b"p" | b"h" | b"span" | b"a") if body.is_some() => {
                    italic_stack.pop();
                    if matches!(name, b"p" | b"h") {
                        body.iter_mut()
                            .filter(|t| !t.is_empty())
                            .for_each(|t| t.push("\n", false));
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if in_citation {
                    let piece = t.unescape().map_err(|e| invalid_xml(part, &reader, e))?;
                    label.get_or_insert_with(String::new).push_str(&piece);
                } else if let Some(text) = body.as_mut() {
                    let piece = t.unescape().map_err(|e| invalid_xml(part, &reader, e))?;
                    // Outside `text:s`, runs of white space are one space.
                    let squashed = squash_xml_space(&piece);
                    text.push(&squashed, italic_stack.last().copied().unwrap_or(false));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(notes)
}

/// Collapses runs of XML white space into one space.
fn squash_xml_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}
