//! Small text helpers shared by the stages: folding for comparison,
//! quote stripping, white-space tidying.

use unicode_normalization::UnicodeNormalization;

/// The lines of a data file under `data/`, trimmed, without comments
/// (lines opening with `#`) and blank lines.
pub fn data_lines(source: &'static str) -> impl Iterator<Item = &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Folds text for comparison: compatibility decomposition, diacritics and
/// punctuation dropped, lowercase, single spaces. "China’s Road" and
/// "Chinas road" fold alike up to the apostrophe.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the [`fold`] of `s` to `out`, so a caller folding many strings
/// (or building a key of several folded parts) reuses one buffer instead
/// of allocating a string per fold.
pub fn fold_into(s: &str, out: &mut String) {
    let start = out.len();
    let mut pending_space = false;
    let push = |c: char, out: &mut String, pending_space: &mut bool| {
        if is_alphanumeric(c) {
            if *pending_space && out.len() > start {
                out.push(' ');
            }
            *pending_space = false;
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' || c == 'ʼ' {
            // Apostrophes join: "Dal’nego" folds to "dalnego".
        } else {
            *pending_space = true;
        }
    };
    // ASCII characters are starters that decompose to themselves, and so
    // are the chars of [`fold_char`] (or, for "й" and "ё", to a starter
    // and a mark): the decomposition of the text is that of the runs of
    // other chars taken one by one, which alone go through the normalizer.
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            // A run of ASCII letters and digits: its first byte
            // lowercased, the rest copied at once (and lowercased only if
            // it holds a capital: a word is mostly capitalized, if at all).
            if pending_space && out.len() > start {
                out.push(' ');
            }
            pending_space = false;
            out.push(char::from(b.to_ascii_lowercase()));
            i += 1;
            let run = i;
            let mut capitals = 0u8;
            while let Some(&b) = bytes.get(i) {
                let class = ASCII_CLASS[usize::from(b)];
                if class == 0 {
                    break;
                }
                capitals |= class & CAPITAL;
                i += 1;
            }
            let at = out.len();
            out.push_str(&s[run..i]);
            if capitals != 0 {
                out[at..].make_ascii_lowercase();
            }
            continue;
        }
        if b.is_ascii() {
            // Apostrophes join: "Dal'nego" folds to "dalnego".
            pending_space |= b != b'\'';
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        match fold_char(c) {
            Folded::Letter(l) => {
                if pending_space && out.len() > start {
                    out.push(' ');
                }
                pending_space = false;
                out.push(l);
                i += c.len_utf8();
                // A run of small Russian letters that fold to themselves
                // (а-я but й), copied at once: most letters of a Russian
                // word after its first.
                let run = i;
                while let Some(&[lead, next]) = bytes.get(i..i + 2) {
                    let itself = match lead {
                        0xD0 => (0xB0..=0xBF).contains(&next) && next != 0xB9,
                        0xD1 => (0x80..=0x8F).contains(&next),
                        _ => false,
                    };
                    if !itself {
                        break;
                    }
                    i += 2;
                }
                out.push_str(&s[run..i]);
                continue;
            }
            Folded::Space => {
                pending_space = true;
                i += c.len_utf8();
                continue;
            }
            Folded::Nothing => {
                i += c.len_utf8();
                continue;
            }
            Folded::Other => {}
        }
        // A run of other chars, up to the next ASCII byte or char of
        // `fold_char`.
        let mut end = i + c.len_utf8();
        while let Some(next) = s[end..].chars().next() {
            if next.is_ascii() || !matches!(fold_char(next), Folded::Other) {
                break;
            }
            end += next.len_utf8();
        }
        for c in s[i..end].nfkd() {
            if !is_combining_mark(c) {
                push(c, out, &mut pending_space);
            }
        }
        i = end;
    }
}

