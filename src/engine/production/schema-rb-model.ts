/**
 * Rails' db/schema.rb in the engine's model: the body of `ActiveRecord::Schema[7.1].define(...) do ... end`
 * holds the same calls as a migration (create_table with its block, t.index, add_index, add_foreign_key,
 * enable_extension), so it is read by the Rails adapter as the `up` of a migration of the same Rails version,
 * and every operation keeps its line in schema.rb.
 */
import { BlockNode, CallNode, ConstantPathNode, FloatNode, type Node } from "@ruby/prism";
import { RubyVisitor } from "../adapters/rails/ruby-visitor.js";
import { adapterFor } from "../adapters/index.js";
import { parseRuby } from "../adapters/rails/prism.js";
import { RubySource } from "../adapters/rails/ruby-source.js";
import type { Config } from "../config.js";
import { detectFile } from "../detect.js";
import type { Migration } from "../model.js";

/** `ActiveRecord::Schema` or `ActiveRecord::Schema[7.1]`, and the version in the brackets. */
function schemaConstant(node: Node | null, source: RubySource): { version?: string } | undefined {
  if (node instanceof CallNode && node.name === "[]") {
    const inner = schemaConstant(node.receiver, source);
    const argument = node.arguments_?.arguments_[0];
    return inner && { version: argument instanceof FloatNode ? source.textOf(argument) : undefined };
  }
  return node instanceof ConstantPathNode && source.textOf(node).replace(/^::/, "") === "ActiveRecord::Schema" ? {} : undefined;
}

class DefineBlock extends RubyVisitor {
  found?: { version?: string; body: { line: number; endLine: number } };

  constructor(private readonly source: RubySource) {
    super();
  }

  override visitCallNode(node: CallNode): void {
    const constant = node.name === "define" ? schemaConstant(node.receiver, this.source) : undefined;
    if (!this.found && constant && node.block instanceof BlockNode && node.block.body) this.found = { version: constant.version, body: this.source.loc(node.block.body) };
    super.visitCallNode(node);
  }
}

/** schema.rb as a migration whose up creates the whole schema; undefined when it holds no `ActiveRecord::Schema.define` block. */
export function schemaRbMigration(path: string, content: string, config?: Pick<Config, "paths">): Migration | undefined {
  const source = new RubySource(content);
  const visitor = new DefineBlock(source);
  parseRuby(content).value.accept(visitor);
  const found = visitor.found;
  if (!found) return undefined;
  const lines = content.split("\n").slice(found.body.line - 1, found.body.endLine);
  // two header lines before the body: a line of schema.rb is its line in the migration minus this shift
  const shift = found.body.line - 3;
  const migration = `class SchemaRb < ActiveRecord::Migration[${found.version ?? "5.2"}]\n  def up\n${lines.join("\n")}\n  end\nend\n`;
  const fakePath = "db/migrate/00000000000000_schema_rb.rb";
  const file = detectFile(fakePath, migration, config);
  const adapter = adapterFor("rails");
  if (!file || !adapter) return undefined;
  const parsed = adapter.parse({ file, content: migration });
  for (const op of parsed.up) op.loc = { line: op.loc.line + shift, endLine: op.loc.endLine + shift };
  return { ...parsed, path };
}
