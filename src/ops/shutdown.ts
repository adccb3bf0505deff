/**
 * SIGTERM / SIGINT: run the shutdown steps once, then exit. A second signal, or steps that overrun their
 * deadline, exit at once (jobs still in hand are then recovered by the other workers as stalled jobs).
 * One set of listeners per process; each running app or worker adds its own steps.
 */
type Step = () => Promise<void>;

const steps = new Set<Step>();
let installed = false;
let stopping = false;
let deadlineMs = 0;

export interface ShutdownOptions {
  /** the steps must finish within this long (the longest of all registered steps' deadlines applies) */
  deadlineMs: number;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export function onShutdown(step: Step, options: ShutdownOptions): () => void {
  steps.add(step);
  deadlineMs = Math.max(deadlineMs, options.deadlineMs);
  if (!installed) {
    installed = true;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        options.log.info({ signal }, "second signal: exiting now");
        process.exit(1);
      }
      stopping = true;
      options.log.info({ signal, steps: steps.size }, "shutting down");
      const deadline = setTimeout(() => {
        options.log.error({ deadlineMs }, "shutdown overran its deadline: exiting");
        process.exit(1);
      }, deadlineMs);
      deadline.unref();
      Promise.allSettled([...steps].map((s) => s())).then((results) => {
        const failed = results.filter((r) => r.status === "rejected");
        for (const f of failed) options.log.error({ err: (f as PromiseRejectedResult).reason }, "shutdown step failed");
        process.exit(failed.length ? 1 : 0);
      });
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  }
  return () => steps.delete(step);
}