/// [`ASCII_CLASS`] of a letter or digit.
const ALPHANUMERIC: u8 = 1;
/// [`ASCII_CLASS`] of a capital letter (with [`ALPHANUMERIC`]).
const CAPITAL: u8 = 2;
/// For each byte: [`ALPHANUMERIC`] for the ASCII letters and digits,
/// with [`CAPITAL`] for the capitals; 0 for any other byte.
const ASCII_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_uppercase() {
            class[b] = ALPHANUMERIC | CAPITAL;
        } else if c.is_ascii_alphanumeric() {
            class[b] = ALPHANUMERIC;
        }
        b += 1;
    }
    class
};

/// What one non-ASCII char adds to a [`fold`], for the chars of our text
/// that need no table: the Russian alphabet and General Punctuation.
enum Folded {
    /// A letter, lowercased and without its diacritic ("Й" folds to "и").
    Letter(char),
    /// A mark that parts words (a dash, a quotation mark, a space).
    Space,
    /// An apostrophe, which joins.
    Nothing,
    /// Another char: it goes through the normalizer.
    Other,
}

/// The [`Folded`] of a non-ASCII char (tested against the normalizer for
/// every char it answers).
#[inline]
fn fold_char(c: char) -> Folded {
    match c {
        '’' => Folded::Nothing,
        '\u{2000}'..='\u{206F}' => Folded::Space,
        'й' | 'Й' => Folded::Letter('и'),
        'ё' | 'Ё' => Folded::Letter('е'),
        // The capitals sit 32 code points below their small letters.
        'А'..='Я' => Folded::Letter(char::from_u32(c as u32 + 32).unwrap_or(c)),
        'а'..='я' => Folded::Letter(c),
        _ => Folded::Other,
    }
}

/// Bytes reduced to 128 bits, as two halves: XXH3-128 (`xxhash-rust`), a
/// hash made for checksums, with no seed (deterministic from run to run),
/// in one pass over the bytes. Two different texts share a fingerprint
/// with a probability of about n²/2¹²⁹ for n texts (below 10⁻²⁵ for ten
/// million): resolution and keys keep these instead of the texts or items
/// they stand for.
pub fn fingerprint(bytes: &[u8]) -> [u64; 2] {
    let hash = xxhash_rust::xxh3::xxh3_128(bytes);
    [hash as u64, (hash >> 64) as u64]
}

/// The lowercase form of a Latin or Russian letter, answered without the
/// Unicode tables (nearly all the letters of our text); `None` for any
/// other character.
pub fn latin_or_russian_lowercase(c: char) -> Option<char> {
    match c {
        'a'..='z' | 'а'..='я' | 'ё' => Some(c),
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        // The capitals sit 32 code points below their small letters.
        'А'..='Я' => char::from_u32(c as u32 + 32),
        'Ё' => Some('ё'),
        _ => None,
    }
}

/// The chars of `s` lowercased, as `str::to_lowercase` gives them for a
/// text without a capital sigma (which it maps by context): Latin and
/// Russian letters without the Unicode tables, other chars through
/// `char::to_lowercase` (some lowercase to several). For comparing a
/// text's lowercase with another without building it.
pub fn lowercase_chars(s: &str) -> LowercaseChars<'_> {
    LowercaseChars {
        chars: s.chars(),
        rest: None,
    }
}

/// The iterator of [`lowercase_chars`].
pub struct LowercaseChars<'a> {
    chars: std::str::Chars<'a>,
    /// The rest of a char that lowercases to several.
    rest: Option<std::char::ToLowercase>,
}

impl Iterator for LowercaseChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(l) = self.rest.as_mut().and_then(Iterator::next) {
            return Some(l);
        }
        let c = self.chars.next()?;
        latin_or_russian_lowercase(c).or_else(|| {
            let mut all = c.to_lowercase();
            let first = all.next();
            self.rest = Some(all);
            first
        })
    }
}

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII
/// and the Russian alphabet (nearly every character of our text; the
/// table lookup costs a few hundred instructions a character).
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(c, 'А'..='я' | 'Ё' | 'ё') || c.is_alphanumeric()
}

