// The page of `ibid serve`. Every piece of text from a manuscript is put in
// the page with textContent (never parsed as markup), and every request
// goes to the server that served this page, nowhere else.
"use strict";

const $ = (selector) => document.querySelector(selector);
const NOTES_PER_FRAME = 120;
const WORKS_PER_FRAME = 200;

// Fields shown first in a record, then the rest under "More fields".
const MAIN_FIELDS = [
  ["type", "Type"],
  ["author", "Authors (Family, Given; …)"],
  ["title", "Title"],
  ["container-title", "Journal, book or collection"],
  ["publisher-place", "Place of publication"],
  ["publisher", "Publisher"],
  ["issued", "Date (1950, 1950-06-25)"],
  ["archive", "Archive"],
  ["archive_location", "Location in the archive"],
];
const MORE_FIELDS = [
  ["editor", "Editors (Family, Given; …)"],
  ["recipient", "Recipient (letters, telegrams)"],
  ["genre", "Genre (telegram, memorandum)"],
  ["volume", "Volume"],
  ["issue", "Issue"],
  ["page", "Pages of the work"],
  ["archive-place", "Place of the archive"],
  ["URL", "Web address"],
];
const TYPES = [
  "book", "chapter", "article-journal", "article-magazine", "article-newspaper",
  "report", "paper-conference", "interview", "personal_communication",
  "manuscript", "thesis", "webpage", "document",
];
const FORM_NAMES = {
  full: "full citation",
  short: "short form",
  ibid: "Ibid.",
  embedded: "from a reference manager",
  unread: "unread",
};

const state = {
  view: null,
  // The JSON of each note as last drawn, to redraw only what changed.
  drawn: [],
  filter: "all",
  // The note ids a diagnostic restricts the list to (null: no restriction).
  only: null,
  // The citation whose record is open: {note, citation} (indices in the view).
  selected: null,
  // Bumped on each new view: a drawing loop of an older view stops.
  generation: 0,
  limit: null,
};

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function setStatus(message, kind) {
  const status = $("#status");
  status.textContent = message;
  status.dataset.kind = kind || "";
}

async function api(path, options) {
  const init = Object.assign({ headers: {} }, options || {});
  if (init.method && init.method !== "GET") init.headers["X-Ibid"] = "1";
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new Error("The ibid program is not answering: is it still running?");
  }
  const type = response.headers.get("content-type") || "";
  const body = type.startsWith("application/json") ? await response.json() : await response.text();
  if (!response.ok) {
    throw new Error((body && body.error) || ("The server answered " + response.status));
  }
  return body;
}

// ---------------------------------------------------------------- input

function chosenFiles() {
  return Array.from($("#files").files || []);
}

function showChosen(files) {
  $("#chosen").textContent = files.length
    ? files.map((f) => f.name).join(", ")
    : "";
}

async function readNotes(files) {
  const text = $("#paste").value;
  if (!files.length && !text.trim()) {
    setStatus("Choose a file or paste some notes first.", "error");
    return;
  }
  if (state.limit !== null) {
    const size = files.reduce((sum, f) => sum + f.size, 0) + text.length;
    if (size > state.limit) {
      setStatus("The files are too large: this page reads at most " +
        Math.floor(state.limit / 1048576) + " MB at once. Read fewer files at a time.", "error");
      return;
    }
  }
  const form = new FormData();
  for (const file of files) form.append("file", file, file.name);
  if (text.trim()) form.append("text", text);
  setStatus("Reading " + (files.length ? files.map((f) => f.name).join(", ") : "the pasted notes") + "…", "busy");
  document.body.dataset.state = "reading";
  $("#read").disabled = true;
  try {
    const view = await api("/api/sessions", { method: "POST", body: form });
    state.drawn = [];
    state.selected = null;
    state.only = null;
    state.filter = "all";
    closeRecord();
    show(view);
  } catch (e) {
    document.body.dataset.state = "empty";
    setStatus(e.message, "error");
  } finally {
    $("#read").disabled = false;
  }
}

// ---------------------------------------------------------------- drawing

