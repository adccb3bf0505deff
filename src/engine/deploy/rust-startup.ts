/**
 * What a Rust file does with the migrations a library embeds in the binary, read with tree-sitter's Rust grammar
 * (the WASM tree-sitter-rust ships), loaded only when a deploy decision meets a Rust source that names a migration
 * macro (deploy-readers.ts):
 * - its macro invocations by name (`embed_migrations!`, `sqlx::migrate!`), with the path they are written under;
 * - its calls by name, as a method (`conn.run_pending_migrations(M)`) or through a path
 *   (`MigrationHarness::run_pending_migrations(&mut conn, M)`), with where their receiver chain starts: a macro
 *   (`migrate!("./m").run(&pool)`) or a call (`runner().set_abort_divergent(false).run(&mut c)`).
 * Comments and string literals are nodes of their own, so a name written there is never a call. A call written
 * inside another macro's arguments (`assert!(x.run(..).is_ok())`) is a token tree the grammar does not expand,
 * and is not read. self-migrating.ts decides from these facts.
 */
import type { Node } from "web-tree-sitter";
import type { SourceFile } from "../model.js";
import { grammarOnDemand, oncePerFile, withTree } from "../adapters/tree-sitter-grammar.js";

const grammar = grammarOnDemand("tree-sitter-rust/tree-sitter-rust.wasm");

/** Load the grammar once; later calls share the same promise. */
export const loadRustStartupParser = (): Promise<void> => grammar.load();

/** A macro invocation: `sqlx::migrate!("./migrations")` is `{ name: "migrate", path: "sqlx", argument: "./migrations" }`. */
export interface RustMacro {
  name: string;
  path?: string;
  line: number;
  /** the string literal its arguments start with (sqlx's migrations folder), if they do */
  argument?: string;
}

/** Where a method chain starts: `migrate!(..)` in `migrate!(..).run(p)`, `runner()` in `m::runner().x().run(c)`. */
export type RustChainStart = { kind: "macro"; macro: RustMacro } | { kind: "call"; name: string; arguments: number; line: number };

export interface RustCall {
  /** the method or function called, without its path: `run_pending_migrations` */
  name: string;
  /** `x.name(...)`, `Path::name(...)` or a bare `name(...)` */
  via: "method" | "path" | "bare";
  /** 1-based line of the name */
  line: number;
  /** a method call's chain start (through other method calls, `.await` and `?`) */
  start?: RustChainStart;
}

export interface RustStartupFacts {
  macros: RustMacro[];
  calls: RustCall[];
}

const line = (node: Node) => node.startPosition.row + 1;

/** The string literal a macro's token tree starts with (`"./migrations"` of `migrate!("./migrations")`), as written between its quotes. */
function firstStringArgument(invocation: Node): string | undefined {
  const tree = invocation.namedChildren.find((c) => c?.type === "token_tree");
  const first = tree?.namedChildren.find((c) => c?.type !== "line_comment" && c?.type !== "block_comment");
  if (first?.type !== "string_literal" && first?.type !== "raw_string_literal") return undefined;
  return first.namedChildren.find((c) => c?.type === "string_content")?.text ?? "";
}

/** A macro's name and path, from its `macro` field (an identifier, or a scoped identifier such as `sqlx::migrate`). */
function macroOf(invocation: Node): RustMacro | undefined {
  const name = invocation.childForFieldName("macro");
  const argument = firstStringArgument(invocation);
  const withArgument = argument !== undefined ? { argument } : {};
  if (name?.type === "identifier") return { name: name.text, line: line(invocation), ...withArgument };
  if (name?.type !== "scoped_identifier") return undefined;
  const last = name.childForFieldName("name");
  const path = name.childForFieldName("path");
  return last ? { name: last.text, ...(path ? { path: path.text } : {}), line: line(invocation), ...withArgument } : undefined;
}

/** The chain a method call is made on, followed back through method calls, `.await`, `?` and parentheses. */
function chainStart(receiver: Node | null): RustChainStart | undefined {
  let node = receiver;
  while (node) {
    if (node.type === "await_expression" || node.type === "try_expression" || node.type === "parenthesized_expression") {
      node = node.namedChildren[0] ?? null;
      continue;
    }
    if (node.type === "macro_invocation") {
      const macro = macroOf(node);
      return macro ? { kind: "macro", macro } : undefined;
    }
    if (node.type !== "call_expression") return undefined;
    const callee = node.childForFieldName("function");
    if (callee?.type === "field_expression") {
      node = callee.childForFieldName("value");
      continue;
    }
    const name = callee?.type === "scoped_identifier" ? callee.childForFieldName("name") : callee?.type === "identifier" ? callee : null;
    const argumentCount = node.childForFieldName("arguments")?.namedChildren.filter((c) => c?.type !== "line_comment" && c?.type !== "block_comment").length ?? 0;
    return name ? { kind: "call", name: name.text, arguments: argumentCount, line: line(name) } : undefined;
  }
  return undefined;
}

function callOf(call: Node): RustCall | undefined {
  const callee = call.childForFieldName("function");
  if (callee?.type === "field_expression") {
    const field = callee.childForFieldName("field");
    return field ? { name: field.text, via: "method", line: line(field), start: chainStart(callee.childForFieldName("value")) } : undefined;
  }
  if (callee?.type === "identifier") return { name: callee.text, via: "bare", line: line(callee) };
  const name = callee?.type === "scoped_identifier" ? callee.childForFieldName("name") : null;
  return name ? { name: name.text, via: "path", line: line(name) } : undefined;
}

function readFacts(root: Node): RustStartupFacts {
  const facts: RustStartupFacts = { macros: [], calls: [] };
  for (const node of root.descendantsOfType(["macro_invocation", "call_expression"])) {
    if (node?.type === "macro_invocation") {
      const macro = macroOf(node);
      if (macro) facts.macros.push(macro);
    } else if (node) {
      const call = callOf(node);
      if (call) facts.calls.push(call);
    }
  }
  return facts;
}

/** The file's facts, read once; undefined when the file does not parse. */
export const rustStartupFacts = oncePerFile((file: SourceFile): RustStartupFacts | undefined => {
  const parser = grammar.parser;
  if (!parser) throw new Error(`the Rust grammar is not loaded (reading ${file.path}): wait for loadRustStartupParser first`);
  return withTree(parser, file.content, readFacts);
});
