//! Grammars: from a note's segments to citations.
//!
//! Each segment (see [`crate::split`]) is tried, in order, as an Ibid., an
//! archival document ([`archival`]), and a Chicago citation ([`chicago`]).
//! A segment that reads as none of them is discursive prose and yields no
//! citation, unless it carries the marks of a citation (a year in
//! parentheses, a page locator): then it is kept as an unread citation
//! with its raw text, and reported.

pub mod archival;
pub mod chicago;
pub mod dates;
pub mod gost;
pub mod layout;
pub mod locator;
pub mod names;
pub mod publishers;
pub mod roles;
mod tokens;
mod unpublished;

use crate::model::{Citation, Date, Form, Item, ItemType, LocatorLabel, Relation, RelationType};
use crate::split::{Joint, Segment};
use archival::ArchivalLocation;
use chicago::ShortRef;
use std::ops::Range;

/// The grammars' answers to what splitting asks ([`crate::split::Boundaries`]):
/// hand `&parse::Boundaries` to [`crate::split::split_note`].
pub struct Boundaries;

impl crate::split::Boundaries for Boundaries {
    fn gost_citations(&self, note: &str) -> Vec<Range<usize>> {
        gost::split_gost_note(note)
    }

    fn opens_with_pinpoint(&self, s: &str) -> bool {
        locator::pinpoint(s).is_ok()
    }

    fn archival_levels_len(&self, s: &str) -> Option<usize> {
        let (rest, location) = archival::location::levels(s).ok()?;
        (location.count() >= 2).then(|| s.len() - rest.len())
    }

    fn role_len(&self, s: &str) -> Option<usize> {
        roles::role_prefix(s).map(|(_, len)| len)
    }
}

/// What resolution needs to know about a citation beyond its record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hint {
    /// For short forms: the names and title printed.
    pub short: Option<ShortRef>,
    /// "and No. 3 (1995)": another issue of the previous work, which no
    /// earlier note identifies.
    pub continuation: bool,
    /// For an Ibid. whose pinpoint is not a page or chapter: the text after
    /// it ("d. 5, l. 3"), read against the previous archival reference.
    pub ibid_rest: Option<String>,
    /// For archival citations: the location read, so that a later Ibid.
    /// can inherit from it.
    pub location: Option<ArchivalLocation>,
    /// "Он же", "Его же": the authors are those of the previous citation.
    pub same_author_as_previous: bool,
    /// "// Там же": container, imprint, volume and date are those of the
    /// previous citation.
    pub host_as_previous: bool,
    /// "Stalin to Shtykov, 30 January 1950, ibid., l. 92": the document is
    /// in the archival file of the previous reference; the text after the
    /// Ibid.
    pub location_ibid: Option<String>,
    /// A citation the grammar took for a short form although it carries
    /// the marks of a full one (an imprint or journal date, a web
    /// address, an editor or translator): kept as a full citation read in
    /// part, and reported as such.
    pub read_in_part: bool,
}

/// A citation with its resolution hint.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub citation: Citation,
    pub hint: Hint,
}

/// Notes longer than this are not scanned word by word for a citation
/// hidden after discursive text (the scan is quadratic in the worst case).
const MAX_SCAN_BYTES: usize = 4096;
/// How many word starts the discursive scan tries.
const MAX_SCAN_WORDS: usize = 60;
/// Longest stretch of text read as one citation. Real citations are a few
/// hundred bytes; a longer segment (a run-on OCR line, a pasted table) is
/// kept as raw text instead of being searched word by word.
const MAX_CITATION_BYTES: usize = 16 * 1024;

/// What the parser learns from a document's notes, read in order, for the
/// notes after them.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The abbreviations the document defines for archives and their
    /// collections ("Ann Lee Papers, Frost County Archives (ALP FCA)").
    pub repositories: archival::repository::Repositories,
}

/// Parses the segments of one note into citations. `report` receives the
/// span (in the note text) and reason of anything that could not be read.
pub fn parse_note(
    text: &str,
    segments: &[Segment],
    report: &mut dyn FnMut(Range<usize>, String),
) -> Vec<Parsed> {
    parse_note_with_italics(text, segments, &[], report)
}

/// [`parse_note`] for a note whose italic stretches are known (byte ranges
/// in `text`, from a Word or OpenDocument file): italics mark titles.
pub fn parse_note_with_italics(
    text: &str,
    segments: &[Segment],
    italics: &[Range<usize>],
    report: &mut dyn FnMut(Range<usize>, String),
) -> Vec<Parsed> {
    parse_note_in(text, segments, italics, &mut Context::default(), report)
}

/// [`parse_note_with_italics`] for a note of a document whose earlier
/// notes taught `context` (the abbreviations of its archives); the note
/// teaches it in turn.
pub fn parse_note_in(
    text: &str,
    segments: &[Segment],
    italics: &[Range<usize>],
    context: &mut Context,
    report: &mut dyn FnMut(Range<usize>, String),
) -> Vec<Parsed> {
    context.repositories.learn(text);
    let mut out: Vec<Parsed> = Vec::new();
    let mut last_location: Option<ArchivalLocation> = None;
    for seg in segments {
        let body_range = seg.body();
        let body = &text[body_range.clone()];
        let prefix = seg.prefix.clone().map(|p| text[p].trim().to_string());

        if seg.joint == Joint::Continuation {
            if let Some(p) = continuation(body, out.last()) {
                let mut p = p;
                p.citation.span = body_range.clone();
                out.push(p);
                continue;
            }
        }

        // A discursive lead may itself open with a citation: "Telegram ...,
        // SD00247, For the English translation of this archive, see ...".
        let mut prefix = prefix;
        if let Some(p) = &seg.prefix {
            let lead = lead_before_signal(&text[p.clone()]);
            if !lead.is_empty() {
                if let Some(mut found) = parse_at(lead, last_location.as_ref()) {
                    let consumed = found.iter().map(|f| f.citation.span.end).max().unwrap_or(0);
                    for f in &mut found {
                        f.citation.span = shift(&f.citation.span, p.start);
                        if let Some(loc) = &f.hint.location {
                            last_location = Some(loc.clone());
                        }
                    }
                    if let Some(first) = found.first_mut() {
                        first.citation.prefix = None;
                    }
                    out.extend(found);
                    let rest = text[p.start + consumed..p.end].trim_start_matches(|c: char| {
                        c.is_whitespace() || matches!(c, ',' | '.' | ';')
                    });
                    prefix = Some(rest.trim().to_string()).filter(|r| !r.is_empty());
                }
            }
        }
        let first_new = out.len();

        // An archival reference outside the shorthand that opens the
        // segment (or follows a sentence of prose in it): "Gray Library,
        // Lake Collection, Box 4, File 3", "LC, Box 9, File 2".
        let short_enough = body.len() <= MAX_CITATION_BYTES;
        if let Some((start, r)) = context.repositories.leading(body).filter(|_| short_enough) {
            let mut item = Item {
                kind: ItemType::Manuscript,
                ..Item::default()
            };
            r.apply_to(&mut item);
            let span = body_range.start + start..body_range.start + body.trim_end().len();
            let mut c = Citation::new(Form::Full, item, span);
            c.prefix = if start == 0 { prefix.clone() } else { None };
            out.push(Parsed {
                citation: c,
                hint: Hint::default(),
            });
            continue;
        }
        // A reference that closes it: "..., 4 (ALP FCA).", "ALP FCA."
        let trailing = context.repositories.trailing(body).filter(|_| short_enough);
        if let Some((start, r)) = &trailing {
            if body[..*start].trim().is_empty() {
                // Printed as a sentence of its own: the source of the
                // previous citation.
                if let Some(last) = out.last_mut() {
                    place_in_archive(last, r, None);
                    last.citation.span.end = body_range.start + body.trim_end().len();
                }
                continue;
            }
        }
        let whole_end = body_range.start + body.trim_end().len();
        let (body_range, pages) = match &trailing {
            Some((start, r)) => {
                let head = document_before_repository(&body[..*start], r);
                let (len, pages) = trailing_pages(head);
                (body_range.start..body_range.start + len, pages)
            }
            None => {
                let len = before_abbreviation_definition(&text[body_range.clone()]);
                (body_range.start..body_range.start + len, None)
            }
        };
        let body = &text[body_range.clone()];

        let seg_italics: Vec<Range<usize>> = italics
            .iter()
            .filter(|r| r.start >= body_range.start && r.end <= body_range.end)
            .map(|r| r.start - body_range.start..r.end - body_range.start)
            .collect();
        let parsed = if body.len() > MAX_CITATION_BYTES {
            None
        } else {
            parse_segment(body, last_location.as_ref(), &seg_italics)
        };
        match parsed {
            Some(mut found) => {
                for p in &mut found {
                    p.citation.span = shift(&p.citation.span, body_range.start);
                    if let Some(loc) = &p.hint.location {
                        last_location = Some(loc.clone());
                    }
                }
                if let (Some((_, r)), Some(last)) = (&trailing, found.last_mut()) {
                    place_in_archive(last, r, pages.clone());
                    last.citation.span.end = whole_end;
                }
                for p in found.iter().filter(|p| p.hint.read_in_part) {
                    report(
                        p.citation.span.clone(),
                        "a full citation whose imprint could not be read; read in part (the unread rest stays in the title)".to_string(),
                    );
                }
                // The signal phrase, extended by any discursive lead the
                // grammar skipped, goes on the first citation.
                if let Some(first) = found.first_mut() {
                    let lead_end = first.citation.span.start;
                    let skipped = text[body_range.start..lead_end].trim();
                    first.citation.prefix = match (&prefix, skipped.is_empty()) {
                        (p, true) => p.clone(),
                        (Some(p), false) => Some(format!("{p} {skipped}")),
                        (None, false) => Some(skipped.to_string()),
                    };
                    // "... in my forthcoming Frost Lines (Dover: Elm,
                    // 2031)": a work not yet out (GUIDELINE §3).
                    let forthcoming = first.citation.prefix.as_deref().is_some_and(|p| {
                        p.len() >= 11
                            && p.get(p.len() - 11..)
                                .is_some_and(|w| w.eq_ignore_ascii_case("forthcoming"))
                    });
                    if forthcoming && first.citation.form == Form::Full {
                        first
                            .citation
                            .item
                            .status
                            .get_or_insert_with(|| "forthcoming".to_string());
                    }
                }
                out.extend(found);
            }
            None if trailing.is_some() => {
                // A document in an archive whose description is not read:
                // kept with its archive and its raw text, and reported.
                report(
                    body_range.clone(),
                    "could not read the description of this archival document; kept as raw text with its archive".to_string(),
                );
                let mut item = Item {
                    kind: ItemType::Manuscript,
                    note: Some(body.trim().to_string()),
                    ..Item::default()
                };
                if let Some((_, r)) = &trailing {
                    r.apply_to(&mut item);
                }
                let mut c = Citation::new(Form::Full, item, body_range.start..whole_end);
                c.prefix = prefix.clone();
                c.locator = pages.clone().map(|value| crate::model::Locator {
                    value,
                    label: LocatorLabel::Page,
                });
                out.push(Parsed {
                    citation: c,
                    hint: Hint::default(),
                });
            }
            None => {
                if body.len() > MAX_CITATION_BYTES {
                    report(
                        body_range.clone(),
                        format!("{} bytes without a citation break is too long to read as citations; kept as raw text", body.len()),
                    );
                    let item = Item {
                        kind: ItemType::Manuscript,
                        note: Some(body.trim().to_string()),
                        ..Item::default()
                    };
                    out.push(Parsed {
                        citation: Citation::new(Form::Full, item, body_range.clone()),
                        hint: Hint::default(),
                    });
                } else if let Some(found) = titles_in_prose(body) {
                    for (range, item) in found {
                        let span = shift(&range, body_range.start);
                        out.push(Parsed {
                            citation: Citation::new(Form::Full, item, span),
                            hint: Hint::default(),
                        });
                    }
                } else if looks_like_citation(body) {
                    report(
                        body_range.clone(),
                        "could not read this citation; kept as raw text".to_string(),
                    );
                    let item = Item {
                        kind: ItemType::Manuscript,
                        note: Some(body.trim().to_string()),
                        ..Item::default()
                    };
                    let mut c = Citation::new(Form::Full, item, body_range.clone());
                    c.prefix = prefix.clone();
                    out.push(Parsed {
                        citation: c,
                        hint: Hint::default(),
                    });
                }
            }
        }

        // Relations between citations of the same note.
        if out.len() > first_new {
            if seg.joint == Joint::CitedFrom && first_new > 0 {
                let quoted = first_new - 1;
                out[quoted].citation.relation = Some(Relation {
                    kind: RelationType::CitedFrom,
                    citation: first_new,
                });
            }
            // (Asked only where there is a citation before the segment's.)
            let is_translation = || {
                prefix
                    .as_deref()
                    .is_some_and(|p| p.to_lowercase().contains("translation"))
            };
            if first_new > 0 && is_translation() {
                out[first_new].citation.relation = Some(Relation {
                    kind: RelationType::TranslationOf,
                    citation: first_new - 1,
                });
            }
        }
    }
    attach_documents_to_collections(&mut out);
    original_title_abbreviated(text, segments, &mut out);
    out
}

