//! What a book prints between its title and its imprint: contributors
//! named by their role ("ed. Ann Hill and Ben Lund", "trans. from the
//! German by Cy Moss", "with an introduction by Di Nye"), the edition
//! ("2nd ed.", "rev. ed."), the volume cited of a multi-volume work and
//! that volume's own title ("vol. 8, Essays on Ice"), and the number of
//! volumes ("2 vols.").
//!
//! The role words and the words of edition statements are data files
//! (`data/role-words.tsv`, `data/edition-words.tsv`).

use super::layout;
use super::names;
use crate::model::Name;
use crate::text::squash_spaces;
use crate::text::trim_punct;
use std::sync::OnceLock;

/// The parts a contributor can play that the record keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Roles {
    pub editor: bool,
    pub translator: bool,
}

/// One entry of `data/role-words.tsv`.
struct RoleWord {
    /// Lowercase phrase.
    phrase: String,
    /// None for a contributor the record does not keep.
    role: Option<Roles>,
}

fn data_lines(source: &'static str) -> impl Iterator<Item = &'static str> {
    source
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// The role words, longest first, and for each ASCII letter the role
/// words that may open a text starting with it.
struct RoleWords {
    words: Vec<RoleWord>,
    /// Indexes into `words`, in order, of the words whose phrase opens
    /// with the lowercase ASCII char of the slot (or is empty).
    by_ascii: Vec<Vec<u16>>,
}

fn role_words() -> &'static RoleWords {
    static WORDS: OnceLock<RoleWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut v: Vec<RoleWord> = data_lines(include_str!("../../data/role-words.tsv"))
            .filter_map(|l| {
                let (phrase, role) = l.split_once('\t')?;
                let role = match role.trim() {
                    "editor" => Some(Roles {
                        editor: true,
                        translator: false,
                    }),
                    "translator" => Some(Roles {
                        editor: false,
                        translator: true,
                    }),
                    _ => None,
                };
                Some(RoleWord {
                    phrase: phrase.trim().to_lowercase(),
                    role,
                })
            })
            .collect();
        v.sort_by_key(|w| std::cmp::Reverse(w.phrase.chars().count()));
        let by_ascii = (0u8..128)
            .map(|l| {
                v.iter()
                    .enumerate()
                    .filter(|(_, w)| w.phrase.chars().next().is_none_or(|p| p == char::from(l)))
                    .map(|(k, _)| k as u16)
                    .collect()
            })
            .collect();
        RoleWords { words: v, by_ascii }
    })
}

/// The edition words and the number each stands for, if any.
fn edition_words() -> &'static [(String, Option<String>)] {
    static WORDS: OnceLock<Vec<(String, Option<String>)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        data_lines(include_str!("../../data/edition-words.tsv"))
            .map(|l| match l.split_once('\t') {
                Some((w, n)) => (w.trim().to_lowercase(), Some(n.trim().to_string())),
                None => (l.trim().to_lowercase(), None),
            })
            .collect()
    })
}

/// Length in bytes of the prefix of `s` that equals `phrase` (lowercase)
/// compared case-insensitively, when the phrase ends at a word boundary.
fn starts_with_phrase(s: &str, phrase: &str) -> Option<usize> {
    // Most texts and phrases are ASCII: a prefix of `s` that equals the
    // phrase on bytes (ASCII case aside) is the match char by char gives.
    // Only a non-ASCII char of `s` needs the char-by-char comparison (the
    // Kelvin sign lowercases to 'k').
    let end = match s.as_bytes().get(..phrase.len()) {
        Some(head) if head.eq_ignore_ascii_case(phrase.as_bytes()) => phrase.len(),
        Some(head) if phrase.is_ascii() && head.is_ascii() => return None,
        _ => starts_with_phrase_chars(s, phrase)?,
    };
    let next = s[end..].chars().next();
    let boundary = phrase.ends_with('.') || next.is_none_or(|c| !c.is_alphanumeric());
    boundary.then_some(end)
}

