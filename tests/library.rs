//! Short forms resolved against the author's bibliography and library
//! (issue 15), measured on the seed article and one development article
//! with their full citations taken out.
//!
//! The inputs are built here from the gold annotation: every full citation
//! of a published work (not an archival document) is replaced in the text by
//! a short form of it (lead family name and the title's first words, with
//! its pinpoint), and the works are given back as a printed Chicago
//! bibliography, as a CSL-JSON library and as a BibTeX library. Every short
//! form must then resolve to its own work: >= 95% resolved, none wrongly.

use ibid::model::{Form, Item, ItemType, Name};
use ibid::resolve::library::matching::Catalog;
use ibid::resolve::library::{library_known, read_library, LibraryFormat};
use ibid::text::fold;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

const SEED_TEXT: &str = include_str!("../fixtures/korean-war-origins.txt");
const SEED_GOLD: &str = include_str!("../fixtures/korean-war-origins.gold.jsonl");
/// The development articles measured (read from ../shared when present).
const DEV_ARTICLES: &[&str] = &["witte_human_rights_en", "brand_grotius_en"];

/// True when two identities name one work: one lead name, and one title
/// beginning the other (a parse may keep a shorter or longer title).
fn same_work(a: &str, b: &str) -> bool {
    let (la, ta) = a.split_once('|').unwrap_or((a, ""));
    let (lb, tb) = b.split_once('|').unwrap_or((b, ""));
    la == lb && !ta.is_empty() && !tb.is_empty() && (ta.starts_with(tb) || tb.starts_with(ta))
}

/// What tells works apart in these checks: lead name and title.
fn identity(item: &Item) -> String {
    let lead = item
        .lead_name()
        .map(|n| fold(n.sort_key()))
        .unwrap_or_default();
    let title = item
        .title
        .as_deref()
        .or(item.container_title.as_deref())
        .map(fold)
        .unwrap_or_default();
    format!("{lead}|{title}")
}

fn gold_item(citation: &Value) -> Option<Item> {
    serde_json::from_value(citation.get("item")?.clone()).ok()
}

/// True for the works a bibliography lists and short forms name: published
/// works with a title.
fn listed(item: &Item) -> bool {
    !matches!(
        item.kind,
        ItemType::PersonalCommunication | ItemType::Manuscript | ItemType::Interview
    ) && item.title.is_some()
}

/// A family name, or a body's name up to its first comma.
fn family(n: &Name) -> String {
    n.sort_key()
        .split(',')
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

/// Words a cut title does not end on.
const TRAILING: &[&str] = &[
    "the", "a", "an", "of", "and", "in", "on", "to", "for", "v", "i", "about",
];

/// The names a short form prints: one, two joined by "and", or the first
/// "et al.".
fn short_names(item: &Item) -> Option<String> {
    let names = if item.author.is_empty() {
        &item.editor
    } else {
        &item.author
    };
    match names.len() {
        0 => None,
        1 => Some(family(&names[0])),
        2 => Some(format!("{} and {}", family(&names[0]), family(&names[1]))),
        _ => Some(format!("{} et al.", family(&names[0]))),
    }
}

fn is_part(item: &Item) -> bool {
    matches!(
        item.kind,
        ItemType::ArticleJournal
            | ItemType::ArticleMagazine
            | ItemType::ArticleNewspaper
            | ItemType::Chapter
            | ItemType::PaperConference
            | ItemType::Thesis
    )
}

/// A short form of a work: names, the title's first words (before a
/// colon, at most four words), the pinpoint.
fn short_form(item: &Item, locator: Option<&str>) -> String {
    let title = item.title.as_deref().unwrap_or("");
    let main = title.split([':', '?']).next().unwrap_or(title).trim();
    let mut words: Vec<&str> = main.split_whitespace().take(4).collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| TRAILING.contains(&fold(w).as_str()))
    {
        words.pop();
    }
    let short = words
        .join(" ")
        .trim_end_matches([',', '.', ';'])
        .to_string();
    let mut out = String::new();
    if let Some(names) = short_names(item) {
        out.push_str(&names);
        out.push_str(", ");
    }
    if is_part(item) {
        out.push_str(&format!("“{short},”"));
    } else {
        out.push_str(&short);
        out.push(',');
    }
    match locator {
        Some(l) => out.push_str(&format!(" {l}")),
        None => {
            out.pop();
        }
    }
    out
}

