/**
 * A table the project's migrations never made and no model of it maps, dropped with IF EXISTS: the cleanup of what
 * an app the project no longer has left behind (SEED's 0100 drops django-organizations' and djcelery's tables with
 * `DROP TABLE IF EXISTS organizations_organization` after uninstalling them). The drop only runs where such a table
 * is left; nothing of the project reads or writes it, so it is a note, not data loss. A table a migration of the
 * repository created, or a model maps, keeps the warning: then the project's own rows go.
 */
import type { OperationOf } from "../../model.js";
import { djangoTable, readDjangoModels } from "../../code/django-models.js";
import { djangoModelFiles } from "../support/django-model-files.js";
import { nameKey } from "../support/facts.js";
import type { RuleContext } from "../support/rule.js";

/** Why `table` is such a leftover (for the message), or undefined when it is not proven one. */
export function leftoverTable(ctx: RuleContext, op: OperationOf<"drop_table">, table: string): string | undefined {
  if (!op.ifExists || ctx.framework !== "django" || op.ormModel) return undefined;
  const repository = ctx.repository;
  // a migration of the folder (or of an app this one depends on) made it, renamed it, or names it at all
  if (repository.tableBirth(table) || repository.djangoBirthElsewhere(table) || repository.tableRenamedFrom(table) || !repository.tableUnseen(table)) return undefined;
  // the app's models must have been read to say none maps it (the files given, or those of the code read)
  const files = djangoModelFiles(ctx);
  if (files.length === 0) return undefined;
  const models = readDjangoModels(files);
  const key = nameKey(table.split(".").pop()!);
  if (models.some((m) => nameKey(djangoTable(m)) === key)) return undefined;
  return `no migration before it creates or names ${table}, and none of the app's ${models.length} models maps it`;
}

/** The note on such a drop: why it is a leftover, and that IF EXISTS runs it only where the table is left. */
export const leftoverMessage = (table: string, why: string): string =>
  `Dropping table ${table} cleans up what an app the project no longer has left behind: ${why}, and IF EXISTS runs the drop only where such a table is left. Keep a copy only if anyone may still want that old app's rows.`;