/// `char::is_alphabetic`, answered without the Unicode tables for the
/// scripts and punctuation of our text: ASCII, the Latin letters of
/// U+00C0..U+024F, the Cyrillic block and General Punctuation (quotes,
/// dashes, spaces). Other chars are looked up as `char::is_alphabetic`
/// does (a table search of a hundred-odd instructions).
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match c {
        '\0'..='\x7F' => c.is_ascii_alphabetic(),
        '\u{00C0}'..='\u{024F}' => c != '×' && c != '÷',
        // The Cyrillic block but its signs and combining marks.
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => true,
        '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphabetic(),
    }
}

/// `unicode_normalization::char::is_combining_mark` (a char of category
/// M), answered without its table for the chars below U+0300, the
/// letters of the Cyrillic block and General Punctuation: nearly every
/// char of our text, which holds a mark only now and then.
#[inline]
pub fn is_combining_mark(c: char) -> bool {
    match c {
        '\0'..='\u{02FF}'
        | '\u{0400}'..='\u{0482}'
        | '\u{048A}'..='\u{052F}'
        | '\u{2000}'..='\u{206F}' => false,
        _ => unicode_normalization::char::is_combining_mark(c),
    }
}

/// True when `s` holds one of the quotation marks that open a quoted
/// title: “ « or " (`s.contains(['“', '«', '"'])`, found by their first
/// bytes with `memchr3` instead of char by char).
pub fn has_opening_quote(s: &str) -> bool {
    let bytes = s.as_bytes();
    memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes).any(|at| {
        let rest = &bytes[at..];
        rest[0] == b'"' || rest.starts_with("“".as_bytes()) || rest.starts_with("«".as_bytes())
    })
}

/// Collapses runs of white space (including no-break spaces) into one
/// space and trims the ends. Most of what the grammars squash (titles,
/// names, quoted text) has nothing to squash, and is copied as it is after
/// one pass over its bytes ([`is_squashed`]); white space at the ends is
/// trimmed first (the split below drops it anyway), so that a text that
/// only has some there ("Press " after a colon) is copied the same way.
pub fn squash_spaces(s: &str) -> String {
    let s = s.trim_ws();
    if is_squashed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True if `squash_spaces(s)` would return `s` unchanged: single spaces
/// between words, no other white space, none at the ends.
pub fn is_squashed(s: &str) -> bool {
    // On bytes, each with the byte before it, 16 at a time and without
    // branches (a chunk is tested in a few vector instructions): a chunk
    // fails at an ASCII white-space byte other than the space (0x09-0x0D)
    // or at a space after a space. Only the lead bytes 0xC2, 0xE1, 0xE2
    // and 0xE3 open a non-ASCII white-space char; a chunk with one has
    // those chars decoded.
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return true;
    };
    if first == b' ' || last == b' ' {
        return false;
    }
    let bad = |before: u8, byte: u8| {
        u8::from(byte.wrapping_sub(b'\t') < 5) | (u8::from(byte == b' ') & u8::from(before == b' '))
    };
    let lead = |byte: u8| u8::from(byte == 0xC2) | u8::from(byte.wrapping_sub(0xE1) < 3);
    let white_at = |i: usize| s[i..].chars().next().is_some_and(char::is_whitespace);
    if bad(0, first) != 0 || (lead(first) != 0 && white_at(0)) {
        return false;
    }
    // Byte k + 1 of the text, with byte k before it, a chunk at a time;
    // the last chunk padded with zero bytes (which fail nothing and open
    // nothing).
    const CHUNK: usize = 16;
    let chunk_fails = |start: usize, with_next: &[u8; CHUNK + 1]| {
        let (mut failed, mut leads) = (0u8, 0u8);
        for k in 0..CHUNK {
            failed |= bad(with_next[k], with_next[k + 1]);
            leads |= lead(with_next[k + 1]);
        }
        failed != 0
            || leads != 0
                && (0..CHUNK).any(|k| lead(with_next[k + 1]) != 0 && white_at(start + k + 1))
    };
    let pairs = b.len() - 1;
    let whole = pairs / CHUNK * CHUNK;
    for start in (0..whole).step_by(CHUNK) {
        let with_next = b[start..start + CHUNK + 1].try_into().expect("a chunk");
        if chunk_fails(start, with_next) {
            return false;
        }
    }
    let mut rest = [0u8; CHUNK + 1];
    rest[..b.len() - whole].copy_from_slice(&b[whole..]);
    !chunk_fails(whole, &rest)
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
///
/// Most texts asked are already trimmed: a text whose first and last
/// bytes are ASCII and none of the chars trimmed (the last no period
/// either) is returned as it is without the char searchers. A byte below
/// 0x80 is a whole char, so the two ends are the text's first and last
/// chars, and none of the three trims below would remove them.
#[inline]
pub fn trim_punct(s: &str) -> &str {
    let kept = |b: u8| b < 0x80 && !is_ascii_white(b) && !matches!(b, b',' | b';' | b':' | b'*');
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&f), Some(&l)) if kept(f) && kept(l) && l != b'.' => s,
        _ => trim_punct_chars(s),
    }
}

