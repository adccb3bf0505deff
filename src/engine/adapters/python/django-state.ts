/**
 * Django's model state for one app, rebuilt from its migrations the way Django's autodetector/loader does it:
 * each operation's `state_forwards`, replayed in dependency order. Only what the database side needs is kept:
 * tables, fields as columns, unique_together / index_together.
 */
import type { TypeRef } from "../../model.js";
import { readField, type DjangoField } from "./django-fields.js";
import { lastSegment } from "./imports.js";
import { repointRenamedField, repointRenamedModel } from "./django-renamed-references.js";
import { truthy, asList, asString, asStrings, dictGet, kwarg, type PyCall, type PyValue } from "./values.js";

export interface ModelState {
  name: string;
  /** explicit `db_table` */
  dbTable?: string;
  fields: Map<string, DjangoField>;
  uniqueTogether: string[][];
  indexTogether: string[][];
  /** a proxy model or `managed = False`: Django runs none of its operations against the database */
  noTable?: boolean;
  /** `proxy = True`, which AlterModelOptions never changes */
  proxy?: boolean;
  /**
   * the package that builds the model class at run time (django-simple-history's Historical* models, whose
   * CreateModel says `bases=(simple_history.models.HistoricalChanges, ...)`): the project has no class of it to edit
   */
  builtBy?: "django-simple-history";
  /**
   * django-pghistory's event model: its fields include pghistory's pgh_obj (the tracked model, this name), pgh_label and
   * pgh_created_at. Triggers on the tracked model insert its rows (pghistory.track), not the application.
   */
  pghistoryTracks?: string;
}

/** The model a CreateModel's fields make a django-pghistory event model of: pgh_obj's target, with pgh_label and pgh_created_at beside it. */
function pghistoryTracked(fields: ReadonlyMap<string, DjangoField>): string | undefined {
  const target = fields.get("pgh_obj")?.relation?.target;
  if (!target || !fields.has("pgh_label") || !fields.has("pgh_created_at")) return undefined;
  return target.split(".").pop()!.toLowerCase();
}

/** A CreateModel's bases name simple_history's HistoricalChanges: a history model the package builds from the tracked one. */
function builtByOf(bases: PyValue | undefined): ModelState["builtBy"] {
  const named = (asList(bases) ?? []).some((b) => (b.kind === "name" ? b.name : b.kind === "unknown" ? b.text : "").endsWith("simple_history.models.HistoricalChanges"));
  return named ? "django-simple-history" : undefined;
}

const OPERATION_MODULES = [
  /^django\.db\.migrations(?:\.operations(?:\.\w+)*)?\.(\w+)$/,
  /^django\.contrib\.postgres\.operations\.(\w+)$/,
  // django-migration-linter's waiver, and django-add-default-value's database default
  /^django_migration_linter(?:\.\w+)*\.(IgnoreMigration)$/,
  /^django_add_default_value(?:\.\w+)*\.(AddDefaultValue)$/,
];

/** A qualified class name that is one of the operations migguard reads (a project subclass resolves to it). */
export const isKnownOperation = (qualified: string): boolean => OPERATION_MODULES.some((re) => re.test(qualified));

/** `migrations.AddField` / `AddField` imported from django -> "AddField"; anything else (custom operations) -> undefined. */
export function operationName(value: PyValue): string | undefined {
  if (value.kind !== "call") return undefined;
  for (const re of OPERATION_MODULES) {
    const m = re.exec(value.callee);
    if (m) return m[1];
  }
  return undefined;
}

/** `unique_together = ("a", "b")` or `{("a", "b"), ("c",)}`: always a list of field lists. */
export function togetherSets(value: PyValue | undefined): string[][] | undefined {
  if (!value || value.kind === "none") return [];
  // `unique_together=set()`: Django's makemigrations writes no sets this way
  if (value.kind === "call" && (value.callee === "set" || value.callee === "frozenset") && value.args.length === 0 && value.kwargs.size === 0) return [];
  const items = asList(value);
  if (!items) return undefined;
  if (items.every((i) => i.kind === "str")) return items.length ? [items.map((i) => asString(i) ?? "")] : [];
  const sets = items.map(asStrings);
  return sets.every((s): s is string[] => s !== undefined) ? sets : undefined;
}

