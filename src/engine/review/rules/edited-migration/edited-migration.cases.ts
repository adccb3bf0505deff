import { defineReviewCases } from "../../review-rule.js";

const create = "CREATE TABLE accounts (id bigint PRIMARY KEY);\n";
const rails = `class AddPhone < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :phone, :string
  end
end
`;

export default defineReviewCases({
  invalid: [
    {
      name: "a merged SQL migration gains a statement",
      base: { "db/migrations/001_accounts.up.sql": create, "db/migrations/001_accounts.down.sql": "DROP TABLE accounts;\n" },
      head: { "db/migrations/001_accounts.up.sql": `${create}ALTER TABLE accounts ADD COLUMN email text;\n` },
      findings: [{ path: "db/migrations/001_accounts.up.sql", line: 2 }],
    },
    {
      name: "a merged Rails migration changes what it adds",
      base: { "db/migrate/20240101000000_add_phone.rb": rails },
      head: { "db/migrate/20240101000000_add_phone.rb": rails.replace(":string", ":text") },
      findings: [{ path: "db/migrate/20240101000000_add_phone.rb", line: 3 }],
    },
    {
      name: "Flyway: even a comment changes the checksum",
      base: { "db/migration/V1__accounts.sql": create },
      head: { "db/migration/V1__accounts.sql": `-- accounts of the shop\n${create}` },
      findings: [{ path: "db/migration/V1__accounts.sql", line: 1, severity: "error" }],
    },
    {
      name: "Liquibase: an applied changeset is edited, a new one appended",
      base: {
        "db/changelog/changes.sql": "--liquibase formatted sql\n\n--changeset ana:1\nCREATE TABLE accounts (id bigint);\n--rollback DROP TABLE accounts;\n",
      },
      head: {
        "db/changelog/changes.sql":
          "--liquibase formatted sql\n\n--changeset ana:1\nCREATE TABLE accounts (id bigint, email text);\n--rollback DROP TABLE accounts;\n\n--changeset ana:2\nCREATE INDEX CONCURRENTLY accounts_email ON accounts (email);\n--rollback DROP INDEX accounts_email;\n",
      },
      findings: [{ path: "db/changelog/changes.sql", line: 3 }],
    },
    {
      name: "only comments changed in a Rails migration: a note, not an error",
      base: { "db/migrate/20240101000000_add_phone.rb": rails },
      head: { "db/migrate/20240101000000_add_phone.rb": `# phone for SMS login\n${rails}` },
      findings: [{ path: "db/migrate/20240101000000_add_phone.rb", line: 1, severity: "info" }],
    },
  ],
  valid: [
    {
      name: "a new migration beside merged ones",
      base: { "db/migrations/001_accounts.up.sql": create },
      head: { "db/migrations/002_email.up.sql": "ALTER TABLE accounts ADD COLUMN email text;\n" },
    },
    {
      name: "Liquibase: appending a changeset leaves the applied ones alone",
      base: { "db/changelog/changes.sql": "--liquibase formatted sql\n--changeset ana:1\nCREATE TABLE accounts (id bigint);\n--rollback DROP TABLE accounts;\n" },
      head: {
        "db/changelog/changes.sql":
          "--liquibase formatted sql\n--changeset ana:1\nCREATE TABLE accounts (id bigint);\n--rollback DROP TABLE accounts;\n--changeset ana:2\nALTER TABLE accounts ADD COLUMN email text;\n--rollback ALTER TABLE accounts DROP COLUMN email;\n",
      },
    },
    {
      name: "Flyway repeatable migrations are meant to change",
      base: { "db/migration/R__views.sql": "CREATE OR REPLACE VIEW v AS SELECT 1;\n" },
      head: { "db/migration/R__views.sql": "CREATE OR REPLACE VIEW v AS SELECT 2;\n" },
    },
    {
      name: "fixing the separate down file of an applied migration",
      base: { "db/migrations/001_accounts.up.sql": create, "db/migrations/001_accounts.down.sql": "DROP TABLE acounts;\n" },
      head: { "db/migrations/001_accounts.down.sql": "DROP TABLE accounts;\n" },
    },
    {
      name: "waived for the whole file with a reason",
      base: { "db/migrations/001_accounts.up.sql": create },
      head: { "db/migrations/001_accounts.up.sql": `-- migguard:ignore-file edited-migration never deployed: the release was rolled back\n${create}ALTER TABLE accounts ADD COLUMN email text;\n` },
    },
  ],
});
