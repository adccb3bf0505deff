/**
 * Django: the ForeignKeys of other apps that reference a table's primary key (a ForeignKey or OneToOneField to the
 * model, the join table of a ManyToManyField to it: games_game_platforms.platform_id references platforms_platform).
 * Each app's migrations are a folder of their own, whose history knows its own keys only; another app's key is
 * read from that app's migrations as they leave it (the columns added and not dropped or renamed since, the tables
 * not dropped), since a fix runs where every app's migrations ran. Its FOREIGN KEY is the one Django names and adds
 * (django-foreign-key-sql.ts), over the key column the question names: Django's key to a model without `to_field=`
 * references its primary key.
 */
import type { Migration } from "../model.js";
import { nameKey } from "../rules/support/facts.js";
import { djangoForeignKeySql } from "../adapters/python/django-foreign-key-sql.js";
import { definedKeys, type KeyDefinition } from "./constraint-history.js";

/** A column of another app's table that references `table`'s primary key, by its table and column. */
type Referencing = { table: string; column: string };

/** The columns of `migrations` (one app's, in order) that reference `table`'s primary key when they have all run. */
function referencingColumns(migrations: readonly Migration[], table: string): Referencing[] {
  const target = nameKey(table);
  const live = new Map<string, Referencing>();
  const at = (t: string, c: string) => `${nameKey(t)}.${nameKey(c)}`;
  for (const migration of migrations)
    for (const op of migration.up) {
      if (op.kind === "create_table") {
        for (const c of op.columns) if (c.references?.toPrimaryKey && nameKey(c.references.table) === target) live.set(at(op.table, c.name), { table: op.table, column: c.name });
      } else if (op.kind === "add_column") {
        const ref = op.column.references;
        if (ref?.toPrimaryKey && nameKey(ref.table) === target) live.set(at(op.table, op.column.name), { table: op.table, column: op.column.name });
      } else if (op.kind === "drop_column") live.delete(at(op.table, op.column));
      else if (op.kind === "rename_column") {
        const found = live.get(at(op.table, op.column));
        if (!found) continue;
        live.delete(at(op.table, op.column));
        live.set(at(op.table, op.newName), { table: found.table, column: op.newName });
      } else if (op.kind === "drop_table" || op.kind === "rename_table") {
        const gone = new Set(op.kind === "drop_table" ? op.tables.map(nameKey) : [nameKey(op.table)]);
        for (const [key, found] of [...live]) {
          if (!gone.has(nameKey(found.table))) continue;
          live.delete(key);
          if (op.kind === "rename_table") live.set(at(op.newName, found.column), { table: op.newName, column: found.column });
        }
      }
    }
  return [...live.values()];
}

/**
 * The FOREIGN KEYs the migrations of other apps (`others`, each app's in order) leave on `table`.`column`, the
 * table's primary key, as the history keeps keys: Django's name and its ADD CONSTRAINT.
 */
export function djangoForeignReferences(others: ReadonlyArray<readonly Migration[]>, table: string, column: string): Array<{ name: string; definition: KeyDefinition }> {
  const out: Array<{ name: string; definition: KeyDefinition }> = [];
  for (const migrations of others)
    for (const ref of referencingColumns(migrations, table)) {
      const sql = djangoForeignKeySql(ref.table, ref.column, table, column);
      const key = sql ? definedKeys(sql, { addColumn: false })[0] : undefined;
      if (key) out.push({ name: key.name, definition: key.definition });
    }
  return out;
}
