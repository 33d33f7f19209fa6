// The scenario editor: a panel with the scenario on screen as a file (JSON), to edit and run; a
// packetdrill script (.pkt: any text that is not a JSON object) runs too, its lines' verdicts
// listed in words under it and marked on the diagram (window.finwaitPkt.open also serves the
// menu's "Open scenario…" and drops).
// "Edit scenario…" in the "Share & save" menu opens it; Ctrl+Enter (⌘+Enter) runs the text,
// Escape closes the panel. A file that does not run leaves the view as it was, and its error is
// shown at its line and column: the line marked in the gutter, the caret put at the column.
// The text is kept in localStorage (sessionStorage when that is unavailable) at every change,
// so a reload or a closed tab never loses it; "From the screen" replaces it only when asked,
// and Ctrl+Z brings the replaced text back. Nothing typed is ever inserted as HTML.
(function () {
  "use strict";
  var KEY = "finwait.editor.text";
  var menu = document.getElementById("share-menu");
  var menuButton = document.getElementById("menu-button");
  if (!menu || !window.finwaitShare) { return; }
  var msg = window.finwaitShare.msg;
  function fw() { return window.finwait && window.finwait.ready ? window.finwait : null; }

  var store = null;
  try { store = window.localStorage; store.getItem(KEY); } catch (e) {
    try { store = window.sessionStorage; store.getItem(KEY); } catch (e2) { store = null; }
  }
  function saved() { try { return store ? store.getItem(KEY) : null; } catch (e) { return null; } }
  function keep(text) { try { if (store) { store.setItem(KEY, text); } } catch (e) { /* full: the text stays on screen */ } }
  // the text a replacement took the place of stays in storage too (KEY.previous)
  function keepPrevious(text) { try { if (store) { store.setItem(KEY + ".previous", text); } } catch (e) { /* as keep */ } }

  function el(tag, cls, attrs) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    for (var k in attrs || {}) { e.setAttribute(k, attrs[k]); }
    return e;
  }
  // the menu item, next to "Open scenario…"
  var item = el("button", "", { type: "button", id: "edit-scenario", "data-emsg": "web.edit", "data-etitle": "web.edit.title" });
  var openFile = document.getElementById("open-file");
  menu.insertBefore(item, openFile ? openFile.nextSibling : menu.firstChild);

  // the panel, built once
  var panel = el("section", "editor", { id: "editor", role: "dialog", "aria-labelledby": "editor-heading" });
  panel.hidden = true;
  var head = el("div", "editor-head");
  var heading = el("h2", "", { id: "editor-heading", "data-emsg": "web.editor.heading" });
  var closeX = el("button", "editor-x", { type: "button", id: "editor-close-x", "data-elabel": "web.editor.close" });
  closeX.textContent = "×";
  head.appendChild(heading);
  head.appendChild(closeX);
  var body = el("div", "editor-body");
  var gutter = el("div", "editor-gutter", { "aria-hidden": "true" });
  var area = el("textarea", "", { id: "editor-text", spellcheck: "false", wrap: "off", autocomplete: "off", autocapitalize: "off", "data-elabel": "web.editor.text" });
  body.appendChild(gutter);
  body.appendChild(area);
  var error = el("p", "editor-error", { id: "editor-error", role: "alert" });
  var note = el("p", "editor-note", { id: "editor-note", "aria-live": "polite" });
  var verdicts = el("ol", "editor-verdicts", { id: "editor-verdicts", "data-elabel": "web.pkt.verdicts" });
  verdicts.hidden = true;
  var buttons = el("div", "editor-buttons");
  function button(id, word, title) {
    var b = el("button", "", { type: "button", id: id, "data-emsg": word });
    if (title) { b.setAttribute("data-etitle", title); }
    buttons.appendChild(b);
    return b;
  }
  var run = button("editor-run", "web.editor.run", "web.editor.run.title");
  var reset = button("editor-reset", "web.editor.reset", "web.editor.reset.title");
  var save = button("editor-save", "web.editor.save");
  var close = button("editor-close", "web.editor.close");
  [head, body, error, note, verdicts, buttons].forEach(function (c) { panel.appendChild(c); });
  document.body.appendChild(panel);

  function label() {
    var all = document.querySelectorAll("[data-emsg], [data-etitle], [data-elabel]");
    for (var i = 0; i < all.length; i++) {
      var e = all[i], a = e.getAttribute("data-emsg"), t = e.getAttribute("data-etitle"), l = e.getAttribute("data-elabel");
      if (a) { e.textContent = msg(a); }
      if (t) { e.title = msg(t); }
      if (l) { e.setAttribute("aria-label", msg(l)); }
    }
  }
  window.finwaitShare.words.then(label);
  document.addEventListener("finwait-lang", label);
  document.addEventListener("finwait-ready-api", label);

  // --- the gutter: one line number per line, the error's line marked ----------------------
  var errLine = 0;
  function drawGutter() {
    var n = area.value.split("\n").length;
    if (gutter.childNodes.length !== n || gutter.getAttribute("data-err") !== String(errLine)) {
      while (gutter.firstChild) { gutter.removeChild(gutter.firstChild); }
      var frag = document.createDocumentFragment();
      for (var i = 1; i <= n; i++) {
        var d = el("div", i === errLine ? "err" : "");
        d.textContent = String(i);
        frag.appendChild(d);
      }
      gutter.appendChild(frag);
      gutter.setAttribute("data-err", String(errLine));
    }
    gutter.scrollTop = area.scrollTop;
  }
  area.addEventListener("scroll", function () { gutter.scrollTop = area.scrollTop; });

  function clearError() {
    errLine = 0;
    error.textContent = "";
    error.hidden = true;
    error.removeAttribute("data-line");
    error.removeAttribute("data-column");
  }
  // showError puts the message under the text, marks its line and puts the caret at its column
  // (line and column from the message, as the scenario decoder writes them, or given).
  function showError(text, line, col) {
    clearError();
    error.hidden = false;
    error.textContent = msg("web.editor.error", text);
    var m = /line (\d+), column (\d+)/.exec(text);
    if (m) { line = +m[1]; col = +m[2]; }
    errLine = line > 0 ? line : 0;
    drawGutter();
    if (!errLine) { return; }
    col = Math.max(col || 1, 1);
    var lines = area.value.split("\n"), off = 0;
    for (var i = 0; i < errLine - 1 && i < lines.length; i++) { off += lines[i].length + 1; }
    off += col - 1;
    error.setAttribute("data-line", String(errLine));
    error.setAttribute("data-column", String(col));
    area.focus();
    area.setSelectionRange(off, off);
    // bring the line into view: the textarea does not scroll to a caret set by script everywhere
    var lh = parseFloat(getComputedStyle(area).lineHeight) || 16;
    var y = (errLine - 1) * lh;
    if (y < area.scrollTop || y > area.scrollTop + area.clientHeight - 2 * lh) { area.scrollTop = Math.max(0, y - area.clientHeight / 3); }
    gutter.scrollTop = area.scrollTop;
  }

  // replace sets the text as one edit the browser can undo (Ctrl+Z brings the old text back).
  function replace(text) {
    if (area.value !== "" && area.value !== text) { keepPrevious(area.value); }
    area.focus();
    area.select();
    var undoable = false;
    try { undoable = document.execCommand("insertText", false, text); } catch (e) { undoable = false; }
    if (!undoable || area.value !== text) { area.value = text; }
    area.setSelectionRange(0, 0);
    area.scrollTop = 0;
    keep(text);
    clearError();
    drawGutter();
  }

  // fromScreen replaces the text with the file of the scenario on screen: the text it was
  // opened from, or `finwait show`'s file for a catalog scenario (served as scenarios/NAME.json).
  function fromScreen() {
    var f = fw();
    if (!f) { return Promise.resolve(); }
    var sf = f.scenarioFile(), file = { name: f.state().scenario, text: sf[0], whatIfs: sf[1] };
    if (typeof file.text !== "string" && scripts[file.name] !== undefined) { file.text = scripts[file.name]; }
    var got = typeof file.text === "string" ? Promise.resolve(file.text)
      : fetch("scenarios/" + encodeURIComponent(file.name) + ".json").then(function (r) {
        if (!r.ok) { throw new Error("scenarios/" + file.name + ".json: HTTP " + r.status); }
        return r.text();
      });
    return got.then(function (text) {
      replace(text);
      note.textContent = file.whatIfs > 0 ? msg("web.editor.what_if") : msg("web.editor.kept");
    }, function (err) { note.textContent = err.message; });
  }

  // isScript: a scenario file is one JSON object; anything else is a packetdrill script.
  function isScript(text) { return !/^\s*\{/.test(text); }

  // where finds the line and column of a value in a JSON text that parsed: path is a list of
  // member names and list indices (["actions", 3]). For the core's validation errors, which name
  // an action or a wire rule by its index rather than a place in the file.
  function where(text, path) {
    var i = 0;
    function ws() { while (i < text.length && /\s/.test(text[i])) { i++; } }
    function str() { var j = i + 1; while (j < text.length && text[j] !== '"') { j += text[j] === "\\" ? 2 : 1; } var s = JSON.parse(text.slice(i, j + 1)); i = j + 1; return s; }
    function skip() { // past one value
      ws();
      var c = text[i];
      if (c === '"') { str(); return; }
      if (c === "{" || c === "[") {
        i++; ws();
        while (i < text.length && text[i] !== "}" && text[i] !== "]") { if (c === "{") { str(); ws(); i++; } skip(); ws(); if (text[i] === ",") { i++; ws(); } }
        i++;
        return;
      }
      while (i < text.length && !/[\s,\]}]/.test(text[i])) { i++; }
    }
    try {
      for (var k = 0; k < path.length; k++) {
        ws();
        var open = text[i], found = false;
        i++; ws();
        for (var n = 0; i < text.length && text[i] !== "}" && text[i] !== "]"; n++) {
          var key = open === "{" ? str() : n;
          if (open === "{") { ws(); i++; ws(); }
          if (key === path[k]) { found = true; break; }
          skip(); ws();
          if (text[i] === ",") { i++; ws(); }
        }
        if (!found) { return null; }
      }
      ws();
      var before = text.slice(0, i).split("\n");
      return { line: before.length, col: before[before.length - 1].length + 1 };
    } catch (e) { return null; }
  }
  // placeOf is where a validation error's action or wire rule is in the text, or null.
  function placeOf(text, error) {
    var m = /: action (\d+) \(/.exec(error) || null, r = /: wire rule (\d+)/.exec(error);
    if (m) { return where(text, ["actions", +m[1]]); }
    if (r) { return where(text, ["wire", "rules", +r[1]]); }
    return null;
  }

  function runText() {
    var f = fw();
    if (!f) { return; }
    keep(area.value);
    if (isScript(area.value)) { openScript(scriptName, area.value, true); return; }
    verdicts.hidden = true;
    var r = f.openScenario(msg("web.editor.name"), area.value);
    if (r.ok) {
      clearError();
      drawGutter();
      note.textContent = msg("web.editor.ran", r.scenario);
    } else {
      note.textContent = "";
      var at = placeOf(area.value, r.error);
      showError(r.error, at && at.line, at && at.col);
    }
  }

  // --- packetdrill scripts ---------------------------------------------------------------------
  // The main module cannot run them: the first script switches the page to the packetdrill
  // module (boot.js loads finwait-pkt.wasm for #pkt), the script waiting in sessionStorage.
  var PENDING = "finwait.pkt.pending";
  var scriptName = "editor.pkt";
  var scripts = {}; // the text of each script run, by name ("From the screen")

  // openScript runs a script and shows it: its text in the editor (the draft before it kept, and
  // undoable), the verdicts of its lines in words, its error at its line and column.
  function openScript(name, text, fromEditor) {
    var f = fw();
    if (!f) { return; }
    if (typeof f.openPkt !== "function") {
      try { sessionStorage.setItem(PENDING, JSON.stringify({ name: name, text: text })); } catch (e) { return; }
      location.hash = "pkt";
      location.reload();
      return;
    }
    if (panel.hidden) { show(true); }
    if (!fromEditor || area.value !== text) { replace(text); }
    keep(text);
    scriptName = name;
    var r = f.openPkt(name, text);
    while (verdicts.firstChild) { verdicts.removeChild(verdicts.firstChild); }
    verdicts.hidden = !r.ok;
    if (!r.ok) {
      note.textContent = "";
      showError(msg("web.editor.error_at", r.line, r.column) + ": " + r.error, r.line, r.column);
      return;
    }
    scripts[r.scenario] = text;
    clearError();
    drawGutter();
    var missed = 0;
    r.lines.forEach(function (v) {
      var li = el("li", v.met ? "met" : "not");
      li.textContent = v.met ? msg("web.pkt.line_met", v.line, v.text) : msg("web.pkt.line_not", v.line, v.expected, v.got);
      li.setAttribute("data-line", String(v.line));
      verdicts.appendChild(li);
      if (!v.met) { missed++; }
    });
    note.textContent = missed ? msg("web.pkt.missed", missed, r.lines.length) : msg("web.pkt.all_met", r.lines.length);
    var first = verdicts.querySelector(".not");
    if (first) { verdicts.scrollTop = first.offsetTop - verdicts.offsetTop; } // the first miss in sight
  }
  window.finwaitPkt = Object.freeze({ open: function (name, text) { openScript(name, text, false); } });
  // a script waiting for the packetdrill module runs once it is up
  function pending() {
    if (!fw()) { requestAnimationFrame(pending); return; }
    var p = null;
    try { p = JSON.parse(sessionStorage.getItem(PENDING)); sessionStorage.removeItem(PENDING); } catch (e) { p = null; }
    if (p && typeof p.text === "string") { window.finwaitShare.words.then(function () { openScript(String(p.name), p.text, false); }); }
  }
  if (/^#pkt\b/.test(location.hash)) { pending(); }

  function download() {
    var f = fw(), name = "scenario", script = isScript(area.value);
    try { name = script ? scriptName.replace(/\.pkt$/i, "") : JSON.parse(area.value).name || name; } catch (e) { /* not JSON yet: a plain name */ }
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([area.value], { type: script ? "text/plain" : "application/json" }));
    a.download = String(name).replace(/[^A-Za-z0-9_.-]/g, "_") + (script ? ".pkt" : ".json");
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    if (f) { note.textContent = f.msg("web.saved", a.download); }
  }

  // show opens the panel: with the text kept, or else the scenario on screen (unless the caller
  // is about to put a text there itself).
  function show(filling) {
    if (!menu.hidden) { menuButton.click(); } // close the menu
    panel.hidden = false;
    document.body.classList.add("editing");
    label();
    var text = saved();
    if (area.value === "" && text !== null) { area.value = text; drawGutter(); note.textContent = msg("web.editor.kept"); }
    if (area.value === "" && filling !== true) { fromScreen(); } else { drawGutter(); }
    area.focus();
  }
  function hide() {
    panel.hidden = true;
    document.body.classList.remove("editing");
    menuButton.focus(); // the menu it opens from (the item itself is hidden with the menu)
  }

  item.addEventListener("click", function () { show(false); });
  run.addEventListener("click", runText);
  reset.addEventListener("click", fromScreen);
  save.addEventListener("click", download);
  close.addEventListener("click", hide);
  closeX.addEventListener("click", hide);
  area.addEventListener("input", function () { keep(area.value); drawGutter(); });
  panel.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runText(); }
    if (e.key === "Escape") { e.preventDefault(); hide(); }
    e.stopPropagation(); // the diagram's keys (space, arrows, digits) stay with the diagram
  });
  // a file opened from a link shows in the editor when it opens next (the draft stays until then)
  document.addEventListener("finwait-link-opened", function (e) {
    if (e.detail.ok && saved() === null) { keep(e.detail.text); }
  });
  window.finwaitEditor = Object.freeze({ open: function () { show(false); }, fromScreen: fromScreen, run: runText });
})();
