/**
 * PostgreSQL's parser and scanner (libpg-query's WASM), in instances migguard replaces after a failure.
 *
 * libpg-query's own entry points share one instance for the whole process. A statement nested a few thousand
 * levels deep makes its recursive C code run out of the engine's stack: the call throws a RangeError from inside
 * the WASM, which leaves the instance's stack pointer and memory contexts half-unwound (after a few hundred such
 * statements, any syntax error crashes it). So every failure that is not PostgreSQL reporting a SQL error
 * retires the instance: a spare takes over at once (parsing is synchronous), and spares are refilled in the
 * background; `analyze` waits for them between files, so one file's statements never run on a broken parser
 * and never leave one to the next file.
 *
 * Spares exist only once an instance has broken: each one reserves the module's 128 MB of memory, which costs
 * a one-file lint its instantiation and V8 garbage collections for the external memory (~20 ms of a 190 ms
 * start). Until then a parse that finds no instance counts a miss (`parserMisses`), and `analyze` parses that
 * file again once the replacement and its spares are ready: the same parse as with spares from the start.
 *
 * Parse trees are also refused past MAX_TREE_DEPTH levels (counted in the JSON, before it becomes objects), so
 * every walker over them (the adapter, the deparser, rules) stays within Node's stack.
 */
import type { PgQueryWasm } from "libpg-query/wasm/libpg-query.js";
import type { ParseResult, ScanResult } from "libpg-query";
import { MAX_TREE_DEPTH, TooComplexError } from "../../limits.js";
import { pgQueryModule } from "./pg-query-wasm.js";

export type { ParseResult, ScanResult, ScanToken } from "libpg-query";

/** PostgreSQL rejected the SQL (a syntax error, bison's "memory exhausted"): the instance is fine. */
export class PgSqlError extends Error {
  constructor(
    message: string,
    readonly sqlDetails: { message: string; cursorPosition: number; fileName?: string; functionName?: string; lineNumber?: number },
  ) {
    super(message);
    this.name = "PgSqlError";
  }
}

/** Instances ready to replace a broken one without waiting (two: one statement can break the first try and its retry). */
const SPARES = 2;
/** No spares until the first instance breaks (see above), then SPARES. */
let sparesWanted = 0;
/** Parses that found no instance ready (a broken one not yet replaced). */
let misses = 0;

let active: PgQueryWasm | undefined;
const spares: PgQueryWasm[] = [];
let loading: Promise<void> | undefined;
let refilling: Promise<void> | undefined;

/**
 * A new instance of the module compiled once (instantiating takes milliseconds, compiling a hundred).
 * Emscripten's loader is imported here, not at the top: modules that only name SQL helpers (the rule
 * catalogue, `migguard rules`) must not load a parser.
 */
async function newInstance(): Promise<PgQueryWasm> {
  return instanceOf(await pgQueryModule());
}

/** An instance of the compiled module: also how a parse worker (src/cli/parse-worker.ts) starts from the main thread's compile. */
export async function instanceOf(module: WebAssembly.Module): Promise<PgQueryWasm> {
  const { default: createPgQueryModule } = await import("libpg-query/wasm/libpg-query.js");
  return createPgQueryModule({
    instantiateWasm(imports, receive) {
      receive(new WebAssembly.Instance(module, imports));
      return {};
    },
  });
}

function refill(): Promise<void> {
  // `.finally` runs after the assignment, even when there was nothing to create
  refilling ??= (async () => {
    while (spares.length < sparesWanted) spares.push(await newInstance());
  })().finally(() => {
    refilling = undefined;
  });
  return refilling;
}

/** Load the instance and its spares once per process. */
export function loadPgQuery(): Promise<void> {
  loading ??= (async () => {
    active = await newInstance();
    await refill();
  })();
  return loading;
}

/** Resolves once an instance and its spares are ready: the state every file should start in. */
export async function pgQueryReady(): Promise<void> {
  await loadPgQuery();
  if (active && spares.length >= sparesWanted) return;
  await refill();
  active ??= spares.shift();
  await refill();
}

/** How many parses so far found no instance ready: `analyze` parses a file again when its parse added one. */
export const parserMisses = (): number => misses;

function instance(): PgQueryWasm {
  active ??= spares.shift();
  if (active) return active;
  if (!loading) throw new Error("PostgreSQL's parser is not loaded yet: call loadAdapters() (or loadPgParser()) first");
  misses++;
  throw new Error("PostgreSQL's parser broke on an earlier statement and is being replaced; this file was not analysed");
}

