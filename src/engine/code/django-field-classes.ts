/**
 * A project's own Django field classes (`class PartialDateField(ActivitypubFieldMixin, PartialDateModel)` in
 * bookwyrm/models/fields.py), read with tree-sitter's Python grammar, resolved through their base classes to the
 * Django field whose column they keep. The name alone says nothing: PartialDateField ends in "DateField" but its
 * base PartialDateModel is a models.DateTimeField, so its column stays timestamptz.
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import { isDjangoFieldClass } from "../adapters/python/django-fields.js";
import type { SourceFile } from "../model.js";

interface FieldClass {
  /** base classes, last segment of each, in the order written (Python's MRO walks them left to right) */
  bases: string[];
  /** the class defines db_type(): its column type is its own code's, not a base's */
  ownType: boolean;
}

const lastSegment = (name: string) => name.slice(name.lastIndexOf(".") + 1);

/** Top-level class definitions (decorated or not) of the Python files, by class name; files with syntax errors are skipped. */
export function readFieldClasses(files: readonly SourceFile[]): Map<string, FieldClass[]> {
  const out = new Map<string, FieldClass[]>();
  for (const file of files) {
    if (!file.path.endsWith(".py") || !file.content.includes("class ")) continue;
    withPythonTree(file.content, (root) => {
      if (root.hasError) return;
      for (const statement of root.namedChildren) {
        const node: PyNode | null = statement?.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
        if (node?.type !== "class_definition") continue;
        const name = node.childForFieldName("name")?.text;
        if (!name) continue;
        const bases = (node.childForFieldName("superclasses")?.namedChildren ?? []).filter((b) => b?.type === "identifier" || b?.type === "attribute").map((b) => lastSegment(b!.text));
        const body = node.childForFieldName("body");
        const ownType = (body?.namedChildren ?? []).some((s) => {
          const def = s?.type === "decorated_definition" ? s.childForFieldName("definition") : s;
          return def?.type === "function_definition" && def.childForFieldName("name")?.text === "db_type";
        });
        out.set(name, [...(out.get(name) ?? []), { bases, ownType }]);
      }
    });
  }
  return out;
}

/**
 * The Django field class whose column `cls` keeps: itself when Django defines it, else the first one met walking
 * the project's classes through their bases, left to right. undefined when not known: a class or base the files
 * do not define (a third-party package, a module not read), one defined twice, or one with its own db_type().
 */
export function djangoBaseField(cls: string, classes: ReadonlyMap<string, FieldClass[]>, seen: Set<string> = new Set()): string | undefined {
  if (isDjangoFieldClass(cls)) return cls;
  const defined = classes.get(cls);
  if (!defined || defined.length !== 1 || defined[0].ownType || seen.has(cls)) return undefined;
  seen.add(cls);
  for (const base of defined[0].bases) {
    if (isDjangoFieldClass(base)) return base;
    if (!classes.has(base)) {
      // a base the files do not define: a plain mixin (ActivitypubFieldMixin is defined, so it is walked) or the field itself
      return undefined;
    }
    const found = djangoBaseField(base, classes, seen);
    if (found) return found;
  }
  return undefined;
}
