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
    // Every citation is named by its place in its note, even where two
    // share their words (one note naming two documents).
    for note in view["notes"].as_array().unwrap() {
        for (i, c) in note["citations"].as_array().unwrap().iter().enumerate() {
            assert_eq!(c["index"], i, "note {}", note["label"]);
        }
    }
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
fn beyond_loopback_requests_must_name_an_address_not_a_name() {
    // `--host`: other machines reach the server by its address; a name
    // is still refused (it could be rebound).
    let mut config = Config::loopback(PORT);
    config.ip_hosts = true;
    let app = router(config);
    for (host, status) in [
        ("192.0.2.7:4321", StatusCode::OK),
        ("[2001:db8::7]:4321", StatusCode::OK),
        ("192.0.2.7:9999", StatusCode::MISDIRECTED_REQUEST),
        ("192.0.2.7", StatusCode::MISDIRECTED_REQUEST),
        ("files.example:4321", StatusCode::MISDIRECTED_REQUEST),
    ] {
        let request = Request::get("/")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&app, request).status, status, "{host}");
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

// ------------------------------------------------------------ the browser

/// A program of this machine, found on the PATH.
fn program(names: &[&str]) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// A child process stopped when the test ends, however it ends.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A free port on loopback (bound, then let go for the program to take).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `ibid serve` on a free port and returns it with the page's
/// address, which it prints.
fn start_ibid_serve() -> (Child, String) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ibid"))
        .args(["serve"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let child = Child(child);
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("ibid serve printed {line:?}"))
        .to_string();
    (child, url)
}

/// Starts chromedriver on a free loopback port and waits (boundedly) until
/// it answers.
fn start_chromedriver(driver: &Path) -> (Child, u16) {
    let port = free_port();
    let child = Child(
        Command::new(driver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return (child, port);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("chromedriver did not start on port {port}");
}

/// The capabilities that start Debian's Chromium headless, with a fresh
/// profile and nothing that reaches for the network.
fn chromium_capabilities(chromium: &Path, profile: &Path) -> serde_json::Map<String, Value> {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ]
    .iter()
    .map(|a| a.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect::<Vec<_>>();
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": chromium, "args": args },
    });
    caps.as_object().unwrap().clone()
}

/// Chromium's DevTools command that makes the page see the given colour
/// scheme (`"dark"`, or `""` for the system's), through chromedriver.
#[derive(Debug)]
struct ColourScheme(&'static str);

impl fantoccini::wd::WebDriverCompatibleCommand for ColourScheme {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or("")
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let features = json!([{ "name": "prefers-color-scheme", "value": self.0 }]);
        let body =
            json!({ "cmd": "Emulation.setEmulatedMedia", "params": { "features": features } });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

/// The WebDriver permissions extension: lets the page read the clipboard,
/// so the test can see what "Copy for Zotero" put there.
#[derive(Debug)]
struct GrantClipboardRead;

impl fantoccini::wd::WebDriverCompatibleCommand for GrantClipboardRead {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/permissions", session.unwrap_or("")))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let body = json!({ "descriptor": { "name": "clipboard-read" }, "state": "granted" });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

/// Waits (at most a minute) for every note to be drawn.
async fn wait_ready(client: &fantoccini::Client) {
    client
        .wait()
        .at_most(std::time::Duration::from_secs(60))
        .for_element(fantoccini::Locator::Css("body[data-state=ready]"))
        .await
        .expect("the notes were drawn");
}

async fn count(client: &fantoccini::Client, css: &str) -> usize {
    client
        .find_all(fantoccini::Locator::Css(css))
        .await
        .unwrap()
        .len()
}

/// What a download link would fetch, fetched by the page itself.
async fn fetch_in_page(client: &fantoccini::Client, href: &str) -> String {
    let text = client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));",
            vec![json!(href)],
        )
        .await
        .unwrap();
    text.as_str().unwrap().to_string()
}