/** Run `work` on the current instance; anything but a SQL error retires it. */
function withInstance<T>(work: (wasm: PgQueryWasm) => T): T {
  const wasm = instance();
  try {
    return work(wasm);
  } catch (error) {
    if (error instanceof PgSqlError || error instanceof TooComplexError) throw error;
    if (active === wasm) active = undefined;
    sparesWanted = SPARES;
    void refill().catch(() => undefined);
    if (error instanceof RangeError || error instanceof WebAssembly.RuntimeError)
      throw new TooComplexError(`PostgreSQL's parser ran out of stack on this statement (${error.message})`);
    throw error;
  }
}

/**
 * Text into and out of the module's memory with V8's own UTF-8 encoder and decoder: Emscripten's helpers
 * (lengthBytesUTF8, stringToUTF8, and the search for the terminating NUL in UTF8ToString) loop over every
 * character and byte in JavaScript, about 15 ms of the 800-file bench (1.3 MB of SQL in, 5.6 MB of JSON out).
 * The same bytes and strings: a well-formed string's UTF-8 is the standard one (a lone surrogate takes
 * Emscripten's path), and Emscripten decodes a string of more than 16 bytes with this same default TextDecoder.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** String.prototype.isWellFormed (Node 20; in TypeScript's ES2024 library, past this project's ES2023) */
const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

function withString<T>(wasm: PgQueryWasm, text: string, work: (pointer: number) => T): T {
  const native = isWellFormed(text);
  const length = (native ? Buffer.byteLength(text, "utf8") : wasm.lengthBytesUTF8(text)) + 1;
  const pointer = wasm._malloc(length);
  try {
    if (native) {
      const heap = wasm.HEAPU8;
      encoder.encodeInto(text, heap.subarray(pointer, pointer + length - 1));
      heap[pointer + length - 1] = 0;
    } else wasm.stringToUTF8(text, pointer, length);
    return work(pointer);
  } finally {
    wasm._free(pointer);
  }
}

/** Where the NUL that ends the string at `pointer` is (-1 for a null pointer). */
const endOf = (wasm: PgQueryWasm, pointer: number): number => (pointer ? wasm.HEAPU8.indexOf(0, pointer) : -1);

/** The NUL-terminated UTF-8 string at `pointer`, ending at `end` (as UTF8ToString reads it). */
function stringAt(wasm: PgQueryWasm, pointer: number, end = endOf(wasm, pointer)): string {
  return end - pointer > 16 ? decoder.decode(wasm.HEAPU8.subarray(pointer, end)) : wasm.UTF8ToString(pointer);
}

/**
 * Deepest nesting of objects and arrays in the JSON text in `bytes` from `start` to `end`, stopping as soon as it
 * passes `limit`. Read as UTF-8 bytes in the module's memory, before the text becomes a string: twice as fast as
 * the string's characters (5.6 MB of JSON in the 800-file bench), and the same answer (no byte of a multi-byte
 * UTF-8 character is an ASCII one).
 */
