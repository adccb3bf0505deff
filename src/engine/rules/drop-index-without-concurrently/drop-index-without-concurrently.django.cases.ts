import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

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
      files: {
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
      },
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
      files: {
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
      },
      lines: [8],
      fixes: ['# with atomic = False on the Migration (CONCURRENTLY cannot run in a transaction)\nmigrations.RunSQL("DROP INDEX CONCURRENTLY IF EXISTS app_document_title_6f0d1710", reverse_sql=migrations.RunSQL.noop),'],
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
