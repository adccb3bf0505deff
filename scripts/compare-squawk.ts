/**
 * Side by side with squawk (the peer that runs offline here) on the SQL cases of the labeled corpus:
 * the same scoring for both tools. squawk's rules are mapped to the corpus categories by what they detect;
 * its style rules (prefer-*, ban-char-field, robust statements, enum ordering) map to none.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { run } from "../src/cli/main.js";
import { scoreCorpus, scoreTable, type LabeledCase, type ScoredFinding } from "./corpus-score.js";
import { findSquawk, SQUAWK_PACKAGE } from "./squawk-binary.js";

const SQUAWK_CATEGORIES: Record<string, string> = {
  "adding-field-with-default": "blocking-lock",
  "adding-foreign-key-constraint": "blocking-lock",
  "adding-not-nullable-field": "blocking-lock",
  "adding-required-field": "breaking-change",
  "adding-serial-primary-key-field": "blocking-lock",
  "ban-alter-domain-with-add-constraint": "blocking-lock",
  "ban-create-domain-with-constraint": "blocking-lock",
  "ban-concurrent-index-creation-in-transaction": "transaction",
  "ban-drop-column": "data-loss",
  "ban-drop-database": "data-loss",
  "ban-drop-not-null": "breaking-change",
  "ban-drop-table": "data-loss",
  "ban-truncate-cascade": "data-loss",
  "ban-uncommitted-transaction": "transaction",
  "changing-column-type": "blocking-lock",
  "constraint-missing-not-valid": "blocking-lock",
  "disallowed-unique-constraint": "blocking-lock",
  "renaming-column": "breaking-change",
  "renaming-table": "breaking-change",
  "require-concurrent-index-creation": "blocking-lock",
  "require-concurrent-index-deletion": "blocking-lock",
  "require-lock-timeout": "blocking-lock",
  "require-timeout-settings": "blocking-lock",
  "transaction-nesting": "transaction",
};
const TIMEOUT_RULES = new Set(["require-lock-timeout", "require-statement-timeout", "require-timeout-settings"]);

const corpus = resolve(process.argv[2] ?? join(import.meta.dirname, "..", "..", "shared", "corpus", "labeled"));
const cases = (JSON.parse(readFileSync(join(corpus, "expected.json"), "utf8")) as { cases: LabeledCase[] }).cases.filter((c) => c.framework.startsWith("sql"));
const files = cases.map((c) => join(corpus, c.path));

const squawkBin = findSquawk();
if (!squawkBin) {
  console.error(`squawk is not installed; run: npm install --no-save ${SQUAWK_PACKAGE}`);
  process.exit(2);
}
const started = performance.now();
const squawk = spawnSync(squawkBin, ["--reporter", "json", "--pg-version", "15", ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const squawkMs = performance.now() - started;
const squawkItems = JSON.parse(squawk.stdout || "[]") as Array<{ file: string; line: number; level: string; rule_name: string; message: string }>;
const squawkBy = new Map<string, ScoredFinding[]>();
for (const item of squawkItems) {
  const finding = { line: item.line + 1, rule: item.rule_name, category: SQUAWK_CATEGORIES[item.rule_name] ?? "style", severity: item.level.toLowerCase(), message: item.message };
  squawkBy.set(resolve(item.file), [...(squawkBy.get(resolve(item.file)) ?? []), finding]);
}

const ours = await run(["lint", "--format", "json", ...files.map((f) => relative(process.cwd(), f))]);
const oursBy = new Map<string, ScoredFinding[]>();
for (const f of (JSON.parse(ours.output) as { findings: Array<ScoredFinding & { path: string }> }).findings) oursBy.set(resolve(f.path), [...(oursBy.get(resolve(f.path)) ?? []), f]);

const of = (map: Map<string, ScoredFinding[]>) => (c: LabeledCase) => map.get(resolve(join(corpus, c.path))) ?? [];
for (const [name, map] of [["migguard", oursBy], ["squawk 2.66.0", squawkBy]] as const) {
  console.log(`\n${name}:`);
  console.log(scoreTable(scoreCorpus(cases, of(map)).scores).filter((l) => !l.startsWith("all")).join("\n"));
  console.log(`without lock/statement-timeout reminders:\n${scoreTable(scoreCorpus(cases, of(map), { ignoreRules: TIMEOUT_RULES }).scores).filter((l) => !l.startsWith("all")).join("\n")}`);
}
console.log(`\nsquawk: ${squawkItems.length} findings on ${files.length} files in ${squawkMs.toFixed(0)} ms; squawk levels: ${[...new Set(squawkItems.map((i) => i.level))].join(", ")}`);
const missedBySquawk = scoreCorpus(cases, of(squawkBy), { ignoreRules: TIMEOUT_RULES }).misses;
console.log(`squawk misses (timeouts aside): ${missedBySquawk.length}\n  ${missedBySquawk.join("\n  ")}`);
