/**
 * Two columns kept in step by the database while old and new code run side by side (expand and contract): a
 * PL/pgSQL trigger function and a BEFORE INSERT OR UPDATE trigger, created in the expand migration and dropped in
 * the contract one. Code that writes either column (or both) leaves both right; a NOT NULL on the old column is
 * satisfied from the new one, since BEFORE triggers run before the row's constraints are checked.
 */
import type { TypeRef } from "../../model.js";
import { ident, sqlString } from "./fix.js";
import { pgDistinct } from "./pg-distinct.js";
import { triggerExecutes } from "../../database/postgres-syntax.js";

export interface ColumnSync {
  table: string;
  /** the column the running code writes */
  from: string;
  /** the column the new code writes */
  to: string;
  /**
   * the value of `to` from `from` (and back) as SQL over NEW, when the columns differ in type (a type change): the
   * sync then goes one way, old to new (`NEW."v_new" := NEW."v"::jsonb`); absent, the columns copy each other
   */
  convert?: string;
  /** the columns' type, when they copy each other: json's are compared as text (pg-distinct.ts) */
  type?: TypeRef;
  postgresVersion: number;
  /**
   * the TimeZone the migration set for its conversion (`SET LOCAL TIME ZONE 'UTC'` before a text to timestamptz
   * change): the function runs with it, whatever the writing session's, so the trigger converts as the migration would
   */
  timeZone?: string;
}

/** `<table>_sync_<to>`, as short as PostgreSQL allows (63 bytes). */
export function syncName(sync: Pick<ColumnSync, "table" | "to">): string {
  return `${sync.table.split(".").pop()}_sync_${sync.to}`.replace(/[^a-zA-Z0-9_]/g, "_").slice(0, 63);
}

const qualified = (table: string, name: string) => (table.includes(".") ? `${ident(table.split(".")[0])}.${ident(name)}` : ident(name));

/** The function and the trigger, as SQL statements (each ending with `;`). */
export function columnSyncSql(sync: ColumnSync): string {
  const [from, to] = [`NEW.${ident(sync.from)}`, `NEW.${ident(sync.to)}`];
  const name = qualified(sync.table, syncName(sync));
  const body = sync.convert
    ? [`  ${to} := ${sync.convert};`]
    : [
        `  IF TG_OP = 'INSERT' THEN`,
        `    ${to} := COALESCE(${to}, ${from});`,
        `    ${from} := COALESCE(${from}, ${to});`,
        `  ELSIF ${pgDistinct(from, `OLD.${ident(sync.from)}`, sync.type)} THEN`,
        `    ${to} := ${from};`,
        `  ELSIF ${pgDistinct(to, `OLD.${ident(sync.to)}`, sync.type)} THEN`,
        `    ${from} := ${to};`,
        `  END IF;`,
      ];
  return [
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql${sync.timeZone ? ` SET "TimeZone" TO ${sqlString(sync.timeZone)}` : ""} AS $$`,
    `BEGIN`,
    ...body,
    `  RETURN NEW;`,
    `END $$;`,
    `CREATE TRIGGER ${ident(syncName(sync))} BEFORE INSERT OR UPDATE ON ${ident(sync.table)}`,
    `  FOR EACH ROW ${triggerExecutes(sync.postgresVersion)} ${name}();`,
  ].join("\n");
}

/** What the contract migration drops first: the trigger, then its function. */
export function dropColumnSyncSql(sync: Pick<ColumnSync, "table" | "to">): string {
  return `DROP TRIGGER ${ident(syncName(sync))} ON ${ident(sync.table)};\nDROP FUNCTION ${qualified(sync.table, syncName(sync))}();`;
}
