//! Items as the bytes of the fields they have, for keeping many of them.
//!
//! A document holds every distinct work it cites until the batch is
//! written (short forms may point back to any of them, and citation keys
//! are unique across the batch). An [`Item`] spends a slot on every CSL
//! variable it could have -- about a kilobyte, when a typical work fills
//! eight fields with a couple of hundred bytes of text. A [`PackedItem`]
//! keeps only what is there: a tag and the text of each field present. It
//! is unpacked one work at a time by whoever reads the work (resolution
//! merging a repeated citation, keys, exporters).
//!
//! The encoding is canonical: two items are equal exactly when their packed
//! bytes are, so packed items can be compared and hashed without unpacking.
//!
//! Layout: the item type's index, then `tag value` for each field present,
//! in the order of the tables below. A text is its length and its UTF-8
//! bytes; a list of names is its length and, for each name, a byte saying
//! which parts follow and the parts; a date is its date-parts (each list's
//! length and its numbers), a byte saying which texts follow, and the
//! texts.
//!
//! The packed item is itself a `str`: tags, type indexes and the bytes
//! saying which parts follow are ASCII, and every number is written as
//! chars ([`put_number`]), so that the texts are read back as slices of
//! it, with no second UTF-8 check (a check of every text each time a work
//! is unpacked, for keys and for every exporter). A number takes as many
//! bytes as it would in LEB128 below 2 048 (a year of our era, the length
//! of nearly every text), one more from 2 048 to 16 383.

use crate::model::{Date, Item, ItemType, Name};
use std::fmt;

/// An [`Item`] packed into the bytes of the fields it has (see the module
/// documentation).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PackedItem(Box<str>);

impl PackedItem {
    /// Packs an item: written into a buffer kept by the thread, then
    /// copied once into a box of its exact size (a string grown field by
    /// field and cut to size took two or three reallocations an item).
    pub fn pack(item: &Item) -> PackedItem {
        thread_local! {
            static PACKING: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        PACKING.with_borrow_mut(|out| {
            out.clear();
            out.push(char::from(type_index(item.kind)));
            pack_texts(item, out);
            pack_names(item, out);
            pack_dates(item, out);
            PackedItem(Box::from(out.as_str()))
        })
    }

    /// The item back, as it was packed.
    pub fn unpack(&self) -> Item {
        let mut reader = Reader { rest: &self.0 };
        let mut item = Item {
            kind: TYPES
                .get(reader.byte() as usize)
                .copied()
                .unwrap_or_default(),
            ..Item::default()
        };
        while !reader.rest.is_empty() {
            let tag = reader.byte();
            if !(unpack_text(&mut item, tag, &mut reader)
                || unpack_names(&mut item, tag, &mut reader)
                || unpack_date(&mut item, tag, &mut reader))
            {
                unreachable!("packed item with unknown field tag {tag}");
            }
        }
        item
    }

    /// The item's type, read without unpacking the rest.
    pub fn kind(&self) -> ItemType {
        TYPES
            .get(self.0.as_bytes().first().copied().unwrap_or(u8::MAX) as usize)
            .copied()
            .unwrap_or_default()
    }

    /// The item read in place: its fields without unpacking it.
    pub fn view(&self) -> ItemView<'_> {
        ItemView::new(&self.0)
    }

    /// The packed bytes (for hashing or measuring).
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The fields the item has, read without unpacking it.
    pub fn fields(&self) -> Fields {
        let mut bits = 0;
        self.each_field(|tag, _| {
            bits |= 1 << tag;
            false
        });
        Fields(bits)
    }

    /// The item's archive location, read without unpacking it.
    pub fn archive_location(&self) -> Option<&str> {
        let tag = tag_of_text(|item| &mut item.archive_location);
        let mut found = None;
        self.each_field(|t, reader| {
            if t == tag {
                found = Some(reader.text_str());
            }
            found.is_some()
        });
        found
    }

    /// Calls `f` with each field's tag and a reader at its value, which
    /// `f` may read (a text) or leave; stops when `f` returns true.
    fn each_field<'a>(&'a self, mut f: impl FnMut(u8, &mut Reader<'a>) -> bool) {
        let mut reader = Reader { rest: &self.0 };
        reader.byte();
        while !reader.rest.is_empty() {
            let tag = reader.byte();
            let mut value = Reader { rest: reader.rest };
            if f(tag, &mut value) {
                return;
            }
            reader.skip_value(tag);
        }
    }
}

/// One past the highest field tag.
const TAGS: usize = 76;

/// The first tag of the custom facts: every field from it to [`TAGS`] is
/// one of [`crate::model::Custom`], and no other field is.
const CUSTOM_TAGS: u8 = 64;

