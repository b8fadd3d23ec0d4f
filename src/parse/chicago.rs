//! Chicago-style notes: books, chapters, articles, reports, conference
//! papers, interviews, periodical issues, and short forms.
//!
//! A citation is read around its anchors: the publication parenthesis
//! `(Place: Publisher, Year)` of a book, the quoted title of an article or
//! chapter, the `No. N (Date)` of a periodical, the locator at its end.
//! What stands before an anchor is the author list and title; what stands
//! after it is the container and the pinpoint. Small nom grammars read each
//! piece.

use super::dates::{self, parse_date};
use super::layout::{self, chunks, inner};
use super::locator::{trailing_locator, word_no_case, Pinpoint};
use super::names::{self, is_body, parse_name, split_name_list};
use super::{publishers, roles};
use crate::model::{Date, Form, Item, ItemType, Locator, Name};
use crate::text::{count_words_up_to, is_squashed, squash_spaces};
use crate::text::{trim_punct, TrimWs};
use nom::{
    branch::alt,
    bytes::complete::{tag, take_while1},
    character::complete::{char, space0},
    combinator::opt,
    sequence::{preceded, tuple},
    IResult,
};
use std::borrow::Cow;
use std::ops::Range;

/// What a short form prints to identify its work.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShortRef {
    /// Family names (or bodies) as printed, "et al." removed.
    pub names: Vec<String>,
    pub title: Option<String>,
}

/// A citation read by the Chicago grammar.
#[derive(Clone, Debug, PartialEq)]
pub struct ChicagoCitation {
    pub form: Form,
    pub item: Item,
    pub locator: Option<Locator>,
    /// For short forms: what identifies the work.
    pub short: Option<ShortRef>,
    /// Bytes of discursive text before the citation proper.
    pub lead: usize,
}

impl ChicagoCitation {
    /// A short form: what identifies the work goes in `short`.
    pub(super) fn short(
        item: Item,
        locator: Option<Locator>,
        short: ShortRef,
        lead: usize,
    ) -> Self {
        ChicagoCitation {
            form: Form::Short,
            item,
            locator,
            short: Some(short),
            lead,
        }
    }

    pub(super) fn full(item: Item, locator: Option<Locator>, lead: usize) -> Self {
        ChicagoCitation {
            form: Form::Full,
            item,
            locator,
            short: None,
            lead,
        }
    }
}

/// Publication facts of a book: `(Stanford, CA: Stanford University Press, 1993)`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Imprint {
    place: Option<String>,
    publisher: Option<String>,
    issued: Option<Date>,
    forthcoming: bool,
    /// The first year of a reprint: "(1923; repr., Place: P, 1990)".
    original_date: Option<Date>,
    /// A series printed inside the parenthesis, with the work's number.
    series: Option<(String, Option<String>)>,
}

/// Words that open the parenthesis of a thesis: "(PhD diss., Harvard
/// University, 1990)".
const THESIS_WORDS: &[&str] = &[
    "phd diss",
    "ph.d. diss",
    "ph. d. diss",
    "doctoral diss",
    "diss.",
    "dissertation",
    "ma thesis",
    "m.a. thesis",
    "master's thesis",
    "thesis",
];

/// True when the inside of a parenthesis opens with one of
/// [`THESIS_WORDS`]: [`thesis_imprint`] reads it (and reads every such
/// one), and [`imprint`] turns it away, asking only this.
fn opens_thesis(content: &str) -> bool {
    // The words are ASCII without a 'k' and end in no 'i': compared on
    // bytes, they match where the fully lowercased text starts with them
    // (no other char lowercases to a run of ASCII that could match).
    // (Each word is compared only when its first byte is the text's:
    // most parentheses open with a digit or a place.)
    let head = content.trim_ws().as_bytes();
    let Some(first) = head.first().map(u8::to_ascii_lowercase) else {
        return false;
    };
    THESIS_WORDS.iter().any(|w| {
        w.as_bytes()[0] == first
            && head
                .get(..w.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(w.as_bytes()))
    })
}

/// A thesis parenthesis: the genre as printed and the university.
fn thesis_imprint(content: &str) -> Option<(String, Option<String>, Option<Date>)> {
    if !opens_thesis(content) {
        return None;
    }
    let parts: Vec<&str> = content.split(',').map(str::trim).collect();
    let issued = parts
        .last()
        .and_then(|p| dates::year(p).ok())
        .filter(|(r, _)| r.trim_ws().is_empty())
        .map(|(_, y)| Date::ymd(y, None, None));
    let end = if issued.is_some() {
        parts.len() - 1
    } else {
        parts.len()
    };
    let genre = parts.first().map(|g| g.to_string());
    let university = (end > 1).then(|| parts[1..end].join(", "));
    Some((genre.unwrap_or_default(), university, issued))
}

impl Imprint {
    /// Fills the item's publication facts, and its volume and pinpoint from
    /// the text after the parenthesis (", Vol. 2, pp. 438-439").
    fn apply(self, item: &mut Item, tail: &str) -> Option<Locator> {
        item.publisher_place = self.place;
        item.publisher = self.publisher;
        if self.forthcoming {
            item.issued = Some(Date::literal("forthcoming"));
            item.status = Some("forthcoming".into());
        } else {
            item.issued = self.issued;
        }
        if self.original_date.is_some() {
            item.original_date = self.original_date;
        }
        if let Some((title, number)) = self.series {
            item.collection_title = Some(title);
            item.collection_number = number;
        }
        // "215 (draft of 1819)": a gloss after the pinpoint (two at most:
        // "215 (draft). (Henceforth FL.)"); "199–206 (201)": the page
        // cited within the chapter's span.
        let mut tail: Cow<str> = Cow::Borrowed(tail);
        for _ in 0..2 {
            let t = tail.trim_end();
            let Some((head, inner)) = t
                .strip_suffix(')')
                .or_else(|| t.strip_suffix(").").or_else(|| t.strip_suffix(".)")))
                .and_then(|t| t.rsplit_once(" ("))
            else {
                break;
            };
            let head = head.trim_end();
            if head.ends_with(|c: char| c.is_ascii_digit())
                && head.contains(['-', '–'])
                && !inner.is_empty()
                && inner.bytes().all(|b| b.is_ascii_digit())
            {
                tail = Cow::Owned(format!("{head}, at {inner}"));
                break;
            }
            tail = Cow::Owned(head.trim_end_matches('.').to_string());
        }
        let tail: &str = &tail;
        // "2:246", "1: 25–26": volume and pages of a multi-volume work.
        let t = tail.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let (volume, pages) = match t[digits..].strip_prefix(':') {
            Some(rest) if digits > 0 && digits <= 3 => (
                Some(t[..digits].to_string()),
                Cow::Owned(format!(", {rest}")),
            ),
            _ => (None, Cow::Borrowed(tail)),
        };
        let (_, pin) = trailing_locator(&pages)?;
        item.volume = pin.volume.or(volume);
        pin.locator
    }
}

