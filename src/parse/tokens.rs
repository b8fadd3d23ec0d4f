//! The tokens of a segment, read once: words, numbers, quotation marks,
//! brackets and other punctuation, each with its byte span and the few
//! facts the parse stage asks of it (does a space precede it, is it
//! capitalized).
//!
//! Why: a segment that opens with prose ("For the wider story, see Ann
//! Lee, …") is searched for where its citation begins, and the search used
//! to hand every later word start to every grammar in turn. Most of those
//! starts cannot open a citation: a lowercase word of prose ("the",
//! "story", "see") opens none that the grammars read, except an Ibid. or
//! idem, a name particle ("van der Wee"), or an archival level ("f. 5").
//! [`Tokens::citation_starts`] gives the starts worth trying, chosen from the
//! tokens rather than by running the grammars.

use std::ops::Range;
use std::sync::OnceLock;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with the apostrophes, hyphens and combining marks inside a
    /// word ("Lund-Moss’s", "d’Arc").
    Word,
    /// A run of ASCII digits.
    Number,
    /// A quotation mark of any shape.
    Quote,
    /// An opening parenthesis or bracket.
    Open,
    /// Any other character that is not white space.
    Punct,
}

/// One token: its kind, its bytes in the segment, and whether a space
/// (U+0020) comes right before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub span: Range<usize>,
    pub after_space: bool,
}

/// The tokens of one segment, read as far as they are asked for, with
/// where its last citation mark is.
#[derive(Debug)]
pub struct Tokens<'a> {
    text: &'a str,
    /// The tokens read so far, in order.
    tokens: Vec<Token>,
    /// Where the next token is searched for.
    at: usize,
    /// Whether the character before `at` is a space (U+0020).
    after_space: bool,
    /// The last citation mark of the text read so far (see `last_mark`).
    marks_read: Option<usize>,
    /// The byte offset of the last digit, opening quotation mark or
    /// possessive ("’s ") in the text: every citation the grammars find
    /// after prose carries one of them (a year, a page, a quoted title, a
    /// possessive author), so a start after it opens none but an Ibid.
    last_mark: Option<usize>,
}

/// Quotation marks that open a quoted title or quotation.
const OPENING_QUOTES: [char; 3] = ['“', '"', '«'];
/// Possessive endings that can name an author ("Lee’s report").
const POSSESSIVES: [&str; 3] = ["’s ", "'s ", "‘s "];

