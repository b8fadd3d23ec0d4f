//! The archival grammar through its public API: exact items for the
//! shapes of issue 3, and field F1 on the archival citations of the seed
//! article and of the archival fixture set (`fixtures/archival/`).
//!
//! The note driver here is deliberately small (split on `;`, strip a
//! signal word, Ibid. with new folios or a new delo per GUIDELINE §6): it
//! exercises the archival API the way the note parser calls it.

use ibid::authority::archives;
use ibid::authority::people::{person_key, pseudonym_identity};
use ibid::model::{Date, Item, ItemType, Name};
use ibid::parse::archival::{
    parse_archival_citation, parse_location, read_archival_ibid, ArchivalIbid, ArchivalLocation,
};
use serde_json::Value;
use std::collections::BTreeMap;

fn one(segment: &str) -> (Item, usize) {
    let c = parse_archival_citation(segment, None).unwrap_or_else(|| panic!("not read: {segment}"));
    assert_eq!(c.items.len(), 1, "{segment}");
    (c.items[0].clone(), c.end)
}

fn family(name: &str) -> Name {
    Name::person(name, None)
}

#[test]
fn seed_full_name_with_doubled_markers() {
    let seg = "Ciphered telegram from Stalin to Mao Zedong, 14 May 1950, Arkhiv Prezidenta  Rossiiskoi Federatsii (APRF), Fond (F.) 45, Opis (Op.) 1, Delo (D.) 331, (L.) Listy 554.  I have collected";
    let (item, end) = one(seg);
    assert_eq!(&seg[..end], &seg[..seg.find("554").unwrap() + 3]);
    assert_eq!(item.kind, ItemType::PersonalCommunication);
    assert_eq!(item.genre.as_deref(), Some("ciphered telegram"));
    assert_eq!(item.author, vec![family("Stalin")]);
    assert_eq!(
        item.recipient,
        vec![Name::person("Mao", Some("Zedong".into()))]
    );
    assert_eq!(item.issued, Some(Date::ymd(1950, Some(5), Some(14))));
    assert_eq!(
        item.archive.as_deref(),
        Some("Arkhiv Prezidenta Rossiiskoi Federatsii")
    );
    assert_eq!(item.archive_place.as_deref(), Some("Moscow"));
    assert_eq!(
        item.archive_location.as_deref(),
        Some("f. 45, op. 1, d. 331, l. 554")
    );
    assert_eq!(item.custom.archive_abbrev.as_deref(), Some("APRF"));
    assert_eq!(item.custom.folios.as_deref(), Some("554"));
}

#[test]
fn misspelt_name_and_papka_order() {
    let (item, _) = one("Ciphered telegram from Shtykov to Vyshinsky, 19 January 1950, Arkhiv Vneshnei  Politiki Possiiskoi Federatsii (AVPRF), F. 059a, Op. 5a, D. 3, Pap.(Papka) 11, Ll. 87-91.");
    assert_eq!(
        item.archive.as_deref(),
        Some("Arkhiv Vneshnei Politiki Rossiiskoi Federatsii")
    );
    assert_eq!(
        item.archive_location.as_deref(),
        Some("f. 059a, op. 5a, pap. 11, d. 3, ll. 87-91")
    );
    assert_eq!(item.custom.papka.as_deref(), Some("11"));
    let (item, _) = one("Zhukov and Zabrodin, “Korea, Short Report,” 29 June 1945, AVPRF, F.0430, Op. 2, D. 18, Pap. 5, Ll.18-30");
    assert_eq!(item.kind, ItemType::Manuscript);
    assert_eq!(item.genre.as_deref(), Some("report"));
    assert_eq!(item.title.as_deref(), Some("Korea, Short Report"));
    assert_eq!(item.author, vec![family("Zhukov"), family("Zabrodin")]);
    assert_eq!(
        item.archive_location.as_deref(),
        Some("f. 0430, op. 2, pap. 5, d. 18, ll. 18-30")
    );
}

