// Skill lists on the project form and the project filters: a comma-separated text box whose
// last name gets suggestions (htmx asks projects:skill-autocomplete with ?q=<that name>).
// Picking a suggestion replaces that name and leaves the box ready for the next one.
// Without JavaScript the box is a plain comma-separated list; the server resolves each name.
(function () {
  "use strict";

  const BOX = "[data-project-skills]";

  function lastName(value) {
    const parts = value.split(/[,;]/);
    return parts[parts.length - 1].trim();
  }

  function boxFor(list) {
    return list && document.querySelector(BOX + '[aria-controls="' + list.id + '"]');
  }

  function listFor(box) {
    return document.getElementById(box.getAttribute("aria-controls"));
  }

  function clear(box) {
    const list = listFor(box);
    const status = document.getElementById("skill-suggestions-status");
    if (list) list.replaceChildren();
    if (status) status.textContent = "";
  }

  function buttons(box) {
    const list = listFor(box);
    return list ? Array.from(list.querySelectorAll("[data-skill-pick]")) : [];
  }

  // Ask for suggestions for the name being typed, not the whole list.
  document.addEventListener("htmx:configRequest", function (event) {
    const box = event.detail.elt;
    if (!box.matches || !box.matches(BOX)) return;
    const params = event.detail.parameters;
    params.delete ? params.delete(box.name) : delete params[box.name];
    params.q = lastName(box.value);
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-skill-pick]");
    if (!button) return;
    const box = boxFor(button.closest(".skill-suggestions"));
    if (!box) return;
    const parts = box.value.split(/[,;]/).map((part) => part.trim()).filter(Boolean);
    parts.pop();
    parts.push(button.dataset.skillPick);
    box.value = parts.join(", ") + ", ";
    clear(box);
    box.focus();
  });

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (target.matches(BOX)) {
      if (event.key === "ArrowDown" && buttons(target)[0]) {
        event.preventDefault();
        buttons(target)[0].focus();
      } else if (event.key === "Escape") {
        clear(target);
      }
      return;
    }
    if (!target.matches("[data-skill-pick]")) return;
    const box = boxFor(target.closest(".skill-suggestions"));
    if (!box) return;
    const all = buttons(box);
    const index = all.indexOf(target);
    if (event.key === "ArrowDown" || event.key === "ArrowRight") {
      event.preventDefault();
      (all[index + 1] || all[0]).focus();
    } else if (event.key === "ArrowUp" || event.key === "ArrowLeft") {
      event.preventDefault();
      (index === 0 ? box : all[index - 1]).focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      clear(box);
      box.focus();
    }
  });
})();
