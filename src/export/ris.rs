//! RIS, tagged so that Zotero's importer keeps every fact it has a field
//! for: `PCOMM` for letters and telegrams (recipient in `A2`, kind in `M3`,
//! archive in `DB`, location in `AN`), `MANSCPT` for other archival
//! documents and manuscripts (`DB`, `AN`, `M3`, `CY`), never `UNPB` (which
//! Zotero reads as a journal article). Facts with no tag follow in one `N1`
//! whose value goes on over untagged lines, one `key: value` a line, after
//! the item's own note: Zotero makes each `N1` a child note of its own, and
//! one `N1` with continuation lines one note that keeps its lines. Lines
//! end in CRLF, as the RIS specification asks.

use super::{date_text, edtf, fact_lines, family_given};
use crate::model::Work;
use crate::model::{Item, ItemType, Name};

const EOL: &str = "\r\n";

/// Writes one RIS record per work.
pub fn write(works: &[&Work], out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    for work in works {
        for (tag, value) in record(work) {
            if tag == "N1" {
                write_note(&value, out)?;
                continue;
            }
            // A line break inside a value would end the line early.
            let value = value.replace(['\r', '\n'], " ");
            write!(out, "{tag}  - {value}{EOL}")?;
        }
        write!(out, "{EOL}")?;
    }
    Ok(())
}

/// Writes the one `N1` of a record: its first line tagged, the others as
/// untagged continuation lines (a line that would read as a tag is
/// indented by a space; blank lines are left out).
fn write_note(value: &str, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut lines = value
        .split(['\r', '\n'])
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty());
    let Some(first) = lines.next() else {
        return Ok(());
    };
    write!(out, "N1  - {first}{EOL}")?;
    for line in lines {
        let looks_tagged = line.len() >= 5
            && line.as_bytes()[..2]
                .iter()
                .all(|b| b.is_ascii_alphanumeric())
            && line[2..].starts_with("  -");
        let lead = if looks_tagged { " " } else { "" };
        write!(out, "{lead}{line}{EOL}")?;
    }
    Ok(())
}

/// The RIS reference type of an item.
pub fn ris_type(kind: ItemType) -> &'static str {
    match kind {
        ItemType::Book => "BOOK",
        ItemType::Chapter => "CHAP",
        ItemType::ArticleJournal => "JOUR",
        ItemType::ArticleMagazine => "MGZN",
        ItemType::ArticleNewspaper => "NEWS",
        ItemType::Report => "RPRT",
        ItemType::PaperConference => "CPAPER",
        ItemType::Interview => "INTV",
        ItemType::PersonalCommunication => "PCOMM",
        ItemType::Manuscript => "MANSCPT",
        ItemType::Thesis => "THES",
        ItemType::Webpage => "ELEC",
        ItemType::Document => "GEN",
    }
}

/// The tagged lines of one record, from `TY` to `ER`.
pub fn record(work: &Work) -> Vec<(&'static str, String)> {
    let item = &work.item.unpack();
    let mut lines: Vec<(&'static str, String)> = vec![("TY", ris_type(item.kind).to_string())];
    let mut push = |tag: &'static str, value: Option<&String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            lines.push((tag, v.clone()));
        }
    };
    push("ID", Some(&work.key));
    let names = |names: &[Name]| names.iter().map(family_given).collect::<Vec<_>>();
    let roles: [(&'static str, &[Name]); 4] = [
        ("AU", &item.author),
        ("ED", &item.editor),
        (
            "A2",
            if item.kind == ItemType::Interview {
                &item.interviewer
            } else {
                &item.recipient
            },
        ),
        ("A4", &item.translator),
    ];
    for (tag, people) in roles {
        for name in names(people) {
            push(tag, Some(&name));
        }
    }
    push("TI", item.title.as_ref());
    push("TT", item.custom.title_translated.as_ref());
    let container = if item.kind == ItemType::PaperConference {
        &item.event_title
    } else {
        &item.container_title
    };
    push("T2", container.as_ref());
    push("T3", item.collection_title.as_ref());
    if let Some(date) = &item.issued {
        push(
            "PY",
            date.year()
                .map(|y| y.to_string())
                .or(date.literal.clone())
                .as_ref(),
        );
        push("DA", ris_date(date).as_ref());
    }
    push("PB", item.publisher.as_ref());
    let place = match item.kind {
        ItemType::PaperConference => item.event_place.as_ref(),
        ItemType::Manuscript => item
            .publisher_place
            .as_ref()
            .or(item.archive_place.as_ref()),
        _ => item.publisher_place.as_ref(),
    };
    push("CY", place);
    push("VL", item.volume.as_ref());
    push("NV", item.number_of_volumes.as_ref());
    push("ET", item.edition.as_ref());
    push("DO", item.doi.as_ref());
    push("UR", item.url.as_ref());
    push("Y2", item.accessed.as_ref().and_then(edtf).as_ref());
    push("IS", item.issue.as_ref());
    push("M1", item.number.as_ref());
    if let Some(page) = &item.page {
        match page
            .split_once('-')
            .filter(|(a, b)| !a.contains(',') && !b.contains(','))
        {
            Some((start, end)) => {
                push("SP", Some(&start.to_string()));
                push("EP", Some(&end.to_string()));
            }
            None => push("SP", Some(page)),
        }
    }
    push("M3", item.genre.as_ref());
    push("DB", item.archive.as_ref());
    push("AN", item.archive_location.as_ref());
    let notes = note_lines(item, place);
    if !notes.is_empty() {
        push("N1", Some(&notes.join("\n")));
    }
    lines.push(("ER", String::new()));
    lines
}

/// A date as RIS `DA`: `YYYY/MM/DD/other`, the season or range in `other`.
fn ris_date(date: &crate::model::Date) -> Option<String> {
    let parts = date.date_parts.first()?;
    let part = |i: usize| parts.get(i).map(|p| format!("{p:02}")).unwrap_or_default();
    let other = if date.season.is_some() || date.date_parts.len() > 1 {
        date_text(date).unwrap_or_default()
    } else {
        String::new()
    };
    Some(format!("{}/{}/{}/{}", part(0), part(1), part(2), other))
}

/// The `N1` lines: the item's own note, then facts no tag of this record
/// holds, as `key: value`.
fn note_lines(item: &Item, place_written: Option<&String>) -> Vec<String> {
    let mut lines: Vec<String> = item.note.iter().cloned().collect();
    if item.kind != ItemType::Interview {
        lines.extend(
            item.interviewer
                .iter()
                .map(|n| format!("interviewer: {}", family_given(n))),
        );
    } else {
        lines.extend(
            item.recipient
                .iter()
                .map(|n| format!("recipient: {}", family_given(n))),
        );
    }
    let unwritten = |value: &Option<String>| value.clone().filter(|v| Some(v) != place_written);
    let facts = [
        ("archive-place", unwritten(&item.archive_place)),
        ("event-place", unwritten(&item.event_place)),
        (
            "event-title",
            item.event_title
                .clone()
                .filter(|_| item.kind != ItemType::PaperConference),
        ),
        (
            "container-title",
            item.container_title
                .clone()
                .filter(|_| item.kind == ItemType::PaperConference),
        ),
        ("status", item.status.clone()),
        ("original-date", item.original_date.as_ref().and_then(edtf)),
    ];
    lines.extend(fact_lines(facts, item));
    lines
}
