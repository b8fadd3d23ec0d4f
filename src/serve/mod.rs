//! `ibid serve`: a local web page for authors who never open a terminal.
//!
//! A thin HTTP layer over the library: an upload runs the pipeline as
//! `ibid convert` does ([`session::Session::read`]), the page shows the
//! notes, citations, works and diagnostics, the author corrects records,
//! and the downloads are the exporters' output on the corrected documents.
//! The page (`assets/`) is compiled into the binary: no CDN, no build step,
//! nothing fetched from anywhere but this server.
//!
//! The API (all JSON except the downloads):
//!
//! | request | what it does |
//! |---|---|
//! | `GET /` `/app.js` `/style.css` | the page |
//! | `GET /api/limits` | the upload limit |
//! | `POST /api/sessions` (multipart: `file` parts, a `text` part) | reads the files and pasted notes, returns the view |
//! | `GET /api/sessions/{id}` | the view |
//! | `POST /api/sessions/{id}/corrections` (a correction) | corrects, returns the view |
//! | `POST /api/sessions/{id}/undo` | takes back the last correction, returns the view |
//! | `GET /api/sessions/{id}/export/{format}` | the download (`csl-json`, `bibtex`, `biblatex`, `ris`, `csv`, `notes`) |
//!
//! Security: the server binds to loopback unless told otherwise; every
//! request must name an allowed host (no DNS rebinding); every POST must
//! carry the `X-Ibid` header (which a page of another origin cannot send
//! without a preflight this server never grants) and, when it has an
//! `Origin`, come from the page's own; no GET changes anything; uploads
//! are limited in size; nothing is written to disk; the page builds its
//! DOM from text, never from markup, under a strict Content Security
//! Policy.

pub mod session;

use crate::export::{self, CsvRows, Format};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use session::{Correction, Session, Upload};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The page and its script and style, compiled in.
const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const STYLE_CSS: &str = include_str!("assets/style.css");

/// The header every POST must carry.
pub const REQUEST_HEADER: &str = "x-ibid";

/// The default upload limit: all the files of one upload together.
pub const DEFAULT_MAX_UPLOAD: usize = 64 << 20;

/// How many uploads the server keeps at once; the oldest goes first.
const MAX_SESSIONS: usize = 16;

/// What the server needs to know.
#[derive(Clone, Debug)]
pub struct Config {
    /// The values of the `Host` header a request may carry (`host:port`),
    /// compared without regard to case.
    pub allowed_hosts: Vec<String>,
    /// The largest upload, in bytes (all files of one request together).
    pub max_upload: usize,
    /// Also answer requests that name the server by an IP address with
    /// the right port (`--host`: other machines reach it by its address).
    /// Never names: a name can be pointed at this machine by anyone (DNS
    /// rebinding), an address literal cannot.
    pub ip_hosts: bool,
}

impl Config {
    /// The configuration of a server on loopback at `port`: the names
    /// of loopback with that port.
    pub fn loopback(port: u16) -> Config {
        Config {
            allowed_hosts: vec![
                format!("127.0.0.1:{port}"),
                format!("localhost:{port}"),
                format!("[::1]:{port}"),
            ],
            max_upload: DEFAULT_MAX_UPLOAD,
            ip_hosts: false,
        }
    }
}

/// The uploads the server holds, by id.
#[derive(Default)]
struct Sessions {
    by_id: HashMap<String, Arc<Mutex<Session>>>,
    /// Ids in the order made, to drop the oldest.
    order: Vec<String>,
}

struct AppState {
    config: Config,
    sessions: Mutex<Sessions>,
}

type Shared = Arc<AppState>;

