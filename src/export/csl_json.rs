//! CSL-JSON: the lossless format, an array of items valid against the
//! official CSL-JSON schema, shaped so that every fact reaches Zotero.
//!
//! Each item says everything it can with real CSL variables (and keeps
//! `custom` for consumers that read it). What Zotero's import drops --
//! `archive-place`, `status`, `custom`, names in roles the item type cannot
//! hold -- is repeated as `key: value` lines in `note`, which Zotero copies
//! into Extra and Zotero and citeproc-js read back as fields. The item's own
//! note (the raw text of an unread citation) comes first.

use super::{date_text, edtf, extra_line_name, fact_lines};
use crate::model::Work;
use crate::model::{Date, Item, ItemType, Name};
use serde_json::Value;

/// How many items are turned into JSON at once, in parallel on the
/// current rayon pool, before they are written.
const ITEMS_PER_CHUNK: usize = 1024;

/// Writes the works as one pretty-printed CSL-JSON array (the layout of
/// `serde_json`'s pretty printer).
///
/// Items are turned into JSON a chunk at a time, the items of a chunk in
/// parallel on the current rayon pool, and written in order: a chunk's
/// JSON is all that is held at once, whatever the size of the bibliography.
pub fn write(works: &[&Work], out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    write_elements(works, true, out)?;
    write_end(works.is_empty(), out)
}

/// Writes works as elements of the top-level array: the opening bracket
/// before the first of all (`first`), a comma before every other.
pub fn write_elements(
    works: &[&Work],
    first: bool,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    use rayon::prelude::*;
    for (c, chunk) in works.chunks(ITEMS_PER_CHUNK).enumerate() {
        let items: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|work| array_element(work))
            .collect::<anyhow::Result<_>>()?;
        for (i, item) in items.iter().enumerate() {
            out.write_all(if first && c == 0 && i == 0 {
                b"[\n"
            } else {
                b",\n"
            })?;
            out.write_all(item)?;
        }
    }
    Ok(())
}

/// Closes the array (`empty`: no element was written, so none was opened).
pub fn write_end(empty: bool, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    out.write_all(if empty { b"[]\n" } else { b"\n]\n" })?;
    Ok(())
}

/// One work's item pretty-printed as an element of the top-level array:
/// as `serde_json`'s pretty printer writes it, every line indented by two
/// more spaces.
fn array_element(work: &Work) -> anyhow::Result<Vec<u8>> {
    let mut element = Vec::with_capacity(1024);
    element.extend_from_slice(b"  ");
    let mut printer = serde_json::Serializer::with_formatter(&mut element, ElementFormatter::new());
    serde::Serialize::serialize(&CslItem::new(work), &mut printer)?;
    Ok(element)
}

/// The layout of `serde_json::ser::PrettyFormatter` (two spaces a level)
/// for a value that is itself one level deep, an element of the array:
/// its lines are written indented as they go out, instead of printed and
/// indented again.
struct ElementFormatter {
    /// The depth of the value being written (1 for the element itself).
    depth: usize,
    /// Whether the array or object being written has a value yet.
    has_value: bool,
}

impl ElementFormatter {
    fn new() -> ElementFormatter {
        ElementFormatter {
            depth: 1,
            has_value: false,
        }
    }

    /// A line break and the indentation of `depth`.
    fn new_line<W: ?Sized + std::io::Write>(writer: &mut W, depth: usize) -> std::io::Result<()> {
        writer.write_all(b"\n")?;
        for _ in 0..depth {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    /// Opens an array or object with `mark`, one level deeper.
    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        mark: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(mark)
    }

    /// Closes an array or object with `mark`, on a line of its own when it
    /// holds a value.
    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        mark: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            Self::new_line(writer, self.depth)?;
        }
        writer.write_all(mark)
    }

    /// Starts an element or a key on a new line, after a comma unless first.
    fn next_entry<W: ?Sized + std::io::Write>(
        &self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        Self::new_line(writer, self.depth)
    }
}

