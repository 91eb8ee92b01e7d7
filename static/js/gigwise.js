/* Gigwise: small behaviours shared by every page. Loaded with `defer` from base.html.
 *
 * CSP allows scripts from 'self' only, so nothing here relies on inline handlers or eval.
 */
(function () {
  "use strict";

  // After a failed form submission, take keyboard and screen-reader users to the problem:
  // the form-level error if there is one, else the first field marked invalid.
  function focusFirstError() {
    if (document.activeElement && document.activeElement !== document.body) {
      return; // the person (or autofocus) already chose where to be
    }
    var target =
      document.querySelector(".gw-form-errors") ||
      document.querySelector("main [aria-invalid='true']");
    if (target) {
      target.focus();
    }
  }

  // htmx swaps nothing on an error response; say so instead of failing silently.
  function showMessage(text) {
    var region = document.getElementById("messages");
    if (!region) {
      return;
    }
    var alert = document.createElement("div");
    alert.className = "alert alert-danger alert-dismissible fade show mt-3 mb-0";
    alert.setAttribute("role", "alert");
    alert.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close";
    close.setAttribute("data-bs-dismiss", "alert");
    close.setAttribute("aria-label", "Dismiss message");
    alert.appendChild(close);
    region.appendChild(alert);
  }

  // The phone menu (Bootstrap's collapse, which ignores keys) closes on Escape and gives focus
  // back to its button, as a menu opened from a button does. An open dropdown inside it closes
  // first: this listens on the window, capturing, so it runs before Bootstrap's own listener
  // (capturing on the document) closes that dropdown.
  function closePhoneMenuOnEscape(event) {
    if (event.key !== "Escape" || !window.bootstrap) {
      return;
    }
    var menu = document.getElementById("gw-main-nav");
    var button = document.querySelector("[data-bs-target='#gw-main-nav']");
    var inside = menu && (menu.contains(document.activeElement) || button === document.activeElement);
    // Still sliding open (Bootstrap ignores hide() until it has shown): close once it has.
    var opening = inside && menu.classList.contains("collapsing") && button.getAttribute("aria-expanded") === "true";
    if (!inside || !(opening || menu.classList.contains("show")) || menu.querySelector(".dropdown-menu.show")) {
      return;
    }
    var collapse = window.bootstrap.Collapse.getOrCreateInstance(menu, { toggle: false });
    if (opening) {
      menu.addEventListener("shown.bs.collapse", function () { collapse.hide(); }, { once: true });
    } else {
      collapse.hide();
    }
    button.focus();
  }

  document.addEventListener("DOMContentLoaded", focusFirstError);
  window.addEventListener("keydown", closePhoneMenuOnEscape, true);

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail && event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 403) {
      showMessage("You are not allowed to do that. Your session may have expired: reload the page and log in again.");
    } else if (status === 429) {
      showMessage("Too many requests in a short time. Wait a moment, then try again.");
    } else {
      showMessage("Something went wrong on our side and nothing was saved. Try again in a moment.");
    }
  });

  document.addEventListener("htmx:sendError", function () {
    showMessage("Gigwise could not be reached. Check your connection, then try again.");
  });
})();
