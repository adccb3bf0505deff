import { defineRule } from "../support/rule.js";
import { fixFor, ident } from "../support/fix.js";
import { concurrentReindexSql } from "../support/sql-text.js";
import { tableWithRows, upOps } from "../support/scope.js";
import { mayRunUnderOwnRunner } from "../support/own-runner.js";
import { hasSyntax } from "../../database/postgres-syntax.js";

export default defineRule({
  meta: {
    id: "table-rewrite-maintenance",
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "error",
    title: "VACUUM FULL, CLUSTER, plain REINDEX and table rewrites lock the table",
    why:
      "VACUUM FULL and CLUSTER rewrite the table under an ACCESS EXCLUSIVE lock; REINDEX without CONCURRENTLY blocks " +
      "writes (and reads through the index); SET TABLESPACE / SET LOGGED rewrite the table. On a live table each is an outage " +
      "for as long as the rewrite takes.",
    postgres: "REINDEX CONCURRENTLY needs PostgreSQL 12+",
  },
  check(ctx) {
    for (const { op, index } of upOps(ctx, "maintenance")) {
      // REINDEX INDEX names an index: whether it waits on anyone is its table's question
      const tables = op.tables.filter((t) => tableWithRows(ctx, ctx.repository.indexTable(t, index) ?? t, index));
      // every relation named is one this migration created (or emptied) earlier: the rewrite runs on an empty table no
      // deployed code reads yet, as the lock rules skip a CREATE INDEX there; a REINDEX DATABASE names none and stays
      if (op.tables.length && !tables.length) continue;
      const on = tables.length ? ` ${tables.join(", ")}` : "";
      if (op.command === "vacuum_full" || op.command === "cluster") {
        ctx.report({
          op,
          // the project's own migrator may run the file in a transaction (own-runner.ts), where no VACUUM runs
          ...(mayRunUnderOwnRunner(ctx, op) ? { fixUnderRunnerTransaction: (runner: string) => byHand(runner, "VACUUM", `VACUUM${on};`, "use pg_repack (online), or run plain VACUUM") } : {}),
          message: `${op.command === "cluster" ? "CLUSTER" : "VACUUM FULL"}${on} rewrites the table under an ACCESS EXCLUSIVE lock.`,
          fix: fixFor(ctx.framework, { sql: `-- use pg_repack (online) or plain VACUUM${on}; never run a table rewrite in a migration` }),
        });
      } else if (op.command === "reindex" && !op.concurrently && hasSyntax(ctx.postgresVersion, "reindexConcurrently")) {
        // the statement as written plus CONCURRENTLY: a table stays REINDEX TABLE, an index REINDEX INDEX
        const concurrent = concurrentReindexSql(op.text);
        // REINDEX TABLE names the relation, REINDEX INDEX an index: either may be a materialized view's
        const onMaterializedView = tables.some((t) => ctx.repository.relationKind(ctx.repository.indexTable(t, index) ?? t, index) === "materialized_view");
        ctx.report({
          op,
          // the project's own migrator may run the file in a transaction (own-runner.ts), where CONCURRENTLY cannot
          ...(concurrent && mayRunUnderOwnRunner(ctx, op) ? { fixUnderRunnerTransaction: (runner: string) => byHand(runner, "REINDEX CONCURRENTLY", `${concurrent};`, "run it") } : {}),
          message: onMaterializedView
            ? `REINDEX${on} without CONCURRENTLY blocks the materialized view's REFRESH (nothing else writes it) and, with the ACCESS EXCLUSIVE lock on each index it rebuilds, nearly every read of the view (the planner locks every index) while the index is rebuilt.`
            : `REINDEX${on} without CONCURRENTLY blocks writes while the index is rebuilt.`,
          fix: fixFor(ctx.framework, {
            sql: concurrent
              ? `-- outside a transaction (its own migration, without the runner's transaction):\n${concurrent};`
              : "-- system catalogs cannot be reindexed concurrently: run this in a maintenance window, outside the migration",
          }),
        });
      } else if (op.command === "refresh_materialized_view" && !op.concurrently && tables.length) {
        ctx.report({
          op,
          severity: "warning",
          message: `REFRESH MATERIALIZED VIEW${on} without CONCURRENTLY blocks every read of the view until it finishes.`,
          fix: fixFor(ctx.framework, { sql: `-- needs a unique index on the view:\nREFRESH MATERIALIZED VIEW CONCURRENTLY ${ident(tables[0])};` }),
        });
      }
    }
    for (const { op, index } of upOps(ctx, "raw")) {
      if (!op.rewritesTable || !tableWithRows(ctx, op.table, index)) continue;
      ctx.report({
        op,
        message: op.statement.startsWith("ALTER TABLE ")
          ? `ALTER TABLE ${op.table} ${op.statement.slice("ALTER TABLE ".length)} rewrites the whole table under an ACCESS EXCLUSIVE lock.`
          : `${op.statement} rewrites ${op.table} under an ACCESS EXCLUSIVE lock.`,
        fix: fixFor(ctx.framework, { sql: "-- do this in a maintenance window, or build a new table and swap it in" }),
      });
    }
  },
});

/**
 * Where the project's own migrator runs the file in its transaction: `statement`, which cannot run in one, goes out
 * of the migration and runs by hand before the deploy, outside any transaction; the migration keeps nothing of it.
 */
function byHand(runner: string, what: string, statement: string, how: string): string {
  return [
    `-- ${runner} runs this file in its transaction, where ${what} cannot run ("cannot run inside a transaction block").`,
    `-- Take the statement out of the migration and, before the deploy, ${how} by hand outside any transaction (psql in autocommit):`,
    ...statement.split("\n").map((l) => `--   ${l}`),
  ].join("\n");
}
