//! Exporters, one module per output format. `docs/formats.md` says what each
//! format keeps and loses.
//!
//! Every format writes the bibliography of a batch: each distinct work once
//! (works are keyed by [`crate::resolve::keys::assign_keys`]; an identical item cited
//! in two documents shares its key and is written once), documents in
//! order, each document's works in order of first citation. The `notes`
//! format writes the notes themselves instead.

pub mod bibtex;
pub mod csl_json;
pub mod csv;
pub mod notes;
pub mod ris;

use crate::model::packed::Texts;
use crate::model::Document;
use crate::model::Work;
use crate::model::{Date, Item, Name};
use std::collections::HashSet;

/// The output formats of `ibid convert --to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// CSL-JSON: the lossless path into Zotero (File > Import).
    CslJson,
    /// BibTeX: the subset Zotero's BibTeX import keeps.
    Bibtex,
    /// BibLaTeX: every field, archival parts included.
    Biblatex,
    /// CSV: one row per work (or per citation with --per citation).
    Csv,
    /// RIS: for reference managers and library catalogues.
    Ris,
    /// JSON Lines, one object per note with its parsed citations.
    Notes,
}

impl Format {
    /// Every output format, in the order `ibid formats` lists them.
    pub const ALL: [Format; 6] = [
        Format::CslJson,
        Format::Bibtex,
        Format::Biblatex,
        Format::Ris,
        Format::Csv,
        Format::Notes,
    ];

    /// The name `--to` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::CslJson => "csl-json",
            Format::Bibtex => "bibtex",
            Format::Biblatex => "biblatex",
            Format::Csv => "csv",
            Format::Ris => "ris",
            Format::Notes => "notes",
        }
    }

    /// The usual file extension of the format (`--out-dir` names files
    /// with it; `-o` infers the format from it).
    pub fn extension(self) -> &'static str {
        match self {
            Format::CslJson => "json",
            Format::Bibtex | Format::Biblatex => "bib",
            Format::Csv => "csv",
            Format::Ris => "ris",
            Format::Notes => "jsonl",
        }
    }

    /// The format an output file name asks for, by its extension (case
    /// ignored): `.json` CSL-JSON, `.bib` BibTeX (BibLaTeX when
    /// `biblatex` is set), `.ris` RIS, `.csv` CSV, `.jsonl` notes. `None`
    /// for any other extension or none.
    pub fn from_file_name(path: &std::path::Path, biblatex: bool) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => Format::CslJson,
            "bib" if biblatex => Format::Biblatex,
            "bib" => Format::Bibtex,
            "ris" => Format::Ris,
            "csv" => Format::Csv,
            "jsonl" => Format::Notes,
            _ => return None,
        })
    }

    /// One line on what the format is for and what it keeps and loses
    /// (the table of docs/formats.md, shortened).
    pub fn summary(self) -> &'static str {
        match self {
            Format::CslJson => "Zotero, citeproc, pandoc; keeps everything (facts Zotero drops are repeated in `note`, which Zotero keeps in Extra)",
            Format::Bibtex => "Zotero's BibTeX import, classic BibTeX; standard fields, the rest readable in `howpublished` and as `key: value` lines in `note`",
            Format::Biblatex => "biber/biblatex; keeps everything in fields (library, shelfmark, recipient, archival parts, EDTF dates)",
            Format::Ris => "Zotero, EndNote, reference managers; RIS tags, the rest as lines of a note",
            Format::Csv => "spreadsheets, catalogues; one row per work (or per citation with --per citation), one column per fact, names flattened",
            Format::Notes => "ibid's JSON Lines, the gold format: every note, citation, locator and resolution",
        }
    }
}

/// What one CSV row stands for (`--per`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CsvRows {
    #[default]
    Work,
    Citation,
}

/// Format-specific choices of the command line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub csv_rows: CsvRows,
}

/// Writes the bibliography of a batch (keys already assigned) in the given
/// format.
pub fn write(
    format: Format,
    docs: &[Document],
    options: &Options,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    match format {
        Format::Csv if options.csv_rows == CsvRows::Citation => csv::write_citations(docs, out)?,
        Format::Notes => {
            for doc in docs {
                notes::write_notes(doc, out)?;
            }
        }
        format => {
            let mut writer = BibliographyWriter::new(format, out);
            writer.write(&bibliography(docs))?;
            writer.finish()?;
        }
    }
    Ok(())
}

/// Writes a bibliography (CSL-JSON, BibTeX, BibLaTeX, RIS or CSV rows of
/// works) as its works come, a document's at a time: what a batch needs to
/// write each document out and drop it. The output is the same as writing
/// all the works at once.
pub struct BibliographyWriter<'w> {
    format: Format,
    out: &'w mut dyn std::io::Write,
    /// Works written so far.
    written: usize,
    /// The CSV header is written.
    started: bool,
}

impl<'w> BibliographyWriter<'w> {
    /// A writer for one of the bibliography formats (not `notes`, and for
    /// CSV the rows of works).
    pub fn new(format: Format, out: &'w mut dyn std::io::Write) -> BibliographyWriter<'w> {
        BibliographyWriter {
            format,
            out,
            written: 0,
            started: false,
        }
    }

    /// Writes the next works.
    pub fn write(&mut self, works: &[&Work]) -> anyhow::Result<()> {
        self.start()?;
        match self.format {
            Format::CslJson => csl_json::write_elements(works, self.written == 0, self.out)?,
            Format::Bibtex => bibtex::write(bibtex::Dialect::Bibtex, works, self.out)?,
            Format::Biblatex => bibtex::write(bibtex::Dialect::Biblatex, works, self.out)?,
            Format::Ris => ris::write(works, self.out)?,
            Format::Csv => csv::write_work_rows(works, self.out)?,
            Format::Notes => anyhow::bail!("the notes format writes notes, not a bibliography"),
        }
        self.written += works.len();
        Ok(())
    }

    /// Ends the bibliography (closes the CSL-JSON array).
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.start()?;
        if self.format == Format::CslJson {
            csl_json::write_end(self.written == 0, self.out)?;
        }
        Ok(())
    }

