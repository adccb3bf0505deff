import { DJANGO_INITIAL, PGHISTORY_INITIAL, pgtriggerAddTrigger } from "../../testing/python-fixtures.js";
import { CF_PUSH_THEN_MIGRATE } from "../../testing/deploy-fixtures.js";
import { defineCases } from "../support/rule.js";

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "code-before-migrate deploy: the new model's field names the new column before the rename creates it: the new code's failure, and the fix keeps the column with db_column (right in either order)",
      config: { deploy: "code-before-migrate" },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="jobevent", old_name="title", new_name="name"),
    ]
`,
      files: PGHISTORY_INITIAL,
      lines: [8],
      severities: ["error"],
      messages: ["and the new code queries app_jobevent.name, which does not exist until the rename"],
    },
    {
      framework: "django",
      name: "DefectDojo 0286: a column of a django-pghistory event table renamed, and the tracked model's triggers recreated in the same migration (AddTrigger): database triggers write the rows, so a note",
      code: `from django.db import migrations
import pgtrigger.compiler
import pgtrigger.migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="job", old_name="title", new_name="name"),
        migrations.RenameField(model_name="jobevent", old_name="title", new_name="name"),
        ${pgtriggerAddTrigger("insert_insert", '"id", "name"')}
    ]
`,
      files: PGHISTORY_INITIAL,
      lines: [10, 11],
      severities: ["error", "info"],
      messages: ["", "app_jobevent is django-pghistory's event table of Job, whose rows database triggers on Job write, not the application, and this migration recreates those triggers (line 12)"],
    },
    {
      framework: "django",
      name: "the same rename of an event table's column without the triggers recreated: the old triggers insert into the old name, the error stays",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="jobevent", old_name="title", new_name="name"),
    ]
`,
      files: PGHISTORY_INITIAL,
      lines: [8],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "the kept field reads Decimal, which its earlier migration imports and this one does not (ma-cantine's 0261 price_ht): the fix imports it as that migration does",
      path: "shop/migrations/0002_rename_price.py",
      code: `import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="purchase", old_name="price_ht", new_name="prix_ht"),
    ]
`,
      files: {
        "shop/migrations/0001_initial.py": `from decimal import Decimal

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Purchase",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("price_ht", models.DecimalField(decimal_places=2, max_digits=20, validators=[django.core.validators.MinValueValidator(Decimal("0"))])),
            ],
        ),
    ]
`,
      },
      lines: [9],
      fixes: [
        [
          "# at the top of the migration:",
          "from decimal import Decimal",
          "# keep the column price_ht: with db_column set first, RenameField changes only Django's name for it",
          'migrations.AlterField(model_name="Purchase", name="price_ht", field=models.DecimalField(decimal_places=2, max_digits=20, validators=[django.core.validators.MinValueValidator(Decimal("0"))], db_column="price_ht")),',
          'migrations.RenameField(model_name="Purchase", old_name="price_ht", new_name="prix_ht"),',
          '# and in the model: prix_ht = models.DecimalField(decimal_places=2, max_digits=20, validators=[django.core.validators.MinValueValidator(Decimal("0"))], db_column="price_ht")',
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "karrot-backend invitations 0002: the kept ForeignKey reads django.db.models.deletion.CASCADE, and the migration imports only `from django.db import migrations`: the fix imports the module as 0001 does (a `from django.db import ...` binds no name django)",
      path: "karrot/invitations/migrations/0002_auto_20170717_1848.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('invitations', '0001_initial'),
    ]

    operations = [
        migrations.RenameField(
            model_name='invitation',
            old_name='inviter',
            new_name='invited_by',
        ),
    ]
`,
      files: {
        "karrot/invitations/migrations/0001_initial.py": `from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('inviter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
        ),
    ]
