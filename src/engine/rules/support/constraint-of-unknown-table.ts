/**
 * DROP CONSTRAINT needs the table, and the migrations do not always say it (a unique index renamed with ALTER
 * INDEX takes its constraint along under the new name): the statement reads the table from pg_constraint when it
 * runs, and fails, rather than guess, when no constraint or several of that name exist.
 */
import { ident, sqlString } from "./fix.js";

export function dropConstraintOfUnknownTable(name: string): string {
  return [
    `-- migguard does not know the table of constraint ${name}: this reads it from pg_constraint (one constraint of that name, else it fails)`,
    `DO $$`,
    `BEGIN`,
    `  EXECUTE (SELECT format('ALTER TABLE %s DROP CONSTRAINT %s', conrelid::regclass, ${sqlString(ident(name))}) FROM pg_constraint WHERE conname = ${sqlString(name)});`,
    `END $$;`,
  ].join("\n");
}
