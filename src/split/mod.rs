//! Splitting a note into citation spans and signal phrases.
//!
//! A note is cut at top-level semicolons, at sentence ends, after a
//! closing publication parenthesis followed by ", and", and before
//! "cited from" / "quoted in". Quotation marks and parentheses protect
//! what they enclose: a title may hold a semicolon or a period. A signal
//! phrase ("See", "see also", "For discussions, see") that opens a
//! segment is kept apart as its prefix.
//!
//! Russian-language notes use the period as a field separator (GOST), so
//! they are cut at semicolons only.

use std::ops::Range;

/// One stretch of a note that may hold a citation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte span of the whole segment in the note text, signal phrase
    /// included.
    pub span: Range<usize>,
    /// Byte span of the signal phrase, if the segment opens with one.
    pub prefix: Option<Range<usize>>,
    /// How this segment relates to the one before it.
    pub joint: Joint,
}

impl Segment {
    /// The span of the segment after its signal phrase.
    pub fn body(&self) -> Range<usize> {
        match &self.prefix {
            Some(p) => p.end..self.span.end,
            None => self.span.clone(),
        }
    }
}

/// What separates a segment from the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joint {
    /// The first segment of the note.
    Start,
    /// A semicolon.
    Semicolon,
    /// A sentence end.
    Sentence,
    /// ", and" after a complete citation.
    And,
    /// "cited from", "quoted in", "cited in": the previous segment is
    /// quoted from this one.
    CitedFrom,
    /// "and No. 3 (1995)": another issue of the previous citation's work.
    Continuation,
}

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "vol", "vols", "no", "nos", "p", "pp", "ed", "eds", "al", "trans", "co", "inc", "ltd", "op",
    "f", "d", "l", "ll", "pap", "st", "dr", "mr", "mrs", "ms", "vs", "cf", "ch", "chap", "comp",
    "n", "nn", "ff", "fol", "ob", "jr", "sr", "univ", "dept", "gen", "col", "lt", "capt", "adm",
    "ibid", "e.g", "i.e", "etc", "esp", "repr", "rev", "ser", "pt", "sect", "sec", "para", "fig",
    "ms", "mss", "u.s", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "ca", "c", "cit", "loc", "id", "fond", "delo", "opis", "listy", "list", "papka",
    "r", // Role words before names: "ed., trans. and intro. Ann Hill".
    "intro", "introd",
    "pref", // Titles before names: "trans. Fr. Ivo Lane", "Prof. Ann Hill".
    "fr", "prof",
];

