/** `npm run docs`: writes docs/rules/<rule-id>.md for every rule, and the index, from the rules themselves. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { allRulePages } from "../src/cli/rule-docs.js";

const dir = join(import.meta.dirname, "..", "docs", "rules");
mkdirSync(dir, { recursive: true });
const pages = await allRulePages();
for (const file of readdirSync(dir)) if (file.endsWith(".md") && !pages.has(file)) rmSync(join(dir, file)); // rules that no longer exist
for (const [file, content] of pages) writeFileSync(join(dir, file), content);
console.log(`wrote ${pages.size} pages to ${dir}`);
