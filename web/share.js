// "Copy link" and "Copy embed code": the current state (scenario, profile, moment, speed, theme,
// language) as a URL or a ready <iframe> snippet. Values come from window.finwait.state().
(function () {
  "use strict";
  var note = document.getElementById("share-note");
  var box = document.getElementById("share-text");

  function query() {
    if (!window.finwait || !window.finwait.ready) { return null; }
    var s = window.finwait.state();
    var p = window.finwait.params;
    var q = new URLSearchParams();
    q.set("scenario", s.scenario);
    q.set("profile", s.profile);
    q.set("t", (s.t / 1000) + "ms");
    q.set("speed", String(s.speed));
    if (p.Theme !== "light") { q.set("theme", p.Theme); }
    if (p.Lang !== "en") { q.set("lang", p.Lang); }
    return q.toString();
  }
  function base() { return location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, ""); }
  function escapeAttr(s) { return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); }

  function copy(text, what) {
    box.value = text;
    function fallback() {
      box.hidden = false;
      box.focus();
      box.select();
      note.textContent = "Select and copy the " + what + ":";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        box.hidden = true;
        note.textContent = what.charAt(0).toUpperCase() + what.slice(1) + " copied.";
      }, fallback);
    } else {
      fallback();
    }
  }

  document.getElementById("copy-link").addEventListener("click", function () {
    var q = query();
    if (q !== null) { copy(base() + "index.html?" + q, "link"); }
  });
  document.getElementById("copy-embed").addEventListener("click", function () {
    var q = query();
    if (q === null) { return; }
    var url = base() + "embed.html?" + q + "&autoplay=0";
    copy('<iframe src="' + escapeAttr(url) + '" width="960" height="600" title="finwait: ' +
      escapeAttr(window.finwait.state().scenario) + '" style="border:0" allow="clipboard-write"></iframe>', "embed code");
  });
})();