/// True when the word ending just before `dot` is an abbreviation or an
/// initial, so the period does not end a sentence.
fn is_abbreviation_before(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | ',' | ';'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap();
    // A single capital letter is an initial ("A. V. Torkunov").
    if chars.next().is_none() && first.is_uppercase() {
        return true;
    }
    // Initials printed together ("I.I. Lorn", "ed. E.L. Dask", "S.P.C.K.").
    let joined = word.trim_start_matches(['“', '"', '(']);
    if joined.contains('.')
        && joined.split('.').all(|p| {
            let mut c = p.chars();
            c.next().is_some_and(char::is_uppercase) && c.next().is_none()
        })
    {
        return true;
    }
    // The abbreviations are ASCII without a 'k' (the Kelvin sign is the
    // only non-ASCII char that lowercases to an ASCII letter), so an ASCII
    // case-insensitive compare matches exactly what full lowercasing would.
    let word = word.trim_start_matches(['“', '"', '(']);
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Share of letters that are Cyrillic, to tell Russian notes apart.
pub fn cyrillic_share(text: &str) -> f32 {
    let (cyrillic, letters) = cyrillic_letters(text);
    if letters == 0 {
        0.0
    } else {
        cyrillic as f32 / letters as f32
    }
}

/// Share of letters that are Cyrillic outside English quotation marks
/// (“...”): a Chicago note that quotes a Russian title ("Ann Lee,
/// “Записка о мире,” Путь 5 (1936): 17.") is not a Russian note. The
/// whole text's share when everything is quoted.
fn cyrillic_share_outside_quotes(text: &str) -> f32 {
    if !holds_cyrillic(text) {
        return 0.0;
    }
    let (mut cyrillic, mut letters) = (0u32, 0u32);
    let mut rest = text;
    while let Some(open) = rest.find('“') {
        let (c, l) = cyrillic_letters(&rest[..open]);
        cyrillic += c;
        letters += l;
        let inside = &rest[open + '“'.len_utf8()..];
        match inside.find('”') {
            Some(close) => rest = &inside[close + '”'.len_utf8()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    let (c, l) = cyrillic_letters(rest);
    cyrillic += c;
    letters += l;
    if letters == 0 {
        cyrillic_share(text)
    } else {
        cyrillic as f32 / letters as f32
    }
}

/// True when `before` (a stretch of an English note up to a period)
/// ends in Russian: from its first Cyrillic letter on, it is mostly
/// Cyrillic outside quotations. An English lead ("For more, see Иванов И.
/// И. Указ. соч.") does not count against the Russian citation after it.
fn russian_since(before: &str) -> bool {
    before
        .bytes()
        .position(|b| (0xD0..=0xD3).contains(&b))
        .is_some_and(|first| cyrillic_share_outside_quotes(&before[first..]) > 0.5)
}

/// False when `text` holds no char of the Cyrillic block (U+0400..U+04FF,
/// whose UTF-8 lead bytes are 0xD0 to 0xD3, bytes no other char opens
/// with): its Cyrillic share is then 0 without counting its letters (most
/// notes of an English text), and so is that of every stretch of it.
pub fn holds_cyrillic(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3(0xD0, 0xD1, 0xD2, bytes).is_some() || memchr::memchr(0xD3, bytes).is_some()
}

/// Counts the Cyrillic letters and all the letters of `text` (the chars
/// that are `char::is_alphabetic`, and of them those of the Cyrillic block
/// U+0400..U+04FF).
pub fn cyrillic_letters(text: &str) -> (u32, u32) {
    // Counted over the bytes, 32 at a time: ASCII letters (non-ASCII bytes
    // never count: `b | 0x20` is then past 'z') and the lead bytes 0xD0,
    // 0xD1 and 0xD3, which open Cyrillic letters only (U+0400..U+047F,
    // U+04C0..U+04FF). Only the chars opened by another lead byte are
    // decoded and looked up, in the stretches that hold one: 0xD2 opens
    // the Cyrillic signs U+0482..U+0489 as well as letters, the rest open
    // other scripts and punctuation, except 0xE2 0x80, which opens
    // U+2000..U+203F (spaces, dashes and quotation marks, no letter).
    let bytes = text.as_bytes();
    let (mut cyrillic, mut letters) = (0u32, 0u32);
    let ascii_letter = |b: u8| u8::from((b | 0x20).wrapping_sub(b'a') < 26);
    let cyrillic_lead = |b: u8| u8::from(matches!(b, 0xD0 | 0xD1 | 0xD3));
    // `next` is the byte after `b` (any but 0x80 at the end of the text).
    let other_lead = |b: u8, next: u8| {
        b >= 0xC0 && !matches!(b, 0xD0 | 0xD1 | 0xD3) && (b != 0xE2 || next != 0x80)
    };
    let mut decode = |at: usize| {
        if let Some(c) = text[at..].chars().next() {
            if crate::text::is_alphabetic(c) {
                letters += 1;
                cyrillic += u32::from(('\u{0400}'..='\u{04FF}').contains(&c));
            }
        }
    };
    const CHUNK: usize = 32;
    let (mut ascii, mut russian) = (0u32, 0u32);
    // One chunk and the bytes after each of its bytes.
    let mut count = |start: usize, chunk: &[u8; CHUNK], next: &[u8; CHUNK]| {
        let (mut a, mut r, mut other) = (0u8, 0u8, false);
        for (&b, &n) in chunk.iter().zip(next) {
            a += ascii_letter(b);
            r += cyrillic_lead(b);
            other |= other_lead(b, n);
        }
        ascii += u32::from(a);
        russian += u32::from(r);
        if other {
            for (i, (&b, &n)) in chunk.iter().zip(next).enumerate() {
                if other_lead(b, n) {
                    decode(start + i);
                }
            }
        }
    };
    // Whole chunks, each followed by a byte of the text; then the rest,
    // 1 to 32 bytes, padded with zero bytes (which count as nothing).
    let whole = bytes.len().saturating_sub(1) / CHUNK * CHUNK;
    for start in (0..whole).step_by(CHUNK) {
        let chunk = bytes[start..start + CHUNK].try_into().expect("a chunk");
        let next = bytes[start + 1..start + 1 + CHUNK]
            .try_into()
            .expect("a chunk");
        count(start, chunk, next);
    }
    let mut rest = [0u8; CHUNK + 1];
    rest[..bytes.len() - whole].copy_from_slice(&bytes[whole..]);
    let chunk = rest[..CHUNK].try_into().expect("a chunk");
    let next = rest[1..].try_into().expect("a chunk");
    count(whole, chunk, next);
    (cyrillic + russian, letters + ascii + russian)
}

/// What splitting asks of the grammars. Where one citation ends and the
/// next begins depends on a few shapes that only the grammars know: a GOST
/// note's semicolon may sit inside "М.; Л." (two places of publication);
/// a sentence end may be followed by an Ibid.'s pinpoint; "Ф. 3. Оп. 65.
/// Д. 5" prints its archival levels each closed by a period. The parse
/// stage, which comes after this one, answers these questions
/// (`parse::Boundaries`), and whoever runs the pipeline hands its answers
/// in; this stage never imports the grammars, so data flows one way.
pub trait Boundaries {
    /// The byte spans of a GOST note's citations: the note cut at the
    /// semicolons that open a new citation.
    fn gost_citations(&self, note: &str) -> Vec<Range<usize>>;
    /// True if `s` opens with a pinpoint ("Vol. 2, p. 5").
    fn opens_with_pinpoint(&self, s: &str) -> bool;
    /// The byte length of a run of two or more archival levels that opens
    /// `s` ("Ф. 3. Оп. 65. Д. 5. Л. 1–3"), if it opens with one.
    fn archival_levels_len(&self, s: &str) -> Option<usize>;
    /// The byte length of a role phrase that opens `s` ("ed.", "trans.",
    /// "edited by"), if it opens with one: a role after a comma closes a
    /// title.
    fn role_len(&self, s: &str) -> Option<usize>;
}

/// The bytes the scan of [`split_note`] looks at: brackets, quotation
/// marks, the punctuation that may cut, and the lead bytes of the curly
/// and angle quotation marks and dashes (0xC2, 0xE2). A space matters
/// only before "and " (the scan finds those apart: [`AND`]).
const MAY_CUT: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"([)]\";.,";
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table[0xC2] = true;
    table[0xE2] = true;
    table
};

/// What a space must open to cut a note: every cut at a space is before
/// "and " ([`split_note`]).
const AND: &[u8] = b" and ";

/// Where the next [`AND`] opens at or after `at` (the text's length when
/// none does).
fn next_and(bytes: &[u8], at: usize) -> usize {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new(AND));
    bytes
        .get(at..)
        .and_then(|rest| finder.find(rest))
        .map_or(bytes.len(), |k| at + k)
}

/// Splits a note into segments, each with its signal phrase; `grammars`
/// answers the questions of [`Boundaries`].
pub fn split_note(text: &str, grammars: &dyn Boundaries) -> Vec<Segment> {
    let russian = cyrillic_share_outside_quotes(text) > 0.5;
    if russian {
        // GOST notes: semicolons, except inside "М.; Л." and statements of
        // responsibility (see the GOST grammar).
        let mut out = Vec::new();
        for (k, r) in grammars.gost_citations(text).into_iter().enumerate() {
            let joint = if k == 0 {
                Joint::Start
            } else {
                Joint::Semicolon
            };
            let prefix = russian_signal(&text[r.clone()]).map(|len| r.start..r.start + len);
            out.push(Segment {
                span: r,
                prefix,
                joint,
            });
        }
        return out;
    }
    let mut cuts: Vec<(usize, usize, Joint)> = Vec::new(); // (end of previous, start of next, joint)
    let bytes = text.as_bytes();
    let mut depth: i32 = 0;
    let mut in_curly = false;
    let mut in_straight = false;
    let mut last_close_paren: Option<usize> = None;
    // Where the last curly quotation opened.
    let mut quote_open = 0;
    // The next space that opens "and " (a space elsewhere cuts nothing).
    let mut and_at = next_and(bytes, 0);
    // (A note with no Cyrillic letter holds no Russian citation.)
    let cyrillic_in_note = holds_cyrillic(text);
    let mut at = 0;
    while at < bytes.len() {
        let i = at;
        // Only these ASCII bytes and the curly and angle quotation marks
        // (lead bytes 0xC2, 0xE2) matter: letters and digits are passed
        // over without decoding.
        let c = match bytes[i] {
            b @ (b'(' | b'[' | b')' | b']' | b'"' | b';' | b'.' | b',' | b' ') => char::from(b),
            0xC2 | 0xE2 => text[i..].chars().next().unwrap_or(' '),
            _ => {
                // Passed over up to the next byte that may matter, or the
                // next space before "and ".
                at += 1;
                if and_at < at {
                    and_at = next_and(bytes, at);
                }
                at += bytes[at..and_at]
                    .iter()
                    .position(|&b| MAY_CUT[usize::from(b)])
                    .unwrap_or(and_at - at);
                continue;
            }
        };
        at += c.len_utf8();
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => {
                depth = (depth - 1).max(0);
                if depth == 0 {
                    last_close_paren = Some(i);
                }
            }
            '“' | '«' => {
                in_curly = true;
                quote_open = i;
            }
            '”' | '»' => {
                in_curly = false;
                // “... as he put it.” Ann Lee, Faith (Boston: Beacon,
                // 2001): a quotation that ends a sentence is prose before
                // the citation; a title after "Name, " is not cut off.
                let ends_sentence = text[..i].ends_with(['.', '?', '!']);
                let rest = &text[i + c.len_utf8()..];
                let trimmed = rest.trim_start();
                let next_capital =
                    trimmed.len() < rest.len() && trimmed.starts_with(|c: char| c.is_uppercase());
                let after_comma = text[..quote_open].trim_end().ends_with(',');
                if depth == 0 && !russian && ends_sentence && next_capital && !after_comma {
                    cuts.push((
                        i + c.len_utf8(),
                        text.len() - trimmed.len(),
                        Joint::Sentence,
                    ));
                }
            }
            '"' => in_straight = !in_straight,
            _ => {}
        }
        if depth > 0 || in_curly || in_straight {
            continue;
        }
        match c {
            ';' => cuts.push((i, i + 1, Joint::Semicolon)),
            '.' if !russian => {
                let rest = &text[i + 1..];
                let trimmed = rest.trim_start();
                if trimmed.len() == rest.len() || trimmed.is_empty() {
                    continue;
                }
                let next = trimmed.chars().next().unwrap();
                if !(next.is_uppercase() || crate::text::is_open_quote(next) || next == '‘') {
                    continue;
                }
                if let Some(len) = grammars.archival_levels_len(trimmed) {
                    at = text.len() - trimmed.len() + len;
                    continue;
                }
                let seg_start = cuts.last().map_or(0, |c| c.1);
                if cyrillic_in_note
                    && ('\u{0400}'..='\u{04FF}').contains(&next)
                    && russian_since(&text[seg_start..i])
                {
                    // "Ann Lee, Ice (Dover: Elm, 2001), 4; see Иванов И.
                    // И. Лёд // Вопросы истории. 2001. № 1. С. 5.": in a
                    // Russian citation, a period before a Russian word
                    // parts its areas, not sentences, as in a note that is
                    // Russian throughout.
                    continue;
                }
                // "Ibid. See further Ann Lee, ...": a sentence after an
                // Ibid. that is not its pinpoint ("Ibid. Vol. 2, p. 5").
                let after_ibid = text[..i]
                    .get(i.saturating_sub(4)..)
                    .is_some_and(|w| w.eq_ignore_ascii_case("ibid"))
                    && text[..i.saturating_sub(4)]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
                    && !grammars.opens_with_pinpoint(trimmed);
                if is_abbreviation_before(text, i) && !after_ibid {
                    continue;
                }
                if title_runs_on(&text[seg_start..i], trimmed, grammars) {
                    continue;
                }
                cuts.push((i, text.len() - trimmed.len(), Joint::Sentence));
            }
            ',' => {
                let rest = &text[i + 1..];
                let trimmed = rest.trim_start();
                let after_paren =
                    last_close_paren.is_some_and(|p| text[p + 1..i].trim().is_empty());
                // "Acheson, Present at the Creation, 405–7, and Truman, ...":
                // ", and" after a pinpoint starts the next citation.
                let after_pinpoint = text[..i].trim_end().ends_with(|c: char| c.is_ascii_digit())
                    && trimmed
                        .get(4..)
                        .is_some_and(|r| r.starts_with(char::is_uppercase));
                if (after_paren || after_pinpoint) && trimmed.starts_with("and ") {
                    cuts.push((i, text.len() - trimmed.len() + 4, Joint::And));
                } else if let Some(len) = cited_from_len(trimmed) {
                    cuts.push((i, text.len() - trimmed.len() + len, Joint::CitedFrom));
                }
            }
            ' ' => {
                let rest = &text[i + 1..];
                // "(Stuttgart: Kreuz, 1979) and Ann Lee, ...": "and" after
                // an imprint starts the next citation.
                if rest.starts_with("and ")
                    && text[..i].ends_with(')')
                    && last_close_paren.is_some_and(|p| p + 1 == i)
                    && rest[4..].starts_with(|c: char| c.is_uppercase())
                    && closes_imprint(&text[..i])
                {
                    cuts.push((i, i + 5, Joint::And));
                    continue;
                }
                // "...: 435–51 and Ann B. Lee, “Title,” ...": "and" after a
                // journal's pages and before a name and a quoted title
                // starts the next citation.
                if rest.starts_with("and ")
                    && text[..i].ends_with(|c: char| c.is_ascii_digit())
                    && last_close_paren.is_some()
                    && name_then_quoted_title(&rest[4..])
                {
                    cuts.push((i, i + 5, Joint::And));
                    continue;
                }
                if rest.starts_with('a')
                    && (rest.starts_with("and No. ") || rest.starts_with("and Nos. "))
                {
                    // Only after a locator, i.e. after a digit.
                    let before = text[..i].trim_end();
                    if before.ends_with(|c: char| c.is_ascii_digit()) {
                        cuts.push((i, i + 5, Joint::Continuation));
                    }
                }
            }
            '—' if !russian => {
                // "..., 160–161—all of whom agree": prose after a
                // pinpoint is not part of the citation.
                let before = text[..i].trim_end();
                let after = &text[i + c.len_utf8()..];
                if before.ends_with(|c: char| c.is_ascii_digit())
                    && after.starts_with(|c: char| c.is_lowercase())
                {
                    cuts.push((i, i + c.len_utf8(), Joint::Sentence));
                }
            }
            _ => {}
        }
    }

    let mut segments = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    let mut joint = Joint::Start;
    let keywords = InnerKeywords::of(text);
    for (end, next_start, next_joint) in cuts {
        push_segment(text, start..end, joint, &keywords, &mut segments);
        start = next_start;
        joint = next_joint;
    }
    push_segment(text, start..text.len(), joint, &keywords, &mut segments);
    segments
}

/// True when the period ending `before` (the segment so far) parts a
/// title from its subtitle rather than two sentences: "Ann Lee, Winter
/// Tales. Essays on Ice (Dover: Elm, 2001)", "Ann Lee, “Frost,” in Winter
/// Tales. Essays on Ice, ed. Bo Lund (...)", "“Frost,” Winter Review.
/// Studies in Ice 4, no. 1 (2001)". The title before the period follows a
/// comma (after the names, a quoted title, or "in") and holds no digit;
/// the words after it are not names and run, before any other sentence
/// end or quotation, into what follows a title: an imprint with a year, a
/// role ("ed.", "trans."), a volume or a number.
fn title_runs_on(before: &str, after: &str, grammars: &dyn Boundaries) -> bool {
    // The title before the period: after the last ", " or ",” ".
    let Some(open) = [", ", ",\u{201d} "]
        .iter()
        .filter_map(|o| before.rfind(o).map(|i| i + o.len()))
        .max()
    else {
        return false;
    };
    let tail = before[open..]
        .strip_prefix("in ")
        .unwrap_or(&before[open..]);
    let words = tail.split_whitespace().count();
    if !(1..=12).contains(&words)
        || !tail.starts_with(char::is_uppercase)
        || tail.contains(|c: char| {
            c.is_ascii_digit()
                || matches!(c, '(' | ')' | '[' | ']' | ';' | ':' | '"')
                || crate::text::is_open_quote(c)
                || c == '\u{201d}'
        })
    {
        return false;
    }
    let Some(len) = subtitle_len(after, grammars) else {
        return false;
    };
    // A sentence that opens with a signal ("Cf. ...", "For more, see
    // ...") is a new one; "Winter Tales. Part 2 (...)" numbers a volume,
    // it is no subtitle.
    let first_chunk = after[..len].split(',').next().unwrap_or("");
    let numbered = first_chunk
        .split_whitespace()
        .next_back()
        .is_some_and(|w| w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()));
    signal_phrase(&after[..len]).is_none() && !numbered
}

