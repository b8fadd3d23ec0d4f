//! Scoring `notes` output against a gold file.
//!
//! A faithful port of `tools/score.py` so that `cargo test` can hold the
//! pipeline to the same figures without Python: the same folding of text
//! and numbers, the same scored fields, the same order-preserving alignment
//! of predicted citations to gold ones, and micro-averaged precision,
//! recall and F1 over every scored field of every aligned citation.
//!
//! Values that the Python script would turn into text with `str()` (numbers,
//! booleans, lists) are rendered the way Python renders them, so odd input
//! scores alike; input that makes the script crash (a note that is not an
//! object, a date part that is not a number) is an `Err` here.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde_json::{Map, Value};
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Text-valued item fields, compared after [`fold`].
const TEXT_FIELDS: [&str; 11] = [
    "title",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "genre",
    "event-title",
    "event-place",
    "archive",
    "archive-place",
    "status",
];
/// Older or newer spellings of the same CSL variable: (old, new).
const ALIASES: [(&str, &str); 1] = [("event", "event-title")];
/// Number-like item fields, compared after [`fold_number`].
const NUMBER_FIELDS: [&str; 5] = ["volume", "issue", "number", "page", "archive_location"];
/// Name lists, compared as multisets of family names (or literals).
const NAME_FIELDS: [&str; 5] = ["author", "editor", "translator", "recipient", "interviewer"];
/// Scored `custom` fields, reported as `custom.NAME`.
const CUSTOM_FIELDS: [&str; 10] = [
    "archive_abbrev",
    "fond",
    "opis",
    "papka",
    "delo",
    "folios",
    "document_number",
    "title_translated",
    "author_identity",
    "recipient_identity",
];
/// The `custom` fields that are numbers rather than text.
const CUSTOM_NUMBER_FIELDS: [&str; 6] =
    ["fond", "opis", "papka", "delo", "folios", "document_number"];
/// Fields of the citation itself rather than of its item.
const CITATION_FIELDS: [&str; 3] = ["form", "resolves_to", "locator"];

/// CSL types that count as the same kind of work.
fn type_class(csl_type: &str) -> &str {
    match csl_type {
        "book" | "collection" | "classic" => "book",
        "chapter" | "entry" | "entry-encyclopedia" | "entry-dictionary" => "chapter",
        "article-journal" | "article-magazine" | "article-newspaper" | "article" | "periodical"
        | "review" | "review-book" => "article",
        "report" | "pamphlet" | "document" => "report",
        "paper-conference" | "speech" => "paper-conference",
        "interview" => "interview",
        "personal_communication" | "letter" => "correspondence",
        "manuscript" => "manuscript",
        "thesis" => "thesis",
        "webpage" | "post-weblog" => "webpage",
        other => other,
    }
}

/// Precision, recall and F1 of one field over the whole file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldScore {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl FieldScore {
    fn from_counts(tp: usize, fp: usize, fn_: usize) -> FieldScore {
        let (precision, recall, f1) = prf(tp, fp, fn_);
        FieldScore {
            tp,
            fp,
            fn_,
            precision,
            recall,
            f1,
        }
    }

    /// Gold values of this field: the ones found plus the ones missed.
    pub fn support(&self) -> usize {
        self.tp + self.fn_
    }
}

/// The figures `score.py` prints. Ratios are unrounded; [`Score::to_json`]
/// and the `Display` report round them as the script does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    pub notes_gold: usize,
    pub notes_pred: usize,
    pub notes_not_in_gold: usize,
    pub citations_gold: usize,
    pub citations_pred: usize,
    pub citations_matched: usize,
    /// Gold short forms and ibids whose aligned prediction points to the
    /// same note.
    pub resolution_correct: usize,
    pub resolution_total: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Per scored field, by name ("title", "custom.fond", "resolves_to").
    pub fields: BTreeMap<String, FieldScore>,
    /// Field disagreements and missed citations, as `--show-errors` prints
    /// them; empty unless asked for with [`score_showing_errors`].
    pub errors: Vec<String>,
}

/// Scores predicted notes against gold notes, both in the `notes` JSON
/// Lines format (one `{"note", "citations": [...]}` object per line).
pub fn score(gold_jsonl: &str, pred_jsonl: &str) -> Result<Score, String> {
    score_showing_errors(gold_jsonl, pred_jsonl, 0)
}

