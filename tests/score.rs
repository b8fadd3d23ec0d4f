//! The Rust scorer against hand-computed figures and against
//! `tools/score.py` itself on perturbed copies of the seed gold.

use std::path::PathBuf;
use std::process::Command;

use ibid::score::score;
use serde_json::{json, Value};

/// The reference scorer, in the shared folder beside the repository.
const SCORE_PY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/tools/score.py");

/// One book citation and one ibid; the prediction misreads the title and
/// one author, drops the ibid and adds a note the gold does not have.
const SMALL_GOLD: &str = r#"
{"note": "1", "citations": [{"form": "full", "item": {"type": "book", "title": "A Book", "author": [{"family": "Smith", "given": "J."}, {"family": "Jones"}], "issued": {"date-parts": [[1990]]}, "publisher": "Press", "publisher-place": "London"}}, {"form": "ibid", "resolves_to": "1", "locator": "p. 5"}]}
"#;
const SMALL_PRED: &str = r#"
{"note": "1", "citations": [{"form": "full", "item": {"type": "collection", "title": "Another Book", "author": [{"family": "Smith"}, {"family": "Brown"}], "issued": {"date-parts": [["1990"]]}, "publisher": "Press", "publisher-place": "London"}}]}
{"note": 9, "citations": [{"form": "full", "item": {"title": "Extra"}}]}
"#;

#[test]
fn hand_computed_figures() {
    let s = score(SMALL_GOLD, SMALL_PRED).unwrap();
    assert_eq!((s.notes_gold, s.notes_pred, s.notes_not_in_gold), (1, 2, 1));
    assert_eq!(
        (s.citations_gold, s.citations_pred, s.citations_matched),
        (2, 1, 1)
    );
    assert_eq!((s.resolution_correct, s.resolution_total), (0, 1));
    let counts = |f: &str| {
        let f = &s.fields[f];
        (f.tp, f.fp, f.fn_)
    };
    assert_eq!(
        counts("type"),
        (1, 0, 0),
        "book and collection are one class"
    );
    assert_eq!(counts("title"), (0, 1, 1));
    assert_eq!(counts("author"), (1, 1, 1));
    assert_eq!(counts("issued"), (1, 0, 0));
    assert_eq!(counts("form"), (1, 0, 1));
    assert_eq!(counts("resolves_to"), (0, 0, 1));
    assert_eq!(counts("locator"), (0, 0, 1));
    assert_eq!(s.fields.len(), 9);
    assert_eq!(s.precision, 6.0 / 8.0);
    assert_eq!(s.recall, 6.0 / 11.0);
    assert!((s.f1 - 12.0 / 19.0).abs() < 1e-12);
    let expected = "\
field                           P      R     F1  support
author                      0.500  0.500  0.500        2
form                        1.000  0.500  0.667        2
issued                      1.000  1.000  1.000        1
locator                     0.000  0.000  0.000        1
publisher                   1.000  1.000  1.000        1
publisher-place             1.000  1.000  1.000        1
resolves_to                 0.000  0.000  0.000        1
title                       0.000  0.000  0.000        1
type                        1.000  1.000  1.000        1
notes: gold 1, predicted 2 (1 not in gold)
citations: gold 2, predicted 1, matched 1
short/ibid resolved to the right note: 0/1
overall: P 0.750 R 0.545 F1 0.632
";
    assert_eq!(s.to_string(), expected);
}

#[test]
fn gold_against_itself_is_perfect() {
    let gold = seed_gold_text();
    let s = score(&gold, &gold).unwrap();
    assert_eq!(s.notes_gold, 81);
    assert_eq!(s.citations_matched, s.citations_gold);
    assert_eq!(s.resolution_correct, s.resolution_total);
    assert!(s.resolution_total > 0);
    assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0));
}

#[test]
fn invalid_input_is_an_error() {
    assert!(score("{\"note\": 1", "").is_err());
    assert!(score("[1, 2]", "").is_err());
    assert!(score(
        r#"{"note": "1", "citations": [{"item": {"issued": {"date-parts": [["spring"]]}}}]}"#,
        ""
    )
    .is_err());
}

