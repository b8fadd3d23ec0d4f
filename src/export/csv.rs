//! CSV for spreadsheets and catalogues: RFC 4180 (quoted as needed, CRLF
//! line ends), UTF-8, a fixed header row. One row per work, or with
//! `--per citation` one row per citation. Multi-valued fields are joined
//! with `; `. A value starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return is prefixed with `'` so that no spreadsheet runs it as a formula.

use super::{custom_facts, date_text, edtf, family_given};
use crate::model::Document;
use crate::model::Work;
use crate::model::{Citation, Form, Name};

/// The columns of a work row, in order.
pub const WORK_COLUMNS: &[&str] = &[
    "key",
    "type",
    "genre",
    "authors",
    "editors",
    "translators",
    "recipients",
    "interviewers",
    "title",
    "title_translated",
    "container_title",
    "container_title_translated",
    "collection_title",
    "event_title",
    "event_place",
    "publisher",
    "publisher_place",
    "volume",
    "volume_title",
    "number_of_volumes",
    "issue",
    "number",
    "pages",
    "issued",
    "original_date",
    "accessed",
    "status",
    "archive",
    "archive_abbrev",
    "archive_cited",
    "archive_place",
    "archive_location",
    "doi",
    "url",
    "fond",
    "opis",
    "papka",
    "delo",
    "folios",
    "document_number",
    "author_identity",
    "recipient_identity",
    "first_note",
    "citations",
    "note",
];

/// The columns of a citation row, in order.
pub const CITATION_COLUMNS: &[&str] = &[
    "file",
    "note",
    "citation",
    "form",
    "key",
    "locator",
    "label",
    "resolves_to",
    "prefix",
    "relation",
];

/// Writes one row per work.
pub fn write_works(works: &[&Work], out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    write_work_header(out)?;
    write_work_rows(works, out)
}

/// Writes the header of the rows of works.
pub fn write_work_header(out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut writer = writer(out);
    writer.write_record(WORK_COLUMNS)?;
    writer.flush()?;
    Ok(())
}

/// Writes one row per work, without the header.
pub fn write_work_rows(works: &[&Work], out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut writer = writer(out);
    for work in works {
        writer.write_record(work_row(work).iter().map(|v| neutralise(v)))?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes one row per citation of every note of every document.
pub fn write_citations(docs: &[Document], out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut writer = writer(out);
    writer.write_record(CITATION_COLUMNS)?;
    for doc in docs {
        for note in &doc.notes {
            for (index, citation) in note.citations.iter().enumerate() {
                let row = citation_row(doc, &note.label, index, citation);
                writer.write_record(row.iter().map(|v| neutralise(v)))?;
            }
        }
    }
    writer.flush()?;
    Ok(())
}

fn writer(out: &mut dyn std::io::Write) -> csv::Writer<&mut dyn std::io::Write> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// The values of a work row, in the order of [`WORK_COLUMNS`].
pub fn work_row(work: &Work) -> Vec<String> {
    let item = &work.item.unpack();
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let names = |names: &[Name]| {
        names
            .iter()
            .map(family_given)
            .collect::<Vec<_>>()
            .join("; ")
    };
    let custom = |label: &str| {
        custom_facts(item)
            .into_iter()
            .find(|(l, _)| *l == label)
            .map(|(_, v)| v)
            .unwrap_or_default()
    };
    vec![
        work.key.clone(),
        item.kind.as_csl().to_string(),
        text(&item.genre),
        names(&item.author),
        names(&item.editor),
        names(&item.translator),
        names(&item.recipient),
        names(&item.interviewer),
        text(&item.title),
        custom("title-translated"),
        text(&item.container_title),
        custom("container-title-translated"),
        text(&item.collection_title),
        text(&item.event_title),
        text(&item.event_place),
        text(&item.publisher),
        text(&item.publisher_place),
        text(&item.volume),
        text(&item.volume_title),
        text(&item.number_of_volumes),
        text(&item.issue),
        text(&item.number),
        text(&item.page),
        item.issued.as_ref().and_then(date_text).unwrap_or_default(),
        item.original_date
            .as_ref()
            .and_then(edtf)
            .unwrap_or_default(),
        item.accessed.as_ref().and_then(edtf).unwrap_or_default(),
        text(&item.status),
        text(&item.archive),
        custom("archive-abbrev"),
        custom("archive-cited"),
        text(&item.archive_place),
        text(&item.archive_location),
        text(&item.doi),
        text(&item.url),
        custom("fond"),
        custom("opis"),
        custom("papka"),
        custom("delo"),
        custom("folios"),
        custom("document-number"),
        custom("author-identity"),
        custom("recipient-identity"),
        work.first_note.clone(),
        work.times_cited.to_string(),
        text(&item.note),
    ]
}

/// The values of a citation row, in the order of [`CITATION_COLUMNS`].
/// Citation positions are 1-based, here and in `relation`.
fn citation_row(doc: &Document, note: &str, index: usize, citation: &Citation) -> Vec<String> {
    let key = citation
        .work
        .and_then(|w| doc.works.get(w))
        .map(|w| w.key.clone());
    let form = match citation.form {
        Form::Full => "full",
        Form::Short => "short",
        Form::Ibid => "ibid",
    };
    let relation = citation.relation.map(|r| {
        let kind = serde_json::to_value(r.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string));
        format!("{} {}", kind.unwrap_or_default(), r.citation + 1)
    });
    vec![
        doc.file.clone(),
        note.to_string(),
        (index + 1).to_string(),
        form.to_string(),
        key.unwrap_or_default(),
        citation
            .locator
            .as_ref()
            .map(|l| l.value.clone())
            .unwrap_or_default(),
        citation
            .locator
            .as_ref()
            .map(|l| l.label.as_csl().to_string())
            .unwrap_or_default(),
        citation.resolves_to.clone().unwrap_or_default(),
        citation.prefix.clone().unwrap_or_default(),
        relation.unwrap_or_default(),
    ]
}

/// A value a spreadsheet would read as a formula, made inert with a
/// leading apostrophe (the OWASP recommendation).
pub fn neutralise(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    }
}

/// Removes what [`neutralise`] added: for readers of ibid's CSV.
pub fn restore(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if neutralise(rest) == value => rest,
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for value in ["=SUM(A1)", "+1", "-2", "@x", "plain", "'quoted"] {
            assert_eq!(restore(&neutralise(value)), value);
        }
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("Smith"), "Smith");
    }

    #[test]
    fn work_row_matches_the_header() {
        let work = Work {
            item: crate::model::packed::PackedItem::default(),
            ..Work::default()
        };
        assert_eq!(work_row(&work).len(), WORK_COLUMNS.len());
    }
}
