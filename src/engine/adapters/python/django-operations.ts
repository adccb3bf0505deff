/**
 * Django operations -> the shared model, as Django's PostgreSQL schema editor executes them, with the reverse
 * Django derives for each (a rollback runs them in reverse order). The model state is updated after each
 * operation so later operations of the same migration see it (AddField then AlterField).
 */
import type { ColumnSpec, DedupeGrouping, HiddenOperation, OperationInput, ParseProblem, SourceRange, ValuesGuard } from "../../model.js";
import { columnSpec, literalDefault, readField, relatedTable, SWAPPABLE_USER_TABLE, type DjangoField } from "./django-fields.js";
import { columnsOf, constraintOperation, indexOperation } from "./django-indexes.js";
import { factoryCallKey, factoryKey } from "./django-nested-functions.js";
import type { DataFunctionFacts } from "./django-runpython.js";
import { AppState, operationName, togetherSets } from "./django-state.js";
import { embeddedSql } from "./embedded-sql.js";
import { djangoForeignKeySql, djangoIndexName } from "./django-foreign-key-sql.js";
import { lastSegment } from "./imports.js";
import { lookupProblem } from "./indirect.js";
import { truthy, asList, asString, asStrings, isNone, kwarg, type PyCall, type PyValue } from "./values.js";
import { append } from "../../append.js";

export interface Translation {
  up: OperationInput[];
  /** the derived rollback, in the order it runs */
  down: OperationInput[];
  /** each RunPython / RunSQL without a reverse, in order: any one makes Django refuse to unapply the migration */
  /** `declared`: the operation has a reverse its author wrote to raise before doing anything */
  oneWay?: Array<{ loc: SourceRange; what: string; declared?: true }>;
  /** django-migration-linter's IgnoreMigration(): the team waived this migration */
  ignored?: SourceRange;
  notes: ParseProblem[];
  errors: ParseProblem[];
  /** operations hidden from a static reading (getattr, eval, SQL built at run time): `hidden-operation` */
  hidden: HiddenOperation[];
}

export interface TranslateOptions {
  state: AppState;
  /** the state was rebuilt from earlier migrations (otherwise AlterField cannot be compared) */
  stateKnown: boolean;
  atomic: boolean;
  functions: Map<string, DataFunctionFacts>;
}

interface Ctx extends TranslateOptions {
  /** the app's state as the migration starts: the models of the code that runs while it does */
  start: AppState;
  out: Translation;
  /** reverse steps, one group per forward operation, reversed at the end */
  steps: OperationInput[][];
  /** models whose triggers pgtrigger's AddTrigger (re)creates in this migration, with its line (django-pghistory's) */
  triggersAdded: Map<string, number>;
  /** checks a RunPython made that stop the migration while data exists: the operations after it carry them */
  valuesGuards: ValuesGuard[];
}

/** pgtrigger's migration operation that installs a trigger on a model (django-pghistory's triggers come through it) */
const PGTRIGGER_ADD = /(?:^|\.)pgtrigger\.migrations\.AddTrigger$/;

const EXTENSIONS: Record<string, string> = {
  BloomExtension: "bloom",
  BtreeGinExtension: "btree_gin",
  BtreeGistExtension: "btree_gist",
  CITextExtension: "citext",
  CryptoExtension: "pgcrypto",
  HStoreExtension: "hstore",
  TrigramExtension: "pg_trgm",
  UnaccentExtension: "unaccent",
};

/** Operations with no database effect (Django state only). */
const STATE_ONLY = new Set(["AlterModelOptions", "AlterModelManagers", "AlterModelTableComment"]);

export function translateOperations(operations: PyValue[], options: TranslateOptions): Translation {
  const ctx: Ctx = { ...options, start: options.stateKnown ? options.state.clone() : new AppState(options.state.app), out: { up: [], down: [], notes: [], errors: [], hidden: [] }, steps: [], triggersAdded: new Map(), valuesGuards: [] };
  for (const op of operations) translate(op, ctx);
  markJoinTableRenames(ctx.out.up, ctx.state);
  markTriggerWrittenTables(ctx);
  ctx.out.down = ctx.steps.reverse().flat();
  return ctx.out;
}

const isNoop = (v: PyValue | undefined) => v?.kind === "name" && v.name.endsWith(".noop");

