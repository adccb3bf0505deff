/**
 * The version a Rails schema.rb was dumped at, read with Ruby's own parser:
 * `ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do ... end` (or `ActiveRecord::Schema.define`).
 */
import { rubyIntegerOf } from "../../adapters/rails/ruby-integer.js";
import { ArrayNode, BlockNode, CallNode, FalseNode, ConstantPathNode, StatementsNode, IntegerNode, HashNode, KeywordHashNode, AssocNode, StringNode, SymbolNode, type Node } from "@ruby/prism";
import { RubyVisitor } from "../../adapters/rails/ruby-visitor.js";
import { rubyChildren } from "../../adapters/rails/ruby-children.js";
import { parseRuby } from "../../adapters/rails/prism.js";
import { RubySource } from "../../adapters/rails/ruby-source.js";
import type { DumpVersions } from "./dump-versions.js";
import { dumpName, type DumpItem } from "./dump-items.js";
import { foreignKeyColumn } from "../../adapters/rails/inflections.js";

/** `ActiveRecord::Schema` or `ActiveRecord::Schema[7.1]` */
function isSchemaConstant(node: Node | null, source: RubySource): boolean {
  if (node instanceof CallNode && node.name === "[]") return isSchemaConstant(node.receiver, source);
  return node instanceof ConstantPathNode && source.textOf(node).replace(/^::/, "") === "ActiveRecord::Schema";
}

class DefineVisitor extends RubyVisitor {
  found?: { version: string; line: number };

  constructor(private readonly source: RubySource) {
    super();
  }

  override visitCallNode(node: CallNode): void {
    if (!this.found && node.name === "define" && isSchemaConstant(node.receiver, this.source)) {
      for (const argument of node.arguments_?.arguments_ ?? []) {
        if (!(argument instanceof KeywordHashNode)) continue;
        for (const element of argument.elements) {
          if (!(element instanceof AssocNode) || !(element.key instanceof SymbolNode) || element.key.unescaped.value !== "version") continue;
          // Prism's deserialised IntegerNode value is wrong for some 14-digit versions: read the literal as written
          const version = element.value instanceof IntegerNode ? rubyIntegerOf(this.source.textOf(element.value)) : undefined;
          if (version !== undefined) this.found = { version: String(version), line: this.source.loc(element.value).line };
        }
      }
    }
    super.visitCallNode(node);
  }
}

export function schemaRbVersions(content: string): DumpVersions {
  const result = parseRuby(content);
  const source = new RubySource(content);
  const visitor = new DefineVisitor(source);
  result.value.accept(visitor);
  if (!visitor.found) {
    const problem = result.errors.length > 0 ? `it does not parse as Ruby (${result.errors[0].message})` : "no `ActiveRecord::Schema.define(version: ...)` in it";
    return { versions: [], problem };
  }
  return { versions: [visitor.found.version], newest: visitor.found.version, line: visitor.found.line };
}

/**
 * The dumper a schema.rb names: `ActiveRecord::Schema[7.0]` (Rails 7.0's format), or `ActiveRecord::Schema` before
 * Rails 7. Two dumps with different ones were written by different Rails versions, which write the same column
 * otherwise (`precision: nil`, `precision: 6`). Undefined when it does not parse or has no define.
 */
export function schemaRbDumper(content: string): string | undefined {
  const result = parseRuby(content);
  if (result.errors.length > 0) return undefined;
  const source = new RubySource(content);
  let dumper: string | undefined;
  const visit = (node: Node) => {
    if (dumper !== undefined) return;
    if (node instanceof CallNode && node.name === "define" && isSchemaConstant(node.receiver, source)) {
      dumper = source.textOf(node.receiver!).replace(/\s+/g, "");
      return;
    }
    for (const child of rubyChildren(node)) visit(child);
  };
  visit(result.value);
  return dumper;
}

/**
 * What a schema.rb builds, whatever order its dumper wrote it in: the define's version, and each statement of its
 * block with the statements of a create_table block sorted (Rails 8.1 dumps columns alphabetically; the tables,
 * columns and indexes are the same). The `Schema[8.1]` header only names the dumper's format. undefined when it
 * does not parse.
 */
