//! Inputs that once crashed the pipeline, found by fuzzing and property
//! tests. Each must now convert without panicking and keep its notes.

use ibid::export::notes::write_notes;

/// Converts `note` as the only note of a document and checks that it
/// comes out as one JSON line.
fn converts_as_one_note(note: &str) {
    let text = format!("[1] {note}\n");
    let doc = ibid::convert_text("regression.txt", &text);
    assert_eq!(doc.notes.len(), 1, "{note:?}");
    assert_eq!(doc.notes[0].text, note.trim());
    let mut out = Vec::new();
    write_notes(&doc, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
}

/// src/parse/chicago.rs, `book_or_chapter`: quote spans of the citation
/// were used to slice its head after leading punctuation was trimmed.
#[test]
fn quoted_title_after_leading_punctuation() {
    converts_as_one_note("x; see also , p. 12«Правда» “Title,”  (New York: Press, 1994)");
    converts_as_one_note("x; see also , p. 12 “Title,” Ibid. (New York: Press, 1994)");
}

/// src/parse/chicago.rs, `short_form` and `book_or_chapter`: the
/// discursive lead was counted from the citation after its leading
/// punctuation was trimmed, so it pointed inside a character.
#[test]
fn lead_counted_after_leading_punctuation() {
    converts_as_one_note(", p. 12 “Title,” John W. Smith, Ibid., p. 12");
}
/// src/source.rs, `digits`: note numbers had at most five digits, so in a
/// document of 100,000 notes the last one was silently appended to the
/// note before it.
#[test]
fn six_digit_note_numbers_are_notes() {
    let text: String = (99_998..=100_001)
        .map(|n| format!("[{n}] Note {n}.\n"))
        .collect();
    let labels: Vec<String> = ibid::source::find_notes(&text)
        .iter()
        .map(|n| n.label.to_string())
        .collect();
    assert_eq!(labels, ["99998", "99999", "100000", "100001"]);
}
/// src/parse/mod.rs, `looks_like_citation`: every unclosed '(' searched to
/// the end of the note for its ')', so a note of 128 KB of '(' took about
/// a second and 1 MB took minutes (unoptimized build).
#[test]
fn unclosed_parentheses_stay_linear() {
    let note = "(".repeat(256 * 1024);
    let start = std::time::Instant::now();
    converts_as_one_note(&note);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

/// src/split/mod.rs, `signal_phrase`: offsets found in the lowercased note
/// indexed the note itself, but lowercasing "Ⱥ" adds a byte.
#[test]
fn signal_after_a_letter_that_grows_when_lowercased() {
    converts_as_one_note("x\"Ⱥ; see also «Правда»");
    converts_as_one_note("İİİ, see Smith, Title, p. 3.");
}

/// src/parse/chicago.rs, `interview` and `possessive_work` ("distributed
/// by"): the same lowercase-offset slip as `signal_phrase`.
#[test]
fn phrases_after_a_letter_that_grows_when_lowercased() {
    let _ =
        ibid::parse::chicago::parse_chicago("Ⱥ interview with Ǆohn Smith, 31 July 1996, Moscow");
    let _ = ibid::parse::chicago::parse_chicago(
        "Smith’s manuscript Title, Ⱥ distributed by Ǆorea Society in Washington",
    );
    converts_as_one_note("Ⱥ interview with Ǆohn Smith, 31 July 1996, Moscow");
}

/// src/report.rs, `render_diagnostic` (found by the `pipeline` fuzz target):
/// diagnostics name their note by label, labels repeat in this document
/// (3, 2, 3), so the CLI rendered a diagnostic of the second note 3 against
/// the text of the first, and the span ended inside a `’`. The CLI exited
/// with a panic (101).
#[test]
fn diagnostic_rendered_against_a_note_with_the_same_label() {
    let text = include_str!("data/repeated-labels.txt");
    let doc = ibid::convert_text("repeated-labels.txt", text);
    assert_eq!(doc.notes.len(), 5);
    assert!(!doc.diagnostics.is_empty());
    for d in &doc.diagnostics {
        for note in doc.notes.iter().filter(|n| n.label == d.note) {
            assert!(ibid::report::render_diagnostic(d, &note.text).contains(&d.message));
        }
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ibid"))
        .args(["convert", "tests/data/repeated-labels.txt", "--to", "notes"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 5);
}
