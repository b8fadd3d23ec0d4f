//! One normalization of note text before the grammars, with a map back to
//! the text as written.
//!
//! Word processors, PDF copies and other encodings print the same
//! punctuation in many ways; the grammars see one form of each:
//!
//! | written | seen by the grammars |
//! |---|---|
//! | no-break, narrow no-break, thin, hair, figure, en/em and ideographic spaces | a space |
//! | zero-width space / joiners, word joiner, byte-order mark, soft hyphen | nothing |
//! | hyphen U+2010, non-breaking hyphen U+2011 | `-` |
//! | figure dash U+2012, minus U+2212 | en dash `–` (ranges) |
//! | horizontal bar U+2015 | em dash `—` (a separator in GOST notes) |
//! | `„` `‟`, a German closing `“`, typewriter ``` `` ``` and `''` | `“` / `”` |
//! | `‚` `‛` `‹` `›` | `‘` / `’` |
//! | `…` | `...` |
//! | decomposed accents (`a` + U+0301) | composed (NFC: `á`) |
//! | full-width punctuation and digits (`，` `：` `（` `１`) | ASCII |
//! | a word mixing Latin and Cyrillic look-alike letters (`Оp.` with a Cyrillic `О`) | the letters of the word's main script |
//! | a word hyphenated across a line break (`docu-\nment`) | joined (`document`) |
//!
//! Kept as they are: en dash `–`, em dash `—`, `“ ” ‘ ’ « »` and straight
//! quotes, which the grammars read. [`Normalized`] keeps the changed
//! pieces, so that a byte offset in the normalized text maps back to the
//! text as written ([`Normalized::to_original`]) and the other way
//! ([`Normalized::to_normalized`]), for diagnostics, spans and italics.

use crate::text::{is_alphabetic, is_combining_mark};
use std::borrow::Cow;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// A normalized text and the pieces that differ from the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    /// The changed pieces, in order: where each lies in the original and
    /// in the normalized text. Between pieces the two texts are the same.
    pieces: Vec<Piece>,
}

/// One changed piece.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Piece {
    original: Range<usize>,
    normalized: Range<usize>,
}

