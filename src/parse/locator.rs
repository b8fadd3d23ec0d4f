//! Pinpoint locators: `p. 61`, `pp. 6 - 7`, `pp. 117, 114 - 115, 120`,
//! `Chapters 1 and 2`, `Vol. 2, pp. 438 - 439`, `n. 5`, a note on a page
//! (`12n4`, `14 n. 7`), following pages (`25ff`, `25 ff.`), `passim`, and a
//! qualifier kept with the locator (`chap. 3, esp. 45`).
//!
//! [`trailing_locator`] finds the locator at the end of a citation, which is
//! where Chicago notes print it, and returns where it starts so the caller
//! can read the rest of the citation without it.

use crate::model::{Locator, LocatorLabel};
use crate::text::TrimWs;
use nom::{
    branch::alt,
    bytes::complete::{tag, take_while1},
    character::complete::{char, space0, space1},
    combinator::{map, opt, recognize},
    multi::many0,
    sequence::{pair, preceded, terminated, tuple},
    IResult,
};
use std::sync::OnceLock;

/// A locator with the volume printed before it, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pinpoint {
    pub volume: Option<String>,
    pub locator: Option<Locator>,
}

/// One page or folio number at the start of `s`: digits, roman numerals,
/// with a letter suffix ("12a", "xiv", "7ob"), a note on the page ("12n4",
/// "14 n. 7") or the pages that follow ("25ff", "25 ff."). Returns its
/// length in bytes.
///
/// Read on bytes as the nom grammar it replaced reads (`number` in the
/// tests, the slow reading): the digits; then, each if it is there, a
/// note ([`note_on_page_len`]), a run of lowercase ASCII letters other
/// than 'p', and "ff.", "ff" or "f." after spaces or tabs. Without a
/// digit, a run of the letters of lowercase Roman numerals that no
/// alphabetic char follows. Every char the grammar takes is ASCII, so
/// the byte offsets are char boundaries.
fn number_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = run_len(b, |c| c.is_ascii_digit());
    if digits == 0 {
        let roman = run_len(b, |c| matches!(c, b'i' | b'v' | b'x' | b'l' | b'c'));
        let next_alphabetic = s[roman..].chars().next().is_some_and(char::is_alphabetic);
        return (roman > 0 && !next_alphabetic).then_some(roman);
    }
    let mut p = digits;
    p += note_on_page_len(&s[p..]).unwrap_or(0);
    p += run_len(&b[p..], |c| c.is_ascii_lowercase() && c != b'p');
    let spaces = run_len(&b[p..], is_space_or_tab);
    if spaces > 0 {
        let after = &b[p + spaces..];
        if after.starts_with(b"ff.") {
            p += spaces + 3;
        } else if after.starts_with(b"ff") || after.starts_with(b"f.") {
            p += spaces + 2;
        }
    }
    Some(p)
}

/// The bytes at the start of `b` that `pred` holds for.
#[inline]
fn run_len(b: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    b.iter().position(|&c| !pred(c)).unwrap_or(b.len())
}

/// nom's `space0` and `space1` chars.
#[inline]
fn is_space_or_tab(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// "n4", " n. 7", "nn3": the note of a page ("12n4" is note 4 on page 12),
/// its length: spaces, "nn.", "n.", "nn" or "n" (the first of them that
/// opens the text, as nom's `alt` takes it), spaces, digits.
fn note_on_page_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut p = run_len(b, is_space_or_tab);
    let rest = &b[p..];
    p += if rest.starts_with(b"nn.") {
        3
    } else if rest.starts_with(b"n.") || rest.starts_with(b"nn") {
        2
    } else if rest.starts_with(b"n") {
        1
    } else {
        return None;
    };
    p += run_len(&b[p..], is_space_or_tab);
    let digits = run_len(&b[p..], |c| c.is_ascii_digit());
    (digits > 0).then_some(p + digits)
}

/// The length of a dash between the numbers of a range, with the spaces
/// and tabs around it: '-', '–', '—' or '‒' (what [`dash`] reads).
fn dash_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut p = run_len(b, is_space_or_tab);
    p += match b.get(p..) {
        Some([b'-', ..]) => 1,
        // '–' U+2013, '—' U+2014, '‒' U+2012.
        Some([0xE2, 0x80, 0x92..=0x94, ..]) => 3,
        _ => return None,
    };
    Some(p + run_len(&b[p..], is_space_or_tab))
}

fn dash(i: &str) -> IResult<&str, ()> {
    map(
        tuple((
            space0,
            alt((tag("-"), tag("–"), tag("—"), tag("‒"))),
            space0,
        )),
        |_| (),
    )(i)
}

/// `12`, `12-14`, `12 - 14`: the numbers and the length read.
fn range_at(s: &str) -> Option<(usize, (&str, Option<&str>))> {
    let a = number_len(s)?;
    let second = dash_len(&s[a..]).and_then(|d| {
        let n = number_len(&s[a + d..])?;
        Some((a + d + n, &s[a + d..a + d + n]))
    });
    Some(match second {
        Some((len, b)) => (len, (&s[..a], Some(b))),
        None => (a, (&s[..a], None)),
    })
}

/// What separates two ranges of a list: a comma (spaces or tabs around
/// it), or "and" or "&" between spaces or tabs. Its length, and whether
/// it is a word ("and" joins consecutive numbers into a range).
fn list_separator_len(s: &str) -> Option<(usize, bool)> {
    let b = s.as_bytes();
    let spaces = run_len(b, is_space_or_tab);
    if b.get(spaces) == Some(&b',') {
        let p = spaces + 1;
        return Some((p + run_len(&b[p..], is_space_or_tab), false));
    }
    if spaces == 0 {
        return None;
    }
    let rest = &b[spaces..];
    let word = if rest.starts_with(b"and") {
        3
    } else if rest.starts_with(b"&") {
        1
    } else {
        return None;
    };
    let p = spaces + word;
    let after = run_len(&b[p..], is_space_or_tab);
    (after > 0).then_some((p + after, true))
}

/// `117, 114 - 115, 120`, `153 and 163`, `1 and 2`.
///
/// Why on bytes: every pinpoint with a number is read here (labelled
/// pages, bare pages, qualifiers), and the nom grammar it replaces (kept
/// as the slow reading in the tests) cost about 900 instructions a
/// list. It reads the same texts to the same place, with the same value.
fn range_list(i: &str) -> IResult<&str, String> {
    let Some((mut p, first)) = range_at(i) else {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::TakeWhile1,
        )));
    };
    let mut rest = Vec::new();
    while let Some((sep, word)) = list_separator_len(&i[p..]) {
        let Some((len, r)) = range_at(&i[p + sep..]) else {
            break;
        };
        rest.push((word, r));
        p += sep + len;
    }
    Ok((&i[p..], join_ranges(first, &rest)))
}

