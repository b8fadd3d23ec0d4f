//! `ibid serve`: the HTTP API (upload, view, corrections, downloads) and
//! its guards, through tower's `oneshot` (no socket), and the page in a
//! real headless Chromium (see `browser_*`).

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use ibid::serve::{router, Config};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use tower::ServiceExt;

const PORT: u16 = 4321;
const HOST: &str = "127.0.0.1:4321";
const SEED_DOCX: &str = "korean-war-origins.docx";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap()
}

fn seed_docx() -> Vec<u8> {
    fixture("fixtures/source/korean-war-origins.docx")
}

fn app() -> Router {
    router(Config::loopback(PORT))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A response's status, headers and body.
struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

fn send(app: &Router, request: Request<Body>) -> Reply {
    runtime().block_on(async {
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    })
}

const BOUNDARY: &str = "ibid-test-boundary-7d3f";

/// A multipart upload of files (name, bytes) and pasted text.
fn upload(files: &[(&str, &[u8])], text: Option<&str>) -> Request<Body> {
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    if let Some(text) = text {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{text}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    Request::post("/api/sessions")
        .header(header::HOST, HOST)
        .header("x-ibid", "1")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap()
}

fn get(path: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap()
}

fn post_json(path: &str, value: &Value) -> Request<Body> {
    Request::post(path)
        .header(header::HOST, HOST)
        .header("x-ibid", "1")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(value.to_string()))
        .unwrap()
}

/// `ibid convert` on files of the folder `dir`, named as given (so that
/// the file names in the output are the bare names an upload has): its
/// output and its summary line.
fn cli(dir: &Path, files: &[&str], args: &[&str]) -> (Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ibid"))
        .current_dir(dir)
        .arg("convert")
        .args(files)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let summary = stderr
        .lines()
        .rfind(|l| l.starts_with("ibid: "))
        .unwrap_or_default()
        .to_string();
    (out.stdout, summary)
}

/// Uploads the seed's Word file and returns the view.
fn upload_seed(app: &Router) -> Value {
    let reply = send(app, upload(&[(SEED_DOCX, &seed_docx())], None));
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    reply.json()
}

fn export(app: &Router, view: &Value, format: &str) -> Vec<u8> {
    let id = view["session"].as_str().unwrap();
    let reply = send(app, get(&format!("/api/sessions/{id}/export/{format}")));
    assert_eq!(reply.status, StatusCode::OK, "{format}");
    reply.body
}

#[test]
fn the_page_and_its_assets_are_served_with_a_strict_policy() {
    let app = app();
    for (path, kind) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/style.css", "text/css"),
    ] {
        let reply = send(&app, get(path));
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        let content_type = reply.headers[header::CONTENT_TYPE].to_str().unwrap();
        assert!(content_type.starts_with(kind), "{path}: {content_type}");
        let csp = reply.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(csp.contains("script-src 'self'"), "{csp}");
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert!(!reply.body.is_empty());
    }
    let page = String::from_utf8(send(&app, get("/")).body).unwrap();
    // Nothing is fetched from elsewhere.
    assert!(!page.contains("http://") && !page.contains("https://"));
    assert!(page.contains("nothing leaves"), "the page says so");
}

#[test]
fn the_script_never_builds_markup_from_text() {
    // The page builds its DOM with textContent and createElement: a note
    // holding markup can only ever be shown as text.
    let script = String::from_utf8(send(&app(), get("/app.js")).body).unwrap();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
    ] {
        assert!(!script.contains(sink), "app.js uses {sink}");
    }
    assert!(!script.contains("http://") && !script.contains("https://"));
}

