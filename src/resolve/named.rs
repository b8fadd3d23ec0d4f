//! The works of a document by the words of their names, and by those
//! words together with a title word or the head of a title: what lets a
//! short form ("Marsh, Quiet Lake") look at the few works that could match
//! it instead of every work by an author with hundreds.
//!
//! A short form scores above 0 against a work bearing its printed name
//! only when the work's title holds one of the printed title's significant
//! words or begins with the printed title ([`crate::resolve::short_match`]).
//! So the works filed under (name word, title word) for each printed word,
//! with those under (name word, the printed title's first eight bytes, or
//! four for a shorter title), hold every work the short form can match: a
//! subset of the works under the name word, in the same order, and nothing
//! that scores is left out.
//!
//! A name word is filed by title only once [`TITLED_FROM`] works bear it:
//! reading a few works costs less than filing every work of a book by
//! every title word, and most names of a real book have a few works.

use crate::resolve::Profile;
use std::collections::HashMap;

type Postings = HashMap<u64, Vec<u32>, foldhash::fast::FixedState>;

/// The works a name word's number leads to: see [`NamedWorks::works`].
type Ids = HashMap<String, u32, foldhash::fast::FixedState>;

/// How many works must bear a name word before they are filed by title
/// too ([`NamedWorks::titled`]).
const TITLED_FROM: usize = 16;

/// The works of a document by name word, and by name word and title word
/// or title head. Works are numbered in the order they were added; every
/// list is in that order.
#[derive(Debug, Default)]
pub(crate) struct NamedWorks {
    /// The number of every folded word of an author's or editor's family
    /// name seen so far.
    ids: Ids,
    /// Per name word: the works bearing it, once per name of the work that
    /// holds the word (a work named "Marsh" and "Marsh-Hale" twice), as
    /// each work was first cited. Merging a later citation into a work does
    /// not file it under new names.
    works: Vec<Vec<u32>>,
    /// Per name word: its works are filed by title (it has at least
    /// [`TITLED_FROM`] works).
    titled: Vec<bool>,
    /// The name words each work was filed under (each once), work after
    /// work, so that a work whose titles change is filed under its new
    /// titles too; `filed_ends[w]` is where work `w`'s name words end.
    filed: Vec<u32>,
    filed_ends: Vec<u32>,
    /// (name word, title word as numbered in the vocabulary) -> works, for
    /// titled name words only (so with the next two).
    by_word: Postings,
    /// (name word, [`head`] of a folded title's first four bytes) -> works.
    by_head: Postings,
    /// (name word, [`head`] of a folded title's first eight bytes) -> works:
    /// "cold war" and "cold peace" apart, which four bytes do not tell.
    by_long_head: Postings,
}

/// The key of a (name word, title word or head) list.
fn pair(name: u32, other: u32) -> u64 {
    (u64::from(name) << 32) | u64::from(other)
}

/// The first `n` bytes (4 or 8) of a folded title, as a number: the
/// bytes themselves for 4, mixed into 32 bits for 8 (two heads sharing a
/// number put a work on a list it does not begin, which costs a score,
/// never a miss). `None` for a shorter title: no printed title of `n`
/// bytes or more can begin it.
pub(crate) fn head(folded: &str, n: usize) -> Option<u32> {
    let bytes = folded.as_bytes().get(..n)?;
    let x = bytes.iter().fold(0u64, |h, &b| (h << 8) | u64::from(b));
    Some(if n <= 4 {
        x as u32
    } else {
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
    })
}

/// Adds `w` to a sorted list unless it is there (a work already filed
/// under the key, or a later work: lists stay in order).
fn file(list: &mut Vec<u32>, w: u32) {
    match list.last() {
        Some(&last) if last == w => {}
        Some(&last) if last > w => {
            if let Err(at) = list.binary_search(&w) {
                list.insert(at, w);
            }
        }
        _ => list.push(w),
    }
}

