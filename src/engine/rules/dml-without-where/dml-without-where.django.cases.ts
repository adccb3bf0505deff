import { CI_MATRIX_SQLITE_POSTGRES } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "lint: RunSQL in SeparateDatabaseAndState fills the search vectors the migration just before added (null=True, linkedevents 0080): only NULLs are overwritten, a note",
      files: {
        "events/migrations/0079_add_search_vectors.py": `import django.contrib.postgres.search
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0078_event")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="search_vector_fi",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
    ]
`,
        "events/migrations/0078_event.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Event",
            fields=[("id", models.AutoField(primary_key=True)), ("name_fi", models.TextField(null=True))],
        ),
    ]
`,
      },
      path: "events/migrations/0080_populate_tsvectors.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0079_add_search_vectors")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=["UPDATE events_event SET search_vector_fi = to_tsvector('finnish', coalesce(name_fi, ''));"],
                    reverse_sql=migrations.RunSQL.noop,
                ),
            ],
        ),
    ]
`,
      lines: [11],
      severities: ["info"],
      messages: ["but events/migrations/0079_add_search_vectors.py, the migration just before it, added it with no value and nothing wrote it since"],
    },
    {
      framework: "django",
      name: "a project whose CI matrix also runs SQLite (pretalx): the backup copy is CREATE TABLE ... AS SELECT * FROM, which SQLite reads too (AS TABLE is PostgreSQL's alone)",
      code: `from django.db import migrations


def mark_legacy(apps, schema_editor):
    User = apps.get_model("person", "User")
    User.objects.update(state="legacy")


class Migration(migrations.Migration):
    dependencies = [("person", "0047_user_state")]

    operations = [
        migrations.RunPython(mark_legacy, migrations.RunPython.noop),
    ]
`,
      path: "person/migrations/0048_user_state_legacy.py",
      files: CI_MATRIX_SQLITE_POSTGRES,
      lines: [13],
      fixes: ["# keep a copy first, so the old values can be restored, in an operation before this one (on rollback its reverse runs after this one's):\nmigrations.RunSQL(\n    \"CREATE TABLE person_user_backup_0048 AS SELECT * FROM person_user\",\n    reverse_sql=\"DROP TABLE person_user_backup_0048\",\n),\n# then the RunPython as it is (to change only some rows, add their condition)"],
    },
    {
      framework: "django",
      name: "DELETE without WHERE in RunSQL, with params tuples",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0009_event")]

    operations = [
        migrations.RunSQL(
            [("DELETE FROM core_event WHERE kind = %s", ["debug"]), ("DELETE FROM core_session", None)],
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
`,
      lines: [9],
    },
    {
      framework: "django",
      name: "RunPython deleting every row through the ORM (reported on the RunPython that runs it)",
      code: `from django.db import migrations


def purge_sessions(apps, schema_editor):
    Session = apps.get_model("core", "Session")
    Session.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0009_session")]

    operations = [
        migrations.RunPython(purge_sessions, migrations.RunPython.noop),
    ]
`,
      lines: [13],
    },
    {
      framework: "django",
      name: "RunPython overwriting a column of every row with objects.update()",
      code: `from django.db import migrations


def reset_flags(apps, schema_editor):
    Account = apps.get_model("core", "Account")
    Account.objects.update(trial=False)


class Migration(migrations.Migration):
    dependencies = [("core", "0009_account")]

    operations = [
        migrations.RunPython(reset_flags, migrations.RunPython.noop),
    ]
`,
      lines: [13],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "RunSQL of a CASE that fills NULLs and keeps the rest (ELSE the column): every value kept",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "UPDATE app_order SET note = CASE WHEN note IS NULL THEN '' ELSE note END",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
`,
    },
    {
      framework: "django",
      name: "counters added by this migration, filled by an update whose fields are computed (update(**{name: ...}))",
      code: `from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery


def populate_counts(apps, schema_editor):
    ModuleType = apps.get_model("dcim", "ModuleType")
    for field_name, related_name in {"interface_count": "interfaces", "port_count": "ports"}.items():
        count = ModuleType.objects.filter(pk=OuterRef("pk")).annotate(_count=Count(related_name)).values("_count")
        ModuleType.objects.update(**{field_name: Subquery(count)})


class Migration(migrations.Migration):
    dependencies = [("dcim", "0235_previous")]

    operations = [
        migrations.AddField(model_name="moduletype", name="interface_count", field=models.PositiveIntegerField(default=0)),
        migrations.AddField(model_name="moduletype", name="port_count", field=models.PositiveIntegerField(default=0)),
        migrations.RunPython(populate_counts, migrations.RunPython.noop),
    ]
`,
      path: "dcim/migrations/0236_moduletype_counts.py",
    },
    {
      framework: "django",
      name: "RunPython writing a filtered queryset, or backfilling a field added just before",
      path: "core/migrations/0010_tidy.py",
      code: `from django.db import migrations, models


def tidy(apps, schema_editor):
    Session = apps.get_model("core", "Session")
    Session.objects.filter(expired=True).delete()
    Session.objects.all().exclude(user=None).update(kind="user")
    Account = apps.get_model("core", "Account")
    Account.objects.update(plan="free")


class Migration(migrations.Migration):
    dependencies = [("core", "0009_account")]

    operations = [
        migrations.AddField(model_name="account", name="plan", field=models.CharField(max_length=10, null=True)),
        migrations.RunPython(tidy, migrations.RunPython.noop),
    ]
`,
    },
    {
      framework: "django",
      name: "DELETE with WHERE",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0009_event")]

    operations = [migrations.RunSQL("DELETE FROM core_session WHERE expires_at < now()", migrations.RunSQL.noop)]
`,
    },
  ],
});
