//! Note finding never drops a note: every shape of note list a user may
//! hand ibid, table-driven. For each document: the notes found (labels
//! and texts), every span slicing its text out of the document, and the
//! line-start markers that are not notes reported with their position.
//! All notes here are made up.

use ibid::model::Severity;
use ibid::source::{find_notes_reporting, Found};

/// One case: a document, the notes it holds (label, text), and the labels
/// of the markers that must be reported as not taken.
struct Case {
    name: &'static str,
    doc: &'static str,
    notes: &'static [(&'static str, &'static str)],
    skipped: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "an excerpt whose numbering starts past 1 and jumps",
        doc: "[138] Anna Field, Rivers of Salt (Leeds: Marsh Press, 1987), 12.\n\
              [139] Ibid., 14.\n\
              [140] Field, Rivers of Salt, 20.\n\
              [141] Ibid.\n\
              [142] Tom Reed, The Quiet Harbour (Oslo: North, 2001), 3.\n\
              [230] Reed, Quiet Harbour, 9.\n\
              [231] Ibid., 10.\n",
        notes: &[
            ("138", "Anna Field, Rivers of Salt (Leeds: Marsh Press, 1987), 12."),
            ("139", "Ibid., 14."),
            ("140", "Field, Rivers of Salt, 20."),
            ("141", "Ibid."),
            ("142", "Tom Reed, The Quiet Harbour (Oslo: North, 2001), 3."),
            ("230", "Reed, Quiet Harbour, 9."),
            ("231", "Ibid., 10."),
        ],
        skipped: &[],
    },
    Case {
        name: "two runs of two",
        doc: "[12] One.\n[13] Two.\n[40] Three.\n[41] Four.\n",
        notes: &[("12", "One."), ("13", "Two."), ("40", "Three."), ("41", "Four.")],
        skipped: &[],
    },
    Case {
        name: "two isolated labels",
        doc: "[12] One.\n\n[40] Two.\n",
        notes: &[("12", "One."), ("40", "Two.")],
        skipped: &[],
    },
    Case {
        name: "a single note",
        doc: "[7] Only note.\n",
        notes: &[("7", "Only note.")],
        skipped: &[],
    },
    Case {
        name: "body text, then a list that starts past 1",
        doc: "Body text that cites.[54] More body.[55]\n\n[54] First.\n[55] Second.\n",
        notes: &[("54", "First."), ("55", "Second.")],
        skipped: &[],
    },
    Case {
        name: "numbering that repeats",
        doc: "[5] One.\n[5] Two.\n[6] Three.\n",
        notes: &[("5", "One."), ("5", "Two."), ("6", "Three.")],
        skipped: &[],
    },
    Case {
        name: "numbering out of order",
        doc: "[1] One.\n[3] Three.\n[2] Two.\n[4] Four.\n",
        notes: &[("1", "One."), ("3", "Three."), ("2", "Two."), ("4", "Four.")],
        skipped: &[],
    },
    Case {
        name: "chapters that restart",
        doc: "Chapter one.[1]\n\n[1] A.\n[2] B.\n\nChapter two, body.[1]\n\n[1] C.\n[2] D.\n",
        notes: &[("1", "A."), ("2", "B."), ("1", "C."), ("2", "D.")],
        skipped: &[],
    },
    Case {
        name: "a plain numbered list with no heading",
        doc: "1. John Smith, A Book (New York: Knopf, 1990), 5.\n2. Ibid., 7.\n",
        notes: &[
            ("1", "John Smith, A Book (New York: Knopf, 1990), 5."),
            ("2", "Ibid., 7."),
        ],
        skipped: &[],
    },
    Case {
        name: "a list of N) lines",
        doc: "1) First.\n2) Second.\n",
        notes: &[("1", "First."), ("2", "Second.")],
        skipped: &[],
    },
    Case {
        name: "a list of N and a space",
        doc: "3 First.\n4 Second,\ncontinued.\n",
        notes: &[("3", "First."), ("4", "Second,\ncontinued.")],
        skipped: &[],
    },
    Case {
        name: "a list of N and a tab",
        doc: "1\tFirst.\n2\tSecond.\n",
        notes: &[("1", "First."), ("2", "Second.")],
        skipped: &[],
    },
    Case {
        name: "superscript digits",
        doc: "¹ First.\n² Second.\n¹⁰ Tenth.\n",
        notes: &[("1", "First."), ("2", "Second."), ("10", "Tenth.")],
        skipped: &[],
    },
    Case {
        name: "caret numbers",
        doc: "^1 First.\n^2. Second.\n",
        notes: &[("1", "First."), ("2", "Second.")],
        skipped: &[],
    },
    Case {
        name: "Note N",
        doc: "Note 1. First.\nNOTE 2: Second.\nПримечание 3. Третье.\n",
        notes: &[("1", "First."), ("2", "Second."), ("3", "Третье.")],
        skipped: &[],
    },
    Case {
        name: "Markdown footnotes with any label",
        doc: "Text[^a b] and[^é-2].\n\n[^a b]: First.\n[^é-2]: Second.\n",
        notes: &[("a b", "First."), ("é-2", "Second.")],
        skipped: &[],
    },
    Case {
        name: "a Russian notes heading",
        doc: "Текст статьи.\n\nПримечания\n\n1. Первое.\n2. Второе.\n",
        notes: &[("1", "Первое."), ("2", "Второе.")],
        skipped: &[],
    },
    Case {
        name: "a German notes heading",
        doc: "Text.\n\n## Anmerkungen\n\n1 Erste.\n2 Zweite.\n",
        notes: &[("1", "Erste."), ("2", "Zweite.")],
        skipped: &[],
    },
    Case {
        name: "Notes and References, then another section",
        doc: "Text.\n\nNotes and References:\n1) One.\n2) Two.\n\n# Index\n3) not a note\n",
        notes: &[("1", "One."), ("2", "Two.")],
        skipped: &[],
    },
    Case {
        name: "Комментарии with bracket markers",
        doc: "Текст.[1]\n\nКомментарии\n[1] Один.\n[2] Два.\n",
        notes: &[("1", "Один."), ("2", "Два.")],
        skipped: &[],
    },
    Case {
        name: "a body reference at a line start when a notes section exists",
        doc: "Body text wrapped so that a reference\n[3] opens a line of the body.\n\nNotes\n1. One.\n2. Two.\n",
        notes: &[("1", "One."), ("2", "Two.")],
        skipped: &["3"],
    },
    Case {
        name: "a body reference at a line start, no heading",
        doc: "Body text wrapped so that a reference\n[3] opens a line of the body.\n\n[1] One.\n[2] Two.\n",
        notes: &[("1", "One."), ("2", "Two.")],
        skipped: &["3"],
    },
    Case {
        name: "a number that interrupts a run is text of the note before it",
        doc: "[1] One.\n[2] Two, printed in\n[1950] and reprinted.\n[3] Three.\n",
        notes: &[
            ("1", "One."),
            ("2", "Two, printed in\n[1950] and reprinted."),
            ("3", "Three."),
        ],
        skipped: &["1950"],
    },
    Case {
        name: "a second paragraph of a note",
        doc: "[1] One.\n\nMore of one.\n[2] Two.\n",
        notes: &[("1", "One.\n\nMore of one."), ("2", "Two.")],
        skipped: &[],
    },
    Case {
        name: "an article that opens with a date",
        doc: "12 March 1950\n\nBody.[1]\n\n[1] One.\n",
        notes: &[("1", "One.")],
        skipped: &[],
    },
];

