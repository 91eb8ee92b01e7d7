// The skill picker: choosing a suggestion copies it into the search box.
// Suggestions are fetched by htmx (see templates/projects/_skill_search.html); this file only
// adds keyboard and click behaviour, so without it the box still works as plain text.
(function () {
  "use strict";

  function searchBox(from) {
    const scope = from.closest("form") || document;
    return scope.querySelector("[data-skill-search]");
  }

  function clearSuggestions() {
    const list = document.getElementById("skill-suggestions");
    const status = document.getElementById("skill-suggestions-status");
    if (list) list.replaceChildren();
    if (status) status.textContent = "";
  }

  function suggestionButtons() {
    return Array.from(document.querySelectorAll("#skill-suggestions [data-skill-pick]"));
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-skill-pick]");
    if (!button) return;
    const box = searchBox(button);
    if (!box) return;
    box.value = button.dataset.skillPick;
    clearSuggestions();
    box.focus();
  });

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (target.matches("[data-skill-search]")) {
      if (event.key === "ArrowDown") {
        const first = suggestionButtons()[0];
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === "Escape") {
        clearSuggestions();
      }
      return;
    }
    if (!target.matches("[data-skill-pick]")) return;
    const buttons = suggestionButtons();
    const index = buttons.indexOf(target);
    if (event.key === "ArrowDown" || event.key === "ArrowRight") {
      event.preventDefault();
      (buttons[index + 1] || buttons[0]).focus();
    } else if (event.key === "ArrowUp" || event.key === "ArrowLeft") {
      event.preventDefault();
      if (index === 0) searchBox(target).focus();
      else buttons[index - 1].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      const box = searchBox(target);
      clearSuggestions();
      if (box) box.focus();
    }
  });

  // After a skill is added or removed the form is replaced; put the cursor back in the box.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "skill-picker-body") {
      const box = document.querySelector("#skill-picker-body [data-skill-search]");
      if (box) box.focus();
    }
  });
})();
