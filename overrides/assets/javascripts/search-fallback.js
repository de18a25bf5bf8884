/* When a search finds nothing, say so and offer the pages that list every term and acronym.
 * Material writes "No matching documents" into the result meta line; this adds links after it. The links
 * (site-root relative, from hooks/vaultsite/search.py) are resolved against this script's own URL, which
 * is right on every page, online and from file://, also after instant navigation. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../../", script.src);
  var links = JSON.parse(script.dataset.links || "[]");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var none = config.translations["search.result.none"];

  function offer(meta) {
    if (!meta.textContent.startsWith(none) || meta.querySelector(".vault-search-fallback")) return;
    var hint = document.createElement("span");
    hint.className = "vault-search-fallback";
    hint.append(" \u2013 try ");
    links.forEach(function (entry, i) {
      if (i) hint.append(i === links.length - 1 ? " or " : ", ");
      var link = document.createElement("a");
      link.href = new URL(entry.url, root).href;
      link.textContent = entry.title;
      hint.append(link);
    });
    meta.append(hint);
  }

  function attach() {
    var meta = document.querySelector(".md-search-result__meta");
    if (!meta || meta.dataset.vaultFallback || !links.length) return;
    meta.dataset.vaultFallback = "on";
    new MutationObserver(function () { offer(meta); })
      .observe(meta, { childList: true, characterData: true, subtree: true });
  }

  attach();
  if (window.document$) window.document$.subscribe(attach);
})();
