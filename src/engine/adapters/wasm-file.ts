/**
 * Where a parser's WebAssembly is: beside this code in the bundle (scripts/bundle.ts copies every file of
 * PARSER_WASM next to its chunks, which share one folder), else in its npm package.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

/** Every parser's WebAssembly, as package paths (web-tree-sitter's runtime finds its own file beside its code). */
export const PARSER_WASM = [
  "libpg-query/wasm/libpg-query.wasm",
  "@ruby/prism/src/prism.wasm",
  "web-tree-sitter/web-tree-sitter.wasm",
  "tree-sitter-python/tree-sitter-python.wasm",
  "@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm",
  "tree-sitter-java/tree-sitter-java.wasm",
  "tree-sitter-bash/tree-sitter-bash.wasm",
  "tree-sitter-go/tree-sitter-go.wasm",
  "tree-sitter-rust/tree-sitter-rust.wasm",
] as const;

export function wasmFile(packagePath: (typeof PARSER_WASM)[number]): string {
  const bundled = new URL(basename(packagePath), import.meta.url);
  return existsSync(bundled) ? fileURLToPath(bundled) : createRequire(import.meta.url).resolve(packagePath);
}
