/**
 * Foreign keys once added NOT VALID and validated by a later migration, now added validated with the validating
 * migration emptied in the same change (dawarich 58ae4cf2ae, an independent replay): databases that ran the old
 * versions and fresh ones end with the same validated keys. Reviewed through the CLI on a small git repository.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const create = (validate: boolean) =>
  `class CreateFamilyMemberships < ActiveRecord::Migration[8.0]\n  def change\n    create_table :family_memberships do |t|\n      t.bigint :family_id, null: false\n      t.bigint :user_id, null: false\n    end\n\n` +
  `    add_foreign_key :family_memberships, :families${validate ? "" : ", validate: false"}\n    add_foreign_key :family_memberships, :users${validate ? "" : ", validate: false"}\n  end\nend\n`;
const validation = (lines: string) => `class ValidateFamilyForeignKeys < ActiveRecord::Migration[8.0]\n  def change\n${lines}  end\nend\n`;
const validations = "    validate_foreign_key :family_memberships, :families\n    validate_foreign_key :family_memberships, :users\n";
const createPath = "db/migrate/20250926220135_create_family_memberships.rb";
const validatePath = "db/migrate/20250926220345_validate_family_foreign_keys.rb";
const base = {
  "db/migrate/20250926220000_create_families.rb": "class CreateFamilies < ActiveRecord::Migration[8.0]\n  def change\n    create_table :families\n  end\nend\n",
  [createPath]: create(false),
  [validatePath]: validation(validations),
};
const edited = (findings: Awaited<ReturnType<typeof reviewJson>>["findings"]) => findings.filter((f) => f.rule === "edited-migration").map((f) => [f.path, f.severity]);

describe("edits that only move when foreign keys are validated", () => {
  it("keys added validated and their validations emptied together: a note on each migration", async () => {
    const repo = featureBranchOn(base);
    repo.write({ [createPath]: create(true), [validatePath]: validation(validations.replace(/^ {4}/gm, "    # ")) }).commit("validate at creation");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(edited(findings)).toEqual([
      [createPath, "info"],
      [validatePath, "info"],
    ]);
  });

  it("one validation kept for a key now added validated too, the other dropped with its key still NOT VALID: a schema edit", async () => {
    const repo = featureBranchOn(base);
    repo.write({ [createPath]: create(false).replace(":families, validate: false", ":families"), [validatePath]: validation("    validate_foreign_key :family_memberships, :families\n") }).commit("half");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(1);
    expect(edited(findings).map(([, severity]) => severity)).toContain("error");
  });
});
