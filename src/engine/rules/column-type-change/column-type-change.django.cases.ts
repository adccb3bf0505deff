import { DJANGO_INITIAL } from "../../testing/python-fixtures.js";
import { defineCases } from "../support/rule.js";

/** app's Order model as a django-solo singleton: its table holds one row */
const SOLO_ORDER = { ...DJANGO_INITIAL, "app/models.py": "from django.db import models\nfrom solo.models import SingletonModel\n\n\nclass Order(SingletonModel):\n    number = models.CharField(max_length=200)\n" };

/** AlterField of app_order's `field` to `definition` on line 7 */
const ALTER_ORDER = (field: string, definition: string) => `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterField(model_name="order", name="${field}", field=${definition})]
`;

/** manage.get.gov's tribe table (trimmed): a varchar email and a NOT NULL integer code. */
export const TRIBE_INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="FederalTribe",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("email", models.EmailField(max_length=320, null=True, blank=True)),
                ("code", models.IntegerField()),
            ],
        ),
    ]
`;

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "manage.get.gov 0191: CharField -> ArrayField(EmailField): Django's USING email::varchar(320)[] stops at the first address (not an array literal), so the trigger and the fill keep each value as the array's one element (a plain assignment of varchar to varchar[] fails too)",
      path: "registrar/migrations/0002_tribe_email_array.py",
      files: { "registrar/migrations/0001_initial.py": TRIBE_INITIAL },
      code: `import django.contrib.postgres.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registrar", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="federaltribe",
            name="email",
            field=django.contrib.postgres.fields.ArrayField(base_field=models.EmailField(max_length=320), blank=True, default=list, null=True, size=None),
        ),
    ]
