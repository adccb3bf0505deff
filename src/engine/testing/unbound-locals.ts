/**
 * A Ruby fix that names a local variable of the migration where it is not defined: `change_column table, ...` lifted
 * out of `tables.each do |table|` into a `def up`. Ruby reads the bare `table` there as a method call, so the fix
 * parses and raises NameError when it runs: the syntax check cannot see it. A table block's variable (create_table's
 * `t`) is not one: a fix written to go inside that block (`t.column :post_id, :bigint`) uses it there.
 */
import { BlockNode, CallNode, LocalVariableReadNode, type Node } from "@ruby/prism";
import { parseRuby } from "../adapters/rails/prism.js";
import { rubyChildren } from "../adapters/rails/ruby-children.js";
import { blockParams } from "../adapters/rails/block-params.js";

/** Calls whose block's parameter is the table being defined or changed. */
const TABLE_BLOCKS = new Set(["create_table", "change_table", "create_join_table"]);

function collect(root: Node, keep: (node: Node) => string | undefined): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node) => {
    const name = keep(node);
    if (name !== undefined) names.add(name);
    for (const child of rubyChildren(node)) visit(child);
  };
  visit(root);
  return names;
}

/** The locals of `migration` that `fix` calls as bare names (Prism's variable calls): undefined there. The Ruby parser must be loaded. */
export function unboundLocals(fix: string, migration: string): string[] {
  const parsed = parseRuby(migration).value;
  const tableBlocks = collect(parsed, (node) => (node instanceof CallNode && TABLE_BLOCKS.has(node.name) && node.block instanceof BlockNode ? blockParams(node.block)[0] : undefined));
  const locals = collect(parsed, (node) => (node instanceof LocalVariableReadNode && !tableBlocks.has(node.name) ? node.name : undefined));
  const bare = collect(parseRuby(fix).value, (node) => (node instanceof CallNode && node.isVariableCall() ? node.name : undefined));
  return [...bare].filter((name) => locals.has(name));
}
