/**
 * `npm run audit-precision`: the precision audit on real repositories (issue #14, part 5).
 *
 *   sample:  npm run audit-precision -- sample MANIFEST --seed N --per-project K --out FILE.json
 *            lints every project of the manifest, then draws K findings (error or warning) per project at
 *            random with a seeded generator (same seed, same code, same repositories: same sample), and writes
 *            them with the source lines around each, ready to judge (verdict, fix, note are left empty).
 *   score:   npm run audit-precision -- score JUDGED.json
 *            precision = true positives / (true positives + false positives); debatable calls are left out.
 *            Fix correctness = correct fixes / judged fixes.
 *   recheck: npm run audit-precision -- recheck MANIFEST JUDGED.json
 *            lints again and scores the judged sample as the code reports it now (a finding no longer reported
 *            is left out), to see which judged false alarms are gone.
 *   stats:   npm run audit-precision -- stats MANIFEST [--rule ID]
 *            findings per rule and project (with --rule, every finding of that rule), to look for patterns.
 *
 * MANIFEST is a JSON list of { name, repo, commit, root, paths }: `root` is a folder holding the repository's
 * migrations at their own paths (the CLI runs there, so its .github/migguard.yml applies), `paths` what to lint.
 * Make it a git work tree at that commit (`git --git-dir=<fetched> worktree add --detach ROOT COMMIT`), as a user's
 * clone is: a `git archive` copy lints with no history and fewer deploy files (the script says so).
 * The repositories and the judged samples stay outside this repository.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { lintCommand } from "../src/cli/lint-command.js";

interface Project {
  name: string;
  repo: string;
  commit: string;
  root: string;
  paths: string[];
}
interface LintedFinding {
  path: string;
  line: number;
  endLine: number;
  rule: string;
  category: string;
  severity: "error" | "warning" | "info";
  message: string;
  fix: string;
}
type Verdict = "" | "tp" | "fp" | "debatable";
type FixVerdict = "" | "correct" | "template" | "wrong";
interface SampledFinding extends LintedFinding {
  project: string;
  repo: string;
  commit: string;
  excerpt: string;
  verdict: Verdict;
  fixVerdict: FixVerdict;
  note: string;
}
interface SampleFile {
  date: string;
  seed: number;
  perProject: number;
  projects: Array<{ name: string; repo: string; commit: string; findings: number; files: number }>;
  sample: SampledFinding[];
}

/** mulberry32: a small seeded generator, so a sample can be drawn again. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The project's own stream, so adding a project to the manifest does not change the others' samples. */
function projectSeed(seed: number, name: string): number {
  let h = seed >>> 0;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

function draw<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;
const order = (a: LintedFinding, b: LintedFinding) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);

async function lint(project: Project): Promise<{ findings: LintedFinding[]; files: number }> {
  const result = await lintCommand({ paths: project.paths, format: "json", cwd: project.root });
  const report = JSON.parse(result.output) as { findings: LintedFinding[]; errors: Array<{ path: string; message: string }> };
  for (const e of report.errors) console.error(`${project.name}: not analysed: ${e.path}: ${e.message}`);
  const files = new Set(report.findings.map((f) => f.path)).size;
  return { findings: report.findings.filter((f) => f.severity !== "info").sort(order), files };
}

function excerpt(project: Project, finding: LintedFinding, context = 6): string {
  let lines: string[];
  try {
    lines = readFileSync(join(project.root, finding.path), "utf8").split("\n");
  } catch {
    return "";
  }
  const from = Math.max(1, finding.line - context);
  const to = Math.min(lines.length, Math.max(finding.endLine, finding.line) + context);
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(`${n === finding.line ? ">" : " "}${String(n).padStart(5)}  ${lines[n - 1]}`);
  return out.join("\n");
}

function option(args: string[], name: string, fallback?: string): string {
  const at = args.indexOf(`--${name}`);
  if (at !== -1 && args[at + 1] !== undefined) return args[at + 1];
  if (fallback === undefined) throw new Error(`--${name} is required`);
  return fallback;
}

/**
 * A project outside a git work tree is linted with less than a user's clone gives the CLI (no release tags, no dates
 * of when migrations reached the branch, deploy files one folder deep): said once per project, so a measurement on
 * `git archive` copies is not taken for one on real checkouts (`git worktree add` from a fetched repository is).
 */
function warnOutsideGit(project: Project): void {
  const inside = spawnSync("git", ["-C", project.root, "rev-parse", "--is-inside-work-tree"], { encoding: "utf8" });
  if (inside.stdout.trim() !== "true")
    console.error(`${project.name}: ${project.root} is not a git work tree: migguard reads no history or release tags there, and deploy files one folder deep only`);
}

function loadManifest(path: string): Project[] {
  const base = resolve(path, "..");
  const projects = readJson<Project[]>(path).map((p) => ({ ...p, root: resolve(base, p.root) }));
  projects.forEach(warnOutsideGit);
  return projects;
}

async function sample(args: string[]): Promise<void> {
  const projects = loadManifest(args[0]);
  const seed = Number(option(args, "seed"));
  const perProject = Number(option(args, "per-project", "7"));
  const out = option(args, "out");
  const file: SampleFile = { date: new Date().toISOString().slice(0, 10), seed, perProject, projects: [], sample: [] };
  for (const project of projects) {
    const { findings, files } = await lint(project);
    file.projects.push({ name: project.name, repo: project.repo, commit: project.commit, findings: findings.length, files });
    for (const f of draw(findings, perProject, generator(projectSeed(seed, project.name))).sort(order))
      file.sample.push({ ...f, project: project.name, repo: project.repo, commit: project.commit, excerpt: excerpt(project, f), verdict: "", fixVerdict: "", note: "" });
    console.log(`${project.name}: ${findings.length} findings (error or warning) in ${files} files`);
  }
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  writeFileSync(out.replace(/\.json$/, ".md"), readable(file));
  console.log(`\n${file.sample.length} findings sampled (seed ${seed}) -> ${out}`);
}

