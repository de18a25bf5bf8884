/* The search's pure functions: words, stems, the index, ranking, highlighting. No DOM, no messages: the
 * worker (search-worker.js) loads this file with importScripts, and Node loads it with require() for the
 * unit tests (tests/js) and, at build time, to prepare the index with the very same code.
 * See search-worker.js for why this ranking and not lunr's.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory()
  else root.VaultSearchCore = factory()
})(typeof self !== "undefined" ? self : this, function () {
"use strict"

const FIELDS = ["title", "keywords", "text"]
const WEIGHTS = [3, 4, 1]
const K1 = 1.2, B = 0.75
const SYNONYM_WEIGHT = 0.9, PREFIX_WEIGHT = 0.6, FUZZY_WEIGHT = 0.5
const PHRASE_BONUS = 1, OPTIONAL_WEIGHT = 1
const MAX_EXPANSIONS = 40, MAX_GROUPS = 50, MAX_PER_GROUP = 10, RUN_CANDIDATES = 300
const STOP = new Set(("a an and are as at be by can do does for from i in into is it its me my of on or our own " +
  "should that the this to use used using we who with you your").split(" "))
// kept, but only to rank: headings ask them ("Why do we need data migration?")
const QUESTION = new Set("how what when where which why".split(" "))
const WORD = /[\p{L}\p{N}]+/gu, ASCII_WORD = /[a-z0-9]+/g
const MARKUP = /(<[^>]*>|&[#\w]+;)|([\p{L}\p{N}]+)/gu


/* ------------------------------------------------------------------------- Words */

function normalise(word) {
  return word.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
}

/* A light English stemmer: enough for plural and -ing/-ed forms to meet (store, stores, storing, stored). */
function stem(word) {
  let w = word
  if (w.length > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y"
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !/\d/.test(w)) w = w.slice(0, -1)
  if (w.length > 6 && w.endsWith("ion")) w = w.slice(0, -3)  // migration, migrate -> migrat
  else if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3)
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2)
  if (w.length > 3 && w.endsWith("e")) w = w.slice(0, -1)
  return w
}

function words(text) {
  const plain = text.replace(/<[^>]*>|&[#\w]+;/g, " ").toLowerCase()
  if (!/[^\x00-\x7f]/.test(plain)) return plain.match(ASCII_WORD) || []  // most text: the fast path
  return (plain.match(WORD) || []).map(normalise)
}

/* ------------------------------------------------------------------------- Index */

function buildIndex({ config, docs, options }) {
  const tables = config.vault_search || { synonyms: [], keywords: {} }
  const vocab = new Map()          // stem -> term id
  const seen = new Map()           // word as written (lower case) -> term id
  const stems = []                 // term id -> stem
  const postings = []              // term id -> [doc, tf title, tf keywords, tf text, ...]
  const lengths = FIELDS.map(() => new Float64Array(docs.length))
  const sequences = []             // doc -> [title ids, text ids] for the phrase bonus
  const titles = []                // doc -> words of the title as written (suggestions)
  docs.forEach((doc, d) => {
    const fields = [doc.title || "", tables.keywords[doc.location] || "", doc.text || ""]
    const counts = new Map()
    const seq = []
    fields.forEach((value, f) => {
      const ids = []
      for (const word of words(value)) {
        let id = seen.get(word)  // each written form is stemmed once
        if (id === undefined) {
          const s = stem(word)
          id = vocab.get(s)
          if (id === undefined) {
            id = stems.length
            vocab.set(s, id)
            stems.push(s)
            postings.push([])
          }
          seen.set(word, id)
        }
        ids.push(id)
        let tf = counts.get(id)
        if (!tf) counts.set(id, tf = [0, 0, 0])
        tf[f]++
      }
      lengths[f][d] = ids.length
      seq.push(Int32Array.from(ids))
    })
    for (const [id, tf] of counts) postings[id].push(d, tf[0], tf[1], tf[2])
    sequences.push(seq)
    titles.push(words(doc.title || ""))
  })
  // average length over the documents that have the field: most sections define no term
  const average = lengths.map(l => {
    const filled = l.filter(n => n > 0)
    return Math.max(1, filled.reduce((a, b) => a + b, 0) / Math.max(1, filled.length))
  })
  const sorted = stems.map((s, id) => [s, id]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return {
    docs, options, vocab, stems, articles: new Map(docs.filter(doc => !doc.location.includes("#")).map(doc => [doc.location, doc])), postings, lengths, average, sequences, titles,
    sorted, synonyms: synonymTable(tables.synonyms || [])
  }
}

/* First stem of a phrase -> the phrases (as stems) starting with it, each with its group. */
function synonymTable(groups) {
  const table = new Map()
  groups.forEach(group => {
    const written = group.map(words)
    const phrases = written.map(phrase => phrase.map(stem))
    for (const phrase of phrases) {
      if (!phrase.length) continue
      if (!table.has(phrase[0])) table.set(phrase[0], [])
      table.get(phrase[0]).push({ phrase, phrases, written })
    }
  })
  for (const list of table.values()) list.sort((a, b) => b.phrase.length - a.phrase.length)
  return table
}

/* Edit distance, stopping early once it exceeds the limit. */
function distance(a, b, limit) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      best = Math.min(best, row[j])
    }
    if (best > limit) return limit + 1
    previous = row
  }
  return previous[b.length]
}

