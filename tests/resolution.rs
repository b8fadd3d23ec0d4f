//! Resolution of back-references (GUIDELINE §§5-7), each shape with a
//! made-up example: abbreviations a note defines, cross-references to
//! notes, chains, quoted and italic titles, ambiguity, op. cit.

use ibid::model::{Form, Severity};
use ibid::Document;

/// Converts numbered notes ("[1] ...") as one document.
fn convert(notes: &[&str]) -> Document {
    let text: String = notes
        .iter()
        .enumerate()
        .map(|(i, n)| format!("[{}] {n}\n", i + 1))
        .collect();
    ibid::convert_text("resolution.txt", &text)
}

/// Form, `resolves_to` and locator of every citation, note by note.
fn resolved(doc: &Document) -> Vec<Vec<(Form, Option<String>, Option<String>)>> {
    doc.notes
        .iter()
        .map(|n| {
            n.citations
                .iter()
                .map(|c| {
                    (
                        c.form,
                        c.resolves_to.clone(),
                        c.locator.as_ref().map(|l| l.value.clone()),
                    )
                })
                .collect()
        })
        .collect()
}

fn short(to: Option<&str>, locator: Option<&str>) -> (Form, Option<String>, Option<String>) {
    (
        Form::Short,
        to.map(str::to_string),
        locator.map(str::to_string),
    )
}

#[test]
fn an_abbreviation_defined_in_a_note_resolves_its_later_uses() {
    let doc = convert(&[
        "Ann Vole, Moss and Stone: A Field Guide, trans. Bo Lund (Oslo: Fjord Press, 2001), 12. (Henceforth MS).",
        "MS, 45.",
        "Kit Hale, The Salt Road (Leeds: Quay, 1999), 3.",
        "As Vole puts it, the stones are patient (MS, 71).",
    ]);
    let notes = resolved(&doc);
    assert_eq!(notes[1], [short(Some("1"), Some("45"))]);
    assert_eq!(notes[3], [short(Some("1"), Some("71"))]);
    // The resolved item is the work the abbreviation names.
    let item = &doc.notes[1].citations[0].item;
    assert_eq!(item.title.as_deref(), Some("Moss and Stone: A Field Guide"));
}

#[test]
fn hereafter_with_section_numbers_and_uses_in_a_list() {
    let doc = convert(&[
        "Per Rask, On the Laws of Rivers, ed. Eva Mohn (Bergen: Tide, 1988), hereafter cited as LR.",
        "LR 3.9.10.1; LR 2.4.1–2.",
        "Compare the rule of weirs (cf. LR, 12; and elsewhere).",
    ]);
    let notes = resolved(&doc);
    assert_eq!(
        notes[1],
        [
            short(Some("1"), Some("3.9.10.1")),
            short(Some("1"), Some("2.4.1-2"))
        ]
    );
    assert_eq!(notes[2], [short(Some("1"), Some("12"))]);
}

#[test]
fn an_abbreviation_of_an_archival_collection_makes_no_short_forms() {
    let doc = convert(&[
        "Fjord Library, Vole Family Papers (henceforth VFP), Box 3, File 12.",
        "VFP, Box 4, File 2.",
    ]);
    assert!(doc.notes[1]
        .citations
        .iter()
        .all(|c| c.form != Form::Short || c.resolves_to.is_none()));
}

#[test]
fn a_cross_reference_to_a_note_is_a_short_form_of_its_work() {
    let doc = convert(&[
        "Ann Vole, Moss and Stone (Oslo: Fjord Press, 2001), 12.",
        "Kit Hale, The Salt Road (Leeds: Quay, 1999), 3.",
        "See note 1 above. See also Per Rask, Rivers (Bergen: Tide, 1988), 4.",
    ]);
    let notes = resolved(&doc);
    assert_eq!(notes[2].len(), 2);
    assert_eq!(notes[2][0], short(Some("1"), None));
    assert_eq!(notes[2][1].0, Form::Full);
    // A page's note in a locator is not a cross-reference.
    let doc = convert(&[
        "Ann Vole, Moss and Stone (Oslo: Fjord Press, 2001), 12.",
        "Vole, Moss and Stone, 45 n. 1.",
    ]);
    assert_eq!(doc.notes[1].citations.len(), 1);
}

