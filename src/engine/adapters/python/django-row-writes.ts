/**
 * The rows a RunPython function deletes or overwrites through the models it asks for: a queryset's `.delete()` or
 * `.update(field=...)` (`Model.objects.filter(...).delete()`, `apps.get_model("api", "X").objects...`), a fetched
 * instance's `.delete()` or `.save()` (`setting = BotSetting.objects.get(...)`, a loop over a queryset), a
 * manager's `bulk_update(objs, ["field"])`. What such a function changes is not undone by a reverse that does
 * nothing (irreversible-migration says so in its fix). Rows it only creates (`Model(...)`, `create`, `bulk_create`,
 * `get_or_create`) are no such write: a new instance's `.save()` inserts.
 */
import { MANAGERS } from "./django-querysets.js";
import { keywordArgument, keywordNames, stringText } from "./nodes.js";
import type { PyNode } from "./parser.js";

export interface ModelTarget {
  app?: string;
  model: string;
}

export interface RowWrite {
  verb: "delete" | "update";
  /** the call as written, its first line */
  call: string;
  target: ModelTarget;
  /** the fields it sets, when the call names them (`update(a=...)`, `save(update_fields=[...])`, `bulk_update(objs, [...])`) */
  fields?: string[];
  /**
   * the fields the code gives a new value, each with whether that value is None: `update(a=x, b=None)`'s keywords, or
   * for a fetched instance's save() the attributes the function assigns on that instance (`product.a = x`). A column
   * saved with the value it held changes nothing in the row; one set to None needs no foreign key check
   */
  sets?: Array<{ field: string; none: boolean }>;
}

/** queryset methods that narrow, order or fetch rows: a chain of them still reaches the model's existing rows */
const QUERYSET_STEPS = new Set([
  "all", "filter", "exclude", "get", "first", "last", "earliest", "latest", "using", "order_by", "select_related", "prefetch_related",
  "only", "defer", "select_for_update", "distinct", "annotate", "iterator", "reverse",
]);

export type Resolve = (root: PyNode) => ModelTarget | undefined;

/** The expression inside parentheses (a chain split over lines: `(apps.get_model(...)\n.objects.filter(...)\n.first())`) or sliced. */
function unwrapped(node: PyNode | null): PyNode | null {
  let current = node;
  // a slice of a queryset (`qs[:n]`) holds some of its rows
  while (current?.type === "parenthesized_expression" || current?.type === "subscript")
    current = current.type === "subscript" ? current.childForFieldName("value") : (current.namedChildren[0] ?? null);
  return current;
}

/**
 * The model whose existing rows `node` holds: a chain from a model's manager through queryset steps, or a local
 * bound to one (a new instance, `Model(...)` or `create(...)`, is none: its save() inserts).
 */
export function existingRows(node: PyNode | null, resolve: Resolve, locals: ReadonlyMap<string, ModelTarget>): ModelTarget | undefined {
  let current = unwrapped(node);
  while (current?.type === "call") {
    const fn = current.childForFieldName("function");
    if (fn?.type !== "attribute" || !QUERYSET_STEPS.has(fn.childForFieldName("attribute")?.text ?? "")) return undefined;
    current = unwrapped(fn.childForFieldName("object"));
  }
  if (current?.type === "identifier") return locals.get(current.text);
  if (current?.type !== "attribute" || !MANAGERS.has(current.childForFieldName("attribute")?.text ?? "")) return undefined;
  const model = current.childForFieldName("object");
  return model ? resolve(model) : undefined;
}

/** The field names of a list or tuple of string literals (`["name", "data"]`), or undefined. */
function literalNames(node: PyNode | undefined): string[] | undefined {
  if (!node || (node.type !== "list" && node.type !== "tuple")) return undefined;
  const names = node.namedChildren.map(stringText);
  return names.every((n): n is string => n !== undefined) ? names : undefined;
}

