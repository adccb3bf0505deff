/**
 * README "Waivers" and "A lock the transaction already holds", through `migguard lint`: a rewrite's finding names the
 * later steps that run under its lock and stands for them, but a waived rewrite stands for nothing, so the index
 * build after it keeps its own finding (a waiver of column-type-change is not a waiver of the build).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

interface Finding {
  rule: string;
  severity: string;
  message: string;
  line: number;
  path: string;
}

async function lint(files: Record<string, string>, path: string): Promise<Finding[]> {
  const root = mkdtempSync(join(tmpdir(), "migguard-waived-rewrite-"));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  const result = await run(["lint", "--format", "json", path], { cwd: root });
  return (JSON.parse(result.output) as { findings: Finding[] }).findings;
}

const invoices = (body: string) => ({
  "db/migrate/20230101000000_create_invoices.rb": `class CreateInvoices < ActiveRecord::Migration[7.1]
  def change
    create_table :invoices do |t|
      t.integer :amount
    end
  end
end
`,
  "db/migrate/20240101000000_widen_amount.rb": `class WidenAmount < ActiveRecord::Migration[7.1]
  def up
${body}
  end

  def down
    remove_index :invoices, :amount
    change_column :invoices, :amount, :integer
  end
end
`,
});

const LOCK_RULES = new Set(["index-without-concurrently", "column-type-change"]);
const lockFindings = (findings: Finding[]) => findings.filter((f) => f.path.endsWith("_widen_amount.rb") && LOCK_RULES.has(f.rule)).map((f) => [f.line, f.rule, f.severity]);

describe("migguard lint: a waived rewrite does not hide the steps under its lock", () => {
  it("an index build after a type change waived with migguard:ignore: the build's own finding is reported", async () => {
    const findings = await lint(
      invoices(
        "    # migguard:ignore column-type-change invoices is read only by the nightly job, which is paused for this deploy\n    change_column :invoices, :amount, :bigint\n    add_index :invoices, :amount",
      ),
      "db/migrate",
    );
    expect(lockFindings(findings)).toEqual([[5, "index-without-concurrently", "error"]]);
  });

  it("the same migration without the waiver: one finding, the rewrite's, naming the build", async () => {
    const findings = await lint(invoices("    change_column :invoices, :amount, :bigint\n    add_index :invoices, :amount"), "db/migrate");
    expect(lockFindings(findings)).toEqual([[3, "column-type-change", "error"]]);
    expect(findings.find((f) => f.rule === "column-type-change")!.message).toContain("through line 4's build of index index_invoices_on_amount too");
  });
});
