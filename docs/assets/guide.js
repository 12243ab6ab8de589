// Scroll regions that a keyboard can reach (issue 11, WCAG 2.1.1; axe: scrollable-region-focusable).
//
// The theme wraps every table in a .md-typeset__scrollwrap that scrolls sideways when the
// table is wider than the screen. A region that scrolls takes the focus (so the arrow keys
// scroll it) and is named after its table's caption or the heading above it; a region that
// fits stays out of the tab order. Checked again when the window is resized.
(function () {
  "use strict";

  function labelOf(region) {
    var caption = region.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    for (var node = region.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) {
        return "Tableau : " + node.textContent.replace(/\u00b6/g, "").trim();
      }
    }
    return "Tableau";
  }

  function update() {
    var regions = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code");
    for (var i = 0; i < regions.length; i++) {
      var region = regions[i];
      if (region.scrollWidth > region.clientWidth + 1) {
        region.tabIndex = 0;
        if (region.tagName !== "CODE") {
          region.setAttribute("role", "region");
          region.setAttribute("aria-label", labelOf(region));
        }
      } else if (region.tagName !== "CODE") {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
      }
    }
  }

  var pending = 0;
  function schedule() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(update);
  } else {
    document.addEventListener("DOMContentLoaded", update);
  }
  window.addEventListener("resize", schedule);
})();
