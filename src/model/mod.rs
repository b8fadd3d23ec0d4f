//! The record model every stage speaks.
//!
//! An [`Item`] is one bibliographic work in CSL-JSON vocabulary (the
//! contract in `GUIDELINE.md`): the same struct is what the parser fills,
//! what resolution merges, and what every exporter reads. Facts CSL-JSON has
//! no variable for live in [`Custom`]. A [`Citation`] is one mention of a
//! work inside a [`Note`], with its form (full, short, ibid), pinpoint and
//! the note it resolves to.
//!
//! Serialization with serde gives exactly the `notes` JSON Lines format of
//! the gold files: empty fields are omitted, `resolves_to` is written (as
//! `null` if unknown) only for short forms and ibids.

mod document;
pub mod packed;

pub use document::{Document, Work};
pub use packed::PackedItem;

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// CSL item types ibid produces (a subset of the CSL 1.0.2 vocabulary).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemType {
    #[serde(rename = "book")]
    Book,
    #[serde(rename = "chapter")]
    Chapter,
    #[serde(rename = "article-journal")]
    ArticleJournal,
    #[serde(rename = "article-magazine")]
    ArticleMagazine,
    #[serde(rename = "article-newspaper")]
    ArticleNewspaper,
    #[serde(rename = "report")]
    Report,
    #[serde(rename = "paper-conference")]
    PaperConference,
    #[serde(rename = "interview")]
    Interview,
    #[serde(rename = "personal_communication")]
    PersonalCommunication,
    /// Also the type of a citation that could not be read: its raw text is
    /// kept in [`Item::note`], so nothing is lost on import.
    #[default]
    #[serde(rename = "manuscript")]
    Manuscript,
    #[serde(rename = "thesis")]
    Thesis,
    #[serde(rename = "webpage")]
    Webpage,
    #[serde(rename = "document")]
    Document,
}

impl ItemType {
    /// The CSL-JSON spelling of the type.
    pub fn as_csl(self) -> &'static str {
        match self {
            ItemType::Book => "book",
            ItemType::Chapter => "chapter",
            ItemType::ArticleJournal => "article-journal",
            ItemType::ArticleMagazine => "article-magazine",
            ItemType::ArticleNewspaper => "article-newspaper",
            ItemType::Report => "report",
            ItemType::PaperConference => "paper-conference",
            ItemType::Interview => "interview",
            ItemType::PersonalCommunication => "personal_communication",
            ItemType::Manuscript => "manuscript",
            ItemType::Thesis => "thesis",
            ItemType::Webpage => "webpage",
            ItemType::Document => "document",
        }
    }

    /// True for archival documents: letters, telegrams and other manuscripts.
    pub fn is_archival(self) -> bool {
        matches!(self, ItemType::PersonalCommunication | ItemType::Manuscript)
    }
}

/// A CSL name: a person (`family`, `given`) or a body (`literal`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Name {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    /// A generational suffix printed after the name ("Jr.", "III").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

impl Name {
    /// A person with a family name and, optionally, given names.
    pub fn person(family: impl Into<String>, given: Option<String>) -> Name {
        Name {
            family: Some(family.into()),
            given,
            literal: None,
            suffix: None,
        }
    }

    /// A body (institution, office, committee) named as one string.
    pub fn literal(name: impl Into<String>) -> Name {
        Name {
            literal: Some(name.into()),
            ..Name::default()
        }
    }

    /// The part of the name used to match short forms and build keys:
    /// the family name of a person, the whole name of a body.
    pub fn sort_key(&self) -> &str {
        self.family
            .as_deref()
            .or(self.literal.as_deref())
            .unwrap_or("")
    }

    /// The name as a reader would print it in running text ("Sergei
    /// Goncharov", "Department of State").
    pub fn display(&self) -> String {
        match (&self.literal, &self.given, &self.family) {
            (Some(l), _, _) => l.clone(),
            (None, Some(g), Some(f)) => match &self.suffix {
                Some(x) => format!("{g} {f} {x}"),
                None => format!("{g} {f}"),
            },
            (None, None, Some(f)) => f.clone(),
            (None, Some(g), None) => g.clone(),
            (None, None, None) => String::new(),
        }
    }
}