impl<'a> Tokens<'a> {
    /// The tokens of `text`, none read yet: they are read when
    /// [`Tokens::citation_starts`] comes to them. Its last citation mark is
    /// found from the end of the text, where it stands ([`last_mark`]).
    ///
    /// Why: the discursive retry stops at the first start that reads as a
    /// citation (most often one of the first few); the tokens after it
    /// were cut and never read.
    pub fn new(text: &'a str) -> Tokens<'a> {
        Tokens {
            text,
            tokens: Vec::with_capacity(32),
            at: 0,
            after_space: false,
            marks_read: None,
            last_mark: last_mark(text),
        }
    }

    /// Cuts `text` into all its tokens at once, its last citation mark
    /// recorded as they are read (the slow reading of [`Tokens::new`]).
    #[cfg(test)]
    pub fn all(text: &'a str) -> Tokens<'a> {
        let mut t = Tokens::new(text);
        while t.read_one() {}
        t.last_mark = t.marks_read;
        t
    }

    /// Reads tokens until token `i` is read: false when the text holds
    /// fewer.
    fn fill(&mut self, i: usize) -> bool {
        while self.tokens.len() <= i {
            if !self.read_one() {
                return false;
            }
        }
        true
    }

    /// Reads the next token: false at the end of the text. Runs of ASCII
    /// letters inside a word are passed over a byte at a time (they need
    /// none of the tests of the other characters); other characters are
    /// decoded. Each call moves past at least one char, or returns false.
    fn read_one(&mut self) -> bool {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.at;
        let mut last_mark = self.marks_read;
        while i < bytes.len() {
            let c = char_at(text, i);
            if c.is_ascii_digit() || OPENING_QUOTES.contains(&c) {
                last_mark = Some(i);
            }
            if c.is_whitespace() {
                self.after_space = c == ' ';
                i += c.len_utf8();
                continue;
            }
            let kind = if c.is_ascii_digit() {
                Kind::Number
            } else if is_letter(c) {
                Kind::Word
            } else if is_quote(c) {
                Kind::Quote
            } else if matches!(c, '(' | '[') {
                Kind::Open
            } else {
                Kind::Punct
            };
            let mut end = i + c.len_utf8();
            match kind {
                Kind::Number => {
                    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                        last_mark = Some(end);
                        end += 1;
                    }
                }
                Kind::Word => loop {
                    while bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
                        end += 1;
                    }
                    if end == bytes.len() {
                        break;
                    }
                    let d = char_at(text, end);
                    // An apostrophe or hyphen stays inside a word only
                    // when a letter follows it.
                    let inner = matches!(d, '\'' | '’' | '-')
                        && text[end + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(is_letter);
                    if !(is_letter(d) || inner) {
                        break;
                    }
                    // (Every possessive opens with an apostrophe.)
                    if matches!(d, '\'' | '’' | '‘')
                        && POSSESSIVES.iter().any(|p| text[end..].starts_with(p))
                    {
                        last_mark = Some(end);
                    }
                    end += d.len_utf8();
                },
                _ => {}
            }
            // A possessive printed after the word ("Lee’s " is one word;
            // "Lee ‘s " is not, and counts too).
            if kind != Kind::Word
                && matches!(c, '\'' | '’' | '‘')
                && POSSESSIVES.iter().any(|p| text[i..].starts_with(p))
            {
                last_mark = Some(last_mark.map_or(i, |m| m.max(i)));
            }
            self.tokens.push(Token {
                kind,
                span: i..end,
                after_space: self.after_space,
            });
            self.after_space = false;
            self.at = end;
            self.marks_read = last_mark;
            return true;
        }
        self.at = i;
        self.marks_read = last_mark;
        false
    }

    /// The tokens read so far, in order.
    #[cfg(test)]
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// True when the text holds a digit, an opening quotation mark or a
    /// possessive at `at` or after it.
    pub fn has_mark_from(&self, at: usize) -> bool {
        self.last_mark.is_some_and(|m| m >= at)
    }

    /// The byte offsets after the first where a citation may begin, in
    /// order: of the first `limit` tokens that follow a space, those that
    /// can open one (see [`Tokens::can_open`]) and have a citation mark at
    /// or after them, or open an Ibid. The tokens are read as the starts
    /// are asked for.
    pub fn citation_starts(self, limit: usize) -> Starts<'a> {
        Starts {
            tokens: self,
            next: 0,
            spaced: 0,
            limit,
            ibid: false,
            tail: None,
        }
    }

    /// Whether token `i` (read, after a space, at byte `start`) is a
    /// start of [`Tokens::citation_starts`], and whether it opens an Ibid.
    fn opens(&mut self, i: usize, start: usize) -> (bool, bool) {
        let rest = &self.text[start..];
        let ibid = super::chicago::ibid(rest).is_some();
        (
            ibid || (self.has_mark_from(start) && self.can_open(i)),
            ibid,
        )
    }