/* Marks the words whose stems matched, outside tags and entities, as Material's worker does. */
function highlight(value, marked) {
  return value.replace(MARKUP, (all, markup, word) =>
    markup || !marked.has(stem(normalise(word))) ? all : `<mark data-md-highlight>${word}</mark>`)
}

/* The functions that read one index: a query's concepts, scores, ranking and result items. */
function engine(index) {
  /* ------------------------------------------------------------------------- Query */

  /* The query as concepts: a known phrase (with its synonyms) or a word (with prefix and near spellings). */
  function concepts(query) {
    const typed = words(query)
    let kept = typed.filter(w => !STOP.has(w))
    if (!kept.some(w => !QUESTION.has(w))) kept = typed
    const stemmed = kept.map(stem)
    const found = []
    for (let i = 0; i < kept.length;) {
      const alternatives = []
      let n = 1
      for (const { phrase, phrases, written } of index.synonyms.get(stemmed[i]) || []) {
        if (!phrase.every((s, k) => stemmed[i + k] === s)) continue
        n = phrase.length
        const same = phrase.join(" ")
        phrases.forEach((other, p) => {
          const ids = other.map(s => index.vocab.get(s))
          if (ids.every(id => id !== undefined))
            alternatives.push({ ids: ids.map(id => [[id, 1]]), weight: other.join(" ") === same ? 1 : SYNONYM_WEIGHT,
                                written: written[p].join(" ") })
        })
        break
      }
      if (alternatives.length) {
        found.push({ typed: kept.slice(i, i + n), alternatives })
        i += n
      } else {
        found.push({ typed: [kept[i]], alternatives: [{ ids: [expand(stemmed[i], kept[i])], weight: 1 }] })
        i += 1
      }
    }
    const all = found.length && found.every(part => QUESTION.has(part.typed[0]))
    for (const part of found) part.optional = !all && part.typed.length === 1 && QUESTION.has(part.typed[0])
    return found
  }

  /* A word's index terms: itself, words it begins (typing), near spellings when nothing else matches. */
  function expand(s, word) {
    const found = []
    const exact = index.vocab.get(s)
    if (exact !== undefined) found.push([exact, 1])
    if (word.length >= 2) {
      for (const id of prefixed(s.length >= 3 ? s : word)) if (id !== exact) found.push([id, PREFIX_WEIGHT])
      if (word.length >= 4 && s !== word) for (const id of prefixed(word)) if (!found.some(([x]) => x === id)) found.push([id, PREFIX_WEIGHT])
    }
    if (!found.length && word.length >= 5) {
      const limit = word.length >= 8 ? 2 : 1
      for (const [candidate, id] of index.sorted)
        if (candidate[0] === s[0] && Math.abs(candidate.length - s.length) <= limit && distance(candidate, s, limit) <= limit)
          found.push([id, FUZZY_WEIGHT])
    }
    return found.slice(0, MAX_EXPANSIONS)
  }

  function prefixed(prefix) {
    const list = index.sorted
    let lo = 0, hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (list[mid][0] < prefix) lo = mid + 1
      else hi = mid
    }
    const ids = []
    for (let i = lo; i < list.length && list[i][0].startsWith(prefix) && ids.length < MAX_EXPANSIONS; i++)
      ids.push(list[i][1])
    return ids
  }

  /* ------------------------------------------------------------------------- Scoring */

  function termScores(id) {
    const list = index.postings[id]
    const n = index.docs.length, df = list.length / 4
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
    const scores = new Map()
    for (let p = 0; p < list.length; p += 4) {
      const d = list[p]
      let tf = 0
      for (let f = 0; f < 3; f++) {
        const count = list[p + 1 + f]
        if (count) tf += WEIGHTS[f] * count / (1 - B + B * index.lengths[f][d] / index.average[f])
      }
      scores.set(d, idf * tf * (K1 + 1) / (tf + K1))
    }
    return scores
  }

  /* Per document: the concept's best score over its alternatives, the term ids that matched, and whether a
   * word matched as typed (or as a synonym) rather than only by its beginning or a near spelling. */
  function conceptScores(concept) {
    const best = new Map()
    for (const alternative of concept.alternatives) {
      // a phrase alternative counts only where all its words are; each word may have several spellings
      let running = null
      for (const spellings of alternative.ids) {
        const word = new Map()
        for (const [id, weight] of spellings)
          for (const [d, score] of termScores(id)) {
            const old = word.get(d)
            if (!old || old.score < score * weight)
              word.set(d, { score: score * weight, ids: [id], exact: Math.max(weight, old ? old.exact : 0) })
            else old.exact = Math.max(old.exact, weight)
          }
        if (running === null) running = word
        else {
          const next = new Map()
          for (const [d, value] of word) {
            const old = running.get(d)
            if (old) next.set(d, { score: old.score + value.score, ids: old.ids.concat(value.ids),
                                   exact: Math.min(old.exact, value.exact) })
          }
          running = next
        }
      }
      for (const [d, value] of running || []) {
        const score = value.score * alternative.weight
        const exact = value.exact >= 1
        const old = best.get(d)
        if (!old || old.score < score) best.set(d, { score, ids: value.ids, exact: exact || (old && old.exact) })
        else if (exact) old.exact = true
      }
    }
    return best
  }

  /* The longest run of words standing together in the title, term names or text, each a different query
   * position, in any order ("data migration" for "migrate data"). */
  function longestRun(d, wanted) {
    let longest = 0
    for (const seq of index.sequences[d])
      for (let i = 0; i < seq.length && longest < wanted.length; i++) {
        const used = new Set()
        let k = 0
        while (i + k < seq.length) {
          const position = wanted.findIndex((ids, w) => !used.has(w) && ids.has(seq[i + k]))
          if (position < 0) break
          used.add(position)
          k++
        }
        if (k > longest) longest = k
      }
    return longest
  }

  function search(query) {
    const parts = concepts(query)
    if (!parts.some(part => !part.optional)) return { items: [] }
    const perConcept = parts.map(conceptScores)
    const totals = new Map()
    // question words last: they only add to documents the other words found
    const order = parts.map((_, c) => c).sort((a, b) => parts[a].optional - parts[b].optional)
    order.forEach(c => {
      const scores = perConcept[c], optional = parts[c].optional
      for (const [d, { score, ids, exact }] of scores) {
        let total = totals.get(d)
        if (!total) {
          if (optional) continue  // a question word alone does not make a hit
          totals.set(d, total = { coverage: 0, score: 0, ids: new Set(), concepts: new Array(parts.length).fill(false) })
        }
        if (!optional) total.coverage += exact ? 2 : 1
        total.score += optional ? score * OPTIONAL_WEIGHT : score
        total.concepts[c] = true
        for (const id of ids) total.ids.add(id)
      }
    })
    // a word counts once for each position; a known phrase is one position that any of its words fills
    const wanted = parts.filter(part => !part.optional).map(part =>
      new Set(part.alternatives.flatMap(a => a.ids.flatMap(spellings => spellings.map(([id]) => id)))))
    const ranked = []
    for (const [d, total] of totals) ranked.push(rankOf(d, total, 0, wanted.length))
    ranked.sort((a, b) => b.score - a.score)
    // words standing together: looked for in the leading documents only, so a query costs the same at any size
    if (wanted.length > 1) {
      for (let i = 0; i < Math.min(RUN_CANDIDATES, ranked.length); i++)
        if (ranked[i].total.coverage > 2) ranked[i] = rankOf(ranked[i].d, ranked[i].total, longestRun(ranked[i].d, wanted), wanted.length)
      ranked.sort((a, b) => b.score - a.score)
    }
    return { items: group(ranked, parts), ...suggestion(query, ranked) }
  }

  /* The score of a document: monotonic with its rank (Material's Enter key opens the highest). */
  function rankOf(d, total, run, positions) {
    const boost = index.docs[d].boost ?? 1
    const relevance = total.score * boost * (run > 1 ? 1 + PHRASE_BONUS * run / positions : 1)
    // more of the query's words (as typed, then by their beginning) always ranks first, then pages not
    // boosted below 1 (search.boost in a page's meta; the build sets it on generated summaries), then
    // relevance; the score stays monotonic with the rank (Material's "Enter" opens the highest)
    // a summary (boost below 1) competes as if it held one word fewer: the note holds the answer
    const coverage = boost >= 1 ? total.coverage + 0.5 : Math.max(0, total.coverage - 2)
    return { d, total, score: coverage + 0.49 * relevance / (relevance + 10) }
  }

  /* ------------------------------------------------------------------------- Result */

  function group(ranked, parts) {
    const groups = new Map()
    for (const hit of ranked) {
      const doc = index.docs[hit.d]
      const page = doc.location.split("#")[0]
      if (!groups.has(page)) {
        if (groups.size >= MAX_GROUPS) continue
        groups.set(page, [])
      }
      const items = groups.get(page)
      if (items.length < MAX_PER_GROUP) items.push(item(doc, hit, parts))
    }
    for (const [page, items] of groups)
      if (!items.some(i => i.location === page)) {
        const article = index.articles.get(page)
        if (article) items.push({ ...article, score: 0, terms: {} })
      }
    return [...groups.values()]
  }

  function item(doc, { total, score }, parts) {
    const marked = new Set([...total.ids].map(id => index.stems[id]))
    const terms = {}
    parts.forEach((part, c) => { if (!part.optional || total.concepts[c]) terms[part.typed.join(" ")] = total.concepts[c] })
    // synonyms found in this section, as the vault writes them: Material highlights them on the page too
    for (const part of parts)
      for (const alternative of part.alternatives)
        if (alternative.written && alternative.ids.every(([[id]]) => total.ids.has(id)) && !(alternative.written in terms))
          terms[alternative.written] = true
    return { ...doc, title: highlight(doc.title || "", marked), text: highlight(doc.text || "", marked), score, terms }
  }

  /* Completion of the word being typed, from the best result's title (Material shows it greyed). */
  function suggestion(query, ranked) {
    if (!index.options || !index.options.suggest) return {}
    const typed = query.split(/[\s-]+/).pop()
    if (!typed || !ranked.length) return { suggest: [] }
    const lower = normalise(typed)
    const word = index.titles[ranked[0].d].find(w => w.startsWith(lower) && w.length > lower.length)
    return { suggest: word ? [typed + word.slice(typed.length)] : [] }
  }

  return { search, concepts }
}

return { normalise, stem, words, buildIndex, distance, highlight, engine, STOP }
})
