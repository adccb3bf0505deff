/**
 * A fix in several migrations: the code that takes the operation's place in this migration, then each later step
 * as a whole migration of the migration's own framework (next-migration.ts writes the file around the statements:
 * class, dependencies, revision ids, the runner's no-transaction marker). The fix shows each new file under its
 * path, so every step is code, none a comment the developer must turn into code.
 */
import { newMigrations, type MigrationStep } from "./next-migration.js";
import type { RuleContext } from "./rule.js";

export type { MigrationStep };

/** A fix in steps: the code in the operation's place, then the later migrations. */
export interface FixSteps {
  inPlace: string;
  steps: MigrationStep[];
}

export function renderFix(ctx: Pick<RuleContext, "framework" | "migration">, fix: FixSteps): string {
  const comment = ctx.framework === "sql" ? "--" : "#";
  const files = newMigrations(ctx.migration, fix.steps).map((f) => `${comment} then a new migration, ${f.path}:\n${f.text}`);
  return [fix.inPlace, ...files].join("\n\n");
}
