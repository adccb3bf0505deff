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
import { loadGrammar } from "../tree-sitter-grammar.js";

export type { Node as PyNode } from "web-tree-sitter";

let treeSitter: typeof import("web-tree-sitter") | undefined;
let language: Language | undefined;
let parser: Parser | undefined;
let loading: Promise<void> | undefined;

// web-tree-sitter itself is loaded on demand (tree-sitter-grammar.ts): modules that only name Python helpers (the
// review rules, through the rule catalogue) must not load it into a process that never parses Python
async function init(): Promise<void> {
  ({ treeSitter, language } = await loadGrammar("tree-sitter-python/tree-sitter-python.wasm"));
}

/** The grammar is loaded (an Alembic or Django migration was read): a reader that may skip Python asks first. */
export const pythonParserLoaded = (): boolean => language !== undefined;

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
 * Trees kept while an analysis runs (`rememberPythonTrees`), by source, the least recently read first: the fixes
 * of a Django or Alembic migration read its module once per finding (moved code, free names, imports), and a
 * module's parse costs far more than a read. Bounded, and a tree a reader is still using is never freed. Only
 * trees within the depth limit are kept; the result of a parse is a pure function of the source.
 */
const KEPT_TREES = 16;
const keptTrees = new Map<string, { tree: Tree; readers: number }>();
let analysesRemembering = 0;

/** Keep parsed trees for the analysis until the returned function is called (by every analysis that asked). */
export function rememberPythonTrees(): () => void {
  analysesRemembering++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--analysesRemembering > 0) return;
    for (const [source, kept] of keptTrees) {
      if (kept.readers > 0) continue; // freed by its reader when it returns
      kept.tree.delete();
      keptTrees.delete(source);
    }
  };
}

/** Free the least recently read trees no reader holds, leaving room for one more. */
function makeRoom(): void {
  for (const [source, kept] of keptTrees) {
    if (keptTrees.size < KEPT_TREES) return;
    if (kept.readers > 0) continue;
    kept.tree.delete();
    keptTrees.delete(source);
  }
}

function parseTree(source: string): Tree {
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
  return tree;
}

/**
 * Parse `source` and hand the module node to `read`; the tree is freed afterwards (or, during an analysis, kept for
 * the next read of the same source), so nodes must not escape.
 * Throws TooComplexError when the tree is nested deeper than MAX_TREE_DEPTH.
 */
export function withPythonTree<T>(source: string, read: (root: Node, tree: Tree) => T): T {
  const found = keptTrees.get(source);
  if (found) {
    // read again: now the most recently read
    keptTrees.delete(source);
    keptTrees.set(source, found);
    return readKept(source, found, read);
  }
  const tree = parseTree(source);
  let kept = false;
  try {
    const deep = tooDeep(tree);
    if (deep) throw new TooComplexError(`this expression is nested more than ${MAX_TREE_DEPTH} levels deep`, deep.startPosition.row + 1);
    if (analysesRemembering > 0) {
      makeRoom();
      if (keptTrees.size < KEPT_TREES) {
        const entry = { tree, readers: 0 };
        keptTrees.set(source, entry);
        kept = true;
        return readKept(source, entry, read);
      }
    }
    return read(tree.rootNode, tree);
  } finally {
    if (!kept) tree.delete();
  }
}

/** Read a kept tree; one whose analysis ended while it was read is freed when its last reader returns. */
function readKept<T>(source: string, entry: { tree: Tree; readers: number }, read: (root: Node, tree: Tree) => T): T {
  entry.readers++;
  try {
    return read(entry.tree.rootNode, entry.tree);
  } finally {
    entry.readers--;
    if (entry.readers === 0 && analysesRemembering === 0 && keptTrees.get(source) === entry) {
      entry.tree.delete();
      keptTrees.delete(source);
    }
  }
}
