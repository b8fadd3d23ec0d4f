//! The gate of the archival grammar: one cheap classification of a
//! segment that tells which of the grammar's ways of reading it can
//! succeed ([`classify`]), so that the books, articles and short forms
//! that make up most segments offered to it are turned away before any of
//! its searches runs.
//!
//! Why it is safe. [`parse_archival_citation`](super::parse_archival_citation)
//! returns `Some` in these ways only, and each needs to see something at a
//! word start of the segment (the places all its searches try):
//! - a reference by levels ([`super::reference_at`]): a run of levels
//!   ([`location::levels`]) opens there;
//! - a reference by collection document numbers: they
//!   ([`location::document_numbers`]) open there;
//! - a reference by the slash shorthand: an archive's name is printed
//!   before it (`archive_before`);
//! - a signature in another archive's system (`signature_at`): an
//!   archive's name opens there;
//! - wherever the grammar looks for an archive's name, the name starts at
//!   a word start and is followed by no letter or digit: what
//!   [`archives::may_name_archive_at`] looks for;
//! - else a described document with its date and no reference
//!   ([`super::described_document`]): a word opens a month date
//!   ([`may_open_month_date`], what the grammar's scan reports when it
//!   finds no reference), and the description names a kind of document
//!   ([`description::may_open_kind`] at one of its words) or an addressee
//!   ("to" and white space: without a kind, recipients are named only so).
//!   A description is read with its bracketed remarks removed, which may
//!   join two words: a segment with a '[' is taken as naming one.
//!
//! A segment is [`Shape::Reference`] when a level, a document number or
//! an archive's name may open at one of its word starts; else
//! [`Shape::Described`] when a kind or addressee may be named and a month
//! date may open; else [`Shape::NotArchival`].
//!
//! Each of these tests is asked only at the word starts whose first two
//! bytes let it hold ([`head_bits`]: a table for two ASCII characters,
//! built by asking the tests' own tables of pairs; what a character that
//! is not ASCII can open). Most word starts let none hold: one pass over
//! the segment's bytes finds its word starts and keeps only the others.

use super::{description, location};
use crate::authority::archives;
use crate::parse::dates::{
    char_may_open_month_date, may_hold_month, may_open_month_date, pair_may_open_month_date,
    word_run,
};
use std::cell::RefCell;

/// What a segment may hold, by [`classify`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// None of the grammar's ways can read it: it is not archival.
    NotArchival,
    /// Only a described document with a precise date and no archival
    /// reference can be read.
    Described,
    /// An archival reference may be printed: the whole grammar runs.
    Reference,
}

/// Which ways of reading a segment [`parse_archival_citation`]
/// (super::parse_archival_citation) can succeed on (see the module's
/// comment for why the answer is safe).
///
/// A segment the caller could not read is offered again from later word
/// starts (a citation inside prose): those are suffixes of it. The last
/// text classified is kept with the last word start at which each test
/// holds, so a suffix of it (found by comparing bytes) is answered without
/// reading it again: its word starts are those of the text after the
/// suffix's first byte, and each test reads only the text after its word
/// start, which the two share.
pub fn classify(segment: &str) -> Shape {
    classify_into(segment, &mut Vec::new())
}

/// [`classify`], which also hands the grammar what the gate read when the
/// answer is [`Shape::Reference`]: `starts` is then set to the word starts
/// of `segment` at which some test of the grammar's scan may hold, in
/// order, with the bits of those tests ([`head_bits`]: [`HEAD_LEVELS`],
/// [`HEAD_NUMBER`], [`HEAD_MONTH`] among them), so
/// that the scan asks its tests there only instead of finding the word
/// starts again and asking them everywhere. Left empty for the other
/// shapes.
pub fn classify_into(segment: &str, starts: &mut Vec<(usize, u8)>) -> Shape {
    starts.clear();
    thread_local! {
        static LAST: RefCell<Classified> = RefCell::new(Classified::default());
    }
    LAST.with_borrow_mut(|last| {
        let suffix_at = last
            .text
            .len()
            .checked_sub(segment.len())
            .filter(|&k| last.text.as_bytes()[k..] == *segment.as_bytes());
        let k = match suffix_at {
            Some(k) => k,
            None => {
                last.read(segment);
                0
            }
        };
        let own_bits = last.own_bits(k);
        let shape = last.shape_from(k, own_bits);
        if shape == Shape::Reference {
            last.starts_from(k, own_bits, starts);
        }
        shape
    })
}

