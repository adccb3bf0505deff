/**
 * Branches guarded for another database (`if ActsAsTaggableOn::Utils.using_mysql?`,
 * `if connection.adapter_name == "Mysql2"`, `when "PostgreSQL"`) never run on the migration's own database
 * (the folder's, engine/database): their SQL is not its to judge.
 * Decided from the names and strings in the condition's syntax tree.
 */
import { currentSqlDialect } from "../sql/index.js";
import { CallNode, ConstantReadNode, ConstantPathNode, RegularExpressionNode, StringNode, SymbolNode, type Node } from "@ruby/prism";

const NAMES: Record<string, readonly string[]> = {
  postgresql: ["postg"],
  mysql: ["mysql", "mariadb", "trilogy"],
  mariadb: ["mysql", "mariadb", "trilogy"],
  sqlite: ["sqlite"],
};
const ALL = ["postg", "mysql", "mariadb", "sqlite", "sqlserver", "oracle", "trilogy"];

function words(node: Node, out: string[]): string[] {
  if (node instanceof CallNode || node instanceof ConstantReadNode) out.push(node.name.toLowerCase());
  else if (node instanceof ConstantPathNode && node.name) out.push(node.name.toLowerCase());
  else if (node instanceof StringNode || node instanceof SymbolNode || node instanceof RegularExpressionNode) out.push(node.unescaped.value.toLowerCase());
  for (const child of node.compactChildNodes()) words(child, out);
  return out;
}

/** The condition names another database and not the migration's own. */
export function guardsOtherDatabase(predicate: Node): boolean {
  const own = NAMES[currentSqlDialect()] ?? NAMES.postgresql;
  const found = words(predicate, []);
  return found.some((w) => ALL.some((db) => !own.includes(db) && w.includes(db))) && !found.some((w) => own.some((db) => w.includes(db)));
}
