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
}

const FIELD_PARENTS = new Set(["field_expression", "field_declaration", "field_initializer"]);

function read(root: Node): RustFacts {
  const facts: RustFacts = { strings: [], fields: [], comments: [] };
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
        continue;
    }
    for (const child of node.children) if (child) stack.push(child);
  }
  return facts;
}

/** The file's facts; undefined when the grammar is not loaded or the file does not parse. */
export const rustFacts = oncePerFile((file: SourceFile): RustFacts | undefined => (grammar.parser ? withTree(grammar.parser, file.content, read) : undefined));
