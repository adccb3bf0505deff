import { defineRule, type RuleContext } from "../support/rule.js";
import { derivedName, fixFor, ident, sym } from "../support/fix.js";
import { tableWithRows, upOps } from "../support/scope.js";
import type { Operation, OperationOf } from "../../model.js";
import { saType, sqlalchemy2 } from "../support/column-code.js";
import { reindented } from "../support/data-code.js";
import { alembicTable, pythonString } from "../support/embed-sql.js";
import { calleeOf, keywordText } from "../support/python-call.js";
import { djangoAlterFieldWithoutUnique, djangoFieldWithoutUnique } from "./django-field-without-unique.js";
import { nameKey } from "../support/facts.js";
import { djangoLikeOpclass } from "../support/django-like-index.js";
import { djangoIndexName } from "../../adapters/python/django-foreign-key-sql.js";
import { typeChangeAt } from "../support/type-change-at.js";
import { railsType } from "../support/rails-fix.js";
import { howToLeaveTheTransaction, NO_WAY_OUT_OF_TRANSACTION } from "../support/leave-transaction.js";
import { outOfBandIndexFix } from "../support/out-of-band-index.js";
import { mayRunUnderOwnRunner } from "../support/own-runner.js";
import { RIVER_TEMPLATE_MARKER } from "../../adapters/sql/layouts/rivermigrate.js";
import { renderFix, type FixSteps } from "../support/fix-steps.js";
import { columnsAtHead, renamedAtHead } from "../support/column-at-head.js";
import { withoutGoneFollowUp } from "../support/history-to-head.js";
import { alembicColumnUsingIndex, alembicConstraintUsingIndex } from "./alembic-using-index.js";
import { DATABASE_LABEL } from "../../database/names.js";
import { KEEPS_LOCK, afterWholeTableUpdate, heldLockSentence, type HeldLockWork } from "../support/held-lock.js";
import { addColumnWithoutKey, alterWithConstraintUsingIndex, columnKeyTiming, keyConstraintTiming, uniqueIndexWithClauses } from "../support/key-constraint-clauses.js";
import { DEFAULT_POSTGRES_VERSION, hasSyntax } from "../../database/postgres-syntax.js";

/** Under an earlier statement's ACCESS EXCLUSIVE: the build holds that statement's change uncommitted while it runs. */
const HELD_LOCK_BUILD: HeldLockWork = { work: "build", effect: KEEPS_LOCK, fix: "building the unique index CONCURRENTLY outside this transaction and attaching it with USING INDEX" };

const indent = (text: string, by: string) =>
  text
    .split("\n")
    .map((l) => (l ? `${by}${l}` : l))
    .join("\n");

/**
 * Django: the database side builds the unique index concurrently and attaches it; Django's state records the
 * migration's own operation unchanged, so later migrations see the same model.
 */
interface UniqueBuild {
  columns: string[];
  idx: string;
  constraint: string;
  /** the constraint's DEFERRABLE / INITIALLY DEFERRED, kept on the attach */
  timing?: string;
  /** the constraint's NULLS [NOT] DISTINCT, kept on the index (the constraint attached to it takes it from there) */
  nulls?: string;
}

/**
 * A Django UniqueConstraint's nulls_distinct= as the clause Django writes (PostgreSQL 15+), and a comment when it is
 * set at run time, so the index is never built with another NULL semantics without saying so. Before 15 Django
 * ignores nulls_distinct= (its check W047 says so), and the build writes no clause either.
 */
function djangoNulls(op: Operation, postgresVersion: number): { clause: string; unread?: string } {
  if (op.kind !== "add_constraint" || !hasSyntax(postgresVersion, "nullsNotDistinct")) return { clause: "" };
  if (op.unreadOptions?.includes("nulls_distinct"))
    return { clause: "", unread: "# nulls_distinct= is set at run time: migguard could not read it; with False, add NULLS NOT DISTINCT after the columns of the CREATE UNIQUE INDEX below" };
  return { clause: op.nullsDistinct === false ? " NULLS NOT DISTINCT" : op.nullsDistinct === true ? " NULLS DISTINCT" : "" };
}

