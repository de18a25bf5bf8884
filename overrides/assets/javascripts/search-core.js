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
const SNIPPET = 180  // characters: about two lines of Material's result list
const MAX_EXPANSIONS = 40, MAX_GROUPS = 50, MAX_PER_GROUP = 10, RUN_CANDIDATES = 300
const STOP = new Set(("a an and are as at be by can do does for from i in into is it its me my of on or our own " +
  "should that the this to use used using we who with you your").split(" "))
// kept, but only to rank: headings ask them ("Why do we need data migration?")
const QUESTION = new Set("how what when where which why".split(" "))
const ASCII_WORD = /[a-z0-9]+/g
// a word: letters, digits and the combining marks inside them (Thai vowels, Devanagari signs are marks)
const RUN = /[\p{L}\p{N}\p{M}]+/gu
const MARKUP = /(<[^>]*>|&[#\w]+;)|([\p{L}\p{N}\p{M}]+(?:-[\p{L}\p{N}\p{M}]+)*)/gu
// scripts written without spaces between words: cut into words by the browser's dictionary (see segments)
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
// Material's index language (theme.language) or a note's `lang` -> the Snowball algorithm (snowball-stemmers)
const SNOWBALL = { ar: "arabic", ca: "catalan", cs: "czech", da: "danish", de: "german", es: "spanish",
  eu: "basque", fi: "finnish", fr: "french", ga: "irish", hu: "hungarian", hy: "armenian", it: "italian",
  nb: "norwegian", nl: "dutch", nn: "norwegian", no: "norwegian", pt: "portuguese", ro: "romanian",
  ru: "russian", sl: "slovene", sv: "swedish", ta: "tamil", tr: "turkish" }

/* ------------------------------------------------------------------------- Words */

/* For matching only: lower case, no diacritics (ä = a, é = e), compatibility forms (ｆｕｌｌ, ﬁ) unified.
 * Text is shown as written: the index keeps it, only the keys are folded. */
function normalise(word) {
  return word.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFC")
}

/* The project's light English stemmer (the English question sets were measured with it): enough for plural
 * and -ing/-ed forms to meet (store, stores, storing, stored). Other languages use Snowball (keyer). */
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

/* Words of an unspaced script run, by Intl.Segmenter (ICU's dictionaries: Chinese/Japanese, Thai, Lao,
 * Khmer, Burmese; Hangul by its spaces and script changes). Why Segmenter and not character n-grams: it
 * is in every current browser and in Node, offline, needs no dictionary shipped, gives real words (so
 * "存储" does not match every text holding "存" and "储" apart, and highlighting marks whole words), and
 * keeps the index small; where the query is cut differently from the text, the query's word is re-cut
 * against the index's own words (engine.recut), and prefixes still match ("数据" finds "数据库"). */
let segmenter = null
function segments(run, push) {
  if (!segmenter) segmenter = new Intl.Segmenter([], { granularity: "word" })
  for (const { segment, index, isWordLike } of segmenter.segment(run))
    if (isWordLike) push(segment, index)
}

/* Calls found(word lower case as written, start, end, hyphenated) for each word of a plain text; hyphenated
 * when a single "-" joins it to the word before ("e-mail", "Datenbank-Migration"). */
function eachWord(plain, found) {
  const lower = plain.toLowerCase()
  let lastEnd = -2
  const emit = (word, start) => {
    const end = start + word.length
    found(word, start, end, start === lastEnd + 1 && lower[lastEnd] === "-")
    lastEnd = end
  }
  if (!/[^\x00-\x7f]/.test(lower)) {  // most text: the fast path
    for (const m of lower.matchAll(ASCII_WORD)) emit(m[0], m.index)
    return
  }
  for (const m of lower.matchAll(RUN)) {
    if (UNSPACED.test(m[0])) segments(m[0], (word, at) => emit(word, m.index + at))
    else emit(m[0], m.index)
  }
}

function plainText(html) {
  return html.replace(/<[^>]*>|&[#\w]+;/g, " ")
}

/* The words of a text (HTML) in lower case, as written. */
function lowerWords(text) {
  const found = []
  eachWord(plainText(text), word => found.push(word))
  return found
}

/* The words of a text (HTML), folded for matching. */
function words(text) {
  const found = []
  eachWord(plainText(text), word => found.push(normalise(word)))
  return found
}

/* A language's key for a word as written (lower case): what the index stores and a query looks up. */
function keyer(lang, snowball) {
  const algorithm = SNOWBALL[lang]
  if (algorithm && snowball) {
    const stemmer = snowball.newStemmer(algorithm)
    return word => UNSPACED.test(word) ? word : normalise(stemmer.stem(word))
  }
  return word => { const folded = normalise(word); return UNSPACED.test(folded) ? folded : stem(folded) }
}

function baseLanguage(tag) {
  return String(tag || "").toLowerCase().split(/[-_]/)[0] || "en"
}

/* ------------------------------------------------------------------------- Index */

/* The index from Material's search index ({config, docs, options}); snowball is the snowball-stemmers
 * module (absent: every language gets the light English stemmer). Languages: config.vault_search.lang (the
 * vault setting), else config.lang[0] (theme.language), and a document's own `lang` (a note property). */
function buildIndex({ config, docs, options }, { snowball } = {}) {
  const tables = config.vault_search || { synonyms: [], keywords: {} }
  const { language, langs, keyOf } = languagesOf(config, docs, snowball)
  const vocab = new Map()          // key -> term id
  const seen = new Map()           // language + word as written (lower case) -> term id
  const stems = []                 // term id -> key
  const postings = []              // term id -> [doc, tf title, tf keywords, tf text, ...]
  const lengths = FIELDS.map(() => new Float64Array(docs.length))
  const sequences = []             // doc -> [title ids, keywords ids, text ids] for the phrase bonus
  const termOf = (lang, key, word) => {
    const cache = lang + " " + word
    let id = seen.get(cache)  // each written form is keyed once
    if (id === undefined) {
      const k = key(word)
      id = vocab.get(k)
      if (id === undefined) {
        id = stems.length
        vocab.set(k, id)
        stems.push(k)
        postings.push([])
      }
      seen.set(cache, id)
    }
    return id
  }
  docs.forEach((doc, d) => {
    const lang = langs[d]
    const key = keyOf(lang)
    // a missing figure's file name (doc.figures, written by the build) ranks as body text, never shown
    const text = doc.figures ? `${doc.text || ""} ${doc.figures}` : doc.text || ""
    const fields = [doc.title || "", tables.keywords[doc.location] || "", text]
    const counts = new Map()
    const count = (id, f) => {
      let tf = counts.get(id)
      if (!tf) counts.set(id, tf = [0, 0, 0])
      tf[f]++
    }
    const seq = []
    fields.forEach((value, f) => {
      const ids = []
      let previous = ""
      eachWord(plainText(value), (word, start, end, hyphenated) => {
        const id = termOf(lang, key, word)
        ids.push(id)
        count(id, f)
        // "e-mail" is also "email": the joined form counts, outside the word order and the field length
        if (hyphenated && previous) count(termOf(lang, key, previous + word), f)
        previous = word
      })
      lengths[f][d] = ids.length
      seq.push(Int32Array.from(ids))
    })
    for (const [id, tf] of counts) postings[id].push(d, tf[0], tf[1], tf[2])
    sequences.push(seq)
  })
  const sorted = stems.map((s, id) => [s, id]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return assemble({ config, docs, options }, { vocab, stems, postings, lengths, sequences, sorted },
                  { tables, language, langs, keyOf })
}

/* The vault's language, each document's, and one key function per language (made once, on first use). */
function languagesOf(config, docs, snowball) {
  const tables = config.vault_search || {}
  const language = baseLanguage(tables.lang || (config.lang || [])[0])
  const keyers = new Map()         // language -> key function
  const keyOf = lang => keyers.get(lang) || keyers.set(lang, keyer(lang, snowball)).get(lang)
  keyOf(language)
  const langs = docs.map(doc => {  // doc -> its language
    const lang = doc.lang ? baseLanguage(doc.lang) : language
    keyOf(lang)
    return lang
  })
  return { language, langs, keyOf, keyers }
}

/* The index the engine reads, from the term structures (built here, or loaded prebuilt: loadIndex). */
function assemble({ docs, options }, { vocab, stems, postings, lengths, sequences, sorted }, { tables, language, langs, keyOf }) {
  const keyers = new Map()
  for (const lang of [language, ...langs]) if (!keyers.has(lang)) keyers.set(lang, keyOf(lang))
  // average length over the documents that have the field: most sections define no term
  const average = lengths.map(l => {
    const filled = l.filter(n => n > 0)
    return Math.max(1, filled.reduce((a, b) => a + b, 0) / Math.max(1, filled.length))
  })
  return {
    docs, options, vocab, stems, postings, lengths, average, sequences, sorted, langs, keyers,
    titles: docs.map(doc => words(doc.title || "")),  // doc -> words of the title as written (suggestions)
    key: keyOf(language), articles: new Map(docs.filter(doc => !doc.location.includes("#")).map(doc => [doc.location, doc])),
    synonyms: synonymTable(tables.synonyms || [], keyOf(language))
  }
}

/* ------------------------------------------------------------------------- Prebuilt index */

/* The index as plain JSON, written at build time (hooks/vaultlib/browser/search_prebuild.js runs buildIndex on the
 * site's search index in Node) so the worker loads it instead of building it: what buildIndex derives from
 * every word of every document (keys, postings, field lengths, word order), in flat integer arrays.
 * Postings: per term, per document holding it, (doc - previous doc) * 4 + 1 if in the title + 2 if in the
 * term names, then those counts when not zero, then the count in the text. Word order: every document's
 * title, term-name and text ids one after the other (their lengths are the field lengths). */
function serializeIndex(index, { config, docs, options }) {
  const postings = [], df = []
  for (const list of index.postings) {
    df.push(list.length / 4)
    let previous = 0
    for (let p = 0; p < list.length; p += 4) {
      const [d, title, terms, text] = [list[p], list[p + 1], list[p + 2], list[p + 3]]
      postings.push((d - previous) * 4 + (title ? 1 : 0) + (terms ? 2 : 0))
      if (title) postings.push(title)
      if (terms) postings.push(terms)
      postings.push(text)
      previous = d
    }
  }
  const order = []
  for (const seq of index.sequences) for (const ids of seq) for (const id of ids) order.push(id)
  return { format: PREBUILT_FORMAT, config, docs, options, stems: index.stems,
           sorted: index.sorted.map(([, id]) => id), df, postings, lengths: index.lengths.map(l => Array.from(l)),
           sequences: order }
}

const PREBUILT_FORMAT = 1

/* The index buildIndex would make, from serializeIndex's JSON (null when it is of another format). */
function loadIndex(data, { snowball, options } = {}) {
  if (!data || data.format !== PREBUILT_FORMAT) return null
  const { config, docs, stems, df } = data
  const tables = config.vault_search || { synonyms: [], keywords: {} }
  const { language, langs, keyOf } = languagesOf(config, docs, snowball)
  const vocab = new Map()
  stems.forEach((stem, id) => vocab.set(stem, id))
  const postings = new Array(stems.length)
  const flat = new Int32Array(df.reduce((a, n) => a + n, 0) * 4)
  const packed = data.postings
  for (let id = 0, p = 0, at = 0; id < stems.length; id++) {
    const start = at
    for (let n = 0, d = 0; n < df[id]; n++) {
      const head = packed[p++]
      d += head >> 2
      flat[at++] = d
      flat[at++] = head & 1 ? packed[p++] : 0
      flat[at++] = head & 2 ? packed[p++] : 0
      flat[at++] = packed[p++]
    }
    postings[id] = flat.subarray(start, at)
  }
  const lengths = data.lengths.map(l => Float64Array.from(l))
  const order = Int32Array.from(data.sequences)
  const sequences = []
  for (let d = 0, at = 0; d < docs.length; d++) {
    const seq = []
    for (let f = 0; f < FIELDS.length; f++) {
      seq.push(order.subarray(at, at + lengths[f][d]))
      at += lengths[f][d]
    }
    sequences.push(seq)
  }
  const sorted = data.sorted.map(id => [stems[id], id])
  return assemble({ docs, options: options || data.options }, { vocab, stems, postings, lengths, sequences, sorted },
                  { tables, language, langs, keyOf })
}

/* First stem of a phrase -> the phrases (as stems) starting with it, each with its group. */
function synonymTable(groups, key) {
  const table = new Map()
  groups.forEach(group => {
    const written = group.map(lowerWords)
    const phrases = written.map(phrase => phrase.map(key))
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

/* Marks the words whose keys matched, outside tags and entities, as Material's worker does; an unspaced
 * script's run is cut into words first, so the mark covers the matched word only; "e-mail" is marked whole
 * when "email" matched. seen (optional) collects the marked words as written, for the target page. */
function highlight(value, marked, key = word => stem(normalise(word)), seen = null) {
  const mark = word => { if (seen) seen.add(word); return `<mark data-md-highlight>${word}</mark>` }
  const one = word => {
    if (!UNSPACED.test(word)) return marked.has(key(word.toLowerCase())) ? mark(word) : word
    let out = "", at = 0
    segments(word, (piece, start) => {
      if (!marked.has(key(piece.toLowerCase()))) return
      out += word.slice(at, start) + mark(piece)
      at = start + piece.length
    })
    return out + word.slice(at)
  }
  return value.replace(MARKUP, (all, markup, word) => {
    if (markup) return all
    const parts = word.split("-")
    if (parts.length === 1) return one(word)
    const out = []
    for (let i = 0; i < parts.length; i++) {
      if (i + 1 < parts.length && parts[i] && parts[i + 1] && marked.has(key((parts[i] + parts[i + 1]).toLowerCase()))) {
        out.push(mark(parts[i] + "-" + parts[i + 1]))
        i++
      } else out.push(one(parts[i]))
    }
    return out.join("-")
  })
}

/* The sentence (or list item) around the best hit, at most about two lines (SNIPPET characters), cut at
 * a space or between characters of an unspaced script, never inside an entity. The text stays as the index
 * has it (escaped HTML); only the block tags go, so the reader sees one passage, not the section. */
function snippet(text, marked, key) {
  if (!text) return ""
  const passages = text.replace(/<\/?(p|li|ol|ul|pre|br)\b[^>]*>/g, "\n").replace(/<[^>]*>/g, "")
    .split(/\n|(?<=[.!?])\s+|(?<=(?<!&[#\w]*);)\s+|(?<=[。！？；])/u).map(p => p.trim()).filter(Boolean)
  let best = passages[0] || "", bestHits = -1, bestAt = 0
  for (const passage of passages) {
    let hits = 0, first = -1
    const counted = new Set()
    eachWord(passage.replace(/&[#\w]+;/g, m => " ".repeat(m.length)), (word, start) => {
      const k = key(word)
      if (marked.has(k) && !counted.has(k)) { counted.add(k); hits++; if (first < 0) first = start }
    })
    if (hits > bestHits) [best, bestHits, bestAt] = [passage, hits, Math.max(0, first)]
  }
  if (best.length <= SNIPPET) return best
  let start = Math.max(0, Math.min(bestAt - SNIPPET / 4, best.length - SNIPPET))
  let end = Math.min(best.length, start + SNIPPET)
  const space = best.lastIndexOf(" ", start)
  if (start > 0 && space >= 0 && start - space < 20) start = space + 1
  const after = best.indexOf(" ", end)
  if (end < best.length && after >= 0 && after - end < 20) end = after
  const entity = start > 0 ? best.lastIndexOf("&", start - 1) : -1
  if (entity >= 0 && best.indexOf(";", entity) >= start) start = best.indexOf(";", entity) + 1
  let cut = best.slice(start, end)
  cut = cut.replace(/&[#\w]*$/, "")
  return (start > 0 ? "… " : "") + cut.trim() + (end < best.length ? " …" : "")
}

/* The functions that read one index: a query's concepts, scores, ranking and result items. */
function engine(index) {
  const languages = [...index.keyers.values()]
  /* A word's keys in every language of the vault, the vault's own language first. */
  function keysOf(word) {
    return [...new Set([index.key(word), ...languages.map(key => key(word))])]
  }
  function known(word) {
    return keysOf(word).some(k => index.vocab.has(k))
  }

  /* The query as concepts: a known phrase (with its synonyms), a compound written apart or joined ("e mail",
   * "e-mail", "email"), or a word (with prefix and near spellings). */
  function concepts(query) {
    const typed = recut(lowerWords(query))
    let kept = typed.filter(w => !STOP.has(normalise(w)))
    if (!kept.some(w => !QUESTION.has(normalise(w)))) kept = typed
    const stemmed = kept.map(w => index.key(w))
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
      const joined = !alternatives.length && i + 1 < kept.length && compound(kept[i], kept[i + 1])
      if (alternatives.length) {
        found.push({ typed: kept.slice(i, i + n), alternatives })
        i += n
      } else if (joined) {
        found.push({ typed: kept.slice(i, i + 2), alternatives: joined })
        i += 2
      } else {
        found.push({ typed: [kept[i]], alternatives: [{ ids: [expand(kept[i])], weight: 1 }, ...apart(kept[i])] })
        i += 1
      }
    }
    const all = found.length && found.every(part => QUESTION.has(normalise(part.typed[0])))
    for (const part of found) part.optional = !all && part.typed.length === 1 && QUESTION.has(normalise(part.typed[0]))
    return found
  }

  /* Two typed words the vault also writes as one ("e mail" -> "email"): both forms, one concept. */
  function compound(first, second) {
    if (UNSPACED.test(first + second)) return null
    const joined = exactIds(first + second)
    if (!joined.length) return null
    const alternatives = [{ ids: [joined], weight: 1, written: first + second }]
    const a = exactIds(first), b = exactIds(second)
    if (a.length && b.length) alternatives.push({ ids: [a, b], weight: 1, adjacent: true, written: `${first} ${second}` })
    return alternatives
  }

  /* One typed word the vault writes apart ("email" -> "e mail", "Datenbankmigration" -> "Datenbank
   * Migration"): the two parts count only where they stand next to each other. */
  function apart(word) {
    if (word.length < 4 || UNSPACED.test(word)) return []
    const found = []
    for (let k = 1; k < word.length - 1 && found.length < 3; k++) {
      const a = exactIds(word.slice(0, k)), b = exactIds(word.slice(k))
      if (a.length && b.length)
        found.push({ ids: [a, b], weight: 1, adjacent: true, written: `${word.slice(0, k)} ${word.slice(k)}` })
    }
    return found
  }

  function exactIds(word) {
    return keysOf(word).map(k => index.vocab.get(k)).filter(id => id !== undefined).map(id => [id, 1])
  }

  /* A query word of an unspaced script that the index does not hold (the query alone was cut otherwise than
   * the text around it): cut again, greedily, into the longest words the index holds. */
  function recut(typed) {
    return typed.flatMap(word => {
      if (!UNSPACED.test(word) || word.length < 2 || known(word) || prefixed(word).length) return [word]
      const pieces = []
      for (let i = 0; i < word.length;) {
        let j = Math.min(word.length, i + 8)
        while (j > i + 1 && !known(word.slice(i, j))) j--
        pieces.push(word.slice(i, j))
        i = j
      }
      return pieces
    })
  }

  /* A word's index terms: itself (in each language of the vault), words it begins (typing), near spellings
   * when nothing else matches. */
  function expand(word) {
    const keys = keysOf(word)
    const s = keys[0], folded = normalise(word)
    const found = []
    for (const k of keys) {
      const exact = index.vocab.get(k)
      if (exact !== undefined && !found.some(([x]) => x === exact)) found.push([exact, 1])
    }
    const has = id => found.some(([x]) => x === id)
    if (folded.length >= 2) {
      for (const id of prefixed(s.length >= 3 ? s : folded)) if (!has(id)) found.push([id, PREFIX_WEIGHT])
      if (folded.length >= 4 && s !== folded) for (const id of prefixed(folded)) if (!has(id)) found.push([id, PREFIX_WEIGHT])
    }
    if (!found.length && folded.length >= 5 && !UNSPACED.test(folded)) {
      const limit = folded.length >= 8 ? 2 : 1
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
        if (alternative.adjacent && !together(d, alternative.ids)) continue
        const score = value.score * alternative.weight
        const exact = value.exact >= 1
        const old = best.get(d)
        if (!old || old.score < score) best.set(d, { score, ids: value.ids, exact: exact || (old && old.exact) })
        else if (exact) old.exact = true
      }
    }
    return best
  }

  /* Whether the document holds the words of ids (each a list of [id, weight]) one right after the other. */
  function together(d, ids) {
    const sets = ids.map(spellings => new Set(spellings.map(([id]) => id)))
    for (const seq of index.sequences[d])
      for (let i = 0; i + sets.length <= seq.length; i++)
        if (sets.every((set, k) => set.has(seq[i + k]))) return true
    return false
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

  function item(doc, { d, total, score }, parts) {
    const marked = new Set([...total.ids].map(id => index.stems[id]))
    const terms = {}
    // the query's words: Material strikes out those missing and marks the others on the target page, where
    // its highlighter matches any substring, so a one-letter word ("e" of "e mail") would mark every "e"
    parts.forEach((part, c) => {
      if (part.optional && !total.concepts[c]) return
      const words = part.typed.filter(w => w.length > 1 || UNSPACED.test(w))
      terms[(words.length ? words : part.typed).join(" ")] = total.concepts[c]
    })
    // synonyms found in this section, as the vault writes them: Material highlights them on the page too
    for (const part of parts)
      for (const alternative of part.alternatives)
        if (alternative.written && !alternative.adjacent && alternative.ids.every(([[id]]) => total.ids.has(id)) && !(alternative.written in terms))
          terms[alternative.written] = true
    const key = index.keyers.get(index.langs[d]) || index.key
    const seen = new Set()
    const title = highlight(doc.title || "", marked, key, seen)
    const text = highlight(snippet(doc.text || "", marked, key), marked, key, seen)
    // the words matched as written ("Häuser" for "hauser", "存储"): the target page marks them as they stand
    for (const word of seen) if (word.length > 1 && !(word.toLowerCase() in terms)) terms[word.toLowerCase()] = true
    return { ...doc, title, text, score, terms }
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

/* Whether an index needs Snowball: a language of the vault or of a note that has an algorithm. */
function needsSnowball({ config, docs }) {
  const tables = config.vault_search || {}
  const languages = new Set([baseLanguage(tables.lang || (config.lang || [])[0])])
  for (const doc of docs) if (doc.lang) languages.add(baseLanguage(doc.lang))
  return [...languages].some(lang => lang in SNOWBALL)
}

return { normalise, stem, words, lowerWords, eachWord, keyer, needsSnowball, buildIndex, serializeIndex, loadIndex, distance, highlight, snippet, engine, STOP }
})
