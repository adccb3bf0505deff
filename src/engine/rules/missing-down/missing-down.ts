import { defineRule, type RuleContext } from "../support/rule.js";
import { NOTHING_TO_UNDO, validatedNames, validatesOnly } from "../support/validates-only.js";
import { downHabit, downHabitSeverity } from "../support/conventions.js";
import { fixFor } from "../support/fix.js";
import { firstLine, hasMeaningfulUp } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { sqlInverse } from "../support/sql-inverse.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { railsDownFor } from "../support/rails-inverse.js";
import { alembicDowngradeFor } from "../support/alembic-inverse.js";
import { liquibaseChangesetLines } from "../../adapters/sql/layouts/liquibase.js";
import { TERN_SEPARATOR } from "../../adapters/sql/layouts/tern.js";
import type { Operation } from "../../model.js";

/** The operations of the Liquibase changeset whose marker is on `line`: those before the next `--changeset`. */
function changesetOps(up: readonly Operation[], source: string | undefined, line: number | undefined): readonly Operation[] {
  if (source === undefined || line === undefined) return up;
  const next = liquibaseChangesetLines(source).find((l) => l > line) ?? Infinity;
  return up.filter((op) => op.loc.line > line && op.loc.line < next);
}

/** `undo` written as the layout keeps a down: its section marker, the rollback comments of a changeset, or the down file's path. */
function downInLayout(ctx: RuleContext, undo: string): string {
  const { layout } = ctx.migration;
  if (layout === "dbmate") return `-- migrate:down\n${undo}`;
  if (layout === "goose") return `-- +goose Down\n${undo}`;
  if (layout === "sql-migrate") return `-- +migrate Down\n${undo}`;
  if (layout === "tern") return `${TERN_SEPARATOR}\n${undo}`;
  if (layout === "liquibase") return undo.split("\n").map((line) => `--rollback ${line}`).join("\n");
  return `-- ${ctx.migration.path.replace(/\.up(\.[^./]+)$/, ".down$1").replace(/(^|\/)deploy\//, "$1revert/")}\n${undo}`;
}

/** The down with nothing in it but why (a Liquibase changeset's `--rollback empty`, its own word for a no-op). */
const emptyDownFile = (ctx: RuleContext): string =>
  ctx.migration.layout === "liquibase" ? `--rollback empty` : downInLayout(ctx, `-- ${NOTHING_TO_UNDO}`);

/** The seed's policy: every migration has a way back, written before it is needed. */
export default defineRule({
  meta: {
    id: "missing-down",
    databases: ALL_DATABASES,
    category: "irreversible",
    severity: "error",
    title: "Migration has no down migration",
    why:
      "When a deploy goes wrong, the down migration is the rollback plan. Without one the only way back is a " +
      "restore from backup and replaying hours of writes, exactly when you have the least time. " +
      "Where downs are the folder's convention (some of its migrations have one), a missing one keeps this severity. " +
      "A folder where none has a down, in a layout whose runner needs none (golang-migrate, goose, dbmate, sql-migrate, tern, " +
      "a folder per migration holding up.sql alone: diesel's, Formance's with its notes.yaml), gets one note for the " +
      "folder instead: whether its runner has no down step at all or the team never writes one, the way back there is " +
      "a new forward migration, and a down file would never run. migguard cannot always see the runner (Formance's " +
      "reads the folder in the project's own Go code), so the folder's files are the evidence, and the note still says it once.",
  },
  check(ctx) {
    const { down, up, layout } = ctx.migration;
    if (down.status !== "missing" || !hasMeaningfulUp(up)) return;
    // an up that only makes sure extensions are there (CREATE EXTENSION IF NOT EXISTS: gitness's 0000 baseline) states
    // a precondition: whether it created one or found it is unknown, so no down is right (DROP EXTENSION would remove
    // one the database had before, with every column of its types), and nothing is rolled back below it
    if (up.every((op) => op.kind === "transaction_control" || op.kind === "set_setting" || (op.kind === "create_object" && op.objectType === "extension" && op.ifNotExists))) return;
    const where = down.reason;
    // an up that only validates constraints has nothing to undo: the missing down costs at most the stop of a
    // rollback that reaches it (never a gate, whatever the folder's habit), and the fix is the empty one
    const validated = validatesOnly(up);
    if (validated) {
      ctx.report({
        loc: firstLine(ctx, down.line),
        severity: "info",
        message: `This migration has no down migration (${where}), but its up only validates ${validatedNames(validated)}: validating checks rows the constraint already guards and changes no schema and no row, so a down has nothing to undo. It only needs to exist where the runner stops at a missing one.`,
        fix: fixFor(ctx.framework, {
          sql: emptyDownFile(ctx),
          rails: () => `def down\n  # ${NOTHING_TO_UNDO}\nend`,
          django: () => `migrations.RunSQL.noop  # as the reverse: ${NOTHING_TO_UNDO}`,
          alembic: () => `def downgrade():\n    # ${NOTHING_TO_UNDO}\n    pass`,
        }),
      });
      return;
    }
    const folder = ctx.conventions.downs;
    // an up-only folder (no down anywhere, downs optional): the team's choice, one note for the folder at most
    if (folder?.upOnly && !folder.upOnly.noteHere) return;
    // the derived statements are PostgreSQL's (quoting, DROP INDEX without ON)
    // a part it cannot know stops the down with a RAISE (PostgreSQL's DO block) after the comment that says it
    // Liquibase: the rollback is the changeset's own, of the statements between its marker and the next one
    const undone = layout === "liquibase" ? changesetOps(up, ctx.migration.source, down.line) : up;
    const derived = migrationDialect(ctx.migration).mysql ? [] : sqlInverse(undone, ctx.repository, { loud: ctx.migration.database === "postgresql" });
    const undo = derived.join("\n") || "-- statements that undo the up, in reverse order";
    if (folder?.upOnly) {
      ctx.report({
        loc: firstLine(ctx, down.line),
        severity: "info",
        message:
          `None of the ${folder.upOnly.migrations} migrations in ${folder.folder}/ has a down${folder.upOnly.empty > 0 ? ` that does anything (${folder.upOnly.empty} have an empty one)` : ""}, and ${/(?:^|\/)up\.sql$/.test(ctx.migration.path) ? "their runner (a folder per migration, up.sql alone)" : layout} needs none: the project rolls forward by policy, ` +
          `so their missing downs are its choice, not a gap (this one note stands for the folder). Undoing a change takes a new forward migration.`,
        // never a down file beside them: a runner that reads the folder as ups alone would run it forward
        fix: fixFor(ctx.framework, { sql: `-- if this migration must be undone: a new forward migration in ${folder.folder}/ that runs\n${undo}` }),
      });
      return;
    }
    ctx.report({
      loc: firstLine(ctx, down.line),
      severity: downHabitSeverity(ctx),
      message: `This migration has no down migration (${where}), so it cannot be rolled back.${downHabit(ctx, "missing-down")}`,
      fix: fixFor(ctx.framework, {
        sql: downInLayout(ctx, undo),
        rails: () => railsDownFor(up, ctx.repository),
        django: () => `migrations.RunPython(forwards, reverse_code=backwards)  # or migrations.RunPython.noop when nothing needs undoing`,
        alembic: () => alembicDowngradeFor(up, ctx.repository, ctx.migration.source),
      }),
    });
  },
});
