import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { walkFiles } from "./walk-files.js";

describe("walkFiles", () => {
  const root = mkdtempSync(join(tmpdir(), "migguard-walk-"));
  for (const file of ["a.sql", "db/migrate/1_x.rb", "db/migrate/2_y.rb", "db/.keep"]) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), "");
  }
  const every = { keep: () => true };
  const expected = ["a.sql", "db/.keep", "db/migrate/1_x.rb", "db/migrate/2_y.rb"];

  // the paths are join()'s, however the root is written (they are built without it, one prefix per folder)
  it.each([root, `${root}/`, `${root}//db/..`])("lists every file under %s as join(root, ...) does", (given) => {
    const found = walkFiles(given, every).sort();
    expect(found).toEqual(expected.map((f) => join(given, f)));
  });

  it("asks enter() with each folder's name and path, and walks none it refuses", () => {
    const asked: string[][] = [];
    const found = walkFiles(root, { enter: (name, path) => (asked.push([name, path]), path !== join(root, "db", "migrate")), keep: () => true }).sort();
    expect(asked.sort()).toEqual([["db", join(root, "db")], ["migrate", join(root, "db", "migrate")]]);
    expect(found).toEqual([join(root, "a.sql"), join(root, "db", ".keep")]);
  });

  it("keeps a relative root relative", () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      expect(walkFiles(".", every).sort()).toEqual(expected);
      expect(walkFiles("./db/", every).sort()).toEqual(expected.filter((f) => f.startsWith("db/")));
    } finally {
      process.chdir(cwd);
    }
  });
});
