/* Favourites and « déjà utilisé » marks, kept in this browser only (localStorage
 * "guide.marks"); nothing is sent anywhere.
 *
 * On a page, each <p data-mark data-mark-kind data-mark-id data-mark-title data-mark-path>
 * (templates/_marks.html.j2) gets a star button and, with data-mark-used (cases, structures),
 * a button that notes today's date. The « Mes favoris » page (outils/favoris.html) lists them,
 * exports them as a JSON file, imports such a file and clears everything.
 *
 * Stored: {v: 1, favourites: {"<kind>/<id>": {title, path, at}},
 *          used: {"<kind>/<id>": {title, path, dates: [ISO dates, newest last]}}}
 */
(function () {
  "use strict";

  var KEY = "guide.marks";
  var KINDS = ["scenarios", "worksheets", "cards", "roles", "planes", "principles", "phases", "structures", "questions"];
  var PATH = /^[a-z0-9][a-z0-9\-/]*\.html(#[A-Za-z0-9_\-]+)?$/;

  function empty() {
    return { v: 1, favourites: {}, used: {} };
  }

  function text(value, max) {
    return typeof value === "string" ? value.slice(0, max) : "";
  }

  function validKey(key) {
    var kind = key.split("/")[0];
    return KINDS.indexOf(kind) !== -1 && /^[a-z]+\/[A-Za-z0-9_\-]+$/.test(key);
  }

  /* Marks read from storage or from a file, keeping only what a page of the site could write. */
  function clean(raw) {
    var out = empty();
    if (!raw || typeof raw !== "object") {
      return out;
    }
    Object.keys(raw.favourites || {}).forEach(function (key) {
      var item = raw.favourites[key];
      if (validKey(key) && item && PATH.test(item.path || "")) {
        out.favourites[key] = { title: text(item.title, 160), path: item.path, at: text(item.at, 40) };
      }
    });
    Object.keys(raw.used || {}).forEach(function (key) {
      var item = raw.used[key];
      if (validKey(key) && item && PATH.test(item.path || "") && Array.isArray(item.dates)) {
        var dates = item.dates
          .filter(function (d) {
            return typeof d === "string" && !isNaN(new Date(d));
          })
          .slice(-50);
        if (dates.length) {
          out.used[key] = { title: text(item.title, 160), path: item.path, dates: dates };
        }
      }
    });
    return out;
  }

  function load() {
    try {
      return clean(JSON.parse(localStorage.getItem(KEY) || "null"));
    } catch (error) {
      return empty();
    }
  }

  function save(marks) {
    try {
      localStorage.setItem(KEY, JSON.stringify(marks));
      return true;
    } catch (error) {
      return false;
    }
  }

  function day(iso) {
    return new Date(iso).toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" });
  }

  /* How to reach the site's root from a page at `path` (from the root): "../" per folder. */
  function root(path) {
    var depth = path.split("#")[0].split("/").length - 1;
    return depth ? new Array(depth + 1).join("../") : "";
  }

  function el(tag, attributes, content) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (content !== undefined) {
      node.textContent = content;
    }
    return node;
  }

  function drawTools(holder) {
    var key = holder.getAttribute("data-mark-kind") + "/" + holder.getAttribute("data-mark-id");
    var title = holder.getAttribute("data-mark-title");
    var path = holder.getAttribute("data-mark-path");
    var marks = load();
    holder.textContent = "";
    var favourite = !!marks.favourites[key];
    var star = el(
      "button",
      { type: "button", class: "md-button guide-marks__star", "data-mark-star": "", "aria-pressed": favourite ? "true" : "false" },
      (favourite ? "★ Dans mes favoris" : "☆ Ajouter à mes favoris")
    );
    star.appendChild(el("span", { class: "guide-marks__sr" }, " : " + title));
    holder.appendChild(star);
    if (holder.hasAttribute("data-mark-used")) {
      var used = marks.used[key];
      var button = el("button", { type: "button", class: "md-button guide-marks__used", "data-mark-used-today": "" }, "Noter « déjà utilisé » aujourd’hui");
      button.appendChild(el("span", { class: "guide-marks__sr" }, " : " + title));
      holder.appendChild(document.createTextNode(" "));
      holder.appendChild(button);
      if (used) {
        var last = used.dates[used.dates.length - 1];
        holder.appendChild(
          el(
            "span",
            { class: "guide-marks__date", "data-mark-used-date": last.slice(0, 10) },
            " Déjà utilisé le " + day(last) + (used.dates.length > 1 ? " (" + used.dates.length + " fois)" : "") + "."
          )
        );
      }
    }
    holder.appendChild(document.createTextNode(" "));
    holder.appendChild(el("a", { href: root(path) + "outils/favoris.html", class: "guide-marks__link" }, "Mes favoris"));
    star.addEventListener("click", function () {
      var current = load();
      if (current.favourites[key]) {
        delete current.favourites[key];
      } else {
        current.favourites[key] = { title: title, path: path, at: new Date().toISOString() };
      }
      save(current);
      drawTools(holder);
      holder.querySelector("[data-mark-star]").focus();
    });
    var usedButton = holder.querySelector("[data-mark-used-today]");
    if (usedButton) {
      usedButton.addEventListener("click", function () {
        var current = load();
        var entry = current.used[key] || { title: title, path: path, dates: [] };
        var today = new Date().toISOString();
        if (!entry.dates.length || entry.dates[entry.dates.length - 1].slice(0, 10) !== today.slice(0, 10)) {
          entry.dates.push(today);
        }
        current.used[key] = entry;
        save(current);
        drawTools(holder);
        holder.querySelector("[data-mark-used-today]").focus();
      });
    }
    holder.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-mark]"), drawTools);

  // el: the element maker, shared with favourites.js (which this page's marks.js precedes).
  window.GuideMarks = { KEY: KEY, load: load, save: save, clean: clean, day: day, empty: empty, el: el };
})();
