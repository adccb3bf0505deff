import { mysqlIdent } from "../../adapters/sql/mysql/mysql-ident.js";
import type { ColumnSpec, Operation } from "../../model.js";
import { MYSQL_FAMILY } from "../support/databases.js";
import { beforeOperation } from "../support/data-code.js";
import { embedSql } from "../support/embed-sql.js";
import { fixFor, sym } from "../support/fix.js";
import { calleeOf } from "../support/python-call.js";
import { blockingDdl, rowVersionLimit, typeChange, type OnlineDdl } from "../support/mysql-online-ddl.js";
import { rubyReaders } from "../../adapters/rails/ruby-readers.js";
import { defineRule, type RuleContext } from "../support/rule.js";
import { existingTable, upOps } from "../support/scope.js";
import { inRubySql } from "../support/inside-ruby-sql.js";
import { rubyString } from "../support/embed-sql.js";
import { restatedColumn } from "./restated-column.js";
import { retypedByKey, retypedKeyFix, retypedWhy } from "./retyped-key.js";

/** MySQL identifiers in fixes: backticks when MySQL's grammar does not read the name bare (`order`, `rank`, `my col`). */
const q = mysqlIdent;

/** The ALTER TABLE clause that performs the operation, for gh-ost's --alter / pt-online-schema-change's --alter. */
function alterClause(op: Operation): string | undefined {
  switch (op.kind) {
    case "alter_column_type":
      return `MODIFY ${q(op.column)} ${op.type.text}`;
    case "redefine_column":
      return op.column.type ? `MODIFY ${q(op.column.name)} ${op.column.type.text}${op.column.notNull ? " NOT NULL" : ""}` : undefined;
    case "add_index":
      return `ADD ${op.method === "fulltext" ? "FULLTEXT " : op.method === "spatial" ? "SPATIAL " : ""}INDEX ${op.name ? `${q(op.name)} ` : ""}(${op.columns.map(q).join(", ")})`;
    case "drop_constraint":
      return op.name === "PRIMARY" ? "DROP PRIMARY KEY" : undefined;
    case "add_constraint":
      return op.constraint === "primary_key" && op.columns.length ? `ADD PRIMARY KEY (${op.columns.map(q).join(", ")})` : undefined;
    case "raw":
      return op.statement.startsWith("ALTER TABLE CONVERT TO ") ? op.statement.slice("ALTER TABLE ".length) : undefined;
    default:
      return undefined;
  }
}

const tableOf = (op: Operation): string | undefined => ("table" in op && typeof op.table === "string" ? op.table : undefined);

/** Was foreign_key_checks switched off (and not back on) before the operation at `index`? */
function foreignKeyChecksOff(ctx: RuleContext, index: number): boolean {
  let off = false;
  for (const op of ctx.migration.up.slice(0, index)) {
    if (op.kind !== "set_setting" || op.name.replace(/^@@(session\.)?/, "") !== "foreign_key_checks") continue;
    off = /^(0|off|false)$/i.test((op.value ?? "").trim());
  }
  return off;
}

/**
 * gh-ost's and pt-online-schema-change's command lines. The database of a table named without one is the
 * connection's, which no migration names: the commands read it from $MYSQL_DATABASE, and say so.
 */
