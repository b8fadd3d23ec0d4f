//! Throughput of every stage of the pipeline, and of the trivial pass
//! (split into lines, count commas) that is the ceiling, on two corpora of
//! 1 MB: the generated one (`generated`, `support/corpus.rs`) and the real
//! notes of the development set and the seed repeated as chapters (`dev`,
//! `support/real_corpus.rs`; skipped, saying so, when `../shared/dev` is
//! absent). `cargo bench --bench pipeline` runs both; `cargo bench --bench
//! pipeline -- '(dev)'` one. Each stage runs over the whole corpus (or all
//! its notes, segments, citations), so the figures are bytes of corpus per
//! second and compare directly with the baseline of the same corpus.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use ibid::export::{self, Format};
use ibid::model::Document;
use ibid::pipeline::{NoteInput, NoteStream};
use ibid::{parse, source, split};

#[path = "support/corpus.rs"]
mod corpus;

#[path = "support/real_corpus.rs"]
mod real_corpus;

/// The allocator of the `ibid` binary (`src/main.rs`), so that the end to
/// end figure is what the command costs: the grammars build and drop many
/// small strings, which the system allocator serves more slowly
/// (docs/performance.md, "How it runs"). A program using the library
/// picks its own allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Size of each benchmark corpus (bytes).
const CORPUS_BYTES: usize = 1_000_000;

/// Every stage on both corpora, each with its own baseline.
fn stages(c: &mut Criterion) {
    stages_on(c, "generated", &corpus::document(CORPUS_BYTES, 7));
    match real_corpus::dev_folder() {
        Some(dev) => {
            let docs = real_corpus::read_documents(&dev).expect("read the development set");
            stages_on(c, "dev", &real_corpus::document(&docs, CORPUS_BYTES, 7));
        }
        None => eprintln!(
            "pipeline: the dev corpus is skipped: no development set at ../shared/dev (set IBID_DEV to its folder)"
        ),
    }
}