/** The locals bound to existing rows of a model, in the order the body binds them (`x = M.objects.get(...)`, `for x in M.objects.filter(...)`). */
export function rowLocals(body: PyNode, resolve: Resolve): Map<string, ModelTarget> {
  const locals = new Map<string, ModelTarget>();
  const bindings = body.descendantsOfType(["assignment", "for_statement"]).sort((a, b) => a.startIndex - b.startIndex);
  for (const node of bindings) {
    let left = node.childForFieldName("left");
    let right = node.childForFieldName("right");
    // `for i, row in enumerate(rows)`: the row is the second name
    const pair = left?.type === "pattern_list" || left?.type === "tuple_pattern" ? left.namedChildren : undefined;
    const fn = right?.type === "call" ? right.childForFieldName("function") : undefined;
    if (node.type === "for_statement" && pair?.length === 2 && fn?.type === "identifier" && fn.text === "enumerate") {
      left = pair[1];
      right = right!.childForFieldName("arguments")?.namedChildren[0] ?? null;
    }
    if (left?.type !== "identifier") continue;
    const target = right ? existingRows(right, resolve, locals) : undefined;
    if (target) locals.set(left.text, target);
    else locals.delete(left.text);
  }
  return locals;
}

/** `None` as written, in parentheses or not. */
const isNone = (node: PyNode | null | undefined) => unwrapped(node ?? null)?.type === "none";

/** update(a=x, b=None): each keyword with whether its value is None. */
function keywordSets(call: PyNode): Array<{ field: string; none: boolean }> {
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  return args.flatMap((a) => (a?.type === "keyword_argument" ? [{ field: a.childForFieldName("name")?.text ?? "", none: isNone(a.childForFieldName("value")) }] : [])).filter((s) => s.field !== "");
}

/** The attributes the function body assigns on the local `name` (`name.a = x`), each with whether the value is None. */
function attributeSets(body: PyNode, name: string): Array<{ field: string; none: boolean }> {
  return body.descendantsOfType("assignment").flatMap((node) => {
    const left = node.childForFieldName("left");
    const object = left?.type === "attribute" ? left.childForFieldName("object") : null;
    const field = left?.childForFieldName("attribute")?.text;
    return object?.type === "identifier" && object.text === name && field ? [{ field, none: isNone(node.childForFieldName("right")) }] : [];
  });
}

export function rowWrites(body: PyNode, resolve: Resolve): RowWrite[] {
  const locals = rowLocals(body, resolve);
  const out: RowWrite[] = [];
  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute") continue;
    const method = fn.childForFieldName("attribute")?.text ?? "";
    const receiver = fn.childForFieldName("object");
    const args = call.childForFieldName("arguments")?.namedChildren.filter((a): a is PyNode => a !== null) ?? [];
    const text = call.text.split("\n")[0].trim();
    if (method === "bulk_update" && receiver?.type === "attribute" && MANAGERS.has(receiver.childForFieldName("attribute")?.text ?? "")) {
      const model = receiver.childForFieldName("object");
      const target = model ? resolve(model) : undefined;
      if (target) out.push({ verb: "update", call: text, target, fields: literalNames(args.filter((a) => a.type !== "keyword_argument")[1] ?? keywordArgument(call, "fields")) });
      continue;
    }
    if (method !== "delete" && method !== "update" && method !== "save") continue;
    // a bare manager has no delete() (`Model.objects.update(...)` is Django's, through its queryset)
    const onManager = receiver?.type === "attribute" && MANAGERS.has(receiver.childForFieldName("attribute")?.text ?? "");
    const target = onManager && method !== "update" ? undefined : existingRows(receiver, resolve, locals);
    if (!target) continue;
    if (method === "delete" && args.length === 0) out.push({ verb: "delete", call: text, target });
    else if (method === "update" && args.length > 0) out.push({ verb: "update", call: text, target, fields: keywordNames(call), sets: keywordSets(call) });
    // only a fetched instance's save() overwrites; a queryset has no save()
    else if (method === "save" && receiver?.type === "identifier") {
      const fields = literalNames(keywordArgument(call, "update_fields"));
      // save(update_fields=[...]) writes those alone: an attribute assigned outside them is not written
      const sets = attributeSets(body, receiver.text).filter((s) => !fields || fields.includes(s.field));
      out.push({ verb: "update", call: text, target, fields, sets });
    }
  }
  return out;
}