/// A CSL date: date-parts (one or two for a range), with an optional
/// season, or a literal such as "forthcoming".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Date {
    #[serde(rename = "date-parts", default, skip_serializing_if = "Vec::is_empty")]
    pub date_parts: Vec<Vec<i32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub season: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

impl Date {
    /// A date of year, and optionally month and day.
    pub fn ymd(year: i32, month: Option<u32>, day: Option<u32>) -> Date {
        let mut parts = vec![year];
        if let Some(m) = month {
            parts.push(m as i32);
            if let Some(d) = day {
                parts.push(d as i32);
            }
        }
        Date {
            date_parts: vec![parts],
            ..Date::default()
        }
    }

    /// A date known only as a phrase ("forthcoming", "n.d.").
    pub fn literal(text: impl Into<String>) -> Date {
        Date {
            literal: Some(text.into()),
            ..Date::default()
        }
    }

    /// The first year of the date, if it has one.
    pub fn year(&self) -> Option<i32> {
        self.date_parts.first().and_then(|p| p.first()).copied()
    }
}

/// Facts that CSL-JSON 1.0.2 has no variable for (GUIDELINE §3-4).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Custom {
    /// Standard Latin abbreviation of the archive ("APRF").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_abbrev: Option<String>,
    /// The archive's name or abbreviation exactly as the note prints it,
    /// when it differs from the standard one (a Soviet-era name, Cyrillic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_cited: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fond: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub papka: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folios: Option<String>,
    /// A collection's own document number ("SD00245").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_translated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_title_translated: Option<String>,
    /// The person behind a pseudonymous author ("Filippov" is Stalin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_identity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_identity: Option<String>,
}

impl Custom {
    pub fn is_empty(&self) -> bool {
        *self == Custom::default()
    }
}

/// One bibliographic work as a CSL-JSON item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Item {
    #[serde(rename = "type")]
    pub kind: ItemType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editor: Vec<Name>,
    /// The author of the book a chapter is in, when the note names one
    /// ("in Oskar Dahl, The Winter Treatise").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub container_author: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translator: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipient: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interviewer: Vec<Name>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_title: Option<String>,
    /// The number of the work in its series ("136").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// The title of one volume of a multi-volume work ("vol. 2, The
    /// Roaring of the Cataract").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_title: Option<String>,
    /// The edition: its number ("2" for "2nd ed.") or its word ("rev.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// How many volumes a multi-volume work has ("2 vols.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_volumes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_date: Option<Date>,
    /// When the note's author consulted a web page ("accessed May 5, 2020").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_place: Option<String>,
    /// `archive_location` is spelled with an underscore in CSL-JSON.
    #[serde(
        rename = "archive_location",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub archive_location: Option<String>,
    /// The DOI, bare ("10.2307/3096136").
    #[serde(rename = "DOI", default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// A web address the note gives for the work.
    #[serde(rename = "URL", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Free text; for a citation ibid could not read, the raw text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Boxed: most items carry few of these facts, and works hold their
    /// item for the whole document (a quarter of an item's size inline).
    #[serde(default, skip_serializing_if = "Custom::is_empty")]
    pub custom: Box<Custom>,
}

impl Item {
    /// The first author, or failing that the first editor: whoever a
    /// reader would name the work by.
    pub fn lead_name(&self) -> Option<&Name> {
        self.author.first().or_else(|| self.editor.first())
    }
}

/// How a citation refers to its work (GUIDELINE §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Enough to identify the work by itself.
    Full,
    /// Author and/or short title pointing back to an earlier full note.
    Short,
    /// Ibid., Idem, Там же: the previous citation.
    Ibid,
}

/// CSL locator terms used for pinpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocatorLabel {
    Page,
    Folio,
    Chapter,
    Volume,
    Section,
    Paragraph,
    Note,
    // The other locator terms reference managers offer (citation fields
    // of Zotero and Mendeley carry them).
    Book,
    Column,
    Figure,
    Issue,
    Line,
    Opus,
    Part,
    #[serde(rename = "sub verbo")]
    SubVerbo,
    Verse,
}

