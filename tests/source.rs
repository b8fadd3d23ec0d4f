//! Finding the notes of a document: every plain-text shape, exact texts
//! and spans.

use ibid::source::{find_notes, SourceNote};

#[path = "support/wordml.rs"]
mod wordml;
use wordml::run;

/// Every note's span must slice its text out of the document.
fn assert_spans(doc: &str, notes: &[SourceNote]) {
    for note in notes {
        assert_eq!(
            &doc[note.span.clone()],
            note.text,
            "span of note {}",
            note.label
        );
    }
}

fn labels_and_texts<'a>(notes: &'a [SourceNote<'a>]) -> Vec<(&'a str, &'a str)> {
    notes.iter().map(|n| (&*n.label, n.text)).collect()
}

#[test]
fn seed_article_gives_the_81_gold_notes() {
    let doc = std::fs::read_to_string("fixtures/korean-war-origins.txt").unwrap();
    let gold = std::fs::read_to_string("fixtures/korean-war-origins.gold.jsonl").unwrap();
    let notes = find_notes(&doc);
    assert_spans(&doc, &notes);
    let gold: Vec<serde_json::Value> = gold
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(notes.len(), 81);
    assert_eq!(gold.len(), 81);
    for (i, (note, gold)) in notes.iter().zip(&gold).enumerate() {
        assert_eq!(note.label, (i + 1).to_string());
        assert_eq!(note.label, gold["note"].as_str().unwrap());
        assert_eq!(
            note.text,
            gold["text"].as_str().unwrap(),
            "text of note {}",
            note.label
        );
    }
}

#[test]
fn body_references_and_editorial_markers_are_not_notes() {
    let doc = "Intro.[1] More text.[EAM1] Still body.[2]\n\
               [EAM2] an editor's line at a line start.\n\
               [2] a wrapped body line starting with a reference.\n\
               \n\
               [1] First note.\n\
               \n\
               [2]Second note, no space,\n\
               continued on a second line.\n\
               \n\
               [3]  \u{a0}Third note.\n\
               \n\
               Bibliography\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(
        labels_and_texts(&notes),
        vec![
            ("1", "First note."),
            ("2", "Second note, no space,\ncontinued on a second line."),
            ("3", "Third note."),
        ]
    );
}

#[test]
fn bracket_notes_may_continue_past_blank_lines_until_the_next_marker() {
    let doc = "Body.[1][2]\n\n[1] One.\n\nA second paragraph of one.\n[2] Two.\n[1950] is not a marker here.\n[3] Three.\n\nAfter the list.\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(
        labels_and_texts(&notes),
        vec![
            ("1", "One.\n\nA second paragraph of one."),
            ("2", "Two.\n[1950] is not a marker here."),
            ("3", "Three."),
        ]
    );
}

#[test]
fn chapter_lists_restarting_at_one_are_all_found() {
    let doc = "Chapter one.[1][2]\n\n[1] A.\n[2] B.\n\nChapter two.[1]\n\n[1] C.\n";
    let notes = find_notes(doc);
    assert_eq!(
        labels_and_texts(&notes),
        vec![("1", "A."), ("2", "B."), ("1", "C.")]
    );
}

#[test]
fn link_reference_definitions_are_not_notes() {
    let doc = "See [the site][1].\n\n[1]: https://example.org\n[2]: https://example.com\n";
    assert!(find_notes(doc).is_empty());
}

#[test]
fn notes_heading_with_numbered_lines() {
    let doc = "A body with a list:\n1. not a note\n2. still not\n\n\
               NOTES\n\n\
               1. John Smith, A Book (London: Press, 1990), p. 3.\n\
               2. Ibid., p. 4.\n\
               3. Smith, A Book, pp. 5-6; see also a note that\n\
               wraps onto 1950 lines and\n\
               4 September 1949 is a continuation, not note 4.\n\
               4. Last note.\n\
               \n\
               Index\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(
        labels_and_texts(&notes),
        vec![
            ("1", "John Smith, A Book (London: Press, 1990), p. 3."),
            ("2", "Ibid., p. 4."),
            (
                "3",
                "Smith, A Book, pp. 5-6; see also a note that\nwraps onto 1950 lines and\n4 September 1949 is a continuation, not note 4."
            ),
            ("4", "Last note."),
        ]
    );
}

