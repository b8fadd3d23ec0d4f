//! What a run tells the user: diagnostics shown with the note and the
//! span marked (in the style of rustc and ripgrep), the end-of-run
//! summary, and the JSON report of `--report`.

use crate::model::Document;
use crate::model::{Diagnostic, Form, Severity};
use serde::Serialize;

/// Longest stretch of note text shown around a span.
const CONTEXT_CHARS: usize = 160;

/// Renders one diagnostic with the note text and the span underlined.
pub fn render_diagnostic(d: &Diagnostic, note_text: &str) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut span = d.span.start.min(note_text.len())..d.span.end.min(note_text.len());
    // The span may not fit the text (diagnostics name notes by label, and
    // labels can repeat in a document): widen it to char boundaries.
    while !note_text.is_char_boundary(span.start) {
        span.start -= 1;
    }
    while !note_text.is_char_boundary(span.end) {
        span.end += 1;
    }
    // A window of the note around the span, on char boundaries.
    let mut start = span.start.saturating_sub(CONTEXT_CHARS / 2);
    while !note_text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end + CONTEXT_CHARS / 2)
        .min(note_text.len())
        .max(span.end);
    while !note_text.is_char_boundary(end) {
        end += 1;
    }
    let window = &note_text[start..end];
    let line: String = window
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let pad = note_text[start..span.start].chars().count();
    let width = note_text[span.clone()].chars().count().max(1);
    let mut underline = " ".repeat(pad);
    underline.push_str(&"^".repeat(width.min(line.chars().count().saturating_sub(pad).max(1))));
    let gutter = " ".repeat(d.note.len());
    format!(
        "{level}: {msg}\n{gutter}--> {file} note {note}, bytes {s}..{e}\n{gutter} |\n{note} | {ell_l}{line}{ell_r}\n{gutter} | {ell_pad}{underline}\n",
        msg = d.message,
        file = if d.file.is_empty() { "<input>" } else { &d.file },
        note = d.note,
        s = d.span.start,
        e = d.span.end,
        ell_l = if start > 0 { "…" } else { "" },
        ell_r = if end < note_text.len() { "…" } else { "" },
        ell_pad = if start > 0 { " " } else { "" },
    )
}

/// Renders a diagnostic about a whole file (position 0, from the source
/// stage: a marker not taken as a note, a file without notes), whose span
/// is a byte range of the file.
pub fn render_file_diagnostic(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let file = if d.file.is_empty() {
        "<input>"
    } else {
        &d.file
    };
    if d.span.is_empty() {
        format!(
            "{level}: {}
  --> {file}
",
            d.message
        )
    } else {
        format!(
            "{level}: {}
  --> {file}, bytes {}..{}
",
            d.message, d.span.start, d.span.end
        )
    }
}

/// Counts over a batch, for the summary line and the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub notes: usize,
    pub citations: usize,
    pub works: usize,
    pub unresolved: usize,
    pub unreadable_notes: usize,
    /// Citations whose item a reference manager's field stored (taken as
    /// the author's own record, not parsed).
    pub from_reference_managers: usize,
}

impl Summary {
    /// Adds the counts of another summary (of one input of a batch).
    pub fn add_counts(&mut self, other: &Summary) {
        self.files += other.files;
        self.notes += other.notes;
        self.citations += other.citations;
        self.works += other.works;
        self.unresolved += other.unresolved;
        self.unreadable_notes += other.unreadable_notes;
        self.from_reference_managers += other.from_reference_managers;
    }

    /// Adds one document's counts.
    pub fn add(&mut self, doc: &Document) {
        self.files += 1;
        self.notes += doc.notes.len();
        self.citations += doc.notes.iter().map(|n| n.citations.len()).sum::<usize>();
        self.works += doc.works.len();
        self.unresolved += doc
            .notes
            .iter()
            .flat_map(|n| &n.citations)
            .filter(|c| c.form != Form::Full && c.resolves_to.is_none())
            .count();
        self.unreadable_notes += doc.unreadable_notes();
        self.from_reference_managers += doc
            .notes
            .iter()
            .flat_map(|n| &n.citations)
            .filter(|c| c.source.is_some())
            .count();
    }

    /// One line for stderr at the end of a run.
    pub fn line(&self) -> String {
        let embedded = match self.from_reference_managers {
            0 => String::new(),
            n => format!(" ({n} from reference-manager fields)"),
        };
        format!(
            "ibid: {} file{}, {} notes, {} citations{}, {} works; {} unresolved short form{}/ibid{}, {} unreadable note{}",
            self.files,
            plural(self.files),
            self.notes,
            self.citations,
            embedded,
            self.works,
            self.unresolved,
            plural(self.unresolved),
            plural(self.unresolved),
            self.unreadable_notes,
            plural(self.unreadable_notes),
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The JSON report written by `--report`: the summary, how each file was
/// read (its encoding), and every diagnostic with file, note, span and
/// reason.
#[derive(Serialize)]
pub struct Report<'a> {
    pub summary: &'a Summary,
    /// How each input was read, in input order.
    pub files: Vec<FileReport>,
    pub diagnostics: Vec<&'a Diagnostic>,
}

/// How one input of a run was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileReport {
    pub file: String,
    /// The encoding of a text input and how it was chosen (absent for
    /// Word, OpenDocument and spreadsheet files):
    /// `"encoding": "windows-1251", "encoding_source": "detected"`.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<crate::input::TextEncoding>,
    /// Bytes not valid in the encoding were replaced with U+FFFD.
    pub replaced: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_span() {
        let d = Diagnostic {
            severity: Severity::Warning,
            file: "a.txt".into(),
            note: "46".into(),
            position: 46,
            span: 11..31,
            message: "left unresolved".into(),
        };
        let out = render_diagnostic(&d, "Ledovskii, “Stalin’s Dialogues,” pp. 88 - 89.");
        assert!(
            out.starts_with("warning: left unresolved\n  --> a.txt note 46, bytes 11..31\n"),
            "{out}"
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[3],
            "46 | Ledovskii, “Stalin’s Dialogues,” pp. 88 - 89."
        );
        assert_eq!(lines[4], "   |            ^^^^^^^^^^^^^^^^");
    }
}
