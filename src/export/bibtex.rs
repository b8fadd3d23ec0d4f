//! BibTeX and BibLaTeX, written with the `biblatex` crate (which does all
//! LaTeX escaping).
//!
//! The two dialects answer different needs. BibTeX is the Zotero-safe
//! subset: only entry types Zotero's importer keeps (`@letter`,
//! `@unpublished`, `@misc` and the classic published types), names as
//! `Family, Given`, bodies braced, and the archival reference as readable
//! text in `howpublished` plus every fact without a BibTeX field as
//! `key: value` parts of `note`. BibLaTeX keeps everything in fields:
//! standard biblatex fields, `library`/`shelfmark` for the archive and its
//! location, `titleaddon`/`nameaddon` for translations and identities, and
//! one plainly named field per archival part. `docs/formats.md` has the
//! full mapping.

use super::{custom_facts, edtf, extra_line_name, fact_lines};
use crate::model::Work;
use crate::model::{Date, Item, ItemType, Name};
use biblatex::{Chunk, Chunks, Entry, EntryType, Spanned};

/// Which of the two dialects to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Bibtex,
    Biblatex,
}

/// Writes one entry per work, separated by blank lines.
pub fn write(
    dialect: Dialect,
    works: &[&Work],
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    for work in works {
        let entry = match dialect {
            Dialect::Bibtex => bibtex_entry(work),
            Dialect::Biblatex => biblatex_entry(work),
        };
        let text = match dialect {
            Dialect::Bibtex => entry.to_bibtex_string()?,
            Dialect::Biblatex => entry.to_biblatex_string(),
        };
        let text = match &entry.entry_type {
            EntryType::Unknown(name) => retype(&text, name),
            _ => text,
        };
        writeln!(out, "{text}\n")?;
    }
    Ok(())
}

/// `@letter`, standard in BibLaTeX and read by Zotero's BibTeX importer,
/// which the `biblatex` crate knows only as an unknown type.
fn letter() -> EntryType {
    EntryType::Unknown("letter".to_string())
}

/// The entry text with its type written as `name`: the crate writes unknown
/// types as `@misc`.
fn retype(text: &str, name: &str) -> String {
    match text.split_once('{') {
        Some((_, rest)) => format!("@{name}{{{rest}"),
        None => text.to_string(),
    }
}

/// Fields of an entry under construction; empty values are never set.
struct Fields(Entry);

impl Fields {
    fn new(key: &str, entry_type: EntryType) -> Fields {
        Fields(Entry::new(key.to_string(), entry_type))
    }

    fn text(&mut self, field: &str, value: Option<impl AsRef<str>>) {
        if let Some(value) = value.as_ref().map(AsRef::as_ref).filter(|v| !v.is_empty()) {
            self.0.set(
                field,
                vec![Spanned::detached(Chunk::Normal(value.to_string()))],
            );
        }
    }

    fn names(&mut self, field: &str, names: &[Name]) {
        if !names.is_empty() {
            self.0.set(field, name_chunks(names));
        }
    }
}

/// A name list: people as `Family, Given`, bodies in braces so that no
/// style splits or abbreviates them, joined with `and`.
fn name_chunks(names: &[Name]) -> Chunks {
    let mut chunks = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            chunks.push(Spanned::detached(Chunk::Normal(" and ".into())));
        }
        let chunk = match (&name.literal, &name.suffix, &name.family, &name.given) {
            (Some(body), ..) => Chunk::Verbatim(body.clone()),
            // BibTeX's three-part form: `von Last, Jr, First`.
            (None, Some(suffix), Some(family), Some(given)) => {
                Chunk::Normal(format!("{family}, {suffix}, {given}"))
            }
            _ => Chunk::Normal(super::family_given(name)),
        };
        chunks.push(Spanned::detached(chunk));
    }
    chunks
}

/// The BibTeX entry type Zotero imports as the matching item type.
fn bibtex_type(item: &Item) -> EntryType {
    match item.kind {
        ItemType::Book => EntryType::Book,
        ItemType::Chapter => EntryType::InCollection,
        ItemType::ArticleJournal | ItemType::ArticleMagazine | ItemType::ArticleNewspaper => {
            EntryType::Article
        }
        ItemType::Report => EntryType::TechReport,
        ItemType::PaperConference if item.container_title.is_some() => EntryType::InProceedings,
        ItemType::PersonalCommunication => letter(),
        ItemType::Manuscript => EntryType::Unpublished,
        ItemType::Thesis => EntryType::PhdThesis,
        ItemType::PaperConference
        | ItemType::Interview
        | ItemType::Webpage
        | ItemType::Document => EntryType::Misc,
    }
}

