/**
 * `migguard lint` on Django migrations that take their SQL or operations from the project's own modules: a helper
 * that returns SQL (mitxonline's ecommerce/db_utils.py), a subclass of RunSQL / RunPython behind a module object
 * (awx's migrations/_sqlite_helper.py), operations a comprehension zips from module constants, and a squashed
 * migration whose operations a helper picks from a module's dict (awx's _squashed.operations(SQUASHED_31)).
 * The helper files are read from the repository; what they do not tell stays hidden, never guessed.
 */
import { join } from "node:path";
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { rule: string; line: number; severity: string; message: string };

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-project-modules-");

const lint = async (root: string, path: string): Promise<Finding[]> => {
  const { output } = await run(["lint", "--format", "json", path], { cwd: root });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.line > 1 || f.rule !== "conflicting-django-migrations");
};

const DB_UTILS = `"""Utility functions for the ecommerce database"""


def create_delete_rule(table_name):
    """SQL that makes DELETE a no-op on an ecommerce table"""
    return f"CREATE RULE delete_protect AS ON DELETE TO ecommerce_{table_name} DO INSTEAD NOTHING"


def rollback_delete_rule(table_name):
    return f"DROP RULE delete_protect ON ecommerce_{table_name}"


def index_sql(table_name, column, unique=False):
    kind = "UNIQUE INDEX" if unique else "INDEX"
    return f"CREATE {kind} ix_{column} ON ecommerce_{table_name} ({column})"


def create_index(table_name, column):
    name = f"ix_{table_name}_{column}"
    return f"CREATE INDEX {name} ON ecommerce_{table_name} ({column})"


def branchy(table_name):
    if table_name == "product":
        return "SELECT 1"
    return f"DROP TABLE ecommerce_{table_name}"
`;

const migration = (operations: string) => `from django.db import migrations

from ecommerce.db_utils import branchy, create_delete_rule, create_index, rollback_delete_rule


class Migration(migrations.Migration):
    table_name = "product"
    dependencies = [("ecommerce", "0043_refund_request_status")]

    operations = [
${operations}
    ]
`;

const PATH = "ecommerce/migrations/0044_product_rule.py";

