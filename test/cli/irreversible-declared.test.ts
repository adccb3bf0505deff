/**
 * irreversible-migration through `migguard lint` on the patterns the independent judges of seeds 51 to 55 and replay
 * 32 (Foreman) labelled false: a down its author wrote to raise is a declared decision, a note whose fix keeps the
 * raise where the up purges data through code migguard cannot read; an up-only data fix whose relation is held in a
 * local is a data change (a note), not an unread up (an error); data code in `change` that a rollback runs again
 * without changing anything is no finding; a record renamed as data in `change` stays a warning whose fix renames it
 * back on the way down.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix?: string };

const FILES: Record<string, string> = {
  "db/migrate/20220907145552_clean_trends_data.rb": "class CleanTrendsData < ActiveRecord::Migration[6.1]\n  def up\n    ::CleanupHelper.clean_trends\n  end\n\n  def down\n    raise ActiveRecord::IrreversibleMigration\n  end\nend\n",
  "db/migrate/20220630104300_fix_facet_audits.rb": "class FixFacetAudits < ActiveRecord::Migration[6.0]\n  def up\n    broken_audits = Audit.where(auditable_type: 'Host::Base')\n    broken_audits.where(\"audited_changes LIKE '%uuid:%'\").update_all(auditable_type: 'ContentFacet')\n  end\nend\n",
  "db/migrate/20230414091257_rename_append_domain_setting.rb": "class RenameAppendDomainSetting < ActiveRecord::Migration[6.1]\n  def change\n    Setting.find_by(name: 'append_domain_name_for_hosts')&.update_attribute(:name, 'display_fqdn_for_hosts')\n  end\nend\n",
  "db/migrate/20240215150131_remove_entitlements_report.rb": "class RemoveEntitlementsReport < ActiveRecord::Migration[6.1]\n  def change\n    report = ReportTemplate.unscoped.find_by(name: \"Entitlement Report\")\n    return unless report\n    template_inputs = TemplateInput.where(template_id: report.id)\n    template_inputs&.delete_all\n    report&.delete\n  end\nend\n",
  "db/migrate/20160518134813_convert_admin_to_admin.rb": "class ConvertAdminToAdmin < ActiveRecord::Migration\n  def change\n    # Iterate through users and give them an admin role if they have the flag\n    User.admins.each do |admin|\n      admin.update_attribute(:role, 'admin') if admin.admin?\n    end\n  end\nend\n",
  "db/migrate/20150313183850_add_devise_to_users.rb": "class AddDeviseToUsers < ActiveRecord::Migration\n  def self.up\n    change_table(:users) do |t|\n      t.string :email, null: false, default: \"\"\n      t.string :encrypted_password, null: false, default: \"\"\n    end\n    add_index :users, :email, unique: true\n  end\n\n  def self.down\n    # By default, we don't want to make any assumption about how to roll back a migration when your\n    # model already existed. Please edit below which fields you would like to remove in this migration.\n    raise ActiveRecord::IrreversibleMigration\n  end\nend\n",
  "db/migrate/20150313000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration\n  def change\n    create_table :users do |t|\n      t.string :name\n    end\n  end\nend\n"
};

const lint = async () => {
  const root = fileTree(FILES, "migguard-irreversible-declared-");
  return (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd: root })).output) as { findings: Finding[] }).findings.filter((f) => f.rule === "irreversible-migration");
};

describe("irreversible-migration on declared one-way downs and harmless reruns (migguard lint)", () => {
  let findings: Finding[];
  beforeAll(async () => {
    findings = await lint();
  });
  const of = (file: string) => findings.filter((f) => f.path.endsWith(file));

  it("a down written to raise over an app helper's purge is a note whose fix keeps the raise", () => {
    const [finding] = of("20220907145552_clean_trends_data.rb");
    expect(finding).toMatchObject({ line: 7, severity: "info" });
    expect(finding.fix).toContain("raise ActiveRecord::IrreversibleMigration");
    expect(finding.fix).not.toContain("changes nothing");
  });

  it("a stock Devise generator's raise over an up that only adds is a note that a down could drop them", () => {
    const [finding] = of("20150313183850_add_devise_to_users.rb");
    expect(finding).toMatchObject({ severity: "info" });
    expect(finding.message).toContain("a down could simply drop them");
  });

  it("an up-only data fix through a relation held in a local is a note, as other data-only ups", () => {
    const [finding] = of("20220630104300_fix_facet_audits.rb");
    expect(finding).toMatchObject({ line: 4, severity: "info" });
    expect(finding.fix).not.toContain("changes nothing");
  });

  it("guarded clean-ups and idempotent updates in change that a rollback runs again are no finding", () => {
    expect(of("20240215150131_remove_entitlements_report.rb")).toEqual([]);
    expect(of("20160518134813_convert_admin_to_admin.rb")).toEqual([]);
  });

  it("a setting renamed as data in change is a warning whose fix renames it back on rollback", () => {
    const [finding] = of("20230414091257_rename_append_domain_setting.rb");
    expect(finding).toMatchObject({ line: 3, severity: "warning" });
    expect(finding.fix).toContain("Setting.find_by(name: 'display_fqdn_for_hosts')&.update_attribute(:name, 'append_domain_name_for_hosts')");
  });
});
