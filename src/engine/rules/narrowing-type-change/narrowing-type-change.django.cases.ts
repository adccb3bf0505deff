import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

/** bookwyrm's author.born before 0233 (a DateTimeField), and its fields module: PartialDateField's column is a DateTimeField's */
const AUTHOR_INITIAL = {
  "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Author",
            fields=[("id", models.AutoField(primary_key=True)), ("born", models.DateTimeField(null=True)), ("name", models.CharField(max_length=255))],
        ),
    ]
`,
};

const FIELDS_MODULE = `from django.db import models


class PartialDateModel(models.DateTimeField):
    pass


class ActivitypubFieldMixin:
    activitypub_field = None


class PartialDateField(ActivitypubFieldMixin, PartialDateModel):
    pass


class ShortNameField(ActivitypubFieldMixin, models.CharField):
    pass
`;

/** bookwyrm's 0233: AlterField to the project's PartialDateField */
const alterTo = (field: string) => `from django.db import migrations, models
import app.models.fields


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="author", name="${field.startsWith("app.models.fields.Short") ? "name" : "born"}", field=${field}),
    ]
`;

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "max_length 200 -> 50 and BigIntegerField -> IntegerField",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="number", field=models.CharField(max_length=50)),
        migrations.AlterField(model_name="order", name="total", field=models.IntegerField()),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8, 9],
      // PostgreSQL aborts the ALTER on a misfit (never cuts it): the fix checks first, keeps no copy, and reverses
      messages: ["aborts the ALTER at the first value that does not fit (it never truncates)", "aborts the ALTER at the first value that does not fit (it never truncates)"],
      fixes: [
        `# stop before the rewrite if a value does not fit varchar(50) (PostgreSQL would abort the ALTER at that row, after rewriting the rows before it):
migrations.RunSQL("DO $$ BEGIN IF EXISTS (SELECT FROM app_order WHERE length(number::text) > 50) THEN RAISE EXCEPTION 'some values of app_order.number do not fit varchar(50)'; END IF; END $$", reverse_sql=migrations.RunSQL.noop),
migrations.AlterField(model_name="order", name="number", field=models.CharField(max_length=50)),`,
        `# stop before the rewrite if a value does not fit integer (PostgreSQL would abort the ALTER at that row, after rewriting the rows before it):
migrations.RunSQL("DO $$ BEGIN IF EXISTS (SELECT FROM app_order WHERE total NOT BETWEEN -2147483648 AND 2147483647) THEN RAISE EXCEPTION 'some values of app_order.total do not fit integer'; END IF; END $$", reverse_sql=migrations.RunSQL.noop),
migrations.AlterField(model_name="order", name="total", field=models.IntegerField()),`,
      ],
    },
    {
      framework: "django",
      name: "DateTimeField -> DateField: the time of day is cut, so the copy's reverse, which runs after the AlterField's (back to timestamptz), sets the old values again before it drops the copy",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="author", name="born", field=models.DateField(null=True)),
    ]
`,
      files: AUTHOR_INITIAL,
      lines: [8],
      fixes: [
        `# stop if a value does not fit date, and keep a copy of the old values (a column of the new type beside the old one is safer still):
migrations.RunSQL("DO $$ BEGIN IF EXISTS (SELECT FROM app_author WHERE born::time <> '00:00') THEN RAISE EXCEPTION 'some values of app_author.born do not fit date'; END IF; END $$", reverse_sql=migrations.RunSQL.noop),
migrations.RunSQL("CREATE TABLE app_author_born_backup_0002 AS SELECT id, born FROM app_author", reverse_sql="UPDATE app_author SET born = b.born FROM app_author_born_backup_0002 b WHERE app_author.id = b.id; DROP TABLE app_author_born_backup_0002"),
migrations.AlterField(model_name="author", name="born", field=models.DateField(null=True)),`,
      ],
    },
    {
      framework: "django",
      name: "a project field class resolved through its bases to a CharField: max_length 255 -> 40 narrows",
      path: "app/migrations/0002_short_name.py",
      code: alterTo("app.models.fields.ShortNameField(max_length=40)"),
      files: { ...AUTHOR_INITIAL, "app/models/fields.py": FIELDS_MODULE },
      lines: [9],
    },
    {
      framework: "django",
      name: "manage.get.gov 0191: CharField -> ArrayField(CharField): Django's USING number::varchar(200)[] reads each value as an array literal and stops at the first that is not one: an error whose fix keeps each value as the array's one element",
      code: `import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="number", field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=200), size=None)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
      severities: ["error"],
      messages: ['stops the migration with "malformed array literal"'],
      fixes: [
        `# each number becomes a one-element array (NULL stays NULL); a value that holds several (a list kept as text)
# needs splitting by the project's own separator instead, string_to_array(number, ...): migguard does not know it
migrations.SeparateDatabaseAndState(
    database_operations=[
        migrations.RunSQL("ALTER TABLE app_order ALTER COLUMN number TYPE varchar(200)[] USING CASE WHEN number IS NULL THEN NULL ELSE ARRAY[number]::varchar(200)[] END", reverse_sql="ALTER TABLE app_order ALTER COLUMN number TYPE varchar(200) USING array_to_string(number, ',')"),
    ],
    state_operations=[
        migrations.AlterField(model_name="order", name="number", field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=200), size=None)),
    ],
),`,
      ],
    },
    {
      framework: "django",
      name: "a column of type name (added by RunSQL under a project field class of unknown type) made an ArrayField: name is a string type, its values read as array literals too",
      path: "app/migrations/0003_order_labels.py",
      code: `import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0002_order_label")]

    operations = [
        migrations.AlterField(model_name="order", name="label", field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=63), null=True, size=None)),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/migrations/0002_order_label.py": `import app.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL("ALTER TABLE app_order ADD COLUMN label name", reverse_sql="ALTER TABLE app_order DROP COLUMN label")],
            state_operations=[migrations.AddField(model_name="order", name="label", field=app.fields.LabelField(null=True))],
        ),
    ]