/// Length of the subtitle opening `after` when it runs, before any other
/// sentence end or quotation, into what closes a title (see
/// [`title_runs_on`]); None when it does not.
fn subtitle_len(after: &str, grammars: &dyn Boundaries) -> Option<usize> {
    let mut first_chunk = true;
    for (at, c) in after.char_indices().take_while(|&(at, _)| at < 300) {
        match c {
            '(' => {
                let group = after[at..].split(')').next().unwrap_or("");
                return (closes_imprint(group) && at > 0).then_some(at);
            }
            ',' => {
                let chunk = &after[..at];
                let rest = after[at + 1..].trim_start();
                // "Title, ed. Bo Lund": a role before names closes a
                // title; "Ann Lee and Bo Lund, eds., Title" names editors.
                if let Some(len) = grammars.role_len(rest) {
                    let editors_first = rest[len..].trim_start().starts_with(',');
                    return (!(editors_first && first_chunk && names_only(chunk))).then_some(at);
                }
                let marks_title_end = rest.starts_with(|c: char| c.is_ascii_digit())
                    || ["vol. ", "no. ", "Vol. ", "No. "]
                        .iter()
                        .any(|m| rest.starts_with(m));
                if marks_title_end {
                    return (!(first_chunk && names_only(chunk))).then_some(at);
                }
                if first_chunk && names_only(chunk) {
                    return None;
                }
                first_chunk = false;
            }
            ';' | '"' => return None,
            '.' => {
                let next = after[at + 1..].trim_start();
                if after[at + 1..].starts_with(' ')
                    && next.starts_with(char::is_uppercase)
                    && !is_abbreviation_before(after, at)
                {
                    return None;
                }
            }
            c if crate::text::is_open_quote(c) || c == '\u{201d}' => return None,
            _ => {}
        }
    }
    None
}