#[test]
fn notes_heading_with_bare_numbers() {
    let doc = "Body.\n\n## Endnotes\n\n1 First.\n\n2 Second.\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(
        labels_and_texts(&notes),
        vec![("1", "First."), ("2", "Second.")]
    );
}

#[test]
fn markdown_footnote_definitions() {
    let doc = "Text with a note[^1] and another[^long].\n\n\
               [^1]: First, on one line.\n\
               [^long]: A long note\n    \
               with an indented continuation,\n\
               a lazy one,\n\n    \
               and a second paragraph.\n\n\
               # Next section\n\n\
               Unrelated text.\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(
        labels_and_texts(&notes),
        vec![
            ("1", "First, on one line."),
            (
                "long",
                "A long note\n    with an indented continuation,\na lazy one,\n\n    and a second paragraph."
            ),
        ]
    );
}

#[test]
fn windows_line_endings() {
    let doc = "Body.[1]\r\n\r\n[1] One.\r\n[2] Two.\r\n";
    let notes = find_notes(doc);
    assert_spans(doc, &notes);
    assert_eq!(labels_and_texts(&notes), vec![("1", "One."), ("2", "Two.")]);
}

#[test]
fn a_document_without_notes() {
    assert!(find_notes("").is_empty());
    assert!(find_notes("Just prose, [1] with a reference.\n").is_empty());
}

// ---------------------------------------------------------------------
// Packaged formats: .docx and .odt built here with the zip crate, CSV.

use std::io::{Cursor, Write};

