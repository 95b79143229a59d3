// Progressive enhancement: registers the service worker that keeps visited pages for reading
// offline. Reading and navigating never depend on it; any failure here changes nothing.
(function () {
  "use strict";
  var script = document.currentScript;
  // Opened from disk (the offline edition's ZIP): there is no worker to register, and no need of one.
  if (!script || !("serviceWorker" in navigator) || location.protocol === "file:") return;
  var worker = script.getAttribute("data-sw");
  var scope = script.getAttribute("data-scope");
  navigator.serviceWorker.register(worker, { scope: scope }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    // This page may have arrived before the worker was there: ask it to keep this page too.
    // A sensitive page asks to keep nothing of itself (sw.js would not keep it anyway).
    var never = document.querySelector('meta[name="portal-offline"][content="never"]');
    var keep = never ? [] : [location.pathname];
    var main = document.getElementById("main");
    var listed = main && main.getAttribute("data-offline");
    // A place's page lists its services: keep them as well, unless the reader asked to save data.
    var saveData = navigator.connection && navigator.connection.saveData;
    if (listed && !saveData) keep = keep.concat(listed.split(" "));
    if (registration.active) registration.active.postMessage({ keep: keep });
  }).catch(function () {});
})();