#[test]
fn a_chain_resolves_to_the_original_full_citation() {
    let doc = convert(&[
        "Ann Vole, Moss and Stone (Oslo: Fjord Press, 2001), 12.",
        "Vole, Moss and Stone, 14.",
        "Ibid., 15.",
        "Vole, Moss, 16.",
        "Ibid.",
    ]);
    let notes = resolved(&doc);
    for n in &notes[1..] {
        assert_eq!(n[0].1.as_deref(), Some("1"), "{notes:?}");
    }
}

#[test]
fn a_quoted_short_title_prefers_the_article_over_the_book() {
    let doc = convert(&[
        "Oskar Dahl, “Winter Roads,” Journal of Snow 4, no. 2 (1990): 10–30, 12.",
        "Oskar Dahl, Winter Roads (Dover: Pinecone, 2001), 7.",
        "Dahl, “Winter Roads,” 14.",
        "Dahl, Winter Roads, 9.",
    ]);
    let notes = resolved(&doc);
    assert_eq!(notes[2][0].1.as_deref(), Some("1"));
    assert_eq!(notes[3][0].1.as_deref(), Some("2"));
}

#[test]
fn two_works_that_fit_equally_are_not_guessed_between() {
    let doc = convert(&[
        "Oskar Dahl, Winter Roads: A History (Dover: Pinecone, 2001), 7.",
        "Oskar Dahl, Winter Roads and Rivers (Dover: Pinecone, 2005), 8.",
        "Dahl, Winter Roads, 9.",
    ]);
    assert_eq!(resolved(&doc)[2], [short(None, Some("9"))]);
    let warning = doc
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning && d.note == "3")
        .expect("a warning for note 3");
    assert!(
        warning.message.contains('1') && warning.message.contains('2'),
        "{}",
        warning.message
    );
}

#[test]
fn two_editions_cited_in_one_note_leave_no_doubt_about_the_note() {
    let doc = convert(&[
        "Oskar Dahl, Winter Roads (Dover: Pinecone, 1901), 7; Oskar Dahl, Winter Roads, ed. Ann Hill (Dover: Pinecone, 1995), 8.",
        "Dahl, Winter Roads, 9.",
    ]);
    assert_eq!(resolved(&doc)[1], [short(Some("1"), Some("9"))]);
}

#[test]
fn op_cit_points_to_the_authors_latest_work() {
    let doc = convert(&[
        "Oskar Dahl, Winter Roads (Dover: Pinecone, 2001), 7.",
        "Oskar Dahl, Summer Rivers (Dover: Pinecone, 2005), 8.",
        "Dahl, op. cit., 9.",
    ]);
    assert_eq!(resolved(&doc)[2], [short(Some("2"), Some("9"))]);
}

#[test]
fn a_work_never_cited_in_full_stays_unresolved_and_so_do_its_repeats() {
    let doc = convert(&[
        "Oskar Dahl, Winter Roads (Dover: Pinecone, 2001), 7.",
        "Hale, Salt Road, 4.",
        "Ibid., 5.",
        "Hale, Salt Road, 6.",
    ]);
    let notes = resolved(&doc);
    assert_eq!(notes[1], [short(None, Some("4"))]);
    assert_eq!(notes[2][0].0, Form::Ibid);
    assert_eq!(notes[2][0].1.as_deref(), Some("2"));
    assert_eq!(notes[3], [short(None, Some("6"))]);
}

#[test]
fn uses_inside_a_citation_after_a_signal_are_short_forms_of_their_own() {
    let doc = convert(&[
        "Per Rask, On the Laws of Rivers (Bergen: Tide, 1988), 2. (Henceforth LR.)",
        "Kit Hale, The Salt Road (Leeds: Quay, 1999), 41–42, citing LR 3.9.4.2.",
        "LR Prologue, 11.",
    ]);
    let notes = resolved(&doc);
    assert_eq!(notes[1].len(), 2, "{notes:?}");
    assert_eq!(notes[1][0].0, Form::Full);
    assert_eq!(notes[1][1], short(Some("1"), Some("3.9.4.2")));
    assert_eq!(notes[2][0].1.as_deref(), Some("1"));
}

#[test]
fn ibid_as_a_container_is_the_previous_citations_book() {
    let doc = convert(&[
        "Ann Vole, “Lichens,” in The Book of Stones, ed. Kit Hale (Oslo: Fjord Press, 2001), 10–20.",
        "Bo Lund, “Mosses,” ibid., 30–35.",
        "“The stones wait for no one.” Ibid.",
    ]);
    let mosses = &doc.notes[1].citations[0];
    assert_eq!(mosses.form, Form::Full);
    assert_eq!(
        mosses.item.container_title.as_deref(),
        Some("The Book of Stones")
    );
    assert_eq!(mosses.item.publisher.as_deref(), Some("Fjord Press"));
    let quoted = &doc.notes[2].citations[0];
    assert_eq!(quoted.form, Form::Ibid);
    assert_eq!(quoted.resolves_to.as_deref(), Some("2"));
}

