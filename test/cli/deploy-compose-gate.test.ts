/**
 * `migguard lint` on a project whose compose file starts the application only after a service of its own has
 * migrated (DefectDojo's docker-compose.yml: the `initializer` service's entrypoint runs `manage.py
 * complete_initialization`, a project command that calls `call_command("migrate")`, and uwsgi and the celery
 * services wait for it with `condition: service_completed_successfully`): the rename's old-code error is a note
 * naming the compose line and the command's call; a Helm chart beside it is named, not deciding (nor a workflow
 * named for testing that installs it); a worker of the
 * same image that starts beside the migration, or a command that never calls migrate, keeps the error.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";
import { initial, rename } from "./support/django-job-rename.js";

const compose = (workerCondition: string) =>
  [
    "services:",
    "  web:",
    "    image: example/app:3",
    "    depends_on:",
    "      initializer:",
    "        condition: service_completed_successfully",
    "      db:",
    "        condition: service_started",
    "    entrypoint: ['/wait-for-it.sh', 'db:5432', '--', '/entrypoint-web.sh']",
    "  worker:",
    "    image: example/app:3",
    "    depends_on:",
    "      initializer:",
    `        condition: ${workerCondition}`,
    "    entrypoint: ['/entrypoint-worker.sh']",
    "  initializer:",
    "    image: example/app:3",
    "    depends_on:",
    "      - db",
    "    entrypoint: ['/wait-for-it.sh', 'db:5432', '--', '/entrypoint-initializer.sh']",
    "  db:",
    "    image: postgres:17",
    "",
  ].join("\n");
const initializer = ["#!/bin/bash", "set -e", "python manage.py bootstrap", 'exec "$@"', ""].join("\n");
const command = (calls: string) =>
  [
    "from django.core.management import BaseCommand, call_command",
    "",
    "",
    "class Command(BaseCommand):",
    "    def handle(self, *args, **options):",
    `        call_command(${calls}, interactive=False)`,
    '        call_command("loaddata", "initial")',
    "",
  ].join("\n");
const MIGRATION = "core/migrations/0002_job_name.py";
const app = (files: Record<string, string> = {}) =>
  new Repo()
    .write({
      "manage.py": "import django\n",
      "core/__init__.py": "",
      "core/migrations/__init__.py": "",
      "core/migrations/0001_initial.py": initial,
      [MIGRATION]: rename,
      "core/management/__init__.py": "",
      "core/management/commands/__init__.py": "",
      "core/management/commands/bootstrap.py": command('"migrate"'),
      Dockerfile: "FROM python:3.12\nCOPY . /app\n",
      "docker-compose.yml": compose("service_completed_successfully"),
      "docker/entrypoint-initializer.sh": initializer,
      "docker/entrypoint-web.sh": "#!/bin/bash\nexec gunicorn app.wsgi\n",
      "docker/entrypoint-worker.sh": "#!/bin/bash\nexec celery -A app worker\n",
      "docker/wait-for-it.sh": '#!/bin/bash\nshift 2\nexec "$@"\n',
      ...files,
    })
    .commit("app");
const renameFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "rename-column");
};

describe("a compose file whose application services wait for a migrating service to complete, through the CLI", () => {
  it("lint: the rename is a note naming the compose line, the script's line and the command's call_command", async () => {
    const finding = await renameFinding(app());
    expect(finding).toMatchObject({ severity: "info" });
    expect(finding?.message).toContain("Offline deploy (docker-compose.yml:5: compose services web, worker start only once service initializer has completed");
    expect(finding?.message).toContain("docker/entrypoint-initializer.sh:3 runs `manage.py bootstrap`, which calls migrate at core/management/commands/bootstrap.py:6");
    expect(finding?.message).not.toContain("another way to deploy");
  });

  it("lint: a Helm chart beside it is named as another way to deploy, and the note stays", async () => {
    // a workflow named for testing the chart installs it into a throwaway cluster: no deploy workflow
    const repo = app({ "helm/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n", ".github/workflows/k8s-tests.yml": "on: push\njobs:\n  k8s:\n    runs-on: ubuntu-latest\n    steps:\n      - run: helm install app ./helm/app\n" });
    const finding = await renameFinding(repo);
    expect(finding).toMatchObject({ severity: "info", message: expect.stringContaining("helm/app/Chart.yaml:1 (a Helm chart: Kubernetes starts new pods beside the old ones) is another way to deploy it") });
    expect((await run(["lint", "--verbose", MIGRATION], { cwd: repo.root })).output).toContain("deploy: read as offline: docker-compose.yml:5");
  });

  it("lint: a deploy workflow that runs `helm upgrade` says production deploys the other way: the error stays", async () => {
    const repo = app({ "helm/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n", ".github/workflows/deploy.yml": "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: helm upgrade app ./helm/app\n" });
    expect(await renameFinding(repo)).toMatchObject({ severity: "error" });
  });

  it("lint: a worker of the same image that starts beside the migration (`service_started`) keeps the error", async () => {
    expect(await renameFinding(app({ "docker-compose.yml": compose("service_started") }))).toMatchObject({ severity: "error" });
  });

  it("lint: a project command that never calls migrate is no migration: the error stays", async () => {
    expect(await renameFinding(app({ "core/management/commands/bootstrap.py": command('"check"') }))).toMatchObject({ severity: "error" });
  });

  it("lint: an entrypoint that runs the migrating project command and then starts the server is the same evidence, without a gate", async () => {
    const single = "services:\n  web:\n    image: example/app:3\n    entrypoint: ['/entrypoint-web.sh']\n";
    const repo = app({ "docker-compose.yml": single, "docker/entrypoint-web.sh": "#!/bin/bash\npython manage.py check\npython manage.py bootstrap\nexec gunicorn app.wsgi\n" });
    expect(await renameFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (docker/entrypoint-web.sh:3 runs the migrations before the server starts") });
    expect((await run(["lint", MIGRATION], { cwd: repo.root })).output).toContain("docker/entrypoint-web.sh:3: the container's start script runs `manage.py bootstrap`, which calls migrate at core/management/commands/bootstrap.py:6, and then starts the server");
  });
});
