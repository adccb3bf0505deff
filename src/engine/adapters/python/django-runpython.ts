/**
 * What a RunPython function does with models: historical models come from `apps.get_model(...)`; a model
 * imported from the app's code (`from shop.models import Order`) is today's model, which breaks this migration
 * as soon as the model changes (replaying history on a fresh database, a later rollback).
 */
import type { Imports } from "./imports.js";
import { parameterNames } from "./nodes.js";
import type { PyNode } from "./parser.js";
import { evaluate, type Bindings } from "./values.js";
import { unfilteredWrites, valueChecks, valueDeletes } from "./django-querysets.js";
import { duplicateGroups } from "./django-dedupe-groups.js";
import { readsOnly } from "./django-read-only.js";
import { rowWrites, type RowWrite } from "./django-row-writes.js";
import { repeatedWrite } from "./django-repeats.js";
import { tablesOfSql } from "./django-sql-reads.js";
import { classAttributesRead, instanceHelpers } from "./django-live-model-uses.js";
import { liveModelMethodCalls, type LiveMethodCall } from "./django-live-model-methods.js";
import { fieldCopies, type FieldCopy } from "./django-field-copies.js";
import { fieldReads, rowCreates, type FieldRead } from "./django-field-reads.js";
import type { ModelTarget } from "./django-row-writes.js";
import { postgresSchemaOnly, postgresSqlOf } from "./django-postgres-sql.js";
import { schemaQuestionIn, type SchemaAsk } from "./schema-questions.js";
import type { PyValue } from "./values.js";

export interface DataFunctionFacts {
  /** models used from imports instead of `apps.get_model` */
  directModels: string[];
  /** each of those names and the class it binds (`from shop.models import Order as LiveOrder`: LiveOrder, Order) */
  directClasses: Array<{ name: string; className: string; module?: string }>;
  /** the historical models it asks for (`apps.get_model("shop", "Order")`) */
  models: Array<{ app: string; model: string }>;
  /** `Order.objects.all().delete()` / `Order.objects.update(...)`: every row of the model's table */
  wholeTableWrites: Array<{ verb: "update" | "delete"; app?: string; model: string; columns: string[]; line: number }>;
  /** `Model.objects.filter(x__isnull=False).delete()`: every row with a value in the field goes */
  valueDeletes?: Array<{ app?: string; model: string; field: string; line: number }>;
  /** `Model.objects.values("a", "b").annotate(n=Count("id")).filter(n__gt=1)`: the fields it reads duplicates by (django-dedupe-groups.ts) */
  duplicateGroups?: Array<{ app?: string; model: string; fields: string[] }>;
  /** `if Model.objects.exclude(x__isnull=True).exists(): raise ...`: it stops the migration while x holds a value */
  valueChecks?: Array<{ app?: string; model: string; field?: string; text: string; line: number }>;
  /** every name the body uses (identifiers, attributes, keyword arguments, words of its strings): the fields it may read */
  mentions: string[];
  /** the attribute names it calls (`xform.get_full_dict()`, `Instance.objects.filter(...)`): methods of today's model classes it may need */
  methodCalls: string[];
  /** what it reads on those imported classes besides their manager (`Instance.DecryptionStatus`): django-live-model-uses.ts */
  classAttributes: Array<{ name: string; attribute: string }>;
  /** the project's functions it hands those models' rows to (`decrypt_instance(instance)`): django-live-model-uses.ts */
  instanceHelpers: Array<{ name: string; helper: string }>;
  /** the custom methods (no Django API) it calls on those classes or their rows, in the module's functions it hands them to too (django-live-model-methods.ts) */
  liveMethodCalls?: LiveMethodCall[];
  /** every call only reads (queryset reads, a literal SELECT): not a data change */
  readOnly: boolean;
  /** the rows of its models it deletes or overwrites (django-row-writes.ts) */
  rowWrites: RowWrite[];
  /** the fields it reads on the existing rows of its models (django-field-reads.ts) */
  fieldReads?: FieldRead[];
  /** the models it adds rows to (django-field-reads.ts), when it reads fields of its rows */
  rowCreates?: ModelTarget[];
  /** a write that changes the data again when the function runs again (django-repeats.ts) */
  repeats?: string;
  /** the tables the SELECTs it runs itself read (`cursor.execute(...)`: django-sql-reads.ts) */
  sqlReads: string[];
  /** the tables its own SQL drops (`cursor.execute("DROP TABLE ...")`: django-sql-reads.ts) */
  sqlDrops?: string[];
  /** the field values it copies from rows of one model into rows of another it saves (django-field-copies.ts) */
  copies: FieldCopy[];
  /** its first statement (after a docstring) is a raise: the function refuses to run, its first line (a reverse_code written to stop an unapply) */
  raisesFirst?: string;
  /** the literal SQL it sends itself on PostgreSQL (django-postgres-sql.ts): a SET DEFAULT there is the column's database default */
  postgresSql?: PyValue[];
  /** on PostgreSQL it runs only schema statements of its own SQL and no ORM call (django-postgres-sql.ts) */
  schemaOnlyOnPostgres?: boolean;
  /** the first question about the schema it asks (`connection.introspection.table_names()`): what it does depends on the answer when it runs */
  schemaQuestion?: SchemaAsk;
}

