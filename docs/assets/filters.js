/* Filters of the case, sheet and card indexes (templates/_filters.html.j2).
 *
 * Without this script the form stays hidden and every entry shows. With it, each select
 * narrows the list; choices combine (an entry shows when it matches every chosen value) and are
 * written in the page's query string (?phase=seances&role=miroir), so that a filtered list can
 * be bookmarked or reopened, from a web server or from a folder (file://). Nothing is stored
 * or sent.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-filters]");
  if (!form) {
    return;
  }
  var selects = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
  var markers = Array.prototype.slice.call(document.querySelectorAll("[data-filter-item]"));
  var count = form.querySelector("[data-filters-count]");
  var none = form.querySelector("[data-filters-none]");
  /* « 1 fiche sur 10. », « 0 fiche », « 2 fiches » (content/interface.yml): the singular up to one, in French. */
  function counted(shown, total) {
    var text = form.getAttribute(shown < 2 ? "data-filters-one" : "data-filters-many") || "";
    return text.replace("{shown}", String(shown)).replace("{total}", String(total));
  }

  function chosen() {
    var out = {};
    selects.forEach(function (select) {
      if (select.value) {
        out[select.name] = select.value;
      }
    });
    return out;
  }

  function apply() {
    var wanted = chosen();
    var shown = 0;
    markers.forEach(function (marker) {
      var match = Object.keys(wanted).every(function (dim) {
        return (marker.getAttribute("data-" + dim) || "").split(" ").indexOf(wanted[dim]) !== -1;
      });
      var item = marker.closest(marker.getAttribute("data-filter-item"));
      if (item) {
        item.hidden = !match;
        item.classList.toggle("guide-filtered-out", !match);
      }
      shown += match ? 1 : 0;
    });
    /* A heading whose entries are all hidden (the card families) goes with them. */
    Array.prototype.forEach.call(document.querySelectorAll("[data-filter-group]"), function (group) {
      var any = group.querySelector("[data-filter-item]");
      var visible = Array.prototype.some.call(group.querySelectorAll("[data-filter-item]"), function (m) {
        return !m.closest(m.getAttribute("data-filter-item")).hidden;
      });
      var heading = document.getElementById(group.getAttribute("data-filter-group"));
      if (heading && any) {
        heading.hidden = !visible;
      }
    });
    count.textContent = counted(shown, markers.length);
    none.hidden = shown > 0;
    return wanted;
  }

  function write(wanted) {
    var query = Object.keys(wanted)
      .map(function (dim) {
        return dim + "=" + encodeURIComponent(wanted[dim]);
      })
      .join("&");
    try {
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    } catch (error) {
      /* A browser that refuses to rewrite a file:// address: the filters still work. */
    }
  }

  var params = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var value = params.get(select.name);
    if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) {
      select.value = value;
    }
  });
  form.addEventListener("change", function () {
    write(apply());
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.querySelector("[data-filters-reset]").addEventListener("click", function () {
    selects.forEach(function (select) {
      select.value = "";
    });
    write(apply());
  });
  form.hidden = false;
  apply();
})();
