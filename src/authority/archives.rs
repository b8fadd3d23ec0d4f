//! The archive authority table.
//!
//! Every archive (and every historical name of an archive) that notes cite,
//! from `data/archives.tsv`: its standard Latin abbreviation, the Latin and
//! Cyrillic variants notes print, its full romanized name (Library of
//! Congress romanization without diacritics), its city and, for a
//! Soviet-era or otherwise superseded name, the current repository.
//! The table is parsed once; lookups go through one precompiled map whose
//! keys ignore case, spacing and punctuation, so `AP RF`, `APRF` and
//! `АП РФ` find the same entry.

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// One archive, or one historical name of an archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Archive {
    /// Standard Latin abbreviation ("APRF").
    pub abbrev: &'static str,
    /// Full romanized name ("Arkhiv Prezidenta Rossiiskoi Federatsii").
    pub name: &'static str,
    /// Full name in the archive's own language and script.
    pub native_name: &'static str,
    /// English name.
    pub english_name: &'static str,
    /// City of the archive.
    pub city: Option<&'static str>,
    /// Abbreviation of the current repository when this name is historical.
    pub successor: Option<&'static str>,
    /// Years the name was in use, as free text ("1991-1999").
    pub years: Option<&'static str>,
    /// Other Latin abbreviations and spacing variants.
    pub latin_variants: Vec<&'static str>,
    /// Cyrillic (or native-script) abbreviations.
    pub cyrillic_abbrevs: Vec<&'static str>,
    /// Other romanized or English names.
    pub name_variants: Vec<&'static str>,
}

impl Archive {
    /// The archive that holds these records today: the end of the
    /// successor chain (a current archive is its own repository).
    pub fn current(&'static self) -> &'static Archive {
        let mut archive = self;
        // The chain is short; the bound only guards against a cycle in the data.
        for _ in 0..8 {
            match archive.successor.and_then(by_abbrev) {
                Some(next) => archive = next,
                None => break,
            }
        }
        archive
    }

    /// Every name and abbreviation the archive is known by.
    pub fn all_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        [self.abbrev, self.name, self.native_name, self.english_name]
            .into_iter()
            .chain(self.latin_variants.iter().copied())
            .chain(self.cyrillic_abbrevs.iter().copied())
            .chain(self.name_variants.iter().copied())
            .filter(|n| !n.is_empty())
    }
}

struct Table {
    archives: Vec<Archive>,
    by_key: HashMap<String, usize>,
    /// Abbreviations exactly as printed, spaces removed, case kept.
    by_abbrev: HashMap<String, usize>,
    /// The largest number of words of any name, to bound searches in text.
    max_words: usize,
    /// The first two characters of every key that opens with two
    /// [`head_code`] ones, as bits indexed by the two codes; and the coded
    /// first characters of all keys.
    head_pairs: Vec<u64>,
    head_firsts: [u64; 3],
    /// The first three characters, as codes, of every key that opens with
    /// three [`head_code`] ones, sorted.
    head_triples: Vec<[u8; 3]>,
    /// The first three bytes of every key that opens with three ASCII
    /// letters or digits, as bits indexed by [`ascii_triple_index`].
    ascii_triples: Vec<u64>,
    /// The longest key of `by_abbrev`, in bytes.
    max_abbrev_len: usize,
    /// The keys of `by_key` as a trie, for [`may_name_archive_at`] and
    /// [`is_key_prefix`] (a search in text stops as soon as the words
    /// read so far begin no name).
    trie: KeyTrie,
    /// The keys of `by_key` with their characters reversed, as a trie,
    /// for [`longest_named_suffix`]: built when first asked (a text
    /// without an archival reference never is).
    reversed: OnceLock<KeyTrie>,
    /// The fewest characters of any key of `by_key` (none empty).
    shortest_key: usize,
}

/// The keys of the table as a trie over their bytes: [`may_name_archive_at`]
/// follows it as it reads text, a step a byte, and stops where no key
/// goes on. The same structure over the keys' characters reversed finds
/// the archive a text ends with ([`longest_named_suffix`]).
struct KeyTrie {
    /// The children of the root by byte (`NO_NODE` for none).
    root: Vec<u32>,
    /// The children of node `n` are `edges[starts[n]..starts[n + 1]]`,
    /// sorted by byte.
    starts: Vec<u32>,
    edges: Vec<(u8, u32)>,
    /// For each node, the archive (its index in the table) whose key ends
    /// there, or `NO_NODE`.
    ends: Vec<u32>,
}