/// "…, 27. (Henceforth “FI”).": the length of `body` before a closing
/// parenthesis that defines an abbreviation for the work cited (its
/// markers in `data/abbreviation-markers.txt`); the resolver reads the
/// definition from the note, the grammars read the citation without it.
fn before_abbreviation_definition(body: &str) -> usize {
    static MARKERS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let markers = MARKERS.get_or_init(|| {
        crate::text::data_lines(include_str!("../../data/abbreviation-markers.txt")).collect()
    });
    let t = body.trim_end().trim_end_matches('.').trim_end();
    let Some(open) = t.strip_suffix(')').and_then(|t| t.rfind('(')) else {
        return body.len();
    };
    let inside = t[open + 1..].to_lowercase();
    let defines = markers.iter().any(|m| {
        inside
            .strip_prefix(m)
            .is_some_and(|rest| rest.starts_with(' '))
    });
    let head = t[..open].trim_end();
    if defines && !head.is_empty() {
        head.len()
    } else {
        body.len()
    }
}

/// "De Frigore ac Nive (DFN) 2.1. References to Ann Hill, On Frost and
/// Snow, ... use the Carl Moss translation (1925) ... It will be
/// abbreviated as DFN.": a note that opens with a work's original title and
/// the abbreviation it makes of it (the initials of its capitalized words),
/// used again in the note, then cites one book in full under another title:
/// the book's title is the original one, the title cited its translation
/// (GUIDELINE §3, `custom.title_translated`).
fn original_title_abbreviated(text: &str, segments: &[Segment], out: &mut [Parsed]) {
    let Some(first) = segments.first() else {
        return;
    };
    let Some((title, abbr)) = titled_abbreviation(&text[first.body()]) else {
        return;
    };
    let used_again = text[first.span.end..]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == abbr);
    if !used_again {
        return;
    }
    let mut full = out
        .iter_mut()
        .filter(|p| p.citation.form == Form::Full && p.citation.span.start >= first.span.end);
    let (Some(p), None) = (full.next(), full.next()) else {
        return;
    };
    let item = &mut p.citation.item;
    if item.kind != ItemType::Book || item.custom.title_translated.is_some() {
        return;
    }
    match item.title.take() {
        Some(cited) if crate::text::fold(&cited) != crate::text::fold(title) => {
            item.custom.title_translated = Some(cited);
            item.title = Some(title.to_string());
        }
        other => item.title = other,
    }
}

/// "De Frigore ac Nive (DFN) 2.1": a title of two words or more and the
/// abbreviation in parentheses after it, made of the initials of the
/// title's capitalized words.
fn titled_abbreviation(body: &str) -> Option<(&str, &str)> {
    // The first " (": the first '(' with a space before it.
    let b = body.as_bytes();
    let open = memchr::memchr_iter(b'(', b).find(|&i| i > 0 && b[i - 1] == b' ')? - 1;
    let title = body[..open].trim();
    let close = open + body[open..].find(')')?;
    let abbr = &body[open + 2..close];
    // The tests of the abbreviation first: most parentheses after a
    // first segment hold no abbreviation, and the title is not read.
    let ok = (2..=8).contains(&abbr.len())
        && abbr.bytes().all(|b| b.is_ascii_uppercase())
        && title.starts_with(char::is_uppercase)
        && title.split_whitespace().count() >= 2
        && title
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .eq(abbr.chars());
    ok.then_some((title, abbr))
}

/// "Chen Yun, “Title One,” 8 August 1949; “Title Two,” 2 December 1949,
/// Collection (Place: Publisher, 1990)": documents printed in one
/// collection share its container and imprint (GUIDELINE §6), and a
/// document with no author printed takes the author of the one before.
fn attach_documents_to_collections(out: &mut [Parsed]) {
    for k in (0..out.len().saturating_sub(1)).rev() {
        let (head, tail) = out.split_at_mut(k + 1);
        let doc = &mut head[k].citation;
        let next = &mut tail[0].citation;
        let dated_document = doc.form == Form::Full
            && doc.item.kind == ItemType::Manuscript
            && doc.item.archive.is_none()
            && doc.item.archive_location.is_none()
            && doc.item.issued.is_some()
            && doc.item.title.is_some()
            && doc.relation.is_none();
        if !dated_document
            || next.item.kind != ItemType::Chapter
            || next.item.original_date.is_none()
        {
            continue;
        }
        doc.item.kind = ItemType::Chapter;
        doc.item.original_date = doc.item.issued.take();
        doc.item.issued = next.item.issued.clone();
        doc.item.container_title = next.item.container_title.clone();
        doc.item.publisher = next.item.publisher.clone();
        doc.item.publisher_place = next.item.publisher_place.clone();
        doc.item.editor = next.item.editor.clone();
        doc.item.custom.container_title_translated =
            next.item.custom.container_title_translated.clone();
        if next.item.author.is_empty() {
            next.item.author = doc.item.author.clone();
        }
    }
}

/// The document before an archival reference that closes a segment: the
/// text before the repository's name when the segment prints it in full
/// ("..., 1920, Ann Lee Papers, Frost County Archives, Duluth (ALP
/// FCA)"), and before the collection's name printed just before it.
fn document_before_repository<'a>(
    head: &'a str,
    r: &archival::repository::RepositoryRef,
) -> &'a str {
    let mut head = head.trim_end();
    let first = r.archive.split(", ").next().unwrap_or(&r.archive);
    if let Some(at) = head.find(first).filter(|&at| at > 0) {
        head = head[..at].trim_end().trim_end_matches(',').trim_end();
        if let Some(collection) = &r.location {
            if let Some(before) = head.strip_suffix(collection.as_str()) {
                head = before.trim_end().trim_end_matches(',').trim_end();
            }
        }
    }
    head
}

/// Splits the pages of an archival document off the end of its
/// description ("..., May 5, 1931, 1–3"): the length of the description
/// without them, and the pages. A year is not a page.
fn trailing_pages(head: &str) -> (usize, Option<String>) {
    let t = head.trim_end();
    let Some(comma) = t.rfind(',') else {
        return (t.len(), None);
    };
    let last = t[comma + 1..].trim();
    let numeric = !last.is_empty()
        && last
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '–' | '-' | ' ' | ','));
    let year = last.len() == 4 && (last.starts_with("1") || last.starts_with("20"));
    if numeric && !year {
        (
            comma,
            Some(last.replace(['–', ' '], "-").replace("--", "-")),
        )
    } else {
        (t.len(), None)
    }
}

/// Puts a document read from a segment into the archive that the segment
/// closes with (GUIDELINE §7): an item with no publisher or periodical of
/// its own is a manuscript (a letter, interview or lecture keeps its
/// type), a full citation; what the grammar took for its periodical is its
/// date and place in the papers; the pages are its locator.
fn place_in_archive(
    p: &mut Parsed,
    r: &archival::repository::RepositoryRef,
    pages: Option<String>,
) {
    let c = &mut p.citation;
    if c.form == Form::Short {
        c.form = Form::Full;
        p.hint.short = None;
    }
    let item = &mut c.item;
    let published = item.publisher.is_some()
        || matches!(
            item.kind,
            ItemType::PersonalCommunication
                | ItemType::Interview
                | ItemType::PaperConference
                | ItemType::ArticleNewspaper
                | ItemType::Chapter
                | ItemType::Manuscript
        );
    let mut location = r.location.clone();
    if !published {
        item.kind = ItemType::Manuscript;
        if let Some(container) = item.container_title.take() {
            let chunks: Vec<&str> = container.split(", ").collect();
            let mut used = 0;
            for k in (1..=chunks.len().min(2)).rev() {
                if let Some(date) = dates::parse_date(&chunks[..k].join(", ")) {
                    item.issued = Some(date);
                    used = k;
                    break;
                }
            }
            if chunks.first().is_some_and(|c| {
                c.eq_ignore_ascii_case("no date") || c.eq_ignore_ascii_case("n.d.")
            }) {
                used = 1;
            }
            let rest = chunks[used..].join(", ");
            let rest = rest.trim();
            let numeric = !rest.is_empty()
                && rest
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '–' | '-'));
            if numeric && c.locator.is_none() && pages.is_none() {
                c.locator = Some(crate::model::Locator {
                    value: rest.replace('–', "-"),
                    label: LocatorLabel::Page,
                });
            } else if !rest.is_empty() && location.is_none() {
                location = Some(rest.to_string());
            }
        }
        if item
            .publisher_place
            .as_deref()
            .is_some_and(|p| p.chars().any(|c| c.is_ascii_digit()))
        {
            item.publisher_place = None;
        }
    }
    item.archive_location = None;
    r.apply_to(item);
    item.archive_location = location;
    if let Some(value) = pages {
        if c.locator.is_none() {
            c.locator = Some(crate::model::Locator {
                value,
                label: LocatorLabel::Page,
            });
        }
    }
}

