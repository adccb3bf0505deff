/**
 * The sixteenth replay's Rails false alarms (DFE-Digital/itt-mentor-services) through `migguard review`:
 * `add_enum_value` in `change` (Rails 7.1+), whose rollback Rails itself refuses with IrreversibleMigration as loudly
 * as an explicit raise, is a note like that raise, not a failed check; and a model's `delegate :email_address,
 * to: :school_contact` reads the contact's attribute, not the model's own column the migration drops.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const SCHEMA = (version: string, extra = "") =>
  `ActiveRecord::Schema[8.0].define(version: ${version}) do\n  enable_extension "plpgsql"\n  create_enum "claim_status", ["draft", "submitted"]\n\n  create_table "claims", force: :cascade do |t|\n    t.enum "status", enum_type: "claim_status"\n  end\n\n  create_table "schools", force: :cascade do |t|\n    t.string "name"\n${extra}  end\n\n  create_table "school_contacts", force: :cascade do |t|\n    t.bigint "school_id"\n    t.string "email_address"\n  end\nend\n`;
const base = (schoolModel: string) => ({
  Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 8.0"\ngem "pg"\n',
  "config/database.yml": "production:\n  adapter: postgresql\n",
  "db/migrate/20250101000000_create_tables.rb": "class CreateTables < ActiveRecord::Migration[8.0]\n  def change\n    create_table :schools\n  end\nend\n",
  "db/schema.rb": SCHEMA("2025_01_01_000000", '    t.string "email_address"\n'),
  "app/models/application_record.rb": "class ApplicationRecord < ActiveRecord::Base\n  primary_abstract_class\nend\n",
  "app/models/school_contact.rb": "class SchoolContact < ApplicationRecord\n  belongs_to :school\nend\n",
  "app/models/school.rb": schoolModel,
});
const SCHOOL = (delegation: string) =>
  `class School < ApplicationRecord\n  self.ignored_columns += %w[email_address]\n\n  has_one :school_contact\n\n  ${delegation}\nend\n`;

describe("sixteenth replay: itt-mentor-services", () => {
  it("add_enum_value in change: Rails raises on rollback, PostgreSQL cannot drop the value: a note, and the check passes", async () => {
    const repo = featureBranchOn(base(SCHOOL("def contact_email = school_contact&.email_address")));
    repo
      .write({
        "db/migrate/20250813103610_add_clawback_requires_approval_status_to_claims.rb":
          'class AddClawbackRequiresApprovalStatusToClaims < ActiveRecord::Migration[8.0]\n  def change\n    add_enum_value :claim_status, "clawback_requires_approval"\n  end\nend\n',
        "db/schema.rb": SCHEMA("2025_08_13_103610", '    t.string "email_address"\n').replace('["draft", "submitted"]', '["draft", "submitted", "clawback_requires_approval"]'),
      })
      .commit("add clawback_requires_approval");
    const { exitCode, findings } = await reviewJson(repo);
    const irreversible = findings.filter((f) => f.rule === "irreversible-migration");
    expect(irreversible.map((f) => [f.line, f.severity])).toEqual([[3, "info"]]);
    expect(irreversible[0].message).toContain("IrreversibleMigration");
    expect(exitCode).toBe(0);
  });

  it("a column dropped while the model delegates a method of its name to another object: no use", async () => {
    const drop = {
      "db/migrate/20250815112517_remove_email_address_from_schools.rb":
        "class RemoveEmailAddressFromSchools < ActiveRecord::Migration[8.0]\n  def change\n    remove_column :schools, :email_address, :string\n  end\nend\n",
      "db/schema.rb": SCHEMA("2025_08_15_112517"),
    };
    const delegating = featureBranchOn(base(SCHOOL("delegate :email_address, :full_name, to: :school_contact, prefix: true, allow_nil: true")));
    delegating.write(drop).commit("remove email_address from schools");
    const used = async (repo: typeof delegating) => (await reviewJson(repo)).findings.filter((f) => f.rule === "dropped-object-still-used" && f.severity !== "info");
    expect(await used(delegating)).toEqual([]);
    // the model's own macro on the column is still a use
    const reading = featureBranchOn(base(SCHOOL("validates :email_address, presence: true")));
    reading.write(drop).commit("remove email_address from schools");
    expect((await used(reading)).map((f) => f.message)).toEqual([expect.stringContaining("app/models/school.rb:6")]);
  });
});