const NO_NODE: u32 = u32::MAX;

impl KeyTrie {
    /// Builds the trie of `keys` (each with its archive's index): the keys
    /// are sorted, and the nodes made breadth first, each from the run of
    /// sorted keys under it (the keys that share its bytes), so a node's
    /// children are contiguous and sorted without a map per node. The
    /// table is read once a run: this is all of its cost for an author's
    /// single small file.
    fn build(mut keys: Vec<(Vec<u8>, u32)>) -> KeyTrie {
        keys.sort_unstable();
        keys.dedup_by(|a, b| a.0 == b.0);
        // The nodes to make: the run of keys under each and its depth.
        // No more nodes than bytes of keys, and the root.
        let most = keys.iter().map(|(k, _)| k.len()).sum::<usize>() + 1;
        let mut queue: Vec<(usize, usize, usize)> = Vec::with_capacity(most);
        queue.push((0, keys.len(), 0));
        let mut starts = Vec::with_capacity(most + 1);
        let mut edges = Vec::with_capacity(most);
        let mut ends = Vec::with_capacity(most);
        let mut n = 0;
        while let Some(&(from, to, depth)) = queue.get(n) {
            n += 1;
            starts.push(edges.len() as u32);
            // A key that ends here sorts before those it begins.
            let mut i = from;
            let mut end = NO_NODE;
            while i < to && keys[i].0.len() == depth {
                end = keys[i].1;
                i += 1;
            }
            ends.push(end);
            while i < to {
                let b = keys[i].0[depth];
                let mut j = i + 1;
                while j < to && keys[j].0[depth] == b {
                    j += 1;
                }
                edges.push((b, queue.len() as u32));
                queue.push((i, j, depth + 1));
                i = j;
            }
        }
        starts.push(edges.len() as u32);
        let mut root = vec![NO_NODE; 256];
        for &(b, child) in &edges[..starts[1] as usize] {
            root[usize::from(b)] = child;
        }
        KeyTrie {
            root,
            starts,
            edges,
            ends,
        }
    }

    /// True if a key ends at `node`.
    #[inline]
    fn is_end(&self, node: u32) -> bool {
        self.ends[node as usize] != NO_NODE
    }

    /// True if some key starts with the bytes of `key` (the empty key
    /// included).
    fn has_prefix(&self, key: &str) -> bool {
        let mut node = 0;
        key.bytes().all(|b| match self.child(node, b) {
            Some(child) => {
                node = child;
                true
            }
            None => false,
        })
    }

    /// The child of `node` by the byte `b`.
    #[inline]
    fn child(&self, node: u32, b: u8) -> Option<u32> {
        let found = if node == 0 {
            self.root[usize::from(b)]
        } else {
            let n = node as usize;
            let edges = &self.edges[self.starts[n] as usize..self.starts[n + 1] as usize];
            edges
                .iter()
                .find(|(x, _)| *x == b)
                .map_or(NO_NODE, |&(_, child)| child)
        };
        (found != NO_NODE).then_some(found)
    }
}

