//! The seed article as resolved documents, built from the gold notes so
//! that the export tests do not depend on the parser: one work per distinct
//! full item; short forms and ibids point at the work of the note they
//! resolve to.

#![allow(dead_code)]

use ibid::model::Work;
use ibid::model::*;
use ibid::resolve::keys::assign_keys;
use ibid::Document;
use serde_json::Value;

pub const GOLD: &str = include_str!("../../fixtures/korean-war-origins.gold.jsonl");

/// The raw text of a citation ibid could not read, added to the seed so
/// that every test also covers an unread citation.
pub const UNREAD: &str = "@ folder 3: minutes of a meeting; marked =B2 & 50% {draft}";

// ---------------------------------------------------------------- building

/// One citation of a gold line as the model's `Citation`.
fn citation_from_gold(value: &Value) -> Citation {
    let form: Form = serde_json::from_value(value["form"].clone()).unwrap();
    let item: Item = serde_json::from_value(value["item"].clone()).unwrap();
    let mut citation = Citation::new(form, item, 0..0);
    citation.resolves_to = value["resolves_to"].as_str().map(str::to_string);
    citation.prefix = value["prefix"].as_str().map(str::to_string);
    if let (Some(locator), Some(label)) = (value["locator"].as_str(), value.get("label")) {
        citation.locator = Some(Locator {
            value: locator.to_string(),
            label: serde_json::from_value(label.clone()).unwrap(),
        });
    }
    citation.relation = value
        .get("relation")
        .map(|r| serde_json::from_value(r.clone()).unwrap());
    citation
}

/// The seed article as a resolved document: notes from the gold file, one
/// work per distinct full item, plus one note with an unread citation.
pub fn seed_document() -> Document {
    let mut doc = Document {
        file: "korean-war-origins.txt".into(),
        ..Document::default()
    };
    let mut lines: Vec<Value> = GOLD
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let unread = Item {
        kind: ItemType::Manuscript,
        note: Some(UNREAD.into()),
        ..Item::default()
    };
    lines.push(serde_json::json!({"note": "82", "text": UNREAD,
        "citations": [{"form": "full", "item": unread}]}));
    for line in lines {
        let label = line["note"].as_str().unwrap().to_string();
        let mut note = Note {
            label: label.clone(),
            text: line["text"].as_str().unwrap().to_string(),
            span: 0..0,
            citations: line["citations"]
                .as_array()
                .unwrap()
                .iter()
                .map(citation_from_gold)
                .collect(),
        };
        for citation in note.citations.iter_mut() {
            let resolved_note = citation
                .resolves_to
                .clone()
                .unwrap_or_else(|| label.clone());
            let existing = doc
                .works
                .iter()
                .position(|w| {
                    w.item == ibid::model::packed::PackedItem::pack(&citation.item)
                        && w.first_note == resolved_note
                })
                .or_else(|| {
                    doc.works.iter().position(|w| {
                        w.item == ibid::model::packed::PackedItem::pack(&citation.item)
                    })
                });
            let index = existing.unwrap_or_else(|| {
                doc.works.push(Work {
                    item: ibid::model::packed::PackedItem::pack(&citation.item),
                    first_note: label.clone(),
                    ..Work::default()
                });
                doc.works.len() - 1
            });
            doc.works[index].times_cited += 1;
            citation.work = Some(index);
        }
        doc.notes.push(note);
    }
    doc
}

pub fn seed() -> Vec<Document> {
    let mut docs = vec![seed_document()];
    assign_keys(&mut docs);
    docs
}