/// Words that name a repository in a reference to an archive the table
/// does not know ("National Archives", "Princeton University Library",
/// "Hoover Institution Archives").
const REPOSITORY_WORDS: &[&str] = &[
    "archive",
    "archives",
    "archiv",
    "library",
    "institution",
    "record office",
    "records office",
];

/// Reads "RG 59, Central Decimal File 795.00/6-2050, National Archives" or
/// "John Foster Dulles Papers, Princeton University Library": the last
/// chunk naming a repository is the archive (a short place after it is its
/// city), what stands before it is the location. With no repository
/// named, the whole text is the location.
fn apply_other_archive(item: &mut Item, text: &str) {
    let text = crate::text::trim_punct(text);
    if text.is_empty() {
        return;
    }
    let parts = layout::chunks(text);
    let repository = parts.iter().rposition(|(_, chunk)| {
        let lower = chunk.to_ascii_lowercase();
        REPOSITORY_WORDS.iter().any(|w| {
            lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word == *w)
                || (w.contains(' ') && lower.contains(w))
        })
    });
    match repository {
        Some(k) => {
            item.archive = Some(crate::text::squash_spaces(parts[k].1));
            if let Some((_, place)) = parts.get(k + 1) {
                if parts.len() == k + 2
                    && place.split_whitespace().count() <= 3
                    && place.starts_with(char::is_uppercase)
                {
                    item.archive_place = Some(crate::text::squash_spaces(place));
                }
            }
            if k > 0 {
                let location = &text[..parts[k - 1].0.end];
                item.archive_location = Some(crate::text::squash_spaces(location));
            }
        }
        None => item.archive_location = Some(crate::text::squash_spaces(text)),
    }
}

/// The text of a signal phrase before its signal words: "Telegram ...,
/// For the English translation, see in " gives "Telegram ..., For the
/// English translation".
fn lead_before_signal(prefix: &str) -> &str {
    let mut t = prefix.trim_end();
    for word in [" in", " also", " see", " See", " also", " cf."] {
        if let Some(stripped) = t.strip_suffix(word) {
            t = stripped.trim_end();
        }
    }
    t.trim_end_matches([',', ' '])
}

fn shift(span: &Range<usize>, by: usize) -> Range<usize> {
    span.start + by..span.end + by
}

/// Parses one segment body into its citations (spans relative to `body`),
/// trying later word starts when the segment opens with prose.
fn parse_segment(
    body: &str,
    previous: Option<&ArchivalLocation>,
    italics: &[Range<usize>],
) -> Option<Vec<Parsed>> {
    // What the Chicago grammar keeps for the texts of one segment.
    chicago::new_segment();
    // "..., https://example.org/page, accessed May 5, 2020." or "...
    // https://example.org/page (accessed May 5, 2020).": the date the
    // page was read, printed after its address.
    let (body, accessed_after) = accessed_after_link(body);
    // "..., 71–99, https://doi.org/10.2307/3096136.": the citation is read
    // without its link, which then goes on the work it ends.
    if let Some((head, link)) = trailing_link(body) {
        // "..., accessed May 5, 2020, https://...": when the page was read
        // (or last changed) goes on the work too.
        let (head, web_date) = web_page_date(head);
        let web_date = web_date.or(accessed_after.map(WebDate::Accessed));
        let mut found = match parse_segment(head, previous, italics) {
            Some(found) => found,
            None if matches!(link, Link::Url(_)) => vec![web_page(head)?],
            None => return None,
        };
        if let Some(last) = found.last_mut() {
            // A citation that gives its own web address is a full one: read
            // as a short form (a quoted title and a site, no date), it is a
            // web page.
            if last.citation.form == Form::Short && matches!(link, Link::Url(_)) {
                last.citation.form = Form::Full;
                last.citation.item.kind = ItemType::Webpage;
                last.hint = Hint::default();
            }
        }
        if let Some(last) = found.last_mut().filter(|p| p.citation.form == Form::Full) {
            let item = &mut last.citation.item;
            if matches!(link, Link::Url(_)) {
                web_page_kind(item);
            }
            link.apply_to(item);
            match web_date {
                Some(WebDate::Accessed(date)) => item.accessed = Some(date),
                Some(WebDate::Modified(date)) if item.issued.is_none() => item.issued = Some(date),
                _ => {}
            }
        }
        return Some(found);
    }
    if let Some(found) = parse_at_with_italics(body, previous, italics) {
        return Some(found);
    }
    if body.len() > MAX_SCAN_BYTES {
        return None;
    }
    // Every citation the grammars read carries a number (a year, a page, a
    // folio, a date), a quoted title, or a possessive ("Weathersby’s
    // conference report"): prose without any of them is not searched word
    // by word.
    let has_number = body.bytes().any(|b| b.is_ascii_digit());
    let possessive = ["’s ", "'s ", "‘s "].iter().any(|p| body.contains(p));
    if !has_number && !possessive && !crate::text::has_opening_quote(body) {
        return None;
    }
    retry_later_starts(body, previous)
}

/// The discursive retry: offers `body` (a segment no grammar reads at its
/// start) again from the later word starts where a citation can begin.
#[inline(never)]
fn retry_later_starts(body: &str, previous: Option<&ArchivalLocation>) -> Option<Vec<Parsed>> {
    // Only the word starts that can open a citation are tried: not a
    // lowercase word of prose, not a word after the last number, quotation
    // mark or possessive (see `tokens`).
    let tokens = tokens::Tokens::new(body);
    // Whether each start's text is Russian, from the letters of the text
    // after it: those of the whole less those before it, counted once
    // (each start is a char boundary after the one before).
    // (A body with no Cyrillic char has none after any start: no start's
    // text is Russian, and nothing is counted.)
    let any_cyrillic = crate::split::holds_cyrillic(body);
    let (mut cyrillic, mut letters) = if any_cyrillic {
        crate::split::cyrillic_letters(body)
    } else {
        (0, 0)
    };
    let mut counted = 0;
    // Each start's text is a suffix of `body`: the grammars read its
    // layout from that of `body`, scanned once.
    layout::with_segment(body, || {
        let mut starts = tokens.citation_starts(MAX_SCAN_WORDS);
        while let Some(start) = starts.next() {
            let russian = any_cyrillic && {
                let (c, l) = crate::split::cyrillic_letters(&body[counted..start]);
                (cyrillic, letters, counted) = (cyrillic - c, letters - l, start);
                gost::is_russian_by_letters(cyrillic, letters)
            };
            // (Whether the start opens an Ibid. was asked in choosing it.)
            let no_ibid = !starts.opens_ibid();
            if let Some(found) = parse_at_in(&body[start..], previous, &[], Some(russian), no_ibid)
            {
                return Some(
                    found
                        .into_iter()
                        .map(|mut p| {
                            p.citation.span = shift(&p.citation.span, start);
                            p
                        })
                        .collect(),
                );
            }
        }
        None
    })
}

/// Splits a date of reading printed after a web address off the end of a
/// citation: "..., https://example.org/a, accessed May 5, 2020.", "...
/// https://example.org/a (accessed May 5, 2020).", "... https://example.org/a.
/// Accessed May 5, 2020." give the text up to the address and the date.
fn accessed_after_link(body: &str) -> (&str, Option<Date>) {
    let t = body.trim_end().trim_end_matches(['.', ';']);
    // Most segments hold no "accessed " at all: found without the copy
    // first (an ASCII case-insensitive search finds one when the
    // lowercased copy holds one).
    if chicago::find_ascii_no_case(t, "accessed ").is_none() {
        return (body, None);
    }
    // ASCII lowercasing keeps the offsets of `t`.
    let Some(at) = t.to_ascii_lowercase().rfind("accessed ") else {
        return (body, None);
    };
    let date_text = t[at + "accessed ".len()..]
        .trim_end_matches(')')
        .trim_end_matches(['.', ','])
        .trim();
    let Some(date) = dates::parse_date(date_text) else {
        return (body, None);
    };
    let before = t[..at].trim_end();
    let Some(head) = before
        .strip_suffix('(')
        .or_else(|| before.strip_suffix(','))
        .or_else(|| before.strip_suffix('.'))
        .map(str::trim_end)
    else {
        return (body, None);
    };
    let last = head.rsplit(' ').next().unwrap_or("");
    let is_link = ["http://", "https://"].iter().any(|p| {
        last.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    });
    if is_link {
        (head, Some(date))
    } else {
        (body, None)
    }
}

/// Words that name a newspaper, magazine or journal
/// (`data/periodical-words.txt`).
fn periodical_words() -> &'static [&'static str] {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        crate::text::data_lines(include_str!("../../data/periodical-words.txt")).collect()
    })
}

/// True when a periodical's name holds a word of newspapers, magazines
/// or journals ("Evening Herald", "Lake Quarterly", "Daily News").
fn is_periodical_name(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| periodical_words().iter().any(|p| w.eq_ignore_ascii_case(p)))
}

/// True for a document read whole (no raw text kept in `note`) with no
/// archive, place in one or publisher: what a web page or a spoken work
/// may be before it is retyped.
fn is_bare_manuscript(item: &Item) -> bool {
    item.kind == ItemType::Manuscript
        && item.note.is_none()
        && item.archive.is_none()
        && item.archive_location.is_none()
        && item.publisher.is_none()
}

