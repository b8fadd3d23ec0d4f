//! Dates as notes print them, into CSL date-parts.
//!
//! `3 September 1949`, `September 3, 1949`, `Sept. 1945`, `1994`,
//! `Spring 1994`, `Spring and Fall 1994`, `Winter 1995/1996`; and the
//! shapes of archival documents: `3.IX.1949`, `03.09.1949`,
//! `3 сентября 1949 г.`, and lists sharing a year ("26 October and 20
//! November 1949").
//! Every parser here is a nom parser over `&str` that consumes only the
//! date, so callers can use them inside larger grammars.

use crate::model::Date;
use crate::parse::locator::strip_word_no_case;
use nom::{
    branch::alt,
    bytes::complete::{tag, take_while_m_n},
    character::complete::{char, space0, space1},
    combinator::{map, map_res, opt, recognize, verify},
    sequence::{pair, preceded, terminated, tuple},
    IResult,
};

/// English month names and their usual abbreviations, longest first so
/// that "June" is not read as "Jun" + "e".
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("sept", 9),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const SEASONS: &[&str] = &["spring", "summer", "fall", "autumn", "winter"];

/// A month name or abbreviation (with optional period), as its number.
pub fn month(i: &str) -> IResult<&str, u32> {
    month_from(MONTHS, &MONTH_PAIRS, i)
}

/// A four-digit year between 1000 and 2999.
pub fn year(i: &str) -> IResult<&str, i32> {
    let (rest, y) = map_res(
        verify(
            take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
            |s: &str| s.starts_with('1') || s.starts_with('2'),
        ),
        str::parse::<i32>,
    )(i)?;
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, y))
}

/// The second year of a range, in full or as its last two digits
/// ("1984–85" is 1984 to 1985).
fn second_year(i: &str, first: i32) -> IResult<&str, i32> {
    if let Ok(r) = year(i) {
        return Ok(r);
    }
    let (rest, yy) = map_res(
        take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
        str::parse::<i32>,
    )(i)?;
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    let full = first - first % 100 + yy;
    let full = if full < first { full + 100 } else { full };
    Ok((rest, full))
}

/// A day of the month, 1 to 31.
pub fn day(i: &str) -> IResult<&str, u32> {
    let (rest, d) = map_res(
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        str::parse::<u32>,
    )(i)?;
    if !(1..=31).contains(&d) || rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, d))
}

/// A season name, capitalized as CSL wants it ("Spring").
fn season_word(i: &str) -> IResult<&str, String> {
    for s in SEASONS {
        if let Some(rest) = strip_word_no_case(i, s) {
            let matched = &i[..i.len() - rest.len()];
            if rest.chars().next().is_some_and(|c| c.is_alphabetic()) {
                continue;
            }
            let mut out = String::with_capacity(matched.len());
            let mut chars = matched.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.extend(chars.flat_map(|c| c.to_lowercase()));
            }
            return Ok((rest, out));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

/// `Spring 1994`, `Spring and Fall 1994`, `Winter 1995/1996`.
fn seasonal(i: &str) -> IResult<&str, Date> {
    let (i, first) = season_word(i)?;
    let (i, second) = opt(preceded(
        tuple((
            space1,
            alt((tag("and"), tag("&"), tag("-"), tag("/"))),
            space1,
        )),
        season_word,
    ))(i)?;
    let (i, _) = space1(i)?;
    let (i, y1) = year(i)?;
    let (i, y2) = opt(preceded(alt((char('/'), char('-'), char('–'))), |j| {
        second_year(j, y1)
    }))(i)?;
    let season = match second {
        Some(s) => format!("{first} and {s}"),
        None => first,
    };
    let mut date_parts = vec![vec![y1]];
    if let Some(y2) = y2 {
        date_parts.push(vec![y2]);
    }
    Ok((
        i,
        Date {
            date_parts,
            season: Some(season),
            ..Date::default()
        },
    ))
}

/// `3 September 1949`, `3 Sept. 1949`.
fn day_month_year(i: &str) -> IResult<&str, Date> {
    map(
        tuple((terminated(day, space1), terminated(month, space1), year)),
        |(d, m, y)| Date::ymd(y, Some(m), Some(d)),
    )(i)
}

/// `September 3, 1949`, `Sept. 3 1949`.
fn month_day_year(i: &str) -> IResult<&str, Date> {
    map(
        tuple((
            terminated(month, space1),
            terminated(day, pair(opt(char(',')), space1)),
            year,
        )),
        |(m, d, y)| Date::ymd(y, Some(m), Some(d)),
    )(i)
}

/// `September 1945`, `Sept. 1945`, `September, 1945`.
fn month_year(i: &str) -> IResult<&str, Date> {
    map(
        tuple((terminated(month, pair(opt(char(',')), space1)), year)),
        |(m, y)| Date::ymd(y, Some(m), None),
    )(i)
}

/// A bare year, or a year range `1995/1996`, `1995-96` is not read as a
/// range (it is a page range more often than not).
fn year_only(i: &str) -> IResult<&str, Date> {
    let (i, y1) = year(i)?;
    let (i, y2) = opt(preceded(char('/'), year))(i)?;
    let mut date_parts = vec![vec![y1]];
    if let Some(y2) = y2 {
        date_parts.push(vec![y2]);
    }
    Ok((
        i,
        Date {
            date_parts,
            ..Date::default()
        },
    ))
}

/// Russian month names (genitive, nominative) and abbreviations, longest
/// first.
const RUSSIAN_MONTHS: &[(&str, u32)] = &[
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
    ("сент", 9),
    ("янв", 1),
    ("февр", 2),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("нояб", 11),
    ("ноя", 11),
    ("дек", 12),
];

/// Roman numerals of the months, longest first.
const ROMAN_MONTHS: &[(&str, u32)] = &[
    ("VIII", 8),
    ("XII", 12),
    ("VII", 7),
    ("III", 3),
    ("XI", 11),
    ("IX", 9),
    ("IV", 4),
    ("VI", 6),
    ("II", 2),
    ("X", 10),
    ("V", 5),
    ("I", 1),
];

/// Looks the start of `i` up in a month table; the name must end on a
/// word boundary ("Mayor" is not May), and an abbreviation may take a
/// period.
///
/// `pairs` is [`ascii_pairs`] of the table: a text that opens with two
/// ASCII letters is compared with the names only when some name opens
/// with the same two (case aside; an ASCII letter is equal to no other
/// character case-insensitively), which most words do not.
fn month_from<'a>(
    table: &[(&str, u32)],
    pairs: &Option<[u64; 11]>,
    i: &'a str,
) -> IResult<&'a str, u32> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag));
    // When every name opens with ASCII letters, a text that opens with a
    // character that is not ASCII matches none unless it lowercases to an
    // ASCII letter: only the Kelvin sign and the capital I with a dot do.
    if pairs.is_some()
        && i.as_bytes().first().is_some_and(|b| !b.is_ascii())
        && !i.starts_with(LOWERCASE_TO_ASCII)
    {
        return Err(fail());
    }
    if let (Some(pairs), &[a, b, ..]) = (pairs, i.as_bytes()) {
        if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
            let pair = ascii_pair_index(a, b);
            if !crate::text::has_bit(pairs, pair) {
                return Err(fail());
            }
        }
    }
    // Most word starts are no month: compare first letters before whole
    // names (a case-insensitive match needs equal first lowercase chars).
    let first_lower = |s: &str| s.chars().next().and_then(|c| c.to_lowercase().next());
    let first = first_lower(i)
        .filter(|c| c.is_alphabetic())
        .ok_or_else(fail)?;
    for (name, number) in table {
        // ASCII letters lowercase to ASCII letters, so an ASCII first
        // letter is compared without the Unicode tables.
        let same_first = match name.as_bytes().first() {
            Some(b) if b.is_ascii() => first.is_ascii() && b.to_ascii_lowercase() == first as u8,
            // The tables' names open with a letter: its lowercase form
            // without the Unicode tables for a Russian one.
            _ => name.chars().next().and_then(lowercase_letter) == Some(first),
        };
        if !same_first {
            continue;
        }
        if let Some(rest) = strip_word_no_case(i, name) {
            if rest.chars().next().is_some_and(|c| c.is_alphabetic()) {
                continue;
            }
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            return Ok((rest, *number));
        }
    }
    Err(fail())
}

