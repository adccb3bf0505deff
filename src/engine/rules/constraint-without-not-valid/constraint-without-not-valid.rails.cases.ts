import { defineCases } from "../support/rule.js";

/** ifme's copy of Active Storage's framework migration: its key is added only where Active Storage's tables exist. */
const ACTIVE_STORAGE_KEY = `# This migration comes from active_storage (originally 20180723000244)
class AddForeignKeyConstraintToActiveStorageAttachmentsForBlobId < ActiveRecord::Migration[6.0]
  def up
    return if foreign_key_exists?(:active_storage_attachments, column: :blob_id)

    if table_exists?(:active_storage_blobs)
      add_foreign_key :active_storage_attachments, :active_storage_blobs, column: :blob_id
    end
  end
end
`;

/** A project that never installed Active Storage: its earlier migrations and its db/schema.rb have no active_storage_blobs. */
const WITHOUT_ACTIVE_STORAGE = {
  "db/migrate/20190101000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[6.0]
  def change
    create_table :users do |t|
      t.string :email
    end
  end
end
`,
  "db/schema.rb": `ActiveRecord::Schema[6.0].define(version: 2020_05_09_110917) do
  create_table "users", force: :cascade do |t|
    t.string "email"
  end
end
`,
};


export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "a later migration renames the CHECK constraint: validate_check_constraint, after the folder's newest, names it as it is called there",
      path: "db/migrate/20240201000000_add_orders_amount_check.rb",
      code: 'class AddOrdersAmountCheck < ActiveRecord::Migration[7.1]\n  def change\n    add_check_constraint :orders, "amount > 0", name: "orders_amount_positive"\n  end\nend\n',
      files: {
        "db/migrate/20240101000000_create_orders.rb": "class CreateOrders < ActiveRecord::Migration[7.1]\n  def change\n    create_table :orders do |t|\n      t.integer :amount\n    end\n  end\nend\n",
        "db/migrate/20240301000000_rename_orders_amount_check.rb": 'class RenameOrdersAmountCheck < ActiveRecord::Migration[7.1]\n  def up\n    execute "ALTER TABLE orders RENAME CONSTRAINT orders_amount_positive TO orders_amount_check"\n  end\nend\n',
      },
      lines: [3],
      // the constraint as the later migration leaves it: under its old name validate_check_constraint finds nothing
      fixes: [
        '# instant: existing rows are not checked\nadd_check_constraint :orders, "amount > 0", name: "orders_amount_positive", validate: false\n\n# then a new migration, db/migrate/20240301000001_validate_orders_amount_positive.rb:\nclass ValidateOrdersAmountPositive < ActiveRecord::Migration[7.1]\n  def up\n    validate_check_constraint :orders, name: "orders_amount_check"\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend',
      ],
    },
    {
      framework: "rails",
      name: "add_foreign_key after rename_column in the migration's transaction: the check blocks reads of the table too, for as long as it scans",
      path: "db/migrate/20240101000000_key_comment_authors.rb",
      files: { "db/migrate/20230101000000_create_comments.rb": "class CreateComments < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users\n    create_table :comments do |t|\n      t.bigint :author\n    end\n  end\nend\n" },
      code: `class KeyCommentAuthors < ActiveRecord::Migration[7.1]
  def change
    rename_column :comments, :author, :author_id
    add_foreign_key :comments, :users, column: :author_id
  end
end
`,
      lines: [4],
      severities: ["error"],
      messages: ["Line 3's RENAME COLUMN author already holds ACCESS EXCLUSIVE on comments until commit, so this check blocks reads of comments as well as writes for its whole duration; adding it NOT VALID and validating it in a later migration lets line 3 commit at once."],
    },
    {
      framework: "rails",
      name: "a foreign key among a heredoc's statements (catarse 20151028220507): NOT VALID in the heredoc's SQL, in its place (Ruby there would be sent as SQL), VALIDATE a migration of its own",
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
      lines: [6],
      fixes: ["# db/migrate/20151028220507_create_project_states.rb as it becomes: line 6 of its SQL adds the constraint NOT VALID, the rest as written\nclass CreateProjectStates < ActiveRecord::Migration[7.1]\n  def up\n    execute <<-SQL\n    CREATE TABLE project_states (state text primary key);\n    INSERT INTO project_states (state) VALUES ('draft'), ('online');\n    ALTER TABLE projects ADD CONSTRAINT projects_state_fkey FOREIGN KEY (state) REFERENCES project_states (state) NOT VALID;\n    ALTER TABLE projects ALTER state SET NOT NULL;\n    ALTER TABLE projects ALTER state SET DEFAULT 'draft';\n    SQL\n  end\n\n  def down\n    execute \"DROP TABLE project_states CASCADE\"\n  end\nend\n\n# then a new migration, db/migrate/20151028220509_validate_projects_state_fkey.rb:\nclass ValidateProjectsStateFkey < ActiveRecord::Migration[7.1]\n  def up\n    execute \"ALTER TABLE projects VALIDATE CONSTRAINT projects_state_fkey\"\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend"],
    },
    {
      framework: "rails",
      name: "a Rails 5.1 migration (no validate: false before 5.2): the key's SQL NOT VALID, its options kept, validated in SQL in the next migration",
      code: `class AddOrdersCustomerKey < ActiveRecord::Migration[5.1]
  def change
    add_foreign_key :orders, :customers, on_delete: :cascade
  end
end
`,
      lines: [3],
      fixes: ["# Rails 5.1 cannot add this foreign key to customers unvalidated (validate: false is Rails 5.2+): its SQL, NOT VALID\nexecute \"ALTER TABLE orders ADD CONSTRAINT fk_rails_3dad120da9 FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID\"\n\n# then a new migration, db/migrate/20240101000001_validate_fk_rails_3dad120da9.rb:\nclass ValidateFkRails3dad120da9 < ActiveRecord::Migration[5.1]\n  def up\n    execute \"ALTER TABLE orders VALIDATE CONSTRAINT fk_rails_3dad120da9\"\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend"],
    },
    {
      framework: "rails",
      name: "disable_ddl_transaction!: add_column's lock is released at once, so add_foreign_key waits for the table again and scans it under its own lock",
      code: `class AddProjectToDocuments < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def up
    add_column :documents, :project_id, :bigint
    add_foreign_key :documents, :projects
    execute "UPDATE documents SET project_id = 1"
  end

  def down
    remove_column :documents, :project_id
  end
end
`,
      lines: [6],
      severities: ["error"],
    },
    {
      framework: "rails",
      name: "add_foreign_key and add_check_constraint without validate: false",
      code: `class AddConstraints < ActiveRecord::Migration[7.1]
  def change
    add_foreign_key :live_content_items, :draft_content_items
    add_check_constraint :products, "price >= 0", name: "products_price_non_negative"
  end
end
`,
      lines: [3, 4],
    },
    {
      framework: "rails",
      name: "add_check_constraint over several lines, and t.check_constraint in change_table: the fix writes each with the expression the migration gives, validate: false",
      code: `class AddPriceChecks < ActiveRecord::Migration[7.1]
  def change
    add_check_constraint(
      :products,
      "price >= 0",
      name: "products_price_non_negative",
    )
    change_table :orders do |t|
      t.check_constraint "quantity > 0 AND note <> 'x'", name: "orders_quantity_positive"
    end
  end
end
`,
      lines: [3, 9],
      fixes: [
        '# instant: existing rows are not checked\nadd_check_constraint :products, "price >= 0", name: "products_price_non_negative", validate: false\n\n# then a new migration, db/migrate/20240101000001_validate_products_price_non_negative.rb:\nclass ValidateProductsPriceNonNegative < ActiveRecord::Migration[7.1]\n  def up\n    validate_check_constraint :products, name: "products_price_non_negative"\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend',
        '# instant: existing rows are not checked\nadd_check_constraint :orders, "quantity > 0 AND note <> \'x\'", name: "orders_quantity_positive", validate: false\n\n# then a new migration, db/migrate/20240101000002_validate_orders_quantity_positive.rb:\nclass ValidateOrdersQuantityPositive < ActiveRecord::Migration[7.1]\n  def up\n    validate_check_constraint :orders, name: "orders_quantity_positive"\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend',
      ],
    },
    {
      framework: "rails",
      name: "add_column then add_foreign_key on it in the migration's transaction: no row can fail, but the key scans posts while the users table's writes wait (SHARE ROW EXCLUSIVE): an error that says so",
      code: `class AddEditorToPosts < ActiveRecord::Migration[7.1]
  def change
    add_column :posts, :editor_id, :bigint
    add_foreign_key :posts, :users, column: :editor_id
  end
end
`,
      lines: [4],
      severities: ["error"],
      messages: ["posts stays under the ADD COLUMN's ACCESS EXCLUSIVE lock and users under SHARE ROW EXCLUSIVE, so writes to users wait as long as posts takes to read"],
    },
    {
      framework: "rails",
      name: "add_reference with foreign_key: true, and t.foreign_key in change_table",
      code: `class AddAuthor < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_reference :posts, :author, foreign_key: { to_table: :users }, index: { algorithm: :concurrently }
    change_table :comments do |t|
      t.foreign_key :posts
    end
  end
end
`,
      lines: [5, 7],
    },
    {
      framework: "rails",
      name: "add_reference of a uuid key: the fix keeps the user's type: and null: (a bigint column could not reference a uuid id)",
      code: `class AddStockExchangeReference < ActiveRecord::Migration[7.2]
  def change
    add_reference :securities, :stock_exchange, type: :uuid, null: true, foreign_key: true
  end
end
`,
      lines: [3],
      fixes: [
        "# instant: existing rows are not checked\nadd_reference :securities, :stock_exchange, type: :uuid, null: true, index: { algorithm: :concurrently }  # with disable_ddl_transaction!\nadd_foreign_key :securities, :stock_exchanges, validate: false\n\n# then a new migration, db/migrate/20240101000001_validate_foreign_key_securities_stock_exchanges.rb:\nclass ValidateForeignKeySecuritiesStockExchanges < ActiveRecord::Migration[7.2]\n  def up\n    validate_foreign_key :securities, :stock_exchanges\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend",
      ],
    },
    {
      framework: "rails",
      name: "add_reference written with parentheses: the concurrent index option goes inside them (after the closing one, the fix would not parse)",
      code: `class AddClonedFromToTemplates < ActiveRecord::Migration[6.1]
  def change
    add_reference(:templates, :cloned_from, foreign_key: { to_table: :templates, on_delete: :nullify })
  end
end
`,
      lines: [3],
      fixes: [
        "# instant: existing rows are not checked\nadd_reference(:templates, :cloned_from, index: { algorithm: :concurrently })  # with disable_ddl_transaction!\nadd_foreign_key :templates, :templates, column: :cloned_from_id, on_delete: :nullify, validate: false\n\n# then a new migration, db/migrate/20240101000001_validate_foreign_key_templates_templates.rb:\nclass ValidateForeignKeyTemplatesTemplates < ActiveRecord::Migration[6.1]\n  def up\n    validate_foreign_key :templates, :templates, column: :cloned_from_id\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend",
      ],
    },
    {
      framework: "rails",
      name: "add_foreign_key written with parentheses: validate: false goes inside them",
      code: `class AddAuthorKey < ActiveRecord::Migration[7.2]
  def change
    add_foreign_key(:posts, :users, column: :author_id)
  end
end
`,
      lines: [3],
      fixes: [
        "# instant: existing rows are not checked\nadd_foreign_key(:posts, :users, column: :author_id, validate: false)\n\n# then a new migration, db/migrate/20240101000001_validate_foreign_key_posts_users.rb:\nclass ValidateForeignKeyPostsUsers < ActiveRecord::Migration[7.2]\n  def up\n    validate_foreign_key :posts, :users, column: :author_id\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend",
      ],
    },
    {
      framework: "rails",
      name: "t.references with foreign_key: in change_table: the reference stays in its block with its type:, the key is added unvalidated after it",
      code: `class AddTransferToPayments < ActiveRecord::Migration[7.2]
  def change
    change_table :payments do |t|
      t.references :transfer, foreign_key: true, type: :uuid
    end
  end
end
`,
      lines: [4],
      fixes: [
        "# instant: existing rows are not checked\n# in its table block, the reference without foreign_key:\nt.references :transfer, type: :uuid\n# and after the block:\nadd_foreign_key :payments, :transfers, validate: false\n\n# then a new migration, db/migrate/20240101000001_validate_foreign_key_payments_transfers.rb:\nclass ValidateForeignKeyPaymentsTransfers < ActiveRecord::Migration[7.2]\n  def up\n    validate_foreign_key :payments, :transfers\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend",
      ],
    },
    {
      framework: "rails",
      name: "references whose foreign_key: hash says on_delete:, on_update: and deferrable:: the key added again unvalidated keeps them (the same key, only not checked yet)",
      code: `class AddTransferToPayments < ActiveRecord::Migration[7.2]
  def change
    change_table :payments do |t|
      t.references :transfer, foreign_key: { on_delete: :cascade, on_update: :nullify, deferrable: :deferred }
    end
    add_reference :refunds, :payment, foreign_key: { on_delete: :restrict }
  end
end
`,
      lines: [4, 6],
      fixes: [
        "# instant: existing rows are not checked\n# in its table block, the reference without foreign_key:\nt.references :transfer\n# and after the block:\nadd_foreign_key :payments, :transfers, on_delete: :cascade, on_update: :nullify, deferrable: :deferred, validate: false\n\n# then a new migration, db/migrate/20240101000001_validate_foreign_key_payments_transfers.rb:\nclass ValidateForeignKeyPaymentsTransfers < ActiveRecord::Migration[7.2]\n  def up\n    validate_foreign_key :payments, :transfers\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend",
        "# instant: existing rows are not checked\nadd_reference :refunds, :payment, index: { algorithm: :concurrently }  # with disable_ddl_transaction!\nadd_foreign_key :refunds, :payments, on_delete: :restrict, validate: false\n\n# then a new migration, db/migrate/20240101000002_validate_foreign_key_refunds_payments.rb:\nclass ValidateForeignKeyRefundsPayments < ActiveRecord::Migration[7.2]\n  def up\n    validate_foreign_key :refunds, :payments\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend",
      ],
    },
    {
      framework: "rails",
      name: "ifme's Active Storage key added only if table_exists?(:active_storage_blobs): the next migration validates it only if it was added",
      path: "db/migrate/20200509110917_add_foreign_key_constraint_to_active_storage_attachments_for_blob_id.active_storage.rb",
      code: `# This migration comes from active_storage (originally 20180723000244)
class AddForeignKeyConstraintToActiveStorageAttachmentsForBlobId < ActiveRecord::Migration[6.0]
  def up
    return if foreign_key_exists?(:active_storage_attachments, column: :blob_id)

    if table_exists?(:active_storage_blobs)
      add_foreign_key :active_storage_attachments, :active_storage_blobs, column: :blob_id
    end
  end
end
`,
      lines: [7],
      fixes: ["# instant: existing rows are not checked\nadd_foreign_key :active_storage_attachments, :active_storage_blobs, column: :blob_id, validate: false\n\n# then a new migration, db/migrate/20200509110918_validate_foreign_key_active_storage_attachments_active_storage_blobs.rb:\nclass ValidateForeignKeyActiveStorageAttachmentsActiveStorageBlobs < ActiveRecord::Migration[6.0]\n  def up\n    validate_foreign_key :active_storage_attachments, :active_storage_blobs, column: :blob_id if foreign_key_exists?(:active_storage_attachments, :active_storage_blobs, column: :blob_id)\n  end\n\n  def down\n    # nothing to undo: validating only checked the rows\n  end\nend"],
    },
    {
      framework: "rails",
      name: "the same Active Storage key in a project whose earlier migrations and db/schema.rb never have active_storage_blobs: table_exists? skips it, so a note with nothing to change",
      path: "db/migrate/20200509110917_add_foreign_key_constraint_to_active_storage_attachments_for_blob_id.active_storage.rb",
      files: WITHOUT_ACTIVE_STORAGE,
      code: ACTIVE_STORAGE_KEY,
      lines: [7],
      severities: ["info"],
      fixes: ["# nothing to change: no earlier migration creates active_storage_blobs and db/schema.rb has none, so `table_exists?(:active_storage_blobs)` skips this; keep the check as it is"],
    },
    {
      framework: "rails",
      name: "the same Active Storage key where db/schema.rb has active_storage_blobs: the check may pass, so the key is reviewed",
      path: "db/migrate/20200509110917_add_foreign_key_constraint_to_active_storage_attachments_for_blob_id.active_storage.rb",
      files: {
        ...WITHOUT_ACTIVE_STORAGE,
        "db/schema.rb": `ActiveRecord::Schema[6.0].define(version: 2020_05_09_110917) do
  create_table "active_storage_blobs", force: :cascade do |t|
    t.string "key", null: false
  end

  create_table "active_storage_attachments", force: :cascade do |t|
    t.bigint "blob_id", null: false
  end

  create_table "users", force: :cascade do |t|
    t.string "email"
  end
end
`,
      },
      code: ACTIVE_STORAGE_KEY,
      lines: [7],
      severities: ["error"],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "add_column then add_foreign_key then a backfill of every row, in the migration's transaction: the column is all NULL when the key is checked, and the backfill holds the same lock longer",
      code: `class AddProjectToDocuments < ActiveRecord::Migration[7.1]
  def up
    add_column :documents, :project_id, :bigint
    add_foreign_key :documents, :projects
    execute "UPDATE documents SET project_id = 1"
  end

  def down
    remove_column :documents, :project_id
  end
end
`,
    },
    {
      framework: "rails",
      name: "add_reference null: false without a default first: it fails on a table with rows, so the foreign key validates nothing",
      code: `class AddTeamToFolders < ActiveRecord::Migration[7.1]
  def change
    add_column :folders, :team_id, :bigint, null: false
    add_foreign_key :folders, :teams
  end
end
`,
    },
    {
      framework: "rails",
      name: "validate: false now, validate_* in the next migration",
      code: `class AddConstraints < ActiveRecord::Migration[7.1]
  def change
    add_foreign_key :live_content_items, :draft_content_items, validate: false
    add_check_constraint :products, "price >= 0", name: "products_price_non_negative", validate: false
    add_reference :posts, :author, index: false, foreign_key: { validate: false }
  end
end
`,
    },
    {
      framework: "rails",
      name: "foreign keys of a table created in the same migration",
      code: `class CreateComments < ActiveRecord::Migration[7.1]
  def change
    create_table :comments do |t|
      t.references :post, foreign_key: true
      t.check_constraint "length(body) > 0"
      t.text :body
    end
  end
end
`,
    },
  ],
});
