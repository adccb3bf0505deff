/**
 * Ruby's own parser (@ruby/prism, WASM through node:wasi). Prism locations are UTF-8 byte offsets;
 * `RubySource` turns them into lines and text.
 *
 * The instance is shared by every file, so one hostile file must not break it for the next. Prism's C stack
 * is 64 KiB of linear memory placed just above its static data: about a hundred levels of nesting fill it, and
 * deeper nesting writes over Prism's own tables (later files then fail with `unexpected '::'`) before a trap.
 * So the bottom of the stack is painted and checked after every parse; a parse that reached it, or that threw,
 * discards the instance (a new one is instantiated from the compiled module) and reports the file as too complex.
 */
import { openSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { devNull as devNullPath } from "node:os";
import { WASI } from "node:wasi";
import type { Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";
import type { ParseResult } from "@ruby/prism/src/deserialize.js";
import { parsePrism } from "@ruby/prism/src/parsePrism.js";
import { isStackOverflow, MAX_TREE_DEPTH, TooComplexError } from "../../limits.js";
import { SourceLines } from "../../source-lines.js";
import { wasmFile } from "../wasm-file.js";

export type RubyParseResult = ParseResult;

/** Bytes at the bottom of Prism's stack that a trustworthy parse never reaches. */
const GUARD_BYTES = 8192;
const PAINT = 0xa5;

interface PrismInstance {
  exports: WebAssembly.Exports;
  /** start of the painted guard zone, or undefined when the module does not say where its stack is */
  guard?: number;
}

let compiled: WebAssembly.Module | undefined;
let current: PrismInstance | undefined;
let loading: Promise<void> | undefined;

const memoryOf = (exports: WebAssembly.Exports) => (exports.memory as WebAssembly.Memory).buffer;

/** Prism's stderr (its C asserts fire when a hostile file corrupts it): not for users' eyes. */
let devNull: number | undefined;

function instantiate(module: WebAssembly.Module): PrismInstance {
  devNull ??= openSync(devNullPath, "w");
  const wasi = new WASI({ version: "preview1", stdout: devNull, stderr: devNull });
  const instance = new WebAssembly.Instance(module, wasi.getImportObject() as WebAssembly.Imports);
  wasi.initialize(instance);
  const { exports } = instance;
  const low = (exports.__stack_low as WebAssembly.Global | undefined)?.value as number | undefined;
  const high = (exports.__stack_high as WebAssembly.Global | undefined)?.value as number | undefined;
  if (low === undefined || high === undefined || high - low <= GUARD_BYTES) return { exports };
  new Uint8Array(memoryOf(exports), low, GUARD_BYTES).fill(PAINT);
  return { exports, guard: low };
}

function guardIntact(instance: PrismInstance): boolean {
  if (instance.guard === undefined) return false;
  const zone = new Uint8Array(memoryOf(instance.exports), instance.guard, GUARD_BYTES);
  for (let i = 0; i < zone.length; i++) if (zone[i] !== PAINT) return false;
  return true;
}

/** Compile the WASM once; later calls share the same promise. */
export function loadRubyParser(): Promise<void> {
  loading ??= (async () => {
    compiled = await WebAssembly.compile(await readFile(wasmFile("@ruby/prism/src/prism.wasm")));
    current = instantiate(compiled);
  })();
  return loading;
}

/**
 * Parse Ruby source; the parser must be loaded first (`loadAdapters()` does it). Throws TooComplexError when the
 * file is nested deeper than Prism's stack or MAX_TREE_DEPTH allow.
 */
export function parseRuby(source: string): RubyParseResult {
  if (!compiled) throw new Error("the Ruby parser is not loaded yet: call loadAdapters() (or loadRubyParser()) first");
  const instance = (current ??= instantiate(compiled));
  let result: RubyParseResult;
  try {
    result = parsePrism(instance.exports, source);
  } catch (error) {
    current = undefined;
    // the WASM trapped when its stack ran out, or overflowed into its own data and wrote nonsense for the JS reader
    if (error instanceof WebAssembly.RuntimeError || !guardIntact(instance)) throw new TooComplexError(NESTED_TOO_DEEPLY);
    // the JS reader of Prism's output recursed through a chain thousands of calls long
    if (isStackOverflow(error)) throw new TooComplexError("this file holds an expression thousands of levels deep (a chain of calls or operators)");
    throw error;
  }
  if (!guardIntact(instance)) {
    // the stack came within GUARD_BYTES of Prism's static data: this tree may be wrong, and the next one too
    current = undefined;
    throw new TooComplexError(NESTED_TOO_DEEPLY);
  }
  checkDepth(result, source);
  return result;
}

/** Nesting that fits Prism's stack above the guard zone, measured with `foo do ... end` blocks (about 580 bytes a level). */
export const PRISM_NESTING = 90;
const NESTED_TOO_DEEPLY = `this file is nested deeper than Ruby's parser can follow (about ${PRISM_NESTING} levels of blocks or brackets)`;

/** Reject a tree deeper than MAX_TREE_DEPTH (long `a + b + ...` or `.where(...)` chains), iteratively. */
function checkDepth(result: RubyParseResult, source: string): void {
  const stack: Array<[Node, number]> = [[result.value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_TREE_DEPTH) {
      const line = new SourceLines(source).lineOfByte(node.location.startOffset);
      throw new TooComplexError(`this expression is nested more than ${MAX_TREE_DEPTH} levels deep`, line);
    }
    for (const child of rubyChildren(node)) stack.push([child, depth + 1]);
  }
}
