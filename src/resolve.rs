//! Resolution: Ibid. to the previous citation, short forms to the earlier
//! full citation of the same work, and repeated citations of one work
//! merged into one [`Work`].
//!
//! Everything here stays inside one document: ibid never resolves across
//! files. A short form is resolved only when the names and title it prints
//! identify one earlier work; otherwise it stays unresolved
//! (`resolves_to: null`) and a warning says so. Resolution never guesses.

use crate::model::{Citation, Diagnostic, Form, Item, ItemType, LocatorLabel, Name, Severity};
use crate::parse::Hint;
use crate::pipeline::Document;
use crate::text::fold;
use std::collections::HashMap;

/// One distinct work of a document: the bibliography entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Work {
    /// Citation key, unique within a run (see [`crate::keys`]).
    pub key: String,
    /// The merged item.
    pub item: Item,
    /// Label of the note that first cites the work.
    pub first_note: String,
    /// (note index, citation index) of every citation of the work.
    pub citations: Vec<(usize, usize)>,
}

/// Words too common to tell two titles apart.
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "in", "on", "to", "for", "about", "with", "from", "by", "at", "s", "its",
    "de", "la", "le", "i", "v", "na", "o", "and", "или", "и", "в", "на", "о",
];

/// The significant folded words of a title.
fn title_words(title: &str) -> Vec<String> {
    fold(title).split(' ').filter(|w| !w.is_empty() && !STOPWORDS.contains(w)).map(str::to_string).collect()
}

/// What is known about each citation already seen, for Ibid.
#[derive(Clone, Debug)]
struct Seen {
    work: Option<usize>,
    /// The note of the full citation the chain leads to (`None`: unknown).
    origin: Option<String>,
    archival: bool,
}

/// Identity of a work for merging repeated full citations.
fn identity(item: &Item) -> Option<String> {
    if let Some(n) = &item.custom.document_number {
        return Some(format!("doc:{}", fold(n)));
    }
    if item.kind.is_archival() && item.archive_location.is_some() && item.custom.fond.is_some() {
        return Some(format!(
            "loc:{}:{}",
            fold(item.custom.archive_abbrev.as_deref().or(item.archive.as_deref()).unwrap_or("")),
            fold(item.archive_location.as_deref().unwrap_or(""))
        ));
    }
    let who = item.lead_name().map(|n| fold(n.sort_key())).unwrap_or_default();
    let year = item.issued.as_ref().and_then(|d| d.year()).map(|y| y.to_string()).unwrap_or_default();
    match &item.title {
        // Volumes of collected works share a title: volume and year tell
        // them apart.
        Some(t) => Some(format!(
            "t:{who}:{}:{}:{}:{}",
            fold(t),
            item.volume.as_deref().unwrap_or(""),
            year,
            fold(item.container_title.as_deref().unwrap_or(""))
        )),
        None => {
            let container = fold(item.container_title.as_deref()?);
            let date = item.issued.as_ref().map(|d| format!("{:?}{:?}", d.date_parts, d.season)).unwrap_or_default();
            Some(format!(
                "c:{who}:{container}:{}:{}:{date}",
                item.volume.as_deref().unwrap_or(""),
                item.issue.as_deref().unwrap_or("")
            ))
        }
    }
}

/// A name's identity for comparing archival senders: the pseudonym's
/// bearer when known, folded.
fn person_identity(name: &Name, identity: Option<&str>) -> String {
    fold(identity.unwrap_or(name.sort_key()))
}

/// Identity of an archival document by who wrote to whom, when, and what:
/// the same document even when one note names the sender by a pseudonym.
fn correspondence_identity(item: &Item) -> Option<String> {
    if !item.kind.is_archival() {
        return None;
    }
    let date = item.issued.as_ref()?;
    if date.date_parts.first().is_none_or(|p| p.len() < 3) {
        return None;
    }
    let author = item.author.first().map(|n| person_identity(n, item.custom.author_identity.as_deref()))?;
    let recipient = item
        .recipient
        .first()
        .map(|n| person_identity(n, item.custom.recipient_identity.as_deref()))
        .unwrap_or_default();
    let genre = item.genre.as_deref().map(|g| fold(g).trim_end_matches('s').to_string()).unwrap_or_default();
    Some(format!("cor:{author}:{recipient}:{:?}:{genre}", date.date_parts))
}