/// Types a full citation that ends with its web address (GUIDELINE §2): a
/// document with a title and no archive or publisher, or an article of a
/// site that is no newspaper, magazine or journal (no volume, issue or
/// page span, no periodical word in its name), is a web page. The site's
/// name followed by the body that runs it ("Frost Blog, Center for Ice
/// Studies") gives `container-title` and `publisher`.
fn web_page_kind(item: &mut Item) {
    let unpublished = is_bare_manuscript(item) && item.title.is_some();
    let site_article = matches!(
        item.kind,
        ItemType::ArticleNewspaper | ItemType::ArticleMagazine | ItemType::ArticleJournal
    ) && item.volume.is_none()
        && item.issue.is_none()
        && item.page.is_none()
        && item.archive.is_none()
        && !item
            .container_title
            .as_deref()
            .and_then(|c| c.split(", ").next())
            .is_some_and(is_periodical_name);
    if !(unpublished || site_article) {
        return;
    }
    item.kind = ItemType::Webpage;
    if item.publisher.is_none() {
        if let Some((site, body)) = item
            .container_title
            .as_deref()
            .and_then(|c| c.split_once(", "))
            .filter(|(site, body)| {
                !body.contains(", ")
                    && !site.contains(" and ")
                    && body.starts_with(char::is_uppercase)
                    && !body.starts_with("and ")
                    && names::is_body(body)
            })
        {
            let (site, body) = (site.to_string(), body.to_string());
            item.container_title = Some(site);
            item.publisher = Some(body);
        }
    }
}

/// A web page no other grammar reads, from the text before its address:
/// "Ann Lee and Bo Lund, Frost Charter II (1973), Lake Society" or "“Ice
/// Notes,” Frost Blog, May 5, 2020". Names (when the first chunk is a
/// name list), the title (quoted, or the next chunk, with a year in
/// parentheses as its date), then a date, the site and the body that runs
/// it.
fn web_page(head: &str) -> Option<Parsed> {
    let text = head.trim_end().trim_end_matches([',', '.']);
    let lead = text.len() - text.trim_start().len();
    let parts = layout::chunks(text);
    if parts.is_empty() || parts.len() > 6 {
        return None;
    }
    let mut item = Item {
        kind: ItemType::Webpage,
        ..Item::default()
    };
    let mut k = 0;
    let quoted = |c: &str| c.starts_with(['“', '"']);
    if parts.len() > 1 && !quoted(parts[0].1) && names::looks_like_name_list(parts[0].1) {
        item.author = names::parse_name_list(parts[0].1);
        k = 1;
    }
    let (_, title) = parts.get(k)?;
    let mut title = crate::text::trim_punct(title)
        .trim_matches(['“', '”', '"'])
        .trim();
    if let Some(open) = title.rfind(" (").filter(|_| title.ends_with(')')) {
        if let Some(date) = dates::parse_date(&title[open + 2..title.len() - 1]) {
            item.issued = Some(date);
            title = title[..open].trim();
        }
    }
    if title.split_whitespace().count() < 2 || !title.starts_with(char::is_uppercase) {
        return None;
    }
    item.title = Some(title.trim_end_matches(',').to_string());
    let mut rest = Vec::new();
    for (_, chunk) in &parts[k + 1..] {
        rest.push(*chunk);
    }
    // A date printed over two chunks ("May 5, 2020").
    let mut sites = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let pair = rest.get(i + 1).map(|next| format!("{}, {}", rest[i], next));
        if let Some(date) = pair.as_deref().and_then(dates::parse_date) {
            item.issued = Some(date);
            i += 2;
        } else if let Some(date) = dates::parse_date(rest[i]) {
            item.issued = Some(date);
            i += 1;
        } else {
            sites.push(rest[i]);
            i += 1;
        }
    }
    if sites.iter().any(|s| !s.starts_with(char::is_uppercase)) || sites.len() > 2 {
        return None;
    }
    item.container_title = sites.first().map(|s| crate::text::squash_spaces(s));
    item.publisher = sites.get(1).map(|s| crate::text::squash_spaces(s));
    let c = Citation::new(Form::Full, item, lead..text.len());
    Some(Parsed {
        citation: c,
        hint: Hint::default(),
    })
}

/// The date a web citation gives before its address.
enum WebDate {
    Accessed(Date),
    Modified(Date),
}

/// Splits "..., accessed May 5, 2020" or "..., last modified June 20,
/// 2023" off the end of a citation.
fn web_page_date(head: &str) -> (&str, Option<WebDate>) {
    const LEADS: &[(&str, bool)] = &[
        (", accessed ", true),
        (". Accessed ", true),
        (", last modified ", false),
        (". Last modified ", false),
        (", modified ", false),
    ];
    for &(lead, accessed) in LEADS {
        if let Some(at) = head.rfind(lead) {
            let date = head[at + lead.len()..].trim_end_matches(['.', ',']);
            if let Some(date) = dates::parse_date(date) {
                let web = if accessed {
                    WebDate::Accessed(date)
                } else {
                    WebDate::Modified(date)
                };
                return (&head[..at], Some(web));
            }
        }
    }
    (head, None)
}

/// A web address or DOI that ends a citation.
enum Link<'a> {
    Doi(&'a str),
    Url(&'a str),
}

impl Link<'_> {
    fn apply_to(&self, item: &mut Item) {
        match self {
            Link::Doi(doi) => item.doi = Some(doi.to_string()),
            Link::Url(url) => item.url = Some(url.to_string()),
        }
    }
}

/// The text before a link that ends it (after a comma or a period) and the
/// link: `https://...`, `http://...`, `doi:10...`, a DOI as a
/// `https://doi.org/` address.
fn trailing_link(body: &str) -> Option<(&str, Link<'_>)> {
    let text = body.trim_end().trim_end_matches(['.', ',', ';']);
    let start = text.rfind(' ')? + 1;
    let word = &text[start..];
    let head = text[..start].trim_end();
    if !(head.ends_with(',') || head.ends_with('.')) {
        return None;
    }
    let lower_starts = |prefix: &str| {
        word.get(..prefix.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
    };
    let link = if let Some(doi) = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "doi:",
    ]
    .iter()
    .find(|p| lower_starts(p))
    .map(|p| &word[p.len()..])
    {
        Link::Doi(doi)
    } else if lower_starts("https://") || lower_starts("http://") {
        Link::Url(word)
    } else {
        return None;
    };
    Some((head.trim_end_matches(','), link))
}

/// Parses a segment that starts with the citation itself.
fn parse_at(body: &str, previous: Option<&ArchivalLocation>) -> Option<Vec<Parsed>> {
    parse_at_with_italics(body, previous, &[])
}

fn parse_at_with_italics(
    body: &str,
    previous: Option<&ArchivalLocation>,
    italics: &[Range<usize>],
) -> Option<Vec<Parsed>> {
    parse_at_in(body, previous, italics, None, false)
}

/// Stack that must be left for one reading of a segment before a
/// recursive one ([`parse_at_in`]) runs on a stack of its own: a reading
/// and the grammars it calls, in an unoptimized build, with room to spare.
const STACK_RED_ZONE: usize = 256 * 1024;

/// Stack given to the readings of a segment when [`STACK_RED_ZONE`] is
/// reached.
const STACK_GROWTH: usize = 4 * 1024 * 1024;

/// [`parse_at_with_italics`], given whether `body` is written in Russian
/// ([`gost::is_russian`]) when the caller knows it, and `no_ibid` when
/// the caller knows that it opens no Ibid. ([`chicago::ibid`] is `None`).
///
/// A segment is read by reading what follows a part of it as a segment
/// again: an archival reference reads the text after it, "idem," reads
/// the citation after it. A long run of them ("RGASPI, f. 17, RGASPI,
/// f. 17, ...") nests one reading a reference, which overflowed a
/// thread's stack (and aborted the process, losing every note) at a few
/// kilobytes of text; each reading now has stack enough, grown when it
/// runs short (`stacker`), so a run of any length is read whole.
fn parse_at_in(
    body: &str,
    previous: Option<&ArchivalLocation>,
    italics: &[Range<usize>],
    russian: Option<bool>,
    no_ibid: bool,
) -> Option<Vec<Parsed>> {
    stacker::maybe_grow(STACK_RED_ZONE, STACK_GROWTH, || {
        parse_at_here(body, previous, italics, russian, no_ibid)
    })
}

