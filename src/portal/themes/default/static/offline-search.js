// Search in an offline edition, opened from disk (portal/outputs/offline.py): the browser refuses Pagefind's
// fetch() there, so the pages' words come in a script beside the page (offline-index.js, window.portalOfflineSearch),
// folded as the search index folds them; the reader's words are folded with the same table, in the same steps as
// search.js. Every word must begin a word of the page; pages with only some of them come next, said so.
// Without JavaScript the form stays hidden and the lists of needs and places below do the work.
(function () {
  "use strict";
  var data = window.portalOfflineSearch;
  var form = document.getElementById("offline-search");
  if (!data || !form) return;
  var input = document.getElementById("offline-query");
  var status = document.getElementById("offline-status");
  var results = document.getElementById("offline-results");
  var marks = /[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var notWords = /[\s!-\/:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f]+/g;
  try { // as search.js: Unicode classes where the phone knows them; else the common marks and punctuation above
    marks = new RegExp("\\p{M}", "gu");
    notWords = new RegExp("[^\\p{L}\\p{N}]+", "gu");
  } catch (e) { /* an older phone */ }

  function fold(text) {
    var lower = text.normalize("NFC").toLowerCase();
    var folded = "";
    for (var i = 0; i < lower.length; i++) {
      var letter = lower.charAt(i);
      folded += Object.prototype.hasOwnProperty.call(data.fold, letter) ? data.fold[letter] : letter;
    }
    return folded.normalize("NFKD").replace(marks, "").toLowerCase().replace(notWords, " ").trim();
  }

  // [link, title, summary, language of a fallback, names (weigh more), words]
  function score(page, words) {
    var names = " " + page[4] + " ";
    var all = names + page[5] + " ";
    var found = 0, points = 0;
    for (var i = 0; i < words.length; i++) {
      if (all.indexOf(" " + words[i]) < 0) continue;
      found++;
      points += names.indexOf(" " + words[i]) >= 0 ? 3 : 1;
    }
    return { found: found, points: points };
  }

  function card(page) {
    var item = document.createElement("li");
    item.className = "card";
    var title = document.createElement("p");
    title.className = "card-title";
    var link = document.createElement("a");
    link.href = page[0];
    link.textContent = page[1];
    if (page[3]) link.lang = page[3];
    title.appendChild(link);
    item.appendChild(title);
    if (page[2]) {
      var summary = document.createElement("p");
      summary.className = "card-summary";
      summary.textContent = page[2];
      if (page[3]) summary.lang = page[3];
      item.appendChild(summary);
    }
    return item;
  }

  function search() {
    // A phone number as people write it ("021 123 456") is one word of the index ("021123456").
    var words = fold(input.value).replace(/(\d) (?=\d)/g, "$1").split(" ").filter(Boolean);
    results.textContent = "";
    status.textContent = "";
    if (!words.length) return;
    var every = [], some = [];
    data.pages.forEach(function (page, order) {
      var found = score(page, words);
      var ranked = { page: page, points: found.points, order: order };
      if (found.found === words.length) every.push(ranked);
      else if (found.found) some.push(ranked);
    });
    var shown = every.length ? every : some;
    shown.sort(function (a, b) { return b.points - a.points || a.order - b.order; });
    if (!shown.length) status.textContent = form.getAttribute("data-none");
    else if (!every.length) status.textContent = form.getAttribute("data-some");
    shown.slice(0, 30).forEach(function (ranked) { results.appendChild(card(ranked.page)); });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });
  input.addEventListener("input", search);
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    search();
  }
})();
