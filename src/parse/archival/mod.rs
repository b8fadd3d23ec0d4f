//! Archival citations: Russian and Soviet archival shorthand.
//!
//! A segment of a note that cites an archival document prints a
//! description of the document (kind, sender, addressee, heading), its
//! date, and an archival reference: an archive (any name or abbreviation
//! of `data/archives.tsv`) with its levels, or a collection's own document
//! number. [`parse_archival_citation`] reads such a segment into items;
//! [`parse_location`] reads a bare continuation ("d. 1356, l. 8") or the
//! new folios after an Ibid.; [`ArchivalLocation`] carries the levels from
//! one reference to the next so later ones can inherit what they omit;
//! [`same::same_document`] tells when two citations are one document.

pub mod description;
pub mod gate;
pub mod location;
pub mod repository;
pub mod same;

use crate::authority::archives::{self, Archive};
use crate::model::{Date, Item, Locator, LocatorLabel};
use crate::parse::dates::{find_date_list, may_open_month_date, word_starts};
use crate::text::squash_spaces;
use description::{description_start, parse_description, Description};
use gate::{classify_into, Shape, HEAD_LEVELS, HEAD_MONTH, HEAD_NUMBER};
use location::{document_numbers, levels, slash_levels, Level};

/// The archival levels of one reference, with the archive it is in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchivalLocation {
    /// The archive as cited (possibly a historical name; see
    /// [`Archive::current`] for today's repository).
    pub archive: Option<&'static Archive>,
    /// The archive's name or abbreviation exactly as printed.
    pub archive_cited: Option<String>,
    pub fond: Option<String>,
    pub opis: Option<String>,
    pub papka: Option<String>,
    pub delo: Option<String>,
    pub folios: Option<String>,
    /// The "perechen'" and "dokument" of RGANI's fond 89 ("F. 89, Per. 45,
    /// Dok. 1"), which stand for opis' and delo there; they appear only in
    /// `archive_location` (the model has no custom field for them).
    pub perechen: Option<String>,
    pub dokument: Option<String>,
    /// A collection's own document number ("SD00235"), for a reference
    /// with no archive.
    pub document_number: Option<String>,
    /// A reference in the archive's own system, kept as printed, for an
    /// archive without fond/opis'/delo ("DY 30/3386, Bl. 1-10" in
    /// SAPMO-BArch, "KC PZPR, 237/V-1" in AAN).
    pub signature: Option<String>,
}

impl ArchivalLocation {
    /// True if the reference prints any level.
    pub fn has_levels(&self) -> bool {
        self.count() > 0
    }

    /// True if the reference prints only folios (the new pinpoint of an
    /// Ibid.).
    pub fn only_folios(&self) -> bool {
        self.archive.is_none() && self.highest() == Some(Level::Folios)
    }

    /// The folios as a CSL locator.
    pub fn folio_locator(&self) -> Option<Locator> {
        self.folios.clone().map(|value| Locator {
            value,
            label: LocatorLabel::Folio,
        })
    }

    /// Fills archive, archive-place, archive_location (canonical "f. 059a,
    /// op. 5a, pap. 11, d. 3, ll. 87-91") and the custom archival fields.
    /// The archive is today's repository; a different printed name stays in
    /// `custom.archive_cited`.
    pub fn apply_to(&self, item: &mut Item) {
        if let Some(cited) = self.archive {
            let current = cited.current();
            item.archive = Some(current.name.to_string());
            item.archive_place = current.city.map(str::to_string);
            item.custom.archive_abbrev = Some(current.abbrev.to_string());
            // A name printed as the current repository's abbreviation or
            // name has its key: the keys are made only for another.
            let printed = self
                .archive_cited
                .as_ref()
                .filter(|p| **p != current.abbrev && **p != current.name);
            if let Some(printed) = printed {
                let key = archives::lookup_key(printed);
                if key != archives::lookup_key(current.abbrev)
                    && key != archives::lookup_key(current.name)
                {
                    item.custom.archive_cited = Some(printed.clone());
                }
            }
        }
        if self.has_levels() {
            item.archive_location = Some(self.canonical());
            item.custom.fond = self.fond.clone();
            item.custom.opis = self.opis.clone();
            item.custom.papka = self.papka.clone();
            item.custom.delo = self.delo.clone();
            item.custom.folios = self.folios.clone();
        } else if let Some(number) = &self.document_number {
            item.archive_location = Some(number.clone());
            item.custom.document_number = Some(number.clone());
        } else if let Some(signature) = &self.signature {
            item.archive_location = Some(signature.clone());
        }
    }

