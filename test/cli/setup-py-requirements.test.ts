/**
 * `migguard lint` on a Django project whose only dependency file is a setup.py like galaxy_ng's: install_requires is a
 * module-level list with one entry built at run time (an f-string naming a git branch) and replaced in a branch.
 * Its literal entries still say which Django the project runs (5.2 here), so the fix of a NOT NULL column filled
 * only by `default=` is Django 5's db_default=.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; rule: string; fix?: string };

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Campaign", fields=[("id", models.AutoField(primary_key=True, serialize=False)), ("title", models.CharField(max_length=255))]),
    ]
`;

const ADD_HINT = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("campaign", "0001_initial")]
    operations = [
        migrations.AddField(model_name="campaign", name="request_hint", field=models.TextField(blank=True)),
    ]
`;

const SETUP_PY = `import os

from setuptools import find_packages, setup

branch = os.getenv("DAB_BRANCH", "devel")
dab = f"django-ansible-base @ git+https://github.com/ansible/django-ansible-base@{branch}"

requirements = [
    "django>=5.2.12,<5.3",
    "psycopg>=3.1",
    dab,
]

if os.getenv("LOCK_REQUIREMENTS") == "0":
    requirements = [req.split(">")[0] for req in requirements]

setup(name="site", packages=find_packages(), install_requires=requirements)
`;

const HINT = "campaign/migrations/0002_campaign_request_hint.py";

describe("setup.py's install_requires with a computed entry (galaxy_ng)", () => {
  it("its literal entries give the Django version: the fix is db_default=", async () => {
    const files = {
      "setup.py": SETUP_PY,
      "campaign/migrations/0001_initial.py": INITIAL,
      [HINT]: ADD_HINT,
      "campaign/models.py": `from django.db import models\n\n\nclass Campaign(models.Model):\n    title = models.CharField(max_length=255)\n    request_hint = models.TextField(blank=True)\n`,
    };
    const { output } = await run(["lint", "--format", "json", "."], { cwd: fileTree(files, "migguard-setup-py-requirements-") });
    const finding = (JSON.parse(output) as { findings: Finding[] }).findings.find((f) => f.path === HINT && f.rule === "required-column-without-default");
    expect(finding?.fix).toContain('field=models.TextField(blank=True, db_default=""))');
    expect(finding?.fix).not.toContain("on Django 5.0+");
  });
});
