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

use crate::model::packed::{DateView, ItemView, NameView, PackedItem};
use crate::model::Document;
use crate::model::Item;
use crate::model::Work;
use std::collections::HashMap;
use std::hash::BuildHasher;

/// True for the words that never serve as the title word of a key
/// (articles, prepositions and particles of the languages scholarly notes
/// cite). A `match`, not a search of a list: it is asked of the words of
/// every work keyed, and the compiler tests the length and a few bytes.
fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "of"
            | "on"
            | "in"
            | "at"
            | "to"
            | "for"
            | "and"
            | "from"
            | "with"
            | "by"
            | "about"
            | "de"
            | "la"
            | "le"
            | "les"
            | "el"
            | "los"
            | "las"
            | "der"
            | "die"
            | "das"
            | "den"
            | "des"
            | "du"
            | "et"
            | "und"
            | "i"
            | "v"
            | "na"
            | "o"
            | "ob"
            | "po"
            | "k"
            | "s"
            | "za"
            | "iz"
            | "ot"
    )
}

/// Fills `Work::key` for every work of every document, unique across the
/// batch.
pub fn assign_keys(docs: &mut [Document]) {
    let mut keys = KeyAssigner::default();
    for doc in docs {
        keys.assign(&mut doc.works);
    }
}

/// Makes citation keys unique across a batch whose documents are handed in
/// one at a time, in batch order, so that a document can be written out and
/// dropped as soon as its keys are known: what it keeps is every key given
/// and a fingerprint of every distinct item (an estimated 60-70 bytes a
/// work), not the works.
///
/// Identical items (one work cited in two documents) share a key. They are
/// told by a 128-bit fingerprint of the packed item
/// ([`crate::text::fingerprint`]).
#[derive(Default)]
pub struct KeyAssigner {
    /// Every key given so far, end to end.
    text: String,
    /// Where each key ends in `text`.
    ends: Vec<usize>,
    /// The keys, as their numbers (their place in `ends`), found by text.
    taken: hashbrown::HashTable<u32>,
    /// The number of the key of every distinct item, by fingerprint.
    by_item: HashMap<[u64; 2], u32, foldhash::fast::FixedState>,
    /// For each key that has needed suffixes, where the search for a free
    /// one stopped.
    next_suffix: HashMap<String, usize>,
    hasher: foldhash::fast::FixedState,
}

impl KeyAssigner {
    /// Fills `Work::key` for the works of the next document. Returns, for
    /// each work, whether it is the first of its item in the batch (a
    /// merged bibliography lists only those).
    pub fn assign(&mut self, works: &mut [Work]) -> Vec<bool> {
        // A work's fingerprint and key before collisions depend on the work
        // alone: they are computed first, in parallel on the current rayon
        // pool; the pass that makes keys unique is sequential (keys depend
        // on order).
        let prepared: Vec<([u64; 2], String)> = {
            use rayon::prelude::*;
            works
                .par_iter()
                .map(|work| (fingerprint(&work.item), key_of(&work.item.view())))
                .collect()
        };
        let mut first = Vec::with_capacity(works.len());
        for (work, (print, base)) in works.iter_mut().zip(prepared) {
            // A library item keeps the library's key.
            if let Some(key) = work.library_key.clone() {
                first.push(!self.by_item.contains_key(&print));
                let number = match self.number_of(&key) {
                    Some(n) => n,
                    None => self.insert(&key),
                };
                self.by_item.insert(print, number);
                work.key = key;
                continue;
            }
            let number = match self.by_item.get(&print) {
                Some(&number) => {
                    first.push(false);
                    number
                }
                None => {
                    first.push(true);
                    let key = self.unique(base);
                    let number = self.insert(&key);
                    self.by_item.insert(print, number);
                    number
                }
            };
            work.key = self.key(number).to_string();
        }
        first
    }

    /// The text of key number `number`.
    fn key(&self, number: u32) -> &str {
        key_in(&self.text, &self.ends, number)
    }

    fn is_taken(&self, key: &str) -> bool {
        self.number_of(key).is_some()
    }

    /// The number of a key already given or reserved.
    fn number_of(&self, key: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(key);
        self.taken.find(hash, |&n| self.key(n) == key).copied()
    }

