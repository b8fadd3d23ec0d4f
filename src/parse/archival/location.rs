//! The levels of an archival reference: fond, opis', papka, delo, folios.
//!
//! Every printed shape reads into the same [`ArchivalLocation`]: Latin and Cyrillic
//! markers (`F.`, `fond`, `ф.`; `Op.`, `opis'`, `оп.`; `Pap.`, `п.`; `D.`,
//! `ed. khr.`, `ед. хр.`; `L.`, `Ll.`, `listy`, `л.`; the Ukrainian `spr.`/`спр.`
//! (sprava) and `ark.`/`арк.` (arkush), the Lithuanian `ap.` (apyrašas) and
//! `b.` (byla)), markers doubled with
//! a parenthesized abbreviation (`Fond (F.) 45`, `(L.) Listy 554`,
//! `Pap.(Papka) 11`), values with prefixes and letters (`R-5446`, `Р-5446`,
//! `059a`), folios with verso (`7ob.`, `17 об.`, `34–35 об.`), comma or
//! period separators with or without spaces, in any order. The slash
//! shorthand `17/162/39` and collection document numbers (`SD00235`) have
//! their own parsers.

use nom::{
    branch::alt,
    bytes::complete::{tag, take_while, take_while1, take_while_m_n},
    character::complete::{char, space0, space1},
    combinator::{opt, recognize, verify},
    multi::many0,
    sequence::{pair, preceded, tuple},
    IResult,
};

/// One level of an archival reference, from the highest to the lowest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Fond,
    Opis,
    /// The "perechen'" (list) that stands for the opis' in RGANI's fond 89.
    Perechen,
    Papka,
    Delo,
    /// The "dokument" that stands for the delo in RGANI's fond 89.
    Dokument,
    Folios,
}

/// The levels of a reference live in [`ArchivalLocation`]; these methods
/// read and write them by [`Level`].
impl ArchivalLocation {
    /// The value printed for a level.
    pub fn get(&self, level: Level) -> Option<&String> {
        match level {
            Level::Fond => self.fond.as_ref(),
            Level::Opis => self.opis.as_ref(),
            Level::Papka => self.papka.as_ref(),
            Level::Delo => self.delo.as_ref(),
            Level::Folios => self.folios.as_ref(),
            Level::Perechen => self.perechen.as_ref(),
            Level::Dokument => self.dokument.as_ref(),
        }
    }

    /// The place of a level's value.
    pub fn slot(&mut self, level: Level) -> &mut Option<String> {
        match level {
            Level::Fond => &mut self.fond,
            Level::Opis => &mut self.opis,
            Level::Papka => &mut self.papka,
            Level::Delo => &mut self.delo,
            Level::Folios => &mut self.folios,
            Level::Perechen => &mut self.perechen,
            Level::Dokument => &mut self.dokument,
        }
    }

    /// How many levels are printed.
    pub fn count(&self) -> usize {
        ALL_LEVELS
            .iter()
            .filter(|l| self.get(**l).is_some())
            .count()
    }

    /// The highest level printed.
    pub fn highest(&self) -> Option<Level> {
        ALL_LEVELS.iter().copied().find(|l| self.get(*l).is_some())
    }
}

pub const ALL_LEVELS: [Level; 7] = [
    Level::Fond,
    Level::Opis,
    Level::Perechen,
    Level::Papka,
    Level::Delo,
    Level::Dokument,
    Level::Folios,
];

use super::ArchivalLocation;

type Res<'a, T> = IResult<&'a str, T>;

fn fail<T>(i: &str) -> Res<'_, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

