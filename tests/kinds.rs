//! Item kinds other than plain books and articles, and the pinpoints
//! printed with them (issue 14 shapes 5 and 8): web pages, speeches,
//! theses, special issues, unpublished papers, and locators with remarks,
//! named divisions and section numbers. Every example is made up.

use ibid::model::{Form, ItemType, LocatorLabel};
use ibid::pipeline::Document;

#[path = "support/notes.rs"]
mod notes;

fn run(notes: &[&str]) -> Document {
    notes::convert_numbered("kinds.txt", notes)
}

fn locator(doc: &Document, note: usize, k: usize) -> (String, LocatorLabel) {
    let c = &doc.notes[note].citations[k];
    let l = c.locator.as_ref().unwrap_or_else(|| panic!("{c:?}"));
    (l.value.clone(), l.label)
}

/// Pinpoints followed by what the note says about them ("31, 47,
/// respectively", "3:112, emphasis mine", "12–14, 20–22, and elsewhere"):
/// the remark is not part of the pages.
#[test]
fn remarks_after_the_pages_are_not_pages() {
    let doc = run(&[
        "Cy Dunn, The Winter Ledger (Dover: Pinecone, 2004), 31, 47, respectively.",
        "Cy Dunn, The Winter Ledger, trans. Bo Lund (Dover: Pinecone, 2004), 3:112, emphasis mine.",
        "Cy Dunn, The Summer Ledger (Dover: Pinecone, 2006), 12–14, 20–22, and elsewhere.",
        "Dunn, Summer Ledger, 40 (emphasis added).",
    ]);
    assert_eq!(
        locator(&doc, 0, 0),
        ("31, 47".to_string(), LocatorLabel::Page)
    );
    assert_eq!(locator(&doc, 1, 0), ("112".to_string(), LocatorLabel::Page));
    assert_eq!(doc.notes[1].citations[0].item.volume.as_deref(), Some("3"));
    assert_eq!(
        locator(&doc, 2, 0),
        ("12-14, 20-22".to_string(), LocatorLabel::Page)
    );
    assert_eq!(locator(&doc, 3, 0), ("40".to_string(), LocatorLabel::Page));
    assert_eq!(doc.notes[3].citations[0].resolves_to.as_deref(), Some("3"));
}

/// A work cited by the abbreviation a note defined for it, then a named
/// division ("TFC Preface, 4") or the section numbers of a classical text
/// ("TFC 2.3.1, 2.3.4"): a short form with the pinpoint as printed.
#[test]
fn abbreviations_with_divisions_and_sections() {
    let doc = run(&[
        "Bo Lund, The Frost Code (Dover: Pinecone, 1990), 5 (henceforth TFC).",
        "TFC Prolegomena, 14.",
        "TFC 2.3.1, 2.3.4, 2.5.",
        "TFC Preface, 4–6.",
    ]);
    for n in 1..4 {
        let c = &doc.notes[n].citations[0];
        assert_eq!(c.form, Form::Short, "note {}", n + 1);
        assert_eq!(c.resolves_to.as_deref(), Some("1"), "note {}", n + 1);
        assert_eq!(c.item.kind, ItemType::Book);
    }
    assert_eq!(
        locator(&doc, 1, 0),
        ("Prolegomena, 14".to_string(), LocatorLabel::Paragraph)
    );
    assert_eq!(
        locator(&doc, 2, 0),
        ("2.3.1, 2.3.4, 2.5".to_string(), LocatorLabel::Section)
    );
    assert_eq!(
        locator(&doc, 3, 0),
        ("Preface, 4-6".to_string(), LocatorLabel::Page)
    );
}
