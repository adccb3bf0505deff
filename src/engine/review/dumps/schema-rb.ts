/**
 * The version a Rails schema.rb was dumped at, read with Ruby's own parser:
 * `ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do ... end` (or `ActiveRecord::Schema.define`).
 */
import { CallNode, ConstantPathNode, IntegerNode, KeywordHashNode, AssocNode, SymbolNode, Visitor, type Node } from "@ruby/prism";
import { parseRuby } from "../../adapters/rails/prism.js";
import { RubySource } from "../../adapters/rails/ruby-source.js";
import type { DumpVersions } from "./dump-versions.js";

/** `ActiveRecord::Schema` or `ActiveRecord::Schema[7.1]` */
function isSchemaConstant(node: Node | null, source: RubySource): boolean {
  if (node instanceof CallNode && node.name === "[]") return isSchemaConstant(node.receiver, source);
  return node instanceof ConstantPathNode && source.textOf(node).replace(/^::/, "") === "ActiveRecord::Schema";
}

class DefineVisitor extends Visitor {
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
          // Prism's deserialised IntegerNode value overflows for 14-digit versions: read the literal as written
          if (element.value instanceof IntegerNode)
            this.found = { version: this.source.textOf(element.value).replace(/_/g, ""), line: this.source.loc(element.value).line };
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
