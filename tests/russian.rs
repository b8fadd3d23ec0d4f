//! The Russian fixture set (issue 8) through the whole pipeline, scored
//! with the Rust port of score.py.

use ibid::export::notes::write_notes;

#[test]
fn russian_fixture_set_scores_above_the_bar() {
    let text = include_str!("../fixtures/russian/russian-notes.txt");
    let gold = include_str!("../fixtures/russian/russian-notes.gold.jsonl");
    let doc = ibid::convert_text("russian-notes.txt", text);
    let mut out = Vec::new();
    write_notes(&doc, &mut out).unwrap();
    let score = ibid::score::score(gold, &String::from_utf8(out).unwrap()).unwrap();
    println!("{score}");
    assert!(score.citations_gold >= 150, "only {} citations", score.citations_gold);
    assert_eq!(score.notes_pred, score.notes_gold);
    assert!(score.f1 >= 0.93, "Russian fixture F1 {:.3} below 0.93", score.f1);
    assert!(score.resolution_correct * 100 >= score.resolution_total * 95);
}

#[test]
fn cyrillic_records_get_readable_ascii_keys() {
    let text = "Примечания\n[1] Иванов И. И. Название: подзаголовок. М.: Наука, 2001. С. 12–14.\n";
    let mut docs = vec![ibid::convert_text("ru.txt", text)];
    ibid::keys::assign_keys(&mut docs);
    assert_eq!(docs[0].works.len(), 1);
    assert_eq!(docs[0].works[0].key, "ivanov2001nazvanie");
}