    /// Takes the archive and the levels above the highest one this
    /// reference prints from an earlier reference ("d. 1356, l. 8" after
    /// "RGASPI, f. 17, op. 3, d. 1350, l. 3" inherits RGASPI, f. 17, op. 3).
    pub fn inherit_from(&mut self, earlier: &ArchivalLocation) {
        let Some(highest) = self.highest() else {
            return;
        };
        if self.archive.is_none() {
            self.archive = earlier.archive;
            self.archive_cited = earlier.archive_cited.clone();
        }
        for level in location::ALL_LEVELS.into_iter().filter(|l| *l < highest) {
            if self.get(level).is_none() {
                *self.slot(level) = earlier.get(level).cloned();
            }
        }
    }

    /// The normalized location: "f. 059a, op. 5a, pap. 11, d. 3, ll. 87-91",
    /// or the document number.
    pub fn canonical(&self) -> String {
        if self.has_levels() {
            location::canonical(self)
        } else {
            self.document_number
                .clone()
                .or(self.signature.clone())
                .unwrap_or_default()
        }
    }
}

/// One citation segment read as archival document(s).
#[derive(Clone, Debug, PartialEq)]
pub struct ArchivalCitation {
    /// Usually one; a description with several dates and as many document
    /// numbers gives one item per document.
    pub items: Vec<Item>,
    /// Where the citation proper starts: the segment before it is a
    /// lead-in ("See the details from ", "see also ", "and ") that the
    /// caller may keep as the citation's prefix.
    pub start: usize,
    /// Bytes of the segment consumed; the rest is the caller's.
    pub end: usize,
    /// The last location read, for inheritance by later references.
    pub location: Option<ArchivalLocation>,
}

/// An archival reference found in a segment.
struct Reference {
    /// Where the archive's name (or the levels, without one) starts.
    start: usize,
    end: usize,
    location: ArchivalLocation,
    /// Several document numbers, one per document.
    numbers: Vec<String>,
}

/// The archive named at the end of `prefix`, with the byte offset where
/// its name starts and the name as printed. "Arkhiv Vneshnei Politiki
/// Possiiskoi Federatsii (AVPRF)": the abbreviation in parentheses decides.
fn archive_before(prefix: &str) -> Option<(usize, &'static Archive, String)> {
    let t = prefix.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ':'));
    // "Name (ABBR)", "Name [ABBR]", "Name (English name, hereafter ABBR)".
    let brackets = [('(', ')'), ('[', ']')]
        .into_iter()
        .find(|(_, close)| t.ends_with(*close));
    if let Some((open_char, _)) = brackets {
        let open = t.rfind(open_char)?;
        let inner = t[open + 1..t.len() - 1].trim();
        let name_part = t[..open].trim_end();
        let named = longest_archive_suffix(name_part);
        let in_brackets = archives::lookup(inner)
            .map(|a| (a, inner))
            .or_else(|| longest_archive_suffix(inner).map(|(s, a)| (a, &inner[s..])));
        let (archive, cited) = match (in_brackets, named) {
            (Some((a, cited)), _) => (a, cited),
            (None, Some((s, a))) => (a, &name_part[s..]),
            (None, None) => return None,
        };
        let start = named
            .map(|(s, _)| s)
            .or_else(|| name_part.rfind(',').map(|c| c + 1))
            .unwrap_or(0);
        let start = start + (name_part.len() - start - name_part[start..].trim_start().len());
        return Some((start, archive, cited.to_string()));
    }
    longest_archive_suffix(t).map(|(s, a)| (s, a, t[s..].to_string()))
}

/// The longest run of final words of `t` that names an archive (no name
/// of the table has more than `max_name_words`), opening with a capital.
fn longest_archive_suffix(t: &str) -> Option<(usize, &'static Archive)> {
    archives::longest_named_suffix(t, archives::max_name_words(), |s| {
        t[s..].chars().next().is_some_and(char::is_uppercase)
    })
}

