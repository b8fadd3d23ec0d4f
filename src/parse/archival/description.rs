//! Descriptions of archival documents, English and Russian, without their
//! date: "Ciphered telegram from Shtykov to Vyshinsky", "Kovalev to
//! Filippov", "The Soviet Politburo Resolution", "Shtykov’s telegram",
//! "Stalin’s Conversations with the Korean Delegation", "Zhukov and
//! Zabrodin, “Korea, Short Report,”", "Шифротелеграмма Штыкова Сталину",
//! "Записка Берии в ЦК КПСС".
//!
//! A description names the kind of document (from `data/document-kinds.tsv`),
//! its sender and addressee, and sometimes a heading of its own, which
//! becomes the title. Russian names printed in the genitive (sender) or
//! dative (addressee) are put back in the nominative.

use crate::authority::people::{
    has_cyrillic, is_east_asian_family, russian_nominative, RussianCase,
};
use crate::model::{ItemType, Name};
use crate::parse::dates::word_starts;
use crate::parse::names::{is_initials, looks_like_name_list, parse_name, split_name_list};
use crate::text::{is_close_quote, is_open_quote, squash_spaces};
use std::collections::HashMap;
use std::sync::OnceLock;

/// How a kind of document relates to CSL types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindClass {
    /// Sent to someone: always `personal_communication`.
    Letter,
    /// A communication when its sender or addressee is named, otherwise a
    /// manuscript.
    Report,
    /// Kept on file: always `manuscript`.
    Record,
}

struct Kind {
    printed: &'static str,
    genre: Option<&'static str>,
    class: KindClass,
    /// Names the kind even inside a quoted heading.
    in_headings: bool,
}

fn kinds() -> &'static [Kind] {
    static KINDS: OnceLock<Vec<Kind>> = OnceLock::new();
    KINDS.get_or_init(|| {
        let mut out: Vec<Kind> = include_str!("../../../data/document-kinds.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| {
                let f: Vec<&'static str> = l.split('\t').collect();
                let class = match f.get(2)?.trim() {
                    "letter" => KindClass::Letter,
                    "report" => KindClass::Report,
                    _ => KindClass::Record,
                };
                let genre = f.get(1).map(|g| g.trim()).filter(|g| !g.is_empty());
                let in_headings = f.get(3).is_none_or(|h| h.trim() != "no");
                Some(Kind {
                    printed: f[0].trim(),
                    genre,
                    class,
                    in_headings,
                })
            })
            .collect();
        out.sort_by_key(|k| std::cmp::Reverse(k.printed.chars().count()));
        out
    })
}

fn russian_body_stems() -> &'static [&'static str] {
    static STEMS: OnceLock<Vec<&'static str>> = OnceLock::new();
    STEMS.get_or_init(|| {
        crate::text::data_lines(include_str!("../../../data/body-words-ru.txt")).collect()
    })
}

/// Byte length of `phrase` at the start of `text`, compared
/// case-insensitively, or `None`.
///
/// Asked of the text at each place a description is read for each word
/// of a list (signal words, kinds), most of which open with another
/// letter: first bytes that show the first characters differ reject at
/// once. Two ASCII characters agree exactly when they are equal but for
/// case ([`same_letter_ci`]); an ASCII character never agrees with a
/// Cyrillic one of U+0400..U+047F (lead byte 0xD0 or 0xD1), whose
/// lowercase is Cyrillic too.
fn prefix_len_ci(text: &str, phrase: &str) -> Option<usize> {
    if let (Some(&a), Some(&b)) = (text.as_bytes().first(), phrase.as_bytes().first()) {
        let cyrillic = |x: u8| matches!(x, 0xd0 | 0xd1);
        let differ = match (a.is_ascii(), b.is_ascii()) {
            (true, true) => !a.eq_ignore_ascii_case(&b),
            (true, false) => cyrillic(b),
            (false, true) => cyrillic(a),
            (false, false) => false,
        };
        if differ {
            return None;
        }
    }
    prefix_len_by_chars(text, phrase)
}

/// [`prefix_len_ci`] character by character, each compared by
/// [`same_letter_ci`].
#[inline]
fn prefix_len_by_chars(text: &str, phrase: &str) -> Option<usize> {
    let mut t = text.char_indices();
    for p in phrase.chars() {
        let (_, c) = t.next()?;
        if !same_letter_ci(c, p) {
            return None;
        }
    }
    Some(t.next().map_or(text.len(), |(i, _)| i))
}

/// True if two characters agree case-insensitively (their lowercase forms
/// are equal). Latin and Russian pairs, nearly all that descriptions are
/// compared on, are answered without the Unicode tables.
fn same_letter_ci(c: char, p: char) -> bool {
    use crate::text::latin_or_russian_lowercase as lower;
    if c.is_ascii() && p.is_ascii() {
        return c.eq_ignore_ascii_case(&p);
    }
    if let (Some(a), Some(b)) = (lower(c), lower(p)) {
        return a == b;
    }
    c.to_lowercase().eq(p.to_lowercase())
}

/// A kind of document found in a description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindMatch {
    pub span: std::ops::Range<usize>,
    /// The genre as recorded: as printed in lowercase, or the table's.
    pub genre: String,
    /// The genre of one document when the printed kind is plural.
    pub singular: String,
    pub class: KindClass,
}

/// Finds the first kind of document named in `text` (the longest phrase
/// at the leftmost word boundary).
pub fn find_kind(text: &str) -> Option<KindMatch> {
    find_kind_where(text, |_| true)
}

/// Finds the first kind named in a quoted heading, among the kinds that
/// name the document even there.
fn find_kind_in_heading(text: &str) -> Option<KindMatch> {
    find_kind_where(text, |k| k.in_headings)
}

fn find_kind_where(text: &str, accept: impl Fn(&Kind) -> bool) -> Option<KindMatch> {
    word_starts(text).find_map(|pos| kind_at(&text[pos..], &accept).map(|k| k.shifted(pos)))
}

/// The first character of `s`, lowercased (its first char when the
/// lowercase form has several): two strings that agree case-insensitively
/// agree on it.
fn first_lowercase(s: &str) -> Option<char> {
    s.chars().next().and_then(|c| c.to_lowercase().next())
}

/// The kinds of the table by [`first_lowercase`] of their printed form,
/// each list in table order: the only kinds that can start a given word.
fn kinds_by_first_letter() -> &'static HashMap<char, Vec<&'static Kind>> {
    static INDEX: OnceLock<HashMap<char, Vec<&'static Kind>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<char, Vec<&'static Kind>> = HashMap::new();
        for kind in kinds() {
            if let Some(c) = first_lowercase(kind.printed) {
                index.entry(c).or_default().push(kind);
            }
        }
        index
    })
}

/// False when no kind of document of the table can be named from the
/// start of `word` (text from a word start on); true when one may. A kind
/// named there ([`find_kind`]) opens, case-insensitively, with its first
/// word, among the kinds of its first letter: that first word alone is
/// compared here, so the test holds wherever the kind would be found
/// (see [`super::gate::classify`]).
#[inline]
pub fn may_open_kind(word: &str) -> bool {
    if let [a, b, ..] = *word.as_bytes() {
        if a.is_ascii() && b.is_ascii() && !pair_may_open_kind(a, b) {
            return false;
        }
    }
    kind_opens(word)
}

