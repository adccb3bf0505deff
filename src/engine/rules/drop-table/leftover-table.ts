/**
 * A table the project's migrations never made and no model of it maps, dropped with IF EXISTS: the cleanup of what
 * an app the project no longer has left behind (SEED's 0100 drops django-organizations' and djcelery's tables with
 * `DROP TABLE IF EXISTS organizations_organization` after uninstalling them). The drop only runs where such a table
 * is left; nothing of the project reads or writes it, so it is a note, not data loss. A table a migration of the
 * repository created, or a model maps, keeps the warning: then the project's own rows go.
 *
 * Plain SQL the same, read from the folder's first migration (the base of a folder later ones build on, or a later one
 * with every earlier one read): frontier's base migration resets with `DROP TABLE IF EXISTS serviceusers` a table no
 * migration of it ever made, a no-op on every database they built. A schema dump or code that uses the table keeps the
 * finding; when the migration creates the table again, today's dump and code describe that one, so they say nothing.
 */
import type { OperationOf } from "../../model.js";
import { djangoTable, readDjangoModels } from "../../code/django-models.js";
import { djangoModelFiles } from "../support/django-model-files.js";
import { nameKey } from "../support/facts.js";
import type { RuleContext } from "../support/rule.js";
import { uninstalledLabelOf } from "./uninstalled-label-table.js";

/** Why `table` is such a leftover (for the message), or undefined when it is not proven one. */
export function leftoverTable(ctx: RuleContext, op: OperationOf<"drop_table">, table: string, recreated = false): string | undefined {
  if (ctx.framework === "sql") return sqlLeftover(ctx, op, table, recreated);
  if (!op.ifExists || ctx.framework !== "django" || op.ormModel) return undefined;
  const repository = ctx.repository;
  // a migration of the folder (or of an app this one depends on) made it, or renamed it
  if (repository.tableBirth(table) || repository.djangoBirthElsewhere(table) || repository.tableRenamedFrom(table)) return undefined;
  // an earlier migration of the folder names it; or, the first of its folder, nothing before it says: unless the
  // table's app label is one no settings module installs (a library removed from INSTALLED_APPS)
  const uninstalled = repository.tableUnseen(table) ? undefined : uninstalledLabelOf(ctx.migration, table);
  if (!repository.tableUnseen(table) && !uninstalled) return undefined;
  // the app's models must have been read to say none maps it (the files given, or those of the code read)
  const files = djangoModelFiles(ctx);
  if (files.length === 0) return undefined;
  const models = readDjangoModels(files);
  const key = nameKey(table.split(".").pop()!);
  if (models.some((m) => nameKey(djangoTable(m)) === key)) return undefined;
  return uninstalled
    ? `no migration before it creates ${table}, none of the app's ${models.length} models maps it, and ${uninstalled}`
    : `no migration before it creates or names ${table}, and none of the app's ${models.length} models maps it`;
}

/** Plain SQL: why `table` is no table of the project's migrations (the caller rules out code that uses it), or undefined. */
function sqlLeftover(ctx: RuleContext, op: OperationOf<"drop_table">, table: string, recreated: boolean): string | undefined {
  const repository = ctx.repository;
  if (!op.ifExists || repository.tableBirth(table) || repository.tableRenamedFrom(table)) return undefined;
  // the folder read from its first migration: this one is it, or every earlier one was read and none names the table
  const base = repository.baseOfFolder;
  if (!base && !repository.tableUnseen(table)) return undefined;
  if (!recreated && repository.tableDumped(table)) return undefined;
  return base
    ? `this is the first migration of its folder, so no migration of the project creates ${table} before it`
    : `no earlier migration of its folder creates or names ${table}`;
}

/**
 * How loud such a drop is: a note, except in a plain-SQL folder's first migration, a warning. Before the first
 * migration a table may come from an older schema the project replaced (frontier's base migration drops the
 * namespaces, projects and users of Shield, the product it succeeded, with its rows), which the repository does not show.
 */
export const leftoverSeverity = (ctx: RuleContext): "info" | "warning" => (ctx.framework === "sql" && ctx.repository.baseOfFolder ? "warning" : "info");

/** The message on such a drop: why it is a leftover, and that IF EXISTS runs it only where the table is left. */
export const leftoverMessage = (ctx: RuleContext, table: string, why: string): string =>
  ctx.framework === "sql"
    ? `Dropping table ${table} drops nothing on a database these migrations built: ${why}, and IF EXISTS runs the drop only where the table is there. It deletes rows only on a database that has ${table} from elsewhere (an older schema, another tool): keep a copy there if its rows matter.`
    : djangoLeftoverMessage(table, why);

const djangoLeftoverMessage = (table: string, why: string): string =>
  `Dropping table ${table} cleans up what an app the project no longer has left behind: ${why}, and IF EXISTS runs the drop only where such a table is left. Keep a copy only if anyone may still want that old app's rows.`;
