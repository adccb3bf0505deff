/**
 * e-petitions 20241021142904 through `migguard lint`: a stored generated column added to parliaments rewrites it; the
 * fix is runnable code, not a plain column left to an unwritten callback: the column, a trigger that computes the
 * same expression on every insert and update (the down told to drop it first), and the rows filled by a migration of
 * its own with disable_ddl_transaction!. Plain SQL gets the same, the fill as a DO loop in a file of its own.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const CREATE = `class CreateParliaments < ActiveRecord::Migration[7.2]
  def change
    create_table :parliaments do |t|
      t.datetime :state_opening_at
      t.datetime :dissolution_at
      t.timestamps
    end
  end
end
`;

const GENERATED = `class ChangePeriodToUseStateOpeningAt < ActiveRecord::Migration[7.2]
  def up
    period_sql = <<-SQL
      CASE
        WHEN state_opening_at IS NULL THEN date_part('year', created_at) || '-'
        ELSE (date_part('year', state_opening_at) || '-' || date_part('year', dissolution_at))
      END
    SQL

    add_column :parliaments, :period, :virtual, type: :string, as: period_sql, stored: true
  end

  def down
    remove_column :parliaments, :period
  end
end
`;

type Finding = { rule: string; line: number; fix: string };

const lint = async (files: Record<string, string>, path: string): Promise<Finding[]> => {
  const root = new Repo().write(files).commit("app").root;
  const findings = (JSON.parse((await run(["lint", "--format", "json", path], { cwd: root })).output) as { findings: Finding[] }).findings;
  return findings.filter((f) => f.rule === "volatile-default");
};

describe("a stored generated column added to a table with rows", () => {
  it("Rails: the fix is a plain column, the trigger that computes it, and a fill migration, all code", async () => {
    const findings = await lint({ "db/migrate/20240101000000_create_parliaments.rb": CREATE, "db/migrate/20241021142904_change_period_to_use_state_opening_at.rb": GENERATED }, "db/migrate");
    expect(findings.map((f) => f.line)).toEqual([10]);
    const { fix } = findings[0]!;
    expect(fix).toContain("add_column :parliaments, :period, :string");
    expect(fix).toContain("NEW.period := (SELECT (CASE");
    expect(fix).toContain("DROP TRIGGER IF EXISTS parliaments_period_generated ON parliaments;\n  CREATE TRIGGER parliaments_period_generated BEFORE INSERT OR UPDATE ON parliaments\n    FOR EACH ROW EXECUTE FUNCTION parliaments_period_generated();");
    expect(fix).toContain("# and in def down, before it removes period:\nexecute <<~'SQL'\n  DROP TRIGGER IF EXISTS parliaments_period_generated ON parliaments;");
    expect(fix).toMatch(/# then a new migration, db\/migrate\/\d+_fill_parliaments_period\.rb:\nclass FillParliamentsPeriod < ActiveRecord::Migration\[7\.2\]\n  disable_ddl_transaction!/);
    expect(fix).not.toContain("callback");
  });

  it("SQL: the same trigger, and the fill a DO loop in a migration file of its own", async () => {
    const findings = await lint(
      {
        "db/migrations/001_orders.sql": "CREATE TABLE orders (id bigint PRIMARY KEY, price integer, quantity integer);\n",
        "db/migrations/002_total.sql": "ALTER TABLE orders ADD COLUMN total bigint GENERATED ALWAYS AS (price * quantity) STORED;\n",
      },
      "db/migrations",
    );
    expect(findings.map((f) => f.line)).toEqual([1]);
    expect(findings[0]!.fix).toContain("NEW.total := (SELECT (price * quantity) FROM (SELECT NEW.*) AS orders);");
    expect(findings[0]!.fix).toContain("-- then a new migration, db/migrations/003_fill_orders_total.sql:");
  });
});
