/**
 * `migguard lint` on a project whose compose file lives in a container folder under a name of its own (IntelOwl's
 * docker/default.yml, passed to `docker compose -f`) and whose service's `entrypoint:` runs a script one folder down
 * (docker/entrypoints/uwsgi.sh: `manage.py migrate`, then uwsgi): the lock finding is a note naming the script's line;
 * the same file with two replicas keeps the error, and a development-named file there decides nothing.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const compose = (replicas: number) =>
  [
    "services:",
    "  uwsgi:",
    "    image: example/app:6",
    "    entrypoint:",
    "      - ./docker/entrypoints/uwsgi.sh",
    "    deploy:",
    `      replicas: ${replicas}`,
    "  worker:",
    "    image: example/app:6",
    "    entrypoint:",
    "      - ./docker/entrypoints/worker.sh",
    "",
  ].join("\n");
const uwsgi = ["#!/bin/bash", "python manage.py collectstatic --noinput", "python manage.py migrate", "/usr/local/bin/uwsgi --ini /etc/uwsgi/app.ini", ""].join("\n");
const worker = ["#!/bin/bash", "exec celery -A app worker", ""].join("\n");
const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Job", fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=50))]),
    ]
`;
const change = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [
        migrations.AddIndex(model_name="job", index=models.Index(fields=["name"], name="job_name_idx")),
    ]
`;
const MIGRATION = "core/migrations/0002_job_name.py";
const app = (composeFile: string, replicas: number) =>
  new Repo()
    .write({
      "manage.py": "import django\n",
      "core/__init__.py": "",
      "core/migrations/__init__.py": "",
      "core/migrations/0001_initial.py": initial,
      [MIGRATION]: change,
      "docker/Dockerfile": "FROM python:3.12\nCOPY . /opt/app\n",
      [composeFile]: compose(replicas),
      "docker/entrypoints/uwsgi.sh": uwsgi,
      "docker/entrypoints/worker.sh": worker,
    })
    .commit("app");
const indexFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
};

describe("a compose file in a container folder, through the CLI", () => {
  it("lint: docker/default.yml's entrypoint script migrates then serves: a note naming the script's line", async () => {
    const repo = app("docker/default.yml", 1);
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (docker/entrypoints/uwsgi.sh:3 runs the migrations") });
  });

  it("lint: two replicas in the same file keep the error, and a development-named file there decides nothing", async () => {
    expect(await indexFinding(app("docker/default.yml", 2))).toMatchObject({ severity: "error" });
    expect(await indexFinding(app("docker/local.yml", 1))).toMatchObject({ severity: "error" });
  });
});
