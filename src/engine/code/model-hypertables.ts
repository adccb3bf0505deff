/**
 * The tables Python application code makes TimescaleDB hypertables (read with tree-sitter's Python grammar, the SQL
 * with libpg-query): a string holding `SELECT create_hypertable('t', ...)`, such as the DDL an SQLAlchemy
 * `after_create` listener runs when the model's table is created (datanommer's models/__init__.py). The table is
 * read only where it is sound: written in the SQL, or an f-string's `{Model.__tablename__}` of a class of the module,
 * or `{param.__tablename__}` in a module-level function, for each class the module's own calls of it pass. Any other
 * string (a name computed otherwise, an escape sequence) is not read.
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { callParts, functionDefinitions, locOf, parameterNames, plainString } from "../adapters/python/nodes.js";
import { parseStatements } from "../adapters/sql/pg-parser.js";
import { hypertableCreatedBy } from "../adapters/sql/hypertables.js";
import { nameKey } from "../rules/support/facts.js";
import type { SourceFile } from "../model.js";

/** Where code makes a table a hypertable. */
export interface CodeHypertable {
  path: string;
  line: number;
}

/** Tests and fixtures make tables of their own: not what production runs. */
const isTestPath = (path: string) => /(?:^|\/)(?:tests?|testing)\/|(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest)\.py$/.test(path);

/** `__tablename__ = "..."` of each class at the top level of the module. */
function moduleTables(root: PyNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const statement of root.namedChildren) {
    const node = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
    if (node?.type !== "class_definition") continue;
    const name = node.childForFieldName("name")?.text;
    for (const member of node.childForFieldName("body")?.namedChildren ?? []) {
      const assignment = member.type === "expression_statement" ? member.namedChildren[0] : undefined;
      if (assignment?.type !== "assignment" || assignment.childForFieldName("left")?.text !== "__tablename__") continue;
      const table = plainString(assignment.childForFieldName("right"));
      if (name && table) out.set(name, table);
    }
  }
  return out;
}

/** The module-level function a node is inside, if any. */
function enclosingFunction(node: PyNode, root: PyNode): PyNode | undefined {
  let found: PyNode | undefined;
  for (let at: PyNode | null = node.parent; at && at.id !== root.id; at = at.parent) if (at.type === "function_definition") found = at;
  return found && (found.parent?.id === root.id || found.parent?.parent?.id === root.id) ? found : undefined;
}

/** What tablesOf reads of the whole module: its classes' tables, and (read once, when a string needs them) its functions and calls. */
interface Module {
  root: PyNode;
  classes: ReadonlyMap<string, string>;
  functions: () => Map<string, PyNode>;
  calls: () => PyNode[];
}

function moduleOf(root: PyNode): Module {
  let functions: Map<string, PyNode> | undefined;
  let calls: PyNode[] | undefined;
  return {
    root,
    classes: moduleTables(root),
    functions: () => (functions ??= functionDefinitions(root)),
    calls: () => (calls ??= root.descendantsOfType("call").filter((call): call is PyNode => call !== null)),
  };
}

/**
 * The tables `X.__tablename__` names: X a class of the module, or a parameter of the module-level function the
 * string is in, for the class each of the module's calls of that function passes (a call passing anything else adds none).
 */
function tablesOf(expression: PyNode, at: PyNode, { root, classes, functions, calls }: Module): string[] {
  if (expression.type !== "attribute" || expression.childForFieldName("attribute")?.text !== "__tablename__") return [];
  const object = expression.childForFieldName("object");
  if (object?.type !== "identifier") return [];
  const fn = enclosingFunction(at, root);
  const parameters = fn ? parameterNames(fn) : [];
  const position = parameters.indexOf(object.text);
  if (position === -1) return classes.has(object.text) ? [classes.get(object.text)!] : [];
  const name = fn!.childForFieldName("name")?.text;
  const defined = functions().get(name ?? "");
  if (!name || defined?.id !== fn!.id) return [];
  return calls().flatMap((call) => {
    const parts = callParts(call);
    if (parts?.function.type !== "identifier" || parts.function.text !== name || parts.splat) return [];
    const arg = parts.keywords.get(object.text) ?? parts.positional[position];
    return arg?.type === "identifier" && classes.has(arg.text) ? [classes.get(arg.text)!] : [];
  });
}

/** A string literal's SQL with each interpolation as a placeholder name; undefined for an escape sequence (its text is not the SQL's). */
function stringSql(node: PyNode): { sql: string; parts: Map<string, PyNode> } | undefined {
  let sql = "";
  const parts = new Map<string, PyNode>();
  for (const child of node.namedChildren) {
    if (child.type === "string_content") sql += child.text;
    else if (child.type === "interpolation") {
      const expression = child.namedChildren.find((c) => c.type !== "format_specifier" && c.type !== "type_conversion");
      if (!expression || child.namedChildren.length !== 1) return undefined;
      const placeholder = `migguard_interpolation_${parts.size}`;
      parts.set(placeholder, expression);
      sql += placeholder;
    } else if (child.type === "escape_sequence") return undefined;
  }
  return { sql, parts };
}

/** The hypertables one file's strings make, by table (nameKey). */
function fileHypertables(file: SourceFile, out: Map<string, CodeHypertable>): void {
  withPythonTree(file.content, (root) => {
    const module = moduleOf(root);
    const visit = (node: PyNode) => {
      if (node.type === "string" && node.text.includes("create_hypertable")) {
        const read = stringSql(node);
        for (const statement of read ? parseStatements(read.sql).statements : []) {
          const written = statement.stmt.SelectStmt ? hypertableCreatedBy(statement.stmt.SelectStmt) : undefined;
          if (!written) continue;
          const interpolated = read!.parts.get(written);
          const tables = interpolated ? tablesOf(interpolated, node, module) : /migguard_interpolation_\d/.test(written) ? [] : [written];
          for (const table of tables) if (!out.has(nameKey(table))) out.set(nameKey(table), { path: file.path, line: locOf(node).line });
        }
        return;
      }
      for (const child of node.namedChildren) visit(child);
    };
    visit(root);
  });
}

const read = new WeakMap<readonly SourceFile[], Map<string, CodeHypertable>>();

/** The hypertables the application's Python code (not its tests) makes, by table (nameKey); read once per list of files. */
export function codeHypertables(files: readonly SourceFile[]): Map<string, CodeHypertable> {
  let found = read.get(files);
  if (!found) {
    found = new Map();
    for (const file of files) {
      if (!file.path.endsWith(".py") || isTestPath(file.path) || !file.content.includes("create_hypertable")) continue;
      try {
        fileHypertables(file, found);
      } catch {
        // a file too deep to walk says nothing
      }
    }
    read.set(files, found);
  }
  return found;
}
