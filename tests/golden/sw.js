// The portal's service worker: keeps the pages a reader opened, so they can be read again
// without a connection. It lives at the site root so that its scope covers every page.
// Pages: network first (facts change; a fresh copy wins), the kept copy when offline.
// Files under static/ have their content hash in their name: cache first, they never change.
// A page marked sensitive (<meta name="portal-offline" content="never">: help a reader may need to hide) is never
// kept, and a copy kept before it was marked is dropped.
"use strict";
var VERSION = "a65d876a"; // replaced at build time by a hash of every asset
var PAGES = "portal-pages";
var STATIC = "portal-static-" + VERSION;
var NEVER = '<meta name="portal-offline" content="never">';

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("portal-static-") === 0 && name !== STATIC;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function inScope(url) {
  return url.indexOf(self.registration.scope) === 0;
}

function store(cache, url, response) {
  return response.clone().text().then(function (text) {
    return text.indexOf(NEVER) === -1 ? cache.put(url, response) : cache.delete(url);
  });
}

function networkFirst(request) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { return store(cache, request.url, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request.url, { ignoreSearch: true }).then(function (kept) {
      return kept || Response.error();
    });
  });
}

function cacheFirst(request) {
  return caches.open(STATIC).then(function (cache) {
    return cache.match(request).then(function (kept) {
      return kept || fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !inScope(request.url)) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  } else if (request.url.indexOf(self.registration.scope + "static/") === 0) {
    event.respondWith(cacheFirst(request));
  }
});

// A page asks to keep itself and, on a place's page, the services listed there.
self.addEventListener("message", function (event) {
  var keep = event.data && event.data.keep;
  if (!Array.isArray(keep)) return;
  event.waitUntil(caches.open(PAGES).then(function (cache) {
    return Promise.all(keep.map(function (path) {
      var url = new URL(path, self.registration.scope).href;
      if (!inScope(url)) return null;
      return cache.match(url).then(function (kept) {
        return kept || fetch(url).then(function (response) {
          return response.ok ? store(cache, url, response) : null;
        });
      }).catch(function () {});
    }));
  }));
});
