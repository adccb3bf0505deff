/**
 * A database default of a Django field's column on MySQL / MariaDB, as SQL. MySQL's `ALTER COLUMN ... SET DEFAULT`
 * takes a literal only (8.0.13+: an expression in parentheses), so PostgreSQL's `SET DEFAULT now()` fails there
 * (ralph, seed 73). The current time is a default only in a column definition: `MODIFY` restates the whole column,
 * so it carries the column's type as Django's MySQL backend creates it and its NULL-ness, never a guessed one.
 */
import type { TypeRef } from "../../model.js";

export interface MysqlColumnDefault {
  /** the statement that gives the column its default */
  set: string;
  /** the statement that takes it away again */
  drop: string;
  /** the default as the statement writes it */
  value: string;
  /** MODIFY restates the whole column (type, NULL-ness), not only its default */
  restatesColumn: boolean;
  /** what the statement cannot know for sure, as a comment line (without its `#`) */
  caveat?: string;
}

/**
 * Django's column type on MySQL for a DateTimeField (the adapters read it as timestamptz): datetime(6) since Django
 * 1.8 (on servers with fractional seconds, MySQL 5.6.4+), plain datetime before.
 */
function djangoDatetimeType(djangoAtLeast18: boolean | undefined): { type: string; now: string; caveat?: string } {
  if (djangoAtLeast18 === false) return { type: "datetime", now: "CURRENT_TIMESTAMP" };
  return {
    type: "datetime(6)",
    now: "CURRENT_TIMESTAMP(6)",
    ...(djangoAtLeast18 === undefined ? { caveat: "datetime(6) is the column Django 1.8+ creates for a DateTimeField on MySQL 5.6.4+ (the repository does not say its Django version): before, it is datetime, with CURRENT_TIMESTAMP" } : {}),
  };
}

/**
 * The default `sqlValue` (SQL, as a PostgreSQL fix writes it) for column `column` of `table`: ALTER COLUMN for a
 * literal, MODIFY with the whole definition for the current time; undefined when MySQL has no way to say it here
 * (CURRENT_DATE is a column default only from MySQL 8.0.13, in parentheses): the caller takes another fix.
 */
export function mysqlColumnDefault(
  ident: (name: string) => string,
  table: string,
  column: string,
  type: TypeRef | undefined,
  notNull: boolean,
  sqlValue: string,
  djangoAtLeast18: boolean | undefined,
): MysqlColumnDefault | undefined {
  const t = ident(table);
  const col = ident(column);
  if (sqlValue !== "now()" && sqlValue !== "CURRENT_DATE")
    return { set: `ALTER TABLE ${t} ALTER COLUMN ${col} SET DEFAULT ${sqlValue}`, drop: `ALTER TABLE ${t} ALTER COLUMN ${col} DROP DEFAULT`, value: sqlValue, restatesColumn: false };
  if (sqlValue === "CURRENT_DATE" || (type?.name !== "timestamptz" && type?.name !== "timestamp")) return undefined;
  const { type: mysqlType, now, caveat } = djangoDatetimeType(djangoAtLeast18);
  const definition = `${mysqlType}${notNull ? " NOT NULL" : " NULL"}`;
  return { set: `ALTER TABLE ${t} MODIFY ${col} ${definition} DEFAULT ${now}`, drop: `ALTER TABLE ${t} MODIFY ${col} ${definition}`, value: now, restatesColumn: true, caveat };
}
