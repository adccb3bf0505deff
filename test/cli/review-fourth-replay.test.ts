/**
 * False alarms of the fourth independent replay (Netflix dispatch, Alembic; healthchecks, Django; issue #19), each
 * rebuilt in a small git repository and reviewed through `migguard review`: a history reset that keeps the head
 * revision, and an edit that only changes type annotations.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const alembic = (id: string, after: string | null, body = "pass") =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${after ? `"${after}"` : "None"}\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`;

/** dispatch before its multi-tenant reset: one chain of revisions under src/app/alembic, head c3 */
const singleChain = {
  "src/app/alembic/env.py": "from alembic import context\n",
  "src/app/alembic/script.py.mako": "revision = ${repr(up_revision)}\n",
  "src/app/alembic/versions/a1_accounts.py": alembic("a1", null, 'op.create_table("account", sa.Column("id", sa.Integer, primary_key=True))'),
  "src/app/alembic/versions/b2_email.py": alembic("b2", "a1", 'op.add_column("account", sa.Column("email", sa.String))'),
  "src/app/alembic/versions/c3_name.py": alembic("c3", "b2", 'op.add_column("account", sa.Column("name", sa.String))'),
};

describe("an Alembic history reset (Netflix dispatch's multi-tenant layout)", () => {
  const reset = (rootId: string) => {
    const repo = featureBranchOn(singleChain);
    for (const path of Object.keys(singleChain)) repo.remove(path);
    repo
      .write({
        "src/app/database/revisions/env.py": "from alembic import context\n",
        "src/app/database/revisions/script.py.mako": "revision = ${repr(up_revision)}\n",
        // the new root stands for the whole old history (databases at it were converted by a script of their own)
        [`src/app/database/revisions/versions/2021-06-02_${rootId}.py`]: `"""Multi-tenant root: databases of the single-schema layout are converted by multi-tenant-migration.sql"""\n\nrevision = "${rootId}"\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    # fresh databases are built by create_all and stamped at head\n    return None\n\n\ndef downgrade():\n    pass\n`,
      })
      .commit("reset the revision history");
    return repo;
  };

  it("the new chain's root reuses the old head's id: one warning for the whole deletion, the check passes", async () => {
    const { exitCode, findings } = await reviewJson(reset("c3"));
    const deleted = findings.filter((f) => f.rule === "deleted-migration");
    expect(deleted.map((f) => [f.path, f.severity])).toEqual([["src/app/alembic/versions/a1_accounts.py", "warning"]]);
    expect(deleted[0].message).toContain("3 migrations of src/app/alembic/versions (a1_accounts.py, b2_email.py and c3_name.py)");
    expect(deleted[0].message).toContain("Only installations older than c3");
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it("a new chain with a new id: databases at c3 cannot upgrade, one error for the whole deletion", async () => {
    const { exitCode, findings } = await reviewJson(reset("f9"));
    expect(findings.filter((f) => f.rule === "deleted-migration").map((f) => [f.path, f.severity])).toEqual([["src/app/alembic/versions/a1_accounts.py", "error"]]);
    expect(exitCode).toBe(1);
  });
});

describe("a Django edit that only changes type annotations (healthchecks' django-stubs upgrade)", () => {
  const data = (imports: string, apps: string) => `from __future__ import annotations

from typing import Any

${imports}
from django.db import migrations


def fill_code(apps: ${apps}, schema_editor: Any) -> None:
    Notification = apps.get_model("api", "Notification")
    for n in Notification.objects.filter(code=None):
        n.code = n.pk
        n.save()


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [migrations.RunPython(fill_code, migrations.RunPython.noop)]
`;
  const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [migrations.CreateModel(name="Notification", fields=[("id", models.AutoField(primary_key=True)), ("code", models.IntegerField(null=True))])]
`;
  const path = "api/migrations/0002_fill_code.py";

  it("`apps: Apps` -> `apps: StateApps` and its import: a note, no warning", async () => {
    const repo = featureBranchOn(djangoApp("api", { "api/migrations/0001_initial.py": initial, [path]: data("from django.apps.registry import Apps", "Apps") }));
    repo.write({ [path]: data("from django.db.migrations.state import StateApps", "StateApps") }).commit("upgrade django-stubs");
    const { exitCode, findings } = await reviewJson(repo);
    expect(exitCode).toBe(0);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([["edited-migration", "info"]]);
    expect(findings[0].message).toContain("type annotations");
  });

  it("an annotation changed with the code it annotates: still a warning", async () => {
    const repo = featureBranchOn(djangoApp("api", { "api/migrations/0001_initial.py": initial, [path]: data("from django.apps.registry import Apps", "Apps") }));
    repo.write({ [path]: data("from django.db.migrations.state import StateApps", "StateApps").replace("n.code = n.pk", "n.code = -n.pk") }).commit("negative codes");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "edited-migration").map((f) => f.severity)).toEqual(["warning"]);
  });
});

describe("a dropped column's usages are the code that can reach that table's column", () => {
  const drop = `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "b2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    op.drop_column("participant", "is_active")\n\n\ndef downgrade():\n    op.add_column("participant", sa.Column("is_active", sa.Boolean))\n`;
  const code = {
    "src/app/alembic/env.py": "from alembic import context\n",
    "src/app/alembic/script.py.mako": "revision = ${repr(up_revision)}\n",
    "src/app/alembic/versions/a1_participant.py": alembic("a1", null, 'op.create_table("participant", sa.Column("id", sa.Integer, primary_key=True), sa.Column("is_active", sa.Boolean))'),
    "src/app/service/models.py": `from sqlalchemy import Boolean, Column, Integer\n\nfrom app.database import Base\n\n\nclass Service(Base):\n    """An on-call service: is_active says whether it pages."""\n    id = Column(Integer, primary_key=True)\n    is_active = Column(Boolean, default=True)\n`,
    "src/app/service/service.py": "from .models import Service\n\n\ndef active(db_session):\n    return db_session.query(Service).filter(Service.is_active.is_(True)).all()\n",
  };

  it("Alembic (dispatch's participant.is_active): another model's same-named column and a docstring are not usages", async () => {
    const repo = featureBranchOn(code);
    repo.write({ "src/app/alembic/versions/b2_drop_is_active.py": drop }).commit("drop participant.is_active");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "dropped-object-still-used" && f.severity !== "info")).toEqual([]);
    expect(findings.filter((f) => f.rule === "drop-column").map((f) => f.severity)).toEqual(["error"]);
  });

  it("Alembic: the model mapped to the table still reads it: an error naming the line", async () => {
    const repo = featureBranchOn({ ...code, "src/app/participant/views.py": "from app.participant.models import Participant\n\n\ndef active(db_session):\n    return db_session.query(Participant).filter(Participant.is_active.is_(True)).all()\n" });
    repo.write({ "src/app/alembic/versions/b2_drop_is_active.py": drop }).commit("drop participant.is_active");
    const { findings } = await reviewJson(repo);
    const used = findings.filter((f) => f.rule === "dropped-object-still-used");
    expect(used.map((f) => f.severity)).toEqual(["error"]);
    expect(used[0].message).toContain("src/app/participant/views.py:5");
  });
});
