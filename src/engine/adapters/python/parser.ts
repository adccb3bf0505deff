/**
 * tree-sitter's Python grammar (web-tree-sitter 0.27 + tree-sitter-python 0.25's bundled WASM), loaded once
 * per process. Trees live in WASM memory: `withPythonTree` frees each one when its reader returns.
 * Positions: rows are 0-based (line = row + 1); indices and columns are UTF-16 code units (JS string indices).
 */
import { createRequire } from "node:module";
import { Language, Parser, type Node, type Tree } from "web-tree-sitter";

export type { Node as PyNode } from "web-tree-sitter";

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

async function init(): Promise<void> {
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve("tree-sitter-python/tree-sitter-python.wasm");
  const language = await Language.load(wasm);
  const instance = new Parser();
  instance.setLanguage(language);
  parser = instance;
}

/** Load the grammar once; later calls share the same promise. */
export const loadPythonParser = (): Promise<void> => (loading ??= init());

/** Parse `source` and hand the module node to `read`; the tree is freed afterwards, so nodes must not escape. */
export function withPythonTree<T>(source: string, read: (root: Node, tree: Tree) => T): T {
  if (!parser) throw new Error("the Python parser is not loaded: call loadAdapters() (or loadPythonParser()) first");
  const tree = parser.parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree for this Python file");
  try {
    return read(tree.rootNode, tree);
  } finally {
    tree.delete();
  }
}
