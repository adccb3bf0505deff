/**
 * Alembic revisions and env.py that branch on the database (`if op.get_bind().dialect.name == "sqlite":`,
 * `context.get_context().dialect.name in ("mysql", "mariadb")`) run on each database they name. Read with
 * tree-sitter's Python grammar: only comparisons of a `.dialect.name` (or a bind's `.engine.name`) with string literals count.
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import type { Database } from "../model.js";
import { databaseWord } from "./names.js";

const literals = (node: PyNode): string[] => {
  if (node.type === "string") return [node.namedChildren.filter((c) => c?.type === "string_content").map((c) => c!.text).join("")];
  if (node.type === "tuple" || node.type === "list" || node.type === "set") return node.namedChildren.flatMap((c) => (c ? literals(c) : []));
  return [];
};

/**
 * The connection's dialect name: `.dialect.name`, or the bind's `.engine.name` (Mailu's 546b04c886f0:
 * `context.get_bind().engine.name not in ('sqlite', 'postgresql')`), which SQLAlchemy gives the dialect's name.
 */
const DIALECT_NAME = /(?:dialect|get_bind\(\)\.engine|\bbind\.engine)\.name$/;

/** The databases a module's `.dialect.name` (or bind's `.engine.name`) comparisons name. */
export function dialectChecks(content: string): Database[] {
  return withPythonTree(content, (root) => {
    const found = new Set<Database>();
    for (const comparison of root.descendantsOfType("comparison_operator")) {
      const operands = (comparison?.namedChildren ?? []).filter((n): n is PyNode => n !== null);
      if (operands.length !== 2 || !operands.some((o) => o.type === "attribute" && DIALECT_NAME.test(o.text.replace(/\s/g, "")))) continue;
      for (const operand of operands) for (const text of literals(operand)) {
        const database = databaseWord(text);
        if (database && text.toLowerCase() === text.toLowerCase().match(/^[a-z]+/)?.[0]) found.add(database);
      }
    }
    return [...found];
  });
}