/// True when `chunk` reads as names only: up to eight words, each
/// capitalized or a connector or particle ("Ann Lee and Bo van Dam").
fn names_only(chunk: &str) -> bool {
    let words: Vec<&str> = chunk.split_whitespace().collect();
    (1..=8).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                || matches!(
                    *w,
                    "and" | "&" | "de" | "van" | "von" | "der" | "da" | "di" | "du" | "le" | "la"
                )
        })
}

/// True when `s` opens with a person's name (two to four capitalized
/// words or initials) and a comma, then a quoted title: "Ann B. Lee,
/// “Title,” ...".
fn name_then_quoted_title(s: &str) -> bool {
    let Some((name, rest)) = s.split_once(',') else {
        return false;
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && rest
            .trim_start()
            .starts_with(|c: char| crate::text::is_open_quote(c) || c == '‘')
}

/// True when `s` ends with a parenthesized group holding a year: an
/// imprint or a journal's date.
fn closes_imprint(s: &str) -> bool {
    let Some(open) = s.rfind('(') else {
        return false;
    };
    s[open..]
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && (w.starts_with('1') || w.starts_with('2')))
}

/// Length of a "cited from" / "quoted in" / "cited in" phrase at the start.
fn cited_from_len(s: &str) -> Option<usize> {
    [
        "cited from ",
        "cited in ",
        "quoted in ",
        "quoted from ",
        "as cited in ",
    ]
    .iter()
    .find(|p| s.starts_with(*p))
    .map(|p| p.len())
}

fn push_segment(
    text: &str,
    span: Range<usize>,
    joint: Joint,
    keywords: &InnerKeywords,
    out: &mut Vec<Segment>,
) {
    let raw = &text[span.clone()];
    let lead = raw.len() - raw.trim_start().len();
    let trail = raw.len() - raw.trim_end().len();
    let span = span.start + lead..span.end - trail;
    if span.is_empty() {
        return;
    }
    let inner = keywords.starts_within(&span);
    let prefix =
        signal_phrase_in(&text[span.clone()], &inner).map(|len| span.start..span.start + len);
    out.push(Segment {
        span,
        prefix,
        joint,
    });
}

/// The signal phrases of `data/signal-phrases.txt` of one kind ("lead",
/// "inner" or "ru"), in the order of the file.
fn signals(kind: &str) -> &'static [&'static str] {
    static TABLE: std::sync::OnceLock<[Vec<&'static str>; 3]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: [Vec<&'static str>; 3] = Default::default();
        for line in include_str!("../../data/signal-phrases.txt").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((k, phrase)) = line.split_once('\t') else {
                continue;
            };
            let slot = match k.trim() {
                "lead" => 0,
                "inner" => 1,
                "ru" => 2,
                _ => continue,
            };
            if !phrase.trim().is_empty() {
                t[slot].push(phrase.trim());
            }
        }
        t
    });
    match kind {
        "lead" => &table[0],
        "inner" => &table[1],
        _ => &table[2],
    }
}

