//! Resolution: Ibid. to the previous citation, short forms to the earlier
//! full citation of the same work, and repeated citations of one work
//! merged into one [`Work`].
//!
//! Everything here stays inside one document: ibid never resolves across
//! files. A short form is resolved only when the names and title it prints
//! identify one earlier work; otherwise it stays unresolved
//! (`resolves_to: null`) and a warning says so. Resolution never guesses.

use crate::model::{Citation, Diagnostic, Form, Item, LocatorLabel, Name, Note, Severity};
use crate::packed::PackedItem;
use crate::parse::Hint;
use crate::pipeline::Document;
use crate::text::{fold, fold_into};
use std::collections::HashMap;
use std::fmt::Write;

/// One distinct work of a document: the bibliography entry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Work {
    /// Citation key, unique within a run (see [`crate::keys`]).
    pub key: String,
    /// The merged item, packed: a document holds every work until the
    /// batch is written (`work.item.unpack()` gives the [`Item`]).
    pub item: PackedItem,
    /// Label of the note that first cites the work.
    pub first_note: String,
    /// How many citations cite the work. (Which ones: the citations whose
    /// `work` is this work's index. A list kept here would grow with the
    /// input, not with the number of works.)
    pub times_cited: usize,
}

/// Words too common to tell two titles apart.
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "in", "on", "to", "for", "about", "with", "from", "by", "at",
    "s", "its", "de", "la", "le", "i", "v", "na", "o", "and", "или", "и", "в", "на", "о",
];

/// The significant words of a folded title.
fn significant_words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(' ')
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
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

/// A work's identity text (see [`identity`]) reduced to 128 bits
/// ([`crate::text::fingerprint`]): the resolver keeps these instead of the
/// texts.
type Fingerprint = [u64; 2];

fn fingerprint(text: &str) -> Fingerprint {
    crate::text::fingerprint(text.as_bytes())
}

/// Writes the identity of a work for merging repeated full citations into
/// `out` (cleared first); false if the item has none.
fn identity(item: &Item, out: &mut String) -> bool {
    out.clear();
    if let Some(n) = &item.custom.document_number {
        out.push_str("doc:");
        fold_into(n, out);
        return true;
    }
    if item.kind.is_archival() && item.archive_location.is_some() && item.custom.fond.is_some() {
        let archive = item
            .custom
            .archive_abbrev
            .as_deref()
            .or(item.archive.as_deref());
        out.push_str("loc:");
        fold_into(archive.unwrap_or(""), out);
        out.push(':');
        fold_into(item.archive_location.as_deref().unwrap_or(""), out);
        return true;
    }
    let who = |out: &mut String| {
        if let Some(n) = item.lead_name() {
            fold_into(n.sort_key(), out);
        }
    };
    match &item.title {
        // Volumes of collected works share a title: volume and year tell
        // them apart.
        Some(t) => {
            out.push_str("t:");
            who(out);
            out.push(':');
            fold_into(t, out);
            out.push(':');
            out.push_str(item.volume.as_deref().unwrap_or(""));
            out.push(':');
            if let Some(y) = item.issued.as_ref().and_then(|d| d.year()) {
                let _ = write!(out, "{y}");
            }
            out.push(':');
            fold_into(item.container_title.as_deref().unwrap_or(""), out);
        }
        None => {
            let Some(container) = item.container_title.as_deref() else {
                return false;
            };
            out.push_str("c:");
            who(out);
            out.push(':');
            fold_into(container, out);
            out.push(':');
            out.push_str(item.volume.as_deref().unwrap_or(""));
            out.push(':');
            out.push_str(item.issue.as_deref().unwrap_or(""));
            out.push(':');
            if let Some(d) = &item.issued {
                let _ = write!(out, "{:?}{:?}", d.date_parts, d.season);
            }
        }
    }
    true
}

/// Writes a name's identity for comparing archival senders: the
/// pseudonym's bearer when known, folded.
fn push_person_identity(name: &Name, identity: Option<&str>, out: &mut String) {
    fold_into(identity.unwrap_or(name.sort_key()), out);
}

