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
  var places = document.getElementById("search-place");
  var notes = document.getElementById("search-notes");
  var PAGE_SIZE = 10;
  var marks = /[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var notWords = /[\s!-\/:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f]+/g;
  try { // Unicode classes where the phone knows them; else the common marks and punctuation above
    marks = new RegExp("\\p{M}", "gu");
    notWords = new RegExp("[^\\p{L}\\p{N}]+", "gu");
  } catch (e) { /* an older phone */ }
  var pagefind = null;
  var latest = 0;
  var shown = null;
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

  // Pagefind's module of a language's bundle, loaded once, when first needed.
  var modules = {};
  function load(bundle) {
    if (!modules[bundle]) {
      modules[bundle] = import(bundle + "pagefind.js").then(function (module) {
        // No web worker: one file less to download; the index of this site is small.
        return module.options({ baseUrl: data.base, noWorker: true, excerptLength: 0 }).then(function () {
          return module.init();
        }).then(function () { return module; });
      });
      modules[bundle].catch(function () { delete modules[bundle]; }); // try again on the next search
    }
    return modules[bundle];
  }

  // The language's words (vocabulary.json beside its index), fetched only when a query word finds nothing.
  var vocabularies = {};
  function vocabulary(url) {
    if (!vocabularies[url]) {
      vocabularies[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (words) {
        return words.map(function (word) { return { word: word, folded: fold(word) }; });
      });
      vocabularies[url].catch(function () { delete vocabularies[url]; });
    }
    return vocabularies[url];
  }

  // portal's light stemmer of the language (portal/i18n/stem.py), where Pagefind stems nothing: the same rules.
  function rewritten(word, rules, keep) {
    for (var i = 0; i < rules.length; i++) {
      var end = rules[i][0], instead = rules[i][1];
      if (word.slice(-end.length) === end && word.length - end.length + instead.length >= keep) {
        return word.slice(0, word.length - end.length) + instead;
      }
    }
    return word;
  }
  function stem(rules, word) {
    if (!rules || word.length <= rules.keep || /^[0-9]+$/.test(word) || rules.whole.indexOf(word) >= 0) return word;
    word = rewritten(word, rules.before, rules.keep);
    rules.passes.forEach(function (endings) {
      for (var i = 0; i < endings.length; i++) {
        if (word.slice(-endings[i].length) === endings[i] && word.length - endings[i].length >= rules.keep) {
          word = word.slice(0, word.length - endings[i].length);
          break;
        }
      }
    });
    return rewritten(word, rules.rewrites, rules.keep);
  }

  // The query as terms: a phone number as its digits (a leading 00 of the country code dropped, as the index
  // writes numbers), else each folded word, stemmed where portal stems the language.
  function terms(text, rules) {
    var digits = text.replace(/[^0-9]/g, "");
    if (/^[0-9\s+().\/-]+$/.test(text) && digits.length >= 5) {
      return [{ typed: text, term: text.charAt(0) !== "+" && digits.slice(0, 2) === "00" ? digits.slice(2) : digits }];
    }
    var words = fold(text).split(" ").filter(Boolean);
    var written = text.split(/\s+/).filter(function (word) { return fold(word); });
    return words.map(function (word, at) {
      // as the reader wrote it, where each written word folds to one word (to say which word is not found)
      var shown = written.length === words.length ? written[at] : word;
      return { typed: word, shown: shown, term: stem(rules, word) };
    });
  }

  // Does a word of the index answer a term? The word itself or a longer word (as one types), or, where Pagefind
  // stems the language (`loose`), another form of it; not a word that only shares its first letters (Pagefind's
  // last resort for a word it does not have: the longest prefix it has, down to a single letter).
  function meets(found, term, loose) {
    if (found.indexOf(term) === 0) return true;
    if (!loose) return false;
    var common = 0;
    while (common < found.length && common < term.length && found.charAt(common) === term.charAt(common)) common++;
    return common >= 3 && common * 2 >= term.length;
  }
  function answers(page, term, loose) {
    return hasWord(page, function (word) { return meets(word, term, loose); });
  }
  function hasWord(page, test) { // a word at one of the page's matches passes the test
    var words = page.content.split(/\s+/);
    return page.locations.some(function (at) { return fold(words[at] || "").split(" ").some(test); });
  }
  // Is a word of the page the query's word itself or in another form (the same stem by the language's light rules:
  // `Kinder` for `Kind`), not a longer word that only begins the same (German compounds: `Kindergarten`, `Schulung`)?
  function sameWord(word, each, rules) {
    if (word === each.term || word === each.typed) return true;
    return !!rules && !/^[0-9]+$/.test(each.term) && stem(rules, word) === stem(rules, each.typed);
  }

  // The distance of two words in typing mistakes: a letter missing, one too many, one wrong, two swapped.
  function distance(a, b) {
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          best = Math.min(best, rows[i - 2][j - 2] + 1);
        }
        rows[i].push(best);
      }
    }
    return rows[a.length][b.length];
  }
  function allowed(word) { return word.length <= 3 ? 0 : word.length <= 7 ? 1 : 2; }

  // The closest words of the vocabulary to a word the index does not have, closest first (at most three).
  function closest(words, typed) {
    var found = [];
    words.forEach(function (entry) {
      if (Math.abs(entry.folded.length - typed.length) > 2 || entry.folded.indexOf(" ") >= 0) return;
      var d = distance(typed, entry.folded);
      if (d <= allowed(typed) + 1) found.push({ word: entry.word, folded: entry.folded, distance: d });
    });
    found.sort(function (a, b) { return a.distance - b.distance || a.folded.length - b.folded.length || (a.folded < b.folded ? -1 : 1); });
    return found.slice(0, 3);
  }

  function chosenFilters() {
    var filters = {};
    Array.prototype.forEach.call(selects, function (select) {
      if (select.value) filters[select.name] = select.value;
    });
    return filters;
  }

  // All words first. When fewer than three pages have them all, then the pages with some of the words, by score.
  function find(module, query, filters) {
    return module.search(query || null, { filters: filters }).then(function (search) {
      var words = query.split(/\s+/).filter(Boolean);
      if (search.results.length >= 3 || words.length < 2) return { results: search.results, some: false };
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
        var all = {};
        search.results.forEach(function (result) { all[result.id] = true; });
        var merged = Object.keys(byId).filter(function (id) { return !all[id]; }).map(function (id) { return byId[id]; });
        merged.sort(function (a, b) { return b.score - a.score; }); // a rare word counts more than two common ones
        var results = search.results.concat(merged.map(function (seen) { return seen.result; }));
        return { results: results, some: !search.results.length };
      });
    });
  }

  // One language's search: the results, the first page of them read and checked (pages that answer every
  // term first; the others marked as partial), and the terms no page answers.
  function searchIn(source, query, filters) {
    return load(source.bundle).then(function (module) {
      var words = query.map(function (each) { return each.term; }).join(" ");
      var typed = query.map(function (each) { return each.typed; }).join(" ");
      return Promise.all([
        find(module, words, filters),
        typed !== words ? module.search(typed, { filters: filters }) : null,
      ]).then(function (both) {
        var found = both[0];
        if (both[1]) found.results = asTyped(found.results, both[1].results);
        return read(found.results.slice(0, PAGE_SIZE), query, source).then(function (pages) {
          var unknown = query.filter(function (each) {
            return !pages.some(function (page) { return answers(page, each.term, source.loose); });
          });
          // The pages with every word, by score, where a page that has a word only at the start of longer words
          // (German compounds: `Hausarzt` for `Haus`, `Schulung` for `Schule`) counts INSIDE; then the pages with some.
          var exact = pages.filter(function (page) { return !page.partial; });
          exact.sort(function (a, b) { return weighed(b) - weighed(a) || a.at - b.at; });
          var partial = pages.filter(function (page) { return page.partial; });
          return { source: source, results: found.results, pages: exact.concat(partial), some: found.some, unknown: unknown, query: query };
        });
      });
    });
  }
  // Pages found by the stems of the words, those with the words as typed first: the score of both searches.
  function asTyped(results, typed) {
    var bonus = {};
    typed.forEach(function (result) { bonus[result.id] = result.score; });
    var scored = results.map(function (result, at) { return { result: result, score: result.score + (bonus[result.id] || 0), at: at }; });
    scored.sort(function (a, b) { return b.score - a.score || a.at - b.at; });
    return scored.map(function (each) { each.result.both = each.score; return each.result; });
  }
  var INSIDE = 0.5;
  function weighed(page) { return page.score * (page.inside ? INSIDE : 1); }
  function read(results, query, source) {
    var rules = source.forms || source.stemmer;
    return Promise.all(results.map(function (result) { return result.data(); })).then(function (pages) {
      pages.forEach(function (page, at) {
        page.at = at;
        page.score = results[at].both || results[at].score;
        page.partial = query.some(function (each) { return !answers(page, each.term, source.loose); });
        page.inside = !page.partial && query.some(function (each) {
          return !hasWord(page, function (word) { return sameWord(word, each, rules); });
        });
      });
      return pages;
    });
  }

  // Words the index does not have: said plainly; the closest word searched instead where it is one typing
  // mistake away (two for a long word), else the word left out; the closest words offered to choose from.
  function corrected(found, filters) {
    var source = found.source;
    return vocabulary(source.vocabulary).then(function (words) {
      var notes = [];
      var query = [];
      found.query.forEach(function (each) {
        var unknown = found.unknown.indexOf(each) >= 0 && !words.some(function (entry) {
          return entry.folded.indexOf(each.term) === 0 || stem(source.stemmer, entry.folded) === each.term;
        });
        if (!unknown) { query.push(each); return; }
        var close = /^[0-9]+$/.test(each.term) ? [] : closest(words, each.typed);
        var instead = close.length && close[0].distance <= allowed(each.typed) ? close[0] : null;
        notes.push({ typed: each.typed, shown: each.shown || each.typed, instead: instead && instead.word, offered: close.map(function (c) { return c.word; }) });
        if (instead) query.push({ typed: instead.folded, term: stem(source.stemmer, instead.folded) });
      });
      if (!notes.length) return found;
      var next = query.length ? searchIn(source, query, filters) : Promise.resolve({ source: source, results: [], pages: [], some: false, unknown: [], query: [] });
      return next.then(function (again) { again.notes = notes; return again; });
    });
  }

  // When the reader's language finds nothing: the languages of its fallback chain, in order, pages that
  // answer every word only. A language's index (its Pagefind script and WebAssembly, 80 KB) is loaded only when its
  // words (a few KB) have every word of the query: a word found nowhere costs no more than in one language.
  function elsewhere(text, filters, index) {
    var other = data.others[index];
    if (!other) return Promise.resolve(null);
    var source = { bundle: other.bundle, stemmer: other.stemmer, loose: other.loose, forms: other.forms, tag: other.tag, name: other.name };
    var query = terms(text, other.stemmer);
    return mayHave(other, query).then(function (may) {
      return may ? searchOther(source, query, filters) : elsewhere(text, filters, index + 1);
    }, function () { return searchOther(source, query, filters); });

    function searchOther(source, query, filters) {
      return searchIn(source, query, filters).then(function (found) {
        // every word as a word of the page: in another language, a word that only begins a longer one is another
        // word (German `Bett` in English `better`)
        found.pages = found.pages.filter(function (page) { return !page.partial && !page.inside; });
        found.results = found.results.slice(0, found.pages.length);
        return found.pages.length ? found : elsewhere(text, filters, index + 1);
      }, function () { return elsewhere(text, filters, index + 1); });
    }
  }
  // Could the language have every word of the query? Not a number: every entry has its page in every language, with
  // the same facts, so a number the reader's language does not have, no other has.
  function mayHave(other, query) {
    if (query.some(function (each) { return /^[0-9]+$/.test(each.term); })) return Promise.resolve(false);
    var rules = other.forms || other.stemmer;
    return vocabulary(other.vocabulary).then(function (words) {
      return query.every(function (each) {
        return words.some(function (entry) { return sameWord(entry.folded, each, rules); });
      });
    });
  }

  function run() {
    var text = input.value.trim();
    var filters = chosenFilters();
    var ticket = ++latest;
    var url = new URL(location.href);
    if (text) url.searchParams.set("q", text); else url.searchParams.delete("q");
    history.replaceState(null, "", url.pathname + url.search);
    notes.textContent = "";
    if (!fold(text) && !Object.keys(filters).length) {
      status.textContent = "";
      list.textContent = "";
      more.hidden = true;
      return;
    }
    status.textContent = data.messages.searching;
    var home = { bundle: data.bundle, stemmer: data.stemmer, loose: data.loose, forms: data.forms, vocabulary: data.vocabulary, tag: "", name: "" };
    searchIn(home, terms(text, data.stemmer), filters).then(function (found) {
      return found.unknown.length && found.query.length ? corrected(found, filters) : found;
    }).then(function (found) {
      if (found.pages.length || !text) return found;
      return elsewhere(text, filters, 0).then(function (other) {
        if (other) other.notes = found.notes;
        return other || found;
      });
    }).then(function (found) {
      if (ticket !== latest) return;
      shown = found;
      list.textContent = "";
      tell(found.notes || []);
      if (!found.pages.length) {
        status.textContent = data.messages.none;
        more.hidden = true;
        return;
      }
      found.pages.forEach(function (page) { list.appendChild(item(page, found.source)); });
      more.hidden = list.children.length >= found.results.length;
      // Said after the first results are on the page, so that what is read out is there to be read.
      var said = counted(found.results.length) + (found.some ? " " + data.messages.some : "");
      if (found.source.name) said = data.messages.other.replace("{language}", found.source.name) + " " + said;
      status.textContent = said;
    }).catch(function () {
      if (ticket === latest) status.textContent = data.messages.failed;
    });
  }

  // What was not found, what was searched instead, and the closest words as buttons that search them.
  function tell(found) {
    found.forEach(function (note) {
      var p = document.createElement("p");
      p.textContent = data.messages.unknown.replace("{word}", note.shown) +
        (note.instead ? " " + data.messages.instead.replace("{word}", note.instead) : "");
      notes.appendChild(p);
      var offered = note.offered.filter(function (word) { return word !== note.instead; });
      if (!offered.length) return;
      var choice = document.createElement("p");
      choice.appendChild(document.createTextNode(data.messages.offer + " "));
      offered.forEach(function (word) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button secondary suggestion";
        button.textContent = word;
        button.addEventListener("click", function () {
          var typed = fold(input.value).split(" ");
          input.value = typed.indexOf(note.typed) >= 0 ? typed.map(function (w) { return w === note.typed ? word : w; }).join(" ") : word;
          run();
        });
        choice.appendChild(button);
        choice.appendChild(document.createTextNode(" "));
      });
      notes.appendChild(choice);
    });
  }

  function showMore(ticket) {
    var found = shown;
    var start = list.children.length;
    more.hidden = true;
    return read(found.results.slice(start, start + PAGE_SIZE), found.query, found.source).then(function (pages) {
      if (ticket !== latest) return;
      pages.forEach(function (page) { list.appendChild(item(page, found.source)); });
      more.hidden = list.children.length >= found.results.length;
    });
  }

  // The text with the words that answer the query marked, so the reader sees why the page was found.
  function marked(element, text, query, loose) {
    text.split(/(\s+)/).forEach(function (part) {
      var hit = part.trim() && query.some(function (each) {
        return fold(part).split(" ").some(function (word) { return word && meets(word, each.term, loose); });
      });
      if (!hit) { element.appendChild(document.createTextNode(part)); return; }
      var mark = document.createElement("mark");
      mark.textContent = part;
      element.appendChild(mark);
    });
  }

  function tagged(li, text, className) {
    var tag = document.createElement("small");
    tag.className = className;
    tag.textContent = text;
    li.appendChild(document.createTextNode(" "));
    li.appendChild(tag);
    return tag;
  }

  // A result: its title and summary (in its own language), its kind, and where known its town, phone and cost.
  function item(page, source) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    var lang = page.meta.lang || source.tag;
    link.href = page.url;
    link.textContent = page.meta.title;
    if (lang) link.lang = lang;
    li.appendChild(link);
    if (page.meta.summary) {
      var summary = document.createElement("small");
      marked(summary, page.meta.summary, shown ? shown.query : [], source.loose);
      if (lang) summary.lang = lang;
      li.appendChild(document.createElement("br"));
      li.appendChild(summary);
    }
    var filters = page.filters || {};
    var facts = [];
    (filters.place || []).forEach(function (id) {
      var option = places.querySelector('option[value="' + id + '"]');
      if (option && filters.kind && filters.kind[0] !== "place") facts.push(option.textContent);
    });
    if (facts.length || page.meta.phone || (filters.cost && data.costs[filters.cost[0]])) {
      var line = document.createElement("small");
      line.className = "search-facts";
      line.textContent = facts.slice(0, 3).join(", ") + (facts.length > 3 ? ", …" : "");
      if (filters.cost && data.costs[filters.cost[0]]) line.textContent += (facts.length ? " · " : "") + data.costs[filters.cost[0]];
      if (page.meta.phone) {
        if (line.textContent) line.appendChild(document.createTextNode(" · "));
        var call = document.createElement("a");
        call.href = "tel:" + page.meta.tel;
        call.textContent = page.meta.phone;
        line.appendChild(call);
      }
      li.appendChild(document.createElement("br"));
      li.appendChild(line);
    }
    var kind = filters.kind && kinds.querySelector('option[value="' + filters.kind[0] + '"]');
    if (kind) tagged(li, kind.textContent, "tag");
    if (source.name) tagged(li, source.name, "tag").lang = source.tag;
    if (page.partial) tagged(li, data.messages.partial, "tag partial");
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
