//! Every export of the seed article's works, read back with an independent
//! reader (serde + the official schema, the `biblatex` crate, a small RIS
//! reader, the `csv` crate), checked work by work and field by field: the
//! same works, and every fact of every record present.
//!
//! The seed documents are built from the gold notes (see `common`), so
//! these tests do not depend on the parser; the same checks run on
//! `convert_text` output in `pipeline_output_reads_back_in_every_format`.

mod common;

use common::{seed, seed_document, GOLD, UNREAD};
use ibid::export::{self, csv::restore, extra_line_name, family_given, CsvRows, Format, Options};
use ibid::model::Work;
use ibid::model::*;
use ibid::resolve::keys::assign_keys;
use ibid::Document;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

const SCHEMA: &str = include_str!("../fixtures/csl-data.json");

fn export(format: Format, docs: &[Document], csv_rows: CsvRows) -> String {
    let mut out = Vec::new();
    export::write(format, docs, &Options { csv_rows }, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

// ---------------------------------------------------------------- facts

/// Every plain fact of an item as `(label, value)`, labelled as in the
/// `key: value` lines of the exports (CSL variable names, then the
/// kebab-case names of `custom`). Names and dates are checked apart.
fn facts(item: &Item) -> Vec<(&'static str, String)> {
    let mut facts: Vec<(&'static str, String)> = [
        ("genre", &item.genre),
        ("title", &item.title),
        ("container-title", &item.container_title),
        ("collection-title", &item.collection_title),
        ("event-title", &item.event_title),
        ("event-place", &item.event_place),
        ("publisher", &item.publisher),
        ("publisher-place", &item.publisher_place),
        ("volume", &item.volume),
        ("number-of-volumes", &item.number_of_volumes),
        ("issue", &item.issue),
        ("number", &item.number),
        ("page", &item.page),
        ("status", &item.status),
        ("archive", &item.archive),
        ("archive-place", &item.archive_place),
        ("archive_location", &item.archive_location),
        ("doi", &item.doi),
        ("url", &item.url),
        ("note", &item.note),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.clone().map(|v| (label, v)))
    .collect();
    facts.extend(export::custom_facts(item));
    facts
}

/// Every name of an item with its CSL role.
fn names(item: &Item) -> Vec<(&'static str, Name)> {
    [
        ("author", &item.author),
        ("editor", &item.editor),
        ("translator", &item.translator),
        ("recipient", &item.recipient),
        ("interviewer", &item.interviewer),
    ]
    .into_iter()
    .flat_map(|(role, names)| names.iter().map(move |n| (role, n.clone())))
    .collect()
}

/// True when a fact is held by one of the exported values: as a whole
/// value, as a bracketed addon, or as a `label: value` line or part.
fn holds(values: &[String], label: &str, fact: &str) -> bool {
    let line = format!("{label}: {fact}");
    values.iter().any(|v| {
        v == fact
            || v.strip_prefix('[').and_then(|v| v.strip_suffix(']')) == Some(fact)
            || v.split("; ").any(|part| part == line)
            || v.lines().any(|l| l == line)
            || (label == "note" && v.starts_with(fact))
    })
}

fn assert_all_facts_held(key: &str, item: &Item, values: &[String], except: &[&str]) {
    for (label, fact) in facts(item) {
        if except.contains(&label) {
            continue;
        }
        assert!(
            holds(values, label, &fact),
            "{key}: {label} = {fact:?} is missing from {values:#?}"
        );
    }
}

// ---------------------------------------------------------------- CSL-JSON

/// What Zotero keeps of a CSL-JSON item: no `custom`, `archive-place` or
/// `status`, with the `key: value` lines of `note` read back as fields
/// (as Zotero's Extra and citeproc-js do).
fn as_zotero_reads_it(csl: &Value) -> Item {
    let mut json = csl.clone();
    let object = json.as_object_mut().unwrap();
    for dropped in [
        "custom",
        "archive-place",
        "status",
        "original-title",
        "id",
        "citation-key",
    ] {
        object.remove(dropped);
    }
    let mut item: Item = serde_json::from_value(json).unwrap();
    let note = item.note.take().unwrap_or_default();
    let mut own = Vec::new();
    for line in note.lines() {
        let Some((label, value)) = line.split_once(": ") else {
            own.push(line);
            continue;
        };
        let value = value.to_string();
        let name = || match value.split_once(" || ") {
            Some((family, given)) => Name::person(family, Some(given.to_string())),
            None => Name::literal(value.clone()),
        };
        let custom = &mut item.custom;
        match label {
            "recipient" => item.recipient.push(name()),
            "editor" => item.editor.push(name()),
            "interviewer" => item.interviewer.push(name()),
            "archive-place" => item.archive_place = Some(value),
            "status" => item.status = Some(value),
            // Also a CSL variable of the item: the line repeats it for
            // Zotero, which has no field for it.
            "original-date" | "volume-title" => {}
            "archive-abbrev" => custom.archive_abbrev = Some(value),
            "archive-cited" => custom.archive_cited = Some(value),
            "fond" => custom.fond = Some(value),
            "opis" => custom.opis = Some(value),
            "papka" => custom.papka = Some(value),
            "delo" => custom.delo = Some(value),
            "folios" => custom.folios = Some(value),
            "document-number" => custom.document_number = Some(value),
            "title-translated" => custom.title_translated = Some(value),
            "container-title-translated" => custom.container_title_translated = Some(value),
            "author-identity" => custom.author_identity = Some(value),
            "recipient-identity" => custom.recipient_identity = Some(value),
            _ => own.push(line),
        }
    }
    item.note = (!own.is_empty()).then(|| own.join("\n"));
    item
}

/// The item as compared after a trip through Zotero: raw dates dropped
/// (they repeat the date-parts), and a name of one part read as a
/// single-field name, as Zotero reads `role: name` lines.
fn comparable(mut item: Item) -> Item {
    for date in [&mut item.issued, &mut item.original_date]
        .into_iter()
        .flatten()
    {
        date.raw = None;
    }
    let roles = [
        &mut item.author,
        &mut item.editor,
        &mut item.translator,
        &mut item.recipient,
        &mut item.interviewer,
    ];
    for name in roles.into_iter().flatten() {
        if let (Some(family), None) = (&name.family, &name.given) {
            *name = Name::literal(family.clone());
        }
    }
    item
}

#[test]
fn csl_json_is_valid_and_lossless_even_through_zotero() {
    check_csl_json(&seed());
}

fn check_csl_json(docs: &[Document]) {
    let text = export(Format::CslJson, &docs, CsvRows::Work);
    let json: Value = serde_json::from_str(&text).unwrap();
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");

    let items = json.as_array().unwrap();
    let works = export::bibliography(&docs);
    assert_eq!(items.len(), works.len());
    let ids: HashSet<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), items.len(), "ids are unique");

    for (csl, work) in items.iter().zip(&works) {
        assert_eq!(csl["id"], work.key.as_str());
        // Read back directly: everything, custom included.
        let direct: Item = serde_json::from_value(csl.clone()).unwrap();
        let note = direct.note.clone().unwrap_or_default();
        assert!(note
            .lines()
            .all(|l| !l.starts_with("type:") && !l.starts_with("number:")));
        if let Some(own) = &work.item.unpack().note {
            assert!(
                note.starts_with(own.as_str()),
                "{}: own note first",
                work.key
            );
        }
        if direct.kind == ItemType::Manuscript {
            assert!(
                direct.recipient.is_empty(),
                "{}: no recipient on a manuscript",
                work.key
            );
        }
        if direct.kind == ItemType::PersonalCommunication {
            assert!(direct.editor.is_empty() && direct.interviewer.is_empty());
        }
        for date in [&csl["issued"], &csl["original-date"]] {
            if let Some(season) = date.get("season") {
                assert!(season.is_string());
                if date["date-parts"].as_array().is_some_and(|p| p.len() > 1) {
                    assert!(date["raw"].is_string(), "{}: two years need raw", work.key);
                }
            }
        }
        assert_eq!(
            direct.custom,
            work.item.unpack().custom,
            "{}: custom kept in the JSON",
            work.key
        );
        // Through Zotero: custom and archive-place dropped, note lines read.
        assert_eq!(
            comparable(as_zotero_reads_it(csl)),
            comparable(work.item.unpack()),
            "{}: lost on the way through Zotero",
            work.key
        );
        let without_note = |item: &Item| {
            comparable(Item {
                note: None,
                ..item.clone()
            })
        };
        assert_eq!(
            without_note(&direct),
            without_note(&work.item.unpack()),
            "{}",
            work.key
        );
    }
}

