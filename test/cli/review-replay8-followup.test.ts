/**
 * The false alarms the eighth independent replay (rapidpro, vita-min) found, each rebuilt in a small git
 * repository with release tags and reviewed through `migguard review` (issue #19).
 */
import { Repo } from "./support/git-repo.js";
import { djangoApp, reviewJson } from "./support/review-repo.js";

const createTable = `class CreateCampaignContact < ActiveRecord::Migration[7.1]\n  def change\n    create_table :campaign_contacts do |t|\n      t.string :email\n    end\n  end\nend\n`;
const users = `class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users\n  end\nend\n`;
const path = "db/migrate/20260108220043_create_campaign_contact.rb";

/** main: a first migration tagged `tag`, then the migration merged (tagged `shipped` when given); then a branch that deletes it. */
function revert(tag: string, shipped?: string): Repo {
  const repo = new Repo().write({ "db/migrate/20240101000000_create_users.rb": users }).commit("base");
  repo.git("tag", tag);
  repo.write({ [path]: createTable }).commit("merge");
  if (shipped) repo.git("tag", shipped);
  repo.git("checkout", "-q", "-b", "feature");
  return repo.remove(path).commit("Revert");
}

const deletedIn = (findings: Array<{ rule: string; severity: string; message: string; fix: string }>) => findings.filter((f) => f.rule === "deleted-migration");

const mig = (deps: string, sql = "UPDATE flows_flow SET activity = 0") => `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = [migrations.RunSQL("${sql}")]\n`;
// the replacement builds an index first: another file, not a rename of the deleted one
const activeIndex = `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [("flows", "0407_a")]\n\n    operations = [\n        migrations.RunSQL(\n            "CREATE INDEX CONCURRENTLY IF NOT EXISTS flows_flowrun_active ON flows_flowrun (flow_id) WHERE status IN ('A', 'W')",\n            "DROP INDEX CONCURRENTLY IF EXISTS flows_flowrun_active",\n        )\n    ]\n`;
const recount = `from django.db import migrations\n\n\ndef fix_counts(apps, schema_editor):  # pragma: no cover\n    Flow = apps.get_model("flows", "Flow")\n    for flow in Flow.objects.filter(is_active=True).only("id"):\n        flow.counts.filter(scope__startswith="status:").delete()\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("flows", "0408_flowrun_active_index")]\n\n    operations = [migrations.RunPython(fix_counts, migrations.RunPython.noop)]\n`;

/** rapidpro's flows app: 0408 merged (tagged `shipped` when given), then a branch that replaces it with another 0408 and a 0409. */
function replace0408(shipped?: string): Repo {
  const repo = new Repo().write(djangoApp("temba/flows", { "temba/flows/migrations/0407_a.py": mig("") })).commit("base");
  repo.git("tag", "v26.3.49");
  repo.write({ "temba/flows/migrations/0408_fix_activity_counts.py": mig('("flows", "0407_a")') }).commit("merge");
  if (shipped) repo.git("tag", shipped);
  repo.git("checkout", "-q", "-b", "feature");
  return repo.remove("temba/flows/migrations/0408_fix_activity_counts.py").write({ "temba/flows/migrations/0408_flowrun_active_index.py": activeIndex, "temba/flows/migrations/0409_fix_activity_counts.py": recount }).commit("replace");
}

describe("deleted-migration: a migration deleted before any release tag", () => {
  it("review: a create_table reverted minutes after its merge, in no version tag (vita-min f067826b9e): a note naming the newest tag", async () => {
    const { exitCode, findings } = await reviewJson(revert("version-7.71.130"));
    const deleted = deletedIn(findings);
    expect(deleted.map((f) => f.severity)).toEqual(["info"]);
    expect(deleted[0].message).toContain("in no version tag (the newest is version-7.71.130)");
    expect(deleted[0].fix).toContain("DELETE FROM schema_migrations WHERE version = '20260108220043';");
    expect(exitCode).toBe(0);
  });

  it("review: a release tag already contains it, or the tags are no versions: an error as before", async () => {
    expect(deletedIn((await reviewJson(revert("version-7.71.130", "version-7.71.131"))).findings).map((f) => f.severity)).toEqual(["error"]);
    expect(deletedIn((await reviewJson(revert("deployed"))).findings).map((f) => f.severity)).toEqual(["error"]);
  });

  it("review: a tag made after the deletion shipped the code without the file: still unreleased", async () => {
    const repo = revert("v1.0.0");
    // as in a replay of an old pull request: the next release was cut from the revert
    repo.git("tag", "v1.1.0");
    const deleted = deletedIn((await reviewJson(repo)).findings);
    expect(deleted.map((f) => f.severity)).toEqual(["info"]);
  });

  it("review: Django 0408 replaced by another 0408 before the next tag (rapidpro b1e19b1526): a note with the django_migrations row", async () => {
    const repo = replace0408();
    const all = (await reviewJson(repo)).findings;
    const deleted = deletedIn(all);
    expect(deleted.map((f) => f.severity)).toEqual(["info"]);
    expect(deleted[0].message).toContain("the newest is v26.3.49");
    expect(deleted[0].fix).toContain("DELETE FROM django_migrations WHERE app = 'flows' AND name = '0408_fix_activity_counts';");
  });
});