`,
      },
      lines: [11],
      fixes: [
        [
          "# at the top of the migration:",
          "from django.db import models",
          "import django.db.models.deletion",
          "from django.conf import settings",
          "# keep the column inviter_id: with db_column set first, RenameField changes only Django's name for it",
          'migrations.AlterField(model_name="Invitation", name="inviter", field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL, db_column="inviter_id")),',
          'migrations.RenameField(model_name="Invitation", old_name="inviter", new_name="invited_by"),',
          '# and in the model: invited_by = models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL, db_column="inviter_id")',
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "a column moved aside with RunSQL for a new field of the same name, added right after (awx's JSONBlob to JSONField): old code finds the name, on the new column's values",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE app_order RENAME note TO note_old",
            state_operations=[migrations.RemoveField(model_name="order", name="note")],
        ),
        migrations.AddField(model_name="order", name="note", field=models.JSONField(null=True)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
      messages: ["moves its values away from the running code: note is added anew later in this migration"],
    },
    {
      framework: "django",
      name: "RenameField renames the column (a ForeignKey's _id column too)",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="order", old_name="note", new_name="comment"),
        migrations.RenameField(model_name="order", old_name="customer", new_name="buyer"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8, 9],
    },
    {
      framework: "django",
      name: "khoj 0076: RenameModel of the key's target, then RenameField of the key: the fix's AlterField names the model as the state has it after the rename (the old name no longer resolves; sqlmigrate fails)",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RenameModel(old_name="Customer", new_name="Client"),
        migrations.RenameField(model_name="order", old_name="customer", new_name="client"),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [9],
      fixes: [
        '# at the top of the migration:\nfrom django.db import models\n# keep the column customer_id: with db_column set first, RenameField changes only Django\'s name for it\nmigrations.AlterField(model_name="Order", name="customer", field=models.ForeignKey(on_delete=models.CASCADE, to="app.client", db_column="customer_id")),\nmigrations.RenameField(model_name="Order", old_name="customer", new_name="client"),\n# and in the model: client = models.ForeignKey(on_delete=models.CASCADE, to="app.client", db_column="customer_id")',
      ],
    },
    {
      framework: "django",
      name: "code-first deploy (cf push, then a migrate task): the new code names comment before the migration creates it, so the rename stays an error",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RenameField(model_name="order", old_name="note", new_name="comment")]
`,
      files: { ...DJANGO_INITIAL, ...CF_PUSH_THEN_MIGRATE },
      lines: [7],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "IntelOwl 0058_2: an AlterField makes a ForeignKey a CharField, moving its column customer_id to customer: the fix is the AlterField with db_column, no RenameField to the same name",
      path: "app/migrations/0002_order_customer_name.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="customer", field=models.CharField(max_length=100)),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: [
        '# keep the column customer_id: with db_column set, the AlterField changes the field without renaming its column\nmigrations.AlterField(model_name="Order", name="customer", field=models.CharField(max_length=100, db_column="customer_id")),\n# and in the model: customer = models.CharField(max_length=100, db_column="customer_id")',
      ],
    },
    {
      framework: "django",
      name: "ralph's trade_marks 0013: an AlterField makes an integer field a ForeignKey, moving its column quantity to quantity_id: the fix keeps the field's name with db_column (renaming the field to quantity_id would give it the attribute quantity_id_id)",
      path: "app/migrations/0002_order_quantity_key.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="quantity", field=models.ForeignKey(null=True, on_delete=models.CASCADE, to="app.customer")),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: [
        '# keep the column quantity: with db_column set, the AlterField changes the field without renaming its column\nmigrations.AlterField(model_name="Order", name="quantity", field=models.ForeignKey(null=True, on_delete=models.CASCADE, to="app.customer", db_column="quantity")),\n# and in the model: quantity = models.ForeignKey(null=True, on_delete=models.CASCADE, to="app.customer", db_column="quantity")',
      ],
    },
    {
      framework: "django",
      name: "IntelOwl 0058_2 and 0058_4: a later migration adds a foreign key whose column is the kept name: the fix says that migration must move the kept column away",
      path: "app/migrations/0002_order_customer_name.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="customer", field=models.CharField(max_length=100)),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/migrations/0003_order_note.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0002_order_customer_name")]

    operations = [
        migrations.AddField(model_name="order", name="note", field=models.TextField(null=True)),
    ]
`,
        "app/migrations/0004_order_customer_key.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0003_order_note")]

    operations = [
        migrations.RenameField(model_name="order", old_name="customer", new_name="old_customer"),
        migrations.AddField(model_name="order", name="customer", field=models.ForeignKey(null=True, on_delete=models.CASCADE, to="app.customer")),
    ]
`,
      },
      lines: [8],
      fixes: [
        '# keep the column customer_id: with db_column set, the AlterField changes the field without renaming its column\n# app/migrations/0004_order_customer_key.py:9 adds customer_id to app_order again: with the column kept under that name it fails ("column already exists"). That migration must first move this field\'s column away (an AlterField with another db_column), or keep this rename as written and deploy it with the code that stops using customer_id\nmigrations.AlterField(model_name="Order", name="customer", field=models.CharField(max_length=100, db_column="customer_id")),\n# and in the model: customer = models.CharField(max_length=100, db_column="customer_id")',
      ],
    },
    {
      framework: "django",
      name: "an AlterField makes a ForeignKey a CharField (customer_id moves to customer) and a later migration renames another foreign key onto customer: its column takes the kept name customer_id, so the fix names that rename",
      path: "app/migrations/0002_order_customer_name.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="customer", field=models.CharField(max_length=100)),
    ]
