//! Running a batch of inputs: in parallel, in bounded memory, with a
//! deterministic result.
//!
//! Each input is one document. Inputs run in parallel on [`Options::jobs`]
//! threads and are handed on in input order ([`run_in_order`]), so the
//! output does not depend on the number of threads. Within an input,
//! notes stream through [`NoteStream`]: a note is written out (for the
//! `notes` format and CSV rows per citation) and dropped as soon as it is
//! processed, and only the document's works are kept. Text files larger
//! than [`STREAM_ABOVE_BYTES`] are read line by line with
//! [`crate::source::stream::NoteReader`], so memory is bounded by the
//! number of distinct works, not by the size of the input.
//!
//! A document's notes and citation rows wait in a spool (memory, then a
//! temporary file) until the document is done, because its works' keys are
//! known only then. [`run_and_write`] then keys the document's works
//! (unique across the batch, [`crate::resolve::keys::KeyAssigner`]), writes its part
//! of the output and drops it: a batch holds the works of the few inputs in
//! flight and the keys given so far, not every work of the batch.

use crate::export::{self, csv::CITATION_COLUMNS, CsvRows, Format};
use crate::input::{self, InputError};
use crate::model::Document;
use crate::model::Work;
use crate::model::{Diagnostic, Form, Note, Severity};
use crate::pipeline::{NoteInput, NoteStream};
use crate::report::{render_diagnostic, render_file_diagnostic, Summary};
use crate::source::{self, stream::NoteReader};
use anyhow::Context;
use std::io::{BufReader, Read, Seek, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use tempfile::SpooledTempFile;

/// Text inputs larger than this are read as a stream instead of whole.
pub const STREAM_ABOVE_BYTES: u64 = 64 << 20;

/// How much of an input's spooled output stays in memory before it moves
/// to a temporary file.
const SPOOL_IN_MEMORY: usize = 8 << 20;
/// How much rendered diagnostics an input keeps in memory before they
/// move to a temporary file.
const RENDERED_IN_MEMORY: usize = 1 << 20;

/// What a batch run needs to know.
#[derive(Clone, Debug)]
pub struct Options {
    /// The output format (decides what is written note by note).
    pub format: Format,
    pub export: export::Options,
    /// Threads; 0 means one per core.
    pub jobs: usize,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
    /// Read text inputs in this encoding instead of detecting it
    /// (`--encoding`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The spreadsheet column holding the references.
    pub column: Option<String>,
    /// Render diagnostics with their note text for the terminal.
    pub render: bool,
    /// Keep every diagnostic in its document (for a `--report`); otherwise
    /// they are rendered and counted as they come and dropped, so a large
    /// input's diagnostics take no memory.
    pub keep_diagnostics: bool,
    /// Romanize Cyrillic in the bibliography (works) before it is written.
    pub romanize: bool,
    /// Advanced by one as each input is done.
    pub progress: Option<indicatif::ProgressBar>,
    /// The `--library` items every input is resolved against.
    pub catalog: crate::resolve::library::matching::Catalog,
    /// Resolve short forms against the works of earlier inputs too
    /// (`--across-files`): inputs then run one after another, in order.
    pub across_files: bool,
    /// Write only the works no library item is (`--only-new`).
    pub only_new: bool,
    /// With `across_files`: the works of the inputs done so far.
    pub earlier: std::sync::Arc<std::sync::Mutex<Vec<crate::resolve::library::matching::Entry>>>,
}

impl Options {
    /// True when the format writes every note or citation, so notes are
    /// written as they are processed rather than kept.
    fn writes_notes(&self) -> bool {
        self.format == Format::Notes
            || (self.format == Format::Csv && self.export.csv_rows == CsvRows::Citation)
    }
}

/// A batch after the pipeline: one document per input (its works and
/// diagnostics; notes are not kept), in input order.
pub struct Batch {
    pub docs: Vec<Document>,
    pub inputs: Vec<Processed>,
}

/// What a batch keeps of one input besides its document.
pub struct Processed {
    /// The input's counts (its document holds no notes to count).
    pub summary: Summary,
    /// The input's diagnostics rendered with their notes, for stderr
    /// (see [`Processed::write_rendered`]); spooled like the notes, since a
    /// large input may have many.
    rendered: SpooledTempFile,
    /// Invalid UTF-8 was replaced (`lossy`).
    pub replaced: bool,
    /// The encoding a text input was read in (`None` for Word,
    /// OpenDocument and spreadsheet files).
    pub encoding: Option<input::TextEncoding>,
    /// Notes (JSON lines) or citation rows (CSV with the work's index in
    /// place of its key), for the formats that write every note.
    spool: Option<SpooledTempFile>,
}

/// Runs the pipeline on every input, in parallel, and keeps every
/// document. Fails with the first input (in order) that cannot be read.
/// (The command line does not keep them: see [`run_in_order`].)
pub fn run(paths: &[PathBuf], options: &Options) -> anyhow::Result<Batch> {
    let mut batch = Batch {
        docs: Vec::with_capacity(paths.len()),
        inputs: Vec::with_capacity(paths.len()),
    };
    run_in_order(paths, options, |_, doc, processed| {
        batch.docs.push(doc);
        batch.inputs.push(processed);
        Ok(())
    })?;
    Ok(batch)
}

/// How many inputs each thread may have done ahead of the first input not
/// yet handed on: a long input holds back the inputs after it, which wait
/// with their works in memory.
const AHEAD_PER_THREAD: usize = 2;

/// Runs the pipeline on every input on [`Options::jobs`] threads and hands
/// each document to `each` in input order, as soon as it and every input
/// before it are done, so that a caller can write it out and drop it:
/// memory then holds the works of the few inputs in flight, not of the
/// batch. Inputs are taken in order and at most a few per thread run ahead
/// of the first one not yet handed on. Fails with the first input (in
/// order) that cannot be read, or the first error of `each`.
pub fn run_in_order(
    paths: &[PathBuf],
    options: &Options,
    mut each: impl FnMut(usize, Document, Processed) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use std::sync::{mpsc, Mutex};
    let threads = match options.jobs {
        _ if options.across_files => 1,
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .clamp(1, paths.len().max(1));
    let (ticket_tx, tickets) = mpsc::channel::<usize>();
    let tickets = Mutex::new(tickets);
    let (done_tx, done) = mpsc::channel::<(usize, anyhow::Result<(Document, Processed)>)>();
    let mut issued = (threads * AHEAD_PER_THREAD).min(paths.len());
    for i in 0..issued {
        ticket_tx.send(i)?;
    }
    let result = std::thread::scope(|scope| {
        for _ in 0..threads {
            let (tickets, done_tx) = (&tickets, done_tx.clone());
            // A main thread's stack: the grammars may recurse as deep as
            // before.
            std::thread::Builder::new()
                .stack_size(8 << 20)
                .spawn_scoped(scope, move || loop {
                    // The lock is held while waiting: the other threads
                    // would wait for a ticket anyway.
                    let ticket = tickets.lock().map(|t| t.recv());
                    let Ok(Ok(i)) = ticket else { break };
                    // A bug in the pipeline stops this input, not the batch
                    // (the other threads would wait for it forever).
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        process(&paths[i], options)
                    }))
                    .unwrap_or_else(|_| {
                        Err(anyhow::anyhow!(
                            "{}: ibid failed on this input (a bug: please report it)",
                            paths[i].display()
                        ))
                    });
                    if let Some(bar) = &options.progress {
                        bar.inc(1);
                    }
                    if done_tx.send((i, result)).is_err() {
                        break;
                    }
                })?;
        }
        drop(done_tx);
        // Whatever happens, the threads stop once the tickets are gone.
        let ticket_tx = ticket_tx;
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0;
        while next < paths.len() {
            let (i, result) = done.recv().context("a batch thread stopped")?;
            pending.insert(i, result);
            while let Some(result) = pending.remove(&next) {
                let (doc, processed) = result?;
                each(next, doc, processed)?;
                next += 1;
                if issued < paths.len() {
                    ticket_tx.send(issued)?;
                    issued += 1;
                }
            }
        }
        Ok(())
    });
    if let Some(bar) = &options.progress {
        bar.finish_and_clear();
    }
    result
}

