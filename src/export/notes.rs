//! The `notes` format: JSON Lines, one object per note, exactly the gold
//! format of `GUIDELINE.md` (`note`, `text`, `citations` with `form`,
//! `item`, `resolves_to`, `locator`, `label`, `prefix`, `relation`), and
//! `source` (`zotero`, `mendeley`, `endnote`) on a citation whose item a
//! reference manager's field stored.

use crate::model::Document;
use crate::model::{Citation, Form, Note};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::io::Write;

/// Serializes a citation in the gold layout: `resolves_to` is written
/// (possibly `null`) for short forms and ibids only; `locator` and `label`
/// only when a pinpoint is cited.
struct GoldCitation<'a>(&'a Citation);

impl Serialize for GoldCitation<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("form", &c.form)?;
        if c.form != Form::Full {
            map.serialize_entry("resolves_to", &c.resolves_to)?;
        }
        map.serialize_entry("item", &c.item)?;
        if let Some(l) = &c.locator {
            map.serialize_entry("locator", &l.value)?;
            map.serialize_entry("label", l.label.as_csl())?;
        }
        if let Some(p) = &c.prefix {
            map.serialize_entry("prefix", p)?;
        }
        if let Some(r) = &c.relation {
            map.serialize_entry("relation", r)?;
        }
        if let Some(source) = &c.source {
            map.serialize_entry("source", source)?;
        }
        map.end()
    }
}

struct GoldNote<'a>(&'a Note);

impl Serialize for GoldNote<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("note", &n.label)?;
        map.serialize_entry("text", &n.text)?;
        let cits: Vec<GoldCitation> = n.citations.iter().map(GoldCitation).collect();
        map.serialize_entry("citations", &cits)?;
        map.end()
    }
}

/// One note as a gold JSON line (without the newline).
pub fn note_to_json(note: &Note) -> String {
    serde_json::to_string(&GoldNote(note)).expect("notes serialize to JSON")
}

/// Writes every note of the document as one JSON line.
pub fn write_notes(doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    for note in &doc.notes {
        serde_json::to_writer(&mut *out, &GoldNote(note))?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
