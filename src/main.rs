//! The `ibid` command line: a thin clap layer over the library.

use anyhow::Context;
use clap::{Parser, Subcommand};
use ibid::batch;
use ibid::export::{self, CsvRows, Format};
use ibid::input::EncodingSource;
use ibid::report::{FileReport, Report, Summary};
use ibid::resolve::keys::KeyAssigner;
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The grammars build and drop many small strings per note; mimalloc
/// serves them faster than the system allocator. Set here, in the binary:
/// the library leaves the choice to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_t`: 15 in the v2 and
/// v3 sources that libmimalloc-sys builds, which names no constant for it
/// (the test below checks its default).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc returns the memory it frees to the system at once, not after
/// its default delay of a second: a run frees its input text, its notes
/// and the grammars' scratch long before it ends, and with the delay they
/// were still resident while the output was written (the peak; 20 MB of
/// the generated corpus: 73 -> 51 MB, the CPU time the same). The
/// environment's `MIMALLOC_PURGE_DELAY`, if set, is left to mimalloc.
fn purge_freed_memory_at_once() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // Safety: called first thing in `main`, before any other thread.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    }
}

/// Turn the footnotes of a scholarly manuscript into a clean bibliography.
///
/// ibid reads Chicago-style notes (full notes, short forms, Ibid., several
/// citations in one note, discursive notes) and Russian/Soviet archival
/// shorthand, resolves every short form and Ibid. to its work, merges
/// repeated citations of one work, and writes CSL-JSON, BibTeX, BibLaTeX,
/// CSV, RIS, or the `notes` JSON Lines format.
///
/// Data goes to stdout (or -o FILE); diagnostics go to stderr.
/// Exit codes: 0 every note was read; 1 some notes could not be read (the
/// output is still complete, unread citations keep their raw text);
/// 2 usage or I/O error.
#[derive(Parser)]
#[command(name = "ibid", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert the notes of one or more documents into a bibliography.
    ///
    /// Examples:
    ///   ibid convert manuscript.txt --to csl-json -o refs.json
    ///   ibid convert chapters/ --to bibtex
    ///   ibid convert notes.txt --to csv --per citation
    ///   cat notes.txt | ibid convert - --to notes
    #[command(verbatim_doc_comment)]
    Convert(ConvertArgs),

    /// Score `--to notes` output against a gold file (field-level
    /// precision, recall and F1; short forms and ibids resolved).
    ///
    /// Example:
    ///   ibid convert article.txt --to notes > pred.jsonl
    ///   ibid score gold.jsonl pred.jsonl --min-f1 0.95
    #[command(verbatim_doc_comment)]
    Score(ScoreArgs),

    /// List the input and output formats, with what each keeps and loses.
    Formats,

    /// Print a shell completion script to stdout.
    ///
    /// Install (bash):  ibid completions bash > ~/.local/share/bash-completion/completions/ibid
    /// zsh:             ibid completions zsh > ~/.zfunc/_ibid   (with fpath+=~/.zfunc)
    /// fish:            ibid completions fish > ~/.config/fish/completions/ibid.fish
    /// PowerShell:      ibid completions powershell >> $PROFILE
    #[command(verbatim_doc_comment)]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff) to stdout.
    ///
    /// Install:  ibid man > ~/.local/share/man/man1/ibid.1   (then `man ibid`)
    /// Read now: ibid man | man -l -
    #[command(verbatim_doc_comment)]
    Man,
    /// Open a local web page to read manuscripts, correct records and
    /// download the bibliography (nothing leaves this machine).
    ///
    /// Example:
    ///   ibid serve --open
    #[command(verbatim_doc_comment)]
    Serve(ServeArgs),
}

#[derive(clap::Args)]
struct ServeArgs {
    /// The port to listen on (default: a free one, printed).
    #[arg(long, value_name = "N", default_value_t = 0)]
    port: u16,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    /// Listen on this address instead of 127.0.0.1 (the page is then
    /// reachable by others: it has no password).
    #[arg(long, value_name = "ADDRESS")]
    host: Option<String>,
    /// The largest upload, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = ibid::serve::DEFAULT_MAX_UPLOAD >> 20)]
    max_upload_mb: usize,
}

