//! The locator grammar on arbitrary citation text: no panic, and the cut
//! is on a character boundary.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|citation: &str| {
    if let Some((cut, _)) = ibid::parse::locator::trailing_locator(citation) {
        assert!(citation.is_char_boundary(cut));
    }
});
