//! The bibliography printed in a manuscript: found under its heading
//! (`data/bibliography-headings.txt`: Bibliography, Works Cited, Sources,
//! Список литературы, ...), cut into entries, and kept out of the notes.
//!
//! The section runs from its heading to the next notes heading, the next
//! Markdown heading of its level or above, or the end of the text. An
//! entry starts on a line of its own and ends with a period: a line that
//! is indented, or follows a line not ending in a period, goes on with the
//! entry before it; a blank line ends it. List marks (`1.`, `[1]`,
//! `-`, `*`) are not part of an entry. A short line with no period and no
//! digit ("Archives", "Secondary Literature") heads a group of entries and
//! is no entry.

use super::SourceNote;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// The bibliography section of a text.
#[derive(Debug)]
pub struct BibliographySection<'a> {
    /// Bytes of the whole section, heading included.
    pub span: Range<usize>,
    /// The entries, labelled `bib:1`, `bib:2`, ... in order.
    pub entries: Vec<SourceNote<'a>>,
}

fn headings() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::text::data_lines(include_str!("../../data/bibliography-headings.txt"))
            .map(str::to_lowercase)
            .collect()
    })
}

/// The Markdown level of a heading line (0 for a plain line).
fn level(line: &str) -> usize {
    line.trim_start().chars().take_while(|&c| c == '#').count()
}

/// True for a line that heads a bibliography.
pub fn is_bibliography_heading(line: &str) -> bool {
    let title = line
        .trim()
        .trim_start_matches('#')
        .trim_end_matches(['#', ':', '.'])
        .trim();
    if title.is_empty() || title.len() >= 80 {
        return false;
    }
    // A title whose first char lowercases to no heading's first char is
    // none, told without lowercasing it whole (most lines are notes that
    // open with "[12]" or a name). The first char of a lowercased text is
    // its first char lowercased (a capital sigma that opens a text is not
    // word-final).
    let first = title.chars().next().and_then(|c| c.to_lowercase().next());
    first.is_some_and(|f| heading_firsts().contains(&f))
        && headings().contains(&title.to_lowercase())
}

/// The first chars of the headings (lowercase).
fn heading_firsts() -> &'static [char] {
    static FIRSTS: OnceLock<Vec<char>> = OnceLock::new();
    FIRSTS.get_or_init(|| {
        let mut firsts: Vec<char> = headings().iter().filter_map(|h| h.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        firsts
    })
}

/// A list mark at the start of an entry (`12.`, `[12]`, `-`, `*`, `•`): its
/// length in bytes.
fn list_mark(line: &str) -> usize {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 && (rest.starts_with(". ") || rest.starts_with(") ")) {
        return digits + 2;
    }
    if let Some(inner) = line.strip_prefix('[') {
        let d = inner.bytes().take_while(u8::is_ascii_digit).count();
        if d > 0 && inner[d..].starts_with("] ") {
            return d + 3;
        }
    }
    for mark in ["- ", "* ", "• "] {
        if line.starts_with(mark) {
            return mark.len();
        }
    }
    0
}

/// True for a line that heads a group of entries rather than being one.
fn is_group_heading(line: &str) -> bool {
    let t = line.trim().trim_end_matches(':');
    t.starts_with('#')
        || (t.chars().count() < 60 && !t.contains('.') && !t.chars().any(|c| c.is_ascii_digit()))
}

/// Finds the bibliography section of a text, if it has one.
pub fn find_bibliography(doc: &str) -> Option<BibliographySection<'_>> {
    // The heading is looked for line by line, the lines before it not
    // kept (most texts have no heading: no line is kept).
    let bytes = doc.as_bytes();
    let mut pos = 0;
    loop {
        if pos >= doc.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(doc.len(), |k| pos + k + 1);
        if is_bibliography_heading(doc[pos..end].trim_end_matches(['\n', '\r'])) {
            break;
        }
        pos = end;
    }
    // The lines from the heading on.
    let mut lines = Vec::new();
    for line in doc[pos..].split_inclusive('\n') {
        lines.push((pos, line.trim_end_matches(['\n', '\r'])));
        pos += line.len();
    }
    let h = 0;
    let heading_level = level(lines[h].1);
    let start = lines[h].0;
    let end_line = lines[h + 1..]
        .iter()
        .position(|(_, l)| {
            super::is_notes_heading(l)
                || (level(l) > 0 && (heading_level == 0 || level(l) <= heading_level))
        })
        .map_or(lines.len(), |i| h + 1 + i);
    let end = lines.get(end_line).map_or(doc.len(), |(p, _)| *p);
    let body = &lines[h + 1..end_line];
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut open = false;
    let mut previous = "";
    for (p, line) in body {
        let text = line.trim();
        if text.is_empty() {
            open = false;
            continue;
        }
        // An entry ends with a period: a line after one that does not, or
        // an indented line, goes on with the same entry.
        let continues = open && (line.starts_with([' ', '\t']) || !previous.ends_with('.'));
        previous = text;
        if continues {
            if let Some(last) = spans.last_mut() {
                last.end = p + line.trim_end().len();
            }
            continue;
        }
        if is_group_heading(text) {
            open = false;
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let mark = list_mark(&line[lead..]);
        let from = p + lead + mark;
        spans.push(from..p + line.trim_end().len());
        open = true;
    }
    let entries = spans
        .into_iter()
        .enumerate()
        .map(|(i, span)| {
            let text = doc[span.clone()].trim();
            SourceNote {
                label: std::borrow::Cow::Owned(format!("bib:{}", i + 1)),
                text,
                span,
            }
        })
        .collect();
    Some(BibliographySection {
        span: start..end,
        entries,
    })
}

