//! Pinpoint locators: `p. 61`, `pp. 6 - 7`, `pp. 117, 114 - 115, 120`,
//! `Chapters 1 and 2`, `Vol. 2, pp. 438 - 439`, `n. 5`, a note on a page
//! (`12n4`, `14 n. 7`), following pages (`25ff`, `25 ff.`), `passim`, and a
//! qualifier kept with the locator (`chap. 3, esp. 45`).
//!
//! [`trailing_locator`] finds the locator at the end of a citation, which is
//! where Chicago notes print it, and returns where it starts so the caller
//! can read the rest of the citation without it.

use crate::model::{Locator, LocatorLabel};
use nom::{
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while1},
    character::complete::{char, space0, space1},
    combinator::{map, opt, recognize},
    multi::many0,
    sequence::{pair, preceded, terminated, tuple},
    IResult,
};

/// A locator with the volume printed before it, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pinpoint {
    pub volume: Option<String>,
    pub locator: Option<Locator>,
}

/// One page or folio number: digits, roman numerals, with a letter suffix
/// ("12a", "xiv", "7ob"), a note on the page ("12n4", "14 n. 7") or the
/// pages that follow ("25ff", "25 ff.").
fn number(i: &str) -> IResult<&str, &str> {
    alt((
        recognize(tuple((
            take_while1(|c: char| c.is_ascii_digit()),
            opt(note_on_page),
            opt(take_while1(|c: char| c.is_ascii_lowercase() && c != 'p')),
            opt(pair(space1, alt((tag("ff."), tag("ff"), tag("f."))))),
        ))),
        recognize(take_while1(|c: char| {
            matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')
        })),
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

/// `12`, `12-14`, `12 - 14`.
fn range(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    let (i, a) = number(i)?;
    let (i, b) = opt(preceded(dash, number))(i)?;
    Ok((i, (a, b)))
}

/// `117, 114 - 115, 120`, `153 and 163`, `1 and 2`.
fn range_list(i: &str) -> IResult<&str, String> {
    let (i, first) = range(i)?;
    let (i, rest) = many0(preceded(
        alt((
            recognize(tuple((space0, char(','), space0))),
            recognize(tuple((space1, alt((tag("and"), tag("&"))), space1))),
        )),
        range,
    ))(i)?;
    let mut parts = vec![first];
    parts.extend(rest);
    Ok((i, join_ranges(&parts)))
}

/// Joins ranges for a locator value: "1 and 2" becomes "1-2" (consecutive
/// numbers), "153 and 163" becomes "153, 163".
fn join_ranges(parts: &[(&str, Option<&str>)]) -> String {
    if let [(a, None), (b, None)] = parts {
        if let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) {
            if b == a + 1 {
                return format!("{a}-{b}");
            }
        }
    }
    let mut out = String::new();
    for (k, (a, b)) in parts.iter().enumerate() {
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

fn labelled<'a>(
    words: &'static [&'static str],
    label: LocatorLabel,
) -> impl FnMut(&'a str) -> IResult<&'a str, Locator> {
    move |i: &'a str| {
        for w in words {
            if let Some(rest) = strip_word_no_case(i, w) {
                let rest = rest.trim_start_matches([' ', '\t']);
                if let Ok((rest, value)) = range_list(rest) {
                    return Ok((rest, Locator { value, label }));
                }
            }
        }
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )))
    }
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
    tag_no_case::<_, _, nom::error::Error<&str>>(word)(i)
        .ok()
        .map(|(rest, _)| rest)
}

const PAGE_WORDS: &[&str] = &["pp.", "p.", "pages", "page", "S.", "С.", "с."];
const CHAPTER_WORDS: &[&str] = &["chapters", "chapter", "chaps.", "chap.", "chs.", "ch."];
const FOLIO_WORDS: &[&str] = &[
    "ll.", "l.", "fols.", "fol.", "ff.", "folios", "folio", "лл.", "л.",
];
const NOTE_WORDS: &[&str] = &["nn.", "n."];
const SECTION_WORDS: &[&str] = &["sections", "section", "sec.", "§"];
const VOLUME_WORDS: &[&str] = &["vols.", "vol.", "volume", "т.", "Т."];

