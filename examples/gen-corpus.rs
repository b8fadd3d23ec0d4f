//! A deterministic corpus of realistic notes for benchmarks and the
//! linear-cost test.
//!
//! Usage: `cargo run --release --example gen-corpus -- --mb 100 -o corpus.txt
//! [--seed N] [--files K --out-dir DIR] [--from-dev DIR]`, or `--baseline
//! FILE` for the split-lines-and-count-commas pass over FILE (the speed
//! ceiling).
//!
//! `--from-dev DIR` (e.g. `../shared/dev`) writes the second corpus instead:
//! the real notes of the development set's documents and of the seed
//! article, repeated as chapters of endnotes each numbered from `[1]`
//! (`benches/support/real_corpus.rs`).
//!
//! The notes have the shapes of the fixture sets: Chicago books, articles,
//! chapters and edited volumes; archival telegrams with Latin and Cyrillic
//! shorthand; Russian GOST references; short forms, `Ibid.` and `Там же`;
//! discursive notes that cite in passing. Names, titles, archives and
//! numbers are drawn from word lists with a seeded generator, so that two
//! runs give the same bytes and no cache or dedup sees the same note twice
//! by accident. Each file is one document of chapters, each numbering
//! its notes `[1]`..`[n]`.

use std::io::Write;

/// The corpus generator itself, shared with `tests/linear.rs` and the
/// benches through `include!`.
#[path = "../benches/support/corpus.rs"]
mod corpus;

/// The corpus of real notes (`--from-dev`).
#[path = "../benches/support/real_corpus.rs"]
mod real_corpus;

fn main() -> std::io::Result<()> {
    let mut mb = 20.0f64;
    let mut seed = 1u64;
    let mut output: Option<String> = None;
    let mut files = 1usize;
    let mut out_dir: Option<String> = None;
    let mut from_dev: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--mb" => {
                mb = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--mb takes a number"))
            }
            "--seed" => {
                seed = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--seed takes a number"))
            }
            "-o" | "--output" => output = Some(value()),
            "--files" => {
                files = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--files takes a number"))
            }
            "--out-dir" => out_dir = Some(value()),
            "--from-dev" => from_dev = Some(value()),
            "--baseline" => return baseline(&value()),
            _ => usage(&format!("unknown argument {arg}")),
        }
    }
    let bytes = (mb * 1_000_000.0) as usize;
    // The real notes, read once; `None` for the generated corpus.
    let real = match &from_dev {
        Some(dir) => Some(real_corpus::read_documents(std::path::Path::new(dir))?),
        None => None,
    };
    if let Some(docs) = &real {
        let notes: usize = docs.iter().map(|d| d.notes.len()).sum();
        eprintln!(
            "gen-corpus: {notes} real notes from {} documents ({})",
            docs.len(),
            docs.iter()
                .map(|d| format!("{} {}", d.name, d.notes.len()))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    // Writes one file's corpus of `bytes` bytes.
    let write = |out: &mut dyn Write, bytes: usize, seed: u64| -> std::io::Result<()> {
        match &real {
            Some(docs) => {
                let done = real_corpus::write_document(out, docs, bytes, seed)?;
                eprintln!(
                    "gen-corpus: {} notes in {} chapters, {} bytes",
                    done.notes, done.chapters, done.bytes
                );
            }
            None => {
                corpus::write_document(out, bytes, seed)?;
            }
        }
        Ok(())
    };
    match out_dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir)?;
            for k in 0..files {
                let path = format!("{dir}/part-{k:03}.txt");
                let file = std::fs::File::create(&path)?;
                let mut out = std::io::BufWriter::new(file);
                write(&mut out, bytes / files, seed.wrapping_add(k as u64))?;
                out.flush()?;
            }
        }
        None => {
            let mut out: Box<dyn Write> = match output {
                Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            write(&mut out, bytes, seed)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// The ceiling every stage is measured against: read the file, split it
/// into lines and count the commas. Prints lines, commas and MB/s.
fn baseline(path: &str) -> std::io::Result<()> {
    let start = std::time::Instant::now();
    let text = std::fs::read_to_string(path)?;
    let (mut lines, mut commas) = (0usize, 0usize);
    for line in text.lines() {
        lines += 1;
        commas += line.bytes().filter(|&b| b == b',').count();
    }
    let seconds = start.elapsed().as_secs_f64();
    let mb = text.len() as f64 / 1e6;
    println!(
        "{lines} lines, {commas} commas, {mb:.1} MB in {seconds:.3} s: {:.0} MB/s",
        mb / seconds
    );
    Ok(())
}

fn usage(message: &str) -> ! {
    eprintln!("gen-corpus: {message}\nusage: gen-corpus --mb N [-o FILE | --files K --out-dir DIR] [--seed N] [--from-dev DIR]\n       gen-corpus --baseline FILE");
    std::process::exit(2)
}
