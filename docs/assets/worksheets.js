// "Imprimer" buttons of the printable sheets: shown only when scripts run, they open the
// browser's print dialog. Nothing typed or printed is stored or sent anywhere.
(function () {
  function reveal() {
    document.querySelectorAll("[data-guide-print]").forEach(function (button) {
      button.hidden = false;
    });
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target instanceof Element && target.closest("[data-guide-print]")) {
      window.print();
    }
  });
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(reveal);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
