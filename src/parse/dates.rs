//! Dates as notes print them, into CSL date-parts.
//!
//! `3 September 1949`, `September 3, 1949`, `Sept. 1945`, `1994`,
//! `Spring 1994`, `Spring and Fall 1994`, `Winter 1995/1996`.
//! Every parser here is a nom parser over `&str` that consumes only the
//! date, so callers can use them inside larger grammars.

use crate::model::Date;
use nom::{
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while_m_n},
    character::complete::{char, digit1, space0, space1},
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
    for (name, number) in MONTHS {
        if let Ok((rest, _)) = tag_no_case::<_, _, nom::error::Error<&str>>(*name)(i) {
            // The name must end here: "Mayor" is not May.
            if rest.chars().next().is_some_and(|c| c.is_alphabetic()) {
                continue;
            }
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            return Ok((rest, *number));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
}

/// A four-digit year between 1000 and 2999.
pub fn year(i: &str) -> IResult<&str, i32> {
    let (rest, y) = map_res(
        verify(take_while_m_n(4, 4, |c: char| c.is_ascii_digit()), |s: &str| {
            s.starts_with('1') || s.starts_with('2')
        }),
        str::parse::<i32>,
    )(i)?;
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)));
    }
    Ok((rest, y))
}

/// A day of the month, 1 to 31.
pub fn day(i: &str) -> IResult<&str, u32> {
    let (rest, d) = map_res(take_while_m_n(1, 2, |c: char| c.is_ascii_digit()), str::parse::<u32>)(i)?;
    if !(1..=31).contains(&d) || rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, d))
}

/// A season name, capitalized as CSL wants it ("Spring").
fn season_word(i: &str) -> IResult<&str, String> {
    for s in SEASONS {
        if let Ok((rest, matched)) = tag_no_case::<_, _, nom::error::Error<&str>>(*s)(i) {
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
    Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
}

/// `Spring 1994`, `Spring and Fall 1994`, `Winter 1995/1996`.
fn seasonal(i: &str) -> IResult<&str, Date> {
    let (i, first) = season_word(i)?;
    let (i, second) = opt(preceded(
        tuple((space1, alt((tag("and"), tag("&"), tag("-"), tag("/"))), space1)),
        season_word,
    ))(i)?;
    let (i, _) = space1(i)?;
    let (i, y1) = year(i)?;
    let (i, y2) = opt(preceded(alt((char('/'), char('-'), char('–'))), year))(i)?;
    let season = match second {
        Some(s) => format!("{first} and {s}"),
        None => first,
    };
    let mut date_parts = vec![vec![y1]];
    if let Some(y2) = y2 {
        date_parts.push(vec![y2]);
    }
    Ok((i, Date { date_parts, season: Some(season), ..Date::default() }))
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
    Ok((i, Date { date_parts, ..Date::default() }))
}

/// Any date this module knows, most specific shape first.
pub fn date(i: &str) -> IResult<&str, Date> {
    alt((day_month_year, month_day_year, month_year, seasonal, year_only))(i)
}

/// A date as a whole string (surrounding white space and a final period
/// allowed), or `None` if the string is anything more than a date.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim().trim_end_matches(['.', ',']);
    match terminated(date, space0)(s) {
        Ok(("", d)) => Some(d),
        _ => None,
    }
}

/// Finds the first date in free text, on a word boundary. Returns the byte
/// range of the date and the date.
pub fn find_date(s: &str) -> Option<(std::ops::Range<usize>, Date)> {
    let mut prev: Option<char> = None;
    for (pos, c) in s.char_indices() {
        let at_boundary = prev.is_none_or(|p| !p.is_alphanumeric());
        prev = Some(c);
        if !at_boundary || !c.is_alphanumeric() {
            continue;
        }
        if let Ok((rest, d)) = date(&s[pos..]) {
            // A date must not run into a following word or number.
            if rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            let end = s.len() - rest.len();
            return Some((pos..end, d));
        }
    }
    None
}

/// Recognizes a string of digits (used by callers that want the text).
pub fn digits(i: &str) -> IResult<&str, &str> {
    recognize(digit1)(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(parse_date("3 September 1949"), Some(Date::ymd(1949, Some(9), Some(3))));
        assert_eq!(parse_date("September 3, 1949"), Some(Date::ymd(1949, Some(9), Some(3))));
        assert_eq!(parse_date("June 1993"), Some(Date::ymd(1993, Some(6), None)));
        assert_eq!(parse_date("1994"), Some(Date::ymd(1994, None, None)));
        let spring = parse_date("Spring 1994").unwrap();
        assert_eq!(spring.season.as_deref(), Some("Spring"));
        assert_eq!(spring.date_parts, vec![vec![1994]]);
        let winter = parse_date("Winter 1995/1996").unwrap();
        assert_eq!(winter.date_parts, vec![vec![1995], vec![1996]]);
        let two = parse_date("Spring and Fall 1994").unwrap();
        assert_eq!(two.season.as_deref(), Some("Spring and Fall"));
        assert_eq!(parse_date("Mayor 1994"), None);
    }

    #[test]
    fn finds_a_date_in_text() {
        let (span, d) = find_date("Telegram from Shtykov on 21 May 1949, SD1").unwrap();
        assert_eq!(&"Telegram from Shtykov on 21 May 1949, SD1"[span], "21 May 1949");
        assert_eq!(d, Date::ymd(1949, Some(5), Some(21)));
    }
}
