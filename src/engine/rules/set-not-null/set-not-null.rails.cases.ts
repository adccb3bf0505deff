import { CI_MATRIX_SQLITE_POSTGRES } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";


/** an earlier migration's CHECK (document_id IS NOT NULL), added validate: false, then (`validated`) validated by another */
const documentCheck = (validated: boolean): Record<string, string> => ({
  "db/migrate/20240101000000_add_document_check.rb": `class AddDocumentCheck < ActiveRecord::Migration[7.1]
  def change
    add_check_constraint :change_notes, "document_id IS NOT NULL", name: "change_notes_document_id_null", validate: false
  end
end
`,
  ...(validated
    ? {
        "db/migrate/20240102000000_validate_document_check.rb": `class ValidateDocumentCheck < ActiveRecord::Migration[7.1]
  def up
    validate_check_constraint :change_notes, name: "change_notes_document_id_null"
  end

  def down
  end
end
`,
      }
    : {}),
});

const DOCUMENT_NOT_NULL = `class RequireDocument < ActiveRecord::Migration[7.1]
  def change
    change_column_null :change_notes, :document_id, false
  end
end
`;

/** a Gemfile.lock that resolves Rails `version` */
const railsLock = (version: string) => ({ "Gemfile.lock": `GEM\n  remote: https://rubygems.org/\n  specs:\n    activerecord (${version})\n    rails (${version})\n` });

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "where.not(status: \"closed\").update_all writes status != 'closed': the NULL rows stay NULL and change_column_null fails on them; the fix adds .or(where(status: nil))",
      files: {
        "db/migrate/20230101000000_create_orders.rb": "class CreateOrders < ActiveRecord::Migration[7.1]\n  def change\n    create_table :orders do |t|\n      t.string :status\n    end\n  end\nend\n",
      },
      code: `class BackfillStatus < ActiveRecord::Migration[7.1]
  def up
    Order.where.not(status: "closed").update_all(status: "open")
    change_column_null :orders, :status, false
  end

  def down
    change_column_null :orders, :status, true
  end
end
`,
      lines: [4],
      severities: ["error"],
      fixes: ['# the backfill of line 3, taking the rows NULL in status too (or compare with IS DISTINCT FROM):\nOrder.where.not(status: "closed").or(Order.where(status: nil)).update_all(status: "open")'],
    },
    {
      framework: "rails",
      name: "change_column_null after rename_column in the migration's transaction: the RENAME's ACCESS EXCLUSIVE lock stays held for the whole scan",
      path: "db/migrate/20240101000000_require_account_email.rb",
      files: { "db/migrate/20230101000000_create_accounts.rb": "class CreateAccounts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :accounts do |t|\n      t.string :mail\n      t.integer :score\n    end\n  end\nend\n" },
      code: `class RequireAccountEmail < ActiveRecord::Migration[7.1]
  def change
    rename_column :accounts, :mail, :email
    change_column_null :accounts, :email, false
  end
end
`,
      lines: [4],
      severities: ["error"],
      messages: ["Line 3's RENAME COLUMN mail already holds ACCESS EXCLUSIVE on accounts until commit, so this scan keeps that lock, and the table closed to reads and writes, for its whole duration; a CHECK added NOT VALID and validated in a later migration lets line 3 commit at once."],
    },
    {
      framework: "rails",
      name: "SET NOT NULL among a heredoc's statements (catarse 20151028220507): the CHECK NOT VALID is SQL in the heredoc, in its place (Ruby there would be sent as SQL), the later steps a migration of their own",
      path: "db/migrate/20151028220507_create_project_states.rb",
      code: `class CreateProjectStates < ActiveRecord::Migration[7.1]
  def up
    execute <<-SQL
    CREATE TABLE project_states (state text primary key);
    INSERT INTO project_states (state) VALUES ('draft'), ('online');
    ALTER TABLE projects ADD FOREIGN KEY (state) REFERENCES project_states (state);
    ALTER TABLE projects ALTER state SET NOT NULL;
    ALTER TABLE projects ALTER state SET DEFAULT 'draft';
    SQL
  end

  def down
    execute "DROP TABLE project_states CASCADE"
  end
end
`,
      files: { "db/migrate/20150101000000_create_projects.rb": "class CreateProjects < ActiveRecord::Migration[7.1]\n  def change\n    create_table :projects do |t|\n      t.text :state\n    end\n  end\nend\n" },
      lines: [7],
      fixes: ["# db/migrate/20151028220507_create_project_states.rb as it becomes: line 7 of its SQL adds the CHECK NOT VALID in place of SET NOT NULL, the rest as written\nclass CreateProjectStates < ActiveRecord::Migration[7.1]\n  def up\n    execute <<-SQL\n    CREATE TABLE project_states (state text primary key);\n    INSERT INTO project_states (state) VALUES ('draft'), ('online');\n    ALTER TABLE projects ADD FOREIGN KEY (state) REFERENCES project_states (state);\n    ALTER TABLE projects ADD CONSTRAINT projects_state_not_null CHECK (state IS NOT NULL) NOT VALID;\n    ALTER TABLE projects ALTER state SET DEFAULT 'draft';\n    SQL\n  end\n\n  def down\n    execute \"DROP TABLE project_states CASCADE\"\n  end\nend\n\n# then a new migration, db/migrate/20151028220508_validate_projects_state_not_null.rb:\nclass ValidateProjectsStateNotNull < ActiveRecord::Migration[7.1]\n  def up\n    validate_check_constraint :projects, name: \"projects_state_not_null\"\n    change_column_null :projects, :state, false  # PostgreSQL 12+ reads the CHECK instead of the table\n    remove_check_constraint :projects, name: \"projects_state_not_null\"\n  end\n\n  def down\n    add_check_constraint :projects, \"state IS NOT NULL\", name: \"projects_state_not_null\", validate: false\n    change_column_null :projects, :state, true\n  end\nend"],
    },
    {
      framework: "rails",
      name: "a Rails 4.2 project (Gemfile.lock; the migration has no Migration[x]): the CHECK steps are the SQL Rails 6.1's helpers send, the new class subclasses ActiveRecord::Migration itself",
      code: `class ChangeContributionsPayerEmailNull < ActiveRecord::Migration
  def change
    change_column_null :contributions, :payer_email, false
  end
end
`,
      files: railsLock("4.2.11"),
      lines: [3],
      fixes: ["execute \"ALTER TABLE contributions ADD CONSTRAINT contributions_payer_email_not_null CHECK (payer_email IS NOT NULL) NOT VALID\"\n\n# then a new migration, db/migrate/20240101000001_validate_contributions_payer_email_not_null.rb:\nclass ValidateContributionsPayerEmailNotNull < ActiveRecord::Migration\n  def up\n    execute \"ALTER TABLE contributions VALIDATE CONSTRAINT contributions_payer_email_not_null\"\n    change_column_null :contributions, :payer_email, false  # PostgreSQL 12+ reads the CHECK instead of the table\n    execute \"ALTER TABLE contributions DROP CONSTRAINT contributions_payer_email_not_null\"\n  end\n\n  def down\n    execute \"ALTER TABLE contributions ADD CONSTRAINT contributions_payer_email_not_null CHECK (payer_email IS NOT NULL) NOT VALID\"\n    change_column_null :contributions, :payer_email, true\n  end\nend"],
    },
    {
      framework: "rails",
      name: "add_column, an UPDATE of every row, change_column_null in one DDL transaction: the lock is held for the UPDATE already: a note",
      code: `class AddRoleToMemberships < ActiveRecord::Migration[7.1]
  def up
    add_column :memberships, :role, :string
    execute "UPDATE memberships SET role = 'member'"
    change_column_null :memberships, :role, false
  end

  def down
    remove_column :memberships, :role
  end
end
`,
      lines: [5],
      severities: ["info"],
      messages: ["updated every row of memberships under it (line 4)"],
    },
    {
      framework: "rails",
      name: "an earlier migration added the CHECK (document_id IS NOT NULL) validate: false and none validated it: SET NOT NULL still scans",
      path: "db/migrate/20240103000000_require_document.rb",
      code: DOCUMENT_NOT_NULL,
      files: documentCheck(false),
      lines: [3],
    },
    {
      framework: "rails",
      name: "a project whose CI matrix also runs SQLite: the CHECK NOT VALID, the ctid fill, VALIDATE and the CHECK's removal under `if connection.adapter_name =~ /postg/i`; SQLite runs the change_column_null as written in the CHECK's place",
      code: `class RequireItemSortOrder < ActiveRecord::Migration[7.1]
  def change
    change_column_null :items, :sort_order, false, 0
  end
end
`,
      files: CI_MATRIX_SQLITE_POSTGRES,
      lines: [3],
      messages: ["SET NOT NULL on items.sort_order scans the whole table under an ACCESS EXCLUSIVE lock. This concerns the PostgreSQL installations: the project also runs on SQLite."],
      fixes: ["# PostgreSQL's way on PostgreSQL only (connection.adapter_name), the operation as written on SQLite:\nif connection.adapter_name =~ /postg/i\n  add_check_constraint :items, \"sort_order IS NOT NULL\", name: \"items_sort_order_not_null\", validate: false\nelse\n  change_column_null :items, :sort_order, false, 0\nend\n\n# then a new migration, db/migrate/20240101000001_fill_items_sort_order.rb:\nclass FillItemsSortOrder < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n\n  def up\n    value = connection.quote(0)  # the value change_column_null gave NULL rows\n    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing\n    if connection.adapter_name =~ /postg/i\n      nil until connection.exec_update(\"UPDATE items SET sort_order = #{value} WHERE ctid IN (SELECT ctid FROM items WHERE sort_order IS NULL LIMIT 1000)\").zero?\n    end\n  end\n\n  def down\n    # nothing to undo: the filled rows keep their value\n  end\nend\n\n# then a new migration, db/migrate/20240101000002_validate_items_sort_order_not_null.rb:\nclass ValidateItemsSortOrderNotNull < ActiveRecord::Migration[7.1]\n  def up\n    if connection.adapter_name =~ /postg/i\n      validate_check_constraint :items, name: \"items_sort_order_not_null\"\n    end\n    change_column_null :items, :sort_order, false  # PostgreSQL 12+ reads the CHECK instead of the table\n    if connection.adapter_name =~ /postg/i\n      remove_check_constraint :items, name: \"items_sort_order_not_null\"\n    end\n  end\n\n  def down\n    if connection.adapter_name =~ /postg/i\n      add_check_constraint :items, \"sort_order IS NOT NULL\", name: \"items_sort_order_not_null\", validate: false\n    end\n    change_column_null :items, :sort_order, true\n  end\nend"],
    },
    {
      framework: "rails",
      name: "change_column_null with the value NULL rows get: that value fills them in batches (a migration of its own, outside the transaction) before VALIDATE",
      code: `class RequireItemSortOrder < ActiveRecord::Migration[7.1]
  def change
    change_column_null :items, :sort_order, false, 0
  end
end
`,
      lines: [3],
      fixes: [
        `add_check_constraint :items, "sort_order IS NOT NULL", name: "items_sort_order_not_null", validate: false

# then a new migration, db/migrate/20240101000001_fill_items_sort_order.rb:
class FillItemsSortOrder < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    value = connection.quote(0)  # the value change_column_null gave NULL rows
    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing
    nil until connection.exec_update("UPDATE items SET sort_order = #{value} WHERE ctid IN (SELECT ctid FROM items WHERE sort_order IS NULL LIMIT 1000)").zero?
  end

  def down
    # nothing to undo: the filled rows keep their value
  end
end

# then a new migration, db/migrate/20240101000002_validate_items_sort_order_not_null.rb:
class ValidateItemsSortOrderNotNull < ActiveRecord::Migration[7.1]
  def up
    validate_check_constraint :items, name: "items_sort_order_not_null"
    change_column_null :items, :sort_order, false  # PostgreSQL 12+ reads the CHECK instead of the table
    remove_check_constraint :items, name: "items_sort_order_not_null"
  end

  def down
    add_check_constraint :items, "sort_order IS NOT NULL", name: "items_sort_order_not_null", validate: false
    change_column_null :items, :sort_order, true
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "change_column_null's value read from a local assigned earlier in up: the fill migration carries the assignment (a bare current_time there is a NameError)",
      code: `class RequireTimestamps < ActiveRecord::Migration[7.1]
  def up
    current_time = Time.zone.now

    change_column_null :customers, :created_at, false, current_time
  end
end
`,
      lines: [5],
      fixes: [
        `add_check_constraint :customers, "created_at IS NOT NULL", name: "customers_created_at_not_null", validate: false

# then a new migration, db/migrate/20240101000001_fill_customers_created_at.rb:
class FillCustomersCreatedAt < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    current_time = Time.zone.now
    value = connection.quote(current_time)  # the value change_column_null gave NULL rows
    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing
    nil until connection.exec_update("UPDATE customers SET created_at = #{value} WHERE ctid IN (SELECT ctid FROM customers WHERE created_at IS NULL LIMIT 1000)").zero?
  end

  def down
    # nothing to undo: the filled rows keep their value
  end
end

# then a new migration, db/migrate/20240101000002_validate_customers_created_at_not_null.rb:
class ValidateCustomersCreatedAtNotNull < ActiveRecord::Migration[7.1]
  def up
    validate_check_constraint :customers, name: "customers_created_at_not_null"
    change_column_null :customers, :created_at, false  # PostgreSQL 12+ reads the CHECK instead of the table
    remove_check_constraint :customers, name: "customers_created_at_not_null"
  end

  def down
    add_check_constraint :customers, "created_at IS NOT NULL", name: "customers_created_at_not_null", validate: false
    change_column_null :customers, :created_at, true
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "change_column_null's value a loop's variable: the fill migration says the value is unknown there instead of naming it",
      code: `class RequirePositions < ActiveRecord::Migration[7.1]
  def up
    [[:items, 0], [:lists, 1]].each do |table, start|
      change_column_null table, :position, false, start
    end
  end
end
`,
      lines: [4, 4],
      fixes: [
        `add_check_constraint :items, "position IS NOT NULL", name: "items_position_not_null", validate: false

# then a new migration, db/migrate/20240101000001_fill_items_position.rb:
class FillItemsPosition < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    # the value change_column_null gave NULL rows (start) is known only where the migration runs the call: it reads
    # start, bound there (a loop's or a method's parameter, a condition, a statement that also changes the schema)
    fill = nil  # the value for NULL rows of items.position: write it here
    raise ArgumentError, "write the value for NULL rows of items.position (the migration's change_column_null gave start)" if fill.nil?
    value = connection.quote(fill)
    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing
    nil until connection.exec_update("UPDATE items SET \\"position\\" = #{value} WHERE ctid IN (SELECT ctid FROM items WHERE \\"position\\" IS NULL LIMIT 1000)").zero?
  end

  def down
    # nothing to undo: the filled rows keep their value
  end
end

# then a new migration, db/migrate/20240101000002_validate_items_position_not_null.rb:
class ValidateItemsPositionNotNull < ActiveRecord::Migration[7.1]
  def up
    validate_check_constraint :items, name: "items_position_not_null"
    change_column_null :items, :position, false  # PostgreSQL 12+ reads the CHECK instead of the table
    remove_check_constraint :items, name: "items_position_not_null"
  end

  def down
    add_check_constraint :items, "position IS NOT NULL", name: "items_position_not_null", validate: false
    change_column_null :items, :position, true
  end
end`,
        `add_check_constraint :lists, "position IS NOT NULL", name: "lists_position_not_null", validate: false

# then a new migration, db/migrate/20240101000003_fill_lists_position.rb:
class FillListsPosition < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    # the value change_column_null gave NULL rows (start) is known only where the migration runs the call: it reads
    # start, bound there (a loop's or a method's parameter, a condition, a statement that also changes the schema)
    fill = nil  # the value for NULL rows of lists.position: write it here
    raise ArgumentError, "write the value for NULL rows of lists.position (the migration's change_column_null gave start)" if fill.nil?
    value = connection.quote(fill)
    # 1000 rows a statement, each committed on its own (disable_ddl_transaction!), until one updates nothing
    nil until connection.exec_update("UPDATE lists SET \\"position\\" = #{value} WHERE ctid IN (SELECT ctid FROM lists WHERE \\"position\\" IS NULL LIMIT 1000)").zero?
  end

  def down
    # nothing to undo: the filled rows keep their value
  end
end

# then a new migration, db/migrate/20240101000004_validate_lists_position_not_null.rb:
class ValidateListsPositionNotNull < ActiveRecord::Migration[7.1]
  def up
    validate_check_constraint :lists, name: "lists_position_not_null"
    change_column_null :lists, :position, false  # PostgreSQL 12+ reads the CHECK instead of the table
    remove_check_constraint :lists, name: "lists_position_not_null"
  end

  def down
    add_check_constraint :lists, "position IS NOT NULL", name: "lists_position_not_null", validate: false
    change_column_null :lists, :position, true
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "a later migration renames the table and the column: the validating migration at the head names them as they are there",
      path: "db/migrate/20240301000000_make_document_required.rb",
      code: `class MakeDocumentRequired < ActiveRecord::Migration[7.1]
  def change
    change_column_null :change_notes, :document_id, false
  end
end
`,
      files: {
        "db/migrate/20240302000000_rename_change_notes.rb": `class RenameChangeNotes < ActiveRecord::Migration[7.1]
  def change
    rename_table :change_notes, :notes
    rename_column :notes, :document_id, :edition_id
  end
end
`,
      },
      lines: [3],
      fixes: [`add_check_constraint :change_notes, "document_id IS NOT NULL", name: "change_notes_document_id_not_null", validate: false

# then a new migration, db/migrate/20240302000001_validate_change_notes_document_id_not_null.rb:
class ValidateChangeNotesDocumentIdNotNull < ActiveRecord::Migration[7.1]
  def up
    validate_check_constraint :notes, name: "change_notes_document_id_not_null"
    change_column_null :notes, :edition_id, false  # PostgreSQL 12+ reads the CHECK instead of the table
    remove_check_constraint :notes, name: "change_notes_document_id_not_null"
  end

  def down
    add_check_constraint :notes, "edition_id IS NOT NULL", name: "change_notes_document_id_not_null", validate: false
    change_column_null :notes, :edition_id, true
  end
end`],
    },
    {
      framework: "rails",
      name: "change_column_null false on a live table",
      code: `class MakeDocumentRequired < ActiveRecord::Migration[7.1]
  def change
    change_column_null :change_notes, :document_id, false
  end
end
`,
      lines: [3],
    },
    {
      framework: "rails",
      name: "change_column with null: false, and t.change_null in change_table",
      code: `class MakePositionRequired < ActiveRecord::Migration[7.1]
  def up
    change_column :links, :position, :integer, null: false, default: 0
    change_table :links do |t|
      t.change_null :target_id, false
    end
  end

  def down
    change_column_null :links, :target_id, true
    change_column :links, :position, :integer, null: true
  end
end
`,
      lines: [3, 5],
    },
    {
      framework: "rails",
      name: "a change_table block's t.change with default: [] and null: false (govuk-chat heading_hierarchy): the fix's t.change keeps the type, array: and default: []",
      path: "db/migrate/20250918080510_default_for_heading_hierarchy.rb",
      code: `class DefaultForHeadingHierarchy < ActiveRecord::Migration[8.0]
  def up
    change_table :answer_source_chunks, bulk: true do |t|
      t.change :heading_hierarchy, :string, array: true, default: [], null: false
    end
  end

  def down
    change_table :answer_source_chunks, bulk: true do |t|
      t.change :heading_hierarchy, :string, array: true, default: nil, null: true
    end
  end
end
`,
      lines: [4],
      fixes: [
        `t.change :heading_hierarchy, :string, array: true, default: []
add_check_constraint :answer_source_chunks, "heading_hierarchy IS NOT NULL", name: "answer_source_chunks_heading_hierarchy_not_null", validate: false

# then a new migration, db/migrate/20250918080511_validate_answer_source_chunks_heading_hierarchy_not_null.rb:
class ValidateAnswerSourceChunksHeadingHierarchyNotNull < ActiveRecord::Migration[8.0]
  def up
    validate_check_constraint :answer_source_chunks, name: "answer_source_chunks_heading_hierarchy_not_null"
    change_column_null :answer_source_chunks, :heading_hierarchy, false  # PostgreSQL 12+ reads the CHECK instead of the table
    remove_check_constraint :answer_source_chunks, name: "answer_source_chunks_heading_hierarchy_not_null"
  end

  def down
    add_check_constraint :answer_source_chunks, "heading_hierarchy IS NOT NULL", name: "answer_source_chunks_heading_hierarchy_not_null", validate: false
    change_column_null :answer_source_chunks, :heading_hierarchy, true
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "change_column null: false of a column no migration read defines, whose own down keeps it NOT NULL: the fix's down does not make it nullable",
      path: "db/migrate/20210506161800_case_insensitive_user_emails.rb",
      code: `class CaseInsensitiveUserEmails < ActiveRecord::Migration[6.1]
  def up
    change_column :users, :email, :citext, null: false
  end

  def down
    change_column :users, :email, :string, null: false, default: ""
  end
end
`,
      lines: [3],
      fixes: [
        `change_column :users, :email, :citext
add_check_constraint :users, "email IS NOT NULL", name: "users_email_not_null", validate: false

# then a new migration, db/migrate/20210506161801_validate_users_email_not_null.rb:
class ValidateUsersEmailNotNull < ActiveRecord::Migration[6.1]
  def up
    validate_check_constraint :users, name: "users_email_not_null"
    change_column_null :users, :email, false  # PostgreSQL 12+ reads the CHECK instead of the table
    remove_check_constraint :users, name: "users_email_not_null"
  end

  def down
    add_check_constraint :users, "email IS NOT NULL", name: "users_email_not_null", validate: false
    # change_column_null :users, :email, true  # only if users.email was nullable before this migration: migguard found no definition of it in the migrations it read
  end
end`,
      ],
    },
    {
      framework: "rails",
      name: "a column added nullable whose default a later migration changed: the fix's down makes it nullable again, as it was",
      path: "db/migrate/20240301000000_require_link_warnings.rb",
      code: `class RequireLinkWarnings < ActiveRecord::Migration[7.1]
  def up
    change_column :links, :link_warnings, :text, null: false
  end

  def down
    change_column :links, :link_warnings, :json
  end
end
`,
      files: {
        "db/migrate/20230101000000_create_links.rb": 'class CreateLinks < ActiveRecord::Migration[7.1]\n  def change\n    create_table :links do |t|\n      t.string :url\n    end\n    add_column :links, :link_warnings, :json\n  end\nend\n',
        "db/migrate/20230601000000_default_link_warnings.rb": 'class DefaultLinkWarnings < ActiveRecord::Migration[7.1]\n  def up\n    change_column_default :links, :link_warnings, {}\n  end\n\n  def down\n    change_column_default :links, :link_warnings, nil\n  end\nend\n',
      },
      lines: [3],
      fixes: [
        `change_column :links, :link_warnings, :text
add_check_constraint :links, "link_warnings IS NOT NULL", name: "links_link_warnings_not_null", validate: false

# then a new migration, db/migrate/20240301000003_validate_links_link_warnings_not_null.rb:
class ValidateLinksLinkWarningsNotNull < ActiveRecord::Migration[7.1]
  def up
    validate_check_constraint :links, name: "links_link_warnings_not_null"
    change_column_null :links, :link_warnings, false  # PostgreSQL 12+ reads the CHECK instead of the table
    remove_check_constraint :links, name: "links_link_warnings_not_null"
  end

  def down
    add_check_constraint :links, "link_warnings IS NOT NULL", name: "links_link_warnings_not_null", validate: false
    change_column_null :links, :link_warnings, true
  end
end`,
      ],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "earlier migrations added the CHECK (document_id IS NOT NULL) validate: false and validated it: PostgreSQL 12+ reads the CHECK, no scan",
      path: "db/migrate/20240103000000_require_document.rb",
      code: DOCUMENT_NOT_NULL,
      files: documentCheck(true),
    },
    {
      framework: "rails",
      name: "the model's rows deleted first (delete_all): nothing left to scan",
      code: `class RequireSessionUser < ActiveRecord::Migration[7.1]
  def up
    Session.delete_all
    change_column_null :sessions, :user_id, false
  end

  def down
    change_column_null :sessions, :user_id, true
  end
end
`,
    },
    {
      framework: "rails",
      name: "online_migrations' add_not_null_constraint validate: false, then validate_not_null_constraint (teaching-vacancies): the CHECK is validated before SET NOT NULL",
      code: `class PublisherOidNotNull < ActiveRecord::Migration[8.0]
  disable_ddl_transaction!

  def change
    add_not_null_constraint :publishers, :oid, validate: false
    validate_not_null_constraint :publishers, :oid

    change_column_null :publishers, :oid, false
    remove_not_null_constraint :publishers, :oid
  end
end
`,
    },
    {
      framework: "rails",
      name: "a validated CHECK (column IS NOT NULL) first (PostgreSQL 12+ skips the scan)",
      code: `class ValidateDocumentNotNull < ActiveRecord::Migration[7.1]
  def up
    validate_check_constraint :change_notes, name: "change_notes_document_id_null"
    change_column_null :change_notes, :document_id, false
    remove_check_constraint :change_notes, name: "change_notes_document_id_null"
  end

  def down
    add_check_constraint :change_notes, "document_id IS NOT NULL", name: "change_notes_document_id_null", validate: false
    change_column_null :change_notes, :document_id, true
  end
end
`,
    },
    {
      framework: "rails",
      name: "change_column to another type with null: false of a column an earlier migration created NOT NULL (devise's email): ALTER COLUMN TYPE keeps NOT NULL, so SET NOT NULL scans nothing",
      path: "db/migrate/20210506161800_case_insensitive_user_emails.rb",
      code: `class CaseInsensitiveUserEmails < ActiveRecord::Migration[6.1]
  def up
    enable_extension("citext")

    change_column :users, :email, :citext, null: false
  end

  def down
    change_column :users, :email, :string, null: false, default: ""
  end
end
`,
      files: {
        "db/migrate/20201130093110_devise_create_users.rb":
          'class DeviseCreateUsers < ActiveRecord::Migration[6.0]\n  def change\n    create_table :users, id: :uuid do |t|\n      t.string :email,              null: false, default: ""\n      t.timestamps null: false\n    end\n  end\nend\n',
      },
    },
    {
      framework: "rails",
      name: "a column created NOT NULL whose default and type a later migration changed: still NOT NULL (those changes keep it), so SET NOT NULL scans nothing",
      path: "db/migrate/20240301000000_require_status.rb",
      code: `class RequireStatus < ActiveRecord::Migration[7.1]
  def change
    change_column_null :orders, :status, false
  end
end
`,
      files: {
        "db/migrate/20230101000000_create_orders.rb": 'class CreateOrders < ActiveRecord::Migration[7.1]\n  def change\n    create_table :orders do |t|\n      t.string :status, null: false\n    end\n  end\nend\n',
        "db/migrate/20230601000000_change_order_status.rb": 'class ChangeOrderStatus < ActiveRecord::Migration[7.1]\n  def up\n    change_column_default :orders, :status, "new"\n    change_column :orders, :status, :text\n  end\n\n  def down\n    change_column :orders, :status, :string\n    change_column_default :orders, :status, nil\n  end\nend\n',
      },
    },
    {
      framework: "rails",
      name: "NOT NULL columns of a new table",
      code: `class CreateNotes < ActiveRecord::Migration[7.1]
  def change
    create_table :notes do |t|
      t.text :body, null: false
    end
    change_column_null :notes, :body, false
  end
end
`,
    },
  ],
});
