/**
 * A diesel folder of migrations/postgresql, one migration a day in 2023-01, each adding a column to users: `downs[i]`
 * true writes its real down.sql, false leaves it empty (both files exist, as diesel needs). The down-habit tests'
 * folder, through `migguard review` and through the App.
 */
export const dieselFolder = (downs: readonly boolean[]): Record<string, string> =>
  Object.fromEntries(
    downs.flatMap((written, i) => {
      const dir = `migrations/postgresql/2023-01-${String(i + 1).padStart(2, "0")}-000000_step${i + 1}`;
      return [
        [`${dir}/up.sql`, `ALTER TABLE users ADD COLUMN c${i + 1} text;\n`],
        [`${dir}/down.sql`, written ? `ALTER TABLE users DROP COLUMN c${i + 1};\n` : ""],
      ];
    }),
  );

/** A pull request's migrations after that folder, one a day in 2024-01, each adding a column `added<n>`: `downs[i]` as above. */
export const dieselAdded = (downs: readonly boolean[]): Record<string, string> =>
  Object.fromEntries(
    downs.flatMap((written, i) => {
      const dir = `migrations/postgresql/2024-01-${String(i + 1).padStart(2, "0")}-000000_add${i + 1}`;
      return [
        [`${dir}/up.sql`, `ALTER TABLE users ADD COLUMN added${i + 1} text;\n`],
        [`${dir}/down.sql`, written ? `ALTER TABLE users DROP COLUMN added${i + 1};\n` : ""],
      ];
    }),
  );