/// Level markers as printed. Abbreviations carry their period; whole
/// words must end on a word boundary. Latin `p.`/`P.` usually means page:
/// it is read as papka only between two other levels (see
/// [`WEAK_PAPKA`]).
const MARKERS: &[(&str, Level)] = &[
    ("ed. khr.", Level::Delo),
    ("ed.khr.", Level::Delo),
    ("Ed. khr.", Level::Delo),
    ("ед. хр.", Level::Delo),
    ("ед.хр.", Level::Delo),
    ("Ед. хр.", Level::Delo),
    ("Fond", Level::Fond),
    ("fond", Level::Fond),
    ("Фонд", Level::Fond),
    ("фонд", Level::Fond),
    ("F.", Level::Fond),
    ("f.", Level::Fond),
    ("Ф.", Level::Fond),
    ("ф.", Level::Fond),
    ("Opis'", Level::Opis),
    ("opis'", Level::Opis),
    ("Opis’", Level::Opis),
    ("opis’", Level::Opis),
    ("Opis", Level::Opis),
    ("opis", Level::Opis),
    ("Опись", Level::Opis),
    ("опись", Level::Opis),
    ("Op.", Level::Opis),
    ("op.", Level::Opis),
    ("Оп.", Level::Opis),
    ("оп.", Level::Opis),
    ("apr.", Level::Opis),
    ("ap.", Level::Opis),
    ("o.", Level::Opis),
    ("Perechen'", Level::Perechen),
    ("perechen'", Level::Perechen),
    ("Perechen", Level::Perechen),
    ("perechen", Level::Perechen),
    ("Per.", Level::Perechen),
    ("per.", Level::Perechen),
    ("Перечень", Level::Perechen),
    ("перечень", Level::Perechen),
    ("Пер.", Level::Perechen),
    ("пер.", Level::Perechen),
    ("Dokument", Level::Dokument),
    ("dokument", Level::Dokument),
    ("Dok.", Level::Dokument),
    ("dok.", Level::Dokument),
    ("Документ", Level::Dokument),
    ("документ", Level::Dokument),
    ("Док.", Level::Dokument),
    ("док.", Level::Dokument),
    ("Papka", Level::Papka),
    ("papka", Level::Papka),
    ("Папка", Level::Papka),
    ("папка", Level::Papka),
    ("Pap.", Level::Papka),
    ("pap.", Level::Papka),
    ("П.", Level::Papka),
    ("п.", Level::Papka),
    ("p.", Level::Papka),
    ("P.", Level::Papka),
    ("spr.", Level::Delo),
    ("Spr.", Level::Delo),
    ("спр.", Level::Delo),
    ("Спр.", Level::Delo),
    ("b.", Level::Delo),
    ("Delo", Level::Delo),
    ("delo", Level::Delo),
    ("Дело", Level::Delo),
    ("дело", Level::Delo),
    ("D.", Level::Delo),
    ("d.", Level::Delo),
    ("Д.", Level::Delo),
    ("д.", Level::Delo),
    ("Listy", Level::Folios),
    ("listy", Level::Folios),
    ("List", Level::Folios),
    ("list", Level::Folios),
    ("Листы", Level::Folios),
    ("листы", Level::Folios),
    ("Лист", Level::Folios),
    ("лист", Level::Folios),
    ("ark.", Level::Folios),
    ("Ark.", Level::Folios),
    ("арк.", Level::Folios),
    ("Арк.", Level::Folios),
    ("Ll.", Level::Folios),
    ("ll.", Level::Folios),
    ("LL.", Level::Folios),
    ("Лл.", Level::Folios),
    ("лл.", Level::Folios),
    ("L.", Level::Folios),
    ("l.", Level::Folios),
    ("Л.", Level::Folios),
    ("л.", Level::Folios),
];

/// One level marker word or abbreviation.
fn bare_marker(i: &str) -> Res<'_, Level> {
    let Some(&[a, b]) = i.as_bytes().get(..2) else {
        return fail(i);
    };
    // Tried at every word of a segment: only the markers that open with
    // the same two bytes (every marker has two or more) are compared, in
    // table order.
    let by_head = markers_by_head();
    let head = u16::from_be_bytes([a, b]);
    let from = by_head.partition_point(|(h, _)| *h < head);
    let same_head = by_head[from..].iter().take_while(|(h, _)| *h == head);
    for (text, level) in same_head.map(|(_, k)| MARKERS[*k]) {
        if let Some(rest) = i.strip_prefix(text) {
            let word = !text.ends_with('.');
            if word && rest.chars().next().is_some_and(|c| c.is_alphabetic()) {
                continue;
            }
            return Ok((rest, level));
        }
    }
    fail(i)
}

/// The markers' first two bytes (as one big-endian number, which sorts as
/// they do) with their place in [`MARKERS`], sorted by the bytes and, for
/// equal bytes, by place.
fn markers_by_head() -> &'static [(u16, usize)] {
    static BY_HEAD: std::sync::OnceLock<Vec<(u16, usize)>> = std::sync::OnceLock::new();
    BY_HEAD.get_or_init(|| {
        let mut by_head: Vec<(u16, usize)> = MARKERS
            .iter()
            .enumerate()
            .map(|(k, (t, _))| (u16::from_be_bytes([t.as_bytes()[0], t.as_bytes()[1]]), k))
            .collect();
        by_head.sort_unstable();
        by_head
    })
}