    /// Keeps `key` from every work that is not its library item: the keys
    /// of a `--library` are reserved before the batch is keyed, so that a
    /// new work never takes the key of a work the library holds.
    pub fn reserve(&mut self, key: &str) {
        if !self.is_taken(key) {
            self.insert(key);
        }
    }

    /// Records a new key; returns its number.
    fn insert(&mut self, key: &str) -> u32 {
        let number = self.ends.len() as u32;
        self.text.push_str(key);
        self.ends.push(self.text.len());
        let hash = self.hasher.hash_one(key);
        let (text, ends, hasher) = (&self.text, &self.ends, &self.hasher);
        self.taken
            .insert_unique(hash, number, |&n| hasher.hash_one(key_in(text, ends, n)));
        number
    }

    /// The key itself if free, else the key with the first free suffix
    /// `a`, `b`, ..., `z`, `aa`, `ab`, ... `next_suffix` remembers for each
    /// key where the search stopped: keys are only ever added, so the
    /// suffixes before it stay taken and are not tried again.
    fn unique(&mut self, key: String) -> String {
        if !self.is_taken(&key) {
            return key;
        }
        let start = self.next_suffix.get(&key).copied().unwrap_or(0);
        let mut candidate = String::with_capacity(key.len() + 2);
        for n in start.. {
            candidate.clear();
            candidate.push_str(&key);
            push_letters(n, &mut candidate);
            if !self.is_taken(&candidate) {
                self.next_suffix.insert(key, n + 1);
                return candidate;
            }
        }
        unreachable!("an unbounded sequence of suffixes has a free one")
    }
}

/// Key number `number` of keys written end to end in `text`, each ending
/// where `ends` says.
fn key_in<'a>(text: &'a str, ends: &[usize], number: u32) -> &'a str {
    let n = number as usize;
    let start = if n == 0 { 0 } else { ends[n - 1] };
    &text[start..ends[n]]
}

/// A packed item reduced to 128 bits ([`crate::text::fingerprint`]).
fn fingerprint(item: &PackedItem) -> [u64; 2] {
    crate::text::fingerprint(item.as_bytes())
}

/// The key of an item before collisions are resolved.
pub fn base_key(item: &Item) -> String {
    key_of(&PackedItem::pack(item).view())
}

/// The key of a packed item before collisions are resolved, read in
/// place ([`base_key`]).
///
/// A key reads one title word, or two when the first stands in for a
/// missing name: the name is read first, and the title's words only as far
/// as the key needs them ([`significant_words`] with a smaller limit gives
/// the first words of the larger).
fn key_of(item: &ItemView<'_>) -> String {
    let name = item
        .lead_name()
        .map(name_word)
        .filter(|w| !w.is_empty())
        .or_else(|| item.archive_abbrev().map(ascii_word))
        .filter(|w| !w.is_empty());
    let mut words = significant_words(item, if name.is_some() { 1 } else { KEY_WORDS });
    let lead = name
        .or_else(|| (!words.is_empty()).then(|| words.remove(0)))
        .unwrap_or_else(|| "anon".to_string());
    if is_archival_document(item) {
        let date = item.issued().and_then(iso_date);
        let tail = date
            .or_else(|| words.first().cloned())
            .or_else(|| item.delo().map(|d| format!("d{}", ascii_word(d))));
        let mut key = lead;
        key.push_str(tail.as_deref().unwrap_or("nd"));
        return key;
    }
    // Room for the year and the word: the key grows once, if at all.
    let mut key = String::with_capacity(lead.len() + 24);
    key.push_str(&lead);
    match item.issued() {
        Some(date) => push_date_word(&date, &mut key),
        None => key.push_str("nd"),
    }
    key.push_str(words.first().map(String::as_str).unwrap_or(""));
    key
}

/// True for documents keyed by sender and date rather than by title: letters,
/// telegrams and archival manuscripts held in an archive or dated to the day.
fn is_archival_document(item: &ItemView<'_>) -> bool {
    item.kind().is_archival()
        && (item.archive().is_some()
            || item.archive_location().is_some()
            || item
                .issued()
                .is_some_and(|d| d.first_parts().is_some_and(|p| p.len() > 1)))
}

/// How many significant words a key reads: the first, and the second
/// when the first stands in for a missing name.
const KEY_WORDS: usize = 2;

