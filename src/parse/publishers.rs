//! Telling a publisher from a place in an imprint printed without a colon:
//! "(Princeton University Press, 2024)" names a publisher, "(London,
//! 1950)" a place (GUIDELINE §7). Both word lists are data files
//! (`data/publisher-words.txt`, `data/places.txt`, and the English names of
//! `data/russian-cities.tsv`).

use crate::text::{data_lines, TrimWs};

// Membership only (never iterated): foldhash, which hashes the short words
// looked up many times per citation faster than the default SipHash.
use foldhash::HashSet;
use std::sync::OnceLock;

fn publisher_words() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        data_lines(include_str!("../../data/publisher-words.txt"))
            .map(str::to_lowercase)
            .collect()
    })
}

fn places() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let russian = data_lines(include_str!("../../data/russian-cities.tsv"))
            .flat_map(|l| l.split('\t').skip(1))
            .map(str::to_lowercase);
        data_lines(include_str!("../../data/places.txt"))
            .map(str::to_lowercase)
            .chain(russian)
            .collect()
    })
}

/// True if the name holds a word that marks a publisher ("Press",
/// "Verlag", "Possev-Verlag", "Izd.").
pub fn has_publisher_word(name: &str) -> bool {
    let words = publisher_words();
    name.split(|c: char| c.is_whitespace() || c == ',' || c == '&')
        .filter(|w| !w.is_empty())
        .any(|w| {
            let lower = w.to_lowercase();
            words.contains(&lower)
                || words.contains(lower.trim_end_matches('.'))
                || lower.split('-').any(|part| words.contains(part))
        })
}

/// True if the text is a phrase that stands for the publisher of a work
/// printed outside the trade ("privately printed", "self-published";
/// `data/private-imprints.txt`), compared without case.
pub fn is_private_imprint(text: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        data_lines(include_str!("../../data/private-imprints.txt"))
            .map(str::to_lowercase)
            .collect()
    })
    .contains(&text.trim_ws().to_lowercase())
}

/// True if the text names a known place of publication, alone or followed
/// by a state or country ("Cambridge, MA", "Paris and London", "Leiden /
/// Boston").
pub fn is_known_place(text: &str) -> bool {
    let t = text.trim_ws();
    let known = |p: &str| places().contains(&p.trim_ws().to_lowercase());
    if known(t) {
        return true;
    }
    // "Cambridge, MA", "London, UK": a place and a short qualifier.
    if let Some((place, region)) = t.split_once(',') {
        let region = region.trim_ws();
        return known(place) && region.split_whitespace().count() <= 2;
    }
    let parts: Vec<&str> = t
        .split(['/', '–'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .collect();
    parts.len() > 1 && parts.iter().all(|p| known(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishers_and_places() {
        assert!(has_publisher_word("Pinecone University Press"));
        assert!(has_publisher_word("Kite-Verlag"));
        assert!(!has_publisher_word("Pinecone"));
        assert!(is_known_place("London"));
        assert!(is_known_place("Cambridge, MA"));
        assert!(is_known_place("Paris and London"));
        assert!(!is_known_place("Pinecone"));
        assert!(is_private_imprint("Privately printed"));
        assert!(is_private_imprint("self-published"));
        assert!(!is_private_imprint("Pinecone Press"));
    }
}