export class AppState {
  readonly models = new Map<string, ModelState>();
  /**
   * Tables (`table`) and columns (`table.column`) that left the state through SeparateDatabaseAndState without a
   * database operation, with the migration that did it: the application stopped using them, the database kept them.
   */
  readonly leftState = new Map<string, string>();

  /** the table of `settings.AUTH_USER_MODEL`, when the project's settings and migrations say it (django-user-model.ts) */
  userTable?: string;
  /** the column type of the user model's primary key, what a ForeignKey to `settings.AUTH_USER_MODEL` gets (django-user-model.ts) */
  userKeyType?: TypeRef;

  constructor(readonly app: string) {}

  clone(): AppState {
    const copy = new AppState(this.app);
    copy.userTable = this.userTable;
    copy.userKeyType = this.userKeyType;
    for (const [k, v] of this.leftState) copy.leftState.set(k, v);
    for (const [k, m] of this.models)
      copy.models.set(k, { ...m, fields: new Map(m.fields), uniqueTogether: [...m.uniqueTogether], indexTogether: [...m.indexTogether] });
    return copy;
  }

  model(name: string): ModelState | undefined {
    return this.models.get(name.toLowerCase());
  }

  /** The table of a model of this app (or of another app, by Django's default naming). */
  table(model: string, app = this.app): string {
    if (app === this.app) {
      const known = this.model(model)?.dbTable;
      if (known) return known;
    }
    return `${app}_${model.toLowerCase()}`;
  }

  field(model: string, name: string): DjangoField | undefined {
    return this.model(model)?.fields.get(name);
  }

  /** Apply the state side of one operation (what `state_forwards` does); `origin` names the migration it is from. */
  apply(op: PyValue, origin?: string): void {
    const name = operationName(op);
    if (!name || op.kind !== "call") return;
    const call = op;
    const str = (key: string, position: number) => asString(kwarg(call, key, position));
    switch (name) {
      case "CreateModel": {
        const modelName = str("name", 0);
        if (!modelName) return;
        const fields = new Map<string, DjangoField>();
        for (const pair of asList(kwarg(call, "fields", 1)) ?? []) {
          const [fieldName, definition] = asList(pair) ?? [];
          const fname = asString(fieldName);
          const field = fname ? readField(fname, definition) : undefined;
          if (fname && field) fields.set(fname, field);
        }
        const options = kwarg(call, "options", 2);
        this.models.set(modelName.toLowerCase(), {
          name: modelName,
          dbTable: asString(dictGet(options, "db_table")),
          fields,
          uniqueTogether: togetherSets(dictGet(options, "unique_together")) ?? [],
          indexTogether: togetherSets(dictGet(options, "index_together")) ?? [],
          proxy: truthy(dictGet(options, "proxy")) === true,
          noTable: truthy(dictGet(options, "proxy")) === true || truthy(dictGet(options, "managed")) === false,
          ...(builtByOf(kwarg(call, "bases", 3)) ? { builtBy: builtByOf(kwarg(call, "bases", 3)) } : {}),
          ...(pghistoryTracked(fields) ? { pghistoryTracks: pghistoryTracked(fields) } : {}),
        });
        return;
      }
      case "AlterModelOptions": {
        const model = this.modelOf(call, "name");
        // Django replaces `managed` (one of ALTER_OPTION_KEYS) with what the operation lists: left out, it is True
        const managed = truthy(dictGet(kwarg(call, "options", 1), "managed"));
        if (model) model.noTable = model.proxy === true || managed === false;
        return;
      }
      case "DeleteModel": {
        const modelName = str("name", 0);
        if (modelName) this.models.delete(modelName.toLowerCase());
        return;
      }
      case "RenameModel": {
        const from = str("old_name", 0);
        const to = str("new_name", 1);
        const model = from ? this.model(from) : undefined;
        if (!from || !to || !model) return;
        this.models.delete(from.toLowerCase());
        this.models.set(to.toLowerCase(), { ...model, name: to });
        repointRenamedModel(this.models.values(), this.app, from, to);
        return;
      }
      case "AlterModelTable": {
        const model = this.modelOf(call, "name");
        if (model) model.dbTable = asString(kwarg(call, "table", 1));
        return;
      }
      case "AddField":
      case "AlterField": {
        const model = this.modelOf(call, "model_name");
        const fieldName = str("name", 1);
        const field = fieldName ? readField(fieldName, kwarg(call, "field", 2)) : undefined;
        if (model && fieldName && field) model.fields.set(fieldName, field);
        return;
      }
      case "RemoveField": {
        const fieldName = str("name", 1);
        if (fieldName) this.modelOf(call, "model_name")?.fields.delete(fieldName);
        return;
      }
      case "RenameField": {
        const model = this.modelOf(call, "model_name");
        const from = str("old_name", 1);
        const to = str("new_name", 2);
        const field = model && from ? model.fields.get(from) : undefined;
        if (!model || !from || !to || !field) return;
        model.fields.delete(from);
        // a db_column the field names (even one equal to its old name) stays the column's name
        const column = field.columnGiven ? field.column : field.column === from ? to : field.column === `${from}_id` ? `${to}_id` : field.column;
        model.fields.set(to, { ...field, column });
        repointRenamedField(this.models.values(), this.app, model.name, from, to);
        // Django's state.rename_field renames the field in unique_together and index_together too: an
        // AlterUniqueTogether after it to the renamed sets changes nothing
        const renamed = (sets: string[][]) => sets.map((set) => set.map((f) => (f === from ? to : f)));
        model.uniqueTogether = renamed(model.uniqueTogether);
        model.indexTogether = renamed(model.indexTogether);
        return;
      }
      case "AlterUniqueTogether":
      case "AlterIndexTogether": {
        const model = this.modelOf(call, "name");
        const sets = togetherSets(kwarg(call, name === "AlterUniqueTogether" ? "unique_together" : "index_together", 1));
        if (!model || !sets) return;
        if (name === "AlterUniqueTogether") model.uniqueTogether = sets;
        else model.indexTogether = sets;
        return;
      }
      case "RenameIndex": {
        // the unnamed form (old_fields=) turns an index_together set into a named index: Django's state takes the set
        // out of index_together, so a later AlterIndexTogether without it drops nothing
        const model = this.modelOf(call, "model_name");
        const fields = asStrings(kwarg(call, "old_fields", 3));
        if (model && fields) model.indexTogether = model.indexTogether.filter((set) => set.join(",") !== fields.join(","));
        return;
      }
      case "SeparateDatabaseAndState": {
        // a model or field that leaves the state while no database operation removes it: its table or column stays
        const database = asList(kwarg(call, "database_operations", 0)) ?? [];
        const removedInDatabase = new Set(database.map(removalTarget).filter((t) => t !== undefined));
        for (const inner of asList(kwarg(call, "state_operations", 1)) ?? []) {
          const target = removalTarget(inner);
          if (target && origin && !removedInDatabase.has(target)) this.recordStateOnlyRemoval(inner, origin);
          this.apply(inner, origin);
        }
        return;
      }
      case "RunSQL":
        for (const inner of asList(kwarg(call, "state_operations", 2)) ?? []) this.apply(inner);
        return;
      default:
        return;
    }
  }

