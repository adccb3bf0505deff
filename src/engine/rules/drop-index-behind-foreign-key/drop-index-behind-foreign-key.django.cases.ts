import { defineCases } from "../support/rule.js";

/** app's first migration: Post, and Comment whose `post` key is written `postKey`, then `more` operations */
const initialWith = (postKey: string, more = "") => ({
  "app/migrations/0001_initial.py": `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Post", fields=[("id", models.BigAutoField(primary_key=True))]),
        migrations.CreateModel(
            name="Comment",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("post", ${postKey}),
                ("created_at", models.DateTimeField()),
            ],
        ),
${more}    ]
`,
});

/** app.Comment.post: a ForeignKey, with the index Django builds for it (db_index, unnamed in the migration) */
const INITIAL = initialWith(`models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="app.post")`);

/** the same, the key's index a composite one (post, created_at) and the field's own turned off */
const COMPOSITE = initialWith(
  `models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, to="app.post")`,
  `        migrations.AddIndex(model_name="comment", index=models.Index(fields=["post", "created_at"], name="comment_post_created_idx")),\n`,
);

export default defineCases({
  invalid: [
    {
      framework: "django",
      name: "AlterField db_index=False on a ForeignKey drops its only index: every delete of a post scans the comments; the fix keeps it",
      files: INITIAL,
      code: `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.AlterField(
            model_name="comment",
            name="post",
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, to="app.post"),
        ),
    ]
`,
      lines: [8],
      severities: ["warning"],
      fixes: [
        "# Keep the index on app_comment (post_id): it is the only index of the foreign key app_comment_post_id_9ffeaa47_fk_app_post_id (post_id) -> app_post. Leave db_index=False out of the field Comment.post (line 8).\n" +
          "# If the key itself is no longer wanted, drop the key first (ALTER TABLE app_comment DROP CONSTRAINT app_comment_post_id_9ffeaa47_fk_app_post_id), then the index.",
      ],
    },
    {
      framework: "django",
      name: "RemoveIndex of the composite index the key relies on: the fix builds one on post_id concurrently before it",
      files: COMPOSITE,
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.RemoveIndex(model_name="comment", name="comment_post_created_idx"),
    ]
`,
      lines: [7],
      fixes: [
        [
          "# with atomic = False on the Migration (CREATE INDEX CONCURRENTLY cannot run in a transaction):",
          "# the foreign key app_comment_post_id_9ffeaa47_fk_app_post_id (post_id) -> app_post keeps an index on its columns, built before the drop",
          "migrations.RunSQL(",
          '    "CREATE INDEX CONCURRENTLY IF NOT EXISTS app_comment_post_id_idx ON app_comment (post_id)",',
          '    reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS app_comment_post_id_idx",',
          "),",
          'migrations.RemoveIndex(model_name="comment", name="comment_post_created_idx"),',
        ].join("\n"),
      ],
    },
  ],
  valid: [
    {
      framework: "django",
      name: "RemoveField: the column goes with its key and index",
      files: INITIAL,
      code: `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.RemoveField(model_name="comment", name="post"),
    ]
`,
    },
    {
      framework: "django",
      name: "db_index=False while an index leading with post stays: the key keeps an index",
      files: {
        "app/migrations/0001_initial.py": INITIAL["app/migrations/0001_initial.py"].replace(
          '        ),\n    ]\n',
          '        ),\n        migrations.AddIndex(model_name="comment", index=models.Index(fields=["post", "created_at"], name="comment_post_created_idx")),\n    ]\n',
        ),
      },
      code: `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.AlterField(
            model_name="comment",
            name="post",
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, to="app.post"),
        ),
    ]
`,
    },
    {
      framework: "django",
      name: "the replacement index added before the RemoveIndex",
      files: COMPOSITE,
      code: `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("app", "0001_initial")]
    operations = [
        migrations.AddIndex(model_name="comment", index=models.Index(fields=["post"], name="comment_post_idx")),
        migrations.RemoveIndex(model_name="comment", name="comment_post_created_idx"),
    ]
`,
    },
  ],
});
