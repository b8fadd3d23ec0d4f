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
    let dir = std::env::temp_dir().join(format!("ibid-note-finding-{}", std::process::id()));
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
