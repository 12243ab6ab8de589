// Keyboard access the theme leaves out (issue 11, WCAG 2.1.1 and 2.4.7).
//
// 1. Scroll regions that a keyboard can reach (axe: scrollable-region-focusable).
// The theme wraps every table in a .md-typeset__scrollwrap that scrolls sideways when the
// table is wider than the screen. A region that scrolls takes the focus (so the arrow keys
// scroll it) and is named after its table's caption or the heading above it; a region that
// fits stays out of the tab order. Checked again when the window is resized.
//
// 2. The header's menu and search buttons. On a narrow screen, or at 200 % zoom, the menu is
// a drawer opened by a <label> for a hidden checkbox: a mouse can use it, a keyboard cannot.
// Here both labels take the focus, act on Enter and Space, and say whether they are open; the
// menu, once open, takes the focus, and Escape closes it and gives the focus back. (guide.css
// keeps the closed drawer's links out of the tab order.)
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

  function headerButton(toggleId, name) {
    var label = document.querySelector('.md-header label.md-header__button[for="' + toggleId + '"]');
    var toggle = document.getElementById(toggleId);
    if (!label || !toggle || label.dataset.guideButton) {
      return null;
    }
    label.dataset.guideButton = "1";
    label.tabIndex = 0;
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", name);
    var sync = function () {
      label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    sync();
    toggle.addEventListener("change", sync);
    label.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        // The theme's own key handler clicks a focused label on Enter: keep it out.
        event.preventDefault();
        event.stopPropagation();
        label.click();
        sync();
        if (toggleId === "__drawer" && toggle.checked) {
          var first = document.querySelector(".md-sidebar--primary .md-nav__link[href], .md-sidebar--primary a[href]");
          if (first) {
            setTimeout(function () {
              first.focus();
            }, 50);
          }
        }
        if (toggleId === "__search" && toggle.checked) {
          var input = document.querySelector(".md-search__input");
          if (input) {
            input.focus();
          }
        }
      }
    });
    return { label: label, toggle: toggle, sync: sync };
  }

  // The search box stays open when the focus leaves it with Tab, and then covers the menu:
  // close it as the focus moves elsewhere in the page.
  function closeSearchOnLeave() {
    var search = document.querySelector(".md-search");
    var toggle = document.getElementById("__search");
    if (!search || !toggle || search.dataset.guideLeave) {
      return;
    }
    search.dataset.guideLeave = "1";
    document.addEventListener("focusin", function (event) {
      if (toggle.checked && !search.contains(event.target) && !event.target.matches('label[for="__search"]')) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  // In the drawer, a top-level section of the menu (« La méthode », « Se former ») opens as a
  // panel when its title is activated; the theme leaves that title out of the tab order, since
  // on a wide screen it is a plain heading. It takes the focus while the menu is a drawer.
  var drawerWidth = window.matchMedia("(max-width: 76.234375em)");
  function sectionTitles() {
    var titles = document.querySelectorAll(".md-nav--primary label.md-nav__link[for]:not([tabindex]), .md-nav--primary label.md-nav__link[data-guide-section]");
    for (var i = 0; i < titles.length; i++) {
      titles[i].dataset.guideSection = "1";
      if (drawerWidth.matches) {
        titles[i].tabIndex = 0;
      } else {
        titles[i].removeAttribute("tabindex");
      }
    }
  }
  if (drawerWidth.addEventListener) {
    drawerWidth.addEventListener("change", sectionTitles);
  }

  function setUp() {
    update();
    sectionTitles();
    closeSearchOnLeave();
    var drawer = headerButton("__drawer", "Menu");
    headerButton("__search", "Rechercher");
    if (drawer) {
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && drawer.toggle.checked) {
          drawer.label.click();
          drawer.sync();
          drawer.label.focus();
        }
      });
    }
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
  window.addEventListener("resize", schedule);
})();