`,
      },
      lines: [9],
      severities: ["error"],
      messages: ["Changing app_order.label from name to varchar(63)[] casts each value with `label::varchar(63)[]`"],
    },
    {
      framework: "django",
      name: "berth-reservations 0003: a RunSQL UPDATE without WHERE converts every value before the AlterField narrows the type: a note",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL(sql="UPDATE app_order SET total = total / 1000;", reverse_sql="UPDATE app_order SET total = total * 1000;"),
        migrations.AlterField(model_name="order", name="total", field=models.IntegerField()),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
      severities: ["info"],
      messages: ["narrows the type, but this migration converted every value of total first (line 8), so they are meant to fit integer. The ALTER still fails if one does not: keep the check of the fix before it."],
    },
    {
      framework: "django",
      name: "a RunPython whose queryset update() sets the column on every row (no filter) converts every value first: a note",
      code: `from django.db import migrations, models
from django.db.models import F


def to_thousands(apps, schema_editor):
    Order = apps.get_model("app", "Order")
    Order.objects.update(total=F("total") / 1000)


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunPython(to_thousands, migrations.RunPython.noop),
        migrations.AlterField(model_name="order", name="total", field=models.IntegerField()),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [15],
      severities: ["info"],
      messages: ["narrows the type, but this migration converted every value of total first (line 14)"],
    },
    {
      framework: "django",
      name: "a RunSQL UPDATE with a WHERE converts only some values: a warning",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL(sql="UPDATE app_order SET total = total / 1000 WHERE total > 1000000;", reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(model_name="order", name="total", field=models.IntegerField()),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
      severities: ["warning"],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "bookwyrm 0233: PartialDateField ends in DateField, but its base PartialDateModel is a DateTimeField: the column stays timestamptz",
      path: "app/migrations/0002_author_born.py",
      code: alterTo("app.models.fields.PartialDateField(blank=True, null=True)"),
      files: { ...AUTHOR_INITIAL, "app/models/fields.py": FIELDS_MODULE },
    },
    {
      framework: "django",
      name: "a project field class whose base comes from a module migguard did not read: its column type is unknown, not narrower",
      path: "app/migrations/0002_author_born.py",
      code: alterTo("app.models.fields.PartialDateField(blank=True, null=True)"),
      files: { ...AUTHOR_INITIAL, "app/models/fields.py": FIELDS_MODULE.replace("class PartialDateModel(models.DateTimeField):\n    pass\n", "from app.utils.partial_date import PartialDateModel\n") },
    },
    {
      framework: "django",
      name: "a field class of a package the project does not define, named like a DateField: unknown, not narrower",
      path: "app/migrations/0002_author_born.py",
      code: alterTo("partial_dates.PartialDateField(null=True)"),
      files: AUTHOR_INITIAL,
    },
    {
      framework: "django",
      name: "widening",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterField(model_name="order", name="quantity", field=models.BigIntegerField(null=True))]
`,
      files: DJANGO_INITIAL,
    },
  ],
});