/// "Family, Given" for the first name of an entry, "Given Family" after.
fn entry_names(names: &[Name]) -> String {
    let one = |i: usize, n: &Name| match (&n.literal, &n.family, &n.given) {
        (Some(l), _, _) => l.clone(),
        (None, Some(f), Some(g)) if i == 0 => format!("{f}, {g}"),
        (None, Some(f), Some(g)) => format!("{g} {f}"),
        (None, Some(f), None) => f.clone(),
        _ => String::new(),
    };
    let printed: Vec<String> = names.iter().enumerate().map(|(i, n)| one(i, n)).collect();
    match printed.len() {
        0 => String::new(),
        1 => printed[0].clone(),
        2 => format!("{}, and {}", printed[0], printed[1]),
        _ => format!(
            "{}, and {}",
            printed[..printed.len() - 1].join(", "),
            printed[printed.len() - 1]
        ),
    }
}

/// A work as a Chicago bibliography entry.
fn chicago_entry(item: &Item) -> String {
    let mut names = entry_names(&item.author);
    if names.is_empty() && !item.editor.is_empty() {
        names = entry_names(&item.editor);
        names.push_str(if item.editor.len() > 1 {
            ", eds"
        } else {
            ", ed"
        });
    }
    let title = item.title.as_deref().unwrap_or("").trim_end_matches('.');
    let translated = item
        .custom
        .title_translated
        .as_deref()
        .map(|t| format!(" [{t}]"))
        .unwrap_or_default();
    let year = item
        .issued
        .as_ref()
        .and_then(|d| d.year())
        .map(|y| y.to_string());
    let imprint = {
        let mut s = String::new();
        if let Some(p) = &item.publisher_place {
            s.push_str(p);
            s.push_str(": ");
        }
        if let Some(p) = &item.publisher {
            s.push_str(p);
            s.push_str(", ");
        }
        s.push_str(year.as_deref().unwrap_or("n.d"));
        s
    };
    let lead = if names.is_empty() {
        String::new()
    } else {
        format!("{}. ", names.trim_end_matches('.'))
    };
    match item.kind {
        ItemType::ArticleJournal | ItemType::ArticleMagazine | ItemType::ArticleNewspaper => {
            let mut s = if translated.is_empty() {
                format!("{lead}“{title}.” ")
            } else {
                format!("{lead}“{title}”{translated}. ")
            };
            s.push_str(item.container_title.as_deref().unwrap_or(""));
            if let Some(v) = &item.volume {
                s.push_str(&format!(" {v}"));
            }
            if let Some(i) = &item.issue {
                s.push_str(&format!(", no. {i}"));
            }
            s.push_str(&format!(" ({})", year.as_deref().unwrap_or("n.d.")));
            if let Some(p) = &item.page {
                s.push_str(&format!(": {}", p.replace('-', "–")));
            }
            s + "."
        }
        ItemType::Chapter | ItemType::PaperConference => {
            let mut s = format!(
                "{lead}“{title}.” In {}",
                item.container_title.as_deref().unwrap_or("")
            );
            if !item.editor.is_empty() && !item.author.is_empty() {
                let eds: Vec<String> = item.editor.iter().map(|n| n.display()).collect();
                s.push_str(&format!(", edited by {}", eds.join(" and ")));
            }
            if let Some(p) = &item.page {
                s.push_str(&format!(", {}", p.replace('-', "–")));
            }
            format!("{s}. {imprint}.")
        }
        _ => {
            let mut s = format!("{lead}{title}{translated}. ");
            if let Some(v) = &item.volume {
                s.push_str(&format!("Vol. {v}. "));
            }
            format!("{s}{imprint}.")
        }
    }
}

/// An input built from an article and its gold: the text with its full
/// citations of published works replaced by short forms, the works, and
/// for each note the expected work identity of each citation (`None`:
/// nothing to resolve to, for short forms the gold leaves unresolved).
struct Built {
    text: String,
    /// Distinct listed works, in first citation order.
    works: Vec<Item>,
    expected: HashMap<String, Vec<Option<String>>>,
}