/// The reference that starts at `pos`, if any: levels, slash shorthand or
/// document numbers. `slashed` says whether `s` holds a slash at all: when
/// it does not, the slash shorthand is not looked for at each word.
fn reference_at(
    s: &str,
    pos: usize,
    previous: Option<&ArchivalLocation>,
    slashed: bool,
) -> Option<Reference> {
    let here = &s[pos..];
    let first = here.chars().next()?;
    if first.is_ascii_uppercase() {
        if let Ok((rest, numbers)) = document_numbers(here) {
            let numbers: Vec<String> = numbers.into_iter().map(str::to_string).collect();
            let location = ArchivalLocation {
                document_number: Some(numbers.join(", ")),
                ..ArchivalLocation::default()
            };
            return Some(Reference {
                start: pos,
                end: s.len() - rest.len(),
                location,
                numbers,
            });
        }
    }
    // The archive before the levels is looked up only once levels parse.
    let parsed = match levels(here) {
        Ok((rest, lv)) => Some((rest, lv, false)),
        Err(_) if slashed => slash_levels(here).ok().map(|(rest, lv)| (rest, lv, true)),
        Err(_) => None,
    };
    let (rest, lv, slash) = parsed?;
    let archive = archive_before(&s[..pos]);
    // "ibid., ll. 33-34" inside a description: the previous reference's
    // archive and levels with new lower levels.
    let ibid_start = previous.and_then(|_| ibid_before(&s[..pos]));
    let alone = s[..pos].trim().is_empty();
    let accepted = if slash {
        archive.is_some()
    } else {
        lv.count() >= 2
            || archive.is_some()
            || ibid_start.is_some()
            || (alone && previous.is_some())
    };
    if !accepted {
        return None;
    }
    let found = Some((rest, lv, Vec::new()));
    let (rest, mut location, numbers) = found?;
    let mut start = pos;
    if let (Some(ibid), Some(earlier), None) = (ibid_start, previous, &archive) {
        location.inherit_from(earlier);
        start = ibid;
    } else if let Some((archive_start, archive, cited)) = archive {
        location.archive = Some(archive);
        location.archive_cited = Some(cited);
        start = archive_start;
    } else if let Some(earlier) = previous {
        location.inherit_from(earlier);
    }
    Some(Reference {
        start,
        end: s.len() - rest.len(),
        location,
        numbers,
    })
}