/// Reads the inside of a publication parenthesis: "Place: Publisher,
/// Year", "Publisher, Year", "Place, Year", "Place: Publisher Year", a
/// reprint ("1923; repr., Place: Publisher, 1990": the first year is the
/// original date) and a series before the imprint ("Series Name 136;
/// Place: Publisher, Year").
fn imprint(content: &str) -> Option<Imprint> {
    let content = content.trim_ws();
    // Every imprint read below ends in a year (four digits) or in
    // "forthcoming" or "in press" (ASCII case aside): a parenthesis with
    // no digit and neither word at its end ("(Oslo)", "(The Frost)") is
    // turned away before the shapes are tried.
    let ends_with_no_case = |w: &str| {
        content.len() >= w.len()
            && content.as_bytes()[content.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
    };
    if !content.bytes().any(|b| b.is_ascii_digit())
        && !ends_with_no_case("forthcoming")
        && !ends_with_no_case("in press")
    {
        return None;
    }
    // Every imprint [`imprint_read`] reads splits at a comma or a space of
    // its last ';' part: a text with neither (a bare "1990") is none, and
    // is turned away before it is read as a date.
    if !content.bytes().any(|b| b == b',' || b == b' ') {
        return None;
    }
    imprint_read(content)
}

/// [`imprint`] past its first tests, on the trimmed text.
fn imprint_read(content: &str) -> Option<Imprint> {
    if opens_thesis(content) {
        return None;
    }
    // "(February 1, 2008)": the date of a periodical's issue, not a
    // publisher and a year. A date with a month is three words at most
    // (four with a lone period after the year) and holds no colon: most
    // imprints ("Oslo: Frost Press, 1990") are told without the parsers.
    if may_be_month_date(content)
        && parse_date(content).is_some_and(|d| d.date_parts.first().is_some_and(|p| p.len() >= 2))
    {
        return None;
    }
    let (before, content) = match content.rsplit_once(';') {
        Some((b, c)) => (Some(b.trim_ws()), c.trim_ws()),
        None => (None, content),
    };
    let content = [
        "repr.,",
        "reprint,",
        "repr.",
        "reprint",
        "reprinted,",
        "reprinted",
    ]
    .iter()
    .find_map(|w| {
        content
            .get(..w.len())
            .filter(|h| h.eq_ignore_ascii_case(w))
            .map(|_| content[w.len()..].trim_start())
    })
    .unwrap_or(content);
    let (head, tail) = match content.rsplit_once(',') {
        Some((h, t)) if dates::year(t.trim_ws()).is_ok() || is_forthcoming(t.trim_ws()) => {
            (h, t.trim_ws())
        }
        // "London: S.P.C.K. 1934": no comma before the year.
        _ => {
            let (h, t) = content.rsplit_once(' ')?;
            if !h.contains(':') {
                return None;
            }
            (h, t.trim_ws())
        }
    };
    let forthcoming = is_forthcoming(tail);
    let issued = if forthcoming {
        None
    } else {
        let (rest, y) = dates::year(tail).ok()?;
        let rest = rest.trim_ws();
        if rest.is_empty() {
            Some(Date::ymd(y, None, None))
        } else {
            // The volumes of a multi-volume work came out over years:
            // "1981–90", "1981-1990".
            let end = year_range_end(y, rest)?;
            Some(Date {
                date_parts: vec![vec![y], vec![end]],
                ..Date::default()
            })
        }
    };
    let head = head.trim_ws();
    let (place, publisher) = match head.split_once(':') {
        Some((p, pub_)) => (Some(squash_spaces(p)), Some(squash_spaces(pub_))),
        // No colon: a publisher, unless it is a known place (GUIDELINE §7:
        // "(Princeton University Press, 2024)" has no place).
        None if !publishers::has_publisher_word(head) && publishers::is_known_place(head) => {
            (Some(squash_spaces(head)), None)
        }
        None if head.chars().next().is_some_and(char::is_uppercase)
            && count_words_up_to(head, 9) <= 8
            || publishers::is_private_imprint(head) =>
        {
            (None, Some(squash_spaces(head)))
        }
        None => return None,
    };
    // A place is short and capitalized: this keeps "(Testimony: ..., 1950)"
    // translations out.
    let place_ok = place.as_ref().is_none_or(|p| {
        p.len() <= 40
            && p.chars().next().is_some_and(char::is_uppercase)
            && count_words_up_to(p, 6) <= 5
    });
    if !place_ok {
        return None;
    }
    let mut original_date = None;
    let mut series = None;
    for part in before.into_iter().flat_map(|b| b.split(';')) {
        let part = part.trim_ws();
        match dates::year(part) {
            Ok((rest, y)) if rest.trim_ws().is_empty() => {
                original_date = Some(Date::ymd(y, None, None))
            }
            _ if part.chars().next().is_some_and(char::is_uppercase) => {
                series = Some(series_and_number(part))
            }
            _ => {}
        }
    }
    Some(Imprint {
        place,
        publisher,
        issued,
        forthcoming,
        original_date,
        series,
    })
}

/// False for a text that [`parse_date`] cannot read as a date with a
/// month: one with a colon or more than four words (day, month and year,
/// and a period that [`parse_date`] lets follow them).
fn may_be_month_date(s: &str) -> bool {
    !s.contains(':') && count_words_up_to(s, 5) < 5
}

/// "forthcoming", "in press": a work not yet out.
fn is_forthcoming(s: &str) -> bool {
    s.eq_ignore_ascii_case("forthcoming") || s.eq_ignore_ascii_case("in press")
}

/// "Studies in Frost 136", "Series Name, vol. 4", "KGA I/2": a series
/// and the work's number in it (CSL `collection-title`,
/// `collection-number`).
fn series_and_number(s: &str) -> (String, Option<String>) {
    let s = trim_punct(s);
    if let Some((head, last)) = s.rsplit_once(' ') {
        let number = last.trim_start_matches("no.").trim_start_matches("No.");
        let numeric = !number.is_empty()
            && number.chars().any(|c| c.is_ascii_digit())
            && number.chars().all(|c| {
                c.is_ascii_digit() || matches!(c, '.' | '/' | '-' | '–' | 'I' | 'V' | 'X' | 'L')
            });
        if numeric {
            let head = trim_punct(head);
            let head = head
                .strip_suffix(" vol.")
                .or_else(|| head.strip_suffix(" no."))
                .or_else(|| head.strip_suffix(" No."))
                .unwrap_or(head);
            return (squash_spaces(trim_punct(head)), Some(number.to_string()));
        }
    }
    (squash_spaces(s), None)
}

/// Finds the first top-level parenthesis holding publication facts.
/// The last year of a range whose first is `start`, from what follows it:
/// a dash and the year in full or its last two digits ("–90" after 1981).
fn year_range_end(start: i32, rest: &str) -> Option<i32> {
    let digits = rest.strip_prefix(['–', '-', '—'])?.trim_ws();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let end = match digits.len() {
        2 => start - start % 100 + digits.parse::<i32>().ok()?,
        4 => digits.parse().ok()?,
        _ => return None,
    };
    (end > start).then_some(end)
}

fn find_imprint(s: &str, lay: &layout::Layout) -> Option<(Range<usize>, Imprint)> {
    lay.parens
        .iter()
        .filter(|g| may_hold_imprint(layout::inner_raw(s, g)))
        .find_map(|g| imprint(&layout::inner_squashed(s, g)).map(|i| (g.clone(), i)))
}

/// False for the inside of a parenthesis (as printed) that [`imprint`]
/// turns away at its first test: no digit, and no last char that ends
/// "forthcoming" or "in press". Squashing white space keeps the digits and
/// the last char, so the group's text need not be copied to be told.
fn may_hold_imprint(raw: &str) -> bool {
    raw.bytes().any(|b| b.is_ascii_digit())
        || raw
            .trim_end()
            .ends_with(|c: char| matches!(c.to_ascii_lowercase(), 'g' | 's'))
}

/// False for the inside of a parenthesis (as printed) whose first char
/// opens none of [`THESIS_WORDS`] (ASCII case aside): [`thesis_imprint`]
/// reads none such.
fn may_hold_thesis(raw: &str) -> bool {
    raw.trim_start().bytes().next().is_some_and(|b| {
        THESIS_WORDS
            .iter()
            .any(|w| w.as_bytes()[0].eq_ignore_ascii_case(&b))
    })
}

/// Removes a translation in parentheses or brackets at the end of `s`,
/// returning the text before it and the translation.
fn split_translation(s: &str) -> (&str, Option<String>) {
    let t = s.trim_end();
    if t.ends_with(')') || t.ends_with(']') {
        let lay = layout::scan(t);
        if let Some(g) = lay.parens.last() {
            // "(1953–1991)", "[1930]": dates, not a translation; "(from
            // Frost to Thaw)": words of the title.
            if g.end == t.len() && g.start > 0 && opens_translation(&t[g.clone()]) {
                let tr = inner(t, g);
                return (t[..g.start].trim_end(), Some(tr));
            }
        }
    }
    (t, None)
}

/// True for the role words that follow a name list ("ed.", "eds.").
fn editor_marker(chunk: &str) -> bool {
    marker_roles(chunk).is_some()
}

/// The roles a bare role word after a name list gives those names: "eds.",
/// "comp.", "editors" (editors), "trans." (translators), "ed. and trans."
/// (both).
fn marker_roles(chunk: &str) -> Option<roles::Roles> {
    let c = chunk.trim_ws();
    if matches!(
        c.trim_end_matches('.'),
        "ed" | "eds" | "comp" | "comps" | "editor" | "editors"
    ) {
        return Some(roles::Roles {
            editor: true,
            translator: false,
        });
    }
    let (r, len) = roles::role_prefix(c)?;
    (c[len..].trim_ws().is_empty() && (r.editor || r.translator)).then_some(r)
}

/// Gives the names read before a title their role: authors, or the
/// editors and translators a role word after them names.
fn give_names(item: &mut Item, names: Vec<Name>, roles: roles::Roles) {
    match (roles.editor, roles.translator) {
        (false, false) => item.author = names,
        (editor, translator) => {
            if translator {
                item.translator.splice(0..0, names.iter().cloned());
            }
            if editor {
                item.editor.splice(0..0, names);
            }
        }
    }
}

/// True if a comma chunk reads as a name (person or body) in an author list.
fn name_chunk(chunk: &str) -> bool {
    name_chunk_plain(chunk).0
}

/// [`name_chunk`], and whether [`strip_name_glosses`] returned the chunk
/// as it is (it holds no parenthesis or bracket and is printed with single
/// spaces).
fn name_chunk_plain(chunk: &str) -> (bool, bool) {
    let stripped = strip_name_glosses(chunk);
    let plain = matches!(stripped, Cow::Borrowed(_));
    let c = without_trailing_et_al(stripped.trim_ws());
    if c.is_empty() || c.bytes().any(|b| b == b':' || b.is_ascii_digit()) {
        return (false, plain);
    }
    if c.starts_with("The ") || c.starts_with("A ") || c.starts_with("An ") {
        return (is_body(c), plain);
    }
    (names::looks_like_name_list(c), plain)
}

/// `s.trim_end_matches(" et al.").trim_end_matches(" et al")`: every chunk
/// before a title is read as names, and a loop of `strip_suffix` gives
/// the same text without setting up two substring searchers.
fn without_trailing_et_al(s: &str) -> &str {
    let mut s = s;
    while let Some(rest) = s.strip_suffix(" et al.") {
        s = rest;
    }
    while let Some(rest) = s.strip_suffix(" et al") {
        s = rest;
    }
    s
}

/// The trailing run of name words of a chunk that opens with discursive
/// text ("New works on the Korean War include Sergei Goncharov"). Returns
/// the byte offset where the name starts.
fn trailing_name_start(chunk: &str) -> Option<usize> {
    trailing_name_start_before(chunk, false, false)
}

/// [`trailing_name_start`]; `roles_follow` says that the next chunk is a
/// role word ("…, eds.,"), which makes the run names even after a
/// preposition ("his letters in Ann Hill and Bo Lund, eds., …");
/// `title_follows` that it opens with a capital letter.
fn trailing_name_start_before(
    chunk: &str,
    roles_follow: bool,
    title_follows: bool,
) -> Option<usize> {
    // The words of `chunk` (between single spaces) from its end, read as
    // far as they are asked for: the run of names is at the end, and a
    // long chunk of prose is not cut into words before it.
    // `w.get(i)` is the word `i` places from the end, with its offset.
    let mut w = WordsFromEnd::new(chunk);
    // `m`: how many words from the end the run holds (the slow reading's
    // `words.len() - k`); `k > 0` is `w.get(m).is_some()`.
    let mut m = 0;
    while w
        .get(m)
        .is_some_and(|(_, x)| names::is_name_word(x) && x != "and")
    {
        m += 1;
    }
    // "… is Ann Hill and Ben von Lund": two names joined by "and".
    if m >= 2 && w.get(m + 2).is_some() && w.get(m).is_some_and(|(_, x)| x == "and") {
        // `jj`: the words from the end up to the one before the first run
        // (the slow reading's `words.len() - j`).
        let mut jj = m + 1;
        while w
            .get(jj)
            .is_some_and(|(_, x)| names::is_name_word(x) && x != "and")
        {
            jj += 1;
        }
        let first_run = jj - m - 1;
        let first_upper = w
            .get(jj - 1)
            .is_some_and(|(_, x)| x.starts_with(char::is_uppercase));
        if (2..=4).contains(&first_run) && w.get(jj).is_some() && first_upper {
            m = jj;
        }
    }
    let run = m;
    // "Documents on British Policy Overseas" is a title, not prose
    // followed by a name: a name does not follow a preposition.
    const NOT_BEFORE_NAMES: &[&str] = &[
        "of", "on", "in", "the", "a", "an", "for", "to", "and", "from", "with", "at", "into",
        "about", "between",
    ];
    let before_run = w.get(m).map_or("", |(_, x)| x);
    // "References to Ann Hill, The Law of Frost": a name after "to" before
    // a title (the caller says a capitalized chunk follows).
    let after_to = before_run == "to" && title_follows;
    if NOT_BEFORE_NAMES.contains(&before_run) && !roles_follow && !after_to {
        return None;
    }
    let mut has_and = || (0..m).any(|i| w.get(i).is_some_and(|(_, x)| x == "and"));
    if ((2..=4).contains(&run) || (run <= 9 && has_and())) && w.get(m).is_some() {
        w.get(m - 1).map(|(at, _)| at)
    } else {
        None
    }
}

/// The words of a text between single spaces (the non-empty pieces of
/// `split(' ')`), from the last, each with its byte offset: read from the
/// end as far as they are asked for, each once.
struct WordsFromEnd<'a> {
    text: &'a str,
    pieces: std::str::RSplit<'a, char>,
    read: Vec<(usize, &'a str)>,
}

impl<'a> WordsFromEnd<'a> {
    fn new(text: &'a str) -> WordsFromEnd<'a> {
        WordsFromEnd {
            text,
            pieces: text.rsplit(' '),
            read: Vec::with_capacity(8),
        }
    }

    /// The word `i` places from the end (0 the last), if the text holds
    /// that many.
    fn get(&mut self, i: usize) -> Option<(usize, &'a str)> {
        while self.read.len() <= i {
            let piece = self.pieces.find(|p| !p.is_empty())?;
            let at = piece.as_ptr() as usize - self.text.as_ptr() as usize;
            self.read.push((at, piece));
        }
        Some(self.read[i])
    }
}

/// Reads an author list from comma chunks. Returns the names, whether
/// they are editors, how many chunks were used, and the bytes of any
/// discursive lead in the first chunk.
fn author_chunks(
    text: &str,
    parts: &[(Range<usize>, &str)],
    keep: usize,
) -> (Vec<Name>, roles::Roles, usize, usize) {
    author_chunks_with(text, parts, keep, &mut ChunkFacts::new(parts.len()))
}

/// What the readings of an author list ask of each comma chunk of
/// `parts`, each asked once: the role words that make the whole chunk
/// ([`marker_roles`]) and whether it names a body ([`is_body`]).
///
/// Why: [`author_chunks_full`] asks both of the chunks to find where the
/// list may end (and [`serial_names_end`] of the same chunks again), then
/// [`author_chunks`] asks them of the same chunks to read the names.
struct ChunkFacts {
    /// Per chunk: `None` when not asked yet.
    roles: Vec<Option<Option<roles::Roles>>>,
    body: Vec<Option<bool>>,
}

impl ChunkFacts {
    fn new(n: usize) -> ChunkFacts {
        ChunkFacts {
            roles: vec![None; n],
            body: vec![None; n],
        }
    }

    /// `marker_roles(parts[k].1)`.
    fn roles(&mut self, parts: &[(Range<usize>, &str)], k: usize) -> Option<roles::Roles> {
        *self.roles[k].get_or_insert_with(|| marker_roles(parts[k].1))
    }

    /// `is_body(parts[k].1)`.
    fn body(&mut self, parts: &[(Range<usize>, &str)], k: usize) -> bool {
        *self.body[k].get_or_insert_with(|| is_body(parts[k].1))
    }
}

/// [`author_chunks`], with what was asked of the chunks of `parts` before
/// (`facts`, for these `parts`).
fn author_chunks_with(
    text: &str,
    parts: &[(Range<usize>, &str)],
    keep: usize,
    facts: &mut ChunkFacts,
) -> (Vec<Name>, roles::Roles, usize, usize) {
    let mut names_out: Vec<Name> = Vec::new();
    let mut editors = roles::Roles::default();
    let mut used = 0;
    let mut lead = 0;
    let limit = parts.len().saturating_sub(keep);
    while used < limit {
        let (span, chunk) = &parts[used];
        // "William W. Stueck, Jr.": the suffix of the name before.
        if let Some(last) = names_out.last_mut().filter(|n| n.given.is_some()) {
            if names::is_name_suffix(chunk) {
                names::add_suffix(last, chunk.trim_ws());
                used += 1;
                continue;
            }
        }
        // "Denker, et al., eds.": "et al." set off by commas after a name.
        if !names_out.is_empty() && matches!(chunk.trim_ws(), "et al." | "et al") {
            used += 1;
            continue;
        }
        if let Some(r) = facts.roles(parts, used).filter(|_| !names_out.is_empty()) {
            editors.editor |= r.editor;
            editors.translator |= r.translator;
            used += 1;
            continue;
        }
        // The role word closes the list: "Ann Hill, ed., Frost Lore".
        if editors.editor || editors.translator {
            break;
        }
        let (is_name, plain) = name_chunk_plain(chunk);
        let next = parts.get(used + 1).map(|(_, c)| *c);
        let roles_follow = next.is_some() && facts.roles(parts, used + 1).is_some();
        let title_follows = next.is_some_and(|c| c.starts_with(char::is_uppercase));
        let chunk_text: &str = if used == 0 && !is_name {
            match trailing_name_start_before(chunk, roles_follow, title_follows) {
                Some(off) => {
                    lead = span.start + off;
                    &text[lead..span.end]
                }
                None => break,
            }
        } else if is_name {
            chunk
        } else {
            break;
        };
        // A chunk read whole that held no gloss and was printed with
        // single spaces (as `name_chunk` found) is cleaned by cutting its
        // "et al." alone: what is left is a prefix of it, without
        // parentheses and with single spaces.
        let cleaned = if is_name && plain {
            Cow::Borrowed(without_trailing_et_al(chunk))
        } else {
            strip_name_glosses(without_trailing_et_al(chunk_text.trim_ws()))
        };
        // A body is one name even when it contains "and".
        let mut pieces = split_name_list(&cleaned);
        // (The chunk itself, when it is the one piece, was maybe asked.)
        let whole = |p: &str| p.as_ptr() == chunk.as_ptr() && p.len() == chunk.len();
        let has_body = match pieces.as_slice() {
            [p] if whole(p) => facts.body(parts, used),
            _ => pieces.iter().any(|p| is_body(p)),
        };
        if has_body {
            pieces = vec![&*cleaned];
        }
        for n in pieces {
            // "John Doe, Jr. and Ann Lee": the suffix of the name before.
            if let Some(last) = names_out.last_mut().filter(|n| n.given.is_some()) {
                if names::is_name_suffix(n) && last.suffix.is_none() {
                    names::add_suffix(last, n);
                    continue;
                }
            }
            // A piece that is no body is a person (what `parse_name`
            // asks first, answered above for every piece).
            let name = if has_body {
                parse_name(n)
            } else {
                let bare = n.trim_ws().trim_end_matches(',').trim_ws();
                if is_squashed(bare) {
                    names::parse_squashed_person(bare)
                } else {
                    names::parse_person(&squash_spaces(bare))
                }
            };
            // A body followed by its parent body is one name:
            // "Central Translation and Editing Office, Chinese Communist Party".
            let single_body = names_out.len() == 1 && names_out[0].literal.is_some();
            if let (true, true, Some(lit)) = (used > 0, single_body, name.literal.as_ref()) {
                let prev = &mut names_out[0];
                let joined = format!("{}, {}", prev.literal.as_deref().unwrap_or(""), lit);
                prev.literal = Some(joined);
                continue;
            }
            names_out.push(name);
        }
        used += 1;
    }
    (names_out, editors, used, lead)
}

/// Reads an author list before an unquoted book title, where every
/// person is printed with a given name: a lone capitalized word after the
/// first name is the start of the title ("Shen Zhihua, Mao, Stalin and the
/// Korean War").
fn author_chunks_full(
    text: &str,
    parts: &[(Range<usize>, &str)],
) -> (Vec<Name>, roles::Roles, usize, usize) {
    let mut facts = ChunkFacts::new(parts.len());
    let mut limit = parts.len().min(1 + parts.len().saturating_sub(1));
    for (k, (_, chunk)) in parts.iter().enumerate().skip(1) {
        let single_word = !chunk.trim_ws().contains(' ')
            && facts.roles(parts, k).is_none()
            && !facts.body(parts, k)
            && !names::is_name_suffix(chunk);
        if single_word {
            limit = k;
            break;
        }
    }
    let limit = limit.min(serial_names_end(parts, &mut facts));
    let kept = parts.len() - limit.min(parts.len());
    author_chunks_with(text, parts, kept.max(1), &mut facts)
}

/// Where a list of names printed before an unquoted title can end. Notes
/// join two names with "and" and print three or more as a series whose
/// last chunk opens with "and" ("Ann Hill, Ben Lund, and Cy Moss"): a
/// capitalized chunk after the first that no "and" chunk closes is the
/// title ("Ann Hill, Ice Was Forever, Until It Thawed"). A suffix, a role
/// word, or a body after a body (its parent body) continues the list.
fn serial_names_end(parts: &[(Range<usize>, &str)], facts: &mut ChunkFacts) -> usize {
    let opens_and = |c: &str| {
        let c = c.trim_start();
        // "John Doe, Jr. and Ann Lee": the suffix, then the last name.
        let c = c
            .split_once(' ')
            .filter(|(first, _)| names::is_name_suffix(first))
            .map_or(c, |(_, rest)| rest);
        c.starts_with("and ") || c.starts_with("& ")
    };
    // Whether each chunk is a body, asked once of each (a chunk is asked
    // again as the one before the next), the one before first: most lists
    // open with a person, and the chunk after it (most often the title,
    // the longest) is then not asked.
    let mut k = 1;
    while k < parts.len() {
        let chunk = parts[k].1;
        if names::is_name_suffix(chunk)
            || facts.roles(parts, k).is_some()
            || chunk.trim_start().starts_with("et al")
            || (facts.body(parts, k - 1) && facts.body(parts, k))
        {
            k += 1;
            continue;
        }
        // "A. V. Torkunov, E. P. Ufimtsev, Title": a name printed with
        // initials is a name, however the list is joined.
        let count = count_words_up_to(chunk, 5);
        let with_initials = (2..=4).contains(&count)
            && chunk.split_whitespace().all(names::is_name_word)
            && chunk
                .split_whitespace()
                .take(count - 1)
                .any(names::is_initials);
        if opens_and(chunk) || with_initials {
            k += 1;
            continue;
        }
        // A name in the middle of a series: an "and" chunk must follow,
        // with only names between.
        let closed = parts[k + 1..]
            .iter()
            .take_while(|(_, c)| name_chunk(c) || opens_and(c))
            .any(|(_, c)| opens_and(c));
        if !closed {
            return k;
        }
        k += 1;
    }
    parts.len()
}

/// "Cold War International History Project Working Paper no. 39": the
/// series and the number of a working paper.
fn working_paper_series(s: &str) -> Option<(String, Option<String>)> {
    // Each series word ends in "paper": a text without it (most
    // containers) is turned away before the lowercase copy and the three
    // searches.
    find_ascii_no_case(s, "paper")?;
    let lower = s.to_ascii_lowercase();
    let at = ["working paper", "occasional paper", "discussion paper"]
        .iter()
        .find_map(|w| lower.find(w).map(|i| i + w.len()))?;
    let series = squash_spaces(trim_punct(&s[..at]));
    let rest = s[at..].trim_start_matches(|c: char| c == ',' || c.is_whitespace());
    let number = numbered(rest).ok().map(|(_, n)| n);
    Some((series, number))
}

/// Strips a parenthesized translation after a body's name
/// ("Zhonggong Zhongyang Wenxian Yanjiushi (Chinese Communist Party ...)").
fn strip_name_glosses(s: &str) -> Cow<'_, str> {
    // Every comma chunk before a title is tested as a name: most hold no
    // gloss and no stray white space, and are returned as they are.
    if !s.bytes().any(|b| b == b'(' || b == b'[') {
        return if is_squashed(s) {
            Cow::Borrowed(s)
        } else {
            Cow::Owned(squash_spaces(s))
        };
    }
    let lay = layout::scan(s);
    let mut out = String::with_capacity(s.len());
    let mut pos = 0;
    for g in &lay.parens {
        out.push_str(&s[pos..g.start]);
        pos = g.end;
    }
    out.push_str(&s[pos..]);
    Cow::Owned(squash_spaces(&out))
}

/// `ed. X`, `edited by X`, `trans. X`, `trans. by X`, `comp. X` at the
/// start of a chunk: the role and the names.
fn role_phrase(s: &str) -> Option<(&'static str, Vec<Name>)> {
    let t = s.trim_ws();
    let roles: &[(&str, &'static str)] = &[
        ("trans. and ed. ", "translator and editor"),
        ("ed. and trans. ", "translator and editor"),
        ("translated and edited by ", "translator and editor"),
        ("edited and translated by ", "translator and editor"),
        ("edited by ", "editor"),
        ("ed. by ", "editor"),
        ("eds. ", "editor"),
        ("ed. ", "editor"),
        ("comp. ", "editor"),
        ("compiled by ", "editor"),
        ("translated by ", "translator"),
        ("trans. by ", "translator"),
        ("trans. ", "translator"),
    ];
    for (word, role) in roles {
        if t.len() > word.len()
            && t.get(..word.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(word))
        {
            let names_text = trim_punct(&t[word.len()..]);
            if names::looks_like_name_list(names_text) {
                return Some((role, names::parse_name_list(names_text)));
            }
        }
    }
    None
}

/// Volume, issue and date of a periodical: `Vol. 3, No. 1 (Spring 1994)`,
/// `Nos. 6 - 7 (Winter 1995/1996)`, `No. 26 (June 1993)`, `No. 2`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Issue {
    volume: Option<String>,
    issue: Option<String>,
    issued: Option<Date>,
}

/// "No. 39", "number 4": the number of a paper in its series.
fn numbered(i: &str) -> IResult<&str, String> {
    preceded(
        tuple((
            alt((
                word_no_case("no."),
                word_no_case("no"),
                word_no_case("number"),
            )),
            space0,
        )),
        issue_number,
    )(i)
}

fn issue_number(i: &str) -> IResult<&str, String> {
    let (i, a) = take_while1(|c: char| c.is_ascii_digit())(i)?;
    let (i, b) = opt(preceded(
        tuple((space0, alt((tag("-"), tag("–"), tag("/"))), space0)),
        take_while1(|c: char| c.is_ascii_digit()),
    ))(i)?;
    Ok((
        i,
        match b {
            Some(b) => format!("{a}-{b}"),
            None => a.to_string(),
        },
    ))
}

fn sep(i: &str) -> IResult<&str, ()> {
    let (i, _) = tuple((space0, opt(char(',')), space0))(i)?;
    Ok((i, ()))
}

/// A date in parentheses or brackets: `(Spring 1994)`, `[2022]`.
fn paren_date(i: &str) -> IResult<&str, Date> {
    let (i, open) = alt((char('('), char('[')))(i)?;
    let (i, _) = space0(i)?;
    let (i, d) = dates::date(i)?;
    let close = if open == '(' { ')' } else { ']' };
    let (i, _) = tuple((space0, char(close)))(i)?;
    Ok((i, d))
}

/// Volume and issue printed together: `37.4` and `111:2` (before a date
/// or at the end), `5(7)` and `33 (2)` (an issue in parentheses that is
/// not a year).
fn volume_and_issue(i: &str) -> IResult<&str, (String, String)> {
    let (rest, volume) = take_while1(|c: char| c.is_ascii_digit())(i)?;
    let joined: IResult<&str, String> = preceded(alt((char('.'), char(':'))), issue_number)(rest);
    if let Ok((after, issue)) = joined {
        let next = after.trim_start_matches([' ', ',']);
        if next.is_empty() || next.starts_with(['(', '[']) {
            return Ok((after, (volume.to_string(), issue)));
        }
    }
    let (after, issue) = tuple((space0, char('('), space0, issue_number, space0, char(')')))(rest)
        .map(|(a, (_, _, _, n, _, _))| (a, n))?;
    if dates::year(&issue).is_ok_and(|(r, _)| r.is_empty()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((after, (volume.to_string(), issue)))
}

/// A volume printed as a bare number (Chicago 17th: `Journal 3, no. 1
/// (Spring 1994)`, `Bulletin 6-7 (Winter 1995/1996)`): only when an issue
/// number or a date in parentheses follows.
fn bare_volume(i: &str) -> IResult<&str, String> {
    let (rest, v) = issue_number(i)?;
    let (after, _) = sep(rest)?;
    if after.starts_with('(') || after.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("no")) {
        Ok((rest, v))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )))
    }
}