impl serde_json::ser::Formatter for ElementFormatter {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next_entry(writer, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next_entry(writer, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// One work as a CSL-JSON item with `id` and `citation-key` set to its key.
pub fn to_csl(work: &Work) -> anyhow::Result<Value> {
    Ok(serde_json::to_value(CslItem::new(work))?)
}

/// One work's CSL-JSON item, serialized straight from the work's item (no
/// JSON tree is built): the key first, then the item's fields in order,
/// less the roles Zotero would misread (see [`misplaced_roles`]), with
/// its `note` lines in the item's own `note` field, or after all others
/// when the item has no note of its own.
#[derive(serde::Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "citation-key")]
    citation_key: &'a str,
    #[serde(flatten)]
    item: Item,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl<'a> CslItem<'a> {
    fn new(work: &'a Work) -> CslItem<'a> {
        let mut item = work.item.unpack();
        let moved = misplaced_roles(&item);
        let note = note_lines(&item, &moved);
        // The roles `misplaced_roles` moves into the note (clearing an
        // empty one changes nothing).
        match item.kind {
            ItemType::Manuscript => item.recipient.clear(),
            ItemType::PersonalCommunication => {
                item.editor.clear();
                item.interviewer.clear();
            }
            _ => {}
        }
        for date in [&mut item.issued, &mut item.original_date]
            .into_iter()
            .flatten()
        {
            if needs_raw(date) {
                date.raw = Some(date_text(date).unwrap_or_default());
            }
        }
        // A note of the item's own stays in its place, now with the lines
        // added; lines without one come after every other field.
        let note = (!note.is_empty()).then(|| note.join("\n"));
        let trailing = if item.note.is_some() {
            item.note = note;
            None
        } else {
            note
        };
        CslItem {
            id: &work.key,
            citation_key: &work.key,
            item,
            note: trailing,
        }
    }
}

/// True for dates Zotero would cut short from date-parts alone: a season
/// over a range of years (`Winter 1995/1996`).
fn needs_raw(date: &Date) -> bool {
    date.raw.is_none() && date.season.is_some() && date.date_parts.len() > 1
}

/// Names in roles that Zotero would turn into extra authors for this item
/// type: a recipient of a manuscript, an editor or interviewer of a letter.
fn misplaced_roles(item: &Item) -> Vec<(&'static str, &[Name])> {
    let roles: &[(&'static str, &[Name])] = match item.kind {
        ItemType::Manuscript => &[("recipient", &item.recipient)],
        ItemType::PersonalCommunication => {
            &[("editor", &item.editor), ("interviewer", &item.interviewer)]
        }
        _ => &[],
    };
    roles
        .iter()
        .filter(|(_, names)| !names.is_empty())
        .copied()
        .collect()
}

/// The lines of the item's `note`: its own note first, then what Zotero
/// would drop, as `key: value` lines. Never a `type:` or `number:` line.
pub fn note_lines(item: &Item, moved: &[(&'static str, &[Name])]) -> Vec<String> {
    let mut lines: Vec<String> = item.note.iter().cloned().collect();
    for (role, names) in moved {
        lines.extend(
            names
                .iter()
                .map(|name| format!("{role}: {}", extra_line_name(name))),
        );
    }
    let facts = [
        ("archive-place", item.archive_place.clone()),
        ("status", item.status.clone()),
        ("original-date", item.original_date.as_ref().and_then(edtf)),
    ];
    lines.extend(fact_lines(facts, item));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The element as it was first written: pretty-printed, then every
    /// line indented by two spaces.
    fn element_by_reindenting(value: &Value) -> Vec<u8> {
        let json = serde_json::to_vec_pretty(value).unwrap();
        let mut element = b"  ".to_vec();
        for &b in &json {
            element.push(b);
            if b == b'\n' {
                element.extend_from_slice(b"  ");
            }
        }
        element
    }

    #[test]
    fn elements_are_indented_as_the_pretty_printer_would() {
        let item = Item {
            kind: ItemType::Manuscript,
            title: Some("A \"quoted\" line\nand a break".into()),
            author: vec![
                Name::person("Lee", Some("Ann".into())),
                Name::literal("Board"),
            ],
            recipient: vec![Name::person("Lund", Some("Bo".into()))],
            issued: Some(Date {
                date_parts: vec![vec![1921, 5, 3], vec![1921, 6]],
                ..Date::default()
            }),
            original_date: Some(Date::default()),
            note: Some("raw".into()),
            ..Item::default()
        };
        for item in [item, Item::default()] {
            let work = work(item);
            let element = array_element(&work).unwrap();
            assert_eq!(
                String::from_utf8(element).unwrap(),
                String::from_utf8(element_by_reindenting(&to_csl(&work).unwrap())).unwrap()
            );
        }
    }

    fn work(item: Item) -> Work {
        Work {
            key: "k".into(),
            item: crate::model::packed::PackedItem::pack(&item),
            ..Work::default()
        }
    }

    #[test]
    fn recipient_of_a_manuscript_moves_into_note_lines() {
        let item = Item {
            kind: ItemType::Manuscript,
            note: Some("raw text".into()),
            recipient: vec![Name::person("Mao", Some("Zedong".into()))],
            archive_place: Some("Moscow".into()),
            ..Item::default()
        };
        let csl = to_csl(&work(item)).unwrap();
        assert!(csl.get("recipient").is_none());
        assert_eq!(
            csl["note"],
            "raw text\nrecipient: Mao || Zedong\narchive-place: Moscow"
        );
        assert_eq!(csl["id"], "k");
    }

    #[test]
    fn season_over_two_years_keeps_a_raw_date() {
        let item = Item {
            kind: ItemType::ArticleJournal,
            issued: Some(Date {
                date_parts: vec![vec![1995], vec![1996]],
                season: Some("Winter".into()),
                ..Date::default()
            }),
            ..Item::default()
        };
        let csl = to_csl(&work(item)).unwrap();
        assert_eq!(csl["issued"]["raw"], "Winter 1995/1996");
        assert_eq!(csl["issued"]["season"], "Winter");
    }
}