/// A packed item read in place: what reads a few fields of a stored work
/// (keys, short forms, letters) without building an [`Item`] (a String
/// per text, a Vec per name list). The fields are found in one pass over
/// the packed bytes; each is read when asked, borrowed from them.
#[derive(Clone, Copy)]
pub struct ItemView<'a> {
    packed: &'a str,
    /// Where each field's value starts in `packed`, by tag (0: the item
    /// has no such field; a value never starts at 0, after the type).
    at: [u32; TAGS],
}

impl<'a> ItemView<'a> {
    fn new(packed: &'a str) -> ItemView<'a> {
        let mut at = [0u32; TAGS];
        let mut reader = Reader { rest: packed };
        reader.byte();
        while !reader.rest.is_empty() {
            let tag = reader.byte();
            at[usize::from(tag)] = (packed.len() - reader.rest.len()) as u32;
            reader.skip_value(tag);
        }
        ItemView { packed, at }
    }

    /// A reader at the value of the field tagged `tag` (`None`: absent).
    fn reader(&self, tag: u8) -> Option<Reader<'a>> {
        let at = self.at[usize::from(tag)] as usize;
        (at != 0).then(|| Reader {
            rest: &self.packed[at..],
        })
    }

    fn text(&self, tag: u8) -> Option<&'a str> {
        self.reader(tag).map(|mut r| r.text_str())
    }

    fn names(&self, tag: u8) -> NamesView<'a> {
        match self.reader(tag) {
            Some(mut reader) => {
                let left = reader.number() as usize;
                NamesView { reader, left }
            }
            None => NamesView::default(),
        }
    }

    fn date(&self, tag: u8) -> Option<DateView<'a>> {
        self.reader(tag).map(DateView::new)
    }

    /// The item's type.
    pub fn kind(&self) -> ItemType {
        TYPES
            .get(usize::from(self.packed.as_bytes()[0]))
            .copied()
            .unwrap_or_default()
    }

    /// `issued`, borrowed.
    pub fn issued(&self) -> Option<DateView<'a>> {
        self.date(ISSUED)
    }

    /// `original_date`, borrowed.
    pub fn original_date(&self) -> Option<DateView<'a>> {
        self.date(ORIGINAL_DATE)
    }

    /// `accessed`, borrowed.
    pub fn accessed(&self) -> Option<DateView<'a>> {
        self.date(ACCESSED)
    }

    /// True if the item has a custom fact ([`crate::model::Custom`] is not
    /// empty): their tags are the last ones, from [`CUSTOM_TAGS`] on.
    pub fn has_custom(&self) -> bool {
        self.at[usize::from(CUSTOM_TAGS)..]
            .iter()
            .any(|&at| at != 0)
    }

    /// The first author, or failing that the first editor
    /// ([`Item::lead_name`]).
    pub fn lead_name(&self) -> Option<NameView<'a>> {
        self.author().next().or_else(|| self.editor().next())
    }
}

/// A name of a packed item, borrowed ([`Name`]'s parts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NameView<'a> {
    pub family: Option<&'a str>,
    pub given: Option<&'a str>,
    pub literal: Option<&'a str>,
    pub suffix: Option<&'a str>,
}

impl<'a> NameView<'a> {
    /// [`Name::sort_key`]: the family name of a person, the whole name of
    /// a body.
    pub fn sort_key(&self) -> &'a str {
        self.family.or(self.literal).unwrap_or("")
    }

    /// The name, owned.
    pub fn to_name(&self) -> Name {
        let own = |t: Option<&str>| t.map(str::to_string);
        Name {
            family: own(self.family),
            given: own(self.given),
            literal: own(self.literal),
            suffix: own(self.suffix),
        }
    }
}

/// The names of a list of a packed item, in order.
#[derive(Clone)]
pub struct NamesView<'a> {
    reader: Reader<'a>,
    left: usize,
}

/// No names.
impl Default for NamesView<'_> {
    fn default() -> Self {
        NamesView {
            reader: Reader { rest: "" },
            left: 0,
        }
    }
}

impl<'a> NamesView<'a> {
    /// The names, owned.
    pub fn to_names(&self) -> Vec<Name> {
        self.clone().map(|n| n.to_name()).collect()
    }
}

impl<'a> Iterator for NamesView<'a> {
    type Item = NameView<'a>;

