// Progressive enhancement for newsletter sign-up forms: check the address in place, submit without leaving the
// page, and announce the result in the form's live region. Without this file the forms post and show a page.
// The page itself is the same for every reader (cacheable): the fill timer is fetched once the reader begins.
(function () {
  "use strict";
  var EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

  function showError(form, field, text) {
    var box = form.querySelector('[data-error-for="' + field + '"]');
    var input = field === "__all__" ? null : form.querySelector('[name="' + field + '"]');
    if (box) { box.textContent = text || ""; box.hidden = !text; }
    if (input && input.type !== "checkbox" && input.type !== "hidden") {
      if (text) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    }
  }

  function clientErrors(form) {
    var errors = {};
    var email = form.querySelector('[name="email"]');
    var value = email.value.trim();
    if (!value) { errors.email = "Enter your email address."; }
    else if (!EMAIL.test(value) || value.length > 254) { errors.email = "Enter an email address like name@example.com."; }
    var boxes = form.querySelectorAll('input[type="checkbox"][name="newsletters"]');
    if (boxes.length && !Array.prototype.some.call(boxes, function (b) { return b.checked; })) {
      errors.newsletters = "Choose at least one newsletter.";
    }
    return errors;
  }

  function render(form, errors) {
    ["email", "newsletters", "__all__"].forEach(function (field) {
      var messages = errors[field];
      showError(form, field, Array.isArray(messages) ? messages.join(" ") : messages);
    });
    var first = Object.keys(errors)[0];
    if (first === "email") { form.querySelector('[name="email"]').focus(); }
  }

  function startTimer(form) {
    var started = form.querySelector('[name="started"]');
    var begun = false;
    function begin() {
      if (begun || !started || !started.dataset.startUrl) { return; }
      begun = true;
      fetch(started.dataset.startUrl, { credentials: "omit", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (data) { if (data.started && !started.value) { started.value = data.started; } })
        .catch(function () { /* no timer: the sign-up still goes through the server's other checks */ });
    }
    ["focusin", "pointerdown", "keydown"].forEach(function (type) { form.addEventListener(type, begin); });
  }

  function enhance(form) {
    var status = form.querySelector("[data-signup-status]");
    var button = form.querySelector('button[type="submit"]');
    startTimer(form);
    form.noValidate = true;  // our messages, next to the field, instead of the browser's bubble
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var errors = clientErrors(form);
      render(form, errors);
      if (Object.keys(errors).length) { return; }
      button.disabled = true;
      status.textContent = "";
      fetch(form.action, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.json().catch(function () { return { ok: false, message: "Something went wrong. Please try again.", errors: {} }; });
      }).then(function (data) {
        if (data.started) { form.querySelector('[name="started"]').value = data.started; }
        if (data.ok) {
          render(form, {});
          form.classList.add("signup--done");
          status.textContent = data.message;
        } else {
          render(form, data.errors || {});
          if (!data.errors || !Object.keys(data.errors).length) { status.textContent = data.message; }
        }
      }).catch(function () {
        status.textContent = "We could not reach the newsroom. Check your connection and try again.";
      }).then(function () { button.disabled = false; });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-signup-form]"), enhance);
})();
