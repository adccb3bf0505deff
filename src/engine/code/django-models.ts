/**
 * Django models as the application code declares them (read with tree-sitter's Python grammar): which
 * fields each model still has. A RemoveField whose model no longer has the field was generated after the
 * code stopped using it, so the column is safe to drop now.
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import type { SourceFile } from "../model.js";
import { PRESENTATION_ONLY, readField, type DjangoField } from "../adapters/python/django-fields.js";
import { Imports, qualifiedName } from "../adapters/python/imports.js";
import { asString, evaluate } from "../adapters/python/values.js";

export interface DjangoModel {
  path: string;
  appLabel: string;
  className: string;
  /** `class Meta: db_table = "..."` */
  dbTable?: string;
  abstract: boolean;
  /** fields with a column of their own: name and column, the line and text of the call that declares it (`models.TextField(blank=True)`) */
  fields: Array<{ name: string; column: string; line: number; text: string }>;
  /** the classes it extends, qualified through the module's imports (`solo.models.SingletonModel`), else as written */
  bases: string[];
  /** relation fields that name their reverse accessor (`related_name="dependent_flows"`), many-to-many ones too */
  reverseAccessors: Array<{ field: string; name: string }>;
  /** relation fields (ForeignKey, OneToOneField, ManyToManyField) and the class they point to, as written without its app (`"registrar.DnsZone"` -> DnsZone) */
  relations: Array<{
    field: string;
    target: string;
    through?: string;
    /** a ManyToManyField (ParentalManyToManyField, ...): either side's related manager creates rows of the other */
    many?: true;
    /**
     * the name the target's instances reach this model's rows by: `related_name`, else Django's default (the
     * model's name in lower case for a OneToOneField, with `_set` for a ForeignKey or ManyToManyField); absent when
     * the field asks for none (`+`) or builds it at run time (`%(class)s`)
     */
    reverseName?: string;
  }>;
}

/** A model reference as written (`"registrar.DnsZone"`, `DnsZone`, `models.DnsZone`): its class name. */
const modelName = (reference: string | undefined): string | undefined => (reference && reference !== "?" ? reference.slice(reference.lastIndexOf(".") + 1) : undefined);

/** A relation field as the adapter reads it (`name = models.ForeignKey("app.Target", ...)`): the class it points to and its `through=`. */
function relationOf(name: string, field: DjangoField): DjangoModel["relations"][number] | undefined {
  const target = modelName(field.relation?.target ?? field.manyToMany?.target);
  if (!target) return undefined;
  const through = modelName(field.manyToMany?.throughModel);
  return { field: name, target, ...(through ? { through } : {}), ...(field.manyToMany ? { many: true as const } : {}) };
}

/** models.py, or a module of a models/ package: the app is the folder that holds them. */
export function djangoModelsApp(path: string): string | undefined {
  const parts = path.split("/");
  const base = parts[parts.length - 1];
  if (!base.endsWith(".py")) return undefined;
  if (base === "models.py") return parts[parts.length - 2] ?? "";
  const models = parts.lastIndexOf("models", parts.length - 2);
  return models > 0 ? parts[models - 1] : undefined;
}

function stringValue(node: PyNode | null | undefined): string | undefined {
  if (node?.type !== "string") return undefined;
  const content = node.namedChildren.filter((c) => c.type === "string_content");
  return content.length === 1 ? content[0].text : node.namedChildren.some((c) => c.type === "interpolation") ? undefined : "";
}

/** `name = models.CharField(...)` / `ForeignKey(...)`: the column it maps to, if it has one. */
function fieldColumn(field: DjangoField): string | undefined {
  if (field.manyToMany || !(field.fieldClass.endsWith("Field") || field.relation)) return undefined;
  return field.column;
}

function assignments(block: PyNode | null): Array<{ name: string; value: PyNode }> {
  const out: Array<{ name: string; value: PyNode }> = [];
  for (const statement of block?.namedChildren ?? []) {
    if (statement.type !== "expression_statement") continue;
    const assignment = statement.namedChildren[0];
    if (assignment?.type !== "assignment") continue;
    const left = assignment.childForFieldName("left");
    const right = assignment.childForFieldName("right");
    if (left?.type === "identifier" && right) out.push({ name: left.text, value: right });
  }
  return out;
}

const classDefinitions = (block: PyNode | null): PyNode[] =>
  (block?.namedChildren ?? [])
    .map((statement) => (statement.type === "decorated_definition" ? statement.childForFieldName("definition") : statement))
    .filter((node): node is PyNode => node?.type === "class_definition");

function readModel(path: string, appLabel: string, node: PyNode, imports: Imports): DjangoModel | undefined {
  const className = node.childForFieldName("name")?.text;
  const bases = node.childForFieldName("superclasses");
  if (!className || !bases || bases.namedChildren.length === 0) return undefined;
  const body = node.childForFieldName("body");
  // positional bases only: `metaclass=` and other keywords are no class it extends
  const extended = bases.namedChildren.filter((b) => b.type !== "keyword_argument" && b.type !== "comment").map((b) => qualifiedName(b, imports) ?? b.text);
  const model: DjangoModel = { path, appLabel, className, abstract: false, fields: [], bases: extended, reverseAccessors: [], relations: [] };
  for (const { name, value } of assignments(body)) {
    if (value.type !== "call") continue;
    const call = evaluate(value, { imports, skipKeywords: PRESENTATION_ONLY });
    const field = readField(name, call);
    if (call.kind !== "call" || !field) continue;
    const column = fieldColumn(field);
    if (column) model.fields.push({ name, column, line: value.startPosition.row + 1, text: value.text });
    const accessor = asString(call.kwargs.get("related_name"));
    if (accessor && accessor !== "+" && !accessor.endsWith("+")) model.reverseAccessors.push({ field: name, name: accessor });
    const relation = relationOf(name, field);
    const related = call.kwargs.has("related_name") ? accessor : field.fieldClass.endsWith("OneToOneField") ? className.toLowerCase() : `${className.toLowerCase()}_set`;
    if (relation) model.relations.push({ ...relation, ...(related && !related.endsWith("+") && !related.includes("%") ? { reverseName: related } : {}) });
  }
  const meta = classDefinitions(body).find((c) => c.childForFieldName("name")?.text === "Meta");
  for (const { name, value } of assignments(meta?.childForFieldName("body") ?? null)) {
    if (name === "db_table") model.dbTable = stringValue(value);
    if (name === "abstract") model.abstract = value.text === "True";
  }
  return model;
}

/** Model classes of the Django apps among these files; files with syntax errors are skipped. */
export function readDjangoModels(files: readonly SourceFile[]): DjangoModel[] {
  const models: DjangoModel[] = [];
  for (const file of files) {
    const appLabel = djangoModelsApp(file.path);
    if (appLabel === undefined || !file.content.includes("class ")) continue;
    withPythonTree(file.content, (root) => {
      if (root.hasError) return;
      const imports = Imports.of(root);
      for (const node of classDefinitions(root)) {
        const model = readModel(file.path, appLabel, node, imports);
        if (model) models.push(model);
      }
    });
  }
  return models;
}

/** The table Django gives a model: `db_table`, else `<app_label>_<model name lowercased>`. */
export const djangoTable = (model: DjangoModel): string => model.dbTable ?? `${model.appLabel}_${model.className.toLowerCase()}`;
