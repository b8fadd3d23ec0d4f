//! Russian-language bibliographic notes: GOST 7.0.5 and older Soviet styles.
//!
//! A Russian note is written in *areas* separated by `. `, with `//` before
//! the host of a part (journal, newspaper, collection) and ` / ` before the
//! statement of responsibility:
//!
//! - `Иванов И. И. Название: подзаголовок. М.: Наука, 2001. С. 12–14.`
//! - `Иванов И. И. Название // Вопросы истории. 1995. № 3. С. 45–60.`
//! - `Название / под ред. И. И. Иванова. М., 1998. Т. 2. С. 101.`
//! - `Правда. 1950. 2 февраля.`
//!
//! and the repeat forms `Там же. С. 15.`, `Иванов И. И. Указ. соч. С. 7.`,
//! `Он же. Название...`. Names are kept in Cyrillic as printed; names
//! printed in the genitive after `под ред.` or `пер.` are put in the
//! nominative (GUIDELINE §6). Places of publication are recognized from
//! `data/russian-cities.tsv` and kept as printed (`М.`, `М.; Л.`).
//!
//! Every piece of the grammar is a nom parser over `&str`; the areas are
//! found by trying the area parsers at each `. ` boundary.

use crate::model::{Date, Form, Item, ItemType, Locator, LocatorLabel, Name};
use crate::parse::dates::year;
use crate::parse::locator::word_no_case;
use crate::text::{data_lines, normalize_range};
use nom::{
    branch::alt,
    bytes::complete::{tag, take_while1, take_while_m_n},
    character::complete::{char, digit1, space0, space1},
    combinator::{map, opt, recognize, verify},
    multi::{many_m_n, separated_list1},
    sequence::{pair, preceded, terminated, tuple},
    IResult,
};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// One Russian citation read from a segment.
#[derive(Clone, Debug, PartialEq)]
pub struct GostCitation {
    pub form: Form,
    /// What the segment prints. For short forms and ibids this is only what
    /// identifies the work; the caller replaces it with the resolved item.
    pub item: Item,
    pub locator: Option<Locator>,
    /// Bytes of the segment consumed by the citation (leading signal
    /// phrase included); anything after is commentary.
    pub end: usize,
    /// For short forms: the family name printed before `Указ. соч.` or the
    /// short title.
    pub short_author: Option<String>,
    /// For short forms: the short title printed (`Название...`).
    pub short_title: Option<String>,
    /// The citation opened with `Он же`, `Она же`, `Его же`, `Они же`:
    /// its authors are those of the previous citation, which the caller
    /// fills in.
    pub same_author_as_previous: bool,
    /// A signal phrase before the citation (`См.:`, `Цит. по:`), as printed.
    pub prefix: Option<String>,
    /// The host of the part is printed `// Там же`: its container (and the
    /// imprint, volume and date when the note does not print them) are
    /// those of the previous citation, which the caller fills in.
    pub host_as_previous: bool,
}

type Res<'a, T> = IResult<&'a str, T>;

fn fail<T>(i: &str) -> Res<'_, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Verify,
    )))
}

fn is_cyr_upper(c: char) -> bool {
    ('А'..='Я').contains(&c) || c == 'Ё'
}

fn is_cyr_lower(c: char) -> bool {
    ('а'..='я').contains(&c) || c == 'ё'
}

/// True if the segment is written in Russian: at least half of its
/// letters are Cyrillic.
pub fn is_russian(segment: &str) -> bool {
    // No Cyrillic char, no Cyrillic letter: not Russian, told without
    // counting the letters (most segments of an English text).
    if !crate::split::holds_cyrillic(segment) {
        return false;
    }
    let (cyr, all) = crate::split::cyrillic_letters(segment);
    is_russian_by_letters(cyr, all)
}

/// [`is_russian`] for a text with `cyrillic` Cyrillic letters of
/// `letters` in all (as [`crate::split::cyrillic_letters`] counts them).
pub fn is_russian_by_letters(cyrillic: u32, letters: u32) -> bool {
    letters > 0 && cyrillic * 2 >= letters
}

/// Byte offsets of the two-byte separator `sep` (`". "`, `", "`, `": "`) in
/// `s`, left to right: what `s.match_indices(sep)` gives, found by
/// `memchr` on its first byte rather than a substring searcher set up on
/// every call.
fn separators<'a>(s: &'a str, sep: &'static str) -> impl Iterator<Item = usize> + 'a {
    let bytes = s.as_bytes();
    let (a, b) = (sep.as_bytes()[0], sep.as_bytes()[1]);
    memchr::memchr_iter(a, bytes).filter(move |&p| bytes.get(p + 1) == Some(&b))
}

/// The byte offset of the first `needle` in `hay` (`str::find` with a
/// text), by [`text_positions`].
fn find_text(hay: &str, needle: &str) -> Option<usize> {
    text_positions(hay, needle).next()
}

/// Every byte offset where `needle` (not empty) starts in `hay`, left to
/// right. The texts searched are short: rather than set up a substring
/// searcher on every call, `memchr` finds the needle's first byte that is
/// no space, period or comma (those stand everywhere in a note), and the
/// needle is compared there.
fn text_positions<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let anchor = n
        .iter()
        .position(|b| !matches!(b, b' ' | b'.' | b','))
        .unwrap_or(0);
    memchr::memchr_iter(n[anchor], h.get(anchor..).unwrap_or_default())
        .filter(move |&p| h[p..].starts_with(n))
}

// ---------------------------------------------------------------- data

/// Printed forms of places of publication, longest first.
fn places() -> &'static [String] {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut v: Vec<String> = data_lines(include_str!("../../data/russian-cities.tsv"))
            .filter_map(|l| l.split('\t').next())
            .map(str::to_string)
            .collect();
        v.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        v
    })
}

/// The Russian and English names of a place printed as `printed`
/// (`М.` gives `("Москва", "Moscow")`), from `data/russian-cities.tsv`.
pub fn place_names(printed: &str) -> Option<(&'static str, &'static str)> {
    data_lines(include_str!("../../data/russian-cities.tsv")).find_map(|l| {
        let mut cols = l.split('\t');
        match (cols.next(), cols.next(), cols.next()) {
            (Some(p), Some(ru), Some(en)) if p == printed => Some((ru, en)),
            _ => None,
        }
    })
}

/// Genre words that open the heading of a published document, longest first.
fn document_genres() -> &'static [String] {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut v: Vec<String> = data_lines(include_str!("../../data/russian-document-genres.txt"))
            .map(str::to_string)
            .collect();
        v.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        v
    })
}

/// True if the word opens a document heading (`Письмо`, `Шифртелеграмма`)
/// and so is not a family name.
fn is_genre_word(word: &str) -> bool {
    // Every family name is tested: compared char by char, not lowercased
    // into a new string, and only with the words that open with its first
    // letter lowercased.
    let mut first = word.chars().next().map(|c| c.to_lowercase());
    let initial = match first.as_mut().map(|l| (l.next(), l.next())) {
        Some((Some(c), None)) => Some(c),
        _ => None,
    };
    genre_first_words()
        .iter()
        .any(|g| initial.is_none_or(|c| g.starts_with(c)) && super::locator::lowercases_to(word, g))
}

/// The first words of the document genres.
fn genre_first_words() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut v: Vec<&'static str> = document_genres()
            .iter()
            .filter_map(|g| g.split(' ').next())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

fn stop_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        [
            "Там", "Он", "Она", "Они", "Его", "Ее", "Её", "Их", "Указ", "См", "Цит",
        ]
        .into_iter()
        .collect()
    })
}

// ---------------------------------------------------------------- words and numbers

/// A Cyrillic initial: `И.`, `Вс.`, `Дж.`.
fn initial(i: &str) -> Res<'_, &str> {
    recognize(tuple((
        take_while_m_n(1, 1, is_cyr_upper),
        take_while_m_n(0, 2, is_cyr_lower),
        char('.'),
    )))(i)
}

/// One to three initials, with or without spaces between them (`И. И.`, `И.И.`).
fn initials(i: &str) -> Res<'_, &str> {
    // Only a first initial may be a digraph (`Вс.`, `Дж.`): after it,
    // `Соч.` is a title, not an initial.
    let single = |i| recognize(pair(take_while_m_n(1, 1, is_cyr_upper), char('.')))(i);
    recognize(pair(initial, many_m_n(0, 2, preceded(space0, single))))(i)
}

/// A capitalized Cyrillic family name, hyphenated parts allowed
/// (`Иванов`, `Мусин-Пушкин`, `Бажанова`).
fn family(i: &str) -> Res<'_, &str> {
    let (rest, f) = family_word(i)?;
    if !may_be_family(f) {
        return fail(i);
    }
    Ok((rest, f))
}

/// What [`family`] reads, before the words that are not names are turned
/// away: capitalized Cyrillic words joined by hyphens.
fn family_word(i: &str) -> Res<'_, &str> {
    let word = |i| {
        recognize(pair(
            take_while_m_n(1, 1, is_cyr_upper),
            take_while1(|c: char| is_cyr_lower(c) || c == '\'' || c == '’'),
        ))(i)
    };
    recognize(separated_list1(char('-'), word))(i)
}