/// False when no word that opens with the ASCII characters `a` and `b`
/// opens a kind's first word ([`may_open_kind`]): their codes are their
/// lowercase bytes, and no first word opens with those two.
pub fn pair_may_open_kind(a: u8, b: u8) -> bool {
    match &kind_heads().pairs {
        Some(bits) => {
            let pair = usize::from(a.to_ascii_lowercase()) * HEAD_CODES
                + usize::from(b.to_ascii_lowercase());
            crate::text::has_bit(bits, pair)
        }
        None => true,
    }
}

/// The test of [`may_open_kind`] on characters: the kinds whose first
/// word opens with the same two characters (by [`head_code`]) are
/// compared, or, when the word's first two have no code, those of its
/// first letter.
fn kind_opens(word: &str) -> bool {
    let heads = kind_heads();
    // A word that opens with three ASCII letters opens a kind's first word
    // only with its first three. One that opens with two and then another
    // ASCII character or none ("in", "no.") opens none: a first word that
    // opens with an ASCII letter opens with three (else `triples` is
    // `None`), and one that does not opens with no character whose
    // lowercase form is ASCII.
    if let (Some(triples), &[a, b, ref rest @ ..]) = (&heads.triples, word.as_bytes()) {
        if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
            match rest.first() {
                Some(&c) if c.is_ascii_alphabetic() => {
                    if !crate::text::has_bit(triples, triple_index(a, b, c)) {
                        return false;
                    }
                }
                Some(&c) if !c.is_ascii() => {}
                _ => return false,
            }
        }
    }
    // So too for three Russian letters (most words of a Russian note):
    // two then an ASCII character or none open no kind.
    if let Some(russian) = &heads.russian_triples {
        let mut chars = word.chars();
        if let (Some(a), Some(b)) = (
            chars.next().and_then(russian_code),
            chars.next().and_then(russian_code),
        ) {
            match chars.next() {
                Some(c) => match russian_code(c) {
                    Some(code)
                        if !crate::text::has_bit(russian, russian_triple_index(a, b, code)) =>
                    {
                        return false
                    }
                    Some(_) => {}
                    None if c.is_ascii() => return false,
                    None => {}
                },
                None => return false,
            }
        }
    }
    let mut chars = word.chars();
    if let (Some(a), Some(b)) = (
        chars.next().and_then(head_code),
        chars.next().and_then(head_code),
    ) {
        if heads.pairs.is_some() {
            let pair = a * HEAD_CODES + b;
            let from = heads.by_pair.partition_point(|(p, _)| *p < pair);
            return heads.by_pair[from..]
                .iter()
                .take_while(|(p, _)| *p == pair)
                .any(|(_, first)| prefix_len_ci(word, first).is_some());
        }
    }
    let Some(candidates) = first_lowercase(word).and_then(|c| kinds_by_first_letter().get(&c))
    else {
        return false;
    };
    candidates
        .iter()
        .any(|kind| prefix_len_ci(word, first_word(kind.printed)).is_some())
}

/// False when no text that opens with `c` passes [`may_open_kind`]: no
/// kind's first word opens with a character that agrees with it
/// case-insensitively. For the gate's table of characters, built once a
/// run.
pub fn char_may_open_kind(c: char) -> bool {
    let heads = kind_heads();
    // With a code, the kinds of its pair are compared (or, when the second
    // character has none, those of its first letter).
    if heads.pairs.is_none() || head_code(c).is_some() {
        return true;
    }
    let mut buf = [0u8; 4];
    first_lowercase(c.encode_utf8(&mut buf))
        .is_some_and(|l| kinds_by_first_letter().contains_key(&l))
}

/// The first word of a kind's printed form.
fn first_word(printed: &str) -> &str {
    printed.split_whitespace().next().unwrap_or("")
}

/// How many characters [`head_code`] numbers.
const HEAD_CODES: usize = 128 + 33;

/// A number for a character lowercased (ASCII, the Russian alphabet): two
/// characters agree case-insensitively ([`same_letter_ci`]) exactly when
/// their codes are equal. `None` for other characters.
fn head_code(c: char) -> Option<usize> {
    if c.is_ascii() {
        return Some(usize::from(c.to_ascii_lowercase() as u8));
    }
    match crate::text::latin_or_russian_lowercase(c)? {
        'ё' => Some(128 + 32),
        l @ 'а'..='я' => Some(128 + (l as usize - 'а' as usize)),
        _ => None,
    }
}

/// The first two characters of the kinds' first words, as bits indexed by
/// their two [`head_code`]s; `None` when some first word has fewer than
/// two characters or one without a code (the test then always reads on).
struct KindHeads {
    pairs: Option<Vec<u64>>,
    /// The kinds' first words by the code of their first two characters,
    /// sorted by it (filled when `pairs` is).
    by_pair: Vec<(usize, &'static str)>,
    /// The first three letters of the kinds' first words that open with
    /// three ASCII letters, as bits indexed by the letters lowercased
    /// (a..z as 0..26); `None` when some first word is shorter, or opens
    /// with a character that may lowercase to an ASCII letter without
    /// being one (the test then reads on).
    triples: Option<Vec<u64>>,
    /// The same of the kinds' first words that open with a Russian letter,
    /// by the letters' codes (less 128: 33 of them); `None` when such a
    /// first word has fewer than three Russian letters first.
    russian_triples: Option<Vec<u64>>,
}

/// The code of a Russian letter lowercased among the 33 of them
/// ([`head_code`] less 128).
fn russian_code(c: char) -> Option<usize> {
    if c.is_ascii() {
        return None;
    }
    head_code(c).and_then(|k| k.checked_sub(128))
}

/// The index of three [`russian_code`]s in [`KindHeads::russian_triples`].
fn russian_triple_index(a: usize, b: usize, c: usize) -> usize {
    (a * 33 + b) * 33 + c
}

/// The index of three ASCII letters in [`KindHeads::triples`].
fn triple_index(a: u8, b: u8, c: u8) -> usize {
    let code = |x: u8| usize::from(x.to_ascii_lowercase() - b'a');
    (code(a) * 26 + code(b)) * 26 + code(c)
}

fn kind_heads() -> &'static KindHeads {
    static HEADS: OnceLock<KindHeads> = OnceLock::new();
    HEADS.get_or_init(|| {
        let mut bits = vec![0u64; (HEAD_CODES * HEAD_CODES).div_ceil(64)];
        let mut by_pair = Vec::new();
        let all_coded = kinds().iter().all(|kind| {
            let first = first_word(kind.printed);
            let mut chars = first.chars();
            match (
                chars.next().and_then(head_code),
                chars.next().and_then(head_code),
            ) {
                (Some(a), Some(b)) => {
                    let pair = a * HEAD_CODES + b;
                    crate::text::set_bit(&mut bits, pair);
                    by_pair.push((pair, first));
                    true
                }
                _ => false,
            }
        });
        by_pair.sort_unstable();
        by_pair.dedup();
        let mut triples = vec![0u64; (26 * 26 * 26usize).div_ceil(64)];
        let all_tripled = kinds().iter().all(|kind| {
            let first = first_word(kind.printed);
            match *first.as_bytes() {
                [a, b, c, ..] if [a, b, c].iter().all(u8::is_ascii_alphabetic) => {
                    let t = triple_index(a, b, c);
                    crate::text::set_bit(&mut triples, t);
                    true
                }
                // No ASCII letter in the lowercase form of its first
                // three (a Russian word): it opens no word of three ASCII
                // letters.
                _ => {
                    first.chars().count() >= 3
                        && first
                            .chars()
                            .take(3)
                            .all(|c| !c.to_lowercase().any(|l| l.is_ascii()))
                }
            }
        });
        let mut russian = vec![0u64; (33 * 33 * 33usize).div_ceil(64)];
        let all_russian_tripled = kinds().iter().all(|kind| {
            let mut chars = first_word(kind.printed).chars();
            if chars.clone().next().and_then(russian_code).is_none() {
                // Its first letter agrees with no Russian letter.
                return true;
            }
            match [chars.next(), chars.next(), chars.next()].map(|c| c.and_then(russian_code)) {
                [Some(a), Some(b), Some(c)] => {
                    crate::text::set_bit(&mut russian, russian_triple_index(a, b, c));
                    true
                }
                _ => false,
            }
        });
        KindHeads {
            pairs: all_coded.then_some(bits),
            by_pair,
            triples: all_tripled.then_some(triples),
            russian_triples: all_russian_tripled.then_some(russian),
        }
    })
}

