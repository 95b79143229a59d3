// Progressive enhancement of a pathway's page: a tick beside each step, remembered on this phone only
// (localStorage; nothing is sent anywhere). Without JavaScript, or when storage is off, the steps are
// a plain numbered list and nothing pretends to be remembered.
(function () {
  "use strict";
  var list = document.querySelector("[data-pathway]");
  if (!list) return;
  var KEY = "portal-pathway:" + list.getAttribute("data-pathway");
  var storage;
  try {
    storage = window.localStorage;
    storage.getItem(KEY);
  } catch (e) {
    return; // storage is off: ticks that would be forgotten are not offered
  }
  var done = {};
  try { done = JSON.parse(storage.getItem(KEY) || "{}") || {}; } catch (e) { done = {}; }
  var boxes = list.querySelectorAll("input[type=checkbox]");

  function mark(box) {
    var step = document.getElementById("step-" + box.value);
    if (step) step.classList.toggle("done", box.checked);
  }
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].checked = done[boxes[i].value] === true;
    mark(boxes[i]);
    boxes[i].parentNode.hidden = false;
    boxes[i].addEventListener("change", function (event) {
      var box = event.target;
      if (box.checked) done[box.value] = true;
      else delete done[box.value];
      mark(box);
      try { storage.setItem(KEY, JSON.stringify(done)); } catch (e) { /* full or off: the tick lasts this page only */ }
    });
  }
  var note = document.getElementById("pathway-memory");
  if (note) note.hidden = false;
})();