function show(view) {
  state.view = view;
  state.generation += 1;
  $("#results").hidden = false;
  document.body.classList.add("has-results");
  $("#paste-box").open = false;
  $("#summary-line").textContent = view.summary_line;
  for (const link of document.querySelectorAll("a[data-format]")) {
    link.href = "/api/sessions/" + view.session + "/export/" + link.dataset.format;
  }
  const undo = $("#undo");
  undo.disabled = view.corrections === 0;
  undo.textContent = view.corrections ? "Undo correction (" + view.corrections + ")" : "Undo correction";
  drawDiagnostics();
  drawNotes();
  drawWorks();
  if (state.selected) openRecord(state.selected.note, state.selected.citation, false);
}

function noteName(note) {
  const view = state.view;
  const file = view.files.length > 1 ? view.files[note.file].name + ", " : "";
  return file + "note " + note.label;
}

function drawDiagnostics() {
  const view = state.view;
  const list = $("#diagnostic-list");
  list.replaceChildren();
  const counts = { warning: new Set(), error: new Set() };
  for (const d of view.diagnostics) {
    if (d.note !== null) counts[d.severity].add(d.note);
  }
  for (const button of document.querySelectorAll("[data-filter]")) {
    const f = button.dataset.filter;
    const n = f === "all" ? view.notes.length : counts[f].size;
    const label = { all: "All notes", warning: "Notes with warnings", error: "Notes with unread text" }[f];
    button.textContent = label + " (" + n + ")";
    button.setAttribute("aria-pressed", String(state.filter === f && state.only === null));
  }
  if (!view.diagnostics.length) {
    list.append(el("li", { class: "ok", text: "Nothing to check: every citation was read and resolved." }));
    return;
  }
  view.diagnostics.forEach((d) => {
    const note = d.note === null ? null : view.notes[d.note];
    const where = note ? noteName(note) : view.files[d.file].name;
    const button = el("button", {
      type: "button",
      class: "diagnostic " + d.severity,
      "aria-pressed": String(state.only !== null && state.only.has(d.note)),
      onclick: () => {
        if (note === null) return;
        state.only = new Set([d.note]);
        applyFilter();
        drawDiagnostics();
        focusNote(d.note);
      },
    },
    el("span", { class: "severity", text: d.severity === "error" ? "unread" : "check" }),
    el("span", { class: "where", text: where }),
    el("span", { class: "message", text: d.message }));
    list.append(el("li", null, button));
  });
}

// The stretches of a note's text to draw: citations (with their signal
// phrases) and unread text, in order, never overlapping.
function pieces(note) {
  const out = [];
  note.citations.forEach((c, i) => {
    if (c.prefix_span) out.push({ start: c.prefix_span[0], end: c.prefix_span[1], kind: "sig" });
    out.push({ start: c.span[0], end: c.span[1], kind: "cit", citation: i });
  });
  for (const u of note.unread) out.push({ start: u.span[0], end: u.span[1], kind: "unread", bytes: u.bytes });
  out.sort((a, b) => a.start - b.start || (a.kind === "cit" ? -1 : 1));
  const kept = [];
  let end = 0;
  for (const p of out) {
    if (p.start < end || p.end <= p.start) {
      // Two citations in the same words ("Telegrams ... nos. 1 and 2"):
      // the second is drawn as a small marker after the first.
      if (p.kind === "cit" && kept.length) {
        const last = kept[kept.length - 1];
        (last.extra = last.extra || []).push(p.citation);
      }
      continue;
    }
    kept.push(p);
    end = p.end;
  }
  return kept;
}

function citationButton(id, ci, text, extra) {
  const c = state.view.notes[id].citations[ci];
  const unresolved = c.form !== "full" && c.resolves_to === null;
  const what = FORM_NAMES[c.class] + (unresolved ? ", unresolved" : "");
  // A link-like control, so that a long citation wraps as the text does.
  return el("a", {
    href: "#note-" + id,
    role: "button",
    class: citationClass(c) + (extra ? " extra" : ""),
    "data-note": id,
    "data-citation": ci,
    "aria-label": extra
      ? "another citation in the same words (" + what + "): open its record"
      : text + " (" + what + ": open its record)",
    title: what,
    text,
    onclick: (event) => {
      event.preventDefault();
      openRecord(id, ci, true);
    },
    onkeydown: spaceClicks,
  });
}