impl LocatorLabel {
    /// The label named by a CSL locator term ("page", "chapter", ...).
    pub fn from_csl(term: &str) -> Option<LocatorLabel> {
        use LocatorLabel::*;
        [
            Page, Folio, Chapter, Volume, Section, Paragraph, Note, Column, Book, Part, Line, Verse,
        ]
        .into_iter()
        .find(|l| l.as_csl() == term)
    }

    pub fn as_csl(self) -> &'static str {
        match self {
            LocatorLabel::Page => "page",
            LocatorLabel::Folio => "folio",
            LocatorLabel::Chapter => "chapter",
            LocatorLabel::Volume => "volume",
            LocatorLabel::Section => "section",
            LocatorLabel::Paragraph => "paragraph",
            LocatorLabel::Note => "note",
            LocatorLabel::Book => "book",
            LocatorLabel::Column => "column",
            LocatorLabel::Figure => "figure",
            LocatorLabel::Issue => "issue",
            LocatorLabel::Line => "line",
            LocatorLabel::Opus => "opus",
            LocatorLabel::Part => "part",
            LocatorLabel::SubVerbo => "sub verbo",
            LocatorLabel::Verse => "verse",
        }
    }
}

/// A pinpoint inside a work: "pp. 6 - 7" is `{value: "6-7", label: Page}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Locator {
    pub value: String,
    pub label: LocatorLabel,
}

/// How one citation of a note relates to another of the same note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationType {
    TranslationOf,
    CitedFrom,
    ReprintOf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Relation {
    #[serde(rename = "type")]
    pub kind: RelationType,
    /// Index (0-based) of the other citation in the same note.
    pub citation: usize,
}

/// The reference manager whose citation field in a Word file held a
/// citation's item: the author's own record, taken as stored rather than
/// read from the printed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordSource {
    Zotero,
    Mendeley,
    #[serde(rename = "endnote")]
    EndNote,
}

/// One mention of a work in a note.
#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    pub form: Form,
    /// For short forms and ibids: the fully resolved item of the work.
    pub item: Item,
    /// For short forms and ibids: the label of the note holding the full
    /// citation, or `None` when no earlier note identifies the work.
    pub resolves_to: Option<String>,
    pub locator: Option<Locator>,
    pub prefix: Option<String>,
    pub relation: Option<Relation>,
    /// Byte span of the citation inside the note text.
    pub span: Range<usize>,
    /// Index of the work in the run's bibliography, set by resolution.
    pub work: Option<usize>,
    /// Where the item came from when a reference manager's field stored
    /// it; `None` for a citation read from the note text.
    pub source: Option<RecordSource>,
}

impl Citation {
    /// A citation of the given form with nothing resolved yet.
    pub fn new(form: Form, item: Item, span: Range<usize>) -> Citation {
        Citation {
            form,
            item,
            resolves_to: None,
            locator: None,
            prefix: None,
            relation: None,
            span,
            work: None,
            source: None,
        }
    }
}

/// A note as found in the source, with its citations once parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// The note's number or label as printed, without brackets.
    pub label: String,
    /// The note text exactly as in the source (without the marker),
    /// trimmed of surrounding white space.
    pub text: String,
    /// Byte span of `text` in the source document.
    pub span: Range<usize>,
    pub citations: Vec<Citation>,
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A part of the note could not be read; its raw text is kept.
    Error,
    /// Read, but with a doubt the user should check (an unresolved short
    /// form, two citations of one document that disagree).
    Warning,
}

/// Something the user should know about one note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the note came from (empty for in-memory input).
    pub file: String,
    /// The note's label.
    pub note: String,
    /// The note's place among the notes of its file, from 1: what tells
    /// two notes apart when their labels repeat (chapters that restart
    /// their numbering).
    #[serde(default)]
    pub position: usize,
    /// Byte span inside the note text that the message is about.
    pub span: Range<usize>,
    pub message: String,
}
