// Share links for a scenario of one's own (a file, the editor's text): the file travels in the
// link's fragment, #s=<the file, deflate-raw compressed, base64url>, so no server ever sees it.
// Opening such a link (index.html or embed.html) hands the text to finwait.openLink, which parses
// and validates it exactly as an opened file: nothing but the model ever runs. The words come
// from dist/messages.json (the message table's "web." ids), in the language on screen.
(function () {
  "use strict";
  // Links longer than this get a message instead: 2,000 characters is what the tightest common
  // places keep whole — a Discord message (2,000), Internet Explorer and many LMS link fields
  // (2,048 or 2,083) — so a link that fits goes anywhere. A typical scenario file is 1.5–3 KB of
  // JSON: 500–900 characters in a link.
  var LIMIT = 2000;
  var MAX_FILE = 1048576; // the app's limit on a scenario file; one byte more says it is too large

  var words = null;
  var wordsLoaded = fetch("messages.json").then(function (r) { return r.ok ? r.json() : {}; })
    .catch(function () { return {}; }).then(function (all) { words = all || {}; return words; });

  function fw() { return window.finwait && window.finwait.ready ? window.finwait : null; }
  function lang() {
    var f = fw();
    if (f) { return f.state().lang; }
    return new URLSearchParams(location.search).get("lang") === "zh" ? "zh" : "en";
  }
  // msg(id, ...args): the words of id in the language on screen, %s filled in order.
  function msg(id) {
    var table = (words && words[lang()]) || {};
    var s = table[id] || id, args = Array.prototype.slice.call(arguments, 1);
    return s.replace(/%s/g, function () { return args.length ? String(args.shift()) : ""; });
  }

  function toB64url(bytes) {
    var bin = "";
    for (var i = 0; i < bytes.length; i += 0x8000) {
      bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function fromB64url(s) {
    var bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }

  // through pipes bytes through a (de)compression stream, keeping at most max bytes of its output.
  function through(bytes, stream, max) {
    var writer = stream.writable.getWriter();
    writer.write(bytes).catch(function () {});
    writer.close().catch(function () {});
    var reader = stream.readable.getReader(), chunks = [], got = 0;
    function pump() {
      return reader.read().then(function (r) {
        if (r.done || got > max) {
          if (!r.done) { reader.cancel().catch(function () {}); }
          var out = new Uint8Array(Math.min(got, max + 1)), off = 0;
          chunks.forEach(function (c) { var n = Math.min(c.length, out.length - off); out.set(c.subarray(0, n), off); off += n; });
          return out;
        }
        chunks.push(r.value);
        got += r.value.length;
        return pump();
      });
    }
    return pump();
  }

  function supported() { return typeof CompressionStream === "function" && typeof DecompressionStream === "function"; }

  // encode(text) resolves to the fragment's value: the file compressed, base64url.
  function encode(text) {
    var bytes = new TextEncoder().encode(text);
    return through(bytes, new CompressionStream("deflate-raw"), Infinity).then(toB64url);
  }
  // decode(value) resolves to the file's text, or rejects with a message saying what was wrong.
  function decode(value) {
    if (!/^[A-Za-z0-9_-]*$/.test(value)) { return Promise.reject(new Error(msg("web.share.bad_chars"))); }
    var bytes;
    try { bytes = fromB64url(value); } catch (e) { return Promise.reject(new Error(msg("web.share.bad_data"))); }
    return through(bytes, new DecompressionStream("deflate-raw"), MAX_FILE)
      .catch(function () { throw new Error(msg("web.share.bad_data")); })
      .then(function (out) { return new TextDecoder().decode(out); });
  }

  // link(page, text) resolves to {url, length, tooLong}: page is "index.html" or "embed.html",
  // with the moment on screen in the query and the file in the fragment.
  function link(page, text) {
    var tb = window.finwaitToolbar, q = tb.moment(fw().state(), new URLSearchParams());
    if (page === "embed.html") { q.set("autoplay", "0"); }
    return encode(text).then(function (s) {
      var url = tb.base() + page + "?" + q.toString() + "#s=" + s;
      return { url: url, length: url.length, tooLong: url.length > LIMIT };
    });
  }

  window.finwaitShare = Object.freeze({ encode: encode, decode: decode, link: link, msg: msg, limit: LIMIT, words: wordsLoaded });

  // --- Copy link / Copy embed code for a scenario opened from a file or the editor ----------
  // (toolbar.js makes the links of catalog scenarios; it refuses files, so this runs first.)
  document.addEventListener("click", function (e) {
    var id = e.target && e.target.id, f = fw();
    if ((id !== "copy-link" && id !== "copy-embed") || !f || !f.state().file || !window.finwaitToolbar) { return; }
    e.stopPropagation();
    var tb = window.finwaitToolbar, text = f.scenarioFile()[0];
    if (!supported() || typeof text !== "string") { tb.say(msg(supported() ? "web.no_link_for_file" : "web.share.no_support")); return; }
    link(id === "copy-link" ? "index.html" : "embed.html", text).then(function (l) {
      if (l.tooLong) { tb.say(msg("web.share.too_long", l.length, LIMIT)); return; }
      if (id === "copy-link") { tb.copy(l.url, "web.link_copied"); } else { tb.copy(tb.embedCode(l.url), "web.embed_copied"); }
    }, function (err) { tb.say(err.message); });
  }, true);

  // --- opening a link ------------------------------------------------------------------------
  function problem(text) {
    var box = document.getElementById("messages");
    if (!box) { return; }
    var li = document.createElement("li");
    li.textContent = text;
    box.appendChild(li);
    box.hidden = false;
  }
  var shared = /^#s=(.*)$/.exec(location.hash);
  if (!shared) { return; }
  function open() {
    var f = fw();
    if (!supported()) { problem(msg("web.share.no_support")); return; }
    decode(shared[1]).then(function (text) {
      // the link's profile, as an index in the file's list (a file that does not parse gets its
      // error from openLink, which checks it as an opened file)
      var p = f.params, profiles = ["modern", "2.6"];
      try { profiles = JSON.parse(text).profiles || profiles; } catch (e) { /* openLink says what is wrong */ }
      var ok = f.openLink(text, msg("web.share.name"), Math.max(0, profiles.indexOf(p.Profile)), p.T) === null;
      document.dispatchEvent(new CustomEvent("finwait-link-opened", { detail: { ok: ok, text: text } }));
      if (ok && p.T < 0 && p.Autoplay) { window.postMessage({ finwait: "play" }, "*"); }
    }, function (err) { problem(msg("web.share.bad", err.message)); });
  }
  // the app takes the file once it runs (it is ready at its first frame) and the words are in
  function whenReady() {
    if (fw()) { wordsLoaded.then(open); return; }
    requestAnimationFrame(whenReady);
  }
  whenReady();
})();