function jsonDepthExceeds(bytes: Uint8Array, start: number, end: number, limit: number): boolean {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c === 34 /* " */) {
      for (i++; i < end; i++) {
        const s = bytes[i];
        if (s === 92 /* \ */) i++;
        else if (s === 34) break;
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/** The JSON string at `pointer`, or undefined when it nests deeper than MAX_TREE_DEPTH. */
function treeJsonAt(wasm: PgQueryWasm, pointer: number): string | undefined {
  const end = endOf(wasm, pointer);
  return jsonDepthExceeds(wasm.HEAPU8, pointer, end, MAX_TREE_DEPTH) ? undefined : stringAt(wasm, pointer, end);
}

const tooDeep = `this statement is nested more than ${MAX_TREE_DEPTH} levels deep`;

/** What PostgreSQL's parser said about a text, as plain data a worker thread can send: a pure function of the text. */
export type PgParseOutcome =
  | { json: string }
  | { sqlError: PgSqlError["sqlDetails"] }
  /** the tree is nested deeper than MAX_TREE_DEPTH (checked on the JSON text) */
  | { tooDeep: true };

/**
 * libpg-query's parse of `sql` on `wasm`, as data. Throws only what breaks the instance (out of stack), as the
 * WASM call does.
 */
export function parseOutcome(wasm: PgQueryWasm, sql: string): PgParseOutcome {
  return withString(wasm, sql, (query) => {
    const result = wasm._wasm_parse_query_raw(query);
    if (!result) throw new Error("libpg-query could not allocate memory for the parse");
    try {
      const tree = wasm.getValue(result, "i32");
      const error = wasm.getValue(result + 8, "i32");
      if (error) {
        const text = (offset: number) => {
          const pointer = wasm.getValue(error + offset, "i32");
          return pointer ? wasm.UTF8ToString(pointer) : undefined;
        };
        const message = text(0) ?? "unknown error";
        const line = wasm.getValue(error + 12, "i32");
        const cursor = wasm.getValue(error + 16, "i32");
        return { sqlError: { message, cursorPosition: cursor > 0 ? cursor - 1 : 0, functionName: text(4), fileName: text(8), lineNumber: line > 0 ? line : undefined } };
      }
      if (!tree) throw new Error("libpg-query returned no parse tree");
      const json = treeJsonAt(wasm, tree);
      return json === undefined ? { tooDeep: true } : { json };
    } finally {
      wasm._wasm_free_parse_result(result);
    }
  });
}

/** The parse result an outcome stands for, or the error the parse throws. */
function fromOutcome(outcome: PgParseOutcome): ParseResult {
  if ("sqlError" in outcome) throw new PgSqlError(outcome.sqlError.message, outcome.sqlError);
  if ("tooDeep" in outcome) throw new TooComplexError(tooDeep);
  return JSON.parse(outcome.json) as ParseResult;
}

/**
 * Parses of whole texts done elsewhere (the CLI's parse workers on a large lint: src/cli/parse-pool.ts), asked
 * before parsing here; undefined means parse here. Set only while an analysis runs (`useParsesFrom`).
 */
let parsedElsewhere: ((sql: string) => PgParseOutcome | undefined) | undefined;

/** Ask `source` for each text's parse until the returned function is called. */
export function useParsesFrom(source: ((sql: string) => PgParseOutcome | undefined) | undefined): () => void {
  if (!source) return () => undefined;
  const previous = parsedElsewhere;
  parsedElsewhere = source;
  return () => {
    parsedElsewhere = previous;
  };
}

/** libpg-query's parseSync on a replaceable instance (or the same parse done by a worker). */
export function pgParse(sql: string): ParseResult {
  return fromOutcome(parsedElsewhere?.(sql) ?? withInstance((wasm) => parseOutcome(wasm, sql)));
}

/**
 * Results of the string-returning entry points: JSON, or an error message. A tree (`tree`) nested deeper than
 * MAX_TREE_DEPTH is refused before it becomes a string.
 */
function stringResult(wasm: PgQueryWasm, sql: string, call: (query: number) => number, isJson: (text: string) => boolean, tree = false): string {
  return withString(wasm, sql, (query) => {
    const pointer = call(query);
    try {
      const end = endOf(wasm, pointer);
      const text = stringAt(wasm, pointer, end);
      if (!isJson(text)) throw new PgSqlError(text, { message: text, cursorPosition: 0 });
      if (tree && jsonDepthExceeds(wasm.HEAPU8, pointer, end, MAX_TREE_DEPTH)) throw new TooComplexError(tooDeep);
      return text;
    } finally {
      if (pointer) wasm._wasm_free_string(pointer);
    }
  });
}

/** libpg-query's scanSync (a flat token list) on a replaceable instance. */
export function pgScan(sql: string): ScanResult {
  return withInstance((wasm) => {
    // an unterminated string or comment comes back as a bare message ("unterminated quoted string"), not JSON
    const text = stringResult(wasm, sql, (q) => wasm._wasm_scan(q), (t) => t.startsWith("{"));
    return JSON.parse(text) as ScanResult;
  });
}

/** The tokens of `sql`, or undefined when the scanner refuses it (an unterminated string or comment): text to leave as it is. */
export function pgScanTokens(sql: string): ScanResult["tokens"] | undefined {
  try {
    return pgScan(sql).tokens;
  } catch {
    return undefined;
  }
}

/** libpg-query's parsePlPgSQLSync on a replaceable instance. */
export function pgParsePlPgSql(sql: string): unknown {
  return withInstance((wasm) => JSON.parse(stringResult(wasm, sql, (q) => wasm._wasm_parse_plpgsql(q), (t) => t.startsWith("{"), true)) as unknown);
}
