/**
 * The FOREIGN KEY and CHECK constraints the earlier migrations of a folder define, by name, each with the
 * statement that adds it again (`ALTER TABLE t ADD CONSTRAINT name ...`): a down that must recreate a dropped
 * constraint writes it from here. Read from the SQL of CREATE TABLE and ALTER TABLE ... ADD CONSTRAINT (written in
 * a SQL migration or embedded in Ruby/Python), parsed with libpg-query and written back with pgsql-deparser.
 */
import type { Migration, Operation } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { lastBefore } from "./last-before.js";
import { KeysByTable, NameOrder } from "./keys-by-table.js";
import { deparse, parseOne } from "../rules/support/sql-text.js";
import type { PgNode } from "../adapters/sql/pg-parser.js";
import { postgresDefaultName } from "../rules/support/pg-names.js";
import { djangoIndexName } from "../adapters/python/django-foreign-key-sql.js";

export interface ConstraintDefinition {
  table: string;
  /** the columns it constrains (a FOREIGN KEY's own columns); dropping one drops the constraint */
  columns: string[];
  /** `ALTER TABLE t ADD CONSTRAINT name ...;`, runnable as it stands */
  sql: string;
}

/** A constraint of any kind the history follows, with what a rebuild of one of its columns needs. */
export interface KeyDefinition extends ConstraintDefinition {
  kind: "foreign_key" | "check" | "primary_key" | "unique";
  /** a FOREIGN KEY's referenced table and columns (none written: the referenced table's primary key) */
  references?: { table: string; columns: string[] };
  /** a FOREIGN KEY written ON DELETE CASCADE: a DELETE of referenced rows deletes the rows that reference them */
  onDeleteCascade?: boolean;
  /** a FOREIGN KEY's or CHECK's ADD CONSTRAINT as written, with NOT VALID: the same key added back without checking every row under the lock */
  notValidSql?: string;
  /** added NOT VALID and not validated since (VALIDATE CONSTRAINT): PostgreSQL proves nothing from it */
  notValid?: boolean;
  /** a CHECK's columns whose `IS NOT NULL` is the whole expression or one of its top-level AND terms: PostgreSQL 12+'s SET NOT NULL reads the valid CHECK instead of the table */
  notNullColumns?: string[];
}

const KINDS: Record<string, KeyDefinition["kind"]> = { CONSTR_FOREIGN: "foreign_key", CONSTR_CHECK: "check", CONSTR_PRIMARY: "primary_key", CONSTR_UNIQUE: "unique" };
const strings = (list: PgNode[] | undefined): string[] => (list ?? []).map((n) => n.String?.sval).filter((s): s is string => typeof s === "string");

/**
 * The columns an expression proves non-NULL the way PostgreSQL's SET NOT NULL reads a CHECK (weak implication: a
 * CHECK passes on NULL, so only `col IS NOT NULL` itself, alone or ANDed, proves it; `col > 0` does not).
 */
function notNullTerms(node: PgNode | undefined): string[] {
  const test = node?.NullTest;
  if (test) {
    const name = test.nulltesttype === "IS_NOT_NULL" && !test.argisrow ? (test.arg?.ColumnRef?.fields as PgNode[] | undefined)?.at(-1)?.String?.sval : undefined;
    return typeof name === "string" ? [name] : [];
  }
  const bool = node?.BoolExpr;
  return bool?.boolop === "AND_EXPR" ? (bool.args as PgNode[]).flatMap(notNullTerms) : [];
}

/** PostgreSQL's own name for an unnamed constraint (`orders_user_id_fkey`, `orders_pkey`, `orders_number_key`), shortened as PostgreSQL shortens it. */
function defaultName(table: string, kind: KeyDefinition["kind"], columns: readonly string[]): string | undefined {
  const label = kind === "primary_key" ? "pkey" : kind === "foreign_key" ? "fkey" : kind === "unique" ? "key" : undefined;
  // a primary key is named by its table alone (`orders_pkey`), whatever its columns
  return label && (kind === "primary_key" || columns.length) ? postgresDefaultName(table, kind === "primary_key" ? [] : columns, label) : undefined;
}