/// A marker in parentheses: "(F.)", "(Papka)".
fn paren_marker(i: &str) -> Res<'_, Level> {
    let (rest, (_, _, level, _, _)) =
        tuple((char('('), space0, bare_marker, space0, char(')')))(i)?;
    Ok((rest, level))
}

/// A level marker, possibly doubled by a parenthesized form before or
/// after it: "Fond (F.)", "(L.) Listy", "Pap.(Papka)".
#[inline]
fn marker(i: &str) -> Res<'_, Level> {
    let (i, before) = opt(pair(paren_marker, space0))(i)?;
    let (i, level) = bare_marker(i)?;
    let (i, _) = opt(pair(space0, paren_marker))(i)?;
    if before.is_some_and(|(b, _)| b != level) {
        return fail(i);
    }
    Ok((i, level))
}

/// Latin spelling of a level value: Cyrillic letters romanized ("Р-5446"
/// is "R-5446", "5а" is "5a", "4-ос" is "4-os"), dashes plain.
pub fn latin_value(s: &str) -> String {
    // Most values are ASCII already: nothing to romanize, no dash to plain.
    if s.is_ascii() {
        return s.to_string();
    }
    crate::authority::people::romanize(s)
        .chars()
        .map(|c| match c {
            '–' | '—' | '‒' | '−' => '-',
            c => c,
        })
        .collect()
}

/// Between `min` and `max` characters (not bytes) that satisfy `pred`.
fn take_chars(
    min: usize,
    max: usize,
    pred: impl Fn(char) -> bool,
) -> impl Fn(&str) -> Res<'_, &str> {
    move |i: &str| {
        let end = i
            .char_indices()
            .take(max)
            .take_while(|&(_, c)| pred(c))
            .last()
            .map_or(0, |(pos, c)| pos + c.len_utf8());
        if i[..end].chars().count() < min {
            return fail(i);
        }
        Ok((&i[end..], &i[..end]))
    }
}

fn is_value_letter(c: char) -> bool {
    c.is_alphabetic() && (c.is_ascii() || matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// A fond, opis', papka or delo number: an optional letter prefix with an
/// optional hyphen ("R-5446", "Р-5446", "M-1"), digits, and at most two
/// letters after them ("059a", "5a") that do not start a word.
fn number_value(i: &str) -> Res<'_, String> {
    number_value_as::<true>(i)
}

/// [`number_value`], its value built only when `VALUES` (else the empty
/// string: the same reading, for a test that asks only whether it reads).
fn number_value_as<const VALUES: bool>(i: &str) -> Res<'_, String> {
    let prefix = pair(
        take_chars(1, 2, |c: char| c.is_uppercase() && is_value_letter(c)),
        opt(alt((char('-'), char('–')))),
    );
    let hyphen_suffix = pair(
        alt((char('-'), char('–'))),
        take_chars(1, 3, |c: char| c.is_lowercase() && is_value_letter(c)),
    );
    let (rest, text) = recognize(tuple((
        opt(prefix),
        take_while1(|c: char| c.is_ascii_digit()),
        take_chars(0, 2, |c: char| c.is_lowercase() && is_value_letter(c)),
        opt(hyphen_suffix),
    )))(i)?;
    if rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return fail(i);
    }
    Ok((
        rest,
        if VALUES {
            latin_value(text)
        } else {
            String::new()
        },
    ))
}

/// The verso mark after a folio number: "ob.", "об.", "v.", with or
/// without a space before it.
fn verso(i: &str) -> Res<'_, &str> {
    let (rest, _) = space0(i)?;
    let (rest, word) = alt((tag("ob"), tag("об"), tag("v")))(rest)?;
    if rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return fail(i);
    }
    let (rest, _) = opt(char('.'))(rest)?;
    Ok((rest, word))
}