/// Reads `Vol. N, No. N (Date)` and its variants from the start of `i`.
fn issue_block(i: &str) -> IResult<&str, Issue> {
    if !may_open_issue_block(i) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    issue_block_read(i)
}

/// False when [`issue_block_read`] cannot read `i`: every part of a block
/// is optional, but one must be there, and each opens with a char of its
/// own: a volume or issue number or a year with a digit, "vol." and
/// "no." with 'v' or 'n' and then 'o' (ASCII case aside: no other char
/// lowercases to these), '№', a date in parentheses or brackets with '('
/// or '[', a date after a comma with ',' (as the separator after a volume
/// left out is, or white space of `space0` before it), and a date with a name where [`dates::could_start_date`]
/// says one may open. Issue blocks are tried at every 'n' and 'v' of a
/// periodical's tail and after each comma: most of those starts are
/// turned away here before the parsers run.
fn may_open_issue_block(i: &str) -> bool {
    match i.as_bytes() {
        [b'0'..=b'9' | b'(' | b'[' | b',' | b' ' | b'\t', ..] => true,
        [b'n' | b'N' | b'v' | b'V', b'o' | b'O', ..] => true,
        _ => i.starts_with('№') || dates::could_start_date(i),
    }
}

/// [`issue_block`], read.
fn issue_block_read(i: &str) -> IResult<&str, Issue> {
    if let Ok((rest, (volume, issue))) = volume_and_issue(i) {
        let (rest, _) = sep(rest)?;
        let (rest, issued) = opt(paren_date)(rest)?;
        return Ok((
            rest,
            Issue {
                volume: Some(volume),
                issue: Some(issue),
                issued,
            },
        ));
    }
    let (i, volume) = opt(alt((
        preceded(
            tuple((
                alt((
                    word_no_case("vol."),
                    word_no_case("vol"),
                    word_no_case("volume"),
                )),
                space0,
            )),
            issue_number,
        ),
        bare_volume,
    )))(i)?;
    let (i, _) = sep(i)?;
    let (i, issue) = opt(preceded(
        tuple((
            alt((
                word_no_case("nos."),
                word_no_case("no."),
                word_no_case("no"),
                tag("№"),
            )),
            space0,
        )),
        issue_number,
    ))(i)?;
    let (i, _) = space0(i)?;
    let (i, issued) = opt(alt((
        paren_date,
        preceded(tuple((char(','), space0)), full_date_only),
        full_date_only,
    )))(i)?;
    if volume.is_none() && issue.is_none() && issued.is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((
        i,
        Issue {
            volume,
            issue,
            issued,
        },
    ))
}

/// The issue blocks read to the end of the texts of one segment, by their
/// distance from the end: `None` when [`issue_block`] fails there or stops
/// short of the end (white space aside).
///
/// Why: the discursive retry offers a segment again from later word
/// starts, and every such text ends where the segment does; the dated
/// issue searches of [`periodical_issue`] and [`unquoted_article`] try the
/// same closing blocks for each start (and for one another). What
/// `issue_block` reads from a position is a function of the text after it
/// only, so a text that is a suffix of the one kept (compared byte for
/// byte) has the same answer at the same distance from the end. The memo
/// lives for one segment ([`new_segment`]), never across notes.
#[derive(Default)]
struct EndBlocks {
    /// The segment the memo belongs to ([`SEGMENT`]).
    segment: u64,
    text: String,
    read: Vec<(usize, Option<Issue>)>,
}

thread_local! {
    /// The number of the segment being parsed on this thread.
    static SEGMENT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    static END_BLOCKS: std::cell::RefCell<EndBlocks> = std::cell::RefCell::new(EndBlocks::default());
}

/// Starts a new segment: what [`EndBlocks`] (and the pinpoints of
/// `locator::trailing_locator`) kept for the last one is no longer used.
pub fn new_segment() {
    SEGMENT.with(|s| s.set(s.get().wrapping_add(1)));
}

/// The number of the segment being parsed on this thread (see
/// [`new_segment`]).
pub(super) fn segment_number() -> u64 {
    SEGMENT.with(|s| s.get())
}

/// The first of `starts` (byte offsets of `text`, in order) from which
/// [`issue_block`] reads `text` to its end (white space aside) into an
/// issue that `accept` takes, with that issue: what the loops of
/// [`periodical_issue`] and [`unquoted_article`] look for, answered from
/// [`EndBlocks`] where the same block was read before in this segment.
fn first_block_to_end(
    text: &str,
    starts: impl Iterator<Item = usize>,
    accept: impl Fn(&Issue) -> bool,
) -> Option<(usize, Issue)> {
    let segment = SEGMENT.with(|s| s.get());
    END_BLOCKS.with_borrow_mut(|memo| {
        let suffix = memo.segment == segment
            && memo
                .text
                .len()
                .checked_sub(text.len())
                .is_some_and(|k| memo.text.as_bytes()[k..] == *text.as_bytes());
        if !suffix {
            memo.segment = segment;
            memo.text.clear();
            memo.text.push_str(text);
            memo.read.clear();
        }
        for pos in starts {
            let dist = text.len() - pos;
            let known = memo.read.iter().find(|(d, _)| *d == dist).map(|(_, r)| r);
            let read = match known {
                Some(r) => r.clone(),
                None => {
                    let r = issue_block(&text[pos..])
                        .ok()
                        .filter(|(rest, _)| rest.trim_ws().is_empty())
                        .map(|(_, iss)| iss);
                    memo.read.push((dist, r.clone()));
                    r
                }
            };
            if let Some(iss) = read.filter(|iss| accept(iss)) {
                return Some((pos, iss));
            }
        }
        None
    })
}

/// The least byte offset of `s` from which [`issue_block`] may read all of
/// `s` (white space at its end aside), as the callers that want an issue
/// block to close the text require. What an issue block reads holds only
/// ASCII letters and digits, white space of `space0`, the marks
/// `.,:-/()[]&`, the en dash and '№'; and at most five runs of letters
/// (a volume word, an issue word, and a date's month, or two seasons
/// joined by "and": "Vol. 3, No. 1 (Spring and Fall 1994)"). A start
/// before another char, or before a sixth run counted from the end, reads
/// to `Err` or stops short of the end: most starts in a sentence are
/// passed over without running the parsers.
fn issue_block_floor(s: &str) -> usize {
    let t = s.trim_end();
    let mut runs = 0;
    let mut in_run = false;
    for (i, c) in t.char_indices().rev() {
        if c.is_ascii_alphabetic() {
            if !in_run {
                runs += 1;
                in_run = true;
                if runs > 5 {
                    return i + 1;
                }
            }
            continue;
        }
        in_run = false;
        let allowed = c.is_ascii_digit()
            || matches!(
                c,
                ' ' | '\t' | '.' | ',' | ':' | '-' | '/' | '(' | ')' | '[' | ']' | '&' | '–' | '№'
            );
        if !allowed {
            return i + c.len_utf8();
        }
    }
    0
}

/// False when no [`issue_block`] that carries a date can read `s` to its
/// end (white space aside): such a block ends with its date, whose last
/// char is a digit of a year (every shape of [`dates::date`] ends in one),
/// or with the parenthesis or bracket around the date. A text that ends
/// in another char ("…, Frost Lore") is turned away before any start is
/// tried.
fn may_end_dated_issue(s: &str) -> bool {
    s.trim_end()
        .ends_with(|c: char| c.is_ascii_digit() || c == ')' || c == ']')
}

/// A date with at least a month (a bare year after a comma is too often
/// something else).
fn full_date_only(i: &str) -> IResult<&str, Date> {
    let (rest, d) = dates::date(i)?;
    if d.date_parts.first().is_some_and(|p| p.len() >= 2) || d.season.is_some() {
        Ok((rest, d))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )))
    }
}

/// Splits a container title from its parenthesized gloss:
/// "Novaya i Noveishaya Istoriya(Modern History, Moscow)" gives the
/// title, the translation "Modern History" and the place "Moscow".
fn container_with_gloss(s: &str) -> (String, Option<String>, Option<String>) {
    let lay = layout::scan(s);
    if let Some(g) = lay.parens.first() {
        let title = squash_spaces(trim_punct(&s[..g.start]));
        let gloss = inner(s, g);
        let (translation, place) = match gloss.rsplit_once(',') {
            Some((t, p)) if count_words_up_to(p, 4) <= 3 => {
                (Some(t.trim_ws().to_string()), Some(p.trim_ws().to_string()))
            }
            _ => (Some(gloss.clone()), None),
        };
        return (title, translation.filter(|t| !t.is_empty()), place);
    }
    (squash_spaces(trim_punct(s)), None, None)
}

/// Reads what follows an article title: `Journal (Gloss, Place), Vol. 3,
/// No. 1 (Spring 1994), pp. 27-28`. Returns the item fields and the
/// pinpoint; `None` if it does not read as a periodical.
fn periodical_tail(s: &str, item: &mut Item) -> Option<(bool, Option<Locator>)> {
    periodical_tail_after(s, trailing_locator(s), item)
}

/// [`periodical_tail`] with the pinpoint that ends `s` already found
/// (`trailing` is `trailing_locator(s)`).
fn periodical_tail_after(
    s: &str,
    trailing: Option<(usize, Pinpoint)>,
    item: &mut Item,
) -> Option<(bool, Option<Locator>)> {
    let (body, pin) = match trailing {
        Some((cut, pin)) => (&s[..cut], Some(pin)),
        None => (s, None),
    };
    let body = trim_punct(body);
    // The container runs to the first volume/issue marker or date.
    let lay = layout::scan(body);
    let mut container_end = body.len();
    let mut block: Option<(usize, Issue)> = None;
    let mut cands: Vec<usize> = lay.commas.iter().map(|c| c + 1).collect();
    // Where an issue block read to the end of `body` may start: the
    // chars that open one (none of them white space) are looked for from
    // there on.
    let floor = issue_block_floor(body);
    for (pos, c) in body[floor..].char_indices() {
        let pos = pos + floor;
        let after_space = body[..pos].ends_with(' ');
        if matches!(c, 'N' | 'V' | 'n' | 'v' | '(' | '№') || (after_space && c.is_ascii_digit()) {
            cands.push(pos);
        }
    }
    cands.sort_unstable();
    for c in cands {
        let rest = body[c..].trim_start();
        if body.len() - rest.len() < floor {
            continue;
        }
        if let Ok((after, iss)) = issue_block(rest) {
            if after.trim_ws().is_empty() {
                let container_part = body[..c].trim_end().trim_end_matches(',');
                // A parenthesis right after the title is a gloss, not a date.
                if rest.starts_with('(')
                    && iss.volume.is_none()
                    && iss.issue.is_none()
                    && container_part.is_empty()
                {
                    continue;
                }
                container_end = container_part.len();
                block = Some((c, iss));
                break;
            }
        }
    }
    let mut container_text = &body[..container_end];
    // "special issue, Journal 12 (1998)": the kind of the work, printed
    // in lowercase before the periodical.
    if let Some((kind, rest)) = container_text.split_once(',') {
        let words: Vec<&str> = kind.split_whitespace().collect();
        if (1..=3).contains(&words.len())
            && words.iter().all(|w| w.chars().all(char::is_lowercase))
            && rest.trim_start().starts_with(char::is_uppercase)
        {
            item.genre = Some(words.join(" "));
            container_text = rest.trim_start();
        }
    }
    if container_text.trim_ws().is_empty() {
        return None;
    }
    let (container, translation, place) = container_with_gloss(container_text);
    if container.is_empty() || count_words_up_to(&container, 15) == 15 {
        return None;
    }
    item.container_title = Some(container);
    if translation.is_some() {
        item.custom.container_title_translated = translation;
    }
    if place.is_some() {
        item.publisher_place = place;
    }
    let mut dated = false;
    if let Some((_, iss)) = block {
        item.volume = iss.volume;
        item.issue = iss.issue;
        if let Some(d) = iss.issued {
            dated = true;
            item.issued = Some(d);
        }
    }
    let mut locator = None;
    if let Some(pin) = pin {
        if let Some(v) = pin.volume {
            item.volume = Some(v);
        }
        locator = pin.locator;
    }
    Some((dated, locator))
}

/// Puts the span of an article or chapter printed before its pinpoint
/// ("563-650, at 624") in `page`, and returns the pinpoint.
fn take_span(item: &mut Item, locator: Option<Locator>) -> Option<Locator> {
    let (span, locator) = super::locator::span_and_pinpoint(locator?);
    if span.is_some() {
        item.page = span;
    }
    Some(locator)
}

/// Type of a periodical article from its date: a month without a season
/// reads as a magazine, otherwise a journal.
fn periodical_type(item: &Item) -> ItemType {
    let daily = item
        .issued
        .as_ref()
        .is_some_and(|d| d.date_parts.first().is_some_and(|p| p.len() == 3));
    if daily && item.volume.is_none() && item.issue.is_none() {
        return ItemType::ArticleNewspaper;
    }
    match &item.issued {
        Some(d) if d.season.is_none() && d.date_parts.first().is_some_and(|p| p.len() >= 2) => {
            ItemType::ArticleMagazine
        }
        _ => ItemType::ArticleJournal,
    }
}

/// Parses a Chicago citation: full forms first, then short forms. `None`
/// when the text does not read as a citation.
pub fn parse_chicago(s: &str) -> Option<ChicagoCitation> {
    parse_chicago_with_italics(s, &[])
}

/// Parses a Chicago citation knowing which stretches of it were printed
/// in italics (byte ranges in `s`): an italic stretch is taken as the
/// title of a book, which fixes where the author list ends and the title
/// ends even when the title holds commas or names.
pub fn parse_chicago_with_italics(s: &str, italics: &[Range<usize>]) -> Option<ChicagoCitation> {
    let lead_ws = s.len() - s.trim_start().len();
    let s = s
        .trim_ws()
        .trim_end_matches(|c: char| c == '.' || c == ',' || c.is_whitespace());
    if s.is_empty() {
        return None;
    }
    let (s, links) = without_remarks(s);
    let mut c = parse_chicago_trimmed(s, italics, lead_ws)?;
    // The links cut off the end go on the work (only when the citation is
    // a full one: a short form's work has its links in its full note).
    if c.form == Form::Full {
        for link in links {
            let item = &mut c.item;
            match link {
                TrailingLink::Doi(d) if item.doi.is_none() => item.doi = Some(d.to_string()),
                TrailingLink::Url(u) if item.url.is_none() => item.url = Some(u.to_string()),
                _ => {}
            }
        }
    }
    Some(c)
}

