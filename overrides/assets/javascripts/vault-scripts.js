/* The one way the site's scripts load another script (previews.js: a page's previews; graph.js: the
 * graph data and force-graph): a <script> tag, which works from file:// where fetch() does not, with
 * the path resolved against the site root and each path loaded once.
 *
 * Listed before them in mkdocs.yml (extra_javascript). Material's instant navigation keeps these
 * scripts, so the root, resolved once from the first page's relative base, stays right.
 */
(function () {
  "use strict";
  if (window.vaultScripts) return;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base.endsWith("/") ? config.base : config.base + "/", location.href);
  var loading = {};

  /* A promise of the script at ``path`` (relative to the site root): resolved once it has run,
     rejected with an Error naming the path if it cannot be loaded. */
  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(path, siteRoot).href;
        script.onload = function () { resolve(); };
        script.onerror = function () { reject(new Error("cannot load " + path)); };
        document.head.appendChild(script);
      });
    }
    return loading[path];
  }

  window.vaultScripts = { siteRoot: siteRoot, load: load };
})();
