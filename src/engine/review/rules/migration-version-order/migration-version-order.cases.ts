import { defineReviewCases } from "../../review-rule.js";

const rails = (name: string) => `class ${name} < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :${name.toLowerCase()}, :string
  end
end
`;

/** a newer migration that adds a column to users and fills it: it writes every row this one's column is added to */
// the SQL it runs is built in a helper method from a constant: migguard cannot tell what it touches
const DEDUPE_MEMBERSHIPS = `class DedupeMemberships < ActiveRecord::Migration[8.0]
  INDEX_NAME = :index_memberships_unique

  def up
    invalid = select_value("SELECT 1 FROM pg_class WHERE relname = '#{INDEX_NAME}'")
    remove_index(:memberships, name: INDEX_NAME) if invalid.present?
    execute(dedupe_sql)
  end

  private

  def dedupe_sql
    "DELETE FROM #{table_name} WHERE id NOT IN (SELECT MIN(id) FROM #{table_name} GROUP BY user_id)"
  end
end
`;
const railsFilled = (name: string) => `class ${name} < ActiveRecord::Migration[7.1]
  def up
    add_column :users, :${name.toLowerCase()}, :string
    execute "UPDATE users SET ${name.toLowerCase()} = 'en'"
  end

  def down
    remove_column :users, :${name.toLowerCase()}
  end
end
`;