/// A labelled locator: pages, chapters, folios, notes, sections.
pub fn locator(i: &str) -> IResult<&str, Locator> {
    alt((
        labelled(PAGE_WORDS, LocatorLabel::Page),
        labelled(CHAPTER_WORDS, LocatorLabel::Chapter),
        labelled(NOTE_WORDS, LocatorLabel::Note),
        labelled(SECTION_WORDS, LocatorLabel::Section),
        labelled(FOLIO_WORDS, LocatorLabel::Folio),
    ))(i)
}

/// `Vol. 2`, `Vol.2`.
pub fn volume(i: &str) -> IResult<&str, String> {
    map(labelled(VOLUME_WORDS, LocatorLabel::Volume), |l| l.value)(i)
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
    let (rest, mut pin) = plain_pinpoint(i)?;
    // "chap. 3, esp. 45", "20-30 passim": kept with the locator as printed.
    let (rest, qualifier) = opt(alt((
        recognize(tuple((
            opt(char(',')),
            space1,
            alt((tag("esp."), tag("especially"))),
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

/// A pinpoint without a qualifier (see [`pinpoint`]).
fn plain_pinpoint(i: &str) -> IResult<&str, Pinpoint> {
    let page_only = |value| Pinpoint {
        volume: None,
        locator: Some(Locator {
            value,
            label: LocatorLabel::Page,
        }),
    };
    // No label word opens with a digit: a number is one of the last two
    // shapes, which are the only ones tried.
    if i.starts_with(|c: char| c.is_ascii_digit()) {
        return alt((volume_colon_page, map(bare_pages, page_only)))(i);
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

/// True if `s.to_lowercase() == lower`, without building the lowercase
/// string (every segment is tested for an Ibid., every Russian family
/// name for a genre word). `lower` holds no sigma, the one letter that
/// `str::to_lowercase` maps by context.
pub fn lowercases_to(s: &str, lower: &str) -> bool {
    let mut expected = lower.chars();
    for c in s.chars() {
        if c.is_ascii() {
            if expected.next() != Some(c.to_ascii_lowercase()) {
                return false;
            }
        } else if !c.to_lowercase().all(|l| expected.next() == Some(l)) {
            return false;
        }
    }
    expected.next().is_none()
}

/// True if a pinpoint may start with `c`: a digit, a lowercase roman
/// numeral, or the first letter (in either case) of a label word. Most
/// chunks of a citation open with another letter and are passed over
/// without trying the label words one by one.
fn may_open_pinpoint(c: char) -> bool {
    match c {
        '0'..='9' | '§' | 'С' | 'с' | 'Л' | 'л' | 'Т' | 'т' => true,
        _ if c.is_ascii_alphabetic() => matches!(
            c.to_ascii_lowercase(),
            'p' | 's' | 'c' | 'l' | 'f' | 'n' | 'v' | 'i' | 'x'
        ),
        _ => c == KELVIN,
    }
}

/// Finds a pinpoint that ends the citation (after a comma or at the start
/// of the text), followed only by closing punctuation. Returns the byte
/// offset where the pinpoint (and its leading comma) starts.
pub fn trailing_locator(s: &str) -> Option<(usize, Pinpoint)> {
    let end = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ')'));
    // Candidate starts: the beginning and every top-level comma.
    let mut starts = vec![0usize];
    let mut depth = 0i32;
    let mut quoted = false;
    for (i, &b) in end.as_bytes().iter().enumerate() {
        // The curly quotation marks are U+201C and U+201D: E2 80 9C / 9D.
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
    for &start in &starts {
        let candidate = end[start..].trim_start();
        if !candidate.starts_with(may_open_pinpoint) {
            continue;
        }
        // A bare number must follow a comma or colon, not open the text.
        if start == 0 && candidate.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if let Ok((rest, pin)) = pinpoint(candidate) {
            if rest.trim().is_empty() {
                let cut = if start == 0 { 0 } else { start - 1 };
                return Some((cut, pin));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let lists = [
            PAGE_WORDS,
            CHAPTER_WORDS,
            FOLIO_WORDS,
            NOTE_WORDS,
            SECTION_WORDS,
            VOLUME_WORDS,
        ];
        for word in lists.iter().flat_map(|l| l.iter()) {
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
