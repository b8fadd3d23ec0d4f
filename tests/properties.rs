//! Properties of the whole pipeline that hold for every input: no input
//! panics, every note in yields a note out, output is deterministic, the
//! notes JSON and CSL-JSON items re-parse, and the normalizers are
//! idempotent.

use ibid::export::notes::write_notes;
use ibid::model::Item;
use proptest::prelude::*;
use std::sync::mpsc;
use std::time::Duration;

/// How long one generated document may take before the run stops: a
/// debug build converts one in milliseconds.
const DEADLINE: Duration = Duration::from_secs(60);

/// Runs the pipeline and the notes exporter, returning the document and
/// the JSON Lines output.
///
/// The pipeline runs on a thread of its own: an input on which it never
/// finishes stops the whole test binary at once, naming the input, rather
/// than leaving the run (and CI) waiting with nothing said, and rather
/// than letting proptest shrink it by running more inputs that never end.
fn convert(text: &str) -> (ibid::Document, String) {
    let (sender, receiver) = mpsc::channel();
    let owned = text.to_string();
    std::thread::spawn(move || {
        let doc = ibid::convert_text("prop.txt", &owned);
        let mut out = Vec::new();
        write_notes(&doc, &mut out).expect("writing to a Vec cannot fail");
        let out = String::from_utf8(out).expect("notes output is UTF-8");
        // The receiver is gone only when the test has already failed.
        let _ = sender.send((doc, out));
    });
    match receiver.recv_timeout(DEADLINE) {
        Ok(converted) => converted,
        // The thread panicked: its message is printed already; the
        // test fails with it as before.
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the pipeline panicked on {text:?}"),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            eprintln!(
                "the pipeline did not finish within {} s on this input:\n{text:?}",
                DEADLINE.as_secs()
            );
            std::process::abort();
        }
    }
}

/// Renders every diagnostic of the document against its note (or, for
/// the source stage's diagnostics about the file, position 0, against the
/// document's text), as the CLI does, and returns how many were rendered.
fn render_all(doc: &ibid::Document, text: &str) -> usize {
    for d in &doc.diagnostics {
        let shown_against = if d.position == 0 {
            assert!(d.span.end <= text.len(), "a file span within the file");
            text
        } else {
            &doc.notes
                .iter()
                .find(|n| n.label == d.note)
                .expect("a diagnostic names a note")
                .text
        };
        let shown = ibid::report::render_diagnostic(d, shown_against);
        assert!(shown.contains(&d.message));
    }
    doc.diagnostics.len()
}

/// A document of the texts as notes `[1]`, `[2]`, ..., each followed by
/// `separator`.
fn numbered(texts: &[String], separator: &str) -> String {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| format!("[{}] {t}{separator}", i + 1))
        .collect()
}

/// Note text that looks like a citation often enough to reach the
/// grammars: fragments of Chicago notes mixed with arbitrary characters.
fn citation_like() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("Ibid.".to_string()),
        Just(", p. 12".to_string()),
        Just(", pp. 130 - 151".to_string()),
        Just(", Vol. 2, No. 3".to_string()),
        Just(" (New York: Press, 1994)".to_string()),
        Just(" “Title,” ".to_string()),
        Just("; see also ".to_string()),
        Just(" 21 May 1949".to_string()),
        Just(" Spring and Fall 1994".to_string()),
        Just("John W. Smith, ".to_string()),
        Just(" et al., ".to_string()),
        Just("Fond 45, Opis 1, Delo 331, Listy 554".to_string()),
        Just(". Cited in ".to_string()),
        Just("«Правда»".to_string()),
        "[^\n\r]{0,12}",
    ];
    proptest::collection::vec(fragment, 0..12).prop_map(|parts| parts.concat())
}

/// Text of one note line: starts with a visible character, has no line
/// break.
fn note_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\\s\\[][^\n\r]{0,80}",
        citation_like().prop_map(|s| format!("x{s}")),
    ]
}

