// citeproc-js under plain Node.js, the reference for bench/citations_vs_citeproc.py.
//
//   node bench/citeproc_reference.mjs < items.json > texts.json
//
// Reads a JSON array of CSL-JSON items on stdin and prints {style id: {item id: text}}:
// each item's bibliography entry, output format "text", trimmed (the normalisation of
// scholarly/csl/_engine.py). It uses the pinned citeproc package, styles and locales of
// tests/fixtures/csl (generate.mjs writes the engine tests' expectations from the same
// files), so the reference is citeproc-js as any client runs it, not our V8 embedding.
// One engine per style; updateItems([id]) before each item leaves only that item in
// the engine's registry.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "tests", "fixtures", "csl");
const require = createRequire(join(fixtures, "package.json"));
const CSL = require("citeproc");
const readText = (rel) => readFileSync(join(fixtures, rel), "utf8");

const items = JSON.parse(readFileSync(0, "utf8"));
const byId = new Map(items.map((item) => [String(item.id), item]));
const styles = JSON.parse(readText("styles.json"));

function retrieveLocale(lang) {
  try {
    return readText(join("locales", `locales-${lang}.xml`));
  } catch {
    return false;
  }
}

const texts = {};
for (const style of styles) {
  const sys = { retrieveLocale, retrieveItem: (id) => byId.get(String(id)) };
  const engine = new CSL.Engine(sys, readText(style.file), style.locale, true);
  engine.setOutputFormat("text");
  texts[style.id] = {};
  for (const id of byId.keys()) {
    engine.updateItems([id]);
    const [, entries] = engine.makeBibliography();
    texts[style.id][id] = entries.join("").trim();
  }
}
process.stdout.write(JSON.stringify(texts));
