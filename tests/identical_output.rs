//! Identical output (issue 17, item 4): the `notes` output of the seed
//! article (its text and its Word file), of the two fixture sets and of
//! every document of the development set, and the seed's CSL-JSON, compared
//! with the snapshots committed under `tests/snapshots/`, one file per
//! document. A change meant to keep the output as it was (speed, layout)
//! must pass this test untouched; a change meant to alter it (an accuracy
//! fix) re-blesses the snapshots in the same commit:
//!
//! ```sh
//! IBID_BLESS=1 cargo test --test identical_output
//! ```
//!
//! Every document runs through the `ibid` binary as a user runs it
//! (`ibid convert FILE --to notes`), so the whole path from reading the file
//! to writing the output is covered.
//!
//! The development set (`../shared/dev`, or `IBID_DEV`) is read from the
//! shared folder and is not copied into the repository: in its snapshots
//! each note's `text` (the authors' words as printed) is replaced by a
//! fingerprint of it, so a change in the text found for a note is still
//! caught. When the folder is absent its part is skipped, saying so.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// How to re-bless, printed with every failure.
const BLESS: &str =
    "If the change is meant (an accuracy fix), re-bless the snapshots in the same commit \
     and give the score-dev figures before and after in its message:\n    \
     IBID_BLESS=1 cargo test --test identical_output";

/// One document to run and the snapshot it is compared with.
struct Case {
    /// The snapshot's file name under `tests/snapshots/`.
    snapshot: String,
    /// The input file.
    input: PathBuf,
    /// The output format (`notes` or `csl-json`).
    format: &'static str,
    /// Whether each note's `text` is replaced by a fingerprint (documents
    /// that are not part of the repository).
    hide_text: bool,
}

impl Case {
    fn repo(snapshot: &str, input: &str, format: &'static str) -> Case {
        Case {
            snapshot: snapshot.to_string(),
            input: repo_root().join(input),
            format,
            hide_text: false,
        }
    }
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn snapshot_dir() -> PathBuf {
    repo_root().join("tests/snapshots")
}

fn blessing() -> bool {
    std::env::var_os("IBID_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The development set's folder: `IBID_DEV` when set, else `../shared/dev`
/// beside the repository (as tests/dev_set.rs).
fn dev_folder() -> Option<PathBuf> {
    let folder = match std::env::var_os("IBID_DEV") {
        Some(dir) => PathBuf::from(dir),
        None => repo_root().join("../shared/dev"),
    };
    folder.is_dir().then_some(folder)
}

/// The names (without extension) of the development documents: every
/// `DOC.txt` that has its gold `DOC.jsonl` beside it.
fn dev_documents(folder: &Path) -> Vec<String> {
    let mut docs: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".jsonl").map(str::to_string)
        })
        .filter(|doc| folder.join(format!("{doc}.txt")).is_file())
        .collect();
    docs.sort();
    docs
}

