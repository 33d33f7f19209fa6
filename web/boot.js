// finwait boot: checks WebAssembly and WebGL, downloads finwait.wasm with real byte progress, runs it.
// Its words come from messages.json, which make web writes from the app's message table (the
// "web." ids), in the language the URL asks for (lang=zh) or English.
(function () {
  "use strict";
  // Content-Security-Policy violations, counted for the browser tests (the page has none).
  var csp = [];
  window.finwaitCSPViolations = csp;
  document.addEventListener("securitypolicyviolation", function (e) {
    csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
  });
  var text = document.getElementById("loading-text");
  var bar = document.getElementById("loading-bar");
  var lang = new URLSearchParams(location.search).get("lang") === "zh" ? "zh" : "en";
  var words = {};
  // msg(id, ...args): the message in the page's language, %s filled in order; the id itself when
  // messages.json could not be read (the site is broken then, and the id still says what failed).
  function msg(id) {
    var s = words[id] || id, args = Array.prototype.slice.call(arguments, 1);
    return s.replace(/%s/g, function () { return args.length ? String(args.shift()) : ""; });
  }

  function fatal(message) {
    var el = document.getElementById("fatal");
    el.textContent = message;
    el.hidden = false;
    document.getElementById("loading").hidden = true;
  }

  // Files dropped on the page open as scenario files. The page reads them itself, in the capture
  // phase before Ebiten's own drop handler (which needs FileSystemEntry objects, and fails on drops
  // that carry none); the app shows what opened, or what was wrong and where, in its banner.
  function carriesFiles(e) {
    return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], "Files") >= 0;
  }
  window.addEventListener("dragover", function (e) {
    if (carriesFiles(e)) { e.preventDefault(); e.stopPropagation(); e.dataTransfer.dropEffect = "copy"; }
  }, true);
  window.addEventListener("drop", function (e) {
    if (!carriesFiles(e)) { return; }
    e.preventDefault();
    e.stopPropagation();
    var files = e.dataTransfer.files, f = files[0];
    for (var i = 0; i < files.length; i++) {
      if (/\.(json|pkt)$/i.test(files[i].name)) { f = files[i]; break; }
    }
    if (!f || !window.finwait || !window.finwait.ready) { return; }
    // one byte past the app's 1 MiB limit is enough for it to say the file is too large
    f.slice(0, 1048577).text().then(function (text) {
      // a packetdrill script goes to editor.js, which runs it (in the packetdrill module)
      if (/\.pkt$/i.test(f.name) && window.finwaitPkt) { window.finwaitPkt.open(f.name, text); return; }
      window.finwait.openScenario(f.name, text);
    });
  }, true);

  function mb(n) { return (n / 1048576).toFixed(1) + " MB"; }

  var noGL = false;
  var download = typeof AbortController === "function" ? new AbortController() : null;

  function start() {
    text.textContent = msg("web.loading");
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      fatal(msg("web.no_wasm"));
      return;
    }
    if (typeof Go !== "function") {
      fatal(msg("web.incomplete"));
      return;
    }
    // The download starts first: the WebGL probe below holds the main thread while the browser
    // sets up its GPU side (50-300 ms in headless Chromium), time the download and compile overlap.
    load();
    var probe = document.createElement("canvas");
    var gl = null;
    try { gl = probe.getContext("webgl2") || probe.getContext("webgl"); } catch (e) { gl = null; }
    if (!gl) {
      noGL = true;
      if (download) { download.abort(); } // nothing will run it
      fatal(msg("web.no_webgl"));
      return;
    }
    var lose = gl.getExtension("WEBGL_lose_context");
    if (lose) { lose.loseContext(); } // the app makes its own; browsers keep few at once
  }

  // The full module (finwait-pkt.wasm: the app with core/pkt, the terminal panel and the compare
  // view) when the fragment asks for it or the URL has tool= or compare=; editor.js switches to
  // it when a .pkt script is first opened, the app when the terminal panel is asked for.
  var query = new URLSearchParams(location.search); // decoded as the app reads it (%74ool is tool)
  var pkt = /^#pkt\b/.test(location.hash) || query.has("tool") || query.has("compare") ? "-pkt" : "";
  // build.json carries the raw .wasm size: Content-Length is the compressed size when served gzipped.
  function load() {
    // both requests at once: the .wasm's does not wait for build.json's answer
    var wasm = fetch("finwait" + pkt + ".wasm", download ? { signal: download.signal } : {});
    fetch("build" + pkt + ".json").then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; })
      .then(function (info) {
        var total = info && info.wasmBytes ? info.wasmBytes : 0;
        return wasm.then(function (resp) {
          if (!resp.ok) { throw new Error("finwait" + pkt + ".wasm: HTTP " + resp.status); }
          if (!total) { total = +resp.headers.get("Content-Length") || 0; }
          if (!resp.body || !resp.body.getReader) { return resp.arrayBuffer(); }
          var reader = resp.body.getReader();
          var chunks = [];
          var got = 0;
          function pump() {
            return reader.read().then(function (res) {
              if (res.done) {
                var out = new Uint8Array(got);
                var off = 0;
                chunks.forEach(function (c) { out.set(c, off); off += c.length; });
                return out.buffer;
              }
              chunks.push(res.value);
              got += res.value.length;
              if (total) {
                bar.value = Math.min(got / total, 1);
                text.textContent = msg("web.loading.of", mb(got), mb(total));
              } else {
                bar.removeAttribute("value");
                text.textContent = msg("web.loading.so_far", mb(got));
              }
              return pump();
            });
          }
          return pump();
        });
      })
      .then(function (bytes) {
        if (noGL) { return; } // the page already says why it cannot run
        text.textContent = msg("web.starting");
        bar.value = 1;
        var go = new Go();
        return WebAssembly.instantiate(bytes, go.importObject).then(function (res) {
          window.finwaitWasmMemory = res.instance.exports.mem; // its size, for the monkey test's report
          go.run(res.instance);
        });
      })
      .catch(function (err) {
        if (noGL) { return; } // the download was stopped or failed: the page already says why it cannot run
        fatal(msg("web.load_failed", err && err.message ? err.message : String(err)));
      });
  }

  fetch("messages.json").then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; })
    .then(function (all) { words = (all && all[lang]) || {}; start(); });
})();
