/**
 * The CLI as users run it (whole processes through bin/migguard.js, so the bundle in bundle/), side by side in
 * one run with a bare `node -e 0` and, when installed, squawk:
 * - start-up: `--version`, and a lint of one SQL file, from the code cache (src/cli/code-cache.ts: the warm-up
 *   run writes it) and without it (MIGGUARD_CODE_CACHE=0: a first run, or a machine where it cannot be written);
 * - throughput: a lint of the bench corpus's SQL files (../shared/corpus/bench/sql-*), JSON output.
 * Every case runs in turn (a, b, c, a, b, c, ...) so all meet the same moments of a noisy shared machine;
 * wall time is the fastest and the median run, peak memory (max RSS, from GNU time when it is installed)
 * the median, and CPU time (user + sys, from GNU time) the median: on a loaded machine wall time is mostly
 * waiting for a core, and CPU time says what the process itself costs. Goals (issue #18): one SQL file <= 2.5x node's wall time and <= 2x its memory; the corpus in
 * at most squawk's wall time.
 * MIGGUARD_BENCH_BASELINE=<another build's bin/migguard.js> (a copy of main's bin/ and bundle/, say) runs its
 * one-file and corpus lints in the same rounds: a change's before and after, side by side on the same machine.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { findSquawk, SQUAWK_PACKAGE } from "./squawk-binary.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "migguard.js");
const GNU_TIME = "/usr/bin/time";
/** one migration of ordinary size (5 KB, 30 statements) */
const ONE_FILE = join("sql-golang-migrate-harbor", "make", "migrations", "postgresql", "0010_1.9.0_schema.up.sql");

interface Case {
  name: string;
  command: string[];
  /** exit statuses that mean it ran (lint: 1 when there are error findings) */
  ok: number[];
  env?: Record<string, string>;
}

interface Measured {
  wall: number[];
  rss: number[];
  /** user + sys, ms */
  cpu: number[];
}

function sqlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) sqlFiles(join(dir, entry.name), out);
    else if (entry.name.endsWith(".sql")) out.push(join(dir, entry.name));
  }
  return out;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function runOnce(c: Case, cwd: string, measured: Measured, withTime: boolean): void {
  const command = withTime ? [GNU_TIME, "-f", "%M %U %S", ...c.command] : c.command;
  const started = performance.now();
  const result = spawnSync(command[0], command.slice(1), { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...c.env } });
  measured.wall.push(performance.now() - started);
  if (result.error || !c.ok.includes(result.status ?? -1)) throw new Error(`${c.name} failed (${result.status}): ${result.error?.message ?? result.stderr.slice(-500)}`);
  if (withTime) {
    const [rss, user, sys] = (result.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
    measured.rss.push(rss / 1024);
    measured.cpu.push((user + sys) * 1000);
  }
}

