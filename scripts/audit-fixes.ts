/**
 * `npm run audit-fixes PATH [--all] [--rule ID]`: lints PATH as `migguard lint` does, collects every distinct
 * fix (per language: the language of the file the finding is on, SQL in its folder's database's dialect), parses
 * each as a whole in its language (Ruby with Prism, Python with tree-sitter Python, PostgreSQL with libpg-query,
 * MySQL/MariaDB with the MySQL grammar) and prints the parse rate per language, then the failing fixes grouped
 * by rule (a few per rule; every one with --all).
 */
import { relative, resolve } from "node:path";
import { lintAnalysis } from "../src/cli/lint-command.js";
import type { Database } from "../src/engine/model.js";
import { checkFixSyntax, fixLanguageOf, loadFixParsers, type FixLanguage } from "../src/engine/testing/fix-syntax.js";

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

const pct = (ok: number, total: number) => (total ? `${((100 * ok) / total).toFixed(1)}%` : "-");
const all = [...tally.values()].reduce((a, t) => ({ ok: a.ok + t.ok, total: a.total + t.total }), { ok: 0, total: 0 });
console.log(`fixes of ${report.findings.length} findings in ${target}${onlyRule ? ` (rule ${onlyRule})` : ""}: ${distinct.size} distinct\n`);
console.log("| language | fixes that parse | rate |\n|---|---|---|");
for (const [language, t] of tally) if (t.total || language !== "mysql") console.log(`| ${language} | ${t.ok}/${t.total} | ${pct(t.ok, t.total)} |`);
console.log(`| all | ${all.ok}/${all.total} | ${pct(all.ok, all.total)} |`);
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