/// The router of the page and the API.
pub fn router(config: Config) -> Router {
    let max_upload = config.max_upload;
    let state: Shared = Arc::new(AppState {
        config,
        sessions: Mutex::new(Sessions::default()),
    });
    Router::new()
        .route("/", get(index))
        .route("/app.js", get(app_js))
        .route("/style.css", get(style_css))
        .route("/api/limits", get(limits))
        .route("/api/sessions", post(create_session))
        .route("/api/sessions/{id}", get(get_session))
        .route("/api/sessions/{id}/corrections", post(add_correction))
        .route("/api/sessions/{id}/undo", post(undo))
        .route("/api/sessions/{id}/export/{format}", get(export_session))
        // Room for the multipart framing around the files.
        .layer(DefaultBodyLimit::max(max_upload.saturating_add(64 << 10)))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// What `ibid serve` is asked for on the command line.
#[derive(Clone, Debug)]
pub struct Options {
    /// The port (0: a free one).
    pub port: u16,
    /// The address to listen on instead of 127.0.0.1.
    pub host: Option<String>,
    /// Open the page in the default browser.
    pub open: bool,
    /// The largest upload, in bytes.
    pub max_upload: usize,
}

/// Runs `ibid serve`: listens, prints the page's address (and a warning
/// when listening beyond loopback), opens the browser if asked, and serves
/// until the process is stopped.
pub fn run(options: &Options) -> anyhow::Result<()> {
    use anyhow::Context;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // The pipeline's threads get a main thread's stack (see `blocking`).
        .thread_stack_size(8 << 20)
        .enable_io()
        .build()?;
    runtime.block_on(async {
        let host = options.host.as_deref().unwrap_or("127.0.0.1");
        let listener = tokio::net::TcpListener::bind((host, options.port))
            .await
            .with_context(|| format!("cannot listen on {host}:{}", options.port))?;
        let address = listener.local_addr()?;
        let mut config = Config::loopback(address.port());
        config.max_upload = options.max_upload;
        let url = match &options.host {
            None => format!("http://127.0.0.1:{}/", address.port()),
            Some(_) => {
                eprintln!(
                    "ibid: warning: listening on {address}: anyone who can reach this address can use the page (it has no password)"
                );
                // Reached by an address, not a name: a name could be
                // rebound (see `guard`).
                config.ip_hosts = true;
                // Every address of this machine: this browser finds it on
                // loopback.
                let shown = if address.ip().is_unspecified() {
                    std::net::SocketAddr::from(([127, 0, 0, 1], address.port()))
                } else {
                    address
                };
                format!("http://{shown}/")
            }
        };
        println!("ibid: serving {url} (Ctrl-C to stop; nothing leaves this machine)");
        if options.open {
            open_browser(&url);
        }
        serve(listener, config).await?;
        Ok(())
    })
}

/// Opens `url` in the default browser, if the system says how.
fn open_browser(url: &str) {
    let opener: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["cmd", "/C", "start", ""]
    } else {
        &["xdg-open"]
    };
    let spawned = std::process::Command::new(opener[0])
        .args(&opener[1..])
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("ibid: cannot open a browser here: open {url} yourself");
    }
}

/// Starts the server on `listener` and runs it until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, router(config)).await
}

/// An error the page shows as it is.
fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// Turns away requests for another host (DNS rebinding) and POSTs a page
/// of another origin could have sent; adds the security headers.
async fn guard(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let allowed = |host: &str| {
        state
            .config
            .allowed_hosts
            .iter()
            .any(|a| a.eq_ignore_ascii_case(host))
            || (state.config.ip_hosts && is_ip_with_port(host, &state.config.allowed_hosts[0]))
    };
    if !allowed(host) {
        return error(
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "ibid serve answers only requests for {}",
                state.config.allowed_hosts[0]
            ),
        );
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        if !headers.contains_key(REQUEST_HEADER) {
            return error(
                StatusCode::FORBIDDEN,
                "requests that change anything must come from the ibid page",
            );
        }
        if let Some(origin) = headers.get(header::ORIGIN) {
            let origin = origin.to_str().unwrap_or("");
            let same = origin
                .strip_prefix("http://")
                .is_some_and(|o| o.eq_ignore_ascii_case(host));
            if !same {
                return error(
                    StatusCode::FORBIDDEN,
                    "requests from other sites are refused",
                );
            }
        }
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// True when `host` is an IP address literal with the port of `ours`
/// (`127.0.0.1:PORT`).
fn is_ip_with_port(host: &str, ours: &str) -> bool {
    let port = ours.rsplit(':').next().unwrap_or("");
    host.parse::<std::net::SocketAddr>()
        .is_ok_and(|a| a.port().to_string() == port)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn index() -> Response {
    asset("text/html; charset=utf-8", INDEX_HTML)
}

async fn app_js() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}

async fn style_css() -> Response {
    asset("text/css; charset=utf-8", STYLE_CSS)
}

/// What the page checks before it uploads.
async fn limits(State(state): State<Shared>) -> Response {
    Json(json!({ "max_upload": state.config.max_upload })).into_response()
}

/// The message for an upload over the limit.
fn too_large(max_upload: usize) -> Response {
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "The files are too large: ibid serve reads at most {} MB at once. \
             Upload fewer files at a time, or use `ibid convert` for very large manuscripts.",
            max_upload >> 20
        ),
    )
}

