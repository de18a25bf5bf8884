/* Build step (run by search_prebuilt.py, in Node): the search worker's index, prebuilt from the site's
 * completed search index by the very code the worker would run (search-core.js buildIndex), so the browser
 * only loads it. Why Node and not Python: the words of Chinese, Japanese, Thai... are cut by ICU's
 * dictionaries (Intl.Segmenter), and other languages are stemmed by snowball-stemmers; Python has neither
 * without new native dependencies, and anything else would cut or stem some words otherwise than the
 * worker's queries do. Node is already needed to build (npm installs the browser files).
 *
 *   node search_prebuild.js SEARCH_INDEX_JSON OUTPUT_JSON OPTIONS_JSON
 */
"use strict"
const fs = require("fs")
const path = require("path")
const core = require(path.join(__dirname, "..", "..", "..", "overrides", "assets", "javascripts", "search-core.js"))

function snowballFor(data) {
  if (!core.needsSnowball(data)) return undefined
  return require("snowball-stemmers")  // resolved from the project's node_modules (npm ci)
}

function main([source, target, options]) {
  const data = JSON.parse(fs.readFileSync(source, "utf8"))
  data.options = JSON.parse(options || "{}")
  const index = core.buildIndex(data, { snowball: snowballFor(data) })
  fs.writeFileSync(target, JSON.stringify(core.serializeIndex(index, data)))
}

main(process.argv.slice(2))
