//! Archives outside the Russian shorthand, as a document names them
//! (GUIDELINE §7): a repository ("Kautz Family YMCA Archives", "Houghton
//! Library, Harvard University"), a collection in it ("Paul Dahl
//! Papers"), and the boxes, files and pages of the papers.
//!
//! Such archives are usually named in full once, with the abbreviation
//! the author uses afterwards: "Ann Lee Papers, Frost County Archives,
//! Duluth (ALP FCA)", "Gray Library, Elm University, Lake Collection
//! (henceforth LC), Box 4". [`Repositories`] learns those definitions
//! note by note ([`Repositories::learn`]) and then finds a reference in a
//! later note: a trailing group "(ALP FCA)", a closing "ALP FCA.", or a
//! reference that opens with the repository or a defined abbreviation
//! ("LC, Box 9, File 2"). Repositories with a known name and city live in
//! `data/repositories.tsv`.

use crate::model::Item;
use crate::parse::layout;
use crate::text::squash_spaces;
use std::sync::OnceLock;

/// Words that name a repository ("National Archives", "Gray Library",
/// "Hoover Institution Archives").
const REPOSITORY_WORDS: &[&str] = &[
    "archive",
    "archives",
    "archiv",
    "library",
    "libraries",
    "institution",
];

/// Words that name a collection of papers inside a repository.
const COLLECTION_WORDS: &[&str] = &[
    "papers",
    "collection",
    "collections",
    "records",
    "files",
    "fonds",
    "manuscripts",
];

/// Words that place a document in a repository's papers.
const LOCATION_WORDS: &[&str] = &[
    "box",
    "boxes",
    "folder",
    "file",
    "series",
    "ms",
    "mss",
    "rg",
    "collection",
    "papers",
    "records",
    "item",
    "reel",
    "carton",
    "folio",
    "fols",
    "subseries",
];

/// Words that introduce the abbreviation a document uses from now on.
const HENCEFORTH: &[&str] = &[
    "henceforth cited as ",
    "hereafter cited as ",
    "hereinafter cited as ",
    "henceforth ",
    "hereafter ",
    "hereinafter ",
    "cited as ",
];

/// A repository of `data/repositories.tsv`: its name and city.
#[derive(Clone, Debug, PartialEq, Eq)]
struct KnownRepository {
    name: String,
    place: Option<String>,
    /// Other printed forms of the name, lowercased.
    variants: Vec<String>,
}

/// The repositories of `data/repositories.tsv`, read once.
fn known() -> &'static [KnownRepository] {
    static TABLE: OnceLock<Vec<KnownRepository>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../../data/repositories.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
            .filter_map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                let name = cols.first()?.trim().to_string();
                let place = cols
                    .get(1)
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty());
                let mut variants: Vec<String> = cols
                    .get(2)
                    .map(|v| {
                        v.split('|')
                            .map(|x| x.trim().to_lowercase())
                            .filter(|x| !x.is_empty())
                            .collect()
                    })
                    .unwrap_or_default();
                variants.push(name.to_lowercase());
                Some(KnownRepository {
                    name,
                    place,
                    variants,
                })
            })
            .collect()
    })
}

/// The repository of the table whose name (or a variant) opens `s`, with
/// the bytes it takes.
fn known_at(s: &str) -> Option<(&'static KnownRepository, usize)> {
    // The names of the table by the first letter of their printed forms,
    // each list in the order of the table (so the longest name wins ties
    // as in a walk of the whole table): a sentence start is compared only
    // with the names its first letter, lowercased, can open.
    type ByInitial = Vec<(char, Vec<(&'static KnownRepository, &'static str)>)>;
    static BY_INITIAL: OnceLock<ByInitial> = OnceLock::new();
    let by_initial = BY_INITIAL.get_or_init(|| {
        let mut index: ByInitial = Vec::new();
        for k in known() {
            for v in &k.variants {
                let Some(first) = v.chars().next() else {
                    continue;
                };
                match index.iter_mut().find(|(c, _)| *c == first) {
                    Some((_, names)) => names.push((k, v.as_str())),
                    None => index.push((first, vec![(k, v.as_str())])),
                }
            }
        }
        index
    });
    let c = s.chars().next()?;
    if !initial_may_open(c) {
        return None;
    }
    // A start that opens with two ASCII characters can be opened only by
    // a name that opens with the same two, lowercased (an ASCII character
    // lowercases to an ASCII one, and the names are lowercase): a bit for
    // each such pair of the names; none when a name is shorter than two
    // bytes.
    static PAIRS: OnceLock<Option<Vec<u64>>> = OnceLock::new();
    let pairs = PAIRS.get_or_init(|| {
        let mut bits = vec![0u64; 128 * 128 / 64];
        for (_, name) in every_known_name() {
            let [a, b, ..] = *name.as_bytes() else {
                return None;
            };
            if a.is_ascii() && b.is_ascii() {
                crate::text::set_bit(&mut bits, usize::from(a) << 7 | usize::from(b));
            }
        }
        Some(bits)
    });
    if let (Some(bits), &[a, b, ..]) = (pairs, s.as_bytes()) {
        let pair = usize::from(a.to_ascii_lowercase()) << 7 | usize::from(b.to_ascii_lowercase());
        if a.is_ascii() && b.is_ascii() && !crate::text::has_bit(bits, pair) {
            return None;
        }
    }
    let initial = match crate::text::latin_or_russian_lowercase(c) {
        Some(l) => Some(l),
        None if c.is_ascii() => Some(c),
        None if c == 'Σ' => None,
        None => c.to_lowercase().next(),
    };
    match initial {
        Some(i) => {
            let (_, names) = by_initial.iter().find(|(c, _)| *c == i)?;
            longest_opening(s, names.iter().copied())
        }
        // A capital sigma lowercases by its context: every name is asked.
        None => longest_opening(s, every_known_name()),
    }
}