// Space presses a link that acts as a button, as it presses a button.
function spaceClicks(event) {
  if (event.key === " ") {
    event.preventDefault();
    event.currentTarget.click();
  }
}

function citationClass(c) {
  let cls = "cit " + c.class;
  if (c.form !== "full" && c.resolves_to === null && c.class !== "unread") cls += " unresolved";
  return cls;
}

function drawNote(id) {
  const note = state.view.notes[id];
  const text = el("p", { class: "text" });
  let at = 0;
  for (const p of pieces(note)) {
    if (p.start > at) text.append(note.text.slice(at, p.start));
    const span = note.text.slice(p.start, p.end);
    if (p.kind === "sig") {
      text.append(el("span", { class: "sig", title: "signal phrase", text: span }));
    } else if (p.kind === "cit") {
      text.append(citationButton(id, p.citation, span, false));
    } else {
      text.append(el("a", {
        href: "#note-" + id,
        role: "button",
        class: "cit unread",
        "aria-label": span + " (unread text: open)",
        title: "unread text",
        text: span,
        onclick: (event) => {
          event.preventDefault();
          openUnread(id, p);
        },
        onkeydown: spaceClicks,
      }));
    }
    for (const ci of p.extra || []) text.append(citationButton(id, ci, "+" + (ci + 1), true));
    at = p.end;
  }
  if (at < note.text.length) text.append(note.text.slice(at));
  const heading = el("h3", { class: "note-label" },
    el("a", { href: "#note-" + id, text: noteName(note) }));
  const article = el("article", {
    class: "note" + (note.diagnostics.length ? " flagged" : ""),
    id: "note-" + id,
    "data-id": id,
    tabindex: "-1",
    "aria-label": noteName(note),
  }, heading, text);
  return article;
}

function drawNotes() {
  const view = state.view;
  const container = $("#notes");
  const generation = state.generation;
  $("#notes-count").textContent = "(" + view.notes.length + ")";
  // A new upload: start afresh.
  if (state.drawn.length !== view.notes.length ||
      container.children.length !== state.drawn.length) {
    container.replaceChildren();
    state.drawn = [];
  }
  document.body.dataset.state = "drawing";
  let next = 0;
  let frames = 0;
  const step = () => {
    if (generation !== state.generation) return;
    frames += 1;
    const stop = Math.min(next + NOTES_PER_FRAME, view.notes.length);
    for (; next < stop; next++) {
      const json = JSON.stringify(view.notes[next]);
      if (state.drawn[next] === json) continue;
      const article = drawNote(next);
      article.hidden = !visible(next);
      if (next < container.children.length) {
        container.children[next].replaceWith(article);
      } else {
        container.append(article);
      }
      state.drawn[next] = json;
    }
    if (next < view.notes.length) {
      setStatus("Showing " + next + " of " + view.notes.length + " notes…", "busy");
      requestAnimationFrame(step);
    } else {
      setStatus("All " + view.notes.length + " notes are shown.", "done");
      applyFilter();
      // How many frames the drawing took (one per NOTES_PER_FRAME notes).
      document.body.dataset.frames = String(frames);
      document.body.dataset.state = "ready";
    }
  };
  step();
}

function visible(id) {
  const note = state.view.notes[id];
  if (state.only !== null) return state.only.has(id);
  if (state.filter === "all") return true;
  return note.diagnostics.some((d) => state.view.diagnostics[d].severity === state.filter);
}

function applyFilter() {
  const notes = $("#notes").children;
  let shown = 0;
  for (let i = 0; i < notes.length; i++) {
    notes[i].hidden = !visible(i);
    if (!notes[i].hidden) shown++;
  }
  const total = state.view.notes.length;
  $("#notes-count").textContent = shown === total ? "(" + total + ")" : "(" + shown + " of " + total + ")";
}

function focusNote(id) {
  const article = document.getElementById("note-" + id);
  if (!article) return;
  if (article.hidden) {
    state.only = null;
    state.filter = "all";
    applyFilter();
    drawDiagnostics();
  }
  article.scrollIntoView({ block: "center" });
  article.focus({ preventScroll: true });
}

