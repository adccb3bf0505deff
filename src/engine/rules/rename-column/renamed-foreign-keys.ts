/**
 * The foreign keys of a column being renamed by expand and contract, read from the schema state the earlier
 * migrations leave: the new column beside it must reference the same rows (document.uploader_id -> role.id gives
 * role_id the same key), or the rename silently drops the key. Single-column keys only: a composite key names
 * other columns the new one does not replace.
 */
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { derivedName, ident } from "../support/fix.js";
import { freePostgresName } from "../support/pg-names.js";

export interface RenamedForeignKey {
  table: string;
  /** the referenced columns; empty: the referenced table's primary key */
  columns: string[];
}

/** What the fix can carry: the keys, and the ones it cannot name said in words (comments), never guessed. */
export interface RenamedColumnKeys {
  keys: RenamedForeignKey[];
  unknown: string[];
}

/**
 * The referenced column `column` of `table` (its name now) under the name this migration's renames before
 * `up[index]` gave it; undefined once dropped, or when an earlier migration renamed or dropped it (the history
 * follows `table`'s columns and has none of that name): a key on it cannot be written from what was read.
 */
function referencedColumnNow(ctx: RuleContext, written: string, column: string, index: number): string | undefined {
  // when this migration starts: a table the history saw created has its columns followed there
  const atStart = ctx.repository.tableName(written, 0);
  if (atStart === undefined || (ctx.repository.tableBirth(atStart) !== undefined && !ctx.repository.columnType(atStart, column))) return undefined;
  let name: string | undefined = column;
  ctx.migration.up.slice(0, index).forEach((o, i) => {
    if (name === undefined || (o.kind !== "rename_column" && o.kind !== "drop_column")) return;
    const table = ctx.repository.tableName(written, i);
    if (table !== undefined && nameKey(o.table) === nameKey(table) && nameKey(o.column) === nameKey(name)) name = o.kind === "rename_column" ? o.newName : undefined;
  });
  return name;
}

/**
 * The primary key columns of `table` (its name now) as the earlier migrations define it: a PRIMARY KEY constraint
 * they added, else the one its create_table declared (Rails' implicit id), its columns still there; undefined when
 * they do not say.
 */
function primaryKeyOf(ctx: RuleContext, table: string, index: number): string[] | undefined {
  const start = ctx.repository.tableAtStart(table, index);
  const added = ctx.repository.tableKeys(start).find((k) => k.definition.kind === "primary_key")?.definition.columns;
  if (added?.length) return added;
  const created = ctx.repository.grownTableDefinition(start)?.create;
  const declared = created?.constraints.find((c) => c.type === "primary_key")?.columns;
  const columns = declared?.length ? declared : created?.columns.filter((c) => c.primaryKey).map((c) => c.name);
  return columns?.length && columns.every((c) => ctx.repository.columnType(table, c, index) !== undefined) ? columns : undefined;
}

/**
 * The keys of `table`.`column` as `up[index]` renames it to `newName`. What the history knows of the table is under
 * the name it had when this migration started (lemmy's 000076 renames user_ban to person_ban, then its user_id), and
 * a key names the referenced table and columns as its migration wrote them: followed to the names they have now
 * (user_ renamed to person after comment_like.user_id referenced it), left out when the table was dropped since (its
 * keys went with it), said to be unknown when a referenced column was renamed or dropped by an earlier migration, or
 * when an earlier migration renamed the table itself and the keys the history followed across the rename are none.
 */
export function renamedColumnForeignKeys(ctx: RuleContext, op: { table: string; column: string; newName: string }, index: number): RenamedColumnKeys {
  const { table, column } = op;
  const written: RenamedForeignKey[] = [];
  const own = (columns: readonly string[]) => columns.length === 1 && nameKey(columns[0]) === nameKey(column);
  const start = ctx.repository.tableAtStart(table, index);
  // REFERENCES written with the column (SQL, Rails foreign_key: true)
  const references = ctx.repository.columnDefinition(start, column)?.references;
  if (references) written.push({ table: references.table, columns: references.column ? [references.column] : [] });
  // a table-level key of the create_table that defines the table (Alembic's sa.ForeignKeyConstraint, sa.ForeignKey)
  for (const c of ctx.repository.tableDefinition(start)?.constraints ?? []) if (c.type === "foreign_key" && own(c.columns) && c.references) written.push({ table: c.references.table, columns: c.references.columns });
  // one added since (ADD CONSTRAINT, op.create_foreign_key, add_foreign_key)
  // (the history follows a key across a rename of its table: then what it knew is here)
  let followed = false;
  for (const { definition } of ctx.repository.columnKeys(start, column).own)
    if (definition.kind === "foreign_key" && own(definition.columns) && definition.references) {
      written.push(definition.references);
      followed = true;
    }
  const keys: RenamedForeignKey[] = [];
  const unknown: string[] = [];
  const from = ctx.repository.tableRenamedFrom(start);
  if (from && !followed) unknown.push(`not known: the foreign keys ${column} had before an earlier migration renamed ${from} to ${start} (migguard does not follow them across the rename): give ${op.newName} the same ones`);
  for (const key of written) {
    const now = ctx.repository.tableName(key.table, index);
    if (now === undefined) continue;
    const columns = key.columns.map((c) => referencedColumnNow(ctx, key.table, c, index));
    if (columns.some((c) => c === undefined)) {
      unknown.push(`not known: ${column}'s foreign key to ${key.table} (${key.columns.join(", ")}), a column renamed or dropped since: give ${op.newName} the key ${column} has now`);
      continue;
    }
    const named = { table: now, columns: columns as string[] };
    // one key, read twice (Rails' t.belongs_to foreign_key: true is the column's REFERENCES and the key added with it):
    // no columns name the referenced table's primary key
    const referenced = (k: RenamedForeignKey) => (k.columns.length ? k.columns : (primaryKeyOf(ctx, k.table, index) ?? [])).map(nameKey).join();
    if (!keys.some((k) => nameKey(k.table) === nameKey(named.table) && referenced(k) === referenced(named))) keys.push(named);
  }
  return { keys, unknown: [...new Set(unknown)] };
}

/**
 * The keys as SQL on the new column: added NOT VALID (no scan while old and new code run), validated once it is
 * filled. Each takes PostgreSQL's name for it unless `taken` says the schema (or a later statement of the migration:
 * lemmy's 000076 renames user_aggregates_user_id_fkey to person_aggregates_person_id_fkey) holds it: then the name
 * numbered, as PostgreSQL numbers a constraint name in use.
 */
export function renamedForeignKeySql(table: string, to: string, keys: readonly RenamedForeignKey[], taken: (name: string) => boolean = () => false): { add: string[]; validate: string[] } {
  const preferred = keys.map((_, i) => derivedName(table, [to], keys.length > 1 ? `fkey${i + 1}` : "fkey"));
  const chosen: string[] = [];
  const used = (n: string) => taken(n) || [...preferred, ...chosen].some((c) => nameKey(c) === nameKey(n));
  for (const name of preferred) chosen.push(taken(name) ? freePostgresName(table, [to], "fkey", used) : name);
  const named = keys.map((key, i) => ({ key, name: chosen[i]! }));
  return {
    add: named.map(({ key, name }) => `ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${ident(to)}) REFERENCES ${ident(key.table)}${key.columns.length ? ` (${key.columns.map(ident).join(", ")})` : ""} NOT VALID;`),
    validate: named.map(({ name }) => `ALTER TABLE ${ident(table)} VALIDATE CONSTRAINT ${ident(name)};`),
  };
}