/// [`parse_at_in`] on the stack at hand.
fn parse_at_here(
    body: &str,
    previous: Option<&ArchivalLocation>,
    italics: &[Range<usize>],
    russian: Option<bool>,
    no_ibid: bool,
) -> Option<Vec<Parsed>> {
    let is_russian = || russian.unwrap_or_else(|| gost::is_russian(body));
    let trimmed_len = body.trim_end().len();
    // "Там же. Т. 2, ч. 1. С. 17.": the GOST grammar reads Russian repeat
    // forms with their pinpoints; archival levels after one are read below.
    // Only a segment that opens with a repeat form is read here: any other
    // Russian segment is read once, by the GOST branch further down.
    // Whether the segment opens with an Ibid. (or idem, "там же"), asked
    // once for the two readings below.
    let ibid = if no_ibid { None } else { chicago::ibid(body) };
    if ibid.is_some() && is_russian() {
        if let Some(g) =
            gost::parse_gost_citation(body).filter(|g| g.form == Form::Ibid && g.locator.is_some())
        {
            let lead = body.len() - body.trim_start().len();
            let mut c = Citation::new(Form::Ibid, g.item, lead..g.end.min(trimmed_len).max(lead));
            c.locator = g.locator.map(|mut l| {
                // Folios are written in the Latin form ("12 ob.").
                if l.label == LocatorLabel::Folio {
                    l.value = l.value.replace("об.", "ob.").replace("об", "ob");
                }
                l
            });
            return Some(vec![Parsed {
                citation: c,
                hint: Hint::default(),
            }]);
        }
    }
    // "idem, The Global Cold War (Cambridge: ..., 2005)": the same author
    // as the previous citation, another work.
    if let Some(rest) = same_author_lead(body) {
        if let Some(mut found) = parse_at_with_italics(rest, previous, &[]) {
            let offset = body.len() - rest.len();
            if found.len() == 1
                && found[0].citation.form == Form::Full
                && found[0].citation.item.author.is_empty()
            {
                let p = &mut found[0];
                p.citation.span = shift(&p.citation.span, offset);
                p.citation.span.start = body.len() - body.trim_start().len();
                p.hint.same_author_as_previous = true;
                return Some(found);
            }
        }
    }
    if let Some((pin, used)) = ibid {
        let lead = body.len() - body.trim_start().len();
        let mut c = Citation::new(Form::Ibid, Item::default(), lead..trimmed_len.max(lead));
        let mut hint = Hint::default();
        if let Some(pin) = pin {
            c.locator = pin.locator;
            if let Some(v) = pin.volume {
                c.item.volume = Some(v);
            }
        } else {
            let rest = body[used..]
                .trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
            if !rest.trim().is_empty() {
                hint.ibid_rest = Some(rest.trim_end().to_string());
            }
        }
        return Some(vec![Parsed { citation: c, hint }]);
    }

    if let Some(arch) = archival::parse_archival_citation(body, previous) {
        let mut found: Vec<Parsed> = arch
            .items
            .into_iter()
            .map(|mut item| {
                // A document's own heading is capitalized; lowercase words
                // before the descriptor are prose ("the details from the
                // telegram to ...").
                if item
                    .title
                    .as_deref()
                    .is_some_and(|t| t.starts_with(char::is_lowercase))
                {
                    item.title = None;
                }
                // A quoted descriptive heading ("Ciphered Telegram, Shtykov
                // to Vyshinsky") names the sender and addressee.
                if item.author.is_empty() && item.recipient.is_empty() {
                    if let Some(title) = item.title.clone() {
                        let d = archival::description::parse_description(&title);
                        if d.kind.is_some() && (!d.authors.is_empty() || !d.recipients.is_empty()) {
                            item.kind = d.item_type();
                            item.author = d.authors;
                            item.recipient = d.recipients;
                            item.title = d.title;
                        }
                    }
                }
                let c = Citation::new(Form::Full, item, 0..arch.end.min(trimmed_len));
                Parsed {
                    citation: c,
                    hint: Hint {
                        location: arch.location.clone(),
                        ..Hint::default()
                    },
                }
            })
            .collect();
        if found.is_empty() {
            return None;
        }
        // What follows the archival reference: "in <publication>" (the
        // document is quoted from it), or an Ibid. with pages.
        let rest = &body[arch.end.min(body.len())..];
        let rest_trim =
            rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
        // A description followed by "ibid., l. 92": located in the file of
        // the previous archival reference.
        if found.len() == 1 && found[0].citation.item.archive_location.is_none() {
            if let Some((pin, used)) = chicago::ibid(rest_trim) {
                let pages = pin
                    .as_ref()
                    .and_then(|p| p.locator.as_ref())
                    .is_some_and(|l| l.label != LocatorLabel::Folio);
                if !pages {
                    let after = rest_trim[used.min(rest_trim.len())..]
                        .trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
                    let after = if after.is_empty() {
                        // The pinpoint was read as a folio: hand it on as printed.
                        rest_trim
                            .get(rest_trim.find(',').map_or(rest_trim.len(), |i| i + 1)..)
                            .unwrap_or("")
                            .trim()
                    } else {
                        after
                    };
                    found[0].hint.location_ibid = Some(after.trim_end_matches('.').to_string());
                    found[0].citation.span.end = trimmed_len;
                    return Some(found);
                }
            }
        }
        if !rest_trim.is_empty() {
            let quoted_from = rest_trim.starts_with("in ");
            let rest_trim = rest_trim.strip_prefix("in ").unwrap_or(rest_trim);
            let offset = body.len() - rest_trim.len();
            if let Some(more) = parse_at(rest_trim, None) {
                let base = found.len();
                for mut p in more {
                    p.citation.span = shift(&p.citation.span, offset);
                    found.push(p);
                }
                // "in <collection>", or a located-nowhere document followed
                // straight by the book that prints it.
                let unlocated = found[0].citation.item.archive_location.is_none()
                    && found[0].citation.item.archive.is_none();
                let into_collection = (quoted_from || unlocated)
                    && base == 1
                    && found.len() == 2
                    && found[1].citation.form == Form::Full
                    && found[1].citation.item.kind == ItemType::Book;
                if into_collection {
                    // A document published in a collection is a chapter of
                    // it, dated by the collection (GUIDELINE §6).
                    let book = found.pop().map(|p| p.citation).unwrap();
                    let doc = &mut found[0].citation;
                    let d = &mut doc.item;
                    d.kind = ItemType::Chapter;
                    d.original_date = d.issued.take();
                    d.issued = book.item.issued;
                    d.container_title = book.item.title;
                    d.editor = if book.item.editor.is_empty() {
                        book.item.author
                    } else {
                        book.item.editor
                    };
                    d.publisher = book.item.publisher;
                    d.publisher_place = book.item.publisher_place;
                    d.volume = book.item.volume;
                    d.custom.container_title_translated = book.item.custom.title_translated;
                    doc.locator = book.locator;
                    doc.span.end = book.span.end;
                } else if quoted_from {
                    found[base - 1].citation.relation = Some(Relation {
                        kind: RelationType::CitedFrom,
                        citation: base,
                    });
                }
            } else if !quoted_from
                && found.len() == 1
                && found[0].citation.item.archive_location.is_none()
            {
                // An archive outside the authority table, in its own
                // system: "RG 59, Central Decimal File 795.00/6-2050,
                // National Archives". Kept, never dropped.
                let c = &mut found[0].citation;
                apply_other_archive(&mut c.item, rest_trim);
                c.span.end = trimmed_len;
            }
        }
        return Some(found);
    }

    if is_russian() {
        if let Some(g) = gost::parse_gost_citation(body) {
            let lead = body.len() - body.trim_start().len();
            let end = g.end.min(trimmed_len).max(lead);
            let mut c = Citation::new(g.form, g.item, lead..end);
            c.locator = g.locator;
            c.prefix = g.prefix;
            let short = (g.short_author.is_some() || g.short_title.is_some()).then(|| ShortRef {
                names: g.short_author.into_iter().collect(),
                title: g.short_title,
            });
            let hint = Hint {
                short,
                same_author_as_previous: g.same_author_as_previous,
                host_as_previous: g.host_as_previous,
                ..Hint::default()
            };
            return Some(vec![Parsed { citation: c, hint }]);
        }
    }

    // "DJBP 1.1.3, 1.1.4", "HSS Prolegomena, 11": an abbreviation and a
    // pinpoint, nothing else, before the Chicago grammar takes the
    // abbreviation and the first number for a short title.
    if let Some(p) = abbreviation_short_form(body) {
        return Some(vec![p]);
    }
    if let Some(p) = speech(body) {
        return Some(vec![p]);
    }
    let c = chicago::parse_chicago_with_italics(body, italics)?;
    let mut c = c;
    if c.form == Form::Full {
        occasion_kind(&mut c.item);
    }
    let lead = body.len() - body.trim_start().len() + c.lead;
    // A full citation whose imprint the grammar did not understand comes
    // back as a short form; it is a full citation read in part.
    let read_in_part = c.form == Form::Short && carries_full_marks(&body[lead.min(body.len())..]);
    if read_in_part {
        c.form = Form::Full;
        c.short = None;
    }
    if c.form == Form::Full {
        possessive_author(&mut c.item);
    }
    let mut citation = Citation::new(c.form, c.item, lead.min(trimmed_len)..trimmed_len);
    citation.locator = c.locator;
    Some(vec![Parsed {
        citation,
        hint: Hint {
            short: c.short,
            read_in_part,
            ..Hint::default()
        },
    }])
}

/// The words of `data/occasion-words.txt` of one kind ("speech" or
/// "event").
fn occasion_words(kind: &str) -> &'static [&'static str] {
    type Lists = Vec<(&'static str, Vec<&'static str>)>;
    static LISTS: std::sync::OnceLock<Lists> = std::sync::OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        let mut lists: Lists = Vec::new();
        let lines = crate::text::data_lines(include_str!("../../data/occasion-words.txt"));
        for (k, w) in lines.filter_map(|l| l.split_once('\t')) {
            let (k, w) = (k.trim(), w.trim());
            match lists.iter_mut().find(|(kk, _)| *kk == k) {
                Some((_, list)) => list.push(w),
                None => lists.push((k, vec![w])),
            }
        }
        lists
    });
    lists
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[], |(_, list)| list.as_slice())
}

/// The words of `s` (letters and digits), for whole-word matching.
fn words_of(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !crate::text::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
}

/// True when `s` holds a word of the given kind of occasion word.
fn has_occasion_word(s: &str, kind: &str) -> bool {
    let list = occasion_words(kind);
    words_of(s).any(|w| list.iter().any(|o| w.eq_ignore_ascii_case(o)))
}

/// Retypes a full citation read as an article or a dated document when it
/// is a spoken work (GUIDELINE §7, a `paper-conference`): a periodical
/// whose name is a gathering ("“Frost and Fire,” Lake Assembly, May 5,
/// 1990") is the event; a title naming a speech with the body or place it
/// was given at after it ("“Address of the Rector,” Elm University, May
/// 5, 1990") has that place as its `event-place`; a title that names the
/// speech and where it was given ("“Winter Lecture at the Lake Club”") is
/// one too.
fn occasion_kind(item: &mut Item) {
    let article = matches!(
        item.kind,
        ItemType::ArticleNewspaper | ItemType::ArticleMagazine | ItemType::ArticleJournal
    ) && item.volume.is_none()
        && item.issue.is_none()
        && item.page.is_none()
        && item.publisher.is_none();
    let title = item.title.as_deref().unwrap_or_default();
    if article {
        let Some(container) = item.container_title.as_deref() else {
            return;
        };
        if container.contains(", ") || is_periodical_name(container) {
            return;
        }
        if has_occasion_word(container, "event") {
            item.kind = ItemType::PaperConference;
            item.event_title = item.container_title.take();
        } else if has_occasion_word(title, "speech") && names::is_body(container) {
            item.kind = ItemType::PaperConference;
            item.event_place = item.container_title.take();
        }
        return;
    }
    let dated_document = is_bare_manuscript(item) && item.container_title.is_none();
    if !dated_document {
        return;
    }
    // "Lecture at the Lake Club", "Address to the Winter Assembly".
    let names_venue = {
        let speech = occasion_words("speech");
        let words: Vec<&str> = title.split_whitespace().collect();
        words.windows(2).any(|w| {
            let word = w[0].trim_matches(|c: char| !c.is_alphanumeric());
            speech.iter().any(|s| word.eq_ignore_ascii_case(s))
                && matches!(w[1], "at" | "to" | "before" | "delivered" | "given")
        })
    };
    if names_venue {
        item.kind = ItemType::PaperConference;
    }
}

/// True when a speech word of `data/occasion-words.txt` opens the text
/// after some closing quotation mark (”, » or "), past white space and
/// commas, compared without ASCII case. [`speech`] reads only a text whose
/// first quoted title (a unit of `layout::scan`, which ends right after
/// its closing mark) is followed by such a word: a text where no closing
/// mark is followed by one is not a speech, and is turned away before the
/// layout scan.
fn speech_word_after_closing_quote(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes).any(|at| {
        let rest = &bytes[at..];
        let mark = if rest[0] == b'"' {
            1
        } else if rest.starts_with("”".as_bytes()) {
            3
        } else if rest.starts_with("»".as_bytes()) {
            2
        } else {
            return false;
        };
        let after = text[at + mark..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        occasion_words("speech").iter().any(|w| {
            after
                .as_bytes()
                .get(..w.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(w.as_bytes()))
        })
    })
}