/// One folio: digits, optional letter ("12a"), optional verso.
fn folio_as<const VALUES: bool>(i: &str) -> Res<'_, String> {
    let (rest, number) = recognize(pair(
        take_while1(|c: char| c.is_ascii_digit()),
        take_chars(0, 1, |c: char| {
            c.is_lowercase() && is_value_letter(c) && !matches!(c, 'v' | 'o' | 'о')
        }),
    ))(i)?;
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return fail(i);
    }
    let (rest, back) = opt(verso)(rest)?;
    if !VALUES {
        return Ok((rest, String::new()));
    }
    let mut out = latin_value(number);
    if back.is_some() {
        out.push_str(" ob.");
    }
    Ok((rest, out))
}

fn range_dash(i: &str) -> Res<'_, &str> {
    recognize(tuple((
        space0,
        alt((char('-'), char('–'), char('—'), char('‒'))),
        space0,
    )))(i)
}

/// "34–35 об." or "7": a folio or a range of folios.
fn folio_range_as<const VALUES: bool>(i: &str) -> Res<'_, String> {
    let (rest, first) = folio_as::<VALUES>(i)?;
    match preceded(range_dash, folio_as::<VALUES>)(rest) {
        Ok((rest, last)) if VALUES => Ok((rest, format!("{first}-{last}"))),
        Ok((rest, _)) => Ok((rest, first)),
        Err(_) => Ok((rest, first)),
    }
}

/// Folios: ranges separated by commas or "and"/"и" ("4-5, 7", "12 and 14").
pub fn folios(i: &str) -> Res<'_, String> {
    folios_as::<true>(i)
}

/// [`folios`], its value built only when `VALUES` (see
/// [`number_value_as`]).
fn folios_as<const VALUES: bool>(i: &str) -> Res<'_, String> {
    let mut joiner = alt((
        recognize(pair(char(','), space0)),
        recognize(tuple((space1, alt((tag("and"), tag("и"))), space1))),
    ));
    let (mut rest, mut out) = folio_range_as::<VALUES>(i)?;
    // What `many0` of the joiner and a range reads, without its vector:
    // each range read moves on (the joiner reads a char at least), or
    // the reading stops as `many0` does.
    loop {
        let (after, _) = match joiner(rest) {
            Ok(read) => read,
            Err(nom::Err::Error(_)) => break,
            Err(e) => return Err(e),
        };
        let (after, m) = match folio_range_as::<VALUES>(after) {
            Ok(read) => read,
            Err(nom::Err::Error(_)) => break,
            Err(e) => return Err(e),
        };
        if after.len() >= rest.len() {
            return Err(nom::Err::Error(nom::error::Error::new(
                rest,
                nom::error::ErrorKind::Many0,
            )));
        }
        if VALUES {
            out.push_str(", ");
            out.push_str(&m);
        }
        rest = after;
    }
    Ok((rest, out))
}

/// One level: a marker and its value.
fn level(i: &str) -> Res<'_, (Level, String)> {
    level_as::<true>(i)
}

/// [`level`], its value built only when `VALUES` (see
/// [`number_value_as`]).
fn level_as<const VALUES: bool>(i: &str) -> Res<'_, (Level, String)> {
    let (rest, level) = marker(i)?;
    let (rest, _) = space0(rest)?;
    let (rest, value) = match level {
        Level::Folios => folios_as::<VALUES>(rest)?,
        _ => number_value_as::<VALUES>(rest)?,
    };
    // "f. 02/2" is a signature of another system, not a fond number.
    if rest.starts_with('/') {
        return fail(i);
    }
    Ok((rest, (level, value)))
}

/// What separates two levels: a comma or period, white space, or both.
fn level_separator(i: &str) -> Res<'_, &str> {
    alt((
        recognize(pair(opt(alt((char(','), char('.'), char(':')))), space1)),
        tag(","),
        tag("."),
    ))(i)
}

/// A run of levels in any order, each level at most once. Returns the
/// levels and the input after the last value (a separator after it is
/// not consumed).
pub fn levels(i: &str) -> Res<'_, ArchivalLocation> {
    if !may_open_levels(i) || is_weak_papka(i) {
        return fail(i);
    }
    let (rest, (first, value)) = level(i)?;
    let mut out = ArchivalLocation::default();
    *out.slot(first) = Some(value);
    let rest = more_levels(rest, &mut out);
    Ok((rest, out))
}

/// True exactly when [`levels`] reads a run of levels at the start of
/// `i` (the tests of [`levels`] before its first level, and that level),
/// without building the run: for a search that only asks whether one
/// opens there.
pub fn opens_levels(i: &str) -> bool {
    // Whether a level reads, its value not built.
    may_open_levels(i) && !is_weak_papka(i) && level_as::<false>(i).is_ok()
}

