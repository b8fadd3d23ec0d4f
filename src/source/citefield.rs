//! Citation fields of reference managers in Word files.
//!
//! A manuscript written with Zotero's or Mendeley's Word plugin keeps each
//! citation as a field: its instruction holds the cited items as CSL-JSON
//! (`ADDIN ZOTERO_ITEM CSL_CITATION {...}`, Mendeley `ADDIN CSL_CITATION
//! {...}`; EndNote `ADDIN EN.CITE <EndNote>...` with an XML record), its
//! result is the citation as the style printed it. The items
//! are the author's own records: they are taken as stored, with their
//! locators and prefixes, instead of parsing the printed text.

use std::ops::Range;

use serde_json::{Map, Value};

use crate::model::{Item, ItemType, Locator, LocatorLabel, RecordSource};

/// The citations of one reference-manager field of a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbeddedCitation {
    /// Byte range, in the note text, of the citation as the field shows it
    /// (its result); empty when the field shows nothing.
    pub span: Range<usize>,
    pub source: RecordSource,
    /// The cited items, in the field's order.
    pub items: Vec<EmbeddedItem>,
}

/// One item of a citation field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbeddedItem {
    /// What identifies the record in the author's library (its URI, or
    /// its id), to tell a work cited again.
    pub record: String,
    pub item: Item,
    pub locator: Option<Locator>,
    pub prefix: Option<String>,
}

/// The citations a field instruction holds, when it is a Zotero,
/// Mendeley or EndNote citation field whose data can be read; `None` for every other
/// field (hyperlinks, page references, a manager's bibliography) and for
/// damaged data, whose shown text is then read like any other.
pub fn citation_field(instruction: &str) -> Option<(RecordSource, Vec<EmbeddedItem>)> {
    let rest = instruction.trim_start().strip_prefix("ADDIN")?.trim_start();
    let (source, rest) = if let Some(rest) = rest.strip_prefix("ZOTERO_ITEM") {
        (RecordSource::Zotero, rest)
    } else if rest.starts_with("CSL_CITATION") {
        (RecordSource::Mendeley, rest)
    } else if let Some(rest) = rest.strip_prefix("EN.CITE") {
        // `EN.CITE.DATA` keeps its record base64-coded in `w:fldData`:
        // not read, its shown text is.
        let xml = &rest[rest.find("<EndNote")?..];
        let items = endnote_items(xml)?;
        return (!items.is_empty()).then_some((RecordSource::EndNote, items));
    } else {
        return None;
    };
    let json = &rest[rest.find('{')?..];
    // The JSON may be followed by other words (Zotero appends a random
    // tag in some versions): read the first value only.
    let citation: Value = serde_json::Deserializer::from_str(json)
        .into_iter::<Value>()
        .next()?
        .ok()?;
    let items: Vec<EmbeddedItem> = citation
        .get("citationItems")?
        .as_array()?
        .iter()
        .filter_map(embedded_item)
        .collect();
    (!items.is_empty()).then_some((source, items))
}

/// One entry of `citationItems`: the item data, its locator and prefix.
fn embedded_item(entry: &Value) -> Option<EmbeddedItem> {
    let data = entry.get("itemData")?;
    let item = csl_item(data)?;
    let record = entry
        .get("uris")
        .or_else(|| entry.get("uri"))
        .and_then(|u| match u {
            Value::Array(list) => list.first().and_then(Value::as_str).map(str::to_string),
            Value::String(s) => Some(s.clone()),
            _ => None,
        })
        .or_else(|| entry.get("id").map(scalar_text))
        .or_else(|| data.get("id").map(scalar_text))
        .unwrap_or_else(|| data.to_string());
    let locator = entry
        .get("locator")
        .map(scalar_text)
        .filter(|l| !l.trim().is_empty())
        .map(|value| Locator {
            value: value.trim().to_string(),
            label: entry
                .get("label")
                .and_then(|l| serde_json::from_value(l.clone()).ok())
                .unwrap_or(LocatorLabel::Page),
        });
    let prefix = entry
        .get("prefix")
        .and_then(Value::as_str)
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty());
    Some(EmbeddedItem {
        record,
        item,
        locator,
        prefix,
    })
}

