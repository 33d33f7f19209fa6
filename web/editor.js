// The scenario editor: a panel with the scenario on screen as a file (JSON), to edit and run.
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
  [head, body, error, note, buttons].forEach(function (c) { panel.appendChild(c); });
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

  function clearError() { errLine = 0; error.textContent = ""; error.hidden = true; }
  // showError puts the message under the text, marks its line and puts the caret at its column.
  function showError(text) {
    error.hidden = false;
    error.textContent = msg("web.editor.error", text);
    var m = /line (\d+), column (\d+)/.exec(text);
    errLine = m ? +m[1] : 0;
    drawGutter();
    if (!m) { return; }
    var lines = area.value.split("\n"), off = 0;
    for (var i = 0; i < errLine - 1 && i < lines.length; i++) { off += lines[i].length + 1; }
    off += +m[2] - 1;
    error.setAttribute("data-line", m[1]);
    error.setAttribute("data-column", m[2]);
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
    var file = f.scenarioFile();
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

  function runText() {
    var f = fw();
    if (!f) { return; }
    keep(area.value);
    var r = f.openScenario(msg("web.editor.name"), area.value);
    if (r.ok) {
      clearError();
      drawGutter();
      note.textContent = msg("web.editor.ran", r.scenario);
    } else {
      note.textContent = "";
      showError(r.error);
    }
  }

  function download() {
    var f = fw(), name = "scenario";
    try { name = JSON.parse(area.value).name || name; } catch (e) { /* not JSON yet: a plain name */ }
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([area.value], { type: "application/json" }));
    a.download = String(name).replace(/[^A-Za-z0-9_.-]/g, "_") + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    if (f) { note.textContent = f.msg("web.saved", a.download); }
  }

  var opener = null;
  function show() {
    if (!menu.hidden) { menuButton.click(); } // close the menu
    opener = document.activeElement;
    panel.hidden = false;
    document.body.classList.add("editing");
    label();
    var text = saved();
    if (area.value === "" && text !== null) { area.value = text; drawGutter(); note.textContent = msg("web.editor.kept"); }
    if (area.value === "") { fromScreen(); } else { drawGutter(); }
    area.focus();
  }
  function hide() {
    panel.hidden = true;
    document.body.classList.remove("editing");
    (opener && opener.focus ? opener : menuButton).focus();
  }

  item.addEventListener("click", show);
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
  window.finwaitEditor = Object.freeze({ open: show, fromScreen: fromScreen, run: runText });
})();
