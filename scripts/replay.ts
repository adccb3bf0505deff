/**
 * `npm run replay -- REPO_DIR N [--labels FILE] [--json FILE] [--quiet]`: replays the last N commits of a
 * git repository that touch a migration (or a schema dump) through `migguard review --base C^`, the review
 * the App runs on a pull request, and prints the findings per commit.
 *
 * Commits are walked along the first parent, so a merge commit stands for the whole pull request it merged
 * (its diff against the branch it was merged into) and a squash-merged pull request is one commit either way;
 * a rebase-merged one (consecutive commits with one committer, commit times seconds apart) is reviewed as one change.
 * Each commit is checked out in a throwaway worktree of REPO_DIR (its own work tree is never touched) and
 * reviewed in process through the CLI's `run`, exactly as `migguard review --base C^1 --format json` would
 * (`--base` the parent of the oldest commit for a rebase-merged pull request).
 *
 * `--labels FILE` scores the findings against hand judgements, one per line:
 *   tp|fp <commit prefix> <rule> <path>:<line>   # why
 * and prints precision over errors and warnings, the checks that would fail without a real hazard, and every
 * error or warning not judged yet (as label lines to fill in). `--json FILE` writes every finding.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { run } from "../src/cli/main.js";
import { loadCliConfig } from "../src/cli/config-file.js";
import { detectMigrationPath } from "../src/engine/review/classify.js";
import { schemaDumpOf } from "../src/engine/repository/schema-dump-paths.js";
import { signalKind } from "../src/engine/database/signal-paths.js";
import { loadPythonParser } from "../src/engine/adapters/python/parser.js";
import { withDjangoMigrationModules } from "../src/engine/migration-folders/django-migration-modules.js";
import { withAlembicVersionLocations } from "../src/engine/migration-folders/alembic-version-locations.js";
import { withMarkedSqlFolders } from "../src/engine/migration-folders/marked-sql-folders.js";

interface Finding {
  path: string;
  line: number;
  rule: string;
  severity: "error" | "warning" | "info";
  message: string;
  fix: string;
}

interface Replayed extends Change {
  exitCode: number;
  findings: Finding[];
  errors: Array<{ path: string; message: string }>;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { labels: { type: "string" }, json: { type: "string" }, quiet: { type: "boolean" } },
});
const [repoArg, countArg] = positionals;
if (!repoArg || !countArg || !/^\d+$/.test(countArg)) {
  console.error("usage: npm run replay -- REPO_DIR N [--labels FILE] [--json FILE] [--quiet]");
  process.exit(2);
}
const repo = resolve(repoArg);
const wanted = Number(countArg);

const git = (args: string[], cwd = repo) => execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });

/** One reviewed change: `commit` is its newest commit, `base` what it is reviewed against. */
interface Change {
  commit: string;
  base: string;
  subject: string;
  date: string;
  /** every commit of the change, newest first: a label written against any of them judges the change's finding */
  members: string[];
}

interface LogEntry {
  commit: string;
  parents: string[];
  subject: string;
  date: string;
  /** committer and commit time: a rebase-merged pull request's commits share both */
  stamp: string;
  paths: string[];
}

/** Seconds between two commits a rebase replays: one push's rebase stamps its commits within a few seconds (Nest's 14 in 3 s). */
const REBASE_SECONDS = 5;

/** Two stamps (`committer-email unix-time`) of one rebase: the same committer, commit times at most REBASE_SECONDS apart. */
function sameRebaseStamp(newer: string, older: string): boolean {
  const [who, when] = newer.split(" ");
  const [whoOlder, whenOlder] = older.split(" ");
  return who === whoOlder && Math.abs(Number(when) - Number(whenOlder)) <= REBASE_SECONDS;
}

/**
 * The newest `wanted` changes along the first parent whose diff against their base touches a migration or dump.
 * A merge stands for its pull request, and so does a squash. A rebase-merged pull request lands as several
 * first-parent commits that GitHub (like a local rebase) stamps with one committer and one commit time, or times
 * seconds apart when a local rebase replays many: those consecutive commits are one change, reviewed against the parent of the oldest, as the App reviewed the PR.
 */
