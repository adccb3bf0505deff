/**
 * Earlier migrations the Django and Alembic case tables share: Django rebuilds a model's previous definition
 * from them (AlterField, RenameField...), exactly as when a whole migrations folder is linted.
 */

/** `app/migrations/0001_initial.py`: the `Order` and `Customer` models of the app `app` (tables app_order, app_customer). */
export const DJANGO_INITIAL = {
  "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Customer",
            fields=[("id", models.BigAutoField(primary_key=True)), ("email", models.EmailField(max_length=254))],
        ),
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("number", models.CharField(max_length=200)),
                ("quantity", models.IntegerField(null=True)),
                ("total", models.BigIntegerField()),
                ("note", models.TextField(null=True)),
                ("reference", models.CharField(max_length=40, db_column="ref")),
                ("customer", models.ForeignKey(on_delete=models.CASCADE, to="app.customer")),
            ],
            options={"unique_together": {("number", "customer")}},
        ),
        migrations.CreateModel(
            name="LegacyInvoice",
            fields=[("id", models.BigAutoField(primary_key=True))],
            options={"db_table": "invoices"},
        ),
    ]
`,
};

/*
 * One Django migration that adds columns with defaults and makes a column NOT NULL, and the same app under a
 * Django pinned before 5.0 or allowed from 5.1 on: the rules whose fix depends on the Django version
 * (required-column-without-default's db_default, set-not-null's check= / condition=) read the same repository.
 */

/** AddField with a callable default (line 12) and a constant one (line 13), AlterField to NOT NULL with a default (line 14). */
export const DJANGO_DEFAULTS_MIGRATION = `from django.db import migrations, models


def get_random_color():
    return "#000"


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="order", name="color", field=models.CharField(max_length=255, default=get_random_color)),
        migrations.AddField(model_name="order", name="size", field=models.FloatField(default=0)),
        migrations.AlterField(model_name="order", name="quantity", field=models.IntegerField(default=1)),
    ]
`;

/** The app with Django 4.2 pinned in requirements/base.txt. */
export const DJANGO_4_2_FILES = {
  ...DJANGO_INITIAL,
  "requirements/base.txt": `# core
Django==4.2.30
psycopg[binary]==3.1
`,
};

/** The app with Django >=5.1,<6 in pyproject.toml's [project] dependencies. */
export const DJANGO_5_1_FILES = {
  ...DJANGO_INITIAL,
  "pyproject.toml": `[project]
name = "shop"
dependencies = [
  "Django>=5.1,<6",
  "psycopg>=3",
]
`,
};

/**
 * treeherder 0071 (ninth replay): perf's AlertTesting (table alert_testing) whose unique_together set
 * (summary, detection_method) an AlterUniqueTogether replaces by (summary, signature, detection_method).
 */
export const ALERT_TESTING_INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="AlertTesting",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("summary", models.IntegerField()),
                ("signature", models.IntegerField()),
                ("detection_method", models.CharField(max_length=50)),
            ],
            options={"db_table": "alert_testing", "unique_together": {("summary", "detection_method")}},
        ),
    ]
`;

export const ALERT_TESTING_REPLACE_UNIQUE_SET = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("perf", "0001_initial")]

    operations = [
        migrations.AlterUniqueTogether(
            name="alerttesting",
            unique_together={("summary", "signature", "detection_method")},
        ),
    ]
`;

/**
 * pretalx in small: the settings build ENGINE from a setting (`"django.db.backends." + DB_ENGINE`) that is SQLite
 * unless the environment says otherwise, so the project runs on SQLite as well as PostgreSQL.
 */
export const DJANGO_ENGINE_SETTINGS = {
  "shop/settings.py": `import os

DB_ENGINE = os.environ.get("DB_ENGINE", "sqlite3")
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends." + DB_ENGINE,
        "NAME": os.environ.get("DB_NAME", "shop.sqlite3"),
        "CONN_MAX_AGE": 0 if DB_ENGINE == "sqlite3" else 120,
    }
}
`,
};

/** A GitHub Actions workflow whose job matrix runs the tests on SQLite and on PostgreSQL (pretalx's tests.yml). */
export const CI_MATRIX_SQLITE_POSTGRES = {
  ".github/workflows/tests.yml": `on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        python-version: ["3.13"]
        database: [sqlite, postgres]
    steps:
      - uses: actions/checkout@v4
      - run: pytest --database \${{ matrix.database }}
`,
};

/** EvaP's grades 0001 (trimmed): a GradeDocument whose ForeignKey `course` (column course_id) is in unique_together. */
export const GRADE_DOCUMENT_INITIAL = `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Course",
            fields=[("id", models.AutoField(primary_key=True))],
        ),
        migrations.CreateModel(
            name="GradeDocument",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("description_de", models.CharField(max_length=255)),
                ("description_en", models.CharField(max_length=255)),
                ("course", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="grades.course")),
            ],
            options={"unique_together": {("course", "description_de"), ("course", "description_en")}},
        ),
    ]
`;

/** EvaP's grades 0014: RenameField, then AlterUniqueTogether to the renamed sets (Django's state already has them). */
export const GRADE_DOCUMENT_RENAME = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("grades", "0001_initial")]

    operations = [
        migrations.RenameField(
            model_name="gradedocument",
            old_name="course",
            new_name="evaluation",
        ),
        migrations.AlterUniqueTogether(
            name="gradedocument",
            unique_together={("evaluation", "description_de"), ("evaluation", "description_en")},
        ),
    ]
`;