/// Joins ranges for a locator value: "1 and 2" becomes "1-2" (consecutive
/// numbers joined by "and"), "153 and 163" becomes "153, 163"; a list
/// printed with commas stays a list ("559, 560"). Each of `rest` says
/// whether "and" joins it to the one before.
fn join_ranges<'a>(
    first: (&'a str, Option<&'a str>),
    rest: &[(bool, (&'a str, Option<&'a str>))],
) -> String {
    if let ((a, None), [(true, (b, None))]) = (first, rest) {
        if let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) {
            if b == a + 1 {
                return format!("{a}-{b}");
            }
        }
    }
    let mut out = String::new();
    for (k, (a, b)) in std::iter::once(first)
        .chain(rest.iter().map(|(_, r)| *r))
        .enumerate()
    {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(a);
        if let Some(b) = b {
            out.push('-');
            out.push_str(b);
        }
    }
    out
}

/// A section number of a classical or legal text: `5.10`, `3.9.10.1`,
/// `I.5` (a Roman part), with a range of its last part (`3.4.15.1–2`).
fn section_number(i: &str) -> IResult<&str, String> {
    let digits = |i| take_while1(|c: char| c.is_ascii_digit())(i);
    let (rest, head) = recognize(pair(
        alt((
            take_while1(|c: char| c.is_ascii_digit()),
            take_while1(|c: char| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')),
            take_while1(|c: char| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')),
        )),
        nom::multi::many1(pair(char('.'), digits)),
    ))(i)?;
    // Parts of one to three digits: "12.05.1950" is a date.
    if head.split('.').any(|p| p.len() > 3) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (rest, end) = opt(preceded(
        dash,
        alt((
            recognize(pair(digits, nom::multi::many0(pair(char('.'), digits)))),
            digits,
        )),
    ))(rest)?;
    Ok((
        rest,
        match end {
            Some(e) => format!("{head}-{e}"),
            None => head.to_string(),
        },
    ))
}

/// `1.1.3, 1.1.4, 1.1.9`: section numbers, as printed.
fn section_list(i: &str) -> IResult<&str, String> {
    let (i, first) = section_number(i)?;
    let (i, rest) = many0(preceded(tuple((space0, char(','), space0)), section_number))(i)?;
    let mut out = first;
    for r in rest {
        out.push_str(", ");
        out.push_str(&r);
    }
    Ok((i, out))
}

/// One word of `data/locator-labels.tsv`.
struct LabelWord {
    word: &'static str,
    /// The lowercase of the word's first char (see [`first_lower`]).
    initial: char,
    label: LocatorLabel,
    /// The word names a division of the work and stays in the value.
    keep: bool,
    /// ASCII without a 'k': [`strip_word_no_case`] compares it on bytes,
    /// and [`labelled`] does so without the call.
    plain: bool,
}

/// The label words, longest first, so that "pages" is tried before "page".
fn label_words() -> &'static [LabelWord] {
    static LIST: OnceLock<Vec<LabelWord>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut v: Vec<LabelWord> = include_str!("../../data/locator-labels.tsv")
            .lines()
            .filter(|l| !l.trim_ws().is_empty() && !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let word = cols.next()?.trim_ws();
                let label = LocatorLabel::from_csl(cols.next()?.trim_ws())?;
                let keep = cols.next().is_some_and(|k| k.trim_ws() == "keep");
                let initial = first_lower(word)?;
                Some(LabelWord {
                    word,
                    initial,
                    label,
                    keep,
                    plain: word.bytes().all(|b| b.is_ascii() && b | 0x20 != b'k'),
                })
            })
            .collect();
        v.sort_by_key(|w| {
            (
                first_lower(w.word),
                std::cmp::Reverse(w.word.chars().count()),
            )
        });
        v
    })
}

/// The lowercase of the first char of `s` (its first char when that has
/// no single-char lowercase).
fn first_lower(s: &str) -> Option<char> {
    // An ASCII char lowercases to one ASCII char.
    if let Some(&b) = s.as_bytes().first().filter(|b| b.is_ascii()) {
        return Some(char::from(b.to_ascii_lowercase()));
    }
    let c = s.chars().next()?;
    let mut lower = c.to_lowercase();
    Some(match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    })
}

/// The label words that may open `i`: those whose first char lowercases
/// as the first char of `i` does (every call tries a handful, not all).
fn label_words_for(i: &str) -> &'static [LabelWord] {
    let words = label_words();
    let Some(c) = first_lower(i) else {
        return &[];
    };
    let start = words.partition_point(|w| w.initial < c);
    let end = start + words[start..].partition_point(|w| w.initial == c);
    &words[start..end]
}

/// True if no label word holds a parenthesis or a bracket: then no
/// [`pinpoint`] reads one (the other pieces read digits, letters, white
/// space, periods, commas, colons, '&' and dashes).
fn label_words_bracket_free() -> bool {
    static FREE: OnceLock<bool> = OnceLock::new();
    *FREE.get_or_init(|| {
        label_words()
            .iter()
            .all(|w| !w.word.contains(['(', ')', '[', ']']))
    })
}

/// The first chars (in both cases) that open a label word: the gate of
/// [`may_open_pinpoint`].
fn label_initials() -> &'static [char] {
    static LIST: OnceLock<Vec<char>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut v: Vec<char> = label_words()
            .iter()
            .filter_map(|w| w.word.chars().next())
            .flat_map(|c| c.to_lowercase().chain(c.to_uppercase()))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// A locator value as printed: single spaces, ranges with a plain hyphen.
fn printed_value(s: &str) -> String {
    let squashed = crate::text::squash_spaces(s.trim_end_matches([',', ' ']));
    let mut out = String::with_capacity(squashed.len());
    for c in squashed.chars() {
        match c {
            '–' | '—' | '‒' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('-');
            }
            ' ' if out.ends_with('-') => {}
            c => out.push(c),
        }
    }
    out
}

