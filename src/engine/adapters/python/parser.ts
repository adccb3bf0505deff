/**
 * tree-sitter's Python grammar (web-tree-sitter 0.27 + tree-sitter-python 0.25's bundled WASM), loaded once
 * per process. Trees live in WASM memory: `withPythonTree` frees each one when its reader returns.
 * Positions: rows are 0-based (line = row + 1); indices and columns are UTF-16 code units (JS string indices).
 *
 * tree-sitter parses without recursion (its stacks live on the heap), so deep nesting does not hurt the parser;
 * it hurts the walkers that read the tree, so a tree deeper than MAX_TREE_DEPTH is refused before any of them
 * runs. A parser that throws is replaced all the same, so the next file starts on a fresh one.
 */
import type { Language, Node, Parser, Tree } from "web-tree-sitter";
import { MAX_TREE_DEPTH, TooComplexError } from "../../limits.js";
import { wasmFile } from "../wasm-file.js";

export type { Node as PyNode } from "web-tree-sitter";

let treeSitter: typeof import("web-tree-sitter") | undefined;
let language: Language | undefined;
let parser: Parser | undefined;
let loading: Promise<void> | undefined;

// web-tree-sitter itself is imported here, not at the top: modules that only name Python helpers (the review
// rules, through the rule catalogue) must not load it into a process that never parses Python
async function init(): Promise<void> {
  const module = await import("web-tree-sitter");
  await module.Parser.init();
  language = await module.Language.load(wasmFile("tree-sitter-python/tree-sitter-python.wasm"));
  treeSitter = module;
}

/** Load the grammar once; later calls share the same promise. */
export const loadPythonParser = (): Promise<void> => (loading ??= init());

function newParser(grammar: Language): Parser {
  const instance = new treeSitter!.Parser();
  instance.setLanguage(grammar);
  return instance;
}

/** The first node deeper than MAX_TREE_DEPTH, walking with a cursor (no recursion, no node objects). */
function tooDeep(tree: Tree): Node | undefined {
  const cursor = tree.walk();
  try {
    let depth = 1;
    for (;;) {
      if (cursor.gotoFirstChild()) {
        if (++depth > MAX_TREE_DEPTH) return cursor.currentNode;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return undefined;
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Parse `source` and hand the module node to `read`; the tree is freed afterwards, so nodes must not escape.
 * Throws TooComplexError when the tree is nested deeper than MAX_TREE_DEPTH.
 */
export function withPythonTree<T>(source: string, read: (root: Node, tree: Tree) => T): T {
  if (!language) throw new Error("the Python parser is not loaded: call loadAdapters() (or loadPythonParser()) first");
  parser ??= newParser(language);
  let tree: Tree | null;
  try {
    tree = parser.parse(source);
  } catch (error) {
    parser = undefined;
    throw error;
  }
  if (!tree) throw new Error("tree-sitter returned no tree for this Python file");
  try {
    const deep = tooDeep(tree);
    if (deep) throw new TooComplexError(`this expression is nested more than ${MAX_TREE_DEPTH} levels deep`, deep.startPosition.row + 1);
    return read(tree.rootNode, tree);
  } finally {
    tree.delete();
  }
}
