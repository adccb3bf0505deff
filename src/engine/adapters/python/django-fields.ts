/**
 * Django model fields as PostgreSQL columns, the way Django's PostgreSQL schema editor creates them:
 * types from the backend's data_types, `null=False` by default, `default=` used once to fill existing rows
 * (then dropped from the database), `db_default=` kept as a real default (Django 5+), ForeignKey as `<name>_id`
 * with an inline REFERENCES and an index, ManyToManyField as a join table.
 */
import { generatedExpression } from "./django-generated-field.js";
import type { ColumnSpec, DefaultValue, TypeRef } from "../../model.js";
import { typeRef } from "../../types.js";
import { datetimeLiteral } from "./django-datetime-default.js";
import { lastSegment } from "./imports.js";
import { truthy, asNumber, asString, kwarg, type PyCall, type PyValue } from "./values.js";
import { djangoIndexName } from "./django-foreign-key-sql.js";
import { asPackageFieldBase, packageColumnType } from "./django-package-fields.js";
import { indexedByDefault } from "./django-default-index.js";
import { UNREAD_CLASS } from "./project-modules.js";
import type { OrmSqlPart } from "./django-orm-sql.js";

export interface DjangoField {
  /** field class, last segment (`CharField`) */
  fieldClass: string;
  /** column name in the table (db_column, or `<name>_id` for a relation) */
  column: string;
  /** `db_column=` names the column: a RenameField of the field keeps it (Django renames nothing in the database) */
  columnGiven?: true;
  type?: TypeRef;
  null: boolean;
  /** `default=` (Django fills existing rows with it, then drops the database default) */
  default?: DefaultValue;
  /** `db_default=` (Django 5+: a database default that stays) */
  dbDefault?: DefaultValue;
  unique: boolean;
  dbIndex: boolean;
  primaryKey: boolean;
  /** ForeignKey / OneToOneField target, as written (`"app.Model"`, `"Model"`, `"self"`, a swappable setting) */
  /** `toField`: `to_field=` as written; `databaseOnDelete`: an on_delete the database enforces (`models.DB_CASCADE`), not Python */
  /** `parentLink`: the OneToOneField that links a multi-table-inheritance child to its parent model (`parent_link=True`) */
  relation?: { target: string; constraint: boolean; toField?: string; databaseOnDelete?: boolean; parentLink?: boolean };
  /** ManyToManyField: no column, a join table (unless `through=` names a model) */
  /**
   * ManyToManyField: `through=` given (Django creates no table), and the join table's `db_table=` when given;
   * `target` and `throughModel`: the related model and the `through=` model as written, when written
   */
  manyToMany?: { through?: string; dbTable?: string; target?: string; throughModel?: string };
  /**
   * GeneratedField (Django 5.0): a column PostgreSQL computes, GENERATED ALWAYS AS (...) STORED with db_persist=True,
   * VIRTUAL otherwise. Its expression is an ORM expression, not SQL, so only the kind is kept: no default fills it
   * and no insert names it.
   */
  generated?: "stored" | "virtual";
  /** GeneratedField: its expression= as written and the fields its F() references read (django-generated-field.ts) */
  generatedOrm?: { expression: string; fields?: string[]; sql?: OrmSqlPart[] };
  /** the type-relevant arguments, to compare two definitions of a field whose type we do not know */
  typeKey: string;
  text: string;
}

/** Field and model options that never reach the database schema. */
export const PRESENTATION_ONLY: ReadonlySet<string> = new Set(["choices", "help_text", "verbose_name", "verbose_name_plural", "validators", "error_messages", "permissions", "ordering", "default_permissions"]);

const AUTO_TYPES: Record<string, string> = { AutoField: "integer", BigAutoField: "bigint", SmallAutoField: "smallint" };

const SIMPLE_TYPES: Record<string, string> = {
  BinaryField: "bytea",
  BooleanField: "boolean",
  NullBooleanField: "boolean",
  DateField: "date",
  DateTimeField: "timestamptz",
  DurationField: "interval",
  FloatField: "double precision",
  IntegerField: "integer",
  BigIntegerField: "bigint",
  SmallIntegerField: "smallint",
  PositiveIntegerField: "integer",
  PositiveSmallIntegerField: "smallint",
  PositiveBigIntegerField: "bigint",
  IPAddressField: "inet",
  GenericIPAddressField: "inet",
  JSONField: "jsonb",
  TextField: "text",
  TimeField: "time",
  UUIDField: "uuid",
  HStoreField: "hstore",
  CICharField: "citext",
  CIEmailField: "citext",
  CITextField: "citext",
  SearchVectorField: "tsvector",
  IntegerRangeField: "int4range",
  BigIntegerRangeField: "int8range",
  DecimalRangeField: "numrange",
  DateTimeRangeField: "tstzrange",
  DateRangeField: "daterange",
};