/// The BibLaTeX entry type.
fn biblatex_type(item: &Item) -> EntryType {
    match item.kind {
        ItemType::Report => EntryType::Report,
        ItemType::PaperConference if item.container_title.is_none() => EntryType::Unpublished,
        ItemType::Thesis => EntryType::Thesis,
        ItemType::Webpage => EntryType::Online,
        _ => bibtex_type(item),
    }
}

/// The field that holds `container-title` for an entry type, if any.
fn container_field(entry_type: &EntryType) -> Option<&'static str> {
    match entry_type {
        EntryType::Article => Some("journal"),
        EntryType::InCollection | EntryType::InProceedings => Some("booktitle"),
        _ => None,
    }
}

/// The fields both dialects share: names, title, publication facts.
fn common_fields(key: &str, item: &Item, entry_type: EntryType) -> Fields {
    let mut fields = Fields::new(key, entry_type.clone());
    fields.names("author", &item.author);
    fields.names("editor", &item.editor);
    fields.text("title", item.title.as_ref());
    fields.text("type", item.genre.as_ref());
    if let Some(field) = container_field(&entry_type) {
        fields.text(field, item.container_title.as_ref());
    }
    fields.text("series", item.collection_title.as_ref());
    fields.text("publisher", item.publisher.as_ref());
    fields.text("edition", item.edition.as_ref());
    fields.text("volume", item.volume.as_ref());
    // A book's `number` is its number in the series.
    fields.text(
        "number",
        item.number.as_ref().or(item.collection_number.as_ref()),
    );
    fields.text("pages", item.page.as_ref());
    fields.text("doi", item.doi.as_ref());
    fields.text("url", item.url.as_ref());
    if entry_type == EntryType::TechReport || entry_type == EntryType::Report {
        fields.text("institution", item.publisher.as_ref());
        fields.0.remove("publisher");
    }
    fields
}

/// The Zotero-safe BibTeX entry.
fn bibtex_entry(work: &Work) -> Entry {
    let item = &work.item.unpack();
    let entry_type = bibtex_type(item);
    let mut fields = common_fields(&work.key, item, entry_type.clone());
    fields.text("address", item.publisher_place.as_ref());
    if item.issue.is_some() {
        // BibTeX's `number` of an article is its issue.
        fields.text("number", item.issue.as_ref());
    }
    if let Some(date) = &item.issued {
        fields.text("year", bibtex_year(date));
        fields.text(
            "month",
            date.date_parts
                .first()
                .and_then(|p| p.get(1))
                .map(|m| m.to_string()),
        );
    }
    if entry_type == letter() || matches!(entry_type, EntryType::Unpublished | EntryType::Misc) {
        fields.text("howpublished", Some(archival_reference(item)));
    }
    let note = bibtex_note_parts(item, &entry_type);
    fields.text("note", Some(note.join("; ")));
    fields.0
}

/// The year field: the first year, or a literal date ("forthcoming").
fn bibtex_year(date: &Date) -> Option<String> {
    date.year()
        .map(|y| y.to_string())
        .or_else(|| date.literal.clone())
}

/// The archival reference (or, for other unpublished things, where they
/// were presented) as one readable phrase for `howpublished`.
fn archival_reference(item: &Item) -> String {
    let mut parts = Vec::new();
    let names = |names: &[Name]| {
        names
            .iter()
            .map(Name::display)
            .collect::<Vec<_>>()
            .join(" and ")
    };
    if !item.recipient.is_empty() {
        parts.push(format!("to {}", names(&item.recipient)));
    }
    if !item.interviewer.is_empty() {
        parts.push(format!("interviewed by {}", names(&item.interviewer)));
    }
    if let Some(event) = &item.event_title {
        parts.push(format!("presented at {event}"));
    }
    parts.extend(item.event_place.clone());
    match (&item.archive, &item.custom.archive_abbrev) {
        (Some(archive), Some(abbrev)) => parts.push(format!("{archive} ({abbrev})")),
        (archive, abbrev) => parts.extend(archive.clone().or(abbrev.clone())),
    }
    parts.extend(item.archive_place.clone());
    parts.extend(item.archive_location.clone());
    parts.join(", ")
}

