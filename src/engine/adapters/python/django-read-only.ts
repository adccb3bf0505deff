/**
 * Whether a RunPython function only reads: a version check (`SELECT extversion FROM pg_extension`), a count that
 * raises when rows are left, a lookup with `.get()` / `.filter().exists()`. Reads take no lock a schema change
 * conflicts with and leave nothing to undo, so they are not a data change. Judged conservatively: every call must be
 * one known to read (queryset reads, cursor fetches, Python built-ins), and SQL it runs must be a literal SELECT
 * that writes nothing (sql/read-only-select.ts). Anything else may write.
 */
import type { PyNode } from "./parser.js";
import { isReadOnlySelect } from "../sql/read-only-select.js";

/** Calls that read rows or compute values; none writes (save, create, update, delete, bulk_*, add/remove/set/clear are absent). */
const READ_CALLS = new Set([
  // the historical models and the connection
  "get_model", "cursor", "fetchone", "fetchall", "fetchmany",
  // queryset reads
  "get", "filter", "exclude", "exists", "count", "first", "last", "values", "values_list", "all", "order_by", "only", "defer",
  "aggregate", "annotate", "select_related", "prefetch_related", "distinct", "using", "iterator", "in_bulk", "earliest", "latest",
  "Q", "F", "Count", "Sum", "Max", "Min", "Avg",
  // Python built-ins and str methods
  "tuple", "list", "set", "dict", "int", "str", "float", "bool", "len", "range", "sorted", "min", "max", "any", "isinstance",
  "split", "strip", "lower", "upper", "startswith", "endswith", "join", "format", "print",
  "Exception", "RuntimeError", "ValueError", "ImproperlyConfigured",
]);

const calleeOf = (call: PyNode): string | undefined => {
  const fn = call.childForFieldName("function");
  return fn?.type === "attribute" ? fn.childForFieldName("attribute")?.text : fn?.type === "identifier" ? fn.text : undefined;
};

/** The SQL a string argument holds, when it is a plain literal (no f-string interpolation, no concatenation). */
function literalSql(node: PyNode | undefined): string | undefined {
  if (!node || node.type !== "string" || node.descendantsOfType("interpolation").length) return undefined;
  return node.descendantsOfType("string_content").map((c) => c.text).join("");
}

export function readsOnly(body: PyNode): boolean {
  for (const call of body.descendantsOfType("call")) {
    const callee = calleeOf(call);
    if (callee === "execute") {
      const sql = literalSql(call.childForFieldName("arguments")?.namedChildren[0]);
      if (sql === undefined || !isReadOnlySelect(sql)) return false;
      continue;
    }
    if (!callee || !READ_CALLS.has(callee)) return false;
  }
  return true;
}
