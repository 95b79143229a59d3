// The search page: progressive enhancement over the lists of needs and places it shows anyway.
// Loaded by the search page only (defer). Pagefind's script, WebAssembly and index come from this
// site's own pagefind/<language>/ folder, loaded when the reader first types. The query is folded with the
// table the index was folded with (portal/search.py: fold), so "skola", "skola" in Cyrillic and
// "škola" find the same pages. Words, plural rule and fold table come from the page (#search-data).
(function () {
  "use strict";
  var form = document.getElementById("search");
  var source = document.getElementById("search-data");
  if (!form || !source || !window.Promise || !"".normalize) return;
  var data = JSON.parse(source.textContent);
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var selects = form.querySelectorAll("select");
  var kinds = document.getElementById("search-kind");
  var PAGE_SIZE = 10;
  var marks = /[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var notWords = /[\s!-\/:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f]+/g;
  try { // Unicode classes where the phone knows them; else the common marks and punctuation above
    marks = new RegExp("\\p{M}", "gu");
    notWords = new RegExp("[^\\p{L}\\p{N}]+", "gu");
  } catch (e) { /* an older phone */ }
  var pagefind = null;
  var latest = 0;
  var shown = [];
  var timer = null;

  function fold(text) {
    var lower = text.normalize("NFC").toLowerCase();
    var folded = "";
    for (var i = 0; i < lower.length; i++) {
      var letter = lower.charAt(i);
      folded += Object.prototype.hasOwnProperty.call(data.fold, letter) ? data.fold[letter] : letter;
    }
    return folded.normalize("NFKD").replace(marks, "").toLowerCase().replace(notWords, " ").trim();
  }

  // The CLDR plural rule of the page's language, as data (portal/search.py: plural_rule_data).
  function operand(value, n) {
    return value === "n" ? n : typeof value === "number" ? value : operand(value[1], n) % value[2];
  }
  function holds(rule, n) {
    if (rule[0] === "or") return holds(rule[1], n) || holds(rule[2], n);
    if (rule[0] === "and") return holds(rule[1], n) && holds(rule[2], n);
    if (rule[0] === "not") return !holds(rule[1], n);
    var value = operand(rule[1], n);
    return rule[2].some(function (range) { return value >= range[0] && value <= range[1]; });
  }
  function counted(n) {
    var category = Object.keys(data.plural).filter(function (name) { return holds(data.plural[name], n); })[0] || "other";
    return (data.counts[category] || data.counts.other || "{n}").replace("{n}", String(n));
  }

  function load() {
    if (!pagefind) {
      pagefind = import(data.bundle + "pagefind.js").then(function (module) {
        // No web worker: one file less to download; the index of this site is small.
        return module.options({ baseUrl: data.base, noWorker: true, excerptLength: 0 }).then(function () {
          return module.init();
        }).then(function () { return module; });
      });
      pagefind.catch(function () { pagefind = null; }); // try again on the next search (the connection may be back)
    }
    return pagefind;
  }

  function chosenFilters() {
    var filters = {};
    Array.prototype.forEach.call(selects, function (select) {
      if (select.value) filters[select.name] = select.value;
    });
    return filters;
  }

  // All words first. When no page has them all, pages with most of the words, then by score.
  function find(module, query, filters) {
    return module.search(query || null, { filters: filters }).then(function (search) {
      var words = query.split(/\s+/).filter(Boolean);
      if (search.results.length || words.length < 2) return { results: search.results, partial: false };
      return Promise.all(words.map(function (word) {
        return module.search(word, { filters: filters });
      })).then(function (searches) {
        var byId = {};
        searches.forEach(function (each) {
          each.results.forEach(function (result) {
            var seen = byId[result.id] || (byId[result.id] = { result: result, words: 0, score: 0 });
            seen.words += 1;
            seen.score += result.score;
          });
        });
        var merged = Object.keys(byId).map(function (id) { return byId[id]; });
        merged.sort(function (a, b) { return b.words - a.words || b.score - a.score; });
        return { results: merged.map(function (seen) { return seen.result; }), partial: true };
      });
    });
  }

  function run() {
    var query = fold(input.value).trim();
    var filters = chosenFilters();
    var ticket = ++latest;
    var url = new URL(location.href);
    if (input.value.trim()) url.searchParams.set("q", input.value.trim()); else url.searchParams.delete("q");
    history.replaceState(null, "", url.pathname + url.search);
    if (!query && !Object.keys(filters).length) {
      status.textContent = "";
      list.textContent = "";
      more.hidden = true;
      return;
    }
    status.textContent = data.messages.searching;
    load().then(function (module) {
      return find(module, query, filters);
    }).then(function (found) {
      if (ticket !== latest) return;
      shown = found.results;
      list.textContent = "";
      if (!shown.length) {
        status.textContent = data.messages.none;
        more.hidden = true;
        return;
      }
      return showMore(ticket).then(function () {
        // Said after the first results are on the page, so that what is read out is there to be read.
        if (ticket === latest) status.textContent = counted(shown.length) + (found.partial ? " " + data.messages.some : "");
      });
    }).catch(function () {
      if (ticket === latest) status.textContent = data.messages.failed;
    });
  }

  function showMore(ticket) {
    var start = list.children.length;
    var next = shown.slice(start, start + PAGE_SIZE);
    more.hidden = true;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      if (ticket !== latest) return;
      pages.forEach(function (page) { list.appendChild(item(page)); });
      more.hidden = list.children.length >= shown.length;
    });
  }

  function item(page) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = page.url;
    link.textContent = page.meta.title;
    if (page.meta.lang) link.lang = page.meta.lang;
    li.appendChild(link);
    if (page.meta.summary) {
      var summary = document.createElement("small");
      summary.textContent = page.meta.summary;
      if (page.meta.lang) summary.lang = page.meta.lang;
      li.appendChild(document.createElement("br"));
      li.appendChild(summary);
    }
    var kind = page.filters && page.filters.kind && kinds.querySelector('option[value="' + page.filters.kind[0] + '"]');
    if (kind) {
      var tag = document.createElement("small");
      tag.className = "tag";
      tag.textContent = kind.textContent;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(tag);
    }
    return li;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  Array.prototype.forEach.call(selects, function (select) { select.addEventListener("change", run); });
  more.addEventListener("click", function () { showMore(latest); });

  form.hidden = false;
  var asked = new URL(location.href).searchParams.get("q");
  if (asked) {
    input.value = asked;
    run();
  }
})();