/** The distinct columns an expression reads, in the order PostgreSQL's pull_var_clause meets them. */
function readColumns(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) readColumns(n, out);
  else if (node && typeof node === "object") {
    const ref = (node as PgNode).ColumnRef;
    const name = (ref?.fields as PgNode[] | undefined)?.at(-1)?.String?.sval;
    if (typeof name === "string") {
      if (!out.includes(name)) out.push(name);
    } else for (const value of Object.values(node)) readColumns(value, out);
  }
  return out;
}

/**
 * The nodes a definition's ADD CONSTRAINT is written from (its `sql` is their deparse): a constraint the history
 * writes again (renamed, on a renamed table or column) starts from them, not from a parse of its `sql` (which
 * gives the same nodes, locations aside: the deparser writes what the parser reads back). Not to be changed.
 */
const writtenFrom = new WeakMap<KeyDefinition, { relation: PgNode; constraint: PgNode }>();

/**
 * `key` written again with its relation and constraint changed by `change` (names only), NOT VALID as the
 * history knew it; undefined when it does not write back.
 */
function rewrittenKey(key: KeyDefinition, change: (relation: PgNode, constraint: PgNode) => { relation: PgNode; constraint: PgNode } | undefined): KeyDefinition | undefined {
  let written: KeyDefinition | undefined;
  const from = writtenFrom.get(key) ?? parsedBack(key);
  const changed = from && change(from.relation, from.constraint);
  if (changed) {
    const { constraint } = changed;
    written = KINDS[constraint.contype as string] ? definition(changed.relation, constraint, strings(constraint.contype === "CONSTR_FOREIGN" ? constraint.fk_attrs : constraint.keys))?.definition : undefined;
  }
  if (!written) return undefined;
  // NOT VALID as the history knew it: validated since (its SQL still says NOT VALID), or a framework's its SQL leaves out
  if (key.notValid) written.notValid = true;
  else delete written.notValid;
  return written;
}

/** The relation and constraint of a definition's ADD CONSTRAINT, read back from its `sql` (a definition not written here). */
function parsedBack(definition: KeyDefinition): { relation: PgNode; constraint: PgNode } | undefined {
  const alter = parseOne(definition.sql)?.AlterTableStmt;
  const constraint = alter?.cmds?.[0]?.AlterTableCmd?.def?.Constraint;
  return alter?.relation && constraint ? { relation: alter.relation, constraint } : undefined;
}

/**
 * A key whose `sql` (not written yet, or written from its nodes: not replaced) cannot say INITIALLY DEFERRED, known
 * from its nodes without writing it: the deparser writes those words only for a constraint whose `initdeferred` is
 * set. A rule that asks every key of a table whether it is deferred (pending-trigger-events.ts) then writes none of
 * those that are not (issue #18). False when unknown: read the `sql`.
 */
export function writtenNotDeferred(definition: KeyDefinition): boolean {
  const from = writtenFrom.get(definition);
  return from !== undefined && Object.getOwnPropertyDescriptor(definition, "sql")?.get !== undefined && !from.constraint.initdeferred;
}

/** `copy` is written from the nodes `definition` is written from. */
function keepWrittenFrom(definition: KeyDefinition, copy: KeyDefinition): void {
  const from = writtenFrom.get(definition);
  if (from) writtenFrom.set(copy, from);
}

/**
 * `definition.sql` written by `write` when first read (or replaced by an assignment), in the place of the property
 * it replaces: the property order, and so every copy and comparison of the definition, stays as it was.
 */
function lazySql(definition: KeyDefinition, write: () => string | undefined): void {
  let sql: string | undefined;
  Object.defineProperty(definition, "sql", {
    enumerable: true,
    configurable: true,
    get: () => (sql ??= write() ?? ""),
    // on the object assigned to: a copy of the definition (its descriptors copied) has this setter too
    set(this: KeyDefinition, value: string) {
      Object.defineProperty(this, "sql", { value, enumerable: true, configurable: true, writable: true });
    },
  });
}

