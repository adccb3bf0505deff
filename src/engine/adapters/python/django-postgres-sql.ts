/**
 * The literal SQL a RunPython function sends itself on PostgreSQL: `schema_editor.execute("...")`, or
 * `cursor.execute("...")` on a cursor a `with ... .cursor() as cursor:` opens, where every branch around the call is
 * taken on PostgreSQL (`if schema_editor.connection.vendor.startswith("postgres"):`, `!= "sqlite"`, the else of a
 * `== "sqlite"` test). fx-private-relay's emails 0060 restores the database defaults Django's AddField drops this way,
 * and rebuilds the table in an else branch for SQLite. A call under any other condition or in a loop may not run: left out.
 */
import type { PyNode } from "./parser.js";
import type { Imports } from "./imports.js";
import { parameterNames } from "./nodes.js";
import { evaluate, type PyValue } from "./values.js";
import { parseStatements } from "../sql/pg-parser.js";

/** Whether a vendor test holds on PostgreSQL (Django's vendor there is "postgresql"); undefined for any other condition. */
function holdsOnPostgres(condition: PyNode | null): boolean | undefined {
  if (!condition) return undefined;
  if (condition.type === "parenthesized_expression") return holdsOnPostgres(condition.namedChildren[0] ?? null);
  if (condition.type === "not_operator") {
    const inner = holdsOnPostgres(condition.childForFieldName("argument"));
    return inner === undefined ? undefined : !inner;
  }
  const isVendor = (n: PyNode | null | undefined) => n?.type === "attribute" && n.childForFieldName("attribute")?.text === "vendor";
  const literal = (n: PyNode | null | undefined) => (n?.type === "string" ? n.namedChildren.filter((c) => c.type === "string_content").map((c) => c.text).join("") : undefined);
  if (condition.type === "comparison_operator") {
    const [left, right] = condition.namedChildren;
    const operators = condition.children.filter((c) => !c.isNamed).map((c) => c.text);
    if (condition.namedChildren.length !== 2 || operators.length !== 1 || !["==", "!="].includes(operators[0])) return undefined;
    const value = isVendor(left) ? literal(right) : isVendor(right) ? literal(left) : undefined;
    if (value === undefined) return undefined;
    return (value === "postgresql") === (operators[0] === "==");
  }
  if (condition.type === "call") {
    const fn = condition.childForFieldName("function");
    const args = condition.childForFieldName("arguments")?.namedChildren ?? [];
    if (fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "startswith" || !isVendor(fn.childForFieldName("object")) || args.length !== 1) return undefined;
    const prefix = literal(args[0]);
    return prefix === undefined ? undefined : "postgresql".startsWith(prefix);
  }
  return undefined;
}

/** Whether the branch of an if chain that holds `clause` (its consequence, an elif or the else) is the one PostgreSQL takes. */
function branchTakenOnPostgres(ifStatement: PyNode, clause: PyNode): boolean {
  const chain = [ifStatement, ...ifStatement.namedChildren.filter((c) => c.type === "elif_clause" || c.type === "else_clause")];
  // tree-sitter hands out a new object for each visit: nodes are compared by id
  const at = clause.id === ifStatement.childForFieldName("consequence")?.id ? 0 : chain.findIndex((c) => c.id === clause.id);
  if (at < 0) return false;
  // every earlier test fails on PostgreSQL, and this one (an else has none) holds
  if (!chain.slice(0, at).every((c) => holdsOnPostgres(c.childForFieldName("condition")) === false)) return false;
  return chain[at].type === "else_clause" || holdsOnPostgres(chain[at].childForFieldName("condition")) === true;
}

/** Whether a statement in `body` (the function's) always runs on PostgreSQL once the function runs: only vendor branches, with and try bodies around it. */
function runsOnPostgres(node: PyNode, body: PyNode): boolean {
  let child = node;
  for (let parent = node.parent; parent && parent.id !== body.id; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case "block":
      case "expression_statement":
      case "with_statement":
      case "with_clause":
      case "with_item":
      case "argument_list":
      case "call":
        continue;
      case "if_statement":
        if (child.type === "block" || child.type === "elif_clause" || child.type === "else_clause") {
          if (!branchTakenOnPostgres(parent, child)) return false;
          continue;
        }
        return false;
      case "elif_clause":
      case "else_clause":
        continue; // judged at their if_statement
      case "try_statement":
        if (child.type === "block") continue;
        return false;
      default:
        return false;
    }
  }
  return true;
}