async function migrationCommits(): Promise<Change[]> {
  // the folders the repository's settings add (Django's MIGRATION_MODULES, alembic.ini's version_locations), as the review reads them
  await loadPythonParser();
  const listing = git(["ls-tree", "-r", "--name-only", "HEAD"]).split("\n").filter((path) => path !== "");
  const project = listing.filter((path) => signalKind(path) !== undefined).map((path) => ({ path, content: git(["show", `HEAD:${path}`]) }));
  // and the SQL folders a runner's file marks (Drizzle's meta/_journal.json, tern.conf, atlas.sum), as the review reads them
  const config = withMarkedSqlFolders(withAlembicVersionLocations(withDjangoMigrationModules((await loadCliConfig(undefined, repo)).config, project), project), listing);
  const touches = (path: string) => detectMigrationPath(path, config) !== undefined || schemaDumpOf(path, config) !== undefined;
  const out: Change[] = [];
  let group: LogEntry[] = [];
  const close = () => {
    const newest = group[0];
    const oldest = group[group.length - 1];
    // the root commit has no parent to review against
    if (newest && oldest.parents.length > 0 && group.some((e) => e.paths.some((p) => p && touches(p))))
      out.push({ commit: newest.commit, base: oldest.parents[0], subject: newest.subject, date: newest.date, members: group.map((e) => e.commit) });
    group = [];
  };
  const batch = 1000;
  let done = false;
  for (let skip = 0; !done; skip += batch) {
    const log = git(["-c", "core.quotepath=false", "log", "--first-parent", "--diff-merges=first-parent", "--no-renames", "--name-only", `--skip=${skip}`, `-n${batch}`, "--format=%x01%H%x02%P%x02%s%x02%cs%x02%ce %ct", "HEAD"]);
    const entries = log.split("\x01").filter((e) => e.trim() !== "");
    if (entries.length === 0) break;
    for (const raw of entries) {
      const [header, ...paths] = raw.split("\n");
      const [commit, parents, subject, date, stamp] = header.split("\x02");
      const entry: LogEntry = { commit, parents: parents.split(" ").filter(Boolean), subject, date, stamp, paths };
      const previous = group[group.length - 1];
      const sameRebase = previous !== undefined && previous.parents.length === 1 && entry.parents.length === 1 && sameRebaseStamp(previous.stamp, entry.stamp);
      if (!sameRebase) {
        close();
        if (out.length === wanted) {
          done = true;
          break;
        }
      }
      group.push(entry);
    }
  }
  if (!done) close();
  return out;
}

/**
 * Blobs a snapshot lacks (mirrors leave out their largest files): a checkout that needs one fails, so each
 * commit is checked out sparsely without the paths that hold one (binary assets, never migrations).
 */
function missingBlobs(): Set<string> {
  const listing = git(["rev-list", "--objects", "--missing=print", "HEAD"]);
  return new Set(listing.split("\n").flatMap((line) => (line.startsWith("?") ? [line.slice(1)] : [])));
}

/** Paths that hold a missing blob in any of the commits: left out of every checkout (one sparse pattern set). */
function absentPaths(commits: readonly string[], missing: ReadonlySet<string>): string[] {
  if (missing.size === 0) return [];
  const out = new Set<string>();
  for (const commit of commits)
    for (const entry of git(["ls-tree", "-r", "-z", commit]).split("\0")) {
      const [meta, path] = entry.split("\t");
      if (path && missing.has(meta.split(" ")[2])) out.add(path);
    }
  return [...out];
}

