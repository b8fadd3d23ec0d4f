//! Note finding on arbitrary text: no panic, and every span is a valid
//! slice of the document holding exactly the note's text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|doc: &str| {
    for note in ibid::source::find_notes(doc) {
        assert_eq!(doc.get(note.span.clone()), Some(note.text));
    }
});
