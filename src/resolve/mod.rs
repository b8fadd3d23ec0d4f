//! Resolution: Ibid. to the previous citation, short forms to the earlier
//! full citation of the same work, and repeated citations of one work
//! merged into one [`Work`].
//!
//! Everything here stays inside one document: ibid never resolves across
//! files. A short form is resolved only when the names and title it prints
//! identify one earlier work; otherwise it stays unresolved
//! (`resolves_to: null`) and a warning says so. Resolution never guesses.

use crate::model::packed::{Fields, NamesView, PackedItem};
use crate::model::{
    Citation, Diagnostic, Form, Item, ItemType, LocatorLabel, Name, Note, Severity,
};
use crate::model::{Document, Work};
use crate::parse::Hint;
use crate::text::{fold, fold_into};
use std::collections::{HashMap, HashSet};

/// The resolver's own maps and sets: keys it made or read itself, looked
/// up but never listed (so no output depends on their order), hashed by
/// foldhash rather than SipHash.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
type FastSet<K> = HashSet<K, foldhash::fast::FixedState>;
use std::fmt::Write;

mod backrefs;
pub mod keys;
pub mod library;
mod named;

/// True for the words too common to tell two titles apart. A `match` on
/// the word, not a search of a list: it is asked of every word of every
/// title folded, and the compiler turns it into a test of the length and
/// a few comparisons.
fn is_stopword(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "of"
            | "and"
            | "in"
            | "on"
            | "to"
            | "for"
            | "about"
            | "with"
            | "from"
            | "by"
            | "at"
            | "s"
            | "its"
            | "de"
            | "la"
            | "le"
            | "i"
            | "v"
            | "na"
            | "o"
            | "или"
            | "и"
            | "в"
            | "на"
            | "о"
    )
}

/// Two short-form scores this close are a tie.
const TIE: f32 = 1e-4;

/// The number of a work's label before a warning lists the work.
const UNNUMBERED: u32 = u32::MAX;

/// How many notes a diagnostic lists before it says how many more there
/// are: a long book may hold hundreds of works a short form could be.
const NOTES_LISTED: usize = 8;

/// "1, 4, 9" or, past `max` labels, "1, 4, 9 and 12 more".
fn listed(labels: &[&str], max: usize) -> String {
    if labels.len() <= max {
        return labels.join(", ");
    }
    format!(
        "{} and {} more",
        labels[..max].join(", "),
        labels.len() - max
    )
}

/// The significant words of a folded title.
pub(crate) fn significant_words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(' ')
        .filter(|w| !w.is_empty() && !is_stopword(w))
}

/// What is known about each citation already seen, for Ibid.
#[derive(Clone, Debug)]
struct Seen {
    /// The citation's item (for short forms and ibids, resolved), packed
    /// (`None`: the empty item): most are never read again.
    item: Option<PackedItem>,
    /// The archival location it printed, for an Ibid. that changes levels.
    location: Option<crate::parse::archival::ArchivalLocation>,
    work: Option<usize>,
    /// The note of the full citation the chain leads to (`None`: unknown).
    origin: Option<String>,
    archival: bool,
    /// Introduced by a further-reading signal ("See further", "cf.").
    further: bool,
    /// The position of its note (from 1).
    note: usize,
}

/// A work's identity text (see [`identity`]) reduced to 128 bits
/// ([`crate::text::fingerprint`]): the resolver keeps these instead of the
/// texts.
type Fingerprint = [u64; 2];

fn fingerprint(text: &str) -> Fingerprint {
    crate::text::fingerprint(text.as_bytes())
}

/// Writes the identity of a work for merging repeated full citations into
/// `out` (cleared first); false if the item has none. The lead name and
/// title are read from `folds` (folded there the first time they are
/// needed).
fn identity(item: &Item, folds: &mut Folds, out: &mut String) -> bool {
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
    if item.title.is_none() && item.container_title.is_none() {
        return false;
    }
    let who = |folds: &mut Folds, out: &mut String| {
        if let Some(lead) = folds.lead(item) {
            out.push_str(lead);
        }
    };
    match &item.title {
        // Volumes of collected works share a title: volume and year tell
        // them apart.
        Some(_) => {
            out.push_str("t:");
            who(folds, out);
            out.push(':');
            out.push_str(folds.title(item).unwrap_or(""));
            out.push(':');
            out.push_str(item.volume.as_deref().unwrap_or(""));
            out.push(':');
            if let Some(y) = item.issued.as_ref().and_then(|d| d.year()) {
                out.push_str(itoa::Buffer::new().format(y));
            }
            out.push(':');
            fold_into(item.container_title.as_deref().unwrap_or(""), out);
        }
        None => {
            let Some(container) = item.container_title.as_deref() else {
                return false;
            };
            out.push_str("c:");
            who(folds, out);
            out.push(':');
            fold_into(container, out);
            out.push(':');
            out.push_str(item.volume.as_deref().unwrap_or(""));
            out.push(':');
            out.push_str(item.issue.as_deref().unwrap_or(""));
            out.push(':');
            if let Some(d) = &item.issued {
                push_date_parts(&d.date_parts, out);
                match &d.season {
                    None => out.push_str("None"),
                    Some(season) => {
                        let _ = write!(out, "Some({season:?})");
                    }
                }
            }
        }
    }
    true
}

/// Writes a date's parts as `{:?}` writes them ("[[1990, 5, 12]]"),
/// without the formatting machinery (identities are written for every
/// full citation).
fn push_date_parts(parts: &[Vec<i32>], out: &mut String) {
    out.push('[');
    for (k, list) in parts.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push('[');
        for (i, &part) in list.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(itoa::Buffer::new().format(part));
        }
        out.push(']');
    }
    out.push(']');
}

/// Writes a name's identity for comparing archival senders: the
/// pseudonym's bearer when known, folded.
fn push_person_identity(name: &Name, identity: Option<&str>, out: &mut String) {
    fold_into(identity.unwrap_or(name.sort_key()), out);
}

/// Writes the identity of an archival document by who wrote to whom, when,
/// and what into `out` (cleared first): the same document even when one
/// note names the sender by a pseudonym. False if the item has none.
fn correspondence_identity(item: &Item, folds: &mut Folds, out: &mut String) -> bool {
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
    match item.custom.author_identity.as_deref() {
        // The first author is the lead name.
        None => out.push_str(folds.lead(item).unwrap_or("")),
        identity => push_person_identity(author, identity, out),
    }
    out.push(':');
    if let Some(recipient) = item.recipient.first() {
        push_person_identity(recipient, item.custom.recipient_identity.as_deref(), out);
    }
    out.push(':');
    push_date_parts(&date.date_parts, out);
    out.push(':');
    if let Some(genre) = item.genre.as_deref() {
        let start = out.len();
        fold_into(genre, out);
        let kept = out[start..].trim_end_matches('s').len();
        out.truncate(start + kept);
    }
    true
}

