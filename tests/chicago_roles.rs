//! Books and chapters with contributors, editions, volumes and imprints in
//! the orders real notes print them (issue 14, shapes 1-3; GUIDELINE §7).
//! Every example is made up.

use ibid::model::Document;
use ibid::model::{Citation, ItemType, Name};

#[path = "support/notes.rs"]
mod notes;

fn run(notes: &[&str]) -> Document {
    notes::convert_numbered("roles.txt", notes)
}

fn families(names: &[Name]) -> Vec<&str> {
    names.iter().map(|n| n.sort_key()).collect()
}

fn first(doc: &Document, note: usize) -> &Citation {
    &doc.notes[note].citations[0]
}

#[test]
fn a_chapter_in_another_authors_book_with_roles() {
    let doc = run(&[
        "Ada Frost, “Notes on Ice,” in Oskar Dahl, The Winter Treatise, ed. and trans. Ann Hill and Ben Lund, 2nd ed. (Dover, NJ: Pinecone, 2019), 40.",
    ]);
    let c = first(&doc, 0);
    let item = &c.item;
    assert_eq!(item.kind, ItemType::Chapter);
    assert_eq!(item.title.as_deref(), Some("Notes on Ice"));
    assert_eq!(families(&item.author), ["Frost"]);
    assert_eq!(families(&item.container_author), ["Dahl"]);
    assert_eq!(item.container_title.as_deref(), Some("The Winter Treatise"));
    assert_eq!(families(&item.editor), ["Hill", "Lund"]);
    assert_eq!(families(&item.translator), ["Hill", "Lund"]);
    assert_eq!(item.edition.as_deref(), Some("2"));
    assert_eq!(item.publisher_place.as_deref(), Some("Dover, NJ"));
    assert_eq!(item.publisher.as_deref(), Some("Pinecone"));
    assert_eq!(c.locator.as_ref().unwrap().value, "40");
}

#[test]
fn a_volume_of_collected_works_with_many_editors_and_a_translator() {
    let doc = run(&[
        "Ada Frost, “Über das Eis,” in Gesammelte Werke, vol. 8, Späte Schriften: Aufsätze, ed. Ann Hill, Ben Lund, Cy Moss et al., trans. from the Danish by Di Nye (Kiel: Nordlicht, 2013), 128.",
    ]);
    let item = &first(&doc, 0).item;
    assert_eq!(item.container_title.as_deref(), Some("Gesammelte Werke"));
    assert_eq!(item.volume.as_deref(), Some("8"));
    assert_eq!(
        item.volume_title.as_deref(),
        Some("Späte Schriften: Aufsätze")
    );
    assert_eq!(families(&item.editor), ["Hill", "Lund", "Moss"]);
    assert_eq!(families(&item.translator), ["Nye"]);
    assert!(item.container_author.is_empty());
}

#[test]
fn roles_after_a_book_title() {
    let doc = run(&[
        "Oskar Dahl, The Winter Treatise, trans. Ann Hill, 2nd ed. (Dover, NJ: Pinecone, 2019), 12.",
        "Oskar Dahl, Frost and Thaw, ed. Ben Lund (Kiel: Nordlicht, 2001), 3.",
        "Oskar Dahl, Ice Ages, translated by Cy Moss, with an introduction by Di Nye (Kiel: Nordlicht, 2005), 7.",
        "Oskar Dahl, Snow, trans. Eve and Ned Lark, rev. ed. (Kiel: Nordlicht, 2010), 9.",
    ]);
    let item = &first(&doc, 0).item;
    assert_eq!(item.title.as_deref(), Some("The Winter Treatise"));
    assert_eq!(families(&item.translator), ["Hill"]);
    assert_eq!(item.edition.as_deref(), Some("2"));
    let item = &first(&doc, 1).item;
    assert_eq!(item.title.as_deref(), Some("Frost and Thaw"));
    assert_eq!(families(&item.editor), ["Lund"]);
    assert_eq!(families(&item.author), ["Dahl"]);
    let item = &first(&doc, 2).item;
    assert_eq!(item.title.as_deref(), Some("Ice Ages"));
    assert_eq!(families(&item.translator), ["Moss"]);
    assert!(item.editor.is_empty());
    let item = &first(&doc, 3).item;
    assert_eq!(item.title.as_deref(), Some("Snow"));
    // "Eve and Ned Lark": two people sharing a family name.
    assert_eq!(families(&item.translator), ["Lark", "Lark"]);
    assert_eq!(item.edition.as_deref(), Some("rev."));
}

