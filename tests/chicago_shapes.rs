//! Chicago note shapes beyond the seed article (17th/18th edition bare
//! pages, theses, newspapers, multi-volume works, documents in
//! collections, idem, op. cit., interviews), each through the whole pipeline with the
//! exact record expected.

use ibid::model::Document;
use ibid::model::{Form, ItemType};

#[path = "support/notes.rs"]
mod notes;

fn run(notes: &[&str]) -> Document {
    notes::convert_numbered("shapes.txt", notes)
}

#[test]
fn bare_pages_short_forms_and_ibid() {
    let doc = run(&[
        "John Lewis Gaddis, We Now Know: Rethinking Cold War History (Oxford: Clarendon Press, 1997), 71.",
        "Ibid., 73–74.",
        "Gaddis, We Now Know, 80.",
    ]);
    let c = &doc.notes[0].citations[0];
    assert_eq!(
        c.item.title.as_deref(),
        Some("We Now Know: Rethinking Cold War History")
    );
    assert_eq!(c.locator.as_ref().unwrap().value, "71");
    let ibid = &doc.notes[1].citations[0];
    assert_eq!(
        (ibid.form, ibid.resolves_to.as_deref()),
        (Form::Ibid, Some("1"))
    );
    assert_eq!(ibid.locator.as_ref().unwrap().value, "73-74");
    let short = &doc.notes[2].citations[0];
    assert_eq!(
        (short.form, short.resolves_to.as_deref()),
        (Form::Short, Some("1"))
    );
    assert_eq!(doc.works.len(), 1);
}

#[test]
fn journal_article_chicago_17() {
    let doc = run(&["Vojtech Mastny, “Stalin and the Militarization of the Cold War,” International Security 9, no. 3 (Winter 1984–85): 109–29."]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.kind, ItemType::ArticleJournal);
    assert_eq!(
        item.container_title.as_deref(),
        Some("International Security")
    );
    assert_eq!(
        (item.volume.as_deref(), item.issue.as_deref()),
        (Some("9"), Some("3"))
    );
    assert_eq!(
        item.issued.as_ref().unwrap().date_parts,
        vec![vec![1984], vec![1985]]
    );
    assert_eq!(
        doc.notes[0].citations[0].locator.as_ref().unwrap().value,
        "109-29"
    );
}