`,
      lines: [9],
      messages: ["registrar_federaltribe"],
    },
    {
      framework: "django",
      name: "a NOT NULL IntegerField -> CharField and a UniqueConstraint over it in the same migration: the swap restores NOT NULL (CHECK NOT VALID, VALIDATE, SET NOT NULL) and builds the unique key over the new column, since DROP COLUMN takes the one added on the old",
      path: "registrar/migrations/0002_tribe_code_text.py",
      files: { "registrar/migrations/0001_initial.py": TRIBE_INITIAL },
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registrar", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="federaltribe",
            name="code",
            field=models.CharField(max_length=20),
        ),
        migrations.AddConstraint(
            model_name="federaltribe",
            constraint=models.UniqueConstraint(fields=["code"], name="unique_tribe_code"),
        ),
    ]
`,
      lines: [8],
      messages: ["registrar_federaltribe"],
    },
    {
      framework: "django",
      name: "an EmailField (varchar(254)) to CIEmailField (citext): no row rewritten, a note that any index on the column is rebuilt",
      code: `import django.contrib.postgres.fields.citext
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterField(model_name="customer", name="email", field=django.contrib.postgres.fields.citext.CIEmailField(max_length=254))]
`,
      files: DJANGO_INITIAL,
      lines: [8],
      severities: ["info"],
      messages: ["is binary-coercible (the citext extension's casts are WITHOUT FUNCTION), so no row is rewritten, but any index on app_customer.email is rebuilt"],
    },
    {
      framework: "django",
      name: "a django-solo singleton's column rewritten (integer -> text on its one row): a note that says why",
      code: ALTER_ORDER("quantity", "models.TextField(null=True)"),
      files: SOLO_ORDER,
      lines: [7],
      severities: ["info"],
      messages: ["is a django-solo singleton (Order extends solo.models.SingletonModel): app_order holds one row"],
    },
    {
      framework: "django",
      name: "a django-solo singleton's key to bigint: Django rewrites the referencing columns of other tables with it, which may be large: the error stays",
      code: ALTER_ORDER("id", "models.IntegerField(primary_key=True)"),
      files: SOLO_ORDER,
      lines: [7],
      severities: ["error"],
    },
    {
      framework: "django",
      name: "a package's field class the project does not define (django_countries' CountryField): its max_length still gives the type, varchar(200) -> varchar(2) rewrites",
      code: `from django.db import migrations
import django_countries.fields


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterField(model_name="order", name="number", field=django_countries.fields.CountryField(max_length=2))]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "lutris common 0015: a package's MarkupField (a text column) to TextField: the old class's column type is unknown, so no rewrite is claimed and no swap offered, a note says how to read the type",
      path: "common/migrations/0002_news_content_text.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]

    operations = [migrations.AlterField(model_name="news", name="content", field=models.TextField(blank=True))]
`,
      files: {
        "common/migrations/0001_initial.py": `from django.db import migrations, models
import markupfield.fields


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [migrations.CreateModel(name="News", options={"db_table": "news"}, fields=[("id", models.AutoField(primary_key=True)), ("content", markupfield.fields.MarkupField(rendered_field=True))])]
`,
      },
      lines: [7],
      severities: ["info"],
      messages: ["its previous field class MarkupField is not Django's and the project files do not define it, so its column type is unknown"],
      fixes: [
        [
          "# MarkupField's column type decides: read it where the migration runs",
          "#   SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'news'::regclass AND attname = 'content';",
          "# already text (or a type this changes in the catalog alone): the AlterField changes Django's state only; keep it as written.",
          "# another type on a large table: the change rewrites news under ACCESS EXCLUSIVE; convert it with a new column kept in step by a trigger instead.",
        ].join("\n"),
      ],
    },
    {
      framework: "django",
      name: "the project's own field class, resolved through its bases (an IntegerField) to TextField: the rewrite is known and the swap offered",
      path: "common/migrations/0002_news_rank_text.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]

    operations = [migrations.AlterField(model_name="news", name="rank", field=models.TextField(blank=True))]
`,
      files: {
        "common/migrations/0001_initial.py": `from django.db import migrations, models
import common.fields


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [migrations.CreateModel(name="News", options={"db_table": "news"}, fields=[("id", models.AutoField(primary_key=True)), ("rank", common.fields.RankField())])]
`,
        "common/fields.py": `from django.db import models


class RankField(models.IntegerField):
    pass
`,
      },
      lines: [7],
      severities: ["error"],
      messages: ["integer -> text rewrites the whole table"],
    },
    {
      framework: "django",
      name: "lutris platforms 0011: AutoField -> BigAutoField of a key other apps reference, through the join table of a ManyToManyField (games_game_platforms.platform_id) and a ForeignKey (runners_runner.platform_id), each app's label its folder's (its 0001_initial depends on platforms' 0001_initial, never on itself): their columns are converted with it and their FOREIGN KEYs (Django's names) dropped before DROP COLUMN id, which would fail on them",
      path: "platforms/migrations/0002_alter_platform_id.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("platforms", "0001_initial")]

    operations = [migrations.AlterField(model_name="platform", name="id", field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))]
`,
      files: {
        "platforms/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [migrations.CreateModel(name="Platform", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")), ("name", models.CharField(max_length=127))])]
`,
        "games/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [("platforms", "0001_initial")]

    operations = [migrations.CreateModel(name="Game", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")), ("platforms", models.ManyToManyField(to="platforms.Platform"))])]
`,
        "runners/migrations/0001_initial.py": `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = [("platforms", "0001_initial")]

    operations = [migrations.CreateModel(name="Runner", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")), ("platform", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="platforms.platform"))])]
`,
      },
      lines: [7],
      messages: ["the fix converts platforms_platform.id and games_game_platforms.platform_id, runners_runner.platform_id together"],
    },
    {
      framework: "django",
      name: "AutoField -> BigAutoField on PostgreSQL 9 (postgres_version: 9): the trigger says EXECUTE PROCEDURE, and the new key is numbered by a serial's sequence, as the Django of a 9.x database makes it (identity columns are PostgreSQL 10+)",
      path: "platforms/migrations/0002_alter_platform_id.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("platforms", "0001_initial")]

    operations = [migrations.AlterField(model_name="platform", name="id", field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))]
`,
      files: {
        "platforms/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [migrations.CreateModel(name="Platform", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")), ("name", models.CharField(max_length=127))])]
`,
      },
      config: { postgres_version: 9 },
      lines: [7],
    },
    {
      framework: "django",
      name: "AutoField -> BigAutoField of a key the join table of the app's own ManyToManyField references (lutris games_game_provider_games): the join table's column is converted with it, its FOREIGN KEY dropped and added back NOT VALID",
      path: "platforms/migrations/0002_alter_platform_id.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("platforms", "0001_initial")]

    operations = [migrations.AlterField(model_name="platform", name="id", field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))]
