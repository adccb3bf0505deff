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

export function renamedColumnForeignKeys(ctx: RuleContext, table: string, column: string): RenamedForeignKey[] {
  const found: RenamedForeignKey[] = [];
  const add = (key: RenamedForeignKey) => {
    if (!found.some((k) => nameKey(k.table) === nameKey(key.table) && k.columns.join() === key.columns.join())) found.push(key);
  };
  const own = (columns: readonly string[]) => columns.length === 1 && nameKey(columns[0]) === nameKey(column);
  // REFERENCES written with the column (SQL, Rails foreign_key: true)
  const references = ctx.repository.columnDefinition(table, column)?.references;
  if (references) add({ table: references.table, columns: references.column ? [references.column] : [] });
  // a table-level key of the create_table that defines the table (Alembic's sa.ForeignKeyConstraint, sa.ForeignKey)
  for (const c of ctx.repository.tableDefinition(table)?.constraints ?? []) if (c.type === "foreign_key" && own(c.columns) && c.references) add({ table: c.references.table, columns: c.references.columns });
  // one added since (ADD CONSTRAINT, op.create_foreign_key, add_foreign_key)
  for (const { definition } of ctx.repository.columnKeys(table, column).own) if (definition.kind === "foreign_key" && own(definition.columns) && definition.references) add(definition.references);
  return found;
}

/** The keys as SQL on the new column: added NOT VALID (no scan while old and new code run), validated once it is filled. */
export function renamedForeignKeySql(table: string, to: string, keys: readonly RenamedForeignKey[]): { add: string[]; validate: string[] } {
  const named = keys.map((key, i) => ({ key, name: derivedName(table, [to], keys.length > 1 ? `fkey${i + 1}` : "fkey") }));
  return {
    add: named.map(({ key, name }) => `ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${ident(to)}) REFERENCES ${ident(key.table)}${key.columns.length ? ` (${key.columns.map(ident).join(", ")})` : ""} NOT VALID;`),
    validate: named.map(({ name }) => `ALTER TABLE ${ident(table)} VALIDATE CONSTRAINT ${ident(name)};`),
  };
}
