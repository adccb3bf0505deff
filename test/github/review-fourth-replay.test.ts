/**
 * False alarms of the fourth independent replay (Netflix dispatch, healthchecks; issue #19) sent to the App as signed
 * webhooks against the local GitHub API: what the check concludes. The same patterns go through `migguard review`
 * in test/cli/review-fourth-replay.test.ts.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

let s: Scenario | undefined;
useScenario();

const alembic = (id: string, after: string | null, body: string) =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${after ? `"${after}"` : "None"}\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`;

const DISPATCH = {
  "README.md": "# dispatch\n",
  "src/app/alembic/env.py": "from alembic import context\n",
  "src/app/alembic/script.py.mako": "revision = ${repr(up_revision)}\n",
  "src/app/alembic/versions/a1_accounts.py": alembic("a1", null, 'op.create_table("account", sa.Column("id", sa.Integer, primary_key=True))'),
  "src/app/alembic/versions/b2_email.py": alembic("b2", "a1", 'op.add_column("account", sa.Column("email", sa.String))'),
  "src/app/alembic/versions/c3_name.py": alembic("c3", "b2", 'op.add_column("account", sa.Column("name", sa.String))'),
};

describe("the fourth replay's history patterns through the App", () => {
  it("an Alembic history reset whose new root reuses the old head's id: the check passes with one warning", async () => {
    s = await startScenario({ baseFiles: DISPATCH });
    const head = s.openPull(1, {
      "src/app/alembic/env.py": null,
      "src/app/alembic/script.py.mako": null,
      "src/app/alembic/versions/a1_accounts.py": null,
      "src/app/alembic/versions/b2_email.py": null,
      "src/app/alembic/versions/c3_name.py": null,
      "src/app/database/revisions/env.py": "from alembic import context\n",
      "src/app/database/revisions/script.py.mako": "revision = ${repr(up_revision)}\n",
      "src/app/database/revisions/versions/2021-06-02_c3.py": `"""Multi-tenant root: the single-schema history ends here"""\n\nrevision = "c3"\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    return None\n\n\ndef downgrade():\n    pass\n`,
    });
    await s.pullRequest("opened", 1);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain("deleted in a history reset");
    // one row for the whole deletion, the files listed under it
    expect((run.output.summary ?? "").split("\n").filter((l) => l.startsWith("| ") && l.includes("`deleted-migration`"))).toHaveLength(1);
    expect(run.output.summary).toContain("- src/app/alembic/versions/b2_email.py");
  });

  it("a Django edit that only changes type annotations passes without a warning", async () => {
    const data = (imports: string, apps: string) =>
      `from __future__ import annotations\n\nfrom typing import Any\n\n${imports}\nfrom django.db import migrations\n\n\ndef fill_code(apps: ${apps}, schema_editor: Any) -> None:\n    Notification = apps.get_model("api", "Notification")\n    for n in Notification.objects.filter(code=None):\n        n.code = n.pk\n        n.save()\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("api", "0001_initial")]\n\n    operations = [migrations.RunPython(fill_code, migrations.RunPython.noop)]\n`;
    s = await startScenario({
      baseFiles: {
        "README.md": "# healthchecks\n",
        "api/__init__.py": "",
        "api/migrations/__init__.py": "",
        "api/migrations/0001_initial.py": `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n\n    operations = [migrations.CreateModel(name="Notification", fields=[("id", models.AutoField(primary_key=True)), ("code", models.IntegerField(null=True))])]\n`,
        "api/migrations/0002_fill_code.py": data("from django.apps.registry import Apps", "Apps"),
      },
    });
    const head = s.openPull(2, { "api/migrations/0002_fill_code.py": data("from django.db.migrations.state import StateApps", "StateApps") });
    await s.pullRequest("opened", 2);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.conclusion).toBe("success");
    expect(run.annotations.filter((a) => a.annotation_level !== "notice")).toEqual([]);
    expect(s.fake.reviewComments).toEqual([]);
  });

  it("a dropped Django field whose name appears only inside another field's bytes literal: the drop is reported, no usage error", async () => {
    s = await startScenario({
      baseFiles: {
        "README.md": "# healthchecks\n",
        "api/__init__.py": "",
        "api/migrations/__init__.py": "",
        "api/migrations/0001_initial.py": `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    initial = True\n\n    operations = [migrations.CreateModel(name="Ping", fields=[("id", models.AutoField(primary_key=True)), ("body", models.TextField(null=True)), ("body_raw", models.BinaryField(null=True))])]\n`,
        "api/models.py": "from django.db import models\n\n\nclass Ping(models.Model):\n    body_raw = models.BinaryField(null=True)\n",
        "api/tests/test_ping_body.py": 'from api.models import Ping\n\n\ndef test_it():\n    Ping.objects.create(body_raw=b"this is body")\n',
      },
    });
    const head = s.openPull(3, {
      "api/migrations/0002_remove_ping_body.py": `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("api", "0001_initial")]\n\n    operations = [migrations.RemoveField(model_name="ping", name="body")]\n`,
    });
    await s.pullRequest("opened", 3);
    const run = s.fake.checkRunsFor(head).at(-1)!;
    expect(run.annotations.filter((a) => a.title.startsWith("dropped-object-still-used") && a.annotation_level !== "notice")).toEqual([]);
    expect(run.annotations.filter((a) => a.title.startsWith("drop-column"))).toHaveLength(1);
  });
});
