/**
 * A Django app's first migration (a Job model with a title) and the next one renaming title to name: the change the
 * deploy-model tests review, whose rename-column finding is an error under an online deploy and a note offline.
 */
export const initial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Job", fields=[("id", models.AutoField(primary_key=True)), ("title", models.CharField(max_length=50))]),
    ]
`;

export const rename = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [
        migrations.RenameField(model_name="job", old_name="title", new_name="name"),
    ]
`;