/// The end of the prefix of `s` that lowercases char by char to `phrase`.
fn starts_with_phrase_chars(s: &str, phrase: &str) -> Option<usize> {
    let mut si = s.char_indices();
    for pc in phrase.chars() {
        let (_, c) = si.next()?;
        if c.is_ascii() {
            if c.to_ascii_lowercase() != pc {
                return None;
            }
        } else if !c.to_lowercase().eq(std::iter::once(pc)) {
            return None;
        }
    }
    Some(si.next().map_or(s.len(), |(i, _)| i))
}

/// One role word at the start of `s`: its length and role.
fn role_word(s: &str) -> Option<(usize, Option<Roles>, bool)> {
    // Asked of every chunk of every citation: only the role words that
    // begin with the text's first letter (lowercased, when that is one
    // letter) can match, and the others are passed over unread.
    let words = role_words();
    let found = |w: &RoleWord| {
        starts_with_phrase(s, &w.phrase).map(|len| (len, w.role, w.phrase.ends_with('.')))
    };
    if let Some(&b) = s.as_bytes().first().filter(|b| b.is_ascii()) {
        let lower = b.to_ascii_lowercase();
        // A phrase whose second byte is ASCII and differs (case aside) from
        // an ASCII second byte of `s` cannot match: it is passed over
        // without the comparison.
        let second = s.as_bytes().get(1).filter(|b| b.is_ascii());
        return words.by_ascii[usize::from(lower)]
            .iter()
            .map(|&k| &words.words[usize::from(k)])
            .filter(|w| match (second, w.phrase.as_bytes().get(1)) {
                (Some(x), Some(y)) if y.is_ascii() => x.eq_ignore_ascii_case(y),
                _ => true,
            })
            .find_map(found);
    }
    let first = s.chars().next().map(|c| {
        let mut lower = c.to_lowercase();
        let l = lower.next();
        lower.next().is_none().then_some(l).flatten()
    });
    words
        .words
        .iter()
        .filter(|w| match (w.phrase.chars().next(), first) {
            (None, _) => true,
            (Some(p), Some(Some(l))) => p == l,
            _ => false,
        })
        .find_map(found)
}

/// Reads the role words that open `s` ("ed. and trans.", "translated from
/// the Russian by", "with a foreword by"): the roles kept (none for an
/// introduction or a foreword) and the length read, up to the names.
pub fn role_prefix(s: &str) -> Option<(Roles, usize)> {
    RECENT_ROLE_PREFIXES.with_borrow_mut(|recent| recent.answer(s))
}

/// The answers of [`role_prefix_read`] to the texts asked last, each kept
/// with a copy of its text in a slot chosen by the text's address and
/// length; an answer is given again only to a text equal to the copy
/// (what the reading gives is a function of the text alone).
///
/// Why: the readings of a book ask the same comma chunks in turn whether
/// role words open them: `translated_in`, the trailer's `opens_trailer` and
/// `read_parts`, the author list's `marker_roles` (about 500 instructions
/// a text read, a tenth of that to find a copy).
struct RecentRolePrefixes {
    slots: [(String, Option<(Roles, usize)>); RECENT_SLOTS],
}

const RECENT_SLOTS: usize = 16;

