//! Back-references a note makes in words rather than as a citation
//! (GUIDELINE §7): an abbreviation a note defines for the work it cites
//! ("(Henceforth HSS)", "hereafter cited as DJBP", "(Далее – ГАРФ)"), the
//! later uses of that abbreviation ("HSS, 371.", "(“KM,” 2:244)"), and
//! cross-references to another note ("See note 8 above", "cf. n. 12").
//!
//! This module only reads text; the resolver decides what the references
//! point to. The words it looks for live in `data/abbreviation-markers.txt`
//! and `data/note-reference-words.txt`.

use crate::model::{Locator, LocatorLabel};
use crate::parse::locator::{lowercases_to, pinpoint, Pinpoint};
use crate::text::{data_lines, is_close_quote, is_open_quote};
use std::ops::Range;
use std::sync::OnceLock;

/// Longest abbreviation read after a marker, in bytes and in words: a
/// longer capture is a sentence going on ("henceforth the Church ...").
const MAX_ABBREVIATION_BYTES: usize = 40;
const MAX_ABBREVIATION_WORDS: usize = 4;

/// The markers that introduce an abbreviation, longest first.
fn markers() -> &'static [&'static str] {
    static MARKERS: OnceLock<Vec<&'static str>> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let mut v: Vec<&str> =
            data_lines(include_str!("../../data/abbreviation-markers.txt")).collect();
        v.sort_by_key(|m| std::cmp::Reverse(m.len()));
        v
    })
}

/// The further-reading signals (`data/further-reading-signals.txt`,
/// folded), the length of the longest, and the ASCII bytes a signal may
/// begin with (as bits).
struct Signals {
    all: Vec<&'static str>,
    longest: usize,
    first_bytes: u128,
}

fn signals() -> &'static Signals {
    static SIGNALS: OnceLock<Signals> = OnceLock::new();
    SIGNALS.get_or_init(|| {
        let all: Vec<&str> =
            data_lines(include_str!("../../data/further-reading-signals.txt")).collect();
        let longest = all.iter().map(|s| s.len()).max().unwrap_or(0);
        // A signal that begins with a byte that is not ASCII may be the
        // fold of any text: then every byte is let through.
        let first_bytes = all.iter().fold(0u128, |bits, s| match s.bytes().next() {
            Some(b) if b.is_ascii() => bits | 1 << b,
            Some(_) => bits,
            None => u128::MAX,
        });
        Signals {
            all,
            longest,
            first_bytes,
        }
    })
}

/// True if a citation's signal phrase points to further reading ("See
/// further", "see also", "cf."; `data/further-reading-signals.txt`).
///
/// A text whose first letter or digit is an ASCII one, after nothing but
/// other ASCII bytes, folds to a text that begins with it lowercased (the
/// bytes before fold to nothing at the start): when no signal begins with
/// that byte, nothing is folded. Most leads of long notes ("On the ...",
/// "Quoted in") begin so.
pub(crate) fn is_further_reading(prefix: &str) -> bool {
    let signals = signals();
    let first = prefix
        .bytes()
        .find(|b| !b.is_ascii() || b.is_ascii_alphanumeric());
    if let Some(b) = first.filter(u8::is_ascii) {
        if signals.first_bytes & (1 << b.to_ascii_lowercase()) == 0 {
            return false;
        }
    }
    let folded = fold_head(prefix, signals.longest);
    signals.all.iter().any(|s| {
        folded
            .strip_prefix(s)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// The start of the [`crate::text::fold`] of `text`, longer than `len`
/// bytes when the fold is: all of it when it is not. A long discursive
/// lead ("For a fuller account of the negotiations, see") is folded only
/// up to the first mark that parts words after its first `len` bytes: a
/// text cut just before such an ASCII byte (not an apostrophe, which
/// joins) folds to the start of the whole text's fold, the rest of which
/// opens with a space, so any text of `len` bytes or fewer that this one
/// starts with, whole or before a space, the whole fold starts with the
/// same way.
fn fold_head(text: &str, len: usize) -> String {
    let cut = text
        .bytes()
        .enumerate()
        .skip(len + 1)
        .find(|&(_, b)| b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'\'')
        .map(|(at, _)| at);
    let mut out = String::with_capacity(cut.unwrap_or(text.len()));
    if let Some(cut) = cut {
        crate::text::fold_into(&text[..cut], &mut out);
        if out.len() > len {
            return out;
        }
        out.clear();
    }
    crate::text::fold_into(text, &mut out);
    out
}

/// The words of note cross-references, by kind ("note", "signal", "place").
fn note_words(kind: &str) -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let all = WORDS.get_or_init(|| {
        let mut v: Vec<(&str, &str)> =
            data_lines(include_str!("../../data/note-reference-words.txt"))
                .filter_map(|l| l.split_once(':'))
                .collect();
        v.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
        v
    });
    static BY_KIND: OnceLock<Vec<(&'static str, Vec<&'static str>)>> = OnceLock::new();
    let by_kind = BY_KIND.get_or_init(|| {
        ["note", "signal", "place"]
            .into_iter()
            .map(|k| {
                let words = all.iter().filter(|(kk, _)| *kk == k).map(|(_, w)| *w);
                (k, words.collect())
            })
            .collect()
    });
    by_kind
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[], |(_, w)| w.as_slice())
}

/// True if `text[at..]` begins with `word` in any case.
fn starts_with_no_case(text: &str, at: usize, word: &str) -> bool {
    text.get(at..at + word.len())
        .is_some_and(|head| lowercases_to(head, word))
}

/// The first of `words` (lowercase) that `text[at..]` begins with in any
/// case, in the order of the list. Only the words that begin with the
/// text's first letter, lowercased, are compared (`table` holds `words`
/// by their first letter, from [`Initials::of`]): this is asked at every
/// word start of every note, and most words open with none of their
/// letters.
fn word_at(text: &str, at: usize, table: &Initials) -> Option<&'static str> {
    let b = *text.as_bytes().get(at)?;
    let words = if b.is_ascii() {
        // Most text is ASCII: one table look-up turns a start away.
        &table.ascii[usize::from(b.to_ascii_lowercase())]
    } else {
        let c = text[at..].chars().next()?;
        let initial = match crate::text::latin_or_russian_lowercase(c) {
            Some(l) => l,
            None => c.to_lowercase().next()?,
        };
        if initial.is_ascii() {
            &table.ascii[initial as usize]
        } else {
            &table.other.iter().find(|(i, _)| *i == initial)?.1
        }
    };
    words
        .iter()
        .copied()
        .find(|w| starts_with_no_case(text, at, w))
}

