// The guide's search box for the Zensical build (overrides-zensical/partials/search.html): the
// same worker (templates/search-fr.js, the theme's worker protocol: set-up, ready, query,
// result) and index as the MkDocs build, started on first use of the box. Written into the
// export as assets/javascripts/search-box.js (src/guide/export.py).
(function () {
  "use strict";

  var SETUP = 0;
  var READY = 1;
  var QUERY = 2;
  var RESULT = 3;
  var here = document.currentScript ? document.currentScript.src : location.href;
  var root = new URL("../../", here);

  function start(box) {
    var input = box.querySelector("[data-guide-search-input]");
    var meta = box.querySelector("[data-guide-search-meta]");
    var list = box.querySelector("[data-guide-search-results]");
    var worker = null;
    var ready = false;

    function show(items) {
      list.textContent = "";
      items.forEach(function (group) {
        var item = group[0];
        var entry = document.createElement("li");
        entry.className = "guide-search__result";
        var link = document.createElement("a");
        link.href = new URL(item.location, root).href;
        link.textContent = item.title;
        link.setAttribute("data-score", String(item.score));
        entry.appendChild(link);
        if (item.text) {
          var text = document.createElement("p");
          text.innerHTML = item.text; // escaped when the index was built (guide.search.teaser)
          entry.appendChild(text);
        }
        list.appendChild(entry);
      });
      var count = items.length;
      meta.textContent = !input.value.trim()
        ? box.dataset.ready
        : count === 0
          ? box.dataset.none
          : count === 1
            ? box.dataset.one
            : box.dataset.other.replace("#", String(count));
    }

    function query() {
      if (!ready) {
        return;
      }
      if (!input.value.trim()) {
        show([]);
        return;
      }
      worker.postMessage({ type: QUERY, data: input.value });
    }

    function begin() {
      if (worker) {
        return;
      }
      meta.textContent = box.dataset.loading;
      worker = new Worker(new URL("workers/search-fr.js", here).href);
      worker.addEventListener("message", function (event) {
        if (event.data.type === READY) {
          ready = true;
          meta.textContent = box.dataset.ready;
          query();
        } else if (event.data.type === RESULT) {
          show(event.data.data.items);
        }
      });
      worker.postMessage({ type: SETUP, data: {} });
    }

    input.addEventListener("focus", begin);
    input.addEventListener("input", query);
    box.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) {
        first.click();
      }
    });
    document.addEventListener("keydown", function (event) {
      var typing = /^(input|textarea|select)$/i.test((event.target && event.target.tagName) || "");
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-guide-search]"), start);
})();
