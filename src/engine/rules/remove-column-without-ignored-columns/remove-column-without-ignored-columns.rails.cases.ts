import { defineCases } from "../support/rule.js";

const migration = `class RemovePhoneNumber < ActiveRecord::Migration[7.1]
  def change
    remove_column :users, :phone_number, :string
  end
end
`;

export default defineCases({
  invalid: [
    {
      framework: "rails",
      name: "the model given with the change still loads the column",
      code: migration,
      files: {
        "app/models/user.rb": `class User < ApplicationRecord
  has_many :posts
end
`,
      },
      lines: [3],
    },
    {
      framework: "rails",
      name: "the model ignores another column only; table_name names the table",
      code: `class RemoveFax < ActiveRecord::Migration[7.1]
  def up
    remove_column :legacy_people, :fax
  end

  def down
    add_column :legacy_people, :fax, :string
  end
end
`,
      files: {
        "app/models/admin/person.rb": `module Admin
  class Person < ApplicationRecord
    self.table_name = "legacy_people"
    self.ignored_columns += %w[telex]
  end
end
`,
      },
      lines: [3],
    },
    {
      framework: "rails",
      name: "in `change`, whose rollback re-adds the column empty: remove-column-in-change's hazard is one sentence of this finding, and step 2 of its fix keeps a copy",
      code: migration,
      files: { "app/models/user.rb": "class User < ApplicationRecord\nend\n" },
      lines: [3],
      messages: ["Rolling back this `change` also re-adds phone_number empty (Rails reverses the schema, not the values): step 2 of the fix keeps a copy for the down to restore."],
      fixes: [
        `# 1. Deploy this first:
# in app/models/user.rb:
class User < ApplicationRecord
  self.ignored_columns += ["phone_number"]
end
# 2. Then remove the column in a migration of its own, keeping a copy so the down can restore the values:
def up
  # users's primary key is not in the migrations migguard read: the framework's id is assumed
  execute "CREATE TABLE users_phone_number_backup_20240101000000 AS SELECT id, phone_number FROM users"
  remove_column :users, :phone_number
end

def down
  add_column :users, :phone_number, :string
  execute "UPDATE users SET phone_number = b.phone_number FROM users_phone_number_backup_20240101000000 b WHERE users.id = b.id"
end`,
      ],
    },
    {
      framework: "rails",
      name: "config/application.rb turns off pluralize_table_names: Course's table is course",
      code: `class RemoveModularFromCourse < ActiveRecord::Migration[7.1]
  def change
    remove_column :course, :modular, :string
  end
end
`,
      files: {
        "config/application.rb": `module Publish
  class Application < Rails::Application
    config.load_defaults 7.1
    config.active_record.pluralize_table_names = false
  end
end
`,
        "app/models/course.rb": "class Course < ApplicationRecord\n  has_many :sites\nend\n",
      },
      lines: [3],
      messages: ["app/models/course.rb (Course) does not list modular in ignored_columns"],
    },
    {
      framework: "rails",
      name: "an abstract base class turns off pluralize_table_names for the models below it",
      code: `class RemoveModularFromCourse < ActiveRecord::Migration[7.1]
  def change
    remove_column :course, :modular, :string
  end
end
`,
      files: {
        "app/models/application_record.rb": "class ApplicationRecord < ActiveRecord::Base\n  self.abstract_class = true\n  self.pluralize_table_names = false\nend\n",
        "app/models/course.rb": "class Course < ApplicationRecord\nend\n",
      },
      lines: [3],
    },
    {
      framework: "rails",
      name: "an initializer sets the application's table_name_prefix",
      code: `class RemoveModularFromCourses < ActiveRecord::Migration[7.1]
  def change
    remove_column :app_courses, :modular, :string
  end
end
`,
      files: {
        "config/initializers/active_record.rb": 'ActiveRecord::Base.table_name_prefix = "app_"\n',
        "app/models/course.rb": "class Course < ApplicationRecord\nend\n",
      },
      lines: [3],
    },
  ],
  valid: [
    {
      framework: "rails",
      name: "a later migration adds the column back: the model read is the new column's, and ignoring the name would hide that one too",
      path: "db/migrate/20240201000000_remove_phone_number.rb",
      code: migration,
      files: {
        "app/models/user.rb": "class User < ApplicationRecord\n  has_many :posts\nend\n",
        "db/migrate/20240301000000_add_phone_number.rb": "class AddPhoneNumber < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :phone_number, :bigint\n  end\nend\n",
      },
    },
    {
      framework: "rails",
      name: "a scratch column the same migration added: the model never loaded it",
      code: `class MoveUsers < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :legacy_flag, :boolean
    remove_column :users, :legacy_flag, :boolean
  end
end
`,
      files: {
        "app/models/user.rb": `class User < ApplicationRecord
end
`,
      },
    },
    {
      framework: "rails",
      name: "a namespaced model whose module prefixes its table (Spree::Variant -> spree_variants)",
      code: `class RemoveOwnerFromVariants < ActiveRecord::Migration[7.1]
  def change
    remove_column :spree_variants, :owner_id, :integer
  end
end
`,
      files: {
        "app/models/spree/variant.rb": `module Spree
  class Variant < Spree::Base
    self.ignored_columns += %i[owner_id]
  end
end
`,
      },
    },
    {
      framework: "rails",
      name: "the model already ignores the column",
      code: migration,
      files: {
        "app/models/user.rb": `class User < ApplicationRecord
  self.ignored_columns += ["phone_number"]
end
`,
      },
    },
    {
      framework: "rails",
      name: "ignored_columns = %i[...] also counts",
      code: migration,
      files: {
        "app/models/user.rb": `class User < ApplicationRecord
  self.ignored_columns = %i[phone_number legacy_flag]
end
`,
      },
    },
    { framework: "rails", name: "no model file given: nothing to check", code: migration },
    {
      framework: "rails",
      name: "pluralized table names (Rails' default): Course's table is courses, not the course dropped from",
      code: `class RemoveModularFromCourse < ActiveRecord::Migration[7.1]
  def change
    remove_column :course, :modular, :string
  end
end
`,
      files: { "app/models/course.rb": "class Course < ApplicationRecord\nend\n" },
    },
    {
      framework: "rails",
      name: "pluralize_table_names = false and the model already ignores the column",
      code: `class RemoveModularFromCourse < ActiveRecord::Migration[7.1]
  def change
    remove_column :course, :modular, :string
  end
end
`,
      files: {
        "config/application.rb": "module Publish\n  class Application < Rails::Application\n    config.active_record.pluralize_table_names = false\n  end\nend\n",
        "app/models/course.rb": "class Course < ApplicationRecord\n  self.ignored_columns += %w[modular]\nend\n",
      },
    },
    {
      framework: "rails",
      name: "the model of another table",
      code: migration,
      files: { "app/models/post.rb": "class Post < ApplicationRecord\nend\n" },
    },
  ],
});
