/**
 * A Rails CHECK constraint (add_check_constraint, t.check_constraint in create_table or change_table) as the
 * ALTER TABLE ... ADD CONSTRAINT PostgreSQL runs for it, as ActiveRecord's SchemaCreation writes it: what the
 * schema history keeps, so a later fix can add it back, and what a fix re-adding it NOT VALID starts from.
 */
import { ident } from "./foreign-key-sql.js";
import { checkConstraintName } from "./rails-names.js";
import type { Options } from "./values.js";

export interface CheckConstraint {
  name: string;
  /** the expression as the migration wrote it (SQL) */
  expression: string;
  sql: string;
}

/** `defaultName`: the name a helper other than add_check_constraint gives when `name:` is absent (online_migrations'). */
export function checkConstraint(table: string, expression: string, opts: Options, defaultName?: string): CheckConstraint {
  const name = opts.name("name") ?? defaultName ?? checkConstraintName(table, expression);
  const notValid = opts.flag("validate") === false ? " NOT VALID" : "";
  return { name, expression, sql: `ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} CHECK (${expression})${notValid};` };
}
