import { defineCases } from "../support/rule.js";

/** Another app's data migration, with or without a way back. */
const dataMigration = (n: number, reverse: boolean) => `from django.db import migrations


def fix_rows(apps, schema_editor):
    User = apps.get_model("users", "User")
    User.objects.filter(email="").update(email=None)


class Migration(migrations.Migration):
    dependencies = [("users", "000${n}_previous")]

    operations = [
        migrations.RunPython(fix_rows${reverse ? ", migrations.RunPython.noop" : ""}),
    ]
`;
/** Five other migrations with RunPython steps, `reversible` of them with a reverse. */
const others = (reversible: number) => Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`users/migrations/000${n + 1}_fix_rows.py`, dataMigration(n, n <= reversible)]));

/** A schema change and a data step without a reverse (JumpServer's re-encrypted access keys). */
const alterAndFill = `from django.db import migrations, models


def encrypt_secrets(apps, schema_editor):
    AccessKey = apps.get_model("authentication", "AccessKey")
    for key in AccessKey.objects.all():
        key.save()


class Migration(migrations.Migration):
    dependencies = [("authentication", "0007_previous")]

    operations = [
        migrations.AlterField(model_name="accesskey", name="secret", field=models.CharField(max_length=512)),
        migrations.RunPython(encrypt_secrets),
    ]
`;

/** core's Profile: a label, a secret and the two name fields ephios 0023 merges */
const PROFILE_INIT = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Profile",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("label", models.CharField(max_length=254)),
                ("client_secret", models.CharField(max_length=254)),
                ("first_name", models.CharField(max_length=254)),
                ("last_name", models.CharField(max_length=254)),
            ],
        ),
    ]
`;

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "ephios guests 0007: a RunPython deletes rows of a multi-table-inheritance child, whose delete() removes the parent's rows too: the parent's table is copied after the child's, so the reverses put the parent rows back before the child rows that reference them",
      path: "events/migrations/0002_dedupe.py",
      files: {
        "events/migrations/0001_initial.py": `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Participation", fields=[("id", models.BigAutoField(primary_key=True)), ("state", models.IntegerField())]),
        migrations.CreateModel(
            name="GuestParticipation",
            fields=[
                ("participation_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to="events.participation")),
                ("email", models.EmailField(max_length=254)),
            ],
            bases=("events.participation",),
        ),
    ]
`,
      },
      code: `from django.db import migrations


def dedupe(apps, schema_editor):
    GuestParticipation = apps.get_model("events", "GuestParticipation")
    GuestParticipation.objects.filter(email="").delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(dedupe)]
`,
      lines: [12],
      fixes: [
        [
          '# GuestParticipation.objects.filter(email="").delete(): RunPython.noop alone does not restore the rows it deletes, so unapplying',
          "# would report the migration undone while they stay deleted. Keep a copy first (copy only the rows it changes if the table",
          "# is large), in an operation before the RunPython: unapplying runs its reverse after the RunPython's, and puts them back.",
          "migrations.RunSQL(",
          '    "CREATE TABLE events_guestparticipation_backup_0002 AS TABLE events_guestparticipation",',
          '    reverse_sql="INSERT INTO events_guestparticipation SELECT b.* FROM events_guestparticipation_backup_0002 b WHERE NOT EXISTS (SELECT 1 FROM events_guestparticipation x WHERE x.participation_ptr_id = b.participation_ptr_id); DROP TABLE events_guestparticipation_backup_0002",',
          "),",
          "migrations.RunSQL(",
          '    "CREATE TABLE events_participation_backup_0002 AS TABLE events_participation",',
          '    reverse_sql="INSERT INTO events_participation SELECT b.* FROM events_participation_backup_0002 b WHERE NOT EXISTS (SELECT 1 FROM events_participation x WHERE x.id = b.id); DROP TABLE events_participation_backup_0002",',
          "),",
          "migrations.RunPython(dedupe, reverse_code=migrations.RunPython.noop),",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "ephios 0030: a RunPython that assigns only a field the migration adds before it, then save()s each row: save() writes the other columns back as it fetched them, so the reverse is the no-op (no copy of the table and its secrets)",
      path: "core/migrations/0002_profile_internal_name.py",
      files: { "core/migrations/0001_initial.py": PROFILE_INIT },
      code: `from django.db import migrations, models


