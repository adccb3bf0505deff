/**
 * PGlite back end: one PostgreSQL (WebAssembly, no server, no network, an in-memory file system) per process,
 * living in a worker thread so a runaway statement can be stopped: PGlite ignores statement_timeout, so the
 * main thread terminates the worker when a statement overruns or the process grows past the memory cap, and
 * starts a new one on the next verification. Verifications take turns and each starts from a reset database.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { Exclusive } from "../exclusive.js";
import { LimitError, QueryError, type ExecutionLimits, type Executor, type Row, type Session } from "../executor.js";
import { RESET_OBJECTS, RESET_SESSION } from "./reset.js";
import type { WorkerMessage, WorkerRequest } from "./worker.js";

const MB = 1024 * 1024;
const MEMORY_POLL_MS = 50;

interface Pending {
  resolve(rows: Row[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The worker module beside this one. Run from TypeScript sources (tsx, jest), Node 20 cannot hand a .ts entry
 * to a worker's --import loader, so a two-line bootstrap registers tsx in the worker first.
 */
function spawnWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./worker.js", import.meta.url));
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(join(dirname(require.resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
  const entry = new URL("./worker.ts", import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
}

export class PgliteExecutor implements Executor {
  readonly hostAccess = false;
  private worker?: Worker;
  private starting?: Promise<string>;
  private version = "";
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly turns = new Exclusive();
  private memoryTimer?: NodeJS.Timeout;
  /** process RSS when the current verification started: the memory cap is measured from here */
  private baselineRss = 0;
  private memoryCapBytes = Number.POSITIVE_INFINITY;
  /** wall-clock cost of the last cold start, for the benchmark */
  lastStartMs = 0;

  async describe(): Promise<string> {
    const version = await this.start();
    return `PGlite (PostgreSQL ${version})`;
  }

  /** Start the worker and PGlite (about 3-5 s the first time), once. */
  start(): Promise<string> {
    if (this.starting) return this.starting;
    const began = performance.now();
    const worker = spawnWorker();
    this.worker = worker;
    this.starting = new Promise<string>((resolve, reject) => {
      const onReady = (message: WorkerMessage) => {
        if ("ready" in message) {
          this.version = message.version;
          this.lastStartMs = performance.now() - began;
          worker.off("message", onReady);
          worker.on("message", (m: WorkerMessage) => this.settle(m));
          // an idle database does not keep the process alive (the CLI exits when done); a running statement's
          // timer does. Node re-references a worker when a listener is added, so this comes after the last one.
          worker.unref();
          resolve(message.version);
        } else if ("fatal" in message) {
          worker.off("message", onReady);
          this.stop(new LimitError("crash", `PGlite failed to start: ${message.fatal}`));
          reject(new Error(`PGlite failed to start: ${message.fatal}`));
        }
      };
      worker.on("message", onReady);
      worker.once("error", (error) => {
        this.stop(new LimitError("crash", `the PGlite worker failed: ${error.message}`));
        reject(error);
      });
      worker.once("exit", (code) => {
        if (this.worker !== worker) return;
        this.stop(new LimitError("crash", `the PGlite worker stopped (exit code ${code})`));
        reject(new Error(`the PGlite worker stopped during start-up (exit code ${code})`));
      });
    });
    // a failed start must not stick: the next call tries again
    this.starting.catch(() => undefined);
    return this.starting;
  }

  async open(limits: ExecutionLimits): Promise<Session> {
    const handBack = await this.turns.acquire();
    try {
      await this.start();
      await this.reset();
    } catch (error) {
      handBack();
      throw error;
    }
    this.memoryCapBytes = limits.memoryMb * MB;
    this.baselineRss = process.memoryUsage.rss();
    let released = false;
    return {
      query: (sql, options) => {
        if (released) return Promise.reject(new Error("session already released"));
        // whole milliseconds: a timeout left of the budget (deadline - now) is fractional, and is printed
        return this.request({ sql }, Math.ceil(options?.timeoutMs ?? limits.statementTimeoutMs));
      },
      release: async () => {
        released = true;
        handBack();
      },
    };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.stop(new Error("executor closed"));
    if (worker) await worker.terminate();
  }

  private async reset(): Promise<void> {
    try {
      for (const sql of RESET_SESSION) await this.request({ sql }, 10_000);
      await this.request({ sql: RESET_OBJECTS, multi: true }, 10_000);
    } catch {
      // a database we cannot clean is replaced by a fresh one (clean by construction)
      await this.close();
      await this.start();
    }
  }

  private request(body: Omit<WorkerRequest, "id">, timeoutMs: number): Promise<Row[]> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new LimitError("crash", "the PGlite worker is not running (stopped by an earlier limit)"));
    const id = this.nextId++;
    return new Promise<Row[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill(new LimitError("statement-timeout", `the statement ran longer than ${timeoutMs} ms and was stopped`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.watchMemory();
      worker.postMessage({ ...body, id } satisfies WorkerRequest);
    });
  }

  private settle(message: WorkerMessage): void {
    if (!("id" in message)) return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (this.pending.size === 0) this.unwatchMemory();
    if ("error" in message) waiting.reject(new QueryError(message.error));
    else waiting.resolve(message.rows);
  }

  private watchMemory(): void {
    if (this.memoryTimer || !Number.isFinite(this.memoryCapBytes)) return;
    this.memoryTimer = setInterval(() => {
      const grown = process.memoryUsage.rss() - this.baselineRss;
      if (grown > this.memoryCapBytes)
        this.kill(new LimitError("memory", `the database grew by ${Math.round(grown / MB)} MB, over the ${Math.round(this.memoryCapBytes / MB)} MB cap, and was stopped`));
    }, MEMORY_POLL_MS);
    this.memoryTimer.unref();
  }

  private unwatchMemory(): void {
    if (this.memoryTimer) clearInterval(this.memoryTimer);
    this.memoryTimer = undefined;
  }

  /** Stop a runaway worker; the next verification starts a new one. */
  private kill(reason: LimitError): void {
    const worker = this.worker;
    this.stop(reason);
    void worker?.terminate();
  }

  private stop(reason: Error): void {
    this.worker = undefined;
    this.starting = undefined;
    this.unwatchMemory();
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(reason);
    }
    this.pending.clear();
  }
}