/** `{ schemaQuestion }` when the function asks about the schema (Django's introspection, SQLAlchemy's inspector). */
function askedOfSchema(body: PyNode): { schemaQuestion?: SchemaAsk } {
  const ask = schemaQuestionIn(body, new Set(), new Map());
  return ask ? { schemaQuestion: ask } : {};
}

/** `{ fieldReads, rowCreates }` when the function reads fields on its models' rows. */
function readFields(body: PyNode, resolve: Parameters<typeof fieldReads>[1]): { fieldReads?: FieldRead[]; rowCreates?: ModelTarget[] } {
  const reads = fieldReads(body, resolve);
  if (!reads.length) return {};
  const creates = rowCreates(body, resolve);
  return { fieldReads: reads, ...(creates.length ? { rowCreates: creates } : {}) };
}

/** The tables the function's own SQL reads and drops. */
function sqlTables(body: PyNode, imports: Imports): { sqlReads: string[]; sqlDrops?: string[] } {
  const { reads, drops } = tablesOfSql(body, imports);
  return { sqlReads: reads, ...(drops.length ? { sqlDrops: drops } : {}) };
}

/** The first line of the raise a function body starts with, after its docstring; undefined when it does anything first. */
function raisesFirst(body: PyNode): { raisesFirst?: string } {
  const first = body.namedChildren.find((s) => s.type !== "comment" && !(s.type === "expression_statement" && /string/.test(s.namedChildren[0]?.type ?? "")));
  return first?.type === "raise_statement" ? { raisesFirst: first.text.split("\n")[0].slice(0, 120) } : {};
}

/** Names a function body uses: identifiers (attributes and keywords are identifiers too) and the words of its strings (`values("uuid")`, `OuterRef("plan")`, `update_fields=["uuid"]`). */
function mentionedNames(body: PyNode): string[] {
  const names = new Set<string>();
  for (const node of body.descendantsOfType(["identifier", "string_content"])) {
    if (node.type === "identifier") names.add(node.text);
    // a lookup such as "meal__isnull" names the field before its first "__"
    else for (const word of node.text.split(/[^A-Za-z0-9_]+/)) if (word) names.add(word.split("__")[0]);
  }
  return [...names].sort();
}

/** Queryset and manager calls that return one row (`Order.objects.get(...)`), whose methods are the model's. */
const ROW_RETURNING = new Set(["get", "first", "last", "latest", "earliest", "create"]);

/**
 * Names of the methods the body calls on a name or an attribute (`inst.get_full_dict()`, `Order.build()`,
 * `self.order.save()`) or on one row a queryset returns (`Order.objects.get(id=1).build()`): what may be a model's
 * or an instance's. Calls on a manager or on what another call returns (`Order.objects.get()`, `qs.filter(...).update()`,
 * `(inst.json or {}).get()`) are a queryset's or a value's.
 */
