//! The author's own references: a reference library given with
//! `--library` (CSL-JSON as Zotero exports it, BibTeX/BibLaTeX, RIS) and the
//! bibliography printed inside a manuscript. Both are read into the record
//! model ([`Item`]) and searched by resolution ([`matching`]) so that short
//! forms and full citations name the author's entries instead of making new
//! records.
//!
//! | module | what it does |
//! |---|---|
//! | this one | read a library file into [`LibraryItem`]s |
//! | [`bibliography`] | the grammar of a printed bibliography entry |
//! | [`matching`] | the catalog searched by resolution: rules, thresholds, ambiguity |

pub mod bibliography;
pub mod matching;

use crate::model::{Date, Item, ItemType, Name};
use anyhow::{bail, Context};
use std::path::Path;

/// One entry of a reference library: its item and the key the library
/// knows it by (CSL-JSON `id`, BibTeX key, RIS `ID`).
#[derive(Clone, Debug, PartialEq)]
pub struct LibraryItem {
    pub key: String,
    pub item: Item,
    /// A short title the library records for the work (CSL `title-short`,
    /// BibLaTeX `shorttitle`, RIS `ST`): what short forms often print.
    pub short_title: Option<String>,
}

/// The formats a library file may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibraryFormat {
    CslJson,
    Bibtex,
    Ris,
}

impl LibraryFormat {
    /// The format of a library file: by extension (`.json`, `.bib`, `.ris`),
    /// else by its first non-blank character (`[`/`{` CSL-JSON, `@` BibTeX,
    /// `TY  -` RIS).
    pub fn detect(path: &Path, text: &str) -> Option<LibraryFormat> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("json") | Some("csljson") => return Some(LibraryFormat::CslJson),
            Some("bib") | Some("bibtex") | Some("biblatex") => return Some(LibraryFormat::Bibtex),
            Some("ris") => return Some(LibraryFormat::Ris),
            _ => {}
        }
        let head = text.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with('[') || head.starts_with('{') {
            Some(LibraryFormat::CslJson)
        } else if head.starts_with('@') || head.starts_with('%') {
            Some(LibraryFormat::Bibtex)
        } else if head.starts_with("TY  -") {
            Some(LibraryFormat::Ris)
        } else {
            None
        }
    }
}

/// Reads a library file (format by [`LibraryFormat::detect`]).
pub fn read_library_file(path: &Path) -> anyhow::Result<Vec<LibraryItem>> {
    let bytes =
        std::fs::read(path).with_context(|| format!("{}: cannot read library", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: invalid UTF-8 at byte {}",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let Some(format) = LibraryFormat::detect(path, &text) else {
        bail!(
            "{}: not a library ibid reads (CSL-JSON .json, BibTeX .bib, RIS .ris)",
            path.display()
        );
    };
    read_library(&text, format).with_context(|| format!("{}: cannot read library", path.display()))
}

/// Reads the text of a library in the given format.
pub fn read_library(text: &str, format: LibraryFormat) -> anyhow::Result<Vec<LibraryItem>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut items = match format {
        LibraryFormat::CslJson => read_csl_json(text)?,
        LibraryFormat::Bibtex => read_bibtex(text)?,
        LibraryFormat::Ris => read_ris(text),
    };
    for item in &mut items {
        facts_from_note(&mut item.item);
    }
    Ok(items)
}

/// Reads back the `key: value` facts ibid (and Zotero's Extra) keep in a
/// record's note: a translated or original title is one more title of the
/// work to match short forms by.
fn facts_from_note(item: &mut Item) {
    let Some(note) = item.note.as_deref() else {
        return;
    };
    if item.custom.title_translated.is_some() {
        return;
    }
    // One fact a line, or several on one line separated by "; " (ibid's
    // BibTeX `note`).
    let title = note.lines().flat_map(|l| l.split("; ")).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        let key = key.trim().to_ascii_lowercase();
        matches!(
            key.as_str(),
            "title-translated" | "original-title" | "original title"
        )
        .then(|| value.trim().to_string())
        .filter(|v| !v.is_empty())
    });
    item.custom.title_translated = title;
}

