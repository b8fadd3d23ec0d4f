//! The whole pipeline, the notes exporter and the diagnostics renderer on
//! arbitrary documents: no panic, every note found comes out as one JSON
//! line that re-parses.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|doc: &str| {
    let found = ibid::source::find_notes(doc).len();
    let converted = ibid::convert_text("fuzz.txt", doc);
    assert_eq!(converted.notes.len(), found);
    let mut out = Vec::new();
    ibid::export::notes::write_notes(&converted, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), found);
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    for d in &converted.diagnostics {
        let note = converted.notes.iter().find(|n| n.label == d.note).unwrap();
        ibid::report::render_diagnostic(d, &note.text);
    }
});