`,
      files: {
        "platforms/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Platform", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))]),
        migrations.CreateModel(name="Bundle", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")), ("platforms", models.ManyToManyField(to="platforms.platform"))]),
    ]
`,
      },
      lines: [7],
      messages: ["the fix converts platforms_platform.id and platforms_bundle_platforms.platform_id together"],
    },
    {
      framework: "django",
      name: "lutris tosec 0006: AutoField -> BigAutoField of a key whose model, and the model whose ForeignKey references it, were renamed (RenameModel): the key follows the renames, under the name Django gave it when it altered the ForeignKey for the new table",
      path: "tosec/migrations/0003_alter_toseccategory_id.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tosec", "0002_rename")]

    operations = [migrations.AlterField(model_name="toseccategory", name="id", field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))]
`,
      files: {
        "tosec/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Category", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))]),
        migrations.CreateModel(name="Game", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")), ("category", models.ForeignKey(to="tosec.Category", on_delete=models.CASCADE))]),
    ]
`,
        "tosec/migrations/0002_rename.py": `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("tosec", "0001_initial")]

    operations = [migrations.RenameModel(old_name="Category", new_name="TosecCategory"), migrations.RenameModel(old_name="Game", new_name="TosecGame")]
`,
      },
      lines: [7],
      messages: ["the fix converts tosec_toseccategory.id and tosec_tosecgame.category_id together"],
    },
    {
      framework: "django",
      name: "AutoField -> BigAutoField of a table whose name is too long for <table>_pkey_new (open-forms registrations_objects_api_objectsapisubmissionattachment): the new key column added in SQL, never a second, nullable BigAutoField primary key; the unique index named as PostgreSQL shortens names",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registrations_objects_api", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="objectsapisubmissionattachment",
            name="id",
            field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
        ),
    ]
`,
      path: "registrations_objects_api/migrations/0002_bigint_ids.py",
      files: {
        "registrations_objects_api/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ObjectsAPISubmissionAttachment",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("document_url", models.URLField(max_length=1000)),
            ],
        ),
    ]
`,
      },
      lines: [8],
    },
    {
      framework: "django",
      name: "AutoField -> BigAutoField of a key other models' ForeignKeys reference: their columns are converted with it in SQL (Django's ForeignKey takes its key's type), the constraints Django named (md5 in the name, DEFERRABLE) dropped and added back NOT VALID; the key's new column added in SQL (the state holds one primary key) and numbered by an identity that goes on after the highest id; the index Django built for the ForeignKey (which DROP COLUMN takes) built again CONCURRENTLY over the new column in the non-atomic index migration and renamed to Django's name in the swap",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="author",
            name="id",
            field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
        ),
    ]
`,
      path: "library/migrations/0002_bigint_ids.py",
      files: {
        "library/migrations/0001_initial.py": `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Author",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100)),
            ],
        ),
        migrations.CreateModel(
            name="Book",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200)),
                ("author", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="library.author")),
            ],
        ),
    ]