#[test]
fn thesis_and_op_cit() {
    let doc = run(&[
        "John Smith, “The Politics of Aid” (PhD diss., Harvard University, 1990), 45.",
        "Smith, op. cit., p. 50.",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.kind, ItemType::Thesis);
    assert_eq!(item.genre.as_deref(), Some("PhD diss."));
    assert_eq!(item.publisher.as_deref(), Some("Harvard University"));
    let short = &doc.notes[1].citations[0];
    assert_eq!(short.resolves_to.as_deref(), Some("1"));
    assert_eq!(short.locator.as_ref().unwrap().value, "50");
}

#[test]
fn newspaper_article() {
    let doc =
        run(&["“Truman Orders Air and Sea Forces to Korea,” New York Times, 28 June 1950, 1."]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.kind, ItemType::ArticleNewspaper);
    assert_eq!(item.container_title.as_deref(), Some("New York Times"));
    assert_eq!(
        item.issued.as_ref().unwrap().date_parts,
        vec![vec![1950, 6, 28]]
    );
}

#[test]
fn multi_volume_work_and_volume_page_short_form() {
    let doc = run(&[
        "Bruce Cumings, The Origins of the Korean War, vol. 2, The Roaring of the Cataract, 1947–1950 (Princeton, NJ: Princeton University Press, 1990), 350.",
        "Cumings, Origins, 2:355.",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.title.as_deref(), Some("The Origins of the Korean War"));
    assert_eq!(item.volume.as_deref(), Some("2"));
    assert_eq!(
        item.volume_title.as_deref(),
        Some("The Roaring of the Cataract, 1947–1950")
    );
    assert_eq!(item.author.len(), 1);
    let short = &doc.notes[1].citations[0];
    assert_eq!(short.resolves_to.as_deref(), Some("1"));
    assert_eq!(short.locator.as_ref().unwrap().value, "355");
}

#[test]
fn document_in_a_collection_is_a_chapter() {
    let doc = run(&["Stalin to Mao, 1 October 1950, in Andrei Ledovskii, Raisa Mirovitskaia, and Vladimir Miasnikov, eds., Russko-kitaiskie otnosheniia v XX veke, vol. 5 (Moscow: Pamiatniki istoricheskoi mysli, 2005), 400."]);
    assert_eq!(doc.notes[0].citations.len(), 1);
    let c = &doc.notes[0].citations[0];
    assert_eq!(c.item.kind, ItemType::Chapter);
    assert_eq!(c.item.author[0].family.as_deref(), Some("Stalin"));
    assert_eq!(
        c.item.container_title.as_deref(),
        Some("Russko-kitaiskie otnosheniia v XX veke")
    );
    assert_eq!(c.item.editor.len(), 3);
    assert_eq!(
        c.item.original_date.as_ref().unwrap().date_parts,
        vec![vec![1950, 10, 1]]
    );
    assert_eq!(c.item.issued.as_ref().unwrap().date_parts, vec![vec![2005]]);
    assert_eq!(c.locator.as_ref().unwrap().value, "400");
}

#[test]
fn idem_is_the_same_author_and_a_list_after_a_pinpoint_splits() {
    let doc = run(&[
        "Odd Arne Westad, Decisive Encounters (Stanford: Stanford University Press, 2003), 45; idem, The Global Cold War (Cambridge: Cambridge University Press, 2005), 60.",
        "See, for example, Westad, Decisive Encounters, 50–52, and Westad, Global Cold War, 61.",
    ]);
    let second = &doc.notes[0].citations[1];
    assert_eq!(second.form, Form::Full);
    assert_eq!(second.item.title.as_deref(), Some("The Global Cold War"));
    assert_eq!(second.item.author[0].family.as_deref(), Some("Westad"));
    let n2 = &doc.notes[1].citations;
    assert_eq!(n2.len(), 2);
    assert_eq!(n2[0].item.title.as_deref(), Some("Decisive Encounters"));
    assert_eq!(n2[1].item.title.as_deref(), Some("The Global Cold War"));
    assert_eq!(n2[0].prefix.as_deref(), Some("See, for example,"));
}

#[test]
fn digital_archive_heading_names_sender_and_addressee() {
    let doc = run(&["“Ciphered Telegram, Shtykov to Vyshinsky,” January 19, 1950, History and Public Policy Program Digital Archive, AVP RF, f. 059a, op. 5a, d. 3, p. 11, ll. 87-91."]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.kind, ItemType::PersonalCommunication);
    assert_eq!(item.author[0].family.as_deref(), Some("Shtykov"));
    assert_eq!(item.recipient[0].family.as_deref(), Some("Vyshinsky"));
    assert_eq!(
        item.archive_location.as_deref(),
        Some("f. 059a, op. 5a, pap. 11, d. 3, ll. 87-91")
    );
}

#[test]
fn interviews_and_discursive_notes() {
    let doc = run(&[
        "Interview by the author with Wu Xiuquan, Beijing, May 1985.",
        "On this point I am indebted to conversations with Professor Shen Zhihua.",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.kind, ItemType::Interview);
    assert_eq!(item.author[0].family.as_deref(), Some("Wu"));
    assert_eq!(item.event_place.as_deref(), Some("Beijing"));
    assert!(doc.notes[1].citations.is_empty());
    assert!(doc.diagnostics.iter().all(|d| d.note != "2"));
}

#[test]
fn a_document_located_by_ibid_takes_the_previous_file() {
    let doc = run(&[
        "Ciphered telegram, Shtykov to Vyshinsky, 19 January 1950, AVPRF, Fond 059a, Opis 5a, Delo 3, Papka 11, Listy 87-91.",
        "Ibid., listy 92-93.",
        "Stalin to Shtykov, 30 January 1950, ibid., list 92.",
    ]);
    let ibid = &doc.notes[1].citations[0];
    assert_eq!(
        (ibid.form, ibid.resolves_to.as_deref()),
        (Form::Ibid, Some("1"))
    );
    assert_eq!(
        ibid.locator.as_ref().map(|l| l.value.as_str()),
        Some("92-93")
    );
    let third = &doc.notes[2].citations;
    assert_eq!(third.len(), 1);
    assert_eq!(third[0].form, Form::Full);
    assert_eq!(third[0].item.author[0].family.as_deref(), Some("Stalin"));
    assert_eq!(
        third[0].item.archive_location.as_deref(),
        Some("f. 059a, op. 5a, pap. 11, d. 3, l. 92")
    );
}

#[test]
fn translator_and_editor_and_a_bare_volume_periodical() {
    let doc = run(&[
        "N. S. Khrushchev, Khrushchev Remembers, trans. and ed. Strobe Talbott (Boston: Little, Brown, 1970), pp. 367-368.",
        "Stalin to Kim Il Sung, 30 January 1950, in CWIHP Bulletin 5 (Spring 1995): 9.",
        "Khrushchev, Khrushchev Remembers, 368.",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.title.as_deref(), Some("Khrushchev Remembers"));
    assert_eq!(item.author.len(), 1);
    assert_eq!(item.translator[0].family.as_deref(), Some("Talbott"));
    assert_eq!(item.editor[0].family.as_deref(), Some("Talbott"));
    let n2 = &doc.notes[1].citations;
    assert_eq!(n2.len(), 2);
    assert_eq!(
        n2[1].item.container_title.as_deref(),
        Some("CWIHP Bulletin")
    );
    assert_eq!(n2[1].item.volume.as_deref(), Some("5"));
    assert_eq!(n2[0].relation.map(|r| r.citation), Some(1));
    assert_eq!(doc.notes[2].citations[0].resolves_to.as_deref(), Some("1"));
}

#[test]
fn an_interview_without_a_name_is_not_a_newspaper() {
    let doc = run(&["According to a participant, Mao never trusted Stalin fully. Interview, Beijing, 12 May 2001."]);
    let c = &doc.notes[0].citations;
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].item.kind, ItemType::Interview);
    assert_eq!(c[0].item.event_place.as_deref(), Some("Beijing"));
    assert_eq!(
        c[0].item.issued.as_ref().unwrap().date_parts,
        vec![vec![2001, 5, 12]]
    );
}

#[test]
fn archives_outside_the_table_keep_their_reference() {
    let doc = run(&[
        "Memorandum, Acheson to Truman, 20 June 1950, RG 59, Central Decimal File 795.00/6-2050, National Archives.",
        "Minutes of the Cabinet meeting, 27 June 1950, CAB 128/17, The National Archives, Kew.",
        "Dulles to Rhee, 19 June 1950, John Foster Dulles Papers, Princeton University Library.",
    ]);
    let first = &doc.notes[0].citations[0].item;
    assert_eq!(first.author[0].family.as_deref(), Some("Acheson"));
    assert_eq!(first.archive.as_deref(), Some("National Archives"));
    assert_eq!(
        first.archive_location.as_deref(),
        Some("RG 59, Central Decimal File 795.00/6-2050")
    );
    let second = &doc.notes[1].citations[0].item;
    assert_eq!(second.archive.as_deref(), Some("The National Archives"));
    assert_eq!(second.archive_place.as_deref(), Some("Kew"));
    assert_eq!(second.archive_location.as_deref(), Some("CAB 128/17"));
    let third = &doc.notes[2].citations[0].item;
    assert_eq!(
        third.archive.as_deref(),
        Some("Princeton University Library")
    );
    assert_eq!(
        third.archive_location.as_deref(),
        Some("John Foster Dulles Papers")
    );
}

#[test]
fn interviews_in_the_chicago_manual_form() {
    use ibid::model::{Date, Name};
    let doc = run(&[
        "Kim Il, interview by the author, Seoul, May 12, 1995.",
        "Pak Hon-yong, interview by Jane Doe, Pyongyang, 3 June 1994.",
        "Interview with Andrei Ledovskii by John Smith, Moscow, 1996.",
        "Author’s interview with A. Ledovskii, 31 July 1996, Moscow.",
    ]);
    let item = |n: usize| &doc.notes[n].citations[0].item;
    let expected = [
        (
            "Kim",
            "Il",
            None,
            "Seoul",
            Date::ymd(1995, Some(5), Some(12)),
        ),
        (
            "Pak",
            "Hon-yong",
            Some(Name::person("Doe", Some("Jane".into()))),
            "Pyongyang",
            Date::ymd(1994, Some(6), Some(3)),
        ),
        (
            "Ledovskii",
            "Andrei",
            Some(Name::person("Smith", Some("John".into()))),
            "Moscow",
            Date::ymd(1996, None, None),
        ),
        (
            "Ledovskii",
            "A.",
            None,
            "Moscow",
            Date::ymd(1996, Some(7), Some(31)),
        ),
    ];
    for (n, (family, given, interviewer, place, date)) in expected.into_iter().enumerate() {
        let item = item(n);
        assert_eq!(item.kind, ItemType::Interview, "note {}", n + 1);
        assert_eq!(
            item.author,
            [Name::person(family, Some(given.into()))],
            "note {}",
            n + 1
        );
        assert_eq!(
            item.interviewer,
            Vec::from_iter(interviewer),
            "note {}",
            n + 1
        );
        assert_eq!(item.event_place.as_deref(), Some(place), "note {}", n + 1);
        assert_eq!(item.issued, Some(date), "note {}", n + 1);
    }
}

#[test]
fn quoted_in_opening_a_note_is_a_signal() {
    let doc = run(&[
        "William Stueck, The Korean War: An International History (Princeton, NJ: Princeton University Press, 1995), 31.",
        "Quoted in Stueck, Korean War, 40.",
        "As cited in William Stueck, The Korean War: An International History (Princeton, NJ: Princeton University Press, 1995), 52.",
    ]);
    let short = &doc.notes[1].citations[0];
    assert_eq!(
        (
            short.form,
            short.resolves_to.as_deref(),
            short.prefix.as_deref()
        ),
        (Form::Short, Some("1"), Some("Quoted in"))
    );
    let full = &doc.notes[2].citations[0];
    assert_eq!(full.prefix.as_deref(), Some("As cited in"));
    assert_eq!(
        full.item.title.as_deref(),
        Some("The Korean War: An International History")
    );
    assert_eq!(doc.works.len(), 1);
}

#[test]
fn a_body_as_author_of_a_title_with_a_year() {
    use ibid::model::Name;
    let doc = run(&[
        "U.S. Department of State, Foreign Relations of the United States, 1950, vol. 7, Korea (Washington, DC: Government Printing Office, 1976), 125.",
        "United Nations, Yearbook of the United Nations, 1950 (New York: United Nations, 1951), 220.",
        "Foreign Relations of the United States, 1950, vol. 7, Korea (Washington, DC: Government Printing Office, 1976), 130.",
    ]);
    let item = |n: usize| &doc.notes[n].citations[0].item;
    assert_eq!(item(0).author, [Name::literal("U.S. Department of State")]);
    assert_eq!(
        item(0).title.as_deref(),
        Some("Foreign Relations of the United States, 1950")
    );
    assert_eq!(
        (item(0).volume.as_deref(), item(0).volume_title.as_deref()),
        (Some("7"), Some("Korea"))
    );
    assert_eq!(item(1).author, [Name::literal("United Nations")]);
    assert_eq!(
        item(1).title.as_deref(),
        Some("Yearbook of the United Nations, 1950")
    );
    // Without a body before it, the title keeps its first chunk.
    assert!(item(2).author.is_empty());
    assert_eq!(
        item(2).title.as_deref(),
        Some("Foreign Relations of the United States, 1950")
    );
}

#[test]
fn a_multi_volume_work_published_over_years() {
    use ibid::model::Date;
    let doc = run(&[
        "Bruce Cumings, The Origins of the Korean War, 2 vols. (Princeton, NJ: Princeton University Press, 1981–90), 2:568.",
        "Cumings, Origins, 1:120.",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.title.as_deref(), Some("The Origins of the Korean War"));
    assert_eq!(item.number_of_volumes.as_deref(), Some("2"));
    assert_eq!(
        item.issued,
        Some(Date {
            date_parts: vec![vec![1981], vec![1990]],
            ..Date::default()
        })
    );
    let short = &doc.notes[1].citations[0];
    assert_eq!(short.resolves_to.as_deref(), Some("1"));
}

#[test]
fn a_generational_suffix_stays_with_the_name() {
    use ibid::model::Name;
    let doc = run(&[
        "William W. Stueck Jr., Rethinking the Korean War (Princeton, NJ: Princeton University Press, 2002), 12.",
        "William W. Stueck, Jr., Rethinking the Korean War (Princeton, NJ: Princeton University Press, 2002), 13.",
    ]);
    for note in &doc.notes {
        let item = &note.citations[0].item;
        // GUIDELINE §7: the suffix is the name's CSL `suffix`.
        let mut stueck = Name::person("Stueck", Some("William W.".into()));
        stueck.suffix = Some("Jr.".into());
        assert_eq!(item.author, [stueck]);
        assert_eq!(item.title.as_deref(), Some("Rethinking the Korean War"));
    }
    assert_eq!(doc.works.len(), 1);
}

#[test]
fn a_doi_or_web_address_ends_the_citation() {
    let doc = run(&[
        "Charles K. Armstrong, “The Cultural Cold War in Korea, 1945–1950,” Journal of Asian Studies 62, no. 1 (2003): 71–99, https://doi.org/10.2307/3096136.",
        "Armstrong, “Cultural Cold War,” 80.",
        "Bruce Cumings, The Korean War: A History (New York: Modern Library, 2010), 12. https://www.example.org/cumings.",
    ]);
    let article = &doc.notes[0].citations[0].item;
    assert_eq!(article.kind, ItemType::ArticleJournal);
    assert_eq!(
        article.container_title.as_deref(),
        Some("Journal of Asian Studies")
    );
    assert_eq!(article.doi.as_deref(), Some("10.2307/3096136"));
    assert_eq!(
        doc.notes[0].citations[0].locator.as_ref().unwrap().value,
        "71-99"
    );
    let short = &doc.notes[1].citations[0];
    assert_eq!(
        (short.form, short.resolves_to.as_deref()),
        (Form::Short, Some("1"))
    );
    let book = &doc.notes[2].citations[0].item;
    assert_eq!(book.title.as_deref(), Some("The Korean War: A History"));
    assert_eq!(book.url.as_deref(), Some("https://www.example.org/cumings"));
}

#[test]
fn web_pages_with_their_dates() {
    use ibid::model::Date;
    let doc = run(&[
        "“Cable from Mao Zedong to Filippov,” October 2, 1950, Wilson Center Digital Archive, accessed May 5, 2020, https://digitalarchive.wilsoncenter.org/document/114215.",
        "“Korean War,” Encyclopaedia Britannica, last modified June 20, 2023, https://www.britannica.com/event/Korean-War.",
    ]);
    let cable = &doc.notes[0].citations[0].item;
    assert_eq!(cable.issued, Some(Date::ymd(1950, Some(10), Some(2))));
    assert_eq!(cable.accessed, Some(Date::ymd(2020, Some(5), Some(5))));
    let page = &doc.notes[1].citations[0];
    assert_eq!(page.form, Form::Full);
    assert_eq!(page.item.kind, ItemType::Webpage);
    assert_eq!(page.item.title.as_deref(), Some("Korean War"));
    assert_eq!(
        page.item.container_title.as_deref(),
        Some("Encyclopaedia Britannica")
    );
    assert_eq!(page.item.issued, Some(Date::ymd(2023, Some(6), Some(20))));
    assert_eq!(
        page.item.url.as_deref(),
        Some("https://www.britannica.com/event/Korean-War")
    );
}

#[test]
fn a_title_holding_commas_and_capitals_is_not_an_author() {
    // Two names are joined by "and", three or more end with ", and": a
    // capitalized chunk after the first name that no "and" closes is the
    // title.
    let doc = run(&[
        "Ann Hill, Ice Was Forever, Until It Thawed: The Last Winter (Kiel: Nordlicht, 2005), 14.",
        "Ann Hill, Ben Lund, and Cy Moss, Frost and Thaw (Kiel: Nordlicht, 2001).",
        "Ann Hill, Die Haltung der Nordischen Bauern Olaf von Tarn, Sven von Holm und Nils zur Kälte (Kiel: Nordlicht, 2000).",
        // A name printed with initials is a name without "and".
        "A. V. Hill, E. P. Lund, Frost Lore (Kiel: Nordlicht, 1995).",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.author.len(), 1);
    assert_eq!(
        item.title.as_deref(),
        Some("Ice Was Forever, Until It Thawed: The Last Winter")
    );
    let item = &doc.notes[1].citations[0].item;
    assert_eq!(item.author.len(), 3);
    assert_eq!(item.title.as_deref(), Some("Frost and Thaw"));
    let item = &doc.notes[2].citations[0].item;
    assert_eq!(item.author.len(), 1);
    assert!(item.title.as_deref().unwrap().starts_with("Die Haltung"));
    let item = &doc.notes[3].citations[0].item;
    assert_eq!(item.author.len(), 2);
    assert_eq!(item.title.as_deref(), Some("Frost Lore"));
}

#[test]
fn a_translation_named_in_prose_and_the_series_it_was_reprinted_in() {
    let doc = run(&[
        "References to Ann Hill, The Law of Frost, unless otherwise noted, use the Ben W. Lund translation (1925), reprinted in Cy Moss, ed., The Classics of Weather (Boston: Kite, 1984).",
        "Ann Hill, The Law of Frost, the Ben Lund translation (1925), reprinted in Cy Moss, ed., The Classics of Weather (Boston: Kite, 1984), 12.",
    ]);
    for note in 0..2 {
        let item = &doc.notes[note].citations[0].item;
        assert_eq!(item.kind, ItemType::Book);
        assert_eq!(item.title.as_deref(), Some("The Law of Frost"));
        assert_eq!(item.author[0].family.as_deref(), Some("Hill"));
        assert_eq!(item.translator[0].family.as_deref(), Some("Lund"));
        assert_eq!(item.editor[0].family.as_deref(), Some("Moss"));
        assert_eq!(
            item.collection_title.as_deref(),
            Some("The Classics of Weather")
        );
        assert_eq!(
            item.original_date.as_ref().map(|d| d.date_parts.clone()),
            Some(vec![vec![1925]])
        );
        assert_eq!(item.publisher.as_deref(), Some("Kite"));
    }
}

#[test]
fn a_short_form_after_prose_ending_in_a_preposition() {
    let doc = run(&[
        "Ann Hill, Frost Lore: The Long Winter (Kiel: Nordlicht, 1990).",
        "References to Hill, Frost Lore, 5.",
    ]);
    let c = &doc.notes[1].citations[0];
    assert_eq!(c.form, Form::Short);
    assert_eq!(c.resolves_to.as_deref(), Some("1"));
    assert_eq!(c.locator.as_ref().unwrap().value, "5");
}

#[test]
fn a_title_or_container_with_a_subtitle_after_a_period_is_one_work() {
    // A period parts a title from its subtitle when the words after it are
    // not names and run into an imprint, a role or a volume.
    let doc = run(&[
        "Ann Hill, “Frost,” in Winter Tales. Essays on Ice (Kiel: Nordlicht, 2001), 12.",
        "Ann Hill, “Thaw,” in Winter Tales. Essays on Ice, ed. Carl Moss and Dora Lund (Kiel: Nordlicht, 2001), 40.",
        "Ann Hill, “Snow,” Winter Review. Studies in Ice, vol. 4, no. 1 (2019): 57–79.",
        "Ann Hill, Frost Lore. Essays on the Long Winter (Kiel: Nordlicht, 1990), 3.",
        // Names after the period, or a signal, start another citation.
        "Ann Hill, Frost Lore. Carl Moss, Ice Ages (Kiel: Nordlicht, 1992), 5.",
        "Ann Hill, Frost Lore. Cf. Carl Moss, Ice Ages (Kiel: Nordlicht, 1992).",
    ]);
    for note in 0..2 {
        let item = &doc.notes[note].citations[0].item;
        assert_eq!(doc.notes[note].citations.len(), 1);
        assert_eq!(item.kind, ItemType::Chapter);
        assert_eq!(
            item.container_title.as_deref(),
            Some("Winter Tales. Essays on Ice")
        );
        assert_eq!(item.publisher.as_deref(), Some("Nordlicht"));
    }
    assert_eq!(doc.notes[1].citations[0].item.editor.len(), 2);
    let c = &doc.notes[2].citations[0];
    assert_eq!(doc.notes[2].citations.len(), 1);
    assert_eq!(c.item.kind, ItemType::ArticleJournal);
    assert_eq!(
        c.item.container_title.as_deref(),
        Some("Winter Review. Studies in Ice")
    );
    assert_eq!(
        (c.item.volume.as_deref(), c.item.issue.as_deref()),
        (Some("4"), Some("1"))
    );
    let c = &doc.notes[3].citations[0];
    assert_eq!(doc.notes[3].citations.len(), 1);
    assert_eq!(
        c.item.title.as_deref(),
        Some("Frost Lore. Essays on the Long Winter")
    );
    assert_eq!(c.item.author[0].family.as_deref(), Some("Hill"));
    for note in 4..6 {
        let last = doc.notes[note].citations.last().unwrap();
        assert_eq!(last.item.title.as_deref(), Some("Ice Ages"));
        assert_eq!(last.item.author[0].family.as_deref(), Some("Moss"));
    }
}

#[test]
fn a_year_after_a_book_title_is_its_first_date() {
    let doc = run(&[
        "Ann Hill, Frost Lore (1799), ed. Carl Moss, Collected Works I/2 (Kiel: Nordlicht, 1984), 173.",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.title.as_deref(), Some("Frost Lore"));
    assert_eq!(
        item.original_date.as_ref().map(|d| d.date_parts.clone()),
        Some(vec![vec![1799]])
    );
    assert_eq!(
        item.issued.as_ref().map(|d| d.date_parts.clone()),
        Some(vec![vec![1984]])
    );
}

#[test]
fn a_short_form_of_a_book_cited_again_in_another_edition_points_to_the_first() {
    // Two editions in one note, then a later note that cites one of them
    // again in full: the short form names one work, cited first in note 1.
    let doc = run(&[
        "Ann Hill, Frost Lore: Essays (Kiel: Nordlicht, 1799), 18. Ann Hill, Frost Lore: Essays, ed. Carl Moss (Kiel: Nordlicht, 1995), 24.",
        "Ann Hill, Frost Lore: Essays, ed. Carl Moss (Kiel: Nordlicht, 1984), 173.",
        "Hill, Frost Lore, 119.",
    ]);
    let c = &doc.notes[2].citations[0];
    assert_eq!(c.form, Form::Short);
    assert_eq!(c.resolves_to.as_deref(), Some("1"));
}

#[test]
fn a_quotation_from_a_chapter_before_its_title() {
    let doc = run(&[
        "As Ann Hill puts it, “the winter keeps what the summer forgets,” in “Frost and Memory,” in The Winter Book, ed. Carl Moss (Kiel: Nordlicht, 2024), 36–37.",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.kind, ItemType::Chapter);
    assert_eq!(item.title.as_deref(), Some("Frost and Memory"));
    assert_eq!(item.container_title.as_deref(), Some("The Winter Book"));
}

#[test]
fn a_book_named_by_its_editors_is_the_book_they_made() {
    // "in Moss and Lund, 112": the book of an earlier note, named by the
    // family names of its editors; a chapter takes its title and imprint.
    let doc = run(&[
        "Ann Hill, “Frost,” in The Winter Reader, trans. and ed. Carl Moss and Dora Lund (Kiel: Nordlicht, 1998), 39.",
        "Ann Hill, “Thaw and Its Discontents,” in Moss and Lund, 112.",
        // Names that fit no earlier book stay as printed.
        "Ann Hill, “Snow,” in Berg and Tal, 7.",
    ]);
    let item = &doc.notes[1].citations[0].item;
    assert_eq!(item.kind, ItemType::Chapter);
    assert_eq!(item.title.as_deref(), Some("Thaw and Its Discontents"));
    assert_eq!(item.container_title.as_deref(), Some("The Winter Reader"));
    assert_eq!(item.editor.len(), 2);
    assert_eq!(item.translator.len(), 2);
    assert_eq!(item.publisher.as_deref(), Some("Nordlicht"));
    assert_eq!(
        item.issued.as_ref().map(|d| d.date_parts.clone()),
        Some(vec![vec![1998]])
    );
    let item = &doc.notes[2].citations[0].item;
    assert_eq!(item.container_title.as_deref(), Some("Berg and Tal"));
    assert!(item.editor.is_empty());
}

#[test]
fn a_possessive_opens_a_container_title_not_a_name() {
    let doc = run(&[
        "Ann Hill, “Frost in the North,” in Carl Moss’s Life, Work and Influence: Selected Studies (Kiel: Nordlicht, 2001), 241–270.",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(
        item.container_title.as_deref(),
        Some("Carl Moss’s Life, Work and Influence: Selected Studies")
    );
    assert!(item.container_author.is_empty());
}

#[test]
fn a_text_translated_in_another_authors_book() {
    // "trans. in NAME, BOOK": the text is a chapter of that book, its
    // author the translator; "199–206 (201)" is the span and the page cited.
    let doc = run(&[
        "Olaf of Tarn, De frigore II, trans. in Carl Moss, The Frozen Are Waiting: Sermons on Winter (Kiel: Nordlicht, 2001), 199–206 (201). (Henceforth DF.)",
    ]);
    let c = &doc.notes[0].citations[0];
    assert_eq!(c.item.kind, ItemType::Chapter);
    assert_eq!(c.item.title.as_deref(), Some("De frigore II"));
    assert_eq!(
        c.item.container_title.as_deref(),
        Some("The Frozen Are Waiting: Sermons on Winter")
    );
    assert_eq!(c.item.container_author[0].family.as_deref(), Some("Moss"));
    assert_eq!(c.item.translator[0].family.as_deref(), Some("Moss"));
    assert_eq!(c.item.page.as_deref(), Some("199-206"));
    assert_eq!(c.locator.as_ref().unwrap().value, "201");
}

#[test]
fn a_german_quotation_inside_an_english_title() {
    let doc = run(&[
        "Ann Hill, “Die Frage des »nordischen Winters«,” in Eis und Schnee: Anmerkungen zur Kälte, ed. Carl Moss (Kiel: Nordlicht, 2012), 321–335.",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(
        item.title.as_deref(),
        Some("Die Frage des »nordischen Winters«")
    );
    assert_eq!(
        item.container_title.as_deref(),
        Some("Eis und Schnee: Anmerkungen zur Kälte")
    );
}

#[test]
fn an_original_title_with_its_abbreviation_before_the_translation_cited() {
    // The note opens with the work's original title and the abbreviation
    // made of its initials, then cites the work in full under its English
    // title and says it will be abbreviated: the original is the title, the
    // English one its translation; later uses of the abbreviation resolve.
    let doc = run(&[
        "De Frigore ac Nive (DFN) 2.1.3. References to Ann Hill, On Frost and Snow, unless otherwise noted, use the Carl Moss translation (1925), reprinted in Dora Lund, ed., Classics of Weather (Kiel: Nordlicht, 1984). It will be abbreviated as DFN.",
        "DFN 1.2.4.",
        // A title with a date range in parentheses keeps it: no translation.
        "Ann Hill, Ice Ages: Thought of the Long Winter (1953–1991) (Kiel: Nordlicht, 2022), 78.",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.title.as_deref(), Some("De Frigore ac Nive"));
    assert_eq!(
        item.custom.title_translated.as_deref(),
        Some("On Frost and Snow")
    );
    assert_eq!(item.author[0].family.as_deref(), Some("Hill"));
    let c = &doc.notes[1].citations[0];
    assert_eq!(c.resolves_to.as_deref(), Some("1"));
    assert_eq!(c.item.title.as_deref(), Some("De Frigore ac Nive"));
    let item = &doc.notes[2].citations[0].item;
    assert_eq!(
        item.title.as_deref(),
        Some("Ice Ages: Thought of the Long Winter (1953–1991)")
    );
    assert_eq!(item.custom.title_translated, None);
}

#[test]
fn a_bracket_after_a_title_is_a_translation_only_when_it_reads_as_one() {
    let doc = run(&[
        // A supplied date and a description in brackets are no translation.
        "[Frost Committee], “Survey of Ice Service to Northern Towns” [1930], Box 12, Kiel City Archive.",
        "Ann Hill, “Winter Study at Kiel” [notes for “The Long Winter”], no date, 378, Kiel City Archive.",
        // Lowercase words in parentheses belong to the title.
        "Ann Hill, The Trinity of Frost: Winter Thought (from Kiel to Oslo) (Kiel: Nordlicht, 1998), 159.",
        // A capitalized gloss is the title's translation.
        "Ann Hill, Zima [The Winter] (Kiel: Nordlicht, 1998), 9.",
    ]);
    let item = &doc.notes[0].citations[0].item;
    assert_eq!(item.custom.title_translated, None);
    assert_eq!(
        item.issued.as_ref().map(|d| d.date_parts.clone()),
        Some(vec![vec![1930]])
    );
    assert_eq!(doc.notes[1].citations[0].item.custom.title_translated, None);
    let item = &doc.notes[2].citations[0].item;
    assert_eq!(
        item.title.as_deref(),
        Some("The Trinity of Frost: Winter Thought (from Kiel to Oslo)")
    );
    assert_eq!(item.custom.title_translated, None);
    let item = &doc.notes[3].citations[0].item;
    assert_eq!(item.title.as_deref(), Some("Zima"));
    assert_eq!(item.custom.title_translated.as_deref(), Some("The Winter"));
}

#[test]
fn an_abbreviation_defined_after_a_journal_pinpoint() {
    let doc = run(&[
        "Ann Hill, “Frost and Ice,” trans. Carl Moss and Dora Lund, St. Olaf’s Winter Quarterly 49, no. 1–2 (2005): 27, emphasis mine. (Henceforth “FI”).",
        "“FI,” 31.",
    ]);
    let c = &doc.notes[0].citations[0];
    assert_eq!(c.item.kind, ItemType::ArticleJournal);
    assert_eq!(
        c.item.container_title.as_deref(),
        Some("St. Olaf’s Winter Quarterly")
    );
    assert_eq!(
        (c.item.volume.as_deref(), c.item.issue.as_deref()),
        (Some("49"), Some("1-2"))
    );
    assert_eq!(c.locator.as_ref().unwrap().value, "27");
    let short = &doc.notes[1].citations[0];
    assert_eq!(short.resolves_to.as_deref(), Some("1"));
}
