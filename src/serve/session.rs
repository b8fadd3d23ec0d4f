//! What `ibid serve` keeps of one upload: the documents as the pipeline
//! made them, the author's corrections, and the documents with the
//! corrections applied, which the page shows and the downloads export.
//!
//! Corrections name what they change by its place in the documents as
//! first read (file, note, citation, work), never by its place after
//! earlier corrections, so that they can be applied again from the start
//! in any number and undone one by one.

use crate::batch;
use crate::export::{self, Format};
use crate::model::packed::PackedItem;
use crate::model::Document;
use crate::model::{Date, Form, Item, Name, Severity};
use crate::pipeline::NoteStream;
use crate::report::Summary;
use crate::resolve::keys::KeyAssigner;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// One input of an upload: a file's name (which says its format, as on the
/// command line) and its bytes.
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The documents of one upload, as read and as corrected.
pub struct Session {
    /// The documents as the pipeline made them (keys not assigned).
    base: Vec<Document>,
    /// The author's corrections, in the order made.
    corrections: Vec<Correction>,
    /// `base` with `corrections` applied and keys assigned.
    current: Vec<Document>,
    /// Where the works and citations of `current` stand in `base`.
    places: Vec<Places>,
}

/// Where the works and citations of a corrected document stand in the
/// document as read (corrections name them so).
#[derive(Default)]
struct Places {
    /// For each work, its index.
    works: Vec<usize>,
    /// For each note, for each of its citations, its index in the note.
    citations: Vec<Vec<usize>>,
}

/// One correction of the author's.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Correction {
    /// Set one field of a work's record (see [`EDITABLE_FIELDS`]); an
    /// empty value removes the field.
    Edit {
        file: usize,
        work: usize,
        field: String,
        value: String,
    },
    /// Set the locator (page, folio...) of one citation.
    Locator {
        file: usize,
        note: usize,
        citation: usize,
        value: String,
    },
    /// A short form or Ibid. cites this work (of the same file); the Ibid.
    /// citations that follow it directly follow it.
    Resolve {
        file: usize,
        note: usize,
        citation: usize,
        work: usize,
    },
    /// The text in `span` (bytes of the note's text) is not a citation:
    /// the citations and diagnostics it overlaps are dropped.
    NotCitation {
        file: usize,
        note: usize,
        start: usize,
        end: usize,
    },
}

/// The fields of a record the page lets the author edit, as CSL-JSON
/// variables. Names are written `Family, Given; Family, Given` (a name
/// without a comma and with a space is a body); dates as `1950`,
/// `1950-06-25` or `1950/1953`.
pub const EDITABLE_FIELDS: &[&str] = &[
    "type",
    "author",
    "editor",
    "recipient",
    "title",
    "container-title",
    "publisher",
    "publisher-place",
    "issued",
    "volume",
    "issue",
    "page",
    "genre",
    "archive",
    "archive-place",
    "archive_location",
    "URL",
];

/// Why a correction cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum CorrectionError {
    #[error("no such {0}")]
    NotFound(&'static str),
    #[error("the field {0:?} cannot be edited here")]
    Field(String),
    #[error("{0:?} is not a record type ibid knows")]
    Type(String),
    #[error("only a short form or an Ibid. can be resolved to a work")]
    NotShort,
}

impl Session {
    /// Runs the pipeline on every upload, as `ibid convert` runs on files
    /// of the same names and contents. Fails with the first upload that
    /// cannot be read.
    pub fn read(uploads: Vec<Upload>) -> anyhow::Result<Session> {
        let options = batch::Options {
            format: Format::CslJson,
            export: export::Options::default(),
            jobs: 1,
            lossy: false,
            encoding: None,
            column: None,
            render: false,
            keep_diagnostics: true,
            romanize: false,
            progress: None,
            catalog: Default::default(),
            across_files: false,
            only_new: false,
            earlier: Default::default(),
        };
        let mut base = Vec::with_capacity(uploads.len());
        for upload in uploads {
            let mut stream = NoteStream::new(&upload.name);
            let mut notes = Vec::new();
            batch::read_notes_in_memory(&upload.name, upload.bytes, &options, &mut |n| {
                notes.push(stream.push(n));
                Ok(())
            })?;
            let (works, diagnostics) = stream.finish();
            base.push(Document {
                file: upload.name,
                notes,
                works,
                diagnostics,
            });
        }
        let mut session = Session {
            base,
            corrections: Vec::new(),
            current: Vec::new(),
            places: Vec::new(),
        };
        session.rebuild();
        Ok(session)
    }

