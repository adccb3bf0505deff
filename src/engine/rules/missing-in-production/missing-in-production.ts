import type { Operation } from "../../model.js";
import { nameKey } from "../support/facts.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { commentLines } from "../support/production-facts.js";
import { dirOf } from "../../paths.js";

/** The file the refresh writes and drift then reads: one name, so the two commands go together as printed. */
const SNAPSHOT_FILE = "production-snapshot.json";

/** The migration's folder (shell-quoted when it needs it), for drift to read every migration of it. */
const folderOf = (path: string): string => {
  const folder = dirOf(path) || ".";
  return /^[\w./-]+$/.test(folder) ? folder : `'${folder.replace(/'/g, "'\\''")}'`;
};

const PLAIN_COLUMN = /^"?[A-Za-z_][A-Za-z0-9_$]*"?$/;

/** The existing table an operation needs, unless it tolerates its absence (IF EXISTS). */
function tableNeeded(op: Operation): string[] {
  switch (op.kind) {
    case "drop_table":
      return op.ifExists ? [] : op.tables;
    case "truncate":
    case "lock_table":
      return op.tables;
    case "drop_column":
      return op.ifExists ? [] : [op.table];
    case "add_column":
    case "rename_column":
    case "alter_column_type":
    case "set_not_null":
    case "drop_not_null":
    case "set_default":
    case "drop_default":
    case "add_index":
    case "add_constraint":
    case "validate_constraint":
    case "rename_table":
      return [op.table];
    case "drop_constraint":
      return op.ifExists ? [] : [op.table];
    case "dml":
      return op.table && !op.viaCode ? [op.table] : [];
    default:
      return [];
  }
}

/** The existing columns an operation needs. */
function columnsNeeded(op: Operation): string[] {
  switch (op.kind) {
    case "drop_column":
      return op.ifExists ? [] : [op.column];
    case "rename_column":
    case "alter_column_type":
    case "set_not_null":
    case "drop_not_null":
    case "set_default":
    case "drop_default":
      return [op.column];
    case "add_index":
    case "add_constraint":
      return op.columns.filter((c) => PLAIN_COLUMN.test(c)).map((c) => c.replace(/^"|"$/g, ""));
    case "dml":
      return op.verb === "update" && !op.viaCode ? op.columns : [];
    default:
      return [];
  }
}

/** Tables and columns this migration itself brings into being before `index` (created, added, renamed to). */
function madeEarlier(ctx: RuleContext, index: number): { tables: Set<string>; columns: Set<string> } {
  const tables = new Set<string>();
  const columns = new Set<string>();
  for (const op of ctx.migration.up.slice(0, index)) {
    if (op.kind === "create_table") {
      tables.add(nameKey(op.table));
      for (const c of op.columns) columns.add(`${nameKey(op.table)}.${nameKey(c.name)}`);
    } else if (op.kind === "rename_table") tables.add(nameKey(op.newName));
    else if (op.kind === "create_object" && (op.objectType === "view" || op.objectType === "materialized_view")) tables.add(nameKey(op.name));
    else if (op.kind === "add_column" || op.kind === "redefine_column") columns.add(`${nameKey(op.table)}.${nameKey(op.column.name)}`);
    else if (op.kind === "rename_column") columns.add(`${nameKey(op.table)}.${nameKey(op.newName)}`);
  }
  return { tables, columns };
}

export default defineRule({
  meta: {
    id: "missing-in-production",
    category: "drift",
    severity: "warning",
    title: "The migration touches a table or column production does not have",
    why:
      "The production snapshot has no such table or column, and no migration of this change creates it: the migration " +
      "fails there (\"relation does not exist\"), or production has drifted from the migrations (a hotfix renamed or dropped " +
      "it by hand, a migration never ran). Either way the deploy would not do what the review saw.",
  },
  check(ctx) {
    if (!ctx.production) return;
    const { production, run } = ctx.production;
    const reported = new Set<string>();
    const path = ctx.migration.path;
    ctx.migration.up.forEach((op, index) => {
      const made = madeEarlier(ctx, index);
      for (const table of tableNeeded(op)) {
        const key = nameKey(table);
        if (reported.has(key) || made.tables.has(key) || production.table(table) || run.tableElsewhere(table, path)) continue;
        reported.add(key);
        ctx.report({
          op,
          message: `${table} is not in the production snapshot (${production.takenOn}) and no migration of this change creates it: this fails in production, or production has drifted from the migrations.`,
          fix: commentLines(ctx, [
            `if ${table} was created in production after ${production.takenOn}, refresh the snapshot:`,
            `  migguard snapshot --database-url "$PRODUCTION_READONLY_URL" --out ${SNAPSHOT_FILE}`,
            "otherwise find where production and the migrations differ:",
            `  migguard drift --snapshot ${SNAPSHOT_FILE} ${folderOf(ctx.migration.path)}`,
          ]),
        });
      }
      for (const table of tableNeeded(op).slice(0, 1)) {
        if (!production.table(table)) continue;
        for (const column of columnsNeeded(op)) {
          const key = `${nameKey(table)}.${nameKey(column)}`;
          if (reported.has(key) || made.columns.has(key) || production.column(table, column) || run.columnElsewhere(table, column, path)) continue;
          reported.add(key);
          ctx.report({
            op,
            message: `Column ${table}.${column} is not in the production snapshot (${production.takenOn}) and no migration of this change adds it: this fails in production, or production has drifted from the migrations.`,
            fix: commentLines(ctx, [
              `if ${table}.${column} was added in production after ${production.takenOn}, refresh the snapshot:`,
              `  migguard snapshot --database-url "$PRODUCTION_READONLY_URL" --out ${SNAPSHOT_FILE}`,
              "otherwise find where production and the migrations differ:",
              `  migguard drift --snapshot ${SNAPSHOT_FILE} ${folderOf(ctx.migration.path)}`,
            ]),
          });
        }
      }
    });
  },
});