describe("Django SQL and operations from the project's own modules, through the CLI", () => {
  it("reads the SQL a helper module's function returns for the arguments given (mitxonline's db_utils): nothing hidden, and its statements are checked at the call", async () => {
    const root = repo({
      "manage.py": "",
      "ecommerce/__init__.py": "",
      "ecommerce/db_utils.py": DB_UTILS,
      [PATH]: migration(`        migrations.RunSQL(
            sql=rollback_delete_rule(table_name),
            reverse_sql=create_delete_rule(table_name),
        ),
        migrations.RunSQL(create_index("order", "placed_at"), reverse_sql=migrations.RunSQL.noop),`),
    });
    const findings = await lint(root, PATH);
    expect(findings.filter((f) => f.rule === "hidden-operation")).toEqual([]);
    // the helper's CREATE INDEX, named as the helper builds it, at the line that calls it
    expect(findings).toContainEqual(expect.objectContaining({ rule: "index-without-concurrently", line: 15, message: expect.stringContaining("ix_order_placed_at") }));
  });

  it("keeps a helper hidden when its body branches, or when the module is not in the repository", async () => {
    const root = repo({ "ecommerce/db_utils.py": DB_UTILS, [PATH]: migration(`        migrations.RunSQL(branchy(table_name), reverse_sql=migrations.RunSQL.noop),`) });
    expect(await lint(root, PATH)).toContainEqual(expect.objectContaining({ rule: "hidden-operation", line: 11 }));
    const without = repo({ [PATH]: migration(`        migrations.RunSQL(rollback_delete_rule(table_name), reverse_sql=create_delete_rule(table_name)),`) });
    expect(await lint(without, PATH)).toContainEqual(expect.objectContaining({ rule: "hidden-operation", line: 11 }));
  });

  it("reads a project subclass of RunSQL / RunPython reached through a module object (awx's dbawaremigrations) as Django's own, and a comprehension over zip() of module constants", async () => {
    const helper = `from django.db import migrations


class RunSQL(migrations.operations.special.RunSQL):
    def __init__(self, *args, **kwargs):
        self.sqlite_sql = kwargs.pop("sqlite_sql")
        super().__init__(*args, **kwargs)


class RunPython(migrations.operations.special.RunPython):
    pass


class _sqlitemigrations:
    RunPython = RunPython
    RunSQL = RunSQL


dbawaremigrations = _sqlitemigrations()
`;
    const drop = `from django.db import migrations

from ._sqlite_helper import dbawaremigrations

tables_to_drop = ["celery_taskmeta", "djkombu_queue"]
postgres_sql = ([("DROP TABLE IF EXISTS {} CASCADE;".format(table))] for table in tables_to_drop)
sqlite_sql = ([("DROP TABLE IF EXISTS {};".format(table))] for table in tables_to_drop)


class Migration(migrations.Migration):
    dependencies = [("main", "0049_previous")]

    operations = [dbawaremigrations.RunSQL(p, sqlite_sql=s) for p, s in zip(postgres_sql, sqlite_sql)]
`;
    const index = `from django.db import migrations

from ._sqlite_helper import dbawaremigrations


class Migration(migrations.Migration):
    dependencies = [("main", "0050_drop_celery_tables")]

    operations = [
        dbawaremigrations.RunSQL("CREATE INDEX ix_job_created ON main_job (created)", sqlite_sql="SELECT 1", reverse_sql="DROP INDEX ix_job_created"),
    ]
`;
    const root = repo({ "awx/main/migrations/__init__.py": "", "awx/main/migrations/_sqlite_helper.py": helper, "awx/main/migrations/0050_drop_celery_tables.py": drop, "awx/main/migrations/0051_job_index.py": index });
    const dropped = await lint(root, "awx/main/migrations/0050_drop_celery_tables.py");
    expect(dropped.filter((f) => f.rule === "hidden-operation")).toEqual([]);
    expect(dropped.filter((f) => f.rule === "drop-table").map((f) => f.message)).toEqual([expect.stringContaining("celery_taskmeta"), expect.stringContaining("djkombu_queue")]);
    const indexed = await lint(root, "awx/main/migrations/0051_job_index.py");
    expect(indexed).toContainEqual(expect.objectContaining({ rule: "index-without-concurrently", line: 10 }));
  });

  it("reads the literal operations a squashed migration adds to a helper's, and says what the helper picks from (awx's _squashed.operations)", async () => {
    const squashedHelper = `from itertools import chain


def operations(squashed, applied=False):
    keys = sorted(squashed.keys())
    return [op for op in chain.from_iterable(squashed[k] for k in keys)]
`;
    const constant = `from django.db import migrations

SQUASHED_31 = {
    "0035_remove_settings": [
        migrations.RemoveField(model_name="towersettings", name="user"),
        migrations.DeleteModel(name="TowerSettings"),
    ],
    "0036_insights": [migrations.RemoveField(model_name="project", name="legacy")],
}
`;
    const squash = `from django.db import migrations, models

from . import _squashed
from ._squashed_31 import SQUASHED_31


class Migration(migrations.Migration):
    dependencies = [("main", "0004_squashed_v310_release")]

    operations = _squashed.operations(SQUASHED_31) + [
        migrations.RemoveField(model_name="host", name="has_active_failures"),
    ]
`;
    const root = repo({ "awx/main/migrations/_squashed.py": squashedHelper, "awx/main/migrations/_squashed_31.py": constant, "awx/main/migrations/0005_squashed_v310_v313_updates.py": squash });
    const findings = await lint(root, "awx/main/migrations/0005_squashed_v310_v313_updates.py");
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: "hidden-operation", line: 10, message: expect.stringContaining("`SQUASHED_31` holds 3 operations under 2 keys, of which the call picks what runs") }),
    );
    // the literal list joined to it is read
    expect(findings).toContainEqual(expect.objectContaining({ rule: "drop-column", line: 11, message: expect.stringContaining("main_host.has_active_failures") }));
  });

  it("reads a project subclass of ForeignKey (awx's ImplicitRoleField) as a relation, with or without on_delete=: its column is <name>_id from the start, so an AlterField renames nothing", async () => {
    const fields = `from django.db import models


class ImplicitRoleField(models.ForeignKey):
    def __init__(self, parent_role=None, *args, **kwargs):
        kwargs.setdefault("to", "main.Role")
        kwargs.setdefault("related_name", "+")
        kwargs.setdefault("null", "True")
        kwargs.setdefault("on_delete", models.SET_NULL)
        super().__init__(*args, **kwargs)
`;
    const initial = `from django.db import migrations, models

import awx.main.fields


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Role", fields=[("id", models.AutoField(primary_key=True))]),
        migrations.CreateModel(name="Project", fields=[("id", models.AutoField(primary_key=True))]),
        migrations.AddField(model_name="project", name="admin_role", field=awx.main.fields.ImplicitRoleField(related_name="+", to="main.Role", null="True")),
    ]
`;
    const alter = `import django.db.models.deletion
from django.db import migrations

import awx.main.fields


class Migration(migrations.Migration):
    dependencies = [("main", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="project",
            name="admin_role",
            field=awx.main.fields.ImplicitRoleField(null="True", on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="main.Role"),
        ),
    ]
`;
    const files = { "awx/__init__.py": "", "awx/main/__init__.py": "", "awx/main/fields.py": fields, "awx/main/migrations/0001_initial.py": initial, "awx/main/migrations/0002_role_on_delete.py": alter };
    const { output } = await run(["lint", "--format", "json", "awx/main/migrations"], { cwd: repo(files) });
    expect((JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "rename-column")).toEqual([]);
    // without the project's fields.py the class is not known to be a ForeignKey: the two definitions differ
    const unread = Object.fromEntries(Object.entries(files).filter(([path]) => path !== "awx/main/fields.py"));
    const without = JSON.parse((await run(["lint", "--format", "json", "awx/main/migrations"], { cwd: repo(unread) })).output) as { findings: Finding[] };
    expect(without.findings.filter((f) => f.rule === "rename-column")).toHaveLength(1);
  });

  it("reads the SQL an Alembic revision's op.execute gets from a helper in the project's own package", async () => {
    const revision = `from alembic import op

from app.db.sql_helpers import index_sql

revision = "b2"
down_revision = "a1"


def upgrade():
    op.execute(index_sql("orders", "placed_at"))


def downgrade():
    op.execute("DROP INDEX ix_orders_placed_at")
`;
    const helpers = `def index_sql(table, column):
    return f"CREATE INDEX ix_{table}_{column} ON {table} ({column})"
`;
    const files = { "alembic.ini": "[alembic]\nscript_location = migrations\n", "migrations/versions/b2_index.py": revision, "app/__init__.py": "", "app/db/__init__.py": "", "app/db/sql_helpers.py": helpers };
    const findings = await lint(repo(files), "migrations/versions/b2_index.py");
    expect(findings.filter((f) => f.rule === "hidden-operation")).toEqual([]);
    expect(findings).toContainEqual(expect.objectContaining({ rule: "index-without-concurrently", line: 10, message: expect.stringContaining("ix_orders_placed_at") }));
    const without = await lint(repo(Object.fromEntries(Object.entries(files).filter(([path]) => path !== "app/db/sql_helpers.py"))), "migrations/versions/b2_index.py");
    expect(without).toContainEqual(expect.objectContaining({ rule: "hidden-operation", line: 10 }));
  });

  it("reads at most 40 project modules, and names the one past that, and one too large, in the finding it hides", async () => {
    const names = Array.from({ length: 41 }, (_, i) => `m${String(i).padStart(2, "0")}`);
    const files: Record<string, string> = { "manage.py": "", "ecommerce/__init__.py": "" };
    for (const name of names) files[`ecommerce/${name}.py`] = `def sql():\n    return "CREATE INDEX ix_${name} ON ecommerce_order (placed_at)"\n`;
    files["ecommerce/large.py"] = `def sql():\n    return "SELECT 1"\n${"# padding\n".repeat(27_000)}`;
    files[PATH] = `from django.db import migrations

from ecommerce import ${["large", ...names].join(", ")}


class Migration(migrations.Migration):
    dependencies = [("ecommerce", "0043_refund_request_status")]
    operations = [
${["large", ...names].map((name) => `        migrations.RunSQL(${name}.sql(), reverse_sql=migrations.RunSQL.noop),`).join("\n")}
    ]
`;
    const findings = await lint(repo(files), PATH);
    expect(findings.filter((f) => f.rule === "index-without-concurrently")).toHaveLength(40);
    const hidden = findings.filter((f) => f.rule === "hidden-operation").map((f) => f.message);
    // the module too large to read does not count
    expect(hidden).toEqual([
      expect.stringMatching(/\(`ecommerce\/large\.py`, the module it is imported from, could not be read: \d+ bytes, larger than the 256 KB migguard reads of a helper module\)/),
      expect.stringContaining("(`ecommerce/m40.py`, the module it is imported from, could not be read: past the 40 project modules migguard reads in one analysis)"),
    ]);
  });
});

