//! Finding the notes of a document: every plain-text shape, exact texts
//! and spans.

use ibid::source::{find_notes, SourceNote};

/// Every note's span must slice its text out of the document.
fn assert_spans(doc: &str, notes: &[SourceNote]) {
    for note in notes {
        assert_eq!(
            &doc[note.span.clone()],
            note.text,
            "span of note {}",
            note.label
        );
    }
}

fn labels_and_texts<'a>(notes: &[SourceNote<'a>]) -> Vec<(&'a str, &'a str)> {
    notes.iter().map(|n| (n.label, n.text)).collect()
}

#[test]
fn seed_article_gives_the_81_gold_notes() {
    let doc = std::fs::read_to_string("fixtures/korean-war-origins.txt").unwrap();
    let gold = std::fs::read_to_string("fixtures/korean-war-origins.gold.jsonl").unwrap();
    let notes = find_notes(&doc);
    assert_spans(&doc, &notes);
    let gold: Vec<serde_json::Value> = gold
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(notes.len(), 81);
    assert_eq!(gold.len(), 81);
    for (i, (note, gold)) in notes.iter().zip(&gold).enumerate() {
        assert_eq!(note.label, (i + 1).to_string());
        assert_eq!(note.label, gold["note"].as_str().unwrap());
        assert_eq!(
            note.text,
            gold["text"].as_str().unwrap(),
            "text of note {}",
            note.label
        );
    }
}

#[test]
fn body_references_and_editorial_markers_are_not_notes() {
    let doc = "Intro.[1] More text.[EAM1] Still body.[2]\n\
               [EAM2] an editor's line at a line start.\n\
               [2] a wrapped body line starting with a reference.\n\
               \n\
               [1] First note.\n\
               \n\
               [2]Second note, no space,\n\
               continued on a second line.\n\
               \n\
               [3]  \u{a0}Third note.\n\
               \n\
               Bibliography\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(
        labels_and_texts(&notes),
        vec![
            ("1", "First note."),
            ("2", "Second note, no space,\ncontinued on a second line."),
            ("3", "Third note."),
        ]
    );
}

#[test]
fn bracket_notes_may_continue_past_blank_lines_until_the_next_marker() {
    let doc = "Body.[1][2]\n\n[1] One.\n\nA second paragraph of one.\n[2] Two.\n[1950] is not a marker here.\n\nAfter the list.\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(
        labels_and_texts(&notes),
        vec![
            ("1", "One.\n\nA second paragraph of one."),
            ("2", "Two.\n[1950] is not a marker here."),
        ]
    );
}

#[test]
fn chapter_lists_restarting_at_one_are_all_found() {
    let doc = "Chapter one.[1][2]\n\n[1] A.\n[2] B.\n\nChapter two.[1]\n\n[1] C.\n";
    let notes = find_notes(doc);
    assert_eq!(
        labels_and_texts(&notes),
        vec![("1", "A."), ("2", "B."), ("1", "C.")]
    );
}

#[test]
fn link_reference_definitions_are_not_notes() {
    let doc = "See [the site][1].\n\n[1]: https://example.org\n[2]: https://example.com\n";
    assert!(find_notes(doc).is_empty());
}

#[test]
fn notes_heading_with_numbered_lines() {
    let doc = "A body with a list:\n1. not a note\n2. still not\n\n\
               NOTES\n\n\
               1. John Smith, A Book (London: Press, 1990), p. 3.\n\
               2. Ibid., p. 4.\n\
               3. Smith, A Book, pp. 5-6; see also a note that\n\
               wraps onto 1950 lines and\n\
               4 September 1949 is a continuation, not note 4.\n\
               4. Last note.\n\
               \n\
               Index\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(
        labels_and_texts(&notes),
        vec![
            ("1", "John Smith, A Book (London: Press, 1990), p. 3."),
            ("2", "Ibid., p. 4."),
            (
                "3",
                "Smith, A Book, pp. 5-6; see also a note that\nwraps onto 1950 lines and\n4 September 1949 is a continuation, not note 4."
            ),
            ("4", "Last note."),
        ]
    );
}

#[test]
fn notes_heading_with_bare_numbers() {
    let doc = "Body.\n\n## Endnotes\n\n1 First.\n\n2 Second.\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(
        labels_and_texts(&notes),
        vec![("1", "First."), ("2", "Second.")]
    );
}

#[test]
fn markdown_footnote_definitions() {
    let doc = "Text with a note[^1] and another[^long].\n\n\
               [^1]: First, on one line.\n\
               [^long]: A long note\n    \
               with an indented continuation,\n\
               a lazy one,\n\n    \
               and a second paragraph.\n\n\
               # Next section\n\n\
               Unrelated text.\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(
        labels_and_texts(&notes),
        vec![
            ("1", "First, on one line."),
            (
                "long",
                "A long note\n    with an indented continuation,\na lazy one,\n\n    and a second paragraph."
            ),
        ]
    );
}

#[test]
fn windows_line_endings() {
    let doc = "Body.[1]\r\n\r\n[1] One.\r\n[2] Two.\r\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(labels_and_texts(&notes), vec![("1", "One."), ("2", "Two.")]);
}

#[test]
fn a_document_without_notes() {
    assert!(find_notes("").is_empty());
    assert!(find_notes("Just prose, [1] with a reference.\n").is_empty());
}
