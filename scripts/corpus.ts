/**
 * `npm run corpus`: runs the CLI over the labeled corpus (../shared/corpus/labeled by default) and prints
 * recall, clean rate and noise per framework, then every miss and every false error, to find what to fix.
 * Scoring follows the corpus README: an expected item matches a finding of severity error or warning in one
 * of its categories within two lines (any line when the label's line is null).
 */
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { run } from "../src/cli/main.js";

interface ExpectedItem {
  line: number | null;
  categories: string[];
  why: string;
}
interface Case {
  path: string;
  framework: string;
  expect: ExpectedItem[];
}
interface JsonFinding {
  path: string;
  line: number;
  rule: string;
  category: string;
  severity: string;
  message: string;
}

const corpus = resolve(process.argv[2] ?? join(import.meta.dirname, "..", "..", "shared", "corpus", "labeled"));
const verbose = !process.argv.includes("--quiet");
const cases = (JSON.parse(readFileSync(join(corpus, "expected.json"), "utf8")) as { cases: Case[] }).cases;

const result = await run(["lint", "--format", "json", relative(process.cwd(), corpus) || "."]);
const report = JSON.parse(result.output) as { findings: JsonFinding[]; errors: Array<{ path: string; message: string }> };
const byPath = new Map<string, JsonFinding[]>();
for (const f of report.findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);

interface Score {
  items: number;
  matched: number;
  clean: number;
  cleanPassed: number;
  cleanWarnings: number;
}
const scores = new Map<string, Score>();
const misses: string[] = [];
const falseErrors: string[] = [];
const group = (framework: string) => (framework.startsWith("sql") ? "sql" : framework);

for (const c of cases) {
  const path = relative(process.cwd(), join(corpus, c.path));
  const findings = (byPath.get(path) ?? []).filter((f) => f.severity === "error" || f.severity === "warning");
  for (const key of new Set([group(c.framework), "all"])) {
    if (!scores.has(key)) scores.set(key, { items: 0, matched: 0, clean: 0, cleanPassed: 0, cleanWarnings: 0 });
  }
  const keys = [group(c.framework), "all"];
  if (c.expect.length === 0) {
    const errors = findings.filter((f) => f.severity === "error");
    const warnings = findings.filter((f) => f.severity === "warning").length;
    for (const key of keys) {
      const s = scores.get(key)!;
      s.clean++;
      if (errors.length === 0) s.cleanPassed++;
      s.cleanWarnings += warnings;
    }
    for (const e of errors) falseErrors.push(`${c.path}:${e.line} ${e.rule} (${e.category}): ${e.message}`);
    continue;
  }
  for (const item of c.expect) {
    const hit = findings.some((f) => item.categories.includes(f.category) && (item.line === null || Math.abs(f.line - item.line) <= 2));
    for (const key of keys) {
      const s = scores.get(key)!;
      s.items++;
      if (hit) s.matched++;
    }
    if (!hit) misses.push(`${c.path}:${item.line ?? "-"} [${item.categories.join(",")}] ${item.why}`);
  }
}

const pct = (a: number, b: number) => (b === 0 ? "  n/a" : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
console.log(`labeled corpus: ${corpus} (${cases.length} cases)\n`);
console.log("framework   recall            clean rate        noise (warnings per clean case)");
for (const [key, s] of [...scores.entries()].sort(([a], [b]) => (a === "all" ? 1 : b === "all" ? -1 : a.localeCompare(b)))) {
  console.log(
    `${key.padEnd(11)} ${pct(s.matched, s.items)} (${s.matched}/${s.items})`.padEnd(30) +
      `${pct(s.cleanPassed, s.clean)} (${s.cleanPassed}/${s.clean})`.padEnd(18) +
      (s.clean ? (s.cleanWarnings / s.clean).toFixed(2) : "n/a"),
  );
}
if (verbose) {
  if (misses.length) console.log(`\nmissed (${misses.length}):\n  ${misses.join("\n  ")}`);
  if (falseErrors.length) console.log(`\nerrors on clean cases (${falseErrors.length}):\n  ${falseErrors.join("\n  ")}`);
  if (report.errors.length) console.log(`\nfiles not analysed (${report.errors.length}):\n  ${report.errors.map((e) => `${e.path}: ${e.message}`).join("\n  ")}`);
}