function definition(relation: PgNode, constraint: PgNode, columns: string[]): { name: string; definition: KeyDefinition; guessedName?: boolean } | undefined {
  const table = relation.relname as string;
  const kind = KINDS[constraint.contype as string];
  if (!kind || constraint.indexname) return undefined; // USING INDEX: its columns are the index's
  // an unnamed CHECK: PostgreSQL names it for its one column (`settings_id_check`), or the table alone when it reads several
  const checkName = kind === "check" && !constraint.conname ? postgresDefaultName(table, readColumns(constraint.raw_expr), "check") : undefined;
  const name = (constraint.conname as string | undefined) ?? checkName ?? defaultName(table, kind, columns);
  if (!name) return undefined;
  const own = kind === "foreign_key" ? { fk_attrs: columns.map((sval) => ({ String: { sval } })) } : kind === "primary_key" || kind === "unique" ? { keys: columns.map((sval) => ({ String: { sval } })) } : {};
  const written = (): string | undefined => {
    const sql = deparse({
      AlterTableStmt: {
        relation,
        cmds: [{ AlterTableCmd: { subtype: "AT_AddConstraint", def: { Constraint: { ...constraint, conname: name, ...own } }, behavior: "DROP_RESTRICT" } }],
        objtype: "OBJECT_TABLE",
      },
    });
    return sql ? `${sql};` : undefined;
  };
  const schema = relation.schemaname ? `${relation.schemaname}.` : "";
  // a CHECK's expression may hold a node the deparser refuses, and then the history does not follow the
  // constraint: written now. A key's ADD CONSTRAINT is names and lists only, which always write back: written when
  // first read (issue #18: the history defines every key of a folder, lemmy's hundreds; the fixes read a few).
  const eager = kind === "check" ? written() : undefined;
  if (kind === "check" && eager === undefined) return undefined;
  const out: KeyDefinition = { table: `${schema}${table}`, columns, sql: eager ?? "", kind };
  if (eager === undefined) lazySql(out, written);
  writtenFrom.set(out, { relation, constraint: { ...constraint, conname: name, ...own } });
  if (constraint.skip_validation === true) out.notValid = true;
  if (kind === "check") {
    const notNull = notNullTerms(constraint.raw_expr);
    if (notNull.length) out.notNullColumns = notNull;
  }
  if (kind === "foreign_key" || kind === "check") {
    // written when a fix first reads it: the history defines every key of a folder (lemmy's hundreds), the fixes that
    // add one back NOT VALID read a few
    let notValid: string | null | undefined;
    Object.defineProperty(out, "notValidSql", {
      enumerable: true,
      get: () => {
        if (notValid === undefined) {
          const written = deparse({
            AlterTableStmt: { relation, cmds: [{ AlterTableCmd: { subtype: "AT_AddConstraint", def: { Constraint: { ...constraint, conname: name, ...own, skip_validation: true, initially_valid: false } }, behavior: "DROP_RESTRICT" } }], objtype: "OBJECT_TABLE" },
          });
          notValid = written ? `${written};` : null;
        }
        return notValid ?? undefined;
      },
    });
  }
  if (kind === "foreign_key") {
    const target = constraint.pktable as PgNode;
    out.references = { table: `${target.schemaname ? `${target.schemaname}.` : ""}${target.relname}`, columns: strings(constraint.pk_attrs) };
    if (constraint.fk_del_action === "c") out.onDeleteCascade = true;
  }
  return checkName ? { name, definition: out, guessedName: true } : { name, definition: out };
}

