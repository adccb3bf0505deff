/**
 * What the contract's DROP COLUMN of a column renamed by expand and contract depends on, moved to the new column
 * first: the FOREIGN KEYs of other tables (or of the table itself) that reference the column make DROP COLUMN fail
 * ("cannot drop column ... because other objects depend on it"), and DROP COLUMN takes the column's PRIMARY KEY and
 * UNIQUE constraints with it. Read from the earlier migrations (columnKeys), each moves without a long lock: a unique
 * index over the new column built CONCURRENTLY once it is filled; each key added again on the new column NOT VALID
 * under a temporary name (both keys hold while old and new code run, the trigger keeps the columns equal); in the
 * contract validated, the old key dropped and the new one given its name; after DROP COLUMN the PRIMARY KEY and UNIQUE
 * constraints attached to their indexes (USING INDEX). What the history cannot tell is said, never guessed.
 */
import type { OperationOf } from "../../model.js";
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { ident, sqlString } from "../support/fix.js";
import { freePostgresName, postgresDefaultName, temporaryName } from "../support/pg-names.js";
import { foreignKeyRetargeted } from "../support/sql-text.js";
import { carriedIndexes } from "./carried-indexes.js";

export interface MovedKeyReferences {
  /** the column is (part of) the PRIMARY KEY: the new column must be NOT NULL before the key is attached to it */
  inPrimaryKey: boolean;
  /** CREATE [UNIQUE] INDEX CONCURRENTLY over the new column, once it is filled: what the moved keys and constraints need, and the column's own indexes (carried-indexes.ts) */
  indexes: Array<{ name: string; sql: string }>;
  /** the referencing FOREIGN KEYs on the new column, NOT VALID, once its unique index is there: each on `table` under the temporary `name` */
  add: Array<{ table: string; name: string; sql: string }>;
  /** the contract, before DROP COLUMN: each moved key validated, the old one dropped, the new one renamed to its name */
  beforeDrop: string[];
  /** the contract, after DROP COLUMN: the PRIMARY KEY and UNIQUE constraints on the new column's indexes */
  afterDrop: string[];
  /** comment lines: what the history does not tell */
  unknown: string[];
}

const same = (a: string, b: string) => nameKey(a) === nameKey(b);

/** The migration drops the constraint `name` of `table` before `up[index]`: nothing to move. */
const droppedBefore = (ctx: RuleContext, table: string, name: string, index: number) =>
  ctx.migration.up.slice(0, index).some((o) => o.kind === "drop_constraint" && o.name !== undefined && same(o.name, name) && same(o.table, table));

/**
 * The name a constraint of the earlier migrations has once this migration ran: ALTER TABLE ... RENAME CONSTRAINT
 * renames it, and so does ALTER INDEX ... RENAME of its index (PostgreSQL renames the constraint with its index).
 * The contract runs after the whole migration, so every rename of it counts.
 */
function nameAfterMigration(ctx: RuleContext, name: string): string {
  let current = name;
  for (const o of ctx.migration.up) if (o.kind === "rename_object" && (o.objectType === "index" || o.objectType === "constraint") && same(o.name, current)) current = o.newName;
  return current;
}

/**
 * The index and constraint names the schema holds once this migration ran, as far as the history and the
 * migration tell: a new unique index must not take one ("relation ... already exists"), nor a name the
 * migration gave (its CREATE INDEX, ADD CONSTRAINT and renames) though the history no longer shows it there.
 */
export function takenNames(ctx: RuleContext, start: string): (name: string) => boolean {
  const given = new Set<string>();
  for (const o of ctx.migration.up) {
    if ((o.kind === "add_index" || o.kind === "add_constraint") && o.name) given.add(nameKey(o.name));
    if (o.kind === "rename_object") given.add(nameKey(o.newName));
    if (o.kind === "create_table" || o.kind === "rename_table") given.add(nameKey(o.kind === "create_table" ? o.table : o.newName));
  }
  for (const k of ctx.repository.tableKeys(start)) given.add(nameKey(k.name));
  const end = ctx.migration.up.length;
  return (name) => given.has(nameKey(name)) || ctx.repository.indexTable(name, end) !== undefined;
}