impl RecentRolePrefixes {
    fn answer(&mut self, s: &str) -> Option<(Roles, usize)> {
        let at = s.as_ptr() as usize;
        let mix = (at ^ s.len().rotate_left(17)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = &mut self.slots[mix >> (usize::BITS - RECENT_SLOTS.trailing_zeros())];
        if slot.0 != s {
            slot.1 = role_prefix_read(s);
            slot.0.clear();
            slot.0.push_str(s);
        }
        slot.1
    }
}

thread_local! {
    static RECENT_ROLE_PREFIXES: std::cell::RefCell<RecentRolePrefixes> =
        std::cell::RefCell::new(RecentRolePrefixes {
            // An empty copy answers the empty text, as the reading does.
            slots: std::array::from_fn(|_| (String::new(), role_prefix_read(""))),
        });
}

/// [`role_prefix`], read.
fn role_prefix_read(s: &str) -> Option<(Roles, usize)> {
    let mut roles = Roles::default();
    let (len, role, abbreviated) = role_word(s)?;
    let mut pos = len;
    let mut needs_by = !abbreviated;
    if let Some(r) = role {
        roles.editor |= r.editor;
        roles.translator |= r.translator;
    }
    // Further role words joined by "and" / "&": "ed. and trans.".
    loop {
        let rest = &s[pos..];
        let trimmed = rest.trim_start();
        let connector = ["and ", "& ", "and", "&"]
            .iter()
            .find_map(|c| starts_with_phrase(trimmed, c));
        let Some(clen) = connector else { break };
        let after = &trimmed[clen..];
        let after_trim = after.trim_start();
        let Some((len, role, abbreviated)) = role_word(after_trim) else {
            break;
        };
        pos += (rest.len() - trimmed.len()) + clen + (after.len() - after_trim.len()) + len;
        needs_by = !abbreviated;
        if let Some(r) = role {
            roles.editor |= r.editor;
            roles.translator |= r.translator;
        }
    }
    // A language: "trans. from the German by".
    let rest = s[pos..].trim_start();
    let mut at = s.len() - rest.len();
    if let Some(flen) = ["from", "into"]
        .iter()
        .find_map(|w| starts_with_phrase(rest, w))
    {
        let words: Vec<&str> = rest[flen..].split_whitespace().take(5).collect();
        if let Some(k) = words.iter().position(|w| w.eq_ignore_ascii_case("by")) {
            let by_at = rest.find(&format!(" {}", words[k]))?;
            at += by_at + 1 + words[k].len();
            return Some((roles, at));
        }
        return None;
    }
    if let Some(blen) = starts_with_phrase(rest, "by") {
        return Some((roles, at + blen));
    }
    if needs_by {
        // "Edited volumes", "Notes on Ice": a noun, not a role.
        return None;
    }
    Some((roles, pos))
}

/// Strips "et al." from a list of names.
fn without_et_al(s: &str) -> &str {
    let t = trim_punct(s);
    for tail in [" et al.", " et al", ", et al.", " and others"] {
        if let Some(head) = t.strip_suffix(tail) {
            return trim_punct(head);
        }
    }
    t
}

/// True if a comma chunk continues a list of names ("Peter Ehlen",
/// "and Ben Lund", "Nikolaus Lobkowicz et al.", "Jr.").
fn continues_names(chunk: &str) -> bool {
    let c = without_et_al(chunk);
    let c = c.strip_prefix("and ").unwrap_or(c);
    !c.is_empty()
        && !c.contains(':')
        && !c.chars().any(|ch| ch.is_ascii_digit())
        && (names::looks_like_name_list(c) || names::is_name_suffix(c))
}

/// An edition statement: "2nd ed.", "rev. ed.", "Third edition", "2nd
/// rev. ed.". Returns the CSL `edition`.
pub fn edition(chunk: &str) -> Option<String> {
    let t = chunk.trim().trim_end_matches('.');
    // Every statement ends in one of the words below, whose last letters
    // are n, d, l and д: a text ending in another ASCII char (which
    // lowercases to itself, ASCII case aside) is none, without lowercasing
    // it.
    match t.as_bytes().last() {
        None => return None,
        Some(b) if b.is_ascii() && !matches!(b.to_ascii_lowercase(), b'n' | b'd' | b'l') => {
            return None
        }
        _ => {}
    }
    let lower = t.to_lowercase();
    let head = ["edition", "edn", "ed", "éd", "aufl", "изд"]
        .iter()
        .find_map(|w| lower.strip_suffix(w).map(str::trim_end))?;
    if head.is_empty() || head.len() == lower.len() {
        return None;
    }
    let mut number = None;
    let mut word = None;
    for w in head.split_whitespace() {
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        let suffix = &w[digits.len()..];
        if !digits.is_empty()
            && matches!(
                suffix,
                "st" | "nd" | "rd" | "th" | "e" | "." | "-е" | "-e" | "" | "d"
            )
        {
            number.get_or_insert(digits);
            continue;
        }
        match edition_words().iter().find(|(ew, _)| ew == w) {
            Some((_, Some(n))) => {
                number.get_or_insert(n.clone());
            }
            Some((ew, None)) => {
                word.get_or_insert_with(|| {
                    // As printed, in the note's case.
                    let at = lower.find(ew.as_str()).unwrap_or(0);
                    t[at..at + ew.len()].to_string()
                });
            }
            None => return None,
        }
    }
    number.or(word)
}

/// "vol. 8", "volume 2", "vols. 1–2": the volume and any text after it in
/// the same chunk ("vol. 2: The Later Years").
fn volume(chunk: &str) -> Option<(String, &str)> {
    // `chunk.to_lowercase()` opens with one of these ASCII words exactly
    // when `chunk` does, ASCII case aside (no other char lowercases to
    // these letters).
    let opens = |w: &[u8]| {
        chunk
            .as_bytes()
            .get(..w.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(w))
    };
    if !(opens(b"vol") || opens(b"bd.") || opens(b"t. ")) {
        return None;
    }
    let (rest, v) = super::locator::volume(chunk).ok()?;
    Some((v, trim_punct(rest)))
}

/// "2 vols.", "3 volumes": how many volumes the work has.
fn number_of_volumes(chunk: &str) -> Option<String> {
    let (count, word) = chunk.trim().trim_end_matches('.').split_once(' ')?;
    if count.is_empty() || !count.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let volumes = matches!(
        word.to_lowercase().as_str(),
        "vols" | "volumes" | "vol" | "bde" | "bände" | "т"
    );
    volumes.then(|| count.to_string())
}

/// What follows a title before its imprint.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trailer {
    pub editors: Vec<Name>,
    pub translators: Vec<Name>,
    pub edition: Option<String>,
    pub volume: Option<String>,
    pub volume_title: Option<String>,
    pub number_of_volumes: Option<String>,
    /// Chunks after the last part read that are none of these (a series
    /// title, a note): as printed, comma-joined.
    pub rest: Option<String>,
}

