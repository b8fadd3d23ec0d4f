//! The source tree shows the pipeline: each stage of the README's table is
//! a folder under `src/`, and no stage imports a later one (data flows one
//! way). The record model, text utilities and authority tables sit below
//! every stage; what runs the stages (pipeline, batch, the front ends) sits
//! above them and may use any.

use std::path::{Path, PathBuf};

/// The stages in the order data flows through them.
const STAGES: &[&str] = &["source", "split", "parse", "normalize", "resolve", "export"];
/// Below every stage: any stage may use them; they use no stage.
const FOUNDATION: &[&str] = &["model", "text", "authority"];
/// Above the stages: they run them; no stage may use them.
const RUNNERS: &[&str] = &["pipeline", "batch", "input", "report", "score", "serve"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The rank of a top-level module: foundation 0, stages 1.., runners last.
fn rank(module: &str) -> Option<usize> {
    if FOUNDATION.contains(&module) {
        Some(0)
    } else if let Some(i) = STAGES.iter().position(|s| *s == module) {
        Some(i + 1)
    } else if RUNNERS.contains(&module) {
        Some(STAGES.len() + 1)
    } else {
        None
    }
}

/// Every `crate::MODULE` a file names in code (comments and `#[cfg(test)]`
/// modules left out: a test may drive a stage with a later one's help).
fn crate_uses(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            break;
        }
        if code.starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push((n + 1, name));
        }
    }
    out
}

#[test]
fn every_stage_is_a_folder_with_an_entry_point() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for stage in STAGES {
        let entry = src.join(stage).join("mod.rs");
        assert!(
            entry.is_file(),
            "stage {stage} has no folder src/{stage}/ with a mod.rs"
        );
    }
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for stage in STAGES {
        let row = format!("| {stage} | `src/{stage}/`");
        assert!(
            readme.contains(&row),
            "README's stage table has no row `{row}`"
        );
    }
}

#[test]
fn no_module_imports_a_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let Some(own) = rank(&top) else { continue };
        if own > STAGES.len() {
            continue; // a runner may use anything
        }
        let text = std::fs::read_to_string(file).unwrap();
        for (line, used) in crate_uses(&text) {
            match rank(&used) {
                Some(r) if r > own || (r == own && used != top && own > 0) => wrong.push(format!(
                    "src/{}:{line}: {top} uses crate::{used}",
                    relative.display()
                )),
                Some(_) => {}
                None => wrong.push(format!(
                    "src/{}:{line}: crate::{used} is in no layer of tests/layout.rs",
                    relative.display()
                )),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "modules that import a later stage (or a module of no known layer):\n{}",
        wrong.join("\n")
    );
}