    /// The documents with the corrections applied, keys assigned.
    pub fn documents(&self) -> &[Document] {
        &self.current
    }

    /// The corrections made so far.
    pub fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    /// Makes a correction (checked against the documents as read).
    pub fn correct(&mut self, correction: Correction) -> Result<(), CorrectionError> {
        self.check(&correction)?;
        self.corrections.push(correction);
        self.rebuild();
        Ok(())
    }

    /// Takes back the last correction; false if there was none.
    pub fn undo(&mut self) -> bool {
        let undone = self.corrections.pop().is_some();
        if undone {
            self.rebuild();
        }
        undone
    }

    /// The counts of the corrected documents, as the command line prints
    /// them.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        for doc in &self.current {
            summary.add(doc);
        }
        summary
    }

    /// Writes the corrected documents in a format, as `ibid convert`
    /// writes them (`per` chooses the rows of CSV).
    pub fn export(
        &self,
        format: Format,
        options: &export::Options,
        out: &mut dyn std::io::Write,
    ) -> anyhow::Result<()> {
        export::write(format, &self.current, options, out)
    }

    fn check(&self, correction: &Correction) -> Result<(), CorrectionError> {
        let doc = |file: usize| self.base.get(file).ok_or(CorrectionError::NotFound("file"));
        let citation = |file: usize, note: usize, citation: usize| {
            doc(file)?
                .notes
                .get(note)
                .ok_or(CorrectionError::NotFound("note"))?
                .citations
                .get(citation)
                .ok_or(CorrectionError::NotFound("citation"))
        };
        match correction {
            Correction::Edit {
                file,
                work,
                field,
                value,
            } => {
                doc(*file)?
                    .works
                    .get(*work)
                    .ok_or(CorrectionError::NotFound("work"))?;
                let mut item = Item::default();
                set_field(&mut item, field, value)
            }
            Correction::Locator {
                file,
                note,
                citation: c,
                ..
            } => citation(*file, *note, *c).map(|_| ()),
            Correction::Resolve {
                file,
                note,
                citation: c,
                work,
            } => {
                if citation(*file, *note, *c)?.form == Form::Full {
                    return Err(CorrectionError::NotShort);
                }
                doc(*file)?
                    .works
                    .get(*work)
                    .ok_or(CorrectionError::NotFound("work"))
                    .map(|_| ())
            }
            Correction::NotCitation {
                file, note, start, ..
            } => {
                let note = doc(*file)?
                    .notes
                    .get(*note)
                    .ok_or(CorrectionError::NotFound("note"))?;
                if *start > note.text.len() {
                    return Err(CorrectionError::NotFound("span"));
                }
                Ok(())
            }
        }
    }

    /// Applies every correction to the documents as read and assigns keys
    /// across the upload, as a batch does.
    fn rebuild(&mut self) {
        (self.current, self.places) = self
            .base
            .iter()
            .enumerate()
            .map(|(f, doc)| corrected(f, doc, &self.corrections))
            .unzip();
        let mut keys = KeyAssigner::default();
        for doc in &mut self.current {
            keys.assign(&mut doc.works);
        }
    }
}

/// A citation's place: note and citation index.
type At = (usize, usize);

