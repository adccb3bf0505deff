/**
 * A fill in batches that runs outside the migration's transaction, each batch committed on its own, as the code of a
 * migration of its own in each framework: one long UPDATE in one transaction keeps every row it touched locked until
 * the end (and bloats the table); batches that commit one by one let the application write between them.
 */
import type { Layout, Migration } from "../../model.js";
import { popSuffix } from "../../database/dialect-file.js";
import { pythonString, rubyString } from "./embed-sql.js";
import { BATCH_ROWS, batchedUpdate } from "./sql-text.js";
import { ident, sqlString } from "./fix.js";
import { hasSyntax } from "../../database/postgres-syntax.js";

export interface BatchedFill {
  table: string;
  /** the SET list, as SQL */
  assignments: string;
  /** rows still to do, as a SQL condition (it must become false once a row is done, or the loop never ends) */
  pending: string;
  /**
   * the TimeZone the migration set for the conversion the fill repeats: set on the fill's session first (a SET LOCAL
   * ends with each batch's commit), else text read as local time converts in the server's zone
   */
  timeZone?: string;
}

/** A layout, or popx / sqlx for golang-migrate's names that gobuffalo/pop (a dialect or `.autocommit` in the name, or its go.mod) or sqlx's migrator runs. */
export type FillRunner = Layout | "popx" | "sqlx";

/** The runner a fill of `migration` is written for: popx runs pop's files, sqlx its crate's, whose names are golang-migrate's. */
export const fillRunnerOf = (migration: Pick<Migration, "layout" | "path" | "pop" | "sqlx">): FillRunner =>
  migration.layout === "golang-migrate" && (migration.pop || popSuffix(migration.path)) ? "popx" : (migration.layout === "golang-migrate" || migration.layout === "plain-sql") && migration.sqlx ? "sqlx" : migration.layout;

/**
 * What a runner needs beyond the marker the new migration file gets (next-migration.ts) to run a DO block that
 * commits (PostgreSQL 11+): it cannot run inside a transaction block, nor beside other statements of one query.
 */
const OUTSIDE_TRANSACTION: Partial<Record<FillRunner, string>> = {
  "golang-migrate": "-- alone in its file: golang-migrate sends the file as one query, and a query of one statement may commit",
  popx: "-- in its .autocommit file, which popx runs outside a transaction",
  sqlx: "-- alone in its file: its first line makes sqlx send it as one query outside its transaction, and a query of one statement may commit",
  diesel: "-- alone in this up.sql: its metadata.toml says run_in_transaction = false, so diesel sends it as one query, and a query of one statement may commit",
  prisma: "-- alone in its migration.sql: Prisma sends the file as one query, and a query of one statement may commit",
  flyway: "-- with executeInTransaction=false in this file's script configuration (the same name + .conf)",
  liquibase: "-- the changeset also needs splitStatements:false (the DO block has semicolons inside)",
  "plain-sql": "-- outside BEGIN ... COMMIT (psql's default autocommit)",
};

/** The loop in PL/pgSQL: a DO block that commits each batch (PostgreSQL 11+, outside a transaction block). */
function doLoop(fill: BatchedFill, layout: FillRunner): string {
  const update = batchedUpdate(fill.table, fill.assignments, fill.pending);
  // goose and sql-migrate split on a line's `;` unless the statement is between their markers
  const group = layout === "goose" ? "-- +goose" : layout === "sql-migrate" ? "-- +migrate" : undefined;
  return [
    ...(OUTSIDE_TRANSACTION[layout] ? [OUTSIDE_TRANSACTION[layout]!] : []),
    ...(group ? [`${group} StatementBegin`] : []),
    `DO $$`,
    `DECLARE`,
    `  filled bigint;`,
    `BEGIN`,
    ...(fill.timeZone ? [`  PERFORM set_config('TimeZone', ${sqlString(fill.timeZone)}, false);  -- as the migration converted: for the session, past each COMMIT`] : []),
    `  LOOP`,
    ...update.split("\n").map((l) => `    ${l}`),
    `    GET DIAGNOSTICS filled = ROW_COUNT;`,
    `    EXIT WHEN filled = 0;`,
    `    COMMIT;`,
    `  END LOOP;`,
    `END $$;`,
    ...(group ? [`${group} StatementEnd`] : []),
  ].join("\n");
}

/**
 * SQL: the DO loop on PostgreSQL 11+. Before 11 a DO block cannot commit, and the runner runs the file once: the
 * batches are statements of their own the deploy runs before it (each committed on its own), and the migration keeps
 * one UPDATE of the rows still pending, none once they ran (a single batch in the file would leave the rest unfilled).
 */
