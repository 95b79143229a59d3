// Progressive enhancement of the two menus (<details>), which open and close without JavaScript:
// Escape closes an open menu and gives the focus back to its button; a tap outside closes it.
(function () {
  "use strict";
  var menus = document.querySelectorAll("details.menu, details.langs");
  if (!menus.length) return;
  function closeAll(keep) {
    for (var i = 0; i < menus.length; i++) {
      if (menus[i] !== keep && menus[i].open) menus[i].open = false;
    }
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    for (var i = 0; i < menus.length; i++) {
      if (!menus[i].open) continue;
      var focusInside = menus[i].contains(document.activeElement);
      menus[i].open = false;
      if (focusInside) menus[i].querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target;
    var inside = null;
    for (var i = 0; i < menus.length; i++) {
      if (menus[i].contains(target)) inside = menus[i];
    }
    closeAll(inside);
  });
})();
