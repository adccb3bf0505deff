/**
 * `npm run corpus`: runs the CLI over the labeled corpus (../shared/corpus/labeled by default) and prints
 * recall, clean rate and noise per framework, then every miss and every false error, to find what to fix.
 * A second table leaves out the lock_timeout reminder, which sits on the first locking statement and could
 * otherwise match a blocking-lock label by position alone.
 */
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { run } from "../src/cli/main.js";
import { scoreCorpus, scoreTable, type LabeledCase, type ScoredFinding } from "./corpus-score.js";

const corpus = resolve(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? join(import.meta.dirname, "..", "..", "shared", "corpus", "labeled"));
const verbose = !process.argv.includes("--quiet");
const cases = (JSON.parse(readFileSync(join(corpus, "expected.json"), "utf8")) as { cases: LabeledCase[] }).cases;

const result = await run(["lint", "--format", "json", relative(process.cwd(), corpus) || "."]);
const report = JSON.parse(result.output) as { findings: Array<ScoredFinding & { path: string }>; errors: Array<{ path: string; message: string }> };
const byPath = new Map<string, ScoredFinding[]>();
for (const f of report.findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
const findingsOf = (c: LabeledCase) => byPath.get(relative(process.cwd(), join(corpus, c.path))) ?? [];

const scored = scoreCorpus(cases, findingsOf);
console.log(`labeled corpus: ${corpus} (${cases.length} cases)\n`);
console.log(scoreTable(scored.scores).join("\n"));
const strict = scoreCorpus(cases, findingsOf, { ignoreRules: new Set(["require-lock-timeout"]) });
console.log(`\nwithout the require-lock-timeout reminder:\n${scoreTable(strict.scores).join("\n")}`);
if (verbose) {
  if (scored.misses.length) console.log(`\nmissed (${scored.misses.length}):\n  ${scored.misses.join("\n  ")}`);
  if (scored.falseErrors.length) console.log(`\nerrors on clean cases (${scored.falseErrors.length}):\n  ${scored.falseErrors.join("\n  ")}`);
  if (report.errors.length) console.log(`\nfiles not analysed (${report.errors.length}):\n  ${report.errors.map((e) => `${e.path}: ${e.message}`).join("\n  ")}`);
}