/// [`trim_punct`] read char by char (the slow reading).
fn trim_punct_chars(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '*'))
        .trim_end_matches('.')
        .trim_matches(|c: char| c.is_whitespace() || c == '*')
}

/// An ASCII byte that is white space to [`char::is_whitespace`]: the
/// space and U+0009..U+000D (the vertical tab too, unlike
/// [`u8::is_ascii_whitespace`]).
#[inline]
fn is_ascii_white(b: u8) -> bool {
    b == b' ' || b.wrapping_sub(b'\t') < 5
}

/// `str::trim`, told from the two end bytes when there is nothing to trim.
///
/// Why: `trim` is asked of nearly every chunk and name the grammars read
/// (about 175 000 times on 0.5 MB of notes), and most are already trimmed;
/// the standard searcher decodes a char at each end behind a call. A text
/// whose first and last bytes are ASCII and not white space is returned
/// as it is: a byte below 0x80 is a whole char, so these are its first and
/// last chars, and `trim` would remove neither. Any other text is trimmed
/// by `str::trim`.
pub trait TrimWs {
    /// `self.trim()`.
    fn trim_ws(&self) -> &str;
}

impl TrimWs for str {
    #[inline]
    fn trim_ws(&self) -> &str {
        let solid = |b: u8| b < 0x80 && !is_ascii_white(b);
        match (self.as_bytes().first(), self.as_bytes().last()) {
            (Some(&f), Some(&l)) if solid(f) && solid(l) => self,
            _ => self.trim(),
        }
    }
}

/// `s.split_whitespace().take(limit).count()`: how many words `s` holds,
/// counted up to `limit`.
///
/// Why: the grammars bound the words of chunks, titles and containers
/// ("a place is five words at most") on every reading; an ASCII text is
/// counted on its bytes (a word opens at a byte that is not white space
/// after one that is, or at the start), where the standard iterator
/// decodes each char. A text with a non-ASCII byte is counted by the
/// iterator.
pub fn count_words_up_to(s: &str, limit: usize) -> usize {
    let mut count = 0;
    let mut after_white = true;
    for &b in s.as_bytes() {
        if b >= 0x80 {
            return s.split_whitespace().take(limit).count();
        }
        let white = is_ascii_white(b);
        if after_white && !white {
            if count == limit {
                return limit;
            }
            count += 1;
        }
        after_white = white;
    }
    count
}

/// Texts for the tests of fast paths against their slow readings: `count`
/// texts of fewer than `most` pieces drawn from `pieces` by a xorshift
/// generator (the same texts on every run), each given to `check`.
#[cfg(test)]
pub(crate) fn generated_texts(
    pieces: &[&str],
    count: usize,
    most: u64,
    mut check: impl FnMut(&str),
) {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut t = String::new();
    for _ in 0..count {
        t.clear();
        for _ in 0..(seed % most) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        check(&t);
    }
}