/// A text read by [`classify`], with what its tests found.
#[derive(Default)]
struct Classified {
    text: String,
    /// The last word start where a reference may open.
    reference: Option<usize>,
    /// The last word start after `reference` where a kind or addressee
    /// may be named, or the last '[' after it.
    named: Option<usize>,
    /// The last word start after `reference` where a month date may open,
    /// when looked for (when `named` is found).
    month: Option<Option<usize>>,
    /// The word starts of `text` where some test may hold, by their first
    /// two characters ([`head_bits`]), with the bits of those tests (kept
    /// to reuse its room).
    candidates: Vec<(usize, u8)>,
}

impl Classified {
    /// Reads `text`: its word starts, and the last one where each test
    /// holds. Each test is asked only at the word starts whose first two
    /// characters let it hold ([`head_bits`]): most word starts have none
    /// and are not kept. The tests are asked from the end backwards, and
    /// only after the last reference for the others: a suffix that starts
    /// at or before it is [`Shape::Reference`] whatever else it holds.
    fn read(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        let bytes = text.as_bytes();
        let heads = ascii_heads();
        for_each_word_start(text, |p| {
            let bits = head_bits(heads, &bytes[p..]);
            if bits != 0 {
                candidates.push((p, bits));
            }
        });
        let last = |bit: u8, after: Option<usize>, test: &dyn Fn(&str, u8) -> bool| {
            candidates
                .iter()
                .rev()
                .take_while(|(p, _)| after.is_none_or(|r| *p > r))
                .filter(|(_, bits)| bits & bit != 0)
                .find(|&&(p, bits)| test(&text[p..], bits))
                .map(|&(p, _)| p)
        };
        let reference = last(HEAD_REFERENCE, None, &may_open_reference);
        let after = |p: &usize| reference.is_none_or(|r| *p > r);
        let bracket = memchr::memrchr(b'[', bytes).filter(after);
        let party = last(HEAD_PARTY, reference, &|here, _| may_name_party(here));
        self.reference = reference;
        self.named = bracket.max(party);
        self.month = self
            .named
            .map(|_| last(HEAD_MONTH, reference, &|here, _| may_open_month_date(here)));
        self.candidates = candidates;
    }

    /// The bits of the word start that the suffix of the text read that
    /// starts at `k` has at its first character when the whole text has
    /// none there (else 0).
    fn own_bits(&self, k: usize) -> u8 {
        let s = &self.text[k..];
        // The suffix's first character starts a word of its own, which it
        // may not do in the whole text (the tests are then asked there).
        let own_start = k > 0 && !is_word_start(&self.text, k) && !opens_with_space(s);
        if own_start {
            head_bits(ascii_heads(), s.as_bytes())
        } else {
            0
        }
    }

    /// The word starts of the suffix that starts at `k` where some test
    /// may hold, with their bits, into `out` (offsets in the suffix): its
    /// own first word start, then those of the text at or after `k` (a
    /// word start after `k` is one of the suffix too, the char before it
    /// being the same).
    fn starts_from(&self, k: usize, own_bits: u8, out: &mut Vec<(usize, u8)>) {
        out.clear();
        if own_bits != 0 {
            out.push((0, own_bits));
        }
        let from = self.candidates.partition_point(|&(p, _)| p < k);
        out.extend(
            self.candidates[from..]
                .iter()
                .map(|&(p, bits)| (p - k, bits)),
        );
    }

