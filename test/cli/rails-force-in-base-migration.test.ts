/**
 * Rails' `create_table ..., force: true` in the first migration of a folder that later migrations build on, through
 * `migguard lint` (peoplefinder's initial_schema): that migration runs only on a database without the table, so the
 * DROP TABLE IF EXISTS behind force: drops nothing and there is no drop-table finding (a backup would fail there). A
 * lone migration keeps its finding: nothing says it is the folder's base.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-force-base-");

type Finding = { rule: string; severity: string; line: number };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const initial = `class InitialSchema < ActiveRecord::Migration[4.2]
  def change
    create_table "memberships", force: true do |t|
      t.integer "group_id"
      t.text "role"
    end
  end
end
`;
const later = `class AddLeaderToMemberships < ActiveRecord::Migration[4.2]
  def change
    add_column :memberships, :leader, :boolean, default: false
  end
end
`;

describe("lint: create_table force: in the first migration of a folder", () => {
  it("gives no drop-table finding when later migrations build on it", async () => {
    const cwd = repo({ "db/migrate/20141014092058_initial_schema.rb": initial, "db/migrate/20150604110007_add_leader_to_memberships.rb": later });
    expect((await lint(cwd)).filter((f) => f.rule === "drop-table")).toEqual([]);
  });

  it("keeps the finding on a lone migration", async () => {
    const cwd = repo({ "db/migrate/20141014092058_initial_schema.rb": initial });
    expect((await lint(cwd)).filter((f) => f.rule === "drop-table").map((f) => f.line)).toEqual([3]);
  });
});
