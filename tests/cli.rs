//! The command line on real inputs: Word files, folders of mixed inputs,
//! the summary and JSON report, exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

#[path = "support/cli.rs"]
mod cli;
use cli::{fixture, ibid};

fn temp_dir(name: &str) -> PathBuf {
    cli::temp_dir("cli", name)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn word_file_gives_the_same_records_as_text() {
    let from_text = ibid(&[
        "convert",
        &fixture("korean-war-origins.txt"),
        "--to",
        "notes",
        "-q",
    ]);
    let from_docx = ibid(&[
        "convert",
        &fixture("source/korean-war-origins.docx"),
        "--to",
        "notes",
        "-q",
    ]);
    assert_eq!(from_text.status.code(), Some(0));
    assert_eq!(from_docx.status.code(), Some(0));
    let gold = std::fs::read_to_string(fixture("korean-war-origins.gold.jsonl")).unwrap();
    let text_score =
        ibid::score::score(&gold, &String::from_utf8(from_text.stdout.clone()).unwrap()).unwrap();
    let docx_score =
        ibid::score::score(&gold, &String::from_utf8(from_docx.stdout.clone()).unwrap()).unwrap();
    // Italics from Word improve or keep the score.
    assert!(
        docx_score.f1 >= text_score.f1,
        "docx F1 {} < text F1 {}",
        docx_score.f1,
        text_score.f1
    );
    // The records (everything but the byte spans) are the same.
    let records = |o: &Output| -> Vec<serde_json::Value> {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    assert_eq!(records(&from_text), records(&from_docx));
}

#[test]
fn folder_of_mixed_inputs_is_accounted_for() {
    let dir = temp_dir("folder");
    let sub = dir.join("chapter-two");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(fixture("korean-war-origins.txt"), dir.join("article.txt")).unwrap();
    std::fs::copy(fixture("source/pandoc-notes.docx"), sub.join("draft.docx")).unwrap();
    std::fs::write(
        dir.join("refs.csv"),
        "id,reference\n1,\"Bruce Cumings, The Origins of the Korean War (Princeton, NJ: Princeton University Press, 1990), 12.\"\n2,\"Cumings, Origins, 14.\"\n3,\"A note that cites (1995), pp. 3 - in a shape nobody prints\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("ignored.png"), b"\x89PNG").unwrap();
    let report = dir.join("report.json");
    let out = ibid(&[
        "convert",
        dir.to_str().unwrap(),
        "--to",
        "csl-json",
        "--column",
        "reference",
        "--report",
        report.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    // One note could not be read: exit 1, output still complete.
    assert_eq!(out.status.code(), Some(1), "{err}");
    let summary = err.lines().last().unwrap();
    assert!(summary.starts_with("ibid: 3 files, 88 notes,"), "{summary}");
    assert!(summary.ends_with("1 unreadable note"), "{summary}");
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(items.iter().any(|i| i["note"]
        .as_str()
        .is_some_and(|n| n.contains("nobody prints"))));

    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["summary"]["files"], 3);
    assert_eq!(report["summary"]["notes"], 88);
    assert_eq!(report["summary"]["unreadable_notes"], 1);
    let diags = report["diagnostics"].as_array().unwrap();
    let unread: Vec<&serde_json::Value> =
        diags.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(unread.len(), 1);
    assert!(unread[0]["file"].as_str().unwrap().ends_with("refs.csv"));
    assert_eq!(unread[0]["note"], "4");
    // The third row of the spreadsheet: its third note.
    assert_eq!(unread[0]["position"], 3);
    assert!(unread[0]["message"]
        .as_str()
        .unwrap()
        .contains("could not read"));
    // The diagnostic on stderr shows the note with the span marked.
    assert!(err.contains("error: could not read this citation"), "{err}");
    assert!(err.contains("4 | A note that cites (1995)"), "{err}");
}

#[test]
fn one_output_per_input_with_out_dir() {
    let dir = temp_dir("outdir");
    let out_dir = dir.join("out");
    let out = ibid(&[
        "convert",
        &fixture("korean-war-origins.txt"),
        &fixture("source/pandoc-notes.md"),
        "--to",
        "bibtex",
        "--out-dir",
        out_dir.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["korean-war-origins.bib", "pandoc-notes.bib"]);
    let bib = std::fs::read_to_string(out_dir.join("korean-war-origins.bib")).unwrap();
    assert!(bib.contains("@book{goncharov1993uncertain,"), "{bib}");
}

#[test]
fn usage_and_io_errors_exit_2_with_the_file_named() {
    let out = ibid(&["convert", "/no/such/file.txt", "--to", "notes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/no/such/file.txt: no such file or directory"),
        "{}",
        stderr(&out)
    );

    let dir = temp_dir("badzip");
    let bad = dir.join("broken.docx");
    std::fs::write(&bad, b"this is not a zip archive").unwrap();
    let out = ibid(&["convert", bad.to_str().unwrap(), "--to", "notes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("broken.docx"), "{}", stderr(&out));

    let out = ibid(&[
        "convert",
        &fixture("korean-war-origins.txt"),
        "--to",
        "nonsense",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ibid"))
        .args(["convert", "-", "--to", "notes", "-q"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Notes\n\n1. Gaddis, We Now Know, 71.\n2. Ibid., 72.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["citations"][0]["form"], "ibid");
    assert_eq!(lines[1]["citations"][0]["resolves_to"], "1");
}

#[test]
fn romanize_gives_a_latin_bibliography() {
    let dir = temp_dir("romanize");
    let input = dir.join("ru.txt");
    std::fs::write(&input, "Примечания\n[1] Иванов И. И. Название: подзаголовок. М.: Наука, 2001. С. 12–14.\n[2] Там же. С. 15.\n").unwrap();
    let out = ibid(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "csl-json",
        "--romanize",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], "ivanov2001nazvanie");
    assert_eq!(items[0]["title"], "Nazvanie: podzagolovok");
    assert_eq!(items[0]["author"][0]["family"], "Ivanov");
    // No progress bar when stderr is not a terminal: only the summary.
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
}

#[test]
fn repeated_note_labels_are_told_apart_by_position() {
    // Two chapters that restart their numbering, each with an unreadable
    // note 1.
    let dir = temp_dir("positions");
    let unreadable = "A note that cites (1995), pp. 3 - in a shape nobody prints";
    let input = dir.join("chapters.txt");
    std::fs::write(
        &input,
        format!(
            "Chapter 1\n\nNotes\n[1] {unreadable}\n[2] Bruce Cumings, The Origins of the Korean War (Princeton, NJ: Princeton University Press, 1990), 12.\n\nChapter 2\n\nNotes\n[1] {unreadable}\n"
        ),
    )
    .unwrap();
    let report = dir.join("report.json");
    let out = ibid(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "csl-json",
        "-q",
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["summary"]["unreadable_notes"], 2);
    let errors: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["note"].as_str().unwrap().to_string(),
                d["position"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(errors, [("1".to_string(), 1), ("1".to_string(), 3)]);
}
