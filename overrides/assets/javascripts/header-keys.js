/* Material opens the drawer (below 76.25em) and the search (below 60em) with <label>s that a keyboard
 * cannot reach. This makes each a button: in the Tab order, named (the name Material gives the nav and,
 * via overrides/partials/search.html, the search dialog), Enter (Material) or Space toggles it, aria-expanded
 * follows it, and Esc closes the drawer and gives the focus back. Idempotent: it runs on every page. */
(function () {
  "use strict";
  var BUTTONS = [["__drawer", "nav.md-nav--primary"], ["__search", ".md-search"]];

  function asButton(toggleId, namedBy) {
    var toggle = document.getElementById(toggleId);
    var label = document.querySelector(".md-header label.md-header__button[for='" + toggleId + "']");
    var named = document.querySelector(namedBy);
    if (!toggle || !label || label.dataset.vaultButton) return;
    label.dataset.vaultButton = "on";
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    if (named && named.getAttribute("aria-label")) label.setAttribute("aria-label", named.getAttribute("aria-label"));
    function expanded() { label.setAttribute("aria-expanded", String(toggle.checked)); }
    expanded();
    toggle.addEventListener("change", expanded);
    label.addEventListener("keydown", function (event) {
      if (event.key !== " ") return; // Material's own keyboard handler clicks a focused label on Enter
      event.preventDefault();
      toggle.checked = !toggle.checked; // what a click on the label does; Material listens for the change
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function attach() { BUTTONS.forEach(function (pair) { asButton(pair[0], pair[1]); }); }

  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change"));
    var label = document.querySelector(".md-header label[for='__drawer']");
    if (label) label.focus();
  });
  attach();
  if (window.document$) window.document$.subscribe(attach);
})();