impl NamedWorks {
    /// Files work `w` (the next number; `profiles[w]` is its profile)
    /// under the words of its names and, with each name word that is
    /// titled, under its title words and title heads. A name word reaching
    /// [`TITLED_FROM`] works has all its works filed by title.
    pub(crate) fn add(&mut self, w: u32, profiles: &[Profile]) {
        debug_assert_eq!(w as usize, self.filed_ends.len());
        let profile = &profiles[w as usize];
        let start = self.filed.len();
        for word in profile
            .families()
            .flat_map(|f| f.split(' '))
            .filter(|w| !w.is_empty())
        {
            let id = match self.ids.get(word) {
                Some(&id) => id,
                None => {
                    let id = self.works.len() as u32;
                    self.ids.insert(word.to_string(), id);
                    self.works.push(Vec::new());
                    self.titled.push(false);
                    id
                }
            };
            self.works[id as usize].push(w);
            if !self.filed[start..].contains(&id) {
                self.filed.push(id);
            }
        }
        self.filed_ends.push(self.filed.len() as u32);
        for i in start..self.filed.len() {
            let name = self.filed[i];
            if self.titled[name as usize] {
                self.file_titles(name, w, profile);
            } else if self.works[name as usize].len() >= TITLED_FROM {
                self.titled[name as usize] = true;
                for k in 0..self.works[name as usize].len() {
                    let x = self.works[name as usize][k];
                    self.file_titles(name, x, &profiles[x as usize]);
                }
            }
        }
    }

    /// Files work `w` under the titles of its new profile (its item took
    /// a merged citation's title or translation), with each titled name
    /// word it was filed under: its old lists keep it, which costs a
    /// score, never a miss.
    pub(crate) fn retitle(&mut self, w: u32, profile: &Profile) {
        let w = w as usize;
        let start = if w == 0 {
            0
        } else {
            self.filed_ends[w - 1] as usize
        };
        for i in start..self.filed_ends[w] as usize {
            let name = self.filed[i];
            if self.titled[name as usize] {
                self.file_titles(name, w as u32, profile);
            }
        }
    }

    /// Files work `w` under (name word `name`, each of its title words and
    /// title heads).
    fn file_titles(&mut self, name: u32, w: u32, profile: &Profile) {
        for &word in profile.title_words.iter() {
            file(self.by_word.entry(pair(name, word)).or_default(), w);
        }
        for title in profile.titles() {
            if let Some(h) = head(title, 4) {
                file(self.by_head.entry(pair(name, h)).or_default(), w);
            }
            if let Some(h) = head(title, 8) {
                file(self.by_long_head.entry(pair(name, h)).or_default(), w);
            }
        }
    }

    /// True when the works bearing name word `name` are filed by title
    /// ([`NamedWorks::with_word`], [`NamedWorks::beginning`]); otherwise
    /// they are few, read one by one.
    pub(crate) fn titled(&self, name: u32) -> bool {
        self.titled[name as usize]
    }

    /// The number of a name word (`None`: no work bears it).
    pub(crate) fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    /// The works bearing a name word, in order (a work once per name of
    /// it holding the word).
    pub(crate) fn works(&self, word: &str) -> &[u32] {
        self.id(word).map_or(&[][..], |id| self.works_of(id))
    }

    /// The works bearing the name word numbered `name`, as
    /// [`NamedWorks::works`] gives them.
    pub(crate) fn works_of(&self, name: u32) -> &[u32] {
        &self.works[name as usize]
    }

    /// The works bearing name word `name` whose titles hold title word
    /// `word`, in order.
    pub(crate) fn with_word(&self, name: u32, word: u32) -> &[u32] {
        self.by_word
            .get(&pair(name, word))
            .map_or(&[], Vec::as_slice)
    }

    /// The works bearing name word `name` with a title that may begin
    /// with `printed` (a folded title of four bytes or more), in order:
    /// every one that does, with a few that share its [`head`].
    pub(crate) fn beginning(&self, name: u32, printed: &str) -> &[u32] {
        let found = match head(printed, 8) {
            Some(h) => self.by_long_head.get(&pair(name, h)),
            None => head(printed, 4).and_then(|h| self.by_head.get(&pair(name, h))),
        };
        found.map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filing_keeps_lists_in_order_and_once() {
        let mut list = vec![2, 5, 9];
        file(&mut list, 9);
        file(&mut list, 5);
        file(&mut list, 3);
        file(&mut list, 12);
        assert_eq!(list, vec![2, 3, 5, 9, 12]);
    }

    #[test]
    fn heads_are_the_first_bytes() {
        assert_eq!(head("cold war", 4), head("cold", 4));
        assert_ne!(head("cold war", 4), head("colt war", 4));
        assert_eq!(head("col", 4), None);
        assert_eq!(head("cold war", 8), head("cold warriors", 8));
        assert_ne!(head("cold war", 8), head("cold peace", 8));
        assert_eq!(head("cold wa", 8), None);
    }
}
