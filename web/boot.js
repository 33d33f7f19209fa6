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
