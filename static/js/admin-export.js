/*
 * The admin's export page: "Select all" toggles every field checkbox. It replaces
 * django-import-export's inline onchange handler, which the Content-Security-Policy blocks.
 */
(function () {
  "use strict";
  document.querySelectorAll(".select-toggle").forEach(function (toggle) {
    toggle.addEventListener("change", function (event) {
      if (typeof window.onSelectToggleChange === "function") {
        window.onSelectToggleChange(event);
      }
    });
  });
})();
