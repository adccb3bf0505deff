import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

/** app's 0001_initial: a Document whose title has db_index=True (Django's index app_document_title_6f0d1710, and the _like one) */
const DOCUMENT_INITIAL = {
  "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            name="Document",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("title", models.CharField(max_length=20, db_index=True, null=True)),
            ],
        ),
    ]
`,
};

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "atomic = False: the RemoveField's lock ends with its own statement, RemoveIndex waits again",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="order", name="note"),
        migrations.RemoveIndex(model_name="order", name="order_number_idx"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [10],
    },
    {
      framework: "django",
      name: "Django 2.2 pinned in requirements.txt: no RemoveIndexConcurrently (3.0+), so RunSQL drops the index CONCURRENTLY and Django's state removes it as written; unapplying builds no index, and the fix says where Django prints the CREATE INDEX for its reverse_sql",
      path: "app/migrations/0003_drop_index.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0002_indexes")]

    operations = [
        migrations.RemoveIndex(model_name="order", name="order_number_idx"),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "requirements.txt": "Django==2.2.28\n",
        "app/migrations/0002_indexes.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="order", index=models.Index(fields=["number"], name="order_number_idx")),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL("CREATE INDEX order_total_idx ON app_order (total)", reverse_sql="DROP INDEX order_total_idx")],
            state_operations=[migrations.AddIndex(model_name="order", index=models.Index(fields=["total"], name="order_total_idx"))],
        ),
    ]
`,
      },
      lines: [8],
      fixes: ["# RemoveIndexConcurrently is Django 3.0+ and this project's Django is older: RunSQL drops the index CONCURRENTLY, Django's state removes it\n# with atomic = False on the Migration (CONCURRENTLY cannot run in a transaction)\n# unapplying it builds no index: add the CREATE INDEX CONCURRENTLY Django prints (python manage.py sqlmigrate app 0003_drop_index --backwards) as reverse_sql\nmigrations.SeparateDatabaseAndState(\n    database_operations=[\n        migrations.RunSQL(\"DROP INDEX CONCURRENTLY IF EXISTS order_number_idx\", reverse_sql=migrations.RunSQL.noop),\n    ],\n    state_operations=[\n        migrations.RemoveIndex(model_name=\"order\", name=\"order_number_idx\"),\n    ],\n),"],
    },
    {
      framework: "django",
      name: "RemoveIndex",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RemoveIndex(model_name="order", name="order_number_idx")]
`,
      files: DJANGO_INITIAL,
      lines: [7],
    },
    {
      framework: "django",
      name: "AlterField that removes db_index=True: the index is dropped CONCURRENTLY just before, under the names Django gave it (and its _like twin), not a RemoveIndexConcurrently with no model or name",
      path: "app/migrations/0002_title_without_index.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="document", name="title", field=models.CharField(max_length=20, null=True)),
    ]
`,
      files: DOCUMENT_INITIAL,
      lines: [8],
      fixes: [
        [
          "# in a migration of its own, just before this one, with atomic = False on the Migration (CONCURRENTLY cannot run in a transaction):",
          "# the index of app_document.title under the names Django gave it, so the operation then finds none to drop",
          'migrations.RunSQL("DROP INDEX CONCURRENTLY IF EXISTS app_document_title_6f0d1710", reverse_sql=migrations.RunSQL.noop),',
          'migrations.RunSQL("DROP INDEX CONCURRENTLY IF EXISTS app_document_title_6f0d1710_like", reverse_sql=migrations.RunSQL.noop),',
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "RunSQL DROP INDEX: the same SQL CONCURRENTLY, not a RemoveIndexConcurrently of an index Django's state does not hold",
      path: "app/migrations/0002_drop_title_index.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL("DROP INDEX app_document_title_6f0d1710", reverse_sql=migrations.RunSQL.noop),
    ]
`,
      files: DOCUMENT_INITIAL,
      lines: [8],
      fixes: ['# with atomic = False on the Migration (CONCURRENTLY cannot run in a transaction)\nmigrations.RunSQL("DROP INDEX CONCURRENTLY IF EXISTS app_document_title_6f0d1710", reverse_sql=migrations.RunSQL.noop),'],
    },
    {
      framework: "django",
      name: "RunSQL DROP INDEX whose reverse_sql builds it again (acceslibre 0184): the fix keeps that way back, built CONCURRENTLY, never a no-op",
      path: "app/migrations/0002_drop_title_index.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL(
            sql="DROP INDEX IF EXISTS app_document_title_idx;",
            reverse_sql="CREATE INDEX IF NOT EXISTS app_document_title_idx ON app_document USING btree(title);",
        ),
    ]
`,
      files: DOCUMENT_INITIAL,
      lines: [9],
      fixes: [
        '# with atomic = False on the Migration (CONCURRENTLY cannot run in a transaction)\nmigrations.RunSQL("DROP INDEX CONCURRENTLY IF EXISTS app_document_title_idx", reverse_sql="CREATE INDEX CONCURRENTLY IF NOT EXISTS app_document_title_idx ON app_document USING btree(title)"),',
      ],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "RemoveIndex of an index the next AddIndex builds again under its name: one hazard, reported on the build (index-without-concurrently), whose fix is the swap",
      files: { ...DJANGO_INITIAL, "app/migrations/0002_order_number_idx.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="order", index=models.Index(fields=["number"], name="order_number_idx")),
    ]
` },
      path: "app/migrations/0003_order_number_idx_id.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0002_order_number_idx")]

    operations = [
        migrations.RemoveIndex(model_name="order", name="order_number_idx"),
        migrations.AddIndex(model_name="order", index=models.Index(fields=["number", "id"], name="order_number_idx")),
    ]
`,
    },
    {
      framework: "django",
      name: "RenameIndex(old_fields=...) made the index_together index a named one (Django's state takes the set out of index_together): an AlterIndexTogether without the set after it drops nothing",
      path: "app/migrations/0003_order_index_together.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0002_order_index")]

    operations = [
        migrations.AlterIndexTogether(name="order", index_together=set()),
    ]
`,
      files: {
        "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[("id", models.BigAutoField(primary_key=True)), ("number", models.CharField(max_length=200)), ("placed", models.DateTimeField())],
            options={"index_together": {("number", "placed")}},
        ),
    ]
`,
        "app/migrations/0002_order_index.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RenameIndex(model_name="order", new_name="app_order_number_placed_idx", old_fields=("number", "placed")),
    ]
`,
      },
    },
    {
      framework: "django",
      name: "RemoveField earlier in the atomic migration already holds ACCESS EXCLUSIVE on the table: RemoveIndex adds no lock wait",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="order", name="note"),
        migrations.RemoveIndex(model_name="order", name="order_number_idx"),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "RemoveIndexConcurrently with atomic = False",
      code: `from django.contrib.postgres.operations import RemoveIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("app", "0001_initial")]

    operations = [RemoveIndexConcurrently(model_name="order", name="order_number_idx")]
`,
      files: DJANGO_INITIAL,
    },
  ],
});
