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

impl Layout {
    /// The layout of `s[..len]` from the layout of `s` (`len` a char
    /// boundary): [`scan`] reads left to right, so a prefix's units are
    /// those of the whole that end within it. A group or quotation still
    /// open at `len` is no unit of either, and the commas inside it are
    /// top-level in neither.
    pub fn prefix(&self, len: usize) -> Layout {
        // (`commas_before` gives the same commas without the copies.)
        Layout {
            commas: self.commas.iter().copied().filter(|&c| c < len).collect(),
            parens: self
                .parens
                .iter()
                .filter(|g| g.end <= len)
                .cloned()
                .collect(),
            quotes: self
                .quotes
                .iter()
                .filter(|q| q.end <= len)
                .cloned()
                .collect(),
        }
    }

    /// The top-level commas of `s[..len]` (the `commas` of
    /// [`Layout::prefix`]), borrowed: the commas are recorded left to
    /// right, so those before `len` open the list.
    ///
    /// Why: the grammars cut the text before a title or a pinpoint into
    /// its chunks, which need only the commas; the prefix's copy of every
    /// comma, group and quotation was made to be read once and dropped.
    pub fn commas_before(&self, len: usize) -> &[usize] {
        &self.commas[..self.commas.partition_point(|&c| c < len)]
    }
}

/// The layout of a whole segment, from which the layout of any stretch of
/// it that starts outside its groups and quotations is read without a
/// scan ([`Whole::part`]).
#[derive(Clone, Debug)]
pub struct Whole {
    layout: Layout,
    /// Where a group or quotation still open at the end begins (the
    /// length of the text when none is).
    open_from: usize,
}

impl Whole {
    /// Scans `s` once.
    pub fn scan(s: &str) -> Whole {
        let (layout, open_from) = scan_state(s);
        Whole { layout, open_from }
    }

    /// The layout of `s[from..to]`, `s` the text scanned (`from` and `to`
    /// char boundaries, `from <= to <= s.len()`): `None` when `from` lies
    /// inside a group or quotation of `s`. Otherwise [`scan`] reads the
    /// stretch from where it stands in `s` as it reads it alone (no group
    /// or quotation open), and its units are those of `s` that start at
    /// `from` or after and end by `to` (see [`Layout::prefix`]), shifted.
    /// (The groups and quotations are disjoint and in order, and so are
    /// their ends.)
    pub fn part(&self, from: usize, to: usize) -> Option<Layout> {
        if from > self.open_from {
            return None;
        }
        let l = &self.layout;
        let p = l.parens.partition_point(|g| g.start < from);
        let q = l.quotes.partition_point(|g| g.start < from);
        if p > 0 && l.parens[p - 1].end > from || q > 0 && l.quotes[q - 1].end > from {
            return None;
        }
        let shift = |g: &Range<usize>| g.start - from..g.end - from;
        let c = l.commas.partition_point(|&c| c < from);
        Some(Layout {
            commas: l.commas[c..]
                .iter()
                .take_while(|&&c| c < to)
                .map(|&c| c - from)
                .collect(),
            parens: l.parens[p..]
                .iter()
                .take_while(|g| g.end <= to)
                .map(shift)
                .collect(),
            quotes: l.quotes[q..]
                .iter()
                .take_while(|g| g.end <= to)
                .map(shift)
                .collect(),
        })
    }
}

/// The segment whose layout [`scan_within`] reads from: the address and
/// length of its text, and its layout.
struct Segment {
    at: usize,
    len: usize,
    whole: Whole,
}

thread_local! {
    static SEGMENT: std::cell::RefCell<Option<Segment>> = const { std::cell::RefCell::new(None) };
    /// Whether [`SEGMENT`] holds one (asked first: most texts are read
    /// with none).
    static IN_SEGMENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the layout of `text` scanned once: while it runs,
/// [`scan_within`] reads the layout of a stretch of `text` from it.
///
/// Why: the discursive retry offers a segment again from each later word
/// start, and the Chicago grammar scanned each of those texts (a suffix of
/// the segment, trimmed at its end) anew.
///
/// (A text lies in `text` when its bytes lie within those of `text`, which
/// stay borrowed, and so unchanged, until `f` returns; the segment read
/// before is put back on return, even by a panic.)
pub fn with_segment<R>(text: &str, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Segment>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            IN_SEGMENT.set(before.is_some());
            SEGMENT.with_borrow_mut(|s| *s = before);
        }
    }
    let segment = Segment {
        at: text.as_ptr() as usize,
        len: text.len(),
        whole: Whole::scan(text),
    };
    let _restore = Restore(SEGMENT.with_borrow_mut(|s| s.replace(segment)));
    IN_SEGMENT.set(true);
    f()
}