/// "Eden and Cedar Paul": names after a role word are printed given name
/// first, so a lone word before a full name is a given name sharing the
/// next person's family name.
fn share_family(list: &mut [Name]) {
    for i in 1..list.len() {
        let (head, tail) = list.split_at_mut(i);
        let (lone, next) = (&mut head[i - 1], &tail[0]);
        if lone.given.is_none() && lone.literal.is_none() && next.given.is_some() {
            lone.given = lone.family.take();
            lone.family = next.family.clone();
        }
    }
}

/// A role chunk: the roles and the names printed after the role words
/// (empty for a bare "ed.").
fn role_chunk(chunk: &str) -> Option<(Roles, &str)> {
    let (roles, len) = role_prefix(chunk)?;
    let names = trim_punct(&chunk[len..]);
    if names.is_empty() || continues_names(names) {
        Some((roles, names))
    } else {
        None
    }
}

/// True if chunk `k` of `parts` opens the trailer.
fn opens_trailer(parts: &[(std::ops::Range<usize>, &str)], k: usize) -> bool {
    let chunk = parts[k].1;
    if let Some((_, names)) = role_chunk(chunk) {
        // A bare role word opens it only before another role: "ed., trans.
        // and intro. Ann Hill" (names before "eds.," are the authors').
        return !names.is_empty()
            || parts
                .get(k + 1)
                .and_then(|(_, next)| role_chunk(next))
                .is_some_and(|(_, n)| !n.is_empty());
    }
    edition(chunk).is_some()
        || volume(chunk).is_some()
        || number_of_volumes(chunk).is_some()
        || (k + 1 == parts.len() && k >= 1 && numbered_series(chunk))
}