/// [`score`], also listing the first `max_errors` disagreements.
pub fn score_showing_errors(
    gold_jsonl: &str,
    pred_jsonl: &str,
    max_errors: usize,
) -> Result<Score, String> {
    let gold = load(gold_jsonl).map_err(|e| format!("gold: {e}"))?;
    let pred = load(pred_jsonl).map_err(|e| format!("prediction: {e}"))?;
    let mut totals: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut out = Score {
        notes_gold: gold.len(),
        notes_pred: pred.len(),
        ..Score::default()
    };
    let no_note = Value::Object(Map::new());
    for (key, gold_note) in gold.iter() {
        let gcits = citation_fields(gold_note)?;
        let pred_note = pred.get(key).filter(|v| truthy(v)).unwrap_or(&no_note);
        let pcits = citation_fields(pred_note)?;
        out.citations_gold += gcits.len();
        out.citations_pred += pcits.len();
        let pairs = align(&gcits, &pcits);
        out.citations_matched += pairs.len();
        let mut matched_gold = vec![false; gcits.len()];
        let mut matched_pred = vec![false; pcits.len()];
        for &(i, j) in &pairs {
            matched_gold[i] = true;
            matched_pred[j] = true;
            for (field, [tp, fp, fn_]) in compare(&gcits[i], &pcits[j]) {
                let total = totals.entry(field.clone()).or_default();
                total[0] += tp;
                total[1] += fp;
                total[2] += fn_;
                if (fp > 0 || fn_ > 0) && out.errors.len() < max_errors {
                    out.errors.push(format!(
                        "note {key} cit {i}: {field}: gold={} pred={}",
                        repr_field(gcits[i].get(&field)),
                        repr_field(pcits[j].get(&field))
                    ));
                }
            }
        }
        let empty = Fields::new();
        for (i, g) in gcits.iter().enumerate() {
            if !matched_gold[i] {
                for (field, [_, _, fn_]) in compare(g, &empty) {
                    totals.entry(field).or_default()[2] += fn_;
                }
                if out.errors.len() < max_errors {
                    out.errors.push(format!(
                        "note {key} cit {i}: missed: {}",
                        describe_missed(g)
                    ));
                }
            }
            if is_short_or_ibid(g.get("form")) {
                out.resolution_total += 1;
                let aligned = pairs.iter().find(|&&(gi, _)| gi == i).map(|&(_, j)| j);
                if aligned.is_some_and(|j| pcits[j].get("resolves_to") == g.get("resolves_to")) {
                    out.resolution_correct += 1;
                }
            }
        }
        for (j, p) in pcits.iter().enumerate() {
            if !matched_pred[j] {
                for (field, [_, fp, _]) in compare(&empty, p) {
                    totals.entry(field).or_default()[1] += fp;
                }
            }
        }
    }
    out.notes_not_in_gold = pred.keys().filter(|k| gold.get(k).is_none()).count();
    let [tp, fp, fn_] = totals.values().fold([0; 3], |acc, t| {
        [acc[0] + t[0], acc[1] + t[1], acc[2] + t[2]]
    });
    (out.precision, out.recall, out.f1) = prf(tp, fp, fn_);
    out.fields = totals
        .into_iter()
        .map(|(field, [tp, fp, fn_])| (field, FieldScore::from_counts(tp, fp, fn_)))
        .collect();
    Ok(out)
}

impl Score {
    /// The summary `score.py --json` prints, ratios rounded to 4 places.
    pub fn to_json(&self) -> Value {
        let fields: Map<String, Value> = self
            .fields
            .iter()
            .map(|(name, f)| {
                let figures = serde_json::json!({
                    "p": round4(f.precision), "r": round4(f.recall), "f1": round4(f.f1),
                    "support": f.support(), "tp": f.tp, "fp": f.fp, "fn": f.fn_,
                });
                (name.clone(), figures)
            })
            .collect();
        serde_json::json!({
            "notes_gold": self.notes_gold,
            "notes_pred": self.notes_pred,
            "notes_not_in_gold": self.notes_not_in_gold,
            "citations_gold": self.citations_gold,
            "citations_pred": self.citations_pred,
            "citations_matched": self.citations_matched,
            "resolution_correct": self.resolution_correct,
            "resolution_total": self.resolution_total,
            "precision": round4(self.precision),
            "recall": round4(self.recall),
            "f1": round4(self.f1),
            "fields": fields,
        })
    }
}