fn split_list(field: &'static str) -> Vec<&'static str> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn non_empty(field: &'static str) -> Option<&'static str> {
    let f = field.trim();
    (!f.is_empty()).then_some(f)
}

fn parse_table(source: &'static str) -> Table {
    let mut archives = Vec::new();
    for line in source
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
    {
        let f: Vec<&'static str> = line.split('\t').collect();
        let field = |i: usize| f.get(i).copied().unwrap_or("");
        archives.push(Archive {
            abbrev: field(0).trim(),
            latin_variants: split_list(field(1)),
            cyrillic_abbrevs: split_list(field(2)),
            name: field(3).trim(),
            name_variants: split_list(field(4)),
            native_name: field(5).trim(),
            english_name: field(6).trim(),
            city: non_empty(field(7)),
            successor: non_empty(field(8)),
            years: non_empty(field(9)),
        });
    }
    let mut by_key = HashMap::new();
    let mut by_abbrev = HashMap::new();
    let mut max_words = 1;
    for (i, a) in archives.iter().enumerate() {
        for n in a.all_names() {
            max_words = max_words.max(n.split_whitespace().count());
            by_key.entry(lookup_key(n)).or_insert(i);
        }
        let abbrevs = std::iter::once(a.abbrev)
            .chain(a.latin_variants.iter().copied())
            .chain(a.cyrillic_abbrevs.iter().copied());
        for n in abbrevs {
            by_abbrev.entry(abbrev_key(n)).or_insert(i);
        }
    }
    let mut head_pairs = vec![0u64; (HEAD_CODES * HEAD_CODES).div_ceil(64)];
    let mut head_firsts = [0u64; 3];
    let mut head_triples = Vec::new();
    for key in by_key.keys() {
        let mut chars = key.chars();
        if let Some(a) = chars.next().and_then(head_code) {
            crate::text::set_bit(&mut head_firsts, a);
            if let Some(b) = chars.next().and_then(head_code) {
                let pair = a * HEAD_CODES + b;
                crate::text::set_bit(&mut head_pairs, pair);
                if let Some(c) = chars.next().and_then(head_code) {
                    head_triples.push([a, b, c].map(|code| code as u8));
                }
            }
        }
    }
    head_triples.sort_unstable();
    head_triples.dedup();
    let mut ascii_triples = vec![0u64; (36 * 36 * 36usize).div_ceil(64)];
    for key in by_key.keys() {
        if let [a, b, c, ..] = *key.as_bytes() {
            if let Some(t) = ascii_triple_index(a, b, c) {
                crate::text::set_bit(&mut ascii_triples, t);
            }
        }
    }
    let max_abbrev_len = by_abbrev.keys().map(String::len).max().unwrap_or(0);
    let keys = by_key.iter().filter(|(k, _)| !k.is_empty());
    let trie = KeyTrie::build(
        keys.clone()
            .map(|(k, &i)| (k.as_bytes().to_vec(), i as u32))
            .collect(),
    );
    let shortest_key = keys.map(|(k, _)| k.chars().count()).min().unwrap_or(0);
    Table {
        archives,
        by_key,
        by_abbrev,
        max_words,
        head_pairs,
        head_firsts,
        head_triples,
        ascii_triples,
        max_abbrev_len,
        trie,
        reversed: OnceLock::new(),
        shortest_key,
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse_table(include_str!("../../data/archives.tsv")))
}

/// The comparison key of an archive name: letters and digits only,
/// lowercase, diacritics dropped ("AP RF" and "АП РФ" give "aprf" and
/// "апрф"; "Arkhiv vneshnei politiki" and "Arkhiv Vneshnei  Politiki" agree).
pub fn lookup_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    if simple_key_into(name, &mut key) {
        return key;
    }
    crate::text::fold(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Finds an archive by any of its abbreviations or names, Latin or
/// Cyrillic, ignoring case, spacing and punctuation.
pub fn lookup(cited: &str) -> Option<&'static Archive> {
    let t = table();
    let key = lookup_key(cited);
    if key.is_empty() {
        return None;
    }
    t.by_key.get(&key).map(|&i| &t.archives[i])
}

/// Finds an archive by a key already made with [`lookup_key`]: for
/// searches that build keys word by word.
pub fn lookup_by_key(key: &str) -> Option<&'static Archive> {
    let t = table();
    t.by_key.get(key).map(|&i| &t.archives[i])
}

/// True when the [`lookup_key`] of `word` could begin an archive's name:
/// [`is_key_prefix`] of it, without building the key for an ASCII word
/// (the archival grammar asks this of every word it reads).
pub fn word_begins_key(word: &str) -> bool {
    if let Some(found) = head_begins_key(word) {
        return found;
    }
    thread_local! {
        static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    KEY.with_borrow_mut(|key| {
        key.clear();
        if simple_key_into(word, key) {
            is_key_prefix(key)
        } else {
            is_key_prefix(&lookup_key(word))
        }
    })
}

/// How many characters [`head_code`] numbers: ASCII, then the small
/// Russian letters а..я.
const HEAD_CODES: usize = 128 + 32;

/// A small number for a character of a key that is ASCII or a small
/// Russian letter (the characters of [`simple_key_into`]'s keys).
fn head_code(c: char) -> Option<usize> {
    match c {
        c if c.is_ascii() => Some(c as usize),
        'а'..='я' => Some(128 + (c as usize - 'а' as usize)),
        _ => None,
    }
}

/// Answers [`word_begins_key`] from the first three characters of the
/// key of `word` when its letters and digits are Latin or Russian: `false`
/// when they begin no key, the answer itself when the key is no longer.
/// `None` when the word needs the full test. No string is built: most
/// words of a segment are answered here.
fn head_begins_key(word: &str) -> Option<bool> {
    let t = table();
    let mut head = [0usize; 3];
    let mut len = 0;
    let mut whole = true;
    for c in word.chars() {
        if len == 3 {
            whole = false;
            break;
        }
        // The key characters of `simple_key_into`, one at a time.
        let key_char = match simple_key_char(c) {
            KeyChar::Key(k) => k,
            KeyChar::Nothing => continue,
            KeyChar::Unknown => return None,
        };
        head[len] = head_code(key_char)?;
        len += 1;
    }
    let known = match len {
        0 => return None,
        1 => crate::text::has_bit(&t.head_firsts, head[0]),
        _ => {
            let pair = head[0] * HEAD_CODES + head[1];
            crate::text::has_bit(&t.head_pairs, pair)
        }
    };
    if len == 3 && known {
        let triple = head.map(|code| code as u8);
        let known = t.head_triples.binary_search(&triple).is_ok();
        // A longer key needs the full test.
        return (!known).then_some(false);
    }
    // The whole key has been read: it begins a key exactly when its
    // characters open one.
    if whole {
        return Some(known);
    }
    (!known).then_some(false)
}

/// Writes the [`lookup_key`] of `name` into `key` when `name` is made of
/// characters whose folding is known (ASCII and the Russian alphabet,
/// lowercased, Й and Ё without their diacritics; typographic quotes,
/// dashes and spaces, which fold away), and says whether it could. Most names and words are; they are spared the Unicode
/// decomposition of [`crate::text::fold`].
fn simple_key_into(name: &str, key: &mut String) -> bool {
    for c in name.chars() {
        match simple_key_char(c) {
            KeyChar::Key(k) => key.push(k),
            KeyChar::Nothing => {}
            KeyChar::Unknown => return false,
        }
    }
    true
}

/// What one character adds to a key, when [`simple_key_into`] knows it.
enum KeyChar {
    /// This key character.
    Key(char),
    /// None: punctuation and white space.
    Nothing,
    /// Only [`crate::text::fold`] can tell.
    Unknown,
}

/// The key of one character as [`simple_key_into`] makes it: ASCII and
/// the Russian alphabet, lowercased, Й and Ё without their diacritics;
/// typographic quotes, dashes and spaces, which fold away.
#[inline]
fn simple_key_char(c: char) -> KeyChar {
    match c {
        'a'..='z' | '0'..='9' => KeyChar::Key(c),
        'A'..='Z' => KeyChar::Key(c.to_ascii_lowercase()),
        // Folding drops their diacritics with the rest (before the
        // alphabet's range, which holds й).
        'Й' | 'й' => KeyChar::Key('и'),
        'Ё' | 'ё' => KeyChar::Key('е'),
        'а'..='я' => KeyChar::Key(c),
        // The capitals sit 32 code points below their small letters.
        'А'..='Я' => KeyChar::Key(char::from_u32(c as u32 + 32).unwrap_or(c)),
        c if c.is_ascii() => KeyChar::Nothing,
        // Quotes, dashes and spaces of typeset text: no letters in
        // their decompositions either.
        '\u{a0}' | '«' | '»' | '\u{2010}'..='\u{2027}' => KeyChar::Nothing,
        _ => KeyChar::Unknown,
    }
}

/// False when no name of an archive of the table can start where `text`
/// does; true when one may. The archival grammar asks this of every word
/// start of a segment before reading it (see
/// `parse::archival::gate::classify`), so that segments that name no archive
/// are turned away after one pass.
///
/// Every place the grammar finds an archive ([`lookup`],
/// [`lookup_by_key`], [`lookup_abbreviation`]) compares the
/// [`lookup_key`] of a stretch of text that starts at a word start and
/// ends before a character that is no letter or digit (white space, a
/// bracket, the punctuation trimmed after a name). The key of such a
/// stretch is the key characters of its characters in order (those of
/// [`simple_key_into`], or of [`crate::text::fold`] for the others: the
/// decomposition of a text is that of its characters), so the key
/// characters of `text` then begin with a key of the table, and the
/// character after that key's last one is no letter or digit. That is
/// what is looked for here, following the trie of the keys a byte at a
/// time: the walk stops at the first character that no key continues
/// (after one or two letters for most words). An abbreviation found by
/// [`lookup_abbreviation`] is a key too: its [`lookup_key`] is one of
/// `by_key` (every abbreviation is a name).
#[inline]
pub fn may_name_archive_at(text: &str) -> bool {
    if let [a, b, ..] = *text.as_bytes() {
        if !pair_may_open_name(a, b) {
            return false;
        }
    }
    may_name_archive_past_pair(text)
}

/// [`may_name_archive_at`] for a text whose first two bytes (if it has
/// two) [`pair_may_open_name`] lets through: for a caller that has asked
/// that already (the gate's table of pairs).
#[inline]
pub fn may_name_archive_past_pair(text: &str) -> bool {
    // Three ASCII letters or digits are the text's first three key
    // characters (lowercased), and a key found there is followed by no
    // letter or digit, so it has three characters at least and opens
    // with those three: most words that pass the pair are turned away
    // here, before the walk.
    if let [a, b, c, ..] = *text.as_bytes() {
        if let Some(t) = ascii_triple_index(a, b, c) {
            if !crate::text::has_bit(&table().ascii_triples, t) {
                return false;
            }
        }
    }
    walk_keys(text)
}

/// The index of three ASCII letters or digits, lowercased, among the
/// 36 * 36 * 36 triples; `None` for any other bytes.
#[inline]
fn ascii_triple_index(a: u8, b: u8, c: u8) -> Option<usize> {
    let code = |x: u8| match x {
        b'0'..=b'9' => Some(usize::from(x - b'0')),
        b'a'..=b'z' => Some(usize::from(x - b'a') + 10),
        b'A'..=b'Z' => Some(usize::from(x - b'A') + 10),
        _ => None,
    };
    Some((code(a)? * 36 + code(b)?) * 36 + code(c)?)
}

/// False when no text that opens with the bytes `a` and `b` names an
/// archive at its start ([`may_name_archive_at`]): both are ASCII letters
/// or digits, so they are its first two key characters, and no key opens
/// with them (no key is shorter). Most words are turned away by this.
pub fn pair_may_open_name(a: u8, b: u8) -> bool {
    let t = table();
    if !(a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() && t.shortest_key >= 2) {
        return true;
    }
    let pair =
        usize::from(a.to_ascii_lowercase()) * HEAD_CODES + usize::from(b.to_ascii_lowercase());
    crate::text::has_bit(&t.head_pairs, pair)
}

/// The walk of [`may_name_archive_at`] through the trie of the keys.
fn walk_keys(text: &str) -> bool {
    let trie = &table().trie;
    let mut node = 0u32;
    let mut buf = [0u8; 4];
    // Follows the trie by the bytes of one key character.
    let step = |node: &mut u32, key_char: char| -> bool {
        let mut buf = [0u8; 4];
        for &b in key_char.encode_utf8(&mut buf).as_bytes() {
            match trie.child(*node, b) {
                Some(child) => *node = child,
                None => return false,
            }
        }
        true
    };
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // An ASCII character, the most of all, on its byte: a letter or
        // digit is its own key character (lowercased), anything else has
        // none (as `simple_key_char` says).
        let b = bytes[at];
        if b.is_ascii() {
            at += 1;
            if !b.is_ascii_alphanumeric() {
                continue;
            }
            match trie.child(node, b.to_ascii_lowercase()) {
                Some(child) => node = child,
                None => return false,
            }
            if trie.is_end(node) && followed_by_no_word_char(text, at) {
                return true;
            }
            continue;
        }
        let i = at;
        let c = text[at..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        at += c.len_utf8();
        // The key characters of `simple_key_into`; of `fold` for others.
        let key_char = match simple_key_char(c) {
            KeyChar::Key(k) => k,
            KeyChar::Nothing => continue,
            KeyChar::Unknown => {
                // The decomposition of a run of text is that of its
                // characters one by one (combining marks, which it only
                // reorders, are dropped): a character's key characters
                // are those of its own fold.
                let folded = crate::text::fold(c.encode_utf8(&mut buf));
                for k in folded.chars().filter(|k| k.is_alphanumeric()) {
                    if !step(&mut node, k) {
                        return false;
                    }
                }
                if node == 0 {
                    // No key character: nothing read yet, as for punctuation.
                    continue;
                }
                if trie.is_end(node) && followed_by_no_word_char(text, i + c.len_utf8()) {
                    return true;
                }
                continue;
            }
        };
        if !step(&mut node, key_char) {
            return false;
        }
        // A whole key has been read: a name, if no letter or digit
        // follows.
        if trie.is_end(node) && followed_by_no_word_char(text, i + c.len_utf8()) {
            return true;
        }
    }
    false
}

/// The archive named by the longest run of final words of `t` (no more
/// than `max_words`, words cut at white space) whose first character
/// `accept` allows, with where it starts: the first such word start `s`,
/// in text order, whose [`lookup`] of `t[s..]` finds an archive, as
/// asking each in turn would.
///
/// Instead of a key built and looked up for each run of words, `t` is
/// read backwards once, its key characters followed through the trie of
/// the keys reversed: the key of `t[s..]` is a key of the table exactly
/// when the walk, having read back to `s`, is at a node where a key ends.
/// The key of a text is the key characters of its characters in order
/// (those of [`simple_key_char`], or of [`crate::text::fold`] for the
/// others, as in [`walk_keys`]), so once no reversed key goes on, no
/// earlier start can name one and the walk stops (after a few characters
/// for most texts).
pub fn longest_named_suffix(
    t: &str,
    max_words: usize,
    accept: impl Fn(usize) -> bool,
) -> Option<(usize, &'static Archive)> {
    let table = table();
    let trie = table.reversed.get_or_init(|| {
        KeyTrie::build(
            table
                .by_key
                .iter()
                .filter(|(k, _)| !k.is_empty())
                .map(|(k, &i)| (k.chars().rev().collect::<String>().into_bytes(), i as u32))
                .collect(),
        )
    });
    let step = |node: &mut u32, key_char: char| -> bool {
        let mut buf = [0u8; 4];
        key_char
            .encode_utf8(&mut buf)
            .bytes()
            .all(|b| match trie.child(*node, b) {
                Some(child) => {
                    *node = child;
                    true
                }
                None => false,
            })
    };
    let mut node = 0u32;
    let mut found = None;
    // The start of the word read last, until the white space before it
    // is met; and how many words have been read.
    let mut word_start = None;
    let mut words = 0;
    let mut buf = [0u8; 4];
    for (at, c) in t.char_indices().rev() {
        if c.is_whitespace() {
            // White space adds no key character: the walk has read
            // `t[s..]` for the word start `s` after it.
            if let Some(s) = word_start.take() {
                if trie.is_end(node) && accept(s) {
                    found = Some((s, &table.archives[trie.ends[node as usize] as usize]));
                }
                words += 1;
                if words == max_words {
                    return found;
                }
            }
            continue;
        }
        word_start = Some(at);
        let alive = match simple_key_char(c) {
            KeyChar::Key(k) => step(&mut node, k),
            KeyChar::Nothing => true,
            KeyChar::Unknown => crate::text::fold(c.encode_utf8(&mut buf))
                .chars()
                .filter(|k| k.is_alphanumeric())
                .collect::<Vec<char>>()
                .into_iter()
                .rev()
                .all(|k| step(&mut node, k)),
        };
        if !alive {
            return found;
        }
    }
    if let Some(s) = word_start.filter(|_| words < max_words) {
        if trie.is_end(node) && accept(s) {
            found = Some((s, &table.archives[trie.ends[node as usize] as usize]));
        }
    }
    found
}

/// True if the character of `text` at byte `at` (if any) is no letter or
/// digit.
fn followed_by_no_word_char(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|n| !crate::text::is_alphanumeric(n))
}

/// True when some archive's [`lookup_key`] starts with `key`: a walk of
/// the trie of the keys (a key is whole characters, so a key that begins
/// another's bytes begins its characters).
pub fn is_key_prefix(key: &str) -> bool {
    key.is_empty() || table().trie.has_prefix(key)
}

/// The longest abbreviation of the table in bytes, white space removed:
/// longer text is no abbreviation.
pub fn max_abbreviation_len() -> usize {
    table().max_abbrev_len
}

fn abbrev_key(printed: &str) -> String {
    printed.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Finds an archive by one of its abbreviations printed exactly (case
/// kept, spacing ignored): "AP RF" and "АП РФ" are found, "Era" is not
/// "ERA". For searching free text, where a loose match would take words
/// for archives.
pub fn lookup_abbreviation(printed: &str) -> Option<&'static Archive> {
    let t = table();
    t.by_abbrev
        .get(&abbrev_key(printed))
        .map(|&i| &t.archives[i])
}

/// Finds an archive by its standard Latin abbreviation only.
pub fn by_abbrev(abbrev: &str) -> Option<&'static Archive> {
    table().archives.iter().find(|a| a.abbrev == abbrev)
}

/// Every archive of the table, in table order.
pub fn all() -> &'static [Archive] {
    &table().archives
}

