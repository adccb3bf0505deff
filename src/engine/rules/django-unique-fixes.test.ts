/**
 * Django fixes on unique fields (#14, the eighth replay, rapidpro): a callable default such as uuid.uuid4 is called
 * once by AddField and AlterField for all existing rows, so a fix that adds or fills a unique field with it collides
 * as soon as the table has two rows.
 */
import { analyzeLoaded, loadEngine } from "../analyze.js";

beforeAll(() => loadEngine());

const INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Group",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("uuid", models.CharField(max_length=36, unique=True)),
                ("name", models.CharField(max_length=64)),
            ],
        ),
    ]
`;

const fixesOf = (rule: string, content: string) =>
  analyzeLoaded({
    files: [
      { path: "app/migrations/0001_initial.py", content: INITIAL },
      { path: "app/migrations/0002_change.py", content },
    ],
  })
    .findings.filter((f) => f.rule === rule && f.path === "app/migrations/0002_change.py")
    .map((f) => f.fix);

describe("Django fixes on unique fields", () => {
  it("column-type-change adds the new field without unique and without the callable default (contacts 0218_alter_contactgroup_uuid)", () => {
    const [fix] = fixesOf(
      "column-type-change",
      `import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="Group", name="uuid", field=models.UUIDField(default=uuid.uuid4, unique=True)),
    ]
`,
    );
    expect(fix).toContain('migrations.AddField(model_name="Group", name="uuid_new", field=models.UUIDField(null=True)),');
    // DROP COLUMN takes the old column's unique constraint: the swap attaches one built CONCURRENTLY before it
    expect(fix).toContain("CREATE UNIQUE INDEX CONCURRENTLY app_group_uuid_key_new ON app_group (uuid_new)");
    expect(fix).toContain("ALTER TABLE app_group ADD CONSTRAINT app_group_uuid_key UNIQUE USING INDEX app_group_uuid_key_new;");
    // the state still gets the field as written
    expect(fix).toContain('migrations.AlterField(model_name="Group", name="uuid", field=models.UUIDField(default=uuid.uuid4, unique=True)),');
  });

  it("required-column-without-default on a unique field with a callable default gives each row its own value (Django's recipe)", () => {
    const [fix] = fixesOf(
      "required-column-without-default",
      `import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="Group", name="public_id", field=models.UUIDField(default=uuid.uuid4, unique=True)),
    ]
`,
    );
    expect(fix).toContain('migrations.AddField(model_name="Group", name="public_id", field=models.UUIDField(null=True)),');
    expect(fix).toContain("row.public_id = uuid.uuid4()");
    expect(fix).toContain('migrations.AlterField(model_name="Group", name="public_id", field=models.UUIDField(default=uuid.uuid4, unique=True)),');
    expect(fix).not.toContain("db_default");
  });

  it("set-not-null on a unique field fills each NULL row with its own value of the callable default (triggers 0049_alter_trigger_uuid)", () => {
    const fixes = fixesOf(
      "set-not-null",
      `import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AddField(model_name="group", name="token", field=models.UUIDField(null=True, unique=True)),
        migrations.AlterField(model_name="group", name="token", field=models.UUIDField(default=uuid.uuid4, unique=True)),
    ]
`,
    );
    const fix = fixes.find((f) => f.includes("fill_app_group_token"));
    expect(fix).toContain("row.token = default()");
    expect(fix).toContain('Model.objects.bulk_update(rows, ["token"])');
    expect(fix).not.toContain("get_db_prep_save");
  });

  it("drop-table of a many-to-many RemoveField removes the field from the state, never the owning model (flows 0406_remove_flow_optin_dependencies)", () => {
    const files = [
      {
        path: "app/migrations/0001_initial.py",
        content: `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(name="OptIn", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Flow",
            fields=[("id", models.BigAutoField(primary_key=True)), ("optin_dependencies", models.ManyToManyField(related_name="dependent_flows", to="app.optin"))],
        ),
    ]
`,
      },
      {
        path: "app/migrations/0002_remove_flow_optin_dependencies.py",
        content: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="flow", name="optin_dependencies"),
    ]
`,
      },
    ];
    const [fix] = analyzeLoaded({ files })
      .findings.filter((f) => f.rule === "drop-table")
      .map((f) => f.fix);
    expect(fix).toContain('migrations.SeparateDatabaseAndState(\n    state_operations=[migrations.RemoveField(model_name="flow", name="optin_dependencies")],\n    database_operations=[');
    // the kept join table's foreign keys go with the field: nothing deletes its rows with the flows they point at
    expect(fix).toContain("conrelid IN ('app_flow_optin_dependencies'::regclass)");
    expect(fix).not.toContain("DeleteModel");
  });
});