/// The index of two ASCII letters, lowercased, among the 26 * 26 pairs.
const fn ascii_pair_index(a: u8, b: u8) -> usize {
    (a.to_ascii_lowercase() - b'a') as usize * 26 + (b.to_ascii_lowercase() - b'a') as usize
}

/// The first two letters of the names of a month table, as bits indexed
/// by [`ascii_pair_index`], when every name opens with two ASCII letters
/// (`None` otherwise: [`month_from`] then compares every name).
const fn ascii_pairs(table: &[(&str, u32)]) -> Option<[u64; 11]> {
    let mut bits = [0u64; 11];
    let mut k = 0;
    while k < table.len() {
        let name = table[k].0.as_bytes();
        if name.len() < 2 || !name[0].is_ascii_alphabetic() || !name[1].is_ascii_alphabetic() {
            return None;
        }
        let pair = ascii_pair_index(name[0], name[1]);
        crate::text::set_bit(&mut bits, pair);
        k += 1;
    }
    Some(bits)
}

/// [`ascii_pairs`] of the month tables.
const MONTH_PAIRS: Option<[u64; 11]> = ascii_pairs(MONTHS);
const RUSSIAN_MONTH_PAIRS: Option<[u64; 11]> = ascii_pairs(RUSSIAN_MONTHS);
const ROMAN_MONTH_PAIRS: Option<[u64; 11]> = ascii_pairs(ROMAN_MONTHS);

/// The characters that are not ASCII and lowercase to (a text that opens
/// with) an ASCII letter.
const LOWERCASE_TO_ASCII: [char; 2] = ['\u{212A}', '\u{130}'];

/// A Russian month name or abbreviation.
pub fn russian_month(i: &str) -> IResult<&str, u32> {
    // Every name opens with a Russian letter, and only a Russian letter
    // lowercases to one: both its cases are two bytes led by 0xD0 or 0xD1.
    if !i
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, 0xd0 | 0xd1))
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    month_from(RUSSIAN_MONTHS, &RUSSIAN_MONTH_PAIRS, i)
}

/// The Russian year word after a date: " г.", "г.", " года".
fn russian_year_word(i: &str) -> IResult<&str, &str> {
    recognize(pair(
        space0,
        alt((tag("года"), tag("гг."), tag("г."), tag("г"))),
    ))(i)
}

/// `3 сентября 1949 г.`, `сентябрь 1949 г.`, `1949 г.`.
fn russian_date(i: &str) -> IResult<&str, Date> {
    let day_month_year = map(
        tuple((
            terminated(day, space1),
            terminated(russian_month, space1),
            year,
        )),
        |(d, m, y)| Date::ymd(y, Some(m), Some(d)),
    );
    let month_year = map(
        tuple((terminated(russian_month, space1), year)),
        |(m, y)| Date::ymd(y, Some(m), None),
    );
    let (rest, d) = alt((day_month_year, month_year))(i)?;
    let (rest, _) = opt(russian_year_word)(rest)?;
    Ok((rest, d))
}