/**
 * The timing a Django UniqueConstraint asks for (`deferrable=models.Deferrable.DEFERRED`), as Django writes it:
 * DEFERRED is DEFERRABLE INITIALLY DEFERRED, IMMEDIATE is DEFERRABLE INITIALLY IMMEDIATE.
 */
function djangoTiming(op: Operation): string {
  const value = keywordText(op.text, "deferrable", (c) => /(?:^|\.)UniqueConstraint$/.test(c));
  const member = value?.split(".").pop();
  return member === "DEFERRED" ? " DEFERRABLE INITIALLY DEFERRED" : member === "IMMEDIATE" ? " DEFERRABLE INITIALLY IMMEDIATE" : "";
}

function djangoSeparateFix(op: Operation, table: string, columns: string[], idx: string, constraint: string, kind: string, databaseFirst?: string, all: readonly UniqueBuild[] = [], replaced: readonly string[][] = [], timing = "", postgresVersion = DEFAULT_POSTGRES_VERSION): string {
  // every constraint the state operation records is built: one AlterUniqueTogether may name several sets
  // the timing is this constraint's (a UniqueConstraint's deferrable=): the sets of an AlterUniqueTogether have none
  // only a UniqueConstraint has nulls_distinct= (its caller gives the version; the AddField callers have none to give)
  const nulls = djangoNulls(op, postgresVersion);
  const builds: UniqueBuild[] = (all.length ? all : [{ columns, idx, constraint }]).map((b) => ({ ...b, timing: b.constraint === constraint ? timing : "", nulls: b.constraint === constraint ? nulls.clause : "" }));
  const build = [...(nulls.unread ? [nulls.unread] : []), ...builds.flatMap((b) => [
    `migrations.RunSQL(`,
    `    ${pythonString(`CREATE UNIQUE INDEX CONCURRENTLY ${b.idx} ON ${table} (${b.columns.join(", ")})${b.nulls ?? ""}`)},`,
    `    reverse_sql=${pythonString(`DROP INDEX CONCURRENTLY IF EXISTS ${b.idx}`)},`,
    `),`,
    `migrations.RunSQL(`,
    `    ${pythonString(`ALTER TABLE ${table} ADD CONSTRAINT ${b.constraint} ${kind} USING INDEX ${b.idx}${b.timing ?? ""}`)},`,
    `    reverse_sql=${pythonString(`ALTER TABLE ${table} DROP CONSTRAINT ${b.constraint}`)},`,
    `),`,
  ]), ...replaced.flatMap((set) => dropReplacedUnique(table, set))];
  // SQL of a RunSQL has no Django state to keep: the two statements replace it
  if (op.embeddedSql) return [`# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):`, ...build].join("\n");
  return [
    `# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):`,
    `migrations.SeparateDatabaseAndState(`,
    `    database_operations=[`,
    ...(databaseFirst ? [`        ${databaseFirst}`] : []),
    ...build.map((l) => `        ${l}`),
    `    ],`,
    `    state_operations=[`,
    indent(`${reindented(op.text.trim()).replace(/,?$/, ",")}`, "        "),
    `    ],`,
    `),`,
  ].join("\n");
}

/**
 * Django's `_like` index beside a unique varchar / text field (django-like-index.ts), which it builds with the column
 * and finds again by the name it gives it (`_create_index_name(..., "_like")`) when unique=True goes: built
 * CONCURRENTLY under that name, as the field without unique=True no longer asks for it. None for another type, an
 * unknown one, or a field with db_collation.
 */
function djangoLikeIndexSql(op: OperationOf<"add_column">): string[] {
  const opclass = op.ormFieldDef && !keywordText(op.ormFieldDef, "db_collation") && !op.table.includes(".") ? djangoLikeOpclass(op.column.type) : undefined;
  if (!opclass) return [];
  const like = djangoIndexName(op.table, [op.column.name], "_like");
  return [
    `# the ${opclass} index Django builds beside a unique ${op.column.type!.name} column for LIKE 'prefix%' (its _like index)`,
    `migrations.RunSQL(`,
    `    ${pythonString(`CREATE INDEX CONCURRENTLY ${like} ON ${op.table} (${op.column.name} ${opclass})`)},`,
    `    reverse_sql=${pythonString(`DROP INDEX CONCURRENTLY IF EXISTS ${like}`)},`,
    `),`,
  ];
}