    /// True when token `i` (read) can be the first of a citation: anything
    /// but a lowercase word, and of lowercase words only "idem", an
    /// archival level ("f. 5, op. 2") or a name particle before a
    /// capitalized word ("van der Wee", "d’Estaing"). (An Ibid. is asked
    /// for by the caller.)
    fn can_open(&mut self, i: usize) -> bool {
        let text = self.text;
        let t = &self.tokens[i];
        let word = &text[t.span.clone()];
        if t.kind != Kind::Word || !word.starts_with(char::is_lowercase) {
            return true;
        }
        let rest = &text[t.span.start..];
        if super::same_author_lead(rest).is_some() {
            return true;
        }
        // (`opens_levels` is true exactly when `levels` reads a run, which
        // holds its first level, without reading the levels after it.)
        if word.len() <= 6 && super::archival::location::opens_levels(rest) {
            return true;
        }
        // "d’Estaing", "al-Tabari": a joined particle before a capital.
        // (Each joined particle ends with an apostrophe or a hyphen: a word
        // without one opens with none.)
        let joins = word.bytes().any(|b| matches!(b, b'\'' | b'-' | 0xE2));
        if let Some(p) = particles()
            .joined
            .iter()
            .find(|p| joins && word.starts_with(*p))
        {
            if word[p.len()..].starts_with(char::is_uppercase) {
                return true;
            }
        }
        // "van der Wee": particles, then a capitalized word.
        let mut j = i;
        while self.fill(j) {
            let t = &self.tokens[j];
            let w = &text[t.span.clone()];
            if t.kind != Kind::Word {
                return false;
            }
            if w.starts_with(char::is_uppercase) {
                return j > i;
            }
            if !particles().holds(w) {
                return false;
            }
            j += 1;
        }
        false
    }
}

/// The starts of [`Tokens::citation_starts`].
pub struct Starts<'a> {
    tokens: Tokens<'a>,
    /// The index of the next token to look at.
    next: usize,
    /// How many tokens after a space were looked at.
    spaced: usize,
    limit: usize,
    /// Whether the last start given opens an Ibid.
    ibid: bool,
    /// Once every token read is looked at and the text read lies past
    /// its last citation mark: where the search for the next token after
    /// a space goes on, in the bytes (see [`Starts::next_in_tail`]).
    tail: Option<usize>,
}

impl Starts<'_> {
    /// True when the last start given opens an Ibid. ([`super::chicago::ibid`]
    /// reads one there).
    pub fn opens_ibid(&self) -> bool {
        self.ibid
    }
}

impl Iterator for Starts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.tail.is_some() {
            return self.next_in_tail();
        }
        // Each turn looks at the next token, or ends.
        while self.spaced < self.limit && self.tokens.fill(self.next) {
            let i = self.next;
            self.next += 1;
            let t = &self.tokens.tokens[i];
            if !(t.after_space && t.span.start > 0) {
                continue;
            }
            self.spaced += 1;
            let start = t.span.start;
            let (opens, ibid) = self.tokens.opens(i, start);
            if opens {
                self.ibid = ibid;
                return Some(start);
            }
            // Past the last citation mark only an Ibid. opens a start:
            // the tokens after it need not be read.
            let t = &self.tokens;
            if self.next == t.tokens.len() && t.last_mark.is_none_or(|m| m < t.at) {
                self.tail = Some(t.at);
                return self.next_in_tail();
            }
        }
        None
    }
}

impl Starts<'_> {
    /// [`Iterator::next`] once the tokens read are all looked at and the
    /// text read lies past the last citation mark (at `tail`): no later
    /// start has a mark after it, so a start is a token after a space that
    /// opens an Ibid. A token after a space (U+0020) is where a char other
    /// than white space follows one (white space ends every token, and no
    /// token holds a space), so the tokens are not read: the spaces are
    /// searched for, and the tokens after a space counted as the reading
    /// would count them.
    fn next_in_tail(&mut self) -> Option<usize> {
        let text = self.tokens.text;
        let bytes = text.as_bytes();
        let mut at = self.tail?;
        while self.spaced < self.limit {
            let Some(space) = memchr::memchr(b' ', &bytes[at..]).map(|k| at + k) else {
                self.tail = Some(bytes.len());
                return None;
            };
            // Past the space, so past where it stood.
            at = space + 1;
            if at == bytes.len() || char_at(text, at).is_whitespace() {
                continue;
            }
            self.spaced += 1;
            if super::chicago::ibid(&text[at..]).is_some() {
                self.ibid = true;
                self.tail = Some(at);
                return Some(at);
            }
        }
        self.tail = Some(at);
        None
    }
}

