import { defineRule } from "../support/rule.js";
import { fixFor, ident } from "../support/fix.js";
import { concurrentReindexSql } from "../support/sql-text.js";
import { tableWithRows, upOps } from "../support/scope.js";

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
      const tables = op.tables.filter((t) => tableWithRows(ctx, t, index));
      const on = tables.length ? ` ${tables.join(", ")}` : "";
      if (op.command === "vacuum_full" || op.command === "cluster") {
        ctx.report({
          op,
          message: `${op.command === "cluster" ? "CLUSTER" : "VACUUM FULL"}${on} rewrites the table under an ACCESS EXCLUSIVE lock.`,
          fix: fixFor(ctx.framework, { sql: `-- use pg_repack (online) or plain VACUUM${on}; never run a table rewrite in a migration` }),
        });
      } else if (op.command === "reindex" && !op.concurrently && ctx.postgresVersion >= 12) {
        // the statement as written plus CONCURRENTLY: a table stays REINDEX TABLE, an index REINDEX INDEX
        const concurrent = concurrentReindexSql(op.text);
        // REINDEX TABLE names the relation, REINDEX INDEX an index: either may be a materialized view's
        const onMaterializedView = tables.some((t) => ctx.repository.relationKind(ctx.repository.indexTable(t, index) ?? t, index) === "materialized_view");
        ctx.report({
          op,
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
