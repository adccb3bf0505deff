/**
 * docs/rules is generated (`npm run docs`) from the rules' metadata and case tables, and committed: this
 * test fails when a page no longer matches what the generator writes, so a changed rule, case or message
 * cannot merge with stale docs. The generator runs the execution rules' cases in one PGlite, closed after.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOGUE } from "../../src/engine/catalogue.js";
import { allRulePages } from "../../src/cli/rule-docs.js";

const DIR = join(import.meta.dirname, "..", "..", "docs", "rules");
const STALE = "is stale: run npm run docs and commit docs/rules";

let pages: Map<string, string>;
beforeAll(async () => {
  pages = await allRulePages();
}, 180_000);

const committed = (file: string) => (existsSync(join(DIR, file)) ? readFileSync(join(DIR, file), "utf8") : undefined);

it("has a page for every rule and the index, and no page for a rule that does not exist", () => {
  const expected = ["README.md", ...CATALOGUE.map((e) => `${e.meta.id}.md`)].sort();
  expect({ pages: [...pages.keys()].sort() }).toEqual({ pages: expected });
  const onDisk = readdirSync(DIR).filter((f) => f.endsWith(".md"));
  const missing = expected.filter((f) => !onDisk.includes(f));
  const extra = onDisk.filter((f) => !expected.includes(f));
  if (missing.length || extra.length)
    throw new Error(`docs/rules ${STALE} (missing: ${missing.join(", ") || "none"}; not generated any more: ${extra.join(", ") || "none"})`);
});

it.each(["README.md", ...CATALOGUE.map((e) => `${e.meta.id}.md`)])("docs/rules/%s matches the generator", (file) => {
  const generated = pages.get(file);
  expect(generated).toBeDefined();
  const actual = committed(file);
  if (actual !== generated) throw new Error(`docs/rules/${file} ${STALE}${actual === undefined ? " (the page is missing)" : ""}`);
});