/// A number or string as text.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The CSL-JSON variables that are dates and names.
const DATE_VARIABLES: &[&str] = &[
    "issued",
    "original-date",
    "accessed",
    "event-date",
    "submitted",
];
const NAME_VARIABLES: &[&str] = &[
    "author",
    "editor",
    "translator",
    "recipient",
    "interviewer",
    "container-author",
    "collection-editor",
    "editorial-director",
    "composer",
    "director",
    "illustrator",
    "original-author",
    "reviewed-author",
];

/// A CSL-JSON item as stored by a reference manager, as the model's item:
/// numbers written as text where CSL allows both, date parts given as
/// strings made numbers, name particles and suffixes folded into the
/// family and given names as ibid writes them, and a type ibid does not
/// produce read as `document`. Variables the model has no place for
/// (ISBN, abstract, language ...) are left out.
pub fn csl_item(data: &Value) -> Option<Item> {
    let mut data: Map<String, Value> = data.as_object()?.clone();
    data.remove("id");
    if let (Some(event), false) = (data.get("event").cloned(), data.contains_key("event-title")) {
        data.insert("event-title".into(), event);
    }
    for (key, value) in data.iter_mut() {
        let key = key.as_str();
        if DATE_VARIABLES.contains(&key) {
            *value = csl_date(value);
        } else if NAME_VARIABLES.contains(&key) {
            *value = csl_names(value);
        } else if key == "type" {
            let known = serde_json::from_value::<ItemType>(value.clone()).is_ok();
            if !known {
                *value = Value::String("document".into());
            }
        } else if key != "custom" {
            if let Value::Number(n) = value {
                *value = Value::String(n.to_string());
            }
        }
    }
    data.entry("type")
        .or_insert_with(|| Value::String("document".into()));
    serde_json::from_value(Value::Object(data)).ok()
}

/// A CSL date with its parts as numbers (parts that are not numbers end
/// the date there), a season as text.
fn csl_date(value: &Value) -> Value {
    let Some(date) = value.as_object() else {
        return Value::Null;
    };
    let mut out = Map::new();
    if let Some(parts) = date.get("date-parts").and_then(Value::as_array) {
        let parts: Vec<Value> = parts
            .iter()
            .filter_map(Value::as_array)
            .map(|part| {
                let numbers: Vec<Value> = part
                    .iter()
                    .map_while(|p| match p {
                        Value::Number(n) => n.as_i64(),
                        Value::String(s) => s.trim().parse::<i64>().ok(),
                        _ => None,
                    })
                    .filter(|n| i32::try_from(*n).is_ok())
                    .map(Value::from)
                    .collect();
                Value::Array(numbers)
            })
            .filter(|p| p.as_array().is_some_and(|p| !p.is_empty()))
            .collect();
        if !parts.is_empty() {
            out.insert("date-parts".into(), Value::Array(parts));
        }
    }
    for key in ["season", "literal", "raw"] {
        if let Some(v) = date.get(key).filter(|v| !v.is_null()) {
            out.insert(key.into(), Value::String(scalar_text(v)));
        }
    }
    Value::Object(out)
}

