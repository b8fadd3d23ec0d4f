//! The seed article's records rendered back into Chicago notes with the
//! official style and locale (by hayagriva, a CSL processor): each rendered
//! full note must carry the facts of the note it came from -- author family
//! names, title words, year, cited pages, archival location.
//!
//! The items are ibid's CSL-JSON export (with `custom` removed, as a CSL
//! processor ignores it), so this also checks that the export says its
//! facts with variables a style can print.

mod common;

use common::seed;
use hayagriva::citationberg::json::Item as CslItem;
use hayagriva::citationberg::taxonomy::Locator as CslLocator;
use hayagriva::citationberg::{IndependentStyle, Locale, LocaleFile};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, LocatorPayload,
    SpecificLocator,
};
use ibid::export::csl_json::to_csl;
use ibid::model::{Form, Item, LocatorLabel};
use ibid::text::fold;

const STYLE: &str = include_str!("../fixtures/chicago-notes-bibliography.csl");
const LOCALE: &str = include_str!("../fixtures/locales-en-US.xml");

/// The CSL locator term of a pinpoint label.
fn csl_locator(label: LocatorLabel) -> CslLocator {
    match label {
        LocatorLabel::Page => CslLocator::Page,
        LocatorLabel::Folio => CslLocator::Folio,
        LocatorLabel::Chapter => CslLocator::Chapter,
        LocatorLabel::Volume => CslLocator::Volume,
        LocatorLabel::Section => CslLocator::Section,
        LocatorLabel::Paragraph => CslLocator::Paragraph,
        LocatorLabel::Note => CslLocator::Note,
        LocatorLabel::Book => CslLocator::Book,
        LocatorLabel::Column => CslLocator::Column,
        LocatorLabel::Figure => CslLocator::Figure,
        LocatorLabel::Issue => CslLocator::Issue,
        LocatorLabel::Line => CslLocator::Line,
        LocatorLabel::Opus => CslLocator::Opus,
        LocatorLabel::Part => CslLocator::Part,
        LocatorLabel::SubVerbo => CslLocator::SubVerbo,
        LocatorLabel::Verse => CslLocator::Verse,
    }
}

/// The item rendered as the first note that cites it (a full note).
fn render_first_note(
    csl: &CslItem,
    locator: Option<SpecificLocator>,
    style: &IndependentStyle,
    locales: &[Locale],
) -> String {
    let mut driver = BibliographyDriver::new();
    let items = vec![CitationItem::with_locator(csl, locator)];
    driver.citation(CitationRequest::new(items, style, None, locales, Some(1)));
    let rendered = driver.finish(BibliographyRequest::new(style, None, locales));
    format!("{:#}", rendered.citations[0].citation)
}

/// The facts a full note about the item must print, folded: family names
/// of the lead contributors, the first significant title words, the year,
/// the first cited page and the parts of the archival location.
fn note_facts(item: &Item, locator: Option<&str>) -> Vec<String> {
    let mut facts = Vec::new();
    let names = if item.author.is_empty() {
        &item.editor
    } else {
        &item.author
    };
    // The style abbreviates three or more names to the first and "et al.".
    facts.extend(names.first().and_then(|n| n.family.as_deref()).map(fold));
    if let Some(title) = &item.title {
        facts.extend(
            fold(title)
                .split(' ')
                .filter(|w| w.len() > 3)
                .take(3)
                .map(str::to_string),
        );
    }
    facts.extend(
        item.issued
            .as_ref()
            .and_then(|d| d.year())
            .map(|y| y.to_string()),
    );
    if let Some(locator) = locator {
        facts.extend(
            locator
                .split(|c: char| !c.is_ascii_digit())
                .find(|p| !p.is_empty())
                .map(str::to_string),
        );
    }
    let custom = &item.custom;
    for part in [
        &custom.fond,
        &custom.opis,
        &custom.papka,
        &custom.delo,
        &custom.folios,
    ]
    .into_iter()
    .flatten()
    {
        facts.push(fold(part));
    }
    facts
}

/// True when `fact` occurs in `text` as whole folded words.
fn mentions(text: &str, fact: &str) -> bool {
    format!(" {} ", fold(text)).contains(&format!(" {fact} "))
}

#[test]
fn full_notes_render_back_with_their_facts() {
    let style = IndependentStyle::from_xml(STYLE).unwrap();
    let locales: Vec<Locale> = vec![LocaleFile::from_xml(LOCALE).unwrap().into()];
    let docs = seed();
    let doc = &docs[0];
    let (mut checked, mut facts_checked, mut facts_unprinted) = (0, 0, 0);
    for note in &doc.notes {
        for citation in note.citations.iter().filter(|c| c.form == Form::Full) {
            let work = &doc.works[citation.work.unwrap()];
            let mut json = to_csl(work).unwrap();
            let object = json.as_object_mut().unwrap();
            object.remove("custom");
            // hayagriva reads no date that is only a literal ("forthcoming")
            // and renders no range (it panics): keep the first date.
            for field in ["issued", "original-date"] {
                match object.get_mut(field).and_then(|d| d.get_mut("date-parts")) {
                    None => drop(object.remove(field)),
                    Some(parts) => parts.as_array_mut().unwrap().truncate(1),
                }
            }
            let csl: CslItem = serde_json::from_value(json).unwrap();
            let locator = citation.locator.as_ref();
            let specific = locator
                .map(|l| SpecificLocator(csl_locator(l.label), LocatorPayload::Str(&l.value)));
            let rendered = render_first_note(&csl, specific, &style, &locales);
            if work.item.unpack().note.is_some() && work.item.unpack().title.is_none() {
                continue; // an unread citation: nothing structured to print
            }
            for fact in note_facts(&work.item.unpack(), locator.map(|l| l.value.as_str())) {
                if !mentions(&note.text, &fact) {
                    // The note prints it differently (translated, abbreviated).
                    facts_unprinted += 1;
                    continue;
                }
                facts_checked += 1;
                assert!(
                    mentions(&rendered, &fact),
                    "note {}: {fact:?} missing from {rendered:?}",
                    note.label
                );
            }
            checked += 1;
        }
    }
    eprintln!("{checked} full notes rendered, {facts_checked} facts checked, {facts_unprinted} printed otherwise in the note");
    assert!(checked > 80, "only {checked} full citations rendered");
    assert!(
        facts_unprinted * 10 < facts_checked,
        "{facts_unprinted} facts of the records not in their notes, {facts_checked} checked"
    );
}
