//! The seed article end to end: every note comes out, and the `notes`
//! output scores against the gold with the definitions of score.py.

use ibid::export::notes::write_notes;

const ARTICLE: &str = include_str!("../fixtures/korean-war-origins.txt");
const GOLD: &str = include_str!("../fixtures/korean-war-origins.gold.jsonl");

fn notes_output() -> String {
    let doc = ibid::convert_text("korean-war-origins.txt", ARTICLE);
    let mut out = Vec::new();
    write_notes(&doc, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_note_comes_out_in_order() {
    let doc = ibid::convert_text("korean-war-origins.txt", ARTICLE);
    let labels: Vec<&str> = doc.notes.iter().map(|n| n.label.as_str()).collect();
    let expected: Vec<String> = (1..=81).map(|n| n.to_string()).collect();
    assert_eq!(labels, expected);
}

#[test]
fn seed_article_scores_perfectly() {
    let score = ibid::score::score(GOLD, &notes_output()).unwrap();
    println!("{score}");
    assert_eq!(score.notes_pred, 81);
    assert_eq!(score.notes_not_in_gold, 0);
    // The article the grammars were founded on stays perfect: every field
    // and every short form and Ibid.
    assert!(score.f1 >= 0.999, "overall F1 {:.3} below 1.000", score.f1);
    assert_eq!(
        score.resolution_correct, score.resolution_total,
        "short forms and ibids resolved {}/{}",
        score.resolution_correct, score.resolution_total
    );
}

#[test]
fn output_is_deterministic() {
    assert_eq!(notes_output(), notes_output());
}