def set_internal_names(apps, schema_editor):
    Profile = apps.get_model("core", "Profile")
    for profile in Profile.objects.all():
        profile.internal_name = profile.label
        profile.save()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.AddField(model_name="profile", name="internal_name", field=models.CharField(max_length=255, null=True)),
        migrations.RunPython(set_internal_names),
    ]
`,
      lines: [16],
      fixes: ["migrations.RunPython(set_internal_names, reverse_code=migrations.RunPython.noop)  # it writes only core_profile.internal_name, which this migration adds before it: unapplying removes it right after, so there is nothing to restore"],
    },
    {
      framework: "django",
      name: "ephios 0023: a RunPython that fills a new field from two it then removes: unapplying adds them back empty, so a copy of them is kept before it and its reverse sets them again",
      path: "core/migrations/0002_profile_display_name.py",
      files: { "core/migrations/0001_initial.py": PROFILE_INIT },
      code: `from django.db import migrations, models


def migrate_name(apps, schema_editor):
    Profile = apps.get_model("core", "Profile")
    for profile in Profile.objects.all():
        profile.display_name = f"{profile.first_name} {profile.last_name}"
        profile.save()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.AddField(model_name="profile", name="display_name", field=models.CharField(default="", max_length=254), preserve_default=False),
        migrations.RunPython(migrate_name),
        migrations.RemoveField(model_name="profile", name="first_name"),
        migrations.RemoveField(model_name="profile", name="last_name"),
    ]
`,
      lines: [16],
      fixes: [
        [
          "# it reads core_profile.first_name and core_profile.last_name, which this migration drops after it (lines 17, 18): unapplying adds them back empty,",
          "# so keep a copy first, in an operation before the RunPython: its reverse runs once they are back, and sets the values again.",
          "migrations.RunSQL(",
          '    "CREATE TABLE core_profile_backup_0002 AS TABLE core_profile",',
          '    reverse_sql="UPDATE core_profile SET first_name = b.first_name, last_name = b.last_name FROM core_profile_backup_0002 b WHERE core_profile.id = b.id; DROP TABLE core_profile_backup_0002",',
          "),",
          "migrations.RunPython(migrate_name, reverse_code=migrations.RunPython.noop)  # it writes only core_profile.display_name, which this migration adds before it: unapplying removes it right after, so there is nothing of its own to restore",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "a RunPython whose reverse_code raises before anything, beside a field removed: the author's statement that the migration is one-way, a warning that quotes the raise and keeps it",
      path: "users/migrations/0009_drop_nickname.py",
      code: `from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("users", "User")
    User.objects.filter(nickname="").update(nickname=None)


def backwards(apps, schema_editor):
    raise RuntimeError("Cannot go back: nicknames are dropped")


class Migration(migrations.Migration):
    dependencies = [("users", "0008_previous")]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="user", name="nickname"),
    ]
`,
      lines: [17],
      severities: ["warning"],
      messages: ['raises (`raise RuntimeError("Cannot go back: nicknames are dropped")`)'],
    },
    {
      framework: "django",
      name: "a data-only RunPython whose reverse_code raises: one-way by its author's choice, a note",
      path: "users/migrations/0009_clear_nicknames.py",
      code: `from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("users", "User")
    User.objects.filter(nickname="").update(nickname=None)


def backwards(apps, schema_editor):
    """The empty nicknames are not kept."""
    raise NotImplementedError


class Migration(migrations.Migration):
    dependencies = [("users", "0008_previous")]

    operations = [migrations.RunPython(forwards, backwards)]
