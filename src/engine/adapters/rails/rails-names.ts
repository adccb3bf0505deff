/**
 * Names Rails gives objects you do not name, so that `validate_foreign_key :a, :b` finds the constraint
 * `add_foreign_key :a, :b, validate: false` created, and a down's `remove_index` matches the up's index.
 * From ActiveRecord's SchemaStatements: index_name, foreign_key_name, check_constraint_name.
 */
// node:crypto is looked up when a name is hashed, not imported: rules import this module, and loading
// crypto costs every lint's start-up while only Rails foreign key and check names need it
const sha10 = (text: string) => process.getBuiltinModule("node:crypto").createHash("sha256").update(text).digest("hex").slice(0, 10);

/** index_users_on_email, index_users_on_account_id_and_email, index_users_on_lower_email for "lower(email)" */
export function indexName(table: string, columns: string[]): string {
  const parts = columns.length === 1 && /\W/.test(columns[0]) ? [(columns[0].match(/\w+/g) ?? []).join("_")] : columns;
  return `index_${table}_on_${parts.join("_and_")}`;
}

export const foreignKeyName = (table: string, column: string): string => `fk_rails_${sha10(`${table}_${column}_fk`)}`;

export const checkConstraintName = (table: string, expression: string): string => `chk_rails_${sha10(`${table}_${expression}_chk`)}`;
