/**
 * The down migguard suggests for a migration that swaps an enum for a new one of the same name and raises in its down
 * (govuk-chat 20260417081153), through `migguard lint`: a column the down leaves on the new type blocks its DROP TYPE
 * (PostgreSQL: "cannot drop type ... because other objects depend on it"), so the down does not run that drop, nor the
 * rename of the old type back onto the name the new one still holds. A type whose column the down drops first is dropped.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-down-type-");

type Finding = { rule: string; severity: string; line: number; fix: string };
const irreversible = async (path: string, content: string) =>
  (JSON.parse((await run(["lint", "--format", "json", path], { cwd: repo({ [path]: content }) })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "irreversible-migration");
/** the statements the down runs, without its comments */
const executed = (fix: string) => fix.split("\n").filter((l) => /^\s*execute /.test(l)).map((l) => l.trim());

const migration = (sql: string) => `class RemoveLegacyQuestionRoutingLabels < ActiveRecord::Migration[8.1]
  def up
    Question.where(label: "vague").delete_all

    execute <<-SQL
${sql}
    SQL
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end
`;

describe("lint: the suggested down never drops a type a remaining column uses", () => {
  it("the column moved onto the new enum with no earlier type known: no DROP TYPE, no rename back, the raise kept", async () => {
    const path = "db/migrate/20260417081153_remove_legacy_question_routing_labels.rb";
    const [finding] = await irreversible(
      path,
      migration(`    ALTER TYPE question_routing_label RENAME TO question_routing_label_old;
    CREATE TYPE question_routing_label AS ENUM ('about_chat', 'genuine_rag');
    ALTER TABLE answers ALTER COLUMN question_routing_label TYPE question_routing_label USING question_routing_label::text::question_routing_label;
    DROP TYPE question_routing_label_old;`),
    );
    // a down its author wrote to raise is a declared decision: a note
    expect(finding.severity).toBe("info");
    expect(executed(finding.fix)).toEqual([]);
    // the up deletes rows: a declared raise is kept as the whole down (a restore needs a copy the up did not keep)
    expect(finding.fix).not.toMatch(/DROP TYPE question_routing_label\b/);
    expect(finding.fix).toMatch(/raise ActiveRecord::IrreversibleMigration/);
  });

  it("a column the up adds on the new type: the down drops the column, then the type", async () => {
    const path = "db/migrate/20260417081153_add_answer_kind.rb";
    // an up that only adds (no rows deleted): the raise blocks a rollback for nothing, so the fix is the down that undoes it
    const onlyAdds = migration(`    CREATE TYPE answer_kind AS ENUM ('short', 'long');\n    ALTER TABLE answers ADD COLUMN kind answer_kind;`).replace('    Question.where(label: "vague").delete_all\n\n', "");
    const [finding] = await irreversible(path, onlyAdds);
    expect(executed(finding.fix)).toEqual(['execute "ALTER TABLE answers DROP COLUMN kind;"', 'execute "DROP TYPE answer_kind;"']);
  });
});