/// True unless a [`family_word`] is a repeat form, a signal word or the
/// genre word of a heading, which are not family names.
fn may_be_family(f: &str) -> bool {
    !stop_words().contains(f) && !is_genre_word(f)
}

/// `Иванов И. И.`: family name first.
fn person_family_first(i: &str) -> Res<'_, Name> {
    // The family name is tested against the words that are not names
    // once the initials after it have read (most texts asked have none).
    let (rest, (f, _, g)) = tuple((family_word, space1, initials))(i)?;
    if !may_be_family(f) {
        return fail(i);
    }
    Ok((rest, Name::person(f, Some(squash_initials(g)))))
}

fn east_asian_surnames() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        data_lines(include_str!("../../data/cyrillic-east-asian-surnames.txt")).collect()
    })
}

/// `Мао Цзэдун`, `Ким Ир Сен`: an East Asian name, family name first
/// and given names in full.
fn person_east_asian(i: &str) -> Res<'_, Name> {
    // The table first: most family names are not in it.
    let (rest, f) = family_word(i)?;
    if !east_asian_surnames().contains(f) || !may_be_family(f) {
        return fail(i);
    }
    let (rest, given) = preceded(space1, recognize(separated_list1(char(' '), family)))(rest)?;
    if !rest.starts_with(['.', ',']) {
        return fail(i);
    }
    Ok((rest, Name::person(f, Some(given.to_string()))))
}

/// `И. И. Иванов`: initials first.
fn person_initials_first(i: &str) -> Res<'_, Name> {
    map(tuple((initials, space0, family)), |(g, _, f)| {
        Name::person(f, Some(squash_initials(g)))
    })(i)
}

/// Initials with one space after each period (`И.И.` gives `И. И.`).
fn squash_initials(g: &str) -> String {
    let mut out = String::new();
    for part in g.split('.').map(str::trim).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
        out.push('.');
    }
    out
}

/// `и др.` / `и другие` after a list of names.
fn et_al(i: &str) -> Res<'_, &str> {
    preceded(
        pair(opt(char(',')), space1),
        alt((tag("и др."), tag("и другие"))),
    )(i)
}

/// The authors printed before the title: `Иванов И. И., Петров П. П.`
/// or `И. И. Иванов, П. П. Петров`, with an optional `и др.`.
fn author_list(i: &str) -> Res<'_, Vec<Name>> {
    let (rest, names) = alt((
        separated_list1(
            pair(char(','), space1),
            alt((person_family_first, person_east_asian)),
        ),
        separated_list1(pair(char(','), space1), person_initials_first),
    ))(i)?;
    let (rest, _) = opt(et_al)(rest)?;
    Ok((rest, names))
}

/// A number as printed in a locator or volume: digits or Roman numerals,
/// optionally a letter (`12а`) and `об.` (verso).
fn number(i: &str) -> Res<'_, &str> {
    recognize(tuple((
        alt((
            digit1,
            take_while1(|c: char| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'Х' | 'І')),
        )),
        opt(take_while_m_n(1, 1, |c: char| {
            is_cyr_lower(c) && c != 'и' && c != 'с'
        })),
        opt(pair(space1, tag("об."))),
    )))(i)
}

/// `12`, `12–14`, `12 – 14`.
fn number_range(i: &str) -> Res<'_, &str> {
    recognize(pair(
        number,
        opt(tuple((
            space0,
            alt((char('–'), char('-'), char('—'))),
            space0,
            number,
        ))),
    ))(i)
}

/// `12–14, 17, 20–21`.
fn number_list(i: &str) -> Res<'_, &str> {
    recognize(separated_list1(pair(char(','), space1), number_range))(i)
}

// ---------------------------------------------------------------- dates

/// A Russian month (genitive, nominative or abbreviated): the table of
/// the date grammar.
fn ru_month(i: &str) -> Res<'_, u32> {
    super::dates::russian_month(i)
}

fn ru_day(i: &str) -> Res<'_, u32> {
    let (rest, d) = verify(
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        |d: &str| d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)),
    )(i)?;
    Ok((rest, d.parse().unwrap_or(1)))
}

/// `г.` after a year.
fn year_mark(i: &str) -> Res<'_, &str> {
    preceded(space1, alt((tag("гг."), tag("г."))))(i)
}

/// `2 февраля`, `2 февраля 1950 г.`: day and month, year optional.
fn day_month(i: &str) -> Res<'_, (u32, u32, Option<i32>)> {
    let (rest, (d, _, m)) = tuple((ru_day, space1, ru_month))(i)?;
    let (rest, y) = opt(terminated(preceded(space1, year), opt(year_mark)))(rest)?;
    Ok((rest, (d, m, y)))
}

/// Finds the last full Russian date (`16 декабря 1949 г.`) in a heading.
fn last_full_date(s: &str) -> Option<Date> {
    let mut found = None;
    for (pos, _) in s.char_indices() {
        if pos > 0
            && s[..pos]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        if let Ok((_, (d, m, Some(y)))) = day_month(&s[pos..]) {
            found = Some(Date::ymd(y, Some(m), Some(d)));
        }
    }
    found
}

// ---------------------------------------------------------------- imprint

/// The printed places by their first char, longest first within each:
/// a place is looked for only among those that open with the text's
/// first char (the first match in the whole table is among them).
fn places_by_initial() -> &'static [(char, Vec<&'static str>)] {
    static LIST: OnceLock<Vec<(char, Vec<&'static str>)>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut v: Vec<(char, Vec<&'static str>)> = Vec::new();
        for p in places() {
            let Some(c) = p.chars().next() else {
                continue;
            };
            match v.iter_mut().find(|(k, _)| *k == c) {
                Some((_, list)) => list.push(p.as_str()),
                None => v.push((c, vec![p.as_str()])),
            }
        }
        v.sort_unstable_by_key(|(c, _)| *c);
        v
    })
}

/// The printed places that open with `c`.
fn places_opening_with(c: char) -> &'static [&'static str] {
    let table = places_by_initial();
    match table.binary_search_by_key(&c, |(k, _)| *k) {
        Ok(k) => &table[k].1,
        Err(_) => &[],
    }
}

/// A place of publication from the table, followed by `,`, `:` or `;`.
fn place(i: &str) -> Res<'_, &str> {
    let Some(first) = i.chars().next() else {
        return fail(i);
    };
    for p in places_opening_with(first) {
        if let Some(rest) = i.strip_prefix(p) {
            if rest.starts_with([',', ':', ';']) {
                return Ok((rest, &i[..p.len()]));
            }
        }
    }
    fail(i)
}

/// An unlisted place, read only before `: publisher`: one or two
/// capitalized words.
fn unlisted_place(i: &str) -> Res<'_, &str> {
    let word = |i| {
        recognize(pair(
            take_while_m_n(1, 1, is_cyr_upper),
            take_while1(|c: char| is_cyr_lower(c) || c == '-'),
        ))(i)
    };
    let (rest, p) = recognize(pair(word, opt(pair(char(' '), word))))(i)?;
    if !rest.starts_with(':') {
        return fail(i);
    }
    Ok((rest, p))
}

/// True if a publisher's name would run over an area boundary: a `. `
/// followed by a capital letter.
fn spans_areas(s: &str) -> bool {
    separators(s, ". ").any(|p| s[p + 2..].chars().next().is_some_and(char::is_uppercase))
}

/// `М.; Л.` as printed.
fn places_list(i: &str) -> Res<'_, &str> {
    recognize(separated_list1(pair(char(';'), space1), place))(i)
}

/// The imprint: places, publisher, year. `М.: Наука, 2001`, `М., 1998`,
/// `М.; Л.: Изд-во АН СССР, 1950`. Returns (place, publisher, year).
/// The year of an imprint, or a range of years (`1957–1977`) for a set
/// published over several years.
fn imprint_year(i: &str) -> Res<'_, Date> {
    let (rest, first) = year(i)?;
    let (rest, last) = opt(preceded(alt((char('–'), char('-'), char('—'))), year))(rest)?;
    let (rest, _) = opt(year_mark)(rest)?;
    let mut date = Date::ymd(first, None, None);
    if let Some(last) = last {
        date.date_parts.push(vec![last]);
    }
    Ok((rest, date))
}

fn imprint(i: &str) -> Res<'_, (String, Option<String>, Date)> {
    if let Ok((rest, pl)) = places_list(i) {
        return imprint_after_place(i, rest, pl);
    }
    // An unlisted place (`Киров : Изд-во ВятГГУ, 2009`) is taken only when
    // no imprint with a listed place follows: in `Встречи. Беседы.
    // Дискуссии: Документы, 1941–1945. М.: Наука, 2004` the imprint is the
    // last one.
    let (rest, pl) = unlisted_place(i)?;
    let (after, found) = imprint_after_place(i, rest, pl)?;
    let listed_later = separators(after, ". ").any(|p| {
        places_list(&after[p + 2..]).is_ok_and(|(r, _)| imprint_after_place(after, r, "").is_ok())
    });
    if listed_later {
        return fail(i);
    }
    Ok((after, found))
}