/// True if `i` opens with the first two characters of a marker, or with
/// a parenthesis and such a marker inside it (after spaces or tabs): the
/// only ways a run of levels can open. Searches for a reference try every
/// word; this turns most away at once (a Russian word by its first two
/// letters, not only by its first; a parenthesis that opens a place and
/// year, "(Boston: ...", by the word after it). No marker opens with a
/// parenthesis, so one is only ever the "(F.)" of [`paren_marker`].
pub(super) fn may_open_levels(i: &str) -> bool {
    let i = match i.strip_prefix('(') {
        Some(inside) => inside.trim_start_matches([' ', '\t']),
        None => i,
    };
    head_pair(i).is_some_and(|pair| crate::text::has_bit(marker_heads(), pair))
}

/// [`may_open_levels`] of the text of the two ASCII characters `a` and
/// `b`, `a` no '(': their [`head_pair`] is `a << 8 | b`. For the gate's
/// table of pairs, built once a run.
pub(super) fn pair_may_open_levels(a: u8, b: u8) -> bool {
    a.is_ascii()
        && b.is_ascii()
        && crate::text::has_bit(marker_heads(), usize::from(a) << 8 | usize::from(b))
}

/// One bit for each pair of characters ([`head_pair`]) that opens a
/// marker (8 KB).
fn marker_heads() -> &'static [u64] {
    static HEADS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    HEADS.get_or_init(|| {
        let mut bits = vec![0u64; 1 << 10];
        for (t, _) in MARKERS {
            let pair = head_pair(t).expect("markers open with Latin or Cyrillic characters");
            crate::text::set_bit(&mut bits, pair);
        }
        bits
    })
}

/// The first two characters of `i` as one number, when both are ASCII or
/// in the Cyrillic block U+0400..U+047F (where every marker's are):
/// read on bytes.
fn head_pair(i: &str) -> Option<usize> {
    let b = i.as_bytes();
    let (first, width) = char_code(b)?;
    let (second, _) = char_code(&b[width..])?;
    Some(first << 8 | second)
}

/// A character at the start of `b` numbered 0..256 (ASCII, then
/// U+0400..U+047F), with its length in bytes.
fn char_code(b: &[u8]) -> Option<(usize, usize)> {
    match *b {
        [a, ..] if a.is_ascii() => Some((usize::from(a), 1)),
        [lead @ (0xd0 | 0xd1), next, ..] => Some((
            128 + (usize::from(lead & 1) << 6 | usize::from(next & 0x3f)),
            2,
        )),
        _ => None,
    }
}

/// The markers that mean papka only between two other levels
/// ("op. 49, p. 410, d. 9"); elsewhere they mean page.
const WEAK_PAPKA: &[&str] = &["p.", "P."];

fn is_weak_papka(i: &str) -> bool {
    WEAK_PAPKA.iter().any(|m| i.starts_with(m))
}

/// Reads further levels after `rest` into `out`, each level at most once;
/// returns the input after the last one read.
fn more_levels<'a>(mut rest: &'a str, out: &mut ArchivalLocation) -> &'a str {
    while let Ok((after_sep, _)) = level_separator(rest) {
        match level(after_sep) {
            Ok((after, (l, v))) if out.get(l).is_none() => {
                if is_weak_papka(after_sep) {
                    let mut probe = out.clone();
                    *probe.slot(l) = Some(v.clone());
                    if more_levels(after, &mut probe).len() == after.len() {
                        break;
                    }
                }
                *out.slot(l) = Some(v);
                rest = after;
            }
            _ => break,
        }
    }
    rest
}

/// The slash shorthand of English books, fond/opis'/delo with optional
/// folios after a fourth slash: "17/162/39", "558/11/65/1-3".
pub fn slash_levels(i: &str) -> Res<'_, ArchivalLocation> {
    // The shorthand has its slash before any space, and its fond number
    // opens with a digit or a capital letter prefix. Tried at every word
    // of a segment: the slash is looked for on bytes first, up to the
    // first ASCII space (no character is decoded for most words).
    let ascii_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let slash = i
        .bytes()
        .position(|b| b == b'/' || ascii_space(b))
        .filter(|&at| i.as_bytes()[at] == b'/');
    let Some(slash) = slash else {
        return fail(i);
    };
    let opens = i
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c.is_uppercase());
    if !opens || i[..slash].contains(char::is_whitespace) {
        return fail(i);
    }
    let (rest, (fond, _, opis, _, delo)) = tuple((
        number_value,
        char('/'),
        number_value,
        char('/'),
        number_value,
    ))(i)?;
    let (rest, folios) = opt(preceded(char('/'), folio_range_as::<true>))(rest)?;
    let mut out = ArchivalLocation {
        fond: Some(fond),
        opis: Some(opis),
        delo: Some(delo),
        folios,
        ..ArchivalLocation::default()
    };
    // ArchivalLocation printed after the shorthand: "17/162/39, l. 4".
    let rest = more_levels(rest, &mut out);
    Ok((rest, out))
}