/** The constraints of every kind a CREATE TABLE or ALTER TABLE (ADD CONSTRAINT, ADD COLUMN ... REFERENCES/UNIQUE/PRIMARY KEY) statement defines, by name. */
export function definedKeys(sql: string, options: { addColumn: boolean } = { addColumn: true }): Array<{ name: string; definition: KeyDefinition; guessedName?: boolean }> {
  const node = parseOne(sql);
  const out: Array<{ name: string; definition: KeyDefinition; guessedName?: boolean } | undefined> = [];
  const fromColumn = (relation: PgNode, column: PgNode) => {
    for (const c of column.constraints ?? []) if (KINDS[c.Constraint?.contype]) out.push(definition(relation, c.Constraint, [column.colname]));
  };
  const fromTable = (relation: PgNode, c: PgNode) => out.push(definition(relation, c, strings(c.contype === "CONSTR_FOREIGN" ? c.fk_attrs : c.keys)));
  const create = node?.CreateStmt;
  if (create?.relation) {
    for (const element of create.tableElts ?? []) {
      if (element.ColumnDef) fromColumn(create.relation, element.ColumnDef);
      else if (KINDS[element.Constraint?.contype]) fromTable(create.relation, element.Constraint);
    }
  }
  const alter = node?.AlterTableStmt;
  if (alter?.relation && alter.objtype === "OBJECT_TABLE") {
    for (const cmd of alter.cmds ?? []) {
      const c = cmd.AlterTableCmd;
      if (c?.subtype === "AT_AddConstraint" && KINDS[c.def?.Constraint?.contype]) fromTable(alter.relation, c.def.Constraint);
      else if (options.addColumn && c?.subtype === "AT_AddColumn" && c.def?.ColumnDef) fromColumn(alter.relation, c.def.ColumnDef);
    }
  }
  // a second unnamed CHECK of the same name gets a number from PostgreSQL (settings_check1): not followed
  const named = out.filter((d) => d !== undefined);
  return named.filter((d, i) => !(d.guessedName && named.slice(0, i).some((e) => e.name === d.name)));
}

/**
 * The constraints an operation's own text defines (definedKeys), read once per operation: the history and the down
 * rules (restored-constraints.ts) both read the statements of a folder, and each read parses and writes back every
 * constraint. Shared: the caller must not change them.
 */
const keysOfStatements = new WeakMap<Operation, ReadonlyArray<{ name: string; definition: KeyDefinition; guessedName?: boolean }>>();
export function keysOfStatement(op: Operation): ReadonlyArray<{ name: string; definition: KeyDefinition; guessedName?: boolean }> {
  let keys = keysOfStatements.get(op);
  if (!keys) keysOfStatements.set(op, (keys = definedKeys(op.text)));
  return keys;
}

/**
 * A constraint under a new name (ALTER TABLE ... RENAME CONSTRAINT): its ADD CONSTRAINT written again with that name,
 * so a later drop's down adds it back as it now is; NOT VALID until validated, as it was. Undefined when its SQL does
 * not write back.
 */
function renamedKey(definition: KeyDefinition, newName: string): KeyDefinition | undefined {
  return rewrittenKey(definition, (relation, constraint) => ({ relation, constraint: { ...constraint, conname: newName } }));
}

/**
 * A constraint of a renamed table, or a FOREIGN KEY that references one, written again for the table's new name
 * (`from` -> `to` wherever its statement names the table), under `name`; NOT VALID as the history knew it.
 * Undefined when its SQL does not write back.
 */
function retabledKey(definition: KeyDefinition, from: string, to: string, name: string): KeyDefinition | undefined {
  const renamed = (relation: PgNode | undefined) => (relation && !relation.schemaname && nameKey(relation.relname as string) === nameKey(from) ? { ...relation, relname: to } : relation);
  return rewrittenKey(definition, (relation, constraint) => {
    const pktable = renamed(constraint.pktable);
    return { relation: renamed(relation)!, constraint: { ...constraint, conname: name, ...(pktable ? { pktable } : {}) } };
  });
}