/// A spoken work described after its title (GUIDELINE §7): "Ann Lee,
/// “Frost and Fire,” lecture presented at Elm College, Dover, NH, May 5,
/// 1990": names, a quoted title, a speech word (the genre) with
/// "presented/delivered/given/read at/to/before" and the occasion (its
/// `event-title`), the place (`event-place`) and the date. What follows
/// the date (a note on the copy) is not read.
fn speech(body: &str) -> Option<Parsed> {
    // Its title is quoted: text without a quotation mark that
    // `layout::scan` opens a quote with is not scanned.
    if !crate::text::has_opening_quote(body) {
        return None;
    }
    let lead = body.len() - body.trim_start().len();
    let text = body.trim().trim_end_matches(['.', ',']);
    if !speech_word_after_closing_quote(text) {
        return None;
    }
    let lay = layout::scan(text);
    let q = lay.quotes.first()?;
    // The genre is the first word of the first chunk after the title,
    // which opens what follows the title: that text must open with a
    // speech word (asked before the names and the chunks are read).
    let first_word = text[q.end..]
        .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
        .split_whitespace()
        .next()
        .unwrap_or("")
        .as_bytes();
    if !occasion_words("speech").iter().any(|w| {
        first_word
            .get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w.as_bytes()))
    }) {
        return None;
    }
    let who = text[..q.start].trim().trim_end_matches(',').trim();
    if !names::looks_like_name_list(who) {
        return None;
    }
    let title = layout::inner(text, q);
    let after = text[q.end..].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let parts = layout::chunks(after);
    let (_, described) = *parts.first()?;
    let mut words = described.split_whitespace();
    let kind = words.next()?;
    if !occasion_words("speech")
        .iter()
        .any(|w| kind.eq_ignore_ascii_case(w))
    {
        return None;
    }
    let mut rest: Vec<&str> = words.collect();
    if rest
        .first()
        .is_some_and(|w| matches!(*w, "presented" | "delivered" | "given" | "read"))
    {
        rest.remove(0);
    }
    if !rest
        .first()
        .is_some_and(|w| matches!(*w, "at" | "to" | "before"))
    {
        return None;
    }
    let event = rest[1..].join(" ");
    let event = event.strip_prefix("the ").unwrap_or(&event).to_string();
    if !event.starts_with(char::is_uppercase) {
        return None;
    }
    let mut item = Item {
        kind: ItemType::PaperConference,
        author: names::parse_name_list(who),
        title: Some(crate::text::trim_punct(&title).to_string()),
        genre: Some(kind.to_lowercase()),
        event_title: Some(event),
        ..Item::default()
    };
    let mut places = Vec::new();
    let mut k = 1;
    while k < parts.len() {
        let chunk = parts[k].1;
        let pair = parts.get(k + 1).map(|next| format!("{chunk}, {}", next.1));
        if let Some(date) = pair.as_deref().and_then(dates::parse_date) {
            item.issued = Some(date);
            k += 1;
            break;
        }
        if let Some(date) = dates::parse_date(chunk) {
            item.issued = Some(date);
            break;
        }
        if !chunk.starts_with(char::is_uppercase) || places.len() >= 3 {
            return None;
        }
        places.push(chunk);
        k += 1;
    }
    item.issued.as_ref()?;
    if !places.is_empty() {
        item.event_place = Some(places.join(", "));
    }
    // The pages cited, after the date and any note on the copy.
    let tail = parts.get(k).map_or("", |(span, _)| &after[span.end..]);
    let mut c = Citation::new(Form::Full, item, lead..lead + text.len());
    c.locator = locator::trailing_locator(tail).and_then(|(_, pin)| pin.locator);
    Some(Parsed {
        citation: c,
        hint: Hint::default(),
    })
}

/// True for a run of one to four capitalized words, the shape of a
/// person's name printed in prose ("Ann Lee", "Bo van Lund").
fn name_run(words: &[&str]) -> bool {
    (2..=4).contains(&words.len())
        && words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words
            .last()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                || matches!(
                    *w,
                    "van" | "von" | "de" | "der" | "den" | "du" | "la" | "le"
                )
        })
}

/// "Ann Lee’s Faith and Feeling (Boston: Beacon, 2001)": the name before
/// a possessive that opens the title of a full citation with no author is
/// the work's author, and the title is what follows it.
fn possessive_author(item: &mut Item) {
    if !item.author.is_empty() || !item.editor.is_empty() {
        return;
    }
    let Some(title) = item.title.clone() else {
        return;
    };
    let Some((at, mark)) = ["’s ", "'s "]
        .iter()
        .find_map(|m| title.find(m).map(|at| (at, m.len())))
    else {
        return;
    };
    let names = &title[..at];
    let rest = title[at + mark..].trim();
    let parts = names::split_name_list(names);
    let all_names = !parts.is_empty()
        && parts.iter().all(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            name_run(&words)
        });
    if all_names && rest.starts_with(char::is_uppercase) && rest.split_whitespace().count() >= 2 {
        item.author = names::parse_name_list(names);
        item.title = Some(rest.to_string());
    }
}

/// Small words that may stand inside a title printed in title case.
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "with", "from", "by", "or", "as",
    "into", "vs.", "de", "la", "le", "und", "der", "die",
];

/// Works named by their titles in the prose of a note (GUIDELINE §7):
/// "Ann Lee’s history of the lakes, Frost Lines: A Chronicle of Ice,
/// which ..." names a work of Ann Lee. A person's name with a possessive,
/// an optional lowercase description closed by a comma, then a title in
/// title case (two words or more, a subtitle after a colon allowed). An
/// allusion without a title ("Lee’s essay") is none.
fn titles_in_prose(body: &str) -> Option<Vec<(Range<usize>, Item)>> {
    if gost::is_russian(body) {
        return None;
    }
    let mut found = Vec::new();
    for (at, mark) in body
        .match_indices("’s ")
        .chain(body.match_indices("'s "))
        .collect::<std::collections::BTreeSet<_>>()
    {
        // The name: the capitalized words just before the mark.
        let before = &body[..at];
        let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
        let mut take = 0;
        for k in (2..=words.len()).rev() {
            let run: Vec<&str> = words[..k].iter().rev().copied().collect();
            if name_run(&run) {
                take = k;
                break;
            }
        }
        if take == 0 {
            continue;
        }
        let name_start = {
            let mut start = at;
            for _ in 0..take {
                start = body[..start].trim_end().rfind(' ').map_or(0, |i| i + 1);
            }
            start
        };
        let names = body[name_start..at].trim();
        if names.split_whitespace().next().is_some_and(|w| {
            TITLE_SMALL_WORDS.contains(&w.to_lowercase().as_str()) || w.ends_with(['.', ','])
        }) {
            continue;
        }
        // An optional description in lowercase, closed by a comma.
        let mut t = at + mark.len();
        let after = &body[t..];
        if after.starts_with(char::is_lowercase) {
            let near = after
                .char_indices()
                .take_while(|&(i, _)| i < 120)
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
            match after[..near].find(", ") {
                Some(c)
                    if after[..c].split_whitespace().count() <= 8
                        && !after[..c].contains(['.', ';', '“']) =>
                {
                    t += c + 2
                }
                _ => continue,
            }
        }
        // The title: words in title case.
        let rest = &body[t..];
        let mut end = 0;
        // `count`: the words read so far (a small word cannot open the title).
        for (count, (i, w)) in rest
            .split(' ')
            .scan(0usize, |pos, w| {
                let start = *pos;
                *pos += w.len() + 1;
                Some((start, w))
            })
            .enumerate()
        {
            let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
            if bare.is_empty() {
                break;
            }
            let capital = bare.starts_with(char::is_uppercase)
                || bare.starts_with(|c: char| c.is_ascii_digit());
            let small = TITLE_SMALL_WORDS.contains(&bare);
            if !(capital || (small && count > 0)) {
                break;
            }
            if capital {
                end = i + bare.len();
            }
            if bare.len() != w.len() && !w.ends_with(':') {
                break;
            }
        }
        let title = rest[..end].trim_end_matches(':').trim();
        if title.split_whitespace().count() < 2 {
            continue;
        }
        let item = Item {
            kind: ItemType::Book,
            author: names::parse_name_list(names),
            title: Some(title.to_string()),
            ..Item::default()
        };
        found.push((name_start..t + end, item));
    }
    (!found.is_empty()).then_some(found)
}

/// "HSS, 371.", "“KM,” 2:244", "DJBP 3.9.10.1": a work cited by the
/// abbreviation a note defined for it ("(henceforth HSS)"), then a
/// pinpoint (pages, "volume:page", or the section numbers of a classical
/// text). A short form whose title is the abbreviation; the resolver
/// finds the work it stands for.
fn abbreviation_short_form(body: &str) -> Option<Parsed> {
    let lead = body.len() - body.trim_start().len();
    let t = body.trim();
    let unquoted = t.trim_start_matches(['“', '"', '‘']);
    let word_len = unquoted
        .find(|c: char| !(c.is_alphanumeric() || c == '-'))
        .unwrap_or(unquoted.len());
    let word = &unquoted[..word_len];
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    if !(2..=8).contains(&letters) || capitals < 2 || capitals * 2 < letters + 1 {
        return None;
    }
    if !word.starts_with(char::is_uppercase) {
        return None;
    }
    let rest = unquoted[word_len..].trim_start_matches([',', '”', '"', '’', ' ']);
    let pin = rest.trim_end_matches(['.', ' ']);
    // The pinpoint: pages, "volume:page", the section numbers of a
    // classical text ("3.9.10.1", "1.1.3, 1.1.4"), or a named division
    // ("Prolegomena, 11"), with nothing after it but a remark.
    let pin = locator::without_remark(pin);
    if !pin.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let (after, pinpoint) = locator::pinpoint(pin).ok()?;
    if !after.trim().is_empty() {
        return None;
    }
    let item = Item {
        kind: ItemType::Book,
        title: Some(word.to_string()),
        volume: pinpoint.volume,
        ..Item::default()
    };
    let mut c = Citation::new(Form::Short, item, lead..lead + t.len());
    c.locator = pinpoint.locator;
    c.locator.as_ref()?;
    Some(Parsed {
        citation: c,
        hint: Hint {
            short: Some(ShortRef {
                names: Vec::new(),
                title: Some(word.to_string()),
            }),
            ..Hint::default()
        },
    })
}

