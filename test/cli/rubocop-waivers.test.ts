/**
 * RuboCop's directives through `migguard lint` (README: Waivers): a call the team marked
 * `# rubocop:disable Rails/ReversibleMigration` (on its line, or in a disable/enable block) is reported as a note that
 * names the directive; the data it drops stays an error (theodinproject 20220915061812, 20260530124754).
 */
import { join } from "node:path";
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-rubocop-");

type Finding = { line: number; rule: string; severity: string; message: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

describe("RuboCop's Rails/ReversibleMigration directive", () => {
  it("on the call's line: the irreversible change is a note naming the directive", async () => {
    const findings = await lint(
      repo({
        "db/migrate/20220915061812_remove_user_confirmation_columns.rb":
          "class RemoveUserConfirmationColumns < ActiveRecord::Migration[6.1]\n  def change\n    remove_columns :users, :confirmation_token, :confirmed_at # rubocop:disable Rails/ReversibleMigration\n  end\nend\n",
      }),
    );
    expect(findings.find((f) => f.rule === "irreversible-migration")).toMatchObject({ line: 3, severity: "info", message: expect.stringContaining("(waived by rubocop:disable Rails/ReversibleMigration on line 3)") });
    expect(findings.find((f) => f.rule === "drop-column")?.severity).toBe("error");
  });

  it("a disable/enable block covers the calls inside it only", async () => {
    const migration = (enableAt: "before" | "after") =>
      [
        "class DropPathPrerequisitesTable < ActiveRecord::Migration[8.1]",
        "  def change",
        "    # rubocop:todo Rails/ReversibleMigration -- retired with the old paths",
        "    drop_table :path_prerequisites",
        ...(enableAt === "before" ? ["    # rubocop:enable Rails/ReversibleMigration", "    drop_table :path_courses"] : ["    drop_table :path_courses", "    # rubocop:enable Rails/ReversibleMigration"]),
        "  end",
        "end",
        "",
      ].join("\n");
    const inside = await lint(repo({ "db/migrate/20260530124754_drop_path_prerequisites_table.rb": migration("after") }));
    expect(inside.filter((f) => f.rule === "irreversible-migration").map((f) => `${f.line}:${f.severity}`)).toEqual(["4:info"]);
    const outside = await lint(repo({ "db/migrate/20260530124754_drop_path_prerequisites_table.rb": migration("before") }));
    expect(outside.filter((f) => f.rule === "irreversible-migration").map((f) => `${f.line}:${f.severity}`)).toEqual(["6:error"]);
  });
});