/**
 * A FOREIGN KEY one of whose columns (its own, on `table`, or the one it references there) was renamed: PostgreSQL
 * and MySQL keep the key, name and all, on the column's new name (content-tagger renames tagging_spreadsheet_id to
 * tagging_source_id, whose key a later remove_foreign_key ..., column: :tagging_source_id drops). Its ADD CONSTRAINT
 * written again with `to` for `from`; undefined when its SQL does not write back.
 */
function recolumnedKey(definition: KeyDefinition, table: string, from: string, to: string): KeyDefinition | undefined {
  const renamedIn = (relation: PgNode | undefined, columns: PgNode[] | undefined) =>
    relation && nameKey(relation.relname as string) === nameKey(table.split(".").pop() ?? table)
      ? (columns ?? []).map((c) => (nameKey(c.String?.sval ?? "") === nameKey(from) ? { String: { sval: to } } : c))
      : columns;
  return rewrittenKey(definition, (relation, constraint) => {
    if (constraint.contype !== "CONSTR_FOREIGN") return undefined;
    const fk_attrs = renamedIn(relation, constraint.fk_attrs);
    const pk_attrs = renamedIn(constraint.pktable, constraint.pk_attrs);
    return { relation, constraint: { ...constraint, fk_attrs, ...(pk_attrs ? { pk_attrs } : {}) } };
  });
}

/** The FOREIGN KEY and CHECK constraints a CREATE TABLE or ALTER TABLE ... ADD CONSTRAINT statement defines, by name. */
export function definedConstraints(sql: string): Array<{ name: string; definition: ConstraintDefinition }> {
  return definedKeys(sql, { addColumn: false })
    .filter((d) => d.definition.kind === "foreign_key" || d.definition.kind === "check")
    .map(({ name, definition: { table, columns, sql } }) => ({ name, definition: { table, columns, sql } }));
}

/**
 * The constraints a framework call defines (Rails add_foreign_key, t.references ... foreign_key: true), as the SQL
 * the adapter wrote for them when it knew every option: the call itself is not SQL.
 */
export function frameworkSql(op: Operation): string[] {
  if (op.embeddedSql) return [];
  const sql =
    op.kind === "add_constraint" ? [op.sql] : op.kind === "add_column" ? [op.column.references?.sql] : op.kind === "create_table" ? [...op.columns.map((c) => c.references?.sql), ...op.constraints.map((c) => c.sql)] : [];
  return sql.filter((s): s is string => s !== undefined);
}

/** `name`: as the definition spelled it (a quoted "Ticket_clientId_fkey" keeps its case; the key folds it) */
type Timeline = Array<{ position: number; definition: KeyDefinition | undefined; name: string }>;

const keyOf = (table: string, name: string) => `${nameKey(table.split(".").pop() ?? table)}\u0000${nameKey(name)}`;
const nameOf = (key: string) => key.slice(key.indexOf("\u0000") + 1);
const includes = (columns: readonly string[], column: string) => columns.some((c) => nameKey(c) === nameKey(column));

type Named = { name: string; definition: KeyDefinition };

/**
 * The constraints the migrations of a set recorded so far leave (each name's last definition, when defined), found
 * by the tables they touch: a DROP TABLE or DROP COLUMN reads those of its table, not every live constraint (lemmy's
 * 700 migrations drop columns hundreds of times, over hundreds of constraints).
 */
class LiveConstraints {
  private readonly byKey = new Map<string, Named>();
  /** table (nameKey) -> keys of the constraints on it or referencing it */
  private readonly byTable = new Map<string, Set<string>>();

  private static tables(definition: KeyDefinition): string[] {
    return definition.references ? [nameKey(definition.table), nameKey(definition.references.table)] : [nameKey(definition.table)];
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): Named | undefined {
    return this.byKey.get(key);
  }

  set(key: string, named: Named): void {
    this.delete(key);
    this.byKey.set(key, named);
    for (const table of LiveConstraints.tables(named.definition)) {
      const keys = this.byTable.get(table);
      if (keys) keys.add(key);
      else this.byTable.set(table, new Set([key]));
    }
  }

