/**
 * Whole-table writes in a RunPython function: `Order.objects.all().delete()` or `Order.objects.update(x=...)`
 * reach every row, as a DELETE / UPDATE without WHERE does. A queryset narrowed by filter/exclude (or any call
 * we do not know) is left alone: only a chain that certainly keeps every row counts.
 */
import { keywordNames } from "./nodes.js";
import type { PyNode } from "./parser.js";

export interface UnfilteredWrite {
  verb: "update" | "delete";
  /** the variable holding the model class (`Order` from apps.get_model or an import) */
  modelVariable: string;
  /** fields set by update(...) */
  columns: string[];
  line: number;
}

/** the manager attributes through which a model reaches its rows (django-row-writes.ts reads them too) */
export const MANAGERS = new Set(["objects", "_default_manager", "_base_manager"]);
/** queryset methods that keep every row */
const ALL_ROWS = new Set(["all", "using", "order_by", "select_related", "prefetch_related", "only", "defer", "select_for_update"]);

/** The model variable at the root of `Model.objects.all()...` when every step keeps all rows. */
function unfilteredRoot(node: PyNode | null): string | undefined {
  let current = node;
  while (current) {
    if (current.type === "attribute") {
      const name = current.childForFieldName("attribute")?.text ?? "";
      const object = current.childForFieldName("object");
      if (!MANAGERS.has(name)) return undefined;
      return object?.type === "identifier" ? object.text : undefined;
    }
    if (current.type !== "call") return undefined;
    const fn = current.childForFieldName("function");
    if (fn?.type !== "attribute") return undefined;
    const method = fn.childForFieldName("attribute")?.text ?? "";
    if (!ALL_ROWS.has(method)) return undefined;
    current = fn.childForFieldName("object");
  }
  return undefined;
}

export function unfilteredWrites(body: PyNode, isModel: (name: string) => boolean): UnfilteredWrite[] {
  const out: UnfilteredWrite[] = [];
  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute") continue;
    const verb = fn.childForFieldName("attribute")?.text;
    if (verb !== "update" && verb !== "delete") continue;
    const model = unfilteredRoot(fn.childForFieldName("object"));
    // a bare manager has no delete(): `Model.objects.delete()` is not Django
    if (!model || !isModel(model) || (verb === "delete" && fn.childForFieldName("object")?.type === "attribute")) continue;
    out.push({ verb, modelVariable: model, columns: keywordNames(call), line: call.startPosition.row + 1 });
  }
  return out;
}

export interface ValueDelete {
  modelVariable: string;
  /** the field whose every row with a value the delete removes */
  field: string;
  line: number;
}

/** The one condition of `filter(x__isnull=False)`, `exclude(x__isnull=True)`, `exclude(x=None)`: the field x. */
function valueCondition(method: string, args: readonly PyNode[]): string | undefined {
  if (args.length !== 1 || args[0].type !== "keyword_argument") return undefined;
  const name = args[0].childForFieldName("name")?.text ?? "";
  const value = args[0].childForFieldName("value")?.type;
  const field = /^(\w+?)__isnull$/.exec(name)?.[1];
  // only the model's own field: `a__b__isnull` follows a relation
  if (field && !field.includes("__")) return (method === "filter" && value === "false") || (method === "exclude" && value === "true") ? field : undefined;
  return method === "exclude" && value === "none" && !name.includes("__") ? name : undefined;
}

/**
 * `Alert.objects.filter(deleted_at__isnull=False).delete()` (or `exclude(deleted_at__isnull=True)` /
 * `exclude(deleted_at=None)`): every row with a value in the field goes, so the table keeps only NULLs there. One
 * condition only: another narrows the rows, and a row with a value may stay.
 */
export function valueDeletes(body: PyNode, isModel: (name: string) => boolean): ValueDelete[] {
  const out: ValueDelete[] = [];
  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "delete" || (call.childForFieldName("arguments")?.namedChildren.length ?? 0) > 0) continue;
    let current = fn.childForFieldName("object");
    let field: string | undefined;
    let conditions = 0;
    while (current?.type === "call") {
      const inner = current.childForFieldName("function");
      if (inner?.type !== "attribute") break;
      const method = inner.childForFieldName("attribute")?.text ?? "";
      if (method === "filter" || method === "exclude") {
        conditions++;
        field = valueCondition(method, current.childForFieldName("arguments")?.namedChildren ?? []);
      } else if (!ALL_ROWS.has(method)) break;
      current = inner.childForFieldName("object");
    }
    if (current?.type !== "attribute" || !MANAGERS.has(current.childForFieldName("attribute")?.text ?? "")) continue;
    const model = current.childForFieldName("object");
    if (conditions !== 1 || !field || model?.type !== "identifier" || !isModel(model.text)) continue;
    out.push({ modelVariable: model.text, field, line: call.startPosition.row + 1 });
  }
  return out;
}

export interface ValueCheck {
  modelVariable: string;
  /** the field whose values the check finds; none: any row of the model */
  field?: string;
  /** the condition as written */
  text: string;
  line: number;
}

/** `Model.objects.exclude(x__isnull=True).exists()` (one value condition) or `Model.objects.exists()`: what it asks about. */
function existsCheck(node: PyNode): { modelVariable: string; field?: string } | undefined {
  if (node.type !== "call" || (node.childForFieldName("arguments")?.namedChildren.length ?? 0) > 0) return undefined;
  const fn = node.childForFieldName("function");
  if (fn?.type !== "attribute" || fn.childForFieldName("attribute")?.text !== "exists") return undefined;
  let current = fn.childForFieldName("object");
  let field: string | undefined;
  let conditions = 0;
  while (current?.type === "call") {
    const inner = current.childForFieldName("function");
    if (inner?.type !== "attribute") return undefined;
    const method = inner.childForFieldName("attribute")?.text ?? "";
    if (method === "filter" || method === "exclude") {
      conditions++;
      field = valueCondition(method, current.childForFieldName("arguments")?.namedChildren ?? []);
      if (!field) return undefined;
    } else if (!ALL_ROWS.has(method)) return undefined;
    current = inner.childForFieldName("object");
  }
  if (current?.type !== "attribute" || !MANAGERS.has(current.childForFieldName("attribute")?.text ?? "") || conditions > 1) return undefined;
  const model = current.childForFieldName("object");
  return model?.type === "identifier" ? { modelVariable: model.text, ...(field ? { field } : {}) } : undefined;
}

/**
 * The checks a RunPython function stops on when data exists: a top-level `if <exists>: ... raise ...` (no elif or
 * else) whose condition is `Model.objects.exclude(x__isnull=True).exists()` (or filter(x__isnull=False),
 * exclude(x=None)) or `Model.objects.exists()`. The migration's operations after it run where x holds only NULLs.
 */
export function valueChecks(body: PyNode, isModel: (name: string) => boolean): ValueCheck[] {
  const out: ValueCheck[] = [];
  for (const statement of body.namedChildren) {
    if (statement?.type !== "if_statement" || statement.childrenForFieldName("alternative").length) continue;
    const consequence = statement.childForFieldName("consequence");
    if (consequence?.namedChildren.filter((n) => n?.type !== "comment").at(-1)?.type !== "raise_statement") continue;
    const condition = statement.childForFieldName("condition");
    const check = condition && existsCheck(condition.type === "parenthesized_expression" ? (condition.namedChildren[0] ?? condition) : condition);
    if (check && isModel(check.modelVariable)) out.push({ ...check, text: condition!.text.replace(/\s+/g, " "), line: statement.startPosition.row + 1 });
  }
  return out;
}