/// A CSL type name as ibid's [`ItemType`]; types ibid does not produce
/// fall to the nearest one (a `thesis` stays, `article` is a journal
/// article, anything unknown a `document`).
fn csl_type(name: &str) -> ItemType {
    match name {
        "book" => ItemType::Book,
        "chapter" | "entry-encyclopedia" | "entry-dictionary" | "entry" => ItemType::Chapter,
        "article-journal" | "article" => ItemType::ArticleJournal,
        "article-magazine" => ItemType::ArticleMagazine,
        "article-newspaper" => ItemType::ArticleNewspaper,
        "report" => ItemType::Report,
        "paper-conference" => ItemType::PaperConference,
        "interview" => ItemType::Interview,
        "personal_communication" | "letter" => ItemType::PersonalCommunication,
        "manuscript" => ItemType::Manuscript,
        "thesis" => ItemType::Thesis,
        "webpage" | "post-weblog" | "post" => ItemType::Webpage,
        _ => ItemType::Document,
    }
}

/// Reads CSL-JSON: an array of items (or one item). Zotero writes
/// date-parts as strings and uses types ibid does not produce: both are
/// taken as they come.
fn read_csl_json(text: &str) -> anyhow::Result<Vec<LibraryItem>> {
    let value: serde_json::Value = serde_json::from_str(text).context("invalid JSON")?;
    let list = match value {
        serde_json::Value::Array(list) => list,
        object @ serde_json::Value::Object(_) => vec![object],
        _ => bail!("a CSL-JSON library is an array of items"),
    };
    let mut items = Vec::with_capacity(list.len());
    for (i, mut value) in list.into_iter().enumerate() {
        let Some(object) = value.as_object_mut() else {
            bail!("item {} is not an object", i + 1);
        };
        let key = match object.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("item{}", i + 1),
        };
        let kind = object
            .get("type")
            .and_then(|t| t.as_str())
            .map_or(ItemType::Document, csl_type);
        object.insert("type".into(), serde_json::to_value(kind)?);
        let short_title = object
            .get("title-short")
            .or_else(|| object.get("shortTitle"))
            .and_then(|t| t.as_str())
            .map(str::to_string);
        // Only what the record model knows is read; numbers as strings.
        for field in ["volume", "issue", "number", "page", "number-of-volumes"] {
            if let Some(n) = object.get(field).and_then(|v| v.as_number()).cloned() {
                object.insert(field.into(), serde_json::Value::String(n.to_string()));
            }
        }
        for field in ["issued", "original-date", "accessed"] {
            if let Some(date) = object.get_mut(field) {
                normalize_csl_date(date);
            }
        }
        // ibid's own `custom` facts are read; anything else there is not.
        let item: Item = match serde_json::from_value(value.clone()) {
            Ok(item) => item,
            Err(_) => {
                if let Some(object) = value.as_object_mut() {
                    object.remove("custom");
                }
                serde_json::from_value(value).with_context(|| format!("item {} ({key})", i + 1))?
            }
        };
        items.push(LibraryItem {
            key,
            item,
            short_title,
        });
    }
    Ok(items)
}

/// Makes a CSL date readable by the record model: date-parts given as
/// strings become numbers, parts that are no number are dropped.
fn normalize_csl_date(date: &mut serde_json::Value) {
    let Some(parts) = date.get_mut("date-parts").and_then(|p| p.as_array_mut()) else {
        return;
    };
    for part in parts.iter_mut() {
        if let Some(list) = part.as_array_mut() {
            let numbers: Vec<serde_json::Value> = list
                .iter()
                .filter_map(|v| match v {
                    serde_json::Value::Number(n) => n.as_i64(),
                    serde_json::Value::String(s) => s.trim().parse::<i64>().ok(),
                    _ => None,
                })
                .map(serde_json::Value::from)
                .collect();
            *list = numbers;
        }
    }
    if let Some(season) = date.get_mut("season") {
        if let Some(n) = season.as_i64() {
            *season = serde_json::Value::String(n.to_string());
        }
    }
}

/// A BibTeX entry type as an [`ItemType`].
fn bibtex_type(entry_type: &str) -> ItemType {
    match entry_type.to_ascii_lowercase().as_str() {
        "book" | "mvbook" | "booklet" | "collection" | "mvcollection" | "proceedings" => {
            ItemType::Book
        }
        "inbook" | "incollection" | "bookinbook" | "suppbook" | "inreference" => ItemType::Chapter,
        "article" => ItemType::ArticleJournal,
        "inproceedings" | "conference" => ItemType::PaperConference,
        "report" | "techreport" => ItemType::Report,
        "thesis" | "phdthesis" | "mastersthesis" => ItemType::Thesis,
        "letter" => ItemType::PersonalCommunication,
        "unpublished" | "manuscript" | "archival" => ItemType::Manuscript,
        "online" | "www" | "electronic" => ItemType::Webpage,
        _ => ItemType::Document,
    }
}

