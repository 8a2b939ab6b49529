// Moved out of the page so the Content-Security-Policy can forbid inline script.
  window.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("search");
    if (typeof PagefindUI === "undefined") {
      box.insertAdjacentHTML("beforeend", "<p class=\"callout\">ยังไม่มีดัชนีค้นหา ให้สร้างเว็บด้วย krufolio build / The search index is missing.</p>");
      return;
    }
    var ui = new PagefindUI({
      element: "#search",
      bundlePath: box.dataset.base + "pagefind/",
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      autofocus: true
    });
    // A visible label for Pagefind's input (it only has a title).
    var input = box.querySelector("input");
    if (input) {
      input.id = "search-q";
      box.insertAdjacentHTML("afterbegin", "<label class=\"search-box__label\" for=\"search-q\">คำที่ค้นหา</label>");
    }
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { ui.triggerSearch(q); }
  });
