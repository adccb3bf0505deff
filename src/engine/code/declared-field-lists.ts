/**
 * A name in a class's field list: Django REST framework's and Django forms' `class Meta: fields = [...]` (and
 * `read_only_fields`, `exclude`), an admin's `list_display` / `readonly_fields`. Such a name is a model field only
 * when the class does not declare it itself: galaxy_ng's `teams = serializers.ListField(...)` beside
 * `fields = [..., 'teams', ...]` is the serializer's own field (its data comes from elsewhere), not the User model's
 * `teams`, while a ModelSerializer's undeclared name takes the model's field of that name. Read with tree-sitter's
 * Python grammar; classes the module defines are followed as bases (a serializer extending another of the module).
 */
import type { PyNode } from "../adapters/python/parser.js";

/** The lists whose names a serializer or form's Meta gives the fields it has. */
const META_LISTS = new Set(["fields", "read_only_fields", "write_only_fields", "exclude"]);
/** The lists whose names an admin class shows: a model field, or a method or attribute of the admin itself. */
const ADMIN_LISTS = new Set(["list_display", "list_display_links", "readonly_fields", "fields", "exclude"]);

export interface FieldListEntry {
  /** the class whose fields the list names: the serializer or form around the Meta, or the admin itself */
  owner: PyNode;
  /** the owner (or a class of the module it extends) declares the name: an attribute (`teams = ListField()`) or method */
  declared: boolean;
  /** the model the list's class names (`model = User`), by its last name; undefined when it names none */
  model?: string;
}

const classBody = (cls: PyNode): PyNode[] => cls.childForFieldName("body")?.namedChildren ?? [];

/** `name = ...` (or `name: T = ...`) of a class body statement: its left name and right side. */
function classAssignment(statement: PyNode): { name: string; value: PyNode | null } | undefined {
  const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
  const left = assignment?.type === "assignment" ? assignment.childForFieldName("left") : undefined;
  return left?.type === "identifier" && assignment ? { name: left.text, value: assignment.childForFieldName("right") } : undefined;
}

/** `model = User` / `model = models.User` of a class body: the class's last name. */
function modelOf(cls: PyNode): string | undefined {
  for (const statement of classBody(cls)) {
    const assigned = classAssignment(statement);
    if (assigned?.name !== "model" || !assigned.value) continue;
    if (assigned.value.type === "identifier") return assigned.value.text;
    if (assigned.value.type === "attribute") return assigned.value.childForFieldName("attribute")?.text;
  }
  return undefined;
}

/** Whether the class body declares `name`: a class-level assignment, or a (decorated) method of the name. */
function declaresHere(cls: PyNode, name: string): boolean {
  return classBody(cls).some((statement) => {
    if (classAssignment(statement)?.name === name) return true;
    const definition = statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement;
    return definition?.type === "function_definition" && definition.childForFieldName("name")?.text === name;
  });
}

/** The class or one of its bases the module defines (followed by name, each once) declares `name`. */
function declares(cls: PyNode, name: string, seen = new Set<number>()): boolean {
  if (seen.has(cls.id)) return false;
  seen.add(cls.id);
  if (declaresHere(cls, name)) return true;
  const root = ancestorsOf(cls).at(-1) ?? cls;
  const moduleClasses = root.descendantsOfType("class_definition");
  for (const base of cls.childForFieldName("superclasses")?.namedChildren ?? []) {
    const baseName = base.type === "identifier" ? base.text : base.type === "attribute" ? base.childForFieldName("attribute")?.text : undefined;
    const defined = moduleClasses.filter((c) => c.childForFieldName("name")?.text === baseName && c.id !== cls.id);
    if (defined.some((c) => declares(c, name, seen))) return true;
  }
  return false;
}

function ancestorsOf(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (let n = node.parent; n; n = n.parent) out.push(n);
  return out;
}

/** The class whose body holds `statement` directly (`class X: <statement>`), if any. */
const classHolding = (statement: PyNode): PyNode | undefined => (statement.parent?.type === "block" && statement.parent.parent?.type === "class_definition" ? statement.parent.parent : undefined);

/**
 * The field list `string` is an item of (`fields = ['id', 'teams']` in a class body), with the class it names the
 * fields of; undefined for a string anywhere else.
 */
export function fieldListEntry(string: PyNode, word: string): FieldListEntry | undefined {
  const list = string.parent;
  if (list?.type !== "list" && list?.type !== "tuple") return undefined;
  const assignment = list.parent;
  const listName = assignment?.type === "assignment" && assignment.childForFieldName("right")?.id === list.id ? assignment.childForFieldName("left")?.text : undefined;
  const statement = assignment?.parent;
  const cls = statement?.type === "expression_statement" ? classHolding(statement) : undefined;
  if (!listName || !cls) return undefined;
  if (cls.childForFieldName("name")?.text === "Meta") {
    const owner = META_LISTS.has(listName) ? ancestorsOf(cls).find((n) => n.type === "class_definition") : undefined;
    if (!owner) return undefined;
    const model = modelOf(cls);
    return { owner, declared: declares(owner, word), ...(model ? { model } : {}) };
  }
  if (!ADMIN_LISTS.has(listName)) return undefined;
  const model = modelOf(cls);
  return { owner: cls, declared: declares(cls, word), ...(model ? { model } : {}) };
}

/**
 * What a field list's name is to `model`'s field: nothing when the class declares it (its own field); the model's
 * when the list's class is the model's (`model = Team` listing `users`); another model's own field when the class
 * is another model's, unless the name is a reverse accessor, which lives on another model (unsure). Undefined when
 * the class names no model: the rest of the reading decides.
 */
export function fieldListReference(entry: FieldListEntry, model: string | undefined, reverseAccessor: boolean): "refers" | "unsure" | "other" | undefined {
  if (entry.declared) return "other";
  if (entry.model === undefined) return undefined;
  if (reverseAccessor) return "unsure";
  return entry.model === model ? "refers" : "other";
}
