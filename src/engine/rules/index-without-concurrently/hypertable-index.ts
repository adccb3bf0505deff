/**
 * An index on a TimescaleDB hypertable: TimescaleDB refuses CREATE INDEX CONCURRENTLY on one ("hypertables do not
 * support concurrent index creation"), so the CONCURRENTLY fix would fail. Its own way is WITH
 * (timescaledb.transaction_per_chunk): the index is built chunk by chunk, each chunk in a transaction of its own, so
 * writes wait only on the chunk being indexed. Like CONCURRENTLY it refuses a transaction block, and it refuses a
 * UNIQUE index, for which TimescaleDB has no build that lets writes go on.
 */
import { runsEveryVersion } from "../support/out-of-band-index.js";
import type { RuleContext } from "../support/rule.js";
import type { OperationOf } from "../../model.js";
import type { HypertableOrigin } from "../../repository/hypertables.js";
import { fixFor, ident } from "../support/fix.js";
import { PER_CHUNK_OPTION, perChunkIndexSql } from "../support/sql-text.js";
import { pythonString, rubyString } from "../support/embed-sql.js";
import { calleeOf, keywordText, withKeyword } from "../support/python-call.js";
import { reindented } from "../support/data-code.js";
import { separateDatabaseAndState } from "../support/django-separate-state.js";
import { NO_WAY_OUT_OF_TRANSACTION, outsideTransactionPlacement, sendsOneQuery } from "../support/leave-transaction.js";
import { indexName } from "../../adapters/rails/rails-names.js";
import { codeHypertables } from "../../code/model-hypertables.js";
import { alembicCode } from "../support/alembic-code.js";
import { nameKey } from "../support/facts.js";

/** `made` as the message and fix say it: the statement, and the migration (or application code) and line where it runs. */
function madeWhere(ctx: RuleContext, made: HypertableOrigin): string {
  const how = made.createdAsHypertable ? "created WITH (timescaledb.hypertable)" : "create_hypertable";
  if (made.byCode) return `${how} at ${made.path}:${made.line}, in the application's code; no migration creates the table`;
  return `${how} at ${made.path === ctx.migration.path ? `line ${made.line} of this migration` : `${made.path}:${made.line}`}`;
}

/**
 * `table` made a hypertable by the application's Python code (an SQLAlchemy after_create DDL), when no migration
 * creates it: a table a migration creates never runs such a listener, so the code's call says nothing of it.
 */
export function codeHypertable(ctx: RuleContext, table: string): HypertableOrigin | undefined {
  if (ctx.repository.tableBirth(table)) return undefined;
  const found = codeHypertables(alembicCode(ctx).code).get(nameKey(table));
  return found && { ...found, byCode: true };
}

/**
 * The per-chunk CREATE INDEX of `op`: its own SQL with the option added (SQL, or SQL a framework runs), else written
 * from what was read of a framework's call when that is the whole index (plain columns, no condition, nothing unread).
 */
function perChunkSql(ctx: RuleContext, op: OperationOf<"add_index">, name: string): string | undefined {
  if (ctx.framework === "sql" || op.embeddedSql) return perChunkIndexSql(op.text);
  // an index a Django field asks for (db_index, a ForeignKey) comes with the field's own operation: not one to replace by SQL
  if (op.ormField) return undefined;
  const plain = op.columns.length > 0 && op.columns.every((c) => /^\w+$/.test(c));
  if (!plain || op.partial || op.unreadOptions?.length || op.opclasses?.length || op.include?.length || op.nullsDistinct !== undefined) return undefined;
  const using = op.method && op.method !== "btree" ? ` USING ${op.method}` : "";
  return `CREATE INDEX ${ident(name)} ON ${ident(op.table)}${using} (${op.columns.map(ident).join(", ")}) WITH (${PER_CHUNK_OPTION});`;
}

