//! How a note is cut into citations and prose (issue 14 shapes 6, 7 and
//! 11; issue 13 point 5), through the whole pipeline. Every example is
//! made up.

use ibid::model::Document;
use ibid::model::{Form, ItemType};

#[path = "support/notes.rs"]
mod notes;

fn run(notes: &[&str]) -> Document {
    notes::convert_numbered("lead_ins.txt", notes)
}

/// Shape 11: a full citation whose imprint the grammar cannot read is a
/// full citation read in part, never a short form "matching no earlier
/// full citation"; a short form with its editors stays short.
#[test]
fn full_citation_read_in_part_is_not_a_short_form() {
    let doc = run(&[
        "Ann Lee, Faith and Feeling, trans. Bo Lund (self-issued at the author's expense in two parts, 2001), 12.",
        "Bo Lund, “Frost Lines,” Quarterly of Cold Letters 12 (1998): 563–650, at 624.",
        "Cy Dunn, Winter Papers, https://example.org/winter (item 7), 38–39.",
        "Ann Lee and Bo Lund, eds., Faith and Feeling, 14.",
    ]);
    for n in 0..3 {
        let c = &doc.notes[n].citations[0];
        assert_eq!(c.form, Form::Full, "note {}: {:?}", n + 1, c.item);
    }
    let short = &doc.notes[3].citations[0];
    assert_eq!(short.form, Form::Short);
}

/// Shape 7: archives outside the Russian shorthand. A document names its
/// repository and collection once with the abbreviations it uses later;
/// a later citation closes with them ("(ALFP FCA)", "ALFP FCA." as a
/// sentence of its own) or opens with them ("LC, Box 9, File 2"); the
/// pages of archival papers are page locators, and an Ibid. with pages
/// points at the document.
#[test]
fn archives_named_once_and_abbreviated_after() {
    let doc = run(&[
        "Ann Lee, letter to Bo Lund, May 3, 1921, Ann Lee Family Papers, Frost County Archives, Elm State Libraries, Duluth (ALFP FCA).",
        "Ann Lee, “Ice Notes on the Lakes,” November 5, 1931, 4 (ALFP FCA).",
        "Ibid., 6.",
        "Ann Lee, “Winter Roads,” no date, 1–3. ALFP FCA.",
        "Gray Library, Elm University, Lake Collection (henceforth LC), Box 4 (Label 2), File 3, Page 10.",
        "LC, Box 9, File 2.",
        "NARA, RG 59, Central Decimal File 611.61/3-1250.",
    ]);
    let item = |n: usize| &doc.notes[n].citations[0].item;
    assert_eq!(item(0).archive.as_deref(), Some("Frost County Archives"));
    assert_eq!(item(0).archive_place.as_deref(), Some("Duluth"));
    assert_eq!(
        item(0).archive_location.as_deref(),
        Some("Ann Lee Family Papers")
    );
    let doc2 = &doc.notes[1].citations[0];
    assert_eq!(doc2.form, Form::Full);
    assert_eq!(doc2.item.kind, ItemType::Manuscript);
    assert_eq!(doc2.item.title.as_deref(), Some("Ice Notes on the Lakes"));
    assert_eq!(doc2.item.archive.as_deref(), Some("Frost County Archives"));
    assert_eq!(doc2.item.custom.archive_abbrev.as_deref(), Some("FCA"));
    assert_eq!(
        doc2.item.archive_location.as_deref(),
        Some("Ann Lee Family Papers")
    );
    assert_eq!(doc2.locator.as_ref().unwrap().value, "4");
    assert_eq!(doc2.item.issued.as_ref().unwrap().year(), Some(1931));
    let ibid = &doc.notes[2].citations[0];
    assert_eq!(ibid.resolves_to.as_deref(), Some("2"));
    let roads = &doc.notes[3].citations;
    assert_eq!(roads.len(), 1, "the abbreviations close the citation");
    assert_eq!(
        roads[0].item.archive.as_deref(),
        Some("Frost County Archives")
    );
    assert_eq!(roads[0].locator.as_ref().unwrap().value, "1-3");
    assert_eq!(
        item(4).archive.as_deref(),
        Some("Gray Library, Elm University")
    );
    assert_eq!(
        item(4).archive_location.as_deref(),
        Some("Lake Collection, Box 4 (Label 2), File 3, Page 10")
    );
    assert_eq!(
        item(5).archive_location.as_deref(),
        Some("Lake Collection, Box 9, File 2")
    );
    assert_eq!(
        item(5).archive.as_deref(),
        Some("Gray Library, Elm University")
    );
    assert_eq!(
        item(6).archive.as_deref(),
        Some("National Archives and Records Administration")
    );
    assert_eq!(
        item(6).archive_location.as_deref(),
        Some("RG 59, Central Decimal File 611.61/3-1250")
    );
}