/// The parts of a BibTeX `note`: the item's own note, then every fact no
/// BibTeX field of this entry type holds, as `key: value`.
fn bibtex_note_parts(item: &Item, entry_type: &EntryType) -> Vec<String> {
    let mut parts: Vec<String> = item.note.iter().cloned().collect();
    for (role, names) in [
        ("translator", &item.translator),
        ("container-author", &item.container_author),
        ("recipient", &item.recipient),
        ("interviewer", &item.interviewer),
    ] {
        parts.extend(
            names
                .iter()
                .map(|name| format!("{role}: {}", extra_line_name(name))),
        );
    }
    let issued_detail = item.issued.as_ref().filter(|d| {
        d.season.is_some()
            || d.date_parts.len() > 1
            || d.date_parts.first().is_some_and(|p| p.len() > 2)
    });
    let mut facts: Vec<(&str, Option<String>)> = vec![
        ("issued", issued_detail.and_then(super::date_text)),
        ("original-date", item.original_date.as_ref().and_then(edtf)),
        ("accessed", item.accessed.as_ref().and_then(edtf)),
        ("status", item.status.clone()),
        ("event-title", item.event_title.clone()),
        ("event-place", item.event_place.clone()),
        ("archive", item.archive.clone()),
        ("archive-place", item.archive_place.clone()),
        ("archive_location", item.archive_location.clone()),
        ("number-of-volumes", item.number_of_volumes.clone()),
    ];
    if container_field(entry_type).is_none() {
        facts.push(("container-title", item.container_title.clone()));
    }
    if *entry_type != EntryType::Article {
        facts.push(("issue", item.issue.clone()));
    }
    parts.extend(fact_lines(facts, item));
    parts
}

/// The BibLaTeX entry, which keeps every fact in a field.
fn biblatex_entry(work: &Work) -> Entry {
    let item = &work.item.unpack();
    let entry_type = biblatex_type(item);
    let mut fields = common_fields(&work.key, item, entry_type.clone());
    fields.names("translator", &item.translator);
    fields.names("bookauthor", &item.container_author);
    fields.names("recipient", &item.recipient);
    fields.names("interviewer", &item.interviewer);
    if matches!(
        item.kind,
        ItemType::ArticleMagazine | ItemType::ArticleNewspaper
    ) {
        let subtype = if item.kind == ItemType::ArticleMagazine {
            "magazine"
        } else {
            "newspaper"
        };
        fields.text("entrysubtype", Some(subtype));
    }
    if entry_type == EntryType::Article {
        // biblatex: `number` is the issue number, `issue` a season or name.
        fields.text("number", item.issue.as_ref());
    } else {
        fields.text("issuenumber", item.issue.as_ref());
    }
    if let Some(date) = &item.issued {
        match edtf(date) {
            Some(value) if !date.date_parts.is_empty() => fields.text("date", Some(value)),
            value => fields.text("year", value),
        }
        fields.text("issue", date.season.as_ref());
    }
    fields.text("origdate", item.original_date.as_ref().and_then(edtf));
    fields.text("urldate", item.accessed.as_ref().and_then(edtf));
    fields.text("pubstate", item.status.as_ref());
    fields.text("volumes", item.number_of_volumes.as_ref());
    fields.text("eventtitle", item.event_title.as_ref());
    fields.text("venue", item.event_place.as_ref());
    fields.text("location", item.publisher_place.as_ref());
    if item.container_title.is_some() && container_field(&entry_type).is_none() {
        fields.text("booktitle", item.container_title.as_ref());
    }
    fields.text("library", item.archive.as_ref());
    fields.text("shelfmark", item.archive_location.as_ref());
    let place_field = if item.publisher_place.is_some() {
        "archiveplace"
    } else {
        "location"
    };
    fields.text(place_field, item.archive_place.as_ref());
    fields.text("note", item.note.as_ref());
    for (label, value) in custom_facts(item) {
        match label {
            "title-translated" => fields.text("titleaddon", Some(format!("[{value}]"))),
            "container-title-translated" => {
                let field = if entry_type == EntryType::Article {
                    "journaltitleaddon"
                } else {
                    "booktitleaddon"
                };
                fields.text(field, Some(format!("[{value}]")));
            }
            "author-identity" => fields.text("nameaddon", Some(format!("[{value}]"))),
            _ => fields.text(&label.replace('-', ""), Some(value)),
        }
    }
    fields.0
}
