import { defineRule } from "../support/rule.js";
import { keptTable, upOps } from "../support/scope.js";
import { isMysqlFamily } from "../support/databases.js";
import { uncoveredKeys } from "./uncovered-keys.js";
import { buildFirstFix, coveringIndexFix, keyWords } from "./covering-index-fix.js";

export default defineRule({
  meta: {
    id: "drop-index-behind-foreign-key",
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "warning",
    databases: ["postgresql", "mysql", "mariadb"],
    title: "Dropping the only index of a foreign key's columns",
    why:
      "PostgreSQL checks a foreign key from the referenced side too: every DELETE of a parent row, and every update of " +
      "its key, looks up the child rows that reference it. Without an index on the key's columns each lookup is a " +
      "sequential scan of the child table, run for every parent row and holding the statement's locks meanwhile; an " +
      "ON DELETE CASCADE key deletes its rows by such scans. MySQL's InnoDB needs that index and refuses the drop " +
      "(ERROR 1553: needed in a foreign key constraint), so there the migration fails.",
  },
  check(ctx) {
    const database = ctx.migration.database ?? "postgresql";
    const mysql = isMysqlFamily(database);
    for (const { op, index } of upOps(ctx, "drop_index")) {
      const dropped = uncoveredKeys(ctx, op, index, mysql);
      // the table goes with the migration: its keys and indexes go with it
      if (!dropped || !keptTable(ctx, dropped.table, index)) continue;
      const what = dropped.name ?? `the index on ${dropped.table} (${dropped.columns.join(", ")})`;
      for (const { key, rebuilt } of dropped.keys) {
        const parent = key.references ?? "the referenced table";
        if (rebuilt) {
          // built again in the same transaction: no other session sees the table without it (the drop's lock holds
          // the table until commit); outside one, parent deletes scan the child until the build is done
          if (!mysql && op.inTransaction && !op.concurrently && !rebuilt.op.concurrently && rebuilt.op.inTransaction) continue;
          if (mysql) continue;
          ctx.report({
            op,
            severity: "info",
            message:
              `Dropping ${what} leaves the foreign key ${keyWords(key)} without an index until line ${rebuilt.op.loc.line} builds ` +
              `${rebuilt.op.name ?? "its new one"}: meanwhile every DELETE on ${parent} scans ${dropped.table} for each row.`,
            fix: buildFirstFix(ctx.framework, dropped, key, rebuilt.op),
          });
          continue;
        }
        ctx.report({
          op,
          ...(mysql
            ? {
                severity: "error" as const,
                hazard: "none" as const,
                message:
                  `MySQL refuses to drop ${what}: it is the only index of the foreign key ${keyWords(key)} on ${dropped.table}, ` +
                  `and InnoDB needs one whose leftmost columns are the key's (ERROR 1553: needed in a foreign key constraint). The migration fails.`,
              }
            : {
                message:
                  `Dropping ${what} leaves the foreign key ${keyWords(key)} with no index on ${dropped.table} (${key.columns.join(", ")}): ` +
                  `every DELETE on ${parent}, and every update of its key, then scans ${dropped.table} for each row, holding its locks for the scan` +
                  `${key.onDeleteCascade ? " (ON DELETE CASCADE deletes the child rows by those scans)" : ""}.`,
              }),
          fix: coveringIndexFix(ctx, dropped, key, database),
        });
      }
    }
  },
});
