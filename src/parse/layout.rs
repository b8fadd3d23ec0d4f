//! The top-level layout of a citation: where its commas, parenthesized
//! groups and quoted titles are, ignoring what quotes and parentheses
//! enclose. The Chicago grammar reads a citation as a sequence of these
//! units.

use std::ops::Range;

/// Top-level structure of one citation's text.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// Byte offsets of commas outside quotes and parentheses.
    pub commas: Vec<usize>,
    /// Parenthesized or bracketed groups, parentheses included.
    pub parens: Vec<Range<usize>>,
    /// Quoted strings, quotation marks included.
    pub quotes: Vec<Range<usize>>,
}

/// Scans a citation once and records its top-level units.
pub fn scan(s: &str) -> Layout {
    let mut layout = Layout::default();
    let mut depth = 0i32;
    let mut paren_start = 0;
    let mut quote_start: Option<usize> = None;
    let mut closer = '”';
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let i = at;
        // Only ASCII punctuation and the curly and angle quotation marks
        // (lead bytes 0xC2, 0xE2) matter: other bytes are passed over
        // without decoding.
        let c = match bytes[i] {
            b @ (b'(' | b'[' | b')' | b']' | b'"' | b',') => char::from(b),
            0xC2 | 0xE2 => s[i..].chars().next().unwrap_or(' '),
            _ => {
                at += 1;
                continue;
            }
        };
        at += c.len_utf8();
        if let Some(q) = quote_start {
            // Each opening mark has its closing one: “...»Word«...” holds a
            // German quotation inside an English one.
            let closes = match c {
                '”' => closer == '”',
                '»' => closer == '»',
                '"' => closer == '"',
                _ => false,
            };
            if closes {
                layout.quotes.push(q..i + c.len_utf8());
                quote_start = None;
            }
            continue;
        }
        match c {
            '(' | '[' => {
                if depth == 0 {
                    paren_start = i;
                }
                depth += 1;
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    layout.parens.push(paren_start..i + 1);
                }
            }
            '“' | '«' if depth == 0 => {
                quote_start = Some(i);
                closer = if c == '«' { '»' } else { '”' };
            }
            '"' if depth == 0 => {
                quote_start = Some(i);
                closer = '"';
            }
            ',' if depth == 0 => layout.commas.push(i),
            _ => {}
        }
    }
    layout
}

/// Splits `s` at top-level commas into trimmed chunks with their spans.
pub fn chunks(s: &str) -> Vec<(Range<usize>, &str)> {
    chunks_of(s, &scan(s))
}

/// Splits `s` at the top-level commas of its layout (`scan(s)`) into
/// trimmed chunks with their spans.
pub fn chunks_of<'a>(s: &'a str, layout: &Layout) -> Vec<(Range<usize>, &'a str)> {
    let mut out = Vec::with_capacity(layout.commas.len() + 1);
    let mut start = 0;
    for &c in layout.commas.iter().chain(std::iter::once(&s.len())) {
        let raw = &s[start..c];
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            out.push((start + lead..start + lead + trimmed.len(), trimmed));
        }
        start = (c + 1).min(s.len());
    }
    out
}

/// The text inside a parenthesized group or quotation, without its marks.
pub fn inner(s: &str, group: &Range<usize>) -> String {
    let text = &s[group.clone()];
    let mut chars = text.chars();
    let first = chars.next().map_or(0, char::len_utf8);
    let last = chars.next_back().map_or(0, char::len_utf8);
    crate::text::squash_spaces(&text[first..text.len() - last])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        let s = "Shen Zhihua, “A Study, New Views,” Lishi (Studies, Beijing), No. 6 (1996)";
        let l = scan(s);
        assert_eq!(l.quotes.len(), 1);
        assert_eq!(l.parens.len(), 2);
        assert_eq!(chunks(s).len(), 3);
        assert_eq!(inner(s, &l.quotes[0]), "A Study, New Views,");
    }

    #[test]
    fn a_german_quotation_inside_an_english_one() {
        let s = "Ann Hill, “Die Frage des »nordischen Winters«,” in Eis (Kiel: Nordlicht, 2012)";
        let l = scan(s);
        assert_eq!(l.quotes.len(), 1);
        assert_eq!(
            inner(s, &l.quotes[0]),
            "Die Frage des »nordischen Winters«,"
        );
    }
}
