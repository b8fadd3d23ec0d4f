//! Running the `ibid` binary from the command-line tests (cli,
//! cli_conveniences, library_cli).

// Each test file uses the part it needs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the built `ibid` with `args`.
pub fn ibid(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ibid"))
        .args(args)
        .output()
        .expect("run ibid")
}

/// The path of a file under `fixtures/`.
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
        .display()
        .to_string()
}

/// The seed article's text file.
pub fn seed() -> String {
    fixture("korean-war-origins.txt")
}

/// An empty folder for one test, under cargo's temporary directory
/// (`target/tmp`), so that runs leave nothing in the system's `/tmp`;
/// `suite` and `name` keep tests of different files apart. Emptied when
/// the test starts, left after it for a look at what a failing test saw.
pub fn temp_dir(suite: &str, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("ibid-{suite}-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