function nameText(names) {
  return (names || []).map((n) => n.literal || [n.family, n.given].filter(Boolean).join(", ")).join("; ");
}

function dateText(date) {
  if (!date) return "";
  if (date["date-parts"] && date["date-parts"].length) {
    return date["date-parts"].map((p) => p.map((v, i) => (i ? String(v).padStart(2, "0") : String(v))).join("-")).join("/");
  }
  return date.literal || date.raw || "";
}

function fieldText(item, field) {
  const value = item[field];
  if (field === "author" || field === "editor" || field === "recipient") return nameText(value);
  if (field === "issued") return dateText(value);
  return value === undefined || value === null ? "" : String(value);
}

function workLine(item) {
  const parts = [];
  const names = nameText(item.author) || nameText(item.editor);
  if (names) parts.push(names);
  if (item.title) parts.push(item.title);
  if (item["container-title"]) parts.push(item["container-title"]);
  const imprint = [item["publisher-place"], item.publisher].filter(Boolean).join(": ");
  if (imprint) parts.push(imprint);
  const date = dateText(item.issued);
  if (date) parts.push(date);
  if (item.archive) parts.push([item.archive, item.archive_location].filter(Boolean).join(", "));
  if (!parts.length && item.note) parts.push(item.note);
  return parts.join(". ");
}

function noteLink(id, text) {
  return el("a", {
    href: "#note-" + id,
    text,
    onclick: (event) => {
      event.preventDefault();
      focusNote(id);
    },
  });
}

function drawWorks() {
  const view = state.view;
  const body = $("#works tbody");
  const generation = state.generation;
  $("#works-count").textContent = "(" + view.works.length + ")";
  body.replaceChildren();
  let next = 0;
  const step = () => {
    if (generation !== state.generation) return;
    const stop = Math.min(next + WORKS_PER_FRAME, view.works.length);
    const rows = document.createDocumentFragment();
    for (; next < stop; next++) {
      const w = view.works[next];
      rows.append(el("tr", { "data-work": next },
        el("td", { class: "key" }, el("code", { text: w.key })),
        el("td", { class: "work" },
          el("span", { class: "type", text: w.item.type }), " ",
          workLine(w.item)),
        el("td", { class: "times", text: String(w.times_cited) }),
        el("td", null, w.first_note_id === null ? w.first_note : noteLink(w.first_note_id, noteName(view.notes[w.first_note_id])))));
    }
    body.append(rows);
    if (next < view.works.length) requestAnimationFrame(step);
  };
  step();
}

// ---------------------------------------------------------------- records

function fieldInput(field, label, value) {
  const id = "field-" + field;
  let input;
  if (field === "type") {
    input = el("select", { id, name: field });
    for (const t of TYPES) input.append(el("option", { value: t, text: t, selected: t === value }));
  } else {
    input = el("input", { id, name: field, value, autocomplete: "off" });
  }
  input.dataset.original = value;
  return el("div", { class: "field" }, el("label", { for: id, text: label }), input);
}

function closeRecord() {
  $("#record").hidden = true;
  document.body.classList.remove("record-open");
  for (const b of document.querySelectorAll(".cit.selected")) b.classList.remove("selected");
}

function openUnread(id, piece) {
  const note = state.view.notes[id];
  state.selected = null;
  const record = $("#record");
  record.hidden = false;
  document.body.classList.add("record-open");
  $("#record-heading").textContent = "Unread text";
  $("#record-where").replaceChildren(noteLink(id, noteName(note)), ": ibid could not read this as a citation. It is kept, as raw text, in every download.");
  $("#record-resolves").textContent = "";
  $("#record-form").hidden = true;
  $("#resolve-box").hidden = true;
  const button = $("#not-citation");
  button.onclick = () => correct({
    kind: "not_citation", file: note.file, note: note.index,
    start: piece.bytes[0], end: piece.bytes[1],
  }, "Marked as not a citation.");
  button.focus();
}