export async function benchCli(corpus: string, rounds = Number(process.env.MIGGUARD_BENCH_ROUNDS ?? 9)): Promise<string[]> {
  const dirs = readdirSync(corpus).filter((d) => d.startsWith("sql-")).sort();
  const files = dirs.flatMap((d) => sqlFiles(join(corpus, d))).map((f) => f.slice(corpus.length + 1));
  const squawk = findSquawk();
  const node = process.execPath;
  const baseline = process.env.MIGGUARD_BENCH_BASELINE;
  const cases: Case[] = [
    { name: "node -e 0", command: [node, "-e", "0"], ok: [0] },
    { name: "migguard --version", command: [node, BIN, "--version"], ok: [0] },
    { name: "migguard lint (1 SQL file)", command: [node, BIN, "lint", ONE_FILE], ok: [0, 1] },
    { name: "  without the code cache", command: [node, BIN, "lint", ONE_FILE], ok: [0, 1], env: { MIGGUARD_CODE_CACHE: "0" } },
    ...(squawk ? [{ name: "squawk (1 SQL file)", command: [squawk, "--pg-version", "15", ONE_FILE], ok: [0, 1] }] : []),
    { name: `migguard lint (${files.length} SQL files)`, command: [node, BIN, "lint", "--format", "json", ...dirs], ok: [0, 1] },
    ...(baseline
      ? [
          { name: "baseline lint (1 SQL file)", command: [node, baseline, "lint", ONE_FILE], ok: [0, 1] },
          { name: `baseline lint (${files.length} SQL files)`, command: [node, baseline, "lint", "--format", "json", ...dirs], ok: [0, 1] },
        ]
      : []),
    ...(squawk ? [{ name: `squawk (${files.length} SQL files)`, command: [squawk, "--reporter", "json", "--pg-version", "15", ...files], ok: [0, 1] }] : []),
  ];
  const withTime = existsSync(GNU_TIME);
  const measured = new Map(cases.map((c) => [c.name, { wall: [], rss: [], cpu: [] } as Measured]));
  // the code caches of this run, in a folder of its own: other lints on the machine (other builds of the bundle)
  // would otherwise prune or replace the shared folder's between rounds; the warm-up round writes them
  const cacheDir = mkdtempSync(join(tmpdir(), "migguard-bench-cache-"));
  for (const c of cases) c.env = { MIGGUARD_CACHE_DIR: cacheDir, ...c.env };
  try {
    for (const c of cases) runOnce(c, corpus, { wall: [], rss: [], cpu: [] }, false); // warm the file cache and the code caches
    for (let round = 0; round < rounds; round++) for (const c of cases) runOnce(c, corpus, measured.get(c.name)!, withTime);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }

  const width = Math.max(...cases.map((c) => c.name.length));
  const lines = [
    `${rounds} rounds, cases in turn; wall: fastest / median; peak RSS and CPU (user + sys): median${withTime ? "" : " (GNU time not installed: not measured)"}; load average ${loadavg()[0].toFixed(1)} at the start`,
    `  ${"".padEnd(width)}   wall ms        peak MB   CPU ms`,
  ];
  for (const c of cases) {
    const m = measured.get(c.name)!;
    lines.push(`  ${c.name.padEnd(width)}  ${Math.min(...m.wall).toFixed(0).padStart(5)} / ${median(m.wall).toFixed(0).padStart(5)}   ${withTime ? median(m.rss).toFixed(0).padStart(5) : "    -"}   ${withTime ? median(m.cpu).toFixed(0).padStart(6) : "     -"}`);
  }
  const ratio = (a: string, b: string, of: (m: Measured) => number) => of(measured.get(a)!) / of(measured.get(b)!);
  const fastest = (m: Measured) => Math.min(...m.wall);
  const medianWall = (m: Measured) => median(m.wall);
  const memory = (m: Measured) => median(m.rss);
  const cpu = (m: Measured) => median(m.cpu);
  const one = "migguard lint (1 SQL file)";
  lines.push(
    `  one SQL file / node -e 0: wall ${ratio(one, "node -e 0", fastest).toFixed(2)}x fastest, ${ratio(one, "node -e 0", medianWall).toFixed(2)}x median (goal <= 2.5)` +
      (withTime ? `; memory ${ratio(one, "node -e 0", memory).toFixed(2)}x (goal <= 2); CPU ${ratio(one, "node -e 0", cpu).toFixed(2)}x median` : ""),
  );
  if (squawk) {
    const ours = `migguard lint (${files.length} SQL files)`;
    const theirs = `squawk (${files.length} SQL files)`;
    lines.push(`  ${files.length} SQL files, migguard / squawk: wall ${ratio(ours, theirs, fastest).toFixed(2)}x fastest, ${ratio(ours, theirs, medianWall).toFixed(2)}x median (goal <= 1.0)${withTime ? `; CPU ${ratio(ours, theirs, cpu).toFixed(2)}x median` : ""}`);
  } else lines.push(`  squawk is not installed, so no comparison: npm install --no-save ${SQUAWK_PACKAGE}`);
  if (baseline) {
    const ours = `migguard lint (${files.length} SQL files)`;
    const theirs = `baseline lint (${files.length} SQL files)`;
    lines.push(`  ${files.length} SQL files, migguard / baseline: wall ${ratio(ours, theirs, fastest).toFixed(2)}x fastest, ${ratio(ours, theirs, medianWall).toFixed(2)}x median${withTime ? `; CPU ${ratio(ours, theirs, cpu).toFixed(2)}x median` : ""}`);
  }
  return lines;
}