/// The page in a real headless Chromium: the seed's Word file uploaded,
/// its 81 notes drawn with the command line's counts, one record
/// corrected, the CSL-JSON download equal to the command line's plus that
/// correction; a 2,000-note file drawn a part at a time; the page no wider
/// than a phone at 360 px; a note holding markup shown as text, nothing
/// run. With IBID_SCREENSHOTS=DIR it also saves the page at desktop width,
/// in dark mode and at a phone's width into DIR (the pictures in docs/:
/// `IBID_SCREENSHOTS=docs cargo test --test serve browser`). Skips, saying so, where Chromium or chromedriver
/// cannot be had.
#[test]
fn browser_reads_corrects_and_downloads_the_seed() {
    let (Some(chromium), Some(driver)) = (
        program(&["chromium", "chromium-browser"]),
        program(&["chromedriver"]),
    ) else {
        eprintln!(
            "skipped: the page test needs chromium and chromedriver (Debian: apt-get install chromium chromium-driver)"
        );
        return;
    };
    let (_server, url) = start_ibid_serve();
    let (_driver, port) = start_chromedriver(&driver);
    let profile = tempfile::tempdir().unwrap();
    let docx = root().join("fixtures/source").join(SEED_DOCX);
    let (cli_json, summary) = cli(
        &root().join("fixtures/source"),
        &[SEED_DOCX],
        &["--to", "csl-json"],
    );
    let shots = std::env::var_os("IBID_SCREENSHOTS").map(std::path::PathBuf::from);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        use fantoccini::Locator::Css;
        let client = fantoccini::ClientBuilder::new(
            hyper_util::client::legacy::connect::HttpConnector::new(),
        )
        .capabilities(chromium_capabilities(&chromium, profile.path()))
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("chromedriver starts Chromium");
        let result = async {
            client.goto(&url).await.unwrap();
            let privacy = client.find(Css("#privacy")).await.unwrap().text().await.unwrap();
            assert!(privacy.contains("nothing leaves this machine"), "{privacy}");
            // Choosing the file reads it at once.
            client
                .find(Css("#files"))
                .await
                .unwrap()
                .send_keys(docx.to_str().unwrap())
                .await
                .unwrap();
            wait_ready(&client).await;
            assert_eq!(count(&client, "#notes .note").await, 81);
            let line = client.find(Css("#summary-line")).await.unwrap().text().await.unwrap();
            assert_eq!(line, summary);
            // The counts of the summary line, drawn: citations, unresolved
            // short forms, works.
            let number = |word: &str| -> usize {
                let at = summary.find(word).unwrap();
                summary[..at].trim_end().rsplit([' ', ';']).next().unwrap().parse().unwrap()
            };
            assert_eq!(count(&client, "#notes [data-citation]").await, number(" citations"));
            assert_eq!(count(&client, "#notes .cit.unresolved").await, number(" unresolved"));
            assert_eq!(count(&client, "#works tbody tr").await, number(" works"));
            // The diagnostics filter the notes.
            client.find(Css("[data-filter=warning]")).await.unwrap().click().await.unwrap();
            let shown = count(&client, "#notes .note:not([hidden])").await;
            assert!(shown > 0 && shown < 81, "{shown} notes with warnings");
            client.find(Css("[data-filter=all]")).await.unwrap().click().await.unwrap();
            assert_eq!(count(&client, "#notes .note:not([hidden])").await, 81);

            // Correct the publisher of the first book that has one.
            let mut key = None;
            for button in client.find_all(Css("#notes .cit.full")).await.unwrap() {
                button.click().await.unwrap();
                let field = |id: &'static str| {
                    let client = &client;
                    async move {
                        client.find(Css(id)).await.unwrap().prop("value").await.unwrap().unwrap_or_default()
                    }
                };
                if field("#field-type").await == "book" && !field("#field-publisher").await.is_empty() {
                    key = Some(client.find(Css("#record-where code")).await.unwrap().text().await.unwrap());
                    break;
                }
            }
            let key = key.expect("a book with a publisher");
            let publisher = client.find(Css("#field-publisher")).await.unwrap();
            publisher.clear().await.unwrap();
            publisher.send_keys("Corrected Invented Press").await.unwrap();
            if let Some(dir) = &shots {
                std::fs::create_dir_all(dir).unwrap();
                client.set_window_size(1280, 1500).await.unwrap();
                client.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
                std::fs::write(dir.join("serve-desktop.png"), client.screenshot().await.unwrap()).unwrap();
            }
            client.find(Css("#save-record")).await.unwrap().click().await.unwrap();
            client
                .wait()
                .at_most(std::time::Duration::from_secs(30))
                .for_element(Css("#undo:not([disabled])"))
                .await
                .unwrap();
            let href = client
                .find(Css("a[data-format=csl-json]"))
                .await
                .unwrap()
                .attr("href")
                .await
                .unwrap()
                .unwrap();
            let downloaded: Value = serde_json::from_str(&fetch_in_page(&client, &href).await).unwrap();
            let mut want: Value = serde_json::from_slice(&cli_json).unwrap();
            let item = want
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|i| i["id"] == key.as_str())
                .unwrap();
            item["publisher"] = json!("Corrected Invented Press");
            assert_eq!(downloaded, want);
            // "Copy for Zotero" puts that CSL-JSON on the clipboard.
            client.find(Css("#copy-zotero")).await.unwrap().click().await.unwrap();
            client
                .wait()
                .at_most(std::time::Duration::from_secs(30))
                // The status said "Saved." before: wait for what the copy says.
                .for_element(fantoccini::Locator::XPath(
                    "//p[@id='status'][starts-with(normalize-space(.), 'Copied') or starts-with(normalize-space(.), 'Could not')]",
                ))
                .await
                .unwrap();
            let status = client.find(Css("#status")).await.unwrap().text().await.unwrap();
            // As many records as the CLI writes.
            let records = want.as_array().unwrap().len();
            assert!(
                status.starts_with(&format!("Copied {records} records")),
                "{status}"
            );
            client.issue_cmd(GrantClipboardRead).await.unwrap();
            let copied = client
                .execute_async(
                    "const done = arguments[arguments.length - 1];\
                     navigator.clipboard.readText().then(done, e => done('failed: ' + e));",
                    vec![],
                )
                .await
                .unwrap();
            let copied: Value = serde_json::from_str(copied.as_str().unwrap()).unwrap();
            assert_eq!(copied, want);
            if let Some(dir) = &shots {
                client.issue_cmd(ColourScheme("dark")).await.unwrap();
                client.set_window_size(1280, 1000).await.unwrap();
                client
                    .execute("document.querySelector('#summary-heading').scrollIntoView({block: 'start'});", vec![])
                    .await
                    .unwrap();
                std::fs::write(dir.join("serve-dark.png"), client.screenshot().await.unwrap()).unwrap();
                client.issue_cmd(ColourScheme("")).await.unwrap();
                client.set_window_size(360, 800).await.unwrap();
                client.find(Css("#close-record")).await.unwrap().click().await.unwrap();
                client
                    .execute("document.querySelector('#notes .cit.short').closest('.note').scrollIntoView({block: 'start'}); window.scrollBy(0, -8);", vec![])
                    .await
                    .unwrap();
                let first = client.find(Css("#notes .cit.short")).await.unwrap();
                first.click().await.unwrap();
                std::fs::write(dir.join("serve-narrow.png"), client.screenshot().await.unwrap()).unwrap();
            }
            // A phone's width: nothing sticks out sideways.
            client.set_window_size(360, 800).await.unwrap();
            let fits = client
                .execute(
                    "return [document.documentElement.scrollWidth, window.innerWidth];",
                    vec![],
                )
                .await
                .unwrap();
            assert!(fits[0].as_u64() <= fits[1].as_u64(), "the page is wider than a phone: {fits}");
            client.set_window_size(1280, 900).await.unwrap();

            // A long manuscript is drawn a part at a time, and all of it.
            let long = profile.path().join("long-manuscript.txt");
            std::fs::write(&long, long_manuscript(2000)).unwrap();
            client.goto(&url).await.unwrap();
            client
                .find(Css("#files"))
                .await
                .unwrap()
                .send_keys(long.to_str().unwrap())
                .await
                .unwrap();
            client
                .wait()
                .at_most(std::time::Duration::from_secs(120))
                .for_element(Css("body[data-state=drawing], body[data-state=ready]"))
                .await
                .unwrap();
            wait_ready(&client).await;
            assert_eq!(count(&client, "#notes .note").await, 2000);
            let status = client.find(Css("#status")).await.unwrap().text().await.unwrap();
            assert_eq!(status, "All 2000 notes are shown.");
            let frames = client
                .find(Css("body"))
                .await
                .unwrap()
                .attr("data-frames")
                .await
                .unwrap()
                .unwrap();
            assert!(frames.parse::<usize>().unwrap() >= 10, "drawn in {frames} frames");

            // A note holding markup is shown as text and nothing runs.
            client.goto(&url).await.unwrap();
            client.find(Css("#paste-box summary")).await.unwrap().click().await.unwrap();
            let hostile = "Notes\n\n1. <script>window.__ibidRan = 1</script>Jane Q. Invented, <img src=x onerror=\"window.__ibidRan = 2\"> <b>A Made-Up History</b> (Nowhere: Imaginary Press, 2001), 5.\n";
            client.find(Css("#paste")).await.unwrap().send_keys(hostile).await.unwrap();
            client.find(Css("#read")).await.unwrap().click().await.unwrap();
            wait_ready(&client).await;
            assert_eq!(count(&client, "#notes .note").await, 1);
            assert_eq!(count(&client, "#notes script, #notes img, #notes b").await, 0);
            let text = client.find(Css("#notes .note .text")).await.unwrap().text().await.unwrap();
            assert!(text.contains("<script>window.__ibidRan = 1</script>"), "{text}");
            assert!(text.contains("<img src=x onerror="), "{text}");
            let ran = client.execute("return window.__ibidRan === undefined;", vec![]).await.unwrap();
            assert_eq!(ran, json!(true), "the note's markup ran");
        };
        // The browser is closed whatever the checks say.
        let outcome = futures_catch(result).await;
        let _ = client.close().await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    });
}