function readable(file: SampleFile): string {
  const parts = [`# Precision audit sample (seed ${file.seed}, ${file.perProject} per project, ${file.date})\n`];
  file.sample.forEach((s, i) => {
    parts.push(
      `## ${i + 1}. ${s.project} ${s.path}:${s.line} ${s.rule} (${s.severity})\n`,
      `${s.message}\n`,
      "```\n" + s.excerpt + "\n```\n",
      "fix:\n```\n" + s.fix + "\n```\n",
    );
  });
  return parts.join("\n");
}

function score(sampled: readonly SampledFinding[], label: string): void {
  const count = (v: string) => sampled.filter((s) => s.verdict === v).length;
  const tp = count("tp");
  const fp = count("fp");
  const debatable = count("debatable");
  const unjudged = sampled.filter((s) => !s.verdict).length;
  const fixes = sampled.filter((s) => s.fixVerdict);
  const correct = fixes.filter((s) => s.fixVerdict === "correct").length;
  const pct = (n: number, d: number) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)}%`);
  console.log(`${label}: ${sampled.length} findings: ${tp} true positives, ${fp} false positives, ${debatable} debatable${unjudged ? `, ${unjudged} not judged` : ""}`);
  console.log(`  precision (debatable left out): ${pct(tp, tp + fp)} (${tp}/${tp + fp})`);
  console.log(`  precision (debatable counted as false): ${pct(tp, sampled.length - unjudged)}`);
  console.log(
    `  fixes: ${pct(correct, fixes.length)} correct (${correct}/${fixes.length}; ${fixes.filter((s) => s.fixVerdict === "template").length} templates, ${fixes.filter((s) => s.fixVerdict === "wrong").length} wrong)`,
  );
  const byRule = new Map<string, string[]>();
  for (const s of sampled) byRule.set(s.rule, [...(byRule.get(s.rule) ?? []), s.verdict || "?"]);
  for (const [rule, verdicts] of [...byRule].sort()) console.log(`    ${rule.padEnd(40)} ${verdicts.join(" ")}`);
}

async function recheck(args: string[]): Promise<void> {
  const projects = loadManifest(args[0]);
  const judged = readJson<SampleFile>(args[1]);
  const now = new Map<string, LintedFinding[]>();
  for (const project of projects) now.set(project.name, (await lint(project)).findings);
  const current = (s: SampledFinding) => (now.get(s.project) ?? []).find((f) => f.path === s.path && f.rule === s.rule && f.line === s.line);
  const still = judged.sample.filter((s) => current(s));
  const gone = judged.sample.filter((s) => !still.includes(s));
  // a fix whose text changed since it was judged is not judged any more: its old verdict would not be about it
  const fixChanged = still.filter((s) => s.fixVerdict && current(s)!.fix !== s.fix);
  score(judged.sample, "as judged");
  score(
    still.map((s) => (fixChanged.includes(s) ? { ...s, fixVerdict: "" as FixVerdict } : s)),
    `still reported (${fixChanged.length} of their fixes changed since judged: left out of the fix rate)`,
  );
  for (const s of gone) console.log(`  no longer reported (${s.verdict}): ${s.project} ${s.path}:${s.line} ${s.rule}`);
  // the false alarms left, with the judge's reason: what the next fix works from
  for (const s of still.filter((x) => x.verdict === "fp")) console.log(`  still reported (fp): ${s.project} ${s.path}:${s.line} ${s.rule} :: ${s.note}`);
  for (const s of fixChanged) console.log(`  fix changed (was ${s.fixVerdict}): ${s.project} ${s.path}:${s.line} ${s.rule}`);
}

async function stats(args: string[]): Promise<void> {
  const projects = loadManifest(args[0]);
  const rule = args.includes("--rule") ? option(args, "rule") : undefined;
  const table = new Map<string, Map<string, number>>();
  for (const project of projects) {
    const { findings } = await lint(project);
    for (const f of findings) {
      if (rule) {
        if (f.rule === rule) console.log(`${project.name} ${f.path}:${f.line} ${f.severity} ${f.message}`);
        continue;
      }
      const row = table.get(f.rule) ?? new Map<string, number>();
      row.set(project.name, (row.get(project.name) ?? 0) + 1);
      table.set(f.rule, row);
    }
  }
  if (rule) return;
  for (const [id, row] of [...table].sort((a, b) => sum(b[1]) - sum(a[1])))
    console.log(`${String(sum(row)).padStart(5)}  ${id.padEnd(40)} ${[...row].map(([p, n]) => `${p}:${n}`).join(" ")}`);
}
const sum = (row: Map<string, number>) => [...row.values()].reduce((a, b) => a + b, 0);

const [command, ...rest] = process.argv.slice(2);
if (command === "sample") await sample(rest);
else if (command === "score") score(readJson<SampleFile>(rest[0]).sample, rest[0]);
else if (command === "recheck") await recheck(rest);
else if (command === "stats") await stats(rest);
else {
  console.error("usage: audit-precision sample|score|recheck|stats ... (see scripts/audit-precision.ts)");
  process.exitCode = 2;
}
