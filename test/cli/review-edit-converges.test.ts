/**
 * A merged migration edited on purpose (manyfold's PR #5183, replay 30): `default:` taken out of old json
 * add_column calls, because MySQL rejects a literal default on a json column, with the default moved into the
 * model. Reverting the edit breaks fresh MySQL installs and helps no database that already ran the old version,
 * so the finding names the difference and converges those databases in a new migration; a default on a nullable
 * column is a warning, NOT NULL an error. Reviewed through the CLI on a small git repository.
 */
import { checkFixSyntax, loadFixParsers } from "../../src/engine/testing/fix-syntax.js";
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const migration = (name: string, body: string, rails = "7.0") => `class ${name} < ActiveRecord::Migration[${rails}]\n  def change\n    ${body}\n  end\nend\n`;
const tour = "db/migrate/20251027152904_add_tour_state_to_users.rb";
const pagination = "db/migrate/20220617122809_add_pagination_settings_to_user.rb";
const base = {
  "db/migrate/20220101000000_create_users.rb": migration("CreateUsers", "create_table :users"),
  [pagination]: migration("AddPaginationSettingsToUser", "add_column :users, :pagination_settings, :json, default: SiteSettings::UserDefaults::PAGINATION"),
  [tour]: migration("AddTourStateToUsers", "add_column :users, :tour_state, :json, default: {completed: []}", "8.0"),
  "db/migrate/20251101000000_add_role_to_users.rb": migration("AddRoleToUsers", 'add_column :users, :role, :string, default: "member"', "8.0"),
};

beforeAll(loadFixParsers);

describe("an edit of a merged migration's column default", () => {
  it("default: taken out of json add_column calls: a warning per migration naming the default, fixed by a new migration that drops it where it ran", async () => {
    const repo = featureBranchOn(base);
    repo
      .write({
        [pagination]: migration("AddPaginationSettingsToUser", "add_column :users, :pagination_settings, :json"),
        [tour]: migration("AddTourStateToUsers", "add_column :users, :tour_state, :json", "8.0"),
      })
      .commit("Move JSON defaults out of migrations into user model");
    const { exitCode, findings } = await reviewJson(repo);
    const edited = findings.filter((f) => f.rule === "edited-migration");
    expect(edited.map((f) => [f.path, f.line, f.severity])).toEqual([
      [pagination, 3, "warning"],
      [tour, 3, "warning"],
    ]);
    expect(exitCode).toBe(0);
    expect(edited[0].message).toContain("removes the column default `SiteSettings::UserDefaults::PAGINATION` of users.pagination_settings");
    expect(edited[1].message).toContain("removes the column default `{completed: []}` of users.tour_state");
    // one new migration each, after the folder's newest and after each other; the revert names the real base
    expect(edited[0].fix).toContain("db/migrate/20251101000001_align_add_pagination_settings_to_user.rb");
    expect(edited[0].fix).toContain("change_column_default :users, :pagination_settings, from: SiteSettings::UserDefaults::PAGINATION, to: nil");
    expect(edited[1].fix).toContain("db/migrate/20251101000002_align_add_tour_state_to_users.rb");
    expect(edited[1].fix).toContain("class AlignAddTourStateToUsers < ActiveRecord::Migration[8.0]\n  def change\n    change_column_default :users, :tour_state, from: {completed: []}, to: nil\n  end\nend");
    for (const f of edited) {
      expect(f.fix).toContain(`git checkout main -- ${f.path}`);
      expect(f.fix).not.toMatch(/<base>|<this file>/);
      expect(checkFixSyntax("ruby", f.fix)).toEqual({ ok: true });
    }
  });

  it("null: false added with the default taken out: an error that says so, fixed with change_column_null", async () => {
    const repo = featureBranchOn(base);
    repo.write({ "db/migrate/20251101000000_add_role_to_users.rb": migration("AddRoleToUsers", "add_column :users, :role, :string, null: false", "8.0") }).commit("role required");
    const { exitCode, findings } = await reviewJson(repo);
    const [edited] = findings.filter((f) => f.rule === "edited-migration");
    expect(exitCode).toBe(1);
    expect(edited.severity).toBe("error");
    expect(edited.message).toContain("makes users.role NOT NULL");
    expect(edited.message).toContain("removes the column default `'member'` of users.role");
    expect(edited.fix).toContain("change_column_null :users, :role, false");
    expect(edited.fix).toContain("change_column_default :users, :role, from: 'member', to: nil");
    expect(checkFixSyntax("ruby", edited.fix)).toEqual({ ok: true });
  });
});
