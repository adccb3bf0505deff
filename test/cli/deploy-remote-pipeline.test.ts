/**
 * `migguard lint` on a Django project whose entrypoint migrates before it starts uwsgi but whose release pipeline
 * hands the deploy to another repository (audit 67's berth-reservations: azure-pipelines-venepaikat-release.yml
 * `extends: template: ...@venepaikat-pipelines`, deploying to OpenShift, which rolls by default). The entrypoint alone
 * would read as offline (the rename a note); with the pipeline it reads as online, and the deploy line says why.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Berth", fields=[("id", models.AutoField(primary_key=True)), ("title", models.CharField(max_length=50))]),
    ]
`;
const rename = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("leases", "0001_initial")]
    operations = [
        migrations.RenameField(model_name="berth", old_name="title", new_name="name"),
    ]
`;
const PIPELINE = "resources:\n  repositories:\n  - repository: venepaikat-pipelines\n    type: git\n    name: venepaikat/venepaikat-pipelines\nextends:\n  template: azure-pipelines-venepaikat-api-release.yml@venepaikat-pipelines\n";
const MIGRATION = "leases/migrations/0002_berth_name.py";
const app = (extra: Record<string, string> = {}) =>
  new Repo()
    .write({
      "manage.py": "import django\n",
      "leases/__init__.py": "",
      "leases/migrations/__init__.py": "",
      "leases/migrations/0001_initial.py": initial,
      [MIGRATION]: rename,
      Dockerfile: 'FROM python:3.11\nCOPY . /app\nENTRYPOINT ["./docker-entrypoint.sh"]\n',
      "docker-entrypoint.sh": '#!/bin/bash\nset -e\nif [[ "$APPLY_MIGRATIONS" = "1" ]]; then\n    python ./manage.py migrate --noinput\nfi\nuwsgi --ini .prod/uwsgi.ini\n',
      ...extra,
    })
    .commit("app");
const lint = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  const finding = (JSON.parse(output) as { findings: Array<{ rule: string; severity: string }> }).findings.find((f) => f.rule === "rename-column");
  const verbose = (await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output;
  return { finding, deploy: verbose.split("\n").find((line) => line.startsWith("deploy:")) };
};

describe("a release pipeline defined in another repository, through the CLI", () => {
  it("lint: the entrypoint alone reads as offline; with the Azure release pipeline that extends another repository's template, online", async () => {
    expect((await lint(app())).finding).toMatchObject({ severity: "info" });
    const { finding, deploy } = await lint(app({ "azure-pipelines-venepaikat-release.yml": PIPELINE }));
    expect(finding).toMatchObject({ severity: "error" });
    expect(deploy).toContain(
      "deploy: read as online: docker-entrypoint.sh:4 migrates before the server starts, but azure-pipelines-venepaikat-release.yml:7 is an Azure Pipelines release pipeline whose deploy is the template `azure-pipelines-venepaikat-api-release.yml@venepaikat-pipelines` of another repository",
    );
  });
});
