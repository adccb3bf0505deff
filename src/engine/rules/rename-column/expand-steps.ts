/**
 * A column renamed by expand and contract on PostgreSQL, every step as code: the new column beside the old one, kept
 * in step by a trigger (old code writes the old name, new code the new one); the rows copied in batches outside a
 * transaction; the old column's NOT NULL and default given to the new one (a CHECK added NOT VALID with the column,
 * validated after the copy, so SET NOT NULL reads it instead of the table); and, once no running code uses the old
 * name, the contract migration that drops the trigger and the old column.
 */
import type { Operation, OperationOf } from "../../model.js";
import { pgDistinct } from "../support/pg-distinct.js";
import type { RuleContext } from "../support/rule.js";
import { nameKey } from "../support/facts.js";
import type { FixSteps, MigrationStep } from "../support/fix-steps.js";
import { derivedName, ident, modelName, sqlString, sym } from "../support/fix.js";
import { alembicTable, pythonString, rubyString } from "../support/embed-sql.js";
import { addColumnLike, sqlalchemy2 } from "../support/column-code.js";
import { alembicBatchedFill, railsBatchedFill, sqlBatchedFill, fillRunnerOf, sqlFillUnderRunnerTransaction, type BatchedFill } from "../support/batched-fill.js";
import { outOfBandIndexFix } from "../support/out-of-band-index.js";
import { columnSyncSql, dropColumnSyncSql } from "../support/column-sync.js";
import { railsType } from "../support/rails-fix.js";
import { renamedForeignKeySql as renamedColumnForeignKeySql, renamedColumnForeignKeys } from "./renamed-foreign-keys.js";
import { movedKeyReferences, takenNames, type MovedKeyReferences } from "./moved-key-references.js";
import { serialSequence } from "../support/serial-sequence.js";
import { ignoringColumns } from "../support/rails-version.js";

type RenameColumn = OperationOf<"rename_column">;

/** The SQL of each step, shared by the frameworks (Rails and Alembic run it through their own calls). */
interface ExpandSql {
  /** the trigger function and trigger */
  sync: string;
  /** CHECK (new IS NOT NULL) NOT VALID, when the old column is NOT NULL */
  check?: string;
  /** the old column's foreign keys on the new one, NOT VALID (validated in the contract step, once every row is copied) */
  foreignKeys: string[];
  /** the old column's keys the fix cannot name (its table or a referenced column renamed since the history read them): said, not guessed */
  foreignKeysNotes: string[];
  fill: BatchedFill;
  /** the unique indexes over the new column that the moved keys and constraints need (moved-key-references.ts), CONCURRENTLY */
  indexes: MovedKeyReferences["indexes"];
  /** VALIDATE, SET NOT NULL, DROP CONSTRAINT */
  notNull?: string[];
  /** the FOREIGN KEYs of other tables that reference the old column, added again on the new one NOT VALID */
  references: MovedKeyReferences["add"];
  /** what the history does not tell of the keys that reference the old column, as comment lines of the contract */
  contractNotes: string[];
  /** DROP TRIGGER, DROP FUNCTION, the moved keys validated and the old ones dropped, the old default on the new column, the views on the table dropped, DROP COLUMN (last) */
  contract: string[];
  /** after DROP COLUMN: the PRIMARY KEY and UNIQUE constraints on the new column, then the views created again */
  recreate: string[];
}

const columnKey = (table: string, column: string) => `${nameKey(table)}\u0000${nameKey(column)}`;

/**
 * Per up, the columns whose default it sets or drops and those it drops NOT NULL of, read once: each rename asked
 * about its own column over the whole up (quadratic in a file of hundreds of renames, issue #18).
 */
const columnChangesOfUp = new WeakMap<readonly Operation[], { defaults: ReadonlySet<string>; nullable: ReadonlySet<string> }>();
function columnChangesOf(up: readonly Operation[]): { defaults: ReadonlySet<string>; nullable: ReadonlySet<string> } {
  let changes = columnChangesOfUp.get(up);
  if (!changes) {
    const defaults = new Set<string>();
    const nullable = new Set<string>();
    for (const o of up) {
      if (o.kind === "set_default" || o.kind === "drop_default") defaults.add(columnKey(o.table, o.column));
      else if (o.kind === "drop_not_null") nullable.add(columnKey(o.table, o.column));
    }
    columnChangesOfUp.set(up, (changes = { defaults, nullable }));
  }
  return changes;
}