/** The finding's message and fix for an index `op` (named `name`) on the hypertable `made` made. */
export function hypertableIndexReport(ctx: RuleContext, op: OperationOf<"add_index">, name: string, made: HypertableOrigin): { message: string; fix: string } {
  const what = op.name ?? `on ${op.table} (${op.columns.join(", ")})`;
  const why = `${op.table} is a TimescaleDB hypertable (${madeWhere(ctx, made)}), which refuses CREATE INDEX CONCURRENTLY`;
  if (op.unique) {
    const comments = [
      `${why} and builds a UNIQUE index only in one transaction over every chunk`,
      `(WITH (${PER_CHUNK_OPTION}) refuses UNIQUE): no build lets writes go on. Run this migration when writes`,
      `to ${op.table} can wait for the whole build, with a lock_timeout so it does not queue behind a long transaction:`,
    ];
    const asWritten = reindented(op.text.trim());
    const framework = (comment: string, setting: string) => () => [...comments.map((l) => `${comment} ${l}`), setting, asWritten].join("\n");
    return {
      message: `Creating unique index ${what} blocks writes to ${op.table} while it builds: ${why}, and TimescaleDB cannot build a UNIQUE index chunk by chunk (transaction_per_chunk) either.`,
      fix: fixFor(ctx.framework, {
        sql: [...comments.map((l) => `-- ${l}`), `SET lock_timeout = '5s';`, `${asWritten.replace(/;\s*$/, "")};`].join("\n"),
        ...(op.embeddedSql
          ? {}
          : {
              rails: framework("#", `execute "SET lock_timeout = '5s'"`),
              alembic: framework("#", `op.execute("SET lock_timeout = '5s'")`),
              django: framework("#", `migrations.RunSQL("SET lock_timeout = '5s'", reverse_sql=migrations.RunSQL.noop),`),
            }),
      }),
    };
  }
  // Rails names an unnamed index itself (index_<table>_on_<columns>); `name` is op.name when the migration gives one
  const built = ctx.framework === "rails" && !op.name ? indexName(op.table, op.columns) : name;
  const sql = perChunkSql(ctx, op, built);
  const lines = [
    `${why} ("hypertables do not support concurrent index creation").`,
    `WITH (${PER_CHUNK_OPTION}) builds the index chunk by chunk, each chunk in a transaction of its own,`,
    `so writes wait only on the chunk being indexed. Like CONCURRENTLY it cannot run inside a transaction block.`,
    `A build that fails leaves the index INVALID on ${op.table} (new chunks still get it): drop it and build it again.`,
  ];
  const message = `Creating index ${what} without CONCURRENTLY blocks writes to ${op.table} while it builds; ${op.table} is a TimescaleDB hypertable, which refuses CONCURRENTLY: build it with WITH (${PER_CHUNK_OPTION}) instead.`;
  const alembicCall = ctx.framework === "alembic" ? alembicPerChunkCall(op) : undefined;
  if (alembicCall) return { message, fix: [...lines.map((l) => `# ${l}`), `with op.get_context().autocommit_block():`, `    ${alembicCall}`].join("\n") };
  if (!sql) {
    const unread = `migguard could not write this index as SQL: copy the CREATE INDEX the migration runs, add WITH (${PER_CHUNK_OPTION}) and run it outside the migration's transaction.`;
    const commented = (c: string) => [...lines, unread].map((l) => `${c} ${l}`).join("\n");
    const hashed = () => commented("#");
    return { message, fix: fixFor(ctx.framework, { sql: commented("--"), rails: hashed, alembic: hashed, django: hashed }) };
  }
  const drop = `DROP INDEX IF EXISTS ${ident(built)}`;
  return {
    message,
    fix: fixFor(ctx.framework, {
      sql: [...lines.map((l) => `-- ${l}`), sqlPlacement(ctx, op), sql].join("\n"),
      rails: () =>
        [
          ...lines.map((l) => `# ${l}`),
          `# in a migration of its own, outside the DDL transaction:`,
          `disable_ddl_transaction!`,
          ``,
          `def up`,
          `  execute ${rubyString(sql.replace(/;$/, ""))}`,
          `end`,
          ``,
          `def down`,
          `  execute ${rubyString(drop)}`,
          `end`,
        ].join("\n"),
      alembic: () => [...lines.map((l) => `# ${l}`), `with op.get_context().autocommit_block():`, `    op.execute(${pythonString(sql.replace(/;$/, ""))})`].join("\n"),
      django: () => djangoPerChunk(op, lines, sql, drop),
    }),
  };
}

/**
 * The Django build: RunSQL in a migration that is not atomic; an AddIndex stays in Django's state
 * (SeparateDatabaseAndState), so the model and the migrations still agree.
 */
function djangoPerChunk(op: OperationOf<"add_index">, lines: readonly string[], sql: string, drop: string): string {
  const run = [`migrations.RunSQL(`, `    ${pythonString(sql.replace(/;$/, ""))},`, `    reverse_sql=${pythonString(drop)},`, `),`];
  const head = [...lines.map((l) => `# ${l}`), `# in a migration of its own with atomic = False on its Migration class, in place of this operation:`];
  if (op.embeddedSql) return [...head, ...run].join("\n");
  return [...head, ...separateDatabaseAndState(run, op.text)].join("\n");
}

/**
 * The revision's own op.create_index with postgresql_with (SQLAlchemy writes it as the index's WITH list), every
 * other argument as written (postgresql_using, postgresql_ops, op.f names); undefined for any other call.
 */
function alembicPerChunkCall(op: OperationOf<"add_index">): string | undefined {
  if (op.embeddedSql || op.batchBlock || calleeOf(op.text) !== "op.create_index" || keywordText(op.text, "postgresql_with") !== undefined) return undefined;
  return withKeyword(reindented(op.text.trim()), "postgresql_with", `{${pythonString(PER_CHUNK_OPTION)}: True}`)?.replace(/\n/g, "\n    ");
}

/** Where a SQL migration's per-chunk build goes: outside its transaction, as the layout allows. */
function sqlPlacement(ctx: RuleContext, op: OperationOf<"add_index">): string {
  const runner = NO_WAY_OUT_OF_TRANSACTION[ctx.migration.layout];
  if (runner) return `-- ${runner} ${runsEveryVersion(runner)} and has no way out of it: run this by hand, outside any transaction, before migrating.`;
  if (!op.embeddedSql && sendsOneQuery(ctx.migration))
    return `-- in a migration file of its own, this statement alone (${ctx.migration.layout} sends the file as one query, and PostgreSQL runs two or more statements as one transaction):`;
  return outsideTransactionPlacement(ctx.migration, ctx.repository);
}
