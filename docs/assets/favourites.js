/* The « Mes favoris » page (outils/favoris.html), on docs/assets/marks.js: lists the
 * favourites by kind and the « déjà utilisé » marks with their dates; exports them as a JSON
 * file made in the browser, imports such a file (read on the device, merged with what is
 * there), clears everything with one button. Nothing is sent anywhere.
 */
(function () {
  "use strict";

  var M = window.GuideMarks;
  var root = document.querySelector("[data-favourites]");
  var element = document.getElementById("favourites-data");
  if (!M || !root || !element) {
    return;
  }
  var labels = JSON.parse(element.textContent).kinds;
  var list = root.querySelector("[data-favourites-list]");
  var none = root.querySelector("[data-favourites-none]");
  var usedList = root.querySelector("[data-favourites-used]");
  var usedNone = root.querySelector("[data-favourites-used-none]");
  var status = root.querySelector("[data-favourites-status]");
  var file = root.querySelector("[data-favourites-import]");

  var el = M.el; // an element with its attributes and text (marks.js)

  function href(path) {
    return "../" + path; /* this page is one folder down from the root */
  }

  function draw() {
    var marks = M.load();
    list.textContent = "";
    var keys = Object.keys(marks.favourites);
    none.hidden = keys.length > 0;
    Object.keys(labels).forEach(function (kind) {
      var ofKind = keys
        .filter(function (key) {
          return key.split("/")[0] === kind;
        })
        .sort(function (a, b) {
          return marks.favourites[a].title.localeCompare(marks.favourites[b].title, "fr");
        });
      if (!ofKind.length) {
        return;
      }
      var id = "favoris-" + kind;
      list.appendChild(el("h3", { id: id }, labels[kind]));
      var ul = el("ul", { "aria-labelledby": id });
      ofKind.forEach(function (key) {
        var li = el("li", { "data-favourite": key });
        li.appendChild(el("a", { href: href(marks.favourites[key].path) }, marks.favourites[key].title));
        ul.appendChild(li);
      });
      list.appendChild(ul);
    });
    usedList.textContent = "";
    var used = Object.keys(marks.used);
    usedNone.hidden = used.length > 0;
    used
      .sort(function (a, b) {
        var da = marks.used[a].dates[marks.used[a].dates.length - 1];
        var db = marks.used[b].dates[marks.used[b].dates.length - 1];
        return db.localeCompare(da);
      })
      .forEach(function (key) {
        var item = marks.used[key];
        var li = el("li", { "data-used": key });
        li.appendChild(el("a", { href: href(item.path) }, item.title));
        li.appendChild(
          document.createTextNode(
            " : " + item.dates
              .slice()
              .reverse()
              .map(M.day)
              .join(", ") + "."
          )
        );
        usedList.appendChild(li);
      });
  }

  root.querySelector("[data-favourites-export]").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify(M.load(), null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: "favoris-guide-accompagnement.json" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
    status.textContent = "Favoris exportés dans un fichier de votre appareil.";
  });

  file.addEventListener("change", function () {
    var chosen = file.files && file.files[0];
    if (!chosen) {
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var incoming;
      try {
        incoming = M.clean(JSON.parse(String(reader.result)));
      } catch (error) {
        status.textContent = "Ce fichier n’est pas un export de favoris du guide : rien n’a changé.";
        return;
      }
      var marks = M.load();
      var count = 0;
      Object.keys(incoming.favourites).forEach(function (key) {
        if (!marks.favourites[key]) {
          count += 1;
        }
        marks.favourites[key] = incoming.favourites[key];
      });
      Object.keys(incoming.used).forEach(function (key) {
        var dates = (marks.used[key] ? marks.used[key].dates : []).concat(incoming.used[key].dates);
        dates = dates
          .filter(function (d, i) {
            return dates.indexOf(d) === i;
          })
          .sort();
        marks.used[key] = { title: incoming.used[key].title, path: incoming.used[key].path, dates: dates };
      });
      M.save(marks);
      draw();
      status.textContent = "Fichier importé : " + count + " favori" + (count > 1 ? "s" : "") + " ajouté" + (count > 1 ? "s" : "") + ".";
      file.value = "";
    };
    reader.readAsText(chosen);
  });

  root.querySelector("[data-favourites-clear]").addEventListener("click", function () {
    if (!window.confirm("Effacer tous les favoris et les marques « déjà utilisé » de ce navigateur ?")) {
      return;
    }
    M.save(M.empty());
    draw();
    status.textContent = "Favoris et marques effacés de ce navigateur.";
  });

  root.hidden = false;
  draw();
})();
