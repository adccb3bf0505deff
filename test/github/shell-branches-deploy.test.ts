/**
 * A container entrypoint that migrates only in its development arm (CourtListener's docker-entrypoint.sh: `web-dev`
 * migrates then runs runserver, `web-prod` execs gunicorn) through the App: the deploy stays online, so an index
 * built without CONCURRENTLY fails the check; the same migration in the production arm makes it a note, and a CI
 * workflow that rolls running pods (`kubectl set image`) makes it online again. Signed webhooks over HTTP against the
 * local GitHub API.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, useScenario } from "./support/scenario.js";

const INITIAL =
  'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Opinion", fields=[("id", models.AutoField(primary_key=True)), ("html", models.TextField())]),\n    ]\n';
const ADD_INDEX =
  'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("search", "0001_initial")]\n    operations = [\n        migrations.AddIndex(model_name="opinion", index=models.Index(fields=["html"], name="opinion_html_idx")),\n    ]\n';
const entrypoint = (dev: string, prod: string) =>
  `#!/bin/sh\nset -e\n\ncase "$1" in\n'celery')\n    exec celery --app=cl worker\n    ;;\n'web-dev')\n${dev}    ;;\n'web-prod')\n${prod}    ;;\nesac\n`;
const DEV_MIGRATES = entrypoint("    ./manage.py migrate\n    exec ./manage.py runserver 0.0.0.0:8000\n", "    exec gunicorn cl.asgi:application\n");
const PROD_MIGRATES = entrypoint("    exec ./manage.py runserver 0.0.0.0:8000\n", "    ./manage.py migrate\n    exec gunicorn cl.asgi:application\n");
const WORKFLOW = "name: Build and deploy\non:\n  push:\njobs:\n  deploy-python:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl set image -n court-listener deployment/cl-python web=courtlistener:${{ github.sha }}\n";
const ADDED = "search/migrations/0002_opinion_html.py";

useScenario();

async function indexAnnotation(deployFiles: Record<string, string>, number: number) {
  const s = await startScenario({
    baseFiles: {
      "README.md": "# CourtListener\n",
      "search/__init__.py": "",
      "search/migrations/__init__.py": "",
      "search/migrations/0001_initial.py": INITIAL,
      "docker/django/Dockerfile": 'FROM python:3.13\nCOPY docker/django/docker-entrypoint.sh /opt/\nENTRYPOINT ["/opt/docker-entrypoint.sh"]\nCMD ["web-prod"]\n',
      ...deployFiles,
    },
  });
  const head = s.openPull(number, { [ADDED]: ADD_INDEX });
  expect((await s.pullRequest("opened", number)).status).toBe(200);
  return s.fake.checkRunsFor(head).at(-1)!.annotations.find((a) => a.title.startsWith("index-without-concurrently"));
}

describe("an entrypoint read by its shell structure", () => {
  it("a migration in the development arm only: online, the index fails the check", async () => {
    expect(await indexAnnotation({ "docker/django/docker-entrypoint.sh": DEV_MIGRATES }, 61)).toMatchObject({ path: ADDED, annotation_level: "failure" });
  });

  it("in the production arm: offline, a note naming its line; a workflow's `kubectl set image` makes it online again", async () => {
    const offline = await indexAnnotation({ "docker/django/docker-entrypoint.sh": PROD_MIGRATES }, 62);
    expect(offline).toMatchObject({ annotation_level: "notice" });
    expect(offline?.message).toContain("docker/django/docker-entrypoint.sh:12");
    expect(await indexAnnotation({ "docker/django/docker-entrypoint.sh": PROD_MIGRATES, ".github/workflows/docker-build.yml": WORKFLOW }, 63)).toMatchObject({ annotation_level: "failure" });
  });
});
