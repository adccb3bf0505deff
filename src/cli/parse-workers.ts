/**
 * Whether a lint parses in worker threads, and in how many (parse-pool.ts): only when the SQL is large enough
 * to pay for a worker's start (MIN_CHARACTERS_PER_WORKER of SQL per worker) and there are cores to run them: at
 * most one per core beside the main thread (which parses too), and none on a machine whose load average
 * already fills its cores, where a worker only waits for a core and adds its start to the lint.
 * MIGGUARD_PARSE_WORKERS=N sets the count (0: none), whatever the size and load, and the lint then says on stderr
 * how many parses came from the workers; MIGGUARD_PARSE_WORKERS_ONLY=1 also leaves every parse it can to them,
 * the main thread waiting (tests: every file a worker's parse).
 */
import { availableParallelism, loadavg } from "node:os";
import type { SourceFile } from "../engine/model.js";
import type { ParsePool } from "./parse-pool.js";
import { CommandFailure } from "./usage-error.js";
import { isSqlPath } from "../engine/sql-file-names.js";

/**
 * SQL a worker must have to win back its start, from `npm run bench -- parse-workers` on the 2-core machine of
 * issue #18: a bundled worker parses its first text 75-170 ms after it is asked for (fastest / median, load
 * average 8-12), in which the main thread parses 12-17 K characters of SQL a millisecond: about 1 M characters.
 * Less SQL is parsed before a worker could take any (the main thread's analysis asks for the first parse 35-130 ms
 * after the files are read); the 800-file bench corpus is 1.2 M characters.
 */
export const MIN_CHARACTERS_PER_WORKER = 1_000_000;

/** The texts workers can parse for the analysis: SQL files as read (the analysis parses most of them whole). */
const sqlTexts = (files: readonly SourceFile[]): string[] => files.filter((f) => isSqlPath(f.path) && f.content.trim() !== "").map((f) => f.content);

/** MIGGUARD_PARSE_WORKERS, if set. */
function forcedCount(): number | undefined {
  const forced = process.env.MIGGUARD_PARSE_WORKERS;
  if (forced === undefined || forced === "") return undefined;
  const count = Number(forced);
  if (!Number.isInteger(count) || count < 0) throw new CommandFailure(`MIGGUARD_PARSE_WORKERS must be a whole number of worker threads, not "${forced}"`);
  return count;
}

export interface Machine {
  /** os.availableParallelism() */
  cores: number;
  /** the load average of the last minute (os.loadavg()[0]) */
  load: number;
}

/**
 * Workers for `characters` of SQL on `machine`: one per MIN_CHARACTERS_PER_WORKER, at most one per core the load
 * average leaves free, the lint's own main thread counted among the busy ones (a core half free counts).
 */
export function parseWorkerCount(characters: number, machine: Machine): number {
  const free = Math.floor(machine.cores - Math.max(1, machine.load) + 0.5);
  return Math.max(0, Math.min(free, Math.floor(characters / MIN_CHARACTERS_PER_WORKER)));
}

const workerCount = (characters: number): number => forcedCount() ?? parseWorkerCount(characters, { cores: availableParallelism(), load: loadavg()[0] });

export interface ParseWorkers {
  pool: ParsePool;
  texts: number;
  workers: number;
}

/** Workers parsing `files`' SQL, started now, or undefined when the lint is too small for them. */
export async function startParseWorkers(files: readonly SourceFile[]): Promise<ParseWorkers | undefined> {
  const texts = sqlTexts(files);
  const workers = workerCount(texts.reduce((sum, text) => sum + text.length, 0));
  if (workers === 0 || texts.length === 0) return undefined;
  const { startParsePool } = await import("./parse-pool.js");
  return { pool: startParsePool(texts, workers, { workersOnly: process.env.MIGGUARD_PARSE_WORKERS_ONLY === "1" }), texts: texts.length, workers };
}

/** What MIGGUARD_PARSE_WORKERS asks the lint to say about its workers, if anything. */
export function parseWorkersNote(started: ParseWorkers | undefined): string | undefined {
  if (!process.env.MIGGUARD_PARSE_WORKERS) return undefined;
  return started ? `${started.pool.taken()} of ${started.texts} SQL files parsed by ${started.workers} worker threads` : "no parse workers";
}
