//! Small text helpers shared by the stages: folding for comparison,
//! quote stripping, white-space tidying.

use unicode_normalization::UnicodeNormalization;

/// Folds text for comparison: compatibility decomposition, diacritics and
/// punctuation dropped, lowercase, single spaces. "China’s Road" and
/// "Chinas road" fold alike up to the apostrophe.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' || c == 'ʼ' {
            // Apostrophes join: "Dal’nego" folds to "dalnego".
        } else {
            pending_space = true;
        }
    }
    out
}

/// Collapses runs of white space (including no-break spaces) into one
/// space and trims the ends.
pub fn squash_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True for the quotation marks that delimit article titles.
pub fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '"' | '«' | '„')
}

/// True for closing quotation marks.
pub fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '"' | '»' | '“')
}

/// Trims white space and the punctuation that separates fields
/// (commas, periods, colons, semicolons) from both ends.
pub fn trim_punct(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
        .trim_end_matches('.')
        .trim()
}

/// Strips one pair of enclosing quotation marks, if the string has them.
pub fn strip_quotes(s: &str) -> &str {
    let t = s.trim();
    let mut chars = t.chars();
    match (chars.next(), chars.next_back()) {
        (Some(a), Some(b)) if is_open_quote(a) && is_close_quote(b) && t.len() > 2 => {
            t[a.len_utf8()..t.len() - b.len_utf8()].trim()
        }
        _ => t,
    }
}

/// Normalizes a page or folio range: plain hyphen, no spaces
/// ("130 -151" becomes "130-151", "1 – 2" becomes "1-2").
pub fn normalize_range(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '–' | '—' | '‒' | '−' => out.push('-'),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    // "96,120" reads better as "96, 120".
    out.replace(',', ", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("China’s Road  to the Korean-War"), "chinas road to the korean war");
        assert_eq!(fold("Dal’nego"), "dalnego");
        assert_eq!(fold("Škoda"), "skoda");
    }

    #[test]
    fn ranges() {
        assert_eq!(normalize_range("130 -151"), "130-151");
        assert_eq!(normalize_range("1 – 2"), "1-2");
        assert_eq!(normalize_range("96, 120, 308"), "96, 120, 308");
    }
}
