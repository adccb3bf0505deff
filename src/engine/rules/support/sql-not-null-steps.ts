import { derivedName, ident } from "./fix.js";

/** PostgreSQL: the steps that make a nullable column NOT NULL without a long lock, once its rows are filled. */
export function sqlNotNullSteps(table: string, column: string): string[] {
  const t = ident(table);
  const check = ident(derivedName(table, [column], "not_null"));
  return [
    `ALTER TABLE ${t} ADD CONSTRAINT ${check} CHECK (${ident(column)} IS NOT NULL) NOT VALID;`,
    `ALTER TABLE ${t} VALIDATE CONSTRAINT ${check};`,
    `ALTER TABLE ${t} ALTER COLUMN ${ident(column)} SET NOT NULL;  -- PostgreSQL 12+ uses the valid CHECK instead of scanning`,
    `ALTER TABLE ${t} DROP CONSTRAINT ${check};`,
  ];
}
