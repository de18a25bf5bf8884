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

const snowball = require("snowball-stemmers")

function engineWithSnowball(list) {
  return core.engine(core.buildIndex({ config: { lang: ["en"] }, docs: list, options: {} }, { snowball }))
}

test("eachWord cuts unspaced scripts into words and keeps an English name inside Chinese apart", () => {
  const found = []
  core.eachWord("我们使用Amazon S3存储数据", word => found.push(word))
  assert.deepEqual(found, ["我们", "使用", "amazon", "s3", "存储", "数据"])
  const thai = []
  core.eachWord("เราเก็บข้อมูล", word => thai.push(word))  // vowel signs are marks: words stay whole
  assert.ok(thai.includes("ข้อมูล"), thai.join("|"))
})

test("eachWord says which words a hyphen joins", () => {
  const joined = []
  core.eachWord("e-mail - x-", (word, start, end, hyphenated) => joined.push([word, hyphenated]))
  assert.deepEqual(joined, [["e", false], ["mail", true], ["x", false]])
})

test("search: Chinese, Japanese, Korean and Thai words inside sentences are found", () => {
  const e = engineWithSnowball(multilingualDocs())
  assert.deepEqual(locations(e.search("存储")), ["zh/"])
  assert.deepEqual(locations(e.search("Amazon")), ["zh/"])
  assert.deepEqual(locations(e.search("天気")), ["ja/"])
  assert.deepEqual(locations(e.search("データベース")), ["ja/"])
  assert.deepEqual(locations(e.search("데이터베이스")), ["ko/"])
  assert.deepEqual(locations(e.search("ข้อมูล")), ["th/"])
})

function multilingualDocs() {
  return docs(
    ["zh/", "云存储", "<p>我们使用Amazon S3存储数据。对象存储服务很便宜。</p>", { lang: "zh" }],
    ["ja/", "東京", "<p>東京の天気は晴れです。データベースを移行します。</p>", { lang: "ja" }],
    ["ko/", "백업", "<p>데이터베이스를 안전하게 백업합니다.</p>", { lang: "ko" }],
    ["th/", "คลาวด์", "<p>เราเก็บข้อมูลในคลาวด์</p>", { lang: "th" }],
    ["de/", "Datenbanken", "<p>Die Datenbank-Migration der Häuser und E-Mail Adressen.</p>", { lang: "de" }],
    ["fr/", "Élèves", "<p>Les élèves étudient les bases de données.</p>", { lang: "fr" }],
    ["en/", "Mail", "<p>Send an e mail to customers. Storing objects &amp; data.</p>"])
}

test("search: a query cut otherwise than the text is cut again against the index's words", () => {
  const e = engineWithSnowball(multilingualDocs())
  assert.deepEqual(locations(e.search("对象存储")), ["zh/"])
  const item = e.search("存储").items[0][0]
  assert.match(item.text, /<mark data-md-highlight>存储<\/mark>/)
  assert.ok("存储" in item.terms)
})

test("search: German and French inflections, diacritics folded, text shown as written", () => {
  const e = engineWithSnowball(multilingualDocs())
  assert.deepEqual(locations(e.search("häusern")), ["de/"])
  assert.deepEqual(locations(e.search("hauser")), ["de/"])
  assert.deepEqual(locations(e.search("eleve")), ["fr/"])
  const item = e.search("hauser").items[0][0]
  assert.match(item.text, /<mark data-md-highlight>Häuser<\/mark>/)
  assert.ok("häuser" in item.terms, Object.keys(item.terms).join(","))
})

test("search: compounds, joined or apart: e-mail, e mail, email; Datenbankmigration", () => {
  const e = engineWithSnowball(multilingualDocs())
  for (const query of ["email", "e-mail", "e mail"])
    assert.deepEqual(new Set(locations(e.search(query))), new Set(["de/", "en/"]), query)
  assert.deepEqual(locations(e.search("Datenbankmigration")), ["de/"])
  assert.deepEqual(locations(e.search("Datenbank Migration")), ["de/"])
  assert.ok(!("e" in e.search("e mail").items[0][0].terms))  // Material would mark every "e" on the page
})

test("snippet: the sentence around the hit, at most about two lines, never inside an entity", () => {
  const long = "Intro sentence here. " + "word ".repeat(60) + "needle &amp; more " + "tail ".repeat(60) + "."
  const marked = new Set([core.stem("needle")])
  const cut = core.snippet(`<p>${long}</p>`, marked, w => core.stem(core.normalise(w)))
  assert.ok(cut.length <= 200, cut.length)
  assert.match(cut, /needle &amp; more/)
  assert.match(cut, /^… /)
  assert.equal(core.snippet("<p>First one. Second &amp; needle here.</p><p>Third.</p>", marked,
                            w => core.stem(core.normalise(w))), "Second &amp; needle here.")
})

test("needsSnowball: only for languages Snowball stems", () => {
  assert.equal(core.needsSnowball({ config: { lang: ["en"] }, docs: [{}] }), false)
  assert.equal(core.needsSnowball({ config: { lang: ["en"] }, docs: [{ lang: "de-CH" }] }), true)
  assert.equal(core.needsSnowball({ config: { lang: ["zh"], vault_search: { lang: "fr" } }, docs: [] }), true)
})
