/**
 * `npm run bench -- parse-workers`: the figures the threshold of parallel parsing comes from
 * (src/cli/parse-workers.ts, MIN_CHARACTERS_PER_WORKER):
 * - a worker's start: from asking for the bundled worker (bundle/parse-worker.js, as the installed CLI starts it)
 *   to its first parse arriving, and what asking costs the main thread;
 * - the work a worker takes off the main thread: libpg-query's parse of the bench corpus's SQL files into JSON
 *   (`parseOutcome`; the trees are still built on the main thread), in characters a millisecond;
 * - so the SQL a worker must have before it saves what it costs: the characters the main thread would parse in
 *   the time the worker takes to start.
 * Then whole CLI runs (bin/migguard.js) without workers and with one, on growing parts of the corpus, in turn.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { setV8Flags } from "../src/cli/process-setup.js";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { instanceOf, parseOutcome } from "../src/engine/adapters/sql/pg-query.js";
import { pgQueryModule } from "../src/engine/adapters/sql/pg-query-wasm.js";
import { MIN_CHARACTERS_PER_WORKER } from "../src/cli/parse-workers.js";
import type { ParseJob } from "../src/cli/parse-protocol.js";

const ROOT = join(import.meta.dirname, "..");
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function sqlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) sqlFiles(join(dir, entry.name), out);
    else if (entry.name.endsWith(".sql")) out.push(join(dir, entry.name));
  }
  return out;
}

/** Milliseconds from `new Worker` to the first parse arriving, and the main thread's share of starting it. */
async function workerStart(module: WebAssembly.Module): Promise<{ ready: number; asking: number }> {
  const started = performance.now();
  const worker = new Worker(join(ROOT, "bundle", "parse-worker.js"));
  const { port1, port2 } = new MessageChannel();
  const job: ParseJob = {
    module,
    texts: ["SELECT 1;"],
    claims: new Int32Array(new SharedArrayBuffer(4)),
    next: new Int32Array(new SharedArrayBuffer(4)).fill(1),
    signals: new Int32Array(new SharedArrayBuffer(8)),
    port: port2,
  };
  worker.postMessage(job, [port2]);
  const asking = performance.now() - started;
  while (!receiveMessageOnPort(port1)) Atomics.wait(job.signals, 0, 0, 5);
  const ready = performance.now() - started;
  await worker.terminate();
  port1.close();
  return { ready, asking };
}

export async function benchParseWorkers(corpus: string, rounds = Number(process.env.MIGGUARD_BENCH_ROUNDS ?? 9)): Promise<string[]> {
  setV8Flags(); // as the CLI runs (process-setup.ts)
  const dirs = readdirSync(corpus).filter((d) => d.startsWith("sql-")).sort();
  const files = dirs.flatMap((d) => sqlFiles(join(corpus, d)));
  const texts = files.map((f) => readFileSync(f, "utf8"));
  const characters = texts.reduce((sum, t) => sum + t.length, 0);
  const module = await pgQueryModule();
  const wasm = await instanceOf(module);
  const parse: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const text of texts) parseOutcome(wasm, text);
    parse.push(performance.now() - started);
  }
  const starts: Array<{ ready: number; asking: number }> = [];
  for (let round = 0; round < rounds; round++) starts.push(await workerStart(module));
  const ready = median(starts.map((s) => s.ready));
  const perMs = characters / median(parse);
  const lines = [
    `${rounds} rounds, medians; load average ${loadavg()[0].toFixed(1)} at the start`,
    `  libpg-query parse to JSON, main thread: ${files.length} files, ${(characters / 1024).toFixed(0)} K characters in ${median(parse).toFixed(0)} ms (fastest ${Math.min(...parse).toFixed(0)}): ${(perMs / 1024).toFixed(1)} K characters/ms`,
    `  a bundled worker, asked to first parse: ${ready.toFixed(0)} ms (fastest ${Math.min(...starts.map((s) => s.ready)).toFixed(0)}); asking costs the main thread ${median(starts.map((s) => s.asking)).toFixed(1)} ms`,
    `  SQL the main thread parses while a worker starts: ${((ready * perMs) / 1024).toFixed(0)} K characters (MIN_CHARACTERS_PER_WORKER: ${(MIN_CHARACTERS_PER_WORKER / 1024).toFixed(0)} K)`,
  ];
  // whole CLI runs, without workers and with one (forced), on growing parts of the corpus
  const bin = join(ROOT, "bin", "migguard.js");
  for (const share of [8, 4, 2, 1]) {
    const part = files.slice(0, Math.ceil(files.length / share)).map((f) => f.slice(corpus.length + 1));
    const partCharacters = texts.slice(0, part.length).reduce((sum, t) => sum + t.length, 0);
    const wall = new Map<string, number[]>([["0", []], ["1", []]]);
    for (let round = 0; round < rounds; round++)
      for (const [workers, times] of wall) {
        const started = performance.now();
        const run = spawnSync(process.execPath, [bin, "lint", "--format", "json", ...part], { cwd: corpus, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, MIGGUARD_PARSE_WORKERS: workers } });
        if (run.status !== 0 && run.status !== 1) throw new Error(`migguard lint failed (${run.status}): ${run.stderr.slice(-500)}`);
        times.push(performance.now() - started);
      }
    const [serial, parallel] = [wall.get("0")!, wall.get("1")!];
    lines.push(`  ${String(part.length).padStart(4)} files, ${String((partCharacters / 1024).toFixed(0)).padStart(5)} K characters: wall without workers ${Math.min(...serial).toFixed(0)} / ${median(serial).toFixed(0)} ms, with one ${Math.min(...parallel).toFixed(0)} / ${median(parallel).toFixed(0)} ms (fastest / median)`);
  }
  return lines;
}
