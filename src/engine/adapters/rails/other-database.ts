/**
 * Branches guarded for another database (`if ActsAsTaggableOn::Utils.using_mysql?`,
 * `if connection.adapter_name == "Mysql2"`, `when "PostgreSQL"`) never run on the migration's own database
 * (the folder's, engine/database): their SQL is not its to judge.
 * Decided from the names and strings in the condition's syntax tree.
 */
import { currentSqlDialect } from "../sql/index.js";
import { CallNode, ConstantReadNode, ConstantPathNode, OrNode, ParenthesesNode, RegularExpressionNode, ReturnNode, SelfNode, StatementsNode, StringNode, SymbolNode, type DefNode, type Node } from "@ruby/prism";
import { rubyChildren } from "./ruby-children.js";

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
  for (const child of rubyChildren(node)) words(child, out);
  return out;
}

/** The condition names another database and not the migration's own. */
export function guardsOtherDatabase(predicate: Node): boolean {
  const own = NAMES[currentSqlDialect()] ?? NAMES.postgresql;
  const found = words(predicate, []);
  return found.some((w) => ALL.some((db) => !own.includes(db) && w.includes(db))) && !found.some((w) => own.some((db) => w.includes(db)));
}

const NAMES_OWN_IN = (name: string) => (NAMES[currentSqlDialect()] ?? NAMES.postgresql).some((db) => name.toLowerCase().includes(db));
const COMPARISONS = new Set(["==", "===", "=~", "eql?", "match?", "start_with?", "include?"]);
const LITERALS = (node: Node | null | undefined) => node instanceof StringNode || node instanceof SymbolNode || node instanceof RegularExpressionNode;

/** A test that names the migration's own database alone (and no other). */
const namesOwnOnly = (node: Node): boolean => {
  const own = NAMES[currentSqlDialect()] ?? NAMES.postgresql;
  const found = words(node, []);
  return found.some((w) => own.some((db) => w.includes(db))) && !found.some((w) => ALL.some((db) => !own.includes(db) && w.includes(db)));
};

/**
 * The condition is nothing but a test that the database is the migration's own (`AppConfig.postgres?`,
 * `connection.adapter_name == "PostgreSQL"`, `adapter_name =~ /postg/i`), so its else branch runs only on another
 * database. A condition that tests more (`postgres? && big?`) is not: its else may run here too.
 */
export function testsOwnDatabase(predicate: Node): boolean {
  if (predicate instanceof ParenthesesNode && predicate.body instanceof StatementsNode && predicate.body.body.length === 1) return testsOwnDatabase(predicate.body.body[0]);
  if (predicate instanceof OrNode) return testsOwnDatabase(predicate.left) && testsOwnDatabase(predicate.right);
  if (!(predicate instanceof CallNode)) return false;
  // a predicate method named for the database: postgres?, using_postgresql?
  if (predicate.name.endsWith("?") && !predicate.arguments_ && !predicate.block && !COMPARISONS.has(predicate.name)) return namesOwnOnly(predicate) && NAMES_OWN_IN(predicate.name);
  // the adapter's name compared with the database's: connection.adapter_name == "PostgreSQL"
  if (!COMPARISONS.has(predicate.name)) return false;
  const args = predicate.arguments_?.arguments_ ?? [];
  if (args.length !== 1 || !predicate.receiver) return false;
  const [literal, subject] = LITERALS(args[0]) ? [args[0], predicate.receiver] : LITERALS(predicate.receiver) ? [predicate.receiver, args[0]] : [undefined, undefined];
  return literal !== undefined && subject !== undefined && namesOwnOnly(literal) && words(subject, []).some((w) => w.includes("adapter"));
}

/**
 * A condition that calls a method of the migration without arguments (`if mysql?`, `if legacy_adapter?`) stands
 * for the one expression that method returns (`connection.adapter_name =~ /mysql/i`), so its test of the database
 * is read; a method that does more (reads settings, memoizes) is left as the call, read by its name alone.
 */
export function predicateBody(predicate: Node, helpers: ReadonlyMap<string, DefNode>): Node {
  let node = predicate;
  // a helper may name another one (`def mysql?; adapter_mysql?; end`): followed a few deep, never in a cycle
  for (let depth = 0; depth < 3; depth++) {
    if (!(node instanceof CallNode) || (node.receiver && !(node.receiver instanceof SelfNode)) || node.arguments_ || node.block) return node;
    const helper = helpers.get(node.name);
    const body = helper?.body instanceof StatementsNode ? helper.body.body : [];
    if (!helper || helper.parameters || body.length !== 1) return node;
    const only = body[0] instanceof ReturnNode ? body[0].arguments_?.arguments_.length === 1 ? body[0].arguments_.arguments_[0] : undefined : body[0];
    if (!only) return node;
    node = only;
  }
  return node;
}
