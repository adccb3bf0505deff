/**
 * libpg-query's WebAssembly module, compiled once per process. Apart from pg-query.ts, which creates the
 * instances, so that a caller who knows a SQL parse is coming (`migguard lint`: every framework's adapter loads
 * libpg-query) can start it first: V8 reads and compiles it off the main thread while the main thread is still
 * loading the engine's code (issue #18: it was the last step before the first parse).
 */
import { readFile } from "node:fs/promises";
import { wasmFile } from "../wasm-file.js";

let compiled: Promise<WebAssembly.Module> | undefined;

export function pgQueryModule(): Promise<WebAssembly.Module> {
  compiled ??= readFile(wasmFile("libpg-query/wasm/libpg-query.wasm")).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}