#[test]
fn sender_to_recipient_is_a_short_form_of_their_letter() {
    let doc = convert(&[
        "Ann Vole letter to Kit Hale, March 3, 1961, 2 (Vole Papers).",
        "Oskar Dahl, Winter Roads (Dover: Pinecone, 2001), 7.",
        "Vole to Hale, 1–2.",
    ]);
    assert_eq!(resolved(&doc)[2], [short(Some("1"), Some("1-2"))]);
}

#[test]
fn a_citation_read_in_part_that_prints_a_date_is_full_not_a_short_form() {
    // The grammar cannot read the imprint ("c. 1998" after a quoted
    // title), but a date is what no short form repeats.
    let doc = convert(&[
        "Mira Tallow Quince, “Remembering the Orchard Years,” c. 1998.",
        "Quince, “Orchard Years,” 4.",
    ]);
    let notes = resolved(&doc);
    assert_eq!(notes[0].len(), 1);
    assert_eq!(notes[0][0].0, Form::Full);
    assert_eq!(notes[0][0].1, None);
    assert_eq!(notes[1], [short(Some("1"), Some("4"))]);
}

#[test]
fn a_short_form_repeating_given_names_and_subtitle_stays_short() {
    let doc = convert(&[
        "Ivo Pell, “Roots and Stems: A Short Survey,” in The Garden Book, ed. Ana Fir (Leeds: Quay, 2010), 5.",
        "Ivo Pell, “Roots and Stems: A Short Survey,” 9.",
    ]);
    assert_eq!(resolved(&doc)[1], [short(Some("1"), Some("9"))]);
}

#[test]
fn a_family_name_misspelled_by_one_letter_still_finds_its_work() {
    let doc = convert(&[
        "Tamsin Greaves, “The Paradox of Tides: Salt, Moon and Measure,” Coastal Review 4, no. 2 (2003): 10–30.",
        "Graves, “Paradox of Tides,” 12.",
        // Too short a name to tell a slip from another person.
        "Al Ryn, The Lamp (Leeds: Quay, 1990), 3.",
        "Rin, Lamp, 4.",
    ]);
    let notes = resolved(&doc);
    assert_eq!(notes[1], [short(Some("1"), Some("12"))]);
    assert_eq!(notes[3], [short(None, Some("4"))]);
}

#[test]
fn an_authors_own_chapter_cited_without_a_name_is_found_by_its_title() {
    let doc = convert(&[
        "Much here is taken from my introduction, “A Lantern in Fog: Two Letters,” in Ora Pine, Letters from the Ferry (Leeds: Quay, 2020), 1–20.",
        "Marlow, “Lantern,” 9.",
    ]);
    assert_eq!(resolved(&doc)[1], [short(Some("1"), Some("9"))]);
}

#[test]
fn a_near_name_matching_two_works_is_not_guessed_between() {
    let doc = convert(&[
        "Tamsin Greaves, “Tides of the North,” Coastal Review 4, no. 2 (2003): 10–30.",
        "Tomas Graver, “Northern Tides,” Harbour Studies 9 (2011): 1–9.",
        "Graves, “Tides,” 12.",
    ]);
    assert_eq!(resolved(&doc)[2], [short(None, Some("12"))]);
}

#[test]
fn a_short_form_ending_a_sentence_of_prose_resolves() {
    let doc = convert(&[
        "Oda Marsh, Lanterns, trans. Piet Wold (Leeds: Quay, 1990), 5.",
        "Ilse Fenn, The Weight of Water: Essays on Rain (Leeds: Quay, 2001), 7.",
        "I have slightly altered the wording given in Marsh, Lanterns, 71.",
        "For a short account of her method, see above all Weight of Water, 12.",
    ]);
    let notes = resolved(&doc);
    assert_eq!(notes[2].last().map(|c| c.1.clone()), Some(Some("1".into())));
    assert_eq!(notes[3].last().map(|c| c.1.clone()), Some(Some("2".into())));
}

