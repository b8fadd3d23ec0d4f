//! The catalog resolution searches when a short form has no earlier full
//! citation in its document, and that every new full citation is looked up
//! in: the manuscript's own bibliography, the works of earlier files of the
//! batch (`--across-files`) and the author's library (`--library`).
//!
//! Matching never guesses (the rules are documented in docs/formats.md):
//!
//! - Names and titles are compared folded (case, diacritics, punctuation)
//!   and romanized (Library of Congress, [`crate::authority::translit`]): `Иванов,
//!   Заглавие` and `Ivanov, Zaglavie` are one.
//! - A **short form** is scored against each entry by the resolver's own
//!   short-form rule ([`crate::resolve::short_match`]): the first printed
//!   name must be a family name of the entry's authors or editors; the
//!   printed title's significant words must be at least half the entry's
//!   title words (all of them when no name is printed), with a bonus when
//!   the entry's title begins with the printed one. The entry's short
//!   title (CSL `title-short`, BibLaTeX `shorttitle`, RIS `ST`) counts as
//!   one of its titles. A name alone matches an author with one entry.
//! - A **full citation** matches an entry when the lead family name is one
//!   of the entry's (or neither has a name), at least 80% of the shorter
//!   title's significant words (and at least two, when it has two) are in
//!   the other title, the years agree when both are known, the volumes
//!   and the issues agree when both are known, and the types are of one
//!   kind (books, articles, parts of books, archival documents).
//! - A work with no title (a report known by its author and publisher)
//!   matches an untitled entry with the same lead name, kind, year and
//!   container or publisher.
//! - An archival document with no title matches an entry with the same
//!   sender, addressee and date (to the day; a pseudonym's bearer counts as
//!   the sender), or the same archive and location, or the same document
//!   number.
//! - A title printed alone whose words several entries hold is
//!   **ambiguous**, whichever of them begins with it.
//! - The best score wins. Two entries at the best score are **ambiguous**:
//!   nothing is resolved, and the diagnostic names both. An unmatched
//!   short form names the nearest entry (sharing the name, or the most
//!   title words) when there is one.

use crate::authority::translit::romanize;
use crate::model::{Item, ItemType};
use crate::parse::chicago::ShortRef;
use crate::resolve::{short_match, significant_words, Profile, ShortQuery, Vocabulary};
use crate::text::fold;
use std::collections::HashMap;
use std::sync::Arc;

/// Where the entries of a [`Known`] list come from: it names them in
/// diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The bibliography printed in the document (`resolves_to: "bib:3"`).
    Bibliography,
    /// The works of earlier files of the batch (`"chapter2.txt#14"`).
    EarlierFiles,
    /// A `--library` file (`"lib:KEY"`).
    Library,
}

impl Origin {
    /// How a diagnostic calls several entries of this origin.
    fn plural(self) -> &'static str {
        match self {
            Origin::Bibliography => "bibliography entries",
            Origin::EarlierFiles => "works of earlier files",
            Origin::Library => "library items",
        }
    }
}

/// One work the author already describes in full.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// What a citation resolved to it records in `resolves_to`.
    pub label: String,
    pub item: Item,
    /// The library's key of the work (CSL-JSON `id`, BibTeX key, RIS
    /// `ID`): kept as the work's key so that an import merges.
    pub library_key: Option<String>,
    /// A short title the library records for the work.
    pub short_title: Option<String>,
}

/// An entry's names and title words, folded and romanized once.
#[derive(Debug)]
struct Folded {
    families: Vec<String>,
    words: Vec<String>,
    year: Option<i32>,
}

/// A list of entries of one origin, indexed for matching.
#[derive(Debug)]
pub struct Known {
    origin: Origin,
    entries: Vec<Entry>,
    /// Per entry: a profile of each of its titles, romanized.
    profiles: Vec<Vec<Profile>>,
    folded: Vec<Folded>,
    vocabulary: Vocabulary,
    /// Entries by every word of their authors' and editors' family names.
    by_name: HashMap<String, Vec<u32>>,
}