// ---------------------------------------------------------------- BibTeX

/// The names of an entry's name fields, and of its `role: name` note parts.
fn bib_names(entry: &biblatex::Entry, fields: &BTreeMap<String, String>) -> Vec<(String, Name)> {
    let mut out = Vec::new();
    for role in ["author", "editor", "translator", "recipient", "interviewer"] {
        if let Ok(people) = entry.get_as::<Vec<biblatex::Person>>(role) {
            for p in people {
                let given = (!p.given_name.is_empty()).then(|| p.given_name.clone());
                out.push((role.to_string(), Name::person(p.name, given)));
            }
        }
    }
    for value in fields.values() {
        for part in value.split("; ") {
            if let Some((role, name)) = part.split_once(": ") {
                if let Some((family, given)) = name.split_once(" || ") {
                    out.push((
                        role.to_string(),
                        Name::person(family, Some(given.to_string())),
                    ));
                } else {
                    out.push((role.to_string(), Name::person(name, None)));
                }
            }
        }
    }
    out
}

/// A name as a `Family, Given` reader sees it: a body is one family name.
fn as_read(name: &Name) -> Name {
    match &name.literal {
        Some(body) => Name::person(body.clone(), None),
        None => name.clone(),
    }
}

fn check_bib(format: Format, docs: &[Document]) {
    use biblatex::ChunksExt;
    let text = export(format, &docs, CsvRows::Work);
    assert!(!text.contains("\\emph"), "never \\emph");
    assert!(!text.contains(" and others"), "never `and others`");
    let bibliography = biblatex::Bibliography::parse(&text).unwrap();
    let works = export::bibliography(&docs);
    assert_eq!(bibliography.len(), works.len());
    for work in &works {
        let entry = bibliography
            .get(&work.key)
            .unwrap_or_else(|| panic!("{} missing", work.key));
        let head = text.split(&format!("{{{},", work.key)).next().unwrap();
        let entry_type = head.rsplit('@').next().unwrap().to_lowercase();
        assert!(
            !["manuscript", "archival", "periodical", "dataset"].contains(&entry_type.as_str()),
            "{}: Zotero discards @{entry_type}",
            work.key
        );
        if format == Format::Bibtex {
            let expected = match work.item.unpack().kind {
                ItemType::PersonalCommunication => Some("letter"),
                ItemType::Manuscript => Some("unpublished"),
                _ => None,
            };
            if let Some(expected) = expected {
                assert_eq!(entry_type, expected, "{}", work.key);
            }
        }
        let fields: BTreeMap<String, String> = entry
            .fields
            .iter()
            .map(|(k, v)| (k.clone(), v.format_verbatim()))
            .collect();
        let values: Vec<String> = fields.values().cloned().collect();
        // The page range of a work is written as `pages`.
        assert_all_facts_held(&work.key, &work.item.unpack(), &values, &[]);
        let read = bib_names(entry, &fields);
        for (role, name) in names(&work.item.unpack()) {
            let name = as_read(&name);
            assert!(
                read.iter().any(|(r, n)| r == role && *n == name),
                "{}: {role} {name:?} missing from {read:?}",
                work.key
            );
        }
        if let Some(year) = work.item.unpack().issued.as_ref().and_then(Date::year) {
            let year = year.to_string();
            let date = fields.get("year").or(fields.get("date")).unwrap();
            assert!(
                date.starts_with(&year),
                "{}: year {year} in {date}",
                work.key
            );
        }
        if let Some(date) = &work.item.unpack().issued {
            let full = export::date_text(date).unwrap();
            let iso = export::edtf(date).unwrap();
            let precise = date.season.is_some()
                || date.date_parts.len() > 1
                || date.date_parts.first().is_some_and(|p| p.len() > 2);
            if precise {
                let held = values
                    .iter()
                    .any(|v| v.contains(&format!("issued: {full}")))
                    || (fields.get("date") == Some(&iso)
                        && fields.get("issue") == date.season.as_ref());
                assert!(held, "{}: date {full} missing", work.key);
            }
        }
    }
}

