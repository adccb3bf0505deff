/**
 * `migguard lint` and `migguard review` on a self-hosted Django app whose container entrypoint migrates and then
 * starts the server (babybuddy's docker-entrypoint.sh): lock and rename findings are notes that name the line
 * that proved the offline deploy, a dropped column's data loss is left, a warning (no old code reads it while it
 * goes), and `deploy: online` or a Helm chart undoes it.
 */
import { run } from "../../src/cli/main.js";
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Child", fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=50)), ("picture", models.CharField(max_length=200))]),
    ]
`;
const change = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [
        migrations.AddIndex(model_name="child", index=models.Index(fields=["name"], name="child_name_idx")),
        migrations.RemoveField(model_name="child", name="picture"),
    ]
`;
const container = {
  Dockerfile: 'FROM python:3.12\nCOPY docker/docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["gunicorn", "babybuddy.wsgi"]\n',
  "docker/docker-entrypoint.sh": '#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec "$@"\n',
};
const pullRequest = (extra: Record<string, string> = {}) => {
  const repo = featureBranchOn({ ...djangoApp("core", { "core/migrations/0001_initial.py": initial }), ...container, ...extra });
  return repo.write({ "core/migrations/0002_child_name.py": change }).commit("index child.name, drop picture");
};
const severities = (findings: Array<{ rule: string; severity: string }>) => Object.fromEntries(findings.map((f) => [f.rule, f.severity]));

describe("offline deploy through the CLI", () => {
  it("review: the index is a note naming the entrypoint's line, the drop's data loss a warning, and the text says it once", async () => {
    const repo = pullRequest();
    const { exitCode, findings } = await reviewJson(repo);
    expect(severities(findings)).toMatchObject({ "index-without-concurrently": "info", "drop-column": "warning" });
    expect(findings.find((f) => f.rule === "index-without-concurrently")?.message).toContain("Offline deploy (docker/docker-entrypoint.sh:3 runs the migrations");
    // no error left: the gate passes, the warning stays in the report
    expect(exitCode).toBe(0);
    const text = await run(["review", "--base", "main"], { cwd: repo.root });
    expect(text.output.match(/deploy: read as offline: docker\/docker-entrypoint\.sh:3/g)).toHaveLength(1);
  });

  it("lint: the same notes, and `deploy: online` in the config puts the error back", async () => {
    const repo = pullRequest();
    const offline = await run(["lint", "--format", "json", "core/migrations/0002_child_name.py"], { cwd: repo.root });
    const offlineFindings = (JSON.parse(offline.output) as { findings: Array<{ rule: string; severity: string; fix: string }> }).findings;
    expect(severities(offlineFindings)).toMatchObject({ "index-without-concurrently": "info", "drop-column": "warning" });
    // no old code outlives the drop: a copy, then the RemoveField as written, not the state-first split across releases
    const dropFix = offlineFindings.find((f) => f.rule === "drop-column")!.fix;
    expect(dropFix).toContain('CREATE TABLE core_child_picture_backup_0002 AS SELECT id, picture FROM core_child');
    expect(dropFix).toContain('migrations.RemoveField(model_name="child", name="picture")');
    expect(dropFix).not.toContain("SeparateDatabaseAndState");
    const text = await run(["lint", "core/migrations/0002_child_name.py"], { cwd: repo.root });
    expect(text.output).toContain("deploy: read as offline: docker/docker-entrypoint.sh:3");
    // a migration with no lock or old-code finding: the deploy changes nothing, so its files are not even read
    expect((await run(["lint", "core/migrations/0001_initial.py"], { cwd: repo.root })).output).not.toContain("deploy:");
    repo.write({ ".github/migguard.yml": "deploy: online\n" });
    const online = await run(["lint", "--format", "json", "core/migrations/0002_child_name.py"], { cwd: repo.root });
    const onlineFindings = (JSON.parse(online.output) as { findings: Array<{ rule: string; severity: string; fix: string }> }).findings;
    expect(severities(onlineFindings)).toMatchObject({ "index-without-concurrently": "error", "drop-column": "error" });
    expect(onlineFindings.find((f) => f.rule === "drop-column")!.fix).toContain("SeparateDatabaseAndState");
    expect((await run(["lint", "core/migrations/0002_child_name.py"], { cwd: repo.root })).output).not.toContain("deploy: read as offline");
  });

  it("review: a data change held under its table's schema lock in one transaction is a note too (wger's backfill after AddField); online, an error", async () => {
    const backfill = `from django.db import migrations, models


def fill(apps, schema_editor):
    apps.get_model("core", "Child").objects.filter(name="").update(nickname="baby")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [
        migrations.AddField(model_name="child", name="nickname", field=models.CharField(max_length=50, null=True)),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
`;
    const offline = featureBranchOn({ ...djangoApp("core", { "core/migrations/0001_initial.py": initial }), ...container }).write({ "core/migrations/0002_nickname.py": backfill }).commit("nickname");
    const notes = await reviewJson(offline);
    const mixed = notes.findings.find((f) => f.rule === "mixed-ddl-dml");
    expect(mixed?.severity).toBe("info");
    expect(mixed?.message).toContain("Offline deploy (docker/docker-entrypoint.sh:3 runs the migrations");
    expect(notes.exitCode).toBe(0);
    offline.write({ ".github/migguard.yml": "deploy: online\n" }).commit("online");
    const online = await reviewJson(offline);
    expect(online.findings.find((f) => f.rule === "mixed-ddl-dml")?.severity).toBe("error");
    expect(online.exitCode).toBe(1);
  });

  it("a Helm chart beside the entrypoint means rolling pods: every finding keeps its severity", async () => {
    const { findings } = await reviewJson(pullRequest({ "charts/babybuddy/Chart.yaml": "apiVersion: v2\nname: babybuddy\n" }));
    expect(severities(findings)).toMatchObject({ "index-without-concurrently": "error", "drop-column": "error" });
    expect(findings.some((f) => f.message.includes("Offline deploy"))).toBe(false);
  });
});
