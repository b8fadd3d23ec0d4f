//! Personal and corporate names as Chicago notes print them.
//!
//! Notes print names in reading order ("Sergei Goncharov", "A. V.
//! Torkunov"), except East Asian names, which keep family-first order
//! ("Shen Zhihua", "Park Mun Su"). A name is read family-first when its
//! first word is a known East Asian family name (so "Shu Guang Zhang",
//! whose first word is a given name, stays Western order). Bodies ("Department of
//! State", "Zhonggong Zhongyang Bianyiju") become CSL `literal` names.
//! Both word lists are data files under `data/`.

pub use crate::authority::people::is_east_asian_surname;
use crate::model::Name;
use crate::text::TrimWs;
// Membership only (never iterated): foldhash, which hashes the short words
// looked up many times per citation faster than the default SipHash.
use foldhash::HashSet;
use std::sync::OnceLock;

fn word_set(source: &'static str, lowercase: bool) -> HashSet<String> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            if lowercase {
                l.to_lowercase()
            } else {
                l.to_string()
            }
        })
        .collect()
}

/// The body words, lowercase, as bytes (looked up with a word lowercased
/// on the stack).
fn body_words() -> &'static BodyWords {
    static SET: OnceLock<BodyWords> = OnceLock::new();
    SET.get_or_init(|| {
        let set: HashSet<Box<[u8]>> = word_set(include_str!("../../data/body-words.txt"), true)
            .into_iter()
            .map(|w| w.into_bytes().into_boxed_slice())
            .collect();
        let mut lengths = [0u64; 128];
        for w in &set {
            if let Some(&first) = w.first().filter(|b| b.is_ascii()) {
                lengths[usize::from(first)] |= length_bit(w.len());
            }
        }
        let ascii = set.iter().all(|w| w.is_ascii());
        BodyWords {
            set,
            lengths,
            ascii,
        }
    })
}

/// The body words, and for each ASCII first byte the lengths of the words
/// that open with it (bit `min(len, 63)`): most words of a name are no
/// body word, and are turned away without hashing them.
struct BodyWords {
    set: HashSet<Box<[u8]>>,
    lengths: [u64; 128],
    /// Every body word is ASCII (as `data/body-words.txt` has them).
    ascii: bool,
}

/// The bit of [`BodyWords::lengths`] for a word of `len` bytes.
fn length_bit(len: usize) -> u64 {
    1u64 << len.min(63)
}

/// True if the name is a body rather than a person: it contains a word
/// from the body-word table. (Length alone says nothing: a headline-case
/// title looks like a long name.)
pub fn is_body(name: &str) -> bool {
    // The words between white space, commas and parentheses, found on
    // bytes: a non-ASCII byte is decoded only to ask whether its char is
    // white space.
    let b = name.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let (sep, len) = match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b',' | b'(' | b')' => (true, 1),
            x if x < 0x80 => (false, 1),
            _ => {
                let c = name[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            }
        };
        if sep {
            if i > start && is_body_word(&name[start..i]) {
                return true;
            }
            start = i + len;
        }
        i += len;
    }
    start < b.len() && is_body_word(&name[start..])
}

/// True if the word, lowercased, is in the body-word table. Names are
/// checked word by word many times per citation: an ASCII word is
/// lowercased on the stack rather than into a new `String`.
fn is_body_word(word: &str) -> bool {
    let mut buf = [0u8; 48];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let words = body_words();
        // An ASCII word lowercases to as many bytes.
        let maybe = lower
            .first()
            .is_some_and(|&f| words.lengths[usize::from(f)] & length_bit(lower.len()) != 0);
        return maybe && words.set.contains(&*lower);
    }
    // A non-ASCII char other than the Kelvin sign lowercases to chars
    // among which one is not ASCII (tested over every char): a word with
    // one is no ASCII body word, and is turned away without being
    // lowercased into a new `String` (most are words of Russian names).
    let words = body_words();
    if words.ascii && word.chars().any(|c| !c.is_ascii() && c != KELVIN) {
        return false;
    }
    words.set.contains(word.to_lowercase().as_bytes())
}

