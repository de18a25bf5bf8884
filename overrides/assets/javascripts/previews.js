/* Hover previews of internal links, from the preview store the build writes (hooks/previews.py).
 *
 * Each page's previews are a script that registers itself in window.vaultPreviews[key]; it is
 * loaded on demand with a <script> tag, which works from file:// where fetch() does not.
 * Mouse: hover a link. Keyboard: focus it; Esc closes. Touch: the first tap shows the preview
 * with an "Open" link, a second tap on the link (or "Open") goes there.
 */
(function () {
  "use strict";
  var STORE = "assets/vault/previews/";
  var SHOW_DELAY = 30; // ms: long enough not to flash while the pointer crosses text
  var HIDE_DELAY = 180; // ms: time to move the pointer from the link onto the preview
  var GAP = 8;
  var PREFETCH = 12; // pages whose previews load ahead of a hover
  var siteRoot = window.vaultScripts.siteRoot; // vault-scripts.js
  var store = (window.vaultPreviews = window.vaultPreviews || {});
  var popup = null, current = null, wanted = null, tapped = null, askedAt = 0, pointerAt = 0, showTimer = 0, hideTimer = 0, pointerType = "mouse";

  function keyOf(url) {
    if (url.href.indexOf(siteRoot.href) !== 0) return null;
    var path;
    try {
      path = decodeURIComponent(url.pathname).slice(decodeURIComponent(siteRoot.pathname).length);
    } catch (error) {
      return null;
    }
    if (path === "" || path.endsWith("/")) path += "index.html";
    return path.endsWith(".html") ? path.slice(0, -5) : null;
  }

  /* The previews of page ``key`` (the script registers itself in window.vaultPreviews), or null. */
  function load(key) {
    if (store[key]) return Promise.resolve(store[key]);
    return window.vaultScripts.load(STORE + key.split("/").map(encodeURIComponent).join("/") + ".js")
      .then(function () { return store[key] || null; }, function () { return null; });
  }

  function targetOf(link) {
    if (link.closest(".vault-preview, .headerlink, .md-content__button, .glightbox, [download]")) return null;
    if (!link.closest(".md-content")) return null;
    var href = link.getAttribute("href");
    if (!href || /^(mailto|tel|javascript):/i.test(href)) return null;
    var url = new URL(href, location.href);
    var key = keyOf(url);
    return key === null ? null : { url: url, key: key, anchor: decodeURIComponent(url.hash.slice(1)) };
  }

  function ensurePopup() {
    if (popup) return popup;
    popup = document.createElement("div");
    popup.className = "vault-preview md-typeset";
    popup.id = "vault-preview";
    popup.setAttribute("role", "tooltip");
    popup.hidden = true;
    popup.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    popup.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(popup);
    return popup;
  }

  function fill(target, page, section, touch) {
    var box = ensurePopup();
    box.textContent = "";
    var title = document.createElement("p");
    title.className = "vault-preview__title";
    title.textContent = section[0] && section[0] !== page.title ? page.title + " › " + section[0] : page.title;
    var body = document.createElement("div");
    body.className = "vault-preview__body";
    body.innerHTML = section[1];
    var pageUrl = new URL(target.url.href.split("#")[0]);
    body.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); }); // the page has them
    body.querySelectorAll(".headerlink, script").forEach(function (el) { el.remove(); });
    body.querySelectorAll("[href], [src]").forEach(function (el) {
      ["href", "src"].forEach(function (name) {
        var value = el.getAttribute(name);
        if (value !== null && !/^[a-z]+:/i.test(value)) el.setAttribute(name, new URL(value, pageUrl).href);
      });
    });
    box.append(title, body);
    if (touch) {
      var open = document.createElement("a");
      open.className = "vault-preview__open md-button md-button--primary";
      open.href = target.url.href;
      open.textContent = "Open";
      box.append(open);
    }
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var width = document.documentElement.clientWidth, height = window.innerHeight;
    var below = height - rect.bottom - 2 * GAP, above = rect.top - 2 * GAP;
    popup.style.top = popup.style.bottom = "";
    popup.style.maxWidth = Math.min(480, width - 2 * GAP) + "px";
    if (below >= 160 || below >= above) {
      popup.style.top = rect.bottom + GAP + "px";
      popup.style.maxHeight = Math.max(below, 60) + "px";
    } else {
      popup.style.bottom = height - rect.top + GAP + "px";
      popup.style.maxHeight = above + "px";
    }
    var left = Math.min(Math.max(rect.left, GAP), width - popup.offsetWidth - GAP);
    popup.style.left = Math.max(left, GAP) + "px";
  }

  function show(link, touch) {
    var target = targetOf(link);
    if (!target) return;
    wanted = link;
    load(target.key).then(function (page) {
      var section = page && page.sections[target.anchor];
      if (!section || wanted !== link) return; // no such section, or the reader moved on meanwhile
      if (current && current !== link) current.removeAttribute("aria-describedby");
      fill(target, page, section, touch);
      current = link;
      link.setAttribute("aria-describedby", popup.id);
      popup.hidden = false;
      place(link);
      popup.dataset.shownAt = String(performance.now());
      popup.dataset.askedAt = String(askedAt); // when the pointer reached the link (read by bench/)
      popup.dataset.key = target.key;
      popup.dataset.anchor = target.anchor;
    });
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (popup) popup.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = wanted = tapped = null;
  }

  function scheduleHide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function linkOf(event) {
    var el = event.target;
    return el && el.closest ? el.closest("a[href]") : null;
  }

  document.addEventListener("pointerdown", function (event) {
    pointerType = event.pointerType;
    pointerAt = performance.now();
  }, true);
  document.addEventListener("mouseover", function (event) {
    var link = linkOf(event);
    if (!link || pointerType === "touch" || !targetOf(link)) return;
    clearTimeout(hideTimer);
    if (link === current) return;
    clearTimeout(showTimer);
    askedAt = performance.now();
    load(targetOf(link).key); // start now; the delay only waits for the pointer to settle
    showTimer = setTimeout(function () { show(link, false); }, SHOW_DELAY);
  });
  document.addEventListener("mouseout", function (event) {
    var link = linkOf(event);
    if (!link || (event.relatedTarget && (link.contains(event.relatedTarget) ||
        (popup && popup.contains(event.relatedTarget))))) return;
    scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = linkOf(event);
    if (pointerType === "touch" && performance.now() - pointerAt < 1000) return; // a tap: the click decides
    if (link && targetOf(link)) { clearTimeout(hideTimer); askedAt = performance.now(); show(link, false); }
  });
  document.addEventListener("focusout", function (event) {
    if (linkOf(event) && !(popup && popup.contains(event.relatedTarget))) scheduleHide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) hide();
  });
  document.addEventListener("click", function (event) {
    var link = linkOf(event);
    if (!link || pointerType !== "touch" || link === tapped || !targetOf(link)) return;
    event.preventDefault(); // first tap: preview with an "Open" link; a second tap follows the link
    event.stopPropagation(); // Material's instant navigation follows links even when prevented
    tapped = link;
    show(link, true);
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (popup && !popup.hidden && !popup.contains(event.target) && linkOf(event) !== current) hide();
  });
  window.addEventListener("scroll", function () { if (current && pointerType === "touch") hide(); else if (current) place(current); }, { passive: true });
  /* When the page is idle, load the previews of the first pages it links to, so that a hover
   * shows them at once. Bounded by PREFETCH, not by the size of the vault. */
  function prefetch() {
    var keys = {};
    var links = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < links.length && Object.keys(keys).length < PREFETCH; i++) {
      var target = targetOf(links[i]);
      if (target) keys[target.key] = true;
    }
    Object.keys(keys).forEach(load);
  }

  function onPage() {
    hide();
    (window.requestIdleCallback || setTimeout)(prefetch, { timeout: 2000 });
  }

  if (window.document$) window.document$.subscribe(onPage); else onPage();
})();