/// Lowercase words by their first letter, each list in the order of the
/// words given, for [`word_at`].
struct Initials {
    /// Words whose first letter is this ASCII character.
    ascii: Vec<Vec<&'static str>>,
    /// Words whose first letter is not ASCII.
    other: Vec<(char, Vec<&'static str>)>,
}

impl Initials {
    fn of(words: &[&'static str]) -> Initials {
        let mut ascii = vec![Vec::new(); 128];
        let mut other: Vec<(char, Vec<&'static str>)> = Vec::new();
        for &w in words {
            let Some(c) = w.chars().next() else { continue };
            if c.is_ascii() {
                ascii[c as usize].push(w);
            } else if let Some((_, list)) = other.iter_mut().find(|(i, _)| *i == c) {
                list.push(w);
            } else {
                other.push((c, vec![w]));
            }
        }
        Initials { ascii, other }
    }
}

/// The byte offsets of `text` from `from` on whose character follows no
/// letter or digit: where a word (or a mark) can begin.
fn unjoined_starts(text: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    let mut joined = text[..from]
        .chars()
        .next_back()
        .is_some_and(crate::text::is_alphanumeric);
    text[from..].char_indices().filter_map(move |(i, c)| {
        let start = !joined;
        joined = crate::text::is_alphanumeric(c);
        start.then_some(from + i)
    })
}

/// True if no letter or digit touches `range` of `text` on either side.
fn standalone(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(crate::text::is_alphanumeric)
        && !after.is_some_and(crate::text::is_alphanumeric)
}

/// An abbreviation a note defines: "(Henceforth HSS)".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// Where the marker starts: the definition names the work of the last
    /// citation that starts before it.
    pub at: usize,
    /// Where the abbreviation ends: uses in the same note come after it.
    pub end: usize,
    /// The abbreviation as printed, without quotes or a final period.
    pub abbreviation: String,
}

/// A byte mapped so that a character and its lowercase map alike when
/// both are ASCII or in the basic Russian alphabet (А-я): ASCII capitals
/// to small letters, the lead byte D1 to D0, and bit 5 of every
/// continuation byte cleared (а, D0 B0, and А, D0 90, both to D0 90; р,
/// D1 80, and Р, D0 A0, both to D0 80). Other characters may map alike
/// too: a match of mapped bytes is a candidate, never proof.
///
/// Without branches (the three cases exclude one another: a capital gains
/// bit 5, a continuation byte loses it, 0xD1 loses bit 0), so that
/// [`blind`] maps a note many bytes at a time.
#[inline]
fn case_blind(b: u8) -> u8 {
    let capital = u8::from(b.wrapping_sub(b'A') < 26) << 5;
    let continuation = u8::from(b & 0xC0 == 0x80) << 5;
    let d1 = u8::from(b == 0xD1);
    ((b | capital) & !continuation) ^ d1
}

/// `text` mapped by [`case_blind`].
fn blind(text: &str) -> Vec<u8> {
    text.as_bytes().iter().map(|&b| case_blind(b)).collect()
}

/// True if every text that [`lowercases_to`] `word` maps by
/// [`case_blind`] to the same bytes as `word` does: each of its
/// characters is an ASCII character other than "k" (the Kelvin sign
/// lowercases to it), a small letter of А-я, or another character
/// that is no letter (which only itself lowercases to).
fn case_blind_safe(word: &str) -> bool {
    word.chars()
        .all(|c| (c.is_ascii() && c != 'k') || ('а'..='я').contains(&c) || !c.is_alphabetic())
}

/// The markers no other marker is part of ("henceforth" for "henceforth
/// cited as"), mapped by [`case_blind`], in one searcher (an
/// Aho-Corasick automaton): every marker holds one of them.
struct Cores {
    searcher: aho_corasick::AhoCorasick,
    /// How far into a marker its first core may begin, at most ("cited
    /// hereafter as": 6 bytes).
    reach: usize,
}

/// The [`Cores`] of the markers; `None` if a marker is not
/// [`case_blind_safe`]: then every text may hold one.
fn marker_cores() -> Option<&'static Cores> {
    static CORES: OnceLock<Option<Cores>> = OnceLock::new();
    CORES
        .get_or_init(|| {
            let all = markers();
            if !all.iter().all(|m| case_blind_safe(m)) {
                return None;
            }
            let cores: Vec<Vec<u8>> = all
                .iter()
                .filter(|m| !all.iter().any(|o| o.len() < m.len() && m.contains(o)))
                .map(|m| blind(m))
                .collect();
            let reach = all
                .iter()
                .map(|m| {
                    let m = blind(m);
                    cores
                        .iter()
                        .filter_map(|c| m.windows(c.len()).position(|w| w == c.as_slice()))
                        .min()
                        .expect("every marker holds a core")
                })
                .max()
                .unwrap_or(0);
            // Leftmost-first: only where the first core occurs is asked,
            // and this kind searches with a vector prefilter.
            let searcher = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(&cores)
                .expect("a few short markers");
            Some(Cores { searcher, reach })
        })
        .as_ref()
}

/// The first byte of `text` an abbreviation marker may begin at, in any
/// case (`None`: it holds none). Its bytes mapped by [`case_blind`] hold
/// a core of every marker they hold ([`marker_cores`]), at most `reach`
/// bytes after the marker's start: no marker begins before the leftmost
/// core less that reach. Most notes define nothing, and this reads their
/// bytes once instead of trying the markers at every word start; a note
/// that does is tried from near its marker on.
fn first_marker_from(text: &str) -> Option<usize> {
    let Some(cores) = marker_cores() else {
        return Some(0);
    };
    let blind = blind(text);
    // Asked first as a yes or no, the cheaper question: most notes hold
    // no core.
    if !cores.searcher.is_match(&blind) {
        return None;
    }
    let core = cores.searcher.find(&blind)?;
    let mut from = core.start().saturating_sub(cores.reach);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    Some(from)
}

/// The abbreviations `text` defines, in order.
pub fn definitions(text: &str) -> Vec<Definition> {
    match first_marker_from(text) {
        Some(from) => definitions_from(text, from),
        None => Vec::new(),
    }
}

/// The abbreviations `text` defines, in order, with no marker before
/// byte `from`.
fn definitions_from(text: &str, mut from: usize) -> Vec<Definition> {
    static INITIALS: OnceLock<Initials> = OnceLock::new();
    let mut out = Vec::new();
    let marker_initials = INITIALS.get_or_init(|| Initials::of(markers()));
    'scan: while from < text.len() {
        for at in unjoined_starts(text, from) {
            let Some(marker) = word_at(text, at, marker_initials) else {
                continue;
            };
            let after = at + marker.len();
            if text[after..]
                .chars()
                .next()
                .is_some_and(crate::text::is_alphanumeric)
                && marker.ends_with(char::is_alphanumeric)
            {
                continue;
            }
            let parenthesized = text[..at].trim_end().ends_with('(');
            if let Some((abbreviation, end)) = abbreviation_after(text, after, parenthesized) {
                out.push(Definition {
                    at,
                    end,
                    abbreviation,
                });
                from = end;
                continue 'scan;
            }
        }
        break;
    }
    out
}