/// The first significant words (folded, no stop words, containing a
/// letter; at most `limit`, itself at most [`KEY_WORDS`]) of the first
/// text that names the item:
/// title, translated title, container, genre, or the raw text of an
/// unread citation.
///
/// A text is folded piece by piece, up to the words a key needs: the
/// pieces between ASCII characters that are neither letters, digits nor
/// apostrophes ([`separates_words`]), whose words are those
/// [`fold_ascii`] makes of the whole text (such a character transliterates
/// to itself and ends every word). A text with a control character is
/// folded whole.
fn significant_words(item: &ItemView<'_>, limit: usize) -> Vec<String> {
    let sources = [
        item.title(),
        item.title_translated(),
        item.container_title(),
        item.genre(),
        item.note(),
    ];
    let mut words = Vec::with_capacity(limit);
    // An ASCII piece's word, written here (most words are not kept).
    let mut word = String::new();
    for text in sources.into_iter().flatten() {
        let mut take = |w: &str| {
            if w.bytes().any(|b| b.is_ascii_alphabetic()) && !is_stop_word(w) {
                words.push(w.to_string());
            }
            words.len() == limit
        };
        if text.bytes().any(|b| b.is_ascii_control()) {
            // deunicode drops a control character after a non-ASCII one,
            // joining the words around it: the text is folded whole.
            if fold_ascii(text).split(' ').any(&mut take) {
                return words;
            }
            if !words.is_empty() {
                return words;
            }
            continue;
        }
        for piece in text.split(separates_words) {
            let full = if piece
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'\'')
            {
                // Folds to itself, lowercase, without its apostrophes.
                word.clear();
                word.extend(
                    piece
                        .bytes()
                        .filter(|&b| b != b'\'')
                        .map(|b| char::from(b.to_ascii_lowercase())),
                );
                take(&word)
            } else {
                fold_ascii(piece).split(' ').any(&mut take)
            };
            if full {
                return words;
            }
        }
        if !words.is_empty() {
            return words;
        }
    }
    words
}

/// True for the ASCII characters [`fold_ascii`] turns into a word break
/// wherever they stand: the printable ones but letters, digits and
/// apostrophes (deunicode keeps them as they are).
fn separates_words(c: char) -> bool {
    (' '..='~').contains(&c) && !c.is_ascii_alphanumeric() && c != '\''
}

/// The family name of a person (all its words run together), or the first
/// significant word of a body's name.
fn name_word(name: NameView<'_>) -> String {
    match (name.family, name.literal) {
        (Some(family), _) => ascii_word(family),
        (None, Some(body)) => fold_ascii(body)
            .split(' ')
            .find(|w| !is_stop_word(w))
            .unwrap_or("")
            .to_string(),
        (None, None) => name.given.map(ascii_word).unwrap_or_default(),
    }
}

/// Appends the year of a date, or the first word of a literal date
/// ("forthcoming").
fn push_date_word(date: &DateView<'_>, out: &mut String) {
    match (date.year(), date.literal()) {
        (Some(year), _) => push_number(i64::from(year), out),
        (None, Some(literal)) => out.push_str(&ascii_word(
            fold_ascii(literal).split(' ').next().unwrap_or(""),
        )),
        (None, None) => out.push_str("nd"),
    }
}

/// Appends a number in decimal, as `to_string` writes it, through `itoa`
/// (without the formatting machinery of `format!`).
fn push_number(n: i64, out: &mut String) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// The first date of a date as ISO 8601 with as many parts as known
/// (`1949`, `1949-05`, `1949-05-01`).
fn iso_date(date: DateView<'_>) -> Option<String> {
    let mut parts = date.first_parts()?;
    let mut out = String::with_capacity(10);
    push_number(i64::from(parts.next()?), &mut out);
    for part in parts {
        out.push('-');
        if (0..10).contains(&part) {
            out.push('0');
        }
        push_number(i64::from(part), &mut out);
    }
    Some(out)
}

/// Folds text to lowercase ASCII words separated by single spaces.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    each_transliterated_byte(text, |b| {
        if b.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else if b != b'\'' {
            pending_space = true;
        }
    });
    out
}

/// Folds text to one run of lowercase ASCII letters and digits: what
/// [`fold_ascii`] gives, its spaces left out.
fn ascii_word(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    each_transliterated_byte(text, |b| {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
        }
    });
    out
}

