/**
 * A Rails migration that raises unless the column it then removes holds only NULLs (feeder's
 * remove_enclosure_template), through `migguard lint` (README: Rails): drop-column makes no data-loss claim and
 * names the check's line; without the raise the error stays.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-values-guard-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

type Finding = { rule: string; line: number; severity: string; message: string };
const dropColumn = async (cwd: string) => {
  const { findings } = JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] };
  return findings.filter((f) => f.rule === "drop-column");
};

const migration = (guard: string) => `class RemoveEnclosureTemplate < ActiveRecord::Migration[7.2]
  def up
${guard}
    remove_column :feeds, :enclosure_template
  end

  def down
    add_column :feeds, :enclosure_template, :string
  end
end
`;

const GUARD = '    if Feed.where.not(enclosure_template: nil).any?\n      raise "you must nil out all enclosure templates before running this"\n    end';

describe("a Rails migration that raises unless the dropped column holds only NULLs", () => {
  it("drop-column claims no data loss and names the check's line", async () => {
    const found = await dropColumn(repo({ "db/migrate/20260714185049_remove_enclosure_template.rb": migration(GUARD), "app/models/feed.rb": "class Feed < ApplicationRecord\nend\n" }));
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(6);
    expect(found[0].severity).not.toBe("error");
    expect(found[0].message).toContain("loses no data: the migration stops on line 3 when enclosure_template holds a value");
  });

  it("the same check without the raise stops nothing: the data-loss error stays", async () => {
    const logged = GUARD.replace('raise "you must', 'say "you must');
    const found = await dropColumn(repo({ "db/migrate/20260714185049_remove_enclosure_template.rb": migration(logged), "app/models/feed.rb": "class Feed < ApplicationRecord\nend\n" }));
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe("error");
    expect(found[0].message).toContain("deletes its data");
  });
});