/// The rest of an imprint after its place: `: publisher, year`,
/// `, year` or `, publisher, year`.
fn imprint_after_place<'a>(
    i: &'a str,
    rest: &'a str,
    pl: &str,
) -> Res<'a, (String, Option<String>, Date)> {
    if let Ok((rest, _)) = pair(char::<&str, nom::error::Error<&str>>(','), space1)(rest) {
        if let Ok((rest, y)) = imprint_year(rest) {
            return Ok((rest, (pl.to_string(), None, y)));
        }
        // `М., Госполитиздат, 1958`: the publisher after a comma.
        let (after, publisher) = recognize(pair(
            take_while_m_n(1, 1, |c: char| c.is_uppercase() || c == '«'),
            take_while1(|c: char| c != ',' && c != '.'),
        ))(rest)?;
        let (after, y) = preceded(pair(char(','), space1), imprint_year)(after)?;
        return Ok((
            after,
            (
                pl.to_string(),
                Some(crate::text::strip_quotes(publisher).to_string()),
                y,
            ),
        ));
    }
    let (rest, _) = pair(char(':'), space0)(rest)?;
    // The publisher runs to the `, YYYY` that ends the imprint.
    for pos in separators(rest, ", ") {
        if spans_areas(&rest[..pos]) {
            break;
        }
        if let Ok((after, y)) = imprint_year(&rest[pos + 2..]) {
            let publisher = crate::text::strip_quotes(rest[..pos].trim());
            return Ok((after, (pl.to_string(), Some(publisher.to_string()), y)));
        }
    }
    fail(i)
}

// ---------------------------------------------------------------- areas after the title

/// One area after the title, as read.
#[derive(Clone, Debug, PartialEq)]
enum Area {
    Imprint(String, Option<String>, Date),
    Volume(String),
    Book(String),
    Part(String),
    Fascicle(String),
    Issue(String),
    Pages(String),
    Folios(String),
    Year(i32),
    DayMonth(u32, u32, Option<i32>),
    /// Editions, page counts, series statements: read and ignored.
    Skipped,
}

fn labeled<'a>(label: &'static str) -> impl FnMut(&'a str) -> Res<'a, &'a str> {
    move |i| preceded(pair(tag(label), space0), number_list)(i)
}

/// `2-е изд., испр. и доп.`, `Изд. 3-е`, `Репринт`: an edition statement.
fn edition(i: &str) -> Res<'_, &str> {
    alt((
        recognize(tuple((digit1, tag("-е"), space1, tag("изд")))),
        recognize(tuple((tag("Изд. "), digit1, tag("-е")))),
        tag("Репринт"),
    ))(i)
}

/// `352 с.`: the page count of a book.
fn page_count(i: &str) -> Res<'_, &str> {
    recognize(tuple((
        digit1,
        space1,
        tag("с."),
        nom::combinator::not(pair(space0, digit1)),
    )))(i)
}

/// The start of an area after the title.
fn area(i: &str) -> Res<'_, Area> {
    let Some(first) = i.chars().next() else {
        return fail(i);
    };
    if first.is_ascii_digit() {
        if places_opening_with(first).is_empty() {
            // Only these open with a digit: no place or label does, and no
            // unlisted place (a capital letter). The first that reads wins,
            // as in `area_by_every_reading`.
            return alt((
                map(day_month, |(d, m, y)| Area::DayMonth(d, m, y)),
                map(terminated(year, opt(year_mark)), Area::Year),
                map(alt((edition, page_count)), |_| Area::Skipped),
            ))(i);
        }
        return area_by_every_reading(i);
    }
    // Not a digit: no date, year or page count reads (each opens with
    // one). An imprint opens with a listed place or a capital (an
    // unlisted place); each label and edition word only with its own
    // first char. The readings that may are tried in the order of
    // `area_by_every_reading`.
    if is_cyr_upper(first) || !places_opening_with(first).is_empty() {
        if let Ok((rest, (p, publ, y))) = imprint(i) {
            return Ok((rest, Area::Imprint(p, publ, y)));
        }
    }
    match first {
        'Т' => map(labeled("Т."), |v| Area::Volume(v.to_string()))(i),
        'К' => map(labeled("Кн."), |v| Area::Book(v.to_string()))(i),
        'к' => map(labeled("кн."), |v| Area::Book(v.to_string()))(i),
        'Ч' => map(labeled("Ч."), |v| Area::Part(v.to_string()))(i),
        'ч' => map(labeled("ч."), |v| Area::Part(v.to_string()))(i),
        'В' => map(labeled("Вып."), |v| Area::Fascicle(v.to_string()))(i),
        '№' => map(
            terminated(
                labeled("№"),
                opt(tuple((space1, char('('), digit1, char(')')))),
            ),
            |v| Area::Issue(v.to_string()),
        )(i),
        'С' => map(alt((labeled("С."), labeled("Стб."))), |v| {
            Area::Pages(v.to_string())
        })(i),
        'с' => map(labeled("с."), |v| Area::Pages(v.to_string()))(i),
        'Л' => map(alt((labeled("Лл."), labeled("Л."))), |v| {
            Area::Folios(v.to_string())
        })(i),
        'л' => map(labeled("л."), |v| Area::Folios(v.to_string()))(i),
        'И' | 'Р' => map(edition, |_| Area::Skipped)(i),
        _ => fail(i),
    }
}

/// [`area`] by trying every reading in turn, the first that reads
/// winning: for a digit some place opens with (none in the table), and
/// the reading the dispatch of [`area`] is tested against.
fn area_by_every_reading(i: &str) -> Res<'_, Area> {
    alt((
        map(imprint, |(p, publ, y)| Area::Imprint(p, publ, y)),
        map(labeled("Т."), |v| Area::Volume(v.to_string())),
        map(alt((labeled("Кн."), labeled("кн."))), |v| {
            Area::Book(v.to_string())
        }),
        map(alt((labeled("Ч."), labeled("ч."))), |v| {
            Area::Part(v.to_string())
        }),
        map(labeled("Вып."), |v| Area::Fascicle(v.to_string())),
        map(
            terminated(
                labeled("№"),
                opt(tuple((space1, char('('), digit1, char(')')))),
            ),
            |v| Area::Issue(v.to_string()),
        ),
        map(
            alt((labeled("С."), labeled("с."), labeled("Стб."))),
            |v| Area::Pages(v.to_string()),
        ),
        map(
            alt((labeled("Лл."), labeled("Л."), labeled("л."))),
            |v| Area::Folios(v.to_string()),
        ),
        map(day_month, |(d, m, y)| Area::DayMonth(d, m, y)),
        map(terminated(year, opt(year_mark)), Area::Year),
        map(alt((edition, page_count)), |_| Area::Skipped),
    ))(i)
}

/// True if an area may start with `c`: a digit (years, dates, editions,
/// page counts), `№`, a Russian letter (labels, unlisted places) or the
/// first char of a listed place. Areas are tried after every `. ` and
/// `, ` of a note; most of those open with something else.
fn may_open_area(c: char) -> bool {
    c.is_ascii_digit()
        || c == '№'
        || is_cyr_upper(c)
        || is_cyr_lower(c)
        || !places_opening_with(c).is_empty()
}

/// True if an area starts at `i` and ends where an area may end: at `.`,
/// `,`, `;`, `:` or the end of the text.
fn area_here(i: &str) -> Option<(&str, Area)> {
    if !i.starts_with(may_open_area) {
        return None;
    }
    let (rest, a) = area(i).ok()?;
    let ends_well = rest.is_empty() || rest.starts_with(['.', ',', ';', ':', ' ', ')']);
    // A year must end its area: `1946–1950` is part of a title.
    let year_ok = !matches!(a, Area::Year(_)) || rest.is_empty() || rest.starts_with(['.', ',']);
    (ends_well && year_ok).then_some((rest, a))
}

/// An area read at the start of a text by [`area_here`]: what is left
/// after it, and the area.
type AreaRead<'a> = (&'a str, Area);

/// Reads areas separated by `. ` (or `, ` inside an area) until nothing
/// more reads. Returns the areas and the bytes consumed.
fn read_areas(s: &str) -> (Vec<Area>, usize) {
    read_areas_from(s, None)
}

/// [`read_areas`], with the [`area_here`] of `s` already read when
/// `known` holds it (a boundary found by [`next_boundary`] is read there
/// once).
fn read_areas_from<'a>(s: &'a str, known: Option<AreaRead<'a>>) -> (Vec<Area>, usize) {
    let mut areas = Vec::new();
    let mut pos = 0;
    let mut consumed = 0;
    let mut known = known;
    while let Some((rest, a)) = known.take().or_else(|| area_here(&s[pos..])) {
        let skip_text = matches!(a, Area::Skipped);
        let volume_title =
            matches!(a, Area::Volume(_) | Area::Book(_) | Area::Part(_)) && rest.starts_with(':');
        areas.push(a);
        pos = s.len() - rest.len();
        consumed = pos;
        if skip_text || volume_title {
            // The rest of an edition statement, or a volume's own title, runs
            // to the next area.
            match next_boundary(&s[pos..]) {
                Some((b, read)) => {
                    pos += b;
                    known = Some(read);
                }
                None => break,
            }
            consumed = pos;
            continue;
        }
        let rest = &s[pos..];
        if s[..pos].ends_with('.') && rest.starts_with(' ') {
            pos += 1;
            continue;
        }
        let sep = [". ", ", ", "; "]
            .iter()
            .find(|sep| rest.starts_with(**sep));
        match sep {
            Some(sep) => pos += sep.len(),
            None => break,
        }
    }
    // The period that closes the last area belongs to the citation.
    if consumed > 0 && s[consumed..].starts_with('.') {
        consumed += 1;
    }
    (areas, consumed)
}

