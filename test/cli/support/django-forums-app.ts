/**
 * webkom/lego's forums app (replay 42), cut down: the users app with the user model, the forums app with a Thread
 * keyed to it, and the migration that deletes Thread; the settings module installing the apps given. The fixture of
 * the uninstalled-app tests through `migguard lint` / `review` and through the App.
 */
export const settings = (...apps: string[]) => `INSTALLED_APPS = [\n    "django.contrib.auth",\n${apps.map((a) => `    "${a}",\n`).join("")}]\n\nAUTH_USER_MODEL = "users.User"\n`;
/** lego's development.py: the base's list grown by literals */
export const DEVELOPMENT = `from .base import INSTALLED_APPS\n\nINSTALLED_APPS += ["debug_toolbar"]\n`;

export const usersInitial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="User", fields=[("id", models.AutoField(primary_key=True, serialize=False))]),
    ]
`;

export const forumsInitial = `from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        migrations.CreateModel(
            name="Thread",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("title", models.CharField(max_length=255)),
                ("created_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
            ],
        ),
    ]
`;

export const forumsDelete = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="thread", name="created_by"),
        migrations.DeleteModel(name="Thread"),
    ]
`;