#[test]
fn bibtex_reads_back_with_every_fact() {
    check_bib(Format::Bibtex, &seed());
}

#[test]
fn biblatex_reads_back_with_every_fact() {
    check_bib(Format::Biblatex, &seed());
}

// ---------------------------------------------------------------- RIS

/// A minimal RIS reader: records of `(tag, value)` from `TY` to `ER`. An
/// untagged line continues the value before it (the one `N1` of a record
/// runs over several lines): it is read as one more value of that tag.
fn read_ris(text: &str) -> Vec<Vec<(String, String)>> {
    let mut records = Vec::new();
    let mut current: Vec<(String, String)> = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(!line.contains('\n'), "line ends are CRLF throughout");
        let tagged = line.len() >= 5 && line[2..].starts_with("  -");
        if !tagged {
            let tag = current.last().map(|(t, _)| t.clone());
            assert_eq!(tag.as_deref(), Some("N1"), "only N1 goes on: {line:?}");
            current.push(("N1".to_string(), line.trim_start().to_string()));
            continue;
        }
        let (tag, value) = line
            .split_once("  - ")
            .unwrap_or_else(|| (line.trim_end_matches("  -"), ""));
        assert_eq!(tag.len(), 2, "bad RIS line {line:?}");
        if tag == "ER" {
            records.push(std::mem::take(&mut current));
        } else {
            current.push((tag.to_string(), value.to_string()));
        }
    }
    assert!(current.is_empty(), "every record ends with ER");
    records
}

