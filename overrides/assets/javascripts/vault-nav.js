/*
 * Draws the full primary nav from the site's one nav data file (vault-nav-data.js,
 * which sets window.__vaultNav), in Material's own nav markup, so each page's HTML
 * carries only a bounded nav (overrides/partials/nav.html).
 *
 * Loaded by a plain <script src> right after the nav: it runs before Material's
 * bundle attaches its listeners to the sidebar, and Material re-runs scripts inside
 * its container on instant navigation (before document$ emits), so every page
 * gets the full nav with Material's behaviour. Works from file:// (no fetch).
 * The server-rendered entry of the active page (with its table of contents) is
 * moved into the new tree, not redrawn.
 */
(function () {
  "use strict";
  var nav = document.querySelector("nav.md-nav--primary[data-vault-nav]");
  var tree = window.__vaultNav;
  if (!nav || !Array.isArray(tree) || nav.hasAttribute("data-vault-nav-built")) {
    return;
  }
  var list = nav.querySelector(":scope > ul.md-nav__list");
  var sections = nav.getAttribute("data-vault-nav-sections") === "true";
  // the data file lives in assets/javascripts/: the site root is two folders up
  var root = new URL("../../", new URL(nav.getAttribute("data-vault-nav"), location.href));
  var current = nav.getAttribute("data-vault-nav-page");
  var serverActive = list.querySelector("a.md-nav__link--active[href]");
  serverActive = serverActive && serverActive.closest("li.md-nav__item");

  function element(tag, className, attributes) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    for (var name in attributes || {}) node.setAttribute(name, attributes[name]);
    return node;
  }

  function ellipsis(title) {
    var span = element("span", "md-ellipsis");
    span.textContent = title;
    return span;
  }

  function icon() {
    return element("span", "md-nav__icon md-icon");
  }

  // indexes from the top of the tree to the current page, or null
  function pathTo(items, url) {
    for (var i = 0; i < items.length; i++) {
      if (items[i].c) {
        var below = pathTo(items[i].c, url);
        if (below) return [i].concat(below);
      } else if (items[i].u === url) {
        return [i];
      }
    }
    return null;
  }

  function pageItem(entry, active) {
    if (active && serverActive) return serverActive;
    var li = element("li", active ? "md-nav__item md-nav__item--active" : "md-nav__item");
    var a = element("a", active ? "md-nav__link md-nav__link--active" : "md-nav__link",
                    {href: new URL(entry.u, root).href});
    a.appendChild(ellipsis(entry.t));
    li.appendChild(a);
    return li;
  }

  function sectionItem(entry, id, level, activePath) {
    var active = activePath !== null;
    var isSection = sections && level === 1;
    var li = element("li", "md-nav__item" + (active ? " md-nav__item--active" : "") +
                     (isSection ? " md-nav__item--section" : "") + " md-nav__item--nested");
    var toggle = element("input", "md-nav__toggle md-toggle", {type: "checkbox", id: id});
    if (active) {
      toggle.setAttribute("checked", "");
      toggle.checked = true;
    }
    var label = element("label", "md-nav__link", {for: id, id: id + "_label", tabindex: isSection ? "" : "0"});
    label.appendChild(ellipsis(entry.t));
    label.appendChild(icon());
    var inner = element("nav", "md-nav", {"data-md-level": String(level), "aria-labelledby": id + "_label",
                                          "aria-expanded": String(active)});
    var title = element("label", "md-nav__title", {for: id});
    title.appendChild(icon());
    title.appendChild(document.createTextNode(entry.t));
    var ul = element("ul", "md-nav__list", {"data-md-scrollfix": ""});
    ul.appendChild(items(entry.c, id, level + 1, activePath));
    inner.appendChild(title);
    inner.appendChild(ul);
    li.appendChild(toggle);
    li.appendChild(label);
    li.appendChild(inner);
    return li;
  }

  // activePath: indexes to the current page below this list, or null when it is elsewhere
  function items(entries, prefix, level, activePath) {
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < entries.length; i++) {
      var onPath = activePath !== null && activePath[0] === i ? activePath.slice(1) : null;
      fragment.appendChild(entries[i].c
        ? sectionItem(entries[i], prefix + "_" + (i + 1), level, onPath)
        : pageItem(entries[i], onPath !== null));
    }
    return fragment;
  }

  var full = items(tree, "__nav", 1, current === null ? null : pathTo(tree, current));
  list.replaceChildren(full);
  nav.setAttribute("data-vault-nav-built", "");
})();
