/**
 * Whether a Python module is an Alembic revision wherever it lives: Flask-Alembic keeps its revisions directly in
 * a package folder (getsentry/zeus's zeus/migrations/*.py, no versions/, no env.py), which no path names. A module
 * with module-level `revision =` and `down_revision =` assignments and a module-level `def upgrade` is one. Read
 * with tree-sitter's Python grammar (the parser must be loaded): a docstring or comment that mentions them is not.
 */
import { withPythonTree, type PyNode } from "./parser.js";

/** The names a module-level statement assigns (`revision = "x"`, `revision: str = "x"`). */
function assignedName(statement: PyNode): string | undefined {
  if (statement.type !== "expression_statement") return undefined;
  const assignment = statement.namedChildren[0];
  if (assignment?.type !== "assignment") return undefined;
  const left = assignment.childForFieldName("left");
  return left?.type === "identifier" ? left.text : undefined;
}

export function isAlembicRevisionModule(content: string): boolean {
  return withPythonTree(content, (root) => {
    const names = new Set<string>();
    let upgrade = false;
    for (const statement of root.namedChildren) {
      if (!statement) continue;
      const name = assignedName(statement);
      if (name) names.add(name);
      const definition = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
      if (definition?.type === "function_definition" && definition.childForFieldName("name")?.text === "upgrade") upgrade = true;
    }
    return upgrade && names.has("revision") && names.has("down_revision");
  });
}