export default defineReviewCases({
  invalid: [
    {
      name: "gobuffalo/pop (supabase/auth's go.mod): pop applies every version schema_migration lacks, in any order; no newer migration touches its tables, so a note",
      base: {
        "go.mod": "module github.com/supabase/auth\n\ngo 1.23\n\nrequire (\n\tgithub.com/gobuffalo/pop/v6 v6.1.1\n\tgithub.com/gofrs/uuid v4.4.0+incompatible // indirect\n)\n",
        "migrations/20251201000000_add_oauth_clients.up.sql": "CREATE TABLE oauth_clients (id uuid PRIMARY KEY);\n",
        "migrations/20260115000000_add_flow_state_oauth_context.up.sql": "ALTER TABLE flow_state ADD COLUMN oauth_context text;\n",
      },
      head: { "migrations/20251216000000_add_token_endpoint_auth_method.up.sql": "ALTER TABLE oauth_clients ADD COLUMN IF NOT EXISTS token_endpoint_auth_method text;\n" },
      findings: [{ path: "migrations/20251216000000_add_token_endpoint_auth_method.up.sql", line: 1, severity: "info", message: "gobuffalo/pop applies every version" }],
    },
    {
      name: "gobuffalo/pop, a newer migration that writes the rows of the same table: the order differs between old and fresh databases, a warning",
      base: {
        "go.mod": "module github.com/supabase/auth\n\ngo 1.23\n\nrequire (\n\tgithub.com/gobuffalo/pop/v6 v6.1.1\n\tgithub.com/gofrs/uuid v4.4.0+incompatible // indirect\n)\n",
        "migrations/20260115000000_oauth_clients_type.up.sql": "ALTER TABLE oauth_clients ADD COLUMN client_type text;\nUPDATE oauth_clients SET client_type = 'confidential';\n",
      },
      head: { "migrations/20251216000000_add_token_endpoint_auth_method.up.sql": "ALTER TABLE oauth_clients ADD COLUMN token_endpoint_auth_method text;\n" },
      findings: [{ path: "migrations/20251216000000_add_token_endpoint_auth_method.up.sql", line: 1, severity: "warning", message: "Both touch oauth_clients" }],
    },
    {
      name: "a go.mod without pop (golang-migrate runs the folder): databases at the newer version never apply the older one",
      base: {
        "go.mod": "module example.com/app\n\nrequire github.com/golang-migrate/migrate/v4 v4.17.0\n",
        "migrations/20251201000000_add_oauth_clients.up.sql": "CREATE TABLE oauth_clients (id uuid PRIMARY KEY);\n",
        "migrations/20260115000000_add_flow_state_oauth_context.up.sql": "ALTER TABLE flow_state ADD COLUMN oauth_context text;\n",
      },
      head: { "migrations/20251216000000_add_token_endpoint_auth_method.up.sql": "ALTER TABLE oauth_clients ADD COLUMN token_endpoint_auth_method text;\n" },
      findings: [{ path: "migrations/20251216000000_add_token_endpoint_auth_method.up.sql", line: 1, severity: "warning", message: "golang-migrate keeps only the current version" }],
    },
    {
      name: "Rails: a branch's migration is older than one merged meanwhile that writes the same table's rows",
      base: { "db/migrate/20240101000000_nickname.rb": rails("Nickname"), "db/migrate/20240301000000_locale.rb": railsFilled("Locale") },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone") },
      findings: [{ path: "db/migrate/20240201000000_phone.rb", line: 1, severity: "warning" }],
    },
    {
      name: "Rails (teaching-vacancies b0c2c35c4c): the newer base migration uses online_migrations' add_not_null_constraint on publishers, this one adds a column to vacancies: read, disjoint, a note",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20260622154520_publisher_oid_not_null.rb": `class PublisherOidNotNull < ActiveRecord::Migration[8.0]
  disable_ddl_transaction!

  def change
    add_not_null_constraint :publishers, :oid, name: "publishers_oid_null", validate: false
    validate_not_null_constraint :publishers, :oid, name: "publishers_oid_null"

    change_column_null :publishers, :oid, false
    remove_check_constraint :publishers, name: "publishers_oid_null"
  end
end
`,
      },
      head: { "db/migrate/20260618125907_add_job_address_to_vacancies.rb": "class AddJobAddressToVacancies < ActiveRecord::Migration[8.0]\n  def change\n    add_column :vacancies, :job_address, :string\n  end\nend\n" },
      findings: [{ path: "db/migrate/20260618125907_add_job_address_to_vacancies.rb", line: 1, severity: "info", message: "so the order makes no difference here" }],
    },
    {
      name: "Rails: db/migrate and db/post_migrate are one sequence of versions",
      base: { "db/migrate/20240101000000_nickname.rb": rails("Nickname"), "db/post_migrate/20240301000000_locale.rb": railsFilled("Locale") },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone") },
      findings: [{ path: "db/migrate/20240201000000_phone.rb", line: 1, severity: "warning" }],
    },
    {
      name: "Rails (vita-min 90ba37ff7e): two add_column of different columns on intakes: the same columns either way, a note that only their physical order differs",
      base: { "db/migrate/20240101000000_nickname.rb": rails("Nickname"), "db/migrate/20240301000000_locale.rb": rails("Locale") },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone") },
      findings: [{ path: "db/migrate/20240201000000_phone.rb", line: 1, severity: "info", message: "Both add columns to users: old and fresh databases hold the same columns in another physical order" }],
    },
    {
      name: "Rails (vita-min 7bc705ae85): an expression index, and a newer migration that drops and rebuilds another index of campaign_emails: a note",
      base: {
        "db/migrate/20240101000000_create_campaign_emails.rb": "class CreateCampaignEmails < ActiveRecord::Migration[7.1]\n  def change\n    create_table :campaign_emails do |t|\n      t.bigint :campaign_contact_id\n      t.string :message_name\n      t.string :to_email\n    end\n    add_index :campaign_emails, [:campaign_contact_id, :message_name], unique: true, name: \"index_campaign_emails_on_contact_id_and_message_name\"\n  end\nend\n",
        "db/migrate/20240301000000_remove_unique_index_from_campaign_emails.rb": "class RemoveUniqueIndexFromCampaignEmails < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    remove_index :campaign_emails, name: \"index_campaign_emails_on_contact_id_and_message_name\"\n    add_index :campaign_emails, [:campaign_contact_id, :message_name], name: \"index_campaign_emails_on_contact_id_and_message_name\", algorithm: :concurrently\n  end\n\n  def down\n  end\nend\n",
      },
      head: {
        "db/migrate/20240201000000_add_domain_index_to_campaign_emails.rb": "class AddDomainIndexToCampaignEmails < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    execute <<~SQL\n      CREATE INDEX CONCURRENTLY idx_campaign_emails_on_domain\n      ON campaign_emails (lower(split_part(to_email, '@', 2)));\n    SQL\n  end\n\n  def down\n    execute \"DROP INDEX CONCURRENTLY IF EXISTS idx_campaign_emails_on_domain\"\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240201000000_add_domain_index_to_campaign_emails.rb", line: 1, severity: "info", message: "so the order makes no difference here" }],
    },
    {
      name: "Rails: a newer migration drops the index this one creates (by its name): the order decides whether it exists, a warning",
      base: {
        "db/migrate/20240101000000_create_campaign_emails.rb": "class CreateCampaignEmails < ActiveRecord::Migration[7.1]\n  def change\n    create_table :campaign_emails do |t|\n      t.string :to_email\n    end\n  end\nend\n",
        "db/migrate/20240301000000_drop_domain_index.rb": "class DropDomainIndex < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    remove_index :campaign_emails, name: \"idx_campaign_emails_on_domain\", if_exists: true, algorithm: :concurrently\n  end\n\n  def down\n  end\nend\n",
      },
      head: {
        "db/migrate/20240201000000_add_domain_index_to_campaign_emails.rb": "class AddDomainIndexToCampaignEmails < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :campaign_emails, :to_email, name: \"idx_campaign_emails_on_domain\", algorithm: :concurrently\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240201000000_add_domain_index_to_campaign_emails.rb", line: 1, severity: "warning", message: "Both touch campaign_emails" }],
    },
    {
      name: "Rails: older than a merged migration that touches other tables: a note that the order makes no difference",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_create_email_subscriptions.rb": "class CreateEmailSubscriptions < ActiveRecord::Migration[7.1]\n  def change\n    create_table :email_subscriptions do |t|\n      t.string :email\n    end\n  end\nend\n",
      },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone") },
      findings: [{ path: "db/migrate/20240201000000_phone.rb", line: 1, severity: "info" }],
    },
    {
      name: "Rails: older than a merged scenic view update and an enum value added (Lago): neither touches users, a note that says the view's query was not read",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_update_exports_fees_to_version_3.rb": "class UpdateExportsFeesToVersion3 < ActiveRecord::Migration[7.1]\n  def change\n    update_view :exports_fees, version: 3, revert_to_version: 2\n  end\nend\n",
        "db/migrate/20240302000000_add_failed_to_order_status.rb": "class AddFailedToOrderStatus < ActiveRecord::Migration[7.1]\n  def up\n    execute \"ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'failed'\"\n  end\n\n  def down\n  end\nend\n",
      },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone") },
      findings: [{ path: "db/migrate/20240201000000_phone.rb", line: 1, severity: "info", message: "replaces view exports_fees, whose query is kept outside the migration" }],
    },
    {
      name: "Rails: older than a merged migration that adds a value to an enum this one uses: both touch it, a warning",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240302000000_add_failed_to_order_status.rb": "class AddFailedToOrderStatus < ActiveRecord::Migration[7.1]\n  def up\n    execute \"ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'failed'\"\n  end\n\n  def down\n  end\nend\n",
      },
      head: { "db/migrate/20240201000000_order_state.rb": "class OrderState < ActiveRecord::Migration[7.1]\n  def up\n    execute \"ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'held'\"\n  end\n\n  def down\n  end\nend\n" },
      findings: [{ path: "db/migrate/20240201000000_order_state.rb", line: 1, severity: "warning", message: "Both touch order_status" }],
    },
    {
      name: "diesel: an older folder than one merged meanwhile, touching the same table",
      base: { "migrations/2025-08-01-000030_a/up.sql": "ALTER TABLE person ADD COLUMN a text;\nUPDATE person SET a = '';\n", "migrations/2025-08-01-000030_a/down.sql": "ALTER TABLE person DROP COLUMN a;\n" },
      head: { "migrations/2025-08-01-000027_b/up.sql": "ALTER TABLE person ADD COLUMN b text;\n", "migrations/2025-08-01-000027_b/down.sql": "ALTER TABLE person DROP COLUMN b;\n" },
      findings: [{ path: "migrations/2025-08-01-000027_b/up.sql", line: 1, severity: "warning" }],
    },
    {
      name: "Flyway without outOfOrder: an error",
      base: { "db/migration/V1__a.sql": "CREATE TABLE a (id bigint);\n", "db/migration/V1.10__c.sql": "CREATE TABLE c (id bigint);\n" },
      head: { "db/migration/V1.9__b.sql": "CREATE TABLE b (id bigint);\n" },
      findings: [{ path: "db/migration/V1.9__b.sql", line: 1, severity: "error" }],
    },
    {
      name: "goose: an older version",
      base: { "migrations/00010_a.sql": "-- +goose Up\nCREATE TABLE a (id bigint);\n" },
      head: { "migrations/00009_b.sql": "-- +goose Up\nCREATE TABLE b (id bigint);\n" },
      findings: [{ path: "migrations/00009_b.sql", line: 1, severity: "warning" }],
    },
    {
      name: "golang-migrate: older than the newest of the same folder",
      base: { "db/migrations/003_a.up.sql": "CREATE TABLE a (id bigint);\n" },
      head: { "db/migrations/002_b.up.sql": "CREATE TABLE b (id bigint);\n", "db/migrations/002_b.down.sql": "DROP TABLE b;\n" },
      findings: [{ path: "db/migrations/002_b.up.sql", line: 1, severity: "warning" }],
    },
    {
      name: "Rails (Lago 4009461129): a concurrent index on invoices and a newer new table whose foreign key points at invoices.id commute: a note",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_create_invoice_connections.rb":
          "class CreateInvoiceConnections < ActiveRecord::Migration[7.1]\n  def change\n    create_table :invoice_connections do |t|\n      t.references :invoice, null: false, foreign_key: true\n      t.references :organization, null: false, foreign_key: true\n    end\n  end\nend\n",
      },
      head: {
        "db/migrate/20240201000000_add_invoices_number_index.rb":
          "class AddInvoicesNumberIndex < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :invoices, [:organization_id, :number], algorithm: :concurrently\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240201000000_add_invoices_number_index.rb", line: 1, severity: "info", message: "so the order makes no difference here" }],
    },
    {
      name: "Rails (Lago d3811a61bb): columns made nullable on plans, and a newer index on other plans columns: a note",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_add_gin_index_on_plans_name.rb":
          "class AddGinIndexOnPlansName < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :plans, [:organization_id, :name], algorithm: :concurrently\n  end\nend\n",
      },
      head: {
        "db/migrate/20240201000000_relax_plans.rb": "class RelaxPlans < ActiveRecord::Migration[7.1]\n  def change\n    change_column_null :plans, :interval, true\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240201000000_relax_plans.rb", line: 1, severity: "info" }],
    },
    {
      name: "Rails: a newer migration indexes the column this one makes nullable: the same column, a warning",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_index_plans_interval.rb":
          "class IndexPlansInterval < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :plans, :interval, algorithm: :concurrently\n  end\nend\n",
      },
      head: {
        "db/migrate/20240201000000_relax_plans.rb": "class RelaxPlans < ActiveRecord::Migration[7.1]\n  def change\n    change_column_null :plans, :interval, true\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240201000000_relax_plans.rb", line: 1, severity: "warning", message: "Both touch plans" }],
    },
    {
      name: "Rails (Lago 507f1ab330): two new tables whose foreign keys point at the same parent commute: a note",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_create_orders.rb": "class CreateOrders < ActiveRecord::Migration[7.1]\n  def change\n    create_table :orders do |t|\n      t.references :organization, null: false, foreign_key: true\n    end\n  end\nend\n",
      },
      head: {
        "db/migrate/20240201000000_create_products.rb": "class CreateProducts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :products do |t|\n      t.references :organization, null: false, foreign_key: true\n    end\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240201000000_create_products.rb", line: 1, severity: "info" }],
    },
    {
      name: "Rails (Lago 507f1ab330): a new table referencing billable_metrics, and a newer index on billable_metrics.id: an index only reads the key, a note",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_add_id_index_to_billable_metrics.rb":
          "class AddIdIndexToBillableMetrics < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def change\n    add_index :billable_metrics, :id, name: :idx_billable_metrics_id_agg_type, include: [:aggregation_type], algorithm: :concurrently\n  end\nend\n",
      },
      head: {
        "db/migrate/20240201000000_create_products.rb": "class CreateProducts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :products do |t|\n      t.references :billable_metric, null: false, foreign_key: true\n    end\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240201000000_create_products.rb", line: 1, severity: "info" }],
    },
    {
      name: "Rails (Lago 507f1ab330): a new table referencing subscriptions, and a newer validation of a foreign key on subscriptions: both only read it, a note",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_validate_subscriptions_billing_entities_foreign_key.rb":
          "class ValidateSubscriptionsBillingEntitiesForeignKey < ActiveRecord::Migration[7.1]\n  def change\n    validate_foreign_key :subscriptions, :billing_entities\n  end\nend\n",
      },
      head: {
        "db/migrate/20240201000000_create_subscription_rate_cards.rb":
          "class CreateSubscriptionRateCards < ActiveRecord::Migration[7.1]\n  def change\n    create_table :subscription_rate_cards do |t|\n      t.references :subscription, null: false, foreign_key: true\n    end\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240201000000_create_subscription_rate_cards.rb", line: 1, severity: "info" }],
    },
    {
      name: "Rails: a new table referencing users, and a newer migration that writes users' rows: the order matters, a warning",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_purge_guests.rb": "class PurgeGuests < ActiveRecord::Migration[7.1]\n  def up\n    execute \"DELETE FROM users WHERE guest\"\n  end\n\n  def down\n  end\nend\n",
      },
      head: {
        "db/migrate/20240201000000_create_sessions.rb": "class CreateSessions < ActiveRecord::Migration[7.1]\n  def change\n    create_table :sessions do |t|\n      t.references :user, null: false, foreign_key: true\n    end\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240201000000_create_sessions.rb", line: 1, severity: "warning", message: "Both touch users" }],
    },
    {
      name: "Rails (bike_index 581cb37de3): new tables only, older than a merged migration that hides what it touches: it ran without them, a note",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_dedupe_memberships.rb": DEDUPE_MEMBERSHIPS,
      },
      head: {
        "db/migrate/20240201000000_create_sso_identities.rb":
          "class CreateSsoIdentities < ActiveRecord::Migration[8.1]\n  def change\n    create_table :sso_identities do |t|\n      t.references :user, null: false, index: true\n      t.string :uid, null: false\n      t.timestamps\n    end\n    add_index :sso_identities, %i[user_id uid], unique: true\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240201000000_create_sso_identities.rb", line: 1, severity: "info", message: "20240301000000_dedupe_memberships.rb hides what it touches, but it already ran on databases without the tables this migration creates" }],
    },
    {
      name: "Rails: a new table with a foreign key to users, older than a merged migration that hides what it touches: nothing shows it touches users, a note that says migguard could not tell",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_dedupe_memberships.rb": DEDUPE_MEMBERSHIPS,
      },
      head: {
        "db/migrate/20240201000000_create_sessions.rb": "class CreateSessions < ActiveRecord::Migration[7.1]\n  def change\n    create_table :sessions do |t|\n      t.references :user, null: false, foreign_key: true\n    end\n  end\nend\n",
      },
      findings: [{ path: "db/migrate/20240201000000_create_sessions.rb", line: 1, severity: "info", message: "could not tell whether db/migrate/20240301000000_dedupe_memberships.rb touches sessions, users" }],
    },
    {
      name: "Rails (caseflow 1158b8e8a7): a release branch's old column on conference_links, newer merged migrations on other tables and one whose SQL migguard cannot read: a note, never a warning",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_create_email_subscriptions.rb": "class CreateEmailSubscriptions < ActiveRecord::Migration[7.1]\n  def change\n    create_table :email_subscriptions do |t|\n      t.string :email\n    end\n  end\nend\n",
        "db/migrate/20240302000000_refresh_reports.rb": "class RefreshReports < ActiveRecord::Migration[7.1]\n  def up\n    execute(File.read(Rails.root.join(\"db/scripts/refresh_reports.sql\")))\n  end\n\n  def down\n  end\nend\n",
      },
      head: { "db/migrate/20240201000000_add_meeting_type_to_conference_links.rb": "class AddMeetingTypeToConferenceLinks < ActiveRecord::Migration[7.1]\n  def change\n    add_column :conference_links, :meeting_type, :string\n  end\nend\n" },
      findings: [{ path: "db/migrate/20240201000000_add_meeting_type_to_conference_links.rb", line: 1, severity: "info", message: "could not tell whether db/migrate/20240302000000_refresh_reports.rb touches conference_links" }],
    },
    {
      name: "Rails: the same, and one newer migration shown to write the rows of conference_links: a warning that names it, file and line",
      base: {
        "db/migrate/20240101000000_nickname.rb": rails("Nickname"),
        "db/migrate/20240301000000_backfill_conference_links.rb": "class BackfillConferenceLinks < ActiveRecord::Migration[7.1]\n  def up\n    add_column :conference_links, :host, :string\n    execute \"UPDATE conference_links SET host = 'vc'\"\n  end\n\n  def down\n  end\nend\n",
        "db/migrate/20240302000000_refresh_reports.rb": "class RefreshReports < ActiveRecord::Migration[7.1]\n  def up\n    execute(File.read(Rails.root.join(\"db/scripts/refresh_reports.sql\")))\n  end\n\n  def down\n  end\nend\n",
      },
      head: { "db/migrate/20240201000000_add_meeting_type_to_conference_links.rb": "class AddMeetingTypeToConferenceLinks < ActiveRecord::Migration[7.1]\n  def change\n    add_column :conference_links, :meeting_type, :string\n  end\nend\n" },
      findings: [{ path: "db/migrate/20240201000000_add_meeting_type_to_conference_links.rb", line: 1, severity: "warning", message: "Both touch conference_links: db/migrate/20240301000000_backfill_conference_links.rb:4." }],
    },
  ],
  valid: [
    {
      name: "a newer version",
      base: { "db/migrate/20240101000000_nickname.rb": rails("Nickname") },
      head: { "db/migrate/20240201000000_phone.rb": rails("Phone") },
    },
    {
      name: "Flyway with flyway_out_of_order: true",
      base: { "db/migration/V2__a.sql": "CREATE TABLE a (id bigint);\n" },
      head: { "db/migration/V1_5__b.sql": "CREATE TABLE b (id bigint);\n" },
      config: { flyway_out_of_order: true },
    },
    {
      name: "another folder keeps its own versions",
      base: { "services/billing/db/migrations/009_a.up.sql": "CREATE TABLE a (id bigint);\n" },
      head: { "db/migrations/002_b.up.sql": "CREATE TABLE b (id bigint);\n" },
    },
    {
      name: "Flyway: 1.10 is newer than 1.9",
      base: { "db/migration/V1.9__a.sql": "CREATE TABLE a (id bigint);\n" },
      head: { "db/migration/V1.10__b.sql": "CREATE TABLE b (id bigint);\n" },
    },
  ],
});