/// Fills the fields `into` lacks from `from` (same work cited again).
fn merge_item(into: &mut Item, from: &Item) {
    macro_rules! fill {
        ($($f:ident),*) => { $( if into.$f.is_none() { into.$f = from.$f.clone(); } )* };
    }
    fill!(genre, title, container_title, collection_title, event_title, event_place, publisher,
          publisher_place, volume, issue, number, page, issued, original_date, status, archive,
          archive_place, archive_location);
    for (a, b) in [
        (&mut into.author, &from.author),
        (&mut into.editor, &from.editor),
        (&mut into.translator, &from.translator),
        (&mut into.recipient, &from.recipient),
    ] {
        if a.is_empty() {
            a.clone_from(b);
        }
    }
    let (c, f) = (&mut into.custom, &from.custom);
    macro_rules! fill_custom {
        ($($f:ident),*) => { $( if c.$f.is_none() { c.$f = f.$f.clone(); } )* };
    }
    fill_custom!(archive_abbrev, archive_cited, fond, opis, papka, delo, folios, document_number,
                 title_translated, container_title_translated, author_identity, recipient_identity);
}

/// How well a short form's names and title identify a work (0 = not at all).
fn short_match(short: &crate::parse::chicago::ShortRef, item: &Item) -> f32 {
    if item.kind.is_archival() && item.title.is_none() {
        return 0.0;
    }
    if !short.names.is_empty() {
        let families: Vec<String> =
            item.author.iter().chain(item.editor.iter()).map(|n| fold(n.sort_key())).collect();
        let first = fold(&short.names[0]);
        let named = families.iter().any(|f| *f == first || f.split(' ').any(|w| w == first));
        if !named {
            return 0.0;
        }
    }
    let Some(title) = &short.title else {
        return if short.names.is_empty() { 0.0 } else { 0.5 };
    };
    let wanted = title_words(title);
    if wanted.is_empty() {
        return 0.0;
    }
    let mut have: Vec<String> = Vec::new();
    for t in [&item.title, &item.custom.title_translated].into_iter().flatten() {
        have.extend(title_words(t));
    }
    let hits = wanted.iter().filter(|w| have.contains(w)).count();
    let mut overlap = hits as f32 / wanted.len() as f32;
    // A title cut short ("Россия — Китай...") names the work it begins.
    let cut = fold(title.trim_end_matches(['.', '…']));
    if [&item.title, &item.custom.title_translated].into_iter().flatten().any(|t| fold(t).starts_with(&cut)) {
        overlap += 0.5;
    }
    if short.names.is_empty() {
        // A title alone must match completely.
        if overlap < 1.0 {
            return 0.0;
        }
    } else if overlap < 0.5 {
        return 0.0;
    }
    overlap
}

/// Resolves every citation of the document and builds its works.
pub fn resolve_document(doc: &mut Document, hints: &[Vec<Hint>]) {
    let mut works: Vec<Work> = Vec::new();
    let mut by_identity: HashMap<String, usize> = HashMap::new();
    let mut seen: Vec<Seen> = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();

    let mut previous_item: Option<Item> = None;
    for (ni, note) in doc.notes.iter_mut().enumerate() {
        let note_start = seen.len();
        for (ci, citation) in note.citations.iter_mut().enumerate() {
            let hint = hints.get(ni).and_then(|h| h.get(ci)).cloned().unwrap_or_default();
            if let Some(prev) = &previous_item {
                inherit_from_previous(citation, &hint, prev);
            }
            let entry = match citation.form {
                Form::Full => resolve_full(citation, &note.label, &mut works, &mut by_identity, &mut diagnostics, &doc.file),
                Form::Short => resolve_short(citation, &hint, &note.label, &mut works, &mut diagnostics, &doc.file),
                Form::Ibid => resolve_ibid(citation, &hint, &seen, note_start, &works, &note.label, &mut diagnostics, &doc.file),
            };
            if let Some(w) = entry.work {
                works[w].citations.push((ni, ci));
            }
            citation.work = entry.work;
            previous_item = Some(citation.item.clone());
            seen.push(entry);
        }
    }
    doc.works = works;
    doc.diagnostics.extend(diagnostics);
}

/// "Он же" (same author) and "// Там же" (same host publication): fills
/// what the citation takes from the one before it.
fn inherit_from_previous(citation: &mut Citation, hint: &Hint, previous: &Item) {
    let item = &mut citation.item;
    if hint.same_author_as_previous && item.author.is_empty() {
        item.author = previous.author.clone();
    }
    if hint.host_as_previous {
        if item.container_title.is_none() {
            item.container_title = previous.container_title.clone().or_else(|| previous.title.clone());
        }
        macro_rules! fill {
            ($($f:ident),*) => { $( if item.$f.is_none() { item.$f = previous.$f.clone(); } )* };
        }
        fill!(publisher, publisher_place, volume, issue, number, issued);
        if item.editor.is_empty() {
            item.editor = previous.editor.clone();
        }
    }
}

fn new_work(works: &mut Vec<Work>, item: Item, note: &str) -> usize {
    works.push(Work { key: String::new(), item, first_note: note.to_string(), citations: Vec::new() });
    works.len() - 1
}

