/*
 * Lead forms: a second tap on "Send" while the first is on its way does nothing.
 * Without this file the server still makes one lead of a double submit (the form's
 * idempotency key); this only spares the buyer a confusing wait.
 */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-submit-once")) {
      return;
    }
    if (form.getAttribute("data-submitting") === "true") {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-submitting", "true");
    var buttons = form.querySelectorAll(".lead-submit");
    buttons.forEach(function (button) {
      button.setAttribute("aria-busy", "true");
    });
    // On a poor venue network the request may fail: let the buyer try again later.
    window.setTimeout(function () {
      form.removeAttribute("data-submitting");
      buttons.forEach(function (button) {
        button.removeAttribute("aria-busy");
      });
    }, 8000);
  });
})();