#[test]
fn an_upload_reads_as_the_command_line_does_and_downloads_are_byte_identical() {
    let app = app();
    let view = upload_seed(&app);
    let dir = root().join("fixtures/source");
    let (_, summary) = cli(&dir, &[SEED_DOCX], &["--to", "csl-json"]);
    assert_eq!(view["summary_line"], summary.as_str());
    assert_eq!(view["notes"].as_array().unwrap().len(), 81);
    assert_eq!(view["summary"]["notes"], 81);
    let citations: usize = view["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["citations"].as_array().unwrap().len())
        .sum();
    assert_eq!(json!(citations), view["summary"]["citations"]);
    assert_eq!(
        json!(view["works"].as_array().unwrap().len()),
        view["summary"]["works"]
    );
    for (format, args) in [
        ("csl-json", &["--to", "csl-json"][..]),
        ("bibtex", &["--to", "bibtex"]),
        ("biblatex", &["--to", "biblatex"]),
        ("ris", &["--to", "ris"]),
        ("csv", &["--to", "csv"]),
        ("csv-citations", &["--to", "csv", "--per", "citation"]),
        ("notes", &["--to", "notes"]),
    ] {
        let (want, _) = cli(&dir, &[SEED_DOCX], args);
        let got = export(&app, &view, format);
        assert!(got == want, "{format} differs from ibid convert");
    }
}

#[test]
fn several_files_and_pasted_notes_make_one_batch() {
    let app = app();
    let seed_text = fixture("fixtures/korean-war-origins.txt");
    let archival = fixture("fixtures/archival/archival-notes.txt");
    let pasted = "Notes\n\n1. Jane Q. Invented, A Made-Up History (Nowhere: Imaginary Press, 2001), 5.\n2. Ibid., 7.\n";
    let reply = send(
        &app,
        upload(
            &[
                ("korean-war-origins.txt", &seed_text),
                ("archival-notes.txt", &archival),
            ],
            Some(pasted),
        ),
    );
    assert_eq!(reply.status, StatusCode::OK);
    let view = reply.json();
    assert_eq!(view["files"].as_array().unwrap().len(), 3);
    assert_eq!(view["files"][2]["name"], "pasted notes.txt");
    assert_eq!(view["files"][2]["notes"], 2);
    // The same files given to the command line, in the same order.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("korean-war-origins.txt"), &seed_text).unwrap();
    std::fs::write(dir.path().join("archival-notes.txt"), &archival).unwrap();
    std::fs::write(dir.path().join("pasted notes.txt"), pasted).unwrap();
    let files = [
        "korean-war-origins.txt",
        "archival-notes.txt",
        "pasted notes.txt",
    ];
    let (want, summary) = cli(dir.path(), &files, &["--to", "bibtex"]);
    assert_eq!(view["summary_line"], summary.as_str());
    assert!(export(&app, &view, "bibtex") == want);
    let (want, _) = cli(dir.path(), &files, &["--to", "notes"]);
    assert!(export(&app, &view, "notes") == want);
}

/// The view's work whose record has the given field, and its index.
fn work_with(view: &Value, field: &str) -> (usize, Value) {
    view["works"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find(|(_, w)| w["item"]["type"] == "book" && w["item"].get(field).is_some())
        .map(|(i, w)| (i, w.clone()))
        .unwrap()
}

#[test]
fn an_edited_field_reaches_every_format() {
    let app = app();
    let view = upload_seed(&app);
    let id = view["session"].as_str().unwrap();
    let (index, work) = work_with(&view, "publisher");
    let correction = json!({
        "kind": "edit", "file": work["file"], "work": work["base"],
        "field": "publisher", "value": "Corrected Invented Press",
    });
    let reply = send(
        &app,
        post_json(&format!("/api/sessions/{id}/corrections"), &correction),
    );
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let after = reply.json();
    assert_eq!(after["corrections"], 1);
    assert_eq!(
        after["works"][index]["item"]["publisher"],
        "Corrected Invented Press"
    );
    // CSL-JSON: the command line's output with that one field changed.
    let (cli_json, _) = cli(
        &root().join("fixtures/source"),
        &[SEED_DOCX],
        &["--to", "csl-json"],
    );
    let mut want: Value = serde_json::from_slice(&cli_json).unwrap();
    want[index]["publisher"] = json!("Corrected Invented Press");
    let got: Value = serde_json::from_slice(&export(&app, &view, "csl-json")).unwrap();
    assert_eq!(got, want);
    for format in ["bibtex", "biblatex", "ris", "csv"] {
        let text = String::from_utf8(export(&app, &view, format)).unwrap();
        assert!(text.contains("Corrected Invented Press"), "{format}");
    }
    // The notes of the citations of that work carry it too.
    let notes = String::from_utf8(export(&app, &view, "notes")).unwrap();
    let cited = work["times_cited"].as_u64().unwrap() as usize;
    assert!(notes.matches("Corrected Invented Press").count() >= cited.min(1));
    // Undo gives the command line's output back.
    let reply = send(
        &app,
        post_json(&format!("/api/sessions/{id}/undo"), &json!({})),
    );
    assert_eq!(reply.json()["corrections"], 0);
    assert!(export(&app, &view, "csl-json") == cli_json);
}

#[test]
fn a_short_form_resolved_by_hand_joins_its_work() {
    let app = app();
    let view = upload_seed(&app);
    let id = view["session"].as_str().unwrap();
    // An unresolved short form of the seed, and a work to point it at.
    let (note, citation) = view["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|n| {
            n["citations"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["form"] != "full" && c["resolves_to"].is_null())
                .map(|c| (n.clone(), c.clone()))
        })
        .unwrap();
    let (target, work) = work_with(&view, "title");
    let correction = json!({
        "kind": "resolve", "file": note["file"], "note": note["index"],
        "citation": citation["index"], "work": work["base"],
    });
    let after = send(
        &app,
        post_json(&format!("/api/sessions/{id}/corrections"), &correction),
    )
    .json();
    let unresolved = view["summary"]["unresolved"].as_u64().unwrap();
    assert_eq!(after["summary"]["unresolved"], unresolved - 1);
    assert_eq!(
        after["summary"]["works"],
        view["summary"]["works"].as_u64().unwrap() - 1,
        "the short form's own record goes"
    );
    assert_eq!(
        after["works"][target]["times_cited"],
        work["times_cited"].as_u64().unwrap() + 1
    );
    let n = note["index"].as_u64().unwrap() as usize;
    let resolved = &after["notes"][n]["citations"][citation["index"].as_u64().unwrap() as usize];
    assert_eq!(resolved["resolves_to"], work["first_note"]);
    assert_eq!(resolved["item"]["title"], work["item"]["title"]);
    // Its warning is gone from the list.
    let warned = |v: &Value| {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["note"] == json!(n))
            .count()
    };
    assert_eq!(warned(&after), warned(&view) - 1);
    // The notes download says what it resolves to.
    let notes = String::from_utf8(export(&app, &view, "notes")).unwrap();
    let line: Value = serde_json::from_str(notes.lines().nth(n).unwrap()).unwrap();
    assert_eq!(
        line["citations"][citation["index"].as_u64().unwrap() as usize]["resolves_to"],
        work["first_note"]
    );
    // A full citation cannot be resolved to another work.
    let full = json!({"kind": "resolve", "file": 0, "note": 0, "citation": 0, "work": 1});
    let reply = send(
        &app,
        post_json(&format!("/api/sessions/{id}/corrections"), &full),
    );
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[test]
fn a_span_marked_as_not_a_citation_leaves_the_bibliography() {
    let app = app();
    let pasted = "Notes\n\n1. Jane Q. Invented, A Made-Up History (Nowhere: Imaginary Press, 2001), 5.\n2. Ann Other, The Second Book (Elsewhere: Fictive House, 1999), 12; Invented, Made-Up History, 9.\n";
    let reply = send(&app, upload(&[], Some(pasted)));
    let view = reply.json();
    assert_eq!(view["summary"]["works"], 2);
    let id = view["session"].as_str().unwrap();
    let second = &view["notes"][1]["citations"][0];
    let [start, end] = [&second["bytes"][0], &second["bytes"][1]];
    let correction = json!({
        "kind": "not_citation", "file": 0, "note": 1, "start": start, "end": end,
    });
    let after = send(
        &app,
        post_json(&format!("/api/sessions/{id}/corrections"), &correction),
    )
    .json();
    assert_eq!(after["summary"]["works"], 1);
    assert_eq!(
        after["summary"]["citations"],
        view["summary"]["citations"].as_u64().unwrap() - 1
    );
    let csl: Value = serde_json::from_slice(&export(&app, &view, "csl-json")).unwrap();
    assert_eq!(csl.as_array().unwrap().len(), 1);
    assert!(!csl.to_string().contains("Second Book"));
}

#[test]
fn a_note_holding_markup_comes_back_as_text() {
    let app = app();
    let pasted = "Notes\n\n1. <script>alert(1)</script> Jane Q. Invented, <img src=x onerror=alert(2)> A Made-Up History (Nowhere: Imaginary Press, 2001), 5.\n";
    let view = send(&app, upload(&[], Some(pasted))).json();
    let text = view["notes"][0]["text"].as_str().unwrap();
    assert!(text.contains("<script>alert(1)</script>"));
    assert!(text.contains("<img src=x onerror=alert(2)>"));
}

#[test]
fn requests_for_another_host_or_from_another_site_are_refused() {
    let app = app();
    // DNS rebinding: a name that resolves here but is not ours.
    let rebound = Request::get("/")
        .header(header::HOST, "attacker.example:4321")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, rebound).status, StatusCode::MISDIRECTED_REQUEST);
    let no_host = Request::get("/").body(Body::empty()).unwrap();
    assert_eq!(send(&app, no_host).status, StatusCode::MISDIRECTED_REQUEST);
    for host in ["localhost:4321", "[::1]:4321", "LOCALHOST:4321"] {
        let ok = Request::get("/")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&app, ok).status, StatusCode::OK, "{host}");
    }
    // A POST without the page's header (a form of another site could send it).
    let mut bare = upload(&[("a.txt", b"[1] Text.")], None);
    bare.headers_mut().remove("x-ibid");
    assert_eq!(send(&app, bare).status, StatusCode::FORBIDDEN);
    // A POST from another origin.
    let mut foreign = upload(&[("a.txt", b"[1] Text.")], None);
    foreign
        .headers_mut()
        .insert(header::ORIGIN, "http://attacker.example".parse().unwrap());
    assert_eq!(send(&app, foreign).status, StatusCode::FORBIDDEN);
    let mut own = upload(&[("a.txt", b"[1] Text.")], None);
    own.headers_mut()
        .insert(header::ORIGIN, format!("http://{HOST}").parse().unwrap());
    assert_eq!(send(&app, own).status, StatusCode::OK);
    // No GET changes anything.
    let view = upload_seed(&app);
    let id = view["session"].as_str().unwrap();
    for path in ["corrections", "undo"] {
        let reply = send(&app, get(&format!("/api/sessions/{id}/{path}")));
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{path}");
    }
}