  private recordStateOnlyRemoval(op: PyValue, origin: string): void {
    const name = operationName(op);
    if (op.kind !== "call" || (name !== "DeleteModel" && name !== "RemoveField")) return;
    if (name === "DeleteModel") {
      const model = asString(kwarg(op, "name", 0));
      if (model) this.leftState.set(this.table(model).toLowerCase(), origin);
      return;
    }
    const model = asString(kwarg(op, "model_name", 0));
    const field = asString(kwarg(op, "name", 1));
    if (!model || !field) return;
    const column = this.field(model, field)?.column ?? field;
    this.leftState.set(`${this.table(model)}.${column}`.toLowerCase(), origin);
  }

  private modelOf(call: PyCall, key: string): ModelState | undefined {
    const name = asString(kwarg(call, key, 0));
    return name ? this.model(name) : undefined;
  }
}

/** `DeleteModel:order` / `RemoveField:order.note`: what a removal operation removes, to match state and database sides. */
function removalTarget(op: PyValue): string | undefined {
  const name = operationName(op);
  if (op.kind !== "call") return undefined;
  if (name === "DeleteModel") return `DeleteModel:${asString(kwarg(op, "name", 0))?.toLowerCase()}`;
  if (name === "RemoveField") return `RemoveField:${asString(kwarg(op, "model_name", 0))?.toLowerCase()}.${asString(kwarg(op, "name", 1))}`;
  return undefined;
}

export const callName = (value: PyValue): string => (value.kind === "call" ? lastSegment(value.callee) : "");
