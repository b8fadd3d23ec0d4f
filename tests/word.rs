//! Word and OpenDocument files as they are.
//!
//! Pandoc: the seed article and every document of the development set
//! (`../shared/dev`), written as Markdown footnotes and turned into .docx
//! and .odt by pandoc at test time, give the same notes as their text and
//! score within 0.01 F1 of it. Skipped (saying so) when pandoc or
//! `../shared` is absent.

use std::path::Path;
use std::process::Command;

use ibid::export::notes::write_notes;
use ibid::source::{find_notes, read_docx, read_odt, OwnedNote};

#[path = "support/wordml.rs"]
mod wordml;
use wordml::{run, xml_escape};

/// The largest F1 gap allowed between a document read from its text and
/// the same notes read from a Word or OpenDocument file.
const MAX_GAP: f64 = 0.01;

/// Backslash-escapes every ASCII punctuation character, so that pandoc's
/// Markdown reader takes the note text literally (no emphasis, links or
/// smart quotes from its `*`, `[`, `"`).
fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown document whose footnotes are the given note texts, one
/// `[^N]:` definition each (N the note's position from 1), each referenced
/// from a paragraph of its own.
fn markdown_with_footnotes(texts: &[&str]) -> String {
    let mut body = String::new();
    let mut definitions = String::new();
    for (i, text) in texts.iter().enumerate() {
        let n = i + 1;
        body.push_str(&format!("Sentence citing note {n}.[^{n}]\n\n"));
        // Lines joined, runs of ASCII white space made one space (as pandoc
        // does); other spaces (no-break, thin) are the text's own.
        let one_line = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        definitions.push_str(&format!("[^{n}]: {}\n\n", markdown_escape(&one_line)));
    }
    body + &definitions
}

/// Whether pandoc can be run.
fn pandoc_available() -> bool {
    Command::new("pandoc")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs pandoc on Markdown (smart punctuation off: the text's quotes and
/// dashes stay as they are) into a file of the given extension; its bytes.
fn pandoc(markdown: &str, extension: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("notes.md");
    let output = dir.path().join(format!("notes.{extension}"));
    std::fs::write(&input, markdown).unwrap();
    let status = Command::new("pandoc")
        .args(["-f", "markdown-smart", "-o"])
        .arg(&output)
        .arg(&input)
        .status()
        .unwrap();
    assert!(status.success(), "pandoc failed writing .{extension}");
    std::fs::read(&output).unwrap()
}

/// White space squashed: pandoc joins lines and spaces.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `notes` output of a document, keeping only the notes the gold
/// annotates (as `score-dev` does).
fn notes_output(doc: &ibid::Document, gold: &str) -> String {
    let labels: std::collections::HashSet<String> = gold
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["note"].as_str().unwrap().to_string()
        })
        .collect();
    let mut out = Vec::new();
    write_notes(doc, &mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .filter(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            labels.contains(v["note"].as_str().unwrap())
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Reads one document as text, and as .docx and .odt made by pandoc from
/// it; checks the packaged notes against the text's and the F1 gap.
///
/// Pandoc numbers footnotes 1, 2, 3 ... whatever the Markdown labels, so
/// the notes are compared by position: the packaged file must hold as
/// many notes as the text, numbered 1 to n in order, and the n-th is
/// given the text's n-th label before the pipeline runs (so that
/// `resolves_to` names the text's labels too).
fn check_document(name: &str, text: &str, gold: &str) {
    let text_notes = find_notes(text);
    assert!(!text_notes.is_empty(), "{name}: no notes in the text");
    let text_doc = ibid::convert_text(name, text);
    let text_score = ibid::score::score(gold, &notes_output(&text_doc, gold)).unwrap();
    let texts: Vec<&str> = text_notes.iter().map(|n| n.text).collect();
    let markdown = markdown_with_footnotes(&texts);
    for extension in ["docx", "odt"] {
        let bytes = pandoc(&markdown, extension);
        let mut notes: Vec<OwnedNote> = match extension {
            "docx" => read_docx(&bytes).unwrap(),
            _ => read_odt(&bytes).unwrap(),
        };
        assert_eq!(notes.len(), text_notes.len(), "{name}.{extension}: notes");
        for (i, (note, text_note)) in notes.iter_mut().zip(&text_notes).enumerate() {
            assert_eq!(note.label, (i + 1).to_string(), "{name}.{extension}");
            assert_eq!(
                squash(&note.text),
                squash(text_note.text),
                "{name}.{extension}: note {}",
                text_note.label
            );
            note.label = text_note.label.to_string();
        }
        let doc = ibid::pipeline::convert_owned(name, &notes);
        let score = ibid::score::score(gold, &notes_output(&doc, gold)).unwrap();
        println!(
            "{name}: text F1 {:.3}, .{extension} F1 {:.3}",
            text_score.f1, score.f1
        );
        assert!(
            (score.f1 - text_score.f1).abs() <= MAX_GAP,
            "{name}.{extension}: F1 {:.3} against {:.3} from the text",
            score.f1,
            text_score.f1
        );
    }
}

#[test]
fn seed_as_pandoc_docx_and_odt_scores_as_its_text() {
    if !pandoc_available() {
        eprintln!("skipped: pandoc is not installed (apt-get install pandoc)");
        return;
    }
    check_document(
        "korean-war-origins",
        include_str!("../fixtures/korean-war-origins.txt"),
        include_str!("../fixtures/korean-war-origins.gold.jsonl"),
    );
}

#[test]
fn development_set_as_pandoc_docx_and_odt_scores_as_its_text() {
    if !pandoc_available() {
        eprintln!("skipped: pandoc is not installed (apt-get install pandoc)");
        return;
    }
    let dev = Path::new("../shared/dev");
    let Ok(entries) = std::fs::read_dir(dev) else {
        eprintln!("skipped: no development set at ../shared/dev");
        return;
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".jsonl").map(str::to_string)
        })
        .filter(|name| dev.join(format!("{name}.txt")).exists())
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no documents in ../shared/dev");
    for name in &names {
        let text = std::fs::read_to_string(dev.join(format!("{name}.txt"))).unwrap();
        let gold = std::fs::read_to_string(dev.join(format!("{name}.jsonl"))).unwrap();
        check_document(name, &text, &gold);
    }
}

// ---------------------------------------------------------------------
// Word files built here: citation fields of reference managers, and the
// other things a real manuscript holds.

use std::io::{Cursor, Write};

use serde_json::{json, Value};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A field as Word writes it: `fldChar` begin, the instruction in
/// `instrText` pieces of at most `piece` characters, separate, the result
/// runs, end.
fn complex_field(instruction: &str, piece: usize, result: &str) -> String {
    let chars: Vec<char> = instruction.chars().collect();
    let pieces: String = chars
        .chunks(piece)
        .map(|c| {
            let c: String = c.iter().collect();
            format!(
                r#"<w:r><w:instrText xml:space="preserve">{}</w:instrText></w:r>"#,
                xml_escape(&c)
            )
        })
        .collect();
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>{pieces}<w:r><w:fldChar w:fldCharType="separate"/></w:r>{result}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#
    )
}

