/**
 * `migguard review` where the container entrypoint migrates only in its development arm (CourtListener's
 * docker/django/docker-entrypoint.sh: `web-dev` runs `manage.py migrate` then runserver, `web-prod` execs gunicorn)
 * and production migrates from CI before a rolling `kubectl set image` (.github/workflows/docker-build.yml). The
 * sixteenth replay found the deploy read as offline on the dev arm and 17 required columns on busy tables made notes.
 */
import { run } from "../../src/cli/main.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Opinion", fields=[("id", models.AutoField(primary_key=True)), ("html", models.TextField())]),
    ]
`;
const addIndex = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [
        migrations.AddIndex(model_name="opinion", index=models.Index(fields=["html"], name="opinion_html_idx")),
    ]
`;
const entrypoint = (dev: string, prod: string) =>
  `#!/bin/sh\nset -e\n\ncase "$1" in\n'celery')\n    exec celery --app=cl worker\n    ;;\n'web-dev')\n${dev}    ;;\n'web-prod')\n${prod}    ;;\n*)\n    echo "Unknown command"\n    ;;\nesac\n`;
const DEV_MIGRATES = entrypoint("    ./manage.py migrate\n    exec ./manage.py runserver 0.0.0.0:8000\n", "    exec gunicorn cl.asgi:application --bind 0.0.0.0:8000\n");
const DOCKERFILE = 'FROM python:3.13\nCOPY docker/django/docker-entrypoint.sh /opt/\nENTRYPOINT ["/opt/docker-entrypoint.sh"]\nCMD ["web-prod"]\n';
const WORKFLOW = "name: Build and deploy\non:\n  push:\njobs:\n  deploy-python:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl set image -n court-listener deployment/cl-python web=freelawproject/courtlistener:${{ github.sha }}\n";

const review = async (files: Record<string, string>) => {
  const repo = featureBranchOn({ ...djangoApp("search", { "search/migrations/0001_initial.py": initial }), "docker/django/Dockerfile": DOCKERFILE, ...files });
  repo.write({ "search/migrations/0002_opinion_html.py": addIndex }).commit("index opinion.html");
  const { findings } = await reviewJson(repo);
  return findings.find((f) => f.rule === "index-without-concurrently")!;
};

describe("a start script read by its shell structure", () => {
  it("a migration only in the development arm of a case leaves the deploy online: the lock is an error", async () => {
    const finding = await review({ "docker/django/docker-entrypoint.sh": DEV_MIGRATES });
    expect(finding.severity).toBe("error");
    expect(finding.message).not.toContain("Offline deploy");
  });

  it("the same migration in the production arm makes it offline", async () => {
    const prodMigrates = entrypoint("    exec ./manage.py runserver 0.0.0.0:8000\n", "    ./manage.py migrate\n    exec gunicorn cl.asgi:application\n");
    const finding = await review({ "docker/django/docker-entrypoint.sh": prodMigrates });
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("Offline deploy (docker/django/docker-entrypoint.sh:12 runs the migrations");
  });

  it("a CI workflow that rolls running pods (`kubectl set image`) wins over an entrypoint that migrates", async () => {
    const prodMigrates = entrypoint("    exec ./manage.py runserver 0.0.0.0:8000\n", "    ./manage.py migrate\n    exec gunicorn cl.asgi:application\n");
    const finding = await review({ "docker/django/docker-entrypoint.sh": prodMigrates, ".github/workflows/docker-build.yml": WORKFLOW });
    expect(finding.severity).toBe("error");
  });
});

// hope's docker/entrypoint.sh (the image's ENTRYPOINT): no arguments start gunicorn without migrating (production runs
// `manage.py upgrade` apart); only the dev arm and the Cypress arm `cy` migrate, before runserver
const hope = (noArguments: string) =>
  `#!/bin/bash\nset -e\n\nif [ $# -eq 0 ]; then\n${noArguments}else\n  case "$1" in\n    "dev")\n      python manage.py migrate\n      python manage.py runserver 0.0.0.0:8000\n      ;;\n    "cy")\n      python manage.py collectstatic --no-input\n      python manage.py migrate\n      python manage.py initcypress --skip-drop\n      python manage.py runserver 0.0.0.0:8000\n      ;;\n    *)\n      exec "$@"\n      ;;\n  esac\nfi\n`;
const HOPE_DOCKERFILE = 'FROM python:3.13\nCOPY ./docker/entrypoint.sh /bin/\nENTRYPOINT ["entrypoint.sh"]\n';

describe("lint: a test runner's arm and a start without the migration (hope)", () => {
  const lint = async (entrypointScript: string) => {
    const repo = featureBranchOn({ ...djangoApp("search", { "search/migrations/0001_initial.py": initial, "search/migrations/0002_opinion_html.py": addIndex }), "docker/Dockerfile": HOPE_DOCKERFILE, "docker/entrypoint.sh": entrypointScript });
    const json = JSON.parse((await run(["lint", "--format", "json", "search/migrations/0002_opinion_html.py"], { cwd: repo.root })).output) as { findings: Array<{ rule: string; severity: string; message: string }> };
    const text = (await run(["lint", "search/migrations/0002_opinion_html.py"], { cwd: repo.root })).output;
    return { finding: json.findings.find((f) => f.rule === "index-without-concurrently")!, text };
  };

  it("the Cypress arm's migration is no production evidence, and gunicorn starts without one: the lock is an error", async () => {
    const { finding, text } = await lint(hope("    exec gunicorn hope.wsgi -c /conf/gunicorn_config.py\n"));
    expect(finding.severity).toBe("error");
    expect(finding.message).not.toContain("Offline deploy");
    expect(text).not.toContain("deploy: read as offline");
  });

  it("when the start without arguments migrates before gunicorn, the deploy reads offline from that line", async () => {
    const { finding, text } = await lint(hope("    python manage.py migrate\n    exec gunicorn hope.wsgi -c /conf/gunicorn_config.py\n"));
    expect(finding.severity).toBe("info");
    expect(text).toContain("deploy: read as offline: docker/entrypoint.sh:5");
  });
});
