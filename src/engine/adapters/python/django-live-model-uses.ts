/**
 * What a RunPython function does with a model class imported from the app (today's class) beyond its fields and its
 * manager's queryset API: the class attributes it reads (`Instance.DecryptionStatus.FAILED`, a nested class) and the
 * project functions it hands the model's instances to (`decrypt_instance(instance)`). A historical model from
 * apps.get_model() has fields and managers only, so swapping the import for one breaks such code.
 */
import type { Imports } from "./imports.js";
import { unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";

/** What every model class has, historical ones too: no reason to keep today's class. */
const MODEL_BASICS = new Set(["objects", "DoesNotExist", "MultipleObjectsReturned", "_meta", "_default_manager", "_base_manager"]);

/** `Model.attr` read on a model name the function imports directly, other than what every model has. */
export function classAttributesRead(body: PyNode, direct: ReadonlySet<string>): Array<{ name: string; attribute: string }> {
  const seen = new Map<string, { name: string; attribute: string }>();
  for (const node of body.descendantsOfType("attribute")) {
    const object = node.childForFieldName("object");
    const attribute = node.childForFieldName("attribute")?.text;
    if (object?.type !== "identifier" || !direct.has(object.text) || !attribute || MODEL_BASICS.has(attribute)) continue;
    // a call of it is a method (methodCalls reads those)
    const parentFunction = node.parent?.type === "call" ? node.parent.childForFieldName("function") : null;
    if (parentFunction && parentFunction.startIndex === node.startIndex && parentFunction.endIndex === node.endIndex) continue;
    seen.set(`${object.text}.${attribute}`, { name: object.text, attribute });
  }
  return [...seen.values()].sort((a, b) => `${a.name}.${a.attribute}`.localeCompare(`${b.name}.${b.attribute}`));
}

const mentions = (node: PyNode, names: ReadonlySet<string>): string | undefined =>
  node.type === "identifier" && names.has(node.text) ? node.text : node.descendantsOfType("identifier").find((i) => names.has(i.text))?.text;

/**
 * Names bound to the model's rows or querysets: `for x in <...Model...>`, `x = <...Model...>` (and through those
 * names again), in the order the body binds them. Each maps to the model name it came from.
 */
function rowNames(body: PyNode, direct: ReadonlySet<string>): Map<string, string> {
  const bound = new Map<string, string>([...direct].map((d) => [d, d]));
  for (const node of body.descendantsOfType(["for_statement", "for_in_clause", "assignment"])) {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    if (left?.type !== "identifier" || !right) continue;
    const from = mentions(right, new Set(bound.keys()));
    if (from && !bound.has(left.text)) bound.set(left.text, bound.get(from)!);
  }
  return bound;
}

/** The top package of a qualified name (`onadata.libs.kms.tools.decrypt_instance` -> onadata); "" for a relative one. */
const topPackage = (qualified: string) => (qualified.startsWith(".") ? "" : qualified.split(".")[0]);

/**
 * Calls of the project's own functions (imported from the package the model comes from, or relatively) that take
 * one of the model's rows or the class itself as an argument: code written for today's model.
 */
export function instanceHelpers(body: PyNode, direct: ReadonlySet<string>, imports: Imports): Array<{ name: string; helper: string }> {
  const rows = rowNames(body, direct);
  const packages = new Set([...direct].flatMap((d) => {
    const q = imports.lookup(d);
    return q === undefined ? [] : [topPackage(q)];
  }));
  const out = new Map<string, { name: string; helper: string }>();
  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    const head = fn?.type === "identifier" ? fn : fn?.type === "attribute" ? fn.childForFieldName("object") : null;
    if (!fn || head?.type !== "identifier" || direct.has(head.text)) continue;
    const bound = imports.lookup(head.text);
    if (bound === undefined || bound.startsWith("django.") || !(packages.has(topPackage(bound)) || bound.startsWith("."))) continue;
    const helper = fn.type === "identifier" ? bound : `${bound}.${fn.childForFieldName("attribute")?.text ?? ""}`;
    for (const arg of call.childForFieldName("arguments")?.namedChildren ?? []) {
      const value = unparen(arg.type === "keyword_argument" ? (arg.childForFieldName("value") ?? arg) : arg);
      const model = value.type === "identifier" ? rows.get(value.text) : undefined;
      if (model) out.set(`${model} ${helper}`, { name: model, helper });
    }
  }
  return [...out.values()].sort((a, b) => `${a.name} ${a.helper}`.localeCompare(`${b.name} ${b.helper}`));
}
