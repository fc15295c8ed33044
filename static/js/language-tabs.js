// The admin's change forms: show one language's inputs at a time, or all.
// Each input of a translated field says its language (data-language, set by
// TranslatedFormMixin). Without this script every language stays visible.
(function () {
  "use strict";

  const translate = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);

  // The block to hide with an input: its box on a line of several fields, else its row.
  // Cells of a tabular inline stay: hiding them would shift the columns under their headers.
  function holder(input) {
    if (input.closest("td")) {
      return null;
    }
    return input.closest(".fieldBox") || input.closest(".form-row");
  }

  function show(form, code, buttons) {
    form.querySelectorAll("[data-language]").forEach((input) => {
      const box = holder(input);
      if (box) {
        box.hidden = code !== "" && input.dataset.language !== code;
      }
    });
    buttons.forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.show === code));
    });
    form.dataset.shownLanguage = code;
  }

  function setUp(form) {
    const languages = new Map();
    form.querySelectorAll("[data-language]").forEach((input) => {
      languages.set(input.dataset.language, input.dataset.languageName);
    });
    const first = form.querySelector("fieldset");
    if (languages.size < 2 || !first) {
      return;
    }
    const bar = document.createElement("div");
    bar.className = "language-tabs";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", translate("Languages shown"));
    const choices = [["", translate("All languages")], ...languages];
    const buttons = choices.map(([code, name]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.show = code;
      button.textContent = name;
      button.addEventListener("click", () => show(form, code, buttons));
      bar.append(button);
      return button;
    });
    first.before(bar);
    show(form, "", buttons);
    // Rows added to an inline afterwards follow the choice.
    document.addEventListener("formset:added", () => show(form, form.dataset.shownLanguage, buttons));
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector("#content-main form");
    if (form) {
      setUp(form);
    }
  });
})();