/// A labelled value: a label word of the given kinds and its numbers.
fn labelled(i: &str, volume: bool) -> IResult<&str, Locator> {
    for w in label_words_for(i) {
        if (w.label == LocatorLabel::Volume) != volume {
            continue;
        }
        // A plain word (ASCII, no 'k') opens `i` exactly when `i`'s first
        // bytes are the word's, ASCII case aside (see
        // [`strip_word_no_case`]).
        let rest = if w.plain {
            match i.as_bytes().get(..w.word.len()) {
                Some(head) if head.eq_ignore_ascii_case(w.word.as_bytes()) => &i[w.word.len()..],
                _ => continue,
            }
        } else {
            match strip_word_no_case(i, w.word) {
                Some(rest) => rest,
                None => continue,
            }
        };
        // A word must end there ("part" is not "parties"), unless it ends
        // in a period or sign ("p.5", "§5").
        if w.word.ends_with(char::is_alphabetic) && rest.starts_with(char::is_alphabetic) {
            continue;
        }
        let rest = if w.keep {
            rest.strip_prefix(',').unwrap_or(rest)
        } else {
            rest
        };
        let rest = rest.trim_start_matches([' ', '\t']);
        let value = if matches!(w.label, LocatorLabel::Section | LocatorLabel::Paragraph) {
            section_list(rest).or_else(|_| range_list(rest))
        } else {
            range_list(rest)
        };
        if let Ok((after, value)) = value {
            let value = if w.keep {
                printed_value(&i[..i.len() - after.len()])
            } else {
                value
            };
            return Ok((
                after,
                Locator {
                    value,
                    label: w.label,
                },
            ));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

/// A parser for `word` compared as nom's `tag_no_case` compares (see
/// [`strip_word_no_case`]), returning the matched text.
pub fn word_no_case<'a>(word: &'static str) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    move |i: &'a str| match strip_word_no_case(i, word) {
        Some(rest) => Ok((rest, &i[..i.len() - rest.len()])),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// The Kelvin sign, which lowercases to an ASCII 'k'.
const KELVIN: char = '\u{212A}';

/// `word` at the start of `i`, compared case-insensitively the way nom's
/// `tag_no_case` compares (char by char, lowercased); the rest of `i`.
/// Locator words are tried at every comma of every citation, so the first
/// chars are compared before anything else, and an ASCII word is compared
/// on bytes without lowercasing. Both give nom's answer: the only non-ASCII
/// char that lowercases to one ASCII char is the Kelvin sign ('k'), and
/// a word with a 'k' goes to nom.
#[inline]
pub fn strip_word_no_case<'a>(i: &'a str, word: &str) -> Option<&'a str> {
    // Most calls end here, on an ASCII first byte of the text that no
    // case of the word's first char gives.
    match (i.as_bytes().first(), word.as_bytes().first()) {
        (Some(x), Some(y)) if x.is_ascii() && y.is_ascii() && !x.eq_ignore_ascii_case(y) => {
            return None
        }
        (Some(x), Some(y)) if x.is_ascii() && !y.is_ascii() && !word.starts_with(KELVIN) => {
            return None
        }
        _ => {}
    }
    let (Some(a), Some(b)) = (i.chars().next(), word.chars().next()) else {
        return if word.is_empty() { Some(i) } else { None };
    };
    if a != b {
        let differ = match (a.is_ascii(), b.is_ascii()) {
            (true, true) => !a.eq_ignore_ascii_case(&b),
            (false, false) => a.to_lowercase().ne(b.to_lowercase()),
            // An ASCII char lowercases to ASCII; a non-ASCII one (other
            // than the Kelvin sign) does not lowercase to one ASCII char.
            _ if a != KELVIN && b != KELVIN => true,
            _ => a.to_lowercase().ne(b.to_lowercase()),
        };
        if differ {
            return None;
        }
    }
    if word.bytes().all(|b| b.is_ascii() && b | 0x20 != b'k') {
        let head = i.as_bytes().get(..word.len())?;
        return head
            .eq_ignore_ascii_case(word.as_bytes())
            .then(|| &i[word.len()..]);
    }
    // nom's `tag_no_case`: every pair of chars lowercases alike (a pair
    // of equal chars, or of ASCII chars equal but for case, without the
    // Unicode tables), and the text is at least as long as the word in
    // bytes; the rest starts after the word's length in bytes.
    let same = i.chars().zip(word.chars()).all(|(a, b)| {
        a == b
            || if a.is_ascii() && b.is_ascii() {
                a.eq_ignore_ascii_case(&b)
            } else {
                a.to_lowercase().eq(b.to_lowercase())
            }
    });
    (same && i.len() >= word.len()).then(|| &i[word.len()..])
}

/// A labelled locator: pages, chapters, folios, notes, sections,
/// paragraphs, columns, books, parts, lines (`data/locator-labels.tsv`).
/// A book or part followed by its division is one locator, as printed
/// ("Book 5, Chapter 17", "pt. 2, chap. 3").
pub fn locator(i: &str) -> IResult<&str, Locator> {
    let (rest, first) = labelled(i, false)?;
    if matches!(first.label, LocatorLabel::Book | LocatorLabel::Part) {
        if let Ok((after, second)) =
            preceded(tuple((space0, char(','), space0)), |r| labelled(r, false))(rest)
        {
            let value = printed_value(&i[..i.len() - after.len()]);
            return Ok((
                after,
                Locator {
                    value,
                    label: second.label,
                },
            ));
        }
    }
    Ok((rest, first))
}

/// `Vol. 2`, `Vol.2`.
pub fn volume(i: &str) -> IResult<&str, String> {
    map(|r| labelled(r, true), |l| l.value)(i)
}

/// A pinpoint: `Vol. 2, pp. 438 - 439`, `Vol. 54, p. 777`, `Chapter 3`,
/// `Vol. 2, Chapter 12`, `7:157-61` (volume:page), bare pages `54-55`, or
/// a volume alone.
pub fn pinpoint(i: &str) -> IResult<&str, Pinpoint> {
    // "passim": throughout the work.
    if let Some(rest) =
        strip_word_no_case(i, "passim").filter(|r| !r.starts_with(char::is_alphanumeric))
    {
        let pin = Pinpoint {
            volume: None,
            locator: Some(Locator {
                value: "passim".to_string(),
                label: LocatorLabel::Page,
            }),
        };
        return Ok((rest, pin));
    }
    // "esp. 171–173": the pages cited, without the word.
    let i = ["esp. ", "especially "]
        .iter()
        .find_map(|w| i.strip_prefix(w))
        .map_or(i, str::trim_start);
    let (rest, mut pin) = plain_pinpoint(i)?;
    // "chap. 3, esp. 45", "563-650, at 624", "20-30 passim": kept with the
    // locator as printed (see [`span_and_pinpoint`]).
    let (rest, qualifier) = opt(alt((
        recognize(tuple((
            opt(char(',')),
            space1,
            alt((tag("esp."), tag("especially"), tag("at"))),
            space1,
            recognize(range_list),
        ))),
        recognize(pair(space1, tag("passim"))),
    )))(rest)?;
    if let (Some(qualifier), Some(locator)) = (qualifier, pin.locator.as_mut()) {
        locator.value.push_str(qualifier);
    }
    Ok((rest, pin))
}

/// A page value as a pinpoint without a volume.
fn page_only(value: String) -> Pinpoint {
    Pinpoint {
        volume: None,
        locator: Some(Locator {
            value,
            label: LocatorLabel::Page,
        }),
    }
}

/// The shapes of a pinpoint that opens with a digit, tried in turn: a
/// volume before a colon, section numbers, bare pages.
fn number_shapes(i: &str) -> IResult<&str, Pinpoint> {
    alt((
        volume_colon_page,
        map(section_list, |value| Pinpoint {
            volume: None,
            locator: Some(Locator {
                value,
                label: LocatorLabel::Section,
            }),
        }),
        map(bare_pages, page_only),
    ))(i)
}