`,
      lines: [17],
      severities: ["info"],
    },
    {
      framework: "django",
      name: "a RunPython without reverse_code, then a RunSQL without reverse_sql (linkedevents 0001_remove_allauth_remnants): one finding that names both, the fix gives each its way back",
      code: `from django.db import migrations


def remove_contenttypes(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="account").delete()


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.RunPython(remove_contenttypes),
        migrations.RunSQL("DROP TABLE IF EXISTS account_emailaddress"),
    ]
`,
      lines: [13],
      messages: ["RunPython on line 13 has no reverse_code and RunSQL on line 14 has no reverse_sql, so Django refuses to unapply it"],
      fixes: [
        `# ContentType.objects.filter(app_label="account").delete(): RunPython.noop alone does not restore the rows it deletes, so unapplying
# would report the migration undone while they stay deleted. Keep a copy first (copy only the rows it changes if the table
# is large), in an operation before the RunPython: unapplying runs its reverse after the RunPython's, and puts them back.
# contenttypes_contenttype's primary key is not in the migrations migguard read: the framework's id is assumed
migrations.RunSQL(
    "CREATE TABLE contenttypes_contenttype_backup_0002 AS TABLE contenttypes_contenttype",
    reverse_sql="INSERT INTO contenttypes_contenttype SELECT b.* FROM contenttypes_contenttype_backup_0002 b WHERE NOT EXISTS (SELECT 1 FROM contenttypes_contenttype x WHERE x.id = b.id); DROP TABLE contenttypes_contenttype_backup_0002",
),
migrations.RunPython(remove_contenttypes, reverse_code=migrations.RunPython.noop),
migrations.RunSQL(
    "DROP TABLE IF EXISTS account_emailaddress;",
    reverse_sql="""
    -- line 14 drops account_emailaddress: recreate it from its last definition in the earlier migrations (the rows cannot come back)
    DO $$ BEGIN RAISE EXCEPTION 'irreversible: line 14 drops account_emailaddress: recreate it from its last definition in the earlier migrations (the rows cannot come back)'; END $$;
    """,
)`,
      ],
    },
    {
      framework: "django",
      name: "a schema change with RunPython without reverse_code, in a project whose other RunPython steps have reverses: an error",
      path: "authentication/migrations/0008_case.py",
      files: others(2),
      code: alterAndFill,
      lines: [15],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "the same where the project's other RunPython steps (5 of 5) have no reverse_code: rolling back is a restore by policy, a warning that names the habit and the config line",
      path: "authentication/migrations/0008_case.py",
      files: others(0),
      code: alterAndFill,
      lines: [15],
      severities: ["warning"],
    },
    {
      framework: "django",
      name: "RunSQL DROP NOT NULL without reverse_sql on a NOT NULL and a nullable field: the reverse_sql sets NOT NULL back on the one 0001_initial created NOT NULL alone",
      path: "billing/migrations/0002_relax_invoice.py",
      files: {
        "billing/migrations/__init__.py": "",
        "billing/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Invoice",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("number", models.TextField()),
                ("memo", models.TextField(null=True)),
            ],
        ),
    ]
`,
      },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]

    operations = [
        migrations.RunSQL("ALTER TABLE billing_invoice ALTER COLUMN number DROP NOT NULL; ALTER TABLE billing_invoice ALTER COLUMN memo DROP NOT NULL;"),
    ]
