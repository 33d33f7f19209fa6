// The page for keyboard users (issue 13), on index.html and embed.html: Tab leaves the diagram.
// Ebiten's keydown handler on its canvas cancels every key, so the browser never moved focus; a
// capturing listener on the document keeps Tab from the canvas, and the browser moves focus
// between the page's controls and the diagram as on any page. ("Next connection" is the n key in
// the app.)
(function () {
  "use strict";
  function passTab(e) {
    if (e.key === "Tab" && e.target && e.target.tagName === "CANVAS") { e.stopPropagation(); }
  }
  document.addEventListener("keydown", passTab, true);
  document.addEventListener("keyup", passTab, true);
})();
