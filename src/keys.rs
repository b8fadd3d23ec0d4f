//! Citation keys: short, readable, stable identifiers for the works of a
//! run, used as CSL-JSON `id`, BibTeX key and the `key` column of CSV.
//!
//! A published work is keyed by its lead name, year and first significant
//! title word (`goncharov1993uncertain`); an archival document by its sender
//! and full date (`shtykov1949-05-01`), since its title is usually a bare
//! descriptor. Everything is folded to lowercase ASCII: Cyrillic by Library
//! of Congress romanization without diacritics (`ivanov2001nazvanie`),
//! other scripts by their common transliteration.
//!
//! A key depends only on the item it names, so adding unrelated notes
//! leaves keys unchanged. Works whose keys would collide get suffixes in
//! order of first appearance: the first keeps the bare key, the later ones
//! take `a`, `b`, ... An identical item cited in two documents of one run
//! shares one key.

use crate::model::{Date, Item, Name};
use crate::packed::PackedItem;
use crate::pipeline::Document;
use std::collections::{HashMap, HashSet};

/// Words that never serve as the title word of a key (articles,
/// prepositions and particles of the languages scholarly notes cite).
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "at", "to", "for", "and", "from", "with", "by", "about",
    "de", "la", "le", "les", "el", "los", "las", "der", "die", "das", "den", "des", "du", "et",
    "und", "i", "v", "na", "o", "ob", "po", "k", "s", "za", "iz", "ot",
];

/// Fills `Work::key` for every work of every document, unique across the
/// batch.
pub fn assign_keys(docs: &mut [Document]) {
    // Identical items (one work cited in two documents) share a key. They
    // are found by hash, then compared, so no item is cloned: the batch's
    // memory stays that of its works. Items of one hash are almost always
    // one item: the first is kept inline, any other in `more_by_hash`.
    let mut taken: HashSet<String> = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut by_hash: HashMap<u64, (u32, u32)> = HashMap::new();
    let mut more_by_hash: HashMap<u64, Vec<(u32, u32)>> = HashMap::new();
    // Each work's hash and key before collisions depend on the work alone:
    // they are computed first, in parallel on the current rayon pool; the
    // pass that makes keys unique is sequential (keys depend on order).
    let mut prepared: Vec<Vec<(u64, String)>> = {
        use rayon::prelude::*;
        docs.par_iter()
            .map(|doc| {
                doc.works
                    .par_iter()
                    .map(|work| (item_hash(&work.item), base_key(&work.item.unpack())))
                    .collect()
            })
            .collect()
    };
    for d in 0..docs.len() {
        for w in 0..docs[d].works.len() {
            let item = &docs[d].works[w].item;
            let (hash, base) = std::mem::take(&mut prepared[d][w]);
            let same = by_hash
                .get(&hash)
                .into_iter()
                .chain(more_by_hash.get(&hash).into_iter().flatten())
                .map(|&(d2, w2)| (d2 as usize, w2 as usize))
                .find(|&(d2, w2)| docs[d2].works[w2].item == *item);
            let key = match same {
                Some((d2, w2)) => docs[d2].works[w2].key.clone(),
                None => {
                    let key = unique(base, &taken, &mut next_suffix);
                    taken.insert(key.clone());
                    let at = (d as u32, w as u32);
                    match by_hash.entry(hash) {
                        std::collections::hash_map::Entry::Vacant(e) => {
                            e.insert(at);
                        }
                        std::collections::hash_map::Entry::Occupied(_) => {
                            more_by_hash.entry(hash).or_default().push(at)
                        }
                    }
                    key
                }
            };
            docs[d].works[w].key = key;
        }
    }
}

fn item_hash(item: &PackedItem) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    item.hash(&mut hasher);
    hasher.finish()
}

/// The key of an item before collisions are resolved.
pub fn base_key(item: &Item) -> String {
    let mut words = significant_words(item);
    let lead = item
        .lead_name()
        .map(name_word)
        .filter(|w| !w.is_empty())
        .or_else(|| item.custom.archive_abbrev.as_deref().map(ascii_word))
        .filter(|w| !w.is_empty())
        .or_else(|| (!words.is_empty()).then(|| words.remove(0)))
        .unwrap_or_else(|| "anon".to_string());
    if is_archival_document(item) {
        let date = item.issued.as_ref().and_then(iso_date);
        let tail = date.or_else(|| words.first().cloned()).or_else(|| {
            item.custom
                .delo
                .as_deref()
                .map(|d| format!("d{}", ascii_word(d)))
        });
        return format!("{lead}{}", tail.unwrap_or_else(|| "nd".to_string()));
    }
    let year = item
        .issued
        .as_ref()
        .map(date_word)
        .unwrap_or_else(|| "nd".to_string());
    format!(
        "{lead}{year}{}",
        words.first().map(String::as_str).unwrap_or("")
    )
}

