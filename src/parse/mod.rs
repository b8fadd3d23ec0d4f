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
pub mod layout;
pub mod locator;
pub mod names;

use crate::model::{Citation, Form, Item, ItemType, Locator, LocatorLabel, Relation, RelationType};
use crate::split::{Joint, Segment};
use archival::ArchivalLocation;
use chicago::ShortRef;
use std::ops::Range;

/// What resolution needs to know about a citation beyond its record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hint {
    /// For short forms: the names and title printed.
    pub short: Option<ShortRef>,
    /// "and No. 3 (1995)": another issue of the previous work, which no
    /// earlier note identifies.
    pub continuation: bool,
    /// For an Ibid. after an archival citation: the new archival levels it
    /// prints ("Ibid., d. 5, l. 3").
    pub archival: Option<ArchivalLocation>,
    /// For archival citations: the location read, so that a later Ibid.
    /// can inherit from it.
    pub location: Option<ArchivalLocation>,
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

/// Parses the segments of one note into citations. `report` receives the
/// span (in the note text) and reason of anything that could not be read.
pub fn parse_note(
    text: &str,
    segments: &[Segment],
    report: &mut dyn FnMut(Range<usize>, String),
) -> Vec<Parsed> {
    let mut out: Vec<Parsed> = Vec::new();
    let mut last_location: Option<ArchivalLocation> = None;
    for seg in segments {
        let body_range = seg.body();
        let body = &text[body_range.clone()];
        let first_new = out.len();
        let prefix = seg.prefix.clone().map(|p| text[p].trim().to_string());

        if seg.joint == Joint::Continuation {
            if let Some(p) = continuation(body, out.last()) {
                let mut p = p;
                p.citation.span = body_range.clone();
                out.push(p);
                continue;
            }
        }

        let parsed = parse_segment(body, last_location.as_ref());
        match parsed {
            Some(mut found) => {
                for p in &mut found {
                    p.citation.span = shift(&p.citation.span, body_range.start);
                    if let Some(loc) = &p.hint.location {
                        last_location = Some(loc.clone());
                    }
                }
                // The signal phrase, extended by any discursive lead the
                // grammar skipped, goes on the first citation.
                if let Some(first) = found.first_mut() {
                    let lead_end = first.citation.span.start;
                    let start = seg.prefix.as_ref().map_or(body_range.start, |p| p.start);
                    let phrase = text[start..lead_end].trim();
                    first.citation.prefix = if phrase.is_empty() { prefix.clone() } else { Some(phrase.to_string()) };
                }
                out.extend(found);
            }
            None => {
                if looks_like_citation(body) {
                    report(body_range.clone(), "could not read this citation; kept as raw text".to_string());
                    let item = Item { kind: ItemType::Manuscript, note: Some(body.trim().to_string()), ..Item::default() };
                    let mut c = Citation::new(Form::Full, item, body_range.clone());
                    c.prefix = prefix.clone();
                    out.push(Parsed { citation: c, hint: Hint::default() });
                }
            }
        }

        // Relations between citations of the same note.
        if out.len() > first_new {
            if seg.joint == Joint::CitedFrom && first_new > 0 {
                let quoted = first_new - 1;
                out[quoted].citation.relation =
                    Some(Relation { kind: RelationType::CitedFrom, citation: first_new });
            }
            let is_translation = prefix.as_deref().is_some_and(|p| p.to_lowercase().contains("translation"));
            if is_translation && first_new > 0 {
                out[first_new].citation.relation =
                    Some(Relation { kind: RelationType::TranslationOf, citation: first_new - 1 });
            }
        }
    }
    attach_documents_to_collections(&mut out);
    out
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
        if !dated_document || next.item.kind != ItemType::Chapter || next.item.original_date.is_none() {
            continue;
        }
        doc.item.kind = ItemType::Chapter;
        doc.item.original_date = doc.item.issued.take();
        doc.item.issued = next.item.issued.clone();
        doc.item.container_title = next.item.container_title.clone();
        doc.item.publisher = next.item.publisher.clone();
        doc.item.publisher_place = next.item.publisher_place.clone();
        doc.item.editor = next.item.editor.clone();
        doc.item.custom.container_title_translated = next.item.custom.container_title_translated.clone();
        if next.item.author.is_empty() {
            next.item.author = doc.item.author.clone();
        }
    }
}

fn shift(span: &Range<usize>, by: usize) -> Range<usize> {
    span.start + by..span.end + by
}