    fn next(&mut self) -> Option<NameView<'a>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let [family, given, literal, suffix] = self.reader.optional_strs();
        Some(NameView {
            family,
            given,
            literal,
            suffix,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for NamesView<'_> {}

/// A date of a packed item, borrowed.
#[derive(Clone, Copy)]
pub struct DateView<'a> {
    /// At the date's value.
    start: Reader<'a>,
    /// At its first list of parts (`None`: it has none).
    first: Option<Reader<'a>>,
    /// How many lists of parts it has.
    lists: usize,
    season: Option<&'a str>,
    literal: Option<&'a str>,
    raw: Option<&'a str>,
}

impl<'a> DateView<'a> {
    fn new(start: Reader<'a>) -> DateView<'a> {
        let mut reader = start;
        let lists = reader.number();
        let first = (lists > 0).then_some(reader);
        for _ in 0..lists {
            for _ in 0..reader.number() {
                reader.number();
            }
        }
        let [season, literal, raw] = reader.optional_strs();
        DateView {
            start,
            first,
            lists: lists as usize,
            season,
            literal,
            raw,
        }
    }

    /// The first list of date-parts (`None`: the date has none).
    pub fn first_parts(&self) -> Option<DateParts<'a>> {
        self.first.map(|mut reader| {
            let left = reader.number() as usize;
            DateParts { reader, left }
        })
    }

    /// Every list of date-parts, in order ([`Date::date_parts`]).
    pub fn parts(&self) -> DateLists<'a> {
        DateLists {
            reader: self.first.unwrap_or(self.start),
            left: self.lists,
        }
    }

    /// [`Date::year`]: the first year of the date, if it has one.
    pub fn year(&self) -> Option<i32> {
        self.first_parts()?.next()
    }

    pub fn season(&self) -> Option<&'a str> {
        self.season
    }

    pub fn literal(&self) -> Option<&'a str> {
        self.literal
    }

    pub fn raw(&self) -> Option<&'a str> {
        self.raw
    }

    /// The date, owned.
    pub fn to_date(&self) -> Date {
        let mut reader = self.start;
        reader.date()
    }
}

/// The parts of one list of a packed date, in order.
#[derive(Clone, Copy)]
pub struct DateParts<'a> {
    reader: Reader<'a>,
    left: usize,
}

impl Iterator for DateParts<'_> {
    type Item = i32;

    fn next(&mut self) -> Option<i32> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        Some(date_part_of_number(self.reader.number()))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for DateParts<'_> {}

/// The lists of parts of a packed date, in order.
#[derive(Clone, Copy)]
pub struct DateLists<'a> {
    /// At the next list.
    reader: Reader<'a>,
    left: usize,
}

impl<'a> Iterator for DateLists<'a> {
    type Item = DateParts<'a>;

    fn next(&mut self) -> Option<DateParts<'a>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let len = self.reader.number() as usize;
        let parts = DateParts {
            reader: self.reader,
            left: len,
        };
        for _ in 0..len {
            self.reader.number();
        }
        Some(parts)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for DateLists<'_> {}

/// Which fields an item has (a text or a date present, a name list not
/// empty), as a set: what is asked of a packed item without unpacking it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fields(u128);

impl Fields {
    /// The fields `item` has: those [`PackedItem::fields`] reads from
    /// `PackedItem::pack(item)`.
    pub fn of(item: &Item) -> Fields {
        Fields(text_bits(item) | name_bits(item) | date_bits(item))
    }

    /// The fields in `self` and not in `other`.
    pub fn without(self, other: Fields) -> Fields {
        Fields(self.0 & !other.0)
    }

    /// True if the two share a field.
    pub fn meets(self, other: Fields) -> bool {
        self.0 & other.0 != 0
    }
}

/// An item with every field the packed form keeps, each empty (a text
/// `""`, a list of one empty name, an empty date): what tells which
/// fields a function of items reads or fills.
pub fn every_field() -> Item {
    let mut item = Item::default();
    fill_texts(&mut item);
    fill_names(&mut item);
    item.issued = Some(Date::default());
    item.original_date = Some(Date::default());
    item.accessed = Some(Date::default());
    item
}

/// The tag of the text field `field` picks.
fn tag_of_text(field: impl Fn(&mut Item) -> &mut Option<String>) -> u8 {
    let mut item = Item::default();
    *field(&mut item) = Some(String::new());
    text_bits(&item).trailing_zeros() as u8
}

/// The packed [`Item::default`].
impl Default for PackedItem {
    fn default() -> PackedItem {
        PackedItem::pack(&Item::default())
    }
}

impl fmt::Debug for PackedItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.unpack().fmt(f)
    }
}

impl From<&Item> for PackedItem {
    fn from(item: &Item) -> PackedItem {
        PackedItem::pack(item)
    }
}

/// Every item type, by its packed index.
const TYPES: [ItemType; 13] = [
    ItemType::Book,
    ItemType::Chapter,
    ItemType::ArticleJournal,
    ItemType::ArticleMagazine,
    ItemType::ArticleNewspaper,
    ItemType::Report,
    ItemType::PaperConference,
    ItemType::Interview,
    ItemType::PersonalCommunication,
    ItemType::Manuscript,
    ItemType::Thesis,
    ItemType::Webpage,
    ItemType::Document,
];

