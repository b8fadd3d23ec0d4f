//! Archival citations: Russian and Soviet archival shorthand.
//! (Placeholder on the lead's branch; the archival branch replaces it.)

use crate::model::Item;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchivalLocation {
    pub fond: Option<String>,
    pub opis: Option<String>,
    pub papka: Option<String>,
    pub delo: Option<String>,
    pub folios: Option<String>,
}

impl ArchivalLocation {
    pub fn apply_to(&self, item: &mut Item) {
        let _ = item;
    }
    pub fn inherit_from(&mut self, earlier: &ArchivalLocation) {
        let _ = earlier;
    }
    pub fn canonical(&self) -> String {
        String::new()
    }
}

pub struct ArchivalCitation {
    pub items: Vec<Item>,
    pub end: usize,
    pub location: Option<ArchivalLocation>,
}

pub fn parse_archival_citation(segment: &str, previous: Option<&ArchivalLocation>) -> Option<ArchivalCitation> {
    let _ = (segment, previous);
    None
}

pub fn parse_location(text: &str) -> Option<(ArchivalLocation, usize)> {
    let _ = text;
    None
}
