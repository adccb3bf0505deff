/**
 * A fix in several migrations: the code that takes the operation's place in this migration, then each later step
 * as a whole migration of the migration's own framework (next-migration.ts writes the file around the statements:
 * class, dependencies, revision ids, the runner's no-transaction marker). The fix shows each new file under its
 * path, so every step is code, none a comment the developer must turn into code.
 */
import { newMigrations, type MigrationStep } from "./next-migration.js";
import type { RuleContext } from "./rule.js";
import type { Migration, Operation } from "../../model.js";
import { movedCode } from "./moved-code.js";
import { commentMarker } from "./fix.js";

export type { MigrationStep };

/** A fix in steps: the code in the operation's place, then the later migrations. */
export interface FixSteps {
  inPlace: string;
  steps: MigrationStep[];
}

export function renderFix(ctx: Pick<RuleContext, "framework" | "migration"> & { repository?: Pick<RuleContext["repository"], "newestInFolder" | "folderVersions" | "folderRevisions" | "djangoLeaves" | "djangoGraphPartial" | "newMigrationChain"> }, fix: FixSteps): string {
  const comment = commentMarker(ctx.framework);
  const files = newMigrations(ctx.migration, fix.steps, ctx.repository).map((f) => `${comment} then a new migration, ${f.path}:\n${f.text}`);
  return [fix.inPlace, ...files].join("\n\n");
}

/**
 * The statement (a Django operation, an Alembic call) holding `op`, dedented, and the module definitions it reads
 * (imports, helpers), read from the migration's source: what a later migration needs to repeat it. Undefined
 * parts when the source is not there or the statement cannot move.
 */
export function carriedStatement(migration: Migration, op: Operation): { statement?: string; definitions: string[] } {
  const moved = movedCode(migration, migration.up.filter((o) => o.loc.line === op.loc.line));
  if (!moved || !("statements" in moved)) return { definitions: [] };
  return { statement: moved.statements.length === 1 ? moved.statements[0] : undefined, definitions: [...moved.definitions] };
}