fn type_index(kind: ItemType) -> u8 {
    TYPES.iter().position(|&k| k == kind).unwrap_or(0) as u8
}

/// The text fields of an item and of its custom facts, with their tags:
/// `pack_texts` writes them in this order, `unpack_text` reads a tag back.
macro_rules! text_fields {
    ($($tag:literal => $name:ident: $($field:ident).+;)*) => {
        fn pack_texts(item: &Item, out: &mut String) {
            $(
                if let Some(text) = &item.$($field).+ {
                    out.push(char::from($tag));
                    put_text(out, text);
                }
            )*
        }

        /// Reads the text of the field tagged `tag`; false if the tag is
        /// not a text field's.
        fn unpack_text(item: &mut Item, tag: u8, reader: &mut Reader<'_>) -> bool {
            match tag {
                $($tag => item.$($field).+ = Some(reader.text()),)*
                _ => return false,
            }
            true
        }

        /// The tags of the text fields `item` has, as bits.
        fn text_bits(item: &Item) -> u128 {
            let mut bits = 0;
            $(
                if item.$($field).+.is_some() {
                    bits |= 1 << $tag;
                }
            )*
            bits
        }

        /// True if `tag` is a text field's.
        #[allow(clippy::manual_range_patterns)]
        fn is_text_tag(tag: u8) -> bool {
            matches!(tag, $($tag)|*)
        }

        /// Gives every text field an empty text.
        fn fill_texts(item: &mut Item) {
            $(item.$($field).+ = Some(String::new());)*
        }

        /// The text fields, read in place (`custom` ones by their own
        /// name).
        impl<'a> ItemView<'a> {
            $(
                #[doc = concat!("`", stringify!($($field).+), "`, borrowed.")]
                pub fn $name(&self) -> Option<&'a str> {
                    self.text($tag)
                }
            )*
        }

        /// The text fields of an item, read alike from an [`Item`] and in
        /// place from an [`ItemView`]: what a function reading a few texts
        /// of either takes (the note lines every exporter writes).
        pub trait Texts<'a> {
            $(
                #[doc = concat!("`", stringify!($($field).+), "`.")]
                fn $name(&self) -> Option<&'a str>;
            )*
        }

        impl<'a> Texts<'a> for &'a Item {
            $(
                fn $name(&self) -> Option<&'a str> {
                    self.$($field).+.as_deref()
                }
            )*
        }

        impl<'a> Texts<'a> for ItemView<'a> {
            $(
                fn $name(&self) -> Option<&'a str> {
                    self.text($tag)
                }
            )*
        }

        /// Every text field of the view, into `item` (for comparing
        /// the view with [`PackedItem::unpack`]).
        #[cfg(test)]
        fn view_texts(view: &ItemView<'_>, item: &mut Item) {
            $(item.$($field).+ = view.$name().map(str::to_string);)*
        }
    };
}

text_fields! {
    1 => genre: genre;
    2 => title: title;
    3 => container_title: container_title;
    4 => collection_title: collection_title;
    5 => event_title: event_title;
    6 => event_place: event_place;
    7 => publisher: publisher;
    8 => publisher_place: publisher_place;
    9 => volume: volume;
    10 => volume_title: volume_title;
    19 => number_of_volumes: number_of_volumes;
    22 => edition: edition;
    23 => collection_number: collection_number;
    11 => issue: issue;
    12 => number: number;
    13 => page: page;
    14 => status: status;
    15 => archive: archive;
    16 => archive_place: archive_place;
    17 => archive_location: archive_location;
    18 => note: note;
    20 => doi: doi;
    21 => url: url;
    64 => archive_abbrev: custom.archive_abbrev;
    65 => archive_cited: custom.archive_cited;
    66 => fond: custom.fond;
    67 => opis: custom.opis;
    68 => papka: custom.papka;
    69 => delo: custom.delo;
    70 => folios: custom.folios;
    71 => document_number: custom.document_number;
    72 => title_translated: custom.title_translated;
    73 => container_title_translated: custom.container_title_translated;
    74 => author_identity: custom.author_identity;
    75 => recipient_identity: custom.recipient_identity;
}

