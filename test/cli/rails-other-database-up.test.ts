/**
 * Rails migrations whose code only another database runs, through `migguard lint` on a folder like helpy's
 * (audit 55): the vendored acts_as_taggable_on migration with only an `up` guarded `if using_mysql?` runs nothing on
 * PostgreSQL, so it is not irreversible; MySQL's SQL behind a method of the migration that tests the adapter
 * (`if legacy_database?`, `return unless mysql?`) is not PostgreSQL's to parse. A branch whose condition is not such
 * a test (a setting read from the connection's config) still runs here, and is analysed.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const MYSQL_ONLY_UP = `# This migration comes from acts_as_taggable_on_engine (originally 5)
class ChangeCollationForTagNames < ActiveRecord::Migration[4.2]
  def up
    if ActsAsTaggableOn::Utils.using_mysql?
      execute("ALTER TABLE tags MODIFY name varchar(255) CHARACTER SET utf8 COLLATE utf8_bin;")
    end
  end
end
`;

const ADAPTER_METHODS = `class ConvertComments < ActiveRecord::Migration[5.2]
  def up
    if legacy_database?
      execute "ALTER TABLE comments MODIFY body text CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    end
    return unless mysql?

    execute "ALTER TABLE comments CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  end

  def legacy_database?
    ActiveRecord::Base.connection.adapter_name == "Mysql2"
  end

  def mysql?
    connection.adapter_name =~ /mysql/i
  end
end
`;

const SETTING_BRANCH = `class RemoveUuid < ActiveRecord::Migration[4.2]
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
`;

describe("migguard lint: Rails code only another database runs", () => {
  it("an up that runs nothing on PostgreSQL is not irreversible, and MySQL's SQL behind adapter tests is not parsed as PostgreSQL's", async () => {
    const root = fileTree(
      {
        "Gemfile": 'source "https://rubygems.org"\ngem "rails", "~> 5.2"\ngem "pg"\n',
        "config/database.yml": "production:\n  adapter: postgresql\n  database: app\n",
        "db/migrate/20150314002614_change_collation_for_tag_names.acts_as_taggable_on_engine.rb": MYSQL_ONLY_UP,
        "db/migrate/20190101000000_convert_comments.rb": ADAPTER_METHODS,
        "db/migrate/20190102000000_remove_uuid.rb": SETTING_BRANCH,
      },
      "migguard-cli-",
    );
    const result = await run(["lint", "--format", "json", "db/migrate"], { cwd: root });
    const findings = (JSON.parse(result.output) as { findings: Array<{ path: string; rule: string; line: number }> }).findings;
    const of = (file: string) => findings.filter((f) => f.path.endsWith(file)).map((f) => [f.rule, f.line]);
    expect(of("change_collation_for_tag_names.acts_as_taggable_on_engine.rb")).toEqual([]);
    expect(of("convert_comments.rb").filter(([rule]) => rule === "syntax-error" || rule === "irreversible-migration")).toEqual([]);
    expect(of("remove_uuid.rb")).toContainEqual(["syntax-error", 3]);
  });
});
