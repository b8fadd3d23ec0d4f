//! Pseudonyms and transliteration variants of persons.
