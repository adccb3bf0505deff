/**
 * migration-version-order when the branch's older version and the base branch's newer migration do independent
 * work on one table (vita-min 7bc705ae85, 90ba37ff7e), reviewed through `migguard review`: a note, the check passes.
 * And a release branch's old migrations against newer ones on other tables or whose SQL migguard cannot read
 * (caseflow 1158b8e8a7): a note that says which it could not read; a warning only names a newer one shown to touch
 * the same table.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const createIntakes = "class CreateIntakes < ActiveRecord::Migration[7.1]\n  def change\n    create_table :intakes do |t|\n      t.string :email\n    end\n  end\nend\n";
const addColumn = (klass: string, column: string) => `class ${klass} < ActiveRecord::Migration[7.1]\n  def change\n    add_column :intakes, :${column}, :integer, default: 0\n  end\nend\n`;
const createEmails =
  'class CreateCampaignEmails < ActiveRecord::Migration[7.1]\n  def change\n    create_table :campaign_emails do |t|\n      t.bigint :campaign_contact_id\n      t.string :message_name\n      t.string :to_email\n    end\n    add_index :campaign_emails, [:campaign_contact_id, :message_name], unique: true, name: "index_campaign_emails_on_contact_id_and_message_name"\n  end\nend\n';
// the base's newer migration: the unique index dropped and rebuilt as a plain one
const rebuildIndex =
  'class RemoveUniqueIndexFromCampaignEmails < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    remove_index :campaign_emails, name: "index_campaign_emails_on_contact_id_and_message_name"\n    add_index :campaign_emails, [:campaign_contact_id, :message_name], name: "index_campaign_emails_on_contact_id_and_message_name", algorithm: :concurrently\n  end\n\n  def down\n  end\nend\n';
const domainIndex = (name: string) =>
  `class AddDomainIndexToCampaignEmails < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    execute <<~SQL\n      CREATE INDEX CONCURRENTLY ${name}\n      ON campaign_emails (lower(split_part(to_email, '@', 2)));\n    SQL\n  end\n\n  def down\n    execute "DROP INDEX CONCURRENTLY IF EXISTS ${name}"\n  end\nend\n`;

async function orderFindings(base: Record<string, string>, head: Record<string, string>) {
  const repo = featureBranchOn(base);
  repo.write(head).commit("branch made before the newer migration merged");
  const { exitCode, findings } = await reviewJson(repo);
  return { exitCode, order: findings.filter((f) => f.rule === "migration-version-order") };
}

describe("migration-version-order: independent work on one table", () => {
  it("review: two add_column of different columns on intakes: a note that only the physical column order differs", async () => {
    const { order } = await orderFindings(
      { "db/migrate/20251101000000_create_intakes.rb": createIntakes, "db/migrate/20251208205505_add_brought_last_years_return_to_intake.rb": addColumn("AddBroughtLastYearsReturnToIntake", "brought_last_years_return") },
      { "db/migrate/20251201215441_add_new_vehicle_purchased_to_intakes.rb": addColumn("AddNewVehiclePurchasedToIntakes", "new_vehicle_purchased") },
    );
    expect(order.map((f) => f.severity)).toEqual(["info"]);
    expect(order[0].message).toContain("Both add columns to intakes");
  });

  it("review: the same column added on both sides: still a warning", async () => {
    const { order } = await orderFindings(
      { "db/migrate/20251101000000_create_intakes.rb": createIntakes, "db/migrate/20251208205505_add_vehicle.rb": addColumn("AddVehicle", "new_vehicle_purchased") },
      { "db/migrate/20251201215441_add_new_vehicle_purchased_to_intakes.rb": addColumn("AddNewVehiclePurchasedToIntakes", "new_vehicle_purchased") },
    );
    expect(order.map((f) => f.severity)).toEqual(["warning"]);
  });

  it("review: an expression index vs a newer drop and rebuild of another index of campaign_emails: a note", async () => {
    const { order } = await orderFindings(
      { "db/migrate/20260203223845_create_campaign_emails.rb": createEmails, "db/migrate/20260320232943_remove_unique_index_from_campaign_emails.rb": rebuildIndex },
      { "db/migrate/20260225233735_add_domain_index_to_campaign_emails.rb": domainIndex("idx_campaign_emails_on_domain") },
    );
    expect(order.map((f) => f.severity)).toEqual(["info"]);
    expect(order[0].message).toContain("so the order makes no difference here");
  });

  it("review: the newer migration drops the very index this one creates: a warning", async () => {
    const { order } = await orderFindings(
      { "db/migrate/20260203223845_create_campaign_emails.rb": createEmails, "db/migrate/20260320232943_remove_unique_index_from_campaign_emails.rb": rebuildIndex },
      { "db/migrate/20260225233735_add_domain_index_to_campaign_emails.rb": domainIndex("index_campaign_emails_on_contact_id_and_message_name") },
    );
    expect(order.map((f) => f.severity)).toEqual(["warning"]);
    expect(order[0].message).toContain("Both touch campaign_emails");
  });

  const addMeetingType = "class AddMeetingTypeToConferenceLinks < ActiveRecord::Migration[7.1]\n  def change\n    add_column :conference_links, :meeting_type, :string\n  end\nend\n";
  const refreshReports = 'class RefreshReports < ActiveRecord::Migration[7.1]\n  def up\n    execute(File.read(Rails.root.join("db/scripts/refresh_reports.sql")))\n  end\n\n  def down\n  end\nend\n';
  const indexRequestIssues = "class AddIndexToRequestIssues < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :request_issues, :reference_id, algorithm: :concurrently\n  end\nend\n";
  const createLinks = "class CreateConferenceLinks < ActiveRecord::Migration[7.1]\n  def change\n    create_table :conference_links do |t|\n      t.string :host_link\n    end\n  end\nend\n";

  it("review (caseflow 1158b8e8a7): newer migrations on other tables and one that runs SQL from a file: a note naming the one it could not read, the check passes", async () => {
    const { exitCode, order } = await orderFindings(
      {
        "db/migrate/20230101000000_create_conference_links.rb": createLinks,
        "db/migrate/20241001000000_refresh_reports.rb": refreshReports,
        "db/migrate/20241012181521_add_index_to_request_issues_reference_id.rb": indexRequestIssues,
      },
      { "db/migrate/20230726203750_add_meeting_type_to_conference_links.rb": addMeetingType },
    );
    expect(order.map((f) => f.severity)).toEqual(["info"]);
    expect(order[0].message).toContain("could not tell whether db/migrate/20241001000000_refresh_reports.rb touches conference_links");
    expect(exitCode).toBe(0);
  });

  it("review: the same, with a newer migration that writes conference_links' rows: a warning naming it, file and line", async () => {
    const backfill = "class BackfillConferenceLinks < ActiveRecord::Migration[7.1]\n  def up\n    execute \"UPDATE conference_links SET host_link = ''\"\n  end\n\n  def down\n  end\nend\n";
    const { order } = await orderFindings(
      {
        "db/migrate/20230101000000_create_conference_links.rb": createLinks,
        "db/migrate/20241001000000_refresh_reports.rb": refreshReports,
        "db/migrate/20241005000000_backfill_conference_links.rb": backfill,
      },
      { "db/migrate/20230726203750_add_meeting_type_to_conference_links.rb": addMeetingType },
    );
    expect(order.map((f) => f.severity)).toEqual(["warning"]);
    expect(order[0].message).toContain("Both touch conference_links: db/migrate/20241005000000_backfill_conference_links.rb:3.");
  });
});
