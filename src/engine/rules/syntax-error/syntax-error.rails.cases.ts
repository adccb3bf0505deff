import { defineCases } from "../support/rule.js";

/** The engine's own finding for Ruby: Ruby's grammar (Prism), and PostgreSQL's for the SQL given to `execute`. */
export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "a missing comma between arguments",
      code: "class AddPhone < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone :string\n  end\nend\n",
      lines: [3],
    },
    {
      framework: "rails",
      name: "a typo in the SQL given to execute",
      code: 'class AddPhone < ActiveRecord::Migration[7.1]\n  def up\n    execute "ALTER TABLE users ADD COLUM phone text"\n  end\n\n  def down\n    execute "ALTER TABLE users DROP COLUMN phone"\n  end\nend\n',
      lines: [3],
    },
    {
      framework: "rails",
      name: "MySQL SQL in the PostgreSQL branch of a database test: that branch runs here",
      code: `class Cleanup < ActiveRecord::Migration[6.1]
  def up
    if AppConfig.postgres?
      execute "DELETE b1 FROM blocks b1, blocks b2 WHERE b1.id > b2.id"
    end
  end
end
`,
      lines: [4],
    },
    {
      framework: "rails",
      name: "the else of a test that is more than the database's (postgres? && ...) may run on PostgreSQL: analysed",
      code: `class Cleanup < ActiveRecord::Migration[6.1]
  def up
    if AppConfig.postgres? && ENV["FAST"]
      execute "DELETE FROM blocks AS b1 USING blocks AS b2 WHERE b1.id > b2.id"
    else
      execute "DELETE b1 FROM blocks b1, blocks b2 WHERE b1.id > b2.id"
    end
  end
end
`,
      lines: [6],
    },
    {
      framework: "rails",
      name: "a method of the migration whose body is more than a test of the database (it reads a setting): its branch may run on PostgreSQL, so its SQL is analysed",
      code: `class RemoveUuid < ActiveRecord::Migration[4.2]
  def up
    execute("DROP TRIGGER IF EXISTS users_uuid") if uuid_configured?
  end

  def down
  end

  def uuid_configured?
    config = ActiveRecord::Base.connection.instance_variable_get("@config")
    config[:uuid]
  end
end
`,
      lines: [3],
    },
  ],
  valid: [
    { framework: "rails", name: "the same migration, well formed", code: "class AddPhone < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone, :string\n  end\nend\n" },
    {
      framework: "rails",
      name: "the else of `if AppConfig.postgres?` runs on MySQL only: its MySQL SQL is not PostgreSQL's to parse",
      code: `class AddMissingUniqueIndexes < ActiveRecord::Migration[5.1]
  def up
    blocks_where = "WHERE b1.user_id = b2.user_id AND b1.person_id = b2.person_id AND b1.id > b2.id"
    if AppConfig.postgres?
      execute "DELETE FROM blocks AS b1 USING blocks AS b2 #{blocks_where}"
    else
      execute "DELETE b1 FROM blocks b1, blocks b2 #{blocks_where}"
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "the adapter's name compared with PostgreSQL's (==, =~, unless): the other branch is another database's",
      code: `class Cleanup < ActiveRecord::Migration[6.1]
  def up
    if ActiveRecord::Base.connection.adapter_name == "PostgreSQL"
      execute "DELETE FROM blocks AS b1 USING blocks AS b2 WHERE b1.id > b2.id"
    elsif connection.adapter_name =~ /sqlite/i
      execute "DELETE FROM blocks WHERE rowid > 1"
    else
      execute "DELETE b1 FROM blocks b1, blocks b2 WHERE b1.id > b2.id"
    end
    unless connection.adapter_name =~ /postg/i
      execute "DELETE r1 FROM roles r1, roles r2 WHERE r1.id > r2.id"
    end
  end
end
`,
    },
    {
      framework: "rails",
      name: "methods of the migration whose body tests the adapter (mysql? as adapter_name =~ /mysql/i, legacy_database? as adapter_name == \"Mysql2\", postgresql? for unless), and a return unless such a test: MySQL's SQL in them is another database's",
      code: `class ChangeCollations < ActiveRecord::Migration[5.2]
  def up
    execute "ALTER TABLE tags MODIFY name varchar(255) CHARACTER SET utf8 COLLATE utf8_bin" if mysql?
    if legacy_database?
      execute "ALTER TABLE taggings MODIFY context varchar(128) CHARACTER SET utf8 COLLATE utf8_bin"
    end
    unless postgresql?
      execute "DELETE t1 FROM tags t1, tags t2 WHERE t1.id > t2.id AND t1.name = t2.name"
    end
    convert_comments
  end

  def down
  end

  private

  def convert_comments
    return unless self.class.connection.adapter_name.downcase.include?("mysql")
    execute "ALTER TABLE comments CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  end

  def mysql?
    connection.adapter_name =~ /mysql/i
  end

  def legacy_database?
    ActiveRecord::Base.connection.adapter_name == "Mysql2"
  end

  def postgresql?
    connection.adapter_name == "PostgreSQL"
  end
end
`,
    },
  ],
});
