/**
 * The line of each column a schema.rb declares (`t.string "service_name", null: false` inside `create_table`),
 * read with Prism: the Rails adapter's column specs carry no line of their own, and a note that cites the dump
 * should point at the column, not at its table.
 */
import { BlockNode, CallNode } from "@ruby/prism";
import { RubyVisitor } from "../../adapters/rails/ruby-visitor.js";
import { blockParams } from "../../adapters/rails/block-params.js";
import { callArgs, localName } from "../../adapters/rails/call-args.js";
import { parseRuby } from "../../adapters/rails/prism.js";
import { RubySource } from "../../adapters/rails/ruby-source.js";
import { COLUMN_METHODS } from "../../adapters/rails/table-definition.js";
import { EMPTY_ENV, nameOf } from "../../adapters/rails/values.js";
import { nameKey } from "../../rules/support/facts.js";

/** `table key -> column key -> line` */
export type ColumnLines = Map<string, Map<string, number>>;

class CreateTables extends RubyVisitor {
  readonly lines: ColumnLines = new Map();

  constructor(private readonly src: RubySource) {
    super();
  }

  override visitCallNode(node: CallNode): void {
    const table = node.name === "create_table" && node.block instanceof BlockNode ? nameOf(callArgs(node, EMPTY_ENV, this.src).args[0]) : undefined;
    const param = table === undefined ? undefined : blockParams(node.block as BlockNode)[0];
    if (table !== undefined && param) {
      const columns = new Map<string, number>();
      for (const statement of (node.block as BlockNode).body?.compactChildNodes() ?? []) {
        if (!(statement instanceof CallNode) || localName(statement.receiver) !== param || !(statement.name === "column" || COLUMN_METHODS.has(statement.name))) continue;
        const names = statement.name === "column" ? [callArgs(statement, EMPTY_ENV, this.src).args[0]] : callArgs(statement, EMPTY_ENV, this.src).args;
        for (const name of names.map(nameOf)) if (name !== undefined) columns.set(nameKey(name), this.src.loc(statement).line);
      }
      this.lines.set(nameKey(table), columns);
      return;
    }
    super.visitCallNode(node);
  }
}

export function schemaRbColumnLines(content: string): ColumnLines {
  const visitor = new CreateTables(new RubySource(content));
  parseRuby(content).value.accept(visitor);
  return visitor.lines;
}