/// "Studies in Frost 136", "KGA II/14": a series and a number, printed as
/// the last chunk before the imprint.
///
/// Asked of the last chunk of every title: the number is looked at before
/// the words of the head are read, and these are read without collecting
/// them (most last chunks end in a word, and are long).
fn numbered_series(chunk: &str) -> bool {
    let Some((head, number)) = chunk.trim().rsplit_once(' ') else {
        return false;
    };
    if !series_number(number) || number.contains("..") {
        return false;
    }
    let mut words = head.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    first.starts_with(char::is_uppercase)
        && (words.next().is_some() || first.chars().all(char::is_uppercase))
        && !head
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("vol.") || w.eq_ignore_ascii_case("no."))
        && super::dates::year(number).is_err()
}

/// The number of a numbered series: ASCII digits, with '.', '/' and
/// Roman numerals ("136", "II/14").
fn series_number(number: &str) -> bool {
    number.chars().any(|c| c.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | 'I' | 'V' | 'X' | 'L'))
}

/// Splits a title (or a container title) from the contributors, edition
/// and volume printed after it: "The Winter Treatise, ed. and trans. Ann
/// Hill and Ben Lund, 2nd ed." gives "The Winter Treatise" and the rest read.
/// The title keeps at least its first comma chunk.
pub fn split_trailer(s: &str) -> (&str, Trailer) {
    split_trailer_of(s, &layout::chunks(s))
}

/// [`split_trailer`] with the comma chunks of `s` (`layout::chunks(s)`)
/// already found.
pub fn split_trailer_of<'a>(
    s: &'a str,
    parts: &[(std::ops::Range<usize>, &str)],
) -> (&'a str, Trailer) {
    let Some(start) = (1..parts.len()).find(|&k| opens_trailer(parts, k)) else {
        return split_after_question(s).unwrap_or((s.trim_end(), Trailer::default()));
    };
    let title = trim_punct(&s[..parts[start].0.start]);
    (title, read_parts(&parts[start..]))
}

/// "Frost Lore: A Long Winter? ed. Ann Hill": a title that ends with a
/// question or exclamation mark needs no comma before its contributors.
fn split_after_question(s: &str) -> Option<(&str, Trailer)> {
    s.match_indices(['?', '!']).find_map(|(at, _)| {
        let rest = s[at + 1..].trim_start();
        let first = layout::chunks(rest).first().map(|(_, c)| *c)?;
        let (_, names) = role_chunk(first)?;
        (!names.is_empty()).then(|| (s[..at + 1].trim_end(), read_trailer(rest)))
    })
}

/// Reads text that holds only what may follow a title ("trans. Cy Moss,
/// 2nd ed."): contributors, edition, volume; anything else lands in
/// [`Trailer::rest`].
pub fn read_trailer(s: &str) -> Trailer {
    read_parts(&layout::chunks(s))
}

