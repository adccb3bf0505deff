/** Small questions about tree-sitter Python nodes: lines, call arguments, statement lists. */
import type { SourceRange } from "../../model.js";
import type { PyNode } from "./parser.js";

/** 1-based inclusive lines of a node (tree-sitter rows are 0-based; an end at column 0 belongs to the line before). */
export function locOf(node: PyNode): SourceRange {
  const line = node.startPosition.row + 1;
  const end = node.endPosition;
  const endLine = end.column === 0 && end.row > node.startPosition.row ? end.row : end.row + 1;
  return { line, endLine: Math.max(line, endLine) };
}

export interface CallParts {
  function: PyNode;
  positional: PyNode[];
  keywords: Map<string, PyNode>;
  /** `*args` / `**kwargs` were passed: arguments may be missing from what we see */
  splat: boolean;
}

/** The pieces of a `call` node (a generator argument counts as one positional argument). */
export function callParts(call: PyNode): CallParts | undefined {
  const fn = call.childForFieldName("function");
  const args = call.childForFieldName("arguments");
  if (!fn || !args) return undefined;
  const positional: PyNode[] = [];
  const keywords = new Map<string, PyNode>();
  let splat = false;
  if (args.type === "generator_expression") positional.push(args);
  else
    for (const child of args.namedChildren) {
      if (child.type === "keyword_argument") {
        const name = child.childForFieldName("name");
        const value = child.childForFieldName("value");
        if (name && value) keywords.set(name.text, value);
      } else if (child.type === "list_splat" || child.type === "dictionary_splat") splat = true;
      else if (child.type !== "comment") positional.push(child);
    }
  return { function: fn, positional, keywords, splat };
}

/** The value of a call's first keyword argument called `name` (`fields=` of `bulk_update(objs, fields=[...])`). */
export function keywordArgument(call: PyNode, name: string): PyNode | undefined {
  for (const child of call.childForFieldName("arguments")?.namedChildren ?? []) {
    if (child.type === "keyword_argument" && child.childForFieldName("name")?.text === name) return child.childForFieldName("value") ?? undefined;
  }
  return undefined;
}

/** The names of a call's keyword arguments, in the order written (`update(a=..., b=...)`: a, b). */
export function keywordNames(call: PyNode): string[] {
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  return args.filter((a) => a.type === "keyword_argument").map((a) => a.childForFieldName("name")?.text ?? "").filter(Boolean);
}

/** Strip parentheses around an expression: `("a" "b")` is the string inside. */
export function unparen(node: PyNode): PyNode {
  let current = node;
  while (current.type === "parenthesized_expression" && current.namedChildCount === 1) current = current.namedChildren[0];
  return current;
}

/** Statements of a block, with decorated definitions unwrapped. */
export function statementsOf(block: PyNode | null): PyNode[] {
  if (!block) return [];
  return block.namedChildren.filter((n) => n.type !== "comment");
}

/** `def name(...)` nodes directly in a block (top level of a module or class), decorated or not. */
export function functionDefinitions(block: PyNode): Map<string, PyNode> {
  const out = new Map<string, PyNode>();
  for (const statement of block.namedChildren) {
    const def = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
    if (def?.type !== "function_definition") continue;
    const name = def.childForFieldName("name")?.text;
    if (name) out.set(name, def);
  }
  return out;
}

/** Parameter names of a function definition in order (without `*args` / `**kwargs`). */
export function parameterNames(def: PyNode): string[] {
  const params = def.childForFieldName("parameters");
  if (!params) return [];
  const names: string[] = [];
  for (const p of params.namedChildren) {
    if (p.type === "identifier") names.push(p.text);
    else if (p.type === "default_parameter" || p.type === "typed_default_parameter") {
      const name = p.childForFieldName("name");
      if (name) names.push(name.text);
    } else if (p.type === "typed_parameter") {
      const name = p.namedChildren.find((c) => c.type === "identifier");
      if (name) names.push(name.text);
    }
  }
  return names;
}

/** A body that does nothing: only `pass`, `...` and docstrings/comments. */
export function isEmptyBody(block: PyNode | null): boolean {
  return statementsOf(block).every((s) => {
    if (s.type === "pass_statement") return true;
    if (s.type !== "expression_statement" || s.namedChildCount !== 1) return false;
    const e = s.namedChildren[0];
    return e.type === "string" || e.type === "concatenated_string" || e.type === "ellipsis";
  });
}

/** The text of a string literal made of one plain part (no f-string interpolation, no implicit concatenation). */
export function plainString(node: PyNode | null | undefined): string | undefined {
  if (node?.type !== "string") return undefined;
  // f"DROP TABLE {name}" has one plain part too: its text is not the string's
  if (node.namedChildren.some((c) => c.type === "interpolation")) return undefined;
  const content = node.namedChildren.filter((c) => c.type === "string_content");
  return content.length === 1 ? content[0].text : undefined;
}

/**
 * The text of a string literal without f-string interpolation: its plain parts joined, "" for an empty literal
 * (plainString refuses both a literal split into parts and an empty one).
 */
export function stringText(node: PyNode | null | undefined): string | undefined {
  if (node?.type !== "string" || node.namedChildren.some((c) => c?.type === "interpolation")) return undefined;
  return node.namedChildren.filter((c) => c?.type === "string_content").map((c) => c!.text).join("");
}