`,
      },
      lines: [8],
      fixes: ["# library_author.id and the columns that reference it (library_book.author_id) converted together:\n# a FOREIGN KEY holds only between columns of compatible types. A column of the new type beside each, kept converted by a trigger\n# while the code writes the old one; each filled in batches; one swap exchanges them all, the keys added back NOT VALID:\nmigrations.RunSQL(\n    \"ALTER TABLE library_author ADD COLUMN id_new bigint\",\n    reverse_sql=\"ALTER TABLE library_author DROP COLUMN id_new\",\n),\nmigrations.RunSQL(\n    \"\"\"\n    CREATE FUNCTION library_author_sync_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\n    BEGIN\n      NEW.id_new := NEW.id::bigint;\n      RETURN NEW;\n    END $$;\n    CREATE TRIGGER library_author_sync_id_new BEFORE INSERT OR UPDATE ON library_author\n      FOR EACH ROW EXECUTE FUNCTION library_author_sync_id_new();\n    ALTER TABLE library_author ADD CONSTRAINT library_author_id_new_not_null CHECK (id_new IS NOT NULL) NOT VALID;\n    \"\"\",\n    reverse_sql=\"\"\"\nDROP TRIGGER library_author_sync_id_new ON library_author;\nDROP FUNCTION library_author_sync_id_new();\n\"\"\",\n),\nmigrations.RunSQL(\n    \"ALTER TABLE library_book ADD COLUMN author_id_new bigint\",\n    reverse_sql=\"ALTER TABLE library_book DROP COLUMN author_id_new\",\n),\nmigrations.RunSQL(\n    \"\"\"\n    CREATE FUNCTION library_book_sync_author_id_new() RETURNS trigger LANGUAGE plpgsql AS $$\n    BEGIN\n      NEW.author_id_new := NEW.author_id;\n      RETURN NEW;\n    END $$;\n    CREATE TRIGGER library_book_sync_author_id_new BEFORE INSERT OR UPDATE ON library_book\n      FOR EACH ROW EXECUTE FUNCTION library_book_sync_author_id_new();\n    ALTER TABLE library_book ADD CONSTRAINT library_book_author_id_new_not_null CHECK (author_id_new IS NOT NULL) NOT VALID;\n    \"\"\",\n    reverse_sql=\"\"\"\nDROP TRIGGER library_book_sync_author_id_new ON library_book;\nDROP FUNCTION library_book_sync_author_id_new();\n\"\"\",\n),\n\n# then a new migration, library/migrations/0003_fill_library_author_id_new.py:\nfrom django.db import migrations\n\ndef fill_library_author_id_new(apps, schema_editor):\n    # 1000 rows a statement, each committed on its own (atomic = False), until one updates nothing\n    with schema_editor.connection.cursor() as cursor:\n        while True:\n            cursor.execute(\"UPDATE library_author SET id_new = id::bigint WHERE ctid IN (SELECT ctid FROM library_author WHERE id_new IS DISTINCT FROM id::bigint LIMIT 1000)\")\n            if cursor.rowcount == 0:\n                break\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [(\"library\", \"0002_bigint_ids\")]\n\n    operations = [\n        migrations.RunPython(fill_library_author_id_new, migrations.RunPython.noop),\n    ]\n\n# then a new migration, library/migrations/0004_fill_library_book_author_id_new.py:\nfrom django.db import migrations\n\ndef fill_library_book_author_id_new(apps, schema_editor):\n    # 1000 rows a statement, each committed on its own (atomic = False), until one updates nothing\n    with schema_editor.connection.cursor() as cursor:\n        while True:\n            cursor.execute(\"UPDATE library_book SET author_id_new = author_id WHERE ctid IN (SELECT ctid FROM library_book WHERE author_id_new IS DISTINCT FROM author_id::bigint LIMIT 1000)\")\n            if cursor.rowcount == 0:\n                break\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [(\"library\", \"0003_fill_library_author_id_new\")]\n\n    operations = [\n        migrations.RunPython(fill_library_book_author_id_new, migrations.RunPython.noop),\n    ]\n\n# then a new migration, library/migrations/0005_index_library_author_id_new.py:\nfrom django.db import migrations\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [(\"library\", \"0004_fill_library_book_author_id_new\")]\n\n    operations = [\n        migrations.RunSQL(\n            \"CREATE UNIQUE INDEX CONCURRENTLY library_author_pkey_new ON library_author (id_new)\",\n            reverse_sql=migrations.RunSQL.noop,\n        ),\n        migrations.RunSQL(\n            \"CREATE INDEX CONCURRENTLY library_book_author_id_d9a3b67e_new ON library_book (author_id_new)\",\n            reverse_sql=migrations.RunSQL.noop,\n        ),\n    ]\n\n# then a new migration, library/migrations/0006_swap_library_author_id.py:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"library\", \"0005_index_library_author_id_new\")]\n\n    operations = [\n        # the earlier migrations create library_author with CreateModel, whose constraints and indexes on id migguard rebuilds here as far as it reads them: list them (\\d library_author) and rebuild on id_new any other that reads id; FOREIGN KEYs that reference id must be dropped before the swap and added back after it,\n        # the earlier migrations create library_book with CreateModel, whose constraints and indexes on author_id migguard rebuilds here as far as it reads them: list them (\\d library_book) and rebuild on author_id_new any other that reads author_id; FOREIGN KEYs that reference author_id must be dropped before the swap and added back after it,\n        migrations.RunSQL(\n            \"\"\"\n            -- the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail, and an index or constraint on it that the migrations do not show goes with it: create them again over the new one in the same step\n            ALTER TABLE library_author VALIDATE CONSTRAINT library_author_id_new_not_null;\n            ALTER TABLE library_author ALTER COLUMN id_new SET NOT NULL;\n            ALTER TABLE library_author DROP CONSTRAINT library_author_id_new_not_null;\n            DROP TRIGGER library_author_sync_id_new ON library_author;\n            DROP FUNCTION library_author_sync_id_new();\n            ALTER TABLE library_book VALIDATE CONSTRAINT library_book_author_id_new_not_null;\n            ALTER TABLE library_book ALTER COLUMN author_id_new SET NOT NULL;\n            ALTER TABLE library_book DROP CONSTRAINT library_book_author_id_new_not_null;\n            DROP TRIGGER library_book_sync_author_id_new ON library_book;\n            DROP FUNCTION library_book_sync_author_id_new();\n            -- the FOREIGN KEY of library_book (author_id) to library_author (id), under the name the database gave it (the framework's naming changed over its versions); added back below under today's\n            DO $$\n            DECLARE\n              fk_name name;\n            BEGIN\n              FOR fk_name IN SELECT c.conname FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = 'library_book'::regclass AND c.confrelid = 'library_author'::regclass\n                  AND c.conkey = ARRAY(SELECT a.attnum FROM unnest(ARRAY['author_id']::name[]) WITH ORDINALITY AS k(col, n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attname = k.col ORDER BY k.n) AND c.confkey = ARRAY(SELECT a.attnum FROM unnest(ARRAY['id']::name[]) WITH ORDINALITY AS k(col, n) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attname = k.col ORDER BY k.n)\n              LOOP\n                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', 'library_book', fk_name);\n              END LOOP;\n            END $$;\n            ALTER TABLE library_author DROP COLUMN id;\n            ALTER TABLE library_book DROP COLUMN author_id;\n            ALTER TABLE library_author RENAME COLUMN id_new TO id;\n            ALTER TABLE library_book RENAME COLUMN author_id_new TO author_id;\n            ALTER TABLE library_author ADD CONSTRAINT library_author_pkey PRIMARY KEY USING INDEX library_author_pkey_new;\n            ALTER TABLE library_book ADD CONSTRAINT library_book_author_id_d9a3b67e_fk_library_author_id FOREIGN KEY (author_id) REFERENCES library_author (id) NOT VALID DEFERRABLE INITIALLY DEFERRED;\n            ALTER TABLE library_author ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY;\n            SELECT setval(pg_get_serial_sequence('library_author', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM library_author), false);\n            ALTER INDEX library_book_author_id_d9a3b67e_new RENAME TO library_book_author_id_d9a3b67e;\n            \"\"\",\n            reverse_sql=migrations.RunSQL.noop,\n        ),\n        migrations.SeparateDatabaseAndState(\n            state_operations=[\n                migrations.AlterField(model_name=\"Author\", name=\"id\", field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name=\"ID\")),\n            ],\n        ),\n    ]\n\n# then a new migration, library/migrations/0007_validate_library_author_id_keys.py:\nfrom django.db import migrations\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"library\", \"0006_swap_library_author_id\")]\n\n    operations = [\n        migrations.RunSQL(\n            \"ALTER TABLE library_book VALIDATE CONSTRAINT library_book_author_id_d9a3b67e_fk_library_author_id\",\n            reverse_sql=migrations.RunSQL.noop,\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "IntegerField(db_index=True) -> CharField(db_index=True): Django's index of the field, and the varchar_pattern_ops `_like` index its AlterField adds on a varchar column, built CONCURRENTLY over the new column before the swap and given Django's names after it",
      path: "shop/migrations/0002_item_code_text.py",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="item", name="code", field=models.CharField(max_length=20, db_index=True)),
    ]
`,
      files: {
        "shop/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Item",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("code", models.IntegerField(db_index=True)),
            ],
        ),
    ]