/// False when no name of the table can open a text that opens with the
/// character `c` (most sentence starts open with a letter no name opens
/// with): an ASCII one whose lowercase opens none, or a Russian letter
/// when every name opens with an ASCII letter (a Russian letter lowercases
/// to one that is not). The first test of [`known_at`], which
/// [`Repositories::leading`] also asks before it reads a start.
fn initial_may_open(c: char) -> bool {
    // The ASCII initials of the names as bits, and whether any initial
    // is not ASCII.
    static QUICK: OnceLock<(u128, bool)> = OnceLock::new();
    let &(ascii_initials, other_initials) = QUICK.get_or_init(|| {
        every_known_name().fold((0, false), |(bits, other), (_, name)| {
            match name.chars().next() {
                Some(i) if i.is_ascii() => (bits | 1u128 << (i as u32), other),
                Some(_) => (bits, true),
                None => (bits, other),
            }
        })
    });
    if c.is_ascii() {
        return ascii_initials & 1u128 << (c.to_ascii_lowercase() as u32) != 0;
    }
    !matches!(c, 'А'..='я' | 'Ё' | 'ё') || other_initials
}

/// Every printed form of every repository of the table, in table order.
fn every_known_name() -> impl Iterator<Item = (&'static KnownRepository, &'static str)> {
    known()
        .iter()
        .flat_map(|k| k.variants.iter().map(move |v| (k, v.as_str())))
}

/// The longest of `names` that opens `s` (followed by no letter or
/// digit), with the bytes it takes.
fn longest_opening(
    s: &str,
    names: impl Iterator<Item = (&'static KnownRepository, &'static str)>,
) -> Option<(&'static KnownRepository, usize)> {
    names
        .filter(|(_, v)| {
            opens_with_lowercased(s, v)
                && s[v.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|(_, v)| v.len())
        .map(|(k, v)| (k, v.len()))
}

/// True when the first `lower.len()` bytes of `s`, lowercased, are
/// `lower` (itself lowercase). Every segment is asked this for every name
/// of the table at each sentence start, so a first ASCII letter that
/// differs rejects at once, and text is compared without building a
/// lowercased copy.
fn opens_with_lowercased(s: &str, lower: &str) -> bool {
    let (Some(&first), Some(&want)) = (s.as_bytes().first(), lower.as_bytes().first()) else {
        return false;
    };
    if first.is_ascii() && first.to_ascii_lowercase() != want {
        return false;
    }
    let Some(head) = s.get(..lower.len()) else {
        return false;
    };
    if head.is_ascii() {
        return head.eq_ignore_ascii_case(lower);
    }
    // Character by character, stopping at the first that differs (a
    // capital sigma lowercases by its context: the whole text then).
    let mut want = lower.chars();
    for c in head.chars() {
        if c == 'Σ' {
            return head.to_lowercase() == lower;
        }
        if let Some(l) = crate::text::latin_or_russian_lowercase(c) {
            if want.next() != Some(l) {
                return false;
            }
            continue;
        }
        for l in c.to_lowercase() {
            if want.next() != Some(l) {
                return false;
            }
        }
    }
    want.next().is_none()
}

/// The repository of the table named `name` as printed, if any.
fn known_named(name: &str) -> Option<&'static KnownRepository> {
    known_at(name)
        .filter(|(_, len)| *len == name.len())
        .map(|(k, _)| k)
}

/// True when `chunk` holds one of `words` (ASCII, any case) as a whole
/// word (a run of letters and digits). Words are cut on bytes: an ASCII
/// byte is a letter or digit or not, and only a non-ASCII character is
/// looked up in the Unicode tables (it can only extend a word, which then
/// matches no ASCII word of the list).
fn has_word(chunk: &str, words: &[&str]) -> bool {
    // A word of the list is ASCII: only a run of ASCII letters and digits
    // can be one, and only if no other letter or digit (a non-ASCII one)
    // joins it on either side. Runs are found a byte at a time, and the
    // characters around a run are looked at only when it is a word of the
    // list.
    let bytes = chunk.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let run = &bytes[start..i];
        if words
            .iter()
            .any(|x| x.len() == run.len() && x.as_bytes().eq_ignore_ascii_case(run))
        {
            let joined_before = chunk[..start]
                .chars()
                .next_back()
                .is_some_and(crate::text::is_alphanumeric);
            let joined_after = chunk[i..]
                .chars()
                .next()
                .is_some_and(crate::text::is_alphanumeric);
            if !joined_before && !joined_after {
                return true;
            }
        }
    }
    false
}

/// [`has_word`] of [`REPOSITORY_WORDS`], for a whole body. Each of the
/// words holds one of [`REPOSITORY_STEMS`], so a body whose ASCII letters,
/// lowercased, hold none of them holds none of the words: most bodies are
/// told so by looking at the few places where a stem's rarest letter
/// stands, and only the others are cut into words.
fn holds_repository_word(text: &str) -> bool {
    let bytes = text.as_bytes();
    let stem = REPOSITORY_STEMS.iter().any(|&(stem, anchor)| {
        let a = stem.as_bytes()[anchor];
        memchr::memchr2_iter(a, a.to_ascii_uppercase(), bytes).any(|p| {
            p.checked_sub(anchor)
                .and_then(|start| bytes.get(start..start + stem.len()))
                .is_some_and(|here| here.eq_ignore_ascii_case(stem.as_bytes()))
        })
    });
    stem && has_word(text, REPOSITORY_WORDS)
}

