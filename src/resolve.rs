//! Resolution: Ibid. to the previous citation, short forms to the earlier
//! full citation of the same work, and repeated citations of one work
//! merged into one [`Work`].
//!
//! Everything here stays inside one document: ibid never resolves across
//! files. A short form is resolved only when the names and title it prints
//! identify one earlier work; otherwise it stays unresolved
//! (`resolves_to: null`) and a warning says so. Resolution never guesses.

use crate::model::{Citation, Diagnostic, Form, Item, LocatorLabel, Name, Note, Severity};
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
    "the", "a", "an", "of", "and", "in", "on", "to", "for", "about", "with", "from", "by", "at",
    "s", "its", "de", "la", "le", "i", "v", "na", "o", "and", "или", "и", "в", "на", "о",
];

/// The significant folded words of a title.
fn title_words(title: &str) -> Vec<String> {
    fold(title)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// What is known about each citation already seen, for Ibid.
#[derive(Clone, Debug)]
struct Seen {
    /// The citation's item (for short forms and ibids, resolved).
    item: Item,
    /// The archival location it printed, for an Ibid. that changes levels.
    location: Option<crate::parse::archival::ArchivalLocation>,
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
            fold(
                item.custom
                    .archive_abbrev
                    .as_deref()
                    .or(item.archive.as_deref())
                    .unwrap_or("")
            ),
            fold(item.archive_location.as_deref().unwrap_or(""))
        ));
    }
    let who = item
        .lead_name()
        .map(|n| fold(n.sort_key()))
        .unwrap_or_default();
    let year = item
        .issued
        .as_ref()
        .and_then(|d| d.year())
        .map(|y| y.to_string())
        .unwrap_or_default();
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
            let date = item
                .issued
                .as_ref()
                .map(|d| format!("{:?}{:?}", d.date_parts, d.season))
                .unwrap_or_default();
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
    let author = item
        .author
        .first()
        .map(|n| person_identity(n, item.custom.author_identity.as_deref()))?;
    let recipient = item
        .recipient
        .first()
        .map(|n| person_identity(n, item.custom.recipient_identity.as_deref()))
        .unwrap_or_default();
    let genre = item
        .genre
        .as_deref()
        .map(|g| fold(g).trim_end_matches('s').to_string())
        .unwrap_or_default();
    Some(format!(
        "cor:{author}:{recipient}:{:?}:{genre}",
        date.date_parts
    ))
}

/// Fills the fields `into` lacks from `from` (same work cited again).
fn merge_item(into: &mut Item, from: &Item) {
    macro_rules! fill {
        ($($f:ident),*) => { $( if into.$f.is_none() { into.$f = from.$f.clone(); } )* };
    }
    fill!(
        genre,
        title,
        container_title,
        collection_title,
        event_title,
        event_place,
        publisher,
        publisher_place,
        volume,
        issue,
        number,
        page,
        issued,
        original_date,
        status,
        archive,
        archive_place,
        archive_location
    );
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
    fill_custom!(
        archive_abbrev,
        archive_cited,
        fond,
        opis,
        papka,
        delo,
        folios,
        document_number,
        title_translated,
        container_title_translated,
        author_identity,
        recipient_identity
    );
}

/// What a short form prints, folded once for comparing with every
/// candidate work.
struct ShortQuery {
    /// The first printed name, folded (`None`: no name printed).
    first: Option<String>,
    /// The printed title's significant words and the title folded whole
    /// (a cut title names the work it begins); `None`: no title printed.
    title: Option<(Vec<String>, String)>,
}

impl ShortQuery {
    fn new(short: &crate::parse::chicago::ShortRef) -> ShortQuery {
        ShortQuery {
            first: short.names.first().map(|n| fold(n)),
            title: short
                .title
                .as_deref()
                .map(|t| (title_words(t), fold(t.trim_end_matches(['.', '…'])))),
        }
    }
}

/// A work's names and titles folded for comparison with short forms,
/// kept up to date with the work's merged item.
#[derive(Debug, Default)]
struct Profile {
    archival_untitled: bool,
    families: Vec<String>,
    title_words: Vec<String>,
    titles: Vec<String>,
}