impl<'a> Normalized<'a> {
    /// The normalized text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the text needed no change.
    pub fn is_unchanged(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The offset in the original text of a normalized offset. An offset
    /// inside a changed piece maps to the piece's start when `at_end` is
    /// false (the start of a span) and to its end otherwise; at a deleted
    /// piece (a zero-width character), a span's start goes after it and
    /// its end before it.
    pub fn to_original(&self, offset: usize, at_end: bool) -> usize {
        map(
            &self.pieces,
            offset,
            at_end,
            |p| &p.normalized,
            |p| &p.original,
        )
    }

    /// The original span of a normalized span (widened to whole pieces).
    pub fn to_original_range(&self, span: Range<usize>) -> Range<usize> {
        let start = self.to_original(span.start, false);
        let end = self.to_original(span.end, true).max(start);
        start..end
    }

    /// The normalized offset of an original offset (inside a changed
    /// piece: its start, or its end with `at_end`).
    pub fn to_normalized(&self, offset: usize, at_end: bool) -> usize {
        map(
            &self.pieces,
            offset,
            at_end,
            |p| &p.original,
            |p| &p.normalized,
        )
    }

    /// The normalized span of an original span.
    pub fn to_normalized_range(&self, span: Range<usize>) -> Range<usize> {
        let start = self.to_normalized(span.start, false);
        let end = self.to_normalized(span.end, true).max(start);
        start..end
    }
}

/// Maps an offset from one side of the pieces to the other.
fn map(
    pieces: &[Piece],
    offset: usize,
    at_end: bool,
    from: impl Fn(&Piece) -> &Range<usize>,
    to: impl Fn(&Piece) -> &Range<usize>,
) -> usize {
    // The last piece starting at or before the offset.
    let k = pieces.partition_point(|p| from(p).start <= offset);
    let Some(piece) = k.checked_sub(1).map(|k| &pieces[k]) else {
        return offset;
    };
    let (from, to) = (from(piece), to(piece));
    if from.is_empty() && offset == from.start {
        // Just after a deleted piece: a span's start comes after it, a
        // span's end before it.
        if at_end {
            to.start
        } else {
            to.end
        }
    } else if offset == from.start {
        to.start
    } else if offset >= from.end {
        to.end + (offset - from.end)
    } else if at_end {
        to.end
    } else {
        to.start
    }
}

/// Normalizes a note's text (see the module docs). Text that needs no
/// change is borrowed, not copied.
pub fn normalize(s: &str) -> Normalized<'_> {
    let bytes = s.as_bytes();
    // The common case: nothing to do.
    let Some(first) = next_look(bytes, 0) else {
        return Normalized {
            text: Cow::Borrowed(s),
            pieces: Vec::new(),
        };
    };
    // Allocated at the first change: most texts with non-ASCII letters
    // need none.
    let mut out = String::new();
    let mut pieces = Vec::new();
    let mut copied = 0; // original bytes up to here are in `out`
    let mut i = first;
    // The end of the last word checked for mixed scripts.
    let mut word_checked = 0;
    // True when that word, from the Cyrillic letter it was checked at,
    // holds only ASCII letters and Cyrillic letters of U+0400..U+047F.
    let mut word_plain = false;
    let mut replace = |out: &mut String, copied: &mut usize, at: Range<usize>, with: &str| {
        if out.capacity() == 0 {
            out.reserve(s.len());
        }
        out.push_str(&s[*copied..at.start]);
        let start = out.len();
        out.push_str(with);
        pieces.push(Piece {
            original: at.clone(),
            normalized: start..out.len(),
        });
        *copied = at.end;
    };
    while i < bytes.len() {
        let b = bytes[i];
        if !needs_look(bytes, i, b) {
            i = next_look(bytes, i + 1).unwrap_or(bytes.len());
            continue;
        }
        // The rest of a word already checked for mixed scripts, when it
        // holds only ASCII letters and Cyrillic letters of U+0400..U+047F
        // (lead byte 0xD0 or 0xD1): none is a mark, a char to replace or
        // a letter before a mark (the char after the word is neither a
        // letter nor a mark), so nothing to do up to its end.
        if i < word_checked && word_plain {
            i = word_checked;
            continue;
        }
        // A Cyrillic letter of U+0400..U+047F (lead byte 0xD0 or 0xD1) in
        // a word already checked for mixed scripts, before no combining
        // mark (a char below U+0300 or another such letter follows): none
        // is a mark or a char to replace, so nothing to do.
        if i < word_checked
            && matches!(b, 0xD0 | 0xD1)
            && bytes
                .get(i + 2)
                .is_none_or(|&n| n < 0xCC || matches!(n, 0xD0 | 0xD1))
        {
            i += 2;
            continue;
        }
        if b.is_ascii() {
            match b {
                b'`' => {
                    // ``quoted'' (typewriter quotes).
                    replace(&mut out, &mut copied, i..i + 2, "“");
                    i += 2;
                }
                b'\'' => {
                    replace(&mut out, &mut copied, i..i + 2, "”");
                    i += 2;
                }
                _ => {
                    // A word hyphenated across a line break: "-\n" (and
                    // the next line's indentation) between lowercase
                    // letters goes; before a capital, the hyphen stays.
                    let after = hyphen_break_end(s, i);
                    let next = s[after..].chars().next();
                    let with = if next.is_some_and(char::is_lowercase) {
                        ""
                    } else {
                        "-"
                    };
                    replace(&mut out, &mut copied, i..after, with);
                    i = after;
                }
            }
            continue;
        }
        // A character and the combining marks after it.
        let c = s[i..].chars().next().unwrap_or(' ');
        let mut end = i + c.len_utf8();
        while let Some(m) = s[end..].chars().next().filter(|&m| is_combining_mark(m)) {
            end += m.len_utf8();
        }
        if is_cyrillic(c) && i >= word_checked {
            let start = word_start(s, i, copied);
            (word_checked, word_plain) = word_end(s, i);
            if let Some(word) = mixed_script_word(&s[start..word_checked]) {
                replace(&mut out, &mut copied, start..word_checked, &word);
                i = word_checked;
                continue;
            }
            // Nothing to do in the rest of the word, this letter
            // included (see above). A Cyrillic char that is no letter
            // (the thousands sign U+0482) ends the word where it stands:
            // it is looked at below like any other char.
            if word_plain && word_checked > i {
                i = word_checked;
                continue;
            }
        }
        // Decomposed accents: the letter before (ASCII, so not yet looked
        // at) and its marks compose.
        let cluster = if is_combining_mark(c) {
            s[..i]
                .chars()
                .next_back()
                .map_or(i, |b| i - b.len_utf8())
                .max(copied)
        } else {
            i
        };
        if end > cluster + s[cluster..].chars().next().map_or(0, char::len_utf8) {
            let composed: String = s[cluster..end].nfc().collect();
            if composed != s[cluster..end] {
                replace(&mut out, &mut copied, cluster..end, &composed);
            }
            i = end;
            continue;
        }
        // The neighbours as they read once normalized: an invisible
        // character between a word and a quote does not make the quote
        // follow the word.
        let previous = || {
            s[copied..i]
                .chars()
                .next_back()
                .or_else(|| out.chars().next_back())
        };
        let next = || s[end..].chars().find(|&n| !is_invisible(n));
        let mut buffer = [0u8; 4];
        let with: Option<&str> = match c {
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                Some(" ")
            }
            c if is_invisible(c) => Some(""),
            '\u{2010}' | '\u{2011}' => Some("-"),
            '\u{2012}' | '\u{2212}' => Some("–"),
            '\u{2015}' => Some("—"),
            '„' | '‟' => Some("“"),
            // German and Russian inner quotes close with “: after a word,
            // before a space or punctuation, it closes.
            '“' if previous().is_some_and(|p| !p.is_whitespace() && !"([{«„‘“".contains(p))
                && next().is_none_or(|n| n.is_whitespace() || ",.;:)]}!?»".contains(n)) =>
            {
                Some("”")
            }
            '‚' | '‛' | '‹' => Some("‘"),
            '›' => Some("’"),
            '…' => Some("..."),
            '\u{FF01}'..='\u{FF5E}' => {
                let ascii = char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c);
                Some(ascii.encode_utf8(&mut buffer))
            }
            _ => None,
        };
        if let Some(with) = with {
            replace(&mut out, &mut copied, i..end, with);
        }
        i = end;
    }
    if pieces.is_empty() {
        return Normalized {
            text: Cow::Borrowed(s),
            pieces,
        };
    }
    out.push_str(&s[copied..]);
    Normalized {
        text: Cow::Owned(out),
        pieces,
    }
}

