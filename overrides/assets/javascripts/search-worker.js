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

let search = null
let setup = LOADED

/* ------------------------------------------------------------------------- Messages */

function handle(message) {
  switch (message.type) {
    case SETUP:
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
 * shim); a SETUP that needs Snowball loads it first, and the queries after it wait for it. */
addEventListener("message", event => {
  const message = event.data
  if (message && message.type === SETUP)
    setup = setup.then(() => VaultSearchCore.needsSnowball(message.data) && !self.snowballFactory
      ? importScripts(SNOWBALL) : null)
  setup = setup.then(() => postMessage(handle(message)))
    .catch(error => console.warn("Search worker:", error))  // the next message is still answered
})
