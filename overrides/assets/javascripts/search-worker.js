/* Search worker for Material for MkDocs: Material's messages (SETUP 0 -> READY 1, QUERY 2 -> RESULT 3) and
 * result format, so its search box, suggestions, result list and highlighting keep working; its own ranking.
 *
 * Why not Material's lunr worker: lunr is set up with no length normalisation (b = 0) and ORs the words, so a
 * long section repeating "data" beats the section holding every word the reader typed, and it cannot be told
 * that EC2 means Elastic Compute Cloud. Why not MiniSearch: the ranking below needs each section's word order
 * (phrase bonus) and word-level highlighting in Material's format; a small BM25F index gives both, and
 * indexes a 2,000-note vault in well under a second. Stemming beyond English is Snowball's (snowball-stemmers).
 *
 * Ranking: sections holding more of the query's concepts always come first (a concept is a word, a phrase the
 * vault's cross-reference model knows, or any of that phrase's synonyms); among them BM25F over title (x3),
 * term names the section defines (x4) and body (x1), times a bonus when the words stand together as typed.
 * Synonyms and term names come from the build (config.vault_search, see hooks/vaultlib/browser/search_tables.py).
 * Words, languages, compounds, snippets: search-core.js.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
// The pure functions (words, stems, index, ranking) live in search-core.js, next to this file. In a Worker
// importScripts is synchronous; under the iframe-worker shim (the offline bundle, file://) it returns a
// Promise and resolves URLs against the page, so the URL is made absolute from this script's own URL.
const HERE = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : self.location.href
const LOADED = Promise.resolve(importScripts(new URL("search-core.js", HERE).href))
// Snowball stemmers (snowball-stemmers, published by hooks/vault_search.py from node_modules), loaded only
// when the vault or a note is in a language it stems: English keeps the light stemmer in search-core.js
const SNOWBALL = new URL("../vendor/snowball-stemmers.js", HERE).href

// The index prebuilt at build time (hooks/vaultlib/browser/search_prebuild.js): online a JSON file, from file:// a
// script that sets a global (fetch() cannot read files). Loaded online as soon as the worker starts, in
// parallel with Material's own search_index.json, from file:// once the page has loaded; READY is said as
// soon as it is loaded (Material sends its queries after the first READY), so the worker never waits for
// the index Material posts with SETUP (which it then answers with READY again, and otherwise ignores).
// Without the file (a build without Node), the worker builds its index from SETUP's data, as before.
const FROM_DISK = new URL(HERE).protocol === "file:"
const PREBUILT = new URL(FROM_DISK ? "../../search/vault_index.js" : "../../search/vault_index.json", HERE).href

let search = null
let prebuilt = null  // the index loaded from the prebuilt file
let setup = LOADED.then(loadPrebuilt).then(data => data && startFrom(data))
  .catch(error => console.warn("Search worker: no prebuilt index,", error))

/* The prebuilt index's JSON, or null where there is none. */
function loadPrebuilt() {
  if (!FROM_DISK) return fetch(PREBUILT).then(response => response.ok ? response.json() : null)
  // under the iframe-worker shim (file://) this "worker" is an iframe on the page's own thread: the script
  // is added once the page has loaded and is idle, so it neither holds back the page's load event nor its
  // first frames; a script element says when the file is missing (the shim's importScripts would wait on)
  return afterLoad().then(() => new Promise(resolve => {
    const script = document.createElement("script")
    script.src = PREBUILT
    script.onload = () => resolve(self.__vaultSearchIndex || null)
    script.onerror = () => resolve(null)
    document.body.appendChild(script)
  }))
}

function afterLoad() {
  const page = parent.document  // the shim's iframe has the page's origin
  const loaded = page.readyState === "complete" ? Promise.resolve()
    : new Promise(resolve => parent.addEventListener("load", resolve, { once: true }))
  const idle = self.requestIdleCallback || (callback => setTimeout(callback, 0))
  return loaded.then(() => new Promise(resolve => idle(resolve, { timeout: 200 })))
}

function startFrom(data) {
  const needs = VaultSearchCore.needsSnowball(data) && !self.snowballFactory
  return Promise.resolve(needs ? importScripts(SNOWBALL) : null).then(() => {
    const index = VaultSearchCore.loadIndex(data, { snowball: self.snowballFactory })
    if (!index) return
    self.__vaultSearchIndex = null  // the loaded index holds what it needs
    prebuilt = index
    search = VaultSearchCore.engine(index).search
    postMessage({ type: READY })
  })
}

/* ------------------------------------------------------------------------- Messages */

function handle(message) {
  switch (message.type) {
    case SETUP:
      if (prebuilt) {
        prebuilt.options = message.data.options  // the theme's, as Material sends them (search.suggest)
        return { type: READY }
      }
      search = VaultSearchCore.engine(VaultSearchCore.buildIndex(message.data, { snowball: self.snowballFactory })).search
      return { type: READY }
    case QUERY:
      try {
        return { type: RESULT, data: search(message.data) }
      } catch (error) {
        console.warn(`Search failed for ${JSON.stringify(message.data)}`, error)
        return { type: RESULT, data: { items: [] } }
      }
    default:
      throw new TypeError("Invalid message type")
  }
}

/* Messages are answered in order, each after what it needs has loaded (importScripts is a Promise under the
 * shim); a SETUP waits for the prebuilt index, and one that has none to build from and needs Snowball loads
 * it first; the queries after it wait for it. */
addEventListener("message", event => {
  const message = event.data
  if (message && message.type === SETUP)
    setup = setup.then(() => !prebuilt && VaultSearchCore.needsSnowball(message.data) && !self.snowballFactory
      ? importScripts(SNOWBALL) : null)
  setup = setup.then(() => postMessage(handle(message)))
    .catch(error => console.warn("Search worker:", error))  // the next message is still answered
})
