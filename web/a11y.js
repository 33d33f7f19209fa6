// The page for keyboard, screen-reader and reduced-motion users (issue 13), on index.html and
// embed.html:
//  - Tab leaves the diagram. Ebiten's keydown handler on its canvas cancels every key, so the
//    browser never moved focus; a capturing listener on the document keeps Tab from the canvas,
//    and the browser moves focus between the page's controls and the diagram as on any page.
//    ("Next connection" is the n key in the app.)
//  - #live, a visually hidden aria-live="polite" region, says the step on screen in words (the
//    app's state().step, from its message table, in the language on screen), set as text: on
//    every step, seek and pause, and at most once a second while playing.
//  - The browser's prefers-reduced-motion turns the app's reduced motion on, and its changes
//    follow (the m key still toggles it).
//  - #messages (a bad URL parameter, scenario or postMessage command) stays until its × is
//    pressed (the last dozen); the × is named from the message table in the language on screen.
(function () {
  "use strict";
  function fw() { return window.finwait && window.finwait.ready ? window.finwait : null; }

  function passTab(e) {
    if (e.key === "Tab" && e.target && e.target.tagName === "CANVAS") { e.stopPropagation(); }
  }
  document.addEventListener("keydown", passTab, true);
  document.addEventListener("keyup", passTab, true);

  // --- the live region -------------------------------------------------------------------------
  var POLL = 250, PLAYING_GAP = 1000;
  var live = document.getElementById("live");
  var said = null, saidAt = 0, wasPlaying = false, seenTicks = -1;
  function announce() {
    var f = fw();
    if (!f || !live) { return; }
    // nothing changes while the app's loop sleeps (paused, no input): its ticks stand still,
    // and reading them is all a poll costs then
    var ticks = f.ticks;
    if (ticks === seenTicks) { return; }
    seenTicks = ticks;
    var s = f.state(), now = Date.now(), paused = wasPlaying && !s.playing;
    wasPlaying = s.playing;
    if (s.step === said && !paused) { return; }
    if (s.playing && now - saidAt < PLAYING_GAP) { return; }
    said = s.step;
    saidAt = now;
    live.textContent = s.step;
  }
  setInterval(announce, POLL);

  // --- reduced motion --------------------------------------------------------------------------
  var reduce = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  function motion() {
    var f = fw();
    if (f && reduce) { f.reducedMotion(reduce.matches); }
  }
  if (reduce) { reduce.addEventListener("change", motion); }
  function whenReady() {
    if (fw()) { motion(); return; }
    requestAnimationFrame(whenReady);
  }
  whenReady();

  // --- the messages' × ---------------------------------------------------------------------------
  var msgs = document.getElementById("messages"), close = document.getElementById("messages-close");
  if (msgs && close) {
    var nameClose = function () {
      // the last dozen messages: a flood of bad commands does not grow the page
      while (msgs.children.length > 12) { msgs.removeChild(msgs.firstElementChild); }
      var f = window.finwait;
      if (f && f.msg) { close.setAttribute("aria-label", f.msg(close.getAttribute("data-label"))); }
    };
    new MutationObserver(nameClose).observe(msgs, { childList: true });
    document.addEventListener("finwait-lang", nameClose);
    close.addEventListener("click", function () {
      msgs.hidden = true;
      msgs.replaceChildren();
      var c = document.querySelector("canvas");
      if (c) { c.focus(); }
    });
  }
})();
