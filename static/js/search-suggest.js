/* Suggestions for the header's search box, as the visitor types.
 *
 * Progressive enhancement: without this script the box is a plain search
 * form. With it, the input becomes an ARIA 1.2 combobox with a list box of
 * people, organisations, tags and events from the suggest URL of the page's
 * language (JSON), each title marked with the language it is in.
 * Arrow keys move through the suggestions, Enter opens the highlighted one
 * (or searches when none is), Escape closes the list. The text typed is
 * never replaced, so submitting always searches for what was typed.
 */
(function () {
  "use strict";

  var DELAY = 150; // ms after the last keystroke before asking the server
  var MIN_LENGTH = 2;

  function enhance(input) {
    var url = input.getAttribute("data-suggest-url");
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var options = [];
    var active = -1;
    var timer = null;
    var request = 0;

    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels.length ? input.labels[0].textContent : "");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      list.textContent = "";
      options = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      if (active >= 0) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(results) {
      close();
      results.forEach(function (result, index) {
        var option = document.createElement("li");
        var type = document.createElement("span");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", result.url);
        option.textContent = result.title + " ";
        if (result.lang) option.lang = result.lang; // a title shown untranslated
        type.className = "suggestion-type";
        type.textContent = "(" + result.label + ")";
        option.appendChild(type);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input until we navigate
          window.location.assign(result.url);
        });
        list.appendChild(option);
        options.push(option);
      });
      status.textContent = options.length ? input.getAttribute("data-suggest-status") : "";
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      var mine = ++request;
      if (query.length < MIN_LENGTH) {
        close();
        return;
      }
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (mine === request) show(data.results);
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].getAttribute("data-url"));
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var inputs = document.querySelectorAll("input[data-suggest-url]");
    Array.prototype.forEach.call(inputs, enhance);
  });
})();
