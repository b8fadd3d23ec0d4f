//! A benchmark corpus of notes people wrote: the notes of the development
//! set (`../shared/dev`, eight articles by other authors) and of the seed
//! article, repeated as the chapters of a book, so that speed is measured on
//! the shapes of real notes as well as on the generated ones
//! (`corpus.rs`). Used by `examples/gen-corpus.rs --from-dev DIR` and the
//! benches (each includes this file as a module beside `corpus`).
//!
//! Each chapter is one source document's notes, in their order, as an
//! endnote list numbered from `[1]`, so short forms and Ibid. resolve within
//! the chapter as in a real book. The documents come round in turn, in an
//! order shuffled for each round by a seeded generator; the output is the
//! same bytes for the same notes, size and seed. A note of several lines is
//! written on one (its lines joined by a space); its text is otherwise kept
//! as printed (no-break spaces, decomposed accents). The notes are read from
//! the shared folder when the corpus is made; nothing of them is kept in
//! the repository.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::corpus::Rng;

/// One source document: its name and its notes' texts, in order.
pub struct RealDocument {
    pub name: String,
    pub notes: Vec<String>,
}

/// The development set's folder: `IBID_DEV` when set, else `../shared/dev`
/// beside the repository; `None` when it is not there.
pub fn dev_folder() -> Option<PathBuf> {
    let folder = match std::env::var_os("IBID_DEV") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dev"),
    };
    folder.is_dir().then_some(folder)
}

/// The seed article (`fixtures/korean-war-origins.txt`).
pub fn seed_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/korean-war-origins.txt")
}

/// The notes of a text document, found as `ibid convert` finds them, each on
/// one line.
fn notes_of(name: &str, text: &str) -> RealDocument {
    let notes = ibid::source::find_notes(text)
        .iter()
        .map(|n| {
            n.text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|t| !t.is_empty())
        .collect();
    RealDocument {
        name: name.to_string(),
        notes,
    }
}

/// Reads the notes of every development document (each `DOC.txt` with its
/// gold `DOC.jsonl` beside it, in name order) and of the seed article.
pub fn read_documents(dev: &Path) -> std::io::Result<Vec<RealDocument>> {
    let mut names: Vec<String> = std::fs::read_dir(dev)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".jsonl").map(str::to_string)
        })
        .filter(|doc| dev.join(format!("{doc}.txt")).is_file())
        .collect();
    names.sort();
    let mut docs = Vec::with_capacity(names.len() + 1);
    for name in names {
        let text = std::fs::read_to_string(dev.join(format!("{name}.txt")))?;
        docs.push(notes_of(&name, &text));
    }
    let seed = std::fs::read_to_string(seed_file())?;
    docs.push(notes_of("korean-war-origins", &seed));
    docs.retain(|d| !d.notes.is_empty());
    if docs.is_empty() {
        return Err(std::io::Error::other(format!(
            "no notes found in {} or the seed",
            dev.display()
        )));
    }
    Ok(docs)
}

/// What a written corpus holds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Written {
    pub notes: usize,
    pub chapters: usize,
    pub bytes: usize,
}

/// Writes about `bytes` bytes of chapters of `docs`' notes (see the module
/// comment); the last chapter stops where the size is reached.
pub fn write_document(
    out: &mut dyn Write,
    docs: &[RealDocument],
    bytes: usize,
    seed: u64,
) -> std::io::Result<Written> {
    let mut rng = Rng::new(seed);
    let mut done = Written::default();
    let header = format!("Corpus of real notes (development set and seed), seed {seed}\n");
    out.write_all(header.as_bytes())?;
    done.bytes += header.len();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    'rounds: loop {
        // Fisher-Yates with the seeded generator: a new order each round.
        for i in (1..order.len()).rev() {
            let j = rng.range(0, i as u64) as usize;
            order.swap(i, j);
        }
        for &d in &order {
            if done.bytes >= bytes {
                break 'rounds;
            }
            done.chapters += 1;
            let heading = format!("\nChapter {}\n\nNotes\n", done.chapters);
            out.write_all(heading.as_bytes())?;
            done.bytes += heading.len();
            for (i, note) in docs[d].notes.iter().enumerate() {
                if done.bytes >= bytes {
                    break 'rounds;
                }
                let line = format!("[{}] {note}\n", i + 1);
                out.write_all(line.as_bytes())?;
                done.bytes += line.len();
                done.notes += 1;
            }
        }
    }
    Ok(done)
}

/// A corpus of about `bytes` bytes as a string.
pub fn document(docs: &[RealDocument], bytes: usize, seed: u64) -> String {
    let mut out = Vec::with_capacity(bytes + 4096);
    write_document(&mut out, docs, bytes, seed).expect("writing to memory");
    String::from_utf8(out).expect("the notes are UTF-8")
}