/// Runs `ibid serve` until the process is stopped.
fn serve(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    ibid::serve::run(&ibid::serve::Options {
        port: args.port,
        host: args.host.clone(),
        open: args.open,
        max_upload: args.max_upload_mb.saturating_mul(1 << 20),
    })?;
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
struct ScoreArgs {
    /// The gold notes (JSON Lines).
    gold: PathBuf,
    /// The predicted notes (JSON Lines, as written by `--to notes`).
    pred: PathBuf,
    /// Exit with status 1 when the overall F1 is below this.
    #[arg(long, value_name = "X")]
    min_f1: Option<f64>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Print the first N field disagreements.
    #[arg(long, value_name = "N", default_value_t = 0)]
    show_errors: usize,
}

fn score(args: &ScoreArgs) -> anyhow::Result<ExitCode> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).with_context(|| format!("{}: cannot read", p.display()))
    };
    let gold = read(&args.gold)?;
    let pred = read(&args.pred)?;
    let result = ibid::score::score_showing_errors(&gold, &pred, args.show_errors)
        .map_err(anyhow::Error::msg)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&result.to_json())?);
    } else {
        print!("{result}");
    }
    Ok(match args.min_f1 {
        Some(min) if result.f1 < min => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

#[derive(clap::Args)]
struct ConvertArgs {
    /// Input files or directories ("-" reads standard input). Directories
    /// are searched recursively for .txt, .md, .docx, .odt, .csv, .tsv.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,

    /// Output format. When absent it is taken from the extension of -o:
    /// .json csl-json, .bib bibtex (biblatex with --biblatex), .ris ris,
    /// .csv csv, .jsonl notes.
    #[arg(long, short = 't', value_enum)]
    to: Option<Format>,

    /// With -o FILE.bib and no --to: write BibLaTeX instead of BibTeX.
    #[arg(long, conflicts_with = "to")]
    biblatex: bool,

    /// Write the output to FILE instead of stdout (written atomically:
    /// an interrupted run never leaves a half-written file).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// With --to csv: one row per work (default) or per citation.
    #[arg(long, value_enum, default_value_t = CsvRows::Work)]
    per: CsvRows,

    /// Write a JSON report of every diagnostic (file, note label and position, span, reason).
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,

    /// Replace bytes that are not valid in a text input's encoding (UTF-8
    /// damaged by a few bad bytes, or bad bytes in the encoding a mark or
    /// --encoding declares) with U+FFFD instead of stopping with an error.
    #[arg(long)]
    lossy: bool,

    /// Read text inputs in this encoding instead of detecting it (UTF-8,
    /// or UTF-16 with a byte-order mark, or a legacy encoding guessed
    /// from the bytes): utf-8, utf-16le, utf-16be, windows-1251, koi8-r,
    /// windows-1252, or any other WHATWG label.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,

    /// Print no diagnostics or summary on stderr.
    #[arg(long, short = 'q')]
    quiet: bool,

    /// For .csv/.tsv inputs: the column holding one reference per row
    /// (default: the first column). The row number becomes the note label.
    #[arg(long, value_name = "NAME")]
    column: Option<String>,

    /// Write one output per input into DIR (named after the input, with
    /// the format's extension) instead of one merged bibliography.
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    out_dir: Option<PathBuf>,

    /// Threads: inputs are processed in parallel, and a large bibliography
    /// is written out in parallel (default: one per core). The output is
    /// the same whatever the number.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,

    /// Romanize Cyrillic names and titles in the bibliography (Library of
    /// Congress, no diacritics: Иванов becomes Ivanov). The `notes` format
    /// keeps the text as printed.
    #[arg(long)]
    romanize: bool,

    /// The author's reference library (repeatable): CSL-JSON (Zotero's
    /// export, .json), BibTeX/BibLaTeX (.bib) or RIS (.ris). Short forms and
    /// full citations that match a library item resolve to it
    /// (`resolves_to: "lib:KEY"`) and keep its key.
    #[arg(long, value_name = "FILE")]
    library: Vec<PathBuf>,

    /// Resolve a short form against the full citations of earlier input
    /// files too (files in name order, one after another).
    #[arg(long)]
    across_files: bool,

    /// With --library: write only the works the library does not hold.
    #[arg(long, requires = "library")]
    only_new: bool,
}

fn main() -> ExitCode {
    purge_freed_memory_at_once();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Convert(args) => convert(&args),
        Command::Score(args) => score(&args),
        Command::Formats => formats(),
        Command::Completions { shell } => {
            // Made in memory, then written: clap_complete panics on a
            // write error (a closed pipe) instead of returning it.
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "ibid", &mut script);
            std::io::stdout()
                .write_all(&script)
                .map(|()| ExitCode::SUCCESS)
                .map_err(anyhow::Error::from)
        }
        Command::Man => man(),
        Command::Serve(args) => serve(&args),
    };
    match result {
        Ok(code) => code,
        // A reader that stopped early (`ibid ... | head`) is not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    || c.downcast_ref::<serde_json::Error>()
                        .and_then(|j| j.io_error_kind())
                        == Some(std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ibid: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `ibid formats`: every input and output format, one line each.
fn formats() -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "Input formats (a folder is searched for all of them):")?;
    for (ext, what) in ibid::input::INPUT_FORMATS {
        writeln!(out, "  {ext:<15} {what}")?;
    }
    writeln!(
        out,
        "\nOutput formats (--to NAME, or taken from -o FILE's extension):"
    )?;
    for format in Format::ALL {
        let ext = format!(".{}", format.extension());
        writeln!(out, "  {:<9} {ext:<7} {}", format.name(), format.summary())?;
    }
    writeln!(out, "\nThe full mapping of every field: docs/formats.md.")?;
    Ok(ExitCode::SUCCESS)
}

/// `ibid man`: the manual page, made from the same clap definitions as
/// `--help`, with a page section for each subcommand.
fn man() -> anyhow::Result<ExitCode> {
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("ibid-{}", sub.get_name());
        let sub = sub.clone().name(name.clone()).bin_name(name);
        clap_mangen::Man::new(sub).render(&mut out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The output format: `--to` when given, else what `-o`'s extension asks
/// for; an error that lists the formats and shows a command that would
/// work when neither says.
fn output_format(args: &ConvertArgs) -> anyhow::Result<Format> {
    if let Some(format) = args.to {
        return Ok(format);
    }
    if let Some(format) = args
        .output
        .as_deref()
        .and_then(|p| Format::from_file_name(p, args.biblatex))
    {
        return Ok(format);
    }
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    let input = args
        .inputs
        .first()
        .map_or("manuscript.docx".into(), |p| p.display().to_string());
    let why = match &args.output {
        Some(path) => format!(
            "cannot tell the output format from the name '{}'",
            path.display()
        ),
        None => "no output format given".to_string(),
    };
    anyhow::bail!(
        "{why}\n\n  formats: {}\n  by extension: .json .bib .ris .csv .jsonl\n\n  \
         try: ibid convert {input} --to csl-json -o refs.json\n   or: ibid convert {input} -o refs.bib",
        names.join(", ")
    )
}

/// A progress bar on stderr for a large batch, only when stderr is a
/// terminal and the user did not ask for quiet.
fn progress_bar(paths: &[PathBuf], quiet: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    const LARGE_BATCH_FILES: usize = 8;
    const LARGE_BATCH_BYTES: u64 = 32 << 20;
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if paths.len() < LARGE_BATCH_FILES && bytes < LARGE_BATCH_BYTES {
        return None;
    }
    let bar = indicatif::ProgressBar::new(paths.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} files [{bar:30}] {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

fn convert(args: &ConvertArgs) -> anyhow::Result<ExitCode> {
    let format = output_format(args)?;
    let paths = ibid::input::expand_inputs(&args.inputs)?;
    let mut library = Vec::new();
    for path in &args.library {
        library.extend(ibid::resolve::library::read_library_file(path)?);
    }
    let mut keys = KeyAssigner::default();
    for item in &library {
        keys.reserve(&item.key);
    }
    let catalog = ibid::resolve::library::matching::Catalog::default().with(std::sync::Arc::new(
        ibid::resolve::library::library_known(library),
    ));
    let options = batch::Options {
        format,
        export: export::Options { csv_rows: args.per },
        jobs: args.jobs.unwrap_or(0),
        lossy: args.lossy,
        encoding: args.encoding,
        column: args.column.clone(),
        render: !args.quiet,
        keep_diagnostics: args.report.is_some(),
        romanize: args.romanize,
        progress: progress_bar(&paths, args.quiet),
        catalog,
        across_files: args.across_files,
        only_new: args.only_new,
        earlier: Default::default(),
    };
    // The exporters share the work of writing a large bibliography out on
    // rayon's global pool: as many threads as the batch.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs)
        .build_global();
    let mut done = Done {
        quiet: args.quiet,
        summary: Summary::default(),
        files: Vec::new(),
        diagnostics: Vec::new(),
    };
    match (&args.output, &args.out_dir) {
        (_, Some(dir)) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create directory", dir.display()))?;
            let names = output_names(&paths, format);
            batch::run_in_order(&paths, &options, |i, mut doc, mut processed| {
                keys.assign(&mut doc.works);
                // Each file lists its own works, each key once.
                let works = export::unlisted(&doc.works, &mut Default::default());
                write_atomically(&dir.join(&names[i]), |out| {
                    let mut writer = batch::OutputWriter::new(&options, out)?;
                    writer.document(&doc, &works, &mut processed)?;
                    writer.finish()
                })?;
                done.input(&paths[i], doc, processed);
                Ok(())
            })?;
        }
        (Some(path), None) => write_atomically(path, |out| {
            batch::run_and_write(&paths, &options, &mut keys, out, |i, doc, processed| {
                done.input(&paths[i], doc, processed)
            })
        })?,
        (None, None) => {
            // Spooled, so that a batch that fails part way writes nothing.
            let mut spool = tempfile::SpooledTempFile::new(8 << 20);
            batch::run_and_write(
                &paths,
                &options,
                &mut keys,
                &mut spool,
                |i, doc, processed| done.input(&paths[i], doc, processed),
            )?;
            spool.rewind()?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            std::io::copy(&mut spool, &mut out)?;
            out.flush()?;
        }
    }

    let summary = done.summary;
    if !args.quiet {
        eprintln!("{}", summary.line());
    }
    if let Some(path) = &args.report {
        let report = Report {
            summary: &summary,
            files: done.files,
            diagnostics: done.diagnostics.iter().collect(),
        };
        write_atomically(path, |out| Ok(serde_json::to_writer_pretty(out, &report)?))?;
    }
    Ok(if summary.unreadable_notes > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What is kept of the inputs once they are written: their counts and,
/// for a `--report`, their diagnostics.
struct Done {
    quiet: bool,
    summary: Summary,
    /// How each input was read, for the report.
    files: Vec<FileReport>,
    diagnostics: Vec<ibid::model::Diagnostic>,
}

/// The encoding named by `--encoding`.
fn parse_encoding(name: &str) -> Result<&'static encoding_rs::Encoding, String> {
    ibid::input::encoding_for_label(name).ok_or_else(|| {
        format!(
            "no encoding named {name:?} (try utf-8, utf-16le, windows-1251, koi8-r, windows-1252)"
        )
    })
}

impl Done {
    /// Takes in an input just written: shows its warnings and diagnostics
    /// on stderr (unless quiet), adds its counts, keeps its diagnostics.
    fn input(&mut self, path: &Path, doc: ibid::model::Document, mut processed: batch::Processed) {
        if !self.quiet {
            let stderr = std::io::stderr();
            let mut err = stderr.lock();
            let encoding = processed.encoding.map_or("UTF-8", |e| e.encoding);
            if processed
                .encoding
                .is_some_and(|e| e.source == EncodingSource::Detected)
            {
                let _ = writeln!(
                    err,
                    "ibid: note: {}: not UTF-8, read as {encoding} (detected; --encoding NAME reads it as another)",
                    path.display()
                );
            }
            if processed.replaced {
                let _ = writeln!(
                    err,
                    "ibid: warning: {}: bytes that are not valid {encoding} replaced with U+FFFD",
                    path.display()
                );
            }
            let _ = processed.write_rendered(&mut err);
        }
        self.summary.add_counts(&processed.summary);
        self.files.push(FileReport {
            file: path.display().to_string(),
            encoding: processed.encoding,
            replaced: processed.replaced,
        });
        self.diagnostics.extend(doc.diagnostics);
    }
}

/// The output file of each input for `--out-dir`: its stem and the
/// format's extension; two inputs with one name ("a/notes.txt",
/// "b/notes.txt") get distinct outputs.
fn output_names(paths: &[PathBuf], format: Format) -> Vec<String> {
    let mut used = std::collections::HashSet::new();
    paths
        .iter()
        .map(|path| {
            let stem = path
                .file_stem()
                .map_or("stdin".into(), |s| s.to_string_lossy().into_owned());
            let mut name = format!("{stem}.{}", format.extension());
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{stem}-{n}.{}", format.extension());
                n += 1;
            }
            name
        })
        .collect()
}

fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path.file_name().context("output path has no file name")?;
    let tmp = dir.join(format!(
        ".{}.ibid-tmp-{}",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let file = std::fs::File::create(&tmp)
            .with_context(|| format!("{}: cannot create", tmp.display()))?;
        let mut out = std::io::BufWriter::new(file);
        write(&mut out)?;
        out.flush()?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&tmp, path).with_context(|| format!("{}: cannot write", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    /// The option set is mimalloc's purge delay: the option whose default
    /// is 1000 (ms) in the v3 sources the crate builds (src/options.c), the
    /// only one with that default.
    #[test]
    fn the_purge_delay_option_is_mimallocs() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