/// Where an "ibid." or "там же" that ends `prefix` starts.
fn ibid_before(prefix: &str) -> Option<usize> {
    let t = prefix.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ':'));
    let lower = t.to_lowercase();
    ["ibid", "там же"].iter().find_map(|w| {
        lower
            .ends_with(w)
            .then(|| t.len() - w.len())
            .filter(|&start| {
                t.is_char_boundary(start)
                    && t[..start]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
    })
}

/// The first archival reference in a segment.
fn find_reference(s: &str, previous: Option<&ArchivalLocation>) -> Option<Reference> {
    let slashed = memchr::memchr(b'/', s.as_bytes()).is_some();
    word_starts(s).find_map(|pos| reference_at(s, pos, previous, slashed))
}

/// What one pass over the words of a segment finds for
/// [`parse_archival_citation`]. It asks two things of a segment in turn:
/// a reference by levels ([`find_reference`]), else a month for a
/// described document's date. Most segments are not archival and have
/// neither: one pass serves both. (Where a signature after an archive's
/// name may start is asked only when no reference is found:
/// [`signature_start`].)
struct SegmentScan {
    /// What [`find_reference`] finds.
    reference: Option<Reference>,
    /// What [`may_hold_month`](crate::parse::dates::may_hold_month) says
    /// of the segment; not read to the end when a reference is found.
    month: bool,
}

/// Reads the words of a segment once for the two searches of
/// [`SegmentScan`]: at every word start, or, when the gate hands over
/// `starts` (see [`gate::classify_into`]), only at those, each test only
/// where its bit is set (where it is not, the test fails: the gate's
/// tables are tested against the tests). The slash shorthand may open at
/// any word start (none of the gate's bits tells where): a segment with a
/// slash is read at every one.
fn scan_segment(
    s: &str,
    previous: Option<&ArchivalLocation>,
    starts: Option<&[(usize, u8)]>,
) -> SegmentScan {
    let mut scan = SegmentScan {
        reference: None,
        month: false,
    };
    let slashed = memchr::memchr(b'/', s.as_bytes()).is_some();
    // One word start with the bits of the tests that may hold there;
    // true once a reference is found.
    let mut step = |pos: usize, bits: u8| {
        if bits & (HEAD_LEVELS | HEAD_NUMBER) != 0 {
            if let Some(reference) = reference_at(s, pos, previous, slashed) {
                scan.reference = Some(reference);
                return true;
            }
        }
        if !scan.month && bits & HEAD_MONTH != 0 {
            scan.month = may_open_month_date(&s[pos..]);
        }
        false
    };
    match starts.filter(|_| !slashed) {
        Some(starts) => {
            for &(pos, bits) in starts {
                if step(pos, bits) {
                    break;
                }
            }
        }
        None => {
            for pos in word_starts(s) {
                if step(pos, u8::MAX) {
                    break;
                }
            }
        }
    }
    scan
}

/// Where [`find_signature_reference`] has to start: the first word,
/// outside parentheses, that may begin an archive's name, with the
/// parenthesis depth there; `None` when no word may.
fn signature_start(s: &str) -> Option<(usize, i64)> {
    let (mut depth_at, mut depth_before) = (0usize, 0i64);
    word_starts(s).find_map(|pos| {
        depth_before += paren_depth(&s[depth_at..pos]);
        depth_at = pos;
        may_begin_signature(s, pos, depth_before).then_some((pos, depth_before))
    })
}

/// How far the parentheses of `t` go down (opened minus closed).
fn paren_depth(t: &str) -> i64 {
    t.bytes().fold(0i64, |d, b| match b {
        b'(' => d + 1,
        b')' => d - 1,
        _ => d,
    })
}

/// True if a signature reference may start at `pos`, where the
/// parenthesis depth is `depth`: outside parentheses (inside stands a
/// publisher or a remark, not an archive), at a word that may begin an
/// archive's name (most words begin none: they are skipped before the
/// windows of words of [`signature_at`] are built).
fn may_begin_signature(s: &str, pos: usize, depth: i64) -> bool {
    depth <= 0 && archives::word_begins_key(s[pos..].split_whitespace().next().unwrap_or(""))
}

/// Where a signature printed after an archive ends: the end of the
/// segment, a sentence break, or a phrase that hands over to another work.
fn signature_end(s: &str) -> usize {
    const HAND_OVERS: &[&str] = &[
        ", in ",
        ", ibid",
        ", cited",
        ", quoted",
        ", reprinted",
        ", published",
    ];
    let mut end = s.len();
    for w in HAND_OVERS {
        if let Some(at) = s.find(w) {
            end = end.min(at);
        }
    }
    for (at, _) in s.match_indices(". ") {
        if s[at + 2..].chars().next().is_some_and(char::is_uppercase) {
            end = end.min(at);
        }
    }
    let t = s[..end].trim_end();
    t.trim_end_matches(['.', ',']).len()
}

/// A reference to an archive of the table printed in the archive's own
/// system: its abbreviation (printed exactly) or full name, then a comma
/// or colon and a signature with a number ("SAPMO-BArch, DY 30/3386, Bl.
/// 1-10"). The fallback when no fond/opis'/delo levels are printed. The
/// search starts at `from`, a word where [`may_begin_signature`] holds
/// with the parenthesis depth `depth` (see [`signature_start`]).
fn find_signature_reference(s: &str, (from, depth): (usize, i64)) -> Option<Reference> {
    // The parenthesis depth before `pos`, kept up to date as `pos` moves
    // forward (recounting the prefix at every word is quadratic).
    let (mut depth_at, mut depth_before) = (from, depth);
    word_starts(&s[from..]).find_map(|pos| {
        let pos = from + pos;
        depth_before += paren_depth(&s[depth_at..pos]);
        depth_at = pos;
        if !may_begin_signature(s, pos, depth_before) {
            return None;
        }
        signature_at(s, pos)
    })
}

/// The signature reference whose archive's name starts at `pos`, if any.
fn signature_at(s: &str, pos: usize) -> Option<Reference> {
    let max = archives::max_name_words();
    let max_abbrev = archives::max_abbreviation_len();
    // Where each of the next words ends (`split_whitespace` yields
    // subslices of `s`, so their offsets follow from their addresses).
    let words: Vec<usize> = s[pos..]
        .split_whitespace()
        .take(max)
        .map(|w| w.as_ptr() as usize - s.as_ptr() as usize + w.len())
        .collect();
    // The archive each run of words names in full, read forward and
    // stopped where the words begin no name of the table.
    let mut named = vec![None; words.len()];
    let mut key = String::new();
    let mut from = pos;
    for (k, &end) in words.iter().enumerate() {
        key.push_str(&archives::lookup_key(&s[from..end]));
        from = end;
        if !archives::is_key_prefix(&key) {
            break;
        }
        if k >= 2 && !key.is_empty() {
            named[k] = archives::lookup_by_key(&key);
        }
    }
    words.iter().enumerate().rev().find_map(|(k, &end)| {
        let printed = s[pos..end].trim_end_matches([',', ':', '.', ';']);
        let bare = printed.trim_matches(['(', ')', '[', ']']);
        let mut rest = &s[pos + printed.len()..];
        // A name followed by its abbreviation: "Stiftung ... (SAPMO-BArch)".
        let trimmed = rest.trim_start();
        if trimmed.starts_with(['(', '[']) {
            let close = trimmed.find([')', ']'])?;
            rest = &trimmed[close + 1..];
        }
        // The separator is checked before the table is: most runs of
        // words are not followed by one.
        let after_sep = rest.strip_prefix([',', ':'])?;
        let short = bare
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(char::len_utf8)
            .sum::<usize>()
            <= max_abbrev;
        let archive = short
            .then(|| archives::lookup_abbreviation(bare))
            .flatten()
            .or(named[k])?;
        let signature_start = s.len() - after_sep.trim_start().len();
        let body = &s[signature_start..];
        let len = signature_end(body);
        let signature = &body[..len];
        let numbered = signature.chars().any(|c| c.is_ascii_digit()) && paren_depth(signature) >= 0;
        if !numbered {
            return None;
        }
        let location = ArchivalLocation {
            archive: Some(archive),
            archive_cited: Some(bare.to_string()),
            signature: Some(squash_spaces(signature)),
            ..ArchivalLocation::default()
        };
        Some(Reference {
            start: pos,
            end: signature_start + len,
            location,
            numbers: Vec::new(),
        })
    })
}

/// The last list of dates in `s`.
fn last_date_list(s: &str) -> Option<(std::ops::Range<usize>, Vec<Date>)> {
    let mut found = None;
    let mut from = 0;
    while let Some((span, dates)) = find_date_list(&s[from..]) {
        let span = span.start + from..span.end + from;
        from = span.end;
        found = Some((span, dates));
    }
    found
}

/// True if the text ends with a word that makes a following year part of a
/// heading ("Annual report for 1949", "Отчет за 1949 г.").
fn ends_with_period_word(text: &str) -> bool {
    let last = text
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    matches!(last.to_lowercase().as_str(), "for" | "за" | "during")
}

/// True if a segment opens with Ibid. or its Russian equivalents: the
/// caller resolves those.
fn is_ibid(s: &str) -> bool {
    let t = s.trim_start();
    // An ASCII char lowercases to itself: only an 'i' may open one of the
    // words (most segments open with another letter).
    if t.as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii() && b | 0x20 != b'i')
    {
        return false;
    }
    ["ibid", "там же", "idem"].iter().any(|w| {
        let mut chars = t.chars().flat_map(char::to_lowercase);
        w.chars().all(|c| chars.next() == Some(c))
    })
}

