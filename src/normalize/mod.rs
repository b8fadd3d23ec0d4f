//! The normalize stage: what is done to a document's records once they are
//! read, to put them in one canonical form for the bibliography.
//!
//! Most normalization happens while the grammars read, because it decides
//! what they read: an archive's cited name is looked up in the authority
//! table ([`crate::authority::archives`]), a pseudonym in the table of
//! pseudonyms ([`crate::authority::people`]), Cyrillic and its romanization
//! compare as one ([`crate::authority::translit`]). Those tables sit below
//! every stage. What this stage adds is the document-wide pass the user asks
//! for: `--romanize` ([`romanize_document`]) writes every Cyrillic field in
//! Library of Congress romanization, and [`romanize_item`] does the same
//! to one record (the library matcher romanizes the items it compares).

use crate::authority::translit::romanize;
use crate::model::{Document, Item, PackedItem};

/// Romanizes every Cyrillic text of an item in place (names, titles,
/// containers, publishers, places, genres, notes), for a bibliography in
/// Latin script (`ibid convert --romanize`). Text without Cyrillic is left
/// as it is.
pub fn romanize_item(item: &mut Item) {
    fn field(value: &mut Option<String>) {
        if let Some(v) = value {
            if v.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
                *v = romanize(v);
            }
        }
    }
    for names in [
        &mut item.author,
        &mut item.editor,
        &mut item.translator,
        &mut item.container_author,
        &mut item.recipient,
        &mut item.interviewer,
    ] {
        for n in names.iter_mut() {
            field(&mut n.family);
            field(&mut n.given);
            field(&mut n.literal);
        }
    }
    for v in [
        &mut item.genre,
        &mut item.title,
        &mut item.container_title,
        &mut item.collection_title,
        &mut item.volume_title,
        &mut item.event_title,
        &mut item.event_place,
        &mut item.publisher,
        &mut item.publisher_place,
        &mut item.volume,
        &mut item.note,
        &mut item.custom.title_translated,
        &mut item.custom.archive_cited,
        &mut item.custom.author_identity,
        &mut item.custom.recipient_identity,
    ] {
        field(v);
    }
}

/// Romanizes every item of a document: its works and its citations.
pub fn romanize_document(doc: &mut Document) {
    for work in &mut doc.works {
        let mut item = work.item.unpack();
        romanize_item(&mut item);
        work.item = PackedItem::pack(&item);
    }
    for note in &mut doc.notes {
        for c in &mut note.citations {
            romanize_item(&mut c.item);
        }
    }
}

#[cfg(test)]
mod romanize_item_tests {
    use super::*;
    use crate::model::Name;

    #[test]
    fn romanizes_cyrillic_fields_only() {
        let mut item = Item {
            title: Some("Советско-китайские отношения".into()),
            author: vec![Name::person("Иванов", Some("И. И.".into()))],
            publisher: Some("Stanford University Press".into()),
            ..Item::default()
        };
        romanize_item(&mut item);
        assert_eq!(
            item.title.as_deref(),
            Some("Sovetsko-kitaiskie otnosheniia")
        );
        assert_eq!(item.author[0].family.as_deref(), Some("Ivanov"));
        assert_eq!(item.author[0].given.as_deref(), Some("I. I."));
        assert_eq!(item.publisher.as_deref(), Some("Stanford University Press"));
    }
}