`,
      lines: [8],
      fixes: [
        [
          "migrations.RunSQL(",
          '    """',
          "    ALTER TABLE billing_invoice ALTER COLUMN number DROP NOT NULL;",
          "    ALTER TABLE billing_invoice ALTER COLUMN memo DROP NOT NULL;",
          '    """,',
          '    reverse_sql="ALTER TABLE billing_invoice ALTER COLUMN number SET NOT NULL;  -- fails if rows with NULL were written since the up",',
          ")",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "RunSQL without reverse_sql that changes the schema: the fix's reverse_sql undoes each statement",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("billing", "0015_invoice_currency")]

    operations = [
        migrations.RunSQL("ALTER TABLE billing_invoice ADD COLUMN note text; CREATE INDEX billing_invoice_note_idx ON billing_invoice (note);"),
    ]
`,
      lines: [8],
      fixes: [
        [
          "migrations.RunSQL(",
          '    """',
          "    ALTER TABLE billing_invoice ADD COLUMN note text;",
          "    CREATE INDEX billing_invoice_note_idx ON billing_invoice (note);",
          '    """,',
          '    reverse_sql="""',
          "    DROP INDEX billing_invoice_note_idx;",
          "    ALTER TABLE billing_invoice DROP COLUMN note;",
          '    """,',
          ")",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "RunPython without reverse_code on a data-only migration that only adds rows: no schema to put back, a warning that a rollback stops here, and the noop reverse",
      code: `from django.db import migrations


def set_defaults(apps, schema_editor):
    Page = apps.get_model("page", "Page")
    Page.objects.get_or_create(slug="home")


class Migration(migrations.Migration):
    dependencies = [("page", "0012_page_slug")]

    operations = [
        migrations.RunPython(set_defaults),
    ]
`,
      lines: [13],
      severities: ["warning"],
      fixes: ["migrations.RunPython(set_defaults, reverse_code=migrations.RunPython.noop)  # one-way data change: unapplying leaves the rows as it left them (nothing in the schema to put back)"],
    },
    {
      framework: "django",
      name: "umap 0017: a RunSQL written over several lines (its string on the lines after the call, in adjacent literals) gets the same fix as a one-line one: its UPDATE's old values copied first and put back by reverse_sql, not a template",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0016_pictogram_category")]

    operations = [
        migrations.RunSQL(
            "UPDATE accounts_login "
            "SET provider = 'openstreetmap-oauth2' WHERE provider = 'openstreetmap'"
        ),
    ]
`,
      lines: [8],
      severities: ["warning"],
      fixes: [
        `# UPDATE accounts_login: RunSQL.noop alone does not restore the values it overwrites, so unapplying
# would report the migration undone while they stay overwritten. Keep a copy first (copy only the rows it changes if the table
# is large), in the same RunSQL before its statements: its reverse_sql puts them back.
# accounts_login's primary key is not in the migrations migguard read: the framework's id is assumed
migrations.RunSQL(
    """
    CREATE TABLE accounts_login_backup_0002 AS TABLE accounts_login;
    UPDATE accounts_login 
    SET provider = 'openstreetmap-oauth2' WHERE provider = 'openstreetmap';
    """,
    reverse_sql="""
    UPDATE accounts_login SET provider = b.provider FROM accounts_login_backup_0002 b WHERE accounts_login.id = b.id;
    DROP TABLE accounts_login_backup_0002;
    """,
)`,
      ],
    },
    {
      framework: "django",
      name: "umap 0014: a RunSQL UPDATE that only fills the column the same migration adds before it: unapplying drops the column right after, so reverse_sql=migrations.RunSQL.noop is the whole fix (no copy of the table)",
      path: "maps/migrations/0014_map_created_at.py",
      files: { "maps/migrations/0013_map.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Map",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("modified_at", models.DateTimeField(auto_now=True)),
            ],
        ),
    ]
` },
      code: `import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("maps", "0013_map")]

    operations = [
        migrations.AddField(
            model_name="map",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.RunSQL("UPDATE maps_map SET created_at = modified_at"),
    ]
`,
      lines: [15],
      fixes: [
        `migrations.RunSQL(
    "UPDATE maps_map SET created_at = modified_at;",
    reverse_sql=migrations.RunSQL.noop,  # it writes only maps_map.created_at, which this migration adds before it: unapplying removes it right after, so there is nothing to restore
)`,
      ],
    },
    {
      framework: "django",
      name: "tock 0014: a RunPython that only sets the field the same migration adds before it: unapplying drops the column right after, so reverse_code=migrations.RunPython.noop is the whole fix (no copy of the table)",
      path: "hours/migrations/0014_timecard_submitted.py",
      files: { "hours/migrations/0013_timecard.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Timecard",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("time_spent", models.DecimalField(max_digits=5, decimal_places=2, null=True)),
                ("note", models.TextField(null=True)),
            ],
        ),
    ]
