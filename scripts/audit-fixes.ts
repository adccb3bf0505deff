/**
 * `npm run audit-fixes PATH [--all] [--rule ID]`: lints PATH as `migguard lint` does, collects every distinct
 * fix (per language: the language of the file the finding is on, SQL in its folder's database's dialect), parses
 * each as a whole in its language (Ruby with Prism, Python with tree-sitter Python, PostgreSQL with libpg-query,
 * MySQL/MariaDB with the MySQL grammar) and prints the parse rate per language, the Ruby fixes that name a local of
 * their migration where it is undefined, then the failing fixes grouped by rule (a few per rule; every one with
 * --all). Then every PostgreSQL fix on a plain SQL migration runs in PGlite on the schema its migration finds
 * (scripts/fix-runs.ts): the share that runs, and the failures by rule.
 */
import { relative, resolve } from "node:path";
import { lintAnalysis } from "../src/cli/lint-command.js";
import type { Database } from "../src/engine/model.js";
import { collectFiles } from "../src/cli/collect-files.js";
import { runSqlFixes, type FixRun } from "./fix-runs.js";
import { checkFixSyntax, fixLanguageOf, loadFixParsers, type FixLanguage } from "../src/engine/testing/fix-syntax.js";
import { unboundLocals } from "../src/engine/testing/unbound-locals.js";
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const target = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--rule");
if (!target) {
  console.error("usage: npm run audit-fixes PATH [--all] [--rule ID]");
  process.exit(2);
}
const showAll = args.includes("--all");
const onlyRule = args.includes("--rule") ? args[args.indexOf("--rule") + 1] : undefined;

await loadFixParsers();
const report = await lintAnalysis({ paths: [relative(process.cwd(), resolve(target)) || "."], format: "json" });

/** The database of the migrations folder a finding's file is in (the deepest folder decided that holds it). */
function databaseOf(path: string): Database | undefined {
  let best: { folder: string; database: Database } | undefined;
  for (const d of report.databases)
    if ((d.folder === "" || path.startsWith(`${d.folder}/`)) && (!best || d.folder.length > best.folder.length)) best = d;
  return best?.database;
}

interface Distinct {
  language: FixLanguage;
  fix: string;
  rules: Set<string>;
  where: string;
  error?: string;
}
const distinct = new Map<string, Distinct>();
let otherLanguages = 0;
for (const f of report.findings) {
  if (onlyRule && f.rule !== onlyRule) continue;
  const language = fixLanguageOf(f.path, databaseOf(f.path));
  if (!language) {
    otherLanguages++;
    continue;
  }
  if (!f.fix.trim()) continue;
  const key = `${language}\u0000${f.fix}`;
  const seen = distinct.get(key);
  if (seen) seen.rules.add(f.rule);
  else distinct.set(key, { language, fix: f.fix, rules: new Set([f.rule]), where: `${f.path}:${f.line}` });
}

const LANGUAGES: FixLanguage[] = ["python", "ruby", "sql", "mysql"];
const tally = new Map(LANGUAGES.map((l) => [l, { ok: 0, total: 0 }]));
const failures: Distinct[] = [];
for (const d of distinct.values()) {
  const syntax = checkFixSyntax(d.language, d.fix);
  const t = tally.get(d.language)!;
  t.total++;
  if (syntax.ok) t.ok++;
  else failures.push({ ...d, error: syntax.error });
}
// a Ruby fix that parses may still name a local of its migration where it is undefined (NameError when run)
const unbound: (Distinct & { names: string[] })[] = [];
for (const d of distinct.values()) {
  if (d.language !== "ruby" || !checkFixSyntax("ruby", d.fix).ok) continue;
  const names = unboundLocals(d.fix, readFileSync(d.where.replace(/:\d+$/, ""), "utf8"));
  if (names.length) unbound.push({ ...d, names });
}

const pct = (ok: number, total: number) => (total ? `${((100 * ok) / total).toFixed(1)}%` : "-");
const all = [...tally.values()].reduce((a, t) => ({ ok: a.ok + t.ok, total: a.total + t.total }), { ok: 0, total: 0 });
console.log(`fixes of ${report.findings.length} findings in ${target}${onlyRule ? ` (rule ${onlyRule})` : ""}: ${distinct.size} distinct\n`);
console.log("| language | fixes that parse | rate |\n|---|---|---|");
for (const [language, t] of tally) if (t.total || language !== "mysql") console.log(`| ${language} | ${t.ok}/${t.total} | ${pct(t.ok, t.total)} |`);
console.log(`| all | ${all.ok}/${all.total} | ${pct(all.ok, all.total)} |`);
const rubyTotal = tally.get("ruby")!.total;
if (rubyTotal) console.log(`\nRuby fixes that name a local of their migration where it is undefined (NameError): ${unbound.length}/${rubyTotal}`);
for (const d of showAll ? unbound : unbound.slice(0, 3)) console.log(`  ${d.where} (${[...d.rules].join(", ")}): ${d.names.join(", ")}`);
if (otherLanguages) console.log(`\n(${otherLanguages} findings on files in other languages, e.g. Liquibase XML, not counted)`);
if (report.errors.length) console.log(`\n${report.errors.length} files not analysed`);

