import { defineReviewCases } from "../../review-rule.js";

/**
 * alphagov/signon 85053868, in small: a Rails upgrade deleted old migrations (a39f7542) and its revert, twenty minutes
 * later, restored them as they were. The dump records a version above them: every database ran them in 2023.
 */
const schema = (version: string) =>
  `ActiveRecord::Schema[7.1].define(version: ${version}) do\n  create_table "oauth_applications", force: :cascade do |t|\n    t.string "name"\n    t.boolean "api_only", default: false, null: false\n  end\n\n  create_table "users", force: :cascade do |t|\n    t.string "name"\n  end\nend\n`;
const DUMP = schema("2023_10_19_080657");
const STRIP = "db/migrate/20230802095323_strip_whitespace_from_users_names.rb";
const REPLACE = "db/migrate/20231019080657_replace_oauth_applications_show_on_dashboard_with_api_only.rb";
const STRIP_TEXT = `class StripWhitespaceFromUsersNames < ActiveRecord::Migration[7.0]
  def up
    User.where("name REGEXP('^\\\\s+') OR name REGEXP('\\\\s+$')").find_each do |user|
      user.update!(name: user.name.strip)
    end
  end

  def down; end
end
`;
const REPLACE_TEXT = `class ReplaceOauthApplicationsShowOnDashboardWithApiOnly < ActiveRecord::Migration[7.0]
  def up
    add_column :oauth_applications, :api_only, :boolean, default: false, null: false
    execute "UPDATE oauth_applications SET api_only = NOT show_on_dashboard"
    change_column_null :oauth_applications, :api_only, false
    remove_column :oauth_applications, :show_on_dashboard
  end
end
`;
const DELETION = { commit: "a39f7542e8f05cb16a43486ec881dca7bcb20ab1", date: "2024-02-27T10:49:09Z" };
const BASE = { "db/schema.rb": DUMP, "db/migrate/20240101000000_add_locale_to_users.rb": "class AddLocaleToUsers < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :locale, :string\n  end\nend\n" };

export default defineReviewCases({
  invalid: [
    {
      name: "Rails: a revert restores two migrations the base branch deleted, as they were (signon 85053868): one note for both, with the dump's caveat",
      base: BASE,
      head: { [STRIP]: STRIP_TEXT, [REPLACE]: REPLACE_TEXT },
      removedOnBase: { [STRIP]: { ...DELETION, content: STRIP_TEXT }, [REPLACE]: { ...DELETION, content: REPLACE_TEXT } },
      findings: [{ path: STRIP, line: 1, severity: "info", message: "the base branch deleted in commit a39f7542e8f0 (2024-02-27)" }],
    },
    {
      name: "Rails: the dump's own version restored alone: a note without the caveat (loading the dump records its own version)",
      base: BASE,
      head: { [REPLACE]: REPLACE_TEXT },
      removedOnBase: { [REPLACE]: { ...DELETION, content: REPLACE_TEXT } },
      findings: [{ path: REPLACE, line: 1, severity: "info", message: "restored with the text it had before" }],
    },
    {
      name: "golang-migrate: both halves of a deleted migration restored: one note, on the up",
      base: { "migrations/000001_create_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n", "migrations/000001_create_users.down.sql": "DROP TABLE users;\n" },
      head: { "migrations/000002_drop_legacy.up.sql": "DROP TABLE legacy;\n", "migrations/000002_drop_legacy.down.sql": "CREATE TABLE legacy (id bigint);\n" },
      removedOnBase: {
        "migrations/000002_drop_legacy.up.sql": { commit: "0d1e2f3a4b5c", content: "DROP TABLE legacy;\n" },
        "migrations/000002_drop_legacy.down.sql": { commit: "0d1e2f3a4b5c", content: "CREATE TABLE legacy (id bigint);\n" },
      },
      findings: [{ path: "migrations/000002_drop_legacy.up.sql", line: 1, severity: "info", message: "golang-migrate skips it there" }],
    },
  ],
  valid: [
    {
      name: "Rails: a long-lived branch's migration older than the dump's version, never on the base branch: new, no note (Rails runs every pending version)",
      base: BASE,
      head: { [STRIP]: STRIP_TEXT },
    },
    {
      name: "Rails: a deleted migration added again with other text: a new migration, no note",
      base: BASE,
      head: { [REPLACE]: REPLACE_TEXT.replace("NOT show_on_dashboard", "TRUE") },
      removedOnBase: { [REPLACE]: { ...DELETION, content: REPLACE_TEXT } },
    },
  ],
});