/// Runs the batch ([`run_in_order`]) and writes its output to `out` as
/// each document is done, then hands the document to `done` (for its
/// counts and diagnostics) and drops its works. Keys are unique across the
/// batch (`keys` may have keyed earlier documents); the bibliography lists
/// each distinct item once, where it is first cited. The output is the same
/// as [`run`], [`Batch::assign_keys`] and [`Batch::write`], in the memory
/// of a few documents and the batch's keys.
pub fn run_and_write(
    paths: &[PathBuf],
    options: &Options,
    keys: &mut crate::resolve::keys::KeyAssigner,
    out: &mut dyn Write,
    mut done: impl FnMut(usize, Document, Processed),
) -> anyhow::Result<()> {
    let mut writer = OutputWriter::new(options, out)?;
    run_in_order(paths, options, |i, mut doc, mut processed| {
        let first = keys.assign(&mut doc.works);
        let works: Vec<&Work> = doc
            .works
            .iter()
            .zip(&first)
            .filter_map(|(w, &first)| first.then_some(w))
            .collect();
        writer.document(&doc, &works, &mut processed)?;
        done(i, doc, processed);
        Ok(())
    })?;
    writer.finish()
}

impl Processed {
    /// Writes the input's rendered diagnostics (empty unless the options
    /// asked for them) to `out`.
    pub fn write_rendered(&mut self, out: &mut dyn Write) -> std::io::Result<()> {
        self.rendered.rewind()?;
        std::io::copy(&mut self.rendered, out)?;
        Ok(())
    }
}

