//! The Chicago grammar on arbitrary citation text: no panic, no hang, and
//! the discursive lead it reports is a character boundary of the citation
//! (callers slice the note with it).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|citation: &str| {
    if let Some(c) = ibid::parse::chicago::parse_chicago(citation) {
        let trimmed = citation.trim();
        assert!(c.lead <= trimmed.len() && trimmed.is_char_boundary(c.lead));
    }
    let _ = ibid::parse::chicago::ibid(citation);
});
