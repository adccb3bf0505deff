/**
 * The config's `sensitive:` list: columns under regulation, as `table.column` with `*` wildcards
 * (`users.phone_number`, `*.ssn`, `*.email`, `users.*`), a bare `table` for all its columns, or
 * `schema.table.column`. Names compare the way PostgreSQL folds them (case-insensitive, `public.` default).
 */
import { nameKey } from "../rules/support/facts.js";
import { wildcard, type Wildcard } from "./wildcard.js";

export interface SensitivePattern {
  /** as written in the config */
  text: string;
  /** matched against `schema.table` when the pattern names a schema, else against the bare table name */
  table: Wildcard;
  withSchema: boolean;
  /** only `*`: any table, so a table-wide operation matches only where the column is known to exist */
  anyTable: boolean;
  /** undefined: every column of the table */
  column?: Wildcard;
  /** the column part is a plain name (no wildcard) */
  columnName?: string;
}

export function compileSensitive(patterns: readonly string[]): SensitivePattern[] {
  return patterns.flatMap((text) => {
    const parts = text.trim().replace(/"/g, "").split(".");
    if (parts.some((p) => p === "") || parts.length > 3) return [];
    const withSchema = parts.length === 3;
    const tablePart = withSchema ? `${parts[0]}.${parts[1]}` : parts[0];
    const columnPart = parts.length === 1 ? undefined : parts[parts.length - 1];
    const wholeTable = columnPart === undefined || columnPart === "*";
    return [
      {
        text,
        table: wildcard(tablePart),
        withSchema,
        anyTable: tablePart === "*",
        column: wholeTable ? undefined : wildcard(columnPart),
        columnName: !wholeTable && !/[*?]/.test(columnPart) ? columnPart : undefined,
      },
    ];
  });
}

/** `public.users` -> `users`; `billing.users` stays qualified. */
function tableNames(table: string): { bare: string; qualified: string } {
  const key = nameKey(table);
  const bare = key.split(".").pop() ?? key;
  return { bare, qualified: key.includes(".") ? key : `public.${key}` };
}

export const tableMatches = (pattern: SensitivePattern, table: string): boolean => {
  const names = tableNames(table);
  return pattern.table.test(pattern.withSchema ? names.qualified : names.bare);
};

/** The pattern covers this column of this table. */
export const columnMatches = (pattern: SensitivePattern, table: string, column: string): boolean =>
  tableMatches(pattern, table) && (pattern.column === undefined || pattern.column.test(nameKey(column)));