/// A pinpoint without a qualifier (see [`pinpoint`]).
fn plain_pinpoint(i: &str) -> IResult<&str, Pinpoint> {
    // No label word opens with a digit: a number is one of the last two
    // shapes, which are the only ones tried.
    if i.starts_with(|c: char| c.is_ascii_digit()) {
        // A volume before a colon ("7:157") and a section number ("5.10")
        // each need their mark right after the first run of digits (a
        // section number that opens with digits reads them all before its
        // periods): after any other char only bare pages are tried (most
        // numbers: "45", "45–47", "117, 120").
        let digits = i.bytes().take_while(u8::is_ascii_digit).count();
        if !matches!(i.as_bytes().get(digits), Some(b':' | b'.')) {
            return map(bare_pages, page_only)(i);
        }
        return number_shapes(i);
    }
    alt((
        map(
            tuple((
                terminated(volume, tuple((space0, char(','), space0))),
                locator,
            )),
            |(v, l)| Pinpoint {
                volume: Some(v),
                locator: Some(l),
            },
        ),
        map(locator, |l| Pinpoint {
            volume: None,
            locator: Some(l),
        }),
        map(volume, |v| Pinpoint {
            volume: Some(v),
            locator: None,
        }),
        volume_colon_page,
        map(bare_pages, page_only),
    ))(i)
}

/// Pages printed without "p." (Chicago 17th): `71`, `54-55`, `96, 120`.
/// A bare four-digit number that could be a year is not read as a page.
pub fn bare_pages(i: &str) -> IResult<&str, String> {
    let (rest, value) = range_list(i)?;
    let looks_like_year = value
        .split([',', '-'])
        .map(str::trim)
        .any(|v| v.len() == 4 && v.parse::<u32>().is_ok_and(|y| (1500..=2100).contains(&y)));
    if looks_like_year {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, value))
}

/// `7:157-61`: volume 7, pages 157-61.
fn volume_colon_page(i: &str) -> IResult<&str, Pinpoint> {
    let (rest, (v, _, pages)) = tuple((
        take_while1(|c: char| c.is_ascii_digit()),
        char(':'),
        bare_pages,
    ))(i)?;
    Ok((
        rest,
        Pinpoint {
            volume: Some(v.to_string()),
            locator: Some(Locator {
                value: pages,
                label: LocatorLabel::Page,
            }),
        },
    ))
}

/// The value of a page number printed in digits or lowercase Roman numerals.
fn page_value(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let digit = |c| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        _ => None,
    };
    let values: Vec<i64> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (k, v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|next| next > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    u32::try_from(total).ok().filter(|t| *t > 0)
}

/// The first and last page of a range as printed ("235-59" is 235 to
/// 259, "v-xxiv" is 5 to 24).
fn page_bounds(range: &str) -> Option<(u32, u32)> {
    let (a, b) = range.split_once('-')?;
    let first = page_value(a)?;
    let mut last = page_value(b)?;
    // "235-59": the last page prints only its last digits.
    if b.bytes().all(|c| c.is_ascii_digit()) && last < first && b.len() < a.len() {
        let scale = 10u32.pow(b.len() as u32);
        last += first - first % scale;
    }
    (last >= first).then_some((first, last))
}

/// Splits the span of an article or chapter from the pages cited in it,
/// when a note prints both: "563-650, at 624", "84-123, esp. 92",
/// "279-295, 281", "v-xxiv, vii-ix" give the span (for `page`) and the
/// pinpoint. A list whose later pages fall outside the first range
/// ("17-36, 125-250") is a list of pages cited, returned whole.
pub fn span_and_pinpoint(locator: Locator) -> (Option<String>, Locator) {
    if locator.label != LocatorLabel::Page {
        return (None, locator);
    }
    let Some((first, rest)) = locator.value.split_once(", ") else {
        return (None, locator);
    };
    let Some((low, high)) = page_bounds(first) else {
        return (None, locator);
    };
    let marked = ["at ", "esp. ", "especially "]
        .iter()
        .find_map(|w| rest.strip_prefix(w));
    let inside = |part: &str| {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let b = page_bounds(part).map_or(page_value(b), |(_, end)| Some(end));
        page_value(a)
            .zip(b)
            .is_some_and(|(a, b)| low <= a && b <= high)
    };
    let pinpoint = match marked {
        Some(p) => p,
        None if rest.split(", ").all(inside) => rest,
        None => return (None, locator),
    };
    (
        Some(first.to_string()),
        Locator {
            value: pinpoint.to_string(),
            label: locator.label,
        },
    )
}

/// True if `s.to_lowercase() == lower`, without building the lowercase
/// string (every segment is tested for an Ibid., every Russian family
/// name for a genre word). `lower` holds no sigma, the one letter that
/// `str::to_lowercase` maps by context.
pub fn lowercases_to(s: &str, lower: &str) -> bool {
    crate::text::lowercase_chars(s).eq(lower.chars())
}

/// True if a pinpoint may start with `c`: a digit, a lowercase roman
/// numeral, or the first letter (in either case) of a label word. Most
/// chunks of a citation open with another letter and are passed over
/// without trying the label words one by one.
fn may_open_pinpoint(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c, 'i' | 'v' | 'x' | 'l' | 'c' | 'e' | KELVIN)
        || label_initials().binary_search(&c).is_ok()
}

/// The remarks printed after a pinpoint (`data/locator-remarks.txt`),
/// and the bytes (in both ASCII cases) they end with.
struct Remarks {
    list: Vec<&'static str>,
    /// `last[b]`: some remark ends in `b`, ASCII case aside.
    last: [bool; 256],
}

/// The remarks printed after a pinpoint (`data/locator-remarks.txt`).
fn remarks() -> &'static Remarks {
    static LIST: OnceLock<Remarks> = OnceLock::new();
    LIST.get_or_init(|| {
        let list: Vec<&'static str> =
            crate::text::data_lines(include_str!("../../data/locator-remarks.txt")).collect();
        let mut last = [false; 256];
        for b in list.iter().filter_map(|r| r.as_bytes().last()) {
            last[usize::from(b.to_ascii_lowercase())] = true;
            last[usize::from(b.to_ascii_uppercase())] = true;
        }
        Remarks { list, last }
    })
}

