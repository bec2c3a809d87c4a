// Renders CSL-JSON items with a CSL style through citeproc-js, one bibliography entry per item, as plain text.
// Input on stdin: {"style": "<path to .csl>", "locales": "<folder with locales-xx-XX.xml>", "lang": "zh-CN", "items": [...]}
// Output on stdout: a JSON array of strings, in the order of the items.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const items = new Map(input.items.map(item => [String(item.id), item]));
const sys = {
  retrieveLocale: lang => {
    const file = path.join(input.locales, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: id => items.get(String(id)),
};
const out = [];
for (const item of input.items) {
  // One engine per item: numbering and disambiguation across items must not change an entry's text.
  const engine = new CSL.Engine(sys, fs.readFileSync(input.style, "utf8"), input.lang || "zh-CN");
  engine.setOutputFormat("text");
  engine.updateItems([String(item.id)]);
  const [, entries] = engine.makeBibliography();
  out.push(entries.join("").trim());
}
process.stdout.write(JSON.stringify(out));