/// True for documents keyed by sender and date rather than by title: letters,
/// telegrams and archival manuscripts held in an archive or dated to the day.
fn is_archival_document(item: &Item) -> bool {
    item.kind.is_archival()
        && (item.archive.is_some()
            || item.archive_location.is_some()
            || item
                .issued
                .as_ref()
                .is_some_and(|d| d.date_parts.first().is_some_and(|p| p.len() > 1)))
}

/// The significant words (folded, no stop words, containing a letter) of
/// the first text that names the item: title, translated title, container,
/// genre, or the raw text of an unread citation.
fn significant_words(item: &Item) -> Vec<String> {
    let sources = [
        item.title.as_deref(),
        item.custom.title_translated.as_deref(),
        item.container_title.as_deref(),
        item.genre.as_deref(),
        item.note.as_deref(),
    ];
    sources
        .into_iter()
        .flatten()
        .map(|text| {
            fold_ascii(text)
                .split(' ')
                .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
                .filter(|w| !STOP_WORDS.contains(w))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .find(|words| !words.is_empty())
        .unwrap_or_default()
}

/// The family name of a person (all its words run together), or the first
/// significant word of a body's name.
fn name_word(name: &Name) -> String {
    match (&name.family, &name.literal) {
        (Some(family), _) => ascii_word(family),
        (None, Some(body)) => fold_ascii(body)
            .split(' ')
            .find(|w| !STOP_WORDS.contains(w))
            .unwrap_or("")
            .to_string(),
        (None, None) => name.given.as_deref().map(ascii_word).unwrap_or_default(),
    }
}

/// The year of a date, or the first word of a literal date ("forthcoming").
fn date_word(date: &Date) -> String {
    match (date.year(), &date.literal) {
        (Some(year), _) => year.to_string(),
        (None, Some(literal)) => ascii_word(fold_ascii(literal).split(' ').next().unwrap_or("")),
        (None, None) => "nd".to_string(),
    }
}

/// The first date of a date as ISO 8601 with as many parts as known
/// (`1949`, `1949-05`, `1949-05-01`).
fn iso_date(date: &Date) -> Option<String> {
    let parts = date.date_parts.first()?;
    let mut out = parts.first()?.to_string();
    for part in &parts[1..] {
        out.push_str(&format!("-{part:02}"));
    }
    Some(out)
}

/// Folds text to lowercase ASCII words separated by single spaces.
fn fold_ascii(text: &str) -> String {
    // LC romanization writes ё as e (ë without the diaeresis).
    let text: String = text
        .chars()
        .map(|c| match c {
            'ё' => 'е',
            'Ё' => 'Е',
            c => c,
        })
        .collect();
    let ascii = deunicode::deunicode(&text).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else if c != '\'' {
            pending_space = true;
        }
    }
    out
}

/// Folds text to one run of lowercase ASCII letters and digits.
fn ascii_word(text: &str) -> String {
    fold_ascii(text).replace(' ', "")
}

/// The key itself if free, else the key with the first free suffix
/// `a`, `b`, ..., `z`, `aa`, `ab`, ... `next_suffix` remembers for each
/// key where the search stopped: keys are only ever added to `taken`, so
/// the suffixes before it stay taken and are not tried again.
fn unique(
    key: String,
    taken: &HashSet<String>,
    next_suffix: &mut HashMap<String, usize>,
) -> String {
    if !taken.contains(&key) {
        return key;
    }
    let start = next_suffix.get(&key).copied().unwrap_or(0);
    let mut candidate = String::with_capacity(key.len() + 2);
    for n in start.. {
        candidate.clear();
        candidate.push_str(&key);
        push_letters(n, &mut candidate);
        if !taken.contains(&candidate) {
            next_suffix.insert(key, n + 1);
            return candidate;
        }
    }
    unreachable!("an unbounded sequence of suffixes has a free one")
}

/// Appends the n-th suffix in the sequence a, b, ..., z, aa, ab, ...
fn push_letters(mut n: usize, out: &mut String) {
    // Least significant letter first; a usize has at most 14 letters.
    let mut letters = [0u8; 16];
    let mut len = 0;
    loop {
        letters[len] = b'a' + (n % 26) as u8;
        len += 1;
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.extend(letters[..len].iter().rev().map(|&b| b as char));
}

/// The n-th suffix in the sequence a, b, ..., z, aa, ab, ...
#[cfg(test)]
fn letters(n: usize) -> String {
    let mut out = String::new();
    push_letters(n, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemType;
    use crate::resolve::Work;

    fn book(family: &str, year: i32, title: &str) -> Item {
        Item {
            kind: ItemType::Book,
            author: vec![Name::person(family, None)],
            title: Some(title.to_string()),
            issued: Some(Date::ymd(year, None, None)),
            ..Item::default()
        }
    }

    fn telegram(sender: &str, y: i32, m: u32, d: u32) -> Item {
        Item {
            kind: ItemType::PersonalCommunication,
            genre: Some("telegram".into()),
            author: vec![Name::person(sender, None)],
            issued: Some(Date::ymd(y, Some(m), Some(d))),
            archive_location: Some("f. 1, op. 2, d. 3".into()),
            ..Item::default()
        }
    }

    fn doc_of(items: Vec<Item>) -> Document {
        Document {
            works: items
                .into_iter()
                .map(|item| Work {
                    item: PackedItem::pack(&item),
                    ..Work::default()
                })
                .collect(),
            ..Document::default()
        }
    }

    fn keys(docs: &[Document]) -> Vec<String> {
        docs.iter()
            .flat_map(|d| d.works.iter().map(|w| w.key.clone()))
            .collect()
    }

    #[test]
    fn published_works_by_name_year_and_title_word() {
        assert_eq!(
            base_key(&book("Goncharov", 1993, "Uncertain Partners")),
            "goncharov1993uncertain"
        );
        assert_eq!(
            base_key(&book("Иванов", 2001, "Название книги")),
            "ivanov2001nazvanie"
        );
        assert_eq!(
            base_key(&book("Хрущёв", 1970, "The Last Testament")),
            "khrushchev1970last"
        );
        let mut body = book("x", 1950, "Foreign Relations");
        body.author = vec![Name::literal("The Department of State")];
        assert_eq!(base_key(&body), "department1950foreign");
    }

    #[test]
    fn archival_documents_by_sender_and_date() {
        assert_eq!(
            base_key(&telegram("Shtykov", 1949, 5, 1)),
            "shtykov1949-05-01"
        );
    }

    #[test]
    fn unread_citations_keyed_by_their_text() {
        let item = Item {
            note: Some("Somewhere, some text 1950".into()),
            ..Item::default()
        };
        assert_eq!(base_key(&item), "somewherendsome");
    }

    #[test]
    fn collisions_take_suffixes_in_order_and_identical_items_share_a_key() {
        let a = book("Smith", 1990, "Wars");
        let b = book("Smith", 1990, "Wars and peace");
        let c = book("Smith", 1990, "Wars again");
        let mut docs = vec![doc_of(vec![a.clone(), b]), doc_of(vec![c, a])];
        assign_keys(&mut docs);
        assert_eq!(
            keys(&docs),
            [
                "smith1990wars",
                "smith1990warsa",
                "smith1990warsb",
                "smith1990wars"
            ]
        );
    }

    #[test]
    fn keys_unchanged_when_unrelated_works_are_added() {
        let mut before = vec![doc_of(vec![
            book("Lee", 1980, "Alpha"),
            telegram("Kim", 1950, 6, 25),
        ])];
        let mut after = vec![doc_of(vec![
            book("Park", 1999, "Omega"),
            book("Lee", 1980, "Alpha"),
            telegram("Roh", 1950, 6, 25),
            telegram("Kim", 1950, 6, 25),
        ])];
        assign_keys(&mut before);
        assign_keys(&mut after);
        assert_eq!(keys(&before), ["lee1980alpha", "kim1950-06-25"]);
        assert_eq!(
            &keys(&after)[1..],
            ["lee1980alpha", "roh1950-06-25", "kim1950-06-25"]
        );
    }

    #[test]
    fn suffix_sequence() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(25), "z");
        assert_eq!(letters(26), "aa");
        assert_eq!(letters(27), "ab");
    }
}
