/**
 * solidus eca889de5c (an independent replay of issue #19): spree_users taken out of the tables a merged migration
 * adds metadata columns to, and a new migration of the same pull request that adds them to the users table where they
 * are missing (`unless t.column_exists?` in a change_table block). Old and fresh databases end with the same columns: no
 * drift, and never a fix that drops them.
 * Reviewed through the CLI on a small git repository.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const metadata = (tables: string) => `class AddMetadataToSpreeResources < ActiveRecord::Migration[7.2]
  def change
    %i[${tables}].each do |table_name|
      change_table table_name do |t|
        t.jsonb(:customer_metadata, default: {}) unless t.column_exists?(:customer_metadata)
        t.jsonb(:admin_metadata, default: {}) unless t.column_exists?(:admin_metadata)
      end
    end
  end
end
`;
const users = (table: string) => `class AddMetadataToUsers < ActiveRecord::Migration[7.0]
  def change
    change_table ${table} do |t|
      t.jsonb(:customer_metadata, default: {}) unless t.column_exists?(:customer_metadata)
      t.jsonb(:admin_metadata, default: {}) unless t.column_exists?(:admin_metadata)
    end
  end
end
`;
const path = "core/db/migrate/20250129061658_add_metadata_to_spree_resources.rb";
const usersPath = "core/db/migrate/20250221152004_add_metadata_to_users.rb";

describe("columns moved out of a merged migration into a new one of the same change", () => {
  it("the new migration's table named at run time (Spree.user_class.table_name): a warning, and no fix drops the columns", async () => {
    const repo = featureBranchOn({ [path]: metadata("spree_orders spree_users") });
    repo.write({ [path]: metadata("spree_orders"), [usersPath]: users("Spree.user_class.table_name") }).commit("move the users' metadata");
    const { exitCode, findings } = await reviewJson(repo);
    const edited = findings.filter((f) => f.rule === "edited-migration");
    expect(exitCode).toBe(0);
    expect(edited.map((f) => f.severity)).toEqual(["warning"]);
    expect(edited[0].message).toContain("spree_users.customer_metadata and spree_users.admin_metadata, which the new migration 20250221152004_add_metadata_to_users.rb may add again");
    expect(edited[0].fix).not.toMatch(/remove_column|DROP COLUMN/);
  });

  it("the new migration's change_table names the users table and adds each column `unless t.column_exists?`: Rails' Table checks its own table, so every database ends with them, a note", async () => {
    const repo = featureBranchOn({ [path]: metadata("spree_orders spree_users") });
    repo.write({ [path]: metadata("spree_orders"), [usersPath]: users(":spree_users") }).commit("move the users' metadata");
    const { exitCode, findings } = await reviewJson(repo);
    const edited = findings.filter((f) => f.rule === "edited-migration");
    expect(exitCode).toBe(0);
    expect(edited.map((f) => f.severity)).toEqual(["info"]);
    expect(edited[0].message).toContain("20250221152004_add_metadata_to_users.rb of this change adds again where they are missing");
    expect(edited[0].fix).not.toMatch(/remove_column|DROP COLUMN/);
  });

  it("without the new migration the columns only old databases have: an error", async () => {
    const repo = featureBranchOn({ [path]: metadata("spree_orders spree_users") });
    repo.write({ [path]: metadata("spree_orders") }).commit("drop the users from the list");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(1);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).toEqual(["error"]);
  });
});
