/**
 * The groupings of a Django dedupe in a RunPython function: `Order.objects.values("shop", "number")
 * .annotate(n=Count("id")).filter(n__gt=1)` reads the (shop, number) pairs that more than one row shares, which the
 * function then deletes all but one of. Read from tree-sitter's tree: values() before annotate() is Django's GROUP BY,
 * and the filter on the count above one is its HAVING. mixed-ddl-dml compares the fields with the unique key the
 * operation after the RunPython adds: a dedupe on other fields makes no room for it.
 */
import { callParts, plainString } from "./nodes.js";
import type { PyNode } from "./parser.js";
import { MANAGERS } from "./django-querysets.js";

export interface DuplicateGroups {
  /** the variable holding the model class (`Order` from apps.get_model or an import) */
  modelVariable: string;
  /** the fields values() groups by, as written */
  fields: string[];
}

export function duplicateGroups(body: PyNode, isModel: (name: string) => boolean): DuplicateGroups[] {
  const out: DuplicateGroups[] = [];
  for (const call of body.descendantsOfType("call")) {
    const alias = countAboveOne(call);
    const receiver = alias ? methodOf(call)?.object : undefined;
    const grouped = receiver ? groupedBy(receiver, alias!) : undefined;
    if (grouped && isModel(grouped.modelVariable)) out.push(grouped);
  }
  return out;
}

/** `name(...)` called on `object`: the method's name and what it is called on. */
function methodOf(call: PyNode): { name: string; object: PyNode | null } | undefined {
  const fn = call.type === "call" ? call.childForFieldName("function") : null;
  if (fn?.type !== "attribute") return undefined;
  return { name: fn.childForFieldName("attribute")?.text ?? "", object: fn.childForFieldName("object") };
}

/** `filter(n__gt=1)` / `filter(n__gte=2)`, its one condition: the annotation n. */
function countAboveOne(call: PyNode): string | undefined {
  if (methodOf(call)?.name !== "filter") return undefined;
  const parts = callParts(call);
  if (!parts || parts.positional.length || parts.splat || parts.keywords.size !== 1) return undefined;
  const [[name, value]] = [...parts.keywords];
  const bound = value.type === "integer" ? value.text : undefined;
  if (name.endsWith("__gt") && bound === "1") return name.slice(0, -"__gt".length);
  if (name.endsWith("__gte") && bound === "2") return name.slice(0, -"__gte".length);
  return undefined;
}

/** Down the chain from the filter: `annotate(<alias>=Count(...))`, then `values("a", "b")`, then `Model.objects`. */
function groupedBy(receiver: PyNode, alias: string): DuplicateGroups | undefined {
  let current: PyNode | null = receiver;
  let counted = false;
  let fields: string[] | undefined;
  while (current?.type === "call") {
    const method = methodOf(current);
    if (!method) return undefined;
    const parts = callParts(current);
    if (method.name === "annotate" && !fields) {
      const annotation = parts?.keywords.get(alias);
      if (annotation) counted = isCount(annotation);
    } else if ((method.name === "values" || method.name === "values_list") && counted && !fields) {
      // the grouping: only the names written as plain strings, a field expression groups by something else
      const names = (parts?.positional ?? []).map((p) => plainString(p));
      if (!names.length || parts?.splat || names.some((n) => n === undefined)) return undefined;
      fields = names as string[];
      // (an order_by() there would add its fields to the grouping)
    } else if (method.name !== "all") return undefined;
    current = method.object;
  }
  if (current?.type !== "attribute" || !MANAGERS.has(current.childForFieldName("attribute")?.text ?? "")) return undefined;
  const model = current.childForFieldName("object");
  return fields && model?.type === "identifier" ? { modelVariable: model.text, fields } : undefined;
}

/** `Count("id")` or `models.Count("id")`. */
function isCount(node: PyNode): boolean {
  const fn = node.type === "call" ? node.childForFieldName("function") : null;
  if (fn?.type === "identifier") return fn.text === "Count";
  return fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "Count";
}
