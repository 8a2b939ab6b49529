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
    var shown = 0;
    var total = 0;
    for (var g = 0; g < groups.length; g++) {
      var rows = groups[g].querySelectorAll("tr[data-status]");
      var inGroup = 0;
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i];
        var match = (!school || r.getAttribute("data-school") === school) &&
          (!position || r.getAttribute("data-position") === position) &&
          (!status || r.getAttribute("data-status") === status);
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