/// The largest number of words in any archive name of the table.
pub fn max_name_words() -> usize {
    table().max_words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_keys_agree_with_folding() {
        let names = [
            "AP RF",
            "Arkhiv Vneshnei Politiki (AVPRF),",
            "ГА РФ",
            "Российский государственный архив «социально-политической» истории",
            "ЦХСД — 1991…",
            "Ёлкин, Йошкар-Ола",
            "Dal\u{2019}nego Vostoka",
            "SAPMO-BArch",
        ];
        for name in names {
            let mut quick = String::new();
            assert!(simple_key_into(name, &mut quick), "{name}");
            let folded: String = crate::text::fold(name)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            assert_eq!(quick, folded, "{name}");
            assert_eq!(lookup_key(name), folded);
        }
        // Other letters with diacritics take the long way.
        for name in ["Archív", "Łódź", "Ўзбекистон"] {
            assert!(!simple_key_into(name, &mut String::new()));
        }
        assert_eq!(lookup_key("Archív Łódź"), "archivłodz");
        assert!(word_begins_key("RGASPI,") && word_begins_key("Российский"));
        assert!(!word_begins_key("Goncharov"));
        // The quick answers agree with the key itself.
        for word in [
            "A",
            "a.",
            "Zz",
            "(AP",
            "AP-RF",
            "Arkhiv",
            "for",
            "the",
            "of",
            "x",
            "—",
            "1949",
            "“State",
            "SAPMO-BArch,",
            "Q",
            "ГАРФ.",
            "«РГАСПИ»",
            "o",
            "Дальневосточная",
            "Йошкар-Ола",
            "Ёлкин",
            "ЦХСД",
            "цк",
            "Łódź",
            "АП",
        ] {
            assert_eq!(
                word_begins_key(word),
                is_key_prefix(&lookup_key(word)),
                "{word}"
            );
        }
    }

    #[test]
    fn triples_turn_away_only_what_the_walk_does() {
        // Every ASCII triple, alone and before text a name may continue
        // with, as the walk alone answers it.
        let chars: Vec<char> = ('0'..='9').chain('a'..='z').chain('A'..='Z').collect();
        for &a in &chars {
            for &b in &chars {
                for &c in &chars {
                    for tail in ["", " ", "hiv, f. 1", "f, d. 2", "i Federatsii"] {
                        let text = format!("{a}{b}{c}{tail}");
                        if walk_keys(&text) {
                            assert!(may_name_archive_at(&text), "{text}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn names_are_found_where_they_start() {
        // Every name of the table, as printed before a reference, and in
        // the middle of a sentence.
        for a in all() {
            for name in a.all_names() {
                assert!(!lookup_key(name).is_empty(), "{name}");
                assert!(may_name_archive_at(&format!("{name}, f. 1")), "{name}");
                assert!(may_name_archive_at(&format!("“{name}” (1990)")), "{name}");
                assert!(may_name_archive_at(name), "{name}");
            }
        }
        // Diacritics fold away as in keys; a name must end where a word does.
        assert!(may_name_archive_at("Národní archiv, fond 2"));
        assert!(may_name_archive_at("AÚV KSČ, f. 100/3"));
        for text in [
            "Goncharov, Stalin's Russia",
            "Smith, History of Rivers, 45.",
            "Über die Städte",
            "GARFIELD, 12",
            "New York: Lake Press, 1990",
            "",
        ] {
            assert!(!may_name_archive_at(text), "{text}");
        }
    }

    #[test]
    fn named_suffixes_are_those_asked_one_by_one() {
        // The first word start whose suffix a lookup names, as each
        // suffix asked in turn finds it.
        let one_by_one = |t: &str, starts: &[usize]| {
            starts
                .iter()
                .find_map(|&s| lookup(&t[s..]).map(|a| (s, a.abbrev)))
        };
        let mut texts: Vec<String> = Vec::new();
        for a in all() {
            for name in a.all_names() {
                texts.push(format!("Report of 3 May 1950, {name}"));
                texts.push(format!("Petrov to Lee. {name}."));
                texts.push(format!("x{name}"));
                texts.push(name.to_string());
            }
        }
        texts.extend(
            [
                "Letter, 1950. Národní archiv",
                "Brief, AÚV KSČ,",
                "Записка, 1953 г. РГАСПИ.",
                "In the A P R F",
                "In the  A\u{2003}P R F ",
                "Letter to\tRGASPI\n",
                "«ГА РФ»",
                "",
                " ",
                "Goncharov, Stalin's Russia",
            ]
            .map(String::from),
        );
        // The starts of the last `max` words (cut at white space).
        let last_words = |t: &str, max: usize| {
            let mut starts: Vec<usize> = t
                .char_indices()
                .filter(|&(i, c)| {
                    !c.is_whitespace() && t[..i].chars().next_back().is_none_or(char::is_whitespace)
                })
                .map(|(i, _)| i)
                .collect();
            starts.drain(..starts.len().saturating_sub(max));
            starts
        };
        for t in &texts {
            for max in [1, 2, 3, max_name_words()] {
                let starts = last_words(t, max);
                let found = longest_named_suffix(t, max, |_| true).map(|(s, a)| (s, a.abbrev));
                assert_eq!(found, one_by_one(t, &starts), "{t} ({max} words)");
            }
            // Starts refused by `accept` are passed over.
            let odd = |s: usize| s % 2 == 1;
            let starts: Vec<usize> = last_words(t, max_name_words())
                .into_iter()
                .filter(|&s| odd(s))
                .collect();
            let found = longest_named_suffix(t, max_name_words(), odd).map(|(s, a)| (s, a.abbrev));
            assert_eq!(found, one_by_one(t, &starts), "{t}");
        }
    }

    #[test]
    fn spacing_and_script_variants_agree() {
        let a = lookup("APRF").unwrap();
        assert_eq!(lookup("AP RF").unwrap().abbrev, a.abbrev);
        assert_eq!(lookup("АП РФ").unwrap().abbrev, a.abbrev);
        assert_eq!(lookup("ГА РФ").unwrap().abbrev, "GARF");
        assert_eq!(
            lookup("Arkhiv vneshnei politiki Rossiiskoi Federatsii")
                .unwrap()
                .abbrev,
            "AVPRF"
        );
        assert!(lookup("Possiiskoi").is_none());
        assert_eq!(lookup_abbreviation("AP RF").unwrap().abbrev, "APRF");
        assert!(lookup_abbreviation("Era").is_none());
        assert_eq!(lookup_abbreviation("ERA").unwrap().abbrev, "ERA");
    }

    #[test]
    fn renamed_archives_lead_to_the_current_one() {
        assert_eq!(lookup("TsKhSD").unwrap().current().abbrev, "RGANI");
        assert_eq!(lookup("ЦПА ИМЛ").unwrap().current().abbrev, "RGASPI");
        assert_eq!(lookup("AVP SSSR").unwrap().current().abbrev, "AVPRF");
        assert_eq!(lookup("GARF").unwrap().current().abbrev, "GARF");
    }

    #[test]
    fn table_is_large_and_consistent() {
        assert!(all().len() >= 40);
        for a in all() {
            if let Some(s) = a.successor {
                assert!(
                    by_abbrev(s).is_some(),
                    "{} names unknown successor {s}",
                    a.abbrev
                );
            }
            assert!(!a.name.is_empty(), "{} has no name", a.abbrev);
        }
    }
}
