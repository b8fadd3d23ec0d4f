//! Exporters, one module per format.

pub mod notes;

use crate::pipeline::Document;
use std::io::Write;

/// Output formats of `ibid convert --to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    CslJson,
    Bibtex,
    Biblatex,
    Csv,
    Ris,
    Notes,
}

/// One CSV row per work or per citation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CsvRows {
    #[default]
    Work,
    Citation,
}

/// Options of the exporters.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub csv_rows: CsvRows,
}

/// Writes the bibliography of a batch in the given format.
pub fn write(format: Format, docs: &[Document], options: &Options, out: &mut dyn Write) -> anyhow::Result<()> {
    let _ = options;
    match format {
        Format::Notes => {
            for d in docs {
                notes::write_notes(d, out)?;
            }
            Ok(())
        }
        other => anyhow::bail!("format {other:?} is not available in this build"),
    }
}