/// The text report of `score.py`: the per-field table, the disagreements
/// asked for, then the summary lines.
impl fmt::Display for Score {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            out,
            "{:26} {:>6} {:>6} {:>6} {:>8}",
            "field", "P", "R", "F1", "support"
        )?;
        for (name, f) in &self.fields {
            writeln!(
                out,
                "{:26} {:6.3} {:6.3} {:6.3} {:8}",
                name,
                round4(f.precision),
                round4(f.recall),
                round4(f.f1),
                f.support()
            )?;
        }
        for error in &self.errors {
            writeln!(out, "{error}")?;
        }
        writeln!(
            out,
            "notes: gold {}, predicted {} ({} not in gold)",
            self.notes_gold, self.notes_pred, self.notes_not_in_gold
        )?;
        writeln!(
            out,
            "citations: gold {}, predicted {}, matched {}",
            self.citations_gold, self.citations_pred, self.citations_matched
        )?;
        writeln!(
            out,
            "short/ibid resolved to the right note: {}/{}",
            self.resolution_correct, self.resolution_total
        )?;
        writeln!(
            out,
            "overall: P {:.3} R {:.3} F1 {:.3}",
            self.precision, self.recall, self.f1
        )
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
    let p = ratio(tp, tp + fp);
    let r = ratio(tp, tp + fn_);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Python's `round(x, 4)`: the correctly rounded decimal, as Rust's
/// fixed-precision formatting also gives it.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// Notes by label, in file order; a repeated label keeps its first place
/// and its last value, as a Python dict does.
struct Notes {
    order: Vec<(String, Value)>,
    index: HashMap<String, usize>,
}

impl Notes {
    fn len(&self) -> usize {
        self.order.len()
    }
    fn get(&self, key: &str) -> Option<&Value> {
        self.index.get(key).map(|&i| &self.order[i].1)
    }
    fn keys(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(|(k, _)| k.as_str())
    }
    fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.order.iter().map(|(k, v)| (k.as_str(), v))
    }
}

fn load(jsonl: &str) -> Result<Notes, String> {
    let mut notes = Notes {
        order: Vec::new(),
        index: HashMap::new(),
    };
    for (lineno, line) in jsonl.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let obj: Value = serde_json::from_str(line)
            .map_err(|e| format!("line {}: not JSON: {e}", lineno + 1))?;
        let Some(map) = obj.as_object() else {
            return Err(format!("line {}: not a JSON object", lineno + 1));
        };
        let key = py_str(map.get("note").unwrap_or(&Value::Null));
        match notes.index.get(&key) {
            Some(&i) => notes.order[i].1 = obj,
            None => {
                notes.index.insert(key.clone(), notes.order.len());
                notes.order.push((key, obj));
            }
        }
    }
    Ok(notes)
}

/// A scored value of one field of one citation.
#[derive(Clone, Debug, PartialEq)]
enum FieldValue {
    /// Folded text or number.
    Text(String),
    /// A value scored as given (the citation form, a non-text type).
    Json(Value),
    /// Date parts and season, or a literal date.
    Date(DateKey),
    /// A multiset of folded names.
    Names(BTreeMap<String, usize>),
}

#[derive(Clone, Debug, PartialEq)]
enum DateKey {
    Parts(Vec<Vec<i64>>, String),
    Literal(String),
}

type Fields = BTreeMap<String, FieldValue>;

/// The scored fields of every citation of a note.
fn citation_fields(note: &Value) -> Result<Vec<Fields>, String> {
    let Some(note) = note.as_object() else {
        return Err("a note is not a JSON object".into());
    };
    match note.get("citations") {
        None => Ok(Vec::new()),
        Some(citations) => py_iter(citations)?.iter().map(field_values).collect(),
    }
}