function methodCalls(body: PyNode): string[] {
  const names = new Set<string>();
  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "attribute") continue;
    const receiver = fn.childForFieldName("object");
    const onManager = receiver?.type === "attribute" && receiver.childForFieldName("attribute")?.text === "objects";
    const receiverFn = receiver?.type === "call" ? receiver.childForFieldName("function") : null;
    const onRow = receiverFn?.type === "attribute" && ROW_RETURNING.has(receiverFn.childForFieldName("attribute")?.text ?? "");
    const name = fn.childForFieldName("attribute")?.text;
    if (name && (receiver?.type === "identifier" || (receiver?.type === "attribute" && !onManager) || onRow)) names.add(name);
  }
  return [...names].sort();
}

const isAppModelsModule = (qualified: string) => !qualified.startsWith("django.") && /(^|\.)models(\.|$)/.test(qualified);

/** `get_model("shop", "Order")` / `get_model("shop.Order")`. */
function getModelTarget(call: PyNode, imports: Imports, bindings?: Bindings): { app: string; model: string } | undefined {
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  const texts = args.map((a) => evaluate(a, { imports, ...(bindings ? { bindings } : {}) })).flatMap((v) => (v.kind === "str" && !v.unresolved ? [v.value] : []));
  if (texts.length >= 2) return { app: texts[0], model: texts[1] };
  if (texts.length === 1 && texts[0].includes(".")) {
    const [app, model] = texts[0].split(".");
    return { app, model };
  }
  return undefined;
}

/**
 * `helpers`: the module's functions, which its code may call; `bindings`: names known where the function runs (a
 * factory's literal arguments: django-nested-functions.ts)
 */
