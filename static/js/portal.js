/*
 * Expo Portal: small enhancements only. Every page works without this file.
 * Loaded with `defer` from static/ (the Content-Security-Policy allows no inline script).
 */
(function () {
  "use strict";

  // <form data-confirm="Delete this photo?"> asks before submitting.
  // Without JavaScript the form simply submits; the server still validates.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form instanceof HTMLFormElement ? form.getAttribute("data-confirm") : null;
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // Filter panels start open on wide screens (phones keep them folded).
  if (window.matchMedia("(min-width: 992px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }
})();
