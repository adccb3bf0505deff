/**
 * The false alarms the seventh independent replay (alphagov/publishing-api, uktrade/data-hub-api) left at main,
 * each rebuilt in a small git repository and reviewed through `migguard review` (issue #19).
 */
import { execFileSync } from "node:child_process";
import { GIT_ENV, Repo } from "./support/git-repo.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

/** publishing-api's 2022 data migration, before and after rubocop-govuk's Rails/FindEach autocorrect. */
const dedupe = (iterate: string, body = `Edition.where(base_path: org.base_path, document_type: "about", state: "draft").delete_all`) =>
  `class RemoveDuplicateWorldwideOrganisation < ActiveRecord::Migration[7.0]
  def up
    Edition.where(document_type: "worldwide_organisation")${iterate} do |org|
      ${body}
    end
  end
end
`;
const dedupePath = "db/migrate/20221108113755_remove_duplicate_worldwide_organisation.rb";

/** A Rails backfill written with update_all, as `how` batches it. */
const backfill = (how: string) => `class BackfillLocale < ActiveRecord::Migration[7.1]
  def up
    User.where(locale: nil)${how}
  end

  def down; end
end
`;
const backfillPath = "db/migrate/20240101000000_backfill_locale.rb";

/** data-hub-api's 2018 data migration, before and after the Django 5 port added output_field to Func. */
const renamePermissions = (func: string, loop = "") => `from django.db import migrations
from django.db.models import CharField, F, Func, Value
from django.db.models.functions import Cast, Concat


def rename_read_permissions(apps, schema_editor):
    permission_model = apps.get_model('auth', 'Permission')

    permission_model.objects.filter(codename__istartswith='read_').update(
        codename=Concat(Value('view_'), ${func}),
    )
${loop}

class Migration(migrations.Migration):
    dependencies = [('core', '0002_update_lep_da_groups')]

    operations = [
        migrations.RunPython(rename_read_permissions, elidable=True),
    ]
`;
const permissionsPath = "core/migrations/0003_rename_read_permissions.py";
const loop = (iterate: string, body = "permission.name = permission.name.replace('read', 'view')") =>
  `    for permission in permission_model.objects.filter(name__istartswith='Can read ')${iterate}:\n        ${body}\n        permission.save()\n`;

async function editedMigration(files: Record<string, string>, edited: Record<string, string>) {
  const repo = featureBranchOn(files);
  repo.write(edited).commit("edit");
  const { exitCode, findings } = await reviewJson(repo);
  return { exitCode, edits: findings.filter((f) => f.rule === "edited-migration") };
}

describe("edited-migration: an edit that only changes how data code walks the rows", () => {
  it("Rails: .each -> .find_each (rubocop's Rails/FindEach) deletes the same rows: a note that says so, and the check passes", async () => {
    const { exitCode, edits } = await editedMigration({ [dedupePath]: dedupe(".each") }, { [dedupePath]: dedupe(".find_each") });
    expect(edits.map((f) => [f.severity, f.line])).toEqual([["info", 3]]);
    expect(edits[0].message).toContain("`.each` → `.find_each`");
    expect(exitCode).toBe(0);
  });

  it("Rails: .all.each -> .in_batches(of: 500).each_record, and update_all -> in_batches.update_all, are batching too", async () => {
    const allEach = await editedMigration({ [backfillPath]: backfill(".all.each { |u| u.update!(locale: \"en\") }") }, { [backfillPath]: backfill(".in_batches(of: 500).each_record { |u| u.update!(locale: \"en\") }") });
    expect(allEach.edits.map((f) => f.severity)).toEqual(["info"]);
    const bulk = await editedMigration({ [backfillPath]: backfill('.update_all(locale: "en")') }, { [backfillPath]: backfill('.in_batches(of: 10_000) { |batch| batch.update_all(locale: "en") }') });
    expect(bulk.edits.map((f) => f.severity)).toEqual(["info"]);
  });

  it("Rails: batching plus another block body, or find_each over an ordered relation (it ignores the order), is a data change", async () => {
    const body = await editedMigration({ [dedupePath]: dedupe(".each") }, { [dedupePath]: dedupe(".find_each", `Edition.where(base_path: org.base_path, state: "draft").delete_all`) });
    expect(body.edits.map((f) => f.severity)).toEqual(["warning"]);
    const ordered = await editedMigration({ [dedupePath]: dedupe(".order(:created_at).each") }, { [dedupePath]: dedupe(".order(:created_at).find_each") });
    expect(ordered.edits.map((f) => f.severity)).toEqual(["warning"]);
    const other = await editedMigration({ [backfillPath]: backfill('.update_all(locale: "en")') }, { [backfillPath]: backfill('.in_batches { |batch| batch.delete_all }') });
    expect(other.edits.map((f) => f.severity)).toEqual(["warning"]);
  });

  it("Django: output_field= added to a Func (the Django 5 port of data-hub-api) and .iterator() on a loop's queryset run the same SQL: a note", async () => {
    const app = (text: string) => djangoApp("core", { [permissionsPath]: text });
    const func = "Func(F('codename'), -5, function='right')";
    const typed = "Func(F('codename'), -5, function='right', output_field=CharField())";
    const port = await editedMigration(app(renamePermissions(func)), app(renamePermissions(typed)));
    expect(port.edits.map((f) => f.severity)).toEqual(["info"]);
    expect(port.edits[0].message).toContain("output_field");
    expect(port.exitCode).toBe(0);
    const iterator = await editedMigration(app(renamePermissions(func, loop(".all()"))), app(renamePermissions(func, loop(".iterator(chunk_size=2000)"))));
    expect(iterator.edits.map((f) => f.severity)).toEqual(["info"]);
  });

  it("Django: output_field of a Cast is the type it casts to, and a changed loop body is other work: data changes", async () => {
    const app = (text: string) => djangoApp("core", { [permissionsPath]: text });
    const cast = await editedMigration(app(renamePermissions("Cast(F('id'), output_field=CharField())")), app(renamePermissions("Cast(F('id'), output_field=CharField(max_length=3))")));
    expect(cast.edits.map((f) => f.severity)).toEqual(["warning"]);
    const body = await editedMigration(app(renamePermissions("F('codename')", loop(".all()"))), app(renamePermissions("F('codename')", loop(".iterator()", "permission.name = permission.name.upper()"))));
    expect(body.edits.map((f) => f.severity)).toEqual(["warning"]);
  });
});

