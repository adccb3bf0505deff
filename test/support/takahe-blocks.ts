/**
 * takahe's users app before blocking shipped (b44be55609's base), as the `migguard review` and App tests rebuild it:
 * Identity and Block, whose rows no code of that branch creates, and the migration that gives Block a state and a
 * unique set.
 */
export const BLOCK_INITIAL = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(name="Identity", fields=[("id", models.BigAutoField(primary_key=True)), ("state_ready", models.BooleanField(default=True))]),
        migrations.CreateModel(
            name="Block",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("mute", models.BooleanField()),
                ("source", models.ForeignKey(on_delete=models.CASCADE, related_name="outbound_blocks", to="users.identity")),
                ("target", models.ForeignKey(on_delete=models.CASCADE, related_name="inbound_blocks", to="users.identity")),
            ],
        ),
    ]
`;

export const BLOCK_STATES = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]

    operations = [
        migrations.AddField(model_name="block", name="state", field=models.CharField(default="new", max_length=100)),
        migrations.AlterUniqueTogether(name="block", unique_together={("source", "target", "mute")}),
    ]
`;

/** users/models.py: Identity on `identityBase` (imported by `imports`), Block with `state` as its last lines. */
export const blockModels = (state: string, identityBase = "models.Model", imports = "") => `from django.db import models
${imports}

class Identity(${identityBase}):
    pass


class Block(models.Model):
    source = models.ForeignKey(Identity, on_delete=models.CASCADE, related_name="outbound_blocks")
    target = models.ForeignKey(Identity, on_delete=models.CASCADE, related_name="inbound_blocks")
    mute = models.BooleanField()
${state}`;

/** The JSON-LD context that names the ActivityStreams type Block as a key: no model reference. */
export const LD_CONTEXT = 'LD_CONTEXT = {\n    "Block": "as:Block",\n    "Follow": "as:Follow",\n}\n';

/** Code that creates blocks (the change adds it). */
export const BLOCKING = "from users.models import Block\n\n\ndef block(source, target):\n    return Block.objects.create(source=source, target=target, mute=False)\n";

/** stator/models.py: the abstract StatorModel the models inherit, with `field` (takahe's state_ready) or without. */
export const statorModels = (field: string) => `from django.db import models


class StatorModel(models.Model):
${field}    state_locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
`;
