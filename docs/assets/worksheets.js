// "Imprimer" buttons of the printable sheets and of the cards: shown only when scripts run,
// they open the browser's print dialog. A card's button marks its card so that the print
// styles (cards.css) print that card alone. Nothing typed or printed is stored or sent.
(function () {
  var PRINTING = "data-guide-printing";
  var CELL = "guide-cards__cell--printing";

  function reveal() {
    document.querySelectorAll("[data-guide-print], [data-guide-print-card]").forEach(function (button) {
      button.hidden = false;
    });
  }
  function clearCard() {
    document.documentElement.removeAttribute(PRINTING);
    document.querySelectorAll("." + CELL).forEach(function (cell) {
      cell.classList.remove(CELL);
    });
  }
  // Marks one card for printing; returns whether it was found.
  function markCard(id) {
    var card = document.getElementById(id);
    var cell = card && card.closest(".guide-cards__cell");
    if (!cell) return false;
    clearCard();
    cell.classList.add(CELL);
    document.documentElement.setAttribute(PRINTING, id);
    return true;
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var cardButton = target.closest("[data-guide-print-card]");
    if (cardButton) {
      if (markCard(cardButton.getAttribute("data-guide-print-card"))) window.print();
      return;
    }
    if (target.closest("[data-guide-print]")) {
      window.print();
    }
  });
  window.addEventListener("afterprint", clearCard);
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(reveal);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