#[test]
fn document_numbers_and_two_dates() {
    let c = parse_archival_citation(
        "Telegrams from Gromyko to Shtykov on 26 October and 20 November 1949,  SD00252, SD00254",
        None,
    )
    .unwrap();
    assert_eq!(c.items.len(), 2);
    assert_eq!(c.items[0].genre.as_deref(), Some("telegram"));
    assert_eq!(c.items[1].issued, Some(Date::ymd(1949, Some(11), Some(20))));
    assert_eq!(
        c.items[1].custom.document_number.as_deref(),
        Some("SD00254")
    );
    assert_eq!(c.items[1].archive_location.as_deref(), Some("SD00254"));
    let (item, _) = one("Shtemenko to Shtykov on 4 June 1949, SD00235");
    assert_eq!(item.genre, None);
    assert_eq!(
        (item.author, item.recipient),
        (vec![family("Shtemenko")], vec![family("Shtykov")])
    );
    let seg = "telegram from Tunkin to Vyshinsky on 14 September 1949, SD00247, ibid., pp. 6 - 7.";
    let (_, end) = one(seg);
    assert_eq!(&seg[end..], ", ibid., pp. 6 - 7.");
}

#[test]
fn headings_bodies_and_pseudonyms() {
    let (item, _) = one(
        "The Report on Military Activities of South Korea from Shtykov on 21 May 1949, SD00233",
    );
    assert_eq!(
        item.title.as_deref(),
        Some("The Report on Military Activities of South Korea")
    );
    assert_eq!(item.kind, ItemType::PersonalCommunication);
    let (item, _) = one("The Soviet Politburo Resolution on 24 September 1949, APRF, F. 3, Op. 65, D. 776, Ll.30-32");
    assert_eq!(
        (item.kind, item.genre.as_deref()),
        (ItemType::Manuscript, Some("resolution"))
    );
    assert_eq!(item.author, vec![Name::literal("Soviet Politburo")]);
    let (item, _) = one("Instruction from Moscow to Soviet Embassy on 23 September 1949, APRF, F. 3, Op. 65, D. 776, Ll. 33 - 38.");
    assert_eq!(
        (item.author, item.recipient),
        (
            vec![Name::literal("Moscow")],
            vec![Name::literal("Soviet Embassy")]
        )
    );
    let (item, _) =
        one("Kovalev to Filippov on 18 May 1949, APRF, F. 45, Op. 1, D. 331, Ll. 59 - 61.");
    assert_eq!(item.custom.recipient_identity.as_deref(), Some("Stalin"));
    assert_eq!(item.recipient, vec![family("Filippov")]);
    let (item, _) = one("“Stalin’s Conversations with Mao Zedong,” 22 January 1950, AVPRF, F. 45, Op. 1, D. 329, Ll. 29 - 38.");
    assert_eq!(
        (item.kind, item.genre.as_deref()),
        (ItemType::Manuscript, Some("record of conversation"))
    );
    assert_eq!(
        item.title.as_deref(),
        Some("Stalin’s Conversations with Mao Zedong")
    );
    let (item, _) = one("Shtykov’s telegram on 11 January 1950, SD00258");
    assert_eq!(item.author, vec![family("Shtykov")]);
    let (item, end) = one("Ciphered telegram from Stalin to Mao on 14 May 1950, in Cold War International History Project Bulletin");
    assert_eq!(item.genre.as_deref(), Some("ciphered telegram"));
    assert_eq!(
        end,
        "Ciphered telegram from Stalin to Mao on 14 May 1950".len()
    );
}

#[test]
fn lead_in_before_the_description() {
    let seg = "See the details from the telegram to Shtykov on 8 January 1950, SD00257";
    let c = parse_archival_citation(seg, None).unwrap();
    assert_eq!(&seg[..c.start], "See the details from ");
    assert_eq!(c.items[0].recipient, vec![family("Shtykov")]);
    assert_eq!(c.items[0].author, vec![]);
    assert_eq!(c.items[0].title, None);
    let seg =
        "and telegram from Stalin to Shtykov, 18 March 1950, APRF, F. 45, Op. 1, D. 346, L. 142.";
    let c = parse_archival_citation(seg, None).unwrap();
    assert_eq!(&seg[..c.start], "and ");
    assert_eq!(c.items[0].author, vec![family("Stalin")]);
}

#[test]
fn not_archival() {
    for seg in [
        "Sergei Goncharov, John Lewis, and Xue Litai, Uncertain Partners: Stalin, Mao, and the Korean War (Stanford, CA: Stanford University Press, 1993)",
        "John W. Garver, “Polemics,” The Journal of Contemporary China, Vol. 3, No. 1 (Spring 1994), pp. 27-28.",
        "Goncharov et al., Uncertain Partners, p. 101.",
        "Department of State, Bulletin, 16 January 1950, p. 81.",
        "Ibid., pp. 87-88.",
        "Stalin sent a telegram to Mao on 14 May 1950 in which he agreed.",
        "Park Mun Su, “Stalin’s Foreign Policy,” Korea Observer, Vol. 25, No. 3 (Summer 1994), p. 348",
    ] {
        assert!(parse_archival_citation(seg, None).is_none(), "{seg}");
    }
}

