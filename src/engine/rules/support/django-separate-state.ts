import { reindented } from "./data-code.js";

/**
 * Django's SeparateDatabaseAndState around a migration's own operation: `database` (lines of Python) is what runs,
 * the operation as written (re-indented) is kept in Django's state only, so the model history stays the same.
 */
export function separateDatabaseAndState(database: readonly string[], operationText: string): string[] {
  return [
    `migrations.SeparateDatabaseAndState(`,
    `    database_operations=[`,
    ...database.map((l) => `        ${l}`),
    `    ],`,
    `    state_operations=[`,
    `        ${reindented(operationText.trim()).replace(/\n/g, "\n        ").replace(/,?$/, ",")}`,
    `    ],`,
    `),`,
  ];
}
