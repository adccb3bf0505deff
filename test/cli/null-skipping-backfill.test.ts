/**
 * `migguard lint` on a backfill whose WHERE leaves NULL rows out by three-valued logic, before the column's NOT NULL
 * (README: set-not-null): `WHERE status != 'closed'` is NULL on a NULL status, so those rows stay NULL and the NOT
 * NULL fails on them. An error whose fix is the backfill with `OR status IS NULL`; none of it for `IS DISTINCT FROM`.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-null-skipping-backfill-");

type Finding = { path: string; rule: string; severity: string; line: number; message: string; fix: string };
/** the folder is linted (the earlier migrations are the history), the set-not-null findings of `path` kept */
const lint = async (cwd: string, path: string) =>
  (JSON.parse((await run(["lint", "--format", "json", path.slice(0, path.lastIndexOf("/"))], { cwd })).output) as { findings: Finding[] }).findings.filter(
    (f) => f.rule === "set-not-null" && f.path.endsWith(path),
  );

const INIT = "CREATE TABLE orders (id bigint PRIMARY KEY, status text);\n";

describe("a backfill that skips NULL rows before the NOT NULL", () => {
  it("SQL: an error on the SET NOT NULL whose fix adds OR status IS NULL", async () => {
    const cwd = repo({ "migrations/001_init.sql": INIT, "migrations/002_status.sql": "UPDATE orders SET status = 'open' WHERE status != 'closed';\nALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n" });
    const [finding] = await lint(cwd, "migrations/002_status.sql");
    expect(finding).toMatchObject({ severity: "error", line: 2 });
    expect(finding.message).toContain("leaves out the rows where status is NULL");
    expect(finding.fix).toContain("OR status IS NULL");
  });

  it("SQL: the backfill in the previous migration fails this one's NOT NULL too", async () => {
    const cwd = repo({ "migrations/001_init.sql": INIT, "migrations/002_backfill.sql": "UPDATE orders SET status = 'open' WHERE status NOT IN ('closed');\n", "migrations/003_status.sql": "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n" });
    const [finding] = await lint(cwd, "migrations/003_status.sql");
    expect(finding).toMatchObject({ severity: "error", line: 1 });
    expect(finding.message).toContain("migrations/002_backfill.sql, line 1");
  });

  it("SQL: IS DISTINCT FROM takes the NULL rows: only the lock finding", async () => {
    const cwd = repo({ "migrations/001_init.sql": INIT, "migrations/002_status.sql": "UPDATE orders SET status = 'open' WHERE status IS DISTINCT FROM 'closed';\nALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n" });
    const [finding] = await lint(cwd, "migrations/002_status.sql");
    expect(finding.message).toContain("scans the whole table");
    expect(finding.message).not.toContain("leaves out the rows");
  });

  it("Rails: where.not(...).update_all then change_column_null: the fix adds .or(Order.where(status: nil))", async () => {
    const cwd = repo({
      "db/migrate/20230101000000_create_orders.rb": "class CreateOrders < ActiveRecord::Migration[7.1]\n  def change\n    create_table :orders do |t|\n      t.string :status\n    end\n  end\nend\n",
      "db/migrate/20240101000000_backfill_status.rb": `class BackfillStatus < ActiveRecord::Migration[7.1]
  def up
    Order.where.not(status: "closed").update_all(status: "open")
    change_column_null :orders, :status, false
  end

  def down
    change_column_null :orders, :status, true
  end
end
`,
    });
    const [finding] = await lint(cwd, "db/migrate/20240101000000_backfill_status.rb");
    expect(finding).toMatchObject({ severity: "error", line: 4 });
    expect(finding.fix).toContain('Order.where.not(status: "closed").or(Order.where(status: nil)).update_all(status: "open")');
  });
});
