/**
 * The foreign keys of a column being renamed by expand and contract, read from the schema state the earlier
 * migrations leave: the new column beside it must reference the same rows (document.uploader_id -> role.id gives
 * role_id the same key), or the rename silently drops the key. Single-column keys only: a composite key names
 * other columns the new one does not replace.
 */
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import { derivedName, ident } from "../support/fix.js";

export interface RenamedForeignKey {
  table: string;
  /** the referenced columns; empty: the referenced table's primary key */
  columns: string[];
}

/**
 * The keys of `table`.`column` as `up[index]` renames it. What the history knows of the table is under the name it
 * had when this migration started (lemmy's 000076 renames user_ban to person_ban, then its user_id), and a key names
 * the referenced table as its migration wrote it: followed to the name that table has now (user_ renamed to person
 * after comment_like.user_id referenced it), left out when it was dropped since (its keys went with it).
 */
export function renamedColumnForeignKeys(ctx: RuleContext, table: string, column: string, index: number): RenamedForeignKey[] {
  const written: RenamedForeignKey[] = [];
  const own = (columns: readonly string[]) => columns.length === 1 && nameKey(columns[0]) === nameKey(column);
  const start = ctx.repository.tableAtStart(table, index);
  // REFERENCES written with the column (SQL, Rails foreign_key: true)
  const references = ctx.repository.columnDefinition(start, column)?.references;
  if (references) written.push({ table: references.table, columns: references.column ? [references.column] : [] });
  // a table-level key of the create_table that defines the table (Alembic's sa.ForeignKeyConstraint, sa.ForeignKey)
  for (const c of ctx.repository.tableDefinition(start)?.constraints ?? []) if (c.type === "foreign_key" && own(c.columns) && c.references) written.push({ table: c.references.table, columns: c.references.columns });
  // one added since (ADD CONSTRAINT, op.create_foreign_key, add_foreign_key)
  for (const { definition } of ctx.repository.columnKeys(start, column).own) if (definition.kind === "foreign_key" && own(definition.columns) && definition.references) written.push(definition.references);
  const found: RenamedForeignKey[] = [];
  for (const key of written) {
    const now = ctx.repository.tableName(key.table, index);
    if (now !== undefined && !found.some((k) => nameKey(k.table) === nameKey(now) && k.columns.join() === key.columns.join())) found.push({ table: now, columns: key.columns });
  }
  return found;
}

/**
 * Why the keys found may not be all the old column has: an earlier migration renamed its table, and the history
 * keeps what it knew of the table before that under the old name. Undefined when nothing renamed it.
 */
export function unknownForeignKeysNote(ctx: RuleContext, op: { table: string; column: string; newName: string }, index: number): string | undefined {
  const start = ctx.repository.tableAtStart(op.table, index);
  const from = ctx.repository.tableRenamedFrom(start);
  return from && `not known: the foreign keys ${op.column} had before an earlier migration renamed ${from} to ${start} (migguard does not follow them across the rename): give ${op.newName} the same ones`;
}

/** The keys as SQL on the new column: added NOT VALID (no scan while old and new code run), validated once it is filled. */
export function renamedForeignKeySql(table: string, to: string, keys: readonly RenamedForeignKey[]): { add: string[]; validate: string[] } {
  const named = keys.map((key, i) => ({ key, name: derivedName(table, [to], keys.length > 1 ? `fkey${i + 1}` : "fkey") }));
  return {
    add: named.map(({ key, name }) => `ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${ident(to)}) REFERENCES ${ident(key.table)}${key.columns.length ? ` (${key.columns.map(ident).join(", ")})` : ""} NOT VALID;`),
    validate: named.map(({ name }) => `ALTER TABLE ${ident(table)} VALIDATE CONSTRAINT ${ident(name)};`),
  };
}
