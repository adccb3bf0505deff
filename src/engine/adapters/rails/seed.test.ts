/**
 * The seed article's Rails example through the whole engine: the anti-pattern loses data on line 3 (a rollback
 * re-adds the column empty), with the two-phase fix; the "quick patch" (explicit up/down with a backup) is not irreversible.
 */
import { analyze } from "../../analyze.js";
import { SEED_ANTI_PATTERN, SEED_QUICK_PATCH } from "../../testing/rails-fixtures.js";

const lint = async (code: string) => (await analyze({ files: [{ path: "db/migrate/20240101000000_drop_phone_number.rb", content: code }] })).findings;

describe("the seed's Rails migration", () => {
  it("anti-pattern: one data-loss finding on line 3 that says the rollback brings the column back empty, with the two-phase fix", async () => {
    const findings = (await lint(SEED_ANTI_PATTERN)).filter((f) => f.severity === "error" && f.line === 3);
    // Rails can reverse a typed remove_column, so the rollback "works": what it cannot bring back is the data
    expect(findings.map((f) => [f.rule, f.category])).toEqual([["remove-column-in-change", "data-loss"]]);
    expect(findings[0].message).toMatch(/rolling back this `change` re-adds the column empty/);
    expect(findings[0].fix).toContain('self.ignored_columns += ["phone_number"]');
    expect(findings[0].fix).toMatch(/remove_column :users, :phone_number/);
  });

  it("quick patch: no irreversible-migration, missing or empty down, and no data-loss finding", async () => {
    const findings = await lint(SEED_QUICK_PATCH);
    expect(findings.filter((f) => ["irreversible-migration", "missing-down", "empty-down", "remove-column-in-change"].includes(f.rule))).toEqual([]);
    expect(findings.filter((f) => f.category === "data-loss")).toEqual([]);
  });
});