/// Byte offset of the next `. ` after which an area starts (the offset is
/// that of the area), with the area read there ([`area_here`]).
fn next_boundary(s: &str) -> Option<(usize, AreaRead<'_>)> {
    let period = separators(s, ". ")
        .map(|p| p + 2)
        .find_map(|p| Some((p, area_here(&s[p..])?)));
    // Older styles separate areas with commas: `Правда, 1950, 15 февраля`,
    // `«Правда», 15 февраля 1950 г.`. Only a year or a full date counts,
    // and only before the period boundary (the earlier one is taken).
    let before = period.as_ref().map_or(usize::MAX, |(p, _)| *p);
    let comma = separators(s, ", ")
        .map(|p| p + 2)
        .take_while(|&p| p < before)
        .find_map(|p| {
            let (rest, a) = area_here(&s[p..])?;
            let counts = match a {
                Area::Year(_) => rest.starts_with(',') || rest.starts_with('.') || rest.is_empty(),
                Area::DayMonth(_, _, Some(_)) => s[..p - 2].ends_with(['»', '"', '”']),
                _ => false,
            };
            counts.then_some((p, (rest, a)))
        });
    // A comma boundary is found only before the period one.
    comma.or(period)
}

// ---------------------------------------------------------------- responsibility

/// Who a statement of responsibility names, and in what role.
#[derive(Default)]
struct Responsibility {
    authors: Vec<Name>,
    editors: Vec<Name>,
    translators: Vec<Name>,
}

/// Role words of a statement of responsibility, and whether the names
/// after them are in the genitive.
const ROLES: &[(&str, Role, bool)] = &[
    ("под общ. ред.", Role::Editor, true),
    ("под общей редакцией", Role::Editor, true),
    ("под редакцией", Role::Editor, true),
    ("под ред.", Role::Editor, true),
    ("отв. ред.", Role::Editor, false),
    ("гл. ред.", Role::Editor, false),
    ("ред. кол.:", Role::Editor, false),
    ("редкол.:", Role::Editor, false),
    ("авт.-сост.", Role::Editor, false),
    ("отв. сост.", Role::Editor, false),
    ("сост.:", Role::Editor, false),
    ("сост.", Role::Editor, false),
    ("ред.", Role::Editor, false),
    ("пер. с англ.", Role::Translator, true),
    ("пер. с кит.", Role::Translator, true),
    ("пер. с нем.", Role::Translator, true),
    ("пер. с фр.", Role::Translator, true),
    ("пер. с кор.", Role::Translator, true),
    ("пер. с яп.", Role::Translator, true),
    ("пер.", Role::Translator, true),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Editor,
    Translator,
}

fn responsibility(s: &str) -> Responsibility {
    let mut out = Responsibility::default();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let lower = part.to_lowercase();
        let role = ROLES.iter().find(|(w, _, _)| lower.starts_with(w));
        let (names_text, role, genitive) = match role {
            Some((w, r, g)) => (part[w.len()..].trim(), Some(*r), *g),
            None => (part, None, false),
        };
        let names: Vec<Name> = names_text
            .split(',')
            .map(|n| n.trim().trim_end_matches("и др.").trim())
            .filter_map(|n| {
                let parsed = alt((person_initials_first, person_family_first))(n).ok()?;
                let mut name = parsed.1;
                if genitive {
                    name.family = name.family.map(|f| nominative_surname(&f));
                }
                Some(name)
            })
            .collect();
        match role {
            Some(Role::Editor) => out.editors.extend(names),
            Some(Role::Translator) => out.translators.extend(names),
            None => out.authors.extend(names),
        }
    }
    out
}

/// Puts a Russian surname printed in the genitive into the nominative:
/// `Иванова` gives `Иванов`, `Тихвинского` gives `Тихвинский`,
/// `Быстровой` gives `Быстрова`, `Рабиновича` gives `Рабинович`.
/// Surnames that do not decline (`Черных`, `Шевченко`) are returned as
/// they are.
pub fn nominative_surname(s: &str) -> String {
    const ENDINGS: &[(&str, &str)] = &[
        ("ской", "ская"),
        ("цкой", "цкая"),
        ("овой", "ова"),
        ("евой", "ева"),
        ("ёвой", "ёва"),
        ("иной", "ина"),
        ("ыной", "ына"),
        ("кого", "кий"),
        ("гого", "гий"),
        ("хого", "хий"),
        ("ого", "ой"),
        ("ова", "ов"),
        ("ева", "ев"),
        ("ёва", "ёв"),
        ("ина", "ин"),
        ("ына", "ын"),
    ];
    for (from, to) in ENDINGS {
        if let Some(stem) = s.strip_suffix(from) {
            if stem.chars().count() >= 2 {
                return format!("{stem}{to}");
            }
        }
    }
    // A consonant stem plus the genitive `-а`/`-я`: `Рабиновича`, `Кима`.
    let chars: Vec<char> = s.chars().collect();
    if chars.len() >= 4 {
        let last = chars[chars.len() - 1];
        let before = chars[chars.len() - 2];
        if last == 'а' && !"аеёиоуыэюяй".contains(before) {
            return chars[..chars.len() - 1].iter().collect();
        }
        if last == 'я' && before == 'л' {
            return chars[..chars.len() - 1].iter().collect::<String>() + "ь";
        }
    }
    s.to_string()
}

// ---------------------------------------------------------------- repeat forms and signals

/// `Там же`.
fn ibid_word(i: &str) -> Res<'_, &str> {
    alt((tag("Там же"), tag("там же")))(i)
}

/// `Указ. соч.`, `Указ. раб.`, `Цит. соч.`.
fn op_cit(i: &str) -> Res<'_, &str> {
    // Each opens with `У` or `Ц` (either case: only these lowercase to
    // theirs), which most texts asked do not.
    if !i.starts_with(['У', 'у', 'Ц', 'ц']) {
        return fail(i);
    }
    alt((
        word_no_case("Указ. соч."),
        word_no_case("Указ. раб."),
        word_no_case("Цит. соч."),
        tag("Указ. соч"),
    ))(i)
}

/// `Он же`, `Она же`, `Они же`, `Его же`, `Ее же`, `Их же`.
fn idem(i: &str) -> Res<'_, &str> {
    alt((
        tag("Он же"),
        tag("Она же"),
        tag("Они же"),
        tag("Его же"),
        tag("Ее же"),
        tag("Её же"),
        tag("Их же"),
    ))(i)
}

/// The words that may come before a signal phrase (`Подробнее см.:`).
const SIGNAL_LEADS: [&str; 3] = ["Подробнее", "Об этом", "Также"];

/// A signal phrase before a citation: `См.:`, `См. также:`, `Цит. по:`,
/// `Подробнее см.:`, and in English notes `See`, `Cf.`.
fn signal(i: &str) -> Res<'_, &str> {
    // Every phrase below opens with one of these (in either case for the
    // words compared without case: only these letters lowercase to theirs).
    if !i.starts_with(['П', 'О', 'Т', 'с', 'С', 'ц', 'Ц', 'S', 'C', 'Q']) {
        return fail(i);
    }
    // `П`, `О` and `Т` open only the words that may come first.
    if i.starts_with(['П', 'О', 'Т']) && !SIGNAL_LEADS.iter().any(|w| i.starts_with(w)) {
        return fail(i);
    }
    recognize(tuple((
        opt(pair(
            alt((
                tag(SIGNAL_LEADS[0]),
                tag(SIGNAL_LEADS[1]),
                tag(SIGNAL_LEADS[2]),
            )),
            space1,
        )),
        alt((
            word_no_case("см. также"),
            word_no_case("см., например"),
            word_no_case("см., напр."),
            word_no_case("см."),
            word_no_case("цит. по"),
            word_no_case("ср."),
            // An English manuscript citing a Russian work in Cyrillic.
            tag("See also"),
            tag("See"),
            tag("Cf."),
            tag("Quoted in"),
        )),
        opt(char(':')),
        space1,
    )))(i)
}

// ---------------------------------------------------------------- the title area

/// A title area split by [`title_area`]: title, responsibility, the
/// offset where the rest starts, and the boundary found after the title
/// with the area read there ([`next_boundary`]), if any.
type TitleArea<'a> = (
    &'a str,
    Option<&'a str>,
    usize,
    Option<(usize, AreaRead<'a>)>,
);