function translate(value: PyValue, ctx: Ctx): void {
  const name = operationName(value);
  // pgtrigger's AddTrigger: not checked (its SQL is the package's), but the event table its trigger writes is no table
  // the application writes (markTriggerWrittenTables)
  if (value.kind === "call" && PGTRIGGER_ADD.test(value.callee)) {
    const model = asString(kwarg(value, "model_name", 0))?.toLowerCase();
    if (model && !ctx.triggersAdded.has(model)) ctx.triggersAdded.set(model, value.loc.line);
  }
  if (value.kind === "call" && hidesOperation(value, ctx)) {
    if (!name) return;
  } else if (!name || value.kind !== "call") {
    if (value.kind === "call" || value.kind === "name")
      ctx.out.notes.push({ line: value.loc.line, message: `\`${value.kind === "call" ? value.callee || value.text.slice(0, 40) : value.text}\` is not a Django operation migguard knows: it was not checked` });
    return;
  }
  const call = value;
  if (!namesWritten(name, call, ctx)) return;
  const base = { loc: call.loc, text: call.text, inTransaction: ctx.atomic } as const;
  const emit = (up: OperationInput[], down: OperationInput[] = []) => {
    append(ctx.out.up, ctx.valuesGuards.length ? up.map((op) => ({ ...op, valuesGuards: [...ctx.valuesGuards, ...(op.valuesGuards ?? [])] })) : up);
    ctx.steps.push(down);
  };
  const str = (key: string, position: number) => asString(kwarg(call, key, position));
  const model = str("model_name", 0) ?? "";
  const table = ctx.state.table(model);
  // the model's class name as the state knows it (`Order`), for fixes and for finding the model in code
  const className = (name: string) => ctx.state.model(name)?.name ?? name;
  const builtBy = model ? ctx.state.model(model)?.builtBy : undefined;
  const withModel = { ...base, ormModel: model ? className(model) : undefined, ...(builtBy ? { ormModelBuiltBy: builtBy } : {}) };

  // a proxy or unmanaged model has no table of Django's: its operations change Django's state only
  const target = str(name === "CreateModel" || name === "DeleteModel" || name === "RenameModel" || name === "AlterModelTable" || name === "AlterUniqueTogether" || name === "AlterIndexTogether" ? "name" : "model_name", 0);
  const created = name === "CreateModel" ? new AppState(ctx.state.app) : undefined;
  created?.apply(call);
  if (target && (ctx.state.model(target) ?? created?.model(target))?.noTable) {
    emit([]);
    ctx.state.apply(call);
    return;
  }

  switch (name) {
    case "CreateModel": {
      const modelName = str("name", 0) ?? "";
      const created = new AppState(ctx.state.app);
      created.apply(call);
      const state = created.model(modelName);
      const t = state?.dbTable ?? ctx.state.table(modelName);
      const fields = [...(state?.fields.values() ?? [])];
      // a model that references itself is in `created`, not yet in the app's state
      const model = (name: string) => created.model(name) ?? ctx.state.model(name);
      const columns = fields.filter((f) => !f.manyToMany).map((f) => columnSpec(f, { references: references(f, ctx, modelName), referencesSql: referencesSql(f, ctx, modelName, t, model), withDefault: false, table: t }));
      const joins = fields.filter((f) => f.manyToMany && !f.manyToMany.through);
      const up: OperationInput[] = [{ ...base, ormModel: modelName, kind: "create_table", table: t, columns, constraints: [] }];
      for (const f of joins) up.push({ ...base, kind: "create_table", table: joinTable(t, f), columns: joinTableColumns(t, modelName, f, ctx, model) });
      emit(up, [{ ...base, kind: "drop_table", tables: [t, ...joins.map((f) => joinTable(t, f))] }]);
      break;
    }
    case "DeleteModel": {
      const modelName = str("name", 0) ?? "";
      const t = ctx.state.table(modelName);
      const state = ctx.state.model(modelName);
      const joins = [...(state?.fields.values() ?? [])].filter((f) => f.manyToMany && !f.manyToMany.through).map((f) => joinTable(t, f));
      emit([{ ...base, ormModel: className(modelName), kind: "drop_table", tables: [t, ...joins] }], [
        { ...base, kind: "create_table", table: t, columns: [...(state?.fields.values() ?? [])].filter((f) => !f.manyToMany).map((f) => columnSpec(f, { withDefault: false })) },
      ]);
      break;
    }
    case "RenameModel": {
      const from = str("old_name", 0) ?? "";
      const to = str("new_name", 1) ?? "";
      const explicit = ctx.state.model(from)?.dbTable;
      if (explicit) {
        emit([]); // db_table is fixed: Django renames nothing in the database
        break;
      }
      const oldTable = ctx.state.table(from);
      const newTable = `${ctx.state.app}_${to.toLowerCase()}`;
      // Django renames with it the join tables of its ManyToManyFields that take their name from the model's table
      // (normandy's RenameModel("TmpRecipeRevision", "RecipeRevision") moves recipes_tmpreciperevision_channels onto
      // recipes_reciperevision_channels): not those of an explicit through model or db_table, nor a self-referential
      // one. (It renames their <model>_id column too: not modelled, the table's rename already breaks the old code.)
      const joins = [...(ctx.state.model(from)?.fields.values() ?? [])].filter((f) => f.manyToMany && !f.manyToMany.through && !f.manyToMany.dbTable && !selfReferential(f, from));
      const renames = [[oldTable, newTable], ...joins.map((f) => [joinTable(oldTable, f), joinTable(newTable, f)])];
      emit(
        renames.map(([table, newName], i) => ({ ...base, ...(i === 0 ? { ormModel: className(from), renamesReferencingKeys: true } : {}), kind: "rename_table" as const, table, newName })),
        renames.map(([table, newName]) => ({ ...base, kind: "rename_table" as const, table: newName, newName: table })).reverse(),
      );
      break;
    }
    case "AlterModelTable": {
      const modelName = str("name", 0) ?? "";
      const oldTable = ctx.state.table(modelName);
      const newTable = str("table", 1) ?? `${ctx.state.app}_${modelName.toLowerCase()}`;
      if (oldTable === newTable) emit([]);
      else emit([{ ...base, ormModel: className(modelName), kind: "rename_table", table: oldTable, newName: newTable }], [{ ...base, kind: "rename_table", table: newTable, newName: oldTable }]);
      break;
    }
    case "AddField": {
      const fieldName = str("name", 1) ?? "";
      const field = readField(fieldName, kwarg(call, "field", 2));
      if (!field) {
        unreadable(call, ctx, "field");
        emit([]);
        break;
      }
      emit(...addField(field, table, model, fieldName, ctx, { ...withModel, ormField: fieldName, ormFieldDef: field.text }));
      break;
    }
    case "RemoveField": {
      const fieldName = str("name", 1) ?? "";
      const field = ctx.state.field(model, fieldName);
      const at = { ...withModel, ormField: fieldName, ormFieldDef: field?.text };
      if (field?.manyToMany) {
        if (!field.manyToMany.through) emit([{ ...at, kind: "drop_table", tables: [joinTable(table, field)] }], [{ ...at, kind: "create_table", table: joinTable(table, field) }]);
        else emit([]);
        break;
      }
      const column = field?.column ?? fieldName;
      const type = field?.type ?? (field ? relationKeyType(field, ctx, model) : undefined);
      emit([{ ...at, kind: "drop_column", table, column, type }], [
        { ...at, kind: "add_column", table, column: field ? { ...columnSpec(field, { withDefault: true }), ...(type ? { type } : {}) } : { name: column } },
      ]);
      break;
    }
    case "RenameField": {
      const from = str("old_name", 1) ?? "";
      const to = str("new_name", 2) ?? "";
      const field = ctx.state.field(model, from);
      const at = { ...withModel, ormField: from, ormFieldDef: field?.text };
      if (field?.manyToMany) {
        emit([]);
        break;
      }
      const oldColumn = field?.column ?? from;
      // an explicit db_column (Baserow 0151's AlterField db_column="row_count" before RenameField to _row_count) stays
      const newColumn = field ? (field.columnGiven ? field.column : field.column === from ? to : field.column === `${from}_id` ? `${to}_id` : field.column) : to;
      if (oldColumn === newColumn) emit([]); // db_column keeps the database name
      else emit([{ ...at, kind: "rename_column", table, column: oldColumn, newName: newColumn }], [{ ...at, kind: "rename_column", table, column: newColumn, newName: oldColumn }]);
      break;
    }
    case "AlterField": {
      const fieldName = str("name", 1) ?? "";
      const next = readField(fieldName, kwarg(call, "field", 2));
      if (!next) {
        unreadable(call, ctx, "field");
        emit([]);
        break;
      }
      emit(...alterField(ctx.state.field(model, fieldName), next, table, model, ctx, { ...withModel, ormField: fieldName, ormFieldDef: next.text }));
      break;
    }
    case "AddIndex":
    case "AddIndexConcurrently": {
      const op = indexOperation(kwarg(call, "index", 1), table, model, ctx.state, withModel, name === "AddIndexConcurrently");
      if (!op || op.kind !== "add_index") {
        unreadable(call, ctx, "index");
        emit([]);
        break;
      }
      emit([op], [{ ...withModel, kind: "drop_index", table, names: op.name ? [op.name] : [], columns: op.columns, concurrently: op.concurrently }]);
      break;
    }
    case "RemoveIndex":
    case "RemoveIndexConcurrently": {
      const indexName = str("name", 1);
      emit([{ ...withModel, kind: "drop_index", table, names: indexName ? [indexName] : [], concurrently: name === "RemoveIndexConcurrently" }], [
        { ...withModel, kind: "add_index", table, name: indexName, concurrently: name === "RemoveIndexConcurrently" },
      ]);
      break;
    }
    case "RenameIndex": {
      // RenameIndex(model_name, new_name, old_name=None, old_fields=None)
      const newName = str("new_name", 1);
      const oldName = str("old_name", 2);
      const oldFields = asStrings(kwarg(call, "old_fields", 3));
      if (newName && oldName)
        emit([{ ...withModel, kind: "rename_object", objectType: "index", name: oldName, newName, table }], [{ ...withModel, kind: "rename_object", objectType: "index", name: newName, newName: oldName, table }]);
      else if (newName && oldFields) {
        // the unnamed form: Django renames the one index on those columns, which index_together made under the name
        // its schema editor gives (`<table>_<columns>_<hash>_idx`); going back is a no-op in Django
        const together = ctx.state.model(model)?.indexTogether.some((set) => set.join(",") === oldFields.join(","));
        const columns = columnsOf(ctx.state, model, oldFields);
        if (together && !table.includes(".")) emit([{ ...withModel, kind: "rename_object", objectType: "index", name: djangoIndexName(table, columns, "_idx"), newName, table }], []);
        else emit([{ ...withModel, kind: "raw", statement: "ALTER INDEX ... RENAME", table }], []);
      } else emit([{ ...withModel, kind: "raw", statement: "ALTER INDEX ... RENAME", table }], [{ ...withModel, kind: "raw", statement: "ALTER INDEX ... RENAME", table }]);
      break;
    }
    case "AddConstraint":
    case "AddConstraintNotValid": {
      const op = constraintOperation(kwarg(call, "constraint", 1), table, model, ctx.state, withModel, name === "AddConstraintNotValid");
      if (!op) {
        unreadable(call, ctx, "constraint");
        emit([]);
        break;
      }
      const dropName = op.kind === "add_constraint" || op.kind === "add_index" ? op.name : undefined;
      emit([op], [op.kind === "add_index" ? { ...withModel, kind: "drop_index", table, names: dropName ? [dropName] : [] } : { ...withModel, kind: "drop_constraint", table, name: dropName }]);
      break;
    }
    case "ValidateConstraint":
      emit([{ ...withModel, kind: "validate_constraint", table, name: str("name", 1) }]);
      break;
    case "RemoveConstraint":
      emit([{ ...withModel, kind: "drop_constraint", table, name: str("name", 1) }]);
      break;
    case "AlterUniqueTogether":
    case "AlterIndexTogether": {
      const modelName = str("name", 0) ?? "";
      const unique = name === "AlterUniqueTogether";
      const next = togetherSets(kwarg(call, unique ? "unique_together" : "index_together", 1)) ?? [];
      const state = ctx.state.model(modelName);
      const before = state ? (unique ? state.uniqueTogether : state.indexTogether) : [];
      const key = (s: string[]) => [...s].sort().join(",");
      const added = next.filter((s) => !before.some((b) => key(b) === key(s)));
      const removed = before.filter((b) => !next.some((s) => key(b) === key(s)));
      const t = ctx.state.table(modelName);
      const at = { ...base, ormModel: className(modelName) };
      const up: OperationInput[] = [];
      const down: OperationInput[] = [];
      for (const set of added) {
        const columns = columnsOf(ctx.state, modelName, set);
        up.push(unique ? { ...at, kind: "add_constraint", table: t, constraint: "unique", columns } : { ...at, kind: "add_index", table: t, columns });
        down.push(unique ? { ...at, kind: "drop_constraint", table: t } : { ...at, kind: "drop_index", table: t, columns });
      }
      for (const set of removed) {
        const columns = columnsOf(ctx.state, modelName, set);
        up.push(unique ? { ...at, kind: "drop_constraint", table: t, columns } : { ...at, kind: "drop_index", table: t, columns });
        down.push(unique ? { ...at, kind: "add_constraint", table: t, constraint: "unique", columns } : { ...at, kind: "add_index", table: t, columns });
      }
      emit(up, down);
      break;
    }
    case "AlterOrderWithRespectTo": {
      const modelName = str("name", 0) ?? "";
      const t = ctx.state.table(modelName);
      const at = { ...base, ormModel: className(modelName), ormField: "_order" };
      if (isNone(kwarg(call, "order_with_respect_to", 1))) emit([{ ...at, kind: "drop_column", table: t, column: "_order" }]);
      else
        emit(
          [
            { ...at, kind: "add_column", table: t, column: { name: "_order", notNull: true, default: { expr: "0", volatile: false } } },
            { ...at, kind: "drop_default", table: t, column: "_order" },
          ],
          [{ ...at, kind: "drop_column", table: t, column: "_order" }],
        );
      break;
    }
    case "IgnoreMigration":
      ctx.out.ignored = call.loc;
      emit([]);
      break;
    case "AddDefaultValue": {
      // django-add-default-value: a database default that stays, unlike the one AddField drops again
      const fieldName = str("name", 1) ?? "";
      const column = ctx.state.field(model, fieldName)?.column ?? fieldName;
      const value = kwarg(call, "value", 2);
      const dflt = value ? literalDefault(value) : undefined;
      if (!dflt) {
        unreadable(call, ctx, "value");
        emit([]);
        break;
      }
      const at = { ...withModel, ormField: fieldName };
      emit([{ ...at, kind: "set_default", table, column, default: dflt }], [{ ...at, kind: "drop_default", table, column }]);
      break;
    }
    case "RunSQL":
      runSql(call, ctx, emit);
      break;
    case "RunPython":
      runPython(call, ctx, emit);
      break;
    case "SeparateDatabaseAndState": {
      // database operations run against a scratch copy of the state; only state_operations change Django's state
      const scratch = ctx.state.clone();
      const inner: Ctx = { ...ctx, state: scratch, out: { up: [], down: [], notes: ctx.out.notes, errors: ctx.out.errors, hidden: ctx.out.hidden }, steps: [] };
      for (const op of asList(kwarg(call, "database_operations", 0)) ?? []) translate(op, inner);
      if (inner.out.oneWay) ctx.out.oneWay = [...(ctx.out.oneWay ?? []), ...inner.out.oneWay];
      emit(inner.out.up, inner.steps.reverse().flat());
      break;
    }
    case "CreateExtension":
    case "CreateCollation":
    case "RemoveCollation": {
      const objectName = str("name", 0) ?? "?";
      const objectType = name === "CreateExtension" ? "extension" : "other";
      if (name === "RemoveCollation") emit([{ ...base, kind: "drop_object", objectType, names: [objectName] }]);
      // Django's CreateExtension runs CREATE EXTENSION IF NOT EXISTS
      else emit([{ ...base, kind: "create_object", objectType, name: objectName, ifNotExists: objectType === "extension" }], [{ ...base, kind: "drop_object", objectType, names: [objectName] }]);
      break;
    }
    default:
      if (name in EXTENSIONS) {
        emit([{ ...base, kind: "create_object", objectType: "extension", name: EXTENSIONS[name], ifNotExists: true }], [{ ...base, kind: "drop_object", objectType: "extension", names: [EXTENSIONS[name]] }]);
      } else if (STATE_ONLY.has(name)) emit([]);
      else {
        ctx.out.notes.push({ line: call.loc.line, message: `Django operation ${name} is not interpreted by migguard: it was not checked` });
        emit([]);
      }
  }
  ctx.state.apply(call);
}