/// Calls `f` with each byte of the text's transliteration, with ё written
/// е (LC romanization writes ё as e, ë without the diaeresis, where
/// deunicode would give "io"), as `deunicode::deunicode` writes it but for
/// a space it drops at the end of a character's transliteration before a
/// space or the end of the text: no allocation, and no second pass.
///
/// Sound for [`fold_ascii`] and [`ascii_word`], the only readers: a
/// space there is a word break that the next space or the end gives all
/// the same, and `ascii_word` keeps no space. The rest is what deunicode
/// does: it keeps the text up to its first byte from 0x7F on as it is,
/// and writes each character after through `deunicode_char`, its
/// placeholder `[?]` for a character it has no transliteration of.
#[inline(always)]
fn each_transliterated_byte(text: &str, mut f: impl FnMut(u8)) {
    let ascii = text.bytes().take_while(|&b| b < 0x7F).count();
    text.as_bytes()[..ascii].iter().for_each(|&b| f(b));
    for c in text[ascii..].chars() {
        let c = match c {
            'ё' => 'е',
            'Ё' => 'Е',
            c => c,
        };
        deunicode::deunicode_char(c)
            .unwrap_or("[?]")
            .bytes()
            .for_each(&mut f);
    }
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
    use crate::model::Work;
    use crate::model::{Date, ItemType, Name};

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

    /// The text with ё written е, as written before texts were
    /// transliterated character by character.
    fn without_yo(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                'ё' => 'е',
                'Ё' => 'Е',
                c => c,
            })
            .collect()
    }

    /// [`fold_ascii`] as written before: deunicode's whole string, then
    /// its words.
    fn fold_ascii_slow(text: &str) -> String {
        let spaced: String = deunicode::deunicode(&without_yo(text))
            .chars()
            .filter(|&c| c != '\'')
            .map(|c| match c {
                c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
                _ => ' ',
            })
            .collect();
        spaced.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// [`ascii_word`] as written before: deunicode's whole string, its
    /// letters and digits kept.
    fn ascii_word_slow(text: &str) -> String {
        let mut out = deunicode::deunicode(&without_yo(text));
        out.retain(|c| c.is_ascii_alphanumeric());
        out.make_ascii_lowercase();
        out
    }

    /// The folds read character by character give what deunicode's whole
    /// string gives: every character alone and between others (ASCII,
    /// control, Cyrillic, CJK whose transliterations end in a space,
    /// characters with none), and sample texts.
    #[test]
    fn folds_read_by_character_are_those_of_the_whole_string() {
        let check = |text: &str| {
            assert_eq!(fold_ascii(text), fold_ascii_slow(text), "{text:?}");
            assert_eq!(ascii_word(text), ascii_word_slow(text), "{text:?}");
        };
        let around = [
            "",
            "a",
            " ",
            "\t",
            "\u{7f}",
            "Ж",
            "ё",
            "中",
            "'",
            "-",
            "\u{10ffff}",
        ];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let c = c.to_string();
            check(&c);
            // In context: every character of the alphabets notes are
            // written in, and the CJK ones, whose transliterations end in
            // a space.
            let code = c.chars().next().map_or(0, u32::from);
            if code >= 0x800 && !(0x3000..0xA000).contains(&code) {
                continue;
            }
            for before in around {
                for after in around {
                    check(&format!("{before}{c}{after}"));
                }
            }
        }
        for text in [
            "Мусин-Пушкин",
            "Хрущёв, ЁЛКИ",
            "北京 and 東京: two Cities",
            "中国 x",
            "Über\ttab",
            "a\u{7f}b Ü\tc",
            "  Vole & Co. 2 ",
            "☃中 国",
        ] {
            check(text);
        }
    }

    #[test]
    fn numbers_are_written_as_to_string_writes_them() {
        for n in [0, 7, -7, 10, 1949, -44, 123_456_789, i64::from(i32::MIN)] {
            let mut out = String::from("x");
            push_number(n, &mut out);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn words_fold_to_their_letters_run_together() {
        for text in [
            "Мусин-Пушкин",
            "Хрущёв",
            "O'Neill",
            "  Vole & Co. 2 ",
            "Ölund\u{7f}x",
            "",
        ] {
            assert_eq!(
                ascii_word(text),
                fold_ascii(text).replace(' ', ""),
                "{text}"
            );
        }
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
    fn documents_keyed_one_at_a_time_say_which_works_come_first() {
        let a = book("Smith", 1990, "Wars");
        let b = book("Smith", 1990, "Wars and peace");
        let mut assigner = KeyAssigner::default();
        let mut first = doc_of(vec![a.clone(), b.clone(), a.clone()]);
        let mut second = doc_of(vec![b, book("Smith", 1990, "Wars again"), a]);
        assert_eq!(assigner.assign(&mut first.works), [true, true, false]);
        assert_eq!(assigner.assign(&mut second.works), [false, true, false]);
        assert_eq!(
            keys(&[first, second]),
            [
                "smith1990wars",
                "smith1990warsa",
                "smith1990wars",
                "smith1990warsa",
                "smith1990warsb",
                "smith1990wars"
            ]
        );
        // A base key that is another's suffixed key takes a suffix of its own.
        let mut third = doc_of(vec![book("Smith", 1990, "Warsa")]);
        assigner.assign(&mut third.works);
        assert_eq!(keys(&[third]), ["smith1990warsaa"]);
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

    /// The significant words of a text as the whole text folded gives
    /// them (the fold as written before texts were folded piece by piece).
    fn folded_whole(text: &str) -> Vec<String> {
        let ascii = deunicode::deunicode(&without_yo(text)).to_lowercase();
        let mut folded = String::new();
        let mut pending_space = false;
        for c in ascii.chars() {
            if c.is_ascii_alphanumeric() {
                if pending_space && !folded.is_empty() {
                    folded.push(' ');
                }
                pending_space = false;
                folded.push(c);
            } else if c != '\'' {
                pending_space = true;
            }
        }
        folded
            .split(' ')
            .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
            .filter(|w| !is_stop_word(w))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn texts_folded_piece_by_piece_give_the_words_of_the_whole() {
        for text in [
            "The Quiet Lake",
            "Don't Look: a Study",
            "О дальнем Востоке и «Севере» — 1950–1953 гг.",
            "Ёлки и Хрущёв’s words",
            "北京 and 東京: two Cities",
            "A\u{7f}B of C",
            "''' 1950 -- ...",
            "Über die Brücke, L'Année",
            "Tab\tand\nnewline",
            "Über\ttab",
            "Ü a\tb c",
        ] {
            let item = Item {
                title: Some(text.to_string()),
                ..Item::default()
            };
            for limit in 1..=KEY_WORDS {
                let mut whole = folded_whole(text);
                whole.truncate(limit);
                assert_eq!(
                    significant_words(&PackedItem::pack(&item).view(), limit),
                    whole,
                    "{text:?} {limit}"
                );
            }
        }
        // deunicode keeps every printable ASCII character as it is: a
        // separator transliterates to itself.
        for b in 0x20u8..0x7F {
            let c = char::from(b);
            assert_eq!(deunicode::deunicode_char(c), Some(c.to_string().as_str()));
        }
    }

    /// `key_of` reads one word when the item has a name: the words read
    /// with a limit of one are the first of those read with the full
    /// limit, whichever texts name the item and whichever hold no word.
    #[test]
    fn fewer_words_are_the_first_of_more() {
        let texts = [
            None,
            Some("1950"),
            Some("The"),
            Some("of the -- 12"),
            Some("Quiet"),
            Some("The Quiet Lake"),
            Some("Загадочная граница: Записки"),
            Some("1950 Ёлки"),
            Some("Ü a\tb c"),
            Some("a\t1950"),
        ];
        let text = |n: usize| texts[n % texts.len()].map(str::to_string);
        let n = texts.len();
        for i in 0..n * n * n * n {
            let item = Item {
                title: text(i),
                container_title: text(i / n),
                genre: text(i / n / n),
                note: text(i / n / n / n),
                ..Item::default()
            };
            let view = PackedItem::pack(&item);
            let mut two = significant_words(&view.view(), KEY_WORDS);
            two.truncate(1);
            assert_eq!(significant_words(&view.view(), 1), two, "{item:?}");
        }
    }

    #[test]
    fn suffix_sequence() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(25), "z");
        assert_eq!(letters(26), "aa");
        assert_eq!(letters(27), "ab");
    }
}
