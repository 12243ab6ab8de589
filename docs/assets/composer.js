/* Session builder (fiches/composer.html): shows only the ticked sections of the sheet.
 *
 * Every section is in the page from the build; without this script the whole sheet shows.
 * The selection lives in the query string, so the page can be bookmarked:
 *   ?moments=seances&plans=pairs,equipe&roles=miroir&principes=confidentialite
 * A missing key selects every entry of its kind (none for a fieldset marked
 * data-composer-default="none": the moments), an empty one selects none.
 * Nothing is stored (no cookie, no localStorage) and nothing is sent anywhere.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-composer-form]");
  var sheet = document.querySelector("[data-composer-sheet]");
  if (!form || !sheet) {
    return;
  }
  var groups = Array.prototype.slice.call(form.querySelectorAll("[data-composer-kind]"));
  var kinds = groups.map(function (group) {
    return group.getAttribute("data-composer-kind");
  });
  var status = form.querySelector("[data-composer-status]");

  function boxes(kind) {
    return Array.prototype.slice.call(
      form.querySelectorAll('input[type="checkbox"][name="' + kind + '"]')
    );
  }

  function allOf(kind) {
    return boxes(kind).map(function (box) {
      return box.value;
    });
  }

  /* The selection written in a query string: {kind: [ids]}. */
  function parse(search) {
    var params = new URLSearchParams(search);
    var selection = {};
    kinds.forEach(function (kind) {
      var known = allOf(kind);
      if (!params.has(kind)) {
        /* A missing key selects all, or none for a kind marked so (the moment of the accompaniment). */
        var group = form.querySelector('[data-composer-kind="' + kind + '"]');
        selection[kind] = group.getAttribute("data-composer-default") === "none" ? [] : known;
        return;
      }
      var wanted = params.get(kind).split(",");
      selection[kind] = known.filter(function (id) {
        return wanted.indexOf(id) !== -1;
      });
    });
    return selection;
  }

  function fromForm() {
    var selection = {};
    kinds.forEach(function (kind) {
      selection[kind] = boxes(kind)
        .filter(function (box) {
          return box.checked;
        })
        .map(function (box) {
          return box.value;
        });
    });
    return selection;
  }

  function query(selection) {
    return (
      "?" +
      kinds
        .map(function (kind) {
          return kind + "=" + selection[kind].map(encodeURIComponent).join(",");
        })
        .join("&")
    );
  }

  function each(selector, callback) {
    Array.prototype.forEach.call(sheet.querySelectorAll(selector), callback);
  }

  function show(selection) {
    kinds.forEach(function (kind) {
      boxes(kind).forEach(function (box) {
        box.checked = selection[kind].indexOf(box.value) !== -1;
      });
    });
    each("[data-composer-item]", function (item) {
      var kind = item.getAttribute("data-composer-item");
      item.hidden = selection[kind].indexOf(item.getAttribute("data-id")) === -1;
    });
    each("[data-composer-cell]", function (cell) {
      cell.hidden =
        selection.roles.indexOf(cell.getAttribute("data-role")) === -1 ||
        selection.plans.indexOf(cell.getAttribute("data-plane")) === -1;
    });
    each("[data-composer-group]", function (group) {
      group.hidden = !group.querySelector("[data-composer-item]:not([hidden]), [data-composer-cell]:not([hidden])");
    });
    var counts = kinds.map(function (kind) {
      return selection[kind].length;
    });
    var total = counts.reduce(function (a, b) {
      return a + b;
    }, 0);
    sheet.querySelector("[data-composer-empty]").hidden = total > 0;
    if (status) {
      status.textContent =
        "Sur la fiche : " +
        groups
          .map(function (group, i) {
            var legend = group.querySelector("legend").textContent.toLowerCase();
            return counts[i] + " " + legend.replace(/s$/, counts[i] > 1 ? "s" : "");
          })
          .join(", ") +
        ".";
    }
  }

  function update() {
    var selection = fromForm();
    show(selection);
    try {
      history.replaceState(history.state, "", query(selection) + location.hash);
    } catch (error) {
      /* Some browsers refuse to rewrite file:// addresses: the sheet still works. */
    }
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  Array.prototype.forEach.call(form.querySelectorAll("[data-composer-select]"), function (button) {
    button.addEventListener("click", function () {
      var on = button.getAttribute("data-composer-select") === "all";
      kinds.forEach(function (kind) {
        boxes(kind).forEach(function (box) {
          box.checked = on;
        });
      });
      update();
    });
  });
  form.querySelector("[data-composer-print]").addEventListener("click", function () {
    window.print();
  });

  form.hidden = false;
  show(parse(location.search));
})();
