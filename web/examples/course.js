// Drives the two embedded diagrams and shows the socket states each one reports.
(function () {
  "use strict";
  var frames = { left: document.getElementById("left"), right: document.getElementById("right") };
  var origin = location.origin; // the diagrams are served from the same site here
  // Events received, per frame, for the browser tests and for curious readers (devtools).
  window.courseEvents = { left: [], right: [] };

  document.querySelectorAll("button[data-frame]").forEach(function (b) {
    b.addEventListener("click", function () {
      var msg = { finwait: b.dataset.op };
      if (b.dataset.t) { msg.t = b.dataset.t; }
      frames[b.dataset.frame].contentWindow.postMessage(msg, origin);
    });
  });

  window.addEventListener("message", function (ev) {
    var d = ev.data;
    if (!d || typeof d.finwait !== "string") { return; }
    var id = ev.source === frames.left.contentWindow ? "left" : ev.source === frames.right.contentWindow ? "right" : null;
    if (!id) { return; }
    window.courseEvents[id].push(d.finwait);
    if (d.state && d.state.hosts) {
      var parts = [d.state.time];
      Object.keys(d.state.hosts).forEach(function (h) {
        var socks = d.state.hosts[h].sockets.filter(function (s) { return s.conn >= 0; });
        parts.push(h + " " + socks.map(function (s) { return s.state; }).join(",") +
          (d.state.hosts[h].rstReceived ? " (got RST)" : ""));
      });
      document.getElementById(id + "-state").textContent = parts.join("  ·  ");
    }
  });
})();
