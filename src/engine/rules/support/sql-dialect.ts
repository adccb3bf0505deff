/**
 * The SQL a fix is written in, per database: the rules whose hazard is the same everywhere (data loss,
 * renames) show a MySQL / MariaDB migration MySQL's statements and MySQL's quoting (backticks), never
 * PostgreSQL's (`CREATE TABLE ... AS TABLE`, `ctid`, `IS DISTINCT FROM`, double-quoted names).
 */
import { mysqlIdent } from "../../adapters/sql/mysql/mysql-ident.js";
import type { Database, Migration, TypeRef } from "../../model.js";
import { pgDistinct } from "./pg-distinct.js";
import { isMysqlFamily } from "./databases.js";
import { ident } from "./fix.js";
import { portableIdent } from "./portable-ident.js";
import { BATCH_ROWS, batchedUpdate } from "./sql-text.js";

export interface SqlDialect {
  readonly mysql: boolean;
  /** a table or column name as the database reads it (`users`, `"Users"` / \`order\`) */
  ident(name: string): string;
  /** one statement (no semicolon) that copies every row and column of `table` into a new table `backup` */
  copyTable(backup: string, table: string): string;
  /** a SQL condition: `a` and `b` (of `type`, when known) differ, a NULL on one side only counting as a difference */
  differs(a: string, b: string, type?: TypeRef): string;
  /**
   * One batch of a backfill: `UPDATE t SET ...` on at most BATCH_ROWS rows still `pending`, no key column assumed
   * (PostgreSQL finds them by ctid; MySQL's single-table UPDATE takes LIMIT). Run it again until it updates no rows.
   */
  batchedUpdate(table: string, assignments: string, pending: string): string;
  /** the dump tool that keeps a copy of one table outside the database */
  dumpTable(table: string): string;
  /** one statement (no semicolon): `columns` of `table` set again from the copy `backup`, joined on `key` */
  restoreFrom(table: string, columns: readonly string[], backup: string, key: readonly string[]): string;
}

/** `t.k = b.k AND ...`: a row of `left` and its copy in the backup aliased `b` */
const joined = (quote: (name: string) => string, left: string, key: readonly string[]) => key.map((k) => `${left}.${quote(k)} = b.${quote(k)}`).join(" AND ");

const POSTGRESQL: SqlDialect = {
  mysql: false,
  ident,
  copyTable: (backup, table) => `CREATE TABLE ${ident(backup)} AS TABLE ${ident(table)}`,
  differs: pgDistinct,
  batchedUpdate,
  dumpTable: (table) => `pg_dump --table=${table}`,
  restoreFrom: (table, columns, backup, key) =>
    `UPDATE ${ident(table)} SET ${columns.map((c) => `${ident(c)} = b.${ident(c)}`).join(", ")} FROM ${ident(backup)} b WHERE ${joined(ident, ident(table), key)}`,
};

const MYSQL: SqlDialect = {
  mysql: true,
  ident: mysqlIdent,
  copyTable: (backup, table) => `CREATE TABLE ${mysqlIdent(backup)} AS SELECT * FROM ${mysqlIdent(table)}`,
  // <=> is MySQL's NULL-safe equality
  differs: (a, b) => `NOT (${a} <=> ${b})`,
  batchedUpdate: (table, assignments, pending) => `UPDATE ${mysqlIdent(table)} SET ${assignments}\nWHERE ${pending}\nLIMIT ${BATCH_ROWS};`,
  dumpTable: (table) => {
    // the database a table without one runs in is the connection's, which no migration names: a shell variable
    const [database, name] = table.includes(".") ? table.split(".", 2) : ['"$MYSQL_DATABASE"', table];
    return `mysqldump ${database} ${name}`;
  },
  restoreFrom: (table, columns, backup, key) => {
    const t = mysqlIdent(table);
    return `UPDATE ${t} JOIN ${mysqlIdent(backup)} b ON ${joined(mysqlIdent, t, key)} SET ${columns.map((c) => `${t}.${mysqlIdent(c)} = b.${mysqlIdent(c)}`).join(", ")}`;
  },
};

/** The dialect of the migration's database: MySQL's for MySQL and MariaDB, PostgreSQL's otherwise. */
export const sqlDialect = (database: Database): SqlDialect => (isMysqlFamily(database) ? MYSQL : POSTGRESQL);

/**
 * PostgreSQL's, for a project that also runs on other databases (pretalx: SQLite; solidus: MySQL and SQLite): the
 * backup copy and its restore in the form every one of them reads (`AS TABLE` and `UPDATE ... FROM` are PostgreSQL's
 * alone, MySQL reads a double-quoted name as a string): names bare wherever PostgreSQL reads them so
 * (portable-ident.ts), the restore a correlated subquery per column.
 */
const PORTABLE: SqlDialect = {
  ...POSTGRESQL,
  ident: portableIdent,
  copyTable: (backup, table) => `CREATE TABLE ${portableIdent(backup)} AS SELECT * FROM ${portableIdent(table)}`,
  restoreFrom: (table, columns, backup, key) => {
    const t = portableIdent(table);
    const copy = `FROM ${portableIdent(backup)} b WHERE ${joined(portableIdent, t, key)}`;
    return `UPDATE ${t} SET ${columns.map((c) => `${portableIdent(c)} = (SELECT b.${portableIdent(c)} ${copy})`).join(", ")} WHERE EXISTS (SELECT 1 ${copy})`;
  },
};

/** The dialect of a migration's fixes: its database's, PostgreSQL's in a form the others also read when it runs on those too. */
export const migrationDialect = (migration: Pick<Migration, "database" | "alsoRunsOn">): SqlDialect =>
  !isMysqlFamily(migration.database) && migration.alsoRunsOn?.length ? PORTABLE : sqlDialect(migration.database);