/// One document with the corrections of its file applied, and where its
/// works and citations stand in the document as read.
fn corrected(file: usize, base: &Document, corrections: &[Correction]) -> (Document, Places) {
    let mut doc = base.clone();
    for work in &mut doc.works {
        work.key.clear();
    }
    // The citations marked as not citations.
    let mut removed: Vec<Vec<bool>> = doc
        .notes
        .iter()
        .map(|n| vec![false; n.citations.len()])
        .collect();
    let mut repointed = removed.clone();
    let mut edits: Vec<(usize, &str, &str)> = Vec::new();
    let mut dropped_diagnostics = vec![false; doc.diagnostics.len()];
    let order: Vec<At> = doc
        .notes
        .iter()
        .enumerate()
        .flat_map(|(n, note)| (0..note.citations.len()).map(move |c| (n, c)))
        .collect();
    for correction in corrections {
        match correction {
            Correction::Edit {
                file: f,
                work,
                field,
                value,
            } if *f == file => edits.push((*work, field, value)),
            Correction::Locator {
                file: f,
                note,
                citation,
                value,
            } if *f == file => {
                let c = &mut doc.notes[*note].citations[*citation];
                let label = c
                    .locator
                    .as_ref()
                    .map_or(crate::model::LocatorLabel::Page, |l| l.label);
                c.locator = (!value.trim().is_empty()).then(|| crate::model::Locator {
                    value: value.trim().to_string(),
                    label,
                });
            }
            Correction::Resolve {
                file: f,
                note,
                citation,
                work,
            } if *f == file => {
                let start = order
                    .iter()
                    .position(|&at| at == (*note, *citation))
                    .unwrap_or(order.len());
                let old = doc.notes[*note].citations[*citation].work;
                let first_note = doc.works[*work].first_note.clone();
                for (k, &(n, c)) in order.iter().enumerate().skip(start) {
                    if removed[n][c] {
                        continue;
                    }
                    let cit = &mut doc.notes[n].citations[c];
                    // The citation itself, then the Ibid.s that follow it
                    // and cited what it cited.
                    if k > start && (cit.form != Form::Ibid || cit.work != old) {
                        break;
                    }
                    cit.work = Some(*work);
                    cit.resolves_to = Some(first_note.clone());
                    repointed[n][c] = true;
                    // The warnings about the citation (unresolved) go.
                    let label = &doc.notes[n].label;
                    let span = doc.notes[n].citations[c].span.clone();
                    for (d, diagnostic) in doc.diagnostics.iter().enumerate() {
                        if diagnostic.severity == Severity::Warning
                            && diagnostic.position == n + 1
                            && &diagnostic.note == label
                            && overlaps(&diagnostic.span, &span)
                        {
                            dropped_diagnostics[d] = true;
                        }
                    }
                }
            }
            Correction::NotCitation {
                file: f,
                note,
                start,
                end,
            } if *f == file => {
                let span = *start..(*end).max(*start + 1);
                for (c, citation) in doc.notes[*note].citations.iter().enumerate() {
                    if overlaps(&citation.span, &span) {
                        removed[*note][c] = true;
                    }
                }
                let label = &doc.notes[*note].label;
                for (d, diagnostic) in doc.diagnostics.iter().enumerate() {
                    if diagnostic.position == note + 1
                        && &diagnostic.note == label
                        && overlaps(&diagnostic.span, &span)
                    {
                        dropped_diagnostics[d] = true;
                    }
                }
            }
            _ => {}
        }
    }

    // Drop the removed citations and count what each work is cited by.
    let mut times = vec![0usize; doc.works.len()];
    let mut first_note: Vec<Option<String>> = vec![None; doc.works.len()];
    for (n, note) in doc.notes.iter_mut().enumerate() {
        let mut c = 0;
        note.citations.retain(|_| {
            c += 1;
            !removed[n][c - 1]
        });
        for citation in &note.citations {
            if let Some(w) = citation.work {
                times[w] += 1;
                first_note[w].get_or_insert_with(|| note.label.clone());
            }
        }
    }

    // Field edits: on the work and on every citation of it. A short form
    // or Ibid. re-pointed or whose work was edited carries its work's
    // whole record, as resolution gives it.
    let mut items: Vec<Option<Item>> = vec![None; doc.works.len()];
    for &(w, field, value) in &edits {
        let item = items[w].get_or_insert_with(|| doc.works[w].item.unpack());
        // Checked when the correction was made.
        let _ = set_field(item, field, value);
    }
    for (w, item) in items.iter().enumerate() {
        if let Some(item) = item {
            doc.works[w].item = PackedItem::pack(item);
        }
    }
    for (n, note) in doc.notes.iter_mut().enumerate() {
        let kept = (0..removed[n].len()).filter(|&c| !removed[n][c]);
        for (citation, c) in note.citations.iter_mut().zip(kept) {
            let Some(w) = citation.work else { continue };
            if citation.form == Form::Full {
                for &(_, field, value) in edits.iter().filter(|e| e.0 == w) {
                    let _ = set_field(&mut citation.item, field, value);
                }
            } else if repointed[n][c] || items[w].is_some() {
                citation.item = doc.works[w].item.unpack();
            }
        }
    }

    // Works no longer cited go; the others keep their order.
    let touched = corrections.iter().any(|c| {
        matches!(c, Correction::Resolve { file: f, .. } | Correction::NotCitation { file: f, .. } if *f == file)
    });
    let mut base_index: Vec<usize> = (0..doc.works.len()).collect();
    if touched {
        let mut new_index = vec![None; doc.works.len()];
        let mut kept = Vec::with_capacity(doc.works.len());
        base_index.clear();
        for (w, mut work) in std::mem::take(&mut doc.works).into_iter().enumerate() {
            if times[w] == 0 && work.times_cited > 0 {
                continue;
            }
            work.times_cited = times[w];
            if let Some(first) = first_note[w].take() {
                work.first_note = first;
            }
            new_index[w] = Some(kept.len());
            base_index.push(w);
            kept.push(work);
        }
        doc.works = kept;
        for note in &mut doc.notes {
            for citation in &mut note.citations {
                citation.work = citation.work.and_then(|w| new_index[w]);
            }
        }
    }
    let mut d = 0;
    doc.diagnostics.retain(|_| {
        d += 1;
        !dropped_diagnostics[d - 1]
    });
    let citations = removed
        .iter()
        .map(|r| (0..r.len()).filter(|&c| !r[c]).collect())
        .collect();
    (
        doc,
        Places {
            works: base_index,
            citations,
        },
    )
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Sets one field of an item from the text the author typed; an empty
/// text removes the field.
pub fn set_field(item: &mut Item, field: &str, value: &str) -> Result<(), CorrectionError> {
    let value = value.trim();
    let text = || (!value.is_empty()).then(|| value.to_string());
    match field {
        "type" => {
            item.kind = serde_json::from_value(Value::String(value.to_string()))
                .map_err(|_| CorrectionError::Type(value.to_string()))?
        }
        "author" => item.author = names(value),
        "editor" => item.editor = names(value),
        "recipient" => item.recipient = names(value),
        "title" => item.title = text(),
        "container-title" => item.container_title = text(),
        "publisher" => item.publisher = text(),
        "publisher-place" => item.publisher_place = text(),
        "issued" => item.issued = (!value.is_empty()).then(|| date(value)),
        "volume" => item.volume = text(),
        "issue" => item.issue = text(),
        "page" => item.page = text(),
        "genre" => item.genre = text(),
        "archive" => item.archive = text(),
        "archive-place" => item.archive_place = text(),
        "archive_location" => item.archive_location = text(),
        "URL" => item.url = text(),
        other => return Err(CorrectionError::Field(other.to_string())),
    }
    Ok(())
}

/// Names typed as `Family, Given; Family, Given`: a name without a comma
/// is a family name when it is one word, a body's name otherwise.
fn names(value: &str) -> Vec<Name> {
    value
        .split(';')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| match n.split_once(',') {
            Some((family, given)) => {
                let given = given.trim();
                Name::person(
                    family.trim(),
                    (!given.is_empty()).then(|| given.to_string()),
                )
            }
            None if n.contains(' ') => Name::literal(n),
            None => Name::person(n, None),
        })
        .collect()
}

