// The local review form (review checklist pages). Shown only when the page
// was served by `krufolio serve --audience review` on this machine, which puts
// the session's token into the page; a saved change rebuilds the site and
// live reload shows it. Moved out of the page so the CSP can forbid inline script.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="krufolio-review-token"]');
  var form = document.getElementById("review-form");
  if (!meta || !form || !window.fetch || !window.JSON) { return; }
  var out = document.getElementById("review-form-result");
  var el = form.elements;
  try {
    el.reviewer_id.value = window.localStorage.getItem("krufolio-reviewer-id") || "";
    el.reviewer.value = window.localStorage.getItem("krufolio-reviewer") || "";
  } catch (e) { /* private mode: type them each time */ }
  form.hidden = false;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    try {
      window.localStorage.setItem("krufolio-reviewer-id", el.reviewer_id.value.trim());
      window.localStorage.setItem("krufolio-reviewer", el.reviewer.value.trim());
    } catch (err) { /* ignore */ }
    var body = {
      slug: form.getAttribute("data-slug"),
      reviewer_id: el.reviewer_id.value.trim(),
      reviewer: el.reviewer.value.trim(),
      code: el.code.value,
      status: el.status.value || null,
      comment: el.comment.value ? el.comment.value : null,
      level: el.level.value || null
    };
    out.textContent = "กำลังบันทึก…";
    window.fetch("/__krufolio/review", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Krufolio-Token": meta.getAttribute("content") },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.text().then(function (t) { out.textContent = t; });
    }).catch(function (err) { out.textContent = "บันทึกไม่ได้ / not saved: " + err; });
  });
}());