/// CSL names as the model's: `non-dropping-particle` before the family
/// name ("van Gogh"), `dropping-particle` after the given names, a suffix
/// after a comma ("William W., Jr.").
fn csl_names(value: &Value) -> Value {
    let Some(names) = value.as_array() else {
        return Value::Array(Vec::new());
    };
    let text = |name: &Value, key: &str| {
        name.get(key)
            .map(scalar_text)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let names = names
        .iter()
        .map(|name| {
            let mut out = Map::new();
            if let Some(literal) = text(name, "literal") {
                out.insert("literal".into(), Value::String(literal));
                return Value::Object(out);
            }
            let family = match (text(name, "non-dropping-particle"), text(name, "family")) {
                (Some(particle), Some(family)) => Some(format!("{particle} {family}")),
                (particle, family) => family.or(particle),
            };
            let mut given = text(name, "given");
            if let Some(particle) = text(name, "dropping-particle") {
                given = Some(match given {
                    Some(g) => format!("{g} {particle}"),
                    None => particle,
                });
            }
            if let (Some(suffix), Some(g)) = (text(name, "suffix"), given.as_mut()) {
                *g = format!("{g}, {suffix}");
            }
            if let Some(family) = family {
                out.insert("family".into(), Value::String(family));
            }
            if let Some(given) = given {
                out.insert("given".into(), Value::String(given));
            }
            Value::Object(out)
        })
        .collect();
    Value::Array(names)
}

/// The `Cite` elements of an EndNote field (`<EndNote><Cite>...<record>`),
/// each with its record as an item; `None` when the XML is broken.
fn endnote_items(xml: &str) -> Option<Vec<EmbeddedItem>> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut items = Vec::new();
    // Element names from the `Cite` down, and each path's texts (one
    // entry per element: authors repeat).
    let mut path: Vec<String> = Vec::new();
    let mut cite: Option<Vec<(String, String)>> = None;
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if name == "Cite" {
                    cite = Some(Vec::new());
                    path.clear();
                } else if cite.is_some() && name != "style" {
                    path.push(name);
                    if let Some(values) = cite.as_mut() {
                        let here = path.join("/");
                        if here == "record/ref-type" {
                            let type_name = e
                                .try_get_attribute("name")
                                .ok()
                                .flatten()
                                .and_then(|a| a.unescape_value().ok())
                                .unwrap_or_default();
                            values.push(("record/ref-type-name".into(), type_name.into_owned()));
                        }
                        values.push((here, String::new()));
                    }
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                if name.as_ref() == b"Cite" {
                    if let Some(values) = cite.take() {
                        items.extend(endnote_item(&values));
                    }
                } else if name.as_ref() == b"EndNote" {
                    break;
                } else if name.as_ref() != b"style" {
                    path.pop();
                }
            }
            Event::Text(t) => {
                if let (Some(values), false) = (cite.as_mut(), path.is_empty()) {
                    let text = t.unescape().ok()?;
                    append_to_open(values, &path, &text);
                }
            }
            Event::CData(t) => {
                if let (Some(values), false) = (cite.as_mut(), path.is_empty()) {
                    append_to_open(values, &path, &String::from_utf8_lossy(&t));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Some(items)
}

/// Adds text to the value of the innermost open element (the last value
/// of its path).
fn append_to_open(values: &mut [(String, String)], path: &[String], text: &str) {
    let here = path.join("/");
    if let Some((_, value)) = values.iter_mut().rev().find(|(p, _)| *p == here) {
        value.push_str(text);
    }
}

/// One EndNote `Cite` (its values by path) as an embedded item: the
/// record's type by name, contributors "Family, Given" (a name ending in a
/// comma is a body), titles, imprint, year; the cite's `Pages` as locator
/// and `Prefix` as prefix (EndNote marks spaces there with backticks).
fn endnote_item(values: &[(String, String)]) -> Option<EmbeddedItem> {
    fn texts<'v>(
        values: &'v [(String, String)],
        path: &'v str,
    ) -> impl Iterator<Item = &'v str> + 'v {
        values
            .iter()
            .filter(move |(p, _)| p == path)
            .map(|(_, v)| v.trim().trim_matches('`').trim())
            .filter(|v| !v.is_empty())
    }
    let all = |path: &'static str| texts(values, path);
    let one = |path: &'static str| all(path).next().map(str::to_string);
    let names = |path: &'static str| -> Vec<crate::model::Name> {
        all(path)
            .map(|name| match name.split_once(',') {
                Some((family, given)) if !given.trim().is_empty() => {
                    crate::model::Name::person(family.trim(), Some(given.trim().to_string()))
                }
                Some((body, _)) => crate::model::Name::literal(body.trim()),
                None => crate::model::Name::literal(name),
            })
            .collect()
    };
    let type_name = one("record/ref-type-name").unwrap_or_default();
    let mut item = Item {
        kind: endnote_type(&type_name),
        title: one("record/titles/title"),
        author: names("record/contributors/authors/author"),
        container_title: one("record/titles/secondary-title")
            .or_else(|| one("record/periodical/full-title")),
        collection_title: one("record/titles/tertiary-title"),
        publisher: one("record/publisher"),
        publisher_place: one("record/pub-location"),
        volume: one("record/volume"),
        page: one("record/pages"),
        doi: one("record/electronic-resource-num"),
        url: one("record/urls/related-urls/url"),
        issued: one("record/dates/year")
            .and_then(|y| y.parse().ok())
            .map(|y| crate::model::Date::ymd(y, None, None)),
        ..Item::default()
    };
    let secondary = names("record/contributors/secondary-authors/author");
    match type_name.as_str() {
        "Edited Book" => item.editor = std::mem::take(&mut item.author),
        _ => item.editor = secondary,
    }
    item.translator = names("record/contributors/translated-authors/author");
    match item.kind {
        ItemType::Thesis | ItemType::Report => item.genre = one("record/work-type"),
        _ => item.issue = one("record/number"),
    }
    if item.title.is_none() && item.author.is_empty() {
        return None;
    }
    let record = one("record/rec-number")
        .or_else(|| one("RecNum"))
        .map(|n| format!("endnote:{n}"))
        .unwrap_or_else(|| format!("endnote:{:?}", item.title));
    Some(EmbeddedItem {
        record,
        item,
        locator: one("Pages").map(|value| Locator {
            value: value.replace('`', ""),
            label: LocatorLabel::Page,
        }),
        prefix: one("Prefix").map(|p| p.replace('`', " ").trim().to_string()),
    })
}

