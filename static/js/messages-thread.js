/* Gigwise: a message thread. New messages arrive through htmx polling (#thread-poller);
 * this file only makes the polling polite: it pauses while the tab is hidden, asks at once
 * when the tab comes back, keeps the newest message in view, and refocuses the text box.
 */
(function () {
  "use strict";

  var list = document.getElementById("thread-messages");
  if (!list) {
    return;
  }

  function isPoller(element) {
    return element && element.id === "thread-poller";
  }

  function nearBottom() {
    return window.innerHeight + window.scrollY >= document.body.scrollHeight - 200;
  }

  // A hidden tab does not poll: no requests nobody reads, and unread counts stay honest.
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (isPoller(event.detail.elt) && document.visibilityState === "hidden") {
      event.preventDefault();
    }
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      document.body.dispatchEvent(new CustomEvent("gw:thread-poll"));
    }
  });

  var wasNearBottom = true;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (isPoller(event.detail.target)) {
      wasNearBottom = nearBottom();
    }
    // Too many messages (429): htmx swaps no error response by default, but this one is the
    // form again, with the message as typed and when sending works again.
    var target = event.detail.target;
    if (event.detail.xhr.status === 429 && target && target.id === "thread-form") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.body.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (target && target.id === "thread-form") {
      var box = document.querySelector("#thread-form textarea");
      if (box && !document.querySelector("#thread-form .is-invalid")) {
        box.focus();
      }
      return;
    }
    // A poll that raced a send may bring a message twice: keep the first copy.
    var seen = {};
    var items = list.querySelectorAll("li[data-message-id]");
    var last = null;
    for (var i = 0; i < items.length; i += 1) {
      var id = items[i].getAttribute("data-message-id");
      if (seen[id]) {
        items[i].remove();
      } else {
        seen[id] = true;
        last = items[i];
      }
    }
    if (last) {
      var empty = document.getElementById("thread-empty");
      if (empty) {
        empty.remove();
      }
      if (wasNearBottom) {
        last.scrollIntoView({ block: "nearest" });
      }
    }
  });
})();
