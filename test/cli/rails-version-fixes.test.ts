/**
 * Fixes for the Rails the project runs, through `migguard lint` (README: Rails): Gemfile.lock's version, else the
 * migrations' own `Migration[x]`. A Rails 4.2 project gets `ActiveRecord::Migration` without a bracket (`[]` is
 * Rails 5.0+, NoMethodError before) and the SQL of helpers it lacks (add_check_constraint is 6.1+).
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-rails-version-");

type Finding = { rule: string; fix: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const lock = (version: string) => `GEM\n  remote: https://rubygems.org/\n  specs:\n    activerecord (${version})\n    rails (${version})\n`;

const notNull = (superclass: string) => `class ChangeContributionsPayerEmailNull < ${superclass}
  def change
    change_column_null :contributions, :payer_email, false
  end
end
`;

describe("Rails fixes for the project's Rails version", () => {
  it("Rails 4.2 (Gemfile.lock): no Migration[x], the CHECK in SQL", async () => {
    const findings = await lint(repo({ "Gemfile.lock": lock("4.2.11"), "db/migrate/20150519202707_change_contributions_payer_email_null.rb": notNull("ActiveRecord::Migration") }));
    const fix = findings.find((f) => f.rule === "set-not-null")!.fix;
    expect(fix).toContain("class ValidateContributionsPayerEmailNotNull < ActiveRecord::Migration\n");
    expect(fix).toContain('execute "ALTER TABLE contributions VALIDATE CONSTRAINT contributions_payer_email_not_null"');
    expect(fix).not.toMatch(/Migration\[|_check_constraint/);
  });

  it("Rails 7.1 (Gemfile.lock) on the same migration: Migration[7.1] and Rails' CHECK helpers", async () => {
    const findings = await lint(repo({ "Gemfile.lock": lock("7.1.3"), "db/migrate/20150519202707_change_contributions_payer_email_null.rb": notNull("ActiveRecord::Migration") }));
    const fix = findings.find((f) => f.rule === "set-not-null")!.fix;
    expect(fix).toContain("< ActiveRecord::Migration[7.1]");
    expect(fix).toContain("validate_check_constraint :contributions");
  });

  it("no Gemfile.lock: the migration's own Migration[5.2] says the helpers of 6.1 are missing", async () => {
    const findings = await lint(repo({ "db/migrate/20190519202707_change_contributions_payer_email_null.rb": notNull("ActiveRecord::Migration[5.2]") }));
    const fix = findings.find((f) => f.rule === "set-not-null")!.fix;
    expect(fix).toContain("< ActiveRecord::Migration[5.2]");
    expect(fix).not.toContain("_check_constraint");
  });
});
