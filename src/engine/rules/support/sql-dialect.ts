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
}

const POSTGRESQL: SqlDialect = {
  mysql: false,
  ident,
  copyTable: (backup, table) => `CREATE TABLE ${ident(backup)} AS TABLE ${ident(table)}`,
  differs: pgDistinct,
  batchedUpdate,
  dumpTable: (table) => `pg_dump --table=${table}`,
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
};

/** The dialect of the migration's database: MySQL's for MySQL and MariaDB, PostgreSQL's otherwise. */
export const sqlDialect = (database: Database): SqlDialect => (isMysqlFamily(database) ? MYSQL : POSTGRESQL);

/**
 * PostgreSQL's, for a project that also runs on other databases (pretalx: SQLite): the backup copy in the form
 * every one of them reads (`AS TABLE` is PostgreSQL's alone).
 */
const PORTABLE: SqlDialect = { ...POSTGRESQL, copyTable: (backup, table) => `CREATE TABLE ${ident(backup)} AS SELECT * FROM ${ident(table)}` };

/** The dialect of a migration's fixes: its database's, PostgreSQL's in a form the others also read when it runs on those too. */
export const migrationDialect = (migration: Pick<Migration, "database" | "alsoRunsOn">): SqlDialect =>
  !isMysqlFamily(migration.database) && migration.alsoRunsOn?.length ? PORTABLE : sqlDialect(migration.database);
