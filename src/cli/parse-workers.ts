/**
 * Whether a lint parses in worker threads, and in how many (parse-pool.ts): only when the SQL is large enough
 * to pay for a worker's start, one worker per MIN_CHARACTERS_PER_WORKER of SQL, at most one per core beside the
 * main thread (which parses too). MIGGUARD_PARSE_WORKERS=N sets the count (0: none), whatever the size, and the
 * lint then says on stderr how many parses came from the workers; MIGGUARD_PARSE_WORKERS_ONLY=1 also leaves every
 * parse it can to them, the main thread waiting (tests: every file a worker's parse).
 */
import { availableParallelism } from "node:os";
import type { SourceFile } from "../engine/model.js";
import type { ParsePool } from "./parse-pool.js";
import { CommandFailure } from "./usage-error.js";

/**
 * SQL a worker must have to win back its start, measured (`npm run bench -- cli`, scripts/bench-parse-workers.ts):
 * a worker is ready to parse about 40-70 ms after it is asked for on this 2-core machine, the main thread parses
 * about 17 KB of SQL a millisecond, and it reaches its first parse about 100 ms after the files are read.
 */
export const MIN_CHARACTERS_PER_WORKER = 512 * 1024;

/** The texts workers can parse for the analysis: SQL files as read (the analysis parses most of them whole). */
const sqlTexts = (files: readonly SourceFile[]): string[] => files.filter((f) => f.path.endsWith(".sql") && f.content.trim() !== "").map((f) => f.content);

/** MIGGUARD_PARSE_WORKERS, if set. */
function forcedCount(): number | undefined {
  const forced = process.env.MIGGUARD_PARSE_WORKERS;
  if (forced === undefined || forced === "") return undefined;
  const count = Number(forced);
  if (!Number.isInteger(count) || count < 0) throw new CommandFailure(`MIGGUARD_PARSE_WORKERS must be a whole number of worker threads, not "${forced}"`);
  return count;
}

const workerCount = (characters: number): number =>
  forcedCount() ?? Math.max(0, Math.min(availableParallelism() - 1, Math.floor(characters / MIN_CHARACTERS_PER_WORKER)));

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
