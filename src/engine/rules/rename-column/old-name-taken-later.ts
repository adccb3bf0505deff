/**
 * A later migration of the history that gives the renamed column's old name to another column of the table
 * (e-petitions' 20150618143114 renames petitions.action to background, and the very next migration, 20150618144922,
 * renames title to action). Expand and contract keeps the old column under its name until the contract drops it, so
 * that migration fails ("column already exists") unless the contract has run before it: the fix's follow-up goes
 * before it, or, when nothing can run between the two, the rename stays as written.
 */
import type { Migration, OperationOf } from "../../model.js";
import { compareVersions } from "../../migration-versions.js";
import { migrationDialect } from "../support/sql-dialect.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";
import { commentMarker, sym } from "../support/fix.js";
import { columnRecreated, type Recreation } from "../support/recreated-later.js";
import { newMigrations, type MigrationFile, type MigrationPlace } from "../support/next-migration.js";
import type { FixSteps } from "../support/fix-steps.js";
import type { RuleContext } from "../support/rule.js";

type RenameColumn = OperationOf<"rename_column">;

export interface OldNameTaken {
  recreation: Recreation;
  /** the migration that takes the name is the next one of the folder, or of the same change: no release runs between, so no contract can */
  nothingBetween: boolean;
  /** the migration just before it: the follow-up's files are numbered after this one */
  before: Migration;
}

/**
 * The later migration that takes `op.column` on `op.table`. Steps of this same up are the rule's own cases (a column
 * added back, renames passing names along); a CREATE TABLE means the table was dropped first, and the kept column with it.
 */
export function oldNameTakenLater(ctx: RuleContext, op: RenameColumn, index: number): OldNameTaken | undefined {
  const recreation = columnRecreated(ctx, op.table, op.column, index);
  if (!recreation || recreation.sameMigration || recreation.op.kind === "create_table") return undefined;
  const later = ctx.repository.laterInFolder;
  const at = later.indexOf(recreation.migration);
  return { recreation, nothingBetween: recreation.sameChange || at <= 0, before: at > 0 ? later[at - 1]! : ctx.migration };
}

/** The rename as this migration writes it, in its framework (Django's operation as written). */
function renameStatement(ctx: RuleContext, op: RenameColumn): string {
  const sql = migrationDialect(ctx.migration);
  switch (ctx.framework) {
    case "rails":
      return `rename_column ${sym(op.table)}, ${sym(op.column)}, ${sym(op.newName)}`;
    case "alembic": {
      // as written when it is a call of its own (MySQL's existing_type kept); a batch_op's needs its block
      if (op.text.trim().startsWith("op.")) return op.text.trim();
      const table = alembicTable(op.table);
      return `op.alter_column(${table.name}, ${pythonString(op.column)}${table.schema}, new_column_name=${pythonString(op.newName)})`;
    }
    case "django":
      return `${op.text.trim().replace(/,\s*$/, "")},`;
    default:
      return `ALTER TABLE ${sql.ident(op.table)} RENAME COLUMN ${sql.ident(op.column)} TO ${sql.ident(op.newName)};`;
  }
}

/**
 * No expand: the next migration takes the old name before any release could stop using it. The rename as written,
 * and what it means for the rollout (the old code fails on the old name, then reads the other column's values under it).
 */
export function renameAsWritten(ctx: RuleContext, op: RenameColumn, taken: OldNameTaken): string {
  const c = commentMarker(ctx.framework);
  const { recreation } = taken;
  const next = recreation.sameChange ? `a migration of this same change` : `the very next migration`;
  return [
    `${c} keep this rename as written: ${recreation.where} ${recreation.does}, ${next}, so no release can run between the two to drop ${op.column}`,
    `${c} once no code uses it; keeping ${op.column} in place beside ${op.newName} (${ctx.framework === "django" ? "db_column" : "the usual expand"}) would make that migration fail ("column already exists").`,
    `${c} Ship both with the code that uses ${op.newName}: until every server runs it, the old code's queries of ${op.column} fail, and once that migration`,
    `${c} has run they read the other column's values under the name (stop the old code first where that matters: a maintenance window)`,
    renameStatement(ctx, op),
  ].join("\n");
}

/**
 * Where the follow-up's files go: after the migration before the one that takes the name, not at the head of the
 * history, so the contract drops the old column before it.
 */
function placeBefore(ctx: RuleContext, taken: OldNameTaken): MigrationPlace {
  const place = { newMigrationChain: ctx.repository.newMigrationChain, rightAfter: true, railsAcronyms: ctx.repository.railsAcronyms, folderVersions: ctx.repository.folderVersions };
  return ctx.framework === "alembic"
    ? { ...place, newestInFolder: taken.before, numberAfter: ctx.repository.newestInFolder, folderRevisions: ctx.repository.folderRevisions }
    : { ...place, newestInFolder: taken.before };
}

/**
 * The comment over the follow-up placed before the migration that takes the name. Rails and SQL: the versions must
 * sort before it (none free between them: say so); Alembic: that revision's down_revision then names the last new one.
 */
function placedBeforeNote(ctx: RuleContext, op: RenameColumn, taken: OldNameTaken, files: readonly MigrationFile[]): string {
  const c = commentMarker(ctx.framework);
  const { recreation } = taken;
  const head = `${c} ${recreation.where} ${recreation.does}, which fails while ${op.column} is kept ("column already exists"):`;
  const release = `and it ships in a release after the one whose code stops using ${op.column}`;
  const last = files[files.length - 1];
  if (ctx.framework === "alembic")
    return `${head} the new revisions below run before it,\n${c} ${release}; ${recreation.migration.path} then follows the last of them: down_revision = ${pythonString(last?.revision ?? "")}`;
  const version = recreation.migration.version;
  const late = version !== undefined && last?.version !== undefined && compareVersions(last.version, version) >= 0;
  return late
    ? `${head} the new migrations below must run before it, but no version between\n${c} ${taken.before.path} and ${recreation.migration.path} is free for them: renumber that migration after them (where it has not run yet), ${release}`
    : `${head} the new migrations below are numbered before it,\n${c} ${release}`;
}

/** The expand in place, then its follow-up as new files numbered before the migration that takes the name (fix-steps.ts renders them at the head). */
export function renderBefore(ctx: RuleContext, op: RenameColumn, taken: OldNameTaken, fix: FixSteps): string {
  const c = commentMarker(ctx.framework);
  const files = newMigrations(ctx.migration, fix.steps, placeBefore(ctx, taken));
  return [`${fix.inPlace}\n${placedBeforeNote(ctx, op, taken, files)}`, ...files.map((f) => `${c} then a new migration, ${f.path}:\n${f.text}`)].join("\n\n");
}

/** Said under a fix whose follow-up is a comment (MySQL's expand): the old column is dropped before that migration. */
export function dropBeforeNote(ctx: RuleContext, op: RenameColumn, taken: OldNameTaken): string {
  const c = commentMarker(ctx.framework);
  return `${c} ${taken.recreation.where} ${taken.recreation.does}, which fails while ${op.column} is kept ("column already exists"): drop ${op.column} in a migration before it`;
}
