//! Citation splitting on arbitrary note text: no panic, and segments are
//! in order, non-overlapping, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|note: &str| {
    let mut last_end = 0;
    for segment in ibid::split::split_note(note) {
        assert!(segment.span.start >= last_end);
        assert!(note.get(segment.span.clone()).is_some());
        if let Some(prefix) = &segment.prefix {
            assert!(note.get(prefix.clone()).is_some());
        }
        last_end = segment.span.end;
    }
});
