/**
 * One-way data fixes and ups whose undo is nothing, through `migguard review` (README: empty-down,
 * irreversible-migration): a pull request that adds a clean-up of the rows it picks with an empty down passes with a
 * note; the same clean-up with only `def up` is a note too (Rails runs no down and reports it reverted, and the up runs
 * again as a no-op); in `change`, whose rollback runs it again, nothing; an up that only validates a constraint is a
 * note; a loop that rewrites every row with an empty down keeps its warning (signon, replay 46; keygen, seed 73).
 */
import { featureBranchOn, reviewJson, type Finding } from "./support/review-repo.js";

const createOrganisations = `class CreateOrganisations < ActiveRecord::Migration[7.0]\n  def change\n    create_table :organisations do |t|\n      t.string :name\n      t.string :slug\n    end\n  end\nend\n`;
const model = "class Organisation < ApplicationRecord\n  before_validation { self.name = name&.strip }\nend\n";
const base = { "db/migrate/20230101000000_create_organisations.rb": createOrganisations, "app/models/organisation.rb": model };

/** signon 6d625fcf's clean-up: the organisations whose name has leading or trailing whitespace, re-saved so the model strips it. */
const stripNames = (rest: string) =>
  `class StripWhitespaceFromOrganisationNames < ActiveRecord::Migration[7.0]\n  NAME_HAS_SPACE = "name LIKE ' %' OR name LIKE '% '".freeze\n\n  def up\n    Organisation.where(NAME_HAS_SPACE).each(&:save!)\n  end\n${rest}end\n`;

const about = (findings: Finding[], rules: RegExp) => findings.filter((f) => rules.test(f.rule)).map((f) => `${f.severity} ${f.rule}`);

describe("review: one-way data fixes and ups whose undo is nothing", () => {
  it("a clean-up of the rows a filter picks with `def down; end`: the check passes, with a note that the empty down is the right one", async () => {
    const repo = featureBranchOn(base);
    repo.write({ "db/migrate/20230911092404_strip_whitespace_from_organisation_names.rb": stripNames("\n  def down; end\n") }).commit("strip whitespace from names");
    const { exitCode, findings } = await reviewJson(repo);
    expect(about(findings, /empty-down|irreversible-migration/)).toEqual(["info empty-down"]);
    expect(findings.find((f) => f.rule === "empty-down")!.message).toContain("A one-way clean-up like this has nothing a down should restore");
    expect(exitCode).toBe(0);
  });

  it("the same clean-up with only `def up`: Rails' rollback runs nothing and reports it reverted (no raise), a note whose fix is the empty down", async () => {
    const repo = featureBranchOn(base);
    repo.write({ "db/migrate/20230911092404_strip_whitespace_from_organisation_names.rb": stripNames("") }).commit("strip whitespace from names");
    const { exitCode, findings } = await reviewJson(repo);
    expect(about(findings, /empty-down|irreversible-migration/)).toEqual(["info irreversible-migration"]);
    const finding = findings.find((f) => f.rule === "irreversible-migration")!;
    expect(finding.message).toContain("only changes data");
    expect(finding.fix).toContain("def down\n  # one-way data change: the rows up changed keep their new values\nend");
    expect(exitCode).toBe(0);
  });

  it("in `change`, a strip of the names it picks that a rollback runs again as a no-op: no finding", async () => {
    const repo = featureBranchOn(base);
    repo
      .write({
        "db/migrate/20230925104849_strip_whitespace_from_organisation_name.rb": `class StripWhitespaceFromOrganisationName < ActiveRecord::Migration[7.0]\n  def change\n    Organisation.where("name LIKE ' %' OR name LIKE '% '").each do |o|\n      o.update_attribute(:name, o.name&.strip)\n    end\n  end\nend\n`,
      })
      .commit("strip the names the first pass missed");
    const { exitCode, findings } = await reviewJson(repo);
    expect(about(findings, /empty-down|irreversible-migration/)).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("an up that only validates a NOT VALID check constraint, with no down: a note, never an error", async () => {
    const repo = featureBranchOn(base);
    repo
      .write({
        "db/migrate/20240424022605_add_name_not_null_constraint_to_organisations.rb": `class AddNameNotNullConstraintToOrganisations < ActiveRecord::Migration[7.1]\n  def change\n    add_check_constraint :organisations, "name IS NOT NULL", name: "organisations_name_not_null", validate: false\n  end\nend\n`,
        "db/migrate/20240424022606_validate_name_not_null_constraint_for_organisations.rb": `class ValidateNameNotNullConstraintForOrganisations < ActiveRecord::Migration[7.1]\n  def up\n    validate_check_constraint :organisations, name: "organisations_name_not_null"\n  end\nend\n`,
      })
      .commit("name not null, in two steps");
    const { exitCode, findings } = await reviewJson(repo);
    const validate = findings.filter((f) => f.path.endsWith("20240424022606_validate_name_not_null_constraint_for_organisations.rb") && /empty-down|irreversible-migration|missing-down/.test(f.rule));
    expect(validate.map((f) => `${f.severity} ${f.rule}`)).toEqual(["info irreversible-migration"]);
    expect(validate[0].fix).toBe("def down\n  # nothing to undo: the up only validates constraints, which changes no schema and no row\nend");
    expect(exitCode).toBe(0);
  });

  it("a loop that overwrites a column of every row with an empty down: the old values do not come back, the warning stays", async () => {
    const repo = featureBranchOn(base);
    repo
      .write({
        "db/migrate/20240101000000_reset_slugs.rb": `class ResetSlugs < ActiveRecord::Migration[7.0]\n  def up\n    Organisation.find_each do |organisation|\n      organisation.update!(slug: organisation.name.parameterize)\n    end\n  end\n\n  def down; end\nend\n`,
      })
      .commit("reset every slug");
    const { findings } = await reviewJson(repo);
    expect(about(findings, /empty-down/)).toEqual(["warning empty-down"]);
  });
});