/// Every scored field of a citation (`field_values` in score.py).
fn field_values(citation: &Value) -> Result<Fields, String> {
    let Some(cit) = citation.as_object() else {
        return Err(format!("a citation is not a JSON object: {citation}"));
    };
    let mut item = match cit.get("item").filter(|v| truthy(v)) {
        None => Map::new(),
        Some(Value::Object(map)) => map.clone(),
        Some(other) => return Err(format!("an item is not a JSON object: {other}")),
    };
    for (old, new) in ALIASES {
        if item.contains_key(old) && !item.contains_key(new) {
            let value = item.remove(old).unwrap_or(Value::Null);
            item.insert(new.to_string(), value);
        }
    }
    let empty = Map::new();
    let custom = match item.get("custom").filter(|v| truthy(v)) {
        None => &empty,
        Some(Value::Object(map)) => map,
        Some(other) => return Err(format!("custom is not a JSON object: {other}")),
    };
    let mut out = Fields::new();
    if let Some(t) = item.get("type").filter(|v| truthy(v)) {
        let value = match t {
            Value::String(s) => FieldValue::Text(type_class(s).to_string()),
            other => FieldValue::Json(other.clone()),
        };
        out.insert("type".into(), value);
    }
    for f in TEXT_FIELDS {
        if let Some(v) = present(item.get(f)) {
            out.insert(f.into(), FieldValue::Text(fold(&py_str(v))));
        }
    }
    for f in NUMBER_FIELDS {
        if let Some(v) = present(item.get(f)) {
            out.insert(f.into(), FieldValue::Text(fold_number(&py_str(v))));
        }
    }
    for f in NAME_FIELDS {
        let Some(names) = item.get(f).filter(|v| truthy(v)) else {
            continue;
        };
        let mut counts = BTreeMap::new();
        for name in py_iter(names)? {
            let key = name_key(&name)?;
            if !key.is_empty() {
                *counts.entry(key).or_insert(0) += 1;
            }
        }
        out.insert(f.into(), FieldValue::Names(counts));
    }
    if let Some(key) = date_key(item.get("issued"))? {
        out.insert("issued".into(), FieldValue::Date(key));
    }
    for f in CUSTOM_FIELDS {
        if let Some(v) = present(custom.get(f)) {
            let text = py_str(v);
            let folded = if CUSTOM_NUMBER_FIELDS.contains(&f) {
                fold_number(&text)
            } else {
                fold(&text)
            };
            out.insert(format!("custom.{f}"), FieldValue::Text(folded));
        }
    }
    for f in CITATION_FIELDS {
        if let Some(v) = present(cit.get(f)) {
            let value = if f == "form" {
                FieldValue::Json(v.clone())
            } else {
                FieldValue::Text(fold_number(&py_str(v)))
            };
            out.insert(f.into(), value);
        }
    }
    if is_short_or_ibid_json(cit.get("form")) && !out.contains_key("resolves_to") {
        out.insert("resolves_to".into(), FieldValue::Text("null".into()));
    }
    Ok(out)
}

fn is_short_or_ibid_json(form: Option<&Value>) -> bool {
    matches!(form.and_then(Value::as_str), Some("short" | "ibid"))
}

fn is_short_or_ibid(form: Option<&FieldValue>) -> bool {
    match form {
        Some(FieldValue::Json(v)) => is_short_or_ibid_json(Some(v)),
        _ => false,
    }
}

/// The value unless it is missing, null or "" (`not in (None, "")`).
fn present(v: Option<&Value>) -> Option<&Value> {
    v.filter(|v| !matches!(v, Value::Null) && v.as_str() != Some(""))
}

fn name_key(name: &Value) -> Result<String, String> {
    match name {
        Value::String(s) => Ok(fold(s)),
        Value::Object(map) => Ok(match map.get("literal") {
            Some(literal) => fold(&py_str(literal)),
            None => fold(&map.get("family").map(py_str).unwrap_or_default()),
        }),
        other => Err(format!("a name is neither text nor an object: {other}")),
    }
}

