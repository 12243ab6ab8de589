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
// Here a button stands in for each label, says whether its part is open, and moves the focus
// into it; Escape closes the menu and gives the focus back. (guide.css keeps the closed
// drawer's links out of the tab order.)
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

  // The first element matching `selector` that is shown: the menu opened on a page inside a
  // section shows that section's panel, and what the panel covers is hidden (guide.css).
  function firstShown(selector) {
    var elements = document.querySelectorAll(selector);
    for (var i = 0; i < elements.length; i++) {
      if (getComputedStyle(elements[i]).visibility === "visible" && elements[i].getClientRects().length) {
        return elements[i];
      }
    }
    return null;
  }

  // A real button in place of each label: a label cannot take the role of a button.
  function headerButton(toggleId, name) {
    var label = document.querySelector('.md-header label.md-header__button[for="' + toggleId + '"]');
    var toggle = document.getElementById(toggleId);
    if (!label || !toggle) {
      return null;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon guide-header-button";
    button.dataset.for = toggleId;
    button.setAttribute("aria-label", name);
    button.innerHTML = label.innerHTML;
    label.parentNode.insertBefore(button, label);
    label.classList.add("guide-replaced");
    var sync = function () {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function () {
      toggle.checked = !toggle.checked;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      sync();
      if (toggle.checked) {
        setTimeout(function () {
          var target = toggleId === "__drawer" ? firstShown(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]") : document.querySelector(".md-search__input");
          if (target) {
            target.focus();
          }
        }, toggleId === "__drawer" ? 50 : 0);
      }
    });
    // The theme's own key handler acts on Enter too: the button's click is enough.
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.stopPropagation();
      }
    });
    return { button: button, toggle: toggle, sync: sync };
  }

  // In the drawer, a section opened from the keyboard slides its panel over the list that
  // holds its title: the focus moves into the panel, or it would stay on a hidden title. A
  // panel closed from the keyboard (its title, the way back) gives the focus back to the
  // section's entry in the list it covered.
  function focusOpenedPanels() {
    var toggles = document.querySelectorAll(".md-nav--primary .md-nav__toggle");
    for (var i = 0; i < toggles.length; i++) {
      toggles[i].addEventListener("change", function (event) {
        var toggle = event.target;
        var active = document.activeElement;
        if (!drawerWidth.matches || !active || active.getAttribute("for") !== toggle.id) {
          return;
        }
        var target = toggle.checked
          ? toggle.parentElement.querySelector(":scope > .md-nav > .md-nav__list :is(a[href], label[tabindex])")
          : toggle.parentElement.querySelector(":scope > .md-nav__link :is(a[href], label[tabindex]), :scope > .md-nav__link[tabindex]");
        if (target) {
          setTimeout(function () {
            target.focus();
          }, 50);
        }
      });
    }
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

  // The menu drawer stays open when the focus leaves it with Tab or Shift+Tab, and the page
  // behind its veil would take the focus unseen: it closes as the focus moves out of it.
  function closeDrawerOnLeave(drawer) {
    document.addEventListener("focusin", function (event) {
      var target = event.target;
      if (drawer.toggle.checked && drawerWidth.matches && target !== drawer.button && !target.closest(".md-sidebar--primary")) {
        drawer.toggle.checked = false;
        drawer.toggle.dispatchEvent(new Event("change", { bubbles: true }));
        drawer.sync();
      }
    });
  }

  // In the drawer, a top-level section of the menu (« La méthode », « Se former ») opens as a
  // panel when its title is activated; the theme leaves that title out of the tab order, since
  // on a wide screen it is a plain heading. It takes the focus while the menu is a drawer, and
  // so does each panel's own title, which closes the panel (the way back to the list it covers).
  var drawerWidth = window.matchMedia("(max-width: 76.234375em)");
  function sectionTitles() {
    var titles = document.querySelectorAll(
      ".md-nav--primary label.md-nav__link[for]:not([tabindex]), .md-nav--primary .md-nav > label.md-nav__title[for], .md-nav--primary label[data-guide-section]"
    );
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

  var ready = false;
  function setUp() {
    update();
    sectionTitles();
    if (ready) {
      return;
    }
    ready = true;
    closeSearchOnLeave();
    focusOpenedPanels();
    var drawer = headerButton("__drawer", "Menu");
    headerButton("__search", "Rechercher");
    if (drawer) {
      closeDrawerOnLeave(drawer);
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && drawer.toggle.checked) {
          drawer.toggle.checked = false;
          drawer.toggle.dispatchEvent(new Event("change", { bubbles: true }));
          drawer.sync();
          drawer.button.focus();
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