function openRecord(id, ci, focus) {
  const view = state.view;
  const note = view.notes[id];
  const c = note && note.citations[ci];
  if (!c) {
    state.selected = null;
    closeRecord();
    return;
  }
  state.selected = { note: id, citation: ci };
  for (const b of document.querySelectorAll(".cit.selected")) b.classList.remove("selected");
  const button = document.querySelector('[data-note="' + id + '"][data-citation="' + ci + '"]');
  if (button) button.classList.add("selected");
  const work = c.work === null ? null : view.works[c.work];
  const item = work ? work.item : c.item;
  $("#record").hidden = false;
  document.body.classList.add("record-open");
  $("#record-heading").textContent = "Record: " + (c.source
    ? "from " + { zotero: "Zotero", mendeley: "Mendeley", endnote: "EndNote" }[c.source]
    : FORM_NAMES[c.class]);
  $("#record-where").replaceChildren(
    noteLink(id, noteName(note)),
    ", citation " + (ci + 1) + (work ? " · bibliography key " : ""),
    work ? el("code", { text: work.key }) : "",
    work ? " · cited " + work.times_cited + (work.times_cited === 1 ? " time" : " times") : "");
  const resolves = $("#record-resolves");
  resolves.replaceChildren();
  if (c.form !== "full") {
    if (c.resolves_note !== null) {
      resolves.append("Resolves to ", noteLink(c.resolves_note, noteName(view.notes[c.resolves_note])), ".");
    } else if (c.resolves_to !== null) {
      resolves.append("Resolves to note " + c.resolves_to + ".");
    } else {
      resolves.append(el("strong", { text: "Unresolved:" }), " no earlier note names this work. Pick the work it cites below.");
    }
  } else if (work && work.first_note_id !== null && work.first_note_id !== id) {
    resolves.append("The same work as ", noteLink(work.first_note_id, noteName(view.notes[work.first_note_id])), ".");
  }
  const form = $("#record-form");
  form.hidden = false;
  form.dataset.work = work ? work.base : "";
  form.dataset.file = note.file;
  const main = $("#record-fields");
  const more = $("#record-more");
  main.replaceChildren();
  more.replaceChildren();
  for (const [field, label] of MAIN_FIELDS) main.append(fieldInput(field, label, fieldText(item, field)));
  for (const [field, label] of MORE_FIELDS) more.append(fieldInput(field, label, fieldText(item, field)));
  for (const input of form.querySelectorAll("#record-fields input, #record-fields select, #record-more input")) {
    input.disabled = !work;
  }
  const locator = $("#field-locator");
  locator.value = c.locator ? c.locator.value : "";
  locator.dataset.original = locator.value;
  // What a short form or Ibid. may cite: the works of its file.
  const box = $("#resolve-box");
  box.hidden = c.form === "full";
  if (c.form !== "full") {
    const select = $("#resolve-select");
    select.replaceChildren();
    if (c.work === null) select.append(el("option", { value: "", text: "(choose a work)" }));
    view.works.forEach((w, i) => {
      if (w.file !== note.file) return;
      const line = w.key + ": " + workLine(w.item);
      select.append(el("option", {
        value: w.base,
        text: line.length > 110 ? line.slice(0, 107) + "…" : line,
        selected: i === c.work,
      }));
    });
  }
  $("#not-citation").onclick = () => correct({
    kind: "not_citation", file: note.file, note: note.index,
    start: c.bytes[0], end: c.bytes[1],
  }, "Marked as not a citation.");
  if (focus) {
    // Beside the notes, the record may need bringing into view; over them
    // (a narrow screen), it is in view already.
    if (getComputedStyle($("#record")).position !== "fixed") {
      $("#record-heading").scrollIntoView({ block: "nearest" });
    }
    $("#record-heading").focus({ preventScroll: true });
  }
}

async function correct(correction, done) {
  const view = state.view;
  try {
    const next = await api("/api/sessions/" + view.session + "/corrections", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(correction),
    });
    if (correction.kind === "not_citation") {
      state.selected = null;
      closeRecord();
    }
    show(next);
    setStatus(done + " The bibliography and the downloads follow it.", "done");
    return true;
  } catch (e) {
    setStatus(e.message, "error");
    return false;
  }
}