/// The text with the bibliography section blanked out (every byte but
/// line breaks a space), so that note finding neither takes its entries
/// for notes nor runs the last note into it. Spans stay those of `doc`.
pub fn without_section(doc: &str, span: &Range<usize>) -> String {
    let mut out = String::with_capacity(doc.len());
    out.push_str(&doc[..span.start]);
    out.extend(
        doc[span.clone()]
            .bytes()
            .map(|b| if b == b'\n' { '\n' } else { ' ' }),
    );
    out.push_str(&doc[span.end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The heading's line and position as first found: every line of the
    /// text cut and kept, then searched.
    fn heading_by_all_lines(doc: &str) -> Option<(usize, &str)> {
        let mut lines = Vec::new();
        let mut pos = 0;
        for line in doc.split_inclusive('\n') {
            lines.push((pos, line.trim_end_matches(['\n', '\r'])));
            pos += line.len();
        }
        let h = lines.iter().position(|(_, l)| is_bibliography_heading(l))?;
        Some(lines[h])
    }

    #[test]
    fn a_heading_is_told_by_its_first_char_as_by_the_whole_title() {
        // Each heading as listed, capitalized and in capitals, and each
        // with its first char replaced by every char of several blocks.
        let slow = |line: &str| {
            let title = line
                .trim()
                .trim_start_matches('#')
                .trim_end_matches(['#', ':', '.'])
                .trim();
            !title.is_empty() && title.len() < 80 && headings().contains(&title.to_lowercase())
        };
        let firsts = ('\u{0}'..='\u{0600}').chain('\u{1E00}'..='\u{2200}');
        for h in headings() {
            let mut capitalized = h.chars();
            let first = capitalized
                .next()
                .unwrap()
                .to_uppercase()
                .collect::<String>();
            let capitalized = first + capitalized.as_str();
            for t in [h.clone(), capitalized, h.to_uppercase(), format!("## {h}:")] {
                assert_eq!(is_bibliography_heading(&t), slow(&t), "{t:?}");
                // (A heading of 80 bytes or more is never taken for one.)
                assert_eq!(is_bibliography_heading(&t), h.len() < 80, "{t:?}");
            }
            let rest = &h[h.chars().next().unwrap().len_utf8()..];
            for c in firsts.clone() {
                let t = format!("{c}{rest}");
                assert_eq!(is_bibliography_heading(&t), slow(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn the_heading_is_found_where_cutting_every_line_finds_it() {
        let parts = [
            "Text.",
            "Bibliography",
            "## Список литературы",
            "1. Marsh, Lost Rivers, 3.",
            "",
            "Notes",
            "Works Cited:",
            "   ",
            "Bell, Tom. Quiet Lakes.",
        ];
        let ends = ["\n", "\r\n", "\n\n", ""];
        // Every text of up to three parts, each with each line end.
        let mut docs = vec![String::new()];
        for _ in 0..3 {
            let mut longer = Vec::new();
            for doc in &docs {
                for part in parts {
                    for end in ends {
                        longer.push(format!("{doc}{part}{end}"));
                    }
                }
            }
            docs.extend(longer);
            docs.dedup();
        }
        for doc in &docs {
            let found = find_bibliography(doc);
            match heading_by_all_lines(doc) {
                None => assert!(found.is_none(), "{doc:?}"),
                Some((pos, line)) => {
                    let section = found.expect("a section");
                    assert_eq!(section.span.start, pos, "{doc:?}");
                    assert!(doc[pos..].starts_with(line), "{doc:?}");
                }
            }
        }
    }

    #[test]
    fn finds_the_section_and_its_entries() {
        let doc = "Text.\n\nNotes\n\n1. Marsh, Lost Rivers, 3.\n\nBibliography\n\nArchives\n\nRGASPI, f. 17, op. 3.\n\nBooks\n\n1. Marsh, Anna. Lost Rivers.\n   London: Fern, 2001.\nBell, Tom. Quiet Lakes. Oxford: Reed, 1999.\n";
        let section = find_bibliography(doc).unwrap();
        let texts: Vec<&str> = section.entries.iter().map(|e| e.text).collect();
        assert_eq!(
            texts,
            [
                "RGASPI, f. 17, op. 3.",
                "Marsh, Anna. Lost Rivers.\n   London: Fern, 2001.",
                "Bell, Tom. Quiet Lakes. Oxford: Reed, 1999."
            ]
        );
        assert_eq!(section.entries[1].label, "bib:2");
        assert_eq!(
            &doc[section.span.start..section.span.start + 12],
            "Bibliography"
        );
        let masked = without_section(doc, &section.span);
        assert_eq!(masked.len(), doc.len());
        assert!(!masked.contains("Quiet"));
        let notes = crate::source::find_notes(&masked);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].text, "Marsh, Lost Rivers, 3.");
    }

    #[test]
    fn russian_headings_and_paragraph_entries() {
        let doc = "## Список литературы\n\nПетров П. П. Тихие реки. М.: Наука,\n1999. 300 с.\n\nИванов И. И. Заглавие. М.: Наука, 1998.\n\n## Примечания\n";
        let section = find_bibliography(doc).unwrap();
        assert_eq!(section.entries.len(), 2);
        assert_eq!(
            section.entries[0].text,
            "Петров П. П. Тихие реки. М.: Наука,\n1999. 300 с."
        );
        assert!(doc[section.span.end..].starts_with("## Примечания"));
        assert!(find_bibliography("Notes\n\n1. A, B, 3.\n").is_none());
    }
}