impl Profile {
    fn new(item: &Item) -> Profile {
        let titles = || {
            [&item.title, &item.custom.title_translated]
                .into_iter()
                .flatten()
        };
        Profile {
            archival_untitled: item.kind.is_archival() && item.title.is_none(),
            families: item
                .author
                .iter()
                .chain(item.editor.iter())
                .map(|n| fold(n.sort_key()))
                .collect(),
            title_words: titles().flat_map(|t| title_words(t)).collect(),
            titles: titles().map(|t| fold(t)).collect(),
        }
    }
}

/// How well a short form's names and title identify a work (0 = not at all).
fn short_match(short: &ShortQuery, work: &Profile) -> f32 {
    if work.archival_untitled {
        return 0.0;
    }
    if let Some(first) = &short.first {
        let named = work
            .families
            .iter()
            .any(|f| f == first || f.split(' ').any(|w| w == first));
        if !named {
            return 0.0;
        }
    }
    let Some((wanted, cut)) = &short.title else {
        return if short.first.is_none() { 0.0 } else { 0.5 };
    };
    if wanted.is_empty() {
        return 0.0;
    }
    let hits = wanted
        .iter()
        .filter(|w| work.title_words.contains(w))
        .count();
    let mut overlap = hits as f32 / wanted.len() as f32;
    // A title cut short ("Россия — Китай...") names the work it begins.
    if work.titles.iter().any(|t| t.starts_with(cut.as_str())) {
        overlap += 0.5;
    }
    if short.first.is_none() {
        // A title alone must match completely.
        if overlap < 1.0 {
            return 0.0;
        }
    } else if overlap < 0.5 {
        return 0.0;
    }
    overlap
}

/// How many earlier citations an Ibid. may look back over (it skips
/// archival documents when it cites pages). Bounds memory on long inputs.
const IBID_WINDOW: usize = 256;

/// Resolves citations note by note. It keeps the works of the document
/// (needed to resolve later short forms) and a short window of recent
/// citations (for Ibid.), so memory grows with the number of distinct
/// works, not with the input.
#[derive(Debug, Default)]
pub struct Resolver {
    file: String,
    works: Vec<Work>,
    /// The item of the citation that introduced each work, as printed, when
    /// merging has changed the work's item (`None`: the work's item is
    /// still the printed one; most works are never changed): what
    /// a short form resolves to.
    printed: Vec<Option<Box<Item>>>,
    /// Each work's item folded for short-form matching.
    profiles: Vec<Profile>,
    by_identity: HashMap<String, usize>,
    /// Works by every folded word of their authors' and editors' family
    /// names, for short forms that print a name.
    by_name: HashMap<String, Vec<usize>>,
    /// Works by every significant title word, for short forms that print
    /// only a title.
    by_title_word: HashMap<String, Vec<usize>>,
    seen: std::collections::VecDeque<Seen>,
    previous_item: Option<Item>,
    diagnostics: Vec<Diagnostic>,
    notes_done: usize,
}

impl Resolver {
    /// A resolver for one document (`file` names it in diagnostics).
    pub fn new(file: &str) -> Resolver {
        Resolver {
            file: file.to_string(),
            ..Resolver::default()
        }
    }

    /// Resolves the citations of the next note of the document.
    pub fn resolve_note(&mut self, note: &mut Note, hints: &[Hint]) {
        let ni = self.notes_done;
        self.notes_done += 1;
        for (ci, citation) in note.citations.iter_mut().enumerate() {
            let hint = hints.get(ci).cloned().unwrap_or_default();
            if let Some(prev) = &self.previous_item {
                inherit_from_previous(citation, &hint, prev);
            }
            if let Some(rest) = &hint.location_ibid {
                self.locate_by_ibid(citation, rest);
            }
            let mut entry = match citation.form {
                Form::Full => self.resolve_full(citation, &note.label),
                Form::Short => self.resolve_short(citation, &hint, &note.label),
                Form::Ibid => self.resolve_ibid(citation, &hint, &note.label),
            };
            entry.item = citation.item.clone();
            if hint.location.is_some() {
                entry.location = hint.location.clone();
            }
            if let Some(w) = entry.work {
                self.works[w].citations.push((ni, ci));
            }
            citation.work = entry.work;
            self.previous_item = Some(citation.item.clone());
            if self.seen.len() == IBID_WINDOW {
                self.seen.pop_front();
            }
            self.seen.push_back(entry);
        }
    }

