//! ibid: turn the footnotes of a scholarly manuscript into a clean
//! bibliography.
//!
//! The library is a pipeline of small stages, each a module:
//!
//! | stage | module | what it does |
//! |---|---|---|
//! | source | [`source`] | find and number the notes in a document |
//! | split | [`split`] | cut a note into citation spans and signal phrases |
//! | parse | [`parse`] | nom grammars: Chicago forms, archival shorthand, names, dates, locators |
//! | normalize | [`archives`], [`people`] | authority tables, pseudonyms, transliteration |
//! | resolve | [`resolve`] | ibid, short forms, same-work merging, citation keys |
//! | export | [`export`] | one module per output format |
//!
//! [`model`] holds the record every stage speaks: CSL-JSON items, citations
//! and notes. [`convert_text`] runs the whole pipeline on one document.

pub mod archives;
pub mod batch;
pub mod export;
pub mod input;
pub mod keys;
pub mod library;
pub mod model;
pub mod packed;
pub mod parse;
pub mod people;
pub mod pipeline;
pub mod report;
pub mod resolve;
pub mod score;
pub mod serve;
pub mod source;
pub mod split;
pub mod text;
pub mod translit;

pub use model::*;
pub use pipeline::{convert_text, Document};