/// The Kelvin sign, the one non-ASCII char that lowercases to ASCII ('k').
const KELVIN: char = '\u{212A}';

/// True if the word looks like part of a personal name: capitalized
/// (allowing initials, hyphens and apostrophes) or a lowercase particle.
pub fn is_name_word(w: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "bin", "al",
    ];
    // Most name words are ASCII: a capital and then letters, periods,
    // hyphens and apostrophes (all passing the test below) are answered on
    // bytes. No particle opens with a capital.
    if let [first, rest @ ..] = w.as_bytes() {
        if first.is_ascii_uppercase()
            && rest
                .iter()
                .all(|&b| b.is_ascii_alphabetic() || matches!(b, b'.' | b'-' | b'\''))
        {
            return true;
        }
    }
    if PARTICLES.contains(&w) {
        return true;
    }
    let mut chars = w.chars();
    match chars.next() {
        // Combining marks count as letters: "Gu\u{308}nter" is "Günter"
        // printed decomposed.
        Some(c) if c.is_uppercase() => chars.all(|c| {
            c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’' | '\u{300}'..='\u{36f}')
        }),
        _ => false,
    }
}

/// True if the word is one or more initials, each a capital letter and a
/// period: "И.", "V.", "Л.Ф.".
pub fn is_initials(word: &str) -> bool {
    let Some(body) = word.strip_suffix('.') else {
        return false;
    };
    body.split('.').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    })
}

/// Reads one name as printed in a note. Bodies become `literal`; persons
/// are split into family and given names.
pub fn parse_name(raw: &str) -> Name {
    let s = crate::text::squash_spaces(raw.trim_ws().trim_end_matches(',').trim_ws());
    if is_body(&s) {
        return Name::literal(s);
    }
    parse_squashed_person(&s)
}

/// Particles printed with a capital that open a family name.
const CAPITAL_PARTICLES: &[&str] = &[
    "Vander", "Vanden", "Van", "Von", "De", "Del", "Della", "Di", "Du", "Da", "Le", "La", "Ten",
    "Ter",
];

/// Generational suffixes printed after a name.
pub const NAME_SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// True for what is printed after a person's name as its suffix: a
/// generational suffix ("Jr.", "III") or the initials of a religious order
/// ("S.J.", "O.S.B."), two or more capitals each followed by a period.
pub fn is_name_suffix(s: &str) -> bool {
    let s = s.trim_ws();
    if NAME_SUFFIXES.contains(&s) {
        return true;
    }
    // Capitals and periods by turns, two capitals at least ("S.J"), once
    // the periods at the end are cut: told on bytes, as every comma chunk
    // of an author list is asked.
    let b = s.trim_end_matches('.').as_bytes();
    b.len() >= 3
        && b.len() % 2 == 1
        && b.iter().enumerate().all(|(i, &x)| {
            if i % 2 == 0 {
                x.is_ascii_uppercase()
            } else {
                x == b'.'
            }
        })
}

/// Gives a person the generational suffix printed after the name ("Jr.",
/// "III"): CSL `suffix` (GUIDELINE §7).
pub fn add_suffix(name: &mut Name, suffix: &str) {
    if name.literal.is_none() {
        // "Jr" cut from "Jr." by the end of a chunk or citation.
        let suffix = suffix.trim_ws();
        name.suffix = Some(match suffix {
            "Jr" | "Sr" => format!("{suffix}."),
            // "O.S.B" cut from "O.S.B." the same way.
            _ if is_name_suffix(suffix) && !suffix.ends_with('.') && suffix.contains('.') => {
                format!("{suffix}.")
            }
            _ => suffix.to_string(),
        });
    }
}

