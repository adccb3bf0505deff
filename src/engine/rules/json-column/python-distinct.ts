/**
 * What a Python `distinct` compares, read with tree-sitter's Python grammar: SQLAlchemy's and Django's
 * `query.distinct()` compares whole rows of what the query selects; `query.distinct(Work.user_id)` is DISTINCT ON
 * those expressions, `distinct(Work.user_id)` / `Work.user_id.distinct()` the values of that column. A json column
 * fails only in a comparison that includes it: rows of a query that selects it (every column of the model, or it
 * by name), or it named in the expressions.
 */
import { pythonParserLoaded, withPythonTree, type PyNode } from "../../adapters/python/parser.js";

/** Query methods that narrow or order rows: their arguments are conditions, not what the query selects. */
const CONDITIONS = new Set(["filter", "filter_by", "where", "order_by", "group_by", "having", "join", "outerjoin", "options", "exclude", "limit", "offset", "select_from", "correlate"]);

const lastName = (node: PyNode) => (node.type === "attribute" ? (node.childForFieldName("attribute")?.text ?? "") : node.type === "identifier" ? node.text : "");

/** `Work.user_id`, `models.Work.user_id`: an attribute of a class (capitalised name), a column of its model. */
const isColumnRef = (node: PyNode) => {
  if (node.type !== "attribute") return false;
  const owner = node.childForFieldName("object");
  return owner !== null && /^[A-Z]/.test(lastName(owner)) && /^[a-z_]/.test(lastName(node));
};

const argumentsOf = (call: PyNode): PyNode[] =>
  (call.childForFieldName("arguments")?.namedChildren ?? []).filter((n): n is PyNode => n !== null && n.type !== "comment");

/** The expressions name the column (`Work.extra_info`, "extra_info"). */
const names = (nodes: readonly PyNode[], column: string) =>
  nodes.some((n) => n.text === column || lastName(n) === column || n.text.replace(/^["']|["']$/g, "") === column || n.descendantsOfType(["attribute", "string"]).some((d) => d !== null && (lastName(d) === column || d.text.replace(/^["']|["']$/g, "") === column)));

/**
 * The columns a query selects by name, read along the receivers of `.distinct()`: a call (other than a condition)
 * whose arguments are all column references (`query(Work.assigned_to)`, a helper given `Work.assigned_to`,
 * `values_list("a")`), or a column the chain starts from. Undefined when it selects whole rows (a model).
 */
function selectedColumns(receiver: PyNode | null): PyNode[] | undefined {
  for (let node = receiver; node; ) {
    if (isColumnRef(node)) return [node];
    if (node.type === "call") {
      const fn = node.childForFieldName("function");
      const args = argumentsOf(node).filter((a) => a.type !== "keyword_argument");
      const name = fn ? lastName(fn) : "";
      const strings = args.length > 0 && args.every((a) => a.type === "string") && (name === "values" || name === "values_list" || name === "only");
      if (!CONDITIONS.has(name) && args.length > 0 && (args.every(isColumnRef) || strings)) return args;
      node = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
      continue;
    }
    node = node.type === "attribute" ? node.childForFieldName("object") : null;
  }
  return undefined;
}

/** Whether the `distinct` call on `line` of `source` compares `column`'s values; undefined when no such call was read. */
function distinctCompares(root: PyNode, line: number, column: string): boolean | undefined {
  // a chain's call starts lines above its `.distinct(`: the line is where the callee ends
  const calls = root.descendantsOfType("call").filter((c): c is PyNode => {
    const fn = c?.childForFieldName("function");
    return fn !== null && fn !== undefined && lastName(fn) === "distinct" && fn.endPosition.row === line - 1;
  });
  if (calls.length === 0) return undefined;
  return calls.some((call) => {
    const fn = call.childForFieldName("function")!;
    const args = argumentsOf(call);
    // distinct(col) as a function, or DISTINCT ON (exprs): those expressions are compared
    if (args.length > 0 || fn.type !== "attribute") return names(args, column);
    const receiver = fn.childForFieldName("object");
    const selected = selectedColumns(receiver);
    return selected === undefined || names(selected, column);
  });
}

/**
 * For a Python file, whether its `distinct` on `line` compares `column` (json): false for DISTINCT ON other columns,
 * a column's own distinct, a query selecting other columns. Undefined when the grammar is not loaded, the file does
 * not parse, or the line holds no `distinct` call: the caller keeps the usage.
 */
export function pythonDistinctCompares(source: string, line: number, column: string): boolean | undefined {
  if (!pythonParserLoaded()) return undefined;
  try {
    return withPythonTree(source, (root) => (root.hasError ? undefined : distinctCompares(root, line, column)));
  } catch {
    return undefined;
  }
}
