/**
 * Parallel parsing for a large lint (issue #18): worker threads (parse-worker.ts) parse the SQL files' texts
 * with PostgreSQL's parser while the main thread analyses, and the analysis takes a worker's parse of a text
 * instead of parsing it itself (AnalyzeInput.sqlParses). Only the parse moves: libpg-query's WebAssembly call
 * and its JSON, about a third of a large lint's parse phase; the trees are built, and everything else runs, on
 * the main thread as without workers, in the same order, so the output is byte for byte the same.
 *
 * The main thread waits only for a text a worker is parsing at that moment: a text no worker has started on it
 * parses itself (and claims, so no worker starts on it). Workers take the files from the last one backwards, the
 * analysis from the front, so on a busy machine, where a worker gets no core, the lint costs only the workers'
 * start.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { pgQueryModule } from "../engine/adapters/sql/pg-query-wasm.js";
import type { PgParseOutcome } from "../engine/adapters/sql/pg-query.js";
import { CLAIMED_BY_MAIN, DELIVERED, FREE, STOPPED, type ParseJob, type ParsedText } from "./parse-protocol.js";

export interface ParsePool {
  /** A worker's parse of `sql`, taken once; undefined: parse it here. */
  parsed(sql: string): PgParseOutcome | undefined;
  /** How many parses the analysis took from the workers so far. */
  taken(): number;
  /** Stop the workers (those still parsing have nothing left the analysis wants). */
  close(): void;
}

/**
 * The worker module beside this one. Run from TypeScript sources (tsx, jest), Node 20 cannot hand a .ts entry
 * to a worker, so a bootstrap registers tsx in the worker first (as pglite-executor.ts does).
 */
function spawnWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./parse-worker.js", import.meta.url));
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(join(dirname(require.resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
  const entry = new URL("./parse-worker.ts", import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
}

/** How long the main thread waits at most for a text a worker has (then, and from then on, it parses itself). */
const WAIT_MS = 10_000;

export interface ParsePoolOptions {
  /**
   * Leave every text to the workers, the main thread waiting for each (MIGGUARD_PARSE_WORKERS: a test sees every
   * file parsed by a worker). Otherwise the main thread parses any text no worker has started on.
   */
  workersOnly?: boolean;
}

/** Start `count` workers on `texts` (the SQL files' contents, as the analysis will parse them). */
export function startParsePool(texts: readonly string[], count: number, options: ParsePoolOptions = {}): ParsePool {
  const shared = (length: number) => new Int32Array(new SharedArrayBuffer(4 * length));
  const claims = shared(texts.length);
  const next = shared(1);
  next[0] = texts.length;
  const signals = shared(2);
  const indexOf = new Map<string, number>();
  texts.forEach((text, index) => {
    if (!indexOf.has(text)) indexOf.set(text, index);
  });
  const outcomes: Array<PgParseOutcome | undefined> = [];
  const asked: boolean[] = [];
  /** texts a worker left to the main thread (ParsedText) */
  const declined: boolean[] = [];
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  let taken = 0;
  let waiting = true;
  for (let i = 0; i < count; i++) {
    const worker = spawnWorker();
    // a worker that fails only leaves its texts to the main thread
    worker.on("error", () => undefined);
    worker.unref();
    workers.push(worker);
    const { port1, port2 } = new MessageChannel();
    port1.unref();
    ports.push(port1);
    // the same compiled module as the main thread's parser: workers compile nothing
    void pgQueryModule().then(
      (module) => {
        const job: ParseJob = { module, texts, claims, next, signals, port: port2 };
        worker.postMessage(job, [port2]);
      },
      () => undefined,
    );
  }
  const drain = () => {
    for (const port of ports)
      for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) {
        const { index, outcome } = received.message as ParsedText;
        if (outcome) outcomes[index] = outcome;
        else declined[index] = true;
      }
  };
  /** The outcome of a text a worker has or will take, once it is here; undefined when the workers stopped first. */
  const waitFor = (index: number): PgParseOutcome | undefined => {
    while (waiting) {
      const delivered = Atomics.load(signals, DELIVERED);
      drain();
      if (outcomes[index] !== undefined || declined[index]) return outcomes[index];
      if (Atomics.load(signals, STOPPED) === count) return undefined;
      if (Atomics.wait(signals, DELIVERED, delivered, WAIT_MS) === "timed-out") waiting = false;
    }
    return undefined;
  };
  return {
    parsed(sql) {
      const index = indexOf.get(sql);
      if (index === undefined || asked[index]) return undefined;
      // asked once: a text parsed again is parsed here, as the JSON of a parse here is garbage once it is a tree
      asked[index] = true;
      if (outcomes[index] === undefined) drain();
      if (declined[index]) return undefined;
      // a text no worker has started on is this thread's to parse
      if (outcomes[index] === undefined && !options.workersOnly && Atomics.compareExchange(claims, index, FREE, CLAIMED_BY_MAIN) === FREE) return undefined;
      const outcome = outcomes[index] ?? waitFor(index);
      outcomes[index] = undefined;
      if (outcome !== undefined) taken++;
      return outcome;
    },
    taken: () => taken,
    close() {
      for (const port of ports) port.close();
      for (const worker of workers) void worker.terminate();
    },
  };
}