/// The "inner" signal phrases as searched for: a space before a phrase
/// that opens with a word, and a space after every phrase; lowercase.
fn inner_patterns() -> &'static [String] {
    static LIST: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        signals("inner")
            .iter()
            .map(|p| {
                let lower = p.to_ascii_lowercase();
                if lower.starts_with([',', '”']) {
                    format!("{lower} ")
                } else {
                    format!(" {lower} ")
                }
            })
            .collect()
    })
}

/// Length of a Russian signal phrase, which ends in a colon: "См.:", "См.
/// также:", "Цит. по:", "Текст см., напр.:", "Опубликовано в:", or a lead
/// that ends in one ("Подробнее см.:", "Об этом см.:").
fn russian_signal(s: &str) -> Option<usize> {
    /// The last bytes of the "ru" phrases: a text before the colon that
    /// ends in none of them ends in no phrase (most colons of a note are
    /// an imprint's "Place: Publisher").
    static LAST_BYTES: std::sync::OnceLock<[bool; 256]> = std::sync::OnceLock::new();
    // The colon closes a short lead: looked for in the first 80 bytes.
    let colon = memchr::memchr(b':', &s.as_bytes()[..s.len().min(80)])?;
    let head = s[..colon].trim_end();
    let last_bytes = LAST_BYTES.get_or_init(|| {
        let mut set = [false; 256];
        for e in signals("ru") {
            if let Some(&b) = e.as_bytes().last() {
                set[usize::from(b)] = true;
            }
        }
        set
    });
    if !head
        .as_bytes()
        .last()
        .is_some_and(|&b| last_bytes[usize::from(b)])
    {
        return None;
    }
    let ends = signals("ru").iter().any(|e| {
        head.strip_suffix(e)
            .is_some_and(|before| before.is_empty() || before.ends_with(' '))
    });
    if !ends {
        return None;
    }
    let rest = &s[colon + 1..];
    Some(colon + 1 + rest.len() - rest.trim_start().len())
}

/// Length of the signal phrase opening a segment: a plain signal ("See
/// also") or a discursive lead that ends in one ("For discussions, see",
/// "A short account is found in"). The length covers the following white
/// space.
pub fn signal_phrase(s: &str) -> Option<usize> {
    signal_phrase_in(s, std::slice::from_ref(&(0..s.len())))
}

/// [`signal_phrase`], told that an "inner" signal phrase of `s` can start
/// only within `inner_starts` (sorted stretches of byte offsets, from
/// [`InnerKeywords::starts_within`]): the search for one is made only
/// there, and not at all when there are none.
fn signal_phrase_in(s: &str, inner_starts: &[Range<usize>]) -> Option<usize> {
    if let Some(len) = russian_signal(s) {
        return Some(len);
    }
    // The signals are ASCII: they are compared on bytes, ASCII
    // case-insensitively, which keeps byte offsets into `s`.
    let bytes = s.as_bytes();
    let mut lead = None;
    let first = bytes.first().map_or(0, u8::to_ascii_lowercase);
    for sig in signals("lead") {
        let sig = sig.as_bytes();
        if bytes.len() > sig.len()
            && sig[0].to_ascii_lowercase() == first
            && bytes[..sig.len()].eq_ignore_ascii_case(sig)
            && bytes[sig.len()] == b' '
        {
            let mut len = sig.len();
            len += s[len..].len() - s[len..].trim_start().len();
            // "see in Cold War ..." keeps "in" with the signal.
            if s[len..].starts_with("in ") {
                len += 3;
            }
            // A signal followed by the names or title ends there;
            // "Compare the English translation in X" goes on to the
            // inner signal.
            if s[len..].starts_with(|c: char| !c.is_lowercase()) {
                return Some(len);
            }
            lead = Some(len);
            break;
        }
    }
    // A discursive lead: "..., see X", "... see also X", "... is found in
    // X". The last such signal before a capitalized word or a quotation
    // mark wins.
    let mut best = lead;
    if inner_starts.is_empty() {
        return best;
    }
    inner_signals(bytes, inner_starts, |at, pat| {
        let mut end = at + pat.len();
        if s[end..].starts_with("in ") {
            end += 3;
        }
        let next = s[end..].chars().next();
        if next.is_some_and(|c| c.is_uppercase() || crate::text::is_open_quote(c)) {
            best = Some(best.map_or(end, |b: usize| b.max(end)));
        }
    });
    best
}

/// Where the keywords of the "inner" signal phrases occur in a note: a
/// phrase's keyword is its longest run of ASCII letters ("see", "found",
/// "forthcoming"), which every occurrence of the phrase holds, so a
/// segment that holds none of the keywords holds no phrase and is not
/// scanned for one. The note is lowercased and searched once for all the
/// keywords (aho-corasick, leftmost-first, which searches with a vector
/// prefilter), instead of every segment being scanned at every space.
///
/// The search does not report a keyword that overlaps one found before
/// it, nor a keyword that holds another (only "appear" is searched for
/// "appears"): a segment holding one still holds one that is found.
/// Keywords are ASCII letters, so overlapping ones lie in one run of
/// ASCII letters, and no segment starts or ends inside such a run (a
/// segment is cut at punctuation, white space or a dash, and trimmed of
/// white space).
struct InnerKeywords {
    /// The byte spans of the keywords found, in no order; None when a
    /// phrase has no keyword (no ASCII letter): every segment may then
    /// hold one.
    found: Option<Vec<Range<usize>>>,
}

impl InnerKeywords {
    /// Finds the keywords in `text`, ASCII case ignored (as the phrases
    /// are compared).
    fn of(text: &str) -> InnerKeywords {
        static SEARCHER: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> =
            std::sync::OnceLock::new();
        let searcher = SEARCHER.get_or_init(|| {
            let words: Vec<String> = inner_patterns()
                .iter()
                .map(|p| {
                    p.split(|c: char| !c.is_ascii_alphabetic())
                        .max_by_key(|w| w.len())
                        .filter(|w| !w.is_empty())
                        .map(str::to_ascii_lowercase)
                })
                .collect::<Option<_>>()?;
            // A keyword that holds another is found where that one is.
            let mut cores: Vec<&String> = words
                .iter()
                .filter(|w| {
                    !words
                        .iter()
                        .any(|o| o.len() < w.len() && w.contains(o.as_str()))
                })
                .collect();
            cores.sort();
            cores.dedup();
            let searcher = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(cores)
                .expect("a few short keywords");
            Some(searcher)
        });
        let found = searcher.as_ref().map(|searcher| {
            let lower = text.as_bytes().to_ascii_lowercase();
            searcher.find_iter(&lower).map(|m| m.range()).collect()
        });
        InnerKeywords { found }
    }