#[test]
fn an_upload_over_the_limit_is_refused_with_a_clear_message() {
    let mut config = Config::loopback(PORT);
    config.max_upload = 1 << 20;
    let app = router(config);
    let big = vec![b'x'; (1 << 20) + 10];
    let reply = send(&app, upload(&[("big.txt", &big)], None));
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    let message = reply.json()["error"].as_str().unwrap().to_string();
    assert!(message.contains("at most 1 MB"), "{message}");
    // Far over the limit: refused before it is read.
    let huge = vec![b'x'; 3 << 20];
    let reply = send(&app, upload(&[("huge.txt", &huge)], None));
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.json()["error"]
        .as_str()
        .unwrap()
        .contains("at most 1 MB"));
}

#[test]
fn unreadable_uploads_and_unknown_sessions_say_why() {
    let app = app();
    let reply = send(&app, upload(&[("broken.docx", b"not a zip")], None));
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.json()["error"]
        .as_str()
        .unwrap()
        .contains("broken.docx"));
    let reply = send(&app, upload(&[], Some("  \n")));
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = send(&app, get("/api/sessions/0123/export/csl-json"));
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let view = upload_seed(&app);
    let id = view["session"].as_str().unwrap();
    let reply = send(&app, get(&format!("/api/sessions/{id}/export/docx")));
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let bad_field = json!({"kind": "edit", "file": 0, "work": 0, "field": "id", "value": "x"});
    let reply = send(
        &app,
        post_json(&format!("/api/sessions/{id}/corrections"), &bad_field),
    );
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reply = send(&app, get(&format!("/api/sessions/{id}")));
    assert_eq!(reply.json()["notes"].as_array().unwrap().len(), 81);
}