/// Builds the items of a described document: one per date when the
/// description carries as many dates as document numbers. The last item
/// takes the description's title and names and the dates (the others get
/// copies), and the reference's location is written into each item
/// without a copy of its own unless a document number is set in it.
fn build_items(
    mut desc: Description,
    mut dates: Vec<Date>,
    reference: Option<&Reference>,
) -> Vec<Item> {
    let numbers: &[String] = reference.map_or(&[], |r| &r.numbers);
    let split = numbers.len() > 1 && numbers.len() == dates.len();
    let count = if split { numbers.len() } else { 1 };
    let kind = desc.item_type();
    (0..count)
        .map(|i| {
            let last = i + 1 == count;
            let mut item = Item {
                kind,
                ..Item::default()
            };
            item.genre = desc.kind.as_ref().map(|k| {
                if split {
                    k.singular.clone()
                } else {
                    k.genre.clone()
                }
            });
            if last {
                item.title = desc.title.take();
                item.author = std::mem::take(&mut desc.authors);
                item.recipient = std::mem::take(&mut desc.recipients);
                let at = if i < dates.len() { i } else { 0 };
                item.issued = (at < dates.len()).then(|| dates.swap_remove(at));
            } else {
                item.title = desc.title.clone();
                item.author = desc.authors.clone();
                item.recipient = desc.recipients.clone();
                item.issued = dates.get(i).or(dates.first()).cloned();
            }
            item.custom.author_identity = identity_of(&item.author);
            item.custom.recipient_identity = identity_of(&item.recipient);
            if let Some(r) = reference {
                if split {
                    let mut loc = r.location.clone();
                    loc.document_number = Some(numbers[i].clone());
                    loc.apply_to(&mut item);
                } else {
                    r.location.apply_to(&mut item);
                }
            }
            item
        })
        .collect()
}

