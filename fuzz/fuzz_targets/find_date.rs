//! The date grammar on arbitrary text: no panic, and a found date's range
//! is a valid slice of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some((range, _)) = ibid::parse::dates::find_date(text) {
        assert!(text.get(range).is_some());
    }
    let _ = ibid::parse::dates::parse_date(text);
});