#[test]
fn russian_dot_style_and_cyrillic_archives() {
    let (item, end) = one("ГАРФ. Ф. Р-5446. Оп. 1. Д. 12. Л. 34–35 об.");
    assert_eq!(end, "ГАРФ. Ф. Р-5446. Оп. 1. Д. 12. Л. 34–35 об.".len());
    assert_eq!(item.kind, ItemType::Manuscript);
    assert_eq!(item.genre, None);
    assert_eq!(
        item.archive.as_deref(),
        Some("Gosudarstvennyi Arkhiv Rossiiskoi Federatsii")
    );
    assert_eq!(
        item.archive_location.as_deref(),
        Some("f. R-5446, op. 1, d. 12, ll. 34-35 ob.")
    );
    assert_eq!(item.custom.archive_cited.as_deref(), Some("ГАРФ"));
    let (item, _) = one("Шифротелеграмма Штыкова Сталину от 3 сентября 1949 г. АП РФ. Ф. 3. Оп. 65. Д. 776. Л. 1–21.");
    assert_eq!(item.genre.as_deref(), Some("шифротелеграмма"));
    assert_eq!(
        (item.author, item.recipient),
        (vec![family("Штыков")], vec![family("Сталин")])
    );
    assert_eq!(item.issued, Some(Date::ymd(1949, Some(9), Some(3))));
    assert_eq!(item.custom.archive_abbrev.as_deref(), Some("APRF"));
}

#[test]
fn renamed_archives_and_slash_shorthand() {
    let (item, _) =
        one("Memorandum of conversation, 3.IX.1956, TsKhSD, f. 5, op. 30, d. 163, ll. 1-3.");
    assert_eq!(item.custom.archive_abbrev.as_deref(), Some("RGANI"));
    assert_eq!(item.custom.archive_cited.as_deref(), Some("TsKhSD"));
    assert_eq!(
        item.archive.as_deref(),
        Some("Rossiiskii Gosudarstvennyi Arkhiv Noveishei Istorii")
    );
    let (item, _) = one("RGASPI 17/162/39, l. 4");
    assert_eq!(
        item.archive_location.as_deref(),
        Some("f. 17, op. 162, d. 39, l. 4")
    );
    let (item, _) =
        one("Letter, Stalin to Mao, 03.09.1949, RTsKhIDNI, f. 558, op. 11, ed. khr. 334, l. 7ob.");
    assert_eq!(
        item.archive_location.as_deref(),
        Some("f. 558, op. 11, d. 334, l. 7 ob.")
    );
    assert_eq!(item.custom.archive_abbrev.as_deref(), Some("RGASPI"));
}

#[test]
fn continuation_and_ibid_locations() {
    let first = parse_archival_citation("RGANI, f. 89, op. 43, d. 1350, l. 3", None).unwrap();
    let prev = first.location.unwrap();
    let next = parse_archival_citation("d. 1356, l. 8", Some(&prev)).unwrap();
    assert_eq!(
        next.items[0].archive_location.as_deref(),
        Some("f. 89, op. 43, d. 1356, l. 8")
    );
    assert_eq!(
        next.items[0].custom.archive_abbrev.as_deref(),
        Some("RGANI")
    );
    let (loc, used) = parse_location("l. 7ob.").unwrap();
    assert_eq!((loc.folios.as_deref(), used), (Some("7 ob."), 7));
    assert!(loc.only_folios());
}

#[test]
fn authority_and_people() {
    assert!(archives::all().len() >= 40);
    assert_eq!(archives::lookup("AVP RF").unwrap().abbrev, "AVPRF");
    assert_eq!(archives::lookup("ЦХСД").unwrap().current().abbrev, "RGANI");
    assert_eq!(pseudonym_identity("Fyn Si"), Some("Stalin"));
    assert_eq!(person_key("Vasilievsky"), person_key("Василевский"));
    assert_eq!(person_key("Vyshinskii"), person_key("Vyshinsky"));
}

// ---------------------------------------------------------------------
// Note driver and field scoring.

struct Cited {
    form: &'static str,
    item: Item,
    locator: Option<String>,
}

