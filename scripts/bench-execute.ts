/**
 * Execution cost on real SQL migrations of the bench corpus (../shared/corpus/bench):
 * - the first start of PGlite (worker thread + PostgreSQL's initdb in WebAssembly), paid once per process;
 * - after that warm start, the verification time per migration (snapshot, up with lock trace, down, compare,
 *   up again), migrations of a folder verified in order on one database (goal < 150 ms);
 * - the cost of building a late migration's schema from scratch (its whole history, once), side by side with
 *   starting from a production snapshot of that schema (`--snapshot`: the schema recreated from the model);
 * - the same verification on a real PostgreSQL server, when the Debian binaries are installed.
 * Run alone with `tsx scripts/bench-execute.ts [corpus]`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { loadAdapters } from "../src/engine/adapters/index.js";
import { defaultConfig } from "../src/engine/config.js";
import { groupMigrations } from "../src/engine/group.js";
import { compareMigrations } from "../src/engine/migration-order.js";
import type { SourceFile } from "../src/engine/model.js";
import type { Executor } from "../src/execute/executor.js";
import { PgliteExecutor } from "../src/execute/pglite/pglite-executor.js";
import { PostgresExecutor } from "../src/execute/postgres/postgres-executor.js";
import { postgresBinDir, startLocalPostgres } from "../src/execute/testing/local-postgres.js";
import { verifyMigrations } from "../src/execute/verify.js";
import { buildFromMigrations } from "../src/execute/build-schema.js";
import { SNAPSHOT_FORMAT, type ProductionSnapshot } from "../src/engine/production/snapshot-file.js";

interface BenchSet {
  label: string;
  dir: string;
  /** the first N migrations of the folder, in the runner's order */
  count: number;
}

const SETS: BenchSet[] = [
  { label: "lemmy (golang-migrate, up + down)", dir: "sql-golang-migrate-lemmy/migrations", count: 60 },
  { label: "kestra (Flyway, up only)", dir: "sql-flyway-kestra/jdbc-postgres/src/main/resources/migrations/postgres", count: 26 },
  { label: "harbor (golang-migrate, up only)", dir: "sql-golang-migrate-harbor/make/migrations/postgresql", count: 20 },
];

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) walk(join(dir, entry.name), out);
    else if (entry.isFile()) out.push(join(dir, entry.name));
  }
  return out;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The first `count` migrations of a folder, with their downs. */
function loadSet(corpus: string, set: BenchSet): { files: SourceFile[]; targets: string[] } {
  const root = join(corpus, set.dir);
  const all = walk(root).map((path) => ({ path: relative(corpus, path), content: readFileSync(path, "utf8") }));
  const units = groupMigrations(all, defaultConfig()).units.sort((a, b) => compareMigrations(a.file, b.file)).slice(0, set.count);
  const files = units.flatMap((u) => [{ path: u.file.path, content: u.content }, ...(u.downFile ? [u.downFile] : [])]);
  return { files, targets: units.map((u) => u.file.path) };
}

async function verifySet(executor: Executor, corpus: string, set: BenchSet): Promise<string[]> {
  const { files, targets } = loadSet(corpus, set);
  const began = performance.now();
  const result = await verifyMigrations({ files, targets, executor, limits: { budgetMs: 600_000 } });
  const total = performance.now() - began;
  const ran = result.runs.filter((r) => r.outcome !== "skipped");
  // what a verification costs once the database holds the schema it expects (the history is built once per folder)
  const times = ran.map((r) => r.ms - r.historyMs);
  const history = ran.reduce((sum, r) => sum + r.historyMs, 0);
  const statements = result.traces.reduce((n, t) => n + t.statements.length, 0);
  const count = (o: string) => result.runs.filter((r) => r.outcome === o).length;
  const lines = [
    `${set.label}: ${targets.length} migrations in ${ms(total)}; ${count("verified")} verified, ${count("failed")} with findings, ${count("skipped")} not run; ${statements} up statements traced`,
  ];
  if (times.length) {
    lines.push(`  per migration (snapshot, up + lock trace, down, compare, up): median ${ms(percentile(times, 0.5))}, p90 ${ms(percentile(times, 0.9))}, max ${ms(Math.max(...times))} (goal < 150 ms)`);
    lines.push(`  building the schema they expect: ${ms(history)} in all (once for the folder, again after each of the ${count("failed")} verification(s) with findings, whose database is not reused)`);
  }
  const skipped = result.runs.find((r) => r.outcome === "skipped");
  if (skipped) lines.push(`  first not run: ${skipped.path}: ${skipped.reason}`);
  return lines;
}

