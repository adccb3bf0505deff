/**
 * A parse worker of a large lint (parse-pool.ts starts it): parses the files' texts with PostgreSQL's parser,
 * from the last file backwards while the main thread's analysis takes them from the front, and sends each
 * outcome as soon as it has it. A text is parsed by whoever claims it first, so the threads meet in the middle
 * instead of parsing a file twice. A tree nested too deeply is left to the main thread, and anything but a SQL
 * error (the parser out of stack) ends the worker: the main thread parses what it did not send, as it does
 * without workers.
 */
import { parentPort, type MessagePort } from "node:worker_threads";
import { instanceOf, parseOutcome, type PgParseOutcome } from "../engine/adapters/sql/pg-query.js";
import { CLAIMED_BY_WORKER, DELIVERED, FREE, STOPPED, type ParseJob, type ParsedText } from "./parse-protocol.js";

function signal(signals: Int32Array, which: number): void {
  Atomics.add(signals, which, 1);
  if (which !== DELIVERED) Atomics.add(signals, DELIVERED, 1);
  Atomics.notify(signals, DELIVERED);
}

function send(port: MessagePort, signals: Int32Array, parsed: ParsedText): void {
  port.postMessage(parsed);
  signal(signals, DELIVERED);
}

async function work({ module, texts, claims, next, signals, port }: ParseJob): Promise<void> {
  try {
    const wasm = await instanceOf(module);
    for (;;) {
      const index = Atomics.sub(next, 0, 1) - 1;
      if (index < 0) return;
      if (Atomics.compareExchange(claims, index, FREE, CLAIMED_BY_WORKER) !== FREE) continue;
      let outcome: PgParseOutcome | undefined;
      try {
        outcome = parseOutcome(wasm, texts[index]);
      } catch {
        // out of stack: this instance is broken, and the text is the main thread's to parse
        send(port, signals, { index });
        return;
      }
      send(port, signals, "tooDeep" in outcome ? { index } : { index, outcome });
    }
  } finally {
    signal(signals, STOPPED);
    port.close();
  }
}

parentPort!.once("message", (job: ParseJob) => void work(job).catch(() => undefined));
