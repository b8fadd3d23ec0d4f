//! Library of Congress romanization of Cyrillic, without diacritics.
//!
//! `Иванов` gives `Ivanov`, `Дальнего` gives `Dal'nego`, `Щукин` gives
//! `Shchukin`, `Юрьев` gives `Iur'ev`: the ALA-LC table with its tie bars
//! and dots dropped, the form English-language scholarship on Russia
//! prints. The soft sign is `'` and the hard sign `"`.
//! [`romanize_ascii_key`] drops those marks too, for citation keys and
//! file names. Text that is not Cyrillic passes through unchanged.

use unicode_normalization::UnicodeNormalization;

/// The ALA-LC romanization of one lowercase Cyrillic letter, or `None`
/// if the character is not a Cyrillic letter this table knows.
fn lc_lower(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "\"",
        'ы' => "y",
        'ь' => "'",
        'э' => "e",
        'ю' => "iu",
        'я' => "ia",
        // Pre-1918 orthography, found in titles of older publications.
        'і' => "i",
        'ѣ' => "e",
        'ѳ' => "f",
        'ѵ' => "y",
        // Ukrainian and Belarusian letters met in Soviet-era names.
        'є' => "ie",
        'ї' => "i",
        'ґ' => "g",
        'ў' => "u",
        _ => return None,
    })
}

fn is_upper_letter(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_uppercase())
}

/// Romanizes Cyrillic text by the Library of Congress table, without
/// diacritics. An uppercase letter in an all-caps word is romanized in
/// capitals (`ЦК` gives `TSK`), elsewhere only its first Latin letter is
/// capitalized (`Щукин` gives `Shchukin`).
pub fn romanize(s: &str) -> String {
    // ASCII text holds no Cyrillic letter: it passes through unchanged.
    if s.is_ascii() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() * 2);
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        push_romanized(&mut out, c, prev, chars.peek().copied());
        prev = Some(c);
    }
    out
}

/// Pushes the romanization of `c` (between `prev` and `next`) onto `out`:
/// a Cyrillic letter by the table, in capitals in an all-caps word; any
/// other character as it is.
fn push_romanized(out: &mut String, c: char, prev: Option<char>, next: Option<char>) {
    // Latin and Russian letters are lowercased without the Unicode tables
    // (`latin_or_russian_lowercase` agrees with them).
    let lower = crate::text::latin_or_russian_lowercase(c)
        .unwrap_or_else(|| c.to_lowercase().next().unwrap_or(c));
    let Some(latin) = lc_lower(lower) else {
        out.push(c);
        return;
    };
    if !c.is_uppercase() {
        out.push_str(latin);
        return;
    }
    let next_is_letter = next.is_some_and(|n| n.is_alphabetic());
    let all_caps = is_upper_letter(next) || (!next_is_letter && is_upper_letter(prev));
    if all_caps {
        out.push_str(&latin.to_uppercase());
    } else {
        let mut letters = latin.chars();
        if let Some(first) = letters.next() {
            out.extend(first.to_uppercase());
            out.push_str(letters.as_str());
        }
    }
}

/// Romanizes like [`romanize`], then keeps only ASCII letters, digits,
/// spaces and hyphens: soft and hard signs, apostrophes and diacritics
/// of Latin text are dropped (`Дальнего` gives `Dalnego`, `Škoda` gives
/// `Skoda`). For citation keys and file names.
pub fn romanize_ascii_key(s: &str) -> String {
    romanize(s)
        .nfkd()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_titles() {
        assert_eq!(romanize("Иванов"), "Ivanov");
        assert_eq!(
            romanize("Проблемы Дальнего Востока"),
            "Problemy Dal'nego Vostoka"
        );
        assert_eq!(romanize("Щукин Юрий"), "Shchukin Iurii");
        assert_eq!(
            romanize("Архив Президента Российской Федерации"),
            "Arkhiv Prezidenta Rossiiskoi Federatsii"
        );
        assert_eq!(romanize("объявление"), "ob\"iavlenie");
        assert_eq!(romanize("Ёлкин, Яковлев"), "Elkin, Iakovlev");
    }

    #[test]
    fn capitals_and_passthrough() {
        assert_eq!(romanize("ЦК ВКП(б)"), "TSK VKP(b)");
        assert_eq!(romanize("АВП РФ, ф. 07"), "AVP RF, f. 07");
        assert_eq!(romanize("Ж"), "Zh");
        assert_eq!(romanize("Stalin, 1950"), "Stalin, 1950");
    }

    /// The romanization as first written: every char lowercased through
    /// the Unicode tables, its neighbours looked up in a vector of chars.
    fn romanize_by_tables(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let Some(latin) = lc_lower(lower) else {
                out.push(c);
                continue;
            };
            if !c.is_uppercase() {
                out.push_str(latin);
                continue;
            }
            let prev = i.checked_sub(1).and_then(|p| chars.get(p).copied());
            let next = chars.get(i + 1).copied();
            let next_is_letter = next.is_some_and(|n| n.is_alphabetic());
            if is_upper_letter(next) || (!next_is_letter && is_upper_letter(prev)) {
                out.push_str(&latin.to_uppercase());
            } else {
                let mut letters = latin.chars();
                if let Some(first) = letters.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(letters.as_str());
                }
            }
        }
        out
    }

    #[test]
    fn romanization_agrees_with_the_unicode_tables() {
        // Every char of the Latin-1, Latin Extended and Cyrillic blocks,
        // alone and between capitals, small letters, spaces and digits.
        for c in (0x80..=0x52f_u32).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("Ж{c}"),
                format!("{c}Ж"),
                format!("ж{c}ж"),
                format!("A{c} 1"),
                format!(" {c}Щ."),
            ] {
                assert_eq!(romanize(&text), romanize_by_tables(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn ascii_keys() {
        assert_eq!(romanize_ascii_key("Дальнего"), "Dalnego");
        assert_eq!(romanize_ascii_key("объявление"), "obiavlenie");
        assert_eq!(romanize_ascii_key("Škoda «Правда»"), "Skoda Pravda");
    }
}
