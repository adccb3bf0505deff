/**
 * The classes of a project's Python files and the methods their bodies define (read with tree-sitter's Python
 * grammar), mixins without a base too (`class InstanceBaseClass:`): what today's model class can do that the
 * historical model apps.get_model() gives cannot, since that one has fields and managers only.
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import type { SourceFile } from "../model.js";

export interface PythonClass {
  path: string;
  className: string;
  /** the classes it extends, by their last name (`models.Model` -> Model) */
  bases: string[];
  /** `def name(...)` of its body, decorated ones (`@property`, `@classmethod`) too */
  methods: string[];
  /** `class Name...` of its body (`class DecryptionStatus(models.TextChoices)`) */
  nestedClasses: string[];
}

const definitions = (block: PyNode | null): PyNode[] =>
  (block?.namedChildren ?? []).flatMap((statement) => {
    const node = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
    return node ? [node] : [];
  });

/** The names of the functions a class body defines, decorated ones (`@property`, `@classmethod`) too. */
export const classMethodNames = (cls: PyNode): string[] =>
  definitions(cls.childForFieldName("body"))
    .filter((d) => d.type === "function_definition")
    .flatMap((d) => d.childForFieldName("name")?.text ?? []);

function readClass(path: string, node: PyNode): PythonClass | undefined {
  const className = node.childForFieldName("name")?.text;
  if (!className) return undefined;
  const bases = (node.childForFieldName("superclasses")?.namedChildren ?? [])
    .filter((b) => b.type === "identifier" || b.type === "attribute")
    .map((b) => b.text.slice(b.text.lastIndexOf(".") + 1));
  const nestedClasses = definitions(node.childForFieldName("body"))
    .filter((d) => d.type === "class_definition")
    .flatMap((d) => d.childForFieldName("name")?.text ?? []);
  return { path, className, bases, methods: classMethodNames(node), nestedClasses };
}

/** The top-level classes of these files; files with syntax errors are skipped. */
export function readPythonClasses(files: readonly SourceFile[]): PythonClass[] {
  const classes: PythonClass[] = [];
  for (const file of files) {
    if (!file.path.endsWith(".py") || !file.content.includes("class ")) continue;
    withPythonTree(file.content, (root) => {
      if (root.hasError) return;
      for (const node of definitions(root)) {
        const read = node.type === "class_definition" ? readClass(file.path, node) : undefined;
        if (read) classes.push(read);
      }
    });
  }
  return classes;
}

/** The methods `className` defines, itself or through the classes it extends among `classes`. */
export const methodsOf = (className: string, classes: readonly PythonClass[]): string[] => membersOf(className, classes, (c) => c.methods);

/** The classes `className`'s body nests, itself or through the classes it extends among `classes`. */
export const nestedClassesOf = (className: string, classes: readonly PythonClass[]): string[] => membersOf(className, classes, (c) => c.nestedClasses);

function membersOf(className: string, classes: readonly PythonClass[], members: (c: PythonClass) => string[], seen = new Set<string>()): string[] {
  if (seen.has(className)) return [];
  seen.add(className);
  const own = classes.filter((c) => c.className === className);
  return own.flatMap((c) => [...members(c), ...c.bases.flatMap((b) => membersOf(b, classes, members, seen))]);
}