function onlineCommands(table: string, clause: string | undefined): string {
  if (clause === undefined) return "gh-ost or pt-online-schema-change, with --alter set to this statement's ALTER TABLE clauses (migguard could not read them)";
  const [database, name] = table.includes(".") ? table.split(".", 2) : [undefined, table];
  const db = database ?? '"$MYSQL_DATABASE"';
  const alter = clause.replace(/"/g, '\\"');
  return [
    ...(database ? [] : ["(MYSQL_DATABASE: the database the migrations run in, which they do not name)"]),
    `gh-ost --database=${db} --table=${name} --alter="${alter}" --execute`,
    `pt-online-schema-change --alter "${alter}" D=${db},t=${name} --execute`,
  ].join("\n");
}

/**
 * The clause for the online tools (or an in-place ALTER): a type change's MODIFY restates the whole column, with
 * what the migrations say of it (restated-column.ts), and what they do not say as a comment line.
 */
function clauseOf(ctx: RuleContext, op: Operation, table: string): { clause: string | undefined; unknown: string[] } {
  if (op.kind !== "alter_column_type") return { clause: alterClause(op), unknown: [] };
  return restatedColumn(ctx, op, table);
}

const unknownNote = (unknown: readonly string[]) =>
  unknown.length ? [`MODIFY restates the whole column: migguard does not know ${unknown.join(" or ")}; add it, or MySQL drops it`] : [];

function copyFix(ctx: RuleContext, op: Operation, table: string): string {
  const { clause, unknown } = clauseOf(ctx, op, table);
  const commands = [...unknownNote(unknown), ...onlineCommands(table, clause).split("\n")].join("\n");
  const comment = (prefix: string) => commands.split("\n").map((line) => `${prefix}  ${line}`).join("\n");
  return fixFor(ctx.framework, {
    sql: `-- run the change online, outside the migration (gh-ost or pt-online-schema-change copy the table in the background\n-- and swap it in), then keep this migration as the record that it ran:\n${comment("--")}`,
    rails: () => `# run the change online, outside the deploy (gh-ost or pt-online-schema-change copy the table in the\n# background and swap it in; the departure gem runs migrations through pt-online-schema-change), then keep\n# this migration as the record that it ran:\n${comment("#")}`,
    django: () => `# run the change online, outside the deploy (gh-ost or pt-online-schema-change copy the table in the\n# background and swap it in), then keep this migration as the record that it ran (\`migrate --fake\`):\n${comment("#")}`,
    alembic: () => `# run the change online, outside the deploy (gh-ost or pt-online-schema-change copy the table in the\n# background and swap it in), then keep this revision as the record that it ran (\`alembic stamp\`):\n${comment("#")}`,
  });
}

/** MODIFY/CHANGE of an unknown previous definition: ask for the in-place algorithm, so MySQL refuses instead of copying. */
function inplaceFix(ctx: RuleContext, op: Operation, table: string, clauses = clauseOf(ctx, op, table).clause): string {
  // no clause read (a redefinition whose new type is unknown): a SQL migration's own ALTER TABLE, as written
  const own = ctx.framework === "sql" && /^ALTER\s+TABLE\s/i.test(op.text.trim()) ? op.text.trim().replace(/;\s*$/, "") : undefined;
  if (clauses === undefined && own === undefined) {
    const say = (prefix: string) => `${prefix} migguard could not read the new definition of ${table}'s column: run the change with ALGORITHM=INPLACE, LOCK=NONE added, so MySQL refuses instead of copying the table`;
    return fixFor(ctx.framework, { sql: say("--"), rails: () => say("#"), django: () => say("#"), alembic: () => say("#") });
  }
  const sql = clauses === undefined ? `${own}, ALGORITHM=INPLACE, LOCK=NONE` : `ALTER TABLE ${q(table)} ${clauses}, ALGORITHM=INPLACE, LOCK=NONE`;
  const note = (prefix: string) => unknownNote(clauses === undefined ? [] : clauseOf(ctx, op, table).unknown).map((line) => `${prefix} ${line}\n`).join("");
  return fixFor(ctx.framework, {
    sql: `${note("--")}-- MySQL refuses (instead of copying the table) when the change cannot be made in place:\n${sql};\n-- if it refuses, run it online:\n${onlineCommands(table, clauses)
      .split("\n")
      .map((l) => `--   ${l}`)
      .join("\n")}`,
    rails: () => `${note("#")}# MySQL refuses (instead of copying the table) when the change cannot be made in place:\nexecute "${sql.replace(/"/g, '\\"')}"`,
    django: () => `${note("#")}# MySQL refuses (instead of copying the table) when the change cannot be made in place;\n# keep the AlterField as the state_operations of migrations.SeparateDatabaseAndState:\nmigrations.RunSQL(${JSON.stringify(sql)}, reverse_sql=migrations.RunSQL.noop)`,
    alembic: () => `${note("#")}# MySQL refuses (instead of copying the table) when the change cannot be made in place:\nop.execute(${JSON.stringify(sql)})`,
  });
}

function foreignKeyFix(ctx: RuleContext, op: Extract<Operation, { kind: "add_constraint" }>): string {
  const orphans = `-- existing rows are not checked: look for orphans first (SELECT ... LEFT JOIN ${op.referencesTable ?? "the referenced table"} ... WHERE ... IS NULL)`;
  // the Rails variant reads the call with Prism, which a SQL-only lint never loads: fixFor builds it only for Rails
  const statement = op.text.trim().replace(/;\s*$/, "");
  // SQL embedded in Ruby stays SQL: in a heredoc of several statements, in that heredoc; else an execute of its own
  const rails = () =>
    (op.embeddedSql && inRubySql(ctx.migration, op, `SET foreign_key_checks = 0;  -- lets MySQL add the key in place, without copying ${op.table}\n${statement};\nSET foreign_key_checks = 1;\n${orphans}`, "adds the key with foreign_key_checks off")) ||
    `execute "SET foreign_key_checks = 0"  # lets MySQL add the key in place, without copying ${op.table}\n${op.embeddedSql ? `execute ${rubyString(statement)}` : rubyReaders().withoutPostgresOptions(op.text.trim())}\nexecute "SET foreign_key_checks = 1"\n${orphans.replace(/^--/, "#")}`;
  return fixFor(ctx.framework, {
    sql: `SET foreign_key_checks = 0;  -- lets MySQL add the key in place (ALGORITHM=INPLACE, LOCK=NONE)\n${op.text.trim().replace(/;\s*$/, "")};\nSET foreign_key_checks = 1;\n${orphans}`,
    rails,
    django: () => `migrations.RunSQL("SET foreign_key_checks = 0", reverse_sql=migrations.RunSQL.noop),  # MySQL adds the key in place\n# ... the operation that adds the foreign key ...\nmigrations.RunSQL("SET foreign_key_checks = 1", reverse_sql=migrations.RunSQL.noop),\n${orphans.replace(/^--/, "#")}`,
    alembic: () => `op.execute("SET foreign_key_checks = 0")  # MySQL adds the key in place\n${op.text.trim()}\nop.execute("SET foreign_key_checks = 1")\n${orphans.replace(/^--/, "#")}`,
  });
}

const refusesToCopy = (op: Operation) => op.algorithm === "inplace" || op.algorithm === "instant";

export default defineRule({
  meta: {
    id: "mysql-table-copy",
    category: "blocking-lock",
    hazard: "concurrency",
    severity: "error",
    databases: MYSQL_FAMILY,
    title: "MySQL copies the table (or builds under a shared lock) and blocks writes",
    why:
      "Most InnoDB changes are online: ADD INDEX, ADD/DROP/RENAME COLUMN and defaults run in place (or instantly) while " +
      "writes go on. A few are not: changing a column's type, converting the character set, adding a foreign key with " +
      "foreign_key_checks=1, adding a CHECK constraint and dropping the primary key copy the whole table " +
      "(ALGORITHM=COPY), and FULLTEXT/SPATIAL indexes are built under a shared lock. Every INSERT, UPDATE and DELETE " +
      "waits until the copy ends: minutes to hours on a large table. Naming ALGORITHM=INPLACE (or INSTANT) makes MySQL " +
      "refuse instead of copying silently; gh-ost and pt-online-schema-change do the copy without blocking. Adding a primary " +
      "key rebuilds the table in place (a warning): writes go on, but every row is rewritten. Adding an AUTO_INCREMENT column " +
      "permits no concurrent writes at all (MySQL's online DDL table; MariaDB refuses LOCK=NONE for it). MySQL 8.0.29+ adds and " +
      "drops columns instantly by giving the table a row version, at most 64 per table (255 from 9.1.0) until it is rebuilt; " +
      "past that, ALGORITHM=INSTANT is refused and an ALTER naming no algorithm rebuilds the table (a warning when the " +
      "repository's migrations reach the limit). Facts: MySQL 8.0 Reference Manual, \"Online DDL Operations\" (column " +
      "operations: auto-increment columns, TOTAL_ROW_VERSIONS and the row version limit); MariaDB, \"InnoDB Online DDL " +
      "Operations with the INPLACE Alter Algorithm\".",
  },
  check(ctx) {
    const { up, database, databaseVersion } = ctx.migration;
    for (const { op, index } of upOps(ctx, "add_index", "add_constraint", "drop_constraint", "raw", "alter_column_type", "redefine_column", "add_column", "drop_column")) {
      const table = tableOf(op);
      if (!table || !existingTable(ctx, table, index) || refusesToCopy(op)) continue;
      if (op.kind === "add_column" && op.column.primaryKey && !numbersItself(ctx, op)) {
        reportNewKeyColumn(ctx, op, op.column, table);
        continue;
      }
      if ((op.kind === "add_column" && !numbersItself(ctx, op)) || op.kind === "drop_column") {
        checkRowVersions(ctx, op, table, index);
        continue;
      }
      if (op.kind === "alter_column_type" || op.kind === "redefine_column") {
        const to = op.kind === "alter_column_type" ? op.type : op.column.type;
        const column = op.kind === "alter_column_type" ? op.column : op.column.name;
        // MODIFY restates the type: the history (this migration's ADD COLUMN, an earlier CREATE TABLE) says what it was
        const from = (op.kind === "alter_column_type" ? op.fromType : undefined) ?? ctx.repository.columnType(table, column, index);
        const verdict = typeChange(from, to, database, databaseVersion);
        if (verdict === "unknown") {
          ctx.report({
            op,
            severity: "warning",
            message: `This redefines ${table}.${column}${to ? ` as ${to.text}` : ""}; if its type changes (or a VARCHAR crosses the 255-byte length prefix), MySQL copies ${table} and blocks writes until the copy ends.`,
            fix: inplaceFix(ctx, op, table),
          });
        } else if (!verdict.writes) report(ctx, op, table, verdict);
        continue;
      }
      const addsPrimaryKeyToo = up.some((other) => other.kind === "add_constraint" && other.constraint === "primary_key" && other.loc.line === op.loc.line && other.text === op.text);
      const autoIncrement = op.kind === "add_column" && numbersItself(ctx, op);
      const verdict = blockingDdl(op, { foreignKeyChecksOff: foreignKeyChecksOff(ctx, index), addsPrimaryKeyToo, database, version: databaseVersion, autoIncrement });
      if (verdict && op.kind === "add_column") reportAutoIncrement(ctx, op, table, verdict);
      else if (verdict) report(ctx, op, table, verdict);
      else if (op.kind === "add_constraint" && op.constraint === "primary_key") {
        // a key on a column the same statement adds, without AUTO_INCREMENT: every row has the same value in it
        const added = up.find((other) => other.kind === "add_column" && other.loc.line === op.loc.line && other.text === op.text && op.columns.includes(other.column.name) && !numbersItself(ctx, other));
        if (added?.kind === "add_column") {
          reportNewKeyColumn(ctx, op, added.column, table);
          continue;
        }
        const swapped = up.some((other) => other.kind === "drop_constraint" && other.name === "PRIMARY" && other.loc.line === op.loc.line && other.text === op.text);
        reportPrimaryKeyRebuild(ctx, op, table, swapped);
      }
    }
  },
});

function report(ctx: RuleContext, op: Operation, table: string, verdict: OnlineDdl): void {
  const how = verdict.algorithm === "copy" ? "copies the whole table (ALGORITHM=COPY)" : "blocks writes while it builds (LOCK=SHARED)";
  const key = op.kind === "add_constraint" && op.constraint === "foreign_key" ? op : undefined;
  // a key that also changes the column's type copies the table with the checks off too (retyped-key.ts)
  const retyped = key && ctx.framework === "django" ? retypedByKey(key) : undefined;
  ctx.report({
    op,
    message: `MySQL ${how} for this change of ${table}: ${verdict.because}${key && retyped ? `, and ${retypedWhy(key, retyped)}` : ""}. Every write to ${table} waits until it ends.`,
    fix: key ? (retyped ? retypedKeyFix(ctx, key, retyped) : foreignKeyFix(ctx, key)) : copyFix(ctx, op, table),
  });
}

/**
 * A new primary key is built in place and writes go on, but InnoDB clusters rows by it: the whole table is
 * rebuilt (every row read and rewritten, replicas lagging for as long), and the writes made meanwhile must fit the
 * online log (innodb_online_alter_log_max_size) or the ALTER fails at the end. A nullable key column made NOT NULL
 * outside strict mode falls back to a copy: naming the algorithm makes MySQL refuse instead.
 */
function reportPrimaryKeyRebuild(ctx: RuleContext, op: Extract<Operation, { kind: "add_constraint" }>, table: string, swapped: boolean): void {
  const clause = alterClause(op);
  ctx.report({
    op,
    severity: "warning",
    message: `Adding a primary key to ${table} rebuilds the whole table (InnoDB stores rows in primary-key order): writes go on, but every row is rewritten, replicas lag for as long, and the writes made meanwhile must fit innodb_online_alter_log_max_size or the ALTER fails at the end.`,
    fix: inplaceFix(ctx, op, table, clause && swapped ? `DROP PRIMARY KEY, ${clause}` : clause),
  });
}

/** The new column numbers itself: AUTO_INCREMENT in SQL, Rails' `:primary_key` type, Django's AutoField classes. */
function numbersItself(ctx: RuleContext, op: Extract<Operation, { kind: "add_column" }>): boolean {
  if (op.column.serial) return true;
  const callee = ctx.framework === "django" && op.ormFieldDef ? calleeOf(op.ormFieldDef) : undefined;
  return callee !== undefined && /(?:^|\.)(?:Big|Small)?AutoField$/.test(callee);
}

/**
 * A new AUTO_INCREMENT column (an `id` given to a table made without one): there is no online way in MySQL itself.
 * The SQL fix names the lock MySQL takes, so the statement says it blocks writes; gh-ost and pt-online-schema-change
 * copy the table without blocking, but only when it already has a primary or unique key to copy it by.
 */
function reportAutoIncrement(ctx: RuleContext, op: Extract<Operation, { kind: "add_column" }>, table: string, verdict: OnlineDdl): void {
  const { column } = op;
  const clause = column.type && column.primaryKey ? `ADD COLUMN ${q(column.name)} ${column.type.text} NOT NULL AUTO_INCREMENT PRIMARY KEY` : undefined;
  const why = [
    `MySQL numbers every existing row of ${table} while it rebuilds it, and no write to ${table} can run meanwhile: run this`,
    `when ${table} can go without writes for the rebuild (a maintenance window), or, if ${table} already has a primary`,
    `or unique key, let gh-ost or pt-online-schema-change copy it in the background:`,
  ];
  const commands = onlineCommands(table, clause);
  const comment = (prefix: string) => [...why.map((l) => `${prefix} ${l}`), ...commands.split("\n").map((l) => `${prefix}  ${l}`)].join("\n");
  const own = ctx.framework === "rails" ? rubyReaders().withoutPostgresOptions(op.text.trim()) : op.text.trim();
  ctx.report({
    op,
    message: `MySQL blocks every write to ${table} while this runs: ${verdict.because}. On a large table that is minutes to hours of failed or queued writes.`,
    fix:
      ctx.framework === "sql"
        ? // LOCK=SHARED: the statement says what it takes, and MySQL refuses rather than fall back to a copy
          `${comment("--")}\n${op.text.trim().replace(/;\s*$/, "")}, ALGORITHM=INPLACE, LOCK=SHARED;`
        : `${comment("#")}\n${ctx.framework === "django" && !own.endsWith(",") ? `${own},` : own}`,
  });
}

/**
 * MySQL 8.0.29+ adds and drops columns instantly by giving the table a new row version, up to a limit (64; 255 from
 * 9.1.0). Past it, ALGORITHM=INSTANT is refused (ERROR 4080 "Maximum row versions reached") and an ALTER that names no
 * algorithm falls to the next one MySQL has, an in-place rebuild of the whole table: the change that took
 * milliseconds the last 64 times now takes as long as copying the table. Counted from the migrations the run was
 * given, once per statement, at its first operation.
 */
function checkRowVersions(ctx: RuleContext, op: Extract<Operation, { kind: "add_column" | "drop_column" }>, table: string, index: number): void {
  const limit = rowVersionLimit(ctx.migration.database, ctx.migration.databaseVersion);
  if (limit === undefined || op.algorithm === "copy") return;
  // once per statement: its operations are consecutive, so only the first has a different one before it
  const previous = ctx.migration.up[index - 1];
  if (previous && previous.loc.line === op.loc.line && previous.text === op.text) return;
  const versions = ctx.repository.rowVersions(table, index);
  if (versions < limit) return;
  const [schema, name] = table.includes(".") ? table.split(".", 2) : [undefined, table];
  const clause = op.kind === "drop_column" ? `DROP COLUMN ${q(op.column)}` : op.column.type ? `ADD COLUMN ${q(op.column.name)} ${op.column.type.text}${op.column.notNull ? " NOT NULL" : ""}` : undefined;
  const check = `SELECT TOTAL_ROW_VERSIONS FROM information_schema.INNODB_TABLES WHERE NAME = CONCAT(${schema ? `'${schema}'` : "DATABASE()"}, '/${name}');`;
  const steps = [
    `-- MySQL keeps at most ${limit} row versions per table; the migrations add or drop columns of ${table} instantly ${versions} times since it was created or last rebuilt.`,
    `-- check the count on the server (below ${limit}, the ALTER below is still instant):`,
    `--   ${check}`,
    `-- at ${limit}, run the change online instead (the rebuild resets the count to 0), then keep this migration as the record that it ran:`,
    ...onlineCommands(table, clause).split("\n").map((l) => `--   ${l}`),
  ].join("\n");
  ctx.report({
    op,
    severity: "warning",
    message:
      `${table} may have reached MySQL's limit of ${limit} row versions: its columns were added or dropped instantly ${versions} times in the migrations since it was created or last rebuilt. ` +
      `Past the limit this ${op.kind === "drop_column" ? "DROP" : "ADD"} COLUMN cannot be instant: MySQL rebuilds the whole table instead (ALGORITHM=INSTANT is refused with ERROR 4080), so a change that took milliseconds takes as long as copying ${table}.`,
    fix: ctx.framework === "sql" ? `${steps}\n${op.text.trim().replace(/;\s*$/, "")};` : beforeOperation(ctx.framework, steps, op, "", ctx.migration.database),
  });
}

/**
 * A primary key on a column added by the same statement, which does not number itself: every existing row gets
 * the same value in it (its default, or the type's implicit '' or 0), so the ALTER fails with a duplicate entry as
 * soon as the table has two rows. The fix adds the column without the key, leaves the filling to the team (only
 * it knows what identifies a row), then makes it the key in place.
 */
function reportNewKeyColumn(ctx: RuleContext, op: Operation, column: ColumnSpec, table: string): void {
  // the MySQL type as written in SQL; a Rails or Django type (`varchar` without its length) is not MySQL's text
  const type = ctx.framework === "sql" || op.embeddedSql ? column.type?.text : undefined;
  const name = q(column.name);
  const steps = type
    ? [
        `-- add ${column.name} without the key, give every row its own value, then make it the key (built in place; writes go on):`,
        `ALTER TABLE ${q(table)} ADD COLUMN ${name} ${type} NULL;`,
        `-- fill ${column.name} with a distinct value per row, in batches on a large table, for example:`,
        `--   UPDATE ${q(table)} SET ${name} = <a value unique to the row> WHERE ${name} IS NULL LIMIT 1000;`,
        `ALTER TABLE ${q(table)} MODIFY ${name} ${type} NOT NULL, ADD PRIMARY KEY (${name}), ALGORITHM=INPLACE, LOCK=NONE;`,
      ].join("\n")
    : [
        `-- add ${column.name} without the key (no primary key option), give every row its own value (in batches on a large table),`,
        `-- then make it the key in place, in a later migration: ALTER TABLE ${q(table)} MODIFY ${name} <the column's type> NOT NULL,`,
        `-- ADD PRIMARY KEY (${name}), ALGORITHM=INPLACE, LOCK=NONE (writes go on while it rebuilds)`,
      ].join("\n");
  // Rails: the same add_column without the key; change_column_null keeps the column's type when it makes it NOT NULL
  const rails =
    ctx.framework === "rails" && !op.embeddedSql && op.kind === "add_column"
      ? [
          `${rubyReaders().withoutOption(rubyReaders().withoutPostgresOptions(op.text.trim()), "primary_key")}  # without the key for now`,
          `# give every row its own ${column.name} (in batches on a large table), then, in a later migration, make it the key in place:`,
          `change_column_null ${sym(table)}, ${sym(column.name)}, false`,
          `execute "ALTER TABLE ${q(table)} ADD PRIMARY KEY (${name}), ALGORITHM=INPLACE, LOCK=NONE"`,
        ].join("\n")
      : undefined;
  ctx.report({
    op,
    message:
      `${column.name} becomes the primary key of ${table} in the statement that adds it, so every existing row gets the same value in it (${column.default ? column.default.expr : "the type's implicit '' or 0"}): ` +
      `the ALTER fails with a duplicate entry as soon as ${table} has two rows. A new primary key also rebuilds the whole table (InnoDB stores rows in key order).`,
    fix: rails ?? embedSql(ctx.framework, steps, ctx.migration.database),
  });
}
