//! Item kinds other than plain books and articles, and the pinpoints
//! printed with them (issue 14 shapes 5 and 8): web pages, speeches,
//! theses, special issues, unpublished papers, and locators with remarks,
//! named divisions and section numbers. Every example is made up.

use ibid::model::Document;
use ibid::model::{Form, ItemType, LocatorLabel};

#[path = "support/notes.rs"]
mod notes;

fn run(notes: &[&str]) -> Document {
    notes::convert_numbered("kinds.txt", notes)
}

fn locator(doc: &Document, note: usize, k: usize) -> (String, LocatorLabel) {
    let c = &doc.notes[note].citations[k];
    let l = c.locator.as_ref().unwrap_or_else(|| panic!("{c:?}"));
    (l.value.clone(), l.label)
}

/// Pinpoints followed by what the note says about them ("31, 47,
/// respectively", "3:112, emphasis mine", "12–14, 20–22, and elsewhere"):
/// the remark is not part of the pages.
#[test]
fn remarks_after_the_pages_are_not_pages() {
    let doc = run(&[
        "Cy Dunn, The Winter Ledger (Dover: Pinecone, 2004), 31, 47, respectively.",
        "Cy Dunn, The Winter Ledger, trans. Bo Lund (Dover: Pinecone, 2004), 3:112, emphasis mine.",
        "Cy Dunn, The Summer Ledger (Dover: Pinecone, 2006), 12–14, 20–22, and elsewhere.",
        "Dunn, Summer Ledger, 40 (emphasis added).",
    ]);
    assert_eq!(
        locator(&doc, 0, 0),
        ("31, 47".to_string(), LocatorLabel::Page)
    );
    assert_eq!(locator(&doc, 1, 0), ("112".to_string(), LocatorLabel::Page));
    assert_eq!(doc.notes[1].citations[0].item.volume.as_deref(), Some("3"));
    assert_eq!(
        locator(&doc, 2, 0),
        ("12-14, 20-22".to_string(), LocatorLabel::Page)
    );
    assert_eq!(locator(&doc, 3, 0), ("40".to_string(), LocatorLabel::Page));
    assert_eq!(doc.notes[3].citations[0].resolves_to.as_deref(), Some("3"));
}

/// A work cited by the abbreviation a note defined for it, then a named
/// division ("TFC Preface, 4") or the section numbers of a classical text
/// ("TFC 2.3.1, 2.3.4"): a short form with the pinpoint as printed.
#[test]
fn abbreviations_with_divisions_and_sections() {
    let doc = run(&[
        "Bo Lund, The Frost Code (Dover: Pinecone, 1990), 5 (henceforth TFC).",
        "TFC Prolegomena, 14.",
        "TFC 2.3.1, 2.3.4, 2.5.",
        "TFC Preface, 4–6.",
    ]);
    for n in 1..4 {
        let c = &doc.notes[n].citations[0];
        assert_eq!(c.form, Form::Short, "note {}", n + 1);
        assert_eq!(c.resolves_to.as_deref(), Some("1"), "note {}", n + 1);
        assert_eq!(c.item.kind, ItemType::Book);
    }
    assert_eq!(
        locator(&doc, 1, 0),
        ("Prolegomena, 14".to_string(), LocatorLabel::Paragraph)
    );
    assert_eq!(
        locator(&doc, 2, 0),
        ("2.3.1, 2.3.4, 2.5".to_string(), LocatorLabel::Section)
    );
    assert_eq!(
        locator(&doc, 3, 0),
        ("Preface, 4-6".to_string(), LocatorLabel::Page)
    );
}

