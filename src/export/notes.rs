//! The `notes` JSON Lines format of the gold files: one object per note.

use crate::model::{Citation, Form};
use crate::pipeline::Document;
use serde_json::{json, Map, Value};

/// Writes one JSON line per note of the document.
pub fn write_notes(doc: &Document, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for note in &doc.notes {
        let citations: Vec<Value> = note.citations.iter().map(citation_json).collect();
        let line = json!({"note": note.label, "text": note.text, "citations": citations});
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

/// One citation as in the gold files.
fn citation_json(citation: &Citation) -> Value {
    let mut object = Map::new();
    object.insert("form".into(), json!(citation.form));
    object.insert("item".into(), json!(citation.item));
    if citation.form != Form::Full {
        object.insert("resolves_to".into(), json!(citation.resolves_to));
    }
    if let Some(locator) = &citation.locator {
        object.insert("locator".into(), json!(locator.value));
        object.insert("label".into(), json!(locator.label));
    }
    if let Some(prefix) = &citation.prefix {
        object.insert("prefix".into(), json!(prefix));
    }
    if let Some(relation) = &citation.relation {
        object.insert("relation".into(), json!(relation));
    }
    Value::Object(object)
}