/// A web address or DOI printed inside a citation, before its end.
enum TrailingLink<'a> {
    Doi(&'a str),
    Url(&'a str),
}

/// Cuts off what follows a citation's pinpoint or date without belonging
/// to the work: the author's remarks on the quotation ("…, 27, emphasis
/// mine", "…, 5, translation modified") and web addresses or DOIs printed
/// after the pinpoint ("…(2018), http://…, DOI: 10.1/x"). A remark is a
/// last comma chunk of lowercase words without digits, after a number or a
/// parenthesis; a link chunk opens with "http" or "doi".
fn without_remarks(s: &str) -> (&str, Vec<TrailingLink<'_>>) {
    let mut s = s;
    let mut links = Vec::new();
    // Remarks cut so far but not yet known to follow a pinpoint: "…, 5,
    // emphasis in original, translation modified".
    let mut remarks_from = s;
    while let Some((head, last)) = rsplit_comma_space(remarks_from) {
        let head_t = head.trim_end();
        let last = last.trim_ws();
        let lower_starts = |p: &str| {
            last.get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        };
        let doi = ["doi: ", "doi:", "https://doi.org/"]
            .iter()
            .find(|p| lower_starts(p))
            .map(|p| last[p.len()..].trim_ws());
        if remarks_from.len() == s.len() && (lower_starts("http://") || lower_starts("https://")) {
            if last.contains(' ') {
                break;
            }
            links.push(TrailingLink::Url(last));
            s = head_t;
        } else if let (true, Some(doi)) = (remarks_from.len() == s.len(), doi) {
            if doi.contains(' ') || !doi.starts_with("10.") {
                break;
            }
            links.push(TrailingLink::Doi(doi));
            s = head_t;
        } else {
            // One to five words of lowercase letters (and apostrophes and
            // periods); a remark is not a pinpoint, nor a role phrase
            // (each asked only of a remark).
            // (The letters first: most last chunks are pinpoints, which
            // fail at their first char.)
            // (Six words or more are no remark: no word after the sixth is
            // read.)
            // (`last` is trimmed: its first char opens its first word.)
            let remark = last.chars().next().is_some_and(remark_char) && remark_words(last);
            if !remark || super::locator::pinpoint(last).is_ok() || role_phrase(last).is_some() {
                break;
            }
            if head_t.ends_with(|c: char| c.is_ascii_digit() || c == ')') {
                s = head_t;
            }
        }
        remarks_from = head_t;
    }
    (s, links)
}

/// A char of the words of a remark: a lowercase letter, an apostrophe
/// or a period.
fn remark_char(c: char) -> bool {
    c.is_lowercase() || matches!(c, '\'' | '’' | '.')
}

/// True when `s` holds one to five words, each of [`remark_char`]s: read
/// char by char, stopping at the first other char or at a sixth word
/// (what `s.split_whitespace().take(6)` with each word's chars tested
/// answers, without the word iterator).
fn remark_words(s: &str) -> bool {
    let mut words = 0;
    let mut after_white = true;
    for c in s.chars() {
        if c.is_whitespace() {
            after_white = true;
            continue;
        }
        if after_white {
            words += 1;
            if words > 5 {
                return false;
            }
            after_white = false;
        }
        if !remark_char(c) {
            return false;
        }
    }
    words > 0
}

/// `s.rsplit_once(", ")`, found from the last comma back rather than by a
/// substring searcher (asked at every comma of every citation's end).
fn rsplit_comma_space(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    memchr::memrchr_iter(b',', b)
        .find(|&i| b.get(i + 1) == Some(&b' '))
        .map(|i| (&s[..i], &s[i + 2..]))
}

/// [`parse_chicago_with_italics`] on a trimmed citation; `lead_ws` is the
/// white space trimmed off its start (the italics count from before it).
fn parse_chicago_trimmed(
    s: &str,
    italics: &[Range<usize>],
    lead_ws: usize,
) -> Option<ChicagoCitation> {
    let italic: Option<Range<usize>> = italics
        .iter()
        .filter(|r| r.start >= lead_ws && r.end > r.start)
        .map(|r| r.start - lead_ws..(r.end - lead_ws).min(s.len()))
        .find(|r| r.start < r.end && s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
    if let Some(c) = italic.and_then(|r| italic_title_citation(s, r)) {
        return Some(c);
    }
    // (Read from the segment's layout in the discursive retry.)
    let lay = layout::scan_within(s);
    if let Some(c) = interview(s) {
        return Some(c);
    }
    if let Some((group, imp)) = find_imprint(s, &lay) {
        return book_or_chapter(s, &lay, group, imp);
    }
    if let Some(c) = thesis(s, &lay) {
        return Some(c);
    }
    if let Some(q) = lay.quotes.first() {
        if let Some(c) = quoted_title_citation(s, &lay, q.clone()) {
            return Some(c);
        }
    }
    if let Some(c) = possessive_work(s) {
        return Some(c);
    }
    // Both remaining readings end with the same pinpoint: it is found once.
    let trailing = trailing_locator(s);
    if let Some(c) = periodical_issue(s, &lay, &trailing) {
        return Some(c);
    }
    if let Some(c) = unquoted_article(s, &trailing) {
        return Some(c);
    }
    short_form(s, &lay, trailing)
}

/// An article whose title was printed in italics and has lost them (or a
/// work in a periodical cited like a book): `Ann Lee, Winter Matters,
/// trans. Bo Dunn, Review of Things 28 (1983): 19`. The periodical is the
/// last comma chunk before a volume and a date in parentheses; the names
/// open the citation, the title and its contributors stand between.
fn unquoted_article(s: &str, trailing: &Option<(usize, Pinpoint)>) -> Option<ChicagoCitation> {
    let (body, locator) = match trailing {
        Some((cut, pin)) => (&s[..*cut], pin.locator.clone()),
        None => (s, None),
    };
    let body = trim_punct(body);
    if !may_end_dated_issue(body) {
        return None;
    }
    // Where an issue block read to the end of `body` may start.
    let floor = issue_block_floor(body);
    let starts = body[floor..]
        .char_indices()
        .map(|(pos, c)| (pos + floor, c))
        .filter(|&(pos, c)| {
            pos > 0 && body[..pos].ends_with(' ') && (c.is_ascii_digit() || matches!(c, 'v' | 'V'))
        })
        .map(|(pos, _)| pos);
    let (pos, iss) = first_block_to_end(body, starts, |iss| {
        iss.volume.is_some() && iss.issued.is_some()
    })?;
    let head = trim_punct(&body[..pos]);
    let parts = chunks(head);
    let (container_span, container) = parts.last()?;
    if parts.len() < 2
        || !container.starts_with(char::is_uppercase)
        || count_words_up_to(container, 13) > 12
        || is_prose(container)
    {
        return None;
    }
    let (title_part, trailer) = roles::split_trailer(trim_punct(&head[..container_span.start]));
    let tparts = chunks(title_part);
    let (authors, are_editors, used, lead) = author_chunks_full(title_part, &tparts);
    if authors.is_empty() || used >= tparts.len() {
        return None;
    }
    let title = squash_spaces(trim_punct(&title_part[tparts[used].0.start..]));
    if !title.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || is_prose(&title) {
        return None;
    }
    let mut item = Item {
        title: Some(title),
        container_title: Some(squash_spaces(container)),
        volume: iss.volume,
        issue: iss.issue,
        issued: iss.issued,
        ..Item::default()
    };
    give_names(&mut item, authors, are_editors);
    apply_trailer(&mut item, trailer);
    item.kind = periodical_type(&item);
    let locator = take_span(&mut item, locator);
    let lead = lead + (title_part.as_ptr() as usize - s.as_ptr() as usize);
    Some(ChicagoCitation::full(item, locator, lead))
}

/// A book (full or short) whose title is printed in italics: names before
/// the italics, the title in them, imprint and pinpoint after.
fn italic_title_citation(s: &str, title: Range<usize>) -> Option<ChicagoCitation> {
    let before = trim_punct(&s[..title.start]);
    let parts = chunks(before);
    let (authors, are_editors, used, lead) = author_chunks(before, &parts, 0);
    // `before` may start after leading punctuation.
    let lead = lead + (before.as_ptr() as usize - s.as_ptr() as usize);
    if used < parts.len() {
        return None;
    }
    let lay = layout::scan(s);
    if lay.quotes.iter().any(|q| q.start < title.start) {
        // "“Article,” *Journal*": the italics are the container.
        return None;
    }
    let title_text = squash_spaces(trim_punct(&s[title.clone()]));
    let after = &s[title.end..];
    // Italics followed by an issue or a date name a periodical, which the
    // periodical grammar reads.
    let next = after.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
    let issue_follows =
        issue_block(next).is_ok_and(|(_, iss)| iss.issue.is_some() || iss.volume.is_some());
    if issue_follows || full_date_only(next).is_ok() {
        return None;
    }
    let mut item = Item {
        kind: ItemType::Book,
        title: Some(title_text.clone()),
        ..Item::default()
    };
    give_names(&mut item, authors.clone(), are_editors);
    let after_lay = layout::scan(after);
    if let Some((group, imp)) = find_imprint(after, &after_lay) {
        let (_, translation) = split_translation(&after[..group.start]);
        item.custom.title_translated = translation;
        let locator = imp.apply(&mut item, &after[group.end..]);
        apply_trailer(
            &mut item,
            roles::read_trailer(trim_punct(&after[..group.start])),
        );
        return Some(ChicagoCitation::full(item, locator, lead));
    }
    // No imprint: a short form, if a pinpoint follows.
    let (_, pin) = trailing_locator(after)
        .or_else(|| trailing_locator(&format!(",{after}")).map(|(_, p)| (0, p)))?;
    item.volume = pin.volume;
    let short = ShortRef {
        names: short_names(&authors),
        title: Some(title_text),
    };
    Some(ChicagoCitation::short(item, pin.locator, short, lead))
}

/// `John Smith, “The Politics of Aid” (PhD diss., Harvard University,
/// 1990), 45`.
fn thesis(s: &str, lay: &layout::Layout) -> Option<ChicagoCitation> {
    let (group, (genre, university, issued)) = lay
        .parens
        .iter()
        .filter(|g| may_hold_thesis(layout::inner_raw(s, g)))
        .find_map(|g| thesis_imprint(&layout::inner_squashed(s, g)).map(|t| (g.clone(), t)))?;
    let head = trim_punct(&s[..group.start]);
    let offset = head.as_ptr() as usize - s.as_ptr() as usize;
    let mut item = Item {
        kind: ItemType::Thesis,
        genre: Some(genre),
        publisher: university,
        issued,
        ..Item::default()
    };
    let lead;
    if let Some(q) = lay
        .quotes
        .iter()
        .find(|q| q.start >= offset && q.end <= offset + head.len())
    {
        item.title = Some(trim_punct(&layout::inner_squashed(s, q)).to_string());
        let before = &head[..q.start - offset];
        let (authors, _, _, l) = author_chunks(before, &chunks(before), 0);
        item.author = authors;
        lead = l + offset;
    } else {
        let parts = chunks(head);
        let (authors, _, used, l) = author_chunks(head, &parts, 1);
        item.author = authors;
        item.title = parts
            .get(used)
            .map(|(r, _)| squash_spaces(trim_punct(&head[r.start..])));
        lead = l + offset;
    }
    let locator = trailing_locator(&s[group.end..]).and_then(|(_, p)| p.locator);
    Some(ChicagoCitation::full(item, locator, lead))
}

/// A book or chapter anchored on its publication parenthesis.
fn book_or_chapter(
    s: &str,
    lay: &layout::Layout,
    group: Range<usize>,
    imp: Imprint,
) -> Option<ChicagoCitation> {
    let mut item = Item {
        kind: ItemType::Book,
        ..Item::default()
    };
    let locator = imp.apply(&mut item, &s[group.end..]);
    let head = s[..group.start].trim_end();
    let (head, translation) = split_translation(head);
    let head = trim_punct(head);

    // A quoted title before the imprint: a chapter or a document in a
    // collection.
    // `head` may start after leading punctuation: quote spans of `s` are
    // shifted by `offset` to index it.
    let offset = head.as_ptr() as usize - s.as_ptr() as usize;
    let quoted = title_quote(s, &lay.quotes, offset..offset + head.len());
    // A sentence the note quotes before citing a book ("…declared that
    // “art is a friend.” Ann Hill, Frost Lore (…)"): the book starts after it.
    let (head, offset, quoted) = match quoted {
        Some((q, _)) if quoted_sentence(s, &q, offset) => {
            let rest = trim_punct(&s[q.end..offset + head.len()]);
            (rest, rest.as_ptr() as usize - s.as_ptr() as usize, None)
        }
        other => (head, offset, other),
    };
    if let Some((q, name_at)) = quoted {
        let q = &q;
        item.kind = ItemType::Chapter;
        item.title = Some(trim_punct(&layout::inner_squashed(s, q)).to_string());
        let before = &head[name_at - offset..q.start - offset];
        let parts = chunks(before);
        let (authors, _, _, lead) = author_chunks(before, &parts, 0);
        let lead = lead + (name_at - offset);
        item.author = authors;
        let mut after = trim_punct(&head[q.end - offset..]);
        // A date that opens the text (what `find_date` would find at 0):
        // only that one counts, so no other start is tried.
        if let Ok((rest, d)) = dates::date(after) {
            if !rest.starts_with(char::is_alphanumeric) {
                item.original_date = Some(d);
                after = trim_punct(rest);
            }
        }
        let (own, container) = split_at_in(after);
        apply_trailer(&mut item, roles::read_trailer(own));
        if translation.is_some() {
            item.custom.container_title_translated = translation;
        }
        if let Some((series, number)) = working_paper_series(container) {
            item.kind = ItemType::Report;
            item.collection_title = Some(series);
            item.number = number;
        } else {
            read_container(&mut item, container);
        }
        let locator = take_span(&mut item, locator);
        return Some(ChicagoCitation::full(item, locator, lead + offset));
    }

    // "Title, the Ann Hill translation (1925), reprinted in Ben Lund, ed.,
    // Frost Classics": the translation named in prose, and the series
    // the book was reprinted in with its editors.
    // The readings below split `head` at its comma chunks, which are
    // found once and again only when a reading shortens it.
    let mut parts = chunks(head);
    let (head, reprint_host) = match split_reprint(head, &parts) {
        Some((own, host)) => {
            parts = chunks(own);
            (own, Some(host))
        }
        None => (head, None),
    };
    let head = match translation_phrase(head, &parts) {
        Some((own, translators, date)) => {
            item.translator.extend(translators);
            if date.is_some() {
                item.original_date = date;
            }
            parts = chunks(own);
            own
        }
        None => head,
    };
    if let Some(host) = reprint_host {
        read_series_host(&mut item, host);
    }
    // "Author, Title, trans. X, in Book, ed. Y": a chapter whose title is
    // not quoted (it was printed in italics).
    let (head, container) = match split_at_in_chunk_of(head, &parts) {
        Some((own, container)) => {
            item.kind = ItemType::Chapter;
            read_container(&mut item, container);
            parts = chunks(own);
            (own, true)
        }
        None => match translated_in(head, &parts) {
            // "Ann Hill, Frost, trans. in Carl Moss, The Ice Texts (...)":
            // a text translated in another's book; its author translated it.
            Some((own, container)) => {
                item.kind = ItemType::Chapter;
                read_container(&mut item, container);
                if item.translator.is_empty() {
                    item.translator = item.container_author.clone();
                }
                parts = chunks(own);
                (own, true)
            }
            None => (head, false),
        },
    };
    let (title_part, trailer) = roles::split_trailer_of(head, &parts);
    // The title part is `head` itself when no trailer was cut (white space
    // at its end holds no comma and changes no chunk).
    if title_part.as_ptr() != head.as_ptr() || title_part.len() != head.trim_end().len() {
        parts = chunks(title_part);
    }
    if parts.is_empty() {
        return None;
    }
    let (authors, are_editors, used, mut lead) = author_chunks_full(title_part, &parts);
    let title_start = if used > 0 {
        parts[used].0.start
    } else {
        // No author: the title runs back from the imprint over the chunks
        // that are not prose ("Documents on British Policy Overseas, ser.
        // 2, vol. 4"), and stops at a discursive lead ("I edited an
        // archival compilation, 50 nianhou ...").
        let mut k = parts.len() - 1;
        while k > 0 && !is_prose(parts[k - 1].1) {
            k -= 1;
        }
        // Lowercase words before the title are prose ("citing Another Book").
        let chunk = parts[k].1;
        let skip = chunk
            .char_indices()
            .find(|&(i, c)| (i == 0 || chunk[..i].ends_with(' ')) && !c.is_lowercase())
            .map_or(0, |(i, _)| i);
        lead = parts[k].0.start + skip;
        lead
    };
    let authors: Vec<Name> = authors
        .into_iter()
        .map(|n| match n.literal {
            Some(l) => Name::literal(strip_name_glosses(&l).into_owned()),
            None => n,
        })
        .collect();
    let mut title = squash_spaces(trim_punct(&title_part[title_start..]));
    // "Ann Hill, ed. Frost Lore": the role word printed without its comma,
    // before the title.
    let mut are_editors = are_editors;
    if !authors.is_empty() && !are_editors.editor && !are_editors.translator {
        if let Some((r, len)) = roles::role_prefix(&title)
            .filter(|(r, len)| (r.editor || r.translator) && title[..*len].ends_with('.'))
        {
            let rest = title[len..].trim_start();
            if rest.starts_with(char::is_uppercase) && !names::looks_like_name_list(rest) {
                are_editors = r;
                title = rest.to_string();
            }
        }
    }
    give_names(&mut item, authors, are_editors);
    apply_trailer(&mut item, trailer);
    // "Foreign Relations of the United States, 1950, vol. 7": a body-like
    // title followed by a year or volume was read as an author.
    let title = if item.author.len() == 1
        && item.author[0].literal.is_some()
        && starts_with_year_or_volume(&title)
    {
        let body = item.author.remove(0).literal.unwrap_or_default();
        match body.split_once(", ") {
            // "Department of State, Foreign Relations of the United States,
            // 1950": the body was joined with the title's first chunk (as
            // if its parent body); the first body is the author.
            Some((author, first)) if is_body(author) => {
                item.author = vec![Name::literal(author)];
                format!("{first}, {title}")
            }
            _ => {
                lead = lead.min(parts[0].0.start);
                format!("{body}, {title}")
            }
        }
    } else {
        title
    };
    let (title, number_of_volumes) = split_number_of_volumes(&title);
    if number_of_volumes.is_some() {
        item.number_of_volumes = number_of_volumes;
    }
    let (title, volume, volume_title) = split_volume(title);
    if volume.is_some() && item.volume.is_none() {
        item.volume = volume;
    }
    if volume_title.is_some() {
        item.volume_title = volume_title;
    }
    // "Winter Tales (1799), ed. Ann Hill (Dover: Elm, 1984)": the year
    // after the title is the work's first date (CSL `original-date`).
    let title = match trailing_year(&title) {
        Some((own, year)) if item.original_date.is_none() && item.issued.is_some() => {
            item.original_date = Some(year);
            own.to_string()
        }
        _ => title,
    };
    item.title = Some(title);
    if translation.is_some() {
        if container {
            item.custom.container_title_translated = translation;
        } else {
            item.custom.title_translated = translation;
        }
    }
    // A chapter's span and the page cited in it ("199–206, at 201").
    let locator = if container {
        take_span(&mut item, locator)
    } else {
        locator
    };
    Some(ChicagoCitation::full(item, locator, lead + offset))
}

/// True when a parenthesized or bracketed group after a title may hold
/// its translation: it opens with a capital or a quotation mark ("[The
/// Frost]", "(“Ice”)"), not with a date or a lowercase word.
fn opens_translation(group: &str) -> bool {
    let inside = group.trim_start_matches(['(', '[']).trim_start();
    inside.starts_with(|c: char| c.is_uppercase() || crate::text::is_open_quote(c) || c == '‘')
}

/// Splits "Winter Tales (1799)" into the title and the year in
/// parentheses that closes it.
fn trailing_year(title: &str) -> Option<(&str, Date)> {
    let (own, group) = title.strip_suffix(')')?.rsplit_once(" (")?;
    let (rest, year) = dates::year(group).ok()?;
    (rest.is_empty() && !own.trim_ws().is_empty())
        .then(|| (own.trim_end(), Date::ymd(year, None, None)))
}

/// True if the quotation `q` is a sentence quoted in prose rather than a
/// title: prose stands before it, it ends a sentence, and a citation of
/// its own (names, a comma, a title) follows it rather than "in".
fn quoted_sentence(s: &str, q: &Range<usize>, from: usize) -> bool {
    let quoted = inner(s, q);
    let before = trim_punct(&s[from..q.start]);
    let last_chunk = chunks(before).last().map_or("", |(_, c)| *c);
    let after = s[q.end..].trim_start();
    quoted.ends_with(['.', '!'])
        && !before.is_empty()
        && !name_chunk(last_chunk)
        && after.starts_with(char::is_uppercase)
        && after.contains(',')
}

/// The quoted title of a chapter or article among the quotations of
/// `s[within]`, and where its author list starts. A quotation from the
/// text that the note quotes before citing it ("…in his nature.” Ann Hill,
/// “Frost,” in …) is not the title: the title is the last quotation that
/// follows a name; failing that, the first.
fn title_quote(
    s: &str,
    quotes: &[Range<usize>],
    within: Range<usize>,
) -> Option<(Range<usize>, usize)> {
    let inside: Vec<&Range<usize>> = quotes
        .iter()
        .filter(|q| q.start >= within.start && q.end <= within.end)
        .collect();
    let first = (*inside.first()?).clone();
    for (i, q) in inside.iter().enumerate().skip(1).rev() {
        // The text between the previous quotation and this one.
        let gap = &s[inside[i - 1].end..q.start];
        let name = gap.trim_end().trim_end_matches(',').trim_end();
        // After the sentence that closed the quotation.
        let name = name
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ')'))
            .trim_start();
        let sentence_ends = gap.trim_start().starts_with(['.', ';'])
            || s[..inside[i - 1].end]
                .trim_end_matches(['”', '"', '’'])
                .ends_with(['.', '!', '?']);
        if sentence_ends && !name.is_empty() && name_chunk(name) && !name.contains(',') {
            let at = inside[i - 1].end + gap.find(name).unwrap_or(0);
            return Some(((*q).clone(), at));
        }
    }
    // "“A sentence quoted,” as Ann Hill put it in her essay, “Frost,” in
    // The Winter Book": the quotation followed by "in" and a capital is
    // the title of a chapter; the prose before it is not its author.
    let follows_in = |q: &Range<usize>| {
        let after = s[q.end..within.end].trim_start_matches([',', ' ']);
        after
            .strip_prefix("in ")
            .is_some_and(|r| r.starts_with(char::is_uppercase))
    };
    if !follows_in(&first) {
        if let Some(q) = inside.iter().skip(1).find(|q| follows_in(q)) {
            let gap = &s[inside[0].end..q.start];
            let no_numbers = !gap.contains(|c: char| c.is_ascii_digit());
            // "“A sentence quoted,” in “Frost,” in The Winter Book": the
            // quotation is from the chapter.
            let bare_in = gap.trim_matches([',', ' ']) == "in";
            if bare_in || no_numbers && (is_prose(gap) || count_words_up_to(gap, 5) > 4) {
                return Some(((*q).clone(), q.start));
            }
        }
    }
    let start = within.start;
    Some((first, start))
}