/// Reads the abbreviation after a marker ending at `from`: quoted
/// ("“KM”"), or up to a closing parenthesis or the end of the clause.
/// Returns it with the byte offset where it ends.
fn abbreviation_after(text: &str, from: usize, parenthesized: bool) -> Option<(String, usize)> {
    let rest = &text[from..];
    let skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '–' | '—' | '-'))
            .len();
    let start = from + skipped;
    let body = &text[start..];
    let first = body.chars().next()?;
    let (raw, end) = if is_open_quote(first) {
        let inner = &body[first.len_utf8()..];
        let close = inner.find(is_close_quote)?;
        let end = start + first.len_utf8() + close;
        let close_len = inner[close..].chars().next().map_or(0, char::len_utf8);
        (&inner[..close], end + close_len)
    } else {
        let stop = body
            .char_indices()
            .find(|&(i, c)| {
                matches!(c, ')' | ']' | ';' | ',')
                    || c == '.'
                        && body[i + 1..]
                            .chars()
                            .next()
                            .is_none_or(|n| n.is_whitespace() || matches!(n, ')' | ']'))
            })
            .map_or(body.len(), |(i, _)| i);
        (&body[..stop], start + stop)
    };
    let abbreviation = raw.trim().trim_end_matches(['.', ',']).trim();
    let words: Vec<&str> = abbreviation.split_whitespace().collect();
    let capital = |w: &&str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let ok = !words.is_empty()
        && abbreviation.len() <= MAX_ABBREVIATION_BYTES
        && words.len() <= MAX_ABBREVIATION_WORDS
        && capital(&words[0])
        // Outside parentheses and quotes, a lowercase word is prose going on.
        && (parenthesized || is_open_quote(first) || words.iter().all(capital));
    ok.then(|| (abbreviation.to_string(), end))
}

