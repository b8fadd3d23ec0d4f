//! One document, one record: deciding whether two archival items are the
//! same document (GUIDELINE §5) and saying where two citations of it
//! disagree.
//!
//! Two items are one document when they have the same archival location
//! (archive, fond, opis', delo, and folios that overlap), the same
//! collection document number, or the same sender, addressee, date and
//! kind, with senders and addressees compared through their known
//! identities and transliteration keys (`Filippov` and `Stalin`,
//! `Vasilevsky` and `Vasilevskii` agree).

use crate::authority::people::person_key;
use crate::model::{Item, Name};

/// The comparison key of a sender or addressee: the known identity behind
/// a pseudonym, else the name, folded across transliterations.
fn party_key(names: &[Name], identity: Option<&str>) -> Option<String> {
    if let Some(who) = identity {
        return Some(person_key(who));
    }
    let first = names.first()?;
    let printed = first.literal.clone().or(first.family.clone())?;
    let who = crate::authority::people::pseudonym_identity(&printed)
        .map(str::to_string)
        .unwrap_or(printed);
    Some(person_key(&who))
}

/// The first and last folio numbers of a folio list ("87-91", "12 ob.",
/// "1-4, 7"), ignoring verso marks.
fn folio_span(folios: &str) -> Option<(u32, u32)> {
    let numbers: Vec<u32> = folios
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    Some((*numbers.iter().min()?, *numbers.iter().max()?))
}

fn folios_overlap(a: Option<&str>, b: Option<&str>) -> bool {
    match (a.and_then(folio_span), b.and_then(folio_span)) {
        (Some((a1, a2)), Some((b1, b2))) => a1 <= b2 && b1 <= a2,
        _ => true,
    }
}

/// True if both items print the same archival location: the same
/// archive, fond, opis' and delo, and folios that overlap.
fn same_location(a: &Item, b: &Item) -> bool {
    let (ca, cb) = (&a.custom, &b.custom);
    let levels_known = ca.fond.is_some() && ca.delo.is_some();
    levels_known
        && ca.archive_abbrev == cb.archive_abbrev
        && ca.fond == cb.fond
        && ca.opis == cb.opis
        && ca.delo == cb.delo
        && folios_overlap(ca.folios.as_deref(), cb.folios.as_deref())
}

/// The last word of a genre ("ciphered telegram" is a kind of
/// "telegram"), singular.
fn genre_head(genre: &str) -> String {
    let last = genre.rsplit(' ').next().unwrap_or(genre).to_lowercase();
    last.strip_suffix('s').map(str::to_string).unwrap_or(last)
}

/// True if both items have the same sender, addressee, full date and
/// compatible kinds.
fn same_exchange(a: &Item, b: &Item) -> bool {
    let dated = a
        .issued
        .as_ref()
        .is_some_and(|d| d.date_parts.first().is_some_and(|p| p.len() == 3));
    let sender = |i: &Item| party_key(&i.author, i.custom.author_identity.as_deref());
    let addressee = |i: &Item| party_key(&i.recipient, i.custom.recipient_identity.as_deref());
    let kinds_agree = match (&a.genre, &b.genre) {
        (Some(x), Some(y)) => genre_head(x) == genre_head(y),
        _ => true,
    };
    dated
        && a.issued == b.issued
        && sender(a).is_some()
        && sender(a) == sender(b)
        && addressee(a).is_some()
        && addressee(a) == addressee(b)
        && kinds_agree
}

/// True if two archival items are the same document.
pub fn same_document(a: &Item, b: &Item) -> bool {
    if !(a.kind.is_archival() && b.kind.is_archival()) {
        return false;
    }
    let numbered =
        a.custom.document_number.is_some() && a.custom.document_number == b.custom.document_number;
    numbered || same_location(a, b) || same_exchange(a, b)
}

/// Where two citations of one document disagree, one message per field
/// ("folios: 148 / 148-149"), for a diagnostic.
pub fn disagreements(a: &Item, b: &Item) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: &str, x: Option<String>, y: Option<String>| {
        if let (Some(x), Some(y)) = (x, y) {
            if x != y {
                out.push(format!("{field}: {x} / {y}"));
            }
        }
    };
    // Names disagree when their family names do, across transliterations.
    let names = |n: &[Name]| n.iter().map(Name::sort_key).collect::<Vec<_>>().join(", ");
    let keys = |n: &[Name]| {
        n.iter()
            .map(|x| person_key(x.sort_key()))
            .collect::<Vec<_>>()
    };
    let parties = |x: &[Name], y: &[Name]| {
        if x.is_empty() || y.is_empty() || keys(x) == keys(y) {
            (None, None)
        } else {
            (Some(names(x)), Some(names(y)))
        }
    };
    let date = |i: &Item| i.issued.as_ref().map(|d| format!("{:?}", d.date_parts));
    check("genre", a.genre.clone(), b.genre.clone());
    let (x, y) = parties(&a.author, &b.author);
    check("author", x, y);
    let (x, y) = parties(&a.recipient, &b.recipient);
    check("recipient", x, y);
    check("issued", date(a), date(b));
    check(
        "archive_location",
        a.archive_location.clone(),
        b.archive_location.clone(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::archival::parse_archival_citation;

    fn item(s: &str) -> Item {
        parse_archival_citation(s, None).unwrap().items.remove(0)
    }

    #[test]
    fn pseudonym_and_folio_variants_are_one_document() {
        let a = item("Ciphered telegram from Filippov to Mao, 14 May 1950, APRF, f. 45, op. 1, d. 331, l. 55.");
        let b = item("Telegram from Stalin to Mao Zedong, 14 May 1950, SD00277");
        assert!(same_document(&a, &b));
        assert_eq!(
            disagreements(&a, &b),
            vec![
                "genre: ciphered telegram / telegram".to_string(),
                "author: Filippov / Stalin".to_string(),
                "archive_location: f. 45, op. 1, d. 331, l. 55 / SD00277".to_string(),
            ]
        );
        let c = item("Telegram from Shtykov to Vasilevskii, 23 February 1950, AVPRF, f. 059a, op. 5a, pap. 11, d. 3, l. 148");
        let d = item("Shtykov to Vasilievsky, 23 February 1950, AVPRF, f. 059a, op. 5a, pap. 11, d. 3, ll. 148-149");
        assert!(same_document(&c, &d));
        let e = item(
            "Telegram from Shtykov to Stalin, 21 March 1950, APRF, f. 45, op. 1, d. 346, l. 143",
        );
        let f = item(
            "Telegram from Stalin to Shtykov, 18 March 1950, APRF, f. 45, op. 1, d. 346, l. 142",
        );
        assert!(!same_document(&e, &f));
    }
}