/// Splits a title area at the first ` // `, ` / ` or `. ` that is
/// followed by an area; returns (title, responsibility, rest offset) and
/// the boundary read.
fn title_area(s: &str) -> TitleArea<'_> {
    title_area_before(s, host_start(s))
}

/// [`title_area`] with the [`host_start`] of `s` already found.
fn title_area_before(s: &str, host: Option<(usize, usize)>) -> TitleArea<'_> {
    let mut limit = host.map_or(s.len(), |(end, _)| end);
    let boundary = next_boundary(s);
    if let Some((b, _)) = boundary {
        if b - 2 < limit {
            limit = b - 2;
        }
    }
    // An ellipsis ends a short title (not the one of `дис. ... канд.`).
    let thesis_at = thesis_marker(s).unwrap_or(s.len());
    if let Some(p) = find_text(&s[..limit], "...").or_else(|| find_text(&s[..limit], "…")) {
        if p < thesis_at {
            limit = p;
        }
    }
    let head = &s[..limit];
    let (title, resp) = match find_text(head, " / ") {
        Some(p) => (&head[..p], Some(head[p + 3..].trim())),
        None => (head, None),
    };
    (clean_title(title), resp, limit, boundary)
}

/// The areas of `s` from `start` on, with the [`area_here`] of the
/// boundary found after the title taken when it stands there.
fn read_areas_at<'a>(
    s: &'a str,
    start: usize,
    boundary: Option<(usize, AreaRead<'a>)>,
) -> (Vec<Area>, usize) {
    let known = boundary.filter(|(b, _)| *b == start).map(|(_, read)| read);
    read_areas_from(&s[start..], known)
}

/// Where the host of a part is introduced: ` // `, `. В кн.: ` (older
/// Soviet style), or a «quoted» periodical followed by `, YYYY`. Returns
/// the end of the part's own areas and the start of the host.
fn host_start(s: &str) -> Option<(usize, usize)> {
    let slashes = find_text(s, "//").map(|p| {
        let end = if s[..p].ends_with(' ') { p - 1 } else { p };
        (
            end,
            p + 2 + (s[p + 2..].len() - s[p + 2..].trim_start().len()),
        )
    });
    let in_book = find_text(s, ". В кн.: ").map(|p| (p, p + ". В кн.: ".len()));
    // ". «" cannot overlap itself: every match is one `match_indices` gives.
    let quoted = text_positions(s, ". «").find(|&p| {
        let q = &s[p + 2..];
        find_text(q, "», ").is_some_and(|close| year(&q[close + "», ".len()..]).is_ok())
    });
    let quoted = quoted.map(|p| (p, p + 2));
    [slashes, in_book, quoted].into_iter().flatten().min()
}

/// Where a thesis statement (`: дис. ... канд. ист. наук`) starts.
fn thesis_marker(s: &str) -> Option<usize> {
    // Every marker opens with a colon: the first colon where one of them
    // stands is the earliest match.
    const MARKERS: &[&str] = &[": дис.", ": автореф. дис.", ": дисс.", ": Дис."];
    memchr::memchr_iter(b':', s.as_bytes()).find(|&p| MARKERS.iter().any(|m| s[p..].starts_with(m)))
}

fn clean_title(t: &str) -> &str {
    t.trim().trim_end_matches(['.', ',', ' ']).trim()
}

/// Skips the separator between the title area and what follows
/// (`. `, `...`, `…`, ` //`) and returns its length.
fn separator_len(s: &str) -> usize {
    let t = s.trim_start_matches(['.', '…', ' ', ',']);
    s.len() - t.len()
}

// ---------------------------------------------------------------- the citation

/// What a citation has read, before its type is decided.
#[derive(Default)]
struct Reading {
    areas: Vec<Area>,
}

impl Reading {
    fn imprint(&self) -> Option<(&str, Option<&str>, &Date)> {
        self.areas.iter().find_map(|a| match a {
            Area::Imprint(p, publ, y) => Some((p.as_str(), publ.as_deref(), y)),
            _ => None,
        })
    }

    fn find(&self, f: impl Fn(&Area) -> Option<String>) -> Option<String> {
        self.areas.iter().find_map(f)
    }

    fn volume(&self) -> Option<String> {
        self.find(|a| match a {
            Area::Volume(v) => Some(normalize_range(v)),
            _ => None,
        })
        .or_else(|| self.book_or_part())
    }

    fn book_or_part(&self) -> Option<String> {
        self.find(|a| match a {
            Area::Book(v) | Area::Part(v) => Some(normalize_range(v)),
            _ => None,
        })
    }

    fn issue(&self) -> Option<String> {
        self.find(|a| match a {
            Area::Issue(v) | Area::Fascicle(v) => Some(normalize_range(v)),
            _ => None,
        })
    }

    fn locator(&self) -> Option<Locator> {
        self.areas.iter().find_map(|a| match a {
            Area::Pages(v) => Some(Locator {
                value: normalize_range(v),
                label: LocatorLabel::Page,
            }),
            Area::Folios(v) => Some(Locator {
                value: normalize_range(v),
                label: LocatorLabel::Folio,
            }),
            _ => None,
        })
    }

    fn year(&self) -> Option<i32> {
        self.areas.iter().find_map(|a| match a {
            Area::Year(y) => Some(*y),
            Area::Imprint(_, _, d) => d.year(),
            Area::DayMonth(_, _, Some(y)) => Some(*y),
            _ => None,
        })
    }

    fn day_month(&self) -> Option<(u32, u32)> {
        self.areas.iter().find_map(|a| match a {
            Area::DayMonth(d, m, _) => Some((*d, *m)),
            _ => None,
        })
    }
}

fn new_citation(form: Form, item: Item, locator: Option<Locator>, end: usize) -> GostCitation {
    GostCitation {
        form,
        item,
        locator,
        end,
        short_author: None,
        short_title: None,
        same_author_as_previous: false,
        prefix: None,
        host_as_previous: false,
    }
}

/// Reads one segment (a note, or one `;`-separated part of it) as a
/// Russian-language citation; `None` if it is not one.
pub fn parse_gost_citation(segment: &str) -> Option<GostCitation> {
    let norm = Normalized::new(segment);
    let text = norm.text.as_str();
    let lead = text.len() - text.trim_start().len();
    let s = &text[lead..];
    let (s, prefix) = match signal(s).or_else(|_| discursive_lead(s)) {
        Ok((rest, p)) if !rest.is_empty() => (rest, Some(p.trim().to_string())),
        _ => (s, None),
    };
    let offset = text.len() - s.len();
    let mut cit = citation_body(s)?;
    cit.end = norm.original_offset(cit.end + offset);
    cit.prefix = prefix;
    Some(cit)
}

/// A segment with the punctuation variants of GOST 7.1 and of older
/// styles brought to one form: the area dash `. – ` becomes `. `, a
/// spaced colon ` : ` becomes `: `, `[и др.]` becomes `и др.`, no-break
/// spaces become spaces. Keeps where each stretch of `text` comes from in
/// the original, so that what the grammar consumes maps back.
struct Normalized {
    text: String,
    /// Where the stretches of `text` start (by byte, in order), with
    /// where they come from in the original: a stretch copied as it is
    /// (`true`: each byte maps to the start of its char there), or one
    /// char put in for another or moved (`false`: all its bytes map to
    /// the one offset). Most of a segment is copied: one stretch for all
    /// of it, where a map kept an offset for every byte.
    stretches: Vec<(usize, usize, bool)>,
    /// The original's length, where the end of `text` maps to.
    original_len: usize,
}

/// The offsets of [`Normalized::text`] in the original, as they are
/// written: bytes copied as they are, or a char put in.
struct Origins {
    stretches: Vec<(usize, usize, bool)>,
}

impl Origins {
    /// `len` bytes copied from `at` in the original to `to` in the text.
    fn copied(&mut self, to: usize, at: usize) {
        if let Some(&(t, o, true)) = self.stretches.last() {
            // Both go on where the last copied stretch leaves off.
            if to - t == at - o {
                return;
            }
        }
        self.stretches.push((to, at, true));
    }

    /// A char written at `to` in the text for the one at `at`.
    fn put(&mut self, to: usize, at: usize) {
        self.stretches.push((to, at, false));
    }
}