  delete(key: string): void {
    const named = this.byKey.get(key);
    if (!named) return;
    this.byKey.delete(key);
    for (const table of LiveConstraints.tables(named.definition)) this.byTable.get(table)?.delete(key);
  }

  /** Those on or referencing any of `tables` (nameKey), as a copy: the drops that read it change the index. */
  touching(tables: Iterable<string>): Named[] {
    const keys = new Set<string>();
    for (const table of tables) for (const key of this.byTable.get(table) ?? []) keys.add(key);
    return [...keys].map((key) => this.byKey.get(key)!);
  }
}

/** A set's constraint keys by the table each was ever on, and by the table each ever referenced. */
class TableKeys {
  private readonly order = new NameOrder();
  readonly on = new KeysByTable(this.order);
  readonly referencing = new KeysByTable(this.order);

  /** A name the set meets (defined, or dropped before any definition). */
  named(key: string): void {
    this.order.met(key);
  }

  defined(key: string, definition: KeyDefinition): void {
    this.on.add(nameKey(definition.table), key);
    if (definition.references) this.referencing.add(nameKey(definition.references.table), key);
  }
}

/** Per migration set, each constraint name's definitions in position order (undefined once dropped). */
export class ConstraintHistory {
  private readonly sets = new Map<string, Map<string, Timeline>>();
  /** per set, the constraints the migrations recorded so far leave */
  private readonly live = new Map<string, LiveConstraints>();
  /** per set, the keys of the constraints ever defined on each table and ever referencing it (TableKeys) */
  private readonly tables = new Map<string, TableKeys>();

  /**
   * per set, the migrations given to record() in position order and how many of them are recorded: each is read
   * when a question first reaches past it, so a lone migration's (one-file lint: nothing is asked before it) never is
   */
  private readonly pending = new Map<string, { migrations: Array<{ position: number; migration: Migration }>; recorded: number }>();

  /** The migration at `position` of `set` (positions given in order), read when a question reaches past it. */
  record(set: string, position: number, migration: Migration): void {
    const queue = this.pending.get(set);
    if (queue) queue.migrations.push({ position, migration });
    else this.pending.set(set, { migrations: [{ position, migration }], recorded: 0 });
  }

  /** Record, in order, the migrations of `set` before `position` not recorded yet. */
  private recordBefore(set: string, position: number): void {
    const queue = this.pending.get(set);
    if (!queue) return;
    while (queue.recorded < queue.migrations.length && queue.migrations[queue.recorded].position < position) {
      const next = queue.migrations[queue.recorded++];
      this.recordNow(set, next.position, next.migration);
    }
  }