fn build(text: &str, gold: &str) -> Built {
    let gold: Vec<Value> = gold
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_label: HashMap<String, &Value> = gold
        .iter()
        .map(|n| (n["note"].as_str().unwrap().to_string(), n))
        .collect();
    let doc = ibid::convert_text("article.txt", text);
    let mut works: Vec<Item> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut expected = HashMap::new();
    for note in &doc.notes {
        let Some(g) = by_label.get(&note.label) else {
            continue;
        };
        let gold_citations = g["citations"].as_array().unwrap();
        let mut wants = Vec::new();
        for gc in gold_citations {
            let item = gold_item(gc);
            if let Some(item) = item.as_ref().filter(|i| listed(i)) {
                let resolvable = gc["form"] != "short" || !gc["resolves_to"].is_null();
                if resolvable && seen.insert(identity(item)) {
                    works.push(item.clone());
                }
            }
            wants.push(
                item.filter(listed)
                    .map(|i| identity(&i))
                    .filter(|_| gc["form"] != "short" || !gc["resolves_to"].is_null()),
            );
        }
        expected.insert(note.label.clone(), wants);
        // Full citations are replaced only where ibid reads the note as
        // the gold does (the same number and forms of citations).
        let forms_agree = note.citations.len() == gold_citations.len()
            && note
                .citations
                .iter()
                .zip(gold_citations)
                .all(|(c, gc)| serde_json::to_value(c.form).unwrap() == gc["form"]);
        if !forms_agree {
            continue;
        }
        for (c, gc) in note.citations.iter().zip(gold_citations) {
            let Some(item) = gold_item(gc).filter(listed) else {
                continue;
            };
            if c.form != Form::Full {
                continue;
            }
            let locator = gc["locator"].as_str();
            let start = note.span.start + c.span.start;
            let end = note.span.start + c.span.end;
            let original = &text[start..end];
            let mut short = short_form(&item, locator);
            // The citation's closing period stays where it was.
            if original.trim_end().ends_with('.') && !short.ends_with('.') {
                short.push('.');
            }
            edits.push((start..end, short));
        }
    }
    let mut out = text.to_string();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
    for (range, short) in edits {
        out.replace_range(range, &short);
    }
    Built {
        text: out,
        works,
        expected,
    }
}

/// How the short forms of a converted input resolved: (right, wrong,
/// unresolved), with the wrong and unresolved ones described.
fn tally(doc: &ibid::Document, built: &Built) -> (usize, usize, usize, Vec<String>) {
    let (mut right, mut wrong, mut unresolved) = (0, 0, 0);
    let mut notes = Vec::new();
    for note in &doc.notes {
        let Some(wants) = built.expected.get(&note.label) else {
            continue;
        };
        if wants.len() != note.citations.len() {
            continue;
        }
        for (c, want) in note.citations.iter().zip(wants) {
            if c.form != Form::Short {
                continue;
            }
            match (want, &c.resolves_to) {
                (None, None) => {}
                (None, Some(r)) => {
                    wrong += 1;
                    notes.push(format!(
                        "note {}: resolved to {r}, expected nothing",
                        note.label
                    ));
                }
                (Some(_), None) => {
                    unresolved += 1;
                    notes.push(format!("note {}: unresolved: {}", note.label, note.text));
                }
                // A chain of short forms no full citation identifies
                // resolves to nothing known.
                (Some(_), Some(_)) if c.work.is_some_and(|w| !doc.works[w].described) => {
                    unresolved += 1;
                    notes.push(format!("note {}: unresolved: {}", note.label, note.text));
                }
                (Some(w), Some(r)) => {
                    if same_work(&identity(&c.item), w) {
                        right += 1;
                    } else {
                        wrong += 1;
                        notes.push(format!(
                            "note {}: {r} is {}, expected {w}",
                            note.label,
                            identity(&c.item)
                        ));
                    }
                }
            }
        }
    }
    (right, wrong, unresolved, notes)
}

/// Checks >= 95% right and none wrong.
fn check(what: &str, doc: &ibid::Document, built: &Built) {
    let (right, wrong, unresolved, notes) = tally(doc, built);
    let total = right + wrong + unresolved;
    eprintln!("{what}: {right}/{total} right, {wrong} wrong, {unresolved} unresolved");
    for n in &notes {
        eprintln!("  {n}");
    }
    assert!(total > 10, "{what}: too few short forms ({total})");
    assert_eq!(wrong, 0, "{what}: wrong resolutions:\n{}", notes.join("\n"));
    assert!(
        right as f64 >= 0.95 * total as f64,
        "{what}: {right}/{total} resolved:\n{}",
        notes.join("\n")
    );
}

