// The page's "Share & save" menu: open a scenario file, save the moment as PNG, save the trace
// (JSON or text listing), copy a link or an <iframe> for the current state. Its button sits at the
// right end of the app's top bar, where the app keeps room for it. Every word on the buttons comes from
// the app's message table (window.finwait.msg), in the language on screen; nothing from a file or
// a URL is ever inserted as HTML.
(function () {
  "use strict";
  var bar = document.getElementById("share");
  var note = document.getElementById("share-note");
  var box = document.getElementById("share-text");
  var fileInput = document.getElementById("file-input");
  var menuButton = document.getElementById("menu-button");
  var menu = document.getElementById("share-menu");

  function setOpen(open) {
    menu.hidden = !open;
    menuButton.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) { note.textContent = ""; box.hidden = true; }
  }
  // The menu follows the WAI-ARIA menu button pattern: Enter, Space or ↓ on the button open it on
  // its first item (↑ on its last); ↑ ↓ Home End move between the items; Escape closes it and
  // returns to the button; Tab closes it and moves on as usual.
  function items() {
    var all = menu.querySelectorAll("button"), out = [];
    for (var i = 0; i < all.length; i++) {
      all[i].setAttribute("role", "menuitem");
      all[i].tabIndex = -1;
      if (!all[i].hidden) { out.push(all[i]); }
    }
    return out;
  }
  function openAt(last) {
    setOpen(true);
    var it = items();
    if (it.length) { it[last ? it.length - 1 : 0].focus(); }
  }
  menuButton.addEventListener("click", function () {
    if (menu.hidden) { openAt(false); } else { setOpen(false); }
  });
  menuButton.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") { e.preventDefault(); openAt(e.key === "ArrowUp"); }
  });
  menu.addEventListener("keydown", function (e) {
    var it = items(), i = it.indexOf(document.activeElement), n = it.length, to = -1;
    if (e.key === "ArrowDown") { to = (i + 1) % n; }
    if (e.key === "ArrowUp") { to = (i + n - 1) % n; }
    if (e.key === "Home") { to = 0; }
    if (e.key === "End") { to = n - 1; }
    if (to >= 0 && n > 0 && e.target !== box) { e.preventDefault(); it[to].focus(); }
    if (e.key === "Tab") { setOpen(false); menuButton.focus(); } // the browser moves on from the button
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !menu.hidden) { setOpen(false); menuButton.focus(); e.stopPropagation(); }
  }, true);
  document.addEventListener("pointerdown", function (e) {
    if (!menu.hidden && !bar.contains(e.target)) { setOpen(false); }
  }, true);

  function fw() { return window.finwait && window.finwait.ready ? window.finwait : null; }
  function msg(id) {
    var f = window.finwait;
    var args = Array.prototype.slice.call(arguments, 1);
    return f ? f.msg.apply(null, [id].concat(args)) : "";
  }

  function label() {
    var els = bar.querySelectorAll("[data-msg]");
    for (var i = 0; i < els.length; i++) {
      els[i].textContent = msg(els[i].getAttribute("data-msg"));
      var t = els[i].getAttribute("data-title");
      if (t) { els[i].title = msg(t); }
    }
    box.setAttribute("aria-label", msg("web.copy_by_hand"));
  }
  function show() { label(); bar.hidden = false; }
  document.addEventListener("finwait-lang", label);
  document.addEventListener("finwait-ready-api", show);
  if (window.finwait) { show(); }
  // the app keeps room for the menu at its top bar's right end: tell it when the menu's size
  // changes (a language switch, a late font), or its controls would lag the drawing
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      if (window.finwait && window.finwait.topBarChanged) { window.finwait.topBarChanged(); }
    }).observe(bar);
  }

  function say(text) { box.hidden = true; note.textContent = text; }

  // --- share -------------------------------------------------------------------------------
  function query() {
    var f = fw();
    if (!f) { return null; }
    var s = f.state();
    if (s.file) { say(msg("web.no_link_for_file")); return null; }
    var q = new URLSearchParams();
    q.set("scenario", s.scenario);
    return moment(s, q).toString();
  }
  // moment adds the profile, moment, speed, theme and language on screen to q
  function moment(s, q) {
    var p = fw().params;
    q.set("profile", s.profile);
    q.set("t", (s.t / 1000) + "ms");
    q.set("speed", String(s.speed));
    if (p.Theme !== "light") { q.set("theme", p.Theme); }
    if (s.lang !== "en") { q.set("lang", s.lang); }
    return q;
  }
  function base() { return location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, ""); }
  function escapeAttr(s) { return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); }

  function copy(text, doneID) {
    box.value = text;
    function fallback() {
      box.hidden = false;
      box.focus();
      box.select();
      note.textContent = msg("web.copy_by_hand");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { say(msg(doneID)); }, fallback);
    } else {
      fallback();
    }
  }

  document.getElementById("copy-link").addEventListener("click", function () {
    var q = query();
    if (q !== null) { copy(base() + "index.html?" + q, "web.link_copied"); }
  });
  function embedCode(url) {
    return '<iframe src="' + escapeAttr(url) + '" width="960" height="600" title="finwait: ' +
      escapeAttr(fw().state().scenario) + '" style="border:0" allow="clipboard-write"></iframe>';
  }
  document.getElementById("copy-embed").addEventListener("click", function () {
    var q = query();
    if (q !== null) { copy(embedCode(base() + "embed.html?" + q + "&autoplay=0"), "web.embed_copied"); }
  });
  // share.js makes the links of a scenario opened from a file or the editor with these
  window.finwaitToolbar = Object.freeze({ say: say, copy: copy, embedCode: embedCode, base: base, moment: moment });

  // --- save --------------------------------------------------------------------------------
  function fileBase() {
    var s = fw().state();
    return "finwait-" + s.scenario.replace(/[^A-Za-z0-9_.-]/g, "_") + "-" + s.profile;
  }
  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    say(msg("web.saved", name));
    document.dispatchEvent(new CustomEvent("finwait-saved", { detail: { name: name, size: blob.size, type: blob.type } }));
  }
  document.getElementById("save-trace").addEventListener("click", function () {
    if (!fw()) { return; }
    download(new Blob([fw().exportTrace("json")], { type: "application/json" }), fileBase() + ".json");
  });
  document.getElementById("save-text").addEventListener("click", function () {
    if (!fw()) { return; }
    download(new Blob([fw().exportTrace("text")], { type: "text/plain;charset=utf-8" }), fileBase() + ".txt");
  });
  document.getElementById("save-png").addEventListener("click", function () {
    if (!fw()) { return; }
    var name = fileBase() + "-" + Math.round(fw().state().t / 1000) + "ms.png";
    fw().capture().then(function (img) {
      var c = document.createElement("canvas");
      c.width = img.width;
      c.height = img.height;
      c.getContext("2d").putImageData(new ImageData(img.data, img.width, img.height), 0, 0);
      c.toBlob(function (blob) { download(blob, name); }, "image/png");
    });
  });

  // --- open --------------------------------------------------------------------------------
  document.getElementById("open-file").addEventListener("click", function () { fileInput.click(); });
  fileInput.addEventListener("change", function () {
    var f = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (!f || !fw()) { return; }
    // one byte past the app's 1 MiB limit is enough for it to say the file is too large
    f.slice(0, 1048577).text().then(function (text) {
      if (/\.pkt$/i.test(f.name) && window.finwaitPkt) { setOpen(false); window.finwaitPkt.open(f.name, text); return; } // editor.js
      var r = fw().openScenario(f.name, text);
      // a long run: the app's banner shows its progress, then what opened (or why not)
      if (r.ok && fw().state().notice !== msg("file.opened", f.name, r.scenario)) { say(""); return; }
      say(r.ok ? msg("file.opened", f.name, r.scenario) : msg("file.error", f.name, r.error));
    });
  });
})();