/// Reads BibTeX or BibLaTeX with the `biblatex` crate.
fn read_bibtex(text: &str) -> anyhow::Result<Vec<LibraryItem>> {
    use biblatex::{ChunksExt, Person};
    let bibliography =
        biblatex::Bibliography::parse(text).map_err(|e| anyhow::anyhow!("BibTeX: {e}"))?;
    let mut items = Vec::new();
    for entry in bibliography.iter() {
        let field = |name: &str| {
            entry
                .get(name)
                .map(|c| c.format_verbatim())
                .map(|s| crate::text::squash_spaces(s.trim()))
                .filter(|s| !s.is_empty())
        };
        let people = |name: &str| -> Vec<Name> {
            entry
                .get_as::<Vec<Person>>(name)
                .unwrap_or_default()
                .into_iter()
                .filter(|p| p.name != "others")
                .map(|p| {
                    let family = if p.prefix.is_empty() {
                        p.name.clone()
                    } else {
                        format!("{} {}", p.prefix, p.name)
                    };
                    let given = if p.suffix.is_empty() {
                        p.given_name.clone()
                    } else {
                        format!("{}, {}", p.given_name, p.suffix)
                    };
                    if given.is_empty() {
                        Name::person(family, None)
                    } else {
                        Name::person(family, Some(given))
                    }
                })
                .collect()
        };
        let kind = bibtex_type(&entry.entry_type.to_string());
        let mut item = Item {
            kind,
            title: field("title"),
            author: people("author"),
            editor: people("editor"),
            translator: people("translator"),
            publisher: field("publisher")
                .or_else(|| field("institution"))
                .or_else(|| field("school"))
                .or_else(|| field("organization")),
            publisher_place: field("location").or_else(|| field("address")),
            volume: field("volume"),
            issue: field("number").filter(|_| kind == ItemType::ArticleJournal),
            number: field("number").filter(|_| kind != ItemType::ArticleJournal),
            page: field("pages").map(|p| crate::text::normalize_range(&p)),
            doi: field("doi"),
            url: field("url"),
            note: field("note").or_else(|| field("annote")),
            ..Item::default()
        };
        item.container_title = field("journaltitle")
            .or_else(|| field("journal"))
            .or_else(|| field("booktitle"));
        item.custom.title_translated = field("titleaddon").filter(|t| t.starts_with('['));
        let date = field("date").or_else(|| field("year"));
        item.issued = date.as_deref().and_then(year_date);
        items.push(LibraryItem {
            key: entry.key.clone(),
            item,
            short_title: field("shorttitle"),
        });
    }
    Ok(items)
}

/// The year a date text begins with ("1994", "1994-05-02", "1981/1990").
fn year_date(text: &str) -> Option<Date> {
    let digits: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    (digits.len() == 4)
        .then(|| digits.parse().ok())
        .flatten()
        .map(|y| Date::ymd(y, None, None))
}

/// An RIS reference type as an [`ItemType`].
fn ris_type(ty: &str) -> ItemType {
    match ty {
        "BOOK" | "EBOOK" | "EDBOOK" | "CTLG" => ItemType::Book,
        "CHAP" | "ECHAP" | "ENCYC" | "DICT" => ItemType::Chapter,
        "JOUR" | "JFULL" | "EJOUR" | "ABST" => ItemType::ArticleJournal,
        "MGZN" => ItemType::ArticleMagazine,
        "NEWS" => ItemType::ArticleNewspaper,
        "RPRT" | "GOVDOC" => ItemType::Report,
        "CPAPER" | "CONF" => ItemType::PaperConference,
        "INTV" => ItemType::Interview,
        "PCOMM" => ItemType::PersonalCommunication,
        "MANSCPT" | "UNPB" => ItemType::Manuscript,
        "THES" => ItemType::Thesis,
        "ELEC" | "WEB" | "BLOG" => ItemType::Webpage,
        _ => ItemType::Document,
    }
}

/// An RIS name ("Family, Given" or a body's name).
fn ris_name(value: &str) -> Name {
    match value.split_once(',') {
        Some((family, given)) if !given.trim().is_empty() => {
            Name::person(family.trim(), Some(given.trim().to_string()))
        }
        Some((family, _)) => Name::person(family.trim(), None),
        None if value.contains(' ') => Name::literal(value.trim()),
        None => Name::person(value.trim(), None),
    }
}

