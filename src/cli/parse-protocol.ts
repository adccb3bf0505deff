/** What the main thread and its parse workers (parse-pool.ts, parse-worker.ts) send each other. */
import type { MessagePort } from "node:worker_threads";
import type { PgParseOutcome } from "../engine/adapters/sql/pg-query.js";

/** A file's state in the shared claims: whoever sets it first from FREE parses the file. */
export const FREE = 0;
export const CLAIMED_BY_MAIN = 1;
export const CLAIMED_BY_WORKER = 2;

/** Indexes of ParseJob.signals. */
export const DELIVERED = 0;
export const STOPPED = 1;

/** The one message a worker gets: what to parse, and how. */
export interface ParseJob {
  /** libpg-query's WebAssembly, compiled once by the main thread */
  module: WebAssembly.Module;
  texts: readonly string[];
  /** one per text, on a SharedArrayBuffer: FREE, CLAIMED_BY_MAIN or CLAIMED_BY_WORKER */
  claims: Int32Array;
  /** one number on a SharedArrayBuffer: how many texts from the front no worker has taken yet (workers count it down) */
  next: Int32Array;
  /**
   * on a SharedArrayBuffer, DELIVERED: how many messages the workers sent, STOPPED: how many workers are done.
   * Workers notify on DELIVERED after each, so the main thread can wait for a text a worker is parsing.
   */
  signals: Int32Array;
  /** where the outcomes go: the main thread reads them synchronously, when its analysis asks (receiveMessageOnPort) */
  port: MessagePort;
}

/**
 * A worker's parse of `texts[index]`; without `outcome`, the worker leaves the text to the main thread: a tree
 * nested too deeply, or a parser that ran out of stack on it (a worker's stack is not the main thread's, and
 * the main thread's parse is what the findings say without workers).
 */
export interface ParsedText {
  index: number;
  outcome?: PgParseOutcome;
}
