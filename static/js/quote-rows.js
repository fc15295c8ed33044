/* The event form: a quote added on the page starts with the speaker and kind of the quote above.
 *
 * A release usually gives several statements of one speaker in a row; entering
 * each means choosing the same person again. The new row only starts with those
 * values, shown as chosen: the editor sees them and changes them as needed.
 * Without this script a new row starts empty.
 */
(function () {
  "use strict";

  var PREFIX = "quotes";
  var COPIED = ["speaker", "speaker_organisation", "speaker_group", "kind"];

  function field(row, name) {
    return row.querySelector("[name^='" + PREFIX + "-'][name$='-" + name + "']");
  }

  function copy(from, to) {
    if (!from || !to) {
      return;
    }
    if (to.tagName === "SELECT") {
      var chosen = from.options[from.selectedIndex];
      if (!chosen || !chosen.value) {
        return;
      }
      // An autocomplete select holds only its chosen option: bring it along.
      if (!Array.prototype.some.call(to.options, function (o) { return o.value === chosen.value; })) {
        to.add(new Option(chosen.text, chosen.value));
      }
      to.value = chosen.value;
    } else {
      to.value = from.value;
    }
    to.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("formset:added", function (event) {
    if (!event.detail || event.detail.formsetName !== PREFIX) {
      return;
    }
    var row = event.target;
    var rows = Array.prototype.filter.call(
      document.querySelectorAll(".dynamic-" + PREFIX),
      function (other) { return other !== row && !other.classList.contains("empty-form"); }
    );
    var above = rows[rows.length - 1];
    if (!above) {
      return;
    }
    COPIED.forEach(function (name) {
      copy(field(above, name), field(row, name));
    });
  });
}());