/// Characters that may appear anywhere and mean nothing: zero-width
/// spaces and joiners, the word joiner, a byte-order mark, a soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// The first byte at or after `at` that [`needs_look`], if any: 16 bytes
/// at a time, most of which hold none.
fn next_look(bytes: &[u8], mut at: usize) -> Option<usize> {
    const CHUNK: usize = 16;
    // True (1) for every byte that needs a look, and a few more; without
    // branches, so that a chunk is tested in a few vector instructions.
    let may_need = |b: u8| {
        u8::from(b >= 0xC0) | u8::from(b == b'`') | u8::from(b == b'\'') | u8::from(b == b'-')
    };
    while at + CHUNK <= bytes.len() {
        let chunk: &[u8; CHUNK] = bytes[at..at + CHUNK].try_into().expect("a chunk");
        if chunk.iter().fold(0, |any, &b| any | may_need(b)) != 0 {
            if let Some(k) = (0..CHUNK).find(|&k| needs_look(bytes, at + k, chunk[k])) {
                return Some(at + k);
            }
        }
        at += CHUNK;
    }
    (at..bytes.len()).find(|&i| needs_look(bytes, i, bytes[i]))
}

/// True for a byte that may start something to normalize: any non-ASCII
/// byte that starts a character, typewriter quotes, and a hyphen at a line
/// break.
fn needs_look(bytes: &[u8], i: usize, b: u8) -> bool {
    match b {
        0x80..=0xBF => false,
        0xC0..=0xFF => true,
        b'`' => bytes.get(i + 1) == Some(&b'`'),
        b'\'' => bytes.get(i + 1) == Some(&b'\''),
        b'-' => {
            i > 0
                && (bytes[i - 1] as char).is_ascii_alphabetic()
                && matches!(bytes.get(i + 1), Some(b'\n' | b'\r'))
        }
        _ => false,
    }
}