    /// The diagnostics of resolution since the last call.
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }

    /// The works found and the diagnostics of resolution.
    pub fn finish(self) -> (Vec<Work>, Vec<Diagnostic>) {
        (self.works, self.diagnostics)
    }

    fn warn(&mut self, note: &str, span: std::ops::Range<usize>, message: String) {
        self.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            file: self.file.clone(),
            note: note.to_string(),
            span,
            message,
        });
    }

    fn new_work(&mut self, item: Item, note: &str) -> usize {
        let w = self.works.len();
        for n in item.author.iter().chain(item.editor.iter()) {
            for word in fold(n.sort_key()).split(' ').filter(|w| !w.is_empty()) {
                self.by_name.entry(word.to_string()).or_default().push(w);
            }
        }
        for t in [&item.title, &item.custom.title_translated]
            .into_iter()
            .flatten()
        {
            for word in title_words(t) {
                let list = self.by_title_word.entry(word).or_default();
                if list.last() != Some(&w) {
                    list.push(w);
                }
            }
        }
        self.printed.push(None);
        self.profiles.push(Profile::new(&item));
        self.works.push(Work {
            key: String::new(),
            item,
            first_note: note.to_string(),
            citations: Vec::new(),
        });
        w
    }

    fn resolve_full(&mut self, citation: &mut Citation, note: &str) -> Seen {
        let archival = citation.item.kind.is_archival()
            && (citation.item.archive_location.is_some() || citation.item.genre.is_some());
        let keys: Vec<String> = [
            identity(&citation.item),
            correspondence_identity(&citation.item),
        ]
        .into_iter()
        .flatten()
        .collect();
        let existing = keys.iter().find_map(|k| self.by_identity.get(k).copied());
        let work = match existing {
            Some(w) => {
                let earlier = &self.works[w].item;
                if archival
                    && earlier.archive_location.is_some()
                    && citation.item.archive_location.is_some()
                    && earlier.archive_location != citation.item.archive_location
                {
                    let message = format!(
                        "same document as note {} but the location differs ({} here, {} there)",
                        self.works[w].first_note,
                        citation.item.archive_location.as_deref().unwrap_or(""),
                        earlier.archive_location.as_deref().unwrap_or("")
                    );
                    self.warn(note, citation.span.clone(), message);
                }
                let before = self.printed[w]
                    .is_none()
                    .then(|| Box::new(self.works[w].item.clone()));
                merge_item(&mut self.works[w].item, &citation.item);
                if let Some(before) = before.filter(|b| **b != self.works[w].item) {
                    self.printed[w] = Some(before);
                }
                self.profiles[w] = Profile::new(&self.works[w].item);
                w
            }
            None => self.new_work(citation.item.clone(), note),
        };
        for k in keys {
            self.by_identity.entry(k).or_insert(work);
        }
        Seen {
            item: Item::default(),
            location: None,
            work: Some(work),
            origin: Some(note.to_string()),
            archival,
        }
    }

    /// Locates a document cited as "X to Y, date, ibid., l. 92" in the file
    /// of the most recent archival reference.
    fn locate_by_ibid(&self, citation: &mut Citation, rest: &str) {
        use crate::parse::archival::{read_archival_ibid, ArchivalIbid};
        let Some(previous) = self.seen.iter().rev().find_map(|s| s.location.clone()) else {
            return;
        };
        let location = if rest.trim().is_empty() {
            Some(previous)
        } else {
            match read_archival_ibid(rest, &previous) {
                Some((ArchivalIbid::NewFolios(locator), _)) => {
                    let mut l = previous;
                    l.folios = Some(locator.value);
                    Some(l)
                }
                Some((ArchivalIbid::NewDocument(_, l), _)) => Some(*l),
                None => None,
            }
        };
        if let Some(l) = location {
            l.apply_to(&mut citation.item);
        }
    }

    fn resolve_short(&mut self, citation: &mut Citation, hint: &Hint, note: &str) -> Seen {
        let mut best: Option<(f32, usize)> = None;
        if let (Some(short), false) = (&hint.short, hint.continuation) {
            let candidates: &[usize] = match short.names.first() {
                Some(name) => {
                    let first = fold(name);
                    let key = first.split(' ').next().unwrap_or("");
                    self.by_name.get(key).map_or(&[], Vec::as_slice)
                }
                None => short
                    .title
                    .as_deref()
                    .and_then(|t| title_words(t).into_iter().next())
                    .and_then(|w| self.by_title_word.get(&w))
                    .map_or(&[], Vec::as_slice),
            };
            let query = ShortQuery::new(short);
            for &w in candidates {
                let s = short_match(&query, &self.profiles[w]);
                if s > 0.0 && best.is_none_or(|(b, _)| s >= b) {
                    best = Some((s, w));
                }
            }
        }
        match best {
            Some((_, w)) => {
                let mut item = self.printed[w]
                    .as_deref()
                    .unwrap_or(&self.works[w].item)
                    .clone();
                if item.volume.is_none() {
                    item.volume = citation.item.volume.take();
                }
                citation.item = item;
                citation.resolves_to = Some(self.works[w].first_note.clone());
                Seen {
                    item: Item::default(),
                    location: None,
                    work: Some(w),
                    origin: citation.resolves_to.clone(),
                    archival: false,
                }
            }
            None => {
                self.warn(
                    note,
                    citation.span.clone(),
                    "short form matches no earlier full citation; left unresolved".to_string(),
                );
                citation.resolves_to = None;
                let w = self.new_work(citation.item.clone(), note);
                Seen {
                    item: Item::default(),
                    location: None,
                    work: Some(w),
                    origin: Some(note.to_string()),
                    archival: false,
                }
            }
        }
    }

    fn resolve_ibid(&mut self, citation: &mut Citation, hint: &Hint, note: &str) -> Seen {
        use crate::parse::archival::{read_archival_ibid, ArchivalIbid};
        let wants_pages = citation
            .locator
            .as_ref()
            .is_some_and(|l| l.label == LocatorLabel::Page);
        // The previous citation (in this note or the one before); pages
        // never point at an archival document.
        let target = self
            .seen
            .iter()
            .rev()
            .find(|s| !(wants_pages && s.archival))
            .cloned();
        let Some(target) = target else {
            self.warn(
                note,
                citation.span.clone(),
                "Ibid. with no earlier citation to refer to".to_string(),
            );
            return Seen {
                item: Item::default(),
                location: None,
                work: None,
                origin: None,
                archival: false,
            };
        };
        // "Ibid., l. 58" keeps the document; "Ibid., d. 1360, ll. 2-4" is a
        // new document in the same archive and fond.
        if let (Some(rest), Some(previous)) = (&hint.ibid_rest, &target.location) {
            if let Some((read, _)) = read_archival_ibid(rest, previous) {
                match read {
                    ArchivalIbid::NewFolios(locator) => citation.locator = Some(locator),
                    ArchivalIbid::NewDocument(item, location) => {
                        citation.form = Form::Full;
                        citation.item = *item;
                        citation.resolves_to = None;
                        let mut seen = self.resolve_full(citation, note);
                        seen.location = Some(*location);
                        return seen;
                    }
                }
            }
        }
        let volume = citation.item.volume.take();
        citation.item = target.item.clone();
        if citation.item.volume.is_none() {
            citation.item.volume = volume;
        }
        citation.resolves_to = target.origin.clone();
        Seen {
            item: Item::default(),
            location: target.location.clone(),
            work: target.work,
            origin: target.origin.clone(),
            archival: target.archival,
        }
    }
}

/// Resolves every citation of the document and builds its works.
pub fn resolve_document(doc: &mut Document, hints: &[Vec<Hint>]) {
    let mut resolver = Resolver::new(&doc.file);
    for (ni, note) in doc.notes.iter_mut().enumerate() {
        resolver.resolve_note(note, hints.get(ni).map_or(&[], Vec::as_slice));
    }
    let (works, diagnostics) = resolver.finish();
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
            item.container_title = previous
                .container_title
                .clone()
                .or_else(|| previous.title.clone());
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
