/**
 * The fix for a drop that leaves a foreign key without an index, in the migration's own language. An index on
 * exactly the key's columns is the one to keep: the fix says so (delete the drop). A wider one (the key's columns and
 * more) may go once an index on the key's columns alone is built beside it: CONCURRENTLY on PostgreSQL (outside the
 * transaction), a plain build on MySQL (InnoDB builds it online); the drop follows it.
 */
import type { Database, Migration, OperationOf } from "../../model.js";
import { commentMarker, fixFor, ident, sym } from "../support/fix.js";
import { freePostgresName } from "../support/pg-names.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";
import { reindented } from "../support/data-code.js";
import { alembicAutocommitBlock, alembicConcurrentDropCalls } from "../drop-index-without-concurrently/alembic-concurrent-drop.js";
import { concurrentlyPlacement } from "../support/leave-transaction.js";
import { INERT, railsConcurrentMigration, railsMoveOutConcurrent } from "../support/rails-fix.js";
import { isMysqlFamily } from "../support/databases.js";
import { nameKey } from "../support/facts.js";
import type { RuleContext } from "../support/rule.js";
import type { DroppedIndex, ForeignKey } from "./uncovered-keys.js";

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.some((d) => nameKey(c) === nameKey(d)));

/** The sentence naming the key: `fk_x (post_id) -> posts`. */
export const keyWords = (key: ForeignKey): string => `${key.name} (${key.columns.join(", ")})${key.references ? ` -> ${key.references}` : ""}`;

/** Keep the index: a comment in the migration's language, with what to do when the key itself is no longer wanted. */
function keepFix(framework: RuleContext["framework"], dropped: DroppedIndex, key: ForeignKey): string {
  const c = commentMarker(framework);
  const what = dropped.name ?? `the index on ${dropped.table} (${dropped.columns.join(", ")})`;
  return [
    `${c} Keep ${what}: it is the only index of the foreign key ${keyWords(key)}. ` +
      (dropped.op.ormField && dropped.op.ormModel
        ? `Leave db_index=False out of the field ${dropped.op.ormModel}.${dropped.op.ormField} (line ${dropped.op.loc.line}).`
        : `Delete the drop of line ${dropped.op.loc.line}.`),
    `${c} If the key itself is no longer wanted, drop the key first (ALTER TABLE ${dropped.table} DROP CONSTRAINT ${ident(key.name)}), then the index.`,
  ].join("\n");
}

/** The new index's name: PostgreSQL's default for the key's columns, numbered past the names the table has. */
function newIndexName(ctx: RuleContext, dropped: DroppedIndex, key: ForeignKey): string {
  const taken = new Set([...ctx.repository.namedTableIndexes(dropped.table).map((i) => nameKey(i.name)), ...(dropped.name ? [nameKey(dropped.name)] : [])]);
  // Rails' own name for an index on those columns, when free (what a later remove_index by column finds by name too)
  const rails = `index_${dropped.table.split(".").pop()}_on_${key.columns.join("_and_")}`;
  if (ctx.framework === "rails" && rails.length <= 63 && !taken.has(nameKey(rails))) return rails;
  return freePostgresName(dropped.table, key.columns, "idx", (n) => taken.has(nameKey(n)));
}

function railsFix(migration: Migration, dropped: DroppedIndex, key: ForeignKey, name: string, mysql: boolean): string {
  const columns = key.columns.length === 1 ? sym(key.columns[0]) : `[${key.columns.map(sym).join(", ")}]`;
  const concurrently = mysql ? "" : ", algorithm: :concurrently";
  // remove_index with its columns is reversible in change
  const removed = dropped.name ? `name: ${JSON.stringify(dropped.name)}` : "";
  const columnOption = `column: ${dropped.columns.length === 1 ? sym(dropped.columns[0]) : `[${dropped.columns.map(sym).join(", ")}]`}`;
  const body = [
    `# the foreign key ${keyWords(key)} keeps an index on its columns`,
    `add_index ${sym(dropped.table)}, ${columns}, name: ${JSON.stringify(name)}${concurrently}`,
    `remove_index ${sym(dropped.table)}, ${[columnOption, removed].filter(Boolean).join(", ")}${concurrently}`,
  ].join("\n");
  if (mysql || !dropped.op.inTransaction) return body;
  const rest = migration.up.filter((o) => !INERT.has(o.kind) && o !== dropped.op && !(o.loc.line === dropped.op.loc.line && o.text === dropped.op.text));
  if (!rest.length) return railsConcurrentMigration(migration, `replace_${dropped.name ?? "index"}`, body);
  return railsMoveOutConcurrent(migration, `replace_${dropped.name ?? "index"}`, body, `the remove_index of line ${dropped.op.loc.line}`, "build the key's index and drop this one in a migration of its own");
}

