//! CSL-JSON: the lossless format, an array of items valid against the
//! official CSL-JSON schema, shaped so that every fact reaches Zotero.
//!
//! Each item says everything it can with real CSL variables (and keeps
//! `custom` for consumers that read it). What Zotero's import drops --
//! `archive-place`, `status`, `custom`, names in roles the item type cannot
//! hold -- is repeated as `key: value` lines in `note`, which Zotero copies
//! into Extra and Zotero and citeproc-js read back as fields. The item's own
//! note (the raw text of an unread citation) comes first.

use super::{date_text, each_custom_fact, edtf, extra_line_name};
use crate::model::packed::{DateView, ItemView, NamesView, Texts};
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
    // A buffer per item of a chunk, made on this thread and reused by
    // every chunk: a buffer made per item on a pool thread and dropped on
    // this one is memory the pool thread's allocator takes back only
    // later (making an item's JSON allocates almost nothing else that
    // would have it look), and the peak grew by 2 % on 20 MB.
    let mut buffers: Vec<Vec<u8>> = Vec::new();
    for (c, chunk) in works.chunks(ITEMS_PER_CHUNK).enumerate() {
        buffers.resize_with(chunk.len(), || Vec::with_capacity(1024));
        buffers
            .par_iter_mut()
            .zip(chunk.par_iter())
            .for_each(|(buffer, work)| {
                buffer.clear();
                write_element(work, buffer);
            });
        for (i, item) in buffers.iter().enumerate() {
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

/// Writes one work's item into `buffer`, pretty-printed as an element of
/// the top-level array:
/// as `serde_json`'s pretty printer writes [`to_csl`]'s value, every line
/// indented by two more spaces. Written by hand ([`Pretty`]), field by
/// field in the order of [`Item`]'s declaration, without serde's
/// flattening, and read in place from the packed item ([`ItemView`]):
/// what [`CslItem::new`] makes of the unpacked item, without a string or
/// list allocated per field.
fn write_element(work: &Work, buffer: &mut Vec<u8>) {
    let item = work.item.view();
    let mut out = Pretty {
        out: std::mem::take(buffer),
        depth: 1,
    };
    out.out.extend_from_slice(b"  ");
    let mut o = out.open(b'{');
    out.key(&mut o, "id");
    out.string(&work.key);
    out.key(&mut o, "citation-key");
    out.string(&work.key);
    let moved = misplaced_roles_of_view(&item);
    let moved: Vec<(&'static str, &[Name])> = moved
        .iter()
        .map(|(role, names)| (*role, names.as_slice()))
        .collect();
    let original = item.original_date().map(|d| d.to_date());
    let note = note_text(item, &moved, original.as_ref());
    let trailing = out.item_fields(&mut o, &item, note);
    if let Some(note) = &trailing {
        out.key(&mut o, "note");
        out.string(note);
    }
    out.close(o, b'}');
    *buffer = out.out;
}

/// True when JSON writes `text` as it is between quotation marks: it
/// holds no control character (below U+0020), quotation mark or
/// backslash, the only chars JSON strings escape. Read eight bytes at a
/// time, as a number (most strings are a few dozen bytes).
fn needs_no_escape(text: &str) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    // Nonzero exactly when a byte of `v` is below `n` (at most 0x80).
    let below = |v: u64, n: u64| v.wrapping_sub(n * LO) & !v & (0x80 * LO);
    let escaped = |v: u64| {
        below(v, 0x20)
            | below(v ^ (u64::from(b'"') * LO), 1)
            | below(v ^ (u64::from(b'\\') * LO), 1)
    };
    let mut words = text.as_bytes().chunks_exact(8);
    for word in &mut words {
        let word: [u8; 8] = word.try_into().expect("a word of 8 bytes");
        if escaped(u64::from_le_bytes(word)) != 0 {
            return false;
        }
    }
    // The last bytes, padded with a letter.
    let rest = words.remainder();
    let mut last = [b'a'; 8];
    last[..rest.len()].copy_from_slice(rest);
    escaped(u64::from_le_bytes(last)) == 0
}

/// JSON written as `serde_json`'s pretty printer writes it (two spaces a
/// level), from `depth` on.
struct Pretty {
    out: Vec<u8>,
    /// The depth of the array or object being written.
    depth: usize,
}

/// An array or object [`Pretty`] has opened: whether it holds a value yet.
struct Open {
    empty: bool,
}

/// Spaces enough for any depth an item reaches.
const INDENT: &[u8] = b"\n                                ";

impl Pretty {
    /// A line break and the indentation of the current depth.
    fn new_line(&mut self) {
        let spaces = 2 * self.depth;
        match INDENT.get(..1 + spaces) {
            Some(line) => self.out.extend_from_slice(line),
            None => {
                self.out.push(b'\n');
                self.out.resize(self.out.len() + spaces, b' ');
            }
        }
    }

    /// Opens an array (`[`) or object (`{`), one level deeper.
    fn open(&mut self, mark: u8) -> Open {
        self.depth += 1;
        self.out.push(mark);
        Open { empty: true }
    }

    /// Closes an array or object with `mark`, on a line of its own when it
    /// holds a value.
    fn close(&mut self, open: Open, mark: u8) {
        self.depth -= 1;
        if !open.empty {
            self.new_line();
        }
        self.out.push(mark);
    }

    /// Starts the next element of an array.
    fn element(&mut self, open: &mut Open) {
        if !open.empty {
            self.out.push(b',');
        }
        open.empty = false;
        self.new_line();
    }

    /// Starts the next entry of an object: its key (which holds nothing
    /// to escape) and the colon.
    fn key(&mut self, open: &mut Open, key: &'static str) {
        self.element(open);
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    /// A string, quoted and escaped by `serde_json` (JSON escaping is
    /// not ours to write). A string with nothing to escape (no control
    /// character, quotation mark or backslash: nearly every one) is
    /// copied between quotation marks as `serde_json` would write it,
    /// after one pass over its bytes.
    fn string(&mut self, text: &str) {
        if needs_no_escape(text) {
            self.out.reserve(text.len() + 2);
            self.out.push(b'"');
            self.out.extend_from_slice(text.as_bytes());
            self.out.push(b'"');
        } else {
            serde_json::to_writer(&mut self.out, text).expect("a string is written to memory");
        }
    }

    /// A text entry, when the text is there.
    fn text(&mut self, open: &mut Open, key: &'static str, text: Option<&str>) {
        if let Some(text) = text {
            self.key(open, key);
            self.string(text);
        }
    }

    /// A name list entry, when the list is not empty.
    fn names(&mut self, open: &mut Open, key: &'static str, names: NamesView<'_>) {
        if names.len() == 0 {
            return;
        }
        self.key(open, key);
        let mut list = self.open(b'[');
        for name in names {
            self.element(&mut list);
            let mut o = self.open(b'{');
            self.text(&mut o, "family", name.family);
            self.text(&mut o, "given", name.given);
            self.text(&mut o, "literal", name.literal);
            self.text(&mut o, "suffix", name.suffix);
            self.close(o, b'}');
        }
        self.close(list, b']');
    }

    /// A date entry, when the date is there; with `fill_raw`, a date
    /// [`needs_raw`] gets its [`date_text`] as `raw`, as [`CslItem::new`]
    /// gives it.
    fn date(
        &mut self,
        open: &mut Open,
        key: &'static str,
        date: Option<DateView<'_>>,
        fill_raw: bool,
    ) {
        let Some(date) = date else { return };
        let filled = (fill_raw && raw_needed(date.raw(), date.season(), date.parts().len()))
            .then(|| date_text(&date.to_date()).unwrap_or_default());
        self.key(open, key);
        let mut o = self.open(b'{');
        if date.parts().len() > 0 {
            self.key(&mut o, "date-parts");
            let mut lists = self.open(b'[');
            for parts in date.parts() {
                self.element(&mut lists);
                let mut list = self.open(b'[');
                for part in parts {
                    self.element(&mut list);
                    // As `Display` writes it, without the formatting
                    // machinery.
                    self.out
                        .extend_from_slice(itoa::Buffer::new().format(part).as_bytes());
                }
                self.close(list, b']');
            }
            self.close(lists, b']');
        }
        self.text(&mut o, "season", date.season());
        self.text(&mut o, "literal", date.literal());
        self.text(&mut o, "raw", filled.as_deref().or(date.raw()));
        self.close(o, b'}');
    }

    /// The entries of an item, as [`Item`]'s serde attributes name and
    /// order them (and skip the empty ones), less the roles
    /// [`misplaced_roles`] moves into the note; `note`: the item's note
    /// lines ([`note_text`]). They take the place of the item's own note
    /// when it has one; else they are given back, to be written last.
    fn item_fields(
        &mut self,
        o: &mut Open,
        item: &ItemView<'_>,
        note: Option<String>,
    ) -> Option<String> {
        let kind = item.kind();
        let letter = kind == ItemType::PersonalCommunication;
        let none = NamesView::default;
        self.key(o, "type");
        self.string(kind.as_csl());
        self.text(o, "genre", item.genre());
        self.text(o, "title", item.title());
        self.names(o, "author", item.author());
        self.names(o, "editor", if letter { none() } else { item.editor() });
        self.names(o, "container-author", item.container_author());
        self.names(o, "translator", item.translator());
        let manuscript = kind == ItemType::Manuscript;
        self.names(
            o,
            "recipient",
            if manuscript { none() } else { item.recipient() },
        );
        self.names(
            o,
            "interviewer",
            if letter { none() } else { item.interviewer() },
        );
        self.text(o, "container-title", item.container_title());
        self.text(o, "collection-title", item.collection_title());
        self.text(o, "collection-number", item.collection_number());
        self.text(o, "event-title", item.event_title());
        self.text(o, "event-place", item.event_place());
        self.text(o, "publisher", item.publisher());
        self.text(o, "publisher-place", item.publisher_place());
        self.text(o, "volume", item.volume());
        self.text(o, "volume-title", item.volume_title());
        self.text(o, "edition", item.edition());
        self.text(o, "number-of-volumes", item.number_of_volumes());
        self.text(o, "issue", item.issue());
        self.text(o, "number", item.number());
        self.text(o, "page", item.page());
        self.date(o, "issued", item.issued(), true);
        self.date(o, "original-date", item.original_date(), true);
        self.date(o, "accessed", item.accessed(), false);
        self.text(o, "status", item.status());
        self.text(o, "archive", item.archive());
        self.text(o, "archive-place", item.archive_place());
        self.text(o, "archive_location", item.archive_location());
        self.text(o, "DOI", item.doi());
        self.text(o, "URL", item.url());
        let trailing = match item.note() {
            Some(_) => {
                self.text(o, "note", note.as_deref());
                None
            }
            None => note,
        };
        if item.has_custom() {
            self.key(o, "custom");
            let mut c = self.open(b'{');
            self.text(&mut c, "archive_abbrev", item.archive_abbrev());
            self.text(&mut c, "archive_cited", item.archive_cited());
            self.text(&mut c, "fond", item.fond());
            self.text(&mut c, "opis", item.opis());
            self.text(&mut c, "papka", item.papka());
            self.text(&mut c, "delo", item.delo());
            self.text(&mut c, "folios", item.folios());
            self.text(&mut c, "document_number", item.document_number());
            self.text(&mut c, "title_translated", item.title_translated());
            self.text(
                &mut c,
                "container_title_translated",
                item.container_title_translated(),
            );
            self.text(&mut c, "author_identity", item.author_identity());
            self.text(&mut c, "recipient_identity", item.recipient_identity());
            self.close(c, b'}');
        }
        trailing
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
        let note = note_text(&item, &moved, item.original_date.as_ref());
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
    raw_needed(
        date.raw.as_deref(),
        date.season.as_deref(),
        date.date_parts.len(),
    )
}

/// [`needs_raw`] of a date with this raw text, season and number of
/// lists of parts.
fn raw_needed(raw: Option<&str>, season: Option<&str>, lists: usize) -> bool {
    raw.is_none() && season.is_some() && lists > 1
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

/// [`misplaced_roles`] of a packed item, read in place (the names owned:
/// few items have any).
fn misplaced_roles_of_view(item: &ItemView<'_>) -> Vec<(&'static str, Vec<Name>)> {
    let roles: &[(&'static str, NamesView<'_>)] = match item.kind() {
        ItemType::Manuscript => &[("recipient", item.recipient())],
        ItemType::PersonalCommunication => &[
            ("editor", item.editor()),
            ("interviewer", item.interviewer()),
        ],
        _ => &[],
    };
    roles
        .iter()
        .filter(|(_, names)| names.len() > 0)
        .map(|(role, names)| (*role, names.to_names()))
        .collect()
}

/// The item's `note`: its own note first, then what Zotero would drop,
/// as `key: value` lines (`None`: no line). Never a `type:` or `number:`
/// line.
fn note_text<'a>(
    item: impl Texts<'a> + Copy,
    moved: &[(&'static str, &[Name])],
    original_date: Option<&Date>,
) -> Option<String> {
    let mut note = String::new();
    let mut lines = 0;
    let mut line = |label: &str, value: &str| {
        if lines > 0 {
            note.push('\n');
        }
        lines += 1;
        if !label.is_empty() {
            note.push_str(label);
            note.push_str(": ");
        }
        note.push_str(value);
    };
    if let Some(own) = item.note() {
        line("", own);
    }
    for (role, names) in moved {
        for name in *names {
            line(role, &extra_line_name(name));
        }
    }
    let original = original_date.and_then(edtf);
    let facts = [
        ("archive-place", item.archive_place()),
        ("status", item.status()),
        ("original-date", original.as_deref()),
    ];
    for (label, value) in facts {
        if let Some(value) = value {
            line(label, value);
        }
    }
    each_custom_fact(item, line);
    (lines > 0).then_some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        let mut texts: Vec<String> = (0..=0x7F_u8).map(|b| format!("a{}b", b as char)).collect();
        texts.extend(
            [
                "",
                "Ann Lee",
                "“Frost,” 12–13",
                "Ёлка\u{2028}x",
                "\u{7F}\u{80}\u{FFFF}",
                "\\\"",
            ]
            .map(String::from),
        );
        // Every place of a long string, for each char JSON escapes.
        for k in 0..40 {
            for c in ['"', '\\', '\n', '\u{1F}'] {
                let mut text = "Ёлка, frost and ice ".repeat(2);
                text.insert(
                    text.char_indices().nth(k).map_or(text.len(), |(at, _)| at),
                    c,
                );
                texts.push(text);
            }
        }
        for text in &texts {
            let mut out = Pretty {
                out: Vec::new(),
                depth: 0,
            };
            out.string(text);
            assert_eq!(out.out, serde_json::to_vec(text).unwrap(), "{text:?}");
        }
    }

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
            title: Some(
                "A \"quoted\" line\nand a break, a\\b\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f} é".into(),
            ),
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
        // Every field the packed item keeps, each empty.
        let every = crate::model::packed::every_field();
        for item in [item, Item::default(), every] {
            let work = work(item);
            let element = array_element(&work);
            assert_eq!(
                String::from_utf8(element).unwrap(),
                String::from_utf8(element_by_reindenting(&to_csl(&work).unwrap())).unwrap()
            );
        }
    }

    /// The element written from the packed item read in place is the
    /// one serde writes from the unpacked item ([`to_csl`]): over the
    /// sample items (fixtures, every field, every type with and without a
    /// note, raw dates, custom facts, moved roles).
    #[test]
    fn elements_read_in_place_are_those_of_the_unpacked_item() {
        let items = crate::model::packed::tests::sample_items();
        assert!(items.len() > 300);
        for item in items {
            let work = work(item);
            assert_eq!(
                String::from_utf8(array_element(&work)).unwrap(),
                String::from_utf8(element_by_reindenting(&to_csl(&work).unwrap())).unwrap()
            );
        }
    }

    fn array_element(work: &Work) -> Vec<u8> {
        let mut buffer = Vec::new();
        write_element(work, &mut buffer);
        buffer
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