/// True if a chunk reads as a sentence rather than a title or name: it
/// speaks in the first person, or most of its words are lowercase content
/// words.
fn is_prose(chunk: &str) -> bool {
    const PRONOUNS: &[&str] = &[
        "I", "we", "We", "my", "My", "our", "Our", "this", "This", "these", "These",
    ];
    const LIGHT: &[&str] = &[
        "of", "the", "a", "an", "and", "in", "on", "to", "for", "de", "la", "le", "von", "van",
        "der", "i", "v",
    ];
    let words: Vec<&str> = chunk.split_whitespace().collect();
    if words.iter().any(|w| PRONOUNS.contains(w)) {
        return true;
    }
    let content = words
        .iter()
        .filter(|w| !LIGHT.contains(&w.to_lowercase().as_str()))
        .count();
    let lowercase = words
        .iter()
        .filter(|w| {
            !LIGHT.contains(&w.to_lowercase().as_str())
                && w.chars().next().is_some_and(char::is_lowercase)
        })
        .count();
    lowercase >= 2
        && lowercase * 2 >= content
        && !words.iter().any(|w| w.ends_with('.') && w.len() <= 5)
}

/// True if text opens with a year or a volume ("1950, vol. 7, Korea").
fn starts_with_year_or_volume(s: &str) -> bool {
    dates::year(s).is_ok() || s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("vol."))
}

/// Splits a multi-volume title: "The Origins of the Korean War, vol. 2, The
/// Roaring of the Cataract, 1947-1950" gives the title, volume "2" and the
/// volume's own title.
/// Splits "The Origins of the Korean War, 2 vols." into the title and the
/// number of volumes of the work.
fn split_number_of_volumes(title: &str) -> (&str, Option<String>) {
    let split = title.rsplit_once(", ").and_then(|(head, tail)| {
        let (count, word) = tail.trim_end_matches('.').split_once(' ')?;
        let volumes = matches!(word, "vols" | "volumes" | "Vols" | "Volumes");
        (volumes && !count.is_empty() && count.bytes().all(|b| b.is_ascii_digit()))
            .then(|| (head, Some(count.to_string())))
    });
    split.unwrap_or((title, None))
}

fn split_volume(title: &str) -> (String, Option<String>, Option<String>) {
    // Searchers set up once a run (every book title is asked).
    static VOLUME: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| [", vol. ", ", volume "].map(memchr::memmem::Finder::new));
    let lower = title.to_ascii_lowercase();
    if let Some(at) = VOLUME[0]
        .find(lower.as_bytes())
        .or_else(|| VOLUME[1].find(lower.as_bytes()))
    {
        let rest = &title[at + 2..];
        if let Ok((after, v)) = super::locator::volume(rest) {
            let volume_title = trim_punct(after);
            let head = squash_spaces(&title[..at]);
            return (
                head,
                Some(v),
                (!volume_title.is_empty()).then(|| squash_spaces(volume_title)),
            );
        }
    }
    (title.to_string(), None, None)
}

/// Fills an item with what its title's trailer names: contributors,
/// edition, volume.
fn apply_trailer(item: &mut Item, t: roles::Trailer) {
    item.editor.extend(t.editors);
    item.translator.extend(t.translators);
    if t.edition.is_some() {
        item.edition = t.edition;
    }
    if item.volume.is_none() {
        item.volume = t.volume;
    }
    if t.volume_title.is_some() {
        item.volume_title = t.volume_title;
    }
    if t.number_of_volumes.is_some() {
        item.number_of_volumes = t.number_of_volumes;
    }
    // "…, ed. Ann Hill, Frost Studies 12": a series after the contributors.
    if let Some(rest) = t.rest.filter(|r| r.starts_with(char::is_uppercase)) {
        if let (true, (title, Some(number))) =
            (item.collection_title.is_none(), series_and_number(&rest))
        {
            item.collection_title = Some(title);
            item.collection_number = Some(number);
        }
    }
}

/// Splits what follows a chapter title at its "in": the chapter's own
/// contributors before it ("trans. X, in Book"), the container after.
/// With no "in", all of it is the container.
fn split_at_in(after: &str) -> (&str, &str) {
    if let Some(rest) = after.strip_prefix("in ") {
        return ("", rest);
    }
    split_at_in_chunk(after).unwrap_or(("", after))
}

/// The words that print where a book was reprinted.
const REPRINT_WORDS: &[&str] = &["reprinted in ", "repr. in ", "reprint in ", "rpt. in "];

/// Splits "Title, …, reprinted in Ben Lund, ed., Frost Classics" at the
/// comma chunk that says where the work was reprinted: the text before
/// it, and the host after the words.
/// `parts` are the comma chunks of `s`.
fn split_reprint<'a>(s: &'a str, parts: &[(Range<usize>, &str)]) -> Option<(&'a str, &'a str)> {
    parts.iter().skip(1).find_map(|(span, chunk)| {
        let len = REPRINT_WORDS.iter().find_map(|w| {
            chunk
                .get(..w.len())
                .filter(|h| h.eq_ignore_ascii_case(w))
                .map(|_| w.len())
        })?;
        let host = &s[span.start + len..];
        host.starts_with(char::is_uppercase)
            .then(|| (trim_punct(&s[..span.start]), host))
    })
}

/// Reads the host a book was reprinted in ("Ben Lund, ed., Frost
/// Classics"): a series (CSL `collection-title`) and the names its role
/// word makes editors.
fn read_series_host(item: &mut Item, host: &str) {
    let host = trim_punct(host);
    let parts = chunks(host);
    let (names, r, used, _) = author_chunks(host, &parts, 1);
    let title = match parts.get(used) {
        Some((span, _)) if used > 0 && (r.editor || r.translator) => {
            item.editor.extend(names);
            &host[span.start..]
        }
        _ => host,
    };
    item.collection_title = Some(squash_spaces(trim_punct(title)));
}

/// "…, unless otherwise noted, use the Ann Hill translation (1925)": a
/// translation named in prose at the end of a book's head. Returns the
/// text before it (without the prose that leads to it), the translators
/// and the year of the translation (CSL `original-date` of the edition
/// cited).
/// `parts` are the comma chunks of `s`.
fn translation_phrase<'a>(
    s: &'a str,
    parts: &[(Range<usize>, &str)],
) -> Option<(&'a str, Vec<Name>, Option<Date>)> {
    let (span, chunk) = parts.last().filter(|_| parts.len() >= 2)?;
    static TRANSLATION: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" translation"));
    let at = TRANSLATION.find(chunk.as_bytes())?;
    let tail = chunk[at + " translation".len()..].trim_ws();
    let date = match tail.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(y) => Some(parse_date(y)?),
        None if tail.is_empty() => None,
        None => return None,
    };
    let words: Vec<&str> = chunk[..at].split_whitespace().collect();
    let mut k = words.len();
    while k > 0 && names::is_name_word(words[k - 1]) {
        k -= 1;
    }
    let run = words.len() - k;
    let opened = k == 0 || words[k - 1].eq_ignore_ascii_case("the");
    if !(2..=5).contains(&run) || !opened {
        return None;
    }
    // The lowercase prose chunks before it ("unless otherwise noted").
    let mut end = span.start;
    for (sp, c) in parts[..parts.len() - 1].iter().rev() {
        if c.split_whitespace()
            .all(|w| w.starts_with(char::is_lowercase))
        {
            end = sp.start;
        } else {
            break;
        }
    }
    let own = trim_punct(&s[..end]);
    if own.is_empty() {
        return None;
    }
    Some((own, names::parse_name_list(&words[k..].join(" ")), date))
}

/// The comma chunk that opens with "in " and a capital or a quotation
/// mark ("…, in The Winter Treatise"): the text before it and the
/// container after "in ".
fn split_at_in_chunk(s: &str) -> Option<(&str, &str)> {
    split_at_in_chunk_of(s, &chunks(s))
}

/// [`split_at_in_chunk`] with the comma chunks of `s` already found.
fn split_at_in_chunk_of<'a>(
    s: &'a str,
    parts: &[(Range<usize>, &str)],
) -> Option<(&'a str, &'a str)> {
    parts.iter().skip(1).find_map(|(span, chunk)| {
        let rest = chunk.strip_prefix("in ")?;
        rest.starts_with(|c: char| c.is_uppercase() || matches!(c, '“' | '"' | '‘'))
            .then(|| (trim_punct(&s[..span.start]), &s[span.start + 3..]))
    })
}

/// Splits "Title, trans. in Carl Moss, The Ice Texts" at the chunk that
/// opens with a translator's role word and "in": the text before it and
/// the book after "in".
/// `parts` are the comma chunks of `s`.
fn translated_in<'a>(s: &'a str, parts: &[(Range<usize>, &str)]) -> Option<(&'a str, &'a str)> {
    parts.iter().skip(1).find_map(|(span, chunk)| {
        let (roles, len) = roles::role_prefix(chunk)?;
        let rest = chunk[len..].trim_start().strip_prefix("in ")?;
        let at = span.start + (chunk.len() - rest.len());
        (roles.translator && !roles.editor && rest.starts_with(char::is_uppercase))
            .then(|| (trim_punct(&s[..span.start]), &s[at..]))
    })
}

/// True if a comma chunk names persons in full (given and family names),
/// as the author of a book printed before its title does ("in Oskar Dahl,
/// The Winter Treatise").
fn full_person_names(chunk: &str) -> bool {
    let c = chunk.trim_ws();
    if !names::looks_like_name_list(c) || c.starts_with("The ") || is_body(c) {
        return false;
    }
    split_name_list(c).iter().all(|n| {
        let words: Vec<&str> = n.split_whitespace().collect();
        // A possessive makes a title: "in Ann Hill’s Frost, Ice and Thaw".
        (2..=4).contains(&words.len())
            && words.iter().all(|w| {
                names::is_name_word(w)
                    && !matches!(*w, "and" | "of" | "the")
                    && !w.ends_with("’s")
                    && !w.ends_with("'s")
            })
    })
}

/// Reads the book a chapter is in: "Oskar Dahl, The Winter Treatise, ed.
/// and trans. Ann Hill, 2nd ed.": the book's author (CSL
/// `container-author`), title, contributors, edition and volume.
fn read_container(item: &mut Item, text: &str) {
    let (title, trailer) = roles::split_trailer(trim_punct(text));
    let parts = chunks(title);
    // "in Hart, The Hidden Things": the chapter's author's own book.
    let own_book = |chunk: &str| {
        item.author
            .iter()
            .any(|a| a.family.as_deref() == Some(chunk.trim_ws()))
    };
    let title = match parts.as_slice() {
        // "in Ann Hill, ed., The Winter Treatise": the book's editors.
        [(_, first), (_, marker), (third, _), ..]
            if names::looks_like_name_list(first) && !is_body(first) && editor_marker(marker) =>
        {
            let r = marker_roles(marker).unwrap_or_default();
            let names = names::parse_name_list(first);
            if r.translator {
                item.translator.extend(names.iter().cloned());
            }
            if r.editor {
                item.editor.extend(names);
            }
            &title[third.start..]
        }
        [(_, first), (second, next), ..]
            if (full_person_names(first) || own_book(first))
                && next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) =>
        {
            item.container_author = names::parse_name_list(first);
            &title[second.start..]
        }
        _ => title,
    };
    item.container_title = Some(squash_spaces(trim_punct(title)));
    apply_trailer(item, trailer);
}

/// `Author’s interview with A. Ledovskii, 31 July 1996, Moscow`,
/// `Interview with Kim Il by Jane Doe, Seoul, 1995`, and the Chicago
/// Manual's `Kim Il, interview by the author, Seoul, May 12, 1995`.
fn interview(s: &str) -> Option<ChicagoCitation> {
    // "interview with X", "interview by the author with X": found
    // ASCII case-insensitively, which keeps the byte offsets into `s`.
    let at = find_ascii_no_case(s, "interview")?;
    if let Some(c) = interview_by(s) {
        return Some(c);
    }
    let Some(with) = find_ascii_no_case(&s[at..], " with ")
        .filter(|w| *w <= 40)
        .map(|w| w + at)
    else {
        return unnamed_interview(s);
    };
    let rest = &s[with + " with ".len()..];
    let parts = chunks(rest);
    let (_, who) = parts.first()?;
    // "with Kim Il by Jane Doe": the interviewer after "by".
    let (who, by) = match find_ascii_no_case(who, " by ") {
        Some(b) => (&who[..b], Some(&who[b + " by ".len()..])),
        None => (*who, None),
    };
    if !names::looks_like_name_list(who) {
        return None;
    }
    let mut item = Item {
        kind: ItemType::Interview,
        author: names::parse_name_list(who),
        interviewer: by.map(interviewer).unwrap_or_default(),
        ..Item::default()
    };
    interview_place_and_date(&mut item, &parts[1..]);
    Some(ChicagoCitation::full(item, None, 0))
}

/// `Kim Il, interview by the author, Seoul, May 12, 1995`: the interviewee,
/// then "interview by" and who interviewed.
fn interview_by(s: &str) -> Option<ChicagoCitation> {
    let parts = chunks(s);
    let (_, who) = parts.first()?;
    let (_, second) = parts.get(1)?;
    let by = ["interview by ", "interviewed by "]
        .iter()
        .find_map(|lead| {
            second
                .get(..lead.len())
                .filter(|head| head.eq_ignore_ascii_case(lead))
                .map(|_| &second[lead.len()..])
        })?;
    if !names::looks_like_name_list(who) {
        return None;
    }
    let mut item = Item {
        kind: ItemType::Interview,
        author: names::parse_name_list(who),
        interviewer: interviewer(by),
        ..Item::default()
    };
    interview_place_and_date(&mut item, &parts[2..]);
    Some(ChicagoCitation::full(item, None, 0))
}

/// Who interviewed, as printed after "by": no name for the author of the
/// work in hand ("the author"), nor for a means ("telephone").
fn interviewer(by: &str) -> Vec<Name> {
    let by = trim_punct(by.trim_ws());
    let author = ["author", "the author", "the present author"];
    if author.iter().any(|a| by.eq_ignore_ascii_case(a)) || !names::looks_like_name_list(by) {
        return Vec::new();
    }
    names::parse_name_list(by)
}

/// Fills an interview's date and place from the parts after the names.
fn interview_place_and_date(item: &mut Item, parts: &[(Range<usize>, &str)]) {
    let mut parts = parts.iter().peekable();
    while let Some((_, p)) = parts.next() {
        if item.issued.is_none() {
            // "May 12, 1995" spans two parts.
            let with_year = parts.peek().map(|(_, next)| format!("{p}, {next}"));
            if let Some(d) = with_year.as_deref().and_then(parse_date) {
                item.issued = Some(d);
                parts.next();
                continue;
            }
            if let Some(d) = parse_date(p) {
                item.issued = Some(d);
                continue;
            }
        }
        if item.event_place.is_none()
            && names::is_name_word(p.split_whitespace().next().unwrap_or(""))
        {
            item.event_place = Some(trim_punct(p).to_string());
        }
    }
}