/**
 * `getattr(migrations, "RunSQL")(...)` (checked as RunSQL when the name is written) or `eval("migrations.RunSQL(...)")`
 * (not checked): reported as hidden operations. True when the call is one.
 */
function hidesOperation(call: PyCall, ctx: Ctx): boolean {
  const problem = call.lookup
    ? lookupProblem(call.lookup, call.text, "an operation")
    : call.callee === "exec" || call.callee === "eval"
      ? { message: `\`${call.callee}\` runs Python source held in a string, so the operations in it cannot be checked statically` }
      : undefined;
  if (!problem) return false;
  ctx.out.hidden.push({ line: call.loc.line, endLine: call.loc.endLine, ...problem });
  return true;
}

/** The names each operation needs (keyword and position), without which it names no table or column. */
const REQUIRED_NAMES: Record<string, ReadonlyArray<readonly [string, number]>> = {
  CreateModel: [["name", 0]],
  DeleteModel: [["name", 0]],
  RenameModel: [["old_name", 0], ["new_name", 1]],
  AlterModelTable: [["name", 0]],
  AlterUniqueTogether: [["name", 0]],
  AlterIndexTogether: [["name", 0]],
  AlterOrderWithRespectTo: [["name", 0]],
  AddField: [["model_name", 0], ["name", 1]],
  RemoveField: [["model_name", 0], ["name", 1]],
  AlterField: [["model_name", 0], ["name", 1]],
  AddDefaultValue: [["model_name", 0], ["name", 1]],
  RenameField: [["model_name", 0], ["old_name", 1], ["new_name", 2]],
  ...Object.fromEntries(
    ["AddIndex", "AddIndexConcurrently", "RemoveIndex", "RemoveIndexConcurrently", "RenameIndex", "AddConstraint", "AddConstraintNotValid", "RemoveConstraint", "ValidateConstraint"].map((op) => [op, [["model_name", 0]] as const]),
  ),
};