/** known field names, longest first, to recognise `<Something>JSONField` subclasses */
const SUFFIXES = Object.keys(SIMPLE_TYPES).sort((a, b) => b.length - a.length);

/** varchar fields and their default max_length */
const VARCHAR_TYPES: Record<string, number | undefined> = {
  CharField: undefined,
  SlugField: 50,
  EmailField: 254,
  URLField: 200,
  FileField: 100,
  ImageField: 100,
  FilePathField: 100,
  CommaSeparatedIntegerField: undefined,
};

/**
 * Relation fields that add nothing to the model's own table: their rows live in a table of another model.
 * django-taggit's TaggableManager is a many-to-many through a tag model (taggit's TaggedItem unless `through=`);
 * contenttypes' GenericRelation is the reverse side of a GenericForeignKey. Neither creates a table either.
 */
const RELATED_THROUGH_MODEL = new Set(["TaggableManager", "GenericRelation"]);

/**
 * A many-to-many field (a table of its own, no column): ManyToManyField and the subclasses named after it
 * (ParentalManyToManyField, TreeManyToManyField), and the relation fields kept in another model's table.
 */
export const isManyToMany = (cls: string): boolean => cls.endsWith("ManyToManyField") || RELATED_THROUGH_MODEL.has(cls);
/**
 * A field that keeps a related model's key in a column of its own, named `<name>_id` unless `db_column=` says
 * otherwise (Django's ForeignKey.get_attname): ForeignKey, OneToOneField and their subclasses (mptt's
 * TreeForeignKey, TreeOneToOneField, modelcluster's ParentalKey), and any other field given the related model and
 * `on_delete=` as those are. ForeignObject (`from_fields=`) maps existing columns and adds none.
 */
function isRelation(cls: string, call: PyCall): boolean {
  const args = { keywords: new Set(call.kwargs.keys()), positional: call.args.length };
  // a project's subclass of ForeignKey (awx's ImplicitRoleField, read from its fields.py) is one, with or without on_delete=
  return keepsRelatedKey(cls, args) || (call.base !== undefined && keepsRelatedKey(lastSegment(call.base), args));
}

/** isRelation from the field's class name and the names of its keyword arguments (a models.py read with another reader). */
export function keepsRelatedKey(cls: string, args: { keywords: ReadonlySet<string>; positional: number }): boolean {
  if (isManyToMany(cls) || cls === "ForeignObject" || args.keywords.has("from_fields")) return false;
  if (cls.endsWith("ForeignKey") || cls.endsWith("OneToOneField") || cls === "ParentalKey") return true;
  return args.keywords.has("on_delete") && (args.keywords.has("to") || args.positional > 0);
}

/** A field class Django itself defines whose column type fieldType knows (not a subclass guessed by its name). */
export const isDjangoFieldClass = (cls: string): boolean => cls in AUTO_TYPES || cls in SIMPLE_TYPES || cls in VARCHAR_TYPES || cls === "DecimalField" || cls === "ArrayField";

/** The column type of a field call, when Django's PostgreSQL backend has one for it. */
export function fieldType(call: PyCall): TypeRef | undefined {
  const cls = lastSegment(call.callee);
  if (cls in AUTO_TYPES) return typeRef(AUTO_TYPES[cls]);
  if (cls in SIMPLE_TYPES) return typeRef(SIMPLE_TYPES[cls]);
  // a size given by a name (max_length=settings.CODE_LENGTH) is not known: neither is the type
  const sized = (key: string) => !call.kwargs.has(key) || asNumber(call.kwargs.get(key)) !== undefined;
  if (cls in VARCHAR_TYPES) {
    if (!sized("max_length")) return undefined;
    const length = asNumber(kwarg(call, "max_length")) ?? VARCHAR_TYPES[cls];
    return typeRef("varchar", length !== undefined ? [length] : []);
  }
  if (cls === "DecimalField") {
    if (!sized("max_digits") || !sized("decimal_places")) return undefined;
    const digits = asNumber(kwarg(call, "max_digits"));
    const places = asNumber(kwarg(call, "decimal_places"));
    return typeRef("numeric", digits !== undefined ? (places !== undefined ? [digits, places] : [digits]) : []);
  }
  if (cls === "ArrayField") {
    const base = kwarg(call, "base_field", 0);
    const inner = base?.kind === "call" ? fieldType(base) : undefined;
    return inner ? { ...inner, array: true, text: `${inner.text}[]` } : undefined;
  }
  // a field class of a third-party package with max_length is a CharField subclass (CountryField, PhoneNumberField...)
  const length = asNumber(call.kwargs.get("max_length"));
  if (length !== undefined) return typeRef("varchar", [length]);
  // a subclass named after its base keeps the base's column (SanitizedJSONField, EncryptedTextField...)
  const base = SUFFIXES.find((known) => cls.endsWith(known));
  return base ? typeRef(SIMPLE_TYPES[base]) : undefined;
}