/// Writes the identity of an archival document by who wrote to whom, when,
/// and what into `out` (cleared first): the same document even when one
/// note names the sender by a pseudonym. False if the item has none.
fn correspondence_identity(item: &Item, out: &mut String) -> bool {
    out.clear();
    if !item.kind.is_archival() {
        return false;
    }
    let Some(date) = item.issued.as_ref() else {
        return false;
    };
    if date.date_parts.first().is_none_or(|p| p.len() < 3) {
        return false;
    }
    let Some(author) = item.author.first() else {
        return false;
    };
    out.push_str("cor:");
    push_person_identity(author, item.custom.author_identity.as_deref(), out);
    out.push(':');
    if let Some(recipient) = item.recipient.first() {
        push_person_identity(recipient, item.custom.recipient_identity.as_deref(), out);
    }
    let _ = write!(out, ":{:?}:", date.date_parts);
    if let Some(genre) = item.genre.as_deref() {
        let start = out.len();
        fold_into(genre, out);
        let kept = out[start..].trim_end_matches('s').len();
        out.truncate(start + kept);
    }
    true
}

/// Fills the fields `into` lacks from `from` (same work cited again);
/// true if there were any. With `apply` false it only tells.
fn merge_item(into: &mut Item, from: &Item, apply: bool) -> bool {
    let mut fills = false;
    macro_rules! fill {
        ($into:expr, $from:expr; $($f:ident),*) => { $(
            if $into.$f.is_none() && $from.$f.is_some() {
                fills = true;
                if apply {
                    $into.$f = $from.$f.clone();
                }
            }
        )* };
    }
    fill!(
        into, from;
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
        if a.is_empty() && !b.is_empty() {
            fills = true;
            if apply {
                a.clone_from(b);
            }
        }
    }
    fill!(
        into.custom, from.custom;
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
    fills
}

/// The significant title words of a document's works, each numbered the
/// first time it is seen: profiles keep numbers, not text.
#[derive(Debug, Default)]
struct Vocabulary {
    ids: HashMap<Box<str>, u32>,
}

impl Vocabulary {
    /// The number of a word, given one if it is new.
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(word.into(), id);
        id
    }

    /// The number of a word already seen (`None`: no work has it).
    fn get(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }
}

/// What a short form prints, folded once for comparing with every
/// candidate work.
struct ShortQuery {
    /// The first printed name, folded (`None`: no name printed).
    first: Option<String>,
    /// The printed title's significant words (as numbered in the
    /// vocabulary; `None`: a word no work has) and the title folded whole
    /// (a cut title names the work it begins); `None`: no title printed.
    title: Option<(Vec<Option<u32>>, String)>,
}

impl ShortQuery {
    fn new(short: &crate::parse::chicago::ShortRef, vocabulary: &Vocabulary) -> ShortQuery {
        ShortQuery {
            first: short.names.first().map(|n| fold(n)),
            // The cut title is folded whole: trailing periods and ellipses
            // fold to nothing.
            title: short.title.as_deref().map(|t| {
                let folded = fold(t);
                let words = significant_words(&folded)
                    .map(|w| vocabulary.get(w))
                    .collect();
                (words, folded)
            }),
        }
    }
}

/// A work's names and titles folded for comparison with short forms,
/// kept up to date with the work's merged item.
#[derive(Debug, Default)]
struct Profile {
    archival_untitled: bool,
    /// The authors' and editors' family names, then the titles (original
    /// and translated), each ended by a line break (folded text has none):
    /// one allocation, not one per name.
    folded: Box<str>,
    families_end: u32,
    /// The significant words of the titles, as numbered in the vocabulary.
    title_words: Box<[u32]>,
}

impl Profile {
    fn new(item: &Item, vocabulary: &mut Vocabulary) -> Profile {
        let mut folded = String::new();
        for n in item.author.iter().chain(item.editor.iter()) {
            fold_into(n.sort_key(), &mut folded);
            folded.push('\n');
        }
        let families_end = folded.len();
        for t in [&item.title, &item.custom.title_translated]
            .into_iter()
            .flatten()
        {
            fold_into(t, &mut folded);
            folded.push('\n');
        }
        let title_words = folded[families_end..]
            .split_terminator('\n')
            .flat_map(significant_words)
            .map(|w| vocabulary.id(w))
            .collect();
        Profile {
            archival_untitled: item.kind.is_archival() && item.title.is_none(),
            folded: folded.into_boxed_str(),
            families_end: families_end as u32,
            title_words,
        }
    }

    /// The folded family names of the work's authors and editors.
    fn families(&self) -> std::str::SplitTerminator<'_, char> {
        self.folded[..self.families_end as usize].split_terminator('\n')
    }

    /// The work's titles (original and translated), folded.
    fn titles(&self) -> std::str::SplitTerminator<'_, char> {
        self.folded[self.families_end as usize..].split_terminator('\n')
    }
}

/// What tells most works apart from a short form's title without reading
/// their profiles (a Bloom filter: a clear bit proves absence): bits of
/// the work's title words and of the first four bytes of its titles.
#[derive(Clone, Copy, Debug, Default)]
struct Sketch {
    words: u64,
    starts: u64,
}

