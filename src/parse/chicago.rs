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
use super::locator::{trailing_locator, Pinpoint};
use super::names::{self, is_body, parse_name, split_name_list};
use crate::model::{Date, Form, Item, ItemType, Locator, Name};
use crate::text::{normalize_range, squash_spaces, trim_punct};
use nom::{
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while1},
    character::complete::{char, space0},
    combinator::opt,
    sequence::{preceded, tuple},
    IResult,
};
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
    fn full(item: Item, locator: Option<Locator>, lead: usize) -> Self {
        ChicagoCitation { form: Form::Full, item, locator, short: None, lead }
    }
}

/// Publication facts of a book: `(Stanford, CA: Stanford University Press, 1993)`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Imprint {
    place: Option<String>,
    publisher: Option<String>,
    issued: Option<Date>,
    forthcoming: bool,
}

/// Reads the inside of a publication parenthesis.
fn imprint(content: &str) -> Option<Imprint> {
    let content = content.trim();
    let (head, tail) = content.rsplit_once(',')?;
    let tail = tail.trim();
    let forthcoming = tail.eq_ignore_ascii_case("forthcoming") || tail.eq_ignore_ascii_case("in press");
    let issued = if forthcoming {
        None
    } else {
        let (rest, y) = dates::year(tail).ok()?;
        if !rest.trim().is_empty() {
            return None;
        }
        Some(Date::ymd(y, None, None))
    };
    let (place, publisher) = match head.split_once(':') {
        Some((p, pub_)) => (Some(squash_spaces(p)), Some(squash_spaces(pub_))),
        None => (Some(squash_spaces(head)), None),
    };
    // A place is short and capitalized: this keeps "(Testimony: ..., 1950)"
    // translations out.
    let place_ok = place.as_ref().is_some_and(|p| {
        p.len() <= 40 && p.chars().next().is_some_and(char::is_uppercase) && p.split_whitespace().count() <= 5
    });
    if !place_ok {
        return None;
    }
    Some(Imprint { place, publisher, issued, forthcoming })
}

/// Finds the first top-level parenthesis holding publication facts.
fn find_imprint(s: &str, lay: &layout::Layout) -> Option<(Range<usize>, Imprint)> {
    lay.parens.iter().find_map(|g| imprint(&inner(s, g)).map(|i| (g.clone(), i)))
}

/// Removes a translation in parentheses or brackets at the end of `s`,
/// returning the text before it and the translation.
fn split_translation(s: &str) -> (&str, Option<String>) {
    let t = s.trim_end();
    if t.ends_with(')') || t.ends_with(']') {
        let lay = layout::scan(t);
        if let Some(g) = lay.parens.last() {
            if g.end == t.len() && g.start > 0 {
                let tr = inner(t, g);
                return (t[..g.start].trim_end(), Some(tr));
            }
        }
    }
    (t, None)
}

/// True for the role words that follow a name list ("ed.", "eds.").
fn editor_marker(chunk: &str) -> bool {
    matches!(chunk.trim().trim_end_matches('.'), "ed" | "eds" | "comp" | "comps" | "ed. and trans" | "editor" | "editors")
}

/// True if a comma chunk reads as a name (person or body) in an author list.
fn name_chunk(chunk: &str) -> bool {
    let stripped = strip_name_glosses(chunk);
    let c = stripped.trim().trim_end_matches(" et al.").trim_end_matches(" et al");
    if c.is_empty() || c.contains(':') || c.chars().any(|ch| ch.is_ascii_digit()) {
        return false;
    }
    if c.starts_with("The ") || c.starts_with("A ") || c.starts_with("An ") {
        return is_body(c);
    }
    names::looks_like_name_list(c)
}

/// The trailing run of name words of a chunk that opens with discursive
/// text ("New works on the Korean War include Sergei Goncharov"). Returns
/// the byte offset where the name starts.
fn trailing_name_start(chunk: &str) -> Option<usize> {
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
    let run = words.len() - k;
    if (2..=4).contains(&run) && k > 0 {
        Some(words[k].0)
    } else {
        None
    }
}