/** A Python value Django would write as a column default, as SQL text (what the ALTER TABLE uses). */
export function literalDefault(value: PyValue): DefaultValue | undefined {
  // an empty list or dict, written as a literal or as the builtin Django calls (`default=dict`, fields.E010's
  // advice): one value, whatever the spelling
  const empty = emptyContainer(value);
  if (empty) return { expr: `<empty ${empty}>`, volatile: false };
  switch (value.kind) {
    case "none":
      return undefined;
    case "str":
      return { expr: `'${value.value.replace(/'/g, "''")}'`, volatile: false };
    case "num":
      return { expr: String(value.value), volatile: false };
    case "bool":
      return { expr: value.value ? "true" : "false", volatile: false };
    case "call":
      // Decimal("0"), Decimal(0): the number itself
      if (lastSegment(value.callee) === "Decimal" && (value.args[0]?.kind === "str" || value.args[0]?.kind === "num")) return { expr: String(value.args[0].value), volatile: false };
      return { expr: datetimeLiteral(value) ?? `<value of ${value.text}>`, volatile: false };
    default:
      // a callable or any other object: Django evaluates it once in Python and writes that one value
      return { expr: value.kind === "name" || value.kind === "unknown" ? `<value of ${value.text.replace(/\s+/g, " ")}>` : `<${value.kind}>`, volatile: false };
  }
}

function emptyContainer(value: PyValue): "list" | "dict" | undefined {
  if (value.kind === "name") return value.name === "list" || value.name === "dict" ? value.name : undefined;
  if (value.kind === "list") return value.items.length === 0 && !value.tuple ? "list" : undefined;
  if (value.kind === "dict") return value.entries.length === 0 ? "dict" : undefined;
  if (value.kind === "call" && value.args.length === 0 && value.kwargs.size === 0) return value.callee === "list" || value.callee === "dict" ? value.callee : undefined;
  return undefined;
}

/** Django 5 `db_default=`: expressions Django turns into SQL, with their volatility. */
const DB_FUNCTIONS: Record<string, DefaultValue> = {
  Now: { expr: "now()", volatile: false },
  TransactionNow: { expr: "now()", volatile: false },
  RandomUUID: { expr: "gen_random_uuid()", volatile: true },
  Random: { expr: "random()", volatile: true },
};

function dbDefault(value: PyValue): DefaultValue | undefined {
  if (value.kind === "call") {
    const fn = lastSegment(value.callee);
    if (fn in DB_FUNCTIONS) return DB_FUNCTIONS[fn];
    if (fn === "Value") return value.args[0] ? literalDefault(value.args[0]) : undefined;
    return { expr: value.text, volatile: false };
  }
  return literalDefault(value);
}

/**
 * Django's classes whose empty_strings_allowed stays True (Field's own value): the text fields, the file fields,
 * BinaryField (filled with b"", PostgreSQL's '' as bytea) and SearchVectorField. Every other class Django defines
 * (numbers, dates, booleans, UUIDField, JSONField, ArrayField, HStoreField, the ranges, ForeignKey, the IP address
 * fields) sets it to False. `Field` itself stands for a known package's class extending models.Field directly
 * (django-package-fields.ts: Wagtail's StreamField), which keeps Field's True.
 */
const EMPTY_STRINGS_ALLOWED = new Set([...Object.keys(VARCHAR_TYPES), "TextField", "CICharField", "CIEmailField", "CITextField", "BinaryField", "SearchVectorField", "Field"]);

/**
 * The default Django writes into existing rows when it adds the column (BaseDatabaseSchemaEditor._effective_default):
 * `default=`, else '' for a blank-able non-null field whose class allows empty strings, else now() for auto_now(_add).
 */
