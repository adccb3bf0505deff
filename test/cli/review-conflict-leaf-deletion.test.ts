/**
 * `migguard review` of a deleted Django migration that was one leaf of a conflict on the base branch (lego 0e4fcc7e14:
 * the command palette's users 0050_user_command_suggestions, on 0049, merged after 0050_alter_membership_role... -> 0051
 * of the same parent, then reverted): `manage.py migrate` refused to run from its merge on, so no database that follows
 * the branch ran it, and deleting it resolves the conflict: a note, not deleted-migration's error. When it reached the
 * branch before the other line, a deploy may have applied it: the error stays. The commits that added them say which came first.
 */
import { execFileSync } from "node:child_process";
import { GIT_ENV, type Repo } from "./support/git-repo.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const dir = "users/migrations";
const addField = (dependencies: string, field: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [${dependencies}]
    operations = [
        migrations.AddField(model_name="user", name="${field}", field=models.TextField(null=True)),
    ]
`;
const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="User", fields=[("id", models.BigAutoField(primary_key=True, serialize=False))]),
    ]
`;
const palette = `${dir}/0002_user_command_suggestions.py`;
const otherLine = {
  first: { [`${dir}/0002_alter_role.py`]: addField('("users", "0001_initial")', "role") },
  second: { [`${dir}/0003_alter_role_again.py`]: addField('("users", "0002_alter_role")', "role_again") },
};

/** Commit everything at `date` (author and committer). */
function commitAt(repo: Repo, message: string, date: string): void {
  repo.git("add", "-A");
  execFileSync("git", ["commit", "-q", "-m", message], { cwd: repo.root, env: { ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
}

/** main: 0001, then the other line (0002_alter_role, 0003) and the palette's 0002 on 0001, `paletteFirst` or last; the branch deletes the palette's. */
function repoWith(paletteFirst: boolean): Repo {
  const repo = featureBranchOn({ "README.md": "app\n" });
  repo.git("checkout", "-q", "main");
  repo.write(djangoApp("users", { [`${dir}/0001_initial.py`]: initial }));
  commitAt(repo, "users", "2025-09-01T10:00:00Z");
  const addPalette = (date: string) => {
    repo.write({ [palette]: addField('("users", "0001_initial")', "command_suggestions") });
    commitAt(repo, "command palette", date);
  };
  if (paletteFirst) addPalette("2025-09-20T10:00:00Z");
  repo.write(otherLine.first);
  commitAt(repo, "roles", "2025-10-01T10:00:00Z");
  repo.write(otherLine.second);
  commitAt(repo, "more roles", "2025-10-06T10:00:00Z");
  if (!paletteFirst) addPalette("2025-10-08T10:00:00Z");
  repo.git("checkout", "-q", "-B", "feature");
  repo.remove(palette);
  commitAt(repo, 'Revert "command palette"', "2025-10-08T11:00:00Z");
  return repo;
}

const deletions = async (paletteFirst: boolean) => (await reviewJson(repoWith(paletteFirst))).findings.filter((f) => f.rule === "deleted-migration");

describe("review: a deleted Django migration that was one leaf of a conflict on the base branch", () => {
  it("merged after the other line: migrate refused to run since, no database ran it, a note that the deletion resolves the conflict", async () => {
    const [finding, ...rest] = await deletions(false);
    expect(rest).toEqual([]);
    expect([finding.path, finding.severity]).toEqual([palette, "info"]);
    expect(finding.message).toContain("it was a leaf node of the users migrations beside 0003_alter_role_again, with no merge migration joining them");
    expect(finding.message).toContain("`manage.py migrate` refused to run");
    expect(finding.fix).toContain("keep it deleted");
    expect(finding.fix).toContain("DELETE FROM django_migrations WHERE app = 'users' AND name = '0002_user_command_suggestions';");
  });

  it("merged before the other line: a deploy may have applied it before the conflict appeared, deleted-migration's error", async () => {
    const found = await deletions(true);
    expect(found.map((f) => [f.path, f.severity])).toEqual([[palette, "error"]]);
    expect(found[0].message).not.toContain("leaf node");
  });
});