/// The text after "idem," / "eadem," (the same author), if the segment
/// opens with it.
fn same_author_lead(body: &str) -> Option<&str> {
    const WORDS: [&str; 5] = ["idem,", "eadem,", "iidem,", "idem.", "idem "];
    let t = body.trim_start();
    // Most texts open with none of the words' first letters: turned away
    // before any word is compared (the discursive retry asks this of
    // every lowercase word it may start from).
    let first = t.as_bytes().first()?.to_ascii_lowercase();
    if !WORDS.iter().any(|w| w.as_bytes()[0] == first) {
        return None;
    }
    WORDS.iter().find_map(|w| {
        t.get(..w.len())
            .filter(|h| h.eq_ignore_ascii_case(w))
            .map(|_| t[w.len()..].trim_start())
    })
}

/// "and No. 3 (1995), p. 101" after an article citation: the same article
/// series in another issue. It copies the names, title and journal printed
/// in the previous citation.
fn continuation(body: &str, previous: Option<&Parsed>) -> Option<Parsed> {
    let prev = previous?;
    let prev_item = &prev.citation.item;
    let container = prev_item.container_title.clone()?;
    let mut item = Item {
        kind: prev_item.kind,
        container_title: Some(container),
        ..Item::default()
    };
    let text = format!(
        "{} {}",
        item.container_title.as_deref().unwrap_or(""),
        body.trim()
    );
    let parsed = chicago::parse_chicago(&format!("“x,” {text}"))?;
    item.issue = parsed.item.issue;
    item.volume = parsed.item.volume;
    item.issued = parsed.item.issued;
    if let Some(short) = &prev.hint.short {
        item.author = short
            .names
            .iter()
            .map(|n| crate::model::Name::person(n.clone(), None))
            .collect();
        item.title = short.title.clone();
    } else {
        item.author = prev_item.author.clone();
        item.title = prev_item.title.clone();
    }
    let mut c = Citation::new(Form::Short, item, 0..body.len());
    c.locator = parsed.locator;
    Some(Parsed {
        citation: c,
        hint: Hint {
            continuation: true,
            ..Hint::default()
        },
    })
}

/// True when unread text carries the marks of a citation rather than of
/// prose: a page locator, a year in parentheses, an archival level.
fn looks_like_citation(s: &str) -> bool {
    let has_page =
        s.contains(" p. ") || s.contains(" pp. ") || s.contains(", pp.") || s.contains(", p.");
    let year_paren = s.match_indices('(').any(|(i, _)| {
        // Only a short group can hold a year: its ')' is within 41 bytes
        // (looking further made the check quadratic on unclosed groups).
        let inner = &s.as_bytes()[i + 1..];
        let close = match inner.iter().take(41).position(|&b| b == b')') {
            Some(close) => close,
            None if inner.len() <= 40 => inner.len(),
            None => return false,
        };
        let inside = &s[i + 1..i + 1 + close];
        inside
            .split(|c: char| !c.is_ascii_digit())
            .any(|w| w.len() == 4 && (w.starts_with("1") || w.starts_with("2")))
    });
    let archival = archival::parse_location(s).is_some();
    // "See the discussion above, p. 12": a page of the present work.
    let own_page = (has_page || page_mark(s)) && is_cross_reference(s);
    let marks = has_page
        || page_mark(s)
        || imprint_year(s)
        || role_mark(s)
        || archive_mark(s)
        || quoted_title_number(s);
    ((marks && !own_page) || year_paren || archival || short_form_shape(s)) && !s.trim().is_empty()
}

/// A page printed without a space ("pp.199–200", "p.12") or a page range
/// that is not a span of years ("199–200", "45-7"; "1917–1921" is years).
fn page_mark(s: &str) -> bool {
    let bytes = s.as_bytes();
    // Read on bytes: both marks and both dashes are found by their first
    // byte ("–" is the only char of the text opened by 0xE2 0x80 0x93).
    let after_word = |i: usize| {
        s[..i]
            .chars()
            .next_back()
            .is_some_and(crate::text::is_alphanumeric)
    };
    let glued = memchr::memchr_iter(b'p', bytes).any(|i| {
        let mark = ["pp.", "p."]
            .iter()
            .find(|m| bytes[i..].starts_with(m.as_bytes()));
        mark.is_some_and(|m| {
            !after_word(i) && bytes.get(i + m.len()).is_some_and(u8::is_ascii_digit)
        })
    });
    let range = memchr::memchr2_iter(b'-', 0xE2, bytes).any(|i| {
        let dash = if bytes[i] == b'-' {
            1
        } else if bytes[i..].starts_with("–".as_bytes()) {
            3
        } else {
            return false;
        };
        let before = bytes[..i]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let after = bytes[i + dash..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let lead_ok = s[..i - before]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::text::is_alphanumeric(c) && c != '/' && c != '.');
        let years = before == 4;
        before > 0 && after > 0 && !years && lead_ok && bytes.len() > 2
    });
    glued || range
}

/// A year beside a publisher or a place, after a colon: "(London: Kite,
/// 1990)", "Foreign Press: Moscow 1953".
fn imprint_year(s: &str) -> bool {
    year_positions(s).any(|at| {
        // The clause of the year, within the 120 bytes before it.
        let mut window = at.saturating_sub(120);
        while !s.is_char_boundary(window) {
            window += 1;
        }
        let from = window
            + s[window..at].rfind([';', '(', '“']).map_or(0, |i| {
                i + s[window + i..].chars().next().map_or(1, char::len_utf8)
            });
        let clause = &s[from..at];
        clause.rfind(": ").is_some_and(|colon| {
            let after = &clause[colon + 2..];
            after.len() <= 60
                && after.starts_with(char::is_uppercase)
                && clause[..colon]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
        })
    })
}

/// Where the four-digit years (1500-2099) of `s` start.
fn year_positions(s: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = s.as_bytes();
    (0..bytes.len().saturating_sub(3)).filter(move |&i| {
        bytes[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit())
            && matches!(&bytes[i..i + 2], [b'1', b'5'..=b'9'] | [b'2', b'0'])
    })
}

/// "ed." / "eds." / "trans." / "edited by" / "translated by" before a
/// name: a role of a citation.
fn role_mark(s: &str) -> bool {
    // The searchers are set up once a run (the test is asked of most
    // segments); each finds what `str::match_indices` finds, in order.
    static MARKS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 6]> =
        std::sync::LazyLock::new(|| {
            [
                " ed. ",
                " eds. ",
                " trans. ",
                "edited by ",
                "translated by ",
                ", eds.,",
            ]
            .map(memchr::memmem::Finder::new)
        });
    let (before_capital, eds) = MARKS.split_at(5);
    let b = s.as_bytes();
    before_capital.iter().any(|w| {
        w.find_iter(b)
            .any(|i| s[i + w.needle().len()..].starts_with(char::is_uppercase))
    }) || eds[0].find(b).is_some()
}

/// An archive of the authority table named by its abbreviation, in text
/// that prints a number ("RGASPI 17/3/1350").
fn archive_mark(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
        && s.split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .any(|w| {
                w.len() >= 3
                    && w.chars().all(|c| c.is_uppercase() || c == '-')
                    && crate::authority::archives::lookup_abbreviation(w).is_some()
            })
}

/// A quoted title followed by a number: "“Frost Lines,” 12", "“Ice” 4:5".
fn quoted_title_number(s: &str) -> bool {
    s.match_indices(['”', '"']).any(|(i, q)| {
        let after = s[i + q.len()..].trim_start_matches([',', ' ']);
        after.len() < s.len() - i - q.len()
            && after.starts_with(|c: char| c.is_ascii_digit())
            && s[..i].ends_with(|c: char| c.is_alphanumeric() || c == ',')
    })
}

/// True when a citation carries what only a full citation prints: a year
/// in parentheses that ends an imprint or a journal's date ("(Boston:
/// Beacon, 2001)", "(1998): 5"), a web address, an editor or translator
/// ("ed.", "trans.", "edited by"), a thesis (a journal's issue is not:
/// short forms of articles print it).
/// A short form prints names, a short title and a pinpoint.
fn carries_full_marks(s: &str) -> bool {
    let imprint_year = s.match_indices('(').any(|(i, _)| {
        let Some(close) = s[i..].find(')').map(|c| i + c) else {
            return false;
        };
        let inside = &s[i + 1..close];
        let has_year = inside
            .split(|c: char| !c.is_ascii_digit())
            .any(|w| w.len() == 4 && (w.starts_with('1') || w.starts_with('2')));
        // What follows an imprint or a journal's date: the end, a
        // pinpoint, or a colon before pages.
        let after = s[close + 1..].trim_start();
        let closes = after.is_empty()
            || after.starts_with([',', '.', ':', ';'])
            || after.starts_with(|c: char| c.is_ascii_digit());
        has_year && closes && inside.len() <= 120
    });
    if imprint_year {
        return true;
    }
    // A link ("http://", "https://", "doi:"), a role phrase ("edited by ",
    // "translated by ") or a thesis ("diss.", "dissertation", " thesis"),
    // in any case.
    if full_mark_words().is_match(s) {
        return true;
    }
    // "Title, ed. Ann Hill", "trans. Bo Lund": a role before a name. Names
    // before "eds.," ("Witte and Lund, eds., Faith, 12") are a short form's.
    // (Overlapping matches: ", ed. trans. Bo" holds " trans. " inside.)
    role_marks()
        .find_overlapping_iter(s)
        .any(|m| s[m.end()..].starts_with(char::is_uppercase))
}

/// The words of [`carries_full_marks`] asked in any case, in one search.
/// They were looked for in `s.to_lowercase()`; an ASCII case-insensitive
/// search of `s` finds the same: the only characters besides A-Z that
/// lowercase to ASCII letters are the Kelvin sign (to "k", in none of the
/// words) and 'İ' (to "i" and a combining dot, which no "i" of the words
/// can be followed by, as each is followed by another letter or mark).
fn full_mark_words() -> &'static aho_corasick::AhoCorasick {
    static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "http://",
                "https://",
                "doi:",
                "edited by ",
                "translated by ",
                "diss.",
                "dissertation",
                " thesis",
            ])
            .expect("a few literal words")
    })
}

/// The role marks of [`carries_full_marks`] that must be followed by a
/// capital (as printed, case kept).
fn role_marks() -> &'static aho_corasick::AhoCorasick {
    static MARKS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    MARKS.get_or_init(|| {
        aho_corasick::AhoCorasick::new([", ed. ", ", eds. ", " trans. ", ", trans. "])
            .expect("a few literal words")
    })
}