/// [`scan`], read from the layout of the segment of [`with_segment`] when
/// `s` is a stretch of it that starts outside its groups and quotations.
pub fn scan_within(s: &str) -> Layout {
    if !IN_SEGMENT.get() {
        return scan(s);
    }
    let at = s.as_ptr() as usize;
    let part = SEGMENT.with_borrow(|segment| {
        let segment = segment.as_ref()?;
        let from = at.checked_sub(segment.at)?;
        let to = from + s.len();
        if to > segment.len {
            return None;
        }
        segment.whole.part(from, to)
    });
    part.unwrap_or_else(|| scan(s))
}

/// Scans a citation once and records its top-level units.
pub fn scan(s: &str) -> Layout {
    scan_state(s).0
}

/// [`scan`], with where a group or quotation left open at the end begins
/// (`s.len()` when none is).
fn scan_state(s: &str) -> (Layout, usize) {
    // Room for the commas of most citations at once, rather than growing
    // from four (the parentheses and quotations are fewer, and often none).
    let mut layout = Layout {
        commas: Vec::with_capacity(8),
        ..Layout::default()
    };
    let mut depth = 0i32;
    let mut paren_start = 0;
    let mut quote_start: Option<usize> = None;
    let mut closer = '”';
    let bytes = s.as_bytes();
    let mut at = 0;
    loop {
        at = next_mark(bytes, at);
        if at >= bytes.len() {
            break;
        }
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
    let open_from = match quote_start {
        Some(q) => q,
        None if depth > 0 => paren_start,
        None => s.len(),
    };
    (layout, open_from)
}

/// `0x01` in every byte of a word.
const LO: u64 = 0x0101_0101_0101_0101;

/// The high bit of each zero byte of `v` (and possibly of bytes above the
/// first zero one; none when no byte is zero): the lowest bit set marks
/// the first zero byte.
#[inline(always)]
fn zero_bytes(v: u64) -> u64 {
    v.wrapping_sub(LO) & !v & (0x80 * LO)
}

/// The offset of the first byte at or after `at` that [`scan`] may have
/// to read (the length of `bytes` if none): ( ) [ ] " , and the lead
/// bytes 0xC2 and 0xE2 of the curly and angle quotation marks. It may also
/// stop at 'Y' and '_', which share the test of the brackets and which the
/// caller passes over. Most of a citation is letters and spaces, tested
/// eight bytes at a time.
#[inline]
fn next_mark(bytes: &[u8], mut at: usize) -> usize {
    while let Some(word) = bytes.get(at..at + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let x = u64::from_le_bytes(w);
        let marks = zero_bytes((x & (0xFE * LO)) ^ (b'(' as u64 * LO)) // ( )
            | zero_bytes(x ^ (b'"' as u64 * LO))
            | zero_bytes(x ^ (b',' as u64 * LO))
            | zero_bytes((x & (0xF9 * LO)) ^ (0x59 * LO)) // [ ] Y _
            | zero_bytes((x & (0xDF * LO)) ^ (0xC2 * LO)); // 0xC2 0xE2
        if marks != 0 {
            return at + (marks.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len()
        && !matches!(
            bytes[at],
            b'(' | b')' | b'[' | b']' | b'"' | b',' | 0xC2 | 0xE2
        )
    {
        at += 1;
    }
    at
}

/// Splits `s` at top-level commas into trimmed chunks with their spans.
pub fn chunks(s: &str) -> Vec<(Range<usize>, &str)> {
    chunks_of(s, &scan(s))
}

/// Splits `s` at the top-level commas of its layout (`scan(s)`) into
/// trimmed chunks with their spans.
pub fn chunks_of<'a>(s: &'a str, layout: &Layout) -> Vec<(Range<usize>, &'a str)> {
    chunks_at(s, &layout.commas)
}

/// Splits `s` at `commas` (its top-level commas, in order) into trimmed
/// chunks with their spans, as [`chunks_of`] does.
pub fn chunks_at<'a>(s: &'a str, commas: &[usize]) -> Vec<(Range<usize>, &'a str)> {
    let mut out = Vec::with_capacity(commas.len() + 1);
    let mut start = 0;
    for &c in commas.iter().chain(std::iter::once(&s.len())) {
        let raw = &s[start..c];
        let from_lead = raw.trim_start();
        let lead = raw.len() - from_lead.len();
        let trimmed = from_lead.trim_end();
        if !trimmed.is_empty() {
            out.push((start + lead..start + lead + trimmed.len(), trimmed));
        }
        start = (c + 1).min(s.len());
    }
    out
}

/// The text inside a parenthesized group or quotation, without its marks.
pub fn inner(s: &str, group: &Range<usize>) -> String {
    crate::text::squash_spaces(inner_raw(s, group))
}

/// [`inner`] borrowed from `s` when the text inside is printed with single
/// spaces (as most are), copied and squashed otherwise.
pub fn inner_squashed<'a>(s: &'a str, group: &Range<usize>) -> std::borrow::Cow<'a, str> {
    let raw = inner_raw(s, group);
    if crate::text::is_squashed(raw) {
        std::borrow::Cow::Borrowed(raw)
    } else {
        std::borrow::Cow::Owned(crate::text::squash_spaces(raw))
    }
}

