/**
 * The fields a RunPython function reads on the existing rows of the models it asks for: an attribute of a row
 * (`r.data`, `r.data.get("x")`, `deep_get(r.data, "boat.type")` in a loop over `Reservation.objects.all()`),
 * `getattr(r, "data")`, and the names a queryset's `values()` / `values_list()` / `only()` asks for. A data step
 * that read a field there may have moved its values (drop-column: the later drop of that field is the last step
 * of the move); a name the code only mentions (a local, a dict key, a log message) is no read of the field.
 */
import { existingRows, rowLocals, type ModelTarget, type Resolve } from "./django-row-writes.js";
import { stringText } from "./nodes.js";
import type { PyNode } from "./parser.js";

export interface FieldRead {
  target: ModelTarget;
  fields: string[];
}

/** manager calls that add rows to the model's table */
const CREATES = new Set(["create", "bulk_create", "get_or_create", "update_or_create"]);

/**
 * The models a function adds rows to: a manager's create calls (`HarborChoice.objects.create(...)`), or an instance
 * built by the model's class (`HarborChoice(...)`, saved or bulk-created later). Where a data step may have put what it read.
 */
export function rowCreates(body: PyNode, resolve: Resolve): ModelTarget[] {
  const out = new Map<string, ModelTarget>();
  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    let target: ModelTarget | undefined;
    if (fn?.type === "attribute" && CREATES.has(fn.childForFieldName("attribute")?.text ?? "")) {
      const manager = fn.childForFieldName("object");
      const model = manager?.type === "attribute" ? manager.childForFieldName("object") : null;
      target = model && manager?.childForFieldName("attribute")?.text === "objects" ? resolve(model) : undefined;
    } else if (fn?.type === "identifier") target = resolve(fn);
    if (target) out.set(`${target.app ?? ""}.${target.model.toLowerCase()}`, target);
  }
  return [...out.values()];
}

/** queryset methods whose string arguments are fields whose values it fetches */
const FETCHES = new Set(["values", "values_list", "only"]);

export function fieldReads(body: PyNode, resolve: Resolve): FieldRead[] {
  const locals = rowLocals(body, resolve);
  const reads = new Map<string, { target: ModelTarget; fields: Set<string> }>();
  const add = (target: ModelTarget, field: string) => {
    const key = `${target.app ?? ""}.${target.model.toLowerCase()}`;
    const entry = reads.get(key) ?? { target, fields: new Set<string>() };
    reads.set(key, entry);
    entry.fields.add(field);
  };
  for (const node of body.descendantsOfType("attribute")) {
    const object = node.childForFieldName("object");
    const field = node.childForFieldName("attribute")?.text;
    const target = object?.type === "identifier" ? locals.get(object.text) : undefined;
    if (!target || !field || field.startsWith("_")) continue;
    const parent = node.parent;
    // `r.save()` calls a method; `r.boat_weight = ...` writes the attribute: neither reads a field's value
    if (parent?.type === "call" && parent.childForFieldName("function")?.id === node.id) continue;
    if (parent?.type === "assignment" && parent.childForFieldName("left")?.id === node.id) continue;
    add(target, field);
  }
  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    const args = call.childForFieldName("arguments")?.namedChildren.filter((a): a is PyNode => a !== null) ?? [];
    // getattr(r, "data")
    if (fn?.type === "identifier" && fn.text === "getattr" && args[0]?.type === "identifier") {
      const target = locals.get(args[0].text);
      const field = stringText(args[1]);
      if (target && field) add(target, field);
      continue;
    }
    // Model.objects.values("data"), a row local's queryset steps too
    if (fn?.type !== "attribute" || !FETCHES.has(fn.childForFieldName("attribute")?.text ?? "")) continue;
    const target = existingRows(fn.childForFieldName("object"), resolve, locals);
    if (!target) continue;
    for (const arg of args) {
      const field = stringText(arg);
      // a lookup through a relation (`"owner__name"`) reads another model's field
      if (field && !field.includes("__")) add(target, field);
    }
  }
  return [...reads.values()].map((r) => ({ target: r.target, fields: [...r.fields].sort() }));
}