fn check(case: &Case, found: &Found) {
    for note in &found.notes {
        assert_eq!(
            &case.doc[note.span.clone()],
            note.text,
            "{}: span of note {}",
            case.name,
            note.label
        );
    }
    let got: Vec<(&str, &str)> = found.notes.iter().map(|n| (&*n.label, n.text)).collect();
    assert_eq!(got, case.notes, "{}", case.name);
    let skipped: Vec<&str> = found.skipped.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(skipped, case.skipped, "{}: skipped markers", case.name);
    for s in &found.skipped {
        let marker = &case.doc[s.span.clone()];
        assert!(
            marker.contains(s.label.as_str()),
            "{}: span {marker:?} of skipped marker {}",
            case.name,
            s.label
        );
        let line_start = case.doc[..s.span.start].matches('\n').count() + 1;
        assert_eq!(s.line, line_start, "{}: line of {}", case.name, s.label);
    }
}

#[test]
fn every_shape_of_note_list() {
    for case in CASES {
        check(case, &find_notes_reporting(case.doc));
        // The pipeline keeps every note, and reports the skipped markers.
        let doc = ibid::convert_text("case.txt", case.doc);
        assert_eq!(doc.notes.len(), case.notes.len(), "{}", case.name);
        let warnings = doc
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("not taken as a note"))
            .count();
        assert_eq!(warnings, case.skipped.len(), "{}", case.name);
    }
}