export function movedKeyReferences(ctx: RuleContext, op: OperationOf<"rename_column">, index: number): MovedKeyReferences {
  const start = ctx.repository.tableAtStart(op.table, index);
  const keys = ctx.repository.columnKeys(start, op.column);
  const definition = ctx.repository.columnDefinition(start, op.column);
  const out: MovedKeyReferences = { inPrimaryKey: false, indexes: [], add: [], beforeDrop: [], afterDrop: [], unknown: [] };
  const t = ident(op.table);
  const moved = (columns: readonly string[]) => columns.map((c) => (same(c, op.column) ? op.newName : c));
  // one unique index per column set, shared by a constraint and the keys that reference the same columns
  const built = new Map<string, string>();
  const taken = takenNames(ctx, start);
  // the table's own PRIMARY KEY and UNIQUE constraints over the column; a framework's primary key (Rails' id,
  // sa.PrimaryKeyConstraint) is in no SQL the history read: under its name, else PostgreSQL's for one declared inline
  const own = keys.own.filter((k) => (k.definition.kind === "primary_key" || k.definition.kind === "unique") && !droppedBefore(ctx, start, k.name, index));
  const declared = ctx.repository.tableDefinition(start)?.constraints.find((c) => c.type === "primary_key" && c.columns.some((col) => same(col, op.column)));
  if ((definition?.primaryKey || declared) && !keys.own.some((k) => k.definition.kind === "primary_key")) {
    const name = declared?.name ?? postgresDefaultName(start, [], "pkey");
    own.unshift({ name, definition: { kind: "primary_key", table: start, columns: declared?.columns.length ? declared.columns : [op.column], sql: "" } });
    if (!declared?.name && ctx.framework === "alembic")
      out.unknown.push(`the primary key is attached as ${name}, PostgreSQL's name for a key declared inline: if the project names its keys otherwise (a naming convention), use that name`);
  }
  const primaryKey = own.find((k) => k.definition.kind === "primary_key")?.definition.columns;
  // the column's other indexes, which DROP COLUMN takes with it: built again on the new column
  const carried = carriedIndexes(ctx, op, index, start, keys.indexes, new Set(own.map((k) => nameKey(k.name))), taken);
  // a unique index of the column carried over under its final name serves the keys that reference the same columns
  const carriedUnique = new Map(carried.indexes.filter((i) => i.unique && !i.temporary).map((i) => [i.columns.map(nameKey).join(","), i.name]));
  const carriedNames = carried.indexes.map((i) => i.name);
  const uniqueIndex = (columns: readonly string[], forConstraint = false) => {
    const over = moved(columns);
    const set = over.map(nameKey).join(",");
    let name = built.get(set) ?? (forConstraint ? undefined : carriedUnique.get(set));
    if (name === undefined) {
      name = freePostgresName(op.table, over, "key", (n) => taken(n) || [...built.values(), ...carriedNames].some((b) => same(b, n)));
      built.set(set, name);
      out.indexes.push({ name, sql: `CREATE UNIQUE INDEX CONCURRENTLY ${ident(name)} ON ${t} (${over.map(ident).join(", ")});` });
    }
    return name;
  };
  out.indexes.push(...carried.indexes.map(({ name, sql }) => ({ name, sql })));
  out.unknown.push(...carried.unknown);
  for (const { name, definition: key } of own) {
    out.inPrimaryKey ||= key.kind === "primary_key";
    const index = uniqueIndex(key.columns, true);
    // DROP COLUMN took the constraint, and its name with it: the one it had when this migration ended
    out.afterDrop.push(`ALTER TABLE ${t} ADD CONSTRAINT ${ident(nameAfterMigration(ctx, name))} ${key.kind === "primary_key" ? "PRIMARY KEY" : "UNIQUE"} USING INDEX ${ident(index)};`);
  }
  for (const { name: earlierName, definition: key } of keys.referencing) {
    const name = nameAfterMigration(ctx, earlierName);
    // a key from the column to itself goes with it
    if (same(key.table, start) && key.columns.some((c) => same(c, op.column))) continue;
    const from = ctx.repository.tableName(key.table, index);
    if (from === undefined || droppedBefore(ctx, from, name, index)) continue;
    const referenced = key.references?.columns.length ? key.references.columns : (primaryKey ?? [op.column]);
    const temporary = temporaryName(`${name}_new`);
    const sql = key.notValidSql && foreignKeyRetargeted(key.notValidSql, { from, name: temporary, references: { table: op.table, columns: moved(referenced) } });
    if (!sql) {
      out.unknown.push(`the FOREIGN KEY ${name} of ${from} references ${op.column} and could not be written again: move it to ${op.newName} (NOT VALID, then VALIDATE CONSTRAINT) and drop it before DROP COLUMN`);
      continue;
    }
    uniqueIndex(referenced);
    out.add.push({ table: from, name: temporary, sql });
    out.beforeDrop.push(`ALTER TABLE ${ident(from)} VALIDATE CONSTRAINT ${ident(temporary)};`, `ALTER TABLE ${ident(from)} DROP CONSTRAINT ${ident(name)};`, `ALTER TABLE ${ident(from)} RENAME CONSTRAINT ${ident(temporary)} TO ${ident(name)};`);
  }
  // after the constraints are attached to their indexes: the carried indexes take their old names
  out.afterDrop.push(...carried.afterDrop);
  // a key column whose table the earlier migrations do not show whole (not created in them as SQL) may have
  // referencing keys the history never read
  const keyColumn = own.length > 0 || Boolean(definition?.unique) || keys.indexes.some((i) => i.unique);
  if (keyColumn && (!keys.followed || ctx.framework !== "sql"))
    out.unknown.push(
      `not known: whether FOREIGN KEYs the earlier migrations do not show reference ${op.column} (${op.table} was not created in them as SQL; list them: SELECT conrelid::regclass, conname FROM pg_constraint WHERE confrelid = ${sqlString(op.table)}::regclass): DROP COLUMN fails while one does, so move each to ${op.newName} before it (added NOT VALID, validated, the old one dropped)`,
    );
  return out;
}
