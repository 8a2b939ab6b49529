// krufolio's search page: Pagefind finds the pages, this file ranks and shows them the way
// Thai is read. A file, not inline script: the Content-Security-Policy forbids inline script.
//
// Pagefind folds tone marks and vowels when it indexes Thai (เสี่ยง and เสียง are one word to
// it) and ranks by the words of a query, not by the phrase. So here:
//  - a page counts as a match only when every term of the query is in its text exactly as
//    typed, tone marks included; pages that match only once marks are folded are shown after a
//    note, and only when nothing matches exactly;
//  - pages holding the whole query as one phrase come first (in the title, then in the text),
//    then Pagefind's order;
//  - excerpts are cut from the page text as written (never words joined by spaces) at word
//    boundaries (Intl.Segmenter), with the phrase marked;
//  - sub-results point at the heading of each part of the page that holds the phrase.
// The bundle may be split into shards (pagefind/krufolio-bundles.json): they are merged
// with Pagefind's mergeIndex.
(function () {
  "use strict";

  var ZWSP = /\u200B/g;
  /** How many results are checked for exact matches before any is shown. */
  var CHECK = 40;
  /** Results shown per page of results. */
  var SHOW = 10;
  var EXCERPT = 160;

  function esc(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function terms(q) {
    return q.normalize("NFC").trim().split(/\s+/).filter(Boolean);
  }

  function occurrences(hay, needle) {
    var at = [];
    if (!needle) return at;
    for (var i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) at.push(i);
    return at;
  }

  // Word boundaries of `text` near `at`: the start of the word holding `at`.
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("th", { granularity: "word" }) : null;
  function wordStart(text, at) {
    if (at <= 0) return 0;
    if (!segmenter) return at;
    var seg = segmenter.segment(text).containing(at);
    return seg ? seg.index : at;
  }
  function wordEnd(text, at) {
    if (at >= text.length) return text.length;
    if (!segmenter) return at;
    var seg = segmenter.segment(text).containing(at);
    return seg ? (seg.index === at ? at : seg.index + seg.segment.length) : at;
  }

  // An excerpt of `text` around the phrase at `at` (length `len`), HTML-escaped, phrase marked.
  function excerpt(text, at, len) {
    var before = Math.floor((EXCERPT - len) / 3);
    var start = wordStart(text, Math.max(0, at - before));
    var end = wordEnd(text, Math.min(text.length, at + len + (EXCERPT - len - before)));
    var pre = start > 0 ? "… " : "";
    var post = end < text.length ? " …" : "";
    return pre + esc(text.slice(start, at).trimStart()) + "<mark>" + esc(text.slice(at, at + len)) + "</mark>" +
      esc(text.slice(at + len, end).trimEnd()) + post;
  }

  // The word index (Pagefind's positions) of every character offset of the plain text: the
  // fragment's raw_content has a zero-width space after every word it indexed.
  function wordStarts(data) {
    var raw = (data.raw_content || "").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    var words = raw.split("\u200B");
    var starts = [];
    var n = 0;
    for (var i = 0; i < words.length; i++) {
      starts.push(n);
      n += words[i].length;
    }
    return starts;
  }
  function wordAt(starts, offset) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // Scores one loaded result for query `q`: exact (every term as typed), phrase places,
  // and the sub-results (the headed parts holding the phrase, or the first term).
  function judge(q, data, order) {
    var ts = terms(q);
    var phrase = ts.join(" ");
    var text = (data.content || "").replace(ZWSP, "");
    var title = ((data.meta && data.meta.title) || "").normalize("NFC");
    var exact = ts.every(function (t) { return text.indexOf(t) !== -1 || title.indexOf(t) !== -1; });
    var hits = occurrences(text, phrase);
    var key = hits.length ? phrase : (ts[0] || "");
    var spots = hits.length ? hits : occurrences(text, key);
    var starts = wordStarts(data);
    var heads = (data.anchors || []).filter(function (a) { return /^h[1-6]$/.test(a.element) && a.id; });
    var subs = [];
    var seen = {};
    spots.forEach(function (at) {
      var w = wordAt(starts, at);
      var head = null;
      for (var i = 0; i < heads.length; i++) if (heads[i].location <= w) head = heads[i];
      var id = head ? head.id : "";
      if (seen[id] || subs.length >= 3) return;
      seen[id] = true;
      subs.push({ url: head ? data.url.split("#")[0] + "#" + head.id : data.url, title: head ? head.text : "", excerpt: excerpt(text, at, key.length) });
    });
    var main = spots.length ? excerpt(text, spots[0], key.length) : esc(text.slice(0, EXCERPT)) + (text.length > EXCERPT ? " …" : "");
    // The part holding the first spot already shows it in the page's excerpt: its link only.
    if (subs.length && subs[0].excerpt === main) subs[0].excerpt = "";
    return {
      url: data.url,
      title: title || data.url,
      exact: exact,
      phraseInTitle: title.indexOf(phrase) !== -1,
      phraseCount: hits.length,
      order: order,
      excerpt: main,
      subs: subs.filter(function (s) { return s.title && s.url !== data.url; })
    };
  }

  // Exact matches first (phrase in the title, then the phrase in the text, then Pagefind's order);
  // pages that match only with folded marks are returned apart, for when nothing matches exactly.
  function rank(q, loaded) {
    var judged = loaded.map(function (d, i) { return judge(q, d, i); });
    var exact = judged.filter(function (r) { return r.exact; });
    exact.sort(function (a, b) {
      return (b.phraseInTitle - a.phraseInTitle) || ((b.phraseCount > 0) - (a.phraseCount > 0)) || (a.order - b.order);
    });
    return { exact: exact, near: judged.filter(function (r) { return !r.exact; }) };
  }

  function resultHtml(r) {
    var subs = r.subs.map(function (s) {
      return "<li class=\"search-result__sub\"><a class=\"search-result__sub-link\" href=\"" + esc(s.url) + "\">" + esc(s.title) +
        "</a>" + (s.excerpt ? "<p class=\"search-result__excerpt\">" + s.excerpt + "</p>" : "") + "</li>";
    }).join("");
    return "<li class=\"search-result\"><h2 class=\"search-result__title\"><a class=\"search-result__link\" href=\"" + esc(r.url) + "\">" +
      esc(r.title) + "</a></h2><p class=\"search-result__excerpt\">" + r.excerpt + "</p>" +
      (subs ? "<ul class=\"search-result__subs\">" + subs + "</ul>" : "") + "</li>";
  }

  async function loadPagefind(base) {
    var pf = await import(base + "pagefind/pagefind.js");
    var bundles = [""];
    try {
      var res = await fetch(base + "pagefind/krufolio-bundles.json");
      if (res.ok) bundles = (await res.json()).bundles || [""];
    } catch (e) { /* one bundle */ }
    for (var i = 0; i < bundles.length; i++) {
      if (bundles[i]) await pf.mergeIndex(base + "pagefind/" + bundles[i]);
    }
    await pf.init();
    return pf;
  }

  function start() {
    var box = document.getElementById("search");
    if (!box) return;
    var base = box.dataset.base || "/";
    box.insertAdjacentHTML("beforeend",
      "<form class=\"search-box__form\" role=\"search\" action=\"\" method=\"get\">" +
      "<label class=\"search-box__label\" for=\"search-q\">คำที่ค้นหา</label>" +
      "<input class=\"search-box__input\" id=\"search-q\" name=\"q\" type=\"search\" autocomplete=\"off\" lang=\"th\">" +
      "<button class=\"search-box__button\" type=\"submit\">ค้นหา</button></form>" +
      "<p class=\"search-box__status\" role=\"status\" aria-live=\"polite\"></p>" +
      "<ol class=\"search-results\"></ol>" +
      "<button class=\"search-box__more\" type=\"button\" hidden>แสดงผลเพิ่ม</button>");
    var form = box.querySelector("form");
    var input = box.querySelector("input");
    var status = box.querySelector(".search-box__status");
    var list = box.querySelector(".search-results");
    var more = box.querySelector(".search-box__more");
    var pagefind = null;
    var current = 0;
    var shown = [];
    var pos = 0;

    function showMore() {
      list.insertAdjacentHTML("beforeend", shown.slice(pos, pos + SHOW).map(resultHtml).join(""));
      pos += SHOW;
      more.hidden = pos >= shown.length;
    }

    async function run(q) {
      var mine = ++current;
      list.innerHTML = "";
      more.hidden = true;
      if (!terms(q).length) { status.textContent = ""; return; }
      status.textContent = "กำลังค้นหา…";
      try {
        pagefind = pagefind || await loadPagefind(base);
      } catch (e) {
        status.textContent = "ดัชนีค้นหายังไม่พร้อม: ถ้าเพิ่งเปิด krufolio serve ให้รอสักครู่แล้วค้นหาอีกครั้ง ถ้าเป็นเว็บที่สร้างแล้วให้สร้างใหม่ด้วย krufolio build / The search index is not ready: with krufolio serve, wait a moment and search again; otherwise rebuild with krufolio build.";
        return;
      }
      var search = await pagefind.search(q);
      var loaded = await Promise.all(search.results.slice(0, CHECK).map(function (r) { return r.data(); }));
      if (mine !== current) return;
      var ranked = rank(q, loaded);
      var near = !ranked.exact.length && ranked.near.length;
      shown = near ? ranked.near : ranked.exact;
      pos = 0;
      if (!shown.length) {
        status.textContent = "ไม่พบผลการค้นหาสำหรับ " + q;
      } else if (near) {
        status.textContent = "ไม่พบคำที่สะกดตรงกับ " + q + " — แสดง " + shown.length + " หน้าที่มีคำใกล้เคียง (วรรณยุกต์หรือสระต่างกัน)";
      } else {
        status.textContent = "พบ " + shown.length + (search.results.length > CHECK ? "+" : "") + " หน้าสำหรับ " + q;
      }
      showMore();
    }

    more.addEventListener("click", showMore);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = input.value;
      history.replaceState(null, "", "?q=" + encodeURIComponent(q));
      run(q);
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) {
      input.value = q;
      run(q);
    } else {
      input.focus();
    }
  }

  // For the tests and the search-quality measurement (tests/browser/search-quality.mjs).
  window.krufolioSearch = { rank: rank, terms: terms, loadPagefind: loadPagefind };
  window.addEventListener("DOMContentLoaded", start);
})();