` },
      code: `from django.db import models, migrations


def backfill(apps, schema_editor):
    timecard_model = apps.get_model("hours", "Timecard")
    to_submit = timecard_model.objects.filter(time_spent__isnull=False)
    to_submit.update(submitted=True)


class Migration(migrations.Migration):

    dependencies = [
        ("hours", "0013_timecard"),
    ]

    operations = [
        migrations.AddField(
            model_name="timecard",
            name="submitted",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(backfill),
    ]
`,
      lines: [22],
      fixes: ["migrations.RunPython(backfill, reverse_code=migrations.RunPython.noop)  # it writes only hours_timecard.submitted, which this migration adds before it: unapplying removes it right after, so there is nothing to restore"],
    },
    {
      framework: "django",
      name: "the same RunPython also overwrites a field an earlier migration made (note): its old values need the copy, so the fix keeps one first",
      path: "hours/migrations/0014_timecard_submitted.py",
      files: { "hours/migrations/0013_timecard.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Timecard",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("time_spent", models.DecimalField(max_digits=5, decimal_places=2, null=True)),
                ("note", models.TextField(null=True)),
            ],
        ),
    ]
` },
      code: `from django.db import models, migrations


def backfill(apps, schema_editor):
    timecard_model = apps.get_model("hours", "Timecard")
    to_submit = timecard_model.objects.filter(time_spent__isnull=False)
    to_submit.update(submitted=True, note="submitted")


class Migration(migrations.Migration):

    dependencies = [
        ("hours", "0013_timecard"),
    ]

    operations = [
        migrations.AddField(
            model_name="timecard",
            name="submitted",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(backfill),
    ]
`,
      lines: [22],
      fixes: [`# to_submit.update(submitted=True, note="submitted"): RunPython.noop alone does not restore the values it overwrites, so unapplying
# would report the migration undone while they stay overwritten. Keep a copy first (copy only the rows it changes if the table
# is large), in an operation before the RunPython: unapplying runs its reverse after the RunPython's, and puts them back.
migrations.RunSQL(
    "CREATE TABLE hours_timecard_backup_0014 AS TABLE hours_timecard",
    reverse_sql="UPDATE hours_timecard SET submitted = b.submitted, note = b.note FROM hours_timecard_backup_0014 b WHERE hours_timecard.id = b.id; DROP TABLE hours_timecard_backup_0014",
),
migrations.RunPython(backfill, reverse_code=migrations.RunPython.noop),`],
    },
    {
      framework: "django",
      name: "pydis-site 0092: a RunPython that deletes a row (the model asked for where it is used) gets no bare noop: a copy of the table first, by a RunSQL whose reverse puts the deleted rows back by their key",
      path: "pydis_site/apps/api/migrations/0092_remove_redirect_filter_list.py",
      files: {
        "pydis_site/apps/api/migrations/0091_filter_list.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="FilterList",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=50)),
                ("list_type", models.IntegerField()),
            ],
        ),
    ]
`,
      },
      code: `from django.db import migrations
from django.apps.registry import Apps
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def forward(apps: Apps, _: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("api", "FilterList").objects.filter(name="redirect").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0091_filter_list"),
    ]

    operations = [migrations.RunPython(forward, elidable=True)]
`,
      lines: [16],
      severities: ["warning"],
      fixes: [
        `# apps.get_model("api", "FilterList").objects.filter(name="redirect").delete(): RunPython.noop alone does not restore the rows it deletes, so unapplying