/// A piece of each of [`REPOSITORY_WORDS`] (lowercase): every word holds
/// one. With each, the place of its letter that is rarest in English
/// text, where a search for it starts.
const REPOSITORY_STEMS: &[(&str, usize)] = &[("rchiv", 4), ("ibrar", 1), ("nstitution", 5)];

/// What an abbreviation stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    archive: String,
    place: Option<String>,
    /// The collection (or its call number) for an abbreviation of a
    /// collection; `None` for an abbreviation of the repository itself.
    collection: Option<String>,
}

/// An archival reference outside the Russian shorthand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RepositoryRef {
    pub archive: String,
    pub place: Option<String>,
    /// Collection, call number, box, file, page, as printed.
    pub location: Option<String>,
    /// The repository's abbreviation, when the document uses one.
    pub abbrev: Option<String>,
}

impl RepositoryRef {
    /// Puts the reference on an item (archive, archive-place,
    /// archive_location, custom.archive_abbrev).
    pub fn apply_to(&self, item: &mut Item) {
        item.archive = Some(self.archive.clone());
        if self.place.is_some() {
            item.archive_place = self.place.clone();
        }
        if let Some(loc) = &self.location {
            item.archive_location = Some(loc.clone());
        }
        if self.abbrev.is_some() {
            item.custom.archive_abbrev = self.abbrev.clone();
        }
    }
}

/// The abbreviations of repositories and collections a document has
/// defined so far.
#[derive(Clone, Debug, Default)]
pub struct Repositories {
    abbrevs: Vec<(String, Entry)>,
}

/// True for a word that may be an abbreviation: two to ten capitals or
/// digits ("KFYA", "HRC", "RG59").
fn abbreviation_like(w: &str) -> bool {
    let n = w.chars().count();
    (2..=10).contains(&n)
        && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && w.chars().any(char::is_uppercase)
}

impl Repositories {
    /// An empty table (a new document).
    pub fn new() -> Repositories {
        Repositories::default()
    }

    fn entry(&self, abbrev: &str) -> Option<&Entry> {
        self.abbrevs
            .iter()
            .rev()
            .find(|(a, _)| a == abbrev)
            .map(|(_, e)| e)
    }

    /// Keeps an abbreviation's latest definition, once: a document that
    /// defines the same abbreviation in every chapter must not make every
    /// later lookup look through every definition.
    fn remember(&mut self, (abbrev, entry): (String, Entry)) {
        self.abbrevs.retain(|(a, _)| *a != abbrev);
        self.abbrevs.push((abbrev, entry));
    }

    /// Learns the abbreviations that `text` (one note) defines for
    /// repositories and their collections: a parenthesized group after a
    /// name that holds a repository word, "(ALP FCA)", "(FCA)",
    /// "(henceforth LC)", "(hereafter MS Lake 12)".
    pub fn learn(&mut self, text: &str) {
        let mut from = 0;
        let bytes = text.as_bytes();
        while let Some(open) = memchr::memchr(b'(', &bytes[from..]).map(|i| from + i) {
            // A definition is short: its ')' is near.
            let window = &bytes[open..text.len().min(open + 120)];
            let Some(close) = memchr::memchr(b')', window).map(|i| open + i) else {
                from = open + 1;
                continue;
            };
            from = close + 1;
            let inner = text[open + 1..close].trim();
            let (tokens, henceforth) = match HENCEFORTH.iter().find(|h| {
                inner.len() > h.len()
                    && inner
                        .get(..h.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(h))
            }) {
                Some(h) => (inner[h.len()..].trim(), true),
                None => (inner, false),
            };
            // Without "henceforth", a group defines only abbreviations: one
            // whose first word is none (most of them: a place and year, a
            // remark) defines nothing.
            if !henceforth
                && !tokens
                    .split_whitespace()
                    .next()
                    .is_some_and(abbreviation_like)
            {
                continue;
            }
            // Neither kind of definition has more than four words: the
            // words are gathered only up to a fifth.
            let words: Vec<&str> = tokens.split_whitespace().take(5).collect();
            if words.len() > 4 {
                continue;
            }
            let plain =
                !words.is_empty() && words.len() <= 2 && words.iter().all(|w| abbreviation_like(w));
            // After "henceforth", a call number ("MS Lake 12") may stand
            // for the collection.
            let call_number = henceforth
                && (1..=4).contains(&words.len())
                && tokens.starts_with(char::is_uppercase);
            if !(plain || call_number) {
                continue;
            }
            self.define(&text[..open], tokens, &words, henceforth && !plain);
        }
    }

