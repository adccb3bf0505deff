/** The engine's path helpers, on the shapes every module used to handle itself: nested, root, folder names. */
import { expect, it } from "@jest/globals";
import { baseOf, dirOf, folderPrefix } from "./paths.js";

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
