/**
 * `migguard lint` on a migration that renames a table, then drops and retypes columns of it (lemmy's
 * split_user_table_2: user_ to person, then columns of person dropped): a view under the old name made right after
 * the rename would make those statements fail ("other objects depend on it"), so the fix puts it after the last of
 * them; a migration that drops the renamed table gets no view at all.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { rule: string; line: number; fix: string };

const INIT = "CREATE TABLE user_ (id int PRIMARY KEY, name text, admin boolean);\n";
const SPLIT = "ALTER TABLE user_ RENAME TO person;\nALTER TABLE person ADD COLUMN bio text;\nALTER TABLE person DROP COLUMN admin;\nALTER TABLE person ALTER COLUMN name TYPE varchar(100);\n";

async function renameFindings(files: Record<string, string>): Promise<Finding[]> {
  const cwd = fileTree(files, "migguard-rename-table-view-after-drops-");
  const { output } = await run(["lint", "--format", "json", "db/migrations"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "rename-table");
}

describe("lint: rename-table's view and the migration's own later changes to the renamed table", () => {
  it("puts the view after the last DROP COLUMN / ALTER COLUMN TYPE of the renamed table", async () => {
    const [finding, ...others] = await renameFindings({ "db/migrations/001_init.sql": INIT, "db/migrations/002_split_user.sql": SPLIT });
    expect(others).toHaveLength(0);
    expect(finding!.line).toBe(1);
    const lines = finding!.fix.split("\n");
    const header = lines.findIndex((l) => l.startsWith("-- after line 4 of this migration, the last that drops or retypes a column of person"));
    expect(header).toBe(1);
    expect(lines[header + 1]).toContain("old code that reads admin fails either way");
    expect(lines[header + 2]).toBe("CREATE VIEW user_ AS SELECT * FROM person;");
  });

  it("keeps no view when the migration drops the renamed table", async () => {
    const [finding] = await renameFindings({ "db/migrations/001_init.sql": INIT, "db/migrations/002_drop_user.sql": "ALTER TABLE user_ RENAME TO person;\nDROP TABLE person;\n" });
    expect(finding!.fix).toContain("no view under user_: line 2 of this migration drops person");
    expect(finding!.fix).not.toContain("CREATE VIEW");
  });
});