/// The longest accepted kind at the start of `rest`.
fn kind_at(rest: &str, accept: &impl Fn(&Kind) -> bool) -> Option<KindMatch> {
    let candidates = kinds_by_first_letter().get(&first_lowercase(rest)?)?;
    candidates.iter().filter(|k| accept(k)).find_map(|kind| {
        let len = prefix_len_ci(rest, kind.printed)?;
        let plural = kind.printed.is_ascii() && rest[len..].starts_with('s');
        let len = if plural { len + 1 } else { len };
        if rest[len..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
        {
            return None;
        }
        let printed = rest[..len].to_lowercase();
        let singular = kind.genre.unwrap_or(kind.printed).to_string();
        let genre = kind.genre.map(str::to_string).unwrap_or(printed);
        Some(KindMatch {
            span: 0..len,
            genre,
            singular,
            class: kind.class,
        })
    })
}

impl KindMatch {
    fn shifted(mut self, by: usize) -> KindMatch {
        self.span = self.span.start + by..self.span.end + by;
        self
    }
}

/// What a description says about its document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Description {
    pub kind: Option<KindMatch>,
    pub title: Option<String>,
    pub authors: Vec<Name>,
    pub recipients: Vec<Name>,
    /// The sender is introduced as such ("from X", "by X", a possessive).
    pub sender_named: bool,
    /// The text reads as a document description, not as prose.
    pub well_formed: bool,
}

impl Description {
    /// The CSL type of the described document.
    pub fn item_type(&self) -> ItemType {
        let communication = !self.recipients.is_empty()
            || match self.kind.as_ref().map(|k| k.class) {
                Some(KindClass::Letter) => true,
                Some(KindClass::Report) => self.sender_named,
                Some(KindClass::Record) => false,
                None => !self.authors.is_empty(),
            };
        if communication {
            ItemType::PersonalCommunication
        } else {
            ItemType::Manuscript
        }
    }
}

/// Leading words that introduce a description rather than belong to it.
const LEADING_WORDS: &[&str] = &[
    "and",
    "see also",
    "see",
    "cf.",
    "also",
    "и",
    "см. также",
    "см.",
];
/// Articles before a kind or heading.
const ARTICLES: &[&str] = &["the", "a", "an"];
/// Words that end a description before its date.
const TRAILING_WORDS: &[&str] = &[
    "on",
    "of",
    "dated",
    "from",
    "at",
    "от",
    "dd.",
    "undated",
    "n.d.",
    "без даты",
    "б/д",
    "б. д.",
];

fn strip_word_ci<'a>(s: &'a str, words: &[&str]) -> Option<&'a str> {
    for w in words {
        if let Some(len) = prefix_len_ci(s, w) {
            let rest = &s[len..];
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                return Some(rest.trim_start());
            }
        }
    }
    None
}

/// The description text without signal words, trailing date connectives
/// and separators.
pub fn trim_description(s: &str) -> &str {
    let mut s =
        s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–'));
    while let Some(rest) = strip_word_ci(s, LEADING_WORDS) {
        s = rest;
    }
    loop {
        let t = s.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '(')
        });
        let mut changed = t.len() != s.len();
        s = t;
        for w in TRAILING_WORDS {
            if let Some(head) = s.strip_suffix(w) {
                if head.ends_with(char::is_whitespace) {
                    s = head;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    s.trim_end_matches('.').trim()
}

/// A sender or addressee as printed in an English description.
/// "A. Y. (Gromyko)" names Gromyko; "comrade" is not part of a name.
fn english_names(raw: &str) -> Vec<Name> {
    let untrimmed = raw.trim();
    let mut raw =
        untrimmed.trim_matches(|c: char| matches!(c, ',' | ':' | '.') || c.is_whitespace());
    // Trimming takes the period of a final initial ("Volkogonov D. A."):
    // it is put back, so the name reads family first.
    let start = raw.as_ptr() as usize - untrimmed.as_ptr() as usize;
    let end = start + raw.len();
    let last_word = start + raw.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    if untrimmed[end..].starts_with('.') && is_initials(&untrimmed[last_word..=end]) {
        raw = &untrimmed[start..=end];
    }
    let raw = strip_word_ci(raw, &["comrade", "comrades"]).unwrap_or(raw);
    // "A. Y. (Gromyko)": the parentheses name whom the initials stand for;
    // "Gromyko (Deputy Foreign Minister)": they add an office. "VKP(b)" is
    // one word.
    if let (Some(open), Some(close)) = (raw.find('('), raw.rfind(')')) {
        if open < close && raw[..open].ends_with(char::is_whitespace) {
            let inner = raw[open + 1..close].trim();
            let outside = squash_spaces(&format!("{} {}", &raw[..open], &raw[close + 1..]));
            let initials = outside
                .split_whitespace()
                .all(|w| w.ends_with('.') && w.chars().count() <= 3);
            if initials && looks_like_name_list(inner) {
                return vec![parse_name(inner)];
            }
            if !initials {
                return english_names(&outside);
            }
        }
    }
    if raw.is_empty() {
        return Vec::new();
    }
    split_name_list(raw).into_iter().map(english_name).collect()
}

/// One sender or addressee: a body ("the CC CPSU": the article is not part
/// of the name), a known pseudonym kept whole ("Fyn Si"), or a person.
fn english_name(raw: &str) -> Name {
    let raw = strip_word_ci(raw, &["the"]).unwrap_or(raw);
    // "Mao via Roshchin": the channel is not part of the name.
    if let Some(at) = find_spaced(raw, &[" via "]) {
        return english_name(&raw[..at]);
    }
    // "Roshchin in Beijing": a person and where the person wrote from.
    if let Some(at) = find_spaced(raw, &[" in "]) {
        if !is_body_name(&raw[..at]) {
            return english_name(&raw[..at]);
        }
    }
    if is_body_name(raw) {
        return Name::literal(squash_spaces(raw));
    }
    if raw.contains(' ') && crate::authority::people::remembered_pseudonym_identity(raw).is_some() {
        return Name::person(squash_spaces(raw), None);
    }
    parse_name(raw)
}

/// True if a name is a body: it holds an acronym ("CC CPSU", "ЦК КПСС")
/// or a body word.
fn is_body_name(name: &str) -> bool {
    // A word of two letters or more, all capitals: counted without
    // gathering the letters.
    name.split_whitespace().any(|w| {
        let (mut letters, mut capitals) = (0usize, true);
        for c in w.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            capitals &= c.is_uppercase();
        }
        letters >= 2 && capitals
    }) || (!has_cyrillic(name) && crate::parse::names::is_body(name))
}

/// The role keywords of an English description.
const ROLE_WORDS: &[(&str, Role)] = &[
    ("from", Role::Sender),
    ("by", Role::Author),
    ("to", Role::Addressee),
];

/// Words that end a sender's or addressee's name and resume the heading
/// ("Report by Zhdanov on the founding conference").
const HEADING_RESUMES: &[&str] = &[" on ", " about ", " concerning ", " regarding "];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// "from X": X sent the document.
    Sender,
    /// "by X": X wrote it.
    Author,
    Addressee,
}

