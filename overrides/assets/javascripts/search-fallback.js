/* When a search finds nothing, say so and offer the pages that list every term and acronym.
 * Material writes "No matching documents" into the result meta line; this adds links after it. The links
 * (site-root relative, from hooks/vaultsite/search.py) are resolved against this script's own URL, which
 * is right on every page, online and from file://, also after instant navigation. */
(() => {
  const script = document.currentScript
  const root = new URL("../../", script.src)
  const links = JSON.parse(script.dataset.links || "[]")
  const config = JSON.parse(document.getElementById("__config").textContent)
  const none = config.translations["search.result.none"]

  function offer(meta) {
    if (!meta.textContent.startsWith(none) || meta.querySelector(".vault-search-fallback")) return
    const hint = document.createElement("span")
    hint.className = "vault-search-fallback"
    hint.append(" – try ")
    links.forEach(({ title, url }, i) => {
      if (i) hint.append(i === links.length - 1 ? " or " : ", ")
      const link = document.createElement("a")
      link.href = new URL(url, root).href
      link.textContent = title
      hint.append(link)
    })
    meta.append(hint)
  }

  function attach() {
    const meta = document.querySelector(".md-search-result__meta")
    if (!meta || meta.dataset.vaultFallback || !links.length) return
    meta.dataset.vaultFallback = "on"
    new MutationObserver(() => offer(meta)).observe(meta, { childList: true, characterData: true, subtree: true })
  }

  attach()
  if (window.document$) window.document$.subscribe(attach)
})()
