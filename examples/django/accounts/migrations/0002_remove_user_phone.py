from django.db import migrations


def copy_phones(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.exclude(phone=None):
        user.save()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunPython(copy_phones),
        migrations.RemoveField(model_name="user", name="phone"),
    ]