function expandSql(ctx: RuleContext, op: RenameColumn, index: number): ExpandSql {
  // what the earlier migrations defined is under the name the table had when this migration started
  const definition = ctx.repository.columnDefinition(ctx.repository.tableAtStart(op.table, index), op.column);
  // the earlier migrations' default, unless this migration sets or drops it itself (then that is what the column keeps)
  const changes = columnChangesOf(ctx.migration.up);
  const column = columnKey(op.table, op.column);
  const ownDefault = changes.defaults.has(column);
  const previousDefault = ownDefault ? undefined : definition?.default;
  // a serial's default is its sequence (no default expression written): the new column takes both
  const sequence = definition?.serial && !ownDefault ? serialSequence(ctx.repository.tableAtStart(op.table, index), op.column) : undefined;
  const moved = movedKeyReferences(ctx, op, index);
  // a primary key's column is NOT NULL whatever its definition says, and the key cannot be attached to a nullable one without a scan
  const notNull = (definition?.notNull || moved.inPrimaryKey) && !changes.nullable.has(column);
  const [t, from, to] = [ident(op.table), ident(op.column), ident(op.newName)];
  const check = derivedName(op.table, [op.newName], "not_null");
  const type = ctx.repository.columnType(op.table, op.column, index);
  const sync = { table: op.table, from: op.column, to: op.newName, ...(type ? { type } : {}), postgresVersion: ctx.postgresVersion };
  const views = ctx.repository.viewsOnTable(op.table);
  const found = renamedColumnForeignKeys(ctx, op, index);
  const keys = renamedColumnForeignKeySql(op.table, op.newName, found.keys, takenNames(ctx, ctx.repository.tableAtStart(op.table, index)));
  return {
    sync: columnSyncSql(sync),
    check: notNull ? `ALTER TABLE ${t} ADD CONSTRAINT ${ident(check)} CHECK (${to} IS NOT NULL) NOT VALID;` : undefined,
    foreignKeys: keys.add,
    foreignKeysNotes: found.unknown,
    fill: { table: op.table, assignments: `${to} = ${from}`, pending: pgDistinct(to, from, type) },
    indexes: moved.indexes,
    references: moved.add,
    contractNotes: moved.unknown,
    notNull: notNull
      ? [`ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(check)};`, `ALTER TABLE ${t} ALTER COLUMN ${to} SET NOT NULL;`, `ALTER TABLE ${t} DROP CONSTRAINT ${ident(check)};`]
      : undefined,
    contract: [
      ...keys.validate,
      ...moved.beforeDrop,
      ...dropColumnSyncSql(sync).split("\n"),
      // the default only now: while the trigger copies, a default on the new column would hide the old code's value
      ...(previousDefault ? [`ALTER TABLE ${t} ALTER COLUMN ${to} SET DEFAULT ${previousDefault.expr};`] : []),
      // DROP COLUMN drops the sequence a serial owns, which the new column's default now reads: it moves first
      ...(sequence
        ? [...(previousDefault ? [] : [`ALTER TABLE ${t} ALTER COLUMN ${to} SET DEFAULT nextval(${sqlString(sequence)}::regclass);`]), `ALTER SEQUENCE ${ident(sequence)} OWNED BY ${t}.${to};`]
        : []),
      // a view on the table that reads the old column (SELECT * does) makes DROP COLUMN fail: dropped, then created again
      ...views.map((v) => `DROP VIEW ${ident(v.name)};`),
      `ALTER TABLE ${t} DROP COLUMN ${from};`,
    ],
    recreate: [...moved.afterDrop, ...views.map((v) => v.sql.trim().replace(/;?\s*$/, ";"))],
  };
}

/**
 * The steps between the fill and the contract that move the keys referencing the old column: each unique index
 * CONCURRENTLY (one file each where the runner sends a file as one query, since CONCURRENTLY cannot run in the
 * transaction a multi-statement query is), then the keys on the new column NOT VALID.
 */
