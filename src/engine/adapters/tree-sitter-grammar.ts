/**
 * web-tree-sitter's runtime, initialised once per process, for every grammar (Python, HCL, Java). `Parser.init()`
 * builds a new WASM module and makes it the one every later Parser uses, so a second init orphans the grammars the
 * first loaded: their parsers then fail with "Incompatible language version 0" (a Django project whose deploy
 * reader later loaded Java's grammar). Loads run one after the other for the same reason.
 */
import type { Language, Node, Parser } from "web-tree-sitter";
import { wasmFile, type PARSER_WASM } from "./wasm-file.js";

type TreeSitter = typeof import("web-tree-sitter");

let runtime: Promise<TreeSitter> | undefined;
let queue: Promise<unknown> = Promise.resolve();

// imported here, not at the top: a process that never parses Python, HCL or Java must not load web-tree-sitter
const treeSitterRuntime = (): Promise<TreeSitter> =>
  (runtime ??= import("web-tree-sitter").then(async (module) => {
    await module.Parser.init();
    return module;
  }));

/** The runtime and one grammar, from its package's WASM; callers keep the result (each loads its grammar once). */
export function loadGrammar(packagePath: (typeof PARSER_WASM)[number]): Promise<{ treeSitter: TreeSitter; language: Language }> {
  const loaded = queue.then(async () => {
    const treeSitter = await treeSitterRuntime();
    return { treeSitter, language: await treeSitter.Language.load(wasmFile(packagePath)) };
  });
  queue = loaded.catch(() => undefined);
  return loaded;
}

/** A parser set to one grammar (a reader that keeps a single parser: Java's startup beans, Terraform's HCL). */
export async function grammarParser(packagePath: (typeof PARSER_WASM)[number]): Promise<Parser> {
  const { treeSitter, language } = await loadGrammar(packagePath);
  const parser = new treeSitter.Parser();
  parser.setLanguage(language);
  return parser;
}

/** One parser per grammar, shared by every reader of that language (a parse is synchronous: no two overlap). */
const sharedParsers = new Map<string, Promise<Parser>>();

const sharedParser = (packagePath: (typeof PARSER_WASM)[number]): Promise<Parser> => {
  let parser = sharedParsers.get(packagePath);
  if (!parser) sharedParsers.set(packagePath, (parser = grammarParser(packagePath)));
  return parser;
};

/**
 * A reader's grammar, loaded on demand: `load()` once (later calls share its promise), `parser` set once loaded. Each
 * reader keeps its own slot, so "loaded" still says that this reader was asked for (Java's column reader is not
 * switched on by the deploy reader loading the same grammar), while the WASM and the parser are shared.
 */
export interface GrammarOnDemand {
  load(): Promise<void>;
  readonly parser: Parser | undefined;
}

export function grammarOnDemand(packagePath: (typeof PARSER_WASM)[number]): GrammarOnDemand {
  let parser: Parser | undefined;
  let loading: Promise<void> | undefined;
  return {
    load: () =>
      (loading ??= sharedParser(packagePath).then((loaded) => {
        parser = loaded;
      })),
    get parser() {
      return parser;
    },
  };
}

/** `read` on the syntax tree of `content`, freed after (trees live in WASM memory); undefined when it does not parse. */
export function withTree<T>(parser: Parser, content: string, read: (root: Node) => T): T | undefined {
  const tree = parser.parse(content);
  try {
    return tree ? read(tree.rootNode) : undefined;
  } finally {
    tree?.delete();
  }
}

/**
 * `read` memoised per file object (an analysis's files: dropped with them), undefined answers included, so a file
 * read by several deploy and code questions is parsed once.
 */
export function oncePerFile<F extends object, T>(read: (file: F) => T | undefined): (file: F) => T | undefined {
  const cache = new WeakMap<F, T | null>();
  return (file) => {
    const known = cache.get(file);
    if (known !== undefined) return known ?? undefined;
    const value = read(file) ?? null;
    cache.set(file, value);
    return value ?? undefined;
  };
}