function effectiveDefault(call: PyCall, cls: string, isNull: boolean): DefaultValue | undefined {
  const given = call.kwargs.get("default");
  if (given) return literalDefault(given);
  const blank = truthy(call.kwargs.get("blank")) === true;
  if (!isNull && blank && EMPTY_STRINGS_ALLOWED.has(cls)) return { expr: "''", volatile: false };
  if (truthy(call.kwargs.get("auto_now")) || truthy(call.kwargs.get("auto_now_add"))) return { expr: "<the current time>", volatile: false };
  return undefined;
}

/** A model named as a string (`"app.Model"`) or a class (`Model`, `models.Model`), as written. */
const modelReference = (value: PyValue | undefined): string | undefined => (value?.kind === "str" ? value.value : value?.kind === "name" ? value.name : undefined);

/** on_delete= names a database-level action (Django's DB_CASCADE, DB_SET_NULL, ...), which adds ON DELETE to the constraint */
function databaseOnDelete(call: PyCall): boolean {
  const action = kwarg(call, "on_delete", 1);
  return action?.kind === "name" && lastSegment(action.name).startsWith("DB_");
}

/** methods of a field class that choose its column's type: a project class defining one has a type of its own */
const COLUMN_TYPE_METHODS = new Set(["db_type", "db_parameters", "rel_db_type", "cast_db_type", "get_internal_type", UNREAD_CLASS]);

/**
 * A project field class (janeway's `core.model_utils.JanewayBleachField`) as the Django or known package field its
 * chain of project classes extends, for the column type: only when every class of the chain was read and none
 * chooses a type of its own; an `__init__` of the chain may set a size (max_length), so a sized base stays unknown.
 */
function projectFieldAsBase(call: PyCall): PyCall | undefined {
  const methods = call.base ? call.baseMethods : undefined;
  if (!call.base || !methods || methods.some((m) => COLUMN_TYPE_METHODS.has(m))) return undefined;
  const base = asPackageFieldBase({ ...call, callee: call.base }) ?? (call.base.startsWith("django.") && isDjangoFieldClass(lastSegment(call.base)) ? { ...call, callee: call.base } : undefined);
  if (!base) return undefined;
  return methods.includes("__init__") && !(lastSegment(base.callee) in SIMPLE_TYPES) ? undefined : base;
}

/** A project field class whose chain defines a method that chooses the column's type. */
const choosesOwnType = (call: PyCall): boolean => !!call.base && !!call.baseMethods?.some((m) => COLUMN_TYPE_METHODS.has(m));