function keySteps(ctx: RuleContext, op: RenameColumn, sql: ExpandSql, wrap: (sql: string) => string, withDowns = false): { indexes: MigrationStep[]; references: MigrationStep[] } {
  const onePerFile = ctx.framework === "sql" && (ctx.migration.layout === "golang-migrate" || ctx.migration.layout === "prisma");
  const groups = onePerFile ? sql.indexes.map((i) => [i]) : sql.indexes.length ? [sql.indexes] : [];
  const down = (statements: string[]) => (withDowns ? { down: statements.map(wrap) } : {});
  return {
    indexes: groups.map((group, i) => ({
      name: `index ${op.table} ${op.newName}${groups.length > 1 ? ` ${i + 1}` : ""}`,
      noTransaction: true,
      statements: group.map((g) => wrap(g.sql)),
      // SQL under the project's own migrator's transaction: each index built by hand before the deploy
      ...(ctx.framework === "sql" ? { underRunnerTransaction: (runner: string) => group.map((g) => outOfBandIndexFix(g.sql, g.name, runner, false) ?? g.sql) } : {}),
      ...down(group.map((g) => `DROP INDEX CONCURRENTLY IF EXISTS ${ident(g.name)};`)),
    })),
    references: sql.references.length
      ? [{ name: `${op.table} ${op.newName} references`, statements: sql.references.map((r) => wrap(r.sql)), ...down(sql.references.map((r) => `ALTER TABLE ${ident(r.table)} DROP CONSTRAINT IF EXISTS ${ident(r.name)};`)) }]
      : [],
  };
}

function sqlSteps(ctx: RuleContext, op: RenameColumn, index: number): FixSteps {
  const sql = expandSql(ctx, op, index);
  const add = addColumnLike("sql", { table: op.table, column: op.newName, like: op.column, type: ctx.repository.columnType(op.table, op.column, index) });
  const { indexes, references } = keySteps(ctx, op, sql, (s) => s);
  const steps: MigrationStep[] = [{ name: `fill ${op.table} ${op.newName}`, noTransaction: true, statements: [sqlBatchedFill(sql.fill, fillRunnerOf(ctx.migration), ctx.postgresVersion)], underRunnerTransaction: (runner) => sqlFillUnderRunnerTransaction(sql.fill, runner) }, ...indexes];
  if (sql.notNull) steps.push({ name: `${op.table} ${op.newName} not null`, statements: sql.notNull });
  steps.push(...references);
  steps.push({
    name: `drop ${op.table} ${op.column}`,
    statements: [`-- once no running code uses ${op.column} (every server runs the code that uses ${op.newName}):`, ...sql.contractNotes.map((n) => `-- ${n}`), ...sql.contract, ...sql.recreate],
  });
  return {
    inPlace: [`-- expand: ${op.newName} beside ${op.column}, kept in step by a trigger while old and new code run`, add, ...sql.foreignKeysNotes.map((n) => `-- ${n}`), ...sql.foreignKeys, sql.sync, ...(sql.check ? [sql.check] : [])].join("\n"),
    steps,
  };
}

const indent = (text: string, by: string) => text.split("\n").map((l) => (l ? `${by}${l}` : l)).join("\n");

const rubyExecute = (sql: string) => `execute ${rubyString(sql)}`;

function railsSteps(ctx: RuleContext, op: RenameColumn, index: number): FixSteps {
  const sql = expandSql(ctx, op, index);
  const type = ctx.repository.columnType(op.table, op.column, index);
  const model = ctx.repository.model(op.table)?.className ?? modelName(op.table);
  const add = addColumnLike("rails", { table: op.table, column: op.newName, like: op.column, type });
  const up = [...sql.foreignKeys, sql.sync, ...(sql.check ? [sql.check] : [])].join("\n");
  const down = dropColumnSyncSql({ table: op.table, to: op.newName });
  const { indexes, references } = keySteps(ctx, op, sql, rubyExecute, true);
  const steps: MigrationStep[] = [{ name: `fill ${op.table} ${op.newName}`, noTransaction: true, statements: [railsBatchedFill(sql.fill)], down: ["# nothing to undo: the copied values stay"] }, ...indexes];
  if (sql.notNull)
    steps.push({
      name: `${op.table} ${op.newName} not null`,
      statements: sql.notNull.map(rubyExecute),
      down: [`change_column_null ${sym(op.table)}, ${sym(op.newName)}, true`],
    });
  steps.push(...references);
  steps.push({
    name: `remove ${op.table} ${op.column}`,
    statements: [
      `# once ${model} has ${ignoringColumns(ctx.migration, [op.column])} and no running code uses ${op.column}:`,
      ...sql.contractNotes.map((n) => `# ${n}`),
      ...sql.contract.slice(0, -1).map(rubyExecute),
      type ? `remove_column ${sym(op.table)}, ${sym(op.column)}, ${railsType(type)}` : `remove_column ${sym(op.table)}, ${sym(op.column)}`,
      ...sql.recreate.map(rubyExecute),
    ],
    down: [`raise ActiveRecord::IrreversibleMigration, ${rubyString(`${op.column} was dropped: restore it from a backup`)}`],
  });
  return {
    inPlace: [
      `# expand: ${op.newName} beside ${op.column}, kept in step by a trigger while old and new code run`,
      add,
      ...sql.foreignKeysNotes.map((n) => `# ${n}`),
      `reversible do |dir|`,
      `  dir.up do`,
      indent(rubyExecute(up), "    "),
      `  end`,
      `  dir.down do`,
      indent(rubyExecute(down), "    "),
      `  end`,
      `end`,
    ].join("\n"),
    steps,
  };
}