`,
      },
      lines: [8],
      fixes: ["# code_new of the new type beside code, kept converted by a trigger while the code writes code:\nmigrations.AddField(model_name=\"Item\", name=\"code_new\", field=models.CharField(max_length=20, db_index=False, null=True)),\nmigrations.RunSQL(\n    \"\"\"\n    CREATE FUNCTION shop_item_sync_code_new() RETURNS trigger LANGUAGE plpgsql AS $$\n    BEGIN\n      NEW.code_new := NEW.code::varchar(20);\n      RETURN NEW;\n    END $$;\n    CREATE TRIGGER shop_item_sync_code_new BEFORE INSERT OR UPDATE ON shop_item\n      FOR EACH ROW EXECUTE FUNCTION shop_item_sync_code_new();\n    ALTER TABLE shop_item ADD CONSTRAINT shop_item_code_new_not_null CHECK (code_new IS NOT NULL) NOT VALID;\n    \"\"\",\n    reverse_sql=\"\"\"\nDROP TRIGGER shop_item_sync_code_new ON shop_item;\nDROP FUNCTION shop_item_sync_code_new();\n\"\"\",\n),\n\n# then a new migration, shop/migrations/0003_fill_shop_item_code_new.py:\nfrom django.db import migrations\n\ndef fill_shop_item_code_new(apps, schema_editor):\n    # 1000 rows a statement, each committed on its own (atomic = False), until one updates nothing\n    with schema_editor.connection.cursor() as cursor:\n        while True:\n            cursor.execute(\"UPDATE shop_item SET code_new = code::varchar(20) WHERE ctid IN (SELECT ctid FROM shop_item WHERE code_new IS DISTINCT FROM code::varchar(20) LIMIT 1000)\")\n            if cursor.rowcount == 0:\n                break\n\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [(\"shop\", \"0002_item_code_text\")]\n\n    operations = [\n        migrations.RunPython(fill_shop_item_code_new, migrations.RunPython.noop),\n    ]\n\n# then a new migration, shop/migrations/0004_index_shop_item_code_new.py:\nfrom django.db import migrations\n\nclass Migration(migrations.Migration):\n    atomic = False\n\n    dependencies = [(\"shop\", \"0003_fill_shop_item_code_new\")]\n\n    operations = [\n        migrations.RunSQL(\n            \"CREATE INDEX CONCURRENTLY shop_item_code_7fe3372d_new ON shop_item (code_new)\",\n            reverse_sql=migrations.RunSQL.noop,\n        ),\n        migrations.RunSQL(\n            \"CREATE INDEX CONCURRENTLY shop_item_code_7fe3372d_like_new ON shop_item (code_new varchar_pattern_ops)\",\n            reverse_sql=migrations.RunSQL.noop,\n        ),\n    ]\n\n# then a new migration, shop/migrations/0005_swap_shop_item_code.py:\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [(\"shop\", \"0004_index_shop_item_code_new\")]\n\n    operations = [\n        # the earlier migrations create shop_item with CreateModel, whose constraints and indexes on code migguard rebuilds here as far as it reads them: list them (\\d shop_item) and rebuild on code_new any other that reads code; FOREIGN KEYs that reference code must be dropped before the swap and added back after it,\n        migrations.RunSQL(\n            \"\"\"\n            -- the swap: short locks, no rewrite; a view that reads the old column makes DROP COLUMN fail, and an index or constraint on it that the migrations do not show goes with it: create them again over the new one in the same step\n            ALTER TABLE shop_item VALIDATE CONSTRAINT shop_item_code_new_not_null;\n            ALTER TABLE shop_item ALTER COLUMN code_new SET NOT NULL;\n            ALTER TABLE shop_item DROP CONSTRAINT shop_item_code_new_not_null;\n            DROP TRIGGER shop_item_sync_code_new ON shop_item;\n            DROP FUNCTION shop_item_sync_code_new();\n            ALTER TABLE shop_item DROP COLUMN code;\n            ALTER TABLE shop_item RENAME COLUMN code_new TO code;\n            ALTER INDEX shop_item_code_7fe3372d_new RENAME TO shop_item_code_7fe3372d;\n            ALTER INDEX shop_item_code_7fe3372d_like_new RENAME TO shop_item_code_7fe3372d_like;\n            \"\"\",\n            reverse_sql=migrations.RunSQL.noop,\n        ),\n        migrations.SeparateDatabaseAndState(\n            state_operations=[\n                migrations.RemoveField(model_name=\"Item\", name=\"code\"),\n                migrations.RenameField(model_name=\"Item\", old_name=\"code_new\", new_name=\"code\"),\n                migrations.AlterField(model_name=\"Item\", name=\"code\", field=models.CharField(max_length=20, db_index=True)),\n            ],\n        ),\n    ]"],
    },
    {
      framework: "django",
      name: "IntegerField -> CharField: the earlier migration gives the old type",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="quantity",
            field=models.CharField(max_length=10, null=True),
        )
    ]
`,
      files: DJANGO_INITIAL,
      lines: [8],
    },
    {
      framework: "django",
      name: "CharField(unique=True) -> UUIDField(default=uuid.uuid4, unique=True): the fix's new field has no unique and no default (rapidpro 0218)",
      code: `import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="group", name="uuid", field=models.UUIDField(default=uuid.uuid4, unique=True)),
    ]
`,
      files: {
        "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Group",
            fields=[("id", models.BigAutoField(primary_key=True)), ("uuid", models.CharField(max_length=36, unique=True))],
        ),
    ]