/// Every text of `n` pieces drawn from `pieces` (each piece at each place),
/// each given to `check`: texts for the tests of fast paths.
#[cfg(test)]
pub(crate) fn every_joining(pieces: &[&str], n: usize, mut check: impl FnMut(&str)) {
    fn join(pieces: &[&str], n: usize, t: &mut String, check: &mut dyn FnMut(&str)) {
        if n == 0 {
            check(t);
            return;
        }
        for p in pieces {
            let len = t.len();
            t.push_str(p);
            join(pieces, n - 1, t, check);
            t.truncate(len);
        }
    }
    join(pieces, n, &mut String::new(), &mut check);
}

/// Stretches of Markdown emphasis (`*Title*` or `_Title_`) in a note, as
/// byte ranges of the emphasized text without the markers: the italics of
/// a Markdown note.
pub fn markdown_italics(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for marker in ['*', '_'] {
        let mut open: Option<usize> = None;
        for (i, c) in s.char_indices() {
            if c != marker {
                continue;
            }
            let before = s[..i].chars().next_back();
            let after = s[i + 1..].chars().next();
            // Doubled markers (bold) and intra-word underscores are not
            // emphasis of a title.
            if before == Some(marker) || after == Some(marker) {
                continue;
            }
            match open {
                None if after.is_some_and(|a| !a.is_whitespace())
                    && before.is_none_or(|b| !b.is_alphanumeric()) =>
                {
                    open = Some(i + 1)
                }
                Some(start)
                    if before.is_some_and(|b| !b.is_whitespace())
                        && after.is_none_or(|a| !a.is_alphanumeric()) =>
                {
                    out.push(start..i);
                    open = None;
                }
                _ => {}
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
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

/// Sets bit `i` of a bit set kept as 64-bit words (the tables of the
/// first two or three bytes a word may open with, built from the data
/// files, which the grammars ask before their slower tests). A `const fn`,
/// so that a table known at compile time is built there.
pub const fn set_bit(bits: &mut [u64], i: usize) {
    bits[i >> 6] |= 1 << (i & 63);
}

/// True if bit `i` of a bit set made by [`set_bit`] is set.
#[inline]
pub const fn has_bit(bits: &[u64], i: usize) -> bool {
    bits[i >> 6] & (1 << (i & 63)) != 0
}

/// Every text made of up to `most` of `pieces` one after another (the
/// empty text first): sample texts for tests that compare a fast path
/// with the slow reading it replaces.
#[cfg(test)]
pub(crate) fn texts_of_pieces(pieces: &[&str], most: usize) -> Vec<String> {
    let mut texts = Vec::new();
    for n in 0..=most {
        every_joining(pieces, n, |t| texts.push(t.to_string()));
    }
    texts
}

#[cfg(test)]
mod tests {
    #[test]
    fn lowercase_chars_are_those_of_to_lowercase() {
        for text in [
            "Ann LEE",
            "ЁЛКИН Ёж",
            "İstanbul",
            "ǅemal",
            "ẞ straße",
            "",
            "12 É",
        ] {
            assert_eq!(
                super::lowercase_chars(text).collect::<String>(),
                text.to_lowercase(),
                "{text}"
            );
        }
    }

    #[test]
    fn opening_quotes_found_as_contains_finds_them() {
        for text in [
            "Ann Lee, “Ice,” 4",
            "«Лёд»",
            "a \"b\"",
            "Lee’s ‘Ice’ – ” » ¬",
            "",
            "plain",
        ] {
            assert_eq!(
                super::has_opening_quote(text),
                text.contains(['“', '«', '"']),
                "{text}"
            );
        }
    }

    use super::*;

    #[test]
    fn latin_and_russian_letters_lowercase_as_unicode_does() {
        let letters = ('A'..='Z')
            .chain('a'..='z')
            .chain('А'..='я')
            .chain(['Ё', 'ё']);
        for c in letters {
            assert_eq!(
                latin_or_russian_lowercase(c),
                c.to_lowercase().next(),
                "{c}"
            );
        }
        for c in ['1', ' ', 'é', 'Ä', '—'] {
            assert_eq!(latin_or_russian_lowercase(c), None, "{c}");
        }
    }

    #[test]
    fn alphabetic_answered_as_unicode_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn combining_marks_answered_as_the_table_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_combining_mark(c),
                unicode_normalization::char::is_combining_mark(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn bits_set_are_the_only_bits_held() {
        let mut bits = [0u64; 3];
        let set = [0, 1, 63, 64, 100, 191];
        for i in set {
            set_bit(&mut bits, i);
        }
        for i in 0..192 {
            assert_eq!(has_bit(&bits, i), set.contains(&i), "bit {i}");
        }
    }

    #[test]
    fn squashed_as_the_words_joined_by_spaces_tell() {
        // Texts longer than a chunk, with each kind of white space at
        // every place (and doubled), against the definition.
        let base = "Ann Lee, Winter Tales: Essays on Ice and Snow, Д. Ё «Лёд»";
        let whites = [
            " ", "  ", "\t", "\n", "\r", "\u{a0}", "\u{2009}", "\u{3000}", "\u{1680}", "\u{85}",
            "\u{2028}",
        ];
        let others = ["é", "—", "’", "\u{2060}", "x"];
        for at in (0..=base.len()).filter(|&i| base.is_char_boundary(i)) {
            for insert in whites.iter().chain(&others) {
                let s = format!("{}{insert}{}", &base[..at], &base[at..]);
                let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(is_squashed(&s), joined == s, "{s:?}");
            }
        }
        for s in ["", " ", "a", "a ", " a", "ab  cd", "\u{a0}"] {
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(is_squashed(s), joined == s, "{s:?}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(
            fold("China’s Road  to the Korean-War"),
            "chinas road to the korean war"
        );
        assert_eq!(fold("Dal’nego"), "dalnego");
        assert_eq!(fold("Škoda"), "skoda");
    }

    /// The definition [`fold`] implements, normalizing the whole text at once.
    fn fold_whole_text(s: &str) -> String {
        let mut out = String::new();
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
            } else if !matches!(c, '\'' | '’' | 'ʼ') {
                pending_space = true;
            }
        }
        out
    }

    #[test]
    fn folding_by_runs_matches_whole_text_normalization() {
        let mut buffer = String::new();
        for s in [
            "",
            "  ",
            "e\u{301}te\u{301} Cafe\u{301}",
            "Ünïcödé ﬁnal ① ²",
            "Йошкар-Ола, Ёлка: «Там же»",
            "a\u{323}\u{302}b Ệ ệ",
            "한국 전쟁 1950",
            "İstanbul ΣΟΦΊΑ",
            "x\u{301}\u{323}y",
        ] {
            buffer.clear();
            buffer.push_str("kept ");
            fold_into(s, &mut buffer);
            assert_eq!(buffer, format!("kept {}", fold_whole_text(s)), "{s}");
            assert_eq!(fold(s), fold_whole_text(s), "{s}");
        }
    }

    /// Runs of Russian letters, small and capital, with й, ё, other
    /// Cyrillic letters, marks, Latin letters and marks that part words
    /// between them: every string of four of these folds as the whole
    /// text normalized does.
    #[test]
    fn russian_runs_fold_as_whole_text_normalization() {
        let chars = [
            'а', 'п', 'р', 'я', 'и', 'й', 'Й', 'ё', 'Ё', 'А', 'Я', 'Ѐ', 'ѐ', 'ї', '\u{306}',
            '\u{301}', 'a', 'Z', ' ', '’', '-',
        ];
        let mut buffer = String::new();
        let mut text = String::new();
        for a in chars {
            for b in chars {
                for c in chars {
                    for d in chars {
                        text.clear();
                        text.extend([a, b, c, d]);
                        buffer.clear();
                        buffer.push_str("kept ");
                        fold_into(&text, &mut buffer);
                        assert_eq!(
                            buffer,
                            format!("kept {}", fold_whole_text(&text)),
                            "{text:?}"
                        );
                    }
                }
            }
        }
        assert_eq!(
            fold("Советско-китайские отношения"),
            "советско китаиские отношения"
        );
    }

    #[test]
    fn folding_without_the_normalizer_matches_it() {
        // Every char `fold_char` answers, alone and between neighbours of
        // all kinds (letters, spaces, apostrophes, marks, chars that go
        // through the normalizer).
        let answered = ('\u{0400}'..='\u{04FF}').chain('\u{2000}'..='\u{206F}');
        let neighbours = [
            "",
            "a",
            " ",
            "'",
            "’",
            "\u{301}",
            "\u{306}\u{323}",
            "é",
            "e\u{301}",
            "Ё",
            "й",
            "ﬁ",
            "①",
            "—",
            "ї",
            "\u{483}",
        ];
        let mut buffer = String::new();
        for c in answered {
            for before in neighbours {
                for after in neighbours {
                    let s = format!("{before}{c}{after}");
                    buffer.clear();
                    buffer.push_str("kept ");
                    fold_into(&s, &mut buffer);
                    assert_eq!(buffer, format!("kept {}", fold_whole_text(&s)), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn alphanumeric_answered_as_unicode_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// Texts for the trims: every char at each end of a short word, alone
    /// and doubled, and with white space and punctuation beside it.
    fn trim_samples(mut check: impl FnMut(&str)) {
        let mut s = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for (before, after) in [("", ""), ("ab", ""), ("", "ab"), ("a b", "c")] {
                for text in [
                    format!("{before}{c}{after}"),
                    format!("{c}{before}{after}{c}"),
                    format!("{c}{c}"),
                ] {
                    check(&text);
                }
            }
            if c.is_ascii() || c.is_whitespace() {
                for pad in [" ", ".", ",", ". ", "* ", " :", "\u{a0}", "\u{2003}."] {
                    s.clear();
                    s.push_str(pad);
                    s.push(c);
                    s.push_str("Word");
                    s.push(c);
                    s.push_str(pad);
                    check(&s);
                    check(&s[pad.len()..]);
                    check(&s[..s.len() - pad.len()]);
                }
            }
        }
        check("");
    }

    #[test]
    fn trim_ws_is_trim() {
        trim_samples(|t| assert_eq!(t.trim_ws(), t.trim(), "{t:?}"));
    }

    #[test]
    fn squash_spaces_joins_the_words_with_single_spaces() {
        trim_samples(|t| {
            let joined = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash_spaces(t), joined, "{t:?}");
        });
    }

    #[test]
    fn words_counted_as_split_whitespace_counts_them() {
        trim_samples(|t| {
            for limit in [0, 1, 2, 5] {
                let slow = t.split_whitespace().take(limit).count();
                assert_eq!(count_words_up_to(t, limit), slow, "{t:?} {limit}");
            }
        });
        let words = [
            "a", "Bo", " ", "  ", "\t", "\n", "\u{b}", "é", "\u{a0}", ".", "x y",
        ];
        generated_texts(&words, 100_000, 24, |t| {
            for limit in 0..20 {
                let slow = t.split_whitespace().take(limit).count();
                assert_eq!(count_words_up_to(t, limit), slow, "{t:?} {limit}");
            }
        });
    }

    #[test]
    fn trim_punct_is_its_reading_by_chars() {
        trim_samples(|t| assert_eq!(trim_punct(t), trim_punct_chars(t), "{t:?}"));
    }

    #[test]
    fn markdown_emphasis() {
        let s = "Smith, *Long Road*, 20; snake_case_word and _Another_.";
        let r = markdown_italics(s);
        assert_eq!(
            r.iter().map(|r| &s[r.clone()]).collect::<Vec<_>>(),
            vec!["Long Road", "Another"]
        );
    }

    #[test]
    fn ranges() {
        assert_eq!(normalize_range("130 -151"), "130-151");
        assert_eq!(normalize_range("1 – 2"), "1-2");
        assert_eq!(normalize_range("96, 120, 308"), "96, 120, 308");
    }
}
