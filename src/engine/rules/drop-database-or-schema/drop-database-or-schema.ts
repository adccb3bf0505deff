import { defineRule } from "../support/rule.js";
import { fixFor, ident } from "../support/fix.js";
import { upOps } from "../support/scope.js";
import { ALL_DATABASES } from "../support/databases.js";
import { sqlDialect, migrationDialect } from "../support/sql-dialect.js";

/**
 * MySQL cannot rename a database (its SCHEMA is the same thing), but RENAME TABLE moves tables between
 * databases of one server: the tables go to <name>_deprecated, read from information_schema, and the data stays.
 */
function mysqlFix(name: string): string {
  const mysql = sqlDialect("mysql");
  const kept = `${name}_deprecated`;
  const literal = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  const quoted = (text: string) => literal(`\`${text.replace(/`/g, "``")}\``);
  return [
    `-- MySQL cannot rename a database: move its tables to ${kept} instead (views, routines and events stay behind),`,
    `-- and drop ${kept} in a later migration once nobody misses the data:`,
    `CREATE DATABASE ${mysql.ident(kept)};`,
    `SET SESSION group_concat_max_len = 1048576;`,
    `SET @move_tables = (SELECT CONCAT('RENAME TABLE ', GROUP_CONCAT(CONCAT(${quoted(name)}, '.\`', REPLACE(TABLE_NAME, '\`', '\`\`'), '\` TO ', ${quoted(kept)}, '.\`', REPLACE(TABLE_NAME, '\`', '\`\`'), '\`'))) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${literal(name)} AND TABLE_TYPE = 'BASE TABLE');`,
    `PREPARE move_tables FROM @move_tables;`,
    `EXECUTE move_tables;`,
    `DEALLOCATE PREPARE move_tables;`,
  ].join("\n");
}

/**
 * Rename instead of drop. ALTER ... RENAME has no IF EXISTS: after DROP SCHEMA IF EXISTS (a schema that may not be
 * there) the rename runs only when the catalog has it. A database cannot be renamed from a DO block (nor while
 * connected to it), so its rename stays the plain statement.
 */
function postgresFix(kind: "DATABASE" | "SCHEMA", name: string, ifExists: boolean): string {
  const rename = `ALTER ${kind} ${ident(name)} RENAME TO ${ident(`${name}_deprecated`)};`;
  if (!ifExists || kind === "DATABASE") return `-- rename it instead and drop it later, after a backup:\n${rename}`;
  return [
    `-- rename it instead (when it exists) and drop it later, after a backup:`,
    `DO $$`,
    `BEGIN`,
    `  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = '${name.replace(/'/g, "''")}') THEN`,
    `    ${rename}`,
    `  END IF;`,
    `END $$;`,
  ].join("\n");
}

export default defineRule({
  meta: {
    id: "drop-database-or-schema",
    databases: ALL_DATABASES,
    category: "data-loss",
    severity: "error",
    title: "Dropping a database or a schema with CASCADE",
    why: "DROP DATABASE and DROP SCHEMA ... CASCADE delete every table in them at once; no down migration brings the data back.",
  },
  check(ctx) {
    const created = new Set(upOps(ctx, "create_object").map(({ op }) => `${op.objectType}:${op.name.toLowerCase()}`));
    for (const { op } of upOps(ctx, "drop_object")) {
      const isDatabase = op.objectType === "database";
      const isSchema = op.objectType === "schema" && op.cascade;
      if (!isDatabase && !isSchema) continue;
      const names = op.names.filter((n) => !created.has(`${op.objectType}:${n.toLowerCase()}`));
      if (names.length === 0) continue;
      ctx.report({
        op,
        message: `DROP ${isDatabase ? "DATABASE" : "SCHEMA ... CASCADE"} ${names.join(", ")} deletes every table in it; no rollback can restore the data.`,
        fix: fixFor(ctx.framework, { sql: migrationDialect(ctx.migration).mysql ? mysqlFix(names[0]) : postgresFix(isDatabase ? "DATABASE" : "SCHEMA", names[0], op.ifExists) }),
      });
    }
  },
});