/// A collection's own document number: capital Latin letters followed by
/// at least three digits ("SD00235"). A class and piece of a British or
/// American archive ("CAB128/17", "FO371-84053") is not one.
pub fn document_number(i: &str) -> Res<'_, &str> {
    let (rest, code) = recognize(pair(
        take_while_m_n(1, 4, |c: char| c.is_ascii_uppercase()),
        verify(take_while(|c: char| c.is_ascii_digit()), |d: &str| {
            d.len() >= 3
        }),
    ))(i)?;
    if rest
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-'))
    {
        return fail(i);
    }
    Ok((rest, code))
}

/// Document numbers separated by commas or "and": "SD00252, SD00254".
pub fn document_numbers(i: &str) -> Res<'_, Vec<&str>> {
    // Tried at every capitalized word of a segment: one to four capitals
    // and a digit, tested on bytes, turn nearly all of them away.
    let capitals = i.bytes().take(5).take_while(u8::is_ascii_uppercase).count();
    if !(1..=4).contains(&capitals) || !i.as_bytes().get(capitals).is_some_and(u8::is_ascii_digit) {
        return fail(i);
    }
    let joiner = alt((
        recognize(pair(char(','), space0)),
        recognize(tuple((space1, tag("and"), space1))),
    ));
    let (rest, first) = document_number(i)?;
    let (rest, more) = many0(preceded(joiner, document_number))(rest)?;
    let mut out = vec![first];
    out.extend(more);
    Ok((rest, out))
}

