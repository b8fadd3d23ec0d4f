//! Pseudonyms and transliteration variants of persons.
//!
//! Archival notes name one person in many spellings: Library of Congress
//! romanization (`Vasilevskii`), English habits (`Vasilevsky`,
//! `Vasilievsky`), Cyrillic (`Василевский`), and sometimes by a code name
//! (`Filippov` is Stalin). [`person_key`] folds every spelling of a name to
//! one comparison key by rule (transliterate Cyrillic by the LC table, then
//! fold the usual English spellings onto LC); [`pseudonym_identity`] looks
//! a name up in `data/pseudonyms.tsv` through that key.
//! [`russian_nominative`] puts a Russian surname printed in the genitive or
//! dative back into the nominative.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Romanization by the Library of Congress table lives in
/// [`crate::authority::translit`]; person keys and fond prefixes use the same table.
pub use crate::authority::translit::romanize;

/// True if the text contains a Cyrillic letter.
pub fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// English spellings of Russian sounds and their LC form, applied in
/// order to a lowercase word. Endings first, then letter groups.
const SPELLING_FOLDS: &[(&str, &str)] = &[
    ("tsch", "ch"),
    ("x", "ks"),
    ("w", "v"),
    ("yu", "iu"),
    ("ju", "iu"),
    ("ya", "ia"),
    ("ja", "ia"),
    ("yo", "e"),
    ("ye", "e"),
    ("ie", "e"),
];

/// Word endings written in English style (`-sky`, `-skiy`, `-y`) and their
/// LC form (`-skii`, `-ii`).
const ENDING_FOLDS: &[(&str, &str)] = &[
    ("skiy", "skii"),
    ("skij", "skii"),
    ("skyi", "skii"),
    ("sky", "skii"),
    ("ski", "skii"),
    ("iy", "ii"),
    ("ij", "ii"),
    ("yi", "ii"),
];

/// Folds one lowercase romanized word onto its LC spelling.
fn fold_word(word: &str) -> String {
    let mut w: String = word.chars().filter(|c| c.is_alphabetic()).collect();
    for (from, to) in ENDING_FOLDS {
        if w.ends_with(from) && !w.ends_with(to) {
            w.truncate(w.len() - from.len());
            w.push_str(to);
            break;
        }
    }
    for (from, to) in SPELLING_FOLDS {
        // Compared where the fold's first byte stands (a word is short):
        // `str::contains` would set up a substring searcher for every fold
        // of every word.
        let pattern = from.as_bytes();
        if memchr::memchr_iter(pattern[0], w.as_bytes())
            .any(|p| w.as_bytes()[p..].starts_with(pattern))
        {
            w = w.replace(from, to);
        }
    }
    // A final -y after a consonant is the English spelling of -ii ("Yury").
    if w.len() > 2
        && w.ends_with('y')
        && !w[..w.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u', 'y'])
    {
        w.pop();
        w.push_str("ii");
    }
    w
}

/// A comparison key for a person's name: the same for every
/// transliteration of it (`Vasilevsky`, `Vasilievsky`, `Vasilevskii`,
/// `Василевский` all give `vasilevskii`). Initials are dropped, so
/// "A. Ia. Vyshinskii" and "Vyshinsky" agree, and the words are joined, so
/// "Kim Il Sung" and "Kim Il-sung" agree.
pub fn person_key(name: &str) -> String {
    let latin = romanize(name).to_lowercase();
    let mut key = String::with_capacity(latin.len());
    let mut folded = String::new();
    for word in latin
        .split_whitespace()
        .filter(|w| !(w.ends_with('.') && w.chars().count() <= 4))
    {
        folded.clear();
        crate::text::fold_into(word, &mut folded);
        key.push_str(&fold_word(&folded));
    }
    key
}

/// A row of `data/pseudonyms.tsv`: the person behind a pseudonym, and
/// the [`person_key`] of that person's name.
struct Identity {
    name: &'static str,
    key: String,
}

/// The pseudonyms of `data/pseudonyms.tsv` by their [`person_key`].
fn pseudonyms() -> &'static HashMap<String, Identity> {
    static TABLE: OnceLock<HashMap<String, Identity>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../data/pseudonyms.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| {
                let mut f = l.split('\t');
                let pseudonym = f.next()?.trim();
                let name = f.next()?.trim();
                let identity = Identity {
                    name,
                    key: person_key(name),
                };
                Some((person_key(pseudonym), identity))
            })
            .collect()
    })
}