/// The byte offset of the last citation mark of `text`, as the tokens
/// record it when read ([`Tokens::all`]): the last ASCII digit, opening quotation mark (“ \" «) or
/// apostrophe that opens a possessive ending (’s 's ‘s followed by a
/// space), found by reading the bytes back from the end.
fn last_mark(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        let mark = match b[i] {
            b'0'..=b'9' | b'"' => true,
            b'\'' => b[i + 1..].starts_with(b"s "),
            // «
            0xC2 => b.get(i + 1) == Some(&0xAB),
            // “, and ’ ‘ before "s "
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x9C) => true,
                Some(0x98 | 0x99) => b[i + 3..].starts_with(b"s "),
                _ => false,
            },
            _ => false,
        };
        if mark {
            return Some(i);
        }
    }
    None
}

/// The char that starts at byte `at` of `text` (a char boundary short of
/// its end), an ASCII byte without decoding.
#[inline]
fn char_at(text: &str, at: usize) -> char {
    match text.as_bytes()[at] {
        b @ 0..=0x7F => char::from(b),
        _ => text[at..]
            .chars()
            .next()
            .expect("a char boundary short of the end"),
    }
}

/// Letters and the combining marks printed after them.
fn is_letter(c: char) -> bool {
    // ASCII and the Russian alphabet without the Unicode tables.
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    crate::text::is_alphabetic(c) || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Quotation marks, opening and closing.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„')
}

/// The name particles of `data/name-particles.txt`.
struct Particles {
    /// All of them, in the order of the file.
    all: Vec<&'static str>,
    /// Those joined to the name they precede ("d’", "al-"), in that
    /// order.
    joined: Vec<&'static str>,
    /// The length in bytes of the longest: a longer word is none.
    longest: usize,
    /// `heads[b]` has bit `n` set when a particle of `n` bytes opens with
    /// byte `b`.
    heads: [u64; 256],
}

impl Particles {
    /// True if `word` is a particle.
    fn holds(&self, word: &str) -> bool {
        // (The first byte and the length first: most words of prose share
        // them with no particle.)
        word.len() <= self.longest
            && word
                .as_bytes()
                .first()
                .is_some_and(|&b| self.heads[usize::from(b)] >> word.len() & 1 == 1)
            && self.all.contains(&word)
    }
}