/// Reads the files and pasted notes of a multipart upload and runs the
/// pipeline on them.
async fn create_session(State(state): State<Shared>, mut multipart: Multipart) -> Response {
    let max_upload = state.config.max_upload;
    let mut uploads = Vec::new();
    let mut total = 0usize;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(max_upload),
            Err(e) => return error(StatusCode::BAD_REQUEST, format!("unreadable upload: {e}")),
        };
        let part = field.name().unwrap_or("").to_string();
        let name = match part.as_str() {
            "file" => field
                .file_name()
                .map(file_name)
                .unwrap_or_else(|| "upload.txt".to_string()),
            "text" => "pasted notes.txt".to_string(),
            _ => continue,
        };
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(max_upload),
            Err(e) => return error(StatusCode::BAD_REQUEST, format!("unreadable upload: {e}")),
        };
        total += bytes.len();
        if total > max_upload {
            return too_large(max_upload);
        }
        if part == "text" && bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        uploads.push(Upload {
            name,
            bytes: bytes.to_vec(),
        });
    }
    if uploads.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "Nothing to read: choose a file or paste some notes.",
        );
    }
    let read = blocking(move || Session::read(uploads)).await;
    let session = match read {
        Ok(Ok(session)) => session,
        Ok(Err(e)) => return error(StatusCode::UNPROCESSABLE_ENTITY, format!("{e:#}")),
        Err(response) => return response,
    };
    let id = new_id();
    let view = session::view(&id, &session);
    let mut sessions = state.sessions.lock().unwrap_or_else(|e| e.into_inner());
    if sessions.order.len() >= MAX_SESSIONS {
        let oldest = sessions.order.remove(0);
        sessions.by_id.remove(&oldest);
    }
    sessions.order.push(id.clone());
    sessions.by_id.insert(id, Arc::new(Mutex::new(session)));
    Json(view).into_response()
}

/// The last part of an uploaded file's name (browsers send the bare name;
/// a path is cut so the name is as `ibid convert` shows a file in the
/// current folder).
fn file_name(name: &str) -> String {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if name.is_empty() {
        "upload.txt".to_string()
    } else {
        name.to_string()
    }
}

/// Runs the pipeline's work off the server's threads, on a thread with a
/// main thread's stack (the grammars may recurse deep); a panic is a bug
/// reported as such.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    tokio::task::spawn_blocking(work).await.map_err(|_| {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "ibid failed on this input (a bug: please report it)",
        )
    })
}

fn find(state: &AppState, id: &str) -> Result<Arc<Mutex<Session>>, Response> {
    let sessions = state.sessions.lock().unwrap_or_else(|e| e.into_inner());
    sessions.by_id.get(id).cloned().ok_or_else(|| {
        error(
            StatusCode::NOT_FOUND,
            "This upload is no longer held by the server (it was restarted, or many files were read since): read the files again.",
        )
    })
}

async fn get_session(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let session = match find(&state, &id) {
        Ok(s) => s,
        Err(r) => return r,
    };
    match blocking(move || {
        let s = session.lock().unwrap_or_else(|e| e.into_inner());
        session::view(&id, &s)
    })
    .await
    {
        Ok(view) => Json(view).into_response(),
        Err(r) => r,
    }
}