/** Names bound to a cursor (`with schema_editor.connection.cursor() as cursor:`) anywhere in the body. */
function cursorNames(body: PyNode): Set<string> {
  const names = new Set<string>();
  for (const pattern of body.descendantsOfType("as_pattern")) {
    const value = pattern.namedChildren[0];
    const fn = value?.type === "call" ? value.childForFieldName("function") : undefined;
    const alias = pattern.childForFieldName("alias")?.namedChildren[0] ?? pattern.namedChildren[1];
    if (fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "cursor" && alias?.type === "identifier") names.add(alias.text);
  }
  return names;
}

/** The literal SQL strings the function sends on PostgreSQL, in order (see the module comment). */
export function postgresSqlOf(def: PyNode, imports: Imports): PyValue[] {
  const body = def.childForFieldName("body");
  const editor = parameterNames(def)[1];
  if (!body) return [];
  const cursors = cursorNames(body);
  const out: PyValue[] = [];
  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    const receiver = fn?.type === "attribute" ? fn.childForFieldName("object") : undefined;
    if (fn?.childForFieldName("attribute")?.text !== "execute" || receiver?.type !== "identifier") continue;
    if (receiver.text !== editor && !cursors.has(receiver.text)) continue;
    const args = call.childForFieldName("arguments")?.namedChildren ?? [];
    if (args.length !== 1 || !runsOnPostgres(call, body)) continue;
    const value = evaluate(args[0], { imports });
    if (value.kind === "str" && !value.unresolved && !value.runTime) out.push(value);
  }
  return out;
}

/** Statements that change only the schema: no row written (a DROP of an index alone; DROP TABLE loses rows). */
const isSchemaOnly = (stmt: Record<string, unknown> & { DropStmt?: { removeType?: string } }) =>
  Boolean(stmt.AlterTableStmt || stmt.IndexStmt || stmt.CommentStmt || stmt.DropStmt?.removeType === "OBJECT_INDEX");

/**
 * Whether, on PostgreSQL, the function runs only schema statements of its own literal SQL (fx-private-relay's emails
 * 0061 drops an index IF EXISTS, 0060 sets defaults): every statement it reaches there is a docstring, a pass, a
 * vendor test (only the branch PostgreSQL takes is read), a `with ... .cursor() as c:` or an execute of such SQL.
 * A raise or anything else PostgreSQL reaches, or a condition that is no vendor test, says no.
 */
export function postgresSchemaOnly(def: PyNode, imports: Imports): boolean {
  const body = def.childForFieldName("body");
  const editor = parameterNames(def)[1];
  if (!body) return false;
  const cursors = cursorNames(body);
  let executed = 0;
  const executesSchemaSql = (call: PyNode): boolean => {
    const fn = call.childForFieldName("function");
    const receiver = fn?.type === "attribute" ? fn.childForFieldName("object") : undefined;
    if (fn?.childForFieldName("attribute")?.text !== "execute" || receiver?.type !== "identifier") return false;
    if (receiver.text !== editor && !cursors.has(receiver.text)) return false;
    const args = call.childForFieldName("arguments")?.namedChildren ?? [];
    const value = args.length === 1 ? evaluate(args[0], { imports }) : undefined;
    if (value?.kind !== "str" || value.unresolved || value.runTime) return false;
    const parsed = parseStatements(value.value);
    if (parsed.errors.length > 0 || parsed.statements.length === 0) return false;
    executed++;
    return parsed.statements.every((s) => isSchemaOnly(s.stmt as Parameters<typeof isSchemaOnly>[0]));
  };
  const block = (node: PyNode | null): boolean => (node ? node.namedChildren.every(statement) : true);
  const statement = (node: PyNode): boolean => {
    switch (node.type) {
      case "comment":
      case "pass_statement":
        return true;
      case "expression_statement": {
        const [expr] = node.namedChildren;
        return node.namedChildren.length === 1 && (expr.type === "string" || (expr.type === "call" && executesSchemaSql(expr)));
      }
      case "with_statement": {
        const items = node.namedChildren.find((c) => c.type === "with_clause")?.namedChildren ?? [];
        const opensCursor = (item: PyNode) => {
          const pattern = item.namedChildren[0];
          const value = pattern?.type === "as_pattern" ? pattern.namedChildren[0] : undefined;
          const fn = value?.type === "call" ? value.childForFieldName("function") : undefined;
          return fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "cursor";
        };
        return items.length > 0 && items.every(opensCursor) && block(node.childForFieldName("body"));
      }
      case "if_statement": {
        const chain = [node, ...node.namedChildren.filter((c) => c.type === "elif_clause" || c.type === "else_clause")];
        for (const clause of chain) {
          if (clause.type === "else_clause") return block(clause.childForFieldName("body"));
          const holds = holdsOnPostgres(clause.childForFieldName("condition"));
          if (holds === undefined) return false;
          if (holds) return block(clause.childForFieldName("consequence"));
        }
        return true; // no branch runs on PostgreSQL
      }
      default:
        return false;
    }
  };
  return block(body) && executed > 0;
}