export function schemaRbShape(content: string): string | undefined {
  const result = parseRuby(content);
  if (result.errors.length > 0) return undefined;
  const source = new RubySource(content);
  const text = (node: Node) => source.textOf(node).replace(/\s+/g, " ").trim();
  let shape: string | undefined;
  const visit = (node: Node) => {
    if (shape === undefined && node instanceof CallNode && node.name === "define" && isSchemaConstant(node.receiver, source)) {
      const body = node.block instanceof BlockNode && node.block.body instanceof StatementsNode ? node.block.body.body : [];
      const statements = body.map((statement) => {
        // Rails 8.0 dumps the built-in plpgsql with its schema (`"pg_catalog.plpgsql"`): the same extension
        if (statement instanceof CallNode && statement.name === "enable_extension") return text(statement).replace(/(["'])pg_catalog\./, "$1");
        if (!(statement instanceof CallNode) || !(statement.block instanceof BlockNode)) return text(statement);
        const inner = statement.block.body instanceof StatementsNode ? statement.block.body.body.map(text).sort() : [];
        return `${statement.name} ${statement.arguments_ ? text(statement.arguments_) : ""} { ${inner.join("; ")} }`;
      });
      shape = [`version ${node.arguments_ ? text(node.arguments_) : ""}`, ...statements.sort()].join("\n");
      return;
    }
    for (const child of rubyChildren(node)) visit(child);
  };
  visit(result.value);
  return shape;
}

const stringOf = (node: Node | undefined): string | undefined => (node instanceof StringNode ? node.unescaped.value : node instanceof SymbolNode ? node.unescaped.value : undefined);

/** A call's keyword argument (`name: "index_users_on_email"`) as a string, when it is one. */
function keywordString(call: CallNode, key: string): string | undefined {
  for (const argument of call.arguments_?.arguments_ ?? [])
    if (argument instanceof KeywordHashNode)
      for (const element of argument.elements) if (element instanceof AssocNode && stringOf(element.key) === key) return stringOf(element.value);
  return undefined;
}

/** An index's columns: `["a", "b"]`, or one column as a string (an expression index's SQL is kept as written). */
function indexColumns(node: Node | undefined): string[] | undefined {
  if (node instanceof ArrayNode) {
    const names = node.elements.map(stringOf);
    return names.every((n) => n !== undefined) ? names.map((n) => n!.toLowerCase()) : undefined;
  }
  const one = stringOf(node);
  return one === undefined ? undefined : [one.toLowerCase()];
}

/**
 * A statement as Ruby reads it, whatever its quoting: `t.string 'a', :null => false`, `t.string "a", null: false` and
 * Ruby 2's `t.string "a", {:null=>false}` (a trailing hash passed as options) are `string("a", null=false)`; options
 * sorted, strings and symbols as their values. `using: :btree` on an index is PostgreSQL's default, which Rails 5.0
 * wrote and 5.1 no longer writes: left out.
 */
function canonicalCall(call: CallNode, text: (node: Node) => string): string {
  const args = call.arguments_?.arguments_ ?? [];
  const positional: string[] = [];
  const options: string[] = [];
  args.forEach((argument, i) => {
    const last = i === args.length - 1;
    if (argument instanceof KeywordHashNode || (last && argument instanceof HashNode)) {
      for (const element of argument.elements) {
        if (!(element instanceof AssocNode)) {
          options.push(text(element));
          continue;
        }
        const key = stringOf(element.key) ?? text(element.key);
        const value = canonicalValue(element.value, text);
        if (call.name === "index" || call.name === "add_index") if (key === "using" && value === '"btree"') continue;
        options.push(`${key}=${value}`);
      }
    } else positional.push(canonicalValue(argument, text));
  });
  return `${call.name}(${[...positional, ...options.sort()].join(", ")})`;
}

function canonicalValue(node: Node, text: (node: Node) => string): string {
  const value = stringOf(node);
  if (value !== undefined) return JSON.stringify(value);
  if (node instanceof ArrayNode) return `[${node.elements.map((e) => canonicalValue(e, text)).join(", ")}]`;
  return text(node);
}

/** A schema.rb column's `null: false`, and the column as written without its `null:` option (dump-items.ts). */
function nullability(column: CallNode, text: (node: Node) => string): { notNull: boolean; withoutNull: string } {
  let notNull = false;
  const parts: string[] = [];
  for (const argument of column.arguments_?.arguments_ ?? []) {
    if (!(argument instanceof KeywordHashNode)) {
      parts.push(text(argument));
      continue;
    }
    for (const element of argument.elements) {
      if (element instanceof AssocNode && stringOf(element.key) === "null") notNull = element.value instanceof FalseNode;
      else parts.push(text(element));
    }
  }
  return { notNull, withoutNull: `t.${column.name} ${parts.join(", ")}` };
}

/**
 * A schema.rb's items (dump-items.ts): each create_table's table and columns (`t.integer "next_page"`, its
 * definition as written), its `t.index`es and top-level add_index by name, add_foreign_key with its table and
 * referencing column (`column:`, else Rails' `<to_table singular>_id`), every other statement as written. The
 * define's version is not an item. Undefined when it does not parse.
 */
export function schemaRbItems(content: string): DumpItem[] | undefined {
  const result = parseRuby(content);
  if (result.errors.length > 0) return undefined;
  const source = new RubySource(content);
  const text = (node: Node) => source.textOf(node).replace(/\s+/g, " ").trim();
  let items: DumpItem[] | undefined;
  const line = (node: Node) => source.loc(node).line;
  const written = (node: Node) => ({ text: text(node), line: line(node), ...(node instanceof CallNode ? { canonical: canonicalCall(node, text) } : {}) });
  const index = (call: CallNode, table: string | undefined, columnsAt: number): DumpItem => {
    const args = call.arguments_?.arguments_ ?? [];
    const name = keywordString(call, "name");
    return { kind: "index", table, ...(name ? { name: name.toLowerCase() } : {}), columns: indexColumns(args[columnsAt]), ...written(call) };
  };
  const visit = (node: Node) => {
    if (items === undefined && node instanceof CallNode && node.name === "define" && isSchemaConstant(node.receiver, source)) {
      items = [];
      const body = node.block instanceof BlockNode && node.block.body instanceof StatementsNode ? node.block.body.body : [];
      for (const statement of body) {
        const args = statement instanceof CallNode ? (statement.arguments_?.arguments_ ?? []) : [];
        const first = stringOf(args[0]);
        const table = first === undefined ? undefined : dumpName(first);
        if (statement instanceof CallNode && statement.name === "create_table" && table) {
          items.push({ kind: "table", table, text: args.slice(1).map(text).join(", "), line: line(statement) });
          const inner = statement.block instanceof BlockNode && statement.block.body instanceof StatementsNode ? statement.block.body.body : [];
          for (const column of inner) {
            const name = column instanceof CallNode ? stringOf(column.arguments_?.arguments_?.[0]) : undefined;
            if (column instanceof CallNode && column.name === "index") items.push(index(column, table, 0));
            else if (column instanceof CallNode && name !== undefined && column.name !== "check_constraint" && column.name !== "exclusion_constraint" && column.name !== "unique_constraint")
              items.push({ kind: "column", table, column: name.toLowerCase(), ...written(column), ...nullability(column, text) });
            else items.push({ kind: "other", table, ...written(column) });
          }
          continue;
        }
        if (statement instanceof CallNode && statement.name === "add_index" && table) {
          items.push(index(statement, table, 1));
          continue;
        }
        if (statement instanceof CallNode && statement.name === "add_foreign_key" && table) {
          const to = stringOf(args[1]);
          const column = keywordString(statement, "column") ?? (to ? foreignKeyColumn(to) : undefined);
          items.push({ kind: "other", table, ...(column ? { columns: [column.toLowerCase()] } : {}), ...(to ? { references: dumpName(to) } : {}), ...written(statement) });
          continue;
        }
        items.push({ kind: "other", text: text(statement).replace(/(["'])pg_catalog\./, "$1"), line: line(statement) });
      }
      return;
    }
    for (const child of rubyChildren(node)) visit(child);
  };
  visit(result.value);
  return items;
}
