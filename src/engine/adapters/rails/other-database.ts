/**
 * Branches guarded for another database (`if ActsAsTaggableOn::Utils.using_mysql?`,
 * `if connection.adapter_name == "Mysql2"`) never run on PostgreSQL: their SQL is not PostgreSQL's to judge.
 * Decided from the names and strings in the condition's syntax tree.
 */
import { CallNode, ConstantReadNode, ConstantPathNode, RegularExpressionNode, StringNode, SymbolNode, type Node } from "@ruby/prism";

const OTHER = ["mysql", "mariadb", "sqlite", "sqlserver", "oracle", "trilogy"];

function words(node: Node, out: string[]): string[] {
  if (node instanceof CallNode || node instanceof ConstantReadNode) out.push(node.name.toLowerCase());
  else if (node instanceof ConstantPathNode && node.name) out.push(node.name.toLowerCase());
  else if (node instanceof StringNode || node instanceof SymbolNode || node instanceof RegularExpressionNode) out.push(node.unescaped.value.toLowerCase());
  for (const child of node.compactChildNodes()) words(child, out);
  return out;
}

/** The condition names another database and not PostgreSQL. */
export function guardsOtherDatabase(predicate: Node): boolean {
  const found = words(predicate, []);
  return found.some((w) => OTHER.some((db) => w.includes(db))) && !found.some((w) => w.includes("postg"));
}