async function saveRecord(event) {
  event.preventDefault();
  const selected = state.selected;
  if (!selected) return;
  const note = state.view.notes[selected.note];
  const c = note.citations[selected.citation];
  const form = $("#record-form");
  const corrections = [];
  if (form.dataset.work !== "") {
    for (const input of form.querySelectorAll("#record-fields [name], #record-more [name]")) {
      if (input.value !== input.dataset.original) {
        corrections.push({
          kind: "edit", file: Number(form.dataset.file), work: Number(form.dataset.work),
          field: input.name, value: input.value,
        });
      }
    }
  }
  const locator = $("#field-locator");
  if (locator.value !== locator.dataset.original) {
    corrections.push({
      kind: "locator", file: note.file, note: note.index, citation: c.index, value: locator.value,
    });
  }
  if (!corrections.length) {
    setStatus("Nothing changed in this record.", "done");
    return;
  }
  for (const correction of corrections) {
    if (!(await correct(correction, "Saved."))) return;
  }
}

// ---------------------------------------------------------------- actions

async function copyForZotero() {
  const view = state.view;
  try {
    const text = await api("/api/sessions/" + view.session + "/export/csl-json");
    const json = typeof text === "string" ? text : JSON.stringify(text, null, 2);
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(json);
    } else {
      const area = el("textarea", { class: "offscreen", "aria-hidden": "true" });
      area.value = json;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setStatus("Copied " + view.works.length + " records. In Zotero: File › Import from Clipboard.", "done");
  } catch (e) {
    setStatus("Could not copy: " + e.message + " Use the CSL-JSON download instead.", "error");
  }
}

async function undo() {
  try {
    const view = await api("/api/sessions/" + state.view.session + "/undo", { method: "POST" });
    show(view);
    setStatus("Correction undone.", "done");
  } catch (e) {
    setStatus(e.message, "error");
  }
}

function moveNote(step) {
  const notes = Array.from($("#notes").children).filter((n) => !n.hidden);
  if (!notes.length) return;
  const current = document.activeElement && document.activeElement.closest && document.activeElement.closest(".note");
  let index = notes.indexOf(current);
  index = index < 0 ? (step > 0 ? 0 : notes.length - 1) : Math.max(0, Math.min(notes.length - 1, index + step));
  notes[index].scrollIntoView({ block: "nearest" });
  notes[index].focus({ preventScroll: true });
}

function setUp() {
  const drop = $("#drop");
  const files = $("#files");
  files.addEventListener("change", () => {
    showChosen(chosenFiles());
    if (chosenFiles().length) readNotes(chosenFiles());
  });
  $("#read").addEventListener("click", () => readNotes(chosenFiles()));
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("over");
    });
  }
  for (const type of ["dragleave", "drop"]) {
    drop.addEventListener(type, () => drop.classList.remove("over"));
  }
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    const dropped = Array.from(event.dataTransfer.files || []);
    showChosen(dropped);
    if (dropped.length) readNotes(dropped);
  });
  // A file dropped anywhere else must not make the browser leave the page.
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());
  for (const button of document.querySelectorAll("[data-filter]")) {
    button.addEventListener("click", () => {
      state.filter = button.dataset.filter;
      state.only = null;
      applyFilter();
      drawDiagnostics();
    });
  }
  $("#record-form").addEventListener("submit", saveRecord);
  $("#close-record").addEventListener("click", () => {
    const selected = state.selected;
    state.selected = null;
    closeRecord();
    if (selected) {
      const button = document.querySelector('[data-note="' + selected.note + '"][data-citation="' + selected.citation + '"]');
      if (button) button.focus();
    }
  });
  $("#resolve-apply").addEventListener("click", () => {
    const selected = state.selected;
    const value = $("#resolve-select").value;
    if (!selected || value === "") return;
    const note = state.view.notes[selected.note];
    const c = note.citations[selected.citation];
    correct({ kind: "resolve", file: note.file, note: note.index, citation: c.index, work: Number(value) },
      "Resolved.");
  });
  $("#copy-zotero").addEventListener("click", copyForZotero);
  $("#undo").addEventListener("click", undo);
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "Escape" && !$("#record").hidden) {
      $("#close-record").click();
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey || !state.view) return;
    if (event.key === "j") moveNote(1);
    if (event.key === "k") moveNote(-1);
  });
  api("/api/limits").then((limits) => { state.limit = limits.max_upload; }).catch(() => {});
}

setUp();