export function dataFunctionFacts(def: PyNode, moduleImports: Imports, helpers: ReadonlyMap<string, PyNode> = new Map(), bindings?: Bindings): DataFunctionFacts {
  const body = def.childForFieldName("body");
  const params = new Set(parameterNames(def));
  const imports = body ? moduleImports.withBlock(body) : moduleImports;
  const fromGetModel = new Map<string, { app: string; model: string } | undefined>();
  const models = new Map<string, { app: string; model: string }>();
  const direct = new Set<string>();
  if (!body) return { directModels: [], directClasses: [], models: [], wholeTableWrites: [], mentions: [], methodCalls: [], classAttributes: [], instanceHelpers: [], readOnly: false, rowWrites: [], sqlReads: [], copies: [] };

  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    const callee = fn?.type === "attribute" ? fn.childForFieldName("attribute")?.text : fn?.text;
    if (callee !== "get_model") continue;
    const target = getModelTarget(call, imports, bindings);
    if (target) models.set(`${target.app}.${target.model.toLowerCase()}`, target);
    const assignment = call.parent?.type === "assignment" ? call.parent : undefined;
    const left = assignment?.childForFieldName("left");
    if (left?.type === "identifier") fromGetModel.set(left.text, target);
  }
  // a model class of the app's models module built directly (`Order(...)`), whether the function or the module
  // imports it: where the import sits does not change what the name is (moving it changes nothing the migration
  // does). Only a class of a `models` module itself: a helper beside it (`models.mixins.GenerateCode`,
  // `models.settings.GlobalSettings`) is no model. `.objects` on an imported name counts below, wherever imported.
  for (const call of body.descendantsOfType("call")) {
    const fn = call.childForFieldName("function");
    if (fn?.type !== "identifier" || params.has(fn.text) || fromGetModel.has(fn.text)) continue;
    const bound = imports.lookup(fn.text);
    const module = bound?.slice(0, bound.lastIndexOf(".")) ?? "";
    if (bound !== undefined && isAppModelsModule(module) && /(^|\.)models$/.test(module)) direct.add(fn.text);
  }
  for (const attribute of body.descendantsOfType("attribute")) {
    if (attribute.childForFieldName("attribute")?.text !== "objects") continue;
    const object = attribute.childForFieldName("object");
    if (object?.type !== "identifier") continue;
    const name = object.text;
    if (fromGetModel.has(name) || params.has(name)) continue;
    const bound = imports.lookup(name);
    if (bound !== undefined && !bound.startsWith("django.")) direct.add(name);
  }
  // one write per model and verb (branches of an if often repeat the same update), with every field it sets
  const wholeTableWrites: DataFunctionFacts["wholeTableWrites"] = [];
  const isModel = (name: string) => fromGetModel.has(name) || direct.has(name);
  // a model from get_model("app", "Model") or one imported by its class name
  const targetOf = (modelVariable: string) => (fromGetModel.has(modelVariable) ? fromGetModel.get(modelVariable) : { app: undefined, model: modelVariable });
  for (const { modelVariable, ...write } of unfilteredWrites(body, isModel)) {
    const target = targetOf(modelVariable);
    if (!target) continue;
    const same = wholeTableWrites.find((w) => w.verb === write.verb && w.model === target.model && w.app === target.app);
    if (same) same.columns = [...new Set([...same.columns, ...write.columns])];
    else wholeTableWrites.push({ ...write, app: target.app, model: target.model });
  }
  const deletesWithValue = valueDeletes(body, isModel).flatMap(({ modelVariable, ...d }) => {
    const target = targetOf(modelVariable);
    return target ? [{ ...d, app: target.app, model: target.model }] : [];
  });
  const groups = duplicateGroups(body, isModel).flatMap(({ modelVariable, fields }) => {
    const target = targetOf(modelVariable);
    return target ? [{ app: target.app, model: target.model, fields }] : [];
  });
  const checks = valueChecks(body, isModel).flatMap(({ modelVariable, ...c }) => {
    const target = targetOf(modelVariable);
    return target ? [{ ...c, app: target.app, model: target.model }] : [];
  });
  // a model named by its variable, or asked for where it is used (`apps.get_model("api", "FilterList").objects...`)
  const resolve = (node: PyNode) =>
    node.type === "identifier" ? (isModel(node.text) ? targetOf(node.text) : undefined) : node.type === "call" && node.childForFieldName("function")?.text.split(".").pop() === "get_model" ? getModelTarget(node, imports, bindings) : undefined;
  const directClasses = [...direct].sort().map((name) => {
    const bound = imports.lookup(name) ?? name;
    const dot = bound.lastIndexOf(".");
    return { name, className: bound.slice(dot + 1), ...(dot > 0 ? { module: bound.slice(0, dot) } : {}) };
  });
  return { directModels: [...direct].sort(), directClasses, models: [...models.values()], wholeTableWrites, ...(deletesWithValue.length ? { valueDeletes: deletesWithValue } : {}), ...(checks.length ? { valueChecks: checks } : {}), ...(groups.length ? { duplicateGroups: groups } : {}), mentions: mentionedNames(body), methodCalls: methodCalls(body), classAttributes: classAttributesRead(body, direct), instanceHelpers: instanceHelpers(body, direct, imports), ...liveMethods(def, direct, helpers), readOnly: readsOnly(body), rowWrites: rowWrites(body, resolve), ...readFields(body, resolve), ...repeatsOf(body), ...sqlTables(body, imports), copies: fieldCopies(def, helpers, (call) => getModelTarget(call, imports, bindings), { imports, ...(bindings ? { bindings } : {}) }), ...raisesFirst(body), ...postgresSql(def, imports), ...askedOfSchema(body) };
}

/** `{ liveMethodCalls }` when the function calls custom methods of the models it imports directly, else nothing. */
function liveMethods(def: PyNode, direct: ReadonlySet<string>, helpers: ReadonlyMap<string, PyNode>): { liveMethodCalls?: LiveMethodCall[] } {
  const calls = liveModelMethodCalls(def, direct, helpers);
  return calls.length ? { liveMethodCalls: calls } : {};
}

/** `{ postgresSql }` when the function sends literal SQL of its own on PostgreSQL, else nothing. */
function postgresSql(def: PyNode, imports: Imports): { postgresSql?: PyValue[]; schemaOnlyOnPostgres?: boolean } {
  const sql = postgresSqlOf(def, imports);
  return { ...(sql.length ? { postgresSql: sql } : {}), ...(postgresSchemaOnly(def, imports) ? { schemaOnlyOnPostgres: true } : {}) };
}

/** `{ repeats }` when the body has a write that applies again on a second run, else nothing. */
function repeatsOf(body: PyNode): { repeats?: string } {
  const repeats = repeatedWrite(body);
  return repeats ? { repeats } : {};
}