impl Normalized {
    fn new(s: &str) -> Normalized {
        const DROPS: &[(&str, usize)] = &[
            (". – ", 2),
            (". — ", 2),
            (". - ", 2),
            (" : ", 0),
            (" ; ", 0),
        ];
        let mut text = String::with_capacity(s.len());
        let mut origin = Origins {
            stretches: Vec::new(),
        };
        let mut pos = 0;
        let bytes = s.as_bytes();
        while pos < s.len() {
            // A run of text kept as it is: up to a '.', ' ' or '[' (which
            // open the patterns below) or a lead byte 0xC2 / 0xE2 (of the
            // no-break spaces among others), copied at once; each byte maps
            // to the start of its char.
            let run = bytes[pos..]
                .iter()
                .position(|&b| matches!(b, b'.' | b' ' | b'[' | 0xC2 | 0xE2))
                .unwrap_or(bytes.len() - pos);
            if run > 0 {
                origin.copied(text.len(), pos);
                text.push_str(&s[pos..pos + run]);
                pos += run;
                continue;
            }
            // A space that no colon or semicolon follows opens none of the
            // patterns below (most spaces): kept as it is.
            if bytes[pos] == b' ' && !matches!(bytes.get(pos + 1), Some(b':' | b';')) {
                origin.copied(text.len(), pos);
                text.push(' ');
                pos += 1;
                continue;
            }
            let rest = &s[pos..];
            // Every pattern below opens with '.', ' ' or '['.
            if rest.starts_with(['.', ' ', '[']) {
                // Drop the dash (and its space) of an area separator, or the
                // space before a colon: `skip` bytes at `at`.
                let drop = DROPS
                    .iter()
                    .find(|(pat, at)| {
                        // An area dash is followed by an area, which does not
                        // start in lowercase (`1945 г. — июнь 1948 г.` is a title).
                        rest.starts_with(pat)
                            && (*at == 0
                                || !rest[pat.len()..].starts_with(|c: char| c.is_lowercase()))
                    })
                    .map(|(pat, at)| {
                        let dash_len = pat[*at..].chars().next().map_or(1, char::len_utf8);
                        (*at, if *at == 0 { 1 } else { dash_len + 1 })
                    });
                if let Some((at, skip)) = drop {
                    for (i, c) in rest[..at].char_indices() {
                        push_char(&mut text, &mut origin, c, pos + i);
                    }
                    pos += at + skip;
                    continue;
                }
                if let Some(r) = rest.strip_prefix("[и др.]") {
                    for (i, c) in "и др.".char_indices() {
                        push_char(&mut text, &mut origin, c, pos + '['.len_utf8() + i);
                    }
                    pos += rest.len() - r.len();
                    continue;
                }
            }
            let c = rest.chars().next().unwrap_or(' ');
            if c == '\u{a0}' || c == '\u{202f}' {
                push_char(&mut text, &mut origin, ' ', pos);
            } else {
                // The char as it is, where it is.
                origin.copied(text.len(), pos);
                text.push(c);
            }
            pos += rest.chars().next().map_or(1, char::len_utf8);
        }
        Normalized {
            text,
            stretches: origin.stretches,
            original_len: s.len(),
        }
    }

    /// The offset in the original of the byte at `normalized` in `text`
    /// (the original's end for the end of `text` or past it).
    fn original_offset(&self, normalized: usize) -> usize {
        if normalized >= self.text.len() {
            return self.original_len;
        }
        let k = self
            .stretches
            .partition_point(|&(t, _, _)| t <= normalized)
            .saturating_sub(1);
        let Some(&(t, o, copied)) = self.stretches.get(k) else {
            return self.original_len;
        };
        if !copied {
            return o;
        }
        // The start of the char the byte is in (a stretch starts at one).
        let bytes = self.text.as_bytes();
        let mut start = normalized;
        while start > t && bytes[start] & 0xC0 == 0x80 {
            start -= 1;
        }
        o + (start - t)
    }
}

/// A char written for another, or moved: all its bytes map to `at`.
fn push_char(text: &mut String, origin: &mut Origins, c: char, at: usize) {
    origin.put(text.len(), at);
    text.push(c);
}

/// Commentary that introduces the citation with a colon (`Эти данные
/// приводятся в работе: Иванов И. И. ...`): the lead, when a name or a
/// repeat form follows the colon.
fn discursive_lead(s: &str) -> Res<'_, &str> {
    for p in separators(s, ": ") {
        let after = &s[p + 2..];
        let lead = &s[..p];
        let lowercase_words = lead
            .split(' ')
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .count();
        if lowercase_words >= 2
            && (author_list(after).is_ok() || ibid_word(after).is_ok() || idem(after).is_ok())
        {
            return Ok((after, &s[..p + 2]));
        }
    }
    fail(s)
}

fn citation_body(s: &str) -> Option<GostCitation> {
    if is_archival_reference(s) && !s.starts_with("Там же") {
        return None;
    }
    // Там же / Указ. соч. alone: the previous citation.
    if let Ok((rest, _)) = alt((ibid_word, op_cit))(s) {
        let after = rest.trim_start_matches([',', '.', ' ']);
        if archival_level(after).is_ok() {
            // `Там же. Д. 11. Л. 3.`: another file of the same archive, for
            // the archival grammar.
            return None;
        }
        let (areas, used) = read_areas(after);
        let reading = Reading { areas };
        let end = if used == 0 {
            s.len() - rest.len() + (rest.len() - rest.trim_start_matches('.').len())
        } else {
            s.len() - after.len() + used
        };
        let item = Item {
            volume: reading.areas.iter().find_map(|a| match a {
                Area::Volume(v) => Some(normalize_range(v)),
                _ => None,
            }),
            ..Item::default()
        };
        return Some(new_citation(Form::Ibid, item, reading.locator(), end));
    }
    // Он же / Она же: the previous citation's authors.
    let (body, same_author) = match idem(s) {
        Ok((rest, _)) => (rest.trim_start_matches(['.', ',', ' ']), true),
        Err(_) => (s, false),
    };
    let body_offset = s.len() - body.len();
    let (after_authors, authors) =
        match terminated(author_list, alt((tag(". "), tag(", "), tag(" "))))(body) {
            Ok((rest, names)) if !same_author => (rest, names),
            _ => (body, Vec::new()),
        };
    // Иванов И. И. Указ. соч. С. 7. / Иванов. Указ. соч.
    let surname_short = terminated(family, alt((tag(". "), tag(", "))))(body).ok();
    let short_target = if !authors.is_empty() {
        Some((after_authors, authors.clone()))
    } else {
        surname_short.map(|(rest, f)| (rest, vec![Name::person(f, None)]))
    };
    if let Some((rest, names)) = short_target {
        if let Ok((rest2, _)) = op_cit(rest) {
            let after = rest2.trim_start_matches([',', '.', ' ']);
            let (areas, used) = read_areas(after);
            let reading = Reading { areas };
            let end = body_offset + body.len() - after.len() + used;
            let mut item = Item {
                author: names.clone(),
                ..Item::default()
            };
            item.volume = reading.volume();
            let mut cit = new_citation(Form::Short, item, reading.locator(), end);
            cit.short_author = names.first().and_then(|n| n.family.clone());
            cit.same_author_as_previous = same_author;
            return Some(cit);
        }
    }
    if authors.is_empty() && !same_author && !starts_like_title(body) {
        return None;
    }
    let mut cit = titled_citation(after_authors, authors)?;
    cit.end += body_offset + (body.len() - after_authors.len());
    cit.same_author_as_previous = same_author;
    Some(cit)
}

/// A title starts with a capital letter (Cyrillic or Latin), a digit or
/// a quotation mark.
fn starts_like_title(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    first.is_uppercase() || first.is_ascii_digit() || crate::text::is_open_quote(first)
}

/// `Ф. 45. Оп. 1`, `ф. 558, оп. 11`: the fond and opis' of an archival
/// reference.
fn fond_opis(i: &str) -> Res<'_, &str> {
    recognize(tuple((
        alt((tag("Ф."), tag("ф."), tag("Фонд"))),
        space0,
        take_while1(|c: char| c.is_alphanumeric() || c == '-'),
        alt((tag(". "), tag(", "))),
        alt((tag("Оп."), tag("оп."), tag("Опись"))),
    )))(i)
}

/// `Ф. 5`, `Оп. 2`, `П. 302`, `Д. 11`: a level of an archival reference
/// above the folio.
fn archival_level(i: &str) -> Res<'_, &str> {
    recognize(tuple((
        alt((
            tag("Ф."),
            tag("ф."),
            tag("Оп."),
            tag("оп."),
            tag("П."),
            tag("п."),
            tag("Д."),
            tag("д."),
        )),
        space0,
        digit1,
    )))(i)
}

/// True if the segment holds an archival reference (a fond and opis'),
/// which the archival grammar reads.
pub fn is_archival_reference(s: &str) -> bool {
    // `Ф` and `ф` are the bytes D0 A4 and D1 84: found by their second
    // byte (few other characters end with one of the two).
    let bytes = s.as_bytes();
    memchr::memchr2_iter(0xa4, 0x84, bytes).any(|second| {
        let Some(p) = second.checked_sub(1) else {
            return false;
        };
        matches!((bytes[p], bytes[second]), (0xd0, 0xa4) | (0xd1, 0x84))
            && (p == 0 || bytes[p - 1] == b' ')
            && fond_opis(&s[p..]).is_ok()
    })
}