/// Where `abbreviation` (as printed, case and all) stands on its own in
/// `text`, from byte `from` on.
pub fn occurrences<'a>(
    text: &'a str,
    abbreviation: &'a str,
    from: usize,
) -> impl Iterator<Item = Range<usize>> + 'a {
    find_all(text.get(from..).unwrap_or(""), abbreviation)
        .map(move |i| from + i..from + i + abbreviation.len())
        .filter(move |r| standalone(text, r))
}

/// The pairs of adjacent bytes a text holds, as a Bloom filter of 4096
/// bits: a needle one of whose pairs is missing does not occur in the
/// text. A note is read once to tell which of the document's
/// abbreviations it may use, instead of being searched for each of them.
pub struct BytePairs([u64; 64]);

impl BytePairs {
    /// The pairs of `text`.
    pub fn of(text: &str) -> BytePairs {
        let mut bits = [0u64; 64];
        for pair in text.as_bytes().windows(2) {
            let bit = BytePairs::bit(pair[0], pair[1]);
            crate::text::set_bit(&mut bits, bit);
        }
        BytePairs(bits)
    }

    /// The filter's bit for the pair `a`, `b`: the low six bits of each
    /// byte, which tell apart the ASCII letters (and their case), digits
    /// and most punctuation, without a multiplication for every byte of
    /// every note (pairs that share a bit cost a search, never a miss).
    fn bit(a: u8, b: u8) -> usize {
        (usize::from(a & 63) << 6) | usize::from(b & 63)
    }

    /// False only if `needle` does not occur in the text (a needle of
    /// fewer than two bytes may always occur).
    pub fn may_hold(&self, needle: &str) -> bool {
        needle.as_bytes().windows(2).all(|pair| {
            let bit = BytePairs::bit(pair[0], pair[1]);
            crate::text::has_bit(&self.0, bit)
        })
    }
}

/// Where `needle` occurs in `hay`, left to right and not overlapping: what
/// `hay.match_indices(needle)` gives (an empty needle occurs nowhere: no
/// abbreviation is empty), found by a scan for the needle's first byte
/// instead of a substring searcher set up for each of the document's
/// abbreviations in each note.
fn find_all<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let mut at = 0;
    std::iter::from_fn(move || {
        let &first = n.first()?;
        while at + n.len() <= h.len() {
            let i = at + memchr::memchr(first, &h[at..=h.len() - n.len()])?;
            if h[i..i + n.len()] == *n {
                at = i + n.len();
                return Some(i);
            }
            at = i + 1;
        }
        None
    })
}

/// The pinpoint printed right after a use of an abbreviation ending at
/// `end` ("HSS, 371", "“KM,” 2:244", "DJBP 3.9.10.1"), with the byte
/// offset where it ends. Section numbers of classical texts ("3.9.10.1",
/// "1.1.3, 1.1.4") are `section` locators.
pub fn pinpoint_after(text: &str, end: usize) -> Option<(Pinpoint, usize)> {
    let rest = &text[end..];
    let body =
        rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace() || is_close_quote(c));
    if !body.starts_with(|c: char| c.is_ascii_digit()) && rest.len() == body.len() {
        // "HSSX" is another word; a label needs a separator too.
        return None;
    }
    let start = end + (rest.len() - body.len());
    if let Some(len) = section_numbers(body) {
        let value = body[..len].to_string();
        let pin = Pinpoint {
            volume: None,
            locator: Some(Locator {
                value,
                label: LocatorLabel::Section,
            }),
        };
        return Some((pin, start + len));
    }
    let (left, pin) = pinpoint(body).ok()?;
    pin.locator.as_ref()?;
    let len = body.len() - left.len();
    Some((pin, start + body[..len].trim_end_matches([',', ' ']).len()))
}