/**
 * Another app, billing, whose 0002 moves the rows of app's legacy `invoices` table and app_order.note into its own
 * tables with RunSQL INSERT ... SELECT after app's 0001 created them (Misago's misago_attachments 0002_move_data).
 */
export const BILLING_MOVES_APP_DATA = {
  "billing/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(name="Invoice", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(name="OrderNote", fields=[("id", models.BigAutoField(primary_key=True)), ("order_id", models.BigIntegerField()), ("body", models.TextField())]),
    ]
`,
  "billing/migrations/0002_move_data.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial"), ("app", "0001_initial")]

    operations = [
        migrations.RunSQL("INSERT INTO billing_invoice (id) SELECT id FROM invoices", migrations.RunSQL.noop),
        migrations.RunSQL("INSERT INTO billing_ordernote (order_id, body) SELECT id, note FROM app_order WHERE note IS NOT NULL", migrations.RunSQL.noop),
    ]
`,
};

/**
 * `app/migrations/0001_initial.py` with a django-pghistory event model (DefectDojo's 0243): `Job`, and `JobEvent`, whose
 * pgh_obj, pgh_label and pgh_created_at fields make it the event table pghistory's triggers on Job write.
 */
export const PGHISTORY_INITIAL = {
  "app/migrations/0001_initial.py": `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Job",
            fields=[("id", models.BigAutoField(primary_key=True)), ("title", models.CharField(max_length=50)), ("old_flag", models.BooleanField(default=False))],
        ),
        migrations.CreateModel(
            name="JobEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                ("title", models.CharField(max_length=50)),
                ("old_flag", models.BooleanField(default=False)),
                ("pgh_obj", models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name="events", to="app.job")),
            ],
            options={"abstract": False},
        ),
    ]
`,
};

/** pgtrigger's AddTrigger on Job, as pghistory's makemigrations writes it (its SQL shortened): `trigger` names the trigger. */
export const pgtriggerAddTrigger = (trigger: string, columns: string) =>
  `pgtrigger.migrations.AddTrigger(
            model_name="job",
            trigger=pgtrigger.compiler.Trigger(name="${trigger}", sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "app_jobevent" (${columns}) VALUES (NEW."id"); RETURN NULL;', hash="0", operation="INSERT", pgid="pgtrigger_${trigger}_1", table="app_job", when="AFTER")),
        ),`;

/** funnel 887db555cca9 (trimmed): a column added empty, filled row by row in a loop, then made NOT NULL and UNIQUE in the same transaction */
export const ALEMBIC_ROW_BY_ROW_BACKFILL = `from alembic import op
import sqlalchemy as sa
from uuid import uuid4

revision = "887db555cca9"
down_revision = "a1"

commentset = sa.table("commentset", sa.column("id", sa.Integer), sa.column("uuid", sa.Uuid))


def upgrade():
    op.add_column("commentset", sa.Column("uuid", sa.Uuid(), nullable=True))
    conn = op.get_bind()
    for item in conn.execute(sa.select(commentset.c.id)):
        conn.execute(sa.update(commentset).where(commentset.c.id == item.id).values(uuid=uuid4()))
    op.alter_column("commentset", "uuid", nullable=False)
    op.create_unique_constraint("commentset_uuid_key", "commentset", ["uuid"])
    op.create_check_constraint("commentset_uuid_check", "commentset", "uuid IS NOT NULL")


def downgrade():
    op.drop_constraint("commentset_uuid_key", "commentset", type_="unique")
    op.drop_column("commentset", "uuid")
`;

/**
 * Mailu 5aeb5811408e (trimmed): the key user -> domain dropped, the keys on both of its sides lowercased row by row,
 * the key added back by its name (line 14 drops, lines 16 and 18 write, line 20 adds back).
 */
export const MAILU_LOWERCASE_KEYS = `from alembic import op
import sqlalchemy as sa

revision = "5aeb5811408e"
down_revision = "f1393877871d"

domain_table = sa.Table("domain", sa.MetaData(), sa.Column("name", sa.String(80), primary_key=True))
user_table = sa.Table("user", sa.MetaData(), sa.Column("email", sa.String(255), primary_key=True), sa.Column("domain_name", sa.String(80)))


def upgrade():
    connection = op.get_bind()
    with op.batch_alter_table("user") as batch_op:
        batch_op.drop_constraint("user_domain_name_fkey", type_="foreignkey")
    for domain in connection.execute(domain_table.select()):
        connection.execute(domain_table.update().where(domain_table.c.name == domain.name).values(name=domain.name.lower()))
    for user in connection.execute(user_table.select()):
        connection.execute(user_table.update().where(user_table.c.email == user.email).values(email=user.email.lower(), domain_name=user.domain_name.lower()))
    with op.batch_alter_table("user") as batch_op:
        batch_op.create_foreign_key("user_domain_name_fkey", "domain", ["domain_name"], ["name"])


def downgrade():
    pass
`;

/** allegro/ralph's manufacturers (97b8aebd8f tests 0015): a model of an app, then its RenameModel in `app`'s 0002. */
export const MANUFACTURER_INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Manufacturer", fields=[("id", models.AutoField(primary_key=True)), ("name", models.CharField(max_length=50))]),
    ]
`;
export const manufacturerRename = (app: string) => `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("${app}", "0001_initial")]

    operations = [
        migrations.RenameModel(old_name="Manufacturer", new_name="TestManufacturer"),
    ]
`;