/// Every stage over `text`, in groups named after the corpus
/// (`stage (generated)`, `export (dev)` ...).
fn stages_on(c: &mut Criterion, corpus: &str, text: &str) {
    let text = text.to_string();
    let notes = source::find_notes(&text);
    let segments: Vec<(&str, Vec<split::Segment>)> = notes
        .iter()
        .map(|n| (n.text, split::split_note(n.text, &parse::Boundaries)))
        .collect();
    let bodies: Vec<&str> = segments
        .iter()
        .flat_map(|(note, segs)| segs.iter().map(move |s| &note[s.body()]))
        .collect();

    let mut group = c.benchmark_group(format!("{} ({corpus})", "stage"));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));

    group.bench_function("baseline split-and-count", |b| {
        b.iter(|| {
            let mut commas = 0usize;
            for line in black_box(&text).lines() {
                commas += line.bytes().filter(|&b| b == b',').count();
            }
            commas
        })
    });
    group.bench_function("find notes", |b| {
        b.iter(|| source::find_notes(black_box(&text)).len())
    });
    group.bench_function("find notes (stream)", |b| {
        b.iter(|| source::stream::NoteReader::new(black_box(text.as_bytes()), false).count())
    });
    group.bench_function("split", |b| {
        b.iter(|| {
            notes
                .iter()
                .map(|n| split::split_note(black_box(n.text), &parse::Boundaries).len())
                .sum::<usize>()
        })
    });
    // Each grammar tried on every segment, as the parser does.
    let grammars: [(&str, fn(&str) -> bool); 3] = [
        ("chicago grammar", |s| {
            parse::chicago::parse_chicago(s).is_some()
        }),
        ("archival grammar", |s| {
            parse::archival::parse_archival_citation(s, None).is_some()
        }),
        ("gost grammar", |s| {
            parse::gost::parse_gost_citation(s).is_some()
        }),
    ];
    for (name, reads) in grammars {
        group.bench_function(name, |b| {
            b.iter(|| bodies.iter().filter(|s| reads(black_box(s))).count())
        });
    }
    group.bench_function("parse notes", |b| {
        b.iter(|| {
            segments
                .iter()
                .map(|(note, segs)| parse::parse_note(black_box(note), segs, &mut |_, _| {}).len())
                .sum::<usize>()
        })
    });

    // Resolution alone: notes parsed once, resolved on every iteration.
    let parsed: Vec<(ibid::model::Note, Vec<parse::Hint>)> = notes
        .iter()
        .zip(&segments)
        .map(|(n, (_, segs))| {
            let (citations, hints) = parse::parse_note(n.text, segs, &mut |_, _| {})
                .into_iter()
                .map(|p| (p.citation, p.hint))
                .unzip();
            (
                ibid::model::Note {
                    label: n.label.to_string(),
                    text: n.text.to_string(),
                    span: n.span.clone(),
                    citations,
                },
                hints,
            )
        })
        .collect();
    group.bench_function("resolve", |b| {
        b.iter_batched(
            || parsed.clone(),
            |parsed| {
                let mut resolver = ibid::resolve::Resolver::new("bench");
                for (mut note, hints) in parsed {
                    resolver.resolve_note(&mut note, &hints);
                }
                resolver.finish().0.len()
            },
            criterion::BatchSize::LargeInput,
        )
    });

    group.bench_function("pipeline (NoteStream)", |b| {
        b.iter(|| {
            let mut stream = NoteStream::new("bench");
            for n in &notes {
                stream.push(NoteInput {
                    label: &n.label,
                    text: n.text,
                    span: n.span.clone(),
                    italics: &[],
                    embedded: &[],
                });
            }
            stream.finish().0.len()
        })
    });
    group.bench_function("end to end to CSL-JSON", |b| {
        b.iter(|| {
            let mut docs = vec![ibid::convert_text("bench", black_box(&text))];
            ibid::resolve::keys::assign_keys(&mut docs);
            let mut out = Vec::new();
            export::write(
                Format::CslJson,
                &docs,
                &export::Options::default(),
                &mut out,
            )
            .unwrap();
            out.len()
        })
    });
    group.finish();

    // Exporters: throughput in bytes of corpus, the document converted once.
    let mut docs: Vec<Document> = vec![ibid::convert_text("bench", &text)];
    let mut group = c.benchmark_group(format!("{} ({corpus})", "after resolution"));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    // Citation keys made unique over the document's works.
    group.bench_function("citation keys", |b| {
        b.iter_batched(
            || docs.clone(),
            |mut docs| {
                ibid::resolve::keys::assign_keys(&mut docs);
                docs[0].works.len()
            },
            criterion::BatchSize::LargeInput,
        )
    });
    // Normalization of the bibliography by `--romanize` (ALA-LC
    // romanization of every Cyrillic field).
    group.bench_function("romanize", |b| {
        b.iter_batched(
            || docs.clone(),
            |mut docs| {
                ibid::normalize::romanize_document(&mut docs[0]);
                docs[0].works.len()
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
    ibid::resolve::keys::assign_keys(&mut docs);
    let mut group = c.benchmark_group(format!("{} ({corpus})", "export"));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    let formats = [
        ("csl-json", Format::CslJson, export::CsvRows::Work),
        ("bibtex", Format::Bibtex, export::CsvRows::Work),
        ("biblatex", Format::Biblatex, export::CsvRows::Work),
        ("ris", Format::Ris, export::CsvRows::Work),
        ("csv works", Format::Csv, export::CsvRows::Work),
        ("csv citations", Format::Csv, export::CsvRows::Citation),
        ("notes", Format::Notes, export::CsvRows::Work),
    ];
    for (name, format, csv_rows) in formats {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::new();
                export::write(format, &docs, &export::Options { csv_rows }, &mut out).unwrap();
                out.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