impl Sketch {
    fn word_bit(id: u32) -> u64 {
        1 << (id % 64)
    }

    /// The bit of a folded text's first four bytes (none for a shorter
    /// text, which no four-byte prefix can begin).
    fn start_bit(folded: &str) -> u64 {
        match folded.as_bytes().first_chunk::<4>() {
            Some(head) => 1 << (u32::from_le_bytes(*head).wrapping_mul(0x9E37_79B1) >> 26),
            None => 0,
        }
    }

    fn of(profile: &Profile) -> Sketch {
        Sketch {
            words: profile
                .title_words
                .iter()
                .fold(0, |bits, &id| bits | Sketch::word_bit(id)),
            starts: profile
                .titles()
                .fold(0, |bits, t| bits | Sketch::start_bit(t)),
        }
    }

    /// The sketch a work must overlap to share a word with the short
    /// form's title or begin with it (`None`: no title to compare).
    fn of_query(short: &ShortQuery) -> Option<Sketch> {
        let (wanted, cut) = short.title.as_ref()?;
        Some(Sketch {
            words: wanted
                .iter()
                .flatten()
                .fold(0, |bits, &id| bits | Sketch::word_bit(id)),
            // A cut shorter than four bytes is not sketched: every work
            // may begin with it.
            starts: if cut.len() < 4 {
                u64::MAX
            } else {
                Sketch::start_bit(cut)
            },
        })
    }

    /// False only if the work shares no title word with the short form's
    /// title and no title of the work begins with it: it scores 0.
    fn may_match(self, query: Sketch) -> bool {
        self.words & query.words != 0 || self.starts & query.starts != 0
    }
}