/// Splits text into its heading (before any role word, and after a name
/// that a heading word ends) and the text of each role ("from X", "to Y").
fn split_roles(text: &str) -> (String, Vec<(Role, &str)>) {
    let mut marks: Vec<(usize, usize, Role)> = Vec::new();
    let mut prev: Option<char> = None;
    for (pos, c) in text.char_indices() {
        let boundary = prev.is_none_or(|p| p.is_whitespace() || p == ',');
        prev = Some(c);
        if !boundary {
            continue;
        }
        for (word, role) in ROLE_WORDS {
            if let Some(rest) = text[pos..].strip_prefix(word) {
                if rest.starts_with(char::is_whitespace) {
                    marks.push((pos, pos + word.len(), *role));
                }
            }
        }
    }
    let heading_end = marks.first().map_or(text.len(), |m| m.0);
    let mut heading = text[..heading_end].to_string();
    let roles = marks
        .iter()
        .enumerate()
        .map(|(i, &(_, after, role))| {
            let end = marks.get(i + 1).map_or(text.len(), |m| m.0);
            let mut who = &text[after..end];
            if let Some(cut) = find_spaced(who, HEADING_RESUMES) {
                heading.push_str(who[cut..].trim_end());
                who = &who[..cut];
            }
            (role, who.trim())
        })
        .collect();
    (heading, roles)
}

/// The byte offset of the first of `phrases` (each opens with a space) in
/// `s`: the least of their `str::find`s, found at the spaces of `s`
/// without setting up a substring searcher per phrase (the texts are a
/// name or two long).
fn find_spaced(s: &str, phrases: &[&str]) -> Option<usize> {
    let bytes = s.as_bytes();
    memchr::memchr_iter(b' ', bytes)
        .find(|&p| phrases.iter().any(|w| bytes[p..].starts_with(w.as_bytes())))
}

/// True if the word is a possessive ("Shtykov’s", "Stalin's").
fn possessive(s: &str) -> Option<&str> {
    s.strip_suffix("’s").or_else(|| s.strip_suffix("'s"))
}

fn strip_article(s: &str) -> &str {
    strip_word_ci(s, ARTICLES).unwrap_or(s)
}