/// A made-up manuscript of `notes` endnotes: full citations of invented
/// books, each followed by a short form of it.
fn long_manuscript(notes: usize) -> String {
    const SYLLABLES: [&str; 8] = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi"];
    let name = |mut k: usize| {
        let mut out = String::new();
        for _ in 0..4 {
            out.push_str(SYLLABLES[k % 8]);
            k /= 8;
        }
        let mut chars = out.chars();
        let first = chars.next().unwrap().to_ascii_uppercase();
        format!("{first}{}", chars.as_str())
    };
    let mut text = String::from("Notes\n\n");
    for i in 1..=notes {
        let k = i / 2;
        let (family, word) = (name(k), name(k + 4096));
        if i % 2 == 1 {
            text.push_str(&format!(
                "{i}. Jane {family}, The {word} Question (Nowhere: Imaginary Press, {}), {}.\n",
                1900 + k % 100,
                i % 300 + 1
            ));
        } else {
            text.push_str(&format!(
                "{i}. {family}, {word} Question, {}.\n",
                i % 200 + 1
            ));
        }
    }
    text
}

/// Runs a future, catching a panic in it (so the browser can be closed
/// before the test fails).
async fn futures_catch<F: std::future::Future<Output = ()>>(
    future: F,
) -> Result<(), Box<dyn std::any::Any + Send>> {
    use std::pin::pin;
    use std::task::Poll;
    let mut future = pin!(future);
    std::future::poll_fn(move |cx| {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(())) => Poll::Ready(Ok(())),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    })
    .await
}