# would report the migration undone while they stay deleted. Keep a copy first (copy only the rows it changes if the table
# is large), in an operation before the RunPython: unapplying runs its reverse after the RunPython's, and puts them back.
migrations.RunSQL(
    "CREATE TABLE api_filterlist_backup_0092 AS TABLE api_filterlist",
    reverse_sql="INSERT INTO api_filterlist SELECT b.* FROM api_filterlist_backup_0092 b WHERE NOT EXISTS (SELECT 1 FROM api_filterlist x WHERE x.id = b.id); DROP TABLE api_filterlist_backup_0092",
),
migrations.RunPython(forward, elidable=True, reverse_code=migrations.RunPython.noop),`,
      ],
    },
    {
      framework: "django",
      name: "a RunPython of a staticmethod of the Migration class that deletes rows: read as a module function is, so the copy first, not a bare noop",
      path: "api/migrations/0002_drop_redirect.py",
      files: {
        "api/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="FilterList",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=50)),
            ],
        ),
    ]
`,
      },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    @staticmethod
    def forward(apps, schema_editor):
        apps.get_model("api", "FilterList").objects.filter(name="redirect").delete()

    operations = [migrations.RunPython(forward)]
`,
      lines: [11],
      severities: ["warning"],
      fixes: [
        `# apps.get_model("api", "FilterList").objects.filter(name="redirect").delete(): RunPython.noop alone does not restore the rows it deletes, so unapplying
# would report the migration undone while they stay deleted. Keep a copy first (copy only the rows it changes if the table
# is large), in an operation before the RunPython: unapplying runs its reverse after the RunPython's, and puts them back.
migrations.RunSQL(
    "CREATE TABLE api_filterlist_backup_0002 AS TABLE api_filterlist",
    reverse_sql="INSERT INTO api_filterlist SELECT b.* FROM api_filterlist_backup_0002 b WHERE NOT EXISTS (SELECT 1 FROM api_filterlist x WHERE x.id = b.id); DROP TABLE api_filterlist_backup_0002",
),
migrations.RunPython(forward, reverse_code=migrations.RunPython.noop),`,
      ],
    },
    {
      framework: "django",
      name: "a RunPython of a plain def in the Migration class body that only adds rows: the noop reverse is kept",
      path: "api/migrations/0002_add_redirect.py",
      files: {
        "api/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="FilterList",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=50)),
            ],
        ),
    ]
`,
      },
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    def forward(apps, schema_editor):
        apps.get_model("api", "FilterList").objects.get_or_create(name="redirect")

    operations = [migrations.RunPython(forward)]