/// The person behind a pseudonym or code name, in any transliteration
/// ("Filippov", "Филиппов" and "Fyn Si" give `Some("Stalin")`).
pub fn pseudonym_identity(name: &str) -> Option<&'static str> {
    pseudonym_entry(name).map(|(identity, _)| identity)
}

/// [`pseudonym_identity`], and whether the person behind has the name's
/// own [`person_key`] (a table row that names a person by a spelling of
/// their own name).
fn pseudonym_entry(name: &str) -> Option<(&'static str, bool)> {
    let table = pseudonyms();
    // A name's key ends with the key of its last word (the key of each
    // word is made alone, and initials give none): when no pseudonym's key
    // ends with it, neither the name's key nor the last word's is a
    // pseudonym's (most names asked are no pseudonym), and the name's key
    // need not be made.
    let last_word = name.split_whitespace().last()?;
    let last = person_key(last_word);
    if !table.keys().any(|k| k.ends_with(last.as_str())) {
        return None;
    }
    let key = person_key(name);
    let of = |identity: &Identity| (identity.name, identity.key == key);
    if let Some(identity) = table.get(&key) {
        return Some(of(identity));
    }
    // "A. Filippov" or "comrade Filippov": the last word alone (a name
    // that is one word already gave its key).
    if last_word == name {
        return None;
    }
    (last != key).then(|| table.get(&last).map(of)).flatten()
}

/// [`pseudonym_entry`], remembered per thread (up to a bound): the same
/// senders and addressees recur through the notes of a document, and each
/// answer romanizes and folds the name twice.
fn remembered_pseudonym_entry(printed: &str) -> Option<(&'static str, bool)> {
    const REMEMBERED: usize = 4096;
    type Seen = foldhash::HashMap<String, Option<(&'static str, bool)>>;
    thread_local! {
        static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::default();
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(&known) = seen.get(printed) {
            return known;
        }
        let found = pseudonym_entry(printed);
        if seen.len() >= REMEMBERED {
            seen.clear();
        }
        seen.insert(printed.to_string(), found);
        found
    })
}

/// [`pseudonym_identity`], remembered per thread (see
/// [`remembered_pseudonym_entry`]).
pub fn remembered_pseudonym_identity(printed: &str) -> Option<&'static str> {
    remembered_pseudonym_entry(printed).map(|(identity, _)| identity)
}

/// The person behind a printed name when it is a pseudonym of someone
/// else: [`remembered_pseudonym_identity`] when the person's
/// [`person_key`] is not the printed name's.
pub fn remembered_other_identity(printed: &str) -> Option<&'static str> {
    remembered_pseudonym_entry(printed)
        .filter(|&(_, same)| !same)
        .map(|(identity, _)| identity)
}

/// True if `word` (first letter capitalized as printed) is a listed East
/// Asian family name in Latin script (`data/east-asian-surnames.txt`).
pub fn is_east_asian_surname(word: &str) -> bool {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::text::data_lines(include_str!("../../data/east-asian-surnames.txt")).collect()
    })
    .contains(word)
}

/// True if a Cyrillic word is an East Asian family name as Russian texts
/// spell it (`data/east-asian-surnames-cyrillic.txt`), or a Latin word is
/// one of the East Asian family names of `data/east-asian-surnames.txt`.
pub fn is_east_asian_family(word: &str) -> bool {
    static SET: OnceLock<Vec<&'static str>> = OnceLock::new();
    let cyrillic = SET.get_or_init(|| {
        crate::text::data_lines(include_str!("../../data/east-asian-surnames-cyrillic.txt"))
            .collect()
    });
    cyrillic.contains(&word) || is_east_asian_surname(word)
}

/// The grammatical case a Russian name is printed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RussianCase {
    /// "Шифротелеграмма Штыкова": the sender.
    Genitive,
    /// "Сталину": the addressee.
    Dative,
}

