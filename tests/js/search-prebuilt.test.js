// The prebuilt index (search-core.js serializeIndex / loadIndex, written at build time by
// hooks/vaultlib/browser/search_prebuild.js): loaded, it is the index buildIndex makes, and answers alike.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const { execFileSync } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const core = require("../../overrides/assets/javascripts/search-core.js")
const snowball = require("snowball-stemmers")

const PREBUILD = path.join(__dirname, "..", "..", "hooks", "vaultlib", "browser", "search_prebuild.js")

// every kind of document the index treats apart: languages, scripts, compounds, term names, figures, boost,
// an empty section, entities and a BOM
const INDEX = {
  config: { lang: ["en"], vault_search: {
    synonyms: [["ec2", "elastic compute cloud"], ["e mail", "email"]],
    keywords: { "compute/#ec2": "ec2 elastic compute cloud" } } },
  docs: [
    { location: "compute/", title: "Compute", text: "<p>Run servers; the e-mail service sends mail.</p>" },
    { location: "compute/#ec2", title: "EC2 &amp; friends", text: "<p>Virtual machines &#x27;in&#x27; the cloud: a&#%b.</p>" },
    { location: "compute/#empty", title: "", text: "" },
    { location: "storage/", title: "Storage", text: "<p>\uFEFFBuckets keep objects.\r\nLifecycle rules move them.</p>", boost: 0.5 },
    { location: "storage/#figures", title: "Figures", text: "<p>Block storage.</p>", figures: "block storage diagram" },
    { location: "云存储/", title: "云存储", text: "<p>我们把备份文件放在Amazon S3里，它按存储量收费。</p>", lang: "zh" },
    { location: "東京/", title: "東京旅行", text: "<p>東京から京都までは新幹線で約二時間かかります。</p>", lang: "ja" },
    { location: "daten/", title: "Datenbanken", text: "<p>Bei der Datenbank-Migration zieht man die Daten auf ein neues System um. Häuser.</p>", lang: "de-DE" },
    { location: "daten/#fr", title: "Élève", text: "<p>Les élèves étudient les bases de données.</p>", lang: "fr" },
  ],
  options: { suggest: true },
}
const QUERIES = ["servers", "ec2", "elastic compute cloud", "email", "e mail", "e-mail", "bucket", "lifecycle rule",
  "block storage", "diagram", "存储", "Amazon", "新幹線", "東京", "Datenbankmigration", "haus", "Häuser", "eleve",
  "donnees", "serv", "virtul machine", "a&#%b", "", "the", "why cloud"]

function roundTrip(data) {
  const built = core.buildIndex(data, { snowball })
  return { built, loaded: core.loadIndex(JSON.parse(JSON.stringify(core.serializeIndex(built, data))), { snowball }) }
}

// what the engine reads, as plain values (typed arrays as arrays, maps as entry lists, key functions by language)
function plain(index) {
  return {
    docs: index.docs, options: index.options, stems: index.stems, vocab: [...index.vocab],
    postings: index.postings.map(list => Array.from(list)), lengths: index.lengths.map(l => Array.from(l)),
    average: index.average, sequences: index.sequences.map(seq => seq.map(ids => Array.from(ids))),
    titles: index.titles, sorted: index.sorted, langs: index.langs, keyers: [...index.keyers.keys()],
    keys: QUERIES.map(q => index.key(q.toLowerCase())), articles: [...index.articles],
    synonyms: JSON.stringify([...index.synonyms]),
  }
}

test("prebuilt: the loaded index is the one buildIndex makes, field by field", () => {
  const { built, loaded } = roundTrip(INDEX)
  assert.deepEqual(plain(loaded), plain(built))
  assert.ok(built.stems.includes("存储") && built.stems.includes("新幹線"), "CJK cut into words")
  assert.ok(built.stems.includes("email"), "the hyphenated compound counts joined")
})

test("prebuilt: every query is answered alike, results and their order", () => {
  const { built, loaded } = roundTrip(INDEX)
  const [a, b] = [core.engine(built), core.engine(loaded)]
  for (const query of QUERIES) assert.deepEqual(b.search(query), a.search(query), query)
  assert.equal(b.search("存储").items[0][0].location, "云存储/")
  assert.equal(b.search("Datenbankmigration").items[0][0].location, "daten/")
})

test("prebuilt: an index of other format or none is not loaded; the theme's options win", () => {
  const serialized = core.serializeIndex(core.buildIndex(INDEX, { snowball }), INDEX)
  assert.equal(core.loadIndex({ ...serialized, format: 0 }), null)
  assert.equal(core.loadIndex(null), null)
  assert.deepEqual(core.loadIndex(serialized, { snowball, options: { suggest: false } }).options, { suggest: false })
})

test("prebuilt: an empty vault", () => {
  const { built, loaded } = roundTrip({ config: { lang: ["en"] }, docs: [] })
  assert.deepEqual(plain(loaded), plain(built))
  assert.deepEqual(core.engine(loaded).search("anything").items, [])
})

test("search_prebuild.js writes what serializeIndex makes of the site's index", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "prebuild-"))
  const source = path.join(folder, "search_index.json"), target = path.join(folder, "vault_index.json")
  const { options, ...material } = INDEX  // Material's file has no options: the build passes the theme's
  fs.writeFileSync(source, JSON.stringify(material))
  execFileSync(process.execPath, [PREBUILD, source, target, JSON.stringify(options)])
  const written = JSON.parse(fs.readFileSync(target, "utf8"))
  assert.deepEqual(written, JSON.parse(JSON.stringify(core.serializeIndex(core.buildIndex(INDEX, { snowball }), INDEX))))
  fs.rmSync(folder, { recursive: true })
})
