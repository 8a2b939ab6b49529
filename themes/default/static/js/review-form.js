// The local review form (review checklist pages): one form per indicator and
// the challenge. Shown only when the page was served by `krufolio serve
// --audience review` on this machine, which puts the session's token into the
// page. The reviewer id is remembered by the browser; the forms are prefilled
// with that reviewer's current values and the file's hash, and a save over a
// file changed since then is refused (409: reload). A saved change rebuilds
// the site and live reload shows it. A file, not inline script, for the CSP.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="krufolio-review-token"]');
  var root = document.getElementById("review-form");
  if (!meta || !root || !window.fetch || !window.JSON) { return; }
  var API = "/__krufolio/review";
  var token = meta.getAttribute("content");
  var slug = root.getAttribute("data-slug");
  var idField = document.getElementById("rf-id");
  var nameField = document.getElementById("rf-name");
  var out = document.getElementById("review-form-result");
  var forms = Array.prototype.slice.call(root.querySelectorAll("form.review-entry-form"));
  var base = null;
  var loaded = null;
  var FIELDS = ["status", "comment", "level", "method", "quantitative", "qualitative"];

  function enable(on) {
    forms.forEach(function (f) { f.querySelector("fieldset").disabled = !on; });
  }
  function remember() {
    try {
      window.localStorage.setItem("krufolio-reviewer-id", idField.value.trim());
      window.localStorage.setItem("krufolio-reviewer", nameField.value.trim());
    } catch (err) { /* private mode: type them each time */ }
  }
  function load() {
    var id = idField.value.trim();
    if (id === loaded) { return; }
    loaded = id;
    enable(false);
    base = null;
    if (!/^[a-z0-9-]{1,64}$/.test(id)) {
      out.textContent = "กรอกรหัสผู้ตรวจ (a-z 0-9 -) เพื่อบันทึกผล / enter your reviewer id";
      return;
    }
    out.textContent = "กำลังอ่านผลการตรวจเดิม…";
    var q = "?slug=" + encodeURIComponent(slug) + "&id=" + encodeURIComponent(id);
    window.fetch(API + q, { headers: { "X-Krufolio-Token": token } }).then(function (r) {
      if (!r.ok) { return r.text().then(function (t) { out.textContent = t; }); }
      return r.json().then(function (data) {
        base = data.hash;
        if (!nameField.value && data.reviewer) { nameField.value = data.reviewer; }
        forms.forEach(function (f) {
          var cur = data.entries[f.getAttribute("data-code")] || {};
          FIELDS.forEach(function (k) { if (f.elements[k]) { f.elements[k].value = cur[k] || ""; } });
        });
        out.textContent = data.hash ? "แสดงผลการตรวจเดิมของ " + id : "ยังไม่มีไฟล์ผลการตรวจของ " + id;
        enable(true);
      });
    }).catch(function (err) { out.textContent = "อ่านไม่ได้ / cannot read: " + err; });
  }
  function save(f, e) {
    e.preventDefault();
    remember();
    var result = f.querySelector(".review-entry-form__result");
    var body = { slug: slug, reviewer_id: idField.value.trim(), reviewer: nameField.value.trim(),
      code: f.getAttribute("data-code"), base: base };
    FIELDS.forEach(function (k) { if (f.elements[k]) { body[k] = f.elements[k].value; } });
    result.textContent = "กำลังบันทึก…";
    window.fetch(API, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Krufolio-Token": token },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (r.ok) { base = r.headers.get("X-Krufolio-Review-Hash") || base; }
      return r.text().then(function (t) { result.textContent = (r.ok ? "" : r.status + ": ") + t; });
    }).catch(function (err) { result.textContent = "บันทึกไม่ได้ / not saved: " + err; });
  }

  try {
    idField.value = window.localStorage.getItem("krufolio-reviewer-id") || "";
    nameField.value = window.localStorage.getItem("krufolio-reviewer") || "";
  } catch (e) { /* private mode */ }
  root.hidden = false;
  idField.addEventListener("change", function () { remember(); load(); });
  nameField.addEventListener("change", remember);
  forms.forEach(function (f) { f.addEventListener("submit", function (e) { save(f, e); }); });
  load();
}());