`,
      },
      lines: [10],
    },
    {
      framework: "django",
      name: "otm-core treemap 0003: RunSQL changes an AutoField key and the ForeignKey to itself to bigint: the key's numbering (a serial's sequence or an identity, whichever the Django that created the table made) read from the catalog and given to the new column before DROP COLUMN takes it, so inserts go on after the swap; the ForeignKey's constraint dropped by its columns, under whatever name the database gave it (South's, an older Django's), never a guessed one",
      path: "treemap/migrations/0003_change_audit_id_to_big_int.py",
      code: `from django.db import models, migrations


class Migration(migrations.Migration):
    dependencies = [("treemap", "0001_initial")]

    operations = [
        migrations.RunSQL(sql="ALTER TABLE treemap_audit ALTER COLUMN id TYPE bigint", reverse_sql="ALTER TABLE treemap_audit ALTER COLUMN id TYPE int"),
        migrations.RunSQL(sql="ALTER TABLE treemap_audit ALTER COLUMN ref_id TYPE bigint", reverse_sql="ALTER TABLE treemap_audit ALTER COLUMN ref_id TYPE int"),
    ]
`,
      files: {
        "treemap/migrations/0001_initial.py": `from django.db import models, migrations


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Audit",
            fields=[
                ("id", models.AutoField(verbose_name="ID", serialize=False, auto_created=True, primary_key=True)),
                ("action", models.IntegerField()),
            ],
        ),
        migrations.AddField(model_name="audit", name="ref", field=models.ForeignKey(to="treemap.Audit", null=True)),
    ]
`,
      },
      lines: [8, 9],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "bookwyrm 0233: AlterField to the project's PartialDateField, whose base is a DateTimeField: the column stays timestamptz, nothing is rewritten",
      path: "app/migrations/0002_author_born.py",
      code: `from django.db import migrations
import app.models.fields


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [migrations.AlterField(model_name="author", name="born", field=app.models.fields.PartialDateField(blank=True, null=True))]
`,
      files: {
        "app/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [migrations.CreateModel(name="Author", fields=[("id", models.AutoField(primary_key=True)), ("born", models.DateTimeField(null=True))])]
`,
        "app/models/fields.py": `from django.db import models


class PartialDateModel(models.DateTimeField):
    pass


class PartialDateField(PartialDateModel):
    pass
`,
      },
    },
    {
      framework: "django",
      name: "raising max_length is metadata-only",
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]

    operations = [
        migrations.AlterField(model_name="order", name="number", field=models.CharField(max_length=255)),
        migrations.AlterField(model_name="order", name="note", field=models.TextField(null=True, blank=True)),
    ]
`,
      files: DJANGO_INITIAL,
    },
  ],
});