/// The end of "-\n" at `at` and the indentation of the next line.
fn hyphen_break_end(s: &str, at: usize) -> usize {
    let rest = &s[at + 1..];
    let after_break = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .or_else(|| rest.strip_prefix('\r'))
        .unwrap_or(rest);
    let after = after_break.trim_start_matches([' ', '\t']);
    s.len() - after.len()
}

/// True for a Cyrillic letter (a word with one may mix scripts).
fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// The start of the run of letters ending at `at`, not before `floor`.
fn word_start(s: &str, at: usize, floor: usize) -> usize {
    s[floor..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_alphabetic(c) || is_combining_mark(c)))
        .map_or(floor, |(k, c)| floor + k + c.len_utf8())
}

/// The end of the run of letters (and combining marks) starting at `at`,
/// and whether the run holds only ASCII letters and Cyrillic letters of
/// U+0400..U+047F (read on bytes, without decoding: the letters of
/// nearly every word).
fn word_end(s: &str, at: usize) -> (usize, bool) {
    let bytes = s.as_bytes();
    let mut plain_end = at;
    loop {
        match bytes.get(plain_end) {
            Some(b) if b.is_ascii_alphabetic() => plain_end += 1,
            // A lead byte of U+0400..U+047F and its continuation byte.
            Some(0xD0 | 0xD1) => plain_end += 2,
            _ => break,
        }
    }
    let end = s[plain_end..]
        .char_indices()
        .find(|&(_, c)| !(is_alphabetic(c) || is_combining_mark(c)))
        .map_or(s.len(), |(k, _)| plain_end + k);
    (end, end == plain_end)
}

/// Cyrillic letters and the Latin letters printed the same.
const LOOK_ALIKES: &[(char, char)] = &[
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('У', 'Y'),
    ('І', 'I'),
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
];

/// A word that mixes Cyrillic and Latin letters, rewritten in one script
/// when every letter of the other has a look-alike: the script most of its
/// letters are in (Latin on a tie), else the other (`Оp` with a Cyrillic
/// О reads `Op`, `oп` with a Latin o reads `оп`); `None` for a word in one
/// script or one that cannot be rewritten.
fn mixed_script_word(word: &str) -> Option<String> {
    if !word.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let cyrillic = word.chars().filter(|&c| is_cyrillic(c)).count();
    let latin = word.chars().filter(char::is_ascii_alphabetic).count();
    if cyrillic == 0 || latin == 0 {
        return None;
    }
    let first = latin >= cyrillic;
    in_script(word, first).or_else(|| in_script(word, !first))
}

