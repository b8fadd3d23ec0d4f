//! WordprocessingML pieces for the tests that build Word files by hand
//! (tests/source.rs, tests/word.rs): escaped text and runs.

#![allow(dead_code)]

/// Text escaped for an XML element or a double-quoted attribute.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A run of text, italic when asked.
pub fn run(text: &str, italic: bool) -> String {
    let properties = if italic { "<w:rPr><w:i/></w:rPr>" } else { "" };
    format!(
        r#"<w:r>{properties}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        xml_escape(text)
    )
}