/// A date typed as `1950`, `1950-06`, `1950-06-25` or a range `1950/1953`;
/// anything else is kept as a literal date.
fn date(value: &str) -> Date {
    let parts = |s: &str| -> Option<Vec<i32>> {
        let parts: Vec<i32> = s
            .split('-')
            .map(|p| p.trim().parse::<i32>().ok())
            .collect::<Option<_>>()?;
        let valid = match parts.as_slice() {
            [_] => true,
            [_, m] => (1..=12).contains(m),
            [_, m, d] => (1..=12).contains(m) && (1..=31).contains(d),
            _ => false,
        };
        valid.then_some(parts)
    };
    let ranges: Option<Vec<Vec<i32>>> = value.split('/').map(parts).collect();
    match ranges {
        Some(ranges) if ranges.len() <= 2 => Date {
            date_parts: ranges,
            ..Date::default()
        },
        _ => Date::literal(value),
    }
}

/// The view of a session the page draws: every note with its citations
/// (spans in UTF-16 code units, as JavaScript counts), every work with its
/// record, every diagnostic, the counts.
pub fn view(id: &str, session: &Session) -> Value {
    let docs = session.documents();
    let summary = session.summary();
    let mut notes = Vec::new();
    let mut works = Vec::new();
    let mut diagnostics = Vec::new();
    // Where each file's notes and works begin in the lists.
    let mut note_base = Vec::new();
    let mut work_base = Vec::new();
    for doc in docs {
        note_base.push(notes.len());
        work_base.push(works.len());
        notes.extend(doc.notes.iter().map(|_| Value::Null));
        works.extend(doc.works.iter().map(|_| Value::Null));
    }
    for (f, doc) in docs.iter().enumerate() {
        let places = &session.places[f];
        let base_index = &places.works;
        let mut first_with_label = std::collections::HashMap::new();
        for (i, n) in doc.notes.iter().enumerate() {
            first_with_label.entry(n.label.as_str()).or_insert(i);
        }
        let note_by_label = |label: &str| first_with_label.get(label).map(|&i| note_base[f] + i);
        // The spans of unread text of each note.
        let mut errors: Vec<Vec<std::ops::Range<usize>>> = vec![Vec::new(); doc.notes.len()];
        for d in &doc.diagnostics {
            if let Some(spans) = d.position.checked_sub(1).and_then(|n| errors.get_mut(n)) {
                if d.severity == Severity::Error {
                    spans.push(d.span.clone());
                }
            }
        }
        for (w, work) in doc.works.iter().enumerate() {
            works[work_base[f] + w] = json!({
                "file": f,
                "base": base_index[w],
                "key": work.key,
                "item": work.item.unpack(),
                "first_note": work.first_note,
                "first_note_id": note_by_label(&work.first_note),
                "times_cited": work.times_cited,
            });
        }
        let mut note_diagnostics: Vec<Vec<usize>> = vec![Vec::new(); doc.notes.len()];
        for d in &doc.diagnostics {
            let n = d.position.checked_sub(1).filter(|&n| n < doc.notes.len());
            let text = n.map_or("", |n| doc.notes[n].text.as_str());
            if let Some(n) = n {
                note_diagnostics[n].push(diagnostics.len());
            }
            diagnostics.push(json!({
                "severity": d.severity,
                "file": f,
                "note": n.map(|n| note_base[f] + n),
                "label": d.note,
                "span": utf16_span(text, &d.span),
                "bytes": [d.span.start, d.span.end],
                "message": d.message,
            }));
        }
        // Each note's citations, as read, to find their index there.
        for (n, note) in doc.notes.iter().enumerate() {
            let errors = &errors[n];
            let citations: Vec<Value> = note
                .citations
                .iter()
                .zip(&places.citations[n])
                .map(|(c, &index)| {
                    let unread = errors.iter().any(|e| overlaps(e, &c.span));
                    let class = if unread {
                        "unread"
                    } else if c.source.is_some() {
                        // The author's own record, from a reference
                        // manager's field in the Word file.
                        "embedded"
                    } else {
                        match c.form {
                            Form::Full => "full",
                            Form::Short => "short",
                            Form::Ibid => "ibid",
                        }
                    };
                    let prefix_span = c.prefix.as_deref().and_then(|p| {
                        let before = &note.text[..floor_char(&note.text, c.span.start)];
                        before.rfind(p).map(|s| utf16_span(&note.text, &(s..s + p.len())))
                    });
                    json!({
                        "index": index,
                        "form": c.form,
                        "class": class,
                        "source": c.source,
                        "span": utf16_span(&note.text, &c.span),
                        "bytes": [c.span.start, c.span.end],
                        "prefix": c.prefix,
                        "prefix_span": prefix_span,
                        "work": c.work.map(|w| work_base[f] + w),
                        "resolves_to": c.resolves_to,
                        "resolves_note": c.resolves_to.as_deref().and_then(note_by_label),
                        "locator": c.locator.as_ref().map(|l| json!({"value": l.value, "label": l.label.as_csl()})),
                        "item": c.item,
                    })
                })
                .collect();
            let unread: Vec<Value> = errors
                .iter()
                .map(|e| json!({"span": utf16_span(&note.text, e), "bytes": [e.start, e.end]}))
                .collect();
            notes[note_base[f] + n] = json!({
                "file": f,
                "index": n,
                "label": note.label,
                "text": note.text,
                "citations": citations,
                "unread": unread,
                "diagnostics": note_diagnostics[n],
            });
        }
    }
    json!({
        "session": id,
        "files": docs.iter().map(|d| json!({"name": d.file, "notes": d.notes.len()})).collect::<Vec<_>>(),
        "summary": summary,
        "summary_line": summary.line(),
        "corrections": session.corrections().len(),
        "editable_fields": EDITABLE_FIELDS,
        "notes": notes,
        "works": works,
        "diagnostics": diagnostics,
    })
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A byte span of `text` in UTF-16 code units (what JavaScript strings
/// count), widened to char boundaries and clamped to the text.
fn utf16_span(text: &str, span: &std::ops::Range<usize>) -> [usize; 2] {
    let start = floor_char(text, span.start);
    let mut end = span.end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let s = text[..start].encode_utf16().count();
    [s, s + text[start..end].encode_utf16().count()]
}
