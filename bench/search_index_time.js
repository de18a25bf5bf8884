// How long the search worker takes to get ready at scale, outside the browser (same V8 as Chromium):
// JSON.parse of the index, then building the worker's structures (search-core.js buildIndex), then queries;
// and the same from the index prebuilt at build time (serializeIndex's JSON, then loadIndex), as the worker
// loads it from search/vault_index.json.
//
//   .venv/bin/python bench/make_vault.py /tmp/vault-2000 --notes 2000     # the synthetic vault (markdown only)
//   node bench/search_index_time.js /tmp/vault-2000/docs [--old REV]      # --old: also the worker at git REV
//
// The index is made from the notes as Material's search plugin would (one document per heading), not by a
// build, so it is an estimate of the worker's share of the ready time; bench/search_quality.py measures the
// real thing in Chromium.
"use strict"
const fs = require("fs")
const path = require("path")
const vm = require("vm")
const { execFileSync } = require("child_process")
const core = require("../overrides/assets/javascripts/search-core.js")
const snowball = require("snowball-stemmers")

const QUERIES = ["widget lattice", "data pipeline", "cache", "storage backup policy", "WLS7", "gadget"]

function notes(folder) {
  const found = []
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) found.push(...notes(full))
    else if (entry.name.endsWith(".md")) found.push(full)
  }
  return found
}

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
}

function indexOf(folder) {
  const docs = []
  for (const file of notes(folder)) {
    const page = path.relative(folder, file).replace(/\.md$/, "/")
    let doc = { location: page, title: path.basename(file, ".md"), text: [] }
    docs.push(doc)
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      const heading = /^#{1,6}\s+(.*)/.exec(line)
      if (heading) docs.push(doc = { location: `${page}#${docs.length}`, title: escape(heading[1]), text: [] })
      else if (line.trim()) doc.text.push(`<p>${escape(line.replace(/\[\[|\]\]|[*_`>#!-]/g, " "))}</p>`)
    }
  }
  for (const doc of docs) doc.text = doc.text.join(" ")
  return { config: { lang: ["en"], separator: "[\\s\\-]+", pipeline: ["stemmer"] }, docs }
}

function oldWorker(rev) {
  const source = execFileSync("git", ["show", `${rev}:overrides/assets/javascripts/search-worker.js`], { encoding: "utf8" })
  const context = { addEventListener() {}, postMessage() {}, console }
  vm.createContext(context)
  vm.runInContext(source.replace(/^"use strict"/m, ""), context)
  const build = vm.runInContext("data => { index = buildIndex(data) }", context)
  const search = vm.runInContext("query => search(query)", context)
  return { build, search }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function time(fn) {
  const start = process.hrtime.bigint()
  const value = fn()
  return [Number(process.hrtime.bigint() - start) / 1e6, value]
}

function report(name, build, search, json) {
  const parse = [], setup = [], queries = []
  for (let run = 0; run < 3; run++) {
    const [p, data] = time(() => JSON.parse(json))
    const [b, engine] = time(() => build(data))
    parse.push(p)
    setup.push(b)
    for (const query of QUERIES) queries.push(time(() => search(engine, query))[0])
  }
  console.log(`| ${name} | ${median(parse).toFixed(0)} | ${median(setup).toFixed(0)} | ` +
              `${median(queries).toFixed(1)} / ${Math.max(...queries).toFixed(1)} |`)
}

const folder = process.argv[2]
const old = process.argv.indexOf("--old")
const json = JSON.stringify(indexOf(folder))
console.log(`${notes(folder).length} notes, ${JSON.parse(json).docs.length} documents, index ${(json.length / 1e6).toFixed(1)} MB`)
console.log("| worker | JSON.parse (ms) | build (ms) | query (ms), median / max |\n|---|---:|---:|---:|")
report("search-core.js (this branch)", data => core.engine(core.buildIndex(data, { snowball })),
       (engine, query) => engine.search(query), json)
const data = JSON.parse(json)
const prebuilt = JSON.stringify(core.serializeIndex(core.buildIndex(data, { snowball }), data))
console.log(`prebuilt index ${(prebuilt.length / 1e6).toFixed(1)} MB`)
report("search-core.js, prebuilt (loadIndex)", serialized => core.engine(core.loadIndex(serialized, { snowball })),
       (engine, query) => engine.search(query), prebuilt)
if (old > 0) {
  const worker = oldWorker(process.argv[old + 1])
  report(`search-worker.js at ${process.argv[old + 1]}`, data => worker.build(data), (_, query) => worker.search(query), json)
}