/// An item with its Cyrillic romanized, for comparison.
fn romanized(item: &Item) -> Item {
    let mut item = item.clone();
    crate::normalize::romanize_item(&mut item);
    item
}

/// The folded family names (bodies' whole names) of an item's authors and
/// editors, romanized.
fn folded_families(item: &Item) -> Vec<String> {
    item.author
        .iter()
        .chain(item.editor.iter())
        .map(|n| fold(&romanize(n.sort_key())))
        .filter(|f| !f.is_empty())
        .collect()
}

/// The significant words of an item's titles, folded and romanized.
fn folded_title_words(titles: &[Option<&str>]) -> Vec<String> {
    let mut words: Vec<String> = titles
        .iter()
        .flatten()
        .flat_map(|t| {
            let folded = fold(&romanize(t));
            significant_words(&folded)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort();
    words.dedup();
    words
}

impl Known {
    /// Indexes `entries` of one origin.
    pub fn new(origin: Origin, entries: Vec<Entry>) -> Known {
        let mut known = Known {
            origin,
            entries: Vec::with_capacity(entries.len()),
            profiles: Vec::new(),
            folded: Vec::new(),
            vocabulary: Vocabulary::default(),
            by_name: HashMap::new(),
        };
        for entry in entries {
            known.push(entry);
        }
        known
    }

    fn push(&mut self, entry: Entry) {
        let id = self.entries.len() as u32;
        let item = romanized(&entry.item);
        let mut profiles = vec![Profile::new(&item, &mut self.vocabulary)];
        if let Some(short) = &entry.short_title {
            let mut variant = item.clone();
            variant.title = Some(romanize(short));
            variant.custom.title_translated = None;
            profiles.push(Profile::new(&variant, &mut self.vocabulary));
        }
        let folded = Folded {
            families: folded_families(&item),
            words: folded_title_words(&[
                item.title.as_deref(),
                item.custom.title_translated.as_deref(),
                entry.short_title.as_deref(),
            ]),
            year: item.issued.as_ref().and_then(|d| d.year()),
        };
        for word in folded.families.iter().flat_map(|f| f.split(' ')) {
            let list = self.by_name.entry(word.to_string()).or_default();
            if list.last() != Some(&id) {
                list.push(id);
            }
        }
        self.profiles.push(profiles);
        self.folded.push(folded);
        self.entries.push(entry);
    }

    /// Where the entries come from.
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// The entries, in the order given.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries to score against a citation whose first family name,
    /// folded, is `lead`: those indexed under its first word, or every
    /// entry when no name is printed.
    fn candidates(&self, lead: Option<&str>) -> std::borrow::Cow<'_, [u32]> {
        match lead {
            Some(lead) => {
                let key = lead.split(' ').next().unwrap_or("");
                std::borrow::Cow::Borrowed(self.by_name.get(key).map_or(&[], Vec::as_slice))
            }
            None => std::borrow::Cow::Owned((0..self.entries.len() as u32).collect()),
        }
    }

    /// Scores every candidate entry against a short form: (score, entry).
    fn short_scores(&self, short: &ShortRef) -> (Vec<(f32, u32)>, Vec<u32>) {
        let romanized = ShortRef {
            names: short.names.iter().map(|n| romanize(n)).collect(),
            title: short.title.as_deref().map(romanize),
        };
        let query = ShortQuery::new(&romanized, &self.vocabulary);
        let lead = romanized.names.first().map(|n| fold(n));
        let candidates = self.candidates(lead.as_deref());
        let scores = candidates
            .iter()
            .map(|&e| {
                let s = self.profiles[e as usize]
                    .iter()
                    .map(|p| short_match(&query, p, false))
                    .fold(0.0f32, f32::max);
                (s, e)
            })
            .collect();
        (scores, candidates.to_vec())
    }

    /// The entry nearest a short form that matched none: one bearing its
    /// name with the most title words in common, else the one sharing the
    /// most title words (at least one).
    fn nearest_short(&self, short: &ShortRef, named: &[u32]) -> Option<u32> {
        let words = folded_title_words(&[short.title.as_deref()]);
        let shared = |e: u32| {
            self.folded[e as usize]
                .words
                .iter()
                .filter(|w| words.contains(w))
                .count()
        };
        if let Some(&best) = named
            .iter()
            .max_by_key(|&&e| (shared(e), std::cmp::Reverse(e)))
        {
            return Some(best);
        }
        (0..self.entries.len() as u32)
            .map(|e| (shared(e), e))
            .filter(|&(n, _)| n > 0)
            .max_by_key(|&(n, e)| (n, std::cmp::Reverse(e)))
            .map(|(_, e)| e)
    }

    /// Scores every entry against an archival document with no title: the
    /// same sender, addressee and full date, or the same archive and
    /// location.
    fn archival_scores(&self, item: &Item) -> Vec<(f32, u32)> {
        let day = |i: &Item| {
            i.issued
                .as_ref()
                .and_then(|d| d.date_parts.first().cloned())
                .filter(|p| p.len() == 3)
        };
        let lead = |names: &[crate::model::Name], identity: Option<&str>| {
            names
                .first()
                .map(|n| fold(&romanize(identity.unwrap_or(n.sort_key()))))
        };
        let sender = |i: &Item| lead(&i.author, i.custom.author_identity.as_deref());
        let addressee = |i: &Item| lead(&i.recipient, i.custom.recipient_identity.as_deref());
        let number = |i: &Item| i.custom.document_number.as_deref().map(fold);
        let place = |i: &Item| {
            let archive = i
                .custom
                .archive_abbrev
                .as_deref()
                .or(i.archive.as_deref())?;
            let location = i.archive_location.as_deref()?;
            Some((fold(archive), fold(location)))
        };
        let mut scores = Vec::new();
        for (e, entry) in self.entries.iter().enumerate() {
            let theirs = &entry.item;
            if !theirs.kind.is_archival() || theirs.title.is_some() {
                continue;
            }
            let by_letter = day(item).is_some()
                && day(item) == day(theirs)
                && (sender(item).is_some() || addressee(item).is_some())
                && sender(item) == sender(theirs)
                && addressee(item) == addressee(theirs);
            let by_place = (place(item).is_some() && place(item) == place(theirs))
                || (number(item).is_some() && number(item) == number(theirs));
            if by_letter || by_place {
                scores.push((if by_letter && by_place { 2.0 } else { 1.0 }, e as u32));
            }
        }
        scores
    }

    /// Scores every entry against a work with no title (a report known by
    /// its author and publisher, an issue of a journal): the same lead
    /// name, kind, year, and container or publisher.
    fn untitled_scores(&self, item: &Item, families: &[String]) -> Vec<(f32, u32)> {
        let host = |i: &Item| {
            i.container_title
                .as_deref()
                .or(i.publisher.as_deref())
                .map(|h| fold(&romanize(h)))
                .filter(|h| !h.is_empty())
        };
        let Some(ours) = host(item) else {
            return Vec::new();
        };
        let year = item.issued.as_ref().and_then(|d| d.year());
        let lead = families.first();
        let candidates = self.candidates(lead.map(String::as_str));
        let mut scores = Vec::new();
        for &e in candidates.iter() {
            let entry = &self.entries[e as usize];
            let folded = &self.folded[e as usize];
            if entry.item.title.is_none()
                && folded.families.first() == lead
                && entry.item.volume == item.volume
                && entry.item.issue == item.issue
                && same_kind(item.kind, entry.item.kind)
                && folded.year == year
                && host(&romanized(&entry.item)).as_ref() == Some(&ours)
            {
                scores.push((1.0, e));
            }
        }
        scores
    }

    /// Scores every entry against a full citation's item.
    fn full_scores(&self, item: &Item) -> Vec<(f32, u32)> {
        if item.kind.is_archival() && item.title.is_none() {
            return self.archival_scores(item);
        }
        let item = romanized(item);
        let families = folded_families(&item);
        let words = folded_title_words(&[item.title.as_deref()]);
        if words.is_empty() {
            return self.untitled_scores(&item, &families);
        }
        let year = item.issued.as_ref().and_then(|d| d.year());
        let candidates = self.candidates(families.first().map(String::as_str));
        let mut scores = Vec::new();
        for &e in candidates.iter() {
            let entry = &self.entries[e as usize];
            let folded = &self.folded[e as usize];
            let names_agree = match (families.first(), folded.families.first()) {
                (Some(lead), Some(theirs)) => {
                    folded.families.contains(lead) || families.contains(theirs)
                }
                (None, None) => true,
                _ => false,
            };
            if !names_agree || !same_kind(item.kind, entry.item.kind) {
                continue;
            }
            if matches!((year, folded.year), (Some(a), Some(b)) if a != b) {
                continue;
            }
            // Another volume or issue of a journal or series is another work
            // (a series of articles under one title).
            let differ = |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(a), Some(b)) if fold(a) != fold(b));
            if differ(&item.volume, &entry.item.volume) || differ(&item.issue, &entry.item.issue) {
                continue;
            }
            let common = words.iter().filter(|w| folded.words.contains(w)).count();
            let shorter = words.len().min(folded.words.len());
            let longer = words.len().max(folded.words.len());
            if shorter == 0 || common < shorter.min(2) {
                continue;
            }
            let containment = common as f32 / shorter as f32;
            if containment < 0.8 {
                continue;
            }
            scores.push((containment + common as f32 / longer as f32, e));
        }
        scores
    }
}