/// The name lists of an item, with their tags.
macro_rules! name_fields {
    ($($tag:literal => $field:ident;)*) => {
        fn pack_names(item: &Item, out: &mut String) {
            $(
                if !item.$field.is_empty() {
                    out.push(char::from($tag));
                    put_names(out, &item.$field);
                }
            )*
        }

        /// Reads the name list tagged `tag`; false if the tag is not a
        /// name list's.
        fn unpack_names(item: &mut Item, tag: u8, reader: &mut Reader<'_>) -> bool {
            match tag {
                $($tag => item.$field = reader.names(),)*
                _ => return false,
            }
            true
        }

        /// The tags of the name lists `item` has (not empty), as bits.
        fn name_bits(item: &Item) -> u128 {
            let mut bits = 0;
            $(
                if !item.$field.is_empty() {
                    bits |= 1 << $tag;
                }
            )*
            bits
        }

        /// True if `tag` is a name list's.
        // The tags are listed as the table gives them, a range or not.
        #[allow(clippy::manual_range_patterns)]
        fn is_names_tag(tag: u8) -> bool {
            matches!(tag, $($tag)|*)
        }

        /// Gives every name list one empty name.
        fn fill_names(item: &mut Item) {
            $(item.$field = vec![Name::default()];)*
        }

        /// The name lists, read in place.
        impl<'a> ItemView<'a> {
            $(
                #[doc = concat!("`", stringify!($field), "`, borrowed (empty if the item has none).")]
                pub fn $field(&self) -> NamesView<'a> {
                    self.names($tag)
                }
            )*
        }

        /// Every name list of the view, into `item`.
        #[cfg(test)]
        fn view_names(view: &ItemView<'_>, item: &mut Item) {
            $(item.$field = view.$field().map(|n| n.to_name()).collect();)*
        }
    };
}

name_fields! {
    32 => author;
    33 => editor;
    34 => translator;
    35 => recipient;
    36 => interviewer;
    37 => container_author;
}

const ISSUED: u8 = 48;
const ORIGINAL_DATE: u8 = 49;
const ACCESSED: u8 = 50;

fn pack_dates(item: &Item, out: &mut String) {
    for (tag, date) in [
        (ISSUED, &item.issued),
        (ORIGINAL_DATE, &item.original_date),
        (ACCESSED, &item.accessed),
    ] {
        if let Some(date) = date {
            out.push(char::from(tag));
            put_date(out, date);
        }
    }
}

/// The tags of the dates `item` has, as bits.
fn date_bits(item: &Item) -> u128 {
    [
        (ISSUED, &item.issued),
        (ORIGINAL_DATE, &item.original_date),
        (ACCESSED, &item.accessed),
    ]
    .into_iter()
    .filter(|(_, date)| date.is_some())
    .fold(0, |bits, (tag, _)| bits | 1 << tag)
}

/// Reads the date tagged `tag`; false if the tag is not a date's.
fn unpack_date(item: &mut Item, tag: u8, reader: &mut Reader<'_>) -> bool {
    match tag {
        ISSUED => item.issued = Some(reader.date()),
        ORIGINAL_DATE => item.original_date = Some(reader.date()),
        ACCESSED => item.accessed = Some(reader.date()),
        _ => return false,
    }
    true
}

/// Numbers below this are one char, the char of that code point (below
/// the surrogates): the last char of every number.
const LAST_DIGITS: u64 = 0xD800;
/// The first code point after the surrogates: the chars from it on are
/// the leading digits of a number of [`LAST_DIGITS`] or more.
const LEADING_FROM: u32 = 0xE000;
/// How many values a leading digit takes (U+E000 to U+10FFFF).
const LEADING_DIGITS: u64 = 0x11_0000 - LEADING_FROM as u64;

/// Writes a number as chars: below [`LAST_DIGITS`], the char of that code
/// point; above, `n / LAST_DIGITS` in leading digits (chars from
/// U+E000 on, most significant first) and then `n % LAST_DIGITS`. One way
/// to write each number: equal items still pack to equal strings.
fn put_number(out: &mut String, n: u64) {
    if n < 0x80 {
        // Most numbers: one ASCII byte.
        out.push(char::from(n as u8));
        return;
    }
    fn leading(out: &mut String, high: u64) {
        if high >= LEADING_DIGITS {
            leading(out, high / LEADING_DIGITS);
        }
        let digit = (high % LEADING_DIGITS) as u32 + LEADING_FROM;
        out.push(char::from_u32(digit).expect("a leading digit is a char"));
    }
    if n >= LAST_DIGITS {
        leading(out, n / LAST_DIGITS);
    }
    let last = (n % LAST_DIGITS) as u32;
    out.push(char::from_u32(last).expect("a last digit is a char"));
}

fn put_text(out: &mut String, text: &str) {
    put_number(out, text.len() as u64);
    out.push_str(text);
}