#[test]
fn ris_reads_back_with_every_fact() {
    check_ris(&seed());
}

/// Zotero makes every `N1` a child note: a work's extra facts go in one
/// `N1` that runs over untagged lines (one note, its lines kept).
#[test]
fn ris_writes_one_note_per_work() {
    let text = export(Format::Ris, &seed(), CsvRows::Work);
    let mut several_lines = 0;
    for record in text.split("ER  - ").filter(|r| r.contains("TY  - ")) {
        assert!(record.matches("N1  - ").count() <= 1, "{record}");
        if let Some(note) = record.split("N1  - ").nth(1) {
            if note.trim_end().lines().count() > 1 {
                several_lines += 1;
            }
        }
    }
    assert!(
        several_lines > 20,
        "{several_lines} works with a note of several lines"
    );
}

fn check_ris(docs: &[Document]) {
    let text = export(Format::Ris, &docs, CsvRows::Work);
    let records = read_ris(&text);
    let works = export::bibliography(&docs);
    assert_eq!(records.len(), works.len());
    for (record, work) in records.iter().zip(&works) {
        let tag = |t: &str| {
            record
                .iter()
                .filter(|(k, _)| k == t)
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(record[0].0, "TY");
        let ty = &record[0].1;
        assert_ne!(ty, "UNPB");
        assert_eq!(tag("ID"), [work.key.clone()]);
        let item = &work.item.unpack();
        match item.kind {
            ItemType::PersonalCommunication => assert_eq!(ty, "PCOMM"),
            ItemType::Manuscript => assert_eq!(ty, "MANSCPT"),
            _ => {}
        }
        let mut values: Vec<String> = record.iter().map(|(_, v)| v.clone()).collect();
        if let (Some(start), Some(end)) = (tag("SP").first(), tag("EP").first()) {
            values.push(format!("{start}-{end}"));
        }
        assert_all_facts_held(&work.key, item, &values, &[]);
        let role_tag = |role: &str| match role {
            "author" => "AU",
            "editor" => "ED",
            "translator" => "A4",
            "recipient" if item.kind != ItemType::Interview => "A2",
            "interviewer" if item.kind == ItemType::Interview => "A2",
            _ => "N1",
        };
        for (role, name) in names(item) {
            let written = family_given(&name);
            let found = tag(role_tag(role))
                .iter()
                .any(|v| *v == written || *v == format!("{role}: {written}"));
            assert!(found, "{}: {role} {written} missing", work.key);
        }
        if let Some(date) = &item.issued {
            let da = tag("DA").first().cloned().unwrap_or_default();
            let parts: Vec<&str> = da.splitn(4, '/').collect();
            let first = date.date_parts.first().cloned().unwrap_or_default();
            for (i, part) in first.iter().enumerate() {
                assert_eq!(
                    parts[i].parse::<i32>().ok(),
                    Some(*part),
                    "{}: DA {da}",
                    work.key
                );
            }
            if date.season.is_some() {
                assert_eq!(parts[3], export::date_text(date).unwrap());
            }
            if let Some(literal) = &date.literal {
                assert_eq!(tag("PY"), [literal.clone()]);
            }
        }
    }
}

// ---------------------------------------------------------------- CSV

fn read_csv(text: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(|v| restore(v).to_string()))
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_works_read_back_with_every_fact() {
    let docs = seed();
    check_csv_works(&docs);
    let text = export(Format::Csv, &docs, CsvRows::Work);
    assert!(
        text.contains("'@ folder"),
        "formula-like values are neutralised: {UNREAD}"
    );
}

fn check_csv_works(docs: &[Document]) {
    let text = export(Format::Csv, &docs, CsvRows::Work);
    let (header, rows) = read_csv(&text);
    assert_eq!(header, export::csv::WORK_COLUMNS);
    let works = export::bibliography(&docs);
    assert_eq!(rows.len(), works.len());
    for (row, work) in rows.iter().zip(&works) {
        let item = &work.item.unpack();
        assert_eq!(row["key"], work.key);
        assert_eq!(row["type"], item.kind.as_csl());
        for (label, fact) in facts(item) {
            let column = label.replace('-', "_").replace("page", "pages");
            assert_eq!(row[&column], fact, "{}: column {column}", work.key);
        }
        for (role, column) in [
            ("author", "authors"),
            ("editor", "editors"),
            ("translator", "translators"),
            ("recipient", "recipients"),
            ("interviewer", "interviewers"),
        ] {
            let expected: Vec<String> = names(item)
                .iter()
                .filter(|(r, _)| *r == role)
                .map(|(_, n)| family_given(n))
                .collect();
            let read: Vec<&str> = row[column].split("; ").filter(|s| !s.is_empty()).collect();
            assert_eq!(read, expected, "{}: {column}", work.key);
        }
        assert_eq!(
            row["issued"],
            item.issued
                .as_ref()
                .and_then(export::date_text)
                .unwrap_or_default()
        );
        assert_eq!(row["first_note"], work.first_note);
        assert_eq!(row["citations"], work.times_cited.to_string());
    }
}

#[test]
fn csv_citations_one_row_per_citation() {
    check_csv_citations(&seed());
}

fn check_csv_citations(docs: &[Document]) {
    let text = export(Format::Csv, &docs, CsvRows::Citation);
    let (header, rows) = read_csv(&text);
    assert_eq!(header, export::csv::CITATION_COLUMNS);
    let citations: Vec<(&Document, &Note, usize, &Citation)> = docs
        .iter()
        .flat_map(|d| d.notes.iter().map(move |n| (d, n)))
        .flat_map(|(d, n)| {
            n.citations
                .iter()
                .enumerate()
                .map(move |(i, c)| (d, n, i, c))
        })
        .collect();
    assert_eq!(rows.len(), citations.len());
    for (row, (doc, note, index, citation)) in rows.iter().zip(citations) {
        assert_eq!(row["file"], doc.file);
        assert_eq!(row["note"], note.label);
        assert_eq!(row["citation"], (index + 1).to_string());
        let work = citation.work.and_then(|w| doc.works.get(w));
        assert_eq!(row["key"], work.map(|w| w.key.as_str()).unwrap_or_default());
        assert_eq!(
            row["resolves_to"],
            citation.resolves_to.clone().unwrap_or_default()
        );
        assert_eq!(row["prefix"], citation.prefix.clone().unwrap_or_default());
        let locator = citation.locator.as_ref();
        assert_eq!(
            row["locator"],
            locator.map(|l| l.value.clone()).unwrap_or_default()
        );
        assert_eq!(
            row["label"],
            locator.map(|l| l.label.as_csl()).unwrap_or_default()
        );
        let form = serde_json::to_value(citation.form).unwrap();
        assert_eq!(row["form"], form.as_str().unwrap());
        if let Some(relation) = citation.relation {
            assert!(row["relation"].ends_with(&format!(" {}", relation.citation + 1)));
        }
    }
}

// ---------------------------------------------------------------- pipeline

/// The same checks on what the pipeline makes of the article itself.
#[test]
fn pipeline_output_reads_back_in_every_format() {
    let text = include_str!("../fixtures/korean-war-origins.txt");
    let mut docs = vec![ibid::convert_text("korean-war-origins.txt", text)];
    assign_keys(&mut docs);
    assert_eq!(docs[0].notes.len(), 81);
    assert!(!docs[0].works.is_empty());
    check_every_format(&docs);
}

/// Every format's read-back checks.
fn check_every_format(docs: &[Document]) {
    check_csl_json(docs);
    check_bib(Format::Bibtex, docs);
    check_bib(Format::Biblatex, docs);
    check_ris(docs);
    check_csv_works(docs);
    check_csv_citations(docs);
}

/// The same checks on shapes the article does not print: a multi-volume
/// work, a body as author, interviews with their interviewer.
#[test]
fn more_shapes_read_back_in_every_format() {
    let text = "Notes\n\n\
1. Bruce Cumings, The Origins of the Korean War, 2 vols. (Princeton, NJ: Princeton University Press, 1981–90), 2:568.\n\
2. U.S. Department of State, Foreign Relations of the United States, 1950, vol. 7, Korea (Washington, DC: Government Printing Office, 1976), 125.\n\
3. Pak Hon-yong, interview by Jane Doe, Pyongyang, 3 June 1994.\n\
4. Quoted in Cumings, Origins, 1:120.\n\
5. Charles K. Armstrong, “The Cultural Cold War in Korea, 1945–1950,” Journal of Asian Studies 62, no. 1 (2003): 71–99, https://doi.org/10.2307/3096136.\n\
6. “Cable from Mao Zedong to Filippov,” October 2, 1950, Wilson Center Digital Archive, accessed May 5, 2020, https://digitalarchive.wilsoncenter.org/document/114215?doc_id=5&x=50%.\n\
7. “Korean War,” Encyclopaedia Britannica, last modified June 20, 2023, https://www.britannica.com/event/Korean-War.\n";
    let mut docs = vec![ibid::convert_text("shapes.txt", text)];
    assign_keys(&mut docs);
    assert_eq!(docs[0].works.len(), 6);
    let volumes = docs[0].works[0].item.unpack().number_of_volumes;
    assert_eq!(volumes.as_deref(), Some("2"));
    check_every_format(&docs);
}

// ---------------------------------------------------------------- keys

#[test]
fn keys_are_readable_unique_and_stable() {
    let docs = seed();
    let works = export::bibliography(&docs);
    let keys: HashSet<&str> = works.iter().map(|w| w.key.as_str()).collect();
    assert_eq!(keys.len(), works.len());
    for key in &keys {
        assert!(
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{key}"
        );
    }
    // Archival documents are keyed by sender and date.
    for work in &works {
        let item = &work.item.unpack();
        if item.kind == ItemType::PersonalCommunication && item.archive_location.is_some() {
            if let (Some(name), Some(date)) = (item.author.first(), &item.issued) {
                let date = export::edtf(date).unwrap();
                let family = name.sort_key().to_lowercase();
                assert!(
                    work.key.starts_with(&format!("{family}{date}")),
                    "{} for {family} {date}",
                    work.key
                );
            }
        }
    }
    // Adding unrelated notes at the front changes no key of a work whose
    // base key it does not share.
    let mut extended = seed_document();
    let extra = Item {
        kind: ItemType::Book,
        author: vec![Name::person("Zzyzx", None)],
        title: Some("Unrelated".into()),
        ..Item::default()
    };
    extended.works.insert(
        0,
        Work {
            item: ibid::model::packed::PackedItem::pack(&extra),
            ..Work::default()
        },
    );
    let mut extended = vec![extended];
    assign_keys(&mut extended);
    let before: Vec<&str> = works.iter().map(|w| w.key.as_str()).collect();
    let after: Vec<&str> = extended[0].works[1..]
        .iter()
        .map(|w| w.key.as_str())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn unread_citation_appears_in_every_format() {
    let docs = seed();
    for format in [
        Format::CslJson,
        Format::Bibtex,
        Format::Biblatex,
        Format::Ris,
        Format::Csv,
    ] {
        let text = export(format, &docs, CsvRows::Work);
        let readable = match format {
            Format::Bibtex | Format::Biblatex => {
                let bib = biblatex::Bibliography::parse(&text).unwrap();
                use biblatex::ChunksExt;
                bib.iter()
                    .filter_map(|e| e.get("note").map(|n| n.format_verbatim()))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Format::CslJson => serde_json::from_str::<Value>(&text).unwrap().to_string(),
            _ => text.replace("'@", "@"),
        };
        let needle = match format {
            Format::CslJson => serde_json::to_string(UNREAD)
                .unwrap()
                .trim_matches('"')
                .to_string(),
            _ => UNREAD.to_string(),
        };
        assert!(
            readable.contains(&needle),
            "{format:?} lost the unread citation"
        );
    }
}

#[test]
fn notes_format_writes_one_line_per_note() {
    let docs = seed();
    let text = export(Format::Notes, &docs, CsvRows::Work);
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), docs[0].notes.len());
    let gold: Vec<Value> = GOLD
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[..gold.len()], gold[..]);
}

#[test]
fn extra_line_names_are_family_then_given() {
    assert_eq!(
        extra_line_name(&Name::person("Mao", Some("Zedong".into()))),
        "Mao || Zedong"
    );
    assert_eq!(
        extra_line_name(&Name::literal("Soviet Politburo")),
        "Soviet Politburo"
    );
}
