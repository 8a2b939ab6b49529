// Moved out of the page so the Content-Security-Policy can forbid inline script.
(function () {
  "use strict";
  var form = document.getElementById("review-filters");
  if (!form || !document.querySelectorAll) { return; }
  var out = document.getElementById("filter-result");
  var groups = document.querySelectorAll(".review-group");
  function apply() {
    var school = form.elements.school.value;
    var position = form.elements.position.value;
    var status = form.elements.status.value;
    var reviewer = form.elements.reviewer ? form.elements.reviewer.value : "";
    var reviewStatus = form.elements.review_status ? form.elements.review_status.value : "";
    // A row matches when one of its `id=status` tokens has the reviewer and the status asked for.
    function reviewed(r) {
      if (!reviewer && !reviewStatus) { return true; }
      var tokens = (r.getAttribute("data-reviews") || "").split(" ");
      for (var t = 0; t < tokens.length; t++) {
        var at = tokens[t].indexOf("=");
        if (at < 0) { continue; }
        var id = tokens[t].slice(0, at);
        var st = tokens[t].slice(at + 1);
        if ((!reviewer || id === reviewer) && (reviewStatus ? st === reviewStatus : true)) { return true; }
      }
      return false;
    }
    var shown = 0;
    var total = 0;
    for (var g = 0; g < groups.length; g++) {
      var rows = groups[g].querySelectorAll("tr[data-status]");
      var inGroup = 0;
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i];
        var match = (!school || r.getAttribute("data-school") === school) &&
          (!position || r.getAttribute("data-position") === position) &&
          (!status || r.getAttribute("data-status") === status) &&
          reviewed(r);
        r.hidden = !match;
        if (match) { inGroup++; }
      }
      var empty = groups[g].querySelector(".matrix-empty");
      if (empty) { empty.hidden = inGroup > 0; }
      shown += inGroup;
      total += rows.length;
    }
    out.textContent = "แสดง " + shown + " จาก " + total + " แฟ้ม";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
}());
