/** The engine's path helpers, on the shapes every module used to handle itself: nested, root, folder names. */
import { expect, it } from "@jest/globals";
import { baseOf, dirOf, folderPrefix, migrationLabel } from "./paths.js";

it.each([
  ["db/migrate/1_x.rb", "db/migrate", "1_x.rb", "db/migrate/"],
  ["schema.sql", "", "schema.sql", ""],
  ["src/migrations/postgresql", "src/migrations", "postgresql", "src/migrations/"],
  ["/abs/x.sql", "/abs", "x.sql", "/abs/"],
])("%s", (path, dir, base, prefix) => {
  expect(dirOf(path)).toBe(dir);
  expect(baseOf(path)).toBe(base);
  expect(folderPrefix(path)).toBe(prefix);
});

it.each([
  ["db/migrate/20240101000000_add_survey.rb", "20240101000000_add_survey.rb"],
  ["prisma/migrations/20240101000000_add_survey/migration.sql", "20240101000000_add_survey/migration.sql"],
  ["migrations/2024-01-01-000000_add_survey/up.sql", "2024-01-01-000000_add_survey/up.sql"],
  ["migrations/2024-01-01-000000_add_survey/down.sql", "2024-01-01-000000_add_survey/down.sql"],
  ["migration.sql", "migration.sql"],
])("migrationLabel(%s)", (path, label) => {
  expect(migrationLabel(path)).toBe(label);
});