/**
 * The unique_together set an AlterUniqueTogether replaces, dropped once the new index stands (else inserts the new
 * set allows still hit the old constraint). Django names that constraint itself and no migration says the name, so
 * it is found by its columns in the catalog, as Django's own AlterUniqueTogether does; none found is an error, as there.
 */
function dropReplacedUnique(table: string, columns: readonly string[]): string[] {
  const list = `${table} (${columns.join(", ")})`;
  const wanted = `ARRAY[${columns.map((c) => `'${c.replace(/'/g, "''")}'`).join(", ")}]::text[]`;
  const sql =
    `DO $$ DECLARE found text; dropped int := 0; BEGIN ` +
    `FOR found IN SELECT c.conname FROM pg_constraint c WHERE c.conrelid = '${table}'::regclass AND c.contype = 'u' ` +
    `AND ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)) @> ${wanted} ` +
    `AND ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)) <@ ${wanted} LOOP ` +
    `EXECUTE 'ALTER TABLE ${table} DROP CONSTRAINT ' || quote_ident(found); dropped := dropped + 1; END LOOP; ` +
    `IF dropped = 0 THEN RAISE EXCEPTION 'no unique constraint on ${list.replace(/'/g, "''")}'; END IF; END $$`;
  const restore = derivedName(table, [...columns], "uniq");
  return [
    `# the replaced unique_together set ${list}: its constraint's name is Django's, in no migration, so it is found by its columns`,
    `migrations.RunSQL(`,
    `    ${pythonString(sql)},`,
    `    reverse_sql=${pythonString(`ALTER TABLE ${table} ADD CONSTRAINT ${restore} UNIQUE (${columns.join(", ")})`)},`,
    `),`,
  ];
}

/** The unique_together sets the same Django operation replaces (their columns), dropped after the new ones are built. */
function sameStatementReplaced(ctx: RuleContext, op: OperationOf<"add_constraint">): string[][] {
  return ctx.migration.up
    .filter((o): o is OperationOf<"drop_constraint"> => o.kind === "drop_constraint" && o.columns !== undefined && o.loc.line === op.loc.line && o.text === op.text && nameKey(o.table) === nameKey(op.table))
    .map((o) => o.columns!);
}

/**
 * The UNIQUE constraints the same Django operation adds, this one among them, in order (an AlterUniqueTogether of several sets, pulpcore's
 * 0102 on core_artifact): the state operation records them all, so the database operations must build them all.
 */
function sameStatementUniques(ctx: RuleContext, op: OperationOf<"add_constraint">): UniqueBuild[] {
  return ctx.migration.up
    .filter((o): o is OperationOf<"add_constraint"> => o.kind === "add_constraint" && o.constraint === "unique" && !o.usingIndex && o.loc.line === op.loc.line && o.text === op.text && nameKey(o.table) === nameKey(op.table))
    .map((o) => {
      const idx = derivedName(o.table, o.columns, "key");
      return { columns: o.columns, idx, constraint: o.name ?? idx };
    });
}

/**
 * What a primary key's NOT NULL costs when this migration sets it on the key's columns (set-not-null leaves those
 * to this finding): a scan for NULLs under the same lock, which a NOT VALID CHECK cannot spare while the key is added
 * here, since the key checks its columns for NULLs itself.
 */
function notNullForKey(ctx: RuleContext, op: OperationOf<"add_constraint">): string {
  const sets = ctx.migration.up.filter(
    (o): o is OperationOf<"set_not_null"> => o.kind === "set_not_null" && nameKey(o.table) === nameKey(op.table) && op.columns.some((c) => nameKey(c) === nameKey(o.column)),
  );
  if (!sets.length) return "";
  const columns = [...new Set(sets.map((o) => o.column))].join(", ");
  const lines = [...new Set(sets.map((o) => o.loc.line))];
  const where = lines.length === 1 && lines[0] === op.loc.line ? "the same statement" : `line${lines.length > 1 ? "s" : ""} ${lines.join(", ")}`;
  return `; the key needs ${columns} NOT NULL, which ${where} sets with a scan of the whole table under the same lock (a NOT VALID CHECK cannot spare it while the key is added in this migration: the key checks for NULLs itself)`;
}