/// A bare year with the Russian year word: `1949 г.`.
fn russian_year(i: &str) -> IResult<&str, Date> {
    map(terminated(year, russian_year_word), |y| {
        Date::ymd(y, None, None)
    })(i)
}

/// `3.IX.1949`, `3. IX. 1949`, `3 IX 1949`.
fn roman_month_date(i: &str) -> IResult<&str, Date> {
    let sep = |i| alt((recognize(pair(char('.'), space0)), space1))(i);
    map(
        tuple((
            terminated(day, sep),
            terminated(|i| month_from(ROMAN_MONTHS, &ROMAN_MONTH_PAIRS, i), space0),
            terminated(year, opt(russian_year_word)),
        )),
        |(d, m, y)| Date::ymd(y, Some(m), Some(d)),
    )(i)
}

/// `03.09.1949`, `3.9.1949` (day first, as in Russian and European use).
fn numeric_date(i: &str) -> IResult<&str, Date> {
    let month_number = verify(
        map_res(
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            str::parse::<u32>,
        ),
        |m| (1..=12).contains(m),
    );
    let (rest, (d, _, m, _, y)) = tuple((day, char('.'), month_number, char('.'), year))(i)?;
    let (rest, _) = opt(russian_year_word)(rest)?;
    Ok((rest, Date::ymd(y, Some(m), Some(d))))
}

/// A date of an archival document: the English shapes of [`date`] and
/// the Russian, Roman-numeral and numeric ones.
pub fn archival_date(i: &str) -> IResult<&str, Date> {
    // Each shape is tried only where the digits that open the text let it
    // read (see [`date`]): the numeric and Roman-numeral dates open with a
    // day, the Russian year with a year, a Russian date with either or
    // with a month's name; with no digit, every shape opens with a
    // month's or season's name, which [`could_start_date`] lets through.
    match leading_digits(i) {
        0 if !could_start_date(i) => Err(no_date(i)),
        0 => alt((russian_date, date))(i),
        1 | 2 => alt((numeric_date, roman_month_date, russian_date, date))(i),
        4 => alt((russian_year, date))(i),
        _ => Err(no_date(i)),
    }
}

/// How many ASCII digits open `i`, counted up to five: a day has one or
/// two, a year four, and a number of three or more than four is neither.
fn leading_digits(i: &str) -> usize {
    i.bytes().take(5).take_while(u8::is_ascii_digit).count()
}

/// The error of a text that opens no date.
fn no_date(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Alt))
}

/// A day and month with the year left for a later date of a list
/// ("26 October" in "26 October and 20 November 1949", "26" in "26 and 28
/// October 1949").
fn partial_date(i: &str) -> IResult<&str, (u32, Option<u32>)> {
    let (rest, d) = day(i)?;
    let (rest, m) = opt(preceded(space1, alt((month, russian_month))))(rest)?;
    Ok((rest, (d, m)))
}

/// A list of dates joined by "and"/"и"/","/"&" that may share month and
/// year: "26 October and 20 November 1949", "26 and 28 October 1949",
/// "3 September 1949 and 5 May 1950". One date alone is a list of one.
pub fn date_list(i: &str) -> IResult<&str, Vec<Date>> {
    let joiner = |i| {
        alt((
            recognize(tuple((
                space0,
                char(','),
                space0,
                opt(pair(tag("and"), space1)),
            ))),
            recognize(tuple((
                space1,
                alt((tag("and"), tag("и"), tag("&"))),
                space1,
            ))),
        ))(i)
    };
    let mut partials: Vec<(u32, Option<u32>)> = Vec::new();
    let mut rest = i;
    loop {
        if let Ok((r, d)) = archival_date(rest) {
            let mut dates: Vec<Date> = Vec::new();
            let (y, m) = (
                d.year().unwrap_or(0),
                d.date_parts[0].get(1).map(|m| *m as u32),
            );
            for (pd, pm) in &partials {
                dates.push(Date::ymd(y, pm.or(m), Some(*pd)));
            }
            dates.push(d);
            // A later full date may follow ("3 May 1949 and 5 May 1950").
            if let Ok((r2, more)) = preceded(joiner, date_list)(r) {
                dates.extend(more);
                return Ok((r2, dates));
            }
            return Ok((r, dates));
        }
        let (r, p) = partial_date(rest)?;
        let (r, _) = joiner(r)?;
        partials.push(p);
        rest = r;
    }
}

/// True if a date of any shape this module reads can start `i`: a number
/// of one, two or four digits (day, year, numeric or Roman-numeral date),
/// or a word whose first three
/// letters begin a month or season name. Free text is searched at every
/// word start; this test turns most words away before the parsers run.
pub fn could_start_date(i: &str) -> bool {
    let Some(&first) = i.as_bytes().first() else {
        return false;
    };
    if first.is_ascii_digit() {
        // A day (one or two digits) or a year (four) opens every date
        // that starts with a number.
        let digits = i.bytes().take(5).take_while(u8::is_ascii_digit).count();
        return matches!(digits, 1 | 2 | 4);
    }
    let heads = date_word_heads();
    // Most words open with a Latin letter no month or season opens with.
    if first.is_ascii() && heads.ascii_firsts & (1u128 << first.to_ascii_lowercase()) == 0 {
        return false;
    }
    let mut chars = i.chars();
    let mut letter = || chars.next().and_then(lowercase_letter);
    let (Some(a), Some(b)) = (letter(), letter()) else {
        return false;
    };
    // Many open with a letter that does (a, for, so, no, and most Russian
    // words): their first two letters decide, before a third is read.
    if let (Some(x), Some(y)) = (letter_code(a), letter_code(b)) {
        let pair = x * LETTER_CODES + y;
        if !crate::text::has_bit(&heads.pairs, pair) {
            return false;
        }
    }
    let Some(c) = letter() else {
        return false;
    };
    heads.heads.binary_search(&pack_head([a, b, c])).is_ok()
}