fn read_parts(parts: &[(std::ops::Range<usize>, &str)]) -> Trailer {
    let mut trailer = Trailer::default();
    #[derive(PartialEq)]
    enum Mode {
        Names(Roles),
        Volume,
        Other,
    }
    let mut mode = Mode::Other;
    let mut pending = Roles::default();
    let mut rest: Vec<&str> = Vec::new();
    let push = |t: &mut Trailer, roles: Roles, names_text: &str| {
        let mut list = names::parse_name_list(without_et_al(names_text));
        share_family(&mut list);
        if roles.editor {
            t.editors.extend(list.iter().cloned());
        }
        if roles.translator {
            t.translators.extend(list);
        }
    };
    for (_, chunk) in parts {
        if let Some((roles, names_text)) = role_chunk(chunk) {
            let roles = Roles {
                editor: roles.editor || pending.editor,
                translator: roles.translator || pending.translator,
            };
            if names_text.is_empty() {
                pending = roles;
                continue;
            }
            pending = Roles::default();
            push(&mut trailer, roles, names_text);
            mode = Mode::Names(roles);
            continue;
        }
        if let Some(e) = edition(chunk) {
            trailer.edition = Some(e);
            mode = Mode::Other;
            continue;
        }
        if let Some(n) = number_of_volumes(chunk) {
            trailer.number_of_volumes = Some(n);
            mode = Mode::Other;
            continue;
        }
        if let Some((v, after)) = volume(chunk) {
            trailer.volume = Some(v);
            if !after.is_empty() {
                trailer.volume_title = Some(squash_spaces(after));
            }
            mode = Mode::Volume;
            continue;
        }
        match mode {
            Mode::Names(roles) if continues_names(chunk) => {
                let c = trim_punct(chunk);
                // "ed. John Doe, Jr. and Cy Moss": the suffix of the name
                // before, then more names.
                let suffix_and = c
                    .split_once(" and ")
                    .filter(|(x, _)| names::is_name_suffix(x));
                if let Some((suffix, more)) = suffix_and {
                    let lists = [
                        (roles.editor, &mut trailer.editors),
                        (roles.translator, &mut trailer.translators),
                    ];
                    for (_, list) in lists.into_iter().filter(|(kept, _)| *kept) {
                        if let Some(last) = list.last_mut() {
                            names::add_suffix(last, suffix);
                        }
                    }
                    push(&mut trailer, roles, more);
                    continue;
                }
                if names::is_name_suffix(c) || names::is_name_suffix(chunk) {
                    let lists = [
                        (roles.editor, &mut trailer.editors),
                        (roles.translator, &mut trailer.translators),
                    ];
                    for (_, list) in lists.into_iter().filter(|(kept, _)| *kept) {
                        if let Some(last) = list.last_mut() {
                            names::add_suffix(last, chunk.trim());
                        }
                    }
                    continue;
                }
                push(&mut trailer, roles, chunk);
            }
            Mode::Volume if rest.is_empty() => {
                let t = trim_punct(chunk);
                trailer.volume_title = Some(match trailer.volume_title.take() {
                    Some(v) => format!("{v}, {t}"),
                    None => squash_spaces(t),
                });
            }
            _ => {
                mode = Mode::Other;
                rest.push(trim_punct(chunk));
            }
        }
    }
    if !rest.is_empty() {
        trailer.rest = Some(squash_spaces(&rest.join(", ")));
    }
    trailer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn families(names: &[Name]) -> Vec<&str> {
        names.iter().map(|n| n.sort_key()).collect()
    }

    #[test]
    fn role_words_combine() {
        let (r, len) = role_prefix("ed. and trans. Ann Hill").unwrap();
        assert!(r.editor && r.translator);
        assert_eq!(&"ed. and trans. Ann Hill"[len..], " Ann Hill");
        let s = "trans. from the German by Cy Moss";
        let (r, len) = role_prefix(s).unwrap();
        assert!(r.translator && !r.editor);
        assert_eq!(s[len..].trim(), "Cy Moss");
        let s = "with an introduction by Di Nye";
        let (r, len) = role_prefix(s).unwrap();
        assert_eq!(r, Roles::default());
        assert_eq!(s[len..].trim(), "Di Nye");
        assert!(role_prefix("Notes on Ice").is_none());
        assert!(role_prefix("Editorial Policy").is_none());
    }

    /// The answers kept are those read: texts asked again, at the same
    /// address with other text, and of each length up to the slots' count
    /// of texts asked between (all starting at one address).
    #[test]
    fn role_prefixes_kept_are_those_read() {
        let texts = [
            "ed. and trans. Ann Hill",
            "eds.",
            "ed.",
            "",
            "Notes on Ice",
            "trans. from the German by Cy Moss",
            "Translated by Ann Hill",
            "with an introduction by Di Nye",
            "édité par",
            "ed",
            "editors",
        ];
        let mut buf = String::with_capacity(64);
        for round in 0..3 {
            for (i, t) in texts.iter().enumerate() {
                for u in texts.iter().skip(i).chain(texts.iter().take(round)) {
                    assert_eq!(role_prefix(t), role_prefix_read(t), "{t:?}");
                    // Another text at the address of the last.
                    buf.clear();
                    buf.push_str(u);
                    assert_eq!(role_prefix(&buf), role_prefix_read(u), "{u:?}");
                    for cut in 0..=buf.len() {
                        if let Some(head) = buf.get(..cut) {
                            assert_eq!(role_prefix(head), role_prefix_read(head), "{head:?}");
                        }
                    }
                }
            }
        }
    }

    /// [`numbered_series`] as first written: every test on the words of
    /// the head collected.
    fn numbered_series_collected(chunk: &str) -> bool {
        let Some((head, number)) = chunk.trim().rsplit_once(' ') else {
            return false;
        };
        let words: Vec<&str> = head.split_whitespace().collect();
        series_number(number)
            && !number.contains("..")
            && !words.is_empty()
            && words[0].starts_with(char::is_uppercase)
            && (words.len() >= 2 || words[0].chars().all(char::is_uppercase))
            && !words
                .iter()
                .any(|w| w.eq_ignore_ascii_case("vol.") || w.eq_ignore_ascii_case("no."))
            && super::super::dates::year(number).is_err()
    }

    #[test]
    fn numbered_series_read_as_collected() {
        let pieces = [
            " ", "\u{a0}", "Studies", "in", "KGA", "II/14", "136", "1990", "vol.", "No.", "..",
            "X", "é", "É", "\t", "3.", "frost",
        ];
        let check = |t: &str| assert_eq!(numbered_series(t), numbered_series_collected(t), "{t:?}");
        crate::text::every_joining(&pieces, 4, check);
        crate::text::generated_texts(&pieces, 5000, 10, check);
        assert!(numbered_series("Studies in Frost 136"));
        assert!(numbered_series("KGA II/14"));
    }

    #[test]
    fn editions() {
        assert_eq!(edition("2nd ed.").as_deref(), Some("2"));
        assert_eq!(edition("rev. ed.").as_deref(), Some("rev."));
        assert_eq!(edition("Third edition").as_deref(), Some("3"));
        assert_eq!(edition("3rd rev. edn").as_deref(), Some("3"));
        assert_eq!(edition("The Red").as_deref(), None);
        assert_eq!(edition("ed.").as_deref(), None);
    }

    #[test]
    fn trailer_of_a_book() {
        let (title, t) =
            split_trailer("The Winter Treatise, ed. and trans. Ann Hill and Ben Lund, 2nd ed.");
        assert_eq!(title, "The Winter Treatise");
        assert_eq!(families(&t.editors), ["Hill", "Lund"]);
        assert_eq!(families(&t.translators), ["Hill", "Lund"]);
        assert_eq!(t.edition.as_deref(), Some("2"));
        let (title, t) = split_trailer(
            "Collected Works, vol. 8, Essays on Frost: Second Series, ed. Ann Hill, Ben Lund, Cy Moss et al., trans. from the Danish by Di Nye",
        );
        assert_eq!(title, "Collected Works");
        assert_eq!(t.volume.as_deref(), Some("8"));
        assert_eq!(
            t.volume_title.as_deref(),
            Some("Essays on Frost: Second Series")
        );
        assert_eq!(families(&t.editors), ["Hill", "Lund", "Moss"]);
        assert_eq!(families(&t.translators), ["Nye"]);
        let (title, t) = split_trailer("Ice, Snow, and Rain, trans. Ed Roe, Jr.");
        assert_eq!(title, "Ice, Snow, and Rain");
        assert_eq!(families(&t.translators), ["Roe"]);
        let (title, t) = split_trailer("Frost Lore, ed. Ann Hill, Studies in Weather 12");
        assert_eq!(title, "Frost Lore");
        assert_eq!(t.rest.as_deref(), Some("Studies in Weather 12"));
        let (title, _) = split_trailer("Frost Lore, Studies in Weather 12");
        assert_eq!(title, "Frost Lore");
        let (title, _) = split_trailer("The Frost Years, 1950");
        assert_eq!(title, "The Frost Years, 1950");
        let (_, t) = split_trailer("Frost, trans. Ann and Ben Lund");
        assert_eq!(families(&t.translators), ["Lund", "Lund"]);
        let (title, t) = split_trailer("Frost and Thaw, ed., trans. and intro. Ann Hill");
        assert_eq!(title, "Frost and Thaw");
        assert_eq!(families(&t.editors), ["Hill"]);
        assert_eq!(families(&t.translators), ["Hill"]);
    }
}
