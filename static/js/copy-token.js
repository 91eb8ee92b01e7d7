/* Settings → API tokens: the "Copy" button next to a token that is shown only once.
 *
 * The button stays hidden without JavaScript or without the clipboard API (which browsers offer
 * on HTTPS and on localhost only); the token is then selected on focus for a manual copy.
 */
(function () {
  "use strict";

  function setUp(button) {
    var field = document.getElementById(button.getAttribute("data-copy-token"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!field || !status) {
      return;
    }
    field.addEventListener("focus", function () {
      field.select();
    });
    if (!navigator.clipboard || !window.isSecureContext) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          status.textContent = "Copied. Paste it where your script or app keeps its secrets.";
        },
        function () {
          field.focus();
          status.textContent = "Could not copy it: the token is selected, press Ctrl+C (⌘C on a Mac).";
        }
      );
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy-token]").forEach(setUp);
  });
})();