/// Web pages (GUIDELINE §2): a title with its date and address, an
/// article of a site that is no newspaper (no periodical word in its
/// name, no volume), the site followed by the body that runs it, a date
/// of reading after the address ("(accessed ...)", ", accessed ..."), and
/// a page no other grammar reads ("Names, Title (1999), Site, URL"). A
/// newspaper read online stays a newspaper article.
#[test]
fn web_pages() {
    let doc = run(&[
        "Ann Lee, “On the Shape of Frost,” March 3, 2019, https://example.org/frost/12.",
        "Bo Lund, “Winter Comes Early to the Lakes,” Frost Radio Network, October 2, 2020, https://example.org/2020/10/02/winter.",
        "Cy Dunn, “The Ice Book Club,” ICE Blog, Center for Winter Studies, May 4, 2015, https://example.org/ice-club/ (accessed June 1, 2016).",
        "Ann Lee and Bo Lund, Frost Charter III (1981), Lake Heritage Society, https://example.org/charter3/, accessed May 5, 2022.",
        "Di Moss, “Thaw Ahead,” Dover Evening Herald, April 9, 2021, https://example.org/herald/thaw.",
    ]);
    let item = |n: usize| &doc.notes[n].citations[0].item;
    for n in 0..4 {
        assert_eq!(item(n).kind, ItemType::Webpage, "note {}", n + 1);
        assert_eq!(doc.notes[n].citations[0].form, Form::Full);
    }
    assert_eq!(item(0).title.as_deref(), Some("On the Shape of Frost"));
    assert_eq!(
        item(1).container_title.as_deref(),
        Some("Frost Radio Network")
    );
    assert_eq!(item(2).container_title.as_deref(), Some("ICE Blog"));
    assert_eq!(
        item(2).publisher.as_deref(),
        Some("Center for Winter Studies")
    );
    assert_eq!(item(2).accessed.as_ref().unwrap().year(), Some(2016));
    assert_eq!(
        item(2).url.as_deref(),
        Some("https://example.org/ice-club/")
    );
    let charter = item(3);
    assert_eq!(charter.author.len(), 2);
    assert_eq!(charter.title.as_deref(), Some("Frost Charter III"));
    assert_eq!(charter.issued.as_ref().unwrap().year(), Some(1981));
    assert_eq!(
        charter.container_title.as_deref(),
        Some("Lake Heritage Society")
    );
    assert_eq!(charter.accessed.as_ref().unwrap().year(), Some(2022));
    assert_eq!(item(4).kind, ItemType::ArticleNewspaper);
}

/// Speeches and lectures (GUIDELINE §7: `paper-conference`): described
/// after the title ("lecture presented at Elm College, Dover, NH, May 5,
/// 1990", the genre, event and place), given at a gathering printed
/// where a periodical would be ("Lake Assembly"), a speech title with
/// the body it was given at ("Elm University"), or a title that names
/// the speech and its venue.
#[test]
fn speeches_and_lectures() {
    let doc = run(&[
        "Ann Lee, “Frost and Fire, Again,” lecture presented at Elm College, Dover, NH, May 5, 1990, text dated April 2, 1990, 11.",
        "Bo Lund, “Notes for the Winter,” Lake Assembly, October 4, 1983, 4.",
        "Cy Dunn, “Address of the Rector on the Longest Night,” Elm University, December 21, 1997, https://example.org/rector.",
        "Di Moss, “Against the Thaw: A Lecture at the Lake Club in Dover,” June 1, 2017, https://example.org/thaw.",
    ]);
    let item = |n: usize| &doc.notes[n].citations[0].item;
    for n in 0..4 {
        assert_eq!(item(n).kind, ItemType::PaperConference, "note {}", n + 1);
    }
    let lecture = item(0);
    assert_eq!(lecture.genre.as_deref(), Some("lecture"));
    assert_eq!(lecture.title.as_deref(), Some("Frost and Fire, Again"));
    assert_eq!(lecture.event_title.as_deref(), Some("Elm College"));
    assert_eq!(lecture.event_place.as_deref(), Some("Dover, NH"));
    assert_eq!(lecture.issued.as_ref().unwrap().year(), Some(1990));
    assert_eq!(locator(&doc, 0, 0), ("11".to_string(), LocatorLabel::Page));
    assert_eq!(item(1).event_title.as_deref(), Some("Lake Assembly"));
    assert_eq!(item(1).container_title, None);
    assert_eq!(item(2).event_place.as_deref(), Some("Elm University"));
    assert_eq!(item(2).url.as_deref(), Some("https://example.org/rector"));
    assert_eq!(item(3).url.as_deref(), Some("https://example.org/thaw"));
}

/// A work the note's author announces ("... in my forthcoming Frost Lines:
/// A Chronicle (Dover: Pinecone, 2031)"): the prose is the prefix, the
/// work is full with `status` "forthcoming" (GUIDELINE §3).
#[test]
fn forthcoming_work_in_prose() {
    let doc = run(&[
        "The lakes froze early that year. I trace the charts in more detail in my forthcoming Frost Lines: A Chronicle (Dover: Pinecone, 2031).",
    ]);
    let c = &doc.notes[0].citations[0];
    assert_eq!(c.form, Form::Full);
    assert_eq!(c.item.title.as_deref(), Some("Frost Lines: A Chronicle"));
    assert_eq!(c.item.status.as_deref(), Some("forthcoming"));
    assert_eq!(c.item.publisher.as_deref(), Some("Pinecone"));
}