    /// Writes what precedes the first work (the CSV header), once.
    fn start(&mut self) -> anyhow::Result<()> {
        if !self.started && self.format == Format::Csv {
            csv::write_work_header(self.out)?;
        }
        self.started = true;
        Ok(())
    }
}

/// The works of a batch, each key once, in order of first appearance.
pub fn bibliography(docs: &[Document]) -> Vec<&Work> {
    let mut listed = HashSet::new();
    docs.iter()
        .flat_map(|doc| unlisted(&doc.works, &mut listed))
        .collect()
}

/// The works whose keys are not in `listed` yet, each key once, in order;
/// their keys are added to `listed`.
pub fn unlisted<'a>(works: &'a [Work], listed: &mut HashSet<&'a str>) -> Vec<&'a Work> {
    works
        .iter()
        .filter(|work| listed.insert(work.key.as_str()))
        .collect()
}

/// The facts of an item that no standard field of any export format holds,
/// as `(label, value)` pairs: the archive's place and the parts of
/// [`crate::model::Custom`]. Labels are the kebab-case names used in
/// `key: value` note lines and CSV headers.
pub fn custom_facts(item: &Item) -> Vec<(&'static str, String)> {
    let mut facts = Vec::new();
    each_custom_fact(item, |label, value| facts.push((label, value.to_string())));
    facts
}

/// Calls `f` with each of the item's [`custom_facts`], in their order,
/// without copying them: of an [`Item`], or of a packed item read in place.
pub fn each_custom_fact<'a>(item: impl Texts<'a>, mut f: impl FnMut(&'static str, &'a str)) {
    let facts: [(&'static str, Option<&'a str>); 13] = [
        // A real CSL variable, but one Zotero and BibTeX have no field for.
        ("volume-title", item.volume_title()),
        ("archive-abbrev", item.archive_abbrev()),
        ("archive-cited", item.archive_cited()),
        ("fond", item.fond()),
        ("opis", item.opis()),
        ("papka", item.papka()),
        ("delo", item.delo()),
        ("folios", item.folios()),
        ("document-number", item.document_number()),
        ("title-translated", item.title_translated()),
        (
            "container-title-translated",
            item.container_title_translated(),
        ),
        ("author-identity", item.author_identity()),
        ("recipient-identity", item.recipient_identity()),
    ];
    for (label, value) in facts {
        if let Some(value) = value {
            f(label, value);
        }
    }
}

/// `label: value` lines for the given facts that are present, followed by
/// the item's [`custom_facts`]: the tail every format's note lines share.
pub fn fact_lines<'a>(
    facts: impl IntoIterator<Item = (&'a str, Option<String>)>,
    item: &Item,
) -> Vec<String> {
    let present = facts
        .into_iter()
        .filter_map(|(label, value)| value.map(|v| (label, v)));
    present
        .chain(custom_facts(item))
        .map(|(label, value)| format!("{label}: {value}"))
        .collect()
}

/// A name as `Family, Given` (a body as its literal name), with its
/// suffix last (`Family, Given, Jr.`, as RIS writes it).
pub fn family_given(name: &Name) -> String {
    let plain = match (&name.literal, &name.family, &name.given) {
        (Some(literal), _, _) => return literal.clone(),
        (None, Some(family), Some(given)) => format!("{family}, {given}"),
        (None, Some(family), None) => family.clone(),
        (None, None, given) => given.clone().unwrap_or_default(),
    };
    match &name.suffix {
        Some(suffix) => format!("{plain}, {suffix}"),
        None => plain,
    }
}

/// A name as Zotero and citeproc-js read it from a `key: value` line:
/// `Family || Given`, or the body's name alone.
pub fn extra_line_name(name: &Name) -> String {
    match (&name.literal, &name.family, &name.given) {
        (None, Some(family), Some(given)) => format!("{family} || {given}"),
        _ => family_given(name),
    }
}

/// A date in EDTF / ISO 8601 (`1949-05-01`, `1995/1996`), the form BibLaTeX
/// `date` fields and `key: value` lines take; a literal date as its text.
pub fn edtf(date: &Date) -> Option<String> {
    let iso = |parts: &Vec<i32>| {
        let mut iter = parts.iter();
        let mut out = format!("{:04}", iter.next()?);
        for part in iter {
            out.push_str(&format!("-{part:02}"));
        }
        Some(out)
    };
    match date.date_parts.as_slice() {
        [] => date.literal.clone().or_else(|| date.raw.clone()),
        [single] => iso(single),
        [start, end, ..] => Some(format!("{}/{}", iso(start)?, iso(end)?)),
    }
}

/// A date as a reader writes it, with its season (`Winter 1995/1996`,
/// `1949-05-01`, `forthcoming`).
pub fn date_text(date: &Date) -> Option<String> {
    let base = edtf(date);
    match (&date.season, base) {
        (Some(season), Some(base)) => Some(format!("{season} {base}")),
        (Some(season), None) => Some(season.clone()),
        (None, base) => base,
    }
}