/** A late migration verified alone: its whole history is applied first. */
async function historyCost(executor: Executor, corpus: string, set: BenchSet): Promise<string> {
  const { files, targets } = loadSet(corpus, set);
  const last = targets[targets.length - 1];
  const began = performance.now();
  const result = await verifyMigrations({ files, targets: [last], executor, limits: { budgetMs: 600_000 } });
  return `  ${last.slice(last.lastIndexOf("/") + 1)} alone, after building its ${targets.length - 1} earlier migrations: ${ms(performance.now() - began)} (${result.runs[0]?.outcome ?? "not run"})`;
}

/** The same late migration started from a snapshot of the schema its history builds (what `--snapshot` does). */
async function snapshotCost(executor: Executor, corpus: string, set: BenchSet): Promise<string> {
  const { files, targets } = loadSet(corpus, set);
  const last = targets[targets.length - 1];
  const earlier = files.filter((f) => targets.indexOf(f.path) !== -1 && f.path !== last);
  const built = await buildFromMigrations(earlier, defaultConfig(), { executor, limits: { budgetMs: 600_000 } });
  const snapshot: ProductionSnapshot = { format: SNAPSHOT_FORMAT, takenAt: new Date().toISOString(), server: { version: "18", versionNum: 180000 }, database: "bench", schema: built.schema, tables: [] };
  const began = performance.now();
  const result = await verifyMigrations({ files, targets: [last], executor, limits: { budgetMs: 600_000 }, snapshot });
  const run = result.runs[0];
  return `  ${last.slice(last.lastIndexOf("/") + 1)} alone, from a snapshot of that schema (${built.schema.length} objects): ${ms(performance.now() - began)} (${run?.outcome ?? "not run"}, schema from ${run?.schemaFrom ?? "-"})`;
}

export async function benchExecute(corpus: string): Promise<{ lines: string[] }> {
  await loadAdapters();
  const lines: string[] = [];
  const pglite = new PgliteExecutor();
  try {
    await pglite.start();
    lines.push(`PGlite first start (worker + initdb in WebAssembly): ${ms(pglite.lastStartMs)}`);
    const opened = performance.now();
    await (await pglite.open({ statementTimeoutMs: 5_000, budgetMs: 60_000, memoryMb: 1_024 })).release();
    lines.push(`PGlite reset between verifications: ${ms(performance.now() - opened)}`);
    for (const set of SETS) lines.push(...(await verifySet(pglite, corpus, set)));
    lines.push(await historyCost(pglite, corpus, SETS[0]));
    lines.push(await snapshotCost(pglite, corpus, SETS[0]));
  } finally {
    await pglite.close();
  }

  if (!postgresBinDir()) {
    lines.push("real PostgreSQL: skipped (no server binaries under /usr/lib/postgresql/*/bin)");
    return { lines };
  }
  const started = performance.now();
  const server = await startLocalPostgres();
  const postgres = new PostgresExecutor(server.url);
  try {
    lines.push(`${server.version}: cluster start ${ms(performance.now() - started)} (initdb + pg_ctl; a CI server is started once)`);
    for (const line of await verifySet(postgres, corpus, SETS[0])) lines.push(`  ${line}`);
  } finally {
    await postgres.close();
    await server.stop();
  }
  return { lines };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const corpus = process.argv[2] ?? process.env.MIGGUARD_BENCH_CORPUS ?? join(import.meta.dirname, "..", "..", "shared", "corpus", "bench");
  for (const line of (await benchExecute(corpus)).lines) console.log(line);
}