/// "DJ Prologue, 11", "DJ Prologue 18": a use followed by the name of a
/// part of the work and a pinpoint in it. The locator is the part and the
/// pinpoint as printed.
pub fn worded_pinpoint_after(text: &str, end: usize) -> Option<(Pinpoint, usize)> {
    let rest = &text[end..];
    let body = rest.trim_start();
    if body.len() == rest.len() || !body.starts_with(char::is_uppercase) {
        return None;
    }
    let word = body
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(body.len());
    let start = end + (rest.len() - body.len());
    let (pin, pin_end) = pinpoint_after(text, start + word)?;
    let mut locator = pin.locator?;
    locator.value = text[start..pin_end].to_string();
    let pin = Pinpoint {
        volume: pin.volume,
        locator: Some(locator),
    };
    Some((pin, pin_end))
}

/// True if the text before `at` marks a reference in running text: an
/// opening parenthesis, a semicolon, or a lowercase word ("cf.", "citing",
/// "see", "at").
pub fn signalled(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    match before.chars().next_back() {
        Some('(' | ';' | '[') => true,
        Some(c) if c.is_alphabetic() || c == '.' => {
            let word = before
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("");
            word.starts_with(char::is_lowercase)
        }
        _ => false,
    }
}

/// The length of a list of dotted section numbers at the start of `s`
/// ("3.9.10.1", "1.1.3, 1.1.4, 1.1.9", "3.4.15.1–2"); `None` when `s` does
/// not open with one.
fn section_numbers(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let number = |mut i: usize| -> Option<usize> {
        // digits ('.' digits)+ with an optional "–digits" range end.
        let digits = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let d = digits(i);
        if d == 0 {
            return None;
        }
        i += d;
        let mut dots = 0;
        while bytes.get(i) == Some(&b'.') && digits(i + 1) > 0 {
            i += 1 + digits(i + 1);
            dots += 1;
        }
        if dots == 0 {
            return None;
        }
        for dash in ["–", "-"] {
            if s[i..].starts_with(dash) && digits(i + dash.len()) > 0 {
                i += dash.len() + digits(i + dash.len());
                break;
            }
        }
        Some(i)
    };
    let mut end = number(0)?;
    while s[end..].starts_with(", ") {
        match number(end + 2) {
            Some(next) => end = next,
            None => break,
        }
    }
    Some(end)
}