const byRule = new Map<string, Distinct[]>();
for (const f of failures) for (const rule of f.rules) byRule.set(rule, [...(byRule.get(rule) ?? []), f]);
if (byRule.size) console.log(`\nfixes that do not parse, by rule:`);
for (const [rule, list] of [...byRule].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`\n## ${rule}: ${list.length}`);
  for (const f of showAll ? list : list.slice(0, 3)) {
    console.log(`\n${f.where} (${f.language}) ${f.error}`);
    console.log(f.fix.split("\n").map((l) => `    ${l}`).join("\n"));
  }
}

// SQL fixes run, not only parse: each finding's fix (once per place and text) on its migration's schema
const paths = [relative(process.cwd(), resolve(target)) || "."];
const sqlFixes = new Map<string, { path: string; line: number; rule: string; fix: string }>();
for (const f of report.findings) {
  if (onlyRule && f.rule !== onlyRule) continue;
  if (fixLanguageOf(f.path, databaseOf(f.path)) !== "sql") continue;
  sqlFixes.set(`${f.path}\u0000${f.line}\u0000${f.fix}`, { path: f.path, line: f.line, rule: f.rule, fix: f.fix });
}
const allRuns = await runSqlFixes(collectFiles(paths, report.config).files, report.config, [...sqlFixes.values()]);
// checked on the whole history before them; the others ran after a migration of their set failed in PGlite
const runs = allRuns.filter((r) => !r.afterFailure);
const partial = allRuns.filter((r) => r.afterFailure);
const count = (list: FixRun[], kind: FixRun["verdict"]["kind"]) => list.filter((r) => r.verdict.kind === kind).length;
const ran = count(runs, "ran");
const failedWhole = runs.filter((r) => r.verdict.kind === "failed");
const partialRan = count(partial, "ran");
const partialFailed = count(partial, "failed");
const failed = allRuns.filter((r) => r.verdict.kind === "failed");
console.log(`\nPostgreSQL fixes on SQL migrations, run in PGlite on the schema the migration finds (${allRuns.length} of ${sqlFixes.size} placed fixes are on a plain SQL migration):\n`);
console.log("| history before the fix | fixes that run | rate | holds VACUUM/CREATE DATABASE... (not run) | not checked |\n|---|---|---|---|---|");
console.log(`| applied whole | ${ran}/${ran + failedWhole.length} | ${pct(ran, ran + failedWhole.length)} | ${count(runs, "outside-transaction")} | ${count(runs, "not-checked")} |`);
console.log(`| an earlier migration failed in PGlite and was skipped | ${partialRan}/${partialRan + partialFailed} | ${pct(partialRan, partialRan + partialFailed)} | ${count(partial, "outside-transaction")} | ${count(partial, "not-checked")} |`);
const failedMigrations = new Map<string, number>();
for (const r of partial) failedMigrations.set(r.afterFailure!, (failedMigrations.get(r.afterFailure!) ?? 0) + 1);
for (const [reason, n] of failedMigrations) console.log(`  after a failed migration (${n} fixes): ${reason}`);
const notChecked = new Map<string, number>();
for (const r of allRuns) if (r.verdict.kind === "not-checked") notChecked.set(r.verdict.reason, (notChecked.get(r.verdict.reason) ?? 0) + 1);
for (const [reason, n] of notChecked) console.log(`  not checked (${n}): ${reason}`);
const failedByRule = new Map<string, FixRun[]>();
for (const f of failed) failedByRule.set(f.rule, [...(failedByRule.get(f.rule) ?? []), f]);
if (failedByRule.size) console.log(`\nSQL fixes that do not run, by rule:`);
for (const [rule, list] of [...failedByRule].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`\n## ${rule}: ${list.length}`);
  for (const f of showAll ? list : list.slice(0, 3)) {
    console.log(`\n${f.path}:${f.line}${f.afterFailure ? " (after a failed migration)" : ""} ${f.verdict.kind === "failed" ? f.verdict.error : ""}`);
    console.log(f.fix.split("\n").map((l) => `    ${l}`).join("\n"));
  }
}