async fn add_correction(
    State(state): State<Shared>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let correction: Correction = match serde_json::from_slice(&body) {
        Ok(c) => c,
        Err(e) => return error(StatusCode::BAD_REQUEST, format!("not a correction: {e}")),
    };
    let session = match find(&state, &id) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let result = blocking(move || {
        let mut s = session.lock().unwrap_or_else(|e| e.into_inner());
        s.correct(correction).map(|()| session::view(&id, &s))
    })
    .await;
    match result {
        Ok(Ok(view)) => Json(view).into_response(),
        Ok(Err(e)) => error(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()),
        Err(r) => r,
    }
}

async fn undo(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    let session = match find(&state, &id) {
        Ok(s) => s,
        Err(r) => return r,
    };
    match blocking(move || {
        let mut s = session.lock().unwrap_or_else(|e| e.into_inner());
        s.undo();
        session::view(&id, &s)
    })
    .await
    {
        Ok(view) => Json(view).into_response(),
        Err(r) => r,
    }
}

/// The formats of the downloads: name in the URL, format, CSV rows,
/// file extension, content type.
const DOWNLOADS: &[(&str, Format, CsvRows, &str, &str)] = &[
    (
        "csl-json",
        Format::CslJson,
        CsvRows::Work,
        "json",
        "application/json",
    ),
    (
        "bibtex",
        Format::Bibtex,
        CsvRows::Work,
        "bib",
        "application/x-bibtex",
    ),
    (
        "biblatex",
        Format::Biblatex,
        CsvRows::Work,
        "bib",
        "application/x-bibtex",
    ),
    (
        "ris",
        Format::Ris,
        CsvRows::Work,
        "ris",
        "application/x-research-info-systems",
    ),
    ("csv", Format::Csv, CsvRows::Work, "csv", "text/csv"),
    (
        "csv-citations",
        Format::Csv,
        CsvRows::Citation,
        "csv",
        "text/csv",
    ),
    (
        "notes",
        Format::Notes,
        CsvRows::Work,
        "jsonl",
        "application/jsonl",
    ),
];

async fn export_session(
    State(state): State<Shared>,
    Path((id, format)): Path<(String, String)>,
) -> Response {
    let Some(&(name, format, csv_rows, extension, content_type)) =
        DOWNLOADS.iter().find(|d| d.0 == format)
    else {
        return error(StatusCode::NOT_FOUND, format!("no format named {format:?}"));
    };
    let session = match find(&state, &id) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let result = blocking(move || {
        let s = session.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = Vec::new();
        s.export(format, &export::Options { csv_rows }, &mut out)
            .map(|()| (out, download_name(s.documents(), name, extension)))
    })
    .await;
    match result {
        Ok(Ok((bytes, file))) => Response::builder()
            .header(
                header::CONTENT_TYPE,
                format!("{content_type}; charset=utf-8"),
            )
            .header(
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            )
            .body(Body::from(bytes))
            .unwrap_or_else(|_| error(StatusCode::INTERNAL_SERVER_ERROR, "cannot send")),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}")),
        Err(r) => r,
    }
}

/// The name of a download: the first file's stem (ASCII letters, digits,
/// `-` and `_` only, for the header) and the format's extension.
fn download_name(docs: &[crate::model::Document], format: &str, extension: &str) -> String {
    let stem = docs
        .first()
        .map(|d| {
            std::path::Path::new(&d.file)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let mut stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if stem.trim_matches('-').is_empty() {
        stem = "bibliography".to_string();
    }
    let suffix = if format == "csv-citations" {
        "-citations"
    } else {
        ""
    };
    format!("{stem}{suffix}.{extension}")
}

/// A fresh session id: 128 bits from the process's random hash keys.
fn new_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let half = || {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(n);
        h.write_u128(nanos);
        h.finish()
    };
    format!("{:016x}{:016x}", half(), half())
}