    /// True when a keyword lies wholly within `span`: a segment there may
    /// hold an "inner" signal phrase.
    #[cfg(test)]
    fn within(&self, span: &Range<usize>) -> bool {
        !self.starts_within(span).is_empty()
    }

    /// Where in the segment at `span` an "inner" signal phrase may start,
    /// as sorted, disjoint stretches of byte offsets into the segment
    /// (none when it holds no keyword; all of it when a phrase has no
    /// keyword). An occurrence of a phrase holds its keyword as a whole
    /// run of ASCII letters, and the search reports a keyword inside every
    /// such run that holds one: the phrase starts at most the longest
    /// phrase's length before the end of a keyword found in the segment,
    /// and not after its start.
    fn starts_within(&self, span: &Range<usize>) -> Vec<Range<usize>> {
        let Some(found) = &self.found else {
            return std::iter::once(0..span.len()).collect();
        };
        let longest = inner_patterns().iter().map(String::len).max().unwrap_or(0);
        let mut starts: Vec<Range<usize>> = found
            .iter()
            .filter(|k| k.start >= span.start && k.end <= span.end)
            .map(|k| (k.end - span.start).saturating_sub(longest)..k.start - span.start + 1)
            .collect();
        starts.sort_unstable_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(starts.len());
        for r in starts {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// The patterns of [`inner_patterns`] indexed by their first two bytes
/// (lowercased) for the scan of [`inner_signals`].
struct InnerIndex {
    /// For each byte, 0 if no pattern opens with it (in either case; most
    /// bytes of a text open none and are passed over at once), else one
    /// more than its row of `rows`.
    lead: [u8; 256],
    /// For each byte that opens a pattern, and each second byte
    /// (lowercased): the stretch of `order` holding the patterns that
    /// open with the two.
    rows: Vec<[(u8, u8); 256]>,
    /// Pattern numbers by their first two bytes, each pair's in pattern
    /// order.
    order: Vec<usize>,
}

/// Calls `found` with each place in `bytes` where a pattern of
/// [`inner_patterns`] occurs, ASCII case ignored, each pattern's
/// occurrences not overlapping one another (as `match_indices` would find
/// them in the lowercased text), in text order: one pass over the text,
/// comparing only at the positions whose first two bytes open a pattern,
/// instead of a lowercased copy and one search of the whole text per
/// pattern. Only the positions within `starts` (sorted, disjoint) are
/// tried: the caller knows that no pattern starts elsewhere.
fn inner_signals(
    bytes: &[u8],
    starts: &[Range<usize>],
    mut found: impl FnMut(usize, &'static str),
) {
    static INDEX: std::sync::OnceLock<InnerIndex> = std::sync::OnceLock::new();
    let patterns = inner_patterns();
    let index = INDEX.get_or_init(|| {
        let mut by_pair: Vec<(u8, u8, usize)> = patterns
            .iter()
            .enumerate()
            .filter_map(|(k, p)| match p.as_bytes() {
                [a, b, ..] => Some((a.to_ascii_lowercase(), b.to_ascii_lowercase(), k)),
                _ => None,
            })
            .collect();
        by_pair.sort_unstable();
        let mut lead = [0u8; 256];
        let mut rows: Vec<[(u8, u8); 256]> = Vec::new();
        for (at, &(a, b, _)) in by_pair.iter().enumerate() {
            if lead[usize::from(a)] == 0 {
                rows.push([(0, 0); 256]);
                let row = u8::try_from(rows.len()).expect("few inner signal phrases");
                lead[usize::from(a)] = row;
                lead[usize::from(a.to_ascii_uppercase())] = row;
            }
            let row = &mut rows[usize::from(lead[usize::from(a)]) - 1];
            let at = u8::try_from(at).expect("few inner signal phrases");
            let cell = &mut row[usize::from(b)];
            if cell.0 == cell.1 {
                *cell = (at, at);
            }
            cell.1 = at + 1;
        }
        InnerIndex {
            lead,
            rows,
            order: by_pair.iter().map(|&(_, _, k)| k).collect(),
        }
    });
    // Where each pattern may next occur; on the stack for the few
    // patterns of the data file.
    let mut on_stack = [0usize; 32];
    let mut on_heap;
    let free_from: &mut [usize] = if patterns.len() <= on_stack.len() {
        &mut on_stack[..patterns.len()]
    } else {
        on_heap = vec![0usize; patterns.len()];
        &mut on_heap
    };
    let Some(last) = bytes.len().checked_sub(1) else {
        return;
    };
    for stretch in starts {
        let end = stretch.end.min(last);
        let mut at = stretch.start;
        while let Some(skip) = bytes
            .get(at..end)
            .and_then(|b| b.iter().position(|&b| index.lead[usize::from(b)] != 0))
        {
            at += skip;
            let row = &index.rows[usize::from(index.lead[usize::from(bytes[at])]) - 1];
            let (from, to) = row[usize::from(bytes[at + 1].to_ascii_lowercase())];
            // In pattern order, as the patterns were searched one by one.
            for &k in &index.order[usize::from(from)..usize::from(to)] {
                let p = patterns[k].as_bytes();
                if at >= free_from[k]
                    && bytes.len() - at >= p.len()
                    && p.get(2)
                        .is_none_or(|&c| bytes[at + 2].to_ascii_lowercase() == c)
                    && bytes[at..at + p.len()].eq_ignore_ascii_case(p)
                {
                    found(at, patterns[k].as_str());
                    free_from[k] = at + p.len();
                }
            }
            at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_note(text: &str) -> Vec<Segment> {
        super::split_note(text, &crate::parse::Boundaries)
    }

    fn bodies(text: &str) -> Vec<&str> {
        split_note(text).iter().map(|s| &text[s.body()]).collect()
    }

    #[test]
    fn inner_phrases_are_looked_for_where_their_keywords_are() {
        let text = "On the frost, SEE ALSO Ann Lee, Ice, 4; Bo Dunn, Snow, 5.";
        let keywords = InnerKeywords::of(text);
        let first = 0..text.find(';').unwrap();
        let second = text.find("Bo").unwrap()..text.len();
        assert!(keywords.within(&first));
        assert!(!keywords.within(&second));
        // What the keywords allow is what the full search finds.
        for span in [first, second] {
            let s = &text[span.clone()];
            assert_eq!(
                signal_phrase_in(s, &keywords.starts_within(&span)),
                signal_phrase(s)
            );
        }
        assert_eq!(
            signal_phrase("On the frost, SEE ALSO Ann Lee, Ice, 4"),
            Some("On the frost, SEE ALSO ".len())
        );
    }

    #[test]
    fn inner_phrases_near_keywords_are_all_the_phrases() {
        // Every stretch of a made-up note that starts and ends beside a
        // byte that is no ASCII letter (where segments start and end):
        // the phrases found near its keywords are those a scan of all of
        // it finds, overlapping and repeated phrases included.
        let text = "Compare, see, e.g., the translation in Ann’s “see also” see see Also, \
                    cf. Bo, Snow, appears in X, is found in Y; in my forthcoming Z, \
                    foundations, see also  see, for example, Lund, and , see Ice.";
        let keywords = InnerKeywords::of(text);
        let bytes = text.as_bytes();
        let edge = |at: usize| {
            text.is_char_boundary(at)
                && (at == 0
                    || at == bytes.len()
                    || !bytes[at - 1].is_ascii_alphabetic()
                    || !bytes[at].is_ascii_alphabetic())
        };
        let phrases = |s: &str, starts: &[Range<usize>]| {
            let mut out = Vec::new();
            inner_signals(s.as_bytes(), starts, |at, p| out.push((at, p)));
            out
        };
        let mut tried = 0;
        for a in (0..=bytes.len()).filter(|&a| edge(a)) {
            for b in (a..=bytes.len()).filter(|&b| edge(b)) {
                let s = &text[a..b];
                let near = phrases(s, &keywords.starts_within(&(a..b)));
                assert_eq!(
                    near,
                    phrases(s, std::slice::from_ref(&(0..s.len()))),
                    "{s:?}"
                );
                tried += usize::from(!near.is_empty());
            }
        }
        assert!(tried > 1000);
    }

    #[test]
    fn semicolons_and_signals() {
        let t = "For discussions, see Mastny, The Cold War, Chapters 1 and 2; see also Zubok and Pleshakov, Inside, Chapter 2.";
        let segs = split_note(t);
        assert_eq!(segs.len(), 2);
        assert_eq!(&t[segs[0].prefix.clone().unwrap()], "For discussions, see ");
        assert_eq!(
            &t[segs[1].body()],
            "Zubok and Pleshakov, Inside, Chapter 2."
        );
    }

    #[test]
    fn a_sentence_after_an_ibid_is_cut() {
        assert_eq!(
            bodies("Ibid. See further A.S. Dunn, Frost Law (Dover: Elm, 2023)."),
            ["Ibid", "A.S. Dunn, Frost Law (Dover: Elm, 2023)."]
        );
        assert_eq!(bodies("Ibid. Vol. 2, p. 5."), ["Ibid. Vol. 2, p. 5."]);
        assert_eq!(bodies("Ibid. Chapter 3."), ["Ibid. Chapter 3."]);
    }

    #[test]
    fn initials_without_spaces_end_no_sentence() {
        assert_eq!(
            bodies("Ann Lee, “Ice,” in A.S. Dunn: Poet, ed. G.W.F. Hale (Dover: Elm, 2004), 140."),
            ["Ann Lee, “Ice,” in A.S. Dunn: Poet, ed. G.W.F. Hale (Dover: Elm, 2004), 140."]
        );
    }

    #[test]
    fn sentences_but_not_abbreviations() {
        let t = "Telegram from A. Y. (Gromyko) to Shtykov, SD00245. For the English translation of this archive, see Cold War International History Project Bulletin, No. 5 (Spring 1995), p. 6.";
        let b = bodies(t);
        assert_eq!(b.len(), 2);
        assert_eq!(
            b[1],
            "Cold War International History Project Bulletin, No. 5 (Spring 1995), p. 6."
        );
    }

    #[test]
    fn quotes_protect_periods() {
        let t = "John W. Garver, “Polemics in the 1950s.”  The Journal, Vol. 3, No. 1 (Spring 1994), pp. 27-28.";
        assert_eq!(bodies(t).len(), 1);
    }

    #[test]
    fn and_after_publication_facts() {
        let t = "A. Author, Title (Moscow: Press, 1995), and Kathryn Weathersby’s manuscript Stalin’s Last War.";
        let b = bodies(t);
        assert_eq!(
            b,
            vec![
                "A. Author, Title (Moscow: Press, 1995)",
                "Kathryn Weathersby’s manuscript Stalin’s Last War."
            ]
        );
    }

    #[test]
    fn a_subtitle_after_a_period_is_not_a_sentence() {
        assert_eq!(
            bodies(
                "Ann Hill, “Frost,” in Winter Tales. Essays on Ice (Kiel: Nordlicht, 2001), 12."
            ),
            ["Ann Hill, “Frost,” in Winter Tales. Essays on Ice (Kiel: Nordlicht, 2001), 12."]
        );
        // Names, a signal or a numbered volume after the period: two
        // sentences.
        assert_eq!(
            bodies("Ann Hill, Frost Lore. Carl Moss, Ice Ages (Kiel: Nordlicht, 1992)."),
            [
                "Ann Hill, Frost Lore",
                "Carl Moss, Ice Ages (Kiel: Nordlicht, 1992)."
            ]
        );
        assert_eq!(
            bodies("Ann Hill, Frost Lore. For more, see Ice Ages (Kiel: Nordlicht, 1992).").len(),
            2
        );
        assert_eq!(
            bodies("A. Hill et al., eds., Frost grammar. Part 1 (Kiel: Nordlicht, 1980), 170.")
                .len(),
            2
        );
    }

    #[test]
    fn letters_counted_as_chars_are() {
        let t = "Иванов И. И. «Название» — Ёлка, ҂ Ӏ 1995; naïve Straße №5 “x”";
        let letters = t.chars().filter(|c| c.is_alphabetic()).count() as u32;
        let cyrillic = t
            .chars()
            .filter(|c| c.is_alphabetic() && ('\u{0400}'..='\u{04FF}').contains(c))
            .count() as u32;
        assert_eq!(cyrillic_letters(t), (cyrillic, letters));
    }

    /// What [`cyrillic_letters`] counts, char by char.
    fn cyrillic_letters_by_chars(t: &str) -> (u32, u32) {
        let letters = t.chars().filter(|c| c.is_alphabetic());
        let cyrillic = letters
            .clone()
            .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c))
            .count();
        (cyrillic as u32, letters.count() as u32)
    }

    #[test]
    fn a_text_holds_cyrillic_when_a_char_of_the_block_is_in_it() {
        // Every char of the block and its neighbours, alone and inside
        // Latin text; a text without one counts no Cyrillic letter.
        for c in ('\u{0300}'..='\u{0600}').chain(['\u{2116}', 'ß', '“', 'Ǆ']) {
            let in_block = ('\u{0400}'..='\u{04FF}').contains(&c);
            for t in [c.to_string(), format!("Ann Lee{c}, Frost, 12.")] {
                assert_eq!(holds_cyrillic(&t), in_block, "{c:?}");
                if !in_block {
                    assert_eq!(cyrillic_letters(&t).0, 0, "{c:?}");
                    assert_eq!(cyrillic_share_outside_quotes(&t), 0.0, "{c:?}");
                }
            }
        }
    }

    #[test]
    fn letters_of_a_text_are_those_of_its_parts() {
        // The retry of the parse stage counts a suffix's letters as the
        // whole's less its prefix's: counts add up at every char boundary.
        let text = "См. “Frost” — Ёлкин, Ивáн: 12 – Lee’s ‹x› ԁ ӿ Ǆ";
        let whole = cyrillic_letters(text);
        for (at, _) in text.char_indices() {
            let (a, b) = (cyrillic_letters(&text[..at]), cyrillic_letters(&text[at..]));
            assert_eq!((a.0 + b.0, a.1 + b.1), whole, "{at}");
        }
    }

    #[test]
    fn letters_counted_by_bytes_as_by_chars() {
        // Every char of the Cyrillic block and its neighbours one by one,
        // then all of them in one text (read in whole chunks of bytes),
        // and texts of every length around the chunk size.
        let block: Vec<char> = ('\u{0300}'..='\u{0600}').collect();
        for &c in &block {
            let t = c.to_string();
            assert_eq!(cyrillic_letters(&t), cyrillic_letters_by_chars(&t), "{c:?}");
        }
        let all: String = block.iter().collect();
        assert_eq!(cyrillic_letters(&all), cyrillic_letters_by_chars(&all));
        let mixed = "Ann Lee, “Ёлка ґ҂ Ӏ,” naïve Straße №5, µ ª; Иванов И. И. ";
        for n in 0..=mixed.chars().count() * 3 {
            let t: String = mixed.chars().cycle().take(n).collect();
            assert_eq!(cyrillic_letters(&t), cyrillic_letters_by_chars(&t), "{t}");
        }
        let everything: String = (0..0x3_0000).filter_map(char::from_u32).collect();
        assert_eq!(
            cyrillic_letters(&everything),
            cyrillic_letters_by_chars(&everything)
        );
    }

    #[test]
    fn archival_levels_with_periods_are_one_reference() {
        let t = "Chen Jian, Mao’s China (Chapel Hill: UNC Press, 2001), 12; Записка Зубок Л. Ф. Микоян А. С., 4 февраля 1939 г. — АП РФ. Ф. 275. Оп. 85. Д. 1222. Л. 288–294; see also Kotkin, Failed Crisis, 45. Chen, Mao’s China, 7.";
        assert_eq!(
            bodies(t),
            vec![
                "Chen Jian, Mao’s China (Chapel Hill: UNC Press, 2001), 12",
                "Записка Зубок Л. Ф. Микоян А. С., 4 февраля 1939 г. — АП РФ. Ф. 275. Оп. 85. Д. 1222. Л. 288–294",
                "Kotkin, Failed Crisis, 45",
                "Chen, Mao’s China, 7."
            ]
        );
    }

    #[test]
    fn russian_signals_end_in_a_colon() {
        fn len(s: &str) -> Option<&str> {
            russian_signal(s).map(|n| &s[..n])
        }
        assert_eq!(len("См.: Иванов И. И. Название."), Some("См.: "));
        assert_eq!(len("См. также: Иванов И. И."), Some("См. также: "));
        assert_eq!(len("Цит. по: Иванов И. И."), Some("Цит. по: "));
        assert_eq!(len("Подробнее см.: Иванов И. И."), Some("Подробнее см.: "));
        assert_eq!(
            len("Текст см., напр.: Петров П. П. Сборник. М., 1999."),
            Some("Текст см., напр.: ")
        );
        assert_eq!(
            len("Опубликован в: Петров П. П. Сборник. М., 1999."),
            Some("Опубликован в: ")
        );
        assert_eq!(
            len("Впервые опубликовано в: Вестник. 1995. № 3."),
            Some("Впервые опубликовано в: ")
        );
        // A colon that ends no signal: a title and its subtitle.
        assert_eq!(len("Иванов И. И. Война: Очерки. М., 2001."), None);
        assert_eq!(len("Рассм.: нет"), None);
    }

    #[test]
    fn russian_notes_keep_periods() {
        let t = "Иванов И. И. Название. М.: Наука, 2001. С. 12–14.";
        assert_eq!(bodies(t).len(), 1);
    }

    #[test]
    fn a_russian_citation_in_an_english_note_keeps_its_periods() {
        // The note is mostly English, so its periods may end sentences;
        // but within the Russian citation after the semicolon, a period
        // before a Russian word parts the citation's areas.
        let t = "Ann Lee, Long Winter: Ice and Snow in the North, 1900-1950 \
                 (Dover, DE: Elm Press, 2001), p. 4; Петров П. П. Зимняя дорога // \
                 Вестник севера. 2003. № 2. С. 14–19.";
        assert_eq!(
            bodies(t),
            [
                "Ann Lee, Long Winter: Ice and Snow in the North, 1900-1950 \
                 (Dover, DE: Elm Press, 2001), p. 4",
                "Петров П. П. Зимняя дорога // Вестник севера. 2003. № 2. С. 14–19."
            ]
        );
        let t = "On the frost and the long winters of the north, see Ann Lee, Long \
                 Winter (Dover, DE: Elm Press, 2001), 4; see also Петров П. П. Зимняя \
                 дорога: Очерки. СПб.: Север, 2006. С. 12.";
        assert_eq!(bodies(t).len(), 2, "{:?}", bodies(t));
        assert!(bodies(t)[1].ends_with("СПб.: Север, 2006. С. 12."));
        // An English lead before the Russian citation.
        let t = "On the frost and the long winters of the north, see Петров П. П. \
                 Указ. соч. С. 12–14; see also Lee, Long Winter, 4.";
        assert_eq!(bodies(t).len(), 2, "{:?}", bodies(t));
        assert!(bodies(t)[0].ends_with("Указ. соч. С. 12–14"));
        // An English sentence after a Russian title still ends it.
        let t = "See Lee, Зимняя дорога: Очерки о севере (Dover: Elm, 2001), 195. \
                 My thanks to the reader who pointed me to this text.";
        assert_eq!(bodies(t).len(), 2, "{:?}", bodies(t));
        assert!(bodies(t)[0].ends_with("2001), 195"));
    }
}