    /// Defines the abbreviation(s) `tokens` for the repository and
    /// collection named at the end of `before`.
    fn define(&mut self, before: &str, tokens: &str, words: &[&str], call_number: bool) {
        // A name is at most a few hundred bytes long.
        let mut cut = before.len().saturating_sub(400);
        while !before.is_char_boundary(cut) {
            cut += 1;
        }
        let before = &before[cut..];
        // The name runs back to the start of the sentence or clause; an
        // initial inside a name ("Paul B. Dahl Papers") does not end it.
        let start = before
            .char_indices()
            .rev()
            .find(|&(i, c)| {
                matches!(c, ';' | '(' | ')')
                    || (c == '.'
                        && before[..i]
                            .rsplit(|c: char| !c.is_alphanumeric())
                            .next()
                            .unwrap_or("")
                            .chars()
                            .count()
                            > 1)
            })
            .map_or(0, |(i, c)| i + c.len_utf8());
        let name = before[start..].trim_start_matches(|c: char| !c.is_alphanumeric());
        let chunks: Vec<&str> = layout::chunks(name).into_iter().map(|(_, c)| c).collect();
        let Some(r) = chunks
            .iter()
            .position(|c| has_word(c, REPOSITORY_WORDS) || known_named(c).is_some())
        else {
            return;
        };
        let mut archive = squash_spaces(chunks[r]);
        let mut next = r + 1;
        // "Gray Library, Elm University": the library of a university.
        if let Some(parent) = chunks.get(next) {
            if has_word(parent, &["university", "college"]) && !has_word(parent, REPOSITORY_WORDS) {
                archive = format!("{archive}, {}", squash_spaces(parent));
                next += 1;
            }
        }
        let after = &chunks[next.min(chunks.len())..];
        let collection_after = after
            .iter()
            .find(|c| has_word(c, COLLECTION_WORDS))
            .map(|c| squash_spaces(c));
        let collection_before = r
            .checked_sub(1)
            .map(|k| chunks[k])
            .filter(|c| has_word(c, COLLECTION_WORDS))
            .map(squash_spaces);
        let mut place = after
            .iter()
            .rev()
            .find(|c| {
                !has_word(c, COLLECTION_WORDS)
                    && !has_word(c, REPOSITORY_WORDS)
                    && c.split_whitespace().count() <= 3
                    && c.starts_with(char::is_uppercase)
            })
            .map(|c| squash_spaces(c));
        if let Some(k) = known_named(&archive) {
            archive = k.name.clone();
            place = place.or(k.place.clone());
        }
        let repository = Entry {
            archive: archive.clone(),
            place: place.clone(),
            collection: None,
        };
        let last_is_collection = chunks.last().is_some_and(|c| has_word(c, COLLECTION_WORDS));
        let collection = collection_after.or(collection_before);
        match (words, collection) {
            ([coll, repo], Some(collection)) if !call_number => {
                self.remember((
                    coll.to_string(),
                    Entry {
                        collection: Some(collection),
                        ..repository.clone()
                    },
                ));
                self.remember((repo.to_string(), repository));
            }
            (_, Some(collection)) if last_is_collection || call_number => {
                // A call number stands for the collection and is printed
                // in its place; a name is expanded to the collection's.
                let shown = if tokens.chars().any(|c| c.is_ascii_digit()) {
                    tokens.to_string()
                } else {
                    collection
                };
                self.remember((
                    tokens.to_string(),
                    Entry {
                        collection: Some(shown),
                        ..repository
                    },
                ));
            }
            ([one], _) => self.remember((one.to_string(), repository)),
            _ => {}
        }
    }

    /// The entry of a run of abbreviations ("ALP FCA", "FCA", "LC"): the
    /// repository, and the collection when one of them names it.
    fn entry_of_run(&self, run: &str) -> Option<(Entry, Option<String>)> {
        // A document that defined nothing has no run to read (asked of
        // every sentence start of every segment).
        if self.abbrevs.is_empty() {
            return None;
        }
        // The run, or its first word, is a defined abbreviation: it opens
        // with the first byte of one (most runs asked open with another).
        let first = run.trim_start().as_bytes().first();
        if !self
            .abbrevs
            .iter()
            .any(|(a, _)| a.as_bytes().first() == first)
        {
            return None;
        }
        // A run of one to three words (counted before they are gathered:
        // most runs asked are longer).
        let count = run.split_whitespace().take(4).count();
        if count == 0 || count > 3 {
            return None;
        }
        let words: Vec<&str> = run.split_whitespace().collect();
        if let Some(e) = self.entry(run.trim()) {
            let abbrev = e.collection.is_none().then(|| run.trim().to_string());
            return Some((e.clone(), abbrev));
        }
        let entries: Option<Vec<(&str, &Entry)>> = words
            .iter()
            .map(|w| self.entry(w).map(|e| (*w, e)))
            .collect();
        let entries = entries?;
        let repo = entries.iter().rev().find(|(_, e)| e.collection.is_none());
        let coll = entries.iter().find(|(_, e)| e.collection.is_some());
        let base = coll.or(repo)?.1.clone();
        let abbrev = repo.map(|(w, _)| w.to_string());
        Some((base, abbrev))
    }

    /// A reference closing `body`: "(ALP FCA)", "(Folder 3, Ann Lee, 1,
    /// FCA)", ", Box 4, FCA", or "ALP FCA" printed as its own sentence.
    /// Returns where the reference starts (the text before it is the
    /// document) and the reference.
    ///
    /// Asked of every segment of a document that defined an abbreviation.
    /// The run read ends the text (its final group without the ')', or
    /// the text itself), and is a defined abbreviation or a run of them:
    /// it ends with the last word of one. A text that ends with none (most
    /// end with a page or a year) is turned away before the group is
    /// looked for.
    pub fn trailing(&self, body: &str) -> Option<(usize, RepositoryRef)> {
        if self.abbrevs.is_empty() {
            return None;
        }
        let t = body.trim_end().trim_end_matches(['.', ';']).trim_end();
        // The last bytes are compared first: most texts end with another.
        let ends_with_abbreviation = |u: &str| {
            self.abbrevs.iter().any(|(a, _)| {
                let a = a.trim_end();
                a.as_bytes().last() == u.as_bytes().last()
                    && a.split_whitespace()
                        .next_back()
                        .is_some_and(|last| u.ends_with(last))
            })
        };
        let in_group = t.strip_suffix(')').map(str::trim_end);
        if !ends_with_abbreviation(t) && !in_group.is_some_and(ends_with_abbreviation) {
            return None;
        }
        self.read_trailing(t)
    }

