// finwait boot: checks WebAssembly and WebGL, downloads finwait.wasm with real byte progress, runs it.
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

  function fatal(msg) {
    var el = document.getElementById("fatal");
    el.textContent = msg;
    el.hidden = false;
    document.getElementById("loading").hidden = true;
  }

  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    fatal("This browser cannot run WebAssembly, which finwait needs. Try a current Firefox, Chrome, Edge or Safari.");
    return;
  }
  var probe = document.createElement("canvas");
  var gl = null;
  try { gl = probe.getContext("webgl2") || probe.getContext("webgl"); } catch (e) { gl = null; }
  if (!gl) {
    fatal("WebGL is unavailable in this browser (or disabled), and finwait draws with it. Enable hardware acceleration or try another browser.");
    return;
  }
  if (typeof Go !== "function") {
    fatal("wasm_exec.js did not load; the site is incomplete.");
    return;
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
      if (/\.json$/i.test(files[i].name)) { f = files[i]; break; }
    }
    if (!f || !window.finwait || !window.finwait.ready) { return; }
    // one byte past the app's 1 MiB limit is enough for it to say the file is too large
    f.slice(0, 1048577).text().then(function (text) { window.finwait.openScenario(f.name, text); });
  }, true);

  function mb(n) { return (n / 1048576).toFixed(1) + " MB"; }

  // build.json carries the raw .wasm size: Content-Length is the compressed size when served gzipped.
  fetch("build.json").then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; })
    .then(function (info) {
      var total = info && info.wasmBytes ? info.wasmBytes : 0;
      return fetch("finwait.wasm").then(function (resp) {
        if (!resp.ok) { throw new Error("finwait.wasm: HTTP " + resp.status); }
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
              text.textContent = "Loading the simulator… " + mb(got) + " of " + mb(total);
            } else {
              bar.removeAttribute("value");
              text.textContent = "Loading the simulator… " + mb(got);
            }
            return pump();
          });
        }
        return pump();
      });
    })
    .then(function (bytes) {
      text.textContent = "Starting…";
      bar.value = 1;
      var go = new Go();
      return WebAssembly.instantiate(bytes, go.importObject).then(function (res) {
        go.run(res.instance);
      });
    })
    .catch(function (err) {
      fatal("finwait could not load: " + (err && err.message ? err.message : String(err)));
    });
})();
