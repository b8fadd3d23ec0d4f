//! ibid: turn the footnotes of a scholarly manuscript into a clean
//! bibliography.
//!
//! The library is a pipeline of small stages, each a module:
//!
//! | stage | module | what it does |
//! |---|---|---|
//! | source | [`source`] | find and number the notes in a document |
//! | split | [`split`] | cut a note into citation spans and signal phrases |
//! | parse | [`parse`] | nom grammars: Chicago forms, archival shorthand, GOST, names, dates, locators |
//! | normalize | [`normalize`] | the document-wide rewriting of records (romanization) |
//! | resolve | [`resolve`] | Ibid., short forms, same-work merging, library, citation keys |
//! | export | [`export`] | one module per output format |
//!
//! No stage imports a later one. Below them all sit [`model`], [`text`]
//! and the [`authority`] tables; above them, [`pipeline`] and [`batch`]
//! run them.
//!
//! [`model`] holds the record every stage speaks: CSL-JSON items, citations
//! and notes. [`convert_text`] runs the whole pipeline on one document.

// Below every stage: the record model, text utilities, authority tables.
pub mod authority;
pub mod model;
pub mod text;

// The stages, in the order data flows through them.
pub mod export;
pub mod normalize;
pub mod parse;
pub mod resolve;
pub mod source;
pub mod split;

// What runs the stages: one document, a batch, and the front ends.
pub mod batch;
pub mod input;
pub mod pipeline;
pub mod report;
pub mod score;
pub mod serve;

pub use model::*;
pub use pipeline::convert_text;