/**
 * An operation whose model or field name is missing or empty (a call cut short by a syntax error, `name=""`) is not
 * checked: its table or column would read as empty (`Dropping column app_user.`). A name given as something other
 * than a string literal hides the operation: a `hidden-operation` warning, never a silent pass.
 */
function namesWritten(operation: string, call: PyCall, ctx: Ctx): boolean {
  for (const [key, position] of REQUIRED_NAMES[operation] ?? []) {
    const value = kwarg(call, key, position);
    if (asString(value)) continue;
    if (value === undefined || value.kind === "str")
      ctx.out.notes.push({ line: call.loc.line, message: `${operation}: no ${key} is written, so migguard did not check it` });
    else
      ctx.out.hidden.push({ line: call.loc.line, endLine: call.loc.endLine, message: `${operation}: the ${key} is not written literally${"text" in value ? ` (\`${value.text.split("\n")[0].slice(0, 60)}\`)` : ""}, so this operation cannot be checked statically` });
    return false;
  }
  return true;
}

function unreadable(call: PyCall, ctx: Ctx, what: string): void {
  ctx.out.notes.push({ line: call.loc.line, message: `${lastSegment(call.callee)}: the ${what} is not written literally, so migguard could not check it` });
}

/** A ManyToManyField to its own model (`"self"`, or the model by name). */
const selfReferential = (field: DjangoField, model: string) => {
  const target = field.manyToMany?.target;
  return target !== undefined && (target === "self" || target.split(".").pop()!.toLowerCase() === model.toLowerCase());
};

const joinTable = (table: string, field: DjangoField) => {
  if (field.manyToMany?.dbTable) return field.manyToMany.dbTable;
  const name = field.column.replace(/_id$/, "");
  return `${table}_${name}`;
};

/**
 * The columns of the join table Django creates for a ManyToManyField (create_many_to_many_intermediary_model): its
 * `id` and a ForeignKey to each side, `<model>_id` (`from_<model>_id` and `to_<model>_id` for a field to its own
 * model), each with the FOREIGN KEY Django adds when the side's key is in this app's state, so a type change of that
 * key converts them with it. No types: the id's is the app's DEFAULT_AUTO_FIELD, each side's its key's. None when the
 * related model's name is not written (a swappable user model): the table's columns are then not known.
 */
function joinTableColumns(table: string, modelName: string, field: DjangoField, ctx: Ctx, model = (name: string) => ctx.state.model(name)): ColumnSpec[] {
  const target = field.manyToMany?.target;
  if (!target || target.includes("settings.")) return [];
  const own = selfReferential(field, modelName);
  const [from, to] = [modelName.toLowerCase(), own ? modelName.toLowerCase() : target.slice(target.lastIndexOf(".") + 1).toLowerCase()];
  const [fromColumn, toColumn] = from === to ? [`from_${from}_id`, `to_${to}_id`] : [`${from}_id`, `${to}_id`];
  const join = joinTable(table, field);
  const key = (name: string) => {
    const keys = [...(model(name)?.fields.values() ?? [])].filter((f) => f.primaryKey);
    return keys.length === 1 ? keys[0].column : undefined;
  };
  const side = (column: string, toTable: string | undefined, toKey: string | undefined): ColumnSpec => {
    const sql = toTable && toKey ? djangoForeignKeySql(join, column, toTable, toKey) : undefined;
    const fk: DjangoField = { ...field, fieldClass: "ForeignKey", column, type: undefined, null: false, default: undefined, dbDefault: undefined, unique: false, dbIndex: true, primaryKey: false, manyToMany: undefined, relation: { target: own ? "self" : target, constraint: true } };
    return columnSpec(fk, { references: toTable, referencesSql: sql, withDefault: false, table: join });
  };
  // the other side's table and key: this app's model by its state, another app's by Django's naming (its key unknown here)
  const other = own ? undefined : references({ ...field, relation: { target, constraint: true } }, ctx, modelName);
  const sameApp = !target.includes(".") || target.slice(0, target.lastIndexOf(".")).toLowerCase() === ctx.state.app.toLowerCase();
  const otherKey = own || !sameApp ? undefined : key(target.slice(target.lastIndexOf(".") + 1));
  return [
    { name: "id", notNull: true, primaryKey: true, unique: false, check: false, serial: false },
    side(fromColumn, table, key(modelName)),
    side(toColumn, own ? table : other, own ? key(modelName) : otherKey),
  ];
}

/**
 * A renamed table that is (before or after the migration) the join table Django creates for a ManyToManyField:
 * the op names that field (model, name, definition), so a fix keeps the table's name with the field's `db_table=`
 * rather than a model's Meta.db_table, which a join table does not have.
 */
/**
 * The column operations on a django-pghistory event table whose tracked model's triggers this migration recreates
 * (DefectDojo 0286 renames dojo_engagementevent's columns, then AddTrigger on engagement inserts into the new ones):
 * database triggers write those rows, in the migration's transaction, so no old code inserts into them.
 */
function markTriggerWrittenTables(ctx: Ctx): void {
  if (ctx.triggersAdded.size === 0) return;
  for (const op of ctx.out.up) {
    if (!("ormModel" in op) || typeof op.ormModel !== "string") continue;
    const tracked = (ctx.start.model(op.ormModel) ?? ctx.state.model(op.ormModel))?.pghistoryTracks;
    const line = tracked === undefined ? undefined : ctx.triggersAdded.get(tracked);
    if (tracked !== undefined && line !== undefined) Object.assign(op, { writtenByTriggers: { package: "django-pghistory", tracked: ctx.state.model(tracked)?.name ?? tracked, line } });
  }
}

function markJoinTableRenames(up: OperationInput[], state: AppState): void {
  const renames = up.filter((op): op is Extract<OperationInput, { kind: "rename_table" }> => op.kind === "rename_table" && op.ormField === undefined);
  if (renames.length === 0) return;
  for (const model of state.models.values()) {
    if (model.noTable) continue;
    for (const [fieldName, field] of model.fields) {
      if (!field.manyToMany || field.manyToMany.through) continue;
      const join = joinTable(state.table(model.name), field).toLowerCase();
      for (const op of renames)
        if (op.table.toLowerCase() === join || op.newName.toLowerCase() === join)
          Object.assign(op, { ormModel: model.name, ormField: fieldName, ormFieldDef: field.text, frameworkCall: "ManyToManyField" });
    }
  }
}

/**
 * The column type of a ForeignKey / OneToOneField: its target's primary key's, when the target is a model of this
 * app whose key the state holds (makemigrations writes the `id` field into every CreateModel: AutoField integer,
 * BigAutoField bigint). bookwyrm's 0211 RemoveField of Report.status: the FK to Status, a bigint, not "unknown".
 */
function relationKeyType(field: DjangoField, ctx: Ctx, selfModel: string): DjangoField["type"] {
  const target = field.relation?.target;
  // the swappable user model: its key's type as the project's settings and migrations say it
  if (target?.endsWith("settings.AUTH_USER_MODEL")) return ctx.state.userKeyType;
  if (!target || target.includes("settings.")) return undefined;
  const dot = target.lastIndexOf(".");
  if (dot !== -1 && target.slice(0, dot).toLowerCase() !== ctx.state.app.toLowerCase()) return undefined;
  const model = ctx.state.model(target === "self" ? selfModel : target.slice(dot + 1));
  const keys = [...(model?.fields.values() ?? [])].filter((f) => f.primaryKey);
  return keys.length === 1 && !keys[0].relation ? keys[0].type : undefined;
}

function references(field: DjangoField, ctx: Ctx, selfModel: string): string | undefined {
  if (!field.relation) return undefined;
  return relatedTable(field.relation.target, ctx.state.app, selfModel, (app, model) => ctx.state.table(model, app), ctx.state.userTable) ?? SWAPPABLE_USER_TABLE;
}

/**
 * The FOREIGN KEY Django adds for the field, as SQL (django-foreign-key-sql.ts), when its target is a model of this
 * app whose key column (or `to_field`'s) the state holds: what the schema history keeps of it.
 */
function referencesSql(field: DjangoField, ctx: Ctx, selfModel: string, table: string, model = (name: string) => ctx.state.model(name)): string | undefined {
  const relation = field.relation;
  if (!relation?.constraint || relation.databaseOnDelete || relation.target.includes("settings.")) return undefined;
  const dot = relation.target.lastIndexOf(".");
  if (dot !== -1 && relation.target.slice(0, dot).toLowerCase() !== ctx.state.app.toLowerCase()) return undefined;
  const targetName = relation.target === "self" ? selfModel : relation.target.slice(dot + 1);
  const target = model(targetName);
  const keys = [...(target?.fields.values() ?? [])].filter((f) => (relation.toField ? f === target?.fields.get(relation.toField) : f.primaryKey));
  const toTable = references(field, ctx, selfModel);
  return keys.length === 1 && toTable ? djangoForeignKeySql(table, field.column, toTable, keys[0].column) : undefined;
}

type Base = Pick<OperationInput, "loc" | "text" | "inTransaction" | "ormModel" | "ormModelBuiltBy" | "ormField" | "ormFieldDef">;

/** AddField: ADD COLUMN (with the default that fills existing rows, then DROP DEFAULT), inline REFERENCES, CREATE INDEX. */
function addField(field: DjangoField, table: string, model: string, fieldName: string, ctx: Ctx, base: Base): [OperationInput[], OperationInput[]] {
  if (field.manyToMany) {
    if (field.manyToMany.through) return [[], []];
    const join = joinTable(table, field);
    return [[{ ...base, kind: "create_table", table: join, columns: joinTableColumns(table, model, field, ctx) }], [{ ...base, kind: "drop_table", tables: [join] }]];
  }
  const column: ColumnSpec = columnSpec(field, { references: references(field, ctx, model), referencesSql: referencesSql(field, ctx, model, table), withDefault: true, table });
  const up: OperationInput[] = [{ ...base, kind: "add_column", table, column, ...(writtenByRunningCode(field, table, ctx) ? { writtenByRunningCode: true } : {}) }];
  // Django keeps the default only in Python: the database default is dropped right after (db_default stays)
  if (field.default && !field.dbDefault) up.push({ ...base, kind: "drop_default", table, column: field.column });
  if (field.dbIndex) up.push({ ...base, kind: "add_index", table, columns: [field.column] });
  void fieldName;
  return [up, [{ ...base, kind: "drop_column", table, column: field.column }]];
}

/**
 * The model of the running code (the state as the migration starts) has a NOT NULL field of this column on the
 * same table: Django inserts every concrete field, so that code writes a value into the column the migration adds
 * in its place. A NULL-able one may write NULL.
 */
function writtenByRunningCode(field: DjangoField, table: string, ctx: Ctx): boolean {
  for (const model of ctx.start.models.values()) {
    if (model.noTable || ctx.start.table(model.name).toLowerCase() !== table.toLowerCase()) continue;
    for (const old of model.fields.values()) if (!old.manyToMany && !old.null && old.column === field.column) return true;
  }
  return false;
}

const sameType = (a: DjangoField, b: DjangoField) =>
  a.type && b.type ? a.type.text === b.type.text : a.typeKey === b.typeKey;

/** AlterField: only what differs from the previous definition reaches the database. */
function alterField(before: DjangoField | undefined, after: DjangoField, table: string, model: string, ctx: Ctx, base: Base): [OperationInput[], OperationInput[]] {
  if (after.manyToMany) return [[], []];
  if (!before) {
    // the default stays in the definition: next to NOT NULL it is what Django fills NULL rows with
    return [[{ ...base, kind: "redefine_column", table, column: columnSpec(after, { references: references(after, ctx, model), withDefault: true }), indexed: after.dbIndex }], []];
  }
  const up: OperationInput[] = [];
  const down: OperationInput[] = [];
  let column = before.column;
  if (before.column !== after.column) {
    up.push({ ...base, kind: "rename_column", table, column: before.column, newName: after.column, fieldKept: true });
    down.push({ ...base, kind: "rename_column", table, column: after.column, newName: before.column, fieldKept: true });
    column = after.column;
  }
  const at = { ...base };
  // a foreign key pointed at another model: Django drops the constraint and adds one that checks every row
  // (a swappable `settings.AUTH_USER_MODEL` is not compared: its table depends on the project's settings)
  const retargeted =
    Boolean(before.relation?.constraint && after.relation?.constraint) &&
    ![before, after].some((f) => f.relation!.target.includes("settings.")) &&
    references(before, ctx, model) !== references(after, ctx, model);
  if (before.relation && before.relation.constraint && (!after.relation || !after.relation.constraint || retargeted)) {
    up.push({ ...at, kind: "drop_constraint", table });
  }
  if (!sameType(before, after) && !after.relation && !before.relation) {
    if (after.type) {
      up.push({ ...at, kind: "alter_column_type", table, column, type: after.type, fromType: before.type, ...(before.type ? {} : { fromFieldDef: before.text }) });
      if (before.type) down.push({ ...at, kind: "alter_column_type", table, column, type: before.type, fromType: after.type });
    } else {
      ctx.out.notes.push({ line: at.loc.line, message: `${after.fieldClass} is not a field migguard knows the column type of: a type change of ${table}.${column} was not checked` });
      // still a change of the column whose effect is unknown (a project field class may set unique or null in its
      // __init__): a split of the migration keeps it after a data change before it, as written
      up.push({ ...at, kind: "redefine_column", table, column: columnSpec(after, { references: references(after, ctx, model), withDefault: true }), indexed: after.dbIndex, unknownClass: { fieldClass: after.fieldClass, ...(before.type ? { fromType: before.type.text } : {}) } });
    }
  }
  if (before.null && !after.null) {
    // (with a default, Django first fills the NULLs: UPDATE ... WHERE col IS NULL; the SET NOT NULL is the hazard)
    up.push({ ...at, kind: "set_not_null", table, column, ...(after.default ? { fillsNulls: true } : {}) });
    down.push({ ...at, kind: "drop_not_null", table, column });
  } else if (!before.null && after.null) {
    up.push({ ...at, kind: "drop_not_null", table, column });
    down.push({ ...at, kind: "set_not_null", table, column });
  }
  if (after.dbDefault && after.dbDefault.expr !== before.dbDefault?.expr) up.push({ ...at, kind: "set_default", table, column, default: after.dbDefault });
  else if (!after.dbDefault && before.dbDefault) up.push({ ...at, kind: "drop_default", table, column });
  if (after.unique && !before.unique) {
    up.push({ ...at, kind: "add_constraint", table, constraint: "unique", columns: [column] });
    down.push({ ...at, kind: "drop_constraint", table });
  } else if (!after.unique && before.unique) {
    up.push({ ...at, kind: "drop_constraint", table });
    down.push({ ...at, kind: "add_constraint", table, constraint: "unique", columns: [column] });
  }
  if (after.dbIndex && !before.dbIndex) {
    up.push({ ...at, kind: "add_index", table, columns: [column] });
    down.push({ ...at, kind: "drop_index", table, columns: [column] });
  } else if (!after.dbIndex && before.dbIndex) {
    up.push({ ...at, kind: "drop_index", table, columns: [column] });
    down.push({ ...at, kind: "add_index", table, columns: [column] });
  }
  if (after.relation?.constraint && (!before.relation || !before.relation.constraint || retargeted)) {
    const target = references(after, ctx, model);
    up.push({ ...at, kind: "add_constraint", table, constraint: "foreign_key", columns: [column], referencesTable: target, ...(before.relation ? {} : { plainFieldBefore: before.fieldClass }) });
    // (down is reversed at the end: the old key comes back after the new one is dropped)
    if (retargeted) down.push({ ...at, kind: "add_constraint", table, constraint: "foreign_key", columns: [column], referencesTable: references(before, ctx, model) });
    down.push({ ...at, kind: "drop_constraint", table });
  }
  return [up, down.reverse()];
}

/** RunSQL's sql / reverse_sql: a string, a list of strings, or a list of (sql, params) tuples. */
/**
 * The SQL strings of RunSQL. Django splits a single string into statements (sqlparse) and runs them one by one;
 * each item of a list is sent whole, as one query.
 */
function sqlStrings(value: PyValue | undefined): Array<{ sql: PyValue; params: boolean; split: boolean }> {
  if (!value || isNoop(value)) return [];
  if (value.kind === "list")
    return value.items.map((item) =>
      item.kind === "list" && item.items.length >= 1
        ? { sql: item.items[0], params: item.items.length > 1 && !isNone(item.items[1]), split: false }
        : { sql: item, params: false, split: false },
    );
  return [{ sql: value, params: false, split: true }];
}

function runSql(call: PyCall, ctx: Ctx, emit: (up: OperationInput[], down?: OperationInput[]) => void): void {
  const sql = kwarg(call, "sql", 0);
  const reverse = kwarg(call, "reverse_sql", 1);
  const parse = (values: Array<{ sql: PyValue; params: boolean; split: boolean }>) =>
    values.flatMap(({ sql: v, params, split }) => {
      const result = embeddedSql(v, { inTransaction: ctx.atomic, what: "RunSQL", params, split, hostCall: call.text });
      append(ctx.out.errors, result.errors);
      append(ctx.out.notes, result.notes);
      append(ctx.out.hidden, result.hidden);
      return result.ops;
    });
  const up = parse(sqlStrings(sql));
  const down = reverse && !isNone(reverse) ? parse(sqlStrings(reverse)) : [];
  if (!reverse || isNone(reverse)) (ctx.out.oneWay ??= []).push({ loc: call.loc, what: `RunSQL on line ${call.loc.line} has no reverse_sql` });
  emit(up, down);
}

/** The function RunPython runs: `fn`, `module.fn` or `functools.partial(fn, ...)`. */
function codeName(value: PyValue | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === "name") return value.text.includes(".") ? lastSegment(value.text) : value.text;
  if (value.kind === "call" && value.callee.endsWith("partial")) return codeName(value.args[0]);
  return undefined;
}

/** The factory call a RunPython's code is, as written on one line (short ones only: a message names it). */
const calledFactory = (value: PyValue | undefined) => (value?.kind === "call" && value.text.length <= 80 ? value.text.replace(/\s+/g, " ") : undefined);

/** What the reader read of the function a RunPython runs: named, or returned by a factory call (`make_backfill("order")`). */
function factsOf(code: PyValue | undefined, ctx: Ctx): DataFunctionFacts | undefined {
  const name = codeName(code);
  if (name) return ctx.functions.get(name);
  if (code?.kind !== "call") return undefined;
  const bound = factoryCallKey(code);
  return (bound !== undefined ? ctx.functions.get(bound) : undefined) ?? ctx.functions.get(factoryKey(code.callee));
}

/** Tables of the models a RunPython function asks apps.get_model for (db_table known for this app's models). */
const tablesOf = (facts: DataFunctionFacts | undefined, state: AppState): string[] =>
  [...new Set((facts?.models ?? []).map((m) => state.table(m.model, m.app)))].sort();

/**
 * Tables a RunPython function reads through a ForeignKey, OneToOneField or ManyToManyField (its join table) of a
 * model of this app it asks for, when its code names the field (wger's 0031 copies `iwu.unit.name` through `select_related("unit")` before 0033 deletes
 * WeightUnit): the related rows are read as surely as the model's own.
 */
function tablesReadThrough(facts: DataFunctionFacts | undefined, state: AppState): string[] {
  const named = new Set(facts?.mentions ?? []);
  const out = new Set<string>();
  for (const { app, model } of facts?.models ?? []) {
    if (app.toLowerCase() !== state.app.toLowerCase()) continue;
    for (const [name, field] of state.model(model)?.fields ?? []) {
      if (!named.has(name)) continue;
      // a many-to-many field's rows are its join table's (`Mail.to_users.through`, a `"playbooks__name"` lookup)
      if (field.manyToMany && !field.manyToMany.through) out.add(joinTable(state.table(model, app), field));
      if (!field.relation) continue;
      const table = relatedTable(field.relation.target, state.app, model, (a, m) => state.table(m, a), state.userTable);
      if (table) out.add(table);
    }
  }
  return [...out].sort();
}

/**
 * The rows a RunPython function deletes and the values it overwrites, by table: the columns its calls name, or for a
 * fetched instance's save() the attributes the function assigns on it, else every column of the model but its key
 * (when this app's state knows the model).
 */
function rowWritesOf(facts: DataFunctionFacts | undefined, state: AppState): { deletes?: Array<{ call: string; table: string }>; overwrites?: Array<{ call: string; table: string; columns?: string[]; changes?: string[] }> } {
  const ownModel = (app: string | undefined, model: string) => (app === undefined || app === state.app ? state.model(model) : undefined);
  // a multi-table-inheritance child's delete() deletes its parent's row too (the parent link's target)
  const parentsOf = (app: string | undefined, model: string) =>
    [...(ownModel(app, model)?.fields.values() ?? [])].flatMap((f) => {
      const parent = f.relation?.parentLink ? relatedTable(f.relation.target, state.app, model, (a, m) => state.table(m, a), state.userTable) : undefined;
      return parent ? [parent] : [];
    });
  const deletes = (facts?.rowWrites ?? [])
    .filter((w) => w.verb === "delete")
    .map((w) => {
      const parentTables = parentsOf(w.target.app, w.target.model);
      return { call: w.call, table: state.table(w.target.model, w.target.app), ...(parentTables.length ? { parentTables } : {}) };
    });
  const overwrites = (facts?.rowWrites ?? []).filter((w) => w.verb === "update").map((w) => {
    const { app, model } = w.target;
    const own = ownModel(app, model);
    // the columns it gives a value other than None (a relation's field or its attname, `unit` or `unit_id`)
    const columnOf = (f: string) => own?.fields.get(f)?.column ?? (f.endsWith("_id") && own?.fields.get(f.slice(0, -3))?.relation ? own.fields.get(f.slice(0, -3))!.column : f);
    // a fetched instance's save() writes every column, the ones the code does not assign with the values it fetched:
    // it changes those it assigns (ephios 0030's `idp.internal_name = idp.label; idp.save()`)
    const assigned = !w.fields && w.sets?.length && own ? [...new Set(w.sets.map((s) => columnOf(s.field)))] : undefined;
    const columns = w.fields
      ? w.fields.map((f) => own?.fields.get(f)?.column ?? f)
      : (assigned ?? (own && [...own.fields.values()].filter((f) => !f.primaryKey && !f.manyToMany).map((f) => f.column)));
    const changes = w.sets && own ? [...new Set(w.sets.filter((s) => !s.none).map((s) => columnOf(s.field)))] : undefined;
    return { call: w.call, table: state.table(model, app), ...(columns?.length ? { columns } : {}), ...(changes ? { changes } : {}) };
  });
  return { ...(deletes.length ? { deletes } : {}), ...(overwrites.length ? { overwrites } : {}) };
}

/** The columns a RunPython function reads on its models' rows (django-field-reads.ts), by table: the fields as this app's state names their columns. */
function rowReadsOf(facts: DataFunctionFacts | undefined, state: AppState): { rowReads?: Array<{ table: string; columns: string[] }>; createsRowsIn?: string[] } {
  const reads = (facts?.fieldReads ?? []).map(({ target: { app, model }, fields }) => {
    const own = app === undefined || app === state.app ? state.model(model) : undefined;
    // a relation's field or its attname (`unit` or `unit_id`) reads the key column
    const columnOf = (f: string) => own?.fields.get(f)?.column ?? (f.endsWith("_id") && own?.fields.get(f.slice(0, -3))?.relation ? own.fields.get(f.slice(0, -3))!.column : f);
    return { table: state.table(model, app), columns: [...new Set(fields.map(columnOf))].sort() };
  });
  const creates = [...new Set((facts?.rowCreates ?? []).map((t) => state.table(t.model, t.app)))].sort();
  return reads.length ? { rowReads: reads, ...(creates.length ? { createsRowsIn: creates } : {}) } : {};
}

/**
 * The groupings of the duplicates a RunPython function deletes (django-dedupe-groups.ts), by table and column: the
 * fields as this app's state names their columns (a relation's `shop` is `shop_id`).
 */
function dedupesOf(facts: DataFunctionFacts | undefined, state: AppState): { dedupesBy?: DedupeGrouping[] } {
  if (!facts?.duplicateGroups?.length || !facts.rowWrites.some((w) => w.verb === "delete")) return {};
  const columnOf = (app: string | undefined, model: string, field: string) => (app === undefined || app === state.app ? state.field(model, field)?.column : undefined) ?? field;
  return { dedupesBy: facts.duplicateGroups.map((g) => ({ table: state.table(g.model, g.app), columns: g.fields.map((f) => columnOf(g.app, g.model, f)) })) };
}

/** A RunPython function's copies (django-field-copies.ts) between models of this app its state knows, by table and column pairs. */
function copiedColumns(facts: DataFunctionFacts | undefined, state: AppState) {
  const own = (ref: { app: string; model: string }) => (ref.app.toLowerCase() === state.app.toLowerCase() ? state.model(ref.model) : undefined);
  return (facts?.copies ?? []).flatMap((copy) => {
    const listed = "names" in copy.fields ? copy.fields.names : [...(own(copy.fields.fieldsOf)?.fields.keys() ?? [])].filter((n) => !("except" in copy.fields && copy.fields.except.includes(n)));
    if (!own(copy.from) || !own(copy.to) || ("fieldsOf" in copy.fields && !own(copy.fields.fieldsOf))) return [];
    // a field both models have as a column of their own (getattr of one the source lacks fails the migration)
    const pairs = listed.flatMap((name) => {
      const source = state.field(copy.from.model, name);
      const target = state.field(copy.to.model, name);
      return source && target && !source.manyToMany && !target.manyToMany ? [{ column: source.column, into: target.column }] : [];
    });
    return pairs.length ? [{ from: state.table(copy.from.model), to: state.table(copy.to.model), everyRow: copy.everyRow, pairs }] : [];
  });
}

/** The copies of every row's values a RunPython makes, each column marked restored when its reverse copies it back. */
function copiesOf(facts: DataFunctionFacts | undefined, reverseFacts: DataFunctionFacts | undefined, state: AppState) {
  const back = copiedColumns(reverseFacts, state);
  return copiedColumns(facts, state)
    .filter((c) => c.everyRow)
    .map((c) => ({
      from: c.from,
      to: c.to,
      columns: c.pairs.map((p) => ({ ...p, restored: back.some((b) => b.from === c.to && b.to === c.from && b.pairs.some((q) => q.column === p.into && q.into === p.column)) })),
    }));
}

/** Each name once, sorted by name (the same import in the function and its reverse). */
const uniqueClasses = (classes: Array<{ name: string; className: string; module?: string }>) =>
  [...new Map(classes.map((c) => [c.name, c])).values()].sort((a, b) => a.name.localeCompare(b.name));

/** The class attributes and project helpers of today's models the function and its reverse use, each once (empty ones left out). */
function liveModelUses(...facts: Array<DataFunctionFacts | undefined>): { classAttributes?: Array<{ name: string; attribute: string }>; instanceHelpers?: Array<{ name: string; helper: string }>; liveMethodCalls?: DataFunctionFacts["liveMethodCalls"] } {
  const attributes = [...new Map(facts.flatMap((f) => f?.classAttributes ?? []).map((a) => [`${a.name}.${a.attribute}`, a])).values()];
  const helpers = [...new Map(facts.flatMap((f) => f?.instanceHelpers ?? []).map((h) => [`${h.name} ${h.helper}`, h])).values()];
  const methods = [...new Map(facts.flatMap((f) => f?.liveMethodCalls ?? []).map((m) => [`${m.name}.${m.method}`, m])).values()];
  return { ...(attributes.length ? { classAttributes: attributes } : {}), ...(helpers.length ? { instanceHelpers: helpers } : {}), ...(methods.length ? { liveMethodCalls: methods } : {}) };
}

function runPython(call: PyCall, ctx: Ctx, emit: (up: OperationInput[], down?: OperationInput[]) => void): void {
  const code = kwarg(call, "code", 0);
  const reverse = kwarg(call, "reverse_code", 1);
  const atomic = truthy(kwarg(call, "atomic", 2));
  const reversible = reverse !== undefined && !isNone(reverse);
  if (!reversible) (ctx.out.oneWay ??= []).push({ loc: call.loc, what: `RunPython on line ${call.loc.line} has no reverse_code` });
  if (isNoop(code)) {
    emit([]);
    return;
  }
  // a factory's call is named as written (`forwards_func_factory("Label")`): each call runs a function of its own
  const name = codeName(code) ?? calledFactory(code);
  const reverseName = codeName(reverse) ?? calledFactory(reverse);
  const facts = factsOf(code, ctx);
  const reverseFacts = factsOf(reverse, ctx);
  // a reverse_code written to raise (`def backwards(apps, schema_editor): raise RuntimeError(...)`): Django unapplies
  // up to it and stops there, the author's statement that the migration is one-way
  if (reversible && reverseFacts?.raisesFirst)
    (ctx.out.oneWay ??= []).push({ loc: call.loc, what: `the reverse_code of the RunPython on line ${call.loc.line} raises (\`${reverseFacts.raisesFirst}\`)`, declared: true });
  const direct = [...(facts?.directModels ?? []), ...(reverseFacts?.directModels ?? [])];
  const inTransaction = ctx.atomic || atomic === true;
  // and the tables its own SQL selects from (scancode.io's 0079: a cursor reads authtoken_token)
  const readsThrough = [...new Set([...tablesReadThrough(facts, ctx.state), ...(facts?.sqlReads ?? [])])].sort();
  const op: OperationInput = {
    loc: call.loc,
    text: call.text,
    inTransaction,
    kind: "data_migration",
    language: "python",
    description: `RunPython(${name ?? "..."})${direct.length ? ` using ${[...new Set(direct)].join(", ")} imported from the app instead of apps.get_model()` : ""}`,
    reversible,
    importsModelsDirectly: direct.length > 0,
    // the first model it imports directly, for the apps.get_model() line of the fix
    ...(direct.length ? { ormModel: [...direct].sort()[0] } : {}),
    // every model it imports directly and the methods it calls: a method today's class defines is no part of the historical model
    ...(direct.length ? { directModels: uniqueClasses([...(facts?.directClasses ?? []), ...(reverseFacts?.directClasses ?? [])]), methodCalls: [...new Set([...(facts?.methodCalls ?? []), ...(reverseFacts?.methodCalls ?? [])])].sort(), ...liveModelUses(facts, reverseFacts) } : {}),
    tables: tablesOf(facts, ctx.state),
    ...(facts ? { mentions: facts.mentions } : {}),
    ...(facts?.schemaQuestion ? { schemaQuestion: facts.schemaQuestion } : {}),
    ...(readsThrough.length ? { readsThrough } : {}),
    ...(facts?.sqlDrops ? { dropsTables: facts.sqlDrops } : {}),
    ...(facts?.readOnly ? { readOnly: true } : {}),
    ...(facts?.schemaOnlyOnPostgres ? { schemaOnlyOnPostgres: true } : {}),
    ...(facts?.repeats ? { repeats: facts.repeats } : {}),
    ...rowWritesOf(facts, ctx.state),
    ...rowReadsOf(facts, ctx.state),
    ...dedupesOf(facts, ctx.state),
  };
  const back: OperationInput[] =
    reversible && !isNoop(reverse) ? [{ ...op, description: `RunPython reverse (${reverseName ?? "..."})`, tables: tablesOf(reverseFacts, ctx.state), schemaQuestion: reverseFacts?.schemaQuestion }] : [];
  // what it copies goes on the forward step only (the reverse's copies say which columns come back)
  const copies = copiesOf(facts, reverseFacts, ctx.state);
  if (copies.length) Object.assign(op, { copies });
  // what the function writes to every row, reported on the RunPython that runs it
  const wholeTable: OperationInput[] = (facts?.wholeTableWrites ?? []).map((write) => ({
    loc: call.loc,
    text: `${write.model}.objects.${write.verb === "delete" ? "all().delete()" : `update(${write.columns.join(", ")})`} (line ${write.line})`,
    inTransaction,
    kind: "dml",
    verb: write.verb,
    table: ctx.state.table(write.model, write.app),
    ormModel: write.model,
    hasWhere: false,
    columns: write.columns,
    viaCode: true,
  }));
  // deletes of every row with a value in a field: the field's column holds only NULLs after them
  const valueDeletes: OperationInput[] = (facts?.valueDeletes ?? []).map((d) => {
    const column = (d.app === undefined || d.app === ctx.state.app ? ctx.state.field(d.model, d.field)?.column : undefined) ?? d.field;
    return { loc: call.loc, text: `${d.model}.objects.filter(${d.field}__isnull=False).delete() (line ${d.line})`, inTransaction, kind: "dml", verb: "delete", table: ctx.state.table(d.model, d.app), ormModel: d.model, hasWhere: true, columns: [], viaCode: true, removesRowsWithValue: [column] };
  });
  emit([op, ...wholeTable, ...valueDeletes, ...defaultsSet(facts, inTransaction)], back);
  // a check that raises while a column holds a value: the operations after this RunPython run where it holds none
  for (const c of facts?.valueChecks ?? []) {
    const column = c.field === undefined ? undefined : ((c.app === undefined || c.app === ctx.state.app ? ctx.state.field(c.model, c.field)?.column : undefined) ?? c.field);
    ctx.valuesGuards.push({ table: ctx.state.table(c.model, c.app), ...(column !== undefined ? { column } : {}), text: c.text, line: c.line });
  }
}

/**
 * The SET DEFAULTs a RunPython function's own SQL runs on PostgreSQL (fx-private-relay's emails 0060 restores the
 * defaults AddField drops), as the operations they are: what else that SQL does stays the RunPython's.
 */
function defaultsSet(facts: DataFunctionFacts | undefined, inTransaction: boolean): OperationInput[] {
  return (facts?.postgresSql ?? []).flatMap((sql) => embeddedSql(sql, { inTransaction, what: "RunPython's execute" }).ops.filter((o) => o.kind === "set_default"));
}
