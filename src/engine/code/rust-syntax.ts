/**
 * What Rust code says about columns, read with tree-sitter's Rust grammar (the WASM tree-sitter-rust ships): its
 * string literals (SQL of sqlx's `query!`, `row.get("col")`), the struct fields it declares, sets and reads
 * (`struct Release { files: .. }`, `Release { files, .. }`, `r.files`, also `r.files` inside a macro's arguments,
 * which the grammar leaves a token tree), and its comments. A word in a comment, in a string of prose
 * (`"adding essential files failed"`) or as a local's or function's name is none of these. Loaded on demand.
 */
import type { Node } from "web-tree-sitter";
import type { SourceFile } from "../model.js";
import { grammarOnDemand, oncePerFile, withTree } from "../adapters/tree-sitter-grammar.js";
import { usageAt, type Usage } from "./usage-search.js";

const grammar = grammarOnDemand("tree-sitter-rust/tree-sitter-rust.wasm");

/** Load the grammar once; later calls share the same promise. */
export const loadRustParser = (): Promise<void> => grammar.load();

export const rustParserLoaded = (): boolean => grammar.parser !== undefined;

export const isRustPath = (path: string): boolean => path.endsWith(".rs");

export interface RustFacts {
  /** string literals' contents, with the offset of their first character in the file */
  strings: Array<{ text: string; offset: number }>;
  /** struct fields declared, set or read: their name and the offset of the name */
  fields: Array<{ name: string; offset: number }>;
  /** comments, as [start, end) offsets of the file's text */
  comments: Array<readonly [number, number]>;
  /** tables an ORM maps: diesel's `table! { events (id) { .. } }` and `table_name = events` (or `= "events"`) in an attribute */
  tables: Array<{ name: string; offset: number }>;
}

/** `table!` or `diesel::table!`: diesel's declaration of a table of the schema */
const isTableMacro = (node: Node) => {
  const name = node.childForFieldName("macro");
  return (name?.type === "identifier" ? name.text : name?.childForFieldName("name")?.text) === "table";
};

/** The value of `table_name = x` in a token tree (diesel's `#[diesel(table_name = x)]`, sea-orm's `#[sea_orm(table_name = "x")]`). */
const isTableNameValue = (node: Node) => node.parent?.type === "token_tree" && node.previousSibling?.type === "=" && node.previousSibling.previousSibling?.text === "table_name";

const FIELD_PARENTS = new Set(["field_expression", "field_declaration", "field_initializer"]);

function read(root: Node): RustFacts {
  const facts: RustFacts = { strings: [], fields: [], comments: [], tables: [] };
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    switch (node.type) {
      case "line_comment":
      case "block_comment":
        facts.comments.push([node.startIndex, node.endIndex]);
        continue;
      case "string_literal":
      case "raw_string_literal": {
        const content = node.children.find((c) => c?.type === "string_content");
        if (content) facts.strings.push({ text: content.text, offset: content.startIndex });
        if (content && isTableNameValue(node)) facts.tables.push({ name: content.text, offset: content.startIndex });
        continue;
      }
      case "field_identifier":
        if (node.parent && FIELD_PARENTS.has(node.parent.type)) facts.fields.push({ name: node.text, offset: node.startIndex });
        continue;
      case "shorthand_field_initializer":
        facts.fields.push({ name: node.text, offset: node.startIndex });
        continue;
      case "identifier":
        // `r.files` in a macro's arguments: a token tree, `.` then the identifier
        if (node.parent?.type === "token_tree" && node.previousSibling?.type === ".") facts.fields.push({ name: node.text, offset: node.startIndex });
        if (isTableNameValue(node)) facts.tables.push({ name: node.text, offset: node.startIndex });
        continue;
      case "macro_invocation": {
        // diesel's schema: the table's name is the first identifier of the macro's body (after any `schema.`)
        const body = isTableMacro(node) ? node.namedChildren.find((c) => c?.type === "token_tree") : undefined;
        const names = body?.namedChildren.filter((c) => c?.type === "identifier") ?? [];
        const declared = body?.namedChildren.find((c) => c?.type === "token_tree");
        const before = names.filter((n) => declared === undefined || n!.startIndex < declared.startIndex);
        const table = before.at(-1);
        if (table) facts.tables.push({ name: table.text, offset: table.startIndex });
        break;
      }
    }
    for (const child of node.children) if (child) stack.push(child);
  }
  return facts;
}

/** The file's facts; undefined when the grammar is not loaded or the file does not parse. */
export const rustFacts = oncePerFile((file: SourceFile): RustFacts | undefined => (grammar.parser ? withTree(grammar.parser, file.content, read) : undefined));

/**
 * The lines of each Rust file where `offsetsOf` finds a use in its facts (rust-column-uses.ts, rust-table-uses.ts);
 * files the grammar could not read in `unread`, to be searched as text by the caller.
 */
export function rustUsageLines(files: readonly SourceFile[], offsetsOf: (facts: RustFacts) => number[]): { usages: Usage[]; unread: SourceFile[] } {
  const usages: Usage[] = [];
  const unread: SourceFile[] = [];
  for (const file of files) {
    const facts = rustFacts(file);
    if (!facts) {
      unread.push(file);
      continue;
    }
    const lines = [...new Set(offsetsOf(facts).map((o) => lineOf(file.content, o)))].sort((a, b) => a - b);
    usages.push(...lines.map((line) => usageAt(file, line)));
  }
  return { usages, unread };
}

/** 1-based line of an offset of the file's text */
const lineOf = (content: string, offset: number) => content.slice(0, offset).split("\n").length;