/// Starts `ibid convert` on a case, its output on a pipe.
fn start(case: &Case) -> Child {
    Command::new(env!("CARGO_BIN_EXE_ibid"))
        .arg("convert")
        .arg(&case.input)
        .args(["--to", case.format, "-q", "--jobs", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ibid")
}

/// 64-bit FNV-1a of `text`, as 16 hex digits: a stable fingerprint that
/// does not depend on the standard library's hasher.
fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The output as it is kept in the snapshot: as printed, or with every
/// note's `text` replaced by `fnv1a64:` and its fingerprint.
fn as_kept(case: &Case, output: &str) -> String {
    if !case.hide_text {
        return output.to_string();
    }
    let mut kept = String::with_capacity(output.len());
    for line in output.lines() {
        match serde_json::from_str::<Value>(line) {
            Ok(mut note) => {
                if let Some(text) = note.get("text").and_then(Value::as_str) {
                    note["text"] = format!("fnv1a64:{}", fingerprint(text)).into();
                }
                kept.push_str(&note.to_string());
            }
            Err(_) => kept.push_str(line),
        }
        kept.push('\n');
    }
    kept
}

/// Runs every case (in parallel, one process each) and compares each with
/// its snapshot, or writes the snapshots when `IBID_BLESS` is set. Panics
/// naming every document that differs.
fn check(cases: &[Case]) {
    let children: Vec<Child> = cases.iter().map(start).collect();
    let bless = blessing();
    let mut failures = Vec::new();
    for (case, child) in cases.iter().zip(children) {
        let out = child.wait_with_output().expect("wait for ibid");
        let name = &case.snapshot;
        // 0: every note read; 1: some notes unreadable (the output is still
        // complete). Anything else is an error.
        if !matches!(out.status.code(), Some(0 | 1)) {
            failures.push(format!(
                "{name}: ibid convert {} --to {} failed ({}):\n{}",
                case.input.display(),
                case.format,
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let output = String::from_utf8(out.stdout).expect("UTF-8 output");
        let now = as_kept(case, &output);
        let path = snapshot_dir().join(name);
        let before = std::fs::read_to_string(&path).ok();
        if bless {
            if before.as_deref() != Some(now.as_str()) {
                std::fs::create_dir_all(snapshot_dir()).unwrap();
                std::fs::write(&path, &now).unwrap();
                eprintln!("identical_output: blessed {}", path.display());
            }
            continue;
        }
        match before {
            None => failures.push(format!(
                "{name}: no snapshot at {} (write it with IBID_BLESS=1)",
                path.display()
            )),
            Some(before) if before != now => {
                failures.push(describe(case, &before, &now, &output));
            }
            Some(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "the output differs from the snapshots under tests/snapshots/:\n\n{}\n\n{BLESS}",
        failures.join("\n\n")
    );
}

/// Names the document and its first differing note (or CSL-JSON line), with
/// both versions shown compactly: the first field that differs and its value
/// in each, or the note that is missing or new.
fn describe(case: &Case, before: &str, now: &str, printed: &str) -> String {
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = now.lines().collect();
    // The block that differs: after the common first lines, before the
    // common last ones (so that one note missing or added is one line).
    let head = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (gone, came) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    let span = |len: usize| match len {
        0 => format!("no line (before line {})", head + 1),
        1 => format!("line {}", head + 1),
        _ => format!("lines {}-{}", head + 1, head + len),
    };
    let mut msg = format!(
        "{} ({}): {} lines now, {} in the snapshot; {} of the snapshot against {} now",
        case.snapshot,
        case.input.display(),
        new.len(),
        old.len(),
        span(gone.len()),
        span(came.len())
    );
    let (a, b) = (gone.first().copied(), came.first().copied());
    if case.format == "notes" {
        let label = |line: Option<&str>| {
            line.and_then(|l| serde_json::from_str::<Value>(l).ok())
                .and_then(|v| v.get("note").and_then(Value::as_str).map(str::to_string))
        };
        let what = match (label(a), label(b)) {
            (Some(x), Some(y)) if x == y => format!("note {x}"),
            (Some(x), Some(y)) => format!("note {x} in the snapshot, note {y} now"),
            (Some(x), None) => format!("note {x}, missing now"),
            (None, Some(y)) => format!("note {y}, new"),
            (None, None) => "?".to_string(),
        };
        msg.push_str(&format!("\nfirst difference: {what} (line {})", head + 1));
        if case.hide_text && b.is_some() {
            if let Some(text) = printed.lines().nth(head).and_then(|l| {
                serde_json::from_str::<Value>(l)
                    .ok()
                    .and_then(|v| v.get("text").and_then(Value::as_str).map(str::to_string))
            }) {
                msg.push_str(&format!("\n  text now: {}", compact(&text, 300)));
            }
        }
    } else {
        let item = new[..head]
            .iter()
            .rev()
            .find_map(|l| l.trim().strip_prefix("\"id\": "))
            .unwrap_or("?");
        msg.push_str(&format!(
            "\nfirst difference: line {} (in item {})",
            head + 1,
            item.trim_end_matches(',')
        ));
    }
    if let (Some(a), Some(b)) = (a, b) {
        if let (Ok(va), Ok(vb)) = (
            serde_json::from_str::<Value>(a),
            serde_json::from_str::<Value>(b),
        ) {
            if let Some((path, x, y)) = first_difference(&va, &vb, String::new()) {
                msg.push_str(&format!(
                    "\n  at {}:\n  snapshot: {}\n  now:      {}",
                    if path.is_empty() { "the top" } else { &path },
                    show(x),
                    show(y)
                ));
                return msg;
            }
        }
    }
    let line = |l: Option<&str>| match l {
        Some(l) => compact(l.trim(), 400),
        None => "(no line)".to_string(),
    };
    msg.push_str(&format!(
        "\n  snapshot: {}\n  now:      {}",
        line(a),
        line(b)
    ));
    msg
}

/// The first place (a path such as `citations[1].item.title`) where two
/// JSON values differ, with the value on each side (`None`: absent there).
fn first_difference<'a>(
    a: &'a Value,
    b: &'a Value,
    path: String,
) -> Option<(String, Option<&'a Value>, Option<&'a Value>)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match y.get(k) {
                    Some(vb) => {
                        if let Some(d) = first_difference(va, vb, p) {
                            return Some(d);
                        }
                    }
                    None => return Some((p, Some(va), None)),
                }
            }
            for (k, vb) in y {
                if !x.contains_key(k) {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    return Some((p, None, Some(vb)));
                }
            }
            // Same keys and values in another order.
            x.keys().ne(y.keys()).then_some((path, Some(a), Some(b)))
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                let p = format!("{path}[{i}]");
                match (x.get(i), y.get(i)) {
                    (Some(va), Some(vb)) => {
                        if let Some(d) = first_difference(va, vb, p) {
                            return Some(d);
                        }
                    }
                    (va, vb) => return Some((p, va, vb)),
                }
            }
            None
        }
        _ => (a != b).then_some((path, Some(a), Some(b))),
    }
}

/// A value on one line, shortened.
fn show(value: Option<&Value>) -> String {
    match value {
        Some(v) => compact(&v.to_string(), 300),
        None => "(absent)".to_string(),
    }
}

/// `text` cut to about `max` bytes (at a character boundary) with an
/// ellipsis and the full length when cut.
fn compact(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], text.len())
}