/// True when two item types are of one kind: books (and reports, theses),
/// articles, parts of books, archival documents; an untyped document or a
/// web page goes with any.
fn same_kind(a: ItemType, b: ItemType) -> bool {
    use ItemType::*;
    let group = |t: ItemType| match t {
        Book | Report | Thesis => 1,
        ArticleJournal | ArticleMagazine | ArticleNewspaper => 2,
        Chapter | PaperConference => 3,
        PersonalCommunication | Manuscript | Interview => 4,
        Document | Webpage => 0,
    };
    let (a, b) = (group(a), group(b));
    a == 0 || b == 0 || a == b
}

/// An entry of a catalog: its layer and its place in the layer.
pub type EntryId = (u32, u32);

/// What a search of the catalog found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Match {
    /// The one entry matched.
    pub found: Option<EntryId>,
    /// Several entries at the best score: nothing is resolved.
    pub ambiguous: Vec<EntryId>,
    /// For a short form that matched nothing: the nearest entry.
    pub nearest: Option<EntryId>,
    /// The score of the found or ambiguous entries (short forms: as
    /// [`crate::resolve::short_match`] scores).
    pub score: f32,
}

impl Match {
    /// The match of the entries of layer `layer` that share the best
    /// score: found when there is one, ambiguous when there are several.
    fn of_best(layer: usize, top: Vec<u32>, score: f32) -> Match {
        let id = |e| (layer as u32, e);
        match top[..] {
            [one] => Match {
                found: Some(id(one)),
                score,
                ..Match::default()
            },
            _ => Match {
                ambiguous: top.into_iter().map(id).collect(),
                score,
                ..Match::default()
            },
        }
    }
}