    /// The reference that closes `t` (a body without its final white
    /// space, periods and semicolons) for [`Repositories::trailing`].
    fn read_trailing(&self, t: &str) -> Option<(usize, RepositoryRef)> {
        if let Some(open) = t.strip_suffix(')').and_then(|inner| {
            // The group that the final ')' closes.
            let mut depth = 0;
            for (i, c) in inner.char_indices().rev() {
                match c {
                    ')' => depth += 1,
                    '(' if depth == 0 => return Some(i),
                    '(' => depth -= 1,
                    _ => {}
                }
            }
            None
        }) {
            let inner = &t[open + 1..t.len() - 1];
            let (head, run) = match inner.rfind(',') {
                Some(c) => (inner[..c].trim(), inner[c + 1..].trim()),
                None => ("", inner.trim()),
            };
            if let Some((entry, abbrev)) = self.entry_of_run(run) {
                let location = match (head.is_empty(), &entry.collection) {
                    (false, _) => Some(squash_spaces(head)),
                    (true, Some(c)) => Some(c.clone()),
                    (true, None) => None,
                };
                return Some((
                    open,
                    RepositoryRef {
                        archive: entry.archive,
                        place: entry.place,
                        location,
                        abbrev,
                    },
                ));
            }
            return None;
        }
        // "..., Box 4, FCA" or "... 12. ALP FCA"
        let cut = t.rfind([',', '.']).map_or(0, |i| i + 1);
        let run = t[cut..].trim();
        let (entry, abbrev) = self.entry_of_run(run)?;
        let start = if cut == 0 { 0 } else { cut - 1 };
        Some((
            start,
            RepositoryRef {
                archive: entry.archive,
                place: entry.place,
                location: entry.collection,
                abbrev,
            },
        ))
    }

    /// A reference that opens `body` (or follows a sentence of prose in
    /// it): a defined abbreviation or a repository of the table, then the
    /// location ("LC, Box 9, File 2", "Gray Library, Elm University, Lake
    /// Collection, Box 4"). Returns where the reference starts.
    ///
    /// Asked of every segment of every note. Every way of reading a start
    /// ends with a location that prints an ASCII digit (the text after
    /// the abbreviation, the repository or the first chunk, all of them
    /// after the start): a body without one holds no reference, and no
    /// start after its last digit opens one (the starts are in order).
    pub fn leading(&self, body: &str) -> Option<(usize, RepositoryRef)> {
        let last_digit = body.bytes().rposition(|b| b.is_ascii_digit())?;
        let mut starts = sentence_starts(body);
        starts.sort_unstable();
        starts.truncate(16);
        // A reference opens with a defined abbreviation, a repository of
        // the table, or a first chunk that holds a repository word. Such a
        // word is a whole word of the body too (a first chunk starts after
        // white space and ends before a comma, white space or the end):
        // most bodies hold none, and then only the abbreviations and the
        // table are asked at their sentence starts.
        let worded = holds_repository_word(body);
        starts
            .into_iter()
            .take_while(|&s| s <= last_digit)
            .find_map(|s| {
                let here = &body[s..];
                if !worded && !self.may_open_at(here) {
                    return None;
                }
                let r = self.leading_at(here, worded)?;
                Some((s, r))
            })
    }

    /// False when a start that opens with no white space (most do) can
    /// open neither a defined abbreviation nor a repository of the table,
    /// told by its first character alone: no abbreviation opens with its
    /// first byte ([`Repositories::may_open_run`] asks that first) and no
    /// name with the character ([`initial_may_open`], the first test of
    /// [`known_at`]). [`Repositories::leading_at`] then finds nothing
    /// when the body holds no repository word, and is not asked.
    fn may_open_at(&self, here: &str) -> bool {
        let Some(c) = here.chars().next().filter(|c| !c.is_whitespace()) else {
            return true;
        };
        initial_may_open(c)
            || self
                .abbrevs
                .iter()
                .any(|(a, _)| a.as_bytes().first() == here.as_bytes().first())
    }

    /// True when some defined abbreviation is `word` or opens with it
    /// and white space: what the run of abbreviations read by
    /// [`Repositories::entry_of_run`] must open with to be found (the run
    /// as a whole is a defined abbreviation, which opens with its first
    /// word, or each of its words is one). Asked only of a word whose
    /// first byte opens an abbreviation (most words are turned away on
    /// that byte).
    fn may_open_run(&self, word: &str) -> bool {
        let Some(&first) = word.as_bytes().first() else {
            return false;
        };
        self.abbrevs.iter().any(|(a, _)| {
            a.as_bytes().first() == Some(&first)
                && a.strip_prefix(word)
                    .is_some_and(|after| after.is_empty() || after.starts_with(char::is_whitespace))
        })
    }

    /// The reference of [`Repositories::leading`] that opens `s`, a
    /// sentence start. `worded` is false when the body holds no
    /// repository word: only a defined abbreviation or a repository of the
    /// table can then open one.
    fn leading_at(&self, s: &str, worded: bool) -> Option<RepositoryRef> {
        let s = s.trim();
        // The run of abbreviations read below is the first chunk (to the
        // first comma), which opens where `s` does: its first word (to a
        // comma or white space) must open a defined abbreviation.
        let abbreviated = !self.abbrevs.is_empty()
            && self.may_open_run(
                s.split(|c: char| c == ',' || c.is_whitespace())
                    .next()
                    .unwrap_or(""),
            );
        let known = if abbreviated { None } else { known_at(s) };
        if !abbreviated && !worded && known.is_none() {
            return None;
        }
        let known = if abbreviated { known_at(s) } else { known };
        self.read_start(s, abbreviated, known)
    }

