//! The command line's conveniences: the output format taken from the
//! output file's name, shell completions, the man page, `ibid formats`,
//! and clap's suggestions for typos.

use std::path::PathBuf;
use std::process::Command;

#[path = "support/cli.rs"]
mod cli;
use cli::{ibid, seed};

fn temp_dir(name: &str) -> PathBuf {
    cli::temp_dir("conv", name)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Each extension gives the same bytes as the `--to` it stands for.
#[test]
fn the_format_is_taken_from_the_output_file_name() {
    let dir = temp_dir("infer");
    let table: &[(&str, &[&str], &str)] = &[
        ("refs.json", &[], "csl-json"),
        ("refs.JSON", &[], "csl-json"),
        ("refs.bib", &[], "bibtex"),
        ("refs2.bib", &["--biblatex"], "biblatex"),
        ("refs.ris", &[], "ris"),
        ("refs.csv", &[], "csv"),
        ("notes.jsonl", &[], "notes"),
    ];
    let seed = seed();
    for (name, extra, format) in table {
        let inferred = dir.join(name);
        let explicit = dir.join(format!("explicit-{name}"));
        let mut args = vec!["convert", seed.as_str(), "-q", "-o"];
        let inferred_s = inferred.display().to_string();
        args.push(&inferred_s);
        args.extend_from_slice(extra);
        let out = ibid(&args);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        let explicit_s = explicit.display().to_string();
        let out = ibid(&["convert", &seed, "-q", "--to", format, "-o", &explicit_s]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        let a = std::fs::read(&inferred).unwrap();
        let b = std::fs::read(&explicit).unwrap();
        assert!(!a.is_empty(), "{name}: empty output");
        assert_eq!(a, b, "{name}: -o {name} differs from --to {format}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_extension_lists_the_formats_and_a_command_that_works() {
    let dir = temp_dir("unknown");
    let out_path = dir.join("refs.xyz");
    let out = ibid(&["convert", &seed(), "-o", &out_path.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("refs.xyz"), "{err}");
    for name in ["csl-json", "bibtex", "biblatex", "ris", "csv", "notes"] {
        assert!(err.contains(name), "{name} missing from: {err}");
    }
    assert!(err.contains("--to csl-json -o refs.json"), "{err}");
    assert!(!out_path.exists(), "nothing is written on a usage error");
    // Neither --to nor -o: the same help.
    let out = ibid(&["convert", &seed()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no output format given"));
    assert!(out.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_explicit_format_wins_over_the_extension() {
    let dir = temp_dir("explicit");
    let path = dir.join("refs.json");
    let out = ibid(&[
        "convert",
        &seed(),
        "-q",
        "--to",
        "ris",
        "-o",
        &path.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .starts_with("TY  - "));
    // --biblatex only chooses between the two .bib formats.
    let out = ibid(&["convert", &seed(), "--to", "ris", "--biblatex"]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = ibid(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        assert!(script.len() > 500, "{shell}: {} bytes", script.len());
        assert!(
            script.contains("convert"),
            "{shell} script names no `convert`"
        );
        // fish writes long flags as `-l output`.
        assert!(
            script.contains("output"),
            "{shell} script names no `--output`"
        );
    }
    let out = ibid(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_covers_the_subcommands_and_renders() {
    let out = ibid(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = text(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH ibid"),
        "{}",
        &page[..200.min(page.len())]
    );
    for needle in [
        ".TH ibid",
        ".TH ibid-convert",
        "\\-\\-output",
        "\\-\\-to",
        "csl\\-json",
    ] {
        assert!(page.contains(needle), "man page lacks {needle}");
    }
    // Where `man` exists, the page renders to text.
    let Ok(man) = Command::new("man").arg("--version").output() else {
        eprintln!("skipped rendering: no `man` on this machine");
        return;
    };
    if !man.status.success() {
        eprintln!("skipped rendering: `man --version` failed");
        return;
    }
    let dir = temp_dir("man");
    let file = dir.join("ibid.1");
    std::fs::write(&file, &out.stdout).unwrap();
    let rendered = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    assert!(rendered.status.success(), "{}", text(&rendered.stderr));
    let shown = text(&rendered.stdout);
    assert!(shown.contains("NAME"), "{shown}");
    assert!(shown.contains("convert"), "{shown}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn formats_lists_inputs_and_outputs() {
    let out = ibid(&["formats"]);
    assert_eq!(out.status.code(), Some(0));
    let listing = text(&out.stdout);
    for needle in [
        ".docx", ".odt", ".md", ".csv", "csl-json", "bibtex", "biblatex", "ris", "notes", ".jsonl",
    ] {
        assert!(
            listing.contains(needle),
            "`ibid formats` lacks {needle}:\n{listing}"
        );
    }
}

#[test]
fn typos_get_suggestions() {
    let out = ibid(&["convert", &seed(), "--ouput", "x.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--output"),
        "{}",
        text(&out.stderr)
    );
    let out = ibid(&["convrt", &seed()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("convert"),
        "{}",
        text(&out.stderr)
    );
}
