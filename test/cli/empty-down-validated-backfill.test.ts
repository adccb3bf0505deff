/**
 * An empty down after a backfill of the NULLs a NOT VALID check rejects and its VALIDATE, through `migguard lint`
 * (README: Configuration, empty downs): no finding; a backfill of every row keeps the error (identity-idp 20210303182041).
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-validated-backfill-");

type Finding = { rule: string; severity: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;

const addConstraint = `class AddNullConstraintToAgenciesAbbreviation < ActiveRecord::Migration[6.1]
  def up
    execute 'ALTER TABLE "agencies" ADD CONSTRAINT "agencies_abbreviation_null" CHECK ("abbreviation" IS NOT NULL) NOT VALID'
  end

  def down
    execute 'ALTER TABLE "agencies" DROP CONSTRAINT "agencies_abbreviation_null"'
  end
end
`;
const validate = (where: string) => `class ValidateAddNullConstraintToAgenciesAbbreviation < ActiveRecord::Migration[6.1]
  def up
    execute 'UPDATE agencies SET abbreviation = name${where}'
    execute 'ALTER TABLE "agencies" VALIDATE CONSTRAINT "agencies_abbreviation_null"'
  end

  def down
  end
end
`;

describe("empty down after validating a NOT VALID check and filling the rows it rejects", () => {
  const files = (where: string) => ({
    "db/migrate/20210303182040_add_null_constraint_to_agencies_abbreviation.rb": addConstraint,
    "db/migrate/20210303182041_validate_add_null_constraint_to_agencies_abbreviation.rb": validate(where),
  });

  it("only the NULLs the check rejects: no empty-down finding", async () => {
    expect((await lint(repo(files(" WHERE abbreviation IS NULL")))).filter((f) => f.rule === "empty-down")).toEqual([]);
  });

  it("every row: the overwritten values do not come back, the finding stays", async () => {
    expect((await lint(repo(files("")))).find((f) => f.rule === "empty-down")?.severity).toBe("error");
  });
});
