//! Periodicals and locators through the whole pipeline: the ways notes
//! print a journal's volume and issue, the span of an article beside the
//! page cited, newspapers, web pages, speeches, theses, and the pinpoints
//! of classical texts. Every example is made up; each row is one shape.

use ibid::model::Document;
use ibid::model::{Citation, Form, ItemType};

#[path = "support/notes.rs"]
mod notes;

fn run(notes: &[&str]) -> Document {
    notes::convert_numbered("periodicals.txt", notes)
}

/// The one citation of a one-note document.
fn only(note: &str) -> Citation {
    let doc = run(&[note]);
    let cits = &doc.notes[0].citations;
    assert_eq!(cits.len(), 1, "{note}: {cits:#?}");
    cits[0].clone()
}

/// What a row expects of an article: container, volume, issue, the date
/// parts, the article's span and the pinpoint.
struct Article {
    container: &'static str,
    volume: Option<&'static str>,
    issue: Option<&'static str>,
    date: Vec<Vec<i32>>,
    page: Option<&'static str>,
    locator: Option<&'static str>,
}

fn check(note: &str, want: Article) {
    let c = only(note);
    assert_eq!(c.form, Form::Full, "{note}");
    let item = &c.item;
    assert!(
        matches!(
            item.kind,
            ItemType::ArticleJournal | ItemType::ArticleMagazine | ItemType::ArticleNewspaper
        ),
        "{note}: {:?}",
        item.kind
    );
    assert_eq!(
        item.container_title.as_deref(),
        Some(want.container),
        "{note}"
    );
    assert_eq!(item.volume.as_deref(), want.volume, "{note}");
    assert_eq!(item.issue.as_deref(), want.issue, "{note}");
    assert_eq!(
        item.issued.as_ref().map(|d| d.date_parts.clone()),
        Some(want.date).filter(|d| !d.is_empty()),
        "{note}"
    );
    assert_eq!(item.page.as_deref(), want.page, "{note}");
    assert_eq!(
        c.locator.as_ref().map(|l| l.value.as_str()),
        want.locator,
        "{note}"
    );
}

#[test]
fn journal_numbers_in_every_print() {
    let rows = [
        // Volume.issue, volume:issue, issue in parentheses.
        (
            "Ada Frost, “Ice and Fire,” Polar Studies 41.2 (2019): 33–50.",
            ("Polar Studies", Some("41"), Some("2"), vec![vec![2019]]),
            (None, Some("33-50")),
        ),
        (
            "Ada Frost, “Ice and Fire,” Review of Glaciers 112:3 (March 2020): 7–19.",
            (
                "Review of Glaciers",
                Some("112"),
                Some("3"),
                vec![vec![2020, 3]],
            ),
            (None, Some("7-19")),
        ),
        (
            "Ada Frost, “Ice and Fire,” Cold Inquiry 6(3): 101–140.",
            ("Cold Inquiry", Some("6"), Some("3"), vec![]),
            (None, Some("101-140")),
        ),
        (
            "Ada Frost, “Ice and Fire,” Cold Inquiry 21 (4) (2003): 5–9.",
            ("Cold Inquiry", Some("21"), Some("4"), vec![vec![2003]]),
            (None, Some("5-9")),
        ),
        // A date in brackets, then the page after a comma.
        (
            "Ada Frost, “Ice and Fire.” Frozen Letters 2.1 [2018], 12.",
            ("Frozen Letters", Some("2"), Some("1"), vec![vec![2018]]),
            (None, Some("12")),
        ),
        // A double issue printed with a slash.
        (
            "Ada Frost, “Ice and Fire,” Polar Studies 30, no. 5/6 (1999): 70–81.",
            ("Polar Studies", Some("30"), Some("5-6"), vec![vec![1999]]),
            (None, Some("70-81")),
        ),
        // No-break spaces as word processors print them.
        (
            "Ada Frost, “Ice and Fire,” Polar\u{a0}Studies\u{a0}8, no.\u{a0}4 (1977): 1–20.",
            ("Polar Studies", Some("8"), Some("4"), vec![vec![1977]]),
            (None, Some("1-20")),
        ),
        // The article's span, then the page cited.
        (
            "Ada Frost, “Ice and Fire,” Polar Studies 12 (1990): 410–460, at 433.",
            ("Polar Studies", Some("12"), None, vec![vec![1990]]),
            (Some("410-460"), Some("433")),
        ),
        (
            "Ada Frost, “Ice and Fire,” Polar Studies 12, no. 2 (1990): 301–25, 310–311.",
            ("Polar Studies", Some("12"), Some("2"), vec![vec![1990]]),
            (Some("301-25"), Some("310-311")),
        ),
        (
            "Ada Frost, “Ice and Fire,” Polar Studies 12 (1990): 410–460, esp. 420.",
            ("Polar Studies", Some("12"), None, vec![vec![1990]]),
            (Some("410-460"), Some("420")),
        ),
        // A remark on the quotation after the page cited.
        (
            "Ada Frost, “Ice and Fire,” trans. Cy Moss, Polar Studies 49, no. 1–2 (2005): 27, emphasis mine.",
            ("Polar Studies", Some("49"), Some("1-2"), vec![vec![2005]]),
            (None, Some("27")),
        ),
        (
            "Ada Frost, “Ice and Fire,” Polar Studies 7 (1990): 5, emphasis in original, translation modified.",
            ("Polar Studies", Some("7"), None, vec![vec![1990]]),
            (None, Some("5")),
        ),
        // An issue dated to the day.
        (
            "Ada Frost, “Ice and Fire,” Polar Studies 19, no. 1 (February 1, 2008): 216–219, 220–222.",
            ("Polar Studies", Some("19"), Some("1"), vec![vec![2008, 2, 1]]),
            (None, Some("216-219, 220-222")),
        ),
        // A web address and a DOI after the date.
        (
            "Ada Frost, “Ice and Fire,” Polar Studies 13:3 (2018), http://example.org/ps/13718, DOI: 10.4000/ps.13718.",
            ("Polar Studies", Some("13"), Some("3"), vec![vec![2018]]),
            (None, None),
        ),
        // An article whose title lost its italics: the periodical is the
        // last chunk before the volume and date.
        (
            "Ada Frost, Ice and Fire: On Thaw, trans. Cy Moss, S.J., Polar Studies 28 (1983): 19, 25, respectively.",
            ("Polar Studies", Some("28"), None, vec![vec![1983]]),
            (None, Some("19, 25")),
        ),
        // "esp." before the only pages printed.
        (
            "Ada Frost, “Ice and Fire,” Polar Studies 12, no. 2–3 (1990): esp. 44–46.",
            ("Polar Studies", Some("12"), Some("2-3"), vec![vec![1990]]),
            (None, Some("44-46")),
        ),
    ];
    for (note, (container, volume, issue, date), (page, locator)) in rows {
        check(
            note,
            Article {
                container,
                volume,
                issue,
                date,
                page,
                locator,
            },
        );
    }
}

