/**
 * `migguard review` when the newest version tag lies years behind the branch (lego: v1.0.0 of 2017, deployed from master
 * by Drone ever since): the tags were left behind, the branch itself is deployed, and everything merged counts as
 * shipped. A field removed from a model a 2024 migration created is a drop-column finding of its own severity, not
 * a note that "no release has it yet" (lego 4e9136587a's lending 0007); a deleted migration is `deleted-migration`'s
 * error, not "deleted before any release". A tag under a year old keeps saying what shipped.
 */
import { execFileSync } from "node:child_process";
import { GIT_ENV, type Repo } from "./support/git-repo.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Account", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("email", models.TextField())]),
    ]
`;
// no makemigrations header: undated, so only git and the tags date it
const lendingRequest = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("lending", "0001_initial")]
    operations = [
        migrations.CreateModel(name="LendingRequest", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("text", models.TextField())]),
    ]
`;
const removeText = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("lending", "0002_lendingrequest")]
    operations = [
        migrations.RemoveField(model_name="lendingrequest", name="text"),
    ]
`;

/** Commit everything at `date` (author and committer). */
function commitAt(repo: Repo, message: string, date: string): void {
  repo.git("add", "-A");
  execFileSync("git", ["commit", "-q", "-m", message], { cwd: repo.root, env: { ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
}

/** main: 0001 committed and tagged v1.0.0 at `taggedAt`, 0002 (LendingRequest) in 2024-03; the branch (2025-09) does `change`. */
function repoWith(taggedAt: string, change: (repo: Repo) => void): Repo {
  const repo = featureBranchOn({ "README.md": "app\n" });
  repo.git("checkout", "-q", "main");
  repo.write(djangoApp("lending", { "lending/migrations/0001_initial.py": initial }));
  commitAt(repo, "lending", taggedAt);
  repo.git("tag", "v1.0.0");
  repo.write({ "lending/migrations/0002_lendingrequest.py": lendingRequest });
  commitAt(repo, "lending requests", "2024-03-01T10:00:00Z");
  repo.git("checkout", "-q", "-B", "feature");
  change(repo);
  commitAt(repo, "the change", "2025-09-11T10:00:00Z");
  return repo;
}

const removesText = (repo: Repo) => void repo.write({ "lending/migrations/0003_remove_lendingrequest_text.py": removeText });
const deletes0002 = (repo: Repo) => void repo.remove("lending/migrations/0002_lendingrequest.py");

describe("review: a newest version tag years behind the branch is no evidence of what shipped", () => {
  it("v1.0.0 eight years before the change: the removed field of a 2024 table is a drop-column warning or error, no unreleased note", async () => {
    const drops = (await reviewJson(repoWith("2017-10-20T06:43:25+02:00", removesText))).findings.filter((f) => f.rule === "drop-column");
    expect(drops.map((f) => [f.path, f.line])).toEqual([["lending/migrations/0003_remove_lendingrequest_text.py", 7]]);
    expect(drops[0].severity).not.toBe("info");
    expect(drops[0].message).not.toContain("newest version tag");
  });

  it("v1.0.0 eight months before the change: releases still happen, the table no release has is a note naming the tag", async () => {
    const drops = (await reviewJson(repoWith("2025-01-15T10:00:00Z", removesText))).findings.filter((f) => f.rule === "drop-column");
    expect(drops.map((f) => [f.line, f.severity])).toEqual([[7, "info"]]);
    expect(drops[0].message).toContain("after v1.0.0, the newest version tag, and no release has it yet");
  });

  it("a deleted migration added years after the newest tag: production ran it, deleted-migration's error", async () => {
    const deleted = (await reviewJson(repoWith("2017-10-20T06:43:25+02:00", deletes0002))).findings.filter((f) => f.rule === "deleted-migration");
    expect(deleted.map((f) => [f.path, f.severity])).toEqual([["lending/migrations/0002_lendingrequest.py", "error"]]);
    expect(deleted[0].message).not.toContain("before any release");
  });

  it("the same deletion under a year after the tag: deleted before any release, a note", async () => {
    const deleted = (await reviewJson(repoWith("2025-01-15T10:00:00Z", deletes0002))).findings.filter((f) => f.rule === "deleted-migration");
    expect(deleted.map((f) => [f.path, f.severity])).toEqual([["lending/migrations/0002_lendingrequest.py", "info"]]);
    expect(deleted[0].message).toContain("before any release");
  });
});
