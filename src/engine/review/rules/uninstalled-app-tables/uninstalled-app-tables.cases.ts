import { defineReviewCases } from "../../review-rule.js";

/** lego's settings: the apps a literal list installs, the user model the users app's. */
const settings = (...apps: string[]) => `INSTALLED_APPS = [\n    "django.contrib.auth",\n${apps.map((a) => `    "${a}",\n`).join("")}]\n\nAUTH_USER_MODEL = "users.User"\n`;
const users = {
  "users/__init__.py": "",
  "users/migrations/__init__.py": "",
  "users/migrations/0001_initial.py": `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="AbakusGroup", fields=[("id", models.AutoField(primary_key=True, serialize=False))]),
    ]
`,
};
/** webkom/lego's forums 0001, cut down: a thread with a key and a many-to-many to users' groups. */
const forums = {
  "forums/__init__.py": "",
  "forums/migrations/__init__.py": "",
  "forums/migrations/0001_initial.py": `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = [("users", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Thread",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("title", models.CharField(max_length=255)),
                ("group", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to="users.abakusgroup")),
                ("can_view_groups", models.ManyToManyField(blank=True, related_name="can_view_threads", to="users.abakusgroup")),
            ],
        ),
    ]
`,
};
/** lego's forums 0002: the models deleted, in the change that uninstalls the app */
const deleteThread = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="thread", name="can_view_groups"),
        migrations.DeleteModel(name="Thread"),
    ]
`;
const dropInUsers = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS forums_thread_can_view_groups, forums_thread CASCADE;", reverse_sql=migrations.RunSQL.noop),
    ]
`;

export default defineReviewCases({
  invalid: [
    {
      name: "Django: the app leaves INSTALLED_APPS in the change that adds its DeleteModel (lego 62ade5903d): the tables stay, their keys to users' groups fail deletes",
      base: { "main/settings.py": settings("users", "forums"), ...users, ...forums },
      head: { "main/settings.py": settings("users"), "forums/migrations/0002_delete_thread.py": deleteThread },
      findings: [{ path: "forums/migrations/0002_delete_thread.py", line: 1, severity: "warning", message: "These stay in the database with their rows: forums_thread, forums_thread_can_view_groups." }],
    },
  ],
  valid: [
    {
      name: "Django: the app stays installed while its DeleteModel runs (Django's documented order)",
      base: { "main/settings.py": settings("users", "forums"), ...users, ...forums },
      head: { "forums/migrations/0002_delete_thread.py": deleteThread },
    },
    {
      name: "Django: the app leaves INSTALLED_APPS and a migration of an installed app the change adds drops its tables",
      base: { "main/settings.py": settings("users", "forums"), ...users, ...forums },
      head: { "main/settings.py": settings("users"), "forums/migrations/0002_delete_thread.py": deleteThread, "users/migrations/0002_drop_forums_tables.py": dropInUsers },
    },
  ],
});