/// The text without editorial remarks: bracketed insertions ("Filippov
/// [Stalin]") and parenthetical comments that start in lowercase ("(via
/// Shtykov)"). A parenthesized name ("A. Y. (Gromyko)") stays.
fn without_remarks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['[', '(']) {
        let close_char = if rest[open..].starts_with('[') {
            ']'
        } else {
            ')'
        };
        let Some(len) = rest[open..].find(close_char) else {
            break;
        };
        let inner = &rest[open + 1..open + len];
        // "ВКП(б)" is a name: a remark stands apart from the word before it.
        let apart = rest[..open].ends_with(char::is_whitespace);
        let remark =
            close_char == ']' || (apart && inner.trim_start().starts_with(char::is_lowercase));
        out.push_str(&rest[..open]);
        if !remark {
            out.push_str(&rest[open..=open + len]);
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    squash_spaces(&out)
}

/// Signal words that may open a note's lead-in before a description
/// ("See the details from the telegram ...").
const SIGNAL_WORDS: &[&str] = &["see", "cf.", "for", "also", "см.", "ср."];

/// Where the description proper starts in `text`, and whether the text
/// before it is a lead-in that opens with a signal word. Skips leading
/// signal words and "and", and prose before the kind of document ("See the
/// details from | the telegram to Shtykov", "Stalin sent | a telegram").
pub fn description_start(text: &str) -> (usize, bool) {
    let mut s = text.trim_start();
    while let Some(rest) = strip_word_ci(s, LEADING_WORDS) {
        s = rest;
    }
    let skipped = text.len() - s.len();
    let signal = strip_word_ci(text.trim_start(), SIGNAL_WORDS).is_some();
    let Some(kind) = find_kind(s) else {
        return (skipped, signal);
    };
    let before = s[..kind.span.start].trim_end();
    let words: Vec<&str> = before.split_whitespace().collect();
    // Connectors of name lists and bodies are not prose ("Zhukov and
    // Zabrodin", "Ministry of Foreign Affairs").
    let prose = words.iter().any(|w| {
        w.chars().next().is_some_and(char::is_lowercase)
            && !ARTICLES.contains(&w.to_lowercase().as_str())
            && !matches!(*w, "and" | "of" | "for" | "in" | "&")
            && possessive(w).is_none()
    });
    if !prose || has_cyrillic(before) || before.contains(is_open_quote) {
        return (skipped, signal);
    }
    // Keep the article right before the kind: "the telegram".
    let mut start = kind.span.start;
    if let Some(last) = words.last() {
        if ARTICLES.contains(&last.to_lowercase().as_str()) {
            start = before.len() - last.len();
        }
    }
    (skipped + start, signal || skipped > 0)
}

/// Reads a document description (its date already removed).
pub fn parse_description(text: &str) -> Description {
    let cleaned = without_remarks(text);
    let text = trim_description(&cleaned);
    if text.is_empty() {
        return Description {
            well_formed: true,
            ..Description::default()
        };
    }
    if let Some(d) = quoted_title(text) {
        return d;
    }
    // Trimming took the period of a final initial ("Микоян А. С.").
    let text_end = text.as_ptr() as usize - cleaned.as_ptr() as usize + text.len();
    let period_trimmed = cleaned[text_end..].starts_with('.');
    match find_kind(text) {
        Some(kind) if has_cyrillic(&text[kind.span.clone()]) => russian(text, kind, period_trimmed),
        Some(kind) => {
            // A final initial gets its period back ("... to Volkogonov D. A.").
            let start = text_end - text.len();
            let last_word = start + text.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let text = if period_trimmed && is_initials(&cleaned[last_word..=text_end]) {
                &cleaned[start..=text_end]
            } else {
                text
            };
            english(text, kind)
        }
        None => without_kind(text),
    }
}

/// `Zhukov and Zabrodin, “Korea, Short Report,”` and `“Stalin’s
/// Conversations with Mao Zedong,”`: a quoted heading, with its authors
/// before it.
fn quoted_title(text: &str) -> Option<Description> {
    let open = text.find(is_open_quote)?;
    let open_len = text[open..].chars().next()?.len_utf8();
    let inner_start = open + open_len;
    let close = inner_start + text[inner_start..].rfind(is_close_quote)?;
    let title = text[inner_start..close]
        .trim()
        .trim_end_matches([',', '.', ';'])
        .trim();
    if title.is_empty() {
        return None;
    }
    let before = text[..open].trim().trim_end_matches([',', ':']).trim();
    let after = text[close..].chars().skip(1).collect::<String>();
    let mut d = Description {
        title: Some(squash_spaces(title)),
        well_formed: true,
        ..Description::default()
    };
    if !before.is_empty() {
        if looks_like_name_list(before) {
            d.authors = english_names(before);
        } else {
            d.kind = find_kind(before);
        }
    }
    let (after_heading, roles) = split_roles(after.trim_start_matches([',', ' ']));
    // "“On the Korean Question,” report from Shtykov": the kind after it.
    if d.kind.is_none() {
        d.kind = find_kind(&after_heading);
    }
    apply_roles(&mut d, &roles);
    if d.kind.is_none() {
        d.kind = find_kind_in_heading(title);
    }
    Some(d)
}

fn apply_roles(d: &mut Description, roles: &[(Role, &str)]) {
    for (role, who) in roles {
        let names = english_names(who);
        match role {
            Role::Sender => {
                d.sender_named = true;
                d.authors.extend(names);
            }
            Role::Author => d.authors.extend(names),
            Role::Addressee => d.recipients.extend(names),
        }
    }
}

/// True if every word is capitalized (a name or body, not prose).
fn capitalized_words(s: &str) -> bool {
    !s.is_empty() && looks_like_name_list(s)
}

fn english(text: &str, kind: KindMatch) -> Description {
    let before = strip_article(text[..kind.span.start].trim());
    let after = &text[kind.span.end..];
    let (heading, roles) = split_roles(after);
    let heading_trim = heading.trim().trim_matches([',', ':', ' ']);
    let heading_printed = heading.trim_end().trim_end_matches([',', ':']);
    let mut d = Description {
        kind: Some(kind.clone()),
        well_formed: true,
        ..Description::default()
    };
    // "Letter, Stalin to Mao", "Ciphered telegram No. 4581, Shtykov to
    // Stalin": the sender's name is the last comma-separated part of the
    // heading, before the addressee.
    let last_part = heading_trim.rsplit(',').next().unwrap_or("").trim();
    if !last_part.is_empty()
        && heading.contains(',')
        && roles.len() == 1
        && roles[0].0 == Role::Addressee
        && capitalized_words(last_part)
    {
        d.authors = english_names(last_part);
        d.sender_named = true;
        apply_roles(&mut d, &roles);
        let rest = heading_printed[..heading_printed.rfind(',').unwrap_or(0)].trim();
        if !rest.is_empty() {
            d.title = Some(squash_spaces(&format!(
                "{} {}",
                &text[..kind.span.end],
                rest
            )));
        }
        return d;
    }
    apply_roles(&mut d, &roles);
    if !heading_trim.is_empty() {
        // The document has a heading of its own: the title runs from the
        // start of the description to the end of the heading.
        let title = format!("{}{}", &text[..kind.span.end], heading_printed);
        d.title = Some(squash_spaces(title.trim()));
        return d;
    }
    if before.is_empty() {
        return d;
    }
    if let Some(owner) = possessive(before) {
        d.authors = english_names(owner);
    } else if capitalized_words(before) {
        d.authors = english_names(before);
    } else {
        d.well_formed = false;
        d.title = Some(squash_spaces(&text[..kind.span.end]));
    }
    d
}

/// "Kovalev to Filippov": sender and addressee with no kind named.
fn without_kind(text: &str) -> Description {
    let (heading, roles) = split_roles(text);
    let heading = heading.trim();
    if roles.len() == 1
        && roles[0].0 == Role::Addressee
        && capitalized_words(heading)
        && capitalized_words(roles[0].1)
    {
        let mut d = Description {
            well_formed: true,
            sender_named: true,
            ..Description::default()
        };
        d.authors = english_names(heading);
        apply_roles(&mut d, &roles);
        return d;
    }
    Description {
        title: Some(squash_spaces(text)),
        well_formed: false,
        ..Description::default()
    }
}

/// True if a Russian name is a body: an acronym or a body word. Read
/// without building strings, Russian and Latin letters without the
/// Unicode tables.
fn russian_body(name: &str) -> bool {
    name.split_whitespace().any(|w| {
        let (mut letters, mut capitals) = (0usize, true);
        for c in w.chars().filter(|&c| crate::text::is_alphabetic(c)) {
            letters += 1;
            capitals &= is_capital(c);
        }
        // "П.Л." is two initials, not an acronym.
        let acronym = letters >= 2 && capitals && !is_initials(w);
        if acronym {
            return true;
        }
        // A capital sigma lowercases by its context: the lowercased copy
        // then (its first byte, 0xCE, is rare).
        if memchr::memchr(0xce, w.as_bytes()).is_some() && w.contains('Σ') {
            let lower = w.to_lowercase();
            return russian_body_stems().iter().any(|s| lower.starts_with(s));
        }
        // A stem is compared only with a word whose first letter,
        // lowercased, is the stem's first (most words open none).
        let first = crate::text::lowercase_chars(w).next();
        russian_body_stems().iter().any(|s| {
            s.chars().next().is_none_or(|f| Some(f) == first) && lowercase_starts_with(w, s)
        })
    })
}

/// `char::is_uppercase`, answered without the Unicode tables for Russian
/// and Latin letters.
fn is_capital(c: char) -> bool {
    match c {
        'A'..='Z' | 'А'..='Я' | 'Ё' => true,
        'a'..='z' | 'а'..='я' | 'ё' => false,
        _ => c.is_uppercase(),
    }
}

/// True if `word`, lowercased (`str::to_lowercase`), starts with `prefix`,
/// for a word without a capital sigma (which lowercases by its context):
/// compared a character at a time, without the lowercased copy.
fn lowercase_starts_with(word: &str, prefix: &str) -> bool {
    let mut lower = crate::text::lowercase_chars(word);
    prefix.chars().all(|p| lower.next() == Some(p))
}

fn russian_name(words: &[&str], case: RussianCase) -> Option<Name> {
    if words.is_empty() {
        return None;
    }
    let nominative = russian_nominative(&words.join(" "), case);
    if russian_body(&nominative) {
        return Some(Name::literal(nominative));
    }
    // "Мао Цзэдун": an East Asian family name comes first.
    let parts: Vec<&str> = nominative.split_whitespace().collect();
    if parts.len() > 1 && is_east_asian_family(parts[0]) {
        return Some(Name::person(parts[0], Some(parts[1..].join(" "))));
    }
    Some(parse_name(&nominative))
}

/// A feminine noun in the accusative put back in the nominative ("Москву"
/// gives "Москва"); acronyms and other words are kept.
fn accusative_to_nominative(word: &str) -> String {
    let upper = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    match (upper, word.strip_suffix('у'), word.strip_suffix('ю')) {
        (false, Some(stem), _) => format!("{stem}а"),
        (false, _, Some(stem)) => format!("{stem}я"),
        _ => word.to_string(),
    }
}

/// True if a Russian word is in the dative of a surname or given name
/// (a Chinese syllable in -оу, "Чжоу", is not).
fn looks_dative(word: &str) -> bool {
    ["у", "ю"].iter().any(|e| word.ends_with(e)) && !word.ends_with("оу")
}

/// True if a Russian word can end a sender in the genitive: a genitive
/// ending, an initial or an acronym.
fn looks_genitive(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    acronym
        || word.ends_with('.')
        || ["а", "я", "и", "ы", "ого", "его", "ой", "ей", "ых", ")"]
            .iter()
            .any(|e| word.ends_with(e))
}

/// The persons of a sender-and-addressee list printed family-first, each a
/// family name followed by its initials ("Федоренко П. Л. Симонову Ю.
/// Е."), or `None` when the list is not printed so. The list must open
/// with a family name and end with initials: a list that ends with a
/// family name is read initials-first ("Берии И. В. Сталину" is Beria to
/// I. V. Stalin). Words before a family name and its initials that no
/// initials follow are a person printed without them ("Мао Цзэдуна
/// Сталину И. В.").
fn family_first_persons<'a, 'w>(names: &'a [&'w str]) -> Option<Vec<&'a [&'w str]>> {
    let (first, last) = (names.first()?, names.last()?);
    if names.len() < 2 || is_initials(first) || !is_initials(last) {
        return None;
    }
    let mut persons = Vec::new();
    let mut start = 0;
    let mut family = 0;
    for (i, word) in names.iter().enumerate() {
        if !is_initials(word) {
            family = i;
            continue;
        }
        if names.get(i + 1).is_none_or(|next| !is_initials(next)) {
            if family > start {
                persons.push(&names[start..family]);
            }
            persons.push(&names[family..=i]);
            start = i + 1;
        }
    }
    Some(persons)
}