/// Writes the texts of `parts` that are present, after a byte with one bit
/// per part present.
fn put_optional_texts<const N: usize>(out: &mut String, parts: [&Option<String>; N]) {
    let present = parts
        .iter()
        .enumerate()
        .fold(0u8, |bits, (i, p)| bits | (u8::from(p.is_some()) << i));
    // Four bits at most: ASCII.
    out.push(char::from(present));
    for text in parts.into_iter().flatten() {
        put_text(out, text);
    }
}

fn put_names(out: &mut String, names: &[Name]) {
    put_number(out, names.len() as u64);
    for name in names {
        put_optional_texts(
            out,
            [&name.family, &name.given, &name.literal, &name.suffix],
        );
    }
}

fn put_date(out: &mut String, date: &Date) {
    put_number(out, date.date_parts.len() as u64);
    for parts in &date.date_parts {
        put_number(out, parts.len() as u64);
        for &part in parts {
            put_number(out, date_part_number(part));
        }
    }
    put_optional_texts(out, [&date.season, &date.literal, &date.raw]);
}

/// Below this, a date part is written as it is.
const PLAIN_PARTS: i64 = 2048;

/// The number a date part is written as: a year of our era, a month or a
/// day as it is (a year below 2 048 takes two bytes, as in LEB128); the
/// others after those, zigzagged (the later years even, the negative
/// ones odd).
fn date_part_number(part: i32) -> u64 {
    let part = i64::from(part);
    let n = match part {
        0..PLAIN_PARTS => part,
        PLAIN_PARTS.. => PLAIN_PARTS + 2 * (part - PLAIN_PARTS),
        _ => PLAIN_PARTS + 2 * -part - 1,
    };
    n as u64
}

/// The date part [`date_part_number`] wrote as `n`.
fn date_part_of_number(n: u64) -> i32 {
    let n = n as i64;
    let part = if n < PLAIN_PARTS {
        n
    } else if (n - PLAIN_PARTS) % 2 == 0 {
        PLAIN_PARTS + (n - PLAIN_PARTS) / 2
    } else {
        -((n - PLAIN_PARTS + 1) / 2)
    };
    part as i32
}