#[test]
fn prose_ending_in_words_two_works_share_is_not_resolved() {
    let doc = convert(&[
        "Oda Marsh, Rain Songs (Leeds: Quay, 1990), 5.",
        "Ilse Fenn, Rain Songs of the North (Leeds: Quay, 2001), 7.",
        "For a short account of the genre, see above all Rain Songs, 12.",
    ]);
    let last = resolved(&doc)[2].last().cloned().unwrap();
    assert_eq!(last.1, None);
}

#[test]
fn ibid_after_further_reading_refers_to_the_work_the_note_cites() {
    let doc = convert(&[
        "Una Wren, “On Ferns,” Botany Now 3, no. 1 (2001): 1–9. See further Cal Hurst, Green Shade (Leeds: Quay, 1999).",
        "Ibid., 4.",
        // Without a further-reading signal, Ibid. is the last work cited.
        "Una Wren, Moss (Leeds: Quay, 2005), 2; Cal Hurst, Bark (Leeds: Quay, 2007), 8.",
        "Ibid., 9.",
    ]);
    let notes = resolved(&doc);
    assert_eq!(notes[1][0].1.as_deref(), Some("1"));
    let title = doc.notes[1].citations[0].item.title.as_deref();
    assert_eq!(title, Some("On Ferns"));
    let title = doc.notes[3].citations[0].item.title.as_deref();
    assert_eq!(title, Some("Bark"));
}

#[test]
fn a_short_form_with_et_al_and_eds_set_off_by_commas_keeps_its_name() {
    let doc = convert(&[
        "Ola Brenn, Tam Hode, and Vik Sund, “Salt and Iron (1890): Two Lectures Given in Bergen,” Northern Review 12, no. 1 (2015): 40–70, 44.",
        "Brenn, et al., eds. “Salt,” 51–52.",
    ]);
    assert_eq!(resolved(&doc)[1], [short(Some("1"), Some("51-52"))]);
}

#[test]
fn a_short_form_whose_pages_end_in_and_passim_is_read() {
    let doc = convert(&[
        "Rhea Dunmore, The Long Winter of the Guilds (Leeds: Quay, 2014), 3.",
        "On this demand, see Dunmore, Long Winter of the Guilds, 24–25 and passim.",
    ]);
    assert_eq!(resolved(&doc)[1], [short(Some("1"), Some("24-25"))]);
}

#[test]
fn two_articles_joined_by_and_after_pages_are_two_citations() {
    let doc = convert(&[
        "Two studies are Mara Quist, “Salt Roads of the North,” Coastal Review 9, no. 2 (1991): 35–51 and Evan T. Hollis, “Ferries and Faith,” in Tom Reed, ed., The Harbour Book (Leeds: Quay, 2002), 5–17.",
        "Hollis, “Ferries,” 9.",
    ]);
    let titles: Vec<_> = doc.notes[0]
        .citations
        .iter()
        .map(|c| c.item.title.clone().unwrap_or_default())
        .collect();
    assert_eq!(titles, ["Salt Roads of the North", "Ferries and Faith"]);
    assert_eq!(resolved(&doc)[1], [short(Some("1"), Some("9"))]);
}

#[test]
fn a_name_and_a_quoted_title_with_no_page_is_a_short_form_of_the_whole_work() {
    let doc = convert(&[
        "Ilka Marr, “Tidewater Law: Grounding Custom in the Northern Ports,” in The Harbour Book, ed. Tom Reed (Leeds: Quay, 2002), 5–17.",
        "For work on custom, see Marr, “Tidewater Law: Grounding Custom in the Northern Ports.”",
        // A quoted sentence after a name is not a title.
        "Marr, “we shall go on to the sea, whatever comes.”",
    ]);
    assert_eq!(resolved(&doc)[1], [short(Some("1"), None)]);
    assert!(doc.notes[2].citations.is_empty());
}

#[test]
fn a_chicago_note_quoting_a_russian_title_is_cut_into_sentences() {
    let doc = convert(&[
        "Ivo Strand, Lantern Hours: Essays (Leeds: Quay, 2010), 4.",
        "Pavel Lesnoi, “Записка о летних работах на озере,” Север 12 (1931): 17. On this memo, see Strand, Lantern Hours, 40–42.",
    ]);
    let note = &doc.notes[1].citations;
    assert_eq!(note.len(), 2);
    assert_eq!(note[0].item.container_title.as_deref(), Some("Север"));
    assert_eq!(note[0].item.volume.as_deref(), Some("12"));
    assert_eq!(resolved(&doc)[1][1], short(Some("1"), Some("40-42")));
}