async function replay(commits: Change[]): Promise<Replayed[]> {
  const worktree = mkdtempSync(join(tmpdir(), "migguard-replay-"));
  git(["worktree", "add", "-q", "--no-checkout", "--detach", worktree, commits[0]?.commit ?? "HEAD"]);
  const absent = absentPaths(commits.map((c) => c.commit), missingBlobs());
  if (absent.length) git(["sparse-checkout", "set", "--no-cone", "/*", ...absent.map((p) => `!/${p}`)], worktree);
  const out: Replayed[] = [];
  try {
    for (const c of commits) {
      try {
        git(["checkout", "-q", "--force", "--detach", c.commit], worktree);
        git(["clean", "-q", "-fd"], worktree);
        const result = await run(["review", "--base", c.base, "--format", "json"], { cwd: worktree });
        const body = JSON.parse(result.output) as { findings: Finding[]; errors: Replayed["errors"] };
        out.push({ ...c, exitCode: result.exitCode, findings: body.findings, errors: body.errors });
      } catch (error) {
        // a commit the snapshot cannot replay (a missing object git needs) is reported, not skipped silently
        const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
        out.push({ ...c, exitCode: 2, findings: [], errors: [{ path: "(replay)", message }] });
      }
      if (!values.quiet) print(out[out.length - 1]);
    }
  } finally {
    git(["worktree", "remove", "--force", worktree]);
    rmSync(worktree, { recursive: true, force: true });
  }
  return out;
}

const short = (commit: string) => commit.slice(0, 10);
const keyOf = (commit: string, f: Finding) => `${short(commit)} ${f.rule} ${f.path}:${f.line}`;

function print(r: Replayed): void {
  console.log(`\n${short(r.commit)} ${r.date} ${r.subject}${r.members.length > 1 ? ` (${r.members.length} commits, rebase-merged)` : ""}${r.exitCode === 1 ? "  [check fails]" : r.exitCode === 2 ? "  [not replayed]" : ""}`);
  for (const f of r.findings) console.log(`  ${f.severity.padEnd(7)} ${f.rule} ${f.path}:${f.line}  ${f.message.split("\n")[0]}`);
  for (const e of r.errors) console.log(`  not analysed: ${e.path}: ${e.message}`);
}

type Verdict = "tp" | "fp";

function readLabels(path: string): Map<string, Verdict> {
  const labels = new Map<string, Verdict>();
  for (const raw of readFileSync(path, "utf8").split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const [verdict, commit, rule, location] = line.split(/\s+/);
    if ((verdict !== "tp" && verdict !== "fp") || !commit || !rule || !location) throw new Error(`${path}: cannot read label "${raw}"`);
    labels.set(`${short(commit)} ${rule} ${location}`, verdict);
  }
  return labels;
}

function summarise(results: Replayed[]): void {
  const all = results.flatMap((r) => r.findings);
  const count = (severity: Finding["severity"]) => all.filter((f) => f.severity === severity).length;
  const failing = results.filter((r) => r.exitCode === 1);
  console.log(`\n${results.length} commits: ${count("error")} errors, ${count("warning")} warnings, ${count("info")} notes; ` +
    `${failing.length} checks would fail; ${results.filter((r) => r.errors.length).length} commits with files not analysed`);
  if (!values.labels) return;
  const labels = readLabels(values.labels);
  let tp = 0;
  let fp = 0;
  const unjudged: string[] = [];
  const falseFailures: string[] = [];
  for (const r of results) {
    let realError = false;
    for (const f of r.findings) {
      if (f.severity === "info") continue;
      const verdict = r.members.map((c) => labels.get(keyOf(c, f))).find((v) => v !== undefined);
      if (verdict === "tp") tp++;
      else if (verdict === "fp") fp++;
      else unjudged.push(`?? ${keyOf(r.commit, f)}   # ${f.severity}: ${f.message.split("\n")[0].slice(0, 120)}`);
      if (f.severity === "error" && verdict !== "fp") realError = true;
    }
    if (r.exitCode === 1 && !realError) falseFailures.push(`${short(r.commit)} ${r.subject}`);
  }
  const judged = tp + fp;
  console.log(`precision over judged errors and warnings: ${judged ? ((100 * tp) / judged).toFixed(1) : "-"}% (${tp}/${judged}); ${unjudged.length} not judged`);
  console.log(`checks that would fail without a real hazard: ${falseFailures.length}${falseFailures.length ? `\n  ${falseFailures.join("\n  ")}` : ""}`);
  if (unjudged.length) console.log(`\nnot judged yet:\n${unjudged.join("\n")}`);
}

if (!existsSync(join(repo, ".git"))) {
  console.error(`${repo} is not the top of a git work tree (clone a bare mirror first: git clone MIRROR /tmp/NAME)`);
  process.exit(2);
}
const commits = await migrationCommits();
const results = await replay(commits);
if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
summarise(results);