/// A field as `w:fldSimple`: the instruction in an attribute.
fn simple_field(instruction: &str, result: &str) -> String {
    format!(
        r#"<w:fldSimple w:instr="{}">{result}</w:fldSimple>"#,
        xml_escape(instruction)
    )
}

/// A note element: the reference mark, then one paragraph per entry.
fn word_note(kind: &str, id: usize, paragraphs: &[String]) -> String {
    let body: String = paragraphs
        .iter()
        .enumerate()
        .map(|(i, runs)| {
            let mark = if i == 0 {
                format!(r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#)
            } else {
                String::new()
            };
            format!("<w:p>{mark}{runs}</w:p>")
        })
        .collect();
    format!(r#"<w:{kind} w:id="{id}">{body}</w:{kind}>"#)
}

/// A .docx: the body (WordprocessingML of `w:body`), footnotes and
/// endnotes (note elements), with the separator notes Word writes.
fn docx(body: &str, footnotes: &[String], endnotes: &[String]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let notes = |kind: &str, notes: &[String]| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s xmlns:w="{W_NS}"><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>{}</w:{kind}s>"#,
            notes.concat()
        )
    };
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/_rels/document.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", document),
        ("word/footnotes.xml", notes("footnote", footnotes)),
        ("word/endnotes.xml", notes("endnote", endnotes)),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A body paragraph referencing a footnote or endnote.
fn reference(kind: &str, id: usize) -> String {
    format!(
        r#"<w:p><w:r><w:t>Body text.</w:t></w:r><w:r><w:{kind}Reference w:id="{id}"/></w:r></w:p>"#
    )
}

/// The `notes` output of a Word file, one JSON value per note.
fn notes_of_docx(bytes: &[u8]) -> Vec<Value> {
    let notes = read_docx(bytes).unwrap();
    let doc = ibid::pipeline::convert_owned("fields.docx", &notes);
    let mut out = Vec::new();
    write_notes(&doc, &mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// What one citation field of the test file must give back.
struct Expected {
    item: Value,
    locator: Option<Value>,
    label: Option<Value>,
    prefix: Option<Value>,
    source: &'static str,
    form: &'static str,
    resolves_to: Option<String>,
}

/// The seed's gold notes written by a reference manager: every citation
/// is a citation field whose item is the gold item (a short form's or
/// Ibid.'s resolved item is the record first cited in full), Zotero's
/// (`fldChar` runs, its JSON split over `instrText` pieces of 255
/// characters as Word writes it) in odd notes and Mendeley's (fldSimple)
/// in even ones; several citations of a Mendeley note share one field.
/// The shown text of each field is a rendering of our own ("Ibid." for a
/// record cited just before), which must not be read. The file's items
/// come back exactly, marked with their source, with their locators and
/// prefixes; a record cited again is a short form (an Ibid. where the
/// field shows one) resolving to the note that cited it first. One note
/// also carries text outside its field, parsed as usual.
#[test]
fn zotero_and_mendeley_fields_give_exactly_the_embedded_items() {
    let gold: Vec<Value> = include_str!("../fixtures/korean-war-origins.gold.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut records: Vec<(Value, String)> = Vec::new();
    let mut previous_record: Option<usize> = None;
    let mut footnotes = Vec::new();
    let mut body = String::new();
    let mut expected: Vec<Vec<Expected>> = Vec::new();
    let mut with_plain_text = None;
    for (n, note) in gold.iter().enumerate() {
        let label = note["note"].as_str().unwrap().to_string();
        let zotero = n % 2 == 0;
        let mut entries = Vec::new();
        let mut shown = Vec::new();
        let mut expect = Vec::new();
        for citation in note["citations"].as_array().unwrap() {
            let item = citation["item"].clone();
            let record = match records.iter().position(|(i, _)| *i == item) {
                Some(r) => r,
                None => {
                    records.push((item.clone(), label.clone()));
                    records.len() - 1
                }
            };
            let first = records[record].1 == label
                && !expect
                    .iter()
                    .any(|e: &Expected| e.item == item && e.form == "full");
            let ibid = !first && previous_record == Some(record);
            previous_record = Some(record);
            let mut entry = json!({
                "id": record + 1,
                "uris": [format!("http://zotero.org/users/7/items/R{record}")],
                "itemData": item,
            });
            entry["itemData"]["id"] = json!(record + 1);
            for key in ["locator", "label", "prefix"] {
                if let Some(v) = citation.get(key) {
                    entry[key] = v.clone();
                }
            }
            let locator = citation["locator"].as_str().unwrap_or("");
            shown.push(if ibid {
                format!("Ibid., {locator}")
            } else {
                format!("Rendered citation of record {record}, {locator}")
            });
            entries.push(entry);
            expect.push(Expected {
                item: citation["item"].clone(),
                locator: citation.get("locator").cloned(),
                label: citation.get("label").cloned(),
                prefix: citation.get("prefix").cloned(),
                source: if zotero { "zotero" } else { "mendeley" },
                form: if first {
                    "full"
                } else if ibid {
                    "ibid"
                } else {
                    "short"
                },
                resolves_to: (!first).then(|| records[record].1.clone()),
            });
        }
        let mut runs = String::new();
        if zotero {
            for (k, (entry, shown)) in entries.iter().zip(&shown).enumerate() {
                let citation = json!({
                    "citationID": format!("c{n}-{k}"),
                    "properties": {"formattedCitation": shown, "plainCitation": shown, "noteIndex": n + 1},
                    "citationItems": [entry],
                    "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"
                });
                let instruction = format!(" ADDIN ZOTERO_ITEM CSL_CITATION {citation} ");
                if k > 0 {
                    runs.push_str(&run("; ", false));
                }
                runs.push_str(&complex_field(&instruction, 255, &run(shown, false)));
            }
        } else if !entries.is_empty() {
            let entries: Vec<Value> = entries
                .into_iter()
                .map(|mut e| {
                    let record = e["id"].as_u64().unwrap();
                    e["id"] = json!(format!("ITEM-{record}"));
                    e["uris"] =
                        json!([format!("http://www.mendeley.com/documents/?uuid=r{record}")]);
                    e
                })
                .collect();
            let shown = shown.join("; ");
            let citation = json!({
                "citationItems": entries,
                "mendeley": {"formattedCitation": shown, "plainTextFormattedCitation": shown},
                "properties": {"noteIndex": n + 1},
                "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json"
            });
            let instruction = format!("ADDIN CSL_CITATION {citation}");
            runs.push_str(&simple_field(
                &instruction,
                &(run(&shown[..shown.len() / 2], false) + &run(&shown[shown.len() / 2..], true)),
            ));
        }
        if runs.is_empty() {
            runs = run(note["text"].as_str().unwrap(), false);
        } else if with_plain_text.is_none() && zotero && expect.len() == 1 {
            // Text of the author's own after the field: parsed.
            runs.push_str(&run(
                "; see also Anna Quill, Lakes and Ledgers (Boston: Harbor Press, 1971), 12.",
                false,
            ));
            with_plain_text = Some(n);
        }
        footnotes.push(word_note("footnote", n + 1, &[runs]));
        body.push_str(&reference("footnote", n + 1));
        expected.push(expect);
    }
    let notes = notes_of_docx(&docx(&body, &footnotes, &[]));
    assert_eq!(notes.len(), gold.len());
    let plain_note = with_plain_text.expect("a note with one Zotero field");
    let mut from_fields = 0;
    for (n, (note, expect)) in notes.iter().zip(&expected).enumerate() {
        let label = note["note"].as_str().unwrap();
        assert_eq!(label, gold[n]["note"].as_str().unwrap());
        let citations = note["citations"].as_array().unwrap();
        let extra = usize::from(n == plain_note);
        assert_eq!(citations.len(), expect.len() + extra, "note {label}");
        for (got, want) in citations.iter().zip(expect) {
            assert_eq!(got["source"], want.source, "note {label}");
            assert_eq!(got["item"], want.item, "note {label}");
            assert_eq!(got.get("locator"), want.locator.as_ref(), "note {label}");
            assert_eq!(got.get("label"), want.label.as_ref(), "note {label}");
            assert_eq!(got.get("prefix"), want.prefix.as_ref(), "note {label}");
            assert_eq!(got["form"], want.form, "note {label}");
            assert_eq!(
                got.get("resolves_to").and_then(Value::as_str),
                want.resolves_to.as_deref(),
                "note {label}"
            );
            from_fields += 1;
        }
        if n == plain_note {
            let parsed = &citations[expect.len()];
            assert_eq!(parsed.get("source"), None);
            assert_eq!(parsed["form"], "full");
            assert_eq!(parsed["prefix"], "see also");
            assert_eq!(parsed["item"]["title"], "Lakes and Ledgers");
            assert_eq!(parsed["item"]["publisher"], "Harbor Press");
            assert_eq!(parsed["locator"], "12");
        }
    }
    assert!(from_fields > 100, "{from_fields} citations from fields");
}

/// A manuscript as authors leave it: note references inside a table,
/// footnotes and endnotes in one file (numbered apart: 1, 2 and i), a
/// custom mark, a note of two paragraphs, tracked changes (deleted text
/// left out, inserted text kept), a hyperlink field and a page field
/// (shown text kept, instructions not), and a signal phrase typed before
/// a Zotero field, which becomes its citation's prefix.
#[test]
fn word_files_as_they_are() {
    let zotero = json!({
        "citationID": "x1",
        "properties": {"noteIndex": 2},
        "citationItems": [{
            "id": 5,
            "uris": ["http://zotero.org/users/3/items/K5"],
            "itemData": {"id": 5, "type": "book", "title": "Ferries of the North",
                         "author": [{"family": "Holm", "given": "Ida"}],
                         "issued": {"date-parts": [["1984"]]}, "publisher": "Tern Books"},
            "locator": "7"
        }]
    });
    let footnotes = [
        word_note(
            "footnote",
            1,
            &[run("Ida Holm, ", false)
                + r#"<w:del w:id="1" w:author="E"><w:r><w:delText>Old Ferries</w:delText></w:r><w:r><w:t>stray</w:t></w:r></w:del>"#
                + r#"<w:ins w:id="2" w:author="E"><w:r><w:rPr><w:i/></w:rPr><w:t>Ferries of the North</w:t></w:r></w:ins>"#
                + &run(" (Oslo: Tern Books, 1984), ", false)
                + &complex_field(" PAGEREF _Ref1 \\h ", 6, &run("22", false))
                + &run("; online at ", false)
                + &complex_field(
                    r#" HYPERLINK "https://example.org/ferries" "#,
                    9,
                    &run("example.org/ferries", false),
                )
                + &run(".", false)],
        ),
        word_note(
            "footnote",
            2,
            &[
                run("On the crossings, see the harbour log.", false),
                run("See ", false)
                    + &complex_field(
                        &format!(" ADDIN ZOTERO_ITEM CSL_CITATION {zotero} "),
                        40,
                        &(run("Holm, ", false) + &run("Ferries", true) + &run(", 7.", false)),
                    ),
            ],
        ),
        word_note("footnote", 3, &[run("A note with its own mark.", false)]),
    ];
    let endnotes = [word_note(
        "endnote",
        1,
        &[run("Ibid., 9.", false)
            + &simple_field(" SEQ Table \\* ARABIC ", &run(" (table 2)", false))],
    )];
    let table = format!(
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p></w:tc><w:tc>{}</w:tc></w:tr></w:tbl>"#,
        reference("endnote", 1)
    );
    let custom = r#"<w:p><w:r><w:footnoteReference w:customMarkFollows="1" w:id="3"/><w:t>*</w:t></w:r></w:p>"#;
    let body = reference("footnote", 1) + &table + custom;
    let bytes = docx(&body, &footnotes, &endnotes);
    let notes = read_docx(&bytes).unwrap();
    let got: Vec<(&str, &str)> = notes
        .iter()
        .map(|n| (n.label.as_str(), n.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "1",
                "Ida Holm, Ferries of the North (Oslo: Tern Books, 1984), 22; online at example.org/ferries."
            ),
            (
                "2",
                "On the crossings, see the harbour log.\nSee Holm, Ferries, 7."
            ),
            ("*", "A note with its own mark."),
            ("i", "Ibid., 9. (table 2)"),
        ]
    );
    assert_eq!(notes[1].embedded.len(), 1);
    let shown = &notes[1].text[notes[1].embedded[0].span.clone()];
    assert_eq!(shown, "Holm, Ferries, 7.");
    let output = notes_of_docx(&bytes);
    let first = &output[0]["citations"][0];
    assert_eq!(first["item"]["title"], "Ferries of the North");
    assert_eq!(first.get("source"), None);
    let cited = output[1]["citations"].as_array().unwrap();
    assert_eq!(cited.len(), 1, "{cited:?}");
    assert_eq!(cited[0]["source"], "zotero");
    assert_eq!(cited[0]["prefix"], "See");
    assert_eq!(cited[0]["locator"], "7");
    assert_eq!(cited[0]["label"], "page");
    assert_eq!(cited[0]["item"]["issued"], json!({"date-parts": [[1984]]}));
}

/// EndNote keeps each citation's record as XML in its field
/// (`ADDIN EN.CITE <EndNote><Cite>...<record>`): the record is the item,
/// the cite's pages its locator; cited again and shown as an Ibid., it is
/// an Ibid. of the first note.
#[test]
fn endnote_fields_give_their_records() {
    let cite = |pages: &str| {
        format!(
            r#" ADDIN EN.CITE <EndNote><Cite><Author>Brook</Author><Year>1962</Year><RecNum>31</RecNum><Pages>{pages}</Pages><record><rec-number>31</rec-number><ref-type name="Journal Article">17</ref-type><contributors><authors><author>Brook, Lena</author></authors></contributors><titles><title>Salt &amp; Tide Tables</title><secondary-title>Coastal Review</secondary-title></titles><volume>8</volume><number>2</number><pages>40-61</pages><dates><year>1962</year></dates></record></Cite></EndNote> "#
        )
    };
    let footnotes = [
        word_note(
            "footnote",
            1,
            &[complex_field(
                &cite("44"),
                255,
                &run(
                    "Lena Brook, “Salt & Tide Tables,” Coastal Review 8, no. 2 (1962): 44.",
                    false,
                ),
            )],
        ),
        word_note(
            "footnote",
            2,
            &[complex_field(&cite("47"), 100, &run("Ibid., 47.", false))],
        ),
    ];
    let body = reference("footnote", 1) + &reference("footnote", 2);
    let notes = notes_of_docx(&docx(&body, &footnotes, &[]));
    let first = &notes[0]["citations"];
    assert_eq!(
        first,
        &json!([{
            "form": "full",
            "item": {"type": "article-journal", "title": "Salt & Tide Tables",
                     "author": [{"family": "Brook", "given": "Lena"}],
                     "container-title": "Coastal Review", "volume": "8", "issue": "2",
                     "page": "40-61", "issued": {"date-parts": [[1962]]}},
            "locator": "44", "label": "page", "source": "endnote"
        }])
    );
    let second = &notes[1]["citations"][0];
    assert_eq!(second["form"], "ibid");
    assert_eq!(second["resolves_to"], "1");
    assert_eq!(second["locator"], "47");
    assert_eq!(second["source"], "endnote");
}