/// The note words (`data/note-reference-words.txt`) by their last two
/// bytes, for [`may_refer_to_note`].
struct NoteWordTails {
    /// The words, each mapped by [`case_blind`] when that tells it apart
    /// safely ([`case_blind_safe`]).
    words: Vec<(&'static str, Option<Vec<u8>>)>,
    /// Per mapped byte, the words (as bits) it may end: a text ends with
    /// a word only if its last byte and the one before are in the sets of
    /// that word.
    last: [u64; 256],
    before_last: [u64; 256],
}

impl NoteWordTails {
    /// `None` when there are more words than bits.
    fn new(words: &[&'static str]) -> Option<NoteWordTails> {
        if words.len() > 64 {
            return None;
        }
        let mut tails = NoteWordTails {
            words: Vec::new(),
            last: [0; 256],
            before_last: [0; 256],
        };
        for (j, &w) in words.iter().enumerate() {
            let bit = 1u64 << j;
            let mapped = case_blind_safe(w).then(|| blind(w));
            match mapped.as_deref() {
                Some([.., before, last]) => {
                    tails.last[usize::from(*last)] |= bit;
                    tails.before_last[usize::from(*before)] |= bit;
                }
                Some([last]) => {
                    tails.last[usize::from(*last)] |= bit;
                    tails.before_last.iter_mut().for_each(|set| *set |= bit);
                }
                _ => {
                    tails.last.iter_mut().for_each(|set| *set |= bit);
                    tails.before_last.iter_mut().for_each(|set| *set |= bit);
                }
            }
            tails.words.push((w, mapped));
        }
        Some(tails)
    }

    /// True if `text[..end]` ends with one of the words in any case (as
    /// [`lowercases_to`] tells).
    fn ends(&self, text: &str, end: usize) -> bool {
        let bytes = text.as_bytes();
        let at = |back: usize| end.checked_sub(back).map_or(0, |i| case_blind(bytes[i]));
        let mut set = self.last[usize::from(at(1))] & self.before_last[usize::from(at(2))];
        while set != 0 {
            let (w, mapped) = &self.words[set.trailing_zeros() as usize];
            set &= set - 1;
            let found = end >= w.len()
                && mapped.as_ref().is_none_or(|m| {
                    bytes[end - m.len()..end]
                        .iter()
                        .zip(m)
                        .all(|(&t, &b)| case_blind(t) == b)
                })
                && text
                    .get(end - w.len()..end)
                    .is_some_and(|head| lowercases_to(head, w));
            if found {
                return true;
            }
        }
        false
    }
}

/// False when no note word (`data/note-reference-words.txt`) stands, in
/// any case, right before a number in `text` (spaces between): every
/// cross-reference prints one ("note 8", "n.12"). Most notes have none,
/// and their few numbers are checked instead of every word start.
fn may_refer_to_note(text: &str) -> bool {
    static TAILS: OnceLock<Option<NoteWordTails>> = OnceLock::new();
    let Some(tails) = TAILS.get_or_init(|| NoteWordTails::new(note_words("note"))) else {
        return true;
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(digit) = next_digit(bytes, i) {
        if tails.ends(text, text[..digit].trim_end().len()) {
            return true;
        }
        i = digit + 1;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    false
}

/// The first ASCII digit of `bytes` at or after `at`: eight bytes at a
/// time, as a number, since most of a note's bytes are letters and
/// spaces.
fn next_digit(bytes: &[u8], mut at: usize) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    // The high bit of each byte of `v` that is an ASCII digit: a byte
    // below 0x80 (`!v`) whose low seven bits are below b'9' + 1 and above
    // b'0' - 1, each tested by a sum that neither borrows from nor
    // carries into the next byte.
    let digits = |v: u64| {
        let low = v & (0x7F * LO);
        let below_colon = (0x7F + u64::from(b'9') + 1) * LO - low;
        let above_slash = low + (0x7F - (u64::from(b'0') - 1)) * LO;
        below_colon & above_slash & !v & (0x80 * LO)
    };
    while at + 8 <= bytes.len() {
        let word: [u8; 8] = bytes[at..at + 8].try_into().expect("a word of 8 bytes");
        let found = digits(u64::from_le_bytes(word));
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|k| at + k)
}

/// A cross-reference to another note: "See note 8 above".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteReference {
    /// From the note word to the end of the number (or of "above").
    pub span: Range<usize>,
    /// The label of the note referred to.
    pub label: String,
}

/// The cross-references to other notes in `text`. A reference needs a
/// signal word before it ("see", "cf.") or a place word after it ("above",
/// "supra"): "45 n. 12" in a locator has neither.
pub fn note_references(text: &str) -> Vec<NoteReference> {
    let mut out = Vec::new();
    static INITIALS: OnceLock<Initials> = OnceLock::new();
    let note_words_list = note_words("note");
    let note_initials = INITIALS.get_or_init(|| Initials::of(note_words_list));
    if !may_refer_to_note(text) {
        return out;
    }
    for at in unjoined_starts(text, 0) {
        let Some(word) = word_at(text, at, note_initials) else {
            continue;
        };
        let after = &text[at + word.len()..];
        if word.ends_with(char::is_alphanumeric) && after.starts_with(char::is_alphanumeric) {
            continue;
        }
        let digits_at = after.len() - after.trim_start().len();
        let digits = after[digits_at..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if digits == 0 || digits_at == 0 && !word.ends_with('.') {
            continue;
        }
        let number_end = at + word.len() + digits_at + digits;
        if text[number_end..].starts_with(char::is_alphanumeric) {
            continue;
        }
        let label = text[number_end - digits..number_end].to_string();
        let before = text[..at].trim_end();
        let signalled = note_words("signal").iter().any(|s| {
            before.len() >= s.len()
                && starts_with_no_case(before, before.len() - s.len(), s)
                && standalone(before, &(before.len() - s.len()..before.len()))
        });
        let tail = &text[number_end..];
        let place = note_words("place").iter().find(|p| {
            let t = tail.trim_start();
            starts_with_no_case(t, 0, p) && standalone(t, &(0..p.len()))
        });
        let end = match place {
            Some(p) => number_end + (tail.len() - tail.trim_start().len()) + p.len(),
            None => number_end,
        };
        if signalled || place.is_some() {
            out.push(NoteReference {
                span: at..end,
                label,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_blind_maps_every_byte_as_its_rule_says() {
        for b in 0..=255u8 {
            let expected = if b.is_ascii_uppercase() {
                b | 0x20
            } else if b & 0xC0 == 0x80 {
                b & !0x20
            } else if b == 0xD1 {
                0xD0
            } else {
                b
            };
            assert_eq!(case_blind(b), expected, "{b:#x}");
        }
        assert_eq!(blind("Henceforth РГАЛИ"), blind("henceforth ргали"));
    }

    #[test]
    fn the_next_digit_is_the_first_digit_after() {
        let texts: [&[u8]; 3] = [
            b"Ann Lee, Winter Tales of the North and South (Dover: Elm, 2001), 45 n. 12; x",
            "Ёлкин, «Записка» /:09@ — с. 9а".as_bytes(),
            &(0..=255u8).collect::<Vec<u8>>(),
        ];
        for text in texts {
            for at in 0..=text.len() + 1 {
                let expected = text
                    .get(at..)
                    .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
                    .map(|k| at + k);
                assert_eq!(next_digit(text, at), expected, "{at}");
            }
        }
    }

    #[test]
    fn byte_pairs_tell_what_a_text_cannot_hold() {
        let pairs = BytePairs::of("Vole, Moss (henceforth VM), 12; ГАРФ.");
        for held in ["VM", "Moss", "ГАРФ", "V", "", "ss (h"] {
            assert!(pairs.may_hold(held), "{held}");
        }
        // Each prints a pair the text lacks.
        for missing in ["MV", "Mossy", "ГАРФА", "ZQ"] {
            assert!(!pairs.may_hold(missing), "{missing}");
        }
        assert!(!BytePairs::of("").may_hold("VM"));
    }

    fn abbreviations(text: &str) -> Vec<String> {
        definitions(text)
            .into_iter()
            .map(|d| d.abbreviation)
            .collect()
    }

    #[test]
    fn further_reading_signals_are_whole_words() {
        assert!(is_further_reading("See further discussion in"));
        assert!(is_further_reading("cf."));
        assert!(is_further_reading("See also"));
        assert!(is_further_reading("См. также"));
        assert!(!is_further_reading("see"));
        assert!(!is_further_reading("Cfr. the letter in"));
        assert!(!is_further_reading("compared with"));
        // A long lead is folded only as far as the signals reach.
        assert!(is_further_reading(
            "See further the long, winding account of the harbour's frost in"
        ));
        assert!(!is_further_reading(
            "For the long, winding account of the harbour's frost, see"
        ));
    }

    /// What [`is_further_reading`] answers, with the whole text folded.
    fn is_further_reading_slow(prefix: &str) -> bool {
        let folded = crate::text::fold(prefix);
        signals().all.iter().any(|s| {
            folded
                .strip_prefix(s)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
    }

    /// The signals, cut, joined to words and cased every way, after
    /// every ASCII char and some others, answer as the whole fold does.
    #[test]
    fn further_reading_is_told_as_the_whole_fold_tells() {
        let mut heads: Vec<String> = Vec::new();
        for s in &signals().all {
            for cut in 0..=s.len() {
                if let Some(head) = s.get(..cut) {
                    heads.push(head.to_string());
                    heads.push(head.to_uppercase());
                }
            }
        }
        heads.extend(
            [
                "See",
                "For a fuller account, see",
                "Cfr.",
                "Ср.",
                "Quoted in",
            ]
            .map(String::from),
        );
        let tails = [
            "", ".", " ", " also", " further", "more", "’s", "'s", ", 12", " — see",
        ];
        let mut leads: Vec<String> = (0..128u8).map(|b| char::from(b).to_string()).collect();
        leads.extend(
            ["", "  ", "“", "‘", "É", "Ё", "—", "’", "\u{301}", "ﬁ", "«"].map(String::from),
        );
        let mut checked = 0;
        for lead in &leads {
            for head in &heads {
                for tail in tails {
                    let text = format!("{lead}{head}{tail}");
                    assert_eq!(
                        is_further_reading(&text),
                        is_further_reading_slow(&text),
                        "{text:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 50_000, "{checked}");
    }

    #[test]
    fn the_head_of_a_fold_is_where_the_fold_starts() {
        let texts = [
            "See also the long account of the harbour’s frost, in winter",
            "Ср. также: «Записка о мире» — Ёлкин, 12",
            "cf.",
            "Compare   naïve   Straße's l'Œuvre — 1995, 12–13",
            "",
        ];
        for text in texts {
            let whole = crate::text::fold(text);
            for len in 0..24 {
                let head = fold_head(text, len);
                assert!(whole.starts_with(&head), "{text:?} {len}");
                assert!(head.len() > len || head == whole, "{text:?} {len}");
                let rest = &whole[head.len()..];
                assert!(rest.is_empty() || rest.starts_with(' '), "{text:?} {len}");
            }
        }
    }

    /// Every marker, cased both ways, after prose of every length (ASCII
    /// and Russian) and before an abbreviation or more prose, is found as
    /// reading the text from its start finds it.
    #[test]
    fn definitions_are_found_as_reading_from_the_start_finds_them() {
        let leads = [
            "Vole, Moss and Stone (Oslo: Fjord, 2001), 3. ",
            "Орлов А. Б. Лес. М., 2001 ",
            "(",
            "x",
            "",
        ];
        let tails = [
            " MS).",
            " “RB.”) Prose.",
            " the guild met.",
            "",
            ": ГАРФ).",
            "abc",
        ];
        let mut checked = 0;
        let mut found = 0;
        for marker in markers() {
            for cased in [marker.to_string(), marker.to_uppercase()] {
                for lead in leads {
                    for cut in 0..=lead.len() {
                        let Some(lead) = lead.get(cut..) else {
                            continue;
                        };
                        for tail in tails {
                            let text = format!("{lead}{cased}{tail} and again {cased} ZZ.");
                            let fast = definitions(&text);
                            assert_eq!(fast, definitions_from(&text, 0), "{text:?}");
                            checked += 1;
                            found += fast.len();
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000 && found > 1_000, "{checked} {found}");
    }

    #[test]
    fn definitions_in_every_wording() {
        assert_eq!(
            abbreviations("Ann Vole, Moss and Stone (Oslo: Fjord, 2001), 3. (Henceforth MS)."),
            ["MS"]
        );
        assert_eq!(
            abbreviations("Vole, Moss, 3 (Henceforth TQ.) More prose."),
            ["TQ"]
        );
        assert_eq!(
            abbreviations("Vole, Moss, 3. (Henceforth “RB.”) Prose."),
            ["RB"]
        );
        assert_eq!(
            abbreviations("Vole, Moss, 3, hereafter cited as PLV."),
            ["PLV"]
        );
        assert_eq!(
            abbreviations("Vole, Moss. It will be abbreviated as WMS."),
            ["WMS"]
        );
        assert_eq!(
            abbreviations("Fjord Library, Vole Papers (henceforth VP 12), Box 3."),
            ["VP 12"]
        );
        assert_eq!(
            abbreviations("Орлов А. Б. Лес. М., 2001 (далее – Лес)."),
            ["Лес"]
        );
        // Prose that goes on is not an abbreviation.
        assert!(abbreviations("and henceforth the guild met in secret.").is_empty());
    }

    #[test]
    fn find_all_is_match_indices() {
        for (hay, needle) in [
            ("MS, 371; MSX, 4. MS 5", "MS"),
            ("aaaa", "aa"),
            ("«КМ», 2; КМ", "КМ"),
            ("M", "MS"),
            ("", "MS"),
            ("x MS", "MS"),
        ] {
            let ours: Vec<usize> = find_all(hay, needle).collect();
            let std: Vec<usize> = hay.match_indices(needle).map(|(i, _)| i).collect();
            assert_eq!(ours, std, "{hay:?} / {needle:?}");
        }
    }

    #[test]
    fn uses_with_their_pinpoints() {
        let text = "MS, 371; cf. “RB,” 2:244 and TQ 3.9.10.1. MSX, 4.";
        let ms: Vec<_> = occurrences(text, "MS", 0).collect();
        assert_eq!(ms, [0..2]);
        let (pin, end) = pinpoint_after(text, 2).unwrap();
        assert_eq!(pin.locator.unwrap().value, "371");
        assert_eq!(&text[..end], "MS, 371");
        let rb = occurrences(text, "RB", 0).next().unwrap();
        let (pin, _) = pinpoint_after(text, rb.end).unwrap();
        assert_eq!(pin.volume.as_deref(), Some("2"));
        let tq = occurrences(text, "TQ", 0).next().unwrap();
        let (pin, end) = pinpoint_after(text, tq.end).unwrap();
        let locator = pin.locator.unwrap();
        assert_eq!(locator.value, "3.9.10.1");
        assert_eq!(locator.label, LocatorLabel::Section);
        assert_eq!(&text[tq.start..end], "TQ 3.9.10.1");
    }

    #[test]
    fn markers_and_note_words_are_found_in_any_case() {
        assert_eq!(abbreviations("Vole, Moss, 3 (HENCEFORTH TQ)."), ["TQ"]);
        assert_eq!(abbreviations("Лес. М., 2001 (ДАЛЕЕ – Лес)."), ["Лес"]);
        assert!(first_marker_from("Vole, Moss and Stone (Oslo: Fjord, 2001), 3.").is_none());
        assert_eq!(first_marker_from("Далее цитируется как"), Some(0));
        // "hereafter" at 15, less the reach of "will be abbreviated as".
        assert_eq!(
            first_marker_from("Vole, 3, cited hereafter as VM."),
            Some(7)
        );
        assert!(marker_cores().is_some());
        assert!(case_blind_safe("далее –") && !case_blind_safe("kin") && !case_blind_safe("ёж"));
        let capitals = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ ABCXYZ";
        assert_eq!(blind(capitals), blind(&capitals.to_lowercase()));
        assert_eq!(
            blind("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"),
            blind("абвгдежзийклмнопрстуфхцчшщъыьэюя")
        );
        assert!(may_refer_to_note("See NOTE 8 above."));
        assert!(may_refer_to_note("cf. n.12"));
        assert!(may_refer_to_note("см. ПРИМЕЧ. 5."));
        assert!(!may_refer_to_note("Vole, Moss, 45–46; Stone, 3."));
        assert_eq!(note_references("See NOTE 8 above.")[0].label, "8");
    }

    #[test]
    fn cross_references_to_notes() {
        let refs = note_references("See note 8 above. Vole, Moss, 45 n. 12; cf. n. 3.");
        let labels: Vec<&str> = refs.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["8", "3"]);
        assert_eq!(refs[0].span, 4..16);
        assert!(note_references("a note 4 of the minutes").is_empty());
        assert_eq!(note_references("см. примеч. 5.")[0].label, "5");
    }
}