/// Reads RIS: `TAG  - value` lines, records from `TY` to `ER`. Untagged
/// lines continue the value before them.
fn read_ris(text: &str) -> Vec<LibraryItem> {
    let mut items = Vec::new();
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        let tagged = line.len() >= 5
            && line.as_bytes()[..2]
                .iter()
                .all(|b| b.is_ascii_alphanumeric())
            && line[2..].starts_with("  -");
        if tagged {
            let tag = line[..2].to_string();
            let value = line[5..].trim().to_string();
            if tag == "ER" {
                if !fields.is_empty() {
                    items.push(ris_record(&fields, items.len()));
                }
                fields.clear();
            } else {
                fields.push((tag, value));
            }
        } else if let Some((_, value)) = fields.last_mut() {
            if !line.trim().is_empty() {
                value.push('\n');
                value.push_str(line.trim());
            }
        }
    }
    if !fields.is_empty() {
        items.push(ris_record(&fields, items.len()));
    }
    items
}

/// One RIS record as a library item.
fn ris_record(fields: &[(String, String)], index: usize) -> LibraryItem {
    let get = |tags: &[&str]| {
        tags.iter().find_map(|t| {
            fields
                .iter()
                .find(|(tag, v)| tag == t && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let all = |tags: &[&str]| -> Vec<Name> {
        fields
            .iter()
            .filter(|(tag, v)| tags.contains(&tag.as_str()) && !v.is_empty())
            .map(|(_, v)| ris_name(v))
            .collect()
    };
    let kind = ris_type(get(&["TY"]).as_deref().unwrap_or(""));
    let mut item = Item {
        kind,
        title: get(&["TI", "T1", "CT", "BT"]),
        author: all(&["AU", "A1"]),
        editor: all(&["ED", "A3"]),
        translator: all(&["A4"]),
        container_title: get(&["T2", "JO", "JF", "JA"]),
        collection_title: get(&["T3"]),
        publisher: get(&["PB"]),
        publisher_place: get(&["CY"]),
        volume: get(&["VL"]),
        issue: get(&["IS"]),
        number_of_volumes: get(&["NV"]),
        genre: get(&["M3"]),
        archive: get(&["DB"]),
        archive_location: get(&["AN", "AV"]),
        doi: get(&["DO"]),
        url: get(&["UR"]),
        note: {
            let notes: Vec<&str> = fields
                .iter()
                .filter(|(t, v)| t == "N1" && !v.is_empty())
                .map(|(_, v)| v.as_str())
                .collect();
            (!notes.is_empty()).then(|| notes.join("\n"))
        },
        ..Item::default()
    };
    if item.kind == ItemType::PersonalCommunication {
        item.recipient = all(&["A2"]);
    }
    item.custom.title_translated = get(&["TT"]);
    item.page = match (get(&["SP"]), get(&["EP"])) {
        (Some(s), Some(e)) => Some(format!("{s}-{e}")),
        (Some(s), None) => Some(s),
        _ => None,
    };
    item.issued = get(&["PY", "Y1", "DA"]).as_deref().and_then(year_date);
    LibraryItem {
        key: get(&["ID"]).unwrap_or_else(|| format!("ris{}", index + 1)),
        item,
        short_title: get(&["ST"]),
    }
}

/// The entries of a document's printed bibliography as a known list
/// (`resolves_to: "bib:N"`). An entry that opens with `———.` takes the
/// names of the entry before it. An entry no grammar reads is still a work
/// (its raw text in `note`, as for an unread citation) and is reported in
/// the returned diagnostics.
pub fn bibliography_known(
    file: &str,
    entries: &[crate::source::SourceNote<'_>],
    library: &matching::Catalog,
) -> (matching::Known, Vec<crate::model::Diagnostic>) {
    let mut known = Vec::with_capacity(entries.len());
    let mut diagnostics = Vec::new();
    let mut previous_names: Option<String> = None;
    for (i, entry) in entries.iter().enumerate() {
        // Read as notes are: normalized (one form of each space, dash
        // and quote).
        let normalized = crate::source::normalize::normalize(entry.text);
        let text = crate::text::squash_spaces(normalized.text());
        let text = match (bibliography::repeated_names(&text), &previous_names) {
            (Some(rest), Some(names)) => format!("{names}. {rest}"),
            _ => text,
        };
        if let Some(names) = bibliography::leading_names(&text) {
            previous_names = Some(names.to_string());
        }
        let item = bibliography::parse_entry(&text).unwrap_or_else(|| {
            // Read in part: the names and title its shape gives, if any,
            // with the whole entry in `note`.
            let part = bibliography::names_and_title(&text);
            let message = if part.is_some() {
                "bibliography entry read only for its names and title; kept as raw text"
            } else {
                "bibliography entry could not be read; kept as raw text"
            };
            diagnostics.push(crate::model::Diagnostic {
                severity: crate::model::Severity::Error,
                file: file.to_string(),
                note: entry.label.to_string(),
                position: i + 1,
                span: 0..entry.text.len(),
                message: message.to_string(),
            });
            Item {
                note: Some(entry.text.to_string()),
                ..part.unwrap_or(Item {
                    kind: ItemType::Manuscript,
                    ..Item::default()
                })
            }
        });
        // An entry the library holds is the library's item, with its key.
        let (item, library_key) = match library.match_full(&item).found {
            Some(id) => {
                let held = library.entry(id);
                (held.item.clone(), held.library_key.clone())
            }
            None => (item, None),
        };
        known.push(matching::Entry {
            label: entry.label.to_string(),
            item,
            library_key,
            short_title: None,
        });
    }
    (
        matching::Known::new(matching::Origin::Bibliography, known),
        diagnostics,
    )
}

/// The items of library files as a known list (`resolves_to: "lib:KEY"`).
pub fn library_known(items: Vec<LibraryItem>) -> matching::Known {
    let entries = items
        .into_iter()
        .map(|l| matching::Entry {
            label: format!("lib:{}", l.key),
            item: l.item,
            library_key: Some(l.key),
            short_title: l.short_title,
        })
        .collect();
    matching::Known::new(matching::Origin::Library, entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_csl_json_as_zotero_writes_it() {
        let text = r#"[{"id":"http://zotero.org/users/1/items/ABCD","type":"article","title":"River Gods","title-short":"Gods","author":[{"family":"Marsh","given":"Anna"}],"issued":{"date-parts":[["1999","3"]]},"volume":4,"ISBN":"x"}]"#;
        let items = read_library(text, LibraryFormat::CslJson).unwrap();
        assert_eq!(items.len(), 1);
        let it = &items[0];
        assert_eq!(it.key, "http://zotero.org/users/1/items/ABCD");
        assert_eq!(it.item.kind, ItemType::ArticleJournal);
        assert_eq!(it.item.issued.as_ref().and_then(|d| d.year()), Some(1999));
        assert_eq!(it.item.volume.as_deref(), Some("4"));
        assert_eq!(it.short_title.as_deref(), Some("Gods"));
    }

    #[test]
    fn reads_bibtex_and_biblatex() {
        let text = "@book{marsh2001lost, author = {Marsh, Anna and Tom Bell}, title = {Lost {Rivers} of the North}, \
                    address = {London}, publisher = {Fern Books}, year = {2001}}\n\
                    @article{bell1994, author={Bell, Tom}, title={Quiet Lakes}, journaltitle={Water}, date={1994-05}, number={2}}";
        let items = read_library(text, LibraryFormat::Bibtex).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].key, "marsh2001lost");
        assert_eq!(
            items[0].item.title.as_deref(),
            Some("Lost Rivers of the North")
        );
        assert_eq!(items[0].item.author[1].family.as_deref(), Some("Bell"));
        assert_eq!(items[0].item.publisher_place.as_deref(), Some("London"));
        assert_eq!(items[1].item.kind, ItemType::ArticleJournal);
        assert_eq!(items[1].item.issue.as_deref(), Some("2"));
        assert_eq!(
            items[1].item.issued.as_ref().and_then(|d| d.year()),
            Some(1994)
        );
    }

    /// The facts ibid's BibTeX export keeps in `note`, one line separated
    /// by "; ": a translated title is one more title to match by.
    #[test]
    fn reads_the_translated_title_from_a_bibtex_note() {
        let text = "@book{w1, author = {Marsh, Anna}, title = {Flumina Septentrionis}, year = {1901}, \
                    note = {translator: Bell || Tom; original-date: 1850; title-translated: Rivers of the North}}";
        let items = read_library(text, LibraryFormat::Bibtex).unwrap();
        assert_eq!(
            items[0].item.custom.title_translated.as_deref(),
            Some("Rivers of the North")
        );
    }

    #[test]
    fn reads_ris() {
        let text = "TY  - BOOK\r\nID  - marsh2001\r\nAU  - Marsh, Anna\r\nTI  - Lost Rivers\r\nPY  - 2001\r\nN1  - one\r\ntwo\r\nER  - \r\n\r\nTY  - PCOMM\r\nAU  - Bell\r\nA2  - Marsh, Anna\r\nER  - \r\n";
        let items = read_library(text, LibraryFormat::Ris).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].key, "marsh2001");
        assert_eq!(items[0].item.author[0].given.as_deref(), Some("Anna"));
        assert_eq!(items[1].key, "ris2");
        assert_eq!(items[1].item.recipient[0].family.as_deref(), Some("Marsh"));
    }
}
