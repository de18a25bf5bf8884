// Unit tests of the search's pure functions (overrides/assets/javascripts/search-core.js): `node --test tests/js`.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const core = require("../../overrides/assets/javascripts/search-core.js")

function docs(...pairs) {
  return pairs.map(([location, title, text, extra]) => ({ location, title, text, ...extra }))
}

function engineOf(list, config = {}) {
  return core.engine(core.buildIndex({ config: { lang: ["en"], ...config }, docs: list, options: { suggest: true } }))
}

function locations(result) {
  return result.items.flat().filter(item => item.score > 0).map(item => item.location)
}

test("words: markup, entities and case are dropped; code-like text keeps its parts", () => {
  assert.deepEqual(core.words("<p>Amazon &amp; S3</p> Bucket"), ["amazon", "s3", "bucket"])
  assert.deepEqual(core.words("a&#%b"), ["a", "b"])
  assert.deepEqual(core.words("\uFEFFline one\r\nline two"), ["line", "one", "line", "two"])
})

test("normalise folds case and diacritics", () => {
  assert.equal(core.normalise("Äpfel"), "apfel")
  assert.equal(core.normalise("Élève"), "eleve")
})

test("stem: plural and -ing/-ed forms meet", () => {
  assert.equal(core.stem("stores"), core.stem("store"))
  assert.equal(core.stem("migration"), core.stem("migrate"))
})

test("distance stops beyond its limit", () => {
  assert.equal(core.distance("kinesis", "kinesys", 2), 1)
  assert.equal(core.distance("abcdef", "uvwxyz", 1), 2)
})

test("highlight marks matched words outside tags and entities", () => {
  const marked = new Set([core.stem("bucket")])
  assert.equal(core.highlight('<a href="bucket">buckets</a> &amp;', marked),
               '<a href="bucket"><mark data-md-highlight>buckets</mark></a> &amp;')
})

test("search: the section holding every word ranks first", () => {
  const engine = engineOf(docs(
    ["a/", "Storage", "data data data data data storage"],
    ["b/", "Migration", "migrate your data to the cloud"],
    ["b/#steps", "Steps", "plan the data migration in steps"]))
  const found = locations(engine.search("data migration"))
  assert.equal(found[0], "b/#steps")
  assert.ok(!found.includes("nothing"))
})

test("search: a query of stop words only or of unknown words finds nothing", () => {
  const engine = engineOf(docs(["a/", "Title", "some text"]))
  assert.deepEqual(engine.search("zzzz").items, [])
  assert.deepEqual(locations(engine.search("the")), [])
})

test("search: synonyms from the build find the other spelling", () => {
  const engine = engineOf(docs(["a/", "EC2", "instances"], ["b/", "Other", "elastic compute cloud"]),
                          { vault_search: { synonyms: [["EC2", "Elastic Compute Cloud"]], keywords: {} } })
  assert.deepEqual(new Set(locations(engine.search("elastic compute cloud"))), new Set(["a/", "b/"]))
})