export default defineRule({
  meta: {
    id: "unique-constraint-without-index",
    fixReplacesOperation: true,
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "error",
    title: "UNIQUE / PRIMARY KEY builds its index under an exclusive lock",
    why:
      "ADD CONSTRAINT ... UNIQUE or PRIMARY KEY (and ADD COLUMN ... UNIQUE) builds a unique index while holding an " +
      "ACCESS EXCLUSIVE lock: no reads or writes for the whole build. Build the index CONCURRENTLY first, then attach it " +
      "with ADD CONSTRAINT ... USING INDEX, which is instant.",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "add_constraint")) {
      if (op.usingIndex || !tableWithRows(ctx, op.table, index)) continue;
      if (op.constraint !== "unique" && op.constraint !== "primary_key" && op.constraint !== "exclusion") continue;
      // the same statement (a Django AlterField, an ALTER TABLE) also changes the column's type, which rewrites the
      // table and rebuilds its indexes under ACCESS EXCLUSIVE anyway: column-type-change reports that; a concurrent
      // build cannot apply
      const sameCall = ctx.migration.up.filter((o) => o !== op && o.loc.line === op.loc.line && o.text === op.text);
      if (sameCall.some((o) => o.kind === "alter_column_type" && nameKey(o.table) === nameKey(op.table) && typeChangeAt(ctx, o, index)?.cost.rewrite === true)) continue;
      // a Django AlterField that also changes the column (NOT NULL, type, default): it stays, without unique=True, in
      // the database operations, so its other changes are not lost
      const alterField =
        ctx.framework === "django" && op.constraint === "unique" && sameCall.length && /(?:^|\.)AlterField$/.test(calleeOf(op.text) ?? "")
          ? djangoAlterFieldWithoutUnique(reindented(op.text.trim()))
          : undefined;
      const kind = op.constraint === "unique" ? "UNIQUE" : op.constraint === "primary_key" ? "PRIMARY KEY" : "EXCLUDE";
      const idx = derivedName(op.table, op.columns, op.constraint === "primary_key" ? "pkey" : "key");
      // the statement's other changes stay in it (a DROP COLUMN id that drops the old primary key first)
      const attachWithRest =
        op.constraint !== "exclusion" && ctx.framework === "sql" ? alterWithConstraintUsingIndex(op.text, op.constraint, op.columns, op.name ?? idx, idx) : undefined;
      // what the constraint was written with stays: its timing on the attach, its index clauses on the build
      const timing = op.constraint === "exclusion" ? "" : keyConstraintTiming(op.text, op.constraint, op.columns);
      const buildWithClauses = op.constraint === "exclusion" ? undefined : uniqueIndexWithClauses(op.text, op.constraint, op.columns, idx);
      // the attach comes in a migration after the newest of the folder: the table as the later migrations leave it (the
      // index keeps its name through a rename), none when a later migration drops the table or a column of the key
      const head = columnsAtHead(ctx, op.table, op.columns, index);
      const headTable = renamedAtHead(head, op.table, op.columns) ? head.table : op.table;
      const attachAtHead = headTable === op.table ? attachWithRest : undefined;
      const atHead = (fix: FixSteps) => withoutGoneFollowUp(fix, head, ctx.framework, "adds the constraint over the index");
      const attachStep = [
        {
          name: `${op.constraint === "primary_key" ? "primary key" : "unique"} ${op.name ?? idx}`,
          statements: [`-- instant: the index is built already\n${attachAtHead ?? `ALTER TABLE ${ident(headTable)} ADD CONSTRAINT ${ident(op.name ?? idx)} ${kind} USING INDEX ${ident(idx)}${timing}`};`],
        },
      ];
      // the project's own migrator may run the file in a transaction (own-runner.ts): then the build by hand
      const byHand =
        op.constraint !== "exclusion" && mayRunUnderOwnRunner(ctx, op)
          ? (runner: string) => {
              const inPlace = outOfBandIndexFix(buildWithClauses ?? `CREATE UNIQUE INDEX ${ident(idx)} ON ${ident(op.table)} (${op.columns.map(ident).join(", ")});`, idx, runner, false);
              return inPlace && renderFix(ctx, atHead({ inPlace, steps: attachStep }));
            }
          : undefined;
      // an earlier UPDATE of every row under the transaction's ACCESS EXCLUSIVE lock: the build adds a fraction of that outage
      const updated = afterWholeTableUpdate(ctx, op.table, index, HELD_LOCK_BUILD, op.columns[0]);
      ctx.report({
        op,
        ...(byHand ? { fixUnderRunnerTransaction: byHand } : {}),
        ...(updated ? { severity: updated.severity } : {}),
        message: `Adding ${kind}${op.columns.length ? ` (${op.columns.join(", ")})` : ""} to ${op.table} builds an index while the table is locked against reads and writes${op.constraint === "primary_key" ? notNullForKey(ctx, op) : ""}.${updated ? updated.sentence : op.constraint === "exclusion" ? "" : heldLockSentence(ctx, op, op.table, index, HELD_LOCK_BUILD)}`,
        fix:
          op.constraint === "exclusion"
            ? fixFor(ctx.framework, {
                sql: "-- an exclusion constraint has no USING INDEX form: add it in a maintenance window or to a new table",
                rails: () => "# an exclusion constraint has no USING INDEX form: add it in a maintenance window or to a new table",
                django: () => "# an exclusion constraint has no USING INDEX form: add it in a maintenance window or to a new table",
                alembic: () => "# an exclusion constraint has no USING INDEX form: add it in a maintenance window or to a new table",
              })
            : fixFor(ctx.framework, {
                // built for SQL migrations only: every other framework has its own variant
                sql: ctx.framework !== "sql" ? "" : renderFix(ctx, atHead({
                  // a runner that keeps every version in a transaction (rivermigrate): the build is a step by hand before it
                  inPlace:
                    (NO_WAY_OUT_OF_TRANSACTION[ctx.migration.layout] &&
                      outOfBandIndexFix(`CREATE UNIQUE INDEX ${ident(idx)} ON ${ident(op.table)} (${op.columns.map(ident).join(", ")});`, idx, NO_WAY_OUT_OF_TRANSACTION[ctx.migration.layout]!, RIVER_TEMPLATE_MARKER.test(ctx.migration.source ?? op.text))) ||
                    [
                      `-- outside a transaction (CONCURRENTLY cannot run in one):`,
                      howToLeaveTheTransaction(ctx.migration, ctx.repository) ?? "-- run it outside a transaction",
                      buildWithClauses ?? `CREATE UNIQUE INDEX CONCURRENTLY ${ident(idx)} ON ${ident(op.table)} (${op.columns.map(ident).join(", ")});`,
                    ].join("\n"),
                  steps: attachStep,
                })),
                rails: () => `
                  disable_ddl_transaction!

                  def up
                    add_index ${sym(op.table)}, [${op.columns.map(sym).join(", ")}], unique: true, algorithm: :concurrently, name: "${idx}"
                    execute "ALTER TABLE ${op.table} ADD CONSTRAINT ${op.name ?? idx} ${kind} USING INDEX ${idx}${timing}"
                  end

                  def down
                    execute "ALTER TABLE ${op.table} DROP CONSTRAINT ${op.name ?? idx}"  # drops the index with it
                  end`,
                django: () =>
                  djangoSeparateFix(
                    op,
                    op.table,
                    op.columns,
                    idx,
                    op.name ?? idx,
                    kind,
                    alterField && `${indent(alterField, "        ").trimStart().replace(/,?$/, ",")}  # its other changes, without unique=True`,
                    op.embeddedSql ? [] : sameStatementUniques(ctx, op),
                    op.embeddedSql ? [] : sameStatementReplaced(ctx, op),
                    op.embeddedSql ? timing : djangoTiming(op),
                    ctx.postgresVersion,
                  ),
                alembic: () =>
                  alembicConstraintUsingIndex(op, ctx.migration.source, idx, kind, otherDatabases(ctx)) ??
                  [
                    `# built from what migguard read of the call: copy its other arguments (schema=, deferrable=) into these`,
                    `with op.get_context().autocommit_block():`,
                    `    op.create_index(${pythonString(idx)}, ${alembicTable(op.table).name}, [${op.columns.map((c) => pythonString(c)).join(", ")}]${alembicTable(op.table).schema}, unique=True, postgresql_concurrently=True)`,
                    `op.execute(${pythonString(`ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${ident(op.name ?? idx)} ${kind} USING INDEX ${ident(idx)}${timing}`)})`,
                  ].join("\n"),
              }),
      });
    }
    for (const { op, index } of upOps(ctx, "add_column")) {
      if (!(op.column.unique || op.column.primaryKey) || !tableWithRows(ctx, op.table, index)) continue;
      // Alembic's op.add_column adds a Column's other constraints but never its primary key (alembic#1232): no index
      // is built here, the key comes from a create_primary_key (reported there). A fix swapping one in here would
      // attach it to a column the migration just added, NULL in every row, under the name of the key the table has.
      if (ctx.framework === "alembic" && !op.column.unique && alembicAddsNoKey(op)) continue;
      const idx = op.column.primaryKey ? `${op.table.split(".").pop()}_pkey` : derivedName(op.table, [op.column.name], "key");
      // the index and the key come in migrations after the newest of the folder: the table and column as the later
      // migrations leave them (the index keeps its name through a rename), none when a later migration drops them
      const head = columnsAtHead(ctx, op.table, [op.column.name], index);
      const [ht, hc] = renamedAtHead(head, op.table, [op.column.name]) ? [head.table, head.columns[0]!] : [op.table, op.column.name];
      const atHead = (fix: FixSteps) => withoutGoneFollowUp(fix, head, ctx.framework, "builds the unique index or adds the key");
      ctx.report({
        op,
        message: `Adding column ${op.table}.${op.column.name} with ${op.column.primaryKey ? "PRIMARY KEY" : "UNIQUE"} builds a unique index while the table is locked against reads and writes.${heldLockSentence(ctx, op, op.table, index, HELD_LOCK_BUILD)}`,
        fix: fixFor(ctx.framework, {
          sql: ctx.framework !== "sql" ? "" : renderFix(ctx, atHead({
            // the statement as written without the column's key: its type, default and the statement's other sub-commands stay
            inPlace:
              (op.embeddedSql ? undefined : addColumnWithoutKey(op.text, op.column.name)) ??
              `ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(op.column.name)} ${op.column.type?.text ?? "text"};${op.column.type ? "" : `  -- migguard does not know the type of ${op.column.name}: use yours`}`,
            steps: [
              { name: `index ${idx}`, noTransaction: true, statements: [`CREATE UNIQUE INDEX CONCURRENTLY ${ident(idx)} ON ${ident(ht)} (${ident(hc)});`], down: [`DROP INDEX CONCURRENTLY IF EXISTS ${ident(idx)};`] },
              { name: `${op.column.primaryKey ? "primary key" : "unique"} ${idx}`, statements: [`ALTER TABLE ${ident(ht)} ADD CONSTRAINT ${ident(idx)} ${op.column.primaryKey ? "PRIMARY KEY" : "UNIQUE"} USING INDEX ${ident(idx)}${op.embeddedSql ? "" : columnKeyTiming(op.text, op.column.name)};`] },
            ],
          })),
          rails: () =>
            op.column.primaryKey
              ? renderFix(ctx, atHead(railsPrimaryKeyColumn(op, idx, ht, hc)))
              : renderFix(ctx, atHead({
                  inPlace: `add_column ${sym(op.table)}, ${sym(op.column.name)}, ${railsType(op.column.type)}`,
                  steps: [{ name: `index ${idx}`, noTransaction: true, change: true, statements: [`add_index ${sym(ht)}, ${sym(hc)}, unique: true, algorithm: :concurrently`] }],
                })),
          django: () => op.ormFieldDef
            ? djangoSeparateFix(
                op,
                op.table,
                [op.column.name],
                idx,
                idx,
                "UNIQUE",
                [
                  `migrations.AddField(model_name=${pythonString(op.ormModel ?? op.table)}, name=${pythonString(op.ormField ?? op.column.name)}, field=${djangoFieldWithoutUnique(op.ormFieldDef)}),`,
                  ...djangoLikeIndexSql(op),
                ].join("\n        "),
              )
            : djangoSeparateFix(op, op.table, [op.column.name], idx, idx, "UNIQUE"),
          alembic: () => alembicColumnUsingIndex(op, idx, ctx.migration.source, otherDatabases(ctx)) ?? `
            ${op.column.type && saType(op.column.type, sqlalchemy2(ctx.repository)) ? `op.add_column(${alembicTable(op.table).name}, sa.Column(${pythonString(op.column.name)}, ${saType(op.column.type, sqlalchemy2(ctx.repository))})${alembicTable(op.table).schema})` : `op.execute(${pythonString(`ALTER TABLE ${ident(op.table)} ADD COLUMN ${ident(op.column.name)} ${op.column.type?.text ?? "text"}`)})`}
            with op.get_context().autocommit_block():
                op.create_index(${pythonString(idx)}, ${alembicTable(op.table).name}, [${pythonString(op.column.name)}]${alembicTable(op.table).schema}, unique=True, postgresql_concurrently=True)
            op.execute(${pythonString(`ALTER TABLE ${ident(op.table)} ADD CONSTRAINT ${ident(idx)} UNIQUE USING INDEX ${ident(idx)}`)})`,
        }),
      });
    }
  },
});

