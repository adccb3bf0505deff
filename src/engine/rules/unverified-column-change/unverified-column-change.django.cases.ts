import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

const NOTES_HISTORY = {
  "shop/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("notes", models.TextField(blank=True, default="")),
            ],
        ),
    ]
`,
};

/** 0002 redefines Order.notes (a NOT NULL text column with a default) as \`field\`, with \`imports\` */
const notesRedefined = (imports: string, field: string) => `${imports}
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="notes", field=${field}),
    ]
`;

/** the project's own field classes (janeway's core/model_utils.py): a chain of project classes down to a Django or package field */
const projectFields = (body: string) => ({ ...NOTES_HISTORY, "core/model_utils.py": body });

const BLEACH_FIELDS = projectFields(`from django_bleach.models import BleachField


class ProjectBleachField(BleachField):
    def from_db_value(self, value, expression, connection):
        return value


class ProjectBleachCharField(ProjectBleachField):
    def formfield(self, *args, **kwargs):
        return super().formfield(*args, **kwargs)
`);

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "a field class whose column type is not known, its previous definition at hand: only the type is said to be unknown",
      code: notesRedefined("import markup.fields", 'markup.fields.MarkupField(blank=True, default="")'),
      files: NOTES_HISTORY,
      path: "shop/migrations/0002_notes_markup.py",
      lines: [9],
      messages: ["becomes a MarkupField, a field class whose column type migguard does not know: if it is not the column's type (text)"],
    },
    {
      framework: "django",
      name: "AlterField to unique=True when the earlier migrations are not in the review",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("account", "0020_user_token")]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="token",
            field=models.UUIDField(editable=False, unique=True),
        ),
    ]
`,
      path: "account/migrations/0021_unique_token.py",
      lines: [8],
    },
    {
      framework: "django",
      name: "AlterField to NOT NULL with a default to fill the NULLs",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0007_previous")]

    operations = [
        migrations.AlterField(model_name="order", name="channel", field=models.CharField(max_length=20, default="web")),
    ]
`,
      path: "shop/migrations/0008_channel_required.py",
      lines: [8],
    },
    {
      framework: "django",
      name: "a project field class that chooses its own column type (db_type) stays unknown, though it extends a TextField",
      code: notesRedefined("import core.model_utils", 'core.model_utils.CaseInsensitiveTextField(blank=True, default="")'),
      files: projectFields(`from django.db import models


class CaseInsensitiveTextField(models.TextField):
    def db_type(self, connection):
        return "citext"
`),
      path: "shop/migrations/0002_notes_citext.py",
      lines: [9],
      messages: ["becomes a CaseInsensitiveTextField, a field class whose column type migguard does not know"],
    },
    {
      framework: "django",
      name: "a project CharField subclass whose __init__ may set max_length stays unknown",
      code: notesRedefined("import core.model_utils", 'core.model_utils.CodeField(blank=True, default="")'),
      files: projectFields(`from django.db import models


class CodeField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", CODE_LENGTH)
        super().__init__(*args, **kwargs)
`),
      path: "shop/migrations/0002_notes_code.py",
      lines: [9],
      messages: ["becomes a CodeField, a field class whose column type migguard does not know"],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a project field class (janeway's core.model_utils.JanewayBleachCharField) extending another project class that extends django-bleach's BleachField is a TextField: nothing changes in the database",
      code: notesRedefined("import core.model_utils", 'core.model_utils.ProjectBleachCharField(blank=True, default="")'),
      files: BLEACH_FIELDS,
      path: "shop/migrations/0002_notes_bleach.py",
    },
    {
      framework: "django",
      name: "a project field class extending models.TextField, imported by name, is a TextField: nothing changes in the database",
      code: notesRedefined("from core.model_utils import NotesField", 'NotesField(blank=True, default="")'),
      files: projectFields(`from django.db import models


class NotesField(models.TextField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "notes")
        super().__init__(*args, **kwargs)
`),
      path: "shop/migrations/0002_notes_project.py",
    },
    {
      framework: "django",
      name: "django-nh3's Nh3Field is a TextField: redefining a TextField of the history as one changes nothing in the database",
      code: notesRedefined("import django_nh3.models", 'django_nh3.models.Nh3Field(blank=True, default="")'),
      files: NOTES_HISTORY,
      path: "shop/migrations/0002_notes_nh3.py",
    },
    {
      framework: "django",
      name: "django-tinymce's HTMLField is a TextField (IFRC GO's api 0067): redefining a TextField of the history as one changes nothing in the database",
      code: notesRedefined("import tinymce.models", 'tinymce.models.HTMLField(blank=True, default="")'),
      files: NOTES_HISTORY,
      path: "shop/migrations/0002_notes_html.py",
    },
    {
      framework: "django",
      name: "the dependency is not in the review (a migration named without a number), the model's history is: the app's other migrations stand in for it, through RenameModel, AlterModelTable and RenameField",
      path: "checkout/migrations/0003_total_precision.py",
      files: {
        "checkout/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Cart",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("total", models.DecimalField(max_digits=12, decimal_places=2)),
                ("note", models.CharField(max_length=100, null=True)),
            ],
            options={"db_table": "cart_cart"},
        ),
    ]
`,
        "checkout/migrations/0002_rename_cart.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("checkout", "0001_initial")]
    operations = [
        migrations.RenameModel("Cart", "Checkout"),
        migrations.AlterModelTable(name="checkout", table=None),
        migrations.RenameField(model_name="checkout", old_name="note", new_name="customer_note"),
    ]
`,
      },
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("checkout", "fix_empty_notes")]

    operations = [
        migrations.AlterField(model_name="checkout", name="total", field=models.DecimalField(max_digits=14, decimal_places=2)),
        migrations.AlterField(model_name="checkout", name="customer_note", field=models.CharField(max_length=200, null=True)),
    ]
`,
    },
    {
      framework: "django",
      name: "the same kind of AlterField with the earlier migration given: only what changes is checked",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="note", field=models.TextField(null=True, help_text="free text")),
    ]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "an AlterField that only makes a column nullable cannot lock anything",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0007_previous")]

    operations = [
        migrations.AlterField(model_name="order", name="comment", field=models.TextField(null=True, blank=True)),
    ]
`,
      path: "shop/migrations/0008_comment_nullable.py",
    },
    {
      framework: "django",
      name: "a NOT NULL CharField redefined (max_length, choices...) is the common, harmless AlterField",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0007_previous")]

    operations = [
        migrations.AlterField(model_name="order", name="status", field=models.CharField(max_length=32, choices=[("new", "New"), ("paid", "Paid")])),
    ]
`,
      path: "shop/migrations/0008_status_choices.py",
    },
  ],
});