proptest! {
    // 256 cases a property (proptest's default), or PROPTEST_CASES.
    #![proptest_config(ProptestConfig::default())]

    #[test]
    fn no_input_panics(text in "\\PC{0,400}") {
        let (doc, out) = convert(&text);
        prop_assert_eq!(out.lines().count(), doc.notes.len());
        render_all(&doc, &text);
    }

    #[test]
    fn no_note_like_input_panics(lines in proptest::collection::vec(citation_like(), 0..8)) {
        let text: String = numbered(&lines, "\n");
        let (doc, out) = convert(&text);
        prop_assert_eq!(out.lines().count(), doc.notes.len());
        render_all(&doc, &text);
    }

    #[test]
    fn every_note_in_yields_a_note_out(texts in proptest::collection::vec(note_text(), 1..30)) {
        let doc_text: String = numbered(&texts, "\n");
        let (doc, out) = convert(&doc_text);
        let labels: Vec<String> = doc.notes.iter().map(|n| n.label.clone()).collect();
        let expected: Vec<String> = (1..=texts.len()).map(|n| n.to_string()).collect();
        prop_assert_eq!(labels, expected);
        for (note, text) in doc.notes.iter().zip(&texts) {
            prop_assert_eq!(note.text.as_str(), text.trim());
            prop_assert_eq!(&doc_text[note.span.clone()], text.trim());
        }
        prop_assert_eq!(out.lines().count(), texts.len());
    }

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        match ibid::input::decode_text("prop.txt", bytes.clone(), false, None) {
            Ok(decoded) => {
                // Only a guessed legacy encoding may hold unmapped bytes.
                prop_assert!(
                    !decoded.replaced
                        || decoded.encoding.source == ibid::input::EncodingSource::Detected
                );
                convert(&decoded.text);
            }
            Err(e) => prop_assert!(
                e.to_string().starts_with("prop.txt: invalid UTF-")
                    || e.to_string().starts_with("prop.txt: a binary file"),
                "{}",
                e
            ),
        }
        if let Ok(decoded) = ibid::input::decode_text("prop.txt", bytes, true, None) {
            convert(&decoded.text);
        }
    }

    #[test]
    fn every_markdown_footnote_comes_out(texts in proptest::collection::vec(note_text(), 1..20)) {
        let doc_text: String = texts.iter().enumerate().map(|(i, t)| format!("[^n{i}]: {t}\n\n")).collect();
        let (doc, _) = convert(&doc_text);
        let labels: Vec<String> = doc.notes.iter().map(|n| n.label.clone()).collect();
        let expected: Vec<String> = (0..texts.len()).map(|i| format!("n{i}")).collect();
        prop_assert_eq!(labels, expected);
        for (note, text) in doc.notes.iter().zip(&texts) {
            prop_assert_eq!(note.text.as_str(), text.trim());
        }
    }

    #[test]
    fn output_is_deterministic(texts in proptest::collection::vec(note_text(), 1..12)) {
        let doc_text: String = numbered(&texts, "\n\n");
        prop_assert_eq!(convert(&doc_text).1, convert(&doc_text).1);
    }

    #[test]
    fn notes_json_reparses(texts in proptest::collection::vec(note_text(), 1..12)) {
        let doc_text: String = numbered(&texts, "\n");
        let (doc, out) = convert(&doc_text);
        for (line, note) in out.lines().zip(&doc.notes) {
            let value: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
            prop_assert_eq!(value["note"].as_str(), Some(note.label.as_str()));
            prop_assert_eq!(value["text"].as_str(), Some(note.text.as_str()));
            let citations = value["citations"].as_array().expect("citations is an array");
            prop_assert_eq!(citations.len(), note.citations.len());
            for (json, citation) in citations.iter().zip(&note.citations) {
                let item: Item = serde_json::from_value(json["item"].clone()).expect("item is CSL-JSON");
                prop_assert_eq!(&item, &citation.item);
            }
        }
    }

    #[test]
    fn csl_items_round_trip_through_serde(texts in proptest::collection::vec(note_text(), 1..12)) {
        let doc_text: String = numbered(&texts, "\n");
        let (doc, _) = convert(&doc_text);
        for citation in doc.notes.iter().flat_map(|n| &n.citations) {
            let json = serde_json::to_string(&citation.item).expect("items serialize");
            let back: Item = serde_json::from_str(&json).expect("items re-parse");
            prop_assert_eq!(&back, &citation.item);
        }
    }

    #[test]
    fn normalize_range_is_idempotent(s in "[0-9 ,\\-–—‒−a-z\\PC]{0,30}") {
        let once = ibid::text::normalize_range(&s);
        prop_assert_eq!(ibid::text::normalize_range(&once), once);
    }

    #[test]
    fn squashed_texts_are_told_as_squashing_tells_them(s in "\\PC{0,60}|[ \t\u{a0}\u{2009}a-z]{0,40}") {
        // `is_squashed` (the fast path of `squash_spaces`) against the
        // words joined by single spaces.
        let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(ibid::text::is_squashed(&s), joined == s);
        prop_assert_eq!(ibid::text::squash_spaces(&s), joined);
    }

    #[test]
    fn squash_spaces_is_idempotent(s in "\\PC{0,60}|[ \t\u{a0}\u{2009}a-z]{0,40}") {
        let once = ibid::text::squash_spaces(&s);
        prop_assert_eq!(ibid::text::squash_spaces(&once), once);
    }

    #[test]
    fn fold_is_idempotent(s in "\\PC{0,60}") {
        let once = ibid::text::fold(&s);
        prop_assert_eq!(ibid::text::fold(&once), once);
    }
}

/// The seed article's notes, renumbered and shuffled into documents of
/// every size, still come out one for one.
#[test]
fn seed_notes_in_any_number_come_out() {
    let article = include_str!("../fixtures/korean-war-origins.txt");
    let notes: Vec<&str> = ibid::source::find_notes(article)
        .iter()
        .map(|n| n.text)
        .collect();
    for take in [1, 2, 10, notes.len()] {
        let text: String = notes
            .iter()
            .rev()
            .take(take)
            .enumerate()
            .map(|(i, t)| format!("[{}] {t}\n", i + 1))
            .collect();
        let (doc, out) = convert(&text);
        assert_eq!(doc.notes.len(), take);
        assert_eq!(out.lines().count(), take);
    }
}