/** The databases besides PostgreSQL the project also runs on (their labels): an Alembic fix keeps the column as written there. */
const otherDatabases = (ctx: RuleContext) => (ctx.migration.alsoRunsOn ?? []).filter((d) => d !== "postgresql").map((d) => DATABASE_LABEL[d]);

/** An `op.add_column(...)` call (not a batch's, which may recreate the table with the key): Alembic leaves its Column's primary_key out. */
const alembicAddsNoKey = (op: OperationOf<"add_column">) => !op.embeddedSql && calleeOf(op.text) === "op.add_column";

/**
 * Rails' primary key column added to a table with rows (`add_column :t, :id, :primary_key`): a populated key, not a
 * bare column. A serial column keeps its sequence default, which numbers every existing row as it is added (that
 * rewrite is volatile-default's finding) and is NOT NULL; its unique index is built CONCURRENTLY under the name the
 * constraint takes, and ADD PRIMARY KEY USING INDEX makes it the key without another build. Any other key column
 * starts NULL in every existing row: the template says the rows need their own values first.
 */
function railsPrimaryKeyColumn(op: OperationOf<"add_column">, idx: string, headTable: string, headColumn: string): FixSteps {
  const [t, c] = [sym(op.table), sym(op.column.name)];
  // the index and the key go at the head of the history: the names the later migrations leave
  const [ht, hc] = [sym(headTable), sym(headColumn)];
  const serial = op.column.serial ? (op.column.type?.name === "integer" ? ":serial" : ":bigserial") : undefined;
  const inPlace = serial
    ? `add_column ${t}, ${c}, ${serial}, null: false  # the sequence numbers every existing row; the primary key follows without a locked index build`
    : [
        `add_column ${t}, ${c}, ${railsType(op.column.type)}`,
        `# every existing row starts with ${op.column.name} NULL: give each its own value and make it NOT NULL (see set-not-null) before the primary key below`,
      ].join("\n");
  const sql = (text: string) => `execute ${JSON.stringify(text)}`;
  return {
    inPlace,
    steps: [
      { name: `index ${idx}`, noTransaction: true, change: true, statements: [`add_index ${ht}, ${hc}, unique: true, name: ${JSON.stringify(idx)}, algorithm: :concurrently`] },
      {
        name: `primary key ${idx}`,
        statements: [sql(`ALTER TABLE ${ident(headTable)} ADD CONSTRAINT ${ident(idx)} PRIMARY KEY USING INDEX ${ident(idx)}`)],
        // dropping the constraint drops its index: the index comes back for the previous migration's down
        down: [sql(`ALTER TABLE ${ident(headTable)} DROP CONSTRAINT ${ident(idx)}`), `add_index ${ht}, ${hc}, unique: true, name: ${JSON.stringify(idx)}`],
      },
    ],
  };
}
