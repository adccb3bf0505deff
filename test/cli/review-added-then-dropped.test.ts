/**
 * A column one pull request adds in one migration and drops in a later one: no deployed code ever saw it (the
 * servers running when the change deploys started before it existed) and it holds only what the change wrote, so
 * the drop loses nothing and breaks no old server. `migguard review` reads both as steps of one change.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const createUsers = `class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n`;
const addNickname = `class AddNicknameToUsers < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :nickname, :string\n  end\nend\n`;
const removeNickname = `class RemoveNicknameFromUsers < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :nickname, :string\n  end\nend\n`;
const renameNickname = `class RenameNickname < ActiveRecord::Migration[7.1]\n  def change\n    rename_column :users, :nickname, :handle\n  end\nend\n`;
const removeHandle = `class RemoveHandleFromUsers < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :handle, :string\n  end\nend\n`;
const model = "class User < ApplicationRecord\nend\n";

/** The errors and warnings about dropping or removing (notes aside). */
const dropFindings = (findings: Array<{ rule: string; severity: string; path: string }>) =>
  findings.filter((f) => /drop|remove-column/.test(f.rule) && f.severity !== "info").map((f) => `${f.severity} ${f.rule}`);

describe("review: a column added and dropped within one pull request", () => {
  it("Rails: add_column in one migration, remove_column in a later one: no data-loss or old-code finding", async () => {
    const repo = featureBranchOn({ "db/migrate/20240101000000_create_users.rb": createUsers, "app/models/user.rb": model });
    repo.write({ "db/migrate/20240201000000_add_nickname_to_users.rb": addNickname, "db/migrate/20240202000000_remove_nickname_from_users.rb": removeNickname }).commit("try a nickname, then not");
    const { exitCode, findings } = await reviewJson(repo);
    expect(dropFindings(findings)).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("Rails: followed through a rename in between (nickname -> handle, then handle dropped)", async () => {
    const repo = featureBranchOn({ "db/migrate/20240101000000_create_users.rb": createUsers, "app/models/user.rb": model });
    repo
      .write({
        "db/migrate/20240201000000_add_nickname_to_users.rb": addNickname,
        "db/migrate/20240202000000_rename_nickname.rb": renameNickname,
        "db/migrate/20240203000000_remove_handle_from_users.rb": removeHandle,
      })
      .commit("nickname, renamed, dropped");
    expect(dropFindings((await reviewJson(repo)).findings)).toEqual([]);
  });

  it("Rails: the column came from an earlier merge (the base branch has it): the drop stays an error", async () => {
    const repo = featureBranchOn({ "db/migrate/20240101000000_create_users.rb": createUsers, "db/migrate/20240201000000_add_nickname_to_users.rb": addNickname, "app/models/user.rb": model });
    repo.write({ "db/migrate/20240202000000_remove_nickname_from_users.rb": removeNickname }).commit("drop nickname");
    const { exitCode, findings } = await reviewJson(repo);
    // one finding for the remove_column: the ignored-columns error carries the empty rollback too (remove-column-in-change folds into it)
    expect(dropFindings(findings)).toEqual(expect.arrayContaining(["error remove-column-without-ignored-columns"]));
    expect(exitCode).toBe(1);
  });

  it("SQL: ADD COLUMN in one migration, DROP COLUMN in the next: no drop-column error or warning", async () => {
    const repo = featureBranchOn({ "migrations/001_users.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n" });
    repo.write({ "migrations/002_add_nickname.sql": "ALTER TABLE users ADD COLUMN nickname text;\n", "migrations/003_drop_nickname.sql": "ALTER TABLE users DROP COLUMN nickname;\n" }).commit("nickname, then not");
    const { findings } = await reviewJson(repo);
    expect(dropFindings(findings)).toEqual([]);
  });

  describe("Django: a NOT NULL field added and removed again by a later migration of the pull request (bluebottle activity_pub 0081, 0084)", () => {
    const djangoMigration = (after: string | undefined, operations: string) =>
      `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n\n    dependencies = [${after ? `("pub", "${after}")` : ""}]\n\n    operations = [\n        ${operations},\n    ]\n`;
    const base = djangoApp("pub", {
      "pub/migrations/0001_initial.py": djangoMigration(undefined, `migrations.CreateModel(name="Cancel", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False))])`),
    });
    const addTransitioned = djangoMigration("0001_initial", `migrations.AddField(model_name="cancel", name="transitioned", field=models.BooleanField(default=False))`);
    const required = (findings: Array<{ rule: string; severity: string }>) => findings.filter((f) => f.rule === "required-column-without-default" && f.severity !== "info");

    it("dropped again: no required-column-without-default", async () => {
      const repo = featureBranchOn(base);
      repo
        .write({ "pub/migrations/0002_cancel_transitioned.py": addTransitioned, "pub/migrations/0003_remove_cancel_transitioned.py": djangoMigration("0002_cancel_transitioned", `migrations.RemoveField(model_name="cancel", name="transitioned")`) })
        .commit("transitioned, then not");
      expect(required((await reviewJson(repo)).findings)).toEqual([]);
    });

    it("kept: the finding stays", async () => {
      const repo = featureBranchOn(base);
      repo.write({ "pub/migrations/0002_cancel_transitioned.py": addTransitioned }).commit("transitioned");
      expect(required((await reviewJson(repo)).findings)).toHaveLength(1);
    });
  });
});
