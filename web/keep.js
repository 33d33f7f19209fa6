// Keeps the page, and the moment on screen, whatever the mouse and keys do.
//
// The browser handles some input itself, and some of it leaves the page: a link or text dropped
// on it (the browser navigates to a dropped URL), the mouse's back and forward buttons and
// Alt+← / Alt+→ (history back and forward: in a fresh tab that is about:blank), a middle click
// (autoscroll, or a link opened elsewhere), something in the page dragged out and dropped back.
// None of them means anything in the diagram, so the page cancels them. Files dropped on the page
// are boot.js's (it opens them as scenario files).
//
// The moment is kept in the URL as well (index.html only: an embed's URL belongs to its host
// page): scenario, profile and t follow the diagram through history.replaceState, at most once a
// second, but t only every PLAYING_EVERY seconds while playing (and when the page is left),
// so a reload (or coming back after leaving) returns to it. replaceState is a round trip to the
// browser's process: on a loaded machine one call held the main thread for 100 ms (issue 13).
(function () {
  "use strict";
  function carriesFiles(e) {
    return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], "Files") >= 0;
  }
  function editable(t) {
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName || ""));
  }
  // 3 and 4 are the mouse's back and forward buttons, 1 the middle one.
  function cancelButtons(e) {
    if (e.button === 1 || e.button === 3 || e.button === 4) { e.preventDefault(); }
  }
  ["mousedown", "mouseup", "pointerup", "auxclick"].forEach(function (type) {
    window.addEventListener(type, cancelButtons, true);
  });
  window.addEventListener("keydown", function (e) {
    var history = (e.altKey && (e.key === "ArrowLeft" || e.key === "ArrowRight")) ||
      e.key === "BrowserBack" || e.key === "BrowserForward" || (e.key === "Backspace" && !editable(e.target));
    if (history) { e.preventDefault(); }
  }, true);
  // Nothing in the page is meant to be dragged (text selected in the share box may be).
  window.addEventListener("dragstart", function (e) {
    if (!editable(e.target)) { e.preventDefault(); }
  }, true);
  // Anything dropped that is not a file: refuse it, so the browser never navigates to it.
  ["dragenter", "dragover", "drop"].forEach(function (type) {
    window.addEventListener(type, function (e) {
      if (carriesFiles(e) || editable(e.target)) { return; }
      e.preventDefault();
      if (type === "drop") { e.stopPropagation(); } // Ebiten's drop handler wants files only
      else if (e.dataTransfer) { e.dataTransfer.dropEffect = "none"; }
    }, true);
  });

  // --- the moment in the URL ---------------------------------------------------------------
  if (document.body.classList.contains("embed") || !window.history || !history.replaceState) { return; }
  var last = location.search, lastKey = "", PLAYING_EVERY = 5, skipped = 0;
  function keep(e) {
    var f = window.finwait;
    if (!f || !f.ready) { return; }
    var s = f.state();
    if (s.file) { return; } // a scenario from a file has no link: the URL keeps the last one
    // while playing, only t moves on its own: it waits; a new scenario, profile, play or pause
    // and leaving the page (e) do not
    var key = s.scenario + "\n" + s.profile + "\n" + s.playing;
    if (s.playing && !e && key === lastKey && ++skipped < PLAYING_EVERY) { return; }
    skipped = 0;
    lastKey = key;
    var q = new URLSearchParams(location.search);
    q.set("scenario", s.scenario);
    q.set("profile", s.profile);
    q.set("t", (s.t / 1000) + "ms");
    if (s.playing) { q.set("autoplay", "1"); } else { q.delete("autoplay"); }
    if (s.tool) { q.set("tool", s.tool.tool); } else { q.delete("tool"); }
    var search = "?" + q.toString();
    if (search !== last) {
      last = search;
      try { history.replaceState(history.state, "", search + location.hash); } catch (err) { /* over the browser's rate */ }
    }
  }
  setInterval(keep, 1000);
  window.addEventListener("pagehide", keep);
})();
