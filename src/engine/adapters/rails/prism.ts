/**
 * Ruby's own parser (@ruby/prism, WASM through node:wasi), loaded once per process.
 * Prism locations are UTF-8 byte offsets; `RubySource` turns them into lines and text.
 */
import { loadPrism } from "@ruby/prism";

export type ParseRuby = Awaited<ReturnType<typeof loadPrism>>;
export type RubyParseResult = ReturnType<ParseRuby>;

let parse: ParseRuby | undefined;
let loading: Promise<void> | undefined;

/** Load the WASM parser once; later calls share the same promise. */
export function loadRubyParser(): Promise<void> {
  loading ??= loadPrism().then((p) => {
    parse = p;
  });
  return loading;
}

/** Parse Ruby source; the parser must be loaded first (`loadAdapters()` does it). */
export function parseRuby(source: string): RubyParseResult {
  if (!parse) throw new Error("the Ruby parser is not loaded yet: call loadAdapters() (or loadRubyParser()) first");
  return parse(source);
}