/// At most two initials stand before a family name ("И. В. Сталину");
/// more belong partly to the name before ("Берии Л. П. И. В. Сталину").
const MAX_INITIALS: usize = 2;

/// "Шифротелеграмма Штыкова Сталину", "Письмо Мао Цзэдуна И. В. Сталину",
/// "Записка Берии в ЦК КПСС", "Постановление Политбюро ЦК ВКП(б)", and
/// names printed family-first: "Записка Федоренко П. Л. Симонову Ю. Е.".
/// `period_trimmed` says the text lost its final period, which may have
/// been an initial's.
fn russian(text: &str, kind: KindMatch, period_trimmed: bool) -> Description {
    let mut d = Description {
        kind: Some(kind.clone()),
        well_formed: true,
        ..Description::default()
    };
    let after = text[kind.span.end..]
        .trim()
        .trim_start_matches([',', ':'])
        .trim();
    let restored_initial: String;
    let mut words: Vec<&str> = after
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    w.to_lowercase().as_str(),
                    "тов." | "т." | "товарищу" | "товарища"
                )
        })
        .collect();
    if let Some(last) = words.last_mut().filter(|_| period_trimmed) {
        // "С" or "Ю.Е": initials that lost their last period.
        let initial = last.chars().next_back().filter(|c| c.is_uppercase());
        let head = initial.map(|c| &last[..last.len() - c.len_utf8()]);
        if head.is_some_and(|h| h.is_empty() || is_initials(h)) {
            restored_initial = format!("{last}.");
            *last = &restored_initial;
        }
    }
    // A preposition introduces an addressee body: "в ЦК КПСС", "на имя Сталина".
    let prep = words.iter().position(|w| matches!(*w, "в" | "во" | "на"));
    let (names, addressee_body) = match prep {
        Some(p) => (&words[..p], Some(&words[p + 1..])),
        None => (&words[..], None),
    };
    let prose = names
        .iter()
        .any(|w| w.chars().next().is_some_and(|c| c.is_lowercase()));
    if prose {
        d.title = Some(squash_spaces(text));
        return d;
    }
    if let Some(persons) = family_first_persons(names) {
        // The addressees start at the first family name in the dative; with
        // none ("Зубок Л. Ф. Микоян А. С."), the first person is the sender,
        // unless the only one.
        let split = persons
            .iter()
            .position(|p| p.iter().any(|w| !is_initials(w) && looks_dative(w)))
            .unwrap_or(1);
        for (k, person) in persons.iter().enumerate() {
            let (case, out) = if k < split {
                (RussianCase::Genitive, &mut d.authors)
            } else {
                (RussianCase::Dative, &mut d.recipients)
            };
            out.extend(russian_name(person, case));
        }
    } else {
        // The addressee starts at the first dative word, with its initials
        // and the words before it that cannot be a genitive ("Мао
        // Цзэдуну"), as long as a sender is left.
        let mut split = names
            .iter()
            .position(|w| looks_dative(w))
            .unwrap_or(names.len());
        while split > 1 && !looks_genitive(names[split - 1]) {
            split -= 1;
        }
        let mut initials = 0;
        let initial = |w: &str| w.ends_with('.') && w.chars().count() <= 3;
        while split > 0 && initials < MAX_INITIALS && initial(names[split - 1]) {
            split -= 1;
            initials += 1;
        }
        d.authors
            .extend(russian_name(&names[..split], RussianCase::Genitive));
        d.recipients
            .extend(russian_name(&names[split..], RussianCase::Dative));
    }
    if let Some(body) = addressee_body {
        let body: Vec<&str> = body.iter().copied().filter(|w| *w != "имя").collect();
        if !body.is_empty() {
            let case = if words.contains(&"имя") {
                RussianCase::Genitive
            } else {
                RussianCase::Dative
            };
            // "в Москву": a place in the accusative.
            let printed = body
                .iter()
                .map(|w| accusative_to_nominative(w))
                .collect::<Vec<_>>()
                .join(" ");
            let name = if russian_body(&printed) {
                Name::literal(printed)
            } else {
                russian_name(&body, case).unwrap_or_default()
            };
            d.recipients.push(name);
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fams(names: &[Name]) -> Vec<String> {
        names
            .iter()
            .map(|n| n.family.clone().or(n.literal.clone()).unwrap_or_default())
            .collect()
    }

    #[test]
    fn kinds_open_where_they_are_named() {
        for kind in kinds() {
            let printed = kind.printed;
            assert!(may_open_kind(printed), "{printed}");
            assert!(may_open_kind(&printed.to_uppercase()), "{printed}");
            assert!(
                find_kind(&format!("A {printed} from X")).is_some(),
                "{printed}"
            );
        }
        for word in ["Smith", "History", "New", "1990", "“The", "", "l"] {
            assert!(!may_open_kind(word), "{word}");
        }
    }

    #[test]
    fn english_shapes() {
        let d = parse_description("Ciphered telegram from Stalin to Mao Zedong, ");
        assert_eq!(d.kind.unwrap().genre, "ciphered telegram");
        assert_eq!(fams(&d.authors), ["Stalin"]);
        assert_eq!(fams(&d.recipients), ["Mao"]);
        let d =
            parse_description("The Report on Military Activities of South Korea from Shtykov on");
        assert_eq!(
            d.title.as_deref(),
            Some("The Report on Military Activities of South Korea")
        );
        assert_eq!(d.item_type(), ItemType::PersonalCommunication);
        let d = parse_description("The Soviet Politburo Resolution on");
        assert_eq!(d.authors, vec![Name::literal("Soviet Politburo")]);
        assert_eq!(d.item_type(), ItemType::Manuscript);
        let d = parse_description("Shtykov’s telegram on");
        assert_eq!(fams(&d.authors), ["Shtykov"]);
        let d = parse_description("Stalin’s Conversations with the Korean Delegation,");
        assert_eq!(
            d.title.as_deref(),
            Some("Stalin’s Conversations with the Korean Delegation")
        );
        assert!(d.authors.is_empty());
        let d = parse_description("Kovalev to Filippov on");
        assert_eq!(
            (fams(&d.authors), fams(&d.recipients)),
            (vec!["Kovalev".into()], vec!["Filippov".into()])
        );
        let d = parse_description("Telegram from A. Y. (Gromyko) to Shtykov on");
        assert_eq!(d.authors, vec![Name::person("Gromyko", None)]);
        let d = parse_description(
            "Telegram from Gromyko (Deputy Foreign Minister) to Mao via Roshchin",
        );
        assert_eq!(
            (fams(&d.authors), fams(&d.recipients)),
            (vec!["Gromyko".into()], vec!["Mao".into()])
        );
        let d = parse_description("Letter, Stalin to Mao,");
        assert_eq!(
            (fams(&d.authors), fams(&d.recipients)),
            (vec!["Stalin".into()], vec!["Mao".into()])
        );
        assert!(!parse_description("Stalin sent a telegram").well_formed);
    }

    #[test]
    fn quoted_heading_then_kind_and_undated() {
        let d = parse_description("“On the Korean Question,” report from Shtykov to Stalin,");
        assert_eq!(d.title.as_deref(), Some("On the Korean Question"));
        assert_eq!(d.kind.as_ref().unwrap().genre, "report");
        assert_eq!(d.item_type(), ItemType::PersonalCommunication);
        let d = parse_description("Letter from Stalin to Mao, undated");
        assert_eq!(fams(&d.recipients), ["Mao"]);
    }

    #[test]
    fn quoted_heading() {
        let d = parse_description("Zhukov and Zabrodin, “Korea, Short Report,”");
        assert_eq!(d.title.as_deref(), Some("Korea, Short Report"));
        assert_eq!(fams(&d.authors), ["Zhukov", "Zabrodin"]);
        assert_eq!(d.kind.as_ref().unwrap().genre, "report");
        assert_eq!(d.item_type(), ItemType::Manuscript);
    }

    #[test]
    fn russian_shapes() {
        let d = parse_description("Шифротелеграмма Штыкова Сталину от");
        assert_eq!(d.kind.as_ref().unwrap().genre, "шифротелеграмма");
        assert_eq!(
            (fams(&d.authors), fams(&d.recipients)),
            (vec!["Штыков".into()], vec!["Сталин".into()])
        );
        let d = parse_description("Записка Берии в ЦК КПСС");
        assert_eq!(d.authors, vec![Name::person("Берия", None)]);
        assert_eq!(d.recipients, vec![Name::literal("ЦК КПСС")]);
        let d = parse_description("Письмо Мао Цзэдуна И. В. Сталину");
        assert_eq!(
            d.recipients,
            vec![Name::person("Сталин", Some("И. В.".into()))]
        );
        let d = parse_description("Запись беседы Сталина с Мао Цзэдуном");
        assert_eq!(
            d.title.as_deref(),
            Some("Запись беседы Сталина с Мао Цзэдуном")
        );
        assert_eq!(d.item_type(), ItemType::Manuscript);
    }

    fn person(family: &str, given: &str) -> Name {
        Name::person(family, Some(given.into()))
    }

    /// Checks the senders and addressees read from each description.
    fn assert_parties(cases: &[(&str, Vec<Name>, Vec<Name>)]) {
        for (printed, authors, recipients) in cases {
            let d = parse_description(printed);
            assert_eq!(
                (&d.authors, &d.recipients),
                (authors, recipients),
                "{printed}"
            );
        }
    }

    #[test]
    fn prefixes_are_compared_as_char_by_char() {
        // `prefix_len_ci` as first written: every character compared.
        let by_chars = prefix_len_by_chars;
        let pieces = [
            "",
            "k",
            "K",
            "\u{212a}",
            "i",
            "I",
            "\u{130}",
            "\u{3a3}",
            "\u{3c3}",
            "s",
            "see",
            "See also",
            "\u{441}\u{43c}.",
            "\u{421}\u{41c}",
            "cf.",
            " ",
            "1",
            "\u{e9}",
            "\u{c9}",
            "letter",
            "LETTER",
            "t",
            "\u{201c}",
            "\u{400}",
            "\u{456}",
            "\u{47f}",
            "\u{410}",
        ];
        let texts = crate::text::texts_of_pieces(&pieces, 2);
        let phrases: Vec<&str> = pieces
            .iter()
            .copied()
            .chain(LEADING_WORDS.iter().copied())
            .chain(SIGNAL_WORDS.iter().copied())
            .chain(kinds().iter().map(|k| k.printed))
            .collect();
        for text in &texts {
            for phrase in &phrases {
                assert_eq!(
                    prefix_len_ci(text, phrase),
                    by_chars(text, phrase),
                    "{text:?} {phrase:?}"
                );
            }
        }
    }

    #[test]
    fn spaced_phrases_are_found_as_str_finds_them() {
        assert!(HEADING_RESUMES.iter().all(|w| w.starts_with(' ')));
        for text in [
            "Petrov on the harvest about the plan",
            " on ",
            "Lee via Lund in Oslo via Rome",
            "Ivanov concerning regarding  on",
            "",
            "Сидоров on  about",
        ] {
            let least = HEADING_RESUMES.iter().filter_map(|w| text.find(w)).min();
            assert_eq!(find_spaced(text, HEADING_RESUMES), least, "{text}");
            for w in [" via ", " in "] {
                assert_eq!(find_spaced(text, &[w]), text.find(w), "{text}");
            }
        }
    }

    #[test]
    fn chars_that_open_no_kind_open_no_word_of_one() {
        // Every char, as the first of texts that open with a kind's first
        // word but for its first char.
        let firsts: Vec<&str> = kinds().iter().map(|k| first_word(k.printed)).collect();
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            if char_may_open_kind(c) {
                continue;
            }
            let mut texts = vec![format!("{c}"), format!("{c} 1")];
            for first in &firsts {
                let mut chars = first.chars();
                chars.next();
                texts.push(format!("{c}{}", chars.as_str()));
            }
            for text in texts {
                assert!(!may_open_kind(&text), "{text:?}");
            }
        }
        assert!(!char_may_open_kind('“'));
        assert!(char_may_open_kind('L') && char_may_open_kind('з'));
    }

    #[test]
    fn kind_opens_is_a_comparison_with_every_first_word() {
        assert!(kind_heads().triples.is_some());
        assert!(kind_heads().russian_triples.is_some());
        let by_comparing = |word: &str| {
            kinds()
                .iter()
                .any(|k| prefix_len_ci(word, first_word(k.printed)).is_some())
        };
        let mut words: Vec<String> = kinds()
            .iter()
            .flat_map(|k| {
                let w = first_word(k.printed);
                [
                    w.to_string(),
                    w.to_uppercase(),
                    format!("{w}s 3"),
                    w.chars().take(3).collect(),
                ]
            })
            .collect();
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                for c in b'a'..=b'z' {
                    let t = String::from_utf8(vec![a, b, c]).unwrap();
                    words.push(format!("{t}ter of"));
                    words.push(t.to_uppercase());
                }
                // Two letters, then every other ASCII char or none.
                for c in (0..128u8).filter(|c| !c.is_ascii_alphabetic()) {
                    words.push(String::from_utf8(vec![a, b, c]).unwrap());
                    words
                        .push(String::from_utf8(vec![a.to_ascii_uppercase(), b, c, b'x']).unwrap());
                }
                words.push(String::from_utf8(vec![a, b]).unwrap());
                words.push(format!("{}{}é", a as char, b as char));
            }
        }
        // Every three Russian letters, in either case, and two then
        // another char or none.
        let russian: Vec<char> = ('а'..='я').chain(['ё']).collect();
        for &a in &russian {
            for &b in &russian {
                for &c in &russian {
                    words.push(format!("{a}{b}{c}ка"));
                    words.push(format!("{a}{b}{c}").to_uppercase());
                }
                for c in ['.', ' ', '1', 'x', 'é', '\u{0301}', 'Ѐ'] {
                    words.push(format!("{a}{b}{c}"));
                }
                words.push(format!("{a}{b}"));
            }
        }
        for w in &words {
            assert_eq!(kind_opens(w), by_comparing(w), "{w}");
        }
    }

    #[test]
    fn russian_bodies_are_told_as_by_building_strings() {
        // The test as first written, with a Vec of letters and a
        // lowercased copy of each word.
        let by_strings = |name: &str| {
            name.split_whitespace().any(|w| {
                let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
                let acronym = letters.len() >= 2
                    && letters.iter().all(|c| c.is_uppercase())
                    && !is_initials(w);
                let lower = w.to_lowercase();
                acronym || russian_body_stems().iter().any(|s| lower.starts_with(s))
            })
        };
        let mut names = vec![
            "Петров И. В.".to_string(),
            "ЦК КПСС".into(),
            "П.Л.".into(),
            "Посольство СССР".into(),
            "ПОСОЛЬСТВО".into(),
            "Мао Цзэдун".into(),
            "Совет Министров".into(),
            "совeт".into(),
            "İstanbul ΣΟΦΙΑ".into(),
            "ΣОВЕТ".into(),
            "Ёлкин Ё. Ж.".into(),
            "МИД".into(),
            "Xi".into(),
            "X".into(),
            "".into(),
        ];
        for stem in russian_body_stems() {
            let mut chars = stem.chars();
            let first: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .collect();
            names.push(format!("Иван {first}{}у", chars.as_str()));
            names.push(stem.to_uppercase());
            names.push(stem.chars().take(3).collect());
        }
        for name in &names {
            assert_eq!(russian_body(name), by_strings(name), "{name}");
        }
    }

    #[test]
    fn russian_names_family_first() {
        assert_parties(&[
            (
                "Докладная записка Федоренко П. Л. Симонову Ю. Е., ",
                vec![person("Федоренко", "П. Л.")],
                vec![person("Симонов", "Ю. Е.")],
            ),
            (
                "Шифртелеграмма Федоренко Д. М. Печатнову Д. Е.",
                vec![person("Федоренко", "Д. М.")],
                vec![person("Печатнов", "Д. Е.")],
            ),
            // A sender printed without initials before a family-first
            // addressee.
            (
                "Письмо Мао Цзэдуна Сталину И. В.",
                vec![person("Мао", "Цзэдун")],
                vec![person("Сталин", "И. В.")],
            ),
            (
                "Записка Федоренко П. Л., Иванова И. И. Симонову Ю. Е.",
                vec![person("Федоренко", "П. Л."), person("Иванов", "И. И.")],
                vec![person("Симонов", "Ю. Е.")],
            ),
            // Compact initials, a comma between the persons.
            (
                "Записка Федоренко П.Л., Симонову Ю.Е.",
                vec![person("Федоренко", "П.Л.")],
                vec![person("Симонов", "Ю.Е.")],
            ),
            // The addressee printed in the nominative: order decides.
            (
                "Записка Зубок Л. Ф. Микоян А. С.",
                vec![person("Зубок", "Л. Ф.")],
                vec![person("Микоян", "А. С.")],
            ),
        ]);
    }

    #[test]
    fn russian_one_name_family_first() {
        assert_parties(&[
            (
                "Письмо Сталина И. В. в ЦК ВКП(б)",
                vec![person("Сталин", "И. В.")],
                vec![Name::literal("ЦК ВКП(б)")],
            ),
            (
                "Телеграмма Рощину Н. В., ",
                vec![],
                vec![person("Рощин", "Н. В.")],
            ),
            ("Телеграмма Рощину Н.", vec![], vec![person("Рощин", "Н.")]),
        ]);
    }

    #[test]
    fn russian_initials_first_unchanged() {
        assert_parties(&[
            (
                "Записка В. М. Молотова И. В. Сталину, ",
                vec![person("Молотов", "В. М.")],
                vec![person("Сталин", "И. В.")],
            ),
            (
                "Записка Берии И. В. Сталину",
                vec![Name::person("Берия", None)],
                vec![person("Сталин", "И. В.")],
            ),
            // Two persons' initials in a row: two stand before the addressee.
            (
                "Записка Берии Л. П. И. В. Сталину",
                vec![person("Берия", "Л. П.")],
                vec![person("Сталин", "И. В.")],
            ),
            (
                "Telegram from Filippov to Mao Zedong",
                vec![Name::person("Filippov", None)],
                vec![person("Mao", "Zedong")],
            ),
            // Family first in English: the last initial keeps its period.
            (
                "Telegram from Volkogonov D. A. to Mao Zedong",
                vec![person("Volkogonov", "D. A.")],
                vec![person("Mao", "Zedong")],
            ),
            (
                "Telegram from Mao Zedong to Volkogonov D. A.",
                vec![person("Mao", "Zedong")],
                vec![person("Volkogonov", "D. A.")],
            ),
        ]);
    }
}