fn strip_ibid(s: &str) -> Option<&str> {
    for w in ["Ibid.", "ibid.", "Ibid", "Там же.", "Там же"] {
        if let Some(rest) = s.strip_prefix(w) {
            return Some(rest);
        }
    }
    None
}

/// Reads the archival citations of one note.
fn read_note(text: &str, last: &mut Option<(Item, Option<ArchivalLocation>)>) -> Vec<Cited> {
    let mut out = Vec::new();
    for raw in text.split(';') {
        let seg = raw.trim();
        if let Some(rest) = strip_ibid(seg) {
            let Some((prev_item, prev_loc)) = last.clone() else {
                continue;
            };
            match prev_loc.as_ref().and_then(|p| read_archival_ibid(rest, p)) {
                Some((ArchivalIbid::NewFolios(locator), _)) => out.push(Cited {
                    form: "ibid",
                    item: prev_item,
                    locator: Some(locator.value),
                }),
                Some((ArchivalIbid::NewDocument(item, loc), _)) => {
                    *last = Some(((*item).clone(), Some(*loc)));
                    out.push(Cited {
                        form: "full",
                        item: *item,
                        locator: None,
                    });
                }
                None => out.push(Cited {
                    form: "ibid",
                    item: prev_item,
                    locator: None,
                }),
            }
            continue;
        }
        let prev_loc = last.as_ref().and_then(|(_, l)| l.clone());
        match parse_archival_citation(seg, prev_loc.as_ref()) {
            Some(c) => {
                let loc = c.location.clone().or(prev_loc);
                for item in c.items {
                    *last = Some((item.clone(), loc.clone()));
                    out.push(Cited {
                        form: "full",
                        item,
                        locator: None,
                    });
                }
            }
            // A work that is not archival: a later Ibid. is not ours.
            None if !seg.is_empty() => *last = None,
            None => {}
        }
    }
    out
}

/// The scored fields of a citation, as score.py folds them (text folded,
/// numbers without spaces, names by family or literal).
fn fields(form: &str, item: &Value, locator: Option<&str>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let fold = |s: &str| ibid::text::fold(s);
    let num = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
    };
    out.insert("form".into(), form.to_string());
    if let Some(l) = locator {
        out.insert("locator".into(), num(l));
    }
    let obj = item.as_object().unwrap();
    for (k, v) in obj {
        match (k.as_str(), v) {
            ("type", Value::String(t)) => {
                out.insert(
                    k.clone(),
                    t.replace("personal_communication", "correspondence"),
                );
            }
            ("archive_location", Value::String(s)) => {
                out.insert(k.clone(), num(s));
            }
            (_, Value::String(s)) => {
                out.insert(k.clone(), fold(s));
            }
            ("author" | "recipient" | "editor", Value::Array(names)) => {
                let mut keys: Vec<String> = names
                    .iter()
                    .map(|n| {
                        fold(
                            n.get("literal")
                                .or(n.get("family"))
                                .and_then(Value::as_str)
                                .unwrap_or(""),
                        )
                    })
                    .collect();
                keys.sort();
                out.insert(k.clone(), keys.join("|"));
            }
            ("issued", d) => {
                out.insert(
                    k.clone(),
                    d.get("date-parts")
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                );
            }
            ("custom", Value::Object(c)) => {
                for (ck, cv) in c {
                    if ck == "archive_cited" {
                        continue;
                    }
                    let s = cv.as_str().unwrap_or("");
                    let v = if matches!(
                        ck.as_str(),
                        "fond" | "opis" | "papka" | "delo" | "folios" | "document_number"
                    ) {
                        num(s)
                    } else {
                        fold(s)
                    };
                    out.insert(format!("custom.{ck}"), v);
                }
            }
            _ => {}
        }
    }
    out
}

/// (true positives, false positives, false negatives) of two field maps.
fn compare(g: &BTreeMap<String, String>, p: &BTreeMap<String, String>) -> (usize, usize, usize) {
    let (mut tp, mut fp, mut fnn) = (0, 0, 0);
    for (k, gv) in g {
        match p.get(k) {
            Some(pv) if pv == gv => tp += 1,
            Some(_) => {
                fp += 1;
                fnn += 1
            }
            None => fnn += 1,
        }
    }
    fp += p.keys().filter(|k| !g.contains_key(*k)).count();
    (tp, fp, fnn)
}

/// An archival document: a communication, or a manuscript with an archival
/// reference or a kind.
fn is_archival_document(item: Item) -> bool {
    item.kind == ItemType::PersonalCommunication
        || (item.kind == ItemType::Manuscript
            && (item.archive_location.is_some() || item.genre.is_some()))
}

