//! Output safety (issue 7): LaTeX-special characters survive a BibTeX and
//! BibLaTeX round trip, spreadsheet formulas are neutralised in CSV, and a
//! Word file that would decompress beyond the size cap is refused.

use ibid::export::{write, Format, Options};
use std::io::Write;
use std::process::Command;

/// Notes whose titles and names hold every character LaTeX treats
/// specially, unbalanced braces included.
const HOSTILE_NOTES: &str = "Notes\n\n\
1. John Smith, Profits of 100% & More: #1 in {Sales (New York: Brace } Press, 1990), 5.\n\
2. Jane Roe, A \\backslash Story with $math$ and under_score (London: Under_score {{ Press, 1991), 7.\n\
3. Ann Lee, =SUM(A1:A9) and Other Formulas (Paris: @Home Press, 1992), 9.\n";

fn converted(format: Format) -> String {
    let mut docs = vec![ibid::convert_text("hostile.txt", HOSTILE_NOTES)];
    ibid::resolve::keys::assign_keys(&mut docs);
    assert_eq!(docs[0].works.len(), 3);
    let mut out = Vec::new();
    write(format, &docs, &Options::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn titles_of_seed() -> Vec<String> {
    let docs = ibid::convert_text("hostile.txt", HOSTILE_NOTES);
    docs.works
        .iter()
        .map(|w| w.item.unpack().title.clone().unwrap())
        .collect()
}

#[test]
fn latex_specials_survive_bibtex_and_biblatex() {
    let titles = titles_of_seed();
    assert!(
        titles[0].contains("100% & More: #1 in {Sales"),
        "{titles:?}"
    );
    for format in [Format::Bibtex, Format::Biblatex] {
        let text = converted(format);
        let bib = biblatex::Bibliography::parse(&text)
            .unwrap_or_else(|e| panic!("{format:?} does not re-parse: {e:?}\n{text}"));
        assert_eq!(bib.len(), 3, "{format:?}");
        for (entry, expected) in bib.iter().zip(&titles) {
            let title = entry.title().unwrap();
            let plain: String = title.iter().map(|chunk| chunk.v.get()).collect();
            assert_eq!(&plain, expected, "{format:?}");
        }
    }
}

#[test]
fn csv_cells_that_start_a_formula_are_neutralised() {
    let text = converted(Format::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let title_col = headers.iter().position(|h| h == "title").unwrap();
    let publisher_col = headers.iter().position(|h| h == "publisher").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[2][title_col], "'=SUM(A1:A9) and Other Formulas");
    assert_eq!(&rows[2][publisher_col], "'@Home Press");
    assert_eq!(
        ibid::export::csv::restore(&rows[2][title_col]),
        "=SUM(A1:A9) and Other Formulas"
    );
}

/// A .docx whose footnotes part decompresses to more than the cap: refused
/// with a clear error (exit 2), in bounded memory.
#[test]
fn a_zip_bomb_in_a_word_file_is_refused() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ibid-bomb");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bomb.docx");
    {
        let file = std::fs::File::create(&path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"/>")
            .unwrap();
        zip.start_file("word/footnotes.xml", options).unwrap();
        let chunk = vec![b' '; 1 << 20];
        let megabytes = ibid::source::MAX_PART_BYTES / (1 << 20) + 8;
        for _ in 0..megabytes {
            zip.write_all(&chunk).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(
        std::fs::metadata(&path).unwrap().len() < 4 << 20,
        "the bomb itself is small"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_ibid"))
        .args(["convert", path.to_str().unwrap(), "--to", "notes"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("bomb.docx"), "{err}");
    assert!(err.contains("word/footnotes.xml"), "{err}");
    assert!(out.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
