/**
 * Whole-table writes in a RunPython function: `Order.objects.all().delete()` or `Order.objects.update(x=...)`
 * reach every row, as a DELETE / UPDATE without WHERE does. A queryset narrowed by filter/exclude (or any call
 * we do not know) is left alone: only a chain that certainly keeps every row counts.
 */
import type { PyNode } from "./parser.js";

export interface UnfilteredWrite {
  verb: "update" | "delete";
  /** the variable holding the model class (`Order` from apps.get_model or an import) */
  modelVariable: string;
  /** fields set by update(...) */
  columns: string[];
  line: number;
}

const MANAGERS = new Set(["objects", "_default_manager", "_base_manager"]);
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
    const args = call.childForFieldName("arguments")?.namedChildren ?? [];
    const columns = args.filter((a) => a.type === "keyword_argument").map((a) => a.childForFieldName("name")?.text ?? "").filter(Boolean);
    out.push({ verb, modelVariable: model, columns, line: call.startPosition.row + 1 });
  }
  return out;
}