`,
      lines: [10],
      severities: ["warning"],
      fixes: ["migrations.RunPython(forward, reverse_code=migrations.RunPython.noop)  # one-way data change: unapplying leaves the rows as it left them (nothing in the schema to put back)"],
    },
    {
      framework: "django",
      name: "a RunPython of the function a module factory returns (make_cleanup(...) returns its inner def, which deletes rows): the copy first, not a bare noop",
      path: "api/migrations/0002_drop_redirect.py",
      files: {
        "api/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="FilterList",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=50)),
            ],
        ),
    ]
`,
      },
      code: `from django.db import migrations


def make_cleanup(name):
    def cleanup(apps, schema_editor):
        apps.get_model("api", "FilterList").objects.filter(name=name).delete()

    return cleanup


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [migrations.RunPython(make_cleanup("redirect"))]
`,
      lines: [14],
      severities: ["warning"],
      fixes: [
        `# apps.get_model("api", "FilterList").objects.filter(name=name).delete(): RunPython.noop alone does not restore the rows it deletes, so unapplying
# would report the migration undone while they stay deleted. Keep a copy first (copy only the rows it changes if the table
# is large), in an operation before the RunPython: unapplying runs its reverse after the RunPython's, and puts them back.
migrations.RunSQL(
    "CREATE TABLE api_filterlist_backup_0002 AS TABLE api_filterlist",
    reverse_sql="INSERT INTO api_filterlist SELECT b.* FROM api_filterlist_backup_0002 b WHERE NOT EXISTS (SELECT 1 FROM api_filterlist x WHERE x.id = b.id); DROP TABLE api_filterlist_backup_0002",
),
migrations.RunPython(make_cleanup("redirect"), reverse_code=migrations.RunPython.noop),`,
      ],
    },
    {
      framework: "django",
      name: "pydis-site 0094: rows moved to new models (get_or_create, bulk_create), then the fetched setting deleted: the copy of api_botsetting alone, restored by its key",
      path: "pydis_site/apps/api/migrations/0094_migrate_mailing_listdata.py",
      code: `from django.db import migrations


def migrate_mailing_lists_into_new_model(apps, schema_editor):
    BotSetting = apps.get_model('api', 'BotSetting')
    MailingList = apps.get_model('api', 'MailingList')
    MailingListSeenItem = apps.get_model('api', 'MailingListSeenItem')
    try:
        setting = BotSetting.objects.get(name='news')
    except BotSetting.DoesNotExist:
        return

    for list_name, item_hashes in setting.data.items():
        (mailing_list, _created) = MailingList.objects.get_or_create(name=list_name)
        MailingListSeenItem.objects.bulk_create(
            MailingListSeenItem(list=mailing_list, hash=item_hash)
            for item_hash in item_hashes
        )

    setting.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0093_add_mailing_lists'),
    ]

    operations = [
        migrations.RunPython(migrate_mailing_lists_into_new_model, elidable=True)
    ]
`,
      lines: [30],
      severities: ["warning"],
      fixes: [
        `# setting.delete(): RunPython.noop alone does not restore the rows it deletes, so unapplying
# would report the migration undone while they stay deleted. Keep a copy first (copy only the rows it changes if the table
# is large), in an operation before the RunPython: unapplying runs its reverse after the RunPython's, and puts them back.
# api_botsetting's primary key is not in the migrations migguard read: the framework's id is assumed
migrations.RunSQL(
    "CREATE TABLE api_botsetting_backup_0094 AS TABLE api_botsetting",
    reverse_sql="INSERT INTO api_botsetting SELECT b.* FROM api_botsetting_backup_0094 b WHERE NOT EXISTS (SELECT 1 FROM api_botsetting x WHERE x.id = b.id); DROP TABLE api_botsetting_backup_0094",
),
migrations.RunPython(migrate_mailing_lists_into_new_model, elidable=True, reverse_code=migrations.RunPython.noop),`,
      ],
    },
    {
      framework: "django",
      name: "a RunPython that overwrites a field of some rows (update on a filtered queryset) and saves fetched instances: the copy's reverse sets the columns back by the key, every column of the model for save()",
      path: "page/migrations/0002_slugs.py",
      files: {
        "page/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Page",
            fields=[
                ("uid", models.BigAutoField(primary_key=True, serialize=False)),
                ("slug", models.SlugField()),
                ("title", models.CharField(max_length=100, db_column="heading")),
            ],
        ),
    ]
`,
      },
      code: `from django.db import migrations


def set_defaults(apps, schema_editor):
    Page = apps.get_model("page", "Page")
    Page.objects.filter(slug="").update(slug="home")
    for page in Page.objects.filter(title=""):
        page.title = page.slug
        page.save()


class Migration(migrations.Migration):
    dependencies = [("page", "0001_initial")]

    operations = [
        migrations.RunPython(set_defaults),
    ]
`,
      lines: [16],
      severities: ["warning"],
      fixes: [
        `# Page.objects.filter(slug="").update(slug="home"), page.save(): RunPython.noop alone does not restore the values it overwrites, so unapplying