/// How many letters [`letter_code`] numbers.
const LETTER_CODES: usize = 26 + 32 + 1;

/// A small number for a small Latin or Russian letter.
fn letter_code(c: char) -> Option<usize> {
    match c {
        'a'..='z' => Some(c as usize - 'a' as usize),
        'а'..='я' => Some(26 + (c as usize - 'а' as usize)),
        'ё' => Some(58),
        _ => None,
    }
}

/// Three characters in one number that sorts as they do.
fn pack_head(head: [char; 3]) -> u64 {
    head.iter()
        .fold(0, |packed, &c| packed << 21 | u64::from(c))
}

/// The [`lowercase_char`] of a letter, `None` for any other character;
/// Latin and Russian letters (nearly all of our text) are answered without
/// the Unicode tables.
fn lowercase_letter(c: char) -> Option<char> {
    match crate::text::latin_or_russian_lowercase(c) {
        Some(lower) => Some(lower),
        None if c.is_ascii() => None,
        None => c.is_alphabetic().then(|| lowercase_char(c)),
    }
}

/// The first three letters of every month and season name of the tables
/// (sorted), and the set of their ASCII first letters.
struct DateWordHeads {
    /// The heads by [`pack_head`], sorted.
    heads: Vec<u64>,
    ascii_firsts: u128,
    /// The first two letters of the heads that open with two
    /// [`letter_code`] ones, as bits indexed by the two codes.
    pairs: Vec<u64>,
}

/// The lowercase form of a letter (its first char when it has several),
/// without the Unicode tables for ASCII.
fn lowercase_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// The heads of the month and season names, built once.
fn date_word_heads() -> &'static DateWordHeads {
    static HEADS: std::sync::OnceLock<DateWordHeads> = std::sync::OnceLock::new();
    HEADS.get_or_init(|| {
        let names = MONTHS
            .iter()
            .chain(RUSSIAN_MONTHS)
            .map(|(name, _)| *name)
            .chain(SEASONS.iter().copied());
        let mut heads: Vec<[char; 3]> = names
            .filter_map(|name| {
                let mut chars = name.chars().map(lowercase_char);
                Some([chars.next()?, chars.next()?, chars.next()?])
            })
            .collect();
        heads.sort_unstable();
        heads.dedup();
        let ascii_firsts = heads
            .iter()
            .filter(|h| h[0].is_ascii())
            .fold(0u128, |set, h| set | 1u128 << (h[0] as u32));
        let mut pairs = vec![0u64; (LETTER_CODES * LETTER_CODES).div_ceil(64)];
        for h in &heads {
            if let (Some(x), Some(y)) = (letter_code(h[0]), letter_code(h[1])) {
                let pair = x * LETTER_CODES + y;
                crate::text::set_bit(&mut pairs, pair);
            }
        }
        DateWordHeads {
            heads: heads.into_iter().map(pack_head).collect(),
            ascii_firsts,
            pairs,
        }
    })
}

/// True if `s` may hold a date with its month: a month name at a word
/// start, or a day followed by a month number or Roman numeral
/// ("03.09.1949", "3.IX.1949", "3 IX 1949"). Text without one holds at most
/// bare years and seasons, which a caller that needs a month can skip
/// without searching for dates.
pub fn may_hold_month(s: &str) -> bool {
    word_starts(s).any(|pos| may_open_month_date(&s[pos..]))
}

/// The test of [`may_hold_month`] at one word start: `word` is the text
/// from the start of a word on. For a search that reads the words of a
/// text for other things as well.
pub fn may_open_month_date(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return could_start_date(word) && (month(word).is_ok() || russian_month(word).is_ok());
    }
    if digits > 2 {
        return false;
    }
    let rest = &word[digits..];
    let rest = match rest.strip_prefix('.') {
        Some(after) if after.starts_with(|c: char| c.is_ascii_digit()) => return true,
        Some(after) => after,
        None => rest,
    };
    rest.trim_start_matches([' ', '\t'])
        .starts_with(['I', 'V', 'X'])
}

/// False when no text that opens with `c` passes [`may_open_month_date`]:
/// a month date opens with a digit or a letter.
pub fn char_may_open_month_date(c: char) -> bool {
    c.is_ascii_digit() || lowercase_letter(c).is_some()
}

/// False when no text that opens with the ASCII characters `a` and `b`
/// (`b` 0 for a text of one character) passes [`may_open_month_date`]: a
/// month date opens with a digit, or with a letter and another whose pair
/// opens a month or season name (see [`could_start_date`]).
pub fn pair_may_open_month_date(a: u8, b: u8) -> bool {
    if a.is_ascii_digit() {
        return true;
    }
    if !(a.is_ascii_alphabetic() && b.is_ascii_alphabetic()) {
        return false;
    }
    let (Some(x), Some(y)) = (
        letter_code(char::from(a.to_ascii_lowercase())),
        letter_code(char::from(b.to_ascii_lowercase())),
    ) else {
        return true;
    };
    let pair = x * LETTER_CODES + y;
    crate::text::has_bit(&date_word_heads().pairs, pair)
}

