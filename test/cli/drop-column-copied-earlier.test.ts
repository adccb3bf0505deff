/**
 * A Flyway history whose V2 copies columns into a version table with INSERT ... SELECT and whose V3 renames the table
 * and drops them (ehrbase's V6_2 / V6_3), through `migguard lint`: the drops are the contract step of that move,
 * not data loss; the finding names the copy. A column the copy did not select keeps the data-loss error.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-copied-earlier-");

type Finding = { rule: string; severity: string; line: number; message: string; fix: string };
const lint = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migration"], { cwd })).output) as { findings: Finding[] }).findings;

const FILES = {
  "db/migration/V1__init.sql": "CREATE TABLE comp (id integer PRIMARY KEY, num integer NOT NULL, ehr_id uuid, template_id text, note text);\nCREATE TABLE comp_version (id integer PRIMARY KEY, ehr_id uuid, template_id text);\n",
  "db/migration/V2__version_tables.sql": "INSERT INTO comp_version (id, ehr_id, template_id)\nSELECT id, ehr_id, template_id\nFROM comp\nWHERE num = 0;\n",
  "db/migration/V3__version_tables.sql": "ALTER TABLE comp RENAME TO comp_data;\nALTER TABLE comp_data\n    DROP COLUMN ehr_id,\n    DROP COLUMN template_id,\n    DROP COLUMN note;\n",
};

describe("lint: columns an earlier migration copied into another table, then dropped", () => {
  it("the copied columns are the contract step of the move (the copy named); the column it did not copy is data loss", async () => {
    const drops = (await lint(repo(FILES))).filter((f) => f.rule === "drop-column");
    const copied = drops.filter((f) => f.message.includes("contract step"));
    expect(copied.map((f) => f.message.match(/comp_data\.(\w+)/)?.[1]).sort()).toEqual(["ehr_id", "template_id"]);
    for (const f of copied) {
      expect(f.severity).toBe("warning");
      expect(f.message).toContain("the INSERT ... SELECT at db/migration/V2__version_tables.sql:1 copied");
      expect(f.message).toContain("into comp_version");
      expect(f.fix).not.toContain("CREATE TABLE");
    }
    const lost = drops.filter((f) => !f.message.includes("contract step"));
    expect(lost.map((f) => `${f.severity} ${f.message.match(/comp_data\.(\w+)/)?.[1]}`)).toEqual(["error note"]);
  });
});

/**
 * Rails: timeoverflow's 20131104013829 loops over its own User model's records and creates members through the
 * association that model declares (`u.members.create(entry_date: u.registration_date, ...)`); the next migration
 * drops the users columns. The drops are the end of that move: a finding naming the step and the target column, with
 * the backup in the fix; a column the loop did not copy keeps the data-loss error.
 */
const RAILS = {
  "db/migrate/20131104013829_migrate_membership_data.rb": `class MigrateMembershipData < ActiveRecord::Migration
  class User < ActiveRecord::Base
    has_many :members
  end

  class Member < ActiveRecord::Base
    belongs_to :user
  end

  def up
    User.transaction do
      User.all.each do |u|
        member = u.members.create(
          entry_date: u.registration_date,
          member_uid: u.registration_number
        )
      end
    end
  end
end
`,
  "db/migrate/20131104032622_remove_member_fields_from_user.rb": `class RemoveMemberFieldsFromUser < ActiveRecord::Migration
  def up
    remove_column :users, :member_code
    remove_column :users, :registration_date
    remove_column :users, :registration_number
  end

  def down
    add_column :users, :member_code, :string
    add_column :users, :registration_date, :date
    add_column :users, :registration_number, :integer
  end
end
`,
};

describe("lint: Rails columns an earlier migration's loop copied through an association, then dropped", () => {
  it("the copied columns name the step and where the values went; the uncopied one is data loss", async () => {
    const lintRails = async (cwd: string) => (JSON.parse((await run(["lint", "--format", "json", "db/migrate"], { cwd })).output) as { findings: Finding[] }).findings;
    const drops = (await lintRails(repo(RAILS))).filter((f) => f.rule === "drop-column");
    expect(drops.map((f) => `${f.line} ${f.severity}`)).toEqual(["3 error", "4 warning", "5 warning"]);
    expect(drops[1].message).toContain("after the data step at db/migrate/20131104013829_migrate_membership_data.rb:12 (User.all.each do |u|) copied every row's value into members.entry_date");
    expect(drops[2].message).toContain("into members.member_uid");
    expect(drops[1].fix).toContain("CREATE TABLE users_registration_date_backup_20131104032622");
  });
});
