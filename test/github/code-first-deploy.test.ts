/**
 * A deploy that pushes the new code before it migrates (manage.get.gov's `cf push`, then `cf run-task ... migrate`)
 * through the App: a NULL-able field a pull request's Django migration adds, which the model at head declares, fails
 * the check (the new code selects it before it exists); without the workflow the same change passes. The models are
 * read with the code the App fetches for this. Signed webhooks over HTTP against the local GitHub API.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const INITIAL =
  'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n    operations = [\n        migrations.CreateModel(name="Domain", fields=[("id", models.BigAutoField(primary_key=True)), ("name", models.CharField(max_length=253))]),\n    ]\n';
const ADD_CREATED_AT =
  'from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("registrar", "0001_initial")]\n    operations = [\n        migrations.AddField(model_name="domain", name="x_registry_created_at", field=models.DateTimeField(blank=True, null=True)),\n    ]\n';
const models = (extra: string) => `from django.db import models\n\n\nclass Domain(models.Model):\n    name = models.CharField(max_length=253)\n${extra}`;
const ADDED = "registrar/migrations/0002_domain_x_registry_created_at.py";
const WORKFLOW = [
  "name: Deploy stable",
  "on:",
  "  push:",
  "    tags: [v*]",
  "jobs:",
  "  deploy-stable:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - uses: cloud-gov/cg-cli-tools@main",
  "        with:",
  "          cf_command: push -f ops/manifests/manifest-stable.yaml --strategy rolling",
  "      - uses: cloud-gov/cg-cli-tools@main",
  "        with:",
  "          cf_command: \"run-task getgov-stable --command 'python manage.py migrate' --name migrate\"",
  "",
].join("\n");
const BASE: Record<string, string> = {
  "README.md": "# Registrar\n",
  "registrar/__init__.py": "",
  "registrar/migrations/__init__.py": "",
  "registrar/migrations/0001_initial.py": INITIAL,
  "registrar/models.py": models(""),
};

let s: Scenario | undefined;
useScenario();

async function review(base: Record<string, string>, number: number, code: Record<string, string> = {}) {
  s = await startScenario({ baseFiles: base });
  const head = s.openPull(number, { [ADDED]: ADD_CREATED_AT, "registrar/models.py": models("    x_registry_created_at = models.DateTimeField(blank=True, null=True)\n"), ...code });
  expect((await s.pullRequest("opened", number)).status).toBe(200);
  return s.fake.checkRunsFor(head).at(-1)!;
}

describe("a deploy that pushes the code before it migrates", () => {
  it("fails the check on a field the new model reads before the migration adds it, and says once how the deploy was read", async () => {
    const run = await review({ ...BASE, ".github/workflows/deploy-stable.yaml": WORKFLOW }, 91);
    expect(run.conclusion).toBe("failure");
    expect(run.annotations.find((a) => a.title.startsWith("new-code-before-migration"))).toMatchObject({ path: ADDED, annotation_level: "failure" });
    expect(run.output.summary?.match(/\*\*Deploy:\*\* read as code-before-migrate: `\.github\/workflows\/deploy-stable\.yaml:14`/g)).toHaveLength(1);
  });

  it("fails it when a view queries the model, and passes when nothing in the code queries it (manage.get.gov's DnsRecord at 2fb87f2c24)", async () => {
    const base = { ...BASE, ".github/workflows/deploy-stable.yaml": WORKFLOW };
    const queried = await review(base, 95, { "registrar/views.py": "from registrar.models import Domain\n\n\ndef domains(request):\n    return list(Domain.objects.all())\n" });
    expect(queried.conclusion).toBe("failure");
    expect(queried.annotations.find((a) => a.title.startsWith("new-code-before-migration"))).toMatchObject({ path: ADDED, annotation_level: "failure" });
    const unqueried = await review(base, 96, { "registrar/views.py": "def health(request):\n    return 'OK'\n" });
    expect(unqueried.annotations.filter((a) => a.title.startsWith("new-code-before-migration"))).toEqual([]);
    expect(unqueried.conclusion).toBe("success");
  });

  it("passes without the workflow: the migrations are taken to run before the code", async () => {
    const run = await review(BASE, 92);
    expect(run.conclusion).toBe("success");
    expect(run.annotations.filter((a) => a.title.startsWith("new-code-before-migration"))).toEqual([]);
  });
});
