// Progressive enhancement of "Exit this page" (as in GOV.UK's design system): leaves for a neutral site at once
// and replaces this page in the history, so that Back does not bring it up again. Pressing Shift three times
// (within five seconds, no other key between) does the same. Without JavaScript the button is a plain link.
(function () {
  "use strict";
  var button = document.querySelector("[data-quick-exit]");
  if (!button) return;
  var hint = document.querySelector(".quick-exit-hint");
  if (hint) hint.hidden = false;
  var presses = 0;
  var timer = null;

  function leave(event) {
    if (event) event.preventDefault();
    document.body.hidden = true; // nothing of the page stays on screen while the other site loads
    document.title = "";
    window.location.replace(button.href);
  }

  button.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    if (event.repeat) return;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 5000);
    if (presses >= 3) leave();
  });
})();