/// The works as a CSL-JSON library (ids `w1`, `w2`, ...).
fn csl_library(works: &[Item]) -> String {
    let list: Vec<Value> = works
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut v = serde_json::to_value(item).unwrap();
            v["id"] = Value::String(format!("w{}", i + 1));
            v
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap()
}

/// The works as a BibTeX library, written by ibid's own exporter (keys
/// `w1`, `w2`, ...).
fn bibtex_library(works: &[Item]) -> String {
    let works: Vec<ibid::model::Work> = works
        .iter()
        .enumerate()
        .map(|(i, item)| ibid::model::Work {
            key: format!("w{}", i + 1),
            item: ibid::model::packed::PackedItem::pack(item),
            ..Default::default()
        })
        .collect();
    let refs: Vec<&ibid::model::Work> = works.iter().collect();
    let mut out = Vec::new();
    let mut writer = ibid::export::BibliographyWriter::new(ibid::export::Format::Bibtex, &mut out);
    writer.write(&refs).unwrap();
    writer.finish().unwrap();
    String::from_utf8(out).unwrap()
}

fn catalog_of(text: &str, format: LibraryFormat) -> Catalog {
    let items = read_library(text, format).unwrap();
    Catalog::default().with(Arc::new(library_known(items)))
}

fn run_all(name: &str, text: &str, gold: &str) {
    let built = build(text, gold);
    // The printed bibliography, alphabetical.
    let mut entries: Vec<String> = built.works.iter().map(chicago_entry).collect();
    entries.sort();
    let with_bibliography = format!("{}\n\nBibliography\n\n{}\n", built.text, entries.join("\n"));
    // IBID_LIBRARY_DUMP=DIR keeps the inputs built, to look at.
    if let Ok(dir) = std::env::var("IBID_LIBRARY_DUMP") {
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join(format!("{name}.txt")), &with_bibliography).unwrap();
        std::fs::write(dir.join(format!("{name}.json")), csl_library(&built.works)).unwrap();
        std::fs::write(
            dir.join(format!("{name}.bib")),
            bibtex_library(&built.works),
        )
        .unwrap();
    }
    let doc = ibid::convert_text("article.txt", &with_bibliography);
    check(&format!("{name} + bibliography"), &doc, &built);
    // The bibliography's entries are works, never notes.
    assert!(doc.notes.iter().all(|n| !n.label.starts_with("bib:")));
    assert!(doc.works.len() >= built.works.len());

    let catalog = catalog_of(&csl_library(&built.works), LibraryFormat::CslJson);
    let doc = ibid::pipeline::convert_text_with("article.txt", &built.text, &catalog);
    check(&format!("{name} + CSL-JSON library"), &doc, &built);

    let catalog = catalog_of(&bibtex_library(&built.works), LibraryFormat::Bibtex);
    let doc = ibid::pipeline::convert_text_with("article.txt", &built.text, &catalog);
    check(&format!("{name} + BibTeX library"), &doc, &built);
}

#[test]
fn seed_short_forms_resolve_to_bibliography_and_library() {
    run_all("seed", SEED_TEXT, SEED_GOLD);
}

#[test]
fn dev_article_short_forms_resolve_to_bibliography_and_library() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dev");
    for name in DEV_ARTICLES {
        let (Ok(text), Ok(gold)) = (
            std::fs::read_to_string(dir.join(format!("{name}.txt"))),
            std::fs::read_to_string(dir.join(format!("{name}.jsonl"))),
        ) else {
            eprintln!("skipped: ../shared/dev/{name} is absent");
            continue;
        };
        run_all(name, &text, &gold);
    }
}

/// Every development article, for a look (`cargo test --test library
/// -- --ignored`): the figures of each, no assertion on the ones not
/// chosen.
#[test]
#[ignore]
fn all_dev_articles() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/dev");
    let Ok(list) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut names: Vec<String> = list
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".jsonl")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    for name in names {
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
        let gold = std::fs::read_to_string(dir.join(format!("{name}.jsonl"))).unwrap();
        let _ = std::panic::catch_unwind(|| run_all(&name, &text, &gold));
    }
}