/// `s` without a remark that closes it after a comma or in parentheses
/// ("19, 25, respectively", "2:238, emphasis mine", "12 (emphasis
/// added"): what the note says about the pages, not a page. The
/// parenthesis may already be cut off by the caller.
pub fn without_remark(s: &str) -> &str {
    // A remark ends `s` only if their last bytes agree (ASCII case aside):
    // most texts end in a byte no remark ends in (a digit), and most
    // remarks are passed over on that byte.
    let Some(&last) = s.as_bytes().last() else {
        return s;
    };
    let remarks = remarks();
    if !remarks.last[usize::from(last)] {
        return s;
    }
    for remark in &remarks.list {
        if !remark
            .as_bytes()
            .last()
            .is_some_and(|b| b.eq_ignore_ascii_case(&last))
        {
            continue;
        }
        let Some(at) = s.len().checked_sub(remark.len()) else {
            continue;
        };
        let Some(tail) = s.get(at..) else {
            continue;
        };
        if !tail.eq_ignore_ascii_case(remark) {
            continue;
        }
        let head = &s[..at];
        let trimmed = head.trim_end();
        // A remark that opens with "and" ("24–25 and passim") needs no
        // comma before it.
        let joined = (remark.starts_with("and ") && trimmed.len() < head.len()).then_some(trimmed);
        if let Some(before) = trimmed
            .strip_suffix(',')
            .or_else(|| trimmed.strip_suffix('('))
            .or(joined)
        {
            // Only after a number: "..., 12, respectively", not a title
            // ending in the word.
            let before = before.trim_end();
            if before.ends_with(|c: char| c.is_ascii_digit()) {
                return before;
            }
        }
    }
    s
}

/// True if a pinpoint may end `end`, a text without white space or
/// closing punctuation at its end: every pinpoint ends in a number (its
/// last run of ASCII letters and digits holds a digit), a lowercase Roman
/// numeral ("xiv"), "passim", or "ff" ("25 ff"). A citation that ends in
/// another word ("…, Frost Lore") has no trailing pinpoint, and
/// [`trailing_locator`] turns it away before trying its comma chunks.
fn may_end_pinpoint(end: &str) -> bool {
    let b = end.as_bytes();
    let run = b
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let tail = &b[b.len() - run..];
    tail.iter().any(u8::is_ascii_digit)
        || (!tail.is_empty()
            && tail
                .iter()
                .all(|c| matches!(c, b'i' | b'v' | b'x' | b'l' | b'c')))
        || tail.eq_ignore_ascii_case(b"passim")
        || tail == b"ff"
}

/// Finds a pinpoint that ends the citation (after a comma or at the start
/// of the text), followed only by closing punctuation. Returns the byte
/// offset where the pinpoint (and its leading comma) starts.
pub fn trailing_locator(s: &str) -> Option<(usize, Pinpoint)> {
    let end = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ')'));
    let end = without_remark(end);
    if !may_end_pinpoint(end) {
        return None;
    }
    // No pinpoint reads a parenthesis or bracket (no label word holds
    // one): a start at or before the last of them cannot read to the end.
    let floor = if label_words_bracket_free() {
        memchr::memrchr2(b'(', b'[', end.as_bytes()).map_or(0, |p| p + 1)
    } else {
        0
    };
    // Candidate starts: the beginning and every top-level comma, tried in
    // order as the scan finds them (the first that reads to the end wins:
    // no list of them is kept, and the text after it is not scanned).
    END_PINPOINTS.with_borrow_mut(|memo| {
        memo.hold(end);
        let mut read_from = |start: usize| {
            if start < floor {
                return None;
            }
            let candidate = end[start..].trim_start();
            if !candidate.starts_with(may_open_pinpoint) {
                return None;
            }
            // A bare number must follow a comma or colon, not open the text.
            if start == 0 && candidate.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            let dist = end.len() - start;
            if memo.read_nothing.contains(&dist) {
                return None;
            }
            match pinpoint_to_end(candidate) {
                Some(pin) => Some((start.saturating_sub(1), pin)),
                None => {
                    memo.read_nothing.push(dist);
                    None
                }
            }
        };
        if let Some(found) = read_from(0) {
            return Some(found);
        }
        let mut depth = 0i32;
        let mut quoted = false;
        for (i, &b) in end.as_bytes().iter().enumerate() {
            // The curly quotation marks are U+201C and U+201D: E2 80 9C / 9D.
            let curly = |last: u8| b == 0xE2 && end.as_bytes()[i + 1..].starts_with(&[0x80, last]);
            match b {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth -= 1,
                b',' | b':' if depth == 0 && !quoted => {
                    if let Some(found) = read_from(i + 1) {
                        return Some(found);
                    }
                }
                0xE2 if curly(0x9C) => quoted = true,
                0xE2 if curly(0x9D) => quoted = false,
                _ => {}
            }
        }
        None
    })
}

/// The pinpoint that `candidate` (a text from a start of
/// [`trailing_locator`] on, white space before it trimmed) reads to its
/// end, followed only by white space.
fn pinpoint_to_end(candidate: &str) -> Option<Pinpoint> {
    // "…, 45": a page in digits and nothing else, which [`pinpoint`]
    // reads as bare pages (a year-like number is no page), answered
    // without the parsers.
    if candidate.bytes().all(|b| b.is_ascii_digit()) {
        if candidate.len() == 4
            && candidate
                .parse::<u32>()
                .is_ok_and(|y| (1500..=2100).contains(&y))
        {
            return None;
        }
        return Some(Pinpoint {
            volume: None,
            locator: Some(Locator {
                value: candidate.to_string(),
                label: LocatorLabel::Page,
            }),
        });
    }
    match pinpoint(candidate) {
        Ok((rest, pin)) if rest.trim_ws().is_empty() => Some(pin),
        _ => None,
    }
}

/// The starts from which [`trailing_locator`] read no pinpoint to the end
/// in the texts of one segment, by their distance from the end of the text
/// ([`pinpoint_to_end`] of the text after the start is `None`): the
/// discursive retry offers the same segment from later and later starts,
/// and a quoted title's citation looks for its pinpoint in the text after
/// the title, and these texts end alike. (A start that reads a pinpoint
/// ends the search; it is read again when asked again.) Kept for one
/// segment (`chicago::new_segment`), for texts that are suffixes of one
/// another.
#[derive(Default)]
struct EndPinpoints {
    /// The segment the memo belongs to (`chicago::segment_number`).
    segment: u64,
    /// The longest of the texts read (each trimmed as [`trailing_locator`]
    /// trims it).
    text: String,
    read_nothing: Vec<usize>,
}

impl EndPinpoints {
    /// Makes the memo hold what was read of `end`: kept when `end` and the
    /// text read before end alike (one is a suffix of the other) in the
    /// same segment, cleared otherwise.
    fn hold(&mut self, end: &str) {
        let segment = super::chicago::segment_number();
        let (short, long) = if end.len() <= self.text.len() {
            (end.as_bytes(), self.text.as_bytes())
        } else {
            (self.text.as_bytes(), end.as_bytes())
        };
        let alike = self.segment == segment && long.ends_with(short);
        if !alike {
            self.segment = segment;
            self.read_nothing.clear();
        }
        if !alike || end.len() > self.text.len() {
            self.text.clear();
            self.text.push_str(end);
        }
    }
}