function djangoFix(dropped: DroppedIndex, key: ForeignKey, name: string, mysql: boolean): string {
  const columns = key.columns.map(ident).join(", ");
  const build = mysql ? `CREATE INDEX ${ident(name)} ON ${dropped.table} (${columns})` : `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${ident(name)} ON ${dropped.table} (${columns})`;
  const undo = mysql ? `DROP INDEX ${ident(name)} ON ${dropped.table}` : `DROP INDEX CONCURRENTLY IF EXISTS ${ident(name)}`;
  return [
    ...(mysql ? [] : [`# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):`]),
    `# the foreign key ${keyWords(key)} keeps an index on its columns, built before the drop`,
    `migrations.RunSQL(`,
    `    ${pythonString(build)},`,
    `    reverse_sql=${pythonString(undo)},`,
    `),`,
    `${reindented(dropped.op.text.trim()).replace(/,?$/, ",")}`,
  ].join("\n");
}

function alembicFix(ctx: RuleContext, dropped: DroppedIndex, key: ForeignKey, name: string, mysql: boolean): string {
  const t = alembicTable(dropped.table);
  const columns = `[${key.columns.map(pythonString).join(", ")}]`;
  const comment = `# the foreign key ${keyWords(key)} keeps an index on its columns, built before the drop`;
  if (mysql) return [comment, `op.create_index(${pythonString(name)}, ${t.name}, ${columns}${t.schema})`, reindented(dropped.op.text.trim())].join("\n");
  const drops = alembicConcurrentDropCalls(dropped.op, ctx.migration.source, dropped.table) ?? [reindented(dropped.op.text.trim())];
  return [comment, alembicAutocommitBlock([`op.create_index(${pythonString(name)}, ${t.name}, ${columns}${t.schema}, postgresql_concurrently=True)`, ...drops])].join("\n");
}

function sqlFix(ctx: RuleContext, dropped: DroppedIndex, key: ForeignKey, name: string, mysql: boolean): string {
  const columns = key.columns.map(ident).join(", ");
  const old = dropped.name!;
  if (mysql) return [`-- the foreign key ${keyWords(key)} keeps an index on its columns, built before the drop`, `CREATE INDEX ${ident(name)} ON ${dropped.table} (${columns});`, `DROP INDEX ${ident(old)} ON ${dropped.table};`].join("\n");
  return [
    concurrentlyPlacement(ctx.migration, dropped.op, ctx.repository),
    `-- the foreign key ${keyWords(key)} keeps an index on its columns, built before the drop`,
    `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${ident(name)} ON ${dropped.table} (${columns});`,
    `DROP INDEX CONCURRENTLY IF EXISTS ${ident(old)};`,
  ].join("\n");
}

/** A replacement built after the drop: the same two statements, the build first, so the key always has an index. */
export function buildFirstFix(framework: RuleContext["framework"], dropped: DroppedIndex, key: ForeignKey, build: OperationOf<"add_index">): string {
  const own = (text: string) => {
    const code = reindented(text.trim());
    return framework === "sql" && !code.endsWith(";") ? `${code};` : code;
  };
  return [`${commentMarker(framework)} build the new index before the drop: the foreign key ${keyWords(key)} keeps an index throughout`, own(build.text), own(dropped.op.text)].join("\n");
}

/** The fix for `dropped`, which leaves `key` without an index, on `database`. */
export function coveringIndexFix(ctx: RuleContext, dropped: DroppedIndex, key: ForeignKey, database: Database): string {
  if (sameSet(dropped.columns, key.columns) || (ctx.framework === "sql" && !dropped.name)) return keepFix(ctx.framework, dropped, key);
  const mysql = isMysqlFamily(database);
  const name = newIndexName(ctx, dropped, key);
  return fixFor(ctx.framework, {
    sql: sqlFix(ctx, dropped, key, name, mysql),
    rails: () => railsFix(ctx.migration, dropped, key, name, mysql),
    django: () => djangoFix(dropped, key, name, mysql),
    alembic: () => alembicFix(ctx, dropped, key, name, mysql),
  });
}