/// The canonical printed form of levels: "f. 059a, op. 5a, pap. 11, d. 3,
/// ll. 87-91" (one folio "l.", several "ll.").
pub fn canonical(levels: &ArchivalLocation) -> String {
    let mut out = String::new();
    for l in ALL_LEVELS {
        if let Some(v) = levels.get(l) {
            let label = match l {
                Level::Fond => "f.",
                Level::Opis => "op.",
                Level::Papka => "pap.",
                Level::Delo => "d.",
                Level::Perechen => "per.",
                Level::Dokument => "dok.",
                Level::Folios if v.contains('-') || v.contains(',') => "ll.",
                Level::Folios => "l.",
            };
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(label);
            out.push(' ');
            out.push_str(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_may_open_levels_as_their_texts() {
        for a in (0..128u8).filter(|&a| a != b'(') {
            for b in 0..128u8 {
                let text = String::from_utf8(vec![a, b]).unwrap();
                assert_eq!(
                    pair_may_open_levels(a, b),
                    may_open_levels(&text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn levels_read_without_values_as_with_them() {
        // Every marker before values of every shape and what may follow.
        let values = [
            "12",
            "12-14",
            "12–14 об.",
            "5ob",
            "3, 5, 7-9",
            "3 and 5",
            "3 и 5",
            "R-5446",
            "Р-5446",
            "059a",
            "4-ос",
            "02/2",
            "12 v.",
            "1a-2b",
            "x",
            "",
            "7об",
            "12, ",
            "1,2",
            "5 ob, 6v",
            "33–34 об., 40",
            "3а",
            "I",
            "12,  13 and 14 и",
        ];
        for (m, _) in MARKERS {
            for sep in ["", " ", "  ", "\t"] {
                for v in values {
                    for tail in ["", ".", ", d. 5", "/3", "a", " ob.", "-"] {
                        let t = format!("{m}{sep}{v}{tail}");
                        fn strip(r: Res<'_, (Level, String)>) -> Option<(&str, Level)> {
                            r.ok().map(|(r, (l, _))| (r, l))
                        }
                        assert_eq!(strip(level_as::<false>(&t)), strip(level(&t)), "{t}");
                        assert_eq!(
                            folios_as::<false>(&t[m.len()..]).ok().map(|(r, _)| r),
                            folios(&t[m.len()..]).ok().map(|(r, _)| r),
                            "{t}"
                        );
                    }
                }
            }
        }
    }

    fn lv(s: &str) -> (String, &str) {
        let (rest, l) = levels(s).unwrap();
        (canonical(&l), rest)
    }

    #[test]
    fn parentheses_are_let_through_only_before_a_marker() {
        // Wherever a level reads after a parenthesis, the test holds; and
        // it turns away the parentheses of places and years.
        let mut texts: Vec<String> = Vec::new();
        for (m, _) in MARKERS {
            for open in ["(", "( ", "(\t", "((", "(\u{a0}"] {
                texts.push(format!("{open}{m}) {m} 12"));
                texts.push(format!("{open}{m} 12)"));
            }
        }
        texts.extend(["(Boston: Lake, 1990)", "(", "(F", "(1990)"].map(String::from));
        for t in &texts {
            if level(t).is_ok() || levels(t).is_ok() {
                assert!(may_open_levels(t), "{t}");
            }
        }
        assert!(!may_open_levels("(Boston: Lake Press, 1990), 12"));
        assert!(may_open_levels("(F.) Fond 5, op. 1") && opens_levels("(F.) Fond 5, op. 1"));
    }

    #[test]
    fn shapes() {
        assert_eq!(
            lv("Fond (F.) 45, Opis (Op.) 1, Delo (D.) 331, (L.) Listy 554.  I"),
            ("f. 45, op. 1, d. 331, l. 554".into(), ".  I")
        );
        assert_eq!(
            lv("F. 059a, Op. 5a, D. 3, Pap.(Papka) 11, Ll. 87-91."),
            ("f. 059a, op. 5a, pap. 11, d. 3, ll. 87-91".into(), ".")
        );
        assert_eq!(
            lv("F.0430, Op. 2, D. 18, Pap. 5, Ll.18-30").0,
            "f. 0430, op. 2, pap. 5, d. 18, ll. 18-30"
        );
        assert_eq!(
            lv("Ф. Р-5446. Оп. 1. Д. 12. Л. 34–35 об.").0,
            "f. R-5446, op. 1, d. 12, ll. 34-35 ob."
        );
        assert_eq!(
            lv("f. 17, op. 3, d. 1000, l. 7ob., and more").0,
            "f. 17, op. 3, d. 1000, l. 7 ob."
        );
        assert_eq!(
            lv("ф. 17, оп. 162, ед. хр. 39, лл. 4, 6–8").0,
            "f. 17, op. 162, d. 39, ll. 4, 6-8"
        );
        assert_eq!(lv("Ll. 13 - 14").0, "ll. 13-14");
        assert_eq!(lv("d. 1356, l. 8").0, "d. 1356, l. 8");
        assert_eq!(lv("Ф. 4-ос. Оп. 9. Д. 9").0, "f. 4-os, op. 9, d. 9");
        assert_eq!(
            lv("f. 1, op. 24, spr. 4264, ark. 12").0,
            "f. 1, op. 24, d. 4264, l. 12"
        );
    }

    #[test]
    fn page_is_not_papka() {
        assert!(levels("p. 348").is_err());
        assert_eq!(
            lv("f. 0100, op. 49, p. 410, d. 9, ll. 87-98").0,
            "f. 0100, op. 49, pap. 410, d. 9, ll. 87-98"
        );
        assert_eq!(
            lv("f. 0102, op. 6, d. 15, p. 21"),
            ("f. 0102, op. 6, d. 15".into(), ", p. 21")
        );
    }

    #[test]
    fn slash_and_numbers() {
        let (rest, l) = slash_levels("17/162/39, l. 4; x").unwrap();
        assert_eq!(
            (canonical(&l).as_str(), rest),
            ("f. 17, op. 162, d. 39, l. 4", "; x")
        );
        assert_eq!(
            document_numbers("SD00252, SD00254").unwrap().1,
            vec!["SD00252", "SD00254"]
        );
        assert!(document_number("SD12a").is_err());
        assert!(document_number("CAB128/17").is_err());
        let (_, l) = levels("F. 89, Per. 45, Dok. 1.").unwrap();
        assert_eq!(canonical(&l), "f. 89, per. 45, dok. 1");
    }
}
