/**
 * `migguard lint` on a Rails project that renames petitions.action to background, then, in the very next migration,
 * title to action (e-petitions 20150618143114 and 20150618144922). The expand fix would keep action beside background
 * until a later contract, so the next migration would fail ("column already exists"): the fix keeps the rename as
 * written, names that migration and says the rollout. With a migration between them the expand stays, and its fill
 * and removal of action are numbered before the one that takes the name.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { rule: string; path: string; line: number; message: string; fix?: string };

const rails = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[4.2]\n  def change\n    ${body}\n  end\nend\n`;

const INITIAL = "db/migrate/20150602200239_initial_schema.rb";
const BACKGROUND = "db/migrate/20150618143114_rename_action_to_background.rb";
const TITLE = "db/migrate/20150618144922_rename_title_to_action.rb";
const FILES: Record<string, string> = {
  [INITIAL]: rails("InitialSchema", "create_table :petitions do |t|\n      t.string :title, limit: 150, null: false\n      t.string :action, limit: 200\n    end"),
  [BACKGROUND]: rails("RenameActionToBackground", "rename_column :petitions, :action, :background"),
  [TITLE]: rails("RenameTitleToAction", "rename_column :petitions, :title, :action"),
};

const renameFinding = async (files: Record<string, string>): Promise<Finding | undefined> => {
  const cwd = fileTree(files, "migguard-rename-old-name-");
  const { output } = await run(["lint", "--format", "json", "db/migrate"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings.find((f) => f.rule === "rename-column" && f.path === BACKGROUND);
};

describe("lint: a rename whose old name the next migration takes", () => {
  it("the very next migration renames title to action: the fix is the rename as written, with the migration that takes the name and the rollout said, and no kept action", async () => {
    const finding = await renameFinding(FILES);
    expect(finding?.line).toBe(3);
    expect(finding?.message).toContain("breaks code that still uses action while the deploy rolls out");
    expect(finding?.fix).toContain(`keep this rename as written: ${TITLE}:3 renames title to action on petitions, the very next migration`);
    expect(finding?.fix).toContain("rename_column :petitions, :action, :background");
    expect(finding?.fix).not.toContain("add_column");
  });

  it("a migration between them: the expand's fill and removal of action are numbered before the one that takes the name", async () => {
    const finding = await renameFinding({ ...FILES, "db/migrate/20150618144000_add_state_to_petitions.rb": rails("AddStateToPetitions", "add_column :petitions, :state, :string") });
    expect(finding?.fix).toContain("add_column :petitions, :background, :string, limit: 200");
    expect(finding?.fix).toContain(`${TITLE}:3 renames title to action on petitions, which fails while action is kept ("column already exists"): the new migrations below are numbered before it`);
    expect(finding?.fix).toContain("# then a new migration, db/migrate/20150618144002_remove_petitions_action.rb:");
  });
});
