//! Unpublished works cited by their quoted title and a word that says what
//! they are: `Ann Vole, “Letters Home,” ed. Bo Lund, unpublished
//! manuscript, [1975], family copy, 12.` The descriptor (from
//! `data/unpublished-descriptors.txt`) is the genre of a `manuscript`; a
//! date after it, conjectured in brackets ("[1975]") or approximate
//! ("c. 1975"), is its date; the pinpoint ends it.

use super::chicago::ChicagoCitation;
use super::dates::parse_date;
use super::layout::chunks;
use super::locator::{trailing_locator, Pinpoint};
use crate::model::{Item, ItemType};
use crate::text::trim_punct;
use std::sync::OnceLock;

/// The descriptors, longest first.
fn descriptors() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut v: Vec<&'static str> =
            crate::text::data_lines(include_str!("../../data/unpublished-descriptors.txt"))
                .collect();
        v.sort_by_key(|d| std::cmp::Reverse(d.len()));
        v
    })
}

/// The descriptor that begins `s` (compared without case) and ends at a
/// word boundary, as printed.
fn leading_descriptor(s: &str) -> Option<&str> {
    descriptors().iter().find_map(|d| {
        let head = s.get(..d.len())?;
        let boundary = s[d.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        (head.eq_ignore_ascii_case(d) && boundary).then_some(head)
    })
}

/// `s` without the pinpoint that closes it, and the pinpoint.
fn without_pinpoint(s: &str) -> (&str, Option<crate::model::Locator>) {
    match trailing_locator(s) {
        Some((cut, pin)) => (&s[..cut], pin.locator),
        None => (s, None),
    }
}

/// A date written as a guess: "[1975]", "[1975?]", "c. 1975", "ca. 1975",
/// "circa 1975": the date itself.
fn conjectured_date(chunk: &str) -> Option<crate::model::Date> {
    let t = chunk.trim();
    let t = t
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .map(|r| r.trim_end_matches('?'))
        .unwrap_or(t);
    let lower = t.to_ascii_lowercase();
    let t = ["circa ", "ca. ", "c. ", "c."]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| t[p.len()..].trim_start()))
        .unwrap_or(t);
    parse_date(t)
}

/// Reads what follows the quoted title of an unpublished work (`after`,
/// with any role phrase already read into `item`): `None` when it does
/// not begin with a descriptor.
pub(super) fn unpublished_work(item: &Item, after: &str, lead: usize) -> Option<ChicagoCitation> {
    let genre = leading_descriptor(after)?;
    let mut item = item.clone();
    item.kind = ItemType::Manuscript;
    item.genre = Some(genre.to_string());
    let rest = &after[genre.len()..];
    let (body, locator) = without_pinpoint(rest);
    for (_, chunk) in chunks(body) {
        let chunk = trim_punct(chunk);
        if item.issued.is_none() {
            if let Some(d) = conjectured_date(chunk) {
                item.issued = Some(d);
            }
        }
    }
    Some(ChicagoCitation::full(item, locator, lead))
}

/// Reads what follows the quoted title of a book printed outside the
/// trade: "privately printed, 1950, 8" (the phrase, from
/// `data/private-imprints.txt`, is its publisher; a year after it its
/// date; the pinpoint ends it). `None` when `after` does not begin with
/// such a phrase. `trailing` is `trailing_locator(after)`, which the
/// caller has already asked.
pub(super) fn privately_printed(
    item: &Item,
    after: &str,
    trailing: &Option<(usize, Pinpoint)>,
    lead: usize,
) -> Option<ChicagoCitation> {
    let (body, locator) = match trailing {
        Some((cut, pin)) => (&after[..*cut], &pin.locator),
        None => (after, &None),
    };
    let mut parts = chunks(body).into_iter().map(|(_, c)| trim_punct(c));
    let phrase = parts.next()?;
    if !super::publishers::is_private_imprint(phrase) {
        return None;
    }
    let mut item = item.clone();
    item.kind = ItemType::Book;
    item.publisher = Some(phrase.to_string());
    for chunk in parts.filter(|c| !c.is_empty()) {
        match conjectured_date(chunk) {
            Some(d) if item.issued.is_none() => item.issued = Some(d),
            // Anything else is not this shape.
            _ => return None,
        }
    }
    Some(ChicagoCitation::full(item, locator.clone(), lead))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_match_whole_words_without_case() {
        assert_eq!(
            leading_descriptor("Unpublished manuscript, 1990"),
            Some("Unpublished manuscript")
        );
        assert_eq!(leading_descriptor("typescript"), Some("typescript"));
        assert_eq!(leading_descriptor("manuscripts of the age"), None);
        assert_eq!(leading_descriptor("Journal of Things 5"), None);
    }

    #[test]
    fn guessed_dates_are_dates() {
        for s in [
            "[1975]",
            "[1975?]",
            "c. 1975",
            "ca. 1975",
            "circa 1975",
            "1975",
        ] {
            let d = conjectured_date(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(d, parse_date("1975").unwrap(), "{s}");
        }
        assert_eq!(conjectured_date("family copy"), None);
    }
}
