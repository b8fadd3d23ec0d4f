//! Cost grows linearly with note length: the same amount of generated
//! text, cut into notes of 1 KB, 10 KB and 100 KB, takes about the same
//! time. A quadratic scan anywhere in the pipeline would make the 100 KB
//! note ten to a hundred times slower per byte than the 1 KB notes. The
//! streaming note finder is checked here too, on generated chapters.

use std::time::{Duration, Instant};

#[path = "../benches/support/corpus.rs"]
mod corpus;

/// Bytes of note text per measurement.
const TOTAL: usize = 200_000;

/// A document of `TOTAL` bytes of notes of `note_bytes` each.
fn document(note_bytes: usize) -> String {
    let mut generator = corpus::Generator::new(note_bytes as u64);
    let mut doc = String::from("Notes\n");
    for n in 1..=TOTAL / note_bytes {
        doc.push_str(&format!("[{n}] {}\n", generator.long_note(note_bytes)));
    }
    doc
}

/// The fastest of a few runs of the whole pipeline on `doc`.
fn time(doc: &str) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let converted = ibid::convert_text("linear", doc);
            assert!(!converted.notes.is_empty());
            start.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn time_grows_linearly_with_note_length() {
    let sizes = [1_000, 10_000, 100_000];
    let times: Vec<Duration> = sizes.iter().map(|&s| time(&document(s))).collect();
    for (size, t) in sizes.iter().zip(&times) {
        eprintln!("notes of {size} bytes: {TOTAL} bytes in {t:?}");
    }
    let fastest = times.iter().min().unwrap().as_secs_f64();
    let slowest = times.iter().max().unwrap().as_secs_f64();
    // Generous: per-byte cost within a factor of 4 across a hundredfold
    // range of note lengths (quadratic cost would give about 100).
    assert!(
        slowest / fastest < 4.0,
        "per-byte cost varies {:.1}x: {times:?}",
        slowest / fastest
    );
}

/// The streaming note finder (used for large files) finds the notes
/// `find_notes` finds on a generated document of several chapters.
#[test]
fn streaming_finder_agrees_on_generated_chapters() {
    let doc = corpus::document(1_500_000, 3);
    let whole: Vec<(String, String, std::ops::Range<usize>)> = ibid::source::find_notes(&doc)
        .into_iter()
        .map(|n| (n.label.to_string(), n.text.to_string(), n.span))
        .collect();
    let streamed: Vec<(String, String, std::ops::Range<usize>)> =
        ibid::source::stream::NoteReader::new(doc.as_bytes(), false)
            .map(|n| n.map(|n| (n.label, n.text, n.span)).unwrap())
            .collect();
    assert!(doc.matches("\n[1] ").count() > 1, "several chapters");
    assert_eq!(whole.len(), streamed.len());
    assert!(whole == streamed);
}