#[test]
fn an_unquoted_chapter_title_before_in() {
    let doc = run(&[
        "Ulric of Tarn, On Frost, trans. Ann Hill, in The Sermons of Ulric, eds. Ben Lund and Cy Moss (Kiel: Nordlicht, 1981), 8–9.",
    ]);
    let item = &first(&doc, 0).item;
    assert_eq!(item.kind, ItemType::Chapter);
    assert_eq!(item.author, [Name::literal("Ulric of Tarn")]);
    assert_eq!(item.title.as_deref(), Some("On Frost"));
    assert_eq!(families(&item.translator), ["Hill"]);
    assert_eq!(
        item.container_title.as_deref(),
        Some("The Sermons of Ulric")
    );
    assert_eq!(families(&item.editor), ["Lund", "Moss"]);
}

#[test]
fn a_generational_suffix_after_a_role() {
    let doc = run(&["Ulric of Tarn, Homilies, trans. Ned Lark, Jr. (Kiel: Nordlicht, 2012), 4."]);
    let item = &first(&doc, 0).item;
    assert_eq!(families(&item.translator), ["Lark"]);
    assert_eq!(item.translator[0].suffix.as_deref(), Some("Jr."));
}

#[test]
fn imprints_in_every_order() {
    let doc = run(&[
        "Oskar Dahl, The Winter Treatise (Pinecone University Press, 2019), 1.",
        "Oskar Dahl, Frost and Thaw (London, 1950), 2.",
        "Oskar Dahl, Ice Ages (Nordlicht, 2005), 3.",
        "Oskar Dahl, Snow (1923; repr., Kiel: Nordlicht, 1990), 4.",
        "Oskar Dahl, Rime (London: Kite Books 1934), 5.",
        "Oskar Dahl, Hail (Studies in Weather 136; Kiel: Nordlicht, 2002), 6.",
    ]);
    let item = |n| &first(&doc, n).item;
    assert_eq!(
        (
            item(0).publisher.as_deref(),
            item(0).publisher_place.as_deref()
        ),
        (Some("Pinecone University Press"), None)
    );
    assert_eq!(
        (
            item(1).publisher.as_deref(),
            item(1).publisher_place.as_deref()
        ),
        (None, Some("London"))
    );
    assert_eq!(
        (
            item(2).publisher.as_deref(),
            item(2).publisher_place.as_deref()
        ),
        (Some("Nordlicht"), None)
    );
    assert_eq!(
        item(3).original_date.as_ref().and_then(|d| d.year()),
        Some(1923)
    );
    assert_eq!(item(3).issued.as_ref().and_then(|d| d.year()), Some(1990));
    assert_eq!(item(3).publisher.as_deref(), Some("Nordlicht"));
    assert_eq!(item(4).publisher.as_deref(), Some("Kite Books"));
    assert_eq!(item(4).issued.as_ref().and_then(|d| d.year()), Some(1934));
    assert_eq!(
        item(5).collection_title.as_deref(),
        Some("Studies in Weather")
    );
    assert_eq!(item(5).collection_number.as_deref(), Some("136"));
    assert_eq!(item(5).publisher_place.as_deref(), Some("Kiel"));
}