/// Reads a personal name in reading order, or family-first when it is an
/// East Asian name or a family name followed by initials only ("Федоренко
/// П. Л.", "Volkogonov D. A."). "Goncharov" alone keeps just the family
/// name.
pub fn parse_person(s: &str) -> Name {
    if crate::text::is_squashed(s) {
        parse_squashed_person(s)
    } else {
        parse_person_words(s)
    }
}

/// [`parse_person`] of a text printed with single spaces and no other
/// white space (`text::is_squashed`), as most names are: its words joined
/// by spaces are stretches of it, taken without cutting it into a list of
/// words and joining them again (the words are found on the stack, up to
/// eight; a longer name is read by [`parse_person_words`]).
pub fn parse_squashed_person(s: &str) -> Name {
    debug_assert!(crate::text::is_squashed(s));
    const MOST: usize = 8;
    let mut starts = [0usize; MOST];
    let mut n = 0;
    for (i, w) in s.split(' ').enumerate() {
        if i == MOST {
            return parse_person_words(s);
        }
        starts[i] = w.as_ptr() as usize - s.as_ptr() as usize;
        n = i + 1;
    }
    if s.is_empty() {
        return Name::default();
    }
    let starts = &starts[..n];
    // Word `k`, and the words from `k` on and before `k` as printed.
    let word = |k: usize| {
        let end = starts.get(k + 1).map_or(s.len(), |&e| e - 1);
        &s[starts[k]..end]
    };
    let from = |k: usize| &s[starts[k]..];
    let before = |k: usize| &s[..starts[k] - 1];
    let last = word(n - 1);
    if n >= 3 && NAME_SUFFIXES.contains(&last) {
        let mut name = parse_person(before(n - 1).trim_end_matches(','));
        add_suffix(&mut name, last);
        return name;
    }
    if n >= 3 && (1..n - 1).any(|k| word(k) == "of") {
        return Name::literal(s);
    }
    match n {
        1 => Name::person(s, None),
        n => {
            let first = word(0);
            let initials_after = || !is_initials(first) && (1..n).all(|k| is_initials(word(k)));
            if is_east_asian_surname(first) || initials_after() {
                Name::person(first, Some(from(1).to_string()))
            } else {
                let mut split = n - 1;
                while split > 1
                    && word(split - 1)
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_lowercase())
                {
                    split -= 1;
                }
                if split == n - 1 && n >= 3 {
                    while split > 1 && CAPITAL_PARTICLES.contains(&word(split - 1)) {
                        split -= 1;
                    }
                }
                Name::person(from(split), Some(before(split).to_string()))
            }
        }
    }
}

/// [`parse_person`], the words of `s` cut into a list and joined again.
fn parse_person_words(s: &str) -> Name {
    let words: Vec<&str> = s.split_whitespace().collect();
    // "William W. Stueck Jr.", "Ann Roe, Jr.": the suffix follows the
    // names.
    if let [rest @ .., suffix] = words.as_slice() {
        if rest.len() >= 2 && NAME_SUFFIXES.contains(suffix) {
            let joined = rest.join(" ");
            let mut name = parse_person(joined.trim_end_matches(','));
            add_suffix(&mut name, suffix);
            return name;
        }
    }
    // "Gregory of Nyssa", "John of Damascus": a name and an epithet, not
    // a given and a family name.
    if words.len() >= 3 && words[1..words.len() - 1].contains(&"of") {
        return Name::literal(words.join(" "));
    }
    match words.len() {
        0 => Name::default(),
        1 => Name::person(words[0], None),
        n => {
            let first = words[0];
            let initials_after =
                || !is_initials(first) && words[1..].iter().all(|w| is_initials(w));
            if is_east_asian_surname(first) || initials_after() {
                Name::person(first, Some(words[1..].join(" ")))
            } else {
                // Particles belong to the family name ("van der Wee"), and
                // so does one printed with a capital after the given names
                // ("Kevin M. Vander Schel", "Ann De Groot").
                let mut split = n - 1;
                while split > 1
                    && words[split - 1]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_lowercase())
                {
                    split -= 1;
                }
                if split == n - 1 && n >= 3 {
                    while split > 1 && CAPITAL_PARTICLES.contains(&words[split - 1]) {
                        split -= 1;
                    }
                }
                Name::person(words[split..].join(" "), Some(words[..split].join(" ")))
            }
        }
    }
}