/// Byte offset of the first match of `needle` (lowercase ASCII) in `s`
/// compared ASCII case-insensitively: `s.to_ascii_lowercase().find(needle)`
/// without the copy. A match holds the needle's rarest byte (by
/// [`BYTE_RARITY`]) in either case at its place in the needle, so only
/// the places `memchr2` finds for those two bytes are compared (asked of
/// every text the Chicago grammar reads, for "interview": comparing at
/// every byte cost more than the rest of a failing reading's tests
/// together, and stopping at every "i" cost 60 000 searches on the
/// dev-set corpus where its "v" costs a few thousand). The places are found
/// in order, so the first that matches opens the first match. Inlined:
/// every caller passes a literal needle, whose rarest byte the compiler
/// can then find once rather than at each call (1.1-1.8 M instructions
/// fewer on 0.5 MB of notes, asked of every Chicago citation).
#[inline]
pub(super) fn find_ascii_no_case(s: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let b = s.as_bytes();
    if n.len() > b.len() {
        return None;
    }
    // The first of the rarest bytes of the needle (the first byte of an
    // empty needle, which matches at 0).
    let Some(at) = (0..n.len())
        .rev()
        .max_by_key(|&i| BYTE_RARITY[usize::from(n[i])])
    else {
        return Some(0);
    };
    let rare = n[at];
    // A match at `i` has its rare byte at `i + at`.
    memchr::memchr2_iter(
        rare.to_ascii_lowercase(),
        rare.to_ascii_uppercase(),
        &b[at..],
    )
    .find(|&i| {
        b.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// How rare a byte is in the texts the grammars search (higher is
/// rarer): letters by their frequency in English prose (either case), the
/// space the most common, other ASCII bytes in between, and the bytes of
/// non-ASCII chars rare. Only the speed of [`find_ascii_no_case`] hangs
/// on it, never its answer.
static BYTE_RARITY: [u8; 256] = {
    let mut t = [20u8; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = 10;
        i += 1;
    }
    let by_frequency = b" etaoinshrdlcumwfgypbvkjxqz";
    let mut k = 0;
    while k < by_frequency.len() {
        let c = by_frequency[k];
        t[c as usize] = k as u8;
        t[c.to_ascii_uppercase() as usize] = k as u8;
        k += 1;
    }
    t
};

/// "Interview, Beijing, 12 May 2001": an interview whose interviewee is
/// not named, with its place and date.
fn unnamed_interview(s: &str) -> Option<ChicagoCitation> {
    let parts = chunks(s);
    let (_, first) = parts.first()?;
    let first = first.to_lowercase();
    if !(first == "interview" || first.ends_with(" interview") || first.ends_with("’s interview"))
        || first.len() > 40
    {
        return None;
    }
    let mut item = Item {
        kind: ItemType::Interview,
        ..Item::default()
    };
    for (_, p) in &parts[1..] {
        if let Some(d) = parse_date(p) {
            item.issued = Some(d);
        } else if item.event_place.is_none()
            && p.starts_with(char::is_uppercase)
            && count_words_up_to(p, 4) <= 3
        {
            item.event_place = Some(trim_punct(p).to_string());
        } else {
            return None;
        }
    }
    item.issued.as_ref()?;
    Some(ChicagoCitation::full(item, None, 0))
}

/// Citations around a quoted title: articles, chapters without imprint,
/// conference papers, working papers, dated documents, and short forms
/// with a quoted title.
/// `lay` is the layout of `s`.
fn quoted_title_citation(
    s: &str,
    lay: &layout::Layout,
    q: Range<usize>,
) -> Option<ChicagoCitation> {
    let before = &s[..q.start];
    let parts = layout::chunks_at(before, lay.commas_before(q.start));
    let (authors, are_editors, used, lead) = author_chunks(before, &parts, 0);
    // Text before the title that is neither names nor a signal is prose:
    // not a citation we can read from here.
    if used < parts.len() {
        return None;
    }
    // "Ann Lee, ed., “Frost,” special issue, Journal 4 (1990)": the names
    // before "ed." edited the issue.
    let mut item = Item::default();
    give_names(&mut item, authors.clone(), are_editors);
    item.title = Some(trim_punct(&layout::inner_squashed(s, &q)).to_string());
    let mut after =
        s[q.end..].trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
    let (a, gloss) = leading_gloss(after);
    after = a;
    // "“Title” [1930]": the date supplied for an undated document;
    // "“Title” [notes for a lecture]": a description, not a translation.
    match gloss {
        Some(g) if opens_translation(&format!("[{g}]")) => item.custom.title_translated = Some(g),
        Some(g) => {
            if let Ok((rest, y)) = dates::year(&g) {
                if rest.is_empty() {
                    item.issued = Some(Date::ymd(y, None, None));
                }
            }
        }
        None => {}
    }

    // "trans. by Song Datu, Chinese Historians, ..."
    let tail_parts = chunks(after);
    if let Some((span, first)) = tail_parts.first() {
        if let Some((role, names)) = role_phrase(first) {
            match role {
                "translator" => item.translator = names,
                "translator and editor" => {
                    item.translator = names.clone();
                    item.editor = names;
                }
                _ => item.editor = names,
            }
            after = after[span.end..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        }
    }
    let lower = after.to_ascii_lowercase();

    if lower.starts_with("paper presented")
        || lower.starts_with("paper delivered")
        || lower.starts_with("paper read")
    {
        return Some(conference_paper(item, after, lead));
    }
    // "“Letters Home,” unpublished manuscript, [1975], 12."
    if let Some(c) = super::unpublished::unpublished_work(&item, after, lead) {
        return Some(c);
    }
    if let Some(rest) = lower.strip_prefix("by ").map(|_| &after[3..]) {
        // "“Title,” by Author, in Series, Working paper, No. 8, pp. 9-10"
        let parts = chunks(rest);
        if let Some((span, who)) = parts.first() {
            if names::looks_like_name_list(who) {
                item.author = names::parse_name_list(who);
                let rest =
                    rest[span.end..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
                let rest = rest.strip_prefix("in ").unwrap_or(rest);
                return in_container(item, rest, lead);
            }
        }
    }
    if lower.starts_with("in ") {
        return in_container(item, &after[3..], lead);
    }
    // A dated document with no container: "“Notes on ...,” September 1945",
    // and with a pinpoint after a full date: "“Notes on Ice,” May 2, 1977, 4".
    if let Some(d) = parse_date(after) {
        item.kind = ItemType::Manuscript;
        item.issued = Some(d);
        return Some(ChicagoCitation::full(item, None, lead));
    }
    let trailing = trailing_locator(after);
    if let Some((cut, pin)) = &trailing {
        let dated = parse_date(&after[..*cut])
            .filter(|d| d.date_parts.first().is_some_and(|p| p.len() >= 2));
        if let Some(d) = dated {
            item.kind = ItemType::Manuscript;
            item.issued = Some(d);
            return Some(ChicagoCitation::full(item, pin.locator.clone(), lead));
        }
    }
    // "“A Journey,” privately printed, 1950, 8": a book printed outside the
    // trade, its imprint a phrase of data/private-imprints.txt.
    if let Some(c) = super::unpublished::privately_printed(&item, after, &trailing, lead) {
        return Some(c);
    }
    if after.is_empty() {
        // "see Vole, “Lichens of the Northern Coast.”": names and a title
        // in title case, with no page, are a short form of the whole work;
        // "Vole, “we shall go on.”" quotes a sentence.
        if authors.is_empty() || !title_cased(item.title.as_deref().unwrap_or("")) {
            return None;
        }
        let short = ShortRef {
            names: short_names(&authors),
            title: item.title.clone(),
        };
        item.kind = ItemType::ArticleJournal;
        return Some(ChicagoCitation::short(item, None, short, lead));
    }
    // A short form with a quoted title: "Weathersby, “The Soviet Role,” p. 441."
    if let Ok((rest, pin)) = super::locator::pinpoint(after) {
        if rest.trim_ws().is_empty() {
            let short = ShortRef {
                names: short_names(&authors),
                title: item.title.clone(),
            };
            item.kind = ItemType::ArticleJournal;
            return Some(ChicagoCitation::short(item, pin.locator, short, lead));
        }
    }
    let (dated, locator) = periodical_tail_after(after, trailing, &mut item)?;
    let locator = take_span(&mut item, locator);
    item.kind = periodical_type(&item);
    // "CWIHP Working Paper no. 1 (June 1992)": a report in a series.
    if let Some((series, number)) = item
        .container_title
        .as_deref()
        .and_then(working_paper_series)
    {
        item.kind = ItemType::Report;
        item.container_title = None;
        item.collection_title = Some(series);
        item.number = number.or_else(|| item.issue.take());
        item.issue = None;
        return Some(ChicagoCitation::full(item, locator, lead));
    }
    // A volume and an issue identify an article even without its date
    // ("Journal 5(7): 77–124"); an issue alone after a short title is a
    // short form ("Smith, “Title,” Journal, No. 2, p. 5").
    if dated || item.volume.is_some() && item.issue.is_some() {
        Some(ChicagoCitation::full(item, locator, lead))
    } else {
        let short = ShortRef {
            names: short_names(&authors),
            title: item.title.clone(),
        };
        Some(ChicagoCitation::short(item, locator, short, lead))
    }
}

/// True when a quoted text is printed as a title, not as a sentence: at
/// least two words of four letters or more, and three in four of them
/// capitalized ("Grounding Law in the Image of God", not "we shall go on
/// to the sea").
fn title_cased(text: &str) -> bool {
    let long: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let capitals = long
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    long.len() >= 2 && capitals * 4 >= long.len() * 3
}

/// A parenthesized gloss at the start of `s`: the translation of the title
/// just before it.
fn leading_gloss(s: &str) -> (&str, Option<String>) {
    let t = s.trim_start();
    if t.starts_with('(') || t.starts_with('[') {
        let lay = layout::scan(t);
        if let Some(g) = lay.parens.first() {
            if g.start == 0 {
                let gloss = inner(t, g);
                let rest = t[g.end..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
                return (rest, Some(gloss));
            }
        }
    }
    (s, None)
}

/// `paper presented to CWIHP conference on “The Cold War and Asia,” Hong
/// Kong, January 1996`.
fn conference_paper(mut item: Item, after: &str, lead: usize) -> ChicagoCitation {
    item.kind = ItemType::PaperConference;
    let lay = layout::scan(after);
    let rest = if let Some(q) = lay.quotes.first() {
        item.event_title = Some(trim_punct(&inner(after, q)).to_string());
        &after[q.end..]
    } else {
        after
    };
    for (_, p) in chunks(rest) {
        if let Some(d) = parse_date(p) {
            item.issued = Some(d);
        } else if item.event_place.is_none() && !p.is_empty() {
            let p = trim_punct(p);
            if item.event_title.is_some() && p.chars().next().is_some_and(char::is_uppercase) {
                item.event_place = Some(p.to_string());
            }
        }
    }
    ChicagoCitation::full(item, None, lead)
}

/// What follows "in": a working-paper series, or a periodical.
fn in_container(mut item: Item, rest: &str, lead: usize) -> Option<ChicagoCitation> {
    let (body, locator) = match trailing_locator(rest) {
        Some((cut, pin)) => (&rest[..cut], pin.locator),
        None => (rest, None),
    };
    let parts = chunks(trim_punct(body));
    let series_at = parts.iter().position(|(_, p)| {
        let l = p.to_lowercase();
        l.contains("working paper")
            || l.contains("occasional paper")
            || l.contains("discussion paper")
            || l == "report"
    });
    if let Some(k) = series_at {
        item.kind = ItemType::Report;
        let mut series: Vec<&str> = parts[..=k].iter().map(|(_, p)| *p).collect();
        for (_, p) in &parts[k + 1..] {
            if let Ok((r, n)) = numbered(p) {
                if r.trim_ws().is_empty() {
                    item.number = Some(n);
                    continue;
                }
            }
            if let Some(d) = parse_date(p) {
                item.issued = Some(d);
                continue;
            }
            series.push(p);
        }
        item.collection_title = Some(series.join(", "));
        return Some(ChicagoCitation::full(item, locator, lead));
    }
    let mut probe = item.clone();
    if let Some((_, loc)) = periodical_tail(rest, &mut probe) {
        if probe.issued.is_some() || probe.issue.is_some() || probe.volume.is_some() {
            probe.kind = periodical_type(&probe);
            let loc = take_span(&mut probe, loc);
            return Some(ChicagoCitation::full(probe, loc, lead));
        }
    }
    // A chapter in a book cited in short form: "in Westad, Brothers in Arms".
    item.kind = ItemType::Chapter;
    // "in Frost Lore, ed. Doe and Moss, 227–38, at 236": the book's
    // contributors after its title, and the chapter's span.
    let (container, trailer) = roles::split_trailer(trim_punct(body));
    apply_trailer(&mut item, trailer);
    let locator = take_span(&mut item, locator);
    let container = trim_punct(container);
    let cparts = chunks(container);
    let (editors, _, used, _) = author_chunks(container, &cparts, 1);
    if used > 0 && used < cparts.len() {
        item.editor = editors;
        item.container_title = Some(squash_spaces(&container[cparts[used].0.start..]));
    } else {
        item.container_title = Some(squash_spaces(container));
    }
    Some(ChicagoCitation::full(item, locator, lead))
}

/// Words that name a kind of unpublished work in "X’s manuscript Title".
const WORK_KINDS: &[(&str, ItemType, bool)] = &[
    ("conference report", ItemType::Report, true),
    ("unpublished manuscript", ItemType::Manuscript, false),
    ("manuscript", ItemType::Manuscript, false),
    ("dissertation", ItemType::Thesis, true),
    ("thesis", ItemType::Thesis, true),
    ("memoirs", ItemType::Manuscript, true),
    ("report", ItemType::Report, true),
];

/// `Kathryn Weathersby’s manuscript Stalin’s Last War`, `Weathersby’s
/// conference report, distributed by the Korea Society in Washington, DC`.
fn possessive_work(s: &str) -> Option<ChicagoCitation> {
    // The first kind word found must follow a possessive ("’s", "'s", " ‘s"
    // or " 's"), or there is no work: text without one of those marks
    // gives `None` below, and is turned away before the kind words are
    // searched one by one.
    if !has_possessive_mark(s) {
        return None;
    }
    // " {word}" for each kind word, in the order of the table, set up
    // once a run.
    static SPACED: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::LazyLock::new(|| {
            WORK_KINDS
                .iter()
                .map(|(word, _, _)| memchr::memmem::Finder::new(&format!(" {word}")).into_owned())
                .collect()
        });
    for ((word, kind, is_genre), spaced) in WORK_KINDS.iter().zip(SPACED.iter()) {
        // The first " {word}" (no kind word overlaps itself).
        let Some(at) = spaced.find(s.as_bytes()) else {
            continue;
        };
        let before = s[..at].trim_end();
        let owner = before
            .strip_suffix("’s")
            .or_else(|| before.strip_suffix("'s"))
            .or_else(|| before.strip_suffix(" ‘s"))
            .or_else(|| before.strip_suffix(" 's"))?;
        let owner_start = trailing_name_start(owner).unwrap_or(0);
        let owner_name = owner[owner_start..].trim_ws();
        if owner_name.is_empty() || !names::looks_like_name_list(owner_name) {
            continue;
        }
        let mut item = Item {
            kind: *kind,
            author: vec![parse_name(owner_name)],
            ..Item::default()
        };
        if *is_genre {
            item.genre = Some(word.to_string());
        }
        let rest = s[at + 1 + word.len()..].trim_start();
        let rest_parts = chunks(rest);
        let mut title_done = false;
        for (_, p) in &rest_parts {
            let lower = p.to_ascii_lowercase();
            if let Some(by) = ["distributed by ", "published by ", "issued by "]
                .iter()
                .find_map(|w| lower.find(w).map(|i| i + w.len()))
            {
                let who = &p[by..];
                let who = who.strip_prefix("the ").unwrap_or(who);
                match who.split_once(" in ") {
                    Some((publisher, place)) => {
                        item.publisher = Some(trim_punct(publisher).to_string());
                        let place_start = rest.find(place.trim_ws()).unwrap_or(0);
                        item.publisher_place = Some(trim_punct(&rest[place_start..]).to_string());
                    }
                    None => item.publisher = Some(trim_punct(who).to_string()),
                }
                break;
            }
            if !title_done
                && !p.is_empty()
                && p.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            {
                item.title = Some(trim_punct(p).to_string());
            }
            title_done = true;
        }
        let lead = s[..owner_start].len();
        return Some(ChicagoCitation::full(item, None, lead));
    }
    None
}

/// True if `s` holds an "s" after an apostrophe or a single quotation
/// mark ("’s", "'s", "‘s") followed by white space and the first letter
/// of a word of [`WORK_KINDS`]: what stands before every work that
/// [`possessive_work`] reads ("Hill’s manuscript"). Prose with
/// possessives before other words ("Europe’s winters") is turned away
/// before the kind words are searched one by one.
///
/// The "s" is found after the apostrophe, its last byte found first (an
/// apostrophe is rarer than an "s"): ’ is E2 80 99, ‘ is E2 80 98.
fn has_possessive_mark(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3_iter(b'\'', 0x98, 0x99, b).any(|q| {
        let i = q + 1;
        let possessive =
            b.get(i) == Some(&b's') && (b[q] == b'\'' || q >= 2 && b[q - 2..q] == [0xE2, 0x80]);
        if !possessive {
            return false;
        }
        let after = &s[i + 1..];
        let next = after.trim_start();
        next.len() < after.len()
            && WORK_KINDS
                .iter()
                .any(|(word, _, _)| next.as_bytes().first() == word.as_bytes().first())
    })
}

/// A periodical issue cited without an article title:
/// `Cold War International History Project Bulletin, No. 5 (Spring 1995), p. 6`,
/// `Department of State, Bulletin, 16 January 1950, p. 81`.
/// `lay` is the layout of `s`, `trailing` its trailing locator.
fn periodical_issue(
    s: &str,
    lay: &layout::Layout,
    trailing: &Option<(usize, Pinpoint)>,
) -> Option<ChicagoCitation> {
    let (s, trailing, whole) = match s.strip_prefix("in ") {
        Some(rest) => (rest, trailing_locator(rest), None),
        None => (s, trailing.clone(), Some(lay)),
    };
    let (body, locator) = match trailing {
        Some((cut, pin)) => (&s[..cut], pin.locator),
        None => (s, None),
    };
    let body = trim_punct(body);
    // The item is made only for a reading that fills it (most texts
    // that reach here are no periodical issue).
    // A date to the month or day at the end, after a comma: "The New York
    // Times, June 26, 1950", "Department of State, Bulletin, 16 January 1950".
    let lay = match whole {
        // `body` opens `s`: its layout is a prefix of that of `s`.
        Some(whole) if body.as_ptr() == s.as_ptr() => whole.prefix(body.len()),
        _ => layout::scan(body),
    };
    for &c in &lay.commas {
        if let Some(d) = parse_date(&body[c + 1..])
            .filter(|d| d.date_parts.first().is_some_and(|p| p.len() >= 2))
        {
            let item = Item {
                issued: Some(d),
                ..Item::default()
            };
            let head = trim_punct(&body[..c]);
            let parts = chunks(head);
            if parts.is_empty() || parts.len() > 2 {
                return None;
            }
            return periodical_from_parts(item, &parts, parts.len(), locator);
        }
    }
    // "Bulletin, No. 5 (Spring 1995)" or "Bulletin No. 5 (Spring 1995)":
    // a dated issue block that closes the text.
    let joined = trim_punct(body);
    if !may_end_dated_issue(joined) {
        return None;
    }
    let parts = layout::chunks_of(body, &lay);
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    {
        // Where an issue block read to the end of `joined` may start.
        let floor = issue_block_floor(joined);
        let starts = joined[floor..]
            .char_indices()
            .map(|(pos, c)| (pos + floor, c))
            .filter(|&(pos, c)| {
                matches!(c, 'N' | 'V' | '№') || (c.is_ascii_digit() && joined[..pos].ends_with(' '))
            })
            .map(|(pos, _)| pos);
        let (pos, iss) = first_block_to_end(joined, starts, |iss| iss.issued.is_some())?;
        let item = Item {
            volume: iss.volume,
            issue: iss.issue,
            issued: iss.issued,
            ..Item::default()
        };
        let container = trim_punct(&joined[..pos]);
        let cparts = chunks(container);
        periodical_from_parts(item, &cparts, cparts.len(), locator)
    }
}

fn periodical_from_parts(
    mut item: Item,
    parts: &[(Range<usize>, &str)],
    container_end: usize,
    locator: Option<Locator>,
) -> Option<ChicagoCitation> {
    if container_end == 0 {
        return None;
    }
    let container = parts[container_end - 1].1;
    if count_words_up_to(container, 13) > 12
        || !container.chars().next().is_some_and(char::is_uppercase)
    {
        return None;
    }
    let (title, translation, place) = container_with_gloss(container);
    item.container_title = Some(title);
    item.custom.container_title_translated = translation;
    item.publisher_place = place;
    if container_end >= 2 {
        let author = parts[container_end - 2].1;
        if !is_body(author) {
            return None;
        }
        item.author = vec![Name::literal(squash_spaces(author))];
    }
    if container_end > 2 {
        return None;
    }
    // A paper dated to the day is a newspaper, unless a body issues it
    // (an official bulletin reads as a magazine).
    let daily = item
        .issued
        .as_ref()
        .is_some_and(|d| d.date_parts.first().is_some_and(|p| p.len() == 3));
    item.kind = if daily && item.author.is_empty() {
        ItemType::ArticleNewspaper
    } else {
        periodical_type(&item)
    };
    Some(ChicagoCitation::full(item, locator, 0))
}

/// Family names of the authors of a short form, as printed.
fn short_names(authors: &[Name]) -> Vec<String> {
    authors
        .iter()
        .map(|n| n.sort_key().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// A short form: `Goncharov et al., Uncertain Partners, pp. 151-152`,
/// `Merrill, Korea, Chapter 5`, `Jianguo yilai Mao Zedong wengao, Vol. 1,
/// p. 206`. Requires a locator, which is what tells a short form from a
/// sentence. `lay` is the layout of `s`, `trailing` its trailing locator.
fn short_form(
    s: &str,
    lay: &layout::Layout,
    trailing: Option<(usize, Pinpoint)>,
) -> Option<ChicagoCitation> {
    let (cut, pin) = trailing?;
    let body = trim_punct(&s[..cut]);
    if body.is_empty() {
        return None;
    }
    let parts = if body.as_ptr() == s.as_ptr() {
        // `body` opens `s`: its layout is a prefix of that of `s`.
        layout::chunks_at(body, lay.commas_before(body.len()))
    } else {
        chunks(body)
    };
    let (mut authors, _, mut used, mut lead) = author_chunks(body, &parts, 1);
    if used >= parts.len() {
        return None;
    }
    // "References to Hill, Frost Lore, 5": prose ending in a preposition,
    // then the family name of a short form.
    if used == 0 && parts.len() >= 2 && parts[1].1.starts_with(char::is_uppercase) {
        let first = parts[0].1;
        if let Some((prose, name)) = first.rsplit_once(' ') {
            let before = prose.rsplit(' ').next().unwrap_or("");
            let preposition = matches!(before, "to" | "in" | "by" | "from" | "of");
            if preposition
                && names::is_name_word(name)
                && name.starts_with(char::is_uppercase)
                && !is_body(name)
            {
                authors = vec![parse_name(name)];
                used = 1;
                lead = parts[0].0.start + prose.len() + 1;
            }
        }
    }
    // `lead` counts from `body`, which may start after leading punctuation.
    let lead = lead + (body.as_ptr() as usize - s.as_ptr() as usize);
    let title = squash_spaces(trim_punct(&body[parts[used].0.start..]));
    // "Smith, op. cit., p. 50": the author's work cited before.
    if !authors.is_empty()
        && matches!(
            crate::text::fold(&title).as_str(),
            "op cit" | "loc cit" | "cit" | "ukaz soch"
        )
    {
        let short = ShortRef {
            names: short_names(&authors),
            title: None,
        };
        let item = Item {
            kind: ItemType::Book,
            author: authors,
            volume: pin.volume.clone(),
            ..Item::default()
        };
        return Some(ChicagoCitation::short(item, pin.locator, short, lead));
    }
    // A sentence is not a title.
    if count_words_up_to(&title, 17) == 17
        || used == 0
            && !title
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    let short = ShortRef {
        names: short_names(&authors),
        title: Some(title.clone()),
    };
    let item = Item {
        kind: ItemType::Book,
        author: authors,
        title: Some(title),
        volume: pin.volume.clone(),
        ..Item::default()
    };
    Some(ChicagoCitation::short(item, pin.locator, short, lead))
}

/// Reads an Ibid. (or Idem) at the start of a segment, with its pinpoint.
/// Returns the pinpoint and the number of bytes read.
pub fn ibid(s: &str) -> Option<(Option<Pinpoint>, usize)> {
    let t = s.trim_start();
    // Only these chars lowercase to the first letter of a word below.
    if !t.starts_with(['i', 'I', 't', 'T', 'т', 'Т']) {
        return None;
    }
    let lead = s.len() - t.len();
    // A text lowercases to a word only if its first char lowercases to the
    // word's first char: 'i', 't' or 'т' (each of the six chars above has
    // a one-char lowercase). Only the words that open with it are compared
    // ("the", "to", "in" of prose are asked of two or four words, not of
    // eight).
    let first = match t.as_bytes()[0] {
        b'i' | b'I' => 'i',
        b't' | b'T' => 't',
        _ => 'т',
    };
    // The second char too: only these lowercase to a char that opens the
    // second char of a word below ("the", "to", "in", "it" of prose stop
    // here).
    if !matches!(
        (first, t[first.len_utf8()..].chars().next()),
        ('i', Some('b' | 'B' | 'd' | 'D')) | ('t', Some('a' | 'A')) | ('т', Some('а' | 'А'))
    ) {
        return None;
    }
    let word = [
        "ibid.",
        "ibid",
        "idem.",
        "idem",
        "там же.",
        "там же",
        "tam zhe.",
        "tam zhe",
    ]
    .iter()
    .filter(|w| w.starts_with(first))
    .find(|w| {
        t.get(..w.len())
            .is_some_and(|h| super::locator::lowercases_to(h, w))
    })?;
    let rest = &t[word.len()..];
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let rest_trim = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
    let pin_text = rest_trim.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
    if pin_text.is_empty() {
        return Some((None, s.len()));
    }
    match super::locator::pinpoint(pin_text) {
        Ok((r, pin)) if r.trim_ws().is_empty() => Some((Some(pin), s.len())),
        _ => Some((None, lead + word.len())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `trailing_name_start_before` as it read before 2026-12-07, every
    /// word of the chunk cut first: the slow reading the fast one is
    /// tested against.
    fn trailing_name_start_all_words(
        chunk: &str,
        roles_follow: bool,
        title_follows: bool,
    ) -> Option<usize> {
        let words: Vec<(usize, &str)> = chunk
            .split(' ')
            .scan(0usize, |pos, w| {
                let start = *pos;
                *pos += w.len() + 1;
                Some((start, w))
            })
            .filter(|(_, w)| !w.is_empty())
            .collect();
        let mut k = words.len();
        while k > 0 && names::is_name_word(words[k - 1].1) && words[k - 1].1 != "and" {
            k -= 1;
        }
        if words.len() - k >= 2 && k >= 3 && words[k - 1].1 == "and" {
            let mut j = k - 1;
            while j > 0 && names::is_name_word(words[j - 1].1) && words[j - 1].1 != "and" {
                j -= 1;
            }
            let first_run = k - 1 - j;
            if (2..=4).contains(&first_run) && j > 0 && words[j].1.starts_with(char::is_uppercase) {
                k = j;
            }
        }
        let run = words.len() - k;
        const NOT_BEFORE_NAMES: &[&str] = &[
            "of", "on", "in", "the", "a", "an", "for", "to", "and", "from", "with", "at", "into",
            "about", "between",
        ];
        let before_run = if k > 0 { words[k - 1].1 } else { "" };
        let after_to = before_run == "to" && title_follows;
        if NOT_BEFORE_NAMES.contains(&before_run) && !roles_follow && !after_to {
            return None;
        }
        if ((2..=4).contains(&run) || (run <= 9 && words[k..].iter().any(|w| w.1 == "and")))
            && k > 0
        {
            Some(words[k].0)
        } else {
            None
        }
    }

    /// A chunk that `name_chunk` found plain (no gloss, single spaces) is
    /// cleaned for `author_chunks` by cutting its "et al." alone, as the
    /// slow reading (`strip_name_glosses` after the cut) cleans it: every
    /// chunk of up to four pieces drawn from names, "et al.", glosses,
    /// white space other than single spaces and non-ASCII words.
    #[test]
    fn plain_chunks_cleaned_as_the_slow_reading_cleans_them() {
        let pieces = [
            "Ann", "Hill", "et al.", "et al", "(Gloss)", "[x]", "and", "Çelik", "\u{a0}", "",
            "Jr.", "The",
        ];
        let seps = [" ", "  ", "\t"];
        let n = pieces.len();
        let mut plain = 0;
        for len in 1..=4u32 {
            for mut code in 0..(n * seps.len()).pow(len) {
                let mut c = String::new();
                for k in 0..len {
                    if k > 0 {
                        c.push_str(seps[code % seps.len()]);
                        code /= seps.len();
                    }
                    c.push_str(pieces[code % n]);
                    code /= n;
                }
                let c = c.trim();
                let (is_name, is_plain) = name_chunk_plain(c);
                assert_eq!(is_name, name_chunk(c), "{c:?}");
                if is_plain {
                    plain += 1;
                    let slow = strip_name_glosses(without_trailing_et_al(c.trim()));
                    assert_eq!(without_trailing_et_al(c), &*slow, "{c:?}");
                }
            }
        }
        assert!(plain > 1000, "{plain}");
    }

    /// What `ChunkFacts` answers is what its readings answer.
    #[test]
    fn chunk_facts_answer_as_their_readings() {
        let text = "Ann Hill, eds., Foreign Office, Ben Lund, ed. and trans., Frost Lore, Jr.";
        let parts = chunks(text);
        let mut facts = ChunkFacts::new(parts.len());
        for _ in 0..2 {
            for k in (0..parts.len()).rev() {
                assert_eq!(facts.roles(&parts, k), marker_roles(parts[k].1));
                assert_eq!(facts.body(&parts, k), is_body(parts[k].1));
            }
        }
    }

    /// The trailing run of names is found from the end of the chunk as
    /// the slow reading finds it from all its words: every chunk of up to
    /// five words (and empty words, from doubled spaces) drawn from name
    /// words, particles, "and", prepositions, prose and non-ASCII words,
    /// and of six and seven from fewer (enough for two runs of names
    /// joined by "and" after prose), with and without role words or a
    /// title after it.
    #[test]
    fn trailing_names_read_from_the_end_as_from_all_words() {
        let many = [
            "Ann", "Hill", "and", "to", "of", "the", "van", "see", "Çelik", "", "B.", "includes",
        ];
        let few = ["Ann", "van", "and", "to", "see", ""];
        let mut chunks = 0;
        for (words, lens) in [(&many[..], 0..=5u32), (&few[..], 6..=7)] {
            let n = words.len();
            for len in lens {
                for mut code in 0..n.pow(len) {
                    let mut w = Vec::new();
                    for _ in 0..len {
                        w.push(words[code % n]);
                        code /= n;
                    }
                    for chunk in [w.join(" "), format!(" {} ", w.join(" "))] {
                        for (roles, title) in
                            [(false, false), (true, false), (false, true), (true, true)]
                        {
                            assert_eq!(
                                trailing_name_start_before(&chunk, roles, title),
                                trailing_name_start_all_words(&chunk, roles, title),
                                "{chunk:?} {roles} {title}"
                            );
                        }
                    }
                    chunks += 1;
                }
            }
        }
        assert!(chunks > 500_000);
    }

    /// `find_ascii_no_case` finds what a search of the lowercased copy
    /// finds, at every place and case of the needle.
    #[test]
    fn ibid_words_open_with_the_chars_asked_first() {
        // Every char that lowercases to one that opens an Ibid. word, or
        // to one that opens its second char, is among those `ibid` lets
        // through (it asks no other). (`İ` lowercases to "i" and a
        // combining dot, which opens no second char of a word.)
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let lower = c.to_lowercase().next();
            if matches!(lower, Some('i' | 't' | 'т')) {
                let one = matches!(c, 'i' | 'I' | 't' | 'T' | 'т' | 'Т');
                assert_eq!(c.to_lowercase().count() == 1, one, "{c:?}");
                let second = c.to_lowercase().nth(1);
                assert!(!matches!(second, Some('b' | 'd' | 'a' | 'а')), "{c:?}");
            }
            if matches!(lower, Some('b' | 'd' | 'a' | 'а')) {
                assert!(
                    matches!(c, 'b' | 'B' | 'd' | 'D' | 'a' | 'A' | 'а' | 'А'),
                    "{c:?}"
                );
            }
        }
        // Each word in any case, and prose that opens with the same chars.
        for t in [
            "Ibid., 5",
            "IBID",
            "idem, Frost",
            "Там же. С. 5",
            "TAM ZHE",
            "iBiD",
        ] {
            assert!(ibid(t).is_some(), "{t}");
        }
        for t in [
            "the ibid",
            "Idea, 5",
            "tame",
            "Тот же",
            "in ibid",
            "ib",
            "i",
            "т",
        ] {
            assert!(ibid(t).is_none(), "{t}");
        }
    }

    /// `has_possessive_mark` finding the apostrophes answers as finding
    /// every "s" and looking back (the slow reading), over every text of
    /// up to six chars among "s", the three apostrophes, chars whose last
    /// byte is that of one (ę Ę), white space and the first letters of
    /// the kind words.
    #[test]
    fn possessive_marks_found_from_the_apostrophe_as_from_the_s() {
        let slow = |s: &str| {
            let b = s.as_bytes();
            memchr::memchr_iter(b's', b).any(|i| {
                let before = &b[..i];
                let possessive = before.ends_with(b"'")
                    || before.ends_with("’".as_bytes())
                    || before.ends_with("‘".as_bytes());
                let after = &s[i + 1..];
                let next = after.trim_start();
                possessive
                    && next.len() < after.len()
                    && WORK_KINDS
                        .iter()
                        .any(|(word, _, _)| next.as_bytes().first() == word.as_bytes().first())
            })
        };
        let chars = ['s', '\'', '’', '‘', 'ę', 'Ę', ' ', '\n', 'm', 'u', 'x'];
        let n = chars.len();
        for len in 0..=6u32 {
            for mut code in 0..n.pow(len) {
                let mut text = String::new();
                for _ in 0..len {
                    text.push(chars[code % n]);
                    code /= n;
                }
                assert_eq!(has_possessive_mark(&text), slow(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn find_ascii_no_case_is_find_in_a_lowercased_copy() {
        let texts = [
            "Ann Lee, INTERVIEW with Bo Dunn, Dover, May 5, 1990",
            "Interviewed: an interview by the author with Cy Moss",
            "Лёд, «interVIEW», ini interv interview",
            "",
            "i",
            "Working PAPER no. 8; paper, pApEr",
            "ACCESSED May 5, accessed, accessed ",
            "Ann Lee, Interview, lee, I",
            "www with W",
        ];
        for text in texts {
            for needle in [
                "interview",
                " with ",
                " by ",
                "i",
                "ё",
                "paper",
                "accessed ",
                "lee, i",
                "ё»",
                "w",
            ] {
                let lower = text.to_ascii_lowercase();
                assert_eq!(
                    find_ascii_no_case(text, needle),
                    lower.find(needle),
                    "{text} / {needle}"
                );
            }
            assert_eq!(find_ascii_no_case(text, ""), Some(0));
        }
        // Every text of up to six chars of a few letters in both cases, a
        // space and a Cyrillic letter, for needles whose rarest byte opens
        // them, ends them, stands inside them or repeats.
        let chars = ['p', 'P', 'a', 'E', 'e', ' ', 'ё'];
        for len in 0..=6u32 {
            for mut code in 0..7usize.pow(len) {
                let mut text = String::new();
                for _ in 0..len {
                    text.push(chars[code % 7]);
                    code /= 7;
                }
                let lower = text.to_ascii_lowercase();
                for needle in ["paper", "pe", "ape", " e", "ё", "aё", "ee", "e p", "pp"] {
                    assert_eq!(
                        find_ascii_no_case(&text, needle),
                        lower.find(needle),
                        "{text} / {needle}"
                    );
                }
            }
        }
    }

    /// The issue blocks kept for a segment answer every suffix of its
    /// text (the retry's texts), in any order, as reading each afresh does.
    #[test]
    fn end_blocks_answer_suffixes_as_issue_block_does() {
        let texts = [
            "see Ann Lee, Frost Lore, Review of Ice 12, no. 3 (May 1990)",
            "Bo Dunn, Thaw, Lake Bulletin, Vol. 4, No. 2 (Spring 1994)",
            "in 1950 the Lake Club printed No. 5 (1951) and 6 (June 1952)",
        ];
        for text in texts {
            let cuts: Vec<usize> = (0..text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for order in [cuts.clone(), cuts.iter().rev().copied().collect()] {
                new_segment();
                for &cut in &order {
                    let t = &text[cut..];
                    let direct = (0..t.len())
                        .filter(|&p| t.is_char_boundary(p))
                        .find_map(|p| {
                            let (rest, iss) = issue_block(&t[p..]).ok()?;
                            (rest.trim().is_empty() && iss.issued.is_some()).then_some((p, iss))
                        });
                    let starts = (0..t.len()).filter(|&p| t.is_char_boundary(p));
                    let memo = first_block_to_end(t, starts, |iss| iss.issued.is_some());
                    assert_eq!(memo, direct, "{t}");
                }
            }
            assert!(first_block_to_end(text, 0..text.len(), |i| i.issued.is_some()).is_some());
        }
    }

    fn full(s: &str) -> ChicagoCitation {
        let c = parse_chicago(s).unwrap_or_else(|| panic!("no parse: {s}"));
        assert_eq!(c.form, Form::Full, "{s}");
        c
    }

    #[test]
    fn book() {
        let c = full("Sergei Goncharov, John Lewis, and Xue Litai, Uncertain Partners: Stalin, Mao and the Korean War (Stanford, CA: Stanford University Press, 1993)");
        assert_eq!(c.item.kind, ItemType::Book);
        assert_eq!(c.item.author.len(), 3);
        assert_eq!(
            c.item.title.as_deref(),
            Some("Uncertain Partners: Stalin, Mao and the Korean War")
        );
        assert_eq!(
            c.item.publisher.as_deref(),
            Some("Stanford University Press")
        );
        assert_eq!(c.item.publisher_place.as_deref(), Some("Stanford, CA"));
    }

    #[test]
    fn book_with_translation_and_volume() {
        let c = full("Bruce Cumings, The Origins of the Korean War (Princeton, NJ: Princeton University Press, 1990), Vol. 2, Chapter 12.");
        assert_eq!(c.item.volume.as_deref(), Some("2"));
        assert_eq!(c.locator.unwrap().value, "12");
        let c = full("Shi Zhe, Zai lishi juren shenbian: Shi Zhe huiyilu (At the Side of Historical Giants) (Beijing: Zhongyang wenxian, 1991), pp. 454-455.");
        assert_eq!(
            c.item.custom.title_translated.as_deref(),
            Some("At the Side of Historical Giants")
        );
        assert_eq!(c.item.author[0].family.as_deref(), Some("Shi"));
    }

    #[test]
    fn edited_book() {
        let c = full("Kim Chullbaum, ed., The Truth about the Korean War: Testimony 40 Years Later (Seoul: Eulyoo Pub. Co., 1991), pp.105-106.");
        assert_eq!(c.item.editor.len(), 1);
        assert!(c.item.author.is_empty());
    }

    #[test]
    fn article() {
        let c = full("John W. Garver, “Polemics, Paradigms, Responsibility and the Origins of the U.S. - PRC Confrontation in the 1950s.”  The Journal of American-East Asian Relations, Vol. 3, No. 1 (Spring 1994), pp. 27-28.");
        assert_eq!(c.item.kind, ItemType::ArticleJournal);
        assert_eq!(
            c.item.container_title.as_deref(),
            Some("The Journal of American-East Asian Relations")
        );
        assert_eq!(c.item.volume.as_deref(), Some("3"));
        assert_eq!(c.item.issue.as_deref(), Some("1"));
        assert_eq!(c.locator.unwrap().value, "27-28");
    }

    #[test]
    fn article_with_glosses() {
        let c = full("M. Narinsky,  “Berlinnskii Krizis”(The Berlin Crisis), Novaya i Noveishaya Istoriya(Modern History, Moscow), No. 3 (1995), pp.16-29.");
        assert_eq!(
            c.item.custom.title_translated.as_deref(),
            Some("The Berlin Crisis")
        );
        assert_eq!(
            c.item.custom.container_title_translated.as_deref(),
            Some("Modern History")
        );
        assert_eq!(c.item.publisher_place.as_deref(), Some("Moscow"));
    }

    #[test]
    fn chicago_17_article() {
        let c = full("Vladislav Zubok, “To Hell with Yalta!,” Cold War International History Project Bulletin 6-7 (Winter 1995/1996): 24-27.");
        assert_eq!(
            c.item.container_title.as_deref(),
            Some("Cold War International History Project Bulletin")
        );
        assert_eq!(c.item.volume.as_deref(), Some("6-7"));
        assert_eq!(c.locator.unwrap().value, "24-27");
        let c = full("John Garver, “Polemics,” Journal of American-East Asian Relations 3, no. 1 (Spring 1994): 27–28.");
        assert_eq!(c.item.volume.as_deref(), Some("3"));
        assert_eq!(c.item.issue.as_deref(), Some("1"));
    }

    #[test]
    fn chicago_17_book_and_short() {
        let c = full("John Lewis Gaddis, We Now Know: Rethinking Cold War History (Oxford: Clarendon Press, 1997), 71.");
        assert_eq!(c.locator.unwrap().value, "71");
        let c = parse_chicago("Gaddis, We Now Know, 71–72.").unwrap();
        assert_eq!(c.form, Form::Short);
        assert_eq!(c.short.unwrap().title.as_deref(), Some("We Now Know"));
    }

    #[test]
    fn short_forms() {
        let c = parse_chicago("Goncharov et al., Uncertain Partners, pp. 151-152.").unwrap();
        assert_eq!(c.form, Form::Short);
        assert_eq!(c.short.unwrap().names, vec!["Goncharov".to_string()]);
        let c = parse_chicago("Merrill, Korea, Chapter 5").unwrap();
        assert_eq!(c.short.unwrap().title.as_deref(), Some("Korea"));
        let c = parse_chicago("Weathersby, “The Soviet Role,” p. 441.").unwrap();
        assert_eq!(c.form, Form::Short);
    }

    #[test]
    fn italics_mark_the_title() {
        let s = "Shen Zhihua, Mao, Stalin and the Korean War (London: Routledge, 2012), 101.";
        let start = s.find("Mao").unwrap();
        let end = s.find(" (London").unwrap();
        let c = parse_chicago_with_italics(s, &[start..end]).unwrap();
        assert_eq!(
            c.item.title.as_deref(),
            Some("Mao, Stalin and the Korean War")
        );
        assert_eq!(c.item.author.len(), 1);
        let s = "Merrill, Korea, Chapter 5";
        let c = parse_chicago_with_italics(s, &[9..14]).unwrap();
        assert_eq!(c.form, Form::Short);
        assert_eq!(c.short.unwrap().title.as_deref(), Some("Korea"));
    }

    #[test]
    fn prose_is_not_a_citation() {
        assert!(parse_chicago("Actually, Stalin did not have worry about the latter.").is_none());
    }

    #[test]
    fn working_paper_series_in_any_case() {
        assert_eq!(
            working_paper_series("Frost Project WORKING Paper no. 39"),
            Some((
                "Frost Project WORKING Paper".to_string(),
                Some("39".to_string())
            ))
        );
        assert!(working_paper_series("Ice Institute Occasional PAPER").is_some());
        assert!(working_paper_series("Lake Discussion paper, No. 4").is_some());
        for text in ["Review of Ice", "Paper Trails", "Working Papyrus", "paper"] {
            assert!(working_paper_series(text).is_none(), "{text}");
        }
    }

    #[test]
    fn ibid_forms() {
        let (pin, _) = ibid("Ibid., pp. 87-88.").unwrap();
        assert_eq!(pin.unwrap().locator.unwrap().value, "87-88");
        assert!(ibid("Ibidem is not").is_none());
        // Every word in every case of its first letter, and words of prose
        // that open with the same letters.
        for (text, read) in [
            ("IBID., 5", 4),
            ("ibid 5", 4),
            ("Idem, Frost", 4),
            ("IDEM. Frost", 5),
            ("ТАМ ЖЕ. С. 5", 12),
            ("Там же, с. 5", 12),
            ("Tam Zhe, s. 5", 7),
            ("tam zhe. S. 5", 8),
        ] {
            let (_, used) = ibid(text).unwrap_or_else(|| panic!("{text}"));
            assert!(used >= read, "{text}");
        }
        for text in ["the winter", "Tamzhe", "in 1950", "Ice", "тамже", "Тот же"] {
            assert!(ibid(text).is_none(), "{text}");
        }
    }

    #[test]
    fn possessives_open_a_work_after_each_mark() {
        // `possessive_work` turns away text without "’s", "'s" or "‘s".
        for s in [
            "Ann Hill’s manuscript Frost Tales",
            "Ann Hill's unpublished manuscript, Frost Tales",
            "Ann Hill ‘s memoirs, Ice Years",
            "Bo Lund 's conference report, distributed by the Frost Society in Oslo",
        ] {
            assert!(has_possessive_mark(s), "{s}");
            let c = possessive_work(s).unwrap_or_else(|| panic!("no parse: {s}"));
            assert!(!c.item.author.is_empty(), "{s}");
        }
        for s in [
            "Ann Hills manuscript Frost Tales",
            "Ann Hill’s winter manuscript Frost Tales",
            "Ann Hill’smanuscript Frost Tales",
        ] {
            assert!(!has_possessive_mark(s), "{s}");
            assert!(possessive_work(s).is_none(), "{s}");
        }
    }

    #[test]
    fn issue_blocks_start_at_or_after_their_floor() {
        // Every start from which `issue_block` reads a text to its end
        // lies at or after `issue_block_floor`: the callers skip none
        // that reads.
        let texts = [
            "Frost Review, Vol. 3, No. 1 (Spring and Fall 1994)",
            "Frost Review 12, no. 3 (Winter 1995/96)",
            "see the long discussion in Frost Review 37.4 (1999)",
            "Ice Bulletin, Nos. 6 – 7 (Winter 1995/1996)",
            "Ice Bulletin № 5, 16 January 1950",
            "Ice Bulletin, vol. 5, no. 2, Spring & Fall 1950",
            "Ice Bulletin 5(7) [June 3, 1951]",
            "the text runs on and on, as texts do, about Frost Review, 33 (2)\u{a0}",
            "“Frost,” Review of Things 28 (1983)",
        ];
        for t in texts {
            let floor = issue_block_floor(t);
            let reading: Vec<usize> = (0..t.len())
                .filter(|&p| t.is_char_boundary(p))
                .filter(|&p| issue_block(&t[p..]).is_ok_and(|(rest, _)| rest.trim().is_empty()))
                .collect();
            assert!(!reading.is_empty(), "{t}");
            assert!(
                reading.iter().all(|&p| p >= floor),
                "{t}: {floor} {reading:?}"
            );
        }
        // A sentence leaves only its last five words to try.
        let t = "as the author argued at length in a letter to Ann Hill, no. 4";
        assert_eq!(issue_block_floor(t), t.find(" letter").unwrap());
        // A quotation mark or an apostrophe stops the block.
        let t = "“Frost” in Ann’s Review 5 (1990)";
        assert_eq!(issue_block_floor(t), t.find("s Review").unwrap());
    }

    #[test]
    fn issue_blocks_are_turned_away_only_where_none_reads() {
        // What `may_open_issue_block` turns away, `issue_block_read` reads
        // as nothing: every start of texts joined from pieces of issue
        // blocks and their tails, and every char before the second and
        // third chars of each opening.
        let check = |t: &str| {
            for (p, _) in t.char_indices() {
                let s = &t[p..];
                assert!(
                    may_open_issue_block(s) || issue_block_read(s).is_err(),
                    "{s:?}"
                );
                assert_eq!(issue_block(s).ok(), issue_block_read(s).ok(), "{s:?}");
            }
        };
        let pieces = [
            "Vol. 3",
            "vol ",
            "Volume",
            "No. 1",
            "nos.",
            "no",
            "№",
            " ",
            "\t",
            ", ",
            "(",
            ")",
            "[",
            "]",
            "Spring",
            "fall",
            "May",
            "Sept.",
            "ноябрь",
            "Nation",
            "Journal",
            "5",
            "12",
            "1994",
            "/",
            "–",
            "-",
            ":",
            ".",
            "37.4",
            "5(7)",
            "Kvo",
            "İ",
            "\u{212A}",
        ];
        crate::text::every_joining(&pieces, 3, check);
        crate::text::generated_texts(&pieces, 3000, 12, check);
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            for t in [
                format!("{c}ol. 3"),
                format!("{c}o. 4 (1990)"),
                format!("n{c}. 4"),
                format!("v{c}lume 2"),
                format!("{c}ay 1990"),
                format!("{c}1990)"),
                format!("{c} 1990"),
                format!("{c}pring 1990"),
            ] {
                check(&t);
            }
        }
    }

    #[test]
    fn dated_issue_blocks_end_in_a_digit_or_a_parenthesis() {
        // Wherever a dated issue block reads a text to its end, the text
        // passes `may_end_dated_issue`; a text it turns away has no such
        // reading from any start.
        let texts = [
            "Frost Review, Vol. 3, No. 1 (Spring and Fall 1994)",
            "Frost Review 12, no. 3 (Winter 1995/96)",
            "Frost Review 37.4 [1999]",
            "Ice Bulletin № 5, 16 January 1950",
            "Ice Bulletin, vol. 5, no. 2, Spring & Fall 1950",
            "Ice Bulletin 5(7) ( June 3, 1951 )",
            "Ice Bulletin, No. 4, May 1950",
            "Ice Bulletin, No. 4",
            "Frost Review 12, no. 3 (Winter)",
            "Ann Hill, Frost Lore",
            "Ice Bulletin 5 (1990) supplement",
        ];
        for t in texts {
            let dated = (0..t.len()).filter(|&p| t.is_char_boundary(p)).any(|p| {
                issue_block(&t[p..])
                    .is_ok_and(|(rest, iss)| rest.trim().is_empty() && iss.issued.is_some())
            });
            assert!(!dated || may_end_dated_issue(t), "{t}");
        }
        assert!(may_end_dated_issue("Frost Review 12 (1990) "));
        assert!(!may_end_dated_issue("Ann Hill, Frost Lore"));
        assert!(!may_end_dated_issue("Ice Bulletin 5 (1990) supplement"));
    }

    #[test]
    fn parentheses_are_told_before_they_are_copied() {
        // What `may_hold_imprint` and `may_hold_thesis` turn away,
        // `imprint` and `thesis_imprint` read as nothing.
        for raw in [
            " Oslo:  Frost Press, 1990 ",
            "Oslo: Frost\u{a0}Press, forthcoming ",
            "Oslo: Frost Press, In  Press",
            "Oslo: Frost Press, soon",
            "The Frost",
            " PhD diss., Oslo University, 1990",
            "master's thesis, Oslo",
            "Thesis",
            "diss.",
            "ma thesis, 1990",
            "an essay, 1990",
            "",
        ] {
            let content = squash_spaces(raw);
            if !may_hold_imprint(raw) {
                assert!(imprint(&content).is_none(), "{raw}");
            }
            if !may_hold_thesis(raw) {
                assert!(thesis_imprint(&content).is_none(), "{raw}");
            }
        }
        assert!(may_hold_imprint("Oslo: Frost Press, In Press "));
        assert!(!may_hold_imprint("Oslo: Frost Lore"));
        assert!(may_hold_thesis(" PhD diss., Oslo University"));
        assert!(!may_hold_thesis("an essay, 1990"));
    }

    #[test]
    fn remarks_read_char_by_char_as_word_by_word() {
        let slow = |s: &str| {
            let mut words = 0;
            let lowercase = s.split_whitespace().take(6).all(|w| {
                words += 1;
                w.chars().all(remark_char)
            });
            lowercase && (1..=5).contains(&words)
        };
        let pieces = [
            "a", "emphasis", "mine", "p.", "45", " ", "  ", "\t", "\u{a0}", "’s", "X", "é", "Ё",
            "ж",
        ];
        crate::text::generated_texts(&pieces, 200_000, 16, |t| {
            assert_eq!(remark_words(t), slow(t), "{t:?}");
        });
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for t in [
                format!("{c}"),
                format!("a {c}"),
                format!("a b c d {c}"),
                format!("a b c d e {c}"),
            ] {
                assert_eq!(remark_words(&t), slow(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn imprints_split_at_a_comma_or_a_space() {
        // What `imprint` turns away for holding no comma and no space,
        // `imprint_read` reads as nothing: texts of the pieces of
        // imprints, each joined to each without a space.
        let pieces = [
            "1990",
            "1923;",
            "repr.",
            "reprint",
            "Oslo:",
            "Frost",
            "Press",
            "forthcoming",
            "inpress",
            "–90",
            "-1990",
            ";",
            ":",
            ".",
            "(",
            ")",
            "No.",
            "12",
            "May",
            "Vol.",
            "PhD",
            "diss.",
            "[1990]",
            "Lee",
            "«Ё»",
            "\u{a0}",
            "\u{2009}",
            "\t",
            "\n",
        ];
        let mut count = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let t = format!("{a}{b}{c}");
                    let t = t.trim_ws();
                    if t.bytes().any(|x| x == b',' || x == b' ') {
                        continue;
                    }
                    count += 1;
                    assert!(imprint(t).is_none(), "{t:?}");
                    assert!(imprint_read(t).is_none(), "{t:?}");
                }
            }
        }
        assert!(count > 20_000);
    }

    #[test]
    fn thesis_openings_compared_from_their_first_byte_as_in_full() {
        let slow = |content: &str| {
            let head = content.trim().as_bytes();
            THESIS_WORDS.iter().any(|w| {
                head.get(..w.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(w.as_bytes()))
            })
        };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for w in THESIS_WORDS.iter().chain(&["", "x", " PhD Diss., Oslo"]) {
                for t in [format!("{c}{w}"), format!("{c}{}", &w[w.len().min(1)..])] {
                    assert_eq!(opens_thesis(&t), slow(&t), "{t:?}");
                }
                let upper = w.to_uppercase();
                assert_eq!(opens_thesis(&upper), slow(&upper), "{upper:?}");
                assert_eq!(opens_thesis(w), slow(w), "{w:?}");
            }
        }
    }

    #[test]
    fn month_dates_are_short_and_hold_no_colon() {
        // What `may_be_month_date` turns away, `parse_date` reads as no
        // date with a month.
        for s in [
            "February 1, 2008",
            "Feb. 1, 2008 .",
            "1 February 2008",
            "February 2008",
            "Spring 1994",
            "Oslo: Frost Press, 1990",
            "Frost Press, 1990",
            "February 1, 2008: 5",
            "the first of February, 2008",
        ] {
            let month = parse_date(s).is_some_and(|d| d.date_parts[0].len() >= 2);
            assert!(!month || may_be_month_date(s), "{s}");
        }
        assert!(may_be_month_date("Feb. 1, 2008 ."));
        assert!(!may_be_month_date("Oslo: Frost Press, 1990"));
    }

    #[test]
    fn persons_read_as_parse_name_reads_them() {
        // `author_chunks` reads a piece that is no body with
        // `parse_person` on its squashed text: `parse_name`'s answer.
        for n in ["Ann  Hill,", " Bo Lund ", "Hill", "Ann Hill, Jr.", "Li Wei"] {
            assert!(!is_body(n), "{n}");
            let direct = names::parse_person(&squash_spaces(n.trim().trim_end_matches(',').trim()));
            assert_eq!(direct, parse_name(n), "{n}");
        }
    }

    #[test]
    fn string_helpers_give_the_std_answers() {
        for t in [
            "",
            ",",
            ", ",
            "Ann Hill, Frost, 5, emphasis mine",
            "Ann Hill,Frost",
            "a, b,, c, ",
            "Hill et al. et al.",
            "Hill et al",
            " et al.",
        ] {
            assert_eq!(rsplit_comma_space(t), t.rsplit_once(", "), "{t:?}");
            assert_eq!(
                without_trailing_et_al(t),
                t.trim_end_matches(" et al.").trim_end_matches(" et al"),
                "{t:?}"
            );
        }
    }

    #[test]
    fn imprints_end_in_a_year_or_a_word_of_press() {
        // `imprint` turns away a parenthesis with no digit unless it ends
        // in "forthcoming" or "in press"; those shapes still read.
        for content in [
            "Oslo: Frost Press, 1990",
            "Frost Press, 1990",
            "Oslo: Frost Press, forthcoming",
            "Oslo: Frost Press, In Press",
            "Oslo: Frost Press FORTHCOMING",
            "1923; repr., Oslo: Frost Press, 1990",
        ] {
            assert!(imprint(content).is_some(), "{content}");
        }
        for content in [
            "Oslo",
            "The Frost",
            "Oslo: Frost Press",
            "Frost Press, soon",
        ] {
            assert!(imprint(content).is_none(), "{content}");
        }
    }
}
