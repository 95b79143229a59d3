// Progressive enhancement of a need's page: a choice of place that shows only that place's help (and the
// help tied to no place), remembered by this browser for the next need's page. Without JavaScript, or
// when anything here fails, every place stays listed under its heading.
(function () {
  "use strict";
  var form = document.getElementById("place-filter");
  var select = form && form.querySelector("select");
  if (!select) return;
  var KEY = "portal-place";
  var places = document.querySelectorAll("[data-place]");
  var countries = document.querySelectorAll("[data-country]");

  function show(place) {
    for (var i = 0; i < places.length; i++) {
      places[i].hidden = Boolean(place) && places[i].getAttribute("data-place") !== place;
    }
    for (var j = 0; j < countries.length; j++) {
      countries[j].hidden = !countries[j].querySelector("[data-place]:not([hidden])");
    }
  }
  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function remember(place) {
    try {
      if (place) window.localStorage.setItem(KEY, place);
      else window.localStorage.removeItem(KEY);
    } catch (e) { /* storage may be off: the choice then lasts this page only */ }
  }

  var saved = remembered();
  for (var k = 0; k < select.options.length; k++) {
    if (saved && select.options[k].value === saved) select.value = saved;
  }
  form.hidden = false;
  show(select.value);
  select.addEventListener("change", function () {
    remember(select.value);
    show(select.value);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
