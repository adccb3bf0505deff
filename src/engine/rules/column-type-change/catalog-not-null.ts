/**
 * The old column's NOT NULL where the migrations do not show it (a table made outside them, or a lint of one file
 * without its history): DROP COLUMN takes it with the old column, and the new one would end nullable. So the first
 * step adds the CHECK ... NOT VALID only when the catalog says the old column is NOT NULL, and the swap validates it
 * (no long lock: VALIDATE takes SHARE UPDATE EXCLUSIVE) and turns it into SET NOT NULL, which reads the valid CHECK
 * instead of scanning (PostgreSQL 12+), when that CHECK exists.
 */
import { ident, sqlString } from "../support/fix.js";

const regclass = (table: string) => `${sqlString(ident(table))}::regclass`;

export function catalogNotNullCheckSql(table: string, column: string, tmp: string, check: string): string {
  return [
    `-- ${column}'s NOT NULL, if it has one (the migrations do not show it): ${tmp} gets it through a CHECK validated in the swap`,
    `DO $$`,
    `BEGIN`,
    `  IF (SELECT attnotnull FROM pg_attribute WHERE attrelid = ${regclass(table)} AND attname = ${sqlString(column)}) THEN`,
    `    ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(check)} CHECK (${ident(tmp)} IS NOT NULL) NOT VALID;`,
    `  END IF;`,
    `END $$;`,
  ].join("\n");
}

export function catalogNotNullSwapSql(table: string, tmp: string, check: string): string {
  const t = ident(table);
  return [
    `DO $$`,
    `BEGIN`,
    `  IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = ${regclass(table)} AND conname = ${sqlString(check)}) THEN`,
    `    ALTER TABLE ${t} VALIDATE CONSTRAINT ${ident(check)};`,
    `    ALTER TABLE ${t} ALTER COLUMN ${ident(tmp)} SET NOT NULL;`,
    `    ALTER TABLE ${t} DROP CONSTRAINT ${ident(check)};`,
    `  END IF;`,
    `END $$;`,
  ].join("\n");
}