export function sqlBatchedFill(fill: BatchedFill, layout: FillRunner, postgresVersion: number): string {
  if (hasSyntax(postgresVersion, "commitInDoBlock")) return doLoop(fill, layout);
  return [
    `-- PostgreSQL ${postgresVersion} cannot commit inside a DO block, and the runner runs this file once. Before deploying it, fill in batches`,
    `-- outside any transaction (psql in autocommit, or a step of the deploy tool), each batch a statement of its own, run again until it updates no rows:`,
    ...(fill.timeZone ? [`--   SET TIME ZONE ${sqlString(fill.timeZone)};  -- once, first: the zone the migration converts in`] : []),
    ...batchedUpdate(fill.table, fill.assignments, fill.pending).split("\n").map((l) => `--   ${l}`),
    `-- The migration keeps one UPDATE of the rows still pending: none once the batches are done. Run without them, it holds`,
    `-- the row lock of every row it fills until it commits.`,
    ...(fill.timeZone ? [`SET TIME ZONE ${sqlString(fill.timeZone)};`] : []),
    `UPDATE ${ident(fill.table)} SET ${fill.assignments} WHERE ${fill.pending};`,
  ].join("\n");
}

/**
 * SQL, where the project's own migrator runs each file in a transaction it began (own-runner.ts): a DO block that
 * commits fails there ("invalid transaction termination"), so the batches run by hand before the deploy, each
 * committed on its own, and the migration keeps one UPDATE of the rows still pending, none once the batches are done.
 */
export function sqlFillUnderRunnerTransaction(fill: BatchedFill, runner: string): string[] {
  return [
    `-- ${runner} runs this file in its transaction, where a DO block that commits fails ("invalid transaction termination").`,
    `-- Before deploying it, fill by hand outside any transaction (psql in autocommit), running this batch again until it updates no rows:`,
    ...(fill.timeZone ? [`--   SET TIME ZONE ${sqlString(fill.timeZone)};  -- once, first: the zone the migration converts in`] : []),
    ...batchedUpdate(fill.table, fill.assignments, fill.pending).split("\n").map((l) => `--   ${l}`),
    `-- The migration keeps one UPDATE of the rows still pending: none once the batches are done. Run without them, it holds`,
    `-- the row lock of every row it fills until the migration commits.`,
    ...(fill.timeZone ? [`SET LOCAL TIME ZONE ${sqlString(fill.timeZone)};`] : []),
    `UPDATE ${ident(fill.table)} SET ${fill.assignments} WHERE ${fill.pending};`,
  ];
}

const oneLine = (fill: BatchedFill) => batchedUpdate(fill.table, fill.assignments, fill.pending).replace(/;$/, "").replace(/\n/g, " ");

/** Rails: the body of `def up` in a migration with disable_ddl_transaction! (each statement then commits on its own). */
export function railsBatchedFill(fill: BatchedFill): string {
  return `# ${BATCH_ROWS} rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\nnil until connection.exec_update(${rubyString(oneLine(fill))}).zero?`;
}

/** Alembic: the loop of `upgrade()`, for a revision whose statements run in an autocommit_block (each batch commits on its own). */
export function alembicBatchedFill(fill: BatchedFill): string {
  return [
    ...(fill.timeZone ? [`# the zone the migration converts in, for the session (a SET LOCAL would end with the first batch's commit)`, `op.execute(${pythonString(`SET TIME ZONE ${sqlString(fill.timeZone)}`)})`] : []),
    `# ${BATCH_ROWS} rows a statement, each committed on its own (autocommit_block), until one updates nothing`,
    `while op.get_bind().execute(sa.text(${pythonString(oneLine(fill))})).rowcount:`,
    `    pass`,
    ...(fill.timeZone ? [`op.execute("RESET TIME ZONE")`] : []),
  ].join("\n");
}

/**
 * Django: a RunPython function for a migration with atomic = False (each statement then commits on its own);
 * `params` are bound to the statement's %s placeholders (a value Python computes, as the AlterField's default).
 */
export function djangoBatchedFillFunction(name: string, fill: BatchedFill, options: { setup?: string[]; params?: string } = {}): string {
  return [
    `def ${name}(apps, schema_editor):`,
    ...(options.setup ?? []).map((l) => `    ${l}`),
    `    # ${BATCH_ROWS} rows a statement, each committed on its own (atomic = False), until one updates nothing`,
    `    with schema_editor.connection.cursor() as cursor:`,
    `        while True:`,
    `            cursor.execute(${pythonString(oneLine(fill))}${options.params ? `, ${options.params}` : ""})`,
    `            if cursor.rowcount == 0:`,
    `                break`,
  ].join("\n");
}
