// "Save for offline" (progressive enhancement): on a place's or a need's page, keeps that page and the services
// it lists in the phone's own storage (the Cache API), where the service worker finds them without a connection.
// The "Saved" page lists what is kept, with the day and the size, and deletes it. A page read from a saved copy
// says when it was saved, and warns when that is longer ago than the site's staleness limit. A page marked
// sensitive is never kept. Without JavaScript or the Cache API nothing of this shows.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("caches" in window) || !("serviceWorker" in navigator)) return;
  var STORE = "portal-saved";
  var NEVER = '<meta name="portal-offline" content="never">';
  var index = new URL("saved-index.json", new URL(script.getAttribute("data-scope"), location.href)).href;
  var lang = script.getAttribute("data-locale") || document.documentElement.lang;  // en-GB for British English
  var stale = parseInt(script.getAttribute("data-stale"), 10) || 12;

  function readIndex(cache) {
    return cache.match(index).then(function (kept) { return kept ? kept.json() : []; });
  }
  function writeIndex(cache, items) {
    var body = JSON.stringify(items);
    return cache.put(index, new Response(body, { headers: { "Content-Type": "application/json" } }));
  }
  // A language browsers have no month names for (Romani) gets its own from the page, in the order Serbian writes a date.
  var months = (script.getAttribute("data-months") || "").split(" ").filter(Boolean);
  function day(iso) {
    var date = new Date(iso + "T12:00:00");
    if (months.length === 12) return date.getDate() + ". " + months[date.getMonth()] + " " + date.getFullYear() + ".";
    try { return new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(date); } catch (e) { return iso; }
  }
  function size(bytes) {
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }
  function old(iso) {
    var limit = new Date(iso + "T12:00:00");
    limit.setMonth(limit.getMonth() + stale);
    return limit < new Date();
  }
  function words(node, name, values) {
    var text = node.getAttribute(name) || "";
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(values[key]); });
    return text;
  }

  // Fetch each page and keep it, unless it is marked sensitive; the total size of what was kept.
  function save(urls) {
    return caches.open(STORE).then(function (cache) {
      return Promise.all(urls.map(function (url) {
        return fetch(url, { cache: "no-cache" }).then(function (response) {
          if (!response.ok) throw new Error(url);
          return response.clone().text().then(function (text) {
            if (text.indexOf(NEVER) !== -1) return 0;
            return cache.put(new URL(url, location.href).href, response).then(function () { return new Blob([text]).size; });
          });
        });
      })).then(function (sizes) {
        var bytes = sizes.reduce(function (a, b) { return a + b; }, 0);
        var item = { page: urls[0], title: document.title.split(" · ")[0], date: new Date().toISOString().slice(0, 10), bytes: bytes, urls: urls };
        return readIndex(cache).then(function (items) {
          items = items.filter(function (other) { return other.page !== item.page; }).concat([item]);
          return writeIndex(cache, items).then(function () { return item; });
        });
      });
    });
  }

  function remove(page) {
    return caches.open(STORE).then(function (cache) {
      return readIndex(cache).then(function (items) {
        var gone = items.filter(function (item) { return item.page === page; });
        var left = items.filter(function (item) { return item.page !== page; });
        var still = {};
        left.forEach(function (item) { item.urls.forEach(function (url) { still[url] = true; }); });
        var drop = [];
        gone.forEach(function (item) { item.urls.forEach(function (url) { if (!still[url]) drop.push(url); }); });
        return Promise.all(drop.map(function (url) { return cache.delete(new URL(url, location.href).href); }))
          .then(function () { return writeIndex(cache, left); });
      });
    });
  }

  // The button of a place's or a need's page.
  var block = document.querySelector("[data-save]");
  if (block) {
    var button = block.querySelector("button");
    var status = block.querySelector("[role=status]");
    block.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      status.textContent = words(block, "data-saving");
      save(block.getAttribute("data-save").split(" ")).then(function (item) {
        status.textContent = words(block, "data-done", { date: day(item.date), size: size(item.bytes) });
      }).catch(function () {
        status.textContent = words(block, "data-failed");
      }).then(function () { button.disabled = false; });
    });
  }

  // The "Saved" page: what is kept, newest first, each with a button to delete it.
  var list = document.querySelector("[data-saved-list]");
  function show() {
    caches.open(STORE).then(readIndex).then(function (items) {
      var holder = document.querySelector("[data-saved]");
      list.textContent = "";
      document.querySelector("[data-saved-empty]").hidden = items.length > 0;
      items.sort(function (a, b) { return a.date < b.date ? 1 : a.date > b.date ? -1 : 0; }).forEach(function (item) {
        var entry = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.page;
        link.textContent = item.title;
        var about = document.createElement("p");
        about.textContent = words(holder, "data-about", { date: day(item.date), size: size(item.bytes) });
        if (old(item.date)) about.textContent += " " + words(holder, "data-old");
        var drop = document.createElement("button");
        drop.type = "button";
        drop.className = "button secondary";
        drop.textContent = words(holder, "data-delete");
        drop.addEventListener("click", function () { remove(item.page).then(show); });
        entry.append(link, about, drop);
        list.append(entry);
      });
    }).catch(function () {});
  }
  if (list) show();

  // A page read from a saved copy (without a connection): when it was saved, and whether that is long ago.
  if (navigator.onLine) return;
  caches.open(STORE).then(readIndex).then(function (items) {
    var here = location.pathname;
    var item = items.filter(function (one) { return one.urls.indexOf(here) !== -1; })[0];
    var main = document.getElementById("main");
    if (!item || !main || list) return;
    var note = document.createElement("p");
    note.className = old(item.date) ? "notice saved-note" : "saved-note";
    note.textContent = words(script, "data-saved-on", { date: day(item.date) });
    if (old(item.date)) note.textContent += " " + words(script, "data-old");
    main.insertBefore(note, main.firstChild);
  }).catch(function () {});
})();