/// The person behind a pseudonymous name of the list, if any.
fn identity_of(names: &[crate::model::Name]) -> Option<String> {
    names
        .iter()
        .find_map(|n| crate::authority::people::remembered_other_identity(&n.display()))
        .map(str::to_string)
}

/// True if `bytes` holds an ASCII digit. Asked of every segment offered
/// to the grammar, most of which hold none before their end (or none at
/// all): read sixteen bytes at a time, each block tested whole (without a
/// branch per byte, which the compiler turns into a few vector
/// instructions).
fn has_ascii_digit(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        if block.iter().fold(false, |any, b| any | b.is_ascii_digit()) {
            return true;
        }
    }
    blocks.remainder().iter().any(u8::is_ascii_digit)
}

/// Reads a segment (one `;`-separated part of a note, possibly with a
/// signal phrase already removed) that starts with an archival document
/// description and/or an archival reference. Returns `None` when the
/// segment is not archival (a book, an article, discursive prose).
pub fn parse_archival_citation(
    segment: &str,
    previous: Option<&ArchivalLocation>,
) -> Option<ArchivalCitation> {
    if is_ibid(segment) {
        return None;
    }
    // Every reference prints a number (a level's value, a document number,
    // a signature's), and every date a year: a segment without a digit
    // (prose, mostly) is not archival, and its words need not be read.
    if !has_ascii_digit(segment.as_bytes()) {
        return None;
    }
    // One cheap pass tells which ways of reading the segment can succeed
    // (most segments are books and articles: none can), and hands over
    // the word starts the scan needs (filled, and so allocated, only for
    // a segment the scan reads).
    let mut starts = Vec::new();
    match classify_into(segment, &mut starts) {
        Shape::NotArchival => None,
        // No reference can be found, and a word may open a month date:
        // the scan of `read_segment` would report just that.
        Shape::Described => described_document(segment),
        Shape::Reference => read_segment_from(segment, previous, Some(&starts)),
    }
}

/// [`read_segment_from`] with a scan of every word start: the reading
/// the gate's is tested against.
#[cfg(test)]
fn read_segment(segment: &str, previous: Option<&ArchivalLocation>) -> Option<ArchivalCitation> {
    read_segment_from(segment, previous, None)
}

/// Reads a segment with a digit, by every way of the grammar in turn: a
/// reference (by levels, document numbers or a signature), else a
/// described document with its date. Its scan asks its tests only at
/// `starts` when given (see [`scan_segment`]).
fn read_segment_from(
    segment: &str,
    previous: Option<&ArchivalLocation>,
    starts: Option<&[(usize, u8)]>,
) -> Option<ArchivalCitation> {
    let scan = scan_segment(segment, previous, starts);
    let reference = scan
        .reference
        .or_else(|| find_signature_reference(segment, signature_start(segment)?));
    if let Some(reference) = reference {
        let head = &segment[..reference.start];
        let (desc_text, dates) = match last_date_list(head) {
            // "Report ... for 1949": the year belongs to the heading.
            Some((span, dates)) if ends_with_period_word(&head[..span.start]) => {
                (&head[..span.end], dates)
            }
            Some((span, dates)) => (&head[..span.start], dates),
            None => (head, Vec::new()),
        };
        let (start, _) = description_start(desc_text);
        let desc = parse_description(&desc_text[start..]);
        let items = build_items(desc, dates, Some(&reference));
        let location = reference
            .location
            .has_levels()
            .then(|| reference.location.clone());
        return Some(ArchivalCitation {
            items,
            start,
            end: reference.end,
            location,
        });
    }
    // No reference: a described document with its date, which must be
    // precise (see below).
    if !scan.month {
        return None;
    }
    described_document(segment)
}

