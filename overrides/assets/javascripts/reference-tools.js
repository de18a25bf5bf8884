/* Tools on the generated reference pages, filled into the places the build leaves (hooks/vaultlib/
 * reader_pages.py): a filter box over a table (Use-case finder, Glossary) and a bar of links to each
 * initial (Services A-Z). Progressive enhancement: without this script the places stay hidden.
 * Vault text is only read (textContent) and written as text, never as HTML. */
(function () {
  "use strict";
  var DELAY = 80; // ms after the last keystroke: a 1,000-row table is not filtered on every key

  function tableAfter(place) {
    for (var next = place.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.matches("table")) return next;
      var inside = next.querySelector("table");
      if (inside) return inside;
    }
    return null;
  }

  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  function addFilter(place) {
    var table = tableAfter(place);
    if (!table || place.dataset.ready) return;
    place.dataset.ready = "1";
    var rows = Array.prototype.slice.call(table.tBodies[0] ? table.tBodies[0].rows : []);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    var input = document.createElement("input");
    input.type = "search";
    input.className = "vault-table-filter__input md-input";
    input.placeholder = "Filter the table";
    input.setAttribute("aria-label", "Filter the table below by any word");
    var count = document.createElement("p");
    count.className = "vault-table-filter__count";
    count.setAttribute("aria-live", "polite");
    count.textContent = plural(rows.length, "row");
    var timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        var shown = 0;
        rows.forEach(function (row, i) {
          var keep = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
          row.hidden = !keep;
          if (keep) shown++;
        });
        count.textContent = words.length ? shown + " of " + plural(rows.length, "row") : plural(rows.length, "row");
      }, DELAY);
    });
    place.append(input, count);
    place.hidden = false;
  }

  function addLetters(place) {
    if (place.dataset.ready) return;
    place.dataset.ready = "1";
    var article = place.closest("article") || document;
    var headings = article.querySelectorAll("h2[id]");
    if (!headings.length) return;
    place.setAttribute("aria-label", "Initials");
    headings.forEach(function (heading) {
      var link = document.createElement("a");
      link.href = "#" + encodeURIComponent(heading.id);
      var label = heading.cloneNode(true);
      label.querySelectorAll(".headerlink").forEach(function (anchor) { anchor.remove(); });
      link.textContent = label.textContent.trim();
      place.append(link);
    });
    place.hidden = false;
  }

  function attach() {
    document.querySelectorAll("[data-vault-table-filter]").forEach(addFilter);
    document.querySelectorAll("[data-vault-letter-bar]").forEach(addLetters);
  }

  if (window.document$) window.document$.subscribe(attach); else attach();
})();