    /// The shape of the suffix of the text read that starts at `k`, whose
    /// first word start has `own_bits` ([`Classified::own_bits`]).
    fn shape_from(&self, k: usize, own_bits: u8) -> Shape {
        let s = &self.text[k..];
        let at_or_after = |p: Option<usize>| p.is_some_and(|p| p >= k);
        if at_or_after(self.reference)
            || (own_bits & HEAD_REFERENCE != 0 && may_open_reference(s, own_bits))
        {
            return Shape::Reference;
        }
        if !(at_or_after(self.named) || (own_bits & HEAD_PARTY != 0 && may_name_party(s))) {
            return Shape::NotArchival;
        }
        let month = match self.month {
            Some(month) => {
                at_or_after(month) || (own_bits & HEAD_MONTH != 0 && may_open_month_date(s))
            }
            // Not looked for in the whole text: the suffix's own start
            // names a party; its words are read.
            None => may_hold_month(s),
        };
        if month {
            Shape::Described
        } else {
            Shape::NotArchival
        }
    }
}

/// True if the text opens with white space.
fn opens_with_space(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_whitespace)
}

/// True if a word starts at byte `k` of `text` (as
/// [`crate::parse::dates::word_starts`] has them): a character other than
/// white space after none or after one that is no letter or digit.
fn is_word_start(text: &str, k: usize) -> bool {
    !opens_with_space(&text[k..])
        && text[..k]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::text::is_alphanumeric(c))
}

/// Calls `f` with each word start of `text` (those of
/// [`crate::parse::dates::word_starts`]), in order: read on bytes, a run
/// of ASCII letters and digits at a time, the other characters told by
/// [`word_or_space`].
#[inline]
fn for_each_word_start(text: &str, mut f: impl FnMut(usize)) {
    let bytes = text.as_bytes();
    let mut after_word_char = false;
    let mut at = 0;
    // Each turn moves `at` on by one character at least.
    while let Some(&b) = bytes.get(at) {
        let start = at;
        let (word_char, space) = if word_run(b) {
            // A run of ASCII letters and digits and of Cyrillic letters
            // U+0400..U+047F (lead byte D0 or D1): one word, its start at
            // most. A continuation byte is taken only as the second byte
            // of such a letter: the run opens at a character's first byte
            // and stops before any other lead byte.
            at += 1;
            at += bytes[at..]
                .iter()
                .position(|&b| !word_run(b))
                .unwrap_or(bytes.len() - at);
            (true, false)
        } else if b.is_ascii() {
            at += 1;
            (false, matches!(b, b'\t'..=b'\r' | b' '))
        } else {
            let next = bytes.get(at + 1).copied().unwrap_or(0);
            match (b, next) {
                // U+00C0..U+00FF: letters but × and ÷.
                (0xc3, _) => {
                    at += 2;
                    (next != 0x97 && next != 0xb7, false)
                }
                // U+2000..U+203F: punctuation and spaces.
                (0xe2, 0x80) => {
                    let last = bytes.get(at + 2).copied().unwrap_or(0);
                    at += 3;
                    (false, last <= 0x8a || matches!(last, 0xa8 | 0xa9 | 0xaf))
                }
                _ => {
                    let c = text[at..].chars().next().unwrap_or(' ');
                    at += c.len_utf8();
                    word_or_space(c)
                }
            }
        };
        if !after_word_char && !space {
            f(start);
        }
        after_word_char = word_char;
    }
}

/// Whether a character that is not ASCII is a letter or digit
/// ([`crate::text::is_alphanumeric`]) and whether it is white space,
/// answered without the Unicode tables for the Latin letters of
/// U+00C0..U+024F, the Cyrillic block and General Punctuation (quotes,
/// dashes, spaces), which make up nearly all of it.
fn word_or_space(c: char) -> (bool, bool) {
    match c {
        '\u{00C0}'..='\u{024F}' => (c != '×' && c != '÷', false),
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => (true, false),
        '\u{2000}'..='\u{206F}' => (
            false,
            matches!(
                c,
                '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}'
            ),
        ),
        _ => (crate::text::is_alphanumeric(c), c.is_whitespace()),
    }
}

