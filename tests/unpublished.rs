//! Unpublished works cited by quoted title and a descriptor ("unpublished
//! manuscript", "typescript"), with conjectured dates. Every example is made
//! up.

use ibid::model::Document;
use ibid::model::{Form, ItemType};

#[path = "support/notes.rs"]
mod notes;

fn run(notes: &[&str]) -> Document {
    notes::convert_numbered("unpublished.txt", notes)
}

#[test]
fn an_unpublished_manuscript_with_a_bracketed_year_is_a_dated_manuscript() {
    let doc = run(&[
        "Ansel Brook, “Letters from the Salt Coast: A Memoir,” ed. Ida Fenwick, unpublished manuscript, [1975], family copy, 41.",
        "Brook, “Letters from the Salt Coast,” 42–43.",
    ]);
    let c = &doc.notes[0].citations[0];
    assert_eq!(c.form, Form::Full);
    assert_eq!(c.item.kind, ItemType::Manuscript);
    assert_eq!(c.item.genre.as_deref(), Some("unpublished manuscript"));
    assert_eq!(c.item.container_title, None);
    assert_eq!(c.item.editor[0].family.as_deref(), Some("Fenwick"));
    let year = c.item.issued.as_ref().and_then(|d| d.year());
    assert_eq!(year, Some(1975));
    assert_eq!(c.locator.as_ref().map(|l| l.value.as_str()), Some("41"));
    let short = &doc.notes[1].citations[0];
    assert_eq!(short.resolves_to.as_deref(), Some("1"));
}

#[test]
fn a_typescript_dated_circa_keeps_its_year() {
    let doc = run(&["Oona Reed, “Notes on the Harbour Strike,” Typescript, c. 1931, 5."]);
    let c = &doc.notes[0].citations[0];
    assert_eq!(c.item.kind, ItemType::Manuscript);
    assert_eq!(c.item.genre.as_deref(), Some("Typescript"));
    assert_eq!(c.item.issued.as_ref().and_then(|d| d.year()), Some(1931));
}

#[test]
fn a_journal_whose_name_begins_like_a_descriptor_stays_a_journal() {
    let doc = run(&["Oona Reed, “On Tides,” Manuscripts Quarterly 7, no. 2 (1990): 4–9."]);
    let c = &doc.notes[0].citations[0];
    assert_eq!(c.item.kind, ItemType::ArticleJournal);
    assert_eq!(
        c.item.container_title.as_deref(),
        Some("Manuscripts Quarterly")
    );
}

#[test]
fn a_privately_printed_work_is_a_book_with_that_phrase_for_publisher() {
    let doc = run(&[
        "Ansel Brook, “A Walk to the Salt Coast, 1911,” privately printed, 8.",
        "Oona Reed, Harbour Songs (self-published, 2011), 12.",
        "Ida Fenwick, “Tide Tables,” Privately published, 1950, 3.",
    ]);
    let expect = [
        ("privately printed", None, "8"),
        ("self-published", Some(2011), "12"),
        ("Privately published", Some(1950), "3"),
    ];
    for (note, (publisher, year, page)) in doc.notes.iter().zip(expect) {
        let c = &note.citations[0];
        assert_eq!(c.form, Form::Full, "{}", note.text);
        assert_eq!(c.item.kind, ItemType::Book, "{}", note.text);
        assert_eq!(
            c.item.publisher.as_deref(),
            Some(publisher),
            "{}",
            note.text
        );
        assert_eq!(c.item.container_title, None, "{}", note.text);
        assert_eq!(
            c.item.issued.as_ref().and_then(|d| d.year()),
            year,
            "{}",
            note.text
        );
        assert_eq!(c.locator.as_ref().map(|l| l.value.as_str()), Some(page));
    }
    assert_eq!(
        doc.notes[1].citations[0].item.title.as_deref(),
        Some("Harbour Songs")
    );
}

#[test]
fn a_quoted_title_with_a_full_date_and_a_page_is_a_dated_document() {
    let doc = run(&["Oona Reed, “Notes on the Harbour Strike,” March 3, 1931, 5."]);
    let c = &doc.notes[0].citations[0];
    assert_eq!(c.form, Form::Full);
    assert_eq!(c.item.kind, ItemType::Manuscript);
    assert_eq!(c.item.title.as_deref(), Some("Notes on the Harbour Strike"));
    let parts = c.item.issued.as_ref().map(|d| d.date_parts[0].clone());
    assert_eq!(parts, Some(vec![1931, 3, 3]));
    assert_eq!(c.locator.as_ref().map(|l| l.value.as_str()), Some("5"));
}