/// The lists of known works a document is resolved against, searched in
/// order (its bibliography, earlier files, the library): the first list
/// holding a match decides.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    layers: Vec<Arc<Known>>,
}

/// Two scores this close are a tie.
const TIE: f32 = 1e-4;

/// The best of `scores` (positive ones only): one entry, or all tied at
/// the best score; and the score.
fn best(scores: &[(f32, u32)]) -> (Vec<u32>, f32) {
    let top = scores.iter().map(|s| s.0).fold(0.0f32, f32::max);
    if top <= 0.0 {
        return (Vec::new(), 0.0);
    }
    let ids = scores
        .iter()
        .filter(|s| s.0 >= top - TIE)
        .map(|s| s.1)
        .collect();
    (ids, top)
}

impl Catalog {
    /// The catalog with one more list, searched after those already in it.
    pub fn with(mut self, known: Arc<Known>) -> Catalog {
        if !known.entries.is_empty() {
            self.layers.push(known);
        }
        self
    }

    /// True when there is nothing to search.
    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }

    /// The lists, in search order.
    pub fn layers(&self) -> &[Arc<Known>] {
        &self.layers
    }

    /// The entry an id names.
    pub fn entry(&self, (layer, entry): EntryId) -> &Entry {
        &self.layers[layer as usize].entries[entry as usize]
    }

    /// Looks up the work a short form names.
    pub fn match_short(&self, short: &ShortRef) -> Match {
        let mut nearest = None;
        for (l, known) in self.layers.iter().enumerate() {
            let (scores, named) = known.short_scores(short);
            let (mut top, score) = best(&scores);
            // A title alone held whole by several entries names none of
            // them: that one begins with it does not decide.
            if short.names.is_empty() {
                let whole: Vec<u32> = scores.iter().filter(|s| s.0 >= 1.0).map(|s| s.1).collect();
                if whole.len() > 1 {
                    top = whole;
                }
            }
            match top.len() {
                0 => {
                    if nearest.is_none() {
                        nearest = known.nearest_short(short, &named).map(|e| (l as u32, e));
                    }
                }
                _ => return Match::of_best(l, top, score),
            }
        }
        Match {
            nearest,
            ..Match::default()
        }
    }

    /// Looks up the work a full citation describes.
    pub fn match_full(&self, item: &Item) -> Match {
        for (l, known) in self.layers.iter().enumerate() {
            let (top, score) = best(&known.full_scores(item));
            match top.len() {
                0 => continue,
                _ => return Match::of_best(l, top, score),
            }
        }
        Match::default()
    }

    /// An entry as a diagnostic names it: its label, lead name, title and
    /// year.
    pub fn describe(&self, id: EntryId) -> String {
        let entry = self.entry(id);
        let item = &entry.item;
        let mut parts = Vec::new();
        if let Some(n) = item.lead_name() {
            parts.push(n.sort_key().to_string());
        }
        if let Some(t) = item.title.as_deref().or(item.container_title.as_deref()) {
            parts.push(t.to_string());
        }
        if let Some(y) = item.issued.as_ref().and_then(|d| d.year()) {
            parts.push(y.to_string());
        }
        format!("{} ({})", entry.label, parts.join(", "))
    }

    /// "matches 2 library items: A, B": the diagnostic of an ambiguous
    /// match.
    pub fn ambiguity(&self, ids: &[EntryId]) -> String {
        let origin = ids
            .first()
            .map_or(Origin::Library, |&(l, _)| self.layers[l as usize].origin);
        let names: Vec<String> = ids.iter().map(|&id| self.describe(id)).collect();
        format!(
            "matches {} {}: {}",
            ids.len(),
            origin.plural(),
            names.join("; ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Name};

    fn book(family: &str, title: &str, year: i32) -> Item {
        Item {
            kind: ItemType::Book,
            title: Some(title.into()),
            author: vec![Name::person(family, Some("Anna".into()))],
            issued: Some(Date::ymd(year, None, None)),
            ..Item::default()
        }
    }

    fn catalog(items: Vec<Item>) -> Catalog {
        let entries = items
            .into_iter()
            .enumerate()
            .map(|(i, item)| Entry {
                label: format!("lib:k{i}"),
                item,
                library_key: Some(format!("k{i}")),
                short_title: None,
            })
            .collect();
        Catalog::default().with(Arc::new(Known::new(Origin::Library, entries)))
    }

    fn short(name: &str, title: Option<&str>) -> ShortRef {
        ShortRef {
            names: vec![name.into()],
            title: title.map(str::to_string),
        }
    }

    #[test]
    fn a_short_form_finds_its_entry() {
        let c = catalog(vec![
            book("Marsh", "Lost Rivers of the North", 2001),
            book("Marsh", "The Quiet Lake", 2003),
        ]);
        let m = c.match_short(&short("Marsh", Some("Lost Rivers")));
        assert_eq!(m.found, Some((0, 0)));
    }

    #[test]
    fn two_similar_titles_are_ambiguous() {
        let c = catalog(vec![
            book("Marsh", "Rivers of the North: The Early Years", 2001),
            book("Marsh", "Rivers of the North: The Late Years", 2005),
        ]);
        let m = c.match_short(&short("Marsh", Some("Rivers of the North")));
        assert_eq!(m.found, None);
        assert_eq!(m.ambiguous.len(), 2);
        assert!(c
            .ambiguity(&m.ambiguous)
            .starts_with("matches 2 library items: lib:k0"));
    }

    #[test]
    fn cyrillic_and_romanized_are_one() {
        let c = catalog(vec![book("Петров", "Тихие реки Севера", 1999)]);
        let m = c.match_short(&short("Petrov", Some("Tikhie reki")));
        assert_eq!(m.found, Some((0, 0)));
        let c = catalog(vec![book("Petrov", "Tikhie reki Severa", 1999)]);
        let m = c.match_short(&short("Петров", Some("Тихие реки")));
        assert_eq!(m.found, Some((0, 0)));
    }

    /// A title alone that two entries hold whole is a guess, even when
    /// one of them begins with it.
    #[test]
    fn a_title_alone_in_two_entries_is_ambiguous() {
        let c = catalog(vec![
            book("Marsh", "Lichens: Some Reflections", 1967),
            book("Bell", "Anna Marsh's “Lichens”: Three Lectures", 2022),
        ]);
        let m = c.match_short(&ShortRef {
            names: Vec::new(),
            title: Some("Lichens".into()),
        });
        assert_eq!(m.found, None);
        assert_eq!(m.ambiguous.len(), 2);
        let m = c.match_short(&short("Bell", Some("Lichens")));
        assert_eq!(m.found, Some((0, 1)));
    }

    #[test]
    fn an_unmatched_short_form_names_the_nearest() {
        let c = catalog(vec![book("Marsh", "Lost Rivers of the North", 2001)]);
        let m = c.match_short(&short("Marsh", Some("Mountains")));
        assert_eq!(m.found, None);
        assert_eq!(m.nearest, Some((0, 0)));
    }

    #[test]
    fn full_citations_need_name_title_year_and_kind() {
        let c = catalog(vec![book("Marsh", "Lost Rivers of the North", 2001)]);
        let shortened = book("Marsh", "Lost Rivers of the North: A History", 2001);
        assert_eq!(c.match_full(&shortened).found, Some((0, 0)));
        let other_year = book("Marsh", "Lost Rivers of the North", 1988);
        assert_eq!(c.match_full(&other_year).found, None);
        let mut article = shortened.clone();
        article.kind = ItemType::ArticleJournal;
        assert_eq!(c.match_full(&article).found, None);
        let other_author = book("Bell", "Lost Rivers of the North", 2001);
        assert_eq!(c.match_full(&other_author).found, None);
    }

    /// A series of articles under one title: another issue is another
    /// article.
    #[test]
    fn another_issue_is_another_work() {
        let mut first = book("Marsh", "River Gods of the North", 2001);
        first.kind = ItemType::ArticleJournal;
        first.issue = Some("2".into());
        let c = catalog(vec![first.clone()]);
        assert_eq!(c.match_full(&first).found, Some((0, 0)));
        let mut next = first.clone();
        next.title = Some("River Gods".into());
        next.issue = Some("3".into());
        assert_eq!(c.match_full(&next).found, None);
        next.issue = None;
        assert_eq!(c.match_full(&next).found, Some((0, 0)));
    }

    /// A body's name printed without its parent names the body.
    #[test]
    fn a_body_without_its_parent_is_named() {
        let mut songs = book("x", "A Collection of River Songs", 1990);
        songs.author = vec![Name::literal("Fern Party Central Editing Office")];
        let c = catalog(vec![songs]);
        let m = c.match_short(&short(
            "Central Editing Office",
            Some("A Collection of River"),
        ));
        assert_eq!(m.found, Some((0, 0)));
        // Words of the name out of order are not the name.
        let m = c.match_short(&short("Office Editing", Some("A Collection of River")));
        assert_eq!(m.found, None);
    }
}