#[test]
fn a_quotation_before_the_citation_is_not_its_title() {
    let doc = run(&[
        "As she says, “the ice, in the end, is always the teacher.” Ada Frost, “Notes on Ice,” in Oskar Dahl, The Winter Treatise (Kiel: Nordlicht, 2019), 40.",
    ]);
    let item = &first(&doc, 0).item;
    assert_eq!(item.title.as_deref(), Some("Notes on Ice"));
    assert_eq!(families(&item.author), ["Frost"]);
    assert_eq!(item.container_title.as_deref(), Some("The Winter Treatise"));
}

#[test]
fn a_chapter_in_the_authors_own_book_and_volume_pages() {
    let doc = run(&[
        "Ada Frost, “Notes on Ice,” in Frost, Collected Essays, ed. Ben Lund (Kiel: Nordlicht, 1993), 2:246.",
    ]);
    let c = first(&doc, 0);
    assert_eq!(families(&c.item.container_author), ["Frost"]);
    assert_eq!(c.item.container_title.as_deref(), Some("Collected Essays"));
    assert_eq!(c.item.volume.as_deref(), Some("2"));
    assert_eq!(c.locator.as_ref().unwrap().value, "246");
}

#[test]
fn a_series_before_the_imprint_and_a_gloss_after_the_page() {
    let doc = run(&[
        "Ada Frost, Frost Lore, ed. Ben Lund, FGA II/14 (Kiel: Nordlicht, 2021), 215 (draft of 1819).",
        "Ada Frost, Rime and Hoar, Studies in Weather 136 (Kiel: Nordlicht, 2006), 9.",
    ]);
    let c = first(&doc, 0);
    assert_eq!(c.item.title.as_deref(), Some("Frost Lore"));
    assert_eq!(families(&c.item.editor), ["Lund"]);
    assert_eq!(c.item.collection_title.as_deref(), Some("FGA"));
    assert_eq!(c.item.collection_number.as_deref(), Some("II/14"));
    assert_eq!(c.locator.as_ref().unwrap().value, "215");
    let item = &first(&doc, 1).item;
    assert_eq!(item.title.as_deref(), Some("Rime and Hoar"));
    assert_eq!(item.collection_title.as_deref(), Some("Studies in Weather"));
    assert_eq!(item.collection_number.as_deref(), Some("136"));
}

#[test]
fn a_quoted_sentence_before_a_book_and_editors_named_in_prose() {
    let doc = run(&[
        "Frost declared that “ice and snow are two friendly souls.” Ada Frost, On Ice: Speeches to Its Despisers, ed. Ben Lund (Kiel: Nordlicht, 1996), 69.",
        "A notable exception is Ann Hill and Cy von Moss, eds., Frost and Thaw: Studies (Kiel: Nordlicht, 2005).",
        "Ada Frost, Eis und Schnee, ed. Gu\u{308}nter Lund (Kiel: Nordlicht, 1995), 24.",
    ]);
    let item = &first(&doc, 0).item;
    assert_eq!(item.kind, ItemType::Book);
    assert_eq!(
        item.title.as_deref(),
        Some("On Ice: Speeches to Its Despisers")
    );
    assert_eq!(families(&item.author), ["Frost"]);
    let item = &first(&doc, 1).item;
    assert_eq!(item.title.as_deref(), Some("Frost and Thaw: Studies"));
    assert_eq!(item.editor.len(), 2);
    assert_eq!(item.editor[0].family.as_deref(), Some("Hill"));
    // A name printed with combining accents is still a name.
    let item = &first(&doc, 2).item;
    assert_eq!(item.title.as_deref(), Some("Eis und Schnee"));
    assert_eq!(families(&item.editor), ["Lund"]);
}