impl Batch {
    /// Assigns citation keys across the batch.
    pub fn assign_keys(&mut self) {
        crate::resolve::keys::assign_keys(&mut self.docs);
    }

    /// The counts of the whole batch.
    pub fn summary(&self) -> Summary {
        let mut total = Summary::default();
        for processed in &self.inputs {
            total.add_counts(&processed.summary);
        }
        total
    }

    /// Writes the output of the inputs in `range` (keys assigned): works
    /// identical across the range are listed once.
    pub fn write(
        &mut self,
        range: std::ops::Range<usize>,
        options: &Options,
        out: &mut dyn Write,
    ) -> anyhow::Result<()> {
        let mut writer = OutputWriter::new(options, out)?;
        let mut listed = std::collections::HashSet::new();
        for (doc, processed) in self.docs[range.clone()].iter().zip(&mut self.inputs[range]) {
            let works = export::unlisted(&doc.works, &mut listed);
            writer.document(doc, &works, processed)?;
        }
        writer.finish()
    }
}

/// Writes the output of a batch a document at a time, in input order:
/// the bibliography formats list the works each document is given with;
/// `notes` and CSV rows of citations copy the document's spooled notes or
/// rows, with each work's key filled in.
pub struct OutputWriter<'w> {
    sink: Sink<'w>,
    /// Leave out the works a library item is (`--only-new`).
    only_new: bool,
}