    /// Reads the sentence start `s` (trimmed) as [`Repositories::leading_at`]
    /// lets it: the run of abbreviations that opens it when `abbreviated`,
    /// else (or when the run is none) the repository of the table that
    /// opens it (`known`, what [`known_at`] finds) or one named by a
    /// repository word in its first chunk, then the location.
    fn read_start(
        &self,
        s: &str,
        abbreviated: bool,
        known: Option<(&'static KnownRepository, usize)>,
    ) -> Option<RepositoryRef> {
        let first_chunk = s.split(',').next()?.trim();
        // A repository's name or an abbreviation is short.
        if first_chunk.len() > 160 {
            return None;
        }
        // A defined abbreviation, then its location.
        if let Some((entry, abbrev)) = abbreviated
            .then(|| self.entry_of_run(first_chunk))
            .flatten()
        {
            let rest = s[s.find(',')? + 1..].trim();
            if !rest.chars().any(|c| c.is_ascii_digit()) {
                return None;
            }
            let rest = crate::text::trim_punct(rest);
            let location = match &entry.collection {
                Some(c) => format!("{c}, {rest}"),
                None => rest.to_string(),
            };
            return Some(RepositoryRef {
                archive: entry.archive,
                place: entry.place,
                location: Some(squash_spaces(&location)),
                abbrev,
            });
        }
        // A repository (of the table, or named by a repository word), then
        // the location with its definitions removed.
        let (mut archive, mut place, len) = match known {
            Some((k, len)) => (k.name.clone(), k.place.clone(), len),
            None => {
                // The cheapest test first: most first chunks name no
                // repository.
                if !has_word(first_chunk, REPOSITORY_WORDS)
                    || has_word(first_chunk, &["press", "publishers", "verlag"])
                {
                    return None;
                }
                // An archive of the authority table, with its levels, is
                // the shorthand grammar's.
                let shorthand = crate::authority::archives::lookup(first_chunk).is_some()
                    || super::parse_location(&s[first_chunk.len()..]).is_some();
                // The rest must read as a place in papers.
                let located = has_word(&s[first_chunk.len()..], LOCATION_WORDS);
                if shorthand || !located {
                    return None;
                }
                (squash_spaces(first_chunk), None, first_chunk.len())
            }
        };
        let mut rest = s[len..].trim_start_matches([',', ' ']);
        // A place in papers prints a word ("Box 4", "RG 59", "Add MS
        // 12"), not only pages.
        if !rest
            .split_whitespace()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        {
            return None;
        }
        // The repository's parent institution, printed after it.
        if let Some((first, tail)) = rest.split_once(", ") {
            if has_word(first, &["university", "college"]) && !has_word(first, REPOSITORY_WORDS) {
                if !archive.contains(first) {
                    archive = format!("{archive}, {}", squash_spaces(first));
                    if let Some(k) = known_named(&archive) {
                        archive = k.name.clone();
                        place = k.place.clone();
                    }
                }
                rest = tail;
            }
        }
        if !rest.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let location = remove_definitions(rest);
        let location = crate::text::trim_punct(&location).to_string();
        Some(RepositoryRef {
            archive,
            place,
            location: Some(location),
            abbrev: None,
        })
    }
}

/// Where a sentence can start in `body`: its start, then after each ". ",
/// ".” " and ".\" " (48 starts at most: of the three, those of ". " are
/// taken first, then of ".” ", then of ".\" "). One pass over the periods.
fn sentence_starts(body: &str) -> Vec<usize> {
    const LIMIT: usize = 48;
    let bytes = body.as_bytes();
    let mut starts = Vec::with_capacity(16);
    starts.push(0);
    // Those after ".” " and ".\" " (no more than LIMIT - 1 of either is
    // ever taken), kept apart until the end: most bodies have none, and an
    // empty vector takes no room.
    let (mut curly, mut straight) = (Vec::new(), Vec::new());
    for at in memchr::memchr_iter(b'.', bytes) {
        let after = &bytes[at + 1..];
        if after.starts_with(b" ") {
            starts.push(at + 2);
        } else if after.starts_with("” ".as_bytes()) {
            if curly.len() < LIMIT - 1 {
                curly.push(at + 1 + "” ".len());
            }
        } else if after.starts_with(b"\" ") && straight.len() < LIMIT - 1 {
            straight.push(at + 3);
        }
        if starts.len() > LIMIT - 1 {
            break;
        }
    }
    let room = LIMIT - starts.len();
    starts.extend(curly.iter().chain(&straight).take(room));
    starts
}

/// The text without its "(henceforth X)" groups.
fn remove_definitions(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inner = rest[open + 1..close].trim().to_lowercase();
        out.push_str(&rest[..open]);
        if !HENCEFORTH.iter().any(|h| inner.starts_with(h.trim_end())) {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    squash_spaces(&out).replace(" ,", ",")
}

#[cfg(test)]
mod tests {

    /// `has_word` as it was written first: words cut at every character
    /// that is no letter or digit, each compared with the list.
    fn has_word_by_cutting(chunk: &str, words: &[&str]) -> bool {
        chunk
            .split(|c: char| !crate::text::is_alphanumeric(c))
            .any(|w| {
                !w.is_empty()
                    && words.iter().any(|x| {
                        x.len() == w.len() && x.as_bytes().eq_ignore_ascii_case(w.as_bytes())
                    })
            })
    }

    /// [`Repositories::leading_at`] with every way of reading a start
    /// asked in full (the run of abbreviations always read, the table
    /// always asked): the slow reading the cheap tests before them are
    /// checked against.
    fn leading_at_in_full(r: &Repositories, s: &str) -> Option<RepositoryRef> {
        let s = s.trim();
        r.read_start(s, true, known_at(s))
    }

    /// The repositories of three documents: one that defined nothing,
    /// one that defined abbreviations of collections ("LC", "MS Lund
    /// 12"), one that defined a run of two ("ALP FCA").
    fn documents() -> [Repositories; 3] {
        let mut defined = Repositories::new();
        defined.learn("Gray Library, Elm University, Lake Collection (henceforth LC), Box 4.");
        defined
            .learn("Gray Library, Elm University, Bo Lund Papers (henceforth MS Lund 12), Box 3.");
        let mut two = Repositories::new();
        two.learn("Ann Lee Papers, Frost County Archives, Duluth (ALP FCA).");
        [Repositories::new(), defined, two]
    }

    /// [`Repositories::leading`] reading every sentence start in full.
    fn leading_in_full(r: &Repositories, body: &str) -> Option<(usize, RepositoryRef)> {
        let mut starts = sentence_starts(body);
        starts.sort_unstable();
        starts.truncate(16);
        starts
            .into_iter()
            .find_map(|s| Some((s, leading_at_in_full(r, &body[s..])?)))
    }

    #[test]
    fn has_word_finds_whole_words_only() {
        let words = &["box", "ms", "archive"];
        for chunk in [
            "Box 4, folder 2",
            "the BOX",
            "boxes",
            "inbox 3",
            "Box\u{e9}",
            "\u{e9}box",
            "\u{432}box\u{432}",
            "ms. 12",
            "MS",
            "Hoover Archive",
            "Archive\u{2019}s",
            "Archives",
            "x-archive-y",
            "",
            " ",
            "\u{430}\u{440}\u{445}\u{438}\u{432} box",
            "box\u{301}",
            "2box",
            "box2 ms",
        ] {
            assert_eq!(
                has_word(chunk, words),
                has_word_by_cutting(chunk, words),
                "{chunk:?}"
            );
        }
    }
    use super::*;

    #[test]
    fn repository_words_are_found_as_has_word_finds_them() {
        for w in REPOSITORY_WORDS {
            assert!(REPOSITORY_STEMS.iter().any(|(s, _)| w.contains(s)), "{w}");
        }
        let pieces = [
            "archive",
            "Archives",
            "ARCHIV",
            "library",
            "Libraries",
            "institution",
            "INSTITUTIONS",
            "lib",
            "rchiv",
            "v",
            "archived",
            "a",
            "l",
            "I",
            "box",
            "2",
            " ",
            ", ",
            "-",
            "\u{e9}",
            "\u{432}",
            "\u{301}",
            "\u{2019}",
            "(",
        ];
        // Every text of up to three pieces.
        let texts = crate::text::texts_of_pieces(&pieces, 3);
        for t in &texts {
            assert_eq!(
                holds_repository_word(t),
                has_word(t, REPOSITORY_WORDS),
                "{t:?}"
            );
        }
    }

    #[test]
    fn sentence_starts_are_those_of_the_three_searches() {
        // The definition it replaces: three searches chained, 48 starts.
        let by_search = |body: &str| -> Vec<usize> {
            std::iter::once(0)
                .chain(
                    body.match_indices(". ")
                        .chain(body.match_indices(".” "))
                        .chain(body.match_indices(".\" "))
                        .map(|(i, w)| i + w.len()),
                )
                .take(48)
                .collect()
        };
        let many = "A. ".repeat(60) + "B.” C.\" D.";
        for body in [
            "Ann Lee, Box 4. Elm Library, Box 5.” Then.\" Lake Archives, File 2. ",
            "no period at all",
            ". . .. ",
            many.as_str(),
            "Bo.” Lund.” “Kite.” ",
        ] {
            assert_eq!(sentence_starts(body), by_search(body), "{body}");
        }
    }

    #[test]
    fn learns_and_finds_defined_abbreviations() {
        let mut r = Repositories::new();
        r.learn("Ann Lee, letter to Bo Lund, May 3, 1921, Ann Lee Family Papers, Frost County Archives, Elm State Libraries, Duluth (ALFP FCA).");
        let (start, found) = r
            .trailing("Ann Lee, “Ice Notes,” May 5, 1931, 4 (ALFP FCA).")
            .unwrap();
        assert_eq!(start, "Ann Lee, “Ice Notes,” May 5, 1931, 4 ".len());
        assert_eq!(found.archive, "Frost County Archives");
        assert_eq!(found.place.as_deref(), Some("Duluth"));
        assert_eq!(found.location.as_deref(), Some("Ann Lee Family Papers"));
        assert_eq!(found.abbrev.as_deref(), Some("FCA"));
        let (_, own) = r
            .trailing("Ann Lee, “Ice Notes,” 2 (Pamphlets, Box 3, FCA).")
            .unwrap();
        assert_eq!(own.location.as_deref(), Some("Pamphlets, Box 3"));
        let (_, alone) = r.trailing("ALFP FCA.").unwrap();
        assert_eq!(alone.location.as_deref(), Some("Ann Lee Family Papers"));
        assert!(r.trailing("Ann Lee, Ice (Boston: Kite, 1990).").is_none());
    }

    #[test]
    fn henceforth_collections_and_call_numbers() {
        let mut r = Repositories::new();
        r.learn("Gray Library, Elm University, Lake Collection (henceforth LC), Box 4 (Label 2), File 3.");
        r.learn("Some prose. Gray Library, Elm University, Bo Lund Papers (henceforth MS Lund 12), Box 30, File 18.");
        let (_, lc) = r.leading("LC, Box 9, File 2.").unwrap();
        assert_eq!(lc.archive, "Gray Library, Elm University");
        assert_eq!(
            lc.location.as_deref(),
            Some("Lake Collection, Box 9, File 2")
        );
        let (_, ms) = r.leading("MS Lund 12, Box 45, File 2783, 24.").unwrap();
        assert_eq!(
            ms.location.as_deref(),
            Some("MS Lund 12, Box 45, File 2783, 24")
        );
        assert!(r.leading("Lake views, 12.").is_none());
    }

    #[test]
    fn known_repositories_are_found_as_by_asking_every_name() {
        let every_name =
            |s: &str| longest_opening(s, every_known_name()).map(|(k, len)| (k.name.clone(), len));
        let mut texts: Vec<String> = known()
            .iter()
            .flat_map(|k| k.variants.iter())
            .flat_map(|v| [format!("{v}, Box 3"), v.to_uppercase(), format!("{v}s")])
            .collect();
        for c in (0..0x500u32).filter_map(char::from_u32) {
            texts.push(format!("{c}ritish Library, Box 3"));
            texts.push(format!("B{c}itish Library, Box 3"));
            texts.push(format!("b{c}"));
            texts.push(c.to_string());
        }
        texts.extend(["Σ", "İbrary", "\u{212a}ennedy Library", "Архив, д. 3"].map(String::from));
        for t in &texts {
            assert_eq!(
                known_at(t).map(|(k, len)| (k.name.clone(), len)),
                every_name(t),
                "{t}"
            );
        }
    }

    #[test]
    fn leading_is_every_start_read_in_full() {
        // Every body of up to three pieces (and four from a smaller set),
        // for documents that defined nothing, abbreviations of
        // collections, or a run of two.
        let [none, defined, two] = documents();
        let pieces = [
            "LC",
            "L",
            "LCX",
            "MS",
            "MS Lund 12",
            "ALP FCA",
            "FCA",
            "NARA",
            "Houghton Library",
            "Library of Congress",
            "Elm Archives",
            "Elm Press Library",
            "Box 4",
            "File",
            "papers",
            "7",
            ", ",
            ". ",
            ".\u{201d} ",
            " ",
            "\u{e9}",
            "\u{3a3}",
            "\u{410}\u{440}\u{445}\u{438}\u{432}",
            "\u{2003}",
            "(henceforth LC)",
        ];
        let mut bodies = crate::text::texts_of_pieces(&pieces, 3);
        let few = ["LC", "NARA", ", ", ". ", "Box 4", "Elm Archives", "MS"];
        bodies.extend(crate::text::texts_of_pieces(&few, 4));
        let mut found = 0;
        for body in &bodies {
            for r in [&none, &defined, &two] {
                let fast = r.leading(body);
                found += usize::from(fast.is_some());
                assert_eq!(fast, leading_in_full(r, body), "{body}");
            }
        }
        // The bodies hold references, not only text that holds none.
        assert!(found > 200, "{found}");
    }

    #[test]
    fn trailing_is_the_final_run_read_in_full() {
        // Every body of up to three pieces, as the closing run of every
        // one of them is read.
        let pieces = [
            "LC",
            "FCA",
            "ALP FCA",
            "MS Lund 12",
            "12",
            "Lund",
            "(",
            ")",
            ", ",
            ". ",
            ".",
            ";",
            " ",
            "Box 4",
            "(henceforth LC)",
            "\u{e9}",
            "\u{2003}",
        ];
        let mut found = 0;
        for body in crate::text::texts_of_pieces(&pieces, 3) {
            let t = body.trim_end().trim_end_matches(['.', ';']).trim_end();
            for r in documents() {
                let fast = r.trailing(&body);
                found += usize::from(fast.is_some());
                let full = (!r.abbrevs.is_empty())
                    .then(|| r.read_trailing(t))
                    .flatten();
                assert_eq!(fast, full, "{body:?}");
            }
        }
        assert!(found > 300, "{found}");
    }

    #[test]
    fn leading_asks_the_table_alone_only_where_no_word_can_name() {
        // `leading` as it reads every sentence start in full.
        let every_start = leading_in_full;
        let [none, defined, two] = documents();
        let bodies = [
            "NARA, RG 59, Box 4, File 2.",
            "Some prose here. TNA, FO 371/12, Box 5.",
            "Lake County Library, Box 3, File 12.",
            "Seen in the Lake Archives. Elm Archives, Box 3, File 12.",
            "Elm Press, Box 3, 12.",
            "Ann Lee, Ice (Boston: Kite, 1990), 12.",
            "LC, Box 9, File 2.",
            "Some prose. ALP FCA, Box 9, File 2.",
            "FCA, Box 9, File 2.",
            "ALP, Box 9.",
            ", Box 9, File 2.",
            "Library of Congress, Ann Lee Papers, Box 7.",
            "  Houghton Library, MS Am 12, item 4.",
            "",
        ];
        for body in bodies {
            for r in [&none, &defined, &two] {
                assert_eq!(r.leading(body), every_start(r, body), "{body}");
            }
        }
        assert!(Repositories::new().leading(bodies[0]).is_some());
        assert!(Repositories::new().leading(bodies[2]).is_some());
        assert!(two.leading("Some prose. ALP FCA, Box 9, File 2.").is_some());
        assert!(defined.leading("LC, Box 9, File 2.").is_some());
    }
}