/// The text inside a parenthesized group or quotation, without its marks,
/// as printed ([`inner`] squashes its white space).
pub fn inner_raw<'a>(s: &'a str, group: &Range<usize>) -> &'a str {
    let text = &s[group.clone()];
    let mut chars = text.chars();
    let first = chars.next().map_or(0, char::len_utf8);
    let last = chars.next_back().map_or(0, char::len_utf8);
    &text[first..text.len() - last]
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
    fn marks_found_eight_bytes_at_a_time() {
        // `next_mark` stops at every byte `scan` reads, wherever it falls in
        // a word of eight, and (in whole words of eight) at 'Y' and '_',
        // which `scan` passes over.
        let text = "Yeats_“Ice, [Frost]” (Ann Hill) «Eis», \"Snow\" — Łódź Ёлкин ( ) [ ] , \" y";
        let bytes = text.as_bytes();
        for from in 0..bytes.len() {
            let expected = (from..bytes.len())
                .find(|&i| {
                    matches!(
                        bytes[i],
                        b'(' | b')' | b'[' | b']' | b'"' | b',' | 0xC2 | 0xE2 | b'Y' | b'_'
                    )
                })
                .unwrap_or(bytes.len());
            assert_eq!(next_mark(bytes, from), expected, "{from}");
        }
        let l = scan("Yeats, “Ice, [Frost],” in Ann Hill (ed.), Eis_Book, 5");
        assert_eq!(l.commas.len(), 3);
        assert_eq!((l.quotes.len(), l.parens.len()), (1, 1));
    }

    #[test]
    fn a_prefix_has_the_units_that_end_in_it() {
        let s = "Ann Hill, “Ice, Snow,” Frost (Oslo, 1990), 5, [note, x], “Thaw, y”";
        let whole = scan(s);
        for len in (0..=s.len()).filter(|&l| s.is_char_boundary(l)) {
            let (p, q) = (whole.prefix(len), scan(&s[..len]));
            assert_eq!(whole.commas_before(len), &q.commas[..], "{len}");
            assert_eq!(
                (p.commas, p.parens, p.quotes),
                (q.commas, q.parens, q.quotes),
                "{len}"
            );
        }
    }

    #[test]
    fn the_commas_before_a_length_are_those_of_the_prefix() {
        // Over the sample texts, at every char boundary (every seventh of
        // a long text), both as scanned and as read through a segment.
        for s in &super::super::tests::sample_texts() {
            let whole = scan(s);
            let step = if s.len() < 400 { 1 } else { 7 };
            for len in (0..=s.len())
                .step_by(step)
                .filter(|&l| s.is_char_boundary(l))
            {
                let q = scan(&s[..len]);
                assert_eq!(whole.commas_before(len), &q.commas[..], "{len} {s}");
                assert_eq!(whole.prefix(len).commas, q.commas, "{len} {s}");
            }
        }
    }

    #[test]
    fn a_part_of_the_whole_is_the_scan_of_the_part() {
        // Wherever a stretch starts outside the groups and quotations of
        // the whole, its layout read from the whole's is its own scan;
        // every suffix read through `scan_within` is.
        let texts = super::super::tests::sample_texts();
        for s in &texts {
            let whole = Whole::scan(s);
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let ends: Vec<usize> = if s.len() < 200 {
                bounds.clone()
            } else {
                bounds.iter().rev().take(12).copied().collect()
            };
            for &from in &bounds {
                for &to in ends.iter().filter(|&&to| to >= from) {
                    if let Some(p) = whole.part(from, to) {
                        let q = scan(&s[from..to]);
                        assert_eq!(
                            (p.commas, p.parens, p.quotes),
                            (q.commas, q.parens, q.quotes),
                            "{from}..{to} {s}"
                        );
                    }
                }
            }
            with_segment(s, || {
                for &from in &bounds {
                    let (p, q) = (scan_within(&s[from..]), scan(&s[from..]));
                    assert_eq!(
                        (p.commas, p.parens, p.quotes),
                        (q.commas, q.parens, q.quotes),
                        "{from} {s}"
                    );
                }
            });
        }
        // A start outside every group is read from the whole; one inside
        // a quotation (where its closing mark reads otherwise) is not.
        let s = "Ann Hill, “Ice, Snow,” Frost (Oslo, 1990), 5";
        let whole = Whole::scan(s);
        assert!(whole.part(s.find("Frost").unwrap(), s.len()).is_some());
        assert!(whole.part(s.find("Snow").unwrap(), s.len()).is_none());
        assert!(whole.part(s.find("1990").unwrap(), s.len()).is_none());
        // Outside the segment, or after it, `scan_within` scans.
        let other = String::from("Bo Dunn, “Thaw,” 5");
        with_segment(s, || {
            assert_eq!(scan_within(&other).commas, scan(&other).commas);
        });
        assert_eq!(scan_within(s).commas, scan(s).commas);
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