/// The citation after its authors: title area, optional host after `//`,
/// then the areas. `end` is relative to `s`.
fn titled_citation(s: &str, authors: Vec<Name>) -> Option<GostCitation> {
    let host_at = host_start(s);
    let (title, resp, limit, boundary) = title_area_before(s, host_at);
    if title.is_empty()
        || !title
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || crate::text::is_open_quote(c))
    {
        return None;
    }
    let ellipsis = s[limit..].starts_with("...") || s[limit..].starts_with('…');
    let rest_start = limit + separator_len(&s[limit..]);
    let mut item = Item {
        author: authors,
        ..Item::default()
    };
    let r = responsibility(resp.unwrap_or(""));
    if item.author.is_empty() {
        item.author = r.authors;
    }
    item.editor = r.editors;
    item.translator = r.translators;
    let host = host_at
        .filter(|(end, _)| *end == limit)
        .map(|(_, h)| &s[h..]);
    if let Some(host) = host {
        if let Ok((after, _)) = preceded(space0, ibid_word)(host) {
            // `// Там же. С. 68.`: a part of the previous citation's host;
            // `// Там же. 1992. № 6.`: another issue of the same periodical.
            let after = after.trim_start_matches(['.', ',', ' ']);
            let (areas, used) = read_areas(after);
            let reading = Reading { areas };
            item.title = Some(strip_title_quotes(title));
            fill_common(&mut item, &reading);
            let periodical = reading.imprint().is_none() && reading.year().is_some();
            item.kind = if periodical {
                ItemType::ArticleJournal
            } else {
                ItemType::Chapter
            };
            if !periodical {
                document_heading(&mut item);
            }
            let mut cit = new_citation(
                Form::Full,
                item,
                reading.locator(),
                s.len() - after.len() + used,
            );
            cit.host_as_previous = true;
            return Some(cit);
        }
        let host = host.trim_start();
        let (container, host_resp, hlimit, hboundary) = title_area(host);
        let after_at = hlimit + separator_len(&host[hlimit..]);
        let after = &host[after_at..];
        let (areas, used) = read_areas_at(host, after_at, hboundary);
        let reading = Reading { areas };
        let end = s.len() - after.len() + used;
        item.title = Some(strip_title_quotes(title));
        item.container_title = Some(strip_title_quotes(container));
        if let Some(hr) = host_resp {
            let hr = responsibility(hr);
            item.editor.extend(hr.editors);
            item.translator.extend(hr.translators);
        }
        fill_common(&mut item, &reading);
        if reading.imprint().is_some() {
            item.kind = ItemType::Chapter;
            document_heading(&mut item);
        } else if let Some((d, m)) = reading.day_month() {
            item.kind = ItemType::ArticleNewspaper;
            item.issued = reading.year().map(|y| Date::ymd(y, Some(m), Some(d)));
        } else {
            item.kind = ItemType::ArticleJournal;
        }
        return Some(new_citation(Form::Full, item, reading.locator(), end));
    }
    let (areas, used) = read_areas_at(s, rest_start, boundary);
    let reading = Reading { areas };
    let end = rest_start + used;
    let has_year = reading.year().is_some();
    if reading.areas.is_empty() && !ellipsis && item.author.is_empty() && item.editor.is_empty() {
        // A sentence with nothing of a reference after it: commentary.
        return None;
    }
    let mut cit;
    if reading.imprint().is_none() && !has_year && (ellipsis || !is_collected_works(title)) {
        // A title with no imprint and no date: a short form.
        item.title = Some(strip_title_quotes(title));
        cit = new_citation(Form::Short, item, reading.locator(), end);
        cit.short_author = cit.item.author.first().and_then(|n| n.family.clone());
        cit.short_title = cit.item.title.clone();
        return Some(cit);
    }
    if reading.imprint().is_none() && has_year && item.author.is_empty() {
        // A periodical cited by its issue: `Правда. 1950. 2 февраля.`
        item.container_title = Some(strip_title_quotes(title));
        fill_common(&mut item, &reading);
        match reading.day_month() {
            Some((d, m)) => {
                item.kind = ItemType::ArticleNewspaper;
                item.issued = reading.year().map(|y| Date::ymd(y, Some(m), Some(d)));
            }
            None => item.kind = ItemType::ArticleJournal,
        }
        return Some(new_citation(Form::Full, item, reading.locator(), end));
    }
    item.kind = ItemType::Book;
    item.title = Some(strip_title_quotes(title));
    if let Some(t) = thesis_marker(title) {
        // `Название: дис. ... канд. ист. наук`: the degree is the genre.
        item.kind = ItemType::Thesis;
        item.title = Some(strip_title_quotes(clean_title(&title[..t])));
        item.genre = Some(clean_title(&title[t + 2..]).to_string());
    }
    fill_common(&mut item, &reading);
    Some(new_citation(Form::Full, item, reading.locator(), end))
}

/// Collected works are cited without imprint in full notes
/// (`Ленин В. И. Полн. собр. соч. Т. 45. С. 343.`).
fn is_collected_works(title: &str) -> bool {
    const TITLES: &[&str] = &[
        "Полн. собр. соч",
        "Полное собрание сочинений",
        "Собр. соч",
        "Собрание сочинений",
        "Сочинения",
        "Соч",
    ];
    let t = title.trim_end_matches('.');
    TITLES.contains(&t)
}

fn strip_title_quotes(t: &str) -> String {
    crate::text::strip_quotes(t).to_string()
}

/// Imprint, year, volume and issue from the areas.
fn fill_common(item: &mut Item, reading: &Reading) {
    if let Some((place, publisher, y)) = reading.imprint() {
        item.publisher_place = Some(place.to_string());
        item.publisher = publisher.map(str::to_string);
        item.issued = Some(y.clone());
    } else if let Some(y) = reading.year() {
        item.issued = Some(Date::ymd(y, None, None));
    }
    let has_volume = reading.areas.iter().any(|a| matches!(a, Area::Volume(_)));
    item.volume = reading.volume();
    item.issue = reading.issue();
    if has_volume {
        item.number = reading.book_or_part();
    }
}

/// A document published in a collection: its heading opens with a genre
/// word; the genre is that word as printed (lowercase), and the date in
/// the heading is the document's own date.
fn document_heading(item: &mut Item) {
    let Some(title) = item.title.as_deref() else {
        return;
    };
    let lower = title.to_lowercase();
    if let Some(g) = document_genres().iter().find(|g| {
        lower.starts_with(g.as_str()) && !lower[g.len()..].starts_with(|c: char| c.is_alphabetic())
    }) {
        item.genre = Some(g.clone());
        item.original_date = last_full_date(title);
    }
}

// ---------------------------------------------------------------- notes