# would report the migration undone while they stay overwritten. Keep a copy first (copy only the rows it changes if the table
# is large), in an operation before the RunPython: unapplying runs its reverse after the RunPython's, and puts them back.
migrations.RunSQL(
    "CREATE TABLE page_page_backup_0002 AS TABLE page_page",
    reverse_sql="UPDATE page_page SET slug = b.slug, heading = b.heading FROM page_page_backup_0002 b WHERE page_page.uid = b.uid; DROP TABLE page_page_backup_0002",
),
migrations.RunPython(set_defaults, reverse_code=migrations.RunPython.noop),`,
      ],
    },
    {
      framework: "django",
      name: "RunSQL without reverse_sql, even inside SeparateDatabaseAndState (data only: a warning); its UPDATE overwrites values, so the fix copies the table first in the same RunSQL and its reverse_sql sets them back, not RunSQL.noop",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("billing", "0014_invoice_number")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL("UPDATE billing_invoice SET currency = 'EUR' WHERE currency IS NULL"),
            ],
        ),
    ]
`,
      lines: [10],
      severities: ["warning"],
      fixes: [
        `# UPDATE billing_invoice SET currency = 'EUR' WHERE currency IS NULL: RunSQL.noop alone does not restore the values it overwrites, so unapplying
# would report the migration undone while they stay overwritten. Keep a copy first (copy only the rows it changes if the table
# is large), in the same RunSQL before its statements: its reverse_sql puts them back.
# billing_invoice's primary key is not in the migrations migguard read: the framework's id is assumed
migrations.RunSQL(
    """
    CREATE TABLE billing_invoice_backup_0002 AS TABLE billing_invoice;
    UPDATE billing_invoice SET currency = 'EUR' WHERE currency IS NULL;
    """,
    reverse_sql="""
    UPDATE billing_invoice SET currency = b.currency FROM billing_invoice_backup_0002 b WHERE billing_invoice.id = b.id;
    DROP TABLE billing_invoice_backup_0002;
    """,
)`,
      ],
    },
    {
      framework: "django",
      name: "RunPython without reverse_code beside a schema change: the rollback cannot put the column back, an error",
      code: `from django.db import migrations, models


def fill_slugs(apps, schema_editor):
    Page = apps.get_model("page", "Page")
    Page.objects.filter(slug__isnull=True).update(slug="home")


class Migration(migrations.Migration):
    dependencies = [("page", "0012_page_title")]

    operations = [
        migrations.AddField(model_name="page", name="slug", field=models.SlugField(null=True)),
        migrations.RunPython(fill_slugs),
    ]
`,
      lines: [14],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "a RunSQL that only validates a NOT VALID foreign key, without reverse_sql: nothing to undo, only the stop of unapplying costs; a note whose fix is the noop reverse",
      path: "shop/migrations/0002_validate_order_customer_fk.py",
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.RunSQL("ALTER TABLE shop_order VALIDATE CONSTRAINT shop_order_customer_fk"),
    ]
`,
      lines: [8],
      severities: ["info"],
      messages: ["but its up only validates shop_order_customer_fk on shop_order"],
      fixes: ['migrations.RunSQL(\n    "ALTER TABLE shop_order VALIDATE CONSTRAINT shop_order_customer_fk;",\n    reverse_sql=migrations.RunSQL.noop,  # nothing to undo: the up only validates constraints, which changes no schema and no row\n)'],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "RunPython with a reverse (noop counts: nothing to undo)",
      code: `from django.db import migrations


def set_defaults(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("page", "0012_page_slug")]

    operations = [
        migrations.RunPython(set_defaults, reverse_code=migrations.RunPython.noop),
        migrations.RunSQL("UPDATE page_page SET slug = 'home' WHERE slug = ''", reverse_sql=migrations.RunSQL.noop),
    ]
`,
    },
    {
      framework: "django",
      name: "schema operations: Django derives their reverse",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("page", "0012_page_slug")]

    operations = [
        migrations.AddField(model_name="page", name="summary", field=models.TextField(null=True)),
        migrations.RemoveField(model_name="page", name="legacy_summary"),
    ]
`,
    },
  ],
});