/// How well a short form's names and title identify a work: 0 (not at
/// all) to 1.5 (every title word, and the title begins the work's), 0.5
/// for a name alone. `named` says the work is already known to bear the printed name
/// (it was found in the index under the name's only word).
fn short_match(short: &ShortQuery, work: &Profile, named: bool) -> f32 {
    if work.archival_untitled {
        return 0.0;
    }
    if let (Some(first), false) = (&short.first, named) {
        let named = work
            .families()
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
        .filter(|w| w.is_some_and(|w| work.title_words.contains(&w)))
        .count();
    let mut overlap = hits as f32 / wanted.len() as f32;
    // A title cut short ("Россия — Китай...") names the work it begins.
    if work.titles().any(|t| t.starts_with(cut.as_str())) {
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
    printed: Vec<Option<PackedItem>>,
    /// Each work's item folded for short-form matching.
    profiles: Vec<Profile>,
    /// Each profile's sketch, read first for every candidate work.
    sketches: Vec<Sketch>,
    by_identity: HashMap<Fingerprint, usize>,
    /// Works by every folded word of their authors' and editors' family
    /// names, for short forms that print a name.
    /// (`u32`: half the memory of `usize` in the longest lists kept.)
    by_name: HashMap<String, Vec<u32>>,
    /// Works by every significant title word (by its number in the
    /// vocabulary), for short forms that print only a title.
    by_title_word: Vec<Vec<u32>>,
    vocabulary: Vocabulary,
    /// The most recent citations, the last one last (also what "Он же" and
    /// "// Там же" take from).
    seen: std::collections::VecDeque<Seen>,
    diagnostics: Vec<Diagnostic>,
    /// Notes resolved so far (the current one's position, from 1).
    notes: usize,
    /// Reused for identity texts.
    scratch: String,
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
        self.notes += 1;
        let no_hint = Hint::default();
        for (ci, citation) in note.citations.iter_mut().enumerate() {
            let hint = hints.get(ci).unwrap_or(&no_hint);
            if let Some(previous) = self.seen.back() {
                inherit_from_previous(citation, hint, &previous.item);
            }
            if let Some(rest) = &hint.location_ibid {
                self.locate_by_ibid(citation, rest);
            }
            let mut entry = match citation.form {
                Form::Full => self.resolve_full(citation, &note.label),
                Form::Short => self.resolve_short(citation, hint, &note.label),
                Form::Ibid => self.resolve_ibid(citation, hint, &note.label),
            };
            entry.item = citation.item.clone();
            if hint.location.is_some() {
                entry.location = hint.location.clone();
            }
            if let Some(w) = entry.work {
                self.works[w].times_cited += 1;
            }
            citation.work = entry.work;
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
            position: self.notes,
            span,
            message,
        });
    }

    fn new_work(&mut self, item: Item, note: &str) -> usize {
        let w = self.works.len();
        let profile = Profile::new(&item, &mut self.vocabulary);
        for word in profile
            .families()
            .flat_map(|f| f.split(' '))
            .filter(|w| !w.is_empty())
        {
            match self.by_name.get_mut(word) {
                Some(list) => list.push(w as u32),
                None => {
                    self.by_name.insert(word.to_string(), vec![w as u32]);
                }
            }
        }
        for &id in profile.title_words.iter() {
            let id = id as usize;
            if self.by_title_word.len() <= id {
                self.by_title_word.resize_with(id + 1, Vec::new);
            }
            let list = &mut self.by_title_word[id];
            if list.last() != Some(&(w as u32)) {
                list.push(w as u32);
            }
        }
        self.printed.push(None);
        self.sketches.push(Sketch::of(&profile));
        self.profiles.push(profile);
        self.works.push(Work {
            key: String::new(),
            item: PackedItem::pack(&item),
            first_note: note.to_string(),
            times_cited: 0,
        });
        w
    }

    fn resolve_full(&mut self, citation: &mut Citation, note: &str) -> Seen {
        let archival = citation.item.kind.is_archival()
            && (citation.item.archive_location.is_some() || citation.item.genre.is_some());
        let mut keys: [Option<Fingerprint>; 2] = [None, None];
        if identity(&citation.item, &mut self.scratch) {
            keys[0] = Some(fingerprint(&self.scratch));
        }
        if correspondence_identity(&citation.item, &mut self.scratch) {
            keys[1] = Some(fingerprint(&self.scratch));
        }
        let existing = keys
            .iter()
            .flatten()
            .find_map(|k| self.by_identity.get(k).copied());
        let work = match existing {
            Some(w) => {
                let mut merged = self.works[w].item.unpack();
                if archival
                    && merged.archive_location.is_some()
                    && citation.item.archive_location.is_some()
                    && merged.archive_location != citation.item.archive_location
                {
                    let message = format!(
                        "same document as note {} but the location differs ({} here, {} there)",
                        self.works[w].first_note,
                        citation.item.archive_location.as_deref().unwrap_or(""),
                        merged.archive_location.as_deref().unwrap_or("")
                    );
                    self.warn(note, citation.span.clone(), message);
                }
                if merge_item(&mut merged, &citation.item, false) {
                    if self.printed[w].is_none() {
                        self.printed[w] = Some(self.works[w].item.clone());
                    }
                    merge_item(&mut merged, &citation.item, true);
                    self.profiles[w] = Profile::new(&merged, &mut self.vocabulary);
                    self.sketches[w] = Sketch::of(&self.profiles[w]);
                    self.works[w].item = PackedItem::pack(&merged);
                }
                w
            }
            None => self.new_work(citation.item.clone(), note),
        };
        for k in keys.into_iter().flatten() {
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
            let query = ShortQuery::new(short, &self.vocabulary);
            // A one-word name is the key the candidates were found under.
            let named = query.first.as_ref().is_some_and(|f| !f.contains(' '));
            let candidates: &[u32] = match (&query.first, &query.title) {
                (Some(first), _) => {
                    let key = first.split(' ').next().unwrap_or("");
                    self.by_name.get(key).map_or(&[], Vec::as_slice)
                }
                (None, title) => title
                    .as_ref()
                    .and_then(|(words, _)| words.first().copied().flatten())
                    .and_then(|id| self.by_title_word.get(id as usize))
                    .map_or(&[], Vec::as_slice),
            };
            // A title with significant words scores 0 against a work the
            // sketches tell apart.
            let sketch = Sketch::of_query(&query)
                .filter(|_| query.title.as_ref().is_some_and(|(w, _)| !w.is_empty()));
            // The best score wins and, among equals, the latest work: read
            // from the latest, a work reaching the highest score there is
            // ends the search.
            let ceiling = if query.title.is_some() { 1.5 } else { 0.5 };
            for &w in candidates.iter().rev() {
                let w = w as usize;
                if sketch.is_some_and(|q| !self.sketches[w].may_match(q)) {
                    continue;
                }
                let s = short_match(&query, &self.profiles[w], named);
                if s > 0.0 && best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, w));
                    if s >= ceiling {
                        break;
                    }
                }
            }
        }
        match best {
            Some((_, w)) => {
                let mut item = self.printed[w]
                    .as_ref()
                    .unwrap_or(&self.works[w].item)
                    .unpack();
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
        let Some(target) = self.seen.iter().rposition(|s| !(wants_pages && s.archival)) else {
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
        if let (Some(rest), Some(previous)) = (&hint.ibid_rest, &self.seen[target].location) {
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
        let target = &self.seen[target];
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