`,
      files: {
        ...DJANGO_INITIAL,
        "app/migrations/0003_order_note.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0002_order_customer_name")]

    operations = [
        migrations.AddField(model_name="order", name="note", field=models.TextField(null=True)),
    ]
`,
        "app/migrations/0004_order_buyer.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0003_order_note")]

    operations = [
        migrations.AddField(model_name="order", name="buyer", field=models.ForeignKey(null=True, on_delete=models.CASCADE, to="app.customer")),
        migrations.RenameField(model_name="order", old_name="customer", new_name="customer_name"),
        migrations.RenameField(model_name="order", old_name="buyer", new_name="customer"),
    ]
`,
      },
      lines: [8],
      fixes: [
        '# keep the column customer_id: with db_column set, the AlterField changes the field without renaming its column\n# app/migrations/0004_order_buyer.py:10 renames buyer_id to customer_id on app_order: with the column kept under that name it fails ("column already exists"). That migration must first move this field\'s column away (an AlterField with another db_column), or keep this rename as written and deploy it with the code that stops using customer_id\nmigrations.AlterField(model_name="Order", name="customer", field=models.CharField(max_length=100, db_column="customer_id")),\n# and in the model: customer = models.CharField(max_length=100, db_column="customer_id")',
      ],
    },
    {
      framework: "django",
      name: "an AlterField makes a ForeignKey a CharField (customer_id moves to customer) and the same migration adds a foreign key whose db_column is customer_id: the fix names that step of this migration",
      path: "app/migrations/0002_order_customer_name.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="customer", field=models.CharField(max_length=100)),
        migrations.AddField(model_name="order", name="buyer", field=models.ForeignKey(null=True, on_delete=models.CASCADE, to="app.customer", db_column="customer_id")),
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      fixes: [
        '# keep the column customer_id: with db_column set, the AlterField changes the field without renaming its column\n# this migration, at line 9, adds customer_id to app_order again: with the column kept under that name it fails ("column already exists"). That step must first move this field\'s column away (an AlterField with another db_column), or keep this rename as written and deploy it with the code that stops using customer_id\nmigrations.AlterField(model_name="Order", name="customer", field=models.CharField(max_length=100, db_column="customer_id")),\n# and in the model: customer = models.CharField(max_length=100, db_column="customer_id")',
      ],
    },
    {
      framework: "django",
      name: "the next migration renames title onto action's column (e-petitions' pair in Django): db_column would keep action there and make it fail, and no release runs between, so the RenameField stays as written with the rollout said",
      path: "app/migrations/0002_background.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RenameField(model_name="petition", old_name="action", new_name="background"),
    ]
`,
      files: {
        "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    operations = [
        migrations.CreateModel(
            name="Petition",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("title", models.CharField(max_length=150)),
                ("action", models.CharField(max_length=200, null=True)),
            ],
        ),
    ]
`,
        "app/migrations/0003_title_to_action.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0002_background")]

    operations = [
        migrations.RenameField(model_name="petition", old_name="title", new_name="action"),
    ]
`,
      },
      lines: [8],
      fixes: ["# keep this rename as written: app/migrations/0003_title_to_action.py:8 renames title to action on app_petition, the very next migration, so no release can run between the two to drop action\n# once no code uses it; keeping action in place beside background (db_column) would make that migration fail (\"column already exists\").\n# Ship both with the code that uses background: until every server runs it, the old code's queries of action fail, and once that migration\n# has run they read the other column's values under the name (stop the old code first where that matters: a maintenance window)\nmigrations.RenameField(model_name=\"petition\", old_name=\"action\", new_name=\"background\"),"],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "a field with db_column keeps its column name",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.RenameField(model_name="order", old_name="reference", new_name="external_reference")]
`,
      files: DJANGO_INITIAL,
    },
    {
      framework: "django",
      name: "Baserow 0151: AlterField names the field's own column in db_column, then RenameField: the column keeps its name",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="note", field=models.TextField(db_column="note", null=True)),
        migrations.RenameField(model_name="order", old_name="note", new_name="_note"),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});