/// Pushes one word of a Russian surname, put back in the nominative, onto
/// `out`.
fn push_nominative_word(out: &mut String, word: &str, case: RussianCase) {
    let endings: &[(&str, &str)] = match case {
        RussianCase::Genitive => &[
            ("ского", "ский"),
            ("цкого", "цкий"),
            ("овой", "ова"),
            ("евой", "ева"),
            ("иной", "ина"),
            ("ской", "ская"),
            ("ии", "ия"),
            ("ова", "ов"),
            ("ева", "ев"),
            ("ёва", "ёв"),
            ("ина", "ин"),
            ("ына", "ын"),
            ("ая", "ай"),
            ("ея", "ей"),
        ],
        RussianCase::Dative => &[
            ("скому", "ский"),
            ("цкому", "цкий"),
            ("овой", "ова"),
            ("евой", "ева"),
            ("иной", "ина"),
            ("ской", "ская"),
            ("ии", "ия"),
            ("ову", "ов"),
            ("еву", "ев"),
            ("ёву", "ёв"),
            ("ину", "ин"),
            ("ыну", "ын"),
            ("аю", "ай"),
            ("ею", "ей"),
        ],
    };
    for (from, to) in endings {
        if let Some(stem) = word.strip_suffix(from) {
            if stem.chars().count() >= 2 {
                out.push_str(stem);
                out.push_str(to);
                return;
            }
        }
    }
    // Other consonant stems take -а (genitive) or -у (dative).
    let ending = match case {
        RussianCase::Genitive => 'а',
        RussianCase::Dative => 'у',
    };
    if let Some(stem) = word.strip_suffix(ending) {
        let last = stem.chars().last();
        if stem.chars().count() >= 2 && last.is_some_and(|c| !"аеёиоуыэюяйь".contains(c))
        {
            out.push_str(stem);
            return;
        }
    }
    out.push_str(word);
}

/// A Russian name printed in the genitive or dative, in the nominative
/// ("Штыкова" gives "Штыков", "Василевскому" "Василевский", "Берии"
/// "Берия"). Initials and indeclinable names ("Громыко", "Мао") are kept.
pub fn russian_nominative(name: &str, case: RussianCase) -> String {
    // The words are written into one string as they are read.
    let mut out = String::with_capacity(name.len() + 4);
    for (k, w) in name.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if w.ends_with('.') || !has_cyrillic(w) {
            out.push_str(w);
        } else {
            push_nominative_word(&mut out, w, case);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_variants_share_a_key() {
        let k = person_key("Vasilevskii");
        for v in ["Vasilevsky", "Vasilievsky", "Vasilevskiy", "Василевский"] {
            assert_eq!(person_key(v), k, "{v}");
        }
        let k = person_key("Vyshinskii");
        for v in ["Vyshinsky", "Вышинский", "A. Ia. Vyshinskii", "Vyshinskiy"] {
            assert_eq!(person_key(v), k, "{v}");
        }
        assert_eq!(person_key("Yezhov"), person_key("Ежов"));
        assert_eq!(person_key("Kim Il Sung"), person_key("Kim Il-sung"));
        assert_ne!(person_key("Stalin"), person_key("Shtykov"));
    }

    #[test]
    fn pseudonyms_resolve() {
        assert_eq!(pseudonym_identity("Filippov"), Some("Stalin"));
        assert_eq!(pseudonym_identity("Fyn Si"), Some("Stalin"));
        assert_eq!(pseudonym_identity("Филиппова"), None);
        assert_eq!(pseudonym_identity("Shtykov"), None);
    }

    #[test]
    fn a_names_key_ends_with_its_last_words() {
        for name in [
            "Filippov",
            "A. Filippov",
            "comrade Fyn Si",
            "Иван Петрович Сидоров",
            "Kim Il-sung",
            "Vasilevsky A. M.",
            "ЦК ВКП(б)",
            "Σίσυφος Σ",
            "",
            "  ",
        ] {
            let Some(last) = name.split_whitespace().last() else {
                assert_eq!(pseudonym_entry(name), None);
                continue;
            };
            assert!(person_key(name).ends_with(&person_key(last)), "{name}");
        }
    }

    #[test]
    fn russian_oblique_cases() {
        assert_eq!(
            russian_nominative("Штыкова", RussianCase::Genitive),
            "Штыков"
        );
        assert_eq!(russian_nominative("Сталину", RussianCase::Dative), "Сталин");
        assert_eq!(
            russian_nominative("Василевскому", RussianCase::Dative),
            "Василевский"
        );
        assert_eq!(russian_nominative("Берии", RussianCase::Genitive), "Берия");
        assert_eq!(
            russian_nominative("Громыко", RussianCase::Dative),
            "Громыко"
        );
        assert_eq!(
            russian_nominative("Мао Цзэдуна", RussianCase::Genitive),
            "Мао Цзэдун"
        );
        assert_eq!(romanize("Вышинский"), "Vyshinskii");
    }
}
