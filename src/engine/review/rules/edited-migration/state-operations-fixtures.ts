/**
 * Django migrations whose operations sit in lists bound to names (allegro/ralph's virtual 0001: a class attribute
 * `state_operations = [...]` given to SeparateDatabaseAndState), for edited-migration's case table.
 */

/** ralph's virtual 0001: models moved from another app, Django's state only; `field` the CreateModel's extra field. */
export const movedModels = (options: { onDelete?: boolean; field?: string } = {}) => `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ("assets", "0008_auto_20160122_1429"),
    ]

    # move models from data_center app
    state_operations = [
        migrations.CreateModel(
            name="CloudProject",
            fields=[
                ("baseobject_ptr", models.OneToOneField(primary_key=True, to="assets.BaseObject", auto_created=True, parent_link=True, serialize=False${options.onDelete ? ", on_delete=django.db.models.deletion.CASCADE" : ""})),${options.field ? `\n                ${options.field},` : ""}
            ],
            bases=("assets.baseobject",),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations)
    ]
`;
export const movedModelsPath = "ralph/virtual/migrations/0001_initial.py";

/**
 * The same move with the database's half bound to a module-level name and more operations joined on with `+`:
 * `sql` the statement the database half runs, `size` the max_length of the field the joined list adds.
 */
export const movedWithDatabase = (sql: string, size: number, inlineState = "") => `from django.db import migrations, models

database_operations = [
    migrations.RunSQL("${sql}", migrations.RunSQL.noop),
]

more = [
    migrations.AddField(model_name="cloudproject", name="label", field=models.CharField(max_length=${size}, null=True)),
]


class Migration(migrations.Migration):

    dependencies = [
        ("virtual", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=database_operations,
            state_operations=[
                migrations.CreateModel(name="Host", fields=[("id", models.AutoField(primary_key=True))${inlineState}]),
            ],
        ),
    ] + more
`;
export const movedWithDatabasePath = "ralph/virtual/migrations/0002_host.py";
