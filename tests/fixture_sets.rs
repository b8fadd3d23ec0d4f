//! The fixture sets through the whole pipeline, scored with the Rust port
//! of score.py: the Russian-language notes (issue 8) and the archival
//! citations (issue 3). The seed article has its own test (tests/seed.rs).

use ibid::export::notes::write_notes;
use ibid::score::Score;

fn score_fixture(text: &str, gold: &str) -> Score {
    let doc = ibid::convert_text("fixture.txt", text);
    let mut out = Vec::new();
    write_notes(&doc, &mut out).unwrap();
    let score = ibid::score::score(gold, &String::from_utf8(out).unwrap()).unwrap();
    println!("{score}");
    assert_eq!(score.notes_pred, score.notes_gold, "every note comes out");
    assert_eq!(score.notes_not_in_gold, 0);
    score
}

#[test]
fn russian_fixture_set_scores_above_the_bar() {
    let score = score_fixture(
        include_str!("../fixtures/russian/russian-notes.txt"),
        include_str!("../fixtures/russian/russian-notes.gold.jsonl"),
    );
    assert!(
        score.citations_gold >= 150,
        "only {} citations",
        score.citations_gold
    );
    assert!(
        score.f1 >= 0.93,
        "Russian fixture F1 {:.3} below 0.93",
        score.f1
    );
    assert!(score.resolution_correct * 100 >= score.resolution_total * 95);
}

#[test]
fn archival_fixture_set_scores_above_the_bar() {
    let score = score_fixture(
        include_str!("../fixtures/archival/archival-notes.txt"),
        include_str!("../fixtures/archival/archival-notes.gold.jsonl"),
    );
    assert!(
        score.citations_gold >= 200,
        "only {} citations",
        score.citations_gold
    );
    assert!(
        score.f1 >= 0.95,
        "archival fixture F1 {:.3} below 0.95",
        score.f1
    );
    assert!(score.resolution_correct * 100 >= score.resolution_total * 95);
}

#[test]
fn cyrillic_records_get_readable_ascii_keys() {
    let text = "Примечания\n[1] Иванов И. И. Название: подзаголовок. М.: Наука, 2001. С. 12–14.\n";
    let mut docs = vec![ibid::convert_text("ru.txt", text)];
    ibid::resolve::keys::assign_keys(&mut docs);
    assert_eq!(docs[0].works.len(), 1);
    assert_eq!(docs[0].works[0].key, "ivanov2001nazvanie");
}

/// Every signal phrase the gold of the Russian set records ("См.:", "Цит.
/// по:", "Подробнее см.:") is the prefix of that citation.
#[test]
fn russian_signal_phrases_are_prefixes() {
    let text = include_str!("../fixtures/russian/russian-notes.txt");
    let gold = include_str!("../fixtures/russian/russian-notes.gold.jsonl");
    let doc = ibid::convert_text("fixture.txt", text);
    let mut checked = 0;
    for line in gold.lines() {
        let note: serde_json::Value = serde_json::from_str(line).unwrap();
        let label = note["note"].as_str().unwrap();
        let ours = doc.notes.iter().find(|n| n.label == label).unwrap();
        for (i, citation) in note["citations"].as_array().unwrap().iter().enumerate() {
            if let Some(prefix) = citation.get("prefix").and_then(|p| p.as_str()) {
                assert_eq!(
                    ours.citations[i].prefix.as_deref(),
                    Some(prefix),
                    "note {label}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 7, "{checked} prefixes");
}
