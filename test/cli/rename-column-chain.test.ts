/**
 * `migguard lint` on Rails renames that pass names along in one migration (slot_option_1 to slot_option_0,
 * slot_option_2 to slot_option_1, slot_option_3 to slot_option_2) or swap them: each rename's expand alone would add a
 * column the neighbouring rename keeps, so the fixes say the renames chain and give them an order, one release each;
 * a swap has no order and says so instead of an expand that collides. Every fix is Ruby that parses.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import { loadRubyParser, parseRuby } from "../../src/engine/adapters/rails/prism.js";

type Finding = { path: string; line: number; rule: string; message: string; fix?: string };

const SHIFT = `class ZeroIndexSlots < ActiveRecord::Migration[7.1]
  def up
    rename_column :visits, :slot_option_1, :slot_option_0
    rename_column :visits, :slot_option_2, :slot_option_1
    rename_column :visits, :slot_option_3, :slot_option_2
  end

  def down
    rename_column :visits, :slot_option_2, :slot_option_3
    rename_column :visits, :slot_option_1, :slot_option_2
    rename_column :visits, :slot_option_0, :slot_option_1
  end
end
`;

const SWAP = `class SwapNames < ActiveRecord::Migration[7.1]
  def change
    rename_column :people, :first_name, :tmp_name
    rename_column :people, :last_name, :first_name
    rename_column :people, :tmp_name, :last_name
  end
end
`;

async function renameFindings(): Promise<Finding[]> {
  const root = mkdtempSync(join(tmpdir(), "migguard-rename-chain-"));
  const files = { "db/migrate/20240101000000_zero_index_slots.rb": SHIFT, "db/migrate/20240102000000_swap_names.rb": SWAP };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const { output } = await run(["lint", "--format", "json", "."], { cwd: root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "rename-column");
}

/** The in-place part inside a migration's `def up`, each later migration as written: Prism finds no error in any. */
function parsesAsRuby(fix: string): boolean {
  const [inPlace, ...files] = fix.split(/^# then a new migration, [^\n]*:\n/m);
  const sources = [`class Fix < ActiveRecord::Migration[7.1]\n  def up\n${inPlace}\n  end\nend\n`, ...files];
  return sources.every((source) => parseRuby(source).errors.length === 0);
}

beforeAll(() => loadRubyParser());

describe("renames that pass names along", () => {
  it("each link's fix gives the order, and every link after the first waits for the drop of the name it takes", async () => {
    const findings = (await renameFindings()).filter((f) => f.path.endsWith("zero_index_slots.rb"));
    expect(findings.map((f) => f.line)).toEqual([3, 4, 5]);
    for (const f of findings) {
      expect(f.fix).toContain("#   1. slot_option_1 -> slot_option_0: expand slot_option_0, switch the code to it, then drop slot_option_1");
      expect(f.fix).toContain("#   3. slot_option_3 -> slot_option_2: expand slot_option_2, switch the code to it, then drop slot_option_3");
      expect(parsesAsRuby(f.fix!)).toBe(true);
    }
    expect(findings[0].fix).toContain("# This is step 1: its expand goes here, in place of the rename.");
    expect(findings[1].fix).toContain("# This is step 2: take the rename out of this migration; the expand below goes in a new migration after the one\n# that drops slot_option_1 (step 1, line 3's fix)");
    expect(findings[2].fix).toContain("that drops slot_option_2 (step 2, line 4's fix)");
  });

  it("a swap has no order: the fix says so and adds no column the other rename keeps", async () => {
    const findings = (await renameFindings()).filter((f) => f.path.endsWith("swap_names.rb"));
    expect(findings.map((f) => f.line)).toEqual([3, 4]);
    for (const f of findings) {
      expect(f.fix).toContain("# the renames of people in this migration swap names: first_name -> last_name, last_name -> first_name.");
      expect(f.fix).not.toContain("add_column");
      expect(parsesAsRuby(f.fix!)).toBe(true);
    }
  });
});