/// The fields [`merge_item`] fills: what makes a citation of a work
/// already known change it.
fn merged_fields() -> Fields {
    static FIELDS: std::sync::OnceLock<Fields> = std::sync::OnceLock::new();
    *FIELDS.get_or_init(|| {
        let mut filled = Item::default();
        merge_item(&mut filled, &crate::model::packed::every_field(), true);
        Fields::of(&filled)
    })
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
pub(crate) struct Vocabulary {
    ids: FastMap<Box<str>, u32>,
    /// Reused for the numbers of a profile's words (collected in it, then
    /// copied once to their exact size).
    scratch: Vec<u32>,
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
pub(crate) struct ShortQuery {
    /// The first printed name, folded (`None`: no name printed).
    first: Option<String>,
    /// The printed title's significant words (as numbered in the
    /// vocabulary; `None`: a word no work has) and the title folded whole
    /// (a cut title names the work it begins); `None`: no title printed.
    title: Option<(Vec<Option<u32>>, String)>,
}

impl ShortQuery {
    pub(crate) fn new(
        short: &crate::parse::chicago::ShortRef,
        vocabulary: &Vocabulary,
    ) -> ShortQuery {
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
pub(crate) struct Profile {
    archival_untitled: bool,
    /// The work's title is one Chicago prints in quotation marks (an
    /// article, a chapter, an unpublished manuscript), not in italics.
    quoted_kind: bool,
    /// The authors' and editors' family names, then the titles (original
    /// and translated), each ended by a line break (folded text has none):
    /// one allocation, not one per name.
    folded: Box<str>,
    families_end: u32,
    /// The significant words of the titles, as numbered in the vocabulary.
    title_words: Box<[u32]>,
    /// `folded` reduced to 128 bits ([`crate::text::fingerprint`]): two
    /// profiles are compared by number, not by text (a short form of a
    /// repetitive text weighs thousands of editions of one title, and
    /// compares each with the last ones weighed).
    print: Fingerprint,
}

/// An item's authors' and editors' family names, then its titles
/// (original and translated), folded, each ended by a line break (folded
/// text has none): what a [`Profile`] keeps, folded once per citation for
/// both its identity and its profile.
pub(crate) struct Folded {
    text: String,
    families_end: usize,
}

impl Folded {
    pub(crate) fn of(item: &Item) -> Folded {
        Folded::with(item, Folds::default())
    }

    /// The folded names and titles of `item`, taking its lead name and
    /// title from `folds` when they are folded there.
    fn with(item: &Item, folds: Folds) -> Folded {
        // Room for the folds at once (a fold is mostly no longer than its
        // text), not grown name by name: the box it becomes is cut to size.
        let names = item.author.iter().chain(item.editor.iter());
        let room = names.clone().map(|n| n.sort_key().len() + 1).sum::<usize>()
            + item.title.as_ref().map_or(0, |t| t.len() + 1)
            + item
                .custom
                .title_translated
                .as_ref()
                .map_or(0, |t| t.len() + 1);
        let mut text = String::with_capacity(room);
        for (i, n) in names.enumerate() {
            match (i, &folds.lead) {
                (0, Some(lead)) => text.push_str(lead),
                _ => fold_into(n.sort_key(), &mut text),
            }
            text.push('\n');
        }
        let families_end = text.len();
        if let Some(t) = &item.title {
            match &folds.title {
                Some(title) => text.push_str(title),
                None => fold_into(t, &mut text),
            }
            text.push('\n');
        }
        if let Some(t) = &item.custom.title_translated {
            fold_into(t, &mut text);
            text.push('\n');
        }
        Folded { text, families_end }
    }

    /// The folded titles, the original first.
    fn titles(&self) -> std::str::SplitTerminator<'_, char> {
        self.text[self.families_end..].split_terminator('\n')
    }
}

/// A citation's lead name (the first author or editor) and title, each
/// folded the first time its identity asks, then handed to the profile of
/// the work it starts ([`Folded::with`]).
#[derive(Default)]
pub(crate) struct Folds {
    lead: Option<String>,
    title: Option<String>,
}

impl Folds {
    /// The item's lead name folded (`None`: it names no one).
    fn lead(&mut self, item: &Item) -> Option<&str> {
        let name = item.lead_name()?;
        Some(self.lead.get_or_insert_with(|| fold(name.sort_key())))
    }

    /// The item's title folded (`None`: it has none).
    fn title(&mut self, item: &Item) -> Option<&str> {
        let title = item.title.as_deref()?;
        Some(self.title.get_or_insert_with(|| fold(title)))
    }
}

impl Profile {
    pub(crate) fn new(item: &Item, vocabulary: &mut Vocabulary) -> Profile {
        Profile::of_folded(item, Folded::of(item), vocabulary)
    }

    /// The profile of `item`, whose names and titles `folded` holds.
    fn of_folded(item: &Item, folded: Folded, vocabulary: &mut Vocabulary) -> Profile {
        let mut ids = std::mem::take(&mut vocabulary.scratch);
        ids.clear();
        ids.extend(
            folded
                .titles()
                .flat_map(significant_words)
                .map(|w| vocabulary.id(w)),
        );
        let title_words = Box::from(ids.as_slice());
        vocabulary.scratch = ids;
        Profile {
            print: fingerprint(&folded.text),
            archival_untitled: item.kind.is_archival() && item.title.is_none(),
            quoted_kind: quoted_kind(item.kind),
            folded: folded.text.into_boxed_str(),
            families_end: folded.families_end as u32,
            title_words,
        }
    }

    /// True when `other` is the same profile: a short form scores both
    /// alike. The folded texts are compared by their prints; the title
    /// words follow from the folded titles (the vocabulary never numbers
    /// a word anew).
    fn same_as(&self, other: &Profile) -> bool {
        self.print == other.print
            && self.families_end == other.families_end
            && self.archival_untitled == other.archival_untitled
            && self.quoted_kind == other.quoted_kind
    }

    /// True when `other` folds the same names and titles (by print).
    fn same_text(&self, other: &Profile) -> bool {
        self.print == other.print
    }

    /// True when one of the work's titles begins with `cut`: the first
    /// title is told without splitting the titles (the text begins with
    /// it, and a cut without a line break ends inside it).
    fn a_title_begins(&self, cut: &str) -> bool {
        let titles = &self.folded[self.families_end as usize..];
        if !cut.is_empty() && titles.starts_with(cut) && !cut.as_bytes().contains(&b'\n') {
            return true;
        }
        self.titles().any(|t| t.starts_with(cut))
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

/// True for the kinds of work whose titles Chicago prints in quotation
/// marks: a short form quoting its title points to one of these.
fn quoted_kind(kind: ItemType) -> bool {
    matches!(
        kind,
        ItemType::ArticleJournal
            | ItemType::ArticleMagazine
            | ItemType::ArticleNewspaper
            | ItemType::Chapter
            | ItemType::PaperConference
            | ItemType::Manuscript
            | ItemType::Thesis
            | ItemType::Webpage
    )
}

/// True if an item read as a short form prints what only a full citation
/// gives: a given name, a subtitle, a container, an imprint or a date.
fn reads_as_full(item: &Item) -> bool {
    item.author.iter().any(|n| n.given.is_some())
        || item.title.as_deref().is_some_and(|t| t.contains(": "))
        || item.container_title.is_some()
        || item.publisher.is_some()
        || item.publisher_place.is_some()
        || item.issued.is_some()
        || !item.editor.is_empty()
        || !item.translator.is_empty()
}

/// The authors a short form prints with a given name or initials, read
/// once for all the works it is weighed against: each one's family name
/// as printed and as [`fold`] keeps it, and the first letter of its given
/// name (the printed char and its fold).
struct PrintedInitials(Vec<Printed>);

struct Printed {
    family: String,
    folded: String,
    initial: Option<(char, String)>,
}

impl PrintedInitials {
    fn of(printed: &[Name]) -> Self {
        if printed.iter().all(|p| p.given.is_none()) {
            return PrintedInitials(Vec::new());
        }
        let names = printed
            .iter()
            .filter_map(|p| {
                let (family, given) = (p.family.as_deref()?, p.given.as_deref()?);
                Some(Printed {
                    family: family.to_string(),
                    folded: fold(family),
                    initial: first_letter(given).map(|c| (c, fold_letter(c))),
                })
            })
            .collect();
        PrintedInitials(names)
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True if a printed name cannot be an author of `work`: the work names
    /// people of that family, each with a given name, and none with the
    /// same first letter ("Петров А. А." for "Петров Б. Б. Указ. соч.").
    /// Names are folded only when their printed chars differ; `scratch`
    /// holds the folds.
    fn differ(&self, work: &PackedItem, scratch: &mut String) -> bool {
        if self.0.is_empty() {
            return false;
        }
        let view = work.view();
        self.0.iter().any(|p| {
            let mut namesakes = false;
            for n in view.author() {
                let Some(f) = n.family else { continue };
                if f != p.family {
                    scratch.clear();
                    fold_into(f, scratch);
                    if *scratch != p.folded {
                        continue;
                    }
                }
                namesakes = true;
                let Some(given) = n.given else { return false };
                let same = match (first_letter(given), &p.initial) {
                    (Some(c), Some((printed, folded))) => {
                        c == *printed || {
                            scratch.clear();
                            fold_into(c.encode_utf8(&mut [0; 4]), scratch);
                            scratch == folded
                        }
                    }
                    (None, None) => true,
                    _ => false,
                };
                if same {
                    return false;
                }
            }
            namesakes
        })
    }
}

/// A letter as [`fold`] keeps it (lowercased, accents dropped).
fn fold_letter(c: char) -> String {
    fold(c.encode_utf8(&mut [0; 4]))
}

/// The first alphabetic char of a given name: its initial.
fn first_letter(given: &str) -> Option<char> {
    given.chars().find(|c| c.is_alphabetic())
}

/// True if two folded family names of five letters or more differ by one
/// letter left out, added or changed ("oaks" and "oakes"): a slip of the
/// pen, not another person. Shorter names are too alike to tell.
fn one_slip_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 4 || long.len() < 5 || long.len() - short.len() > 1 || short == long {
        return false;
    }
    let head = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        // One letter changed: the rest after it is equal.
        short[head + 1..] == long[head + 1..]
    } else {
        // One letter added to the longer: skipping it leaves them equal.
        short[head..] == long[head + 1..]
    }
}

/// True if an item prints an imprint or a date, or a container after an
/// author's given name: what a short form does not repeat. (A short form
/// may repeat a journal's name, "Frost, “Ice,” Polar Studies, No. 2", and
/// a given name, but not both.)
fn prints_imprint(item: &Item) -> bool {
    item.publisher.is_some()
        || item.publisher_place.is_some()
        || item.issued.is_some()
        || (item.container_title.is_some() && item.author.iter().any(|n| n.given.is_some()))
}

/// Whether the citation printed in `raw` gives `title` in quotation marks
/// (`None`: the title is not found as printed).
fn title_quoted(raw: &str, title: &str) -> Option<bool> {
    // `str::find`'s first match, found by `memchr` (which reads a short
    // citation without building the searcher `str::find` builds for
    // every needle): the first match of the bytes of one valid text in
    // another begins at a char boundary.
    let at = memchr::memmem::find(raw.as_bytes(), title.as_bytes())?;
    Some(
        raw[..at]
            .chars()
            .next_back()
            .is_some_and(|c| crate::text::is_open_quote(c) || c == '‘' || c == '\''),
    )
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

/// The works tied for the best score so far, in the order found, each
/// once, and the outcomes of the last few profiles weighed.
///
/// Works are mostly weighed in the order of their numbers (every list of
/// works is kept in that order), so a work already tied is the last one
/// and no set is needed (a set beside the list cost a hash a work: a
/// short form of a repetitive text can tie thousands of works). Once a
/// work comes after a higher one the list is out of order, and from then
/// on until the list is cleared a set beside it tells which works it
/// holds (looking through the list for each would cost the square of its
/// length).
#[derive(Default)]
struct Ties {
    list: Vec<usize>,
    /// A work was added after a higher one: the list is not in order, and
    /// `set` holds its works.
    unordered: bool,
    set: FastSet<usize>,
    /// Works weighed lately, each with a profile of its own, and what
    /// each scored (`None`: nothing), in the order they were kept
    /// (`kept` counts them): a work whose profile equals one of theirs
    /// scores the same. A repetitive text cites one author's title in
    /// many editions that are works of their own, each read in turn.
    recent: [Option<(usize, Option<f32>)>; 4],
    kept: usize,
}

impl Ties {
    /// Adds a work unless it is there.
    fn add(&mut self, w: usize) {
        if self.unordered {
            if self.set.insert(w) {
                self.list.push(w);
            }
            return;
        }
        match self.list.last() {
            Some(&last) if last == w => {}
            Some(&last) if last > w => {
                // The list was in order until now: its works are the set's.
                self.unordered = true;
                self.set.clear();
                self.set.extend(self.list.iter().copied());
                if self.set.insert(w) {
                    self.list.push(w);
                }
            }
            // In order: above every work of the list.
            _ => self.list.push(w),
        }
    }

    /// Empties the list (the outcomes stay: they are the profiles').
    fn clear(&mut self) {
        self.list.clear();
        self.unordered = false;
    }

    /// What a work whose profile is `profile` scored when one with an
    /// equal profile was weighed lately (`None`: none was).
    fn recalled(&self, profiles: &[Profile], profile: &Profile) -> Option<Option<f32>> {
        self.recent
            .iter()
            .flatten()
            .find(|(v, _)| profiles[*v].same_as(profile))
            .map(|&(_, outcome)| outcome)
    }

    /// Keeps what work `w` scored, in place of the oldest kept.
    fn remember(&mut self, w: usize, outcome: Option<f32>) {
        self.recent[self.kept % self.recent.len()] = Some((w, outcome));
        self.kept += 1;
    }
}

/// How well a short form's names and title identify a work: 0 (not at
/// all) to 1.5 (every title word, and the title begins the work's), 0.5
/// for a name alone. `named` says the work is already known to bear the printed name
/// (it was found in the index under the name's only word).
pub(crate) fn short_match(short: &ShortQuery, work: &Profile, named: bool) -> f32 {
    if work.archival_untitled {
        return 0.0;
    }
    if let (Some(first), false) = (&short.first, named) {
        // A body's name may be printed without its parent ("Editing
        // Office" for "Party Central Editing Office"): its words in order.
        let named = work.families().any(|f| {
            f == first
                || f.split(' ').any(|w| w == first)
                || (first.contains(' ') && format!(" {f} ").contains(&format!(" {first} ")))
        });
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
    if work.a_title_begins(cut) {
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

/// What a citation refers back to when the grammars could not tell.
#[derive(Clone, Debug, PartialEq)]
enum BackReference {
    /// An abbreviation defined in an earlier note (or earlier in this one).
    Abbreviation(String),
    /// Another note, by its label ("See note 8 above").
    Note(String),
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
    /// Per work, the note of its first full citation (`None`: only short
    /// forms have cited it so far): where later short forms resolve to.
    full_note: Vec<Option<String>>,
    /// Each work's item folded for short-form matching.
    profiles: Vec<Profile>,
    /// Each profile's sketch, read first for every candidate work.
    sketches: Vec<Sketch>,
    by_identity: FastMap<Fingerprint, usize>,
    /// Works by every folded word of their authors' and editors' family
    /// names, and by such a word with a title word or title head, for
    /// short forms that print a name.
    /// (`u32`: half the memory of `usize` in the longest lists kept.)
    by_name: named::NamedWorks,
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
    /// Abbreviations defined so far ("(Henceforth HSS)"), each once, in
    /// the order of their latest definition: the abbreviation as printed,
    /// the work, and the note its uses resolve to.
    abbreviations: Vec<(String, usize, Option<String>)>,
    /// Per note label, the first work the note cites and the note its
    /// citation resolves to, for cross-references ("See note 8 above").
    note_works: FastMap<String, (usize, Option<String>)>,
    /// Reused for identity texts.
    scratch: String,
    /// The labels of the notes that first cited the works a warning
    /// listed, numbered in the order seen, and each work's label's number
    /// ([`UNNUMBERED`] until a warning lists the work): the works tied
    /// for a short form are told apart by their first notes as numbers,
    /// each work's label looked up once however often it ties.
    labels: FastMap<String, u32>,
    label_of: Vec<u32>,
    /// A bit per label number, clear between uses (the warning for a
    /// short form tying works of several notes lists each label once).
    listed_labels: Vec<u64>,
    /// The known works a citation with no earlier full citation is looked
    /// up in: the document's bibliography, earlier files, the library.
    catalog: crate::resolve::library::matching::Catalog,
    /// The work each catalog entry cited so far became.
    linked: FastMap<crate::resolve::library::matching::EntryId, usize>,
    /// Works of earlier files (`--across-files`): kept as those files
    /// wrote them, so that the batch lists each once.
    frozen: FastSet<usize>,
}

impl Resolver {
    /// A resolver for one document (`file` names it in diagnostics).
    pub fn new(file: &str) -> Resolver {
        Resolver {
            file: file.to_string(),
            ..Resolver::default()
        }
    }

    /// A resolver that also resolves against `catalog` (the document's
    /// bibliography, earlier files, the library): see
    /// [`crate::resolve::library::matching`].
    pub fn with_catalog(
        file: &str,
        catalog: crate::resolve::library::matching::Catalog,
    ) -> Resolver {
        Resolver {
            file: file.to_string(),
            catalog,
            ..Resolver::default()
        }
    }

    /// Resolves the citations of the next note of the document.
    pub fn resolve_note(&mut self, note: &mut Note, hints: &[Hint]) {
        self.notes += 1;
        let definitions = backrefs::definitions(&note.text);
        let (back_refs, inserted_hints) = self.find_back_references(note, hints, &definitions);
        let hints = inserted_hints.as_deref().unwrap_or(hints);
        let mut pending: Vec<&backrefs::Definition> = definitions.iter().collect();
        // Per citation resolved so far: its work and the note it resolves to.
        let mut resolved: Vec<(Option<usize>, Option<String>)> = Vec::new();
        let no_hint = Hint::default();
        for ci in 0..note.citations.len() {
            // A definition names the work of the last citation before it:
            // once that one is resolved, later uses can point to it.
            let start = note.citations[ci].span.start;
            pending.retain(|d| {
                let ready =
                    d.at <= start && note.citations[..ci].iter().any(|c| c.span.start < d.at);
                if ready {
                    self.define(d, &note.citations[..ci], &resolved);
                }
                !ready
            });
            let citation = &mut note.citations[ci];
            let mut hint = hints.get(ci).unwrap_or(&no_hint);
            let host_hint;
            if citation.form != Form::Ibid
                && citation
                    .item
                    .container_title
                    .as_deref()
                    .is_some_and(is_ibid_word)
            {
                if citation.item.author.is_empty() {
                    // "“A quotation.” Ibid.": the quotation is not a title.
                    citation.form = Form::Ibid;
                    citation.item = Item::default();
                } else {
                    // "Vole, “Lichens,” ibid., 30–35": another piece in the
                    // book or journal of the previous citation.
                    citation.form = Form::Full;
                    citation.item.container_title = None;
                    host_hint = Hint {
                        host_as_previous: true,
                        ..hint.clone()
                    };
                    hint = &host_hint;
                }
            }
            if let Some(previous) = self.seen.back() {
                inherit_from_previous(citation, hint, previous.item.as_ref());
            }
            if let Some(rest) = &hint.location_ibid {
                self.locate_by_ibid(citation, rest);
            }
            let by_reference = back_refs
                .get(ci)
                .and_then(Option::as_ref)
                .and_then(|target| self.resolve_back_reference(citation, target));
            // A "short form" that prints an imprint or a date is a full
            // citation read in part, or a work cited again in full: it is
            // `full` (GUIDELINE §6), never a short form matching nothing.
            if by_reference.is_none()
                && citation.form == Form::Short
                && hint.short.is_some()
                && prints_imprint(&citation.item)
            {
                citation.form = Form::Full;
            }
            let mut entry = match (by_reference, citation.form) {
                (Some(entry), _) => entry,
                (None, Form::Full) => self.resolve_full(citation, &note.label),
                (None, Form::Short) => {
                    let raw = note.text.get(citation.span.clone()).unwrap_or("");
                    let quoted = hint
                        .short
                        .as_ref()
                        .and_then(|s| s.title.as_deref())
                        .and_then(|t| title_quoted(raw, t));
                    self.resolve_short(citation, hint, &note.label, quoted)
                }
                (None, Form::Ibid) => self.resolve_ibid(citation, hint, &note.label),
            };
            // A citation resolved to an item already packed (its new
            // work's, or the one an Ibid. or short form copied unchanged)
            // keeps that copy: packing is canonical.
            if entry.item.is_none() {
                entry.item = Some(PackedItem::pack(&citation.item));
            }
            entry.note = self.notes;
            entry.further = citation
                .prefix
                .as_deref()
                .is_some_and(backrefs::is_further_reading);
            if hint.location.is_some() {
                entry.location = hint.location.clone();
            }
            if let Some(w) = entry.work {
                self.works[w].times_cited += 1;
            }
            citation.work = entry.work;
            resolved.push((entry.work, entry.origin.clone()));
            if self.seen.len() == IBID_WINDOW {
                self.seen.pop_front();
            }
            self.seen.push_back(entry);
        }
        for d in pending {
            self.define(d, &note.citations, &resolved);
        }
        if let Some((w, origin)) = resolved
            .iter()
            .find_map(|(w, origin)| w.map(|w| (w, origin.clone())))
        {
            self.note_works.insert(note.label.clone(), (w, origin));
        }
    }

    /// Records an abbreviation a note defines ("(Henceforth HSS)") for the
    /// work of the last citation before it (the first citation when none
    /// is). `citations` are the note's citations resolved so far, with
    /// their works in `resolved`. An abbreviation inside an archival
    /// reference names a collection, not a work: it is not recorded.
    fn define(
        &mut self,
        definition: &backrefs::Definition,
        citations: &[Citation],
        resolved: &[(Option<usize>, Option<String>)],
    ) {
        let Some(k) = citations
            .iter()
            .rposition(|c| c.span.start < definition.at)
            .or((!citations.is_empty()).then_some(0))
        else {
            return;
        };
        let item = &citations[k].item;
        if item.kind.is_archival() && (item.archive.is_some() || item.archive_location.is_some()) {
            return;
        }
        if let Some((Some(w), origin)) = resolved.get(k) {
            // One entry per abbreviation, its latest definition: a book
            // that defines "HSS" in every chapter must not make every later
            // note look through every definition.
            self.abbreviations
                .retain(|(name, _, _)| *name != definition.abbreviation);
            self.abbreviations
                .push((definition.abbreviation.clone(), *w, origin.clone()));
        }
    }

    /// Finds the back-references of a note that the grammars cannot see,
    /// because they depend on earlier notes: uses of abbreviations defined
    /// before ("HSS, 371."), and cross-references to other notes ("See
    /// note 8 above"). A use inside a short form makes it that
    /// abbreviation's; a use or cross-reference outside every citation
    /// becomes a short form of its own, inserted in reading order. Returns
    /// what each citation refers to, and the hints realigned when
    /// citations were inserted.
    fn find_back_references(
        &self,
        note: &mut Note,
        hints: &[Hint],
        definitions: &[backrefs::Definition],
    ) -> (Vec<Option<BackReference>>, Option<Vec<Hint>>) {
        let mut refs: Vec<Option<BackReference>> = vec![None; note.citations.len()];
        if self.abbreviations.is_empty() && definitions.is_empty() && self.note_works.is_empty() {
            return (refs, None);
        }
        let text = note.text.as_str();
        let mut inserted: Vec<(Citation, BackReference)> = Vec::new();
        // Abbreviations known before this note, then those it defines
        // (used only after their definition).
        let mut known: Vec<(&str, usize)> =
            Vec::with_capacity(self.abbreviations.len() + definitions.len());
        // `define` keeps one entry per abbreviation.
        known.extend(
            self.abbreviations
                .iter()
                .rev()
                .map(|(name, _, _)| (name.as_str(), 0)),
        );
        for d in definitions {
            if !known.iter().any(|(k, _)| *k == d.abbreviation) {
                known.push((&d.abbreviation, d.end));
            }
        }
        let in_definition = |at: usize| definitions.iter().any(|d| (d.at..d.end).contains(&at));
        let covered =
            |citations: &[Citation], at: usize| citations.iter().position(|c| c.span.contains(&at));
        // The abbreviations whose byte pairs the note lacks are not in it.
        let pairs = (!known.is_empty()).then(|| backrefs::BytePairs::of(text));
        for (name, from) in known {
            if pairs.as_ref().is_some_and(|p| !p.may_hold(name)) {
                continue;
            }
            for occurrence in backrefs::occurrences(text, name, from) {
                if in_definition(occurrence.start) {
                    continue;
                }
                let pin = backrefs::pinpoint_after(text, occurrence.end);
                match covered(&note.citations, occurrence.start) {
                    Some(k) => {
                        let citation = &mut note.citations[k];
                        if citation.form == Form::Full {
                            // "..., 41–42, citing LR 3.9.4.2", "(cf. LR, 12;
                            // TP, 3)": a use in a citation that could not
                            // tell it apart is a short form of its own.
                            let (Some((pin, end)), true) =
                                (pin, backrefs::signalled(text, occurrence.start))
                            else {
                                continue;
                            };
                            insert_abbreviation_use(
                                &mut inserted,
                                occurrence.start..end,
                                pin,
                                name,
                            );
                            continue;
                        }
                        let opens = text[citation.span.start..occurrence.start]
                            .trim_matches(|c: char| {
                                c.is_whitespace() || crate::text::is_open_quote(c) || c == '('
                            })
                            .is_empty();
                        if citation.form != Form::Short || refs[k].is_some() {
                            continue;
                        }
                        if !opens && pin.is_none() {
                            continue;
                        }
                        if let Some((pin, _)) = pin.filter(|_| !opens || citation.locator.is_none())
                        {
                            citation.locator = pin.locator;
                        }
                        refs[k] = Some(BackReference::Abbreviation(name.to_string()));
                    }
                    None => {
                        let Some((pin, end)) =
                            pin.or_else(|| backrefs::worded_pinpoint_after(text, occurrence.end))
                        else {
                            continue;
                        };
                        insert_abbreviation_use(&mut inserted, occurrence.start..end, pin, name);
                    }
                }
            }
        }
        for reference in backrefs::note_references(text) {
            if reference.label == note.label
                || !self.note_works.contains_key(&reference.label)
                || covered(&note.citations, reference.span.start).is_some()
            {
                continue;
            }
            let citation = Citation::new(Form::Short, Item::default(), reference.span);
            inserted.push((citation, BackReference::Note(reference.label)));
        }
        if inserted.is_empty() {
            return (refs, None);
        }
        // Merge in reading order; relations follow their citations.
        let old = std::mem::take(&mut note.citations);
        let mut merged: Vec<(Citation, Hint, Option<BackReference>, Option<usize>)> = old
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    c,
                    hints.get(i).cloned().unwrap_or_default(),
                    refs[i].take(),
                    Some(i),
                )
            })
            .collect();
        merged.extend(
            inserted
                .into_iter()
                .map(|(c, r)| (c, Hint::default(), Some(r), None)),
        );
        merged.sort_by_key(|(c, ..)| c.span.start);
        let mut new_index = vec![0; merged.len()];
        for (new, (.., old)) in merged.iter().enumerate() {
            if let Some(old) = old {
                new_index[*old] = new;
            }
        }
        let mut hints = Vec::with_capacity(merged.len());
        let mut refs = Vec::with_capacity(merged.len());
        for (mut citation, hint, reference, _) in merged {
            if let Some(relation) = citation.relation.as_mut() {
                relation.citation = new_index[relation.citation];
            }
            note.citations.push(citation);
            hints.push(hint);
            refs.push(reference);
        }
        (refs, Some(hints))
    }

    /// Resolves a citation that refers back by an abbreviation or to a
    /// note; `None` when the reference names nothing known.
    fn resolve_back_reference(
        &mut self,
        citation: &mut Citation,
        target: &BackReference,
    ) -> Option<Seen> {
        let (w, origin) = match target {
            BackReference::Abbreviation(name) => self
                .abbreviations
                .iter()
                .rev()
                .find(|(n, _, _)| n == name)
                .map(|(_, w, origin)| (*w, origin.clone()))?,
            BackReference::Note(label) => self.note_works.get(label).cloned()?,
        };
        let volume = citation.item.volume.take();
        citation.item = self.printed_item(w);
        if citation.item.volume.is_none() {
            citation.item.volume = volume;
        }
        citation.form = Form::Short;
        citation.resolves_to = origin.clone();
        Some(Seen {
            item: None,
            location: None,
            work: Some(w),
            origin,
            archival: false,
            further: false,
            note: 0,
        })
    }

    /// The item a later citation of work `w` resolves to: the work as its
    /// first full citation printed it.
    fn printed_item(&self, w: usize) -> Item {
        self.printed[w]
            .as_ref()
            .unwrap_or(&self.works[w].item)
            .unpack()
    }

    /// The diagnostics of resolution since the last call.
    pub fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }

    /// The works found and the diagnostics of resolution. The entries of
    /// the document's own bibliography that no note cites are works too,
    /// after the cited ones.
    pub fn finish(mut self) -> (Vec<Work>, Vec<Diagnostic>) {
        use crate::resolve::library::matching::Origin;
        let catalog = self.catalog.clone();
        for (l, known) in catalog.layers().iter().enumerate() {
            if known.origin() != Origin::Bibliography {
                continue;
            }
            for e in 0..known.entries().len() {
                let id = (l as u32, e as u32);
                if !self.linked.contains_key(&id) {
                    self.work_of_entry(id);
                }
            }
        }
        (self.works, self.diagnostics)
    }

    /// The work of a catalog entry, made the first time it is cited.
    fn work_of_entry(&mut self, id: crate::resolve::library::matching::EntryId) -> usize {
        if let Some(&w) = self.linked.get(&id) {
            return w;
        }
        let entry = self.catalog.entry(id).clone();
        let w = self.new_work(&entry.item, &entry.label, true, None);
        self.works[w].library_key = entry.library_key;
        if self.catalog.layers()[id.0 as usize].origin()
            == crate::resolve::library::matching::Origin::EarlierFiles
        {
            self.frozen.insert(w);
        }
        self.linked.insert(id, w);
        w
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

    /// Adds a work first cited in `note`; `full` says whether that note
    /// cites it in full (a short form no earlier note identifies is not).
    /// `folds`: the item's lead name and title when already folded.
    fn new_work(&mut self, item: &Item, note: &str, full: bool, folds: Option<Folds>) -> usize {
        let w = self.works.len();
        let folded = Folded::with(item, folds.unwrap_or_default());
        let profile = Profile::of_folded(item, folded, &mut self.vocabulary);
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
        self.full_note.push(full.then(|| note.to_string()));
        // Numbered when a warning first lists it.
        self.label_of.push(UNNUMBERED);
        self.sketches.push(Sketch::of(&profile));
        self.profiles.push(profile);
        self.by_name.add(w as u32, &self.profiles);
        self.works.push(Work {
            key: String::new(),
            item: PackedItem::pack(item),
            first_note: note.to_string(),
            times_cited: 0,
            library_key: None,
            described: full,
        });
        w
    }

    fn resolve_full(&mut self, citation: &mut Citation, note: &str) -> Seen {
        self.container_named_by_editors(&mut citation.item);
        // A document cited by its pages (papers outside the folio
        // shorthand, GUIDELINE §7) is one a later "Ibid., 12" may point at.
        let paged = citation
            .locator
            .as_ref()
            .is_some_and(|l| l.label == LocatorLabel::Page);
        let archival = citation.item.kind.is_archival()
            && (citation.item.archive_location.is_some() || citation.item.genre.is_some())
            && !paged;
        let mut keys: [Option<Fingerprint>; 2] = [None, None];
        let mut folds = Folds::default();
        if identity(&citation.item, &mut folds, &mut self.scratch) {
            keys[0] = Some(fingerprint(&self.scratch));
        }
        if correspondence_identity(&citation.item, &mut folds, &mut self.scratch) {
            keys[1] = Some(fingerprint(&self.scratch));
        }
        let existing = keys
            .iter()
            .flatten()
            .find_map(|k| self.by_identity.get(k).copied());
        let work = match existing {
            Some(w) => {
                if self.full_note[w].is_none() {
                    self.full_note[w] = Some(note.to_string());
                }
                // The work's item is read packed: it is unpacked only when
                // the citation fills a field it lacks, and its location is
                // read only for an archival citation that prints one.
                let there = (archival && citation.item.archive_location.is_some())
                    .then(|| self.works[w].item.archive_location())
                    .flatten();
                if there.is_some() && there != citation.item.archive_location.as_deref() {
                    let message = format!(
                        "same document as note {} but the location differs ({} here, {} there)",
                        self.works[w].first_note,
                        citation.item.archive_location.as_deref().unwrap_or(""),
                        there.unwrap_or("")
                    );
                    self.warn(note, citation.span.clone(), message);
                }
                let fills = Fields::of(&citation.item)
                    .without(self.works[w].item.fields())
                    .meets(merged_fields());
                if !self.frozen.contains(&w) && fills {
                    let mut merged = self.works[w].item.unpack();
                    if self.printed[w].is_none() {
                        self.printed[w] = Some(self.works[w].item.clone());
                    }
                    merge_item(&mut merged, &citation.item, true);
                    self.profiles[w] = Profile::new(&merged, &mut self.vocabulary);
                    self.sketches[w] = Sketch::of(&self.profiles[w]);
                    self.by_name.retitle(w as u32, &self.profiles[w]);
                    self.works[w].item = PackedItem::pack(&merged);
                }
                w
            }
            None => self.new_full_work(citation, note, Some(folds)),
        };
        for k in keys.into_iter().flatten() {
            self.by_identity.entry(k).or_insert(work);
        }
        // Without a catalog a new work is the citation's item, packed.
        let item =
            (existing.is_none() && self.catalog.is_empty()).then(|| self.works[work].item.clone());
        Seen {
            item,
            location: None,
            work: Some(work),
            origin: Some(note.to_string()),
            archival,
            further: false,
            note: 0,
        }
    }

    /// "Ann Hill, “Frost,” in Moss and Lund, 112": a chapter whose book
    /// is named only by its editors' family names, printed without an
    /// imprint, is in the book those editors (or translators) made, cited
    /// in full earlier; the book's title, contributors and imprint are
    /// filled in from it. Nothing is filled unless exactly one book fits.
    fn container_named_by_editors(&self, item: &mut Item) {
        if item.kind != ItemType::Chapter
            || item.issued.is_some()
            || item.publisher.is_some()
            || !item.editor.is_empty()
        {
            return;
        }
        let Some(names) = item.container_title.as_deref().and_then(family_list) else {
            return;
        };
        let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
        let same = |list: NamesView<'_>| {
            list.len() == folded.len()
                && list
                    .zip(&folded)
                    .all(|(n, f)| n.family.is_some_and(|x| fold(x) == *f))
        };
        let mut found: Option<Item> = None;
        for &w in self.by_name.works(&folded[0]) {
            // Read in place: the editors' other works are many in a long
            // book, and only the one found is copied.
            let packed = &self.works[w as usize].item;
            if !matches!(packed.kind(), ItemType::Chapter | ItemType::Book) {
                continue;
            }
            let work = packed.view();
            let book = match work.kind() {
                ItemType::Chapter if work.container_title().is_some() => work.container_title(),
                ItemType::Book => work.title(),
                _ => None,
            };
            let Some(book) = book else { continue };
            if !(same(work.editor()) || same(work.translator())) {
                continue;
            }
            match &found {
                Some(f) if f.container_title.as_deref() != Some(book) => return,
                Some(_) => {}
                None => {
                    let own = |t: Option<&str>| t.map(str::to_string);
                    found = Some(Item {
                        container_title: Some(book.to_string()),
                        editor: work.editor().to_names(),
                        translator: work.translator().to_names(),
                        publisher: own(work.publisher()),
                        publisher_place: own(work.publisher_place()),
                        issued: work.issued().map(|d| d.to_date()),
                        ..Item::default()
                    })
                }
            }
        }
        if let Some(f) = found {
            item.container_title = f.container_title;
            item.editor = f.editor;
            if item.translator.is_empty() {
                item.translator = f.translator;
            }
            item.publisher = f.publisher;
            item.publisher_place = f.publisher_place;
            item.issued = f.issued;
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

    /// Resolves a short form to the one earlier work its names and title
    /// identify. `quoted` tells whether the title was printed in quotation
    /// marks, which prefers an article or chapter over a book of the same
    /// title. Two works identified equally well are a guess: the short form
    /// stays unresolved and a warning names both notes.
    fn resolve_short(
        &mut self,
        citation: &mut Citation,
        hint: &Hint,
        note: &str,
        quoted: Option<bool>,
    ) -> Seen {
        let mut best: Option<f32> = None;
        let mut tied: Vec<usize> = Vec::new();
        // "Петров Б. Б. Указ. соч.": a short form that prints an author's
        // initials points to a work of that person, not to one of a
        // namesake with other initials ("Петров А. А."), even when the
        // namesake's is the latest. Read once; the works weighed by
        // `best_short_matches` are checked there, the others below.
        let printed = PrintedInitials::of(&citation.item.author);
        let mut initials_checked = false;
        if let Some(letters) = hint
            .short
            .as_ref()
            .filter(|s| s.names.is_empty())
            .and_then(|s| s.title.as_deref())
            .and_then(|t| self.letters_between(t))
        {
            tied = letters;
        } else if let (Some(short), false) = (&hint.short, hint.continuation) {
            let query = ShortQuery::new(short, &self.vocabulary);
            (best, tied) = self.best_short_matches(&query, quoted, &printed);
            initials_checked = !tied.is_empty();
        }
        if tied.is_empty() {
            tied = self.near_named(hint);
        }
        if tied.is_empty() {
            tied = self.prose_tail(hint);
        }
        if !initials_checked && !tied.is_empty() && !printed.is_empty() {
            let mut scratch = String::new();
            tied.retain(|&w| !printed.differ(&self.works[w].item, &mut scratch));
        }
        // Works that print the same title and names are one work cited
        // twice in ways that did not merge: the first is the full citation.
        // Works cited first in one note (two editions of a book in one
        // note) leave no doubt about the note the short form points to,
        // nor does a later note that prints one of them again, the same
        // names and title (a third edition by the same editor).
        if tied.len() > 1 && self.one_work_cited_apart(&tied) {
            tied.sort_unstable();
            tied.truncate(1);
        }
        if !self.catalog.is_empty() {
            let doc_best = best.filter(|_| !tied.is_empty());
            match self.resolve_short_in_catalog(citation, hint, doc_best) {
                Ok(seen) => return seen,
                Err(message) if tied.is_empty() => {
                    self.warn(note, citation.span.clone(), message);
                    return self.unresolved_short(citation, note);
                }
                Err(_) => {}
            }
        }
        if tied.len() > 1 {
            let message = format!(
                "short form matches works of several notes ({}); left unresolved",
                self.listed_notes(&tied)
            );
            self.warn(note, citation.span.clone(), message);
            return self.unresolved_short(citation, note);
        }
        match tied.first() {
            Some(&w) => {
                let printed = self.printed[w].as_ref().unwrap_or(&self.works[w].item);
                let mut item = printed.unpack();
                // The printed item, packed, unless the volume is the short
                // form's own.
                let mut packed = Some(printed.clone());
                if item.volume.is_none() {
                    item.volume = citation.item.volume.take();
                    if item.volume.is_some() {
                        packed = None;
                    }
                }
                citation.item = item;
                citation.resolves_to = self.full_note[w].clone();
                Seen {
                    item: packed,
                    location: None,
                    work: Some(w),
                    // A work never cited in full: an Ibid. after this short
                    // form points to its note.
                    origin: Some(
                        citation
                            .resolves_to
                            .clone()
                            .unwrap_or_else(|| note.to_string()),
                    ),
                    archival: false,
                    further: false,
                    note: 0,
                }
            }
            None => {
                self.warn(
                    note,
                    citation.span.clone(),
                    "short form matches no earlier full citation; left unresolved".to_string(),
                );
                self.unresolved_short(citation, note)
            }
        }
    }

    /// The labels of the first notes of `tied` works, each once, in the
    /// order of the works, as [`listed`] writes them. Labels are told
    /// apart by their numbers, each work's looked up the first time it is
    /// listed (a short form of a repetitive text can tie thousands of
    /// works, and many short forms tie the same ones).
    fn listed_notes(&mut self, tied: &[usize]) -> String {
        for &w in tied {
            if self.label_of[w] == UNNUMBERED {
                let note = self.works[w].first_note.as_str();
                self.label_of[w] = match self.labels.get(note) {
                    Some(&label) => label,
                    None => {
                        let label = self.labels.len() as u32;
                        self.labels.insert(note.to_string(), label);
                        label
                    }
                };
            }
        }
        let mut seen = std::mem::take(&mut self.listed_labels);
        seen.resize(self.labels.len().div_ceil(64), 0);
        let mut notes: Vec<&str> = Vec::new();
        for &w in tied {
            let label = self.label_of[w] as usize;
            if !crate::text::has_bit(&seen, label) {
                crate::text::set_bit(&mut seen, label);
                notes.push(self.works[w].first_note.as_str());
            }
        }
        let text = listed(&notes, NOTES_LISTED);
        // Cleared for the next list: only the words of bits set.
        for &w in tied {
            seen[self.label_of[w] as usize / 64] = 0;
        }
        self.listed_labels = seen;
        text
    }

    /// True when the works tied for a short form (two or more) are one
    /// work cited in ways that did not merge: every one is cited first in
    /// the note of the first, or prints the same names and titles as one
    /// that is. Works that all print the names and titles of the first
    /// are that case whatever their notes (the first is in its own note),
    /// told without reading their notes: the common case when a long text
    /// cites one author's title in many editions.
    fn one_work_cited_apart(&self, tied: &[usize]) -> bool {
        let first = &self.profiles[tied[0]];
        let twins = tied[1..].iter().all(|&w| self.profiles[w].same_text(first));
        twins || self.one_work_cited_apart_by_notes(tied)
    }

    /// [`Resolver::one_work_cited_apart`] read from the notes of the
    /// works.
    fn one_work_cited_apart_by_notes(&self, tied: &[usize]) -> bool {
        let note = &self.works[tied[0]].first_note;
        // A work of another note whose names and titles no other tied work
        // prints is not one of the first note's: no (told from the
        // profiles alone, and the common answer when a short form ties
        // many works).
        let Some(other) = tied.iter().position(|&w| self.works[w].first_note != *note) else {
            return true;
        };
        let profile = &self.profiles[tied[other]];
        let shared = tied
            .iter()
            .enumerate()
            .any(|(k, &w)| k != other && self.profiles[w].same_text(profile));
        if !shared {
            return false;
        }
        // A set: a short form of a generated or very repetitive text
        // can tie thousands of works.
        let in_first: FastSet<Fingerprint> = tied
            .iter()
            .filter(|&&w| self.works[w].first_note == *note)
            .map(|&w| self.profiles[w].print)
            .collect();
        tied.iter().all(|&w| {
            self.works[w].first_note == *note || in_first.contains(&self.profiles[w].print)
        })
    }

    /// The works a short form's names and title identify best (the first
    /// cited first) and their score, exactly as scoring every work under
    /// its printed name one by one, the first cited first, finds them: the
    /// best score and every work within [`TIE`] of it (`None` and no works:
    /// none scores). A name alone ("Smith, op. cit.") gives only the latest
    /// of the works it names, the one an op. cit. resolves to.
    ///
    /// Only works that can score are read, so that an author of hundreds
    /// of works costs about what one of a few does (the generated corpus
    /// draws 20,000 works from 48 surnames; a short form read them all):
    /// - a name alone: the works bearing it, the latest first, up to the
    ///   first that scores (every one scores the same);
    /// - a name and a title, when the name's works are filed by title
    ///   ([`named::NamedWorks`]): the works beginning as the printed title
    ///   does that hold all its words, then all those beginning so, then
    ///   those holding one of its words, stopping as soon as the best found
    ///   scores more than every work not read can (a work with none of the
    ///   words that does not begin with the title scores 0);
    /// - otherwise (a name of a few works, a title under four bytes) every
    ///   work bearing the name.
    fn best_short_matches(
        &self,
        query: &ShortQuery,
        quoted: Option<bool>,
        printed: &PrintedInitials,
    ) -> (Option<f32>, Vec<usize>) {
        // A one-word name is the key the candidates were found under.
        let named = query.first.as_ref().is_some_and(|f| !f.contains(' '));
        // A title with significant words scores 0 against a work the
        // sketches tell apart.
        let sketch = Sketch::of_query(query)
            .filter(|_| query.title.as_ref().is_some_and(|(w, _)| !w.is_empty()));
        // A work's score is its profile's: a profile equal to one weighed
        // lately is not scored again.
        let score = |w: usize| {
            let s = short_match(query, &self.profiles[w], named);
            if s <= 0.0 {
                return None;
            }
            Some(
                match quoted.is_some_and(|q| q == self.profiles[w].quoted_kind) {
                    true => s + 0.25,
                    false => s,
                },
            )
        };
        let scratch = std::cell::RefCell::new(String::new());
        let weigh = |w: u32, best: &mut Option<f32>, tied: &mut Ties| {
            let w = w as usize;
            if sketch.is_some_and(|q| !self.sketches[w].may_match(q)) {
                return;
            }
            let s = match tied.recalled(&self.profiles, &self.profiles[w]) {
                Some(outcome) => outcome,
                None => {
                    let outcome = score(w);
                    tied.remember(w, outcome);
                    outcome
                }
            };
            let Some(s) = s else {
                return;
            };
            // A namesake's work with other initials is not a candidate (the
            // outcomes recalled are a profile's, which holds no initials).
            if !printed.is_empty() && printed.differ(&self.works[w].item, &mut scratch.borrow_mut())
            {
                return;
            }
            match *best {
                Some(b) if (s - b).abs() < TIE => tied.add(w),
                Some(b) if s < b => {}
                _ => {
                    *best = Some(s);
                    tied.clear();
                    tied.add(w);
                }
            }
        };
        let (mut best, mut tied) = (None, Ties::default());
        let Some(first) = &query.first else {
            for &w in self.short_candidates(query) {
                weigh(w, &mut best, &mut tied);
            }
            return (best, tied.list);
        };
        // The works bearing the name's first word (what
        // `short_candidates` gives, found once).
        let name = self.by_name.id(first.split(' ').next().unwrap_or(""));
        let candidates = name.map_or(&[][..], |id| self.by_name.works_of(id));
        match (&query.title, name) {
            // "Smith, op. cit.": the author's work cited most recently.
            // Without a title every work bearing the name scores 0.5 (0
            // an untitled archival document, or a work whose name does not
            // hold every printed word): the latest that scores is the one.
            // (A quotation mark needs a title: `quoted` is `None` here.)
            (None, _) if quoted.is_none() => {
                for &w in candidates.iter().rev() {
                    weigh(w, &mut best, &mut tied);
                    if best.is_some() {
                        break;
                    }
                }
            }
            (None, _) => {
                for &w in candidates {
                    weigh(w, &mut best, &mut tied);
                }
                if let Some(&latest) = tied.list.iter().max() {
                    tied = Ties::default();
                    tied.add(latest);
                }
            }
            (Some((wanted, cut)), Some(name))
                if !wanted.is_empty() && cut.len() >= 4 && self.by_name.titled(name) =>
            {
                let heads = self.by_name.beginning(name, cut);
                // Scores are hits / words + 0.5 (begins with the title) +
                // 0.25 (quoted as the kind is): with at most 256 words two
                // different scores differ by 1/1024 or more, so a lead of
                // half that over what the works left out can score is a
                // true lead, and ties found stay the ties of all works.
                if wanted.len() <= 256 {
                    let leads =
                        |best: Option<f32>, bound: f32| best.is_some_and(|b| b - bound > 5e-4);
                    let words = wanted.len() as f32;
                    let hits = wanted.iter().flatten().count() as f32;
                    let bonus = if quoted.is_some() { 0.25 } else { 0.0 };
                    // First the works that begin with the title and hold
                    // all its words; a work lacking one scores at most
                    // (hits - 1) / words + 0.75, one not beginning with
                    // it hits / words + 0.25.
                    let mut all: Vec<u32> = wanted.iter().flatten().copied().collect();
                    all.sort_unstable();
                    all.dedup();
                    // The sketches rule out most works before their
                    // profiles are read (a long book's works are read
                    // from all over memory).
                    let all_bits = all.iter().fold(0, |bits, &a| bits | Sketch::word_bit(a));
                    for &w in heads {
                        if self.sketches[w as usize].words & all_bits != all_bits {
                            continue;
                        }
                        let title_words = &self.profiles[w as usize].title_words;
                        if all.iter().all(|a| title_words.contains(a)) {
                            weigh(w, &mut best, &mut tied);
                        }
                    }
                    let left_out = (hits / words).max((hits - 1.0) / words + 0.5) + bonus;
                    if leads(best, left_out) {
                        return (best, tied.list);
                    }
                    // Then every work beginning with the title.
                    best = None;
                    tied.clear();
                    for &w in heads {
                        weigh(w, &mut best, &mut tied);
                    }
                    if leads(best, hits / words + bonus) {
                        return (best, tied.list);
                    }
                    best = None;
                    tied.clear();
                }
                // Then every work holding one of the words.
                let mut pool = heads.to_vec();
                for &word in wanted.iter().flatten() {
                    pool.extend_from_slice(self.by_name.with_word(name, word));
                }
                pool.sort_unstable();
                pool.dedup();
                for w in pool {
                    weigh(w, &mut best, &mut tied);
                }
            }
            // No significant title word: no work scores.
            (Some((wanted, _)), _) if wanted.is_empty() => {}
            _ => {
                for &w in candidates {
                    weigh(w, &mut best, &mut tied);
                }
            }
        }
        (best, tied.list)
    }

    /// The works a short form may name: those indexed under the first
    /// word of its first printed name, or under its title's first word
    /// when it prints no name (never a scan of every work).
    fn short_candidates(&self, query: &ShortQuery) -> &[u32] {
        match (&query.first, &query.title) {
            (Some(first), _) => {
                let key = first.split(' ').next().unwrap_or("");
                self.by_name.works(key)
            }
            (None, title) => title
                .as_ref()
                .and_then(|(words, _)| words.first().copied().flatten())
                .and_then(|id| self.by_title_word.get(id as usize))
                .map_or(&[], Vec::as_slice),
        }
    }

    /// The work a short form names when its printed name matches no work
    /// exactly: every significant word of its title is in the work's
    /// title, and the work's names hold one a single slip away from the
    /// printed one ("Oaks" for "Oakes"), or the work printed no name at
    /// all (an author's own chapter, "my introduction, “Title,” in ...").
    /// Only a single such work is returned: never a guess between two.
    fn near_named(&self, hint: &Hint) -> Vec<usize> {
        let Some(short) = hint.short.as_ref().filter(|_| !hint.continuation) else {
            return Vec::new();
        };
        let query = ShortQuery::new(short, &self.vocabulary);
        let (Some(first), Some((words, _))) = (&query.first, &query.title) else {
            return Vec::new();
        };
        if words.is_empty() || words.iter().any(Option::is_none) {
            return Vec::new();
        }
        let title_only = ShortQuery {
            first: None,
            title: query.title.clone(),
        };
        let candidates = self.short_candidates(&title_only);
        let mut found: Vec<usize> = Vec::new();
        for &w in candidates {
            let w = w as usize;
            let profile = &self.profiles[w];
            if short_match(&title_only, profile, false) < 1.0 {
                continue;
            }
            let mut families = profile.families().peekable();
            let unnamed = families.peek().is_none();
            let near = families
                .flat_map(|f| f.split(' '))
                .any(|f| one_slip_apart(f, first));
            if (unnamed || near) && !found.contains(&w) {
                found.push(w);
            }
        }
        if found.len() == 1 {
            found
        } else {
            Vec::new()
        }
    }

    /// The work a short form names at the end of a sentence of prose that
    /// the grammar read as its title ("I have changed the translation in
    /// Vole, Moss", "see especially Moss and Stone"): the last name and
    /// title after the prose, or the title alone after the last lowercase
    /// word, when it identifies exactly one work (a title alone must
    /// match completely).
    fn prose_tail(&self, hint: &Hint) -> Vec<usize> {
        let Some(short) = hint.short.as_ref().filter(|_| !hint.continuation) else {
            return Vec::new();
        };
        let Some(printed) = short.title.as_deref().filter(|_| short.names.is_empty()) else {
            return Vec::new();
        };
        let words: Vec<(usize, &str)> = printed
            .split(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, w))
            })
            .collect();
        let capital = |w: &str| w.starts_with(char::is_uppercase);
        let mut readings: Vec<crate::parse::chicago::ShortRef> = Vec::new();
        // "... in Vole, Moss": a capitalized word ending in a comma after
        // a lowercase one, then the title.
        for pair in words.windows(2).rev() {
            let [(_, before), (at, name)] = pair else {
                continue;
            };
            if let Some(family) = name.strip_suffix(',') {
                let title = printed[at + name.len()..].trim();
                if capital(family) && !capital(before) && !title.is_empty() && capital(title) {
                    readings.push(crate::parse::chicago::ShortRef {
                        names: vec![family.to_string()],
                        title: Some(title.to_string()),
                    });
                    break;
                }
            }
        }
        // "... see especially Moss and Stone": the capitalized words after
        // the last lowercase one (title words such as "and" may follow).
        if let Some(&(at, _)) = words
            .windows(2)
            .rev()
            .find(|p| !capital(p[0].1) && !p[0].1.ends_with(',') && capital(p[1].1))
            .map(|p| &p[1])
        {
            if !printed[..at].contains(',') || readings.is_empty() {
                readings.push(crate::parse::chicago::ShortRef {
                    names: Vec::new(),
                    title: Some(printed[at..].to_string()),
                });
            }
        }
        for reading in readings {
            let query = ShortQuery::new(&reading, &self.vocabulary);
            let found: Vec<usize> = self
                .short_candidates(&query)
                .iter()
                .map(|&w| w as usize)
                .filter(|&w| short_match(&query, &self.profiles[w], false) >= 1.0)
                .collect();
            if found.len() == 1 {
                return found;
            }
        }
        Vec::new()
    }

    /// "Vole to Hale": the letters (or other documents sent) from the
    /// person named first to the one named second, among the works so far.
    /// `None` when the title is not of that shape or names no such letter.
    fn letters_between(&self, title: &str) -> Option<Vec<usize>> {
        let (from, to) = title.split_once(" to ")?;
        let (from, to) = (fold(from), fold(to));
        let family = |f: &str| f.rsplit(' ').next().unwrap_or("").to_string();
        let (sender, recipient) = (family(&from), family(&to));
        if sender.is_empty()
            || recipient.is_empty()
            || from.split(' ').count() > 3
            || to.split(' ').count() > 3
        {
            return None;
        }
        let letters: Vec<usize> = self
            .by_name
            .works(&sender)
            .iter()
            .map(|&w| w as usize)
            .filter(|&w| {
                // Read in place: the sender may have hundreds of works.
                let item = &self.works[w].item;
                item.kind() == ItemType::PersonalCommunication
                    && item
                        .view()
                        .recipient()
                        .any(|r| fold(r.sort_key()).split(' ').any(|p| p == recipient))
            })
            .collect();
        (!letters.is_empty()).then_some(letters)
    }

    /// A short form no earlier full citation identifies: it stays
    /// unresolved (`resolves_to: null`) and starts a work of its own, which
    /// its repeats find; an Ibid. right after it points to its note.
    fn unresolved_short(&mut self, citation: &mut Citation, note: &str) -> Seen {
        citation.resolves_to = None;
        // A "short form" that prints what only a full citation gives is a
        // full citation read in part: its repeats resolve to it.
        // It is looked up in the catalog as a full citation is.
        let full = reads_as_full(&citation.item);
        let w = if full {
            self.new_full_work(citation, note, None)
        } else {
            self.new_work(&citation.item, note, false, None)
        };
        Seen {
            item: None,
            location: None,
            work: Some(w),
            origin: Some(note.to_string()),
            archival: false,
            further: false,
            note: 0,
        }
    }

    /// A new work for a full citation: the catalog's entry when the
    /// citation matches one (its item, the library's key), else the
    /// citation's own item. An ambiguous match is reported and kept apart.
    /// `folds`: the citation's lead name and title when already folded.
    fn new_full_work(&mut self, citation: &Citation, note: &str, folds: Option<Folds>) -> usize {
        if self.catalog.is_empty() {
            return self.new_work(&citation.item, note, true, folds);
        }
        let found = self.catalog.match_full(&citation.item);
        if let Some(id) = found.found {
            if !self.linked.contains_key(&id) {
                use crate::resolve::library::matching::Origin;
                let entry = self.catalog.entry(id).clone();
                let mut item = entry.item;
                // A work of an earlier file stays as that file wrote it.
                let earlier = self.catalog.layers()[id.0 as usize].origin() == Origin::EarlierFiles;
                if !earlier {
                    merge_item(&mut item, &citation.item, true);
                }
                let w = self.new_work(&item, note, true, None);
                if earlier {
                    self.frozen.insert(w);
                }
                self.works[w].library_key = entry.library_key;
                self.linked.insert(id, w);
            }
            return self.linked[&id];
        }
        if !found.ambiguous.is_empty() {
            let message = format!(
                "full citation {}; kept as a work of its own",
                self.catalog.ambiguity(&found.ambiguous)
            );
            self.warn(note, citation.span.clone(), message);
        }
        self.new_work(&citation.item, note, true, folds)
    }

    /// Resolves a short form against the catalog when the catalog matches
    /// it at least as well as the document's own works do (`doc_best`:
    /// the best score there). `Err` gives the warning for a short form that
    /// stays unresolved if the document has no match either: ambiguity, or
    /// the nearest entry.
    fn resolve_short_in_catalog(
        &mut self,
        citation: &mut Citation,
        hint: &Hint,
        doc_best: Option<f32>,
    ) -> Result<Seen, String> {
        let mut message =
            "short form matches no earlier full citation; left unresolved".to_string();
        let Some(short) = hint.short.as_ref().filter(|_| !hint.continuation) else {
            return Err(message);
        };
        let found = self.catalog.match_short(short);
        let doc_score = doc_best.unwrap_or(0.0);
        match found.found {
            Some(id) if found.score >= doc_score => {
                let w = self.work_of_entry(id);
                let mut item = self.works[w].item.unpack();
                if item.volume.is_none() {
                    item.volume = citation.item.volume.take();
                }
                citation.item = item;
                // The note of the full citation when the document cites the
                // entry in full, else the entry's own label.
                citation.resolves_to = self.full_note[w].clone();
                return Ok(Seen {
                    item: None,
                    location: None,
                    work: Some(w),
                    origin: citation.resolves_to.clone(),
                    archival: false,
                    further: false,
                    note: 0,
                });
            }
            _ => {}
        }
        if !found.ambiguous.is_empty() {
            message = format!(
                "short form {}; left unresolved",
                self.catalog.ambiguity(&found.ambiguous)
            );
        } else if let Some(id) = found.nearest {
            let _ = write!(message, "; nearest: {}", self.catalog.describe(id));
        }
        Err(message)
    }

    fn resolve_ibid(&mut self, citation: &mut Citation, hint: &Hint, note: &str) -> Seen {
        use crate::parse::archival::{read_archival_ibid, ArchivalIbid};
        let wants_pages = citation
            .locator
            .as_ref()
            .is_some_and(|l| l.label == LocatorLabel::Page);
        // The previous citation (in this note or the one before); pages
        // never point at an archival document.
        let Some(mut target) = self.seen.iter().rposition(|s| !(wants_pages && s.archival)) else {
            self.warn(
                note,
                citation.span.clone(),
                "Ibid. with no earlier citation to refer to".to_string(),
            );
            return Seen {
                item: None,
                location: None,
                work: None,
                origin: None,
                archival: false,
                further: false,
                note: 0,
            };
        };
        // "Lee, Moss, 5. See further Hale, Stone." then "Ibid., 6": the
        // work the previous note cites, not the further reading it adds.
        let last = &self.seen[target];
        if last.further && last.note != self.notes {
            if let Some(main) = (0..target)
                .rev()
                .take_while(|&i| self.seen[i].note == last.note)
                .find(|&i| !(self.seen[i].further || wants_pages && self.seen[i].archival))
            {
                target = main;
            }
        }
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
        citation.item = target
            .item
            .as_ref()
            .map_or_else(Item::default, PackedItem::unpack);
        // The previous item, packed, unless the volume is the Ibid.'s own.
        let mut packed = target.item.clone();
        if citation.item.volume.is_none() && volume.is_some() {
            citation.item.volume = volume;
            packed = None;
        }
        citation.resolves_to = target.origin.clone();
        Seen {
            item: packed,
            location: target.location.clone(),
            work: target.work,
            origin: target.origin.clone(),
            archival: target.archival,
            further: false,
            note: 0,
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

/// True if a container printed as `text` is "ibid." (or "Там же"): the
/// container of the previous citation.
fn is_ibid_word(text: &str) -> bool {
    matches!(
        fold(text).as_str(),
        "ibid" | "ibidem" | "ib" | "tam zhe" | "там же"
    )
}

/// "Он же" (same author) and "// Там же" (same host publication): fills
/// what the citation takes from the one before it.
fn inherit_from_previous(citation: &mut Citation, hint: &Hint, previous: Option<&PackedItem>) {
    let item = &mut citation.item;
    if !(hint.same_author_as_previous && item.author.is_empty() || hint.host_as_previous) {
        return;
    }
    // Read in place: only the fields taken are copied.
    let empty = PackedItem::default();
    let previous = previous.unwrap_or(&empty).view();
    if hint.same_author_as_previous && item.author.is_empty() {
        item.author = previous.author().to_names();
    }
    if hint.host_as_previous {
        if item.container_title.is_none() {
            item.container_title = previous
                .container_title()
                .or_else(|| previous.title())
                .map(str::to_string);
        }
        macro_rules! fill {
            ($($f:ident),*) => { $( if item.$f.is_none() { item.$f = previous.$f().map(str::to_string); } )* };
        }
        fill!(publisher, publisher_place, volume, issue, number);
        if item.issued.is_none() {
            item.issued = previous.issued().map(|d| d.to_date());
        }
        if item.editor.is_empty() {
            item.editor = previous.editor().to_names();
        }
    }
}

/// Adds a use of a defined abbreviation ("LR 3.9.4.2") as a short form of
/// its own spanning `span`, unless a use already added covers its start.
fn insert_abbreviation_use(
    inserted: &mut Vec<(Citation, BackReference)>,
    span: std::ops::Range<usize>,
    pin: crate::parse::locator::Pinpoint,
    name: &str,
) {
    if inserted.iter().any(|(c, _)| c.span.contains(&span.start)) {
        return;
    }
    let mut citation = Citation::new(Form::Short, Item::default(), span);
    citation.locator = pin.locator;
    citation.item.volume = pin.volume;
    inserted.push((citation, BackReference::Abbreviation(name.to_string())));
}

/// "Moss and Lund", "Moss, Lund, and Hill", "Moss": a list of family
/// names only (capitalized single words joined by commas and "and"), as a
/// book named by its editors prints them.
fn family_list(text: &str) -> Option<Vec<&str>> {
    let names: Vec<&str> = text
        .split([',', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_start_matches("and ").trim())
        .filter(|p| !p.is_empty())
        .collect();
    let ok = (1..=4).contains(&names.len())
        && names.iter().all(|n| {
            !n.contains(' ')
                && n.starts_with(char::is_uppercase)
                && n.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '’' | '\''))
        });
    ok.then_some(names)
}

#[cfg(test)]
mod merge_tests {
    use super::*;

    #[test]
    fn a_citation_fills_a_work_exactly_when_merge_item_says_so() {
        let every = crate::model::packed::every_field();
        let book = Item {
            title: Some("Quiet Lakes".into()),
            author: vec![Name::person("Vole", None)],
            ..Item::default()
        };
        let fuller = Item {
            publisher: Some("Fjord".into()),
            issued: Some(crate::model::Date::ymd(2001, None, None)),
            ..book.clone()
        };
        let other = Item {
            note: Some("a remark".into()),
            url: Some("https://example.org".into()),
            ..book.clone()
        };
        for (into, from) in [
            (&book, &book),
            (&book, &fuller),
            (&fuller, &book),
            (&book, &other),
            (&Item::default(), &every),
            (&every, &Item::default()),
        ] {
            let fills = Fields::of(from)
                .without(PackedItem::pack(into).fields())
                .meets(merged_fields());
            assert_eq!(fills, merge_item(&mut into.clone(), from, false));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`title_quoted`] as `str::find` reads it, for titles cut from
    /// citations of every kind of char at every place, quoted or not.
    #[test]
    fn quoted_titles_are_found_as_str_find_finds_them() {
        let slow = |raw: &str, title: &str| {
            let at = raw.find(title)?;
            Some(
                raw[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| crate::text::is_open_quote(c) || c == '‘' || c == '\''),
            )
        };
        let raws = [
            "Vole, “Moss and Stone,” 12.",
            "Орлов, «Лес», с. 3; Орлов, Лес, 4",
            "Lund, 'Frost', 'Frost' again, ‘Ice’",
            "ÉtéÉté — été, 1995",
            "",
        ];
        let mut checked = 0;
        for raw in raws {
            let cuts: Vec<usize> = (0..=raw.len())
                .filter(|&i| raw.is_char_boundary(i))
                .collect();
            for &a in &cuts {
                for &b in cuts.iter().filter(|&&b| b >= a) {
                    let title = &raw[a..b];
                    assert_eq!(
                        title_quoted(raw, title),
                        slow(raw, title),
                        "{raw:?} {title:?}"
                    );
                    checked += 1;
                }
            }
            assert_eq!(title_quoted(raw, "absent"), None);
        }
        assert!(checked > 1_000, "{checked}");
    }

    #[test]
    fn date_parts_are_written_as_debug_writes_them() {
        for parts in [
            vec![],
            vec![vec![]],
            vec![vec![1990]],
            vec![vec![1990, 5, 12], vec![-44, 3]],
            vec![vec![i32::MIN, i32::MAX, 0]],
        ] {
            let mut out = String::new();
            push_date_parts(&parts, &mut out);
            assert_eq!(out, format!("{parts:?}"));
        }
    }

    /// What [`PrintedInitials::differ`] decides, read plainly: every name
    /// folded, every namesake's initial compared.
    fn initials_differ_slowly(printed: &[Name], work: &Item) -> bool {
        let initial = |g: &str| first_letter(g).map(fold_letter);
        printed.iter().any(|p| {
            let (Some(family), Some(given)) = (p.family.as_deref(), p.given.as_deref()) else {
                return false;
            };
            let namesakes: Vec<&Name> = work
                .author
                .iter()
                .filter(|n| n.family.as_deref().is_some_and(|f| fold(f) == fold(family)))
                .collect();
            !namesakes.is_empty()
                && namesakes.iter().all(|n| {
                    n.given
                        .as_deref()
                        .is_some_and(|g| initial(g) != initial(given))
                })
        })
    }

    #[test]
    fn printed_initials_decide_as_the_plain_reading_does() {
        let families = [
            None,
            Some("Петров"),
            Some("петров"),
            Some("Pétrov"),
            Some("Petrov"),
        ];
        let givens = [
            None,
            Some("А. А."),
            Some("а."),
            Some("Б. Б."),
            Some("Ádám"),
            Some("adam"),
            Some(". ."),
            Some(""),
        ];
        let names: Vec<Name> = families
            .iter()
            .flat_map(|f| {
                givens.iter().map(move |g| Name {
                    family: f.map(str::to_string),
                    given: g.map(str::to_string),
                    ..Name::default()
                })
            })
            .collect();
        let mut scratch = String::new();
        let mut differing = 0;
        for a in &names {
            for b in &names {
                for c in &names {
                    let printed = [a.clone()];
                    let work = Item {
                        author: vec![b.clone(), c.clone()],
                        ..Item::default()
                    };
                    let fast = PrintedInitials::of(&printed)
                        .differ(&PackedItem::pack(&work), &mut scratch);
                    assert_eq!(
                        fast,
                        initials_differ_slowly(&printed, &work),
                        "{a:?} against {b:?}, {c:?}"
                    );
                    differing += usize::from(fast);
                }
            }
        }
        // Both outcomes are met.
        assert!(differing > 0 && differing < names.len().pow(3));
    }

    #[test]
    fn long_lists_of_notes_are_cut_in_diagnostics() {
        assert_eq!(listed(&["1", "4"], 8), "1, 4");
        let many: Vec<String> = (1..=20).map(|n| n.to_string()).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(listed(&many, 3), "1, 2, 3 and 17 more");
    }

    /// The loop `best_short_matches` replaced: every work under the first
    /// word of the printed name scored in turn, then the op. cit. rule
    /// (several works for a name alone: the latest). The index must give
    /// exactly this, score and ties included.
    fn scan_short_matches(
        r: &Resolver,
        query: &ShortQuery,
        quoted: Option<bool>,
    ) -> (Option<f32>, Vec<usize>) {
        let named = query.first.as_ref().is_some_and(|f| !f.contains(' '));
        let mut best: Option<f32> = None;
        let mut tied: Vec<usize> = Vec::new();
        for &w in r.short_candidates(query) {
            let w = w as usize;
            let mut s = short_match(query, &r.profiles[w], named);
            if s <= 0.0 {
                continue;
            }
            if quoted.is_some_and(|q| q == r.profiles[w].quoted_kind) {
                s += 0.25;
            }
            match best {
                Some(b) if (s - b).abs() < 1e-4 => {
                    if !tied.contains(&w) {
                        tied.push(w);
                    }
                }
                Some(b) if s < b => {}
                _ => {
                    best = Some(s);
                    tied.clear();
                    tied.push(w);
                }
            }
        }
        if query.title.is_none() && tied.len() > 1 {
            tied = vec![tied.iter().copied().max().unwrap_or(tied[0])];
        }
        (best, tied)
    }

    /// A resolver holding `count` made-up works and two more: most by one author (some
    /// with a second author, or her as editor), of every kind, titles drawn
    /// from a few words so that many share words and beginnings, and a few
    /// untitled letters of hers; one work later takes a translated title
    /// (as a merged citation gives it).
    fn crowded_resolver(count: usize) -> Resolver {
        const WORDS: &[&str] = &[
            "Silent", "Harbors", "Lantern", "Keepers", "Salt", "Marsh", "Copper", "Bells",
            "Winter", "Orchard", "Lanterns",
        ];
        let mut r = Resolver::new("crowded.txt");
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for i in 0..count {
            let (a, b, c) = (WORDS[next(11)], WORDS[next(11)], WORDS[next(11)]);
            let title = match next(5) {
                0 => format!("{a} {b}"),
                1 => format!("{a} {b} of the {c}"),
                2 => format!("The {a} {b}"),
                3 => format!("{a} {b}: {c} and {a}"),
                _ => a.to_string(),
            };
            let kind = [
                ItemType::Book,
                ItemType::ArticleJournal,
                ItemType::Chapter,
                ItemType::PersonalCommunication,
            ][next(4)];
            let quill = Name::person("Quillfeather", Some("Ida".into()));
            let mut item = Item {
                kind,
                title: (kind != ItemType::PersonalCommunication).then_some(title),
                ..Item::default()
            };
            match next(6) {
                0 => item.author = vec![quill, Name::person("Marrow", Some("Tom".into()))],
                1 => item.editor = vec![quill],
                2 => item.author = vec![Name::person("Marrow", Some("Tom".into()))],
                _ => item.author = vec![quill],
            }
            r.new_work(&item, &(i + 1).to_string(), true, None);
        }
        // Titles a short form may begin without holding all its words
        // ("Winter Orchard of the Lantern": "lantern" is not "lanterns").
        for (i, title) in [
            "Winter Orchard of the Lanterns",
            "Bells of the Salt Lanterns",
        ]
        .into_iter()
        .enumerate()
        {
            let item = Item {
                kind: ItemType::Book,
                title: Some(title.into()),
                author: vec![Name::person("Quillfeather", Some("Ida".into()))],
                ..Item::default()
            };
            r.new_work(&item, &(count + i + 1).to_string(), true, None);
        }
        // A work whose item takes a translated title: filed under it too.
        let mut merged = r.works[3].item.unpack();
        merged.custom.title_translated = Some("Copper Lantern Keepers".into());
        r.profiles[3] = Profile::new(&merged, &mut r.vocabulary);
        r.sketches[3] = Sketch::of(&r.profiles[3]);
        r.by_name.retitle(3, &r.profiles[3]);
        r
    }

    /// Short forms against a crowded author find exactly what reading
    /// every work of hers finds: the same best score, the same works tied
    /// in the same order (ambiguity reports list them), the latest for
    /// op. cit.; with titles whole, cut short ("Silent Harb"), under four
    /// bytes, beginning with an article or not, quoted or not.
    #[test]
    fn the_title_index_finds_what_reading_every_work_finds() {
        let r = crowded_resolver(400);
        let name = r.by_name.id("quillfeather").expect("indexed");
        assert!(r.by_name.titled(name), "enough works to be filed by title");
        let titles = [
            "Silent Harbors",
            "Silent Harb",
            "Salt Marsh",
            "The Salt Marsh",
            "Copper Lantern Keepers",
            "Lantern",
            "Lanterns of the Bells",
            "Bells",
            "Winter Orchard: Copper and Winter",
            "Orchard Orchard",
            "Sil",
            "Keep",
            "the",
            "Harbors Unknown",
            "Winter Orchard of the Lantern",
            "Bells of the Salt Lantern",
        ];
        let mut found = 0;
        for names in [
            vec!["Quillfeather"],
            vec!["Marrow"],
            vec!["Ida Quillfeather"],
            vec!["Nobody"],
        ] {
            let shorts = titles.iter().map(|t| Some(t.to_string())).chain([None]);
            for title in shorts {
                let short = crate::parse::chicago::ShortRef {
                    names: names.iter().map(|n| n.to_string()).collect(),
                    title,
                };
                let query = ShortQuery::new(&short, &r.vocabulary);
                for quoted in [None, Some(true), Some(false)] {
                    let expected = scan_short_matches(&r, &query, quoted);
                    let got = r.best_short_matches(&query, quoted, &PrintedInitials(Vec::new()));
                    assert_eq!(
                        got.0.map(f32::to_bits),
                        expected.0.map(f32::to_bits),
                        "score of {short:?} {quoted:?}"
                    );
                    assert_eq!(got.1, expected.1, "works of {short:?} {quoted:?}");
                    found += usize::from(!got.1.is_empty());
                }
            }
        }
        assert!(found > 40, "most short forms match some work ({found})");
    }

    /// The crowded author's short form picks the one work whose title it
    /// begins with all its words, and two works equally fit stay a tie.
    #[test]
    fn a_crowded_author_still_resolves_and_ties_stay_ties() {
        let mut r = crowded_resolver(300);
        let quill = |title: &str| Item {
            kind: ItemType::Book,
            title: Some(title.into()),
            author: vec![Name::person("Quillfeather", Some("Ida".into()))],
            ..Item::default()
        };
        let one = r.new_work(&quill("Drowned Belfries of the Coast"), "301", true, None);
        let early = r.new_work(&quill("Tidal Clocks: The Early Years"), "302", true, None);
        let late = r.new_work(&quill("Tidal Clocks: The Late Years"), "303", true, None);
        let query = |title: &str| {
            let short = crate::parse::chicago::ShortRef {
                names: vec!["Quillfeather".into()],
                title: Some(title.into()),
            };
            ShortQuery::new(&short, &r.vocabulary)
        };
        let (score, works) = r.best_short_matches(
            &query("Drowned Belfries"),
            Some(false),
            &PrintedInitials(Vec::new()),
        );
        assert_eq!(works, vec![one]);
        assert_eq!(score, Some(1.75));
        let (_, works) = r.best_short_matches(
            &query("Tidal Clocks"),
            Some(false),
            &PrintedInitials(Vec::new()),
        );
        assert_eq!(works, vec![early, late]);
    }

    /// The crowded author with many editions of a few titles (works of
    /// their own: another year, another first name, another kind), some
    /// cited first in notes of one label (chapters number notes anew).
    fn resolver_of_editions() -> Resolver {
        let mut r = crowded_resolver(300);
        let titles = [
            "Silent Harbors",
            "Salt Marsh: Copper and Salt",
            "Winter Bells",
        ];
        for i in 0..240 {
            let kind = [ItemType::Book, ItemType::ArticleJournal][i % 7 / 5];
            let given = ["Ida", "Ines"][i % 3 / 2];
            let item = Item {
                kind,
                title: Some(titles[i % 5 % 3].into()),
                author: vec![Name::person("Quillfeather", Some(given.into()))],
                issued: Some(crate::model::Date::ymd(1900 + i as i32, None, None)),
                ..Item::default()
            };
            r.new_work(&item, &(i % 40 + 1).to_string(), true, None);
        }
        r
    }

    /// Profiles compared by their prints are equal exactly when their
    /// texts, title words and kinds are.
    #[test]
    fn prints_and_label_numbers_tell_what_the_texts_tell() {
        let r = resolver_of_editions();
        let (mut same, mut apart) = (0, 0);
        for (a, p) in r.profiles.iter().enumerate() {
            for (b, q) in r.profiles.iter().enumerate() {
                let slow = p.families_end == q.families_end
                    && p.archival_untitled == q.archival_untitled
                    && p.quoted_kind == q.quoted_kind
                    && p.folded == q.folded
                    && p.title_words == q.title_words;
                assert_eq!(p.same_as(q), slow, "{a} {b}");
                assert_eq!(p.same_text(q), p.folded == q.folded, "{a} {b}");
                if slow {
                    same += 1;
                } else {
                    apart += 1;
                }
            }
        }
        assert!(same > 1000 && apart > 1000, "{same} {apart}");
    }

    /// The notes a warning lists for tied works, told by label numbers,
    /// are those a set of their labels finds, in the order of the works:
    /// over lists of works in any order, with repeats, listed again and
    /// again (numbers given at the first listing, bits cleared between).
    #[test]
    fn listed_notes_are_the_labels_a_set_finds() {
        let mut r = resolver_of_editions();
        let n = r.works.len();
        let mut seed = 3u64;
        for round in 0..400 {
            let mut tied: Vec<usize> = Vec::new();
            for _ in 0..(round % 60) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let w = (seed >> 33) as usize % n;
                if !tied.contains(&w) {
                    tied.push(w);
                }
            }
            if round % 3 == 0 {
                tied.sort_unstable();
            }
            let mut set = std::collections::HashSet::new();
            let slow: Vec<&str> = tied
                .iter()
                .map(|&w| r.works[w].first_note.as_str())
                .filter(|l| set.insert(*l))
                .collect();
            let slow = listed(&slow, NOTES_LISTED);
            assert_eq!(r.listed_notes(&tied), slow, "{tied:?}");
            assert!(r.listed_labels.iter().all(|&b| b == 0));
        }
    }

    /// Many works with one profile: each is scored from the profile
    /// weighed before it, and the index still finds what reading every
    /// work finds, score and ties in order.
    #[test]
    fn editions_score_as_reading_every_work_finds() {
        let r = resolver_of_editions();
        let mut tied_editions = 0;
        for title in [
            Some("Silent Harbors"),
            Some("Silent"),
            Some("Salt Marsh"),
            Some("Winter Bells"),
            Some("Winter"),
            Some("Copper Salt"),
            Some("Sil"),
            None,
        ] {
            let short = crate::parse::chicago::ShortRef {
                names: vec!["Quillfeather".into()],
                title: title.map(str::to_string),
            };
            let query = ShortQuery::new(&short, &r.vocabulary);
            for quoted in [None, Some(true), Some(false)] {
                let expected = scan_short_matches(&r, &query, quoted);
                let got = r.best_short_matches(&query, quoted, &PrintedInitials(Vec::new()));
                assert_eq!(got.0.map(f32::to_bits), expected.0.map(f32::to_bits));
                assert_eq!(got.1, expected.1, "works of {short:?} {quoted:?}");
                tied_editions += usize::from(got.1.len() > 20);
            }
        }
        assert!(tied_editions > 3, "editions tie ({tied_editions})");
    }

    /// Whether a title begins with a cut, told from the text's start, is
    /// what reading every title says: every prefix of every title and
    /// family name of the crowded author's works, with a line break, and
    /// empty.
    #[test]
    fn a_title_begins_as_every_title_says() {
        let r = resolver_of_editions();
        let mut cuts: Vec<String> = vec![String::new(), "\n".into(), "x\nsilent".into()];
        for p in r.profiles.iter().take(120) {
            for t in p.folded.split('\n') {
                for (at, _) in t.char_indices().chain([(t.len(), ' ')]) {
                    cuts.push(t[..at].to_string());
                    cuts.push(format!("{}\n", &t[..at]));
                }
            }
        }
        cuts.sort();
        cuts.dedup();
        let (mut yes, mut no) = (0, 0);
        for p in &r.profiles {
            for cut in &cuts {
                let expected = p.titles().any(|t| t.starts_with(cut.as_str()));
                assert_eq!(p.a_title_begins(cut), expected, "{:?} {cut:?}", p.folded);
                if expected {
                    yes += 1;
                } else {
                    no += 1;
                }
            }
        }
        assert!(yes > 1000 && no > 1000, "{yes} {no}");
    }

    /// Ties kept without a set: a work is added once, in whatever order
    /// works come.
    #[test]
    fn ties_hold_each_work_once_in_any_order() {
        let mut seed = 11u64;
        for round in 0..200 {
            let mut ties = Ties::default();
            let mut expected: Vec<usize> = Vec::new();
            for k in 0..(round % 30) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                // Mostly rising, with repeats and a few out of order.
                let w = match (seed >> 33) % 4 {
                    0 => expected.last().copied().unwrap_or(0),
                    1 => ((seed >> 40) % 50) as usize,
                    _ => k * 3,
                };
                ties.add(w);
                if !expected.contains(&w) {
                    expected.push(w);
                }
            }
            assert_eq!(ties.list, expected);
        }
    }

    /// Ties that go out of order keep a set (looking through a long list
    /// for every work would cost its square): each work once, in the
    /// order added, through clears and back to works in order, as
    /// looking through the list finds.
    #[test]
    fn ties_out_of_order_hold_each_work_once_through_clears() {
        let mut seed = 5u64;
        let mut ties = Ties::default();
        let mut expected: Vec<usize> = Vec::new();
        for step in 0..20_000usize {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = seed >> 33;
            if r % 997 == 0 {
                ties.clear();
                expected.clear();
                continue;
            }
            // Long runs falling, then rising, with repeats of any work.
            let w = match (step / 1500) % 3 {
                0 => 3_000 - (step % 1500) * 2,
                1 => step % 1500,
                _ => (r % 700) as usize,
            };
            let w = if r % 5 == 0 {
                expected
                    .get((r as usize / 5) % expected.len().max(1))
                    .copied()
                    .unwrap_or(w)
            } else {
                w
            };
            ties.add(w);
            if !expected.contains(&w) {
                expected.push(w);
            }
            assert_eq!(ties.list.len(), expected.len());
        }
        assert_eq!(ties.list, expected);
        // In order again after a clear: no set is read.
        ties.clear();
        for w in [1, 2, 2, 5] {
            ties.add(w);
        }
        assert!(!ties.unordered);
        assert_eq!(ties.list, [1, 2, 5]);
    }

    /// Tied works whose names and titles are all the first's are one work
    /// cited apart exactly when reading their notes says so: over every
    /// set of editions of one profile, with other works beside them, and
    /// in other orders.
    #[test]
    fn editions_are_one_work_as_their_notes_say() {
        let r = resolver_of_editions();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for w in 0..r.works.len() {
            match groups
                .iter_mut()
                .find(|g| r.profiles[g[0]].folded == r.profiles[w].folded)
            {
                Some(g) => g.push(w),
                None => groups.push(vec![w]),
            }
        }
        let mut checked = (0, 0);
        let mut seed = 5u64;
        for group in groups.iter().filter(|g| g.len() > 1) {
            for other in [None, Some(0), Some(7), Some(r.works.len() - 1)] {
                for take in [2, 3, group.len()] {
                    let mut tied: Vec<usize> = group.iter().copied().take(take).collect();
                    tied.extend(other.filter(|o| !tied.contains(o)));
                    for _ in 0..3 {
                        let fast = r.one_work_cited_apart(&tied);
                        assert_eq!(fast, cited_apart_slow(&r, &tied), "{tied:?}");
                        assert_eq!(r.one_work_cited_apart_by_notes(&tied), fast, "{tied:?}");
                        if fast {
                            checked.0 += 1;
                        } else {
                            checked.1 += 1;
                        }
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        let k = (seed >> 33) as usize % tied.len();
                        tied.swap(0, k);
                    }
                }
            }
        }
        assert!(checked.0 > 50 && checked.1 > 50, "{checked:?}");
        // Lists drawn from a few groups of editions and their notes (one
        // label in several chapters), so that both answers come from
        // the notes too.
        let pool: Vec<usize> = groups
            .iter()
            .filter(|g| g.len() > 1)
            .take(4)
            .flat_map(|g| g.iter().copied().take(12))
            .collect();
        let mut answers = (0, 0);
        for _ in 0..3000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = 2 + (seed >> 60) as usize % 5;
            let mut tied: Vec<usize> = Vec::new();
            for k in 0..len {
                let w = pool[(seed >> (k * 8 + 8)) as usize % pool.len()];
                if !tied.contains(&w) {
                    tied.push(w);
                }
            }
            if tied.len() < 2 {
                continue;
            }
            let expected = cited_apart_slow(&r, &tied);
            assert_eq!(r.one_work_cited_apart(&tied), expected, "{tied:?}");
            assert_eq!(r.one_work_cited_apart_by_notes(&tied), expected, "{tied:?}");
            if expected {
                answers.0 += 1;
            } else {
                answers.1 += 1;
            }
        }
        assert!(answers.0 > 100 && answers.1 > 100, "{answers:?}");
    }

    /// The test `resolve_short` made before it told editions from their
    /// profiles: every tied work is cited first in the note of the first,
    /// or prints the names and titles of one that is.
    fn cited_apart_slow(r: &Resolver, tied: &[usize]) -> bool {
        let note = &r.works[tied[0]].first_note;
        let in_first: HashSet<&str> = tied
            .iter()
            .filter(|&&w| r.works[w].first_note == *note)
            .map(|&w| &*r.profiles[w].folded)
            .collect();
        tied.iter()
            .all(|&w| r.works[w].first_note == *note || in_first.contains(&*r.profiles[w].folded))
    }
}