use ibid::source::{
    read_csv_column, read_docx, read_notes, read_odt, Format, OwnedNote, SourceError,
};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A zip package of the given parts.
fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// One note element of footnotes.xml or endnotes.xml, as Word writes it:
/// a reference-mark run, then the given runs, one paragraph per entry.
fn word_note(kind: &str, id: i32, paragraphs: &[String]) -> String {
    let style = if kind == "footnote" {
        "FootnoteReference"
    } else {
        "EndnoteReference"
    };
    let reference =
        format!(r#"<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:{kind}Ref/></w:r>"#);
    let body: String = paragraphs
        .iter()
        .enumerate()
        .map(|(i, runs)| {
            let mark = if i == 0 { reference.as_str() } else { "" };
            format!(r#"<w:p><w:pPr><w:pStyle w:val="FootnoteText"/><w:rPr><w:i/></w:rPr></w:pPr>{mark}{runs}</w:p>"#)
        })
        .collect();
    format!(r#"<w:{kind} w:id="{id}">{body}</w:{kind}>"#)
}

/// The separator and continuation-separator notes Word always writes.
fn separators(kind: &str) -> String {
    format!(
        r#"<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>"#
    )
}

/// A .docx whose body references the given (kind, id) notes in order,
/// with the parts Word writes; its endnotes part holds only separators.
fn docx(references: &[(&str, i32)], footnotes: &[String]) -> Vec<u8> {
    let body: String = references
        .iter()
        .map(|(kind, id)| format!(r#"<w:p><w:r><w:t>Body text.</w:t></w:r><w:r><w:{kind}Reference w:id="{id}"/></w:r></w:p>"#))
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let notes = |kind: &str, notes: &[String]| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s xmlns:w="{W_NS}">{}{}</w:{kind}s>"#,
            separators(kind),
            notes.concat()
        )
    };
    let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let doc_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>"#;
    let parts = vec![
        ("[Content_Types].xml", content_types.to_string()),
        ("_rels/.rels", rels.to_string()),
        ("word/_rels/document.xml.rels", doc_rels.to_string()),
        ("word/document.xml", document),
        ("word/footnotes.xml", notes("footnote", footnotes)),
        ("word/endnotes.xml", notes("endnote", &[])),
    ];
    package(&parts)
}

fn italic_pieces(note: &OwnedNote) -> Vec<&str> {
    note.italics.iter().map(|r| &note.text[r.clone()]).collect()
}

#[test]
fn docx_footnotes_with_italics_in_reference_order() {
    let footnotes = [
        word_note(
            "footnote",
            1,
            &[run(" Second cited; see ", false)
                + &run("Later Work", true)
                + &run(", p. 2.", false)],
        ),
        word_note(
            "footnote",
            2,
            &[run(" John Smith, ", false)
                + &run("Distant", true)
                + &run(" ", false)
                + &run("Allies", true)
                + &run(" (London: Press, 1990), p. 3.", false)],
        ),
        word_note(
            "footnote",
            3,
            &[
                run("First paragraph.", false),
                run("Second & last paragraph.", false),
            ],
        ),
    ];
    let bytes = docx(
        &[("footnote", 2), ("footnote", 1), ("footnote", 3)],
        &footnotes,
    );
    let notes = read_docx(&bytes).unwrap();
    let labels: Vec<&str> = notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3"]);
    assert_eq!(
        notes[0].text,
        "John Smith, Distant Allies (London: Press, 1990), p. 3."
    );
    assert_eq!(
        italic_pieces(&notes[0]),
        ["Distant Allies"],
        "paragraph-mark italics are not run italics"
    );
    assert_eq!(notes[1].text, "Second cited; see Later Work, p. 2.");
    assert_eq!(italic_pieces(&notes[1]), ["Later Work"]);
    assert_eq!(notes[2].text, "First paragraph.\nSecond & last paragraph.");
    assert!(notes[2].italics.is_empty());
    assert_eq!(read_notes(&bytes, Format::Docx, None).unwrap(), notes);
}

#[test]
fn docx_endnotes_custom_marks_styles_and_settings() {
    let styles = format!(
        r#"<w:styles xmlns:w="{W_NS}"><w:style w:type="character" w:styleId="Emphasis"><w:rPr><w:i/></w:rPr></w:style><w:style w:type="character" w:styleId="BookTitle"><w:basedOn w:val="Emphasis"/></w:style><w:style w:type="character" w:styleId="Plain"><w:rPr><w:i w:val="0"/></w:rPr></w:style></w:styles>"#
    );
    let styled = r#"<w:r><w:rPr><w:rStyle w:val="BookTitle"/></w:rPr><w:t>Styled Title</w:t></w:r><w:r><w:rPr><w:i w:val="0"/></w:rPr><w:t>, not italic.</w:t></w:r>"#.to_string();
    let footnotes = [
        word_note("footnote", 5, &[run("Starred note.", false)]),
        word_note("footnote", 6, &[styled]),
    ];
    let endnotes = [
        word_note("endnote", 1, &[run("An endnote.", false)]),
        word_note("endnote", 2, &[run("Another.", false)]),
    ];
    // Give footnote 5 a custom mark "*": it takes no number.
    let document = format!(
        r#"<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:footnoteReference w:customMarkFollows="1" w:id="5"/><w:t>*</w:t></w:r><w:r><w:footnoteReference w:id="6"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="2"/></w:r></w:p></w:body></w:document>"#
    );
    let parts_of = |document: String, settings: Option<String>| {
        let mut parts = vec![
            ("word/document.xml", document),
            (
                "word/footnotes.xml",
                format!(
                    r#"<w:footnotes xmlns:w="{W_NS}">{}{}</w:footnotes>"#,
                    separators("footnote"),
                    footnotes.concat()
                ),
            ),
            (
                "word/endnotes.xml",
                format!(
                    r#"<w:endnotes xmlns:w="{W_NS}">{}{}</w:endnotes>"#,
                    separators("endnote"),
                    endnotes.concat()
                ),
            ),
            ("word/styles.xml", styles.clone()),
        ];
        if let Some(settings) = settings {
            parts.push(("word/settings.xml", settings));
        }
        package(&parts)
    };
    let bytes = parts_of(document.clone(), None);
    let notes = read_docx(&bytes).unwrap();
    let labels: Vec<&str> = notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        labels,
        ["*", "1", "i", "ii"],
        "endnotes default to lower-case Roman numerals"
    );
    assert_eq!(notes[1].text, "Styled Title, not italic.");
    assert_eq!(italic_pieces(&notes[1]), ["Styled Title"]);
    let settings = format!(
        r#"<w:settings xmlns:w="{W_NS}"><w:endnotePr><w:numFmt w:val="decimal"/><w:numStart w:val="3"/></w:endnotePr></w:settings>"#
    );
    let notes = read_docx(&parts_of(document, Some(settings))).unwrap();
    let labels: Vec<&str> = notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["*", "1", "3", "4"]);
}

#[test]
fn seed_article_read_from_docx_gives_the_same_notes_as_from_text() {
    let doc = std::fs::read_to_string("fixtures/korean-war-origins.txt").unwrap();
    let gold = std::fs::read_to_string("fixtures/korean-war-origins.gold.jsonl").unwrap();
    let titles: Vec<Vec<String>> = gold
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let citations = v["citations"].as_array().cloned().unwrap_or_default();
            citations
                .iter()
                .filter_map(|c| {
                    c.pointer("/item/title")
                        .and_then(|t| t.as_str())
                        .map(String::from)
                })
                .collect()
        })
        .collect();
    let text_notes = find_notes(&doc);
    assert_eq!(text_notes.len(), 81);
    // Each note becomes a footnote; the gold titles found verbatim in it
    // are set in italics, the way an author's manuscript has them.
    let mut expected_italics = Vec::new();
    let footnotes: Vec<String> = text_notes
        .iter()
        .zip(&titles)
        .enumerate()
        .map(|(i, (note, titles))| {
            let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
            for title in titles {
                if let Some(at) = note.text.find(title.as_str()) {
                    let range = at..at + title.len();
                    if cuts
                        .iter()
                        .all(|c| c.end <= range.start || range.end <= c.start)
                    {
                        cuts.push(range);
                    }
                }
            }
            cuts.sort_by_key(|r| r.start);
            let mut runs = String::new();
            let mut at = 0;
            for cut in &cuts {
                runs += &run(&note.text[at..cut.start], false);
                runs += &run(&note.text[cut.clone()], true);
                at = cut.end;
            }
            runs += &run(&note.text[at..], false);
            expected_italics.push(
                cuts.iter()
                    .map(|r| note.text[r.clone()].to_string())
                    .collect::<Vec<_>>(),
            );
            word_note("footnote", i as i32 + 1, &[run(" ", false) + &runs])
        })
        .collect();
    let references: Vec<(&str, i32)> = (1..=81).map(|id| ("footnote", id)).collect();
    let notes = read_docx(&docx(&references, &footnotes)).unwrap();
    assert_eq!(notes.len(), 81);
    let mut italic_titles = 0;
    for ((docx_note, text_note), expected) in notes.iter().zip(&text_notes).zip(&expected_italics) {
        assert_eq!(docx_note.label, text_note.label);
        assert_eq!(docx_note.text, text_note.text, "note {}", text_note.label);
        let found: Vec<String> = italic_pieces(docx_note)
            .into_iter()
            .map(String::from)
            .collect();
        // Adjacent titles separated only by spaces merge; none here.
        assert_eq!(&found, expected, "italics of note {}", text_note.label);
        italic_titles += found.len();
    }
    assert!(
        italic_titles > 40,
        "most notes have an italic title ({italic_titles})"
    );
}

