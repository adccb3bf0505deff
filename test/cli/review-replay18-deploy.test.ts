/**
 * The deploy readings of the eighteenth independent replay (OWASP Nest), rebuilt in small git repositories and
 * reviewed through `migguard review`: an end-to-end test's compose file is no evidence of how production runs, and a
 * Terraform task that only migrates (Nest's ECS `migrate_task`, `make migrate`) runs the migrations beside the
 * serving instances, as a Kubernetes migrate Job does.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const createModel = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Rule",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("emoji", models.CharField(max_length=64)),
            ],
        ),
    ]
`;
const addIndex = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("slack", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="rule", index=models.Index(fields=["emoji"], name="rule_emoji_idx")),
    ]
`;
/** a compose file whose backend migrates and then serves */
const compose = `services:
  backend:
    image: nest-backend
    command: sh -c "python manage.py migrate && gunicorn wsgi:application"
  db:
    image: postgres:16
`;
const ENTRYPOINT = "#!/bin/sh\nset -e\npython manage.py migrate\ngunicorn wsgi:application --bind 0.0.0.0:8000\n";
const DOCKERFILE = 'FROM python:3.13\nCOPY backend/entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n';
const MIGRATE_TASK = `module "migrate_task" {
  source = "./modules/task"

  command   = ["/bin/sh", "-c", "EXEC_MODE=direct make migrate"]
  task_name = "migrate"
}
`;

const indexSeverity = async (files: Record<string, string>) => {
  const repo = featureBranchOn({ ...djangoApp("slack", { "slack/migrations/0001_initial.py": createModel }), ...files });
  repo.write({ "slack/migrations/0002_rule_emoji_idx.py": addIndex }).commit("index");
  const { findings } = await reviewJson(repo);
  return findings.find((f) => f.rule === "index-without-concurrently");
};

describe("review: deploy files of the eighteenth replay (OWASP Nest)", () => {
  it("a compose file under e2e/ (or tests/, ci/, fuzz/) that migrates then serves is no offline deploy: the lock finding stays an error", async () => {
    for (const folder of ["docker-compose/e2e", "tests", "ci", "docker-compose/fuzz"])
      expect(await indexSeverity({ [`${folder}/compose.yaml`]: compose })).toMatchObject({ severity: "error" });
    // the same file where production's compose files lie is read as offline
    expect(await indexSeverity({ "docker-compose/production/compose.yaml": compose })).toMatchObject({ severity: "info", message: expect.stringContaining("docker-compose/production/compose.yaml:4") });
  });

  it("an entrypoint that migrates then serves, beside a Terraform task that only runs `make migrate`: online (error); without the task, offline (info)", async () => {
    const app = { "backend/entrypoint.sh": ENTRYPOINT, "docker/backend/Dockerfile": DOCKERFILE };
    expect(await indexSeverity(app)).toMatchObject({ severity: "info", message: expect.stringContaining("backend/entrypoint.sh:3") });
    expect(await indexSeverity({ ...app, "infrastructure/modules/tasks/main.tf": MIGRATE_TASK })).toMatchObject({ severity: "error" });
    // a task that migrates and then serves is the server itself, no step of its own
    const serving = MIGRATE_TASK.replace("make migrate", "make migrate && gunicorn wsgi:application");
    expect(await indexSeverity({ ...app, "infrastructure/modules/tasks/main.tf": serving })).toMatchObject({ severity: "info" });
  });
});
