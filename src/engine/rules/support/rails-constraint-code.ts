/**
 * The Ruby of a constraint added NOT VALID, validated and removed, for the Rails the project runs
 * (rails-version.ts): Rails' helpers where it has them (`add_check_constraint`, `validate_check_constraint`,
 * `remove_check_constraint` from 6.1; `add_foreign_key validate: false`, `validate_foreign_key` from 5.2), else the
 * SQL they send, run with `execute` (a helper the Rails lacks raises NoMethodError).
 */
import { ident, sym } from "./fix.js";
import { rubyString } from "./embed-sql.js";
import { railsAtLeast, type RailsVersioned } from "./rails-version.js";

const execute = (sql: string) => `execute ${rubyString(sql)}`;

/** A CHECK added; `notValid`: without checking the rows (validate: false / NOT VALID). */
export function addCheck(migration: RailsVersioned, table: string, expression: string, name: string, notValid: boolean): string {
  if (railsAtLeast(migration, 6.1)) return `add_check_constraint ${sym(table)}, ${rubyString(expression)}, name: ${rubyString(name)}${notValid ? ", validate: false" : ""}`;
  return execute(`ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} CHECK (${expression})${notValid ? " NOT VALID" : ""}`);
}

export const addCheckNotValid = (migration: RailsVersioned, table: string, expression: string, name: string): string => addCheck(migration, table, expression, name, true);

/** The VALIDATE of a CHECK by its name. */
export function validateCheck(migration: RailsVersioned, table: string, name: string): string {
  if (railsAtLeast(migration, 6.1)) return `validate_check_constraint ${sym(table)}, name: ${rubyString(name)}`;
  return execute(`ALTER TABLE ${ident(table)} VALIDATE CONSTRAINT ${ident(name)}`);
}

/** The removal of a CHECK by its name. */
export function removeCheck(migration: RailsVersioned, table: string, name: string): string {
  if (railsAtLeast(migration, 6.1)) return `remove_check_constraint ${sym(table)}, name: ${rubyString(name)}`;
  return execute(`ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(name)}`);
}

/** Whether the project's Rails has add_foreign_key's validate: and validate_foreign_key (5.2+). */
export const hasForeignKeyValidation = (migration: RailsVersioned): boolean => railsAtLeast(migration, 5.2);