enum Sink<'w> {
    Bibliography(export::BibliographyWriter<'w>),
    Notes(&'w mut dyn Write),
    Citations(Box<csv::Writer<&'w mut dyn Write>>),
}

impl<'w> OutputWriter<'w> {
    /// A writer of the format the options ask for.
    pub fn new(options: &Options, out: &'w mut dyn Write) -> anyhow::Result<OutputWriter<'w>> {
        let sink = match options.format {
            Format::Notes => Sink::Notes(out),
            Format::Csv if options.export.csv_rows == CsvRows::Citation => {
                let mut writer = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(out);
                writer.write_record(CITATION_COLUMNS)?;
                Sink::Citations(Box::new(writer))
            }
            format => Sink::Bibliography(export::BibliographyWriter::new(format, out)),
        };
        Ok(OutputWriter {
            sink,
            only_new: options.only_new,
        })
    }

    /// Writes one document (keys assigned), listing `works` in the
    /// bibliography formats.
    pub fn document(
        &mut self,
        doc: &Document,
        works: &[&Work],
        processed: &mut Processed,
    ) -> anyhow::Result<()> {
        match &mut self.sink {
            Sink::Bibliography(writer) if self.only_new => {
                let new: Vec<&Work> = works
                    .iter()
                    .copied()
                    .filter(|w| w.library_key.is_none())
                    .collect();
                writer.write(&new)?
            }
            Sink::Bibliography(writer) => writer.write(works)?,
            Sink::Notes(out) => {
                let spool = processed.spool.as_mut().context("notes were not spooled")?;
                spool.rewind()?;
                std::io::copy(spool, out)?;
            }
            Sink::Citations(writer) => {
                let spool = processed
                    .spool
                    .as_mut()
                    .context("citations were not spooled")?;
                spool.rewind()?;
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(BufReader::new(spool));
                for record in reader.records() {
                    let record = record?;
                    let key = key_of(&doc.works, record.get(KEY_COLUMN).unwrap_or(""));
                    writer.write_record(record.iter().enumerate().map(|(i, v)| {
                        if i == KEY_COLUMN {
                            export::csv::neutralise(&key)
                        } else {
                            v.to_string()
                        }
                    }))?;
                }
            }
        }
        Ok(())
    }

    /// Ends the output.
    pub fn finish(self) -> anyhow::Result<()> {
        match self.sink {
            Sink::Bibliography(writer) => writer.finish()?,
            Sink::Notes(out) => out.flush()?,
            Sink::Citations(mut writer) => writer.flush()?,
        }
        Ok(())
    }
}

/// Where the key stands in a citation row.
const KEY_COLUMN: usize = 4;

/// The key of the work a spooled row names by index.
fn key_of(works: &[Work], index: &str) -> String {
    index
        .parse::<usize>()
        .ok()
        .and_then(|w| works.get(w))
        .map(|w| w.key.clone())
        .unwrap_or_default()
}

/// Reads one input and runs the pipeline on it.
fn process(path: &Path, options: &Options) -> anyhow::Result<(Document, Processed)> {
    let name = path.display().to_string();
    let format = source::Format::from_path(path).unwrap_or(source::Format::Text);
    // The works of earlier inputs (`--across-files`), then the library.
    let mut catalog = crate::resolve::library::matching::Catalog::default();
    if options.across_files {
        let earlier = options
            .earlier
            .lock()
            .map(|e| e.clone())
            .unwrap_or_default();
        catalog = catalog.with(std::sync::Arc::new(
            crate::resolve::library::matching::Known::new(
                crate::resolve::library::matching::Origin::EarlierFiles,
                earlier,
            ),
        ));
    }
    for layer in options.catalog.layers() {
        catalog = catalog.with(layer.clone());
    }
    let mut run = Run::new(&name, options, catalog.clone())?;
    // Another encoding than UTF-8 is decoded whole.
    let forced_other = options.encoding.is_some_and(|e| e != encoding_rs::UTF_8);
    let (replaced, encoding) = if format == source::Format::Text && !forced_other && streams(path)?
    {
        let file = std::fs::File::open(path).map_err(|e| InputError::Io {
            path: name.clone(),
            source: e,
        })?;
        let mut reader = NoteReader::new(BufReader::with_capacity(1 << 20, file), options.lossy);
        for note in reader.by_ref() {
            let note = note.map_err(|e| match e {
                source::stream::StreamError::Io(e) => InputError::Io {
                    path: name.clone(),
                    source: e,
                },
                source::stream::StreamError::InvalidUtf8 { offset } => InputError::InvalidUtf8 {
                    path: name.clone(),
                    offset,
                },
            })?;
            run.push(NoteInput {
                label: &note.label,
                text: &note.text,
                span: note.span.clone(),
                italics: &[],
                embedded: &[],
            })?;
        }
        if run.summary.notes == 0 {
            run.take_new("", vec![source::no_notes_diagnostic(&name)])?;
        }
        let encoding = input::TextEncoding {
            encoding: encoding_rs::UTF_8.name(),
            source: if options.encoding.is_some() {
                input::EncodingSource::Forced
            } else {
                input::EncodingSource::Utf8
            },
        };
        (reader.replaced(), Some(encoding))
    } else {
        let bytes = input::read_bytes(path)?;
        // The bibliography printed in a text resolves its short forms: the
        // stream is resolved against it before the first note.
        let read =
            read_notes_in_memory_with(&name, bytes, options, &catalog, &mut |event| match event {
                InMemory::Bibliography(with, diagnostics) => {
                    run.stream = NoteStream::with_catalog(&name, with);
                    run.take_new("", diagnostics)?;
                    Ok(())
                }
                InMemory::Note(note) => run.push(note),
            })?;
        run.take_new("", read.diagnostics)?;
        (read.replaced, read.encoding)
    };
    let (mut doc, mut processed) = run.finish()?;
    processed.replaced = replaced;
    processed.encoding = encoding;
    if options.across_files {
        if let Ok(mut earlier) = options.earlier.lock() {
            // A work that is an earlier file's (its first note is that
            // file's label) is listed once, as that file's.
            let known: std::collections::HashSet<String> =
                earlier.iter().map(|e| e.label.clone()).collect();
            let new = doc
                .works
                .iter()
                .filter(|w| w.described && !known.contains(&w.first_note));
            earlier.extend(new.map(|w| crate::resolve::library::matching::Entry {
                label: format!("{name}#{}", w.first_note),
                item: w.item.unpack(),
                library_key: w.library_key.clone(),
                short_title: None,
            }));
        }
    }
    if options.romanize {
        crate::normalize::romanize_document(&mut doc);
    }
    Ok((doc, processed))
}

/// Reads the notes of one input held in memory and hands each to `push`,
/// in order: the format is the one `name`'s extension says (text when it
/// says none), text is decoded as [`input::decode_text`] does. This is how
/// `ibid convert` reads every input not streamed, and how `ibid serve`
/// reads an upload. Returns what was learnt reading it: whether bad bytes
/// were replaced, the source stage's diagnostics about the file (markers
/// not taken as notes, a text with no note).
pub fn read_notes_in_memory(
    name: &str,
    bytes: Vec<u8>,
    options: &Options,
    push: &mut dyn FnMut(NoteInput<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<ReadInMemory> {
    let none = crate::resolve::library::matching::Catalog::default();
    read_notes_in_memory_with(name, bytes, options, &none, &mut |event| match event {
        InMemory::Note(note) => push(note),
        InMemory::Bibliography(..) => Ok(()),
    })
}

/// What [`read_notes_in_memory_with`] hands on: the bibliography printed
/// in a text (before any note), then the notes.
pub enum InMemory<'a> {
    /// The catalog to resolve the notes against (the bibliography, then
    /// `catalog`) and the diagnostics of entries that could not be read.
    Bibliography(crate::resolve::library::matching::Catalog, Vec<Diagnostic>),
    Note(NoteInput<'a>),
}

/// [`read_notes_in_memory`], handing on also the bibliography a text
/// prints (see [`crate::pipeline::with_bibliography`]), read against
/// `catalog`.
pub fn read_notes_in_memory_with(
    name: &str,
    bytes: Vec<u8>,
    options: &Options,
    catalog: &crate::resolve::library::matching::Catalog,
    push: &mut dyn FnMut(InMemory<'_>) -> anyhow::Result<()>,
) -> anyhow::Result<ReadInMemory> {
    let format = source::Format::from_path(Path::new(name)).unwrap_or(source::Format::Text);
    if format == source::Format::Text {
        let decoded = input::decode_text(name, bytes, options.lossy, options.encoding)?;
        let text = decoded.text;
        // A printed bibliography's entries are never notes; it is handed on
        // first, as the catalog to resolve the notes against.
        let (masked, with, diagnostics) = crate::pipeline::with_bibliography(name, &text, catalog);
        if masked.is_some() {
            push(InMemory::Bibliography(with, diagnostics))?;
        }
        let text = masked.unwrap_or(text);
        let found = source::find_notes_reporting(&text);
        let diagnostics = found.diagnostics(name, &text);
        // Kept while the notes go through the pipeline, as the document's
        // works grow: the notes' spans, not the notes found.
        let notes = FoundNotes::new(&found.notes);
        drop(found);
        for (label, span) in notes.iter() {
            push(InMemory::Note(NoteInput {
                label,
                text: &text[span.clone()],
                span,
                italics: &[],
                embedded: &[],
            }))?;
        }
        Ok(ReadInMemory {
            replaced: decoded.replaced,
            encoding: Some(decoded.encoding),
            diagnostics,
        })
    } else {
        let notes = source::read_notes(&bytes, format, options.column.as_deref())
            .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        drop(bytes);
        for n in &notes {
            push(InMemory::Note(NoteInput {
                label: &n.label,
                text: &n.text,
                span: 0..n.text.len(),
                italics: &n.italics,
                embedded: &n.embedded,
            }))?;
        }
        Ok(ReadInMemory::default())
    }
}

/// The notes found in a text without their text: their labels one after
/// the other, and each note's label's end in them and its text's span in
/// the text (24 bytes a note, against 56 for a [`source::SourceNote`];
/// 2.5 MB for the 104 000 notes of 20 MB).
struct FoundNotes {
    labels: String,
    notes: Vec<(usize, Range<usize>)>,
}

impl FoundNotes {
    fn new(found: &[source::SourceNote<'_>]) -> FoundNotes {
        let mut labels = String::new();
        let notes = found
            .iter()
            .map(|n| {
                labels.push_str(&n.label);
                (labels.len(), n.span.clone())
            })
            .collect();
        FoundNotes { labels, notes }
    }

    /// Each note's label and span, in order.
    fn iter(&self) -> impl Iterator<Item = (&str, Range<usize>)> {
        let mut start = 0;
        self.notes.iter().map(move |(end, span)| {
            let label = &self.labels[start..*end];
            start = *end;
            (label, span.clone())
        })
    }
}

/// What [`read_notes_in_memory`] learnt reading an input besides its notes.
#[derive(Clone, Debug, Default)]
pub struct ReadInMemory {
    /// Bytes not valid in the encoding were replaced.
    pub replaced: bool,
    /// The encoding a text input was read in (`None` for other formats).
    pub encoding: Option<input::TextEncoding>,
    /// The source stage's diagnostics about the file (their spans are
    /// byte offsets in the file's text; position 0).
    pub diagnostics: Vec<Diagnostic>,
}

/// True for a text file large enough to be read as a stream (UTF-16
/// files are always read whole).
fn streams(path: &Path) -> anyhow::Result<bool> {
    if path.as_os_str() == "-" {
        return Ok(false);
    }
    let io = |e| InputError::Io {
        path: path.display().to_string(),
        source: e,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size <= STREAM_ABOVE_BYTES {
        return Ok(false);
    }
    let mut head = [0u8; 2];
    let mut file = std::fs::File::open(path).map_err(io)?;
    file.read_exact(&mut head).map_err(io)?;
    Ok(head != [0xFF, 0xFE] && head != [0xFE, 0xFF])
}

/// One input going through the pipeline note by note.
struct Run<'o> {
    file: String,
    options: &'o Options,
    stream: NoteStream,
    summary: Summary,
    rendered: SpooledTempFile,
    spool: Option<SpooledTempFile>,
    /// The diagnostics kept (all of them with `keep_diagnostics`).
    diagnostics: Vec<Diagnostic>,
    /// The position of the note of the last error seen: the errors of one
    /// note count as one unreadable note (as
    /// [`Document::unreadable_notes`] counts them).
    last_error_note: Option<usize>,
}

impl<'o> Run<'o> {
    fn new(
        file: &str,
        options: &'o Options,
        catalog: crate::resolve::library::matching::Catalog,
    ) -> anyhow::Result<Run<'o>> {
        let spool = options
            .writes_notes()
            .then(|| SpooledTempFile::new(SPOOL_IN_MEMORY));
        Ok(Run {
            file: file.to_string(),
            options,
            stream: NoteStream::with_catalog(file, catalog),
            summary: Summary {
                files: 1,
                ..Summary::default()
            },
            rendered: SpooledTempFile::new(RENDERED_IN_MEMORY),
            spool,
            diagnostics: Vec::new(),
            last_error_note: None,
        })
    }

    /// Processes one note: counts it, renders its diagnostics, spools it
    /// if the format writes notes, and drops it.
    fn push(&mut self, input: NoteInput<'_>) -> anyhow::Result<()> {
        let text = input.text;
        let note = self.stream.push(input);
        self.summary.notes += 1;
        self.summary.citations += note.citations.len();
        self.summary.unresolved += note
            .citations
            .iter()
            .filter(|c| c.form != Form::Full && c.resolves_to.is_none())
            .count();
        self.summary.from_reference_managers +=
            note.citations.iter().filter(|c| c.source.is_some()).count();
        let new = self.stream.take_diagnostics();
        self.take_new(text, new)?;
        if let Some(spool) = &mut self.spool {
            if self.options.format == Format::Notes {
                spool.write_all(export::notes::note_to_json(&note).as_bytes())?;
                spool.write_all(b"\n")?;
            } else {
                spool_citation_rows(&self.file, note, spool)?;
            }
        }
        Ok(())
    }

    /// Renders, counts and (if asked) keeps the diagnostics of the note
    /// just pushed, whose text is `text` ("" once the notes are done).
    fn take_new(&mut self, text: &str, new: Vec<Diagnostic>) -> std::io::Result<()> {
        for d in &new {
            if self.options.render {
                let shown = if d.position == 0 {
                    render_file_diagnostic(d)
                } else {
                    render_diagnostic(d, text)
                };
                self.rendered.write_all(shown.as_bytes())?;
            }
            if d.severity == Severity::Error && self.last_error_note != Some(d.position) {
                self.summary.unreadable_notes += 1;
                self.last_error_note = Some(d.position);
            }
        }
        if self.options.keep_diagnostics {
            self.diagnostics.extend(new);
        }
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<(Document, Processed)> {
        // The stream is consumed; an empty one stands in for it.
        let stream = std::mem::replace(&mut self.stream, NoteStream::new(""));
        let (works, rest) = stream.finish();
        self.take_new("", rest)?;
        let doc = Document {
            file: self.file,
            notes: Vec::new(),
            works,
            diagnostics: self.diagnostics,
        };
        self.summary.works = doc.works.len();
        let processed = Processed {
            summary: self.summary,
            rendered: self.rendered,
            replaced: false,
            encoding: None,
            spool: self.spool,
        };
        Ok((doc, processed))
    }
}

/// Writes the CSV rows of one note's citations (no header), with each
/// work's index in the document where its key will go.
fn spool_citation_rows(
    file: &str,
    mut note: Note,
    spool: &mut SpooledTempFile,
) -> anyhow::Result<()> {
    let mut works: Vec<Work> = Vec::new();
    for citation in &mut note.citations {
        if let Some(w) = citation.work {
            citation.work = Some(works.len());
            works.push(Work {
                key: w.to_string(),
                ..Work::default()
            });
        }
    }
    let doc = Document {
        file: file.to_string(),
        notes: vec![note],
        works,
        diagnostics: Vec::new(),
    };
    let mut rows = Vec::new();
    export::csv::write_citations(std::slice::from_ref(&doc), &mut rows)?;
    let header_end = rows
        .windows(2)
        .position(|w| w == b"\r\n")
        .map_or(rows.len(), |i| i + 2);
    spool.write_all(&rows[header_end..])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The notes kept as spans are the notes found: every label, text and
    /// span, over the fixtures' texts and texts with labels of every shape
    /// (superscripts are read into labels of their own, Markdown labels,
    /// empty notes, notes without a label's digits).
    #[test]
    fn found_notes_kept_as_spans_are_the_notes_found() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut docs: Vec<String> = [
            "fixtures/korean-war-origins.txt",
            "fixtures/russian/russian-notes.txt",
            "fixtures/archival/archival-notes.txt",
        ]
        .iter()
        .map(|p| std::fs::read_to_string(root.join(p)).unwrap())
        .collect();
        for entry in std::fs::read_dir(root.join("fixtures/source")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                docs.push(std::fs::read_to_string(path).unwrap());
            }
        }
        docs.extend(
            [
                "Body.\u{b9}\n\n\u{b9} One.\n\u{b2}\u{b3} Twenty-three.\n\u{b2} \n",
                "Text[^a] and[^long-label].\n\n[^a]: A note\n    indented\n\n[^long-label]: \u{416}.\n",
                "Notes\n1. One.\n2.\n3. Three, \u{201c}\u{416}\u{201d}.\n",
                "[1] a\n[2] b\n[7] wrapped\n[3] c\n\n[1] next\n",
                "",
            ]
            .map(String::from),
        );
        for doc in &docs {
            let found = source::find_notes_reporting(doc);
            let kept = FoundNotes::new(&found.notes);
            let read: Vec<(&str, &str, Range<usize>)> = kept
                .iter()
                .map(|(label, span)| (label, &doc[span.clone()], span))
                .collect();
            let expected: Vec<(&str, &str, Range<usize>)> = found
                .notes
                .iter()
                .map(|n| (&*n.label, n.text, n.span.clone()))
                .collect();
            assert_eq!(read, expected, "{doc:.60?}");
        }
    }

    /// The whole-document pipeline and its exporters: what a batch must
    /// reproduce byte for byte.
    fn expected(paths: &[PathBuf], format: Format, export: export::Options) -> Vec<u8> {
        let mut docs: Vec<Document> = paths
            .iter()
            .map(|p| {
                crate::convert_text(
                    &p.display().to_string(),
                    &std::fs::read_to_string(p).unwrap(),
                )
            })
            .collect();
        crate::resolve::keys::assign_keys(&mut docs);
        let mut out = Vec::new();
        export::write(format, &docs, &export, &mut out).unwrap();
        out
    }

    #[test]
    fn streamed_batches_match_whole_documents() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let paths: Vec<PathBuf> = [
            "fixtures/korean-war-origins.txt",
            "fixtures/archival/archival-notes.txt",
            "fixtures/russian/russian-notes.txt",
            // Every work again: listed once, under the keys of its first
            // document.
            "fixtures/korean-war-origins.txt",
        ]
        .iter()
        .map(|p| root.join(p))
        .collect();
        let cases = [
            (Format::CslJson, CsvRows::Work),
            (Format::Bibtex, CsvRows::Work),
            (Format::Ris, CsvRows::Work),
            (Format::Notes, CsvRows::Work),
            (Format::Csv, CsvRows::Work),
            (Format::Csv, CsvRows::Citation),
        ];
        for (format, csv_rows) in cases {
            for jobs in [1, 2] {
                let export = export::Options { csv_rows };
                let options = Options {
                    format,
                    export,
                    jobs,
                    lossy: false,
                    encoding: None,
                    column: None,
                    render: true,
                    keep_diagnostics: true,
                    romanize: false,
                    progress: None,
                    catalog: Default::default(),
                    across_files: false,
                    only_new: false,
                    earlier: Default::default(),
                };
                let mut batch = run(&paths, &options).unwrap();
                batch.assign_keys();
                let mut out = Vec::new();
                batch.write(0..paths.len(), &options, &mut out).unwrap();
                let want = expected(&paths, format, export);
                assert!(
                    out == want,
                    "{format:?} {csv_rows:?} jobs {jobs}:\n{}",
                    String::from_utf8_lossy(&out[..out.len().min(600)])
                );
                // Written as each document is done, nothing kept.
                let mut streamed = Vec::new();
                let mut order = Vec::new();
                let mut keys = crate::resolve::keys::KeyAssigner::default();
                run_and_write(&paths, &options, &mut keys, &mut streamed, |i, _, _| {
                    order.push(i)
                })
                .unwrap();
                assert_eq!(order, (0..paths.len()).collect::<Vec<_>>());
                assert!(
                    streamed == want,
                    "streamed {format:?} {csv_rows:?} jobs {jobs}:\n{}",
                    String::from_utf8_lossy(&streamed[..streamed.len().min(600)])
                );
            }
        }
    }
}
