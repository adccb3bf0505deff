/**
 * A down its author wrote to raise before undoing anything (Rails' `raise ActiveRecord::IrreversibleMigration`, an
 * Alembic downgrade() that raises any exception): the loud stop is the design, and what to say of it depends on what
 * the up did. An up that only adds (a column, an index, a table, a constraint) has a down that simply drops them: the
 * raise blocks a rollback for nothing. Otherwise the raise is what keeps a rollback from "succeeding" over data that
 * is gone (a column recreated empty while the old code expects it filled: warehouse 28a7e805fd0), so its fix keeps
 * the raise and says what a real way back needs: a copy the up keeps.
 */
import type { Operation } from "../../model.js";
import { CONFIG_PATHS } from "../../config-paths.js";
import type { RuleContext } from "../support/rule.js";
import { inverseOfUp, inverseSteps } from "../support/sql-inverse.js";
import { railsInverseSteps } from "../support/rails-inverse.js";
import { alembicInverseSteps } from "../support/alembic-inverse.js";
import { columnBackup } from "../support/column-backup.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { backupName } from "../support/backup-name.js";

/** Operations a down undoes by dropping what they made, losing nothing the old code had. */
const ADDING: ReadonlySet<Operation["kind"]> = new Set(["create_table", "add_column", "add_index", "add_constraint", "validate_constraint", "create_object"]);

/** Operations whose rows or values are gone once they ran: a down derived from them would bring the schema back empty. */
const LOSING: ReadonlySet<Operation["kind"]> = new Set(["drop_table", "drop_column", "truncate", "dml", "data_migration"]);

/** The up loses rows or values (drops a column or table, deletes or rewrites rows): only a copy it keeps can undo it. */
export const losesData = (meaningful: readonly Operation[]) => meaningful.some((op) => LOSING.has(op.kind));

/**
 * What an up that only adds makes (`add_column packages.digest, create_index ...`), when every step of its down is
 * known; undefined when it does anything else, or hides something from a static reading.
 */
export function onlyAdds(ctx: RuleContext, meaningful: readonly Operation[]): string[] | undefined {
  if (meaningful.length === 0 || ctx.migration.hidden.length > 0) return undefined;
  if (!meaningful.every((op) => ADDING.has(op.kind))) return undefined;
  // the steps each framework's fix writes (Alembic names an unnamed constraint as PostgreSQL does)
  const steps = inverseOfUp(meaningful, ctx.repository, ctx.framework === "rails" ? railsInverseSteps : ctx.framework === "alembic" ? alembicInverseSteps : inverseSteps);
  // a note beside a step (the name PostgreSQL gives an unnamed constraint) still undoes it; an unknown step does not
  if (steps.length === 0 || steps.some((s) => s.kind === "unknown")) return undefined;
  return meaningful.map((op) => {
    if (op.kind === "create_table") return `table ${op.table}`;
    if (op.kind === "add_column") return `column ${op.table}.${op.column.name}`;
    if (op.kind === "add_index") return `index${op.name ? ` ${op.name}` : ""} on ${op.table}`;
    if (op.kind === "add_constraint") return `constraint${op.name ? ` ${op.name}` : ""} on ${op.table}`;
    if (op.kind === "create_object") return `${op.objectType} ${op.name}`;
    return `a validated constraint on ${"table" in op ? op.table : "its table"}`;
  });
}

/** The author's own words in the down say it has nothing to undo ("No-op, as project works fine with the old version scheme"), while it raises. */
export function saysNothingToUndo(said: { text: string } | undefined): boolean {
  return said !== undefined && /\bno[- ]?op\b|\bnothing to (do|undo|revert|roll back)\b|\bworks fine with\b/i.test(said.text);
}

/** One sentence naming the folder's habit of one-way downs, or "" when it is none (conventions.ts). */
export function oneWayHabit(ctx: RuleContext): string {
  const habit = ctx.conventions.oneWay;
  if (!habit) return "";
  const what = ctx.framework === "alembic" ? "revisions" : "migrations";
  return `${habit.declared} of the ${habit.others} other ${what} in ${habit.folder}/ refuse to ${ctx.framework === "alembic" ? "downgrade" : "roll back"} the same way: the project rolls forward by policy`;
}

/** The config line that turns the rule off, for a team whose policy this is. */
export const offSwitch = () => `\`rules: { irreversible-migration: off }\` in ${CONFIG_PATHS[0]} turns this check off`;

/**
 * The down as written, with a comment on what a rollback would need: the copy of each column and table the up drops,
 * kept by the up before the drop, for a down to restore from. The raise stays: without that copy a down that
 * recreates them would "succeed" with them empty.
 */
export function keptRaiseFix(ctx: RuleContext, meaningful: readonly Operation[]): string {
  const sql = migrationDialect(ctx.migration);
  const copies: string[] = [];
  for (const op of meaningful) {
    if (op.kind === "drop_column") copies.push(columnBackup(ctx, op.table, op.column).sql);
    if (op.kind === "drop_table") for (const table of op.tables) copies.push(sql.copyTable(backupName(ctx.migration, table.split(".").pop()!), table));
  }
  const raise = raiseText(ctx);
  const comment = "#";
  const lost = copies.length
    ? [
        `${comment} keep the raise: recreating what the up drops would bring it back empty, and a rollback would "succeed" with it`,
        `${comment} empty where the old code expects it filled. A real way back needs a copy the up keeps before the drop:`,
        ...copies.map((c) => `${comment}   ${c}`),
        `${comment} and a down that recreates the schema and fills it from that copy.`,
      ]
    : [`${comment} keep the raise: a rollback past this migration stops here, loudly, and what the up changed comes back only from a backup.`];
  if (ctx.framework === "rails") return ["def down", ...lost.map((l) => `  ${l}`), `  ${raise}`, "end"].join("\n");
  if (ctx.framework === "alembic") return ["def downgrade():", ...lost.map((l) => `    ${l}`), `    ${raise}`].join("\n");
  return [...lost, raise ? `# ${raise}` : ""].filter(Boolean).join("\n");
}

/** The raise as the author wrote it, when it is one line, else the framework's own. */
function raiseText(ctx: RuleContext): string {
  const { down } = ctx.migration;
  const at = down.status === "irreversible" ? down.loc : undefined;
  const line = at && at.endLine === at.line ? ctx.migration.source?.split("\n")[at.line - 1]?.trim() : undefined;
  if (line && /^(raise|fail)\b/.test(line)) return line;
  return ctx.framework === "rails" ? "raise ActiveRecord::IrreversibleMigration" : ctx.framework === "alembic" ? 'raise NotImplementedError("one-way revision")' : "";
}
