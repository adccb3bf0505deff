/**
 * `migguard lint` on talk-api's refactor_tagging: NOT NULL references added to tags without defaults beside a
 * remove_column of tags. The finding's own proof says the drop loses no data because tags must be empty for the
 * migration to run; in its transaction rows make it fail whole, so nothing is lost, but the deploy still fails on a
 * table with rows (hitobito's integration environment did): a warning, not an error, and not a note; a NOT NULL
 * column beside only an index (no data of the table dropped) stays an error.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { rule: string; line: number; severity: string };

const lint = async (body: string): Promise<Finding[]> => {
  const cwd = fileTree({ "db/migrate/20150115213705_refactor_tagging.rb": `class RefactorTagging < ActiveRecord::Migration\n  def change\n${body}  end\nend\n` }, "migguard-own-proof-");
  const { output } = await run(["lint", "--format", "json", "db/migrate"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "required-column-without-default");
};

describe("lint: a NOT NULL column whose own proof reads the migration as run on an empty table", () => {
  it("beside a remove_column of the same table, in the migration's transaction: warnings", async () => {
    const findings = await lint("    remove_column :tags, :uses, :integer\n    add_column :tags, :user_id, :integer, null: false\n    add_column :tags, :comment_id, :integer, null: false\n");
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [4, "warning"],
      [5, "warning"],
    ]);
  });

  it("beside an index only: an error", async () => {
    const findings = await lint("    add_column :tags, :user_id, :integer, null: false\n    add_index :tags, :user_id\n");
    expect(findings.map((f) => f.severity)).toEqual(["error"]);
  });
});