describe("deleted-migration: restoring a migration that another one replaced", () => {
  it("review: Django 0408 replaced after a release shipped it: an error whose fix restores it with a merge migration, and the restored app has one leaf again", async () => {
    const repo = replace0408("v26.3.50");
    const deleted = deletedIn((await reviewJson(repo)).findings);
    expect(deleted.map((f) => f.severity)).toEqual(["error"]);
    expect(deleted[0].fix).toContain("python manage.py makemigrations --merge");
    const code = deleted[0].fix.slice(deleted[0].fix.indexOf("from django.db import migrations"));
    expect(code).toContain('("flows", "0408_fix_activity_counts"),\n        ("flows", "0409_fix_activity_counts"),');
    // apply the fix: the file back from main, and the merge migration it gives
    repo.git("checkout", "main", "--", "temba/flows/migrations/0408_fix_activity_counts.py");
    repo.write({ "temba/flows/migrations/0410_merge.py": `${code}\n` });
    const after = (await reviewJson(repo)).findings;
    expect(after.filter((f) => ["deleted-migration", "conflicting-django-migrations"].includes(f.rule) || f.severity === "error")).toEqual([]);
  });
});

describe("deleted-migration: a Rails version that comes back under another name", () => {
  it("review: a released migration deleted and its version reused by a new file: the fix says not to restore it beside the new one", async () => {
    const repo = revert("version-7.71.130", "version-7.71.131");
    const other = "db/migrate/20260108220043_create_campaign_contacts_with_state.rb";
    repo.write({ [other]: `class CreateCampaignContactsWithState < ActiveRecord::Migration[7.1]\n  def change\n    add_column :users, :campaign_state, :integer, null: false, default: 0\n    add_index :users, :campaign_state, algorithm: :concurrently\n  end\nend\n` }).commit("again");
    const deleted = deletedIn((await reviewJson(repo)).findings);
    expect(deleted.map((f) => f.severity)).toEqual(["error"]);
    expect(deleted[0].fix).toContain(`${other} reuses version 20260108220043`);
    expect(deleted[0].fix).toContain("DuplicateMigrationVersionError");
  });
});

describe("renamed-migration: a migration renamed before any release tag", () => {
  const renamed = "db/migrate/20260110090000_create_campaign_contact.rb";
  /** main: a first migration tagged `tag`, then the migration merged (tagged `shipped` when given); then a branch that renumbers it. */
  function renumber(tag: string, shipped?: string): Repo {
    const repo = new Repo().write({ "db/migrate/20240101000000_create_users.rb": users }).commit("base");
    repo.git("tag", tag);
    repo.write({ [path]: createTable }).commit("merge");
    if (shipped) repo.git("tag", shipped);
    repo.git("checkout", "-q", "-b", "feature");
    repo.git("mv", path, renamed);
    return repo.commit("renumber");
  }
  const renamedIn = (findings: Array<{ rule: string; severity: string; message: string; fix: string }>) => findings.filter((f) => f.rule === "renamed-migration");

  it("review: in no version tag, a note whose fix moves the schema_migrations row on the databases that ran it", async () => {
    const { exitCode, findings } = await reviewJson(renumber("version-7.71.130"));
    const found = renamedIn(findings);
    expect(found.map((f) => f.severity)).toEqual(["info"]);
    expect(found[0].message).toContain("before any release: the commit that added it to the base branch is in no version tag (the newest is version-7.71.130)");
    expect(found[0].fix).toContain("UPDATE schema_migrations SET version = '20260110090000' WHERE version = '20260108220043';");
    expect(exitCode).toBe(0);
  });

  it("review: once a version tag shipped it, the error as before", async () => {
    expect(renamedIn((await reviewJson(renumber("version-7.71.130", "version-7.71.131"))).findings).map((f) => f.severity)).toEqual(["error"]);
  });
});