/// Two works by one author with similar titles: a short form that fits
/// both stays unresolved and the warning names both.
#[test]
fn similar_titles_by_one_author_are_ambiguous() {
    let text = "Notes\n\n1. Marsh, Rivers of the North, 12.\n2. Marsh, Rivers of the North: The Late Years, 3.\n\n\
                Bibliography\n\n\
                Marsh, Anna. Rivers of the North: The Early Years. London: Fern Books, 2001.\n\
                Marsh, Anna. Rivers of the North: The Late Years. London: Fern Books, 2005.\n";
    let doc = ibid::convert_text("a.txt", text);
    let first = &doc.notes[0].citations[0];
    assert_eq!(first.form, Form::Short);
    assert_eq!(first.resolves_to, None);
    let warning = doc
        .diagnostics
        .iter()
        .find(|d| d.note == "1")
        .expect("a warning for note 1");
    assert!(
        warning
            .message
            .contains("matches 2 bibliography entries: bib:1")
            && warning.message.contains("bib:2"),
        "{}",
        warning.message
    );
    // The fuller title tells them apart.
    assert_eq!(
        doc.notes[1].citations[0].resolves_to.as_deref(),
        Some("bib:2")
    );
}

/// A Cyrillic entry and a romanized short form are one work.
#[test]
fn romanized_short_form_finds_cyrillic_entry() {
    let text = "Notes\n\n1. Petrov, Tikhie reki, 12.\n2. Sidorova, “Gornye ozera,” 4.\n\n\
                Список литературы\n\n\
                Петров П. П. Тихие реки Севера. М.: Наука, 1999. 300 с.\n\
                Сидорова А. А. Горные озера // Вопросы географии. 2004. № 2. С. 10–20.\n";
    let doc = ibid::convert_text("ru.txt", text);
    assert_eq!(doc.notes.len(), 2);
    assert_eq!(
        doc.notes[0].citations[0].resolves_to.as_deref(),
        Some("bib:1")
    );
    assert_eq!(
        doc.notes[0].citations[0].item.title.as_deref(),
        Some("Тихие реки Севера")
    );
    assert_eq!(
        doc.notes[1].citations[0].resolves_to.as_deref(),
        Some("bib:2")
    );
    // And the other way round: a Cyrillic short form, a romanized library.
    let library = "[{\"id\":\"petrov1999\",\"type\":\"book\",\"title\":\"Tikhie reki Severa\",\"author\":[{\"family\":\"Petrov\",\"given\":\"P. P.\"}],\"issued\":{\"date-parts\":[[1999]]}}]";
    let catalog = catalog_of(library, LibraryFormat::CslJson);
    let doc = ibid::pipeline::convert_text_with(
        "ru2.txt",
        "Notes\n\n1. Петров П. П. Тихие реки. С. 5.\n",
        &catalog,
    );
    let c = &doc.notes[0].citations[0];
    assert_eq!(c.resolves_to.as_deref(), Some("lib:petrov1999"), "{c:?}");
    assert_eq!(doc.works[0].library_key.as_deref(), Some("petrov1999"));
}

/// An unmatched short form names the nearest entry.
#[test]
fn unmatched_short_form_names_the_nearest_entry() {
    let text = "Notes\n\n1. Marsh, Mountains of the South, 12.\n\nWorks Cited\n\nMarsh, Anna. Lost Rivers of the North. London: Fern Books, 2001.\n";
    let doc = ibid::convert_text("a.txt", text);
    assert_eq!(doc.notes[0].citations[0].resolves_to, None);
    assert!(doc.diagnostics.iter().any(|d| d
        .message
        .contains("nearest: bib:1 (Marsh, Lost Rivers of the North, 2001)")));
    // Uncited entries are works too.
    assert_eq!(doc.works.len(), 2);
}

/// Known lists are searched in order; the library's key stays the key.
#[test]
fn full_citations_take_the_library_item_and_key() {
    let library = "@book{marsh-lost, author = {Marsh, Anna}, title = {Lost Rivers of the North}, \
                   publisher = {Fern Books}, address = {London}, year = {2001}}";
    let catalog = catalog_of(library, LibraryFormat::Bibtex);
    let text = "Notes\n\n1. Anna Marsh, Lost Rivers of the North: A History (London: Fern Books, 2001), 4.\n2. Marsh, Lost Rivers, 5.\n";
    let mut docs = vec![ibid::pipeline::convert_text_with("a.txt", text, &catalog)];
    ibid::resolve::keys::assign_keys(&mut docs);
    assert_eq!(docs[0].works.len(), 1);
    assert_eq!(docs[0].works[0].key, "marsh-lost");
    assert_eq!(
        docs[0].notes[1].citations[0].resolves_to.as_deref(),
        Some("1")
    );
}