#[test]
fn a_document_without_notes_is_an_error_naming_the_shapes() {
    let doc = ibid::convert_text("prose.txt", "Just prose, with a reference [1] inside.\n");
    assert!(doc.notes.is_empty());
    let error = doc
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .expect("an error");
    assert!(
        error.message.contains("no notes found"),
        "{}",
        error.message
    );
    assert!(error.message.contains("[^1]:"), "{}", error.message);
    assert_eq!(doc.unreadable_notes(), 1);
    // An empty document is not an error.
    assert!(ibid::convert_text("empty.txt", " \n\n")
        .diagnostics
        .is_empty());
}

#[test]
fn the_command_line_exits_1_on_a_file_without_notes() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ibid-note-finding");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("prose.txt");
    std::fs::write(&path, "Only prose here.\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ibid"))
        .args(["convert", path.to_str().unwrap(), "--to", "notes"])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no notes found"), "{stderr}");
}

// ---------------------------------------------------------------------
// Encodings: the same notes whatever the file's encoding, and the
// encoding named in the report.

/// Runs `ibid convert FILE --to notes --report R` on `bytes` (plus
/// `extra` arguments): exit code, (label, text) of each note, and the
/// report's entry for the file.
fn convert_bytes(
    name: &str,
    bytes: &[u8],
    extra: &[&str],
) -> (Option<i32>, Vec<(String, String)>, serde_json::Value) {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("ibid-note-finding-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let report = dir.join("report.json");
    std::fs::write(&path, bytes).unwrap();
    let mut args = vec![
        "convert",
        path.to_str().unwrap(),
        "--to",
        "notes",
        "--report",
        report.to_str().unwrap(),
    ];
    args.extend(extra);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ibid"))
        .args(&args)
        .output()
        .unwrap();
    let notes = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["note"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let report: serde_json::Value = std::fs::read_to_string(&report)
        .map(|r| serde_json::from_str(&r).unwrap())
        .unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    (out.status.code(), notes, report["files"][0].clone())
}

const THREE_NOTES: &str = "[1] Anna Field, Rivers of Salt (Leeds: Marsh Press, 1987), 12.\r\n\
                           [2] Ibid., 14.\r\n\
                           [3] Field, Rivers of Salt, 20.\r\n";

const RUSSIAN_NOTES: &str = "[1] Петров П. П. История одного завода. М.: Наука, 1984. С. 15.\n\
                             [2] Там же. С. 17.\n";

#[test]
fn utf16_and_utf8_with_marks_keep_every_note() {
    let mut le = vec![0xFF, 0xFE];
    le.extend(THREE_NOTES.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(THREE_NOTES.encode_utf16().flat_map(u16::to_be_bytes));
    // A byte-order mark kept as text by an earlier conversion.
    let mut doubled = vec![0xFF, 0xFE];
    doubled.extend(
        format!("\u{FEFF}{THREE_NOTES}")
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
    utf8_bom.extend(THREE_NOTES.as_bytes());
    for (name, bytes, encoding, source) in [
        ("le.txt", le, "UTF-16LE", "byte-order-mark"),
        ("be.txt", be, "UTF-16BE", "byte-order-mark"),
        ("doubled.txt", doubled, "UTF-16LE", "byte-order-mark"),
        ("bom.txt", utf8_bom, "UTF-8", "byte-order-mark"),
        (
            "plain.txt",
            THREE_NOTES.as_bytes().to_vec(),
            "UTF-8",
            "utf8",
        ),
    ] {
        let (code, notes, file) = convert_bytes(name, &bytes, &[]);
        assert_eq!(code, Some(0), "{name}");
        let labels: Vec<&str> = notes.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["1", "2", "3"], "{name}");
        assert_eq!(notes[1].1, "Ibid., 14.", "{name}");
        assert_eq!(file["encoding"], encoding, "{name}");
        assert_eq!(file["encoding_source"], source, "{name}");
    }
}

#[test]
fn legacy_encodings_are_detected_and_reported() {
    for (name, encoding) in [
        ("cp1251.txt", encoding_rs::WINDOWS_1251),
        ("koi8.txt", encoding_rs::KOI8_R),
    ] {
        let (bytes, _, _) = encoding.encode(RUSSIAN_NOTES);
        let (code, notes, file) = convert_bytes(name, &bytes, &[]);
        assert_eq!(code, Some(0), "{name}");
        assert_eq!(notes.len(), 2, "{name}");
        assert_eq!(notes[1].1, "Там же. С. 17.", "{name}");
        // KOI8-R text is named KOI8-U (the superset chardetng guesses,
        // which decodes Russian alike).
        let named = file["encoding"].as_str().unwrap();
        assert_eq!(&named[..4], &encoding.name()[..4], "{name}");
        assert_eq!(file["encoding_source"], "detected", "{name}");
    }
    let latin = "[1] Jean Dupont, Histoire économique de la Franche-Comté (Besançon: Éditions du Doubs, 1990), 12.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(latin);
    let (code, notes, file) = convert_bytes("cp1252.txt", &bytes, &[]);
    assert_eq!(code, Some(0));
    assert_eq!(notes[0].1, latin[4..].trim_end());
    assert_eq!(file["encoding"], "windows-1252");
    // --encoding forces one: KOI8-R bytes read as named.
    let (bytes, _, _) = encoding_rs::KOI8_R.encode(RUSSIAN_NOTES);
    let (_, notes, file) = convert_bytes("forced.txt", &bytes, &["--encoding", "koi8-r"]);
    assert_eq!(notes[1].1, "Там же. С. 17.");
    assert_eq!(file["encoding"], "KOI8-R");
    assert_eq!(file["encoding_source"], "forced");
    // An encoding no one knows is a usage error.
    let (code, _, _) = convert_bytes("unknown.txt", b"[1] a\n", &["--encoding", "martian"]);
    assert_eq!(code, Some(2));
}

// ---------------------------------------------------------------------
// Normalization: the grammars see one form of each space, dash and quote;
// the notes keep their text as written, and spans point into it.

/// What the grammars made of a note: per citation its form, item,
/// locator, prefix and resolution (not its span, which follows the text).
fn readings(doc: &ibid::Document) -> Vec<Vec<serde_json::Value>> {
    doc.notes
        .iter()
        .map(|n| {
            n.citations
                .iter()
                .map(|c| {
                    let locator = c
                        .locator
                        .as_ref()
                        .map(|l| format!("{:?} {}", l.label, l.value));
                    serde_json::json!([
                        c.form,
                        c.item,
                        locator,
                        c.prefix,
                        c.resolves_to,
                        c.relation
                    ])
                })
                .collect()
        })
        .collect()
}

/// Pairs of notes written two ways that must read alike: made-up notes as
/// a word processor, a PDF copy or another keyboard print them.
const SAME_READING: &[(&str, &str)] = &[
    (
        "[1] Anna Field, Rivers of Salt (Leeds: Marsh Press, 1987), pp.\u{a0}151–52.\n",
        "[1] Anna Field, Rivers of Salt (Leeds: Marsh Press, 1987), pp. 151–52.\n",
    ),
    (
        "[1] Tom Reed,\u{202F}“The Quiet\u{2009}Harbour,” Northern Review 12, no.\u{a0}3 (1994): 27\u{2012}28.\n",
        "[1] Tom Reed, “The Quiet Harbour,” Northern Review 12, no. 3 (1994): 27–28.\n",
    ),
    (
        "[1] Tom Reed, ``The Quiet Harbour,'' Northern Review 12, no. 3 (1994): 27\u{2011}28.\n",
        "[1] Tom Reed, “The Quiet Harbour,” Northern Review 12, no. 3 (1994): 27-28.\n",
    ),
    (
        "[1] Mar\u{ed}a Guitia\u{301}n, Historia de un r\u{131}\u{301}o (Madrid: Sol, 1990), 4.\n",
        "[1] Mar\u{ed}a Guitián, Historia de un r\u{131}\u{301}o (Madrid: Sol, 1990), 4.\n",
    ),
    (
        "[1] Anna Field, Rivers of Sa\u{AD}lt (Leeds: Marsh\u{200B} Press, 1987), 12\u{2060}3.\n",
        "[1] Anna Field, Rivers of Salt (Leeds: Marsh Press, 1987), 123.\n",
    ),
    (
        "[1] Anna Field, Rivers of Salt and the Docu-\nments of a Port (Leeds: Marsh Press, 1987), 12.\n",
        "[1] Anna Field, Rivers of Salt and the Documents of a Port (Leeds: Marsh Press, 1987), 12.\n",
    ),
    (
        "[1] GARF, f.\u{a0}5446, \u{41E}p.\u{a0}1, d.\u{a0}12, l.\u{a0}34.\n",
        "[1] GARF, f. 5446, Op. 1, d. 12, l. 34.\n",
    ),
    (
        "[1] ГАРФ. Ф.\u{a0}Р-5446. Oп. 1. Д. 12. Л. 34\u{2012}35.\n",
        "[1] ГАРФ. Ф. Р-5446. Оп. 1. Д. 12. Л. 34–35.\n",
    ),
];

#[test]
fn notes_written_two_ways_read_alike_and_keep_their_text() {
    for (written, plain) in SAME_READING {
        let a = ibid::convert_text("a.txt", written);
        let b = ibid::convert_text("b.txt", plain);
        assert_eq!(readings(&a), readings(&b), "{written:?}");
        assert!(!a.notes[0].citations.is_empty(), "{written:?}");
        // The note's text is the text as written.
        assert_eq!(a.notes[0].text, written[4..].trim_end(), "{written:?}");
        // Every citation span slices the note as written on char
        // boundaries.
        for c in &a.notes[0].citations {
            assert!(a.notes[0].text.get(c.span.clone()).is_some(), "{written:?}");
        }
    }
}

#[test]
fn diagnostic_spans_point_into_the_text_as_written() {
    // The unread citation follows characters that normalization changes.
    let doc =
        "[1] Tom\u{a0}Reed, “Quiet\u{2009}Harbour,” p.\u{a0}3; @@ =q\u{a0}(1994), p.\u{a0}5.\n";
    let converted = ibid::convert_text("d.txt", doc);
    let note = &converted.notes[0];
    let errors: Vec<_> = converted
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(!errors.is_empty(), "{:?}", converted.diagnostics);
    for d in errors {
        let piece = note
            .text
            .get(d.span.clone())
            .expect("span on char boundaries");
        assert!(piece.contains("@@ =q\u{a0}(1994)"), "{piece:?}");
    }
}

mod properties {
    use super::readings;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    const SEED: &str = include_str!("../fixtures/korean-war-origins.txt");

    /// The seed article as read without any change.
    fn plain() -> &'static Vec<Vec<serde_json::Value>> {
        static READ: OnceLock<Vec<Vec<serde_json::Value>>> = OnceLock::new();
        READ.get_or_init(|| readings(&ibid::convert_text("seed.txt", SEED)))
    }

    /// Characters that may appear anywhere and mean nothing.
    const INVISIBLE: &[&str] = &["\u{200B}", "\u{200C}", "\u{2060}", "\u{FEFF}", "\u{AD}"];
    /// Characters printed for a space.
    const SPACES: &[char] = &[
        '\u{a0}', '\u{202F}', '\u{2009}', '\u{2007}', '\u{3000}', '\u{200A}',
    ];

    /// The seed with each edit applied inside the note it falls in: an
    /// invisible character inserted, or a space printed another way.
    fn edited(edits: &[(usize, usize, usize)]) -> String {
        let notes = ibid::source::find_notes(SEED);
        let mut texts: Vec<String> = notes.iter().map(|n| n.text.to_string()).collect();
        for &(note, at, kind) in edits {
            let text = &mut texts[note % notes.len()];
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if kind % 2 == 0 {
                text.insert_str(at, INVISIBLE[kind / 2 % INVISIBLE.len()]);
            } else if let Some(space) = text[at..].find(' ').map(|k| at + k) {
                let with = SPACES[kind / 2 % SPACES.len()];
                text.replace_range(space..space + 1, with.encode_utf8(&mut [0; 4]));
            }
        }
        let mut doc = String::new();
        let mut copied = 0;
        for (note, text) in notes.iter().zip(&texts) {
            doc.push_str(&SEED[copied..note.span.start]);
            doc.push_str(text);
            copied = note.span.end;
        }
        doc.push_str(&SEED[copied..]);
        doc
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]

        /// Inserting invisible characters and printing spaces another way
        /// anywhere in the seed's notes changes no parsed item.
        #[test]
        fn invisible_changes_leave_the_seed_read_alike(
            edits in proptest::collection::vec((0usize..10_000, 0usize..100_000, 0usize..12), 1..60)
        ) {
            let doc = ibid::convert_text("seed.txt", &edited(&edits));
            prop_assert_eq!(doc.notes.len(), 81);
            let read = readings(&doc);
            for (i, (got, want)) in read.iter().zip(plain()).enumerate() {
                prop_assert_eq!(got, want, "note {}", i + 1);
            }
        }
    }
}