/// A described document with its date and no archival reference ("Letter
/// from Ann Lee to Bo Lund, 3 May 1921"), for a segment in which a word
/// may open a month date.
fn described_document(segment: &str) -> Option<ArchivalCitation> {
    let (span, dates) = find_date_list(segment)?;
    // The date must be precise (a month at least: a bare year is the
    // imprint of a book), stand outside parentheses and close the
    // citation. Checked first: most segments fail here, before the
    // description is read.
    let precise = dates
        .iter()
        .all(|d| d.date_parts.first().is_some_and(|p| p.len() >= 2));
    let opens_in_parens = segment[..span.start].trim_end().ends_with('(');
    let closes = segment[span.end..]
        .trim_start()
        .chars()
        .next()
        .is_none_or(|c| matches!(c, ',' | '.' | ';'));
    if !precise || opens_in_parens || !closes {
        return None;
    }
    // Prose before the description is allowed only as a lead-in that opens
    // with a signal word ("See the details from the telegram ...").
    let (start, signal) = description_start(&segment[..span.start]);
    if start > 0 && !signal && !segment[..start].trim().eq_ignore_ascii_case("and") {
        return None;
    }
    let desc = parse_description(&segment[start..span.start]);
    let named = desc.kind.is_some() || (!desc.authors.is_empty() && !desc.recipients.is_empty());
    if !(desc.well_formed && named) {
        return None;
    }
    let items = build_items(desc, dates, None);
    Some(ArchivalCitation {
        items,
        start,
        end: span.end,
        location: None,
    })
}

/// A bare location continuing an earlier one ("d. 1356, l. 8", "l. 7ob.",
/// "ll. 12-14"), with or without its archive ("RGASPI, f. 17, ..."), or the
/// new folios of an Ibid. Returns the location and the bytes consumed
/// (leading separators included).
pub fn parse_location(text: &str) -> Option<(ArchivalLocation, usize)> {
    // Levels print numbers: text without a digit holds none (most text a
    // caller asks about is prose).
    if !has_ascii_digit(text.as_bytes()) {
        return None;
    }
    let start = text.len()
        - text
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ':'))
            .len();
    let rest = &text[start..];
    if let Ok((after, lv)) = levels(rest) {
        return Some((lv, text.len() - after.len()));
    }
    let r = find_reference(rest, None).filter(|r| r.start == 0)?;
    Some((r.location, start + r.end))
}

/// What an Ibid. (or Там же) after an archival citation cites
/// (GUIDELINE §6).
#[derive(Clone, Debug, PartialEq)]
pub enum ArchivalIbid {
    /// Only the folios change: the same work, with this folio locator.
    NewFolios(Locator),
    /// The delo, opis' or fond changes: a new document, with the archive
    /// and the higher levels inherited from the previous reference.
    NewDocument(Box<Item>, Box<ArchivalLocation>),
}

