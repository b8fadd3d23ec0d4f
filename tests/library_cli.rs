//! `--library`, `--only-new` and `--across-files` on the command line,
//! with the seed article.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Output;

#[path = "support/cli.rs"]
mod cli;
use cli::{ibid, seed};

fn temp_dir(name: &str) -> PathBuf {
    cli::temp_dir("library", name)
}

fn json(o: &Output) -> Value {
    assert!(
        o.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn ids(records: &Value) -> Vec<String> {
    records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn only_new_writes_the_works_the_library_lacks() {
    let all = json(&ibid(&["convert", &seed(), "--to", "csl-json", "-q"]));
    let records = all.as_array().unwrap();
    assert!(records.len() > 40);
    // The library holds every other work, under keys of its own.
    let dir = temp_dir("only-new");
    let mut held = Vec::new();
    let mut lacking = Vec::new();
    // A record without its key: what the work is.
    let content = |r: &Value| {
        let mut r = r.clone();
        let o = r.as_object_mut().unwrap();
        o.remove("id");
        o.remove("citation-key");
        r
    };
    for (i, r) in records.iter().enumerate() {
        if i % 2 == 0 {
            let mut r = content(r);
            r["id"] = Value::String(format!("zotero-{i}"));
            held.push(r);
        } else {
            lacking.push(content(r));
        }
    }
    let library = dir.join("library.json");
    std::fs::write(&library, serde_json::to_string(&held).unwrap()).unwrap();
    let library = library.display().to_string();

    let with = json(&ibid(&[
        "convert",
        &seed(),
        "--to",
        "csl-json",
        "-q",
        "--library",
        &library,
    ]));
    let with_ids = ids(&with);
    assert_eq!(with_ids.len(), records.len());
    for i in (0..records.len()).step_by(2) {
        assert!(
            with_ids.contains(&format!("zotero-{i}")),
            "zotero-{i} ({}) not matched",
            records[i]["id"]
        );
    }
    let new = json(&ibid(&[
        "convert",
        &seed(),
        "--to",
        "csl-json",
        "-q",
        "--library",
        &library,
        "--only-new",
    ]));
    // Exactly the other half (keys may differ from the run without a
    // library: a suffix is no longer needed where the library's work had
    // taken the bare key).
    let new: Vec<Value> = new.as_array().unwrap().iter().map(content).collect();
    assert_eq!(new, lacking);
}

#[test]
fn bibtex_and_ris_libraries_keep_their_keys() {
    let dir = temp_dir("keys");
    let bib = dir.join("lib.bib");
    std::fs::write(
        &bib,
        "@book{mine-uncertain, author = {Goncharov, Sergei and Lewis, John and Xue, Litai}, \
         title = {Uncertain Partners: Stalin, Mao and the Korean War}, year = {1993}}\n",
    )
    .unwrap();
    let ris = dir.join("lib.ris");
    std::fs::write(
        &ris,
        "TY  - BOOK\r\nID  - mine-road\r\nAU  - Chen, Jian\r\nTI  - China's Road to the Korean War\r\nPY  - 1994\r\nER  - \r\n",
    )
    .unwrap();
    let out = json(&ibid(&[
        "convert",
        &seed(),
        "--to",
        "csl-json",
        "-q",
        "--library",
        &bib.display().to_string(),
        "--library",
        &ris.display().to_string(),
    ]));
    let ids = ids(&out);
    assert!(ids.contains(&"mine-uncertain".to_string()), "{ids:?}");
    assert!(ids.contains(&"mine-road".to_string()), "{ids:?}");
    assert!(!ids.iter().any(|i| i.starts_with("goncharov1993")));
}

/// The short forms and ibids of a notes output: (note, item, resolves_to).
fn resolved(notes: &str) -> Vec<(String, Value, Option<String>)> {
    let mut out = Vec::new();
    for line in notes.lines() {
        let note: Value = serde_json::from_str(line).unwrap();
        for c in note["citations"].as_array().unwrap() {
            if c["form"] != "full" {
                out.push((
                    note["note"].as_str().unwrap().to_string(),
                    c["item"].clone(),
                    c["resolves_to"].as_str().map(str::to_string),
                ));
            }
        }
    }
    out
}

#[test]
fn across_files_resolves_as_one_file_does() {
    let text = std::fs::read_to_string(seed()).unwrap();
    let whole = ibid(&["convert", &seed(), "--to", "notes", "-q"]);
    let whole = resolved(&String::from_utf8(whole.stdout).unwrap());
    // The notes, cut into three chapters where a note opens with no Ibid.
    let notes: Vec<&str> = text.lines().filter(|l| l.starts_with('[')).collect();
    assert!(notes.len() > 60);
    let opens_plainly = |i: usize| !notes[i].contains("] Ibid");
    let mut cut1 = notes.len() / 3;
    while !opens_plainly(cut1) {
        cut1 += 1;
    }
    let mut cut2 = 2 * notes.len() / 3;
    while !opens_plainly(cut2) {
        cut2 += 1;
    }
    let dir = temp_dir("across");
    let chapters = [&notes[..cut1], &notes[cut1..cut2], &notes[cut2..]];
    let mut paths = Vec::new();
    for (i, chapter) in chapters.iter().enumerate() {
        let path = dir.join(format!("chapter{}.txt", i + 1));
        std::fs::write(&path, chapter.join("\n\n") + "\n").unwrap();
        paths.push(path.display().to_string());
    }
    let dir_arg = dir.display().to_string();
    let batch = ibid(&["convert", &dir_arg, "--to", "notes", "-q", "--across-files"]);
    let batch = resolved(&String::from_utf8(batch.stdout).unwrap());
    assert_eq!(batch.len(), whole.len());
    let mut across = 0;
    for ((note, item, to), (b_note, b_item, b_to)) in whole.iter().zip(&batch) {
        assert_eq!(note, b_note);
        assert_eq!(item, b_item, "note {note}");
        match (to, b_to) {
            (Some(to), Some(b_to)) if b_to.contains('#') => {
                // "…/chapter1.txt#2": the file and the note of the full
                // citation.
                assert!(
                    b_to.ends_with(&format!("chapter1.txt#{to}"))
                        || b_to.ends_with(&format!("chapter2.txt#{to}")),
                    "{b_to}"
                );
                across += 1;
            }
            _ => assert_eq!(to, b_to, "note {note}"),
        }
    }
    assert!(across > 5, "{across} short forms resolved across files");
    // Without the flag, each file is resolved on its own: fewer resolved.
    let apart = ibid(&["convert", &dir_arg, "--to", "notes", "-q"]);
    let apart = resolved(&String::from_utf8(apart.stdout).unwrap());
    let unresolved =
        |v: &[(String, Value, Option<String>)]| v.iter().filter(|c| c.2.is_none()).count();
    assert!(unresolved(&apart) > unresolved(&batch));
    // The bibliography lists each work once.
    let merged = json(&ibid(&[
        "convert",
        &dir_arg,
        "--to",
        "csl-json",
        "-q",
        "--across-files",
    ]));
    let single = json(&ibid(&["convert", &seed(), "--to", "csl-json", "-q"]));
    assert_eq!(ids(&merged).len(), ids(&single).len());
}