fn date_key(date: Option<&Value>) -> Result<Option<DateKey>, String> {
    let Some(Value::Object(d)) = date else {
        return Ok(None);
    };
    if let Some(parts) = d.get("date-parts").filter(|v| truthy(v)) {
        let mut key = Vec::new();
        for part in py_iter(parts)? {
            key.push(
                py_iter(&part)?
                    .iter()
                    .map(py_int)
                    .collect::<Result<Vec<_>, _>>()?,
            );
        }
        let season = d.get("season").map(py_str).unwrap_or_default();
        return Ok(Some(DateKey::Parts(key, fold(&season))));
    }
    for literal in ["literal", "raw"] {
        if let Some(v) = d.get(literal) {
            return Ok(Some(DateKey::Literal(fold(&py_str(v)))));
        }
    }
    Ok(None)
}

/// `(tp, fp, fn)` per field for one aligned pair (either may be empty).
fn compare(g: &Fields, p: &Fields) -> Vec<(String, [usize; 3])> {
    let mut out = Vec::with_capacity(g.len() + p.len());
    for field in g.keys().chain(p.keys().filter(|k| !g.contains_key(*k))) {
        let (gv, pv) = (g.get(field), p.get(field));
        let counts = match (gv, pv) {
            (Some(FieldValue::Names(_)), _) | (_, Some(FieldValue::Names(_))) => {
                let empty = BTreeMap::new();
                let names = |v: Option<&FieldValue>| match v {
                    Some(FieldValue::Names(n)) => n.clone(),
                    _ => empty.clone(),
                };
                let (gn, pn) = (names(gv), names(pv));
                let tp: usize = gn
                    .iter()
                    .map(|(k, &c)| c.min(pn.get(k).copied().unwrap_or(0)))
                    .sum();
                let (gsum, psum): (usize, usize) = (gn.values().sum(), pn.values().sum());
                [tp, psum - tp, gsum - tp]
            }
            (None, _) => [0, 1, 0],
            (_, None) => [0, 0, 1],
            (Some(a), Some(b)) if a == b => [1, 0, 0],
            _ => [0, 1, 1],
        };
        out.push((field.clone(), counts));
    }
    out
}

fn similarity(g: &Fields, p: &Fields) -> usize {
    compare(g, p).iter().map(|(_, c)| c[0]).sum()
}

/// Order-preserving alignment of gold to predicted citations that
/// maximizes matched fields (the DP of score.py, ties broken alike).
fn align(golds: &[Fields], preds: &[Fields]) -> Vec<(usize, usize)> {
    let (n, m) = (golds.len(), preds.len());
    let sims: Vec<Vec<i64>> = golds
        .iter()
        .map(|g| preds.iter().map(|p| similarity(g, p) as i64).collect())
        .collect();
    let mut best = vec![vec![0i64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let diagonal = if sims[i][j] > 0 {
                best[i + 1][j + 1] + sims[i][j]
            } else {
                -1
            };
            best[i][j] = best[i + 1][j].max(best[i][j + 1]).max(diagonal);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if sims[i][j] > 0 && best[i][j] == best[i + 1][j + 1] + sims[i][j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if best[i][j] == best[i + 1][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// score.py's `fold`: quotes and dashes unified, compatibility
/// decomposition, combining marks dropped, lowercase, every run of
/// characters other than word characters and hyphens becoming one space.
fn fold(s: &str) -> String {
    let decomposed: String = s
        .chars()
        .map(translate_quote)
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .collect();
    let lower = decomposed.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for word in lower
        .split(|c: char| !(is_py_word(c) || c == '-'))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// score.py's `fold_number`: quotes unified, lowercase, white space
/// removed, periods, commas and semicolons trimmed from the ends.
fn fold_number(s: &str) -> String {
    let lower = s
        .chars()
        .map(translate_quote)
        .collect::<String>()
        .to_lowercase();
    let squeezed: String = lower.chars().filter(|&c| !is_py_space(c)).collect();
    squeezed.trim_matches(['.', ',', ';']).to_string()
}

fn translate_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        '\u{2013}' | '\u{2014}' | '\u{2012}' | '\u{2212}' => '-',
        '\u{a0}' => ' ',
        other => other,
    }
}

/// Python's `\w`: a letter or number (not a mark) or the underscore.
fn is_py_word(c: char) -> bool {
    c == '_' || (c.is_alphanumeric() && !is_combining_mark(c))
}

/// Python's `str.isspace`.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python truthiness of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// What Python yields when iterating a JSON value.
fn py_iter(v: &Value) -> Result<Vec<Value>, String> {
    match v {
        Value::Array(a) => Ok(a.clone()),
        Value::String(s) => Ok(s.chars().map(|c| Value::String(c.to_string())).collect()),
        Value::Object(o) => Ok(o.keys().map(|k| Value::String(k.clone())).collect()),
        other => Err(format!("not iterable: {other}")),
    }
}

/// Python's `int()` of a JSON value.
fn py_int(v: &Value) -> Result<i64, String> {
    let not_int = || format!("not an integer: {v}");
    match v {
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f.trunc() as i64))
            .ok_or_else(not_int),
        Value::String(s) => s.trim_matches(is_py_space).parse().map_err(|_| not_int()),
        _ => Err(not_int()),
    }
}

/// Python's `str()` of a JSON value.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's `repr()` of a JSON value.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (_, _, Some(f)) => py_float(f),
            _ => n.to_string(),
        },
        Value::String(s) => py_str_repr(s),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", py_str_repr(k), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `repr()` of a float: shortest round trip, scientific notation
/// below 1e-4 and from 1e16.
fn py_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let magnitude = f.abs();
    if magnitude != 0.0 && !(1e-4..1e16).contains(&magnitude) {
        let sci = format!("{f:e}");
        let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
        let (sign, digits) = exponent
            .strip_prefix('-')
            .map_or(("+", exponent), |d| ("-", d));
        return format!("{mantissa}e{sign}{digits:0>2}");
    }
    let plain = format!("{f}");
    if plain.contains('.') {
        plain
    } else {
        plain + ".0"
    }
}