/// The seed article, as text and as its Word file, in `notes`; the text
/// also in CSL-JSON (the export path into Zotero).
#[test]
fn seed_output_is_unchanged() {
    check(&[
        Case::repo(
            "seed.notes.jsonl",
            "fixtures/korean-war-origins.txt",
            "notes",
        ),
        Case::repo(
            "seed-docx.notes.jsonl",
            "fixtures/source/korean-war-origins.docx",
            "notes",
        ),
        Case::repo(
            "seed.csl.json",
            "fixtures/korean-war-origins.txt",
            "csl-json",
        ),
    ]);
}

/// The Russian and the archival fixture sets (tests/fixture_sets.rs).
#[test]
fn fixture_set_output_is_unchanged() {
    check(&[
        Case::repo(
            "russian-notes.notes.jsonl",
            "fixtures/russian/russian-notes.txt",
            "notes",
        ),
        Case::repo(
            "archival-notes.notes.jsonl",
            "fixtures/archival/archival-notes.txt",
            "notes",
        ),
    ]);
}

/// Every document of the development set, and no snapshot left for a
/// document that is no longer there.
#[test]
fn development_set_output_is_unchanged() {
    let Some(folder) = dev_folder() else {
        eprintln!(
            "identical_output: development set skipped: no ../shared/dev (set IBID_DEV to its folder)"
        );
        return;
    };
    let docs = dev_documents(&folder);
    assert!(!docs.is_empty(), "no documents in {}", folder.display());
    let cases: Vec<Case> = docs
        .iter()
        .map(|doc| Case {
            snapshot: format!("dev-{doc}.notes.jsonl"),
            input: folder.join(format!("{doc}.txt")),
            format: "notes",
            hide_text: true,
        })
        .collect();
    check(&cases);
    let stale: Vec<String> = std::fs::read_dir(snapshot_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("dev-") && !cases.iter().any(|c| &c.snapshot == name))
        .collect();
    if blessing() {
        for name in &stale {
            std::fs::remove_file(snapshot_dir().join(name)).unwrap();
            eprintln!("identical_output: removed {name} (no such document)");
        }
        return;
    }
    assert!(
        stale.is_empty(),
        "snapshots of development documents that are no longer in {}: {stale:?} (delete them)",
        folder.display()
    );
}

/// The fingerprint is FNV-1a as published (its test vectors), so snapshots
/// written on one machine compare on another.
#[test]
fn fingerprint_is_fnv1a_64() {
    assert_eq!(fingerprint(""), "cbf29ce484222325");
    assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
    assert_eq!(fingerprint("foobar"), "85944171f73967e8");
}