#[test]
fn an_abbreviation_defined_again_names_its_latest_work() {
    // A book that defines the same abbreviation in two chapters for two
    // works: a use names the work of the latest definition before it, and
    // another abbreviation defined in between is still known.
    let doc = convert(&[
        "Per Rask, On the Laws of Rivers (Bergen: Tide, 1988), 2. (Henceforth LR.)",
        "Kit Hale, The Salt Road (Leeds: Quay, 1999), 4. (Henceforth SR.)",
        "LR, 5.",
        "Ida Moss, Lakes and Rivers (Oslo: Fjord Press, 2004), 7. (Henceforth LR.)",
        "LR, 8.",
        "SR, 9.",
    ]);
    let notes = resolved(&doc);
    assert_eq!(notes[2], [short(Some("1"), Some("5"))]);
    assert_eq!(notes[4], [short(Some("4"), Some("8"))]);
    assert_eq!(notes[5], [short(Some("2"), Some("9"))]);
}

/// An author with dozens of works: short forms are looked up through an
/// index by name and title (src/resolve/named.rs), which must find what
/// reading every work of hers finds. The one work a short title begins
/// is found; two works it begins equally stay a guess not made, the
/// warning naming both notes; op. cit. is her latest work. (The same
/// answers as before the index.)
#[test]
fn an_author_of_many_works_is_resolved_as_one_of_a_few() {
    let firsts = ["Silent", "Copper", "Winter", "Salt", "Drowned", "Northern"];
    let seconds = ["Harbors", "Bells", "Orchards", "Lanterns", "Marshes"];
    let mut notes: Vec<String> = Vec::new();
    for (i, first) in firsts.iter().enumerate() {
        for (j, second) in seconds.iter().enumerate() {
            notes.push(format!(
                "Ida Quillfeather, {first} {second} of the Coast (Leeds: Quay, {}), 3.",
                1950 + 5 * i + j
            ));
        }
    }
    let full = notes.len();
    notes.push("Ida Quillfeather, Tidal Clocks: The Early Years (Leeds: Quay, 2001), 5.".into());
    notes.push("Ida Quillfeather, Tidal Clocks: The Late Years (Leeds: Quay, 2004), 6.".into());
    notes.push("Quillfeather, Copper Bells, 12.".into());
    notes.push("Quillfeather, op. cit., 9.".into());
    notes.push("Quillfeather, Tidal Clocks, 4.".into());
    let text: Vec<&str> = notes.iter().map(String::as_str).collect();
    let doc = convert(&text);
    let notes = resolved(&doc);
    // "Copper Bells of the Coast" is note 7 (Copper, then Bells).
    assert_eq!(notes[full + 2], [short(Some("7"), Some("12"))]);
    let (early, late) = ((full + 1).to_string(), (full + 2).to_string());
    assert_eq!(notes[full + 3], [short(Some(&late), Some("9"))]);
    assert_eq!(notes[full + 4], [short(None, Some("4"))]);
    let clocks = (full + 5).to_string();
    let warning = doc
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning && d.note == clocks)
        .expect("a warning for the Tidal Clocks short form");
    assert!(
        warning.message.contains(&format!("({early}, {late})")),
        "{}",
        warning.message
    );
}

#[test]
fn an_author_s_initials_tell_namesakes_apart() {
    // "Указ. соч." after an author with initials points to that person's
    // work: not to the work of a namesake with other initials, which
    // leaves it unresolved (and says so) when no work of that person was
    // cited; the same initials resolve, a full given name too.
    let doc = convert(&[
        "Петров А. А. Зимняя дорога. М.: Наука, 2001. С. 5.",
        "Петров Б. Б. Указ. соч. С. 7.",
        "Петров А. А. Указ. соч. С. 9.",
        "Петров Б. Б. Лёд и снег. СПб.: Север, 1999. С. 3.",
        "Петров Б. Б. Указ. соч. С. 11.",
        // Both cited: the initials choose, not which was cited last.
        "Петров А. А. Указ. соч. С. 13.",
    ]);
    let notes = resolved(&doc);
    assert_eq!(notes[1], [short(None, Some("7"))]);
    assert_eq!(notes[2], [short(Some("1"), Some("9"))]);
    assert_eq!(notes[4], [short(Some("4"), Some("11"))]);
    assert_eq!(notes[5], [short(Some("1"), Some("13"))]);
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.note == "2" && d.severity == Severity::Warning));
}