#[test]
fn perturbed_gold_scores_as_score_py_does() {
    let gold_text = seed_gold_text();
    let gold: Vec<Value> = gold_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let cases: Vec<(&str, Vec<Value>)> = vec![
        (
            "drop-citation",
            perturb(&gold, |notes| {
                citations(&mut notes[9]).remove(1);
            }),
        ),
        (
            "change-title",
            perturb(&gold, |notes| {
                for note in notes.iter_mut().step_by(7) {
                    for cit in citations(note) {
                        if let Some(title) = cit.pointer_mut("/item/title") {
                            *title = json!("A Different Title Altogether");
                        }
                    }
                }
            }),
        ),
        (
            "wrong-resolves-to",
            perturb(&gold, |notes| {
                for note in notes.iter_mut() {
                    for cit in citations(note) {
                        if let Some(target) = cit.get_mut("resolves_to") {
                            *target = json!("1");
                        }
                    }
                }
            }),
        ),
        (
            "extra-note-and-citation",
            perturb(&gold, |notes| {
                let extra = json!({"note": "999", "citations": [{"form": "full", "item": {"type": "book", "title": "Nowhere"}}]});
                notes.push(extra);
                let cits = citations(&mut notes[1]);
                let copy = cits[0].clone();
                cits.insert(0, copy);
            }),
        ),
        (
            "missing-notes-and-names",
            perturb(&gold, |notes| {
                notes.retain(|n| n["note"] != "3" && n["note"] != "40");
                for note in notes.iter_mut() {
                    for cit in citations(note) {
                        if let Some(item) = cit.get_mut("item").and_then(Value::as_object_mut) {
                            item.remove("recipient");
                            item.remove("issued");
                        }
                    }
                }
            }),
        ),
    ];
    let python = Command::new("python3").arg("--version").output().is_ok()
        && std::path::Path::new(SCORE_PY).exists();
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ibid-score-test");
    std::fs::create_dir_all(&dir).unwrap();
    let gold_path = dir.join("gold.jsonl");
    std::fs::write(&gold_path, &gold_text).unwrap();
    for (name, notes) in &cases {
        let pred_text: String = notes.iter().map(|n| format!("{n}\n")).collect();
        let ours = score(&gold_text, &pred_text).unwrap();
        assert!(ours.f1 < 1.0, "{name} must lose something");
        if !python {
            continue;
        }
        let pred_path = dir.join(format!("{name}.jsonl"));
        std::fs::write(&pred_path, &pred_text).unwrap();
        let theirs = run_score_py(&gold_path, &pred_path, &["--json"]);
        let theirs: Value = serde_json::from_str(&theirs).unwrap();
        assert_eq!(
            ours.to_json(),
            theirs,
            "{name}: figures differ from score.py"
        );
        let report = run_score_py(&gold_path, &pred_path, &[]);
        assert_eq!(
            ours.to_string(),
            report,
            "{name}: report differs from score.py"
        );
    }
    if !python {
        eprintln!("python3 or {SCORE_PY} not available: compared with hand-computed figures only");
    }
    // The hand-computed case too, when the script is there to confirm it.
    if python {
        let (g, p) = (dir.join("small-gold.jsonl"), dir.join("small-pred.jsonl"));
        std::fs::write(&g, SMALL_GOLD).unwrap();
        std::fs::write(&p, SMALL_PRED).unwrap();
        assert_eq!(
            score(SMALL_GOLD, SMALL_PRED).unwrap().to_string(),
            run_score_py(&g, &p, &[])
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

fn seed_gold_text() -> String {
    std::fs::read_to_string("fixtures/korean-war-origins.gold.jsonl").unwrap()
}

fn perturb(gold: &[Value], change: impl FnOnce(&mut Vec<Value>)) -> Vec<Value> {
    let mut notes = gold.to_vec();
    change(&mut notes);
    notes
}

fn citations(note: &mut Value) -> &mut Vec<Value> {
    note["citations"].as_array_mut().unwrap()
}

fn run_score_py(gold: &PathBuf, pred: &PathBuf, args: &[&str]) -> String {
    let out = Command::new("python3")
        .arg(SCORE_PY)
        .arg(gold)
        .arg(pred)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Pairs of titles that fold alike or not depending on the details of
/// Unicode folding: Rust must agree with Python on every pair.
#[test]
fn unicode_folding_agrees_with_score_py() {
    let pairs = [
        ("Maria’s Road", "Maria's road"),
        ("Ţara şi “Noi”", "tara si noi"),
        ("Straße", "strasse"),
        ("ΟΔΟΣ", "οδος"),
        ("İstanbul", "istanbul"),
        ("ﬁnal ² ｆｕｌｌ", "final 2 full"),
        ("हिन्दी पुस्तक", "हिन्दी पुस्तक"),
        ("हिन्दी", "हनद"),
        ("a\u{a0}b—c", "a b-c"),
        ("snake_case", "snake case"),
        ("Ⅻ Olympiad", "xii olympiad"),
        ("Ol’ga Petrovna", "olga petrovna"),
        ("x\u{1f}y", "x y"),
    ];
    let line = |i: usize, title: &str, page: &str| {
        json!({"note": i.to_string(), "citations": [{"form": "full", "item": {"type": "book", "title": title, "page": page}}]}).to_string()
    };
    let gold: String = pairs
        .iter()
        .enumerate()
        .map(|(i, (a, _))| line(i, a, "pp. 6 – 7") + "\n")
        .collect();
    let pred: String = pairs
        .iter()
        .enumerate()
        .map(|(i, (_, b))| line(i, b, "pp.6-7.") + "\n")
        .collect();
    let ours = score(&gold, &pred).unwrap();
    assert_eq!(ours.fields["page"].tp, pairs.len());
    assert!(ours.fields["title"].tp >= 6, "{:?}", ours.fields["title"]);
    if Command::new("python3").arg("--version").output().is_err()
        || !std::path::Path::new(SCORE_PY).exists()
    {
        eprintln!("python3 or {SCORE_PY} not available: folding not compared");
        return;
    }
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ibid-fold-test");
    std::fs::create_dir_all(&dir).unwrap();
    let (g, p) = (dir.join("gold.jsonl"), dir.join("pred.jsonl"));
    std::fs::write(&g, &gold).unwrap();
    std::fs::write(&p, &pred).unwrap();
    let theirs: Value = serde_json::from_str(&run_score_py(&g, &p, &["--json"])).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(ours.to_json(), theirs);
}