#[test]
fn an_issue_without_a_date_after_a_short_title_is_a_short_form() {
    let doc = run(&[
        "Ada Frost, “Ice and Fire in the North,” Polar Studies, No. 2 (1990), p. 7.",
        "Frost, “Ice and Fire,” Polar Studies, No. 2, p. 9.",
    ]);
    let short = &doc.notes[1].citations[0];
    assert_eq!(short.form, Form::Short);
    assert_eq!(short.resolves_to.as_deref(), Some("1"));
}

#[test]
fn a_short_form_keeps_the_span_and_cites_its_page() {
    let doc = run(&[
        "Ada Frost, “Ice and Fire,” Polar Studies 12 (1990): 410–460, at 433.",
        "Frost, “Ice and Fire,” 440.",
    ]);
    let short = &doc.notes[1].citations[0];
    assert_eq!(short.resolves_to.as_deref(), Some("1"));
    assert_eq!(short.item.page.as_deref(), Some("410-460"));
    assert_eq!(short.locator.as_ref().unwrap().value, "440");
}

#[test]
fn pages_as_printed_and_sections_of_classical_texts() {
    let rows = [
        // A list printed with commas is not a range.
        (
            "Ada Frost, The Long Winter (London: Kite, 1990), 88, 89.",
            "88, 89",
        ),
        (
            "Ada Frost, The Long Winter (London: Kite, 1990), 5.12.",
            "5.12",
        ),
        (
            "Ada Frost, The Long Winter (London: Kite, 1990), 2.4.1–3.",
            "2.4.1-3",
        ),
        (
            "Ada Frost, The Long Winter (London: Kite, 1990), Preface, 4.",
            "Preface, 4",
        ),
        (
            "Ada Frost, The Long Winter (London: Kite, 1990), Book 3, Chapter 8.",
            "Book 3, Chapter 8",
        ),
    ];
    for (note, locator) in rows {
        let c = only(note);
        assert_eq!(c.locator.as_ref().unwrap().value, locator, "{note}");
    }
}

#[test]
fn a_special_issue_names_its_editor_and_its_kind() {
    let c =
        only("Ada Frost, Jr., ed., “Ice and Fire,” special issue, Polar Studies 12 (1998): 1–738.");
    assert_eq!(c.item.kind, ItemType::ArticleJournal);
    assert_eq!(c.item.genre.as_deref(), Some("special issue"));
    assert_eq!(c.item.container_title.as_deref(), Some("Polar Studies"));
    assert!(c.item.author.is_empty());
    assert_eq!(c.item.editor[0].family.as_deref(), Some("Frost"));
    assert_eq!(c.item.editor[0].suffix.as_deref(), Some("Jr."));
}

#[test]
fn links_inside_a_citation_go_on_the_work() {
    let c = only("Ada Frost, “Ice and Fire,” Polar Studies 13:3 (2018), http://example.org/ps/13718, DOI: 10.4000/ps.13718.");
    assert_eq!(c.item.url.as_deref(), Some("http://example.org/ps/13718"));
    assert_eq!(c.item.doi.as_deref(), Some("10.4000/ps.13718"));
}

#[test]
fn an_unquoted_article_title_keeps_its_translator_and_his_order() {
    let c = only(
        "Ada Frost, Ice and Fire: On Thaw, trans. Cy Moss, S.J., Polar Studies 28 (1983): 19.",
    );
    assert_eq!(c.item.title.as_deref(), Some("Ice and Fire: On Thaw"));
    assert_eq!(c.item.author[0].family.as_deref(), Some("Frost"));
    assert_eq!(c.item.translator.len(), 1);
    assert_eq!(c.item.translator[0].family.as_deref(), Some("Moss"));
    assert_eq!(c.item.translator[0].suffix.as_deref(), Some("S.J."));
}