/// Parses one segment body into its citations (spans relative to `body`),
/// trying later word starts when the segment opens with prose.
fn parse_segment(body: &str, previous: Option<&ArchivalLocation>) -> Option<Vec<Parsed>> {
    if let Some(found) = parse_at(body, previous) {
        return Some(found);
    }
    if body.len() > MAX_SCAN_BYTES {
        return None;
    }
    let starts = body
        .char_indices()
        .filter(|&(i, c)| i > 0 && !c.is_whitespace() && body[..i].ends_with(' '))
        .map(|(i, _)| i)
        .take(MAX_SCAN_WORDS);
    for start in starts {
        if let Some(found) = parse_at(&body[start..], previous) {
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
}

/// Parses a segment that starts with the citation itself.
fn parse_at(body: &str, previous: Option<&ArchivalLocation>) -> Option<Vec<Parsed>> {
    let trimmed_len = body.trim_end().len();
    if let Some((pin, used)) = chicago::ibid(body) {
        let lead = body.len() - body.trim_start().len();
        let mut c = Citation::new(Form::Ibid, Item::default(), lead..trimmed_len.max(lead));
        let mut hint = Hint::default();
        if let Some(pin) = pin {
            c.locator = pin.locator;
            if let Some(v) = pin.volume {
                c.item.volume = Some(v);
            }
        } else {
            let rest = body[used..].trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
            if let Some((loc, _)) = archival::parse_location(rest) {
                hint.archival = Some(loc);
            }
        }
        return Some(vec![Parsed { citation: c, hint }]);
    }

    if let Some(arch) = archival::parse_archival_citation(body, previous) {
        let mut found: Vec<Parsed> = arch
            .items
            .into_iter()
            .map(|item| {
                let c = Citation::new(Form::Full, item, 0..arch.end.min(trimmed_len));
                Parsed { citation: c, hint: Hint { location: arch.location.clone(), ..Hint::default() } }
            })
            .collect();
        if found.is_empty() {
            return None;
        }
        // What follows the archival reference: "in <publication>" (the
        // document is quoted from it), or an Ibid. with pages.
        let rest = &body[arch.end.min(body.len())..];
        let rest_trim = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == '.');
        if !rest_trim.is_empty() {
            let offset = body.len() - rest_trim.len();
            if let Some(more) = parse_at(rest_trim, None) {
                let quoted_from = rest_trim.starts_with("in ");
                let base = found.len();
                for mut p in more {
                    p.citation.span = shift(&p.citation.span, offset);
                    found.push(p);
                }
                if quoted_from {
                    found[base - 1].citation.relation =
                        Some(Relation { kind: RelationType::CitedFrom, citation: base });
                }
            }
        }
        return Some(found);
    }

    let c = chicago::parse_chicago(body)?;
    let lead = body.len() - body.trim_start().len() + c.lead;
    let mut citation = Citation::new(c.form, c.item, lead.min(trimmed_len)..trimmed_len);
    citation.locator = c.locator;
    Some(vec![Parsed { citation, hint: Hint { short: c.short, ..Hint::default() } }])
}

/// "and No. 3 (1995), p. 101" after an article citation: the same article
/// series in another issue. It copies the names, title and journal printed
/// in the previous citation.
fn continuation(body: &str, previous: Option<&Parsed>) -> Option<Parsed> {
    let prev = previous?;
    let prev_item = &prev.citation.item;
    let container = prev_item.container_title.clone()?;
    let mut item = Item { kind: prev_item.kind, container_title: Some(container), ..Item::default() };
    let text = format!("{} {}", item.container_title.as_deref().unwrap_or(""), body.trim());
    let parsed = chicago::parse_chicago(&format!("“x,” {text}"))?;
    item.issue = parsed.item.issue;
    item.volume = parsed.item.volume;
    item.issued = parsed.item.issued;
    if let Some(short) = &prev.hint.short {
        item.author = short.names.iter().map(|n| crate::model::Name::person(n.clone(), None)).collect();
        item.title = short.title.clone();
    } else {
        item.author = prev_item.author.clone();
        item.title = prev_item.title.clone();
    }
    let mut c = Citation::new(Form::Short, item, 0..body.len());
    c.locator = parsed.locator;
    Some(Parsed { citation: c, hint: Hint { continuation: true, ..Hint::default() } })
}

/// True when unread text carries the marks of a citation rather than of
/// prose: a page locator, a year in parentheses, an archival level.
fn looks_like_citation(s: &str) -> bool {
    let has_page = s.contains(" p. ") || s.contains(" pp. ") || s.contains(", pp.") || s.contains(", p.");
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
    (has_page || year_paren || archival) && !s.trim().is_empty()
}

/// A locator value with a label, for callers that build one by hand.
pub fn locator(value: impl Into<String>, label: LocatorLabel) -> Locator {
    Locator { value: value.into(), label }
}