/// Finds the first list of dates (see [`date_list`]) in free text, on a
/// word boundary: its byte range and dates.
pub fn find_date_list(s: &str) -> Option<(std::ops::Range<usize>, Vec<Date>)> {
    find_first(s, date_list)
}

/// Byte offsets in `s` where a word or other non-space token starts: the
/// places a parser looking for something in free text should try.
pub fn word_starts(s: &str) -> WordStarts<'_> {
    WordStarts {
        text: s,
        at: 0,
        after_word_char: false,
    }
}

/// The iterator of [`word_starts`]. Every grammar searching a segment runs
/// one over it, so it reads ASCII a byte at a time and decodes only the
/// other characters.
pub struct WordStarts<'a> {
    text: &'a str,
    at: usize,
    /// True when the character before `at` is a letter or digit.
    after_word_char: bool,
}

impl Iterator for WordStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let (mut at, mut after_word_char) = (self.at, self.after_word_char);
        let found = loop {
            // Inside a word, its ASCII letters and digits start nothing.
            // So too its Cyrillic letters U+0400..U+047F (see [`word_run`]).
            if after_word_char {
                while bytes.get(at).is_some_and(|&b| word_run(b)) {
                    at += 1;
                }
            }
            let Some(&b) = bytes.get(at) else {
                break None;
            };
            let pos = at;
            let (word_char, space) = match b {
                0..=0x7f => {
                    at += 1;
                    // `char::is_whitespace` in ASCII: tab to carriage return, space.
                    (b.is_ascii_alphanumeric(), matches!(b, b'\t'..=b'\r' | b' '))
                }
                // U+0400..U+047F (the Russian alphabet among them): two
                // bytes, decoded here; no space among them.
                0xd0 | 0xd1 => {
                    let low = bytes.get(pos + 1).map_or(0, |&c| u32::from(c & 0x3f));
                    at += 2;
                    let c = char::from_u32(u32::from(b & 0x1f) << 6 | low).unwrap_or(' ');
                    (is_word_char(c), false)
                }
                _ => {
                    let c = self.text[pos..].chars().next().unwrap_or(' ');
                    at += c.len_utf8();
                    (is_word_char(c), c.is_whitespace())
                }
            };
            let at_boundary = !after_word_char;
            after_word_char = word_char;
            if at_boundary && !space {
                break Some(pos);
            }
        };
        self.at = at;
        self.after_word_char = after_word_char;
        found
    }
}

/// True for the bytes of a run of word characters read a byte at a time:
/// ASCII letters and digits, the lead bytes D0 and D1 of the Cyrillic
/// letters U+0400..U+047F (all letters), and continuation bytes. A run
/// read from a character's first byte takes a continuation byte only as
/// the second byte of such a letter (it stops before any other lead
/// byte), so it ends on a character boundary.
#[inline]
pub(crate) fn word_run(b: u8) -> bool {
    static WORD_RUN: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = c.is_ascii_alphanumeric() || c == 0xd0 || c == 0xd1 || (c >= 0x80 && c < 0xc0);
            b += 1;
        }
        t
    };
    WORD_RUN[usize::from(b)]
}

/// `char::is_alphanumeric`, answered without the Unicode tables for the
/// Latin and Russian letters that make up nearly all of our text.
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | 'А'..='я' | 'Ё' | 'ё' => true,
        c if c.is_ascii() => false,
        c => c.is_alphanumeric(),
    }
}

/// The first match of `parser` (a date parser of this module) in free text
/// that starts on a word boundary and does not run into a following word or
/// number.
///
/// Every date this module reads ([`date`], [`date_list`], through
/// [`archival_date`]) holds a [`year`]: four ASCII digits, the first 1 or
/// 2. A date can start only at or before the last such run: the word
/// starts after it are not tried, nor any in a text without one.
fn find_first<T>(
    s: &str,
    parser: impl Fn(&str) -> IResult<&str, T>,
) -> Option<(std::ops::Range<usize>, T)> {
    let last = last_year_start(s.as_bytes())?;
    word_starts(s)
        .take_while(|&pos| pos <= last)
        .filter(|&pos| could_start_date(&s[pos..]))
        .find_map(|pos| match parser(&s[pos..]) {
            Ok((rest, found)) if !rest.chars().next().is_some_and(|c| c.is_alphanumeric()) => {
                Some((pos..s.len() - rest.len(), found))
            }
            _ => None,
        })
}

/// The byte offset of the last four ASCII digits in `b` whose first is 1
/// or 2 (where a [`year`] may be read), read from the end back.
fn last_year_start(b: &[u8]) -> Option<usize> {
    // How many digits run from `i` on.
    let mut run = 0;
    for i in (0..b.len()).rev() {
        if !b[i].is_ascii_digit() {
            run = 0;
            continue;
        }
        run += 1;
        if run >= 4 && matches!(b[i], b'1' | b'2') {
            return Some(i);
        }
    }
    None
}

/// Any date this module knows, most specific shape first.
pub fn date(i: &str) -> IResult<&str, Date> {
    // A shape that opens with a day needs one or two digits, with a year
    // four, with a month or season name none: only the shapes the digits
    // that open the text let read are tried, in the same order.
    //
    // A shape that opens with a name needs the first three letters of a
    // month or season name ([`could_start_date`]): most texts asked (the
    // words of an issue block's tail, a chunk after a comma) open with
    // none, and are turned away before the month table and the five
    // season words are compared.
    match leading_digits(i) {
        0 if !could_start_date(i) => Err(no_date(i)),
        0 => alt((month_day_year, month_year, seasonal))(i),
        1 | 2 => day_month_year(i),
        4 => year_only(i),
        _ => Err(no_date(i)),
    }
}