#[test]
fn docx_errors_name_what_failed() {
    let error = read_docx(b"plain text, not a zip").unwrap_err();
    assert!(matches!(error, SourceError::NotZip(_)), "{error}");
    let error = read_docx(&package(&[("content.xml", "<x/>".into())])).unwrap_err();
    assert!(
        matches!(&error, SourceError::MissingPart(p) if p == "word/document.xml"),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "word/document.xml is missing from the archive"
    );
    let broken = package(&[
        (
            "word/document.xml",
            format!(r#"<w:document xmlns:w="{W_NS}"><w:body/></w:document>"#),
        ),
        (
            "word/footnotes.xml",
            format!(
                r#"<w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1"><w:p></w:footnote></w:footnotes>"#
            ),
        ),
    ]);
    let error = read_docx(&broken).unwrap_err();
    match &error {
        SourceError::InvalidXml { part, offset, .. } => {
            assert_eq!(part, "word/footnotes.xml");
            assert!(*offset > 60, "offset {offset}");
        }
        other => panic!("expected invalid XML, got {other}"),
    }
    assert!(
        error
            .to_string()
            .starts_with("word/footnotes.xml: invalid XML at byte "),
        "{error}"
    );
}

#[test]
fn docx_without_notes_has_none() {
    let bytes = package(&[(
        "word/document.xml",
        format!(r#"<w:document xmlns:w="{W_NS}"><w:body><w:p/></w:body></w:document>"#),
    )]);
    assert!(read_docx(&bytes).unwrap().is_empty());
}

#[test]
fn odt_notes_with_citations_and_italics() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0">
<office:automatic-styles>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
  <style:style style:name="T2" style:family="text" style:parent-style-name="Emphasis"/>
</office:automatic-styles>
<office:body><office:text>
<text:p>Body text.<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="Footnote">John   Smith, <text:span text:style-name="T1">A Book</text:span> (London:<text:s text:c="2"/>Press, 1990).</text:p></text:note-body></text:note> More body.<text:note text:id="ftn2" text:note-class="footnote"><text:note-citation>2</text:note-citation><text:note-body><text:p>See <text:span text:style-name="T2">Named Style</text:span>.</text:p><text:p>Second paragraph.</text:p></text:note-body></text:note></text:p>
<text:p>End.<text:note text:id="edn1" text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>An endnote.</text:p></text:note-body></text:note></text:p>
</office:text></office:body></office:document-content>"#;
    let styles = r#"<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"><office:styles><style:style style:name="Emphasis" style:family="text"><style:text-properties fo:font-style="italic"/></style:style></office:styles></office:document-styles>"#;
    let bytes = package(&[
        ("mimetype", "application/vnd.oasis.opendocument.text".into()),
        ("content.xml", content.into()),
        ("styles.xml", styles.into()),
    ]);
    let notes = read_odt(&bytes).unwrap();
    let labels: Vec<&str> = notes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "i"]);
    assert_eq!(notes[0].text, "John Smith, A Book (London:  Press, 1990).");
    assert_eq!(italic_pieces(&notes[0]), ["A Book"]);
    assert_eq!(notes[1].text, "See Named Style.\nSecond paragraph.");
    assert_eq!(italic_pieces(&notes[1]), ["Named Style"]);
    assert_eq!(notes[2].text, "An endnote.");
    assert_eq!(read_notes(&bytes, Format::Odt, None).unwrap(), notes);
}