/// Splits a Russian note into citation segments at `;`, except where the
/// `;` joins places (`М.; Л.`), continues a statement of responsibility
/// (`; сост. ...`) or a list of issues (`; 1992. № 1`): a new segment
/// starts with a capital letter that is not a place.
pub fn split_gost_note(note: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    for (pos, c) in note.char_indices() {
        match c {
            '(' | '[' | '«' => depth += 1,
            ')' | ']' | '»' => depth -= 1,
            ';' if depth <= 0 => {
                let next = note[pos + 1..].trim_start();
                let starts_new = next.chars().next().is_some_and(|c| c.is_uppercase())
                    && places_list(next).is_err()
                    && place(next).is_err();
                if starts_new {
                    out.push(start..pos);
                    start = pos + 1;
                }
            }
            _ => {}
        }
    }
    out.push(start..note.len());
    out.into_iter()
        .map(|r| {
            let piece = &note[r.clone()];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            r.start + lead..r.end - trail
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// Reads every Russian citation of a note, with its byte span in the note.
/// Segments that are not citations (commentary, archival references,
/// which the archival grammar reads) are skipped.
pub fn parse_gost_note(note: &str) -> Vec<(Range<usize>, GostCitation)> {
    split_gost_note(note)
        .into_iter()
        .filter_map(|r| {
            let cit = parse_gost_citation(&note[r.clone()])?;
            Some((r.start..r.start + cit.end.min(r.len()), cit))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_told_without_counting_as_by_counting() {
        // A text with no char of the Cyrillic block is told apart before
        // its letters are counted: the same answer as the count gives.
        for c in ('\u{0300}'..='\u{0600}').chain(['\u{2116}', 'ß', '“', 'Ǆ', '҂']) {
            for t in [
                c.to_string(),
                format!("Ann Lee{c}, Frost, 12."),
                format!("{c}{c} Ёл"),
                format!("{c} 12"),
            ] {
                let (cyrillic, letters) = crate::split::cyrillic_letters(&t);
                assert_eq!(
                    is_russian(&t),
                    is_russian_by_letters(cyrillic, letters),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn offsets_map_back_as_a_map_of_every_byte() {
        // The normalization as first written, with the offset of every
        // byte in a vector.
        fn push_byte_map(text: &mut String, origin: &mut Vec<usize>, c: char, at: usize) {
            text.push(c);
            origin.extend(std::iter::repeat_n(at, c.len_utf8()));
        }
        fn by_bytes(s: &str) -> (String, Vec<usize>) {
            const DROPS: &[(&str, usize)] = &[
                (". – ", 2),
                (". — ", 2),
                (". - ", 2),
                (" : ", 0),
                (" ; ", 0),
            ];
            let mut text = String::with_capacity(s.len());
            let mut origin = Vec::with_capacity(s.len() + 1);
            let mut pos = 0;
            let bytes = s.as_bytes();
            while pos < s.len() {
                // A run of text kept as it is: up to a '.', ' ' or '[' (which
                // open the patterns below) or a lead byte 0xC2 / 0xE2 (of the
                // no-break spaces among others), copied at once; each byte maps
                // to the start of its char.
                let run = bytes[pos..]
                    .iter()
                    .position(|&b| matches!(b, b'.' | b' ' | b'[' | 0xC2 | 0xE2))
                    .unwrap_or(bytes.len() - pos);
                if run > 0 {
                    text.push_str(&s[pos..pos + run]);
                    let mut start = pos;
                    for (k, &b) in bytes[pos..pos + run].iter().enumerate() {
                        if b & 0xC0 != 0x80 {
                            start = pos + k;
                        }
                        origin.push(start);
                    }
                    pos += run;
                    continue;
                }
                // A space that no colon or semicolon follows opens none of the
                // patterns below (most spaces): kept as it is.
                if bytes[pos] == b' ' && !matches!(bytes.get(pos + 1), Some(b':' | b';')) {
                    text.push(' ');
                    origin.push(pos);
                    pos += 1;
                    continue;
                }
                let rest = &s[pos..];
                // Every pattern below opens with '.', ' ' or '['.
                if rest.starts_with(['.', ' ', '[']) {
                    // Drop the dash (and its space) of an area separator, or the
                    // space before a colon: `skip` bytes at `at`.
                    let drop = DROPS
                        .iter()
                        .find(|(pat, at)| {
                            // An area dash is followed by an area, which does not
                            // start in lowercase (`1945 г. — июнь 1948 г.` is a title).
                            rest.starts_with(pat)
                                && (*at == 0
                                    || !rest[pat.len()..].starts_with(|c: char| c.is_lowercase()))
                        })
                        .map(|(pat, at)| {
                            let dash_len = pat[*at..].chars().next().map_or(1, char::len_utf8);
                            (*at, if *at == 0 { 1 } else { dash_len + 1 })
                        });
                    if let Some((at, skip)) = drop {
                        for (i, c) in rest[..at].char_indices() {
                            push_byte_map(&mut text, &mut origin, c, pos + i);
                        }
                        pos += at + skip;
                        continue;
                    }
                    if let Some(r) = rest.strip_prefix("[и др.]") {
                        for (i, c) in "и др.".char_indices() {
                            push_byte_map(&mut text, &mut origin, c, pos + '['.len_utf8() + i);
                        }
                        pos += rest.len() - r.len();
                        continue;
                    }
                }
                let c = rest.chars().next().unwrap_or(' ');
                let c = if c == '\u{a0}' || c == '\u{202f}' {
                    ' '
                } else {
                    c
                };
                push_byte_map(&mut text, &mut origin, c, pos);
                pos += rest.chars().next().map_or(1, char::len_utf8);
            }
            origin.push(s.len());
            (text, origin)
        }

        let mut texts: Vec<String> = [
            "Иванов И. И. История. – М.: Наука, 1990. – 200 с.",
            "Петров П. П. [и др.] Очерки . — СПб. : Нева ; 2001. - 12 с.",
            "a\u{a0}b\u{202f}c . – d . — e . - f",
            "Сидоров. – история. — «Заря»",
            "",
            " ",
            ". – ",
            "[и др.]",
            "x [и др.",
        ]
        .map(String::from)
        .to_vec();
        let pieces = [
            ". – ",
            ". — ",
            ". - ",
            " : ",
            " ; ",
            "[и др.]",
            "\u{a0}",
            "\u{202f}",
            " ",
            ".",
            "[",
            "ё",
            "Ж",
            "€",
            "𝔸",
            "a",
            ":",
            "–",
        ];
        for a in pieces {
            for b in pieces {
                for c in ["", "x", "я", "А"] {
                    texts.push(format!("{a}{c}{b}{c}"));
                    texts.push(format!("Ив{a}{b}ан {c}"));
                }
            }
        }
        for t in &texts {
            let norm = Normalized::new(t);
            let (text, origin) = by_bytes(t);
            assert_eq!(norm.text, text, "{t:?}");
            for n in 0..text.len() + 3 {
                assert_eq!(
                    norm.original_offset(n),
                    origin[n.min(origin.len() - 1)],
                    "{t:?} at {n}"
                );
            }
        }
    }

    #[test]
    fn separators_and_texts_are_found_as_str_finds_them() {
        for text in [
            "Лес. М., 2001. С. 5.",
            ". . ",
            "a.",
            "",
            "М.: Наука, 2001: с. 3",
            "Лес…. «Вести», 1950",
            "Лес / сост. И. Лесов // Вести. В кн.: Лес. В кн.: Сад",
            "a//b///c / / d. «Е», 1. «Ж», 2",
        ] {
            for sep in [". ", ", ", ": "] {
                let found: Vec<usize> = text.match_indices(sep).map(|(p, _)| p).collect();
                assert_eq!(separators(text, sep).collect::<Vec<_>>(), found, "{text}");
            }
            for needle in ["...", "…", ". «", "//", " / ", ". В кн.: ", "», ", "."] {
                assert_eq!(find_text(text, needle), text.find(needle), "{text}");
                let every: Vec<usize> = text_positions(text, needle).collect();
                let by_str: Vec<usize> = (0..text.len())
                    .filter(|&p| text.as_bytes()[p..].starts_with(needle.as_bytes()))
                    .collect();
                assert_eq!(every, by_str, "{text}");
            }
        }
    }

    #[test]
    fn areas_opening_with_a_digit_read_as_before() {
        assert_eq!(area("1950. С. 3"), Ok((". С. 3", Area::Year(1950))));
        assert_eq!(
            area("2 февраля 1950 г."),
            Ok(("", Area::DayMonth(2, 2, Some(1950))))
        );
        assert_eq!(area("352 с."), Ok(("", Area::Skipped)));
        assert!(area("12 человек").is_err());
        assert!(signal("Иванов И. И.").is_err());
        assert_eq!(signal("См. также: Лес"), Ok(("Лес", "См. также: ")));
    }

    #[test]
    fn area_dispatch_reads_as_every_reading() {
        // Every char boundary of the Russian fixtures, of the seed, of the
        // GOST tests, and of a generated set of area starts and tails.
        let mut texts: Vec<String> = [
            include_str!("../../fixtures/russian/russian-notes.txt"),
            include_str!("../../fixtures/korean-war-origins.txt"),
            include_str!("../../tests/gost.rs"),
        ]
        .iter()
        .flat_map(|t| t.lines())
        .map(str::to_string)
        .collect();
        let heads = [
            "Т.",
            "Т. ",
            "Кн.",
            "кн. ",
            "Ч.",
            "ч.",
            "Вып.",
            "№",
            "№ ",
            "С.",
            "с.",
            "Стб.",
            "Лл.",
            "Л.",
            "л.",
            "Изд. ",
            "Изд. 3-е",
            "Репринт",
            "М.",
            "М.; Л.",
            "СПб.",
            "Киров",
            "Нью Йорк",
            "2-е изд",
            "12",
            "1950",
            "2 февраля",
            "352 с.",
            "Т",
            "И",
            "Р",
            "",
            "«Правда»",
            "Лес",
            "ч",
            "Х",
            "I",
        ];
        let tails = [
            "",
            " 5",
            "5",
            " 12–14",
            " XI",
            ": Наука, 2001",
            ", 1998",
            ": Изд-во, 2009",
            " (3)",
            "-е",
            ". С. 5",
            " 3 (12)",
            " 1950 г.",
            ", Госполитиздат, 1958",
            "–1977",
            " об.",
            "12а",
            ". 1",
        ];
        for h in heads {
            for t in tails {
                texts.push(format!("{h}{t}"));
            }
        }
        for text in &texts {
            for (k, _) in text.char_indices() {
                let i = &text[k..];
                assert_eq!(area(i).ok(), area_by_every_reading(i).ok(), "{i}");
            }
        }
    }

    #[test]
    fn nominative() {
        assert_eq!(nominative_surname("Иванова"), "Иванов");
        assert_eq!(nominative_surname("Тихвинского"), "Тихвинский");
        assert_eq!(nominative_surname("Быстровой"), "Быстрова");
        assert_eq!(nominative_surname("Рабиновича"), "Рабинович");
        assert_eq!(nominative_surname("Черных"), "Черных");
        assert_eq!(nominative_surname("Шевченко"), "Шевченко");
    }

    #[test]
    fn initials_read() {
        assert_eq!(initials("И. И. Иванов"), Ok((" Иванов", "И. И.")));
        assert_eq!(initials("И.И. Иванов"), Ok((" Иванов", "И.И.")));
        assert_eq!(squash_initials("И.И."), "И. И.");
    }

    #[test]
    fn imprints() {
        assert_eq!(
            imprint("М.: Наука, 2001. С. 5"),
            Ok((
                ". С. 5",
                (
                    "М.".into(),
                    Some("Наука".into()),
                    Date::ymd(2001, None, None)
                )
            ))
        );
        assert_eq!(
            imprint("М.; Л., 1950."),
            Ok((".", ("М.; Л.".into(), None, Date::ymd(1950, None, None))))
        );
        assert!(imprint("Мао Цзэдун, 1950").is_err());
    }
}
