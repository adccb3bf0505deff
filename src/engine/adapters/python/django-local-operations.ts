/**
 * Operation classes a migration module defines for itself (bluebottle's `class RenameModelAndBaseOperation(
 * migrations.RenameModel)`, which also repoints the bases of subclassed models): Django runs the operation it
 * subclasses, so the state and the database steps are those of that operation. Without this the model renamed
 * by such a class stays under its old name, and every later AddField or RemoveField on it loses its field.
 */
import { isKnownOperation } from "./django-state.js";
import { qualifiedName, type Imports } from "./imports.js";
import { unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";
import type { PyValue } from "./values.js";

/** The Django operation a class of this module subclasses, followed through the module's own classes. */
function operationBaseOf(name: string, classes: ReadonlyMap<string, PyNode>, imports: Imports, seen = new Set<string>()): string | undefined {
  const cls = classes.get(name);
  if (!cls || seen.has(name)) return undefined;
  seen.add(name);
  for (const superclass of cls.childForFieldName("superclasses")?.namedChildren ?? []) {
    if (superclass.type === "comment" || superclass.type === "keyword_argument") continue;
    const local = unparen(superclass);
    const base = local.type === "identifier" && classes.has(local.text) ? operationBaseOf(local.text, classes, imports, seen) : qualifiedName(superclass, imports);
    if (base && isKnownOperation(base)) return base;
  }
  return undefined;
}

/** The operations with a call of a module class that subclasses a Django operation read as that operation. */
export function withLocalOperationBases(operations: readonly PyValue[], classes: ReadonlyMap<string, PyNode>, imports: Imports): PyValue[] {
  const bases = new Map<string, string | undefined>();
  return operations.map((op) => {
    if (op.kind !== "call" || !classes.has(op.callee)) return op;
    if (!bases.has(op.callee)) bases.set(op.callee, operationBaseOf(op.callee, classes, imports));
    const base = bases.get(op.callee);
    return base ? { ...op, callee: base } : op;
  });
}