  /** What the up of the migration at `position` of `set` does to constraints. */
  private recordNow(set: string, position: number, migration: Migration): void {
    const byName = this.sets.get(set) ?? new Map<string, Timeline>();
    this.sets.set(set, byName);
    const live = this.live.get(set) ?? new LiveConstraints();
    this.live.set(set, live);
    const keysByTable = this.tables.get(set) ?? new TableKeys();
    this.tables.set(set, keysByTable);
    // constraint names are unique per table only (two tables may each have fk_user_id): kept by table and name
    const put = (table: string, name: string, definition: KeyDefinition | undefined) => {
      const k = keyOf(table, name);
      const list = byName.get(k);
      if (list) list.push({ position, definition, name });
      else {
        byName.set(k, [{ position, definition, name }]);
        keysByTable.named(k);
      }
      if (definition) {
        live.set(k, { name, definition });
        keysByTable.defined(k, definition);
      } else live.delete(k);
    };
    const touching = (tables: Iterable<string>) => live.touching(tables);
    const taken = (table: string, name: string) => live.has(keyOf(table, name));
    const current = (table: string, name: string) => live.get(keyOf(table, name));
    const validated = (table: string, name: string): Named | undefined => {
      const named = live.get(keyOf(table, name));
      if (!named?.definition.notValid) return undefined;
      const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(named.definition)) as KeyDefinition;
      delete copy.notValid;
      keepWrittenFrom(named.definition, copy);
      return { name: named.name, definition: copy };
    };
    // a statement of several sub-commands gives one op each, with the statement's text: read each text once
    let lastText: string | undefined;
    for (const op of migration.up) {
      const reread = op.text !== lastText;
      lastText = op.text;
      this.apply(op, put, touching, taken, validated, current, reread);
    }
  }

  private apply(
    op: Operation,
    put: (table: string, name: string, definition: KeyDefinition | undefined) => void,
    touching: (tables: Iterable<string>) => Named[],
    taken: (table: string, name: string) => boolean,
    validated: (table: string, name: string) => Named | undefined,
    current: (table: string, name: string) => Named | undefined,
    reread: boolean,
  ): void {
    if ((op.kind === "create_table" && !op.temporary && !op.asSelect) || op.kind === "add_constraint" || (op.kind === "add_column" && !op.embeddedSql)) {
      // an unnamed CHECK whose name the table already has is numbered by PostgreSQL (settings_check1): not followed
      if (reread) for (const { name, definition, guessedName } of keysOfStatement(op)) if (!(guessedName && taken(definition.table, name))) put(definition.table, name, definition);
      for (const sql of frameworkSql(op))
        for (const { name, definition } of definedKeys(sql)) {
          // a framework's NOT VALID may be an option its SQL leaves out (Alembic's postgresql_not_valid, Django's AddConstraintNotValid)
          if (op.kind === "add_constraint" && op.notValid) definition.notValid = true;
          put(definition.table, name, definition);
        }
    } else if (op.kind === "drop_constraint" && op.name) put(op.table, op.name, undefined);
    else if (op.kind === "drop_constraint" && op.referencesTable) {
      // Rails' remove_foreign_key by its target alone, not named (adapters/rails/removed-foreign-keys.ts): the one key
      // of the table that references it, when exactly one does
      const from = nameKey(op.table);
      const to = nameKey(op.referencesTable);
      const fits = touching([from]).filter(({ definition: d }) => d.kind === "foreign_key" && nameKey(d.table) === from && d.references !== undefined && nameKey(d.references.table) === to);
      if (fits.length === 1) put(fits[0].definition.table, fits[0].name, undefined);
    }
    else if (op.kind === "validate_constraint" && op.name) {
      // the same constraint, valid from here on (a copy: the earlier positions keep it NOT VALID)
      const named = validated(op.table, op.name);
      if (named) put(named.definition.table, named.name, named.definition);
    }
    else if (op.kind === "rename_object" && (op.objectType === "constraint" || op.objectType === "index") && op.table !== undefined) {
      // the same constraint under its new name (a UNIQUE or PRIMARY KEY also through its index, which PostgreSQL renames with it)
      const named = current(op.table, op.name);
      if (!named || (op.objectType === "index" && named.definition.kind !== "unique" && named.definition.kind !== "primary_key")) return;
      const renamed = renamedKey(named.definition, op.newName);
      put(named.definition.table, named.name, undefined);
      if (renamed) put(renamed.table, op.newName, renamed);
    }
    else if (op.kind === "rename_table") {
      // a renamed table's constraints keep their names, on the table of the new name, and a FOREIGN KEY that
      // references it references it under that name (Django's RenameModel adds those again under its own name for
      // the new table); one whose statement cannot be written again for the new name is no longer followed
      const from = nameKey(op.table);
      for (const { name, definition } of touching([from])) {
        const on = nameKey(definition.table) === from;
        const to = on ? op.newName : definition.table;
        const djangoName = !on && op.renamesReferencingKeys && definition.kind === "foreign_key" && definition.references?.columns.length === 1 && !definition.table.includes(".")
          ? djangoIndexName(definition.table, definition.columns, `_fk_${op.newName}_${definition.references.columns[0]}`)
          : undefined;
        put(definition.table, name, undefined);
        const moved = retabledKey(definition, op.table, op.newName, djangoName ?? name);
        if (moved) put(to, djangoName ?? name, moved);
      }
    } else if (op.kind === "drop_table") {
      // a constraint goes with its table, and a FOREIGN KEY with the table it references (DROP TABLE ... CASCADE, or the drop fails)
      const gone = new Set(op.tables.map(nameKey));
      for (const { name, definition } of touching(gone)) if (gone.has(nameKey(definition.table)) || (definition.references && gone.has(nameKey(definition.references.table)))) put(definition.table, name, undefined);
    } else if (op.kind === "drop_column" || op.kind === "rename_column") {
      for (const { name, definition } of touching([nameKey(op.table)]))
        if (
          (nameKey(definition.table) === nameKey(op.table) && includes(definition.columns, op.column)) ||
          (definition.references && nameKey(definition.references.table) === nameKey(op.table) && includes(definition.references.columns, op.column))
        ) {
          // a renamed column keeps its FOREIGN KEYs (the others are not followed through a rename)
          const kept = op.kind === "rename_column" && definition.kind === "foreign_key" ? recolumnedKey(definition, op.table, op.column, op.newName) : undefined;
          put(definition.table, name, kept);
        }
    }
  }

  /** The FOREIGN KEY, CHECK or UNIQUE constraint `name` as the migrations of `set` before `position` leave it. */
  before(set: string, position: number, name: string, table?: string): ConstraintDefinition | undefined {
    this.recordBefore(set, position);
    // the key (or the name) worked out once, not once per constraint of the folder
    const wanted = table !== undefined ? keyOf(table, name) : nameKey(name);
    for (const [k, list] of this.sets.get(set) ?? []) {
      if ((table !== undefined ? k : nameOf(k)) !== wanted) continue;
      const found = lastBefore(list, position, (e) => e.definition);
      if (found && (found.kind === "foreign_key" || found.kind === "check" || found.kind === "unique")) return { table: found.table, columns: found.columns, sql: found.sql };
    }
    return undefined;
  }

  /** Every constraint on `table` (PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK), as the migrations of `set` before `position` leave them. */
  onTable(set: string, position: number, table: string): Array<{ name: string; definition: KeyDefinition }> {
    this.recordBefore(set, position);
    const tableKey = nameKey(table);
    return this.liveOf(set, position, this.tables.get(set)?.on.of(tableKey), (definition) => nameKey(definition.table) === tableKey);
  }

  /**
   * The constraints on `table` that read `column` (its PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK constraints), and
   * the FOREIGN KEYs of any table that reference it, as the migrations of `set` before `position` leave them.
   */
  onColumn(set: string, position: number, table: string, column: string): { own: Array<{ name: string; definition: KeyDefinition }>; referencing: Array<{ name: string; definition: KeyDefinition }> } {
    this.recordBefore(set, position);
    const tableKey = nameKey(table);
    const onTable = this.onTable(set, position, table);
    let primaryKey: string[] | undefined;
    const primary = () => (primaryKey ??= onTable.find((c) => c.definition.kind === "primary_key")?.definition.columns ?? []);
    const referencing = this.liveOf(set, position, this.tables.get(set)?.referencing.of(tableKey), (definition) => definition.references !== undefined && nameKey(definition.references.table) === tableKey);
    return {
      own: onTable.filter((c) => includes(c.definition.columns, column)),
      referencing: referencing.filter((c) => includes(c.definition.references!.columns.length ? c.definition.references!.columns : primary(), column)),
    };
  }

  /** Of `keys` (in the set's order of names), each constraint's definition before `position` that `wanted` accepts. */
  private liveOf(set: string, position: number, keys: readonly string[] | undefined, wanted: (definition: KeyDefinition) => boolean): Named[] {
    const byName = this.sets.get(set);
    const out: Named[] = [];
    if (!keys || !byName) return out;
    for (const k of keys) {
      const found = lastBefore(byName.get(k), position, (e) => e.definition && { name: e.name, definition: e.definition });
      if (found && wanted(found.definition)) out.push(found);
    }
    return out;
  }
}