/// Python's `repr()` of a string.
fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr()` of a scored value, for the disagreement lines.
fn repr_field(v: Option<&FieldValue>) -> String {
    match v {
        None => "None".into(),
        Some(FieldValue::Text(s)) => py_str_repr(s),
        Some(FieldValue::Json(v)) => py_repr(v),
        Some(FieldValue::Date(DateKey::Literal(s))) => format!("('literal', {})", py_str_repr(s)),
        Some(FieldValue::Date(DateKey::Parts(parts, season))) => {
            let tuple = |items: Vec<String>| match items.len() {
                1 => format!("({},)", items[0]),
                _ => format!("({})", items.join(", ")),
            };
            let parts = parts
                .iter()
                .map(|p| tuple(p.iter().map(i64::to_string).collect()))
                .collect();
            format!("({}, {})", tuple(parts), py_str_repr(season))
        }
        Some(FieldValue::Names(names)) => {
            let mut entries: Vec<_> = names.iter().collect();
            entries.sort_by(|a, b| b.1.cmp(a.1));
            let listed: Vec<String> = entries
                .iter()
                .map(|(k, c)| format!("{}: {c}", py_str_repr(k)))
                .collect();
            format!("Counter({{{}}})", listed.join(", "))
        }
    }
}

/// What the missed-citation line names: the title, else the container
/// title, else every field.
fn describe_missed(g: &Fields) -> String {
    for field in ["title", "container-title"] {
        match g.get(field) {
            Some(FieldValue::Text(s)) if !s.is_empty() => return s.clone(),
            Some(FieldValue::Json(v)) if truthy(v) => return py_str(v),
            _ => {}
        }
    }
    let listed: Vec<String> = g
        .iter()
        .map(|(k, v)| format!("{}: {}", py_str_repr(k), repr_field(Some(v))))
        .collect();
    format!("{{{}}}", listed.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_python() {
        assert_eq!(fold("Maria’s  Road — “Ţara”!"), "maria s road - tara");
        assert_eq!(fold("Ol’ga_Petrovna"), "ol ga_petrovna");
        assert_eq!(fold_number(" Ll. 13 – 14. "), "ll.13-14");
        assert_eq!(fold_number("pp. 6 - 7;"), "pp.6-7");
    }

    #[test]
    fn python_renderings() {
        assert_eq!(py_float(3.0), "3.0");
        assert_eq!(py_float(1e16), "1e+16");
        assert_eq!(py_float(2.5e-5), "2.5e-05");
        assert_eq!(py_str(&serde_json::json!(true)), "True");
        assert_eq!(py_str(&serde_json::json!(["a", 1])), "['a', 1]");
        assert_eq!(round4(0.03125), 0.0312);
    }
}