/// The word with its letters of the other script swapped for their
/// look-alikes in Latin (`to_latin`) or Cyrillic.
fn in_script(word: &str, to_latin: bool) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let swapped = if to_latin && is_cyrillic(c) {
            LOOK_ALIKES
                .iter()
                .find(|&&(cy, _)| cy == c)
                .map(|&(_, l)| l)
        } else if !to_latin && c.is_ascii_alphabetic() {
            LOOK_ALIKES
                .iter()
                .find(|&&(_, l)| l == c)
                .map(|&(cy, _)| cy)
        } else {
            Some(c)
        };
        out.push(swapped?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_ends_as_letters_and_marks_end() {
        // The byte reading of plain words ends where the char test does.
        assert!(('\u{0400}'..='\u{047F}').all(crate::text::is_alphabetic));
        for (text, end, plain) in [
            ("Москва, 1990", 12, true),
            ("Оp.", 3, true),
            ("Лёд", 6, true),
            ("Ёлка-палка", 8, true),
            ("е\u{301}ль x", 8, false),
            ("Ѣ҂", 2, true),
            ("Дé", 4, false),
            ("Д", 2, true),
        ] {
            assert_eq!(word_end(text, 0), (end, plain), "{text}");
        }
    }

    #[test]
    fn every_cyrillic_char_is_passed_over_in_any_neighbourhood() {
        // A Cyrillic char that is no letter (the thousands sign U+0482)
        // once stopped the pass over plain words from moving on: the
        // note "1. ҂" never came back. Each char of the block, alone and
        // between letters of both scripts, digits and spaces, is read to
        // its end, in a thread so that a loop fails the test.
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for c in '\u{0400}'..='\u{04FF}' {
                for context in [
                    "{c}",
                    "Д{c}",
                    "Ab{c}",
                    "{c}д",
                    "{c}ab",
                    "x {c} 1",
                    "{c}{c}\u{301}",
                ] {
                    let text = context.replace("{c}", &c.to_string());
                    let normalized = normalize(&text);
                    assert!(!normalized.text.is_empty(), "{text:?}");
                }
            }
            done.send(()).expect("the test waits");
        });
        finished
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("normalize reads every Cyrillic char to the end of its text");
    }

    #[test]
    fn characters_fold_and_map_back() {
        let cases = [
            ("pp.\u{a0}151–52", "pp. 151–52"),
            ("a\u{202F}b\u{2009}c\u{3000}d", "a b c d"),
            (
                "zero\u{200B}width\u{FEFF} soft\u{AD}hyphen",
                "zerowidth softhyphen",
            ),
            (
                "12\u{2011}14, 12\u{2012}14, 12\u{2212}14",
                "12-14, 12–14, 12–14",
            ),
            ("A\u{2015}B", "A—B"),
            ("„Titel“, S. 3", "“Titel”, S. 3"),
            // An invisible character between a word and an opening quote
            // does not make the quote a closing one.
            ("Reed,\u{200B} “ Lake,” 4", "Reed, “ Lake,” 4"),
            ("Reed, \u{200B}“ Lake,” 4", "Reed, “ Lake,” 4"),
            ("``Title,'' 12", "“Title,” 12"),
            ("‚inner‛ ‹x›", "‘inner‘ ‘x’"),
            ("Wait…", "Wait..."),
            ("Guitia\u{301}n", "Guitián"),
            ("（Tokyo：Press，1990）", "(Tokyo:Press,1990)"),
            ("APRF, f. 3, \u{41E}p. 65", "APRF, f. 3, Op. 65"),
            ("Ф. 5, oп. 1, д. 2", "Ф. 5, оп. 1, д. 2"),
            ("Delо 4", "Delo 4"),
            ("Оп. 1, Д. 2", "Оп. 1, Д. 2"),
            (
                "intro-\nduction, Sino-\n  Soviet",
                "introduction, Sino-Soviet",
            ),
            ("plain text, nothing to do", "plain text, nothing to do"),
        ];
        for (written, seen) in cases {
            let n = normalize(written);
            assert_eq!(n.text(), seen, "{written:?}");
            // The whole text maps to the whole text.
            assert_eq!(n.to_original_range(0..n.text().len()), 0..written.len());
            assert_eq!(n.to_normalized_range(0..written.len()), 0..n.text().len());
        }
        assert!(normalize("plain").is_unchanged());
    }

    #[test]
    fn spans_map_back_to_the_text_as_written() {
        let written = "Smith,\u{a0}“Title,”\u{a0}pp.\u{a0}151\u{2012}52.";
        let n = normalize(written);
        let seen = n.text();
        let at = seen.find("151").unwrap();
        let span = n.to_original_range(at..seen.len() - 1);
        assert_eq!(&written[span], "151\u{2012}52");
        let title = seen.find("“Title").unwrap();
        let span = n.to_original_range(title..title + "“Title,”".len());
        assert_eq!(&written[span.clone()], "“Title,”");
        assert_eq!(n.to_normalized_range(span), title..title + "“Title,”".len());
    }
}