/// The bits of the tests that may hold at a word start that opens with
/// `head` (see [`ascii_heads`] for two ASCII characters). A word start
/// that opens with a character that is not ASCII may open anything but a
/// document number (a capital and a capital or digit), except that
/// levels open only with ASCII or a Cyrillic letter
/// ([`location::may_open_levels`]) and an archive's name not with a
/// quotation mark, a dash (U+2010..U+2027), « or » (see [`ascii_heads`]
/// on punctuation); those open a kind or a month date only where their
/// tests of the character say so (the table's entries from
/// [`PUNCTUATION`] on).
#[inline(always)]
fn head_bits(heads: &[u8], head: &[u8]) -> u8 {
    match *head {
        [a, b, ..] if a.is_ascii() && b.is_ascii() => heads[usize::from(a) << 7 | usize::from(b)],
        [a] if a.is_ascii() => heads[usize::from(a) << 7],
        [a, ..] if a.is_ascii() => HEAD_LEVELS | HEAD_ARCHIVE | HEAD_PARTY | HEAD_MONTH,
        [0xd0 | 0xd1, ..] => HEAD_LEVELS | HEAD_ARCHIVE | HEAD_PARTY | HEAD_MONTH,
        [0xe2, 0x80, c @ 0x90..=0xa7, ..] => heads[PUNCTUATION + usize::from(c - 0x90)],
        [0xc2, 0xab, ..] => heads[PUNCTUATION + 0x18],
        [0xc2, 0xbb, ..] => heads[PUNCTUATION + 0x19],
        _ => HEAD_ARCHIVE | HEAD_PARTY | HEAD_MONTH,
    }
}

/// True if a reference may open at the word start `here`: a run of
/// levels, a document number, or an archive's name, each asked only when
/// its bit is among `bits` (those of [`head_bits`]). [`HEAD_ARCHIVE`] is
/// among them only where [`archives::pair_may_open_name`] holds for the
/// first two bytes (two ASCII ones are asked in [`ascii_heads`]; it holds
/// for any other): the archive's name is asked past that test.
fn may_open_reference(here: &str, bits: u8) -> bool {
    (bits & HEAD_LEVELS != 0 && location::opens_levels(here))
        || (bits & HEAD_NUMBER != 0 && location::document_numbers(here).is_ok())
        || (bits & HEAD_ARCHIVE != 0 && archives::may_name_archive_past_pair(here))
}

/// True if a description may name a party or kind of document from the
/// word start `here` on: a kind of the table, or the "to" before an
/// addressee (followed by white space; any character not ASCII is taken
/// as possibly white space). Asked where [`head_bits`] has
/// [`HEAD_PARTY`].
fn may_name_party(here: &str) -> bool {
    if let Some(after) = here.strip_prefix("to") {
        if after
            .bytes()
            .next()
            .is_some_and(|b| !b.is_ascii() || matches!(b, b'\t'..=b'\r' | b' '))
        {
            return true;
        }
    }
    description::may_open_kind(here)
}

/// The bits of [`ascii_heads`] and [`head_bits`]: whether a run of
/// levels, a document number, an archive's name, a kind or addressee, a
/// month date may open at a word start.
pub(super) const HEAD_LEVELS: u8 = 1;
pub(super) const HEAD_NUMBER: u8 = 2;
const HEAD_ARCHIVE: u8 = 4;
const HEAD_PARTY: u8 = 8;
pub(super) const HEAD_MONTH: u8 = 16;
/// Where the bits of U+2010..U+2027, « and » start in [`ascii_heads`].
const PUNCTUATION: usize = 128 * 128;
/// The bits of the tests of a reference ([`may_open_reference`]).
const HEAD_REFERENCE: u8 = HEAD_LEVELS | HEAD_NUMBER | HEAD_ARCHIVE;