/// Reads an author list from comma chunks. Returns the names, whether
/// they are editors, how many chunks were used, and the bytes of any
/// discursive lead in the first chunk.
fn author_chunks(text: &str, parts: &[(Range<usize>, &str)], keep: usize) -> (Vec<Name>, bool, usize, usize) {
    let mut names_out: Vec<Name> = Vec::new();
    let mut editors = false;
    let mut used = 0;
    let mut lead = 0;
    let limit = parts.len().saturating_sub(keep);
    while used < limit {
        let (span, chunk) = &parts[used];
        if editor_marker(chunk) && !names_out.is_empty() {
            editors = true;
            used += 1;
            continue;
        }
        let chunk_text: &str = if used == 0 && !name_chunk(chunk) {
            match trailing_name_start(chunk) {
                Some(off) => {
                    lead = span.start + off;
                    &text[lead..span.end]
                }
                None => break,
            }
        } else if name_chunk(chunk) {
            chunk
        } else {
            break;
        };
        let cleaned = strip_name_glosses(chunk_text.trim().trim_end_matches(" et al.").trim_end_matches(" et al"));
        // A body is one name even when it contains "and".
        let mut pieces = split_name_list(&cleaned);
        if pieces.iter().any(|p| is_body(p)) {
            pieces = vec![cleaned.as_str()];
        }
        for n in pieces {
            let name = parse_name(n);
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

/// Strips a parenthesized translation after a body's name
/// ("Zhonggong Zhongyang Wenxian Yanjiushi (Chinese Communist Party ...)").
fn strip_name_glosses(s: &str) -> String {
    let lay = layout::scan(s);
    let mut out = String::with_capacity(s.len());
    let mut pos = 0;
    for g in &lay.parens {
        out.push_str(&s[pos..g.start]);
        pos = g.end;
    }
    out.push_str(&s[pos..]);
    squash_spaces(&out)
}

/// `ed. X`, `edited by X`, `trans. X`, `trans. by X`, `comp. X` at the
/// start of a chunk: the role and the names.
fn role_phrase(s: &str) -> Option<(&'static str, Vec<Name>)> {
    let t = s.trim();
    let roles: &[(&str, &'static str)] = &[
        ("edited and translated by ", "editor"),
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
        if t.len() > word.len() && t.get(..word.len()).is_some_and(|h| h.eq_ignore_ascii_case(word)) {
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

fn issue_number(i: &str) -> IResult<&str, String> {
    let (i, a) = take_while1(|c: char| c.is_ascii_digit())(i)?;
    let (i, b) = opt(preceded(
        tuple((space0, alt((tag("-"), tag("–"), tag("/"))), space0)),
        take_while1(|c: char| c.is_ascii_digit()),
    ))(i)?;
    Ok((i, match b {
        Some(b) => format!("{a}-{b}"),
        None => a.to_string(),
    }))
}

fn sep(i: &str) -> IResult<&str, ()> {
    let (i, _) = tuple((space0, opt(char(',')), space0))(i)?;
    Ok((i, ()))
}

fn paren_date(i: &str) -> IResult<&str, Date> {
    let (i, _) = tuple((char('('), space0))(i)?;
    let (i, d) = dates::date(i)?;
    let (i, _) = tuple((space0, char(')')))(i)?;
    Ok((i, d))
}

/// Reads `Vol. N, No. N (Date)` and its variants from the start of `i`.
fn issue_block(i: &str) -> IResult<&str, Issue> {
    let (i, volume) = opt(preceded(
        tuple((alt((tag_no_case("vol."), tag_no_case("vol"), tag_no_case("volume"))), space0)),
        issue_number,
    ))(i)?;
    let (i, _) = sep(i)?;
    let (i, issue) = opt(preceded(
        tuple((alt((tag_no_case("nos."), tag_no_case("no."), tag_no_case("no"), tag("№"))), space0)),
        issue_number,
    ))(i)?;
    let (i, _) = space0(i)?;
    let (i, issued) = opt(alt((paren_date, preceded(tuple((char(','), space0)), full_date_only))))(i)?;
    if volume.is_none() && issue.is_none() && issued.is_none() {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)));
    }
    Ok((i, Issue { volume, issue, issued }))
}

/// A date with at least a month (a bare year after a comma is too often
/// something else).
fn full_date_only(i: &str) -> IResult<&str, Date> {
    let (rest, d) = dates::date(i)?;
    if d.date_parts.first().is_some_and(|p| p.len() >= 2) || d.season.is_some() {
        Ok((rest, d))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify)))
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
            Some((t, p)) if p.trim().split_whitespace().count() <= 3 => {
                (Some(t.trim().to_string()), Some(p.trim().to_string()))
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
    let (body, pin) = match trailing_locator(s) {
        Some((cut, pin)) => (&s[..cut], Some(pin)),
        None => (s, None),
    };
    let body = trim_punct(body);
    // The container runs to the first volume/issue marker or date.
    let lay = layout::scan(body);
    let mut container_end = body.len();
    let mut block: Option<(usize, Issue)> = None;
    let mut cands: Vec<usize> = lay.commas.iter().map(|c| c + 1).collect();
    for (pos, _) in body.match_indices(['N', 'V', 'n', 'v', '(', '№']) {
        cands.push(pos);
    }
    cands.sort_unstable();
    for c in cands {
        let rest = body[c..].trim_start();
        if let Ok((after, iss)) = issue_block(rest) {
            if after.trim().is_empty() {
                let container_part = body[..c].trim_end().trim_end_matches(',');
                // A parenthesis right after the title is a gloss, not a date.
                if rest.starts_with('(') && iss.volume.is_none() && iss.issue.is_none() && container_part.is_empty() {
                    continue;
                }
                container_end = container_part.len();
                block = Some((c, iss));
                break;
            }
        }
    }
    let container_text = &body[..container_end];
    if container_text.trim().is_empty() {
        return None;
    }
    let (container, translation, place) = container_with_gloss(container_text);
    if container.is_empty() || container.split_whitespace().count() > 14 {
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

/// Type of a periodical article from its date: a month without a season
/// reads as a magazine, otherwise a journal.
fn periodical_type(item: &Item) -> ItemType {
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
    let s = s.trim().trim_end_matches(|c: char| c == '.' || c == ',' || c.is_whitespace());
    if s.is_empty() {
        return None;
    }
    let lay = layout::scan(s);
    if let Some(c) = interview(s) {
        return Some(c);
    }
    if let Some((group, imp)) = find_imprint(s, &lay) {
        return book_or_chapter(s, &lay, group, imp);
    }
    if let Some(q) = lay.quotes.first() {
        if let Some(c) = quoted_title_citation(s, q.clone()) {
            return Some(c);
        }
    }
    if let Some(c) = possessive_work(s) {
        return Some(c);
    }
    if let Some(c) = periodical_issue(s) {
        return Some(c);
    }
    short_form(s)
}

/// A book or chapter anchored on its publication parenthesis.
fn book_or_chapter(s: &str, lay: &layout::Layout, group: Range<usize>, imp: Imprint) -> Option<ChicagoCitation> {
    let mut item = Item { kind: ItemType::Book, ..Item::default() };
    item.publisher_place = imp.place;
    item.publisher = imp.publisher;
    if imp.forthcoming {
        item.issued = Some(Date::literal("forthcoming"));
        item.status = Some("forthcoming".into());
    } else {
        item.issued = imp.issued;
    }
    let tail = &s[group.end..];
    let mut locator = None;
    if let Some((_, pin)) = trailing_locator(tail) {
        item.volume = pin.volume;
        locator = pin.locator;
    }
    let head = s[..group.start].trim_end();
    let (head, translation) = split_translation(head);
    let head = trim_punct(head);

    // A quoted title before the imprint: a chapter or a document in a
    // collection.
    // `head` may start after leading punctuation: quote spans of `s` are
    // shifted by `offset` to index it.
    let offset = head.as_ptr() as usize - s.as_ptr() as usize;
    if let Some(q) = lay.quotes.iter().find(|q| q.start >= offset && q.end <= offset + head.len()) {
        item.kind = ItemType::Chapter;
        item.title = Some(trim_punct(&inner(s, q)).to_string());
        let before = &head[..q.start - offset];
        let parts = chunks(before);
        let (authors, _, _, lead) = author_chunks(before, &parts, 0);
        item.author = authors;
        let mut after = trim_punct(&head[q.end - offset..]);
        if let Some((span, d)) = dates::find_date(after) {
            if span.start == 0 {
                item.original_date = Some(d);
                after = trim_punct(&after[span.end..]);
            }
        }
        let after = after.strip_prefix("in ").unwrap_or(after);
        let (container, editors) = split_trailing_role(after);
        item.container_title = Some(squash_spaces(container));
        item.editor = editors;
        if translation.is_some() {
            item.custom.container_title_translated = translation;
        }
        return Some(ChicagoCitation::full(item, locator, lead + offset));
    }

    let (title_part, editors) = split_trailing_role(head);
    let parts = chunks(title_part);
    if parts.is_empty() {
        return None;
    }
    let (authors, are_editors, used, mut lead) = author_chunks(title_part, &parts, 1);
    let title_start = if used > 0 {
        parts[used].0.start
    } else {
        // No author: the title is the last chunk, with a following year
        // range ("..., 1949-1956") kept.
        let mut k = parts.len() - 1;
        while k > 0 && parts[k].1.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | '/')) {
            k -= 1;
        }
        lead = parts[k].0.start;
        parts[k].0.start
    };
    let authors: Vec<Name> = authors
        .into_iter()
        .map(|n| match n.literal {
            Some(l) => Name::literal(strip_name_glosses(&l)),
            None => n,
        })
        .collect();
    if are_editors {
        item.editor = authors;
    } else {
        item.author = authors;
    }
    item.editor.extend(editors);
    item.title = Some(squash_spaces(trim_punct(&title_part[title_start..])));
    if translation.is_some() {
        item.custom.title_translated = translation;
    }
    Some(ChicagoCitation::full(item, locator, lead + offset))
}

/// Splits a trailing ", ed. X" / ", trans. X" from a title or container.
fn split_trailing_role(s: &str) -> (&str, Vec<Name>) {
    let lay = layout::scan(s);
    for &c in lay.commas.iter().rev() {
        if let Some((_, names)) = role_phrase(&s[c + 1..]) {
            return (s[..c].trim_end(), names);
        }
    }
    (s, Vec::new())
}

/// `Author’s interview with A. Ledovskii, 31 July 1996, Moscow`.
fn interview(s: &str) -> Option<ChicagoCitation> {
    // ASCII lowercasing keeps the byte offsets used to slice `s`.
    let lower = s.to_ascii_lowercase();
    let at = lower.find("interview with ")?;
    let rest = &s[at + "interview with ".len()..];
    let parts = chunks(rest);
    let (_, who) = parts.first()?;
    if !names::looks_like_name_list(who) {
        return None;
    }
    let mut item = Item { kind: ItemType::Interview, author: names::parse_name_list(who), ..Item::default() };
    for (_, p) in &parts[1..] {
        if item.issued.is_none() {
            if let Some(d) = parse_date(p) {
                item.issued = Some(d);
                continue;
            }
        }
        if item.event_place.is_none() && names::is_name_word(p.split_whitespace().next().unwrap_or("")) {
            item.event_place = Some(trim_punct(p).to_string());
        }
    }
    Some(ChicagoCitation::full(item, None, 0))
}

/// Citations around a quoted title: articles, chapters without imprint,
/// conference papers, working papers, dated documents, and short forms
/// with a quoted title.
fn quoted_title_citation(s: &str, q: Range<usize>) -> Option<ChicagoCitation> {
    let before = &s[..q.start];
    let parts = chunks(before);
    let (authors, _, used, lead) = author_chunks(before, &parts, 0);
    // Text before the title that is neither names nor a signal is prose:
    // not a citation we can read from here.
    if used < parts.len() {
        return None;
    }
    let mut item = Item { author: authors.clone(), ..Item::default() };
    item.title = Some(trim_punct(&inner(s, &q)).to_string());
    let mut after = s[q.end..].trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
    let (a, translation) = leading_gloss(after);
    after = a;
    item.custom.title_translated = translation;

    // "trans. by Song Datu, Chinese Historians, ..."
    let tail_parts = chunks(after);
    if let Some((span, first)) = tail_parts.first() {
        if let Some((role, names)) = role_phrase(first) {
            if role == "translator" {
                item.translator = names;
            } else {
                item.editor = names;
            }
            after = after[span.end..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        }
    }
    let lower = after.to_lowercase();

    if lower.starts_with("paper presented") || lower.starts_with("paper delivered") || lower.starts_with("paper read") {
        return Some(conference_paper(item, after, lead));
    }
    if let Some(rest) = lower.strip_prefix("by ").map(|_| &after[3..]) {
        // "“Title,” by Author, in Series, Working paper, No. 8, pp. 9-10"
        let parts = chunks(rest);
        if let Some((span, who)) = parts.first() {
            if names::looks_like_name_list(who) {
                item.author = names::parse_name_list(who);
                let rest = rest[span.end..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
                let rest = rest.strip_prefix("in ").unwrap_or(rest);
                return in_container(item, rest, lead);
            }
        }
    }
    if lower.starts_with("in ") {
        return in_container(item, &after[3..], lead);
    }
    // A dated document with no container: "“Notes on ...,” September 1945".
    if let Some(d) = parse_date(after) {
        item.kind = ItemType::Manuscript;
        item.issued = Some(d);
        return Some(ChicagoCitation::full(item, None, lead));
    }
    if after.is_empty() {
        return None;
    }
    // A short form with a quoted title: "Weathersby, “The Soviet Role,” p. 441."
    if let Ok((rest, pin)) = super::locator::pinpoint(after) {
        if rest.trim().is_empty() {
            let short = ShortRef { names: short_names(&authors), title: item.title.clone() };
            item.kind = ItemType::ArticleJournal;
            return Some(ChicagoCitation { form: Form::Short, item, locator: pin.locator, short: Some(short), lead });
        }
    }
    let (dated, locator) = periodical_tail(after, &mut item)?;
    item.kind = periodical_type(&item);
    if dated {
        Some(ChicagoCitation::full(item, locator, lead))
    } else {
        let short = ShortRef { names: short_names(&authors), title: item.title.clone() };
        Some(ChicagoCitation { form: Form::Short, item, locator, short: Some(short), lead })
    }
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
        l.contains("working paper") || l.contains("occasional paper") || l.contains("discussion paper") || l == "report"
    });
    if let Some(k) = series_at {
        item.kind = ItemType::Report;
        let mut series: Vec<&str> = parts[..=k].iter().map(|(_, p)| *p).collect();
        for (_, p) in &parts[k + 1..] {
            if let Ok((r, n)) = preceded(
                tuple((alt((tag_no_case("no."), tag_no_case("no"), tag_no_case("number"))), space0)),
                issue_number,
            )(*p)
            {
                if r.trim().is_empty() {
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
    if let Some((dated, loc)) = periodical_tail(rest, &mut probe) {
        probe.kind = periodical_type(&probe);
        let _ = dated;
        return Some(ChicagoCitation::full(probe, loc, lead));
    }
    item.kind = ItemType::Chapter;
    item.container_title = Some(squash_spaces(trim_punct(body)));
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
    for (word, kind, is_genre) in WORK_KINDS {
        let Some(at) = s.find(&format!(" {word}")) else { continue };
        let before = s[..at].trim_end();
        let owner = before
            .strip_suffix("’s")
            .or_else(|| before.strip_suffix("'s"))
            .or_else(|| before.strip_suffix(" ‘s"))
            .or_else(|| before.strip_suffix(" 's"))?;
        let owner_start = trailing_name_start(owner).unwrap_or(0);
        let owner_name = owner[owner_start..].trim();
        if owner_name.is_empty() || !names::looks_like_name_list(owner_name) {
            continue;
        }
        let mut item = Item { kind: *kind, author: vec![parse_name(owner_name)], ..Item::default() };
        if *is_genre {
            item.genre = Some(word.to_string());
        }
        let rest = s[at + 1 + word.len()..].trim_start();
        let rest_parts = chunks(rest);
        let mut title_done = false;
        for (_, p) in &rest_parts {
            let lower = p.to_ascii_lowercase();
            if let Some(by) = ["distributed by ", "published by ", "issued by "].iter().find_map(|w| lower.find(w).map(|i| i + w.len())) {
                let who = &p[by..];
                let who = who.strip_prefix("the ").unwrap_or(who);
                match who.split_once(" in ") {
                    Some((publisher, place)) => {
                        item.publisher = Some(trim_punct(publisher).to_string());
                        let place_start = rest.find(place.trim()).unwrap_or(0);
                        item.publisher_place = Some(trim_punct(&rest[place_start..]).to_string());
                    }
                    None => item.publisher = Some(trim_punct(who).to_string()),
                }
                break;
            }
            if !title_done && !p.is_empty() && p.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
                item.title = Some(trim_punct(p).to_string());
            }
            title_done = true;
        }
        let lead = s[..owner_start].len();
        return Some(ChicagoCitation::full(item, None, lead));
    }
    None
}

/// A periodical issue cited without an article title:
/// `Cold War International History Project Bulletin, No. 5 (Spring 1995), p. 6`,
/// `Department of State, Bulletin, 16 January 1950, p. 81`.
fn periodical_issue(s: &str) -> Option<ChicagoCitation> {
    let s = s.strip_prefix("in ").unwrap_or(s);
    let (body, locator) = match trailing_locator(s) {
        Some((cut, pin)) => (&s[..cut], pin.locator),
        None => (s, None),
    };
    let parts = chunks(trim_punct(body));
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    // The last chunk must carry the issue or the date.
    let (last_span, last) = parts.last()?;
    let mut item = Item::default();
    let container_end;
    if let Some(d) = parse_date(last).filter(|d| d.date_parts.first().is_some_and(|p| p.len() >= 2)) {
        item.issued = Some(d);
        container_end = parts.len() - 1;
    } else {
        // "Bulletin, No. 5 (Spring 1995)" or "Bulletin No. 5 (Spring 1995)".
        let joined = trim_punct(body);
        let lay = layout::scan(joined);
        let mut found = None;
        for (pos, _) in joined.match_indices(['N', 'V', '№']) {
            if let Ok((rest, iss)) = issue_block(&joined[pos..]) {
                if rest.trim().is_empty() && iss.issued.is_some() {
                    found = Some((pos, iss));
                    break;
                }
            }
        }
        let (pos, iss) = found?;
        let _ = lay;
        item.volume = iss.volume;
        item.issue = iss.issue;
        item.issued = iss.issued;
        let container = trim_punct(&joined[..pos]);
        let cparts = chunks(container);
        return periodical_from_parts(item, &cparts, cparts.len(), locator);
    }
    let _ = last_span;
    periodical_from_parts(item, &parts, container_end, locator)
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
    if container.split_whitespace().count() > 12 || !container.chars().next().is_some_and(char::is_uppercase) {
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
    // An official bulletin dated to the day reads as a magazine issue.
    item.kind = periodical_type(&item);
    Some(ChicagoCitation::full(item, locator, 0))
}

/// Family names of the authors of a short form, as printed.
fn short_names(authors: &[Name]) -> Vec<String> {
    authors.iter().map(|n| n.sort_key().to_string()).filter(|n| !n.is_empty()).collect()
}

/// A short form: `Goncharov et al., Uncertain Partners, pp. 151-152`,
/// `Merrill, Korea, Chapter 5`, `Jianguo yilai Mao Zedong wengao, Vol. 1,
/// p. 206`. Requires a locator, which is what tells a short form from a
/// sentence.
fn short_form(s: &str) -> Option<ChicagoCitation> {
    let (cut, pin) = trailing_locator(s)?;
    let body = trim_punct(&s[..cut]);
    if body.is_empty() {
        return None;
    }
    let parts = chunks(body);
    let (authors, _, used, lead) = author_chunks(body, &parts, 1);
    if used >= parts.len() {
        return None;
    }
    // `lead` counts from `body`, which may start after leading punctuation.
    let lead = lead + (body.as_ptr() as usize - s.as_ptr() as usize);
    let title = squash_spaces(trim_punct(&body[parts[used].0.start..]));
    // A sentence is not a title.
    if title.split_whitespace().count() > 16 || used == 0 && !title.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return None;
    }
    let short = ShortRef { names: short_names(&authors), title: Some(title.clone()) };
    let item = Item { kind: ItemType::Book, author: authors, title: Some(title), volume: pin.volume.clone(), ..Item::default() };
    Some(ChicagoCitation { form: Form::Short, item, locator: pin.locator, short: Some(short), lead })
}

/// Reads an Ibid. (or Idem) at the start of a segment, with its pinpoint.
/// Returns the pinpoint and the number of bytes read.
pub fn ibid(s: &str) -> Option<(Option<Pinpoint>, usize)> {
    let t = s.trim_start();
    let lead = s.len() - t.len();
    let word = ["ibid.", "ibid", "idem.", "idem"]
        .iter()
        .find(|w| t.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w)))?;
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
        Ok((r, pin)) if r.trim().is_empty() => Some((Some(pin), s.len())),
        _ => Some((None, lead + word.len())),
    }
}

/// Normalizes a page span printed as the whole extent of an article.
pub fn page_span(s: &str) -> String {
    normalize_range(s)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(c.item.title.as_deref(), Some("Uncertain Partners: Stalin, Mao and the Korean War"));
        assert_eq!(c.item.publisher.as_deref(), Some("Stanford University Press"));
        assert_eq!(c.item.publisher_place.as_deref(), Some("Stanford, CA"));
    }

    #[test]
    fn book_with_translation_and_volume() {
        let c = full("Bruce Cumings, The Origins of the Korean War (Princeton, NJ: Princeton University Press, 1990), Vol. 2, Chapter 12.");
        assert_eq!(c.item.volume.as_deref(), Some("2"));
        assert_eq!(c.locator.unwrap().value, "12");
        let c = full("Shi Zhe, Zai lishi juren shenbian: Shi Zhe huiyilu (At the Side of Historical Giants) (Beijing: Zhongyang wenxian, 1991), pp. 454-455.");
        assert_eq!(c.item.custom.title_translated.as_deref(), Some("At the Side of Historical Giants"));
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
        assert_eq!(c.item.container_title.as_deref(), Some("The Journal of American-East Asian Relations"));
        assert_eq!(c.item.volume.as_deref(), Some("3"));
        assert_eq!(c.item.issue.as_deref(), Some("1"));
        assert_eq!(c.locator.unwrap().value, "27-28");
    }

    #[test]
    fn article_with_glosses() {
        let c = full("M. Narinsky,  “Berlinnskii Krizis”(The Berlin Crisis), Novaya i Noveishaya Istoriya(Modern History, Moscow), No. 3 (1995), pp.16-29.");
        assert_eq!(c.item.custom.title_translated.as_deref(), Some("The Berlin Crisis"));
        assert_eq!(c.item.custom.container_title_translated.as_deref(), Some("Modern History"));
        assert_eq!(c.item.publisher_place.as_deref(), Some("Moscow"));
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
    fn prose_is_not_a_citation() {
        assert!(parse_chicago("Actually, Stalin did not have worry about the latter.").is_none());
    }

    #[test]
    fn ibid_forms() {
        let (pin, _) = ibid("Ibid., pp. 87-88.").unwrap();
        assert_eq!(pin.unwrap().locator.unwrap().value, "87-88");
        assert!(ibid("Ibidem is not").is_none());
    }
}
