/**
 * A vendored Django app replaced by the package it was copied from (galaxy_ng fdfbee475d, replay 37): the copy in
 * galaxy_ng/_vendor/automated_logging deleted with its migrations, django-automated-logging added to setup.py. The
 * package ships the same migrations under the same label: a note naming it. Without the dependency: the error stays.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Application", fields=[("id", models.AutoField(primary_key=True))]),
    ]
`;
const setup = (requirement: string) => `from setuptools import setup\n\nrequirements = [\n    "django-crum==0.7.9",\n${requirement}]\n\nsetup(name="galaxy-ng", install_requires=requirements)\n`;
const vendored = {
  "galaxy_ng/__init__.py": "",
  "galaxy_ng/_vendor/__init__.py": "",
  "galaxy_ng/_vendor/automated_logging/__init__.py": "",
  "galaxy_ng/_vendor/automated_logging/migrations/__init__.py": "",
  "galaxy_ng/_vendor/automated_logging/migrations/0001_initial.py": initial,
};
type Finding = { rule: string; severity: string; message: string };

describe("review: a vendored Django app replaced by its package", () => {
  it("the package added to setup.py: a note naming it", async () => {
    const repo = featureBranchOn({ ...vendored, "setup.py": setup("") });
    for (const path of Object.keys(vendored).filter((p) => p.includes("_vendor/"))) repo.remove(path);
    repo.write({ "setup.py": setup('    "django-automated-logging~=6.2",\n') }).commit("stop vendoring");
    const deleted = ((await reviewJson(repo)).findings as Finding[]).filter((f) => f.rule === "deleted-migration");
    expect(deleted).toHaveLength(1);
    expect(deleted[0].severity).toBe("info");
    expect(deleted[0].message).toContain("this change adds the package django-automated-logging (setup.py)");
  });

  it("no dependency declares it: the error stays", async () => {
    const repo = featureBranchOn({ ...vendored, "setup.py": setup("") });
    for (const path of Object.keys(vendored).filter((p) => p.includes("_vendor/"))) repo.remove(path);
    repo.write({ "setup.py": setup('    "django-auditlog>=3",\n') }).commit("stop vendoring");
    const deleted = ((await reviewJson(repo)).findings as Finding[]).filter((f) => f.rule === "deleted-migration");
    expect(deleted.map((f) => f.severity)).toEqual(["error"]);
  });
});