#[test]
fn role_words_before_the_title_close_the_name_list() {
    let doc = run(&[
        // Initials printed together, and the names after a preposition.
        "For the debate, see I.I. Lorn, N.K. Vey, and L.N. Dask, eds., Winter and Its Uses (Kiel: Nordlicht, 1963).",
        "See his letters in M. Ann Hill and Cy J. Moss, eds., Frost Lore, Letters 1906–1908 (Kiel: Nordlicht, 1994), 110–111.",
        // "ed." printed without its comma before the title.
        "Ann Hill, ed. Frost in the North (Kiel: Nordlicht, 1986).",
        // Both roles after the names.
        "Oskar Dahl, ed. and trans., Frost on Ice (Kiel: Nordlicht, 1989), 140.",
        // A generational suffix before "and".
        "Oskar Dahl, Jr. and Cy Moss, eds., Frost Lore (Kiel: Nordlicht, 2007).",
    ]);
    let item = &first(&doc, 0).item;
    assert_eq!(families(&item.editor), ["Lorn", "Vey", "Dask"]);
    assert_eq!(item.title.as_deref(), Some("Winter and Its Uses"));
    let item = &first(&doc, 1).item;
    assert_eq!(families(&item.editor), ["Hill", "Moss"]);
    assert_eq!(item.title.as_deref(), Some("Frost Lore, Letters 1906–1908"));
    let item = &first(&doc, 2).item;
    assert_eq!(families(&item.editor), ["Hill"]);
    assert!(item.author.is_empty());
    assert_eq!(item.title.as_deref(), Some("Frost in the North"));
    let item = &first(&doc, 3).item;
    assert_eq!(families(&item.editor), ["Dahl"]);
    assert_eq!(families(&item.translator), ["Dahl"]);
    let item = &first(&doc, 4).item;
    assert_eq!(families(&item.editor), ["Dahl", "Moss"]);
    assert_eq!(item.editor[0].suffix.as_deref(), Some("Jr."));
}

#[test]
fn the_book_of_a_chapter_with_its_editors_in_every_place() {
    let doc = run(&[
        // Editors before "ed.," at the head of the container.
        "Ada Frost, “Ice,” in Cy Moss, ed., The Companion to Frost (Kiel: Nordlicht, 2002), 206–221.",
        // "ed." after a title ending with a question mark, and a suffix.
        "Ada Frost, “Ice,” in Frost Lore: A Long Winter? ed. Oskar Dahl, Jr. and Cy Moss (Kiel: Nordlicht, 1995), 229–42.",
        // A book cited in short form, its editors, the span and the page.
        "Ada Frost, “Ice,” in Frost Lore, ed. Dahl and Moss, 227–38, at 236.",
        // Initials printed together in a role, and a place without a
        // comma before the year.
        "Ada Frost, “Ice,” in The House of Frost: A Symposium, ed. E.L. Dask (London: S.P.C.K. 1934), 175.",
        // A quotation, then prose naming the chapter.
        "“Frost is good,” as Ada Frost put it in her essay, “Ice and Art,” in The House of Frost (Kiel: Nordlicht, 1934), 17.",
    ]);
    let item = &first(&doc, 0).item;
    assert_eq!(families(&item.editor), ["Moss"]);
    assert_eq!(
        item.container_title.as_deref(),
        Some("The Companion to Frost")
    );
    let item = &first(&doc, 1).item;
    assert_eq!(
        item.container_title.as_deref(),
        Some("Frost Lore: A Long Winter?")
    );
    assert_eq!(families(&item.editor), ["Dahl", "Moss"]);
    assert_eq!(item.editor[0].suffix.as_deref(), Some("Jr."));
    let c = first(&doc, 2);
    assert_eq!(c.item.container_title.as_deref(), Some("Frost Lore"));
    assert_eq!(families(&c.item.editor), ["Dahl", "Moss"]);
    assert_eq!(c.item.page.as_deref(), Some("227-38"));
    assert_eq!(c.locator.as_ref().unwrap().value, "236");
    let item = &first(&doc, 3).item;
    assert_eq!(families(&item.editor), ["Dask"]);
    assert_eq!(item.publisher.as_deref(), Some("S.P.C.K."));
    let item = &first(&doc, 4).item;
    assert_eq!(item.title.as_deref(), Some("Ice and Art"));
    assert_eq!(item.container_title.as_deref(), Some("The House of Frost"));
}