/// A date as a whole string (surrounding white space and a final period
/// allowed), or `None` if the string is anything more than a date.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim().trim_end_matches(['.', ',']);
    // Every shape of [`date`] ends with the digits of a year: text that
    // does not (white space after it aside) is turned away before the
    // shapes are tried. Most callers try every comma chunk of a citation.
    if !s
        .trim_end_matches([' ', '\t'])
        .ends_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    // Nor can a date start where `could_start_date` says none does.
    if !could_start_date(s) {
        return None;
    }
    match terminated(date, space0)(s) {
        Ok(("", d)) => Some(d),
        _ => None,
    }
}

/// Finds the first date in free text, on a word boundary. Returns the byte
/// range of the date and the date.
pub fn find_date(s: &str) -> Option<(std::ops::Range<usize>, Date)> {
    find_first(s, date)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn first_characters_turn_away_only_what_no_name_opens() {
        // The characters that lowercase to an ASCII letter, and to a
        // Russian one (the first letters of the Russian months).
        for c in (0x80..=0x10ffff_u32).filter_map(char::from_u32) {
            let lower = c.to_lowercase().next().unwrap_or(c);
            if lower.is_ascii_alphabetic() {
                assert!(LOWERCASE_TO_ASCII.contains(&c), "{c:?}");
            }
            if matches!(lower, 'а'..='я' | 'ё') {
                assert!(matches!(c.to_string().as_bytes()[0], 0xd0 | 0xd1), "{c:?}");
            }
        }
        for (name, _) in RUSSIAN_MONTHS {
            assert!(name.starts_with(|c| matches!(c, 'а'..='я' | 'ё')), "{name}");
        }
    }

    /// [`date`] as every shape tried in turn.
    fn date_by_every_shape(i: &str) -> IResult<&str, Date> {
        alt((
            day_month_year,
            month_day_year,
            month_year,
            seasonal,
            year_only,
        ))(i)
    }

    /// [`archival_date`] as every shape tried in turn.
    fn archival_date_by_every_shape(i: &str) -> IResult<&str, Date> {
        alt((
            numeric_date,
            roman_month_date,
            russian_date,
            russian_year,
            date_by_every_shape,
        ))(i)
    }

    #[test]
    fn shapes_are_tried_only_where_the_digits_let_them_read() {
        let texts = [
            "3 September 1949, 12 Sept. 1950 and Sept. 3, 1951; Spring and Fall 1994",
            "September 1945, 1995/1996, 03.09.1949 and 3.IX.1949, 3 IX 1949 г.",
            "3 сентября 1949 г., сентябрь 1950 г., 1951 года, 26 и 28 октября 1952",
            "123 Main St., 12345 copies, 1 2 3, Winter 1995-96, May 5 1950.",
            "K 12 İ 1949 Ж 5 мая 1950",
            "Journal of Nations, vol. 3, no. 1 (Mayday Spring Sprung 1994)",
            "MAY 1950, ſpring 1950, Fall & Winter 1995-96, Ноябрь 1950, НОЯБ. 1950",
        ];
        for text in texts {
            for (k, _) in text.char_indices() {
                let s = &text[k..];
                assert_eq!(
                    archival_date(s).ok(),
                    archival_date_by_every_shape(s).ok(),
                    "{s}"
                );
                assert_eq!(date(s).ok(), date_by_every_shape(s).ok(), "{s}");
            }
        }
    }

    #[test]
    fn texts_that_open_no_name_are_turned_away_as_the_shapes_do() {
        // Every char as the first, second and third letter of a month or
        // season name: the gate of `date` and `archival_date` on a text
        // that opens with no digit lets through what a shape reads.
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            for text in [
                format!("{c}ay 1950"),
                format!("{c}pring 1950"),
                format!("{c}ая 1950 г."),
                format!("m{c}y 5, 1950"),
                format!("ma{c} 1950"),
                format!("Wi{c}ter 1950"),
                format!("ма{c} 1950"),
            ] {
                assert_eq!(date(&text).ok(), date_by_every_shape(&text).ok(), "{text}");
                assert_eq!(
                    archival_date(&text).ok(),
                    archival_date_by_every_shape(&text).ok(),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn month_pairs_turn_away_only_what_no_name_opens() {
        // Every name of each table in three cases, with a period and a
        // letter after it, and words that open like months or do not.
        let mut words: Vec<String> = Vec::new();
        for table in [MONTHS, RUSSIAN_MONTHS, ROMAN_MONTHS] {
            for (name, _) in table {
                for n in [name.to_string(), name.to_uppercase(), capitalize(name)] {
                    words.extend([
                        n.clone(),
                        format!("{n}."),
                        format!("{n}x 1"),
                        format!("{n} 3"),
                    ]);
                }
            }
        }
        words.extend(
            [
                "Mayor",
                "Ma",
                "M",
                "",
                "jU",
                "Jx",
                "Ju\u{212a}",
                "\u{212a}",
                "Oct",
                "Zz",
                "1 May",
                "ÉMay",
            ]
            .map(String::from),
        );
        for w in &words {
            for (table, pairs) in [
                (MONTHS, MONTH_PAIRS),
                (RUSSIAN_MONTHS, RUSSIAN_MONTH_PAIRS),
                (ROMAN_MONTHS, ROMAN_MONTH_PAIRS),
            ] {
                assert_eq!(
                    month_from(table, &pairs, w).ok(),
                    month_from(table, &None, w).ok(),
                    "{w}"
                );
            }
        }
        assert!(MONTH_PAIRS.is_some() && ROMAN_MONTH_PAIRS.is_none());
    }

    /// The word with its first letter a capital.
    fn capitalize(w: &str) -> String {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }

    #[test]
    fn month_date_pairs_agree_with_the_test() {
        // Every month and season name, in three cases, and made-up tails.
        let mut tails: Vec<String> = ["", "y 3", ". 12", "1.09.1950", " IX 1950", ".", "3"]
            .map(str::to_string)
            .to_vec();
        let names = MONTHS.iter().chain(RUSSIAN_MONTHS).map(|(n, _)| *n);
        for name in names.chain(SEASONS.iter().copied()) {
            tails.push(format!(
                "{} 3, 1950",
                name.chars().skip(2).collect::<String>()
            ));
        }
        for a in 0..128u8 {
            for b in (0..128u8).map(Some).chain([None]) {
                let pair = pair_may_open_month_date(a, b.unwrap_or(0));
                let head = match b {
                    Some(b) => format!("{}{}", a as char, b as char),
                    None => (a as char).to_string(),
                };
                for tail in tails.iter().filter(|_| b.is_some()).chain([&String::new()]) {
                    for text in [
                        format!("{head}{tail}"),
                        format!("{head}{tail}").to_uppercase(),
                    ] {
                        if !text.starts_with(&head) {
                            continue;
                        }
                        if may_open_month_date(&text) {
                            assert!(pair, "{text:?}");
                        }
                    }
                }
            }
        }
        assert!(pair_may_open_month_date(b'M', b'a'));
        assert!(!pair_may_open_month_date(b'Q', b'x'));
        assert!(!pair_may_open_month_date(b'(', b'3'));
    }

    #[test]
    fn whole_dates_end_in_a_year() {
        // `parse_date` turns away text whose end is no digit, or whose
        // start opens no date; each shape still reads, with the white
        // space, case and periods it allows.
        for s in [
            "1994",
            "May 1950",
            "Jan. 3, 1950",
            "sept. 1945",
            "WINTER 1990",
            "3 sept. 1949",
            " 1995/1996. ",
            "Spring 1994",
            "Winter 1995/96,",
            "Spring and Fall 1994",
            "3 September 1949",
            "Sept. 3, 1949 .",
            "September, 1945\t",
        ] {
            assert!(parse_date(s).is_some(), "{s:?}");
        }
        for s in [
            "Spring",
            "3 September",
            "1994 and after",
            "1994)",
            "Oslo: Frost, 1990",
            "123 1990",
        ] {
            assert!(parse_date(s).is_none(), "{s:?}");
        }
    }

    #[test]
    fn month_names_open_with_letters() {
        // `month_from` lowercases a name's first letter by `lowercase_letter`.
        for (name, _) in MONTHS.iter().chain(RUSSIAN_MONTHS) {
            let first = name.chars().next().unwrap();
            assert_eq!(lowercase_letter(first), first.to_lowercase().next());
        }
    }

    #[test]
    fn dates_are_found_as_by_trying_every_word_start() {
        // The search with no year run looked for first.
        fn every<T>(
            s: &str,
            parser: impl Fn(&str) -> IResult<&str, T>,
        ) -> Option<(std::ops::Range<usize>, T)> {
            word_starts(s)
                .filter(|&pos| could_start_date(&s[pos..]))
                .find_map(|pos| match parser(&s[pos..]) {
                    Ok((rest, found))
                        if !rest.chars().next().is_some_and(|c| c.is_alphanumeric()) =>
                    {
                        Some((pos..s.len() - rest.len(), found))
                    }
                    _ => None,
                })
        }
        let mut texts: Vec<String> = [
            include_str!("../../fixtures/korean-war-origins.txt"),
            include_str!("../../fixtures/russian/russian-notes.txt"),
            include_str!("../../fixtures/archival/archival-notes.txt"),
        ]
        .iter()
        .flat_map(|t| t.lines())
        .map(str::to_string)
        .collect();
        for head in [
            "3 May ",
            "May 3, ",
            "Spring ",
            "3 мая ",
            "03.09.",
            "3.IX.",
            "май ",
            "",
        ] {
            for year in [
                "1949",
                "2949",
                "949",
                "19490",
                "3949",
                "0949",
                "1949/1950",
                "1949 г.",
            ] {
                for tail in ["", ".", "x", " and 5 May 1950", ", 1"] {
                    texts.push(format!("{head}{year}{tail}"));
                }
            }
        }
        for text in &texts {
            for (k, _) in text.char_indices() {
                let t = &text[k..];
                assert_eq!(find_date(t), every(t, date), "{t}");
                assert_eq!(find_date_list(t), every(t, date_list), "{t}");
            }
        }
        for b in [
            &b"1234"[..],
            b"x2999",
            b"123",
            b"0000",
            b"12345 3999 x",
            b"",
        ] {
            let by_windows = b
                .windows(4)
                .rposition(|w| w.iter().all(u8::is_ascii_digit) && matches!(w[0], b'1' | b'2'));
            assert_eq!(last_year_start(b), by_windows, "{b:?}");
        }
    }

    #[test]
    fn word_starts_agree_with_chars() {
        // The definition read on characters, which the byte reader must
        // give: a non-space after a start or a non-word character.
        fn by_chars(s: &str) -> Vec<usize> {
            let mut prev: Option<char> = None;
            s.char_indices()
                .filter_map(|(pos, c)| {
                    let at_boundary = prev.is_none_or(|p| !p.is_alphanumeric());
                    prev = Some(c);
                    (at_boundary && !c.is_whitespace()).then_some(pos)
                })
                .collect()
        }
        for s in [
            "",
            " ",
            "Note from Filippov to Vyshinsky, 19 March 1941, AVPRF, f. 295",
            "Ф. Р-5446. Оп. 1. Д. 12. Л. 34–35 об.",
            "«РГАСПИ»\u{a0}ф.\u{2009}17 (1949)—x\u{b}y\u{85}z",
            "Łódź, Ёлкин; 東京 ١٢٣ a\t\r\nb",
            "ѣѠ҂1 Ђђ-Џ ӘҒ\u{483}x",
        ] {
            assert_eq!(word_starts(s).collect::<Vec<_>>(), by_chars(s), "{s:?}");
        }
        for s in every_char_around_words() {
            assert_eq!(word_starts(&s).collect::<Vec<_>>(), by_chars(&s), "{s:?}");
        }
    }

    /// Every char inside and after words of ASCII and Cyrillic letters
    /// (the runs the word starts read a byte at a time), and alone: the
    /// texts the byte readings of word starts are tested on, here and in
    /// the archival gate.
    pub(crate) fn every_char_around_words() -> impl Iterator<Item = String> {
        (0..=0x10ffffu32).filter_map(char::from_u32).flat_map(|c| {
            [
                format!("a{c}b"),
                format!("Жя{c}ж1"),
                format!("{c}"),
                format!(" {c}Ѐѿ{c}"),
            ]
        })
    }

    #[test]
    fn chars_that_open_no_month_date_open_none() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            if char_may_open_month_date(c) {
                continue;
            }
            for text in [
                format!("{c}"),
                format!("{c}ay 1950"),
                format!("{c}ая 1950 г."),
                format!("{c}. 5"),
            ] {
                assert!(!may_open_month_date(&text), "{text:?}");
            }
        }
        assert!(!char_may_open_month_date('“'));
        assert!(char_may_open_month_date('M') && char_may_open_month_date('7'));
    }

    #[test]
    fn shapes() {
        assert_eq!(
            parse_date("3 September 1949"),
            Some(Date::ymd(1949, Some(9), Some(3)))
        );
        assert_eq!(
            parse_date("September 3, 1949"),
            Some(Date::ymd(1949, Some(9), Some(3)))
        );
        assert_eq!(
            parse_date("June 1993"),
            Some(Date::ymd(1993, Some(6), None))
        );
        assert_eq!(parse_date("1994"), Some(Date::ymd(1994, None, None)));
        let spring = parse_date("Spring 1994").unwrap();
        assert_eq!(spring.season.as_deref(), Some("Spring"));
        assert_eq!(spring.date_parts, vec![vec![1994]]);
        let winter = parse_date("Winter 1995/1996").unwrap();
        assert_eq!(winter.date_parts, vec![vec![1995], vec![1996]]);
        let short = parse_date("Winter 1984–85").unwrap();
        assert_eq!(short.date_parts, vec![vec![1984], vec![1985]]);
        let two = parse_date("Spring and Fall 1994").unwrap();
        assert_eq!(two.season.as_deref(), Some("Spring and Fall"));
        assert_eq!(parse_date("Mayor 1994"), None);
    }

    #[test]
    fn archival_shapes() {
        let d = Date::ymd(1949, Some(9), Some(3));
        for s in [
            "3.IX.1949",
            "03.09.1949",
            "3 сентября 1949 г.",
            "3 сент. 1949 г.",
            "3. IX. 1949",
        ] {
            assert_eq!(archival_date(s), Ok(("", d.clone())), "{s}");
        }
        assert_eq!(
            archival_date("1949 г."),
            Ok(("", Date::ymd(1949, None, None)))
        );
        assert_eq!(
            archival_date("20.IV.1949 г."),
            Ok(("", Date::ymd(1949, Some(4), Some(20))))
        );
    }

    #[test]
    fn date_lists_share_the_year() {
        let (_, dates) = date_list("26 October and 20 November 1949").unwrap();
        assert_eq!(
            dates,
            vec![
                Date::ymd(1949, Some(10), Some(26)),
                Date::ymd(1949, Some(11), Some(20))
            ]
        );
        let (_, dates) = date_list("26 and 28 October 1949").unwrap();
        assert_eq!(
            dates,
            vec![
                Date::ymd(1949, Some(10), Some(26)),
                Date::ymd(1949, Some(10), Some(28))
            ]
        );
        let (span, dates) = find_date_list("Telegrams on 3 May 1949 and 5 May 1950, SD1").unwrap();
        assert_eq!(span, 13..38);
        assert_eq!(dates.len(), 2);
    }

    #[test]
    fn months_are_found_before_dates_are_read() {
        for with_month in [
            "Telegram, 21 May 1949, SD1",
            "Letter of 26 and 28 October 1949",
            "Записка, 3 сентября 1949 г.",
            "Report, 03.09.1949",
            "Report, 3.IX.1949",
            "Report, 3 IX 1949",
        ] {
            assert!(may_hold_month(with_month), "{with_month}");
            let (_, dates) = find_date_list(with_month).unwrap();
            assert!(dates.iter().all(|d| d.date_parts[0].len() >= 2));
        }
        for without in [
            "Smith, Title (New York: Norton, 1990), 45",
            "Spring 1994, p. 12",
            "1949 г.",
        ] {
            assert!(!may_hold_month(without), "{without}");
        }
    }

    #[test]
    fn finds_a_date_in_text() {
        let (span, d) = find_date("Telegram from Shtykov on 21 May 1949, SD1").unwrap();
        assert_eq!(
            &"Telegram from Shtykov on 21 May 1949, SD1"[span],
            "21 May 1949"
        );
        assert_eq!(d, Date::ymd(1949, Some(5), Some(21)));
    }
}