#[test]
fn csv_and_tsv_columns() {
    let csv = "id,Reference,notes\n1,\"Smith, A Book (London: Press, 1990)\",x\n2,,empty cell skipped\n3,\"A reference\nover two lines\",\n";
    let notes = read_csv_column(csv.as_bytes(), Some("reference")).unwrap();
    let got: Vec<(&str, &str)> = notes
        .iter()
        .map(|n| (n.label.as_str(), n.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("2", "Smith, A Book (London: Press, 1990)"),
            ("4", "A reference\nover two lines")
        ]
    );
    let tsv = "Citation\tYear\nJones, Other Book, p. 4.\t1991\n";
    let notes = read_notes(tsv.as_bytes(), Format::Table, None).unwrap();
    assert_eq!(
        notes,
        [OwnedNote {
            label: "2".into(),
            text: "Jones, Other Book, p. 4.".into(),
            italics: vec![],
            ..OwnedNote::default()
        }]
    );
    let error = read_csv_column(csv.as_bytes(), Some("title")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "no column named \"title\" (columns: id, Reference, notes)"
    );
}

#[test]
fn formats_from_file_names_and_text_errors() {
    use std::path::Path;
    assert_eq!(
        Format::from_path(Path::new("a/book.DOCX")),
        Some(Format::Docx)
    );
    assert_eq!(Format::from_path(Path::new("notes.md")), Some(Format::Text));
    assert_eq!(
        Format::from_path(Path::new("list.tsv")),
        Some(Format::Table)
    );
    assert_eq!(Format::from_path(Path::new("book.odt")), Some(Format::Odt));
    assert_eq!(Format::from_path(Path::new("image.png")), None);
    let notes = read_notes("Body.[1]\n\n[1] One.\n".as_bytes(), Format::Text, None).unwrap();
    assert_eq!(
        notes,
        [OwnedNote {
            label: "1".into(),
            text: "One.".into(),
            italics: vec![],
            ..OwnedNote::default()
        }]
    );
    let error = read_notes(b"[1] caf\xe9\n", Format::Text, None).unwrap_err();
    assert!(
        matches!(error, SourceError::InvalidUtf8 { offset: 7 }),
        "{error}"
    );
}

