/**
 * An index built in a Rails migration that does other work, through `migguard lint` (README: Rails): the fix keeps
 * that work. The migration keeps its views, grants and down, without the build (cut out of its heredoc) and the
 * down's drop of it; a new migration, of another class name and a later version, builds it CONCURRENTLY. Reprinting
 * the class with the index alone lost the rest, and a second class of that name is DuplicateMigrationNameError.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-index-split-");

type Finding = { rule: string; line: number; fix: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const USERS = "class CreateUsers < ActiveRecord::Migration\n  def change\n    create_table :users do |t|\n      t.boolean :admin\n    end\n  end\nend\n";
const VIEW = `class AddTeamMembersView < ActiveRecord::Migration
  def up
    execute <<-SQL
      CREATE OR REPLACE VIEW team_members AS (select u.id from users u where u.admin);
      create index user_admin_id_ix on users(id) where admin;
      GRANT SELECT on team_members to web_user;
    SQL
  end

  def down
    execute <<-SQL
      drop view team_members;
      drop index user_admin_id_ix;
    SQL
  end
end
`;

describe("Rails index fixes keep the migration's other work", () => {
  it("a CREATE INDEX in a heredoc with a view: the view, the grant and the down stay; the build moves to a class of its own", async () => {
    const findings = await lint(repo({ "Gemfile.lock": "GEM\n  specs:\n    rails (4.2.11)\n", "db/migrate/20150101000000_create_users.rb": USERS, "db/migrate/20150729110132_add_team_members_view.rb": VIEW }));
    const fix = findings.find((f) => f.rule === "index-without-concurrently" && f.line === 5)!.fix;
    const [first, second] = fix.split("\n\n# migration 2, ");
    // the migration as it becomes: everything but the build and its drop
    expect(first).toContain("class AddTeamMembersView < ActiveRecord::Migration\n");
    expect(first).toContain("CREATE OR REPLACE VIEW team_members");
    expect(first).toContain("GRANT SELECT on team_members to web_user;");
    expect(first).toContain("drop view team_members;");
    expect(first).not.toContain("user_admin_id_ix");
    // the new migration: another file, another class, the build CONCURRENTLY
    expect(second).toMatch(/^new file db\/migrate\/20150729110133_build_user_admin_id_ix_concurrently\.rb/);
    expect(second).toContain("class BuildUserAdminIdIxConcurrently < ActiveRecord::Migration\n  disable_ddl_transaction!");
    expect(second).toContain('execute "create index CONCURRENTLY user_admin_id_ix on users(id) where admin"');
    expect(second).not.toContain("class AddTeamMembersView");
  });
});
