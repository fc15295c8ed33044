/* The event form: a participant or a quote may name a session added on the same page.
 *
 * Progressive enhancement: without this script each session field offers the
 * event's saved sessions. With it, each also offers every session row added on
 * the page that has a title, as "new-<row index>" and labelled as a saved one
 * is ("order. title"); events/admin.py (SessionLinkForm, EventAdmin.save_related)
 * links it once that row is saved, in the same save. The options follow the rows
 * as they are typed, added and removed; Django renumbers the rows after a removal,
 * so a choice follows its row, and is cleared when its row goes.
 */
(function () {
  "use strict";

  var SESSIONS = "sessions";
  var LINKED = ["participations", "quotes"];
  var NEW = "new-";
  var rowOfOption = new WeakMap();

  function newSessionRows() {
    var rows = [];
    var pattern = new RegExp("^" + SESSIONS + "-(\\d+)$");
    document.querySelectorAll("[id^='" + SESSIONS + "-']").forEach(function (row) {
      var match = pattern.exec(row.id);
      if (!match) {
        return;
      }
      var name = SESSIONS + "-" + match[1] + "-";
      var saved = row.querySelector("input[name='" + name + "id']");
      var title = postedTitle(row, name);
      var order = row.querySelector("[name='" + name + "order']");
      if ((saved && saved.value) || !title) {
        return;
      }
      rows.push({ index: match[1], row: row, label: label(order ? order.value : "", title) });
    });
    return rows;
  }

  // As events.admin._posted_title: the title in the event's original language, else
  // the first language with one (one input per language: title_en, title_ru…).
  function postedTitle(row, name) {
    var original = document.getElementById("id_original_language");
    var inputs = Array.prototype.slice.call(
      row.querySelectorAll("[name^='" + name + "title_']")
    );
    var first = original && row.querySelector("[name='" + name + "title_" +
      original.value.replace("-", "_") + "']");
    if (first) {
      inputs.unshift(first);
    }
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].value.trim()) {
        return inputs[i].value;
      }
    }
    return "";
  }

  // As events.admin.session_label: the number, then the title cut at 40 characters.
  function label(order, title) {
    title = title.trim();
    if (title.length > 40) {
      title = title.slice(0, 39) + "\u2026";
    }
    return (order.trim() || "0") + ". " + title;
  }

  function sessionSelects() {
    var selects = [];
    LINKED.forEach(function (prefix) {
      var found = document.querySelectorAll(
        "select[name^='" + prefix + "-'][name$='-session']"
      );
      Array.prototype.push.apply(selects, found);
    });
    return selects;
  }

  function refresh() {
    var rows = newSessionRows();
    sessionSelects().forEach(function (select) {
      var chosenRow = null;
      Array.prototype.slice.call(select.options).forEach(function (option) {
        if (option.value.indexOf(NEW) !== 0) {
          return;
        }
        if (option.selected) {
          // An option the server rendered (a refused save) has no row yet: by its index.
          chosenRow = rowOfOption.get(option) ||
            document.getElementById(SESSIONS + "-" + option.value.slice(NEW.length));
        }
        option.remove();
      });
      rows.forEach(function (row) {
        var option = new Option(row.label, NEW + row.index);
        rowOfOption.set(option, row.row);
        option.selected = row.row === chosenRow;
        select.add(option);
      });
      if (chosenRow && !rows.some(function (row) { return row.row === chosenRow; })) {
        select.value = "";
      }
    });
  }

  document.addEventListener("input", function (event) {
    var name = event.target.name || "";
    if (new RegExp("^" + SESSIONS + "-\\d+-(title|order)$").test(name)) {
      refresh();
    }
  });
  document.addEventListener("formset:added", refresh);
  document.addEventListener("formset:removed", function () {
    // Sent before Django renumbers the remaining rows: look once it has.
    window.setTimeout(refresh, 0);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refresh);
  } else {
    refresh();
  }
}());