/// The CSL type of an EndNote reference type (its `name`).
fn endnote_type(name: &str) -> ItemType {
    match name {
        "Book" | "Edited Book" | "Electronic Book" => ItemType::Book,
        "Book Section" | "Electronic Book Section" => ItemType::Chapter,
        "Journal Article" | "Electronic Article" => ItemType::ArticleJournal,
        "Magazine Article" => ItemType::ArticleMagazine,
        "Newspaper Article" => ItemType::ArticleNewspaper,
        "Report" | "Government Document" => ItemType::Report,
        "Thesis" => ItemType::Thesis,
        "Conference Paper" | "Conference Proceedings" => ItemType::PaperConference,
        "Web Page" => ItemType::Webpage,
        "Manuscript" | "Unpublished Work" => ItemType::Manuscript,
        "Personal Communication" => ItemType::PersonalCommunication,
        "Interview" => ItemType::Interview,
        _ => ItemType::Document,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Name;

    #[test]
    fn zotero_field_with_string_dates_numbers_and_particles() {
        let instruction = r#" ADDIN ZOTERO_ITEM CSL_CITATION {"citationID":"a1","properties":{"noteIndex":3},"citationItems":[{"id":77,"uris":["http://zotero.org/users/9/items/QX2"],"itemData":{"id":77,"type":"article-journal","title":"River Courts","container-title":"Journal of Rivers","volume":12,"author":[{"family":"Berg","given":"Anna","non-dropping-particle":"van den"},{"family":"Lowe","given":"Tom","suffix":"Jr."}],"issued":{"date-parts":[["1998","4"]]},"ISBN":"x"},"locator":"45-46","label":"page","prefix":"see"}],"schema":"https://example.org/csl-citation.json"} "#;
        let (source, items) = citation_field(instruction).unwrap();
        assert_eq!(source, RecordSource::Zotero);
        assert_eq!(items.len(), 1);
        let e = &items[0];
        assert_eq!(e.record, "http://zotero.org/users/9/items/QX2");
        assert_eq!(e.item.kind, ItemType::ArticleJournal);
        assert_eq!(e.item.volume.as_deref(), Some("12"));
        assert_eq!(
            e.item.author,
            [
                Name::person("van den Berg", Some("Anna".into())),
                Name::person("Lowe", Some("Tom, Jr.".into()))
            ]
        );
        assert_eq!(e.item.issued.as_ref().unwrap().date_parts, [[1998, 4]]);
        assert_eq!(
            e.locator,
            Some(Locator {
                value: "45-46".into(),
                label: LocatorLabel::Page
            })
        );
        assert_eq!(e.prefix.as_deref(), Some("see"));
    }

    #[test]
    fn endnote_field_with_its_record() {
        let instruction = r#" ADDIN EN.CITE <EndNote><Cite><Author>Holm</Author><Year>1984</Year><RecNum>12</RecNum><Prefix>see`also </Prefix><Pages>7`-9</Pages><DisplayText>Holm, Ferries, 7-9.</DisplayText><record><rec-number>12</rec-number><ref-type name="Book Section">5</ref-type><contributors><authors><author><style face="normal" font="default" size="100%">Holm, Ida</style></author><author>Harbour Board,</author></authors><secondary-authors><author>Lind, Per</author></secondary-authors></contributors><titles><title><style face="normal">Ferries</style><style face="italic"> of the North</style></title><secondary-title>Northern Waters</secondary-title></titles><pages>1-20</pages><dates><year>1984</year></dates><pub-location>Oslo</pub-location><publisher>Tern Books</publisher></record></Cite></EndNote>"#;
        let (source, items) = citation_field(instruction).unwrap();
        assert_eq!(source, RecordSource::EndNote);
        assert_eq!(items.len(), 1);
        let e = &items[0];
        assert_eq!(e.record, "endnote:12");
        assert_eq!(e.item.kind, ItemType::Chapter);
        assert_eq!(e.item.title.as_deref(), Some("Ferries of the North"));
        assert_eq!(e.item.container_title.as_deref(), Some("Northern Waters"));
        assert_eq!(
            e.item.author,
            [
                Name::person("Holm", Some("Ida".into())),
                Name::literal("Harbour Board")
            ]
        );
        assert_eq!(e.item.editor, [Name::person("Lind", Some("Per".into()))]);
        assert_eq!(e.item.page.as_deref(), Some("1-20"));
        assert_eq!(e.item.publisher_place.as_deref(), Some("Oslo"));
        assert_eq!(e.item.issued.as_ref().and_then(|d| d.year()), Some(1984));
        assert_eq!(e.locator.as_ref().unwrap().value, "7-9");
        assert_eq!(e.prefix.as_deref(), Some("see also"));
        assert_eq!(citation_field(" ADDIN EN.CITE.DATA "), None);
        assert_eq!(
            citation_field(" ADDIN EN.CITE <EndNote><Cite><record>"),
            None
        );
    }

    #[test]
    fn mendeley_field_and_other_fields() {
        let instruction = r#"ADDIN CSL_CITATION {"citationItems":[{"id":"ITEM-1","itemData":{"type":"speech","title":"On Bridges","author":[{"literal":"Bridge Society"}]},"locator":"3","label":"line"}],"mendeley":{"formattedCitation":"x"},"properties":{"noteIndex":1}}"#;
        let (source, items) = citation_field(instruction).unwrap();
        assert_eq!(source, RecordSource::Mendeley);
        assert_eq!(items[0].record, "ITEM-1");
        assert_eq!(items[0].item.kind, ItemType::Document);
        assert_eq!(items[0].item.author, [Name::literal("Bridge Society")]);
        assert_eq!(items[0].locator.as_ref().unwrap().label, LocatorLabel::Line);
        assert_eq!(citation_field(r#" HYPERLINK "https://example.org" "#), None);
        assert_eq!(
            citation_field(" ADDIN ZOTERO_BIBL {} CSL_BIBLIOGRAPHY "),
            None
        );
        assert_eq!(
            citation_field(r#" ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems":[{"#),
            None
        );
    }
}