/// Scores the archival citations of a gold file against the driver's
/// reading of its notes: micro-averaged field F1 and the disagreements.
fn score(gold_path: &str, only_archival: bool) -> (f64, Vec<String>) {
    let gold = std::fs::read_to_string(gold_path).unwrap();
    let (mut tp, mut fp, mut fnn) = (0, 0, 0);
    let mut errors = Vec::new();
    let mut last = None;
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let note: Value = serde_json::from_str(line).unwrap();
        let text = note["text"].as_str().unwrap();
        let golds: Vec<BTreeMap<String, String>> = note["citations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| {
                !only_archival
                    || serde_json::from_value::<Item>(c["item"].clone())
                        .is_ok_and(is_archival_document)
            })
            .map(|c| {
                fields(
                    c["form"].as_str().unwrap(),
                    &c["item"],
                    c["locator"].as_str(),
                )
            })
            .collect();
        let preds: Vec<BTreeMap<String, String>> = read_note(text, &mut last)
            .iter()
            .map(|c| {
                fields(
                    c.form,
                    &serde_json::to_value(&c.item).unwrap(),
                    c.locator.as_deref(),
                )
            })
            .collect();
        let n = golds.len().max(preds.len());
        let empty = BTreeMap::new();
        for i in 0..n {
            let g = golds.get(i).unwrap_or(&empty);
            let p = preds.get(i).unwrap_or(&empty);
            let (a, b, c) = compare(g, p);
            tp += a;
            fp += b;
            fnn += c;
            for (k, gv) in g {
                if p.get(k) != Some(gv) {
                    errors.push(format!(
                        "note {} #{i} {k}: gold {gv:?} got {:?}",
                        note["note"],
                        p.get(k)
                    ));
                }
            }
            for (k, pv) in p {
                if !g.contains_key(k) {
                    errors.push(format!(
                        "note {} #{i} {k}: gold none got {pv:?}",
                        note["note"]
                    ));
                }
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fnn).max(1) as f64;
    (
        2.0 * precision * recall / (precision + recall).max(f64::EPSILON),
        errors,
    )
}

#[test]
fn seed_article_archival_citations() {
    let (f1, errors) = score(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/korean-war-origins.gold.jsonl"
        ),
        true,
    );
    eprintln!("seed archival F1 {f1:.3}");
    assert!(
        f1 >= 0.98,
        "seed archival F1 {f1:.3}\n{}",
        errors.join("\n")
    );
}

#[test]
fn archival_fixture_set() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/archival/archival-notes.gold.jsonl"
    );
    let gold = std::fs::read_to_string(path).unwrap();
    let citations: usize = gold
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|n| n["citations"].as_array().map_or(0, Vec::len))
        .sum();
    assert!(
        citations >= 200,
        "only {citations} citations in the fixture set"
    );
    let (f1, errors) = score(path, true);
    eprintln!("fixture F1 {f1:.3}\n{}", errors.join("\n"));
    assert!(f1 >= 0.95, "fixture F1 {f1:.3}");
}

#[test]
fn every_archive_is_documented() {
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/archives.md")).unwrap();
    for a in archives::all() {
        assert!(
            docs.contains(&format!("`{}`", a.abbrev)),
            "{} missing from docs/archives.md",
            a.abbrev
        );
        assert!(
            docs.contains(a.name),
            "{} missing from docs/archives.md",
            a.name
        );
    }
}

#[test]
fn one_document_one_record() {
    use ibid::parse::archival::same::{disagreements, same_document};
    let (a, _) =
        one("Kovalev to Filippov on 18 May 1949, APRF, F. 45, Op. 1, D. 331, Ll. 59 - 61.");
    let (b, _) = one("Telegram from Kovalev to Stalin, 18 May 1949, SD00232");
    assert!(same_document(&a, &b));
    assert_eq!(
        disagreements(&a, &b),
        vec![
            "recipient: Filippov / Stalin".to_string(),
            "archive_location: f. 45, op. 1, d. 331, ll. 59-61 / SD00232".to_string()
        ]
    );
    let (c, _) = one("APRF, f. 45, op. 1, d. 331, l. 60");
    assert!(same_document(&a, &c));
    let (d, _) = one("APRF, f. 45, op. 1, d. 331, l. 62");
    assert!(!same_document(&a, &d));
}