/// The name particles of `data/name-particles.txt`, read once.
fn particles() -> &'static Particles {
    static LIST: OnceLock<Particles> = OnceLock::new();
    LIST.get_or_init(|| {
        let all: Vec<&'static str> =
            crate::text::data_lines(include_str!("../../data/name-particles.txt")).collect();
        Particles {
            joined: all
                .iter()
                .copied()
                .filter(|p| p.ends_with(['\'', '’', '-']))
                .collect(),
            longest: all.iter().map(|p| p.len()).max().unwrap_or(0),
            heads: {
                let mut heads = [0u64; 256];
                for p in &all {
                    assert!(p.len() < 64, "a name particle of under 64 bytes");
                    heads[usize::from(p.as_bytes()[0])] |= 1 << p.len();
                }
                heads
            },
            all,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str) -> Vec<&str> {
        let t = Tokens::new(text);
        t.citation_starts(60).map(|i| &text[i..]).collect()
    }

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        Tokens::all(text)
            .tokens()
            .iter()
            .map(|t| (t.kind, &text[t.span.clone()]))
            .collect()
    }

    #[test]
    fn words_numbers_quotes_and_punctuation() {
        assert_eq!(
            kinds("Lee’s “Winter,” 12–14 (d’Arc)."),
            vec![
                (Kind::Word, "Lee’s"),
                (Kind::Quote, "“"),
                (Kind::Word, "Winter"),
                (Kind::Punct, ","),
                (Kind::Quote, "”"),
                (Kind::Number, "12"),
                (Kind::Punct, "–"),
                (Kind::Number, "14"),
                (Kind::Open, "("),
                (Kind::Word, "d’Arc"),
                (Kind::Punct, ")"),
                (Kind::Punct, "."),
            ]
        );
    }

    #[test]
    fn words_run_over_letters_marks_and_inner_joins() {
        assert_eq!(
            kinds("Ёлкин-Ли’s Ко\u{301}ла  o’ ‘s 12a"),
            vec![
                (Kind::Word, "Ёлкин-Ли’s"),
                (Kind::Word, "Ко\u{301}ла"),
                (Kind::Word, "o"),
                (Kind::Quote, "’"),
                (Kind::Quote, "‘"),
                (Kind::Word, "s"),
                (Kind::Number, "12"),
                (Kind::Word, "a"),
            ]
        );
        let t = Tokens::all("Ёлкин-Ли’s Ко\u{301}ла  o’ ‘s 12a");
        let after: Vec<bool> = t.tokens().iter().map(|t| t.after_space).collect();
        assert_eq!(after, [false, true, true, false, true, false, true, false]);
        // The possessives and the number are marks; the last is the number.
        assert!(t.has_mark_from(t.text.find("12").unwrap()));
        assert!(!t.has_mark_from(t.text.find("12").unwrap() + 2));
    }

    #[test]
    fn prose_words_open_no_citation() {
        let text = "For the wider story, see Ann Lee, Winter Roads (Elm Press, 1990), 4.";
        let s = starts(text);
        assert_eq!(
            s.first().copied(),
            Some("Ann Lee, Winter Roads (Elm Press, 1990), 4.")
        );
        assert!(s.iter().all(|s| !s.starts_with(char::is_lowercase)));
    }

    #[test]
    fn lowercase_openers_are_kept() {
        // An Ibid. after prose, even without a page.
        assert!(starts("As the letter says, ibid.").contains(&"ibid."));
        assert!(starts("On this, idem, Winter Roads, 5.").contains(&"idem, Winter Roads, 5."));
        // Name particles before a capitalized name.
        assert!(
            starts("As argued by van der Wee, Old Maps, 5.").contains(&"van der Wee, Old Maps, 5.")
        );
        assert!(starts("Cited in d’Arc, Old Maps, 5.").contains(&"d’Arc, Old Maps, 5."));
        // A particle before a lowercase word is prose.
        assert!(!starts("Written de novo in 1990.").contains(&"de novo in 1990."));
        // An archival level continuing a reference.
        assert!(
            starts("The same file, f. 5, op. 2, d. 7, l. 3.").contains(&"f. 5, op. 2, d. 7, l. 3.")
        );
    }

    #[test]
    fn no_start_after_the_last_mark() {
        // After "1990" nothing carries a number, a quotation or a
        // possessive: those words are not tried.
        let s = starts("In 1990 Ann Lee wrote of Winter Roads and Elm Press.");
        assert_eq!(s, vec!["1990 Ann Lee wrote of Winter Roads and Elm Press."]);
        // A possessive or an opening quotation mark counts as a mark.
        assert!(starts("As Bo Dunn noted, Lee’s report").contains(&"Lee’s report"));
        assert!(starts("As Bo Dunn noted, Lee ‘s report").contains(&"Lee ‘s report"));
        assert!(starts("As Bo Dunn noted, “Winter”").contains(&"“Winter”"));
    }

    #[test]
    fn tokens_read_as_asked_give_the_starts_of_all_of_them() {
        // Read as the starts are asked for, the tokens give the starts
        // that all of them read at once give; they are a prefix of all of
        // them; the last mark is found from the end as the reading finds
        // it.
        // (With texts whose tokens after the last mark are past spaces of
        // every kind, some opening an Ibid., which the starts past the
        // last mark find in the bytes.)
        let mut texts = super::super::tests::sample_texts();
        let spaces = [
            " ",
            "  ",
            "\u{a0}",
            " \t",
            "\t ",
            "\n",
            " \u{2009}",
            "\u{3000} ",
        ];
        let words = [
            "Ibid.",
            "ibid",
            "idem,",
            "Там же",
            "tam zhe",
            "the",
            "Lee’s",
            "—",
            "it",
        ];
        for (n, lead) in ["Lee 1990,", "“Ice”", "Lee’s ", "no mark", ""]
            .iter()
            .enumerate()
        {
            let mut text = String::from(*lead);
            for k in 0..40 {
                text.push_str(spaces[(k * 7 + n) % spaces.len()]);
                text.push_str(words[(k * 5 + n * 3) % words.len()]);
                texts.push(text.clone());
            }
        }
        for text in texts {
            let all = Tokens::all(&text);
            assert_eq!(last_mark(&text), all.last_mark, "{text}");
            for limit in [0, 1, 2, 3, 5, 8, 13, 60] {
                let mut whole = Tokens::all(&text);
                let spaced: Vec<(usize, usize)> = whole
                    .tokens
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.after_space && t.span.start > 0)
                    .take(limit)
                    .map(|(i, t)| (i, t.span.start))
                    .collect();
                let at_once: Vec<usize> = spaced
                    .into_iter()
                    .filter(|&(i, start)| whole.opens(i, start).0)
                    .map(|(_, start)| start)
                    .collect();
                let mut starts = Tokens::new(&text).citation_starts(limit);
                let mut asked = Vec::new();
                while let Some(start) = starts.next() {
                    let ibid = super::super::chicago::ibid(&text[start..]).is_some();
                    assert_eq!(starts.opens_ibid(), ibid, "{start} {text}");
                    asked.push(start);
                }
                assert_eq!(asked, at_once, "{limit} {text}");
                assert!(all.tokens().starts_with(starts.tokens.tokens()), "{text}");
            }
        }
        // Every char alone and between letters: the last mark is found
        // back from the end as forward.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for text in [format!("{c}"), format!("a{c}s b"), format!("{c}s 1{c}")] {
                assert_eq!(last_mark(&text), Tokens::all(&text).last_mark, "{text:?}");
            }
        }
    }

    #[test]
    fn same_author_words_open_with_i_or_e() {
        // `same_author_lead` turns a text away on its first letter: of no
        // lowercase word but one opening with an i or an e does it read
        // one (a dotless ı neither).
        let mut texts = super::super::tests::sample_texts();
        texts.extend(["as idem, Ice", "eadem. Ice", "iidem Ice", "ıdem, Ice"].map(String::from));
        for text in texts {
            let t = Tokens::all(&text);
            for tok in t.tokens() {
                let word = &text[tok.span.clone()];
                if tok.kind == Kind::Word
                    && word.starts_with(char::is_lowercase)
                    && super::super::same_author_lead(&text[tok.span.start..]).is_some()
                {
                    assert!(word.starts_with(['i', 'e']), "{word} {text}");
                }
            }
        }
    }

    #[test]
    fn particles_are_found_as_the_list_holds_them() {
        let p = particles();
        for &w in p
            .all
            .iter()
            .chain(&["d", "dx", "vanx", "Van", "ibn", "al", "", "é"])
        {
            assert_eq!(p.holds(w), p.all.contains(&w), "{w}");
        }
    }

    #[test]
    fn only_starts_after_a_space() {
        // The first word and a word after another kind of space are not
        // starts (the first is the segment itself).
        assert_eq!(starts("Lee,\u{a0}Winter 5"), vec!["5"]);
    }
}
