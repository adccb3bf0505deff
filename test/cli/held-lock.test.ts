/**
 * README "A lock the transaction already holds", through `migguard lint`: a lock finding after an earlier statement of
 * the same transaction that holds ACCESS EXCLUSIVE on the table says the work runs under that lock (severity kept),
 * and after a rewrite of the table the rewrite's finding names the later steps, which have none of their own.
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
  const root = mkdtempSync(join(tmpdir(), "migguard-held-lock-"));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
  const result = await run(["lint", "--format", "json", path], { cwd: root });
  return (JSON.parse(result.output) as { findings: Finding[] }).findings;
}

const INVOICES = `class CreateInvoices < ActiveRecord::Migration[7.1]
  def change
    create_table :invoices do |t|
      t.integer :amount
    end
  end
end
`;

const LOCK_RULES = new Set(["index-without-concurrently", "set-not-null", "constraint-without-not-valid", "unique-constraint-without-index", "column-type-change", "volatile-default"]);
const lockFindings = (findings: Finding[], file: string) => findings.filter((f) => f.path.endsWith(file) && LOCK_RULES.has(f.rule)).map((f) => [f.line, f.rule, f.severity]);

describe("migguard lint: a lock the transaction already holds", () => {
  it("an index built after add_column in a Rails migration: an error that says the ADD COLUMN's lock makes it block reads too", async () => {
    const findings = await lint(
      {
        "db/migrate/20230101000000_create_invoices.rb": INVOICES,
        "db/migrate/20240101000000_add_payout_to_invoices.rb": `class AddPayoutToInvoices < ActiveRecord::Migration[7.1]
  def change
    add_column :invoices, :payout_id, :bigint
    add_index :invoices, :payout_id
  end
end
`,
      },
      "db/migrate",
    );
    expect(lockFindings(findings, "_add_payout_to_invoices.rb")).toEqual([[4, "index-without-concurrently", "error"]]);
    const index = findings.find((f) => f.rule === "index-without-concurrently")!;
    expect(index.message).toBe(
      "Creating index index_invoices_on_payout_id without CONCURRENTLY blocks writes to invoices while it builds. Line 3's ADD COLUMN payout_id already holds ACCESS EXCLUSIVE on invoices until commit, so this build blocks reads as well as writes for its whole duration; building it CONCURRENTLY outside this transaction lets line 3 commit at once.",
    );
  });

  it("change_column with null: false is one ALTER TABLE (type and NOT NULL checked in one pass): no lock is held before it, and the message says none", async () => {
    const findings = await lint(
      {
        "db/migrate/20230101000000_create_links.rb": "class CreateLinks < ActiveRecord::Migration[7.1]\n  def change\n    create_table :links do |t|\n      t.json :link_warnings\n    end\n  end\nend\n",
        "db/migrate/20240301000000_require_link_warnings.rb": `class RequireLinkWarnings < ActiveRecord::Migration[7.1]
  def up
    change_column :links, :link_warnings, :text, null: false
  end

  def down
    change_column :links, :link_warnings, :json, null: true
  end
end
`,
      },
      "db/migrate",
    );
    const notNull = findings.find((f) => f.rule === "set-not-null" && f.path.endsWith("_require_link_warnings.rb"))!;
    expect([notNull.line, notNull.severity]).toEqual([3, "error"]);
    expect(notNull.message).toBe("SET NOT NULL on links.link_warnings scans the whole table under an ACCESS EXCLUSIVE lock.");
  });

  it("an index build and a UNIQUE after ADD COLUMN and an UPDATE of every row in an Alembic revision (mergin-server's upload): notes naming the UPDATE", async () => {
    const revision = (id: string, down: string, body: string) => `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down}\n\n\ndef upgrade():\n${body}`;
    const files = {
      "migrations/versions/a0_upload.py": revision("a0", "None", '    op.execute("CREATE TABLE upload (id text PRIMARY KEY, done boolean)")\n'),
      "migrations/versions/b1_transaction.py": revision(
        "b1",
        '"a0"',
        '    op.add_column("upload", sa.Column("transaction_id", sa.Text(), nullable=True))\n    op.execute("UPDATE upload SET transaction_id = id WHERE transaction_id IS NULL")\n    op.create_index("ix_upload_transaction_id", "upload", ["transaction_id"])\n    op.create_unique_constraint("uq_upload_transaction_id", "upload", ["transaction_id"])\n',
      ),
    };
    const findings = await lint(files, "migrations/versions");
    expect(lockFindings(findings, "b1_transaction.py")).toEqual([
      [11, "index-without-concurrently", "info"],
      [12, "unique-constraint-without-index", "info"],
    ]);
    expect(findings.find((f) => f.rule === "index-without-concurrently")!.message).toContain("This transaction already holds ACCESS EXCLUSIVE on upload and updated every row of it under that lock (line 10)");
    // an UPDATE of some rows only: the ADD COLUMN's held lock, an error
    const some = await lint({ ...files, "migrations/versions/b1_transaction.py": files["migrations/versions/b1_transaction.py"].replace("WHERE transaction_id IS NULL", "WHERE done") }, "migrations/versions");
    expect(lockFindings(some, "b1_transaction.py")).toEqual([
      [11, "index-without-concurrently", "error"],
      [12, "unique-constraint-without-index", "error"],
    ]);
  });

  it("an index build and SET NOT NULL after a type change that rewrites the table: one finding, the rewrite's, naming both", async () => {
    const findings = await lint(
      {
        "db/migrations/000001_invoices.up.sql": "CREATE TABLE invoices (id bigint PRIMARY KEY, amount integer);\n",
        "db/migrations/000001_invoices.down.sql": "DROP TABLE invoices;\n",
        "db/migrations/000002_widen_amount.up.sql": "ALTER TABLE invoices ALTER COLUMN amount TYPE bigint;\nCREATE INDEX invoices_amount_idx ON invoices (amount);\nALTER TABLE invoices ALTER COLUMN amount SET NOT NULL;\n",
        "db/migrations/000002_widen_amount.down.sql": "DROP INDEX invoices_amount_idx;\nALTER TABLE invoices ALTER COLUMN amount DROP NOT NULL;\nALTER TABLE invoices ALTER COLUMN amount TYPE integer;\n",
      },
      "db/migrations",
    );
    expect(lockFindings(findings, "000002_widen_amount.up.sql")).toEqual([[1, "column-type-change", "error"]]);
    expect(findings.find((f) => f.rule === "column-type-change")!.message).toContain(
      "The lock stays held until commit, through line 2's build of index invoices_amount_idx and line 3's SET NOT NULL scan of amount too: each adds its time to this outage, so they have no finding of their own.",
    );
  });
});