#[test]
fn signatures_of_other_archival_systems() {
    let (item, end) =
        one("Ulbricht to Khrushchev, 18 January 1961, SAPMO-BArch, DY 30/3386, Bl. 1-10.");
    assert_eq!(
        item.archive.as_deref(),
        Some("Stiftung Archiv der Parteien und Massenorganisationen der DDR im Bundesarchiv")
    );
    assert_eq!(item.archive_place.as_deref(), Some("Berlin"));
    assert_eq!(
        item.archive_location.as_deref(),
        Some("DY 30/3386, Bl. 1-10")
    );
    assert_eq!(
        end,
        "Ulbricht to Khrushchev, 18 January 1961, SAPMO-BArch, DY 30/3386, Bl. 1-10".len()
    );
    let (item, _) = one("Gottwald to Stalin, 14 June 1948, NA CR, f. 02/2, sv. 1, a.j. 5.");
    assert_eq!(
        item.archive_location.as_deref(),
        Some("f. 02/2, sv. 1, a.j. 5")
    );
    assert_eq!(item.custom.fond, None);
    for seg in [
        "Robert Service, The Stalin Era, 1928-1953 (London: Longman, 1990), p. 12.",
        "Ivan Petrov, Istoriia (Moscow: ERA, 1995), p. 3.",
    ] {
        assert!(parse_archival_citation(seg, None).is_none(), "{seg}");
    }
}

fn pipeline_citations(note: &str) -> Vec<ibid::model::Citation> {
    let doc = ibid::convert_text("names.txt", &format!("Notes\n\n1. {note}\n"));
    assert_eq!(doc.notes.len(), 1);
    doc.notes[0].citations.clone()
}

fn initialed(family: &str, given: &str) -> Name {
    Name::person(family, Some(given.into()))
}

#[test]
fn russian_names_printed_family_first() {
    let (item, _) = one("Докладная записка Федоренко П. Л. Симонову Ю. Е., 12 мая 1947 г. — ЦАМО РФ. Ф. 342. Оп. 28. Д. 188. Л. 291–297.");
    assert_eq!(item.author, vec![initialed("Федоренко", "П. Л.")]);
    assert_eq!(item.recipient, vec![initialed("Симонов", "Ю. Е.")]);
    assert_eq!(
        item.archive_location.as_deref(),
        Some("f. 342, op. 28, d. 188, ll. 291-297")
    );
    let (item, _) = one(
        "Письмо Сталина И. В. в ЦК ВКП(б), 3 марта 1950 г. — РГАСПИ. Ф. 558. Оп. 11. Д. 334. Л. 5.",
    );
    assert_eq!(item.author, vec![initialed("Сталин", "И. В.")]);
    assert_eq!(item.recipient, vec![Name::literal("ЦК ВКП(б)")]);
    let (item, _) = one(
        "Записка В. М. Молотова И. В. Сталину, 12 мая 1947 г. — АП РФ. Ф. 3. Оп. 65. Д. 5. Л. 1–3.",
    );
    assert_eq!(item.author, vec![initialed("Молотов", "В. М.")]);
    assert_eq!(item.recipient, vec![initialed("Сталин", "И. В.")]);
}

#[test]
fn nominative_addressee_inside_a_note_of_several_citations() {
    let citations = pipeline_citations("Chen Jian, Mao’s China and the Cold War (Chapel Hill: University of North Carolina Press, 2001), 12; Записка Зубок Л. Ф. Микоян А. С., 4 февраля 1939 г. — АП РФ. Ф. 275. Оп. 85. Д. 1222. Л. 288–294; see also Stephen Kotkin, Armageddon Averted (Oxford: Oxford University Press, 2001), 45.");
    assert_eq!(citations.len(), 3, "{citations:#?}");
    let document = &citations[1].item;
    assert_eq!(document.kind, ItemType::PersonalCommunication);
    assert_eq!(document.author, vec![initialed("Зубок", "Л. Ф.")]);
    assert_eq!(document.recipient, vec![initialed("Микоян", "А. С.")]);
    assert_eq!(document.issued, Some(Date::ymd(1939, Some(2), Some(4))));
    assert_eq!(
        document.archive_location.as_deref(),
        Some("f. 275, op. 85, d. 1222, ll. 288-294")
    );
    let next = &citations[2];
    assert_eq!(next.prefix.as_deref(), Some("see also"));
    assert_eq!(next.item.title.as_deref(), Some("Armageddon Averted"));
    assert_eq!(next.locator.as_ref().map(|l| l.value.as_str()), Some("45"));
}