thread_local! {
    static END_PINPOINTS: std::cell::RefCell<EndPinpoints> =
        std::cell::RefCell::new(EndPinpoints::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The nom grammars that read page lists before [`range_list`] was read
    /// on bytes (the slow reading it is tested against).
    ///
    /// One page or folio number: digits, roman numerals, with a letter suffix
    /// ("12a", "xiv", "7ob"), a note on the page ("12n4", "14 n. 7") or the
    /// pages that follow ("25ff", "25 ff.").
    fn number_nom(i: &str) -> IResult<&str, &str> {
        alt((
            recognize(tuple((
                take_while1(|c: char| c.is_ascii_digit()),
                opt(note_on_page),
                opt(take_while1(|c: char| c.is_ascii_lowercase() && c != 'p')),
                opt(pair(space1, alt((tag("ff."), tag("ff"), tag("f."))))),
            ))),
            // A Roman numeral is a whole word: "c" of "chap." is not one.
            terminated(
                recognize(take_while1(|c: char| {
                    matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')
                })),
                nom::combinator::not(nom::character::complete::satisfy(char::is_alphabetic)),
            ),
        ))(i)
    }

    /// "n4", " n. 7", "nn3": the note of a page ("12n4" is note 4 on page 12).
    fn note_on_page(i: &str) -> IResult<&str, &str> {
        recognize(tuple((
            space0,
            alt((tag("nn."), tag("n."), tag("nn"), tag("n"))),
            space0,
            take_while1(|c: char| c.is_ascii_digit()),
        )))(i)
    }

    /// `12`, `12-14`, `12 - 14`.
    fn range_nom(i: &str) -> IResult<&str, (&str, Option<&str>)> {
        let (i, a) = number_nom(i)?;
        let (i, b) = opt(preceded(dash, number_nom))(i)?;
        Ok((i, (a, b)))
    }

    /// `117, 114 - 115, 120`, `153 and 163`, `1 and 2`.
    fn range_list_nom(i: &str) -> IResult<&str, String> {
        let (i, first) = range_nom(i)?;
        let (i, rest) = many0(pair(
            alt((
                map(tuple((space0, char(','), space0)), |_| false),
                map(tuple((space1, alt((tag("and"), tag("&"))), space1)), |_| {
                    true
                }),
            )),
            range_nom,
        ))(i)?;
        Ok((i, join_ranges(first, &rest)))
    }

    #[test]
    fn numbers_without_a_colon_or_period_after_their_digits_are_bare_pages() {
        // What `plain_pinpoint` reads from a text that opens with digits,
        // against the three shapes all tried (`number_shapes`).
        let pieces = [
            "1", "23", "1950", ":", ".", ",", " ", "-", "–", "n", "ff", "and", "x", "I", "é",
        ];
        crate::text::every_joining(&pieces, 4, |t| {
            let t = format!("7{t}");
            assert_eq!(
                plain_pinpoint(&t).map_err(|_| ()),
                number_shapes(&t).map_err(|_| ()),
                "{t:?}"
            );
        });
    }

    #[test]
    fn range_lists_read_on_bytes_as_the_nom_grammar_reads_them() {
        // Every text of up to four pieces (and longer ones from a
        // generator): what `range_list` reads and where it stops.
        let pieces = [
            "1", "23", "0", "i", "xiv", "c", "v", "n", "nn", "n.", ".", "p", "a", "z", " ", "\t",
            "  ", "-", "–", "—", "‒", ",", "and", "&", "ff", "f.", "ff.", "é", "X", "ß", "\u{a0}",
        ];
        let check = |t: &str| {
            let fast = range_list(t).map_err(|_| ());
            let slow = range_list_nom(t).map_err(|_| ());
            assert_eq!(fast, slow, "{t:?}");
            let number = number_len(t).map(|n| (&t[n..], &t[..n]));
            assert_eq!(number, number_nom(t).ok(), "{t:?}");
            let range = range_at(t).map(|(n, r)| (&t[n..], r));
            assert_eq!(range, range_nom(t).ok(), "{t:?}");
        };
        crate::text::every_joining(&pieces, 4, |t| {
            check(t);
            check(&format!("12{t}"));
        });
        // Longer texts: pseudo-random runs of pieces, always opening with
        // a number.
        crate::text::generated_texts(&pieces, 200_000, 16, |t| check(&format!("7{t}")));
        for t in [
            "117, 114 - 115, 120",
            "153 and 163",
            "1 and 2",
            "12n4",
            "14 n. 7",
            "25 ff.",
            "vii–ix",
        ] {
            check(t);
            assert!(
                range_list(t).is_ok_and(|(rest, _)| rest.is_empty()),
                "{t:?}"
            );
        }
    }

    /// `trailing_locator` as it read before 2026-12-07: every candidate
    /// start listed first, then tried in order, with nothing kept between
    /// texts (the slow reading).
    fn trailing_locator_listed(s: &str) -> Option<(usize, Pinpoint)> {
        let end =
            s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ')'));
        let end = without_remark(end);
        if !may_end_pinpoint(end) {
            return None;
        }
        let floor = memchr::memrchr2(b'(', b'[', end.as_bytes()).map_or(0, |p| p + 1);
        let floor = if label_words_bracket_free() { floor } else { 0 };
        let mut starts = vec![0usize];
        let mut depth = 0i32;
        let mut quoted = false;
        for (i, &b) in end.as_bytes().iter().enumerate() {
            let curly = |last: u8| b == 0xE2 && end.as_bytes()[i + 1..].starts_with(&[0x80, last]);
            match b {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth -= 1,
                b',' | b':' if depth == 0 && !quoted => starts.push(i + 1),
                0xE2 if curly(0x9C) => quoted = true,
                0xE2 if curly(0x9D) => quoted = false,
                _ => {}
            }
        }
        starts
            .into_iter()
            .filter(|&start| start >= floor)
            .find_map(|start| {
                let candidate = end[start..].trim_start();
                if !candidate.starts_with(may_open_pinpoint)
                    || start == 0 && candidate.starts_with(|c: char| c.is_ascii_digit())
                {
                    return None;
                }
                pinpoint_to_end(candidate).map(|pin| (start.saturating_sub(1), pin))
            })
    }

    /// The starts tried as the scan finds them give what listing them
    /// first gives: every suffix of the sample texts and of texts with
    /// quoted commas, colons, groups and pinpoints, each in a segment of
    /// its own and all in one segment.
    #[test]
    fn starts_tried_as_found_read_as_starts_listed() {
        let mut texts = super::super::tests::sample_texts();
        texts.extend(
            [
                "Ann Hill, “Ice, Snow: Thaw,” Lake Review 4 (1990): 12–14, at 13.",
                "Hill, Frost, 2:17, 45",
                "“a, b”, 5",
                "Roe (Oslo: Elm, 1984), 12, 14",
                "Lee, [Tales, 5], 7",
                "12, 13",
            ]
            .map(String::from),
        );
        for text in &texts {
            let cuts: Vec<usize> = (0..text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            super::super::chicago::new_segment();
            for &i in &cuts {
                let slow = trailing_locator_listed(&text[i..]);
                assert_eq!(trailing_locator(&text[i..]), slow, "{i} {text}");
            }
        }
    }

    #[test]
    fn pinpoints_kept_for_a_segment_are_those_read_afresh() {
        // Every suffix of a text, read in both orders in one segment,
        // finds what it finds in a segment of its own.
        let texts = [
            "see Ann Hill, Frost Lore, 45",
            "Ann Hill, “Ice, Snow,” Lake Review 4 (1990): 12–14, at 13.",
            "as Bo Lund wrote, Winter, 2:17, emphasis mine",
            "Ann Hill, Frost, 1950, pp. 117, 114 - 115, 120",
            "Hill (Dover: Elm, 1984), chap. 3, esp. 45",
            "Moss, Ice, 1985.",
            "Lee, Tales (1990), passim",
        ];
        for text in texts {
            let cuts: Vec<usize> = (0..text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let afresh: Vec<_> = cuts
                .iter()
                .map(|&i| {
                    super::super::chicago::new_segment();
                    trailing_locator(&text[i..])
                })
                .collect();
            super::super::chicago::new_segment();
            let kept: Vec<_> = cuts.iter().map(|&i| trailing_locator(&text[i..])).collect();
            assert_eq!(kept, afresh, "{text}");
            super::super::chicago::new_segment();
            let kept_back: Vec<_> = cuts
                .iter()
                .rev()
                .map(|&i| trailing_locator(&text[i..]))
                .collect();
            let afresh_back: Vec<_> = afresh.into_iter().rev().collect();
            assert_eq!(kept_back, afresh_back, "{text}");
        }
    }

    #[test]
    fn words_compare_as_nom_tag_no_case_compares() {
        let texts = [
            "",
            "p",
            "P. 5",
            "pp. 5",
            "Pages",
            "\u{212A}apitel 3",
            "kapitel",
            "KAPITEL",
            "Указ. соч.",
            "указ. соч.",
            "УКАЗ. СОЧ. С. 5",
            "см. также",
            "января 1950",
            "ЯНВАРЯ",
            "İstanbul",
            "i̇stanbul",
            "Σελ. 4",
            "σελ.",
            "Über",
            "über",
            "ü",
        ];
        let words = [
            "p.",
            "pp.",
            "pages",
            "kapitel",
            "\u{212A}apitel",
            "Указ. соч.",
            "см. также",
            "января",
            "istanbul",
            "σελ.",
            "über",
            "",
        ];
        for t in texts {
            for w in words {
                let nom = nom::bytes::complete::tag_no_case::<_, _, nom::error::Error<&str>>(w)(t)
                    .ok()
                    .map(|(rest, _)| rest);
                assert_eq!(strip_word_no_case(t, w), nom, "{t:?} {w:?}");
            }
        }
    }

    fn loc(s: &str) -> (String, LocatorLabel) {
        let (_, pin) = trailing_locator(s).unwrap();
        let l = pin.locator.unwrap();
        (l.value, l.label)
    }

    #[test]
    fn notes_on_pages_following_pages_and_qualifiers() {
        use LocatorLabel::{Chapter, Page};
        let cases = [
            ("Foot, The Wrong War, 12n4.", "12n4", Page),
            ("Foot, Wrong War, 14 n. 7.", "14 n. 7", Page),
            ("Foot, Wrong War, 45nn3-4.", "45nn3-4", Page),
            ("Foot, Wrong War, 25 ff.", "25 ff", Page),
            ("Foot, Wrong War, chap. 3, esp. 45.", "3, esp. 45", Chapter),
            ("Foot, Wrong War, 20-30 passim.", "20-30 passim", Page),
            ("Westad, Global Cold War, passim.", "passim", Page),
        ];
        for (text, value, label) in cases {
            assert_eq!(loc(text), (value.to_string(), label), "{text}");
        }
        // A year is still not a page, and "passim" must be a word.
        assert!(trailing_locator("Foot, Wrong War, 1985.").is_none());
        assert!(trailing_locator("Foot, Wrong War, passimo.").is_none());
    }

    #[test]
    fn pinpoints_end_as_the_gate_expects() {
        // `trailing_locator` reads only texts that `may_end_pinpoint`
        // lets through: each shape of pinpoint's end is still read.
        for text in [
            "Hill, Frost Lore, 12.",
            "Hill, Frost Lore, 12a",
            "Hill, Frost Lore, 12n4",
            "Hill, Frost Lore, xiv.",
            "Hill, Frost Lore, pp. v-xxiv",
            "Hill, Frost Lore, passim.",
            "Hill, Frost Lore, PASSIM",
            "Hill, Frost Lore, 20-30 passim",
            "Hill, Frost Lore, 25 ff.",
            "Hill, Frost Lore, 563-650, at 624",
            "Hill, Frost Lore, 2:238, emphasis mine",
            "Hill, Frost Lore, 5.10",
            "Hill, Frost Lore, vol. 2",
        ] {
            let end = text.trim_end_matches(['.', ' ']);
            assert!(may_end_pinpoint(without_remark(end)), "{text}");
            assert!(trailing_locator(text).is_some(), "{text}");
        }
        for text in [
            "Hill, Frost Lore",
            "Hill, Frost Lore, chap. Ice",
            "Hill, 12 Frosts",
        ] {
            assert!(trailing_locator(text).is_none(), "{text}");
        }
    }

    #[test]
    fn no_pinpoint_reads_a_parenthesis() {
        // `trailing_locator` tries no start at or before the last
        // parenthesis or bracket: from none of them does `pinpoint` read
        // the text to its end.
        assert!(label_words_bracket_free());
        for text in [
            "Frost Review, Vol. 10, No. 3 (Fall 2000), p. 209",
            "vol. 2 (1990), pp. 5-7",
            "pp. 5 (n. 4), 7",
            "12 [13], 14",
            "chap. 3 (esp. 45)",
            "5 (6)",
        ] {
            let last = text.rfind(['(', '[']).unwrap();
            for start in (0..=last).filter(|&p| text.is_char_boundary(p)) {
                let read = pinpoint(text[start..].trim_start())
                    .is_ok_and(|(rest, _)| rest.trim().is_empty());
                assert!(!read, "{text}: {start}");
            }
        }
        assert_eq!(
            loc("Frost Review, Vol. 10, No. 3 (Fall 2000), p. 209"),
            ("209".to_string(), LocatorLabel::Page)
        );
    }

    #[test]
    fn remarks_are_cut_whatever_their_case() {
        // `without_remark` passes over a text whose last byte no remark
        // ends in; each remark is still cut, in either case, after a
        // comma, in a parenthesis, or after "and".
        for (text, kept) in [
            ("12, emphasis mine", "12"),
            ("12, EMPHASIS MINE", "12"),
            ("2:238, Translation Modified", "2:238"),
            ("12 (emphasis added", "12"),
            ("24–25 and passim", "24–25"),
            ("19, 25, respectively", "19, 25"),
            ("Frost, Modified", "Frost, Modified"),
            ("12, 13", "12, 13"),
            ("12, emphasis mine!", "12, emphasis mine!"),
            ("", ""),
        ] {
            assert_eq!(without_remark(text), kept, "{text}");
        }
    }

    #[test]
    fn bare_pages_in_digits_read_as_pinpoint_reads_them() {
        // `trailing_locator` answers a chunk of digits itself: the same
        // pinpoint as `pinpoint`, and a year-like number is still no page.
        for digits in ["5", "45", "0999", "1499", "1500", "2100", "2101", "12345"] {
            let text = format!("Hill, Frost Lore, {digits}.");
            let expected = pinpoint(digits)
                .ok()
                .filter(|(rest, _)| rest.is_empty())
                .map(|(_, p)| p);
            assert_eq!(
                trailing_locator(&text).map(|(_, p)| p),
                expected,
                "{digits}"
            );
        }
        assert_eq!(trailing_locator("Hill, Frost Lore, 45").unwrap().0, 16);
    }

    #[test]
    fn pages_and_chapters() {
        assert_eq!(
            loc("Goncharov et al., Uncertain Partners, pp. 151-152."),
            ("151-152".into(), LocatorLabel::Page)
        );
        assert_eq!(
            loc("X, Korea, pp. 130 -151."),
            ("130-151".into(), LocatorLabel::Page)
        );
        assert_eq!(
            loc("X, T, pp. 117, 114 - 115, 120."),
            ("117, 114-115, 120".into(), LocatorLabel::Page)
        );
        assert_eq!(
            loc("X, T, pp. 153 and 163."),
            ("153, 163".into(), LocatorLabel::Page)
        );
        assert_eq!(
            loc("Mastny, T, Chapters 1 and 2"),
            ("1-2".into(), LocatorLabel::Chapter)
        );
        assert_eq!(loc("X, T, pp.55-66."), ("55-66".into(), LocatorLabel::Page));
    }

    #[test]
    fn volume_and_page() {
        let (cut, pin) =
            trailing_locator("Selected Works (Beijing: P, 1962), Vol.2, pp. 438 - 439.").unwrap();
        assert_eq!(pin.volume.as_deref(), Some("2"));
        assert_eq!(pin.locator.unwrap().value, "438-439");
        assert_eq!(
            &"Selected Works (Beijing: P, 1962), Vol.2, pp. 438 - 439."[..cut],
            "Selected Works (Beijing: P, 1962)"
        );
    }

    #[test]
    fn every_label_word_passes_the_gate() {
        assert!(label_words().len() > 40, "the table is read");
        for word in label_words().iter().map(|w| w.word) {
            for c in word.chars().take(1) {
                assert!(may_open_pinpoint(c), "{word}");
                for u in c.to_uppercase().chain(c.to_lowercase()) {
                    assert!(may_open_pinpoint(u), "{word}");
                }
            }
        }
        for c in ['i', 'v', 'x', 'l', 'c', '7'] {
            assert!(may_open_pinpoint(c));
        }
    }

    #[test]
    fn lists_sections_divisions_and_emphasis() {
        use LocatorLabel::{Chapter, Column, Page, Paragraph, Section};
        let cases = [
            // A list printed with commas stays a list; "and" joins neighbours.
            ("Roe, Long Title, 31, 32.", "31, 32", Page),
            ("Roe, Long Title, pp. 7 and 8.", "7-8", Page),
            // Section numbers of classical and legal texts.
            ("Roe, Long Title, 4.12.", "4.12", Section),
            ("Roe, Long Title, 2.5.3.1–2.", "2.5.3.1-2", Section),
            ("Roe, Long Title, 1.2.3, 1.2.7.", "1.2.3, 1.2.7", Section),
            ("Roe, Long Title, sec. II.4.", "II.4", Section),
            ("Roe, Long Title, § 12.", "12", Section),
            // Divisions of a work named as printed.
            ("Roe, Long Title, Preface, 3–4.", "Preface, 3-4", Page),
            (
                "Roe, Long Title, Prolegomena, 7.",
                "Prolegomena, 7",
                Paragraph,
            ),
            (
                "Roe, Long Title, Book 2, Chapter 9.",
                "Book 2, Chapter 9",
                Chapter,
            ),
            (
                "Roe, Long Title, bk. 2, chap. 9.",
                "bk. 2, chap. 9",
                Chapter,
            ),
            ("Roe, Long Title, para. 14.", "14", Paragraph),
            ("Roe, Long Title, col. 88.", "88", Column),
            // "esp." before the pages is not part of them.
            ("Roe, Long Title, esp. 12–14.", "12-14", Page),
        ];
        for (text, value, label) in cases {
            assert_eq!(loc(text), (value.to_string(), label), "{text}");
        }
        // A date is not a section number, nor a word that opens with a label.
        assert!(trailing_locator("Roe, Long Title, 12.05.1950.").is_none());
        assert!(trailing_locator("Roe, Long Title, parties 5.").is_none());
    }

    #[test]
    fn span_of_a_work_and_the_page_cited() {
        let split = |v: &str| {
            let (span, l) = span_and_pinpoint(Locator {
                value: v.to_string(),
                label: LocatorLabel::Page,
            });
            (span, l.value)
        };
        let some = |a: &str, b: &str| (Some(a.to_string()), b.to_string());
        assert_eq!(split("410-460, at 433"), some("410-460", "433"));
        assert_eq!(split("12-40, esp. 20"), some("12-40", "20"));
        assert_eq!(split("301-325, 310-311"), some("301-325", "310-311"));
        assert_eq!(split("301-25, 310"), some("301-25", "310"));
        assert_eq!(split("iii-xx, vi-ix"), some("iii-xx", "vi-ix"));
        assert_eq!(
            split("12-20, 140-150"),
            (None, "12-20, 140-150".to_string())
        );
        assert_eq!(split("12, 14"), (None, "12, 14".to_string()));
        assert_eq!(split("12-20"), (None, "12-20".to_string()));
    }

    #[test]
    fn chicago_17_bare_pages() {
        assert_eq!(
            loc("Gaddis, We Now Know, 71–72."),
            ("71-72".into(), LocatorLabel::Page)
        );
        assert_eq!(
            loc("Journal 3, no. 1 (Spring 1994): 27-28"),
            ("27-28".into(), LocatorLabel::Page)
        );
        let (_, pin) = trailing_locator("FRUS, 1950, 7:157-61.").unwrap();
        assert_eq!(pin.volume.as_deref(), Some("7"));
        assert!(trailing_locator("Pei, Waijiao shi, 1949-1956").is_none());
    }
}