/// Splits a printed list of names ("Sergei Goncharov, John Lewis, and Xue
/// Litai", "Zubok and Pleshakov") into its names, in order.
pub fn split_name_list(s: &str) -> Vec<&str> {
    // Most lists read are one name: with no comma, "&" or " and " there is
    // nothing to split at, and the one name is the trimmed string, cut of
    // an opening "and " as every part is.
    let b = s.as_bytes();
    let one = memchr::memchr2(b',', b'&', b).is_none()
        && !memchr::memchr_iter(b' ', b).any(|i| b[i..].starts_with(b" and "));
    if one {
        let p = s.trim_ws();
        let p = p.strip_prefix("and ").unwrap_or(p).trim_ws();
        return if p.is_empty() { Vec::new() } else { vec![p] };
    }
    name_pieces(s).collect()
}

/// The names of a printed list, in order, as [`split_name_list`] gives
/// them.
fn name_pieces(s: &str) -> impl Iterator<Item = &str> {
    s.split(',')
        .flat_map(|part| {
            let part = part.trim_ws();
            let part = part.strip_prefix("and ").unwrap_or(part).trim_ws();
            split_spaced(part, " and ").flat_map(|p| split_spaced(p, " & "))
        })
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
}

/// `s.split(sep)` for a separator that opens with a space (" and ", " & "):
/// the same pieces, found at the spaces of `s` rather than by a substring
/// searcher set up anew for every piece (every chunk before a title is
/// read as a name list).
fn split_spaced<'a>(s: &'a str, sep: &'static str) -> impl Iterator<Item = &'a str> {
    debug_assert!(sep.starts_with(' '));
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        let b = r.as_bytes();
        match memchr::memchr_iter(b' ', b).find(|&i| b[i..].starts_with(sep.as_bytes())) {
            Some(i) => {
                rest = Some(&r[i + sep.len()..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Reads a printed list of names into CSL names. A suffix printed after
/// a comma ("Ann Roe, Jr., and Ben Lund") is the suffix of the name before
/// it, not another person.
pub fn parse_name_list(s: &str) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    for piece in split_name_list(s) {
        if let (Some(prev), true) = (out.last_mut(), is_name_suffix(piece)) {
            if prev.literal.is_none() && prev.suffix.is_none() {
                add_suffix(prev, piece);
                continue;
            }
        }
        out.push(parse_name(piece));
    }
    out
}

/// True if the whole string reads as a list of personal names or bodies
/// (every word capitalized or a connector), the way an author list does.
pub fn looks_like_name_list(s: &str) -> bool {
    let s = s.trim_ws();
    if s.is_empty() || s.len() > 160 {
        return false;
    }
    name_list_by_words(s).unwrap_or_else(|| name_list_by_pieces(s))
}

/// The verdict of [`name_list_by_pieces`] told from the words of `s`
/// alone (split at white space and commas), when they settle it; most
/// chunks asked are titles, turned away at their first lowercase word
/// without cutting them into names.
///
/// Every word of a name is such a word of `s`, and the only words of
/// `s` in no name are the "and" and "&" that separate names: a word that
/// fails the test and is no "&" fails the list. When every word passes,
/// there is no "&", there are eight words at most and one that is no
/// "and" (so in a name), every name has one to eight passing words.
/// Otherwise (a "&", more words) the names are cut: `None`.
fn name_list_by_words(s: &str) -> Option<bool> {
    let b = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    let (mut words, mut ampersand, mut other_than_and) = (0usize, false, false);
    let mut word = |w: &str| -> bool {
        words += 1;
        match w {
            "&" => ampersand = true,
            "and" => {}
            _ if is_name_word(w) || NAME_CONNECTORS.contains(&w) => other_than_and = true,
            _ => return false,
        }
        true
    };
    while i < b.len() {
        let (sep, len) = match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b',' => (true, 1),
            x if x < 0x80 => (false, 1),
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            }
        };
        if sep {
            if i > start && !word(&s[start..i]) {
                return Some(false);
            }
            start = i + len;
        }
        i += len;
    }
    if start < b.len() && !word(&s[start..]) {
        return Some(false);
    }
    (!ampersand && words <= 8 && other_than_and).then_some(true)
}

/// Lowercase words a name of a list may hold besides its name words
/// ("Society for the Study of Religion"): one list for both readings of
/// [`looks_like_name_list`].
const NAME_CONNECTORS: [&str; 3] = ["of", "for", "the"];

/// [`looks_like_name_list`] on a trimmed string, by cutting it into names.
fn name_list_by_pieces(s: &str) -> bool {
    let mut names = name_pieces(s).peekable();
    names.peek().is_some()
        && names.all(|n| {
            // One to eight words, each a name word or a connector.
            let mut count = 0;
            for w in n.split_whitespace() {
                count += 1;
                if count > 8 || !(is_name_word(w) || w == "and" || NAME_CONNECTORS.contains(&w)) {
                    return false;
                }
            }
            count > 0
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_kelvin_sign_lowercases_to_ascii() {
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let ascii = c.to_lowercase().all(|l| l.is_ascii());
            assert_eq!(ascii, c == KELVIN, "{c:?}");
        }
        // And the final sigma, the one char lowercased by its place in
        // `str::to_lowercase`, lowercases to non-ASCII either way.
        assert!(!"ΑΣ".to_lowercase().is_ascii());
    }

    #[test]
    fn body_words_told_as_their_lowercase_is_looked_up() {
        let slow = |w: &str| body_words().set.contains(w.to_lowercase().as_bytes());
        let mut words: Vec<String> = include_str!("../../data/body-words.txt")
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        words.extend(["Kelvin", "Архив", "Институт", "Iİ", "ΑΣ", ""].map(String::from));
        for w in &words {
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32).step_by(61) {
                for t in [
                    format!("{c}{w}"),
                    format!("{w}{c}"),
                    w.to_uppercase().replace('K', &c.to_string()),
                ] {
                    assert_eq!(is_body_word(&t), slow(&t), "{t:?}");
                }
            }
            let kelvin = w.replace(['k', 'K'], "\u{212A}");
            assert_eq!(is_body_word(&kelvin), slow(&kelvin), "{kelvin:?}");
            assert_eq!(is_body_word(w), slow(w), "{w:?}");
        }
    }

    /// A squashed name is read from its stretches as from its list of
    /// words: every name of up to nine words drawn from names, initials,
    /// particles, suffixes, "of", an East Asian surname, a trailing comma
    /// and non-ASCII words.
    #[test]
    fn squashed_persons_read_as_from_their_words() {
        let words = [
            "Ann", "B.", "van", "De", "Jr.", "of", "Wang", "Roe,", ",", "Çelik", "A.B.", "III",
        ];
        let n = words.len();
        let mut read = 0;
        for len in 0..=9u32 {
            let count = if len <= 4 { n.pow(len) } else { 20_000 };
            for code in 0..count {
                let mut code = if len <= 4 {
                    code
                } else {
                    code.wrapping_mul(2_654_435_761) % n.pow(len.min(8))
                };
                let mut w = Vec::new();
                for _ in 0..len {
                    w.push(words[code % n]);
                    code /= n;
                }
                let s = w.join(" ");
                assert_eq!(parse_squashed_person(&s), parse_person_words(&s), "{s:?}");
                assert_eq!(parse_person(&s), parse_person_words(&s), "{s:?}");
                read += 1;
            }
        }
        assert!(read > 50_000);
    }

    #[test]
    fn name_suffixes_read_as_capitals_split_at_periods() {
        // `is_name_suffix` on bytes gives the answer of splitting at the
        // periods and asking for one capital between each.
        let by_split = |s: &str| {
            let s = s.trim();
            let letters: Vec<&str> = s.trim_end_matches('.').split('.').collect();
            NAME_SUFFIXES.contains(&s)
                || letters.len() >= 2
                    && letters.iter().all(|l| {
                        let mut c = l.chars();
                        c.next().is_some_and(|c| c.is_ascii_uppercase()) && c.next().is_none()
                    })
        };
        for s in [
            "", ".", "S.J.", "S.J", " O.S.B. ", "S.", "S", "SJ", "S..J.", "S.J..", "s.j.", "S.j.",
            "Jr.", "III", "Ö.S.", "S.Ö.", "A.B.C.D.", "A. B.", "Ann Hill", "..A.B", "A.B.C",
        ] {
            assert_eq!(is_name_suffix(s), by_split(s), "{s:?}");
        }
    }

    #[test]
    fn spaced_separators_split_as_str_split_does() {
        for t in [
            "",
            " and ",
            "Ann Hill and Bo Lund",
            "Ann Hill and and Bo Lund",
            "Hill & Lund and Moss",
            "Ann Hill andBo and",
            "and Bo Lund and ",
        ] {
            for sep in [" and ", " & "] {
                assert_eq!(
                    split_spaced(t, sep).collect::<Vec<_>>(),
                    t.split(sep).collect::<Vec<_>>(),
                    "{t:?} {sep:?}"
                );
            }
        }
    }

    #[test]
    fn name_lists_told_by_words_as_by_names() {
        // Every string of up to three tokens from the set (and up to ten
        // from smaller ones), joined by every separator: the verdict from
        // the words, when there is one, is that of cutting into names, and
        // the one name of a list with nothing to split at is the one cut.
        let tokens = [
            "Ann",
            "Hill",
            "and",
            "&",
            "of",
            "the",
            "for",
            "van",
            "ed.",
            "A.",
            "G\u{fc}nter",
            "Gu\u{308}nter",
            "\u{418}.",
            "war",
            "Jr.",
            "A&B",
            "And",
            "",
            "1950",
        ];
        let seps = [
            " ", ", ", ",", " , ", "  ", "\t", "\u{a0}", "\u{2003}", " and ", " & ", ",and ", "\n",
        ];
        let mut told = 0;
        let mut check = |s: &str| {
            assert_eq!(
                split_name_list(s),
                name_pieces(s).collect::<Vec<_>>(),
                "{s:?}"
            );
            let s = s.trim();
            if let Some(v) = name_list_by_words(s) {
                told += 1;
                assert_eq!(v, name_list_by_pieces(s), "{s:?}");
            }
            assert_eq!(
                split_name_list(s),
                name_pieces(s).collect::<Vec<_>>(),
                "{s:?}"
            );
            if !s.is_empty() && s.len() <= 160 {
                assert_eq!(looks_like_name_list(s), name_list_by_pieces(s), "{s:?}");
            }
        };
        fn grow(s: String, left: usize, tokens: &[&str], seps: &[&str], f: &mut dyn FnMut(&str)) {
            f(&s);
            if left == 0 {
                return;
            }
            for t in tokens {
                if s.is_empty() {
                    grow(t.to_string(), left - 1, tokens, seps, f);
                } else {
                    for sep in seps {
                        grow(format!("{s}{sep}{t}"), left - 1, tokens, seps, f);
                    }
                }
            }
        }
        grow(String::new(), 3, &tokens, &seps, &mut check);
        grow(
            String::new(),
            10,
            &["Ann", "and"],
            &[" ", " and "],
            &mut check,
        );
        grow(String::new(), 10, &["Ann", "&"], &[" ", ","], &mut check);
        assert!(told > 1000, "{told}");
    }

    fn fam(n: &Name) -> (&str, &str) {
        (
            n.family.as_deref().unwrap_or(""),
            n.given.as_deref().unwrap_or(""),
        )
    }

    #[test]
    fn western_and_east_asian_order() {
        assert_eq!(
            fam(&parse_name("Sergei Goncharov")),
            ("Goncharov", "Sergei")
        );
        assert_eq!(fam(&parse_name("A. V. Torkunov")), ("Torkunov", "A. V."));
        assert_eq!(fam(&parse_name("Xue Litai")), ("Xue", "Litai"));
        assert_eq!(fam(&parse_name("Park Mun Su")), ("Park", "Mun Su"));
        assert_eq!(fam(&parse_name("Shu Guang Zhang")), ("Zhang", "Shu Guang"));
        assert_eq!(fam(&parse_name("Chen Jian")), ("Chen", "Jian"));
        assert_eq!(fam(&parse_name("Odd Arne Westad")), ("Westad", "Odd Arne"));
    }

    #[test]
    fn a_capitalized_particle_opens_the_family_name() {
        assert_eq!(
            fam(&parse_name("Ann M. Vander Holm")),
            ("Vander Holm", "Ann M.")
        );
        assert_eq!(fam(&parse_name("Ann De Groot")), ("De Groot", "Ann"));
        assert_eq!(
            fam(&parse_name("Ann B. De La Holm")),
            ("De La Holm", "Ann B.")
        );
        assert_eq!(
            fam(&parse_name("Ann van der Holm")),
            ("van der Holm", "Ann")
        );
        assert_eq!(fam(&parse_name("De Groot")), ("Groot", "De"));
    }

    #[test]
    fn suffixes_are_the_names_suffix() {
        let n = parse_name("William W. Stueck Jr.");
        assert_eq!(fam(&n), ("Stueck", "William W."));
        assert_eq!(n.suffix.as_deref(), Some("Jr."));
        let n = parse_name("John Doe III");
        assert_eq!(
            (fam(&n), n.suffix.as_deref()),
            (("Doe", "John"), Some("III"))
        );
    }

    #[test]
    fn family_name_before_initials() {
        assert_eq!(fam(&parse_name("Федоренко П. Л.")), ("Федоренко", "П. Л."));
        assert_eq!(fam(&parse_name("Сталин И.В.")), ("Сталин", "И.В."));
        assert_eq!(fam(&parse_name("И. В. Сталин")), ("Сталин", "И. В."));
        assert_eq!(fam(&parse_name("A. V. Torkunov")), ("Torkunov", "A. V."));
        assert!(is_initials("Л.Ф.") && is_initials("V."));
        assert!(!is_initials("Jr.") && !is_initials("Ф") && !is_initials("Op."));
    }

    #[test]
    fn a_name_with_an_epithet_is_literal() {
        assert_eq!(
            parse_name("Ulric of Tarn").literal.as_deref(),
            Some("Ulric of Tarn")
        );
    }

    #[test]
    fn bodies_are_literal() {
        assert_eq!(
            parse_name("Department of State").literal.as_deref(),
            Some("Department of State")
        );
        assert!(parse_name("Zhonggong Zhongyang Bianyiju").literal.is_some());
    }

    #[test]
    fn lists() {
        let names = parse_name_list("Sergei Goncharov, John Lewis, and Xue Litai");
        assert_eq!(names.len(), 3);
        assert_eq!(fam(&names[2]), ("Xue", "Litai"));
        assert_eq!(parse_name_list("Zubok and Pleshakov").len(), 2);
        assert!(looks_like_name_list("Gu\u{308}nter Lund"));
        let names = parse_name_list("Ann Roe, Jr., and Ben Lund");
        assert_eq!(names.len(), 2);
        assert_eq!(names[0].suffix.as_deref(), Some("Jr."));
    }
}