fn resolve_full(
    citation: &mut Citation,
    note: &str,
    works: &mut Vec<Work>,
    by_identity: &mut HashMap<String, usize>,
    diagnostics: &mut Vec<Diagnostic>,
    file: &str,
) -> Seen {
    let archival = citation.item.kind.is_archival()
        && (citation.item.archive_location.is_some() || citation.item.genre.is_some());
    let keys: Vec<String> = [identity(&citation.item), correspondence_identity(&citation.item)].into_iter().flatten().collect();
    let existing = keys.iter().find_map(|k| by_identity.get(k).copied());
    let work = match existing {
        Some(w) => {
            let earlier = &works[w].item;
            if archival && earlier.archive_location.is_some() && citation.item.archive_location.is_some()
                && earlier.archive_location != citation.item.archive_location
            {
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    file: file.to_string(),
                    note: note.to_string(),
                    span: citation.span.clone(),
                    message: format!(
                        "same document as note {} but the location differs ({} here, {} there)",
                        works[w].first_note,
                        citation.item.archive_location.as_deref().unwrap_or(""),
                        earlier.archive_location.as_deref().unwrap_or("")
                    ),
                });
            }
            let item = citation.item.clone();
            merge_item(&mut works[w].item, &item);
            w
        }
        None => new_work(works, citation.item.clone(), note),
    };
    for k in keys {
        by_identity.entry(k).or_insert(work);
    }
    Seen { work: Some(work), origin: Some(note.to_string()), archival }
}

fn resolve_short(
    citation: &mut Citation,
    hint: &Hint,
    note: &str,
    works: &mut Vec<Work>,
    diagnostics: &mut Vec<Diagnostic>,
    file: &str,
) -> Seen {
    let mut best: Option<(f32, usize)> = None;
    if let (Some(short), false) = (&hint.short, hint.continuation) {
        for (w, work) in works.iter().enumerate() {
            let s = short_match(short, &work.item);
            if s > 0.0 && best.is_none_or(|(b, _)| s >= b) {
                best = Some((s, w));
            }
        }
    }
    match best {
        Some((_, w)) => {
            let mut item = works[w].item.clone();
            if item.volume.is_none() {
                item.volume = citation.item.volume.take();
            }
            citation.item = item;
            citation.resolves_to = Some(works[w].first_note.clone());
            Seen { work: Some(w), origin: citation.resolves_to.clone(), archival: false }
        }
        None => {
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                file: file.to_string(),
                note: note.to_string(),
                span: citation.span.clone(),
                message: "short form matches no earlier full citation; left unresolved".to_string(),
            });
            citation.resolves_to = None;
            let w = new_work(works, citation.item.clone(), note);
            Seen { work: Some(w), origin: Some(note.to_string()), archival: false }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn resolve_ibid(
    citation: &mut Citation,
    hint: &Hint,
    seen: &[Seen],
    note_start: usize,
    works: &[Work],
    note: &str,
    diagnostics: &mut Vec<Diagnostic>,
    file: &str,
) -> Seen {
    let wants_pages = citation.locator.as_ref().is_some_and(|l| l.label == LocatorLabel::Page);
    // Within the note, the previous citation; otherwise the last citation
    // of the previous note that has one. Pages never point at an archival
    // document.
    let mut target = None;
    for k in (0..seen.len()).rev() {
        let s = &seen[k];
        if wants_pages && s.archival {
            continue;
        }
        target = Some(k);
        break;
    }
    let _ = note_start;
    let Some(t) = target else {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            file: file.to_string(),
            note: note.to_string(),
            span: citation.span.clone(),
            message: "Ibid. with no earlier citation to refer to".to_string(),
        });
        return Seen { work: None, origin: None, archival: false };
    };
    let target = &seen[t];
    if let Some(w) = target.work {
        let volume = citation.item.volume.take();
        citation.item = works[w].item.clone();
        if citation.item.volume.is_none() {
            citation.item.volume = volume;
        }
        if let Some(loc) = &hint.archival {
            // New folios only: same document, folios as the locator.
            if loc.fond.is_none() && loc.opis.is_none() && loc.delo.is_none() {
                if let Some(f) = &loc.folios {
                    citation.locator = Some(crate::model::Locator { value: f.clone(), label: LocatorLabel::Folio });
                }
            }
        }
    }
    citation.resolves_to = target.origin.clone();
    Seen { work: target.work, origin: target.origin.clone(), archival: target.archival }
}

/// True if the item is an unread citation (raw text only).
pub fn is_unread(item: &Item) -> bool {
    item.kind == ItemType::Manuscript && item.note.is_some() && item.title.is_none()
}
