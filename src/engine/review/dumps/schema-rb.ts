/**
 * The version a Rails schema.rb was dumped at, read with Ruby's own parser:
 * `ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do ... end` (or `ActiveRecord::Schema.define`).
 */
import { rubyIntegerOf } from "../../adapters/rails/ruby-integer.js";
import { BlockNode, CallNode, ConstantPathNode, StatementsNode, IntegerNode, KeywordHashNode, AssocNode, SymbolNode, type Node } from "@ruby/prism";
import { RubyVisitor } from "../../adapters/rails/ruby-visitor.js";
import { rubyChildren } from "../../adapters/rails/ruby-children.js";
import { parseRuby } from "../../adapters/rails/prism.js";
import { RubySource } from "../../adapters/rails/ruby-source.js";
import type { DumpVersions } from "./dump-versions.js";

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