const pythonExecute = (sql: string) => `op.execute(${pythonString(sql)})`;

/**
 * This revision's downgrade() once its upgrade expands instead of renaming: the revision's rename back
 * (op.alter_column(new, new_column_name=old)) would fail, the old column was never renamed and the new one is
 * there beside it. It undoes what the upgrade now does: the trigger, the NOT NULL check, the new column.
 */
function alembicExpandDown(ctx: RuleContext, op: RenameColumn, check: boolean): string[] {
  const down = ctx.migration.down.status === "present" ? ctx.migration.down.ops : [];
  const back = down.find((o) => o.kind === "rename_column" && nameKey(o.table) === nameKey(op.table) && nameKey(o.column) === nameKey(op.newName) && nameKey(o.newName) === nameKey(op.column));
  const where = back ? `in place of its rename back (line ${back.loc.line}), which would fail: ${JSON.stringify(op.column)} is never renamed now` : `(it must undo the expand)`;
  return [
    `# and in this revision's downgrade(), ${where}:`,
    pythonExecute(dropColumnSyncSql({ table: op.table, to: op.newName })),
    ...(check ? [pythonExecute(`ALTER TABLE ${ident(op.table)} DROP CONSTRAINT IF EXISTS ${ident(derivedName(op.table, [op.newName], "not_null"))}`)] : []),
    `op.drop_column(${alembicTable(op.table).name}, ${pythonString(op.newName)}${alembicTable(op.table).schema})`,
  ];
}

function alembicSteps(ctx: RuleContext, op: RenameColumn, index: number): FixSteps {
  const sql = expandSql(ctx, op, index);
  const add = addColumnLike("alembic", { table: op.table, column: op.newName, like: op.column, type: ctx.repository.columnType(op.table, op.column, index), sqlalchemy2: sqlalchemy2(ctx.repository) });
  const { indexes, references } = keySteps(ctx, op, sql, pythonExecute, true);
  const steps: MigrationStep[] = [{ name: `fill ${op.table} ${op.newName}`, noTransaction: true, statements: [alembicBatchedFill(sql.fill)], down: ["# nothing to undo: the copied values stay"] }, ...indexes];
  if (sql.notNull)
    steps.push({ name: `${op.table} ${op.newName} not null`, statements: sql.notNull.map(pythonExecute), down: [`op.alter_column(${alembicTable(op.table).name}, ${pythonString(op.newName)}${alembicTable(op.table).schema}, nullable=True)`] });
  steps.push(...references);
  steps.push({
    name: `drop ${op.table} ${op.column}`,
    statements: [`# once no running code uses "${op.column}":`, ...sql.contractNotes.map((n) => `# ${n}`), ...[...sql.contract, ...sql.recreate].map(pythonExecute)],
    down: [`raise RuntimeError(${pythonString(`${op.table}.${op.column} was dropped: restore it from a backup`)})`],
  });
  return {
    inPlace: [
      `# expand: "${op.newName}" beside "${op.column}", kept in step by a trigger while old and new code run`,
      add,
      ...sql.foreignKeysNotes.map((n) => `# ${n}`),
      ...sql.foreignKeys.map(pythonExecute),
      pythonExecute(sql.sync),
      ...(sql.check ? [pythonExecute(sql.check)] : []),
      ``,
      ...alembicExpandDown(ctx, op, sql.check !== undefined),
    ].join("\n"),
    steps,
  };
}

/** Rails, Alembic and SQL migrations on PostgreSQL (Django keeps the column with db_column instead). */
export function expandSteps(ctx: RuleContext, op: RenameColumn, index: number): FixSteps {
  switch (ctx.framework) {
    case "rails":
      return railsSteps(ctx, op, index);
    case "alembic":
      return alembicSteps(ctx, op, index);
    default:
      return sqlSteps(ctx, op, index);
  }
}
