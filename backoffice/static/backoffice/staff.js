/*
 * Staff pages: small enhancements only; every page works without this file.
 */
(function () {
  "use strict";

  // <button data-print hidden> becomes a Print button once JavaScript can print.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
