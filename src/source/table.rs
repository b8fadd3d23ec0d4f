//! One reference per row of a spreadsheet column (CSV or TSV), as a
//! librarian's list of references arrives.

use super::{OwnedNote, SourceError};

/// Reads one column of a CSV or TSV file (the delimiter is whichever of
/// tab, comma and semicolon the header line uses most), one note per
/// non-empty cell. The column is named by its header, compared without
/// regard to case; `None` takes the first column. A note's label is its
/// row number as a spreadsheet shows it: the header is row 1.
pub fn read_csv_column(bytes: &[u8], column: Option<&str>) -> Result<Vec<OwnedNote>, SourceError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(guess_delimiter(bytes))
        .flexible(true)
        .from_reader(bytes);
    let csv_error = |e: csv::Error| SourceError::Csv {
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    };
    let headers = reader.headers().map_err(csv_error)?.clone();
    let index = match column {
        None => 0,
        Some(wanted) => headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(wanted.trim()))
            .ok_or_else(|| SourceError::NoColumn {
                column: wanted.to_string(),
                available: headers.iter().collect::<Vec<_>>().join(", "),
            })?,
    };
    let mut notes = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(csv_error)?;
        let text = record.get(index).unwrap_or("").trim();
        if !text.is_empty() {
            notes.push(OwnedNote {
                label: (row + 2).to_string(),
                text: text.to_string(),
                italics: Vec::new(),
                embedded: Vec::new(),
            });
        }
    }
    Ok(notes)
}

/// The delimiter the header line uses most, outside quotes.
fn guess_delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in header {
        match b {
            b'"' => quoted = !quoted,
            b'\t' if !quoted => counts[0] += 1,
            b',' if !quoted => counts[1] += 1,
            b';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let delimiters = [b'\t', b',', b';'];
    let best = (0..3).max_by_key(|&i| (counts[i], i == 1)).unwrap_or(1);
    if counts[best] == 0 {
        b','
    } else {
        delimiters[best]
    }
}
