//! Authority tables: what the world's archives and people are called, and
//! how Cyrillic is romanized. They are read from the data files under
//! `data/` and sit below every stage: the grammars consult them while they
//! read (is this word an archive's name? is this a pseudonym?), the
//! normalize stage and the resolver when they compare and rewrite records.

pub mod archives;
pub mod people;
pub mod translit;