/// Reads a packed item front to back. It was written by
/// [`PackedItem::pack`], so a short or malformed input is a bug.
#[derive(Clone, Copy)]
struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    /// The next ASCII char (a tag, a type index, a byte of bits).
    fn byte(&mut self) -> u8 {
        let first = *self.rest.as_bytes().first().expect("packed item cut short");
        self.rest = &self.rest[1..];
        first
    }

    /// The next number ([`put_number`]).
    fn number(&mut self) -> u64 {
        let mut chars = self.rest.chars();
        let mut high = 0u64;
        loop {
            let c = u32::from(chars.next().expect("packed item cut short"));
            if c < LEADING_FROM {
                self.rest = chars.as_str();
                return high * LAST_DIGITS + u64::from(c);
            }
            high = high * LEADING_DIGITS + u64::from(c - LEADING_FROM);
        }
    }

    fn text(&mut self) -> String {
        self.text_str().to_string()
    }

    /// The next text, borrowed from the packed item.
    fn text_str(&mut self) -> &'a str {
        let len = self.number() as usize;
        let (text, rest) = self.rest.split_at(len);
        self.rest = rest;
        text
    }

    /// Passes over the next text.
    fn skip_text(&mut self) {
        let len = self.number() as usize;
        self.rest = &self.rest[len..];
    }

    /// Passes over the value of the field tagged `tag`.
    fn skip_value(&mut self, tag: u8) {
        let skip_texts = |reader: &mut Self| {
            let present = reader.byte();
            for _ in 0..present.count_ones() {
                reader.skip_text();
            }
        };
        if is_text_tag(tag) {
            self.skip_text();
        } else if is_names_tag(tag) {
            for _ in 0..self.number() {
                skip_texts(self);
            }
        } else if matches!(tag, ISSUED | ORIGINAL_DATE | ACCESSED) {
            for _ in 0..self.number() {
                for _ in 0..self.number() {
                    self.number();
                }
            }
            skip_texts(self);
        } else {
            unreachable!("packed item with unknown field tag {tag}");
        }
    }

    /// The texts written by `put_optional_texts`, borrowed.
    fn optional_strs<const N: usize>(&mut self) -> [Option<&'a str>; N] {
        let present = self.byte();
        std::array::from_fn(|i| (present & (1 << i) != 0).then(|| self.text_str()))
    }

    /// The texts written by `put_optional_texts`.
    fn optional_texts<const N: usize>(&mut self) -> [Option<String>; N] {
        let present = self.byte();
        std::array::from_fn(|i| (present & (1 << i) != 0).then(|| self.text()))
    }

    fn names(&mut self) -> Vec<Name> {
        let count = self.number() as usize;
        (0..count)
            .map(|_| {
                let [family, given, literal, suffix] = self.optional_texts();
                Name {
                    family,
                    given,
                    literal,
                    suffix,
                }
            })
            .collect()
    }

    fn date(&mut self) -> Date {
        let lists = self.number() as usize;
        let date_parts = (0..lists)
            .map(|_| {
                let len = self.number() as usize;
                (0..len)
                    .map(|_| date_part_of_number(self.number()))
                    .collect()
            })
            .collect();
        let [season, literal, raw] = self.optional_texts();
        Date {
            date_parts,
            season,
            literal,
            raw,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Custom;

    fn full_item() -> Item {
        Item {
            kind: ItemType::PersonalCommunication,
            genre: Some("telegram".into()),
            title: Some("Уважаемый товарищ".into()),
            author: vec![
                Name::person("Shtykov", Some("T. F.".into())),
                Name::literal("CC VKP(b)"),
            ],
            recipient: vec![Name {
                family: Some("Stalin".into()),
                given: None,
                literal: None,
                suffix: Some("Jr.".into()),
            }],
            editor: vec![Name::default()],
            container_author: vec![Name::person("Dahl", None)],
            edition: Some("2".into()),
            collection_number: Some("136".into()),
            issued: Some(Date {
                date_parts: vec![vec![1949, 5, 1], vec![-44, 12]],
                season: Some("Spring".into()),
                literal: None,
                raw: Some("1 May 1949".into()),
            }),
            original_date: Some(Date::literal("forthcoming")),
            accessed: Some(Date::ymd(2020, Some(5), Some(5))),
            page: Some(String::new()),
            number_of_volumes: Some("2".into()),
            archive_location: Some("f. 059a, op. 5a, pap. 11, d. 3, ll. 87-91".into()),
            note: Some("x".repeat(300)),
            custom: Box::new(Custom {
                fond: Some("059a".into()),
                folios: Some("87-91".into()),
                recipient_identity: Some("Stalin".into()),
                ..Custom::default()
            }),
            ..Item::default()
        }
    }

    #[test]
    fn every_field_comes_back() {
        for item in [Item::default(), full_item()] {
            let packed = PackedItem::pack(&item);
            assert_eq!(packed.unpack(), item);
            assert_eq!(packed.kind(), item.kind);
        }
    }

    #[test]
    fn fields_are_read_without_unpacking() {
        for item in [Item::default(), full_item(), every_field()] {
            let packed = PackedItem::pack(&item);
            assert_eq!(packed.fields(), Fields::of(&item));
            assert_eq!(packed.archive_location(), item.archive_location.as_deref());
            assert_eq!(packed.unpack(), item);
        }
        let every = Fields::of(&every_field());
        assert!(every.without(Fields::of(&full_item())).meets(every));
        assert!(!Fields::of(&Item::default()).meets(every));
    }

    /// The items of the gold files of the fixtures (every citation's, as
    /// the gold gives it).
    fn fixture_items() -> Vec<Item> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut items = Vec::new();
        for file in [
            "korean-war-origins.gold.jsonl",
            "archival/archival-notes.gold.jsonl",
            "russian/russian-notes.gold.jsonl",
        ] {
            let text = std::fs::read_to_string(root.join(file)).expect("fixture");
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let note: serde_json::Value = serde_json::from_str(line).expect("json");
                for c in note["citations"].as_array().into_iter().flatten() {
                    items.push(serde_json::from_value(c["item"].clone()).expect("item"));
                }
            }
        }
        assert!(items.len() > 300, "{}", items.len());
        items
    }

    /// Items to read packed: the fixtures' items, an empty one, one with
    /// every field, and a full item of every type, with and without its
    /// note, raw date and custom facts.
    pub(crate) fn sample_items() -> Vec<Item> {
        let mut items = fixture_items();
        items.extend([Item::default(), full_item(), every_field()]);
        for kind in TYPES {
            let full = Item {
                kind,
                ..full_item()
            };
            let mut bare = full.clone();
            bare.note = None;
            bare.custom = Box::default();
            for date in [&mut bare.issued, &mut bare.original_date] {
                *date = Some(Date {
                    date_parts: vec![vec![1995], vec![1996, 2]],
                    season: Some("Winter".into()),
                    ..Date::default()
                });
            }
            items.extend([full, bare]);
        }
        items
    }

    /// Every field read through [`ItemView`] is the item's: over the
    /// [`sample_items`].
    #[test]
    fn the_view_reads_every_field_as_unpack_does() {
        for item in sample_items() {
            let packed = PackedItem::pack(&item);
            let view = packed.view();
            let mut read = Item {
                kind: view.kind(),
                ..Item::default()
            };
            view_texts(&view, &mut read);
            view_names(&view, &mut read);
            let dates = [
                (view.issued(), &item.issued),
                (view.original_date(), &item.original_date),
                (view.accessed(), &item.accessed),
            ];
            for (date, expected) in &dates {
                assert_eq!(date.is_some(), expected.is_some());
                let (Some(date), Some(expected)) = (date, expected) else {
                    continue;
                };
                assert_eq!(date.season(), expected.season.as_deref());
                assert_eq!(date.literal(), expected.literal.as_deref());
                assert_eq!(date.raw(), expected.raw.as_deref());
                assert_eq!(date.year(), expected.year());
                let first: Option<Vec<i32>> = date.first_parts().map(|p| {
                    assert_eq!(p.len(), p.count());
                    p.collect()
                });
                assert_eq!(first.as_ref(), expected.date_parts.first());
                let lists = date.parts();
                assert_eq!(lists.len(), expected.date_parts.len());
                let all: Vec<Vec<i32>> = lists.map(|p| p.collect()).collect();
                assert_eq!(all, expected.date_parts);
            }
            assert_eq!(view.has_custom(), !item.custom.is_empty());
            read.issued = view.issued().map(|d| d.to_date());
            read.original_date = view.original_date().map(|d| d.to_date());
            read.accessed = view.accessed().map(|d| d.to_date());
            assert_eq!(read, item);
            assert_eq!(read, packed.unpack());
            assert_eq!(
                view.lead_name().map(|n| n.to_name()).as_ref(),
                item.lead_name()
            );
            assert_eq!(
                view.lead_name().map(|n| n.sort_key()),
                item.lead_name().map(Name::sort_key)
            );
            assert_eq!(view.author().len(), item.author.len());
            assert_eq!(view.editor().to_names(), item.editor);
        }
    }

    #[test]
    fn every_type_comes_back() {
        for kind in TYPES {
            let item = Item {
                kind,
                ..Item::default()
            };
            assert_eq!(PackedItem::pack(&item).unpack().kind, kind);
        }
    }

    #[test]
    fn equal_exactly_when_items_are() {
        let a = full_item();
        let mut b = a.clone();
        assert_eq!(PackedItem::pack(&a), PackedItem::pack(&b));
        // An empty text is not an absent one.
        b.page = None;
        assert_ne!(PackedItem::pack(&a), PackedItem::pack(&b));
        let mut c = a.clone();
        c.custom.papka = Some(String::new());
        assert_ne!(PackedItem::pack(&a), PackedItem::pack(&c));
    }

    #[test]
    fn a_typical_work_packs_small() {
        let item = Item {
            kind: ItemType::Book,
            title: Some("Uncertain Partners: Stalin, Mao, and the Korean War".into()),
            author: vec![
                Name::person("Goncharov", Some("Sergei N.".into())),
                Name::person("Lewis", Some("John W.".into())),
                Name::person("Xue", Some("Litai".into())),
            ],
            publisher: Some("Stanford University Press".into()),
            publisher_place: Some("Stanford, CA".into()),
            issued: Some(Date::ymd(1993, None, None)),
            ..Item::default()
        };
        let packed = PackedItem::pack(&item);
        let text: usize = 51 + 9 + 9 + 5 + 7 + 3 + 5 + 25 + 12;
        assert!(packed.as_bytes().len() < text + 32, "{}", packed.0.len());
        assert!(std::mem::size_of::<Item>() > 4 * packed.as_bytes().len());
    }

    #[test]
    fn numbers_come_back_and_are_written_one_way() {
        let mut numbers: Vec<u64> = vec![0, 1, 127, 128, 2047, 2048, 16383, 16384];
        numbers.extend([LAST_DIGITS - 1, LAST_DIGITS, LAST_DIGITS + 1]);
        let big = LAST_DIGITS * LEADING_DIGITS;
        numbers.extend([big - 1, big, big + 1, u64::from(u32::MAX), u64::MAX]);
        let mut written = std::collections::HashSet::new();
        for n in numbers {
            let mut out = String::new();
            put_number(&mut out, n);
            out.push('x');
            let mut reader = Reader { rest: &out };
            assert_eq!(reader.number(), n);
            assert_eq!(reader.rest, "x", "{n}");
            assert!(written.insert(out), "{n}");
        }
        for part in [0, 1, 12, 2047, 2048, 2049, -1, -44, i32::MAX, i32::MIN] {
            assert_eq!(date_part_of_number(date_part_number(part)), part);
        }
        // As short as LEB128 below 2 048.
        for (n, len) in [(127, 1), (128, 2), (1949, 2), (2047, 2), (2048, 3)] {
            let mut out = String::new();
            put_number(&mut out, n);
            assert_eq!(out.len(), len, "{n}");
        }
    }
}