/// For each pair of ASCII characters that opens a word start (the second
/// 0 for a word start of one character at the end of the text), the
/// tests that may succeed there; the others need not be asked:
/// - levels open with '(' or two characters that open a marker
///   ([`location::may_open_levels`] reads no more than two, but after
///   a '(', which is let through here and asked at the word start);
/// - document numbers with a capital and a capital or digit;
/// - an archive's name ([`archives::pair_may_open_name`]), at a word that
///   opens with a letter or digit. A word start that opens with other
///   ASCII characters (punctuation; so too « », the dashes and quotation
///   marks U+2010..U+2027) need not be asked: the walk of
///   [`archives::may_name_archive_at`] passes over such a character, and
///   over the white space after it (whose keys are empty), to the next
///   character that is no white space, which starts a word (it follows
///   one that is no letter or digit) and is asked itself (or, opening
///   with such a character too, passes on in turn);
/// - a kind ([`description::pair_may_open_kind`]) or "to". A kind opens
///   with two letters (see [`description::may_open_kind`]), "to" with two:
///   a one-character word start names neither;
/// - a month date ([`pair_may_open_month_date`]).
///
/// After the pairs, from [`PUNCTUATION`] on, the bits of U+2010..U+2027,
/// « and »: a kind ([`description::char_may_open_kind`]) and a month date
/// ([`char_may_open_month_date`]) asked of the character (quotation marks
/// and dashes open neither, and are not asked at each word start).
fn ascii_heads() -> &'static [u8] {
    static HEADS: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    HEADS.get_or_init(|| {
        let mut heads = vec![0u8; 128 * 128];
        let punctuation = ('\u{2010}'..='\u{2027}').chain(['«', '»']);
        heads.extend(punctuation.map(|c| {
            let party = description::char_may_open_kind(c);
            let month = char_may_open_month_date(c);
            (u8::from(party) * HEAD_PARTY) | (u8::from(month) * HEAD_MONTH)
        }));
        for a in 0..128u8 {
            for b in 0..128u8 {
                let mut f = 0;
                // `may_open_levels` of the two characters, asked on bytes.
                if a == b'(' || location::pair_may_open_levels(a, b) {
                    f |= HEAD_LEVELS;
                }
                if a.is_ascii_uppercase() && (b.is_ascii_uppercase() || b.is_ascii_digit()) {
                    f |= HEAD_NUMBER;
                }
                if a.is_ascii_alphanumeric() && archives::pair_may_open_name(a, b) {
                    f |= HEAD_ARCHIVE;
                }
                if (a, b) == (b't', b'o') || description::pair_may_open_kind(a, b) {
                    f |= HEAD_PARTY;
                }
                if pair_may_open_month_date(a, b) {
                    f |= HEAD_MONTH;
                }
                heads[usize::from(a) << 7 | usize::from(b)] = f;
            }
        }
        heads
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::archival::{parse_archival_citation, read_segment, ArchivalLocation};

    /// Made-up archival citations of every shape the grammar reads.
    const ARCHIVAL: &[&str] = &[
        // Levels after an archive's abbreviation, its full name, or its
        // name with the abbreviation in brackets.
        "Letter from Ivan Petrov to Oleg Sidorov, 3 May 1951, GARF, f. R-1234, op. 2, d. 77, l. 5.",
        "Arkhiv Vneshnei Politiki Rossiiskoi Federatsii (AVPRF), F. 0102, Op. 6, Pap. 9, D. 15, L. 3.",
        "Report by Petrov on the harvest, 1952, Rossiiskii Gosudarstvennyi Arkhiv Ekonomiki, f. 8, op. 1, d. 4.",
        // Russian dot style.
        "Записка Петрова в ЦК КПСС, 12 марта 1953 г. РГАСПИ. Ф. 17. Оп. 3. Д. 999. Л. 12–13 об.",
        // Two levels without an archive; one after "ibid.".
        "f. 45, op. 7, d. 12, ll. 3-4.",
        "Telegram from Petrov to Sidorov, 5 May 1951, ibid., ll. 33-34.",
        // The slash shorthand after an archive.
        "RGAE 8/1/4/12-13",
        // Collection document numbers.
        "Telegram from Petrov to Sidorov on 4 June 1951, SD01234, SD01236",
        // A signature in another archive's system, with accented names.
        "Novak to Horak, 2 March 1950, SAPMO-BArch, DY 12/345, Bl. 6-9.",
        "Novak to Horak, 2 March 1950, AÚV KSČ, f. 100/3, sv. 12, a.j. 40.",
        // Described documents with their dates and no reference: a kind, an
        // addressee, a bracketed remark.
        "Letter from Ivan Petrov to Oleg Sidorov, 3 May 1951",
        "Petrov to Sidorov, 12 October 1950.",
        "Ivan Petrov, letter to Anna [his sister], March 2, 1922",
        "Ciphered telegram from Petrov to Sidorov, 03.09.1951.",
    ];

    /// Made-up Chicago citations and prose: none is archival.
    const CHICAGO: &[&str] = &[
        "John Smith, The History of Rivers (New York: Lake Press, 1990), 45.",
        "Anna Berg, “Winter Roads,” Journal of Northern Studies 12, no. 3 (1998): 211–35.",
        "Smith, History of Rivers, 47.",
        "Mary Lund, “The Old Mill,” Daily Courier, May 3, 1921, 4.",
        "Jürgen Möller, Über die Städte des Nordens (Münster: Aschendorff, 2001), 12–14.",
        "Élise Dubois, L’Église et la ville, 2 vols. (Paris: Éditions du Port, 1987), 1:33.",
        "See the discussion in chapter 4, pp. 88–91, and the sources cited there.",
        "Peter Gray, A Guide to Lakes, 3rd ed. (Boston: Harbor Books, 2004), 101.",
    ];

    /// Every suffix of `s` at a word start, `s` first.
    fn suffixes(s: &str) -> Vec<&str> {
        std::iter::once(0)
            .chain(crate::parse::dates::word_starts(s).filter(|&p| p > 0))
            .map(|p| &s[p..])
            .collect()
    }

    /// A shape read afresh, without the suffix memo of [`classify`].
    fn fresh(s: &str) -> Shape {
        let mut c = Classified::default();
        c.read(s);
        c.shape_from(0, 0)
    }

    #[test]
    fn archival_shapes_pass_the_gate_and_parse() {
        let previous = ArchivalLocation {
            fond: Some("1".into()),
            ..ArchivalLocation::default()
        };
        for s in ARCHIVAL {
            assert_ne!(fresh(s), Shape::NotArchival, "{s}");
            assert!(parse_archival_citation(s, None).is_some(), "{s}");
        }
        // A single level continues the previous reference.
        let s = "l. 7ob.";
        assert_eq!(fresh(s), Shape::Reference);
        assert!(parse_archival_citation(s, Some(&previous)).is_some());
    }

    #[test]
    fn chicago_citations_are_turned_away() {
        for s in CHICAGO {
            assert_eq!(fresh(s), Shape::NotArchival, "{s}");
            assert!(parse_archival_citation(s, None).is_none(), "{s}");
        }
    }

    #[test]
    fn gated_reading_is_the_whole_grammar() {
        // The gate changes no answer of the grammar, for any segment or
        // later start in it, with or without a previous reference.
        let previous = ArchivalLocation {
            fond: Some("1".into()),
            opis: Some("2".into()),
            ..ArchivalLocation::default()
        };
        for s in ARCHIVAL.iter().chain(CHICAGO) {
            for suffix in suffixes(s) {
                for prev in [None, Some(&previous)] {
                    assert_eq!(
                        parse_archival_citation(suffix, prev),
                        read_segment(suffix, prev).filter(|_| {
                            !super::super::is_ibid(suffix)
                                && suffix.bytes().any(|b| b.is_ascii_digit())
                        }),
                        "{suffix}"
                    );
                }
            }
        }
    }

    #[test]
    fn scans_from_the_gates_word_starts_are_scans_of_every_word() {
        // The grammar's scan asks its tests only at the word starts the
        // gate hands over, each only where its bit is set: it finds what
        // the scan of every word start finds, for every suffix (at every
        // char boundary, answered from the memo and afresh).
        use crate::parse::archival::scan_segment;
        let more = [
            "(GARF, f. 5, op. 1, d. 2, l. 3)",
            "Letter, 3 May 1951 (AAN, KC PZPR, 237, k. 5), cited in Lee",
            "“AAN, KC PZPR, 237, k. 5”; —GARF, f. 1, op. 2",
            "«РГАСПИ», ф. 17, оп. 3, д. 5; см. ГАРФ. Ф. Р-5446. Оп. 1. Д. 12. Л. 34",
            "APRF, F. 45, Op. 1, D. 331, L. 55",
            "Запись беседы Сталина с Мао Цзэдуном, 16 декабря 1949 г. АП РФ. Ф. 45. Оп. 1. Д. 329. Л. 9–17.",
            "Telegram to Mao, 3 May 1950, AVP RF, f. 07, op. 23a, p. 18, d. 235, l. 5",
            "(Boston: Lake, 1990), 12; [SAPMO-BArch, DY 30, IV 2, 1] (ibid.), l. 4",
            "Kovalev to Filippov, 12 October 1950, ibid., ll. 33-34",
            "SD00252, SD00254 and SD00256; .. ( — « 12 мая 1950",
        ];
        let previous = ArchivalLocation {
            fond: Some("1".into()),
            ..ArchivalLocation::default()
        };
        let view = |scan: crate::parse::archival::SegmentScan| {
            (
                scan.reference
                    .map(|r| (r.start, r.end, r.location, r.numbers)),
                scan.month,
            )
        };
        let mut starts = Vec::new();
        let mut checked = 0;
        for s in ARCHIVAL.iter().chain(CHICAGO).chain(&more) {
            for (k, _) in s.char_indices() {
                for memo in [true, false] {
                    if memo {
                        classify(s);
                    } else {
                        classify("x");
                    }
                    let suffix = &s[k..];
                    if classify_into(suffix, &mut starts) != Shape::Reference {
                        assert!(starts.is_empty());
                        continue;
                    }
                    checked += 1;
                    for prev in [None, Some(&previous)] {
                        assert_eq!(
                            view(scan_segment(suffix, prev, Some(&starts))),
                            view(scan_segment(suffix, prev, None)),
                            "{suffix}"
                        );
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn suffixes_are_answered_as_if_read_afresh() {
        for s in ARCHIVAL.iter().chain(CHICAGO) {
            // Every character boundary, not only word starts.
            for (k, _) in s.char_indices() {
                classify(s);
                assert_eq!(classify(&s[k..]), fresh(&s[k..]), "{}", &s[k..]);
            }
        }
    }

    #[test]
    fn word_starts_are_those_of_the_dates_module() {
        for s in ARCHIVAL.iter().chain(CHICAGO).chain(&[
            "a\u{2003}b «c» d—e é2 \u{0345}x Ǆ9",
            "",
            " ",
            "a\u{2028}b\u{202f}c\u{200b}d\u{205f}e\u{2070}f×g÷hÿ",
            "Жa\u{0482}b\u{0483}c \u{00a0}d\u{00aa}e\u{00b2}",
        ]) {
            let mut starts = Vec::new();
            for_each_word_start(s, |p| starts.push(p));
            let expected: Vec<usize> = crate::parse::dates::word_starts(s).collect();
            assert_eq!(starts, expected, "{s}");
            for (k, _) in s.char_indices() {
                assert_eq!(is_word_start(s, k), expected.contains(&k), "{s} at {k}");
            }
        }
    }

    #[test]
    fn ascii_heads_agree_with_the_tests() {
        // For every pair of ASCII characters, a test the table rules out
        // fails on any text that opens with them.
        for a in 0..128u8 {
            for b in 0..128u8 {
                let f = ascii_heads()[usize::from(a) << 7 | usize::from(b)];
                for tail in ["", "b. 12", " 17, op. 3", "aspi, f. 5", "o Lee"] {
                    let text = format!("{}{}{tail}", a as char, b as char);
                    if f & HEAD_LEVELS == 0 {
                        assert!(!location::opens_levels(&text), "{text:?}");
                    }
                    if f & HEAD_NUMBER == 0 {
                        assert!(location::document_numbers(&text).is_err(), "{text:?}");
                    }
                    if f & HEAD_PARTY == 0 {
                        assert!(!description::may_open_kind(&text), "{text:?}");
                    }
                    if f & HEAD_MONTH == 0 {
                        assert!(!may_open_month_date(&text), "{text:?}");
                    }
                    if f & HEAD_ARCHIVE == 0 && a.is_ascii_alphanumeric() {
                        assert!(!archives::may_name_archive_at(&text), "{text:?}");
                    }
                    // The archive's name is asked past the pair's test.
                    if f & HEAD_ARCHIVE != 0 {
                        assert!(archives::pair_may_open_name(a, b), "{text:?}");
                        assert_eq!(
                            archives::may_name_archive_past_pair(&text),
                            archives::may_name_archive_at(&text),
                            "{text:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn word_starts_around_every_char_are_those_of_the_dates_module() {
        // The runs of ASCII and Cyrillic letters are read a byte at a
        // time: every char inside, after and before them.
        for s in crate::parse::dates::tests::every_char_around_words() {
            let mut starts = Vec::new();
            for_each_word_start(&s, |p| starts.push(p));
            let expected: Vec<usize> = crate::parse::dates::word_starts(&s).collect();
            assert_eq!(starts, expected, "{s:?}");
        }
    }

    #[test]
    fn characters_are_told_as_the_unicode_tables_tell_them() {
        for c in (0x80..=0x10ffffu32).filter_map(char::from_u32) {
            assert_eq!(
                word_or_space(c),
                (crate::text::is_alphanumeric(c), c.is_whitespace()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn heads_that_are_not_ascii_rule_out_only_what_cannot_open() {
        // Every character that is not ASCII, as a word's first or second.
        for c in (0x80..=0xffffu32).filter_map(char::from_u32) {
            for text in [
                format!("{c}. 12, op. 3"),
                format!("{c}"),
                format!("f{c} 12"),
                format!("{c}gaspi, f. 5"),
            ] {
                let bits = head_bits(ascii_heads(), text.as_bytes());
                if let [a, b, ..] = *text.as_bytes() {
                    if bits & HEAD_ARCHIVE != 0 {
                        assert!(archives::pair_may_open_name(a, b), "{text:?}");
                    }
                }
                if bits & HEAD_LEVELS == 0 {
                    assert!(!location::opens_levels(&text), "{text:?}");
                }
                if bits & HEAD_NUMBER == 0 {
                    assert!(location::document_numbers(&text).is_err(), "{text:?}");
                }
                if bits & HEAD_PARTY == 0 {
                    assert!(!may_name_party(&text), "{text:?}");
                }
                if bits & HEAD_MONTH == 0 {
                    assert!(!may_open_month_date(&text), "{text:?}");
                }
            }
        }
        // Cyrillic markers, archives and kinds.
        for text in [
            "Ф. 17",
            "Оп. 3",
            "РГАСПИ. Ф. 17",
            "Записка Петрова",
            "марта 1950",
        ] {
            let bits = head_bits(ascii_heads(), text.as_bytes());
            assert_ne!(
                bits & (HEAD_LEVELS | HEAD_ARCHIVE | HEAD_PARTY | HEAD_MONTH),
                0,
                "{text}"
            );
        }
    }
}
