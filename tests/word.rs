//! Word and OpenDocument files as they are.
//!
//! Pandoc: the seed article and every document of the development set
//! (`../shared/dev`), written as Markdown footnotes and turned into .docx
//! and .odt by pandoc at test time, give the same notes as their text and
//! score within 0.01 F1 of it. Skipped (saying so) when pandoc or
//! `../shared` is absent.

use std::path::Path;
use std::process::Command;

use ibid::export::notes::write_notes;
use ibid::source::{find_notes, read_docx, read_odt, OwnedNote};

/// The largest F1 gap allowed between a document read from its text and
/// the same notes read from a Word or OpenDocument file.
const MAX_GAP: f64 = 0.01;

/// Backslash-escapes every ASCII punctuation character, so that pandoc's
/// Markdown reader takes the note text literally (no emphasis, links or
/// smart quotes from its `*`, `[`, `"`).
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown document whose footnotes are the given note texts, one
/// `[^N]:` definition each (N the note's position from 1), each referenced
/// from a paragraph of its own.
fn markdown_with_footnotes(texts: &[&str]) -> String {
    let mut body = String::new();
    let mut definitions = String::new();
    for (i, text) in texts.iter().enumerate() {
        let n = i + 1;
        body.push_str(&format!("Sentence citing note {n}.[^{n}]\n\n"));
        // Lines joined, runs of ASCII white space made one space (as pandoc
        // does); other spaces (no-break, thin) are the text's own.
        let one_line = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        definitions.push_str(&format!("[^{n}]: {}\n\n", markdown_escape(&one_line)));
    }
    body + &definitions
}

/// Whether pandoc can be run.
fn pandoc_available() -> bool {
    Command::new("pandoc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs pandoc on Markdown (smart punctuation off: the text's quotes and
/// dashes stay as they are) into a file of the given extension; its bytes.
fn pandoc(markdown: &str, extension: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("notes.md");
    let output = dir.path().join(format!("notes.{extension}"));
    std::fs::write(&input, markdown).unwrap();
    let status = Command::new("pandoc")
        .args(["-f", "markdown-smart", "-o"])
        .arg(&output)
        .arg(&input)
        .status()
        .unwrap();
    assert!(status.success(), "pandoc failed writing .{extension}");
    std::fs::read(&output).unwrap()
}

/// White space squashed: pandoc joins lines and spaces.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `notes` output of a document, keeping only the notes the gold
/// annotates (as `score-dev` does).
fn notes_output(doc: &ibid::Document, gold: &str) -> String {
    let labels: std::collections::HashSet<String> = gold
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["note"].as_str().unwrap().to_string()
        })
        .collect();
    let mut out = Vec::new();
    write_notes(doc, &mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .filter(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            labels.contains(v["note"].as_str().unwrap())
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Reads one document as text, and as .docx and .odt made by pandoc from
/// it; checks the packaged notes against the text's and the F1 gap.
///
/// Pandoc numbers footnotes 1, 2, 3 ... whatever the Markdown labels, so
/// the notes are compared by position: the packaged file must hold as
/// many notes as the text, numbered 1 to n in order, and the n-th is
/// given the text's n-th label before the pipeline runs (so that
/// `resolves_to` names the text's labels too).
fn check_document(name: &str, text: &str, gold: &str) {
    let text_notes = find_notes(text);
    assert!(!text_notes.is_empty(), "{name}: no notes in the text");
    let text_doc = ibid::convert_text(name, text);
    let text_score = ibid::score::score(gold, &notes_output(&text_doc, gold)).unwrap();
    let texts: Vec<&str> = text_notes.iter().map(|n| n.text).collect();
    let markdown = markdown_with_footnotes(&texts);
    for extension in ["docx", "odt"] {
        let bytes = pandoc(&markdown, extension);
        let mut notes: Vec<OwnedNote> = match extension {
            "docx" => read_docx(&bytes).unwrap(),
            _ => read_odt(&bytes).unwrap(),
        };
        assert_eq!(notes.len(), text_notes.len(), "{name}.{extension}: notes");
        for (i, (note, text_note)) in notes.iter_mut().zip(&text_notes).enumerate() {
            assert_eq!(note.label, (i + 1).to_string(), "{name}.{extension}");
            assert_eq!(
                squash(&note.text),
                squash(text_note.text),
                "{name}.{extension}: note {}",
                text_note.label
            );
            note.label = text_note.label.to_string();
        }
        let doc = ibid::pipeline::convert_owned(name, &notes);
        let score = ibid::score::score(gold, &notes_output(&doc, gold)).unwrap();
        println!(
            "{name}: text F1 {:.3}, .{extension} F1 {:.3}",
            text_score.f1, score.f1
        );
        assert!(
            (score.f1 - text_score.f1).abs() <= MAX_GAP,
            "{name}.{extension}: F1 {:.3} against {:.3} from the text",
            score.f1,
            text_score.f1
        );
    }
}

#[test]
fn seed_as_pandoc_docx_and_odt_scores_as_its_text() {
    if !pandoc_available() {
        eprintln!("skipped: pandoc is not installed (apt-get install pandoc)");
        return;
    }
    check_document(
        "korean-war-origins",
        include_str!("../fixtures/korean-war-origins.txt"),
        include_str!("../fixtures/korean-war-origins.gold.jsonl"),
    );
}

#[test]
fn development_set_as_pandoc_docx_and_odt_scores_as_its_text() {
    if !pandoc_available() {
        eprintln!("skipped: pandoc is not installed (apt-get install pandoc)");
        return;
    }
    let dev = Path::new("../shared/dev");
    let Ok(entries) = std::fs::read_dir(dev) else {
        eprintln!("skipped: no development set at ../shared/dev");
        return;
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".jsonl").map(str::to_string)
        })
        .filter(|name| dev.join(format!("{name}.txt")).exists())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no documents in ../shared/dev");
    for name in &names {
        let text = std::fs::read_to_string(dev.join(format!("{name}.txt"))).unwrap();
        let gold = std::fs::read_to_string(dev.join(format!("{name}.jsonl"))).unwrap();
        check_document(name, &text, &gold);
    }
}