describe("irreversible-migration: an up-only Rails data migration", () => {
  const migration = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[7.1]\n  def up\n    ${body}\n  end\nend\n`;

  it("review: find_each(&:substitute) without a down is one-way data work, its rollback runs nothing: a note, the check passes", async () => {
    const repo = featureBranchOn({ "db/migrate/20240101000000_create_editions.rb": migration("CreateEditions", "create_table :editions") });
    repo.write({ "db/migrate/20240220153403_remove_worldwide_offices.rb": migration("RemoveWorldwideOffices", 'Edition.where(document_type: "worldwide_office").find_each(&:substitute)') }).commit("pr");
    const { exitCode, findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "irreversible-migration").map((f) => f.severity)).toEqual(["info"]);
    expect(exitCode).toBe(0);
  });

  it("review: destroy_all without a down: a warning that the rows are deleted with no copy, whose fix copies the table in Ruby", async () => {
    const repo = featureBranchOn({ "db/migrate/20240101000000_create_editions.rb": migration("CreateEditions", "create_table :editions") });
    repo.write({ "db/migrate/20250828082024_delete_history_editions.rb": migration("DeleteHistoryEditions", 'Edition.where(document_type: "history").destroy_all') }).commit("pr");
    const { findings } = await reviewJson(repo);
    const irreversible = findings.filter((f) => f.rule === "irreversible-migration");
    expect(irreversible.map((f) => f.severity)).toEqual(["warning"]);
    expect(irreversible[0].message).toContain("keeps no copy");
    expect(irreversible[0].fix).toContain('execute "CREATE TABLE editions_backup_20250828082024 AS TABLE editions"');
  });
});

describe("deleted-migration: a quick revert of environment-only work", () => {
  const enable = `class EnablePgStatStatements < ActiveRecord::Migration[7.1]\n  def change\n    enable_extension "pg_stat_statements"\n  end\nend\n`;
  const addColumn = `class AddLocale < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :locale, :string\n  end\nend\n`;
  const path = "db/migrate/20240209150818_enable_pg_stat_statements.rb";

  /** main: a first migration, then `files` merged at `mergedAt` (committer date); then a branch that deletes `deleted`. */
  function revert(files: Record<string, string>, deleted: string, mergedAt?: string): Repo {
    const repo = new Repo().write({ "db/migrate/20240101000000_create_users.rb": `class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users\n  end\nend\n` }).commit("base");
    repo.write(files);
    repo.git("add", "-A");
    execFileSync("git", ["commit", "-q", "-m", "merge"], { cwd: repo.root, env: { ...GIT_ENV, ...(mergedAt ? { GIT_COMMITTER_DATE: mergedAt, GIT_AUTHOR_DATE: mergedAt } : {}) } });
    repo.git("checkout", "-q", "-b", "feature");
    return repo.remove(deleted).commit("Revert");
  }

  it("review: enable_extension merged minutes ago and deleted again (publishing-api 7ab431cdba): a warning naming the cleanup, not an error", async () => {
    const { exitCode, findings } = await reviewJson(revert({ [path]: enable }, path));
    const deleted = findings.filter((f) => f.rule === "deleted-migration");
    expect(deleted.map((f) => f.severity)).toEqual(["warning"]);
    expect(deleted[0].message).toContain("environment-only (`enable_extension \"pg_stat_statements\"`)");
    expect(deleted[0].fix).toContain("DROP EXTENSION IF EXISTS pg_stat_statements;");
    expect(exitCode).toBe(0);
  });

  it("review: the same deletion of a migration merged years ago, or of a quick revert that added a column, stays an error", async () => {
    const old = await reviewJson(revert({ [path]: enable }, path, "2020-01-01T00:00:00Z"));
    expect(old.findings.filter((f) => f.rule === "deleted-migration").map((f) => f.severity)).toEqual(["error"]);
    const columnPath = "db/migrate/20240209150818_add_locale.rb";
    const column = await reviewJson(revert({ [columnPath]: addColumn }, columnPath));
    expect(column.findings.filter((f) => f.rule === "deleted-migration").map((f) => f.severity)).toEqual(["error"]);
  });
});