describe("Django field classes defined in the project's own modules, through the CLI", () => {
  const history = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="NewsItem",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("title", models.CharField(max_length=500)),
                ("body", models.TextField()),
            ],
        ),
    ]
`;
  const alter = (imports: string, field: string) => `${imports}
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("comms", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="newsitem", name="body", field=${field}),
        migrations.AlterField(model_name="newsitem", name="title", field=${field}),
    ]
`;
  const MODEL_UTILS = `from django.db import models
from django_bleach.models import BleachField


class ProjectBleachField(BleachField):
    def from_db_value(self, value, expression, connection):
        return value


class ProjectBleachCharField(ProjectBleachField):
    def formfield(self, *args, **kwargs):
        return super().formfield(*args, **kwargs)


class CaseInsensitiveTextField(models.TextField):
    def db_type(self, connection):
        return "citext"
`;
  const ALTER_PATH = "comms/migrations/0002_bleach.py";
  const project = (migrationText: string) =>
    repo({ "manage.py": "", "core/__init__.py": "", "core/model_utils.py": MODEL_UTILS, "comms/__init__.py": "", "comms/migrations/__init__.py": "", "comms/migrations/0001_initial.py": history, [ALTER_PATH]: migrationText });

  it("a project class extending another that extends django-bleach's BleachField (janeway's JanewayBleachCharField) is a text column: text and varchar(500) to text rewrite nothing", async () => {
    const findings = await lint(project(alter("import core.model_utils", "core.model_utils.ProjectBleachCharField()")), ALTER_PATH);
    expect(findings.filter((f) => f.rule === "unverified-column-change")).toEqual([]);
  });

  it("a project class that chooses its own type (db_type) stays unknown: the AlterFields are reported, naming the class", async () => {
    const findings = await lint(project(alter("from core.model_utils import CaseInsensitiveTextField", "CaseInsensitiveTextField()")), ALTER_PATH);
    const unverified = findings.filter((f) => f.rule === "unverified-column-change");
    expect(unverified.map((f) => f.line)).toEqual([9, 10]);
    expect(unverified[0]!.message).toContain("becomes a CaseInsensitiveTextField, a field class whose column type migguard does not know");
  });
});