/// "Foot, Wrong War, 14 n. 7": names, a title and a number, the shape of a
/// short form whatever its locator.
fn short_form_shape(s: &str) -> bool {
    let chunks: Vec<&str> = s.trim().split(", ").collect();
    let [first, .., last] = chunks.as_slice() else {
        return false;
    };
    chunks.len() >= 3
        && first.split_whitespace().count() <= 4
        && crate::parse::names::looks_like_name_list(first)
        && chunks[1].starts_with(char::is_uppercase)
        && last.starts_with(|c: char| c.is_ascii_digit())
}

/// Words that point inside the present work rather than to another.
const CROSS_REFERENCE_WORDS: &[&str] = &["above", "below", "supra", "infra", "выше", "ниже"];

/// True when the text points to a place in the present work ("see chapter
/// 3 above, pp. 45-50", "supra, p. 12", "см. выше, с. 12"): a
/// cross-reference, which a bibliography has no entry for.
fn is_cross_reference(s: &str) -> bool {
    s.split(|c: char| !c.is_alphabetic()).any(|word| {
        CROSS_REFERENCE_WORDS
            .iter()
            .any(|w| word.len() == w.len() && locator::lowercases_to(word, w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts to test a fast reading against a slow one with: the lines of
    /// the fixture texts (cut to [`MAX_SCAN_BYTES`], the most the
    /// discursive retry reads), and a generated set of citation pieces
    /// (quotations of every shape, open and closed groups, possessives,
    /// particles, digits, Cyrillic) put together at random.
    pub(super) fn sample_texts() -> Vec<String> {
        let mut out = Vec::new();
        // (The dev set lives outside the repository: its texts are added by
        // naming them in IBID_SAMPLE_TEXTS, separated by colons.)
        let extra = std::env::var("IBID_SAMPLE_TEXTS").unwrap_or_default();
        let fixtures = [
            "fixtures/korean-war-origins.txt",
            "fixtures/archival/archival-notes.txt",
            "fixtures/russian/russian-notes.txt",
        ]
        .map(|p| format!("{}/{p}", env!("CARGO_MANIFEST_DIR")));
        for path in fixtures
            .iter()
            .map(String::as_str)
            .chain(extra.split(':').filter(|p| !p.is_empty()))
        {
            let text = std::fs::read_to_string(path).expect("sample text");
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let mut end = line.len().min(MAX_SCAN_BYTES);
                while !line.is_char_boundary(end) {
                    end -= 1;
                }
                out.push(line[..end].to_string());
            }
        }
        let pieces = [
            "Ann Lee",
            ", ",
            " ",
            "“",
            "”",
            "\"",
            "«",
            "»",
            "‘",
            "’",
            "'",
            "(",
            ")",
            "[",
            "]",
            "’s ",
            "'s ",
            "‘s ",
            " ’s",
            "s ",
            "van der ",
            "d’",
            "al-",
            "de ",
            "idem, ",
            "ibid.",
            "f. 5",
            "op. 2",
            "1990",
            "12–14",
            "Winter Roads",
            " see ",
            "the",
            "Ёлкин",
            "«Лёд»",
            ".",
            ":",
            ";",
            "\u{a0}",
            "\t",
            "ко\u{301}",
            "—",
            "No. 3",
            "(Oslo: Elm, 1990)",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let mut t = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = 1 + (x % 24) as usize;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push_str(pieces[(x % pieces.len() as u64) as usize]);
            }
            out.push(t);
        }
        out
    }

    /// Runs `read` on a thread with the default stack of a spawned thread
    /// (2 MiB), as a library caller's would be, and returns what it read.
    fn on_a_small_stack<T: Send + 'static>(read: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(read)
            .expect("a thread")
            .join()
            .expect("the segment is read without overflowing the stack")
    }

    #[test]
    fn a_long_run_of_archival_references_is_read_whole() {
        // Each archival reference reads the text after it one reading
        // deeper: 534 of them in one segment (8 kB) overflowed a 2 MiB
        // thread in an optimized build, fewer in a debug one.
        let n = 700;
        let body = (1..=n)
            .map(|i| format!("RGASPI, f. {i}, op. 1, d. {i}, l. 3"))
            .collect::<Vec<_>>()
            .join(", ");
        let read = on_a_small_stack(move || parse_at(&body, None));
        let found = read.expect("the run reads");
        assert_eq!(found.len(), n, "every reference is read");
        let last = &found[n - 1].citation.item;
        assert_eq!(
            last.archive_location.as_deref(),
            Some(format!("f. {n}, op. 1, d. {n}, l. 3").as_str())
        );
    }

    #[test]
    fn a_long_run_of_idem_is_read_within_the_stack() {
        // "idem," reads the citation after it one reading deeper.
        let body = format!(
            "{}Ann Lee, A Book (London: Press, 1990), 5",
            "idem, ".repeat(3000)
        );
        let read = on_a_small_stack(move || parse_at(&body, None).map(|found| found.len()));
        assert!(read.is_some(), "{read:?}");
    }

    /// The date of reading after a link is found in any case, and a text
    /// without "accessed " is handed back whole.
    #[test]
    fn accessed_after_link_in_any_case() {
        for text in [
            "Ann Lee, Frost, https://example.org/a, accessed May 5, 2020.",
            "Ann Lee, Frost, https://example.org/a (ACCESSED May 5, 2020).",
            "Ann Lee, Frost, https://example.org/a. Accessed May 5, 2020",
        ] {
            let (head, date) = accessed_after_link(text);
            assert!(date.is_some(), "{text}");
            assert!(head.len() < text.len(), "{text}");
        }
        for text in [
            "Ann Lee, Frost, 5.",
            "Ann Lee, Frost, accessed",
            "Access, May 5, 2020",
        ] {
            let (head, date) = accessed_after_link(text);
            assert!(date.is_none() && head == text, "{text}");
        }
    }

    /// `carries_full_marks` answers as its reading of the lowercased text
    /// with one substring search a word did.
    #[test]
    fn full_marks_as_searched_word_by_word() {
        fn by_words(s: &str) -> bool {
            let lower = s.to_lowercase();
            let link =
                lower.contains("http://") || lower.contains("https://") || lower.contains("doi:");
            let role = [", ed. ", ", eds. ", " trans. ", ", trans. "]
                .iter()
                .any(|w| {
                    s.match_indices(w)
                        .any(|(i, _)| s[i + w.len()..].starts_with(char::is_uppercase))
                })
                || lower.contains("edited by ")
                || lower.contains("translated by ");
            let thesis = ["diss.", "dissertation", " thesis"]
                .iter()
                .any(|w| lower.contains(w));
            link || role || thesis
        }
        for s in [
            "Lee, Frost, ed. trans. Bo Dunn, 5",
            "Lee, Frost, ed. trans. bo, 5",
            "Lee, Frost, eds. Ann Hill, 5",
            "Lee, Frost, Eds. Ann Hill, 5",
            "Lee, “Frost” (PhD DISS., Elm University), 5",
            "Lee, Frost, HTTPS://example.org",
            "Lee, Frost, DOI:10.1/x",
            "Lee, Frost, Edited By Bo Dunn",
            "Lee, Frost, TRANSLATED by Bo",
            "Lee, Frost, a Thesis",
            "Lee, Frost, the thesis",
            "Lee, Frost, Dissertation",
            "Lee, Frost, dİss. İ",
            "Lee, Frost, 5",
            "Lee, Frost, trans.Bo",
        ] {
            assert_eq!(carries_full_marks(s), by_words(s), "{s}");
        }
    }

    /// The speech word test that runs before the layout scan never turns
    /// away a text [`speech`] reads, nor any cut of one (each quotation
    /// mark shape, case, commas and spaces before the word); and it turns
    /// away texts with no speech word after a closing mark.
    #[test]
    fn speech_prefilter_keeps_every_speech() {
        let speeches = [
            "Ann Lee, “Frost and Fire, Again,” lecture presented at Elm College, Dover, NH, May 5, 1990, 11",
            "Bo Dunn, \"On Ice,\" Address delivered to the Lake Club, Dover, June 2, 1961",
            "Cy Moss, «Winter Roads», ,  KEYNOTE at the Frost Forum, Oslo, March 3, 2001, 4",
            "Di Holm and Ed Rand, “Salt,” remarks before the Harbour Board, May 1, 1950",
            "Fay Lund, “A “Cold” Night,” sermon given at St. Elm, Dover, 1 May 1930",
        ];
        let mut read = 0;
        for text in speeches {
            for cut in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                let body = &text[cut..];
                let t = body.trim().trim_end_matches(['.', ',']);
                if speech(body).is_some() {
                    read += 1;
                    assert!(speech_word_after_closing_quote(t), "{body}");
                }
            }
        }
        assert!(read >= speeches.len(), "{read}");
        for text in [
            "Ann Lee, “Frost and Fire,” Journal of Ice 4 (1990): 5",
            "Ann Lee, “Frost” (lecture at Elm College, 1990)",
            "a lecture at “Elm College,” 1990",
        ] {
            assert!(!speech_word_after_closing_quote(text), "{text}");
            assert!(speech(text).is_none(), "{text}");
        }
    }

    #[test]
    fn page_marks_glued_or_ranged() {
        for text in [
            "Elm Roads, pp.199–200",
            "Elm Roads,p.12",
            "(p.4)",
            "Elm, 45-7",
            "Elm 3–12.",
        ] {
            assert!(page_mark(text), "{text}");
        }
        for text in [
            "Elm Roads 1917–1921",
            "step.12",
            "Elm Roads, p. 12",
            "no. 3/4-5",
            "v.45-7",
            "Elm45-7",
            "Elm 45–",
            "–12",
            "p.",
        ] {
            assert!(!page_mark(text), "{text}");
        }
    }

    #[test]
    fn pages_of_the_present_work_are_prose() {
        for text in [
            "See the discussion above, p. 12.",
            "On this point I follow chapter 3, pp. 45-50 below.",
            "Cf. supra, p. 7.",
            "Подробнее см. выше, с. 12, p. 3.",
        ] {
            assert!(!looks_like_citation(text), "{text}");
        }
        // A page with no cross-reference, or a year in parentheses, still
        // marks text that should have been read.
        assert!(looks_like_citation("Some shape nobody prints, p. 12."));
        assert!(looks_like_citation(
            "A note that cites (1995), pp. 3 - above all in a shape nobody prints"
        ));
        assert!(!is_cross_reference("Aboveground Tests, p. 4"));
        // Names, a title and a number: a short form, whatever follows.
        assert!(looks_like_citation(
            "Foot, Wrong War, 14 in a shape nobody prints."
        ));
        assert!(!looks_like_citation(
            "In the end, the war went on, 3 years more."
        ));
    }
}
