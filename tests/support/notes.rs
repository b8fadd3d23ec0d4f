//! Running made-up notes through the whole pipeline, for the tests of
//! note shapes (chicago_shapes, chicago_roles, periodicals, lead_ins).

use ibid::model::Document;

/// Converts `notes` printed as "1. ...", "2. ..." under a Notes heading,
/// as one document named `file`, and checks that every note comes out.
pub fn convert_numbered(file: &str, notes: &[&str]) -> Document {
    let mut text = String::from("Notes\n\n");
    for (i, n) in notes.iter().enumerate() {
        text.push_str(&format!("{}. {}\n", i + 1, n));
    }
    let doc = ibid::convert_text(file, &text);
    assert_eq!(doc.notes.len(), notes.len(), "every note comes out");
    doc
}