/** Read a field definition (`models.CharField(max_length=10, null=True)`); `name` is the field's name. */
export function readField(name: string, value: PyValue | undefined): DjangoField | undefined {
  if (value?.kind !== "call") return undefined;
  const cls = lastSegment(value.callee);
  // a known package's field (or a project class extending one) is the Django field it extends, with its __init__'s defaults
  const packaged = asPackageFieldBase(value) ?? (value.base ? asPackageFieldBase({ ...value, callee: value.base }) : undefined);
  // a project class extending a Django field directly fills existing rows as that field does
  const projectBase = !packaged && value.base?.startsWith("django.") && isDjangoFieldClass(lastSegment(value.base)) ? value.base : undefined;
  const filledAs = packaged ?? (projectBase ? { ...value, callee: projectBase } : value);
  // a project class read to choose its own type is not typed by its name's suffix (CaseInsensitiveTextField's db_type)
  const typedAs = asPackageFieldBase(value) ?? projectFieldAsBase(value) ?? (choosesOwnType(value) ? undefined : value);
  const relation = isRelation(cls, value);
  const primaryKey = truthy(value.kwargs.get("primary_key")) === true || cls in AUTO_TYPES;
  const isNull = cls === "NullBooleanField" || truthy(value.kwargs.get("null")) === true;
  const dbColumn = asString(value.kwargs.get("db_column"));
  const unique = (relation && cls.endsWith("OneToOneField")) || truthy(value.kwargs.get("unique")) === true;
  const dbIndexKw = truthy(value.kwargs.get("db_index"));
  // taggit's TaggableManager takes verbose_name first: its related model is `to=` only
  const targetValue = relation || isManyToMany(cls) ? kwarg(value, "to", cls === "TaggableManager" ? undefined : 0) : undefined;
  const target = modelReference(targetValue) ?? "?";
  const typeKeyParts = [cls, ...["max_length", "max_digits", "decimal_places", "base_field", "size", "to"].map((k) => {
    const v = value.kwargs.get(k);
    return v ? `${k}=${v.kind === "call" ? v.callee : v.kind === "str" || v.kind === "num" ? String(v.value) : v.kind}` : "";
  })];
  // GeneratedField(expression=..., output_field=models.IntegerField(), db_persist=True): the type is output_field's
  const generated = cls === "GeneratedField" ? (truthy(value.kwargs.get("db_persist")) === true ? "stored" : "virtual") : undefined;
  const outputField = generated ? value.kwargs.get("output_field") : undefined;
  const ownType = packageColumnType(value);
  const type = relation ? undefined : generated ? (outputField?.kind === "call" ? fieldType(outputField) : undefined) : ownType ? typeRef(ownType) : typedAs && fieldType(typedAs);
  const filled = effectiveDefault(filledAs, lastSegment(filledAs.callee), isNull);
  const field: DjangoField = {
    fieldClass: cls,
    column: dbColumn ?? (relation ? `${name}_id` : name),
    ...(dbColumn !== undefined ? { columnGiven: true as const } : {}),
    type,
    ...(generated ? { generated } : {}),
    ...(generated ? generatedExpression(value.kwargs.get("expression")) : {}),
    null: isNull,
    // a jsonb column of a package's Field class (StreamField with use_json_field=True) gets '' as JSON: '""'
    default: filled?.expr === "''" && type?.name === "jsonb" ? { expr: `'""'`, volatile: false } : filled,
    dbDefault: value.kwargs.has("db_default") ? dbDefault(value.kwargs.get("db_default")!) : undefined,
    unique: unique && !primaryKey,
    // ForeignKey and SlugField (a package's slug field, a project class extending one) index their column unless
    // db_index=False; a unique column is indexed by its constraint
    dbIndex: (dbIndexKw ?? (relation || indexedByDefault(filledAs.callee))) && !unique && !primaryKey,
    primaryKey,
    relation: relation
      ? { target, constraint: truthy(value.kwargs.get("db_constraint")) !== false, toField: asString(value.kwargs.get("to_field")), databaseOnDelete: databaseOnDelete(value), ...(truthy(value.kwargs.get("parent_link")) === true ? { parentLink: true } : {}) }
      : undefined,
    manyToMany: isManyToMany(cls)
      ? {
          through: value.kwargs.has("through") || RELATED_THROUGH_MODEL.has(cls) ? "set" : undefined,
          dbTable: asString(value.kwargs.get("db_table")),
          target: modelReference(targetValue),
          throughModel: modelReference(value.kwargs.get("through")),
        }
      : undefined,
    typeKey: typeKeyParts.join(","),
    text: value.text,
  };
  return field;
}

/**
 * What a ForeignKey to `settings.AUTH_USER_MODEL` references when the project's user model could not be read:
 * the setting itself, so messages and fixes name the swappable user model's table, never `auth_user` as fact.
 */
export const SWAPPABLE_USER_TABLE = "settings.AUTH_USER_MODEL";

/**
 * The table of a related model: `"app.Model"` -> `app_model`, `"Model"` / `"self"` -> in this app;
 * `settings.AUTH_USER_MODEL` -> the user model's table read from the project (`userTable`), else unknown.
 */
export function relatedTable(target: string, appLabel: string, selfModel: string, tableOf: (app: string, model: string) => string, userTable?: string): string | undefined {
  if (target === "self") return tableOf(appLabel, selfModel);
  if (target.includes("settings.")) return target.endsWith("AUTH_USER_MODEL") ? userTable : undefined;
  const dot = target.lastIndexOf(".");
  if (dot === -1) return tableOf(appLabel, target);
  return tableOf(target.slice(0, dot), target.slice(dot + 1));
}

/** The model's column for this field (a ManyToManyField has none). */
export function columnSpec(field: DjangoField, options: { references?: string; referencesSql?: string; withDefault: boolean; table?: string }): ColumnSpec {
  // the index Django's schema editor adds for db_index (a ForeignKey's by default), named by _create_index_name
  const frameworkIndex = field.dbIndex && options.table && !options.table.includes(".") ? djangoIndexName(options.table, [field.column], "") : undefined;
  return {
    ...(frameworkIndex ? { frameworkIndex } : {}),
    name: field.column,
    type: field.type,
    notNull: !field.null,
    default: field.dbDefault ?? (options.withDefault ? field.default : undefined),
    primaryKey: field.primaryKey,
    unique: field.unique,
    references: field.relation?.constraint && options.references ? { table: options.references, notValid: false, sql: options.referencesSql, ...(field.relation.toField ? {} : { toPrimaryKey: true }) } : undefined,
    check: false,
    serial: false,
    ...(field.generated ? { generated: field.generated } : {}),
    ...(field.generatedOrm ? { generatedOrm: field.generatedOrm } : {}),
  };
}