/// The notes of `fixtures/source/pandoc-notes.md` as pandoc wrote them to
/// .docx and .odt: same labels and texts (white space aside), and the
/// Markdown `*emphasis*` as italics.
#[test]
fn pandoc_docx_and_odt_match_their_markdown_source() {
    let markdown = std::fs::read_to_string("fixtures/source/pandoc-notes.md").unwrap();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let expected: Vec<(String, String, Vec<String>)> = find_notes(&markdown)
        .iter()
        .map(|n| {
            let starred: Vec<String> = n
                .text
                .split('*')
                .skip(1)
                .step_by(2)
                .map(String::from)
                .collect();
            (
                n.label.to_string(),
                squash(&n.text.replace('*', "")),
                starred,
            )
        })
        .collect();
    assert_eq!(expected.len(), 4);
    for (name, notes) in [
        (
            "docx",
            read_docx(&std::fs::read("fixtures/source/pandoc-notes.docx").unwrap()).unwrap(),
        ),
        (
            "odt",
            read_odt(&std::fs::read("fixtures/source/pandoc-notes.odt").unwrap()).unwrap(),
        ),
    ] {
        let got: Vec<(String, String, Vec<String>)> = notes
            .iter()
            .map(|n| {
                (
                    n.label.clone(),
                    squash(&n.text),
                    italic_pieces(n).into_iter().map(String::from).collect(),
                )
            })
            .collect();
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn docx_tracked_changes_fields_and_breaks() {
    let runs = [
        run("Smith, ", false),
        r#"<w:del w:id="1" w:author="A"><w:r><w:delText>Old Title</w:delText></w:r></w:del>"#.to_string(),
        r#"<w:ins w:id="2" w:author="A"><w:r><w:rPr><w:i/></w:rPr><w:t>New Title</w:t></w:r></w:ins>"#.to_string(),
        r#"<w:moveFrom w:id="3" w:author="A"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>"#.to_string(),
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> ADDIN ZOTERO_ITEM {"json":1} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#.to_string(),
        run(", p. 4", false),
        r#"<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:tab/><w:t>tabbed</w:t><w:br/><w:t>broken</w:t></w:r>"#.to_string(),
    ];
    let notes = read_docx(&docx(
        &[("footnote", 1)],
        &[word_note("footnote", 1, &[runs.concat()])],
    ))
    .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Smith, New Title, p. 4\ttabbed\nbroken");
    assert_eq!(italic_pieces(&notes[0]), ["New Title"]);
}

/// `fixtures/source/korean-war-origins.docx` (made by pandoc, see
/// `make-seed-docx.py` beside it) holds the seed article's notes as Word
/// footnotes: the same notes as the text, white space aside.
#[test]
fn seed_article_docx_fixture_matches_the_text() {
    let doc = std::fs::read_to_string("fixtures/korean-war-origins.txt").unwrap();
    let notes =
        read_docx(&std::fs::read("fixtures/source/korean-war-origins.docx").unwrap()).unwrap();
    let text_notes = find_notes(&doc);
    assert_eq!(notes.len(), text_notes.len());
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for (docx_note, text_note) in notes.iter().zip(&text_notes) {
        assert_eq!(docx_note.label, text_note.label);
        assert_eq!(
            squash(&docx_note.text),
            squash(text_note.text),
            "note {}",
            text_note.label
        );
    }
    let italic_notes = notes.iter().filter(|n| !n.italics.is_empty()).count();
    assert!(italic_notes > 30, "{italic_notes} notes with italics");
    // Every italic stretch is a title or container title of the gold.
    let gold = std::fs::read_to_string("fixtures/korean-war-origins.gold.jsonl").unwrap();
    for (note, line) in notes
        .iter()
        .zip(gold.lines().filter(|l| !l.trim().is_empty()))
    {
        let gold: serde_json::Value = serde_json::from_str(line).unwrap();
        let titles: Vec<&str> = gold["citations"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| {
                ["/item/title", "/item/container-title"]
                    .map(|p| c.pointer(p).and_then(|t| t.as_str()))
            })
            .flatten()
            .collect();
        for piece in italic_pieces(note) {
            assert!(
                titles.contains(&piece),
                "note {}: italic {piece:?} is no gold title",
                note.label
            );
        }
    }
}