/// Shape 6: a quotation that ends a sentence before a citation is prose,
/// not the citation's title; "(imprint) and Name, ..." starts a second
/// citation; prose after a pinpoint ("—all of whom agree") is not part
/// of the citation; a work named by its title in prose is a citation
/// (GUIDELINE §7), an allusion without a title is not.
#[test]
fn quotations_joins_and_titles_in_prose() {
    let doc = run(&[
        "Lee praises “the piety of the lakes.” Ann Lee, Faith and Feeling (Boston: Beacon, 2001), 12.",
        "See Ann Lee, Faith and Feeling (Boston: Beacon, 2001) and Bo Lund, “Frost Lines,” in Cold Letters, ed. Cy Dunn (Oslo: Fjord, 1999), 5–9.",
        "Lee, Faith and Feeling, 40–41—all of whom make the same point.",
        "A good case is Ann Lee’s history of the lakes, Frost Lines: A Chronicle of Ice, which says little about winter.",
        "Lee’s essay says little about winter.",
    ]);
    let first = &doc.notes[0].citations;
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].item.title.as_deref(), Some("Faith and Feeling"));
    assert_eq!(first[0].item.author[0].family.as_deref(), Some("Lee"));
    let joined = &doc.notes[1].citations;
    assert_eq!(joined.len(), 2, "{joined:?}");
    assert_eq!(joined[1].item.title.as_deref(), Some("Frost Lines"));
    let dash = &doc.notes[2].citations;
    assert_eq!(dash.len(), 1);
    assert_eq!(dash[0].form, Form::Short);
    assert_eq!(dash[0].locator.as_ref().unwrap().value, "40-41");
    let prose = &doc.notes[3].citations;
    assert_eq!(prose.len(), 1);
    assert_eq!(
        prose[0].item.title.as_deref(),
        Some("Frost Lines: A Chronicle of Ice")
    );
    assert_eq!(prose[0].item.author[0].family.as_deref(), Some("Lee"));
    assert!(doc.notes[4].citations.is_empty());
}

/// A work cited by the abbreviation a note defined for it ("HSS, 371",
/// "“KM,” 2:244", "DJBP 3.9.10.1") is a short form, never dropped.
#[test]
fn abbreviations_with_pinpoints_are_short_forms() {
    let doc = run(&[
        "Ann Lee, Faith and Feeling (Boston: Beacon, 2001), 12 (henceforth FF).",
        "FF, 5.3.",
        "FFL 3.9.10.1.",
        "“FF,” 2:244.",
    ]);
    for n in 1..4 {
        let c = &doc.notes[n].citations;
        assert_eq!(c.len(), 1, "note {}", n + 1);
        assert_eq!(c[0].form, Form::Short, "note {}", n + 1);
    }
    assert_eq!(
        doc.notes[1].citations[0].locator.as_ref().unwrap().value,
        "5.3"
    );
    assert_eq!(
        doc.notes[3].citations[0].locator.as_ref().unwrap().value,
        "244"
    );
}

/// Issue 13 point 5: prose that carries a citation's marks is reported as
/// unread, never dropped; prose without them is not.
#[test]
fn prose_with_citation_marks_is_reported() {
    for text in [
        "A. Smith, Works, vol.3, Foreign Press: Moscow 1953 pp.199–200.",
        "Some shape nobody prints, but with pages 199–200 in it.",
        "A heading nobody prints, ed. Ann Lee, in a shape nobody prints.",
        "In “Frost Lines,” 12 shapes nobody prints.",
    ] {
        let doc = run(&[text]);
        let cited = !doc.notes[0].citations.is_empty();
        let reported = !doc.diagnostics.is_empty();
        assert!(
            cited && (reported || doc.notes[0].citations[0].item.title.is_some()),
            "{text}"
        );
    }
    for text in [
        "The war went on from 1917–1921 in the east.",
        "He wrote to her often; she never answered.",
    ] {
        let doc = run(&[text]);
        assert!(doc.notes[0].citations.is_empty(), "{text}");
        assert!(doc.diagnostics.is_empty(), "{text}");
    }
}

/// Shape 6: prose that ends in a signal inside a segment ("A short account
/// is found in", "The story appears in", "Compare the English translation
/// in", "..., see, for example,", "On the word “thaw,” see") or opens it
/// ("Translation from"): the prose is the prefix, the citation starts at
/// the names.
#[test]
fn prose_that_ends_in_a_signal_is_a_prefix() {
    let doc = run(&[
        "Lakes were charted early. A short account of the charts is found in Ann Lee, Frost Lines: A Chronicle (Dover: Pinecone, 1999).",
        "Reference to the old survey appears in Bo Lund and Cy Dunn, eds., The Survey Papers (Leeds: Quay, 2004), 17.",
        "Translation from Di Moss, The Winter Psalms: Book Two (Oslo: Fjord Press, 2011), 82.",
        "Compare the uncredited English translation in Eli Roe, Thaw and Return (Elm, 1970), 78.",
        "Thaw has been studied in depth, see, for example, Fay Holt, Thaw in the North (Cham: Elm, 2017).",
        "On the word “thaw,” see Gus Park, “The Thaw Word,” June 2, 2020, https://example.org/thaw.",
    ]);
    let first = |n: usize| &doc.notes[n].citations[0];
    let expect = [
        ("Lee", "Frost Lines: A Chronicle"),
        ("", "The Survey Papers"),
        ("Moss", "The Winter Psalms: Book Two"),
        ("Roe", "Thaw and Return"),
        ("Holt", "Thaw in the North"),
        ("Park", "The Thaw Word"),
    ];
    for (n, (family, title)) in expect.iter().enumerate() {
        let c = first(n);
        assert_eq!(c.form, Form::Full, "note {}", n + 1);
        assert_eq!(c.item.title.as_deref(), Some(*title), "note {}", n + 1);
        let author = c.item.author.first().map(|a| a.sort_key().to_string());
        if family.is_empty() {
            assert!(c.item.author.is_empty(), "note {}: {:?}", n + 1, c.item);
        } else {
            assert_eq!(author.as_deref(), Some(*family), "note {}", n + 1);
        }
        assert!(c.prefix.is_some(), "note {}", n + 1);
    }
    assert_eq!(first(1).item.editor.len(), 2);
}