/// Reads the text after an Ibid. that follows an archival citation
/// ("., l. 7ob.", ", d. 1360, ll. 2-4"), given the previous citation's
/// location. Returns what it cites and the bytes consumed; `None` when the
/// text holds no archival location (an Ibid. with pages, or none).
pub fn read_archival_ibid(
    after_ibid: &str,
    previous: &ArchivalLocation,
) -> Option<(ArchivalIbid, usize)> {
    let (mut location, used) = parse_location(after_ibid)?;
    if location.only_folios() {
        return Some((ArchivalIbid::NewFolios(location.folio_locator()?), used));
    }
    location.inherit_from(previous);
    let mut item = Item {
        kind: crate::model::ItemType::Manuscript,
        ..Item::default()
    };
    location.apply_to(&mut item);
    Some((
        ArchivalIbid::NewDocument(Box::new(item), Box::new(location)),
        used,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibid_is_told_as_by_lowercasing_every_char() {
        let by_lowercasing = |s: &str| {
            let t = s.trim_start();
            ["ibid", "там же", "idem"].iter().any(|w| {
                let mut chars = t.chars().flat_map(char::to_lowercase);
                w.chars().all(|c| chars.next() == Some(c))
            })
        };
        for c in (0..0x3000u32)
            .chain(0x1e900..0x1e960)
            .filter_map(char::from_u32)
        {
            for text in [
                format!("{c}"),
                format!("{c}bid."),
                format!(" {c}dem"),
                format!("{c}ам же"),
                format!("{c}BID, 5"),
            ] {
                assert_eq!(is_ibid(&text), by_lowercasing(&text), "{text:?}");
            }
        }
        for text in [
            "Ibid.",
            "IBID",
            " ibid",
            "Там же",
            "ТАМ ЖЕ",
            "Idem",
            "",
            " ",
            "İbid",
        ] {
            assert_eq!(is_ibid(text), by_lowercasing(text), "{text:?}");
        }
    }

    #[test]
    fn digits_are_found_as_byte_by_byte() {
        // Every byte value at every place of texts of every length up to
        // three blocks, among bytes that are no digits.
        for len in 0..50 {
            for filler in [b' ', b'/', b':', 0x00, 0xd0, 0xff] {
                let mut bytes = vec![filler; len];
                assert!(!has_ascii_digit(&bytes));
                for at in 0..len {
                    for b in 0..=255u8 {
                        bytes[at] = b;
                        assert_eq!(
                            has_ascii_digit(&bytes),
                            bytes.iter().any(u8::is_ascii_digit),
                            "{bytes:?}"
                        );
                    }
                    bytes[at] = filler;
                }
            }
        }
    }

    #[test]
    fn items_are_built_as_from_copies() {
        // `build_items` as first written: every item a copy of the
        // description, the dates and the location.
        fn by_copies(
            desc: &Description,
            dates: &[Date],
            reference: Option<&Reference>,
        ) -> Vec<Item> {
            let numbers: &[String] = reference.map_or(&[], |r| &r.numbers);
            let split = numbers.len() > 1 && numbers.len() == dates.len();
            let count = if split { numbers.len() } else { 1 };
            (0..count)
                .map(|i| {
                    let mut item = Item {
                        kind: desc.item_type(),
                        ..Item::default()
                    };
                    item.genre = desc.kind.as_ref().map(|k| {
                        if split {
                            k.singular.clone()
                        } else {
                            k.genre.clone()
                        }
                    });
                    item.title = desc.title.clone();
                    item.author = desc.authors.clone();
                    item.recipient = desc.recipients.clone();
                    item.issued = dates.get(i).or(dates.first()).cloned();
                    item.custom.author_identity = identity_of(&item.author);
                    item.custom.recipient_identity = identity_of(&item.recipient);
                    if let Some(r) = reference {
                        let mut loc = r.location.clone();
                        if split {
                            loc.document_number = Some(numbers[i].clone());
                        }
                        loc.apply_to(&mut item);
                    }
                    item
                })
                .collect()
        }
        let date = |d: &str| crate::parse::dates::find_date_list(d).unwrap().1;
        let descriptions = [
            "Letter from Ivan Petrov to Oleg Sidorov",
            "Записка Берии в ЦК КПСС",
            "“On the Korean Question,” report from Shtykov to Stalin",
            "",
        ];
        let date_lists = [
            Vec::new(),
            date("3 May 1951"),
            date("3 May 1951 and 5 June 1951"),
            date("1, 2 and 3 May 1951"),
        ];
        let (levels, _) = parse_location("GARF, f. 5, op. 1, d. 2, l. 3").unwrap();
        let references = [
            None,
            Some(vec!["SD00001".to_string()]),
            Some(vec!["SD00001".to_string(), "SD00002".to_string()]),
            Some(vec!["SD1".into(), "SD2".into(), "SD3".into()]),
        ];
        let mut split = 0;
        for d in descriptions {
            for dates in &date_lists {
                for numbers in &references {
                    let reference = numbers.as_ref().map(|numbers| Reference {
                        start: 0,
                        end: 1,
                        location: ArchivalLocation {
                            document_number: Some(numbers.join(", ")),
                            ..levels.clone()
                        },
                        numbers: numbers.clone(),
                    });
                    let desc = parse_description(d);
                    let items = build_items(desc.clone(), dates.clone(), reference.as_ref());
                    split += usize::from(items.len() > 1);
                    assert_eq!(
                        items,
                        by_copies(&desc, dates, reference.as_ref()),
                        "{d} {dates:?} {numbers:?}"
                    );
                }
            }
        }
        // Two and three dates with as many numbers: several documents.
        assert_eq!(split, 2 * descriptions.len());
    }

    #[test]
    fn inherits_higher_levels() {
        let (first, _) = parse_location("RGASPI, f. 17, op. 3, d. 1350, l. 3").unwrap();
        let (mut second, used) = parse_location("d. 1356, l. 8.").unwrap();
        assert_eq!(used, 13);
        second.inherit_from(&first);
        assert_eq!(second.canonical(), "f. 17, op. 3, d. 1356, l. 8");
        assert_eq!(second.archive.unwrap().abbrev, "RGASPI");
        let (folios, _) = parse_location(", l. 7ob.").unwrap();
        assert!(folios.only_folios());
        assert_eq!(folios.folios.as_deref(), Some("7 ob."));
    }
}
